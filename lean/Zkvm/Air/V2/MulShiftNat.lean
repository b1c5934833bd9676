module

/-!
# The MUL table: the right shifts as products, over ℕ

`srl_nat`: a logical right shift by `0 < s < 32` is the high word of `a · 2^(32 − s)`;
`sra_nat`: for a negative a (as a number `a < 2^32`), the high word of
`(a + 2^64 − 2^32) · 2^(32 − s) mod 2^64` is the arithmetic shift, checked by `omega` for each
of the 31 amounts.
-/

@[expose] public section

namespace Zkvm.Air.V2.Mul

/-- `(a + 2^64 − 2^32) · 2^(32−s) mod 2^64`, high word, for a negative a and 0 < s < 32: the
arithmetic shift. Checked for each s. -/
theorem sra_nat {a s : Nat} (ha : a < 2 ^ 32) (hs : 0 < s) (hs' : s < 32) :
    ((a + (2 ^ 64 - 2 ^ 32)) * 2 ^ (32 - s) % 2 ^ 64) / 2 ^ 32 =
      2 ^ 32 - 1 - (2 ^ 32 - 1 - a) / 2 ^ s := by
  rcases (by omega : s = 1 ∨ s = 2 ∨ s = 3 ∨ s = 4 ∨ s = 5 ∨ s = 6 ∨ s = 7 ∨ s = 8 ∨ s = 9 ∨
    s = 10 ∨ s = 11 ∨ s = 12 ∨ s = 13 ∨ s = 14 ∨ s = 15 ∨ s = 16 ∨ s = 17 ∨ s = 18 ∨ s = 19 ∨
    s = 20 ∨ s = 21 ∨ s = 22 ∨ s = 23 ∨ s = 24 ∨ s = 25 ∨ s = 26 ∨ s = 27 ∨ s = 28 ∨ s = 29 ∨
    s = 30 ∨ s = 31) with
    rfl | rfl | rfl | rfl | rfl | rfl | rfl | rfl | rfl | rfl | rfl | rfl | rfl | rfl | rfl |
    rfl | rfl | rfl | rfl | rfl | rfl | rfl | rfl | rfl | rfl | rfl | rfl | rfl | rfl | rfl | rfl <;>
    simp only [Nat.reducePow, Nat.reduceSub] at ha ⊢ <;> omega

/-- A logical right shift by `0 < s < 32` is the high word of `a · 2^(32 − s)`. -/
theorem srl_nat {a s : Nat} (ha : a < 2 ^ 32) (hs' : s < 32) :
    (a * 2 ^ (32 - s) % 2 ^ 64) / 2 ^ 32 = a / 2 ^ s := by
  have he : 2 ^ 32 = 2 ^ s * 2 ^ (32 - s) := by rw [← Nat.pow_add]; congr 1; omega
  have hlt : a * 2 ^ (32 - s) < 2 ^ 64 := by
    have : 2 ^ (32 - s) ≤ 2 ^ 32 := Nat.pow_le_pow_right (by decide) (by omega)
    have := Nat.mul_lt_mul_of_lt_of_le ha this (by decide)
    simpa using this
  rw [Nat.mod_eq_of_lt hlt, he, Nat.mul_div_mul_right _ _ (Nat.two_pow_pos _)]

end Zkvm.Air.V2.Mul
