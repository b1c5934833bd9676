module

public import Zkvm.Refinement.Protocol.Stark.FixedTotality

/-!
# `check_fixed_at_zeta`: its loop never panics

* `fixed_fps_of_row_total`: `logup::fixed_fps_of_row` never panics, on any shape and row.
* `check_fixed_at_zeta_total_of`: `stark::check_fixed_at_zeta` never panics, provided
  `logup::ext_columns_from_base` does not on the segment's openings and `logup::check_fixed_tables`
  does not on its fixed tables (both do field arithmetic, whose totality needs canonical
  field elements; not proved here).
-/

@[expose] public section

noncomputable section

namespace Zkvm.Refinement.protocol.stark

open Zkvm.Extraction Zkvm.Extracted

/-- **`fixed_fps_of_row` never panics.** -/
theorem fixed_fps_of_row_total (shape : air.TableShape) (row : List field.extension.Ext) :
    ∃ r, protocol.logup.fixed_fps_of_row shape row = .ok r := by
  unfold protocol.logup.fixed_fps_of_row
  dsimp only
  split
  · exact ⟨_, rfl⟩
  rename_i hlen
  apply loop_count_total_bind' _ _ _ _ (fun (x : List field.extension.Ext × Usize) => x.2)
    (fun _ => rfl)
  · intro ⟨out, k⟩
    dsimp only
    split
    · rename_i hc
      obtain ⟨hk, hsucc, e⟩ := lt_len_succ row k (UInt64.lt_of_lt_of_le hc (UInt64.not_lt.mp hlen))
      rw [Slice.index_eq _ _ hk, ok_bind, hsucc, ok_bind]
      exact ⟨_, rfl, fun s' h => by cases h; exact e⟩
    · exact ⟨_, rfl, fun s' h => by cases h⟩
  · intro r
    exact ⟨_, rfl⟩

/-- **`check_fixed_at_zeta` never panics**, provided `ext_columns_from_base` does not on the
proof's openings' auxiliary rows and `check_fixed_tables` does not on the given fixed tables
(with the challenges' `beta` and `zeta`). No length bound is needed: every read is guarded by
the loop's bounds. -/
theorem check_fixed_at_zeta_total_of (proof : protocol.proof.Proof)
    (dims : protocol.stark.ProofDimensions) (ch : protocol.stark.Challenges)
    (shapes : List air.TableShape) (fixed : List (List air.FixedTable))
    (hext : ∀ o ∈ proof.openings, ∃ r, protocol.logup.ext_columns_from_base o.aux_local = .ok r)
    (hcft : ∀ f ∈ fixed, ∀ v lh, ∃ r,
      protocol.logup.check_fixed_tables f v ch.lookup.beta ch.zeta lh = .ok r) :
    ∃ r, protocol.stark.check_fixed_at_zeta proof dims ch shapes fixed = .ok r := by
  unfold protocol.stark.check_fixed_at_zeta
  apply loop_count_total_bind' _ _ (0 : Usize) _ (fun x => x) (fun _ => rfl)
  · intro u
    dsimp only
    split
    · rename_i hc
      simp only [Bool.and_eq_true, decide_eq_true_eq] at hc
      obtain ⟨⟨⟨h1, h2⟩, h3⟩, h4⟩ := hc
      obtain ⟨ht, hsucc, e⟩ := lt_len_succ _ u h1
      obtain ⟨hs, -, -⟩ := lt_len_succ _ u h2
      obtain ⟨ho, -, -⟩ := lt_len_succ _ u h3
      obtain ⟨hf, -, -⟩ := lt_len_succ _ u h4
      rw [Slice.index_eq _ _ hs, ok_bind]
      split
      · rw [Slice.index_eq _ _ ho, ok_bind]
        obtain ⟨ra, hra⟩ := hext _ (List.getElem_mem ho)
        rw [hra, ok_bind]
        cases ra with
        | error e' => exact ⟨_, rfl, fun s' h => by cases h⟩
        | ok aux =>
        simp only [pure_ok, ok_bind]
        obtain ⟨rf, hrf⟩ := fixed_fps_of_row_total shapes[u.toNat] aux
        rw [hrf, ok_bind]
        cases rf with
        | error e' => exact ⟨_, rfl, fun s' h => by cases h⟩
        | ok fz =>
        dsimp only
        rw [Slice.index_eq _ _ hf, ok_bind, Slice.index_eq _ _ ht, ok_bind]
        obtain ⟨rc, hrc⟩ := hcft _ (List.getElem_mem hf) fz dims.tables[u.toNat].log_height
        rw [hrc, ok_bind]
        cases rc with
        | error e' => exact ⟨_, rfl, fun s' h => by cases h⟩
        | ok v =>
          simp only [ok_bind, hsucc]
          exact ⟨_, rfl, fun s' h => by cases h; exact e⟩
      · simp only [pure_ok, ok_bind, hsucc]
        exact ⟨_, rfl, fun s' h => by cases h; exact e⟩
    · exact ⟨_, rfl, fun s' h => by cases h⟩
  · intro r
    cases r with
    | ret x => exact ⟨_, rfl⟩
    | brk x => exact ⟨_, rfl⟩

end Zkvm.Refinement.protocol.stark
