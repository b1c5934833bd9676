module

public import Zkvm.RiscV.Word

/-!
# Instruction decoding

`decode` turns a 32-bit instruction word into an `Instr`, or `none` for a word that is not an
instruction this machine accepts — like the executor's `decode`, it is strict: unknown
opcodes and `funct3`/`funct7` values, non-zero reserved bits in immediate shifts, `FENCE.I`,
all CSR instructions and every `SYSTEM` word other than `ECALL`/`EBREAK` are illegal.

Field and immediate extraction follow the base ISA's instruction formats (unprivileged spec,
§2.2–2.3, "Immediate Encoding Variants"); `w.extractLsb hi lo` is the spec's `inst[hi:lo]`.
-/

@[expose] public section

-- For proofs and kernel evaluation only (not all core functions have compiled code here).
noncomputable section

namespace Zkvm.RiscV

/-- The six conditional branches. -/
inductive BranchCond where
  | eq | ne | lt | ge | ltu | geu
deriving DecidableEq

/-- `LB LH LW LBU LHU`. -/
inductive LoadWidth where
  | b | h | w | bu | hu
deriving DecidableEq

/-- `SB SH SW`. -/
inductive StoreWidth where
  | b | h | w
deriving DecidableEq

/-- The integer computations shared by OP (`ADD`, …) and OP-IMM (`ADDI`, …; there is no
`SUBI`). -/
inductive AluOp where
  | add | sub | sll | slt | sltu | xor | srl | sra | or | and
deriving DecidableEq

/-- The M extension. -/
inductive MulOp where
  | mul | mulh | mulhsu | mulhu | div | divu | rem | remu
deriving DecidableEq

/-- A decoded instruction, one constructor per instruction class. Immediates are already
sign-extended (U-type: shifted into the upper 20 bits; immediate shifts: the 5-bit `shamt`). -/
inductive Instr where
  | lui (rd : Reg) (imm : Word)
  | auipc (rd : Reg) (imm : Word)
  | jal (rd : Reg) (offset : Word)
  | jalr (rd rs1 : Reg) (offset : Word)
  | branch (cond : BranchCond) (rs1 rs2 : Reg) (offset : Word)
  | load (width : LoadWidth) (rd rs1 : Reg) (offset : Word)
  | store (width : StoreWidth) (rs1 rs2 : Reg) (offset : Word)
  | opImm (op : AluOp) (rd rs1 : Reg) (imm : Word)
  | op (op : AluOp) (rd rs1 rs2 : Reg)
  | mulDiv (op : MulOp) (rd rs1 rs2 : Reg)
  | fence
  | ecall
  | ebreak
deriving DecidableEq

namespace Decode

def opcode (w : Word) : Nat := (w.extractLsb 6 0).toNat
def rd (w : Word) : Reg := w.extractLsb' 7 5
def funct3 (w : Word) : Nat := (w.extractLsb 14 12).toNat
def rs1 (w : Word) : Reg := w.extractLsb' 15 5
def rs2 (w : Word) : Reg := w.extractLsb' 20 5
def funct7 (w : Word) : Nat := (w.extractLsb 31 25).toNat

/-- I-immediate: `inst[31:20]`, sign-extended. -/
def immI (w : Word) : Word := (w.extractLsb 31 20).signExtend 32

/-- S-immediate: `inst[31:25] ++ inst[11:7]`, sign-extended. -/
def immS (w : Word) : Word := (w.extractLsb 31 25 ++ w.extractLsb 11 7).signExtend 32

/-- B-immediate: `inst[31] ++ inst[7] ++ inst[30:25] ++ inst[11:8] ++ 0`, sign-extended. -/
def immB (w : Word) : Word :=
  (w.extractLsb 31 31 ++ w.extractLsb 7 7 ++ w.extractLsb 30 25 ++ w.extractLsb 11 8 ++ 0#1
    ).signExtend 32

/-- U-immediate: `inst[31:12] ++ 0¹²`. -/
def immU (w : Word) : Word := (w.extractLsb 31 12 ++ 0#12).setWidth 32

/-- J-immediate: `inst[31] ++ inst[19:12] ++ inst[20] ++ inst[30:21] ++ 0`, sign-extended. -/
def immJ (w : Word) : Word :=
  (w.extractLsb 31 31 ++ w.extractLsb 19 12 ++ w.extractLsb 20 20 ++ w.extractLsb 30 21 ++ 0#1
    ).signExtend 32

/-- Immediate shifts: the shift amount `shamt = inst[24:20]`. -/
def shamt (w : Word) : Word := (w.extractLsb 24 20).setWidth 32

def branchCond : Nat → Option BranchCond
  | 0 => some .eq | 1 => some .ne | 4 => some .lt | 5 => some .ge | 6 => some .ltu
  | 7 => some .geu | _ => none

def loadWidth : Nat → Option LoadWidth
  | 0 => some .b | 1 => some .h | 2 => some .w | 4 => some .bu | 5 => some .hu | _ => none

def storeWidth : Nat → Option StoreWidth
  | 0 => some .b | 1 => some .h | 2 => some .w | _ => none

/-- OP-IMM by `funct3` (and, for shifts, `funct7 = inst[31:25]`). -/
def opImm (w : Word) : Option Instr :=
  match funct3 w, funct7 w with
  | 0, _ => some (.opImm .add (rd w) (rs1 w) (immI w))
  | 2, _ => some (.opImm .slt (rd w) (rs1 w) (immI w))
  | 3, _ => some (.opImm .sltu (rd w) (rs1 w) (immI w))
  | 4, _ => some (.opImm .xor (rd w) (rs1 w) (immI w))
  | 6, _ => some (.opImm .or (rd w) (rs1 w) (immI w))
  | 7, _ => some (.opImm .and (rd w) (rs1 w) (immI w))
  | 1, 0b0000000 => some (.opImm .sll (rd w) (rs1 w) (shamt w))
  | 5, 0b0000000 => some (.opImm .srl (rd w) (rs1 w) (shamt w))
  | 5, 0b0100000 => some (.opImm .sra (rd w) (rs1 w) (shamt w))
  | _, _ => none

/-- OP by `funct7` and `funct3`; `funct7 = 1` is the M extension. -/
def op (w : Word) : Option Instr :=
  let alu (o : AluOp) := some (Instr.op o (rd w) (rs1 w) (rs2 w))
  let mul (o : MulOp) := some (Instr.mulDiv o (rd w) (rs1 w) (rs2 w))
  match funct7 w, funct3 w with
  | 0b0000000, 0 => alu .add
  | 0b0100000, 0 => alu .sub
  | 0b0000000, 1 => alu .sll
  | 0b0000000, 2 => alu .slt
  | 0b0000000, 3 => alu .sltu
  | 0b0000000, 4 => alu .xor
  | 0b0000000, 5 => alu .srl
  | 0b0100000, 5 => alu .sra
  | 0b0000000, 6 => alu .or
  | 0b0000000, 7 => alu .and
  | 0b0000001, 0 => mul .mul
  | 0b0000001, 1 => mul .mulh
  | 0b0000001, 2 => mul .mulhsu
  | 0b0000001, 3 => mul .mulhu
  | 0b0000001, 4 => mul .div
  | 0b0000001, 5 => mul .divu
  | 0b0000001, 6 => mul .rem
  | 0b0000001, 7 => mul .remu
  | _, _ => none

end Decode

open Decode in
/-- Decodes an instruction word; `none` means the word is illegal. -/
def decode (w : Word) : Option Instr :=
  match opcode w with
  | 0b0110111 => some (.lui (rd w) (immU w))
  | 0b0010111 => some (.auipc (rd w) (immU w))
  | 0b1101111 => some (.jal (rd w) (immJ w))
  | 0b1100111 => if funct3 w = 0 then some (.jalr (rd w) (rs1 w) (immI w)) else none
  | 0b1100011 => (branchCond (funct3 w)).map fun c => .branch c (rs1 w) (rs2 w) (immB w)
  | 0b0000011 => (loadWidth (funct3 w)).map fun wd => .load wd (rd w) (rs1 w) (immI w)
  | 0b0100011 => (storeWidth (funct3 w)).map fun wd => .store wd (rs1 w) (rs2 w) (immS w)
  | 0b0010011 => Decode.opImm w
  | 0b0110011 => Decode.op w
  -- FENCE (any predecessor/successor sets, FENCE.TSO, PAUSE) orders nothing on one hart;
  -- its other fields are ignored, as the spec requires. FENCE.I (`funct3 = 1`) is illegal.
  | 0b0001111 => if funct3 w = 0 then some .fence else none
  -- SYSTEM: only the two exact words; CSR instructions are illegal.
  | 0b1110011 =>
    if w = 0x0000_0073#32 then some .ecall
    else if w = 0x0010_0073#32 then some .ebreak
    else none
  | _ => none

/-! ## Examples -/

example : decode 0x0000_0073#32 = some .ecall := by decide +kernel
example : decode 0x0010_0073#32 = some .ebreak := by decide +kernel
-- `addi x5, x0, -1`
example : decode 0xfff0_0293#32 = some (.opImm .add 5 0 (-1)) := by decide +kernel
-- `sw x7, -4(x8)`
example : decode 0xfe74_2e23#32 = some (.store .w 8 7 (-4)) := by decide +kernel
-- `beq x1, x2, -4096` (the most negative B offset)
example : decode 0x8020_8063#32 = some (.branch .eq 1 2 (-4096)) := by decide +kernel
-- `jal x1, -2^20` (the most negative J offset)
example : decode 0x8000_00ef#32 = some (.jal 1 (-1048576)) := by decide +kernel
-- `lui x10, 0xfffff`
example : decode 0xffff_f537#32 = some (.lui 10 0xffff_f000#32) := by decide +kernel
-- `srai x5, x5, 31`
example : decode 0x41f2_d293#32 = some (.opImm .sra 5 5 31) := by decide +kernel
-- The all-zero word, FENCE.I, `csrrw x0, mstatus, x0` and `slli` with bit 25 set are illegal.
example : decode 0 = none := by decide +kernel
example : decode 0x0000_100f#32 = none := by decide +kernel
example : decode 0x3000_1073#32 = none := by decide +kernel
example : decode 0x0200_9293#32 = none := by decide +kernel

end Zkvm.RiscV
