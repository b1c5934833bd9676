module

public import Zkvm.Poly.RootBound

/-!
# Counting bad challenges (probability without measure theory)

Every soundness bound of the protocol has the shape "a uniformly random challenge from a finite
set `S` is *bad* with probability at most `D / |S|`". We state it without probability, as a
count, in the style of `Zkvm.Poly.roots_length_le`:

* `AtMost bad D`: every list of pairwise-distinct bad elements has length `≤ D`. For a finite
  sample space `S` (a duplicate-free list) this gives `#{x ∈ S | bad x} ≤ D`
  (`AtMost.countP_le`), i.e. `Pr_{x ← S}[bad x] ≤ D / |S|`.
* Instances: the roots of a nonzero polynomial of degree `≤ d` (`atMost_eval_eq_zero`), a
  single point (`atMost_eq`), nothing (`atMost_false`).
* Combinators: weakening (`AtMost.mono`, `AtMost.of_imp`), the union bound (`AtMost.or`,
  `AtMost.exists_mem`).
* Two challenges drawn together (`countP_pairs_le`): if at most `D₂` second components are bad
  and, for each good second component, at most `D₁` first components are bad, then at most
  `D₁·|T| + D₂·|S|` pairs of `S × T` are bad: `Pr ≤ D₁/|S| + D₂/|T|`.

The multi-round form (a whole interaction) is `Zkvm.Stark.Rounds`.
-/

public section

-- Definitions here are for proofs and kernel evaluation only.
noncomputable section

namespace Zkvm.Stark

universe u v

/-- **At most `D` elements are bad**: every list of pairwise-distinct bad elements has length at
most `D`. Read with a finite sample space `S`: `Pr_{x ← S}[bad x] ≤ D / |S|`. -/
@[expose] def AtMost {α : Type u} (bad : α → Prop) (D : Nat) : Prop :=
  ∀ l : List α, l.Nodup → (∀ x ∈ l, bad x) → l.length ≤ D

/-- A list splits into the elements where `f` holds and those where it fails. -/
theorem length_filter_add_filter_not {α : Type u} (f : α → Bool) :
    ∀ l : List α, (l.filter f).length + (l.filter (fun x => !f x)).length = l.length
  | [] => rfl
  | a :: l => by
    have ih := length_filter_add_filter_not f l
    cases h : f a <;> simp [h] <;> omega

theorem sum_map_const {α : Type u} (c : Nat) : ∀ l : List α, (l.map (fun _ => c)).sum = l.length * c
  | [] => by simp
  | _ :: l => by
    simp only [List.map_cons, List.sum_cons, sum_map_const c l, List.length_cons]
    rw [Nat.succ_mul]; omega

theorem evalList_append_single {F : Type u} [Lean.Grind.Field F] (x c : F) :
    ∀ l : List F, Poly.evalList x (l ++ [c]) = Poly.evalList x l + x ^ l.length * c
  | [] => by simp only [List.nil_append, Poly.evalList_cons, Poly.evalList_nil, List.length_nil,
      Lean.Grind.Semiring.pow_zero]; grind
  | a :: l => by
    have ih := evalList_append_single x c l
    simp only [List.cons_append, Poly.evalList_cons, ih, List.length_cons,
      Lean.Grind.Semiring.pow_succ]
    grind

namespace AtMost

variable {α : Type u} {p q : α → Prop} {D D' D₁ D₂ : Nat}

theorem mono (h : AtMost p D) (hD : D ≤ D') : AtMost p D' :=
  fun l hl hp => Nat.le_trans (h l hl hp) hD

theorem of_imp (h : AtMost p D) (hqp : ∀ x, q x → p x) : AtMost q D :=
  fun l hl hq => h l hl (fun x hx => hqp x (hq x hx))

/-- **Union bound.** -/
theorem or (hp : AtMost p D₁) (hq : AtMost q D₂) : AtMost (fun x => p x ∨ q x) (D₁ + D₂) := by
  intro l hl h
  classical
  have h1 := hp (l.filter (fun x => decide (p x))) (hl.sublist List.filter_sublist)
    (fun x hx => of_decide_eq_true (List.mem_filter.mp hx).2)
  have h2 := hq (l.filter (fun x => !decide (p x))) (hl.sublist List.filter_sublist)
    (fun x hx => by
      have hx' := List.mem_filter.mp hx
      have hnp : ¬ p x := by simpa using hx'.2
      exact (h x hx'.1).resolve_left hnp)
  have := length_filter_add_filter_not (fun x => decide (p x)) l
  omega

/-- Counting form: in a finite sample space `S`, at most `D` points are bad. -/
theorem countP_le [DecidablePred p] (h : AtMost p D) {S : List α} (hS : S.Nodup) :
    S.countP (fun x => decide (p x)) ≤ D := by
  rw [List.countP_eq_length_filter]
  exact h _ (hS.sublist List.filter_sublist) (fun x hx => of_decide_eq_true (List.mem_filter.mp hx).2)

/-- **Union bound** over a list of events. -/
theorem exists_mem {ι : Type v} (bad : ι → α → Prop) (D : ι → Nat) :
    ∀ idx : List ι, (∀ i ∈ idx, AtMost (bad i) (D i)) →
      AtMost (fun x => ∃ i ∈ idx, bad i x) (idx.map D).sum
  | [], _ => fun l _ h => by
    cases l with
    | nil => exact Nat.le_refl _
    | cons a _ =>
      obtain ⟨i, hi, _⟩ := h a (List.mem_cons_self ..)
      cases hi
  | i :: idx, h => by
    have hrest := exists_mem bad D idx (fun j hj => h j (List.mem_cons_of_mem _ hj))
    have hor := (h i (List.mem_cons_self ..)).or hrest
    simp only [List.map_cons, List.sum_cons]
    refine hor.of_imp ?_
    rintro x ⟨j, hj, hbad⟩
    rcases List.mem_cons.mp hj with rfl | hj
    · exact Or.inl hbad
    · exact Or.inr ⟨j, hj, hbad⟩

end AtMost

/-- Nothing is bad. -/
theorem atMost_false {α : Type u} : AtMost (fun _ : α => False) 0 := fun l _ h => by
  cases l with
  | nil => exact Nat.le_refl 0
  | cons a _ => exact absurd (h a (List.mem_cons_self ..)) id

/-- One point is bad. -/
theorem atMost_eq {α : Type u} (a : α) : AtMost (· = a) 1 := fun l hl h => by
  match l, hl, h with
  | [], _, _ => exact Nat.zero_le 1
  | [_], _, _ => exact Nat.le_refl 1
  | x :: y :: _, hl, h =>
    have hx : x = a := h x (List.mem_cons_self ..)
    have hy : y = a := h y (List.mem_cons_of_mem _ (List.mem_cons_self ..))
    exact absurd (List.mem_cons_self ..) (hx ▸ hy ▸ (List.nodup_cons.mp hl).1)

/-- **Root bound as a count**: a nonzero polynomial of degree `≤ d` vanishes at at most `d`
points. -/
theorem atMost_eval_eq_zero {F : Type u} [Lean.Grind.Field F] {p : Poly F} {d : Nat}
    (hp : p.IsNonzero) (hd : p.DegreeLE d) : AtMost (fun x => Poly.eval p x = 0) d :=
  fun _ hl h => Poly.roots_length_le hp hd hl h

/-- **Two polynomials agree at few points**: if `p - q` is a nonzero polynomial and both have
degree `≤ d`, they agree at at most `d` points. -/
theorem atMost_eval_eq {F : Type u} [Lean.Grind.Field F] {p q : Poly F} {d : Nat}
    (hpq : (p - q).IsNonzero) (hp : p.DegreeLE d) (hq : q.DegreeLE d) :
    AtMost (fun x => Poly.eval p x = Poly.eval q x) d :=
  (atMost_eval_eq_zero hpq (hp.sub hq)).of_imp (fun x h => by rw [Poly.eval_sub, h]; grind)

/-! ## Two challenges drawn together -/

/-- The pairs `(a, b)` with `a ∈ S`, `b ∈ T`. -/
@[expose] def pairs {α : Type u} {β : Type v} (S : List α) (T : List β) : List (α × β) :=
  T.flatMap (fun b => S.map (fun a => (a, b)))

theorem length_pairs {α : Type u} {β : Type v} (S : List α) :
    ∀ T : List β, (pairs S T).length = S.length * T.length
  | [] => by simp [pairs]
  | b :: T => by
    have ih := length_pairs S T
    simp only [pairs, List.flatMap_cons, List.length_append, List.length_map] at ih ⊢
    rw [ih, List.length_cons, Nat.mul_succ]; omega

/-- The sum over `b ∈ T` of "`|S|` if `b` is bad, else `D₁`", bounded with the number of bad
`b`. -/
theorem countP_pairs_le_aux {α : Type u} {β : Type v} (S : List α) (bad : α → β → Prop)
    [∀ a b, Decidable (bad a b)] (badB : β → Prop) [DecidablePred badB] (D₁ : Nat)
    (hA : ∀ b, ¬ badB b → S.countP (fun a => decide (bad a b)) ≤ D₁) :
    ∀ T : List β, (pairs S T).countP (fun x => decide (bad x.1 x.2)) ≤
      D₁ * T.length + S.length * T.countP (fun b => decide (badB b))
  | [] => by simp [pairs]
  | b :: T => by
    have ih := countP_pairs_le_aux S bad badB D₁ hA T
    have hb : S.countP (fun a => decide (bad a b)) ≤
        if badB b then S.length else D₁ := by
      by_cases h : badB b
      · simp only [h, if_true]; exact List.countP_le_length
      · simp only [h, if_false]; exact hA b h
    have hmap : (S.map (fun a => (a, b))).countP (fun x => decide (bad x.1 x.2)) =
        S.countP (fun a => decide (bad a b)) := by
      rw [List.countP_map]; rfl
    simp only [pairs, List.flatMap_cons, List.countP_append] at ih ⊢
    rw [hmap, List.countP_cons, List.length_cons]
    by_cases h : badB b
    · simp only [h, if_true, decide_true] at hb ⊢
      rw [Nat.mul_succ, Nat.mul_add, Nat.mul_one]; omega
    · simp only [h, if_false, decide_false, Bool.false_eq_true, Nat.add_zero] at hb ⊢
      rw [Nat.mul_succ]; omega

/-- **Two challenges.** If at most `D₂` values of the second challenge are bad, and for each good
second challenge at most `D₁` first challenges are bad, then at most `D₁·|T| + D₂·|S|` pairs of
`S × T` are bad: `Pr_{(a, b) ← S × T}[bad a b] ≤ D₁/|S| + D₂/|T|`. -/
theorem countP_pairs_le {α : Type u} {β : Type v} {S : List α} {T : List β} (hT : T.Nodup)
    (bad : α → β → Prop) [∀ a b, Decidable (bad a b)] (badB : β → Prop) {D₁ D₂ : Nat}
    (hB : AtMost badB D₂) (hA : ∀ b, ¬ badB b → S.countP (fun a => decide (bad a b)) ≤ D₁) :
    (pairs S T).countP (fun x => decide (bad x.1 x.2)) ≤ D₁ * T.length + D₂ * S.length := by
  classical
  have h := countP_pairs_le_aux S bad badB D₁ hA T
  have hc := hB.countP_le hT
  have := Nat.mul_le_mul_left S.length hc
  rw [Nat.mul_comm D₂]; omega

end Zkvm.Stark

end
