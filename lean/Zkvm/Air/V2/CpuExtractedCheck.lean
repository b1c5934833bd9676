module

public import Zkvm.Air.V2.CpuSpec
public import Zkvm.Extracted.Air.Rv32im.Cpu
public import Zkvm.Refinement.Field.Extension

/-!
# The CPU table: the extracted `eval` against the spec, at one point

Not a proof that the extracted `eval` computes `constraints` (see the note of phase1.4b.cpu):
a kernel-evaluated check that, on one window of extension elements with unrelated
coefficients (the local row, the next row, the 20 public values and the three selectors), the
extracted `eval` (the verifier's code, on extension elements) returns exactly the 32 values of
`constraints`, in order. Two different polynomials of degree at most 3 agree at such a point
only by accident; this catches a group written differently from `cpu.rs` or out of order.
-/

@[expose] public section

noncomputable section

namespace Zkvm.Air.V2.Cpu.Check

open Zkvm.Extraction Zkvm.Extracted Zkvm.Field Zkvm.Refinement.field.extension Zkvm.Air.Table

/-- `n` values of a column function as the verifier holds them. -/
def loc (n : Nat) (r : Nat → Ext4) : List (List UInt32) := (List.range n).map (fun i => toExt (r i))

/-- Unrelated coefficients, seeded by `s`. -/
def pt (s : Nat) : Nat → Ext4 := fun i =>
  ⟨((i * 1234577 + 89 + s) : Nat), ((i * 7654337 + 5 + 3 * s) : Nat),
    ((i * 1111151 + 3 + 7 * s) : Nat), ((i * 999983 + 17 + 11 * s) : Nat)⟩

/-- The window: local, next and public rows with different seeds, selectors unrelated. -/
def w0 : Window Ext4 where
  cur := pt 0
  next := pt 1000003
  pub := pt 2000029
  isFirst := pt 3000017 0
  isLast := pt 3000017 1
  isTransition := pt 3000017 2

def sel0 : air.Selectors :=
  { is_first_row := toExt w0.isFirst, is_last_row := toExt w0.isLast,
    is_transition := toExt w0.isTransition }

set_option maxRecDepth 20000 in
theorem eval_eq_constraints_at_w0 :
    air.rv32im.cpu.eval (loc 37 w0.cur) (loc 37 w0.next) (loc 20 w0.pub) sel0 [] =
      .ok ((constraints w0).map toExt) := by
  decide +kernel

end Zkvm.Air.V2.Cpu.Check
