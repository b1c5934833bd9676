module

public import Zkvm.Stark.ComposeFri

/-!
# Soundness of the STARK IOP (the composed theorem)

**Theorem** (`iop_sound`). Fix a verifying key satisfying `IopValid` over a field `E` listed by
`Eall`, assume `ProximityGapUDR E` (the named proximity-gap assumption, `Zkvm.Stark.Gap`), and
take an AIR statement with **no satisfying witness**. Then for every prover strategy, among all
challenge sequences of `spaces` (`(χ, β)`, `α`, `ζ`, `γ`, the `R` folding challenges, `s` query
points) at most `rbrBound sizes roundErr 0` make the IOP verifier `accepts`: by
`Zkvm.Stark.rbrBound_le`,

  `Pr[accept] ≤ Σ_r roundErr r / |S_r|`

with the per-round errors (`roundErr`):

| round | bad challenges | out of |
| --- | --- | --- |
| `(χ, β)` | `(2M − 1)·|E| + M·(L − 1)·|E|` (`M` bus fractions, messages of length `L`) | `|E|²` |
| `α` | `m − 1` (at most `m` constraints per table) | `|E|` |
| `ζ` | `D_ζ ≥ max_t max(d_t·n_t, (q_t + 1)·n_t)` | `|E|` |
| `γ` | `D_γ ≥ max_j (classSize_j − 1)·|D_j|` | `|E|` |
| `β_r` | `2·A_r·|D_{r+1}|` | `|E|` |
| queries | `(t_0 − 1)^s` | `|D_0|^s` |

It is round-by-round soundness (`countP_seqs_good_le_of_rbr`) with the doomed-state predicate
`Escaped` and the round lemmas `round_lookup`, `round_alpha`, `round_zeta`, `round_gamma`,
`round_fold`, `round_query`. Proof of work is not part of the IOP; see `Zkvm.Stark.Bits`.
-/

public section

noncomputable section

namespace Zkvm.Stark

open Zkvm.Spec Poly Classical

universe u

variable {E : Type u} [Lean.Grind.Field E] [DecidableEq E] [Inhabited E]
variable (sh : IopShape E)

/-- The per-round error numerators: round `r` has at most `roundErr r` bad challenges. -/
@[expose] def roundErr (N L m Dz Dg : Nat) (r : Nat) : Nat :=
  if r = 0 then (2 * busSize sh - 1) * N + busSize sh * (L - 1) * N
  else if r = 1 then m - 1
  else if r = 2 then Dz
  else if r = 3 then Dg
  else if r < 4 + sh.R then 2 * (sh.kernel.A (r - 4) * (sh.kernel.D (r - 3)).length)
  else (sh.kernel.t 0 - 1) ^ sh.numQueries

/-! ## The challenge spaces -/

omit [Lean.Grind.Field E] [DecidableEq E] [Inhabited E] in
theorem length_spaces (Eall : List E) : (spaces sh Eall).length = 5 + sh.R := by
  simp [spaces]; omega

omit [Lean.Grind.Field E] [DecidableEq E] [Inhabited E] in
theorem spaces_getD_zero (Eall : List E) :
    (spaces sh Eall).getD 0 [] = (pairs Eall Eall).map (fun p => Chal.pair p.1 p.2) := by
  simp [spaces]

omit [Lean.Grind.Field E] [DecidableEq E] [Inhabited E] in
theorem spaces_getD_mid (Eall : List E) {r : Nat} (h1 : 1 ≤ r) (h : r < 4 + sh.R) :
    (spaces sh Eall).getD r [] = Eall.map Chal.one := by
  obtain ⟨k, rfl⟩ : ∃ k, r = k + 1 := ⟨r - 1, by omega⟩
  simp only [spaces, List.cons_append, List.nil_append, List.getD_cons_succ]
  rw [List.getD_eq_getElem?_getD, List.getElem?_append_left (by simp; omega),
    List.getElem?_replicate, if_pos (by omega)]
  rfl

omit [Lean.Grind.Field E] [DecidableEq E] [Inhabited E] in
theorem spaces_getD_last (Eall : List E) :
    (spaces sh Eall).getD (4 + sh.R) [] =
      (seqs (List.replicate sh.numQueries (sh.kernel.D 0))).map Chal.pts := by
  rw [show 4 + sh.R = (4 + sh.R - 1) + 1 by omega]
  simp only [spaces, List.cons_append, List.nil_append, List.getD_cons_succ]
  rw [List.getD_eq_getElem?_getD, List.getElem?_append_right (by simp)]
  simp

theorem length_of_mem_seqs {α : Type u} : ∀ (Ss : List (List α)) (t : List α), t ∈ seqs Ss →
    t.length = Ss.length
  | [], t, h => by simp [seqs] at h; simp [h]
  | S :: Ss, t, h => by
    simp only [seqs, List.mem_flatMap, List.mem_map] at h
    obtain ⟨c, -, a, ha, rfl⟩ := h
    simp [length_of_mem_seqs Ss a ha]

/-! ## The theorem -/

/-- **Soundness of the STARK IOP.** If no witness satisfies the AIR, then for every prover at most
`rbrBound sizes roundErr 0` of the challenge sequences make the verifier accept
(`Pr[accept] ≤ Σ_r roundErr r / |S_r|`, `rbrBound_le`), under `ProximityGapUDR`. -/
theorem iop_sound {deg : Nat → Nat} {L : Nat} (hv : IopValid sh deg L) (hPG : ProximityGapUDR E)
    (hfalse : ¬ ∃ W, Satisfied sh.air W) (pr : Prover E) {Eall : List E} (hE : Eall.Nodup)
    {m Dz Dg : Nat} (hm : ∀ t, t < sh.air.numTables → numConstraints sh t ≤ m)
    (hDz : ∀ t, t < sh.air.numTables →
      deg t * (tab sh t).n ≤ Dz ∧ (sh.chunks t + 1) * (tab sh t).n ≤ Dz)
    (hDg : ∀ j, j ≤ sh.R → (classSize sh j - 1) * (sh.kernel.D j).length ≤ Dg) :
    (seqs (spaces sh Eall)).countP (fun τ => decide (accepts sh pr τ)) ≤
      rbrBound ((spaces sh Eall).map List.length) (roundErr sh Eall.length L m Dz Dg) 0 := by
  have key := countP_seqs_good_le_of_rbr (Escaped sh pr) (roundErr sh Eall.length L m Dz Dg)
    (spaces sh Eall) (by simp only [Escaped, List.length_nil, if_pos]; exact hfalse)
    (fun r τ hr hτ hd => by
      rw [length_spaces] at hr
      have hl : ∀ c : Chal E, (τ ++ [c]).length = r + 1 := fun c => by simp [hτ]
      rcases (by omega : r = 0 ∨ r = 1 ∨ r = 2 ∨ r = 3 ∨ (4 ≤ r ∧ r < 4 + sh.R) ∨ r = 4 + sh.R)
        with h | h | h | h | h | h
      · subst h
        rw [List.length_eq_zero_iff] at hτ
        subst hτ
        rw [spaces_getD_zero]
        refine Nat.le_trans (Nat.le_of_eq (List.countP_congr fun c _ => ?_))
          (round_lookup sh pr hv hfalse hE)
        simp [Escaped]
      · subst h
        rw [spaces_getD_mid sh Eall (by omega) (by omega)]
        have hd' : Doom1 sh pr τ := by simpa [Escaped, hτ] using hd
        refine Nat.le_trans (Nat.le_of_eq (List.countP_congr fun c _ => ?_))
          (round_alpha sh pr hv hm τ hτ hd' hE)
        simp [Escaped, hl]
      · subst h
        rw [spaces_getD_mid sh Eall (by omega) (by omega)]
        have hd' : Doom2 sh pr τ := by simpa [Escaped, hτ] using hd
        refine Nat.le_trans (Nat.le_of_eq (List.countP_congr fun c _ => ?_))
          (round_zeta sh pr hv hDz τ hτ hd' hE)
        simp [Escaped, hl]
      · subst h
        rw [spaces_getD_mid sh Eall (by omega) (by omega)]
        have hd' : Doom3 sh pr τ := by simpa [Escaped, hτ] using hd
        refine Nat.le_trans (Nat.le_of_eq (List.countP_congr fun c _ => ?_))
          (round_gamma sh pr hv hPG hDg τ hτ hd' hE)
        rw [escaped_mid sh pr _ (by rw [hl]; omega) (by rw [hl]; omega)]
        simp only [hl, decide_eq_true_eq]
        constructor
        · intro h h4; exact h ⟨h4, fun r hr => absurd hr (by omega)⟩
        · intro h ⟨h4, _⟩; exact h h4
      · obtain ⟨k, rfl⟩ : ∃ k, r = 4 + k := ⟨r - 4, by omega⟩
        rw [spaces_getD_mid sh Eall (by omega) h.2]
        have he : roundErr sh Eall.length L m Dz Dg (4 + k) =
            2 * (sh.kernel.A k * (sh.kernel.D (k + 1)).length) := by
          simp only [roundErr, if_neg (show 4 + k ≠ 0 by omega), if_neg (show 4 + k ≠ 1 by omega),
            if_neg (show 4 + k ≠ 2 by omega), if_neg (show 4 + k ≠ 3 by omega), if_pos h.2,
            show 4 + k - 4 = k by omega, show 4 + k - 3 = k + 1 by omega]
        rw [he]
        exact round_fold sh pr hv hPG (by omega) τ hτ hd hE
      · subst h
        rw [spaces_getD_last]
        have he : roundErr sh Eall.length L m Dz Dg (4 + sh.R) =
            (sh.kernel.t 0 - 1) ^ sh.numQueries := by
          simp only [roundErr, if_neg (show 4 + sh.R ≠ 0 by omega),
            if_neg (show 4 + sh.R ≠ 1 by omega), if_neg (show 4 + sh.R ≠ 2 by omega),
            if_neg (show 4 + sh.R ≠ 3 by omega), if_neg (Nat.lt_irrefl _)]
        rw [he]
        exact round_query sh pr hv τ hτ hd)
  refine Nat.le_trans (List.countP_mono_left fun τ hτ h => ?_) key
  simp only [decide_eq_true_eq] at h ⊢
  rw [escaped_last sh pr τ (by rw [length_of_mem_seqs _ _ hτ, length_spaces])]
  exact h

end Zkvm.Stark

end
