module

public import Zkvm.Spec.Program

/-!
# The PROG message of a program row (specification)

The fixed table holds, for each program row, the message the CPU's PROG lookup receives
(docs/air.md §3, Rust `air::rv32im::fixed::prog_row`): tag 1, pc, the EXEC op (op + 64 for
immediate forms), rs1 (a7 = 17 for ECALL, the syscall number's register), rs2, rd, the 16-bit
halves of imm and k, the jump target, and the packed flags f_wr + 2 f_br + 4 f_jal + 8 f_jalr +
16 f_k + 32 f_exec.
-/

public section

namespace Zkvm.Spec

/-- The EXEC op of a row: `op + 64` for the immediate forms. -/
@[expose] def execOp (r : ProgramRow) : UInt32 := if r.useImm = 1 then r.op + 64 else r.op

/-- f_br: a conditional branch (ops 4 to 9). -/
@[expose] def flagBr (r : ProgramRow) : Bool := decide (r.op ≥ 4) && decide (r.op ≤ 9)
/-- f_k: rd gets the program's constant k (LUI, AUIPC, JAL, JALR). -/
@[expose] def flagK (r : ProgramRow) : Bool :=
  decide (r.op = 0) || decide (r.op = 1) || decide (r.op = 2) || decide (r.op = 3)
/-- f_exec: a coprocessor executes the row (all but LUI, AUIPC, JAL and FENCE). -/
@[expose] def flagExec (r : ProgramRow) : Bool :=
  decide (r.op ≠ 0) && decide (r.op ≠ 1) && decide (r.op ≠ 2) && decide (r.op ≠ 37)

/-- The packed PROG flags of a row: f_wr (writes rd), f_br, f_jal (op 2), f_jalr (op 3), f_k,
f_exec. -/
@[expose] def progFlags (r : ProgramRow) : UInt32 :=
  (if r.writeRd = 1 then 1 else 0) + (if flagBr r = true then 2 else 0) +
    (if r.op = 2 then 4 else 0) + (if r.op = 3 then 8 else 0) +
    (if flagK r = true then 16 else 0) + (if flagExec r = true then 32 else 0)

/-- The PROG message of a row, tag first. -/
@[expose] def progMessage (r : ProgramRow) : List UInt32 :=
  [1, r.pc, execOp r, if r.op = 36 then 17 else r.rs1, r.rs2, r.rd, r.imm &&& 65535,
    r.imm >>> 16, r.k &&& 65535, r.k >>> 16, r.target, progFlags r]

theorem branchOp_lt (c : Zkvm.RiscV.BranchCond) : (branchOp c).toNat < 38 := by cases c <;> decide
theorem loadOp_lt (c : Zkvm.RiscV.LoadWidth) : (loadOp c).toNat < 38 := by cases c <;> decide
theorem storeOp_lt (c : Zkvm.RiscV.StoreWidth) : (storeOp c).toNat < 38 := by cases c <;> decide
theorem aluOp_lt (c : Zkvm.RiscV.AluOp) : (aluOp c).toNat < 38 := by cases c <;> decide
theorem mulOp_lt (c : Zkvm.RiscV.MulOp) : (mulOp c).toNat < 38 := by cases c <;> decide

/-- Every row of the decoder has an op below 38. -/
theorem programRow_op_lt (pc : UInt32) (i : Zkvm.RiscV.Instr) (r : ProgramRow)
    (h : programRow pc i = some r) : r.op.toNat < 38 := by
  cases i <;> simp only [programRow, Option.some.injEq, reduceCtorEq] at h <;> subst h <;>
    simp [branchOp_lt, loadOp_lt, storeOp_lt, aluOp_lt, mulOp_lt]

theorem decodeRow_op_lt (pc w : UInt32) (r : ProgramRow) (h : decodeRow pc w = some r) :
    r.op.toNat < 38 := by
  unfold decodeRow at h
  cases hd : Zkvm.RiscV.decode w.toBitVec with
  | none => simp [hd] at h
  | some i =>
    simp only [hd, Option.bind_some] at h
    exact programRow_op_lt pc i r h

end Zkvm.Spec
