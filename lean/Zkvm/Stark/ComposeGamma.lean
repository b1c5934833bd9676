module

public import Zkvm.Stark.ComposeTerms

/-!
# The composition, round `γ`: the DEEP combination

`round_gamma`: from `Doom3`, at most `D_γ` challenges `γ` escape `Doom4`, for any `D_γ` with
`(classSize j − 1)·|D_j| ≤ D_γ` on every layer `j` (under `ProximityGapUDR`). A failing bus,
fixed or out-of-domain check stays failing; otherwise a far DEEP term (`doom3_cases`) sits in the
batch of its layer, which is then close for at most `(classSize j − 1)·|D_j|` values of `γ`
(`atMost_batch_close`).
-/

public section

noncomputable section

namespace Zkvm.Stark

open Zkvm.Spec Poly Classical

universe u

variable {E : Type u} [Lean.Grind.Field E] [DecidableEq E] [Inhabited E]
variable (sh : IopShape E) (pr : Prover E)

/-- **DEEP round.** From a doomed state after `ζ` (`Doom3`), at most `D_γ` challenges `γ` escape
`Doom4`, if `(classSize j − 1)·|D_j| ≤ D_γ` for every layer `j ≤ R`. -/
theorem round_gamma {deg : Nat → Nat} {L : Nat} (hv : IopValid sh deg L) (hPG : ProximityGapUDR E)
    {Dg : Nat} (hDg : ∀ j, j ≤ sh.R → (classSize sh j - 1) * (sh.kernel.D j).length ≤ Dg)
    (τ : List (Chal E)) (hτ : τ.length = 3) (hd : Doom3 sh pr τ) {Eall : List E}
    (hE : Eall.Nodup) :
    (Eall.map Chal.one).countP (fun c => decide (¬ Doom4 sh pr (τ ++ [c]))) ≤ Dg := by
  rw [List.countP_map]
  have h1 : 1 ≤ τ.length := by omega
  have h3 : 3 ≤ τ.length := by omega
  have hesc : ∀ γ : E, ¬ Doom4 sh pr (τ ++ [Chal.one γ]) →
      busCheck sh pr τ ∧ fixedCheck sh pr τ ∧ oodCheck sh pr τ ∧
      ∀ j, j ≤ sh.R → CloseAt (sh.kernel.D j) (sh.kernel.d j) (sh.kernel.t j)
        (batch (deepWords (classTerms sh pr τ j)) γ) := by
    intro γ h
    simp only [Doom4, not_or, not_exists, not_and, Decidable.not_not, busCheck_append' sh pr _ h1,
      fixedCheck_append sh pr _ h3, oodCheck_append sh pr _ h3] at h
    obtain ⟨hb, hf, ho, hfar⟩ := h
    refine ⟨hb, hf, ho, fun j hj => ?_⟩
    have := hfar j hj
    simp only [FarAt, friShapeOf, FoldKernel.shape, deepFun_append_gamma sh pr hτ,
      Classical.not_forall, exists_prop, Nat.not_lt] at this
    exact this
  suffices hbad : ∃ bad : E → Prop, AtMost bad Dg ∧ ∀ γ, ¬ Doom4 sh pr (τ ++ [Chal.one γ]) → bad γ by
    obtain ⟨bad, hb, himp⟩ := hbad
    refine Nat.le_trans (List.countP_mono_left fun γ _ h => ?_) (hb.countP_le hE)
    simp only [Function.comp, decide_eq_true_eq] at h ⊢
    exact himp γ h
  rcases doom3_cases sh pr hv τ hd with h | h | h | ⟨t, ht, tm, htm, hfar⟩
  · exact ⟨fun _ => False, atMost_false.mono (Nat.zero_le _), fun γ hγ => h (hesc γ hγ).1⟩
  · exact ⟨fun _ => False, atMost_false.mono (Nat.zero_le _), fun γ hγ => h (hesc γ hγ).2.1⟩
  · exact ⟨fun _ => False, atMost_false.mono (Nat.zero_le _), fun γ hγ => h (hesc γ hγ).2.2.1⟩
  · -- the far term's layer
    have hj := hv.layer_le t ht
    have hu := hv.udr _ hj
    have hw : deepQuot tm.1 tm.2.1 tm.2.2 ∈ deepWords (classTerms sh pr τ (tab sh t).layer) :=
      List.mem_map.mpr ⟨tm, mem_classTerms sh pr ht htm, rfl⟩
    have hat := atMost_batch_close hPG (hv.D_nodup _ hj) (by omega) hw hfar
    rw [deepWords, List.length_map, length_classTerms] at hat
    exact ⟨_, hat.mono (hDg _ hj), fun γ hγ => (hesc γ hγ).2.2.2 _ hj⟩

end Zkvm.Stark

end
