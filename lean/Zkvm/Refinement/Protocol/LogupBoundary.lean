module

public import Zkvm.Refinement.Protocol.Logup
public import Zkvm.Refinement.Protocol.LogupInverse
public import Zkvm.Spec.Boundary

/-!
# The extracted bus check computes the IOP's `busCheck`

`logup::boundary_sum` is `fracSum χ β` of the statement's boundary fractions (`+1` per sent,
`-1` per received message), `DegenerateChallenge` when a denominator vanishes; and
`check_bus_balance` accepts exactly when `σ + fracSum χ β boundary = 0` (`LookupSumMismatch`
otherwise), the bus condition of `Zkvm.Spec.busCheck` with `σ` the sum of the claimed sums.
Never panics.
-/

@[expose] public section

noncomputable section

namespace Zkvm.Refinement.protocol.logup

open Zkvm.Extraction Zkvm.Extracted Zkvm.Field Zkvm.Field.Ext4 Zkvm.Spec
open Zkvm.Stark (fracSum fp)
open Zkvm.Refinement.field (toU32)
open Zkvm.Refinement.field.extension (toExt add_spec sub_spec zero_eq is_zero_spec)

theorem den_spec (χ β : Ext4) (m : List BabyBear) (hm : m.length < 2 ^ 64) :
    (do let fp ← protocol.logup.fingerprint_base (m.map toU32) (toExt β)
        field.extension.sub (toExt χ) fp) = .ok (toExt (boundaryDen χ β m)) := by
  rw [fingerprint_base_spec _ _ hm, ok_bind, sub_spec]; rfl

/-- `boundary_sum` is the boundary's `fracSum`, or `DegenerateChallenge` when a denominator
vanishes; it never panics. -/
theorem boundary_sum_spec (sends receives : List (List BabyBear)) (χ β χl : Ext4)
    (hl : sends.length + receives.length < 2 ^ 64)
    (hm : ∀ m ∈ sends ++ receives, m.length < 2 ^ 64) :
    protocol.logup.boundary_sum
        { sends := sends.map (fun m => m.map toU32), receives := receives.map (fun m => m.map toU32) }
        (toChallenges χ β χl) =
      .ok (if ∀ m ∈ sends ++ receives, boundaryDen χ β m ≠ 0
        then .ok (toExt (fracSum χ β (boundaryFracs sends receives)))
        else .error .DegenerateChallenge) := by
  have hns := Slice.len_toNat (sends.map (fun m => m.map toU32)) (by simp; omega)
  have hnr := Slice.len_toNat (receives.map (fun m => m.map toU32)) (by simp; omega)
  simp only [List.length_map] at hns hnr
  unfold protocol.logup.boundary_sum
  dsimp only [toChallenges]
  have hca : Usize.checked_add (Slice.len (sends.map (fun m => m.map toU32)))
      (Slice.len (receives.map (fun m => m.map toU32))) =
      some (Slice.len (sends.map (fun m => m.map toU32)) + Slice.len (receives.map (fun m => m.map toU32))) := by
    simp only [Usize.checked_add]; rw [if_pos (by omega)]
  rw [hca]
  dsimp only
  rw [pure_ok, ok_bind]
  let D := sends.map (boundaryDen χ β) ++ receives.map (boundaryDen χ β)
  -- the sends' denominators
  apply loop_bind_ok
    (P := fun s => s.2.toNat ≤ sends.length ∧ s.1 = ((sends.take s.2.toNat).map (boundaryDen χ β)).map toExt)
    (Q := fun s => s.1 = (sends.map (boundaryDen χ β)).map toExt)
  · intro ⟨dn, i⟩ ⟨hi, hdn⟩
    dsimp only at hi hdn
    subst hdn
    dsimp only
    by_cases hlt : i < Slice.len (sends.map (fun m => m.map toU32))
    · have hlt' : i.toNat < sends.length := by rw [UInt64.lt_iff_toNat_lt, hns] at hlt; exact hlt
      have e : (i + 1).toNat = i.toNat + 1 := by simp only [UInt64.toNat_add]; simp; omega
      left
      refine ⟨(((sends.take (i.toNat + 1)).map (boundaryDen χ β)).map toExt, i + 1), ?_, ?_, ?_⟩
      · rw [if_pos hlt, Slice.index_eq _ _ (by simpa using hlt'), ok_bind]
        simp only [List.getElem_map]
        rw [fingerprint_base_spec _ _ (hm _ (List.mem_append_left _ (List.getElem_mem _))), ok_bind,
          sub_spec, ok_bind, Usize.add_eq i 1 (by simp; omega), ok_bind, pure_ok,
          List.take_add_one, List.getElem?_eq_getElem hlt']
        simp only [Slice.push, List.map_append, Option.toList_some, List.map_cons, List.map_nil,
          boundaryDen]
      · show 2 ^ 64 - (i + 1).toNat < 2 ^ 64 - i.toNat
        rw [e]; omega
      · exact ⟨by rw [e]; omega, by rw [e]⟩
    · right
      refine ⟨_, by rw [if_neg hlt, pure_ok], ?_⟩
      have e : i.toNat = sends.length := by
        have : ¬ i.toNat < (Slice.len (sends.map (fun m => m.map toU32))).toNat :=
          fun h => hlt (UInt64.lt_iff_toNat_lt.mpr h)
        omega
      dsimp only
      rw [e, List.take_length]
  · exact ⟨by simp, by simp [Slice.withCapacity]⟩
  intro ⟨dn, i⟩ hdn
  dsimp only at hdn
  subst hdn
  dsimp only
  -- the receives' denominators
  apply loop_bind_ok
    (P := fun s => s.2.toNat ≤ receives.length ∧ s.1 = (sends.map (boundaryDen χ β) ++
      (receives.take s.2.toNat).map (boundaryDen χ β)).map toExt)
    (Q := fun s => s.1 = D.map toExt)
  · intro ⟨dn, j⟩ ⟨hj, hdn⟩
    dsimp only at hj hdn
    subst hdn
    dsimp only
    by_cases hlt : j < Slice.len (receives.map (fun m => m.map toU32))
    · have hlt' : j.toNat < receives.length := by rw [UInt64.lt_iff_toNat_lt, hnr] at hlt; exact hlt
      have e : (j + 1).toNat = j.toNat + 1 := by simp only [UInt64.toNat_add]; simp; omega
      left
      refine ⟨((sends.map (boundaryDen χ β) ++
        (receives.take (j.toNat + 1)).map (boundaryDen χ β)).map toExt, j + 1), ?_, ?_, ?_⟩
      · rw [if_pos hlt, Slice.index_eq _ _ (by simpa using hlt'), ok_bind]
        simp only [List.getElem_map]
        rw [fingerprint_base_spec _ _ (hm _ (List.mem_append_right _ (List.getElem_mem _))), ok_bind,
          sub_spec, ok_bind, Usize.add_eq j 1 (by simp; omega), ok_bind, pure_ok,
          List.take_add_one, List.getElem?_eq_getElem hlt']
        simp only [Slice.push, List.map_append, Option.toList_some, List.map_cons, List.map_nil,
          boundaryDen, List.append_assoc]
      · show 2 ^ 64 - (j + 1).toNat < 2 ^ 64 - j.toNat
        rw [e]; omega
      · exact ⟨by rw [e]; omega, by rw [e]⟩
    · right
      refine ⟨_, by rw [if_neg hlt, pure_ok], ?_⟩
      have e : j.toNat = receives.length := by
        have : ¬ j.toNat < (Slice.len (receives.map (fun m => m.map toU32))).toNat :=
          fun h => hlt (UInt64.lt_iff_toNat_lt.mpr h)
        omega
      dsimp only
      rw [e, List.take_length]
  · exact ⟨by simp, by simp⟩
  intro ⟨dn, j⟩ hdn
  dsimp only at hdn
  subst hdn
  dsimp only
  have hDl : D.length < 2 ^ 64 := by simp [D]; omega
  rw [batch_inverse_spec D hDl, ok_bind]
  have hiff : (∀ v ∈ D, v ≠ 0) ↔ (∀ m ∈ sends ++ receives, boundaryDen χ β m ≠ 0) := by
    simp only [D, List.mem_append, List.mem_map]
    constructor
    · intro h m hm'
      rcases hm' with hm' | hm'
      · exact h _ (Or.inl ⟨m, hm', rfl⟩)
      · exact h _ (Or.inr ⟨m, hm', rfl⟩)
    · intro h v hv
      rcases hv with ⟨m, hm', rfl⟩ | ⟨m, hm', rfl⟩
      · exact h m (Or.inl hm')
      · exact h m (Or.inr hm')
  by_cases hz : ∀ v ∈ D, v ≠ 0
  · rw [if_pos hz, if_pos (hiff.mp hz)]
    dsimp only
    rw [pure_ok, ok_bind, zero_eq]
    let inv := D.map (·⁻¹)
    have hinvl : (D.map (fun v => toExt v⁻¹)) = inv.map toExt := by simp [inv]
    rw [hinvl]
    have hinv64 : inv.length < 2 ^ 64 := by simp only [inv, List.length_map]; exact hDl
    have hnl := Slice.len_toNat (inv.map toExt) (by simp only [List.length_map]; exact hinv64)
    simp only [List.length_map] at hnl
    apply loop_bind_ok
      (P := fun s => s.2.toNat ≤ inv.length ∧ s.1 = toExt ((List.range s.2.toNat).foldl
        (fun acc j => if j < sends.length then acc + inv.getD j 0 else acc - inv.getD j 0) 0))
      (Q := fun s => s.1 = toExt (signedSum sends.length inv))
    · intro ⟨sm, k⟩ ⟨hk, hsm⟩
      dsimp only at hk hsm
      subst hsm
      dsimp only
      by_cases hlt : k < Slice.len (inv.map toExt)
      · have hlt' : k.toNat < inv.length := by rw [UInt64.lt_iff_toNat_lt, hnl] at hlt; exact hlt
        have e : (k + 1).toNat = k.toNat + 1 := by simp only [UInt64.toNat_add]; simp; omega
        have hidx : Slice.index (inv.map toExt) k = .ok (toExt inv[k.toNat]) := by
          rw [Slice.index_eq _ _ (by simpa using hlt')]; simp
        have hg : inv.getD k.toNat 0 = inv[k.toNat] := by
          simp only [List.getD, List.getElem?_eq_getElem hlt', Option.getD_some]
        left
        refine ⟨(toExt ((List.range (k.toNat + 1)).foldl
          (fun acc j => if j < sends.length then acc + inv.getD j 0 else acc - inv.getD j 0) 0),
          k + 1), ?_, ?_, ?_⟩
        · rw [if_pos hlt, List.range_succ, List.foldl_append]
          simp only [List.foldl_cons, List.foldl_nil, hg]
          by_cases hs : k < Slice.len (sends.map (fun m => m.map toU32))
          · have hs' : k.toNat < sends.length := by rw [UInt64.lt_iff_toNat_lt, hns] at hs; exact hs
            rw [if_pos hs, if_pos hs', hidx, ok_bind, add_spec, ok_bind,
              Usize.add_eq k 1 (by simp; omega), ok_bind, pure_ok]
            rfl
          · have hs' : ¬ k.toNat < sends.length := fun h => hs (by
              rw [UInt64.lt_iff_toNat_lt, hns]; exact h)
            rw [if_neg hs, if_neg hs', hidx, ok_bind, sub_spec, ok_bind,
              Usize.add_eq k 1 (by simp; omega), ok_bind, pure_ok]
            rfl
        · show 2 ^ 64 - (k + 1).toNat < 2 ^ 64 - k.toNat
          rw [e]; omega
        · exact ⟨by rw [e]; omega, by rw [e]⟩
      · right
        refine ⟨_, by rw [if_neg hlt, pure_ok], ?_⟩
        have e : k.toNat = inv.length := by
          have : ¬ k.toNat < (Slice.len (inv.map toExt)).toNat :=
            fun h => hlt (UInt64.lt_iff_toNat_lt.mpr h)
          omega
        dsimp only
        rw [e]; rfl
    · exact ⟨by simp, by simp⟩
    · intro ⟨sm, k⟩ hsm
      dsimp only at hsm
      subst hsm
      show Outcome.ok (Except.ok (toExt (signedSum sends.length inv))) = _
      exact congrArg (fun z => Outcome.ok (Except.ok (toExt z))) (signedSum_eq_fracSum χ β sends receives)
  · rw [if_neg hz, if_neg (fun h => hz (hiff.mpr h))]
    rfl

/-- **The bus check**: `check_bus_balance` accepts exactly when the claimed sums `σ` and the
boundary's `fracSum` add up to zero (the IOP's `busCheck`), with `DegenerateChallenge` on a
vanishing denominator and `LookupSumMismatch` otherwise; it never panics. -/
theorem check_bus_balance_spec (σ : Ext4) (sends receives : List (List BabyBear)) (χ β χl : Ext4)
    (hl : sends.length + receives.length < 2 ^ 64)
    (hm : ∀ m ∈ sends ++ receives, m.length < 2 ^ 64) :
    protocol.logup.check_bus_balance (toExt σ)
        { sends := sends.map (fun m => m.map toU32), receives := receives.map (fun m => m.map toU32) }
        (toChallenges χ β χl) =
      .ok (if ∀ m ∈ sends ++ receives, boundaryDen χ β m ≠ 0
        then (if σ + fracSum χ β (boundaryFracs sends receives) = 0 then .ok ()
          else .error .LookupSumMismatch)
        else .error .DegenerateChallenge) := by
  unfold protocol.logup.check_bus_balance
  rw [boundary_sum_spec sends receives χ β χl hl hm, ok_bind]
  by_cases hz : ∀ m ∈ sends ++ receives, boundaryDen χ β m ≠ 0
  · rw [if_pos hz, if_pos hz]
    dsimp only
    rw [pure_ok, ok_bind, add_spec, ok_bind, is_zero_spec, ok_bind]
    by_cases h0 : σ + fracSum χ β (boundaryFracs sends receives) = 0
    · rw [if_pos h0, decide_eq_true h0]; rfl
    · rw [if_neg h0, decide_eq_false h0]; rfl
  · rw [if_neg hz, if_neg hz]; rfl

end Zkvm.Refinement.protocol.logup
