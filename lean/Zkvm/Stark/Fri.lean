module

public import Zkvm.Stark.Code
public import Zkvm.Stark.Rounds

/-!
# FRI: query soundness from good folding challenges

An abstract FRI with `R` folding steps. Layer `r` has the domain `D r` (a duplicate-free list of
points), the degree bound `d r` and the agreement threshold `t r` (a word is *close* when it
agrees with a polynomial of degree `≤ d r` on at least `t r` points, i.e. `t r = |D r| − e r`
for `e r` errors). The prover's committed layers are the words `f r` (`f 0` is layer 0); after
the last step the prover sends the final polynomial `P` in clear, so `f R = eval P`.
Step `r` maps each point `x` of `D r` to `proj r x` in `D (r+1)` (its `A r`-to-one projection,
`x ↦ x^{A}`) and folds a word with the challenge `β r` (`fold r`); the fold of step `r` may also
add a word `g (r+1)` fixed before FRI (a *roll-in*: the DEEP function of the tables whose
height is that of layer `r + 1`).

**A query** at `x ∈ D 0` checks `f 0 x = F₀ x` (the verifier's own DEEP value) and, for every
step, that the folded value at the projected point equals the next layer's value there
(`pass`).

**Good challenges** (`GoodFold`): `β` is good for `f` at step `r` if whenever the fold agrees
with a polynomial of degree `≤ d (r+1)` on a set `S` of at least `t (r+1)` points, `f` itself
agrees with a polynomial of degree `≤ d r` on all of `proj⁻¹ S`, and the rolled-in word
`g (r+1)` agrees with one on `S`. That few challenges are bad is the proximity-gap property
of the fold (`Zkvm.Stark.Gap`).

**Theorem** (`fri_pass_lt`): if `F₀` is far from degree `d 0` (agrees with every such polynomial
on fewer than `t 0` points) or some rolled-in word is far, and every challenge was good, then
fewer than `t 0` points of `D 0` pass a query. With `s` independent uniform queries, all pass
for at most `(t 0 − 1)^s` of the `|D 0|^s` query tuples (`fri_queries_count`):
`Pr ≤ (1 − δ)^s` with `δ = e 0 / |D 0|`.

The proof walks down the layers: the set of points from which every later check passes either
is below the threshold, or the committed layer agrees with a polynomial on all of it
(`layer_claim`).
-/

public section

noncomputable section

namespace Zkvm.Stark

open Poly Classical

universe u

variable {F : Type u} [Lean.Grind.Field F] [DecidableEq F]

/-- An abstract FRI instance: domains, projections, folds, degree bounds, thresholds, arities,
rolled-in words. -/
structure FriShape (F : Type u) where
  D : Nat → List F
  proj : Nat → F → F
  fold : Nat → (F → F) → F → (F → F)
  d : Nat → Nat
  t : Nat → Nat
  A : Nat → Nat
  g : Nat → (F → F)

variable (S : FriShape F)

/-- The points `x` of layer `r` from which the checks of the steps `r, r+1, …` (`k` of them)
pass, for committed layers `f` and challenges `β`. -/
@[expose] def passAux (f : Nat → F → F) (β : Nat → F) : Nat → Nat → F → Prop
  | 0, _, _ => True
  | k + 1, r, x =>
    S.fold r (f r) (β r) (S.proj r x) = f (r + 1) (S.proj r x) ∧ passAux f β k (r + 1) (S.proj r x)

/-- A word is far at layer `r`: it agrees with every polynomial of degree `≤ d r` on fewer than
`t r` points of `D r`. -/
@[expose] def FarAt (r : Nat) (w : F → F) : Prop :=
  ∀ c : Poly F, c.DegreeLE (S.d r) → agreeCount (S.D r) w (eval c) < S.t r

/-- `β` is a good challenge for the word `f` at step `r` (see the module documentation). -/
@[expose] def GoodFold (r : Nat) (f : F → F) (β : F) : Prop :=
  ∀ T : F → Bool, S.t (r + 1) ≤ (S.D (r + 1)).countP T →
    ∀ c : Poly F, c.DegreeLE (S.d (r + 1)) →
      (∀ y ∈ S.D (r + 1), T y = true → S.fold r f β y = eval c y) →
      (∃ c' : Poly F, c'.DegreeLE (S.d r) ∧ ∀ x ∈ S.D r, T (S.proj r x) = true → f x = eval c' x) ∧
      (∃ c'' : Poly F, c''.DegreeLE (S.d (r + 1)) ∧
        ∀ y ∈ S.D (r + 1), T y = true → S.g (r + 1) y = eval c'' y)

/-- The structural facts about the layers used by the soundness proof. -/
structure FriShape.Valid (R : Nat) : Prop where
  /-- Projection maps each layer into the next. -/
  proj_mem : ∀ r, r < R → ∀ x ∈ S.D r, S.proj r x ∈ S.D (r + 1)
  /-- Each point of the next layer has at most `A r` points above it. -/
  fiber : ∀ r, r < R → ∀ T : F → Bool,
    (S.D r).countP (fun x => T (S.proj r x)) ≤ S.A r * (S.D (r + 1)).countP T
  /-- The thresholds shrink with the domains: `A·(t' − 1) < t`. -/
  thresh : ∀ r, r < R → S.A r * (S.t (r + 1) - 1) < S.t r
  thresh_pos : ∀ r, r ≤ R → 1 ≤ S.t r

/-- The claim of the downward induction: from layer `r`, either fewer than `t r` points pass
the remaining `k` checks, or the committed layer agrees with a polynomial on all of them and no
word rolled in at the later layers is far. -/
theorem layer_claim {R : Nat} (hS : S.Valid R) (f : Nat → F → F) (β : Nat → F) (P : Poly F)
    (hP : P.DegreeLE (S.d R)) (hfR : ∀ y, f R y = eval P y)
    (hgood : ∀ r, r < R → GoodFold S r (f r) (β r)) :
    ∀ k r, r + k = R →
      (S.D r).countP (fun x => decide (passAux S f β k r x)) < S.t r ∨
      ((∃ c : Poly F, c.DegreeLE (S.d r) ∧
          ∀ x ∈ S.D r, passAux S f β k r x → f r x = eval c x) ∧
        ∀ j, r < j → j ≤ R → ¬ FarAt S j (S.g j))
  | 0, r, h => by
    subst h
    refine Or.inr ⟨⟨P, hP, fun x _ _ => hfR x⟩, fun j hj hjR => absurd hjR (by omega)⟩
  | k + 1, r, h => by
    have hr : r < R := by omega
    have ih := layer_claim hS f β P hP hfR hgood k (r + 1) (by omega)
    -- the points of layer r + 1 that pass the next check and the later ones
    let T : F → Bool := fun y => decide (S.fold r (f r) (β r) y = f (r + 1) y ∧
      passAux S f β k (r + 1) y)
    have hpass : ∀ x, passAux S f β (k + 1) r x ↔ T (S.proj r x) = true := by
      intro x; simp [passAux, T]
    have hcount : (S.D r).countP (fun x => decide (passAux S f β (k + 1) r x)) =
        (S.D r).countP (fun x => T (S.proj r x)) :=
      List.countP_congr (fun x _ => by simp only [decide_eq_true_eq]; exact hpass x)
    have hfib := hS.fiber r hr T
    have hth := hS.thresh r hr
    have hpos := hS.thresh_pos (r + 1) (by omega)
    -- if few points of layer r + 1 qualify, few points of layer r pass
    have hsmall : (S.D (r + 1)).countP T < S.t (r + 1) →
        (S.D r).countP (fun x => decide (passAux S f β (k + 1) r x)) < S.t r := by
      intro hT
      rw [hcount]
      have : S.A r * (S.D (r + 1)).countP T ≤ S.A r * (S.t (r + 1) - 1) :=
        Nat.mul_le_mul_left _ (by omega)
      omega
    have hTle : (S.D (r + 1)).countP T ≤
        (S.D (r + 1)).countP (fun y => decide (passAux S f β k (r + 1) y)) :=
      List.countP_mono_left (fun y _ hy => by simp only [T, decide_eq_true_eq] at hy ⊢; exact hy.2)
    rcases ih with hlt | ⟨⟨c, hc, hfc⟩, hfar⟩
    · exact Or.inl (hsmall (by omega))
    · by_cases hbig : S.t (r + 1) ≤ (S.D (r + 1)).countP T
      · have hfold : ∀ y ∈ S.D (r + 1), T y = true → S.fold r (f r) (β r) y = eval c y := by
          intro y hy hTy
          simp only [T, decide_eq_true_eq] at hTy
          rw [hTy.1, hfc y hy hTy.2]
        obtain ⟨⟨c', hc', hfc'⟩, ⟨c'', hc'', hgc''⟩⟩ := hgood r hr T hbig c hc hfold
        refine Or.inr ⟨⟨c', hc', fun x hx hp => hfc' x hx ((hpass x).mp hp)⟩, ?_⟩
        intro j hj hjR
        by_cases hjr : j = r + 1
        · subst hjr
          intro hfarj
          have hag := hfarj c'' hc''
          have : (S.D (r + 1)).countP T ≤ agreeCount (S.D (r + 1)) (S.g (r + 1)) (eval c'') :=
            List.countP_mono_left (fun y hy hTy => by
              simp only [decide_eq_true_eq]; exact hgc'' y hy hTy)
          omega
        · exact hfar j (by omega) hjR
      · exact Or.inl (hsmall (by omega))

/-- **FRI query soundness.** If the verifier's layer-0 word `F₀` is far, or a rolled-in word is
far, and every folding challenge is good, fewer than `t 0` points of `D 0` pass a query. -/
theorem fri_pass_lt {R : Nat} (hS : S.Valid R) (f : Nat → F → F) (β : Nat → F) (P : Poly F)
    (hP : P.DegreeLE (S.d R)) (hfR : ∀ y, f R y = eval P y)
    (hgood : ∀ r, r < R → GoodFold S r (f r) (β r)) (F₀ : F → F)
    (hfar : FarAt S 0 F₀ ∨ ∃ j, 0 < j ∧ j ≤ R ∧ FarAt S j (S.g j)) :
    (S.D 0).countP (fun x => decide (f 0 x = F₀ x ∧ passAux S f β R 0 x)) < S.t 0 := by
  have hmono : (S.D 0).countP (fun x => decide (f 0 x = F₀ x ∧ passAux S f β R 0 x)) ≤
      (S.D 0).countP (fun x => decide (passAux S f β R 0 x)) :=
    List.countP_mono_left (fun x _ h => by simp only [decide_eq_true_eq] at h ⊢; exact h.2)
  rcases layer_claim S hS f β P hP hfR hgood R 0 (by omega) with hlt | ⟨⟨c, hc, hfc⟩, hnofar⟩
  · omega
  · rcases hfar with hF | ⟨j, hj0, hjR, hj⟩
    · have hag := hF c hc
      have : (S.D 0).countP (fun x => decide (f 0 x = F₀ x ∧ passAux S f β R 0 x)) ≤
          agreeCount (S.D 0) F₀ (eval c) :=
        List.countP_mono_left (fun x hx h => by
          simp only [decide_eq_true_eq] at h ⊢
          rw [← h.1]; exact hfc x hx h.2)
      omega
    · exact absurd hj (hnofar j hj0 hjR)

/-! ## Independent queries -/

omit [Lean.Grind.Field F] [DecidableEq F] in
theorem countP_flatMap_cons_all {α : Type u} (p : α → Bool) (L : List (List α)) :
    ∀ D : List α, (D.flatMap (fun c => L.map (c :: ·))).countP (fun q => q.all p) =
      D.countP p * L.countP (fun q => q.all p)
  | [] => by simp
  | a :: D => by
    have ih := countP_flatMap_cons_all p L D
    simp only [List.flatMap_cons, List.countP_append, List.countP_map, List.countP_cons, ih]
    have hcomp : ((fun q => q.all p) ∘ (a :: ·)) = (fun q => p a && q.all p) := by
      funext q; simp [List.all_cons]
    rw [hcomp]
    cases hpa : p a
    · simp
    · simp only [Bool.true_and, if_pos]
      rw [Nat.succ_mul]; omega

omit [Lean.Grind.Field F] [DecidableEq F] in
/-- `s` independent queries all pass for `(#passing)^s` of the `|D|^s` query tuples. -/
theorem countP_seqs_replicate_all {α : Type u} (D : List α) (p : α → Bool) :
    ∀ s : Nat, (seqs (List.replicate s D)).countP (fun q => q.all p) = (D.countP p) ^ s
  | 0 => by simp [seqs]
  | s + 1 => by
    simp only [List.replicate_succ, seqs, countP_flatMap_cons_all, countP_seqs_replicate_all D p s,
      Nat.pow_succ, Nat.mul_comm]

/-- **FRI with `s` queries.** Under the hypotheses of `fri_pass_lt`, at most `(t 0 − 1)^s` of the
`|D 0|^s` tuples of `s` query positions pass every check: `Pr ≤ ((t 0 − 1)/|D 0|)^s`. -/
theorem fri_queries_count {R : Nat} (hS : S.Valid R) (f : Nat → F → F) (β : Nat → F)
    (P : Poly F) (hP : P.DegreeLE (S.d R)) (hfR : ∀ y, f R y = eval P y)
    (hgood : ∀ r, r < R → GoodFold S r (f r) (β r)) (F₀ : F → F)
    (hfar : FarAt S 0 F₀ ∨ ∃ j, 0 < j ∧ j ≤ R ∧ FarAt S j (S.g j)) (s : Nat) :
    (seqs (List.replicate s (S.D 0))).countP
        (fun q => q.all (fun x => decide (f 0 x = F₀ x ∧ passAux S f β R 0 x))) ≤
      (S.t 0 - 1) ^ s := by
  rw [countP_seqs_replicate_all]
  exact Nat.pow_le_pow_left (by have := fri_pass_lt S hS f β P hP hfR hgood F₀ hfar; omega) s

end Zkvm.Stark

end
