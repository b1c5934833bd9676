module

public import Zkvm.Air.V2.MulBasic

/-!
# The MUL table: what the groups give before any op is fixed

* `flag_sum`: the op flags' values add up to at most 1, so a set flag clears the others
  (`only_flag`);
* `product_core`: on a real row whose factor cells are bytes (and sign bits), the four limb
  equations, the U16 lookups of P's limbs and of the carries (their sum through `4 Σ κ`) make
  the 64-bit product of the two factors (`val8` of `cellsNat`), mod `2^64`, the number of c
  and x: c low if `takesHigh` is 0, high if it is 1.
-/

@[expose] public section

namespace Zkvm.Air.V2.Mul

open Zkvm.Field Zkvm.RiscV Zkvm.Air.Table Col

variable {r : Row BabyBear}

theorem val_le_one {x : BabyBear} (h : boolean x = 0) : x.val ≤ 1 := Felt.val_le_one_of_bool h

theorem eq_zero_of_val {x : BabyBear} (h : x.val = 0) : x = 0 := BabyBear.eq_zero_iff_val.mpr h

theorem val_of_eq_one {x : BabyBear} (h : x = 1) : x.val = 1 := by rw [h]; rfl

theorem one_ne_zero : (1 : BabyBear) ≠ 0 := by decide

theorem val_natCast_lt {n : Nat} (h : n < 2 ^ 16) : ((n : Nat) : BabyBear).val = n := by
  have hP : P = 2013265921 := P_eq
  rw [BabyBear.val_natCast, hP]; omega

/-- The op flags' values add up to at most 1. -/
theorem flag_sum (hg : Groups r) :
    (r fMul).val + (r fMulh).val + (r fMulhsu).val + (r fMulhu).val + (r fSll).val +
      (r fSrl).val + (r fSra).val ≤ 1 := by
  have h0 := val_le_one (hg.bool_flags fMul (by simp [flags]))
  have h1 := val_le_one (hg.bool_flags fMulh (by simp [flags]))
  have h2 := val_le_one (hg.bool_flags fMulhsu (by simp [flags]))
  have h3 := val_le_one (hg.bool_flags fMulhu (by simp [flags]))
  have h4 := val_le_one (hg.bool_flags fSll (by simp [flags]))
  have h5 := val_le_one (hg.bool_flags fSrl (by simp [flags]))
  have h6 := val_le_one (hg.bool_flags fSra (by simp [flags]))
  have hP : P = 2013265921 := P_eq
  have hreal : real r = (((r fMul).val + (r fMulh).val + (r fMulhsu).val + (r fMulhu).val +
      (r fSll).val + (r fSrl).val + (r fSra).val : Nat) : BabyBear) := by
    simp only [Felt.natCast_add, Felt.natCast_val]; rfl
  have := val_le_one hg.one_op
  rw [hreal, BabyBear.val_natCast, Nat.mod_eq_of_lt (by omega)] at this
  exact this

/-! ## Byte cells as numbers -/

/-- A factor's eight bytes as numbers: four cells from `first`, then `255 · sign`. -/
def cellsNat (r : Row BabyBear) (first sign : Nat) (i : Nat) : Nat :=
  if i < 4 then (r (first + i)).val else 255 * (r sign).val

theorem factor_cast (r : Row BabyBear) (first sign : Nat) (i : Nat) :
    factor r first sign i = ((cellsNat r first sign i : Nat) : BabyBear) := by
  unfold factor cellsNat
  split
  · rw [Felt.natCast_val]
  · rw [Felt.natCast_mul, Felt.natCast_val]; rfl

theorem cellsNat_le {r : Row BabyBear} {first sign : Nat}
    (hb : ∀ i, i < 4 → (r (first + i)).val < 256) (hs : (r sign).val ≤ 1) (i : Nat) :
    cellsNat r first sign i ≤ 255 := by
  unfold cellsNat
  split
  · have := hb i (by omega); omega
  · omega

theorem pair_val {x y : BabyBear} (hx : x.val < 256) (hy : y.val < 256) :
    (pair x y).val = x.val + 256 * y.val := by
  have hP : P = 2013265921 := P_eq
  have e : pair x y = ((x.val + 256 * y.val : Nat) : BabyBear) := by
    simp only [Felt.natCast_add, Felt.natCast_mul, Felt.natCast_val, pair]; rfl
  rw [e, BabyBear.val_natCast, hP]; omega

/-- The factor's number: its four bytes as a word, plus `s (2^64 − 2^32)`. -/
theorem val8_cellsNat {r : Row BabyBear} {first sign : Nat}
    (hb : ∀ i, i < 4 → (r (first + i)).val < 256) :
    val8 (cellsNat r first sign) =
      (WordLimbs.ofFelts (pair (r first) (r (first + 1)))
        (pair (r (first + 2)) (r (first + 3)))).toNat + (r sign).val * (2 ^ 64 - 2 ^ 32) ∧
      (pair (r first) (r (first + 1))).val < 2 ^ 16 ∧
      (pair (r (first + 2)) (r (first + 3))).val < 2 ^ 16 := by
  have b0 := hb 0 (by omega)
  have b1 := hb 1 (by omega)
  have b2 := hb 2 (by omega)
  have b3 := hb 3 (by omega)
  simp only [Nat.add_zero] at b0
  have p0 := pair_val b0 b1
  have p1 := pair_val b2 b3
  have l0 : (pair (r first) (r (first + 1))).val < 2 ^ 16 := by rw [p0]; omega
  have l1 : (pair (r (first + 2)) (r (first + 3))).val < 2 ^ 16 := by rw [p1]; omega
  refine ⟨?_, l0, l1⟩
  rw [WordLimbs.toNat_ofFelts l0 l1, p0, p1]
  rw [val8_factor (b₀ := (r first).val) (b₁ := (r (first + 1)).val)
    (b₂ := (r (first + 2)).val) (b₃ := (r (first + 3)).val) (s := (r sign).val)
    (by simp [cellsNat]) (by simp [cellsNat]) (by simp [cellsNat]) (by simp [cellsNat])
    (by simp [cellsNat]) (by simp [cellsNat]) (by simp [cellsNat]) (by simp [cellsNat])]

/-! ## The product -/

theorem productLimb_0 (r : Row BabyBear) :
    productLimb r 0 = r cLo + takesHigh r * (r xLo - r cLo) := rfl
theorem productLimb_1 (r : Row BabyBear) :
    productLimb r 1 = r cHi + takesHigh r * (r xHi - r cHi) := rfl
theorem productLimb_2 (r : Row BabyBear) :
    productLimb r 2 = r xLo + takesHigh r * (r cLo - r xLo) := rfl
theorem productLimb_3 (r : Row BabyBear) :
    productLimb r 3 = r xHi + takesHigh r * (r cHi - r xHi) := rfl

/-- **The product**: on a real row with byte factors, P mod `2^64` is c and x. -/
theorem product_core (hg : Groups r) (hl : Lookups r) (hreal : real r = 1)
    (ba : ∀ i, i < 4 → (r (a0 + i)).val < 256) (bsa : (r sa).val ≤ 1)
    (bm : ∀ i, i < 4 → (r (m0 + i)).val < 256) (bsb : (r sb).val ≤ 1)
    (hth : takesHigh r = 0 ∨ takesHigh r = 1) :
    val8 (cellsNat r a0 sa) * val8 (cellsNat r m0 sb) % 2 ^ 64 =
      if takesHigh r = 1 then
        (r xLo).val + 65536 * (r xHi).val + 2 ^ 32 * ((r cLo).val + 65536 * (r cHi).val)
      else
        (r cLo).val + 65536 * (r cHi).val + 2 ^ 32 * ((r xLo).val + 65536 * (r xHi).val) := by
  have hr : real r ≠ 0 := by rw [hreal]; exact one_ne_zero
  have hP : P = 2013265921 := P_eq
  -- the carries
  have k₀ := hl.carries hr 0 (by omega)
  have k₁ := hl.carries hr 1 (by omega)
  have k₂ := hl.carries hr 2 (by omega)
  have k₃ := hl.carries hr 3 (by omega)
  simp only [Nat.add_zero] at k₀
  have ks := hl.carry_sum hr
  have es : 4 * (r k0 + r (k0 + 1) + r (k0 + 2) + r (k0 + 3)) =
      ((4 * ((r k0).val + (r (k0 + 1)).val + (r (k0 + 2)).val + (r (k0 + 3)).val) : Nat) :
        BabyBear) := by
    simp only [Felt.natCast_add, Felt.natCast_mul, Felt.natCast_val]; rfl
  rw [es, BabyBear.val_natCast, hP, Nat.mod_eq_of_lt (by omega)] at ks
  -- the limbs of P
  have lc0 := hl.limb_c_lo hr
  have lc1 := hl.limb_c_hi hr
  have lx0 := hl.limb_x_lo hr
  have lx1 := hl.limb_x_hi hr
  have hx := factor_cast r a0 sa
  have hy := factor_cast r m0 sb
  have bx := cellsNat_le ba bsa
  have bY := cellsNat_le bm bsb
  have c0 : carryIn r 0 = ((0 : Nat) : BabyBear) := rfl
  have c1 : carryIn r 1 = (((r k0).val : Nat) : BabyBear) := by rw [Felt.natCast_val]; rfl
  have c2 : carryIn r 2 = (((r (k0 + 1)).val : Nat) : BabyBear) := by
    rw [Felt.natCast_val]; rfl
  have c3 : carryIn r 3 = (((r (k0 + 2)).val : Nat) : BabyBear) := by
    rw [Felt.natCast_val]; rfl
  have q0 : r (k0 + 0) = (((r k0).val : Nat) : BabyBear) := by rw [Felt.natCast_val]; rfl
  have q1 := (Felt.natCast_val (r (k0 + 1))).symm
  have q2 := (Felt.natCast_val (r (k0 + 2))).symm
  have q3 := (Felt.natCast_val (r (k0 + 3))).symm
  rcases hth with ht | ht
  · have p0 : productLimb r 0 = (((r cLo).val : Nat) : BabyBear) := by
      rw [Felt.natCast_val]; rw [productLimb_0]; rw [ht]; grind
    have p1 : productLimb r 1 = (((r cHi).val : Nat) : BabyBear) := by
      rw [Felt.natCast_val]; rw [productLimb_1]; rw [ht]; grind
    have p2 : productLimb r 2 = (((r xLo).val : Nat) : BabyBear) := by
      rw [Felt.natCast_val]; rw [productLimb_2]; rw [ht]; grind
    have p3 : productLimb r 3 = (((r xHi).val : Nat) : BabyBear) := by
      rw [Felt.natCast_val]; rw [productLimb_3]; rw [ht]; grind
    have e0 := limb_lift hx hy bx bY (by omega) (hg.limbs 0 (by omega)) p0 c0 q0 lc0
      (by omega) (by omega)
    have e1 := limb_lift hx hy bx bY (by omega) (hg.limbs 1 (by omega)) p1 c1 q1 lc1
      (by omega) (by omega)
    have e2 := limb_lift hx hy bx bY (by omega) (hg.limbs 2 (by omega)) p2 c2 q2 lx0
      (by omega) (by omega)
    have e3 := limb_lift hx hy bx bY (by omega) (hg.limbs 3 (by omega)) p3 c3 q3 lx1
      (by omega) (by omega)
    rw [if_neg (by rw [ht]; decide)]
    rw [product_mod e0 e1 e2 e3 lc0 lc1 lx0 lx1]
  · have p0 : productLimb r 0 = (((r xLo).val : Nat) : BabyBear) := by
      rw [Felt.natCast_val]; rw [productLimb_0]; rw [ht]; grind
    have p1 : productLimb r 1 = (((r xHi).val : Nat) : BabyBear) := by
      rw [Felt.natCast_val]; rw [productLimb_1]; rw [ht]; grind
    have p2 : productLimb r 2 = (((r cLo).val : Nat) : BabyBear) := by
      rw [Felt.natCast_val]; rw [productLimb_2]; rw [ht]; grind
    have p3 : productLimb r 3 = (((r cHi).val : Nat) : BabyBear) := by
      rw [Felt.natCast_val]; rw [productLimb_3]; rw [ht]; grind
    have e0 := limb_lift hx hy bx bY (by omega) (hg.limbs 0 (by omega)) p0 c0 q0 lx0
      (by omega) (by omega)
    have e1 := limb_lift hx hy bx bY (by omega) (hg.limbs 1 (by omega)) p1 c1 q1 lx1
      (by omega) (by omega)
    have e2 := limb_lift hx hy bx bY (by omega) (hg.limbs 2 (by omega)) p2 c2 q2 lc0
      (by omega) (by omega)
    have e3 := limb_lift hx hy bx bY (by omega) (hg.limbs 3 (by omega)) p3 c3 q3 lc1
      (by omega) (by omega)
    rw [if_pos ht]
    rw [product_mod e0 e1 e2 e3 lx0 lx1 lc0 lc1]

end Zkvm.Air.V2.Mul
