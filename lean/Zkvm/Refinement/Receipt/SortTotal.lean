module

public import Zkvm.Refinement.Receipt.ElfTotal

/-!
# Sorting the segments never panics (issue 11)

`sort_by_vaddr_total`: `program::sort_by_vaddr` (a bottom-up merge sort of segment indices)
never panics on a list of segments shorter than `2^64`. The loop invariants: `order` and
`scratch` keep length `n`; `1 ≤ width`; each run `[lo, hi)` has `lo < mid ≤ hi ≤ n`, so every
read `order[left]`, `order[right]` and write `scratch[out]` is in bounds and `lo` grows.
-/

@[expose] public section

noncomputable section

namespace Zkvm.Refinement.receipt.program

open Zkvm.Extraction Zkvm.Extracted

local macro "bad" : tactic => `(tactic| exact ⟨_, rfl, trivial⟩)

/- The merge of one run `[lo, hi)` (the same proof for each of the four ways `mid` and `hi`
are clamped), given `hmidN : mid ≤ n`, `hhiN : hi ≤ n`, `hlomid : lo < mid`,
`hmidhi : mid ≤ hi`, the lengths `ho`, `hsc` of `order` and `scratch`. -/
set_option hygiene false in
local macro "merge_tac" hi:term : tactic => `(tactic| (
  refine loop_idx_bind _ _ _ _ (fun s : List Usize × Usize × Usize × Usize => s.2.2.2)
    (fun _ => rfl) (fun s => s.1.length = segments.length)
    (fun r => ∀ s, r = .brk s → s.1.length = segments.length) _ ?_ hsc ?_
  · intro ⟨sc, left, right, out⟩ hsc'
    dsimp only at hsc' ⊢
    apply ite_ex
    · intro hout
      have hout' := UInt64.lt_iff_toNat_lt.mp hout
      obtain ⟨hso, eo⟩ := succ_of_lt out _ hout
      apply ite_ex
      · intro hc
        simp only [Bool.and_eq_true, decide_eq_true_eq] at hc
        have hl' := UInt64.lt_iff_toNat_lt.mp hc.1
        have hr' := UInt64.lt_iff_toNat_lt.mp hc.2
        refine bind_ex (Slice.index_eq order left (by omega)) ?_
        refine bind_ex (Slice.index_eq order right (by omega)) ?_
        apply ite_ex
        · intro _; exact ⟨_, rfl, idx_done fun s hs => by cases hs⟩
        intro hab
        simp only [Bool.or_eq_true, decide_eq_true_eq, not_or, UInt64.not_le] at hab
        have ha' := UInt64.lt_iff_toNat_lt.mp hab.1
        have hb' := UInt64.lt_iff_toNat_lt.mp hab.2
        refine bind_ex (Slice.index_eq segments _ (by omega)) ?_
        refine bind_ex (Slice.index_eq segments _ (by omega)) ?_
        refine bind_ex (pure_ok _) ?_
        apply ite_ex
        · intro _
          refine bind_ex (Slice.index_eq order left (by omega)) ?_
          refine bind_ex (Slice.update_eq sc out _ (by omega)) ?_
          refine bind_ex (succ_of_lt left _ hc.1).1 ?_
          refine bind_ex (pure_ok _) ?_
          refine bind_ex hso ?_
          exact ⟨_, rfl, idx_cont eo (by simp only [List.length_set]; exact hsc')⟩
        · intro _
          apply ite_ex
          · intro _; exact ⟨_, rfl, idx_done fun s hs => by cases hs⟩
          intro _
          refine bind_ex (Slice.index_eq order right (by omega)) ?_
          refine bind_ex (Slice.update_eq sc out _ (by omega)) ?_
          refine bind_ex (succ_of_lt right _ hc.2).1 ?_
          refine bind_ex (pure_ok _) ?_
          refine bind_ex hso ?_
          exact ⟨_, rfl, idx_cont eo (by simp only [List.length_set]; exact hsc')⟩
      · intro _
        refine bind_ex (pure_ok _) ?_
        apply ite_ex
        · intro htl
          simp only [decide_eq_true_eq] at htl
          have hl' := UInt64.lt_iff_toNat_lt.mp htl
          refine bind_ex (Slice.index_eq order left (by omega)) ?_
          refine bind_ex (Slice.update_eq sc out _ (by omega)) ?_
          refine bind_ex (succ_of_lt left _ htl).1 ?_
          refine bind_ex (pure_ok _) ?_
          refine bind_ex hso ?_
          exact ⟨_, rfl, idx_cont eo (by simp only [List.length_set]; exact hsc')⟩
        · intro _
          apply ite_ex
          · intro _; exact ⟨_, rfl, idx_done fun s hs => by cases hs⟩
          intro hrh
          have hr' := UInt64.lt_iff_toNat_lt.mp (UInt64.not_le.mp hrh)
          refine bind_ex (Slice.index_eq order right (by omega)) ?_
          refine bind_ex (Slice.update_eq sc out _ (by omega)) ?_
          refine bind_ex (succ_of_lt right _ (UInt64.not_le.mp hrh)).1 ?_
          refine bind_ex (pure_ok _) ?_
          refine bind_ex hso ?_
          exact ⟨_, rfl, idx_cont eo (by simp only [List.length_set]; exact hsc')⟩
    · intro _
      exact ⟨_, rfl, idx_done fun s hs => by cases hs; exact hsc'⟩
  · intro r hr
    cases r with
    | ret x => exact ⟨_, rfl, lt_done fun s hs => by cases hs⟩
    | brk s =>
      refine ⟨_, rfl, lt_cont ?_ ⟨rfl, hr s rfl⟩⟩
      show 2 ^ 64 - UInt64.toNat $hi < 2 ^ 64 - UInt64.toNat lo
      have := UInt64.toNat_lt $hi
      omega))

/- The clamping of `hi`, given `mid`'s facts. -/
set_option hygiene false in
local macro "hi_tac" mid:term "," width:term : tactic => `(tactic| (
  cases hh : Usize.checked_add $mid $width with
  | none => exact ⟨_, rfl, lt_done fun s hs => by cases hs⟩
  | some h =>
    have eh := checked_add_some hh
    apply ite_ex
    · intro hhn
      have hhn' := UInt64.lt_iff_toNat_lt.mp hhn
      refine bind_ex (pure_ok _) ?_
      have hhiN : h.toNat ≤ segments.length := by omega
      have hmidhi : ($mid).toNat ≤ h.toNat := by omega
      merge_tac h
    · intro hhn
      refine bind_ex (pure_ok _) ?_
      have hhiN : (Slice.len segments).toNat ≤ segments.length := by omega
      have hmidhi : ($mid).toNat ≤ (Slice.len segments).toNat := by omega
      merge_tac (Slice.len segments)))

theorem checked_add_some {a b m : Usize} (h : Usize.checked_add a b = some m) :
    m.toNat = a.toNat + b.toNat := by
  unfold Usize.checked_add at h
  split at h
  · rename_i hc; cases h; rw [UInt64.toNat_add, Nat.mod_eq_of_lt hc]
  · cases h

theorem checked_mul_some {a b m : Usize} (h : Usize.checked_mul a b = some m) :
    m.toNat = a.toNat * b.toNat := by
  unfold Usize.checked_mul at h
  split at h
  · rename_i hc; cases h; rw [UInt64.toNat_mul, Nat.mod_eq_of_lt hc]
  · cases h

/-- `sort_by_vaddr` returns (the form `sort_by_vaddr_total` is proved in). -/
theorem sort_by_vaddr_total' (segments : List receipt.program.LoadSegment)
    (hl : segments.length < 2 ^ 64) :
    ∃ r, receipt.program.sort_by_vaddr segments = .ok r ∧ True := by
  have hn := Slice.len_toNat segments hl
  unfold receipt.program.sort_by_vaddr
  dsimp only
  refine loop_idx_bind _ _ _ _ (fun s : List Usize × Usize => s.2) (fun _ => rfl)
    (fun s => s.1.length = s.2.toNat ∧ s.2.toNat ≤ segments.length)
    (fun r => r.1.length = segments.length) _ ?_ ?_ ?_
  · intro ⟨order, i⟩ ⟨h1, h2⟩
    dsimp only at h1 h2 ⊢
    apply ite_ex
    · intro hc
      obtain ⟨hs, e⟩ := succ_of_lt i _ hc
      have := UInt64.lt_iff_toNat_lt.mp hc
      refine bind_ex hs ?_
      refine ⟨_, rfl, idx_cont e ⟨?_, ?_⟩⟩
      · simp only [Slice.push, List.length_append, List.length_singleton]; omega
      · show (i + 1).toNat ≤ _; omega
    · intro hc
      refine ⟨_, rfl, idx_done ?_⟩
      have := UInt64.not_lt.mp hc
      rw [UInt64.le_iff_toNat_le, hn] at this
      show order.length = _; omega
  · exact ⟨rfl, Nat.zero_le _⟩
  · intro ⟨order, i⟩ ho
    dsimp only at ho ⊢
    refine loop_lt_bind _ _ _ _
      (fun s : Usize × List Usize × List Usize => 1 ≤ s.1.toNat ∧ s.2.1.length = segments.length ∧
        s.2.2.length = segments.length) (fun _ => True) _ ?_ ?_ ?_
    · intro ⟨width, scratch, order⟩ ⟨hw1, hsc, ho⟩
      dsimp only at hw1 hsc ho ⊢
      apply ite_ex
      · intro hw
        refine loop_lt_bind _ _ _ _
          (fun s : Usize × Usize × List Usize => s.2.1 = width ∧ s.2.2.length = segments.length)
          (fun r => ∀ s, r = .brk s → s.2.1 = width ∧ s.2.2.length = segments.length) _ ?_
          ⟨rfl, hsc⟩ ?_
        · intro ⟨lo, w, scratch⟩ ⟨hw', hsc⟩
          dsimp only at hw' hsc ⊢
          subst hw'
          apply ite_ex
          · intro hlo
            have hlo' := UInt64.lt_iff_toNat_lt.mp hlo
            cases hm : Usize.checked_add lo w with
            | none => exact ⟨_, rfl, lt_done fun s hs => by cases hs⟩
            | some m =>
              have em := checked_add_some hm
              apply ite_ex
              · intro hmn
                have hmn' := UInt64.lt_iff_toNat_lt.mp hmn
                refine bind_ex (pure_ok _) ?_
                have hmidN : m.toNat ≤ segments.length := by omega
                have hlomid : lo.toNat < m.toNat := by omega
                hi_tac m, w
              · intro hmn
                refine bind_ex (pure_ok _) ?_
                have hmidN : (Slice.len segments).toNat ≤ segments.length := by omega
                have hlomid : lo.toNat < (Slice.len segments).toNat := by omega
                hi_tac (Slice.len segments), w
          · intro _
            exact ⟨_, rfl, lt_done fun s hs => by cases hs; exact ⟨rfl, hsc⟩⟩
        · intro r hr
          cases r with
          | ret x => exact ⟨_, rfl, trivial⟩
          | brk s =>
            obtain ⟨lo, w, scratch'⟩ := s
            obtain ⟨hw', hsc'⟩ := hr _ rfl
            dsimp only at hw' hsc' ⊢
            subst hw'
            refine loop_idx_bind _ _ _ _ (fun s : List Usize × Usize => s.2) (fun _ => rfl)
              (fun s => s.1.length = segments.length) (fun r => r.1.length = segments.length) _ ?_
              ho ?_
            · intro ⟨order', c⟩ ho'
              dsimp only at ho' ⊢
              apply ite_ex
              · intro hc
                have hc' := UInt64.lt_iff_toNat_lt.mp hc
                obtain ⟨hs, e⟩ := succ_of_lt c _ hc
                refine bind_ex (Slice.index_eq scratch' c (by omega)) ?_
                refine bind_ex (Slice.update_eq order' c _ (by omega)) ?_
                refine bind_ex hs ?_
                exact ⟨_, rfl, idx_cont e (by simp only [List.length_set]; exact ho')⟩
              · intro _
                exact ⟨_, rfl, idx_done ho'⟩
            · intro ⟨order', c⟩ ho'
              dsimp only at ho' ⊢
              cases hmul : Usize.checked_mul w 2 with
              | none => exact ⟨_, rfl, lt_done trivial⟩
              | some w2 =>
                have ew := checked_mul_some hmul
                have h2 : (2 : Usize).toNat = 2 := rfl
                rw [h2] at ew
                have := UInt64.toNat_lt w2
                refine bind_ex (pure_ok _) ?_
                exact ⟨_, rfl, lt_cont (by show 2 ^ 64 - UInt64.toNat w2 < 2 ^ 64 - UInt64.toNat w; omega)
                  ⟨by show 1 ≤ UInt64.toNat w2; omega, hsc', ho'⟩⟩
      · intro _
        exact ⟨_, rfl, lt_done trivial⟩
    · refine ⟨?_, ?_, ho⟩
      · show 1 ≤ UInt64.toNat 1; decide
      show (List.replicate _ _).length = _
      simp [hn]
    · intro r _
      cases r with
      | ret x => exact ⟨_, rfl, trivial⟩
      | brk s => exact ⟨_, rfl, trivial⟩

/-- **`sort_by_vaddr` never panics** on segments shorter than `2^64`. -/
theorem sort_by_vaddr_total (segments : List receipt.program.LoadSegment)
    (hl : segments.length < 2 ^ 64) :
    ∃ r, receipt.program.sort_by_vaddr segments = .ok r := by
  obtain ⟨r, hr, -⟩ := sort_by_vaddr_total' segments hl
  exact ⟨r, hr⟩

end Zkvm.Refinement.receipt.program
