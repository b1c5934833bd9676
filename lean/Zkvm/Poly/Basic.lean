module

/-!
# Univariate polynomials over a field: representation, evaluation, arithmetic

A polynomial is its list of coefficients, lowest degree first: `⟨[c₀, c₁, …, cₙ]⟩` stands for
`c₀ + c₁·X + … + cₙ·Xⁿ`. Trailing zero coefficients are allowed, so the representation is not
canonical; every statement here is either about evaluation (which ignores trailing zeros) or
robust to them:

* `Poly.DegreeLE p d` — "degree ≤ d" — means `p.coeffs.length ≤ d + 1`;
* `Poly.IsNonzero p` means some coefficient is nonzero. This is the syntactic notion the root
  bound needs; "`eval p` is not the zero function" would be weaker over a finite field
  (`X^q - X` vanishes everywhere on `𝔽_q`).

The base field is any `Lean.Grind.Field F` (the core class `grind` normalises ring expressions
over), so the results apply to BabyBear and its extensions alike.

Evaluation is Horner's rule. Addition, negation, subtraction, scalar and polynomial
multiplication are defined on coefficient lists, with `eval_add`, `eval_neg`, `eval_sub`,
`eval_smul`, `eval_mul` and the degree bounds `DegreeLE.add`, `DegreeLE.sub`, `DegreeLE.mul`.
-/

public section

namespace Zkvm

universe u

/-- A univariate polynomial, given by its coefficients, lowest degree first. -/
structure Poly (F : Type u) where
  /-- `coeffs[i]` is the coefficient of `X^i`. -/
  coeffs : List F
deriving Inhabited

namespace Poly

variable {F : Type u} [Lean.Grind.Field F]

/-! ## Field facts used below -/

/-- A field has no zero divisors (derived from the inverse of the nonzero factor). -/
theorem mul_eq_zero_iff {a b : F} : a * b = 0 ↔ a = 0 ∨ b = 0 := by
  constructor
  · intro h
    refine Classical.byCases (p := a = 0) Or.inl (fun ha => Or.inr ?_)
    have hinv := Lean.Grind.Field.mul_inv_cancel ha
    calc b = (a * a⁻¹) * b := by rw [hinv]; grind
      _ = a⁻¹ * (a * b) := by grind
      _ = 0 := by rw [h]; grind
  · rintro (h | h) <;> (subst h; grind)

theorem mul_ne_zero {a b : F} (ha : a ≠ 0) (hb : b ≠ 0) : a * b ≠ 0 := by
  intro h
  rcases mul_eq_zero_iff.mp h with h | h
  · exact ha h
  · exact hb h

theorem sub_ne_zero_of_ne {a b : F} (h : a ≠ b) : a - b ≠ 0 := by
  intro h'
  exact h (by grind)

/-! ## Operations on coefficient lists -/

/-- Horner evaluation of a coefficient list: `c₀ + x·(c₁ + x·(c₂ + …))`. -/
@[expose] def evalList (x : F) : List F → F
  | [] => 0
  | c :: cs => c + x * evalList x cs

/-- Coefficientwise sum; the shorter list is padded with zeros. -/
@[expose] def addList : List F → List F → List F
  | [], q => q
  | p@(_ :: _), [] => p
  | a :: p, b :: q => (a + b) :: addList p q

/-- Multiply every coefficient by `c`. (Written out rather than as `List.map`, whose compiled
form is unavailable in this toolchain.) -/
@[expose] def smulList (c : F) : List F → List F
  | [] => []
  | a :: p => (c * a) :: smulList c p

/-- Negate every coefficient. -/
@[expose] def negList : List F → List F
  | [] => []
  | a :: p => (-a) :: negList p

/-- Product of coefficient lists, by `(a + X·p)·q = a·q + X·(p·q)`. -/
@[expose] def mulList : List F → List F → List F
  | [], _ => []
  | a :: p, q => addList (smulList a q) (0 :: mulList p q)

@[simp] theorem evalList_nil (x : F) : evalList x [] = 0 := rfl

@[simp] theorem evalList_cons (x c : F) (cs : List F) :
    evalList x (c :: cs) = c + x * evalList x cs := rfl

theorem evalList_addList (x : F) : ∀ p q : List F,
    evalList x (addList p q) = evalList x p + evalList x q
  | [], q => by simp [addList]; grind
  | _ :: _, [] => by simp [addList]; grind
  | a :: p, b :: q => by
    simp only [addList, evalList_cons, evalList_addList x p q]
    grind

theorem length_addList : ∀ p q : List F, (addList p q).length = max p.length q.length
  | [], q => by simp [addList]
  | _ :: _, [] => by simp [addList]
  | _ :: p, _ :: q => by simp [addList, length_addList p q]

theorem evalList_smulList (x c : F) : ∀ p : List F,
    evalList x (smulList c p) = c * evalList x p
  | [] => by simp only [smulList, evalList_nil]; grind
  | a :: p => by
    simp only [smulList, evalList_cons, evalList_smulList x c p]
    grind

theorem length_smulList (c : F) : ∀ p : List F, (smulList c p).length = p.length
  | [] => rfl
  | _ :: p => by simp [smulList, length_smulList c p]

theorem evalList_negList (x : F) : ∀ p : List F, evalList x (negList p) = -evalList x p
  | [] => by simp only [negList, evalList_nil]; grind
  | a :: p => by
    simp only [negList, evalList_cons, evalList_negList x p]
    grind

theorem length_negList : ∀ p : List F, (negList p).length = p.length
  | [] => rfl
  | _ :: p => by simp [negList, length_negList p]

theorem evalList_mulList (x : F) : ∀ p q : List F,
    evalList x (mulList p q) = evalList x p * evalList x q
  | [], q => by simp [mulList]; grind
  | a :: p, q => by
    simp only [mulList, evalList_addList, evalList_smulList, evalList_cons,
      evalList_mulList x p q]
    grind

/-- The product has at most `p.length + q.length - 1` coefficients (or `p.length` when `q` is
empty). -/
theorem length_mulList_le : ∀ p q : List F, (mulList p q).length ≤ p.length + (q.length - 1)
  | [], _ => by simp [mulList]
  | _ :: p, q => by
    have ih := length_mulList_le p q
    simp only [mulList, length_addList, length_smulList, List.length_cons]
    omega

/-- The value of a list of zeros is zero. -/
theorem evalList_eq_zero_of_forall_eq_zero (x : F) :
    ∀ p : List F, (∀ c ∈ p, c = 0) → evalList x p = 0
  | [], _ => rfl
  | a :: p, h => by
    have ha : a = 0 := h a (List.mem_cons_self ..)
    have ih := evalList_eq_zero_of_forall_eq_zero x p (fun c hc => h c (List.mem_cons_of_mem _ hc))
    simp only [evalList_cons, ha, ih]
    grind

/-! ## Polynomials -/

/-- Evaluation at `x` (Horner's rule). -/
@[expose] def eval (p : Poly F) (x : F) : F := evalList x p.coeffs

/-- "`deg p ≤ d`": at most `d + 1` coefficients. Trailing zeros are allowed, so this is an upper
bound on the degree, not the exact degree. -/
@[expose] def DegreeLE (p : Poly F) (d : Nat) : Prop := p.coeffs.length ≤ d + 1

/-- Some coefficient is nonzero (the polynomial is not the zero polynomial). -/
@[expose] def IsNonzero (p : Poly F) : Prop := ∃ c ∈ p.coeffs, c ≠ 0

/-- The constant polynomial `c`. -/
@[expose] def C (c : F) : Poly F := ⟨[c]⟩

/-- The polynomial `X`. -/
@[expose] def X : Poly F := ⟨[0, 1]⟩

@[expose] instance : Add (Poly F) := ⟨fun p q => ⟨addList p.coeffs q.coeffs⟩⟩
@[expose] instance : Neg (Poly F) := ⟨fun p => ⟨negList p.coeffs⟩⟩
@[expose] instance : Sub (Poly F) := ⟨fun p q => p + -q⟩
@[expose] instance : Mul (Poly F) := ⟨fun p q => ⟨mulList p.coeffs q.coeffs⟩⟩
@[expose] instance : SMul F (Poly F) := ⟨fun c p => ⟨smulList c p.coeffs⟩⟩

theorem coeffs_add (p q : Poly F) : (p + q).coeffs = addList p.coeffs q.coeffs := rfl
theorem coeffs_neg (p : Poly F) : (-p).coeffs = negList p.coeffs := rfl
theorem sub_def (p q : Poly F) : p - q = p + -q := rfl
theorem coeffs_mul (p q : Poly F) : (p * q).coeffs = mulList p.coeffs q.coeffs := rfl
theorem coeffs_smul (c : F) (p : Poly F) : (c • p).coeffs = smulList c p.coeffs := rfl

@[simp] theorem eval_mk (cs : List F) (x : F) : eval ⟨cs⟩ x = evalList x cs := rfl

@[simp] theorem eval_C (c x : F) : eval (C c) x = c := by
  simp [C, eval]; grind

@[simp] theorem eval_X (x : F) : eval X x = x := by
  simp [X, eval]; grind

@[simp] theorem eval_add (p q : Poly F) (x : F) : eval (p + q) x = eval p x + eval q x :=
  evalList_addList x p.coeffs q.coeffs

@[simp] theorem eval_neg (p : Poly F) (x : F) : eval (-p) x = -eval p x :=
  evalList_negList x p.coeffs

@[simp] theorem eval_sub (p q : Poly F) (x : F) : eval (p - q) x = eval p x - eval q x := by
  rw [sub_def, eval_add, eval_neg]; grind

@[simp] theorem eval_smul (c : F) (p : Poly F) (x : F) : eval (c • p) x = c * eval p x :=
  evalList_smulList x c p.coeffs

@[simp] theorem eval_mul (p q : Poly F) (x : F) : eval (p * q) x = eval p x * eval q x :=
  evalList_mulList x p.coeffs q.coeffs

/-! ## Degree bounds -/

omit [Lean.Grind.Field F] in
theorem DegreeLE.mono {p : Poly F} {d e : Nat} (h : p.DegreeLE d) (hde : d ≤ e) :
    p.DegreeLE e := by
  unfold DegreeLE at *; omega

omit [Lean.Grind.Field F] in
theorem degreeLE_C (c : F) : (C c).DegreeLE 0 := by simp [DegreeLE, C]

theorem degreeLE_X : (X : Poly F).DegreeLE 1 := by simp [DegreeLE, X]

theorem DegreeLE.add {p q : Poly F} {d : Nat} (hp : p.DegreeLE d) (hq : q.DegreeLE d) :
    (p + q).DegreeLE d := by
  unfold DegreeLE at *
  rw [coeffs_add, length_addList]; omega

theorem DegreeLE.neg {p : Poly F} {d : Nat} (hp : p.DegreeLE d) : (-p).DegreeLE d := by
  unfold DegreeLE at *
  rw [coeffs_neg, length_negList]; exact hp

theorem DegreeLE.sub {p q : Poly F} {d : Nat} (hp : p.DegreeLE d) (hq : q.DegreeLE d) :
    (p - q).DegreeLE d :=
  hp.add hq.neg

theorem DegreeLE.smul {p : Poly F} {d : Nat} (c : F) (hp : p.DegreeLE d) :
    (c • p).DegreeLE d := by
  unfold DegreeLE at *
  rw [coeffs_smul, length_smulList]; exact hp

theorem DegreeLE.mul {p q : Poly F} {d e : Nat} (hp : p.DegreeLE d) (hq : q.DegreeLE e) :
    (p * q).DegreeLE (d + e) := by
  unfold DegreeLE at *
  have := length_mulList_le p.coeffs q.coeffs
  rw [coeffs_mul]; omega

/-! ## The zero polynomial -/

/-- A polynomial all of whose coefficients are zero. -/
theorem not_isNonzero_iff {p : Poly F} : ¬ p.IsNonzero ↔ ∀ c ∈ p.coeffs, c = 0 := by
  unfold IsNonzero
  constructor
  · intro h c hc
    exact Classical.byContradiction fun hne => h ⟨c, hc, hne⟩
  · rintro h ⟨c, hc, hne⟩
    exact hne (h c hc)

theorem isNonzero_C {c : F} (hc : c ≠ 0) : (C c).IsNonzero :=
  ⟨c, List.mem_singleton_self c, hc⟩

theorem isNonzero_X : (X : Poly F).IsNonzero :=
  ⟨1, by simp [X], fun h => Lean.Grind.Field.zero_ne_one h.symm⟩

/-- A polynomial that is not nonzero evaluates to zero everywhere. -/
theorem eval_eq_zero_of_not_isNonzero {p : Poly F} (h : ¬ p.IsNonzero) (x : F) :
    eval p x = 0 :=
  evalList_eq_zero_of_forall_eq_zero x p.coeffs (not_isNonzero_iff.mp h)

/-- A polynomial that is nonzero at some point is a nonzero polynomial. -/
theorem isNonzero_of_eval_ne_zero {p : Poly F} {x : F} (h : eval p x ≠ 0) : p.IsNonzero :=
  Classical.byContradiction fun hz => h (eval_eq_zero_of_not_isNonzero hz x)

/-- If `p` and `q` differ at some point, then `p - q` is a nonzero polynomial. -/
theorem isNonzero_sub_of_eval_ne {p q : Poly F} {x : F} (h : eval p x ≠ eval q x) :
    (p - q).IsNonzero :=
  isNonzero_of_eval_ne_zero (x := x) (by rw [eval_sub]; exact sub_ne_zero_of_ne h)

end Poly

end Zkvm
