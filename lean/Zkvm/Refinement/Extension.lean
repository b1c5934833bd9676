module

public import Zkvm.Extracted.Extension
public import Zkvm.Refinement.Field
public import Zkvm.Field.Extension

/-!
# The extracted quartic extension computes `Zkvm.Field.Ext4`

`crate::extension` holds an element as `[c0, c1, c2, c3]`, four canonical `u32`s (`toExt`).
Each extracted operation returns `ok` of the image of the `Ext4` operation: so it never panics
on canonical inputs, and computes the field operation of the specification.
-/

@[expose] public section

namespace Zkvm.Refinement.extension

open Zkvm.Extraction Zkvm.Field Zkvm.Field.BabyBear Zkvm.Field.Ext4
open Zkvm.Extracted Zkvm.Refinement.field
open Lean.Grind

/-- The Rust representation of an extension element: its four canonical coefficients. -/
def toExt (x : Ext4) : List UInt32 := [toU32 x.c0, toU32 x.c1, toU32 x.c2, toU32 x.c3]

@[simp] theorem index_toExt_0 (x : Ext4) : Slice.index (toExt x) 0 = .ok (toU32 x.c0) := rfl
@[simp] theorem index_toExt_1 (x : Ext4) : Slice.index (toExt x) 1 = .ok (toU32 x.c1) := rfl
@[simp] theorem index_toExt_2 (x : Ext4) : Slice.index (toExt x) 2 = .ok (toU32 x.c2) := rfl
@[simp] theorem index_toExt_3 (x : Ext4) : Slice.index (toExt x) 3 = .ok (toU32 x.c3) := rfl

theorem toU32_inj {a b : BabyBear} (h : toU32 a = toU32 b) : a = b := by
  apply BabyBear.ext; rw [← toU32_toNat, ← toU32_toNat, h]

theorem toU32_eq_zero (a : BabyBear) : toU32 a = 0 ↔ a = 0 :=
  ⟨fun h => toU32_inj (h.trans (by decide)), fun h => h ▸ (by decide)⟩

theorem toExt_inj {x y : Ext4} (h : toExt x = toExt y) : x = y := by
  simp only [toExt, List.cons.injEq] at h
  obtain ⟨h0, h1, h2, h3, -⟩ := h
  exact Ext4.ext (toU32_inj h0) (toU32_inj h1) (toU32_inj h2) (toU32_inj h3)

theorem W_eq : extension.W = toU32 Zkvm.Field.W := eq_toU32 (by decide)
theorem zero_eq : extension.ZERO = toExt 0 := by decide
theorem one_eq : extension.ONE = toExt 1 := by decide

/-- The extracted functions' basic rewrites. -/
local macro "ext_simp" : tactic => `(tactic| simp only [Outcome.bind_ok, Outcome.pure_eq,
  index_toExt_0, index_toExt_1, index_toExt_2, index_toExt_3, add_spec, sub_spec, neg_spec,
  mul_spec, W_eq])

theorem from_base_spec (c : BabyBear) : extension.from_base (toU32 c) = .ok (toExt (ofBase c)) := by
  unfold extension.from_base; rfl

theorem add_spec (x y : Ext4) : extension.add (toExt x) (toExt y) = .ok (toExt (x + y)) := by
  unfold extension.add; ext_simp; rfl

theorem sub_spec (x y : Ext4) : extension.sub (toExt x) (toExt y) = .ok (toExt (x - y)) := by
  unfold extension.sub; ext_simp; rfl

theorem neg_spec (x : Ext4) : extension.neg (toExt x) = .ok (toExt (-x)) := by
  unfold extension.neg; ext_simp; rfl

/-- Whether `x` is a base-field element, as the Rust code tests it. -/
def InBase (x : Ext4) : Prop := x.c1 = 0 ∧ x.c2 = 0 ∧ x.c3 = 0

instance (x : Ext4) : Decidable (InBase x) := by unfold InBase; infer_instance

theorem is_in_base_field_spec (x : Ext4) :
    extension.is_in_base_field (toExt x) = .ok (decide (InBase x)) := by
  unfold extension.is_in_base_field InBase
  ext_simp
  simp only [toU32_eq_zero]
  by_cases h1 : x.c1 = 0 <;> by_cases h2 : x.c2 = 0 <;> by_cases h3 : x.c3 = 0 <;>
    simp [h1, h2, h3]

theorem is_zero_spec (x : Ext4) : extension.is_zero (toExt x) = .ok (decide (x = 0)) := by
  unfold extension.is_zero
  ext_simp
  simp only [toU32_eq_zero]
  have e : x = 0 ↔ x.c0 = 0 ∧ x.c1 = 0 ∧ x.c2 = 0 ∧ x.c3 = 0 :=
    ⟨fun h => h ▸ ⟨rfl, rfl, rfl, rfl⟩, fun ⟨a, b, c, d⟩ => Ext4.ext a b c d⟩
  by_cases h0 : x.c0 = 0 <;> by_cases h1 : x.c1 = 0 <;> by_cases h2 : x.c2 = 0 <;>
    by_cases h3 : x.c3 = 0 <;> simp [h0, h1, h2, h3, e]

theorem eq_ofBase_of_inBase {x : Ext4} (h : InBase x) : x = ofBase x.c0 := by
  obtain ⟨h1, h2, h3⟩ := h
  exact Ext4.ext rfl h1 h2 h3

theorem toU32_zero : toU32 0 = 0 := by decide

/-- Proves `toExt a = toExt b` componentwise by ring normalisation. -/
local macro "ext_eq" : tactic => `(tactic| (
  refine congrArg toExt (Ext4.ext ?_ ?_ ?_ ?_) <;>
  simp only [mul_c0, mul_c1, mul_c2, mul_c3, smul_c0, smul_c1, smul_c2, smul_c3, ofBase_c0,
    ofBase_c1, ofBase_c2, ofBase_c3] <;> grind))

theorem mul_base_spec (x : Ext4) (c : BabyBear) :
    extension.mul_base (toExt x) (toU32 c) = .ok (toExt (smul c x)) := by
  unfold extension.mul_base
  rw [is_in_base_field_spec]
  ext_simp
  by_cases h : InBase x
  · obtain ⟨h1, h2, h3⟩ := h
    simp only [InBase, h1, h2, h3, and_self, decide_true, if_true]
    refine congrArg Outcome.ok ?_
    simp only [toExt, smul_c0, smul_c1, smul_c2, smul_c3, h1, h2, h3, Semiring.mul_zero, toU32_zero,
      CommSemiring.mul_comm x.c0 c]
  · simp only [h, decide_false]
    refine congrArg Outcome.ok ?_
    simp only [toExt, smul_c0, smul_c1, smul_c2, smul_c3, CommSemiring.mul_comm c]

end Zkvm.Refinement.extension
