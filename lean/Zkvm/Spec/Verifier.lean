module

public import Zkvm.Spec.Segments
public import Zkvm.Spec.Schedule
public import Zkvm.Spec.Stages
public import Zkvm.Refinement.Protocol.Stark.Bus
public import Zkvm.Refinement.Protocol.Stark.Challenges
public import Zkvm.Refinement.Protocol.Stark.TableOod
public import Zkvm.Refinement.Protocol.Stark.QueryCheck
public import Zkvm.Refinement.Protocol.Stark.ProofDims

/-!
# The segments verifier, written for reading

`segmentsAccept` is the verifier of a proof's segments as the composition of the spec
functions the stage refinements target, stage by stage in the order the Rust
`verify_segments` runs them. It reads typed values where the refinements state them: the
statement `Statement` (`vkDigest`, `publicValues : List BabyBear`, input, output), the segments'
headers `SegmentHeader` (values, claimed heights, main cap as `Digest`s), and each segment's
`SegmentView` (prover messages `ProofMsgs` with `Digest` caps and `Ext4` sums, the tables'
out-of-domain openings `OodSpec` and every query's typed paths and siblings `QueryData`).

Stages and their spec functions (the refinement theorem connecting each is named):

| stage (Rust) | here | refinement |
|---|---|---|
| `check_statement` (with `air::num_public_values`) | `statementOk` (`Spec.checkStatement`) | `check_statement_at` (`check_statement_spec`, `num_public_values_eq`) |
| segment count | `segs ≠ [] ∧ segs.length ≤ MAX_SEGMENTS` | `verify_segments_ok_iff` |
| `air::tables`, `air::num_segment_values` | `Spec.machineTables`, `Spec.numSegmentValues` | `tables_iff`, `num_segment_values_iff` |
| `stark::table_shapes` | `Spec.machineShapes` (the twelve shapes written out) | `table_shapes_iff` (`table_shape_at`, `table_shapes_eq`) |
| `proof_dimensions` | `Spec.proofDims` | `proof_dimensions_of_table_shapes` |
| `all_fixed_tables` | `Spec.fixedTablesOk` (only the fixed table has one: the key's, `keyFixedTable`: `fixedRows` of the program, all canonical, for a key meeting `FixedSpecFits`, else `air::fixed_tables` in extracted form; fitting its height `fixedTableFits`) | `all_fixed_tables_iff` |
| `check_proof_shape` | `Spec.checkProofShape` | `check_proof_shape_of_proofDims` |
| `check_segment_values` | `Segments.SegmentStartsOk` | `check_segment_starts_spec` |
| `check_global_fractions` | `Spec.checkGlobalFractions` (`segmentGlobalFractions`) | `check_global_fractions_at` (`check_global_fractions_spec`) |
| `shared_transcript` | `sharedChi`, `sharedBeta` (`Spec.challenges`' `χ`, `β`) | `shared_transcript_spec` |
| `check_bus` | `busCheck` | `check_bus_spec` |
| `derive_challenges` | `segChallenges` (`Spec.challenges`), `powPasses` | `derive_challenges_spec` |
| `segment_public_values` | `Segments.segmentPublicValues` | `segment_public_values_spec` |
| `check_fixed_at_zeta` | `fixedAtZetaOk` (`Spec.checkFixedAtZeta`: `fixedTableAtZeta` of the fixed table's first auxiliary column, `fixedColumnAt`) | `check_fixed_at_zeta_eq` (StageSpecs.lean; `check_fixed_tables_one_eq`, `fixed_tables_at_degenerate`), `check_fixed_at_zeta_at_call_iff` (VerifySegmentsSpec.lean) |
| `check_table_ood` | `tableOod` (`foldAlpha` of `oodValues` against `Z_H · Q`) | `check_table_ood_spec` and `check_table_ood_eq` (VerifySegmentsSpec.lean) |
| `check_queries` | `queriesCheck` (`Spec.checkQueries` of `queryVerdictsOf`) | `check_queries_of_spec` |

**Not yet specified** (no spec function and no refinement theorem beyond totality; these
stages appear in the narrowest honest form, the extracted function applied to the images of
the typed values, and the machine's constants as the extracted code computes them):
the stage `check_fixed_at_zeta` for a key whose fixed table has `2^64` rows or more, or a row
that long (`fixedAtZetaOk` keeps the extracted form there: the spec reads the lists' lengths,
the extracted code their `usize` truncations); and, inside `fixedTablesOk` (`keyFixedTable`),
the key's fixed table for a key not meeting `FixedSpecFits` (a program op of 38 or more, or a
table of `2^64` rows or more): there it stays `air::fixed_tables`. For every other key it is
`fixedRows` of the program, all canonical (`fixed_tables_11_spec`, FixedTableKey.lean).

The specs of `check_statement`, `check_global_fractions`, `all_fixed_tables`,
`check_fixed_at_zeta` and of the
constants `air::tables`, `air::num_segment_values` and `stark::table_shapes` are in `Spec/Stages.lean`, their refinements in
`Refinement/Protocol/Stark/StageSpecs.lean`.

The segments themselves stay the extracted `protocol.proof.Proof`s next to their typed views:
`Spec.checkProofShape` and `Spec.checkQueries`' verdicts read the proof's shape and its queries'
opened rows as the decoder left them.

Several spec definitions used here live in refinement files (`OodSpec`, `oodValues`,
`queryVerdictsOf`, `sendsF`, `receivesF`, `totalClaimed`, `segmentLocalPoint`), so this module
imports those; moving them under `Zkvm.Spec` would make this file import specs only.
-/

@[expose] public section

noncomputable section

namespace Zkvm.Spec.Verifier

open Zkvm.Extraction Zkvm.Extracted Zkvm.Field Zkvm.Field.Ext4 Zkvm.Spec Zkvm.Commit
open Zkvm.Refinement.field (toU32)
open Zkvm.Refinement.field.extension (toExt)
open Zkvm.Refinement.protocol.stark (OodSpec toOpenings oodLists oodValues auxExtWidth QueryData
  queryVerdictsOf noQuery sendsF receivesF totalClaimed zkCols)
open Zkvm.Refinement.protocol.logup (segmentLocalPoint)

/-- One segment's typed view: its prover messages (the out-of-domain values are read from
`ood`, as the protocol absorbs them), its tables' out-of-domain openings, and every query's
typed paths and FRI siblings. -/
structure SegmentView where
  msgs : ProofMsgs
  ood : List OodSpec
  queries : Nat → QueryData

/-- The Rust statement of a spec statement: public values as canonical `u32`s. -/
def statementImage (st : Statement) : protocol.statement.Statement :=
  ⟨st.publicValues.map toU32, st.input, st.output⟩

/-! ## Stages -/

/-- **Statement**: the statement's shape `checkStatement` (the machine's 15 public values, at
most `2^32 - 1` bytes of input and of output); the key plays no part (the machine is fixed). -/
def statementOk (_vk : protocol.vk.VerifyingKey) (st : Statement) : Prop :=
  checkStatement st = .ok ()

/-- **One segment's shapes**: as many segment values as the machine has (`nv`), the proof's
dimensions `proofDims`, its fixed tables `fixedTablesOk` (the key's fixed table `keyFixedTable`,
fitting its height), and the proof's shape `checkProofShape`. -/
def shapeOk (vk : protocol.vk.VerifyingKey) (shapes : List air.TableShape) (nv : Usize)
    (p : protocol.proof.Proof) (d : protocol.stark.ProofDimensions)
    (f : List (List air.FixedTable)) : Prop :=
  p.segment_values.length = nv.toNat ∧
  proofDims vk.params shapes p.log_heights = .ok d ∧
  fixedTablesOk vk d.tables f ∧
  checkProofShape p d vk.params = .ok ()

/-- The global lookup point `χ`: the first block squeezed after round 0. -/
def sharedChi (H : List UInt8 → Digest) (st : Statement) (hdrs : List SegmentHeader) : Ext4 :=
  extOfBlock (blockAfter H (opsChi st hdrs) 1)

/-- The global lookup challenge `β`: the second block squeezed after round 0. -/
def sharedBeta (H : List UInt8 → Digest) (st : Statement) (hdrs : List SegmentHeader) : Ext4 :=
  extOfBlock (blockAfter H (opsChi st hdrs) 2)

/-- **The bus**: the statement's boundary messages exist, no boundary denominator vanishes at
`(χ, β)`, and every segment's claimed sums (`cs`) and the boundary fractions add up to zero. -/
def busCheck (st : Statement) (cs : List (List Ext4)) (χ β : Ext4) :
    Except error.VerifyError Unit :=
  match Zkvm.Spec.Statement.boundaryMessages st.publicValues st.input st.output with
  | .error e => .error e
  | .ok _ =>
    if ∀ m ∈ sendsF st.publicValues st.input ++ receivesF st.publicValues st.output,
        boundaryDen χ β m ≠ 0 then
      (if totalClaimed cs + Zkvm.Stark.fracSum χ β (boundaryFracs (sendsF st.publicValues st.input)
            (receivesF st.publicValues st.output)) = 0
        then .ok () else .error .LookupSumMismatch)
    else .error .DegenerateChallenge

/-- The schedule's parameters for a segment of dimensions `d`: one FRI challenge per round,
the key's query count and proof-of-work bits, queries of `log_max_lde` bits, an auxiliary
trace. -/
def schedParams (vk : protocol.vk.VerifyingKey) (d : protocol.stark.ProofDimensions) :
    ScheduleParams :=
  ⟨1, vk.params.num_queries.toNat, d.log_max_lde.toNat, vk.params.pow_bits.toNat, true⟩

/-- A segment's messages with round 3's out-of-domain lists (`oodLists` of its openings). -/
def msgsOf (v : SegmentView) (d : protocol.stark.ProofDimensions) : ProofMsgs :=
  { v.msgs with oodValues := oodLists v.ood (d.tables.map (·.has_aux)) }

/-- **Segment `s`'s challenges**: the schedule's (`Spec.challenges`). It accepts when
`powPasses`. -/
def segChallenges (H : List UInt8 → Digest) (vk : protocol.vk.VerifyingKey) (st : Statement)
    (hdrs : List SegmentHeader) (s : Nat) (v : SegmentView)
    (d : protocol.stark.ProofDimensions) : Challenges :=
  challenges H (schedParams vk d) st hdrs s (msgsOf v d)

/-- The Rust challenges of segment `s`'s typed challenges `C`. -/
def challengesImage (s : Nat) (C : Challenges) : protocol.stark.Challenges :=
  ⟨⟨toExt C.chi, toExt C.beta, toExt (segmentLocalPoint C.chi C.beta s)⟩, toExt C.alpha,
    toExt C.zeta, toExt C.gamma, C.fri.map (fun l => toExt (l.headD 0)),
    C.queries.map UInt64.ofNat⟩

/-- **One table's out-of-domain check**: with the selectors at `ζ` (the height at most `2^27`;
`ζ` off the trace subgroup, 1 and `ω⁻¹`), the table's constraint values `oodValues` (its Lean
spec constraints and LogUp row constraints at the opened rows, with the segment's 20 public
values `pubs`), as many as the dimensions count, fold with `α` to `Z_H(ζ) · Q(ζ)`. -/
def tableOod (t : air.TableId) (zk : Bool) (o : OodSpec) (pubs : List BabyBear)
    (td : protocol.stark.TableDims) (χ β χl α ζ σ : Ext4) : Except error.VerifyError Unit :=
  if td.log_height.toNat ≤ 27 then
    match selectorsAt ζ td.log_height.toNat with
    | none => .error .DegenerateChallenge
    | some sel =>
      let vs := oodValues t zk (fun i => o.mainLocal.getD i 0) (fun i => o.mainNext.getD i 0)
        (fun i => ofBase (pubs.getD i 0)) sel (chunksFromBase o.auxLocal (auxExtWidth t zk))
        (chunksFromBase o.auxNext (auxExtWidth t zk)) χ β χl σ
      if vs.length ≠ td.num_constraints.toNat then .error .WrongProofShape
      else if Zkvm.Stark.foldAlpha vs α =
          vanishing ζ td.log_height.toNat *
            Zkvm.Stark.chunkValue (2 ^ td.log_height.toNat) ζ
              (chunksFromBase o.quotient td.num_quotient_chunks.toNat)
        then .ok () else .error .OodConstraintMismatch
  else .error .InvalidTraceLength

/-- Table `t` of a segment passes its out-of-domain check (`tableOod` with the segment's
challenges `C`, its public values `pv` and the table's claimed sum). -/
def tableAccept (vk : protocol.vk.VerifyingKey) (ids : List air.TableId) (pv : List UInt32)
    (v : SegmentView) (d : protocol.stark.ProofDimensions) (s : Nat) (C : Challenges)
    (t : Nat) : Prop :=
  ∃ id o td σ, ids[t]? = some id ∧ v.ood[t]? = some o ∧ d.tables[t]? = some td ∧
    v.msgs.claimedSums[t]? = some σ ∧
    tableOod id vk.params.zk o (pv.map ofU32) td C.chi C.beta (segmentLocalPoint C.chi C.beta s)
      C.alpha C.zeta σ = .ok ()

/-- **The query check**: `Spec.checkQueries` of every query's verdicts `queryVerdictsOf`
(shapes, phase openings against the main cap `mainCap` and the segment's caps, DEEP terms,
masking rows, FRI), with the segment's challenges. -/
def queriesCheck (H : List UInt8 → Digest) (p : protocol.proof.Proof)
    (d : protocol.stark.ProofDimensions) (mainCap : List Digest) (v : SegmentView)
    (C : Challenges) : Except error.VerifyError Unit :=
  checkQueries d.zk (distinctLdeHeights d) (powers C.gamma d.num_gamma_powers.toNat)
    d.mask_gamma_offset.toNat
    ((List.range (min p.queries.length (C.queries.map UInt64.ofNat).length)).map fun q =>
      queryVerdictsOf H d mainCap v.msgs.auxCap v.msgs.quotientCap v.msgs.friCaps
        (C.fri.map (fun l => l.headD 0)) v.msgs.finalPoly v.ood C.gamma C.zeta
        (p.queries.getD q noQuery) ((C.queries.map UInt64.ofNat).getD q 0) (v.queries q))

/-- The key's fixed table (`air::fixed_tables` of the fixed table) has fewer than `2^64` rows,
each shorter than `2^64`: every table a Rust verifier can hold (its lengths are `usize`s). -/
def FixedRowsFit (vk : protocol.vk.VerifyingKey) : Prop :=
  ∀ t, air.fixed_tables vk 11 = .ok (.ok [t]) →
    t.rows.length < 2 ^ 64 ∧ ∀ row ∈ t.rows, row.length < 2 ^ 64

/-- **The fixed tables at `ζ`**: for a key whose fixed table fits (`FixedRowsFit`),
`checkFixedAtZeta` of the tables' auxiliary openings at `ζ` with the challenges' `β` and `ζ`
(`DegenerateChallenge` for `ζ` among the subgroup's first rows, else the fixed column's value
must be the table's interpolant); for a longer table (beyond any `usize`) the extracted
`check_fixed_at_zeta` on the challenges' image. -/
def fixedAtZetaOk (vk : protocol.vk.VerifyingKey) (shapes : List air.TableShape) (s : Nat)
    (p : protocol.proof.Proof) (d : protocol.stark.ProofDimensions)
    (f : List (List air.FixedTable)) (v : SegmentView) (C : Challenges) : Prop :=
  (FixedRowsFit vk → checkFixedAtZeta d.tables (v.ood.map (·.auxLocal)) f C.beta C.zeta = .ok ()) ∧
  (¬ FixedRowsFit vk →
    protocol.stark.check_fixed_at_zeta p d (challengesImage s C) shapes f = .ok (.ok ()))

/-- **Segment `s`'s second pass**: its challenges' proof of work passes, the fixed tables at `ζ`
(`fixedAtZetaOk`: `checkFixedAtZeta`), its public values `segmentPublicValues`, every table's
out-of-domain check, the query check. -/
def segmentOk (H : List UInt8 → Digest) (vk : protocol.vk.VerifyingKey) (st : Statement)
    (hdrs : List SegmentHeader) (ids : List air.TableId) (shapes : List air.TableShape)
    (s : Nat) (p : protocol.proof.Proof) (d : protocol.stark.ProofDimensions)
    (f : List (List air.FixedTable)) (v : SegmentView) (h : SegmentHeader) : Prop :=
  let C := segChallenges H vk st hdrs s v d
  C.powPasses = true ∧
  fixedAtZetaOk vk shapes s p d f v C ∧
  (∃ pv, Segments.segmentPublicValues (st.publicValues.map toU32) (hdrs.map (·.values)) s =
      some pv ∧
    (∀ t, t < ids.length → t < d.tables.length → tableAccept vk ids pv v d s C t)) ∧
  queriesCheck H p d h.mainCap v C = .ok ()

/-- **The segments verifier**: the statement, the segment count, every segment's shapes (with
its dimensions `dims[s]` and fixed tables `fixed[s]`), the chain of segment starts, the global
fractions fewer than p (`checkGlobalFractions`), the bus at the shared
`(χ, β)` with every segment's claimed sums, and every segment's second pass. -/
def segmentsAccept (H : List UInt8 → Digest) (vk : protocol.vk.VerifyingKey) (st : Statement)
    (hdrs : List SegmentHeader) (segs : List protocol.proof.Proof) (views : List SegmentView) :
    Prop :=
  ∃ (ids : List air.TableId) (shapes : List air.TableShape) (nv : Usize)
    (dims : List protocol.stark.ProofDimensions) (fixed : List (List (List air.FixedTable))),
    statementOk vk st ∧
    segs ≠ [] ∧ segs.length ≤ protocol.proof.MAX_SEGMENTS.toNat ∧
    ids = machineTables ∧
    shapes = machineShapes ∧
    nv.toNat = numSegmentValues ∧
    dims.length = segs.length ∧ fixed.length = segs.length ∧
    (∀ (s : Nat) p d f, segs[s]? = some p → dims[s]? = some d → fixed[s]? = some f →
      shapeOk vk shapes nv p d f) ∧
    Segments.SegmentStartsOk (st.publicValues.map toU32) (hdrs.map (·.values)) ∧
    checkGlobalFractions st shapes dims = .ok () ∧
    busCheck st (views.map (·.msgs.claimedSums)) (sharedChi H st hdrs) (sharedBeta H st hdrs) =
      .ok () ∧
    (∀ (s : Nat) p d f v h, segs[s]? = some p → dims[s]? = some d → fixed[s]? = some f →
      views[s]? = some v → hdrs[s]? = some h →
      segmentOk H vk st hdrs ids shapes s p d f v h)

end Zkvm.Spec.Verifier

end
