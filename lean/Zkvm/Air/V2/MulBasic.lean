module

public import Zkvm.Air.V2.MulSpec

/-!
# The MUL table: the product from its limb equations, over natural numbers

* `csum`, `nconv`: the convolution columns over ℕ (`nconv x y k = Σ_{i ≤ k} x_i y_{k−i}`), and
  `val8`: the number of eight bytes;
* `val8_mul`: the product of two 8-byte numbers is its first eight columns plus `2^64` times
  the rest (a ring identity, closed by `grind`);
* `product_mod`: four limb equations with carries give the four 16-bit limbs of the product
  mod `2^64`;
* `convSum_cast`: the field's convolution of cells that are casts is the cast of `nconv`;
  `limb_lift`: one limb equation, from the field to ℕ, with the bounds that rule out wrapping
  (columns of bytes, a limb below `2^16`, carries below `2^14`);
* `top_byte`: the U8 lookup of `A3 − 256 SA + 128` with a well-formed `A2 + 256 A3` makes A3 a
  byte and SA its top bit.
-/

@[expose] public section

namespace Zkvm.Air.V2.Mul

open Zkvm.Field Zkvm.RiscV Zkvm.Air.Table Col

/-! ## Columns over ℕ -/

/-- `Σ_{lo ≤ i < lo + n} x_i y_{k−i}`. -/
def csum (x y : Nat → Nat) (k lo : Nat) : Nat → Nat
  | 0 => 0
  | n + 1 => csum x y k lo n + x (lo + n) * y (k - (lo + n))

/-- Column k of the product (k < 8): `Σ_{i ≤ k} x_i y_{k−i}`. -/
def nconv (x y : Nat → Nat) (k : Nat) : Nat := csum x y k 0 (k + 1)

/-- Column k ≥ 8 of the product of two 8-digit numbers: `Σ_{k−7 ≤ i ≤ 7} x_i y_{k−i}`. -/
def hconv (x y : Nat → Nat) (k : Nat) : Nat := csum x y k (k - 7) (15 - k)

/-- The number of eight bytes, low first. -/
def val8 (x : Nat → Nat) : Nat :=
  x 0 + 256 * (x 1 + 256 * (x 2 + 256 * (x 3 + 256 * (x 4 + 256 * (x 5 + 256 * (x 6 +
    256 * x 7))))))

theorem val8_mul (x y : Nat → Nat) : val8 x * val8 y =
    nconv x y 0 + 256 * (nconv x y 1 + 256 * (nconv x y 2 + 256 * (nconv x y 3 +
      256 * (nconv x y 4 + 256 * (nconv x y 5 + 256 * (nconv x y 6 + 256 * nconv x y 7)))))) +
    2 ^ 64 * (hconv x y 8 + 256 * (hconv x y 9 + 256 * (hconv x y 10 + 256 * (hconv x y 11 +
      256 * (hconv x y 12 + 256 * (hconv x y 13 + 256 * hconv x y 14)))))) := by
  simp only [val8, nconv, hconv, csum, Nat.reduceSub, Nat.reduceAdd, Nat.zero_add, Nat.add_zero]
  grind

theorem csum_le {x y : Nat → Nat} (hx : ∀ i, x i ≤ 255) (hy : ∀ i, y i ≤ 255) (k lo : Nat) :
    ∀ n, csum x y k lo n ≤ n * 65025
  | 0 => by simp [csum]
  | n + 1 => by
    have ih := csum_le hx hy k lo n
    have := Nat.mul_le_mul (hx (lo + n)) (hy (k - (lo + n)))
    simp only [csum]
    rw [Nat.succ_mul]
    omega

theorem nconv_le {x y : Nat → Nat} (hx : ∀ i, x i ≤ 255) (hy : ∀ i, y i ≤ 255) {k : Nat}
    (hk : k < 8) : nconv x y k ≤ 8 * 65025 := by
  have := csum_le hx hy k 0 (k + 1)
  have := Nat.mul_le_mul_right 65025 (show k + 1 ≤ 8 by omega)
  unfold nconv
  omega

/-- **Four limb equations give the product's limbs** mod `2^64`. -/
theorem product_mod {x y : Nat → Nat} {p₀ p₁ p₂ p₃ κ₀ κ₁ κ₂ κ₃ : Nat}
    (e₀ : nconv x y 0 + 256 * nconv x y 1 = p₀ + 65536 * κ₀)
    (e₁ : nconv x y 2 + 256 * nconv x y 3 + κ₀ = p₁ + 65536 * κ₁)
    (e₂ : nconv x y 4 + 256 * nconv x y 5 + κ₁ = p₂ + 65536 * κ₂)
    (e₃ : nconv x y 6 + 256 * nconv x y 7 + κ₂ = p₃ + 65536 * κ₃)
    (h₀ : p₀ < 2 ^ 16) (h₁ : p₁ < 2 ^ 16) (h₂ : p₂ < 2 ^ 16) (h₃ : p₃ < 2 ^ 16) :
    val8 x * val8 y % 2 ^ 64 = p₀ + 65536 * p₁ + 2 ^ 32 * (p₂ + 65536 * p₃) := by
  rw [val8_mul]
  generalize nconv x y 0 = c₀ at *
  generalize nconv x y 1 = c₁ at *
  generalize nconv x y 2 = c₂ at *
  generalize nconv x y 3 = c₃ at *
  generalize nconv x y 4 = c₄ at *
  generalize nconv x y 5 = c₅ at *
  generalize nconv x y 6 = c₆ at *
  generalize nconv x y 7 = c₇ at *
  generalize (hconv x y 8 + 256 * (hconv x y 9 + 256 * (hconv x y 10 + 256 * (hconv x y 11 +
      256 * (hconv x y 12 + 256 * (hconv x y 13 + 256 * hconv x y 14)))))) = h
  omega

/-- The number of a factor: four bytes and four times `255 s`. -/
theorem val8_factor {x : Nat → Nat} {b₀ b₁ b₂ b₃ s : Nat} (h₀ : x 0 = b₀) (h₁ : x 1 = b₁)
    (h₂ : x 2 = b₂) (h₃ : x 3 = b₃) (h₄ : x 4 = 255 * s) (h₅ : x 5 = 255 * s)
    (h₆ : x 6 = 255 * s) (h₇ : x 7 = 255 * s) :
    val8 x = b₀ + 256 * b₁ + 65536 * (b₂ + 256 * b₃) + s * (2 ^ 64 - 2 ^ 32) := by
  simp only [val8, h₀, h₁, h₂, h₃, h₄, h₅, h₆, h₇]
  omega

/-! ## From the field -/

theorem convSum_cast {x y : Nat → BabyBear} {xv yv : Nat → Nat}
    (hx : ∀ i, x i = ((xv i : Nat) : BabyBear)) (hy : ∀ i, y i = ((yv i : Nat) : BabyBear))
    (k : Nat) : ∀ n, convSum x y k n = ((csum xv yv k 0 n : Nat) : BabyBear)
  | 0 => rfl
  | n + 1 => by
    simp only [convSum, csum, Nat.zero_add, Felt.natCast_add, Felt.natCast_mul]
    rw [convSum_cast hx hy k n, hx, hy]

theorem conv_cast {x y : Nat → BabyBear} {xv yv : Nat → Nat}
    (hx : ∀ i, x i = ((xv i : Nat) : BabyBear)) (hy : ∀ i, y i = ((yv i : Nat) : BabyBear))
    (k : Nat) : conv x y k = ((nconv xv yv k : Nat) : BabyBear) :=
  convSum_cast hx hy k (k + 1)

/-- One limb equation, lifted to ℕ. -/
theorem limb_lift {r : Row BabyBear} {xv yv : Nat → Nat}
    (hx : ∀ i, factor r a0 sa i = ((xv i : Nat) : BabyBear))
    (hy : ∀ i, factor r m0 sb i = ((yv i : Nat) : BabyBear))
    (bx : ∀ i, xv i ≤ 255) (bY : ∀ i, yv i ≤ 255) {m p cin κ : Nat} (hm : m < 4)
    (h : limbEq r m = 0) (hp : productLimb r m = ((p : Nat) : BabyBear))
    (hc : carryIn r m = ((cin : Nat) : BabyBear)) (hk : r (k0 + m) = ((κ : Nat) : BabyBear))
    (bp : p < 2 ^ 16) (bc : cin < 2 ^ 14) (bk : κ < 2 ^ 14) :
    nconv xv yv (2 * m) + 256 * nconv xv yv (2 * m + 1) + cin = p + 65536 * κ := by
  have c₀ := nconv_le bx bY (k := 2 * m) (by omega)
  have c₁ := nconv_le bx bY (k := 2 * m + 1) (by omega)
  have hP : P = 2013265921 := P_eq
  refine Felt.natCast_inj_of_lt (by omega) (by omega) ?_
  simp only [Felt.natCast_add, Felt.natCast_mul]
  rw [← conv_cast hx hy, ← conv_cast hx hy, ← hp, ← hc, ← hk]
  have e := h
  unfold limbEq at e
  have h256 : ((256 : Nat) : BabyBear) = 256 := rfl
  have h65536 : ((65536 : Nat) : BabyBear) = 65536 := rfl
  rw [h256, h65536]
  grind

/-- **The top byte**: with `U8(A3 − 256 SA + 128)`, SA boolean, A2 a byte and `A2 + 256 A3`
below `2^16`, A3 is a byte and SA is its top bit. -/
theorem top_byte {a₂ a₃ s : BabyBear} (hs : s.val ≤ 1) (h₂ : a₂.val < 256)
    (ht : (topByte a₃ s 1).val < 256) (hw : (pair a₂ a₃).val < 2 ^ 16) :
    a₃.val < 256 ∧ (s.val = 1 ↔ 128 ≤ a₃.val) := by
  have hP : P = 2013265921 := P_eq
  have l3 := a₃.lt
  have e₁ : ((a₃.val + 128 : Nat) : BabyBear) =
      (((topByte a₃ s 1).val + 256 * s.val : Nat) : BabyBear) := by
    simp only [Felt.natCast_add, Felt.natCast_mul, Felt.natCast_val, topByte]
    have h128 : ((128 : Nat) : BabyBear) = 128 := rfl
    have h256 : ((256 : Nat) : BabyBear) = 256 := rfl
    rw [h128, h256]; grind
  have e₂ : (pair a₂ a₃).val = (a₂.val + 256 * a₃.val) % P := by
    rw [← BabyBear.val_natCast]
    simp only [Felt.natCast_add, Felt.natCast_mul, Felt.natCast_val, pair]
    rfl
  have v₁ := congrArg BabyBear.val e₁
  simp only [BabyBear.val_natCast] at v₁
  rw [hP] at v₁ e₂ l3
  have l2 := a₂.lt
  rw [hP] at l2
  rcases Nat.lt_or_ge a₃.val 1000 with h | h
  · rw [Nat.mod_eq_of_lt (by omega : a₃.val + 128 < 2013265921)] at v₁
    rw [Nat.mod_eq_of_lt (by omega : a₂.val + 256 * a₃.val < 2013265921)] at e₂
    rw [Nat.mod_eq_of_lt (by omega)] at v₁
    omega
  · exfalso
    rw [Nat.mod_eq_of_lt (by omega : (topByte a₃ s 1).val + 256 * s.val < 2013265921)] at v₁
    rcases Nat.lt_or_ge (a₃.val + 128) 2013265921 with hc | hc
    · rw [Nat.mod_eq_of_lt hc] at v₁
      omega
    · have hx : a₂.val + 256 * a₃.val =
          (a₂.val + 256 * a₃.val - 255 * 2013265921) + 2013265921 * 255 := by omega
      rw [hx, Nat.add_mul_mod_self_left, Nat.mod_eq_of_lt (by omega)] at e₂
      omega

/-- An unsigned top byte: `U8(A3)` when the factor is unsigned (SA = 0). -/
theorem top_byte_unsigned {a₃ s : BabyBear} (hs : s = 0) (ht : (topByte a₃ s 0).val < 256) :
    a₃.val < 256 := by
  have : topByte a₃ s 0 = a₃ := by rw [hs]; unfold topByte; grind
  rw [this] at ht; exact ht

end Zkvm.Air.V2.Mul
