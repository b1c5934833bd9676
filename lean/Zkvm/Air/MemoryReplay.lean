module

public import Zkvm.Air.Memory
public import Zkvm.Field.BabyBear

/-!
# The memory argument: completeness, and its interface with the bus argument

**Completeness.** The prover's trace builder replays memory: it keeps, for every cell, the
current value and the time it was written; each memory operation (cell, timestamp, how the
value changes) becomes an access that reads the current value and time and writes the new
value; at the end each initialised cell gets a boundary row with its initial value and its
final value and time (`replay`, `replayMem`, `boundaryRows`). `replay_balanced`: the messages
of such a trace balance, whatever the order of the operations, as long as every operation
touches an initialised cell and the initialised cells are distinct. `replay_hypotheses`: with
timestamps positive and strictly increasing, such a trace meets every hypothesis of
`read_holds`/`final_holds`.

**Interface with the bus argument.** `Balanced` (sent = received as multisets, counted in ℕ)
is what the memory argument assumes. The bus argument in the protocol proves that the LogUp
sum of the trace is zero only if every message's net multiplicity is zero *in the field*
(a probabilistic step, docs/air.md §12.2 (a)–(b), proved elsewhere), which is
`BalancedInField`. `balanced_of_balancedInField` is the field-size step §9.2 (d): when fewer
than `p` accesses and boundary rows take part, no count reaches `p`, so counts equal in
BabyBear are equal in ℕ.
-/

@[expose] public section

noncomputable section

namespace Zkvm.Air.Memory

open Zkvm.Field

/-- One memory operation of the machine, as the trace builder sees it: the cell, the
timestamp, and the value written as a function of the value read (`id` for a read, a constant
for a word store, a lane update for a sub-word store). -/
structure Op (α β : Type) where
  cell : α
  ts : Nat
  update : β → β

/-- Memory during replay: each cell's current value and the time it was written. -/
abbrev Mem (α β : Type) := α → β × Nat

variable {α β : Type} [DecidableEq α] [DecidableEq β]

/-- `mem` with cell `c` set to `x`. -/
def Mem.set (mem : Mem α β) (c : α) (x : β × Nat) : Mem α β :=
  fun d => if d = c then x else mem d

/-- The access an operation makes on memory `mem`: it reads the current value and its time. -/
def Op.access (o : Op α β) (mem : Mem α β) : Access α β :=
  ⟨o.cell, o.ts, (mem o.cell).1, (mem o.cell).2, o.update (mem o.cell).1⟩

/-- Memory after the operation. -/
def Op.apply (o : Op α β) (mem : Mem α β) : Mem α β :=
  mem.set o.cell (o.update (mem o.cell).1, o.ts)

/-- The accesses of a sequence of operations, replayed from memory `mem`. -/
def replay : Mem α β → List (Op α β) → List (Access α β)
  | _, [] => []
  | mem, o :: os => o.access mem :: replay (o.apply mem) os

/-- Memory after a sequence of operations. -/
def replayMem : Mem α β → List (Op α β) → Mem α β
  | mem, [] => mem
  | mem, o :: os => replayMem (o.apply mem) os

/-- Initial memory: the initial values, written at time 0. -/
def initMem (init : α → β) : Mem α β := fun c => (init c, 0)

/-- The boundary rows of the initialised cells: initial value, final value and time. -/
def boundaryRows (init : α → β) (final : Mem α β) (cells : List α) : List (Boundary α β) :=
  cells.map fun c => ⟨c, init c, (final c).1, (final c).2⟩

/-- The messages "cell `c` holds `mem c`" for the cells of a list. -/
def cellMsgs (mem : Mem α β) (cells : List α) : List (Msg α β) :=
  cells.map fun c => (c, (mem c).1, (mem c).2)

/-! ## Balance of a replayed trace -/

omit [DecidableEq β] in
theorem cellMsgs_set_of_not_mem (mem : Mem α β) {c : α} (x : β × Nat) {cells : List α}
    (h : c ∉ cells) : cellMsgs (mem.set c x) cells = cellMsgs mem cells := by
  apply List.map_congr_left
  intro d hd
  have : d ≠ c := fun e => h (e ▸ hd)
  simp only [Mem.set, this, if_false]

/-- Changing one cell changes one message: the old one out, the new one in. -/
theorem count_cellMsgs_set (mem : Mem α β) {c : α} (x : β × Nat) {cells : List α}
    (hnd : cells.Nodup) (hc : c ∈ cells) (m : Msg α β) :
    [(c, x.1, x.2)].count m + (cellMsgs mem cells).count m
      = [(c, (mem c).1, (mem c).2)].count m + (cellMsgs (mem.set c x) cells).count m := by
  induction cells with
  | nil => cases hc
  | cons d ds ih =>
    rw [List.nodup_cons] at hnd
    simp only [cellMsgs, List.map_cons] at ih ⊢
    rw [← List.singleton_append (l := List.map _ ds),
      ← List.singleton_append (l := List.map (fun c_1 => (c_1, ((mem.set c x) c_1).1, _)) ds),
      List.count_append, List.count_append]
    rcases List.mem_cons.mp hc with rfl | hc'
    · have e := cellMsgs_set_of_not_mem mem x hnd.1
      simp only [cellMsgs] at e
      rw [e]
      simp only [Mem.set, if_true]
      omega
    · have hne : d ≠ c := fun e => hnd.1 (e ▸ hc')
      have := ih hnd.2 hc'
      simp only [Mem.set, hne, if_false] at this ⊢
      omega

/-- The messages of a replayed trace balance, from any memory, in any order of operations. -/
theorem count_replay (cells : List α) (hnd : cells.Nodup) :
    ∀ (mem : Mem α β) (ops : List (Op α β)), (∀ o ∈ ops, o.cell ∈ cells) → ∀ m : Msg α β,
      ((replay mem ops).map Access.send).count m + (cellMsgs mem cells).count m
        = ((replay mem ops).map Access.recv).count m
          + (cellMsgs (replayMem mem ops) cells).count m := by
  intro mem ops hops m
  induction ops generalizing mem with
  | nil => simp [replay, replayMem]
  | cons o os ih =>
    have ih' := ih (o.apply mem) (fun o' ho' => hops o' (List.mem_cons_of_mem _ ho'))
    have k : [(o.cell, o.update (mem o.cell).1, o.ts)].count m + (cellMsgs mem cells).count m
        = [(o.cell, (mem o.cell).1, (mem o.cell).2)].count m
          + (cellMsgs (o.apply mem) cells).count m :=
      count_cellMsgs_set mem (o.update (mem o.cell).1, o.ts) hnd (hops o List.mem_cons_self) m
    simp only [replay, replayMem, List.map_cons]
    rw [← List.singleton_append (l := List.map Access.send _),
      ← List.singleton_append (l := List.map Access.recv _), List.count_append,
      List.count_append]
    simp only [Op.access, Access.send, Access.recv]
    omega

/-- **Completeness of the memory argument**: the trace the prover builds by replaying memory
has balanced messages. -/
theorem replay_balanced (init : α → β) (cells : List α) (hnd : cells.Nodup)
    (ops : List (Op α β)) (hops : ∀ o ∈ ops, o.cell ∈ cells) :
    Balanced (replay (initMem init) ops)
      (boundaryRows init (replayMem (initMem init) ops) cells) := by
  intro m
  have h := count_replay cells hnd (initMem init) ops hops m
  have hs : (boundaryRows init (replayMem (initMem init) ops) cells).map Boundary.send
      = cellMsgs (initMem init) cells := by
    simp only [boundaryRows, cellMsgs, List.map_map]
    rfl
  have hr : (boundaryRows init (replayMem (initMem init) ops) cells).map Boundary.recv
      = cellMsgs (replayMem (initMem init) ops) cells := by
    simp only [boundaryRows, cellMsgs, List.map_map]
    rfl
  rw [sent, received, List.count_append, List.count_append, hs, hr]
  exact h

/-! ## The other hypotheses of the memory argument -/

omit [DecidableEq β] in
theorem replay_map_ts (mem : Mem α β) (ops : List (Op α β)) :
    (replay mem ops).map (·.ts) = ops.map (·.ts) := by
  induction ops generalizing mem with
  | nil => rfl
  | cons o os ih => simp only [replay, List.map_cons, ih]; rfl

omit [DecidableEq β] in
theorem mem_replay {mem : Mem α β} {ops : List (Op α β)} {a : Access α β}
    (h : a ∈ replay mem ops) : ∃ o ∈ ops, ∃ mem' : Mem α β, a = o.access mem' := by
  induction ops generalizing mem with
  | nil => cases h
  | cons o os ih =>
    rcases List.mem_cons.mp h with rfl | h'
    · exact ⟨o, List.mem_cons_self, mem, rfl⟩
    · obtain ⟨o', ho', mem', e⟩ := ih h'
      exact ⟨o', List.mem_cons_of_mem _ ho', mem', e⟩

omit [DecidableEq β] in
/-- Each access of a replay reads a value written earlier, if the operations come in strictly
increasing time and memory's times precede them all. -/
theorem replay_causal (mem : Mem α β) (ops : List (Op α β))
    (hsorted : ops.Pairwise (fun o o' => o.ts < o'.ts)) (hmem : ∀ c, ∀ o ∈ ops, (mem c).2 < o.ts) :
    ∀ a ∈ replay mem ops, a.prevTs < a.ts := by
  induction ops generalizing mem with
  | nil => intro a ha; cases ha
  | cons o os ih =>
    rw [List.pairwise_cons] at hsorted
    intro a ha
    rcases List.mem_cons.mp ha with rfl | ha'
    · exact hmem o.cell o List.mem_cons_self
    · refine ih (o.apply mem) hsorted.2 (fun c o' ho' => ?_) a ha'
      simp only [Op.apply, Mem.set]
      split
      · exact hsorted.1 o' ho'
      · exact hmem c o' (List.mem_cons_of_mem _ ho')

/-- **The replayed trace meets every hypothesis of the memory argument** (`read_holds`,
`final_holds`), when operations have positive, strictly increasing timestamps and touch only
initialised cells, which are distinct. -/
theorem replay_hypotheses (init : α → β) (cells : List α) (hnd : cells.Nodup)
    (ops : List (Op α β)) (hops : ∀ o ∈ ops, o.cell ∈ cells)
    (hsorted : ops.Pairwise (fun o o' => o.ts < o'.ts)) (hpos : ∀ o ∈ ops, 0 < o.ts) :
    Hypotheses (replay (initMem init) ops)
      (boundaryRows init (replayMem (initMem init) ops) cells) := by
  refine ⟨replay_balanced init cells hnd ops hops,
    replay_causal _ ops hsorted (fun c o ho => hpos o ho), fun a ha => ?_, ?_, ?_⟩
  · obtain ⟨o, ho, mem', rfl⟩ := mem_replay ha
    exact hpos o ho
  · have hts : ((replay (initMem init) ops).map (·.ts)).Nodup := by
      rw [replay_map_ts, List.Nodup, List.pairwise_map]
      exact hsorted.imp fun h => Nat.ne_of_lt h
    rw [List.Nodup, List.pairwise_map] at hts ⊢
    exact hts.imp fun h e => h (congrArg Prod.snd e)
  · simp only [boundaryRows, List.map_map]
    have : ((fun b : Boundary α β => b.cell) ∘ fun c =>
        (⟨c, init c, (replayMem (initMem init) ops c).1,
          (replayMem (initMem init) ops c).2⟩ : Boundary α β)) = id := rfl
    rw [this, List.map_id]
    exact hnd

/-- The two directions together: in a replayed trace every access reads the last earlier write
to its cell, or the initial value (the soundness theorem's conclusion is met by honest
traces, so its hypotheses are not contradictory). -/
theorem replay_read_holds (init : α → β) (cells : List α) (hnd : cells.Nodup)
    (ops : List (Op α β)) (hops : ∀ o ∈ ops, o.cell ∈ cells)
    (hsorted : ops.Pairwise (fun o o' => o.ts < o'.ts)) (hpos : ∀ o ∈ ops, 0 < o.ts) :
    ∀ a ∈ replay (initMem init) ops,
      HoldsBefore (replay (initMem init) ops)
        (boundaryRows init (replayMem (initMem init) ops) cells) a.cell a.ts a.read a.prevTs :=
  let h := replay_hypotheses init cells hnd ops hops hsorted hpos
  read_holds h.1 h.2.1 h.2.2.1 h.2.2.2.1 h.2.2.2.2

/-! ## From counts in the field to counts in ℕ -/

/-- What the bus argument delivers: every message is sent and received equally often, counted
in BabyBear. -/
def BalancedInField (accs : List (Access α β)) (bnd : List (Boundary α β)) : Prop :=
  ∀ m : Msg α β,
    (((sent accs bnd).count m : Nat) : BabyBear) = (((received accs bnd).count m : Nat) : BabyBear)

/-- **The field-size step**: with fewer than `p` accesses and boundary rows together, counts
equal in BabyBear are equal. -/
theorem balanced_of_balancedInField {accs : List (Access α β)} {bnd : List (Boundary α β)}
    (h : BalancedInField accs bnd) (hsize : accs.length + bnd.length < P) :
    Balanced accs bnd := by
  intro m
  have e := congrArg BabyBear.val (h m)
  simp only [BabyBear.val_natCast] at e
  have h1 : (sent accs bnd).count m < P := by
    have := List.count_le_length (a := m) (l := sent accs bnd)
    have hl : (sent accs bnd).length = accs.length + bnd.length := by
      simp only [sent, List.length_append, List.length_map]
    omega
  have h2 : (received accs bnd).count m < P := by
    have := List.count_le_length (a := m) (l := received accs bnd)
    have hl : (received accs bnd).length = accs.length + bnd.length := by
      simp only [received, List.length_append, List.length_map]
    omega
  rwa [Nat.mod_eq_of_lt h1, Nat.mod_eq_of_lt h2] at e

end Zkvm.Air.Memory

end
