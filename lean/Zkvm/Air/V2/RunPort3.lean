module

public import Zkvm.Air.V2.RunIoCensus
public import Zkvm.Air.V2.RunCount
public import Zkvm.Air.V2.RunWitness
public import Zkvm.Air.V2.ExecDecode

/-!
# Port 3 of a CPU row, from the bus

The run theorems take `Port3 accs r` for every row but the last: which accesses happen at the
row's port-3 time 4 clk + 4 (`Run.Port3`). Over the witness's accesses (`witnessAccs`) this
file derives it from the EXEC and IO messages balancing over every table's rows:

* `request_receiver`: a CPU request with f_exec is received by a real row of a coprocessor table
  (with the table's membership); `mem_receiver`: a load's or store's (op 10 … 17) by a MEM row,
  `syscall_receiver`: an ECALL's (op 36) by a SYSCALL row (every other coprocessor's op field is
  outside: the ops' numbers, `ExecDecode`'s `op_cases`);
* `port3_owner`: every access at a time 4 t + 4 belongs to the CPU row with clk t that sent an
  EXEC request: a real MEM row's access answers a load or store (`mem_answers_cpu`), a SYSCALL
  row's and an IO row's an ECALL (`syscall_answers_cpu`, `io_row_syscall`);
* `port3_of_tables`: so a CPU row whose clk no other requesting CPU row has meets `Port3`;
* `ecall_port3`: the accesses at an ECALL row's port 3 are its SYSCALL row's and the IO rows'
  with its clk (the ECALL joins' `WriteJoin`/`ReadJoin` access clause, with `SysOnce`);
* `exec_of_mem_op`: a row running a load or store has f_exec (its program row's flag).

`port3_of_tables` takes `MemOnce` (no two real MEM rows receive the same EXEC message), which
`RunCount` derives from the balance by counting; `port3_of_run` puts it together for the rows of
a run: every row meets `Port3` when the requesting CPU rows are the run's rows.
-/

@[expose] public section

noncomputable section

namespace Zkvm.Air.V2.Exec

open Zkvm.Field Zkvm.Air.Table

/-- **Who receives a CPU request, with the row's table**: a CPU row with f_exec sends an EXEC
message that a real row of one of the coprocessor tables receives (`exec_receiver` without the
table's membership). -/
theorem request_receiver {T : Tables} (hok : T.Ok) (hlk : T.Looks) (hbal : ExecBalanced T)
    {r : Row BabyBear} (hr : r ∈ T.cpu) (hx : r Cpu.Col.fExec = 1) :
    (∃ r' ∈ T.alu, Alu.real r' = 1 ∧ Cpu.execMsg r = Alu.execMsg r') ∨
    (∃ r' ∈ T.logic, Logic.real r' = 1 ∧ Cpu.execMsg r = Logic.execMsg r') ∨
    (∃ r' ∈ T.mul, Mul.real r' = 1 ∧ Cpu.execMsg r = Mul.execMsg r') ∨
    (∃ r' ∈ T.div, Div.real r' = 1 ∧ Cpu.execMsg r = Div.execMsg r') ∨
    (∃ r' ∈ T.mem, Mem.real r' = 1 ∧ Cpu.execMsg r = Mem.execMsg r') ∨
    (∃ r' ∈ T.sys, Syscall.real r' = 1 ∧ Cpu.execMsg r = Syscall.execMsg r') := by
  have hin : (Cpu.execMsg r).fields ∈ T.sent :=
    Tables.sent_of (f := ⟨r Cpu.Col.fExec, (Cpu.execMsg r).fields⟩)
      (Tables.of_cpu hr (List.mem_of_getElem? (l := Cpu.fractions r) (i := 13) rfl)) hx
  have hrc : (Cpu.execMsg r).fields ∈ T.rcvd := by
    have := hbal (Cpu.execMsg r).fields rfl
    rw [← List.count_pos_iff] at hin ⊢
    omega
  obtain ⟨f, hf, hfe⟩ := List.mem_map.mp hrc
  obtain ⟨hf, h1⟩ := List.mem_filter.mp hf
  simp only [decide_eq_true_eq] at h1
  have hh : f.fields.head? = some 10 := by rw [hfe]; rfl
  simp only [Tables.fractions, List.mem_append, List.mem_flatMap, or_assoc] at hf
  rcases hf with ⟨r', hr', hf⟩ | ⟨r', hr', hf⟩ | ⟨r', hr', hf⟩ | ⟨r', hr', hf⟩ | ⟨r', hr', hf⟩ |
    ⟨r', hr', hf⟩ | ⟨r', hr', hf⟩ | ⟨r', hr', hf⟩ | ⟨r', hr', hf⟩ | ⟨r', hr', hf⟩ | ⟨r', hr', hf⟩
  · have e := cpu_exec_only r' f hf hh
    subst e
    simp only at h1
    rcases hlk.cpu r' hr' with h | h <;> rw [h] at h1 <;> exact absurd h1 (by decide)
  · have e := alu_exec_only r' f hf hh; subst e
    exact Or.inl ⟨r', hr', by simp only at h1; grind, Msg.fields_inj hfe.symm⟩
  · have e := logic_exec_only r' f hf hh; subst e
    exact Or.inr <| Or.inl ⟨r', hr', by simp only at h1; grind, Msg.fields_inj hfe.symm⟩
  · have e := mul_exec_only r' f hf hh; subst e
    exact Or.inr <| Or.inr <| Or.inl ⟨r', hr', by simp only at h1; grind, Msg.fields_inj hfe.symm⟩
  · have e := div_exec_only r' f hf hh; subst e
    exact Or.inr <| Or.inr <| Or.inr <| Or.inl
      ⟨r', hr', by simp only at h1; grind, Msg.fields_inj hfe.symm⟩
  · have e := mem_exec_only r' f hf hh; subst e
    exact Or.inr <| Or.inr <| Or.inr <| Or.inr <| Or.inl
      ⟨r', hr', by simp only at h1; grind, Msg.fields_inj hfe.symm⟩
  · have e := syscall_exec_only r' f hf hh; subst e
    exact Or.inr <| Or.inr <| Or.inr <| Or.inr <| Or.inr
      ⟨r', hr', by simp only at h1; grind, Msg.fields_inj hfe.symm⟩
  · exact absurd hh (io_no_exec (hok.io r' hr') f hf)
  · exact absurd hh (range_no_exec r' f hf)
  · exact absurd hh (private_no_exec r' f hf)
  · exact absurd hh (boundary_no_exec r' f hf)

/-- **A load's or store's request is received by a MEM row**: a CPU row with f_exec whose op is
10 … 17 sends an EXEC message that a real row of the MEM table receives (every other
coprocessor's op field is outside 10 … 17). -/
theorem mem_receiver {T : Tables} (hok : T.Ok) (hlk : T.Looks) (hbal : ExecBalanced T)
    {r : Row BabyBear} (hr : r ∈ T.cpu) (hx : r Cpu.Col.fExec = 1)
    (h10 : 10 ≤ (r Cpu.Col.op).val) (h17 : (r Cpu.Col.op).val ≤ 17) :
    ∃ rm ∈ T.mem, Mem.real rm = 1 ∧ Cpu.execMsg r = Mem.execMsg rm := by
  rcases request_receiver hok hlk hbal hr hx with ⟨r', hr', hreal, he⟩ | ⟨r', hr', hreal, he⟩ |
    ⟨r', hr', hreal, he⟩ | ⟨r', hr', hreal, he⟩ | h | ⟨r', hr', hreal, he⟩
  · have := Alu.op_cases (hok.alu r' hr') hreal
    simp only [Cpu.execMsg, Alu.execMsg, Msg.mk.injEq] at he
    rw [he.1] at h10 h17; omega
  · have := Logic.op_cases (hok.logic r' hr') hreal
    simp only [Cpu.execMsg, Logic.execMsg, Msg.mk.injEq] at he
    rw [he.1] at h10 h17; omega
  · have := Mul.op_cases (hok.mul r' hr') hreal
    simp only [Cpu.execMsg, Mul.execMsg, Msg.mk.injEq] at he
    rw [he.1] at h10 h17; omega
  · have := Div.op_cases (hok.div r' hr') hreal
    simp only [Cpu.execMsg, Div.execMsg, Msg.mk.injEq] at he
    rw [he.1] at h10 h17; omega
  · exact h
  · simp only [Cpu.execMsg, Syscall.execMsg, Msg.mk.injEq] at he
    rw [he.1] at h17; exact absurd h17 (by decide)

/-- **An ECALL's request is received by a SYSCALL row**: a CPU row with f_exec whose op is 36
sends an EXEC message that a real row of the SYSCALL table receives (every other coprocessor's
op field differs from 36). -/
theorem syscall_receiver {T : Tables} (hok : T.Ok) (hlk : T.Looks) (hbal : ExecBalanced T)
    {r : Row BabyBear} (hr : r ∈ T.cpu) (hx : r Cpu.Col.fExec = 1)
    (h36 : (r Cpu.Col.op).val = 36) :
    ∃ rs ∈ T.sys, Syscall.real rs = 1 ∧ Cpu.execMsg r = Syscall.execMsg rs := by
  rcases request_receiver hok hlk hbal hr hx with ⟨r', hr', hreal, he⟩ | ⟨r', hr', hreal, he⟩ |
    ⟨r', hr', hreal, he⟩ | ⟨r', hr', hreal, he⟩ | ⟨r', hr', hreal, he⟩ | h
  · have := Alu.op_cases (hok.alu r' hr') hreal
    simp only [Cpu.execMsg, Alu.execMsg, Msg.mk.injEq] at he
    rw [he.1] at h36; omega
  · have := Logic.op_cases (hok.logic r' hr') hreal
    simp only [Cpu.execMsg, Logic.execMsg, Msg.mk.injEq] at he
    rw [he.1] at h36; omega
  · have := Mul.op_cases (hok.mul r' hr') hreal
    simp only [Cpu.execMsg, Mul.execMsg, Msg.mk.injEq] at he
    rw [he.1] at h36; omega
  · have := Div.op_cases (hok.div r' hr') hreal
    simp only [Cpu.execMsg, Div.execMsg, Msg.mk.injEq] at he
    rw [he.1] at h36; omega
  · have := Mem.op_cases (hok.mem r' hr') hreal
    simp only [Cpu.execMsg, Mem.execMsg, Msg.mk.injEq] at he
    rw [he.1] at h36; omega
  · exact h

end Zkvm.Air.V2.Exec

namespace Zkvm.Air.V2.Run

open Zkvm.Field Zkvm.RiscV Zkvm.Air.Table Zkvm.Air.Memory
open Zkvm.Air.V2.Exec (Tables ExecBalanced IoBalanced)

/-- **Who accesses memory at a port-3 time**: an access of the MEM, SYSCALL or IO rows belongs to
a CPU row with f_exec at the same clk, a load or store whose request a real MEM row with that
access receives, or an ECALL. -/
theorem port3_owner {T : Tables} (hok : T.Ok) (hbal : ExecBalanced T) (hiob : IoBalanced T)
    (hrange : ∀ ri ∈ T.io, Io.real ri = 1 →
      (ri Io.Col.wa).val < 2 ^ 28 ∧ Io.firstPos ri < 2 ^ 30)
    {a : Access Cell Val}
    (h : (∃ rm ∈ T.mem, a ∈ memAccesses rm) ∨ (∃ rs ∈ T.sys, a ∈ syscallAccesses rs) ∨
      (∃ ri ∈ T.io, a ∈ ioAccesses ri)) :
    ∃ r ∈ T.cpu, r Cpu.Col.fExec = 1 ∧ a.ts = 4 * (r Cpu.Col.clk).val + 1 + 1 + 1 + 1 ∧
      ((10 ≤ (r Cpu.Col.op).val ∧ (r Cpu.Col.op).val ≤ 17 ∧ ∃ rm ∈ T.mem, Mem.real rm = 1 ∧
        Exec.Cpu.execMsg r = Exec.Mem.execMsg rm ∧ a = memAccess rm) ∨
        (r Cpu.Col.op).val = 36) := by
  -- an ECALL's SYSCALL row at clk c: its CPU row
  have ecall : ∀ rs ∈ T.sys, Syscall.real rs = 1 →
      a.ts = 4 * (rs Syscall.Col.clk).val + 1 + 1 + 1 + 1 →
      ∃ r ∈ T.cpu, r Cpu.Col.fExec = 1 ∧ a.ts = 4 * (r Cpu.Col.clk).val + 1 + 1 + 1 + 1 ∧
        ((10 ≤ (r Cpu.Col.op).val ∧ (r Cpu.Col.op).val ≤ 17 ∧ ∃ rm ∈ T.mem, Mem.real rm = 1 ∧
          Exec.Cpu.execMsg r = Exec.Mem.execMsg rm ∧ a = memAccess rm) ∨
          (r Cpu.Col.op).val = 36) := by
    intro rs hrs hreal ht
    obtain ⟨r, hr, hx, h36, hc, -⟩ := Exec.syscall_answers_cpu hok hbal hrs hreal
    exact ⟨r, hr, hx, by rw [ht, hc], Or.inr h36⟩
  rcases h with ⟨rm, hrm, ha⟩ | ⟨rs, hrs, ha⟩ | ⟨ri, hri, ha⟩
  · unfold memAccesses at ha
    split at ha
    · rename_i hreal
      simp only [List.mem_singleton] at ha
      subst ha
      obtain ⟨r, hr, hx, he⟩ := Exec.mem_answers_cpu hok hbal hrm hreal
      have he' := Exec.Msg.fields_inj he
      have hop := Mem.op_cases (hok.mem rm hrm) hreal
      simp only [Exec.Cpu.execMsg, Exec.Mem.execMsg, Exec.Msg.mk.injEq] at he'
      refine ⟨r, hr, hx, by simp only [memAccess]; rw [he'.2.1], Or.inl ⟨?_, ?_, rm, hrm, hreal,
        Exec.Msg.fields_inj he, rfl⟩⟩ <;> rw [he'.1] <;> omega
    · cases ha
  · obtain ⟨pub, hg⟩ := hok.sys rs hrs
    unfold syscallAccesses at ha
    simp only [List.mem_append] at ha
    rcases ha with (ha | ha) | ha <;> split at ha <;> rename_i hflag <;>
      simp only [List.mem_cons, List.not_mem_nil, or_false] at ha
    all_goals first
      | (rcases ha with rfl | rfl <;>
          exact ecall rs hrs (Exec.syscall_real_of hg (Or.inl hflag)) rfl)
      | (subst ha; exact ecall rs hrs (Exec.syscall_real_of hg (Or.inr (Or.inl hflag))) rfl)
      | (subst ha; exact ecall rs hrs (Exec.syscall_real_of hg (Or.inr (Or.inr hflag))) rfl)
  · unfold ioAccesses at ha
    split at ha
    · rename_i hreal
      simp only [List.mem_singleton] at ha
      subst ha
      obtain ⟨rs, hrs, hmv, hc, -⟩ := Exec.io_row_syscall hok hiob hrange ri hri hreal
      obtain ⟨pub, hg⟩ := hok.sys rs hrs
      exact ecall rs hrs (Exec.syscall_real_of hg (Or.inl hmv)) (by simp only [ioAccess]; rw [hc])
    · cases ha

/-- **Port 3 of a CPU row, from the bus**: over the witness's accesses, a CPU row meets `Port3`
when the EXEC and IO messages balance, no other CPU row with f_exec has its clk, a load or store
row has f_exec (the program row's flag), the real IO rows are in range and no two real MEM rows
receive the same request (`MemOnce`). -/
theorem port3_of_tables {T : Tables} (hok : T.Ok) (hlk : T.Looks) (hbal : ExecBalanced T)
    (hiob : IoBalanced T) (honce : MemOnce T)
    (hrange : ∀ ri ∈ T.io, Io.real ri = 1 →
      (ri Io.Col.wa).val < 2 ^ 28 ∧ Io.firstPos ri < 2 ^ 30)
    {cpu : List (Row BabyBear)} {r : Row BabyBear} (hr : r ∈ T.cpu)
    (hdist : ∀ r' ∈ T.cpu, r' Cpu.Col.fExec = 1 → (r' Cpu.Col.clk).val = (r Cpu.Col.clk).val →
      r' = r)
    (hx : 10 ≤ (r Cpu.Col.op).val → (r Cpu.Col.op).val ≤ 17 → r Cpu.Col.fExec = 1) :
    Port3 (witnessAccs cpu T.mem T.sys T.io) r := by
  -- an access at port-3 time of this row belongs to this row
  have owner : ∀ a ∈ witnessAccs cpu T.mem T.sys T.io,
      a.ts = 4 * (r Cpu.Col.clk).val + 1 + 1 + 1 + 1 →
      (10 ≤ (r Cpu.Col.op).val ∧ (r Cpu.Col.op).val ≤ 17 ∧ ∃ rm ∈ T.mem, Mem.real rm = 1 ∧
        Exec.Cpu.execMsg r = Exec.Mem.execMsg rm ∧ a = memAccess rm) ∨
        (r Cpu.Col.op).val = 36 := by
    intro a ha ht
    rcases mem_witnessAccs ha with ⟨r', -, ha'⟩ | h
    · rcases mem_cpuAccesses ha' with ⟨-, rfl | rfl⟩ | ⟨-, rfl⟩ <;>
        simp only [rs1Access, rs2Access, rdAccess] at ht <;> omega
    · obtain ⟨r', hr', hx', ht', hcase⟩ := port3_owner hok hbal hiob hrange h
      have e := hdist r' hr' hx' (by omega)
      subst e
      exact hcase
  refine ⟨fun hop a ha ht => ?_, fun h10 h17 => ?_⟩
  · rcases owner a ha ht with ⟨h1, h2, -⟩ | h <;> omega
  · obtain ⟨rm, hrm, hreal, he⟩ := Exec.mem_receiver hok hlk hbal hr (hx h10 h17) h10 h17
    refine ⟨rm, hok.mem rm hrm, hlk.mem rm hrm, hreal, he, ?_, fun a ha ht => ?_⟩
    · simp only [witnessAccs, List.mem_append, List.mem_flatMap]
      exact Or.inl (Or.inl (Or.inr ⟨rm, hrm, by simp [memAccesses, hreal]⟩))
    · rcases owner a ha ht with ⟨-, -, rm', hrm', hreal', he', rfl⟩ | h
      · rw [honce rm' hrm' rm hrm hreal' hreal (he'.symm.trans he)]
      · omega

/-- **The accesses at an ECALL row's port 3**: a CPU row running ECALL (op 36, f_exec) has its
request received by a real SYSCALL row, and every access at its time 4 clk + 4 is that SYSCALL
row's or a real IO row's with its clk (no MEM row answers it, and no other SYSCALL row has its
clk), when the EXEC and IO messages balance, no other requesting CPU row has its clk, the real IO
rows are in range and no two real SYSCALL rows receive the same request (`SysOnce`). -/
theorem ecall_port3 {T : Tables} (hok : T.Ok) (hlk : T.Looks) (hbal : ExecBalanced T)
    (hiob : IoBalanced T) (hsys : SysOnce T)
    (hrange : ∀ ri ∈ T.io, Io.real ri = 1 →
      (ri Io.Col.wa).val < 2 ^ 28 ∧ Io.firstPos ri < 2 ^ 30)
    {cpu : List (Row BabyBear)} {r : Row BabyBear} (hr : r ∈ T.cpu)
    (hdist : ∀ r' ∈ T.cpu, r' Cpu.Col.fExec = 1 → (r' Cpu.Col.clk).val = (r Cpu.Col.clk).val →
      r' = r)
    (hx : r Cpu.Col.fExec = 1) (h36 : (r Cpu.Col.op).val = 36) :
    ∃ rs ∈ T.sys, Syscall.real rs = 1 ∧ Exec.Cpu.execMsg r = Exec.Syscall.execMsg rs ∧
      ∀ a ∈ witnessAccs cpu T.mem T.sys T.io, a.ts = 4 * (r Cpu.Col.clk).val + 1 + 1 + 1 + 1 →
        a ∈ syscallAccesses rs ∨
          ∃ ri ∈ T.io, Io.real ri = 1 ∧ ri Io.Col.clk = r Cpu.Col.clk ∧ a = ioAccess ri := by
  obtain ⟨rs, hrs, hreal, he⟩ := Exec.syscall_receiver hok hlk hbal hr hx h36
  refine ⟨rs, hrs, hreal, he, fun a ha ht => ?_⟩
  rcases mem_witnessAccs ha with ⟨r', -, ha'⟩ | ⟨rm, hrm, ha'⟩ | ⟨rs', hrs', ha'⟩ | ⟨ri, hri, ha'⟩
  · rcases mem_cpuAccesses ha' with ⟨-, rfl | rfl⟩ | ⟨-, rfl⟩ <;>
      simp only [rs1Access, rs2Access, rdAccess] at ht <;> omega
  · -- a MEM row at this time answers this row, whose op would be a load's or store's
    exfalso
    unfold memAccesses at ha'
    split at ha'
    · rename_i hrealm
      simp only [List.mem_singleton] at ha'
      subst ha'
      obtain ⟨r', hr', hx', hfe⟩ := Exec.mem_answers_cpu hok hbal hrm hrealm
      have he' := Exec.Msg.fields_inj hfe
      have hop := Mem.op_cases (hok.mem rm hrm) hrealm
      simp only [Exec.Cpu.execMsg, Exec.Mem.execMsg, Exec.Msg.mk.injEq] at he'
      have e := hdist r' hr' hx' (by simp only [memAccess] at ht; rw [he'.2.1]; omega)
      subst e
      rw [he'.1] at h36; omega
    · cases ha'
  · -- a SYSCALL row at this time answers this row: it is rs
    obtain ⟨pub, hg⟩ := hok.sys rs' hrs'
    have hreal' : Syscall.real rs' = 1 ∧ a.ts = 4 * (rs' Syscall.Col.clk).val + 1 + 1 + 1 + 1 := by
      unfold syscallAccesses at ha'
      simp only [List.mem_append] at ha'
      rcases ha' with (ha' | ha') | ha' <;> split at ha' <;> rename_i hflag <;>
        simp only [List.mem_cons, List.not_mem_nil, or_false] at ha'
      all_goals first
        | (rcases ha' with rfl | rfl <;>
            exact ⟨Exec.syscall_real_of hg (Or.inl hflag), rfl⟩)
        | (subst ha'; exact ⟨Exec.syscall_real_of hg (Or.inr (Or.inl hflag)), rfl⟩)
        | (subst ha'; exact ⟨Exec.syscall_real_of hg (Or.inr (Or.inr hflag)), rfl⟩)
    obtain ⟨r', hr', hx', -, hc, hm⟩ := Exec.syscall_answers_cpu hok hbal hrs' hreal'.1
    have e := hdist r' hr' hx' (by rw [hc]; omega)
    subst e
    rw [hsys rs' hrs' rs hrs hreal'.1 hreal (hm.symm.trans he)] at ha'
    exact Or.inl ha'
  · unfold ioAccesses at ha'
    split at ha'
    · rename_i hrealio
      simp only [List.mem_singleton] at ha'
      subst ha'
      refine Or.inr ⟨ri, hri, hrealio, BabyBear.ext ?_, rfl⟩
      simp only [ioAccess] at ht; omega
    · cases ha'

/-- **A load or store row has f_exec**: a row running an instruction with op 10 … 17 runs a load
or a store, whose program row has f_exec. -/
theorem exec_of_mem_op {w : Window BabyBear} (hg : Cpu.Groups w) {pc : Word} {i : Instr}
    (h : Step.Runs w.cur pc i) (h10 : 10 ≤ (w.cur Cpu.Col.op).val)
    (h17 : (w.cur Cpu.Col.op).val ≤ 17) : w.cur Cpu.Col.fExec = 1 := by
  cases i
  case load wd rd' rs1' off =>
    obtain ⟨row, hrow, hp⟩ := h
    have hrow' := hrow
    simp only [Spec.programRow, Option.some.injEq] at hrow'
    have := Step.loadOp_range wd
    exact exec_on hg ⟨row, hrow, hp⟩ hrow (flagExec_of_range
      (by rw [← hrow']; dsimp only; omega) (by rw [← hrow']; dsimp only; omega))
  case store wd rs1' rs2' off =>
    obtain ⟨row, hrow, hp⟩ := h
    have hrow' := hrow
    simp only [Spec.programRow, Option.some.injEq] at hrow'
    have := Step.storeOp_range wd
    exact exec_on hg ⟨row, hrow, hp⟩ hrow (flagExec_of_range
      (by rw [← hrow']; dsimp only; omega) (by rw [← hrow']; dsimp only; omega))
  case ecall => have := ecall_op h; omega
  case ebreak => exact absurd h (Step.ebreak_no_row _ _)
  all_goals (have := regOnly_op h trivial; omega)

/-- A row running ECALL has f_exec (its program row's flag). -/
theorem exec_of_ecall {w : Window BabyBear} (hg : Cpu.Groups w) {pc : Word} {i : Instr}
    (h : Step.Runs w.cur pc i) (h36 : (w.cur Cpu.Col.op).val = 36) : w.cur Cpu.Col.fExec = 1 := by
  have hi := ecall_of_op h h36
  subst hi
  exact exec_on hg h rfl (flagExec_of_range (by dsimp only; decide) (by dsimp only; decide))

/-- In a run whose requesting CPU rows are its rows, a row's clk identifies it among them. -/
theorem dist_of_run {T : Tables} {wins : Nat → Window BabyBear} {N : Nat}
    (hrows : CpuRows wins 0 N)
    (hreq : ∀ r ∈ T.cpu, r Cpu.Col.fExec = 1 → ∃ m < N, r = (wins m).cur) {n : Nat} (hn : n < N) :
    ∀ r' ∈ T.cpu, r' Cpu.Col.fExec = 1 →
      (r' Cpu.Col.clk).val = ((wins n).cur Cpu.Col.clk).val → r' = (wins n).cur := by
  intro r' hr' hx hc
  obtain ⟨m, hm, rfl⟩ := hreq r' hr' hx
  rw [hrows.clk m hm, hrows.clk n hn] at hc
  rw [show m = n by omega]

/-- **Port 3 of every row of a run, from the bus**: with the run's rows in the CPU table and every
CPU row with f_exec one of them, each row meets `Port3` over the witness's accesses (the run
theorems' `hport3`), when the EXEC and IO messages balance, the requesting rows appear once
(distinct clks), and the real IO rows are in range. -/
theorem port3_of_run {T : Tables} (hok : T.Ok) (hlk : T.Looks) (hbal : ExecBalanced T)
    (hiob : IoBalanced T)
    (hnd : ((T.cpu.filter fun r => decide (r Cpu.Col.fExec = 1)).map (· Cpu.Col.clk)).Nodup)
    (hrange : ∀ ri ∈ T.io, Io.real ri = 1 →
      (ri Io.Col.wa).val < 2 ^ 28 ∧ Io.firstPos ri < 2 ^ 30)
    {wins : Nat → Window BabyBear} {N : Nat} (hrows : CpuRows wins 0 N)
    (hin : ∀ n < N, (wins n).cur ∈ T.cpu)
    (hreq : ∀ r ∈ T.cpu, r Cpu.Col.fExec = 1 → ∃ m < N, r = (wins m).cur)
    {code : List (UInt32 × UInt32)} (hcode : ∀ p ∈ code, p.1.toNat < 2 ^ 30)
    (hprog : ∀ n < N, Step.progMsg ((wins n).cur) ∈ Step.progTable code)
    {cpu : List (Row BabyBear)} :
    ∀ n < N, Port3 (witnessAccs cpu T.mem T.sys T.io) (wins n).cur := by
  intro n hn
  apply port3_of_tables hok hlk hbal hiob (Exec.memOnce_of_bus hok hbal hnd) hrange (hin n hn)
    (dist_of_run hrows hreq hn)
  intro h10 h17
  obtain ⟨p, -, i, -, hruns, -⟩ := Step.runs_of_prog code hcode (hprog n hn)
  exact exec_of_mem_op (hrows.groups n hn) hruns h10 h17

end Zkvm.Air.V2.Run

end
