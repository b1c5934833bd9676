module

public import Zkvm.Extracted.Protocol.Stark
public import Zkvm.Refinement.TranscriptSqueeze
public import Zkvm.Refinement.TranscriptFork
public import Zkvm.Extraction.LoopEq

/-!
# The shared Fiat–Shamir transcript and `χ`, `β` are the schedule's

`stark::begin_transcript`, `stark::absorb_segment_header` and `stark::shared_transcript`
(with the hash as the parameter `H`): from the statement and every segment's header, the
extracted code reaches the spec state `run H (opsShared st hdrs)` of `Zkvm.Spec.Schedule` and
returns the lookup challenges `χ`, `β` of the spec's `challenges` (the extension values of the
two blocks squeezed after `opsChi`), never panicking. The verifying key's digest is taken as
given (`vk_digest` returns the statement's `vkDigest`).
-/

@[expose] public section

noncomputable section

namespace Zkvm.Refinement.protocol.stark

open Zkvm.Extraction Zkvm.Extracted Zkvm.Commit Zkvm.Spec
open Zkvm.Refinement.commit.merkle (bytesOf)
open Zkvm.Refinement.transcript (stateOf new_spec absorb_bytes_spec absorb_u32_spec absorb_u64_spec
  absorb_digest_spec absorb_field_elements_spec squeeze_ext_spec)
open Zkvm.Refinement.field.extension (toExt)

variable (H : List UInt8 → Digest)

/-- `cap_bytes` lists the cap's digests' bytes in order (`encCap`); it never panics. -/
theorem cap_bytes_encCap (cap : List Digest) (hl : 32 * cap.length < 2 ^ 64) :
    commit.merkle.cap_bytes (cap.map Digest.bytes) = .ok (encCap cap) := by
  have hn := Slice.len_toNat (cap.map Digest.bytes) (by simp; omega)
  simp only [List.length_map] at hn
  unfold commit.merkle.cap_bytes
  rw [Usize.mul_eq 32 _ (by rw [hn]; simp; omega), ok_bind]
  apply loop_bind_ok
    (P := fun s => s.2.toNat ≤ cap.length ∧ s.1 = encCap (cap.take s.2.toNat))
    (Q := fun s => s.1 = encCap cap)
  · intro ⟨b, i⟩ ⟨hi, hb⟩
    dsimp only at hi hb
    subst hb
    dsimp only
    by_cases hlt : i < Slice.len (cap.map Digest.bytes)
    · have hlt' : i.toNat < cap.length := by rw [UInt64.lt_iff_toNat_lt, hn] at hlt; exact hlt
      have e : (i + 1).toNat = i.toNat + 1 := by simp only [UInt64.toNat_add]; simp; omega
      have hd := (cap[i.toNat]).length_bytes
      left
      refine ⟨(encCap (cap.take (i.toNat + 1)), i + 1), ?_, ?_, ?_⟩
      · rw [if_pos hlt]
        try dsimp only
        rw [loop_eq_ok (b := (encCap (cap.take (i.toNat + 1)), 32))
          (P := fun s => s.2.toNat ≤ 32 ∧
            s.1 = encCap (cap.take i.toNat) ++ (cap[i.toNat]).bytes.take s.2.toNat)]
        · rw [ok_bind, Usize.add_eq i 1 (by simp; omega), ok_bind, pure_ok]
        · intro ⟨b, j⟩ ⟨hj, hb⟩
          dsimp only at hj hb
          subst hb
          dsimp only
          by_cases hlj : j < 32
          · have hlj' : j.toNat < 32 := by rw [UInt64.lt_iff_toNat_lt] at hlj; simpa using hlj
            have ej : (j + 1).toNat = j.toNat + 1 := by simp only [UInt64.toNat_add]; simp; omega
            left
            refine ⟨(encCap (cap.take i.toNat) ++ (cap[i.toNat]).bytes.take (j.toNat + 1), j + 1),
              ?_, ?_, ?_⟩
            · rw [if_pos hlj, Slice.index_eq _ i (by simpa using hlt'), ok_bind,
                Slice.index_eq _ j (by simp; omega), ok_bind, Usize.add_eq j 1 (by simp; omega),
                ok_bind, pure_ok]
              simp only [List.getElem_map, Slice.push, List.append_assoc]
              rw [List.take_add_one, List.getElem?_eq_getElem (by rw [hd]; exact hlj')]
              rfl
            · show 2 ^ 64 - (j + 1).toNat < 2 ^ 64 - j.toNat
              rw [ej]; omega
            · exact ⟨by rw [ej]; omega, by rw [ej]⟩
          · right
            refine ⟨_, by rw [if_neg hlj, pure_ok], ?_⟩
            have ej : j = 32 := by
              apply UInt64.toNat_inj.mp
              have : ¬ j.toNat < 32 := fun h => hlj (by rw [UInt64.lt_iff_toNat_lt]; simpa using h)
              simp; omega
            subst ej
            try dsimp only
            have h32 : (cap[i.toNat]).bytes.take 32 = (cap[i.toNat]).bytes :=
              List.take_of_length_le (by rw [hd]; exact Nat.le_refl 32)
            have htk : cap.take (i.toNat + 1) = cap.take i.toNat ++ [cap[i.toNat]] := by
              rw [List.take_add_one, List.getElem?_eq_getElem hlt']; rfl
            rw [show (32 : UInt64).toNat = 32 from rfl, h32, htk]
            simp only [encCap, List.flatMap_append, List.flatMap_cons, List.flatMap_nil, List.append_nil]
        · exact ⟨by simp, by simp⟩
      · show 2 ^ 64 - (i + 1).toNat < 2 ^ 64 - i.toNat
        rw [e]; omega
      · exact ⟨by rw [e]; omega, by rw [e]⟩
    · right
      refine ⟨_, by rw [if_neg hlt, pure_ok], ?_⟩
      have e : i.toNat = cap.length := by
        have : ¬ i.toNat < (Slice.len (cap.map Digest.bytes)).toNat :=
          fun h => hlt (UInt64.lt_iff_toNat_lt.mpr h)
        omega
      dsimp only
      rw [e, List.take_length]
  · exact ⟨by simp, by simp [encCap, Slice.withCapacity]⟩
  · intro ⟨b, i⟩ h
    dsimp only at h
    subst h
    rfl

theorem length_encCap (cap : List Digest) : (encCap cap).length = 32 * cap.length := by
  induction cap with
  | nil => rfl
  | cons d cap ih =>
    simp only [encCap, List.flatMap_cons, List.length_append, List.length_cons] at ih ⊢
    rw [ih, d.length_bytes]; omega

/-- Absorbing a cap absorbs `encCap` (caps of fewer than `2^27` digests); never panics. -/
theorem absorb_cap_spec (st : Digest) (cap : List Digest) (hl : cap.length < 2 ^ 27) :
    protocol.stark.absorb_cap (bytesOf H) (stateOf st) (cap.map Digest.bytes) =
      .ok (stateOf (step H st (.absorb (encCap cap)))) := by
  unfold protocol.stark.absorb_cap
  dsimp only
  rw [cap_bytes_encCap cap (by omega), ok_bind,
    absorb_bytes_spec H st _ (by rw [length_encCap]; omega), ok_bind, pure_ok]

/-- The statement's part of the transcript: version, verifying-key digest, public values,
input, output, the number of segments. -/
def beginOps (st : Spec.Statement) (n : Nat) : List Op :=
  absorbAll [encU32 protocolVersion, st.vkDigest.bytes, encBase st.publicValues, st.input,
    st.output, encU64 n.toUInt64]

theorem run_append (a b : List Op) (s : Digest) :
    (a ++ b).foldl (step H) s = b.foldl (step H) (a.foldl (step H) s) := List.foldl_append

/-- `begin_transcript` absorbs the statement as the schedule's round 0 begins; never panics. -/
theorem begin_transcript_spec (vk : protocol.vk.VerifyingKey) (st : Spec.Statement)
    (statement : protocol.statement.Statement) (n : Usize)
    (hvk : protocol.vk.vk_digest (bytesOf H) vk = .ok st.vkDigest.bytes)
    (hpv : statement.public_values = st.publicValues.map Zkvm.Refinement.field.toU32)
    (hin : statement.input = st.input) (hout : statement.output = st.output)
    (hpl : st.publicValues.length < 2 ^ 30) (hil : st.input.length < 2 ^ 32)
    (hol : st.output.length < 2 ^ 32) :
    protocol.stark.begin_transcript (bytesOf H) vk statement n =
      .ok (stateOf ((beginOps st n.toNat).foldl (step H) (initState H))) := by
  unfold protocol.stark.begin_transcript
  rw [new_spec, ok_bind]; try dsimp only
  rw [absorb_u32_spec, ok_bind]; try dsimp only
  rw [hvk, ok_bind, absorb_digest_spec, ok_bind]; try dsimp only
  rw [hpv, absorb_field_elements_spec H _ _ (by simp; omega), ok_bind]; try dsimp only
  rw [hin, absorb_bytes_spec H _ _ hil, ok_bind]; try dsimp only
  rw [hout, absorb_bytes_spec H _ _ hol, ok_bind]; try dsimp only
  rw [absorb_u64_spec, ok_bind, pure_ok]
  have hpv' : (st.publicValues.map Zkvm.Refinement.field.toU32).flatMap le32 = encBase st.publicValues := by
    rw [Zkvm.Refinement.transcript.encBase_eq]; rfl
  rw [hpv']
  simp only [beginOps, absorbAll, List.map_cons, List.map_nil, List.foldl_cons, List.foldl_nil,
    protocol.stark.PROTOCOL_VERSION, protocolVersion, encU32]
  congr 3
  simp [encU64, le64, U64.to_le_bytes]

/-- A segment header absorbs its three messages (`headerMsgs`); never panics. -/
theorem absorb_segment_header_spec (st : Digest) (h : SegmentHeader)
    (hv : h.values.length < 2 ^ 30) (hh : h.logHeights.length < 2 ^ 30)
    (hc : h.mainCap.length < 2 ^ 27) :
    protocol.stark.absorb_segment_header (bytesOf H) (stateOf st) h.values h.logHeights
        (h.mainCap.map Digest.bytes) =
      .ok (stateOf ((absorbAll (headerMsgs h)).foldl (step H) st)) := by
  unfold protocol.stark.absorb_segment_header
  dsimp only
  rw [absorb_field_elements_spec H _ _ hv, ok_bind, absorb_field_elements_spec H _ _ hh, ok_bind,
    absorb_cap_spec H _ _ hc, ok_bind, pure_ok]
  rfl

theorem opsChi_eq (st : Spec.Statement) (hdrs : List SegmentHeader) :
    opsChi st hdrs = beginOps st hdrs.length ++ absorbAll (hdrs.flatMap headerMsgs) := by
  simp [opsChi, msgs0, beginOps, absorbAll]

/-- **The shared transcript**: `shared_transcript` reaches the schedule's state after
`opsShared` and returns `χ`, `β` as the spec's `challenges` define them (the blocks squeezed
after `opsChi`); it never panics. -/
theorem shared_transcript_spec (vk : protocol.vk.VerifyingKey) (st : Spec.Statement)
    (statement : protocol.statement.Statement) (hdrs : List SegmentHeader)
    (proofs : List protocol.proof.Proof)
    (hvk : protocol.vk.vk_digest (bytesOf H) vk = .ok st.vkDigest.bytes)
    (hpv : statement.public_values = st.publicValues.map Zkvm.Refinement.field.toU32)
    (hin : statement.input = st.input) (hout : statement.output = st.output)
    (hpl : st.publicValues.length < 2 ^ 30) (hil : st.input.length < 2 ^ 32)
    (hol : st.output.length < 2 ^ 32)
    (hlen : proofs.length = hdrs.length) (hl64 : hdrs.length < 2 ^ 64)
    (hseg : ∀ i (h : i < proofs.length), proofs[i].segment_values = (hdrs[i]'(by omega)).values ∧
      proofs[i].log_heights = (hdrs[i]'(by omega)).logHeights ∧
      proofs[i].main_commitment = (hdrs[i]'(by omega)).mainCap.map Digest.bytes)
    (hb : ∀ h ∈ hdrs, h.values.length < 2 ^ 30 ∧ h.logHeights.length < 2 ^ 30 ∧
      h.mainCap.length < 2 ^ 27) :
    protocol.stark.shared_transcript (bytesOf H) vk statement proofs =
      .ok (stateOf (run H (opsShared st hdrs)),
        toExt (extOfBlock (blockAfter H (opsChi st hdrs) 1)),
        toExt (extOfBlock (blockAfter H (opsChi st hdrs) 2))) := by
  have hn := Slice.len_toNat proofs (by omega)
  unfold protocol.stark.shared_transcript
  rw [begin_transcript_spec H vk st statement _ hvk hpv hin hout hpl hil hol, ok_bind, hn, hlen]
  apply loop_bind_ok
    (P := fun x => x.2.toNat ≤ hdrs.length ∧
      x.1 = stateOf ((beginOps st hdrs.length ++ absorbAll ((hdrs.take x.2.toNat).flatMap headerMsgs)).foldl
        (step H) (initState H)))
    (Q := fun x => x.1 = stateOf (run H (opsChi st hdrs)))
  · intro ⟨tr, s⟩ ⟨hs, htr⟩
    dsimp only at hs htr
    subst htr
    dsimp only
    by_cases hlt : s < Slice.len proofs
    · have hlt' : s.toNat < hdrs.length := by rw [UInt64.lt_iff_toNat_lt, hn, hlen] at hlt; exact hlt
      have e : (s + 1).toNat = s.toNat + 1 := by simp only [UInt64.toNat_add]; simp; omega
      have hp := hseg s.toNat (by omega)
      have hbs := hb _ (List.getElem_mem hlt')
      left
      refine ⟨(stateOf ((beginOps st hdrs.length ++ absorbAll ((hdrs.take (s.toNat + 1)).flatMap
        headerMsgs)).foldl (step H) (initState H)), s + 1), ?_, ?_, ?_⟩
      · rw [if_pos hlt, Slice.index_eq _ _ (by omega), ok_bind, ok_bind, ok_bind, hp.1, hp.2.1, hp.2.2,
          absorb_segment_header_spec H _ _ hbs.1 hbs.2.1 hbs.2.2, ok_bind,
          Usize.add_eq s 1 (by simp; omega), ok_bind, pure_ok, List.take_add_one,
          List.getElem?_eq_getElem hlt']
        simp only [Option.toList_some, List.flatMap_append, List.flatMap_cons, List.flatMap_nil,
          List.append_nil, absorbAll, List.map_append, List.append_assoc, List.foldl_append]
      · show 2 ^ 64 - (s + 1).toNat < 2 ^ 64 - s.toNat
        rw [e]; omega
      · exact ⟨by rw [e]; omega, by rw [e]⟩
    · right
      refine ⟨_, by rw [if_neg hlt, pure_ok], ?_⟩
      have e : s.toNat = hdrs.length := by
        have : ¬ s.toNat < (Slice.len proofs).toNat := fun h => hlt (UInt64.lt_iff_toNat_lt.mpr h)
        omega
      dsimp only
      rw [e, List.take_length, ← opsChi_eq]; rfl
  · exact ⟨by simp, by simp [absorbAll]⟩
  · intro ⟨tr, s⟩ h
    dsimp only at h
    subst h
    dsimp only
    rw [squeeze_ext_spec, ok_bind]
    dsimp only
    rw [squeeze_ext_spec, ok_bind, pure_ok]
    simp only [blockAfter, opsShared, run, squeezes, List.replicate, List.foldl_append, List.foldl_cons,
      List.foldl_nil]

end Zkvm.Refinement.protocol.stark
