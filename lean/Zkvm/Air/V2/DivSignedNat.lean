module

/-!
# The DIV table: the signed identity is exact

`exact_of_mod`: for numbers q, y, r, a below `2^32` and bits sq, sy, sr, sa, with sy the top
bit of y, the identity `q̃·ỹ + r̃ ≡ ã (mod 2^64)` on the 64-bit extensions
(`v + s (2^64 − 2^32)`) is the exact integer identity `a' = q'·y' + r'` for
`v' = v − 2^32 s`: `|q'| ≤ 2^32` and `|y'| ≤ 2^31` keep `|q'·y' + r' − a'|` below `2^64`. The
product `q·y` is one atom for `omega`, bounded by the facts `mul_facts` gives.
-/

@[expose] public section

namespace Zkvm.Air.V2.Div

/-- The bounds of `q·y` that the exactness needs, as facts linear in the atom `q·y`. -/
theorem mul_facts {q y sy : Nat} (hq : q < 2 ^ 32) (hy : y < 2 ^ 32)
    (hy0 : sy = 0 → y < 2 ^ 31) (hy1 : sy = 1 → 2 ^ 31 ≤ y) :
    q * y ≤ q * 2 ^ 32 ∧ 2 ^ 32 * q + 2 ^ 32 * y ≤ q * y + 2 ^ 64 ∧
      (sy = 0 → q * y ≤ q * 2 ^ 31) ∧ (sy = 1 → q * 2 ^ 31 ≤ q * y) := by
  refine ⟨Nat.mul_le_mul_left _ (by omega), ?_, fun h => Nat.mul_le_mul_left _ (by
    have := hy0 h; omega), fun h => Nat.mul_le_mul_left _ (hy1 h)⟩
  have h1 : (0 : Int) ≤ (2 ^ 32 - (q : Int)) * (2 ^ 32 - (y : Int)) :=
    Int.mul_nonneg (by omega) (by omega)
  have h2 : (2 ^ 32 - (q : Int)) * (2 ^ 32 - (y : Int)) =
      ((q * y : Nat) : Int) + 2 ^ 64 - 2 ^ 32 * (q : Int) - 2 ^ 32 * (y : Int) := by
    rw [Int.natCast_mul]; grind
  omega

/-- **The signed identity is exact.** -/
theorem exact_of_mod {q y r a sq sy sr sa : Nat} (hq : q < 2 ^ 32) (hy : y < 2 ^ 32)
    (hr : r < 2 ^ 32) (ha : a < 2 ^ 32) (hsq : sq ≤ 1) (hsy : sy ≤ 1) (hsr : sr ≤ 1)
    (hsa : sa ≤ 1) (hy0 : sy = 0 → y < 2 ^ 31) (hy1 : sy = 1 → 2 ^ 31 ≤ y)
    (h : ((q + sq * (2 ^ 64 - 2 ^ 32)) * (y + sy * (2 ^ 64 - 2 ^ 32)) +
        (r + sr * (2 ^ 64 - 2 ^ 32))) % 2 ^ 64 = (a + sa * (2 ^ 64 - 2 ^ 32)) % 2 ^ 64) :
    (a : Int) - 2 ^ 32 * sa =
      ((q : Int) - 2 ^ 32 * sq) * ((y : Int) - 2 ^ 32 * sy) + ((r : Int) - 2 ^ 32 * sr) := by
  obtain ⟨f1, f2, f3, f4⟩ := mul_facts (sy := sy) hq hy hy0 hy1
  have key : ((q : Int) - 2 ^ 32 * sq) * ((y : Int) - 2 ^ 32 * sy) =
      ((q * y : Nat) : Int) - 2 ^ 32 * sq * (y : Int) - 2 ^ 32 * sy * (q : Int) +
        2 ^ 64 * sq * sy := by
    rw [Int.natCast_mul]; grind
  rw [key]
  have hc : (2 : Nat) ^ 64 - 2 ^ 32 = 18446744069414584320 := by decide
  rw [hc] at h
  rcases (by omega : sq = 0 ∨ sq = 1) with rfl | rfl <;>
    rcases (by omega : sy = 0 ∨ sy = 1) with rfl | rfl
  · have g3 := f3 rfl
    have g0 := hy0 rfl
    simp only [Nat.zero_mul, Nat.add_zero] at h
    generalize q * y = p at *
    omega
  · have g4 := f4 rfl
    have g1 := hy1 rfl
    simp only [Nat.zero_mul, Nat.add_zero, Nat.one_mul, Nat.mul_add] at h
    generalize q * y = p at *
    omega
  · have g3 := f3 rfl
    have g0 := hy0 rfl
    simp only [Nat.zero_mul, Nat.add_zero, Nat.one_mul, Nat.add_mul] at h
    generalize q * y = p at *
    omega
  · have g4 := f4 rfl
    have g1 := hy1 rfl
    simp only [Nat.one_mul, Nat.add_mul, Nat.mul_add] at h
    generalize q * y = p at *
    omega

end Zkvm.Air.V2.Div
