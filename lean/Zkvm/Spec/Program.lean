module

public import Zkvm.RiscV.Decode

/-!
# Program rows (specification, docs/air.md §10.1)

The row the verifier derives from one decoded instruction at address `pc`: the operation
number (§10.1's table; an I-form shares its R-form's number), whether the second operand is
the immediate (`useImm`: ADDI … SRAI), the register fields (0 where the format has none;
ECALL reads a2 = x12 and a0 = x10 and writes a0), `writeRd` (1 iff the instruction writes a
register other than x0; ECALL: 1), the immediate (the decoder's, the shift amount for
immediate shifts, 0 for R-forms), `k` (LUI: the immediate; AUIPC: `pc + imm`; JAL, JALR:
`pc + 4`) and `target` (JAL and branches: `pc + imm`, clamped to 2^30, which is never a pc).
EBREAK gets no row.
-/

@[expose] public section

noncomputable section

namespace Zkvm.Spec

open Zkvm.RiscV

/-- One program row (the fields of `ProgramRow` in `receipt/program.rs`). -/
structure ProgramRow where
  pc : UInt32
  op : UInt32
  useImm : UInt32
  rs1 : UInt32
  rs2 : UInt32
  rd : UInt32
  writeRd : UInt32
  imm : UInt32
  k : UInt32
  target : UInt32
deriving DecidableEq

def branchOp : BranchCond → UInt32
  | .eq => 4 | .ne => 5 | .lt => 6 | .ge => 7 | .ltu => 8 | .geu => 9

def loadOp : LoadWidth → UInt32
  | .b => 10 | .h => 11 | .w => 12 | .bu => 13 | .hu => 14

def storeOp : StoreWidth → UInt32
  | .b => 15 | .h => 16 | .w => 17

def aluOp : AluOp → UInt32
  | .add => 18 | .sub => 19 | .sll => 20 | .slt => 21 | .sltu => 22 | .xor => 23 | .srl => 24
  | .sra => 25 | .or => 26 | .and => 27

def mulOp : MulOp → UInt32
  | .mul => 28 | .mulh => 29 | .mulhsu => 30 | .mulhu => 31 | .div => 32 | .divu => 33
  | .rem => 34 | .remu => 35

/-- A register number as a word. -/
def reg (r : Reg) : UInt32 := ⟨r.setWidth 32⟩

/-- 1 iff writing `r` changes a register (`x0` is hard-wired to zero). -/
def writes (r : Reg) : UInt32 := if r = 0 then 0 else 1

/-- A jump or branch target: `t` below 2^30, else 2^30 (no pc is 2^30 or above). -/
def clampTarget (t : UInt32) : UInt32 := if t < 1073741824 then t else 1073741824

/-- The row of instruction `i` at `pc`; `none` for EBREAK. -/
def programRow (pc : UInt32) : Instr → Option ProgramRow
  | .lui rd imm => some ⟨pc, 0, 0, 0, 0, reg rd, writes rd, ⟨imm⟩, ⟨imm⟩, 0⟩
  | .auipc rd imm => some ⟨pc, 1, 0, 0, 0, reg rd, writes rd, ⟨imm⟩, pc + ⟨imm⟩, 0⟩
  | .jal rd off => some ⟨pc, 2, 0, 0, 0, reg rd, writes rd, ⟨off⟩, pc + 4, clampTarget (pc + ⟨off⟩)⟩
  | .jalr rd rs1 off => some ⟨pc, 3, 0, reg rs1, 0, reg rd, writes rd, ⟨off⟩, pc + 4, 0⟩
  | .branch c rs1 rs2 off =>
    some ⟨pc, branchOp c, 0, reg rs1, reg rs2, 0, 0, ⟨off⟩, 0, clampTarget (pc + ⟨off⟩)⟩
  | .load wd rd rs1 off => some ⟨pc, loadOp wd, 0, reg rs1, 0, reg rd, writes rd, ⟨off⟩, 0, 0⟩
  | .store wd rs1 rs2 off => some ⟨pc, storeOp wd, 0, reg rs1, reg rs2, 0, 0, ⟨off⟩, 0, 0⟩
  | .opImm o rd rs1 imm => some ⟨pc, aluOp o, 1, reg rs1, 0, reg rd, writes rd, ⟨imm⟩, 0, 0⟩
  | .op o rd rs1 rs2 => some ⟨pc, aluOp o, 0, reg rs1, reg rs2, reg rd, writes rd, 0, 0, 0⟩
  | .mulDiv o rd rs1 rs2 => some ⟨pc, mulOp o, 0, reg rs1, reg rs2, reg rd, writes rd, 0, 0, 0⟩
  | .fence => some ⟨pc, 37, 0, 0, 0, 0, 0, 0, 0, 0⟩
  | .ecall => some ⟨pc, 36, 0, 12, 10, 10, 1, 0, 0, 0⟩
  | .ebreak => none

/-- The row of the word at `pc`, if it decodes to an instruction other than EBREAK. -/
def decodeRow (pc : UInt32) (w : UInt32) : Option ProgramRow :=
  (decode w.toBitVec).bind (programRow pc)

-- `addi x5, x0, -1` at 0x100
example : decodeRow 0x100 0xfff0_0293 =
    some ⟨0x100, 18, 1, 0, 0, 5, 1, 0xffff_ffff, 0, 0⟩ := by decide +kernel
-- `jal x1, -2^20` at 0x100: the target wraps around and is clamped
example : decodeRow 0x100 0x8000_00ef =
    some ⟨0x100, 2, 0, 0, 0, 1, 1, 0xfff0_0000, 0x104, 0x4000_0000⟩ := by decide +kernel
-- EBREAK and the zero word have no row
example : decodeRow 0 0x0010_0073 = none := by decide +kernel
example : decodeRow 0 0 = none := by decide +kernel

end Zkvm.Spec
