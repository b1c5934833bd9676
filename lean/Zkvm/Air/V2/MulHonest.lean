module

public import Zkvm.Air.V2.MulBasic

/-!
# The MUL table: the builder's limbs and carries (`limb_product`)

`limb_product` (rust/prover/src/rv32im2/mul.rs) computes, for m < 4,
`lhs_m = C_{2m} + 256 C_{2m+1} + κ_{m−1}`, the limb `lhs_m mod 2^16` and the carry
`κ_m = lhs_m / 2^16`. Over any two factors of bytes:
* `honest_eq`: the four limb equations hold (over ℕ);
* `honestCarry_le`: every carry is at most 2040 (< 2^11), so their sum is at most 8160
  (`honest_carry_sum`) and `4 Σ κ < 2^16`: the builder's check "carries beyond the table's
  bound" never fails, and the U16 lookup of `4 Σ κ` holds;
* `honest_product`: the four limbs are the product of the factors mod `2^64`.
-/

@[expose] public section

namespace Zkvm.Air.V2.Mul

/-- The carry into limb m: `κ_{m−1}` (0 for m = 0). -/
def honestCarry (x y : Nat → Nat) : Nat → Nat
  | 0 => 0
  | m + 1 => (nconv x y (2 * m) + 256 * nconv x y (2 * m + 1) + honestCarry x y m) / 65536

/-- Limb m: `lhs_m mod 2^16`. -/
def honestLimb (x y : Nat → Nat) (m : Nat) : Nat :=
  (nconv x y (2 * m) + 256 * nconv x y (2 * m + 1) + honestCarry x y m) % 65536

theorem honest_eq (x y : Nat → Nat) (m : Nat) :
    nconv x y (2 * m) + 256 * nconv x y (2 * m + 1) + honestCarry x y m =
      honestLimb x y m + 65536 * honestCarry x y (m + 1) := by
  simp only [honestLimb, honestCarry]
  omega

theorem honestLimb_lt (x y : Nat → Nat) (m : Nat) : honestLimb x y m < 2 ^ 16 := by
  unfold honestLimb; omega

theorem honestCarry_le {x y : Nat → Nat} (hx : ∀ i, x i ≤ 255) (hy : ∀ i, y i ≤ 255) :
    ∀ m, m ≤ 4 → honestCarry x y m ≤ 2040
  | 0, _ => by simp [honestCarry]
  | m + 1, h => by
    have ih := honestCarry_le hx hy m (by omega)
    have c₀ := nconv_le hx hy (k := 2 * m) (by omega)
    have c₁ := nconv_le hx hy (k := 2 * m + 1) (by omega)
    simp only [honestCarry]
    omega

theorem honest_carry_sum {x y : Nat → Nat} (hx : ∀ i, x i ≤ 255) (hy : ∀ i, y i ≤ 255) :
    4 * (honestCarry x y 1 + honestCarry x y 2 + honestCarry x y 3 + honestCarry x y 4) <
      2 ^ 16 := by
  have := honestCarry_le hx hy 1 (by omega)
  have := honestCarry_le hx hy 2 (by omega)
  have := honestCarry_le hx hy 3 (by omega)
  have := honestCarry_le hx hy 4 (by omega)
  omega

/-- The four limbs are the product mod `2^64`. -/
theorem honest_product (x y : Nat → Nat) :
    val8 x * val8 y % 2 ^ 64 = honestLimb x y 0 + 65536 * honestLimb x y 1 +
      2 ^ 32 * (honestLimb x y 2 + 65536 * honestLimb x y 3) := by
  have e₀ := honest_eq x y 0
  have e₁ := honest_eq x y 1
  have e₂ := honest_eq x y 2
  have e₃ := honest_eq x y 3
  have z : honestCarry x y 0 = 0 := rfl
  rw [z, Nat.add_zero] at e₀
  exact product_mod e₀ e₁ e₂ e₃ (honestLimb_lt x y 0) (honestLimb_lt x y 1)
    (honestLimb_lt x y 2) (honestLimb_lt x y 3)

end Zkvm.Air.V2.Mul
