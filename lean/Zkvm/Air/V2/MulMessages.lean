module

public import Zkvm.Air.V2.MulSpec
public import Zkvm.Air.V2.CpuMessages

/-!
# The MUL table's bus messages, as named fractions

`messages` of rust/verifier/src/air/rv32im/mul.rs pushes the EXEC receive (op field
`opField` = 64 use_imm + Σ OPS_f · flag_f; a's limbs from its bytes), U8 of a's bytes (the top
one with its sign: byte − 256 s + 128 signed), U8 of b's bytes on multiplications, the POW2
lookup of the shift factor on shifts, U16 of P's limbs and of the carries and 4 × their sum, and
U16 of the shift amount's rest. The extracted `messages` computes them
(`Zkvm.Refinement.air.rv32im.mul.messages_spec`).
-/

@[expose] public section

noncomputable section

namespace Zkvm.Air.V2.Mul

open Zkvm.Field Zkvm.Air.Table Col
open Zkvm.Air.V2.Cpu (Fraction)

section Ring

variable {F : Type} [Lean.Grind.CommRing F]

/-- The EXEC op field: 64 for the immediate forms plus MUL 28, MULH 29, MULHSU 30, MULHU 31,
SLL 20, SRL 24, SRA 25. -/
def opField (r : Row F) : F :=
  64 * r useImm + 28 * r fMul + 29 * r fMulh + 30 * r fMulhsu + 31 * r fMulhu + 20 * r fSll +
    24 * r fSrl + 25 * r fSra

/-- The top byte's lookup value byte − 256 sign + 128 signed (`topByte` over any ring). -/
def topLookup (byte sign signed : F) : F := byte - 256 * sign + 128 * signed

/-- A lookup with multiplicity m of tag and value. -/
def look (m tag v : F) : Fraction F := ⟨m, [tag, v]⟩

/-- **The MUL row's fractions**, in `messages`'s order. -/
def fractions (r : Row F) : List (Fraction F) :=
  [⟨-(real r), [10, opField r, r clk, pair (r a0) (r (a0 + 1)), pair (r (a0 + 2)) (r (a0 + 3)),
     r bLo, r bHi, r cLo, r cHi, r immLo, r immHi, r nextPc]⟩,
   look (real r) 6 (r a0), look (real r) 6 (r (a0 + 1)), look (real r) 6 (r (a0 + 2)),
   look (real r) 6 (topLookup (r (a0 + 3)) (r sa) (aSigned r)),
   look (multiplies r) 6 (r m0), look (multiplies r) 6 (r (m0 + 1)),
   look (multiplies r) 6 (r (m0 + 2)),
   look (multiplies r) 6 (topLookup (r (m0 + 3)) (r sb) (r fMulh)),
   ⟨shifts r, [4, right r, r s, r m0, r (m0 + 1), r (m0 + 2), r (m0 + 3), r nz]⟩,
   look (real r) 5 (r cLo), look (real r) 5 (r cHi), look (real r) 5 (r xLo),
   look (real r) 5 (r xHi),
   look (real r) 5 (r k0), look (real r) 5 (r (k0 + 1)), look (real r) 5 (r (k0 + 2)),
   look (real r) 5 (r (k0 + 3)),
   look (real r) 5 (4 * (r k0 + r (k0 + 1) + r (k0 + 2) + r (k0 + 3))),
   look (shifts r) 5 (r t)]

def messages (r : Row F) : List F := (fractions r).flatMap (fun f => f.mult :: f.fields)

end Ring

end Zkvm.Air.V2.Mul

end
