module

public import Zkvm.Air.MemoryState

/-!
# Memory as a function of time

The memory argument (`Zkvm.Air.Memory`) says what each access reads, one access at a time.
The whole-run proof needs the other view: memory as one function of time that the machine's
state can be compared with, step by step. `memAt accs init t` is that function: the contents of
every cell just before time `t`, obtained from `init` by applying, in time order, the write of
each access (an access at time `t` takes effect at `t + 1`).

* `holds_memAt`: under the memory argument's hypotheses, with `init` the boundary rows' initial
  values, every cell with a boundary row holds `memAt … t` just before `t`;
* `read_eq_memAt`: **every access reads `memAt` at its time** — the read is the memory's
  content, a function of the time alone;
* `final_eq_memAt`: every boundary row receives `memAt` after the last access;
* `memAt_succ_of_access`, `memAt_succ_of_none`, `memAt_succ_of_reads`: one tick of the clock,
  with an access that writes, with none, or with only accesses that write back what they read.
-/

@[expose] public section

noncomputable section

namespace Zkvm.Air.Memory

variable {α β : Type} [DecidableEq α]

/-- The access to cell `c` at time `t`, if any (the first in the list; under the memory
argument's hypotheses there is at most one). -/
def accessAt (accs : List (Access α β)) (c : α) (t : Nat) : Option (Access α β) :=
  accs.find? fun a => decide (a.cell = c ∧ a.ts = t)

/-- **Memory just before time `t`**: `init`, then each access's write from its time + 1 on. -/
def memAt (accs : List (Access α β)) (init : α → β) : Nat → α → β
  | 0 => init
  | t + 1 => fun c =>
    match accessAt accs c t with
    | some a => a.write
    | none => memAt accs init t c

variable {accs : List (Access α β)} {bnd : List (Boundary α β)} {init : α → β}

theorem accessAt_spec {c : α} {t : Nat} {a : Access α β} (h : accessAt accs c t = some a) :
    a ∈ accs ∧ a.cell = c ∧ a.ts = t := by
  have hm := List.mem_of_find?_eq_some h
  have hp := List.find?_some h
  simp only [decide_eq_true_eq] at hp
  exact ⟨hm, hp⟩

theorem accessAt_none {c : α} {t : Nat} (h : accessAt accs c t = none) :
    ∀ a ∈ accs, a.cell = c → a.ts ≠ t := by
  intro a ha hc ht
  have := List.find?_eq_none.mp h a ha
  simp only [decide_eq_true_eq] at this
  exact this ⟨hc, ht⟩

/-- With distinct keys, the access at `a`'s cell and time is `a`. -/
theorem accessAt_of_mem (hts : (accs.map Access.key).Nodup) {a : Access α β} (ha : a ∈ accs) :
    accessAt accs a.cell a.ts = some a := by
  cases h : accessAt accs a.cell a.ts with
  | none => exact absurd rfl (accessAt_none h a ha rfl)
  | some a' =>
    obtain ⟨ha', hc, ht⟩ := accessAt_spec h
    have : a' = a := ListFacts.eq_of_mem_of_nodup_map hts ha' ha
      (show Access.key a' = Access.key a by simp only [Access.key, hc, ht])
    rw [this]

/-- One tick with an access `a` to the cell: it holds `a`'s write afterwards. -/
theorem memAt_succ_of_access (hts : (accs.map Access.key).Nodup) {a : Access α β}
    (ha : a ∈ accs) : memAt accs init (a.ts + 1) a.cell = a.write := by
  simp only [memAt, accessAt_of_mem hts ha]

/-- One tick without an access to the cell: it keeps its content. -/
theorem memAt_succ_of_none {c : α} {t : Nat} (h : ∀ a ∈ accs, a.cell = c → a.ts ≠ t) :
    memAt accs init (t + 1) c = memAt accs init t c := by
  have : accessAt accs c t = none := by
    rw [accessAt, List.find?_eq_none]
    intro a ha
    simp only [decide_eq_true_eq]
    exact fun ⟨hc, ht⟩ => h a ha hc ht
  simp only [memAt, this]

/-- Without an access to `c` in `[t, t + n)`, `c` keeps its content from `t` to `t + n`. -/
theorem memAt_add_of_none {c : α} {t : Nat} :
    ∀ n, (∀ a ∈ accs, a.cell = c → ¬(t ≤ a.ts ∧ a.ts < t + n)) →
      memAt accs init (t + n) c = memAt accs init t c
  | 0, _ => rfl
  | n + 1, h => by
    rw [← Nat.add_assoc, memAt_succ_of_none fun a ha hc he => h a ha hc ⟨by omega, by omega⟩]
    exact memAt_add_of_none n fun a ha hc hr => h a ha hc ⟨hr.1, by omega⟩

variable [DecidableEq β]

/-- **What cell holds, at every time**: under the memory argument's hypotheses, with `init` the
boundary rows' initial values, every cell with a boundary row holds `memAt … t` just before
`t`. -/
theorem holds_memAt (hh : Hypotheses accs bnd) (hinit : ∀ b ∈ bnd, init b.cell = b.init) :
    ∀ t, ∀ b ∈ bnd, ∃ tv, HoldsBefore accs bnd b.cell t (memAt accs init t b.cell) tv := by
  intro t
  induction t with
  | zero =>
    intro b hb
    exact ⟨0, Or.inr ⟨fun a _ _ => Nat.zero_le _, b, hb, rfl, hinit b hb, rfl⟩⟩
  | succ t ih =>
    intro b hb
    obtain ⟨tv, hold⟩ := ih b hb
    cases h : accessAt accs b.cell t with
    | none =>
      refine ⟨tv, ?_⟩
      rw [memAt_succ_of_none (accessAt_none h)]
      refine hold.of_no_access (Nat.le_succ t) fun a ha hc hr => ?_
      exact accessAt_none h a ha hc (by omega)
    | some a =>
      obtain ⟨ha, hc, ht⟩ := accessAt_spec h
      refine ⟨a.ts, ?_⟩
      have hw : memAt accs init (t + 1) b.cell = a.write := by simp only [memAt, h]
      rw [hw, ← hc]
      exact holdsBefore_of_last ha (by omega) fun a' ha' hc' hr => by
        have := ListFacts.eq_of_mem_of_nodup_map hh.2.2.2.1 ha' ha
          (show Access.key a' = Access.key a by simp only [Access.key, hc']; omega)
        subst this; omega

/-- **Every access reads the memory at its time.** -/
theorem read_eq_memAt (hh : Hypotheses accs bnd) (hinit : ∀ b ∈ bnd, init b.cell = b.init)
    {a : Access α β} (ha : a ∈ accs) : a.read = memAt accs init a.ts a.cell := by
  obtain ⟨hbal, hcausal, hpos, hts, hcells⟩ := hh
  obtain ⟨b, hb, hbc⟩ := exists_boundary hbal hcausal hpos hts hcells a ha
  obtain ⟨tv, hold⟩ := holds_memAt ⟨hbal, hcausal, hpos, hts, hcells⟩ hinit a.ts b hb
  rw [hbc] at hold
  exact (HoldsBefore.unique hts hcells (read_holds hbal hcausal hpos hts hcells a ha) hold).1

/-- **Every boundary row receives the memory after the last access.** -/
theorem final_eq_memAt (hh : Hypotheses accs bnd) (hinit : ∀ b ∈ bnd, init b.cell = b.init)
    {b : Boundary α β} (hb : b ∈ bnd) {t : Nat} (ht : ∀ a ∈ accs, a.ts < t) :
    b.final = memAt accs init t b.cell := by
  obtain ⟨hbal, hcausal, hpos, hts, hcells⟩ := hh
  obtain ⟨tv, hold⟩ := holds_memAt ⟨hbal, hcausal, hpos, hts, hcells⟩ hinit t b hb
  exact (HoldsBefore.unique hts hcells (final_holds hbal hcausal hpos hts hcells b hb t ht)
    hold).1

/-- One tick in which every access to the cell writes back what it read: the cell keeps its
content. -/
theorem memAt_succ_of_reads (hh : Hypotheses accs bnd) (hinit : ∀ b ∈ bnd, init b.cell = b.init)
    {c : α} {t : Nat} (h : ∀ a ∈ accs, a.cell = c → a.ts = t → a.write = a.read) :
    memAt accs init (t + 1) c = memAt accs init t c := by
  cases e : accessAt accs c t with
  | none => exact memAt_succ_of_none (accessAt_none e)
  | some a =>
    obtain ⟨ha, hc, ht⟩ := accessAt_spec e
    simp only [memAt, e]
    rw [h a ha hc ht, read_eq_memAt hh hinit ha, hc, ht]

end Zkvm.Air.Memory

end
