module

public import Zkvm.Refinement.Protocol.Codec
public import Zkvm.Extracted.Protocol.Proof

/-!
# The extracted proof decoder never panics

Every reader of `crate::protocol::proof` (counts, vectors, multi-openings, FRI steps, caps,
table openings, queries, segments, the header) and the decoders `decode_proof`,
`decode_proof_with_limits` and `decode_segments_with_limits` return a value or a typed
`VerifyError` on every byte string (that fits a `usize`), whatever the limits: none of them
panics. The proofs chain the codec's totality lemmas (`Zkvm.Refinement.protocol.codec`) and
its element-loop lemma `vec_loop_total`.
-/

@[expose] public section

noncomputable section

namespace Zkvm.Refinement.protocol.proof

open Zkvm.Extraction Zkvm.Extracted
open Zkvm.Refinement.protocol.codec

/-- A bind whose first action and whose every continuation succeed, succeeds. -/
theorem bind_total {α β : Type} {m : Outcome α} (h : ∃ r, m = .ok r) {k : α → Outcome β}
    (hk : ∀ r, ∃ b, k r = .ok b) : ∃ b, (m >>= k) = .ok b := by
  obtain ⟨r, hr⟩ := h
  obtain ⟨b, hb⟩ := hk r
  exact ⟨b, by rw [hr, ok_bind, hb]⟩

/-- One read of a `(value, position)` pair: the error case returns at once; the ok case goes
on with the rest of the function. -/
local macro "read_step " t:term " => " a:ident b:ident : tactic => `(tactic| (
  refine bind_total $t (fun r => ?_)
  rcases r with _ | ⟨$a:ident, $b:ident⟩
  · exact ⟨_, rfl⟩
  simp only [pure_ok, ok_bind]))

/-- The extracted element loop's body is `vecBody` (as in `Zkvm.Refinement.protocol.codec`). -/
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

variable (bytes : List UInt8) (hb : bytes.length < 2 ^ 64)

include hb

theorem read_bounded_len_total (pos m max : Usize) :
    ∃ r, protocol.proof.read_bounded_len bytes pos m max = .ok r := by
  unfold protocol.proof.read_bounded_len
  read_step (read_len_total bytes _ _ hb) => len next
  split <;> exact ⟨_, rfl⟩

theorem read_u32_vec_total (pos max : Usize) :
    ∃ r, protocol.proof.read_u32_vec bytes pos max = .ok r := by
  unfold protocol.proof.read_u32_vec
  read_step (read_bounded_len_total bytes hb _ _ _) => len cursor
  refine vec_loop_total protocol.codec.read_u32 bytes len
    (fun c => read_u32_total bytes c hb) ?_ ?_ ?_ ?_ ?_ ?_ ?_
  · intro s; rfl
  · intro s; vec_body_tac (protocol.codec.read_u32 bytes s.1)
  · intro r; cases r <;> exact ⟨_, rfl⟩

theorem read_multi_opening_total (pos : Usize) (limits : protocol.proof.DecodeLimits) :
    ∃ r, protocol.proof.read_multi_opening bytes pos limits = .ok r := by
  unfold protocol.proof.read_multi_opening
  read_step (read_bounded_len_total bytes hb _ _ _) => count cursor
  refine vec_loop_total protocol.codec.read_field_vec bytes count
    (fun c => read_field_vec_total bytes c hb) ?_ ?_ ?_ ?_ ?_ ?_ ?_
  · intro s; rfl
  · intro s; vec_body_tac (protocol.codec.read_field_vec bytes s.1)
  · intro r
    cases r with
    | ret x => exact ⟨_, rfl⟩
    | brk x =>
      simp only [pure_ok, ok_bind]
      read_step (read_digest_vec_total bytes _ hb) => path pend
      exact ⟨_, rfl⟩

theorem read_fri_step_total (pos : Usize) :
    ∃ r, protocol.proof.read_fri_step bytes pos = .ok r := by
  unfold protocol.proof.read_fri_step
  read_step (read_ext_vec_total bytes _ hb) => siblings pos1
  read_step (read_digest_vec_total bytes _ hb) => path pos2
  exact ⟨_, rfl⟩

theorem read_caps_total (pos : Usize) (limits : protocol.proof.DecodeLimits) :
    ∃ r, protocol.proof.read_caps bytes pos limits = .ok r := by
  unfold protocol.proof.read_caps
  read_step (read_bounded_len_total bytes hb _ _ _) => count cursor
  refine vec_loop_total protocol.codec.read_digest_vec bytes count
    (fun c => read_digest_vec_total bytes c hb) ?_ ?_ ?_ ?_ ?_ ?_ ?_
  · intro s; rfl
  · intro s; vec_body_tac (protocol.codec.read_digest_vec bytes s.1)
  · intro r; cases r <;> exact ⟨_, rfl⟩

theorem read_table_openings_total (pos : Usize) :
    ∃ r, protocol.proof.read_table_openings bytes pos = .ok r := by
  unfold protocol.proof.read_table_openings
  read_step (read_ext_vec_total bytes _ hb) => main_local pos1
  read_step (read_ext_vec_total bytes _ hb) => main_next pos2
  read_step (read_ext_vec_total bytes _ hb) => aux_local pos3
  read_step (read_ext_vec_total bytes _ hb) => aux_next pos4
  read_step (read_ext_vec_total bytes _ hb) => quotient pos5
  exact ⟨_, rfl⟩

theorem read_query_total (pos : Usize) (limits : protocol.proof.DecodeLimits) :
    ∃ r, protocol.proof.read_query bytes pos limits = .ok r := by
  unfold protocol.proof.read_query
  read_step (read_multi_opening_total bytes hb _ _) => main pos1
  read_step (read_multi_opening_total bytes hb _ _) => aux pos2
  read_step (read_multi_opening_total bytes hb _ _) => quotient pos3
  read_step (read_bounded_len_total bytes hb _ _ _) => numSteps cursor
  refine vec_loop_total protocol.proof.read_fri_step bytes numSteps
    (fun c => read_fri_step_total bytes hb c) ?_ ?_ ?_ ?_ ?_ ?_ ?_
  · intro s; rfl
  · intro s; vec_body_tac (protocol.proof.read_fri_step bytes s.1)
  · intro r; cases r <;> exact ⟨_, rfl⟩

theorem read_header_total : ∃ r, protocol.proof.read_header bytes = .ok r := by
  unfold protocol.proof.read_header
  read_step (read_u32_total bytes _ hb) => version pos
  split
  · exact ⟨_, rfl⟩
  · exact read_u32_total bytes _ hb

theorem read_segment_total (pos : Usize) (limits : protocol.proof.DecodeLimits) :
    ∃ r, protocol.proof.read_segment bytes pos limits = .ok r := by
  unfold protocol.proof.read_segment
  read_step (read_u32_vec_total bytes hb _ _) => segmentValues pos1
  refine Exists.imp (fun _ h => h.1) (loop_bind_ex _ _ _ _ (fun _ => True) (fun _ => True)
    (fun _ => True) ?_ trivial ?_)
  · intro v _
    by_cases hlt : v < Slice.len segmentValues
    · have hv : v.toNat < segmentValues.length := by
        have h1 := UInt64.lt_iff_toNat_lt.mp hlt
        have h2 : (Slice.len segmentValues).toNat ≤ segmentValues.length := by
          simp only [Slice.len, UInt64.toNat_ofNat]; exact Nat.mod_le _ _
        omega
      have hv64 := (Slice.len segmentValues).toNat_lt
      have hlt' := UInt64.lt_iff_toNat_lt.mp hlt
      by_cases hc : segmentValues[v.toNat].toNat < Zkvm.Field.P
      · left
        refine ⟨v + 1, ?_, ?_, trivial⟩
        · simp only [hlt, if_true, Slice.index_eq segmentValues v hv, ok_bind,
            Zkvm.Refinement.field.is_canonical_spec, hc, decide_true, Bool.not_true,
            Bool.false_eq_true, if_false, Usize.add_eq v 1 (by simp; omega)]
        · show 2 ^ 64 - (v + 1).toNat < 2 ^ 64 - v.toNat
          have e : (v + 1).toNat = v.toNat + 1 := by simp only [UInt64.toNat_add]; simp; omega
          rw [e]; omega
      · right
        refine ⟨Exit.ret (Except.error error.VerifyError.NonCanonicalFieldElement), ?_, trivial⟩
        simp only [hlt, if_true, Slice.index_eq segmentValues v hv, ok_bind,
          Zkvm.Refinement.field.is_canonical_spec, hc, decide_false, Bool.not_false, if_true]
    · right
      exact ⟨Exit.brk v, by simp only [hlt, if_false], trivial⟩
  · intro r _
    refine Exists.imp (fun _ h => ⟨h, trivial⟩) ?_
    cases r with
    | ret x => exact ⟨_, rfl⟩
    | brk x =>
      simp only [pure_ok, ok_bind]
      read_step (read_u32_vec_total bytes hb _ _) => logHeights pos2
      read_step (read_digest_vec_total bytes _ hb) => mainCommitment pos3
      read_step (read_digest_vec_total bytes _ hb) => auxCommitment pos4
      read_step (read_ext_vec_total bytes _ hb) => claimedSums pos5
      split
      · exact ⟨_, rfl⟩
      read_step (read_digest_vec_total bytes _ hb) => quotientCommitment pos6
      read_step (read_bounded_len_total bytes hb _ _ _) => numTables cursor
      refine vec_loop_total protocol.proof.read_table_openings bytes numTables
        (fun c => read_table_openings_total bytes hb c) ?_ ?_ ?_ ?_ ?_ ?_ ?_
      · intro s; rfl
      · intro s; vec_body_tac (protocol.proof.read_table_openings bytes s.1)
      intro r
      cases r with
      | ret x => exact ⟨_, rfl⟩
      | brk y =>
        simp only [pure_ok, ok_bind]
        read_step (read_caps_total bytes hb _ _) => friCommitments pos7
        read_step (read_ext_vec_total bytes _ hb) => finalPoly pos8
        read_step (read_u64_total bytes _ hb) => powNonce pos9
        read_step (read_bounded_len_total bytes hb _ _ _) => numQueries cursor2
        refine vec_loop_total (fun b c => protocol.proof.read_query b c limits) bytes numQueries
          (fun c => read_query_total bytes hb c limits) ?_ ?_ ?_ ?_ ?_ ?_ ?_
        · intro s; rfl
        · intro s; vec_body_tac (protocol.proof.read_query bytes s.1 limits)
        intro r
        cases r <;> exact ⟨_, rfl⟩

/-- **`decode_proof_with_limits` never panics.** -/
theorem decode_proof_with_limits_total (limits : protocol.proof.DecodeLimits) :
    ∃ r, protocol.proof.decode_proof_with_limits bytes limits = .ok r := by
  unfold protocol.proof.decode_proof_with_limits
  read_step (read_header_total bytes hb) => count pos
  split
  · exact ⟨_, rfl⟩
  read_step (read_segment_total bytes hb _ _) => proof pend
  split <;> exact ⟨_, rfl⟩

/-- **`decode_proof` never panics**: on every byte string it returns a proof or a typed
error. -/
theorem decode_proof_total : ∃ r, protocol.proof.decode_proof bytes = .ok r := by
  unfold protocol.proof.decode_proof
  exact bind_total ⟨_, rfl⟩ (fun l => decode_proof_with_limits_total bytes hb l)

/-- **`decode_segments_with_limits` never panics.** -/
theorem decode_segments_with_limits_total (limits : protocol.proof.DecodeLimits) :
    ∃ r, protocol.proof.decode_segments_with_limits bytes limits = .ok r := by
  unfold protocol.proof.decode_segments_with_limits
  read_step (read_header_total bytes hb) => count cursor
  split
  · exact ⟨_, rfl⟩
  cases hsub : Usize.checked_sub (Slice.len bytes) cursor with
  | none => exact ⟨_, by simp only [hsub]; rfl⟩
  | some rem =>
    simp only [hsub, pure_ok, ok_bind, Usize.div_eq rem protocol.proof.MIN_SEGMENT_BYTES (by decide)]
    split
    · exact ⟨_, rfl⟩
    refine vec_loop_total (fun b c => protocol.proof.read_segment b c limits) bytes count.toUInt64
      (fun c => read_segment_total bytes hb c limits) ?_ ?_ ?_ ?_ ?_ ?_ ?_
    · intro s; rfl
    · intro s; vec_body_tac (protocol.proof.read_segment bytes s.1 limits)
    intro r
    cases r with
    | ret x => exact ⟨_, rfl⟩
    | brk y =>
      simp only [pure_ok, ok_bind]
      split <;> exact ⟨_, rfl⟩

end Zkvm.Refinement.protocol.proof
