module

public import Zkvm.Refinement.Protocol.Stark.VerifySegmentsStages
public import Zkvm.Refinement.Protocol.Stark.QueryCheck

/-!
# `verify_segments` never panics: the tables' out-of-domain checks

`check_table_ood_total` (VerifySegmentsStages.lean) proves `check_table_ood` never panics on
openings of the table's widths and 20 canonical public values. Here those hypotheses are shown
to hold at the arguments `verify_segments` passes it:

* `checkProofShape_tablesOk`, `tablesOk_at`: the proof shape `check_proof_shape` accepted gives
  every table's openings the widths of its dimensions (`tableOpeningsOk`);
* `tablesDims_at`, `tableDims_widths`, `table_shapes_widths`: every table's dimensions come from
  its shape (`tableDims`), whose widths are the spec's: the main width is `specWidth` plus the
  zero-knowledge columns, the auxiliary width `4 · auxExtWidth` (the machine's 12 shapes,
  evaluated by the kernel), the quotient width `4 ×` the number of chunks (at most `2^32 + 1`
  chunks, so no overflow);
* `segmentPublicValues_canon`, `segment_public_values_canon`: once `check_segment_values` has
  accepted the segments' starts (every start pc below `2^30`, every start clk below the cycle
  count), `segment_public_values` returns 20 canonical values. `verify_segments` calls
  `check_table_ood` only after that acceptance, so no hypothesis that the segments' values are
  canonical is needed (the decoder also rejects non-canonical ones);
* `check_table_ood_at_call`: `check_table_ood` never panics at the arguments `verify_segments`
  passes it, once `check_segment_values` accepted;
* `verify_segments_of_values_rejected`: when `check_segment_values` rejects, `verify_segments`
  returns (the rejection) without reaching the later stages;
* `verify_segments_never_panics_of_ood`: `verify_segments_never_panics_of_fixed` without its
  hypothesis on `check_table_ood`; only the one on `check_queries` remains;
* `check_queries_at_call`: `check_queries` never panics at the arguments `verify_segments`
  passes it (`check_queries_of_spec`), for queries as the decoder produces them
  (`QueryDataOk`);
* `verify_segments_never_panics_of_queries`: `verify_segments` never panics, with no hypothesis
  left on any stage: only facts about the decoded, typed inputs remain.
-/

@[expose] public section

noncomputable section

namespace Zkvm.Refinement.protocol.stark

open Zkvm.Extraction Zkvm.Extracted Zkvm.Field Zkvm.Field.Ext4
open Zkvm.Spec (tableOpeningsOk tablesOk checkProofShape proofShapeOk tableDims tablesDims
  committedShape shapeAuxExtWidth gammaPowers tablesDims_cons_ok tablesDims_cons_error)
open Zkvm.Spec.Segments (SegmentStartsOk segmentPublicValues startPc startClk pvCycles)
open Zkvm.Refinement.field (toU32 toU32_toNat)
open Zkvm.Refinement.field.extension (toExt)
open Zkvm.Refinement.air.expr (locOf)

/-! ## The openings have the dimensions' widths -/

/-- The proof shape `checkProofShape` accepts has every table's openings of its widths. -/
theorem checkProofShape_tablesOk {p : protocol.proof.Proof} {d : protocol.stark.ProofDimensions}
    {params : protocol.params.StarkParams} (h : checkProofShape p d params = .ok ()) :
    tablesOk p.openings p.claimed_sums d.tables = true := by
  unfold checkProofShape at h
  split at h
  · rename_i hs
    simp only [proofShapeOk, Bool.and_eq_true] at hs
    exact hs.1.1.1.1.2
  · cases h

/-- `tablesOk` holds of every table's openings and dimensions. -/
theorem tablesOk_at : ∀ (os : List protocol.proof.TableOpenings)
    (ss : List field.extension.Ext) (ds : List protocol.stark.TableDims),
    tablesOk os ss ds = true → ∀ (t : Nat) o s d, os[t]? = some o → ss[t]? = some s →
      ds[t]? = some d → tableOpeningsOk o d = true
  | o :: os, s :: ss, d :: ds, h, 0, o', s', d', h1, h2, h3 => by
    simp only [List.getElem?_cons_zero, Option.some.injEq] at h1 h2 h3
    subst h1 h3
    simp only [tablesOk, Bool.and_eq_true] at h
    exact h.1.1
  | o :: os, s :: ss, d :: ds, h, t + 1, o', s', d', h1, h2, h3 => by
    simp only [List.getElem?_cons_succ] at h1 h2 h3
    simp only [tablesOk, Bool.and_eq_true] at h
    exact tablesOk_at os ss ds h.2 t o' s' d' h1 h2 h3
  | [], _, _, _, _, _, _, _, h1, _, _ => by simp at h1
  | _ :: _, [], _, _, _, _, _, _, _, h2, _ => by simp at h2
  | _ :: _, _ :: _, [], _, _, _, _, _, _, _, h3 => by simp at h3

/-! ## The dimensions have the spec's widths -/

/-- Every table's dimensions `tablesDims` returns are `tableDims` of its shape and height. -/
theorem tablesDims_at (p : protocol.params.StarkParams) :
    ∀ (off : Usize) (ss : List air.TableShape) (hs : List UInt32)
      (tables : List protocol.stark.TableDims) (o : Usize),
      tablesDims p off ss hs = .ok (tables, o) →
        ∀ (t : Nat) d, tables[t]? = some d →
          ∃ s h off', ss[t]? = some s ∧ hs[t]? = some h ∧ tableDims p s h off' = .ok d
  | off, s :: ss, h :: hs, tables, o, hd => by
    cases hd1 : tableDims p s h off with
    | error e => rw [tablesDims_cons_error p off s ss h hs e hd1] at hd; cases hd
    | ok d =>
      rw [tablesDims_cons_ok p off s ss h hs d hd1] at hd
      by_cases hov : 2 ^ 64 ≤ off.toNat + gammaPowers d
      · rw [if_pos hov] at hd; cases hd
      rw [if_neg hov] at hd
      cases hr : tablesDims p (UInt64.ofNat (off.toNat + gammaPowers d)) ss hs with
      | error e => rw [hr] at hd; cases hd
      | ok r =>
        obtain ⟨ds, o2⟩ := r
        rw [hr] at hd
        cases hd
        intro t d' ht
        cases t with
        | zero =>
          simp only [List.getElem?_cons_zero, Option.some.injEq] at ht
          subst ht
          exact ⟨s, h, off, rfl, rfl, hd1⟩
        | succ t =>
          simp only [List.getElem?_cons_succ] at ht ⊢
          exact tablesDims_at p _ ss hs ds _ hr t d' ht
  | off, [], hs, tables, o, hd => by
    cases hs <;> (unfold tablesDims at hd; cases hd; intro t d ht; simp at ht)
  | off, _ :: _, [], tables, o, hd => by
    unfold tablesDims at hd; cases hd; intro t d ht; simp at ht

/-- **A table's dimensions have its shape's widths**: the main width is the shape's plus the
zero-knowledge columns, the auxiliary width 4 × the auxiliary extension width, the quotient
width 4 × the number of quotient chunks. -/
theorem tableDims_widths (p : protocol.params.StarkParams) (shape : air.TableShape)
    (logH : UInt32) (offset : Usize) (d : protocol.stark.TableDims)
    (h : tableDims p shape logH offset = .ok d) (hw : shape.width.toNat < 2 ^ 62) :
    d.width.toNat = shape.width.toNat + zkCols p.zk ∧
      d.aux_width.toNat = 4 * shapeAuxExtWidth (committedShape shape p.zk) ∧
      d.quotient_width.toNat = 4 * d.num_quotient_chunks.toNat := by
  unfold tableDims at h
  simp only at h
  split at h; · cases h
  split at h; · cases h
  split at h; · cases h
  split at h; · cases h
  split at h; · cases h
  split at h; · cases h
  split at h; · cases h
  rename_i hax _
  cases h
  have hq := Zkvm.Spec.logQuotientChunks_le
    (Zkvm.Spec.constraintDegree (committedShape shape p.zk))
  have hpq : 2 ^ Zkvm.Spec.logQuotientChunks
      (Zkvm.Spec.constraintDegree (committedShape shape p.zk)) ≤ 2 ^ 32 :=
    Nat.pow_le_pow_right (by omega) hq
  have hsz : UInt64.size = 18446744073709551616 := rfl
  refine ⟨?_, ?_, ?_⟩
  · show (committedShape shape p.zk).width.toNat = _
    simp only [committedShape, zkCols]
    cases p.zk
    · simp
    · simp only [if_true, UInt64.toNat_add]
      simp
      omega
  · show (UInt64.ofNat (shapeAuxExtWidth (committedShape shape p.zk) * 4)).toNat = _
    rw [UInt64.toNat_ofNat_of_lt' (by omega)]
    omega
  · show (UInt64.ofNat (4 * _)).toNat = 4 * (UInt64.ofNat _).toNat
    rw [UInt64.toNat_ofNat_of_lt' (by split <;> omega),
      UInt64.toNat_ofNat_of_lt' (by split <;> omega)]

/-- Whether the machine's table ids and shapes agree with the spec's widths, as a test the
kernel evaluates. -/
def shapesMatch (ids : Outcome (List air.TableId)) (shapes : Outcome (List air.TableShape)) :
    Bool :=
  match ids, shapes with
  | .ok is, .ok ss => is.length == ss.length && (is.zip ss).all (fun x =>
      decide (x.2.width.toNat = Zkvm.Refinement.air.specWidth x.1) &&
      decide (x.2.width.toNat < 2 ^ 62) &&
      decide (shapeAuxExtWidth (committedShape x.2 false) = auxExtWidth x.1 false) &&
      decide (shapeAuxExtWidth (committedShape x.2 true) = auxExtWidth x.1 true))
  | _, _ => false

/-- **The machine's shapes have the spec's widths** (evaluated by the kernel): the shape
`table_shapes` gives the table `air::tables` lists at the same index has the table's spec width
(below `2^62`) and, with or without zero knowledge, its LogUp width `auxExtWidth`. -/
theorem table_shapes_widths (a : air.AirId) (ids : List air.TableId)
    (shapes : List air.TableShape) (hi : air.tables a = .ok ids)
    (hs : protocol.stark.table_shapes a = .ok shapes) :
    ∀ (t : Nat) id sh, ids[t]? = some id → shapes[t]? = some sh →
      sh.width.toNat = Zkvm.Refinement.air.specWidth id ∧ sh.width.toNat < 2 ^ 62 ∧
        ∀ zk, shapeAuxExtWidth (committedShape sh zk) = auxExtWidth id zk := by
  have hb : shapesMatch (air.tables a) (protocol.stark.table_shapes a) = true := by
    cases a with
    | Rv32imV2 prog =>
      unfold protocol.stark.table_shapes air.tables
      simp only []
      decide +kernel
  rw [hi, hs] at hb
  simp only [shapesMatch, Bool.and_eq_true, beq_iff_eq, List.all_eq_true,
    decide_eq_true_eq] at hb
  intro t id sh h1 h2
  obtain ⟨ht1, rfl⟩ := List.getElem?_eq_some_iff.mp h1
  obtain ⟨ht2, rfl⟩ := List.getElem?_eq_some_iff.mp h2
  have hl : t < (ids.zip shapes).length := by rw [List.length_zip]; omega
  have hz := List.getElem_mem hl
  rw [List.getElem_zip] at hz
  obtain ⟨⟨⟨e1, e2⟩, e3⟩, e4⟩ := hb.2 _ hz
  refine ⟨e1, e2, fun zk => ?_⟩
  cases zk
  · exact e3
  · exact e4

/-! ## The public values are canonical -/

/-- A list of canonical `u32`s is the image of field elements. -/
theorem canon_list (l : List UInt32) (h : ∀ x ∈ l, x.toNat < Zkvm.Field.P) :
    ∃ pubs : List BabyBear, l = pubs.map toU32 ∧ pubs.length = l.length := by
  induction l with
  | nil => exact ⟨[], rfl, rfl⟩
  | cons x xs ih =>
    obtain ⟨b, hb⟩ := canon_toU32 x (h x List.mem_cons_self)
    obtain ⟨ps, hps, hl⟩ := ih (fun y hy => h y (List.mem_cons_of_mem _ hy))
    exact ⟨b :: ps, by rw [List.map_cons, ← hb, ← hps], by simp [hl]⟩

/-- **A segment's public values are canonical** when the statement's are and the chain of
starts is valid: the start pcs are below `2^30` and the start clks below the cycle count. -/
theorem segmentPublicValues_canon (values : List UInt32) (starts : List (List UInt32))
    (s : Nat) (pv : List UInt32) (hv : ∀ x ∈ values, x.toNat < Zkvm.Field.P)
    (hok : SegmentStartsOk values starts)
    (h : segmentPublicValues values starts s = some pv) :
    ∀ x ∈ pv, x.toNat < Zkvm.Field.P := by
  obtain ⟨hlen, -, hst⟩ := hok
  have hP : Zkvm.Field.P = 2013265921 := Zkvm.Field.P_eq
  have hcyc : (values.getD pvCycles 0).toNat < Zkvm.Field.P := by
    have h3 : pvCycles < values.length := by rw [hlen]; decide
    simp only [List.getD, List.getElem?_eq_getElem h3, Option.getD_some]
    exact hv _ (List.getElem_mem h3)
  have hse : ∀ i < starts.length, (startPc starts i).toNat < Zkvm.Field.P ∧
      (startClk starts i).toNat < Zkvm.Field.P := by
    intro i hi
    obtain ⟨-, -, hclk, -, hpc⟩ := hst i hi
    omega
  unfold segmentPublicValues at h
  split at h
  · rename_i hc
    have h1 := hse s hc.2.1
    split at h
    · cases h
      intro x hx
      simp only [List.mem_append, List.mem_cons, List.not_mem_nil, or_false] at hx
      rcases hx with hx | rfl | rfl | rfl | rfl | rfl
      · exact hv x hx
      · exact h1.1
      · exact h1.2
      all_goals (rw [hP]; decide)
    · rename_i hn
      split at h
      · have h2 := hse (s + 1) (by omega)
        cases h
        intro x hx
        simp only [List.mem_append, List.mem_cons, List.not_mem_nil, or_false] at hx
        rcases hx with hx | rfl | rfl | rfl | rfl | rfl
        · exact hv x hx
        · exact h1.1
        · exact h1.2
        · exact h2.1
        · exact h2.2
        · rw [hP]; decide
      · cases h
  · cases h

/-- **`segment_public_values` returns 20 canonical values** once `check_segment_values`
accepted the segments' values, for a statement with canonical public values (slices). -/
theorem segment_public_values_canon (a : air.AirId) (st : protocol.statement.Statement)
    (V : List (List UInt32)) (s : Usize) (pv : List UInt32)
    (hpvc : ∀ x ∈ st.public_values, x.toNat < Zkvm.Field.P)
    (hpvl : st.public_values.length < 2 ^ 64) (hlv : V.length < 2 ^ 64)
    (hwv : ∀ v ∈ V, v.length < 2 ^ 64)
    (hcv : air.check_segment_values a st V = .ok (.ok ()))
    (h : air.segment_public_values a st V s = .ok (.ok pv)) :
    ∃ pubs : List BabyBear, pv = pubs.map toU32 ∧ pubs.length = 20 := by
  cases a with
  | Rv32imV2 prog =>
    unfold air.check_segment_values at hcv
    split at hcv
    · cases hcv
    · simp only at hcv
      obtain ⟨r, hr, hiff, -⟩ :=
        Zkvm.Refinement.air.rv32im.statement.check_segment_starts_spec st.public_values V
          hpvl hlv hwv
      rw [hr] at hcv
      injection hcv with hcv
      subst hcv
      have hok := hiff.mp rfl
      unfold air.segment_public_values at h
      simp only at h
      rw [Zkvm.Refinement.air.rv32im.statement.segment_public_values_spec _ _ s hpvl hlv hwv]
        at h
      split at h
      · rename_i pv' hspv
        injection h with h
        injection h with h
        subst h
        obtain ⟨pubs, hpubs, hl⟩ := canon_list pv'
          (segmentPublicValues_canon _ _ _ pv' hpvc hok hspv)
        refine ⟨pubs, hpubs, ?_⟩
        rw [hl]
        exact Zkvm.Spec.Segments.length_segmentPublicValues hspv
      · injection h with h
        cases h

/-! ## `check_table_ood` at `verify_segments`' call -/

/-- Images of field elements as the row `locOf` reads them. -/
theorem map_toExt_locOf (L : List Ext4) (n : Nat) (h : L.length = n) :
    L.map toExt = locOf n (fun i => L.getD i 0) := by
  subst h
  apply List.ext_getElem
  · simp [locOf]
  · intro i h1 h2
    have hi : i < L.length := by simpa using h1
    simp only [locOf, List.getElem_map, List.getElem_range, List.getD,
      List.getElem?_eq_getElem hi, Option.getD_some]

/-- **`check_table_ood` never panics at the arguments `verify_segments` passes it**, once
`check_segment_values` has accepted the segments' values (as it has when `verify_segments`
reaches `check_table_ood`), on the hypotheses of `verify_segments_never_panics_of_fixed`: the
openings have the spec's widths (`check_proof_shape` accepted them against the dimensions of the
machine's shapes), the public values are 20 canonical values, the claimed sum and the
challenges are canonical (`SegmentMsgs`, `derive_challenges_spec`). -/
theorem check_table_ood_at_call (H : List UInt8 → Zkvm.Commit.Digest)
    (vk : protocol.vk.VerifyingKey) (stS : Zkvm.Spec.Statement)
    (st : protocol.statement.Statement) (hdrs : List Zkvm.Spec.SegmentHeader)
    (segs : List protocol.proof.Proof)
    (hsegs : segs.length < 2 ^ 32)
    (hfit : ∀ p ∈ segs, ProofFits p)
    (hmsgs : ∀ p ∈ segs, ∃ pf os, SegmentMsgs p pf os)
    (hvals : ∀ p ∈ segs, p.segment_values.length < 2 ^ 64)
    (hlh : ∀ p ∈ segs, p.log_heights.length < 2 ^ 64)
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
    (hcv : air.check_segment_values vk.air st (segs.map (·.segment_values)) = .ok (.ok ())) :
    ∀ shapes, protocol.stark.table_shapes vk.air = .ok shapes →
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
      ∃ r, protocol.stark.check_table_ood id pv o td ch c vk.params.zk = .ok r := by
  intro shapes hshapes s p d hp hpd hshape sh pt b hst ch hch pv hrpv ids hids t id o td c hid
    ho htd hc
  have hsh := shared_transcript_spec H vk stS st hdrs segs hvk hpv hin hout hpl (by omega)
    (by omega) hlen (by omega) hseg hb
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
  rw [toUInt32_toNat_eq s] at hch
  rw [derive_challenges_spec H
    ⟨1, vk.params.num_queries.toNat, d.log_max_lde.toNat, vk.params.pow_bits.toNat, true⟩
    stS hdrs s.toNat { pf with oodValues := oodLists os (d.tables.map (·.has_aux)) } os vk _ _
    p d (by omega) hm.aux_commitment hm.claimed_sums hm.quotient_commitment
    (proof_dimensions_any_aux vk.air vk.params shapes hshapes _ (hlh p hmem) d hpd) hm.openings
    (by omega) hm.openings_len hm.aux_len
    hm.quotient_len hm.sums_len hm.ood_len rfl hm.fri_commitments hm.final_poly hm.pow_nonce
    rfl rfl rfl rfl rfl (by omega) hpow hm.fri_len hm.fri_rounds hm.final_len] at hch
  split at hch
  · injection hch with hch
    injection hch with hch
    subst hch
    -- the public values
    have hpvl : st.public_values.length < 2 ^ 64 := by rw [hpv, List.length_map]; omega
    have hlv : (segs.map (·.segment_values)).length < 2 ^ 64 := by
      rw [List.length_map]; omega
    have hwv : ∀ v ∈ segs.map (·.segment_values), v.length < 2 ^ 64 := fun v hv => by
      obtain ⟨q, hq, rfl⟩ := List.mem_map.mp hv
      exact hvals q hq
    have hpvc : ∀ x ∈ st.public_values, x.toNat < Zkvm.Field.P := by
      intro x hx
      rw [hpv] at hx
      obtain ⟨y, -, rfl⟩ := List.mem_map.mp hx
      rw [toU32_toNat]
      exact y.lt
    obtain ⟨pubs, rfl, hpubs⟩ :=
      segment_public_values_canon vk.air st _ s pv hpvc hpvl hlv hwv hcv hrpv
    -- the openings
    have hcps := check_proof_shape_of_proofDims p vk.params shapes p.log_heights d hd (hfit p hmem)
    rw [hcps] at hshape
    injection hshape with hshape
    have htok := checkProofShape_tablesOk hshape
    have ho' : (os.map toOpenings)[t]? = some o := by rw [← hm.openings]; exact ho
    rw [List.getElem?_map] at ho'
    cases hoS : os[t]? with
    | none => rw [hoS] at ho'; cases ho'
    | some oS =>
    rw [hoS] at ho'
    obtain rfl : toOpenings oS = o := Option.some.inj ho'
    have hoSm : oS ∈ os := List.mem_of_getElem? hoS
    -- the claimed sum
    have hc' : (pf.claimedSums.map toExt)[t]? = some c := by rw [← hm.claimed_sums]; exact hc
    rw [List.getElem?_map] at hc'
    cases hσ : pf.claimedSums[t]? with
    | none => rw [hσ] at hc'; cases hc'
    | some σ =>
    rw [hσ] at hc'
    obtain rfl : toExt σ = c := Option.some.inj hc'
    -- the dimensions
    obtain ⟨off, htd', -, -, -⟩ := Zkvm.Spec.proofDims_ok _ _ _ _ hd
    obtain ⟨shp, lh, off', hshp, -, htdd⟩ :=
      tablesDims_at vk.params 0 shapes p.log_heights d.tables off htd' t td htd
    obtain ⟨hw1, hw2, hw3⟩ := table_shapes_widths vk.air ids shapes hids hshapes t id shp hid hshp
    obtain ⟨hW, hA, hQ⟩ := tableDims_widths vk.params shp lh off' td htdd hw2
    have hok := tablesOk_at _ _ _ htok t _ _ _ ho hc htd
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
    exact check_table_ood_total id vk.params.zk _ _ pubs hpubs oS.auxLocal oS.auxNext
      oS.quotient _ _ _ _ _ σ _ _ _ td (by rw [h3, hA, hw3]) (by rw [h4, hA, hw3])
      (by rw [h5, hQ]) (by have := hml.2.2.2.2; omega)
  · cases hch

/-! ## `verify_segments` when `check_segment_values` rejects -/

/-- **`verify_segments` returns when `check_segment_values` rejects** the segments' values,
for segments (their segment values and claimed heights) shorter than `2^64`, given that the
stages before it never panic: it reaches none of the later stages. -/
theorem verify_segments_of_values_rejected (H : List UInt8 → commit.hash.Digest)
    (vk : protocol.vk.VerifyingKey) (st : protocol.statement.Statement)
    (segs : List protocol.proof.Proof) (hsegs : segs.length < 2 ^ 64)
    (hvals : ∀ p ∈ segs, p.segment_values.length < 2 ^ 64)
    (hlh : ∀ p ∈ segs, p.log_heights.length < 2 ^ 64)
    (hst : ∀ n, ∃ r, protocol.statement.check_statement st n = .ok r)
    (haf : ∀ shapes, protocol.stark.table_shapes vk.air = .ok shapes → ∀ p ∈ segs, ∀ d,
      protocol.stark.proof_dimensions vk.params shapes p.log_heights = .ok (.ok d) →
      ∃ r, protocol.stark.all_fixed_tables vk shapes d = .ok r)
    (hcps : ∀ shapes, protocol.stark.table_shapes vk.air = .ok shapes → ∀ p ∈ segs, ∀ d,
      protocol.stark.proof_dimensions vk.params shapes p.log_heights = .ok (.ok d) →
      ∃ r, protocol.stark.check_proof_shape p d vk.params = .ok r)
    (err : error.VerifyError)
    (hcv : air.check_segment_values vk.air st (segs.map (·.segment_values)) =
      .ok (.error err)) :
    ∃ r, protocol.stark.verify_segments H vk st segs = .ok r := by
  obtain ⟨shapes, hshapes, -⟩ := table_shapes_fit vk.air
  have hair : ∃ npv ids nv, air.num_public_values vk.air = .ok npv ∧
      air.tables vk.air = .ok ids ∧
      air.num_segment_values vk.air = .ok nv := by
    cases vk.air with
    | Rv32imV2 _ => exact ⟨_, _, _, rfl, rfl, rfl⟩
  obtain ⟨npv, ids, nv, hnpv, hids, hnv⟩ := hair
  unfold protocol.stark.verify_segments
  rw [hnpv, ok_bind]
  obtain ⟨rs, hrs⟩ := hst npv
  rw [hrs, ok_bind]
  cases rs with
  | error e => exact ⟨_, rfl⟩
  | ok u =>
  simp only
  split
  · exact ⟨_, rfl⟩
  rw [hids, ok_bind, hshapes, ok_bind, hnv, ok_bind]
  apply loop_count_bind_ex _ _ _ _ (fun x => x.2.2.2) (fun _ => rfl)
    (fun (x : List protocol.stark.ProofDimensions × List (List (List air.FixedTable)) ×
        List (List UInt32) × Usize) =>
      x.2.2.2.toNat ≤ segs.length ∧
      x.2.2.1 = (segs.take x.2.2.2.toNat).map (·.segment_values))
    (fun (r : Exit (List protocol.stark.ProofDimensions × List (List (List air.FixedTable)) ×
        List (List UInt32) × Usize) (Except error.VerifyError Unit)) => match r with
      | .ret _ => True
      | .brk x => x.2.2.1 = segs.map (·.segment_values))
    (by
      intro ⟨ad, af, vs, s⟩ ⟨hs, hvs⟩
      dsimp only at hs hvs ⊢
      by_cases hc : s < Slice.len segs
      · have hlt := (lt_len_iff s segs hsegs).mp hc
        rw [if_pos hc, Slice.index_eq segs s hlt, ok_bind]
        split
        · exact Or.inr ⟨_, rfl, trivial⟩
        have hmem := List.getElem_mem hlt
        obtain ⟨shapes', hshapes', hrd'⟩ := proof_dimensions_of_table_shapes vk.air vk.params
          segs[s.toNat].log_heights (hlh _ hmem)
        rw [hshapes] at hshapes'
        cases hshapes'
        rw [hrd', ok_bind]
        cases hrdv : Zkvm.Spec.proofDims vk.params shapes segs[s.toNat].log_heights with
        | error e => exact Or.inr ⟨_, rfl, trivial⟩
        | ok d =>
        rw [hrdv] at hrd'
        simp only [pure_ok, ok_bind]
        obtain ⟨rf, hrf⟩ := haf shapes hshapes _ hmem d hrd'
        rw [hrf, ok_bind]
        cases rf with
        | error e => exact Or.inr ⟨_, rfl, trivial⟩
        | ok f =>
        simp only
        obtain ⟨rp, hrp⟩ := hcps shapes hshapes _ hmem d hrd'
        rw [hrp, ok_bind]
        cases rp with
        | error e => exact Or.inr ⟨_, rfl, trivial⟩
        | ok u =>
        simp only
        obtain ⟨hsucc, e⟩ := succ_ok s _ hlt hsegs
        rw [segment_values_copy_loop _ _ (hvals _ (List.getElem_mem hlt)), ok_bind, hsucc,
          ok_bind]
        refine Or.inl ⟨_, rfl, e, ?_⟩
        dsimp only
        refine ⟨by omega, ?_⟩
        rw [hvs, e, List.take_add_one, List.getElem?_eq_getElem hlt, Option.toList_some,
          List.map_append]
        rfl
      · rw [if_neg hc]
        refine Or.inr ⟨_, rfl, ?_⟩
        have hn : s.toNat = segs.length := by
          have : ¬ s.toNat < segs.length := fun h' => hc ((lt_len_iff s segs hsegs).mpr h')
          omega
        rw [hn, List.take_of_length_le (by omega)] at hvs
        exact hvs)
    ⟨by simp, by simp [Slice.withCapacity]⟩
  intro r1 hq1
  cases r1 with
  | ret x => exact ⟨_, rfl⟩
  | brk x =>
  obtain ⟨ad, af, vs, s⟩ := x
  dsimp only at hq1
  subst hq1
  simp only
  rw [hcv, ok_bind]
  exact ⟨_, rfl⟩

/-! ## `verify_segments` -/

/-- **`verify_segments` never panics**, on the hypotheses of
`verify_segments_never_panics_of_fixed` without the one on `check_table_ood`: when
`check_segment_values` accepts, that stage is proved never to panic at the arguments
`verify_segments` passes it (`check_table_ood_at_call`); when it rejects, `verify_segments`
returns before (`verify_segments_of_values_rejected`). The freedom from panics of
`check_queries` at the arguments `verify_segments` passes it stays a hypothesis. -/
theorem verify_segments_never_panics_of_ood (H : List UInt8 → Zkvm.Commit.Digest)
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
  have hpvl : st.public_values.length < 2 ^ 64 := by rw [hpv, List.length_map]; omega
  have hlv : (segs.map (·.segment_values)).length < 2 ^ 64 := by
    rw [List.length_map]; omega
  have hwv : ∀ v ∈ segs.map (·.segment_values), v.length < 2 ^ 64 := fun v hv => by
    obtain ⟨q, hq, rfl⟩ := List.mem_map.mp hv
    exact hvals q hq
  obtain ⟨rcv, hrcv⟩ := Zkvm.Refinement.air.check_segment_values_total vk.air st _ hpvl hlv hwv
  cases rcv with
  | ok u =>
    cases u
    exact verify_segments_never_panics_of_fixed H vk stS st hdrs segs cs hsegs hfit hmsgs hvals
      hlh hops hpow hvk hpv hin hout hpl hil hol hlen hseg hb hcs
      (check_table_ood_at_call H vk stS st hdrs segs hsegs hfit hmsgs hvals hlh hpow hvk hpv
        hin hout hpl hil hol hlen hseg hb hrcv) hq
  | error err =>
    apply verify_segments_of_values_rejected (commit.merkle.bytesOf H) vk st segs (by omega)
      hvals hlh (fun n => check_statement_total st n)
      (fun shapes _ _ _ d _ => all_fixed_tables_total vk shapes d hops) _ err hrcv
    intro shapes hshapes p hp d hd
    obtain ⟨shapes', hs', hpd⟩ :=
      proof_dimensions_of_table_shapes vk.air vk.params p.log_heights (hlh p hp)
    rw [hshapes] at hs'
    cases hs'
    rw [hpd] at hd
    injection hd with hd
    exact ⟨_, check_proof_shape_of_proofDims p vk.params shapes p.log_heights d hd (hfit p hp)⟩

/-! ## `check_queries` at `verify_segments`' call -/

/-- The FRI challenges `derive_challenges` returns, as images of extension elements. -/
theorem map_headD_toExt (X : List (List Ext4)) :
    X.map (fun l => toExt (l.headD 0)) = (X.map (fun l => l.headD 0)).map toExt := by
  rw [List.map_map]
  rfl

/-- **`check_queries` never panics at the arguments `verify_segments` passes it**, on the
hypotheses of `verify_segments_never_panics_of_fixed` and, for every segment, queries whose
openings and FRI steps are what the decoder produces (`QueryDataOk`: rows shorter than `2^64`
of canonical entries, paths and siblings the images of typed digests and extension elements):
`check_queries_of_spec` applies, its dimension hypotheses by `proof_dimensions`
(`proofDims_log_lde`, `proofDims_log_height`, `proofDims_gamma`), its shape hypotheses by
`check_proof_shape`'s acceptance (`tablesOk_at`), its messages by `SegmentMsgs` and the
segment's header, its challenges by `derive_challenges_spec`. -/
theorem check_queries_at_call (H : List UInt8 → Zkvm.Commit.Digest)
    (vk : protocol.vk.VerifyingKey) (stS : Zkvm.Spec.Statement)
    (st : protocol.statement.Statement) (hdrs : List Zkvm.Spec.SegmentHeader)
    (segs : List protocol.proof.Proof)
    (hsegs : segs.length < 2 ^ 32)
    (hfit : ∀ p ∈ segs, ProofFits p)
    (hmsgs : ∀ p ∈ segs, ∃ pf os, SegmentMsgs p pf os)
    (hqd : ∀ p ∈ segs, ∃ QD : Nat → QueryData,
      ∀ q (hq : q < p.queries.length), QueryDataOk p.queries[q] (QD q))
    (hlh : ∀ p ∈ segs, p.log_heights.length < 2 ^ 64)
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
      h.mainCap.length < 2 ^ 27) :
    ∀ shapes, protocol.stark.table_shapes vk.air = .ok shapes →
      ∀ (s : Usize) p d, segs[s.toNat]? = some p →
      protocol.stark.proof_dimensions vk.params shapes p.log_heights = .ok (.ok d) →
      protocol.stark.check_proof_shape p d vk.params = .ok (.ok ()) →
      ∀ sh pt b, protocol.stark.shared_transcript (commit.merkle.bytesOf H) vk st segs =
        .ok (sh, pt, b) →
      ∀ ch, protocol.stark.derive_challenges (commit.merkle.bytesOf H) vk sh pt b
        (UInt64.toUInt32 s) p d = .ok (.ok ch) →
      ∃ r, protocol.stark.check_queries (commit.merkle.bytesOf H) p d ch = .ok r := by
  intro shapes hshapes s p d hp hpd hshape sh pt b hst ch hch
  have hsh := shared_transcript_spec H vk stS st hdrs segs hvk hpv hin hout hpl (by omega)
    (by omega) hlen (by omega) hseg hb
  rw [hsh] at hst
  cases hst
  obtain ⟨hlt, hpe⟩ := List.getElem?_eq_some_iff.mp hp
  have hmem : p ∈ segs := List.mem_of_getElem? hp
  obtain ⟨pf, os, hm⟩ := hmsgs p hmem
  obtain ⟨QD, hQD⟩ := hqd p hmem
  have hd := hpd
  obtain ⟨shapes', hs', hpd'⟩ :=
    proof_dimensions_of_table_shapes vk.air vk.params p.log_heights (hlh p hmem)
  rw [hshapes] at hs'
  cases hs'
  rw [hpd'] at hd
  injection hd with hd
  obtain ⟨h27, hlde, h64⟩ := Zkvm.Spec.proofDims_log_lde _ _ _ _ hd
  rw [toUInt32_toNat_eq s] at hch
  rw [derive_challenges_spec H
    ⟨1, vk.params.num_queries.toNat, d.log_max_lde.toNat, vk.params.pow_bits.toNat, true⟩
    stS hdrs s.toNat { pf with oodValues := oodLists os (d.tables.map (·.has_aux)) } os vk _ _
    p d (by omega) hm.aux_commitment hm.claimed_sums hm.quotient_commitment
    (proof_dimensions_any_aux vk.air vk.params shapes hshapes _ (hlh p hmem) d hpd) hm.openings
    (by omega) hm.openings_len hm.aux_len
    hm.quotient_len hm.sums_len hm.ood_len rfl hm.fri_commitments hm.final_poly hm.pow_nonce
    rfl rfl rfl rfl rfl (by omega) hpow hm.fri_len hm.fri_rounds hm.final_len] at hch
  split at hch
  · injection hch with hch
    injection hch with hch
    subst hch
    -- the proof's shape
    have hcps := check_proof_shape_of_proofDims p vk.params shapes p.log_heights d hd (hfit p hmem)
    rw [hcps] at hshape
    injection hshape with hshape
    have htok := checkProofShape_tablesOk hshape
    have hsok : proofShapeOk p d vk.params = true := by
      unfold checkProofShape at hshape
      split at hshape
      · assumption
      · cases hshape
    simp only [proofShapeOk, Bool.and_eq_true, decide_eq_true_eq] at hsok
    obtain ⟨⟨⟨⟨⟨⟨⟨⟨⟨hcsl, hopl⟩, hfrl⟩, -⟩, -⟩, -⟩, -⟩, -⟩, -⟩, -⟩ := hsok
    have hosl : d.tables.length ≤ os.length := by
      rw [hm.openings, List.length_map] at hopl; omega
    have hok : ∀ u (hu : u < d.tables.length) (ho : u < os.length),
        tableOpeningsOk (toOpenings os[u]) d.tables[u] = true := by
      intro u hu ho
      exact tablesOk_at _ _ _ htok u _ p.claimed_sums[u] _
        (by rw [hm.openings, List.getElem?_map, List.getElem?_eq_getElem ho]; rfl)
        (List.getElem?_eq_getElem (by omega)) (List.getElem?_eq_getElem hu)
    -- the main commitment
    have hmc := (hseg s.toNat hlt).2.2
    rw [hpe] at hmc
    have hmcl := (hb _ (List.getElem_mem (show s.toNat < hdrs.length by omega))).2.2
    rw [map_headD_toExt]
    exact ⟨_, check_queries_of_spec H p d _ _ _ _ _ _ _ pf.auxCap pf.quotientCap pf.friCaps
      pf.finalPoly os QD h64 h27
      (fun d' hd' => ⟨proofDims_log_height _ _ _ _ hd d' hd', hlde d' hd'⟩)
      hm.openings hosl hok (proofDims_gamma _ _ _ _ hd) hmc hm.aux_commitment
      hm.quotient_commitment ⟨by omega, by have := hm.aux_len; omega,
        by have := hm.quotient_len; omega⟩
      hm.fri_commitments (fun c hc => by have := hm.fri_len c hc; omega)
      (by have := hm.fri_rounds; omega)
      (by simp [Zkvm.Spec.challenges]; have := hm.fri_rounds; omega)
      (by have := (hfit p hmem).fri_commitments; omega) hm.final_poly
      (by have := hm.final_len; omega) (hfit p hmem).queries
      (by simp [Zkvm.Spec.challenges]; have := UInt32.toNat_lt vk.params.num_queries; omega)
      hQD⟩
  · cases hch

/-! ## `verify_segments` with no stage hypothesis -/

/-- **`verify_segments` never panics**, with no hypothesis left on any stage: on the hypotheses
of `verify_segments_never_panics_of_ood` without the one on `check_queries`, and every
segment's queries what the decoder produces (`QueryDataOk`), `check_queries` is proved never to
panic at the arguments `verify_segments` passes it (`check_queries_at_call`). -/
theorem verify_segments_never_panics_of_queries (H : List UInt8 → Zkvm.Commit.Digest)
    (vk : protocol.vk.VerifyingKey) (stS : Zkvm.Spec.Statement)
    (st : protocol.statement.Statement) (hdrs : List Zkvm.Spec.SegmentHeader)
    (segs : List protocol.proof.Proof) (cs : List (List Zkvm.Field.Ext4))
    (hsegs : segs.length < 2 ^ 32)
    (hfit : ∀ p ∈ segs, ProofFits p)
    (hmsgs : ∀ p ∈ segs, ∃ pf os, SegmentMsgs p pf os)
    (hqd : ∀ p ∈ segs, ∃ QD : Nat → QueryData,
      ∀ q (hq : q < p.queries.length), QueryDataOk p.queries[q] (QD q))
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
    (hcs : segs.map (·.claimed_sums) = cs.map (·.map field.extension.toExt)) :
    ∃ r, protocol.stark.verify_segments (commit.merkle.bytesOf H) vk st segs = .ok r :=
  verify_segments_never_panics_of_ood H vk stS st hdrs segs cs hsegs hfit hmsgs hvals hlh hops
    hpow hvk hpv hin hout hpl hil hol hlen hseg hb hcs
    (check_queries_at_call H vk stS st hdrs segs hsegs hfit hmsgs hqd hlh hpow hvk hpv hin hout
      hpl hil hol hlen hseg hb)

end Zkvm.Refinement.protocol.stark

end
