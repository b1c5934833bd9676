module

public import Zkvm.Refinement.ReceiptCanonical
public import Zkvm.Refinement.Protocol.DecodeImages
public import Zkvm.Refinement.Protocol.Stark.VerifySegmentsOod

/-!
# `verify_receipt` never panics

`verify_receipt_total` (ReceiptCanonical.lean) reduces the freedom from panics of
`verify_receipt` to that of `verify_segments`; `verify_segments_never_panics_of_queries`
(VerifySegmentsOod.lean) proves `verify_segments` never panics on inputs that are images of typed
values within the protocol's sizes. Here the receipt's decoders are shown to produce such
inputs, and the two are combined:

* `decode_receipt_proof_len`: a decoded receipt's proof bytes are shorter than `2^32` (its
  length prefix is a `u32`, `read_bytes_len`);
* `publicValues_canonical`: the statement's public values are canonical when the program's
  entry and zero intervals are (the input and output lengths are checked below p);
* `decode_segments_ok` (DecodeImages.lean): every decoded segment is `SegOk`;
* `verify_receipt_never_panics`: for a verifying key whose digest is a digest, whose program's
  ops are below `2^32 − 64`, entry and zero intervals canonical, and whose proof-of-work bound is
  below 64 bits, `verify_receipt` returns a run or a typed error on every byte string.
-/

@[expose] public section

noncomputable section

namespace Zkvm.Refinement.receipt

open Zkvm.Extraction Zkvm.Extracted Zkvm.Spec.Codec Zkvm.Spec.Receipt
open Zkvm.Commit (le32)
open Zkvm.Refinement.protocol.codec

/-- What `read_bytes` returns is shorter than `2^32` (its length prefix is a `u32`). -/
theorem read_bytes_len {bytes : List UInt8} {pos : Usize} (hb : bytes.length < 2 ^ 64)
    {out : List UInt8} {e : Usize} (h : receipt.read_bytes bytes pos = .ok (.ok (out, e))) :
    out.length < 2 ^ 32 := by
  have hn := Slice.len_toNat bytes hb
  unfold receipt.read_bytes at h
  obtain ⟨r1, h1⟩ := read_u32_total bytes pos hb
  rcases r1 with e1 | ⟨len32, start⟩
  · have hl : protocol.codec.read_len bytes pos 1 = .ok (.error e1) := by
      unfold protocol.codec.read_len; simp only [h1, ok_bind]; rfl
    rw [hl, ok_bind] at h
    simp at h
  obtain ⟨p1, l1, t1⟩ := read_u32_inv hb h1
  rw [read_len_of hb h1 1, ok_bind] at h
  by_cases hfit : len32.toNat * (1 : Usize).toNat < 2 ^ 64 ∧
      len32.toNat * (1 : Usize).toNat ≤ bytes.length - start.toNat
  · rw [if_pos hfit] at h
    simp only [pure_ok, ok_bind] at h
    by_cases hc : start.toNat + len32.toUInt64.toNat < 2 ^ 64
    · have c1 : Usize.checked_add start len32.toUInt64 = some (start + len32.toUInt64) := by
        simp only [Usize.checked_add]; rw [if_pos hc]
      have eadd : (start + len32.toUInt64).toNat = start.toNat + len32.toNat := by
        simp only [UInt64.toNat_add, UInt32.toNat_toUInt64]
        simp only [UInt32.toNat_toUInt64] at hc; omega
      rw [c1] at h
      simp only at h
      split at h
      · simp at h
      · rename_i hle
        have hle' : start.toNat + len32.toNat ≤ bytes.length := by
          rw [gt_iff_lt, UInt64.lt_iff_toNat_lt, eadd, hn] at hle; omega
        have hr : Slice.range bytes start (start + len32.toUInt64) =
            .ok ((bytes.take (start + len32.toUInt64).toNat).drop start.toNat) := by
          unfold Slice.range; rw [if_pos ⟨by omega, by omega⟩]
        rw [hr] at h
        simp only [ok_bind, Outcome.ok.injEq, Except.ok.injEq, Prod.mk.injEq,
          Slice.extend, Slice.withCapacity, List.nil_append] at h
        obtain ⟨ho, he⟩ := h
        have hol : out.length = len32.toNat := by
          rw [← ho, List.length_drop, List.length_take, eadd]; omega
        rw [hol]; exact len32.toNat_lt
    · have c1 : Usize.checked_add start len32.toUInt64 = none := by
        simp only [Usize.checked_add]; rw [if_neg hc]
      rw [c1] at h
      simp at h
  · rw [if_neg hfit] at h
    simp at h

/-- The proof bytes of a decoded receipt are shorter than `2^32`. -/
theorem decode_receipt_proof_len (bytes : List UInt8) (hb : bytes.length < 2 ^ 64)
    (rc : receipt.Receipt) (h : receipt.decode_receipt bytes = .ok (.ok rc)) :
    rc.proof.length < 2 ^ 32 := by
  have hn := Slice.len_toNat bytes hb
  have hm : (Slice.len receipt.RECEIPT_MAGIC).toNat = 12 := rfl
  unfold receipt.decode_receipt at h
  by_cases h12 : Slice.len bytes < Slice.len receipt.RECEIPT_MAGIC
  · rw [if_pos h12] at h; cases h
  rw [if_neg h12] at h
  have hl : 12 ≤ bytes.length := by
    rw [UInt64.lt_iff_toNat_lt, hn, hm] at h12; omega
  -- the magic loop: it stops with an error, or after checking the 12 bytes
  simp only at h
  obtain ⟨r, hr, h⟩ := Outcome.bind_eq_ok.mp h
  have hq := loop_result hr
    (fun i : Usize => i.toNat ≤ 12 ∧ ∀ k < i.toNat, bytes[k]? = magic[k]?)
    (fun r : Exit Usize (Except error.VerifyError receipt.Receipt) => match r with
      | .ret x => ∀ rc', x ≠ .ok rc'
      | .brk _ => ∀ k < 12, bytes[k]? = magic[k]?)
    (fun i ⟨hi, hk⟩ => by
      by_cases hc : i < Slice.len receipt.RECEIPT_MAGIC
      · have hi12 : i.toNat < 12 := by rw [UInt64.lt_iff_toNat_lt, hm] at hc; exact hc
        have e1 : Slice.index bytes i = .ok bytes[i.toNat] := Slice.index_eq _ _ (by omega)
        have e2 : Slice.index receipt.RECEIPT_MAGIC i = .ok (receipt.RECEIPT_MAGIC[i.toNat]'(by
            simp only [magic_eq, length_magic]; exact hi12)) :=
          Slice.index_eq _ _ (by simp only [magic_eq, length_magic]; exact hi12)
        by_cases heq : bytes[i.toNat] = receipt.RECEIPT_MAGIC[i.toNat]'(by
            simp only [magic_eq, length_magic]; exact hi12)
        · left
          have e : (i + 1).toNat = i.toNat + 1 := by simp only [UInt64.toNat_add]; simp; omega
          refine ⟨i + 1, ?_, ?_, ?_, ?_⟩
          · simp only [if_pos hc, e1, e2, ok_bind, heq, ne_eq, not_true_eq_false, if_false,
              Usize.add_eq i 1 (by simp; omega), pure_ok]
          · show 2 ^ 64 - (i + 1).toNat < 2 ^ 64 - i.toNat
            rw [e]; omega
          · rw [e]; omega
          · intro k hk'
            rw [e] at hk'
            rcases Nat.lt_succ_iff_lt_or_eq.mp hk' with hk' | rfl
            · exact hk k hk'
            · rw [List.getElem?_eq_getElem (by omega), heq]
              simp only [magic_eq, List.getElem?_eq_getElem (show i.toNat < magic.length from
                by rw [length_magic]; exact hi12)]
        · right
          refine ⟨_, by simp only [if_pos hc, e1, e2, ok_bind, ne_eq, heq, not_false_eq_true,
            if_true, pure_ok] <;> rfl, ?_⟩
          intro rc' h'; cases h'
      · right
        have hi' : i.toNat = 12 := by
          rw [UInt64.lt_iff_toNat_lt, hm] at hc; omega
        refine ⟨_, by simp only [if_neg hc, pure_ok] <;> rfl, ?_⟩
        intro k hk'
        exact hk k (by omega))
    ⟨by simp, by simp⟩
  cases r with
  | ret x =>
    simp only [pure_ok, Outcome.ok.injEq] at h hq
    exact absurd h (hq rc)
  | brk j =>
  simp only at h hq
  -- version
  obtain ⟨r1, h1, h⟩ := Outcome.bind_eq_ok.mp h
  rcases r1 with e | ⟨version, p1⟩
  · simp at h
  simp only [pure_ok, ok_bind] at h
  split at h
  · simp at h
  rename_i hver
  -- exit code
  obtain ⟨r2, h2, h⟩ := Outcome.bind_eq_ok.mp h
  rcases r2 with e | ⟨exitCode, p2⟩
  · simp at h
  simp only at h
  -- cycles
  obtain ⟨r3, h3, h⟩ := Outcome.bind_eq_ok.mp h
  rcases r3 with e | ⟨cycles, p3⟩
  · simp at h
  simp only at h
  -- consumed
  obtain ⟨r4, h4, h⟩ := Outcome.bind_eq_ok.mp h
  rcases r4 with e | ⟨consumed, p4⟩
  · simp at h
  simp only at h
  -- input, output, proof
  obtain ⟨r5, h5, h⟩ := Outcome.bind_eq_ok.mp h
  rcases r5 with e | ⟨input, p5⟩
  · simp at h
  simp only at h
  obtain ⟨r6, h6, h⟩ := Outcome.bind_eq_ok.mp h
  rcases r6 with e | ⟨output, p6⟩
  · simp at h
  simp only at h
  obtain ⟨r7, h7, h⟩ := Outcome.bind_eq_ok.mp h
  rcases r7 with e | ⟨proof, p7⟩
  · simp at h
  simp only at h
  split at h
  · simp at h
  rename_i hend
  simp only [Outcome.ok.injEq, Except.ok.injEq] at h
  subst h
  exact read_bytes_len hb h7


/-- **The statement's public values are canonical** when the program's entry and zero
intervals are; the input and output lengths are then below p. -/
theorem publicValues_canonical {entry exitCode : UInt32} {cycles : UInt64}
    {inLen consumed outLen : Nat} {zeros : List (UInt32 × UInt32)} {pv : List UInt32}
    (h : publicValues entry exitCode cycles inLen consumed outLen zeros = .ok pv)
    (he : entry.toNat < Zkvm.Field.P)
    (hz : ∀ z ∈ zeros, z.1.toNat < Zkvm.Field.P ∧ z.2.toNat < Zkvm.Field.P) :
    (∀ a ∈ pv, a.toNat < Zkvm.Field.P) ∧ inLen < Zkvm.Field.P ∧ outLen < Zkvm.Field.P := by
  have hP : Zkvm.Field.P = 2013265921 := rfl
  unfold publicValues at h
  split at h
  · cases h
  rename_i hc
  split at h
  · cases h
  cases h
  simp only [not_or, Nat.not_lt, Nat.not_le] at hc
  obtain ⟨-, h2, h3, h4, h5⟩ := hc
  refine ⟨fun a ha => ?_, by omega, by omega⟩
  simp only [List.mem_append, List.mem_cons, List.not_mem_nil, or_false, List.mem_flatMap] at ha
  rcases ha with (rfl | rfl | rfl | rfl | rfl | rfl | rfl) | ⟨j, -, hj⟩
  · exact he
  · have := Nat.and_le_right (n := exitCode.toNat) (m := 65535)
    simp only [UInt32.toNat_and]
    rw [hP]; exact Nat.lt_of_le_of_lt (by simpa using this) (by decide)
  · simp only [UInt32.toNat_shiftRight, Nat.shiftRight_eq_div_pow]
    have := exitCode.toNat_lt
    simp; omega
  · simp only [UInt64.toNat_toUInt32]; omega
  · rw [UInt32.toNat_ofNat_of_lt' (by simp [UInt32.size]; omega)]; omega
  · rw [UInt32.toNat_ofNat_of_lt' (by simp [UInt32.size]; omega)]; omega
  · rw [UInt32.toNat_ofNat_of_lt' (by simp [UInt32.size]; omega)]; omega
  · unfold zeroPair at hj
    split at hj
    · rename_i z hzj
      have hm := hz z (List.mem_of_getElem? hzj)
      simp only [List.mem_cons, List.not_mem_nil, or_false] at hj
      rcases hj with rfl | rfl
      · exact hm.1
      · exact hm.2
    · simp only [List.mem_cons, List.not_mem_nil, or_false] at hj
      rcases hj with rfl | rfl <;> (rw [hP]; decide)

open Classical in
/-- The header a segment's decoded values give (the main cap's digests chosen). -/
def hdrOf (p : protocol.proof.Proof) : Zkvm.Spec.SegmentHeader :=
  ⟨p.segment_values, p.log_heights,
    if h : ∃ mc : List Zkvm.Commit.Digest,
        p.main_commitment = mc.map Zkvm.Commit.Digest.bytes ∧ mc.length < 2 ^ 27
    then Classical.choose h else []⟩

open Classical in
/-- The claimed sums a segment's decoded values give (chosen). -/
def sumsOf (p : protocol.proof.Proof) : List Zkvm.Field.Ext4 :=
  if h : ∃ cs : List Zkvm.Field.Ext4, p.claimed_sums = cs.map field.extension.toExt
  then Classical.choose h else []

theorem hdrOf_spec (p : protocol.proof.Proof) (h : protocol.decode.SegOk p) :
    p.main_commitment = (hdrOf p).mainCap.map Zkvm.Commit.Digest.bytes ∧
      (hdrOf p).mainCap.length < 2 ^ 27 := by
  unfold hdrOf
  simp only [dif_pos h.main]
  exact Classical.choose_spec h.main

theorem sumsOf_spec (p : protocol.proof.Proof) (h : protocol.decode.SegOk p) :
    p.claimed_sums = (sumsOf p).map field.extension.toExt := by
  unfold sumsOf
  simp only [dif_pos h.sums]
  exact Classical.choose_spec h.sums

/-- **`verify_receipt` never panics**, on every byte string (that fits a `usize`), for the hash
`bytesOf H` of a spec hash and a verifying key whose digest is the bytes of a digest, whose
program's ops are below `2^32 − 64`, whose entry and zero intervals are canonical (fewer than
`2^64` intervals) and whose proof-of-work bound is below 64 bits: it returns a verified run or a
typed error. -/
theorem verify_receipt_never_panics (H : List UInt8 → Zkvm.Commit.Digest)
    (vk : protocol.vk.VerifyingKey) (vkD : Zkvm.Commit.Digest)
    (hvk : protocol.vk.vk_digest (commit.merkle.bytesOf H) vk = .ok vkD.bytes)
    (hops : ∀ prog, vk.air = .Rv32imV2 prog → ∀ r ∈ prog.rows, r.op.toNat + 64 < 2 ^ 32)
    (hpow : vk.params.pow_bits.toNat < 64)
    (hprog : ∀ prog, vk.air = .Rv32imV2 prog → prog.zero_intervals.length < 2 ^ 64 ∧
      prog.entry.toNat < Zkvm.Field.P ∧
      ∀ z ∈ prog.zero_intervals, z.lo.toNat < Zkvm.Field.P ∧ z.hi.toNat < Zkvm.Field.P)
    (bytes : List UInt8) (hb : bytes.length < 2 ^ 64) :
    ∃ r, receipt.verify_receipt (commit.merkle.bytesOf H) vk bytes = .ok r := by
  have hz : ∀ p, vk.air = .Rv32imV2 p → p.zero_intervals.length < 2 ^ 64 :=
    fun p hp => (hprog p hp).1
  unfold receipt.verify_receipt
  obtain ⟨r1, h1⟩ := decode_receipt_total bytes hb
  rw [h1, ok_bind]
  rcases r1 with e | rc
  · exact ⟨_, rfl⟩
  simp only [pure_ok, ok_bind]
  rw [statement_of_spec vk _ _ _ _ _ hz, ok_bind]
  split
  · rename_i st hst
    have hcan := decode_receipt_canonical bytes hb rc h1
    have hlenR := length_encReceipt rc.exit_code rc.cycles rc.input_consumed rc.input rc.output
      rc.proof
    rw [← hcan] at hlenR
    have hp32 : rc.proof.length < 2 ^ 32 := decode_receipt_proof_len bytes hb rc h1
    rw [decode_limits_spec, ok_bind]
    obtain ⟨r2, h2⟩ := protocol.proof.decode_segments_with_limits_total rc.proof (by omega)
      ⟨protocol.proof.MAX_SEGMENTS, 12, if vk.params.zk then 36 else 12,
        vk.params.num_queries.toUInt64, 27⟩
    rw [h2, ok_bind]
    rcases r2 with e | segs
    · exact ⟨_, rfl⟩
    simp only
    obtain ⟨hsl, hsegs⟩ := protocol.decode.decode_segments_ok (bytes := rc.proof) (by omega) hp32
      (show (12 : UInt64).toNat < 2 ^ 30 by decide) h2
    have hsl' : segs.length < 2 ^ 32 := by
      have : protocol.proof.MAX_SEGMENTS.toNat = 65536 := rfl
      simp only [this] at hsl; omega
    -- the statement: the image of a spec statement
    cases hair : vk.air with
    | Rv32imV2 prog =>
    rw [hair] at hst
    simp only at hst
    cases hpvs : publicValues prog.entry rc.exit_code rc.cycles (Slice.len rc.input).toNat
        rc.input_consumed.toNat (Slice.len rc.output).toNat
        (air.rv32im.statement.zeroPairs prog) with
    | error e => rw [hpvs] at hst; cases hst
    | ok pv =>
    rw [hpvs] at hst
    simp only [Except.map, Except.ok.injEq] at hst
    subst hst
    obtain ⟨hzl, hent, hzi⟩ := hprog prog hair
    obtain ⟨hpc, hinP, houtP⟩ := publicValues_canonical hpvs hent (by
      intro z hz'
      unfold air.rv32im.statement.zeroPairs at hz'
      obtain ⟨w, hw, rfl⟩ := List.mem_map.mp hz'
      exact hzi w hw)
    have hpl := length_publicValues hpvs
    obtain ⟨pvS, hpvS⟩ := protocol.decode.exists_map_of_forall Zkvm.Refinement.field.toU32 pv
      (fun a ha => protocol.decode.exists_toU32 a (hpc a ha))
    have hinl : (Slice.len rc.input).toNat = rc.input.length := Slice.len_toNat _ (by omega)
    have houtl : (Slice.len rc.output).toNat = rc.output.length := Slice.len_toNat _ (by omega)
    rw [hinl] at hinP
    rw [houtl] at houtP
    obtain ⟨r3, h3⟩ := protocol.stark.verify_segments_never_panics_of_queries H vk
      ⟨vkD, pvS, rc.input, rc.output⟩ ⟨pv, rc.input, rc.output⟩ (segs.map hdrOf) segs
      (segs.map sumsOf) hsl'
      (fun p hp => (hsegs p hp).fits) (fun p hp => (hsegs p hp).msgs)
      (fun p hp => (hsegs p hp).qd)
      (fun p hp => by have := (hsegs p hp).vals; omega)
      (fun p hp => by have := (hsegs p hp).lh; omega)
      hops hpow hvk hpvS rfl rfl
      (by rw [hpvS, List.length_map] at hpl; simp only; omega) hinP houtP
      (by rw [List.length_map])
      (fun i hi => by
        simp only [List.getElem_map]
        exact ⟨rfl, rfl, (hdrOf_spec _ (hsegs _ (List.getElem_mem hi))).1⟩)
      (fun h hh => by
        obtain ⟨p, hp, rfl⟩ := List.mem_map.mp hh
        have hs := hsegs p hp
        exact ⟨by have := hs.vals; exact this, by have := hs.lh; exact this,
          (hdrOf_spec p hs).2⟩)
      (by
        rw [List.map_map]
        apply List.map_congr_left
        intro p hp
        exact sumsOf_spec p (hsegs p hp))
    rw [h3, ok_bind]
    rcases r3 with e | u
    · exact ⟨_, rfl⟩
    · exact ⟨_, rfl⟩
  · exact ⟨_, rfl⟩

end Zkvm.Refinement.receipt

end
