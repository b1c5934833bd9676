module

public import Zkvm.Stark.Fri

/-!
# Proximity gaps: the named assumption and what follows from it

Both random combinations of the protocol are *curves*: the DEEP function is
`Σᵢ γⁱ uᵢ` over the DEEP quotients of the columns (`γ` powers), and a FRI step of arity `A`
folds `f` into `Σ_{i<A} βⁱ uᵢ + β^A g` over the components `uᵢ` of `f` and the rolled-in word
`g`. Their soundness rests on **correlated agreement for curves** (`CurveAgreement`): if more
than `ε` points `z` put `Σ_{i≤l} zⁱ wᵢ` close to the code, then all `wᵢ` agree with
polynomials on one common large set.

**Named assumption** (`ProximityGapUDR`, not proved here): Ben-Sasson, Carmon, Ishai, Kopparty,
Saraf, *Proximity Gaps for Reed–Solomon Codes* (FOCS 2020; J. ACM 2023), Theorem 1.5
(correlated agreement over curves of degree `l`) with the unique-decoding error of their
Theorem 1.4 (`ε = n/q` per unit of degree): for every evaluation domain `D` of `N` distinct
points, degree bound `d` and agreement threshold `t` strictly inside the unique-decoding radius
(`N + d + 2 ≤ 2t`, i.e. `δ < (1 − ρ)/2`), `CurveAgreement D d t l (l·N)`. It is a hypothesis
of the theorems that use it, never an axiom.

Proved from it:

* `curve_strong`: outside at most `ε + l·N` points `z`, *every* codeword close to the curve
  point comes from the common polynomials, on all of its agreement set (so agreement sets
  cannot drift off the correlated set);
* `goodFold_of_curve`: for a fold with the curve structure (`CurveFold`), at most `ε + A·N'`
  challenges are not `GoodFold`, the property the FRI soundness proof needs;
* `batch_far`: if one of the batched words is far, the batch is far for all but `ε` challenges.
-/

public section

noncomputable section

namespace Zkvm.Stark

open Poly Classical

universe u

variable {F : Type u} [Lean.Grind.Field F] [DecidableEq F]

/-- `Σ_{i ≤ l} zⁱ aᵢ`, as Horner evaluation of the coefficient list `[a₀, …, a_l]`. -/
@[expose] def curveAt (a : Nat → F) (l : Nat) (z : F) : F := evalList z ((List.range (l + 1)).map a)

/-- The point `z` of the curve with coefficient words `w₀, …, w_l`. -/
@[expose] def curve (w : Nat → F → F) (l : Nat) (z : F) : F → F := fun y => curveAt (fun i => w i y) l z

/-- `u` agrees with a polynomial of degree `≤ d` on at least `t` points of `D`. -/
@[expose] def CloseAt (D : List F) (d t : Nat) (u : F → F) : Prop :=
  ∃ c : Poly F, c.DegreeLE d ∧ t ≤ agreeCount D u (eval c)

/-- **Correlated agreement for curves of degree `l` with error `ε`** on the domain `D`, degree
bound `d`, agreement threshold `t`. -/
@[expose] def CurveAgreement (D : List F) (d t l ε : Nat) : Prop :=
  ∀ w : Nat → F → F, ¬ AtMost (fun z => CloseAt D d t (curve w l z)) ε →
    ∃ p : Nat → Poly F, (∀ i, i ≤ l → (p i).DegreeLE d) ∧
      t ≤ D.countP (fun y => decide (∀ i, i ≤ l → w i y = eval (p i) y))

/-- **Named assumption: proximity gaps for Reed–Solomon codes in the unique-decoding regime**
(BCIKS20, Theorem 1.5 with the unique-decoding error `n/q` of Theorem 1.4): curves of degree `l`
have correlated agreement with error `l·N`, for every domain of `N` distinct points and every
threshold strictly inside the unique-decoding radius. -/
@[expose] def ProximityGapUDR (F : Type u) [Lean.Grind.Field F] [DecidableEq F] : Prop :=
  ∀ (D : List F) (d t l : Nat), D.Nodup → D.length + d + 2 ≤ 2 * t →
    CurveAgreement D d t l (l * D.length)

/-! ## Curves as polynomials in the parameter -/

omit [DecidableEq F] in
theorem curveAt_succ (a : Nat → F) (l : Nat) (z : F) :
    curveAt a (l + 1) z = curveAt a l z + z ^ (l + 1) * a (l + 1) := by
  simp only [curveAt]
  rw [List.range_succ, List.map_append, List.map_singleton]
  have := evalList_append_single z (a (l + 1)) ((List.range (l + 1)).map a)
  simp only [List.length_map, List.length_range] at this
  rw [this]

omit [DecidableEq F] in
theorem curveAt_sub (a b : Nat → F) (l : Nat) (z : F) :
    curveAt a l z - curveAt b l z = curveAt (fun i => a i - b i) l z := by
  induction l with
  | zero => simp [curveAt]; grind
  | succ l ih => rw [curveAt_succ, curveAt_succ, curveAt_succ, ← ih]; grind

omit [DecidableEq F] in
/-- `curveAt` reads only the coefficients `0 … l`. -/
theorem curveAt_congr {a b : Nat → F} (z : F) : ∀ l, (∀ i, i ≤ l → a i = b i) →
    curveAt a l z = curveAt b l z
  | 0, h => by simp [curveAt, h 0 (Nat.le_refl 0)]
  | l + 1, h => by
    rw [curveAt_succ, curveAt_succ, curveAt_congr z l (fun i hi => h i (by omega)),
      h (l + 1) (Nat.le_refl _)]

omit [DecidableEq F] in
/-- A nonzero coefficient makes the curve vanish at most `l` times. -/
theorem atMost_curveAt_eq_zero {a : Nat → F} {l : Nat} {i : Nat} (hi : i ≤ l) (ha : a i ≠ 0) :
    AtMost (fun z => curveAt a l z = 0) l := by
  have hnz : (⟨(List.range (l + 1)).map a⟩ : Poly F).IsNonzero :=
    ⟨a i, List.mem_map.mpr ⟨i, List.mem_range.mpr (by omega), rfl⟩, ha⟩
  have hdeg : (⟨(List.range (l + 1)).map a⟩ : Poly F).DegreeLE l := by
    simp [DegreeLE]
  exact (atMost_eval_eq_zero hnz hdeg).of_imp (fun z h => h)

/-- The polynomial `Σ_{i ≤ l} zⁱ pᵢ`. -/
@[expose] def curvePoly (p : Nat → Poly F) : Nat → F → Poly F
  | 0, _ => p 0
  | l + 1, z => curvePoly p l z + (z ^ (l + 1)) • p (l + 1)

omit [DecidableEq F] in
theorem eval_curvePoly (p : Nat → Poly F) (z y : F) : ∀ l,
    eval (curvePoly p l z) y = curveAt (fun i => eval (p i) y) l z
  | 0 => by simp [curvePoly, curveAt]; grind
  | l + 1 => by rw [curvePoly, eval_add, eval_smul, eval_curvePoly p z y l, curveAt_succ]

omit [DecidableEq F] in
theorem degreeLE_curvePoly {p : Nat → Poly F} {d : Nat} (hp : ∀ i, i ≤ d' → (p i).DegreeLE d)
    (z : F) : ∀ l, l ≤ d' → (curvePoly p l z).DegreeLE d
  | 0, _ => hp 0 (Nat.zero_le _)
  | l + 1, h => (degreeLE_curvePoly hp z l (by omega)).add ((hp (l + 1) h).smul _)

/-! ## The strong form -/

/-- Some codeword agrees with the curve point on a large set `T` on which the words are not all
given by polynomials of degree `≤ d`. -/
@[expose] def CurveBad (D : List F) (d t : Nat) (w : Nat → F → F) (l : Nat) (z : F) : Prop :=
  ∃ T : F → Bool, t ≤ D.countP T ∧ ∃ c : Poly F, c.DegreeLE d ∧
    (∀ y ∈ D, T y = true → curve w l z y = eval c y) ∧
    ¬ ∃ p : Nat → Poly F, (∀ i, i ≤ l → (p i).DegreeLE d) ∧
      ∀ y ∈ D, T y = true → ∀ i, i ≤ l → w i y = eval (p i) y

/-- **Strong correlated agreement.** Under `CurveAgreement` inside the unique-decoding radius,
at most `ε + l·N` points of the curve are `CurveBad`. -/
theorem curve_strong {D : List F} (hD : D.Nodup) {d t l ε : Nat} (hCA : CurveAgreement D d t l ε)
    (hudr : D.length + d + 1 ≤ 2 * t) (w : Nat → F → F) :
    AtMost (CurveBad D d t w l) (ε + l * D.length) := by
  by_cases hfew : AtMost (fun z => CloseAt D d t (curve w l z)) ε
  · refine (hfew.mono (Nat.le_add_right _ _)).of_imp ?_
    rintro z ⟨T, hT, c, hc, hcT, -⟩
    refine ⟨c, hc, Nat.le_trans hT (List.countP_mono_left (fun y hy hTy => ?_))⟩
    simp only [decide_eq_true_eq]; exact hcT y hy hTy
  · obtain ⟨p, hp, hTP⟩ := hCA w hfew
    let TP : F → Bool := fun y => decide (∀ i, i ≤ l → w i y = eval (p i) y)
    -- the points off the correlated set, each a root of a nonzero polynomial of degree ≤ l
    let off := D.filter (fun y => !TP y)
    have hoff : off.length ≤ D.length := List.length_filter_le _ _
    have hroots := AtMost.exists_mem
      (fun y z => curveAt (fun i => w i y - eval (p i) y) l z = 0) (fun _ => l) off
      (fun y hy => by
        have hy' := (List.mem_filter.mp hy).2
        simp only [TP, Bool.not_eq_true', decide_eq_false_iff_not] at hy'
        obtain ⟨i, hi, hne⟩ : ∃ i, i ≤ l ∧ w i y ≠ eval (p i) y := by
          refine Classical.byContradiction fun h => hy' fun i hi => ?_
          exact Classical.byContradiction fun hne => h ⟨i, hi, hne⟩
        exact atMost_curveAt_eq_zero hi (sub_ne_zero_of_ne hne))
    rw [sum_map_const] at hroots
    refine (hroots.mono ?_).of_imp ?_
    · have := Nat.mul_le_mul_right l hoff
      rw [Nat.mul_comm l]; omega
    · rintro z ⟨T, hT, c, hc, hcT, hnot⟩
      -- the codeword is the curve of the common polynomials
      have hPz := degreeLE_curvePoly (d' := l) hp z l (Nat.le_refl l)
      let I := D.filter (fun y => T y && TP y)
      have hI : d + 1 ≤ I.length := by
        have := countP_add_countP_le T TP D
        have hIlen : I.length = D.countP (fun y => T y && TP y) := List.countP_eq_length_filter.symm
        have hTP' : t ≤ D.countP TP := hTP
        have hlen : D.countP TP ≤ D.length := List.countP_le_length
        omega
      have hceq : ∀ x, eval c x = eval (curvePoly p l z) x :=
        eval_eq_of_agree hc hPz (nodup_filter hD _) hI (fun y hy => by
          obtain ⟨hyD, hyT⟩ := List.mem_filter.mp hy
          simp only [Bool.and_eq_true] at hyT
          have hTPy : ∀ i, i ≤ l → w i y = eval (p i) y := by simpa [TP] using hyT.2
          rw [← hcT y hyD hyT.1, eval_curvePoly]
          exact curveAt_congr z l hTPy)
      -- the common polynomials fail somewhere on `T`
      obtain ⟨y, hyD, hTy, hfail⟩ : ∃ y ∈ D, T y = true ∧ ¬ ∀ i, i ≤ l → w i y = eval (p i) y := by
        refine Classical.byContradiction fun h => hnot ⟨p, hp, fun y hy hTy => ?_⟩
        exact Classical.byContradiction fun hf => h ⟨y, hy, hTy, hf⟩
      refine ⟨y, List.mem_filter.mpr ⟨hyD, by simpa [TP] using hfail⟩, ?_⟩
      show curveAt (fun i => w i y - eval (p i) y) l z = 0
      rw [← curveAt_sub]
      have h1 := hcT y hyD hTy
      simp only [curve] at h1
      rw [h1, hceq, eval_curvePoly]; grind

/-! ## Good folding challenges -/

/-- A FRI step whose fold is a curve: `fold f β y = Σ_{i<A} βⁱ uᵢ(y) + β^A g(y)` with the
components `uᵢ = comp f i` of `f`, and components given by polynomials `pᵢ` (degree `≤ d'`) at
`y` mean that `f` agrees on the whole fiber of `y` with one polynomial of degree `≤ d` (namely
`Σ_{i<A} Xⁱ pᵢ(X^A)`). -/
structure CurveFold (S : FriShape F) (r : Nat) where
  comp : (F → F) → Nat → F → F
  fold_eq : ∀ f β, ∀ y ∈ S.D (r + 1),
    S.fold r f β y = curveAt (fun i => if i < S.A r then comp f i y else S.g (r + 1) y) (S.A r) β
  lift : ∀ p : Nat → Poly F, (∀ i, i < S.A r → (p i).DegreeLE (S.d (r + 1))) →
    ∃ P : Poly F, P.DegreeLE (S.d r) ∧ ∀ f, ∀ x ∈ S.D r,
      (∀ i, i < S.A r → comp f i (S.proj r x) = eval (p i) (S.proj r x)) → f x = eval P x

/-- **Few bad folding challenges.** For a fold with the curve structure, correlated agreement
with error `ε` on the next layer (inside the unique-decoding radius) leaves at most
`ε + A·N'` challenges that are not `GoodFold`. -/
theorem goodFold_of_curve {S : FriShape F} {r : Nat} (cf : CurveFold S r)
    (hproj : ∀ x ∈ S.D r, S.proj r x ∈ S.D (r + 1)) (hD : (S.D (r + 1)).Nodup) {ε : Nat}
    (hCA : CurveAgreement (S.D (r + 1)) (S.d (r + 1)) (S.t (r + 1)) (S.A r) ε)
    (hudr : (S.D (r + 1)).length + S.d (r + 1) + 1 ≤ 2 * S.t (r + 1)) (f : F → F) :
    AtMost (fun β => ¬ GoodFold S r f β) (ε + S.A r * (S.D (r + 1)).length) := by
  let w : Nat → F → F := fun i y => if i < S.A r then cf.comp f i y else S.g (r + 1) y
  refine (curve_strong hD hCA hudr w).of_imp ?_
  intro β hbad
  refine Classical.byContradiction fun hnb => hbad ?_
  intro T hT c hc hfold
  have hnot : ∃ p : Nat → Poly F, (∀ i, i ≤ S.A r → (p i).DegreeLE (S.d (r + 1))) ∧
      ∀ y ∈ S.D (r + 1), T y = true → ∀ i, i ≤ S.A r → w i y = eval (p i) y := by
    refine Classical.byContradiction fun hno => hnb ⟨T, hT, c, hc, fun y hy hTy => ?_, hno⟩
    rw [← hfold y hy hTy, cf.fold_eq f β y hy]; rfl
  obtain ⟨p, hp, hpT⟩ := hnot
  obtain ⟨P, hP, hlift⟩ := cf.lift p (fun i hi => hp i (by omega))
  refine ⟨⟨P, hP, fun x hx hTx => hlift f x hx (fun i hi => ?_)⟩, ⟨p (S.A r), hp _ (Nat.le_refl _),
    fun y hy hTy => ?_⟩⟩
  · have := hpT (S.proj r x) (hproj x hx) hTx i (by omega)
    simp only [w, hi, if_true] at this
    exact this
  · have := hpT y hy hTy (S.A r) (Nat.le_refl _)
    simp only [w, Nat.lt_irrefl, if_false] at this
    exact this

/-! ## Batching -/

/-- **Batching.** If one coefficient word of a curve is far (agrees with no polynomial of degree
`≤ d` on `t` points), the curve point is close for at most `ε` parameters. -/
theorem batch_far {D : List F} {d t l ε : Nat} (hCA : CurveAgreement D d t l ε)
    {w : Nat → F → F} {j : Nat} (hj : j ≤ l)
    (hfar : ∀ c : Poly F, c.DegreeLE d → agreeCount D (w j) (eval c) < t) :
    AtMost (fun z => CloseAt D d t (curve w l z)) ε := by
  refine Classical.byContradiction fun hmany => ?_
  obtain ⟨p, hp, hT⟩ := hCA w hmany
  have := hfar (p j) (hp j hj)
  have hle : D.countP (fun y => decide (∀ i, i ≤ l → w i y = eval (p i) y)) ≤
      agreeCount D (w j) (eval (p j)) :=
    List.countP_mono_left (fun y _ h => by
      simp only [decide_eq_true_eq] at h ⊢; exact h j hj)
  omega

end Zkvm.Stark

end
