module

public import Zkvm.Field.BabyBear

/-!
# Two-adic roots of unity in BabyBear

`P - 1 = 15 · 2^27`, so `BabyBear` has a primitive `2^k`-th root of unity for every `k ≤ 27`:
the FFT / FRI evaluation domains. Following Plonky3, the generator of the order-`2^27` subgroup
is `31 ^ 15 = 0x1a427a41` (`31` is Plonky3's multiplicative generator of BabyBear), and the
`2^k`-th root is `rootOfUnity k = twoAdicGenerator ^ 2^(27 - k)`. The two defining powers are
evaluated by the kernel; primitivity (`ω^m ≠ 1` for `0 < m < 2^k`) follows algebraically.
-/

public section

namespace Zkvm.Field.BabyBear

/-- Sanity facts for Plonky3's multiplicative generator `31`: `31 ^ (P - 1) = 1` and
`31 ^ ((P - 1) / q) ≠ 1` for the prime factors `q ∈ {2, 3, 5}` of `P - 1` (by Lucas's theorem,
which is not formalised here, these say that `31` generates the multiplicative group). -/
theorem generator_facts : (31 : BabyBear) ^ (P - 1) = 1 ∧ (31 : BabyBear) ^ ((P - 1) / 2) ≠ 1 ∧
    (31 : BabyBear) ^ ((P - 1) / 3) ≠ 1 ∧ (31 : BabyBear) ^ ((P - 1) / 5) ≠ 1 := by
  decide +kernel

/-- Generator of the order-`2^27` subgroup: `31 ^ 15` (Plonky3's `TWO_ADIC_GENERATOR`). -/
@[expose] def twoAdicGenerator : BabyBear := 31 ^ 15

theorem twoAdicGenerator_val : twoAdicGenerator.val = 0x1a427a41 := by decide +kernel

theorem twoAdicGenerator_pow_two_pow_27 : twoAdicGenerator ^ 2 ^ 27 = 1 := by decide +kernel

theorem twoAdicGenerator_pow_two_pow_26 : twoAdicGenerator ^ 2 ^ 26 = -1 := by decide +kernel

/-- The `2^k`-th root of unity generating the size-`2^k` FFT domain (`k ≤ 27`), as Plonky3's
`two_adic_generator(k)`. -/
@[expose] def rootOfUnity (k : Nat) : BabyBear := twoAdicGenerator ^ 2 ^ (27 - k)

theorem rootOfUnity_pow_two_pow {k : Nat} (hk : k ≤ 27) : rootOfUnity k ^ 2 ^ k = 1 := by
  rw [rootOfUnity, ← pow_mul, ← Nat.pow_add, Nat.sub_add_cancel hk]
  exact twoAdicGenerator_pow_two_pow_27

theorem rootOfUnity_pow_two_pow_pred {k : Nat} (hk1 : 1 ≤ k) (hk : k ≤ 27) :
    rootOfUnity k ^ 2 ^ (k - 1) = -1 := by
  rw [rootOfUnity, ← pow_mul, ← Nat.pow_add, show 27 - k + (k - 1) = 26 by omega]
  exact twoAdicGenerator_pow_two_pow_26

/-- Every positive `m` is `2^j · o` with `o` odd. -/
theorem exists_two_pow_mul_odd : ∀ m : Nat, 0 < m → ∃ j o, m = 2 ^ j * o ∧ o % 2 = 1
  | m, hm => by
    by_cases h : m % 2 = 1
    · exact ⟨0, m, by rw [Nat.pow_zero, Nat.one_mul], h⟩
    · have hlt : m / 2 < m := by omega
      obtain ⟨j, o, hj, ho⟩ := exists_two_pow_mul_odd (m / 2) (by omega)
      refine ⟨j + 1, o, ?_, ho⟩
      rw [Nat.pow_succ, Nat.mul_comm (2 ^ j) 2, Nat.mul_assoc, ← hj]
      omega

theorem neg_one_pow_of_odd {o : Nat} (ho : o % 2 = 1) : (-1 : BabyBear) ^ o = -1 := by
  have h : o = 2 * (o / 2) + 1 := by omega
  rw [h, Lean.Grind.Semiring.pow_succ, pow_mul, show (-1 : BabyBear) ^ 2 = 1 by decide,
    one_pow, BabyBear.one_mul]

/-- `rootOfUnity k` is a *primitive* `2^k`-th root of unity: its powers `ω^m`, `0 < m < 2^k`,
are all different from `1` (so the FFT domain `{ω^i | i < 2^k}` has `2^k` distinct points). -/
theorem rootOfUnity_pow_ne_one {k m : Nat} (hk : k ≤ 27) (hm0 : 0 < m) (hm : m < 2 ^ k) :
    rootOfUnity k ^ m ≠ 1 := by
  intro h
  obtain ⟨j, o, rfl, ho⟩ := exists_two_pow_mul_odd m hm0
  have hjk : j < k := by
    apply Nat.lt_of_not_le
    intro hkj
    have h1 : 2 ^ k ≤ 2 ^ j := Nat.pow_le_pow_right (by decide) hkj
    have h2 : 2 ^ j * 1 ≤ 2 ^ j * o := Nat.mul_le_mul_left _ (by omega)
    omega
  -- `ω^(2^(k-1) · o) = (ω^(2^j · o))^(2^(k-1-j)) = 1`, but it is `(-1)^o = -1`.
  have h1 : rootOfUnity k ^ (2 ^ (k - 1) * o) = 1 := by
    have e : 2 ^ (k - 1) * o = 2 ^ j * o * 2 ^ (k - 1 - j) := by
      rw [Nat.mul_right_comm, ← Nat.pow_add, show j + (k - 1 - j) = k - 1 by omega]
    rw [e, pow_mul, h, one_pow]
  rw [pow_mul, rootOfUnity_pow_two_pow_pred (by omega) hk, neg_one_pow_of_odd ho] at h1
  exact absurd h1 (by decide)

end Zkvm.Field.BabyBear
