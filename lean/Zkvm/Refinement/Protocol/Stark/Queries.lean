module

public import Zkvm.Refinement.Protocol.Stark.QueryTerms
public import Zkvm.Refinement.Protocol.Stark.QueryLinks

/-!
# `stark::check_queries` computes `Zkvm.Spec.checkQueries` and never panics

`check_queries` computes the powers of `γ`, the three phase layouts, the distinct LDE heights
and `ζ·ω_n` for each table, then checks each query (`Zkvm.Spec.Queries`): the openings'
shapes, the three phase openings, the DEEP values per distinct LDE height (each table's term
at its height, then with zero knowledge the masking terms), and the FRI query check.

`check_queries_spec`: the extracted function returns `.ok (checkQueries …)`, the first failing
query's error or `ok ()`, never a panic nor divergence. A query's verdicts (`QueryVerdicts`)
are what the functions it calls return, tied to them by `QueryLink`; each of those functions
has its own refinement theorem computing its spec: `phase_shape_spec` (`OpeningShape`),
`verify_phase_opening_spec` (`phaseOpening`), `table_term_link` and `queryTerms_link` (`tableTerm` of the
decoded rows, from `deep_composition_at_spec` and `deep_composition_at_degenerate`, with the
rows' widths `phaseRow_length` and the powers of `γ` `proofDims_gamma` of
`Stark.PhaseRowWidth`), `mask_row_decoded` (`maskRow`), `verify_fri_query_cap_spec`
(`friQuery`). The loops are proved in `Stark.QueryDeep` and `Stark.QueryTerms`, the
lemmas tying a query's calls to spec values in `Stark.QueryLinks`.
-/

@[expose] public section

noncomputable section

namespace Zkvm.Refinement.protocol.stark

open Zkvm.Extraction Zkvm.Extracted Zkvm.Field Zkvm.Field.BabyBear Zkvm.Field.Ext4 Zkvm.Spec
open Zkvm.Refinement.field (toU32)
open Zkvm.Refinement.field.extension (toExt)
open Zkvm.Refinement.fri (toDeep)

theorem addAtHeight_length (lde : UInt32) (term : Ext4) (dv : List (UInt32 × Ext4)) :
    (addAtHeight lde term dv).length = dv.length := by
  simp [addAtHeight]

theorem addTables_length : ∀ (ts : List (UInt32 × Except error.VerifyError Ext4))
    (L R : List (UInt32 × Ext4)), addTables ts L = .ok R → R.length = L.length
  | [], L, R, h => by
    have e : addTables [] L = .ok L := rfl
    rw [e] at h; cases h; rfl
  | t :: ts, L, R, h => by
    rw [addTables_cons] at h
    rcases t with ⟨l, e | v⟩
    · cases h
    · dsimp only at h
      rw [addTables_length ts _ R h, addAtHeight_length]

theorem addMasks_length (γs : List Ext4) (off : Nat) (rowOf : UInt32 → List BabyBear) :
    ∀ (L : List (UInt32 × Ext4)) (k : Nat) (R : List (UInt32 × Ext4)),
      addMasks γs off rowOf k L = .ok R → R.length = L.length
  | [], k, R, h => by
    have e : addMasks γs off rowOf k [] = .ok [] := rfl
    rw [e] at h; cases h; rfl
  | d :: ds, k, R, h => by
    rw [addMasks_cons] at h
    split at h
    · cases h
    · cases hr : addMasks γs off rowOf (k + 1) ds with
      | error e => rw [hr] at h; cases h
      | ok r =>
        rw [hr] at h
        simp only [Except.map, Except.ok.injEq] at h
        subst h
        simp [addMasks_length γs off rowOf ds (k + 1) r hr]

/-- How the extracted functions that one query calls relate to its verdicts `v`: the three
shape checks and the three phase openings return `v`'s booleans, when the openings have their
shapes (the only case in which `check_queries` goes on to the DEEP values) each table's
`deep_composition_at` (at the table's query point `bitrevCosetPoint 0 log_lde (index >> (log_max_lde
- log_lde))`, on the table's rows of the three openings, with `ζ`, `ζ·ω_n` and the powers of `γ`)
returns `v`'s term, `mask_row` returns `v`'s masking rows (canonical coefficients), and the FRI
query check on DEEP values of the right length returns `v.fri` of them. Each conjunct is the
statement of the called function's refinement theorem for the spec value it names. -/
def QueryLink (sha3_256 : List UInt8 → commit.hash.Digest) (proof : protocol.proof.Proof)
    (dims : protocol.stark.ProofDimensions) (betas : List field.extension.Ext) (γ ζ : Ext4)
    (query : protocol.proof.QueryProof) (index : UInt64) (v : QueryVerdicts) : Prop :=
  protocol.stark.opening_has_shape (phaseLayout dims 0) query.main = .ok v.shapes.1 ∧
  protocol.stark.opening_has_shape (phaseLayout dims 1) query.aux = .ok v.shapes.2.1 ∧
  protocol.stark.opening_has_shape (phaseLayout dims 2) query.quotient = .ok v.shapes.2.2 ∧
  protocol.stark.verify_phase_opening sha3_256 proof.main_commitment (phaseLayout dims 0) dims
    index query.main = .ok v.phases.1 ∧
  protocol.stark.verify_phase_opening sha3_256 proof.aux_commitment (phaseLayout dims 1) dims
    index query.aux = .ok v.phases.2.1 ∧
  protocol.stark.verify_phase_opening sha3_256 proof.quotient_commitment (phaseLayout dims 2) dims
    index query.quotient = .ok v.phases.2.2 ∧
  v.terms.length = dims.tables.length ∧
  (v.shapes = (true, true, true) →
    ∀ u (hu : u < dims.tables.length) (ho : u < proof.openings.length) (ht : u < v.terms.length),
    v.terms[u].1 = dims.tables[u].log_lde ∧
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
      .ok (v.terms[u].2.map toExt)) ∧
  (∀ h, protocol.stark.mask_row (phaseLayout dims 2) query.quotient h =
    .ok ((v.maskRow h).map toU32) ∧ (v.maskRow h).length < 2 ^ 64) ∧
  (∀ dv : List (UInt32 × Ext4), dv.length = (distinctLdeHeights dims).length →
    fri.verify_fri_query sha3_256 proof.fri_commitments betas query.fri_steps proof.final_poly
      dims.fri_log_arities dims.log_max_lde dims.log_cap_height index (dv.map toDeep) =
      .ok (v.fri dv))

/-- **`check_queries` is `checkQueries`; it never panics.** With the challenges `derive_challenges`
returns (`ζ`, `γ` canonical extension elements: `derive_challenges_spec`), the query verdicts
`V q` of the queries `q < min(#queries, #indices)` in order. The hypotheses, and why they hold
where `verify_segments` calls `check_queries` (after `check_proof_shape` and the table checks):
* `hT`, `hmax`, `hlde`: at most 64 tables, `log_max_lde ≤ 27`, each table's
  `log_height ≤ log_lde ≤ log_max_lde`: the dimensions come from `proof_dimensions`
  (`proofDims_log_lde`, `proofDims_log_height`: `log_lde = log_height + log_blowup`);
* `hop`: an opening per table (`proofShapeOk` demands exactly one);
* `hq64`, `hi64`, `hrows`: slices are shorter than `2^64`;
* `hV`: each query's calls compute its verdicts (`QueryLink`, by the called functions'
  refinement theorems). -/
theorem check_queries_spec (sha3_256 : List UInt8 → commit.hash.Digest)
    (proof : protocol.proof.Proof) (dims : protocol.stark.ProofDimensions)
    (lookup : air.LookupChallenges) (alpha : field.extension.Ext) (γ ζ : Ext4)
    (betas : List field.extension.Ext) (indices : List UInt64)
    (hT : dims.tables.length ≤ 64) (hmax : dims.log_max_lde.toNat ≤ 27)
    (hlde : ∀ d ∈ dims.tables, d.log_height.toNat ≤ d.log_lde.toNat ∧
      d.log_lde.toNat ≤ dims.log_max_lde.toNat)
    (hop : dims.tables.length ≤ proof.openings.length)
    (hq64 : proof.queries.length < 2 ^ 64) (hi64 : indices.length < 2 ^ 64)
    (hrows : ∀ qp ∈ proof.queries, qp.main.rows.length < 2 ^ 64 ∧ qp.aux.rows.length < 2 ^ 64 ∧
      qp.quotient.rows.length < 2 ^ 64)
    (V : Nat → QueryVerdicts)
    (hV : ∀ q (hq : q < proof.queries.length) (hi : q < indices.length),
      QueryLink sha3_256 proof dims betas γ ζ proof.queries[q] indices[q] (V q)) :
    protocol.stark.check_queries sha3_256 proof dims
        ⟨lookup, alpha, toExt ζ, toExt γ, betas, indices⟩ =
      .ok (checkQueries dims.zk (distinctLdeHeights dims)
        (Spec.powers γ dims.num_gamma_powers.toNat) dims.mask_gamma_offset.toNat
        ((List.range (min proof.queries.length indices.length)).map V)) := by
  have hl : dims.tables.length < 2 ^ 64 := by omega
  unfold protocol.stark.check_queries
  dsimp only
  rw [Zkvm.Refinement.protocol.deep.powers_spec, ok_bind, phase_layout_spec _ _ hl, ok_bind,
    phase_layout_spec _ _ hl, ok_bind, phase_layout_spec _ _ hl, ok_bind,
    distinct_lde_heights_spec _ hl, ok_bind]
  rw [zeta_next_loop dims.tables hl (fun d hd => by have := hlde d hd; omega) ζ _ ?hm _ ?hb, ok_bind]
  case hm => intro _; rfl
  case hb => intro _ _; rfl
  dsimp only
  generalize hN : min proof.queries.length indices.length = N
  have hNq : N ≤ proof.queries.length := by omega
  have hNi : N ≤ indices.length := by omega
  have hh64 : (distinctLdeHeights dims).length < 2 ^ 64 :=
    Nat.lt_trans (distinctHeights_length_le _) (by decide)
  have hlay64 : ∀ i, (phaseLayout dims i).tables.length < 2 ^ 64 := fun i => by
    have := (phaseLayout_lengths dims i).2.2
    have := phaseMatrices_length_le dims i
    omega
  generalize hspecAll : checkQueries dims.zk (distinctLdeHeights dims)
    (Spec.powers γ dims.num_gamma_powers.toNat) dims.mask_gamma_offset.toNat
    ((List.range N).map V) = spec
  apply loop_count_bind _ _ _ _ (fun q => q) (fun _ => rfl)
    (P := fun (q : Usize) => q.toNat ≤ N ∧
      spec = checkQueries dims.zk (distinctLdeHeights dims)
        (Spec.powers γ dims.num_gamma_powers.toNat) dims.mask_gamma_offset.toNat
        (((List.range N).map V).drop q.toNat))
    (Q := fun r => match r with
      | .ret v => v = spec
      | .brk _ => spec = .ok ())
  · intro q ⟨hqN, hinv⟩
    by_cases hc : q.toNat < N
    · have hq1 : q.toNat < proof.queries.length := by omega
      have hq2 : q.toNat < indices.length := by omega
      have hcond : (decide (q < Slice.len proof.queries) && decide (q < Slice.len indices)) = true := by
        simp only [Bool.and_eq_true, decide_eq_true_eq, lt_len_iff q _ hq64, lt_len_iff q _ hi64]
        exact ⟨hq1, hq2⟩
      obtain ⟨hsucc, e⟩ := succ_ok q _ hq1 hq64
      have hdrop : ((List.range N).map V).drop q.toNat =
          V q.toNat :: ((List.range N).map V).drop (q.toNat + 1) := by
        rw [List.drop_eq_getElem_cons (by simp; omega)]
        simp
      rw [hdrop] at hinv
      obtain ⟨hs0, hs1, hs2, hp0, hp1, hp2, htl, hterms, hmask, hfri⟩ := hV q.toNat hq1 hq2
      obtain ⟨hr0, hr1, hr2⟩ := hrows _ (List.getElem_mem hq1)
      rw [if_pos hcond]
      simp only [Slice.index_eq _ _ hq1, Slice.index_eq _ _ hq2, ok_bind]
      have hidx0 : Slice.index [phaseLayout dims 0, phaseLayout dims 1, phaseLayout dims 2] 0 =
          .ok (phaseLayout dims 0) := rfl
      have hidx1 : Slice.index [phaseLayout dims 0, phaseLayout dims 1, phaseLayout dims 2] 1 =
          .ok (phaseLayout dims 1) := rfl
      have hidx2 : Slice.index [phaseLayout dims 0, phaseLayout dims 1, phaseLayout dims 2] 2 =
          .ok (phaseLayout dims 2) := rfl
      generalize V q.toNat = vq at hinv hs0 hs1 hs2 hp0 hp1 hp2 htl hterms hmask hfri
      rcases vq with ⟨⟨a, b, c⟩, ⟨pa, pb, pc⟩, terms, maskRowOf, friOf⟩
      dsimp only at hs0 hs1 hs2 hp0 hp1 hp2 htl hterms hmask hfri
      simp only [checkQueries, checkQuery] at hinv
      simp only [hidx0, hidx1, hidx2, ok_bind, hs0, hs1, hs2, pure_ok]
      cases a <;> cases b <;> cases c <;>
        simp only [Bool.and_false, Bool.and_true, Bool.not_false, Bool.not_true, if_true,
          Bool.false_eq_true, if_false] at hinv ⊢
      all_goals try (right; exact ⟨_, rfl, hinv.symm⟩)
      simp only [hp0, ok_bind]
      cases pa <;> simp only [Bool.not_false, Bool.not_true, if_true, Bool.false_eq_true,
        if_false] at hinv ⊢
      · right; exact ⟨_, rfl, hinv.symm⟩
      simp only [hp1, ok_bind]
      cases pb <;> simp only [Bool.not_false, Bool.not_true, if_true, Bool.false_eq_true,
        if_false] at hinv ⊢
      · right; exact ⟨_, rfl, hinv.symm⟩
      simp only [hp2, ok_bind]
      cases pc <;> simp only [Bool.not_false, Bool.not_true, if_true, Bool.false_eq_true,
        if_false] at hinv ⊢
      · right; exact ⟨_, rfl, hinv.symm⟩
      simp only [queryDeep] at hinv
      rw [deep_init_loop _ hh64 _ ?hm1 _ ?hb1, ok_bind]
      case hm1 => intro _; rfl
      case hb1 => intro _ _; rfl
      dsimp only
      rw [add_tables_loop dims.tables hl dims.log_max_lde (by omega)
        (fun d hd => ⟨by have := hlde d hd; omega, (hlde d hd).2⟩) indices[q.toNat] proof.openings
        hop _ (phaseLayout dims 0) (phaseLayout dims 1) (phaseLayout dims 2) rfl _ _ _ (hlay64 0)
        (hlay64 1) (hlay64 2) hr0 hr1 hr2 (toExt ζ) _ ?hzn _ terms htl ?hterm
        (deepInit (distinctLdeHeights dims)) (by simp [deepInit]; omega) _ ?hm2 _ ?hb2, ok_bind]
      case hm2 => intro _; rfl
      case hb2 => intro _ _; rfl
      case hzn => simp [zetaNexts]
      case hterm =>
        intro u hu
        obtain ⟨h1, h2⟩ := hterms rfl u hu (by omega) (by omega)
        refine ⟨h1, ?_⟩
        simp only [zetaNexts, List.getElem_map]
        exact h2
      cases hat : addTables terms (deepInit (distinctLdeHeights dims)) with
      | error err =>
        rw [hat] at hinv
        right; exact ⟨_, rfl, hinv.symm⟩
      | ok dv =>
        rw [hat] at hinv
        have hdvl : dv.length = (distinctLdeHeights dims).length := by
          rw [addTables_length _ _ _ hat]; simp [deepInit]
        dsimp only [tablesExit]
        cases hzk : dims.zk
        · rw [hzk] at hinv
          simp only [Bool.false_eq_true, if_false] at hinv ⊢
          rw [(hfri dv hdvl), ok_bind]
          cases hf : friOf dv with
          | error err =>
            rw [hf] at hinv
            right; exact ⟨_, rfl, hinv.symm⟩
          | ok u =>
            cases u
            rw [hf] at hinv
            left
            refine ⟨q + 1, by simp only [hsucc, ok_bind], e, by omega, ?_⟩
            rw [e]; exact hinv
        · rw [hzk] at hinv
          simp only [if_true] at hinv ⊢
          rw [add_masks_loop dv (by omega) (Spec.powers γ dims.num_gamma_powers.toNat)
            (by rw [length_powers]; exact UInt64.toNat_lt _) dims.mask_gamma_offset
            [phaseLayout dims 0, phaseLayout dims 1, phaseLayout dims 2] (phaseLayout dims 2)
            proof.queries[q.toNat].quotient maskRowOf rfl (fun h => (hmask h).1)
            (fun h => (hmask h).2) _ ?hm3 _ ?hb3, ok_bind]
          case hm3 => intro _; rfl
          case hb3 => intro _ _; rfl
          cases ham : addMasks (Spec.powers γ dims.num_gamma_powers.toNat)
              dims.mask_gamma_offset.toNat maskRowOf 0 dv with
          | error err =>
            rw [ham] at hinv
            right; exact ⟨_, rfl, hinv.symm⟩
          | ok dv' =>
            rw [ham] at hinv
            dsimp only at hinv
            dsimp only [masksExit]
            have hdvl' : dv'.length = (distinctLdeHeights dims).length := by
              rw [addMasks_length _ _ _ _ _ _ ham]; exact hdvl
            rw [(hfri dv' hdvl'), ok_bind]
            cases hf : friOf dv' with
            | error err =>
              rw [hf] at hinv
              right; exact ⟨_, rfl, hinv.symm⟩
            | ok u =>
              cases u
              rw [hf] at hinv
              left
              refine ⟨q + 1, by simp only [hsucc, ok_bind], e, by omega, ?_⟩
              rw [e]; exact hinv
    · right
      have hc' : ¬ ((decide (q < Slice.len proof.queries) && decide (q < Slice.len indices)) = true) := by
        simp only [Bool.and_eq_true, decide_eq_true_eq, lt_len_iff q _ hq64, lt_len_iff q _ hi64]
        omega
      refine ⟨.brk q, by rw [if_neg hc', pure_ok], ?_⟩
      show spec = .ok ()
      rw [hinv, List.drop_eq_nil_of_le (by simp; omega)]
      rfl
  · exact ⟨by simp, by simpa using hspecAll.symm⟩
  · intro r hr
    cases r with
    | ret v => simp only at hr; subst hr; rfl
    | brk _ => simp only at hr; rw [hr]; rfl

end Zkvm.Refinement.protocol.stark
