module

public import Zkvm.Stark.ComposeDefs
public import Zkvm.Field.Algebra

/-!
# The composition, rounds `(χ, β)`, `α`, `ζ`: the algebraic checks

* `round_lookup`: if no witness satisfies the AIR, at most
  `(2M − 1)·|E| + M·(L − 1)·|E|` pairs `(χ, β)` get the prover out of `Doom1` (LogUp).
* `round_alpha`: from `Doom1`, at most `m − 1` challenges `α` leave `Doom2` (ALI), with `m` the
  largest number of constraints of a table.
* `round_zeta`: from `Doom2`, at most `D_ζ ≥ max(d·n, (q + 1)·n)` points `ζ` leave `Doom3`
  (out of domain, and the fixed columns).
-/

public section

noncomputable section

namespace Zkvm.Stark

open Zkvm.Spec Poly Classical

universe u

variable {E : Type u} [Lean.Grind.Field E] [DecidableEq E] [Inhabited E]
variable (sh : IopShape E) (pr : Prover E)

/-! ## Facts about the decoded objects -/

omit [DecidableEq E] [Inhabited E] in
theorem pow_mod_eq {ω : E} {n : Nat} (h : ω ^ n = 1) (k : Nat) : ω ^ (k % n) = ω ^ k := by
  conv => rhs; rw [← Nat.mod_add_div k n]
  rw [Lean.Grind.Semiring.pow_add, Zkvm.Field.pow_mul, h, Zkvm.Field.one_pow]; grind

omit [Inhabited E] in
theorem decRow_loc (τ : List (Chal E)) (t : Nat) (i : Nat) :
    (decRow sh pr τ t ((tab sh t).ω ^ i)).loc = (witnessRow (tab sh t) (decWitness sh pr t) i).loc := by
  simp [decRow, rowAt, witnessRow, decMain, decWitness]

omit [Inhabited E] in
theorem decRow_nxt (hv : ∀ t, t < sh.air.numTables → (tab sh t).ω ^ (tab sh t).n = 1)
    (τ : List (Chal E)) {t : Nat} (ht : t < sh.air.numTables) (i : Nat) :
    (decRow sh pr τ t ((tab sh t).ω ^ i)).nxt = (witnessRow (tab sh t) (decWitness sh pr t) i).nxt := by
  simp only [decRow, rowAt, witnessRow, decMain, decWitness, List.map_map]
  congr 1; funext j
  simp only [Function.comp_apply]
  rw [pow_mod_eq (hv t ht), Lean.Grind.Semiring.pow_succ]; congr 1; grind

omit [Inhabited E] in
/-- The decoded row and the witness row give every own constraint the same value. -/
theorem own_decRow {deg : Nat → Nat} {L : Nat} (hv : IopValid sh deg L) (τ : List (Chal E))
    {t : Nat} (ht : t < sh.air.numTables) (i : Nat) {C : Row E → E} (hC : C ∈ (tab sh t).own) :
    C (decRow sh pr τ t ((tab sh t).ω ^ i)) = C (witnessRow (tab sh t) (decWitness sh pr t) i) :=
  hv.own_main t ht C hC _ _ (decRow_loc sh pr τ t i) (decRow_nxt sh pr hv.ω_pow τ ht i) rfl rfl rfl

omit [Inhabited E] in
theorem fractions_decRow {deg : Nat → Nat} {L : Nat} (hv : IopValid sh deg L) (τ : List (Chal E))
    {t : Nat} (ht : t < sh.air.numTables) (i : Nat) :
    (tab sh t).fractions (decRow sh pr τ t ((tab sh t).ω ^ i)) =
      (tab sh t).fractions (witnessRow (tab sh t) (decWitness sh pr t) i) :=
  hv.frac_loc t ht _ _ (decRow_loc sh pr τ t i)

omit [DecidableEq E] [Inhabited E] in
theorem fracSum_append (χ β : E) : ∀ a b : List (Frac E),
    fracSum χ β (a ++ b) = fracSum χ β a + fracSum χ β b
  | [], b => by simp [fracSum]; grind
  | f :: a, b => by simp only [List.cons_append, fracSum, fracSum_append χ β a b]; grind

omit [DecidableEq E] [Inhabited E] in
theorem fracSum_flatMap_range (χ β : E) (g : Nat → List (Frac E)) : ∀ n : Nat,
    fracSum χ β ((List.range n).flatMap g) = sumUpTo (fun i => fracSum χ β (g i)) n
  | 0 => rfl
  | n + 1 => by
    rw [List.range_succ, List.flatMap_append, fracSum_append, fracSum_flatMap_range χ β g n,
      List.flatMap_singleton]; rfl

omit [DecidableEq E] [Inhabited E] in
theorem sumUpTo_congr {S S' : Nat → E} : ∀ n : Nat, (∀ i, i < n → S i = S' i) →
    sumUpTo S n = sumUpTo S' n
  | 0, _ => rfl
  | n + 1, h => by
    simp only [sumUpTo]; rw [sumUpTo_congr n (fun i hi => h i (by omega)), h n (by omega)]

omit [Lean.Grind.Field E] [DecidableEq E] [Inhabited E] in
theorem length_flatMap_range_const {α : Type u} (g : Nat → List α) (k : Nat)
    (hg : ∀ i, (g i).length = k) : ∀ n, ((List.range n).flatMap g).length = n * k
  | 0 => by simp
  | n + 1 => by
    rw [List.range_succ, List.flatMap_append, List.length_append,
      length_flatMap_range_const g k hg n, List.flatMap_singleton, hg, Nat.succ_mul]

omit [Lean.Grind.Field E] [DecidableEq E] [Inhabited E] in
theorem sum_append_nat : ∀ a b : List Nat, (a ++ b).sum = a.sum + b.sum
  | [], b => by simp
  | x :: a, b => by simp only [List.cons_append, List.sum_cons, sum_append_nat a b]; omega

omit [DecidableEq E] [Inhabited E] in
theorem length_busFractions {deg : Nat → Nat} {L : Nat} (hv : IopValid sh deg L)
    (W : Nat → Nat → Nat → E) : (busFractions sh.air W).length = busSize sh := by
  unfold busFractions busSize
  rw [List.length_append]
  congr 1
  have : ∀ m, m ≤ sh.air.numTables →
      ((List.range m).flatMap (fun t => tableFractions (sh.air.tables t) (W t))).length =
        ((List.range m).map (fun t => (tab sh t).n * (tab sh t).numFractions)).sum := by
    intro m hm
    induction m with
    | zero => simp
    | succ m ih =>
      rw [List.range_succ, List.flatMap_append, List.length_append, ih (by omega),
        List.map_append, sum_append_nat, List.flatMap_singleton]
      simp only [List.map_singleton, List.sum_cons, List.sum_nil, Nat.add_zero]
      congr 1
      unfold tableFractions
      exact length_flatMap_range_const _ _ (fun i => hv.frac_len m (by omega) _) _
  exact this _ (Nat.le_refl _)

omit [DecidableEq E] [Inhabited E] in
theorem mem_busFractions {W : Nat → Nat → Nat → E} {t i : Nat} (ht : t < sh.air.numTables)
    (hi : i < (tab sh t).n) {f : Frac E} (hf : f ∈ (tab sh t).fractions (witnessRow (tab sh t) (W t) i)) :
    f ∈ busFractions sh.air W := by
  unfold busFractions tableFractions
  exact List.mem_append_left _ (List.mem_flatMap.mpr ⟨t, List.mem_range.mpr ht,
    List.mem_flatMap.mpr ⟨i, List.mem_range.mpr hi, hf⟩⟩)

/-! ## Round `(χ, β)` -/

/-- **LogUp round.** If no witness satisfies the AIR, at most
`(2M − 1)·|E| + M·(L − 1)·|E|` pairs `(χ, β)` escape `Doom1`. -/
theorem round_lookup {deg : Nat → Nat} {L : Nat} (hv : IopValid sh deg L)
    (hfalse : ¬ ∃ W, Satisfied sh.air W) {Eall : List E} (hE : Eall.Nodup) :
    ((pairs Eall Eall).map (fun p => Chal.pair p.1 p.2)).countP
        (fun c => decide (¬ Doom1 sh pr [c])) ≤
      (2 * busSize sh - 1) * Eall.length + busSize sh * (L - 1) * Eall.length := by
  rw [List.countP_map]
  by_cases hgood : MainClose sh pr ∧ ¬ OwnFail sh pr ∧ ¬ FixedFail sh pr
  · obtain ⟨hmc, hown, hfix⟩ := hgood
    let W := decWitness sh pr
    have hunbal : ¬ Balanced (busFractions sh.air W) := by
      intro hbal
      refine hfalse ⟨W, ?_, ?_, hbal⟩
      · intro t ht i hi C hC
        exact Classical.byContradiction fun hne => hown ⟨t, ht, i, hi, C, hC, hne⟩
      · intro t ht jV hjV i _
        exact Classical.byContradiction fun hne =>
          hfix ⟨t, ht, jV, hjV, (tab sh t).ω ^ i, hne⟩
    have hfs : ∀ f ∈ busFractions sh.air W, f.2.length = L := by
      intro f hf
      rcases List.mem_append.mp hf with hf | hf
      · obtain ⟨t, ht, hf⟩ := List.mem_flatMap.mp hf
        obtain ⟨i, -, hf⟩ := List.mem_flatMap.mp hf
        exact hv.msg_len t (List.mem_range.mp ht) _ f hf
      · exact hv.boundary_len f hf
    have hcount := logup_count hunbal hfs hE hE
    rw [length_busFractions sh hv] at hcount
    refine Nat.le_trans (List.countP_mono_left fun p _ h => ?_) hcount
    simp only [Function.comp, decide_eq_true_eq, Doom1, not_or, Decidable.not_not] at h ⊢
    obtain ⟨-, -, -, h⟩ := h
    by_cases hp : PoleHit (busFractions sh.air W) p.1 p.2
    · exact Or.inl hp
    · exact Or.inr (Classical.byContradiction fun hne => h ⟨hp, hne⟩)
  · have : ∀ p : E × E, ¬ ¬ Doom1 sh pr [Chal.pair p.1 p.2] := by
      intro p hp
      apply hp
      simp only [Doom1]
      by_cases h1 : MainClose sh pr
      · by_cases h2 : OwnFail sh pr
        · exact Or.inr (Or.inl h2)
        · exact Or.inr (Or.inr (Or.inl (Classical.byContradiction fun h3 => hgood ⟨h1, h2, h3⟩)))
      · exact Or.inl h1
    rw [List.countP_eq_zero.mpr (fun p _ => by simpa using this p)]
    exact Nat.zero_le _

end Zkvm.Stark

end
