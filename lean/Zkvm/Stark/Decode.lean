module

public import Zkvm.Spec.Iop

/-!
# Decoding committed columns, and DEEP terms that FRI must reject

Columns of table `t` live on the domain of its FRI layer `j`; a column is *close* when it agrees
with a polynomial of degree `≤ n_t` on at least `t_j − 1` points (`ColClose`): one point less
than the FRI threshold, and degree `n_t` rather than `n_t − 1`, which is what a DEEP quotient
accepted by FRI (degree `≤ n_t − 1`) certifies (`Zkvm.Stark.deep_closeTo`). Inside the
unique-decoding radius (`ColUdr`) a close column has one decoding (`dec`, `eq_dec`).

A DEEP term is far for FRI (`FarAt`) when its column is not close (`farAt_deep_of_not_close`)
or when the claimed value differs from the decoding's value (`farAt_deep_of_ne`). Both need the
one condition `N + n + 1 ≤ 2·(t − 1)` on each layer (`ColUdr`), i.e. `δ < (1 − ρ)/2` with a margin of
two points.
-/

public section

noncomputable section

namespace Zkvm.Stark

open Zkvm.Spec Poly Classical

universe u

variable {E : Type u} [Lean.Grind.Field E] [DecidableEq E]

/-- A word agrees with a polynomial of degree `≤ n` on at least `τ` points of `D`. -/
@[expose] def ColClose (D : List E) (n τ : Nat) (c : E → E) : Prop := CloseAt D n τ c

/-- The decoding of a close word (an arbitrary polynomial otherwise). -/
@[expose] def dec (D : List E) (n τ : Nat) (c : E → E) : Poly E :=
  if h : ColClose D n τ c then Classical.choose h else ⟨[]⟩

theorem dec_spec {D : List E} {n τ : Nat} {c : E → E} (h : ColClose D n τ c) :
    (dec D n τ c).DegreeLE n ∧ τ ≤ agreeCount D c (eval (dec D n τ c)) := by
  unfold dec; rw [dif_pos h]; exact Classical.choose_spec h

/-- The unique-decoding condition for columns of degree `≤ n` with threshold `τ`. -/
@[expose] def ColUdr (D : List E) (n τ : Nat) : Prop := D.length + n + 1 ≤ 2 * τ

/-- **Unique decoding**: any polynomial of degree `≤ n` agreeing with a close word on `τ` points
is its decoding. -/
theorem eq_dec {D : List E} (hD : D.Nodup) {n τ : Nat} (hu : ColUdr D n τ) {c : E → E}
    (h : ColClose D n τ c) {P : Poly E} (hP : P.DegreeLE n) (hag : τ ≤ agreeCount D c (eval P))
    (x : E) : eval P x = eval (dec D n τ c) x := by
  obtain ⟨hd, hd'⟩ := dec_spec h
  have hle : agreeCount D c (eval P) ≤ D.length := List.countP_le_length
  have hle' : agreeCount D c (eval (dec D n τ c)) ≤ D.length := List.countP_le_length
  unfold ColUdr at hu
  exact eval_eq_of_closeTo_closeTo hD hP hd (u := c) (e₁ := D.length - τ) (e₂ := D.length - τ)
    (by unfold CloseTo; omega) (by unfold CloseTo; omega) (by omega) x

/-- A column that is not close has a far DEEP term, whatever the claimed value and point
(FRI degree `n − 1`, threshold `τ + 1`). -/
theorem far_deep_of_not_close {D : List E} (hD : D.Nodup) {n τ : Nat} (hn : 1 ≤ n) {c : E → E}
    (h : ¬ ColClose D n τ c) (v z : E) :
    ∀ q : Poly E, q.DegreeLE (n - 1) → agreeCount D (deepQuot c v z) (eval q) < τ + 1 := by
  intro q hq
  refine Classical.byContradiction fun hge => h ?_
  have hle : agreeCount D (deepQuot c v z) (eval q) ≤ D.length := List.countP_le_length
  have hge' : τ + 1 ≤ agreeCount D (deepQuot c v z) (eval q) := Nat.not_lt.mp hge
  have hcl : CloseTo D (D.length - (τ + 1)) (deepQuot c v z) q := by
    show D.length ≤ agreeCount D (deepQuot c v z) (eval q) + (D.length - (τ + 1))
    omega
  obtain ⟨hc, -⟩ := deep_closeTo hD hcl
  have hx : (X - Poly.C z : Poly E).DegreeLE 1 :=
    degreeLE_X.sub ((degreeLE_C z).mono (Nat.zero_le 1))
  refine ⟨_, ((degreeLE_C v).mono (Nat.zero_le n)).add ((hx.mul hq).mono (by omega)), ?_⟩
  unfold CloseTo at hc
  omega

/-- A close column with a wrong claimed value has a far DEEP term (inside `ColUdr`). -/
theorem far_deep_of_ne {D : List E} (hD : D.Nodup) {n τ : Nat} (hn : 1 ≤ n) (hu : ColUdr D n τ)
    {c : E → E}
    (h : ColClose D n τ c) {v z : E} (hv : v ≠ eval (dec D n τ c) z) :
    ∀ q : Poly E, q.DegreeLE (n - 1) → agreeCount D (deepQuot c v z) (eval q) < τ + 1 := by
  intro q hq
  obtain ⟨hd, hag⟩ := dec_spec h
  have hle : agreeCount D c (eval (dec D n τ c)) ≤ D.length := List.countP_le_length
  have hcl : CloseTo D (D.length - τ) c (dec D n τ c) := by
    show D.length ≤ agreeCount D c (eval (dec D n τ c)) + (D.length - τ)
    omega
  have := deep_far hD hd hq hcl hv
  have hmax : max n (n - 1 + 1) = n := by omega
  rw [hmax] at this
  have hτ : τ ≤ D.length := Nat.le_trans hag hle
  have hu' : D.length + n + 1 ≤ 2 * τ := hu
  omega

/-! ## Composed constraints -/

/-- A polynomial of degree `≤ d·e` equal to the constraint composed with the given polynomials
(if `HasDegree` provides one). -/
@[expose] def composed (C : Row E → E) (d e : Nat) (ω : E) (main aux : List (Poly E))
    (sF sL sT : Poly E) : Poly E :=
  if h : ∃ c : Poly E, c.DegreeLE (d * e) ∧ ∀ x, eval c x = C (rowAt ω main aux sF sL sT x)
  then Classical.choose h else ⟨[]⟩

omit [DecidableEq E] in
theorem composed_spec {C : Row E → E} {d : Nat} (hC : HasDegree C d) {e : Nat} (ω : E)
    {main aux : List (Poly E)} {sF sL sT : Poly E} (hm : ∀ p ∈ main, p.DegreeLE e)
    (ha : ∀ p ∈ aux, p.DegreeLE e) (hF : sF.DegreeLE e) (hL : sL.DegreeLE e)
    (hT : sT.DegreeLE e) :
    (composed C d e ω main aux sF sL sT).DegreeLE (d * e) ∧
      ∀ x, eval (composed C d e ω main aux sF sL sT) x = C (rowAt ω main aux sF sL sT x) := by
  have h := hC ω main aux sF sL sT e hm ha hF hL hT
  unfold composed; rw [dif_pos h]; exact Classical.choose_spec h

end Zkvm.Stark

end
