module

public import Zkvm.Stark.ComposeZeta

/-!
# The composition: what the later rounds leave unchanged, and batches as curves

* Prefix stability after `ζ`: the claimed values, the checks `fixedCheck`, `oodCheck`, the DEEP
  terms; after `γ`: the DEEP functions and the FRI instance; after the folding challenges: the
  committed FRI layers and earlier challenges.
* `batch_eq_curve`: the batch `Σ_i γ^i w_i` of a nonempty list is the curve of its words, and
  `atMost_batch_close`: under `ProximityGapUDR`, a batch containing a far word is close for at
  most `(|ws| − 1)·N` values of `γ` (`batch_far`).
* `length_classTerms`: layer `j` has `classSize j` DEEP terms.
-/

public section

noncomputable section

namespace Zkvm.Stark

open Zkvm.Spec Poly Classical

universe u

variable {E : Type u} [Lean.Grind.Field E] [DecidableEq E] [Inhabited E]
variable (sh : IopShape E) (pr : Prover E)

section stable

variable {τ : List (Chal E)} (c : Chal E)

omit [Lean.Grind.Field E] [DecidableEq E] in
theorem zetaOf_append_of_three (h : 3 ≤ τ.length) : zetaOf (τ ++ [c]) = zetaOf τ := by
  simp only [zetaOf]; rw [getD_append_lt τ c default (by omega)]

omit [Lean.Grind.Field E] [DecidableEq E] in
theorem gammaOf_append_of_four (h : 4 ≤ τ.length) : gammaOf (τ ++ [c]) = gammaOf τ := by
  simp only [gammaOf]; rw [getD_append_lt τ c default (by omega)]

omit [Lean.Grind.Field E] [DecidableEq E] in
theorem gammaOf_append {γ : E} (h : τ.length = 3) : gammaOf (τ ++ [Chal.one γ]) = γ := by
  simp [gammaOf, List.getD_eq_getElem?_getD, h, Chal.fst]

omit [Lean.Grind.Field E] [DecidableEq E] in
theorem friBetaOf_append {r : Nat} (h : 4 + r < τ.length) : friBetaOf (τ ++ [c]) r = friBetaOf τ r := by
  simp only [friBetaOf]; rw [getD_append_lt τ c default h]

omit [Lean.Grind.Field E] [DecidableEq E] in
theorem friBetaOf_append_last {r : Nat} {b : E} (h : τ.length = 4 + r) :
    friBetaOf (τ ++ [Chal.one b]) r = b := by
  simp [friBetaOf, List.getD_eq_getElem?_getD, h, Chal.fst]

omit [DecidableEq E] in
theorem busCheck_append' (h : 1 ≤ τ.length) : busCheck sh pr (τ ++ [c]) = busCheck sh pr τ := by
  simp only [busCheck, sigmaOf_append pr c h, chiOf_append c h, betaOf_append c h]

omit [DecidableEq E] in
theorem claimedRow_append (h : 3 ≤ τ.length) (t : Nat) :
    claimedRow sh pr (τ ++ [c]) t = claimedRow sh pr τ t := by
  simp only [claimedRow, take_append_le τ c h, zetaOf_append_of_three c h]

omit [Lean.Grind.Field E] [DecidableEq E] [Inhabited E] in
theorem claimedChunks_append (h : 3 ≤ τ.length) (t : Nat) :
    claimedChunks sh pr (τ ++ [c]) t = claimedChunks sh pr τ t := by
  simp only [claimedChunks, take_append_le τ c h]

omit [DecidableEq E] in
theorem fixedCheck_append (h : 3 ≤ τ.length) : fixedCheck sh pr (τ ++ [c]) = fixedCheck sh pr τ := by
  simp only [fixedCheck, take_append_le τ c h, zetaOf_append_of_three c h]

omit [DecidableEq E] in
theorem oodCheck_append (h : 3 ≤ τ.length) : oodCheck sh pr (τ ++ [c]) = oodCheck sh pr τ := by
  have h1 : 1 ≤ τ.length := by omega
  simp only [oodCheck, claimedRow_append sh pr c h, claimedChunks_append sh pr c h,
    chiOf_append c h1, betaOf_append c h1, sigmaOf_append pr c h1, zetaOf_append_of_three c h,
    alphaOf_append_of_two (τ := τ) c (by omega)]

omit [DecidableEq E] in
theorem deepTerms_append (h : 3 ≤ τ.length) (t : Nat) :
    deepTerms sh pr (τ ++ [c]) t = deepTerms sh pr τ t := by
  simp only [deepTerms, take_append_le τ c h, take_append_le τ c (show 1 ≤ τ.length by omega),
    take_append_le τ c (show 2 ≤ τ.length by omega), zetaOf_append_of_three c h]

omit [DecidableEq E] in
theorem classTerms_append (h : 3 ≤ τ.length) (j : Nat) :
    classTerms sh pr (τ ++ [c]) j = classTerms sh pr τ j := by
  simp only [classTerms]
  congr 1
  funext t
  exact deepTerms_append sh pr c h t

omit [DecidableEq E] in
theorem deepFun_append_gamma {γ : E} (h : τ.length = 3) (j : Nat) :
    deepFun sh pr (τ ++ [Chal.one γ]) j = batch (deepWords (classTerms sh pr τ j)) γ := by
  simp only [deepFun, classTerms_append sh pr _ (show 3 ≤ τ.length by omega), gammaOf_append h]

omit [DecidableEq E] in
theorem deepFun_append (h : 4 ≤ τ.length) : deepFun sh pr (τ ++ [c]) = deepFun sh pr τ := by
  funext j
  simp only [deepFun, classTerms_append sh pr _ (show 3 ≤ τ.length by omega),
    gammaOf_append_of_four c h]

omit [DecidableEq E] in
theorem friShapeOf_append (h : 4 ≤ τ.length) : friShapeOf sh pr (τ ++ [c]) = friShapeOf sh pr τ := by
  simp only [friShapeOf, deepFun_append sh pr c h]

omit [DecidableEq E] [Inhabited E] in
theorem layerOf_append {r : Nat} (h : 4 + min r sh.R ≤ τ.length) :
    layerOf sh pr (τ ++ [c]) r = layerOf sh pr τ r := by
  unfold layerOf
  by_cases hr : r < sh.R
  · rw [if_pos hr, if_pos hr, take_append_le τ c (by omega)]
  · rw [if_neg hr, if_neg hr, take_append_le τ c (by omega)]

omit [Lean.Grind.Field E] [DecidableEq E] [Inhabited E] in
theorem finalCheck_append (h : 4 + sh.R ≤ τ.length) :
    finalCheck sh pr (τ ++ [c]) = finalCheck sh pr τ := by
  simp only [finalCheck, take_append_le τ c h]

theorem doom4_append (h : 4 ≤ τ.length) : Doom4 sh pr (τ ++ [c]) = Doom4 sh pr τ := by
  have h1 : 1 ≤ τ.length := by omega
  have h3 : 3 ≤ τ.length := by omega
  simp only [Doom4, busCheck_append' sh pr c h1, fixedCheck_append sh pr c h3,
    oodCheck_append sh pr c h3, friShapeOf_append sh pr c h, deepFun_append sh pr c h]

end stable

/-! ## Batches are curves -/

omit [DecidableEq E] [Inhabited E] in
theorem batch_eq_curve (ws : List (E → E)) (hne : ws ≠ []) (γ : E) :
    batch ws γ = curve (fun i => ws.getD i (fun _ => 0)) (ws.length - 1) γ := by
  funext x
  simp only [batch, curve, curveAt]
  congr 1
  have hl : ws.length - 1 + 1 = ws.length := by
    cases ws with
    | nil => exact absurd rfl hne
    | cons _ _ => simp
  rw [hl]
  apply List.ext_getElem (by simp)
  intro i h1 h2
  have hi : i < ws.length := by simpa using h1
  simp [List.getD_eq_getElem?_getD, List.getElem?_eq_getElem hi]

omit [Inhabited E] in
/-- **A far word in a batch.** Under `ProximityGapUDR`, if one word of the batch agrees with no
polynomial of degree `≤ d` on `t` points of `D` (inside the unique-decoding radius), the batch
`Σ_i γ^i w_i` is close for at most `(|ws| − 1)·|D|` values of `γ`. -/
theorem atMost_batch_close (hPG : ProximityGapUDR E) {D : List E} (hD : D.Nodup) {d t : Nat}
    (hudr : D.length + d + 2 ≤ 2 * t) {ws : List (E → E)} {w : E → E} (hw : w ∈ ws)
    (hfar : ∀ c : Poly E, c.DegreeLE d → agreeCount D w (eval c) < t) :
    AtMost (fun γ => CloseAt D d t (batch ws γ)) ((ws.length - 1) * D.length) := by
  have hne : ws ≠ [] := List.ne_nil_of_mem hw
  obtain ⟨i, hi, rfl⟩ := List.getElem_of_mem hw
  have hCA := hPG D d t (ws.length - 1) hD hudr
  have hb := batch_far hCA (w := fun i => ws.getD i (fun _ => 0)) (j := i) (by omega) (by
    intro c hc
    have := hfar c hc
    simpa [List.getD_eq_getElem?_getD, hi] using this)
  refine hb.of_imp (fun γ hγ => ?_)
  rw [batch_eq_curve ws hne] at hγ
  exact hγ

/-! ## Counting DEEP terms -/

omit [Lean.Grind.Field E] [DecidableEq E] [Inhabited E] in
theorem length_flatMap_filter_range {α : Type u} (p : Nat → Bool) (g : Nat → List α) :
    ∀ n, (((List.range n).filter p).flatMap g).length =
      ((List.range n).map (fun t => if p t = true then (g t).length else 0)).sum
  | 0 => by simp
  | n + 1 => by
    rw [List.range_succ, List.filter_append, List.flatMap_append, List.length_append,
      length_flatMap_filter_range p g n, List.map_append, sum_append_nat]
    congr 1
    by_cases hp : p n = true <;> simp [hp]

omit [DecidableEq E] in
theorem length_deepTerms (τ : List (Chal E)) (t : Nat) :
    (deepTerms sh pr τ t).length = termCount sh t := by
  simp only [deepTerms, termCount, List.length_append, List.length_map, List.length_range]
  rw [length_flatMap_range_const _ 2 (fun _ => rfl), length_flatMap_range_const _ 2 (fun _ => rfl)]
  simp only [tab]; omega

omit [DecidableEq E] in
theorem length_classTerms (τ : List (Chal E)) (j : Nat) :
    (classTerms sh pr τ j).length = classSize sh j := by
  simp only [classTerms, classSize]
  rw [length_flatMap_filter_range]
  congr 1
  apply List.map_congr_left
  intro t _
  simp only [length_deepTerms, beq_iff_eq, tab]

omit [DecidableEq E] in
theorem mem_classTerms {τ : List (Chal E)} {t : Nat} (ht : t < sh.air.numTables)
    {tm : (E → E) × E × E} (htm : tm ∈ deepTerms sh pr τ t) :
    tm ∈ classTerms sh pr τ (tab sh t).layer := by
  simp only [classTerms]
  exact List.mem_flatMap.mpr ⟨t, List.mem_filter.mpr ⟨List.mem_range.mpr ht, by simp [tab]⟩, htm⟩

end Zkvm.Stark

end
