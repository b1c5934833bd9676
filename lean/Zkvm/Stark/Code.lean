module

public import Zkvm.Stark.Count

/-!
# Words, agreement and closeness to a Reed–Solomon code

A *word* on an evaluation domain `D` (a duplicate-free list of points) is any function
`u : F → F`; only its values on `D` matter. It is *`e`-close to degree `d`*
(`Close D d e u`) if it agrees with some polynomial of degree `≤ d` on all but at most `e`
points of `D` (`CloseTo`); otherwise it is *`e`-far*. With `N = |D|` and rate `ρ = (d+1)/N`,
`δ = e/N` is the relative distance.

* `agreeCount D u v`: the number of points of `D` where `u` and `v` agree.
* `countP_and_ge`: two agreement sets overlap in at least `|A| + |B| − N` points.
* **Unique decoding** (`eval_eq_of_closeTo_closeTo`): a word within `e₁` errors of `p` and
  within `e₂` errors of `q`, both of degree `≤ d`, with `e₁ + e₂ + d + 1 ≤ N`, has `p = q`
  (as functions).
-/

public section

noncomputable section

namespace Zkvm.Stark

open Poly

universe u

variable {F : Type u} [Lean.Grind.Field F] [DecidableEq F]

/-- The number of points of `D` where the words `u` and `v` agree. -/
@[expose] def agreeCount (D : List F) (u v : F → F) : Nat := D.countP (fun x => u x = v x)

/-- `u` is within `e` errors of the polynomial `p` on `D`. -/
@[expose] def CloseTo (D : List F) (e : Nat) (u : F → F) (p : Poly F) : Prop :=
  D.length ≤ agreeCount D u (eval p) + e

/-- `u` is within `e` errors of some polynomial of degree `≤ d` on `D`. -/
@[expose] def Close (D : List F) (d e : Nat) (u : F → F) : Prop :=
  ∃ p : Poly F, p.DegreeLE d ∧ CloseTo D e u p

omit [Lean.Grind.Field F] [DecidableEq F] in
/-- Inclusion–exclusion for counts: `#A + #B ≤ #(A ∩ B) + N`. -/
theorem countP_add_countP_le {α : Type u} (p q : α → Bool) : ∀ l : List α,
    l.countP p + l.countP q ≤ l.countP (fun x => p x && q x) + l.length
  | [] => by simp
  | a :: l => by
    have ih := countP_add_countP_le p q l
    simp only [List.countP_cons, List.length_cons]
    cases p a <;> cases q a <;> simp <;> omega

omit [Lean.Grind.Field F] [DecidableEq F] in
/-- The points where a decidable property holds, as a duplicate-free list. -/
theorem nodup_filter {α : Type u} {l : List α} (hl : l.Nodup) (p : α → Bool) :
    (l.filter p).Nodup :=
  hl.sublist List.filter_sublist

/-- **Unique decoding.** If `u` is within `e₁` errors of `p` and within `e₂` errors of `q` on a
domain of `N ≥ e₁ + e₂ + d + 1` distinct points, and `p`, `q` have degree `≤ d`, then `p` and
`q` are the same function. -/
theorem eval_eq_of_closeTo_closeTo {D : List F} (hD : D.Nodup) {u : F → F} {p q : Poly F}
    {d e₁ e₂ : Nat} (hp : p.DegreeLE d) (hq : q.DegreeLE d) (h₁ : CloseTo D e₁ u p)
    (h₂ : CloseTo D e₂ u q) (hN : e₁ + e₂ + d + 1 ≤ D.length) (x : F) : eval p x = eval q x := by
  let S := D.filter (fun y => decide (u y = eval p y) && decide (u y = eval q y))
  have hS : S.Nodup := nodup_filter hD _
  have hcount := countP_add_countP_le (fun y => decide (u y = eval p y))
    (fun y => decide (u y = eval q y)) D
  have hlen : d + 1 ≤ S.length := by
    unfold CloseTo agreeCount at h₁ h₂
    rw [← List.countP_eq_length_filter]
    omega
  exact eval_eq_of_agree hp hq hS hlen (fun z hz => by
    have := (List.mem_filter.mp hz).2
    simp only [Bool.and_eq_true, decide_eq_true_eq] at this
    rw [← this.1, this.2]) x

/-- Agreement with `p` on every point where `u` agrees with `q`, and `q` close: then close to
`p` with the same number of errors. -/
theorem closeTo_of_imp {D : List F} {u : F → F} {p q : Poly F} {e : Nat}
    (h : CloseTo D e u q) (himp : ∀ x ∈ D, u x = eval q x → u x = eval p x) : CloseTo D e u p := by
  unfold CloseTo agreeCount at *
  have := List.countP_mono_left (l := D) (p := fun x => decide (u x = eval q x))
    (q := fun x => decide (u x = eval p x))
    (fun x hx h' => by simp only [decide_eq_true_eq] at h' ⊢; exact himp x hx h')
  omega

end Zkvm.Stark

end
