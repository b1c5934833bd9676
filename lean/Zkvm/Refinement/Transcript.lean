module

public import Zkvm.Extracted.Transcript
public import Zkvm.Extraction.Lemmas
public import Zkvm.Spec.Transcript
public import Zkvm.Refinement.Commit.Merkle

/-!
# The extracted transcript absorbs as `Zkvm.Spec.Transcript` says

`crate::transcript` takes the hash as a parameter; here it is `bytesOf H` for a spec hash
`H : List UInt8 → Digest` (any hash with 32-byte outputs), and a state is the bytes of a spec
state (`stateOf`). Proved: the initial state is `initState`; absorbing bytes, a `u32`, a `u64`,
a digest, or a list of base or extension elements hashes exactly `absorbInput` of the spec's
encoding (the spec's `step … (.absorb data)`), and squeezing
a block hashes `squeezeInput` (the spec's `step … .squeeze`, whose result is both the block
and the new state); none of them panics (absorbed data below `2^32` bytes). Not yet covered
here: the values derived from a block and the proof-of-work digest.
-/

@[expose] public section

namespace Zkvm.Refinement.transcript

open Zkvm.Extraction Zkvm.Extracted Zkvm.Commit Zkvm.Spec
open Zkvm.Refinement.commit.merkle (bytesOf index_le_bytes_0 index_le_bytes_1 index_le_bytes_2
  index_le_bytes_3 set_fill)

variable (H : List UInt8 → Digest)

/-- The extracted transcript whose state is the spec state `st`. -/
def stateOf (st : Digest) : Extracted.transcript.Transcript := { state := st.bytes }

/-- `push_digest` appends the digest's 32 bytes and never panics. -/
theorem push_digest_spec (b : List UInt8) (d : Digest) :
    Extracted.transcript.push_digest b d.bytes = .ok (b ++ d.bytes) := by
  have hd := d.length_bytes
  unfold Extracted.transcript.push_digest
  apply loop_bind_ok
    (P := fun s => s.2.toNat ≤ 32 ∧ s.1 = b ++ d.bytes.take s.2.toNat)
    (Q := fun s => s.1 = b ++ d.bytes)
  · intro ⟨c, i⟩ ⟨hi, hc⟩
    simp only at hi hc
    by_cases hlt : i < 32
    · have hi' : i.toNat < 32 := by rw [UInt64.lt_iff_toNat_lt] at hlt; simpa using hlt
      have e : (i + 1).toNat = i.toNat + 1 := by simp only [UInt64.toNat_add]; simp; omega
      left
      refine ⟨(c ++ [d.bytes[i.toNat]], i + 1), ?_, ?_, ?_⟩
      · simp only [hlt, if_true, Slice.index_eq d.bytes i (by omega), ok_bind,
          Usize.add_eq i 1 (by simp; omega), pure_ok, Slice.push]
      · show 2 ^ 64 - (i + 1).toNat < 2 ^ 64 - i.toNat
        rw [e]; omega
      · refine ⟨by rw [e]; omega, ?_⟩
        simp only [e, hc, List.take_add_one, List.getElem?_eq_getElem (by omega : i.toNat < d.bytes.length),
          Option.toList_some, List.append_assoc]
    · right
      refine ⟨(c, i), by simp only [hlt, if_false, pure_ok], ?_⟩
      have e : i.toNat = 32 := by
        rw [UInt64.lt_iff_toNat_lt] at hlt; simp at hlt; omega
      simp only [hc, e, ← hd, List.take_length]
  · exact ⟨by simp, by simp⟩
  · intro ⟨c, i⟩ h
    simp only at h
    simp only [h, pure_ok]

/-- `push_u32_le` appends the four little-endian bytes. -/
theorem push_u32_le_spec (b : List UInt8) (v : UInt32) :
    Extracted.transcript.push_u32_le b v = .ok (b ++ le32 v) := by
  unfold Extracted.transcript.push_u32_le
  simp only [index_le_bytes_0, index_le_bytes_1, index_le_bytes_2, index_le_bytes_3, ok_bind,
    pure_ok, Slice.push, le32, List.append_assoc, List.cons_append, List.nil_append]

/-- The initial state is the spec's. -/
theorem new_spec :
    Extracted.transcript.Transcript.new (bytesOf H) = .ok (stateOf (initState H)) := by
  unfold Extracted.transcript.Transcript.new
  simp only [pure_ok]
  rfl

/-- Absorbing `data` hashes `absorbInput` (tag, state, `LE32` of the length, data): the spec's
absorb step. It never panics for fewer than `2^32` bytes of data. -/
theorem absorb_bytes_spec (st : Digest) (data : List UInt8) (hlen : data.length < 2 ^ 32) :
    Extracted.transcript.Transcript.absorb_bytes (bytesOf H) (stateOf st) data =
      .ok (stateOf (step H st (.absorb data))) := by
  have hn := Slice.len_toNat data (by omega)
  unfold Extracted.transcript.Transcript.absorb_bytes
  rw [Usize.add_eq _ _ (by simp only [hn]; simp; omega), ok_bind]
  simp only [stateOf, Slice.push, Slice.withCapacity, List.nil_append]
  rw [push_digest_spec, ok_bind, push_u32_le_spec, ok_bind]
  have e : UInt64.toUInt32 (Slice.len data) = data.length.toUInt32 := by
    simp only [Slice.len]
    apply UInt32.toNat_inj.mp
    simp
  simp only [e, pure_ok, Slice.extend, step, opInput, absorbInput, bytesOf,
    Extracted.transcript.ABSORB_TAG, absorbTag, List.append_assoc, List.cons_append]
  rfl

/-- Absorbing a `u32`: its four bytes. -/
theorem absorb_u32_spec (st : Digest) (v : UInt32) :
    Extracted.transcript.Transcript.absorb_u32 (bytesOf H) (stateOf st) v =
      .ok (stateOf (step H st (.absorb (encU32 v)))) := by
  unfold Extracted.transcript.Transcript.absorb_u32
  have h := absorb_bytes_spec H st (U32.to_le_bytes v) (by simp [U32.to_le_bytes])
  dsimp only
  rw [h, ok_bind, pure_ok]
  rfl

/-- Absorbing a `u64`: its eight bytes. -/
theorem absorb_u64_spec (st : Digest) (v : UInt64) :
    Extracted.transcript.Transcript.absorb_u64 (bytesOf H) (stateOf st) v =
      .ok (stateOf (step H st (.absorb (U64.to_le_bytes v)))) := by
  unfold Extracted.transcript.Transcript.absorb_u64
  have h := absorb_bytes_spec H st (U64.to_le_bytes v) (by simp [U64.to_le_bytes])
  dsimp only
  rw [h, ok_bind, pure_ok]

/-- Absorbing a digest: its 32 bytes. -/
theorem absorb_digest_spec (st d : Digest) :
    Extracted.transcript.Transcript.absorb_digest (bytesOf H) (stateOf st) d.bytes =
      .ok (stateOf (step H st (.absorb d.bytes))) := by
  unfold Extracted.transcript.Transcript.absorb_digest
  have h := absorb_bytes_spec H st d.bytes (by rw [d.length_bytes]; omega)
  dsimp only
  rw [h, ok_bind, pure_ok]

theorem length_flatMap_le32 : ∀ vals : List UInt32, (vals.flatMap le32).length = 4 * vals.length
  | [] => rfl
  | v :: vs => by
    rw [List.flatMap_cons, List.length_append, length_flatMap_le32 vs]
    simp [le32]; omega

/-- Absorbing a list of `u32` words (base field elements): their `LE32` one after the other
(the spec's `encBase` on canonical values), for fewer than `2^30` words. -/
theorem absorb_field_elements_spec (st : Digest) (vals : List UInt32)
    (hlen : vals.length < 2 ^ 30) :
    Extracted.transcript.Transcript.absorb_field_elements (bytesOf H) (stateOf st) vals =
      .ok (stateOf (step H st (.absorb (vals.flatMap le32)))) := by
  have hl : vals.length < 2 ^ 64 := by omega
  have hn := Slice.len_toNat vals hl
  unfold Extracted.transcript.Transcript.absorb_field_elements
  dsimp only
  rw [Usize.mul_eq _ _ (by simp only [hn]; simp; omega), ok_bind]
  apply loop_bind_ok
    (P := fun s => s.2.toNat ≤ vals.length ∧ s.1 = (vals.take s.2.toNat).flatMap le32)
    (Q := fun s => s.1 = vals.flatMap le32)
  · intro ⟨b, i⟩ ⟨hi, hb⟩
    simp only at hi hb
    by_cases hlt : i < Slice.len vals
    · have hi' : i.toNat < vals.length := by
        rw [UInt64.lt_iff_toNat_lt, hn] at hlt; exact hlt
      have e : (i + 1).toNat = i.toNat + 1 := by simp only [UInt64.toNat_add]; simp; omega
      left
      refine ⟨(b ++ le32 vals[i.toNat], i + 1), ?_, ?_, ?_⟩
      · simp only [hlt, if_true, Slice.index_eq vals i hi', ok_bind, push_u32_le_spec,
          Usize.add_eq i 1 (by simp; omega), pure_ok]
      · show 2 ^ 64 - (i + 1).toNat < 2 ^ 64 - i.toNat
        rw [e]; omega
      · refine ⟨by simp only [e]; omega, ?_⟩
        simp only [e, hb, List.take_add_one, List.getElem?_eq_getElem hi', Option.toList_some,
          List.flatMap_append, List.flatMap_cons, List.flatMap_nil, List.append_nil]
    · right
      refine ⟨(b, i), by simp only [hlt, if_false, pure_ok], ?_⟩
      have e : i.toNat = vals.length := by
        rw [UInt64.lt_iff_toNat_lt, hn] at hlt; omega
      simp only [hb, e, List.take_length]
  · exact ⟨by simp, by simp [Slice.withCapacity]⟩
  · intro ⟨b, i⟩ h
    simp only at h
    have hbytes : (vals.flatMap le32).length < 2 ^ 32 := by
      rw [length_flatMap_le32]; omega
    simp only [h]
    rw [absorb_bytes_spec H st _ hbytes, ok_bind, pure_ok]

/-- The bytes of one extension element (four words). -/
theorem ext_bytes (v : List UInt32) (hv : v.length = 4) :
    v.flatMap le32 = le32 v[0] ++ le32 v[1] ++ le32 v[2] ++ le32 v[3] := by
  match v, hv with
  | [a, b, c, d], _ => simp

theorem length_ext_bytes : ∀ vals : List (List UInt32), (∀ v ∈ vals, v.length = 4) →
    (vals.flatMap (fun v => v.flatMap le32)).length = 16 * vals.length
  | [], _ => rfl
  | v :: vs, h => by
    rw [List.flatMap_cons, List.length_append, length_flatMap_le32, h v (by simp),
      length_ext_bytes vs (fun w hw => h w (by simp [hw]))]
    simp; omega

/-- Absorbing a list of extension elements (each four `u32` words): their 16 bytes one after
the other (the spec's `encExt` on canonical coefficients), for fewer than `2^28` elements. -/
theorem absorb_ext_elements_spec (st : Digest) (vals : List (List UInt32))
    (hlen : vals.length < 2 ^ 28) (hfour : ∀ v ∈ vals, v.length = 4) :
    Extracted.transcript.Transcript.absorb_ext_elements (bytesOf H) (stateOf st) vals =
      .ok (stateOf (step H st (.absorb (vals.flatMap (fun v => v.flatMap le32))))) := by
  have hl : vals.length < 2 ^ 64 := by omega
  have hn := Slice.len_toNat vals hl
  unfold Extracted.transcript.Transcript.absorb_ext_elements
  dsimp only
  rw [Usize.mul_eq _ _ (by simp only [hn]; simp; omega), ok_bind]
  apply loop_bind_ok
    (P := fun s => s.2.toNat ≤ vals.length ∧
      s.1 = (vals.take s.2.toNat).flatMap (fun v => v.flatMap le32))
    (Q := fun s => s.1 = vals.flatMap (fun v => v.flatMap le32))
  · intro ⟨b, i⟩ ⟨hi, hb⟩
    simp only at hi hb
    by_cases hlt : i < Slice.len vals
    · have hi' : i.toNat < vals.length := by
        rw [UInt64.lt_iff_toNat_lt, hn] at hlt; exact hlt
      have e : (i + 1).toNat = i.toNat + 1 := by simp only [UInt64.toNat_add]; simp; omega
      have h4 : vals[i.toNat].length = 4 := hfour _ (List.getElem_mem hi')
      left
      refine ⟨(b ++ vals[i.toNat].flatMap le32, i + 1), ?_, ?_, ?_⟩
      · simp only [hlt, if_true, Slice.index_eq vals i hi', ok_bind,
          Slice.index_eq vals[i.toNat] 0 (by simp [h4]),
          Slice.index_eq vals[i.toNat] 1 (by simp [h4]),
          Slice.index_eq vals[i.toNat] 2 (by simp [h4]),
          Slice.index_eq vals[i.toNat] 3 (by simp [h4]), push_u32_le_spec,
          Usize.add_eq i 1 (by simp; omega), pure_ok, ext_bytes _ h4, List.append_assoc]
        rfl
      · show 2 ^ 64 - (i + 1).toNat < 2 ^ 64 - i.toNat
        rw [e]; omega
      · refine ⟨by simp only [e]; omega, ?_⟩
        simp only [e, hb, List.take_add_one, List.getElem?_eq_getElem hi', Option.toList_some,
          List.flatMap_append, List.flatMap_cons, List.flatMap_nil, List.append_nil]
    · right
      refine ⟨(b, i), by simp only [hlt, if_false, pure_ok], ?_⟩
      have e : i.toNat = vals.length := by
        rw [UInt64.lt_iff_toNat_lt, hn] at hlt; omega
      simp only [hb, e, List.take_length]
  · exact ⟨by simp, by simp [Slice.withCapacity]⟩
  · intro ⟨b, i⟩ h
    simp only at h
    have hbytes : (vals.flatMap (fun v => v.flatMap le32)).length < 2 ^ 32 := by
      rw [length_ext_bytes vals hfour]; omega
    simp only [h]
    rw [absorb_bytes_spec H st _ hbytes, ok_bind, pure_ok]

/-- The spec's encodings are these byte lists of the canonical words. -/
theorem encBase_eq (vs : List Zkvm.Field.BabyBear) : encBase vs = (vs.map baseWord).flatMap le32 := by
  induction vs with
  | nil => rfl
  | cons a vs ih => simp only [encBase, List.map_cons, List.flatMap_cons] at ih ⊢; rw [ih]

theorem encExt_eq (vs : List Zkvm.Field.Ext4) :
    encExt vs = (vs.map extWords).flatMap (fun v => v.flatMap le32) := by
  induction vs with
  | nil => rfl
  | cons a vs ih => simp only [encExt, List.map_cons, List.flatMap_cons] at ih ⊢; rw [ih]

noncomputable section

/-- The squeeze buffer after `i` steps: the tag, then the state's first `i` bytes padded to 32. -/
def squeezeBuf (st : List UInt8) (i : Nat) : List UInt8 :=
  1 :: (st.take i ++ List.replicate (32 - i) 0)

end

theorem length_squeezeBuf (st : List UInt8) (h : st.length = 32) (i : Nat) (hi : i ≤ 32) :
    (squeezeBuf st i).length = 33 := by
  simp [squeezeBuf, h]; omega

theorem squeezeBuf_step (st : List UInt8) (h : st.length = 32) (i : Nat) (hi : i < 32) :
    (squeezeBuf st i).set (1 + i) st[i] = squeezeBuf st (i + 1) := by
  have e : 32 - i = (31 - i) + 1 := by omega
  have e' : 32 - (i + 1) = 31 - i := by omega
  simp only [squeezeBuf, e, e']
  rw [show 1 + i = i + 1 by omega, List.set_cons_succ, set_fill st i _ (by omega)]

/-- Squeezing hashes `squeezeInput` (tag and state): the block is the spec's `step … .squeeze`,
and it is also the new state. Never panics. -/
theorem squeeze_block_spec (st : Digest) :
    Extracted.transcript.Transcript.squeeze_block (bytesOf H) (stateOf st) =
      .ok ((step H st .squeeze).bytes, stateOf (step H st .squeeze)) := by
  have hs := st.length_bytes
  have h0 : Slice.update (Slice.repeat (0 : UInt8) 33) 0 Extracted.transcript.SQUEEZE_TAG =
      .ok (squeezeBuf st.bytes 0) := by
    rw [Slice.update_eq _ _ _ (by simp [Slice.repeat])]
    simp [Slice.repeat, squeezeBuf, Extracted.transcript.SQUEEZE_TAG]
    try decide
  unfold Extracted.transcript.Transcript.squeeze_block
  simp only [h0, ok_bind]
  apply loop_bind_ok
    (P := fun s => s.2.toNat ≤ 32 ∧ s.1 = squeezeBuf st.bytes s.2.toNat)
    (Q := fun s => s.1 = squeezeInput st)
  · intro ⟨b, i⟩ ⟨hi, hb⟩
    simp only at hi hb
    subst hb
    by_cases hlt : i < 32
    · have hi' : i.toNat < 32 := by rw [UInt64.lt_iff_toNat_lt] at hlt; simpa using hlt
      have e : (i + 1).toNat = i.toNat + 1 := by simp only [UInt64.toNat_add]; simp; omega
      have e1 : (1 + i).toNat = 1 + i.toNat := by simp only [UInt64.toNat_add]; simp; omega
      left
      refine ⟨(squeezeBuf st.bytes (i.toNat + 1), i + 1), ?_, ?_, ?_⟩
      · have h1 := length_squeezeBuf st.bytes hs i.toNat (by omega)
        have u1 : Slice.update (squeezeBuf st.bytes i.toNat) (1 + i) st.bytes[i.toNat] =
            .ok ((squeezeBuf st.bytes i.toNat).set (1 + i.toNat) st.bytes[i.toNat]) := by
          rw [Slice.update_eq _ _ _ (by rw [e1, h1]; omega), e1]
        simp only [stateOf, hlt, if_true, Slice.index_eq st.bytes i (by omega), ok_bind,
          Usize.add_eq 1 i (by simp; omega), Usize.add_eq i 1 (by simp; omega), u1,
          squeezeBuf_step st.bytes hs i.toNat hi', pure_ok]
      · show 2 ^ 64 - (i + 1).toNat < 2 ^ 64 - i.toNat
        rw [e]; omega
      · exact ⟨by simp only [e]; omega, by simp only [e]⟩
    · right
      refine ⟨(squeezeBuf st.bytes i.toNat, i), by simp only [hlt, if_false, pure_ok], ?_⟩
      have e : i.toNat = 32 := by
        rw [UInt64.lt_iff_toNat_lt] at hlt; simp at hlt; omega
      show squeezeBuf st.bytes i.toNat = squeezeInput st
      simp [e, squeezeBuf, squeezeInput, squeezeTag, List.take_of_length_le, hs]
  · exact ⟨by simp, by simp⟩
  · intro ⟨b, i⟩ h
    simp only at h
    simp only [h, pure_ok]
    rfl

end Zkvm.Refinement.transcript
