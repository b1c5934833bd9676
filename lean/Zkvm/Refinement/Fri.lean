module

public import Zkvm.Extracted.Fri
public import Zkvm.Refinement.Field.Extension
public import Zkvm.Spec.Fri

/-!
# The extracted FRI arithmetic computes `Zkvm.Spec.Fri`

`crate::fri` on canonical field elements (`toU32`, `toExt`): `fold_pair` is `foldPair` (so, by
`foldPair_even_odd`, FRI's binary fold), `pair_leaf_values` and `leaf_values` are the leaf's
coefficients (`leafValues`), and `eval_poly_at_base` is Horner's rule (`Poly.evalList`) at the
base point. None of them panics. `fold_leaf` is in `Zkvm.Refinement.Fri.FoldLeaf`.
-/

@[expose] public section

namespace Zkvm.Refinement.fri

open Zkvm.Extraction Zkvm.Extracted Zkvm.Field Zkvm.Field.BabyBear Zkvm.Field.Ext4 Zkvm.Spec
open Zkvm.Refinement.field (toU32 toU32_toNat eq_toU32)
open Zkvm.Refinement.field.extension (toExt index_toExt_0 index_toExt_1 index_toExt_2
  index_toExt_3 add_spec sub_spec mul_spec mul_base_spec)

theorem INV_TWO_eq : fri.INV_TWO = toU32 invTwo := eq_toU32 (by decide)

/-- `fold_pair` is the spec's binary fold; it never panics. -/
theorem fold_pair_spec (lo hi β : Ext4) (x : BabyBear) :
    fri.fold_pair (toExt lo) (toExt hi) (toExt β) (toU32 x) = .ok (toExt (foldPair lo hi β x)) := by
  unfold fri.fold_pair
  simp only [INV_TWO_eq, ok_bind, add_spec, sub_spec, mul_spec, mul_base_spec,
    Zkvm.Refinement.field.inv_spec, Zkvm.Refinement.field.mul_spec]
  rfl

/-- `toExt` lists the coefficients' `u32`s. -/
theorem toExt_eq (x : Ext4) : toExt x = (extCoeffs x).map toU32 := rfl

/-- `pair_leaf_values` lists the coefficients of the pair. -/
theorem pair_leaf_values_spec (lo hi : Ext4) :
    fri.pair_leaf_values (toExt lo) (toExt hi) = .ok ((leafValues [lo, hi]).map toU32) := by
  unfold fri.pair_leaf_values
  simp only [index_toExt_0, index_toExt_1, index_toExt_2, index_toExt_3, ok_bind, pure_ok]
  rfl

/-- `leaf_values` lists the coefficients of the coset's values in order; it never panics (on a
coset shorter than `2^62`, the capacity `4 · len` being computed with overflow checks). -/
theorem leaf_values_spec (coset : List Ext4) (hlen : 4 * coset.length < 2 ^ 64) :
    fri.leaf_values (coset.map toExt) = .ok ((leafValues coset).map toU32) := by
  have hn := Slice.len_toNat (coset.map toExt) (by simp; omega)
  simp only [List.length_map] at hn
  unfold fri.leaf_values
  rw [Usize.mul_eq _ _ (by rw [hn]; simpa using hlen), ok_bind]
  apply loop_bind_ok
    (P := fun s => s.2.toNat ≤ coset.length ∧
      s.1 = (leafValues (coset.take s.2.toNat)).map toU32)
    (Q := fun s => s.1 = (leafValues coset).map toU32)
  · intro ⟨out, i⟩ ⟨hi, hout⟩
    simp only at hi hout
    by_cases hlt : i < Slice.len (coset.map toExt)
    · have hlt' : i.toNat < coset.length := by rw [UInt64.lt_iff_toNat_lt, hn] at hlt; exact hlt
      have e : (i + 1).toNat = i.toNat + 1 := by simp only [UInt64.toNat_add]; simp; omega
      have hidx : Slice.index (coset.map toExt) i = .ok (toExt coset[i.toNat]) := by
        rw [Slice.index_eq _ _ (by simpa using hlt')]; simp
      left
      refine ⟨((leafValues (coset.take (i.toNat + 1))).map toU32, i + 1), ?_, ?_, ?_⟩
      · simp only [hlt, if_true, hidx, ok_bind, index_toExt_0, index_toExt_1, index_toExt_2,
          index_toExt_3, Usize.add_eq i 1 (by simp; omega), pure_ok, hout]
        rw [List.take_add_one, List.getElem?_eq_getElem hlt']
        simp only [leafValues, Slice.push, List.flatMap_append, List.map_append, Option.toList_some,
          List.flatMap_cons, List.flatMap_nil, List.append_nil, List.append_assoc, extCoeffs,
          List.map_cons, List.map_nil, List.cons_append, List.nil_append]
      · show 2 ^ 64 - (i + 1).toNat < 2 ^ 64 - i.toNat
        rw [e]; have := UInt64.toNat_lt i; omega
      · exact ⟨by rw [e]; omega, by rw [e]⟩
    · right
      refine ⟨(out, i), by simp only [hlt, if_false, pure_ok], ?_⟩
      have e : i.toNat = coset.length := by
        rw [UInt64.lt_iff_toNat_lt, hn] at hlt; omega
      simp only [hout, e, List.take_length]
  · exact ⟨by simp, by simp [leafValues, Slice.withCapacity]⟩
  · intro ⟨out, i⟩ h
    simp only at h
    simp only [h, pure_ok]

theorem zero_toExt : field.extension.ZERO = toExt 0 := by decide

/-- `eval_poly_at_base` evaluates the polynomial with coefficients `coeffs` (lowest first) at the
base point `x` by Horner's rule; it never panics. -/
theorem eval_poly_at_base_spec (coeffs : List Ext4) (x : BabyBear) (hlen : coeffs.length < 2 ^ 64) :
    fri.eval_poly_at_base (coeffs.map toExt) (toU32 x) =
      .ok (toExt (Poly.evalList (ofBase x) coeffs)) := by
  have hn := Slice.len_toNat (coeffs.map toExt) (by simpa using hlen)
  simp only [List.length_map] at hn
  unfold fri.eval_poly_at_base
  rw [zero_toExt]
  apply loop_bind_ok
    (P := fun s => s.1.toNat ≤ coeffs.length ∧
      s.2 = toExt (Poly.evalList (ofBase x) (coeffs.drop s.1.toNat)))
    (Q := fun s => s.2 = toExt (Poly.evalList (ofBase x) coeffs))
  · intro ⟨i, acc⟩ ⟨hi, hacc⟩
    simp only at hi hacc
    by_cases hpos : i > 0
    · have hpos' : 0 < i.toNat := by rw [GT.gt, UInt64.lt_iff_toNat_lt] at hpos; simpa using hpos
      have e : (i - 1).toNat = i.toNat - 1 := by
        rw [UInt64.toNat_sub_of_le _ _ (by rw [UInt64.le_iff_toNat_le]; simp; omega)]; simp
      have hlt : (i - 1).toNat < coeffs.length := by rw [e]; omega
      have hidx : Slice.index (coeffs.map toExt) (i - 1) = .ok (toExt coeffs[(i - 1).toNat]) := by
        rw [Slice.index_eq _ _ (by simpa using hlt)]; simp
      left
      refine ⟨(i - 1, toExt (Poly.evalList (ofBase x) (coeffs.drop (i - 1).toNat))), ?_, ?_, ?_⟩
      · simp only [hpos, if_true, Usize.sub_eq i 1 (by simp; omega), ok_bind, hacc, mul_base_spec,
          hidx, add_spec, pure_ok]
        rw [List.drop_eq_getElem_cons hlt]
        have hd : (i - 1).toNat + 1 = i.toNat := by rw [e]; omega
        rw [hd, smul_eq_ofBase_mul]
        simp only [Poly.evalList]
        exact congrArg (fun z => Outcome.ok (Step.cont (i - 1, toExt z))) (Ext4.add_comm _ _)
      · show (i - 1).toNat < i.toNat
        rw [e]; omega
      · exact ⟨by rw [e]; omega, rfl⟩
    · right
      refine ⟨(i, acc), by simp only [hpos, if_false, pure_ok], ?_⟩
      have e : i.toNat = 0 := by
        have : ¬ 0 < i.toNat := fun h => hpos (by rw [GT.gt, UInt64.lt_iff_toNat_lt]; simpa using h)
        omega
      simp only [hacc, e, List.drop_zero]
  · exact ⟨by simp [hn], by simp [hn]⟩
  · intro ⟨i, acc⟩ h
    simp only at h
    simp only [h, pure_ok]

end Zkvm.Refinement.fri
