module

public import Zkvm.Stark.Compose

/-!
# Proven bits for the project's parameters

`iop_bits`: with the shipped parameters (`compact_params`: blowup 4, FRI arity 4, final
polynomial of 64 coefficients, 40 queries) over `BabyBear⁴` (`|E| = p⁴ ≥ 2^123`,
`p = 2013265921`, `p4_ge`), every prover makes the IOP verifier accept a statement with no
satisfying witness for at most a `2^-26` fraction of the challenge sequences, under
`ProximityGapUDR`, for every AIR whose sizes stay within generous caps (each non-FRI round
numerator `≤ 2^40`, every fold `A_r·|D_{r+1}| ≤ 2^39`, `R ≤ 32`): the project's AIR
(`docs/air.md`: eleven tables of at most 25 fractions per row, degree 3, heights `≤ 2^22`,
at most 37 columns and 41 constraints each) is far inside them.

Where the figure comes from: the query round. In the unique-decoding regime the agreement
threshold of layer `r` (`N_r = 256·4^k` points, `k` folds above the final layer of `256`) is
`t_r = 161·4^k + 1` (`thresholds_ok`: it satisfies `IopValid.udr` and `FriShape.Valid.thresh`),
so a query passes a far word with probability `≤ (t_0 − 1)/N_0 = 161/256` and 40 queries give
`(161/256)^40 = 2^-26.76` (`query_bits`); every other round contributes `≤ 2^-83`.

**Proof of work is not counted**: it is not part of the IOP. In the random-oracle reading of
the Fiat–Shamir transform (not proved here, phase 1.3b), 20 grinding bits multiply the query
round's error by `2^-20`, giving about 46 bits (`query_bits_pow`, arithmetic only).
-/

public section

noncomputable section

namespace Zkvm.Stark

open Zkvm.Spec Poly Classical

universe u

/-- The field size: `p⁴ ≥ 2^123` for `p = 2013265921`. -/
theorem p4_ge : 2 ^ 123 ≤ 2013265921 ^ 4 := by decide

/-- The query round alone: `(161/256)^40 ≤ 2^-26`, and not `≤ 2^-27`. -/
theorem query_bits : 161 ^ 40 * 2 ^ 26 ≤ 256 ^ 40 ∧ ¬ 161 ^ 40 * 2 ^ 27 ≤ 256 ^ 40 := by decide

/-- With 20 grinding bits in the random-oracle reading (not proved): `(161/256)^40·2^-20 ≤ 2^-46`. -/
theorem query_bits_pow : 161 ^ 40 * 2 ^ 46 ≤ 256 ^ 40 * 2 ^ 20 := by decide

/-- **The thresholds exist.** On a layer of `256·x` points (`x = 4^k`) with degree bound
`d = 64·x − 1`, the threshold `t = 161·x + 1` is inside the unique-decoding radius with the
margin `IopValid.udr` asks for, and consecutive layers (`x = 4·x'`, arity 4) satisfy
`FriShape.Valid.thresh`; `256·(t − 1) = 161·N`. -/
theorem thresholds_ok (x x' : Nat) (hx : 1 ≤ x) (hxx : x = 4 * x') :
    256 * x + (64 * x - 1 + 1) + 1 ≤ 2 * (161 * x + 1 - 1) ∧
    4 * (161 * x' + 1 - 1) < 161 * x + 1 ∧ 256 * (161 * x + 1 - 1) = 161 * (256 * x) := by
  omega

private theorem sum_range_ite (a b k : Nat) :
    ((List.range (k + 1)).map (fun r => if r < k then a else b)).sum = k * a + b := by
  have h : ∀ j, j ≤ k → ((List.range j).map (fun r => if r < k then a else b)).sum = j * a := by
    intro j hj
    induction j with
    | zero => simp
    | succ j ih =>
      rw [List.range_succ, List.map_append, sum_append_nat, ih (by omega)]
      simp [show j < k by omega, Nat.succ_mul]
  rw [List.range_succ, List.map_append, sum_append_nat, h k (Nat.le_refl _)]
  simp

private theorem prodNat_replicate (n : Nat) : ∀ s, prodNat (List.replicate s n) = n ^ s
  | 0 => rfl
  | s + 1 => by
    simp only [List.replicate_succ, prodNat, prodNat_replicate n s, Nat.pow_succ, Nat.mul_comm]

private theorem getD_map_length {α : Type u} (l : List (List α)) (r : Nat) :
    (l.map List.length).getD r 0 = (l.getD r []).length := by
  simp only [List.getD_eq_getElem?_getD, List.getElem?_map]
  cases l[r]? <;> rfl

/-- A small round: `D ≤ 2^40` bad challenges out of `≥ 2^123`. -/
private theorem small_round {D S : Nat} (hD : D ≤ 2 ^ 40) (hS : 2 ^ 123 ≤ S) :
    D * 2 ^ 200 ≤ S * 2 ^ 117 := by
  have h1 : D * 2 ^ 200 ≤ 2 ^ 40 * 2 ^ 200 := Nat.mul_le_mul_right _ hD
  have h2 : 2 ^ 123 * 2 ^ 117 ≤ S * 2 ^ 117 := Nat.mul_le_mul_right _ hS
  have e1 : (2 : Nat) ^ 40 * 2 ^ 200 = 2 ^ 240 := (Nat.pow_add 2 40 200).symm
  have e2 : (2 : Nat) ^ 123 * 2 ^ 117 = 2 ^ 240 := (Nat.pow_add 2 123 117).symm
  omega

variable {E : Type u} [Lean.Grind.Field E] [DecidableEq E] [Inhabited E]
variable (sh : IopShape E)

/-- **Proven bits.** With 40 queries, thresholds `256·(t_0 − 1) ≤ 161·|D_0|` (`thresholds_ok`),
`|E| ≥ 2^123` and the caps on the AIR, at most a `2^-26` fraction of the challenge sequences
make the IOP verifier accept a statement with no satisfying witness (under `ProximityGapUDR`). -/
theorem iop_bits {deg : Nat → Nat} {L : Nat} (hv : IopValid sh deg L) (hPG : ProximityGapUDR E)
    (hfalse : ¬ ∃ W, Satisfied sh.air W) (pr : Prover E) {Eall : List E} (hE : Eall.Nodup)
    (hN : 2 ^ 123 ≤ Eall.length)
    {m Dz Dg : Nat} (hm : ∀ t, t < sh.air.numTables → numConstraints sh t ≤ m)
    (hDz : ∀ t, t < sh.air.numTables →
      deg t * (tab sh t).n ≤ Dz ∧ (sh.chunks t + 1) * (tab sh t).n ≤ Dz)
    (hDg : ∀ j, j ≤ sh.R → (classSize sh j - 1) * (sh.kernel.D j).length ≤ Dg)
    (hbus : (2 * busSize sh - 1) + busSize sh * (L - 1) ≤ 2 ^ 40) (hm40 : m ≤ 2 ^ 40)
    (hDz40 : Dz ≤ 2 ^ 40) (hDg40 : Dg ≤ 2 ^ 40)
    (hA : ∀ r, r < sh.R → sh.kernel.A r * (sh.kernel.D (r + 1)).length ≤ 2 ^ 39)
    (hR : sh.R ≤ 32) (hs : sh.numQueries = 40)
    (ht0 : 256 * (sh.kernel.t 0 - 1) ≤ 161 * (sh.kernel.D 0).length) :
    (seqs (spaces sh Eall)).countP (fun τ => decide (accepts sh pr τ)) * 2 ^ 26 ≤
      (seqs (spaces sh Eall)).length := by
  have hsound := iop_sound sh hv hPG hfalse pr hE hm hDz hDg
  obtain ⟨e, hedef⟩ : ∃ e : Nat → Nat,
      e = fun r => if r < 4 + sh.R then 2 ^ 117 else 2 ^ 174 - 36 * 2 ^ 117 := ⟨_, rfl⟩
  have hle := rbrBound_le e (2 ^ 200) (roundErr sh Eall.length L m Dz Dg)
    ((spaces sh Eall).map List.length) 0 (fun r hr => by
      simp only [List.length_map, length_spaces] at hr
      rw [getD_map_length, Nat.zero_add]
      rcases (by omega : r = 0 ∨ (1 ≤ r ∧ r < 4 + sh.R) ∨ r = 4 + sh.R) with h | h | h
      · subst h
        rw [spaces_getD_zero, List.length_map, length_pairs]
        simp only [roundErr, if_pos, hedef, show 0 < 4 + sh.R by omega]
        rw [← Nat.add_mul]
        have h1 : ((2 * busSize sh - 1) + busSize sh * (L - 1)) * Eall.length * 2 ^ 200 ≤
            2 ^ 40 * Eall.length * 2 ^ 200 :=
          Nat.mul_le_mul_right _ (Nat.mul_le_mul_right _ hbus)
        have h2 := small_round (D := 2 ^ 40) (Nat.le_refl _) hN
        have h3 := Nat.mul_le_mul_left Eall.length h2
        calc _ ≤ 2 ^ 40 * Eall.length * 2 ^ 200 := h1
          _ = Eall.length * (2 ^ 40 * 2 ^ 200) := by rw [Nat.mul_comm (2 ^ 40) Eall.length, Nat.mul_assoc]
          _ ≤ Eall.length * (Eall.length * 2 ^ 117) := h3
          _ = Eall.length * Eall.length * 2 ^ 117 := (Nat.mul_assoc _ _ _).symm
      · rw [spaces_getD_mid sh Eall h.1 h.2, List.length_map]
        simp only [hedef, if_pos h.2]
        refine small_round ?_ hN
        simp only [roundErr, if_neg (show r ≠ 0 by omega)]
        by_cases h1 : r = 1
        · simp only [if_pos h1]; omega
        by_cases h2 : r = 2
        · simp only [if_neg h1, if_pos h2]; exact hDz40
        by_cases h3 : r = 3
        · simp only [if_neg h1, if_neg h2, if_pos h3]; exact hDg40
        simp only [if_neg h1, if_neg h2, if_neg h3, if_pos h.2]
        have := hA (r - 4) (by omega)
        rw [show r - 4 + 1 = r - 3 by omega] at this
        omega
      · subst h
        rw [spaces_getD_last, List.length_map, length_seqs, List.map_replicate, prodNat_replicate]
        simp only [hedef, Nat.lt_irrefl, if_false]
        have he : roundErr sh Eall.length L m Dz Dg (4 + sh.R) =
            (sh.kernel.t 0 - 1) ^ sh.numQueries := by
          simp only [roundErr, if_neg (show 4 + sh.R ≠ 0 by omega),
            if_neg (show 4 + sh.R ≠ 1 by omega), if_neg (show 4 + sh.R ≠ 2 by omega),
            if_neg (show 4 + sh.R ≠ 3 by omega), if_neg (Nat.lt_irrefl _)]
        rw [he, hs]
        -- (256 (t₀ − 1))^40 ≤ (161 N₀)^40, and the concrete check
        have hp : (256 * (sh.kernel.t 0 - 1)) ^ 40 ≤ (161 * (sh.kernel.D 0).length) ^ 40 :=
          Nat.pow_le_pow_left ht0 40
        rw [Nat.mul_pow, Nat.mul_pow] at hp
        have hc : 161 ^ 40 * 2 ^ 200 ≤ 256 ^ 40 * (2 ^ 174 - 36 * 2 ^ 117) := by decide
        refine Nat.le_of_mul_le_mul_left (c := 256 ^ 40) ?_ (by decide)
        calc 256 ^ 40 * ((sh.kernel.t 0 - 1) ^ 40 * 2 ^ 200)
            = 256 ^ 40 * (sh.kernel.t 0 - 1) ^ 40 * 2 ^ 200 := by rw [Nat.mul_assoc]
          _ ≤ 161 ^ 40 * (sh.kernel.D 0).length ^ 40 * 2 ^ 200 := Nat.mul_le_mul_right _ hp
          _ = (sh.kernel.D 0).length ^ 40 * (161 ^ 40 * 2 ^ 200) := by
            rw [Nat.mul_comm (161 ^ 40), Nat.mul_assoc]
          _ ≤ (sh.kernel.D 0).length ^ 40 * (256 ^ 40 * (2 ^ 174 - 36 * 2 ^ 117)) :=
            Nat.mul_le_mul_left _ hc
          _ = 256 ^ 40 * ((sh.kernel.D 0).length ^ 40 * (2 ^ 174 - 36 * 2 ^ 117)) := by
            rw [← Nat.mul_assoc, Nat.mul_comm _ (256 ^ 40), Nat.mul_assoc])
  -- the sum of the per-round budgets
  have hsum : ((List.range ((spaces sh Eall).map List.length).length).map (fun r => e (0 + r))).sum ≤
      2 ^ 174 := by
    simp only [List.length_map, length_spaces, Nat.zero_add]
    rw [show 5 + sh.R = (4 + sh.R) + 1 by omega]
    simp only [hedef]
    rw [sum_range_ite]
    have : (4 + sh.R) * 2 ^ 117 ≤ 36 * 2 ^ 117 := Nat.mul_le_mul_right _ (by omega)
    have h36 : 36 * 2 ^ 117 ≤ 2 ^ 174 := by decide
    omega
  rw [length_seqs]
  have h1 := Nat.mul_le_mul_right (2 ^ 200) hsound
  have h2 := Nat.mul_le_mul_left (prodNat ((spaces sh Eall).map List.length)) hsum
  have h5 : (seqs (spaces sh Eall)).countP (fun τ => decide (accepts sh pr τ)) * 2 ^ 26 * 2 ^ 174 ≤
      prodNat ((spaces sh Eall).map List.length) * 2 ^ 174 :=
    calc _ = (seqs (spaces sh Eall)).countP (fun τ => decide (accepts sh pr τ)) * 2 ^ 200 := by
          rw [Nat.mul_assoc, ← Nat.pow_add]
      _ ≤ _ := h1
      _ ≤ _ := hle
      _ ≤ _ := h2
  exact Nat.le_of_mul_le_mul_right (c := 2 ^ 174) h5 (Nat.two_pow_pos 174)

end Zkvm.Stark

end
