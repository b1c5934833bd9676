module

public import Zkvm.RiscV.Decode
public import Zkvm.RiscV.State

/-!
# Instruction semantics

One definition per instruction class, following the wording of the unprivileged spec
(RV32I chapter 2, M extension chapter 13), plus the executor's choices where the spec leaves
room (all of them traps; there are no trap handlers):

* misaligned loads and stores trap (`misalignedAccess`), and so do accesses to unmapped
  memory (`outOfBoundsAccess`) and stores into executable memory (`writeToReadOnly`);
* a *taken* branch or jump to a target that is not 4-aligned traps (`misalignedJump`) —
  the spec's instruction-address-misaligned exception for IALIGN = 32;
* `ECALL` performs a Linux-numbered syscall (`read`, `write`, `exit`; see `execEcall`),
  `EBREAK` traps.

Every `exec…` function returns the next state, with `pc` advanced, or the trap.
-/

@[expose] public section

-- For proofs and kernel evaluation only (not all core functions have compiled code here).
noncomputable section

namespace Zkvm.RiscV

/-- The result of executing one instruction. -/
abbrev Result := Except Trap State

/-! ## Computations -/

/-- Register-register (OP) and register-immediate (OP-IMM) integer computations. Shifts use
only the low 5 bits of the shift amount ("the shift amount held in the lower 5 bits of register
rs2"); immediate shifts already have a 5-bit `shamt`. -/
def AluOp.eval : AluOp → Word → Word → Word
  | .add, a, b => a + b
  | .sub, a, b => a - b
  | .sll, a, b => a <<< (b.toNat % 32)
  | .slt, a, b => if a.slt b then 1 else 0
  | .sltu, a, b => if a.ult b then 1 else 0
  | .xor, a, b => a ^^^ b
  | .srl, a, b => a >>> (b.toNat % 32)
  | .sra, a, b => a.sshiftRight (b.toNat % 32)
  | .or, a, b => a ||| b
  | .and, a, b => a &&& b

/-- The M extension. `MULH`, `MULHSU` and `MULHU` return the upper 32 bits of the 64-bit
product of the operands taken as signed × signed, signed × unsigned and unsigned × unsigned.
Division rounds towards zero; dividing by zero gives a quotient with all bits set and the
dividend as remainder, and the signed overflow `-2^31 / -1` gives `-2^31` with remainder 0
(the spec's table 13.1) — the `ofInt` wraps `2^31` to `-2^31`. -/
def MulOp.eval : MulOp → Word → Word → Word
  | .mul, a, b => a * b
  | .mulh, a, b => (a.signExtend 64 * b.signExtend 64).extractLsb' 32 32
  | .mulhsu, a, b => (a.signExtend 64 * b.zeroExtend 64).extractLsb' 32 32
  | .mulhu, a, b => (a.zeroExtend 64 * b.zeroExtend 64).extractLsb' 32 32
  | .div, a, b => if b = 0 then BitVec.allOnes 32 else BitVec.ofInt 32 (a.toInt.tdiv b.toInt)
  | .divu, a, b => if b = 0 then BitVec.allOnes 32 else BitVec.ofNat 32 (a.toNat / b.toNat)
  | .rem, a, b => if b = 0 then a else BitVec.ofInt 32 (a.toInt.tmod b.toInt)
  | .remu, a, b => if b = 0 then a else BitVec.ofNat 32 (a.toNat % b.toNat)

/-- Whether a conditional branch is taken. -/
def BranchCond.holds : BranchCond → Word → Word → Bool
  | .eq, a, b => a == b
  | .ne, a, b => a != b
  | .lt, a, b => a.slt b
  | .ge, a, b => !a.slt b
  | .ltu, a, b => a.ult b
  | .geu, a, b => !a.ult b

/-- How many bytes a load accesses. -/
def LoadWidth.size : LoadWidth → Nat
  | .b | .bu => 1
  | .h | .hu => 2
  | .w => 4

/-- The register value of a loaded `value` (of `size` bytes): `LB`/`LH` sign-extend,
`LBU`/`LHU` zero-extend. -/
def LoadWidth.extend : LoadWidth → Nat → Word
  | .b, v => (BitVec.ofNat 8 v).signExtend 32
  | .h, v => (BitVec.ofNat 16 v).signExtend 32
  | .w, v | .bu, v | .hu, v => BitVec.ofNat 32 v

/-- How many bytes a store writes: the low 1, 2 or 4 bytes of `rs2`. -/
def StoreWidth.size : StoreWidth → Nat
  | .b => 1
  | .h => 2
  | .w => 4

/-! ## Instruction classes -/

namespace State

/-- A control transfer: taken branches and jumps must land on a 4-aligned address. -/
def jumpTo (s : State) (target : Word) : Result :=
  if target.toNat % 4 = 0 then .ok { s with pc := target }
  else .error (.misalignedJump s.pc target)

end State

/-- `LUI`: places the U-immediate in `rd`. -/
def execLui (s : State) (rd : Reg) (imm : Word) : Result :=
  .ok (s.setReg rd imm).next

/-- `AUIPC`: adds the U-immediate to the address of the instruction, result in `rd`. -/
def execAuipc (s : State) (rd : Reg) (imm : Word) : Result :=
  .ok (s.setReg rd (s.pc + imm)).next

/-- `JAL`: jumps to `pc + offset`, storing `pc + 4` in `rd`. -/
def execJal (s : State) (rd : Reg) (offset : Word) : Result :=
  (s.setReg rd (s.pc + 4)).jumpTo (s.pc + offset)

/-- `JALR`: jumps to `rs1 + offset` with the least-significant bit cleared, storing `pc + 4`
in `rd` (the target is computed before `rd` is written, so `rd = rs1` works). -/
def execJalr (s : State) (rd rs1 : Reg) (offset : Word) : Result :=
  let target := (s.reg rs1 + offset) &&& ~~~1#32
  (s.setReg rd (s.pc + 4)).jumpTo target

/-- Conditional branches: to `pc + offset` if the condition holds, else to the next
instruction. -/
def execBranch (s : State) (cond : BranchCond) (rs1 rs2 : Reg) (offset : Word) : Result :=
  if cond.holds (s.reg rs1) (s.reg rs2) then s.jumpTo (s.pc + offset) else .ok s.next

/-- Loads from the address `rs1 + offset`, which must be aligned to the access size and mapped. -/
def execLoad (s : State) (width : LoadWidth) (rd rs1 : Reg) (offset : Word) : Result :=
  let addr := s.reg rs1 + offset
  let n := width.size
  if addr.toNat % n ≠ 0 then .error (.misalignedAccess s.pc addr n)
  else match s.accessFault false addr n with
    | some (_, fault) => .error (fault.trap s.pc addr)
    | none => .ok (s.setReg rd (width.extend (littleEndian (s.readBytes addr n)))).next

/-- Stores the low bytes of `rs2` at `rs1 + offset`, which must be aligned to the access size,
mapped and writable. -/
def execStore (s : State) (width : StoreWidth) (rs1 rs2 : Reg) (offset : Word) : Result :=
  let addr := s.reg rs1 + offset
  let n := width.size
  if addr.toNat % n ≠ 0 then .error (.misalignedAccess s.pc addr n)
  else match s.accessFault true addr n with
    | some (_, fault) => .error (fault.trap s.pc addr)
    | none => .ok (s.writeBytes addr ((s.reg rs2).toBytes.take n)).next

/-- OP-IMM: `rd := rs1 op imm`. -/
def execOpImm (s : State) (op : AluOp) (rd rs1 : Reg) (imm : Word) : Result :=
  .ok (s.setReg rd (op.eval (s.reg rs1) imm)).next

/-- OP: `rd := rs1 op rs2`. -/
def execOp (s : State) (op : AluOp) (rd rs1 rs2 : Reg) : Result :=
  .ok (s.setReg rd (op.eval (s.reg rs1) (s.reg rs2))).next

/-- The M extension: `rd := rs1 op rs2`. -/
def execMulDiv (s : State) (op : MulOp) (rd rs1 rs2 : Reg) : Result :=
  .ok (s.setReg rd (op.eval (s.reg rs1) (s.reg rs2))).next

/-! ## Syscalls -/

/-- `read(fd, buf, len)`: fd 0, the input, or fd 3, the private input (each with its own
cursor). Copies the next `min len remaining` bytes of that input to `buf` (all of which must
be writable) and returns their number in `a0`. -/
def sysRead (s : State) (fd buf len : Word) : Result :=
  if fd = 0 then
    let bytes := (s.input.drop s.inputPos).take len.toNat
    match s.accessFault true buf bytes.length with
    | some (addr, fault) => .error (fault.trap s.pc addr)
    | none =>
      let s' := { s.writeBytes buf bytes with inputPos := s.inputPos + bytes.length }
      .ok (s'.setReg 10 (BitVec.ofNat 32 bytes.length)).next
  else if fd = 3 then
    let bytes := (s.privateInput.drop s.privatePos).take len.toNat
    match s.accessFault true buf bytes.length with
    | some (addr, fault) => .error (fault.trap s.pc addr)
    | none =>
      let s' := { s.writeBytes buf bytes with privatePos := s.privatePos + bytes.length }
      .ok (s'.setReg 10 (BitVec.ofNat 32 bytes.length)).next
  else .error (.badFileDescriptor s.pc .read fd)

/-- The debug log (fd 2) after appending `bytes`: its first `maxOutputLen` bytes are kept. -/
def appendDebug (log bytes : List Byte) : List Byte := (log ++ bytes).take maxOutputLen

/-- `write(fd, buf, len)`: appends the `len` bytes at `buf` (all of which must be mapped) to the
public output (fd 1) or the debug output (fd 2) and returns `len` in `a0`. The public output may
hold at most `maxOutputLen` bytes, checked before the buffer; the debug output keeps its first
`maxOutputLen` bytes and drops the rest (the proof sees no fd-2 byte, so no size of it can be
refused). -/
def sysWrite (s : State) (fd buf len : Word) : Result :=
  if fd ≠ 1 ∧ fd ≠ 2 then .error (.badFileDescriptor s.pc .write fd)
  else if fd = 1 ∧ s.output.length + len.toNat > maxOutputLen then
    .error .outputTooLarge
  else match s.accessFault false buf len.toNat with
    | some (addr, fault) => .error (fault.trap s.pc addr)
    | none =>
      let bytes := s.readBytes buf len.toNat
      let s' := if fd = 1 then { s with output := s.output ++ bytes }
        else { s with debugOutput := appendDebug s.debugOutput bytes }
      .ok (s'.setReg 10 len).next

/-- `ECALL`: the syscall number is in `a7` (`x17`), the arguments in `a0`–`a2`, the result goes
to `a0`. `exit` (93) and `exit_group` (94) halt with exit code `a0`, leaving `pc` at the
`ecall`. -/
def execEcall (s : State) : Result :=
  let a0 := s.reg 10
  match (s.reg 17).toNat with
  | 63 => sysRead s a0 (s.reg 11) (s.reg 12)
  | 64 => sysWrite s a0 (s.reg 11) (s.reg 12)
  | 93 | 94 => .ok { s with exitCode := some a0 }
  | _ => .error (.unknownSyscall s.pc (s.reg 17))

/-- Executes a decoded instruction. `FENCE` has nothing to order on a single hart. -/
def execute (s : State) : Instr → Result
  | .lui rd imm => execLui s rd imm
  | .auipc rd imm => execAuipc s rd imm
  | .jal rd offset => execJal s rd offset
  | .jalr rd rs1 offset => execJalr s rd rs1 offset
  | .branch cond rs1 rs2 offset => execBranch s cond rs1 rs2 offset
  | .load width rd rs1 offset => execLoad s width rd rs1 offset
  | .store width rs1 rs2 offset => execStore s width rs1 rs2 offset
  | .opImm op rd rs1 imm => execOpImm s op rd rs1 imm
  | .op op rd rs1 rs2 => execOp s op rd rs1 rs2
  | .mulDiv op rd rs1 rs2 => execMulDiv s op rd rs1 rs2
  | .fence => .ok s.next
  | .ecall => execEcall s
  | .ebreak => .error (.ebreak s.pc)

/-! ## Facts about the computations -/

namespace MulOp

theorem div_zero (a : Word) : MulOp.div.eval a 0 = BitVec.allOnes 32 := by
  simp [MulOp.eval]

theorem divu_zero (a : Word) : MulOp.divu.eval a 0 = BitVec.allOnes 32 := by
  simp [MulOp.eval]

theorem rem_zero (a : Word) : MulOp.rem.eval a 0 = a := by
  simp [MulOp.eval]

theorem remu_zero (a : Word) : MulOp.remu.eval a 0 = a := by
  simp [MulOp.eval]

/-- Signed overflow: `-2^31 / -1 = -2^31` and `-2^31 % -1 = 0`. -/
theorem div_overflow : MulOp.div.eval (BitVec.intMin 32) (-1) = BitVec.intMin 32 := by
  decide +kernel

theorem rem_overflow : MulOp.rem.eval (BitVec.intMin 32) (-1) = 0 := by
  decide +kernel

/-- `MULHU` is the high word of the product of the unsigned values. -/
theorem mulhu_toNat (a b : Word) : (MulOp.mulhu.eval a b).toNat = a.toNat * b.toNat / 2 ^ 32 := by
  have ha := a.isLt
  have hb := b.isLt
  have hab : a.toNat * b.toNat < 2 ^ 64 := by
    have := Nat.mul_lt_mul_of_lt_of_le ha (Nat.le_of_lt hb) (by omega)
    simpa using this
  simp only [MulOp.eval, BitVec.extractLsb'_toNat, BitVec.toNat_mul, BitVec.toNat_setWidth,
    BitVec.zeroExtend_eq_setWidth, Nat.shiftRight_eq_div_pow]
  rw [Nat.mod_eq_of_lt (by omega : a.toNat < 2 ^ 64), Nat.mod_eq_of_lt (by omega : b.toNat < 2 ^ 64),
    Nat.mod_eq_of_lt hab]
  apply Nat.mod_eq_of_lt
  omega

end MulOp

end Zkvm.RiscV
