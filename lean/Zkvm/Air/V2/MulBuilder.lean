module

public import Zkvm.Air.V2.MulHonest

/-!
# The MUL table: a model of the prover's row builder

`MulTable::push` (rust/prover/src/rv32im2/mul.rs) makes one row per EXEC request. `Request` is
the request (op, immediate form, clk, a, b, imm, next pc) and `Request.row` the row it makes,
cell by cell as the Rust code writes it (`Request.cell`, as numbers; the row holds their
casts): the op's flag, the immediate form, clk, b's and imm's limbs, next pc, a's bytes, SA =
[a signed and negative], the second factor's bytes (b's, or the POW2 factor of the shift
amount s = y & 31), SB = [MULH and b negative], c's and x's limbs (c is P's high word for
MULH*, right shifts by s > 0, else its low word), the carries of `limb_product`
(`honestCarry`), and on shift rows S = s, T = (y & 0xFFFF) >> 5, NZ = [s ≠ 0]. The builder's
checks against the executor and against `reference` are not modelled (soundness shows c is the
semantics' result).
-/

@[expose] public section

noncomputable section

namespace Zkvm.Air.V2.Mul

open Zkvm.Field Zkvm.RiscV Zkvm.Air.Table Col

/-- The ops of the table. -/
inductive Op where
  | mul | mulh | mulhsu | mulhu | sll | srl | sra
  deriving DecidableEq

def Op.isShift : Op → Bool
  | .sll | .srl | .sra => true
  | _ => false

def Op.isRight : Op → Bool
  | .srl | .sra => true
  | _ => false

def Op.aSigned : Op → Bool
  | .mulh | .mulhsu | .sra => true
  | _ => false

/-- MULH, MULHSU, MULHU: c is the high word. -/
def Op.high : Op → Bool
  | .mulh | .mulhsu | .mulhu => true
  | _ => false

/-- An EXEC request as the builder receives it. -/
structure Request where
  op : Op
  useImm : Bool
  clk : Nat
  a : Word
  b : Word
  imm : Word
  nextPc : Nat

/-- Byte i of a number: `(v >> 8i) & 0xFF`. -/
def byteOf (v i : Nat) : Nat := v / 256 ^ i % 256

namespace Request

variable (q : Request)

/-- `y = if use_imm { imm } else { b }`. -/
def y : Word := if q.useImm then q.imm else q.b

/-- `s = y & 31`. -/
def amt : Nat := q.y.toNat % 32

/-- `sa = a_signed && a >> 31 == 1`. -/
def sa : Nat := if q.op.aSigned && q.a.msb then 1 else 0

/-- The second factor: the POW2 factor on shifts, else y. -/
def second : Nat :=
  if q.op.isShift then pow2Factor (if q.op.isRight then 1 else 0) q.amt else q.y.toNat

/-- `sb = base == OP_MULH && y >> 31 == 1` (0 on shifts). -/
def sb : Nat := if q.op = .mulh && q.y.msb then 1 else 0

/-- The factors' eight bytes (`extend`). -/
def xs (i : Nat) : Nat := if i < 4 then byteOf q.a.toNat i else 255 * q.sa
def ys (i : Nat) : Nat := if i < 4 then byteOf q.second i else 255 * q.sb

/-- c is P's high word. -/
def th : Bool := q.op.high || (q.op.isRight && q.amt != 0)

def low : Nat := honestLimb q.xs q.ys 0 + 65536 * honestLimb q.xs q.ys 1
def high : Nat := honestLimb q.xs q.ys 2 + 65536 * honestLimb q.xs q.ys 3

/-- c and the other word x. -/
def c : Nat := if q.th then q.high else q.low
def x : Nat := if q.th then q.low else q.high

def flag (o : Op) : Nat := if q.op = o then 1 else 0

/-- The row's cells, as numbers, in column order (mul.rs). -/
def cell (col : Nat) : Nat :=
  [q.flag .mul, q.flag .mulh, q.flag .mulhsu, q.flag .mulhu, q.flag .sll, q.flag .srl,
   q.flag .sra, if q.useImm then 1 else 0, q.clk, q.b.lo, q.b.hi, q.imm.lo, q.imm.hi,
   q.nextPc, byteOf q.a.toNat 0, byteOf q.a.toNat 1, byteOf q.a.toNat 2, byteOf q.a.toNat 3,
   q.sa, byteOf q.second 0, byteOf q.second 1, byteOf q.second 2, byteOf q.second 3, q.sb,
   q.c % 65536, q.c / 65536, q.x % 65536, q.x / 65536,
   honestCarry q.xs q.ys 1, honestCarry q.xs q.ys 2, honestCarry q.xs q.ys 3,
   honestCarry q.xs q.ys 4,
   if q.op.isShift then q.amt else 0, if q.op.isShift then q.y.lo / 32 else 0,
   if q.op.isShift && q.amt != 0 then 1 else 0].getD col 0

/-- The row: the cells' casts. -/
def row : Row BabyBear := fun col => ((q.cell col : Nat) : BabyBear)

end Request

end Zkvm.Air.V2.Mul

end
