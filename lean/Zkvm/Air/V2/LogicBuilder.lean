module

public import Zkvm.Air.V2.LogicBasic

/-!
# The LOGIC table: a model of the prover's row builder

`LogicTable::push` (rust/prover/src/rv32im2/logic.rs) makes one row per EXEC request. `Request`
is the request (op, immediate form, clk, a, b, imm, next pc) and `Request.row` the row it
makes, cell by cell as the Rust code writes it: the flag of the op, the immediate form, clk,
b's and c's and imm's limbs (`& 0xFFFF`, `>> 16`), next pc, and for i < 8 the nibbles
`(a >> 4i) & 15`, `(y >> 4i) & 15` and their AND. The builder's consistency checks against the
executor (operands and result equal to the step record's) are not modelled.
-/

@[expose] public section

noncomputable section

namespace Zkvm.Air.V2.Logic

open Zkvm.Field Zkvm.RiscV Zkvm.Air.Table Col

/-- Nibble `i` of a word: `(w >> 4i) & 15`. -/
def nibble (w : Word) (i : Nat) : Nat := (w.toNat >>> (4 * i)) &&& 15

theorem nibble_lt (w : Word) (i : Nat) : nibble w i < 16 :=
  Nat.and_lt_two_pow (n := 4) _ (by decide)

theorem nibble_eq (w : Word) (i : Nat) : nibble w i = w.toNat / 2 ^ (4 * i) % 16 := by
  rw [nibble, Nat.shiftRight_eq_div_pow, (by decide : (15 : Nat) = 2 ^ 4 - 1),
    Nat.and_two_pow_sub_one_eq_mod]

/-- The low limb's four nibbles. -/
theorem nib_lo (w : Word) : nib (nibble w 0) (nibble w 1) (nibble w 2) (nibble w 3) = w.lo := by
  simp only [nibble_eq, Word.lo, nib, Nat.reduceMul, Nat.reducePow]
  omega

/-- The high limb's four nibbles. -/
theorem nib_hi (w : Word) : nib (nibble w 4) (nibble w 5) (nibble w 6) (nibble w 7) = w.hi := by
  have := w.toNat_lt
  simp only [nibble_eq, Word.hi, nib, Nat.reduceMul, Nat.reducePow] at this ⊢
  omega

/-- An EXEC request as the builder receives it. -/
structure Request where
  op : Op
  useImm : Bool
  clk : Nat
  a : Word
  b : Word
  imm : Word
  nextPc : Nat

namespace Request

variable (q : Request)

/-- `y = if use_imm { imm } else { b }`. -/
def y : Word := if q.useImm then q.imm else q.b

/-- `c = a ^ y`, `a | y` or `a & y`. -/
def c : Word :=
  match q.op with
  | .xor => q.a ^^^ q.y
  | .or => q.a ||| q.y
  | .and => q.a &&& q.y

/-- The nibble cells: a's, y's and their ANDs. -/
def an (i : Nat) : Nat := nibble q.a i
def yn (i : Nat) : Nat := nibble q.y i
def nn (i : Nat) : Nat := q.an i &&& q.yn i

def flagCell (o : Op) : BabyBear := if q.op = o then 1 else 0

/-- The cells before the nibbles, in column order (logic.rs). -/
def cells : List BabyBear :=
  [q.flagCell .xor, q.flagCell .or, q.flagCell .and, if q.useImm then 1 else 0,
   (q.clk : BabyBear), (q.b.lo : BabyBear), (q.b.hi : BabyBear), (q.c.lo : BabyBear),
   (q.c.hi : BabyBear), (q.imm.lo : BabyBear), (q.imm.hi : BabyBear), (q.nextPc : BabyBear)]

/-- The row. -/
def row : Row BabyBear := fun col =>
  if col < a0 then q.cells.getD col 0
  else if col < y0 then ((q.an (col - a0) : Nat) : BabyBear)
  else if col < n0 then ((q.yn (col - y0) : Nat) : BabyBear)
  else if col < width then ((q.nn (col - n0) : Nat) : BabyBear)
  else 0

theorem row_fXor : q.row fXor = q.flagCell .xor := rfl
theorem row_fOr : q.row fOr = q.flagCell .or := rfl
theorem row_fAnd : q.row fAnd = q.flagCell .and := rfl
theorem row_useImm : q.row Col.useImm = if q.useImm then 1 else 0 := rfl
theorem row_bLo : q.row bLo = (q.b.lo : BabyBear) := rfl
theorem row_bHi : q.row bHi = (q.b.hi : BabyBear) := rfl
theorem row_cLo : q.row cLo = (q.c.lo : BabyBear) := rfl
theorem row_cHi : q.row cHi = (q.c.hi : BabyBear) := rfl
theorem row_immLo : q.row immLo = (q.imm.lo : BabyBear) := rfl
theorem row_immHi : q.row immHi = (q.imm.hi : BabyBear) := rfl

theorem row_a {i : Nat} (hi : i < 8) : q.row (a0 + i) = ((q.an i : Nat) : BabyBear) := by
  simp only [row, a0, y0]
  rw [if_neg (by omega), if_pos (by omega), Nat.add_sub_cancel_left]

theorem row_y {i : Nat} (hi : i < 8) : q.row (y0 + i) = ((q.yn i : Nat) : BabyBear) := by
  simp only [row, a0, y0, n0]
  rw [if_neg (by omega), if_neg (by omega), if_pos (by omega), Nat.add_sub_cancel_left]

theorem row_n {i : Nat} (hi : i < 8) : q.row (n0 + i) = ((q.nn i : Nat) : BabyBear) := by
  simp only [row, a0, y0, n0, width]
  rw [if_neg (by omega), if_neg (by omega), if_neg (by omega), if_pos (by omega),
    Nat.add_sub_cancel_left]

end Request

end Zkvm.Air.V2.Logic

end
