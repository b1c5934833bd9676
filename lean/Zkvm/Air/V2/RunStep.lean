module

public import Zkvm.Air.V2.RunRegs

/-!
# One row of the run: the step of an instruction that only changes registers and the pc

`reg_row_step` puts the whole-step theorems of `Zkvm.Air.V2.Step` (OP, OP-IMM, M, LUI, AUIPC,
JAL, JALR, branches, FENCE) into the one shape the run's induction uses: the semantics'
`execute` gives `s` with the rd register `x` set to the row's c (a no-op for x0: branches and
FENCE name x0) and the pc set to the row's next_pc. With `regs_next` (`RunRegs`), the register
file after the row is what memory holds at the next row's time.

Its EXEC request is received only when the row has f_exec (`hrecv` is conditional on it:
LUI, AUIPC, JAL and FENCE send none); `exec_on` reads f_exec from the program row.
-/

@[expose] public section

noncomputable section

namespace Zkvm.Air.V2.Run

open Zkvm.Field Zkvm.RiscV Zkvm.Air.Table Zkvm.Air.V2.Cpu Zkvm.Air.V2.Cpu.Col
open Zkvm.Air.V2.Exec (felt)
open Zkvm.Air.V2.Step (Runs Reads prog_fields flags_of_packed)

/-- The instructions whose step changes only registers and the pc. -/
def RegOnly : Instr → Prop
  | .load .. | .store .. | .ecall | .ebreak => False
  | _ => True

variable {w : Window BabyBear} {s : State}

theorem reg_inj {x y : Reg} (h : felt (Spec.reg x) = felt (Spec.reg y)) : x = y :=
  regCell_inj (show regCell x = regCell y by simp only [regCell, h])

theorem runs_row {pc : Word} {i : Instr} {row : Spec.ProgramRow} (h : Runs w.cur pc i)
    (hrow : Spec.programRow ⟨pc⟩ i = some row) :
    Step.progMsg w.cur = (Spec.progMessage row).map felt := by
  obtain ⟨row', hrow', hp⟩ := h
  rw [hrow] at hrow'
  cases hrow'
  exact hp

theorem flagExec_of_range {row : Spec.ProgramRow} (h4 : 3 ≤ row.op.toNat)
    (h36 : row.op.toNat ≤ 36) : Spec.flagExec row = true := by
  simp only [Spec.flagExec, Bool.and_eq_true, decide_eq_true_eq]
  refine ⟨⟨⟨?_, ?_⟩, ?_⟩, ?_⟩ <;> intro h <;> rw [h] at h4 h36 <;> simp at h4 h36

theorem branchOp_range (c : BranchCond) :
    4 ≤ (Spec.branchOp c).toNat ∧ (Spec.branchOp c).toNat ≤ 9 := by
  cases c <;> decide

/-- **f_exec from the program row**: a row running an instruction whose program row has f_exec
(`flagExec_of_range`: op 3 … 36, JALR, branches, loads, stores, register ops, M, ECALL) has
f_exec = 1. -/
theorem exec_on {pc : Word} {i : Instr} {row : Spec.ProgramRow} (hg : Groups w)
    (h : Runs w.cur pc i) (hrow : Spec.programRow ⟨pc⟩ i = some row)
    (hr : Spec.flagExec row = true) : w.cur fExec = 1 := by
  have hp := runs_row h hrow
  obtain ⟨-, -, -, -, -, -, -, -, -, -, hfl⟩ := prog_fields hp
  obtain ⟨hlt, -, hx⟩ := progFlags_wr row
  have hfl' : packedFlags w.cur = (((Spec.progFlags row).toNat : Nat) : BabyBear) := hfl
  obtain ⟨-, -, -, -, -, fe⟩ := flags_of_packed hg hlt hfl'
  rw [hx, if_pos hr] at fe
  exact Zkvm.Air.V2.eq_one_of_val fe

/-- The rd register of a row running an instruction is the program row's. -/
theorem rd_eq {pc : Word} {i : Instr} {row : Spec.ProgramRow} {x y : Reg}
    (h : Runs w.cur pc i) (hrow : Spec.programRow ⟨pc⟩ i = some row)
    (hrd : w.cur rd = felt (Spec.reg x)) (hy : row.rd = Spec.reg y) : x = y := by
  obtain ⟨-, -, -, -, e, -⟩ := prog_fields (runs_row h hrow)
  rw [hy] at e
  exact reg_inj (hrd.symm.trans e)

/-- `setReg` changes the register list only (x0 keeps it). -/
theorem setReg_eq (t : State) (x : Reg) (v : Word) :
    t.setReg x v = { t with regs := if x = 0 then t.regs else t.regs.set x.toNat v } := by
  unfold State.setReg; split <;> rfl

theorem setReg_pc (t : State) (x : Reg) (v : Word) : (t.setReg x v).pc = t.pc := by
  rw [setReg_eq]

theorem setReg_length (t : State) (x : Reg) (v : Word) :
    (t.setReg x v).regs.length = t.regs.length := by
  rw [setReg_eq]; split <;> simp

/-- A sequential step as a landing at the row's next pc. -/
theorem next_eq (t : State) (x : Reg) (v : Word)
    (hn : (w.cur nextPc).val = (s.pc + 4).toNat) (ht : t.pc = s.pc) :
    (t.setReg x v).next = { t.setReg x v with pc := BitVec.ofNat 32 (w.cur nextPc).val } := by
  rw [hn, BitVec.ofNat_toNat, BitVec.setWidth_eq]
  simp only [State.next, setReg_pc, ht]

/-- **One row, register-only instructions**: a CPU row satisfying its constraints that runs `i`
at `s.pc`, reads `s` and (with f_exec) has its request received gives the semantics' step:
`s` with its rd register set to c and the pc set to next_pc. -/
theorem reg_row_step {i : Instr} (hi : RegOnly i) (hg : Groups w) (hruns : Runs w.cur s.pc i)
    (hreads : Reads w.cur s) (hrecv : w.cur fExec = 1 → Exec.Receives (Exec.Cpu.execMsg w.cur))
    (hpc30 : s.pc.toNat < 2 ^ 30) (hpc4 : s.pc.toNat % 4 = 0)
    (hnext : (w.cur nextPc).val < 2 ^ 30) (hal : (w.cur nextPc).val % 4 = 0)
    {x : Reg} (hrd : w.cur rd = felt (Spec.reg x)) :
    execute s i = .ok { s.setReg x (cWord w.cur) with pc := BitVec.ofNat 32 (w.cur nextPc).val } := by
  cases i with
  | load | store | ecall | ebreak => exact absurd hi id
  | lui rd' imm =>
    obtain ⟨e, hn⟩ := Step.lui_step hg hruns hpc30 hpc4
    rw [rd_eq hruns rfl hrd rfl, e, next_eq s rd' _ hn rfl]
  | auipc rd' imm =>
    obtain ⟨e, hn⟩ := Step.auipc_step hg hruns hpc30 hpc4
    rw [rd_eq hruns rfl hrd rfl, e, next_eq s rd' _ hn rfl]
  | jal rd' off =>
    rw [rd_eq hruns rfl hrd rfl, Step.jal_step hg hruns hnext hal]
  | jalr rd' rs1 off =>
    have hx : w.cur fExec = 1 := exec_on hg hruns rfl (flagExec_of_range (by dsimp only; decide) (by dsimp only; decide))
    rw [rd_eq hruns rfl hrd rfl, Step.jalr_step hg hruns hreads (hrecv hx) hal]
  | op o rd' rs1 rs2 =>
    have hx : w.cur fExec = 1 := exec_on hg hruns rfl
      (flagExec_of_range (by have := Step.aluOp_range o; dsimp only; omega)
        (by have := Step.aluOp_range o; dsimp only; omega))
    obtain ⟨e, hn⟩ := Step.op_step hg hruns hreads (hrecv hx) hpc30 hpc4
    rw [rd_eq hruns rfl hrd rfl, e, next_eq s rd' _ hn rfl]
  | opImm o rd' rs1 imm =>
    have hx : w.cur fExec = 1 := exec_on hg hruns rfl
      (flagExec_of_range (by have := Step.aluOp_range o; dsimp only; omega)
        (by have := Step.aluOp_range o; dsimp only; omega))
    obtain ⟨e, hn⟩ := Step.opImm_step hg hruns hreads (hrecv hx) hpc30 hpc4
    rw [rd_eq hruns rfl hrd rfl, e, next_eq s rd' _ hn rfl]
  | mulDiv o rd' rs1 rs2 =>
    have hx : w.cur fExec = 1 := exec_on hg hruns rfl
      (flagExec_of_range (by have := Step.mulOp_range o; dsimp only; omega)
        (by have := Step.mulOp_range o; dsimp only; omega))
    obtain ⟨e, hn⟩ := Step.mulDiv_step hg hruns hreads (hrecv hx) hpc30 hpc4
    rw [rd_eq hruns rfl hrd rfl, e, next_eq s rd' _ hn rfl]
  | branch c rs1 rs2 off =>
    have hx : w.cur fExec = 1 := exec_on hg hruns rfl
      (flagExec_of_range (by have := branchOp_range c; dsimp only; omega)
        (by have := branchOp_range c; dsimp only; omega))
    rw [rd_eq (y := 0) hruns rfl hrd (by dsimp only; decide), Step.branch_step hg hruns hreads (hrecv hx) hpc30 hpc4 hnext hal]
    simp [State.setReg]
  | fence =>
    obtain ⟨e, hn, -⟩ := Step.fence_step hg hruns hpc30 hpc4
    rw [rd_eq (y := 0) hruns rfl hrd (by dsimp only; decide), e]
    have := next_eq (w := w) s 0 (cWord w.cur) hn rfl
    simp only [State.setReg, if_true] at this ⊢
    exact congrArg Except.ok this

end Zkvm.Air.V2.Run

end
