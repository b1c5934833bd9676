module

public import Zkvm.Field.BabyBear

/-!
# From constraints over BabyBear to facts about numbers

A constraint is an equation between field elements; what the semantics needs is an equation
between natural numbers (limbs, carries, bits) that `omega` can use. Two tools:

* **booleanity**: `b * (b - 1) = 0` forces `b = 0 ∨ b = 1`, in any field
  (`eq_zero_or_one_of_mul_sub_one`), and for BabyBear `b.val ≤ 1` (`val_le_one_of_bool`);
* **lifting**: an equation `(m : BabyBear) = (n : BabyBear)` between casts of natural numbers
  below `p` is the equation `m = n` (`natCast_inj_of_lt`), and between integers at distance
  below `p` it is `x = y` (`intCast_inj_of_lt`). To use it on a constraint such as
  `a + b = r + 65536 * c`, state the natural-number equation you want, check both sides are
  below `p` (`omega`, from the range facts), and prove the cast equation by moving casts
  inwards (`natCast_add`, `natCast_mul`, `natCast_val`, `natCast_ofNat`; the tactic
  `push_natCast` does it) and then using the constraint. `lift_add_example` shows the pattern.
-/

@[expose] public section

namespace Zkvm.Air

open Zkvm.Field

/-! ## Booleanity, in any field -/

section Generic

variable {F : Type} [Lean.Grind.Field F]

/-- In a field, `b * (b - 1) = 0` only for `b = 0` and `b = 1`. -/
theorem eq_zero_or_one_of_mul_sub_one {b : F} (h : b * (b - 1) = 0) : b = 0 ∨ b = 1 := by
  rcases eq_zero_or_eq_zero_of_mul_eq_zero h with h0 | h1
  · exact Or.inl h0
  · right
    have : b = b - 1 + 1 := by grind
    rw [this, h1]
    grind

/-- The converse: `0` and `1` satisfy the booleanity constraint. -/
theorem mul_sub_one_eq_zero_of_bool {b : F} (h : b = 0 ∨ b = 1) : b * (b - 1) = 0 := by
  rcases h with rfl | rfl <;> grind

/-- `a - b = 0` is `a = b` (constraints are written as polynomials that vanish). -/
theorem eq_of_sub_eq_zero {a b : F} (h : a - b = 0) : a = b := by
  have : a = a - b + b := by grind
  rw [this, h]
  grind

end Generic

/-! ## BabyBear: casts and lifting -/

namespace Felt

theorem natCast_val (a : BabyBear) : ((a.val : Nat) : BabyBear) = a := BabyBear.ofNat_val a

theorem natCast_add (m n : Nat) : ((m + n : Nat) : BabyBear) = (m : BabyBear) + (n : BabyBear) := by
  ext; simp only [BabyBear.val_natCast, BabyBear.val_add]; exact Nat.add_mod m n P

theorem natCast_mul (m n : Nat) : ((m * n : Nat) : BabyBear) = (m : BabyBear) * (n : BabyBear) := by
  ext; simp only [BabyBear.val_natCast, BabyBear.val_mul]; exact Nat.mul_mod m n P

theorem natCast_ofNat (n : Nat) :
    ((no_index (OfNat.ofNat n) : Nat) : BabyBear) = (no_index (OfNat.ofNat n) : BabyBear) := rfl

theorem natCast_zero : ((0 : Nat) : BabyBear) = 0 := rfl

theorem natCast_one : ((1 : Nat) : BabyBear) = 1 := rfl

/-- **Lifting**: casts of numbers below `p` are equal only if the numbers are. -/
theorem natCast_inj_of_lt {m n : Nat} (hm : m < P) (hn : n < P)
    (h : (m : BabyBear) = (n : BabyBear)) : m = n := by
  have := congrArg BabyBear.val h
  simp only [BabyBear.val_natCast] at this
  rwa [Nat.mod_eq_of_lt hm, Nat.mod_eq_of_lt hn] at this

/-- Lifting for integers: casts of integers less than `p` apart are equal only if the integers
are. -/
theorem intCast_inj_of_lt {x y : Int} (hxy : x - y < P) (hyx : y - x < P)
    (h : (x : BabyBear) = (y : BabyBear)) : x = y := by
  have h0 : ((x - y : Int) : BabyBear) = 0 := by
    rw [Lean.Grind.Ring.intCast_sub, h]
    grind
  have hmod := (Lean.Grind.IsCharP.intCast_eq_zero_iff (α := BabyBear) P (x - y)).mp h0
  rw [P_eq] at hmod hxy hyx
  omega

/-- A boolean field element is 0 or 1 as a number. -/
theorem val_le_one_of_bool {b : BabyBear} (h : b * (b - 1) = 0) : b.val ≤ 1 := by
  rcases eq_zero_or_one_of_mul_sub_one h with rfl | rfl <;> decide

/-- A boolean field element is the cast of its value, 0 or 1. -/
theorem val_eq_zero_or_one_of_bool {b : BabyBear} (h : b * (b - 1) = 0) :
    b.val = 0 ∨ b.val = 1 := by
  have := val_le_one_of_bool h
  omega

end Felt

set_option compiler.extract_closed false in
/-- Move casts of natural-number sums, products and numerals inwards, and casts of values out:
turns `((a.val + 65536 * c.val : Nat) : BabyBear)` into `a + 65536 * c`. -/
macro "push_natCast" : tactic =>
  `(tactic| simp only [Zkvm.Air.Felt.natCast_add, Zkvm.Air.Felt.natCast_mul,
    Zkvm.Air.Felt.natCast_ofNat, Zkvm.Air.Felt.natCast_zero, Zkvm.Air.Felt.natCast_one,
    Zkvm.Air.Felt.natCast_val])

/-- The pattern for lifting a constraint: an addition constraint on 16-bit limbs with a
carry that is 0 or 1, read as an equation between numbers. -/
theorem lift_add_example {a b r c : BabyBear} (ha : a.val < 2 ^ 16) (hb : b.val < 2 ^ 16)
    (hr : r.val < 2 ^ 16) (hc : c * (c - 1) = 0) (h : a + b - r - 65536 * c = 0) :
    a.val + b.val = r.val + 65536 * c.val := by
  have hc1 := Felt.val_le_one_of_bool hc
  have hP : P = 2013265921 := P_eq
  refine Felt.natCast_inj_of_lt (by omega) (by omega) ?_
  push_natCast
  have := eq_of_sub_eq_zero h
  grind

end Zkvm.Air
