module

public import Zkvm.Air.V2.AluSpec
public import Zkvm.Air.V2.CpuMessages

/-!
# The ALU table's bus messages, as named fractions

`messages` of rust/verifier/src/air/rv32im/alu.rs pushes, per fraction in order, its
multiplicity and its fields, tag first: the EXEC receive (the request the CPU sends, its op
field `opField` = 64 use_imm + Σ OPS_f · flag_f, the program's op numbers), the U16 lookups of
the adder's limbs L and H, and the sign lookups 2 hi − 2^16 s of a (signed ops), of b (signed
ops but SLTI) and of imm (SLTI). The extracted `messages` computes them
(`Zkvm.Refinement.air.rv32im.alu.messages_spec`).
-/

@[expose] public section

noncomputable section

namespace Zkvm.Air.V2.Alu

open Zkvm.Field Zkvm.Air.Table Col
open Zkvm.Air.V2.Cpu (Fraction)

section Ring

variable {F : Type} [Lean.Grind.CommRing F]

/-- The EXEC op field: 64 for the immediate forms plus the op number of the set flag
(ADD 18, SUB 19, SLT 21, SLTU 22, BEQ 4, BNE 5, BLT 6, BGE 7, BLTU 8, BGEU 9, JALR 3). -/
def opField (r : Row F) : F :=
  64 * r useImm + 18 * r fAdd + 19 * r fSub + 21 * r fSlt + 22 * r fSltu + 4 * r fBeq +
    5 * r fBne + 6 * r fBlt + 7 * r fBge + 8 * r fBltu + 9 * r fBgeu + 3 * r fJalr

/-- 2 hi − 2^16 sign (`signRest` over any ring): below 2^16 exactly when sign is hi's top bit. -/
def signLookup (r : Row F) (hi sign : Nat) : F := 2 * r hi - 65536 * r sign

/-- **The ALU row's fractions**, in `messages`'s order. -/
def fractions (r : Row F) : List (Fraction F) :=
  [⟨-(real r), [10, opField r, r clk, r aLo, r aHi, r bLo, r bHi, r cLo, r cHi, r immLo,
     r immHi, r nextPc]⟩,
   ⟨real r, [5, r L]⟩,
   ⟨real r, [5, r H]⟩,
   ⟨signed r, [5, signLookup r aHi sa]⟩,
   ⟨signed r - r fSlt * r useImm, [5, signLookup r bHi sy]⟩,
   ⟨r fSlt * r useImm, [5, signLookup r immHi sy]⟩]

def messages (r : Row F) : List F := (fractions r).flatMap (fun f => f.mult :: f.fields)

end Ring

end Zkvm.Air.V2.Alu

end
