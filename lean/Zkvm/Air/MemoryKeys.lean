module

public import Zkvm.Air.Memory

/-!
# Distinct keys follow from balance, causality and one boundary row per cell

The memory argument assumes (docs/air.md §12.1 (H3)) that two accesses to one cell have distinct
timestamps. The bus gives it: for a cell `c` and a time `t`, the messages of `c` stamped at most
`t` are sent as often as received. Sent: the boundary row's initial value (stamp 0) and each
access at most `t`. Received: each access whose previous timestamp is at most `t` — every access
at most `t` (causality), and those after `t` that read a value from at most `t` — and the final
value if it is that old. So at most one access *crosses* `t` (`crossing_le_one`). Two accesses to
`c` at one time `T ≥ 1` would both cross `T − 1` (`keys_nodup`). `hypotheses_of` builds the memory
argument's hypotheses without that one.
-/

@[expose] public section

namespace Zkvm.Air.Memory

variable {α β : Type} [DecidableEq α] [DecidableEq β]
variable {accs : List (Access α β)} {bnd : List (Boundary α β)}

omit [DecidableEq α] [DecidableEq β] in
/-- A list in which every entry occurs at most once has no duplicates. -/
theorem nodup_of_count_le_one {γ : Type} [BEq γ] [LawfulBEq γ] :
    ∀ {l : List γ}, (∀ a, l.count a ≤ 1) → l.Nodup
  | [], _ => List.nodup_nil
  | x :: xs, h => by
    rw [List.nodup_cons]
    refine ⟨fun hx => ?_, nodup_of_count_le_one fun a => ?_⟩
    · have h1 := h x
      rw [List.count_cons_self] at h1
      have := List.count_pos_iff.mpr hx
      omega
    · have h1 := h a
      rw [List.count_cons] at h1
      omega

/-- **At most one access crosses a time**: with the bus balanced and each cell at most one
boundary row, at most one access to `c` has its timestamp after `t` and reads a value stamped at
most `t`. -/
theorem crossing_le_one (hbal : Balanced accs bnd) (hcausal : ∀ a ∈ accs, a.prevTs < a.ts)
    (hcells : (bnd.map (·.cell)).Nodup) (c : α) (t : Nat) :
    accs.countP (fun a => decide (a.cell = c) && decide (t < a.ts) && decide (a.prevTs ≤ t)) ≤
      1 := by
  -- the messages of c stamped at most t balance
  let P : Msg α β → Bool := fun m => decide (m.1 = c) && decide (m.2.2 ≤ t)
  have hperm : (sent accs bnd).Perm (received accs bnd) := List.perm_iff_count.mpr hbal
  have heq := hperm.countP_eq P
  simp only [sent, received, List.countP_append, List.countP_map] at heq
  -- the sent side: accesses at most t and the boundary row's initial value
  have hs1 : accs.countP (P ∘ Access.send) =
      accs.countP (fun a => decide (a.cell = c) && decide (a.ts ≤ t)) := by
    apply List.countP_congr; intro a _; simp [P, Access.send]
  have hs2 : bnd.countP (P ∘ Boundary.send) = bnd.countP (fun b => decide (b.cell = c)) := by
    apply List.countP_congr; intro b _; simp [P, Boundary.send]
  -- the received side: accesses reading from at most t
  have hr1 : accs.countP (P ∘ Access.recv) =
      accs.countP (fun a => decide (a.cell = c) && decide (a.ts ≤ t)) +
        accs.countP (fun a => decide (a.cell = c) && decide (t < a.ts) &&
          decide (a.prevTs ≤ t)) := by
    -- split each access by whether its timestamp is at most t
    have : ∀ l : List (Access α β), (∀ a ∈ l, a.prevTs < a.ts) →
        l.countP (P ∘ Access.recv) =
          l.countP (fun a => decide (a.cell = c) && decide (a.ts ≤ t)) +
            l.countP (fun a => decide (a.cell = c) && decide (t < a.ts) &&
              decide (a.prevTs ≤ t)) := by
      intro l hl
      induction l with
      | nil => rfl
      | cons a as ih =>
        have ha := hl a (List.mem_cons_self ..)
        rw [List.countP_cons, List.countP_cons, List.countP_cons,
          ih (fun x hx => hl x (List.mem_cons_of_mem _ hx))]
        simp only [Function.comp, P, Access.recv]
        have hlt : a.ts ≤ t ↔ ¬ t < a.ts := Nat.not_lt.symm
        by_cases hc : a.cell = c <;> by_cases h1 : t < a.ts <;> by_cases h2 : a.prevTs ≤ t <;>
          simp [hc, h1, h2, hlt] <;> omega
    exact this accs hcausal
  have hb1 : bnd.countP (fun b => decide (b.cell = c)) ≤ 1 := by
    have h := ListFacts.count_map_le_one (g := fun b : Boundary α β => b.cell)
      (k := fun b : Boundary α β => b.cell) (m := c) (km := c) hcells (fun _ _ h => h)
    rw [List.count_eq_countP, List.countP_map] at h
    have e : bnd.countP ((fun x => x == c) ∘ fun b : Boundary α β => b.cell) =
        bnd.countP (fun b => decide (b.cell = c)) := by
      apply List.countP_congr; intro b _; simp
    rw [e] at h
    exact h
  rw [hs1, hs2, hr1] at heq
  omega

/-- **Distinct keys** (docs/air.md §12.1 (H3)) follow from the bus balancing, causality, positive
timestamps and one boundary row per cell: two accesses to one cell at one time `T` would both
cross `T − 1`. -/
theorem keys_nodup (hbal : Balanced accs bnd) (hcausal : ∀ a ∈ accs, a.prevTs < a.ts)
    (hpos : ∀ a ∈ accs, 0 < a.ts) (hcells : (bnd.map (·.cell)).Nodup) :
    (accs.map Access.key).Nodup := by
  apply nodup_of_count_le_one
  intro k
  obtain ⟨c, T⟩ := k
  rw [List.count_eq_countP, List.countP_map]
  refine Nat.le_trans (List.countP_mono_left fun a ha h => ?_)
    (crossing_le_one hbal hcausal hcells c (T - 1))
  simp only [Function.comp, beq_iff_eq, Access.key, Prod.mk.injEq] at h
  have h1 := hcausal a ha
  have h2 := hpos a ha
  simp only [h.1, decide_true, Bool.true_and, Bool.and_eq_true, decide_eq_true_eq]
  omega

/-- **The memory argument's hypotheses without (H3)**: distinct keys are derived (`keys_nodup`). -/
theorem hypotheses_of (hbal : Balanced accs bnd) (hcausal : ∀ a ∈ accs, a.prevTs < a.ts)
    (hpos : ∀ a ∈ accs, 0 < a.ts) (hcells : (bnd.map (·.cell)).Nodup) : Hypotheses accs bnd :=
  ⟨hbal, hcausal, hpos, keys_nodup hbal hcausal hpos hcells, hcells⟩

/-- **A read's previous timestamp is a write's**: with the bus balanced, each access's previous
timestamp is 0 (the boundary row's initial value) or the time of an access. -/
theorem prev_of_balanced (hbal : Balanced accs bnd) :
    ∀ a ∈ accs, a.prevTs = 0 ∨ ∃ a' ∈ accs, a'.ts = a.prevTs := by
  intro a ha
  have hm : a.recv ∈ sent accs bnd :=
    mem_sent_of_mem_received hbal (List.mem_append_left _ (List.mem_map_of_mem ha))
  rcases mem_sent hm with ⟨a', ha', he⟩ | ⟨b, -, he⟩
  · simp only [Access.send, Access.recv, Prod.mk.injEq] at he
    exact Or.inr ⟨a', ha', he.2.2⟩
  · simp only [Boundary.send, Access.recv, Prod.mk.injEq] at he
    exact Or.inl he.2.2.symm

end Zkvm.Air.Memory
