module

public import Zkvm.Poly.RootBound

/-!
# Interpolation: existence and uniqueness of low-degree interpolants

* `vanishing xs = ∏_{x ∈ xs} (X - x)`: degree `≤ |xs|`, vanishing exactly on `xs`
  (`eval_vanishing_eq_zero_iff`).
* `interpolate pts`: for points `(xᵢ, yᵢ)` with distinct `xᵢ`, a polynomial with at most
  `|pts|` coefficients (`degreeLE_interpolate`) through every point (`eval_interpolate`).
  It is built in Newton form: `p' = p + c · ∏_{rest}(X - xⱼ)` with `c` chosen to hit the new
  point, which leaves the values at the old nodes unchanged.
* `eval_eq_interpolate`: any polynomial of degree `≤ d` through `d + 1` points with distinct
  nodes *is* the interpolant, as a function (the uniqueness half, from the root bound).
-/

public section

namespace Zkvm.Poly

universe u

variable {F : Type u} [Lean.Grind.Field F]

/- The definitions below are `noncomputable`: they are for proofs only, and this toolchain
cannot compile code calling another module's polynomial operations. -/

/-- The vanishing polynomial `∏_{x ∈ xs} (X - x)` of a list of nodes. -/
@[expose] noncomputable def vanishing : List F → Poly F
  | [] => C 1
  | x :: xs => (X - C x) * vanishing xs

@[simp] theorem eval_vanishing_nil (z : F) : eval (vanishing []) z = 1 := by
  simp [vanishing]

@[simp] theorem eval_vanishing_cons (x z : F) (xs : List F) :
    eval (vanishing (x :: xs)) z = (z - x) * eval (vanishing xs) z := by
  simp [vanishing]

theorem degreeLE_vanishing : ∀ xs : List F, (vanishing xs).DegreeLE xs.length
  | [] => degreeLE_C 1
  | x :: xs => by
    have h := (degreeLE_X.sub ((degreeLE_C x).mono (Nat.zero_le 1))).mul (degreeLE_vanishing xs)
    simp only [vanishing, List.length_cons]
    rw [Nat.add_comm]; exact h

/-- The vanishing polynomial is zero exactly at its nodes. -/
theorem eval_vanishing_eq_zero_iff (z : F) : ∀ xs : List F,
    eval (vanishing xs) z = 0 ↔ z ∈ xs
  | [] => by
    simp only [eval_vanishing_nil, List.not_mem_nil, iff_false]
    exact fun h => Lean.Grind.Field.zero_ne_one h.symm
  | x :: xs => by
    rw [eval_vanishing_cons, mul_eq_zero_iff, eval_vanishing_eq_zero_iff z xs, List.mem_cons]
    constructor
    · rintro (h | h)
      · exact Or.inl (by grind)
      · exact Or.inr h
    · rintro (h | h)
      · exact Or.inl (by rw [h]; grind)
      · exact Or.inr h

/-- Newton-form interpolation, returning the interpolant together with the vanishing polynomial
of the nodes (so each step reuses it). -/
@[expose] noncomputable def interpolateAux : List (F × F) → Poly F × Poly F
  | [] => (⟨[]⟩, C 1)
  | (x, y) :: rest =>
    let pv := interpolateAux rest
    (pv.1 + ((y - eval pv.1 x) / eval pv.2 x) • pv.2, (X - C x) * pv.2)

/-- A polynomial through the given points `(xᵢ, yᵢ)` (when the `xᵢ` are distinct), with at most
as many coefficients as there are points. -/
@[expose] noncomputable def interpolate (pts : List (F × F)) : Poly F := (interpolateAux pts).1

theorem interpolateAux_snd : ∀ pts : List (F × F),
    (interpolateAux pts).2 = vanishing (pts.map Prod.fst)
  | [] => rfl
  | (x, y) :: rest => by
    simp only [interpolateAux, List.map_cons, vanishing, interpolateAux_snd rest]

theorem interpolateAux_fst_cons (x y : F) (rest : List (F × F)) :
    (interpolateAux ((x, y) :: rest)).1 =
      interpolate rest + ((y - eval (interpolate rest) x) /
        eval (vanishing (rest.map Prod.fst)) x) • vanishing (rest.map Prod.fst) := by
  simp only [interpolateAux, interpolate, interpolateAux_snd]

theorem length_interpolate_le : ∀ pts : List (F × F),
    (interpolate pts).coeffs.length ≤ pts.length
  | [] => Nat.le_refl 0
  | (x, y) :: rest => by
    have ih := length_interpolate_le rest
    have hv := degreeLE_vanishing (rest.map Prod.fst)
    unfold DegreeLE at hv
    rw [List.length_map] at hv
    show (interpolateAux ((x, y) :: rest)).1.coeffs.length ≤ rest.length + 1
    rw [interpolateAux_fst_cons, coeffs_add, length_addList, coeffs_smul, length_smulList]
    omega

/-- The interpolant of `d + 1` (or fewer) points has degree `≤ d`. -/
theorem degreeLE_interpolate {pts : List (F × F)} {d : Nat} (h : pts.length ≤ d + 1) :
    (interpolate pts).DegreeLE d :=
  Nat.le_trans (length_interpolate_le pts) h

/-- The interpolant passes through every point, provided the nodes are distinct. -/
theorem eval_interpolate : ∀ {pts : List (F × F)}, (pts.map Prod.fst).Nodup →
    ∀ pt ∈ pts, eval (interpolate pts) pt.1 = pt.2
  | [], _ => by simp
  | (x, y) :: rest, hnd => by
    simp only [List.map_cons] at hnd
    obtain ⟨hx, hrest⟩ := List.nodup_cons.mp hnd
    have ih := eval_interpolate hrest
    intro pt hpt
    show eval (interpolateAux ((x, y) :: rest)).1 pt.1 = pt.2
    rw [interpolateAux_fst_cons, eval_add, eval_smul]
    rcases List.mem_cons.mp hpt with rfl | hpt
    · -- the new point: `p(x) + (y - p(x)) / v(x) · v(x) = y`, as `v(x) ≠ 0`
      have hv : eval (vanishing (rest.map Prod.fst)) x ≠ 0 :=
        fun h => hx ((eval_vanishing_eq_zero_iff x _).mp h)
      rw [Lean.Grind.Field.div_eq_mul_inv]
      have hinv := Lean.Grind.Field.mul_inv_cancel hv
      show eval (interpolate rest) x + (y - eval (interpolate rest) x) *
        (eval (vanishing (rest.map Prod.fst)) x)⁻¹ * eval (vanishing (rest.map Prod.fst)) x = y
      grind
    · -- an old point: the correction term vanishes there
      have hv : eval (vanishing (rest.map Prod.fst)) pt.1 = 0 :=
        (eval_vanishing_eq_zero_iff pt.1 _).mpr (List.mem_map_of_mem hpt)
      rw [hv, ih pt hpt]
      grind

/-- **Uniqueness of the interpolant.** A polynomial of degree `≤ d` through `d + 1` points with
distinct nodes agrees everywhere with `interpolate pts`. -/
theorem eval_eq_interpolate {q : Poly F} {d : Nat} (hq : q.DegreeLE d) {pts : List (F × F)}
    (hlen : pts.length = d + 1) (hnd : (pts.map Prod.fst).Nodup)
    (hvals : ∀ pt ∈ pts, eval q pt.1 = pt.2) (x : F) :
    eval q x = eval (interpolate pts) x :=
  eval_eq_of_agree hq (degreeLE_interpolate (Nat.le_of_eq hlen)) hnd
    (by rw [List.length_map, hlen]; exact Nat.le_refl _)
    (fun z hz => by
      obtain ⟨pt, hpt, rfl⟩ := List.mem_map.mp hz
      rw [hvals pt hpt, eval_interpolate hnd pt hpt])
    x

end Zkvm.Poly
