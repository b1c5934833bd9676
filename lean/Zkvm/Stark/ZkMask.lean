module

public import Zkvm.Poly.Interpolation

/-!
# Zero knowledge: the algebra of the masks (docs/protocol.md §15.4)

With `StarkParams.zk` the prover commits each trace and auxiliary column polynomial `T` as
`T + Z_H·R` (`R` with `z` random coefficients), the quotient chunks with masks that
telescope, and blinding messages around a ring of tables. What is proved here:

* `masked_eval_of_vanishing`: on `H` (where `Z_H` vanishes) the masked polynomial takes the
  trace's values, so every constraint and every LogUp row still holds: masking does not
  break completeness.
* `masked_openings_onto` and `masked_openings_unique`: at `z` distinct points where `Z_H`
  does not vanish (zeta, zeta·omega, the queries), the map from `R` (degree `< z`) to the
  opened values is onto every list of values, and two `R` with the same openings have the
  same coefficients. So the map is a bijection of `F^z`: a uniform `R` makes the openings
  uniform, **whatever `T` is** — the openings say nothing about the witness. (The
  simulation argument around it, with the random oracle, is in the protocol document only.)
* `chunkSum_masked`: the chunk masks `Q'_j = Q_j - B_j + s·B_{j+1}` (`B_0 = B_c = 0`, `s =
  zeta^n`) leave the verifier's recombination `Σ_j s^j Q'_j(zeta)` equal to `Σ_j s^j Q_j(zeta)`.
* `ring_sum_eq_zero`: the claimed-sum shifts `u_t - u_{t+1}` of the blinding ring (the last
  table receiving the first's messages) sum to zero, so the bus still balances.
-/

public section

noncomputable section

namespace Zkvm.Stark.Zk

open Zkvm.Poly

universe u

variable {F : Type u} [Lean.Grind.Field F]

/-- The committed polynomial `T + Z_H·R`. -/
@[expose] def masked (t zh r : Poly F) : Poly F := t + zh * r

/-- Masking keeps the values on `H`. -/
theorem masked_eval_of_vanishing (t zh r : Poly F) {h : F} (hz : eval zh h = 0) :
    eval (masked t zh r) h = eval t h := by
  simp only [masked, eval_add, eval_mul, hz]
  grind

/-- The mask that makes `T + Z_H·R` take the value `y` at `x`: `(y - T(x)) / Z_H(x)`. -/
@[expose] def maskPoint (t zh : Poly F) (p : F × F) : F × F :=
  (p.1, (p.2 - eval t p.1) / eval zh p.1)

/-- **Openings are onto.** For distinct points where `Z_H` does not vanish and any values, some
`R` of degree `< |xs|` makes `T + Z_H·R` take those values there. -/
theorem masked_openings_onto (t zh : Poly F) (xs ys : List F) (hlen : ys.length = xs.length)
    (hnd : xs.Nodup) (hz : ∀ x ∈ xs, eval zh x ≠ 0) :
    ∃ r : Poly F, r.DegreeLE (xs.length - 1) ∧
      ∀ p ∈ xs.zip ys, eval (masked t zh r) p.1 = p.2 := by
  let pts := (xs.zip ys).map (maskPoint t zh)
  have hfst : pts.map Prod.fst = xs := by
    simp only [pts, List.map_map]
    have : (Prod.fst ∘ maskPoint t zh) = (Prod.fst : F × F → F) := by
      funext p; rfl
    rw [this, List.map_fst_zip (Nat.le_of_eq hlen.symm)]
  have hptsnd : (pts.map Prod.fst).Nodup := by rw [hfst]; exact hnd
  refine ⟨interpolate pts, degreeLE_interpolate ?_, ?_⟩
  · simp only [pts, List.length_map, List.length_zip, hlen, Nat.min_self]
    omega
  · intro p hp
    have hmem : maskPoint t zh p ∈ pts := List.mem_map_of_mem hp
    have hval := eval_interpolate hptsnd _ hmem
    have hx : p.1 ∈ xs := (List.of_mem_zip hp).1
    have hzx := hz p.1 hx
    simp only [maskPoint] at hval
    simp only [masked, eval_add, eval_mul, hval]
    rw [Lean.Grind.Field.div_eq_mul_inv]
    have hinv := Lean.Grind.Field.mul_inv_cancel hzx
    grind

/-- **Openings determine the mask.** Two masks of degree `≤ d` giving the same values at
`d + 1` distinct points where `Z_H` does not vanish have the same coefficients. -/
theorem masked_openings_unique (t zh : Poly F) (xs : List F) (hnd : xs.Nodup)
    (hz : ∀ x ∈ xs, eval zh x ≠ 0) {r r' : Poly F} {d : Nat} (hr : r.DegreeLE d)
    (hr' : r'.DegreeLE d) (hlen : d + 1 ≤ xs.length)
    (h : ∀ x ∈ xs, eval (masked t zh r) x = eval (masked t zh r') x) :
    ∀ c ∈ (r - r').coeffs, c = 0 := by
  refine sub_coeffs_eq_zero_of_agree hr hr' hnd hlen fun x hx => ?_
  have hx' := h x hx
  simp only [masked, eval_add, eval_mul] at hx'
  have hzx := hz x hx
  have hinv := Lean.Grind.Field.mul_inv_cancel hzx
  have hmul : eval zh x * eval r x = eval zh x * eval r' x := by grind
  calc eval r x = (eval zh x)⁻¹ * (eval zh x * eval r x) := by grind
    _ = (eval zh x)⁻¹ * (eval zh x * eval r' x) := by rw [hmul]
    _ = eval r' x := by grind

/-- `s^n`, by repeated multiplication. -/
@[expose] def pw (s : F) : Nat → F
  | 0 => 1
  | n + 1 => pw s n * s

/-- `Σ_{j<c} s^j q_j`: the verifier's recombination of `c` chunk values (`s = zeta^n`). -/
@[expose] def chunkSum (s : F) (q : Nat → F) : Nat → F
  | 0 => 0
  | c + 1 => chunkSum s q c + pw s c * q c

/-- The masked chunks recombine to the unmasked sum plus the boundary masks' terms. -/
theorem chunkSum_masked_general (s : F) (q b : Nat → F) :
    ∀ c, chunkSum s (fun j => q j - b j + s * b (j + 1)) c =
      chunkSum s q c + pw s c * b c - b 0
  | 0 => by simp only [chunkSum, pw]; grind
  | c + 1 => by
    simp only [chunkSum]
    rw [chunkSum_masked_general s q b c]
    simp only [pw]
    grind

/-- **The chunk masks cancel** in the verifier's recombination (`B_0 = B_c = 0`). -/
theorem chunkSum_masked (s : F) (q b : Nat → F) (c : Nat) (h0 : b 0 = 0) (hc : b c = 0) :
    chunkSum s (fun j => q j - b j + s * b (j + 1)) c = chunkSum s q c := by
  rw [chunkSum_masked_general, h0, hc]
  grind

/-- The sum of `a - l_0, l_0 - l_1, …, l_last - b`: `a - b`. -/
theorem sum_zipWith_sub_chain (b : F) : ∀ (a : F) (l : List F),
    (List.zipWith (· - ·) (a :: l) (l ++ [b])).sum = a - b
  | a, [] => by simp only [List.nil_append, List.zipWith_cons_cons, List.zipWith_nil_left,
      List.sum_cons, List.sum_nil]; grind
  | a, c :: l => by
    rw [List.cons_append, List.zipWith_cons_cons, List.sum_cons, sum_zipWith_sub_chain b c l]
    grind

/-- The blinding ring's shifts `u_t - u_{t+1}` (the last table's next is the first). -/
@[expose] def ringShifts : List F → List F
  | [] => []
  | a :: l => List.zipWith (· - ·) (a :: l) (l ++ [a])

/-- **The blinding sums cancel around the ring**: adding them to the tables' claimed sums
leaves the bus total unchanged. -/
theorem ring_sum_eq_zero (u : List F) : (ringShifts u).sum = 0 := by
  cases u with
  | nil => simp [ringShifts]
  | cons a l =>
    simp only [ringShifts]
    rw [sum_zipWith_sub_chain]
    grind

end Zkvm.Stark.Zk

end
