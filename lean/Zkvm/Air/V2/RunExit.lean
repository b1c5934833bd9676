module

public import Zkvm.Air.V2.RunPort3
public import Zkvm.Air.V2.RunCausal

/-!
# The last row's port 3 and the time bound of a run's accesses, from the bus

`run_io` takes two facts about the end of a run over the witness's accesses: every access is
before time `4N + 1` (`hafter`), and every access at the last row's port-3 time
`4(N − 1) + 4` leaves its cell unchanged (`hexit4`: the exit ECALL writes nothing). Both follow
from the bus:

* `after_of_bus`: every access is at most at `4N` (`witness_ts_le`: the CPU rows' ports, and every
  MEM, SYSCALL and IO access at a requesting run row's port 3);
* `exit_row_of_a`: a real SYSCALL row whose a is 93 or 94 is an exit row: it moves no bytes and
  its cursor access keeps the cursor (`num_read`, `num_write`, `cur_exit`);
* `exit4_of_bus`: at the exit row's port 3 the only accesses are its SYSCALL row's (`ecall_port3`),
  whose a is the CPU row's a7 (93 or 94), so it reads the input cursor and the output cursor and
  writes them back unchanged; no IO row has its clk, since an IO row carries a moving SYSCALL
  row's clk (`io_row_syscall`) and that row would answer the same request (`SysOnce`).
-/

@[expose] public section

noncomputable section

namespace Zkvm.Air.V2.Run

open Zkvm.Field Zkvm.Air.Table Zkvm.Air.Memory
open Zkvm.Air.V2.Exec (Tables ExecBalanced IoBalanced)

/-- **A real SYSCALL row whose a is 93 or 94 is an exit row**: it moves no bytes and its cursor
access keeps the cursor. -/
theorem exit_row_of_a {rs pub : Row BabyBear} (hg : Syscall.Groups rs pub)
    (hreal : Syscall.real rs = 1)
    (ha : (rs Syscall.Col.aLo).val = 93 ∨ (rs Syscall.Col.aLo).val = 94) :
    rs Syscall.Col.fExit = 1 ∧ Syscall.moves rs = 0 ∧
      rs Syscall.Col.curNew = rs Syscall.Col.cur := by
  have hr := hg.num_read
  have hw := hg.num_write
  have hc := hg.cur_exit
  have ha' : rs Syscall.Col.aLo = 93 ∨ rs Syscall.Col.aLo = 94 := by
    rcases ha with h | h
    · exact Or.inl (BabyBear.ext (by rw [h]; rfl))
    · exact Or.inr (BabyBear.ext (by rw [h]; rfl))
  have hread : rs Syscall.Col.fRead = 0 := by
    rcases ha' with h | h <;> rw [h] at hr <;>
      rcases eq_zero_or_eq_zero_of_mul_eq_zero hr with h' | h' <;>
      first | exact h' | exact absurd h' (by decide)
  have hwrite : rs Syscall.Col.fWrite = 0 := by
    rcases ha' with h | h <;> rw [h] at hw <;>
      rcases eq_zero_or_eq_zero_of_mul_eq_zero hw with h' | h' <;>
      first | exact h' | exact absurd h' (by decide)
  have hexit : rs Syscall.Col.fExit = 1 := by
    unfold Syscall.real at hreal
    rw [hread, hwrite] at hreal
    grind
  refine ⟨hexit, by unfold Syscall.moves; rw [hread, hwrite]; grind, ?_⟩
  rw [hexit, Lean.Grind.Semiring.one_mul] at hc
  exact eq_of_sub_eq_zero hc

/-- **Every access of a run's witness is before time 4N + 1** (`run_io`'s `hafter`). -/
theorem after_of_bus {T : Tables} (hok : T.Ok) (hexec : ExecBalanced T) (hiob : IoBalanced T)
    (hrange : ∀ ri ∈ T.io, Io.real ri = 1 →
      (ri Io.Col.wa).val < 2 ^ 28 ∧ Io.firstPos ri < 2 ^ 30)
    {wins : Nat → Window BabyBear} {N : Nat} (hrows : CpuRows wins 0 N)
    (hreq : ∀ r ∈ T.cpu, r Cpu.Col.fExec = 1 → ∃ m < N, r = (wins m).cur) :
    ∀ a ∈ witnessAccs ((List.range N).map fun m => (wins m).cur) T.mem T.sys T.io,
      a.ts < 4 * N + 1 :=
  fun a ha => Nat.lt_succ_of_le (witness_ts_le hok hexec hiob hrange hrows hreq a ha)

/-- **The exit row writes nothing** (`run_io`'s `hexit4`): when the last row of a run runs ECALL
with f_exec and a7 = 93 or 94, every access at its port-3 time `4(N − 1) + 4` writes back what
it read, when the EXEC and IO messages balance, the requesting rows' clks are distinct and the
real IO rows are in range. -/
theorem exit4_of_bus {T : Tables} (hok : T.Ok) (hlk : T.Looks) (hexec : ExecBalanced T)
    (hiob : IoBalanced T)
    (hnd : ((T.cpu.filter fun r => decide (r Cpu.Col.fExec = 1)).map (· Cpu.Col.clk)).Nodup)
    (hrange : ∀ ri ∈ T.io, Io.real ri = 1 →
      (ri Io.Col.wa).val < 2 ^ 28 ∧ Io.firstPos ri < 2 ^ 30)
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
  obtain ⟨rs, hrs, hreal, he, hacc⟩ := ecall_port3 hok hlk hexec hiob hsys hrange
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
    obtain ⟨rs', hrs', hmv', hclk', -⟩ := Exec.io_row_syscall hok hiob hrange ri hri hreali
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
