module

public import Zkvm.Spec.Queries
public import Zkvm.Refinement.Protocol.Deep
public import Zkvm.Refinement.Protocol.Stark.PhaseRowWidth
public import Zkvm.Refinement.Protocol.Stark.Challenges
public import Zkvm.Refinement.Protocol.Stark.PhaseOpening

/-!
# A query's calls, by their specs

The functions `check_queries` calls at a query compute spec values, under the facts
`verify_segments` establishes before calling it:

* `phase_shape_spec`: a phase layout's shape check is `OpeningShape`;
* `phase_opening_link`: a phase opening's check is `phaseOpening` (hash `bytesOf H`, caps and
  paths of digests);
* `mask_row_decoded`: the masking row is the canonical `u32`s of `maskRow`'s decoded elements;
* `table_term_spec`, `table_term_link`: a table's `deep_composition_at` is `tableTerm`
  (`deepAt` or `DegenerateChallenge`) of the decoded rows, for openings of the layouts' shapes
  (`phaseRow_length`), claimed values of the tables' widths and enough powers of `γ`;
* `queryTerms`, `queryTerms_link`: the tables' terms of a query, as `QueryLink` (in
  `Stark.Queries`) states them.
-/

@[expose] public section

noncomputable section

namespace Zkvm.Refinement.protocol.stark

open Zkvm.Extraction Zkvm.Extracted Zkvm.Field Zkvm.Field.BabyBear Zkvm.Field.Ext4 Zkvm.Spec
open Zkvm.Refinement.field (toU32)
open Zkvm.Refinement.field.extension (toExt)

/-- **A table's DEEP term is `tableTerm`**: `deepAt` at the query point, or
`DegenerateChallenge` when the point is `ζ` or `ζ'`; for claimed values of the rows' shapes and
enough powers of `γ`, `deep_composition_at` never panics. -/
theorem table_term_spec (x : BabyBear) (trace aux quot : List BabyBear) (ζ ζ' : Ext4)
    (oodT oodTn oodA oodAn oodQ γs : List Ext4) (o : Usize)
    (hT : oodT.length = trace.length) (hTn : oodTn.length = trace.length)
    (hA : oodA.length = aux.length) (hAn : oodAn.length = aux.length)
    (hQ : oodQ.length = quot.length)
    (hγ : o.toNat + trace.length + trace.length + aux.length + aux.length + quot.length ≤ γs.length)
    (hγ64 : γs.length < 2 ^ 64) :
    protocol.deep.deep_composition_at (toU32 x) (trace.map toU32) (aux.map toU32)
        (quot.map toU32) (toExt ζ) (toExt ζ') (oodT.map toExt) (oodTn.map toExt)
        (oodA.map toExt) (oodAn.map toExt) (oodQ.map toExt) (γs.map toExt) o =
      .ok ((tableTerm x trace aux quot ζ ζ' oodT oodTn oodA oodAn oodQ γs o.toNat).map toExt) := by
  unfold tableTerm
  by_cases hz : ofBase x - ζ = 0 ∨ ofBase x - ζ' = 0
  · rw [Zkvm.Refinement.protocol.deep.deep_composition_at_degenerate x trace aux quot ζ ζ' oodT oodTn
      oodA oodAn oodQ γs o hT hTn hA hAn hQ hγ hγ64 hz, if_pos hz]
    rfl
  · rw [Zkvm.Refinement.protocol.deep.deep_composition_at_spec x trace aux quot ζ ζ' oodT oodTn oodA
      oodAn oodQ γs o hT hTn hA hAn hQ hγ hγ64 (fun h => hz (Or.inl h)) (fun h => hz (Or.inr h)),
      if_neg hz]
    rfl

theorem toU32_ofU32 (a : UInt32) (h : a.toNat < Zkvm.Field.P) : toU32 (ofU32 a) = a := by
  apply UInt32.toNat_inj.mp
  rw [Zkvm.Refinement.field.toU32_toNat]
  show a.toNat % Zkvm.Field.P = a.toNat
  exact Nat.mod_eq_of_lt h

/-- **A phase layout's shape check is `OpeningShape`** (at most 64 tables, as in every
`ProofDimensions` of `proof_dimensions`); it never panics. -/
theorem phase_shape_spec (dims : protocol.stark.ProofDimensions) (phase : UInt32)
    (opening : protocol.proof.MultiOpening) (hT : dims.tables.length ≤ 64)
    (hr : opening.rows.length < 2 ^ 64) :
    protocol.stark.opening_has_shape (phaseLayout dims phase) opening =
      .ok (decide (OpeningShape (phaseLayout dims phase).widths opening.rows opening.path)) := by
  apply opening_has_shape_spec _ _ hr
  have := (phaseLayout_lengths dims phase).2.1
  have := phaseMatrices_length_le dims phase
  omega

/-- **The masking row, decoded**: `mask_row` of the quotient layout returns the canonical
`u32`s of `maskRow`'s field elements (`ofU32`); it never panics. -/
theorem mask_row_decoded (dims : protocol.stark.ProofDimensions)
    (opening : protocol.proof.MultiOpening) (h : UInt32) (hT : dims.tables.length ≤ 64)
    (hr : opening.rows.length < 2 ^ 64)
    (hc : ∀ a ∈ maskRow (phaseLayout dims 2).tables opening.rows (phaseLayout dims 2).log_heights h,
      a.toNat < Zkvm.Field.P) :
    protocol.stark.mask_row (phaseLayout dims 2) opening h =
      .ok (((maskRow (phaseLayout dims 2).tables opening.rows (phaseLayout dims 2).log_heights h).map
        ofU32).map toU32) := by
  have h1 := phaseLayout_lengths dims 2
  have h2 := phaseMatrices_length_le dims 2
  rw [mask_row_spec _ _ _ (by omega) hr (by omega), List.map_map]
  congr 1
  conv => lhs; rw [← List.map_id (maskRow _ _ _ _)]
  apply List.map_congr_left
  intro a ha
  exact (toU32_ofU32 a (hc a ha)).symm

/-- **The DEEP term of table `u` at a query is `tableTerm` of the opened rows.** The rows of
the three openings are the canonical `u32`s of field elements `trace`, `aux`, `quot` (the
proof decoder rejects non-canonical ones), the openings have their layouts' shapes (checked
just before by `check_queries`), the claimed values `os` have the table's widths
(`tableOpeningsOk`, checked by `check_proof_shape`), and the powers of `γ` cover the table's
range (`hγ`: `proofDims_gamma`). -/
theorem table_term_link (dims : protocol.stark.ProofDimensions) (query : protocol.proof.QueryProof)
    (os : OodSpec) (γ ζ : Ext4) (x : BabyBear) (u : Nat) (hu : u < dims.tables.length)
    (hT : dims.tables.length ≤ 64) (trace aux quot : List BabyBear)
    (htr : phaseRow (phaseLayout dims 0).tables query.main.rows (UInt64.ofNat u) = trace.map toU32)
    (hax : phaseRow (phaseLayout dims 1).tables query.aux.rows (UInt64.ofNat u) = aux.map toU32)
    (hqu : phaseRow (phaseLayout dims 2).tables query.quotient.rows (UInt64.ofNat u) =
      quot.map toU32)
    (hsh0 : OpeningShape (phaseLayout dims 0).widths query.main.rows query.main.path)
    (hsh1 : OpeningShape (phaseLayout dims 1).widths query.aux.rows query.aux.path)
    (hsh2 : OpeningShape (phaseLayout dims 2).widths query.quotient.rows query.quotient.path)
    (hr0 : ∀ r ∈ query.main.rows, r.length < 2 ^ 64) (hr1 : ∀ r ∈ query.aux.rows, r.length < 2 ^ 64)
    (hr2 : ∀ r ∈ query.quotient.rows, r.length < 2 ^ 64)
    (hok : tableOpeningsOk (toOpenings os) dims.tables[u] = true)
    (hγ : dims.tables[u].gamma_offset.toNat + 2 * dims.tables[u].width.toNat +
      2 * dims.tables[u].aux_width.toNat + dims.tables[u].quotient_width.toNat ≤
        dims.num_gamma_powers.toNat) :
    protocol.deep.deep_composition_at (toU32 x)
        (phaseRow (phaseLayout dims 0).tables query.main.rows (UInt64.ofNat u))
        (phaseRow (phaseLayout dims 1).tables query.aux.rows (UInt64.ofNat u))
        (phaseRow (phaseLayout dims 2).tables query.quotient.rows (UInt64.ofNat u))
        (toExt ζ) (toExt (smul (rootOfUnity dims.tables[u].log_height.toNat) ζ))
        (toOpenings os).main_local (toOpenings os).main_next (toOpenings os).aux_local
        (toOpenings os).aux_next (toOpenings os).quotient
        ((Spec.powers γ dims.num_gamma_powers.toNat).map toExt) dims.tables[u].gamma_offset =
      .ok ((tableTerm x trace aux quot ζ (smul (rootOfUnity dims.tables[u].log_height.toNat) ζ)
        os.mainLocal os.mainNext os.auxLocal os.auxNext os.quotient
        (Spec.powers γ dims.num_gamma_powers.toNat) dims.tables[u].gamma_offset.toNat).map toExt) := by
  have l0 := phaseRow_length dims 0 _ _ u hu hT hsh0 hr0
  have l1 := phaseRow_length dims 1 _ _ u hu hT hsh1 hr1
  have l2 := phaseRow_length dims 2 _ _ u hu hT hsh2 hr2
  rw [htr] at l0
  rw [hax] at l1
  rw [hqu] at l2
  simp only [List.length_map, phaseWidth, if_true, show (1 : UInt32) ≠ 0 by decide,
    show (2 : UInt32) ≠ 0 by decide, show (2 : UInt32) ≠ 1 by decide, if_false] at l0 l1 l2
  simp only [tableOpeningsOk, toOpenings, List.length_map, Bool.and_eq_true, decide_eq_true_eq]
    at hok
  obtain ⟨⟨⟨⟨h1, h2⟩, h3⟩, h4⟩, h5⟩ := hok
  rw [htr, hax, hqu]
  exact table_term_spec x trace aux quot ζ _ os.mainLocal os.mainNext os.auxLocal os.auxNext
    os.quotient _ dims.tables[u].gamma_offset (by omega) (by omega) (by omega) (by omega) (by omega)
    (by rw [length_powers]; omega) (by rw [length_powers]; exact UInt64.toNat_lt _)

theorem phaseRow_mem : ∀ (tags : List Usize) (rows : List (List UInt32)) (t : Usize),
    phaseRow tags rows t = [] ∨ phaseRow tags rows t ∈ rows
  | [], rows, t => Or.inl (phaseRow_nil_left rows t)
  | _ :: _, [], _ => Or.inl rfl
  | g :: gs, r :: rs, t => by
    show (if g = t then r else phaseRow gs rs t) = [] ∨ (if g = t then r else phaseRow gs rs t) ∈ r :: rs
    split
    · exact Or.inr List.mem_cons_self
    · rcases phaseRow_mem gs rs t with h | h
      · exact Or.inl h
      · exact Or.inr (List.mem_cons_of_mem _ h)

/-- A row of canonical `u32`s is the image of its decoded field elements. -/
theorem decode_row (row : List UInt32) (h : ∀ a ∈ row, a.toNat < Zkvm.Field.P) :
    row = (row.map ofU32).map toU32 := by
  rw [List.map_map]
  conv => lhs; rw [← List.map_id row]
  apply List.map_congr_left
  intro a ha
  exact (toU32_ofU32 a (h a ha)).symm

theorem phaseRow_decode (tags : List Usize) (rows : List (List UInt32)) (t : Usize)
    (h : ∀ r ∈ rows, ∀ a ∈ r, a.toNat < Zkvm.Field.P) :
    phaseRow tags rows t = ((phaseRow tags rows t).map ofU32).map toU32 := by
  apply decode_row
  rcases phaseRow_mem tags rows t with e | e
  · rw [e]; intro a ha; cases ha
  · exact h _ e

/-- **The tables' DEEP terms of a query, by the spec**: table `u`'s LDE height and `tableTerm`
at its query point on the decoded rows of table `u` of the three openings, with the claimed
values `os[u]`. -/
def queryTerms (dims : protocol.stark.ProofDimensions) (query : protocol.proof.QueryProof)
    (os : List OodSpec) (γ ζ : Ext4) (index : UInt64) :
    List (UInt32 × Except error.VerifyError Ext4) :=
  dims.tables.zipIdx.map (fun p =>
    let o := os.getD p.2 ⟨[], [], [], [], []⟩
    (p.1.log_lde, tableTerm
      (bitrevCosetPoint 0 p.1.log_lde.toNat
        (index.toNat / 2 ^ (dims.log_max_lde.toNat - p.1.log_lde.toNat)))
      ((phaseRow (phaseLayout dims 0).tables query.main.rows (UInt64.ofNat p.2)).map ofU32)
      ((phaseRow (phaseLayout dims 1).tables query.aux.rows (UInt64.ofNat p.2)).map ofU32)
      ((phaseRow (phaseLayout dims 2).tables query.quotient.rows (UInt64.ofNat p.2)).map ofU32)
      ζ (smul (rootOfUnity p.1.log_height.toNat) ζ) o.mainLocal o.mainNext o.auxLocal o.auxNext
      o.quotient (Spec.powers γ dims.num_gamma_powers.toNat) p.1.gamma_offset.toNat))

/-- **The DEEP conjunct of `QueryLink` holds for `queryTerms`**: for openings of canonical
entries (the proof decoder rejects others) and the phase layouts' shapes, claimed values
`os` of the tables' widths (`tableOpeningsOk`, checked by `check_proof_shape`) and accepted
dimensions (enough powers of `γ`: `proofDims_gamma`). -/
theorem queryTerms_link (proof : protocol.proof.Proof) (dims : protocol.stark.ProofDimensions)
    (query : protocol.proof.QueryProof) (os : List OodSpec) (γ ζ : Ext4) (index : UInt64)
    (hT : dims.tables.length ≤ 64) (hos : proof.openings = os.map toOpenings)
    (hok : ∀ u (hu : u < dims.tables.length) (ho : u < os.length),
      tableOpeningsOk (toOpenings os[u]) dims.tables[u] = true)
    (hγ : ∀ d ∈ dims.tables, d.gamma_offset.toNat + 2 * d.width.toNat + 2 * d.aux_width.toNat +
      d.quotient_width.toNat ≤ dims.num_gamma_powers.toNat)
    (hsh0 : OpeningShape (phaseLayout dims 0).widths query.main.rows query.main.path)
    (hsh1 : OpeningShape (phaseLayout dims 1).widths query.aux.rows query.aux.path)
    (hsh2 : OpeningShape (phaseLayout dims 2).widths query.quotient.rows query.quotient.path)
    (hr0 : ∀ r ∈ query.main.rows, r.length < 2 ^ 64) (hr1 : ∀ r ∈ query.aux.rows, r.length < 2 ^ 64)
    (hr2 : ∀ r ∈ query.quotient.rows, r.length < 2 ^ 64)
    (hc0 : ∀ r ∈ query.main.rows, ∀ a ∈ r, a.toNat < Zkvm.Field.P)
    (hc1 : ∀ r ∈ query.aux.rows, ∀ a ∈ r, a.toNat < Zkvm.Field.P)
    (hc2 : ∀ r ∈ query.quotient.rows, ∀ a ∈ r, a.toNat < Zkvm.Field.P) :
    (queryTerms dims query os γ ζ index).length = dims.tables.length ∧
    ∀ u (hu : u < dims.tables.length) (ho : u < proof.openings.length)
      (ht : u < (queryTerms dims query os γ ζ index).length),
      (queryTerms dims query os γ ζ index)[u].1 = dims.tables[u].log_lde ∧
      protocol.deep.deep_composition_at
        (toU32 (bitrevCosetPoint 0 dims.tables[u].log_lde.toNat
          (index.toNat / 2 ^ (dims.log_max_lde.toNat - dims.tables[u].log_lde.toNat))))
        (phaseRow (phaseLayout dims 0).tables query.main.rows (UInt64.ofNat u))
        (phaseRow (phaseLayout dims 1).tables query.aux.rows (UInt64.ofNat u))
        (phaseRow (phaseLayout dims 2).tables query.quotient.rows (UInt64.ofNat u))
        (toExt ζ) (toExt (smul (rootOfUnity dims.tables[u].log_height.toNat) ζ))
        proof.openings[u].main_local proof.openings[u].main_next proof.openings[u].aux_local
        proof.openings[u].aux_next proof.openings[u].quotient
        ((Spec.powers γ dims.num_gamma_powers.toNat).map toExt) dims.tables[u].gamma_offset =
        .ok ((queryTerms dims query os γ ζ index)[u].2.map toExt) := by
  refine ⟨by simp [queryTerms], ?_⟩
  intro u hu ho ht
  have hou : u < os.length := by rw [hos] at ho; simpa using ho
  have hq : (queryTerms dims query os γ ζ index)[u] = (dims.tables[u].log_lde, tableTerm
      (bitrevCosetPoint 0 dims.tables[u].log_lde.toNat
        (index.toNat / 2 ^ (dims.log_max_lde.toNat - dims.tables[u].log_lde.toNat)))
      ((phaseRow (phaseLayout dims 0).tables query.main.rows (UInt64.ofNat u)).map ofU32)
      ((phaseRow (phaseLayout dims 1).tables query.aux.rows (UInt64.ofNat u)).map ofU32)
      ((phaseRow (phaseLayout dims 2).tables query.quotient.rows (UInt64.ofNat u)).map ofU32)
      ζ (smul (rootOfUnity dims.tables[u].log_height.toNat) ζ) os[u].mainLocal os[u].mainNext
      os[u].auxLocal os[u].auxNext os[u].quotient (Spec.powers γ dims.num_gamma_powers.toNat)
      dims.tables[u].gamma_offset.toNat) := by
    simp only [queryTerms, List.getElem_map, List.getElem_zipIdx, Nat.zero_add]
    rw [List.getD_eq_getElem?_getD, List.getElem?_eq_getElem hou, Option.getD_some]
  have hop : proof.openings[u] = toOpenings os[u] := by
    simp only [hos, List.getElem_map]
  rw [hq, hop]
  refine ⟨rfl, ?_⟩
  exact table_term_link dims query os[u] γ ζ _ u hu hT _ _ _
    (phaseRow_decode _ _ _ hc0) (phaseRow_decode _ _ _ hc1) (phaseRow_decode _ _ _ hc2)
    hsh0 hsh1 hsh2 hr0 hr1 hr2 (hok u hu hou) (hγ _ (List.getElem_mem hu))

/-- **A phase opening's check at a query is `phaseOpening`** (at most 64 tables and a tallest
LDE domain below `2^64` points, as `proof_dimensions` gives: `proofDims_log_lde`; slices
shorter than `2^64`). -/
theorem phase_opening_link (H : List UInt8 → Zkvm.Commit.Digest)
    (dims : protocol.stark.ProofDimensions) (phase : UInt32) (cap : List Zkvm.Commit.Digest)
    (index : UInt64) (rows : List (List UInt32)) (path : List Zkvm.Commit.Digest)
    (hT : dims.tables.length ≤ 64) (hmax : dims.log_max_lde.toNat < 64)
    (hc : cap.length < 2 ^ 64) (hr : rows.length < 2 ^ 64) (hrr : ∀ r ∈ rows, r.length < 2 ^ 64)
    (hp : path.length < 2 ^ 64) :
    protocol.stark.verify_phase_opening (Zkvm.Refinement.commit.merkle.bytesOf H)
        (cap.map Zkvm.Commit.Digest.bytes) (phaseLayout dims phase) dims index
        ⟨rows, path.map Zkvm.Commit.Digest.bytes⟩ =
      .ok (Zkvm.Spec.phaseOpening H cap ((phaseLayout dims phase).log_heights.map UInt32.toNat)
        ((phaseLayout dims phase).widths.map UInt64.toNat) dims.log_cap_height.toNat
        dims.log_max_lde.toNat index.toNat rows path) := by
  have h1 := phaseLayout_lengths dims phase
  have h2 := phaseMatrices_length_le dims phase
  exact verify_phase_opening_spec H cap _ dims index rows path hmax hc (by omega) (by omega) hr
    hrr hp

end Zkvm.Refinement.protocol.stark
