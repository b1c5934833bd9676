module

public import Zkvm.Air.V2.MemStore

/-!
# The MEM table: soundness of SB

On a row with f_SB set, the groups, the lookups and well-formed operands force v to be b's low
byte (`sb_byte`: U8(y1) and U8(2v − 256 s) with b_lo = v + 256 y1), and the new word to be the
old one with the addressed byte replaced by v (`sb_sound`): the semantics' store
(`storeValue .b`). No proof names a constraint by its index.
-/

@[expose] public section

namespace Zkvm.Air.V2.Mem

open Zkvm.Field Zkvm.RiscV Zkvm.Air.Table Col

variable {r : Row BabyBear}

/-- On an SB row, v is b's low byte: b_lo = v + 256 y1 with v and y1 bytes. -/
theorem sb_byte (hg : Groups r) (hl : Lookups r) (hi : Inputs r) (hop : r fSb = 1)
    (hlh : r fLb + r fLh = 0) :
    (r v).val < 2 ^ 8 ∧ (r bLo).val = (r v).val + 256 * (r y1).val := by
  have hP : P = 2013265921 := P_eq
  have hne : r fSb ≠ 0 := by rw [hop]; exact one_ne_zero
  have hy := hl.u8_y1 hne
  have ht := hl.u8_top (by rw [hlh, hop]; decide)
  have hs1 := val_le_one hg.bool_s
  have hb0 := hi.b_lo
  have hb : r bLo = r v + 256 * r y1 := by have := hg.sb_b; grind
  have e : 2 * (r bLo).val = (2 * r v - 256 * r s).val + 256 * (r s).val + 512 * (r y1).val := by
    refine Felt.natCast_inj_of_lt (by omega) (by omega) ?_
    push_natCast; grind
  obtain ⟨n, hn⟩ : ∃ n, (r bLo).val = n + 256 * (r y1).val :=
    ⟨(r bLo).val - 256 * (r y1).val, by omega⟩
  have hc : ((n + 256 * (r y1).val : Nat) : BabyBear) = r bLo := by
    rw [← hn]; exact Felt.natCast_val _
  simp only [Felt.natCast_add, Felt.natCast_mul, Felt.natCast_ofNat, Felt.natCast_val] at hc
  have hv : (r v).val = n := lift (by omega) (by grind)
  omega

/-- **SB**: the addressed byte of the new word is b's low byte, the others are kept. -/
theorem sb_sound (hg : Groups r) (hl : Lookups r) (hi : Inputs r) (hop : r fSb = 1) :
    StoreAccess r 1 ∧ newWord r = storeValue .b (oldWord r) (bWord r) ((addr r).toNat % 4) ∧
      (r newLo).val < 2 ^ 16 ∧ (r newHi).val < 2 ^ 16 := by
  obtain ⟨f0, f1, f2, f3, f4, f5, f6, f7⟩ := only_flag hg .sb hop
  simp only [reduceCtorEq, if_true, if_false] at f0 f1 f2 f3 f4 f5 f6 f7
  have hreal : real r = 1 := by unfold real; grind
  have hsub : isSub r = 1 := by unfold isSub; grind
  have hP : P = 2013265921 := P_eq
  obtain ⟨hA, hW, hL, hWl⟩ := address_sound hg hl hi hreal (lane_sum_le hg (Or.inr hsub))
  obtain ⟨hx0, hx1, hl4, hX, hX1, hB⟩ := half_facts hg hl hi hsub
  obtain ⟨hv, hbv⟩ := sb_byte hg hl hi hop (by rw [f0, f1]; grind)
  have hb0 := hi.b_lo
  have hb1 := hi.b_hi
  have ho0 := hi.old_lo
  have ho1 := hi.old_hi
  have hram : r rom = 0 := by have := hg.store_ram; unfold isStore at this; grind
  have hold : (oldWord r).toNat = (r oldLo).val + 65536 * (r oldHi).val :=
    WordLimbs.toNat_ofFelts ho0 ho1
  have hbw : (bWord r).toNat = (r bLo).val + 65536 * (r bHi).val :=
    WordLimbs.toNat_ofFelts hb0 hb1
  have v0 : (0 : BabyBear).val = 0 := rfl
  have v1 : (1 : BabyBear).val = 1 := rfl
  have hn0 := hg.sb_lo
  have hn1 := hg.sb_hi
  have hlo := hg.half_lo
  have hhi := hg.half_hi
  unfold sbLo at hn0
  unfold sbHi at hn1
  unfold half at hlo hhi
  rcases lanes_sub hg hsub with ⟨e0, e1, e2, e3⟩ | ⟨e0, e1, e2, e3⟩ | ⟨e0, e1, e2, e3⟩ |
      ⟨e0, e1, e2, e3⟩
  · have hlk : lane r = 0 := by simp only [lane, e1, e2, e3, v0]
    rw [hlk, hold] at hX hX1
    simp only [Nat.reduceDiv, Nat.reduceMul, Nat.reducePow, Nat.reduceAdd] at hX hX1
    rw [e0, e1] at hn0 hlo
    rw [e2, e3] at hn1
    have n0 : (r newLo).val = (r v).val + 256 * (r x1).val :=
      lift (by omega) (by push_natCast; grind)
    have n1 : (r newHi).val = (r oldHi).val := lift (by omega) (by push_natCast; grind)
    refine ⟨⟨hW, hWl, by omega, hram⟩, ?_, by omega, by omega⟩
    rw [← hL, hlk]
    apply BitVec.eq_of_toNat_eq
    rw [toNat_storeValue, newWord, WordLimbs.toNat_ofFelts (by omega) (by omega), hold, hbw]
    simp only [StoreWidth.size, Nat.reduceMul, Nat.reducePow]
    clear hn0 hn1 hlo hhi hB hA hX1
    omega
  · have hlk : lane r = 1 := by simp only [lane, e1, e2, e3, v0, v1]
    rw [hlk, hold] at hX hX1
    simp only [Nat.reduceDiv, Nat.reduceMul, Nat.reducePow, Nat.reduceAdd] at hX hX1
    rw [e0, e1] at hn0 hlo
    rw [e2, e3] at hn1
    have n0 : (r newLo).val = (r x0).val + 256 * (r v).val :=
      lift (by omega) (by push_natCast; grind)
    have n1 : (r newHi).val = (r oldHi).val := lift (by omega) (by push_natCast; grind)
    refine ⟨⟨hW, hWl, by omega, hram⟩, ?_, by omega, by omega⟩
    rw [← hL, hlk]
    apply BitVec.eq_of_toNat_eq
    rw [toNat_storeValue, newWord, WordLimbs.toNat_ofFelts (by omega) (by omega), hold, hbw]
    simp only [StoreWidth.size, Nat.reduceMul, Nat.reducePow]
    clear hn0 hn1 hlo hhi hB hA hX1
    omega
  · have hlk : lane r = 2 := by simp only [lane, e1, e2, e3, v0, v1]
    rw [hlk, hold] at hX hX1
    simp only [Nat.reduceDiv, Nat.reduceMul, Nat.reducePow, Nat.reduceAdd] at hX hX1
    rw [e0, e1] at hn0
    rw [e2, e3] at hn1 hhi
    have n0 : (r newLo).val = (r oldLo).val := lift (by omega) (by push_natCast; grind)
    have n1 : (r newHi).val = (r v).val + 256 * (r x1).val :=
      lift (by omega) (by push_natCast; grind)
    refine ⟨⟨hW, hWl, by omega, hram⟩, ?_, by omega, by omega⟩
    rw [← hL, hlk]
    apply BitVec.eq_of_toNat_eq
    rw [toNat_storeValue, newWord, WordLimbs.toNat_ofFelts (by omega) (by omega), hold, hbw]
    simp only [StoreWidth.size, Nat.reduceMul, Nat.reducePow]
    clear hn0 hn1 hlo hhi hB hA hX1
    omega
  · have hlk : lane r = 3 := by simp only [lane, e1, e2, e3, v0, v1]
    rw [hlk, hold] at hX hX1
    simp only [Nat.reduceDiv, Nat.reduceMul, Nat.reducePow, Nat.reduceAdd] at hX hX1
    rw [e0, e1] at hn0
    rw [e2, e3] at hn1 hhi
    have n0 : (r newLo).val = (r oldLo).val := lift (by omega) (by push_natCast; grind)
    have n1 : (r newHi).val = (r x0).val + 256 * (r v).val :=
      lift (by omega) (by push_natCast; grind)
    refine ⟨⟨hW, hWl, by omega, hram⟩, ?_, by omega, by omega⟩
    rw [← hL, hlk]
    apply BitVec.eq_of_toNat_eq
    rw [toNat_storeValue, newWord, WordLimbs.toNat_ofFelts (by omega) (by omega), hold, hbw]
    simp only [StoreWidth.size, Nat.reduceMul, Nat.reducePow]
    clear hn0 hn1 hlo hhi hB hA hX1
    omega

end Zkvm.Air.V2.Mem
