module

public import Zkvm.Extracted.Protocol.Logup
public import Zkvm.Refinement.Field.Extension
public import Zkvm.Extraction.LoopEq

/-!
# The extracted `batch_inverse` inverts every value

`logup::batch_inverse` (Montgomery's trick: prefix products, one inversion, then back down)
returns the list of inverses when no value is zero, and `DegenerateChallenge` when one is.
Never panics.
-/

@[expose] public section

noncomputable section

namespace Zkvm.Refinement.protocol.logup

open Zkvm.Extraction Zkvm.Extracted Zkvm.Field Zkvm.Field.Ext4
open Zkvm.Refinement.field.extension (toExt mul_spec inv_spec is_zero_spec one_toExt zero_eq)

/-- The product of a list, left to right. -/
def prodL (l : List Ext4) : Ext4 := l.foldl (· * ·) 1

theorem prodL_take_succ (vs : List Ext4) (j : Nat) (h : j < vs.length) :
    prodL (vs.take (j + 1)) = prodL (vs.take j) * vs[j] := by
  unfold prodL
  rw [List.take_add_one, List.getElem?_eq_getElem h, List.foldl_append]
  rfl

theorem prodL_ne_zero (vs : List Ext4) (hz : ∀ v ∈ vs, v ≠ 0) : ∀ j, prodL (vs.take j) ≠ 0 := by
  intro j
  induction j with
  | zero => simp only [List.take_zero, prodL, List.foldl_nil]; exact fun h => Ext4.zero_ne_one h.symm
  | succ j ih =>
    by_cases h : j < vs.length
    · rw [prodL_take_succ vs j h]
      have hv := hz vs[j] (List.getElem_mem _)
      intro h0
      have : prodL (vs.take j) * vs[j] * (vs[j])⁻¹ * (prodL (vs.take j))⁻¹ = 1 := by
        rw [Ext4.mul_assoc (prodL _), Ext4.mul_inv_cancel hv, Ext4.mul_one, Ext4.mul_inv_cancel ih]
      rw [h0] at this
      simp only [Ext4.zero_mul] at this
      exact Ext4.zero_ne_one this
    · rw [List.take_of_length_le (by omega)] at ih ⊢
      exact ih

theorem set_replicate_append {α : Type} (a x : α) (l : List α) :
    ∀ j, (List.replicate (j + 1) a ++ l).set j x = List.replicate j a ++ x :: l
  | 0 => rfl
  | j + 1 => by
    simp only [List.replicate_succ, List.cons_append, List.set_cons_succ]
    rw [← List.cons_append, ← List.replicate_succ, set_replicate_append a x l j]

/-- `batch_inverse` inverts every value, or rejects a zero with `DegenerateChallenge`; it never
panics. -/
theorem batch_inverse_spec (vs : List Ext4) (hl : vs.length < 2 ^ 64) :
    protocol.logup.batch_inverse (vs.map toExt) =
      .ok (if ∀ v ∈ vs, v ≠ 0 then .ok (vs.map (fun v => toExt v⁻¹))
        else .error .DegenerateChallenge) := by
  have hn := Slice.len_toNat (vs.map toExt) (by simpa using hl)
  simp only [List.length_map] at hn
  unfold protocol.logup.batch_inverse
  dsimp only
  rw [one_toExt]
  let pre : Nat → List (List UInt32) := fun i =>
    ((List.range i).map (fun j => prodL (vs.take (j + 1)))).map toExt
  apply loop_bind_ok
    (P := fun s => s.2.2.toNat ≤ vs.length ∧ s.1 = toExt (prodL (vs.take s.2.2.toNat)) ∧
      s.2.1 = pre s.2.2.toNat ∧ ∀ j (h : j < vs.length), j < s.2.2.toNat → vs[j] ≠ 0)
    (Q := fun r => ((∀ v ∈ vs, v ≠ 0) ∧
        r = Exit.brk (toExt (prodL vs), pre vs.length, Slice.len (vs.map toExt))) ∨
      ((¬ ∀ v ∈ vs, v ≠ 0) ∧ r = Exit.ret (Except.error .DegenerateChallenge)))
  · intro ⟨acc, pf, i⟩ ⟨hi, hacc, hpf, hnz⟩
    dsimp only at hi hacc hpf hnz
    subst hacc hpf
    dsimp only
    by_cases hlt : i < Slice.len (vs.map toExt)
    · have hlt' : i.toNat < vs.length := by rw [UInt64.lt_iff_toNat_lt, hn] at hlt; exact hlt
      have e : (i + 1).toNat = i.toNat + 1 := by simp only [UInt64.toNat_add]; simp; omega
      have hidx : Slice.index (vs.map toExt) i = .ok (toExt vs[i.toNat]) := by
        rw [Slice.index_eq _ _ (by simpa using hlt')]; simp
      rw [if_pos hlt, hidx, ok_bind, is_zero_spec, ok_bind]
      by_cases hz : vs[i.toNat] = 0
      · right
        refine ⟨_, by rw [if_pos (decide_eq_true hz), pure_ok],
          Or.inr ⟨fun h => h _ (List.getElem_mem _) hz, rfl⟩⟩
      · left
        refine ⟨(toExt (prodL (vs.take (i.toNat + 1))), pre (i.toNat + 1), i + 1), ?_, ?_, ?_⟩
        · rw [if_neg (by simpa using hz), ok_bind, mul_spec, ok_bind,
            Usize.add_eq i 1 (by simp; omega), ok_bind, pure_ok, prodL_take_succ vs _ hlt']
          simp only [pre, Slice.push, List.range_succ, List.map_append, List.map_cons, List.map_nil,
            prodL_take_succ vs _ hlt']
        · show 2 ^ 64 - (i + 1).toNat < 2 ^ 64 - i.toNat
          rw [e]; omega
        · refine ⟨by rw [e]; omega, by rw [e], by rw [e], ?_⟩
          intro j hjl hj
          rw [e] at hj
          by_cases hji : j < i.toNat
          · exact hnz j hjl hji
          · have : j = i.toNat := by omega
            subst this; exact hz
    · right
      have e : i.toNat = vs.length := by
        have : ¬ i.toNat < (Slice.len (vs.map toExt)).toNat :=
          fun h => hlt (UInt64.lt_iff_toNat_lt.mpr h)
        omega
      refine ⟨_, by rw [if_neg hlt, pure_ok], Or.inl ⟨?_, ?_⟩⟩
      · intro v hv
        obtain ⟨j, hj, rfl⟩ := List.getElem_of_mem hv
        exact hnz j hj (by omega)
      · have hi : i = Slice.len (vs.map toExt) := UInt64.toNat_inj.mp (by rw [e, hn])
        subst hi
        rw [e, List.take_length]
  · exact ⟨by simp, by simp [prodL], by simp [pre, Slice.withCapacity], fun j _ h => by simp at h⟩
  · intro r hr
    rcases hr with ⟨hz, rfl⟩ | ⟨hz, rfl⟩
    · rw [if_pos hz]
      dsimp only
      rw [inv_spec, ok_bind]
      have hpz := prodL_ne_zero vs hz
      apply loop_bind_ok
        (P := fun s => s.1.toNat ≤ vs.length ∧
          s.2.2 = toExt (prodL (vs.take (max s.1.toNat 1)))⁻¹ ∧
          s.2.1 = List.replicate s.1.toNat (toExt 0) ++ (vs.drop s.1.toNat).map (fun v => toExt v⁻¹))
        (Q := fun s => s.2.1 = vs.map (fun v => toExt v⁻¹))
      · intro ⟨k, out, ia⟩ ⟨hk, hia, hout⟩
        dsimp only at hk hia hout
        subst hia hout
        dsimp only
        by_cases hpos : k > 0
        · have hpos' : 0 < k.toNat := by rw [GT.gt, UInt64.lt_iff_toNat_lt] at hpos; simpa using hpos
          have e : (k - 1).toNat = k.toNat - 1 := by
            rw [UInt64.toNat_sub_of_le _ _ (by rw [UInt64.le_iff_toNat_le]; simp; omega)]; simp
          have hk1 : (k - 1).toNat < vs.length := by omega
          have hkk : k.toNat = (k - 1).toNat + 1 := by omega
          have hlen : (List.replicate k.toNat (toExt 0) ++ (vs.drop k.toNat).map (fun v => toExt v⁻¹)).length
              = vs.length := by simp; omega
          have hdrop : (vs.drop (k - 1).toNat).map (fun v => toExt v⁻¹) =
              toExt (vs[(k - 1).toNat])⁻¹ :: (vs.drop k.toNat).map (fun v => toExt v⁻¹) := by
            rw [List.drop_eq_getElem_cons hk1, ← hkk]; rfl
          left
          by_cases h0 : k - 1 = 0
          · have h0' : (k - 1).toNat = 0 := by rw [h0]; rfl
            have hk1' : k.toNat = 1 := by omega
            obtain ⟨v0, rest, hvs⟩ : ∃ v0 rest, vs = v0 :: rest := by
              cases vs with
              | nil => simp at hk1
              | cons a l => exact ⟨a, l, rfl⟩
            refine ⟨(k - 1, vs.map (fun v => toExt v⁻¹),
              toExt (prodL (vs.take (max k.toNat 1)))⁻¹), ?_, ?_, ?_⟩
            · rw [if_pos hpos, Usize.sub_eq k 1 (by simp; omega), ok_bind, if_pos h0,
                Slice.update_eq _ _ _ (by rw [hlen]; simp; omega), ok_bind, pure_ok]
              simp only [hk1', hvs]
              simp [prodL, Ext4.one_mul]
            · show (k - 1).toNat < k.toNat
              omega
            · exact ⟨by dsimp only; omega, by dsimp only; rw [h0', hk1']; rfl, by dsimp only; rw [h0']; simp⟩
          · have h0' : (k - 1).toNat ≠ 0 := fun h => h0 (UInt64.toNat_inj.mp (by rw [h]; rfl))
            have hk2 : (k - 1 - 1).toNat = (k - 1).toNat - 1 := by
              rw [UInt64.toNat_sub_of_le _ _ (by rw [UInt64.le_iff_toNat_le]; simp; omega)]; simp
            have hpre : Slice.index (pre vs.length) (k - 1 - 1) =
                .ok (toExt (prodL (vs.take (k - 1).toNat))) := by
              rw [Slice.index_eq _ _ (by simp only [pre, List.length_map, List.length_range]; rw [hk2]; omega)]
              simp only [pre, List.getElem_map, List.getElem_range, hk2]
              rw [show (k - 1).toNat - 1 + 1 = (k - 1).toNat by omega]
            have hv : Slice.index (vs.map toExt) (k - 1) = .ok (toExt vs[(k - 1).toNat]) := by
              rw [Slice.index_eq _ _ (by simp; omega)]; simp
            have hP := hpz (k - 1).toNat
            have hvz := hz vs[(k - 1).toNat] (List.getElem_mem _)
            have hsucc := prodL_take_succ vs (k - 1).toNat hk1
            have hmax : max k.toNat 1 = (k - 1).toNat + 1 := by omega
            have hmax' : max (k - 1).toNat 1 = (k - 1).toNat := by omega
            refine ⟨(k - 1, List.replicate (k - 1).toNat (toExt 0) ++
              (vs.drop (k - 1).toNat).map (fun v => toExt v⁻¹),
              toExt (prodL (vs.take (k - 1).toNat))⁻¹), ?_, ?_, ?_⟩
            · rw [if_pos hpos, Usize.sub_eq k 1 (by simp; omega), ok_bind, if_neg h0,
                Usize.sub_eq (k - 1) 1 (by simp; omega), ok_bind, hpre, ok_bind, mul_spec, ok_bind,
                Slice.update_eq _ _ _ (by rw [hlen]; omega), ok_bind, hv, ok_bind, mul_spec, ok_bind,
                pure_ok, hmax, hsucc]
              have f1 : (prodL (vs.take (k - 1).toNat) * vs[(k - 1).toNat])⁻¹ *
                  prodL (vs.take (k - 1).toNat) = (vs[(k - 1).toNat])⁻¹ := by grind
              have f2 : (prodL (vs.take (k - 1).toNat) * vs[(k - 1).toNat])⁻¹ * vs[(k - 1).toNat] =
                  (prodL (vs.take (k - 1).toNat))⁻¹ := by grind
              rw [f1, f2, hkk, set_replicate_append, ← hkk, hdrop]
              rfl
            · show (k - 1).toNat < k.toNat
              omega
            · exact ⟨by dsimp only; omega, by dsimp only; rw [hmax'], rfl⟩
        · right
          refine ⟨_, by rw [if_neg hpos, pure_ok], ?_⟩
          have e : k.toNat = 0 := by
            have : ¬ 0 < k.toNat := fun h => hpos (by rw [GT.gt, UInt64.lt_iff_toNat_lt]; simpa using h)
            omega
          dsimp only
          rw [e]; simp
      · refine ⟨by rw [hn]; exact Nat.le_refl _, ?_, ?_⟩
        · dsimp only
          rw [hn]
          by_cases h0 : vs.length = 0
          · rw [List.eq_nil_of_length_eq_zero h0]; simp [prodL]
          · rw [show max vs.length 1 = vs.length by omega, List.take_length]
        · dsimp only
          rw [hn, List.drop_length, zero_eq]; simp [Slice.repeat, hn]
      · intro ⟨k, out, ia⟩ h
        dsimp only at h
        subst h
        rfl
    · rw [if_neg hz]
      rfl

end Zkvm.Refinement.protocol.logup
