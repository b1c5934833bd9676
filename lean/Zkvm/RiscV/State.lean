module

public import Zkvm.RiscV.Word

/-!
# Machine state

The architectural state of one RV32IM hart running a guest, as the executor
(`rust/executor`) keeps it:

* `pc` and the 32 integer registers (`x0` reads as zero and ignores writes);
* byte-addressed memory `mem : Word → Byte` together with its `layout`, the mapped
  regions and their permissions — anything outside them is unmapped;
* `code`, the instruction words of the executable segments. Executable memory is read-only
  (stores into it trap), so the code never changes after loading: like the executor's
  decode cache, instruction fetch reads this fixed table rather than `mem`;
* the input (fd 0) with a cursor, the private input (fd 3) with its own cursor, the public
  output (fd 1), the debug output (fd 2), and the exit code once the guest has called `exit`.

Reaching an error is not a state: `step` returns a `Trap` instead (see `Zkvm.RiscV.Step`). The
`Trap` constructors are the executor's `ExecError` variants a guest can cause, with the same
fields, so test vectors can compare errors exactly.
-/

@[expose] public section

-- Definitions are for proofs and kernel evaluation only; some core list functions used here
-- have no compiled code in this toolchain.
noncomputable section

namespace Zkvm.RiscV

/-- One past the highest mapped address, and the initial `sp`. -/
def stackTop : Nat := 0x4000_0000

/-- The most bytes a guest may write to fd 1 and fd 2 together (the executor's `MAX_OUTPUT_LEN`). -/
def maxOutputLen : Nat := 256 * 2 ^ 20

/-- A mapped address range `[start, stop)` with its permissions. Every mapped byte is
readable; instructions are fetched only from executable regions. -/
structure Region where
  start : Nat
  stop : Nat
  writable : Bool
  executable : Bool
deriving DecidableEq

def Region.contains (r : Region) (a : Word) : Bool := r.start ≤ a.toNat && a.toNat < r.stop

/-- The mapped regions. An address in none of them is unmapped. -/
abbrev Layout := List Region

namespace Layout

def mapped (l : Layout) (a : Word) : Bool := l.any (·.contains a)

def writable (l : Layout) (a : Word) : Bool := l.any fun r => r.contains a && r.writable

end Layout

/-- Why a memory access is refused (besides misalignment, which is checked first). -/
inductive AccessFault where
  | outOfBounds
  | readOnly
deriving DecidableEq

/-- The syscalls that check their file descriptor. -/
inductive Syscall where
  | read
  | write
deriving DecidableEq

/-- Why execution stopped without `exit`: the executor's `ExecError`s a guest can cause. -/
inductive Trap where
  /-- The word at `pc` is not an RV32IM instruction this machine accepts. -/
  | illegalInstruction (pc word : Word)
  /-- A `width`-byte load or store at an address that is not a multiple of `width`. -/
  | misalignedAccess (pc addr : Word) (width : Nat)
  /-- A load, store or syscall buffer touching unmapped memory. -/
  | outOfBoundsAccess (pc addr : Word)
  /-- A store (or `read` into a buffer) in executable, hence read-only, memory. -/
  | writeToReadOnly (pc addr : Word)
  /-- `pc` is not a 4-aligned address of a whole word in executable memory. -/
  | instructionFetchFault (pc : Word)
  /-- A taken branch or jump to an address that is not 4-aligned. -/
  | misalignedJump (pc target : Word)
  /-- `ecall` with an unsupported number in `a7`. -/
  | unknownSyscall (pc number : Word)
  /-- `read` on a descriptor other than 0, `write` on one other than 1 and 2. -/
  | badFileDescriptor (pc : Word) (syscall : Syscall) (fd : Word)
  /-- The guest's writes to fd 1 exceed `maxOutputLen` bytes. -/
  | outputTooLarge
  /-- `ebreak`. -/
  | ebreak (pc : Word)
deriving DecidableEq

/-- The trap for a refused access to `addr` by the instruction at `pc`. -/
def AccessFault.trap (pc addr : Word) : AccessFault → Trap
  | .outOfBounds => .outOfBoundsAccess pc addr
  | .readOnly => .writeToReadOnly pc addr

structure State where
  pc : Word
  /-- `x0 … x31` in order. Read registers with `State.reg`, which makes `x0` zero. -/
  regs : List Word
  mem : Word → Byte
  /-- The instruction word at each fetchable address (`none`: fetching there faults). -/
  code : Word → Option Word
  layout : Layout
  input : List Byte
  /-- How many input bytes `read` has consumed. -/
  inputPos : Nat
  /-- The private input (fd 3): read like `input`, in no statement (the executor's
  `Machine::with_private_input`). -/
  privateInput : List Byte := []
  /-- How many private input bytes `read` has consumed. -/
  privatePos : Nat := 0
  /-- Bytes written to fd 1: the public output. -/
  output : List Byte
  /-- Bytes written to fd 2, up to `maxOutputLen` of them (a debug log: not part of the result;
  a write to fd 2 never fails for its size, and bytes beyond the first `maxOutputLen` are dropped). -/
  debugOutput : List Byte
  /-- `some c` once the guest has called `exit(c)`; the machine then stays put. -/
  exitCode : Option Word

namespace State

/-- Register `r`; `x0` is hard-wired to zero. -/
def reg (s : State) (r : Reg) : Word := if r = 0 then 0 else s.regs.getD r.toNat 0

/-- Writes `v` to register `r`; writes to `x0` are ignored. -/
def setReg (s : State) (r : Reg) (v : Word) : State :=
  if r = 0 then s else { s with regs := s.regs.set r.toNat v }

/-- The `n` bytes at `addr, addr + 1, …` (addresses wrap around). -/
def readBytes (s : State) (addr : Word) (n : Nat) : List Byte :=
  (List.range n).map fun i => s.mem (addr + BitVec.ofNat 32 i)

/-- `mem` with `bytes` written at `addr, addr + 1, …`. -/
def writeMem (mem : Word → Byte) (addr : Word) : List Byte → (Word → Byte)
  | [] => mem
  | b :: bs => writeMem (fun a => if a = addr then b else mem a) (addr + 1) bs

def writeBytes (s : State) (addr : Word) (bytes : List Byte) : State :=
  { s with mem := writeMem s.mem addr bytes }

/-- The first of the `n` bytes at `addr, addr + 1, …` that may not be read (or, if `write`,
written), with the reason; `none` if the access is allowed. -/
def accessFault (s : State) (write : Bool) (addr : Word) (n : Nat) : Option (Word × AccessFault) :=
  ((List.range n).map fun i => addr + BitVec.ofNat 32 i).findSome? fun a =>
    if !s.layout.mapped a then some (a, .outOfBounds)
    else if write && !s.layout.writable a then some (a, .readOnly)
    else none

/-- Moves on to the next instruction. -/
def next (s : State) : State := { s with pc := s.pc + 4 }

end State

/-- What a test vector compares with the executor: everything but memory (which programs
check by loading it back into registers or writing it to the output). -/
structure Observation where
  pc : Word
  regs : List Word
  inputPos : Nat
  output : List Byte
  debugOutput : List Byte
  exitCode : Option Word
deriving DecidableEq

def State.observe (s : State) : Observation where
  pc := s.pc
  regs := (List.range 32).map fun i => s.reg (BitVec.ofNat 5 i)
  inputPos := s.inputPos
  output := s.output
  debugOutput := s.debugOutput
  exitCode := s.exitCode

/-! ## Registers -/

namespace State

theorem reg_zero (s : State) : s.reg 0 = 0 := rfl

theorem setReg_zero (s : State) (v : Word) : s.setReg 0 v = s := rfl

/-- Reading the register just written (the register file has its 32 entries). -/
theorem reg_setReg_self (s : State) (h : s.regs.length = 32) {r : Reg} (hr : r ≠ 0) (v : Word) :
    (s.setReg r v).reg r = v := by
  have hlt : r.toNat < s.regs.length := by rw [h]; exact r.isLt
  show (if r = 0 then 0 else
    (if r = 0 then s else { s with regs := s.regs.set r.toNat v }).regs.getD r.toNat 0) = v
  rw [if_neg hr, if_neg hr]
  simp [List.getD_eq_getElem?_getD, hlt]

/-- Writing one register leaves the others alone. -/
theorem reg_setReg_other (s : State) {r r' : Reg} (hne : r' ≠ r) (v : Word) :
    (s.setReg r v).reg r' = s.reg r' := by
  have ne : r.toNat ≠ r'.toNat := fun h' => hne (BitVec.eq_of_toNat_eq h').symm
  unfold setReg
  split
  · rfl
  · show (if r' = 0 then 0 else (s.regs.set r.toNat v).getD r'.toNat 0)
      = (if r' = 0 then 0 else s.regs.getD r'.toNat 0)
    by_cases h0 : r' = 0
    · rw [if_pos h0, if_pos h0]
    · rw [if_neg h0, if_neg h0, List.getD_eq_getElem?_getD, List.getD_eq_getElem?_getD,
        List.getElem?_set_ne ne]

theorem setReg_length (s : State) (r : Reg) (v : Word) :
    (s.setReg r v).regs.length = s.regs.length := by
  unfold setReg
  split <;> simp

end State

end Zkvm.RiscV
