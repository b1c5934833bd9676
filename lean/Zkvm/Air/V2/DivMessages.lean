module

public import Zkvm.Air.V2.DivSpec
public import Zkvm.Air.V2.MulMessages

/-!
# The DIV table's bus messages, as named fractions

`messages` of rust/verifier/src/air/rv32im/div.rs pushes the EXEC receive (op field
`opField` = DIV 32, DIVU 33, REM 34, REMU 35; b's limbs from y's bytes), U16 of 2 (a_hi − 2^15 sa)
(a's top bit, signed rows), U8 of q's and y's bytes (y's top one with its sign), U16 of r's limbs,
of the carries and of 4 × their sum, and on rows that compare the remainder U16 of d's limbs and
U8 of β + 1. The extracted `messages` computes them
(`Zkvm.Refinement.air.rv32im.div.messages_spec`).
-/

@[expose] public section

noncomputable section

namespace Zkvm.Air.V2.Div

open Zkvm.Field Zkvm.Air.Table Col
open Zkvm.Air.V2.Cpu (Fraction)
open Zkvm.Air.V2.Mul (look topLookup)

section Ring

variable {F : Type} [Lean.Grind.CommRing F]

/-- The EXEC op field: DIV 32, DIVU 33, REM 34, REMU 35. -/
def opField (r : Row F) : F := 32 * r fDiv + 33 * r fDivu + 34 * r fRem + 35 * r fRemu

/-- **The DIV row's fractions**, in `messages`'s order. -/
def fractions (r : Row F) : List (Fraction F) :=
  [⟨-(real r), [10, opField r, r clk, r aLo, r aHi, yLo r, yHi r, r cLo, r cHi, r immLo, r immHi,
     r nextPc]⟩,
   look (signed r) 5 (2 * (r aHi - 32768 * r sa)),
   look (real r) 6 (r q0), look (real r) 6 (r (q0 + 1)), look (real r) 6 (r (q0 + 2)),
   look (real r) 6 (r (q0 + 3)),
   look (real r) 6 (r y0), look (real r) 6 (r (y0 + 1)), look (real r) 6 (r (y0 + 2)),
   look (real r) 6 (topLookup (r (y0 + 3)) (r sy) (signed r)),
   look (real r) 5 (r rLo), look (real r) 5 (r rHi),
   look (real r) 5 (r k0), look (real r) 5 (r (k0 + 1)), look (real r) 5 (r (k0 + 2)),
   look (real r) 5 (r (k0 + 3)),
   look (real r) 5 (4 * (r k0 + r (k0 + 1) + r (k0 + 2) + r (k0 + 3))),
   look (compares r) 5 (r dLo), look (compares r) 5 (r dHi), look (compares r) 6 (r beta + 1)]

def messages (r : Row F) : List F := (fractions r).flatMap (fun f => f.mult :: f.fields)

end Ring

end Zkvm.Air.V2.Div

end
