module

public import Zkvm.Extracted.Air.Expr
public import Zkvm.Refinement.Field.Extension

/-!
# The extracted constraint arithmetic (`crate::air::expr`) computes `Zkvm.Field.Ext4`

The tables' constraint functions (`air::rv32im::*::eval`) are written over `air::expr`: on
extension elements (`toExt`) its operations are the field's, and a row read from a list of
columns (`locOf`) gives the column's value. With these, a table's `eval` unfolds to its Lean
spec constraint function (`Zkvm.Refinement.Air.Rv32im.*`).
-/

@[expose] public section

noncomputable section

namespace Zkvm.Refinement.air.expr

open Zkvm.Extraction Zkvm.Extracted Zkvm.Field Zkvm.Field.BabyBear Zkvm.Field.Ext4
open Zkvm.Refinement.field (toU32 eq_toU32)
open Zkvm.Refinement.field.extension (toExt)

/-- The first `w` columns of a row as the verifier holds them. -/
def locOf (w : Nat) (r : Nat → Ext4) : List (List UInt32) := (List.range w).map (fun i => toExt (r i))

theorem index_locOf (w : Nat) (r : Nat → Ext4) (c : Usize) (h : c.toNat < w) :
    Slice.index (locOf w r) c = .ok (toExt (r c.toNat)) := by
  rw [Slice.index_eq _ _ (by simp only [locOf, List.length_map, List.length_range]; exact h)]
  simp only [locOf, List.getElem_map, List.getElem_range]

/-- The row's entry `i` as an option (what `Slice.index` matches on). -/
theorem getElem?_locOf (w : Nat) (r : Nat → Ext4) (i : Nat) (h : i < w) :
    (locOf w r)[i]? = some (toExt (r i)) := by
  simp [locOf, h]

theorem add_spec (a b : Ext4) : air.expr.add (toExt a) (toExt b) = .ok (toExt (a + b)) := by
  unfold air.expr.add; exact Zkvm.Refinement.field.extension.add_spec a b

theorem sub_spec (a b : Ext4) : air.expr.sub (toExt a) (toExt b) = .ok (toExt (a - b)) := by
  unfold air.expr.sub; exact Zkvm.Refinement.field.extension.sub_spec a b

theorem mul_spec (a b : Ext4) : air.expr.mul (toExt a) (toExt b) = .ok (toExt (a * b)) := by
  unfold air.expr.mul; exact Zkvm.Refinement.field.extension.mul_spec a b

theorem neg_spec (a : Ext4) : air.expr.neg (toExt a) = .ok (toExt (-a)) := by
  unfold air.expr.neg; exact Zkvm.Refinement.field.extension.neg_spec a

theorem one_spec : air.expr.one = .ok (toExt 1) := by
  unfold air.expr.one; rw [Zkvm.Refinement.field.extension.one_eq]; rfl

theorem zero_spec : air.expr.zero = .ok (toExt 0) := by
  unfold air.expr.zero; rw [Zkvm.Refinement.field.extension.zero_eq]; rfl

/-- A constant below `p` is the field element of that number (`(n : Ext4)` for a numeral). -/
theorem konst_spec (n : UInt32) (h : n.toNat < P) :
    air.expr.konst n = .ok (toExt (Ext4.ofNat n.toNat)) := by
  unfold air.expr.konst
  have : n = toU32 (BabyBear.ofNat n.toNat) :=
    eq_toU32 (by simp [BabyBear.val_ofNat, Nat.mod_eq_of_lt h])
  have hc := Zkvm.Refinement.field.extension.from_base_spec (BabyBear.ofNat n.toNat)
  rw [← this] at hc
  rw [hc]; rfl

end Zkvm.Refinement.air.expr
