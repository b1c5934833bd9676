module

public import Zkvm.Refinement.Commit.Merkle
public import Zkvm.Commit.Cap

/-!
# The extracted cap opening computes `Zkvm.Commit.verifyCapOpening`

`crate::commit::merkle::verify_cap_opening`, the only Merkle check the FRI verifier calls,
computes the spec's cap check `verifyCapOpening` (whose binding theorem is
`Zkvm.Commit.cap_binding`) for trees of depth below 64 and rejects deeper ones; it never
panics. The hash is the parameter `bytesOf H` of `Zkvm.Refinement.commit.merkle`.
-/

@[expose] public section

namespace Zkvm.Refinement.commit.merkle_cap

open Zkvm.Extraction Zkvm.Extracted Zkvm.Commit
open Zkvm.Refinement.commit.merkle

variable (H : List UInt8 → Zkvm.Commit.Digest)

/-- `cap_height` is `capHeight`. -/
theorem cap_height_spec (depth logCap : UInt64) :
    ∃ h, commit.merkle.cap_height depth logCap = .ok h ∧
      h.toNat = capHeight depth.toNat logCap.toNat := by
  unfold commit.merkle.cap_height capHeight
  by_cases hl : logCap < depth
  · have hl' : logCap.toNat < depth.toNat := UInt64.lt_iff_toNat_lt.mp hl
    exact ⟨logCap, by simp only [hl, if_true, pure_ok], by simp [hl']⟩
  · have hl' : ¬ logCap.toNat < depth.toNat := fun h => hl (UInt64.lt_iff_toNat_lt.mpr h)
    exact ⟨depth, by simp only [hl, if_false, pure_ok], by simp [hl']⟩

theorem shr_toNat (a : UInt64) (s : Nat) (hs : s < 64) :
    (a >>> UInt64.ofNat s).toNat = a.toNat / 2 ^ s := by
  have e : (UInt64.ofNat s).toNat = s := UInt64.toNat_ofNat_of_lt' (by simp [UInt64.size]; omega)
  rw [UInt64.toNat_shiftRight, e, Nat.mod_eq_of_lt hs, Nat.shiftRight_eq_div_pow]

theorem one_shl_toNat (s : Nat) (hs : s < 64) : ((1 : UInt64) <<< UInt64.ofNat s).toNat = 2 ^ s := by
  have e : (UInt64.ofNat s).toNat = s := UInt64.toNat_ofNat_of_lt' (by simp [UInt64.size]; omega)
  rw [UInt64.toNat_shiftLeft, e, Nat.mod_eq_of_lt hs, Nat.shiftLeft_eq]
  show 1 * 2 ^ s % 2 ^ 64 = 2 ^ s
  rw [Nat.one_mul]
  exact Nat.mod_eq_of_lt (Nat.pow_lt_pow_right (by decide) hs)

theorem shr_ok (a : UInt64) (s : Nat) (hs : s < 64) :
    ∃ r, Usize.shr a s = .ok r ∧ r.toNat = a.toNat / 2 ^ s :=
  ⟨_, Usize.shr_eq a s hs, shr_toNat a s hs⟩

theorem shl_one_ok (s : Nat) (hs : s < 64) :
    ∃ r, Usize.shl 1 s = .ok r ∧ r.toNat = 2 ^ s :=
  ⟨_, Usize.shl_eq 1 s hs, one_shl_toNat s hs⟩

/-- **`verify_cap_opening` is `verifyCapOpening`** for trees of depth below 64 (deeper trees
are rejected, Rust's `usize::BITS` bound); it never panics (32-byte cap nodes and siblings,
slices whose length fits a `usize`). -/
theorem verify_cap_opening_spec (cap : List Digest) (depth logCap index : UInt64)
    (vals : List UInt32) (path : List Digest) (hv : 4 * vals.length + 1 < 2 ^ 64)
    (hp : path.length < 2 ^ 64) (hc : cap.length < 2 ^ 64) :
    commit.merkle.verify_cap_opening (bytesOf H) (cap.map Digest.bytes) depth logCap index vals
        (path.map Digest.bytes) =
      .ok (decide (depth.toNat < 64) &&
        verifyCapOpening H cap depth.toNat logCap.toNat index.toNat vals path) := by
  have hnp := Slice.len_toNat (path.map Digest.bytes) (by simpa using hp)
  have hnc := Slice.len_toNat (cap.map Digest.bytes) (by simpa using hc)
  simp only [List.length_map] at hnp hnc
  unfold commit.merkle.verify_cap_opening
  by_cases hd : depth.toNat < 64
  · have c1 : ¬ (depth ≥ UInt32.toUInt64 64) := by
      simp only [ge_iff_le, UInt64.le_iff_toNat_le]; simp; omega
    obtain ⟨h, hh, hht⟩ := cap_height_spec depth logCap
    have hle := capHeight_le depth.toNat logCap.toNat
    generalize hC : capHeight depth.toNat logCap.toNat = C at hht hle
    obtain ⟨b, hsub, hb⟩ : ∃ b, Usize.sub depth h = .ok b ∧ b.toNat = depth.toNat - C :=
      ⟨_, Usize.sub_eq _ _ (by omega),
        by rw [UInt64.toNat_sub_of_le _ _ (UInt64.le_iff_toNat_le.mpr (by omega)), hht]⟩
    obtain ⟨n, hshl, hn⟩ := shl_one_ok h.toNat (by omega)
    obtain ⟨q, hq, hqv⟩ := shr_ok index depth.toNat hd
    obtain ⟨ci, hci, hciv⟩ := shr_ok index b.toNat (by omega)
    rw [hht] at hn
    rw [hb] at hciv
    simp only [c1, if_false, hh, ok_bind, hsub, hshl, hq, hci]
    by_cases h1 : path.length = depth.toNat - C
    · have c2 : Slice.len (path.map Digest.bytes) = b := by
        rw [← UInt64.toNat_inj, hnp, hb]; exact h1
      by_cases h2 : cap.length = 2 ^ C
      · have c3 : Slice.len (cap.map Digest.bytes) = n := by
          rw [← UInt64.toNat_inj, hnc, hn]; exact h2
        by_cases h3 : index.toNat < 2 ^ depth.toNat
        · have c4 : q = 0 := by
            rw [← UInt64.toNat_inj, hqv]; simp; exact h3
          have hlt : index.toNat / 2 ^ (depth.toNat - C) < cap.length := by
            rw [h2, Nat.div_lt_iff_lt_mul (Nat.two_pow_pos _), ← Nat.pow_add,
              show C + (depth.toNat - C) = depth.toNat by omega]
            exact h3
          have c5 : ¬ (ci ≥ n) := by
            simp only [ge_iff_le, UInt64.le_iff_toNat_le, hciv, hn, ← h2]; omega
          have hidx : Slice.index (cap.map Digest.bytes) ci =
              .ok cap[index.toNat / 2 ^ (depth.toNat - C)].bytes := by
            rw [Slice.index_eq _ _ (by rw [List.length_map, hciv]; exact hlt)]
            simp only [List.getElem_map, hciv]
          simp only [c2, c3, c4, ne_eq, not_true_eq_false, if_false,
            leaf_hash_spec H vals hv, root_from_path_spec H _ index path hp, ok_bind, c5, hidx,
            pure_ok]
          simp only [verifyCapOpening, hC, h1, h2, h3, hd, decide_true, Bool.true_and,
            List.getElem?_eq_getElem hlt, Option.some.injEq, digest_bytes_eq_iff, eq_comm]
        · have c4 : q ≠ 0 := by
            rw [ne_eq, ← UInt64.toNat_inj, hqv]; simp; omega
          simp only [c2, c3, c4, ne_eq, not_true_eq_false, not_false_eq_true, if_false, if_true,
            pure_ok]
          simp [verifyCapOpening, hC, h3]
      · have c3 : Slice.len (cap.map Digest.bytes) ≠ n := by
          rw [ne_eq, ← UInt64.toNat_inj, hnc, hn]; exact h2
        simp only [c2, c3, ne_eq, not_true_eq_false, not_false_eq_true, if_false, if_true,
          pure_ok]
        simp [verifyCapOpening, hC, h2]
    · have c2 : Slice.len (path.map Digest.bytes) ≠ b := by
        rw [ne_eq, ← UInt64.toNat_inj, hnp, hb]; exact h1
      simp only [c2, ne_eq, not_false_eq_true, if_true, pure_ok]
      simp [verifyCapOpening, hC, h1]
  · have c1 : depth ≥ UInt32.toUInt64 64 := by
      simp only [ge_iff_le, UInt64.le_iff_toNat_le]; simp; omega
    simp only [c1, if_true, pure_ok]
    simp [hd]

end Zkvm.Refinement.commit.merkle_cap
