module

public import Zkvm.Stark.ComposeAlpha

/-!
# The composition, round `ζ`: the out-of-domain point

* `decComposed`: the constraints of a table composed with the decoded columns (polynomials of
  degree `≤ d_t·n_t`, `HasDegree`); at every point their values are the constraint values on the
  decoded row.
* `round_zeta`: from `Doom2`, at most `D_ζ` points `ζ` leave `Doom3`, for any `D_ζ` with
  `d_t·n_t ≤ D_ζ` and `(q_t + 1)·n_t ≤ D_ζ` for every table (`q_t` quotient chunks): a fixed
  column that is not its polynomial, or a nonzero constraint fold on the trace domain that the
  chunks cannot match (`atMost_ood`), is caught except at the roots of a nonzero polynomial.
-/

public section

noncomputable section

namespace Zkvm.Stark

open Zkvm.Spec Poly Classical

universe u

variable {E : Type u} [Lean.Grind.Field E] [DecidableEq E] [Inhabited E]
variable (sh : IopShape E) (pr : Prover E)

omit [Inhabited E] in
theorem degreeLE_dec (D : List E) (n τ : Nat) (c : E → E) : (dec D n τ c).DegreeLE n := by
  by_cases h : ColClose D n τ c
  · exact (dec_spec h).1
  · unfold dec; rw [dif_neg h]; simp [DegreeLE]

omit [Inhabited E] in
theorem degreeLE_decW (t : Nat) (c : E → E) : (decW sh t c).DegreeLE (tab sh t).n :=
  degreeLE_dec _ _ _ _

section stable

variable {τ : List (Chal E)} (c : Chal E)

omit [Lean.Grind.Field E] [DecidableEq E] in
theorem alphaOf_append_of_two (h : 2 ≤ τ.length) : alphaOf (τ ++ [c]) = alphaOf τ := by
  simp only [alphaOf]; rw [getD_append_lt τ c default (by omega)]

omit [Inhabited E] in
theorem decQuot_append (h : 2 ≤ τ.length) (t : Nat) :
    decQuot sh pr (τ ++ [c]) t = decQuot sh pr τ t := by
  simp only [decQuot, take_append_le τ c h]

omit [Inhabited E] in
theorem quotClose_append (h : 2 ≤ τ.length) : QuotClose sh pr (τ ++ [c]) ↔ QuotClose sh pr τ := by
  simp only [QuotClose, take_append_le τ c h]

omit [Lean.Grind.Field E] [DecidableEq E] in
theorem zetaOf_append {ζ : E} (h : τ.length = 2) : zetaOf (τ ++ [Chal.one ζ]) = ζ := by
  simp [zetaOf, List.getD_eq_getElem?_getD, h, Chal.fst]

end stable

/-- The constraints of table `t` composed with the decoded columns (degree `≤ deg t · n_t`). -/
@[expose] def decComposed (deg : Nat → Nat) (τ : List (Chal E)) (t : Nat) : List (Poly E) :=
  (allConstraints (tab sh t) (chiOf τ) (betaOf τ) (sigmaOf pr τ t)).map (fun C =>
    composed C (deg t) (tab sh t).n (tab sh t).ω (decMain sh pr t) (decAux sh pr τ t)
      (tab sh t).selFirst (tab sh t).selLast (tab sh t).selTrans)

theorem decComposed_spec {deg : Nat → Nat} {L : Nat} (hv : IopValid sh deg L) (τ : List (Chal E))
    {t : Nat} (ht : t < sh.air.numTables) :
    (∀ c ∈ decComposed sh pr deg τ t, c.DegreeLE (deg t * (tab sh t).n)) ∧
      ∀ x, (decComposed sh pr deg τ t).map (fun c => eval c x) = decValues sh pr τ t x := by
  have hm : ∀ p ∈ decMain sh pr t, p.DegreeLE (tab sh t).n := by
    intro p hp
    simp only [decMain, List.mem_map] at hp
    obtain ⟨j, -, rfl⟩ := hp
    exact degreeLE_decW sh t _
  have ha : ∀ p ∈ decAux sh pr τ t, p.DegreeLE (tab sh t).n := by
    intro p hp
    simp only [decAux, List.mem_map] at hp
    obtain ⟨j, -, rfl⟩ := hp
    exact degreeLE_decW sh t _
  have hs := fun C (hC : C ∈ allConstraints (tab sh t) (chiOf τ) (betaOf τ) (sigmaOf pr τ t)) =>
    composed_spec (hv.degree t ht _ _ _ C hC) (tab sh t).ω hm ha (hv.selF_deg t ht)
      (hv.selL_deg t ht) (hv.selT_deg t ht)
  refine ⟨?_, fun x => ?_⟩
  · intro c hc
    simp only [decComposed, List.mem_map] at hc
    obtain ⟨C, hC, rfl⟩ := hc
    exact (hs C hC).1
  · simp only [decComposed, decValues, List.map_map]
    apply List.map_congr_left
    intro C hC
    exact (hs C hC).2 x

omit [DecidableEq E] [Inhabited E] in
theorem pow_pow_eq_one {ω : E} {n : Nat} (h : ω ^ n = 1) (i : Nat) : (ω ^ i) ^ n = 1 := by
  rw [← Zkvm.Field.pow_mul, Nat.mul_comm, Zkvm.Field.pow_mul, h, Zkvm.Field.one_pow]

/-- **Out-of-domain round.** From a doomed state after `α` (`Doom2`), at most `D_ζ` points `ζ`
escape `Doom3`, if every table has `deg t · n_t ≤ D_ζ` and `(q_t + 1)·n_t ≤ D_ζ`. -/
theorem round_zeta {deg : Nat → Nat} {L : Nat} (hv : IopValid sh deg L) {Dz : Nat}
    (hDz : ∀ t, t < sh.air.numTables →
      deg t * (tab sh t).n ≤ Dz ∧ (sh.chunks t + 1) * (tab sh t).n ≤ Dz)
    (τ : List (Chal E)) (hτ : τ.length = 2) (hd : Doom2 sh pr τ) {Eall : List E}
    (hE : Eall.Nodup) :
    (Eall.map Chal.one).countP (fun c => decide (¬ Doom3 sh pr (τ ++ [c]))) ≤ Dz := by
  rw [List.countP_map]
  have h1 : 1 ≤ τ.length := by omega
  have h2 : 2 ≤ τ.length := by omega
  -- the facts an escaping `ζ` satisfies
  have hesc : ∀ ζ : E, ¬ Doom3 sh pr (τ ++ [Chal.one ζ]) →
      MainClose sh pr ∧ AuxClose sh pr τ ∧ busCheck sh pr τ ∧
      (∀ t, t < sh.air.numTables → ∀ jV ∈ (tab sh t).fixed,
        eval (decW sh t (pr.main t jV.1)) ζ = eval jV.2 ζ) ∧
      (∀ t, t < sh.air.numTables →
        foldAlpha (decValues sh pr τ t ζ) (alphaOf τ) =
          (ζ ^ (tab sh t).n - 1) *
            chunkValue (tab sh t).n ζ ((decQuot sh pr τ t).map (fun Q => eval Q ζ))) := by
    intro ζ h
    simp only [Doom3, not_or, not_exists, not_and, Decidable.not_not,
      auxClose_append sh pr _ h1, busCheck_append sh pr _ h1, zetaOf_append hτ] at h
    obtain ⟨hm, ha, -, hb, hf, ho⟩ := h
    refine ⟨hm, ha, hb, hf, fun t ht => ?_⟩
    have := ho t ht
    rwa [decValues_append sh pr _ h1, alphaOf_append_of_two _ h2, decQuot_append sh pr _ h2] at this
  suffices hbad : ∃ bad : E → Prop, AtMost bad Dz ∧ ∀ ζ, ¬ Doom3 sh pr (τ ++ [Chal.one ζ]) → bad ζ by
    obtain ⟨bad, hb, himp⟩ := hbad
    refine Nat.le_trans (List.countP_mono_left fun ζ _ h => ?_) (hb.countP_le hE)
    simp only [Function.comp, decide_eq_true_eq] at h ⊢
    exact himp ζ h
  rcases hd with h | h | h | ⟨t, ht, jV, hjV, x, hx⟩ | ⟨t, ht, i, hi, hne⟩
  · exact ⟨fun _ => False, atMost_false.mono (Nat.zero_le _), fun ζ hζ => h (hesc ζ hζ).1⟩
  · exact ⟨fun _ => False, atMost_false.mono (Nat.zero_le _), fun ζ hζ => h (hesc ζ hζ).2.1⟩
  · exact ⟨fun _ => False, atMost_false.mono (Nat.zero_le _), fun ζ hζ => h (hesc ζ hζ).2.2.1⟩
  · -- a fixed column is not its polynomial: they agree at at most `n_t` points
    have hpq : (decW sh t (pr.main t jV.1) - jV.2).IsNonzero :=
      isNonzero_of_eval_ne_zero (x := x) (by rw [eval_sub]; intro h0; apply hx; grind)
    have hat := atMost_eval_eq hpq (degreeLE_decW sh t _) (hv.fixed_deg t ht jV hjV)
    have hn : (tab sh t).n ≤ Dz :=
      Nat.le_trans (Nat.le_mul_of_pos_left _ (by omega)) (hDz t ht).2
    exact ⟨_, hat.mono hn, fun ζ hζ => (hesc ζ hζ).2.2.2.1 t ht jV hjV⟩
  · -- a constraint fold is nonzero on the trace domain: out of domain
    obtain ⟨hcdeg, hceval⟩ := decComposed_spec sh pr hv τ ht
    have hq := hv.chunks_pos t ht
    have hlen : (decQuot sh pr τ t).length = sh.chunks t := by simp [decQuot]
    have hQ := degreeLE_chunkSum' (n := (tab sh t).n) (e := (tab sh t).n) (decQuot sh pr τ t)
      (List.ne_nil_of_length_pos (by omega)) (fun Q hQ => by
        simp only [decQuot, List.mem_map] at hQ
        obtain ⟨k, -, rfl⟩ := hQ
        exact degreeLE_decW sh t _)
    have hood := atMost_ood (degreeLE_foldAlphaPoly hcdeg (alphaOf τ)) (degreeLE_zH (tab sh t).n)
      hQ (eval_zH_of_pow_eq_one (pow_pow_eq_one (hv.ω_pow t ht) i))
      (by rw [eval_foldAlphaPoly, hceval]; exact hne)
    have hmax : max (deg t * (tab sh t).n)
        ((tab sh t).n + ((decQuot sh pr τ t).length - 1) * (tab sh t).n + (tab sh t).n) ≤ Dz := by
      have e : (sh.chunks t - 1) * (tab sh t).n + (tab sh t).n = sh.chunks t * (tab sh t).n := by
        rw [← Nat.succ_mul, Nat.succ_eq_add_one, Nat.sub_add_cancel hq]
      have := (hDz t ht).2
      rw [Nat.succ_mul] at this
      rw [hlen]
      have := (hDz t ht).1
      omega
    refine ⟨_, hood.mono (Nat.le_trans (by omega) hmax), fun ζ hζ => ?_⟩
    have := (hesc ζ hζ).2.2.2.2 t ht
    rw [eval_foldAlphaPoly, hceval, eval_zH, eval_chunkSum]
    exact this

end Zkvm.Stark

end
