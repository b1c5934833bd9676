module

public import Zkvm.Stark.LogUp

/-!
# LogUp: from the auxiliary trace to the bus, and from field counts to integer counts

Two facts that connect `Zkvm.Stark.LogUp` to the protocol.

**The auxiliary trace computes the sum of fractions** (`claimed_sum_eq`). On each row the
fractions `(mᵢ, dᵢ)` are grouped in pairs (`chunk2`) and the pair column `h_j` is constrained by
`h_j·d_a·d_b − (m_a·d_b + m_b·d_a)` (`h_j·d_a − m_a` for a last single fraction,
`pairConstraint`); the running sum `φ` by `φ₀ = 0`, `φ_{r+1} = φ_r + S_r` for `r < n − 1` and
`φ_{n−1} + S_{n−1} = σ` with `S_r = Σⱼ h_j` on row `r`. If every denominator is nonzero, these
force `h_j = m_a/d_a + m_b/d_b` (`sum_pairs_eq`) and `σ = Σ_r Σᵢ mᵢ/dᵢ`: the claimed sum is the sum
of all fractions of the table.

**Counts** (`intMult_eq_zero_of_mult_eq_zero`): if the multiplicities are integers `zᵢ` (e.g.
`+1` for a send, `−1` for a receive, or a multiplicity column's value) and, for a message `v`,
`Σ_{i : msgᵢ = v} |zᵢ| < p` (the characteristic), then `v`'s total multiplicity is zero in the
field only if it is zero as an integer: a balanced bus in the field is a balanced bus of
multisets. The protocol discharges `Σ |zᵢ| < p` from its bounds on the trace heights.
-/

public section

noncomputable section

namespace Zkvm.Stark

universe u

variable {F : Type u} [Lean.Grind.Field F]

/-! ## Pairs of fractions -/

/-- `Σ m / d` over `(m, d)` pairs. -/
@[expose] def divSum : List (F × F) → F
  | [] => 0
  | p :: ps => p.1 / p.2 + divSum ps

/-- Groups of two (the last one may be a single). -/
@[expose] def chunk2 {α : Type u} : List α → List (List α)
  | a :: b :: rest => [a, b] :: chunk2 rest
  | [a] => [[a]]
  | [] => []

/-- The LogUp pair constraint of the column `h` for a group of one or two fractions. -/
@[expose] def pairConstraint (h : F) : List (F × F) → F
  | [a, b] => h * a.2 * b.2 - (a.1 * b.2 + b.1 * a.2)
  | [a] => h * a.2 - a.1
  | _ => h

/-- `Σ` of a list of field elements. -/
@[expose] def sumF : List F → F
  | [] => 0
  | x :: xs => x + sumF xs

theorem pair_eq {h : F} {a b : F × F} (ha : a.2 ≠ 0) (hb : b.2 ≠ 0)
    (hc : pairConstraint h [a, b] = 0) : h = a.1 / a.2 + b.1 / b.2 := by
  simp only [pairConstraint] at hc
  have hia := Lean.Grind.Field.mul_inv_cancel ha
  have hib := Lean.Grind.Field.mul_inv_cancel hb
  rw [Lean.Grind.Field.div_eq_mul_inv, Lean.Grind.Field.div_eq_mul_inv]
  have : h * a.2 * b.2 = a.1 * b.2 + b.1 * a.2 := by grind
  calc h = h * a.2 * b.2 * (a.2⁻¹ * b.2⁻¹) := by grind
    _ = (a.1 * b.2 + b.1 * a.2) * (a.2⁻¹ * b.2⁻¹) := by rw [this]
    _ = a.1 * a.2⁻¹ + b.1 * b.2⁻¹ := by grind

theorem single_eq {h : F} {a : F × F} (ha : a.2 ≠ 0) (hc : pairConstraint h [a] = 0) :
    h = a.1 / a.2 := by
  simp only [pairConstraint] at hc
  have hia := Lean.Grind.Field.mul_inv_cancel ha
  rw [Lean.Grind.Field.div_eq_mul_inv]
  have : h * a.2 = a.1 := by grind
  calc h = h * a.2 * a.2⁻¹ := by grind
    _ = a.1 * a.2⁻¹ := by rw [this]

/-- **The pair columns sum to the row's fractions**, when every denominator is nonzero. -/
theorem sum_pairs_eq : ∀ (fr : List (F × F)) (hs : List F),
    hs.length = (chunk2 fr).length → (∀ p ∈ fr, p.2 ≠ 0) →
    (∀ x ∈ hs.zip (chunk2 fr), pairConstraint x.1 x.2 = 0) → sumF hs = divSum fr
  | [], hs, hl, _, _ => by
    cases hs with
    | nil => rfl
    | cons _ _ => simp [chunk2] at hl
  | [a], hs, hl, hd, hc => by
    match hs, hl with
    | [h], _ =>
      have := single_eq (hd a (List.mem_singleton_self a)) (hc (h, [a]) (by simp [chunk2]))
      simp only at this
      simp only [sumF, divSum, this]
  | a :: b :: rest, hs, hl, hd, hc => by
    match hs, hl with
    | h :: hs', hl =>
      simp only [chunk2, List.length_cons, Nat.add_right_cancel_iff] at hl
      have hpair := pair_eq (hd a (List.mem_cons_self ..))
        (hd b (List.mem_cons_of_mem _ (List.mem_cons_self ..))) (hc (h, [a, b]) (by simp [chunk2]))
      have ih := sum_pairs_eq rest hs' hl
        (fun p hp => hd p (List.mem_cons_of_mem _ (List.mem_cons_of_mem _ hp)))
        (fun x hx => hc x (by simp only [chunk2, List.zip_cons_cons]; exact List.mem_cons_of_mem _ hx))
      simp only at hpair
      simp only [sumF, divSum, ih, hpair]
      grind

/-! ## The running sum -/

/-- `Σ_{r < k} S r`. -/
@[expose] def sumUpTo (S : Nat → F) : Nat → F
  | 0 => 0
  | k + 1 => sumUpTo S k + S k

/-- **The running sum ends at the claimed sum**: `φ₀ = 0`, `φ_{r+1} = φ_r + S_r` (`r < n − 1`)
and `φ_{n−1} + S_{n−1} = σ` give `σ = Σ_{r < n} S_r`. -/
theorem claimed_sum_eq {φ S : Nat → F} {σ : F} {n : Nat} (hn : 1 ≤ n) (h0 : φ 0 = 0)
    (hstep : ∀ r, r + 1 < n → φ (r + 1) = φ r + S r) (hlast : φ (n - 1) + S (n - 1) = σ) :
    σ = sumUpTo S n := by
  have hφ : ∀ r, r < n → φ r = sumUpTo S r := by
    intro r hr
    induction r with
    | zero => rw [h0]; rfl
    | succ r ih => rw [hstep r hr, ih (by omega)]; rfl
  obtain ⟨k, rfl⟩ : ∃ k, n = k + 1 := ⟨n - 1, by omega⟩
  simp only [Nat.add_sub_cancel] at hlast
  rw [← hlast, hφ k (by omega)]; rfl

/-! ## Integer multiplicities -/

attribute [local instance] Lean.Grind.Ring.intCast

/-- Total integer multiplicity of `v`. -/
@[expose] def intMult [DecidableEq F] (v : List F) : List (Int × List F) → Int
  | [] => 0
  | f :: fs => (if f.2 = v then f.1 else 0) + intMult v fs

/-- `Σ |zᵢ|` over the fractions carrying `v`. -/
@[expose] def absMult [DecidableEq F] (v : List F) : List (Int × List F) → Nat
  | [] => 0
  | f :: fs => (if f.2 = v then f.1.natAbs else 0) + absMult v fs

/-- The fractions with integer multiplicities, in the field. -/
@[expose] def castFracs : List (Int × List F) → List (Frac F)
  | [] => []
  | f :: fs => (Int.cast f.1, f.2) :: castFracs fs

theorem mult_castFracs [DecidableEq F] (v : List F) : ∀ fs : List (Int × List F),
    mult v (castFracs fs) = (Int.cast (intMult v fs) : F)
  | [] => by simp [castFracs, mult, intMult, Lean.Grind.Ring.intCast_zero]
  | f :: fs => by
    simp only [castFracs, mult, intMult, mult_castFracs v fs, Lean.Grind.Ring.intCast_add]
    split <;> simp [Lean.Grind.Ring.intCast_zero]

omit [Lean.Grind.Field F] in
theorem natAbs_intMult_le [DecidableEq F] (v : List F) : ∀ fs : List (Int × List F),
    (intMult v fs).natAbs ≤ absMult v fs
  | [] => by simp [intMult, absMult]
  | f :: fs => by
    have ih := natAbs_intMult_le v fs
    simp only [intMult, absMult]
    have := Int.natAbs_add_le (if f.2 = v then f.1 else 0) (intMult v fs)
    split <;> simp_all <;> omega

/-- **Field counts are integer counts below the characteristic.** If `Σ |zᵢ| < p` over the
fractions carrying `v`, then `v`'s multiplicity vanishes in the field only if it vanishes as an
integer. -/
theorem intMult_eq_zero_of_mult_eq_zero [DecidableEq F] {p : Nat} [Lean.Grind.IsCharP F p]
    {v : List F} {fs : List (Int × List F)} (hsmall : absMult v fs < p)
    (h : mult v (castFracs fs) = 0) : intMult v fs = 0 := by
  rw [mult_castFracs, Lean.Grind.IsCharP.intCast_eq_zero_iff p] at h
  have hle := natAbs_intMult_le v fs
  exact Int.eq_zero_of_dvd_of_natAbs_lt_natAbs (Int.dvd_of_emod_eq_zero h) (by simp; omega)

/-- **A balanced bus is balanced as multisets** when every message's `Σ |zᵢ|` is below `p`. -/
theorem intBalanced_of_balanced [DecidableEq F] {p : Nat} [Lean.Grind.IsCharP F p]
    {fs : List (Int × List F)} (hsmall : ∀ v, absMult v fs < p) (h : Balanced (castFracs fs)) :
    ∀ v, intMult v fs = 0 :=
  fun v => intMult_eq_zero_of_mult_eq_zero (hsmall v) (h v)

end Zkvm.Stark

end
