module

public import Zkvm.Stark.ComposeAlg

/-!
# The composition, round `α`: the constraint combination

* `bus_of_vanish`: if every constraint of every table (own and LogUp, read from the decoded
  columns) vanishes on the trace domain, no bus denominator is zero and the bus check passes,
  then the decoded witness's bus sums to zero (`claimed_sum_of_logup`, table by table).
* `round_alpha`: from `Doom1`, at most `m − 1` challenges `α` leave `Doom2` (ALI), where
  every table has at most `m` constraints.
-/

public section

noncomputable section

namespace Zkvm.Stark

open Zkvm.Spec Poly Classical

universe u

variable {E : Type u} [Lean.Grind.Field E] [DecidableEq E] [Inhabited E]
variable (sh : IopShape E) (pr : Prover E)

/-! ## What does not change when a challenge is appended -/

section stable

variable {τ : List (Chal E)} (c : Chal E)

omit [Lean.Grind.Field E] [DecidableEq E] in
theorem chiOf_append (h : 1 ≤ τ.length) : chiOf (τ ++ [c]) = chiOf τ := by
  simp only [chiOf]; rw [getD_append_lt τ c default (by omega)]

omit [Lean.Grind.Field E] [DecidableEq E] in
theorem betaOf_append (h : 1 ≤ τ.length) : betaOf (τ ++ [c]) = betaOf τ := by
  simp only [betaOf]; rw [getD_append_lt τ c default (by omega)]

omit [Lean.Grind.Field E] [DecidableEq E] [Inhabited E] in
theorem sigmaOf_append (h : 1 ≤ τ.length) : sigmaOf pr (τ ++ [c]) = sigmaOf pr τ := by
  funext t; simp only [sigmaOf, take_append_le τ c h]

omit [Inhabited E] in
theorem decAux_append (h : 1 ≤ τ.length) (t : Nat) :
    decAux sh pr (τ ++ [c]) t = decAux sh pr τ t := by
  simp only [decAux, take_append_le τ c h]

omit [Inhabited E] in
theorem decRow_append (h : 1 ≤ τ.length) (t : Nat) (x : E) :
    decRow sh pr (τ ++ [c]) t x = decRow sh pr τ t x := by
  simp only [decRow, decAux_append sh pr c h]

theorem decValues_append (h : 1 ≤ τ.length) (t : Nat) (x : E) :
    decValues sh pr (τ ++ [c]) t x = decValues sh pr τ t x := by
  simp only [decValues, decRow_append sh pr c h, chiOf_append c h, betaOf_append c h,
    sigmaOf_append pr c h]

omit [DecidableEq E] in
theorem busCheck_append (h : 1 ≤ τ.length) : busCheck sh pr (τ ++ [c]) ↔ busCheck sh pr τ := by
  simp only [busCheck, sigmaOf_append pr c h, chiOf_append c h, betaOf_append c h]

omit [Inhabited E] in
theorem auxClose_append (h : 1 ≤ τ.length) : AuxClose sh pr (τ ++ [c]) ↔ AuxClose sh pr τ := by
  simp only [AuxClose, take_append_le τ c h]

omit [Lean.Grind.Field E] [DecidableEq E] in
theorem alphaOf_append {α : E} (h : τ.length = 1) : alphaOf (τ ++ [Chal.one α]) = α := by
  simp [alphaOf, List.getD_eq_getElem?_getD, h, Chal.fst]

end stable

/-! ## The bus from vanishing constraints -/

theorem length_decValues (τ : List (Chal E)) (t : Nat) (x : E) :
    (decValues sh pr τ t x).length = numConstraints sh t := by
  simp [decValues, allConstraints, logupConstraints, numConstraints, tab]; omega

/-- Every constraint value on every row of the decoded columns is zero. -/
@[expose] def AllVanish (τ : List (Chal E)) : Prop :=
  ∀ t, t < sh.air.numTables → ∀ i, i < (tab sh t).n → ∀ v ∈ decValues sh pr τ t ((tab sh t).ω ^ i),
    v = 0

/-- **The bus of the decoded witness.** If every constraint vanishes on the trace domain, no bus
denominator vanishes and the bus check passes, then the bus fractions of the decoded witness sum to
zero. -/
theorem bus_of_vanish {deg : Nat → Nat} {L : Nat} (hv : IopValid sh deg L) (τ : List (Chal E))
    (hvan : AllVanish sh pr τ)
    (hpole : ¬ PoleHit (busFractions sh.air (decWitness sh pr)) (chiOf τ) (betaOf τ))
    (hbus : busCheck sh pr τ) :
    fracSum (chiOf τ) (betaOf τ) (busFractions sh.air (decWitness sh pr)) = 0 := by
  have htab : ∀ t, t < sh.air.numTables → sigmaOf pr τ t =
      fracSum (chiOf τ) (betaOf τ) (tableFractions (sh.air.tables t) (decWitness sh pr t)) := by
    intro t ht
    have hσ := claimed_sum_of_logup (tab sh t) (decMain sh pr t) (decAux sh pr τ t)
      (chiOf τ) (betaOf τ) (sigmaOf pr τ t) (hv.n_pos t ht)
      (by simp [decAux, auxWidth, tab]) (hv.frac_len t ht) (hv.selF_ne t ht) (hv.selL_ne t ht)
      (hv.selT_ne t ht)
      (fun i hi C hC => hvan t ht i hi _ (List.mem_map.mpr ⟨C, List.mem_append_right _ hC, rfl⟩))
      (fun i hi f hf => by
        have hf' : f ∈ (tab sh t).fractions (decRow sh pr τ t ((tab sh t).ω ^ i)) := hf
        rw [fractions_decRow sh pr hv τ ht i] at hf'
        have hm := mem_busFractions sh ht hi hf'
        intro h0
        exact hpole ⟨f, hm, by grind⟩)
    rw [hσ, tableFractions, fracSum_flatMap_range]
    refine sumUpTo_congr _ (fun i hi => ?_)
    have := fractions_decRow sh pr hv τ ht i
    simp only [decRow] at this
    rw [this]; rfl
  have hsum : sumUpTo (sigmaOf pr τ) sh.air.numTables =
      fracSum (chiOf τ) (betaOf τ) ((List.range sh.air.numTables).flatMap
        (fun t => tableFractions (sh.air.tables t) (decWitness sh pr t))) := by
    rw [fracSum_flatMap_range]
    exact sumUpTo_congr _ htab
  simp only [busCheck] at hbus
  rw [busFractions, fracSum_append, ← hsum]
  exact hbus

/-! ## Round `α` -/

/-- **ALI round.** From a doomed state after `(χ, β)` (`Doom1`), at most `m − 1` challenges `α`
escape `Doom2`, where every table has at most `m` constraints (own and LogUp). -/
theorem round_alpha {deg : Nat → Nat} {L : Nat} (hv : IopValid sh deg L) {m : Nat}
    (hm : ∀ t, t < sh.air.numTables → numConstraints sh t ≤ m)
    (τ : List (Chal E)) (hτ : τ.length = 1) (hd : Doom1 sh pr τ) {Eall : List E} (hE : Eall.Nodup) :
    (Eall.map Chal.one).countP (fun c => decide (¬ Doom2 sh pr (τ ++ [c]))) ≤ m - 1 := by
  rw [List.countP_map]
  have h1 : 1 ≤ τ.length := by omega
  by_cases hall : AllVanish sh pr τ
  · -- every α keeps the prover doomed
    have : ∀ α : E, Doom2 sh pr (τ ++ [Chal.one α]) := by
      intro α
      simp only [Doom2, busCheck_append sh pr _ h1, auxClose_append sh pr _ h1]
      rcases hd with h | h | h | ⟨hp, hne⟩
      · exact Or.inl h
      · exfalso
        obtain ⟨t, ht, i, hi, C, hC, hne⟩ := h
        apply hne
        rw [← own_decRow sh pr hv τ ht i hC]
        exact hall t ht i hi _ (List.mem_map.mpr ⟨C, List.mem_append_left _ hC, rfl⟩)
      · exact Or.inr (Or.inr (Or.inr (Or.inl h)))
      · refine Or.inr (Or.inr (Or.inl fun hbus => hne ?_))
        exact bus_of_vanish sh pr hv τ hall hp hbus
    rw [List.countP_eq_zero.mpr (fun α _ => by simpa using this α)]
    exact Nat.zero_le _
  · -- some constraint value is nonzero on some row: ALI
    simp only [AllVanish, Classical.not_forall, exists_prop] at hall
    obtain ⟨t, ht, i, hi, v, hvm, hv0⟩ := hall
    have hat := atMost_foldAlpha_eq_zero (cs := decValues sh pr τ t ((tab sh t).ω ^ i)) ⟨v, hvm, hv0⟩
    rw [length_decValues] at hat
    have hc := (hat.mono (Nat.sub_le_sub_right (hm t ht) 1)).countP_le hE
    refine Nat.le_trans (List.countP_mono_left fun α _ h => ?_) hc
    simp only [Function.comp, decide_eq_true_eq, Doom2, not_or, not_exists, not_and,
      Decidable.not_not] at h ⊢
    have := h.2.2.2.2 t ht i hi
    rwa [decValues_append sh pr _ h1, alphaOf_append hτ] at this

end Zkvm.Stark

end
