module

public import Zkvm.Air.V2.BusLooks
public import Zkvm.Air.V2.RunWitness

/-!
# The MEM messages as the memory argument's accesses

The bus balances the MEM messages (tag 2) as multisets (`Exec.mem_counts_of_bus`). The memory
argument (`Zkvm.Air.Memory`) is stated over accesses and boundary rows: an access sends
(cell, value written, time) and receives (cell, value read, previous time). This file reads the
tables' MEM messages as those: a memory message (cell, value, time) travels as
MEM(space, addr, lo, hi, time) (`enc`), and row by row the MEM messages a CPU, MEM, SYSCALL or IO
row sends once are the encodings of its accesses' sends (`cpu_memSends`, …), those it receives
once of its accesses' receives (`cpu_memRecvs`, …), the accesses being those `witnessAccs`
lists; the ALU, LOGIC, MUL, DIV and RANGE rows carry no MEM message.
-/

@[expose] public section

noncomputable section

namespace Zkvm.Air.V2.Run

open Zkvm.Field Zkvm.Air.Table Zkvm.Air.Memory
open Zkvm.Air.V2.Cpu (Fraction)
open Zkvm.Air.V2.Exec (IsBit)

/-- A memory message as the bus carries it: MEM(space, addr, lo, hi, time). -/
def enc (m : Msg Cell Val) : List BabyBear :=
  [2, m.1.1, m.1.2, m.2.1.1, m.2.1.2, ((m.2.2 : Nat) : BabyBear)]

/-- The MEM messages a list of fractions sends once. -/
def memSends (fs : List (Fraction BabyBear)) : List (List BabyBear) :=
  (fs.filter fun f => decide (f.fields.head? = some 2) && decide (f.mult = 1)).map (·.fields)

/-- The MEM messages a list of fractions receives once. -/
def memRecvs (fs : List (Fraction BabyBear)) : List (List BabyBear) :=
  (fs.filter fun f => decide (f.fields.head? = some 2) && decide (f.mult = -1)).map (·.fields)

theorem withTag_sentOf (fs : List (Fraction BabyBear)) :
    Exec.withTag 2 (Exec.sentOf fs) = memSends fs := by
  induction fs with
  | nil => rfl
  | cons f fs ih =>
    simp only [Exec.withTag, Exec.sentOf, memSends, List.filter_cons] at ih ⊢
    by_cases h1 : f.mult = 1 <;> by_cases h2 : f.fields.head? = some 2 <;>
      simp [h1, h2, ih]

theorem withTag_rcvdOf (fs : List (Fraction BabyBear)) :
    Exec.withTag 2 (Exec.rcvdOf fs) = memRecvs fs := by
  induction fs with
  | nil => rfl
  | cons f fs ih =>
    simp only [Exec.withTag, Exec.rcvdOf, memRecvs, List.filter_cons] at ih ⊢
    by_cases h1 : f.mult = -1 <;> by_cases h2 : f.fields.head? = some 2 <;>
      simp [h1, h2, ih]

theorem cast_ts (x : BabyBear) (k : Nat) :
    (((4 * x.val + k : Nat) : Nat) : BabyBear) = 4 * x + (k : BabyBear) := by
  push_natCast

variable {r : Row BabyBear}

/-- Unfolds a row's fractions and accesses, filters the MEM messages sent or received once, and
compares them with the accesses' encodings. -/
local macro "mem_census" : tactic => `(tactic| (
  simp (config := { decide := true }) only [memSends, memRecvs, Cpu.fractions, Cpu.port,
    Cpu.tagProg, Cpu.tagMem, Cpu.tagU16, Cpu.tagExec, Cpu.tagHalt, Cpu.tagExit, Cpu.spaceReg,
    Alu.fractions, Logic.fractions, Logic.and4, Mul.fractions, Mul.look, Div.fractions,
    Mem.fractions, Range.fractions,
    Syscall.fractions, Syscall.access, Syscall.tagExec, Syscall.opEcall, Syscall.tagHalt,
    Syscall.tagMem, Syscall.tagIo, Syscall.tagU16, Syscall.tagPlen, Syscall.spaceReg,
    Syscall.spaceIo, Io.fractions, Io.tagIo, Io.tagMem, Io.tagU16, Io.tagU8,
    List.cons_append, List.nil_append, List.filter_cons, List.filter_nil, List.head?_cons,
    Option.some.injEq, Bool.and_true, Bool.and_false, Bool.false_and,
    decide_true, decide_false, if_true, if_false, List.map_cons, List.map_nil, cpuAccesses,
    memAccesses, syscallAccesses, ioAccesses, List.append_nil, Function.comp_apply, Access.send,
    Access.recv, enc, rs1Access, rs2Access, rdAccess, memAccess, bufAccess, lenAccess,
    curAccess, outAccess, ioAccess, Cpu.timestamp, Mem.timestamp, Syscall.timestamp,
    Io.timestamp, *] <;>
  simp only [cast_ts, List.cons.injEq, and_true, true_and, List.nil_eq, List.map_eq_nil_iff]
  <;> push_natCast <;> (repeat' constructor) <;> grind))

theorem cpu_memSends (hr : IsBit (r Cpu.Col.isReal)) (hw : IsBit (r Cpu.Col.fWr)) :
    memSends (Cpu.fractions r) = (cpuAccesses r).map (enc ∘ Access.send) := by
  rcases hr with h | h <;> rcases hw with h' | h' <;> mem_census

theorem cpu_memRecvs (hr : IsBit (r Cpu.Col.isReal)) (hw : IsBit (r Cpu.Col.fWr)) :
    memRecvs (Cpu.fractions r) = (cpuAccesses r).map (enc ∘ Access.recv) := by
  rcases hr with h | h <;> rcases hw with h' | h' <;> mem_census

theorem mem_memSends (hr : IsBit (Mem.real r)) :
    memSends (Mem.fractions r) = (memAccesses r).map (enc ∘ Access.send) := by
  rcases hr with h | h <;> mem_census

theorem mem_memRecvs (hr : IsBit (Mem.real r)) :
    memRecvs (Mem.fractions r) = (memAccesses r).map (enc ∘ Access.recv) := by
  rcases hr with h | h <;> mem_census

theorem io_memSends (hr : IsBit (Io.real r)) (hbt : Io.byteTag r ≠ 2) :
    memSends (Io.fractions r) = (ioAccesses r).map (enc ∘ Access.send) := by
  rcases hr with h | h <;> mem_census

theorem io_memRecvs (hr : IsBit (Io.real r)) (hbt : Io.byteTag r ≠ 2) :
    memRecvs (Io.fractions r) = (ioAccesses r).map (enc ∘ Access.recv) := by
  rcases hr with h | h <;> mem_census

theorem syscall_memSends (hm : IsBit (Syscall.moves r)) (hc : IsBit (Syscall.cursorOn r))
    (he : IsBit (r Syscall.Col.fExit)) :
    memSends (Syscall.fractions r) = (syscallAccesses r).map (enc ∘ Access.send) := by
  rcases hm with h | h <;> rcases hc with h' | h' <;> rcases he with h'' | h'' <;> mem_census

theorem syscall_memRecvs (hm : IsBit (Syscall.moves r)) (hc : IsBit (Syscall.cursorOn r))
    (he : IsBit (r Syscall.Col.fExit)) :
    memRecvs (Syscall.fractions r) = (syscallAccesses r).map (enc ∘ Access.recv) := by
  rcases hm with h | h <;> rcases hc with h' | h' <;> rcases he with h'' | h'' <;> mem_census

theorem alu_noMem : memSends (Alu.fractions r) = [] ∧ memRecvs (Alu.fractions r) = [] := by
  constructor <;> mem_census
theorem logic_noMem : memSends (Logic.fractions r) = [] ∧ memRecvs (Logic.fractions r) = [] := by
  constructor <;> mem_census
theorem mul_noMem : memSends (Mul.fractions r) = [] ∧ memRecvs (Mul.fractions r) = [] := by
  constructor <;> mem_census
theorem div_noMem : memSends (Div.fractions r) = [] ∧ memRecvs (Div.fractions r) = [] := by
  constructor <;> mem_census
theorem range_noMem : memSends (Range.fractions r) = [] ∧ memRecvs (Range.fractions r) = [] := by
  constructor <;> mem_census

/-! ## Every table's MEM messages -/

theorem memSends_append (a b : List (Fraction BabyBear)) :
    memSends (a ++ b) = memSends a ++ memSends b := by
  simp only [memSends, List.filter_append, List.map_append]

theorem memRecvs_append (a b : List (Fraction BabyBear)) :
    memRecvs (a ++ b) = memRecvs a ++ memRecvs b := by
  simp only [memRecvs, List.filter_append, List.map_append]

/-- Row by row identities add up over a table. -/
theorem flatMap_mem {M : List (Fraction BabyBear) → List (List BabyBear)}
    (hM : ∀ a b, M (a ++ b) = M a ++ M b) (hM0 : M [] = [])
    {fr : Row BabyBear → List (Fraction BabyBear)} {acc : Row BabyBear → List (Access Cell Val)}
    {F : Access Cell Val → List BabyBear} :
    ∀ {rows : List (Row BabyBear)}, (∀ r ∈ rows, M (fr r) = (acc r).map F) →
      M (rows.flatMap fr) = (rows.flatMap acc).map F
  | [], _ => by simp only [List.flatMap_nil, List.map_nil, hM0]
  | r :: rows, h => by
    rw [List.flatMap_cons, List.flatMap_cons, hM, List.map_append, h r List.mem_cons_self,
      flatMap_mem hM hM0 fun r' hr' => h r' (List.mem_cons_of_mem _ hr')]

theorem flatMap_none {M : List (Fraction BabyBear) → List (List BabyBear)}
    (hM : ∀ a b, M (a ++ b) = M a ++ M b) (hM0 : M [] = [])
    {fr : Row BabyBear → List (Fraction BabyBear)} :
    ∀ {rows : List (Row BabyBear)}, (∀ r ∈ rows, M (fr r) = []) → M (rows.flatMap fr) = []
  | [], _ => by simp only [List.flatMap_nil, hM0]
  | r :: rows, h => by
    rw [List.flatMap_cons, hM, h r List.mem_cons_self,
      flatMap_none hM hM0 fun r' hr' => h r' (List.mem_cons_of_mem _ hr'), List.append_nil]

/-- The boundary side of the MEM messages: the PRIVATE and BOUNDARY rows'. -/
def bndFractions (T : Exec.Tables) : List (Fraction BabyBear) :=
  T.priv.flatMap Private.fractions ++ T.bnd.flatMap Boundary.fractions

/-- The flags every access's multiplicity is: the CPU's is_real and f_wr, each coprocessor's. -/
theorem io_byteTag_ne {ri : Row BabyBear} (hg : Io.Groups ri) : Io.byteTag ri ≠ 2 := by
  have hbt := Exec.byteTag_mem hg
  simp only [List.mem_cons, List.not_mem_nil, or_false] at hbt
  rcases hbt with e | e | e | e | e | e | e | e <;> rw [e] <;> decide

/-- **The tables' MEM messages sent once are their accesses' sends** (`witnessAccs` over every
CPU, MEM, SYSCALL and IO row), then the PRIVATE and BOUNDARY rows'. -/
theorem memSends_tables {T : Exec.Tables} (hok : T.Ok) (hb : Exec.Bools T) :
    memSends T.fractions = (witnessAccs T.cpu T.mem T.sys T.io).map (enc ∘ Access.send) ++
      memSends (bndFractions T) := by
  have hM : ∀ a b, memSends (a ++ b) = memSends a ++ memSends b := memSends_append
  have hM0 : memSends [] = [] := rfl
  unfold Exec.Tables.fractions bndFractions witnessAccs
  simp only [memSends_append, List.map_append, List.append_assoc]
  rw [flatMap_mem hM hM0 fun r hr => cpu_memSends (hb.cpu r hr).1 (hb.cpu r hr).2,
    flatMap_none hM hM0 fun r _ => alu_noMem.1, flatMap_none hM hM0 fun r _ => logic_noMem.1,
    flatMap_none hM hM0 fun r _ => mul_noMem.1, flatMap_none hM hM0 fun r _ => div_noMem.1,
    flatMap_mem hM hM0 fun r hr => mem_memSends (Exec.mem_bits (hok.mem r hr)).1,
    flatMap_mem hM hM0 fun r hr => syscall_memSends
      (Exec.syscall_bits (hok.sys r hr).choose_spec).1
      (Exec.syscall_bits (hok.sys r hr).choose_spec).2.1
      (Exec.syscall_bits (hok.sys r hr).choose_spec).2.2.1,
    flatMap_mem hM hM0 fun r hr => io_memSends (Exec.bit_of_bool (hok.io r hr).bool_real)
      (io_byteTag_ne (hok.io r hr)),
    flatMap_none hM hM0 fun r _ => range_noMem.1]
  simp only [List.nil_append]

/-- **The tables' MEM messages received once are their accesses' receives**, then the PRIVATE
and BOUNDARY rows'. -/
theorem memRecvs_tables {T : Exec.Tables} (hok : T.Ok) (hb : Exec.Bools T) :
    memRecvs T.fractions = (witnessAccs T.cpu T.mem T.sys T.io).map (enc ∘ Access.recv) ++
      memRecvs (bndFractions T) := by
  have hM : ∀ a b, memRecvs (a ++ b) = memRecvs a ++ memRecvs b := memRecvs_append
  have hM0 : memRecvs [] = [] := rfl
  unfold Exec.Tables.fractions bndFractions witnessAccs
  simp only [memRecvs_append, List.map_append, List.append_assoc]
  rw [flatMap_mem hM hM0 fun r hr => cpu_memRecvs (hb.cpu r hr).1 (hb.cpu r hr).2,
    flatMap_none hM hM0 fun r _ => alu_noMem.2, flatMap_none hM hM0 fun r _ => logic_noMem.2,
    flatMap_none hM hM0 fun r _ => mul_noMem.2, flatMap_none hM hM0 fun r _ => div_noMem.2,
    flatMap_mem hM hM0 fun r hr => mem_memRecvs (Exec.mem_bits (hok.mem r hr)).1,
    flatMap_mem hM hM0 fun r hr => syscall_memRecvs
      (Exec.syscall_bits (hok.sys r hr).choose_spec).1
      (Exec.syscall_bits (hok.sys r hr).choose_spec).2.1
      (Exec.syscall_bits (hok.sys r hr).choose_spec).2.2.1,
    flatMap_mem hM hM0 fun r hr => io_memRecvs (Exec.bit_of_bool (hok.io r hr).bool_real)
      (io_byteTag_ne (hok.io r hr)),
    flatMap_none hM hM0 fun r _ => range_noMem.2]
  simp only [List.nil_append]

/-! ## The memory argument's balance -/

theorem enc_inj {a x : Msg Cell Val} (ha : a.2.2 < P) (hx : x.2.2 < P) (h : enc a = enc x) :
    a = x := by
  obtain ⟨⟨c1, c2⟩, ⟨v1, v2⟩, t⟩ := a
  obtain ⟨⟨d1, d2⟩, ⟨w1, w2⟩, u⟩ := x
  simp only [enc, List.cons.injEq, and_true, true_and] at h
  obtain ⟨e1, e2, e3, e4, e5⟩ := h
  have : t = u := Zkvm.Air.Felt.natCast_inj_of_lt ha hx e5
  subst e1 e2 e3 e4 this
  rfl

/-- A message not in a list counts 0 (for any lawful equality test, as `Memory.Balanced` counts
with the one of its `DecidableEq` instances). -/
theorem count_zero {α : Type} {inst : BEq α} [LawfulBEq α] {x : α} {L : List α} (h : x ∉ L) :
    L.count x = 0 :=
  List.count_eq_zero.mpr h

/-- Counting through the encoding, on messages whose times are below p. -/
theorem count_map_enc {inst : BEq (Msg Cell Val)} [LawfulBEq (Msg Cell Val)] {x : Msg Cell Val}
    (hx : x.2.2 < P) :
    ∀ {L : List (Msg Cell Val)}, (∀ a ∈ L, a.2.2 < P) → (L.map enc).count (enc x) = L.count x
  | [], _ => rfl
  | a :: L, hL => by
    rw [List.map_cons, List.count_cons, List.count_cons,
      count_map_enc hx fun b hb => hL b (List.mem_cons_of_mem _ hb)]
    by_cases e : a = x
    · subst e; simp
    · have : enc a ≠ enc x := fun h => e (enc_inj (hL a List.mem_cons_self) hx h)
      simp [this, e]

theorem count_withTag {m : List BabyBear} (hm : m.head? = some 2) (L : List (List BabyBear)) :
    (Exec.withTag 2 L).count m = L.count m :=
  List.count_filter (by simp only [decide_eq_true_eq]; exact hm)

/-- Counting with two lawful equality tests gives the same number (`Memory.Balanced` counts
with the test of its `DecidableEq` instances). -/
theorem count_inst_eq {α : Type} {i1 i2 : BEq α} (h1 : @LawfulBEq α i1) (h2 : @LawfulBEq α i2)
    (x : α) (L : List α) : @List.count α i1 x L = @List.count α i2 x L := by
  induction L with
  | nil => rfl
  | cons a L ih =>
    rw [@List.count_cons _ i1, @List.count_cons _ i2, ih]
    by_cases h : a = x
    · subst h; simp
    · simp [h]

/-- **The memory argument's balance from the bus** (docs/air.md §12.1 (H1)): when the MEM
messages balance as multisets, the PRIVATE, BOUNDARY and statement MEM messages are the sends and
receives of boundary rows `bnd`, and every time is below p, the accesses of every CPU, MEM,
SYSCALL and IO row and the boundary rows balance (`Memory.Balanced`). -/
theorem memory_balanced_of_counts {T : Exec.Tables} {ssent srcvd : List (List BabyBear)}
    (hok : T.Ok) (hb : Exec.Bools T)
    (hbal : ∀ m : List BabyBear, m.head? = some 2 →
      (T.sent ++ ssent).count m = (T.rcvd ++ srcvd).count m)
    {bnd : List (Boundary Cell Val)}
    (hbS : (memSends (bndFractions T) ++ Exec.withTag 2 ssent).Perm
      (bnd.map (enc ∘ Boundary.send)))
    (hbR : (memRecvs (bndFractions T) ++ Exec.withTag 2 srcvd).Perm
      (bnd.map (enc ∘ Boundary.recv)))
    (hts : ∀ x ∈ sent (witnessAccs T.cpu T.mem T.sys T.io) bnd ++
      received (witnessAccs T.cpu T.mem T.sys T.io) bnd, x.2.2 < P) :
    Balanced (witnessAccs T.cpu T.mem T.sys T.io) bnd := by
  intro x
  suffices main : (sent (witnessAccs T.cpu T.mem T.sys T.io) bnd).count x =
      (received (witnessAccs T.cpu T.mem T.sys T.io) bnd).count x from
    (count_inst_eq (by infer_instance) (by infer_instance) x _).trans
      (main.trans (count_inst_eq (by infer_instance) (by infer_instance) x _))
  by_cases hx : x.2.2 < P
  · have hS := fun a ha => hts a (List.mem_append_left _ ha)
    have hR := fun a ha => hts a (List.mem_append_right _ ha)
    rw [← count_map_enc hx hS, ← count_map_enc hx hR]
    have hx2 : (enc x).head? = some 2 := rfl
    have eS : ((sent (witnessAccs T.cpu T.mem T.sys T.io) bnd).map enc).Perm
        (Exec.withTag 2 (T.sent ++ ssent)) := by
      have e1 : (sent (witnessAccs T.cpu T.mem T.sys T.io) bnd).map enc =
          (witnessAccs T.cpu T.mem T.sys T.io).map (enc ∘ Access.send) ++
            bnd.map (enc ∘ Boundary.send) := by
        simp only [sent, List.map_append, List.map_map]
      have e2 : Exec.withTag 2 (T.sent ++ ssent) =
          (witnessAccs T.cpu T.mem T.sys T.io).map (enc ∘ Access.send) ++
            (memSends (bndFractions T) ++ Exec.withTag 2 ssent) := by
        rw [Exec.withTag, List.filter_append, ← Exec.withTag, ← Exec.withTag,
          show T.sent = Exec.sentOf T.fractions from rfl, withTag_sentOf,
          memSends_tables hok hb, List.append_assoc]
      rw [e1, e2]
      exact List.Perm.append_left _ hbS.symm
    have eR : ((received (witnessAccs T.cpu T.mem T.sys T.io) bnd).map enc).Perm
        (Exec.withTag 2 (T.rcvd ++ srcvd)) := by
      have e1 : (received (witnessAccs T.cpu T.mem T.sys T.io) bnd).map enc =
          (witnessAccs T.cpu T.mem T.sys T.io).map (enc ∘ Access.recv) ++
            bnd.map (enc ∘ Boundary.recv) := by
        simp only [received, List.map_append, List.map_map]
      have e2 : Exec.withTag 2 (T.rcvd ++ srcvd) =
          (witnessAccs T.cpu T.mem T.sys T.io).map (enc ∘ Access.recv) ++
            (memRecvs (bndFractions T) ++ Exec.withTag 2 srcvd) := by
        rw [Exec.withTag, List.filter_append, ← Exec.withTag, ← Exec.withTag,
          show T.rcvd = Exec.rcvdOf T.fractions from rfl, withTag_rcvdOf,
          memRecvs_tables hok hb, List.append_assoc]
      rw [e1, e2]
      exact List.Perm.append_left _ hbR.symm
    rw [eS.count_eq, eR.count_eq, count_withTag hx2, count_withTag hx2]
    exact hbal _ hx2
  · rw [count_zero fun h => hx (hts x (List.mem_append_left _ h)),
      count_zero fun h => hx (hts x (List.mem_append_right _ h))]

section Perm

variable {α β : Type} [DecidableEq α] [DecidableEq β]

/-- The balance depends on the accesses only as a multiset. -/
theorem balanced_of_perm {accs accs' : List (Access α β)} {bnd : List (Boundary α β)}
    (hp : accs.Perm accs') (h : Balanced accs bnd) : Balanced accs' bnd := by
  intro m
  have h1 : (sent accs bnd).Perm (sent accs' bnd) := (hp.map _).append_right _
  have h2 : (received accs bnd).Perm (received accs' bnd) := (hp.map _).append_right _
  rw [← h1.count_eq, ← h2.count_eq]
  exact h m

end Perm

/-- The witness's accesses with the CPU rows' accesses permuted. -/
theorem witnessAccs_perm {cpu cpu' mem sys io : List (Row BabyBear)}
    (h : (cpu.flatMap cpuAccesses).Perm (cpu'.flatMap cpuAccesses)) :
    (witnessAccs cpu mem sys io).Perm (witnessAccs cpu' mem sys io) := by
  unfold witnessAccs
  exact ((h.append_right _).append_right _).append_right _

end Zkvm.Air.V2.Run

end
