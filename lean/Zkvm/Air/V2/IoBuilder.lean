module

public import Zkvm.Air.V2.IoSpec
public import Zkvm.Air.V2.CpuBuilder

/-!
# The IO table: a model of the prover's row builder

`SyscallTable::move_bytes` (rust/prover/src/rv32im2/syscall.rs) makes one IO row per memory word a
read or write touches. `Request` is what it works from for one word: the kind (read of fd 0,
read of fd 3, write to fd 1, write to fd 2), clk, the word address and whether it is ROM, the
position lane 0 would have (a field element: the Rust code reduces `pos + 4 wa − buf` modulo p),
the first and last lanes moved (f ≤ e ≤ 3), the old word, the new word (reads: the old word with
lanes f … e replaced by input bytes; writes: the old word) and the cell's previous timestamp.
`Request.row` is the row, cell by cell as the Rust code writes it. The builder's checks (mapped
words, input positions) are not modelled.
-/

@[expose] public section

noncomputable section

namespace Zkvm.Air.V2.Io

open Zkvm.Field Zkvm.RiscV Zkvm.Air.Table Col
open Zkvm.Air.V2.Cpu (Access)

/-- The four kinds of IO row. -/
inductive Kind where
  | read | priv | write1 | write2
  deriving DecidableEq

/-- What `move_bytes` works from for one word. -/
structure Request where
  kind : Kind
  clk : Nat
  wa : Nat
  rom : Bool
  base : BabyBear
  f : Nat
  e : Nat
  old : Word
  new : Word
  prevTs : Nat

/-- A flag cell. -/
def bitF (b : Bool) : BabyBear := if b then 1 else 0

namespace Request

variable (q : Request)

/-- The port-3 timestamp and the access. -/
def ts : Nat := 4 * q.clk + 4
def acc : Access := ⟨q.old, q.prevTs⟩

/-- The row, in column order (io.rs). -/
def row : Row BabyBear := fun col =>
  [bitF (q.kind = .read), bitF (q.kind = .write1), bitF (q.kind = .write2), (q.clk : BabyBear),
   (q.wa : BabyBear), bitF q.rom, q.base,
   bitF (q.f = 1), bitF (q.f = 2), bitF (q.f = 3), bitF (q.e = 1), bitF (q.e = 2), bitF (q.e = 3),
   (q.old.byte 0 : BabyBear), (q.old.byte 1 : BabyBear), (q.old.byte 2 : BabyBear),
   (q.old.byte 3 : BabyBear),
   (q.new.byte 0 : BabyBear), (q.new.byte 1 : BabyBear), (q.new.byte 2 : BabyBear),
   (q.new.byte 3 : BabyBear),
   (q.prevTs : BabyBear), (q.acc.gapLo q.ts : BabyBear), (q.acc.gapHi q.ts : BabyBear),
   bitF (q.kind = .priv)].getD col 0

theorem row_kRead : q.row kRead = bitF (q.kind = .read) := rfl
theorem row_kWrite1 : q.row kWrite1 = bitF (q.kind = .write1) := rfl
theorem row_kWrite2 : q.row kWrite2 = bitF (q.kind = .write2) := rfl
theorem row_kPriv : q.row kPriv = bitF (q.kind = .priv) := rfl
theorem row_clk : q.row Col.clk = (q.clk : BabyBear) := rfl
theorem row_rom : q.row Col.rom = bitF q.rom := rfl
theorem row_s1 : q.row s1 = bitF (q.f = 1) := rfl
theorem row_s2 : q.row s2 = bitF (q.f = 2) := rfl
theorem row_s3 : q.row s3 = bitF (q.f = 3) := rfl
theorem row_t1 : q.row t1 = bitF (q.e = 1) := rfl
theorem row_t2 : q.row t2 = bitF (q.e = 2) := rfl
theorem row_t3 : q.row t3 = bitF (q.e = 3) := rfl
theorem row_u (j : Nat) (hj : j < 4) : q.row (u0 + j) = (q.old.byte j : BabyBear) := by
  rcases (by omega : j = 0 ∨ j = 1 ∨ j = 2 ∨ j = 3) with rfl | rfl | rfl | rfl <;> rfl
theorem row_n (j : Nat) (hj : j < 4) : q.row (n0 + j) = (q.new.byte j : BabyBear) := by
  rcases (by omega : j = 0 ∨ j = 1 ∨ j = 2 ∨ j = 3) with rfl | rfl | rfl | rfl <;> rfl
theorem row_prevTs : q.row Col.prevTs = (q.prevTs : BabyBear) := rfl
theorem row_gLo : q.row Col.gLo = (q.acc.gapLo q.ts : BabyBear) := rfl
theorem row_gHi : q.row Col.gHi = (q.acc.gapHi q.ts : BabyBear) := rfl

end Request

end Zkvm.Air.V2.Io

end
