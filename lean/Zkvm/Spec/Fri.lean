module

public import Zkvm.Spec.Domain
public import Zkvm.Poly.Basic

/-!
# FRI folding (specification)

The arithmetic of `rust/verifier/src/fri.rs` over the Lean field:

* `foldPair lo hi β x`: one binary fold of `lo = f(x)` and `hi = f(-x)`,
  `(lo + hi)/2 + β (lo - hi)/(2x)`. Writing `f(X) = f_e(X²) + X f_o(X²)`, it is
  `f_e(x²) + β f_o(x²)` (`foldPair_even_odd`): the fold of FRI.
* `foldRound`: one round of binary folds over a leaf held in bit-reversed order (pairs at
  positions `2v`, `2v + 1` of the layer on `g^(2^shift) · ⟨ω_{2^logSize}⟩`, the point of the
  pair being that of position `base + 2v`); `foldLeaf k` applies `k` rounds with the
  challenges `β, β², β⁴, …`, halving the positions and squaring the domain each time.
* a leaf's field elements are the coefficients of its extension values in order
  (`leafValues`), and the final polynomial is evaluated by Horner's rule (`Poly.evalList`).
-/

public section

noncomputable section

namespace Zkvm.Spec

open Zkvm.Field Zkvm.Field.BabyBear Zkvm.Field.Ext4

/-- `1/2` in BabyBear: `(p + 1)/2`. -/
@[expose] def invTwo : BabyBear := 1006632961

theorem invTwo_mul_two : invTwo * 2 = 1 := by decide

/-- One binary fold of `lo = f(x)`, `hi = f(-x)` with the challenge `β`:
`(lo + hi)/2 + β · (lo - hi)/(2x)`. -/
@[expose] def foldPair (lo hi β : Ext4) (x : BabyBear) : Ext4 :=
  smul invTwo (lo + hi) + β * smul (invTwo * x⁻¹) (lo - hi)

/-- The fold is FRI's: for `f(x) = e + x·o` and `f(-x) = e - x·o` (`e = f_e(x²)`,
`o = f_o(x²)`) and `x ≠ 0`, the folded value is `e + β·o`. -/
theorem foldPair_even_odd (e o β : Ext4) {x : BabyBear} (hx : x ≠ 0) :
    foldPair (e + ofBase x * o) (e - ofBase x * o) β x = e + β * o := by
  have hinv : x * x⁻¹ = 1 := Lean.Grind.Field.mul_inv_cancel hx
  have h2 : ofBase invTwo * 2 = 1 := by
    rw [show (2 : Ext4) = ofBase 2 from rfl, ← ofBase_mul, invTwo_mul_two]; rfl
  have hx' : ofBase x * ofBase x⁻¹ = 1 := by rw [← ofBase_mul, hinv]; rfl
  simp only [foldPair, smul_eq_ofBase_mul, ofBase_mul]
  grind

/-- The value a leaf holds at its pair `v` after one round: the fold of positions `2v` and
`2v + 1`, at the point of position `base + 2v` of the layer `g^(2^shift) · ⟨ω_{2^logSize}⟩`. -/
@[expose] def foldRound (w : List Ext4) (β : Ext4) (base shift logSize : Nat) : List Ext4 :=
  (List.range (w.length / 2)).map fun v =>
    foldPair (w.getD (2 * v) 0) (w.getD (2 * v + 1) 0) β
      (bitrevCosetPoint shift logSize (base + 2 * v))

/-- `k` rounds of binary folds of a leaf of `2^k` values, with `β, β², β⁴, …`: positions halve
(`base / 2`), the domain is squared (`shift + 1`) and halves (`logSize - 1`). -/
@[expose] def foldLeaf : Nat → List Ext4 → Ext4 → Nat → Nat → Nat → Ext4
  | 0, w, _, _, _, _ => w.getD 0 0
  | k + 1, w, β, base, shift, logSize =>
    foldLeaf k (foldRound w β base shift logSize) (β * β) (base / 2) (shift + 1) (logSize - 1)

/-- The base-field values of a leaf: each extension value's four coefficients, in order. -/
@[expose] def extCoeffs (x : Ext4) : List BabyBear := [x.c0, x.c1, x.c2, x.c3]

/-- The base-field values of a FRI leaf. -/
@[expose] def leafValues (coset : List Ext4) : List BabyBear := coset.flatMap extCoeffs

theorem length_leafValues (coset : List Ext4) : (leafValues coset).length = 4 * coset.length := by
  induction coset with
  | nil => rfl
  | cons x c ih =>
    simp only [leafValues, List.flatMap_cons, List.length_append, List.length_cons] at ih ⊢
    rw [ih]; simp [extCoeffs]; omega

theorem length_foldRound (w : List Ext4) (β : Ext4) (base shift logSize : Nat) :
    (foldRound w β base shift logSize).length = w.length / 2 := by
  simp [foldRound]

end Zkvm.Spec
