module

public import Zkvm.Poly.Basic

/-!
# Division by `X - a` and the factor theorem

Synthetic division (Horner's scheme run on the coefficient list) divides `p` by `X - a`:
`p.divByLinear a = (q, r)` with

* `eval p x = (x - a) * eval q x + r` for every `x` (`eval_eq_divByLinear`),
* `r = eval p a` (`divByLinear_snd`),
* `q` has exactly one coefficient fewer than `p` (`length_divByLinear_fst`), so it has degree
  one less,
* `q` is a nonzero polynomial when `p` is and `r = 0` (`IsNonzero.divByLinear`). This is proved
  on coefficients, not on values: over a finite field a nonzero polynomial can vanish everywhere,
  so "`eval q` is the zero function" would not be enough.

Hence the factor theorem (`eval_eq_mul_of_eval_eq_zero`): a root `a` of `p` splits off a factor
`x - a` of `eval p x`, with a cofactor of lower degree that is still a nonzero polynomial.
-/

public section

namespace Zkvm.Poly

universe u

variable {F : Type u} [Lean.Grind.Field F]

/-- Synthetic division of a coefficient list by `X - a`: `(quotient, remainder)`.
With `cs = (X - a)·q + r`, we get `c + X·cs = (X - a)·(r + X·q) + (c + a·r)`. -/
@[expose] def divByLinearList (a : F) : List F → List F × F
  | [] => ([], 0)
  | [c] => ([], c)
  | c :: cs@(_ :: _) =>
    let qr := divByLinearList a cs
    (qr.2 :: qr.1, c + a * qr.2)

theorem evalList_eq_divByLinearList (a x : F) : ∀ p : List F,
    evalList x p = (x - a) * evalList x (divByLinearList a p).1 + (divByLinearList a p).2
  | [] => by simp only [divByLinearList, evalList_nil]; grind
  | [c] => by simp only [divByLinearList, evalList_cons, evalList_nil]; grind
  | c :: d :: cs => by
    have ih := evalList_eq_divByLinearList a x (d :: cs)
    simp only [divByLinearList, evalList_cons] at ih ⊢
    rw [ih]
    grind

theorem length_divByLinearList (a : F) : ∀ p : List F,
    (divByLinearList a p).1.length = p.length - 1
  | [] => by simp [divByLinearList]
  | [_] => by simp [divByLinearList]
  | _ :: d :: cs => by
    have ih := length_divByLinearList a (d :: cs)
    simp only [divByLinearList, List.length_cons] at ih ⊢
    omega

/-- If the quotient has only zero coefficients and the remainder is zero, so does the dividend:
the coefficients of `p` are recovered from those of `q` and `r` (`p = (X - a)·q + r`). -/
theorem forall_eq_zero_of_divByLinearList (a : F) : ∀ p : List F,
    (∀ c ∈ (divByLinearList a p).1, c = 0) → (divByLinearList a p).2 = 0 → ∀ c ∈ p, c = 0
  | [], _, _ => by simp
  | [c], _, hr => by
    simp only [divByLinearList] at hr
    simp [hr]
  | c :: d :: cs, hq, hr => by
    simp only [divByLinearList, List.mem_cons] at hq hr
    have hr' : (divByLinearList a (d :: cs)).2 = 0 := hq _ (Or.inl rfl)
    have hq' : ∀ e ∈ (divByLinearList a (d :: cs)).1, e = 0 := fun e he => hq e (Or.inr he)
    have ih := forall_eq_zero_of_divByLinearList a (d :: cs) hq' hr'
    have hc : c = 0 := by rw [hr'] at hr; grind
    intro e he
    rcases List.mem_cons.mp he with rfl | he
    · exact hc
    · exact ih e he

/-- Division of a polynomial by `X - a`: `(quotient, remainder)`. -/
@[expose] def divByLinear (p : Poly F) (a : F) : Poly F × F :=
  let qr := divByLinearList a p.coeffs
  (⟨qr.1⟩, qr.2)

/-- The division identity `p(x) = (x - a)·q(x) + r`. -/
theorem eval_eq_divByLinear (p : Poly F) (a x : F) :
    eval p x = (x - a) * eval (p.divByLinear a).1 x + (p.divByLinear a).2 :=
  evalList_eq_divByLinearList a x p.coeffs

/-- The remainder of division by `X - a` is `p(a)`. -/
theorem divByLinear_snd (p : Poly F) (a : F) : (p.divByLinear a).2 = eval p a := by
  rw [eval_eq_divByLinear p a a]; grind

/-- The quotient has one coefficient fewer. -/
theorem length_divByLinear_fst (p : Poly F) (a : F) :
    (p.divByLinear a).1.coeffs.length = p.coeffs.length - 1 :=
  length_divByLinearList a p.coeffs

theorem DegreeLE.divByLinear {p : Poly F} {d : Nat} (hp : p.DegreeLE (d + 1)) (a : F) :
    (p.divByLinear a).1.DegreeLE d := by
  unfold DegreeLE at *
  rw [length_divByLinear_fst]; omega

/-- Dividing a nonzero polynomial by `X - a` at a root `a` leaves a nonzero quotient. -/
theorem IsNonzero.divByLinear {p : Poly F} (hp : p.IsNonzero) {a : F} (hroot : eval p a = 0) :
    (p.divByLinear a).1.IsNonzero := by
  refine Classical.byContradiction fun hq => ?_
  have hzero := forall_eq_zero_of_divByLinearList a p.coeffs (not_isNonzero_iff.mp hq)
    (by rw [← hroot]; exact divByLinear_snd p a)
  exact not_isNonzero_iff.mpr hzero hp

/-- The factor theorem: if `p(a) = 0` then `p(x) = (x - a)·q(x)` for the quotient `q`. -/
theorem eval_eq_mul_of_eval_eq_zero {p : Poly F} {a : F} (hroot : eval p a = 0) (x : F) :
    eval p x = (x - a) * eval (p.divByLinear a).1 x := by
  rw [eval_eq_divByLinear p a x, divByLinear_snd, hroot]; grind

/-- The factor theorem with the cofactor's properties: a root `a` of a nonzero `p` of degree
`≤ d + 1` gives `p(x) = (x - a)·q(x)` with `q` nonzero of degree `≤ d`. -/
theorem exists_factor_of_eval_eq_zero {p : Poly F} {d : Nat} (hp : p.IsNonzero)
    (hdeg : p.DegreeLE (d + 1)) {a : F} (hroot : eval p a = 0) :
    ∃ q : Poly F, q.IsNonzero ∧ q.DegreeLE d ∧ ∀ x, eval p x = (x - a) * eval q x :=
  ⟨_, hp.divByLinear hroot, hdeg.divByLinear a, eval_eq_mul_of_eval_eq_zero hroot⟩

end Zkvm.Poly
