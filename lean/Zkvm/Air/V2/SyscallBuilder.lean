module

public import Zkvm.Air.V2.SyscallSpec
public import Zkvm.Air.V2.CpuBuilder

/-!
# The SYSCALL table: a model of the prover's row builder

`SyscallTable::push` (rust/prover/src/rv32im2/syscall.rs) makes one SYSCALL row per ECALL.
`Request` is what it works from: the kind (a7: exit, read, write), clk, a7, a0 and the next pc of
the EXEC request, and what the `Builder` gives the accesses at port 3 (timestamp 4 clk + 4):
a1 (buf) and a2 (len) with their previous timestamps on reads and writes, the cursor's value and
previous timestamp (exit: the input cursor; a read: the input's or the private input's; a write
to fd 1: the output cursor; none for fd 2), the output cursor on exit, and the length `lim` of
the input a read reads. `Request.row` is the row it makes, cell by cell as the Rust code writes
it: a read copies `min(lim − cur, len)` bytes, d = len − count, the carry of the low limbs. The
builder's checks (against the executor's step record, the 2^30 bounds, mapped buffers) and the IO
rows it makes are not modelled here.
-/

@[expose] public section

noncomputable section

namespace Zkvm.Air.V2.Syscall

open Zkvm.Field Zkvm.RiscV Zkvm.Air.Table Col
open Zkvm.Air.V2.Cpu (Access)

/-- The three syscalls. -/
inductive Kind where
  | exit | read | write
  deriving DecidableEq

/-- What `SyscallTable::push` works from for one ECALL. -/
structure Request where
  kind : Kind
  clk : Nat
  a7 : Word
  a0 : Word
  nextPc : Nat
  /-- The cursor cell's value and access (exit: the input cursor). -/
  cur : Nat
  accCur : Access
  /-- Exit: the output cursor's value and access. -/
  out : Nat
  accOut : Access
  /-- Reads and writes: a1 and a2 and their accesses. -/
  buf : Word
  accBuf : Access
  len : Word
  accLen : Access
  /-- A read: the length of the input it reads. -/
  lim : Nat

/-- A flag cell, and a cell written only when `b`. -/
def bitF (b : Bool) : BabyBear := if b then 1 else 0
def cellF (b : Bool) (n : Nat) : BabyBear := if b then (n : BabyBear) else 0

namespace Request

variable (q : Request)

def isRead : Bool := q.kind = .read
def isWrite : Bool := q.kind = .write
def isExit : Bool := q.kind = .exit
def moves : Bool := q.kind ≠ .exit
def fd2 : Bool := q.kind = .write && q.a0 = 2
def fd3 : Bool := q.kind = .read && q.a0 = 3

/-- The port-3 timestamp. -/
def ts : Nat := 4 * q.clk + 4

/-- The bytes moved: `min(lim − cur, len)` on a read, len on a write. -/
def count : Nat := if q.isRead then min (q.lim - q.cur) q.len.toNat else q.len.toNat

/-- c: a0 on exit, the count otherwise. -/
def c : Word := if q.isExit then q.a0 else BitVec.ofNat 32 q.count

/-- A read's d = len − count and the carry of count_lo + d_lo. -/
def d : Nat := q.len.toNat - q.count
def carry : Nat := (q.count % 2 ^ 16 + q.d % 2 ^ 16) / 2 ^ 16

/-- The cursor cells: 0 for a write to fd 2 (no cursor). -/
def curCell : Nat := if q.fd2 then 0 else q.cur
def curNew : Nat := if q.isExit then q.cur else q.curCell + q.count

/-- The row, in column order (syscall.rs). -/
def row : Row BabyBear := fun col =>
  [bitF q.isRead, bitF q.isWrite, bitF q.isExit, bitF q.fd2, (q.clk : BabyBear),
   (q.a7.lo : BabyBear), (q.a7.hi : BabyBear), (q.a0.lo : BabyBear), (q.a0.hi : BabyBear),
   (q.c.lo : BabyBear), (q.c.hi : BabyBear), (q.nextPc : BabyBear),
   cellF q.moves q.buf.lo, cellF q.moves q.buf.hi, cellF q.moves q.accBuf.prevTs,
   cellF q.moves (q.accBuf.gapLo q.ts), cellF q.moves (q.accBuf.gapHi q.ts),
   cellF q.moves q.len.lo, cellF q.moves q.len.hi, cellF q.moves q.accLen.prevTs,
   cellF q.moves (q.accLen.gapLo q.ts), cellF q.moves (q.accLen.gapHi q.ts),
   (q.curCell : BabyBear), (q.curNew : BabyBear),
   cellF (!q.fd2) q.accCur.prevTs, cellF (!q.fd2) (q.accCur.gapLo q.ts),
   cellF (!q.fd2) (q.accCur.gapHi q.ts),
   cellF q.isExit q.out, cellF q.isExit q.accOut.prevTs, cellF q.isExit (q.accOut.gapLo q.ts),
   cellF q.isExit (q.accOut.gapHi q.ts),
   cellF q.isRead (q.d % 2 ^ 16), cellF q.isRead (q.d / 2 ^ 16), cellF q.isRead q.carry,
   bitF q.fd3, cellF q.isRead q.lim].getD col 0

theorem row_fRead : q.row Col.fRead = bitF q.isRead := rfl
theorem row_fWrite : q.row Col.fWrite = bitF q.isWrite := rfl
theorem row_fExit : q.row Col.fExit = bitF q.isExit := rfl
theorem row_fd2 : q.row Col.fd2 = bitF q.fd2 := rfl
theorem row_clk : q.row Col.clk = (q.clk : BabyBear) := rfl
theorem row_aLo : q.row Col.aLo = (q.a7.lo : BabyBear) := rfl
theorem row_aHi : q.row Col.aHi = (q.a7.hi : BabyBear) := rfl
theorem row_bLo : q.row Col.bLo = (q.a0.lo : BabyBear) := rfl
theorem row_bHi : q.row Col.bHi = (q.a0.hi : BabyBear) := rfl
theorem row_cLo : q.row Col.cLo = (q.c.lo : BabyBear) := rfl
theorem row_cHi : q.row Col.cHi = (q.c.hi : BabyBear) := rfl
theorem row_nextPc : q.row Col.nextPc = (q.nextPc : BabyBear) := rfl
theorem row_bufLo : q.row Col.bufLo = cellF q.moves q.buf.lo := rfl
theorem row_bufHi : q.row Col.bufHi = cellF q.moves q.buf.hi := rfl
theorem row_tBuf : q.row Col.tBuf = cellF q.moves q.accBuf.prevTs := rfl
theorem row_gbLo : q.row Col.gbLo = cellF q.moves (q.accBuf.gapLo q.ts) := rfl
theorem row_gbHi : q.row Col.gbHi = cellF q.moves (q.accBuf.gapHi q.ts) := rfl
theorem row_lenLo : q.row Col.lenLo = cellF q.moves q.len.lo := rfl
theorem row_lenHi : q.row Col.lenHi = cellF q.moves q.len.hi := rfl
theorem row_tLen : q.row Col.tLen = cellF q.moves q.accLen.prevTs := rfl
theorem row_glLo : q.row Col.glLo = cellF q.moves (q.accLen.gapLo q.ts) := rfl
theorem row_glHi : q.row Col.glHi = cellF q.moves (q.accLen.gapHi q.ts) := rfl
theorem row_cur : q.row Col.cur = (q.curCell : BabyBear) := rfl
theorem row_curNew : q.row Col.curNew = (q.curNew : BabyBear) := rfl
theorem row_tCur : q.row Col.tCur = cellF (!q.fd2) q.accCur.prevTs := rfl
theorem row_gcLo : q.row Col.gcLo = cellF (!q.fd2) (q.accCur.gapLo q.ts) := rfl
theorem row_gcHi : q.row Col.gcHi = cellF (!q.fd2) (q.accCur.gapHi q.ts) := rfl
theorem row_out : q.row Col.out = cellF q.isExit q.out := rfl
theorem row_tOut : q.row Col.tOut = cellF q.isExit q.accOut.prevTs := rfl
theorem row_goLo : q.row Col.goLo = cellF q.isExit (q.accOut.gapLo q.ts) := rfl
theorem row_goHi : q.row Col.goHi = cellF q.isExit (q.accOut.gapHi q.ts) := rfl
theorem row_dLo : q.row Col.dLo = cellF q.isRead (q.d % 2 ^ 16) := rfl
theorem row_dHi : q.row Col.dHi = cellF q.isRead (q.d / 2 ^ 16) := rfl
theorem row_carry : q.row Col.carry = cellF q.isRead q.carry := rfl
theorem row_fd3 : q.row Col.fd3 = bitF q.fd3 := rfl
theorem row_lim : q.row Col.lim = cellF q.isRead q.lim := rfl

end Request

end Zkvm.Air.V2.Syscall

end
