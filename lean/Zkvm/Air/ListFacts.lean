module

/-!
# Small facts about lists for the AIR proofs

The memory argument reasons about multisets of messages, represented as lists compared by
`List.count`. Core Lean has `List.count` and `List.Nodup` but few lemmas joining them with
`List.map`; these are the few the proofs need:

* `count_map_le_one`: a mapped list in which a key determines the position has each message
  at most once;
* `two_le_count_map`: two entries with different keys sending the same message count twice;
* `eq_of_mem_of_nodup_map`: a key that is `Nodup` over a list is injective on its members;
* `exists_min`: a non-empty sublist has an entry with the least key (no sorting needed).
-/

@[expose] public section

namespace Zkvm.Air

namespace ListFacts

variable {γ δ κ : Type}

/-- A key that is `Nodup` over a list identifies its entries. -/
theorem eq_of_mem_of_nodup_map {l : List γ} {k : γ → κ} (h : (l.map k).Nodup)
    {x y : γ} (hx : x ∈ l) (hy : y ∈ l) (hxy : k x = k y) : x = y := by
  induction l with
  | nil => cases hx
  | cons z zs ih =>
    rw [List.map_cons, List.nodup_cons] at h
    rcases List.mem_cons.mp hx with rfl | hx'
    · rcases List.mem_cons.mp hy with rfl | hy'
      · rfl
      · exact absurd (List.mem_map.mpr ⟨y, hy', hxy.symm⟩) h.1
    · rcases List.mem_cons.mp hy with rfl | hy'
      · exact absurd (List.mem_map.mpr ⟨x, hx', hxy⟩) h.1
      · exact ih h.2 hx' hy'

variable [BEq δ] [LawfulBEq δ]

/-- If every entry that maps to `m` has key `km`, and keys are `Nodup`, then `m` occurs at most
once in the mapped list. -/
theorem count_map_le_one {l : List γ} {g : γ → δ} {k : γ → κ} (h : (l.map k).Nodup)
    {m : δ} {km : κ} (hk : ∀ x ∈ l, g x = m → k x = km) : (l.map g).count m ≤ 1 := by
  induction l with
  | nil => simp
  | cons z zs ih =>
    rw [List.map_cons, List.nodup_cons] at h
    have ih' := ih h.2 (fun x hx => hk x (List.mem_cons_of_mem _ hx))
    rw [List.map_cons, List.count_cons]
    by_cases hz : g z = m
    · have hzero : (zs.map g).count m = 0 := by
        rw [List.count_eq_zero]
        intro hm
        obtain ⟨y, hy, hgy⟩ := List.mem_map.mp hm
        have e1 := hk z List.mem_cons_self hz
        have e2 := hk y (List.mem_cons_of_mem _ hy) hgy
        exact h.1 (List.mem_map.mpr ⟨y, hy, by rw [e1, e2]⟩)
      rw [hzero]
      split <;> omega
    · have : (g z == m) = false := by simpa using hz
      rw [this]
      simpa using ih'

/-- A message that occurs in a list occurs in a list's image at least once. -/
theorem one_le_count_map {l : List γ} {g : γ → δ} {x : γ} (hx : x ∈ l) :
    1 ≤ (l.map g).count (g x) :=
  List.count_pos_iff.mpr (List.mem_map.mpr ⟨x, hx, rfl⟩)

/-- Two entries with different keys that map to the same message make it occur twice. -/
theorem two_le_count_map {l : List γ} {g : γ → δ} {k : γ → κ} {x y : γ}
    (hx : x ∈ l) (hy : y ∈ l) (hxy : g x = g y) (hk : k x ≠ k y) :
    2 ≤ (l.map g).count (g x) := by
  induction l with
  | nil => cases hx
  | cons z zs ih =>
    rw [List.map_cons, List.count_cons]
    have hself : ∀ w : δ, (w == w) = true := fun w => beq_self_eq_true w
    rcases List.mem_cons.mp hx with rfl | hx'
    · rcases List.mem_cons.mp hy with rfl | hy'
      · exact absurd rfl hk
      · have := one_le_count_map (g := g) hy'
        rw [← hxy] at this
        rw [hself]
        simp only [if_true]
        omega
    · rcases List.mem_cons.mp hy with rfl | hy'
      · have := one_le_count_map (g := g) hx'
        rw [hxy, hself]
        rw [hxy] at this
        simp only [if_true]
        omega
      · have := ih hx' hy'
        omega

/-- Among the entries of `l` satisfying `p`, if there is one, there is one with the least
`f`. -/
theorem exists_min (l : List γ) (f : γ → Nat) (p : γ → Prop) [DecidablePred p]
    (h : ∃ x ∈ l, p x) : ∃ s ∈ l, p s ∧ ∀ y ∈ l, p y → f s ≤ f y := by
  induction l with
  | nil => obtain ⟨x, hx, _⟩ := h; cases hx
  | cons z zs ih =>
    by_cases hrest : ∃ x ∈ zs, p x
    · obtain ⟨s, hs, hps, hmin⟩ := ih hrest
      by_cases hz : p z ∧ f z < f s
      · refine ⟨z, List.mem_cons_self, hz.1, fun y hy hpy => ?_⟩
        rcases List.mem_cons.mp hy with rfl | hy'
        · exact Nat.le_refl _
        · have := hmin y hy' hpy; omega
      · refine ⟨s, List.mem_cons_of_mem _ hs, hps, fun y hy hpy => ?_⟩
        rcases List.mem_cons.mp hy with rfl | hy'
        · exact Nat.le_of_not_lt fun hlt => hz ⟨hpy, hlt⟩
        · exact hmin y hy' hpy
    · obtain ⟨x, hx, hpx⟩ := h
      rcases List.mem_cons.mp hx with rfl | hx'
      · refine ⟨x, List.mem_cons_self, hpx, fun y hy hpy => ?_⟩
        rcases List.mem_cons.mp hy with rfl | hy'
        · exact Nat.le_refl _
        · exact absurd ⟨y, hy', hpy⟩ hrest
      · exact absurd ⟨x, hx', hpx⟩ hrest

end ListFacts

end Zkvm.Air
