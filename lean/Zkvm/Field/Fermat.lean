module

public import Zkvm.Field.Prime

/-!
# Fermat's little theorem

For a prime `p` and `p ∤ x`, `x ^ (p - 1) % p = 1`. Proved on core Lean from the binomial
theorem: `p` divides the binomial coefficients `C(p, k)` for `0 < k < p` (Euclid's lemma), so
`(x + 1) ^ p ≡ x ^ p + 1 (mod p)`, whence `x ^ p ≡ x` by induction on `x`, and cancelling one
factor `x` (Euclid again) gives the theorem. This is what makes the inverse `a ^ (p - 2)`
correct in `Zkvm.Field.BabyBear`.
-/

public section

namespace Zkvm.Field.Fermat

/-- Binomial coefficients by Pascal's rule. -/
@[expose] def choose : Nat → Nat → Nat
  | _, 0 => 1
  | 0, _ + 1 => 0
  | n + 1, k + 1 => choose n k + choose n (k + 1)

theorem choose_zero_right (n : Nat) : choose n 0 = 1 := by cases n <;> rfl

theorem choose_succ_succ (n k : Nat) : choose (n + 1) (k + 1) = choose n k + choose n (k + 1) :=
  rfl

theorem choose_eq_zero_of_lt : ∀ {n k : Nat}, n < k → choose n k = 0
  | 0, _ + 1, _ => rfl
  | n + 1, k + 1, h => by
    rw [choose_succ_succ, choose_eq_zero_of_lt (by omega), choose_eq_zero_of_lt (by omega)]

theorem choose_self : ∀ n : Nat, choose n n = 1
  | 0 => rfl
  | n + 1 => by rw [choose_succ_succ, choose_self n, choose_eq_zero_of_lt (Nat.lt_succ_self n)]

theorem choose_one_right : ∀ n : Nat, choose n 1 = n
  | 0 => rfl
  | n + 1 => by rw [choose_succ_succ, choose_zero_right, choose_one_right n]; omega

/-- `(n + 1) · C(n, k) = C(n + 1, k + 1) · (k + 1)`. -/
theorem succ_mul_choose_eq : ∀ n k : Nat, (n + 1) * choose n k = choose (n + 1) (k + 1) * (k + 1)
  | 0, 0 => rfl
  | 0, k + 1 => by simp [choose]
  | n + 1, 0 => by
    rw [choose_zero_right, choose_succ_succ, choose_zero_right, choose_one_right]; omega
  | n + 1, k + 1 => by
    have ih1 := succ_mul_choose_eq n k
    have ih2 := succ_mul_choose_eq n (k + 1)
    rw [choose_succ_succ (n + 1) (k + 1), choose_succ_succ n k] at *
    grind

/-- `p` divides `C(p, k)` for `0 < k < p`. -/
theorem prime_dvd_choose {p k : Nat} (hp : IsPrime p) (hk0 : 0 < k) (hkp : k < p) :
    p ∣ choose p k := by
  have h := succ_mul_choose_eq (p - 1) (k - 1)
  rw [Nat.sub_add_cancel hp.pos, Nat.sub_add_cancel hk0] at h
  have hdvd : p ∣ choose p k * k := ⟨_, h.symm⟩
  rcases hp.dvd_mul hdvd with h1 | h1
  · exact h1
  · exact absurd h1 (IsPrime.not_dvd_of_pos_of_lt hk0 hkp)

/-- `∑_{k < n} f k`. -/
@[expose] def sumBelow (f : Nat → Nat) : Nat → Nat
  | 0 => 0
  | n + 1 => sumBelow f n + f n

theorem sumBelow_succ' (f : Nat → Nat) :
    ∀ n, sumBelow f (n + 1) = f 0 + sumBelow (fun k => f (k + 1)) n
  | 0 => by simp [sumBelow]
  | n + 1 => by
    rw [sumBelow, sumBelow_succ' f n, sumBelow]; omega

theorem sumBelow_add (f g : Nat → Nat) :
    ∀ n, sumBelow (fun k => f k + g k) n = sumBelow f n + sumBelow g n
  | 0 => rfl
  | n + 1 => by simp only [sumBelow, sumBelow_add f g n]; omega

theorem sumBelow_mul_right (f : Nat → Nat) (c : Nat) :
    ∀ n, sumBelow f n * c = sumBelow (fun k => f k * c) n
  | 0 => by simp [sumBelow]
  | n + 1 => by simp only [sumBelow, Nat.add_mul, sumBelow_mul_right f c n]

theorem dvd_sumBelow {d : Nat} (f : Nat → Nat) :
    ∀ n, (∀ k, k < n → d ∣ f k) → d ∣ sumBelow f n
  | 0, _ => Nat.dvd_zero d
  | n + 1, h => Nat.dvd_add (dvd_sumBelow f n fun k hk => h k (by omega)) (h n (by omega))

/-- The binomial theorem, in the form needed: `(x + 1)^n = ∑_{k ≤ n} C(n, k) x^k`. -/
theorem add_one_pow (x : Nat) :
    ∀ n, (x + 1) ^ n = sumBelow (fun k => choose n k * x ^ k) (n + 1)
  | 0 => by simp [sumBelow, choose]
  | n + 1 => by
    -- `S = ∑_{k ≤ n} C(n, k) x^k`; then `(x + 1)^(n+1) = S·x + S`.
    have hS := add_one_pow x n
    rw [Nat.pow_succ, hS, Nat.mul_add, Nat.mul_one, sumBelow_mul_right]
    -- `∑_{k ≤ n+1} C(n+1, k) x^k = 1 + ∑_{k ≤ n} (C(n,k) + C(n,k+1)) x^(k+1)`.
    rw [sumBelow_succ' (fun k => choose (n + 1) k * x ^ k) (n + 1), choose_zero_right,
      Nat.pow_zero]
    simp only [choose_succ_succ, Nat.add_mul]
    rw [sumBelow_add]
    -- `S = 1 + ∑_{k < n} C(n,k+1) x^(k+1)`, and the `k = n` term of the second sum is `0`.
    have hS' : sumBelow (fun k => choose n k * x ^ k) (n + 1)
        = 1 + sumBelow (fun k => choose n (k + 1) * x ^ (k + 1)) (n + 1) := by
      rw [sumBelow_succ' _ n, choose_zero_right, Nat.pow_zero, Nat.mul_one]
      show 1 + sumBelow (fun k => choose n (k + 1) * x ^ (k + 1)) n
        = 1 + (sumBelow (fun k => choose n (k + 1) * x ^ (k + 1)) n
          + choose n (n + 1) * x ^ (n + 1))
      rw [choose_eq_zero_of_lt (Nat.lt_succ_self n), Nat.zero_mul, Nat.add_zero]
    have hmul : sumBelow (fun k => choose n k * x ^ k * x) (n + 1)
        = sumBelow (fun k => choose n k * x ^ (k + 1)) (n + 1) := by
      congr 1; funext k; rw [Nat.pow_succ, Nat.mul_assoc]
    rw [hS', hmul]
    omega

/-- The "freshman's dream" mod a prime: `(x + 1)^p ≡ x^p + 1`. -/
theorem add_one_pow_prime_mod {p : Nat} (hp : IsPrime p) (x : Nat) :
    (x + 1) ^ p % p = (x ^ p + 1) % p := by
  obtain ⟨m, rfl⟩ : ∃ m, p = m + 1 := ⟨p - 1, by have := hp.two_le; omega⟩
  rw [add_one_pow, sumBelow_succ', sumBelow, choose_zero_right, choose_self, Nat.pow_zero]
  have hmid : m + 1 ∣ sumBelow (fun k => choose (m + 1) (k + 1) * x ^ (k + 1)) m :=
    dvd_sumBelow _ m fun k hk =>
      Nat.dvd_mul_right_of_dvd (prime_dvd_choose hp (by omega) (by omega)) _
  obtain ⟨t, ht⟩ := hmid
  rw [ht]
  have : 1 * 1 + ((m + 1) * t + 1 * x ^ (m + 1)) = x ^ (m + 1) + 1 + t * (m + 1) := by
    rw [Nat.mul_comm (m + 1) t]; omega
  rw [this, Nat.add_mul_mod_self_right]

/-- `x ^ p ≡ x (mod p)` for every `x`. -/
theorem pow_prime_mod {p : Nat} (hp : IsPrime p) : ∀ x : Nat, x ^ p % p = x % p
  | 0 => by rw [Nat.zero_pow hp.pos]
  | x + 1 => by
    rw [add_one_pow_prime_mod hp, Nat.add_mod, pow_prime_mod hp x, ← Nat.add_mod]

/-- **Fermat's little theorem**: `x ^ (p - 1) ≡ 1 (mod p)` when the prime `p` does not divide
`x`. -/
theorem pow_sub_one_mod {p x : Nat} (hp : IsPrime p) (hx : ¬ p ∣ x) : x ^ (p - 1) % p = 1 := by
  have hx0 : 0 < x := Nat.pos_of_ne_zero (by rintro rfl; exact hx (Nat.dvd_zero p))
  have hpos : 0 < x ^ (p - 1) := Nat.pow_pos hx0
  have hsplit : x ^ p = x * x ^ (p - 1) := by
    have hp1 : p = (p - 1) + 1 := by have := hp.two_le; omega
    conv => lhs; rw [hp1]
    exact Nat.pow_succ'
  -- `p ∣ x^p - x = x · (x^(p-1) - 1)`, and `p ∤ x`.
  have h1 : p ∣ x * (x ^ (p - 1) - 1) := by
    rw [Nat.mul_sub_one, ← hsplit]
    exact Nat.dvd_of_mod_eq_zero (Nat.sub_mod_eq_zero_of_mod_eq (pow_prime_mod hp x))
  rcases hp.dvd_mul h1 with h2 | h2
  · exact absurd h2 hx
  · have h3 := Nat.mod_eq_zero_of_dvd h2
    have h4 : x ^ (p - 1) = (x ^ (p - 1) - 1) + 1 := by omega
    rw [h4, Nat.add_mod, h3, Nat.zero_add, Nat.mod_mod, Nat.mod_eq_of_lt hp.two_le]

end Zkvm.Field.Fermat
