module

public import Zkvm.Air.V2.LogicSpec
public import Zkvm.Air.V2.CpuMessages

/-!
# The LOGIC table's bus messages, as named fractions

`messages` of rust/verifier/src/air/rv32im/logic.rs pushes the EXEC receive (op field
`opField` = 64 use_imm + 23 f_xor + 26 f_or + 27 f_and; a's limbs from its nibbles) and the eight
AND4 lookups (a_i, y_i, n_i), each with multiplicity `real`. The extracted `messages` computes
them (`Zkvm.Refinement.air.rv32im.logic.messages_spec`).
-/

@[expose] public section

noncomputable section

namespace Zkvm.Air.V2.Logic

open Zkvm.Field Zkvm.Air.Table Col
open Zkvm.Air.V2.Cpu (Fraction)

section Ring

variable {F : Type} [Lean.Grind.CommRing F]

/-- The EXEC op field: 64 for the immediate forms plus XOR 23, OR 26, AND 27. -/
def opField (r : Row F) : F := 64 * r useImm + 23 * r fXor + 26 * r fOr + 27 * r fAnd

/-- The AND4 lookup of nibble i: (a_i, y_i, n_i). -/
def and4 (r : Row F) (i : Nat) : Fraction F := ⟨real r, [7, r (a0 + i), r (y0 + i), r (n0 + i)]⟩

/-- **The LOGIC row's fractions**, in `messages`'s order. -/
def fractions (r : Row F) : List (Fraction F) :=
  [⟨-(real r), [10, opField r, r clk, limb r a0, limb r (a0 + 4), r bLo, r bHi, r cLo, r cHi,
     r immLo, r immHi, r nextPc]⟩,
   and4 r 0, and4 r 1, and4 r 2, and4 r 3, and4 r 4, and4 r 5, and4 r 6, and4 r 7]

def messages (r : Row F) : List F := (fractions r).flatMap (fun f => f.mult :: f.fields)

end Ring

end Zkvm.Air.V2.Logic

end
