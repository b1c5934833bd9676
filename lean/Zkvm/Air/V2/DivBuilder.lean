module

public import Zkvm.Air.V2.DivSpec
public import Zkvm.Air.V2.DivHonest
public import Zkvm.Air.V2.MulBuilder

/-!
# The DIV table: a model of the prover's row builder

`DivTable::push` (rust/prover/src/rv32im2/div.rs) makes one row per EXEC request of DIV, DIVU,
REM, REMU. `Request` is the request (op, clk, a, b, imm, next pc) and `Request.row` the row it
makes, cell by cell as the Rust code writes it (`Request.cell`, as numbers; the row holds their
casts):
* q and r as the builder computes them (`quo`, `rem`): for y = b = 0, q = 0xFFFF_FFFF and
  r = a; signed, `wrapping_div` and `wrapping_rem` of i32, the truncated quotient and remainder
  wrapped to 32 bits (the overflow −2^31 / −1 gives q = −2^31, r = 0); unsigned, `a / y`,
  `a % y`; c is q (DIV, DIVU) or r (REM, REMU);
* the sign bits SA, SY, SR (top bits on signed rows) and SQ (q's top bit, except on overflow);
* the carries `divCarry` over the sign-extended bytes (`qx`, `yx`) and limbs (`rx`, `ax`);
* YZ = [y = 0]; for y ≠ 0, d = |y| − |r'| − 1 in limbs and the borrow β of the remainder
  bound's low limb equation (`beta`, the floor of `low / 2^16` as Rust's `>> 16` on i64), held
  as `signed_field(β)` (`sfield`).

The builder's checks (`Request.checks`: every identity step, the carry sum, the remainder
below the divisor and the bound's limbs) are stated here and shown to pass in
`Zkvm.Air.V2.DivBuilderOk`. Its checks against the executor are not modelled (soundness shows
c is the semantics' result).
-/

@[expose] public section

noncomputable section

namespace Zkvm.Air.V2.Div

open Zkvm.Field Zkvm.RiscV Zkvm.Air.Table Col
open Zkvm.Air.V2.Mul (byteOf)

/-- The ops of the table. -/
inductive Op where
  | div | divu | rem | remu
  deriving DecidableEq

/-- DIV, REM. -/
def Op.isSigned : Op → Bool
  | .div | .rem => true
  | _ => false

/-- DIV, DIVU: c = q. -/
def Op.isQuotient : Op → Bool
  | .div | .divu => true
  | _ => false

/-- An EXEC request as the builder receives it. -/
structure Request where
  op : Op
  clk : Nat
  a : Word
  b : Word
  imm : Word
  nextPc : Nat

/-- `signed_field(v)`: v for v ≥ 0, `field::neg(−v)` = `P − (−v)` below 0. -/
def sfield (v : Int) : Nat :=
  if 0 ≤ v then v.toNat else if (-v).toNat = 0 then 0 else P - (-v).toNat

/-- `abs(v, s)`: `2^32 − v` when s, else v. -/
def absv (v : Word) (s : Nat) : Nat := if s = 1 then 2 ^ 32 - v.toNat else v.toNat

/-- `magnitude(v, s)`: `(lo (1 − 2s), hi (1 − 2s) + 2^16 s)`. -/
def magL (v : Word) (s : Nat) : Int := if s = 1 then -(v.lo : Int) else v.lo
def magH (v : Word) (s : Nat) : Int := if s = 1 then 65536 - (v.hi : Int) else v.hi

namespace Request

variable (t : Request)

/-- `overflow = signed && a == 0x8000_0000 && y == u32::MAX`. -/
def overflow : Bool := t.op.isSigned && t.a.toNat == 2 ^ 31 && t.b.toNat == 2 ^ 32 - 1

/-- q: all ones for y = 0; `wrapping_div` of i32 (signed), `a / y` (unsigned). -/
def quo : Word :=
  if t.b = 0 then BitVec.allOnes 32
  else if t.op.isSigned then BitVec.ofInt 32 (t.a.toInt.tdiv t.b.toInt)
  else BitVec.ofNat 32 (t.a.toNat / t.b.toNat)

/-- r: a for y = 0; `wrapping_rem` of i32 (signed), `a % y` (unsigned). -/
def rem : Word :=
  if t.b = 0 then t.a
  else if t.op.isSigned then BitVec.ofInt 32 (t.a.toInt.tmod t.b.toInt)
  else BitVec.ofNat 32 (t.a.toNat % t.b.toNat)

/-- c = q or r. -/
def c : Word := if t.op.isQuotient then t.quo else t.rem

/-- `top(v) = signed && v >> 31 == 1`. -/
def top (v : Word) : Nat := if t.op.isSigned && v.msb then 1 else 0

def sa : Nat := t.top t.a
def sy : Nat := t.top t.b
def sr : Nat := t.top t.rem
/-- `sq = top(q) && !overflow`. -/
def sq : Nat := if t.op.isSigned && t.quo.msb && !t.overflow then 1 else 0

/-- The eight bytes of q and y, sign-extended (`extend`). -/
def qx (i : Nat) : Nat := if i < 4 then byteOf t.quo.toNat i else 255 * t.sq
def yx (i : Nat) : Nat := if i < 4 then byteOf t.b.toNat i else 255 * t.sy

/-- The four limbs of r and a, sign-extended (`ext`). -/
def rx (m : Nat) : Nat := if m = 0 then t.rem.lo else if m = 1 then t.rem.hi else 65535 * t.sr
def ax (m : Nat) : Nat := if m = 0 then t.a.lo else if m = 1 then t.a.hi else 65535 * t.sa

/-- The carry into limb m. -/
def carry (m : Nat) : Nat := divCarry t.qx t.yx t.rx t.ax m

def absY : Nat := absv t.b t.sy
def absR : Nat := absv t.rem t.sr

/-- d = |y| − |r'| − 1 (y ≠ 0). -/
def d : Nat := t.absY - t.absR - 1

/-- `low = lr + 1 + (d & 0xFFFF) − ly`. -/
def low : Int := magL t.rem t.sr + 1 + ((t.d % 65536 : Nat) : Int) - magL t.b t.sy

/-- `beta = low >> 16` (floor). -/
def beta : Int := t.low / 65536

/-- The builder's checks, all of which must pass for it to make the row. -/
structure checks : Prop where
  /-- "the division identity does not hold": `lhs_m ≥ A_m` and `2^16 ∣ lhs_m − A_m`. -/
  identity : ∀ m, m < 4 → t.ax m ≤ divLhs t.qx t.yx t.rx m + t.carry m ∧
    (divLhs t.qx t.yx t.rx m + t.carry m - t.ax m) % 65536 = 0
  /-- "carries beyond the table's bound". -/
  carry_sum : t.carry 1 + t.carry 2 + t.carry 3 + t.carry 4 < 2 ^ 14
  /-- "the remainder is not below the divisor" (y ≠ 0). -/
  rem_lt : t.b ≠ 0 → t.absR < t.absY
  /-- "the remainder bound's limbs" (y ≠ 0). -/
  bound_low : t.b ≠ 0 → t.low = t.beta * 65536
  bound_high : t.b ≠ 0 → magH t.rem t.sr + ((t.d / 65536 : Nat) : Int) + t.beta = magH t.b t.sy
  bound_beta : t.b ≠ 0 → -1 ≤ t.beta ∧ t.beta ≤ 254

def flag (o : Op) : Nat := if t.op = o then 1 else 0

/-- y ≠ 0: the bound's cells are written. -/
def nz : Bool := t.b != 0

/-- The row's cells, as numbers, in column order (div.rs). -/
def cell (col : Nat) : Nat :=
  [t.flag .div, t.flag .divu, t.flag .rem, t.flag .remu, t.clk, t.imm.lo, t.imm.hi, t.nextPc,
   t.a.lo, t.a.hi, t.sa,
   byteOf t.quo.toNat 0, byteOf t.quo.toNat 1, byteOf t.quo.toNat 2, byteOf t.quo.toNat 3, t.sq,
   byteOf t.b.toNat 0, byteOf t.b.toNat 1, byteOf t.b.toNat 2, byteOf t.b.toNat 3, t.sy,
   t.rem.lo, t.rem.hi, t.sr, t.c.lo, t.c.hi,
   t.carry 1, t.carry 2, t.carry 3, t.carry 4,
   if t.b = 0 then 1 else 0,
   if t.b = 0 then 0 else t.d % 65536, if t.b = 0 then 0 else t.d / 65536,
   if t.b = 0 then 0 else sfield t.beta].getD col 0

/-- The row: the cells' casts. -/
def row : Row BabyBear := fun col => ((t.cell col : Nat) : BabyBear)

end Request

end Zkvm.Air.V2.Div

end
