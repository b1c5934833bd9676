module

public import Zkvm.Extracted.Protocol.Deep
public import Zkvm.Refinement.Field.Extension
public import Zkvm.Spec.Deep

/-!
# The extracted DEEP composition computes `Zkvm.Spec.Deep`

`crate::protocol::deep` on canonical field and extension elements (`toU32`, `toExt`): `powers`
lists the powers of `γ`; `accumulate_numerator` adds the weighted differences in column order
(`accumulate`), rejecting rows and claims of different lengths with `WrongProofShape`; and
`deep_composition_at` is one table's DEEP terms `deepAt` when the shapes agree and the powers
of `γ` suffice, `DegenerateChallenge` when the query point is `ζ` or `ζ'`. None of them panics.
-/

@[expose] public section

namespace Zkvm.Refinement.protocol.deep

open Zkvm.Extraction Zkvm.Extracted Zkvm.Field Zkvm.Field.BabyBear Zkvm.Field.Ext4 Zkvm.Spec
open Zkvm.Refinement.field (toU32)
open Zkvm.Refinement.field.extension (toExt add_spec sub_spec mul_spec from_base_spec one_toExt
  is_zero_spec inv_spec)

/-- `powers` lists `1, γ, …, γ^(count-1)`; it never panics. -/
theorem powers_spec (γ : Ext4) (count : Usize) :
    protocol.deep.powers (toExt γ) count = .ok ((Spec.powers γ count.toNat).map toExt) := by
  unfold protocol.deep.powers
  rw [one_toExt]
  apply loop_bind_ok
    (P := fun s => s.2.2.toNat ≤ count.toNat ∧ s.1 = (Spec.powers γ s.2.2.toNat).map toExt ∧
      s.2.1 = toExt (γ ^ s.2.2.toNat))
    (Q := fun s => s.1 = (Spec.powers γ count.toNat).map toExt)
  · intro ⟨out, cur, i⟩ ⟨hi, hout, hcur⟩
    simp only at hi hout hcur
    subst hout hcur
    by_cases hlt : i < count
    · have hlt' : i.toNat < count.toNat := UInt64.lt_iff_toNat_lt.mp hlt
      have e : (i + 1).toNat = i.toNat + 1 := by
        simp only [UInt64.toNat_add]; have := UInt64.toNat_lt count; simp; omega
      left
      refine ⟨((Spec.powers γ (i.toNat + 1)).map toExt, toExt (γ ^ (i.toNat + 1)), i + 1), ?_, ?_, ?_⟩
      · simp only [hlt, if_true, mul_spec, ok_bind,
          Usize.add_eq i 1 (by have := UInt64.toNat_lt count; simp; omega), pure_ok, Slice.push]
        rw [Ext4.pow_succ]
        simp [Spec.powers, List.range_succ]
      · show 2 ^ 64 - (i + 1).toNat < 2 ^ 64 - i.toNat
        rw [e]; have := UInt64.toNat_lt count; omega
      · exact ⟨by rw [e]; omega, by rw [e], by rw [e]⟩
    · right
      refine ⟨_, by dsimp only; rw [if_neg hlt, pure_ok], ?_⟩
      have e : i.toNat = count.toNat := by
        have : ¬ i.toNat < count.toNat := fun h => hlt (UInt64.lt_iff_toNat_lt.mpr h)
        omega
      simp only [e]
  · exact ⟨by simp, by simp [Spec.powers, Slice.withCapacity], by simp [Ext4.pow_zero]⟩
  · intro ⟨out, cur, i⟩ h
    simp only at h
    simp only [h, pure_ok]

theorem foldl_accStep_succ (values : List BabyBear) (claimed coeffs : List Ext4) (offset : Nat)
    (acc : Ext4) (j : Nat) :
    (List.range (j + 1)).foldl (accStep values claimed coeffs offset) acc =
      accStep values claimed coeffs offset
        ((List.range j).foldl (accStep values claimed coeffs offset) acc) j := by
  rw [List.range_succ, List.foldl_append]; rfl

theorem getD_of_lt {α : Type} (l : List α) (i : Nat) (d : α) (h : i < l.length) :
    l.getD i d = l[i] := by
  simp only [List.getD, List.getElem?_eq_getElem h, Option.getD_some]

/-- `accumulate_numerator` adds `Σ_j coeffs[offset + j] (values_j − claimed_j)` to `acc` in
column order, when the row and the claims have the same length and the coefficients suffice;
it never panics. -/
theorem accumulate_numerator_spec (acc : Ext4) (values : List BabyBear) (claimed coeffs : List Ext4)
    (offset : Usize) (hlen : values.length = claimed.length)
    (hcoef : offset.toNat + values.length ≤ coeffs.length) (hc64 : coeffs.length < 2 ^ 64) :
    protocol.deep.accumulate_numerator (toExt acc) (values.map toU32) (claimed.map toExt)
        (coeffs.map toExt) offset =
      .ok (.ok (toExt (accumulate acc values claimed coeffs offset.toNat))) := by
  have hn := Slice.len_toNat (values.map toU32) (by simp; omega)
  simp only [List.length_map] at hn
  unfold protocol.deep.accumulate_numerator
  have hsl : Slice.len (values.map toU32) = Slice.len (claimed.map toExt) := by
    simp [Slice.len, hlen]
  rw [if_neg (by simp [hsl])]
  apply loop_bind_ok
    (P := fun s => s.1.toNat ≤ values.length ∧
      s.2 = toExt ((List.range s.1.toNat).foldl (accStep values claimed coeffs offset.toNat) acc))
    (Q := fun r => r = Exit.brk (Slice.len (values.map toU32),
      toExt (accumulate acc values claimed coeffs offset.toNat)))
  · intro ⟨j, sum⟩ ⟨hj, hsum⟩
    simp only at hj hsum
    subst hsum
    by_cases hlt : j < Slice.len (values.map toU32)
    · have hlt' : j.toNat < values.length := by rw [UInt64.lt_iff_toNat_lt, hn] at hlt; exact hlt
      have e : (j + 1).toNat = j.toNat + 1 := by simp only [UInt64.toNat_add]; simp; omega
      have hoj : (offset + j).toNat = offset.toNat + j.toNat := by
        simp only [UInt64.toNat_add]; omega
      have hca : Usize.checked_add offset j = some (offset + j) := by
        simp only [Usize.checked_add]; rw [if_pos (by omega)]
      have hget : Slice.get (coeffs.map toExt) (offset + j) =
          some (toExt (coeffs[offset.toNat + j.toNat]'(by omega))) := by
        simp only [Slice.get, hoj, List.getElem?_map, List.getElem?_eq_getElem (show
          offset.toNat + j.toNat < coeffs.length by omega)]; rfl
      have hv : Slice.index (values.map toU32) j = .ok (toU32 values[j.toNat]) := by
        rw [Slice.index_eq _ _ (by simpa using hlt')]; simp
      have hcl : Slice.index (claimed.map toExt) j = .ok (toExt (claimed[j.toNat]'(by omega))) := by
        rw [Slice.index_eq _ _ (by simp; omega)]; simp
      left
      refine ⟨(j + 1, toExt ((List.range (j.toNat + 1)).foldl
        (accStep values claimed coeffs offset.toNat) acc)), ?_, ?_, ?_⟩
      · dsimp only
        rw [if_pos hlt, hca]
        dsimp only
        rw [pure_ok, ok_bind, hget]
        dsimp only
        rw [pure_ok, ok_bind, hv, ok_bind, from_base_spec, ok_bind, hcl, ok_bind, sub_spec, ok_bind,
          mul_spec, ok_bind, add_spec, ok_bind, Usize.add_eq j 1 (by simp; omega), ok_bind, pure_ok,
          foldl_accStep_succ]
        simp only [accStep, getD_of_lt _ _ _ hlt', getD_of_lt _ _ _ (show j.toNat < claimed.length by omega),
          getD_of_lt _ _ _ (show offset.toNat + j.toNat < coeffs.length by omega)]
      · show 2 ^ 64 - (j + 1).toNat < 2 ^ 64 - j.toNat
        rw [e]; have := UInt64.toNat_lt j; omega
      · exact ⟨by rw [e]; omega, by rw [e]⟩
    · right
      refine ⟨_, by dsimp only; rw [if_neg hlt, pure_ok], ?_⟩
      have e : j.toNat = values.length := by
        rw [UInt64.lt_iff_toNat_lt, hn] at hlt; omega
      have hj : j = Slice.len (values.map toU32) := UInt64.toNat_inj.mp (by rw [hn, e])
      subst hj
      rw [hn]; rfl
  · exact ⟨by simp, by simp⟩
  · intro r hr
    subst hr
    rfl

end Zkvm.Refinement.protocol.deep

namespace Zkvm.Refinement.protocol.deep

open Zkvm.Extraction Zkvm.Extracted Zkvm.Field Zkvm.Field.BabyBear Zkvm.Field.Ext4 Zkvm.Spec
open Zkvm.Refinement.field (toU32)
open Zkvm.Refinement.field.extension (toExt add_spec sub_spec mul_spec from_base_spec zero_eq
  is_zero_spec inv_spec)

theorem checked_add_some (a b : Usize) (h : a.toNat + b.toNat < 2 ^ 64) :
    Usize.checked_add a b = some (a + b) := by
  simp only [Usize.checked_add]; rw [if_pos h]

theorem add_toNat (a b : Usize) (h : a.toNat + b.toNat < 2 ^ 64) : (a + b).toNat = a.toNat + b.toNat := by
  simp only [UInt64.toNat_add]; omega

/-- `deep_composition_at` is one table's DEEP terms `deepAt` at the query point, when the claimed
values have the rows' shapes, the powers of `γ` cover the table's range, and the point is
neither `ζ` nor `ζ'`; it never panics. -/
theorem deep_composition_at_spec (x : BabyBear) (trace aux quot : List BabyBear) (ζ ζ' : Ext4)
    (oodT oodTn oodA oodAn oodQ γs : List Ext4) (o : Usize)
    (hT : oodT.length = trace.length) (hTn : oodTn.length = trace.length)
    (hA : oodA.length = aux.length) (hAn : oodAn.length = aux.length)
    (hQ : oodQ.length = quot.length)
    (hγ : o.toNat + trace.length + trace.length + aux.length + aux.length + quot.length ≤ γs.length)
    (hγ64 : γs.length < 2 ^ 64)
    (hz : ofBase x - ζ ≠ 0) (hz' : ofBase x - ζ' ≠ 0) :
    protocol.deep.deep_composition_at (toU32 x) (trace.map toU32) (aux.map toU32)
        (quot.map toU32) (toExt ζ) (toExt ζ') (oodT.map toExt) (oodTn.map toExt)
        (oodA.map toExt) (oodAn.map toExt) (oodQ.map toExt) (γs.map toExt) o =
      .ok (.ok (toExt (deepAt x trace aux quot ζ ζ' oodT oodTn oodA oodAn oodQ γs o.toNat))) := by
  have hw := Slice.len_toNat (trace.map toU32) (by simp; omega)
  have ha := Slice.len_toNat (aux.map toU32) (by simp; omega)
  simp only [List.length_map] at hw ha
  unfold protocol.deep.deep_composition_at
  try dsimp only
  generalize Slice.len (trace.map toU32) = W at hw ⊢
  generalize Slice.len (aux.map toU32) = A at ha ⊢
  have e1 := add_toNat o W (by omega)
  have e2 := add_toNat (o + W) W (by omega)
  have e3 := add_toNat (o + W + W) A (by omega)
  have e4 := add_toNat (o + W + W + A) A (by omega)
  rw [checked_add_some o W (by omega)]
  try dsimp only
  rw [pure_ok, ok_bind, checked_add_some (o + W) W (by omega)]
  try dsimp only
  rw [pure_ok, ok_bind, checked_add_some (o + W + W) A (by omega)]
  try dsimp only
  rw [pure_ok, ok_bind, checked_add_some (o + W + W + A) A (by omega)]
  try dsimp only
  rw [pure_ok, ok_bind, zero_eq,
    accumulate_numerator_spec 0 trace oodT γs o hT.symm (by omega) hγ64, ok_bind]
  try dsimp only
  rw [pure_ok, ok_bind,
    accumulate_numerator_spec _ aux oodA γs (o + W + W) hA.symm (by omega) hγ64, ok_bind]
  try dsimp only
  rw [pure_ok, ok_bind,
    accumulate_numerator_spec _ quot oodQ γs (o + W + W + A + A) hQ.symm (by omega) hγ64, ok_bind]
  try dsimp only
  rw [pure_ok, ok_bind,
    accumulate_numerator_spec 0 trace oodTn γs (o + W) hTn.symm (by omega) hγ64, ok_bind]
  try dsimp only
  rw [pure_ok, ok_bind,
    accumulate_numerator_spec _ aux oodAn γs (o + W + W + A) hAn.symm (by omega) hγ64, ok_bind]
  try dsimp only
  rw [pure_ok, ok_bind, from_base_spec, ok_bind, sub_spec, ok_bind, sub_spec, ok_bind,
    is_zero_spec, ok_bind, decide_eq_false hz]
  try dsimp only
  rw [is_zero_spec, ok_bind, decide_eq_false hz']
  simp only [Bool.false_eq_true, if_false]
  rw [inv_spec, ok_bind, mul_spec, ok_bind, inv_spec, ok_bind, mul_spec, ok_bind, add_spec, ok_bind,
    pure_ok]
  simp only [e1, e2, e3, e4, hw, ha, deepAt]

/-- The query point on `ζ` or `ζ'` is rejected with `DegenerateChallenge` (for well-shaped
openings), never a panic. -/
theorem deep_composition_at_degenerate (x : BabyBear) (trace aux quot : List BabyBear) (ζ ζ' : Ext4)
    (oodT oodTn oodA oodAn oodQ γs : List Ext4) (o : Usize)
    (hT : oodT.length = trace.length) (hTn : oodTn.length = trace.length)
    (hA : oodA.length = aux.length) (hAn : oodAn.length = aux.length)
    (hQ : oodQ.length = quot.length)
    (hγ : o.toNat + trace.length + trace.length + aux.length + aux.length + quot.length ≤ γs.length)
    (hγ64 : γs.length < 2 ^ 64)
    (hz : ofBase x - ζ = 0 ∨ ofBase x - ζ' = 0) :
    protocol.deep.deep_composition_at (toU32 x) (trace.map toU32) (aux.map toU32)
        (quot.map toU32) (toExt ζ) (toExt ζ') (oodT.map toExt) (oodTn.map toExt)
        (oodA.map toExt) (oodAn.map toExt) (oodQ.map toExt) (γs.map toExt) o =
      .ok (.error .DegenerateChallenge) := by
  have hw := Slice.len_toNat (trace.map toU32) (by simp; omega)
  have ha := Slice.len_toNat (aux.map toU32) (by simp; omega)
  simp only [List.length_map] at hw ha
  unfold protocol.deep.deep_composition_at
  try dsimp only
  generalize Slice.len (trace.map toU32) = W at hw ⊢
  generalize Slice.len (aux.map toU32) = A at ha ⊢
  have e1 := add_toNat o W (by omega)
  have e2 := add_toNat (o + W) W (by omega)
  have e3 := add_toNat (o + W + W) A (by omega)
  have e4 := add_toNat (o + W + W + A) A (by omega)
  rw [checked_add_some o W (by omega)]
  try dsimp only
  rw [pure_ok, ok_bind, checked_add_some (o + W) W (by omega)]
  try dsimp only
  rw [pure_ok, ok_bind, checked_add_some (o + W + W) A (by omega)]
  try dsimp only
  rw [pure_ok, ok_bind, checked_add_some (o + W + W + A) A (by omega)]
  try dsimp only
  rw [pure_ok, ok_bind, zero_eq,
    accumulate_numerator_spec 0 trace oodT γs o hT.symm (by omega) hγ64, ok_bind]
  try dsimp only
  rw [pure_ok, ok_bind,
    accumulate_numerator_spec _ aux oodA γs (o + W + W) hA.symm (by omega) hγ64, ok_bind]
  try dsimp only
  rw [pure_ok, ok_bind,
    accumulate_numerator_spec _ quot oodQ γs (o + W + W + A + A) hQ.symm (by omega) hγ64, ok_bind]
  try dsimp only
  rw [pure_ok, ok_bind,
    accumulate_numerator_spec 0 trace oodTn γs (o + W) hTn.symm (by omega) hγ64, ok_bind]
  try dsimp only
  rw [pure_ok, ok_bind,
    accumulate_numerator_spec _ aux oodAn γs (o + W + W + A) hAn.symm (by omega) hγ64, ok_bind]
  try dsimp only
  rw [pure_ok, ok_bind, from_base_spec, ok_bind, sub_spec, ok_bind, sub_spec, ok_bind,
    is_zero_spec, ok_bind]
  rcases hz with hz | hz
  · rw [decide_eq_true hz]
    simp only [if_true]
    rfl
  · by_cases h0 : ofBase x - ζ = 0
    · rw [decide_eq_true h0]; simp only [if_true]; rfl
    · rw [decide_eq_false h0]
      try dsimp only
      rw [is_zero_spec, ok_bind, decide_eq_true hz]
      simp only [if_true]
      rfl

end Zkvm.Refinement.protocol.deep
