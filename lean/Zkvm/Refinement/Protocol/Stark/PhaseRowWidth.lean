module

public import Zkvm.Refinement.Protocol.Stark.QueryRows
public import Zkvm.Spec.Dimensions

/-!
# A table's opened row has the table's width; every table has its powers of `γ`

At a query, `phase_row` picks a table's row out of a phase's opening (`phaseRow`). When the
opening has the phase layout's shape (`OpeningShape`, which `check_queries` checks first), the
row of table `u` has the table's width in that phase (`phaseWidth`: 0 when the table has no
columns in the phase, and then the row is empty): `phaseRow_length`. The DEEP composition needs
this to pair the opened values with the claimed out-of-domain values.

It also needs the powers of `γ` of each table's DEEP terms: accepted dimensions
(`proofDims`) give every table `gamma_offset + 2·width + 2·aux_width + quotient_width ≤
num_gamma_powers` (`proofDims_gamma`, from `tablesDims_gamma`: each table's offset is where the
previous table's powers end). And every table's trace height is at most its LDE height
(`proofDims_log_height`).
-/

@[expose] public section

noncomputable section

namespace Zkvm.Refinement.protocol.stark

open Zkvm.Extraction Zkvm.Extracted Zkvm.Spec

theorem phaseRow_absent : ∀ (tags : List Usize) (rows : List (List UInt32)) (tag : Usize),
    tag ∉ tags → phaseRow tags rows tag = []
  | [], rows, tag, _ => phaseRow_nil_left rows tag
  | t :: ts, [], tag, _ => rfl
  | t :: ts, r :: rs, tag, h => by
    have h1 : t ≠ tag := fun e => h (e ▸ List.mem_cons_self)
    have h2 : tag ∉ ts := fun e => h (List.mem_cons_of_mem _ e)
    show (if t = tag then r else phaseRow ts rs tag) = []
    rw [if_neg h1]
    exact phaseRow_absent ts rs tag h2

theorem tableMatrices_tags (phase : UInt32) : ∀ (ds : List protocol.stark.TableDims) (t : Nat)
    (x : Usize), x ∈ (tableMatrices phase t ds).map (·.2.2) →
      ∃ j, t ≤ j ∧ j < t + ds.length ∧ x = UInt64.ofNat j
  | [], t, x, h => by simp [tableMatrices] at h
  | d :: ds, t, x, h => by
    unfold tableMatrices at h
    split at h
    · simp only [List.map_cons, List.mem_cons] at h
      rcases h with h | h
      · exact ⟨t, Nat.le_refl _, by simp, h⟩
      · obtain ⟨j, h1, h2, h3⟩ := tableMatrices_tags phase ds (t + 1) x h
        exact ⟨j, by omega, by simp; omega, h3⟩
    · obtain ⟨j, h1, h2, h3⟩ := tableMatrices_tags phase ds (t + 1) x h
      exact ⟨j, by omega, by simp; omega, h3⟩

theorem ofNat_ne (i j : Nat) (hi : i < 2 ^ 64) (hj : j < 2 ^ 64) (h : i ≠ j) :
    UInt64.ofNat i ≠ UInt64.ofNat j := by
  intro e
  have := congrArg UInt64.toNat e
  rw [UInt64.toNat_ofNat_of_lt' hi, UInt64.toNat_ofNat_of_lt' hj] at this
  exact h this

/-- The row of table `u` among the matrices of tables `t, t+1, …` (then `extra` matrices with
other tags) has the table's width, when every row has its matrix's width. -/
theorem phaseRow_tableMatrices_length (phase : UInt32) :
    ∀ (ds : List protocol.stark.TableDims) (t : Nat) (extra : List (UInt32 × Usize × Usize))
      (rows : List (List UInt32)) (u : Nat) (hu1 : t ≤ u) (hu2 : u < t + ds.length),
      t + ds.length < 2 ^ 64 → (∀ x ∈ extra, x.2.2 ≠ UInt64.ofNat u) →
      rows.length = (tableMatrices phase t ds ++ extra).length →
      (∀ m (h1 : m < rows.length) (h2 : m < (tableMatrices phase t ds ++ extra).length),
        (rows[m]'h1).length = ((tableMatrices phase t ds ++ extra)[m]'h2).2.1.toNat) →
      (phaseRow ((tableMatrices phase t ds ++ extra).map (·.2.2)) rows (UInt64.ofNat u)).length =
        (phaseWidth (ds[u - t]'(by omega)) phase).toNat
  | [], t, _, _, u, h1, h2, _, _, _, _ => by simp at h2; omega
  | d :: ds, t, extra, rows, u, hu1, hu2, h64, hex, hlen, hrow => by
    unfold tableMatrices
    split
    · rename_i hpos
      cases rows with
      | nil => simp [tableMatrices, hpos] at hlen
      | cons r rs =>
        simp only [List.cons_append, List.map_cons]
        show (if UInt64.ofNat t = UInt64.ofNat u then r else _).length = _
        by_cases htu : t = u
        · subst htu
          rw [if_pos rfl]
          have := hrow 0 (by simp) (by simp [tableMatrices, hpos])
          simp only [tableMatrices, if_pos hpos, List.cons_append, List.getElem_cons_zero] at this
          rw [this]
          simp
        · rw [if_neg (ofNat_ne t u (by simp at h64; omega) (by simp at hu2 h64; omega) htu)]
          have e : u - t = (u - (t + 1)) + 1 := by omega
          simp only [e, List.getElem_cons_succ]
          apply phaseRow_tableMatrices_length phase ds (t + 1) extra rs u (by omega)
            (by simp at hu2; omega) (by simp at h64; omega) hex
          · simp [tableMatrices, hpos] at hlen; simpa using hlen
          · intro m h1 h2
            have := hrow (m + 1) (by simp; omega) (by simp [tableMatrices, hpos]; simpa using h2)
            simp only [tableMatrices, if_pos hpos, List.cons_append, List.getElem_cons_succ] at this
            exact this
    · rename_i hpos
      have e2 : tableMatrices phase t (d :: ds) = tableMatrices phase (t + 1) ds := by
        show (if phaseWidth d phase > 0 then _ else _) = _
        rw [if_neg hpos]
      rw [e2] at hlen hrow
      by_cases htu : t = u
      · subst htu
        rw [phaseRow_absent]
        · simp only [Nat.sub_self, List.getElem_cons_zero, List.length_nil]
          have : ¬ (phaseWidth d phase).toNat > 0 := fun h => hpos (UInt64.lt_iff_toNat_lt.mpr h)
          omega
        · intro hm
          simp only [List.map_append, List.mem_append] at hm
          rcases hm with hm | hm
          · obtain ⟨j, h1, h2, h3⟩ := tableMatrices_tags phase ds (t + 1) _ hm
            exact ofNat_ne t j (by simp at h64; omega) (by simp at h64; omega) (by omega) h3
          · simp only [List.mem_map] at hm
            obtain ⟨x, hx, hxe⟩ := hm
            exact hex x hx hxe
      · have e : u - t = (u - (t + 1)) + 1 := by omega
        simp only [e, List.getElem_cons_succ]
        exact phaseRow_tableMatrices_length phase ds (t + 1) extra rows u (by omega)
          (by simp at hu2; omega) (by simp at h64; omega) hex hlen hrow

theorem zkMatrices_tags (dims : protocol.stark.ProofDimensions) (phase : UInt32) (u : Nat)
    (hu : u < 2 ^ 63) : ∀ x ∈ zkMatrices dims phase, x.2.2 ≠ UInt64.ofNat u := by
  intro x hx e
  have hne : ∀ c : Usize, c.toNat ≥ 2 ^ 63 → c ≠ UInt64.ofNat u := by
    intro c hc ec
    have := congrArg UInt64.toNat ec
    rw [UInt64.toNat_ofNat_of_lt' (by simp [UInt64.size]; omega)] at this
    omega
  have hm : protocol.stark.MASK_MATRIX.toNat ≥ 2 ^ 63 := by decide
  have hs : protocol.stark.SALT_MATRIX.toNat ≥ 2 ^ 63 := by decide
  unfold zkMatrices at hx
  split at hx
  · simp only [List.mem_append, List.mem_map] at hx
    rcases hx with hx | ⟨h, _, hxe⟩
    · split at hx
      · simp only [List.mem_map] at hx
        obtain ⟨h, _, hxe⟩ := hx
        rw [← hxe] at e
        exact hne _ hm e
      · simp at hx
    · rw [← hxe] at e
      exact hne _ hs e
  · simp at hx

/-- **The row of table `u` has the table's width in the phase**, for an opening of the phase
layout's shape (at most 64 tables; opened rows shorter than `2^64`, as every slice). -/
theorem phaseRow_length (dims : protocol.stark.ProofDimensions) (phase : UInt32)
    (rows : List (List UInt32)) (path : List commit.hash.Digest) (u : Nat)
    (hu : u < dims.tables.length) (hT : dims.tables.length ≤ 64)
    (hsh : OpeningShape (phaseLayout dims phase).widths rows path)
    (hr : ∀ r ∈ rows, r.length < 2 ^ 64) :
    (phaseRow (phaseLayout dims phase).tables rows (UInt64.ofNat u)).length =
      (phaseWidth dims.tables[u] phase).toNat := by
  obtain ⟨hlen, -, hw⟩ := hsh
  have e := phaseRow_tableMatrices_length phase dims.tables 0 (zkMatrices dims phase) rows u
    (Nat.zero_le _) (by omega) (by omega) (zkMatrices_tags dims phase u (by omega))
    (by rw [hlen]; simp [phaseLayout, phaseMatrices])
    (by
      intro m h1 h2
      have hwm := hw m h1
      have hm2 : m < (phaseLayout dims phase).widths.length := by
        simp [phaseLayout, phaseMatrices]; simpa using h2
      rw [List.getD_eq_getElem?_getD, List.getElem?_eq_getElem hm2, Option.getD_some] at hwm
      have := congrArg UInt64.toNat hwm
      rw [UInt64.toNat_ofNat_of_lt' (hr _ (List.getElem_mem h1))] at this
      rw [this]
      simp only [phaseLayout, phaseMatrices, List.getElem_map])
  simpa [phaseLayout, phaseMatrices] using e

/-! ## Enough powers of `γ` -/

theorem tableDims_gamma_offset (p : protocol.params.StarkParams) (s : air.TableShape) (logH : UInt32)
    (off : Usize) (d : protocol.stark.TableDims) (h : tableDims p s logH off = .ok d) :
    d.gamma_offset = off := by
  unfold tableDims at h
  dsimp only at h
  iterate 7 (split at h <;> (try (cases h; done)))
  cases h; rfl

/-- Each table's powers of `γ` (from its offset on) lie below the offset `tablesDims` ends at. -/
theorem tablesDims_gamma (p : protocol.params.StarkParams) :
    ∀ (off : Usize) (ss : List air.TableShape) (hs : List UInt32)
      (tables : List protocol.stark.TableDims) (o : Usize),
      tablesDims p off ss hs = .ok (tables, o) →
        off.toNat ≤ o.toNat ∧ ∀ d ∈ tables, d.gamma_offset.toNat + gammaPowers d ≤ o.toNat
  | off, s :: ss, h :: hs, tables, o, hh => by
    unfold tablesDims at hh
    split at hh
    · cases hh
    · rename_i d hd
      split at hh
      · cases hh
      · rename_i hlt
        split at hh
        · cases hh
        · rename_i ds o' hrest
          cases hh
          have e : (UInt64.ofNat (off.toNat + gammaPowers d)).toNat = off.toNat + gammaPowers d :=
            UInt64.toNat_ofNat_of_lt' (by simp [UInt64.size]; omega)
          obtain ⟨h1, h2⟩ := tablesDims_gamma p _ ss hs ds o hrest
          rw [e] at h1
          refine ⟨by omega, ?_⟩
          intro x hx
          rcases List.mem_cons.mp hx with rfl | hx
          · rw [tableDims_gamma_offset p s h off x hd]; omega
          · exact h2 x hx
  | off, [], _, tables, o, hh => by
    unfold tablesDims at hh; cases hh; simp
  | off, _ :: _, [], tables, o, hh => by
    unfold tablesDims at hh; cases hh; simp

theorem ite_err {α : Type} {c : Prop} [Decidable c] {e : error.VerifyError}
    {x : Except error.VerifyError α} {d : α} (h : (if c then .error e else x) = .ok d) :
    ¬ c ∧ x = .ok d := by
  by_cases hc : c
  · rw [if_pos hc] at h; cases h
  · rw [if_neg hc] at h; exact ⟨hc, h⟩

/-- **Accepted dimensions give every table enough powers of `γ`**: its DEEP terms use the
powers from its offset to `gamma_offset + 2·width + 2·aux_width + quotient_width`, all below
`num_gamma_powers`. -/
theorem proofDims_gamma (p : protocol.params.StarkParams) (shapes : List air.TableShape)
    (logHs : List UInt32) (dims : protocol.stark.ProofDimensions)
    (h : proofDims p shapes logHs = .ok dims) :
    ∀ d ∈ dims.tables, d.gamma_offset.toNat + 2 * d.width.toNat + 2 * d.aux_width.toNat +
      d.quotient_width.toNat ≤ dims.num_gamma_powers.toNat := by
  intro d hd
  unfold proofDims at h
  obtain ⟨-, h⟩ := ite_err h
  obtain ⟨-, h⟩ := ite_err h
  split at h
  · cases h
  rename_i tables off htd
  dsimp only at h
  obtain ⟨h1, h⟩ := ite_err h
  obtain ⟨-, h⟩ := ite_err h
  cases h
  obtain ⟨-, h2⟩ := tablesDims_gamma p 0 shapes logHs tables off htd
  have := h2 d hd
  simp only [gammaPowers] at this
  simp only
  rw [UInt64.toNat_ofNat_of_lt' (by simp [UInt64.size]; omega)]
  omega

/-! ## Trace heights below LDE heights -/

theorem tableDims_log_height (p : protocol.params.StarkParams) (s : air.TableShape)
    (logH : UInt32) (off : Usize) (d : protocol.stark.TableDims)
    (h : tableDims p s logH off = .ok d) : d.log_height = logH := by
  unfold tableDims at h
  dsimp only at h
  iterate 7 (split at h <;> (try (cases h; done)))
  cases h; rfl

theorem tablesDims_log_height (p : protocol.params.StarkParams) :
    ∀ (off : Usize) (ss : List air.TableShape) (hs : List UInt32)
      (tables : List protocol.stark.TableDims) (o : Usize),
      tablesDims p off ss hs = .ok (tables, o) →
        ∀ d ∈ tables, d.log_height.toNat ≤ d.log_lde.toNat
  | off, s :: ss, h :: hs, tables, o, hh => by
    unfold tablesDims at hh
    split at hh
    · cases hh
    · rename_i d hd
      split at hh
      · cases hh
      · split at hh
        · cases hh
        · rename_i ds o' hrest
          cases hh
          intro x hx
          rcases List.mem_cons.mp hx with rfl | hx
          · rw [tableDims_log_height p s h off x hd, (tableDims_log_lde p s h off x hd).1]
            omega
          · exact tablesDims_log_height p _ ss hs ds _ hrest x hx
  | off, [], _, tables, o, hh => by
    unfold tablesDims at hh; cases hh; simp
  | off, _ :: _, [], tables, o, hh => by
    unfold tablesDims at hh; cases hh; simp

/-- **Accepted dimensions have every table's trace height at most its LDE height.** -/
theorem proofDims_log_height (p : protocol.params.StarkParams) (shapes : List air.TableShape)
    (logHs : List UInt32) (dims : protocol.stark.ProofDimensions)
    (h : proofDims p shapes logHs = .ok dims) :
    ∀ d ∈ dims.tables, d.log_height.toNat ≤ d.log_lde.toNat := by
  obtain ⟨off, htd, -⟩ := proofDims_ok p shapes logHs dims h
  exact tablesDims_log_height p 0 shapes logHs dims.tables off htd

end Zkvm.Refinement.protocol.stark
