module

public import Zkvm.Stark.Count

/-!
# Algebraic soundness of the quotient (ALI) and out-of-domain checks

The verifier folds the `m` constraint values of a table with the challenge `α` by Horner's rule,
`acc ← acc·α + Cᵢ`, i.e. `C_α = Σᵢ α^{m-1-i} Cᵢ` (`foldAlpha`), and checks at the out-of-domain
point `ζ` that `C_α(ζ) = Z_H(ζ) · Q(ζ)` for the committed quotient `Q = Σⱼ X^{j·n} Qⱼ`
(`chunkSum`), with `Z_H = X^n - 1` (`zH`).

* **The α-fold** (`foldAlpha_eq_eval`, `atMost_foldAlpha_eq_zero`): at a point where some
  constraint value is nonzero, the folded value is a nonzero polynomial in `α` of degree
  `≤ m - 1` (its coefficients are the constraint values, reversed), so it vanishes for at most
  `m - 1` values of `α`.
* **Out of domain** (`atMost_ood`): if the folded composition `C_α` (a polynomial of degree
  `≤ d_C`) is nonzero at some point of `H`, where `Z_H` vanishes, then `C_α - Z_H · Q` is a
  nonzero polynomial for *every* `Q` of degree `≤ d_Q`, so `C_α(ζ) = Z_H(ζ)·Q(ζ)` holds for at
  most `max d_C (n + d_Q)` values of `ζ`.
* `atMost_ali_ood` chains the two for one table: the combined explicit bounds are `m - 1` for
  `α` and, for chunks `Qⱼ` of degree `< n` (`q` of them), `max d_C (q·n + n - 1)` for `ζ`.
  With constraint degree `d` (every cell and selector of degree `≤ n - 1`) `d_C = d·(n - 1)`.
-/

public section

noncomputable section

namespace Zkvm.Stark

open Poly

universe u

variable {F : Type u} [Lean.Grind.Field F]

/-! ## The α-fold -/

/-- The verifier's constraint folding (Horner): `acc ← acc·α + c` over `cs` from `0`, that is
`Σᵢ α^{m-1-i} csᵢ`. -/
@[expose] def foldAlpha (cs : List F) (α : F) : F := cs.foldl (fun acc c => acc * α + c) 0

theorem foldl_horner (α : F) :
    ∀ (cs : List F) (a : F),
      cs.foldl (fun acc c => acc * α + c) a = a * α ^ cs.length + evalList α cs.reverse
  | [], a => by simp only [List.foldl_nil, List.length_nil, Lean.Grind.Semiring.pow_zero,
      List.reverse_nil, evalList_nil]; grind
  | c :: cs, a => by
    have ih := foldl_horner α cs (a * α + c)
    simp only [List.foldl_cons, ih, List.length_cons, List.reverse_cons,
      evalList_append_single, List.length_reverse, Lean.Grind.Semiring.pow_succ]
    grind

/-- The folded value is the polynomial with coefficients `cs` reversed, evaluated at `α`. -/
theorem foldAlpha_eq_eval (cs : List F) (α : F) : foldAlpha cs α = eval ⟨cs.reverse⟩ α := by
  simp only [foldAlpha, foldl_horner, eval_mk]; grind

/-- **ALI, the α-fold.** If some constraint value is nonzero, at most `m - 1` challenges `α`
fold the `m` values to zero. -/
theorem atMost_foldAlpha_eq_zero {cs : List F} (h : ∃ c ∈ cs, c ≠ 0) :
    AtMost (fun α => foldAlpha cs α = 0) (cs.length - 1) := by
  obtain ⟨c, hc, hne⟩ := h
  have hnz : (⟨cs.reverse⟩ : Poly F).IsNonzero := ⟨c, List.mem_reverse.mpr hc, hne⟩
  have hdeg : (⟨cs.reverse⟩ : Poly F).DegreeLE (cs.length - 1) := by
    have : 0 < cs.length := List.length_pos_of_mem hc
    simp only [DegreeLE, List.length_reverse]; omega
  exact (atMost_eval_eq_zero hnz hdeg).of_imp (fun α h => by rw [← foldAlpha_eq_eval]; exact h)

/-- The fold of polynomials: `foldAlphaPoly ps α` evaluates to the fold of the values. -/
@[expose] def foldAlphaPoly (ps : List (Poly F)) (α : F) : Poly F :=
  ps.foldl (fun acc p => α • acc + p) ⟨[]⟩

theorem eval_foldl_poly (α x : F) : ∀ (ps : List (Poly F)) (acc : Poly F),
    eval (ps.foldl (fun acc p => α • acc + p) acc) x =
      (ps.map (fun p => eval p x)).foldl (fun a c => a * α + c) (eval acc x)
  | [], _ => rfl
  | p :: ps, acc => by
    simp only [List.foldl_cons, List.map_cons, eval_foldl_poly α x ps, eval_add, eval_smul]
    congr 1; grind

theorem eval_foldAlphaPoly (ps : List (Poly F)) (α x : F) :
    eval (foldAlphaPoly ps α) x = foldAlpha (ps.map (fun p => eval p x)) α := by
  simp only [foldAlphaPoly, foldAlpha, eval_foldl_poly]; rfl

theorem degreeLE_foldl_poly (α : F) {d : Nat} : ∀ (ps : List (Poly F)) (acc : Poly F),
    acc.DegreeLE d → (∀ p ∈ ps, p.DegreeLE d) →
      (ps.foldl (fun acc p => α • acc + p) acc).DegreeLE d
  | [], _, h, _ => h
  | p :: ps, _, hacc, hps =>
    degreeLE_foldl_poly α ps _ ((hacc.smul α).add (hps p (List.mem_cons_self ..)))
      (fun q hq => hps q (List.mem_cons_of_mem _ hq))

theorem degreeLE_foldAlphaPoly {ps : List (Poly F)} {d : Nat} (h : ∀ p ∈ ps, p.DegreeLE d)
    (α : F) : (foldAlphaPoly ps α).DegreeLE d :=
  degreeLE_foldl_poly α ps _ (by simp [DegreeLE]) h

/-! ## `X^k`, `Z_H = X^n - 1` and the quotient chunks -/

/-- The monomial `X^k`. -/
@[expose] def monomial (k : Nat) : Poly F := ⟨List.replicate k 0 ++ [1]⟩

theorem evalList_replicate_zero_append (x : F) (l : List F) :
    ∀ k : Nat, evalList x (List.replicate k 0 ++ l) = x ^ k * evalList x l
  | 0 => by simp only [List.replicate_zero, List.nil_append, Lean.Grind.Semiring.pow_zero]; grind
  | k + 1 => by
    simp only [List.replicate_succ, List.cons_append, evalList_cons,
      evalList_replicate_zero_append x l k, Lean.Grind.Semiring.pow_succ]
    grind

@[simp] theorem eval_monomial (k : Nat) (x : F) : eval (monomial k) x = x ^ k := by
  simp only [monomial, eval_mk, evalList_replicate_zero_append, evalList_cons, evalList_nil]
  grind

theorem degreeLE_monomial (k : Nat) : (monomial k : Poly F).DegreeLE k := by
  simp [monomial, DegreeLE]

/-- The vanishing polynomial `X^n - 1` of the subgroup of order `n`. -/
@[expose] def zH (n : Nat) : Poly F := monomial n - C 1

@[simp] theorem eval_zH (n : Nat) (x : F) : eval (zH n) x = x ^ n - 1 := by
  simp [zH]

theorem degreeLE_zH (n : Nat) : (zH n : Poly F).DegreeLE n :=
  (degreeLE_monomial n).sub ((degreeLE_C 1).mono (Nat.zero_le n))

/-- `Z_H` vanishes on the subgroup of order `n`: every `h` with `h^n = 1`. -/
theorem eval_zH_of_pow_eq_one {n : Nat} {h : F} (hh : h ^ n = 1) : eval (zH n) h = 0 := by
  rw [eval_zH, hh]; grind

/-- The quotient from its chunks: `Q = Σⱼ X^{j·n} Qⱼ`. -/
@[expose] def chunkSum (n : Nat) : List (Poly F) → Poly F
  | [] => ⟨[]⟩
  | [Q] => Q
  | Q :: Qs => Q + monomial n * chunkSum n Qs

/-- The verifier's recombination of the chunks' values at `ζ`: `Σⱼ ζ^{j·n} vⱼ`. -/
@[expose] def chunkValue (n : Nat) (ζ : F) : List F → F
  | [] => 0
  | v :: vs => v + ζ ^ n * chunkValue n ζ vs

theorem eval_chunkSum (n : Nat) (ζ : F) :
    ∀ Qs : List (Poly F), eval (chunkSum n Qs) ζ = chunkValue n ζ (Qs.map (fun Q => eval Q ζ))
  | [] => by simp [chunkSum, chunkValue]
  | [Q] => by simp [chunkSum, chunkValue]; grind
  | Q :: Q' :: Qs => by
    have ih := eval_chunkSum n ζ (Q' :: Qs)
    simp only [chunkSum, eval_add, eval_mul, eval_monomial, ih, List.map_cons, chunkValue]

/-- `q` chunks of degree `≤ n - 1` make a quotient of degree `≤ q·n - 1`. -/
theorem degreeLE_chunkSum {n : Nat} (hn : 1 ≤ n) :
    ∀ Qs : List (Poly F), (∀ Q ∈ Qs, Q.DegreeLE (n - 1)) →
      (chunkSum n Qs).DegreeLE (Qs.length * n - 1)
  | [], _ => by simp [chunkSum, DegreeLE]
  | [Q], h => by
    simpa [chunkSum] using h Q (List.mem_singleton_self Q)
  | Q :: Q' :: Qs, h => by
    have ih := degreeLE_chunkSum hn (Q' :: Qs) (fun P hP => h P (List.mem_cons_of_mem _ hP))
    have hQ := h Q (List.mem_cons_self ..)
    have hm := (degreeLE_monomial n : (monomial n : Poly F).DegreeLE n).mul ih
    simp only [List.length_cons] at ih hm ⊢
    refine (hQ.mono ?_).add (hm.mono ?_)
    · rw [Nat.add_mul]; omega
    · have : 1 ≤ (Qs.length + 1) * n := Nat.le_trans hn (Nat.le_mul_of_pos_left n (by omega))
      rw [Nat.add_mul (Qs.length + 1) 1]; omega

/-- `q ≥ 1` chunks of degree `≤ e` make a quotient of degree `≤ (q − 1)·n + e`. -/
theorem degreeLE_chunkSum' {n e : Nat} :
    ∀ Qs : List (Poly F), Qs ≠ [] → (∀ Q ∈ Qs, Q.DegreeLE e) →
      (chunkSum n Qs).DegreeLE ((Qs.length - 1) * n + e)
  | [], h, _ => absurd rfl h
  | [Q], _, h => by simpa [chunkSum] using h Q (List.mem_singleton_self Q)
  | Q :: Q' :: Qs, _, h => by
    have ih := degreeLE_chunkSum' (n := n) (Q' :: Qs) (List.cons_ne_nil _ _)
      (fun P hP => h P (List.mem_cons_of_mem _ hP))
    have hQ := h Q (List.mem_cons_self ..)
    have hm := (degreeLE_monomial n : (monomial n : Poly F).DegreeLE n).mul ih
    simp only [List.length_cons] at ih hm ⊢
    refine (hQ.mono ?_).add (hm.mono ?_)
    · exact Nat.le_add_left _ _
    · rw [show Qs.length + 1 + 1 - 1 = Qs.length + 1 by omega,
        show Qs.length + 1 - 1 = Qs.length by omega, Nat.add_mul, Nat.one_mul]; omega

/-! ## The out-of-domain check -/

/-- **Out of domain.** If the composition `C` (degree `≤ d_C`) is nonzero at a point `h₀` where
`Z` vanishes, then for every `Q` of degree `≤ d_Q` the identity `C(ζ) = Z(ζ)·Q(ζ)` holds for at
most `max d_C (n + d_Q)` values `ζ` (`Z` of degree `≤ n`). -/
theorem atMost_ood {C Z Q : Poly F} {dC n dQ : Nat} (hC : C.DegreeLE dC) (hZ : Z.DegreeLE n)
    (hQ : Q.DegreeLE dQ) {h₀ : F} (hZh : eval Z h₀ = 0) (hCh : eval C h₀ ≠ 0) :
    AtMost (fun ζ => eval C ζ = eval Z ζ * eval Q ζ) (max dC (n + dQ)) := by
  have hnz : (C - Z * Q).IsNonzero :=
    isNonzero_of_eval_ne_zero (x := h₀) (by rw [eval_sub, eval_mul, hZh]; grind)
  have hdeg : (C - Z * Q).DegreeLE (max dC (n + dQ)) :=
    (hC.mono (Nat.le_max_left _ _)).sub ((hZ.mul hQ).mono (Nat.le_max_right _ _))
  exact (atMost_eval_eq_zero hnz hdeg).of_imp (fun ζ h => by
    rw [eval_sub, eval_mul, h]; grind)

/-- **ALI and out-of-domain, one table.** Let the table's `m` constraints, composed with the
committed polynomials, be the polynomials `cs` of degree `≤ d_C`, and let constraint `i` fail at
a point `h₀` of the trace domain (`h₀^n = 1`). Then

* at most `m - 1` challenges `α` fold the constraint values at `h₀` to zero, and
* for every other `α` and every claimed quotient with `q` chunks of degree `≤ n - 1`, at most
  `max d_C (q·n + n - 1)` points `ζ` pass the check `C_α(ζ) = Z_H(ζ)·Q(ζ)`. -/
theorem atMost_ali_ood {cs : List (Poly F)} {dC n : Nat} (hn : 1 ≤ n)
    (hcs : ∀ c ∈ cs, c.DegreeLE dC) {h₀ : F} (hh₀ : h₀ ^ n = 1)
    (hfail : ∃ c ∈ cs, eval c h₀ ≠ 0) :
    AtMost (fun α => foldAlpha (cs.map (fun c => eval c h₀)) α = 0) (cs.length - 1) ∧
    ∀ α, foldAlpha (cs.map (fun c => eval c h₀)) α ≠ 0 →
      ∀ Qs : List (Poly F), (∀ Q ∈ Qs, Q.DegreeLE (n - 1)) →
        AtMost (fun ζ => eval (foldAlphaPoly cs α) ζ =
            (ζ ^ n - 1) * chunkValue n ζ (Qs.map (fun Q => eval Q ζ)))
          (max dC (Qs.length * n - 1 + n)) := by
  refine ⟨?_, fun α hα Qs hQs => ?_⟩
  · obtain ⟨c, hc, hne⟩ := hfail
    have := atMost_foldAlpha_eq_zero (cs := cs.map (fun c => eval c h₀))
      ⟨eval c h₀, List.mem_map_of_mem hc, hne⟩
    simpa using this
  · have hood := atMost_ood (degreeLE_foldAlphaPoly hcs α) (degreeLE_zH n)
      (degreeLE_chunkSum hn Qs hQs) (eval_zH_of_pow_eq_one hh₀)
      (by rw [eval_foldAlphaPoly]; exact hα)
    rw [Nat.add_comm n] at hood
    exact hood.of_imp (fun ζ h => by rw [h, eval_zH, eval_chunkSum])

end Zkvm.Stark

end
