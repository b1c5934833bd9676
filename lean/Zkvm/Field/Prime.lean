module

public import Zkvm.Field.Modulus

/-!
# Primality of the BabyBear modulus

`IsPrime n` is the textbook definition (`2 ≤ n` and the only divisors are `1` and `n`); core Lean
has no `Nat.Prime`. We prove Euclid's lemma for it and then that `P = 15 · 2^27 + 1` is prime by
trial division: the kernel evaluates a Boolean checker `noDivisorIn` over all candidate divisors
below `45000` (and `45000² > P`), in ten chunks of `4500` to keep each kernel evaluation small.
-/

public section

namespace Zkvm.Field

/-- `n` is prime: `n ≥ 2` and its only divisors are `1` and `n`. -/
@[expose] def IsPrime (n : Nat) : Prop := 2 ≤ n ∧ ∀ d, d ∣ n → d = 1 ∨ d = n

namespace IsPrime

theorem two_le {p : Nat} (hp : IsPrime p) : 2 ≤ p := hp.1

theorem pos {p : Nat} (hp : IsPrime p) : 0 < p := Nat.lt_of_lt_of_le (by decide) hp.1

/-- A prime is coprime to every number it does not divide. -/
theorem coprime_of_not_dvd {p a : Nat} (hp : IsPrime p) (h : ¬ p ∣ a) : Nat.Coprime p a := by
  rcases hp.2 (Nat.gcd p a) (Nat.gcd_dvd_left p a) with h1 | h1
  · exact h1
  · exact absurd (h1 ▸ Nat.gcd_dvd_right p a) h

/-- Euclid's lemma: a prime dividing a product divides one of the factors. -/
theorem dvd_mul {p a b : Nat} (hp : IsPrime p) (h : p ∣ a * b) : p ∣ a ∨ p ∣ b := by
  by_cases ha : p ∣ a
  · exact .inl ha
  · exact .inr ((coprime_of_not_dvd hp ha).dvd_of_dvd_mul_left h)

/-- A prime does not divide a positive number smaller than itself. -/
theorem not_dvd_of_pos_of_lt {p a : Nat} (ha : 0 < a) (hap : a < p) : ¬ p ∣ a :=
  fun h => Nat.lt_irrefl a (Nat.lt_of_lt_of_le hap (Nat.le_of_dvd ha h))

end IsPrime

/-- No `d` with `lo ≤ d < hi` divides `n`. -/
@[expose] def NoDivisorBetween (n lo hi : Nat) : Prop := ∀ d, lo ≤ d → d < hi → ¬ d ∣ n

theorem NoDivisorBetween.append {n lo mid hi : Nat} (h1 : NoDivisorBetween n lo mid)
    (h2 : NoDivisorBetween n mid hi) : NoDivisorBetween n lo hi := by
  intro d hlo hhi
  by_cases hd : d < mid
  · exact h1 d hlo hd
  · exact h2 d (Nat.le_of_not_lt hd) hhi

/-- Trial division: if `n ≥ 2` has no divisor `d` with `2 ≤ d < s`, and `n < s * s`, then `n` is
prime (a proper factorisation `n = d * e` would have a factor below `s`). -/
theorem isPrime_of_noDivisorBetween {n s : Nat} (h2 : 2 ≤ n) (hs : n < s * s)
    (h : NoDivisorBetween n 2 s) : IsPrime n := by
  refine ⟨h2, fun d hd => ?_⟩
  obtain ⟨e, rfl⟩ := hd
  by_cases d1 : d = 1
  · exact .inl d1
  refine .inr ?_
  have hd0 : d ≠ 0 := by rintro rfl; simp at h2
  have he0 : e ≠ 0 := by rintro rfl; simp at h2
  by_cases e1 : e = 1
  · simp [e1]
  exfalso
  by_cases hds : d < s
  · exact h d (by omega) hds ⟨e, rfl⟩
  by_cases hes : e < s
  · exact h e (by omega) hes ⟨d, Nat.mul_comm d e⟩
  have : s * s ≤ d * e := Nat.mul_le_mul (by omega) (by omega)
  omega

/-- The checker: `noDivisorIn n lo k` is `true` iff none of `lo, lo + 1, …, lo + k - 1`
divides `n`. Structural recursion on `k`, so the kernel can evaluate it. -/
@[expose] def noDivisorIn (n lo : Nat) : Nat → Bool
  | 0 => true
  | k + 1 => n % lo != 0 && noDivisorIn n (lo + 1) k

theorem noDivisorIn_sound {n lo k : Nat} (h : noDivisorIn n lo k = true) :
    NoDivisorBetween n lo (lo + k) := by
  induction k generalizing lo with
  | zero => intro d h1 h2; omega
  | succ k ih =>
    simp only [noDivisorIn, Bool.and_eq_true, bne_iff_ne, ne_eq] at h
    intro d h1 h2 hd
    by_cases e : d = lo
    · subst e; exact h.1 (Nat.mod_eq_zero_of_dvd hd)
    · exact ih h.2 d (by omega) (by omega) hd

/-! Ten kernel-evaluated chunks covering the candidate divisors `2 ≤ d < 45000`. -/

set_option maxRecDepth 100000 in
theorem P_noDivisor_0 : noDivisorIn P 2 4498 = true := by decide +kernel
set_option maxRecDepth 100000 in
theorem P_noDivisor_1 : noDivisorIn P 4500 4500 = true := by decide +kernel
set_option maxRecDepth 100000 in
theorem P_noDivisor_2 : noDivisorIn P 9000 4500 = true := by decide +kernel
set_option maxRecDepth 100000 in
theorem P_noDivisor_3 : noDivisorIn P 13500 4500 = true := by decide +kernel
set_option maxRecDepth 100000 in
theorem P_noDivisor_4 : noDivisorIn P 18000 4500 = true := by decide +kernel
set_option maxRecDepth 100000 in
theorem P_noDivisor_5 : noDivisorIn P 22500 4500 = true := by decide +kernel
set_option maxRecDepth 100000 in
theorem P_noDivisor_6 : noDivisorIn P 27000 4500 = true := by decide +kernel
set_option maxRecDepth 100000 in
theorem P_noDivisor_7 : noDivisorIn P 31500 4500 = true := by decide +kernel
set_option maxRecDepth 100000 in
theorem P_noDivisor_8 : noDivisorIn P 36000 4500 = true := by decide +kernel
set_option maxRecDepth 100000 in
theorem P_noDivisor_9 : noDivisorIn P 40500 4500 = true := by decide +kernel

/-- The BabyBear modulus `P = 2013265921` is prime. -/
theorem P_prime : IsPrime P := by
  refine isPrime_of_noDivisorBetween (s := 45000) (by decide) (by decide) ?_
  exact (noDivisorIn_sound P_noDivisor_0).append <| (noDivisorIn_sound P_noDivisor_1).append <|
    (noDivisorIn_sound P_noDivisor_2).append <| (noDivisorIn_sound P_noDivisor_3).append <|
    (noDivisorIn_sound P_noDivisor_4).append <| (noDivisorIn_sound P_noDivisor_5).append <|
    (noDivisorIn_sound P_noDivisor_6).append <| (noDivisorIn_sound P_noDivisor_7).append <|
    (noDivisorIn_sound P_noDivisor_8).append (noDivisorIn_sound P_noDivisor_9)

end Zkvm.Field
