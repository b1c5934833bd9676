module

public import Zkvm.Stark.ComposeStable

/-!
# The composition: far DEEP terms from the third doomed state

`doom3_cases`: after `ζ`, a doomed prover (`Doom3`) has a failing bus, fixed-column or
out-of-domain check (none depends on later challenges), or some table has a DEEP term whose
quotient is far from its layer's code (`FarTerm`): a column that is not close
(`farTerm_of_not_close`), or a claimed value that is not the decoded column's value
(`farTerm_of_ne`). If every claimed value is the decoded one, the verifier's row at `ζ` is the
decoded row, so a wrong constraint identity on the decoded columns is a failing `oodCheck`.
-/

public section

noncomputable section

namespace Zkvm.Stark

open Zkvm.Spec Poly Classical

universe u

variable {E : Type u} [Lean.Grind.Field E] [DecidableEq E] [Inhabited E]
variable (sh : IopShape E) (pr : Prover E)

/-- A DEEP term `(c, v, z)` of table `t` is far from its layer's code: its quotient agrees with
every polynomial of the layer's degree on fewer points than the layer's threshold. -/
@[expose] def FarTerm (t : Nat) (tm : (E → E) × E × E) : Prop :=
  ∀ q : Poly E, q.DegreeLE (sh.kernel.d (tab sh t).layer) →
    agreeCount (colD sh t) (deepQuot tm.1 tm.2.1 tm.2.2) (eval q) < sh.kernel.t (tab sh t).layer

section far

variable {deg : Nat → Nat} {L : Nat} (hv : IopValid sh deg L) {t : Nat} (ht : t < sh.air.numTables)
include hv ht

omit [Inhabited E] in
theorem farTerm_of_not_close {c : E → E} (h : ¬ isClose sh t c) (v z : E) :
    FarTerm sh t (c, v, z) := by
  have hD := hv.D_nodup _ (hv.layer_le t ht)
  have hdeg := hv.layer_deg t ht
  have hu := hv.udr _ (hv.layer_le t ht)
  intro q hq
  have := far_deep_of_not_close hD (hv.n_pos t ht) h v z q (by rw [← hdeg]; simpa using hq)
  simp only [colT] at this
  show agreeCount (sh.kernel.D (tab sh t).layer) (deepQuot c v z) (eval q) < _
  omega

omit [Inhabited E] in
theorem farTerm_of_ne {c : E → E} (h : isClose sh t c) {v z : E} (hne : v ≠ eval (decW sh t c) z) :
    FarTerm sh t (c, v, z) := by
  have hD := hv.D_nodup _ (hv.layer_le t ht)
  have hdeg := hv.layer_deg t ht
  have hu := hv.udr _ (hv.layer_le t ht)
  have hcu : ColUdr (colD sh t) (tab sh t).n (colT sh t) := by
    simp only [ColUdr, colD, colT]; omega
  intro q hq
  have := far_deep_of_ne hD (hv.n_pos t ht) hcu h hne q (by rw [← hdeg]; simpa using hq)
  simp only [colT] at this
  show agreeCount (sh.kernel.D (tab sh t).layer) (deepQuot c v z) (eval q) < _
  omega

end far

/-! ## The terms of a table -/

section mem

variable (τ : List (Chal E)) {t : Nat}

omit [DecidableEq E] in
theorem mem_deepTerms_main {j : Nat} (hj : j < (tab sh t).width) :
    (pr.main t j, (pr.oodMain (τ.take 3) t j).1, zetaOf τ) ∈ deepTerms sh pr τ t ∧
    (pr.main t j, (pr.oodMain (τ.take 3) t j).2, (tab sh t).ω * zetaOf τ) ∈ deepTerms sh pr τ t := by
  constructor <;>
  exact List.mem_append_left _ (List.mem_append_left _
    (List.mem_flatMap.mpr ⟨j, List.mem_range.mpr hj, by simp [tab]⟩))

omit [DecidableEq E] in
theorem mem_deepTerms_aux {j : Nat} (hj : j < auxWidth sh t) :
    (pr.aux (τ.take 1) t j, (pr.oodAux (τ.take 3) t j).1, zetaOf τ) ∈ deepTerms sh pr τ t ∧
    (pr.aux (τ.take 1) t j, (pr.oodAux (τ.take 3) t j).2, (tab sh t).ω * zetaOf τ) ∈
      deepTerms sh pr τ t := by
  constructor <;>
  exact List.mem_append_left _ (List.mem_append_right _
    (List.mem_flatMap.mpr ⟨j, List.mem_range.mpr hj, by simp [tab]⟩))

omit [DecidableEq E] in
theorem mem_deepTerms_quot {k : Nat} (hk : k < sh.chunks t) :
    (pr.quot (τ.take 2) t k, pr.oodQuot (τ.take 3) t k, zetaOf τ) ∈ deepTerms sh pr τ t :=
  List.mem_append_right _ (List.mem_map.mpr ⟨k, List.mem_range.mpr hk, rfl⟩)

end mem

/-! ## The cases of `Doom3` -/

/-- A far term of some table. -/
@[expose] def SomeFarTerm (τ : List (Chal E)) : Prop :=
  ∃ t, t < sh.air.numTables ∧ ∃ tm ∈ deepTerms sh pr τ t, FarTerm sh t tm

theorem doom3_cases {deg : Nat → Nat} {L : Nat} (hv : IopValid sh deg L) (τ : List (Chal E))
    (hd : Doom3 sh pr τ) :
    ¬ busCheck sh pr τ ∨ ¬ fixedCheck sh pr τ ∨ ¬ oodCheck sh pr τ ∨ SomeFarTerm sh pr τ := by
  -- a column that is not close
  by_cases hm : MainClose sh pr
  case neg =>
    simp only [MainClose, Classical.not_forall, exists_prop] at hm
    obtain ⟨t, ht, j, hj, hc⟩ := hm
    exact Or.inr (Or.inr (Or.inr ⟨t, ht, _, (mem_deepTerms_main sh pr τ hj).1,
      farTerm_of_not_close sh hv ht hc _ _⟩))
  by_cases ha : AuxClose sh pr τ
  case neg =>
    simp only [AuxClose, Classical.not_forall, exists_prop] at ha
    obtain ⟨t, ht, j, hj, hc⟩ := ha
    exact Or.inr (Or.inr (Or.inr ⟨t, ht, _, (mem_deepTerms_aux sh pr τ hj).1,
      farTerm_of_not_close sh hv ht hc _ _⟩))
  by_cases hq : QuotClose sh pr τ
  case neg =>
    simp only [QuotClose, Classical.not_forall, exists_prop] at hq
    obtain ⟨t, ht, k, hk, hc⟩ := hq
    exact Or.inr (Or.inr (Or.inr ⟨t, ht, _, mem_deepTerms_quot sh pr τ hk,
      farTerm_of_not_close sh hv ht hc _ _⟩))
  rcases hd with h | h | h | h | ⟨t, ht, jV, hjV, hne⟩ | ⟨t, ht, hne⟩
  · exact absurd hm h
  · exact absurd ha h
  · exact absurd hq h
  · exact Or.inl h
  · -- a fixed column: the claimed value is wrong, or not the decoded value
    by_cases hc : (pr.oodMain (τ.take 3) t jV.1).1 = eval jV.2 (zetaOf τ)
    · refine Or.inr (Or.inr (Or.inr ⟨t, ht, _,
        (mem_deepTerms_main sh pr τ (hv.fixed_col t ht jV hjV)).1,
        farTerm_of_ne sh hv ht (hm t ht _ (hv.fixed_col t ht jV hjV)) ?_⟩))
      rw [hc]; exact fun h => hne h.symm
    · exact Or.inr (Or.inl fun hf => hc (hf t ht jV hjV))
  · -- the constraint identity: some claimed value is wrong, or the check fails
    by_cases hmv : ∀ j, j < (tab sh t).width →
        (pr.oodMain (τ.take 3) t j).1 = eval (decW sh t (pr.main t j)) (zetaOf τ) ∧
        (pr.oodMain (τ.take 3) t j).2 = eval (decW sh t (pr.main t j)) ((tab sh t).ω * zetaOf τ)
    case neg =>
      simp only [Classical.not_forall, exists_prop, Classical.not_and_iff_not_or_not] at hmv
      obtain ⟨j, hj, h | h⟩ := hmv
      · exact Or.inr (Or.inr (Or.inr ⟨t, ht, _, (mem_deepTerms_main sh pr τ hj).1,
          farTerm_of_ne sh hv ht (hm t ht j hj) h⟩))
      · exact Or.inr (Or.inr (Or.inr ⟨t, ht, _, (mem_deepTerms_main sh pr τ hj).2,
          farTerm_of_ne sh hv ht (hm t ht j hj) h⟩))
    by_cases hav : ∀ j, j < auxWidth sh t →
        (pr.oodAux (τ.take 3) t j).1 = eval (decW sh t (pr.aux (τ.take 1) t j)) (zetaOf τ) ∧
        (pr.oodAux (τ.take 3) t j).2 =
          eval (decW sh t (pr.aux (τ.take 1) t j)) ((tab sh t).ω * zetaOf τ)
    case neg =>
      simp only [Classical.not_forall, exists_prop, Classical.not_and_iff_not_or_not] at hav
      obtain ⟨j, hj, h | h⟩ := hav
      · exact Or.inr (Or.inr (Or.inr ⟨t, ht, _, (mem_deepTerms_aux sh pr τ hj).1,
          farTerm_of_ne sh hv ht (ha t ht j hj) h⟩))
      · exact Or.inr (Or.inr (Or.inr ⟨t, ht, _, (mem_deepTerms_aux sh pr τ hj).2,
          farTerm_of_ne sh hv ht (ha t ht j hj) h⟩))
    by_cases hqv : ∀ k, k < sh.chunks t →
        pr.oodQuot (τ.take 3) t k = eval (decW sh t (pr.quot (τ.take 2) t k)) (zetaOf τ)
    case neg =>
      simp only [Classical.not_forall, exists_prop] at hqv
      obtain ⟨k, hk, h⟩ := hqv
      exact Or.inr (Or.inr (Or.inr ⟨t, ht, _, mem_deepTerms_quot sh pr τ hk,
        farTerm_of_ne sh hv ht (hq t ht k hk) h⟩))
    -- every claimed value is the decoded one: the verifier's check is the failing identity
    refine Or.inr (Or.inr (Or.inl fun hood => hne ?_))
    have hrow : claimedRow sh pr τ t = decRow sh pr τ t (zetaOf τ) := by
      simp only [claimedRow, decRow, rowAt, decMain, decAux, List.map_map, tab]
      congr 1
      · exact List.map_congr_left fun j hj => (hmv j (List.mem_range.mp hj)).1
      · exact List.map_congr_left fun j hj => (hmv j (List.mem_range.mp hj)).2
      · exact List.map_congr_left fun j hj => (hav j (List.mem_range.mp hj)).1
      · exact List.map_congr_left fun j hj => (hav j (List.mem_range.mp hj)).2
    have hch : claimedChunks sh pr τ t = (decQuot sh pr τ t).map (fun Q => eval Q (zetaOf τ)) := by
      simp only [claimedChunks, decQuot, List.map_map]
      exact List.map_congr_left fun k hk => hqv k (List.mem_range.mp hk)
    have := hood t ht
    rw [hrow, hch] at this
    exact this

end Zkvm.Stark

end
