module

public import Zkvm.Air.V2.AluSpec

/-!
# The ALU table: a model of the prover's row builder

`AluTable::push` (rust/prover/src/rv32im2/alu.rs) makes one row per EXEC request. `Request`
is the request (op, immediate form, clk, a, b, imm, next pc, pc) and `Request.row` the row it
makes, cell by cell as the Rust code writes it (`row_*`: each cell, by definition). The
builder's consistency checks against the executor (the branch outcome, JALR's target below
`2^30`) are not modelled: completeness is stated for every request of an op whose row needs
none of them (`AluComplete`).
-/

@[expose] public section

noncomputable section

namespace Zkvm.Air.V2.Alu

open Zkvm.Field Zkvm.RiscV Zkvm.Air.Table Col

/-- The ops of the table (the flag set on the row). -/
inductive Op where
  | add | sub | slt | sltu | beq | bne | blt | bge | bltu | bgeu | jalr
  deriving DecidableEq

/-- ADD and JALR add (σ = 1), the others subtract. -/
def Op.adds : Op → Bool
  | .add | .jalr => true
  | _ => false

/-- The signed comparisons. -/
def Op.signed : Op → Bool
  | .slt | .blt | .bge => true
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
  pc : Word

namespace Request

variable (q : Request)

/-- `y = if use_imm || jalr { imm } else { b }`. -/
def y : Word := if q.useImm || q.op == .jalr then q.imm else q.b

/-- `r = a.wrapping_add(y)` or `a.wrapping_sub(y)`. -/
def res : Word := if q.op.adds then q.a + q.y else q.a - q.y

/-- The carries, or the borrows `lo(a) < lo(y)`, `a < y`. -/
def k1 : Nat := if q.op.adds then (q.a.lo + q.y.lo) / 2 ^ 16 else if q.a.lo < q.y.lo then 1 else 0
def k2 : Nat :=
  if q.op.adds then (q.a.toNat + q.y.toNat) / 2 ^ 32 else if q.a.toNat < q.y.toNat then 1 else 0

/-- L and H: r's limbs, or for JALR `lo(r) >> 1` and `4 hi(r)`. -/
def l : Nat := if q.op = .jalr then q.res.lo / 2 else q.res.lo
def h : Nat := if q.op = .jalr then 4 * q.res.hi else q.res.hi

/-- SA: a's top bit on signed comparisons, `r & 1` on JALR; SY: y's top bit. -/
def sa : Nat :=
  if q.op.signed then q.a.toNat / 2 ^ 31 else if q.op = .jalr then q.res.toNat % 2 else 0
def sy : Nat := if q.op.signed then q.y.toNat / 2 ^ 31 else 0

/-- c: the result, the branch bit, or pc + 4 for JALR. -/
def c : Word :=
  match q.op with
  | .add | .sub => q.res
  | .slt | .blt => if q.a.slt q.y then 1 else 0
  | .sltu | .bltu => if q.a.ult q.y then 1 else 0
  | .beq => if q.a = q.y then 1 else 0
  | .bne => if q.a = q.y then 0 else 1
  | .bge => if q.a.slt q.y then 0 else 1
  | .bgeu => if q.a.ult q.y then 0 else 1
  | .jalr => q.pc + 4

/-- INV: the inverse of `l + h` (0 when it is 0) on BEQ, BNE. -/
def inv : BabyBear :=
  if q.op = .beq ∨ q.op = .bne then ((q.l + q.h : Nat) : BabyBear)⁻¹ else 0

def flagCell (o : Op) : BabyBear := if q.op = o then 1 else 0

/-- The row, in column order (alu.rs). -/
def row : Row BabyBear := fun col =>
  [q.flagCell .add, q.flagCell .sub, q.flagCell .slt, q.flagCell .sltu, q.flagCell .beq,
   q.flagCell .bne, q.flagCell .blt, q.flagCell .bge, q.flagCell .bltu, q.flagCell .bgeu,
   q.flagCell .jalr, if q.useImm then 1 else 0, (q.clk : BabyBear),
   (q.a.lo : BabyBear), (q.a.hi : BabyBear), (q.b.lo : BabyBear), (q.b.hi : BabyBear),
   (q.c.lo : BabyBear), (q.c.hi : BabyBear), (q.imm.lo : BabyBear), (q.imm.hi : BabyBear),
   (q.nextPc : BabyBear), (q.l : BabyBear), (q.h : BabyBear), (q.k1 : BabyBear),
   (q.k2 : BabyBear), (q.sa : BabyBear), (q.sy : BabyBear), q.inv].getD col 0

theorem row_fAdd : q.row Col.fAdd = q.flagCell .add := rfl
theorem row_fSub : q.row Col.fSub = q.flagCell .sub := rfl
theorem row_fSlt : q.row Col.fSlt = q.flagCell .slt := rfl
theorem row_fSltu : q.row Col.fSltu = q.flagCell .sltu := rfl
theorem row_fBeq : q.row Col.fBeq = q.flagCell .beq := rfl
theorem row_fBne : q.row Col.fBne = q.flagCell .bne := rfl
theorem row_fBlt : q.row Col.fBlt = q.flagCell .blt := rfl
theorem row_fBge : q.row Col.fBge = q.flagCell .bge := rfl
theorem row_fBltu : q.row Col.fBltu = q.flagCell .bltu := rfl
theorem row_fBgeu : q.row Col.fBgeu = q.flagCell .bgeu := rfl
theorem row_fJalr : q.row Col.fJalr = q.flagCell .jalr := rfl
theorem row_useImm : q.row Col.useImm = if q.useImm then 1 else 0 := rfl
theorem row_aLo : q.row Col.aLo = (q.a.lo : BabyBear) := rfl
theorem row_aHi : q.row Col.aHi = (q.a.hi : BabyBear) := rfl
theorem row_bLo : q.row Col.bLo = (q.b.lo : BabyBear) := rfl
theorem row_bHi : q.row Col.bHi = (q.b.hi : BabyBear) := rfl
theorem row_cLo : q.row Col.cLo = (q.c.lo : BabyBear) := rfl
theorem row_cHi : q.row Col.cHi = (q.c.hi : BabyBear) := rfl
theorem row_immLo : q.row Col.immLo = (q.imm.lo : BabyBear) := rfl
theorem row_immHi : q.row Col.immHi = (q.imm.hi : BabyBear) := rfl
theorem row_nextPc : q.row Col.nextPc = (q.nextPc : BabyBear) := rfl
theorem row_L : q.row Col.L = (q.l : BabyBear) := rfl
theorem row_H : q.row Col.H = (q.h : BabyBear) := rfl
theorem row_k1 : q.row Col.k1 = (q.k1 : BabyBear) := rfl
theorem row_k2 : q.row Col.k2 = (q.k2 : BabyBear) := rfl
theorem row_sa : q.row Col.sa = (q.sa : BabyBear) := rfl
theorem row_sy : q.row Col.sy = (q.sy : BabyBear) := rfl
theorem row_inv : q.row Col.inv = q.inv := rfl

end Request

end Zkvm.Air.V2.Alu

end
