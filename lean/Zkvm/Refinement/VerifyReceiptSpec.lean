module

public import Zkvm.Spec.ReceiptVerifier
public import Zkvm.Refinement.Protocol.DecodeRoundTrip
public import Zkvm.Refinement.Protocol.VkDigest
public import Zkvm.Refinement.VerifyReceiptTotal
public import Zkvm.Refinement.Protocol.Stark.VerifySegmentsSpec

/-!
# `verify_receipt` computes the spec receipt verifier

`Zkvm.Spec.ReceiptVerifier.receiptAccept` (Spec/ReceiptVerifier.lean) is the receipt verifier
written for reading. Here, `verify_receipt_iff_spec`: for the hash `bytesOf H` of a spec hash and
a verifying key whose digest is `vkD`'s bytes, whose proof-of-work bound is below 64 bits and
whose program's entry and zero intervals are canonical (fewer than `2^64` intervals), on every
byte string that fits a `usize`, the extracted `verify_receipt` returns a verified run exactly
when `receiptAccept` accepts that run. With `verify_receipt_never_panics`
(VerifyReceiptTotal.lean) this is the whole top-level verifier (`verify_receipt_refines`): it
never panics, and it returns a verified run exactly when the spec accepts that run, a typed
error otherwise.

Built from, stage by stage:
* `verify_receipt_ok_iff` (Receipt.lean): `verify_receipt` accepts ⇔ `decode_receipt`,
  `statement_of`, `decode_limits`, `decode_segments_with_limits` and `verify_segments` accept;
* the receipt's bytes: `decode_receipt_canonical` (ReceiptCanonical.lean) one way,
  `decode_receipt_enc` (Receipt.lean) the other, with `decode_receipt_proof_len`;
* the statement: `statement_of_spec` and `publicValues_canonical` give `statement_of_eq`
  (`statement_of` is the image of `receiptStatement`);
* the decoder's limits: `decode_limits_spec`;
* the segments: `decode_segments_ok` (DecodeImages.lean: every decoded segment is `SegOk`) gives
  typed headers and views for the decoded segments (`exists_segmentsImage`) and, for any typed
  headers and views they are the images of, the facts `verify_segments_iff_spec`
  (VerifySegmentsSpec.lean) takes (`segmentMsgs_of_image`), so `verify_segments` accepts ⇔
  `segmentsAccept` (`verify_segments_decoded_iff`).
-/

@[expose] public section

noncomputable section

namespace Zkvm.Refinement.receipt

open Zkvm.Extraction Zkvm.Extracted Zkvm.Spec.Receipt Zkvm.Spec.ReceiptVerifier
open Zkvm.Spec.Verifier (SegmentView segmentsAccept statementImage)
open Zkvm.Spec.VerifyingKey (vkProgram)
open Zkvm.Refinement.field (toU32 toU32_toNat)
open Zkvm.Refinement.protocol.stark (SegmentMsgs toOpenings)

/-! ## The statement -/

/-- The image of the field element of a canonical `u32` is the `u32`. -/
theorem toU32_ofU32 (a : UInt32) (h : a.toNat < Zkvm.Field.P) :
    toU32 (Zkvm.Spec.ofU32 a) = a := by
  apply UInt32.toNat_inj.mp
  rw [toU32_toNat]
  unfold Zkvm.Spec.ofU32
  show (Zkvm.Field.BabyBear.ofNat a.toNat).val = a.toNat
  simp only [Zkvm.Field.BabyBear.ofNat]
  exact Nat.mod_eq_of_lt h

/-- **`statement_of` is the image of `receiptStatement`**, for a key whose program's entry and
zero intervals are canonical (fewer than `2^64` intervals), an input and an output that fit a
`usize`. -/
theorem statement_of_eq (vk : protocol.vk.VerifyingKey) (vkD : Zkvm.Commit.Digest)
    (exitCode : UInt32) (cycles : UInt64) (consumed : UInt32) (input output : List UInt8)
    (hz : ∀ p, vk.air = .Rv32imV2 p → p.zero_intervals.length < 2 ^ 64)
    (hcan : (vkProgram vk).entry.toNat < Zkvm.Field.P ∧
      ∀ z ∈ zeroIntervals (vkProgram vk), z.1.toNat < Zkvm.Field.P ∧ z.2.toNat < Zkvm.Field.P)
    (hi : input.length < 2 ^ 64) (ho : output.length < 2 ^ 64) :
    receipt.statement_of vk exitCode cycles consumed input output =
      .ok ((receiptStatement vkD (vkProgram vk) exitCode cycles consumed input output).map
        statementImage) := by
  rw [statement_of_spec vk _ _ _ _ _ hz]
  congr 1
  unfold receiptStatement
  revert hcan
  unfold vkProgram
  cases vk.air with
  | Rv32imV2 prog =>
  intro hcan
  dsimp only at hcan ⊢
  rw [Slice.len_toNat _ hi, Slice.len_toNat _ ho]
  have hzp : air.rv32im.statement.zeroPairs prog = zeroIntervals prog := rfl
  rw [hzp]
  cases hpv : publicValues prog.entry exitCode cycles input.length consumed.toNat output.length
      (zeroIntervals prog) with
  | error e => rfl
  | ok pv =>
    have hc := (publicValues_canonical hpv hcan.1 hcan.2).1
    show Except.ok _ = Except.ok _
    congr 1
    show _ = (⟨(pv.map Zkvm.Spec.ofU32).map toU32, input, output⟩ : protocol.statement.Statement)
    rw [List.map_map]
    congr 1
    conv => lhs; rw [← List.map_id pv]
    apply List.map_congr_left
    intro a ha
    exact (toU32_ofU32 a (hc a ha)).symm

/-- What an accepted `receiptStatement` is: the key's digest, 15 public values, the input and
output, each shorter than p. -/
theorem receiptStatement_ok {vkD : Zkvm.Commit.Digest} {prog : receipt.program.Program}
    {exitCode : UInt32} {cycles : UInt64} {consumed : UInt32} {input output : List UInt8}
    {st : Zkvm.Spec.Statement}
    (h : receiptStatement vkD prog exitCode cycles consumed input output = .ok st) :
    st.vkDigest = vkD ∧ st.publicValues.length = 15 ∧ st.input = input ∧ st.output = output ∧
      input.length < 2013265921 ∧ output.length < 2013265921 := by
  unfold receiptStatement at h
  cases hpv : publicValues prog.entry exitCode cycles input.length consumed.toNat output.length
      (zeroIntervals prog) with
  | error e => rw [hpv] at h; cases h
  | ok pv =>
    rw [hpv] at h
    cases h
    have hl := length_publicValues hpv
    unfold publicValues at hpv
    split at hpv
    · cases hpv
    rename_i hc
    simp only [not_or, Nat.not_lt, Nat.not_le] at hc
    refine ⟨rfl, by simp [hl], rfl, rfl, by omega, by omega⟩

/-! ## The segments' typed values -/

/-- A segment that is the image of a header and a view, and whose messages are the images of
some typed messages within the protocol's sizes (`SegmentMsgs`), has the view's messages within
those sizes: the lengths are the images'. -/
theorem segmentMsgs_of_image {p : protocol.proof.Proof} {h : Zkvm.Spec.SegmentHeader}
    {v : SegmentView} {pf : Zkvm.Spec.ProofMsgs} {os : List Zkvm.Refinement.protocol.stark.OodSpec}
    (him : SegmentImage p h v) (hm : SegmentMsgs p pf os) : SegmentMsgs p v.msgs v.ood := by
  have lAux := congrArg List.length (him.auxCap.symm.trans hm.aux_commitment)
  have lQuot := congrArg List.length (him.quotientCap.symm.trans hm.quotient_commitment)
  have lSums := congrArg List.length (him.claimedSums.symm.trans hm.claimed_sums)
  have lOod := congrArg List.length (him.openings.symm.trans hm.openings)
  have lFri := congrArg List.length (him.friCaps.symm.trans hm.fri_commitments)
  have lFin := congrArg List.length (him.finalPoly.symm.trans hm.final_poly)
  simp only [List.length_map] at lAux lQuot lSums lOod lFri lFin
  refine ⟨him.auxCap, him.claimedSums, him.quotientCap, him.openings, him.friCaps, him.finalPoly,
    him.powNonce, by rw [lOod]; exact hm.openings_len, by rw [lAux]; exact hm.aux_len,
    by rw [lQuot]; exact hm.quotient_len, by rw [lSums]; exact hm.sums_len, ?_, ?_,
    by rw [lFri]; exact hm.fri_rounds, by rw [lFin]; exact hm.final_len⟩
  · intro o ho
    have hmem : toOpenings o ∈ p.openings := by
      rw [him.openings]; exact List.mem_map_of_mem ho
    rw [hm.openings] at hmem
    obtain ⟨o', ho', he⟩ := List.mem_map.mp hmem
    have b := hm.ood_len o' ho'
    have e1 := congrArg (fun x => x.main_local.length) he
    have e2 := congrArg (fun x => x.main_next.length) he
    have e3 := congrArg (fun x => x.aux_local.length) he
    have e4 := congrArg (fun x => x.aux_next.length) he
    have e5 := congrArg (fun x => x.quotient.length) he
    simp only [toOpenings, List.length_map] at e1 e2 e3 e4 e5
    omega
  · intro c hc
    have hmem : c.map Zkvm.Commit.Digest.bytes ∈ p.fri_commitments := by
      rw [him.friCaps]; exact List.mem_map_of_mem hc
    rw [hm.fri_commitments] at hmem
    obtain ⟨c', hc', he⟩ := List.mem_map.mp hmem
    have b := hm.fri_len c' hc'
    have e := congrArg List.length he
    simp only [List.length_map] at e
    omega

/-- **A decoded segment is the image of a typed header and view** (from `SegOk`). -/
theorem exists_image_of_segOk {p : protocol.proof.Proof} (hs : protocol.decode.SegOk p) :
    ∃ h v, SegmentImage p h v := by
  obtain ⟨pf, os, hm⟩ := hs.msgs
  obtain ⟨QD, hQD⟩ := hs.qd
  obtain ⟨mc, hmc, -⟩ := hs.main
  exact ⟨⟨p.segment_values, p.log_heights, mc⟩, ⟨pf, os, QD⟩, rfl, rfl, hmc, hm.aux_commitment,
    hm.claimed_sums, hm.quotient_commitment, hm.openings, hm.fri_commitments, hm.final_poly,
    hm.pow_nonce, hQD⟩

/-- A relation holding of every element and some pair of values gives two lists of such
values, index by index. -/
theorem exists_lists_of_forall {α β γ : Type} (R : α → β → γ → Prop) :
    ∀ l : List α, (∀ a ∈ l, ∃ b c, R a b c) →
      ∃ (bs : List β) (cs : List γ), bs.length = l.length ∧ cs.length = l.length ∧
        ∀ (s : Nat) a b c, l[s]? = some a → bs[s]? = some b → cs[s]? = some c → R a b c
  | [], _ => ⟨[], [], rfl, rfl, fun s a b c h => by simp at h⟩
  | a :: l, h => by
    obtain ⟨b, c, hR⟩ := h a List.mem_cons_self
    obtain ⟨bs, cs, hbl, hcl, hR'⟩ :=
      exists_lists_of_forall R l (fun x hx => h x (List.mem_cons_of_mem _ hx))
    refine ⟨b :: bs, c :: cs, by simp [hbl], by simp [hcl], fun s a' b' c' h1 h2 h3 => ?_⟩
    cases s with
    | zero =>
      simp only [List.getElem?_cons_zero, Option.some.injEq] at h1 h2 h3
      subst h1 h2 h3
      exact hR
    | succ s =>
      simp only [List.getElem?_cons_succ] at h1 h2 h3
      exact hR' s a' b' c' h1 h2 h3

/-- **The decoded segments are the images of typed headers and views.** -/
theorem exists_segmentsImage (segs : List protocol.proof.Proof)
    (hok : ∀ p ∈ segs, protocol.decode.SegOk p) :
    ∃ hdrs views, SegmentsImage segs hdrs views :=
  exists_lists_of_forall SegmentImage segs (fun p hp => exists_image_of_segOk (hok p hp))

/-- **On decoded segments, `verify_segments` accepts exactly when `segmentsAccept` does**, for
any typed headers and views the segments are the images of: the hypotheses of
`verify_segments_iff_spec` from `decode_segments_ok` and `SegmentsImage`. -/
theorem verify_segments_decoded_iff (H : List UInt8 → Zkvm.Commit.Digest)
    (vk : protocol.vk.VerifyingKey) (stS : Zkvm.Spec.Statement) (proof : List UInt8)
    (segs : List protocol.proof.Proof) (hdrs : List Zkvm.Spec.SegmentHeader)
    (views : List SegmentView) (hp32 : proof.length < 2 ^ 32)
    (hdec : protocol.proof.decode_segments_with_limits proof (decodeLimits vk) = .ok (.ok segs))
    (himg : SegmentsImage segs hdrs views)
    (hpow : vk.params.pow_bits.toNat < 64)
    (hvk : protocol.vk.vk_digest (commit.merkle.bytesOf H) vk = .ok stS.vkDigest.bytes)
    (hpl : stS.publicValues.length < 2 ^ 30) (hil : stS.input.length < 2013265921)
    (hol : stS.output.length < 2013265921) :
    protocol.stark.verify_segments (commit.merkle.bytesOf H) vk (statementImage stS) segs =
        .ok (.ok ()) ↔
      segmentsAccept H vk stS hdrs segs views := by
  obtain ⟨hsl, hok⟩ := protocol.decode.decode_segments_ok (bytes := proof) (by omega) hp32
    (show (12 : UInt64).toNat < 2 ^ 30 by decide) hdec
  have hsl' : segs.length < 2 ^ 32 := by
    have : (decodeLimits vk).max_segments.toNat = 65536 := rfl
    omega
  obtain ⟨hhl, hvl, hi⟩ := himg
  have him : ∀ i (h : i < segs.length), SegmentImage segs[i] (hdrs[i]'(by omega))
      (views[i]'(by omega)) := fun i h =>
    hi i _ _ _ (List.getElem?_eq_getElem h) (List.getElem?_eq_getElem _)
      (List.getElem?_eq_getElem _)
  refine protocol.stark.verify_segments_iff_spec H vk stS hdrs segs views hsl'
    (fun p hp => (hok p hp).fits) hvl ?_ (fun p hp => by have := (hok p hp).vals; omega)
    (fun p hp => by have := (hok p hp).lh; omega) hpow hvk hpl hil hol hhl.symm
    (fun i h => ⟨(him i h).values, (him i h).logHeights, (him i h).mainCap⟩) ?_
  · intro s p v hp hv
    have hs : s < segs.length := (List.getElem?_eq_some_iff.mp hp).1
    have hI := hi s p _ v hp (List.getElem?_eq_getElem (show s < hdrs.length by omega)) hv
    obtain ⟨pf, os, hm⟩ := (hok p (List.mem_of_getElem? hp)).msgs
    exact ⟨segmentMsgs_of_image hI hm, hI.queries⟩
  · intro h hh
    obtain ⟨i, hi', rfl⟩ := List.getElem_of_mem hh
    have hs : i < segs.length := by omega
    have hI := him i hs
    have hS := hok segs[i] (List.getElem_mem hs)
    obtain ⟨mc, hmc, hmcl⟩ := hS.main
    have e := congrArg List.length (hmc.symm.trans hI.mainCap)
    simp only [List.length_map] at e
    refine ⟨by rw [← hI.values]; exact hS.vals, by rw [← hI.logHeights]; exact hS.lh, ?_⟩
    omega

/-! ## The receipt verifier -/

/-- **`verify_receipt` accepts a run exactly when the spec receipt verifier `receiptAccept`
accepts it**, on every byte string that fits a `usize`, for the hash `bytesOf H` of a spec hash
and a verifying key whose digest is the bytes of `vkD`, whose proof-of-work bound is below 64
bits and whose program's entry and zero intervals are canonical (fewer than `2^64` intervals):
the hypotheses of `verify_receipt_never_panics` but the one on the program's ops. Through
`verify_receipt_ok_iff`, stage by stage (`decode_receipt_canonical`/`decode_receipt_enc`,
`statement_of_eq`, `decode_limits_spec`, `verify_segments_decoded_iff`). -/
theorem verify_receipt_iff_spec (H : List UInt8 → Zkvm.Commit.Digest)
    (vk : protocol.vk.VerifyingKey) (vkD : Zkvm.Commit.Digest)
    (hvk : protocol.vk.vk_digest (commit.merkle.bytesOf H) vk = .ok vkD.bytes)
    (hpow : vk.params.pow_bits.toNat < 64)
    (hprog : ∀ prog, vk.air = .Rv32imV2 prog → prog.zero_intervals.length < 2 ^ 64 ∧
      prog.entry.toNat < Zkvm.Field.P ∧
      ∀ z ∈ prog.zero_intervals, z.lo.toNat < Zkvm.Field.P ∧ z.hi.toNat < Zkvm.Field.P)
    (bytes : List UInt8) (hb : bytes.length < 2 ^ 64) (run : receipt.VerifiedRun) :
    receipt.verify_receipt (commit.merkle.bytesOf H) vk bytes = .ok (.ok run) ↔
      receiptAccept H vk vkD bytes run := by
  have hz : ∀ p, vk.air = .Rv32imV2 p → p.zero_intervals.length < 2 ^ 64 :=
    fun p hp => (hprog p hp).1
  have hcan : (vkProgram vk).entry.toNat < Zkvm.Field.P ∧
      ∀ z ∈ zeroIntervals (vkProgram vk), z.1.toNat < Zkvm.Field.P ∧
        z.2.toNat < Zkvm.Field.P := by
    revert hprog
    unfold vkProgram
    cases vk.air with
    | Rv32imV2 prog =>
    intro hprog
    obtain ⟨-, he, hzi⟩ := hprog prog rfl
    refine ⟨he, fun z hz' => ?_⟩
    obtain ⟨w, hw, rfl⟩ := List.mem_map.mp hz'
    exact hzi w hw
  rw [verify_receipt_ok_iff]
  constructor
  · rintro ⟨rc, st, segs, limits, h1, h2, h3, h4, h5, rfl⟩
    have hcanR := decode_receipt_canonical bytes hb rc h1
    have hlenR := length_encReceipt rc.exit_code rc.cycles rc.input_consumed rc.input rc.output
      rc.proof
    rw [← hcanR] at hlenR
    have hp32 := decode_receipt_proof_len bytes hb rc h1
    rw [decode_limits_spec] at h3
    cases h3
    rw [statement_of_eq vk vkD _ _ _ _ _ hz hcan (by omega) (by omega)] at h2
    cases hrs : receiptStatement vkD (vkProgram vk) rc.exit_code rc.cycles rc.input_consumed
        rc.input rc.output with
    | error e => rw [hrs] at h2; cases h2
    | ok stS =>
      rw [hrs] at h2
      cases h2
      obtain ⟨hvd, hpl, hin, hout, hil, hol⟩ := receiptStatement_ok hrs
      obtain ⟨-, hok⟩ := protocol.decode.decode_segments_ok (bytes := rc.proof) (by omega) hp32
        (show (12 : UInt64).toNat < 2 ^ 30 by decide) h4
      obtain ⟨hdrs, views, himg⟩ := exists_segmentsImage segs hok
      obtain ⟨hpe, hwl⟩ := (protocol.decodeCanonical.decode_segments_iff (by omega)).mp h4
      refine ⟨rc.exit_code, rc.cycles, rc.input_consumed, rc.input, rc.output, rc.proof, stS, segs,
        hdrs, views, ⟨hcanR, by omega, by omega, hp32⟩, hrs, hpe, hwl, himg, ?_, ?_⟩
      · exact (verify_segments_decoded_iff H vk stS rc.proof segs hdrs views hp32 h4 himg hpow
          (by rw [hvd]; exact hvk) (by omega) (by rw [hin]; exact hil)
          (by rw [hout]; exact hol)).mp h5
      · simp only [statementImage, hin, hout]
  · rintro ⟨e, c, k, input, output, proof, stS, segs, hdrs, views, ⟨rfl, hi, ho, hp⟩, hrs, hpe,
      hwl, himg, hacc, rfl⟩
    have hdec := (protocol.decodeCanonical.decode_segments_iff (by omega)).mpr ⟨hpe, hwl⟩
    obtain ⟨hvd, hpl, hin, hout, hil, hol⟩ := receiptStatement_ok hrs
    refine ⟨⟨e, c, k, input, output, proof⟩, statementImage stS, segs, decodeLimits vk,
      decode_receipt_enc e c k input output proof hi ho hp, ?_, decode_limits_spec vk, hdec, ?_,
      ?_⟩
    · show receipt.statement_of vk e c k input output = _
      rw [statement_of_eq vk vkD e c k input output hz hcan (by omega) (by omega), hrs]
      rfl
    · exact (verify_segments_decoded_iff H vk stS proof segs hdrs views hp hdec himg hpow
        (by rw [hvd]; exact hvk) (by omega) (by rw [hin]; exact hil)
        (by rw [hout]; exact hol)).mpr hacc
    · simp only [statementImage, hin, hout]

/-- **The top-level verifier, refined**: on every byte string that fits a `usize`, for the
hypotheses of `verify_receipt_never_panics`, `verify_receipt` returns (it never panics), and
what it returns is a verified run exactly when `receiptAccept` accepts that run; otherwise it is
a typed error. (`verify_receipt_never_panics` with `verify_receipt_iff_spec`.) -/
theorem verify_receipt_refines (H : List UInt8 → Zkvm.Commit.Digest)
    (vk : protocol.vk.VerifyingKey) (vkD : Zkvm.Commit.Digest)
    (hvk : protocol.vk.vk_digest (commit.merkle.bytesOf H) vk = .ok vkD.bytes)
    (hops : ∀ prog, vk.air = .Rv32imV2 prog → ∀ r ∈ prog.rows, r.op.toNat + 64 < 2 ^ 32)
    (hpow : vk.params.pow_bits.toNat < 64)
    (hprog : ∀ prog, vk.air = .Rv32imV2 prog → prog.zero_intervals.length < 2 ^ 64 ∧
      prog.entry.toNat < Zkvm.Field.P ∧
      ∀ z ∈ prog.zero_intervals, z.lo.toNat < Zkvm.Field.P ∧ z.hi.toNat < Zkvm.Field.P)
    (bytes : List UInt8) (hb : bytes.length < 2 ^ 64) :
    ∃ r, receipt.verify_receipt (commit.merkle.bytesOf H) vk bytes = .ok r ∧
      ∀ run, r = .ok run ↔ receiptAccept H vk vkD bytes run := by
  obtain ⟨r, hr⟩ := verify_receipt_never_panics H vk vkD hvk hops hpow hprog bytes hb
  refine ⟨r, hr, fun run => ?_⟩
  rw [← verify_receipt_iff_spec H vk vkD hvk hpow hprog bytes hb run, hr]
  constructor
  · intro h; rw [h]
  · intro h; injection h

/-- **The top-level theorem with the key's digest specified**: for a key whose program's lists fit
a `usize` (`KeyFits`), whose proof-of-work bound is below 64 bits and whose program's entry and
zero intervals are canonical, on every byte string `verify_receipt` returns, and returns a run
exactly when `receiptAccept` accepts it with the key's digest `Zkvm.Spec.VerifyingKey.vkDigest`
(the hash of the key's encoding, `vk_digest_spec`), a typed error otherwise. -/
theorem verify_receipt_refines_key (H : List UInt8 → Zkvm.Commit.Digest)
    (vk : protocol.vk.VerifyingKey) (hfits : Zkvm.Spec.VerifyingKey.KeyFits vk)
    (hops : ∀ prog, vk.air = .Rv32imV2 prog → ∀ r ∈ prog.rows, r.op.toNat + 64 < 2 ^ 32)
    (hpow : vk.params.pow_bits.toNat < 64)
    (hprog : ∀ prog, vk.air = .Rv32imV2 prog → prog.zero_intervals.length < 2 ^ 64 ∧
      prog.entry.toNat < Zkvm.Field.P ∧
      ∀ z ∈ prog.zero_intervals, z.lo.toNat < Zkvm.Field.P ∧ z.hi.toNat < Zkvm.Field.P)
    (bytes : List UInt8) (hb : bytes.length < 2 ^ 64) :
    ∃ r, receipt.verify_receipt (commit.merkle.bytesOf H) vk bytes = .ok r ∧
      ∀ run, r = .ok run ↔ receiptAccept H vk (Zkvm.Spec.VerifyingKey.vkDigest H vk) bytes run :=
  verify_receipt_refines H vk _ (protocol.vk.vk_digest_spec H vk hfits) hops hpow hprog bytes hb

end Zkvm.Refinement.receipt

end
