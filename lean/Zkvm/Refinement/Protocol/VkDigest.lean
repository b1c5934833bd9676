module

public import Zkvm.Spec.VerifyingKey
public import Zkvm.Extracted.Protocol.Vk
public import Zkvm.Refinement.Commit.Merkle
public import Zkvm.Refinement.Receipt
public import Zkvm.Extracted.Air

/-!
# `vk_digest` computes the key's digest

`crate::protocol::vk::vk_digest` (rust/verifier/src/protocol/vk.rs) against
`Zkvm.Spec.VerifyingKey`:

* `vk_digest_spec`: **`vk_digest (bytesOf H) vk` returns the bytes of `vkDigest H vk`**, the
  hash of `encVk H vk`, for the hash `bytesOf H` of a spec hash `H` and a key whose program's
  vectors are shorter than `2^64` (`KeyFits`, true of every key a Rust program holds);
* `vk_digest_total`: **`vk_digest` never panics**, for any hash and any key; it has no error
  type, so it never fails. `vk_digest_eq`: for any hash `sha`, it returns `sha (vkBytes sha vk)`,
  where `vkBytes` is `encVk` with a program's vectors cut to the elements a loop bounded by
  `len()` visits (`visited`: all of them under `KeyFits`);
* `program_digest_spec`, `program_digest_eq`: the same for `receipt::program::program_digest`
  (`programDigest`, `encProgram`; `programBytes` for any program);
* `write_loop_bind`: the shape shared by the four `while` loops: a loop that appends the
  encoding of each element of a list, followed by a continuation.

Built on `write_u32_spec` (Refinement/Protocol/Codec.lean), `write_len_spec`
(Refinement/Receipt.lean) and `loop_bind_ok` (Extraction/Lemmas.lean); the machine's tables and
their shapes are `machineTables` and `machineShapes` (Spec/Stages.lean), checked here table by
table by small kernel evaluations (`vk_table_shape_at`, as `table_shape_at` in
Refinement/Protocol/Stark/StageSpecs.lean, restated so that this file does not depend on the
segments verifier's refinement).

With `vk_digest_spec`, the hypothesis of `Zkvm.Refinement.receipt.verify_receipt_iff_spec`
(VerifyReceiptSpec.lean) that `vk_digest` returns `vkD`'s bytes holds for `vkD = vkDigest H vk`.
-/

@[expose] public section

noncomputable section

namespace Zkvm.Refinement.protocol.vk

open Zkvm.Extraction Zkvm.Extracted Zkvm.Commit Zkvm.Spec.VerifyingKey
open Zkvm.Spec.Codec (encLen)
open Zkvm.Refinement.protocol.codec (write_u32_spec)
open Zkvm.Refinement.receipt (write_len_spec)
open Zkvm.Refinement.commit.merkle (bytesOf)

/-- **A loop appending each element's encoding.** A loop over `(bytes, i)` from `(pre, 0)` whose
body appends `enc m[i]` and increments `i` while `i < m.length`, and stops there, ends with
`pre ++ m.flatMap enc`; followed by a continuation `k` that returns `b` on it. -/
theorem write_loop_bind {γ β : Type} (m : List γ) (enc : γ → List UInt8)
    (measure : List UInt8 × Usize → Nat)
    (body : List UInt8 × Usize → Outcome (Step (List UInt8 × Usize) (List UInt8 × Usize)))
    (hm : m.length < 2 ^ 64)
    (hmeas : ∀ bytes (i : Usize), measure (bytes, i) = 2 ^ 64 - i.toNat)
    (hcont : ∀ bytes (i : Usize) (h : i.toNat < m.length),
      body (bytes, i) = .ok (.cont (bytes ++ enc m[i.toNat], i + 1)))
    (hdone : ∀ bytes (i : Usize), m.length ≤ i.toNat → body (bytes, i) = .ok (.done (bytes, i)))
    (pre : List UInt8) (k : List UInt8 × Usize → Outcome β) {b : β}
    (hk : ∀ i, k (pre ++ m.flatMap enc, i) = .ok b) :
    (loop measure body (pre, 0) >>= k) = .ok b := by
  apply loop_bind_ok measure body (pre, 0) k
    (P := fun s => s.2.toNat ≤ m.length ∧ s.1 = pre ++ (m.take s.2.toNat).flatMap enc)
    (Q := fun r => r.1 = pre ++ m.flatMap enc)
  · intro ⟨bytes, i⟩ ⟨hi, hb⟩
    dsimp only at hi hb
    by_cases hc : i.toNat < m.length
    · left
      have e : (i + 1).toNat = i.toNat + 1 := by
        simp only [UInt64.toNat_add]; simp; omega
      refine ⟨_, hcont bytes i hc, ?_, ?_, ?_⟩
      · rw [hmeas, hmeas, e]; omega
      · dsimp only; rw [e]; omega
      · dsimp only
        rw [e, hb, List.take_add_one, List.getElem?_eq_getElem hc, List.flatMap_append]
        simp
    · right
      refine ⟨_, hdone bytes i (by omega), ?_⟩
      dsimp only
      rw [hb, show i.toNat = m.length by omega, List.take_length]
  · exact ⟨by simp, by simp⟩
  · intro ⟨bytes, i⟩ h
    dsimp only at h
    rw [h]; exact hk i

/-! ## The elements a loop visits -/

/-- The elements a loop bounded by `l.len()` visits: the first `l.length mod 2^64` (all of them
for a list shorter than `2^64`, as every slice a Rust program holds). -/
def visited {α : Type} (l : List α) : List α := l.take (Slice.len l).toNat

theorem len_toNat_le {α : Type} (l : List α) : (Slice.len l).toNat ≤ l.length := by
  simp [Slice.len, Nat.mod_le]

theorem length_visited {α : Type} (l : List α) : (visited l).length = (Slice.len l).toNat := by
  unfold visited; rw [List.length_take]; have := len_toNat_le l; omega

theorem length_visited_lt {α : Type} (l : List α) : (visited l).length < 2 ^ 64 := by
  rw [length_visited]; exact UInt64.toNat_lt _

theorem visited_eq {α : Type} (l : List α) (hl : l.length < 2 ^ 64) : visited l = l := by
  unfold visited; rw [Slice.len_toNat _ hl, List.take_length]

theorem lt_len_visited {α : Type} (l : List α) (i : Usize) :
    i < Slice.len l ↔ i.toNat < (visited l).length := by
  rw [length_visited, UInt64.lt_iff_toNat_lt]

theorem lt_length_of_visited {α : Type} (l : List α) (i : Nat) (h : i < (visited l).length) :
    i < l.length := by
  have := len_toNat_le l; rw [length_visited] at h; omega

theorem getElem_visited {α : Type} (l : List α) (i : Nat) (h : i < (visited l).length) :
    (visited l)[i] = l[i]'(lt_length_of_visited l i h) := by
  unfold visited; exact List.getElem_take

theorem succ_visited {α : Type} (l : List α) (i : Usize) (h : i.toNat < (visited l).length) :
    Usize.add i 1 = .ok (i + 1) := by
  have := length_visited_lt l
  exact Usize.add_eq i 1 (by simp; omega)

/-- Each of the machine's tables has its shape in `machineShapes` (`air::table_shape`; one
small kernel evaluation per table). -/
theorem vk_table_shape_at (i : Nat) (h1 : i < Zkvm.Spec.machineTables.length)
    (h2 : i < Zkvm.Spec.machineShapes.length) :
    air.table_shape Zkvm.Spec.machineTables[i] = .ok Zkvm.Spec.machineShapes[i] := by
  have : i < 12 := h1
  obtain rfl | rfl | rfl | rfl | rfl | rfl | rfl | rfl | rfl | rfl | rfl | rfl :
      i = 0 ∨ i = 1 ∨ i = 2 ∨ i = 3 ∨ i = 4 ∨ i = 5 ∨ i = 6 ∨ i = 7 ∨ i = 8 ∨ i = 9 ∨
        i = 10 ∨ i = 11 := by omega
  all_goals decide +kernel +revert

/-! ## The program's digest -/

/-- The bytes `program_digest` hashes, for any program: `encProgram` with each vector's
visited elements (`visited`) and its length written from `len()` (`programBytes_eq`: the
same bytes when the vectors are shorter than `2^64`). -/
def programBytes (p : receipt.program.Program) : List UInt8 :=
  programMagic ++ le32 p.entry ++
    encLen (Slice.len p.rows).toNat ++ (visited p.rows).flatMap encRow ++
    encLen (Slice.len p.image).toNat ++ (visited p.image).flatMap encImageWord ++
    encLen (Slice.len p.zero_intervals).toNat ++
      (visited p.zero_intervals).flatMap encZeroInterval

theorem programBytes_eq (p : receipt.program.Program) (hr : p.rows.length < 2 ^ 64)
    (hi : p.image.length < 2 ^ 64) (hz : p.zero_intervals.length < 2 ^ 64) :
    programBytes p = encProgram p := by
  simp only [programBytes, encProgram, visited_eq _ hr, visited_eq _ hi, visited_eq _ hz,
    Slice.len_toNat _ hr, Slice.len_toNat _ hi, Slice.len_toNat _ hz]

/-- **`program_digest` hashes `programBytes`** and never panics, for any hash and program. -/
theorem program_digest_eq (sha : List UInt8 → List UInt8) (p : receipt.program.Program) :
    receipt.program.program_digest sha p = .ok (sha (programBytes p)) := by
  unfold receipt.program.program_digest
  simp only [Slice.extend, write_u32_spec, write_len_spec, ok_bind, List.nil_append]
  apply write_loop_bind (visited p.rows) encRow _ _ (length_visited_lt _) (fun _ _ => rfl)
  · intro bytes i h
    simp only [if_pos ((lt_len_visited _ i).mpr h),
      Slice.index_eq _ i (lt_length_of_visited _ _ h), ok_bind, succ_visited _ i h, pure_ok,
      getElem_visited _ _ h, encRow, List.append_assoc]
  · intro bytes i h
    simp only [if_neg (fun h' => absurd ((lt_len_visited p.rows i).mp h') (by omega)), pure_ok]
  intro i
  apply write_loop_bind (visited p.image) encImageWord _ _ (length_visited_lt _)
    (fun _ _ => rfl)
  · intro bytes j h
    simp only [if_pos ((lt_len_visited _ j).mpr h),
      Slice.index_eq _ j (lt_length_of_visited _ _ h), ok_bind, succ_visited _ j h, pure_ok,
      getElem_visited _ _ h, encImageWord, List.append_assoc]
  · intro bytes j h
    simp only [if_neg (fun h' => absurd ((lt_len_visited p.image j).mp h') (by omega)), pure_ok]
  intro j
  apply write_loop_bind (visited p.zero_intervals) encZeroInterval _ _ (length_visited_lt _)
    (fun _ _ => rfl)
  · intro bytes m h
    simp only [if_pos ((lt_len_visited _ m).mpr h),
      Slice.index_eq _ m (lt_length_of_visited _ _ h), ok_bind, succ_visited _ m h, pure_ok,
      getElem_visited _ _ h, encZeroInterval, List.append_assoc]
  · intro bytes m h
    simp only [if_neg (fun h' => absurd ((lt_len_visited p.zero_intervals m).mp h') (by omega)), pure_ok]
  intro m
  simp only [pure_ok, programBytes, List.append_assoc]
  rfl

/-- **`program_digest` returns the program's digest** (`programDigest`: the hash of
`encProgram`) and never panics, for a program whose rows, image and zero intervals are shorter
than `2^64`. -/
theorem program_digest_spec (H : List UInt8 → Digest) (p : receipt.program.Program)
    (hr : p.rows.length < 2 ^ 64) (hi : p.image.length < 2 ^ 64)
    (hz : p.zero_intervals.length < 2 ^ 64) :
    receipt.program.program_digest (bytesOf H) p = .ok (programDigest H p).bytes := by
  rw [program_digest_eq, programBytes_eq p hr hi hz]; rfl

/-! ## The key's digest -/

/-- The bytes `vk_digest` hashes, for any hash and key: `encVk` with the program's bytes
`programBytes` (`vkBytes_eq`: the same bytes under `KeyFits`). -/
def vkBytes (sha : List UInt8 → List UInt8) (vk : protocol.vk.VerifyingKey) : List UInt8 :=
  vkMagic ++ le32 airCode ++ le32 (UInt32.ofNat Zkvm.Spec.numPublicValues) ++
    encLen Zkvm.Spec.machineShapes.length ++ Zkvm.Spec.machineShapes.flatMap encShape ++
    encParams vk.params ++ sha (programBytes (vkProgram vk))

/-- **`vk_digest` hashes `vkBytes`** and never panics, for any hash and key. -/
theorem vk_digest_eq (sha : List UInt8 → List UInt8) (vk : protocol.vk.VerifyingKey) :
    protocol.vk.vk_digest sha vk = .ok (sha (vkBytes sha vk)) := by
  obtain ⟨a, params⟩ := vk
  cases a with
  | Rv32imV2 prog =>
  have hlen : Zkvm.Spec.machineTables.length < 2 ^ 64 := by decide
  unfold protocol.vk.vk_digest
  have htab : air.tables (air.AirId.Rv32imV2 prog) = .ok Zkvm.Spec.machineTables := rfl
  have hnpv : air.num_public_values (air.AirId.Rv32imV2 prog) = .ok 15 := rfl
  rw [htab, ok_bind]
  simp only [hnpv, air.air_code, pure_ok, ok_bind, Slice.extend, write_u32_spec,
    List.nil_append]
  apply write_loop_bind Zkvm.Spec.machineShapes encShape _ _ (by decide) (fun _ _ => rfl)
  · intro bytes t h
    have h12 : t.toNat < Zkvm.Spec.machineTables.length := h
    have hc : t < Slice.len Zkvm.Spec.machineTables := by
      rw [UInt64.lt_iff_toNat_lt, Slice.len_toNat _ hlen]; exact h12
    simp only [if_pos hc, Slice.index_eq _ t h12, ok_bind, vk_table_shape_at _ h12 h,
      Usize.add_eq t 1 (by simp; omega), encShape, List.append_assoc]
  · intro bytes t h
    have hc : ¬ t < Slice.len Zkvm.Spec.machineTables := by
      rw [UInt64.lt_iff_toNat_lt, Slice.len_toNat _ hlen]
      change ¬ t.toNat < 12; change 12 ≤ t.toNat at h; omega
    simp only [if_neg hc]
  intro t
  cases hzk : params.zk
  all_goals
    simp only [ok_bind, Bool.false_eq_true, if_true, if_false, program_digest_eq]
    simp only [vkBytes, encParams, vkProgram, hzk, List.append_assoc]
    rfl

/-- **`vk_digest` never panics**, for any hash and key. -/
theorem vk_digest_total (sha : List UInt8 → List UInt8) (vk : protocol.vk.VerifyingKey) :
    ∃ d, protocol.vk.vk_digest sha vk = .ok d :=
  ⟨_, vk_digest_eq sha vk⟩

/-- **`vk_digest` returns the key's digest** (`vkDigest H vk`: the hash of `encVk H vk`), for
the hash `bytesOf H` of a spec hash and a key whose program's rows, image and zero intervals are
shorter than `2^64` (`KeyFits`). It never panics (`vk_digest_total`) and has no error type. -/
theorem vk_digest_spec (H : List UInt8 → Digest) (vk : protocol.vk.VerifyingKey)
    (hf : KeyFits vk) :
    protocol.vk.vk_digest (bytesOf H) vk = .ok (vkDigest H vk).bytes := by
  obtain ⟨hr, hi, hz⟩ := hf
  rw [vk_digest_eq]
  simp only [vkBytes, vkDigest, encVk, bytesOf, programBytes_eq _ hr hi hz]
  rfl

end Zkvm.Refinement.protocol.vk

end
