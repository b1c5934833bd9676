module

public import Zkvm.Air.V2.BusMemory
public import Zkvm.Air.V2.RunStatementMsgs

/-!
# The boundary side of the memory bus as boundary rows

`memory_balanced_of_counts` reads the CPU, MEM, SYSCALL and IO rows' MEM messages as the memory
argument's accesses and takes the rest — the BOUNDARY and PRIVATE rows' and the statement's MEM
messages — as the sends and receives of boundary rows `bnd`. This file builds those rows
(`witnessBnd`): one per real BOUNDARY row (its cell, initial value at time 0, final value and
time, `bndRec`) and one per I/O cursor (`cursorRec`): the statement opens the cursors (IO, 0),
(IO, 1) and (IO, 2) with 0 at time 0 and closes (IO, 0) and (IO, 1) with the consumed count and
the output length at 4 · cycles; the PRIVATE table's end row closes (IO, 2) with its j at its
time. `boundary_sends` and `boundary_recvs` give `memory_balanced_of_counts`'s `hbS` and `hbR`,
for a PRIVATE table with one end row and the statement's MEM messages as the verifier makes them
(`stmt_mem_sends`, `stmt_mem_rcvd`).
-/

@[expose] public section

noncomputable section

namespace Zkvm.Air.V2.Run

open Zkvm.Field Zkvm.Air.Table Zkvm.Air.Memory
open Zkvm.Air.V2.Cpu (Fraction)
open Zkvm.Air.V2.Exec (IsBit Tables)

/-- A BOUNDARY row's boundary record: its cell, initial value, final value and time. -/
def bndRec (r : Row BabyBear) : Boundary Cell Val :=
  ⟨(r Boundary.Col.space, r Boundary.Col.addr), (r Boundary.Col.initLo, r Boundary.Col.initHi),
    (r Boundary.Col.finLo, r Boundary.Col.finHi), (r Boundary.Col.finTs).val⟩

/-- An I/O cursor's boundary record: cell (IO, j), initially 0, finally `v` at time `ts`. -/
def cursorRec (j v : BabyBear) (ts : Nat) : Boundary Cell Val := ⟨(3, j), (0, 0), (v, 0), ts⟩

/-- The real BOUNDARY rows. -/
def realBnd (T : Tables) : List (Row BabyBear) :=
  T.bnd.filter fun r => decide (Boundary.real r = 1)

/-- The PRIVATE table's end rows. -/
def endRows (T : Tables) : List (Row BabyBear) :=
  T.priv.filter fun r => decide (r Private.Col.endRow = 1)

/-- **The witness's boundary rows**: the real BOUNDARY rows', then the three I/O cursors' —
(IO, 0) closed with the consumed count and (IO, 1) with the output length at `ts`, (IO, 2) with
the PRIVATE end row's j at its time. -/
def witnessBnd (T : Tables) (consumed outLen : BabyBear) (ts : Nat) (re : Row BabyBear) :
    List (Boundary Cell Val) :=
  (realBnd T).map bndRec ++
    [cursorRec 0 consumed ts, cursorRec 1 outLen ts,
     cursorRec 2 (re Private.Col.j) (re Private.Col.tEnd).val]

variable {r : Row BabyBear}

theorem natCast_val' (x : BabyBear) : (((x.val : Nat) : Nat) : BabyBear) = x := Felt.natCast_val x

theorem boundary_memSends (hr : IsBit (Boundary.real r)) :
    memSends (Boundary.fractions r) =
      if Boundary.real r = 1 then [enc (bndRec r).send] else [] := by
  rcases hr with h | h <;>
    simp (config := { decide := true }) only [memSends, Boundary.fractions, List.filter_cons,
      List.filter_nil, List.head?_cons, Option.some.injEq, h, Bool.and_true, Bool.and_false,
      Bool.false_and, decide_true, decide_false, if_true, if_false, List.map_cons, List.map_nil,
      enc, Boundary.send, bndRec, Felt.natCast_zero] <;> rfl

theorem boundary_memRecvs (hr : IsBit (Boundary.real r)) :
    memRecvs (Boundary.fractions r) =
      if Boundary.real r = 1 then [enc (bndRec r).recv] else [] := by
  rcases hr with h | h <;>
    simp (config := { decide := true }) only [memRecvs, Boundary.fractions, List.filter_cons,
      List.filter_nil, List.head?_cons, Option.some.injEq, h, Bool.and_true, Bool.and_false,
      Bool.false_and, decide_true, decide_false, if_true, if_false, List.map_cons, List.map_nil,
      enc, Boundary.recv, bndRec, natCast_val']

theorem private_memSends (he : IsBit (r Private.Col.endRow)) :
    memSends (Private.fractions r) = [] := by
  rcases he with h | h <;>
    simp (config := { decide := true }) only [memSends, Private.fractions, List.filter_cons,
      List.filter_nil, List.head?_cons, Option.some.injEq, h, Bool.and_true, Bool.and_false,
      Bool.false_and, decide_true, decide_false, if_false, List.map_nil]

theorem private_memRecvs (he : IsBit (r Private.Col.endRow)) :
    memRecvs (Private.fractions r) =
      if r Private.Col.endRow = 1 then
        [[2, 3, 2, r Private.Col.j, 0, r Private.Col.tEnd]] else [] := by
  rcases he with h | h <;>
    simp (config := { decide := true }) only [memRecvs, Private.fractions, List.filter_cons,
      List.filter_nil, List.head?_cons, Option.some.injEq, h, Bool.and_true, Bool.and_false,
      Bool.false_and, decide_true, decide_false, if_true, if_false, List.map_cons, List.map_nil]

/-- A flatMap of a conditional singleton is the map over the filtered list. -/
theorem flatMap_ite {α β : Type} (p : α → Prop) [DecidablePred p] (g : α → β) :
    ∀ l : List α, l.flatMap (fun a => if p a then [g a] else []) =
      (l.filter fun a => decide (p a)).map g
  | [] => rfl
  | a :: l => by
    rw [List.flatMap_cons, flatMap_ite p g l, List.filter_cons]
    by_cases h : p a <;> simp [h]

/-- **The BOUNDARY and PRIVATE rows' MEM messages sent once**: the real BOUNDARY rows'
initial values. -/
theorem bnd_memSends {T : Tables} (hb : Exec.Bools T) :
    memSends (bndFractions T) = (realBnd T).map (enc ∘ Boundary.send ∘ bndRec) := by
  have hM : ∀ a b, memSends (a ++ b) = memSends a ++ memSends b := memSends_append
  unfold bndFractions
  rw [memSends_append, flatMap_none hM rfl fun r hr => private_memSends (hb.priv r hr).2,
    List.nil_append]
  have : ∀ l : List (Row BabyBear), (∀ r ∈ l, IsBit (Boundary.real r)) →
      memSends (l.flatMap Boundary.fractions) =
        l.flatMap (fun r => if Boundary.real r = 1 then [enc (bndRec r).send] else []) := by
    intro l hl
    induction l with
    | nil => rfl
    | cons a l ih =>
      rw [List.flatMap_cons, memSends_append, boundary_memSends (hl a List.mem_cons_self),
        ih (fun r hr => hl r (List.mem_cons_of_mem _ hr)), List.flatMap_cons]
  rw [this T.bnd (fun r hr => (hb.bnd r hr).1), flatMap_ite]
  rfl

/-- **The BOUNDARY and PRIVATE rows' MEM messages received once**: the PRIVATE end rows' close
of (IO, 2), then the real BOUNDARY rows' final values. -/
theorem bnd_memRecvs {T : Tables} (hb : Exec.Bools T) :
    memRecvs (bndFractions T) =
      (endRows T).map (fun r => [2, 3, 2, r Private.Col.j, 0, r Private.Col.tEnd]) ++
        (realBnd T).map (enc ∘ Boundary.recv ∘ bndRec) := by
  unfold bndFractions
  rw [memRecvs_append]
  have h1 : ∀ l : List (Row BabyBear), (∀ r ∈ l, IsBit (r Private.Col.endRow)) →
      memRecvs (l.flatMap Private.fractions) =
        l.flatMap (fun r => if r Private.Col.endRow = 1 then
          [[2, 3, 2, r Private.Col.j, 0, r Private.Col.tEnd]] else []) := by
    intro l hl
    induction l with
    | nil => rfl
    | cons a l ih =>
      rw [List.flatMap_cons, memRecvs_append, private_memRecvs (hl a List.mem_cons_self),
        ih (fun r hr => hl r (List.mem_cons_of_mem _ hr)), List.flatMap_cons]
  have h2 : ∀ l : List (Row BabyBear), (∀ r ∈ l, IsBit (Boundary.real r)) →
      memRecvs (l.flatMap Boundary.fractions) =
        l.flatMap (fun r => if Boundary.real r = 1 then [enc (bndRec r).recv] else []) := by
    intro l hl
    induction l with
    | nil => rfl
    | cons a l ih =>
      rw [List.flatMap_cons, memRecvs_append, boundary_memRecvs (hl a List.mem_cons_self),
        ih (fun r hr => hl r (List.mem_cons_of_mem _ hr)), List.flatMap_cons]
  rw [h1 T.priv (fun r hr => (hb.priv r hr).2), h2 T.bnd (fun r hr => (hb.bnd r hr).1),
    flatMap_ite, flatMap_ite]
  rfl

/-- **The boundary side's sends are the witness's boundary rows' sends**, when the statement
opens the three cursors with 0 (as the verifier's does: `stmt_mem_sends`). -/
theorem boundary_sends {T : Tables} (hb : Exec.Bools T) {ssent : List (List BabyBear)}
    (hss : Exec.withTag 2 ssent = [[2, 3, 0, 0, 0, 0], [2, 3, 1, 0, 0, 0], [2, 3, 2, 0, 0, 0]])
    (consumed outLen : BabyBear) (ts : Nat) (re : Row BabyBear) :
    (memSends (bndFractions T) ++ Exec.withTag 2 ssent).Perm
      ((witnessBnd T consumed outLen ts re).map (enc ∘ Boundary.send)) := by
  rw [bnd_memSends hb, hss, witnessBnd, List.map_append, List.map_map]
  simp only [List.map_cons, List.map_nil, Function.comp_apply, enc, Boundary.send, cursorRec,
    Felt.natCast_zero]
  exact List.Perm.refl _

/-- **The boundary side's receives are the witness's boundary rows' receives**, for a PRIVATE
table whose one end row is `re` and a statement that closes (IO, 0) with `consumed` and (IO, 1)
with `outLen` at time `ts` (as the verifier's does at 4 · cycles: `stmt_mem_rcvd`). -/
theorem boundary_recvs {T : Tables} (hb : Exec.Bools T) {srcvd : List (List BabyBear)}
    {consumed outLen : BabyBear} {ts : Nat}
    (hsr : Exec.withTag 2 srcvd =
      [[2, 3, 0, consumed, 0, ((ts : Nat) : BabyBear)], [2, 3, 1, outLen, 0, ((ts : Nat) : BabyBear)]])
    {re : Row BabyBear} (hend : endRows T = [re]) :
    (memRecvs (bndFractions T) ++ Exec.withTag 2 srcvd).Perm
      ((witnessBnd T consumed outLen ts re).map (enc ∘ Boundary.recv)) := by
  rw [bnd_memRecvs hb, hsr, hend, witnessBnd, List.map_append, List.map_map]
  simp only [List.map_cons, List.map_nil, Function.comp_apply, enc, Boundary.recv, cursorRec,
    natCast_val', List.cons_append, List.nil_append]
  -- the end row's close moves past the BOUNDARY rows' receives
  refine (List.perm_append_singleton _ _).symm.trans ?_
  simp only [List.append_assoc, List.cons_append, List.nil_append]
  exact List.Perm.refl _

open Zkvm.Spec.Statement in
/-- **The verifier's statement opens the three I/O cursors with 0**: its MEM sends. -/
theorem stmt_mem_sends (pv : List BabyBear) (input : List UInt8) :
    Exec.withTag 2 (Exec.stmtSent pv input) =
      [[2, 3, 0, 0, 0, 0], [2, 3, 1, 0, 0, 0], [2, 3, 2, 0, 0, 0]] := by
  have h8 : ∀ l : List Nat, Exec.withTag 2 ((l.map fun j =>
      [(8 : UInt32), UInt32.ofNat j, (input.getD j 0).toUInt32]).map (List.map Exec.feltOf)) = [] := by
    intro l
    induction l with
    | nil => rfl
    | cons a l ih =>
      simp only [List.map_cons, Exec.withTag, List.filter_cons, List.head?_cons] at ih ⊢
      rw [ih]
      have : ¬ (some (Exec.feltOf 8) = some (2 : BabyBear)) := by decide
      simp only [this, decide_false, Bool.false_eq_true, if_false]
  simp only [Exec.stmtSent, sends, List.map_append]
  rw [Exec.withTag, List.filter_append, ← Exec.withTag, ← Exec.withTag, h8, List.append_nil]
  decide

open Zkvm.Spec.Statement in
/-- **The verifier's statement closes (IO, 0) with the consumed count and (IO, 1) with the
output length at 4 · cycles**: its MEM receives. -/
theorem stmt_mem_rcvd (pv : List BabyBear) (output : List UInt8) :
    Exec.withTag 2 (Exec.stmtRcvd pv output) =
      [[2, 3, 0, pv.getD pvInputConsumed 0, 0,
          (((4 * pv.getD pvCycles 0).val : Nat) : BabyBear)],
        [2, 3, 1, pv.getD pvOutputLen 0, 0, (((4 * pv.getD pvCycles 0).val : Nat) : BabyBear)]] := by
  have h9 : ∀ l : List Nat, Exec.withTag 2 ((l.map fun j =>
      [(9 : UInt32), UInt32.ofNat j, (output.getD j 0).toUInt32]).map (List.map Exec.feltOf)) = [] := by
    intro l
    induction l with
    | nil => rfl
    | cons a l ih =>
      simp only [List.map_cons, Exec.withTag, List.filter_cons, List.head?_cons] at ih ⊢
      rw [ih]
      have : ¬ (some (Exec.feltOf 9) = some (2 : BabyBear)) := by decide
      simp only [this, decide_false, Bool.false_eq_true, if_false]
  simp only [Exec.stmtRcvd, receives, List.map_append]
  rw [Exec.withTag, List.filter_append, List.filter_append, ← Exec.withTag, ← Exec.withTag,
    ← Exec.withTag, h9, List.append_nil]
  have e2 : Exec.feltOf 2 = 2 := by decide
  have e3 : Exec.feltOf 3 = 3 := by decide
  have e0 : Exec.feltOf 0 = 0 := by decide
  have e1 : Exec.feltOf 1 = 1 := by decide
  have e12 : ¬ (some (Exec.feltOf 12) = some (2 : BabyBear)) := by decide
  simp only [Exec.withTag, List.map_cons, List.map_nil, List.filter_cons, List.filter_nil,
    List.head?_cons, e2, e3, e0, e1, Exec.feltOf_u32, e12, decide_true, decide_false,
    Bool.false_eq_true, if_true, if_false, Felt.natCast_val, List.append_nil]

/-- **The final cursors are in the witness's boundary rows** (`run_of_bus`'s `hfinal` and
`hfinalIn`): (IO, 1) ends with the output length and (IO, 0) with the consumed count. -/
theorem witnessBnd_final (T : Tables) (consumed outLen : BabyBear) (ts : Nat) (re : Row BabyBear) :
    (∃ b ∈ witnessBnd T consumed outLen ts re, b.cell = ((3 : BabyBear), (1 : BabyBear)) ∧
      b.final = (outLen, 0)) ∧
    (∃ b ∈ witnessBnd T consumed outLen ts re, b.cell = ((3 : BabyBear), (0 : BabyBear)) ∧
      b.final = (consumed, 0)) :=
  ⟨⟨cursorRec 1 outLen ts, List.mem_append_right _ (by simp), rfl, rfl⟩,
    ⟨cursorRec 0 consumed ts, List.mem_append_right _ (by simp), rfl, rfl⟩⟩

end Zkvm.Air.V2.Run

end
