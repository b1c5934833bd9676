module

/-!
# The BabyBear modulus

`p = 15 · 2^27 + 1`, the prime of the BabyBear field. These are the size facts the Rust
verifier's `u32`/`u64` arithmetic relies on: reduced elements fit in 31 bits, the sum of two
fits in a `u32`, the product of two fits in a `u64`, and `p - 1` has a factor `2^27`, so the
multiplicative group has subgroups of every order `2^k`, `k ≤ 27`, for FFT domains.
-/

public section

namespace Zkvm.Field

/-- The BabyBear prime. -/
@[expose] def P : Nat := 15 * 2 ^ 27 + 1

theorem P_eq : P = 2013265921 := by decide

theorem P_lt_two_pow_31 : P < 2 ^ 31 := by decide

/-- Adding two reduced elements never overflows a `u32`. -/
theorem add_lt_two_pow_32 {a b : Nat} (ha : a < P) (hb : b < P) : a + b < 2 ^ 32 := by
  have : P < 2 ^ 31 := P_lt_two_pow_31
  omega

/-- Multiplying two reduced elements never overflows a `u64`. -/
theorem mul_lt_two_pow_64 {a b : Nat} (ha : a < P) (hb : b < P) : a * b < 2 ^ 64 := by
  have hP : P < 2 ^ 31 := P_lt_two_pow_31
  have h1 : a * b ≤ a * P := Nat.mul_le_mul_left a (Nat.le_of_lt hb)
  have h2 : a * P < P * P := Nat.mul_lt_mul_of_pos_right ha (by decide)
  have h3 : P * P < 2 ^ 31 * 2 ^ 31 := Nat.mul_lt_mul'' hP hP
  have h4 : (2 : Nat) ^ 31 * 2 ^ 31 < 2 ^ 64 := by decide
  omega

/-- The two-adicity of the multiplicative group: `2^27` divides `p - 1`. -/
theorem two_pow_27_dvd_P_sub_one : 2 ^ 27 ∣ P - 1 := ⟨15, by decide⟩

/-- And no higher power of two does (`(p - 1) / 2^27 = 15` is odd). -/
theorem not_two_pow_28_dvd_P_sub_one : ¬ 2 ^ 28 ∣ P - 1 := by
  intro ⟨k, hk⟩
  have : P - 1 = 15 * 2 ^ 27 := by decide
  omega

end Zkvm.Field
