module

public import Zkvm.Refinement.Protocol.Stark.VerifySegmentsStages
public import Zkvm.Refinement.Air.Rv32im.FixedTableSpec
public import Zkvm.Spec.Stages

/-!
# The key's fixed table as a specification

For a key meeting `Spec.FixedSpecFits` (every program op below 38, the table's row count a
`usize`), `air::fixed_tables` of the fixed table gives `[t]` exactly when `t` has the rows
`Spec.keyFixedRows` (the program's `Spec.fixedRows`, `fixed_table_spec_of_ops`), every entry
canonical (`Spec.CanonRows`; `is_canonical_of_all`, `canonRows_of_is_canonical`):
`fixed_tables_11_spec`; so `Spec.keyFixedTable` is the extracted form for every key
(`keyFixedTable_iff`).
-/

@[expose] public section

noncomputable section

namespace Zkvm.Refinement.protocol.stark

open Zkvm.Extraction Zkvm.Extracted Zkvm.Field

/-- **`fixed::is_canonical` accepts a table whose entries are all canonical.** -/
theorem is_canonical_of_all (table : air.FixedTable)
    (hc : ∀ row ∈ table.rows, ∀ x ∈ row, x.toNat < Zkvm.Field.P) :
    air.rv32im.fixed.is_canonical table = .ok true := by
  have key : ∃ b, air.rv32im.fixed.is_canonical table = .ok b ∧ b = true := by
    unfold air.rv32im.fixed.is_canonical
    apply loop_count_bind_R _ _ (0 : Usize) _ _ (fun x => x) (fun _ => rfl)
      (fun _ => True)
      (fun (r : Exit Usize Bool) => match r with
        | .ret _ => False
        | .brk _ => True)
    · intro i _
      dsimp only
      by_cases hci : i < Slice.len table.rows
      · obtain ⟨hi, hsucc, e⟩ := lt_len_succ table.rows i hci
        rw [if_pos hci]
        apply step_of_ex
        apply loop_count_bind_R _ _ (0 : Usize) _ _ (fun x => x) (fun _ => rfl)
          (fun _ => True)
          (fun (r : Exit Usize Bool) => match r with
            | .ret _ => False
            | .brk _ => True)
        · intro j _
          dsimp only
          rw [Slice.index_eq _ _ hi, ok_bind]
          by_cases hcj : j < Slice.len table.rows[i.toNat]
          · obtain ⟨hj, hsuccj, ej⟩ := lt_len_succ _ j hcj
            rw [if_pos hcj, ok_bind, Slice.index_eq _ _ hj, ok_bind]
            simp only [field.is_canonical, pure_ok, ok_bind]
            have hlt' : table.rows[i.toNat][j.toNat].toNat < Zkvm.Field.P :=
              hc _ (List.getElem_mem hi) _ (List.getElem_mem hj)
            have hlt : table.rows[i.toNat][j.toNat] < field.P := by
              apply UInt32.lt_iff_toNat_lt.mpr
              rw [Zkvm.Refinement.field.P_toNat]
              exact hlt'
            left
            rw [if_neg (by simp [hlt]), hsuccj, ok_bind]
            exact ⟨_, rfl, ej, trivial⟩
          · right
            rw [if_neg hcj]
            exact ⟨_, pure_ok _, trivial⟩
        · trivial
        · intro r hr
          cases r with
          | ret b => exact hr.elim
          | brk j =>
            dsimp only
            rw [hsucc, ok_bind]
            exact ⟨_, pure_ok _, Or.inl ⟨_, rfl, e, trivial⟩⟩
      · right
        rw [if_neg hci]
        exact ⟨_, pure_ok _, trivial⟩
    · trivial
    · intro r hr
      cases r with
      | ret b => exact hr.elim
      | brk i => exact ⟨true, pure_ok _, rfl⟩
  obtain ⟨b, hb, rfl⟩ := key
  exact hb

/-- `fixed::is_canonical` accepting a table (of fewer than `2^64` rows, each shorter) means
every entry is canonical. -/
theorem canonRows_of_is_canonical (t : air.FixedTable) (hl : t.rows.length < 2 ^ 64)
    (hr : ∀ row ∈ t.rows, row.length < 2 ^ 64)
    (h : air.rv32im.fixed.is_canonical t = .ok true) : Zkvm.Spec.CanonRows t.rows := by
  obtain ⟨b, hb, himp⟩ := is_canonical_spec t
  rw [h] at hb
  have hc := himp (ok_inj.mp hb).symm
  intro row hrow x hx
  obtain ⟨i, hi, rfl⟩ := List.getElem_of_mem hrow
  obtain ⟨j, hj, rfl⟩ := List.getElem_of_mem hx
  exact hc i hi (by rw [Slice.len_toNat _ hl]; exact hi) j hj
    (by rw [Slice.len_toNat _ (hr _ hrow)]; exact hj)

/-- Every row of `fixedRows` has at most 12 entries. -/
theorem fixedRows_row_len (rs : List Zkvm.Spec.ProgramRow) (ws : List Zkvm.Spec.ImageWord) :
    ∀ row ∈ Zkvm.Spec.fixedRows rs ws, row.length ≤ 12 := by
  intro row h
  simp only [Zkvm.Spec.fixedRows, List.mem_append, List.mem_map, List.mem_flatMap,
    Zkvm.Spec.pow2Rows, Zkvm.Spec.u8Rows, Zkvm.Spec.and4Rows] at h
  rcases h with (((⟨r, _, rfl⟩ | ⟨w, _, rfl⟩) | ⟨k, _, s, _, rfl⟩) | ⟨v, _, rfl⟩) |
      ⟨a, _, b, _, rfl⟩ <;>
    simp [Zkvm.Spec.progMessage, Zkvm.Spec.imgMessage, Zkvm.Spec.pow2Message]

/-- `fixedRows` has the program's rows, its image words and 576 constant rows. -/
theorem fixedRows_length (rs : List Zkvm.Spec.ProgramRow) (ws : List Zkvm.Spec.ImageWord) :
    (Zkvm.Spec.fixedRows rs ws).length = rs.length + ws.length + 576 := by
  have h1 : Zkvm.Spec.pow2Rows.length = 64 := by simp [Zkvm.Spec.pow2Rows]; decide
  have h2 : Zkvm.Spec.u8Rows.length = 256 := by simp [Zkvm.Spec.u8Rows]
  have h3 : Zkvm.Spec.and4Rows.length = 256 := by simp [Zkvm.Spec.and4Rows]; decide
  simp only [Zkvm.Spec.fixedRows, List.length_append, List.length_map, h1, h2, h3]

/-- **The key's fixed table, for a key meeting `FixedSpecFits`**: `air::fixed_tables` of the
fixed table gives `[t]` exactly when `t` has the rows `keyFixedRows` (`fixedRows` of the
program, `fixed_table_spec_of_ops`), all canonical (`fixed::is_canonical`). -/
theorem fixed_tables_11_spec (vk : protocol.vk.VerifyingKey) (t : air.FixedTable)
    (hfit : Zkvm.Spec.FixedSpecFits vk) :
    air.fixed_tables vk 11 = .ok (.ok [t]) ↔
      t = ⟨Zkvm.Spec.keyFixedRows vk⟩ ∧ Zkvm.Spec.CanonRows t.rows := by
  obtain ⟨a, params⟩ := vk
  cases a with
  | Rv32imV2 prog =>
    obtain ⟨hops, hlen⟩ := hfit
    have hft := Zkvm.Refinement.air.rv32im.fixed.fixed_table_spec_of_ops prog hops
      (by omega) (by omega)
    have hk : Zkvm.Spec.keyFixedRows ⟨.Rv32imV2 prog, params⟩ =
        Zkvm.Spec.fixedRows (prog.rows.map Zkvm.Refinement.air.rv32im.fixed.fromRow)
          (prog.image.map Zkvm.Refinement.air.rv32im.fixed.fromWord) := rfl
    rw [hk]
    have hl : (Zkvm.Spec.fixedRows (prog.rows.map Zkvm.Refinement.air.rv32im.fixed.fromRow)
          (prog.image.map Zkvm.Refinement.air.rv32im.fixed.fromWord)).length < 2 ^ 64 := by
      rw [fixedRows_length]; simpa using hlen
    have hr := fixedRows_row_len (prog.rows.map Zkvm.Refinement.air.rv32im.fixed.fromRow)
          (prog.image.map Zkvm.Refinement.air.rv32im.fixed.fromWord)
    unfold air.fixed_tables
    simp only [air.tables, pure_ok, ok_bind]
    rw [if_neg (by decide)]
    try dsimp only
    rw [Slice.index_eq _ _ (by decide), ok_bind]
    try dsimp only
    rw [hft, ok_bind]
    obtain ⟨c, hc⟩ := fixed_table_is_canonical_total
      ⟨Zkvm.Spec.fixedRows (prog.rows.map Zkvm.Refinement.air.rv32im.fixed.fromRow)
          (prog.image.map Zkvm.Refinement.air.rv32im.fixed.fromWord)⟩
    rw [hc, ok_bind]
    cases c with
    | false =>
      simp only [Bool.not_false, if_true]
      constructor
      · intro h; cases ok_inj.mp h
      · rintro ⟨rfl, hcan⟩
        rw [is_canonical_of_all _ hcan] at hc
        cases ok_inj.mp hc
    | true =>
      simp only [Bool.not_true]
      constructor
      · intro h
        have e := ok_inj.mp h
        cases e
        exact ⟨rfl, canonRows_of_is_canonical _ hl (fun row h => by have := hr row h; omega) hc⟩
      · rintro ⟨rfl, -⟩
        rfl

/-- **`keyFixedTable` is `air::fixed_tables` of the fixed table**, for every key: the spec rows
for a key meeting `FixedSpecFits` (`fixed_tables_11_spec`), the extracted form otherwise. -/
theorem keyFixedTable_iff (vk : protocol.vk.VerifyingKey) (t : air.FixedTable) :
    Zkvm.Spec.keyFixedTable vk t ↔ air.fixed_tables vk 11 = .ok (.ok [t]) := by
  unfold Zkvm.Spec.keyFixedTable
  by_cases h : Zkvm.Spec.FixedSpecFits vk
  · rw [fixed_tables_11_spec vk t h]
    exact ⟨fun k => k.1 h, fun k => ⟨fun _ => k, fun hn => absurd h hn⟩⟩
  · exact ⟨fun k => k.2 h, fun k => ⟨fun hh => absurd hh h, fun _ => k⟩⟩

end Zkvm.Refinement.protocol.stark
