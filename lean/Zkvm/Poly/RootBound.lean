module

public import Zkvm.Poly.Division

/-!
# The root bound and its counting form

* `roots_length_le`: a nonzero polynomial of degree `≤ d` has at most `d` distinct roots.
* `filter_eval_eq_zero_length_le` (counting form): for such a polynomial and any finite set
  `S` of field elements (a duplicate-free list), at most `d` points of `S` are roots.
  Read as a probability: a point `z` drawn uniformly from `S` is a root with probability at most
  `d / |S|`. This is how soundness proofs use it: a false polynomial identity `f = 0` (with `f`
  nonzero of degree `≤ d`) survives a random-point check `f(z) = 0` with probability
  `≤ d / |S|`.
* `filter_eval_eq_length_le` (two polynomials, the Schwartz–Zippel / DEEP-ALI form): if `p - q`
  is a nonzero polynomial and both have degree `≤ d`, they agree on at most `d` points of `S`;
  so a random `z ∈ S` with `p(z) = q(z)` wrongly suggests `p = q` with probability `≤ d / |S|`.
  `filter_eval_eq_length_le_of_eval_ne` states the same with "`p` and `q` differ at some point".
* `eval_eq_of_agree` (uniqueness of low-degree interpolants): two polynomials of degree `≤ d`
  that agree on `d + 1` distinct points agree everywhere (`sub_coeffs_eq_zero_of_agree`: and
  their difference has only zero coefficients).
-/

public section

namespace Zkvm.Poly

universe u

variable {F : Type u} [Lean.Grind.Field F]

/-- **Root bound.** A nonzero polynomial of degree `≤ d` has at most `d` roots: any list of
pairwise-distinct roots has length `≤ d`. -/
theorem roots_length_le {p : Poly F} {d : Nat} (hp : p.IsNonzero) (hdeg : p.DegreeLE d)
    {roots : List F} (hnodup : roots.Nodup) (hroots : ∀ r ∈ roots, eval p r = 0) :
    roots.length ≤ d := by
  induction roots generalizing p d with
  | nil => exact Nat.zero_le d
  | cons a rs ih =>
    obtain ⟨ha_notin, hrs⟩ := List.nodup_cons.mp hnodup
    have hpa : eval p a = 0 := hroots a (List.mem_cons_self ..)
    have hq := hp.divByLinear hpa
    cases d with
    | zero =>
      -- `p` has at most one coefficient, so the quotient has none: it cannot be nonzero.
      have hlen := length_divByLinear_fst p a
      unfold DegreeLE at hdeg
      obtain ⟨c, hc, _⟩ := hq
      have hnil : (p.divByLinear a).1.coeffs = [] := List.eq_nil_of_length_eq_zero (by omega)
      rw [hnil] at hc
      cases hc
    | succ d =>
      -- Every other root `s ≠ a` is a root of the quotient: `0 = (s - a)·q(s)`.
      have hqroots : ∀ s ∈ rs, eval (p.divByLinear a).1 s = 0 := by
        intro s hs
        have hps : eval p s = 0 := hroots s (List.mem_cons_of_mem _ hs)
        rw [eval_eq_mul_of_eval_eq_zero hpa s] at hps
        have hne : s - a ≠ 0 := sub_ne_zero_of_ne (fun h => ha_notin (h ▸ hs))
        exact (mul_eq_zero_iff.mp hps).resolve_left hne
      have := ih hq (hdeg.divByLinear a) hrs hqroots
      simp only [List.length_cons]
      omega

/-- **Counting form of the root bound.** For a nonzero polynomial `p` of degree `≤ d` and a
finite set `S` (a list without duplicates), at most `d` points of `S` are roots of `p`.

Probability reading: for `z` uniform in `S`, `Pr[p(z) = 0] = #{z ∈ S | p(z) = 0} / |S| ≤ d / |S|`.
A verifier checking a claimed identity `p = 0` at one random point of `S` is fooled with at most
that probability. -/
theorem filter_eval_eq_zero_length_le [DecidableEq F] {p : Poly F} {d : Nat}
    (hp : p.IsNonzero) (hdeg : p.DegreeLE d) {S : List F} (hS : S.Nodup) :
    (S.filter (fun z => eval p z = 0)).length ≤ d :=
  roots_length_le hp hdeg (List.Nodup.sublist List.filter_sublist hS)
    (fun _ hz => of_decide_eq_true (List.mem_filter.mp hz).2)

/-- The counting form with `List.countP`. -/
theorem countP_eval_eq_zero_le [DecidableEq F] {p : Poly F} {d : Nat}
    (hp : p.IsNonzero) (hdeg : p.DegreeLE d) {S : List F} (hS : S.Nodup) :
    S.countP (fun z => eval p z = 0) ≤ d := by
  rw [List.countP_eq_length_filter]
  exact filter_eval_eq_zero_length_le hp hdeg hS

/-- **Two polynomials agree on few points.** If `p - q` is a nonzero polynomial and `p`, `q`
have degree `≤ d`, then they agree on at most `d` points of a finite set `S`.

Probability reading: for `z` uniform in `S`, `Pr[p(z) = q(z)] ≤ d / |S|`; this is the
Schwartz–Zippel-style bound behind out-of-domain (DEEP) checks. -/
theorem filter_eval_eq_length_le [DecidableEq F] {p q : Poly F} {d : Nat}
    (hpq : (p - q).IsNonzero) (hp : p.DegreeLE d) (hq : q.DegreeLE d) {S : List F}
    (hS : S.Nodup) :
    (S.filter (fun z => eval p z = eval q z)).length ≤ d :=
  roots_length_le hpq (hp.sub hq) (List.Nodup.sublist List.filter_sublist hS)
    (fun z hz => by
      have h : eval p z = eval q z := of_decide_eq_true (List.mem_filter.mp hz).2
      rw [eval_sub, h]; grind)

/-- `filter_eval_eq_length_le` for polynomials that differ as functions somewhere. -/
theorem filter_eval_eq_length_le_of_eval_ne [DecidableEq F] {p q : Poly F} {d : Nat}
    {x : F} (hx : eval p x ≠ eval q x) (hp : p.DegreeLE d) (hq : q.DegreeLE d) {S : List F}
    (hS : S.Nodup) :
    (S.filter (fun z => eval p z = eval q z)).length ≤ d :=
  filter_eval_eq_length_le (isNonzero_sub_of_eval_ne hx) hp hq hS

/-- **Uniqueness of low-degree interpolants, on coefficients.** If `p` and `q` have degree
`≤ d` and agree on `d + 1` distinct points, all coefficients of `p - q` are zero. -/
theorem sub_coeffs_eq_zero_of_agree {p q : Poly F} {d : Nat} (hp : p.DegreeLE d)
    (hq : q.DegreeLE d) {pts : List F} (hnodup : pts.Nodup) (hlen : d + 1 ≤ pts.length)
    (hagree : ∀ z ∈ pts, eval p z = eval q z) : ∀ c ∈ (p - q).coeffs, c = 0 := by
  refine not_isNonzero_iff.mp fun hpq => ?_
  have := roots_length_le hpq (hp.sub hq) hnodup
    (fun z hz => by rw [eval_sub, hagree z hz]; grind)
  omega

/-- **Uniqueness of low-degree interpolants.** Two polynomials of degree `≤ d` that agree on
`d + 1` distinct points agree everywhere. -/
theorem eval_eq_of_agree {p q : Poly F} {d : Nat} (hp : p.DegreeLE d) (hq : q.DegreeLE d)
    {pts : List F} (hnodup : pts.Nodup) (hlen : d + 1 ≤ pts.length)
    (hagree : ∀ z ∈ pts, eval p z = eval q z) (x : F) : eval p x = eval q x := by
  have h := eval_eq_zero_of_not_isNonzero
    (not_isNonzero_iff.mpr (sub_coeffs_eq_zero_of_agree hp hq hnodup hlen hagree)) x
  rw [eval_sub] at h
  grind

end Zkvm.Poly
