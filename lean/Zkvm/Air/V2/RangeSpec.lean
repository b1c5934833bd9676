module

public import Zkvm.Air.Table
public import Zkvm.Air.Felt

/-!
# The RANGE table of the RV32IM machine, version 2, and what its lookups prove

`rust/verifier/src/air/rv32im/range.rs` has exactly 2^16 rows; column v is the row's index and
m how often v is looked up: the table receives U16(v) m times. Its two constraints (`Groups`,
over any commutative ring, in `eval`'s order as `constraints`, `groups_iff`): v = 0 on the
first row, v' = v + 1 on every transition.

Soundness (`values`): on a trace of any height satisfying the constraints at every row, row i
holds v = i. So the values the table receives are exactly the casts of 0 .. 2^16 − 1
(`mem_values`): a U16 lookup of x, matched by a receive of this table, proves x.val < 2^16
(`lookup_lt`), which is what every table's `Lookups` hypothesis assumes.
-/

@[expose] public section

noncomputable section

namespace Zkvm.Air.V2.Range

open Zkvm.Field Zkvm.Air.Table

/-! ## Columns, as in range.rs -/

namespace Col
def v : Nat := 0
def m : Nat := 1
def width : Nat := 2
end Col

open Col

section Ring

variable {F : Type} [Lean.Grind.CommRing F]

/-- **The RANGE table's constraints.** -/
structure Groups (w : Window F) : Prop where
  /-- v = 0 on the first row [0]. -/
  first : w.isFirst * w.cur v = 0
  /-- v' = v + 1 on transitions [1]. -/
  step : w.isTransition * (w.next v - w.cur v - 1) = 0

/-- The constraint values, in `eval`'s order. -/
def constraints (w : Window F) : List F :=
  [w.isFirst * w.cur v, w.isTransition * (w.next v - w.cur v - 1)]

theorem groups_iff (w : Window F) : Groups w ↔ ∀ e ∈ constraints w, e = 0 := by
  constructor
  · intro h e he
    simp only [constraints, List.mem_cons, List.not_mem_nil, or_false] at he
    rcases he with rfl | rfl
    · exact h.first
    · exact h.step
  · intro h
    exact ⟨h _ (by simp [constraints]), h _ (by simp [constraints])⟩

end Ring

/-! ## Soundness, over BabyBear -/

/-- **The values**: on a trace whose every window satisfies the constraints, row i holds
v = i. -/
theorem values (t : Trace BabyBear) (pub : Nat → BabyBear)
    (h : ∀ i < t.height, Groups (t.window pub i)) : ∀ i < t.height, t.row i v = (i : BabyBear) := by
  intro i
  induction i with
  | zero =>
    intro hi
    have := (h 0 hi).first
    simp only [Trace.window, if_true] at this
    rw [Lean.Grind.Semiring.one_mul] at this
    rw [this]; rfl
  | succ i ih =>
    intro hi
    have hs := (h i (by omega)).step
    simp only [Trace.window, show ¬ (i + 1 = t.height) by omega, if_false,
      Nat.mod_eq_of_lt hi] at hs
    rw [Lean.Grind.Semiring.one_mul, ih (by omega)] at hs
    have e : t.row (i + 1) v = (i : BabyBear) + 1 := by grind
    rw [e, Zkvm.Air.Felt.natCast_add, Zkvm.Air.Felt.natCast_one]

/-- **What a lookup proves**: a value that equals some row's v of a 2^16-row trace satisfying
the constraints is below 2^16. -/
theorem lookup_lt (t : Trace BabyBear) (pub : Nat → BabyBear) (hh : t.height = 2 ^ 16)
    (h : ∀ i < t.height, Groups (t.window pub i)) {x : BabyBear} {i : Nat} (hi : i < t.height)
    (hx : x = t.row i v) : x.val < 2 ^ 16 := by
  have hP : P = 2013265921 := P_eq
  rw [hx, values t pub h i hi, BabyBear.val_natCast, hP, Nat.mod_eq_of_lt (by omega)]
  omega

end Zkvm.Air.V2.Range

end
