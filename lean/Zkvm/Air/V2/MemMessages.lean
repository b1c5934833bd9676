module

public import Zkvm.Air.V2.MemSpec
public import Zkvm.Air.V2.CpuMessages

/-!
# The MEM table's bus messages, as named fractions

`messages` of rust/verifier/src/air/rv32im/mem.rs pushes the EXEC receive (op field `opField` =
Σ OPS_f · flag_f, LB 10 … SW 17), the word's access at port 3 (MEM receive of the old word at
the previous timestamp, MEM send of the new word at 4 clk + 4, in space 1 + rom at the word
address q + 2^14 hi), and the range lookups (U16 of the gap's limbs, q and the address's limbs on
real rows; U8 of x0, x1 on sub-word rows, of 2v − 256 s on LB, LH, SB rows and of y1 on SB
rows), the facts `Mem.Lookups` assumes. The extracted `messages` computes them
(`Zkvm.Refinement.air.rv32im.mem.messages_spec`).
-/

@[expose] public section

noncomputable section

namespace Zkvm.Air.V2.Mem

open Zkvm.Field Zkvm.Air.Table Col
open Zkvm.Air.V2.Cpu (Fraction)

section Ring

variable {F : Type} [Lean.Grind.CommRing F]

/-- The EXEC op field: the op number of the set flag (LB 10, LH 11, LW 12, LBU 13, LHU 14,
SB 15, SH 16, SW 17). -/
def opField (r : Row F) : F :=
  10 * r fLb + 11 * r fLh + 12 * r fLw + 13 * r fLbu + 14 * r fLhu + 15 * r fSb + 16 * r fSh +
    17 * r fSw

/-- **The MEM row's fractions**, in `messages`'s order. -/
def fractions (r : Row F) : List (Fraction F) :=
  [⟨-(real r), [10, opField r, r clk, r aLo, r aHi, r bLo, r bHi, r cLo, r cHi, r immLo,
     r immHi, r nextPc]⟩,
   ⟨-(real r), [2, space r, wordAddr r, r oldLo, r oldHi, r prevTs]⟩,
   ⟨real r, [2, space r, wordAddr r, r newLo, r newHi, timestamp r]⟩,
   ⟨real r, [5, r gLo]⟩,
   ⟨real r, [5, 8 * r gHi]⟩,
   ⟨real r, [5, r q]⟩,
   ⟨real r, [5, addrLo r]⟩,
   ⟨real r, [5, r addrHi]⟩,
   ⟨isSub r, [6, r x0]⟩,
   ⟨isSub r, [6, r x1]⟩,
   ⟨r fLb + r fLh + r fSb, [6, 2 * r v - 256 * r s]⟩,
   ⟨r fSb, [6, r y1]⟩]

def messages (r : Row F) : List F := (fractions r).flatMap (fun f => f.mult :: f.fields)

end Ring

end Zkvm.Air.V2.Mem

end
