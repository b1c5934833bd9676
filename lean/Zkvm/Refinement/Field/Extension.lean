module

public import Zkvm.Extracted.Field.Extension
public import Zkvm.Refinement.Field
public import Zkvm.Field.Extension

/-!
# The extracted quartic extension computes `Zkvm.Field.Ext4`

`crate::field::extension` holds an element as `[c0, c1, c2, c3]`, four canonical `u32`s (`toExt`).
Each extracted operation returns `ok` of the image of the `Ext4` operation: so it never panics
on canonical inputs, and computes the field operation of the specification.
-/

@[expose] public section

namespace Zkvm.Refinement.field.extension

open Zkvm.Extraction Zkvm.Field Zkvm.Field.BabyBear Zkvm.Field.Ext4
open Zkvm.Extracted Zkvm.Refinement.field
open Lean.Grind

/-- The Rust representation of an extension element: its four canonical coefficients. -/
def toExt (x : Ext4) : List UInt32 := [toU32 x.c0, toU32 x.c1, toU32 x.c2, toU32 x.c3]

theorem index_toExt_0 (x : Ext4) : Slice.index (toExt x) 0 = .ok (toU32 x.c0) :=
  Slice.index_eq _ _ (by simp [toExt])
theorem index_toExt_1 (x : Ext4) : Slice.index (toExt x) 1 = .ok (toU32 x.c1) :=
  Slice.index_eq _ _ (by simp [toExt])
theorem index_toExt_2 (x : Ext4) : Slice.index (toExt x) 2 = .ok (toU32 x.c2) :=
  Slice.index_eq _ _ (by simp [toExt])
theorem index_toExt_3 (x : Ext4) : Slice.index (toExt x) 3 = .ok (toU32 x.c3) :=
  Slice.index_eq _ _ (by simp [toExt])

theorem toU32_inj {a b : BabyBear} (h : toU32 a = toU32 b) : a = b := by
  apply BabyBear.ext; rw [← toU32_toNat, ← toU32_toNat, h]

theorem toU32_eq_zero (a : BabyBear) : toU32 a = 0 ↔ a = 0 :=
  ⟨fun h => toU32_inj (h.trans (by decide)), fun h => h ▸ (by decide)⟩

theorem toExt_inj {x y : Ext4} (h : toExt x = toExt y) : x = y := by
  simp only [toExt, List.cons.injEq] at h
  obtain ⟨h0, h1, h2, h3, -⟩ := h
  exact Ext4.ext (toU32_inj h0) (toU32_inj h1) (toU32_inj h2) (toU32_inj h3)

theorem W_eq : field.extension.W = toU32 Zkvm.Field.W := eq_toU32 (by decide)
theorem zero_eq : field.extension.ZERO = toExt 0 := by decide
theorem one_eq : field.extension.ONE = toExt 1 := by decide

/-- The extracted functions' basic rewrites. -/
local macro "ext_simp" : tactic => `(tactic| simp only [Outcome.bind_ok, Outcome.pure_eq,
  index_toExt_0, index_toExt_1, index_toExt_2, index_toExt_3, add_spec, sub_spec, neg_spec,
  mul_spec, W_eq])

theorem from_base_spec (c : BabyBear) : field.extension.from_base (toU32 c) = .ok (toExt (ofBase c)) := by
  unfold field.extension.from_base; rfl

theorem add_spec (x y : Ext4) : field.extension.add (toExt x) (toExt y) = .ok (toExt (x + y)) := by
  unfold field.extension.add; ext_simp; rfl

theorem sub_spec (x y : Ext4) : field.extension.sub (toExt x) (toExt y) = .ok (toExt (x - y)) := by
  unfold field.extension.sub; ext_simp; rfl

theorem neg_spec (x : Ext4) : field.extension.neg (toExt x) = .ok (toExt (-x)) := by
  unfold field.extension.neg; ext_simp; rfl

/-- Whether `x` is a base-field element, as the Rust code tests it. -/
def InBase (x : Ext4) : Prop := x.c1 = 0 ∧ x.c2 = 0 ∧ x.c3 = 0

instance (x : Ext4) : Decidable (InBase x) := by unfold InBase; infer_instance

theorem is_in_base_field_spec (x : Ext4) :
    field.extension.is_in_base_field (toExt x) = .ok (decide (InBase x)) := by
  unfold field.extension.is_in_base_field InBase
  ext_simp
  simp only [toU32_eq_zero]
  by_cases h1 : x.c1 = 0 <;> by_cases h2 : x.c2 = 0 <;> by_cases h3 : x.c3 = 0 <;>
    simp [h1, h2, h3]

theorem is_zero_spec (x : Ext4) : field.extension.is_zero (toExt x) = .ok (decide (x = 0)) := by
  unfold field.extension.is_zero
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
    field.extension.mul_base (toExt x) (toU32 c) = .ok (toExt (smul c x)) := by
  unfold field.extension.mul_base
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

theorem toExt_mk (a b c d : BabyBear) :
    [toU32 a, toU32 b, toU32 c, toU32 d] = toExt ⟨a, b, c, d⟩ := rfl

theorem mul_spec (x y : Ext4) : field.extension.mul (toExt x) (toExt y) = .ok (toExt (x * y)) := by
  unfold field.extension.mul
  rewrite [is_in_base_field_spec, Outcome.bind_ok]
  by_cases hx : InBase x
  · rewrite [if_pos (decide_eq_true hx)]
    rewrite [index_toExt_0, Outcome.bind_ok, mul_base_spec, Outcome.bind_ok, Outcome.pure_eq]
    refine congrArg Outcome.ok ?_
    rewrite [smul_eq_ofBase_mul]
    exact congrArg (fun z => toExt (z * y)) (eq_ofBase_of_inBase hx).symm
  · rewrite [if_neg (by simpa using hx)]
    rewrite [is_in_base_field_spec, Outcome.bind_ok]
    by_cases hy : InBase y
    · rewrite [if_pos (decide_eq_true hy)]
      rewrite [index_toExt_0, Outcome.bind_ok, mul_base_spec, Outcome.bind_ok, Outcome.pure_eq]
      refine congrArg Outcome.ok ?_
      calc toExt (smul y.c0 x) = toExt (ofBase y.c0 * x) := congrArg toExt (smul_eq_ofBase_mul _ _)
        _ = toExt (x * ofBase y.c0) := congrArg toExt (Ext4.mul_comm _ _)
        _ = toExt (x * y) := congrArg (fun z => toExt (x * z)) (eq_ofBase_of_inBase hy).symm
    · rewrite [if_neg (by simpa using hy)]
      simp only [ok_bind, pure_ok, index_toExt_0, index_toExt_1, index_toExt_2,
        index_toExt_3, field.add_spec, field.mul_spec, W_eq]
      refine congrArg Outcome.ok ?_
      rewrite [toExt_mk]
      ext_eq

theorem square_spec (x : Ext4) : field.extension.square (toExt x) = .ok (toExt (x * x)) := by
  unfold field.extension.square; exact mul_spec x x

theorem two_eq : (2 : UInt32) = toU32 2 := by decide
theorem zero_u32 : (0 : UInt32) = toU32 0 := by decide

/-- `extension::inv` computes the inverse of `Zkvm.Field.Ext4` (`0⁻¹ = 0` on both sides). -/
theorem inv_spec (x : Ext4) : field.extension.inv (toExt x) = .ok (toExt x⁻¹) := by
  unfold field.extension.inv
  simp only [ok_bind, index_toExt_0, index_toExt_1, index_toExt_2, index_toExt_3, W_eq]
  rewrite [two_eq]
  simp only [ok_bind, field.add_spec, field.sub_spec, field.mul_spec, field.neg_spec,
    field.inv_spec]
  rewrite [zero_u32, toExt_mk, toExt_mk, mul_spec]
  refine congrArg Outcome.ok ?_
  -- The norm the Rust code computes is `Ext4.norm x`.
  have hn : (x.c0 * x.c0 + W * (x.c2 * x.c2) - 2 * W * (x.c1 * x.c3)) *
        (x.c0 * x.c0 + W * (x.c2 * x.c2) - 2 * W * (x.c1 * x.c3)) -
      W * ((2 * (x.c0 * x.c2) - x.c1 * x.c1 - W * (x.c3 * x.c3)) *
        (2 * (x.c0 * x.c2) - x.c1 * x.c1 - W * (x.c3 * x.c3))) = norm x := by
    simp only [norm, conjProd0, conjProd1]
  rewrite [hn]
  show toExt _ = toExt (smul (norm x)⁻¹ (adj x))
  simp only [adj, conjProd0, conjProd1]
  ext_eq

theorem one_toExt : field.extension.ONE = toExt 1 := by decide

theorem pow_spec (x : Ext4) (e : UInt64) : field.extension.pow (toExt x) e = .ok (toExt (x ^ e.toNat)) := by
  unfold field.extension.pow
  rewrite [one_toExt]
  apply loop_bind_ok (P := fun s => ∃ R B : Ext4, s.1 = toExt R ∧ s.2.1 = toExt B ∧
      R * B ^ s.2.2.toNat = x ^ e.toNat) (Q := fun s => s.1 = toExt (x ^ e.toNat))
  · intro ⟨r, b, k⟩ ⟨R, B, hr, hb, hinv⟩
    simp only at hr hb hinv
    subst hr hb
    by_cases hk : k > 0
    · have hk' : k.toNat > 0 := by simpa [UInt64.lt_iff_toNat_lt] using hk
      left
      rw [pow_halve] at hinv
      by_cases hodd : k &&& 1 = 1
      · have h2 := (and_one_toNat k).mp hodd
        refine ⟨(toExt (R * B), toExt (B * B), k >>> UInt64.ofNat 1), ?_, ?_, ?_⟩
        · simp only [hk, hodd, if_true, mul_spec, square_spec, U64.shr_eq k 1 (by decide), ok_bind,
            pure_ok]
        · simp only [shr_one_toNat]; omega
        · refine ⟨R * B, B * B, rfl, rfl, ?_⟩
          rw [shr_one_toNat, ← hinv, h2, pow_one']; grind
      · have h2 : k.toNat % 2 = 0 := by
          have : ¬ k.toNat % 2 = 1 := fun h => hodd ((and_one_toNat k).mpr h)
          omega
        refine ⟨(toExt R, toExt (B * B), k >>> UInt64.ofNat 1), ?_, ?_, ?_⟩
        · simp only [hk, hodd, if_true, if_false, square_spec, U64.shr_eq k 1 (by decide), ok_bind,
            pure_ok]
        · simp only [shr_one_toNat]; omega
        · refine ⟨R, B * B, rfl, rfl, ?_⟩
          rw [shr_one_toNat, ← hinv, h2, Semiring.pow_zero, Semiring.mul_one]
    · right
      have hk0 : k = 0 := by simp [UInt64.lt_iff_toNat_lt] at hk; exact UInt64.toNat_inj.mp (by simpa using hk)
      subst hk0
      refine ⟨(toExt R, toExt B, 0), ?_, ?_⟩
      · simp only [hk, if_false, pure_ok]
      · simp only [UInt64.toNat_zero, Semiring.pow_zero, Semiring.mul_one] at hinv
        rw [hinv]
  · exact ⟨1, x, rfl, rfl, Semiring.one_mul _⟩
  · intro ⟨r, b, k⟩ h
    simp only at h
    simp only [h, pure_ok]

/-- `X^e` for `e < 4`, as `mul_by_basis` builds it. -/
def basis (e : Nat) : Ext4 := if e = 0 then 1 else if e = 1 then X else if e = 2 then X ^ 2 else X ^ 3

theorem mul_by_basis_spec (x : Ext4) (e : Usize) :
    field.extension.mul_by_basis (toExt x) e = .ok (toExt (x * basis e.toNat)) := by
  unfold field.extension.mul_by_basis basis
  by_cases h0 : e = 0
  · subst h0
    have : [(1 : UInt32), 0, 0, 0] = toExt 1 := by decide
    simp only [if_true, pure_ok, ok_bind, this, mul_spec]; rfl
  · by_cases h1 : e = 1
    · subst h1
      have : [(0 : UInt32), 1, 0, 0] = toExt X := by decide
      simp only [if_true, pure_ok, ok_bind, this, mul_spec]; rfl
    · by_cases h2 : e = 2
      · subst h2
        have : [(0 : UInt32), 0, 1, 0] = toExt (X ^ 2) := by decide
        simp only [if_true, pure_ok, ok_bind, this, mul_spec]; rfl
      · have : [(0 : UInt32), 0, 0, 1] = toExt (X ^ 3) := by decide
        have n0 : e.toNat ≠ 0 := fun h => h0 (UInt64.toNat_inj.mp (by simpa using h))
        have n1 : e.toNat ≠ 1 := fun h => h1 (UInt64.toNat_inj.mp (by simpa using h))
        have n2 : e.toNat ≠ 2 := fun h => h2 (UInt64.toNat_inj.mp (by simpa using h))
        simp only [h0, h1, h2, n0, n1, n2, if_false, pure_ok, ok_bind, this, mul_spec]

/-- `is_canonical` of four `u32`s: each is below `p`. -/
theorem is_canonical_spec (a b c d : UInt32) :
    field.extension.is_canonical [a, b, c, d] =
      .ok (decide (a.toNat < P ∧ b.toNat < P ∧ c.toNat < P ∧ d.toNat < P)) := by
  unfold field.extension.is_canonical
  have i0 : Slice.index [a, b, c, d] 0 = .ok a := Slice.index_eq _ _ (by simp)
  have i1 : Slice.index [a, b, c, d] 1 = .ok b := Slice.index_eq _ _ (by simp)
  have i2 : Slice.index [a, b, c, d] 2 = .ok c := Slice.index_eq _ _ (by simp)
  have i3 : Slice.index [a, b, c, d] 3 = .ok d := Slice.index_eq _ _ (by simp)
  simp only [i0, i1, i2, i3, ok_bind, pure_ok, field.is_canonical_spec]
  by_cases ha : a.toNat < P <;> by_cases hb : b.toNat < P <;> by_cases hc : c.toNat < P <;>
    by_cases hd : d.toNat < P <;> simp [ha, hb, hc, hd]

/-- A canonical `u32` list of length 4 is the image of an extension element. -/
theorem eq_toExt_of_canonical {a b c d : UInt32} (ha : a.toNat < P) (hb : b.toNat < P)
    (hc : c.toNat < P) (hd : d.toNat < P) :
    [a, b, c, d] = toExt ⟨⟨a.toNat, ha⟩, ⟨b.toNat, hb⟩, ⟨c.toNat, hc⟩, ⟨d.toNat, hd⟩⟩ := by
  simp only [toExt, List.cons.injEq]
  exact ⟨eq_toU32 rfl, eq_toU32 rfl, eq_toU32 rfl, eq_toU32 rfl, trivial⟩

end Zkvm.Refinement.field.extension
