module

/-!
# Generic algebra for the field modules

Shared by `Zkvm.Field.BabyBear` and `Zkvm.Field.Extension`:

* `powBySquaring`: exponentiation by square-and-multiply, structurally recursive (with fuel) so
  the kernel evaluates `a ^ e` in `O(log e)` multiplications, proved equal to repeated
  multiplication `npowRec` from the commutative-monoid laws;
* `zpowOfInv`: integer powers from natural powers and an inverse, with the `Lean.Grind.Field`
  law `a ^ (-n) = (a ^ n)⁻¹` proved from `0⁻¹ = 0` and `a ≠ 0 → a * a⁻¹ = 1`;
* lemmas over any `Lean.Grind.Field`: uniqueness of inverses, no zero divisors, powers, and
  the non-square lemma used for the extension field's inverse.
-/

public section

namespace Zkvm.Field

universe u

/-! ## Exponentiation by squaring -/

section Pow

variable {α : Type u} [Mul α] [OfNat α 1]

/-- Repeated multiplication, `a ^ n = ((1 * a) * a) * … * a`: the reference semantics of powers. -/
@[expose] def npowRec : Nat → α → α
  | 0, _ => 1
  | n + 1, a => npowRec n a * a

/-- Square-and-multiply: `powAux fuel b e = b ^ e` whenever `e ≤ fuel`. The fuel makes the
recursion structural (so the kernel can evaluate it); only `log₂ e + 1` steps are taken. -/
@[expose] def powAux : Nat → α → Nat → α
  | 0, _, _ => 1
  | fuel + 1, b, e =>
    if e = 0 then 1
    else if e % 2 = 0 then powAux fuel (b * b) (e / 2)
    else b * powAux fuel (b * b) (e / 2)

/-- `a ^ e` by square-and-multiply. -/
@[expose] def powBySquaring (a : α) (e : Nat) : α := powAux e a e

variable (mul_assoc : ∀ a b c : α, a * b * c = a * (b * c))
  (mul_comm : ∀ a b : α, a * b = b * a) (one_mul : ∀ a : α, 1 * a = a)
include mul_assoc mul_comm one_mul

theorem npowRec_add (a : α) (m : Nat) : ∀ n, npowRec (m + n) a = npowRec m a * npowRec n a
  | 0 => by rw [Nat.add_zero, npowRec, mul_comm, one_mul]
  | n + 1 => by
    rw [← Nat.add_assoc, npowRec, npowRec, npowRec_add a m n, mul_assoc]

theorem npowRec_mul (a b : α) : ∀ n, npowRec n (a * b) = npowRec n a * npowRec n b
  | 0 => by rw [npowRec, npowRec, npowRec, one_mul]
  | n + 1 => by
    rw [npowRec, npowRec, npowRec, npowRec_mul a b n, mul_assoc, mul_assoc,
      ← mul_assoc (npowRec n b), mul_comm (npowRec n b) a, mul_assoc]

theorem powAux_eq : ∀ (fuel : Nat) (b : α) (e : Nat), e ≤ fuel → powAux fuel b e = npowRec e b
  | 0, b, e, h => by rw [Nat.le_zero.mp h]; rfl
  | fuel + 1, b, e, h => by
    have hle : e / 2 ≤ fuel := by omega
    have ih := powAux_eq fuel (b * b) (e / 2) hle
    rw [npowRec_mul mul_assoc mul_comm one_mul, ← npowRec_add mul_assoc mul_comm one_mul] at ih
    simp only [powAux]
    by_cases h0 : e = 0
    · simp only [h0, if_true]; rfl
    · by_cases h2 : e % 2 = 0
      · simp only [h0, h2, if_true, if_false, ih]
        congr 1; omega
      · simp only [h0, h2, if_false, ih]
        have he : e = e / 2 + e / 2 + 1 := by omega
        conv => rhs; rw [he]
        rw [npowRec, mul_comm]

/-- Square-and-multiply computes the same power as repeated multiplication. -/
theorem powBySquaring_eq (a : α) (e : Nat) : powBySquaring a e = npowRec e a :=
  powAux_eq mul_assoc mul_comm one_mul e a e (Nat.le_refl e)

end Pow

/-! ## Fields from an inverse -/

section FieldOfInv

variable {α : Type u} [Lean.Grind.CommRing α] [Inv α]

open Lean.Grind in
/-- In a commutative ring whose inverse satisfies the field laws, `a⁻¹⁻¹ = a`. -/
theorem inv_inv_of (zero_ne_one : (0 : α) ≠ 1) (inv_zero : (0 : α)⁻¹ = 0)
    (mul_inv_cancel : ∀ {a : α}, a ≠ 0 → a * a⁻¹ = 1) (a : α) : a⁻¹⁻¹ = a := by
  by_cases h : a = 0
  · rw [h, inv_zero, inv_zero]
  · have h1 := mul_inv_cancel h
    have h2 : a⁻¹ ≠ 0 := by
      intro h0; rw [h0, Semiring.mul_zero] at h1; exact zero_ne_one h1
    have h3 := mul_inv_cancel h2
    calc a⁻¹⁻¹ = 1 * a⁻¹⁻¹ := (Semiring.one_mul _).symm
      _ = a * a⁻¹ * a⁻¹⁻¹ := by rw [h1]
      _ = a * (a⁻¹ * a⁻¹⁻¹) := Semiring.mul_assoc _ _ _
      _ = a := by rw [h3, Semiring.mul_one]

/-- Integer powers from natural powers and the inverse: `a ^ (-n) = (a ^ n)⁻¹`. -/
@[expose] def zpowOfInv (a : α) : Int → α
  | .ofNat n => a ^ n
  | .negSucc n => (a ^ (n + 1))⁻¹

open Lean.Grind in
theorem zpowOfInv_neg (zero_ne_one : (0 : α) ≠ 1) (inv_zero : (0 : α)⁻¹ = 0)
    (mul_inv_cancel : ∀ {a : α}, a ≠ 0 → a * a⁻¹ = 1) (a : α) :
    ∀ n : Int, zpowOfInv a (-n) = (zpowOfInv a n)⁻¹
  | .ofNat 0 => by
    change a ^ (0 : Nat) = (a ^ (0 : Nat))⁻¹
    rw [Semiring.pow_zero]
    have h := mul_inv_cancel (Ne.symm zero_ne_one)
    rw [Semiring.one_mul] at h
    exact h.symm
  | .ofNat (n + 1) => rfl
  | .negSucc n => by
    change a ^ (n + 1) = (a ^ (n + 1))⁻¹⁻¹
    rw [inv_inv_of zero_ne_one inv_zero mul_inv_cancel]

end FieldOfInv

/-! ## Lemmas over any field -/

section FieldLemmas

open Lean.Grind

variable {α : Type u} [Field α]

/-- Inverses are unique: any `b` with `a * b = 1` is `a⁻¹`. -/
theorem eq_inv_of_mul_eq_one {a b : α} (h : a * b = 1) : b = a⁻¹ := by
  have ha : a ≠ 0 := by
    intro h0; rw [h0, Semiring.zero_mul] at h; exact Field.zero_ne_one h
  have h1 := Field.mul_inv_cancel ha
  calc b = b * (a * a⁻¹) := by rw [h1, Semiring.mul_one]
    _ = a * b * a⁻¹ := by rw [← Semiring.mul_assoc, CommSemiring.mul_comm b a]
    _ = a⁻¹ := by rw [h, Semiring.one_mul]

/-- A field has no zero divisors. -/
theorem eq_zero_or_eq_zero_of_mul_eq_zero {a b : α} (h : a * b = 0) : a = 0 ∨ b = 0 := by
  by_cases ha : a = 0
  · exact .inl ha
  · refine .inr ?_
    have h1 := Field.mul_inv_cancel ha
    calc b = a * a⁻¹ * b := by rw [h1, Semiring.one_mul]
      _ = a⁻¹ * (a * b) := by
        rw [CommSemiring.mul_comm a, Semiring.mul_assoc]
      _ = 0 := by rw [h, Semiring.mul_zero]

theorem eq_zero_of_mul_self_eq_zero {a : α} (h : a * a = 0) : a = 0 :=
  (eq_zero_or_eq_zero_of_mul_eq_zero h).elim id id

/-- If `c` is not a square, `x² = c·y²` forces `x = y = 0` (else `c = (x/y)²`). This is what
makes the norm of a nonzero element of a binomial extension nonzero. -/
theorem eq_zero_of_mul_self_eq_mul_mul_self {c x y : α} (hc : ∀ t : α, t * t ≠ c)
    (h : x * x = c * (y * y)) : x = 0 ∧ y = 0 := by
  have hy : y = 0 := by
    apply Classical.byContradiction
    intro hy
    have h1 := Field.mul_inv_cancel hy
    apply hc (x * y⁻¹)
    calc x * y⁻¹ * (x * y⁻¹) = (x * x) * (y⁻¹ * y⁻¹) := by grind
      _ = c * ((y * y⁻¹) * (y * y⁻¹)) := by rw [h]; grind
      _ = c := by rw [h1, Semiring.mul_one, Semiring.mul_one]
  refine ⟨?_, hy⟩
  rw [hy, Semiring.mul_zero, Semiring.mul_zero] at h
  exact eq_zero_of_mul_self_eq_zero h

end FieldLemmas

/-! ## Powers in a commutative semiring -/

section PowLemmas

open Lean.Grind

variable {α : Type u} [CommSemiring α]

theorem pow_mul (a : α) (m : Nat) : ∀ n, a ^ (m * n) = (a ^ m) ^ n
  | 0 => by rw [Nat.mul_zero, Semiring.pow_zero, Semiring.pow_zero]
  | n + 1 => by rw [Nat.mul_succ, Semiring.pow_add, pow_mul a m n, Semiring.pow_succ]

theorem mul_pow (a b : α) : ∀ n : Nat, (a * b) ^ n = a ^ n * b ^ n
  | 0 => by rw [Semiring.pow_zero, Semiring.pow_zero, Semiring.pow_zero, Semiring.mul_one]
  | n + 1 => by
    rw [Semiring.pow_succ, Semiring.pow_succ, Semiring.pow_succ, mul_pow a b n]
    grind

theorem one_pow : ∀ n : Nat, (1 : α) ^ n = 1
  | 0 => Semiring.pow_zero _
  | n + 1 => by rw [Semiring.pow_succ, one_pow n, Semiring.mul_one]

end PowLemmas

end Zkvm.Field
