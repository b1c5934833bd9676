module

public import Zkvm.Spec.Air

/-!
# The LogUp constraints on the trace domain give the claimed sum

If every LogUp constraint of a table (`Zkvm.Spec.logupConstraints`) vanishes on every row of the
trace domain, read from polynomials (`rowAt` at `ω^i`), and no denominator `χ − fp msg β`
vanishes, then the claimed sum is the sum of all the table's fractions
(`claimed_sum_of_logup`). The selectors only need to be nonzero where they act: `is_first` on
row `0`, `is_transition` on rows `< n − 1`, `is_last` on row `n − 1`.
-/

public section

noncomputable section

namespace Zkvm.Stark

open Zkvm.Spec Poly

universe u

variable {E : Type u} [Lean.Grind.Field E] [DecidableEq E]

omit [Lean.Grind.Field E] [DecidableEq E] in
theorem length_chunk2 {α : Type u} : ∀ l : List α, (chunk2 l).length = (l.length + 1) / 2
  | [] => by simp [chunk2]
  | [_] => by simp [chunk2]
  | _ :: _ :: rest => by
    simp only [chunk2, List.length_cons, length_chunk2 rest]; omega

omit [Lean.Grind.Field E] [DecidableEq E] in
theorem forall_zip_of_getD {α β : Type u} (R : α → β → Prop) (da : α) (db : β) :
    ∀ (a : List α) (b : List β), a.length = b.length →
      (∀ j, j < a.length → R (a.getD j da) (b.getD j db)) → ∀ x ∈ a.zip b, R x.1 x.2
  | [], _, _, _ => by simp
  | _ :: _, [], h, _ => by simp at h
  | x :: a, y :: b, hl, h => by
    intro p hp
    simp only [List.zip_cons_cons, List.mem_cons] at hp
    rcases hp with rfl | hp
    · exact h 0 (by simp)
    · exact forall_zip_of_getD R da db a b (by simpa using hl)
        (fun j hj => by have := h (j + 1) (by simp; omega); simpa using this) p hp

omit [DecidableEq E] in
theorem divSum_denoms_eq_fracSum (χ β : E) : ∀ fs : List (Frac E),
    divSum (denoms χ β fs) = fracSum χ β fs
  | [] => rfl
  | f :: fs => by
    simp only [denoms, List.map_cons, divSum, fracSum]
    rw [← denoms, divSum_denoms_eq_fracSum χ β fs]

omit [DecidableEq E] in
theorem sumF_append : ∀ a b : List E, sumF (a ++ b) = sumF a + sumF b
  | [], b => by simp [sumF]; grind
  | x :: a, b => by simp only [List.cons_append, sumF, sumF_append a b]; grind

omit [DecidableEq E] in
/-- **One row**: the pair constraints make the pair columns sum to the row's fractions. -/
theorem pairs_sum (T : Table E) (χ β : E) (row : Row E)
    (hlen : (T.fractions row).length = T.numFractions) (haux : numPairs T ≤ row.auxLoc.length)
    (hpole : ∀ f ∈ T.fractions row, χ - fp f.2 β ≠ 0)
    (hc : ∀ j, j < numPairs T →
      pairConstraint (row.auxLoc.getD j 0) ((chunk2 (denoms χ β (T.fractions row))).getD j []) = 0) :
    sumF (row.auxLoc.take (numPairs T)) = fracSum χ β (T.fractions row) := by
  rw [← divSum_denoms_eq_fracSum]
  have hch : (chunk2 (denoms χ β (T.fractions row))).length = numPairs T := by
    rw [length_chunk2, denoms, List.length_map, hlen]; rfl
  have htake : (row.auxLoc.take (numPairs T)).length = numPairs T := by
    simp [List.length_take]; omega
  refine sum_pairs_eq _ _ (by rw [htake, hch]) ?_ ?_
  · intro p hp
    obtain ⟨f, hf, rfl⟩ := List.mem_map.mp hp
    exact hpole f hf
  · refine forall_zip_of_getD (fun h g => pairConstraint h g = 0) 0 [] _ _ (by rw [htake, hch]) ?_
    intro j hj
    rw [htake] at hj
    have := hc j hj
    rwa [List.getD_eq_getElem?_getD, List.getElem?_take_of_lt hj, ← List.getD_eq_getElem?_getD]

omit [DecidableEq E] in
/-- **The claimed sum of a table.** If every LogUp constraint vanishes at every `ω^i`, `i < n`
(rows read from the polynomials `main`, `aux`), the denominators of every row are nonzero and the
selectors are nonzero where they act, then `σ = Σ_{i<n} Σ (fractions of row i)`. -/
theorem claimed_sum_of_logup (T : Table E) (main aux : List (Poly E)) (χ β σ : E)
    (hn : 1 ≤ T.n) (haux : aux.length = numPairs T + 1)
    (hlen : ∀ row, (T.fractions row).length = T.numFractions)
    (hF : eval T.selFirst (T.ω ^ 0) ≠ 0) (hL : eval T.selLast (T.ω ^ (T.n - 1)) ≠ 0)
    (hT : ∀ i, i + 1 < T.n → eval T.selTrans (T.ω ^ i) ≠ 0)
    (hvan : ∀ i, i < T.n → ∀ C ∈ logupConstraints T χ β σ,
      C (rowAt T.ω main aux T.selFirst T.selLast T.selTrans (T.ω ^ i)) = 0)
    (hpole : ∀ i, i < T.n → ∀ f ∈ T.fractions (rowAt T.ω main aux T.selFirst T.selLast T.selTrans (T.ω ^ i)),
      χ - fp f.2 β ≠ 0) :
    σ = sumUpTo (fun i => fracSum χ β
      (T.fractions (rowAt T.ω main aux T.selFirst T.selLast T.selTrans (T.ω ^ i)))) T.n := by
  let P := numPairs T
  let r : Nat → Row E := fun i => rowAt T.ω main aux T.selFirst T.selLast T.selTrans (T.ω ^ i)
  let φ : Nat → E := fun i => (r i).auxLoc.getD P 0
  let S : Nat → E := fun i => sumF ((r i).auxLoc.take P)
  have hauxlen : ∀ i, (r i).auxLoc.length = P + 1 := fun i => by simp [r, rowAt, haux, P]
  -- the three running-sum constraints
  have hfirst : ∀ i, i < T.n → (r i).first * φ i = 0 := fun i hi =>
    hvan i hi (fun row => row.first * row.auxLoc.getD (numPairs T) 0) (by simp [logupConstraints])
  have htrans : ∀ i, i < T.n → (r i).trans * ((r i).auxNxt.getD P 0 - φ i - S i) = 0 :=
    fun i hi => hvan i hi (fun row => row.trans * (row.auxNxt.getD (numPairs T) 0 -
      row.auxLoc.getD (numPairs T) 0 - sumF (row.auxLoc.take (numPairs T))))
      (by simp [logupConstraints])
  have hlast : ∀ i, i < T.n → (r i).last * (φ i + S i - σ) = 0 :=
    fun i hi => hvan i hi (fun row => row.last * (row.auxLoc.getD (numPairs T) 0 +
      sumF (row.auxLoc.take (numPairs T)) - σ)) (by simp [logupConstraints])
  have hnext : ∀ i, (r i).auxNxt.getD P 0 = φ (i + 1) := by
    intro i
    simp only [r, φ, rowAt, List.getD_eq_getElem?_getD, List.getElem?_map,
      Lean.Grind.Semiring.pow_succ]
    congr 2; grind
  have h0 : φ 0 = 0 := by
    have := hfirst 0 hn
    exact (mul_eq_zero_iff.mp this).resolve_left (by simpa [r, rowAt] using hF)
  have hstep : ∀ i, i + 1 < T.n → φ (i + 1) = φ i + S i := by
    intro i hi
    have := htrans i (by omega)
    have ht : (r i).trans ≠ 0 := by simpa [r, rowAt] using hT i hi
    have := (mul_eq_zero_iff.mp this).resolve_left ht
    rw [hnext] at this; grind
  have hl : φ (T.n - 1) + S (T.n - 1) = σ := by
    have := hlast (T.n - 1) (by omega)
    have hl' : (r (T.n - 1)).last ≠ 0 := by simpa [r, rowAt] using hL
    have := (mul_eq_zero_iff.mp this).resolve_left hl'
    grind
  rw [claimed_sum_eq hn h0 hstep hl]
  -- each row's pair columns sum to its fractions
  have hrow : ∀ i, i < T.n → S i = fracSum χ β (T.fractions (r i)) := by
    intro i hi
    refine pairs_sum T χ β (r i) (hlen _) (by rw [hauxlen]; omega) (hpole i hi) (fun j hj => ?_)
    exact hvan i hi (fun row => pairConstraint (row.auxLoc.getD j 0)
      ((chunk2 (denoms χ β (T.fractions row))).getD j [])) (by
        simp only [logupConstraints, List.mem_append, List.mem_map, List.mem_range]
        exact Or.inl ⟨j, hj, rfl⟩)
  have : ∀ k, k ≤ T.n → sumUpTo S k = sumUpTo (fun i => fracSum χ β (T.fractions (r i))) k := by
    intro k hk
    induction k with
    | zero => rfl
    | succ k ih => simp only [sumUpTo]; rw [ih (by omega), hrow k (by omega)]
  exact this T.n (Nat.le_refl _)

end Zkvm.Stark

end
