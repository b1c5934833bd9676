module

public import Zkvm.Refinement.Protocol.Stark.VerifySegments

/-!
# The fixed-table stages of `verify_segments` never panic

* `check_fixed_table_sizes_total`: `logup::check_fixed_table_sizes` never panics, on any tables
  and height.
* `fixed_table_is_canonical_total`: `air::rv32im::fixed::is_canonical` never panics.
* `air_fixed_tables_total_of`, `checked_fixed_tables_total_of`, `all_fixed_tables_total_of`: the
  fixed tables of every table, and their checks, never panic, provided building the machine's
  fixed table from its program (`air::rv32im::fixed::fixed_table`) does not
  (`Air/Rv32im/FixedTableTotality.lean` proves it and states the unconditional forms).

A loop `while i < a.len() { … a[i] … i += 1 }` needs no bound on the length of `a`: `i < a.len()`
already makes `i` a valid index and `i + 1` representable (`lt_len_succ`).
-/

@[expose] public section

noncomputable section

namespace Zkvm.Refinement.protocol.stark

open Zkvm.Extraction Zkvm.Extracted

/-- `i < a.len()`: `i` indexes `a`, and `i + 1` does not overflow. -/
theorem lt_len_succ {α : Type} (l : List α) (i : Usize) (hc : i < Slice.len l) :
    i.toNat < l.length ∧ Usize.add i 1 = .ok (i + 1) ∧ (i + 1).toNat = i.toNat + 1 := by
  have h1 := UInt64.lt_iff_toNat_lt.mp hc
  have h2 := slice_len_toNat_le l
  have h3 := UInt64.toNat_lt (Slice.len l)
  obtain ⟨hs, e⟩ := succ_ok i (Slice.len l).toNat h1 h3
  exact ⟨by omega, hs, e⟩

/-- **`check_fixed_table_sizes` never panics.** -/
theorem check_fixed_table_sizes_total (tables : List air.FixedTable) (logN : UInt32) :
    ∃ r, protocol.logup.check_fixed_table_sizes tables logN = .ok r := by
  unfold protocol.logup.check_fixed_table_sizes
  split
  · exact ⟨_, rfl⟩
  rename_i h64
  have h : logN.toNat < 64 := by
    rw [ge_iff_le, UInt32.le_iff_toNat_le] at h64
    have : (64 : UInt32).toNat = 64 := rfl
    omega
  rw [Usize.shl_eq _ _ h, ok_bind]
  apply loop_count_total_bind' _ _ (0 : Usize) _ (fun x => x) (fun _ => rfl)
  · intro k
    dsimp only
    split
    · rename_i hc
      obtain ⟨hk, hsucc, e⟩ := lt_len_succ tables k hc
      rw [Slice.index_eq _ _ hk, ok_bind]
      split
      · exact ⟨_, rfl, fun s' h => by cases h⟩
      · rw [hsucc, ok_bind]
        exact ⟨_, rfl, fun s' h => by cases h; exact e⟩
    · exact ⟨_, rfl, fun s' h => by cases h⟩
  · intro r
    cases r with
    | ret x => exact ⟨_, rfl⟩
    | brk x => exact ⟨_, rfl⟩

/-- **`fixed::is_canonical` never panics.** -/
theorem fixed_table_is_canonical_total (table : air.FixedTable) :
    ∃ r, air.rv32im.fixed.is_canonical table = .ok r := by
  unfold air.rv32im.fixed.is_canonical
  apply loop_count_total_bind' _ _ (0 : Usize) _ (fun x => x) (fun _ => rfl)
  · intro i
    dsimp only
    split
    · rename_i hc
      obtain ⟨hi, hsucc, e⟩ := lt_len_succ table.rows i hc
      apply loop_count_total_bind _ _ (0 : Usize) _ _ (fun x => x) (fun _ => rfl)
      · intro j
        dsimp only
        rw [Slice.index_eq _ _ hi, ok_bind]
        split
        · rename_i hc2
          obtain ⟨hj, hsucc2, e2⟩ := lt_len_succ _ j hc2
          rw [ok_bind, Slice.index_eq _ _ hj, ok_bind]
          simp only [field.is_canonical, pure_ok, ok_bind]
          split
          · exact ⟨_, rfl, fun s' h => by cases h⟩
          · rw [hsucc2, ok_bind]
            exact ⟨_, rfl, fun s' h => by cases h; exact e2⟩
        · exact ⟨_, rfl, fun s' h => by cases h⟩
      · intro r
        cases r with
        | ret x => exact ⟨_, rfl, fun s' h => by cases h⟩
        | brk x =>
          dsimp only
          rw [hsucc, ok_bind]
          exact ⟨_, rfl, fun s' h => by cases h; exact e⟩
    · exact ⟨_, rfl, fun s' h => by cases h⟩
  · intro r
    cases r with
    | ret x => exact ⟨_, rfl⟩
    | brk x => exact ⟨_, rfl⟩

/-- **`air::fixed_tables` never panics**, provided building the machine's fixed table from its
program does not. -/
theorem air_fixed_tables_total_of (vk : protocol.vk.VerifyingKey) (index : Usize)
    (hprog : ∀ prog, vk.air = .Rv32imV2 prog →
      ∃ t, air.rv32im.fixed.fixed_table prog = .ok t) :
    ∃ r, air.fixed_tables vk index = .ok r := by
  obtain ⟨a, params⟩ := vk
  cases a with
  | Rv32imV2 prog =>
    unfold air.fixed_tables
    simp only [air.tables, pure_ok, ok_bind]
    split
    · exact ⟨_, rfl⟩
    rename_i hc
    obtain ⟨hi, -, -⟩ := lt_len_succ _ index (UInt64.not_le.mp hc)
    rw [Slice.index_eq _ _ hi, ok_bind]
    split
    · obtain ⟨t, ht⟩ := hprog prog rfl
      rw [ht, ok_bind]
      obtain ⟨b, hb⟩ := fixed_table_is_canonical_total t
      rw [hb, ok_bind]
      split
      · exact ⟨_, rfl⟩
      · exact ⟨_, rfl⟩
    · exact ⟨_, rfl⟩

/-- **`checked_fixed_tables` never panics**, provided building the machine's fixed table from
its program does not. -/
theorem checked_fixed_tables_total_of (vk : protocol.vk.VerifyingKey) (index : Usize)
    (shape : air.TableShape) (logHeight : UInt32)
    (hprog : ∀ prog, vk.air = .Rv32imV2 prog →
      ∃ t, air.rv32im.fixed.fixed_table prog = .ok t) :
    ∃ r, protocol.stark.checked_fixed_tables vk index shape logHeight = .ok r := by
  unfold protocol.stark.checked_fixed_tables
  obtain ⟨r, hr⟩ := air_fixed_tables_total_of vk index hprog
  rw [hr, ok_bind]
  cases r with
  | error e => exact ⟨_, rfl⟩
  | ok t =>
    simp only [pure_ok, ok_bind]
    split
    · exact ⟨_, rfl⟩
    · obtain ⟨r2, hr2⟩ := check_fixed_table_sizes_total t logHeight
      rw [hr2, ok_bind]
      cases r2 with
      | error e => exact ⟨_, rfl⟩
      | ok u => exact ⟨_, rfl⟩

/-- **`all_fixed_tables` never panics**, on any table shapes and dimensions, provided building
the machine's fixed table from its program does not. -/
theorem all_fixed_tables_total_of (vk : protocol.vk.VerifyingKey) (shapes : List air.TableShape)
    (dims : protocol.stark.ProofDimensions)
    (hprog : ∀ prog, vk.air = .Rv32imV2 prog →
      ∃ t, air.rv32im.fixed.fixed_table prog = .ok t) :
    ∃ r, protocol.stark.all_fixed_tables vk shapes dims = .ok r := by
  unfold protocol.stark.all_fixed_tables
  apply loop_count_total_bind' _ _ _ _ (fun (x : List (List air.FixedTable) × Usize) => x.2)
    (fun _ => rfl)
  · intro ⟨out, t⟩
    dsimp only
    split
    · rename_i hc
      simp only [Bool.and_eq_true, decide_eq_true_eq] at hc
      obtain ⟨h1, hsucc, e⟩ := lt_len_succ shapes t hc.1
      obtain ⟨h2, -, -⟩ := lt_len_succ dims.tables t hc.2
      rw [Slice.index_eq _ _ h1, ok_bind]
      split
      · simp only [hsucc, ok_bind]
        exact ⟨_, rfl, fun s' h => by cases h; exact e⟩
      · rw [ok_bind, Slice.index_eq _ _ h2, ok_bind]
        obtain ⟨r, hr⟩ := checked_fixed_tables_total_of vk t shapes[t.toNat]
          dims.tables[t.toNat].log_height hprog
        rw [hr, ok_bind]
        cases r with
        | error e => exact ⟨_, rfl, fun s' h => by cases h⟩
        | ok f =>
          simp only [hsucc, ok_bind]
          exact ⟨_, rfl, fun s' h => by cases h; exact e⟩
    · exact ⟨_, rfl, fun s' h => by cases h⟩
  · intro r
    cases r with
    | ret x => exact ⟨_, rfl⟩
    | brk x => exact ⟨_, rfl⟩

end Zkvm.Refinement.protocol.stark
