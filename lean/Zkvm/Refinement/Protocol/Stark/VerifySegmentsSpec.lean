module

public import Zkvm.Spec.Verifier
public import Zkvm.Refinement.Protocol.Stark.VerifySegmentsOod
public import Zkvm.Refinement.Protocol.Stark.StageSpecs

/-!
# `verify_segments` computes the spec verifier

`Spec.Verifier.segmentsAccept` (Spec/Verifier.lean) is the segments verifier as the
composition of the stages' spec functions. Here, stage by stage at the arguments
`verify_segments` passes, for inputs that are the images of typed values (the hypotheses of
`verify_segments_never_panics_of_queries`, with every segment's typed view `SegmentView`
given), the extracted stage accepts exactly when the spec stage accepts:

* `statement_iff` (`statementOk`, `checkStatement`: `check_statement_at`), the machine's
  tables, their shapes and segment value count (`tables_iff`, `table_shapes_iff`,
  `num_segment_values_iff`), the global
  fractions (`checkGlobalFractions`: `check_global_fractions_at`, with every segment's
  dimensions from `proofDims`: `dims_of_shapeOk`), `shape_iff` (`proofDims`,
  `checkProofShape`, `fixedTablesOk`: `proof_dimensions_of_table_shapes`,
  `check_proof_shape_of_proofDims`, `all_fixed_tables_iff`),
  `check_segment_values_iff` (`SegmentStartsOk`: `check_segment_starts_spec`),
  `shared_transcript_at` (`sharedChi`, `sharedBeta`: `shared_transcript_spec`),
  `check_bus_iff` (`busCheck`: `check_bus_spec`), `derive_challenges_at`
  (`segChallenges`: `derive_challenges_spec`), `segment_public_values_iff`
  (`segmentPublicValues`: `segment_public_values_spec`);
* `check_table_ood_eq`: `check_table_ood` is `tableOod` on every input of the spec's shapes
  (ζ anywhere, any height and constraint count; `check_table_ood_spec` is its case with
  selectors and a matching count), and `check_table_ood_at_call_eq` at `verify_segments`' call;
* `check_fixed_at_zeta_at_call_iff`: `check_fixed_at_zeta` accepts exactly when
  `fixedAtZetaOk` holds (`checkFixedAtZeta` for a key whose fixed table fits `usize` lengths:
  `check_fixed_at_zeta_eq`);
* `check_queries_at_call_eq`: `check_queries` is `queriesCheck` at the call
  (`check_queries_of_spec`);
* `segment_iff`: a segment's second pass (`SegmentChecked`) is `segmentOk`, from the above
  (the public values are canonical once the segment starts are accepted:
  `segment_public_values_canon`; the constraint values are fewer than `2^64`:
  `oodValues_length_lt`);
* `verify_segments_iff_spec`: the composition, through `verify_segments_ok_iff`:
  `verify_segments (bytesOf H) vk (statementImage stS) segs = .ok (.ok ()) ↔
  segmentsAccept H vk stS hdrs segs views`.

Builds on `VerifySegmentsOod.lean` (and through it every stage refinement) and
`Spec/Verifier.lean`, and `StageSpecs.lean` (the stages specified in `Spec/Stages.lean`).
Not covered here: the receipt level (`verify_receipt` through
`decode_segments_with_limits` to these typed views).
-/

@[expose] public section

noncomputable section

namespace Zkvm.Refinement.protocol.stark

open Zkvm.Extraction Zkvm.Extracted Zkvm.Field Zkvm.Field.Ext4
open Zkvm.Spec (tableOpeningsOk tablesOk checkProofShape proofShapeOk tableDims tablesDims
  proofDims)
open Zkvm.Spec.Segments (SegmentStartsOk segmentPublicValues)
open Zkvm.Spec.Verifier
open Zkvm.Refinement.field (toU32 toU32_toNat)
open Zkvm.Refinement.field.extension (toExt)
open Zkvm.Refinement.air.expr (locOf)

/-! ## The statement, the shapes, the segment values -/

/-- **The statement stage is `statementOk`** (`checkStatement`): on the image of a spec
statement, with the machine's public-value count (`check_statement_at`). -/
theorem statement_iff (vk : protocol.vk.VerifyingKey) (stS : Zkvm.Spec.Statement)
    (hpv : stS.publicValues.length < 2 ^ 64) (hin : stS.input.length < 2 ^ 64)
    (hout : stS.output.length < 2 ^ 64) :
    (∃ npv, air.num_public_values vk.air = .ok npv ∧
      protocol.statement.check_statement (statementImage stS) npv = .ok (.ok ())) ↔
    statementOk vk stS := check_statement_at vk.air stS hpv hin hout

/-- **One segment's first pass is `shapeOk`**: for a decoded proof (`ProofFits`, slices), on the
machine's table shapes, `proof_dimensions` accepts `d` exactly when `proofDims` gives `d`, and
then `check_proof_shape` accepts exactly when `checkProofShape` does. -/
theorem shape_iff (vk : protocol.vk.VerifyingKey) (shapes : List air.TableShape)
    (hshapes : protocol.stark.table_shapes vk.air = .ok shapes) (nv : Usize)
    (p : protocol.proof.Proof) (d : protocol.stark.ProofDimensions)
    (f : List (List air.FixedTable)) (hfit : ProofFits p)
    (hvals : p.segment_values.length < 2 ^ 64) (hlh : p.log_heights.length < 2 ^ 64) :
    ShapeAccepted vk shapes nv p d f ↔ shapeOk vk shapes nv p d f := by
  obtain ⟨shapes', hs', hpd⟩ :=
    proof_dimensions_of_table_shapes vk.air vk.params p.log_heights hlh
  rw [hshapes] at hs'
  cases hs'
  unfold ShapeAccepted shapeOk
  rw [hpd]
  have hslen : Slice.len p.segment_values = nv ↔ p.segment_values.length = nv.toNat := by
    constructor
    · intro h; rw [← h, Slice.len_toNat _ hvals]
    · intro h; apply UInt64.toNat_inj.mp; rw [Slice.len_toNat _ hvals, h]
  rw [(table_shapes_iff vk.air shapes).mp hshapes]
  have hdl : ∀ d', proofDims vk.params Zkvm.Spec.machineShapes p.log_heights = .ok d' →
      d'.tables.length < 2 ^ 64 := fun d' h => by
    have := (Zkvm.Spec.proofDims_log_lde _ _ _ _ h).2.2
    omega
  constructor
  · rintro ⟨h1, h2, h3, h4⟩
    have hd := ok_inj.mp h2
    rw [check_proof_shape_of_proofDims p _ _ _ d hd hfit] at h4
    exact ⟨hslen.mp h1, hd, (all_fixed_tables_iff vk d (hdl d hd) f).mp h3, ok_inj.mp h4⟩
  · rintro ⟨h1, h2, h3, h4⟩
    refine ⟨hslen.mpr h1, by rw [h2], (all_fixed_tables_iff vk d (hdl d h2) f).mpr h3, ?_⟩
    rw [check_proof_shape_of_proofDims p _ _ _ d h2 hfit, h4]

/-- **`check_segment_values` accepts exactly the valid chains of segment starts**
(`SegmentStartsOk`), for slices (`check_segment_starts_spec`). -/
theorem check_segment_values_iff (a : air.AirId) (st : protocol.statement.Statement)
    (values : List (List UInt32)) (hpv : st.public_values.length < 2 ^ 64)
    (hs : values.length < 2 ^ 64) (hw : ∀ v ∈ values, v.length < 2 ^ 64) :
    air.check_segment_values a st values = .ok (.ok ()) ↔
      SegmentStartsOk st.public_values values := by
  unfold air.check_segment_values
  split
  · rename_i he
    constructor
    · intro h; cases h
    · rintro ⟨-, hne, -⟩
      cases values with
      | nil => exact absurd rfl hne
      | cons _ _ => simp [Slice.is_empty] at he
  · cases a with
    | Rv32imV2 _ =>
      obtain ⟨r, hr, hiff, -⟩ := Zkvm.Refinement.air.rv32im.statement.check_segment_starts_spec st.public_values
        values hpv hs hw
      dsimp only
      rw [hr]
      constructor
      · intro h; exact hiff.mp (ok_inj.mp h)
      · intro h; rw [hiff.mpr h]

/-! ## The shared transcript and the bus -/

/-- **The shared transcript's point and `β` are `sharedChi`, `sharedBeta`**
(`shared_transcript_spec`). -/
theorem shared_transcript_at (H : List UInt8 → Zkvm.Commit.Digest)
    (vk : protocol.vk.VerifyingKey) (stS : Zkvm.Spec.Statement)
    (hdrs : List Zkvm.Spec.SegmentHeader) (segs : List protocol.proof.Proof)
    (hvk : protocol.vk.vk_digest (commit.merkle.bytesOf H) vk = .ok stS.vkDigest.bytes)
    (hpl : stS.publicValues.length < 2 ^ 30) (hil : stS.input.length < 2 ^ 32)
    (hol : stS.output.length < 2 ^ 32)
    (hlen : segs.length = hdrs.length) (hl64 : hdrs.length < 2 ^ 64)
    (hseg : ∀ i (h : i < segs.length), segs[i].segment_values = (hdrs[i]'(by omega)).values ∧
      segs[i].log_heights = (hdrs[i]'(by omega)).logHeights ∧
      segs[i].main_commitment = (hdrs[i]'(by omega)).mainCap.map Zkvm.Commit.Digest.bytes)
    (hb : ∀ h ∈ hdrs, h.values.length < 2 ^ 30 ∧ h.logHeights.length < 2 ^ 30 ∧
      h.mainCap.length < 2 ^ 27) :
    protocol.stark.shared_transcript (commit.merkle.bytesOf H) vk (statementImage stS) segs =
      .ok (Zkvm.Refinement.transcript.stateOf (Zkvm.Spec.run H (Zkvm.Spec.opsShared stS hdrs)),
        toExt (sharedChi H stS hdrs), toExt (sharedBeta H stS hdrs)) :=
  shared_transcript_spec H vk stS (statementImage stS) hdrs segs hvk rfl rfl rfl hpl hil hol
    hlen hl64 hseg hb

/-- **`check_bus` is `busCheck`** on the image statement, the segments' claimed sums the images
of `cs` (`check_bus_spec`). -/
theorem check_bus_iff (vk : protocol.vk.VerifyingKey) (stS : Zkvm.Spec.Statement)
    (segs : List protocol.proof.Proof) (cs : List (List Ext4))
    (hcs : segs.map (·.claimed_sums) = cs.map (·.map toExt)) (χ β : Ext4)
    (hpv : stS.publicValues.length < 2 ^ 64) (hin : stS.input.length < 2013265921)
    (hout : stS.output.length < 2013265921) (hsegs : segs.length < 2 ^ 64)
    (hcl : ∀ l ∈ cs, l.length < 2 ^ 64) :
    protocol.stark.check_bus vk (statementImage stS) segs (toExt χ) (toExt β) = .ok (.ok ()) ↔
      busCheck stS cs χ β = .ok () := by
  rw [show statementImage stS = ⟨stS.publicValues.map toU32, stS.input, stS.output⟩ from rfl,
    check_bus_spec vk stS.publicValues stS.input stS.output segs cs hcs χ β hpv hin hout hsegs
      hcl]
  exact ok_inj

/-! ## A segment's challenges and public values -/

/-- **`derive_challenges` is `segChallenges`**: at `verify_segments`' call (the shared
transcript's state and challenges, dimensions `proof_dimensions` accepted), for a segment whose
prover messages are the images of its typed view (`SegmentMsgs`), it returns the image of the
schedule's challenges when the proof of work passes, and `InvalidProofOfWork` otherwise
(`derive_challenges_spec`). -/
theorem derive_challenges_at (H : List UInt8 → Zkvm.Commit.Digest)
    (vk : protocol.vk.VerifyingKey) (stS : Zkvm.Spec.Statement)
    (hdrs : List Zkvm.Spec.SegmentHeader) (shapes : List air.TableShape)
    (hshapes : protocol.stark.table_shapes vk.air = .ok shapes) (s : Usize)
    (hs : s.toNat < 2 ^ 32) (p : protocol.proof.Proof) (d : protocol.stark.ProofDimensions)
    (v : SegmentView) (hm : SegmentMsgs p v.msgs v.ood)
    (hlh : p.log_heights.length < 2 ^ 64) (hpow : vk.params.pow_bits.toNat < 64)
    (hd : proofDims vk.params shapes p.log_heights = .ok d) :
    protocol.stark.derive_challenges (commit.merkle.bytesOf H) vk
        (Zkvm.Refinement.transcript.stateOf (Zkvm.Spec.run H (Zkvm.Spec.opsShared stS hdrs)))
        (toExt (sharedChi H stS hdrs)) (toExt (sharedBeta H stS hdrs)) (UInt64.toUInt32 s) p d =
      .ok (if (segChallenges H vk stS hdrs s.toNat v d).powPasses then
          .ok (challengesImage s.toNat (segChallenges H vk stS hdrs s.toNat v d))
        else .error .InvalidProofOfWork) := by
  obtain ⟨shapes', hs', hpd'⟩ :=
    proof_dimensions_of_table_shapes vk.air vk.params p.log_heights hlh
  rw [hshapes] at hs'
  cases hs'
  have hpd : protocol.stark.proof_dimensions vk.params shapes p.log_heights = .ok (.ok d) := by
    rw [hpd', hd]
  obtain ⟨h27, -, h64⟩ := Zkvm.Spec.proofDims_log_lde _ _ _ _ hd
  rw [toUInt32_toNat_eq s]
  exact derive_challenges_spec H
    ⟨1, vk.params.num_queries.toNat, d.log_max_lde.toNat, vk.params.pow_bits.toNat, true⟩
    stS hdrs s.toNat { v.msgs with oodValues := oodLists v.ood (d.tables.map (·.has_aux)) }
    v.ood vk _ _ p d hs hm.aux_commitment hm.claimed_sums hm.quotient_commitment
    (proof_dimensions_any_aux vk.air vk.params shapes hshapes _ hlh d hpd) hm.openings
    (by omega) hm.openings_len hm.aux_len
    hm.quotient_len hm.sums_len hm.ood_len rfl hm.fri_commitments hm.final_poly hm.pow_nonce
    rfl rfl rfl rfl rfl (by omega) hpow hm.fri_len hm.fri_rounds hm.final_len

/-- **`segment_public_values` is `segmentPublicValues`**, for slices
(`segment_public_values_spec`). -/
theorem segment_public_values_iff (a : air.AirId) (st : protocol.statement.Statement)
    (values : List (List UInt32)) (s : Usize) (pv : List UInt32)
    (hpv : st.public_values.length < 2 ^ 64) (hs : values.length < 2 ^ 64)
    (hw : ∀ v ∈ values, v.length < 2 ^ 64) :
    air.segment_public_values a st values s = .ok (.ok pv) ↔
      segmentPublicValues st.public_values values s.toNat = some pv := by
  cases a with
  | Rv32imV2 _ =>
    unfold air.segment_public_values
    dsimp only
    rw [Zkvm.Refinement.air.rv32im.statement.segment_public_values_spec _ _ s hpv hs hw]
    cases segmentPublicValues st.public_values values s.toNat with
    | none => simp
    | some x => simp

/-! ## One table's out-of-domain check -/

/-- The field element of the image of a field element. -/
theorem ofU32_toU32 (b : BabyBear) : Zkvm.Spec.ofU32 (toU32 b) = b := by
  unfold Zkvm.Spec.ofU32
  rw [toU32_toNat, BabyBear.ofNat_val]

/-- The spec constraints of a table number at most 64. -/
theorem specConstraints_length_le (t : air.TableId) (w : Zkvm.Air.Table.Window Ext4) :
    (Zkvm.Refinement.air.specConstraints t w).length ≤ 64 := by
  cases t <;> simp only [Zkvm.Refinement.air.specConstraints]
  all_goals first
    | rw [Zkvm.Air.V2.Cpu.length_constraints]
    | rw [Zkvm.Air.V2.Alu.length_constraints]
    | rw [Zkvm.Air.V2.Logic.length_constraints]
    | rw [Zkvm.Air.V2.Boundary.length_constraints]
    | rw [Zkvm.Air.V2.Private.length_constraints]
    | rw [Zkvm.Air.V2.Mem.length_constraints]
    | rw [Zkvm.Air.V2.Syscall.length_constraints]
    | rw [Zkvm.Air.V2.Io.length_constraints]
    | rw [Zkvm.Air.V2.Mul.length_constraints]
    | rw [Zkvm.Air.V2.Div.length_constraints]
    | skip
  all_goals exact Nat.le_of_ble_eq_true rfl

/-- A table's constraint values at ζ are fewer than `2^64` (a Rust slice). -/
theorem oodValues_length_lt (t : air.TableId) (zk : Bool) (rL rN pub : Nat → Ext4)
    (sel : Zkvm.Spec.SelectorValues) (aL aN : List Ext4) (χ β χl σ : Ext4) :
    (oodValues t zk rL rN pub sel aL aN χ β χl σ).length < 2 ^ 64 := by
  unfold oodValues
  rw [List.length_append]
  have h1 := specConstraints_length_le t (oodWindow rL rN pub sel)
  simp only [Zkvm.Spec.logupRow, List.length_append, List.length_map, List.length_range,
    List.length_cons, List.length_nil, length_specPairs]
  have h2 : (zkPairs zk rL (Zkvm.Refinement.air.specWidth t) χ β).length ≤ 1 := by
    unfold zkPairs; split <;> simp
  have h3 : Zkvm.Refinement.air.specNumFractions t ≤ 26 := by cases t <;> decide
  omega

set_option maxHeartbeats 4000000 in
/-- **`check_table_ood` is `tableOod`**, for every table of machine version 2, on openings of the
spec's shapes (main rows of the table's width, auxiliary rows of its LogUp width, `4 k` quotient
coordinates, canonical extension elements) and 20 canonical public values, with ζ anywhere, any
height and any constraint count: a height above `2^27` is `InvalidTraceLength`, ζ without
selectors `DegenerateChallenge`, a constraint count other than the values' `WrongProofShape`,
and otherwise the fold is compared with `Z_H(ζ) · Q(ζ)` (`check_table_ood_spec`'s case). -/
theorem check_table_ood_eq (t : air.TableId) (zk : Bool) (o : OodSpec)
    (pubs : List BabyBear) (hp : pubs.length = 20)
    (χ β χl α ζ σ : Ext4) (γ : List UInt32) (betas : List (List UInt32)) (idx : List UInt64)
    (dims : protocol.stark.TableDims)
    (haL : o.auxLocal.length = 4 * auxExtWidth t zk)
    (haN : o.auxNext.length = 4 * auxExtWidth t zk)
    (hq : o.quotient.length = 4 * dims.num_quotient_chunks.toNat)
    (hql : o.quotient.length < 2 ^ 64) :
    protocol.stark.check_table_ood t (pubs.map toU32)
        ⟨locOf (Zkvm.Refinement.air.specWidth t + zkCols zk) (fun i => o.mainLocal.getD i 0),
          locOf (Zkvm.Refinement.air.specWidth t + zkCols zk) (fun i => o.mainNext.getD i 0),
          o.auxLocal.map toExt, o.auxNext.map toExt, o.quotient.map toExt⟩
        dims ⟨Zkvm.Refinement.protocol.logup.toChallenges χ β χl, toExt α, toExt ζ, γ, betas, idx⟩
        (toExt σ) zk =
      .ok (tableOod t zk o pubs dims χ β χl α ζ σ) := by
  have hE : auxExtWidth t zk ≤ 16 := by
    unfold auxExtWidth specFixed; cases t <;> cases zk <;> decide
  unfold protocol.stark.check_table_ood tableOod
  rw [Zkvm.Refinement.protocol.domain.selectors_at_spec]
  by_cases h27' : ¬ dims.log_height.toNat ≤ 27
  · rw [if_neg h27', if_neg h27']; rfl
  have h27 : dims.log_height.toNat ≤ 27 := by omega
  rw [if_pos h27, if_pos h27]
  cases hsel : Zkvm.Spec.selectorsAt ζ dims.log_height.toNat with
  | none => rfl
  | some sel =>
  simp only [pure_ok, ok_bind]
  rw [Zkvm.Refinement.protocol.logup.ext_columns_from_base_spec o.auxLocal _ haL (by omega),
    Zkvm.Refinement.protocol.logup.ext_columns_from_base_spec o.auxNext _ haN (by omega)]
  simp only [ok_bind]
  have hs : Zkvm.Refinement.protocol.domain.toSelectors sel =
      Zkvm.Refinement.air.rv32im.cpu.selOf
        (oodWindow (fun i => o.mainLocal.getD i 0) (fun i => o.mainNext.getD i 0)
          (fun i => ofBase (pubs.getD i 0)) sel) := rfl
  have hac := all_constraints_at_spec t zk
    (oodWindow (fun i => o.mainLocal.getD i 0) (fun i => o.mainNext.getD i 0)
      (fun i => ofBase (pubs.getD i 0)) sel)
    pubs hp rfl (Zkvm.Spec.chunksFromBase o.auxLocal (auxExtWidth t zk))
    (Zkvm.Spec.chunksFromBase o.auxNext (auxExtWidth t zk))
    χ β χl σ (by rw [Zkvm.Spec.length_chunksFromBase]; rfl)
    (by rw [Zkvm.Spec.length_chunksFromBase, Zkvm.Spec.length_chunksFromBase])
  have p1 : (oodWindow (fun i => o.mainLocal.getD i 0) (fun i => o.mainNext.getD i 0)
      (fun i => ofBase (pubs.getD i 0)) sel).cur = (fun i => o.mainLocal.getD i 0) := rfl
  have p2 : (oodWindow (fun i => o.mainLocal.getD i 0) (fun i => o.mainNext.getD i 0)
      (fun i => ofBase (pubs.getD i 0)) sel).next = (fun i => o.mainNext.getD i 0) := rfl
  have p3 : (oodWindow (fun i => o.mainLocal.getD i 0) (fun i => o.mainNext.getD i 0)
      (fun i => ofBase (pubs.getD i 0)) sel).isFirst = sel.isFirstRow := rfl
  have p4 : (oodWindow (fun i => o.mainLocal.getD i 0) (fun i => o.mainNext.getD i 0)
      (fun i => ofBase (pubs.getD i 0)) sel).isLast = sel.isLastRow := rfl
  have p5 : (oodWindow (fun i => o.mainLocal.getD i 0) (fun i => o.mainNext.getD i 0)
      (fun i => ofBase (pubs.getD i 0)) sel).isTransition = sel.isTransition := rfl
  rw [p1, p2, p3, p4, p5] at hac
  rw [hs, hac]
  simp only [ok_bind]
  rw [← List.map_append]
  generalize hV : oodValues t zk (fun i => o.mainLocal.getD i 0) (fun i => o.mainNext.getD i 0)
    (fun i => ofBase (pubs.getD i 0)) sel (Zkvm.Spec.chunksFromBase o.auxLocal (auxExtWidth t zk))
    (Zkvm.Spec.chunksFromBase o.auxNext (auxExtWidth t zk)) χ β χl σ = vs
  have hvl : vs.length < 2 ^ 64 := by rw [← hV]; exact oodValues_length_lt _ _ _ _ _ _ _ _ _ _ _ _
  have hv : Zkvm.Refinement.air.specConstraints t
        (oodWindow (fun i => o.mainLocal.getD i 0) (fun i => o.mainNext.getD i 0)
          (fun i => ofBase (pubs.getD i 0)) sel) ++
      Zkvm.Spec.logupRow (specFixed t)
        (specPairs t (fun i => o.mainLocal.getD i 0)
          ((List.take (specFixed t)
            (Zkvm.Spec.chunksFromBase o.auxLocal (auxExtWidth t zk))).getD 0 0) χ β χl ++
          zkPairs zk (fun i => o.mainLocal.getD i 0) (Zkvm.Refinement.air.specWidth t) χ β)
        (Zkvm.Spec.chunksFromBase o.auxLocal (auxExtWidth t zk))
        (Zkvm.Spec.chunksFromBase o.auxNext (auxExtWidth t zk))
        sel.isFirstRow sel.isLastRow sel.isTransition σ = vs := by
    rw [← hV]; rfl
  rw [hv]
  have hlen : (Slice.len (vs.map toExt) ≠ dims.num_constraints) ↔
      (vs.length ≠ dims.num_constraints.toNat) := by
    rw [ne_eq, ne_eq, ← UInt64.toNat_inj, Slice.len_toNat _ (by rw [List.length_map]; exact hvl),
      List.length_map]
  by_cases hc : vs.length ≠ dims.num_constraints.toNat
  · rw [if_pos (hlen.mpr hc), if_pos hc]
  rw [if_neg (fun h => hc (hlen.mp h)), if_neg hc]
  rw [Zkvm.Refinement.air.fold_constraints_spec _ α hvl, ok_bind,
    quotient_at_zeta_spec o.quotient ζ _ _ hq hql, ok_bind]
  simp only []
  rw [Zkvm.Refinement.protocol.domain.vanishing_at_spec, ok_bind,
    Zkvm.Refinement.field.extension.mul_spec, ok_bind]
  by_cases h : Zkvm.Stark.foldAlpha vs α =
      Zkvm.Spec.vanishing ζ dims.log_height.toNat *
        Zkvm.Stark.chunkValue (2 ^ dims.log_height.toNat) ζ
          (Zkvm.Spec.chunksFromBase o.quotient dims.num_quotient_chunks.toNat)
  · rw [if_pos h, h]
    simp
  · rw [if_neg h, if_pos (fun e => h (Zkvm.Refinement.field.extension.toExt_inj e))]

/-- **`check_table_ood` is `tableOod` at `verify_segments`' call**: for a segment whose openings
and claimed sums are the images of its typed view (`SegmentMsgs`), whose dimensions
`proofDims` gives and whose shape `checkProofShape` accepts, on the machine's table `t`, the
segment's 20 canonical public values and the image of typed challenges, the extracted check
returns `tableOod` of the table's typed openings and claimed sum. -/
theorem check_table_ood_at_call_eq (vk : protocol.vk.VerifyingKey) (ids : List air.TableId)
    (hids : air.tables vk.air = .ok ids) (shapes : List air.TableShape)
    (hshapes : protocol.stark.table_shapes vk.air = .ok shapes)
    (p : protocol.proof.Proof) (d : protocol.stark.ProofDimensions)
    (hd : proofDims vk.params shapes p.log_heights = .ok d)
    (hshape : checkProofShape p d vk.params = .ok ())
    (v : SegmentView) (hm : SegmentMsgs p v.msgs v.ood)
    (pubs : List BabyBear) (hpubs : pubs.length = 20) (s : Nat) (C : Zkvm.Spec.Challenges)
    (t : Nat) (id : air.TableId) (oS : OodSpec) (td : protocol.stark.TableDims) (σ : Ext4)
    (hid : ids[t]? = some id) (ho : v.ood[t]? = some oS) (htd : d.tables[t]? = some td)
    (hσ : v.msgs.claimedSums[t]? = some σ) :
    protocol.stark.check_table_ood id (pubs.map toU32) (toOpenings oS) td (challengesImage s C)
        (toExt σ) vk.params.zk =
      .ok (tableOod id vk.params.zk oS pubs td C.chi C.beta
        (Zkvm.Refinement.protocol.logup.segmentLocalPoint C.chi C.beta s) C.alpha C.zeta σ) := by
  have htok := checkProofShape_tablesOk hshape
  have ho' : p.openings[t]? = some (toOpenings oS) := by
    rw [hm.openings, List.getElem?_map, ho]; rfl
  have hc' : p.claimed_sums[t]? = some (toExt σ) := by
    rw [hm.claimed_sums, List.getElem?_map, hσ]; rfl
  have hoSm : oS ∈ v.ood := List.mem_of_getElem? ho
  obtain ⟨off, htd', -, -, -⟩ := Zkvm.Spec.proofDims_ok _ _ _ _ hd
  obtain ⟨shp, lh, off', hshp, -, htdd⟩ :=
    tablesDims_at vk.params 0 shapes p.log_heights d.tables off htd' t td htd
  obtain ⟨hw1, hw2, hw3⟩ := table_shapes_widths vk.air ids shapes hids hshapes t id shp hid hshp
  obtain ⟨hW, hA, hQ⟩ := tableDims_widths vk.params shp lh off' td htdd hw2
  have hok := tablesOk_at _ _ _ htok t _ _ _ ho' hc' htd
  simp only [tableOpeningsOk, toOpenings, List.length_map, Bool.and_eq_true,
    decide_eq_true_eq] at hok
  obtain ⟨⟨⟨⟨h1, h2⟩, h3⟩, h4⟩, h5⟩ := hok
  have hml := hm.ood_len oS hoSm
  have e : toOpenings oS =
      ⟨locOf (Zkvm.Refinement.air.specWidth id + zkCols vk.params.zk)
          (fun i => oS.mainLocal.getD i 0),
        locOf (Zkvm.Refinement.air.specWidth id + zkCols vk.params.zk)
          (fun i => oS.mainNext.getD i 0),
        oS.auxLocal.map toExt, oS.auxNext.map toExt, oS.quotient.map toExt⟩ := by
    unfold toOpenings
    rw [map_toExt_locOf oS.mainLocal _ (by rw [h1, hW, hw1]),
      map_toExt_locOf oS.mainNext _ (by rw [h2, hW, hw1])]
  rw [e]
  exact check_table_ood_eq id vk.params.zk oS pubs hpubs _ _ _ _ _ σ _ _ _ td
    (by rw [h3, hA, hw3]) (by rw [h4, hA, hw3]) (by rw [h5, hQ]) (by have := hml.2.2.2.2; omega)

/-! ## The fixed tables at ζ -/

/-- **`check_fixed_at_zeta` is `fixedAtZetaOk` at `verify_segments`' call**: for a segment whose
openings are the images of its typed view (`SegmentMsgs`), whose dimensions `proofDims` gives,
whose shape `checkProofShape` accepts and whose fixed tables `fixedTablesOk` gives, on the
machine's shapes and the image of typed challenges: for a key whose fixed table fits
(`FixedRowsFit`) the extracted stage returns `checkFixedAtZeta` (`check_fixed_at_zeta_eq`; the
fixed table's height at most `2^27` from `proofDims`, its auxiliary opening `4 k` wide with
`k ≥ 1` from the shapes, its entries canonical: `air_fixed_tables_canon`). -/
theorem check_fixed_at_zeta_at_call_iff (vk : protocol.vk.VerifyingKey) (ids : List air.TableId)
    (hids : air.tables vk.air = .ok ids) (shapes : List air.TableShape)
    (hshapes : protocol.stark.table_shapes vk.air = .ok shapes)
    (p : protocol.proof.Proof) (d : protocol.stark.ProofDimensions)
    (hd : proofDims vk.params shapes p.log_heights = .ok d)
    (hshape : checkProofShape p d vk.params = .ok ())
    (f : List (List air.FixedTable)) (hf : Zkvm.Spec.fixedTablesOk vk d.tables f)
    (v : SegmentView) (hm : SegmentMsgs p v.msgs v.ood) (s : Nat) (C : Zkvm.Spec.Challenges) :
    protocol.stark.check_fixed_at_zeta p d (challengesImage s C) shapes f = .ok (.ok ()) ↔
      fixedAtZetaOk vk shapes s p d f v C := by
  have hsh := (table_shapes_iff vk.air shapes).mp hshapes
  obtain ⟨h27, hlde, h64⟩ := Zkvm.Spec.proofDims_log_lde _ _ _ _ hd
  have htok := checkProofShape_tablesOk hshape
  have hsok : proofShapeOk p d vk.params = true := by
    unfold checkProofShape at hshape
    split at hshape
    · assumption
    · cases hshape
  simp only [proofShapeOk, Bool.and_eq_true, decide_eq_true_eq] at hsok
  obtain ⟨⟨⟨⟨⟨⟨⟨⟨⟨hcsl, hopl⟩, -⟩, -⟩, -⟩, -⟩, -⟩, -⟩, -⟩, -⟩ := hsok
  have hosl : d.tables.length ≤ v.ood.length := by
    rw [hm.openings, List.length_map] at hopl; omega
  have h11 : ∀ td o, d.tables[11]? = some td → v.ood[11]? = some o →
      td.log_height.toNat ≤ 27 ∧
        ∃ k, 1 ≤ k ∧ o.auxLocal.length = 4 * k ∧ o.auxLocal.length < 2 ^ 64 := by
    intro td o htd ho
    have htdm := List.mem_of_getElem? htd
    have hlh := proofDims_log_height _ _ _ _ hd td htdm
    have hl2 := hlde td htdm
    refine ⟨by omega, ?_⟩
    have ho' : p.openings[11]? = some (toOpenings o) := by
      rw [hm.openings, List.getElem?_map, ho]; rfl
    have h11l : 11 < p.claimed_sums.length := by
      have := (List.getElem?_eq_some_iff.mp htd).1; omega
    have hc' : p.claimed_sums[11]? = some p.claimed_sums[11] := List.getElem?_eq_getElem h11l
    have hid : ids[11]? = some .Rv32Fixed := by rw [(tables_iff vk.air ids).mp hids]; rfl
    obtain ⟨off, htd', -, -, -⟩ := Zkvm.Spec.proofDims_ok _ _ _ _ hd
    obtain ⟨shp, lh, off', hshp, -, htdd⟩ :=
      tablesDims_at vk.params 0 shapes p.log_heights d.tables off htd' 11 td htd
    obtain ⟨hw1, hw2, hw3⟩ := table_shapes_widths vk.air ids shapes hids hshapes 11 _ shp hid hshp
    obtain ⟨hW, hA, hQ⟩ := tableDims_widths vk.params shp lh off' td htdd hw2
    have hok := tablesOk_at _ _ _ htok 11 _ _ _ ho' hc' htd
    simp only [tableOpeningsOk, toOpenings, List.length_map, Bool.and_eq_true,
      decide_eq_true_eq] at hok
    obtain ⟨⟨⟨⟨h1, h2⟩, h3⟩, h4⟩, h5⟩ := hok
    have hml := hm.ood_len o (List.mem_of_getElem? ho)
    refine ⟨auxExtWidth .Rv32Fixed vk.params.zk, by cases vk.params.zk <;> decide,
      by rw [h3, hA, hw3], by omega⟩
  subst hsh
  by_cases hfit : FixedRowsFit vk
  · have hrows : ∀ t, air.fixed_tables vk 11 = .ok (.ok [t]) → t.rows.length < 2 ^ 64 ∧
        ∀ row ∈ t.rows, row.length < 2 ^ 64 ∧ ∀ x ∈ row, x.toNat < Zkvm.Field.P := by
      intro t ht
      obtain ⟨hrl, hrw⟩ := hfit t ht
      have hcan := air_fixed_tables_canon vk 11 [t] ht t (List.mem_singleton_self t)
      refine ⟨hrl, fun row hr => ⟨hrw row hr, fun x hx => ?_⟩⟩
      obtain ⟨i, hi, rfl⟩ := List.getElem_of_mem hr
      obtain ⟨j, hj, rfl⟩ := List.getElem_of_mem hx
      exact hcan i hi (by rw [Slice.len_toNat _ hrl]; exact hi) j hj
        (by rw [Slice.len_toNat _ (hrw _ hr)]; exact hj)
    have heq := check_fixed_at_zeta_eq vk p d (challengesImage s C) C.beta C.zeta rfl rfl v.ood
      hm.openings hm.openings_len hosl (by omega) f hf h11 hrows
    unfold fixedAtZetaOk
    rw [heq]
    constructor
    · intro h; exact ⟨fun _ => ok_inj.mp h, fun hn => absurd hfit hn⟩
    · intro h; rw [h.1 hfit]
  · unfold fixedAtZetaOk
    exact ⟨fun h => ⟨fun h' => absurd h' hfit, fun _ => h⟩, fun h => h.2 hfit⟩

/-! ## The queries -/

/-- **`check_queries` is `queriesCheck` at `verify_segments`' call**: for a decoded proof
(`ProofFits`) whose messages and queries are the images of its typed view (`SegmentMsgs`,
`QueryDataOk`), whose main commitment is the image of `mainCap`, whose dimensions `proofDims`
gives and whose shape `checkProofShape` accepts, on the image of the schedule's challenges
(`check_queries_of_spec`). -/
theorem check_queries_at_call_eq (H : List UInt8 → Zkvm.Commit.Digest)
    (vk : protocol.vk.VerifyingKey) (stS : Zkvm.Spec.Statement)
    (hdrs : List Zkvm.Spec.SegmentHeader) (shapes : List air.TableShape)
    (p : protocol.proof.Proof) (d : protocol.stark.ProofDimensions) (s : Nat)
    (hd : proofDims vk.params shapes p.log_heights = .ok d)
    (hshape : checkProofShape p d vk.params = .ok ()) (hfit : ProofFits p)
    (v : SegmentView) (hm : SegmentMsgs p v.msgs v.ood)
    (hQD : ∀ q (hq : q < p.queries.length), QueryDataOk p.queries[q] (v.queries q))
    (mainCap : List Zkvm.Commit.Digest)
    (hmc : p.main_commitment = mainCap.map Zkvm.Commit.Digest.bytes)
    (hmcl : mainCap.length < 2 ^ 27) :
    protocol.stark.check_queries (commit.merkle.bytesOf H) p d
        (challengesImage s (segChallenges H vk stS hdrs s v d)) =
      .ok (queriesCheck H p d mainCap v (segChallenges H vk stS hdrs s v d)) := by
  obtain ⟨h27, hlde, h64⟩ := Zkvm.Spec.proofDims_log_lde _ _ _ _ hd
  have htok := checkProofShape_tablesOk hshape
  have hsok : proofShapeOk p d vk.params = true := by
    unfold checkProofShape at hshape
    split at hshape
    · assumption
    · cases hshape
  simp only [proofShapeOk, Bool.and_eq_true, decide_eq_true_eq] at hsok
  obtain ⟨⟨⟨⟨⟨⟨⟨⟨⟨hcsl, hopl⟩, hfrl⟩, -⟩, -⟩, -⟩, -⟩, -⟩, -⟩, -⟩ := hsok
  have hosl : d.tables.length ≤ v.ood.length := by
    rw [hm.openings, List.length_map] at hopl; omega
  have hok : ∀ u (hu : u < d.tables.length) (ho : u < v.ood.length),
      tableOpeningsOk (toOpenings v.ood[u]) d.tables[u] = true := by
    intro u hu ho
    exact tablesOk_at _ _ _ htok u _ p.claimed_sums[u] _
      (by rw [hm.openings, List.getElem?_map, List.getElem?_eq_getElem ho]; rfl)
      (List.getElem?_eq_getElem (by omega)) (List.getElem?_eq_getElem hu)
  unfold challengesImage queriesCheck
  rw [map_headD_toExt]
  exact check_queries_of_spec H p d _ _ _ _ _ _ mainCap v.msgs.auxCap v.msgs.quotientCap
    v.msgs.friCaps v.msgs.finalPoly v.ood v.queries h64 h27
    (fun d' hd' => ⟨proofDims_log_height _ _ _ _ hd d' hd', hlde d' hd'⟩)
    hm.openings hosl hok (proofDims_gamma _ _ _ _ hd) hmc hm.aux_commitment
    hm.quotient_commitment ⟨by omega, by have := hm.aux_len; omega,
      by have := hm.quotient_len; omega⟩
    hm.fri_commitments (fun c hc => by have := hm.fri_len c hc; omega)
    (by have := hm.fri_rounds; omega)
    (by simp [segChallenges, Zkvm.Spec.challenges, msgsOf]; have := hm.fri_rounds; omega)
    (by have := hfit.fri_commitments; omega) hm.final_poly
    (by have := hm.final_len; omega) hfit.queries
    (by simp [segChallenges, Zkvm.Spec.challenges, schedParams];
        have := UInt32.toNat_lt vk.params.num_queries; omega)
    hQD

/-! ## One segment's second pass -/

/-- The machine's tables are 12. -/
theorem tables_length (a : air.AirId) (ids : List air.TableId) (h : air.tables a = .ok ids) :
    ids.length = 12 := by
  cases a with
  | Rv32imV2 _ =>
    unfold air.tables at h
    rw [← ok_inj.mp h]
    rfl

/-- **Segment `s`'s second pass is `segmentOk`**: at `verify_segments`' call (the shared
transcript's state and challenges, the segment's dimensions and shape accepted, the chain of
segment starts accepted), for a segment whose messages, openings and queries are the images of
its typed view and whose main commitment is that of its header,
`derive_challenges`/`check_fixed_at_zeta`/`segment_public_values`/every `check_table_ood`/
`check_queries` accept exactly when the spec's stages do (`derive_challenges_at`,
`segment_public_values_iff`, `check_table_ood_at_call_eq`, `check_queries_at_call_eq`). -/
theorem segment_iff (H : List UInt8 → Zkvm.Commit.Digest)
    (vk : protocol.vk.VerifyingKey) (stS : Zkvm.Spec.Statement)
    (hdrs : List Zkvm.Spec.SegmentHeader) (segs : List protocol.proof.Proof)
    (ids : List air.TableId) (hids : air.tables vk.air = .ok ids)
    (shapes : List air.TableShape) (hshapes : protocol.stark.table_shapes vk.air = .ok shapes)
    (s : Nat) (hs : s < 2 ^ 32) (p : protocol.proof.Proof) (d : protocol.stark.ProofDimensions)
    (f : List (List air.FixedTable))
    (hd : proofDims vk.params shapes p.log_heights = .ok d)
    (hshape : checkProofShape p d vk.params = .ok ())
    (hfx : Zkvm.Spec.fixedTablesOk vk d.tables f) (hfit : ProofFits p)
    (hlh : p.log_heights.length < 2 ^ 64) (hpow : vk.params.pow_bits.toNat < 64)
    (v : SegmentView) (hm : SegmentMsgs p v.msgs v.ood)
    (hQD : ∀ q (hq : q < p.queries.length), QueryDataOk p.queries[q] (v.queries q))
    (h : Zkvm.Spec.SegmentHeader)
    (hmc : p.main_commitment = h.mainCap.map Zkvm.Commit.Digest.bytes)
    (hmcl : h.mainCap.length < 2 ^ 27)
    (hvs : segs.map (·.segment_values) = hdrs.map (·.values))
    (hpl : stS.publicValues.length < 2 ^ 64) (hsl : hdrs.length < 2 ^ 64)
    (hwl : ∀ x ∈ hdrs, x.values.length < 2 ^ 64)
    (hcv : SegmentStartsOk (stS.publicValues.map toU32) (hdrs.map (·.values))) :
    SegmentChecked (commit.merkle.bytesOf H) vk (statementImage stS) ids shapes
        (segs.map (·.segment_values))
        (Zkvm.Refinement.transcript.stateOf (Zkvm.Spec.run H (Zkvm.Spec.opsShared stS hdrs)))
        (toExt (sharedChi H stS hdrs)) (toExt (sharedBeta H stS hdrs)) s p d f ↔
      segmentOk H vk stS hdrs ids shapes s p d f v h := by
  have hsN : (UInt64.ofNat s).toNat = s := by
    exact UInt64.toNat_ofNat_of_lt' (by simp only [UInt64.size]; omega)
  have hdc := derive_challenges_at H vk stS hdrs shapes hshapes (UInt64.ofNat s) (by omega) p d v
    hm hlh hpow hd
  rw [hsN] at hdc
  have hpvl : (statementImage stS).public_values.length < 2 ^ 64 := by
    simp only [statementImage, List.length_map]; exact hpl
  have hvl : (hdrs.map (·.values)).length < 2 ^ 64 := by rw [List.length_map]; exact hsl
  have hwv : ∀ x ∈ hdrs.map (·.values), x.length < 2 ^ 64 := by
    intro x hx
    obtain ⟨y, hy, rfl⟩ := List.mem_map.mp hx
    exact hwl y hy
  have hcv' : air.check_segment_values vk.air (statementImage stS) (segs.map (·.segment_values)) =
      .ok (.ok ()) := by
    rw [hvs]
    exact (check_segment_values_iff vk.air _ _ hpvl hvl hwv).mpr hcv
  have hspv := fun pv => segment_public_values_iff vk.air (statementImage stS)
    (hdrs.map (·.values)) (UInt64.ofNat s) pv hpvl hvl hwv
  rw [hsN] at hspv
  have hpvc : ∀ x ∈ (statementImage stS).public_values, x.toNat < Zkvm.Field.P := by
    intro x hx
    simp only [statementImage] at hx
    obtain ⟨y, -, rfl⟩ := List.mem_map.mp hx
    rw [toU32_toNat]
    exact y.lt
  have hidl := tables_length vk.air ids hids
  have hidn : (Slice.len ids).toNat = ids.length := Slice.len_toNat _ (by omega)
  obtain ⟨-, -, h64⟩ := Zkvm.Spec.proofDims_log_lde _ _ _ _ hd
  have hdn : (Slice.len d.tables).toNat = d.tables.length := Slice.len_toNat _ (by omega)
  have hq := check_queries_at_call_eq H vk stS hdrs shapes p d s hd hshape hfit v hm hQD h.mainCap
    hmc hmcl
  have hfzI := check_fixed_at_zeta_at_call_iff vk ids hids shapes hshapes p d hd hshape f hfx v hm s
    (segChallenges H vk stS hdrs s v d)
  -- the tables, for given canonical public values
  have htab : ∀ (pubs : List BabyBear), pubs.length = 20 → ∀ t,
      TableAccepted vk ids (pubs.map toU32) p d
        (challengesImage s (segChallenges H vk stS hdrs s v d)) t ↔
      tableAccept vk ids (pubs.map toU32) v d s (segChallenges H vk stS hdrs s v d) t := by
    intro pubs hpubs t
    have hpm : (pubs.map toU32).map Zkvm.Spec.ofU32 = pubs := by
      rw [List.map_map]
      conv => rhs; rw [← List.map_id pubs]
      apply List.map_congr_left
      intro b _
      exact ofU32_toU32 b
    unfold TableAccepted tableAccept
    rw [hpm]
    constructor
    · rintro ⟨id, o, td, c, hid, ho, htd, hc, hok⟩
      rw [hm.openings, List.getElem?_map] at ho
      rw [hm.claimed_sums, List.getElem?_map] at hc
      cases hoS : v.ood[t]? with
      | none => rw [hoS] at ho; cases ho
      | some oS =>
      cases hσ : v.msgs.claimedSums[t]? with
      | none => rw [hσ] at hc; cases hc
      | some σ =>
      rw [hoS] at ho
      rw [hσ] at hc
      cases ho
      cases hc
      refine ⟨id, oS, td, σ, hid, rfl, htd, rfl, ?_⟩
      rw [check_table_ood_at_call_eq vk ids hids shapes hshapes p d hd hshape v hm pubs hpubs s _
        t id oS td σ hid hoS htd hσ] at hok
      exact ok_inj.mp hok
    · rintro ⟨id, oS, td, σ, hid, hoS, htd, hσ, hok⟩
      refine ⟨id, toOpenings oS, td, toExt σ, hid, ?_, htd, ?_, ?_⟩
      · rw [hm.openings, List.getElem?_map, hoS]; rfl
      · rw [hm.claimed_sums, List.getElem?_map, hσ]; rfl
      · rw [check_table_ood_at_call_eq vk ids hids shapes hshapes p d hd hshape v hm pubs hpubs s
          _ t id oS td σ hid hoS htd hσ, hok]
  unfold SegmentChecked segmentOk
  rw [hdc, hvs]
  constructor
  · rintro ⟨ch, pv, hch, hfz, hpv, hts, hqs⟩
    split at hch
    · rename_i hpow'
      cases ok_inj.mp hch
      rw [← hvs] at hpv
      obtain ⟨pubs, rfl, hpubs⟩ :=
        segment_public_values_canon vk.air _ _ _ _ hpvc hpvl (by rw [hvs]; exact hvl)
          (by rw [hvs]; exact hwv) hcv' hpv
      rw [hvs] at hpv
      refine ⟨hpow', hfzI.mp hfz, ⟨pubs.map toU32, (hspv _).mp hpv, ?_⟩, ?_⟩
      · intro t ht1 ht2
        exact (htab pubs hpubs t).mp (hts t (by rw [hidn]; exact ht1) (by rw [hdn]; exact ht2))
      · rw [hq] at hqs; exact ok_inj.mp hqs
    · cases hch
  · rintro ⟨hpow', hfz, ⟨pv, hpv, hts⟩, hqs⟩
    have hpv' := (hspv pv).mpr hpv
    rw [← hvs] at hpv'
    obtain ⟨pubs, rfl, hpubs⟩ :=
      segment_public_values_canon vk.air _ _ _ _ hpvc hpvl (by rw [hvs]; exact hvl)
        (by rw [hvs]; exact hwv) hcv' hpv'
    rw [hvs] at hpv'
    refine ⟨_, pubs.map toU32, by rw [if_pos hpow'], hfzI.mpr hfz, hpv', ?_, by rw [hq, hqs]⟩
    intro t ht1 ht2
    exact (htab pubs hpubs t).mpr (hts t (by rw [← hidn]; exact ht1) (by rw [← hdn]; exact ht2))

/-! ## The composition -/

/-- Every segment's dimensions in `shapeOk` were accepted by `proofDims` on some claimed
heights. -/
theorem dims_of_shapeOk (vk : protocol.vk.VerifyingKey) (shapes : List air.TableShape)
    (nv : Usize) (segs : List protocol.proof.Proof) (dims : List protocol.stark.ProofDimensions)
    (fixed : List (List (List air.FixedTable)))
    (hlh : ∀ p ∈ segs, p.log_heights.length < 2 ^ 64) (hdl : dims.length = segs.length)
    (hfl : fixed.length = segs.length)
    (h : ∀ (s : Nat) p d f, segs[s]? = some p → dims[s]? = some d → fixed[s]? = some f →
      shapeOk vk shapes nv p d f) :
    ∀ d ∈ dims, ∃ lh : List UInt32, lh.length < 2 ^ 64 ∧ proofDims vk.params shapes lh = .ok d := by
  intro d hd
  obtain ⟨i, hi, rfl⟩ := List.getElem_of_mem hd
  have h1 : segs[i]? = some segs[i] := List.getElem?_eq_getElem (by omega)
  have h3 : fixed[i]? = some fixed[i] := List.getElem?_eq_getElem (by omega)
  obtain ⟨-, hpd, -, -⟩ := h i _ _ _ h1 (List.getElem?_eq_getElem hi) h3
  exact ⟨_, hlh _ (List.getElem_mem _), hpd⟩

/-- **`verify_segments` accepts exactly when the spec verifier `segmentsAccept` accepts**, for
the hash `bytesOf H` of a spec hash, the image of a spec statement `stS` (fewer than `2^30`
public values; input and output shorter than p), segments whose headers are the spec headers
`hdrs` and which are decoded (`ProofFits`), each the image of its typed view (`SegmentMsgs`,
`QueryDataOk`), fewer than `2^32` segments and a proof-of-work bound below 64 bits: the
hypotheses of `verify_segments_never_panics_of_queries` with the typed views given. Through
`verify_segments_ok_iff`, stage by stage (`statement_iff`, `tables_iff`, `table_shapes_iff`,
`num_segment_values_iff`, `check_global_fractions_at`, `shape_iff`, `check_segment_values_iff`,
`shared_transcript_at`, `check_bus_iff`, `segment_iff`). -/
theorem verify_segments_iff_spec (H : List UInt8 → Zkvm.Commit.Digest)
    (vk : protocol.vk.VerifyingKey) (stS : Zkvm.Spec.Statement)
    (hdrs : List Zkvm.Spec.SegmentHeader) (segs : List protocol.proof.Proof)
    (views : List SegmentView)
    (hsegs : segs.length < 2 ^ 32)
    (hfit : ∀ p ∈ segs, ProofFits p)
    (hviews : views.length = segs.length)
    (hview : ∀ (s : Nat) p v, segs[s]? = some p → views[s]? = some v →
      SegmentMsgs p v.msgs v.ood ∧ ∀ q (hq : q < p.queries.length),
        QueryDataOk p.queries[q] (v.queries q))
    (hvals : ∀ p ∈ segs, p.segment_values.length < 2 ^ 64)
    (hlh : ∀ p ∈ segs, p.log_heights.length < 2 ^ 64)
    (hpow : vk.params.pow_bits.toNat < 64)
    (hvk : protocol.vk.vk_digest (commit.merkle.bytesOf H) vk = .ok stS.vkDigest.bytes)
    (hpl : stS.publicValues.length < 2 ^ 30) (hil : stS.input.length < 2013265921)
    (hol : stS.output.length < 2013265921)
    (hlen : segs.length = hdrs.length)
    (hseg : ∀ i (h : i < segs.length), segs[i].segment_values = (hdrs[i]'(by omega)).values ∧
      segs[i].log_heights = (hdrs[i]'(by omega)).logHeights ∧
      segs[i].main_commitment = (hdrs[i]'(by omega)).mainCap.map Zkvm.Commit.Digest.bytes)
    (hb : ∀ h ∈ hdrs, h.values.length < 2 ^ 30 ∧ h.logHeights.length < 2 ^ 30 ∧
      h.mainCap.length < 2 ^ 27) :
    protocol.stark.verify_segments (commit.merkle.bytesOf H) vk (statementImage stS) segs =
        .ok (.ok ()) ↔
      segmentsAccept H vk stS hdrs segs views := by
  rw [verify_segments_ok_iff _ vk _ segs (by omega) hvals]
  have hsh := shared_transcript_at H vk stS hdrs segs hvk hpl (by omega) (by omega) hlen
    (by omega) hseg hb
  have hvs : segs.map (·.segment_values) = hdrs.map (·.values) := by
    apply List.ext_getElem (by simp [hlen])
    intro i h1 h2
    simp only [List.getElem_map]
    exact (hseg i (by simpa using h1)).1
  have hcs : segs.map (·.claimed_sums) =
      (views.map (·.msgs.claimedSums)).map (·.map toExt) := by
    apply List.ext_getElem (by simp [hviews])
    intro i h1 h2
    simp only [List.getElem_map]
    have hi : i < segs.length := by simpa using h1
    exact (hview i _ _ (List.getElem?_eq_getElem hi)
      (List.getElem?_eq_getElem (by omega))).1.claimed_sums
  have hcl : ∀ l ∈ views.map (·.msgs.claimedSums), l.length < 2 ^ 64 := by
    intro l hl
    obtain ⟨v, hv, rfl⟩ := List.mem_map.mp hl
    obtain ⟨i, hi, rfl⟩ := List.getElem_of_mem hv
    have hm := (hview i _ _ (List.getElem?_eq_getElem (show i < segs.length by omega))
      (List.getElem?_eq_getElem hi)).1
    have := (hfit _ (List.getElem_mem (show i < segs.length by omega))).claimed_sums
    rw [hm.claimed_sums, List.length_map] at this
    exact this
  have hbus := check_bus_iff vk stS segs (views.map (·.msgs.claimedSums)) hcs
    (sharedChi H stS hdrs) (sharedBeta H stS hdrs) (by omega) hil hol (by omega) hcl
  have hpvl : (statementImage stS).public_values.length < 2 ^ 64 := by
    simp only [statementImage, List.length_map]; omega
  have hwv : ∀ x ∈ hdrs.map (·.values), x.length < 2 ^ 64 := by
    intro x hx
    obtain ⟨y, hy, rfl⟩ := List.mem_map.mp hx
    have := (hb y hy).1; omega
  have hcvI := check_segment_values_iff vk.air (statementImage stS) (hdrs.map (·.values)) hpvl
    (by simp; omega) hwv
  -- per segment: the facts `segment_iff` takes
  have hsegI : ∀ ids, air.tables vk.air = .ok ids → ∀ shapes,
      protocol.stark.table_shapes vk.air = .ok shapes → ∀ (s : Nat) p d f v h,
      segs[s]? = some p → views[s]? = some v → hdrs[s]? = some h →
      proofDims vk.params shapes p.log_heights = .ok d →
      checkProofShape p d vk.params = .ok () →
      Zkvm.Spec.fixedTablesOk vk d.tables f →
      SegmentStartsOk (stS.publicValues.map toU32) (hdrs.map (·.values)) →
      (SegmentChecked (commit.merkle.bytesOf H) vk (statementImage stS) ids shapes
        (segs.map (·.segment_values))
        (Zkvm.Refinement.transcript.stateOf (Zkvm.Spec.run H (Zkvm.Spec.opsShared stS hdrs)))
        (toExt (sharedChi H stS hdrs)) (toExt (sharedBeta H stS hdrs)) s p d f ↔
      segmentOk H vk stS hdrs ids shapes s p d f v h) := by
    intro ids hids shapes hshapes s p d f v h hp hv hh hd hshape hfx hcv
    obtain ⟨hlt, rfl⟩ := List.getElem?_eq_some_iff.mp hp
    obtain ⟨hlt', rfl⟩ := List.getElem?_eq_some_iff.mp hh
    have hmem := List.getElem_mem hlt
    obtain ⟨hm, hQD⟩ := hview s _ v hp hv
    exact segment_iff H vk stS hdrs segs ids hids shapes hshapes s (by omega) _ d f hd hshape hfx
      (hfit _ hmem) (hlh _ hmem) hpow v hm hQD _ (hseg s hlt).2.2
      (hb _ (List.getElem_mem hlt')).2.2 hvs (by omega) (by omega) (fun x hx => by
        have := (hb x hx).1; omega) hcv
  have hstI := statement_iff vk stS (by omega) (by omega) (by omega)
  have hgfI := fun shapes hshapes dims hdl hne hd =>
    check_global_fractions_at vk stS shapes hshapes dims (by omega) hil hol hdl hne hd
  have hdne : ∀ (dims : List protocol.stark.ProofDimensions), dims.length = segs.length →
      segs ≠ [] → dims ≠ [] := by
    intro dims h1 h2 h3
    apply h2
    apply List.eq_nil_of_length_eq_zero
    rw [← h1, h3]; rfl
  constructor
  · rintro ⟨npv, ids, shapes, nv, dims, fixed, shared, point, beta, hnpv, hst, hne, hle, hids,
      hshapes, hnv, hdl, hfl, hshp, hcv, hgf, hsh', hbus', hseg2⟩
    rw [hsh] at hsh'
    cases hsh'
    rw [hvs] at hcv
    have hcvS := hcvI.mp hcv
    have hshpS : ∀ (s : Nat) p d f, segs[s]? = some p → dims[s]? = some d →
        fixed[s]? = some f → shapeOk vk shapes nv p d f := by
      intro s p d f hp hd hf
      have hmem := List.mem_of_getElem? hp
      exact (shape_iff vk shapes hshapes nv p d f (hfit p hmem) (hvals p hmem) (hlh p hmem)).mp
        (hshp s p d f hp hd hf)
    refine ⟨ids, shapes, nv, dims, fixed, hstI.mp ⟨npv, hnpv, hst⟩, hne, hle,
      (tables_iff vk.air ids).mp hids, (table_shapes_iff vk.air shapes).mp hshapes,
      (num_segment_values_iff vk.air nv).mp hnv,
      hdl, hfl, hshpS, hcvS,
      (hgfI shapes hshapes dims (by omega) (hdne dims hdl hne)
        (dims_of_shapeOk vk shapes nv segs dims fixed hlh hdl hfl hshpS)).mp hgf,
      hbus.mp hbus', ?_⟩
    · intro s p d f v h hp hd hf hv hh
      obtain ⟨-, hd', hfx, hshape⟩ := hshpS s p d f hp hd hf
      exact (hsegI ids hids shapes hshapes s p d f v h hp hv hh hd' hshape hfx hcvS).mp
        (hseg2 s p d f hp hd hf)
  · rintro ⟨ids, shapes, nv, dims, fixed, hstS, hne, hle, hidsS, hshapesS, hnvS, hdl,
      hfl, hshp, hcvS, hgf, hbus', hseg2⟩
    have hshapes := (table_shapes_iff vk.air shapes).mpr hshapesS
    obtain ⟨npv, hnpv, hst⟩ := hstI.mpr hstS
    have hids := (tables_iff vk.air ids).mpr hidsS
    have hnv := (num_segment_values_iff vk.air nv).mpr hnvS
    refine ⟨npv, ids, shapes, nv, dims, fixed, _, _, _, hnpv, hst, hne, hle, hids, hshapes, hnv,
      hdl, hfl, ?_, by rw [hvs]; exact hcvI.mpr hcvS,
      (hgfI shapes hshapes dims (by omega) (hdne dims hdl hne)
        (dims_of_shapeOk vk shapes nv segs dims fixed hlh hdl hfl hshp)).mpr hgf,
      hsh, hbus.mpr hbus', ?_⟩
    · intro s p d f hp hd hf
      have hmem := List.mem_of_getElem? hp
      exact (shape_iff vk shapes hshapes nv p d f (hfit p hmem) (hvals p hmem) (hlh p hmem)).mpr
        (hshp s p d f hp hd hf)
    · intro s p d f hp hd hf
      have hmem := List.mem_of_getElem? hp
      have hlt : s < segs.length := (List.getElem?_eq_some_iff.mp hp).1
      obtain ⟨-, hd', hfx, hshape⟩ := hshp s p d f hp hd hf
      have hv : views[s]? = some views[s] := List.getElem?_eq_getElem (by omega)
      have hh : hdrs[s]? = some hdrs[s] := List.getElem?_eq_getElem (by omega)
      exact (hsegI ids hids shapes hshapes s p d f _ _ hp hv hh hd' hshape hfx hcvS).mpr
        (hseg2 s p d f _ _ hp hd hf hv hh)

end Zkvm.Refinement.protocol.stark

end
