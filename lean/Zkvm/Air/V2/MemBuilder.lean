module

public import Zkvm.Air.V2.MemBasic

/-!
# The MEM table: a model of the prover's row builder

`MemTable::push` (rust/prover/src/rv32im2/mem.rs) makes one row per load or store. `Request` is
the request (op, clk, a, b, imm, next pc) together with what the builder's memory gives the
access: the old word, whether the word is ROM, and the cell's previous timestamp. `Request.row`
is the row it makes, cell by cell as the Rust code writes it, on natural numbers: the address
`a + imm` (wrapping), its lane `addr & 3`, `q = (addr & 0xFFFF) >> 2`, `addr >> 16`, the carry
`((a & 0xFFFF) + (imm & 0xFFFF)) >> 16`, the raw lanes (`(old >> 8 lane) & mask` for loads,
`b & mask` for stores), the new word (the old word with the lanes replaced by raw), c (the raw
value, sign-extended for LB and LH), the gap `4 clk + 4 − prev_ts − 1` in two limbs, the bytes
x0, x1 of the addressed half, v, its top bit s and y1. The builder's checks (against the
executor's step record, alignment, ROM and unmapped targets, the shadow memory) are not
modelled.
-/

@[expose] public section

noncomputable section

namespace Zkvm.Air.V2.Mem

open Zkvm.Field Zkvm.RiscV Zkvm.Air.Table Col

/-- A load or store request as the builder receives it, with what its memory returns. -/
structure Request where
  op : Op
  clk : Nat
  a : Word
  b : Word
  imm : Word
  nextPc : Nat
  /-- The word at the address before the access (`b.peek`). -/
  old : Word
  /-- Whether the word is ROM (space 2). -/
  rom : Bool
  /-- The cell's previous timestamp. -/
  prevTs : Nat

namespace Request

variable (q : Request)

def isStore : Bool := q.op = .sb || q.op = .sh || q.op = .sw

/-- The access width in bytes. -/
def width : Nat :=
  match q.op with
  | .lb | .lbu | .sb => 1
  | .lh | .lhu | .sh => 2
  | .lw | .sw => 4

/-- `a.wrapping_add(imm)`. -/
def addr : Nat := (q.a + q.imm).toNat

def lane : Nat := q.addr &&& 3

def shift : Nat := 8 * q.lane

def mask : Nat := if q.width = 1 then 0xFF else if q.width = 2 then 0xFFFF else 0xFFFFFFFF

/-- The raw lanes read or written, zero-extended. -/
def raw : Nat := if q.isStore then q.b.toNat &&& q.mask else (q.old.toNat >>> q.shift) &&& q.mask

/-- The new word: for stores the old word with the lanes `shift .. shift + 8 width` cleared and
`raw` put there, `old` for loads. The Rust code writes it with bit masks,
`(old & !(mask << shift)) | (raw << shift)`; the model writes the same number arithmetically (the
builder vectors check the two agree). -/
def new : Nat :=
  if q.isStore then
    q.old.toNat - q.old.toNat / 2 ^ q.shift % (q.mask + 1) * 2 ^ q.shift + q.raw * 2 ^ q.shift
  else q.old.toNat

/-- c: the raw value, sign-extended for LB (`as u8 as i8 as i32`) and LH; 0 for stores. -/
def c : Nat :=
  match q.op with
  | .lb => ((BitVec.ofNat 8 q.raw).signExtend 32).toNat
  | .lh => ((BitVec.ofNat 16 q.raw).signExtend 32).toNat
  | .lw | .lbu | .lhu => q.raw
  | _ => 0

/-- The timestamp of port 3 and the causality gap. -/
def ts : Nat := 4 * q.clk + 4
def gap : Nat := q.ts - q.prevTs - 1

def subWord : Bool := q.width < 4

/-- The addressed half of the old word and its bytes. -/
def half : Nat := if q.lane ≥ 2 then q.old.toNat >>> 16 else q.old.toNat &&& 0xFFFF
def x0 : Nat := if q.subWord then q.half &&& 0xFF else 0
def x1 : Nat := if q.subWord then q.half >>> 8 else 0

/-- v: the addressed byte (LB, LBU), the half's high byte (LH), b's low byte (SB). -/
def v : Nat :=
  match q.op with
  | .lb | .lbu => (q.old.toNat >>> q.shift) &&& 0xFF
  | .lh => q.half >>> 8
  | .sb => q.b.toNat &&& 0xFF
  | _ => 0

def s : Nat :=
  match q.op with
  | .lb | .lh | .sb => q.v >>> 7
  | _ => 0

def y1 : Nat := if q.op = .sb then (q.b.toNat >>> 8) &&& 0xFF else 0

def flagCell (o : Op) : Nat := if q.op = o then 1 else 0

def laneCell (k : Nat) : Nat := if q.lane = k then 1 else 0

/-- The row's cells, in column order (mem.rs). -/
def cells : List Nat :=
  [q.flagCell .lb, q.flagCell .lh, q.flagCell .lw, q.flagCell .lbu, q.flagCell .lhu,
   q.flagCell .sb, q.flagCell .sh, q.flagCell .sw,
   q.clk, q.a.toNat &&& 0xFFFF, q.a.toNat >>> 16, q.b.toNat &&& 0xFFFF, q.b.toNat >>> 16,
   q.c &&& 0xFFFF, q.c >>> 16, q.imm.toNat &&& 0xFFFF, q.imm.toNat >>> 16, q.nextPc,
   (q.addr &&& 0xFFFF) >>> 2, q.addr >>> 16,
   ((q.a.toNat &&& 0xFFFF) + (q.imm.toNat &&& 0xFFFF)) >>> 16,
   q.laneCell 1, q.laneCell 2, q.laneCell 3, if q.rom then 1 else 0,
   q.old.toNat &&& 0xFFFF, q.old.toNat >>> 16, q.new &&& 0xFFFF, q.new >>> 16,
   q.prevTs, q.gap &&& 0xFFFF, q.gap >>> 16,
   q.x0, q.x1, q.v, q.s, q.y1]

theorem length_cells : q.cells.length = 37 := rfl

/-- The row. -/
def row : Row BabyBear := fun col => ((q.cells.getD col 0 : Nat) : BabyBear)

end Request

end Zkvm.Air.V2.Mem

end
