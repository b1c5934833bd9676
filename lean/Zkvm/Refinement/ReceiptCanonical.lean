module

public import Zkvm.Refinement.Receipt
public import Zkvm.Refinement.Protocol.Decode

/-!
# A receipt has one encoding

`decode_receipt` accepts only the canonical bytes of what it returns: if it decodes `bytes` to a
receipt, `bytes` is `encReceipt` of that receipt's fields (`decode_receipt_canonical`). So a
receipt cannot be re-encoded into other accepted bytes, and its input, output and proof are no
longer than the bytes. Built from inversions of the readers: `read_u32_inv`, `read_u64_inv`,
`read_bytes_inv` (what they accepted is the encoding of what they returned).

With it, `verify_receipt_total`: `verify_receipt` never panics on any bytes, provided
`verify_segments` never panics (the one stage not yet refined).
-/

@[expose] public section

noncomputable section

namespace Zkvm.Refinement.receipt

open Zkvm.Extraction Zkvm.Extracted Zkvm.Spec.Codec Zkvm.Spec.Receipt
open Zkvm.Commit (le32)
open Zkvm.Refinement.protocol.codec

/-- Four bytes are the little-endian encoding of the `u32` they read as. -/
theorem le32_from_le_bytes (b : List UInt8) (h : b.length = 4) :
    le32 (U32.from_le_bytes b) = b := by
  match b, h with
  | [b0, b1, b2, b3], _ =>
    have h0 := b0.toNat_lt
    have h1 := b1.toNat_lt
    have h2 := b2.toNat_lt
    have h3 := b3.toNat_lt
    have hv : (U32.from_le_bytes [b0, b1, b2, b3]).toNat =
        b0.toNat + 256 * (b1.toNat + 256 * (b2.toNat + 256 * b3.toNat)) := by
      simp only [U32.from_le_bytes, leValue]
      rw [UInt32.toNat_ofNat_of_lt' (by simp [UInt32.size]; omega)]
      omega
    simp only [le32, List.cons.injEq, and_true]
    refine ⟨?_, ?_, ?_, ?_⟩ <;> apply UInt8.toNat_inj.mp <;>
      simp only [UInt32.toNat_toUInt8, UInt32.toNat_shiftRight, hv, Nat.shiftRight_eq_div_pow] <;>
      simp <;> omega

/-- **What `read_u32` accepted**: the four bytes at `pos` encode the value, and the position
moves past them. -/
theorem read_u32_inv {bytes : List UInt8} {pos : Usize} (hb : bytes.length < 2 ^ 64)
    {v : UInt32} {e : Usize} (h : protocol.codec.read_u32 bytes pos = .ok (.ok (v, e))) :
    e.toNat = pos.toNat + 4 ∧ pos.toNat + 4 ≤ bytes.length ∧
      (bytes.drop pos.toNat).take 4 = le32 v := by
  rw [read_u32_spec _ _ hb] at h
  by_cases h1 : pos.toNat + 4 < 2 ^ 64
  · by_cases h2 : bytes.length < pos.toNat + 4
    · simp [h1, h2] at h
    · simp only [h1, h2, if_true, if_false, Outcome.ok.injEq, Except.ok.injEq,
        Prod.mk.injEq] at h
      obtain ⟨hv, he⟩ := h
      have e4 : (pos + 4).toNat = pos.toNat + 4 := by simp only [UInt64.toNat_add]; simp; omega
      refine ⟨by rw [← he, e4], by omega, ?_⟩
      rw [← hv, le32_from_le_bytes]
      simp; omega
  · simp [h1] at h

/-- A `u64` made of two words, as a number. -/
theorem words_toNat (low high : UInt32) :
    ((high.toUInt64 <<< UInt64.ofNat 32) ||| low.toUInt64).toNat =
      high.toNat * 2 ^ 32 + low.toNat := by
  have hl := low.toNat_lt
  have hh := high.toNat_lt
  rw [UInt64.toNat_or, UInt64.toNat_shiftLeft, UInt32.toNat_toUInt64, UInt32.toNat_toUInt64]
  have h32 : (UInt64.ofNat 32).toNat % 64 = 32 := by decide
  rw [h32]
  have e1 : high.toNat <<< 32 % 2 ^ 64 = high.toNat <<< 32 := by
    rw [Nat.shiftLeft_eq]; exact Nat.mod_eq_of_lt (by simp at hh; omega)
  rw [e1, ← Nat.shiftLeft_add_eq_or_of_lt (by simp at hl; omega), Nat.shiftLeft_eq]

/-- **What `read_u64` accepted**: the eight bytes at `pos` encode the value. -/
theorem read_u64_inv {bytes : List UInt8} {pos : Usize} (hb : bytes.length < 2 ^ 64)
    {v : UInt64} {e : Usize} (h : protocol.codec.read_u64 bytes pos = .ok (.ok (v, e))) :
    e.toNat = pos.toNat + 8 ∧ pos.toNat + 8 ≤ bytes.length ∧
      (bytes.drop pos.toNat).take 8 = encU64 v := by
  unfold protocol.codec.read_u64 at h
  obtain ⟨r1, h1⟩ := read_u32_total bytes pos hb
  rw [h1, ok_bind] at h
  rcases r1 with e1 | ⟨low, pos1⟩
  · simp at h
  simp only [pure_ok, ok_bind] at h
  obtain ⟨r2, h2⟩ := read_u32_total bytes pos1 hb
  rw [h2, ok_bind] at h
  rcases r2 with e2 | ⟨high, pos2⟩
  · simp at h
  simp only [ok_bind, U64.shl_eq _ 32 (by decide), Outcome.ok.injEq, Except.ok.injEq,
    Prod.mk.injEq] at h
  obtain ⟨hv, he⟩ := h
  obtain ⟨p1, l1, t1⟩ := read_u32_inv hb h1
  obtain ⟨p2, l2, t2⟩ := read_u32_inv hb h2
  refine ⟨by rw [← he, p2, p1], by omega, ?_⟩
  -- the value's words are low and high
  have hw := words_toNat low high
  rw [hv] at hw
  have hlow : v.toUInt32 = low := by
    apply UInt32.toNat_inj.mp
    rw [UInt64.toNat_toUInt32, hw]
    have := low.toNat_lt
    simp at this ⊢
  have hhigh : (v >>> 32).toUInt32 = high := by
    apply UInt32.toNat_inj.mp
    rw [UInt64.toNat_toUInt32, UInt64.toNat_shiftRight, hw]
    have := low.toNat_lt
    have := high.toNat_lt
    have h32' : (32 : UInt64).toNat % 64 = 32 := by decide
    rw [h32', Nat.shiftRight_eq_div_pow]
    simp at this ⊢; omega
  simp only [encU64, hlow, hhigh]
  rw [← t1, ← t2, p1]
  have : (bytes.drop pos.toNat).take 8 =
      (bytes.drop pos.toNat).take 4 ++ ((bytes.drop pos.toNat).drop 4).take 4 := by
    rw [show (8 : Nat) = 4 + 4 from rfl, List.take_add]
  rw [this, List.drop_drop]

/-- **What `read_bytes` accepted**: a length prefix and that many bytes at `pos`, which encode the
string returned. -/
theorem read_bytes_inv {bytes : List UInt8} {pos : Usize} (hb : bytes.length < 2 ^ 64)
    {out : List UInt8} {e : Usize} (h : receipt.read_bytes bytes pos = .ok (.ok (out, e))) :
    e.toNat = pos.toNat + 4 + out.length ∧ pos.toNat + 4 + out.length ≤ bytes.length ∧
      (bytes.drop pos.toNat).take (4 + out.length) = encBytes out := by
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
      simp only [pure_ok, ok_bind] at h
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
        refine ⟨by rw [← he, eadd, p1, hol], by omega, ?_⟩
        have hout : out = (bytes.drop start.toNat).take len32.toNat := by
          rw [← ho, List.drop_take, eadd]
          congr 1
          omega
        have hc32 : UInt32.ofNat out.length = len32 := by
          rw [hol]; exact UInt32.ofNat_toNat
        rw [List.take_add, t1, List.drop_drop, ← p1, hol, ← hout]
        simp only [encBytes, encLen, hc32]
    · have c1 : Usize.checked_add start len32.toUInt64 = none := by
        simp only [Usize.checked_add]; rw [if_neg hc]
      rw [c1] at h
      simp at h
  · rw [if_neg hfit] at h
    simp at h

/-- What a loop returned satisfies what every stop of its body does, by an invariant. -/
theorem loop_result {σ ρ : Type} {measure : σ → Nat} {body : σ → Outcome (Step σ ρ)} {init : σ}
    {r : ρ} (h : loop measure body init = .ok r) (P : σ → Prop) (Q : ρ → Prop)
    (step : ∀ s, P s →
      (∃ s', body s = .ok (.cont s') ∧ measure s' < measure s ∧ P s') ∨
      (∃ r, body s = .ok (.done r) ∧ Q r))
    (hinit : P init) : Q r := by
  obtain ⟨r', h', q⟩ := loop_ok measure body init P Q step hinit
  rw [h] at h'
  cases h'
  exact q

/-- A segment read at `p` followed by the rest. -/
theorem drop_eq_append {α : Type} (l : List α) (p n : Nat) (x : List α)
    (h : (l.drop p).take n = x) : l.drop p = x ++ l.drop (p + n) := by
  rw [← h, ← List.drop_drop, List.take_append_drop]

/-- **A receipt has one encoding**: bytes that `decode_receipt` accepts are `encReceipt` of the
receipt it returns. -/
theorem decode_receipt_canonical (bytes : List UInt8) (hb : bytes.length < 2 ^ 64)
    (rc : receipt.Receipt) (h : receipt.decode_receipt bytes = .ok (.ok rc)) :
    bytes = encReceipt rc.exit_code rc.cycles rc.input_consumed rc.input rc.output rc.proof := by
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
  simp only [pure_ok, ok_bind] at h
  -- cycles
  obtain ⟨r3, h3, h⟩ := Outcome.bind_eq_ok.mp h
  rcases r3 with e | ⟨cycles, p3⟩
  · simp at h
  simp only [pure_ok, ok_bind] at h
  -- consumed
  obtain ⟨r4, h4, h⟩ := Outcome.bind_eq_ok.mp h
  rcases r4 with e | ⟨consumed, p4⟩
  · simp at h
  simp only [pure_ok, ok_bind] at h
  -- input, output, proof
  obtain ⟨r5, h5, h⟩ := Outcome.bind_eq_ok.mp h
  rcases r5 with e | ⟨input, p5⟩
  · simp at h
  simp only [pure_ok, ok_bind] at h
  obtain ⟨r6, h6, h⟩ := Outcome.bind_eq_ok.mp h
  rcases r6 with e | ⟨output, p6⟩
  · simp at h
  simp only [pure_ok, ok_bind] at h
  obtain ⟨r7, h7, h⟩ := Outcome.bind_eq_ok.mp h
  rcases r7 with e | ⟨proof, p7⟩
  · simp at h
  simp only [pure_ok, ok_bind] at h
  split at h
  · simp at h
  rename_i hend
  simp only [Outcome.ok.injEq, Except.ok.injEq] at h
  subst h
  dsimp only
  obtain ⟨q1, -, t1⟩ := read_u32_inv hb h1
  obtain ⟨q2, -, t2⟩ := read_u32_inv hb h2
  obtain ⟨q3, -, t3⟩ := read_u64_inv hb h3
  obtain ⟨q4, -, t4⟩ := read_u32_inv hb h4
  obtain ⟨q5, -, t5⟩ := read_bytes_inv hb h5
  obtain ⟨q6, -, t6⟩ := read_bytes_inv hb h6
  obtain ⟨q7, l7, t7⟩ := read_bytes_inv hb h7
  have hv : version = 1 := by simpa using hver
  have he : p7.toNat = bytes.length := by
    have := congrArg UInt64.toNat (show p7 = Slice.len bytes by simpa using hend)
    rw [this, hn]
  rw [hm] at q1 t1
  rw [hv] at t1
  -- the magic
  have htake : bytes.take 12 = magic := by
    apply List.ext_getElem?
    intro k
    by_cases hk : k < 12
    · rw [List.getElem?_take_of_lt hk, hq k hk]
    · rw [List.getElem?_eq_none (by simp; omega), List.getElem?_eq_none (by simp [length_magic]; omega)]
  have d0 : bytes = magic ++ bytes.drop 12 := by
    rw [← htake]; exact (List.take_append_drop 12 bytes).symm
  have d1 := drop_eq_append bytes 12 4 _ t1
  rw [← q1] at d1
  have d2 := drop_eq_append bytes _ 4 _ t2
  rw [← q2] at d2
  have d3 := drop_eq_append bytes _ 8 _ t3
  rw [← q3] at d3
  have d4 := drop_eq_append bytes _ 4 _ t4
  rw [← q4] at d4
  have d5 := drop_eq_append bytes _ _ _ t5
  rw [← Nat.add_assoc, ← q5] at d5
  have d6 := drop_eq_append bytes _ _ _ t6
  rw [← Nat.add_assoc, ← q6] at d6
  have d7 := drop_eq_append bytes _ _ _ t7
  rw [← Nat.add_assoc, ← q7, he, List.drop_length] at d7
  rw [d0, d1, d2, d3, d4, d5, d6, d7]
  simp only [encReceipt, List.append_assoc, List.append_nil]

/-- **`verify_receipt` never panics**, on any bytes, provided `verify_segments` never panics and
the key's program lists its zero intervals in a slice. -/
theorem verify_receipt_total (H : List UInt8 → commit.hash.Digest)
    (vk : protocol.vk.VerifyingKey)
    (hz : ∀ p, vk.air = .Rv32imV2 p → p.zero_intervals.length < 2 ^ 64)
    (hvs : ∀ st segs, ∃ r, protocol.stark.verify_segments H vk st segs = .ok r)
    (bytes : List UInt8) (hb : bytes.length < 2 ^ 64) :
    ∃ r, receipt.verify_receipt H vk bytes = .ok r := by
  unfold receipt.verify_receipt
  obtain ⟨r1, h1⟩ := decode_receipt_total bytes hb
  rw [h1, ok_bind]
  rcases r1 with e | rc
  · exact ⟨_, rfl⟩
  simp only [pure_ok, ok_bind]
  rw [statement_of_spec vk _ _ _ _ _ hz, ok_bind]
  split
  · rename_i st _
    have hp : rc.proof.length < 2 ^ 64 := by
      have e := decode_receipt_canonical bytes hb rc h1
      have := length_encReceipt rc.exit_code rc.cycles rc.input_consumed rc.input rc.output
        rc.proof
      rw [← e] at this
      omega
    rw [decode_limits_spec, ok_bind]
    obtain ⟨r2, h2⟩ := protocol.proof.decode_segments_with_limits_total rc.proof hp
      ⟨protocol.proof.MAX_SEGMENTS, 12, if vk.params.zk then 36 else 12,
        vk.params.num_queries.toUInt64, 27⟩
    rw [h2, ok_bind]
    rcases r2 with e | segs
    · exact ⟨_, rfl⟩
    simp only [pure_ok, ok_bind]
    obtain ⟨r3, h3⟩ := hvs st segs
    rw [h3, ok_bind]
    rcases r3 with e | u
    · exact ⟨_, rfl⟩
    · exact ⟨_, rfl⟩
  · exact ⟨_, rfl⟩

end Zkvm.Refinement.receipt

end
