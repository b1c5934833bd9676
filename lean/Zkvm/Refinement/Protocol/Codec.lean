module

public import Zkvm.Extracted.Protocol.Codec
public import Zkvm.Spec.Codec
public import Zkvm.Extraction.LoopEq
public import Zkvm.Refinement.Field
public import Zkvm.Refinement.Commit.Merkle

/-!
# The extracted codec: writers encode, readers decode and never panic

`crate::protocol::codec` against `Zkvm.Spec.Codec`: each writer appends exactly the spec's
encoding; `read_u32` reads 4 bytes or returns `TruncatedProof` / `ArithmeticOverflow`, never
panicking; every reader applied at the start of an encoding (with anything before and after
it) returns the encoded value and the position after it (round trips).
-/

@[expose] public section

noncomputable section

namespace Zkvm.Refinement.protocol.codec

open Zkvm.Extraction Zkvm.Extracted Zkvm.Spec.Codec
open Zkvm.Commit (le32)
open Zkvm.Refinement.commit.merkle (index_le_bytes_0 index_le_bytes_1 index_le_bytes_2
  index_le_bytes_3)

theorem leValue_le32 (v : UInt32) : leValue (le32 v) = v.toNat := by
  simp only [le32, leValue, UInt32.toNat_toUInt8, UInt32.toNat_shiftRight, Nat.shiftRight_eq_div_pow]
  have := v.toNat_lt
  simp; omega

theorem from_le_bytes_le32 (v : UInt32) : U32.from_le_bytes (le32 v) = v := by
  simp only [U32.from_le_bytes, leValue_le32, UInt32.ofNat_toNat]

theorem write_u32_spec (out : List UInt8) (v : UInt32) :
    protocol.codec.write_u32 out v = .ok (out ++ le32 v) := by
  unfold protocol.codec.write_u32
  simp only [index_le_bytes_0, index_le_bytes_1, index_le_bytes_2, index_le_bytes_3, ok_bind,
    Slice.push, pure_ok, le32, List.append_assoc, List.cons_append, List.nil_append]

/-- Four bytes from `pos`, as `read_u32` gathers them. -/
theorem take_four (bytes : List UInt8) (pos : Nat) (h : pos + 4 ≤ bytes.length) :
    (bytes.drop pos).take 4 =
      [bytes[pos]'(by omega), bytes[pos + 1]'(by omega), bytes[pos + 2]'(by omega),
        bytes[pos + 3]'(by omega)] := by
  rw [List.drop_eq_getElem_cons (by omega), List.drop_eq_getElem_cons (by omega),
    List.drop_eq_getElem_cons (by omega), List.drop_eq_getElem_cons (by omega)]
  rfl

/-- **`read_u32`**: the four bytes at `pos` as a little-endian `u32` and the position after
them; `TruncatedProof` past the end, `ArithmeticOverflow` if the position overflows; never a
panic. -/
theorem read_u32_spec (bytes : List UInt8) (pos : Usize) (hb : bytes.length < 2 ^ 64) :
    protocol.codec.read_u32 bytes pos =
      .ok (if pos.toNat + 4 < 2 ^ 64 then
        (if bytes.length < pos.toNat + 4 then .error .TruncatedProof
          else .ok (U32.from_le_bytes ((bytes.drop pos.toNat).take 4), pos + 4))
        else .error .ArithmeticOverflow) := by
  have hn := Slice.len_toNat bytes hb
  unfold protocol.codec.read_u32
  by_cases h1 : pos.toNat + 4 < 2 ^ 64
  · have c1 : Usize.checked_add pos 4 = some (pos + 4) := by
      simp only [Usize.checked_add]; rw [if_pos (by simpa using h1)]
    have e4 : (pos + 4).toNat = pos.toNat + 4 := by
      simp only [UInt64.toNat_add]; simp; omega
    simp only [c1, pure_ok, ok_bind, h1, if_true]
    by_cases h2 : bytes.length < pos.toNat + 4
    · have c2 : pos + 4 > Slice.len bytes := by
        rw [gt_iff_lt, UInt64.lt_iff_toNat_lt, e4, hn]; exact h2
      simp only [c2, if_true, h2, pure_ok]
    · have c2 : ¬ (pos + 4 > Slice.len bytes) := by
        rw [gt_iff_lt, UInt64.lt_iff_toNat_lt, e4, hn]; exact h2
      have ea1 : (pos + 1).toNat = pos.toNat + 1 := by simp only [UInt64.toNat_add]; simp; omega
      have ea2 : (pos + 2).toNat = pos.toNat + 2 := by simp only [UInt64.toNat_add]; simp; omega
      have ea3 : (pos + 3).toNat = pos.toNat + 3 := by simp only [UInt64.toNat_add]; simp; omega
      simp only [c2, if_false, h2, Slice.index_eq bytes pos (by omega), ok_bind,
        Usize.add_eq pos 1 (by simp; omega), Usize.add_eq pos 2 (by simp; omega),
        Usize.add_eq pos 3 (by simp; omega),
        Slice.index_eq bytes (pos + 1) (by rw [ea1]; omega),
        Slice.index_eq bytes (pos + 2) (by rw [ea2]; omega),
        Slice.index_eq bytes (pos + 3) (by rw [ea3]; omega), pure_ok]
      rw [take_four bytes pos.toNat (by omega)]
      simp only [ea1, ea2, ea3]
  · have c1 : Usize.checked_add pos 4 = none := by
      simp only [Usize.checked_add]; rw [if_neg (by simpa using h1)]
    simp only [c1, h1, if_false]
    rfl

/-- **Round trip of `u32`.** -/
theorem read_u32_enc (pre post : List UInt8) (v : UInt32)
    (hb : (pre ++ le32 v ++ post).length < 2 ^ 64) :
    protocol.codec.read_u32 (pre ++ le32 v ++ post) (UInt64.ofNat pre.length) =
      .ok (.ok (v, UInt64.ofNat (pre.length + 4))) := by
  have hl : (pre ++ le32 v ++ post).length = pre.length + 4 + post.length := by
    simp [length_le32]; omega
  have hp : (UInt64.ofNat pre.length).toNat = pre.length :=
    UInt64.toNat_ofNat_of_lt' (by simp [UInt64.size]; omega)
  rw [read_u32_spec _ _ hb, hp, if_pos (by omega), if_neg (by omega)]
  have hd : ((pre ++ le32 v ++ post).drop pre.length).take 4 = le32 v := by
    rw [List.append_assoc, List.drop_left, List.take_left' (by rfl)]
  rw [hd, from_le_bytes_le32]
  congr 3
  apply UInt64.toNat_inj.mp
  rw [UInt64.toNat_add, hp, UInt64.toNat_ofNat_of_lt' (by simp [UInt64.size]; omega)]
  simp; omega

theorem read_u32_total (bytes : List UInt8) (pos : Usize) (hb : bytes.length < 2 ^ 64) :
    ∃ r, protocol.codec.read_u32 bytes pos = .ok r :=
  ⟨_, read_u32_spec bytes pos hb⟩

/-- `read_field` is `read_u32` followed by the canonicity check. -/
theorem read_field_of {bytes : List UInt8} {pos : Usize}
    {r : Except error.VerifyError (UInt32 × Usize)}
    (h : protocol.codec.read_u32 bytes pos = .ok r) :
    protocol.codec.read_field bytes pos = .ok (match r with
      | .ok (v, e) => if v.toNat < Zkvm.Field.P then .ok (v, e) else .error .NonCanonicalFieldElement
      | .error e => .error e) := by
  unfold protocol.codec.read_field
  cases r with
  | error e => simp only [h, ok_bind]; rfl
  | ok ve =>
    obtain ⟨v, e⟩ := ve
    simp only [h, ok_bind, pure_ok, Zkvm.Refinement.field.is_canonical_spec]
    by_cases hv : v.toNat < Zkvm.Field.P
    · simp [hv]
    · simp [hv]

theorem read_field_total (bytes : List UInt8) (pos : Usize) (hb : bytes.length < 2 ^ 64) :
    ∃ r, protocol.codec.read_field bytes pos = .ok r :=
  ⟨_, read_field_of (read_u32_spec bytes pos hb)⟩

/-- **Round trip of a field element** (a canonical `u32`). -/
theorem read_field_enc (pre post : List UInt8) (v : UInt32) (hv : v.toNat < Zkvm.Field.P)
    (hb : (pre ++ le32 v ++ post).length < 2 ^ 64) :
    protocol.codec.read_field (pre ++ le32 v ++ post) (UInt64.ofNat pre.length) =
      .ok (.ok (v, UInt64.ofNat (pre.length + 4))) := by
  rw [read_field_of (read_u32_enc pre post v hb)]
  simp [hv]

theorem read_u64_total (bytes : List UInt8) (pos : Usize) (hb : bytes.length < 2 ^ 64) :
    ∃ r, protocol.codec.read_u64 bytes pos = .ok r := by
  unfold protocol.codec.read_u64
  obtain ⟨r1, h1⟩ := read_u32_total bytes pos hb
  cases r1 with
  | error e => exact ⟨_, by simp only [h1, ok_bind]; rfl⟩
  | ok a =>
    obtain ⟨low, pos1⟩ := a
    obtain ⟨r2, h2⟩ := read_u32_total bytes pos1 hb
    cases r2 with
    | error e => exact ⟨_, by simp only [h1, ok_bind, pure_ok, h2]; rfl⟩
    | ok b =>
      obtain ⟨high, pos2⟩ := b
      exact ⟨_, by simp only [h1, ok_bind, pure_ok, h2, U64.shl_eq _ 32 (by decide)]; rfl⟩

theorem u64_of_words (v : UInt64) :
    (v >>> 32).toUInt32.toUInt64 <<< UInt64.ofNat 32 ||| v.toUInt32.toUInt64 = v := by
  apply UInt64.toNat_inj.mp
  have hv := v.toNat_lt
  rw [UInt64.toNat_or, UInt64.toNat_shiftLeft]
  simp only [UInt32.toNat_toUInt64, UInt64.toNat_toUInt32, UInt64.toNat_shiftRight]
  have h32 : (UInt64.ofNat 32).toNat % 64 = 32 := by decide
  have h32' : (32 : UInt64).toNat % 64 = 32 := by decide
  simp only [h32, h32', Nat.shiftRight_eq_div_pow]
  have hx : (v.toNat / 2 ^ 32 % 2 ^ 32) <<< 32 % 2 ^ 64 = (v.toNat / 2 ^ 32 % 2 ^ 32) <<< 32 :=
    Nat.mod_eq_of_lt (by rw [Nat.shiftLeft_eq]; omega)
  rw [hx, ← Nat.shiftLeft_add_eq_or_of_lt (by omega), Nat.shiftLeft_eq]
  omega

/-- **Round trip of a `u64`.** -/
theorem read_u64_enc (pre post : List UInt8) (v : UInt64)
    (hb : (pre ++ encU64 v ++ post).length < 2 ^ 64) :
    protocol.codec.read_u64 (pre ++ encU64 v ++ post) (UInt64.ofNat pre.length) =
      .ok (.ok (v, UInt64.ofNat (pre.length + 8))) := by
  have e1 : pre ++ encU64 v ++ post = pre ++ le32 v.toUInt32 ++ (le32 (v >>> 32).toUInt32 ++ post) := by
    simp [encU64]
  have e2 : pre ++ encU64 v ++ post = (pre ++ le32 v.toUInt32) ++ le32 (v >>> 32).toUInt32 ++ post := by
    simp [encU64]
  have hl : (pre ++ le32 v.toUInt32).length = pre.length + 4 := by simp [length_le32]
  have h1 := read_u32_enc pre _ v.toUInt32 (by rw [← e1]; exact hb)
  have h2 := read_u32_enc (pre ++ le32 v.toUInt32) post (v >>> 32).toUInt32 (by rw [← e2]; exact hb)
  rw [← e1] at h1
  rw [← e2, hl] at h2
  unfold protocol.codec.read_u64
  simp only [h1, ok_bind, pure_ok, h2, U64.shl_eq _ 32 (by decide), u64_of_words]

/-- **`read_digest`**: the 32 bytes at `pos` and the position after them, or the typed errors;
never a panic. -/
theorem read_digest_spec (bytes : List UInt8) (pos : Usize) (hb : bytes.length < 2 ^ 64) :
    protocol.codec.read_digest bytes pos =
      .ok (if pos.toNat + 32 < 2 ^ 64 then
        (if bytes.length < pos.toNat + 32 then .error .TruncatedProof
          else .ok ((bytes.drop pos.toNat).take 32, pos + 32))
        else .error .ArithmeticOverflow) := by
  have hn := Slice.len_toNat bytes hb
  unfold protocol.codec.read_digest
  by_cases h1 : pos.toNat + 32 < 2 ^ 64
  · have c1 : Usize.checked_add pos 32 = some (pos + 32) := by
      simp only [Usize.checked_add]; rw [if_pos (by simpa using h1)]
    have e32 : (pos + 32).toNat = pos.toNat + 32 := by
      simp only [UInt64.toNat_add]; simp; omega
    simp only [c1, pure_ok, ok_bind, h1, if_true]
    by_cases h2 : bytes.length < pos.toNat + 32
    · have c2 : pos + 32 > Slice.len bytes := by
        rw [gt_iff_lt, UInt64.lt_iff_toNat_lt, e32, hn]; exact h2
      simp only [c2, if_true, h2]
    · have c2 : ¬ (pos + 32 > Slice.len bytes) := by
        rw [gt_iff_lt, UInt64.lt_iff_toNat_lt, e32, hn]; exact h2
      simp only [c2, if_false, h2]
      generalize hD : (bytes.drop pos.toNat).take 32 = D
      have hDl : D.length = 32 := by rw [← hD]; simp; omega
      have hDi : ∀ i (hi : i < 32), D[i]'(by omega) = bytes[pos.toNat + i]'(by omega) := by
        intro i hi; subst hD; simp [List.getElem_take, List.getElem_drop]
      apply loop_bind_ok
        (P := fun st => st.2.toNat ≤ 32 ∧ st.1 = D.take st.2.toNat ++ List.replicate (32 - st.2.toNat) 0)
        (Q := fun st => st.1 = D)
      · intro ⟨dg, i⟩ ⟨hi, hdg⟩
        simp only at hi hdg
        subst hdg
        by_cases hlt : i < 32
        · have hi' : i.toNat < 32 := by rw [UInt64.lt_iff_toNat_lt] at hlt; simpa using hlt
          have e : (i + 1).toNat = i.toNat + 1 := by simp only [UInt64.toNat_add]; simp; omega
          have epi : (pos + i).toNat = pos.toNat + i.toNat := by
            simp only [UInt64.toNat_add]; simp; omega
          have hset : (D.take i.toNat ++ List.replicate (32 - i.toNat) 0).set i.toNat
              (bytes[pos.toNat + i.toNat]'(by omega)) =
              D.take (i.toNat + 1) ++ List.replicate (32 - (i.toNat + 1)) 0 := by
            rw [← hDi i.toNat hi', show 32 - i.toNat = (32 - (i.toNat + 1)) + 1 by omega]
            exact Zkvm.Refinement.commit.merkle.set_fill D i.toNat _ (by omega)
          left
          refine ⟨(D.take (i.toNat + 1) ++ List.replicate (32 - (i.toNat + 1)) 0, i + 1), ?_, ?_, ?_⟩
          · simp only [hlt, if_true, Usize.add_eq pos i (by omega), ok_bind,
              Slice.index_eq bytes (pos + i) (by rw [epi]; omega),
              Usize.add_eq i 1 (by simp; omega)]
            rw [Slice.update_eq (D.take i.toNat ++ List.replicate (32 - i.toNat) 0) i _
              (by simp; omega)]
            simp only [epi, hset, ok_bind]
          · show 2 ^ 64 - (i + 1).toNat < 2 ^ 64 - i.toNat
            rw [e]; omega
          · exact ⟨by rw [e]; omega, by rw [e]⟩
        · right
          have e : i.toNat = 32 := by
            rw [UInt64.lt_iff_toNat_lt] at hlt; simp at hlt; omega
          refine ⟨(D.take i.toNat ++ List.replicate (32 - i.toNat) 0, i),
            by simp only [hlt, if_false, pure_ok], ?_⟩
          simp only [e, Nat.sub_self, List.replicate_zero, List.append_nil]
          rw [← hDl, List.take_length]
      · refine ⟨by simp, ?_⟩
        simp [Slice.repeat]
      · intro ⟨dg, i⟩ h
        simp only at h
        simp only [h, pure_ok]
  · have c1 : Usize.checked_add pos 32 = none := by
      simp only [Usize.checked_add]; rw [if_neg (by simpa using h1)]
    simp only [c1, h1, if_false]
    rfl

theorem read_digest_total (bytes : List UInt8) (pos : Usize) (hb : bytes.length < 2 ^ 64) :
    ∃ r, protocol.codec.read_digest bytes pos = .ok r :=
  ⟨_, read_digest_spec bytes pos hb⟩

/-- **Round trip of a digest.** -/
theorem read_digest_enc (pre post d : List UInt8) (hd : d.length = 32)
    (hb : (pre ++ d ++ post).length < 2 ^ 64) :
    protocol.codec.read_digest (pre ++ d ++ post) (UInt64.ofNat pre.length) =
      .ok (.ok (d, UInt64.ofNat (pre.length + 32))) := by
  have hl : (pre ++ d ++ post).length = pre.length + 32 + post.length := by simp [hd]; omega
  have hp : (UInt64.ofNat pre.length).toNat = pre.length :=
    UInt64.toNat_ofNat_of_lt' (by simp [UInt64.size]; omega)
  rw [read_digest_spec _ _ hb, hp, if_pos (by omega), if_neg (by omega)]
  have e : ((pre ++ d ++ post).drop pre.length).take 32 = d := by
    rw [List.append_assoc, List.drop_left, List.take_left' hd]
  rw [e]
  congr 3
  apply UInt64.toNat_inj.mp
  rw [UInt64.toNat_add, hp, UInt64.toNat_ofNat_of_lt' (by simp [UInt64.size]; omega)]
  simp; omega

/-- A successful `read_u32` ends inside the bytes. -/
theorem read_u32_end {bytes : List UInt8} {pos : Usize} (hb : bytes.length < 2 ^ 64)
    {v : UInt32} {e : Usize} (h : protocol.codec.read_u32 bytes pos = .ok (.ok (v, e))) :
    e.toNat = pos.toNat + 4 ∧ e.toNat ≤ bytes.length := by
  rw [read_u32_spec _ _ hb] at h
  by_cases h1 : pos.toNat + 4 < 2 ^ 64
  · by_cases h2 : bytes.length < pos.toNat + 4
    · simp [h1, h2] at h
    · simp only [h1, h2, if_true, if_false, Outcome.ok.injEq, Except.ok.injEq, Prod.mk.injEq] at h
      have e4 : (pos + 4).toNat = pos.toNat + 4 := by
        simp only [UInt64.toNat_add]; simp; omega
      rw [← h.2, e4]; omega
  · simp [h1] at h

/-- `read_len` after a successful `read_u32`: the length, if `len · size` bytes remain. -/
theorem read_len_of {bytes : List UInt8} {pos : Usize} (hb : bytes.length < 2 ^ 64)
    {len : UInt32} {e : Usize} (h : protocol.codec.read_u32 bytes pos = .ok (.ok (len, e)))
    (m : Usize) :
    protocol.codec.read_len bytes pos m =
      .ok (if len.toNat * m.toNat < 2 ^ 64 ∧ len.toNat * m.toNat ≤ bytes.length - e.toNat
        then .ok (len.toUInt64, e) else .error .LengthTooLarge) := by
  have hn := Slice.len_toNat bytes hb
  have he := (read_u32_end hb h).2
  unfold protocol.codec.read_len
  simp only [h, ok_bind, pure_ok]
  by_cases h1 : len.toNat * m.toNat < 2 ^ 64
  · have c1 : Usize.checked_mul len.toUInt64 m = some (len.toUInt64 * m) := by
      simp only [Usize.checked_mul, UInt32.toNat_toUInt64]; rw [if_pos h1]
    have em : (len.toUInt64 * m).toNat = len.toNat * m.toNat := by
      simp only [UInt64.toNat_mul, UInt32.toNat_toUInt64]; omega
    have hsub : Usize.sub (Slice.len bytes) e = .ok (Slice.len bytes - e) :=
      Usize.sub_eq _ _ (by rw [hn]; exact he)
    have es : (Slice.len bytes - e).toNat = bytes.length - e.toNat := by
      rw [UInt64.toNat_sub_of_le _ _ (UInt64.le_iff_toNat_le.mpr (by rw [hn]; exact he)), hn]
    simp only [c1, pure_ok, ok_bind, hsub]
    by_cases h2 : len.toNat * m.toNat ≤ bytes.length - e.toNat
    · have c2 : ¬ (len.toUInt64 * m > Slice.len bytes - e) := by
        rw [gt_iff_lt, UInt64.lt_iff_toNat_lt, em, es]; omega
      simp only [c2, if_false, h1, h2, and_self, if_true]
    · have c2 : len.toUInt64 * m > Slice.len bytes - e := by
        rw [gt_iff_lt, UInt64.lt_iff_toNat_lt, em, es]; omega
      simp only [c2, if_true, h2, and_false, if_false]
  · have c1 : Usize.checked_mul len.toUInt64 m = none := by
      simp only [Usize.checked_mul, UInt32.toNat_toUInt64]; rw [if_neg h1]
    simp only [c1, h1, false_and, if_false]

theorem read_len_total (bytes : List UInt8) (pos m : Usize) (hb : bytes.length < 2 ^ 64) :
    ∃ r, protocol.codec.read_len bytes pos m = .ok r := by
  obtain ⟨r, h⟩ := read_u32_total bytes pos hb
  cases r with
  | error e => exact ⟨_, by unfold protocol.codec.read_len; simp only [h, ok_bind]; rfl⟩
  | ok ve =>
    obtain ⟨v, e⟩ := ve
    exact ⟨_, read_len_of hb h m⟩

/-- **Round trip of a length prefix**, when the bytes after it can hold `n` elements of
`m` bytes. -/
theorem read_len_enc (pre post : List UInt8) (n : Nat) (m : Usize) (hn : n < 2 ^ 32)
    (hm : n * m.toNat ≤ post.length) (hb : (pre ++ encLen n ++ post).length < 2 ^ 64) :
    protocol.codec.read_len (pre ++ encLen n ++ post) (UInt64.ofNat pre.length) m =
      .ok (.ok (UInt64.ofNat n, UInt64.ofNat (pre.length + 4))) := by
  have h := read_u32_enc pre post (UInt32.ofNat n) hb
  have hv : (UInt32.ofNat n).toNat = n := UInt32.toNat_ofNat_of_lt' (by simp [UInt32.size]; omega)
  have hl : (pre ++ encLen n ++ post).length = pre.length + 4 + post.length := by
    simp [encLen, length_le32]; omega
  have he : (UInt64.ofNat (pre.length + 4)).toNat = pre.length + 4 :=
    UInt64.toNat_ofNat_of_lt' (by simp [UInt64.size]; omega)
  rw [read_len_of hb h m, hv, he, if_pos ⟨by omega, by omega⟩]
  congr 3
  apply UInt64.toNat_inj.mp
  rw [UInt32.toNat_toUInt64, hv, UInt64.toNat_ofNat_of_lt' (by simp [UInt64.size]; omega)]

/-! ## Vectors: the loop shared by `read_field_vec`, `read_ext_vec` and `read_digest_vec`

The three readers run the same element loop with different element readers `rd`. The lemmas
take the loop's measure and body as arguments with their defining equations (`hM`, `hB`), so
that they apply to each extracted loop by unification (the equations hold by `rfl`). -/

section VecLoop


variable {α γ : Type} (rd : List UInt8 → Usize → Outcome (Except error.VerifyError (α × Usize)))
  (bytes : List UInt8) (len : Usize)

/-- The element loop's body. -/
def vecBody (s : Usize × List α × Usize) :
    Outcome (Step (Usize × List α × Usize)
      (Exit (Usize × List α × Usize) (Except error.VerifyError γ))) :=
  if s.2.2 < len then
    rd bytes s.1 >>= fun r => match r with
      | .ok (v, next) => Usize.add s.2.2 1 >>= fun i' => .ok (Step.cont (next, Slice.push s.2.1 v, i'))
      | .error e => .ok (Step.done (Exit.ret (.error e)))
  else .ok (Step.done (Exit.brk (s.1, s.2.1, s.2.2)))

end VecLoop

/-- The extracted element loop's body is `vecBody` (case by case: the element reader's result
decides both sides). -/
local macro "vec_body_tac" rd:term : tactic => `(tactic| (
  unfold vecBody; split
  · generalize $rd = g
    cases g with
    | ok r =>
      simp only [ok_bind]
      cases r with
      | ok vn => obtain ⟨v, n⟩ := vn; first | rfl | simp only [] | skip
      | error e => first | rfl | simp only [] | skip
    | _ => first | rfl | skip
  · rfl))

section VecLoop

variable {α γ : Type} (rd : List UInt8 → Usize → Outcome (Except error.VerifyError (α × Usize)))
  (bytes : List UInt8) (len : Usize)

theorem bind_of_loop_eq {σ ρ β : Type} {M : σ → Nat} {B : σ → Outcome (Step σ ρ)} {init : σ}
    {r : ρ} {k : ρ → Outcome β} (h : loop M B init = .ok r) : (loop M B init >>= k) = k r := by
  rw [h, ok_bind]

/-- The element loop never panics when the element reader does not. -/
theorem vec_loop_total (hrd : ∀ c, ∃ r, rd bytes c = .ok r)
    (M : Usize × List α × Usize → Nat)
    (B : Usize × List α × Usize → Outcome (Step (Usize × List α × Usize)
      (Exit (Usize × List α × Usize) (Except error.VerifyError γ))))
    (hM : ∀ s, M s = 2 ^ 64 - s.2.2.toNat) (hB : ∀ s, B s = vecBody rd bytes len s)
    (init : Usize × List α × Usize) {β : Type}
    (k : Exit (Usize × List α × Usize) (Except error.VerifyError γ) → Outcome β)
    (hk : ∀ r, ∃ b, k r = .ok b) : ∃ b, (loop M B init >>= k) = .ok b := by
  suffices hstep : ∀ s, True →
      (∃ s', B s = .ok (.cont s') ∧ M s' < M s ∧ True) ∨ (∃ r, B s = .ok (.done r) ∧ True) by
    obtain ⟨r, hr, -⟩ := loop_ok M B init (fun _ => True) (fun _ => True) hstep trivial
    obtain ⟨b, hb⟩ := hk r
    exact ⟨b, by rw [hr, ok_bind, hb]⟩
  intro ⟨c, vs, i⟩ _
  rw [hB]
  unfold vecBody
  by_cases hlt : i < len
  · have hi : i.toNat < len.toNat := UInt64.lt_iff_toNat_lt.mp hlt
    have hlen := len.toNat_lt
    obtain ⟨r, hr⟩ := hrd c
    cases r with
    | error e =>
      right
      exact ⟨Exit.ret (.error e), by simp only [hlt, if_true, hr, ok_bind], trivial⟩
    | ok vn =>
      obtain ⟨v, next⟩ := vn
      left
      refine ⟨(next, Slice.push vs v, i + 1), ?_, ?_, trivial⟩
      · simp only [hlt, if_true, hr, ok_bind, Usize.add_eq i 1 (by simp; omega)]
      · rw [hM, hM]
        show 2 ^ 64 - (i + 1).toNat < 2 ^ 64 - i.toNat
        have e : (i + 1).toNat = i.toNat + 1 := by simp only [UInt64.toNat_add]; simp; omega
        rw [e]; omega
  · right
    exact ⟨Exit.brk (c, vs, i), by simp only [hlt, if_false], trivial⟩

theorem length_flatMap_const {β : Type} (enc : β → List UInt8) (w : Nat)
    (henc : ∀ x, (enc x).length = w) : ∀ xs : List β, (xs.flatMap enc).length = w * xs.length
  | [] => by simp
  | x :: xs => by
    simp only [List.flatMap_cons, List.length_append, henc, length_flatMap_const enc w henc xs,
      List.length_cons]
    rw [Nat.mul_succ]; omega

/-- **Reading the elements of an encoding back.** If the element reader reads every element
`x` back from its encoding `enc x` (of `w` bytes), the loop reads the whole list back. -/
theorem vec_loop_enc (enc : α → List UInt8) (w : Nat) (henc : ∀ x, (enc x).length = w)
    (xs : List α)
    (hrd : ∀ (p q : List UInt8) (x : α), x ∈ xs → (p ++ enc x ++ q).length < 2 ^ 64 →
      rd (p ++ enc x ++ q) (UInt64.ofNat p.length) = .ok (.ok (x, UInt64.ofNat (p.length + w))))
    (pre post : List UInt8) (hb : (pre ++ xs.flatMap enc ++ post).length < 2 ^ 64)
    (hxl : xs.length < 2 ^ 64) (c0 : Nat) (hc0 : c0 = pre.length)
    (M : Usize × List α × Usize → Nat)
    (B : Usize × List α × Usize → Outcome (Step (Usize × List α × Usize)
      (Exit (Usize × List α × Usize) (Except error.VerifyError γ))))
    (hM : ∀ s, M s = 2 ^ 64 - s.2.2.toNat)
    (hB : ∀ s, B s = vecBody rd (pre ++ xs.flatMap enc ++ post) (UInt64.ofNat xs.length) s)
    {β : Type}
    (k : Exit (Usize × List α × Usize) (Except error.VerifyError γ) → Outcome β) :
    (loop M B (UInt64.ofNat c0, [], 0) >>= k) =
      k (Exit.brk (UInt64.ofNat (c0 + w * xs.length), xs, UInt64.ofNat xs.length)) := by
  subst hc0
  refine bind_of_loop_eq ?_
  have hfl := length_flatMap_const enc w henc
  have hbl : (pre ++ xs.flatMap enc ++ post).length = pre.length + w * xs.length + post.length := by
    simp [hfl]; omega
  have hxn : (UInt64.ofNat xs.length).toNat = xs.length :=
    UInt64.toNat_ofNat_of_lt' (by simp [UInt64.size]; omega)
  apply loop_eq_ok
    (P := fun (st : Usize × List α × Usize) => st.2.2.toNat ≤ xs.length ∧
      st.1 = UInt64.ofNat (pre.length + w * st.2.2.toNat) ∧ st.2.1 = xs.take st.2.2.toNat)
  · intro ⟨c, vs, i⟩ ⟨hi, hc, hvs⟩
    simp only at hi hc hvs
    subst hc hvs
    rw [hB]
    unfold vecBody
    by_cases hlt : i < UInt64.ofNat xs.length
    · have hk : i.toNat < xs.length := by rw [UInt64.lt_iff_toNat_lt, hxn] at hlt; exact hlt
      have e : (i + 1).toNat = i.toNat + 1 := by simp only [UInt64.toNat_add]; simp; omega
      have hsplit : pre ++ xs.flatMap enc ++ post =
          (pre ++ (xs.take i.toNat).flatMap enc) ++ enc xs[i.toNat] ++
            ((xs.drop (i.toNat + 1)).flatMap enc ++ post) := by
        have hx : xs = xs.take i.toNat ++ xs[i.toNat] :: xs.drop (i.toNat + 1) := by
          rw [← List.drop_eq_getElem_cons hk, List.take_append_drop]
        have h1 : xs.flatMap enc =
            (xs.take i.toNat ++ xs[i.toNat] :: xs.drop (i.toNat + 1)).flatMap enc := by
          rw [← hx]
        rw [h1, List.flatMap_append, List.flatMap_cons]
        simp only [List.append_assoc]
      have hpl : (pre ++ (xs.take i.toNat).flatMap enc).length = pre.length + w * i.toNat := by
        rw [List.length_append, hfl, List.length_take, Nat.min_eq_left (by omega)]
      have hr := hrd (pre ++ (xs.take i.toNat).flatMap enc)
        ((xs.drop (i.toNat + 1)).flatMap enc ++ post) xs[i.toNat] (List.getElem_mem _)
        (by rw [← hsplit]; exact hb)
      rw [← hsplit, hpl] at hr
      left
      refine ⟨(UInt64.ofNat (pre.length + w * i.toNat + w), xs.take (i.toNat + 1), i + 1),
        ?_, ?_, ?_⟩
      · simp only [hlt, if_true, hr, ok_bind, Usize.add_eq i 1 (by simp; omega),
          Slice.push, List.take_add_one, List.getElem?_eq_getElem hk, Option.toList_some]
      · rw [hM, hM]
        show 2 ^ 64 - (i + 1).toNat < 2 ^ 64 - i.toNat
        rw [e]; omega
      · refine ⟨by simp only [e]; omega, ?_, by simp only [e]⟩
        simp only [e, Nat.mul_succ, Nat.add_assoc]
    · right
      have hk : i.toNat = xs.length := by
        rw [UInt64.lt_iff_toNat_lt, hxn] at hlt; omega
      refine ⟨Exit.brk (UInt64.ofNat (pre.length + w * i.toNat), xs.take i.toNat, i),
        by simp only [hlt, if_false], ?_⟩
      rw [hk, List.take_length]
      congr
      apply UInt64.toNat_inj.mp
      rw [hk, hxn]
  · refine ⟨by simp, by simp, by simp⟩

end VecLoop

theorem read_field_vec_total (bytes : List UInt8) (pos : Usize) (hb : bytes.length < 2 ^ 64) :
    ∃ r, protocol.codec.read_field_vec bytes pos = .ok r := by
  unfold protocol.codec.read_field_vec
  obtain ⟨r, hr⟩ := read_len_total bytes pos 4 hb
  cases r with
  | error e => exact ⟨_, by simp only [hr, ok_bind]; rfl⟩
  | ok lc =>
    obtain ⟨len, cursor⟩ := lc
    simp only [hr, ok_bind, pure_ok]
    refine vec_loop_total protocol.codec.read_field bytes len
      (fun c => read_field_total bytes c hb) ?_ ?_ ?_ ?_ ?_ ?_ ?_
    · intro s; rfl
    · intro s; vec_body_tac (protocol.codec.read_field bytes s.1)
    · intro r; cases r <;> exact ⟨_, rfl⟩

/-- **Round trip of a vector of field elements** (canonical, fewer than `2^32`). -/
theorem read_field_vec_enc (pre post : List UInt8) (vs : List UInt32)
    (hcan : ∀ v ∈ vs, v.toNat < Zkvm.Field.P) (hn : vs.length < 2 ^ 32)
    (hb : (pre ++ encFieldVec vs ++ post).length < 2 ^ 64) :
    protocol.codec.read_field_vec (pre ++ encFieldVec vs ++ post) (UInt64.ofNat pre.length) =
      .ok (.ok (vs, UInt64.ofNat (pre.length + 4 + 4 * vs.length))) := by
  have hfl := length_flatMap_const le32 4 length_le32
  have e1 : pre ++ encFieldVec vs ++ post = pre ++ encLen vs.length ++ (vs.flatMap le32 ++ post) := by
    simp [encFieldVec]
  have e2 : pre ++ encFieldVec vs ++ post = (pre ++ encLen vs.length) ++ vs.flatMap le32 ++ post := by
    simp [encFieldVec]
  have hpl : (pre ++ encLen vs.length).length = pre.length + 4 := by
    simp [encLen, length_le32]
  have hlen := read_len_enc pre (vs.flatMap le32 ++ post) vs.length 4 hn
    (by simp [hfl]; omega) (by rw [← e1]; exact hb)
  rw [← e1] at hlen
  unfold protocol.codec.read_field_vec
  rw [hlen, ok_bind]
  simp only [pure_ok, ok_bind, Slice.withCapacity]
  refine (vec_loop_enc protocol.codec.read_field le32 4 length_le32 vs
    (fun p q x hx hpq => read_field_enc p q x (hcan x hx) hpq) (pre ++ encLen vs.length) post
    (by rw [← e2]; exact hb) (by omega) _ hpl.symm _ _ ?_ ?_ _).trans ?_
  · intro s; rfl
  · intro s; rw [← e2]; vec_body_tac (protocol.codec.read_field (pre ++ encFieldVec vs ++ post) s.1)
  · rfl

theorem read_digest_vec_total (bytes : List UInt8) (pos : Usize) (hb : bytes.length < 2 ^ 64) :
    ∃ r, protocol.codec.read_digest_vec bytes pos = .ok r := by
  unfold protocol.codec.read_digest_vec
  obtain ⟨r, hr⟩ := read_len_total bytes pos 32 hb
  cases r with
  | error e => exact ⟨_, by simp only [hr, ok_bind]; rfl⟩
  | ok lc =>
    obtain ⟨len, cursor⟩ := lc
    simp only [hr, ok_bind, pure_ok]
    refine vec_loop_total protocol.codec.read_digest bytes len
      (fun c => read_digest_total bytes c hb) ?_ ?_ ?_ ?_ ?_ ?_ ?_
    · intro s; rfl
    · intro s; vec_body_tac (protocol.codec.read_digest bytes s.1)
    · intro r; cases r <;> exact ⟨_, rfl⟩

/-- **Round trip of a vector of digests** (32 bytes each, fewer than `2^32`). -/
theorem read_digest_vec_enc (pre post : List UInt8) (ds : List (List UInt8))
    (hd : ∀ d ∈ ds, d.length = 32) (hn : ds.length < 2 ^ 32)
    (hb : (pre ++ encDigestVec ds ++ post).length < 2 ^ 64) :
    protocol.codec.read_digest_vec (pre ++ encDigestVec ds ++ post) (UInt64.ofNat pre.length) =
      .ok (.ok (ds, UInt64.ofNat (pre.length + 4 + 32 * ds.length))) := by
  -- digests as a `flatMap` of a function of constant length
  let enc : List UInt8 → List UInt8 := fun d => d.take 32 ++ List.replicate (32 - d.length) 0
  have henc : ∀ d, (enc d).length = 32 := by intro d; simp [enc]; omega
  have hid : ∀ d ∈ ds, enc d = d := by
    intro d hd'; simp [enc, hd d hd', List.take_of_length_le]
  have hflat : ds.flatten = ds.flatMap enc := by
    clear hb
    induction ds with
    | nil => rfl
    | cons d ds ih =>
      rw [List.flatten_cons, List.flatMap_cons, hid d (by simp),
        ih (fun x hx => hd x (by simp [hx])) (by simp at hn; omega)
          (fun x hx => hid x (by simp [hx]))]
  have hfl := length_flatMap_const enc 32 henc
  have e1 : pre ++ encDigestVec ds ++ post = pre ++ encLen ds.length ++ (ds.flatMap enc ++ post) := by
    simp [encDigestVec, hflat]
  have e2 : pre ++ encDigestVec ds ++ post = (pre ++ encLen ds.length) ++ ds.flatMap enc ++ post := by
    simp [encDigestVec, hflat]
  have hpl : (pre ++ encLen ds.length).length = pre.length + 4 := by
    simp [encLen, length_le32]
  have hlen := read_len_enc pre (ds.flatMap enc ++ post) ds.length 32 hn
    (by simp [hfl]; omega) (by rw [← e1]; exact hb)
  rw [← e1] at hlen
  unfold protocol.codec.read_digest_vec
  rw [hlen, ok_bind]
  simp only [pure_ok, ok_bind, Slice.withCapacity]
  refine (vec_loop_enc protocol.codec.read_digest enc 32 henc ds
    (fun p q x hx hpq => by
      rw [hid x hx] at hpq ⊢
      exact read_digest_enc p q x (hd x hx) hpq) (pre ++ encLen ds.length) post
    (by rw [← e2]; exact hb) (by omega) _ hpl.symm _ _ ?_ ?_ _).trans ?_
  · intro s; rfl
  · intro s; rw [← e2]; vec_body_tac (protocol.codec.read_digest (pre ++ encDigestVec ds ++ post) s.1)
  · rfl

theorem read_ext_total (bytes : List UInt8) (pos : Usize) (hb : bytes.length < 2 ^ 64) :
    ∃ r, protocol.codec.read_ext bytes pos = .ok r := by
  unfold protocol.codec.read_ext
  refine Exists.imp (fun _ h => h.1) (loop_bind_ex _ _ _ _ (fun _ => True)
    (fun (s : Usize × field.extension.Ext × Usize) => s.2.1.length = 4) (fun _ => True) ?_ rfl ?_)
  rotate_left
  · intro r _
    cases r <;> exact ⟨_, rfl, trivial⟩
  · intro ⟨c, v, i⟩ hv
    simp only at hv
    by_cases hlt : i < 4
    · have hi : i.toNat < 4 := by rw [UInt64.lt_iff_toNat_lt] at hlt; simpa using hlt
      obtain ⟨r, hr⟩ := read_field_total bytes c hb
      cases r with
      | error e =>
        right
        exact ⟨Exit.ret (.error e), by simp only [hlt, if_true, hr, ok_bind]; rfl, trivial⟩
      | ok cn =>
        obtain ⟨x, next⟩ := cn
        left
        refine ⟨(next, v.set i.toNat x, i + 1), ?_, ?_, by simp [hv]⟩
        · simp only [hlt, if_true, hr, ok_bind, Slice.update_eq v i x (by omega),
            Usize.add_eq i 1 (by simp; omega)]
          rfl
        · show 2 ^ 64 - (i + 1).toNat < 2 ^ 64 - i.toNat
          have e : (i + 1).toNat = i.toNat + 1 := by simp only [UInt64.toNat_add]; simp; omega
          rw [e]; omega
    · right
      exact ⟨Exit.brk (c, v, i), by simp only [hlt, if_false]; rfl, trivial⟩

theorem read_ext_vec_total (bytes : List UInt8) (pos : Usize) (hb : bytes.length < 2 ^ 64) :
    ∃ r, protocol.codec.read_ext_vec bytes pos = .ok r := by
  unfold protocol.codec.read_ext_vec
  obtain ⟨r, hr⟩ := read_len_total bytes pos 16 hb
  cases r with
  | error e => exact ⟨_, by simp only [hr, ok_bind]; rfl⟩
  | ok lc =>
    obtain ⟨len, cursor⟩ := lc
    simp only [hr, ok_bind, pure_ok]
    refine vec_loop_total protocol.codec.read_ext bytes len
      (fun c => read_ext_total bytes c hb) ?_ ?_ ?_ ?_ ?_ ?_ ?_
    · intro s; rfl
    · intro s; vec_body_tac (protocol.codec.read_ext bytes s.1)
    · intro r; cases r <;> exact ⟨_, rfl⟩

theorem set_fill32 (l : List UInt32) (i n : Nat) (hi : i < l.length) :
    (l.take i ++ List.replicate (n + 1) 0).set i l[i] = l.take (i + 1) ++ List.replicate n 0 := by
  have hlen : (l.take i).length = i := by simp; omega
  rw [List.set_append, if_neg (by rw [hlen]; omega), hlen, Nat.sub_self, List.replicate_succ,
    List.set_cons_zero, List.take_add_one, List.getElem?_eq_getElem hi, Option.toList_some,
    List.append_assoc, List.singleton_append]

/-- **Round trip of an extension element** (four canonical coefficients). -/
theorem read_ext_enc (pre post : List UInt8) (e : List UInt32) (he : e.length = 4)
    (hcan : ∀ v ∈ e, v.toNat < Zkvm.Field.P) (hb : (pre ++ encExt e ++ post).length < 2 ^ 64) :
    protocol.codec.read_ext (pre ++ encExt e ++ post) (UInt64.ofNat pre.length) =
      .ok (.ok (e, UInt64.ofNat (pre.length + 16))) := by
  have hfl := length_flatMap_const le32 4 length_le32
  have hel : (encExt e).length = 16 := by simp only [encExt, hfl, he]
  unfold protocol.codec.read_ext
  refine bind_of_loop_eq (r := Exit.brk (UInt64.ofNat (pre.length + 16), e, 4)) ?_
  apply loop_eq_ok
    (P := fun (st : Usize × field.extension.Ext × Usize) => st.2.2.toNat ≤ 4 ∧
      st.1 = UInt64.ofNat (pre.length + 4 * st.2.2.toNat) ∧
      st.2.1 = e.take st.2.2.toNat ++ List.replicate (4 - st.2.2.toNat) 0)
  · intro ⟨c, v, i⟩ ⟨hi, hc, hv⟩
    simp only at hi hc hv
    subst hc hv
    by_cases hlt : i < 4
    · have hk : i.toNat < 4 := by rw [UInt64.lt_iff_toNat_lt] at hlt; simpa using hlt
      have e1 : (i + 1).toNat = i.toNat + 1 := by simp only [UInt64.toNat_add]; simp; omega
      have hsplit : pre ++ encExt e ++ post =
          (pre ++ (e.take i.toNat).flatMap le32) ++ le32 e[i.toNat] ++
            ((e.drop (i.toNat + 1)).flatMap le32 ++ post) := by
        have hx : e = e.take i.toNat ++ e[i.toNat] :: e.drop (i.toNat + 1) := by
          rw [← List.drop_eq_getElem_cons (by omega), List.take_append_drop]
        have h1 : encExt e =
            (e.take i.toNat ++ e[i.toNat] :: e.drop (i.toNat + 1)).flatMap le32 := by
          unfold encExt; rw [← hx]
        rw [h1, List.flatMap_append, List.flatMap_cons]
        simp only [List.append_assoc]
      have hpl : (pre ++ (e.take i.toNat).flatMap le32).length = pre.length + 4 * i.toNat := by
        rw [List.length_append, hfl, List.length_take, Nat.min_eq_left (by omega)]
      have hr := read_field_enc (pre ++ (e.take i.toNat).flatMap le32)
        ((e.drop (i.toNat + 1)).flatMap le32 ++ post) e[i.toNat] (hcan _ (List.getElem_mem _))
        (by rw [← hsplit]; exact hb)
      rw [← hsplit, hpl] at hr
      have hset : (e.take i.toNat ++ List.replicate (4 - i.toNat) 0).set i.toNat e[i.toNat] =
          e.take (i.toNat + 1) ++ List.replicate (4 - (i.toNat + 1)) 0 := by
        rw [show 4 - i.toNat = (4 - (i.toNat + 1)) + 1 by omega]
        exact set_fill32 e i.toNat _ (by omega)
      left
      refine ⟨(UInt64.ofNat (pre.length + 4 * i.toNat + 4),
        e.take (i.toNat + 1) ++ List.replicate (4 - (i.toNat + 1)) 0, i + 1), ?_, ?_, ?_⟩
      · simp only [hlt, if_true, hr, ok_bind, Usize.add_eq i 1 (by simp; omega)]
        rw [Slice.update_eq _ i _ (by simp; omega), hset]
        rfl
      · show 2 ^ 64 - (i + 1).toNat < 2 ^ 64 - i.toNat
        rw [e1]; omega
      · refine ⟨by simp only [e1]; omega, ?_, by simp only [e1]⟩
        simp only [e1, Nat.mul_succ, Nat.add_assoc]
    · right
      have hk : i.toNat = 4 := by
        rw [UInt64.lt_iff_toNat_lt] at hlt; simp at hlt; omega
      refine ⟨Exit.brk (UInt64.ofNat (pre.length + 4 * i.toNat),
          e.take i.toNat ++ List.replicate (4 - i.toNat) 0, i),
        by simp only [hlt, if_false]; rfl, ?_⟩
      rw [hk, List.take_of_length_le (by omega)]
      simp only [Nat.sub_self, List.replicate_zero, List.append_nil]
      congr
      apply UInt64.toNat_inj.mp
      rw [hk]; rfl
  · refine ⟨by simp, by simp, by simp [field.extension.ZERO]⟩

/-- **Round trip of a vector of extension elements** (four canonical coefficients each, fewer
than `2^32` elements). -/
theorem read_ext_vec_enc (pre post : List UInt8) (es : List (List UInt32))
    (he : ∀ e ∈ es, e.length = 4) (hcan : ∀ e ∈ es, ∀ v ∈ e, v.toNat < Zkvm.Field.P)
    (hn : es.length < 2 ^ 32) (hb : (pre ++ encExtVec es ++ post).length < 2 ^ 64) :
    protocol.codec.read_ext_vec (pre ++ encExtVec es ++ post) (UInt64.ofNat pre.length) =
      .ok (.ok (es, UInt64.ofNat (pre.length + 4 + 16 * es.length))) := by
  have hfl32 := length_flatMap_const le32 4 length_le32
  let enc : List UInt32 → List UInt8 := fun e => encExt (e.take 4 ++ List.replicate (4 - e.length) 0)
  have henc : ∀ e, (enc e).length = 16 := by
    intro e; simp only [enc, encExt, hfl32]; simp; omega
  have hid : ∀ e ∈ es, enc e = encExt e := by
    intro e h; simp [enc, he e h, List.take_of_length_le]
  have hflat : es.flatMap encExt = es.flatMap enc := by
    clear hb
    induction es with
    | nil => rfl
    | cons d ds ih =>
      rw [List.flatMap_cons, List.flatMap_cons, hid d (by simp),
        ih (fun x hx => he x (by simp [hx])) (fun x hx => hcan x (by simp [hx]))
          (by simp at hn; omega) (fun x hx => hid x (by simp [hx]))]
  have hfl := length_flatMap_const enc 16 henc
  have e1 : pre ++ encExtVec es ++ post = pre ++ encLen es.length ++ (es.flatMap enc ++ post) := by
    simp [encExtVec, hflat]
  have e2 : pre ++ encExtVec es ++ post = (pre ++ encLen es.length) ++ es.flatMap enc ++ post := by
    simp [encExtVec, hflat]
  have hpl : (pre ++ encLen es.length).length = pre.length + 4 := by
    simp [encLen, length_le32]
  have hlen := read_len_enc pre (es.flatMap enc ++ post) es.length 16 hn
    (by simp [hfl]; omega) (by rw [← e1]; exact hb)
  rw [← e1] at hlen
  unfold protocol.codec.read_ext_vec
  rw [hlen, ok_bind]
  simp only [pure_ok, ok_bind, Slice.withCapacity]
  refine (vec_loop_enc protocol.codec.read_ext enc 16 henc es
    (fun p q x hx hpq => by
      rw [hid x hx] at hpq ⊢
      exact read_ext_enc p q x (he x hx) (hcan x hx) hpq) (pre ++ encLen es.length) post
    (by rw [← e2]; exact hb) (by omega) _ hpl.symm _ _ ?_ ?_ _).trans ?_
  · intro s; rfl
  · intro s; rw [← e2]; vec_body_tac (protocol.codec.read_ext (pre ++ encExtVec es ++ post) s.1)
  · rfl

end Zkvm.Refinement.protocol.codec
