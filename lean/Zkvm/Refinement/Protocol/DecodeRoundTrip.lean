module

public import Zkvm.Refinement.Protocol.DecodeCanonical

/-!
# The proof decoder reads every encoding within its limits back

The converse of `Zkvm.Refinement.protocol.decodeCanonical.decode_segments_canonical`:

* `read_segment_has`: where the bytes hold `encSegment s` of a segment `SegmentWithin` the
  limits, `read_segment` returns `s` and the position after it. It chains the readers' round
  trips of `Zkvm.Refinement.Protocol.DecodeCanonical` (`read_u32_vec_has`,
  `read_digest_vec_has`, `read_ext_vec_has`, `read_bounded_len_has`, `read_table_openings_has`,
  `read_caps_has`, `read_u64_has`, `read_query_has`) through `encSegment`, with the element loop
  `vec_loop_enc'` for the tables' openings and the queries, and `loop_bind_ok` for the segment
  values' canonicity check.
* `decode_segments_enc`: `decode_segments_with_limits` reads `encSegments segs` of segments
  `WithinLimits` back (encodings shorter than `2^64` bytes): the header (`read_u32_has` at 0
  and 4), the count check (`44 · n ≤ length − 8`, each segment being at least 48 bytes,
  `length_encSegment_ge`), the segments by `vec_loop_enc'` over `read_segment_has`, and the
  final cursor at the end of the bytes (`decode_segments_has` states it for any byte list equal
  to the encoding).
* `decode_segments_iff`: for bytes shorter than `2^64`, the decoder returns `segs` exactly when
  the bytes are `encSegments segs` and `segs` are `WithinLimits`: the proof format has one
  encoding per value, and the decoder accepts exactly the format.
-/

@[expose] public section

noncomputable section

namespace Zkvm.Refinement.protocol.decodeCanonical

open Zkvm.Extraction Zkvm.Extracted Zkvm.Spec.Codec Zkvm.Spec.ProofFormat
open Zkvm.Commit (le32)
open Zkvm.Refinement.protocol.codec

/-- The extracted element loop's body is `vecBody`. -/
local macro "vec_body_tac " rd:term : tactic => `(tactic| (
  unfold vecBody; (try simp only []); split
  · generalize $rd = g
    cases g with
    | ok r =>
      simp only [ok_bind]
      cases r with
      | ok vn => obtain ⟨v, n⟩ := vn; first | rfl | simp only [] | skip
      | error e => first | rfl | simp only [] | skip
    | _ => first | rfl | skip
  · rfl))

/-- The element loop's body is `vecBody`, for a reader given as a function. -/
local macro "vec_body_fun_tac" : tactic => `(tactic| (
  unfold vecBody; (try simp only []); split
  · congr 1
    funext r
    rcases r with _ | ⟨v, n⟩ <;> rfl
  · rfl))

/-- Every segment's encoding is at least 48 bytes (its eleven length prefixes and the nonce). -/
theorem length_encSegment_ge (s : protocol.proof.Proof) : 48 ≤ (encSegment s).length := by
  simp only [encSegment, encFieldVec, encDigestVec, encExtVec, List.length_append,
    length_encLen, length_encU64]
  omega

section Seg

variable {bytes : List UInt8} (hb : bytes.length < 2 ^ 64)

include hb

/-- **Round trip of a segment**: where the bytes hold `encSegment s` of a segment within the
limits, `read_segment` returns it and the position after it. -/
theorem read_segment_has {p : Nat} {limits : protocol.proof.DecodeLimits}
    {s : protocol.proof.Proof} (hs : SegmentWithin limits s) (h : Has bytes p (encSegment s)) :
    protocol.proof.read_segment bytes (UInt64.ofNat p) limits =
      .ok (.ok (s, UInt64.ofNat (p + (encSegment s).length))) := by
  obtain ⟨sv, lh, mc, ac, cs, qc, os, fc, fp, nonce, qs⟩ := s
  obtain ⟨hsv, hlh, hmc, hac, hcs, hqc, hos, hfc, hfp, hqs⟩ := hs
  simp only at hsv hlh hmc hac hcs hqc hos hfc hfp hqs
  obtain ⟨hsv1, hsv2⟩ := hsv
  obtain ⟨hos1, hos2⟩ := hos
  obtain ⟨hq1, hq2, hq3⟩ := hqs
  have hq2' : qs.length < 2 ^ 32 := hq2
  have h' : Has bytes p (encFieldVec sv ++ (encFieldVec lh ++ (encDigestVec mc ++
      (encDigestVec ac ++ (encExtVec cs ++ (encDigestVec qc ++ (encLen os.length ++
      (os.flatMap encOpenings ++ (encLen fc.length ++ (fc.flatMap encDigestVec ++
      (encExtVec fp ++ (encU64 nonce ++ (encLen qs.length ++ qs.flatMap encQuery))))))))))))) :=
    h.eq (by simp only [encSegment, List.append_assoc])
  -- the pieces, right-associated
  have H1 := h'.right
  have H2 := H1.right
  have H3 := H2.right
  have H4 := H3.right
  have H5 := H4.right
  have H6 := H5.right
  have H7 := H6.right
  rw [length_encLen] at H7
  have H8 := H7.right
  have H9 := H8.right.right
  rw [length_encLen] at H9
  have H10 := H9.right
  have H11 := H10.right
  rw [length_encU64] at H11
  have H12 := H11.right
  rw [length_encLen] at H12
  -- bounds
  have hsv' : Short sv := by unfold Short; omega
  have hge7 := length_flatMap_ge encOpenings 20 os (fun o ho => by
    simp only [encOpenings, encExtVec, List.length_append, length_encLen]; omega)
  have hge12 := length_flatMap_ge encQuery 28 qs (fun q hq => by
    have := length_encMultiOpening_ge q.main
    have := length_encMultiOpening_ge q.aux
    have := length_encMultiOpening_ge q.quotient
    simp only [encQuery, List.length_append, length_encLen]; omega)
  have c20 : protocol.proof.MIN_OPENINGS_BYTES.toNat = 20 := rfl
  have c28 : protocol.proof.MIN_QUERY_BYTES.toNat = 28 := rfl
  have c64 : protocol.proof.MAX_TABLES.toNat = 64 := rfl
  have c16 : protocol.proof.MAX_SEGMENT_VALUES.toNat = 16 := rfl
  have hcsn : ¬ (Slice.len cs > limits.max_tables) := by
    rw [gt_iff_lt, UInt64.lt_iff_toNat_lt, Slice.len_toNat cs (by have := hcs.1.1; unfold Short at this; omega)]
    omega
  have e : p + (encSegment ⟨sv, lh, mc, ac, cs, qc, os, fc, fp, nonce, qs⟩).length =
      p + (encFieldVec sv).length + (encFieldVec lh).length + (encDigestVec mc).length +
        (encDigestVec ac).length + (encExtVec cs).length + (encDigestVec qc).length + 4 +
        (os.flatMap encOpenings).length + 4 + (fc.flatMap encDigestVec).length +
        (encExtVec fp).length + 8 + 4 + (qs.flatMap encQuery).length := by
    simp only [encSegment, List.length_append, length_encLen, length_encU64]; omega
  rw [e]
  unfold protocol.proof.read_segment
  simp only [read_u32_vec_has hb hsv' (by rw [c16]; exact hsv1) h'.left, ok_bind, pure_ok]
  refine loop_bind_ok _ _ _ _ (fun _ => True) (fun r => ∃ v, r = Exit.brk v) ?_ trivial ?_
  · intro v _
    by_cases hlt : v < Slice.len sv
    · have hlt' := UInt64.lt_iff_toNat_lt.mp hlt
      have hsvn : (Slice.len sv).toNat = sv.length := Slice.len_toNat sv (by omega)
      have hvl : v.toNat < sv.length := by omega
      have hc : sv[v.toNat].toNat < Zkvm.Field.P := hsv2 _ (List.getElem_mem _)
      left
      have e : (v + 1).toNat = v.toNat + 1 := by simp only [UInt64.toNat_add]; simp; omega
      refine ⟨v + 1, ?_, ?_, trivial⟩
      · simp only [hlt, if_true, Slice.index_eq sv v hvl, ok_bind,
          Zkvm.Refinement.field.is_canonical_spec, hc, decide_true, Bool.not_true,
          Bool.false_eq_true, if_false, Usize.add_eq v 1 (by simp; omega)]
      · show 2 ^ 64 - (v + 1).toNat < 2 ^ 64 - v.toNat
        rw [e]; omega
    · right
      exact ⟨Exit.brk v, by simp only [hlt, if_false], v, rfl⟩
  · rintro r ⟨v, rfl⟩
    simp only [read_u32_vec_has hb hlh.2 hlh.1 H1.left, ok_bind, read_digest_vec_has hb hmc H2.left, read_digest_vec_has hb hac H3.left,
      read_ext_vec_has hb hcs.1 H4.left, hcsn, if_false,
      read_digest_vec_has hb hqc H5.left,
      read_bounded_len_has (m := protocol.proof.MIN_OPENINGS_BYTES)
        (max := protocol.proof.MAX_TABLES) hb (by omega) (by rw [c64]; exact hos1) H6
        (by simp only [List.length_append, c20]; omega),
      Slice.withCapacity]
    refine (vec_loop_enc' bytes protocol.proof.read_table_openings encOpenings os _
      (fun x hx c hc => read_table_openings_has hb (hos2 x hx) hc) H7.left
      (by omega) _ _ (fun _ => rfl)
      (fun s => by vec_body_tac (protocol.proof.read_table_openings bytes s.1)) _).trans ?_
    simp only [read_caps_has hb hfc H8, ok_bind, read_ext_vec_has hb hfp H9.left,
      read_u64_has hb H10.left,
      read_bounded_len_has (m := protocol.proof.MIN_QUERY_BYTES)
        (max := limits.max_queries) hb hq2 hq1 H11
        (by simp only [c28]; omega)]
    refine (vec_loop_enc' bytes (fun b c => protocol.proof.read_query b c limits) encQuery qs _
      (fun x hx c hc => read_query_has hb (hq3 x hx) hc) H12
      (by omega) _ _ (fun _ => rfl)
      (fun s => by vec_body_fun_tac) _).trans ?_
    rfl

/-- **The decoder reads encodings back** (for a byte list given with its value). -/
theorem decode_segments_has {limits : protocol.proof.DecodeLimits}
    {segs : List protocol.proof.Proof} (hw : WithinLimits limits segs)
    (hbytes : bytes = encSegments segs) :
    protocol.proof.decode_segments_with_limits bytes limits = .ok (.ok segs) := by
  obtain ⟨hw1, hw2, hw3, hw4⟩ := hw
  replace hw3 : segs.length < 2 ^ 32 := hw3
  have H : Has bytes 0 (le32 version ++ (encLen segs.length ++ segs.flatMap encSegment)) :=
    ⟨[], [], by simp [hbytes, encSegments], rfl⟩
  have hlen : bytes.length = 8 + (segs.flatMap encSegment).length := by
    simp only [hbytes, encSegments, List.length_append, length_le32, length_encLen]
  have hge := length_flatMap_ge encSegment 48 segs (fun s _ => length_encSegment_ge s)
  have H1 := H.right
  rw [length_le32] at H1
  have H2 := H1.right
  rw [length_encLen] at H2
  have r0 : protocol.codec.read_u32 bytes 0 = .ok (.ok (version, UInt64.ofNat (0 + 4))) :=
    read_u32_has hb H.left
  have r1 : protocol.codec.read_u32 bytes (UInt64.ofNat (0 + 4)) =
      .ok (.ok (UInt32.ofNat segs.length, UInt64.ofNat (0 + 4 + 4))) :=
    read_u32_has hb (v := UInt32.ofNat segs.length) H1.left
  have hv : version = protocol.proof.PROOF_FORMAT_VERSION := rfl
  have hn : (UInt64.ofNat segs.length).toNat = segs.length :=
    UInt64.toNat_ofNat_of_lt' (by simp [UInt64.size]; omega)
  have hcount : (UInt32.ofNat segs.length).toUInt64 = UInt64.ofNat segs.length := by
    apply UInt64.toNat_inj.mp
    rw [hn, UInt32.toNat_toUInt64, UInt32.toNat_ofNat_of_lt' (by omega)]
  have hc0 : ¬ (UInt64.ofNat segs.length = 0) := by
    intro h0
    have := congrArg UInt64.toNat h0
    have h00 : (0 : UInt64).toNat = 0 := rfl
    rw [hn, h00] at this
    omega
  have hcm : ¬ (UInt64.ofNat segs.length > limits.max_segments) := by
    rw [gt_iff_lt, UInt64.lt_iff_toNat_lt, hn]; omega
  have hbn : (Slice.len bytes).toNat = bytes.length := Slice.len_toNat bytes hb
  have h8 : (UInt64.ofNat (0 + 4 + 4)).toNat = 8 := rfl
  have hsub : Usize.checked_sub (Slice.len bytes) (UInt64.ofNat (0 + 4 + 4)) =
      some (Slice.len bytes - UInt64.ofNat (0 + 4 + 4)) := by
    unfold Usize.checked_sub
    rw [if_pos (by rw [hbn, h8]; omega)]
  have hrem : (Slice.len bytes - UInt64.ofNat (0 + 4 + 4)).toNat = bytes.length - 8 := by
    rw [UInt64.toNat_sub_of_le _ _ (by rw [UInt64.le_iff_toNat_le, hbn, h8]; omega), hbn, h8]
  have hdiv : ¬ (UInt64.ofNat segs.length >
      (Slice.len bytes - UInt64.ofNat (0 + 4 + 4)) / protocol.proof.MIN_SEGMENT_BYTES) := by
    rw [gt_iff_lt, UInt64.lt_iff_toNat_lt, hn, UInt64.toNat_div, hrem]
    have c44 : protocol.proof.MIN_SEGMENT_BYTES.toNat = 44 := rfl
    rw [c44]
    omega
  have hend : UInt64.ofNat (0 + 4 + 4 + (segs.flatMap encSegment).length) = Slice.len bytes := by
    simp only [Slice.len, hlen]
  unfold protocol.proof.decode_segments_with_limits protocol.proof.read_header
  simp only [r0, ok_bind, pure_ok, hv, ne_eq, not_true_eq_false, if_false, r1, hcount, hc0, hcm,
    decide_false, Bool.or_false, hsub, Usize.div_eq _ protocol.proof.MIN_SEGMENT_BYTES (by decide),
    hdiv, Slice.withCapacity]
  refine (vec_loop_enc' bytes (fun b c => protocol.proof.read_segment b c limits) encSegment segs _
    (fun x hx c hc => read_segment_has hb (hw4 x hx) hc) H2
    (by omega) _ _ (fun _ => rfl)
    (fun s => by vec_body_fun_tac) _).trans ?_
  simp only [hend, not_true_eq_false, if_false]

end Seg

/-- **The decoder reads every encoding within its limits back**: `decode_segments_with_limits`
returns `segs` from `encSegments segs`, for segments `WithinLimits` whose encoding is shorter
than `2^64` bytes. -/
theorem decode_segments_enc {limits : protocol.proof.DecodeLimits}
    {segs : List protocol.proof.Proof} (hw : WithinLimits limits segs)
    (hb : (encSegments segs).length < 2 ^ 64) :
    protocol.proof.decode_segments_with_limits (encSegments segs) limits = .ok (.ok segs) :=
  decode_segments_has hb hw rfl

/-- **The decoder accepts exactly the format**: for bytes shorter than `2^64`,
`decode_segments_with_limits` returns `segs` if and only if the bytes are `encSegments segs`
and `segs` are `WithinLimits`. -/
theorem decode_segments_iff {bytes : List UInt8} (hb : bytes.length < 2 ^ 64)
    {limits : protocol.proof.DecodeLimits} {segs : List protocol.proof.Proof} :
    protocol.proof.decode_segments_with_limits bytes limits = .ok (.ok segs) ↔
      bytes = encSegments segs ∧ WithinLimits limits segs :=
  ⟨decode_segments_canonical hb, fun ⟨he, hw⟩ => decode_segments_has hb hw he⟩

end Zkvm.Refinement.protocol.decodeCanonical
