module

public import Zkvm.Air.V2.CpuSpec

/-!
# The CPU table: a model of the prover's row builder

`build_segment` (rust/prover/src/rv32im2/run.rs) makes one CPU row per executed instruction with
`cpu::fill` (rust/prover/src/rv32im2/cpu.rs) and then padding rows with `cpu::fill_padding`.
`Step` is what `fill` receives (clk, next pc, the PROG message's fields, a, b, c, the three
register accesses the `Builder` returned, halt), and `Step.row` the row it makes, cell by cell
as the Rust code writes it (`row_*`: each cell, by definition). The accesses are modelled by
what `Builder::access` computes: the previous timestamp and the old value, and the gap
ts − prev_ts − 1 split in limbs (`Access.gapLo`, `Access.gapHi`). `paddingRow clk` is
`fill_padding`'s row: clk, next_pc = 4, zeros elsewhere.
-/

@[expose] public section

noncomputable section

namespace Zkvm.Air.V2.Cpu

open Zkvm.Field Zkvm.RiscV Zkvm.Air.Table Col

/-- A register access as `Builder::access` returns it (builder.rs `Access`). -/
structure Access where
  old : Word
  prevTs : Nat

/-- The gap ts − prev_ts − 1 of an access at timestamp `ts`, in limbs. -/
def Access.gap (x : Access) (ts : Nat) : Nat := ts - x.prevTs - 1
def Access.gapLo (x : Access) (ts : Nat) : Nat := x.gap ts % 2 ^ 16
def Access.gapHi (x : Access) (ts : Nat) : Nat := x.gap ts / 2 ^ 16

/-- What `cpu::fill` receives for one instruction. -/
structure Step where
  clk : Nat
  nextPc : Nat
  /-- The PROG message's fields (fixed::prog_row). -/
  pc : Nat
  op : Nat
  rs1 : Nat
  rs2 : Nat
  rd : Nat
  imm : Word
  k : Word
  target : Nat
  flags : Nat
  /-- rs1's and rs2's values, rd's new value. -/
  a : Word
  b : Word
  c : Word
  /-- The register ports' accesses; the rd port's only when the instruction writes rd. -/
  acc1 : Access
  acc2 : Access
  acc3 : Option Access
  halt : Bool

namespace Step

variable (q : Step)

/-- Flag i of the packed PROG flags: `(flags >> i) & 1`. -/
def bit (i : Nat) : Nat := q.flags / 2 ^ i % 2

/-- The port timestamps 4 clk + port + 1. -/
def ts1 : Nat := 4 * q.clk + 1
def ts2 : Nat := 4 * q.clk + 2
def ts3 : Nat := 4 * q.clk + 3

/-- The rd port's cells (zero without a write). -/
def t3 : Nat := match q.acc3 with | some x => x.prevTs | none => 0
def g3Lo : Nat := match q.acc3 with | some x => x.gapLo q.ts3 | none => 0
def g3Hi : Nat := match q.acc3 with | some x => x.gapHi q.ts3 | none => 0
def pLo : Nat := match q.acc3 with | some x => x.old.lo | none => 0
def pHi : Nat := match q.acc3 with | some x => x.old.hi | none => 0

/-- The row, in column order (cpu.rs). -/
def row : Row BabyBear := fun col =>
  [1, if q.halt then 1 else 0, (q.clk : BabyBear), (q.pc : BabyBear), (q.nextPc : BabyBear),
   (q.op : BabyBear), (q.rs1 : BabyBear), (q.rs2 : BabyBear), (q.rd : BabyBear),
   (q.imm.lo : BabyBear), (q.imm.hi : BabyBear), (q.k.lo : BabyBear), (q.k.hi : BabyBear),
   (q.target : BabyBear),
   (q.bit 0 : BabyBear), (q.bit 1 : BabyBear), (q.bit 2 : BabyBear), (q.bit 3 : BabyBear),
   (q.bit 4 : BabyBear), (q.bit 5 : BabyBear),
   (q.a.lo : BabyBear), (q.a.hi : BabyBear), (q.b.lo : BabyBear), (q.b.hi : BabyBear),
   (q.c.lo : BabyBear), (q.c.hi : BabyBear),
   (q.acc1.prevTs : BabyBear), (q.acc2.prevTs : BabyBear), (q.t3 : BabyBear),
   (q.acc1.gapLo q.ts1 : BabyBear), (q.acc1.gapHi q.ts1 : BabyBear),
   (q.acc2.gapLo q.ts2 : BabyBear), (q.acc2.gapHi q.ts2 : BabyBear),
   (q.g3Lo : BabyBear), (q.g3Hi : BabyBear), (q.pLo : BabyBear), (q.pHi : BabyBear)].getD col 0

theorem row_isReal : q.row Col.isReal = 1 := rfl
theorem row_halt : q.row Col.halt = if q.halt then 1 else 0 := rfl
theorem row_clk : q.row Col.clk = (q.clk : BabyBear) := rfl
theorem row_pc : q.row Col.pc = (q.pc : BabyBear) := rfl
theorem row_nextPc : q.row Col.nextPc = (q.nextPc : BabyBear) := rfl
theorem row_kLo : q.row Col.kLo = (q.k.lo : BabyBear) := rfl
theorem row_kHi : q.row Col.kHi = (q.k.hi : BabyBear) := rfl
theorem row_target : q.row Col.target = (q.target : BabyBear) := rfl
theorem row_fWr : q.row Col.fWr = (q.bit 0 : BabyBear) := rfl
theorem row_fBr : q.row Col.fBr = (q.bit 1 : BabyBear) := rfl
theorem row_fJal : q.row Col.fJal = (q.bit 2 : BabyBear) := rfl
theorem row_fJalr : q.row Col.fJalr = (q.bit 3 : BabyBear) := rfl
theorem row_fK : q.row Col.fK = (q.bit 4 : BabyBear) := rfl
theorem row_fExec : q.row Col.fExec = (q.bit 5 : BabyBear) := rfl
theorem row_cLo : q.row Col.cLo = (q.c.lo : BabyBear) := rfl
theorem row_cHi : q.row Col.cHi = (q.c.hi : BabyBear) := rfl
theorem row_t1 : q.row Col.t1 = (q.acc1.prevTs : BabyBear) := rfl
theorem row_t2 : q.row Col.t2 = (q.acc2.prevTs : BabyBear) := rfl
theorem row_t3 : q.row Col.t3 = (q.t3 : BabyBear) := rfl
theorem row_g1Lo : q.row Col.g1Lo = (q.acc1.gapLo q.ts1 : BabyBear) := rfl
theorem row_g1Hi : q.row Col.g1Hi = (q.acc1.gapHi q.ts1 : BabyBear) := rfl
theorem row_g2Lo : q.row Col.g2Lo = (q.acc2.gapLo q.ts2 : BabyBear) := rfl
theorem row_g2Hi : q.row Col.g2Hi = (q.acc2.gapHi q.ts2 : BabyBear) := rfl
theorem row_g3Lo : q.row Col.g3Lo = (q.g3Lo : BabyBear) := rfl
theorem row_g3Hi : q.row Col.g3Hi = (q.g3Hi : BabyBear) := rfl

end Step

/-- `fill_padding`'s row: clk counts on, next_pc = 4 (pc + 4 with pc = 0), zeros elsewhere. -/
def paddingRow (c : Nat) : Row BabyBear := fun col =>
  if col = clk then (c : BabyBear) else if col = nextPc then 4 else 0

theorem paddingRow_clk (c : Nat) : paddingRow c clk = (c : BabyBear) := rfl
theorem paddingRow_nextPc (c : Nat) : paddingRow c nextPc = 4 := rfl
theorem paddingRow_other (c : Nat) {col : Nat} (h₁ : col ≠ clk) (h₂ : col ≠ nextPc) :
    paddingRow c col = 0 := by
  simp [paddingRow, h₁, h₂]

end Zkvm.Air.V2.Cpu

end
