module

public import Zkvm.Air.ListFacts

/-!
# The memory argument (docs/air.md §12.1)

A pure statement about lists, independent of the trace layout. Memory is a set of *cells*
(type `α`; in the AIR a cell is (space, word address)) holding *values* (type `β`; a word as
two 16-bit limbs). The trace contains

* **accesses** (`Access`): an access to cell `c` at timestamp `ts` receives the message
  `(c, read, prevTs)` and sends `(c, write, ts)` (a read-only access has `write = read`);
* **boundary rows** (`Boundary`): one per initialised cell, sending `(c, init, 0)` and
  receiving `(c, final, finalTs)`.

The bus argument gives `Balanced`: the list of sent messages and the list of received ones are
the same multiset (every message is sent and received equally often, counted in ℕ, which is
the same as in ℤ). The LogUp sum of the protocol reaches this equality only through a
probabilistic step and a field-size condition (docs/air.md §12.2; in `Zkvm.Air.MemoryReplay`,
`balanced_of_balancedInField` turns counts equal in BabyBear into `Balanced`); here `Balanced`
is a hypothesis.

**Theorem** (`read_holds`, `final_holds`). If the messages balance, every access's previous
timestamp is earlier than its own, access timestamps are positive, two accesses to one cell
never share a timestamp (accesses to distinct cells may), and boundary cells are pairwise
distinct, then

* every access reads the value written by the **last earlier access to its cell** (and names
  that access's timestamp), or, if there is none, the cell's **initial value** from its
  boundary row (and timestamp 0) — in particular every accessed cell has a boundary row;
* every boundary row receives the value written by the **last access to its cell** (and its
  timestamp), or its initial value and 0 if the cell is never accessed.

The proof is §12.1's, by strong induction on the timestamp: the sent messages have distinct
(cell, timestamp) keys, so each is sent once and (balance) received once; if an access skipped
over an earlier access to its cell, the message it receives would also be received by the
first access after the one it names (or by the cell's first access), twice in all.
-/

@[expose] public section

noncomputable section

namespace Zkvm.Air.Memory

open Zkvm.Air.ListFacts

/-- One access to memory: cell, timestamp, value read, timestamp of the access that wrote the
value read (0 for the initial value), value written. -/
structure Access (α β : Type) where
  cell : α
  ts : Nat
  read : β
  prevTs : Nat
  write : β

/-- The boundary row of one cell: initial value (sent with timestamp 0), final value and the
timestamp of the last write (received). -/
structure Boundary (α β : Type) where
  cell : α
  init : β
  final : β
  finalTs : Nat

/-- A memory message: cell, value, timestamp. -/
abbrev Msg (α β : Type) := α × β × Nat

namespace Access
variable {α β : Type}
/-- What an access sends: the value it leaves, stamped with its time. -/
def send (a : Access α β) : Msg α β := (a.cell, a.write, a.ts)
/-- What an access receives: the value it reads, stamped with the time it was written. -/
def recv (a : Access α β) : Msg α β := (a.cell, a.read, a.prevTs)
end Access

namespace Boundary
variable {α β : Type}
/-- What a boundary row sends: the initial value at time 0. -/
def send (b : Boundary α β) : Msg α β := (b.cell, b.init, 0)
/-- What a boundary row receives: the final value and the time it was written. -/
def recv (b : Boundary α β) : Msg α β := (b.cell, b.final, b.finalTs)
end Boundary

variable {α β : Type} [DecidableEq α] [DecidableEq β]

/-- All messages sent on the memory bus. -/
def sent (accs : List (Access α β)) (bnd : List (Boundary α β)) : List (Msg α β) :=
  accs.map Access.send ++ bnd.map Boundary.send

/-- All messages received on the memory bus. -/
def received (accs : List (Access α β)) (bnd : List (Boundary α β)) : List (Msg α β) :=
  accs.map Access.recv ++ bnd.map Boundary.recv

/-- **The hypothesis the bus argument provides**: sent and received messages are the same
multiset (each message is sent as often as it is received). -/
def Balanced (accs : List (Access α β)) (bnd : List (Boundary α β)) : Prop :=
  ∀ m : Msg α β, (sent accs bnd).count m = (received accs bnd).count m

/-- An access's key: its cell and its timestamp. Accesses to distinct cells may share a
timestamp (in the AIR, one instruction's port-3 accesses: a SYSCALL row's a1, a2 and cursors,
an ECALL's IO words); two accesses to one cell may not. -/
def Access.key (a : Access α β) : α × Nat := (a.cell, a.ts)

/-- All hypotheses of the memory argument: balance, each access reads a value written earlier,
access timestamps positive, accesses to one cell at pairwise distinct timestamps (distinct
keys), boundary cells pairwise distinct. -/
def Hypotheses (accs : List (Access α β)) (bnd : List (Boundary α β)) : Prop :=
  Balanced accs bnd ∧ (∀ a ∈ accs, a.prevTs < a.ts) ∧ (∀ a ∈ accs, 0 < a.ts) ∧
    (accs.map Access.key).Nodup ∧ (bnd.map (·.cell)).Nodup

/-- `a` is the last access to cell `c` before time `t`. -/
def IsLastBefore (accs : List (Access α β)) (c : α) (t : Nat) (a : Access α β) : Prop :=
  a ∈ accs ∧ a.cell = c ∧ a.ts < t ∧ ∀ a' ∈ accs, a'.cell = c → a'.ts < t → a'.ts ≤ a.ts

/-- No access to cell `c` happens before time `t`. -/
def NoneBefore (accs : List (Access α β)) (c : α) (t : Nat) : Prop :=
  ∀ a' ∈ accs, a'.cell = c → t ≤ a'.ts

/-- Just before time `t`, cell `c` holds `v`, written at time `tv`: `v` is the value written
by the last access to `c` before `t` and `tv` its time, or there is no such access, `c` has a
boundary row with initial value `v`, and `tv = 0`. -/
def HoldsBefore (accs : List (Access α β)) (bnd : List (Boundary α β)) (c : α) (t : Nat)
    (v : β) (tv : Nat) : Prop :=
  (∃ a, IsLastBefore accs c t a ∧ v = a.write ∧ tv = a.ts) ∨
  (NoneBefore accs c t ∧ ∃ b ∈ bnd, b.cell = c ∧ v = b.init ∧ tv = 0)

/-! ## The proof -/

section Proof

variable {accs : List (Access α β)} {bnd : List (Boundary α β)}

omit [DecidableEq α] [DecidableEq β] in
theorem mem_sent {m : Msg α β} (h : m ∈ sent accs bnd) :
    (∃ a ∈ accs, a.send = m) ∨ (∃ b ∈ bnd, b.send = m) := by
  rcases List.mem_append.mp h with h | h
  · exact Or.inl (List.mem_map.mp h)
  · exact Or.inr (List.mem_map.mp h)

/-- Sent messages have distinct (cell, timestamp) keys, so none is sent twice. -/
theorem count_sent_le_one (hpos : ∀ a ∈ accs, 0 < a.ts) (hts : (accs.map Access.key).Nodup)
    (hcells : (bnd.map (·.cell)).Nodup) (m : Msg α β) : (sent accs bnd).count m ≤ 1 := by
  obtain ⟨c, v, t⟩ := m
  rw [sent, List.count_append]
  by_cases ht : t = 0
  · subst ht
    have h0 : (accs.map Access.send).count (c, v, 0) = 0 := by
      rw [List.count_eq_zero]
      intro hm
      obtain ⟨a, ha, he⟩ := List.mem_map.mp hm
      have := hpos a ha
      simp only [Access.send, Prod.mk.injEq] at he
      omega
    have h1 : (bnd.map Boundary.send).count (c, v, 0) ≤ 1 :=
      count_map_le_one hcells (km := c) fun b _ he => by
        simp only [Boundary.send, Prod.mk.injEq] at he; exact he.1
    omega
  · have h0 : (bnd.map Boundary.send).count (c, v, t) = 0 := by
      rw [List.count_eq_zero]
      intro hm
      obtain ⟨b, _, he⟩ := List.mem_map.mp hm
      simp only [Boundary.send, Prod.mk.injEq] at he
      omega
    have h1 : (accs.map Access.send).count (c, v, t) ≤ 1 :=
      count_map_le_one hts (km := (c, t)) fun a _ he => by
        simp only [Access.send, Prod.mk.injEq] at he; simp only [Access.key, he.1, he.2.2]
    omega

/-- Under the hypotheses of the theorem, no message is received twice. -/
theorem count_received_le_one (hbal : Balanced accs bnd) (hpos : ∀ a ∈ accs, 0 < a.ts)
    (hts : (accs.map Access.key).Nodup) (hcells : (bnd.map (·.cell)).Nodup) (m : Msg α β) :
    (received accs bnd).count m ≤ 1 :=
  hbal m ▸ count_sent_le_one hpos hts hcells m

theorem mem_sent_of_mem_received (hbal : Balanced accs bnd) {m : Msg α β}
    (h : m ∈ received accs bnd) : m ∈ sent accs bnd :=
  List.count_pos_iff.mp (hbal m ▸ List.count_pos_iff.mpr h)

/-- Two accesses never receive the same message. -/
theorem ts_eq_of_recv_eq (hbal : Balanced accs bnd) (hpos : ∀ a ∈ accs, 0 < a.ts)
    (hts : (accs.map Access.key).Nodup) (hcells : (bnd.map (·.cell)).Nodup)
    {a a' : Access α β} (ha : a ∈ accs) (ha' : a' ∈ accs)
    (h : a.recv = a'.recv) : a.ts = a'.ts := by
  refine Decidable.byContradiction fun hne => ?_
  have h2 := two_le_count_map (g := Access.recv) ha ha' h hne
  have h1 := count_received_le_one hbal hpos hts hcells a.recv
  rw [received, List.count_append] at h1
  omega

/-- An access and a boundary row never receive the same message. -/
theorem recv_ne_of_boundary (hbal : Balanced accs bnd) (hpos : ∀ a ∈ accs, 0 < a.ts)
    (hts : (accs.map Access.key).Nodup) (hcells : (bnd.map (·.cell)).Nodup)
    {a : Access α β} {b : Boundary α β} (ha : a ∈ accs) (hb : b ∈ bnd) :
    a.recv ≠ b.recv := by
  intro h
  have h1 := count_received_le_one hbal hpos hts hcells a.recv
  have ha1 := one_le_count_map (g := Access.recv) ha
  have hb1 := one_le_count_map (g := Boundary.recv) hb
  rw [← h] at hb1
  rw [received, List.count_append] at h1
  omega

/-- The first access to a cell after `a'`, if it reads what its cell holds, reads `a'`'s
write. -/
theorem recv_eq_send_of_next (hts : (accs.map Access.key).Nodup) {a' s : Access α β}
    (ha' : a' ∈ accs) (hcell : s.cell = a'.cell) (hlt : a'.ts < s.ts)
    (hmin : ∀ y ∈ accs, y.cell = a'.cell ∧ a'.ts < y.ts → s.ts ≤ y.ts)
    (hread : HoldsBefore accs bnd s.cell s.ts s.read s.prevTs) : s.recv = a'.send := by
  rcases hread with ⟨a₃, ⟨ha₃, hc₃, hlt₃, hmax₃⟩, hv, htv⟩ | ⟨hnone, _⟩
  · have hle : a'.ts ≤ a₃.ts := hmax₃ a' ha' hcell.symm hlt
    have heq : a₃.ts = a'.ts := by
      refine Decidable.byContradiction fun hne => ?_
      have := hmin a₃ ha₃ ⟨hc₃.trans hcell, by omega⟩
      omega
    have := eq_of_mem_of_nodup_map hts ha₃ ha'
      (show Access.key a₃ = Access.key a' by simp only [Access.key, hc₃, hcell, heq])
    subst this
    simp only [Access.recv, Access.send, hcell, hv, htv]
  · have := hnone a' ha' hcell.symm
    omega

/-- The first access to a cell, if it reads what its cell holds, reads the initial value. -/
theorem recv_eq_send_of_first (hcells : (bnd.map (·.cell)).Nodup) {s : Access α β}
    {b : Boundary α β} (hb : b ∈ bnd) (hcell : s.cell = b.cell)
    (hmin : ∀ y ∈ accs, y.cell = b.cell → s.ts ≤ y.ts)
    (hread : HoldsBefore accs bnd s.cell s.ts s.read s.prevTs) : s.recv = b.send := by
  rcases hread with ⟨a₃, ⟨ha₃, hc₃, hlt₃, _⟩, _, _⟩ | ⟨_, b', hb', hc', hv, htv⟩
  · have := hmin a₃ ha₃ (hc₃.trans hcell)
    omega
  · have := eq_of_mem_of_nodup_map hcells hb' hb (hc'.trans hcell)
    subst this
    simp only [Access.recv, Boundary.send, hcell, hv, htv]

/-- **Memory consistency, reads.** Every access reads what its cell holds just before it: the
value written by the last earlier access to the cell, or the initial value. -/
theorem read_holds (hbal : Balanced accs bnd) (hcausal : ∀ a ∈ accs, a.prevTs < a.ts)
    (hpos : ∀ a ∈ accs, 0 < a.ts) (hts : (accs.map Access.key).Nodup)
    (hcells : (bnd.map (·.cell)).Nodup) :
    ∀ a ∈ accs, HoldsBefore accs bnd a.cell a.ts a.read a.prevTs := by
  suffices h : ∀ n, ∀ a ∈ accs, a.ts = n → HoldsBefore accs bnd a.cell a.ts a.read a.prevTs from
    fun a ha => h a.ts a ha rfl
  intro n
  induction n using Nat.strongRecOn with
  | _ n ih =>
  intro a ha hn
  subst hn
  have ih' : ∀ s ∈ accs, s.ts < a.ts → HoldsBefore accs bnd s.cell s.ts s.read s.prevTs :=
    fun s hs hlt => ih s.ts hlt s hs rfl
  have hrecv : a.recv ∈ sent accs bnd :=
    mem_sent_of_mem_received hbal (List.mem_append_left _ (List.mem_map_of_mem ha))
  rcases mem_sent hrecv with ⟨a', ha', he⟩ | ⟨b, hb, he⟩
  · -- `a` reads the write of the access `a'`: it must be the last one before `a`.
    simp only [Access.send, Access.recv, Prod.mk.injEq] at he
    obtain ⟨hc, hv, ht⟩ := he
    have hca := hcausal a ha
    refine Or.inl ⟨a', ⟨ha', hc, by omega, fun a'' ha'' hc'' hlt'' => ?_⟩, hv.symm, ht.symm⟩
    refine Nat.le_of_not_lt fun hgt => ?_
    obtain ⟨s, hs, ⟨hsc, hslt⟩, hmin⟩ :=
      exists_min accs (·.ts) (fun y => y.cell = a'.cell ∧ a'.ts < y.ts)
        ⟨a'', ha'', hc''.trans hc.symm, hgt⟩
    have hsa : s.ts < a.ts := Nat.lt_of_le_of_lt (hmin a'' ha'' ⟨hc''.trans hc.symm, hgt⟩) hlt''
    have hrs := recv_eq_send_of_next hts ha' hsc hslt hmin (ih' s hs hsa)
    have : s.recv = a.recv := by
      rw [hrs]; simp only [Access.send, Access.recv, hc, hv, ht]
    have := ts_eq_of_recv_eq hbal hpos hts hcells hs ha this
    omega
  · -- `a` reads the initial value: no access to its cell may come before it.
    simp only [Boundary.send, Access.recv, Prod.mk.injEq] at he
    obtain ⟨hc, hv, ht⟩ := he
    refine Or.inr ⟨fun a'' ha'' hc'' => Nat.le_of_not_lt fun hlt'' => ?_,
      b, hb, hc, hv.symm, ht.symm⟩
    obtain ⟨s, hs, hsc, hmin⟩ :=
      exists_min accs (·.ts) (fun y => y.cell = b.cell) ⟨a'', ha'', hc''.trans hc.symm⟩
    have hsa : s.ts < a.ts := Nat.lt_of_le_of_lt (hmin a'' ha'' (hc''.trans hc.symm)) hlt''
    have hrs := recv_eq_send_of_first hcells hb hsc hmin (ih' s hs hsa)
    have : s.recv = a.recv := by
      rw [hrs]; simp only [Boundary.send, Access.recv, hc, hv, ht]
    have := ts_eq_of_recv_eq hbal hpos hts hcells hs ha this
    omega

/-- **Memory consistency, final values.** Every boundary row receives what its cell holds
after all accesses (at any time `t` later than every access): the value written by the last
access to the cell, or the initial value if there is none. -/
theorem final_holds (hbal : Balanced accs bnd) (hcausal : ∀ a ∈ accs, a.prevTs < a.ts)
    (hpos : ∀ a ∈ accs, 0 < a.ts) (hts : (accs.map Access.key).Nodup)
    (hcells : (bnd.map (·.cell)).Nodup) (b : Boundary α β) (hb : b ∈ bnd) (t : Nat)
    (ht : ∀ a ∈ accs, a.ts < t) : HoldsBefore accs bnd b.cell t b.final b.finalTs := by
  have hrecv : b.recv ∈ sent accs bnd :=
    mem_sent_of_mem_received hbal (List.mem_append_right _ (List.mem_map_of_mem hb))
  have hread := read_holds hbal hcausal hpos hts hcells
  rcases mem_sent hrecv with ⟨a', ha', he⟩ | ⟨b', hb', he⟩
  · simp only [Access.send, Boundary.recv, Prod.mk.injEq] at he
    obtain ⟨hc, hv, hts'⟩ := he
    refine Or.inl ⟨a', ⟨ha', hc, ht a' ha', fun a'' ha'' hc'' _ => ?_⟩, hv.symm, hts'.symm⟩
    refine Nat.le_of_not_lt fun hgt => ?_
    obtain ⟨s, hs, ⟨hsc, hslt⟩, hmin⟩ :=
      exists_min accs (·.ts) (fun y => y.cell = a'.cell ∧ a'.ts < y.ts)
        ⟨a'', ha'', hc''.trans hc.symm, hgt⟩
    have hrs := recv_eq_send_of_next hts ha' hsc hslt hmin (hread s hs)
    refine recv_ne_of_boundary hbal hpos hts hcells hs hb ?_
    rw [hrs]; simp only [Access.send, Boundary.recv, hc, hv, hts']
  · simp only [Boundary.send, Boundary.recv, Prod.mk.injEq] at he
    obtain ⟨hc, hv, hts'⟩ := he
    have := eq_of_mem_of_nodup_map hcells hb' hb hc
    subst this
    refine Or.inr ⟨fun a'' ha'' hc'' => Nat.le_of_not_lt fun _ => ?_,
      b', hb, rfl, hv.symm, hts'.symm⟩
    obtain ⟨s, hs, hsc, hmin⟩ :=
      exists_min accs (·.ts) (fun y => y.cell = b'.cell) ⟨a'', ha'', hc''⟩
    have hrs := recv_eq_send_of_first hcells hb hsc hmin (hread s hs)
    refine recv_ne_of_boundary hbal hpos hts hcells hs hb ?_
    rw [hrs]; simp only [Boundary.send, Boundary.recv, hv, hts']

/-- Every accessed cell has a boundary row (the first access to it reads its initial value). -/
theorem exists_boundary (hbal : Balanced accs bnd) (hcausal : ∀ a ∈ accs, a.prevTs < a.ts)
    (hpos : ∀ a ∈ accs, 0 < a.ts) (hts : (accs.map Access.key).Nodup)
    (hcells : (bnd.map (·.cell)).Nodup) (a : Access α β) (ha : a ∈ accs) :
    ∃ b ∈ bnd, b.cell = a.cell := by
  obtain ⟨s, hs, hsc, hmin⟩ := exists_min accs (·.ts) (fun y => y.cell = a.cell) ⟨a, ha, rfl⟩
  rcases read_holds hbal hcausal hpos hts hcells s hs with
    ⟨a₃, ⟨ha₃, hc₃, hlt₃, _⟩, _⟩ | ⟨_, b, hb, hc, _⟩
  · have := hmin a₃ ha₃ (hc₃.trans hsc)
    omega
  · exact ⟨b, hb, hc.trans hsc⟩

end Proof

end Zkvm.Air.Memory

end
