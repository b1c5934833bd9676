module

public import Zkvm.Air.V2.StepMem
public import Zkvm.Air.V2.SyscallSound

/-!
# The whole step of an exit ECALL

ECALL's request (op 36) goes to the SYSCALL table (`syscall_receiver`). When a7 is 93 or 94
(exit, exit_group), the SYSCALL row that receives it is an exit row (a read or write row checks
a7 = 63 or 64), which proves that c = a0: the CPU writes a0 back unchanged, and the semantics
halts with exit code a0 (`ecall_exit_step`). Together with `BusLookups.exit_sound` (the
statement's exit is a halting row's EXIT(a0, cycles)) this ties the claimed exit code to the
semantics' exit. Reads and writes, which move bytes through the IO rows, are not joined here.
-/

@[expose] public section

noncomputable section

namespace Zkvm.Air.V2.Step

open Zkvm.Field Zkvm.RiscV Zkvm.Air.Table Zkvm.Air.V2.Cpu Zkvm.Air.V2.Cpu.Col

/-- **ECALL goes to SYSCALL**: a received request with op 36 is a real SYSCALL row's. -/
theorem syscall_receiver {m : Exec.Msg} (h : Exec.Receives m) (hop : m.op.val = 36) :
    ∃ rs pub, Syscall.Groups rs pub ∧ Syscall.Lookups rs ∧ Syscall.real rs = 1 ∧
      m = Exec.Syscall.execMsg rs := by
  cases h with
  | alu r hg hl hreal he =>
    subst he; simp only [Exec.Alu.execMsg] at hop; exfalso; alu_omega hg hreal
  | logic r hg hl hreal he =>
    subst he; simp only [Exec.Logic.execMsg] at hop; exfalso; logic_omega hg hreal
  | mul r hg hl hreal he =>
    subst he; simp only [Exec.Mul.execMsg] at hop; exfalso; mul_omega hg hreal
  | div r hg hl hreal he =>
    subst he; simp only [Exec.Div.execMsg] at hop; exfalso; div_omega hg hreal
  | mem r hg hl hreal he =>
    subst he; simp only [Exec.Mem.execMsg] at hop; exfalso; mem_omega hg hreal
  | syscall r pub hg hl hreal he => exact ⟨r, pub, hg, hl, hreal, he⟩

variable {w : Window BabyBear} {s : State}

/-- **Exit ECALL**: a CPU row running ECALL in a state whose a7 is 93 or 94, joined with the
SYSCALL row that receives its request, writes a0 back unchanged, and the semantics halts with
exit code a0. -/
theorem ecall_exit_step (hg : Groups w) (hruns : Runs w.cur s.pc .ecall) (hreads : Reads w.cur s)
    (hrecv : Exec.Receives (Exec.Cpu.execMsg w.cur))
    (h93 : (s.reg 17).toNat = 93 ∨ (s.reg 17).toNat = 94) :
    execute s .ecall = .ok { s with exitCode := some (s.reg 10) } ∧ cWord w.cur = s.reg 10 := by
  obtain ⟨row, hrow, hp⟩ := hruns
  simp only [Spec.programRow, Option.some.injEq] at hrow
  subst hrow
  obtain ⟨-, hop, hrs1, hrs2, -, hlo, hhi, -, -, -, -⟩ := prog_fields hp
  dsimp only at hop hrs1 hrs2 hlo hhi
  simp only [Spec.execOp, if_neg (by decide : ¬ (0 : UInt32) = 1)] at hop
  rw [if_pos rfl] at hrs1
  have e17 : felt 17 = felt (Spec.reg 17) := rfl
  have e10 : felt 10 = felt (Spec.reg 10) := rfl
  rw [e17] at hrs1
  rw [e10] at hrs2
  obtain ⟨hb, ha, hbw⟩ := operands hreads hrs1 hrs2 hlo hhi
  have hv : (Exec.Cpu.execMsg w.cur).op.val = 36 := by
    show (w.cur op).val = 36; rw [hop]; rfl
  obtain ⟨rs, pub, hgs, -, hreal, he⟩ := syscall_receiver hrecv hv
  rw [he] at hb ha hbw
  have ha' : s.reg 17 = Syscall.aWord rs := ha.symm
  have hb' : s.reg 10 = Syscall.bWord rs := hbw.symm
  -- the row is an exit row: a read or a write row checks a7 = 63 or 64
  have a0 : (rs Syscall.Col.aLo).val < 2 ^ 16 := hb.a_lo
  have a1 : (rs Syscall.Col.aHi).val < 2 ^ 16 := hb.a_hi
  have hw : (s.reg 17).toNat = (rs Syscall.Col.aLo).val + 2 ^ 16 * (rs Syscall.Col.aHi).val := by
    rw [ha']; exact WordLimbs.toNat_ofFelts a0 a1
  have hlo17 : (rs Syscall.Col.aLo).val = 93 ∨ (rs Syscall.Col.aLo).val = 94 := by omega
  have hex : rs Syscall.Col.fExit = 1 := by
    have hr := hgs.num_read
    have hw := hgs.num_write
    rcases Syscall.bool_cases hgs.bool_read with h1 | h1
    · rcases Syscall.bool_cases hgs.bool_write with h2 | h2
      · have := hreal; unfold Syscall.real at this; rw [h1, h2] at this; grind
      · rw [h2, Lean.Grind.Semiring.one_mul] at hw
        have e : rs Syscall.Col.aLo = 64 := eq_of_sub_eq_zero hw
        rw [e] at hlo17; exfalso; revert hlo17; decide
    · rw [h1, Lean.Grind.Semiring.one_mul] at hr
      have e : rs Syscall.Col.aLo = 63 := eq_of_sub_eq_zero hr
      rw [e] at hlo17; exfalso; revert hlo17; decide
  obtain ⟨hstep, hc⟩ := Syscall.exit_step hgs a0 a1 hex ha' hb'
  refine ⟨hstep, ?_⟩
  have hcw : cWord w.cur = Syscall.cWord rs := by
    show (Exec.Cpu.execMsg w.cur).c = _; rw [he]; rfl
  rw [hcw, hc]

end Zkvm.Air.V2.Step

end
