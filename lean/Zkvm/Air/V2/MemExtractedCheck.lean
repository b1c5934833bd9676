module

public import Zkvm.Air.V2.MemSpec
public import Zkvm.Extracted.Air.Rv32im.Mem
public import Zkvm.Refinement.Field.Extension

/-!
# The MEM table: the extracted `eval` against the spec, at one point

Not a proof that the extracted `eval` computes `constraints` (see the note of phase1.4b.mem
for what that needs): a kernel-evaluated check that, on one row of 37 extension elements with
unrelated coefficients, the extracted `eval` (the verifier's code, on extension elements)
returns exactly the 41 values of `constraints`, in order. Two different polynomials of degree
at most 3 in 37 variables agree at such a point only by accident; this catches a group
written differently from `mem.rs` or out of order.
-/

@[expose] public section

noncomputable section

namespace Zkvm.Air.V2.Mem.Check

open Zkvm.Extraction Zkvm.Extracted Zkvm.Field Zkvm.Refinement.field.extension Zkvm.Air.Table

/-- The row as the verifier holds it: 37 extension elements. -/
def loc (r : Row Ext4) : List (List UInt32) := (List.range 37).map (fun i => toExt (r i))

/-- A row with unrelated coefficients. -/
def r0 : Row Ext4 := fun i =>
  ⟨((i * 1234577 + 89) : Nat), ((i * 7654337 + 5) : Nat), ((i * 1111151 + 3) : Nat),
    ((i * 999983 + 17) : Nat)⟩

def sel0 : air.Selectors :=
  { is_first_row := toExt 0, is_last_row := toExt 0, is_transition := toExt 0 }

theorem eval_eq_constraints_at_r0 :
    air.rv32im.mem.eval (loc r0) [] [] sel0 [] = .ok ((constraints r0).map toExt) := by
  decide +kernel

end Zkvm.Air.V2.Mem.Check
