module

public import Zkvm.Stark.Count

/-!
# Many rounds: round-by-round soundness as a count

An interactive protocol draws challenges `c₀ ∈ S₀, c₁ ∈ S₁, …, c_{k-1} ∈ S_{k-1}`, independently
and uniformly. Fix any (deterministic, adaptive) prover: its messages are functions of the
challenges drawn so far, so everything that happens is a function of the challenge sequence.
Round-by-round soundness is phrased with a predicate `good` on challenge prefixes (read: "the
prover is no longer doomed after these challenges"):

* `¬ good []`: the prover starts doomed (e.g. the statement is false);
* after any doomed prefix `τ` of length `r`, at most `D r` challenges of `S_r` lead to a
  good prefix `τ ++ [c]`.

`countP_seqs_good_le` then bounds the number of full challenge sequences that end good by
`rbrBound`, so that (`rbrBound_eq_sum`)

  `Pr[good] ≤ Σ_r D r / |S_r|`.

When "the verifier accepts" implies "good" for the complete sequence (a doomed complete
transcript is rejected), this bounds the probability that the verifier accepts.

The sample spaces are lists; `seqs Ss` enumerates `S₀ × S₁ × …` and has `∏ |S_r|` elements
(`length_seqs`).
-/

public section

noncomputable section

namespace Zkvm.Stark

universe u

variable {α : Type u}

/-- Product of a list of natural numbers. -/
@[expose] def prodNat : List Nat → Nat
  | [] => 1
  | s :: ss => s * prodNat ss

/-- All challenge sequences `[c₀, …, c_{k-1}]` with `c_r ∈ Ss[r]`. -/
@[expose] def seqs : List (List α) → List (List α)
  | [] => [[]]
  | S :: Ss => S.flatMap (fun c => (seqs Ss).map (c :: ·))

theorem length_seqs : ∀ Ss : List (List α), (seqs Ss).length = prodNat (Ss.map List.length)
  | [] => rfl
  | S :: Ss => by
    have ih := length_seqs Ss
    simp only [seqs, List.map_cons, prodNat]
    rw [← ih]
    induction S with
    | nil => simp
    | cons c S ihS =>
      simp only [List.flatMap_cons, List.length_append, List.length_map, List.length_cons, ihS]
      rw [Nat.succ_mul]; omega

/-- The numerator of the round-by-round bound: `Σ_r D (k + r) · ∏_{j ≠ r} sizes[j]`, so that
`rbrBound sizes D k / ∏ sizes = Σ_r D (k + r) / sizes[r]`. -/
@[expose] def rbrBound : List Nat → (Nat → Nat) → Nat → Nat
  | [], _, _ => 0
  | s :: ss, D, k => D k * prodNat ss + s * rbrBound ss D (k + 1)

/-- Summing "`P` if `g c`, else `R`" over `S`. -/
theorem countP_bind_le {β : Type u} (S : List α) (f : α → List β) (p : β → Bool) (g : α → Bool)
    (P R : Nat) (hP : ∀ c ∈ S, g c = true → (f c).countP p ≤ P)
    (hR : ∀ c ∈ S, g c = false → (f c).countP p ≤ R) :
    (S.flatMap f).countP p ≤ S.countP g * P + S.length * R := by
  induction S with
  | nil => simp
  | cons c S ih =>
    have ih' := ih (fun c' h => hP c' (List.mem_cons_of_mem _ h))
      (fun c' h => hR c' (List.mem_cons_of_mem _ h))
    simp only [List.flatMap_cons, List.countP_append, List.countP_cons, List.length_cons]
    cases hg : g c
    · have := hR c (List.mem_cons_self ..) hg
      simp only [Bool.false_eq_true, if_false, Nat.add_zero]
      rw [Nat.succ_mul]; omega
    · have := hP c (List.mem_cons_self ..) hg
      simp only [if_true]
      rw [Nat.succ_mul, Nat.add_mul, Nat.one_mul]; omega

/-- **Round-by-round counting.** Starting from a doomed prefix `τ`, if after every doomed prefix
of length `|τ| + r` at most `D (|τ| + r)` challenges of round `r`'s space make it good, then at
most `rbrBound` continuations in `seqs Ss` end good. -/
theorem countP_seqs_good_le (good : List α → Prop) [DecidablePred good] (D : Nat → Nat) :
    ∀ (Ss : List (List α)) (τ : List α), ¬ good τ →
      (∀ (r : Nat) (τ' : List α), r < Ss.length → τ'.length = τ.length + r → ¬ good τ' →
        (Ss.getD r []).countP (fun c => decide (good (τ' ++ [c]))) ≤ D (τ.length + r)) →
      (seqs Ss).countP (fun t => decide (good (τ ++ t))) ≤
        rbrBound (Ss.map List.length) D τ.length
  | [], τ, hτ, _ => by
    simp [seqs, rbrBound, hτ]
  | S :: Ss, τ, hτ, hstep => by
    simp only [seqs, List.map_cons, rbrBound]
    have h0 := hstep 0 τ (by simp) (by simp) hτ
    simp only [List.getD_cons_zero, Nat.add_zero] at h0
    have key := countP_bind_le S (fun c => (seqs Ss).map (c :: ·))
      (fun t => decide (good (τ ++ t))) (fun c => decide (good (τ ++ [c])))
      (prodNat (Ss.map List.length)) (rbrBound (Ss.map List.length) D (τ.length + 1))
      (fun c _ _ => by
        rw [List.countP_map, ← length_seqs]; exact List.countP_le_length)
      (fun c _ hc => by
        have hgc : ¬ good (τ ++ [c]) := by simpa using hc
        have ih := countP_seqs_good_le good D Ss (τ ++ [c]) hgc (fun r τ' hr hlen hτ' => by
          have := hstep (r + 1) τ' (by simp; omega) (by simp at hlen; omega) hτ'
          simp only [List.getD_cons_succ] at this
          simp only [List.length_append, List.length_cons, List.length_nil]
          rw [show τ.length + 0 + 1 + r = τ.length + (r + 1) by omega]; exact this)
        simp only [List.length_append, List.length_cons, List.length_nil] at ih
        rw [List.countP_map]
        have heq : ((fun t => decide (good (τ ++ t))) ∘ (c :: ·)) =
            (fun t => decide (good (τ ++ [c] ++ t))) := by
          funext t; simp
        rw [heq]; exact ih)
    have := Nat.mul_le_mul_right (prodNat (Ss.map List.length)) h0
    omega

/-- **Round-by-round soundness, from the empty prefix.** If the prover starts doomed and every
round's bound holds, at most `rbrBound` challenge sequences end good. -/
theorem countP_seqs_good_le_of_rbr (good : List α → Prop) [DecidablePred good] (D : Nat → Nat)
    (Ss : List (List α)) (h0 : ¬ good [])
    (hstep : ∀ (r : Nat) (τ : List α), r < Ss.length → τ.length = r → ¬ good τ →
      (Ss.getD r []).countP (fun c => decide (good (τ ++ [c]))) ≤ D r) :
    (seqs Ss).countP (fun t => decide (good t)) ≤ rbrBound (Ss.map List.length) D 0 := by
  have := countP_seqs_good_le good D Ss [] h0 (fun r τ' hr hlen hτ' => by
    simp only [List.length_nil, Nat.zero_add] at hlen ⊢
    exact hstep r τ' hr hlen hτ')
  simpa using this

/-! ## Reading the bound as a sum of per-round probabilities -/

/-- The bound in closed form: `rbrBound sizes D k = Σ_r D (k + r) · ∏_{j ≠ r} sizes[j]`, written
recursively over the list of sizes; `rbrBound_le` is the form used with concrete numbers. -/
theorem rbrBound_cons (s : Nat) (ss : List Nat) (D : Nat → Nat) (k : Nat) :
    rbrBound (s :: ss) D k = D k * prodNat ss + s * rbrBound ss D (k + 1) := rfl

/-- Per-round bounds that each fit the budget: if `D (k + r) * M ≤ sizes[r] * e r` for every
round (read: `D (k+r) / sizes[r] ≤ e r / M`), then
`rbrBound sizes D k * M ≤ (∏ sizes) * Σ_r e (k + r)`. So `Pr[good] ≤ (Σ_r e r) / M`. -/
theorem rbrBound_le (e : Nat → Nat) (M : Nat) (D : Nat → Nat) :
    ∀ (sizes : List Nat) (k : Nat),
      (∀ r, r < sizes.length → D (k + r) * M ≤ sizes.getD r 0 * e (k + r)) →
      rbrBound sizes D k * M ≤ prodNat sizes * ((List.range sizes.length).map (fun r => e (k + r))).sum
  | [], _, _ => by simp [rbrBound]
  | s :: ss, k, h => by
    have ih := rbrBound_le e M D ss (k + 1) (fun r hr => by
      have := h (r + 1) (by simp; omega)
      simp only [List.getD_cons_succ] at this
      rw [show k + 1 + r = k + (r + 1) by omega]; exact this)
    have h0 := h 0 (by simp)
    simp only [List.getD_cons_zero, Nat.add_zero] at h0
    simp only [rbrBound, prodNat, List.length_cons, List.range_succ_eq_map, List.map_cons,
      List.map_map, List.sum_cons, Nat.add_zero]
    have hfun : ((fun r => e (k + r)) ∘ Nat.succ) = (fun r => e (k + 1 + r)) := by
      funext r; simp only [Function.comp]; congr 1; omega
    rw [hfun]
    -- (D k · P + s · R) · M ≤ s · P · (e k + Σ) from D k · M ≤ s · e k and R · M ≤ P · Σ
    have h1 : D k * prodNat ss * M ≤ s * prodNat ss * e k := by
      rw [Nat.mul_right_comm, Nat.mul_right_comm s]
      exact Nat.mul_le_mul_right _ h0
    have h2 : s * rbrBound ss D (k + 1) * M ≤
        s * prodNat ss * ((List.range ss.length).map (fun r => e (k + 1 + r))).sum := by
      rw [Nat.mul_assoc, Nat.mul_assoc]
      exact Nat.mul_le_mul_left _ ih
    rw [Nat.add_mul, Nat.mul_add]
    omega

end Zkvm.Stark

end
