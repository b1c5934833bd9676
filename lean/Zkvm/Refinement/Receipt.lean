module

public import Zkvm.Extracted.Receipt
public import Zkvm.Refinement.Protocol.Codec
public import Zkvm.Spec.Receipt
public import Zkvm.Refinement.Air.PublicValues

/-!
# The extracted receipt codec: `encode_receipt` writes the format, `decode_receipt` reads it

`crate::receipt` (rust/verifier/src/receipt/mod.rs) against `Zkvm.Spec.Receipt`:

* `encode_receipt_spec`: `encode_receipt` writes `encReceipt` (the lengths written as `u32`s,
  exact below 2^32 bytes);
* `decode_receipt_enc`: `decode_receipt` reads those bytes back to the same receipt, when the
  input, output and proof are shorter than 2^32 bytes (the round trip);
* `decode_receipt_total`: on any bytes `decode_receipt` returns (a receipt or a typed error) and
  never panics; `read_bytes_total`, `read_bytes_enc`: the same for one length-prefixed string;
* `statement_of_spec`: the statement of a claimed run is the spec's public values
  (`publicValues`) with the input and output; `decode_limits_spec`: the decoder's limits;
* `verify_receipt_ok_iff`: **`verify_receipt` accepts a run exactly when** the bytes decode to a
  receipt, its statement is well formed, its proof bytes decode to segments and
  `verify_segments` accepts them; the run is the receipt's claim.
-/

@[expose] public section

noncomputable section

namespace Zkvm.Refinement.receipt

open Zkvm.Extraction Zkvm.Extracted Zkvm.Spec.Codec Zkvm.Spec.Receipt
open Zkvm.Commit (le32)
open Zkvm.Refinement.protocol.codec

/-! ## Writing -/

theorem write_u64_spec (out : List UInt8) (v : UInt64) :
    protocol.codec.write_u64 out v = .ok (out ++ encU64 v) := by
  unfold protocol.codec.write_u64
  simp only [write_u32_spec, ok_bind, U64.shr_eq _ 32 (by decide), pure_ok, encU64,
    List.append_assoc]
  rfl

theorem write_len_spec (out : List UInt8) (n : Usize) :
    protocol.codec.write_len out n = .ok (out ++ encLen n.toNat) := by
  unfold protocol.codec.write_len
  simp only [write_u32_spec, ok_bind, pure_ok, encLen]
  congr 3

/-- **`encode_receipt` writes the receipt's bytes** (`encReceipt`), for an input, output and
proof shorter than 2^64 bytes (so that their lengths are exact machine words). -/
theorem encode_receipt_spec (r : receipt.Receipt) (hi : r.input.length < 2 ^ 64)
    (ho : r.output.length < 2 ^ 64) (hp : r.proof.length < 2 ^ 64) :
    receipt.encode_receipt r =
      .ok (encReceipt r.exit_code r.cycles r.input_consumed r.input r.output r.proof) := by
  unfold receipt.encode_receipt
  simp only [write_u32_spec, write_u64_spec, write_len_spec, ok_bind, pure_ok, Slice.extend,
    Slice.len_toNat _ hi, Slice.len_toNat _ ho, Slice.len_toNat _ hp, encReceipt, encBytes,
    List.append_assoc, List.nil_append]
  rfl

/-! ## Reading -/

/-- **`read_bytes` never panics**: a length-prefixed string and the position after it, or a typed
error. -/
theorem read_bytes_total (bytes : List UInt8) (pos : Usize) (hb : bytes.length < 2 ^ 64) :
    ∃ r, receipt.read_bytes bytes pos = .ok r := by
  have hn := Slice.len_toNat bytes hb
  unfold receipt.read_bytes
  obtain ⟨r1, h1⟩ := read_len_total bytes pos 1 hb
  cases r1 with
  | error e => exact ⟨_, by simp only [h1, ok_bind]; rfl⟩
  | ok a =>
    obtain ⟨len, start⟩ := a
    simp only [h1, ok_bind, pure_ok]
    by_cases hc : start.toNat + len.toNat < 2 ^ 64
    · have c1 : Usize.checked_add start len = some (start + len) := by
        simp only [Usize.checked_add]; rw [if_pos hc]
      have e1 : (start + len).toNat = start.toNat + len.toNat := by
        simp only [UInt64.toNat_add]; omega
      simp only [c1]
      by_cases he : start + len > Slice.len bytes
      · exact ⟨_, by rw [if_pos he]⟩
      · rw [if_neg he]
        have hle : (start + len).toNat ≤ bytes.length := by
          rw [gt_iff_lt, UInt64.lt_iff_toNat_lt, hn] at he; omega
        have hr : Slice.range bytes start (start + len) =
            .ok ((bytes.take (start + len).toNat).drop start.toNat) := by
          unfold Slice.range; rw [if_pos ⟨by omega, hle⟩]
        exact ⟨_, by simp only [hr, ok_bind]; rfl⟩
    · have c1 : Usize.checked_add start len = none := by
        simp only [Usize.checked_add]; rw [if_neg hc]
      exact ⟨_, by simp only [c1]; rfl⟩

/-- **Round trip of a length-prefixed string.** -/
theorem read_bytes_enc (pre body post : List UInt8) (hn : body.length < 2 ^ 32)
    (hb : (pre ++ encBytes body ++ post).length < 2 ^ 64) :
    receipt.read_bytes (pre ++ encBytes body ++ post) (UInt64.ofNat pre.length) =
      .ok (.ok (body, UInt64.ofNat (pre.length + 4 + body.length))) := by
  have e : pre ++ encBytes body ++ post = pre ++ encLen body.length ++ (body ++ post) := by
    simp [encBytes]
  have hl : (pre ++ encBytes body ++ post).length = pre.length + 4 + body.length + post.length := by
    simp [encBytes, encLen, length_le32]; omega
  have h1 := read_len_enc pre (body ++ post) body.length 1 hn (by simp) (by rw [← e]; exact hb)
  rw [← e] at h1
  have hbn := Slice.len_toNat _ hb
  have ep : (UInt64.ofNat (pre.length + 4)).toNat = pre.length + 4 :=
    UInt64.toNat_ofNat_of_lt' (by simp [UInt64.size]; omega)
  have en : (UInt64.ofNat body.length).toNat = body.length :=
    UInt64.toNat_ofNat_of_lt' (by simp [UInt64.size]; omega)
  have c1 : Usize.checked_add (UInt64.ofNat (pre.length + 4)) (UInt64.ofNat body.length) =
      some (UInt64.ofNat (pre.length + 4 + body.length)) := by
    simp only [Usize.checked_add, ep, en]
    rw [if_pos (by omega)]
    congr 1
    apply UInt64.toNat_inj.mp
    rw [UInt64.toNat_add, ep, en, UInt64.toNat_ofNat_of_lt' (by simp [UInt64.size]; omega)]
    omega
  have ee : (UInt64.ofNat (pre.length + 4 + body.length)).toNat = pre.length + 4 + body.length :=
    UInt64.toNat_ofNat_of_lt' (by simp [UInt64.size]; omega)
  have hgt : ¬ (UInt64.ofNat (pre.length + 4 + body.length) >
      Slice.len (pre ++ encBytes body ++ post)) := by
    rw [gt_iff_lt, UInt64.lt_iff_toNat_lt, ee, hbn]; omega
  have hA : (pre ++ encLen body.length).length = pre.length + 4 := by
    simp [encLen, length_le32]
  have hr : Slice.range (pre ++ encBytes body ++ post) (UInt64.ofNat (pre.length + 4))
      (UInt64.ofNat (pre.length + 4 + body.length)) = .ok body := by
    unfold Slice.range
    rw [ep, ee, if_pos ⟨by omega, by omega⟩]
    have e2 : pre ++ encBytes body ++ post = (pre ++ encLen body.length ++ body) ++ post := by
      simp [encBytes]
    rw [e2, List.take_left' (by simp only [List.length_append] at hA ⊢; omega),
      List.drop_left' hA]
  unfold receipt.read_bytes
  simp only [h1, ok_bind, pure_ok, c1, if_neg hgt, hr, Slice.extend, Slice.withCapacity,
    List.nil_append]

/-- A bind whose first step returns, followed by steps that always return, returns. -/
theorem bind_total {α β : Type} {x : Outcome α} {f : α → Outcome β} (hx : ∃ r, x = .ok r)
    (hf : ∀ r, ∃ b, f r = .ok b) : ∃ b, (x >>= f) = .ok b := by
  obtain ⟨r, h⟩ := hx
  rw [h, ok_bind]
  exact hf r

/-- One read of `decode_receipt`: it returns; on an error the decoder stops with it. -/
local macro "read_step " t:term : tactic => `(tactic| (
  apply bind_total ($t)
  intro r
  rcases r with e | ⟨v, pos⟩
  · exact ⟨_, rfl⟩
  simp only [pure_ok, ok_bind]))

theorem exists_and_true {β : Type} {p : β → Prop} (h : ∃ b, p b) : ∃ b, p b ∧ True :=
  let ⟨b, hb⟩ := h; ⟨b, hb, trivial⟩

/-- The receipt's magic is the spec's. -/
theorem magic_eq : receipt.RECEIPT_MAGIC = magic := rfl

/-- **`decode_receipt` never panics**: on any bytes it returns a receipt or a typed error. -/
theorem decode_receipt_total (bytes : List UInt8) (hb : bytes.length < 2 ^ 64) :
    ∃ r, receipt.decode_receipt bytes = .ok r := by
  have hn := Slice.len_toNat bytes hb
  have hm : (Slice.len receipt.RECEIPT_MAGIC).toNat = 12 := rfl
  unfold receipt.decode_receipt
  by_cases h12 : Slice.len bytes < Slice.len receipt.RECEIPT_MAGIC
  · exact ⟨_, by rw [if_pos h12]; rfl⟩
  rw [if_neg h12]
  have hl : 12 ≤ bytes.length := by
    rw [UInt64.lt_iff_toNat_lt, hn, hm] at h12; omega
  refine (fun ⟨b, h, _⟩ => ⟨b, h⟩) (loop_bind_ex _ _ _ _ (fun _ => True)
    (fun i : Usize => i.toNat ≤ 12) (fun _ => True) ?_ (by simp) ?_)
  · intro i hi
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
        refine ⟨i + 1, ?_, ?_, ?_⟩
        · simp only [if_pos hc, e1, e2, ok_bind, heq, ne_eq, not_true_eq_false, if_false,
            Usize.add_eq i 1 (by simp; omega), pure_ok]
        · show 2 ^ 64 - (i + 1).toNat < 2 ^ 64 - i.toNat
          rw [e]; omega
        · show (i + 1).toNat ≤ 12
          rw [e]; omega
      · right
        exact ⟨_, by simp only [if_pos hc, e1, e2, ok_bind, ne_eq, heq, not_false_eq_true,
          if_true, pure_ok]; rfl, trivial⟩
    · right
      exact ⟨_, by simp only [if_neg hc, pure_ok]; rfl, trivial⟩
  · intro r _
    cases r with
    | ret x => exact ⟨_, rfl, trivial⟩
    | brk j =>
      apply exists_and_true
      dsimp only
      read_step read_u32_total _ _ hb
      split
      · exact ⟨_, rfl⟩
      read_step read_u32_total _ _ hb
      read_step read_u64_total _ _ hb
      read_step read_u32_total _ _ hb
      read_step read_bytes_total _ _ hb
      read_step read_bytes_total _ _ hb
      read_step read_bytes_total _ _ hb
      split
      · exact ⟨_, rfl⟩
      · exact ⟨_, rfl⟩

/-- **Round trip of a receipt**: `decode_receipt` reads the bytes `encReceipt` writes back to the
same fields, when the input, output and proof are shorter than 2^32 bytes. -/
theorem decode_receipt_enc (exitCode : UInt32) (cycles : UInt64) (consumed : UInt32)
    (input output proof : List UInt8) (hi : input.length < 2 ^ 32)
    (ho : output.length < 2 ^ 32) (hp : proof.length < 2 ^ 32) :
    receipt.decode_receipt (encReceipt exitCode cycles consumed input output proof) =
      .ok (.ok ⟨exitCode, cycles, consumed, input, output, proof⟩) := by
  have hL := length_encReceipt exitCode cycles consumed input output proof
  have hb : (encReceipt exitCode cycles consumed input output proof).length < 2 ^ 64 := by omega
  have hn := Slice.len_toNat _ hb
  have hm : (Slice.len receipt.RECEIPT_MAGIC).toNat = 12 := rfl
  -- the bytes around each field
  have e1 : encReceipt exitCode cycles consumed input output proof = magic ++ le32 1 ++
      (le32 exitCode ++ encU64 cycles ++ le32 consumed ++ encBytes input ++ encBytes output ++
        encBytes proof) := by simp [encReceipt]
  have e2 : encReceipt exitCode cycles consumed input output proof = (magic ++ le32 1) ++
      le32 exitCode ++ (encU64 cycles ++ le32 consumed ++ encBytes input ++ encBytes output ++
        encBytes proof) := by simp [encReceipt]
  have e3 : encReceipt exitCode cycles consumed input output proof =
      (magic ++ le32 1 ++ le32 exitCode) ++ encU64 cycles ++ (le32 consumed ++ encBytes input ++
        encBytes output ++ encBytes proof) := by simp [encReceipt]
  have e4 : encReceipt exitCode cycles consumed input output proof =
      (magic ++ le32 1 ++ le32 exitCode ++ encU64 cycles) ++ le32 consumed ++
        (encBytes input ++ encBytes output ++ encBytes proof) := by simp [encReceipt]
  have e5 : encReceipt exitCode cycles consumed input output proof =
      (magic ++ le32 1 ++ le32 exitCode ++ encU64 cycles ++ le32 consumed) ++ encBytes input ++
        (encBytes output ++ encBytes proof) := by simp [encReceipt]
  have e6 : encReceipt exitCode cycles consumed input output proof =
      (magic ++ le32 1 ++ le32 exitCode ++ encU64 cycles ++ le32 consumed ++ encBytes input) ++
        encBytes output ++ encBytes proof := by simp [encReceipt]
  have e7 : encReceipt exitCode cycles consumed input output proof =
      (magic ++ le32 1 ++ le32 exitCode ++ encU64 cycles ++ le32 consumed ++ encBytes input ++
        encBytes output) ++ encBytes proof ++ [] := by simp [encReceipt]
  have lb : ∀ b : List UInt8, (encBytes b).length = 4 + b.length := fun b => by
    simp [encBytes, encLen, length_le32]
  have h1 := read_u32_enc magic _ 1 (by rw [← e1]; exact hb)
  rw [← e1] at h1
  have h2 := read_u32_enc (magic ++ le32 1) _ exitCode (by rw [← e2]; exact hb)
  rw [← e2] at h2
  have h3 := read_u64_enc (magic ++ le32 1 ++ le32 exitCode) _ cycles (by rw [← e3]; exact hb)
  rw [← e3] at h3
  have h4 := read_u32_enc (magic ++ le32 1 ++ le32 exitCode ++ encU64 cycles) _ consumed
    (by rw [← e4]; exact hb)
  rw [← e4] at h4
  have h5 := read_bytes_enc (magic ++ le32 1 ++ le32 exitCode ++ encU64 cycles ++ le32 consumed)
    input (encBytes output ++ encBytes proof) hi (by rw [← e5]; exact hb)
  rw [← e5] at h5
  have h6 := read_bytes_enc (magic ++ le32 1 ++ le32 exitCode ++ encU64 cycles ++ le32 consumed ++
    encBytes input) output (encBytes proof) ho (by rw [← e6]; exact hb)
  rw [← e6] at h6
  have h7 := read_bytes_enc (magic ++ le32 1 ++ le32 exitCode ++ encU64 cycles ++ le32 consumed ++
    encBytes input ++ encBytes output) proof [] hp (by rw [← e7]; exact hb)
  rw [← e7] at h7
  simp only [List.length_append, length_magic, length_le32, length_encU64] at h1 h2 h3 h4
  simp only [List.length_append, length_magic, length_le32, length_encU64, lb] at h5 h6 h7
  have p6 : (32 + (4 + input.length)) = 32 + 4 + input.length := by omega
  have p7 : (32 + (4 + input.length) + (4 + output.length)) =
      32 + 4 + input.length + 4 + output.length := by omega
  rw [p6] at h6
  rw [p7] at h7
  have hend : UInt64.ofNat (32 + 4 + input.length + 4 + output.length + 4 + proof.length) =
      Slice.len (encReceipt exitCode cycles consumed input output proof) := by
    simp only [Slice.len, hL]; congr 1; omega
  have hget : ∀ k (hk : k < 12), (encReceipt exitCode cycles consumed input output proof)[k]? =
      some (receipt.RECEIPT_MAGIC[k]'(by simp only [magic_eq, length_magic]; exact hk)) := by
    intro k hk
    simp only [encReceipt, List.append_assoc]
    rw [List.getElem?_append_left (by simp only [length_magic]; exact hk)]
    simp only [magic_eq, List.getElem?_eq_getElem (show k < magic.length from hk)]
  have hpos : UInt64.ofNat 12 = Slice.len receipt.RECEIPT_MAGIC := rfl
  rw [hpos] at h1
  have hlen12 : 12 ≤ (encReceipt exitCode cycles consumed input output proof).length := by omega
  generalize encReceipt exitCode cycles consumed input output proof = bytes at *
  unfold receipt.decode_receipt
  have h12 : ¬ Slice.len bytes < Slice.len receipt.RECEIPT_MAGIC := by
    rw [UInt64.lt_iff_toNat_lt, hn, hm]; omega
  rw [if_neg h12]
  apply loop_bind_ok _ _ _ _ (fun i : Usize => i.toNat ≤ 12) (fun r => ∃ j, r = Exit.brk j)
  · intro i hi'
    by_cases hc : i < Slice.len receipt.RECEIPT_MAGIC
    · have hi12 : i.toNat < 12 := by rw [UInt64.lt_iff_toNat_lt, hm] at hc; exact hc
      have e1' : Slice.index bytes i = .ok (receipt.RECEIPT_MAGIC[i.toNat]'(by
          simp only [magic_eq, length_magic]; exact hi12)) := by
        unfold Slice.index; rw [hget _ hi12]
      have e2' : Slice.index receipt.RECEIPT_MAGIC i = .ok (receipt.RECEIPT_MAGIC[i.toNat]'(by
          simp only [magic_eq, length_magic]; exact hi12)) :=
        Slice.index_eq _ _ (by simp only [magic_eq, length_magic]; exact hi12)
      left
      have e : (i + 1).toNat = i.toNat + 1 := by simp only [UInt64.toNat_add]; simp; omega
      refine ⟨i + 1, ?_, ?_, ?_⟩
      · simp only [if_pos hc, e1', e2', ok_bind, ne_eq, not_true_eq_false, if_false,
          Usize.add_eq i 1 (by simp; omega), pure_ok]
      · show 2 ^ 64 - (i + 1).toNat < 2 ^ 64 - i.toNat
        rw [e]; omega
      · show (i + 1).toNat ≤ 12
        rw [e]; omega
    · right
      exact ⟨_, by simp only [if_neg hc, pure_ok], i, rfl⟩
  · simp
  · rintro r ⟨j, rfl⟩
    simp only [h1, ok_bind, pure_ok]
    simp only [show (1 : UInt32) = receipt.RECEIPT_VERSION from rfl, ne_eq, not_true_eq_false,
      if_false, h2, ok_bind, h3, h4, h5, h6, h7, hend]

/-! ## The statement and the top of the verifier -/

/-- **`statement_of` is the spec's statement**: the public values of `publicValues` (or its
refusal) with the input and output; it never panics. -/
theorem statement_of_spec (vk : protocol.vk.VerifyingKey) (exitCode : UInt32) (cycles : UInt64)
    (consumed : UInt32) (input output : List UInt8)
    (hz : ∀ p, vk.air = .Rv32imV2 p → p.zero_intervals.length < 2 ^ 64) :
    receipt.statement_of vk exitCode cycles consumed input output =
      .ok (match vk.air with
        | .Rv32imV2 p => (publicValues p.entry exitCode cycles (Slice.len input).toNat
            consumed.toNat (Slice.len output).toNat
            (air.rv32im.statement.zeroPairs p)).map fun pv => ⟨pv, input, output⟩) := by
  unfold receipt.statement_of
  cases hvk : vk.air with
  | Rv32imV2 p =>
    simp only [air.rv32im.statement.public_values_spec p _ _ _ _ _ (hz p hvk), ok_bind,
      UInt32.toNat_toUInt64]
    cases publicValues p.entry exitCode cycles (Slice.len input).toNat consumed.toNat
      (Slice.len output).toNat (air.rv32im.statement.zeroPairs p) <;> rfl

/-- The decoder's limits for a verifying key: 65,536 segments, the machine's twelve tables, three
matrices per table with zero knowledge, the parameters' queries, 27 FRI rounds. -/
theorem decode_limits_spec (vk : protocol.vk.VerifyingKey) :
    protocol.stark.decode_limits vk =
      .ok ⟨protocol.proof.MAX_SEGMENTS, 12, if vk.params.zk then 36 else 12,
        vk.params.num_queries.toUInt64, 27⟩ := by
  unfold protocol.stark.decode_limits
  cases hvk : vk.air with
  | Rv32imV2 p =>
    simp only [air.tables, pure_ok, ok_bind]
    cases vk.params.zk <;> rfl

/-- **`verify_receipt` accepts a run exactly when every stage accepts**: the bytes decode to a
receipt (`decode_receipt`), its claim gives a statement (`statement_of`), its proof bytes decode
to segments within the key's limits, and `verify_segments` accepts them; the run returned is the
receipt's exit code, cycles and consumed count with the statement's input and output. -/
theorem verify_receipt_ok_iff (H : List UInt8 → commit.hash.Digest)
    (vk : protocol.vk.VerifyingKey) (bytes : List UInt8) (run : receipt.VerifiedRun) :
    receipt.verify_receipt H vk bytes = .ok (.ok run) ↔
      ∃ rc st segs limits, receipt.decode_receipt bytes = .ok (.ok rc) ∧
        receipt.statement_of vk rc.exit_code rc.cycles rc.input_consumed rc.input rc.output =
          .ok (.ok st) ∧
        protocol.stark.decode_limits vk = .ok limits ∧
        protocol.proof.decode_segments_with_limits rc.proof limits = .ok (.ok segs) ∧
        protocol.stark.verify_segments H vk st segs = .ok (.ok ()) ∧
        run = ⟨rc.exit_code, rc.cycles, rc.input_consumed, st.input, st.output⟩ := by
  constructor
  · intro h
    unfold receipt.verify_receipt at h
    cases h1 : receipt.decode_receipt bytes with
    | ok r1 =>
      rw [h1, ok_bind] at h
      cases r1 with
      | error e => simp at h
      | ok rc =>
        simp only [pure_ok, ok_bind] at h
        cases h2 : receipt.statement_of vk rc.exit_code rc.cycles rc.input_consumed rc.input
          rc.output with
        | ok r2 =>
          rw [h2, ok_bind] at h
          cases r2 with
          | error e => simp at h
          | ok st =>
            simp only at h
            cases h3 : protocol.stark.decode_limits vk with
            | ok limits =>
              rw [h3, ok_bind] at h
              cases h4 : protocol.proof.decode_segments_with_limits rc.proof limits with
              | ok r4 =>
                rw [h4, ok_bind] at h
                cases r4 with
                | error e => simp at h
                | ok segs =>
                  simp only at h
                  cases h5 : protocol.stark.verify_segments H vk st segs with
                  | ok r5 =>
                    rw [h5, ok_bind] at h
                    cases r5 with
                    | error e => simp at h
                    | ok u =>
                      simp only [Outcome.ok.injEq, Except.ok.injEq] at h
                      exact ⟨rc, st, segs, limits, by first | rfl | exact h1,
                        by first | rfl | exact h2, by first | rfl | exact h3,
                        by first | rfl | exact h4, by cases u; first | rfl | exact h5, h.symm⟩
                  | panic p => rw [h5] at h; cases h
                  | div => rw [h5] at h; cases h
              | panic p => rw [h4] at h; cases h
              | div => rw [h4] at h; cases h
            | panic p => rw [h3] at h; cases h
            | div => rw [h3] at h; cases h
        | panic p => rw [h2] at h; cases h
        | div => rw [h2] at h; cases h
    | panic p => rw [h1] at h; cases h
    | div => rw [h1] at h; cases h
  · rintro ⟨rc, st, segs, limits, h1, h2, h3, h4, h5, rfl⟩
    unfold receipt.verify_receipt
    simp only [h1, h2, h3, h4, h5, ok_bind, pure_ok]

end Zkvm.Refinement.receipt
