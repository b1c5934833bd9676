module

public import Zkvm.Refinement.Transcript
public import Zkvm.Refinement.Field.Extension

/-!
# The extracted transcript's challenges are `Zkvm.Spec.Transcript`'s

Continues `Zkvm.Refinement.Transcript` (same hash `bytesOf H`, same states `stateOf`).
Proved: `u64_from_le` reads eight bytes little-endian (`leNat`), `field_from_u64` reduces
modulo `p`, and so `squeeze_field`, `squeeze_ext` and `squeeze_index` return the spec's
`fieldOfBlock`, `extOfBlock` and `indexOfBlock` of the squeezed block (the spec's
`step … .squeeze`), with that block as the new state; `pow_digest` hashes the spec's
`powInput` and `check_pow` is the spec's `powOk`. None of them panics, for any input.

`squeeze_index` masks with `bits & 63` (Rust: `1u64 << (bits & 63)`); the theorem states
that for every `bits`, and `squeeze_index_spec_lt` the plain form for `bits < 64` (the
verifier asks for at most 32 bits); the same for `check_pow_spec` and `check_pow_spec_lt`.
At 64 bits or more Rust's mask wraps (`bits & 63`), so `check_pow` with `bits = 64` accepts
every nonce: callers must keep `bits` below 64 (the protocol's parameters do).
-/

@[expose] public section

namespace Zkvm.Refinement.transcript

open Zkvm.Extraction Zkvm.Extracted Zkvm.Commit Zkvm.Spec Zkvm.Field
open Zkvm.Refinement.commit.merkle (bytesOf set_fill)
open Zkvm.Refinement.field (toU32 toU32_toNat eq_toU32 P_toNat)
open Zkvm.Refinement.field.extension (toExt)

variable (H : List UInt8 → Digest)

/-! ## Bytes to numbers -/

theorem leNat_lt : ∀ l : List UInt8, leNat l < 256 ^ l.length
  | [] => by simp [leNat]
  | b :: bs => by
    have h1 := leNat_lt bs
    have h2 := b.toNat_lt
    simp only [leNat, List.length_cons, Nat.pow_succ]
    omega

theorem leValue_eq_leNat : ∀ l : List UInt8, leValue l = leNat l
  | [] => rfl
  | b :: bs => by simp only [leValue, leNat, leValue_eq_leNat bs]

/-- One step of `u64_from_le`: shifting a value below `2^56` left by 8 and or-ing a byte is
`256 * v + b`. -/
theorem shl8_or (v : UInt64) (b : UInt8) (hv : v.toNat < 2 ^ 56) :
    ((v <<< UInt64.ofNat 8) ||| b.toUInt64).toNat = 256 * v.toNat + b.toNat := by
  have hb := b.toNat_lt
  rw [UInt64.toNat_or, UInt64.toNat_shiftLeft, UInt8.toNat_toUInt64]
  have e8 : (UInt64.ofNat 8).toNat % 64 = 8 := by decide
  rw [e8, Nat.shiftLeft_eq]
  have hlt : v.toNat * 2 ^ 8 < 2 ^ 64 := by omega
  rw [Nat.mod_eq_of_lt hlt, ← Nat.shiftLeft_eq,
    ← Nat.shiftLeft_add_eq_or_of_lt (by omega : b.toNat < 2 ^ 8), Nat.shiftLeft_eq]
  omega

/-- The `i`-th byte from the top of an 8-byte window. -/
theorem drop_window (l : List UInt8) (hl : l.length = 8) (i : Nat) (hi : i < 8) :
    l.drop (8 - (i + 1)) = l[7 - i] :: l.drop (8 - i) := by
  rw [List.drop_eq_getElem_cons (by omega)]
  congr 2 <;> omega

/-- The byte `block[o + k]` is byte `k` of the window `block[o..o+8]`. -/
theorem window_getElem (block : List UInt8) (o k j : Nat) (hk : k < 8)
    (h : o + 8 ≤ block.length) (hj : j = o + k) (p : j < block.length) :
    block[j] = ((block.drop o).take 8)[k]'(by simp; omega) := by
  subst hj; simp [List.getElem_take, List.getElem_drop]

/-- `u64_from_le block offset` is the little-endian value of `block[offset..offset+8]`; it
never panics when the window lies inside the block (and the block inside the address space). -/
theorem u64_from_le_spec (block : List UInt8) (off : Usize) (h : off.toNat + 8 ≤ block.length)
    (hb : block.length < 2 ^ 64) :
    Extracted.transcript.u64_from_le block off =
      .ok (UInt64.ofNat (leNat ((block.drop off.toNat).take 8))) := by
  have hw : ((block.drop off.toNat).take 8).length = 8 := by simp; omega
  unfold Extracted.transcript.u64_from_le
  apply loop_bind_ok
    (P := fun s => s.2.toNat ≤ 8 ∧
      s.1.toNat = leNat (((block.drop off.toNat).take 8).drop (8 - s.2.toNat)))
    (Q := fun s => s.1 = UInt64.ofNat (leNat ((block.drop off.toNat).take 8)))
  · intro ⟨v, i⟩ ⟨hi, hv⟩
    simp only at hi hv
    by_cases hlt : i < 8
    · have hi' : i.toNat < 8 := by rw [UInt64.lt_iff_toNat_lt] at hlt; simpa using hlt
      have e : (i + 1).toNat = i.toNat + 1 := by simp only [UInt64.toNat_add]; simp; omega
      have e7 : (off + 7).toNat = off.toNat + 7 := by simp only [UInt64.toNat_add]; simp; omega
      have ej : (off + 7 - i).toNat = off.toNat + 7 - i.toNat := by
        rw [UInt64.toNat_sub_of_le _ _ (by rw [UInt64.le_iff_toNat_le, e7]; omega), e7]
      have hv56 : v.toNat < 2 ^ 56 := by
        have := leNat_lt (((block.drop off.toNat).take 8).drop (8 - i.toNat))
        simp only [List.length_drop, hw] at this
        have : 256 ^ (8 - (8 - i.toNat)) ≤ 256 ^ 7 := Nat.pow_le_pow_right (by omega) (by omega)
        rw [hv]; omega
      left
      refine ⟨((v <<< UInt64.ofNat 8) ||| (block[(off + 7 - i).toNat]'(by rw [ej]; omega)).toUInt64,
        i + 1), ?_, ?_, ?_⟩
      · simp only [hlt, if_true, U64.shl_eq v 8 (by decide), ok_bind,
          Usize.add_eq off 7 (by simp; omega), Usize.sub_eq (off + 7) i (by rw [e7]; omega),
          Slice.index_eq block (off + 7 - i) (by rw [ej]; omega),
          Usize.add_eq i 1 (by simp; omega), pure_ok]
      · show 2 ^ 64 - (i + 1).toNat < 2 ^ 64 - i.toNat
        rw [e]; omega
      · refine ⟨by rw [e]; omega, ?_⟩
        simp only
        rw [shl8_or _ _ hv56, e, drop_window _ hw _ hi', leNat, hv,
          window_getElem block off.toNat (7 - i.toNat) _ (by omega) h (by rw [ej]; omega)]
        omega
    · right
      refine ⟨(v, i), by simp only [hlt, if_false, pure_ok], ?_⟩
      have e : i.toNat = 8 := by
        rw [UInt64.lt_iff_toNat_lt] at hlt; simp at hlt; omega
      simp only
      apply UInt64.toNat_inj.mp
      have := leNat_lt ((block.drop off.toNat).take 8)
      rw [hw] at this
      rw [hv, e, Nat.sub_self, List.drop_zero, UInt64.toNat_ofNat_of_lt' (by omega)]
  · exact ⟨by simp, by simp [leNat]⟩
  · intro ⟨v, i⟩ hq
    simp only at hq
    simp only [hq, pure_ok]

theorem leNat_window_lt (l : List UInt8) (o : Nat) : leNat ((l.drop o).take 8) < 2 ^ 64 := by
  have h := leNat_lt ((l.drop o).take 8)
  have : 256 ^ ((l.drop o).take 8).length ≤ 256 ^ 8 :=
    Nat.pow_le_pow_right (by omega) (by simp; omega)
  omega

/-- `u64_from_le` on a digest, at an offset up to 24. -/
theorem u64_from_le_digest (d : Digest) (o : Usize) (ho : o.toNat ≤ 24) :
    Extracted.transcript.u64_from_le d.bytes o =
      .ok (UInt64.ofNat (leNat ((d.bytes.drop o.toNat).take 8))) :=
  u64_from_le_spec d.bytes o (by rw [d.length_bytes]; omega) (by rw [d.length_bytes]; omega)

/-- `field_from_u64` reduces modulo `p` (never panics). -/
theorem field_from_u64_spec (v : UInt64) :
    Extracted.transcript.field_from_u64 v = .ok (toU32 (BabyBear.ofNat v.toNat)) := by
  unfold Extracted.transcript.field_from_u64
  have hP : (UInt32.toUInt64 field.P).toNat = P := by rw [UInt32.toNat_toUInt64, P_toNat]
  rw [U64.rem_eq _ _ (by intro h; rw [h] at hP; simp at hP; rw [P_eq] at hP; omega), ok_bind,
    pure_ok]
  refine congrArg Outcome.ok (eq_toU32 ?_)
  have := Nat.mod_lt v.toNat P_pos
  rw [BabyBear.val_ofNat, UInt64.toNat_toUInt32, UInt64.toNat_mod, hP, P_eq] at *
  omega

/-- The field element of an 8-byte window. -/
theorem field_from_window (d : Digest) (o : Nat) :
    Extracted.transcript.field_from_u64 (UInt64.ofNat (leNat ((d.bytes.drop o).take 8))) =
      .ok (toU32 (fieldAt d o)) := by
  rw [field_from_u64_spec, UInt64.toNat_ofNat_of_lt' (leNat_window_lt _ _)]
  rfl

/-- A base-field challenge is the spec's `fieldOfBlock` of the squeezed block (the spec's
`step … .squeeze`, also the new state). Never panics. -/
theorem squeeze_field_spec (st : Digest) :
    Extracted.transcript.Transcript.squeeze_field (bytesOf H) (stateOf st) =
      .ok (toU32 (fieldOfBlock (step H st .squeeze)), stateOf (step H st .squeeze)) := by
  unfold Extracted.transcript.Transcript.squeeze_field
  have h0 := u64_from_le_digest (step H st .squeeze) 0 (by decide)
  dsimp only
  rw [squeeze_block_spec, ok_bind]
  simp only [h0, ok_bind, field_from_window, pure_ok]
  rfl

/-- An extension challenge is the spec's `extOfBlock` of the squeezed block. Never panics. -/
theorem squeeze_ext_spec (st : Digest) :
    Extracted.transcript.Transcript.squeeze_ext (bytesOf H) (stateOf st) =
      .ok (toExt (extOfBlock (step H st .squeeze)), stateOf (step H st .squeeze)) := by
  unfold Extracted.transcript.Transcript.squeeze_ext
  have h0 := u64_from_le_digest (step H st .squeeze) 0 (by decide)
  have h8 := u64_from_le_digest (step H st .squeeze) 8 (by decide)
  have h16 := u64_from_le_digest (step H st .squeeze) 16 (by decide)
  have h24 := u64_from_le_digest (step H st .squeeze) 24 (by decide)
  dsimp only
  rw [squeeze_block_spec, ok_bind]
  simp only [h0, h8, h16, h24, ok_bind, field_from_window, pure_ok]
  rfl

/-! ## Masks -/

theorem and_63_lt (bits : UInt32) : (bits &&& 63).toNat < 64 := by
  rw [UInt32.toNat_and]
  have := Nat.and_le_right (n := bits.toNat) (m := (63 : UInt32).toNat)
  have e : (63 : UInt32).toNat = 63 := rfl
  omega

theorem mask_shl (k : Nat) (hk : k < 64) : U64.shl 1 k = .ok (1 <<< UInt64.ofNat k) :=
  U64.shl_eq 1 k hk

theorem shl_one_toNat (k : Nat) (hk : k < 64) : ((1 : UInt64) <<< UInt64.ofNat k).toNat = 2 ^ k := by
  have e : (UInt64.ofNat k).toNat = k := by
    exact UInt64.toNat_ofNat_of_lt' (by simp [UInt64.size]; omega)
  rw [UInt64.toNat_shiftLeft, e, Nat.mod_eq_of_lt hk,
    UInt64.toNat_one, Nat.one_shiftLeft, Nat.mod_eq_of_lt (Nat.pow_lt_pow_right (by omega) hk)]

theorem mask_sub (k : Nat) (hk : k < 64) :
    U64.sub (1 <<< UInt64.ofNat k) 1 = .ok (1 <<< UInt64.ofNat k - 1) :=
  U64.sub_eq _ _ (by rw [shl_one_toNat k hk, UInt64.toNat_one]; exact Nat.one_le_two_pow)

/-- Masking with `(1 << k) - 1` keeps the value modulo `2^k`. -/
theorem and_mask_toNat (w : UInt64) (k : Nat) (hk : k < 64) :
    (w &&& (1 <<< UInt64.ofNat k - 1)).toNat = w.toNat % 2 ^ k := by
  rw [UInt64.toNat_and, UInt64.toNat_sub_of_le _ _ (by
      rw [UInt64.le_iff_toNat_le, shl_one_toNat k hk, UInt64.toNat_one]; exact Nat.one_le_two_pow),
    shl_one_toNat k hk, UInt64.toNat_one, Nat.and_two_pow_sub_one_eq_mod]

theorem four_take (l : List UInt8) (h0 h1 h2 h3) :
    [l[(0 : Usize).toNat]'h0, l[(1 : Usize).toNat]'h1, l[(2 : Usize).toNat]'h2,
      l[(3 : Usize).toNat]'h3] = l.take 4 := by
  rcases l with _ | ⟨a, _ | ⟨b, _ | ⟨c, _ | ⟨d, r⟩⟩⟩⟩
  all_goals first | rfl | simp at h3

/-- The first little-endian word of a list of bytes, as the extracted code forms it. -/
theorem word_toNat (l : List UInt8) (h0 h1 h2 h3) :
    (UInt32.toUInt64 (U32.from_le_bytes [l[(0 : Usize).toNat]'h0, l[(1 : Usize).toNat]'h1,
      l[(2 : Usize).toNat]'h2, l[(3 : Usize).toNat]'h3])).toNat =
      leNat (l.take 4) := by
  rw [four_take, UInt32.toNat_toUInt64, U32.from_le_bytes, leValue_eq_leNat]
  have h := leNat_lt (l.take 4)
  have : 256 ^ (l.take 4).length ≤ 256 ^ 4 := Nat.pow_le_pow_right (by omega) (by simp; omega)
  rw [UInt32.toNat_ofNat_of_lt' (by simp [UInt32.size]; omega)]

/-- A query index is the spec's `indexOfBlock` of the squeezed block at `bits & 63` bits (Rust
masks the shift amount). Never panics. -/
theorem squeeze_index_spec (st : Digest) (bits : UInt32) :
    Extracted.transcript.Transcript.squeeze_index (bytesOf H) (stateOf st) bits =
      .ok (UInt32.ofNat (indexOfBlock (step H st .squeeze) (bits &&& 63).toNat),
        stateOf (step H st .squeeze)) := by
  unfold Extracted.transcript.Transcript.squeeze_index
  have hl := (step H st .squeeze).length_bytes
  have hk := and_63_lt bits
  dsimp only
  rw [squeeze_block_spec, ok_bind]
  simp only [Slice.index_eq (step H st .squeeze).bytes 0 (by simp [hl]),
    Slice.index_eq (step H st .squeeze).bytes 1 (by simp [hl]),
    Slice.index_eq (step H st .squeeze).bytes 2 (by simp [hl]),
    Slice.index_eq (step H st .squeeze).bytes 3 (by simp [hl]), ok_bind,
    mask_shl _ hk, mask_sub _ hk, pure_ok]
  refine congrArg Outcome.ok (Prod.ext ?_ rfl)
  apply UInt32.toNat_inj.mp
  rw [UInt64.toNat_toUInt32, and_mask_toNat _ _ hk, word_toNat]
  show _ = (UInt32.ofNat _).toNat
  simp [indexOfBlock]

theorem and_63_of_lt (bits : UInt32) (h : bits.toNat < 64) : (bits &&& 63).toNat = bits.toNat := by
  rw [UInt32.toNat_and, show (63 : UInt32).toNat = 2 ^ 6 - 1 from rfl,
    Nat.and_two_pow_sub_one_of_lt_two_pow (by simpa using h)]

/-- For fewer than 64 bits (the verifier asks for at most 32): the spec's `indexOfBlock` at
`bits`. -/
theorem squeeze_index_spec_lt (st : Digest) (bits : UInt32) (h : bits.toNat < 64) :
    Extracted.transcript.Transcript.squeeze_index (bytesOf H) (stateOf st) bits =
      .ok (UInt32.ofNat (indexOfBlock (step H st .squeeze) bits.toNat),
        stateOf (step H st .squeeze)) := by
  rw [squeeze_index_spec, and_63_of_lt bits h]

/-! ## Proof of work -/

noncomputable section

/-- The proof-of-work buffer after `k` bytes of `state ‖ LE64 nonce` are written. -/
def powBuf (l : List UInt8) (k : Nat) : List UInt8 :=
  2 :: (l.take k ++ List.replicate (40 - k) 0)

end

theorem length_powBuf (l : List UInt8) (h : l.length = 40) (k : Nat) (hk : k ≤ 40) :
    (powBuf l k).length = 41 := by
  simp [powBuf, h]; omega

theorem powBuf_step (l : List UInt8) (h : l.length = 40) (k : Nat) (hk : k < 40) :
    (powBuf l k).set (1 + k) l[k] = powBuf l (k + 1) := by
  have e : 40 - k = (39 - k) + 1 := by omega
  have e' : 40 - (k + 1) = 39 - k := by omega
  simp only [powBuf, e, e']
  rw [show 1 + k = k + 1 by omega, List.set_cons_succ, set_fill l k _ (by omega)]

/-- `pow_digest` hashes the spec's `powInput` (tag, state, `LE64 nonce`); it does not change
the state and never panics. -/
theorem pow_digest_spec (st : Digest) (nonce : UInt64) :
    Extracted.transcript.Transcript.pow_digest (bytesOf H) (stateOf st) nonce =
      .ok (H (powInput st nonce)).bytes := by
  have hs := st.length_bytes
  have hle : (U64.to_le_bytes nonce).length = 8 := rfl
  have hl : (st.bytes ++ U64.to_le_bytes nonce).length = 40 := by simp [hs, hle]
  have h0 : Slice.update (Slice.repeat (0 : UInt8) 41) 0 Extracted.transcript.POW_TAG =
      .ok (powBuf (st.bytes ++ U64.to_le_bytes nonce) 0) := by
    rw [Slice.update_eq _ _ _ (by simp [Slice.repeat])]
    simp [Slice.repeat, powBuf, Extracted.transcript.POW_TAG]
    try decide
  unfold Extracted.transcript.Transcript.pow_digest
  simp only [h0, ok_bind]
  apply loop_bind_ok
    (P := fun s => s.2.toNat ≤ 32 ∧ s.1 = powBuf (st.bytes ++ U64.to_le_bytes nonce) s.2.toNat)
    (Q := fun s => s.1 = powBuf (st.bytes ++ U64.to_le_bytes nonce) 32)
  · intro ⟨b, i⟩ ⟨hi, hb⟩
    simp only at hi hb
    subst hb
    by_cases hlt : i < 32
    · have hi' : i.toNat < 32 := by rw [UInt64.lt_iff_toNat_lt] at hlt; simpa using hlt
      have e : (i + 1).toNat = i.toNat + 1 := by simp only [UInt64.toNat_add]; simp; omega
      have e1 : (1 + i).toNat = 1 + i.toNat := by simp only [UInt64.toNat_add]; simp; omega
      have hget : st.bytes[i.toNat] = (st.bytes ++ U64.to_le_bytes nonce)[i.toNat]'(by omega) := by
        rw [List.getElem_append_left]
      left
      refine ⟨(powBuf (st.bytes ++ U64.to_le_bytes nonce) (i.toNat + 1), i + 1), ?_, ?_, ?_⟩
      · have h1 := length_powBuf _ hl i.toNat (by omega)
        have u1 : Slice.update (powBuf (st.bytes ++ U64.to_le_bytes nonce) i.toNat) (1 + i)
            st.bytes[i.toNat] =
            .ok ((powBuf (st.bytes ++ U64.to_le_bytes nonce) i.toNat).set (1 + i.toNat)
              (st.bytes ++ U64.to_le_bytes nonce)[i.toNat]) := by
          rw [Slice.update_eq _ _ _ (by rw [e1, h1]; omega), e1, hget]
        simp only [stateOf, hlt, if_true, Slice.index_eq st.bytes i (by omega), ok_bind,
          Usize.add_eq 1 i (by simp; omega), Usize.add_eq i 1 (by simp; omega), u1,
          powBuf_step _ hl i.toNat (by omega), pure_ok]
      · show 2 ^ 64 - (i + 1).toNat < 2 ^ 64 - i.toNat
        rw [e]; omega
      · exact ⟨by simp only [e]; omega, by simp only [e]⟩
    · right
      refine ⟨(powBuf (st.bytes ++ U64.to_le_bytes nonce) i.toNat, i),
        by simp only [hlt, if_false, pure_ok], ?_⟩
      have e : i.toNat = 32 := by
        rw [UInt64.lt_iff_toNat_lt] at hlt; simp at hlt; omega
      simp only [e]
  · exact ⟨by simp, by simp⟩
  · intro ⟨b, i⟩ hq
    simp only at hq
    subst hq
    apply loop_bind_ok
      (P := fun s => s.2.toNat ≤ 8 ∧
        s.1 = powBuf (st.bytes ++ U64.to_le_bytes nonce) (32 + s.2.toNat))
      (Q := fun s => s.1 = powBuf (st.bytes ++ U64.to_le_bytes nonce) 40)
    · intro ⟨b, j⟩ ⟨hj, hb⟩
      simp only at hj hb
      subst hb
      by_cases hlt : j < 8
      · have hj' : j.toNat < 8 := by rw [UInt64.lt_iff_toNat_lt] at hlt; simpa using hlt
        have e : (j + 1).toNat = j.toNat + 1 := by simp only [UInt64.toNat_add]; simp; omega
        have e1 : (33 + j).toNat = 1 + (32 + j.toNat) := by
          simp only [UInt64.toNat_add]; simp; omega
        have hget : (U64.to_le_bytes nonce)[j.toNat]'(by omega) =
            (st.bytes ++ U64.to_le_bytes nonce)[32 + j.toNat]'(by omega) := by
          rw [List.getElem_append_right (by omega)]
          congr 1; omega
        left
        refine ⟨(powBuf (st.bytes ++ U64.to_le_bytes nonce) (32 + j.toNat + 1), j + 1), ?_, ?_, ?_⟩
        · have h1 := length_powBuf _ hl (32 + j.toNat) (by omega)
          have u1 : Slice.update (powBuf (st.bytes ++ U64.to_le_bytes nonce) (32 + j.toNat))
              (33 + j) ((U64.to_le_bytes nonce)[j.toNat]'(by omega)) =
              .ok ((powBuf (st.bytes ++ U64.to_le_bytes nonce) (32 + j.toNat)).set
                (1 + (32 + j.toNat)) (st.bytes ++ U64.to_le_bytes nonce)[32 + j.toNat]) := by
            rw [Slice.update_eq _ _ _ (by rw [e1, h1]; omega), e1, hget]
          simp only [hlt, if_true, Slice.index_eq (U64.to_le_bytes nonce) j (by omega), ok_bind,
            Usize.add_eq 33 j (by simp; omega), Usize.add_eq j 1 (by simp; omega), u1,
            powBuf_step _ hl (32 + j.toNat) (by omega), pure_ok]
        · show 2 ^ 64 - (j + 1).toNat < 2 ^ 64 - j.toNat
          rw [e]; omega
        · refine ⟨by simp only [e]; omega, ?_⟩
          simp only [e, Nat.add_assoc]
      · right
        refine ⟨(powBuf (st.bytes ++ U64.to_le_bytes nonce) (32 + j.toNat), j),
          by simp only [hlt, if_false, pure_ok], ?_⟩
        have e : j.toNat = 8 := by
          rw [UInt64.lt_iff_toNat_lt] at hlt; simp at hlt; omega
        simp only [e]
    · exact ⟨by simp, by simp⟩
    · intro ⟨b, j⟩ hq
      simp only at hq
      subst hq
      simp only [pure_ok]
      have e : powBuf (st.bytes ++ U64.to_le_bytes nonce) 40 = powInput st nonce := by
        simp only [powBuf, powInput, powTag, Nat.sub_self, List.replicate_zero, List.append_nil]
        rw [List.take_of_length_le (by omega)]
        rfl
      rw [e]
      rfl

theorem decide_eq_zero (x : UInt64) (n : Nat) (h : x.toNat = n) : decide (x = 0) = (n == 0) := by
  subst h
  cases hb : (x.toNat == 0) with
  | true =>
    have h1 : x.toNat = 0 := by simpa using hb
    have : x = 0 := UInt64.toNat_inj.mp (by rw [h1]; rfl)
    simp [this]
  | false =>
    have h1 : x.toNat ≠ 0 := by simpa using hb
    have : x ≠ 0 := fun h => h1 (by rw [h]; rfl)
    simp [this]

/-- `check_pow` is the spec's `powOk` at `bits & 63` bits; it never panics. -/
theorem check_pow_spec (st : Digest) (nonce : UInt64) (bits : UInt32) :
    Extracted.transcript.Transcript.check_pow (bytesOf H) (stateOf st) nonce bits =
      .ok (powOk H st nonce (bits &&& 63).toNat) := by
  unfold Extracted.transcript.Transcript.check_pow
  have hk := and_63_lt bits
  have hl := (H (powInput st nonce)).length_bytes
  rw [pow_digest_spec, ok_bind]
  simp only [Slice.index_eq (H (powInput st nonce)).bytes 0 (by simp [hl]),
    Slice.index_eq (H (powInput st nonce)).bytes 1 (by simp [hl]),
    Slice.index_eq (H (powInput st nonce)).bytes 2 (by simp [hl]),
    Slice.index_eq (H (powInput st nonce)).bytes 3 (by simp [hl]), ok_bind,
    mask_shl _ hk, mask_sub _ hk, pure_ok]
  refine congrArg Outcome.ok ?_
  rw [powOk]
  exact decide_eq_zero _ _ (by rw [and_mask_toNat _ _ hk, word_toNat])

/-- For fewer than 64 bits: the spec's `powOk` at `bits`. -/
theorem check_pow_spec_lt (st : Digest) (nonce : UInt64) (bits : UInt32) (h : bits.toNat < 64) :
    Extracted.transcript.Transcript.check_pow (bytesOf H) (stateOf st) nonce bits =
      .ok (powOk H st nonce bits.toNat) := by
  rw [check_pow_spec, and_63_of_lt bits h]

end Zkvm.Refinement.transcript
