module

public import Zkvm.Stark.Code

/-!
# DEEP: a wrong claimed evaluation makes the quotient far from low degree

For a committed column `c` (a word on the domain `D`), a point `z` and a claimed value `v`, the
DEEP quotient is `u(x) = (c(x) − v) / (x − z)` (`deepQuot`; at `x = z` the field's `a / 0 = 0`
gives some value, which we never rely on).

* **Distance** (`deep_far`): if `c` is within `e` errors of a polynomial `P` of degree `≤ d_P`
  but `v ≠ P(z)`, then `u` agrees with any polynomial `q` of degree `≤ d_q` on at most
  `e + max d_P (d_q + 1) + 1` points of `D`. So `u` is at relative distance at least
  `1 − δ − ρ − 1/N` from the code (`δ = e/N`, `ρ ≈ max(d_P, d_q+1)/N`): with `P` of degree
  `< n`, `N = B·n` and `δ` below half the distance, the quotient is far beyond the unique
  decoding radius.
  Reason: where `u = q`, `c = P` and `x ≠ z`, the polynomial `P − v − (X − z)·q` vanishes, and it
  is nonzero since its value at `z` is `P(z) − v ≠ 0`.
* **Extraction** (`deep_closeTo`): conversely, if `u` is within `e` errors of `q`, then `c` is
  within `e + 1` errors of `P' = v + (X − z)·q`, whose value at `z` is `v`.
* **Consistency** (`deep_consistent`): if moreover `c` is within `e₁` errors of `P` (degree
  `≤ d`, `d_q + 1 ≤ d`) and `e₁ + (e₂ + 1) + d + 1 ≤ N`, then `P(z) = v`: a DEEP quotient close to
  low degree certifies the claimed value as the decoded polynomial's value at `z`.
-/

public section

noncomputable section

namespace Zkvm.Stark

open Poly

universe u

variable {F : Type u} [Lean.Grind.Field F] [DecidableEq F]

/-- The DEEP quotient `(c(x) − v) / (x − z)`. -/
@[expose] def deepQuot (c : F → F) (v z : F) : F → F := fun x => (c x - v) / (x - z)

omit [Lean.Grind.Field F] [DecidableEq F] in
theorem countP_or3_le {α : Type u} (p q r s : α → Bool) (h : ∀ x, p x = true →
    q x = true ∨ r x = true ∨ s x = true) : ∀ l : List α,
    l.countP p ≤ l.countP q + l.countP r + l.countP s
  | [] => by simp
  | a :: l => by
    have ih := countP_or3_le p q r s h l
    simp only [List.countP_cons]
    have ha := h a
    cases hp : p a <;> cases hq : q a <;> cases hr : r a <;> cases hs : s a <;>
      simp_all <;> omega

omit [Lean.Grind.Field F] [DecidableEq F] in
theorem countP_add_countP_not {α : Type u} (p : α → Bool) (l : List α) :
    l.countP p + l.countP (fun x => !p x) = l.length := by
  rw [List.countP_eq_length_filter, List.countP_eq_length_filter]
  exact length_filter_add_filter_not p l

/-- The polynomial `P − v − (X − z)·q`, whose roots are where the DEEP identity holds. -/
@[expose] def deepResidual (P q : Poly F) (v z : F) : Poly F := P - Poly.C v - (X - Poly.C z) * q

omit [DecidableEq F] in
theorem eval_deepResidual (P q : Poly F) (v z x : F) :
    eval (deepResidual P q v z) x = eval P x - v - (x - z) * eval q x := by
  simp [deepResidual]

omit [DecidableEq F] in
theorem degreeLE_deepResidual {P q : Poly F} {dP dq : Nat} (hP : P.DegreeLE dP)
    (hq : q.DegreeLE dq) (v z : F) : (deepResidual P q v z).DegreeLE (max dP (dq + 1)) := by
  have hx : (X - Poly.C z : Poly F).DegreeLE 1 := degreeLE_X.sub ((degreeLE_C z).mono (Nat.zero_le 1))
  have hxq := hx.mul hq
  exact ((hP.mono (Nat.le_max_left _ _)).sub ((degreeLE_C v).mono (Nat.zero_le _))).sub
    (hxq.mono (by omega))

/-- **DEEP distance.** If `c` is within `e` errors of `P` (degree `≤ d_P`) on `D` and the claimed
value is wrong, `v ≠ P(z)`, then the DEEP quotient agrees with any polynomial `q` of degree
`≤ d_q` on at most `e + max d_P (d_q + 1) + 1` points of `D`. -/
theorem deep_far {D : List F} (hD : D.Nodup) {c : F → F} {P q : Poly F} {v z : F}
    {e dP dq : Nat} (hP : P.DegreeLE dP) (hq : q.DegreeLE dq) (hc : CloseTo D e c P)
    (hv : v ≠ eval P z) :
    agreeCount D (deepQuot c v z) (eval q) ≤ e + max dP (dq + 1) + 1 := by
  have hR : (deepResidual P q v z).IsNonzero := isNonzero_of_eval_ne_zero (x := z) (by
    rw [eval_deepResidual]; intro h; apply hv; grind)
  have hroots := atMost_eval_eq_zero hR (degreeLE_deepResidual hP hq v z)
  -- points where the quotient agrees with `q`, `c` agrees with `P` and `x ≠ z`
  have h1 : D.countP (fun x => decide (deepQuot c v z x = eval q x) && decide (c x = eval P x)
      && decide (x ≠ z)) ≤ max dP (dq + 1) := by
    refine Nat.le_trans (List.countP_mono_left (q := fun x => decide
      (eval (deepResidual P q v z) x = 0)) ?_) (hroots.countP_le hD)
    intro x _ hx
    simp only [Bool.and_eq_true, decide_eq_true_eq] at hx ⊢
    obtain ⟨⟨hu, hcx⟩, hxz⟩ := hx
    have hne : x - z ≠ 0 := sub_ne_zero_of_ne hxz
    have hinv := Lean.Grind.Field.mul_inv_cancel hne
    simp only [deepQuot, Lean.Grind.Field.div_eq_mul_inv] at hu
    rw [eval_deepResidual, ← hcx, ← hu]
    calc c x - v - (x - z) * ((c x - v) * (x - z)⁻¹)
        = c x - v - (c x - v) * ((x - z) * (x - z)⁻¹) := by grind
      _ = 0 := by rw [hinv]; grind
  have h2 := countP_or3_le (fun x => decide (deepQuot c v z x = eval q x))
    (fun x => decide (deepQuot c v z x = eval q x) && decide (c x = eval P x) && decide (x ≠ z))
    (fun x => !decide (c x = eval P x)) (fun x => decide (x = z))
    (fun x hx => by
      by_cases hcx : c x = eval P x
      · by_cases hxz : x = z
        · exact Or.inr (Or.inr (by simp [hxz]))
        · exact Or.inl (by simp_all)
      · exact Or.inr (Or.inl (by simp [hcx]))) D
  have h3 := countP_add_countP_not (fun x => decide (c x = eval P x)) D
  have h4 : D.countP (fun x => decide (x = z)) ≤ 1 := (atMost_eq z).countP_le hD
  unfold CloseTo agreeCount at hc
  unfold agreeCount
  omega

/-- **DEEP extraction.** If the DEEP quotient is within `e` errors of `q`, then `c` is within
`e + 1` errors of `v + (X − z)·q`, a polynomial whose value at `z` is `v`. -/
theorem deep_closeTo {D : List F} (hD : D.Nodup) {c : F → F} {q : Poly F} {v z : F} {e : Nat}
    (hu : CloseTo D e (deepQuot c v z) q) :
    CloseTo D (e + 1) c (Poly.C v + (X - Poly.C z) * q) ∧
      eval (Poly.C v + (X - Poly.C z) * q) z = v := by
  refine ⟨?_, by simp; grind⟩
  have h2 := countP_or3_le (fun x => decide (deepQuot c v z x = eval q x))
    (fun x => decide (c x = eval (Poly.C v + (X - Poly.C z) * q) x))
    (fun x => decide (x = z)) (fun _ => false)
    (fun x hx => by
      by_cases hxz : x = z
      · exact Or.inr (Or.inl (by simp [hxz]))
      · refine Or.inl ?_
        simp only [decide_eq_true_eq] at hx ⊢
        have hne : x - z ≠ 0 := sub_ne_zero_of_ne hxz
        have hinv := Lean.Grind.Field.mul_inv_cancel hne
        simp only [deepQuot, Lean.Grind.Field.div_eq_mul_inv] at hx
        simp only [eval_add, eval_C, eval_mul, eval_sub, eval_X]
        rw [← hx]
        calc c x = v + (c x - v) * ((x - z) * (x - z)⁻¹) := by rw [hinv]; grind
          _ = v + (x - z) * ((c x - v) * (x - z)⁻¹) := by grind) D
  have h4 : D.countP (fun x => decide (x = z)) ≤ 1 := (atMost_eq z).countP_le hD
  simp only [List.countP_false, Function.const_apply] at h2
  unfold CloseTo agreeCount at hu ⊢
  omega

/-- **DEEP consistency.** If `c` is within `e₁` errors of `P` (degree `≤ d`) and its DEEP
quotient at `(z, v)` within `e₂` errors of `q` (degree `≤ d_q`, `d_q + 1 ≤ d`), on a domain of
`N ≥ e₁ + e₂ + d + 2` points, then the claimed value is right: `P(z) = v`. -/
theorem deep_consistent {D : List F} (hD : D.Nodup) {c : F → F} {P q : Poly F} {v z : F}
    {e₁ e₂ d dq : Nat} (hP : P.DegreeLE d) (hq : q.DegreeLE dq) (hdq : dq + 1 ≤ d)
    (hc : CloseTo D e₁ c P) (hu : CloseTo D e₂ (deepQuot c v z) q)
    (hN : e₁ + (e₂ + 1) + d + 1 ≤ D.length) : eval P z = v := by
  obtain ⟨hc', hz⟩ := deep_closeTo hD hu
  have hx : (X - Poly.C z : Poly F).DegreeLE 1 := degreeLE_X.sub ((degreeLE_C z).mono (Nat.zero_le 1))
  have hP' : (Poly.C v + (X - Poly.C z) * q).DegreeLE d :=
    ((degreeLE_C v).mono (Nat.zero_le d)).add ((hx.mul hq).mono (by omega))
  rw [eval_eq_of_closeTo_closeTo hD hP hP' hc hc' hN z, hz]

end Zkvm.Stark

end
