module

public import Zkvm.Extracted.Commit.Merkle
public import Zkvm.Extraction.Lemmas
public import Zkvm.Commit.Merkle
public import Zkvm.Refinement.Field

/-!
# The extracted Merkle root opening computes `Zkvm.Commit.verifyOpening`

`crate::commit::merkle` takes the hash as a parameter (`sha3_256 : List UInt8 → List UInt8`);
here it is `bytesOf H`, the bytes of a spec hash `H : List UInt8 → Digest`, so every result
holds for any hash with 32-byte outputs. Digests are passed as their bytes. Proved: the leaf
and node hashes hash exactly the spec's encodings, `root_from_path` is the spec's `climb`, and
`verify_opening` is `verifyOpening` for depths below 64 (it rejects deeper trees); none of
them panics. The cap opening `verify_cap_opening` is refined in
`Zkvm.Refinement.Commit.MerkleCap`.
-/

@[expose] public section

namespace Zkvm.Refinement.commit.merkle

open Zkvm.Extraction Zkvm.Extracted Zkvm.Commit

variable (H : List UInt8 → Zkvm.Commit.Digest)

/-- The hash the extracted code takes: the bytes of a spec hash. -/
def bytesOf (x : List UInt8) : List UInt8 := (H x).bytes

theorem index_le_bytes_0 (v : UInt32) : Slice.index (U32.to_le_bytes v) 0 = .ok v.toUInt8 := rfl
theorem index_le_bytes_1 (v : UInt32) :
    Slice.index (U32.to_le_bytes v) 1 = .ok (v >>> 8).toUInt8 := rfl
theorem index_le_bytes_2 (v : UInt32) :
    Slice.index (U32.to_le_bytes v) 2 = .ok (v >>> 16).toUInt8 := rfl
theorem index_le_bytes_3 (v : UInt32) :
    Slice.index (U32.to_le_bytes v) 3 = .ok (v >>> 24).toUInt8 := rfl

/-- `leaf_hash` hashes the spec's leaf encoding `0x00 ‖ le32 v₀ ‖ …` and never panics (for
any slice a Rust program can hold: `4 * len + 1` fits a `usize`). -/
theorem leaf_hash_spec (vals : List UInt32) (hlen : 4 * vals.length + 1 < 2 ^ 64) :
    commit.merkle.leaf_hash (bytesOf H) vals = .ok (leafHash H vals).bytes := by
  have hl : vals.length < 2 ^ 64 := by omega
  have hn := Slice.len_toNat vals hl
  unfold commit.merkle.leaf_hash
  rw [Usize.mul_eq _ _ (by simp only [hn]; simp; omega), ok_bind,
    Usize.add_eq _ _ (by simp only [UInt64.toNat_mul, hn]; simp; omega), ok_bind]
  apply loop_bind_ok
    (P := fun s => s.2.toNat ≤ vals.length ∧ s.1 = 0 :: (vals.take s.2.toNat).flatMap le32)
    (Q := fun s => s.1 = leafInput vals)
  · intro ⟨b, i⟩ ⟨hi, hb⟩
    simp only at hi hb
    by_cases hlt : i < Slice.len vals
    · have hi' : i.toNat < vals.length := by
        rw [UInt64.lt_iff_toNat_lt, hn] at hlt; exact hlt
      have e : (i + 1).toNat = i.toNat + 1 := by simp only [UInt64.toNat_add]; simp; omega
      left
      refine ⟨(b ++ le32 vals[i.toNat], i + 1), ?_, ?_, ?_⟩
      · simp only [hlt, if_true, Slice.index_eq vals i hi', ok_bind, index_le_bytes_0,
          index_le_bytes_1, index_le_bytes_2, index_le_bytes_3,
          Usize.add_eq i 1 (by simp; omega), pure_ok, Slice.push, le32, List.append_assoc,
          List.cons_append, List.nil_append]
      · show 2 ^ 64 - (i + 1).toNat < 2 ^ 64 - i.toNat
        rw [e]; omega
      · refine ⟨by simp only [e]; omega, ?_⟩
        simp only [e, hb, List.take_add_one, List.getElem?_eq_getElem hi', Option.toList_some,
          List.flatMap_append, List.cons_append, List.flatMap_cons, List.flatMap_nil,
          List.append_nil]
    · right
      refine ⟨(b, i), by simp only [hlt, if_false, pure_ok], ?_⟩
      have e : i.toNat = vals.length := by
        rw [UInt64.lt_iff_toNat_lt, hn] at hlt; omega
      simp only [hb, e, List.take_length, leafInput, leafTag]
  · refine ⟨by simp, ?_⟩
    simp [Slice.push, Slice.withCapacity, commit.merkle.LEAF_PREFIX]
  · intro ⟨b, i⟩ h
    simp only at h
    simp only [h, pure_ok]
    rfl

/-- Filling position `i` of `take i l` padded with zeros. -/
theorem set_fill (l : List UInt8) (i n : Nat) (hi : i < l.length) :
    (l.take i ++ List.replicate (n + 1) 0).set i l[i] = l.take (i + 1) ++ List.replicate n 0 := by
  have hlen : (l.take i).length = i := by simp; omega
  rw [List.set_append, if_neg (by rw [hlen]; omega), hlen, Nat.sub_self, List.replicate_succ,
    List.set_cons_zero, List.take_add_one, List.getElem?_eq_getElem hi, Option.toList_some,
    List.append_assoc, List.singleton_append]

noncomputable section

/-- The node buffer after `i` steps: tag, then each child's first `i` bytes padded to 32. -/
def nodeBuf (l r : List UInt8) (i : Nat) : List UInt8 :=
  1 :: ((l.take i ++ List.replicate (32 - i) 0) ++ (r.take i ++ List.replicate (32 - i) 0))

end

theorem length_nodeBuf (l r : List UInt8) (hl : l.length = 32) (hr : r.length = 32) (i : Nat)
    (hi : i ≤ 32) : (nodeBuf l r i).length = 65 := by
  simp [nodeBuf, hl, hr]; omega

/-- One step of `node_hash`'s loop: bytes `1 + i` and `33 + i` get the children's byte `i`. -/
theorem nodeBuf_step (l r : List UInt8) (hl : l.length = 32) (hr : r.length = 32) (i : Nat)
    (hi : i < 32) :
    ((nodeBuf l r i).set (1 + i) l[i]).set (33 + i) r[i] = nodeBuf l r (i + 1) := by
  have e : 32 - i = (31 - i) + 1 := by omega
  have e' : 32 - (i + 1) = 31 - i := by omega
  have hA : (l.take (i + 1) ++ List.replicate (31 - i) 0).length = 32 := by simp [hl]; omega
  simp only [nodeBuf, e, e']
  rw [show 1 + i = i + 1 by omega, List.set_cons_succ, List.set_append,
    if_pos (by simp [hl]; omega), set_fill l i _ (by omega),
    show 33 + i = (32 + i) + 1 by omega, List.set_cons_succ, List.set_append,
    if_neg (by rw [hA]; omega), hA, show 32 + i - 32 = i by omega, set_fill r i _ (by omega)]

theorem nodeBuf_32 (l r : List UInt8) (hl : l.length = 32) (hr : r.length = 32) :
    nodeBuf l r 32 = 1 :: (l ++ r) := by
  simp [nodeBuf, List.take_of_length_le, hl, hr]

/-- `node_hash` hashes the spec's node encoding `0x01 ‖ l ‖ r` and never panics on digests. -/
theorem node_hash_spec (l r : Digest) :
    commit.merkle.node_hash (bytesOf H) l.bytes r.bytes = .ok (nodeHash H l r).bytes := by
  have hl := l.length_bytes
  have hr := r.length_bytes
  have h0 : Slice.update (Slice.repeat (0 : UInt8) 65) 0 commit.merkle.NODE_PREFIX =
      .ok (nodeBuf l.bytes r.bytes 0) := by
    rw [Slice.update_eq _ _ _ (by simp [Slice.repeat])]
    simp [Slice.repeat, nodeBuf, commit.merkle.NODE_PREFIX]
    try decide
  unfold commit.merkle.node_hash
  simp only [h0, ok_bind]
  apply loop_bind_ok
    (P := fun s => s.2.toNat ≤ 32 ∧ s.1 = nodeBuf l.bytes r.bytes s.2.toNat)
    (Q := fun s => s.1 = nodeInput l r)
  · intro ⟨b, i⟩ ⟨hi, hb⟩
    simp only at hi hb
    subst hb
    by_cases hlt : i < 32
    · have hi' : i.toNat < 32 := by rw [UInt64.lt_iff_toNat_lt] at hlt; simpa using hlt
      have e : (i + 1).toNat = i.toNat + 1 := by simp only [UInt64.toNat_add]; simp; omega
      have e1 : (1 + i).toNat = 1 + i.toNat := by simp only [UInt64.toNat_add]; simp; omega
      have e33 : (33 + i).toNat = 33 + i.toNat := by simp only [UInt64.toNat_add]; simp; omega
      left
      refine ⟨(nodeBuf l.bytes r.bytes (i.toNat + 1), i + 1), ?_, ?_, ?_⟩
      · have h1 := length_nodeBuf l.bytes r.bytes hl hr i.toNat (by omega)
        have u1 : Slice.update (nodeBuf l.bytes r.bytes i.toNat) (1 + i) l.bytes[i.toNat] =
            .ok ((nodeBuf l.bytes r.bytes i.toNat).set (1 + i.toNat) l.bytes[i.toNat]) := by
          rw [Slice.update_eq _ _ _ (by rw [e1, h1]; omega), e1]
        have u2 : Slice.update ((nodeBuf l.bytes r.bytes i.toNat).set (1 + i.toNat) l.bytes[i.toNat])
            (33 + i) r.bytes[i.toNat] =
            .ok (((nodeBuf l.bytes r.bytes i.toNat).set (1 + i.toNat) l.bytes[i.toNat]).set
              (33 + i.toNat) r.bytes[i.toNat]) := by
          rw [Slice.update_eq _ _ _ (by rw [e33, List.length_set, h1]; omega), e33]
        simp only [hlt, if_true, Slice.index_eq l.bytes i (by omega), Slice.index_eq r.bytes i (by omega),
          ok_bind, Usize.add_eq 1 i (by simp; omega), Usize.add_eq 33 i (by simp; omega),
          Usize.add_eq i 1 (by simp; omega), u1, u2,
          nodeBuf_step l.bytes r.bytes hl hr i.toNat hi', pure_ok]
      · show 2 ^ 64 - (i + 1).toNat < 2 ^ 64 - i.toNat
        rw [e]; omega
      · exact ⟨by simp only [e]; omega, by simp only [e]⟩
    · right
      refine ⟨(nodeBuf l.bytes r.bytes i.toNat, i), by simp only [hlt, if_false, pure_ok], ?_⟩
      have e : i.toNat = 32 := by
        rw [UInt64.lt_iff_toNat_lt] at hlt; simp at hlt; omega
      show nodeBuf l.bytes r.bytes i.toNat = nodeInput l r
      rw [e, nodeBuf_32 _ _ hl hr]; rfl
  · exact ⟨by simp, by simp⟩
  · intro ⟨b, i⟩ h
    simp only at h
    simp only [h, pure_ok]
    rfl

theorem and_one_eq_zero (k : UInt64) : (k &&& 1 = 0) ↔ k.toNat % 2 = 0 := by
  rw [← UInt64.toNat_inj, UInt64.toNat_and]
  simp [Nat.and_one_is_mod]

/-- Climbing one more level: the last sibling is used at index `i / 2 ^ (levels so far)`. -/
theorem climb_append (cur : Digest) (i : Nat) (p : List Digest) (s : Digest) :
    climb H cur i (p ++ [s]) = H (stepInput (i / 2 ^ p.length) (climb H cur i p) s) := by
  induction p generalizing cur i with
  | nil => simp [climb]
  | cons a p ih =>
    simp only [List.cons_append, climb, ih, List.length_cons, Nat.pow_succ, Nat.div_div_eq_div_mul,
      Nat.mul_comm]

/-- `root_from_path` climbs from the leaf digest along the siblings as the spec's `climb` does,
and never panics (on 32-byte digests and a path of fewer than `2^64` siblings). -/
theorem root_from_path_spec (leaf : Digest) (index : UInt64) (path : List Digest)
    (hp : path.length < 2 ^ 64) :
    commit.merkle.root_from_path (bytesOf H) leaf.bytes index (path.map Digest.bytes) =
      .ok (climb H leaf index.toNat path).bytes := by
  have hn := Slice.len_toNat (path.map Digest.bytes) (by simpa using hp)
  simp only [List.length_map] at hn
  unfold commit.merkle.root_from_path
  apply loop_bind_ok
    (P := fun s => s.2.2.toNat ≤ path.length ∧
      s.1 = (climb H leaf index.toNat (path.take s.2.2.toNat)).bytes ∧
      s.2.1.toNat = index.toNat / 2 ^ s.2.2.toNat)
    (Q := fun s => s.1 = (climb H leaf index.toNat path).bytes)
  · intro ⟨c, pos, lv⟩ ⟨hlv, hc, hpos⟩
    simp only at hlv hc hpos
    subst hc
    by_cases hlt : lv < Slice.len (path.map Digest.bytes)
    · have hlt' : lv.toNat < path.length := by rw [UInt64.lt_iff_toNat_lt, hn] at hlt; exact hlt
      have e : (lv + 1).toNat = lv.toNat + 1 := by simp only [UInt64.toNat_add]; simp; omega
      have hsib : Slice.index (path.map Digest.bytes) lv = .ok path[lv.toNat].bytes := by
        rw [Slice.index_eq _ _ (by simpa using hlt')]; simp
      have htake : path.take (lv.toNat + 1) = path.take lv.toNat ++ [path[lv.toNat]] := by
        rw [List.take_add_one, List.getElem?_eq_getElem hlt']; rfl
      have hlen : (path.take lv.toNat).length = lv.toNat := by simp; omega
      left
      refine ⟨((climb H leaf index.toNat (path.take (lv.toNat + 1))).bytes, pos >>> UInt64.ofNat 1,
        lv + 1), ?_, ?_, ?_⟩
      · by_cases hpar : pos &&& 1 = 0
        · have hpar' := (and_one_eq_zero pos).mp hpar
          simp only [hlt, if_true, hsib, ok_bind, hpar, node_hash_spec, nodeHash,
            Usize.shr_eq pos 1 (by decide), Usize.add_eq lv 1 (by simp; omega), pure_ok]
          rw [htake, climb_append, hlen, ← hpos, stepInput, if_pos hpar']
        · have hpar' : pos.toNat % 2 ≠ 0 := fun h => hpar ((and_one_eq_zero pos).mpr h)
          simp only [hlt, if_true, hsib, ok_bind, hpar, if_false, node_hash_spec, nodeHash,
            Usize.shr_eq pos 1 (by decide), Usize.add_eq lv 1 (by simp; omega), pure_ok]
          rw [htake, climb_append, hlen, ← hpos, stepInput, if_neg hpar']
      · show 2 ^ 64 - (lv + 1).toNat < 2 ^ 64 - lv.toNat
        rw [e]; omega
      · refine ⟨by simp only [e]; omega, by simp only [e], ?_⟩
        simp only [e, Zkvm.Refinement.field.shr_one_toNat, hpos, Nat.pow_succ, Nat.div_div_eq_div_mul]
    · right
      refine ⟨((climb H leaf index.toNat (path.take lv.toNat)).bytes, pos, lv),
        by simp only [hlt, if_false, pure_ok], ?_⟩
      have e : lv.toNat = path.length := by
        rw [UInt64.lt_iff_toNat_lt, hn] at hlt; omega
      simp only [e, List.take_length]
  · exact ⟨by simp, by simp [climb], by simp⟩
  · intro ⟨c, pos, lv⟩ h
    simp only at h
    simp only [h, pure_ok]

theorem digest_bytes_eq_iff (a b : Digest) : a.bytes = b.bytes ↔ a = b :=
  ⟨Digest.ext, fun h => h ▸ rfl⟩

/-- `verify_opening` (a root opening) computes the spec's `verifyOpening` for trees of depth
below 64 and rejects deeper ones (Rust's `usize::BITS` bound); it never panics (32-byte root
and siblings, slices whose byte length fits a `usize`). -/
theorem verify_opening_spec (root : Digest) (depth index : UInt64) (vals : List UInt32)
    (path : List Digest) (hv : 4 * vals.length + 1 < 2 ^ 64) (hp : path.length < 2 ^ 64) :
    commit.merkle.verify_opening (bytesOf H) root.bytes depth index vals (path.map Digest.bytes) =
      .ok (decide (depth.toNat < 64) && verifyOpening H root depth.toNat index.toNat vals path) := by
  have hn := Slice.len_toNat (path.map Digest.bytes) (by simpa using hp)
  simp only [List.length_map] at hn
  unfold commit.merkle.verify_opening
  by_cases h1 : path.length = depth.toNat
  · have c1 : Slice.len (path.map Digest.bytes) = depth := by
      rw [← UInt64.toNat_inj, hn]; exact h1
    by_cases h2 : depth.toNat < 64
    · have c2 : ¬ (depth ≥ UInt32.toUInt64 64) := by
        simp only [ge_iff_le, UInt64.le_iff_toNat_le]; simp; omega
      have hsh : (index >>> UInt64.ofNat depth.toNat).toNat = index.toNat / 2 ^ depth.toNat := by
        simp [UInt64.toNat_shiftRight, Nat.shiftRight_eq_div_pow, Nat.mod_eq_of_lt h2]
      by_cases h3 : index.toNat < 2 ^ depth.toNat
      · have c3 : index >>> UInt64.ofNat depth.toNat = 0 := by
          rw [← UInt64.toNat_inj, hsh]; simp; exact h3
        simp only [ne_eq, c1, not_true_eq_false, c2, if_false, Usize.shr_eq index depth.toNat h2,
          ok_bind, c3, leaf_hash_spec H vals hv, root_from_path_spec H _ index path hp, pure_ok]
        simp only [verifyOpening, verifyPath, h1, h2, h3, decide_true, Bool.true_and, leafHash,
          digest_bytes_eq_iff]
      · have c3 : ¬ (index >>> UInt64.ofNat depth.toNat = 0) := by
          rw [← UInt64.toNat_inj, hsh]; simp; omega
        simp only [ne_eq, c1, not_true_eq_false, c2, if_false, Usize.shr_eq index depth.toNat h2,
          ok_bind, c3, not_false_eq_true, if_true, pure_ok]
        simp [verifyOpening, verifyPath, h1, h3]
    · have c2 : depth ≥ UInt32.toUInt64 64 := by
        simp only [ge_iff_le, UInt64.le_iff_toNat_le]; simp; omega
      simp only [ne_eq, c1, not_true_eq_false, if_false, c2, if_true, pure_ok]
      simp [h2]
  · have c1 : ¬ (Slice.len (path.map Digest.bytes) = depth) := by
      rw [← UInt64.toNat_inj, hn]; exact h1
    simp only [ne_eq, c1, not_false_eq_true, if_true, pure_ok]
    simp [verifyOpening, h1]

end Zkvm.Refinement.commit.merkle
