module

public import Zkvm.Stark.ComposeGamma

/-!
# The composition, FRI: folding rounds and the query round

* `escaped_mid`, `escaped_last`: what `Escaped` means during FRI and after the queries.
* `curveFoldOf`: every FRI step of the protocol is a curve fold (`CurveFold`), its lift from
  `IopValid.lift`.
* `round_fold`: during FRI (after `4 + r` challenges, `r < R`), from a doomed state at most
  `2·A_r·|D_{r+1}|` challenges `β_r` escape (`goodFold_of_curve` under `ProximityGapUDR`).
* `round_query`: from a doomed state after the last folding challenge, at most
  `(t_0 − 1)^s` of the `|D_0|^s` query tuples make the verifier accept (`fri_queries_count`).
-/

public section

noncomputable section

namespace Zkvm.Stark

open Zkvm.Spec Poly Classical

universe u

variable {E : Type u} [Lean.Grind.Field E] [DecidableEq E] [Inhabited E]
variable (sh : IopShape E) (pr : Prover E)

theorem escaped_mid (τ : List (Chal E)) (h4 : 4 ≤ τ.length) (h5 : τ.length < 5 + sh.R) :
    Escaped sh pr τ ↔ ¬ (Doom4 sh pr τ ∧ ∀ r, 4 + r < τ.length →
        GoodFold (friShapeOf sh pr τ) r (layerOf sh pr τ r) (friBetaOf τ r)) := by
  unfold Escaped
  rw [if_neg (by omega), if_neg (by omega), if_neg (by omega), if_neg (by omega), if_pos h5]

theorem escaped_last (τ : List (Chal E)) (h : τ.length = 5 + sh.R) :
    Escaped sh pr τ ↔ accepts sh pr τ := by
  unfold Escaped
  rw [if_neg (by omega), if_neg (by omega), if_neg (by omega), if_neg (by omega),
    if_neg (by omega)]

/-- Every FRI step of the protocol folds along a curve. -/
@[expose] def curveFoldOf {deg : Nat → Nat} {L : Nat} (hv : IopValid sh deg L) (g : Nat → E → E)
    {r : Nat} (hr : r < sh.R) : CurveFold (sh.kernel.shape g) r where
  comp := sh.kernel.comp r
  fold_eq := fun _ _ _ _ => rfl
  lift := hv.lift r hr

/-- **Folding round.** After `4 + r` challenges (`r < R`), from a doomed state at most
`2·A_r·|D_{r+1}|` challenges `β_r` escape. -/
theorem round_fold {deg : Nat → Nat} {L : Nat} (hv : IopValid sh deg L) (hPG : ProximityGapUDR E)
    {r : Nat} (hr : r < sh.R) (τ : List (Chal E)) (hτ : τ.length = 4 + r)
    (hd : ¬ Escaped sh pr τ) {Eall : List E} (hE : Eall.Nodup) :
    (Eall.map Chal.one).countP (fun c => decide (Escaped sh pr (τ ++ [c]))) ≤
      2 * (sh.kernel.A r * (sh.kernel.D (r + 1)).length) := by
  rw [List.countP_map]
  have h4 : 4 ≤ τ.length := by omega
  rw [escaped_mid sh pr τ h4 (by omega), Decidable.not_not] at hd
  obtain ⟨hd4, hgood⟩ := hd
  let S := friShapeOf sh pr τ
  have hu := hv.udr (r + 1) (by omega)
  have hCA := hPG (sh.kernel.D (r + 1)) (sh.kernel.d (r + 1)) (sh.kernel.t (r + 1)) (sh.kernel.A r)
    (hv.D_nodup _ (by omega)) (by omega)
  have hat := goodFold_of_curve (S := S) (r := r) (curveFoldOf sh hv (deepFun sh pr τ) hr)
    ((hv.layers (deepFun sh pr τ)).proj_mem r hr) (hv.D_nodup _ (by omega)) hCA (by
      show (sh.kernel.D (r + 1)).length + sh.kernel.d (r + 1) + 1 ≤ 2 * sh.kernel.t (r + 1)
      omega) (layerOf sh pr τ r)
  have hb := hat.countP_le hE
  refine Nat.le_trans (List.countP_mono_left fun b _ h => ?_) (Nat.le_trans hb (by
    show sh.kernel.A r * (sh.kernel.D (r + 1)).length + sh.kernel.A r * (sh.kernel.D (r + 1)).length
      ≤ _
    omega))
  simp only [Function.comp, decide_eq_true_eq] at h ⊢
  rw [escaped_mid sh pr _ (by simp; omega) (by simp; omega)] at h
  intro hgb
  apply h
  refine ⟨by rw [doom4_append sh pr _ h4]; exact hd4, fun r' hr' => ?_⟩
  simp only [List.length_append, List.length_singleton] at hr'
  rw [friShapeOf_append sh pr _ h4, layerOf_append sh pr _ (by omega)]
  by_cases hlt : r' < r
  · rw [friBetaOf_append _ (by omega)]
    exact hgood r' (by omega)
  · have : r' = r := by omega
    subst this
    rw [friBetaOf_append_last hτ]
    exact hgb

/-! ## The query round -/

omit [Lean.Grind.Field E] [DecidableEq E] in
theorem queriesOf_append {τ : List (Chal E)} {q : List E} (h : τ.length = 4 + sh.R) :
    queriesOf sh (τ ++ [Chal.pts q]) = q := by
  simp [queriesOf, List.getD_eq_getElem?_getD, h, Chal.list]

omit [Lean.Grind.Field E] [DecidableEq E] in
theorem friBetaOf_append_pts {τ : List (Chal E)} {q : List E} (h : τ.length = 4 + sh.R) :
    friBetaOf (τ ++ [Chal.pts q]) = fun r => if r < sh.R then friBetaOf τ r else default := by
  funext r
  by_cases hr : r < sh.R
  · rw [if_pos hr, friBetaOf_append _ (by omega)]
  · rw [if_neg hr]
    simp only [friBetaOf, List.getD_eq_getElem?_getD]
    by_cases hrR : r = sh.R
    · subst hrR
      simp [h, Chal.fst]
    · rw [List.getElem?_eq_none (by simp; omega)]
      rfl

/-- **Query round.** After the last folding challenge, from a doomed state at most `(t_0 − 1)^s`
of the `|D_0|^s` query tuples make the verifier accept. -/
theorem round_query {deg : Nat → Nat} {L : Nat} (hv : IopValid sh deg L) (τ : List (Chal E))
    (hτ : τ.length = 4 + sh.R) (hd : ¬ Escaped sh pr τ) :
    ((seqs (List.replicate sh.numQueries (sh.kernel.D 0))).map Chal.pts).countP
        (fun c => decide (Escaped sh pr (τ ++ [c]))) ≤ (sh.kernel.t 0 - 1) ^ sh.numQueries := by
  rw [List.countP_map]
  have h4 : 4 ≤ τ.length := by omega
  have h1 : 1 ≤ τ.length := by omega
  have h3 : 3 ≤ τ.length := by omega
  rw [escaped_mid sh pr τ h4 (by omega), Decidable.not_not] at hd
  obtain ⟨hd4, hgood⟩ := hd
  -- what an accepted query tuple gives
  have hacc : ∀ q : List E, Escaped sh pr (τ ++ [Chal.pts q]) →
      busCheck sh pr τ ∧ fixedCheck sh pr τ ∧ oodCheck sh pr τ ∧ finalCheck sh pr τ ∧
      q.all (fun x => decide (layerOf sh pr τ 0 x = deepFun sh pr τ 0 x ∧
        passAux (friShapeOf sh pr τ) (layerOf sh pr τ)
          (fun r => if r < sh.R then friBetaOf τ r else default) sh.R 0 x)) = true := by
    intro q h
    rw [escaped_last sh pr _ (by simp; omega)] at h
    obtain ⟨hb, hf, ho, hfin, hq⟩ := h
    rw [busCheck_append' sh pr _ h1] at hb
    rw [fixedCheck_append sh pr _ h3] at hf
    rw [oodCheck_append sh pr _ h3] at ho
    rw [finalCheck_append sh pr _ (by omega)] at hfin
    refine ⟨hb, hf, ho, hfin, List.all_eq_true.mpr fun x hx => ?_⟩
    simp only [queryCheck, queriesOf_append sh hτ, friShapeOf_append sh pr _ h4,
      deepFun_append sh pr _ h4, friBetaOf_append_pts sh hτ] at hq
    have hl : layerOf sh pr (τ ++ [Chal.pts q]) = layerOf sh pr τ := by
      funext r; exact layerOf_append sh pr _ (by omega)
    rw [hl] at hq
    exact decide_eq_true (hq x hx)
  by_cases hall : busCheck sh pr τ ∧ fixedCheck sh pr τ ∧ oodCheck sh pr τ ∧ finalCheck sh pr τ
  · obtain ⟨hb, hf, ho, hfin⟩ := hall
    -- some layer's DEEP function is far
    have hfar : ∃ j, j ≤ sh.R ∧ FarAt (friShapeOf sh pr τ) j (deepFun sh pr τ j) := by
      rcases hd4 with h | h | h | h
      · exact absurd hb h
      · exact absurd hf h
      · exact absurd ho h
      · exact h
    obtain ⟨j, hj, hfj⟩ := hfar
    have hcount := fri_queries_count (friShapeOf sh pr τ) (hv.layers (deepFun sh pr τ))
      (layerOf sh pr τ) (fun r => if r < sh.R then friBetaOf τ r else default)
      (pr.final (τ.take (4 + sh.R))) hfin
      (fun y => by simp [layerOf])
      (fun r hr => by simp only [if_pos hr]; exact hgood r (by omega))
      (deepFun sh pr τ 0)
      (by
        by_cases hj0 : j = 0
        · subst hj0; exact Or.inl hfj
        · exact Or.inr ⟨j, by omega, hj, hfj⟩)
      sh.numQueries
    refine Nat.le_trans (List.countP_mono_left fun q _ h => ?_) hcount
    simp only [Function.comp, decide_eq_true_eq] at h
    exact (hacc q h).2.2.2.2
  · rw [List.countP_eq_zero.mpr fun q _ h => by
      simp only [Function.comp, decide_eq_true_eq] at h
      obtain ⟨hb, hf, ho, hfin, -⟩ := hacc q h
      exact hall ⟨hb, hf, ho, hfin⟩]
    exact Nat.zero_le _

end Zkvm.Stark

end
