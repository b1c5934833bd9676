module

public import Zkvm.Refinement.Protocol.Stark.VerifySegments
public import Zkvm.Refinement.Protocol.Stark.StageTotality
public import Zkvm.Refinement.Air.Rv32im.FixedTableTotality
public import Zkvm.Refinement.Air.SegmentPublicValues
public import Zkvm.Refinement.Protocol.Stark.Shared
public import Zkvm.Refinement.Protocol.Stark.Bus
public import Zkvm.Refinement.Protocol.Stark.Challenges

/-!
# `verify_segments` never panics: the stages' hypotheses at the arguments they receive

`verify_segments_total_at` (VerifySegments.lean) asks each later stage to be total only at the
arguments `verify_segments` passes it. Here the stages proved total are discharged:

* `verify_segments_never_panics`: `verify_segments_total_at` with six stages discharged:
  `check_statement` (on any statement), `all_fixed_tables` (for a program whose ops are below
  2^32 − 64, as decoded ops are), `check_segment_values`, `check_global_fractions` (for a
  statement whose public values, input and output are slices), `check_proof_shape` (for decoded
  proofs, `ProofFits`: `check_proof_shape_of_proofDims`) and `segment_public_values`
  (`segment_public_values_spec`). The hypotheses on `shared_transcript`, `check_bus`,
  `derive_challenges`, `check_fixed_at_zeta`, `check_table_ood` and `check_queries` remain.
* `verify_segments_never_panics_of_headers`: with the hash a spec hash (`bytesOf H`) and the
  statement, the segments' headers and claimed sums the images of typed values (as in
  `shared_transcript_spec` and `check_bus_spec`), `shared_transcript` and `check_bus` are
  discharged too (by those two theorems); the hypotheses on `derive_challenges`,
  `check_fixed_at_zeta`, `check_table_ood` and `check_queries` remain.
* `proof_dimensions_any_aux`: every table of the machine has LogUp fractions
  (`table_shapes_fractions`, evaluated by the kernel), so every dimensions `proof_dimensions`
  accepts have an auxiliary trace (`has_any_aux`), as `derive_challenges_spec` assumes.
* `verify_segments_never_panics_of_msgs`: with, moreover, every segment's prover messages the
  images of typed values within the bounds of `derive_challenges_spec` (`SegmentMsgs`), fewer
  than `2^32` segments and a proof-of-work bound below 64 bits, `derive_challenges` is
  discharged too (`derive_challenges_spec`); the hypotheses on `check_fixed_at_zeta`,
  `check_table_ood` and `check_queries` remain.
-/

@[expose] public section

noncomputable section

namespace Zkvm.Refinement.protocol.stark

open Zkvm.Extraction Zkvm.Extracted

/-- **`verify_segments` never panics**, for decoded segments (`ProofFits`, segment values and
claimed heights shorter than `2^64`), a statement whose public values, input and output are
slices, and a program whose ops are below 2^32 − 64: `check_statement`, `all_fixed_tables`,
`check_proof_shape`, `check_segment_values`, `check_global_fractions` and
`segment_public_values` are proved never to panic; `shared_transcript`'s freedom from panics,
and that of `check_bus`, `derive_challenges`, `check_fixed_at_zeta`, `check_table_ood` and
`check_queries` at the arguments `verify_segments` passes them, stay hypotheses. -/
theorem verify_segments_never_panics (H : List UInt8 → commit.hash.Digest)
    (vk : protocol.vk.VerifyingKey) (st : protocol.statement.Statement)
    (segs : List protocol.proof.Proof) (hsegs : segs.length < 2 ^ 64)
    (hfit : ∀ p ∈ segs, ProofFits p)
    (hvals : ∀ p ∈ segs, p.segment_values.length < 2 ^ 64)
    (hlh : ∀ p ∈ segs, p.log_heights.length < 2 ^ 64)
    (hpvl : st.public_values.length < 2 ^ 64)
    (hio : st.input.length + st.output.length + 6 < 2 ^ 64)
    (hops : ∀ prog, vk.air = .Rv32imV2 prog → ∀ r ∈ prog.rows, r.op.toNat + 64 < 2 ^ 32)
    (hsh : ∃ r, protocol.stark.shared_transcript H vk st segs = .ok r)
    (hbus : ∀ sh pt b, protocol.stark.shared_transcript H vk st segs = .ok (sh, pt, b) →
      ∃ r, protocol.stark.check_bus vk st segs pt b = .ok r)
    (hdc : ∀ shapes, protocol.stark.table_shapes vk.air = .ok shapes →
      ∀ (s : Usize) p d, segs[s.toNat]? = some p →
      protocol.stark.proof_dimensions vk.params shapes p.log_heights = .ok (.ok d) →
      protocol.stark.check_proof_shape p d vk.params = .ok (.ok ()) →
      ∀ sh pt b, protocol.stark.shared_transcript H vk st segs = .ok (sh, pt, b) →
      ∃ r, protocol.stark.derive_challenges H vk sh pt b (UInt64.toUInt32 s) p d = .ok r)
    (hfz : ∀ shapes, protocol.stark.table_shapes vk.air = .ok shapes →
      ∀ (s : Usize) p d, segs[s.toNat]? = some p →
      protocol.stark.proof_dimensions vk.params shapes p.log_heights = .ok (.ok d) →
      protocol.stark.check_proof_shape p d vk.params = .ok (.ok ()) →
      ∀ sh pt b, protocol.stark.shared_transcript H vk st segs = .ok (sh, pt, b) →
      ∀ f, protocol.stark.all_fixed_tables vk shapes d = .ok (.ok f) →
      ∀ ch, protocol.stark.derive_challenges H vk sh pt b (UInt64.toUInt32 s) p d = .ok (.ok ch) →
      ∃ r, protocol.stark.check_fixed_at_zeta p d ch shapes f = .ok r)
    (hood : ∀ shapes, protocol.stark.table_shapes vk.air = .ok shapes →
      ∀ (s : Usize) p d, segs[s.toNat]? = some p →
      protocol.stark.proof_dimensions vk.params shapes p.log_heights = .ok (.ok d) →
      protocol.stark.check_proof_shape p d vk.params = .ok (.ok ()) →
      ∀ sh pt b, protocol.stark.shared_transcript H vk st segs = .ok (sh, pt, b) →
      ∀ ch, protocol.stark.derive_challenges H vk sh pt b (UInt64.toUInt32 s) p d = .ok (.ok ch) →
      ∀ pv, air.segment_public_values vk.air st (segs.map (·.segment_values)) s = .ok (.ok pv) →
      ∀ ids, air.tables vk.air = .ok ids →
      ∀ (t : Nat) id o td c, ids[t]? = some id → p.openings[t]? = some o →
      d.tables[t]? = some td → p.claimed_sums[t]? = some c →
      ∃ r, protocol.stark.check_table_ood id pv o td ch c vk.params.zk = .ok r)
    (hq : ∀ shapes, protocol.stark.table_shapes vk.air = .ok shapes →
      ∀ (s : Usize) p d, segs[s.toNat]? = some p →
      protocol.stark.proof_dimensions vk.params shapes p.log_heights = .ok (.ok d) →
      protocol.stark.check_proof_shape p d vk.params = .ok (.ok ()) →
      ∀ sh pt b, protocol.stark.shared_transcript H vk st segs = .ok (sh, pt, b) →
      ∀ ch, protocol.stark.derive_challenges H vk sh pt b (UInt64.toUInt32 s) p d = .ok (.ok ch) →
      ∃ r, protocol.stark.check_queries H p d ch = .ok r) :
    ∃ r, protocol.stark.verify_segments H vk st segs = .ok r := by
  have hlv : (segs.map (·.segment_values)).length < 2 ^ 64 := by
    rw [List.length_map]; exact hsegs
  have hwv : ∀ v ∈ segs.map (·.segment_values), v.length < 2 ^ 64 := fun v hv => by
    obtain ⟨p, hp, rfl⟩ := List.mem_map.mp hv
    exact hvals p hp
  apply verify_segments_total_at H vk st segs hsegs hvals hlh (fun n => check_statement_total st n)
    (fun shapes _ _ _ d _ => all_fixed_tables_total vk shapes d hops) _
    (Zkvm.Refinement.air.check_segment_values_total vk.air st _ hpvl hlv hwv)
    (fun shapes dims => check_global_fractions_total vk st shapes dims hpvl hio)
    hsh hbus hdc hfz _ hood hq
  · intro shapes hshapes p hp d hd
    obtain ⟨shapes', hs', hpd⟩ :=
      proof_dimensions_of_table_shapes vk.air vk.params p.log_heights (hlh p hp)
    rw [hshapes] at hs'
    cases hs'
    rw [hpd] at hd
    injection hd with hd
    exact ⟨_, check_proof_shape_of_proofDims p vk.params shapes p.log_heights d hd (hfit p hp)⟩
  · intro i
    unfold air.segment_public_values
    split
    exact ⟨_, Zkvm.Refinement.air.rv32im.statement.segment_public_values_spec _ _ i hpvl hlv hwv⟩

/-- **`verify_segments` never panics**, for the hash `bytesOf H` of a spec hash, a statement
that is the image of a spec statement `stS` (canonical public values, fewer than `2^30`; input
and output shorter than p), segments whose headers are the spec headers `hdrs` (the bounds of
`shared_transcript_spec`) and whose claimed sums are canonical extension elements (`cs`), on top
of `verify_segments_never_panics`' hypotheses: `shared_transcript` and `check_bus` are proved
never to panic too (`shared_transcript_spec`, `check_bus_spec`); the freedom from panics of
`derive_challenges`, `check_fixed_at_zeta`, `check_table_ood` and `check_queries` at the
arguments `verify_segments` passes them stays a hypothesis. -/
theorem verify_segments_never_panics_of_headers (H : List UInt8 → Zkvm.Commit.Digest)
    (vk : protocol.vk.VerifyingKey) (stS : Zkvm.Spec.Statement)
    (st : protocol.statement.Statement) (hdrs : List Zkvm.Spec.SegmentHeader)
    (segs : List protocol.proof.Proof) (cs : List (List Zkvm.Field.Ext4))
    (hsegs : segs.length < 2 ^ 64)
    (hfit : ∀ p ∈ segs, ProofFits p)
    (hvals : ∀ p ∈ segs, p.segment_values.length < 2 ^ 64)
    (hlh : ∀ p ∈ segs, p.log_heights.length < 2 ^ 64)
    (hops : ∀ prog, vk.air = .Rv32imV2 prog → ∀ r ∈ prog.rows, r.op.toNat + 64 < 2 ^ 32)
    (hvk : protocol.vk.vk_digest (commit.merkle.bytesOf H) vk = .ok stS.vkDigest.bytes)
    (hpv : st.public_values = stS.publicValues.map Zkvm.Refinement.field.toU32)
    (hin : st.input = stS.input) (hout : st.output = stS.output)
    (hpl : stS.publicValues.length < 2 ^ 30) (hil : stS.input.length < 2013265921)
    (hol : stS.output.length < 2013265921)
    (hlen : segs.length = hdrs.length)
    (hseg : ∀ i (h : i < segs.length), segs[i].segment_values = (hdrs[i]'(by omega)).values ∧
      segs[i].log_heights = (hdrs[i]'(by omega)).logHeights ∧
      segs[i].main_commitment = (hdrs[i]'(by omega)).mainCap.map Zkvm.Commit.Digest.bytes)
    (hb : ∀ h ∈ hdrs, h.values.length < 2 ^ 30 ∧ h.logHeights.length < 2 ^ 30 ∧
      h.mainCap.length < 2 ^ 27)
    (hcs : segs.map (·.claimed_sums) = cs.map (·.map field.extension.toExt))
    (hdc : ∀ shapes, protocol.stark.table_shapes vk.air = .ok shapes →
      ∀ (s : Usize) p d, segs[s.toNat]? = some p →
      protocol.stark.proof_dimensions vk.params shapes p.log_heights = .ok (.ok d) →
      protocol.stark.check_proof_shape p d vk.params = .ok (.ok ()) →
      ∀ sh pt b, protocol.stark.shared_transcript (commit.merkle.bytesOf H) vk st segs =
        .ok (sh, pt, b) →
      ∃ r, protocol.stark.derive_challenges (commit.merkle.bytesOf H) vk sh pt b
        (UInt64.toUInt32 s) p d = .ok r)
    (hfz : ∀ shapes, protocol.stark.table_shapes vk.air = .ok shapes →
      ∀ (s : Usize) p d, segs[s.toNat]? = some p →
      protocol.stark.proof_dimensions vk.params shapes p.log_heights = .ok (.ok d) →
      protocol.stark.check_proof_shape p d vk.params = .ok (.ok ()) →
      ∀ sh pt b, protocol.stark.shared_transcript (commit.merkle.bytesOf H) vk st segs =
        .ok (sh, pt, b) →
      ∀ f, protocol.stark.all_fixed_tables vk shapes d = .ok (.ok f) →
      ∀ ch, protocol.stark.derive_challenges (commit.merkle.bytesOf H) vk sh pt b
        (UInt64.toUInt32 s) p d = .ok (.ok ch) →
      ∃ r, protocol.stark.check_fixed_at_zeta p d ch shapes f = .ok r)
    (hood : ∀ shapes, protocol.stark.table_shapes vk.air = .ok shapes →
      ∀ (s : Usize) p d, segs[s.toNat]? = some p →
      protocol.stark.proof_dimensions vk.params shapes p.log_heights = .ok (.ok d) →
      protocol.stark.check_proof_shape p d vk.params = .ok (.ok ()) →
      ∀ sh pt b, protocol.stark.shared_transcript (commit.merkle.bytesOf H) vk st segs =
        .ok (sh, pt, b) →
      ∀ ch, protocol.stark.derive_challenges (commit.merkle.bytesOf H) vk sh pt b
        (UInt64.toUInt32 s) p d = .ok (.ok ch) →
      ∀ pv, air.segment_public_values vk.air st (segs.map (·.segment_values)) s = .ok (.ok pv) →
      ∀ ids, air.tables vk.air = .ok ids →
      ∀ (t : Nat) id o td c, ids[t]? = some id → p.openings[t]? = some o →
      d.tables[t]? = some td → p.claimed_sums[t]? = some c →
      ∃ r, protocol.stark.check_table_ood id pv o td ch c vk.params.zk = .ok r)
    (hq : ∀ shapes, protocol.stark.table_shapes vk.air = .ok shapes →
      ∀ (s : Usize) p d, segs[s.toNat]? = some p →
      protocol.stark.proof_dimensions vk.params shapes p.log_heights = .ok (.ok d) →
      protocol.stark.check_proof_shape p d vk.params = .ok (.ok ()) →
      ∀ sh pt b, protocol.stark.shared_transcript (commit.merkle.bytesOf H) vk st segs =
        .ok (sh, pt, b) →
      ∀ ch, protocol.stark.derive_challenges (commit.merkle.bytesOf H) vk sh pt b
        (UInt64.toUInt32 s) p d = .ok (.ok ch) →
      ∃ r, protocol.stark.check_queries (commit.merkle.bytesOf H) p d ch = .ok r) :
    ∃ r, protocol.stark.verify_segments (commit.merkle.bytesOf H) vk st segs = .ok r := by
  have hsh := shared_transcript_spec H vk stS st hdrs segs hvk hpv hin hout hpl (by omega)
    (by omega) hlen (by omega) hseg hb
  have hpvl : st.public_values.length < 2 ^ 64 := by
    rw [hpv, List.length_map]; omega
  have hcl : ∀ l ∈ cs, l.length < 2 ^ 64 := by
    intro l hl
    have hm : l.map field.extension.toExt ∈ segs.map (·.claimed_sums) := by
      rw [hcs]; exact List.mem_map_of_mem hl
    obtain ⟨p, hp, he⟩ := List.mem_map.mp hm
    have := (hfit p hp).claimed_sums
    rw [he, List.length_map] at this
    exact this
  apply verify_segments_never_panics (commit.merkle.bytesOf H) vk st segs hsegs hfit hvals hlh
    hpvl (by rw [hin, hout]; omega) hops ⟨_, hsh⟩ _ hdc hfz hood hq
  intro sh pt b h
  rw [hsh] at h
  cases h
  obtain ⟨pvs, i, o⟩ := st
  dsimp only at hpv hin hout
  subst hpv hin hout
  exact ⟨_, check_bus_spec vk stS.publicValues stS.input stS.output segs cs hcs _ _
    (by omega) hil hol hsegs hcl⟩

/-- A table's dimensions record whether its committed shape has an auxiliary trace. -/
theorem tableDims_has_aux (p : protocol.params.StarkParams) (s : air.TableShape) (h : UInt32)
    (off : Usize) (d : protocol.stark.TableDims) (hd : Zkvm.Spec.tableDims p s h off = .ok d) :
    d.has_aux = Zkvm.Spec.shapeHasAux (Zkvm.Spec.committedShape s p.zk) := by
  unfold Zkvm.Spec.tableDims at hd
  dsimp only at hd
  repeat' split at hd
  all_goals first | (cases hd; rfl) | cases hd

/-- The first of the tables' dimensions is that of the first shape. -/
theorem tablesDims_head (p : protocol.params.StarkParams) (off : Usize) (s : air.TableShape)
    (ss : List air.TableShape) (h : UInt32) (hs : List UInt32)
    (tables : List protocol.stark.TableDims) (o : Usize)
    (hd : Zkvm.Spec.tablesDims p off (s :: ss) (h :: hs) = .ok (tables, o)) :
    ∃ t ts, tables = t :: ts ∧ t.has_aux = Zkvm.Spec.shapeHasAux (Zkvm.Spec.committedShape s p.zk) := by
  cases hd1 : Zkvm.Spec.tableDims p s h off with
  | error e => rw [Zkvm.Spec.tablesDims_cons_error p off s ss h hs e hd1] at hd; cases hd
  | ok d =>
    rw [Zkvm.Spec.tablesDims_cons_ok p off s ss h hs d hd1] at hd
    split at hd
    · cases hd
    · split at hd
      · cases hd
      · cases hd
        exact ⟨d, _, rfl, tableDims_has_aux p s h off d hd1⟩

/-- A shape with fractions (fewer than `2^62`) has an auxiliary trace once committed. -/
theorem shapeHasAux_committed (s : air.TableShape) (zk : Bool) (h1 : 0 < s.num_fractions.toNat)
    (h2 : s.num_fractions.toNat < 2 ^ 62) :
    Zkvm.Spec.shapeHasAux (Zkvm.Spec.committedShape s zk) = true := by
  unfold Zkvm.Spec.shapeHasAux Zkvm.Spec.committedShape
  cases zk <;> simp [UInt64.toNat_add] <;> omega

/-- **Accepted dimensions have an auxiliary trace** (`has_any_aux`) when every table shape has
fractions: the first table's does. -/
theorem proofDims_any_aux (p : protocol.params.StarkParams) (shapes : List air.TableShape)
    (logHs : List UInt32) (dims : protocol.stark.ProofDimensions)
    (h : Zkvm.Spec.proofDims p shapes logHs = .ok dims)
    (hs : ∀ s ∈ shapes, 0 < s.num_fractions.toNat ∧ s.num_fractions.toNat < 2 ^ 62) :
    dims.tables.any (·.has_aux) = true := by
  obtain ⟨off, htd, -⟩ := Zkvm.Spec.proofDims_ok p shapes logHs dims h
  have hne : shapes ≠ [] ∧ shapes.length = logHs.length := by
    unfold Zkvm.Spec.proofDims at h
    split at h
    · cases h
    split at h
    · cases h
    · rename_i hc
      simp only [not_or] at hc
      exact ⟨hc.1, by omega⟩
  obtain ⟨s, ss, rfl⟩ := List.exists_cons_of_ne_nil hne.1
  cases logHs with
  | nil => simp at hne
  | cons lh lhs =>
    obtain ⟨t, ts, ht, hta⟩ := tablesDims_head p 0 s ss lh lhs _ _ htd
    have hs0 := hs s List.mem_cons_self
    rw [ht, List.any_cons, hta, shapeHasAux_committed s p.zk hs0.1 hs0.2]
    rfl

/-- Whether every table shape has fractions (fewer than `2^62`), as a test the kernel
evaluates. -/
def shapesHaveFractions (r : Outcome (List air.TableShape)) : Bool :=
  match r with
  | .ok l => l.all (fun s => decide (0 < s.num_fractions.toNat) &&
      decide (s.num_fractions.toNat < 2 ^ 62))
  | _ => false

/-- **Every table of the machine has LogUp fractions** (evaluated by the kernel). -/
theorem table_shapes_fractions (air_id : air.AirId) :
    ∃ shapes, protocol.stark.table_shapes air_id = .ok shapes ∧
      ∀ s ∈ shapes, 0 < s.num_fractions.toNat ∧ s.num_fractions.toNat < 2 ^ 62 := by
  have hb : shapesHaveFractions (protocol.stark.table_shapes air_id) = true := by
    cases air_id with
    | Rv32imV2 prog =>
      unfold protocol.stark.table_shapes air.tables
      simp only []
      decide +kernel
  unfold shapesHaveFractions at hb
  split at hb
  · rename_i l hl
    simp only [List.all_eq_true, Bool.and_eq_true, decide_eq_true_eq] at hb
    exact ⟨l, hl, hb⟩
  · cases hb

/-- **The machine's accepted dimensions have an auxiliary trace**: for the table shapes of
`table_shapes`, every dimensions `proof_dimensions` accepts have `has_any_aux`. -/
theorem proof_dimensions_any_aux (air_id : air.AirId) (p : protocol.params.StarkParams)
    (shapes : List air.TableShape) (hshapes : protocol.stark.table_shapes air_id = .ok shapes)
    (logHs : List UInt32) (hl : logHs.length < 2 ^ 64) (d : protocol.stark.ProofDimensions)
    (hd : protocol.stark.proof_dimensions p shapes logHs = .ok (.ok d)) :
    d.tables.any (·.has_aux) = true := by
  obtain ⟨shapes', hs', hpd⟩ := proof_dimensions_of_table_shapes air_id p logHs hl
  rw [hshapes] at hs'
  cases hs'
  rw [hpd] at hd
  injection hd with hd
  obtain ⟨shapes'', hs'', hfr⟩ := table_shapes_fractions air_id
  rw [hshapes] at hs''
  cases hs''
  exact proofDims_any_aux p shapes logHs d hd hfr

/-- A segment's prover messages as the images of typed values (`pf`, and `os` for the tables'
out-of-domain openings), with the length bounds `derive_challenges_spec` takes: what the
decoder produces for a proof within the protocol's sizes. -/
structure SegmentMsgs (proof : protocol.proof.Proof) (pf : Zkvm.Spec.ProofMsgs)
    (os : List OodSpec) : Prop where
  aux_commitment : proof.aux_commitment = pf.auxCap.map Zkvm.Commit.Digest.bytes
  claimed_sums : proof.claimed_sums = pf.claimedSums.map field.extension.toExt
  quotient_commitment : proof.quotient_commitment = pf.quotientCap.map Zkvm.Commit.Digest.bytes
  openings : proof.openings = os.map toOpenings
  fri_commitments :
    proof.fri_commitments = pf.friCaps.map (fun c => c.map Zkvm.Commit.Digest.bytes)
  final_poly : proof.final_poly = pf.finalPoly.map field.extension.toExt
  pow_nonce : proof.pow_nonce = pf.powNonce
  openings_len : os.length < 2 ^ 64
  aux_len : pf.auxCap.length < 2 ^ 27
  quotient_len : pf.quotientCap.length < 2 ^ 27
  sums_len : pf.claimedSums.length < 2 ^ 28
  ood_len : ∀ o ∈ os, o.mainLocal.length < 2 ^ 28 ∧ o.mainNext.length < 2 ^ 28 ∧
    o.auxLocal.length < 2 ^ 28 ∧ o.auxNext.length < 2 ^ 28 ∧ o.quotient.length < 2 ^ 28
  fri_len : ∀ c ∈ pf.friCaps, c.length < 2 ^ 27
  fri_rounds : pf.friCaps.length < 2 ^ 64
  final_len : pf.finalPoly.length < 2 ^ 28

/-- The loop's segment index as a `u32`: its value modulo `2^32`. -/
theorem toUInt32_toNat_eq (s : Usize) : UInt64.toUInt32 s = s.toNat.toUInt32 := by
  first
  | rfl
  | exact UInt32.toNat_inj.mp (by simp)

/-- **`verify_segments` never panics**, on the hypotheses of
`verify_segments_never_panics_of_headers` and, for every segment, prover messages that are the
images of typed values (`SegmentMsgs`), with fewer than `2^32` segments and a proof-of-work
bound below 64 bits: `derive_challenges` is proved never to panic too (`derive_challenges_spec`,
with `proof_dimensions_any_aux` for its auxiliary trace); the
freedom from panics of `check_fixed_at_zeta`, `check_table_ood` and `check_queries` at the
arguments `verify_segments` passes them stays a hypothesis. -/
theorem verify_segments_never_panics_of_msgs (H : List UInt8 → Zkvm.Commit.Digest)
    (vk : protocol.vk.VerifyingKey) (stS : Zkvm.Spec.Statement)
    (st : protocol.statement.Statement) (hdrs : List Zkvm.Spec.SegmentHeader)
    (segs : List protocol.proof.Proof) (cs : List (List Zkvm.Field.Ext4))
    (hsegs : segs.length < 2 ^ 32)
    (hfit : ∀ p ∈ segs, ProofFits p)
    (hmsgs : ∀ p ∈ segs, ∃ pf os, SegmentMsgs p pf os)
    (hvals : ∀ p ∈ segs, p.segment_values.length < 2 ^ 64)
    (hlh : ∀ p ∈ segs, p.log_heights.length < 2 ^ 64)
    (hops : ∀ prog, vk.air = .Rv32imV2 prog → ∀ r ∈ prog.rows, r.op.toNat + 64 < 2 ^ 32)
    (hpow : vk.params.pow_bits.toNat < 64)
    (hvk : protocol.vk.vk_digest (commit.merkle.bytesOf H) vk = .ok stS.vkDigest.bytes)
    (hpv : st.public_values = stS.publicValues.map Zkvm.Refinement.field.toU32)
    (hin : st.input = stS.input) (hout : st.output = stS.output)
    (hpl : stS.publicValues.length < 2 ^ 30) (hil : stS.input.length < 2013265921)
    (hol : stS.output.length < 2013265921)
    (hlen : segs.length = hdrs.length)
    (hseg : ∀ i (h : i < segs.length), segs[i].segment_values = (hdrs[i]'(by omega)).values ∧
      segs[i].log_heights = (hdrs[i]'(by omega)).logHeights ∧
      segs[i].main_commitment = (hdrs[i]'(by omega)).mainCap.map Zkvm.Commit.Digest.bytes)
    (hb : ∀ h ∈ hdrs, h.values.length < 2 ^ 30 ∧ h.logHeights.length < 2 ^ 30 ∧
      h.mainCap.length < 2 ^ 27)
    (hcs : segs.map (·.claimed_sums) = cs.map (·.map field.extension.toExt))
    (hfz : ∀ shapes, protocol.stark.table_shapes vk.air = .ok shapes →
      ∀ (s : Usize) p d, segs[s.toNat]? = some p →
      protocol.stark.proof_dimensions vk.params shapes p.log_heights = .ok (.ok d) →
      protocol.stark.check_proof_shape p d vk.params = .ok (.ok ()) →
      ∀ sh pt b, protocol.stark.shared_transcript (commit.merkle.bytesOf H) vk st segs =
        .ok (sh, pt, b) →
      ∀ f, protocol.stark.all_fixed_tables vk shapes d = .ok (.ok f) →
      ∀ ch, protocol.stark.derive_challenges (commit.merkle.bytesOf H) vk sh pt b
        (UInt64.toUInt32 s) p d = .ok (.ok ch) →
      ∃ r, protocol.stark.check_fixed_at_zeta p d ch shapes f = .ok r)
    (hood : ∀ shapes, protocol.stark.table_shapes vk.air = .ok shapes →
      ∀ (s : Usize) p d, segs[s.toNat]? = some p →
      protocol.stark.proof_dimensions vk.params shapes p.log_heights = .ok (.ok d) →
      protocol.stark.check_proof_shape p d vk.params = .ok (.ok ()) →
      ∀ sh pt b, protocol.stark.shared_transcript (commit.merkle.bytesOf H) vk st segs =
        .ok (sh, pt, b) →
      ∀ ch, protocol.stark.derive_challenges (commit.merkle.bytesOf H) vk sh pt b
        (UInt64.toUInt32 s) p d = .ok (.ok ch) →
      ∀ pv, air.segment_public_values vk.air st (segs.map (·.segment_values)) s = .ok (.ok pv) →
      ∀ ids, air.tables vk.air = .ok ids →
      ∀ (t : Nat) id o td c, ids[t]? = some id → p.openings[t]? = some o →
      d.tables[t]? = some td → p.claimed_sums[t]? = some c →
      ∃ r, protocol.stark.check_table_ood id pv o td ch c vk.params.zk = .ok r)
    (hq : ∀ shapes, protocol.stark.table_shapes vk.air = .ok shapes →
      ∀ (s : Usize) p d, segs[s.toNat]? = some p →
      protocol.stark.proof_dimensions vk.params shapes p.log_heights = .ok (.ok d) →
      protocol.stark.check_proof_shape p d vk.params = .ok (.ok ()) →
      ∀ sh pt b, protocol.stark.shared_transcript (commit.merkle.bytesOf H) vk st segs =
        .ok (sh, pt, b) →
      ∀ ch, protocol.stark.derive_challenges (commit.merkle.bytesOf H) vk sh pt b
        (UInt64.toUInt32 s) p d = .ok (.ok ch) →
      ∃ r, protocol.stark.check_queries (commit.merkle.bytesOf H) p d ch = .ok r) :
    ∃ r, protocol.stark.verify_segments (commit.merkle.bytesOf H) vk st segs = .ok r := by
  have hsh := shared_transcript_spec H vk stS st hdrs segs hvk hpv hin hout hpl (by omega)
    (by omega) hlen (by omega) hseg hb
  apply verify_segments_never_panics_of_headers H vk stS st hdrs segs cs (by omega) hfit hvals
    hlh hops hvk hpv hin hout hpl hil hol hlen hseg hb hcs _ hfz hood hq
  intro shapes hshapes s p d hp hpd _ sh pt b hst
  rw [hsh] at hst
  cases hst
  have hlt : s.toNat < segs.length := (List.getElem?_eq_some_iff.mp hp).1
  have hmem : p ∈ segs := List.mem_of_getElem? hp
  obtain ⟨pf, os, hm⟩ := hmsgs p hmem
  have hd := hpd
  obtain ⟨shapes', hs', hpd'⟩ :=
    proof_dimensions_of_table_shapes vk.air vk.params p.log_heights (hlh p hmem)
  rw [hshapes] at hs'
  cases hs'
  rw [hpd'] at hd
  injection hd with hd
  obtain ⟨h27, -, h64⟩ := Zkvm.Spec.proofDims_log_lde _ _ _ _ hd
  rw [toUInt32_toNat_eq s]
  exact ⟨_, derive_challenges_spec H
    ⟨1, vk.params.num_queries.toNat, d.log_max_lde.toNat, vk.params.pow_bits.toNat, true⟩
    stS hdrs s.toNat { pf with oodValues := oodLists os (d.tables.map (·.has_aux)) } os vk _ _
    p d (by omega) hm.aux_commitment hm.claimed_sums hm.quotient_commitment
    (proof_dimensions_any_aux vk.air vk.params shapes hshapes _ (hlh p hmem) d hpd) hm.openings (by omega) hm.openings_len hm.aux_len
    hm.quotient_len hm.sums_len hm.ood_len rfl hm.fri_commitments hm.final_poly hm.pow_nonce
    rfl rfl rfl rfl rfl (by omega) hpow hm.fri_len hm.fri_rounds hm.final_len⟩

end Zkvm.Refinement.protocol.stark

end
