module

public import Zkvm.Air.V2.MemLoad

/-!
# The MEM table: soundness of the stores (SB, SH, SW)

On a row whose flag for the store is set, the groups (`Groups`), the range lookups (`Lookups`)
and well-formed operands and old word (`Inputs`) force:
* the access is at the word address `⌊(a + imm) / 4⌋` (below 2^30), aligned to the access size,
  in RAM (rom = 0);
* the new word is the semantics' store (`storeValue`: the low bytes of b written over the old
  word from the lane `(a + imm) mod 4` on, as `execStore` writes them), with limbs below 2^16.
`sb_sound`, `sh_sound`, `sw_sound`. No proof names a constraint by its index.
-/

@[expose] public section

namespace Zkvm.Air.V2.Mem

open Zkvm.Field Zkvm.RiscV Zkvm.Air.Table Col

variable {r : Row BabyBear}

/-- What a store row proves about its access: the word address, the alignment, RAM. -/
structure StoreAccess (r : Row BabyBear) (size : Nat) : Prop where
  wa : (wordAddr r).val = (addr r).toNat / 4
  wa_lt : (wordAddr r).val < 2 ^ 30
  aligned : (addr r).toNat % size = 0
  ram : r rom = 0

/-- The new word, as a number. -/
theorem toNat_storeValue (wd : StoreWidth) (old b : Word) (lane : Nat) :
    (storeValue wd old b lane).toNat =
      (old.toNat - old.toNat / 2 ^ (8 * lane) % 2 ^ (8 * wd.size) * 2 ^ (8 * lane) +
        b.toNat % 2 ^ (8 * wd.size) * 2 ^ (8 * lane)) % 2 ^ 32 := by
  simp only [storeValue, BitVec.toNat_ofNat]

/-- **SW**: the new word is b. -/
theorem sw_sound (hg : Groups r) (hl : Lookups r) (hi : Inputs r) (hop : r fSw = 1) :
    StoreAccess r 4 ∧ newWord r = storeValue .w (oldWord r) (bWord r) ((addr r).toNat % 4) ∧
      (r newLo).val < 2 ^ 16 ∧ (r newHi).val < 2 ^ 16 := by
  obtain ⟨f0, f1, f2, f3, f4, f5, f6, f7⟩ := only_flag hg .sw hop
  simp only [reduceCtorEq, if_true, if_false] at f0 f1 f2 f3 f4 f5 f6 f7
  have hreal : real r = 1 := by unfold real; grind
  have hsub : isSub r = 0 := by unfold isSub; grind
  have hP : P = 2013265921 := P_eq
  obtain ⟨hA, hW, hL, hWl⟩ := address_sound hg hl hi hreal (lane_sum_le hg (Or.inl hsub))
  obtain ⟨e1, e2, e3⟩ := lanes_word hg hsub
  have v0 : (0 : BabyBear).val = 0 := rfl
  have hl0 : lane r = 0 := by simp only [lane, e1, e2, e3, v0]
  have hb0 := hi.b_lo
  have hb1 := hi.b_hi
  have ho0 := hi.old_lo
  have ho1 := hi.old_hi
  have n0 : r newLo = r bLo := by have := hg.sw_lo; grind
  have n1 : r newHi = r bHi := by have := hg.sw_hi; grind
  refine ⟨⟨hW, hWl, by omega, by have := hg.store_ram; unfold isStore at this; grind⟩, ?_,
    by rw [n0]; omega, by rw [n1]; omega⟩
  rw [← hL, hl0]
  apply BitVec.eq_of_toNat_eq
  rw [toNat_storeValue, newWord, n0, n1, WordLimbs.toNat_ofFelts hb0 hb1, oldWord,
    WordLimbs.toNat_ofFelts ho0 ho1, bWord, WordLimbs.toNat_ofFelts hb0 hb1]
  simp only [StoreWidth.size, Nat.reduceMul, Nat.reducePow]
  omega

/-- **SH**: the addressed half of the new word is b's low half, the other half is kept. -/
theorem sh_sound (hg : Groups r) (hl : Lookups r) (hi : Inputs r) (hop : r fSh = 1) :
    StoreAccess r 2 ∧ newWord r = storeValue .h (oldWord r) (bWord r) ((addr r).toNat % 4) ∧
      (r newLo).val < 2 ^ 16 ∧ (r newHi).val < 2 ^ 16 := by
  obtain ⟨f0, f1, f2, f3, f4, f5, f6, f7⟩ := only_flag hg .sh hop
  simp only [reduceCtorEq, if_true, if_false] at f0 f1 f2 f3 f4 f5 f6 f7
  have hreal : real r = 1 := by unfold real; grind
  have hsub : isSub r = 1 := by unfold isSub; grind
  have hh : halves r = 1 := by unfold halves; grind
  have hP : P = 2013265921 := P_eq
  obtain ⟨hA, hW, hL, hWl⟩ := address_sound hg hl hi hreal (lane_sum_le hg (Or.inr hsub))
  have hev := lane_even hg hh hsub
  have hb0 := hi.b_lo
  have hb1 := hi.b_hi
  have ho0 := hi.old_lo
  have ho1 := hi.old_hi
  have hram : r rom = 0 := by have := hg.store_ram; unfold isStore at this; grind
  have ha := hg.align
  rw [hh] at ha
  have v0 : (0 : BabyBear).val = 0 := rfl
  have v1 : (1 : BabyBear).val = 1 := rfl
  have hn0 := hg.sh_lo
  have hn1 := hg.sh_hi
  unfold shLo at hn0
  unfold shHi at hn1
  rcases lanes_sub hg hsub with ⟨e0, e1, e2, e3⟩ | ⟨e0, e1, e2, e3⟩ | ⟨e0, e1, e2, e3⟩ |
      ⟨e0, e1, e2, e3⟩
  · have hlk : lane r = 0 := by simp only [lane, e1, e2, e3, v0]
    have n0 : r newLo = r bLo := by rw [e0] at hn0; grind
    have n1 : r newHi = r oldHi := by rw [e2] at hn1; grind
    refine ⟨⟨hW, hWl, by omega, hram⟩, ?_, by rw [n0]; omega, by rw [n1]; omega⟩
    rw [← hL, hlk]
    apply BitVec.eq_of_toNat_eq
    rw [toNat_storeValue, newWord, n0, n1, WordLimbs.toNat_ofFelts hb0 ho1, oldWord,
      WordLimbs.toNat_ofFelts ho0 ho1, bWord, WordLimbs.toNat_ofFelts hb0 hb1]
    simp only [StoreWidth.size, Nat.reduceMul, Nat.reducePow]
    omega
  · rw [e1, e3] at ha; exact absurd ha (by decide)
  · have hlk : lane r = 2 := by simp only [lane, e1, e2, e3, v0, v1]
    have n0 : r newLo = r oldLo := by rw [e0] at hn0; grind
    have n1 : r newHi = r bLo := by rw [e2] at hn1; grind
    refine ⟨⟨hW, hWl, by omega, hram⟩, ?_, by rw [n0]; omega, by rw [n1]; omega⟩
    rw [← hL, hlk]
    apply BitVec.eq_of_toNat_eq
    rw [toNat_storeValue, newWord, n0, n1, WordLimbs.toNat_ofFelts ho0 hb0, oldWord,
      WordLimbs.toNat_ofFelts ho0 ho1, bWord, WordLimbs.toNat_ofFelts hb0 hb1]
    simp only [StoreWidth.size, Nat.reduceMul, Nat.reducePow]
    omega
  · rw [e1, e3] at ha; exact absurd ha (by decide)

end Zkvm.Air.V2.Mem
