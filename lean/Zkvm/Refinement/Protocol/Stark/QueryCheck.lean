module

public import Zkvm.Refinement.Protocol.Stark.Queries
public import Zkvm.Refinement.Fri.QueryCap

/-!
# `check_queries` with every query's verdicts by the specs

`check_queries_of_spec`: `check_queries` is `checkQueries` of the verdicts `queryVerdictsOf`,
each computed by a spec function: the openings' shapes `OpeningShape`, the phase openings
`phaseOpening`, the tables' terms `queryTerms` (`tableTerm`: `deepAt` or
`DegenerateChallenge`), the masking rows `maskRow` (decoded) and the FRI query check
`friQuery` with the spec's cap openings (`capSpec`). The proof's digests, extension elements
and paths are stated as the images of typed values (`Digest.bytes`, `toExt`), as the decoder
produces them.
-/

@[expose] public section

noncomputable section

namespace Zkvm.Refinement.protocol.stark

open Zkvm.Extraction Zkvm.Extracted Zkvm.Field Zkvm.Field.BabyBear Zkvm.Field.Ext4 Zkvm.Spec
open Zkvm.Refinement.field (toU32)
open Zkvm.Refinement.field.extension (toExt)
open Zkvm.Refinement.fri (toDeep toVerifyError capSpec)
open Zkvm.Refinement.commit.merkle (bytesOf)

/-- A query's typed data: the paths of its three phase openings, and the paths and siblings of
its FRI steps. -/
structure QueryData where
  mainPath : List Zkvm.Commit.Digest
  auxPath : List Zkvm.Commit.Digest
  quotPath : List Zkvm.Commit.Digest
  friPaths : List (List Zkvm.Commit.Digest)
  friSibs : List (List Ext4)

/-- **A query's verdicts, by the specs.** -/
def queryVerdictsOf (H : List UInt8 → Zkvm.Commit.Digest) (dims : protocol.stark.ProofDimensions)
    (mainCap auxCap quotCap : List Zkvm.Commit.Digest) (friCaps : List (List Zkvm.Commit.Digest))
    (betas finalPoly : List Ext4) (os : List OodSpec) (γ ζ : Ext4)
    (query : protocol.proof.QueryProof) (index : UInt64) (qd : QueryData) : QueryVerdicts :=
  let L (i : UInt32) := phaseLayout dims i
  let po (cap : List Zkvm.Commit.Digest) (i : UInt32) (rows : List (List UInt32))
      (path : List Zkvm.Commit.Digest) :=
    phaseOpening H cap ((L i).log_heights.map UInt32.toNat) ((L i).widths.map UInt64.toNat)
      dims.log_cap_height.toNat dims.log_max_lde.toNat index.toNat rows path
  { shapes := (decide (OpeningShape (L 0).widths query.main.rows query.main.path),
      decide (OpeningShape (L 1).widths query.aux.rows query.aux.path),
      decide (OpeningShape (L 2).widths query.quotient.rows query.quotient.path)),
    phases := (po mainCap 0 query.main.rows qd.mainPath, po auxCap 1 query.aux.rows qd.auxPath,
      po quotCap 2 query.quotient.rows qd.quotPath),
    terms := queryTerms dims query os γ ζ index,
    maskRow := fun h => (maskRow (L 2).tables query.quotient.rows (L 2).log_heights h).map ofU32,
    fri := fun dv => (friQuery (capSpec H friCaps qd.friPaths dims.log_cap_height.toNat)
      friCaps.length betas qd.friSibs finalPoly (dims.fri_log_arities.map UInt32.toNat)
      dims.log_max_lde.toNat index.toNat (dv.map fun d => (d.1.toNat, d.2))).mapError
      toVerifyError }

theorem maskRow_mem : ∀ (ts : List Usize) (rows : List (List UInt32)) (hs : List UInt32)
    (h : UInt32), maskRow ts rows hs h = [] ∨ maskRow ts rows hs h ∈ rows
  | [], rows, hs, h => Or.inl (maskRow_nil _ _ _ _ (Or.inl rfl))
  | _ :: _, [], hs, h => Or.inl (maskRow_nil _ _ _ _ (Or.inr (Or.inl rfl)))
  | _ :: _, _ :: _, [], h => Or.inl (maskRow_nil _ _ _ _ (Or.inr (Or.inr rfl)))
  | t :: ts, r :: rs, g :: gs, h => by
    show (if t = protocol.stark.MASK_MATRIX ∧ g = h then r else maskRow ts rs gs h) = [] ∨
      (if t = protocol.stark.MASK_MATRIX ∧ g = h then r else maskRow ts rs gs h) ∈ r :: rs
    split
    · exact Or.inr List.mem_cons_self
    · rcases maskRow_mem ts rs gs h with e | e
      · exact Or.inl e
      · exact Or.inr (List.mem_cons_of_mem _ e)

/-- What the proof decoder and `check_proof_shape` give of one query's opening `o`: rows
shorter than `2^64` of canonical entries, and its path the image of digests `path`. -/
def OpeningOk (o : protocol.proof.MultiOpening) (path : List Zkvm.Commit.Digest) : Prop :=
  o.rows.length < 2 ^ 64 ∧ (∀ r ∈ o.rows, r.length < 2 ^ 64) ∧
    (∀ r ∈ o.rows, ∀ a ∈ r, a.toNat < Zkvm.Field.P) ∧ o.path = path.map Zkvm.Commit.Digest.bytes ∧
    path.length < 2 ^ 64

/-- The same of one query: its three openings, and its FRI steps the images of the typed
siblings and paths `qd`. -/
def QueryDataOk (query : protocol.proof.QueryProof) (qd : QueryData) : Prop :=
  OpeningOk query.main qd.mainPath ∧ OpeningOk query.aux qd.auxPath ∧
  OpeningOk query.quotient qd.quotPath ∧
  query.fri_steps.length = qd.friSibs.length ∧ qd.friPaths.length = query.fri_steps.length ∧
  (∀ r (h : r < query.fri_steps.length) (h' : r < qd.friSibs.length),
    query.fri_steps[r].siblings = qd.friSibs[r].map toExt) ∧
  (∀ r (h : r < query.fri_steps.length) (h' : r < qd.friPaths.length),
    query.fri_steps[r].path = qd.friPaths[r].map Zkvm.Commit.Digest.bytes) ∧
  (∀ p ∈ qd.friPaths, p.length < 2 ^ 64) ∧ query.fri_steps.length < 2 ^ 64 ∧
  (∀ r (h : r < qd.friSibs.length), (qd.friSibs[r]'h).length < 2 ^ 64)

theorem opening_eq (o : protocol.proof.MultiOpening) (path : List Zkvm.Commit.Digest)
    (h : o.path = path.map Zkvm.Commit.Digest.bytes) :
    o = ⟨o.rows, path.map Zkvm.Commit.Digest.bytes⟩ := by
  cases o; simp only at h; rw [h]

/-- The query that `getD` falls back to (never used: every index below the query count). -/
def noQuery : protocol.proof.QueryProof := ⟨⟨[], []⟩, ⟨[], []⟩, ⟨[], []⟩, []⟩

/-- The typed verdicts satisfy `QueryLink`. -/
theorem queryLink_of (H : List UInt8 → Zkvm.Commit.Digest) (proof : protocol.proof.Proof)
    (dims : protocol.stark.ProofDimensions) (mainCap auxCap quotCap : List Zkvm.Commit.Digest)
    (friCaps : List (List Zkvm.Commit.Digest)) (betas finalPoly : List Ext4) (os : List OodSpec)
    (γ ζ : Ext4) (query : protocol.proof.QueryProof) (index : UInt64) (qd : QueryData)
    (hT : dims.tables.length ≤ 64) (hmax : dims.log_max_lde.toNat ≤ 27)
    (hos : proof.openings = os.map toOpenings)
    (hok : ∀ u (hu : u < dims.tables.length) (ho : u < os.length),
      tableOpeningsOk (toOpenings os[u]) dims.tables[u] = true)
    (hγ : ∀ d ∈ dims.tables, d.gamma_offset.toNat + 2 * d.width.toNat + 2 * d.aux_width.toNat +
      d.quotient_width.toNat ≤ dims.num_gamma_powers.toNat)
    (hmc : proof.main_commitment = mainCap.map Zkvm.Commit.Digest.bytes)
    (hac : proof.aux_commitment = auxCap.map Zkvm.Commit.Digest.bytes)
    (hqc : proof.quotient_commitment = quotCap.map Zkvm.Commit.Digest.bytes)
    (hcl : mainCap.length < 2 ^ 64 ∧ auxCap.length < 2 ^ 64 ∧ quotCap.length < 2 ^ 64)
    (hfc : proof.fri_commitments = friCaps.map (fun c => c.map Zkvm.Commit.Digest.bytes))
    (hfcl : ∀ c ∈ friCaps, c.length < 2 ^ 64) (hfc64 : friCaps.length < 2 ^ 64)
    (hb64 : betas.length < 2 ^ 64) (ha64 : dims.fri_log_arities.length < 2 ^ 64)
    (hfp : proof.final_poly = finalPoly.map toExt) (hf64 : finalPoly.length < 2 ^ 64)
    (hq : QueryDataOk query qd) :
    QueryLink (bytesOf H) proof dims (betas.map toExt) γ ζ query index
      (queryVerdictsOf H dims mainCap auxCap quotCap friCaps betas finalPoly os γ ζ query index qd) := by
  obtain ⟨⟨m1, m2, m3, m4, m5⟩, ⟨a1, a2, a3, a4, a5⟩, ⟨q1, q2, q3, q4, q5⟩, f1, f2, f3, f4, f5,
    f6, f7⟩ := hq
  have hmax' : dims.log_max_lde.toNat < 64 := by omega
  refine ⟨phase_shape_spec dims 0 _ hT m1, phase_shape_spec dims 1 _ hT a1,
    phase_shape_spec dims 2 _ hT q1, ?_, ?_, ?_, ?_, ?_, ?_, ?_⟩
  · rw [hmc, opening_eq _ _ m4]
    exact phase_opening_link H dims 0 mainCap index _ _ hT hmax' hcl.1 m1 m2 m5
  · rw [hac, opening_eq _ _ a4]
    exact phase_opening_link H dims 1 auxCap index _ _ hT hmax' hcl.2.1 a1 a2 a5
  · rw [hqc, opening_eq _ _ q4]
    exact phase_opening_link H dims 2 quotCap index _ _ hT hmax' hcl.2.2 q1 q2 q5
  · simp [queryVerdictsOf, queryTerms]
  · intro hsh
    simp only [queryVerdictsOf, Prod.mk.injEq, decide_eq_true_eq] at hsh
    exact (queryTerms_link proof dims query os γ ζ index hT hos hok hγ hsh.1 hsh.2.1 hsh.2.2
      m2 a2 q2 m3 a3 q3).2
  · intro h
    have hh := phaseLayout_lengths dims 2
    have hh2 := phaseMatrices_length_le dims 2
    refine ⟨mask_row_decoded dims _ h hT q1 ?_, ?_⟩
    · rcases maskRow_mem (phaseLayout dims 2).tables query.quotient.rows
        (phaseLayout dims 2).log_heights h with e | e
      · rw [e]; intro a ha; cases ha
      · exact q3 _ e
    · simp only [queryVerdictsOf, List.length_map]
      rcases maskRow_mem (phaseLayout dims 2).tables query.quotient.rows
        (phaseLayout dims 2).log_heights h with e | e
      · rw [e]; simp
      · exact q2 _ e
  · intro dv hdv
    have hd64 : dv.length < 2 ^ 64 := by
      have := distinctHeights_length_le (ldeHeights dims)
      unfold distinctLdeHeights at hdv
      omega
    rw [hfc, hfp]
    exact Zkvm.Refinement.fri.verify_fri_query_cap_spec H friCaps qd.friPaths betas
      query.fri_steps qd.friSibs finalPoly dims.fri_log_arities dims.log_max_lde
      dims.log_cap_height index dv f1 f2 (fun r h => f3 r h (by omega))
      (fun r h => f4 r h (by omega)) hfcl f5 hmax hfc64 f6 hb64 ha64 hd64 hf64 f7

/-- **`check_queries` is `checkQueries` of the spec verdicts; it never panics.** The proof's
commitments, final polynomial, claimed values and every query's paths and FRI siblings are
the images of typed values (the decoder's output), the challenges those `derive_challenges`
returns (`derive_challenges_spec`: `ζ`, `γ`, the FRI betas as extension elements), and the
dimensions accepted ones: at most 64 tables (`proofDims_log_lde`), `log_max_lde ≤ 27`,
`log_height ≤ log_lde ≤ log_max_lde` (`proofDims_log_height`, `proofDims_log_lde`), enough
powers of `γ` (`proofDims_gamma`); `check_proof_shape` gives one opening per table with the table's
widths (`tableOpeningsOk`); slices are shorter than `2^64`. -/
theorem check_queries_of_spec (H : List UInt8 → Zkvm.Commit.Digest)
    (proof : protocol.proof.Proof) (dims : protocol.stark.ProofDimensions)
    (lookup : air.LookupChallenges) (alpha : field.extension.Ext) (γ ζ : Ext4)
    (betas : List Ext4) (indices : List UInt64)
    (mainCap auxCap quotCap : List Zkvm.Commit.Digest) (friCaps : List (List Zkvm.Commit.Digest))
    (finalPoly : List Ext4) (os : List OodSpec) (QD : Nat → QueryData)
    (hT : dims.tables.length ≤ 64) (hmax : dims.log_max_lde.toNat ≤ 27)
    (hlde : ∀ d ∈ dims.tables, d.log_height.toNat ≤ d.log_lde.toNat ∧
      d.log_lde.toNat ≤ dims.log_max_lde.toNat)
    (hos : proof.openings = os.map toOpenings) (hosl : dims.tables.length ≤ os.length)
    (hok : ∀ u (hu : u < dims.tables.length) (ho : u < os.length),
      tableOpeningsOk (toOpenings os[u]) dims.tables[u] = true)
    (hγ : ∀ d ∈ dims.tables, d.gamma_offset.toNat + 2 * d.width.toNat + 2 * d.aux_width.toNat +
      d.quotient_width.toNat ≤ dims.num_gamma_powers.toNat)
    (hmc : proof.main_commitment = mainCap.map Zkvm.Commit.Digest.bytes)
    (hac : proof.aux_commitment = auxCap.map Zkvm.Commit.Digest.bytes)
    (hqc : proof.quotient_commitment = quotCap.map Zkvm.Commit.Digest.bytes)
    (hcl : mainCap.length < 2 ^ 64 ∧ auxCap.length < 2 ^ 64 ∧ quotCap.length < 2 ^ 64)
    (hfc : proof.fri_commitments = friCaps.map (fun c => c.map Zkvm.Commit.Digest.bytes))
    (hfcl : ∀ c ∈ friCaps, c.length < 2 ^ 64) (hfc64 : friCaps.length < 2 ^ 64)
    (hb64 : betas.length < 2 ^ 64) (ha64 : dims.fri_log_arities.length < 2 ^ 64)
    (hfp : proof.final_poly = finalPoly.map toExt) (hf64 : finalPoly.length < 2 ^ 64)
    (hq64 : proof.queries.length < 2 ^ 64) (hi64 : indices.length < 2 ^ 64)
    (hQ : ∀ q (hq : q < proof.queries.length), QueryDataOk proof.queries[q] (QD q)) :
    protocol.stark.check_queries (bytesOf H) proof dims
        ⟨lookup, alpha, toExt ζ, toExt γ, betas.map toExt, indices⟩ =
      .ok (checkQueries dims.zk (distinctLdeHeights dims)
        (Spec.powers γ dims.num_gamma_powers.toNat) dims.mask_gamma_offset.toNat
        ((List.range (min proof.queries.length indices.length)).map fun q =>
          queryVerdictsOf H dims mainCap auxCap quotCap friCaps betas finalPoly os γ ζ
            (proof.queries.getD q noQuery) (indices.getD q 0) (QD q))) := by
  apply check_queries_spec (bytesOf H) proof dims lookup alpha γ ζ (betas.map toExt) indices hT
    hmax hlde (by rw [hos, List.length_map]; exact hosl) hq64 hi64
  · intro qp hqp
    obtain ⟨q, hq, rfl⟩ := List.getElem_of_mem hqp
    obtain ⟨⟨m1, -⟩, ⟨a1, -⟩, ⟨q1, -⟩, -⟩ := hQ q hq
    exact ⟨m1, a1, q1⟩
  · intro q hq hi
    have e1 : proof.queries.getD q noQuery = proof.queries[q] := by
      rw [List.getD_eq_getElem?_getD, List.getElem?_eq_getElem hq, Option.getD_some]
    have e2 : indices.getD q 0 = indices[q] := by
      rw [List.getD_eq_getElem?_getD, List.getElem?_eq_getElem hi, Option.getD_some]
    simp only [e1, e2]
    exact queryLink_of H proof dims mainCap auxCap quotCap friCaps betas finalPoly os γ ζ _ _ _
      hT hmax hos hok hγ hmc hac hqc hcl hfc hfcl hfc64 hb64 ha64 hfp hf64 (hQ q hq)

end Zkvm.Refinement.protocol.stark
