module

public import Zkvm.Air.V2.RunExit
public import Zkvm.Air.V2.RunIoRange

/-!
# Port 3 and the exit row without the IO rows' range

`port3_of_tables`, `ecall_port3`, `port3_of_run` (RunPort3.lean), `after_of_bus` and
`exit4_of_bus` (RunExit.lean) take `hrange` only to know that every real IO row works for a
moving SYSCALL row (`io_row_syscall`) or through `port3_owner` and `witness_ts_le`. Here they take
fewer than p / 4 IO rows instead (`io_row_syscall'`, RunIoRange.lean's `port3_owner'` and
`witness_ts_le'`; `ecall_port3` did not use it at all). With `causal_of_bus'` and `hts_of_witness'` (RunIoRange.lean), every use of
`hrange` in `run_of_bus` is replaced but the ECALL joins' (`writeJoins_of_run`,
`readJoins_of_run`), whose `WriteJoin`, `ReadJoin` and `Read3Join` carry `Io.firstPos ri < 2^30` per IO row.
-/

@[expose] public section

noncomputable section

namespace Zkvm.Air.V2.Run

open Zkvm.Field Zkvm.RiscV Zkvm.Air.Table Zkvm.Air.Memory
open Zkvm.Air.V2.Exec (Tables ExecBalanced IoBalanced)

/-- **Port 3 of a CPU row, from the bus**: over the witness's accesses, a CPU row meets `Port3`
when the EXEC and IO messages balance, no other CPU row with f_exec has its clk, a load or store
row has f_exec (the program row's flag), there are fewer than p / 4 IO rows and no two real MEM rows
receive the same request (`MemOnce`). -/
theorem port3_of_tables' {T : Tables} (hok : T.Ok) (hlk : T.Looks) (hbal : ExecBalanced T)
    (hiob : IoBalanced T) (honce : MemOnce T)
    (hio : 4 * T.io.length < 2013265921)
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
    · obtain ⟨r', hr', hx', ht', hcase⟩ := port3_owner' hok hbal hiob hio h
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
theorem ecall_port3' {T : Tables} (hok : T.Ok) (hlk : T.Looks) (hbal : ExecBalanced T)
    (hiob : IoBalanced T) (hsys : SysOnce T)
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

/-- **Port 3 of every row of a run, from the bus**: with the run's rows in the CPU table and every
CPU row with f_exec one of them, each row meets `Port3` over the witness's accesses (the run
theorems' `hport3`), when the EXEC and IO messages balance, the requesting rows appear once
(distinct clks), and there are fewer than p / 4 IO rows. -/
theorem port3_of_run' {T : Tables} (hok : T.Ok) (hlk : T.Looks) (hbal : ExecBalanced T)
    (hiob : IoBalanced T)
    (hnd : ((T.cpu.filter fun r => decide (r Cpu.Col.fExec = 1)).map (· Cpu.Col.clk)).Nodup)
    (hio : 4 * T.io.length < 2013265921)
    {wins : Nat → Window BabyBear} {N : Nat} (hrows : CpuRows wins 0 N)
    (hin : ∀ n < N, (wins n).cur ∈ T.cpu)
    (hreq : ∀ r ∈ T.cpu, r Cpu.Col.fExec = 1 → ∃ m < N, r = (wins m).cur)
    {code : List (UInt32 × UInt32)} (hcode : ∀ p ∈ code, p.1.toNat < 2 ^ 30)
    (hprog : ∀ n < N, Step.progMsg ((wins n).cur) ∈ Step.progTable code)
    {cpu : List (Row BabyBear)} :
    ∀ n < N, Port3 (witnessAccs cpu T.mem T.sys T.io) (wins n).cur := by
  intro n hn
  apply port3_of_tables' hok hlk hbal hiob (Exec.memOnce_of_bus hok hbal hnd) hio (hin n hn)
    (dist_of_run hrows hreq hn)
  intro h10 h17
  obtain ⟨p, -, i, -, hruns, -⟩ := Step.runs_of_prog code hcode (hprog n hn)
  exact exec_of_mem_op (hrows.groups n hn) hruns h10 h17

/-- **Every access of a run's witness is before time 4N + 1** (`run_io`'s `hafter`). -/
theorem after_of_bus' {T : Tables} (hok : T.Ok) (hexec : ExecBalanced T) (hiob : IoBalanced T)
    (hio : 4 * T.io.length < 2013265921)
    {wins : Nat → Window BabyBear} {N : Nat} (hrows : CpuRows wins 0 N)
    (hreq : ∀ r ∈ T.cpu, r Cpu.Col.fExec = 1 → ∃ m < N, r = (wins m).cur) :
    ∀ a ∈ witnessAccs ((List.range N).map fun m => (wins m).cur) T.mem T.sys T.io,
      a.ts < 4 * N + 1 :=
  fun a ha => Nat.lt_succ_of_le (witness_ts_le' hok hexec hiob hio hrows hreq a ha)

/-- **The exit row writes nothing** (`run_io`'s `hexit4`): when the last row of a run runs ECALL
with f_exec and a7 = 93 or 94, every access at its port-3 time `4(N − 1) + 4` writes back what
it read, when the EXEC and IO messages balance, the requesting rows' clks are distinct and the
real IO rows are in range. -/
theorem exit4_of_bus' {T : Tables} (hok : T.Ok) (hlk : T.Looks) (hexec : ExecBalanced T)
    (hiob : IoBalanced T)
    (hnd : ((T.cpu.filter fun r => decide (r Cpu.Col.fExec = 1)).map (· Cpu.Col.clk)).Nodup)
    (hio : 4 * T.io.length < 2013265921)
    {wins : Nat → Window BabyBear} {N : Nat} (hrows : CpuRows wins 0 N) (hN : 0 < N)
    (hin : ∀ n < N, (wins n).cur ∈ T.cpu)
    (hreq : ∀ r ∈ T.cpu, r Cpu.Col.fExec = 1 → ∃ m < N, r = (wins m).cur)
    (hx : (wins (N - 1)).cur Cpu.Col.fExec = 1) (h36 : ((wins (N - 1)).cur Cpu.Col.op).val = 36)
    (ha7 : ((wins (N - 1)).cur Cpu.Col.aLo).val = 93 ∨ ((wins (N - 1)).cur Cpu.Col.aLo).val = 94)
    {cpu : List (Row BabyBear)} :
    ∀ a ∈ witnessAccs cpu T.mem T.sys T.io, a.ts = 4 * (N - 1) + 1 + 1 + 1 + 1 →
      a.write = a.read := by
  intro a ha ht
  have hdist := dist_of_run hrows hreq (n := N - 1) (by omega)
  have hsys := Exec.sysOnce_of_bus hok hexec hnd
  have hclk := hrows.clk (N - 1) (by omega)
  obtain ⟨rs, hrs, hreal, he, hacc⟩ := ecall_port3' hok hlk hexec hiob hsys
    (hin (N - 1) (by omega)) hdist hx h36
  obtain ⟨pub, hg⟩ := hok.sys rs hrs
  have he' := he
  simp only [Exec.Cpu.execMsg, Exec.Syscall.execMsg, Exec.Msg.mk.injEq] at he'
  have haLo : (rs Syscall.Col.aLo).val = 93 ∨ (rs Syscall.Col.aLo).val = 94 := by
    rw [← he'.2.2.1]; exact ha7
  obtain ⟨hex, hmv, hcur⟩ := exit_row_of_a hg hreal haLo
  rcases hacc a ha (by rw [hclk]; omega) with hsa | ⟨ri, hri, hreali, hclki, rfl⟩
  · unfold syscallAccesses at hsa
    rw [hmv, if_neg (by decide), hex, if_pos rfl] at hsa
    simp only [List.nil_append, List.mem_append, List.mem_singleton] at hsa
    rcases hsa with hsa | rfl
    · split at hsa
      · simp only [List.mem_singleton] at hsa
        subst hsa
        simp only [curAccess, hcur]
      · cases hsa
    · rfl
  · -- an IO row at this clk would carry a moving SYSCALL row answering the same request
    exfalso
    obtain ⟨rs', hrs', hmv', hclk', -⟩ := Exec.io_row_syscall' hok hiob hio ri hri hreali
    obtain ⟨pub', hg'⟩ := hok.sys rs' hrs'
    have hreal' := Exec.syscall_real_of hg' (Or.inl hmv')
    obtain ⟨r', hr', hx', -, hc', hm'⟩ := Exec.syscall_answers_cpu hok hexec hrs' hreal'
    have e := hdist r' hr' hx' (by rw [hc', hclk', hclki])
    subst e
    have := hsys rs' hrs' rs hrs hreal' hreal (hm'.symm.trans he)
    subst this
    rw [hmv] at hmv'
    exact absurd hmv' (by decide)

end Zkvm.Air.V2.Run

end
