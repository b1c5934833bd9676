module

public import Zkvm.Air.V2.DivBuilderOk

/-!
# The DIV table: the builder's row, cell by cell, in the field

The cells of `Request.row` as casts of the request's numbers (`row_*`), the derived expressions
of the spec (`real`, `signed`, `quotient`, `remainder`, `compares`, the factors, `yLo`, `yHi`,
the limbs, the carries) on that row, and the casts of the remainder bound's signed numbers
(`sfield_cast`, `magL_cast`, `magH_cast`).
-/

@[expose] public section

namespace Zkvm.Air.V2.Div

open Zkvm.Field Zkvm.RiscV Zkvm.Air Zkvm.Air.Table Col
open Zkvm.Air.V2.Mul (byteOf pair pair_cast_lo pair_cast_hi)

theorem natCast_P : ((P : Nat) : BabyBear) = 0 :=
  BabyBear.eq_zero_iff_val.mpr (by rw [BabyBear.val_natCast, Nat.mod_self])

theorem intCast_nat (n : Nat) : (((n : Int)) : BabyBear) = ((n : Nat) : BabyBear) :=
  Lean.Grind.Ring.intCast_natCast n

/-- `signed_field(v)` is the cast of v. -/
theorem sfield_cast (v : Int) (h : -(P : Int) < v) : ((sfield v : Nat) : BabyBear) = (v : BabyBear) := by
  unfold sfield
  split
  · rename_i hv
    rw [← intCast_nat, Int.toNat_of_nonneg hv]
  · rename_i hv
    have hn : ((-v).toNat : Int) = -v := Int.toNat_of_nonneg (by omega)
    rw [if_neg (by omega)]
    have e : ((P - (-v).toNat : Nat) : BabyBear) + (((-v).toNat : Nat) : BabyBear) = 0 := by
      rw [← Felt.natCast_add, Nat.sub_add_cancel (by omega), natCast_P]
    have e2 : (v : BabyBear) = -((((-v).toNat : Nat) : Int) : BabyBear) := by
      rw [hn, Lean.Grind.Ring.intCast_neg]; grind
    rw [e2, intCast_nat]
    grind

theorem zero_mul_cast (x : BabyBear) : ((0 : Nat) : BabyBear) * x = 0 := by
  rw [Felt.natCast_zero]; grind

namespace Request

variable (t : Request)

theorem row_fDiv : t.row fDiv = ((t.flag .div : Nat) : BabyBear) := rfl
theorem row_fDivu : t.row fDivu = ((t.flag .divu : Nat) : BabyBear) := rfl
theorem row_fRem : t.row fRem = ((t.flag .rem : Nat) : BabyBear) := rfl
theorem row_fRemu : t.row fRemu = ((t.flag .remu : Nat) : BabyBear) := rfl
theorem row_aLo : t.row aLo = ((t.a.lo : Nat) : BabyBear) := rfl
theorem row_aHi : t.row aHi = ((t.a.hi : Nat) : BabyBear) := rfl
theorem row_sa : t.row Col.sa = ((t.sa : Nat) : BabyBear) := rfl
theorem row_sq : t.row Col.sq = ((t.sq : Nat) : BabyBear) := rfl
theorem row_sy : t.row Col.sy = ((t.sy : Nat) : BabyBear) := rfl
theorem row_rLo : t.row rLo = ((t.rem.lo : Nat) : BabyBear) := rfl
theorem row_rHi : t.row rHi = ((t.rem.hi : Nat) : BabyBear) := rfl
theorem row_sr : t.row Col.sr = ((t.sr : Nat) : BabyBear) := rfl
theorem row_cLo : t.row cLo = ((t.c.lo : Nat) : BabyBear) := rfl
theorem row_cHi : t.row cHi = ((t.c.hi : Nat) : BabyBear) := rfl
theorem row_yz : t.row yz = ((if t.b = 0 then 1 else 0 : Nat) : BabyBear) := rfl
theorem row_dLo : t.row dLo = ((if t.b = 0 then 0 else t.d % 65536 : Nat) : BabyBear) := rfl
theorem row_dHi : t.row dHi = ((if t.b = 0 then 0 else t.d / 65536 : Nat) : BabyBear) := rfl
theorem row_beta : t.row Col.beta = ((if t.b = 0 then 0 else sfield t.beta : Nat) : BabyBear) := rfl

theorem row_q (i : Nat) (hi : i < 4) :
    t.row (q0 + i) = ((byteOf t.quo.toNat i : Nat) : BabyBear) := by
  rcases (by omega : i = 0 ∨ i = 1 ∨ i = 2 ∨ i = 3) with rfl | rfl | rfl | rfl <;> rfl

theorem row_y (i : Nat) (hi : i < 4) :
    t.row (y0 + i) = ((byteOf t.b.toNat i : Nat) : BabyBear) := by
  rcases (by omega : i = 0 ∨ i = 1 ∨ i = 2 ∨ i = 3) with rfl | rfl | rfl | rfl <;> rfl

theorem carry_row (m : Nat) (hm : m < 4) :
    t.row (k0 + m) = ((t.carry (m + 1) : Nat) : BabyBear) := by
  rcases (by omega : m = 0 ∨ m = 1 ∨ m = 2 ∨ m = 3) with rfl | rfl | rfl | rfl <;> rfl

theorem carryIn_row (m : Nat) (hm : m < 4) :
    carryIn t.row m = ((t.carry m : Nat) : BabyBear) := by
  rcases (by omega : m = 0 ∨ m = 1 ∨ m = 2 ∨ m = 3) with rfl | rfl | rfl | rfl <;> rfl

theorem factor_q (i : Nat) : Mul.factor t.row q0 Col.sq i = ((t.qx i : Nat) : BabyBear) := by
  unfold Mul.factor qx
  split
  · exact t.row_q i (by assumption)
  · rw [Felt.natCast_mul]; rfl

theorem factor_y (i : Nat) : Mul.factor t.row y0 Col.sy i = ((t.yx i : Nat) : BabyBear) := by
  unfold Mul.factor yx
  split
  · exact t.row_y i (by assumption)
  · rw [Felt.natCast_mul]; rfl

theorem limbs_r (m : Nat) : limbs t.row rLo rHi Col.sr m = ((t.rx m : Nat) : BabyBear) := by
  unfold limbs rx
  split
  · rfl
  · split
    · rfl
    · rw [Felt.natCast_mul]; rfl

theorem limbs_a (m : Nat) : limbs t.row aLo aHi Col.sa m = ((t.ax m : Nat) : BabyBear) := by
  unfold limbs ax
  split
  · rfl
  · split
    · rfl
    · rw [Felt.natCast_mul]; rfl

theorem yLo_row : yLo t.row = ((t.b.lo : Nat) : BabyBear) := pair_cast_lo t.b
theorem yHi_row : yHi t.row = ((t.b.hi : Nat) : BabyBear) := pair_cast_hi t.b
theorem qLo_row : qLo t.row = ((t.quo.lo : Nat) : BabyBear) := pair_cast_lo t.quo
theorem qHi_row : qHi t.row = ((t.quo.hi : Nat) : BabyBear) := pair_cast_hi t.quo

/-! ## Flags -/

theorem real_row : real t.row = 1 := by
  unfold real
  rw [row_fDiv, row_fDivu, row_fRem, row_fRemu]
  unfold Request.flag
  cases t.op <;> decide

theorem signed_row : signed t.row = ((if t.op.isSigned then 1 else 0 : Nat) : BabyBear) := by
  unfold signed
  rw [row_fDiv, row_fRem]
  unfold Request.flag
  cases t.op <;> decide

theorem quotient_row :
    quotient t.row = ((if t.op.isQuotient then 1 else 0 : Nat) : BabyBear) := by
  unfold quotient
  rw [row_fDiv, row_fDivu]
  unfold Request.flag
  cases t.op <;> decide

theorem remainder_row :
    remainder t.row = ((if t.op.isQuotient then 0 else 1 : Nat) : BabyBear) := by
  unfold remainder
  rw [row_fRem, row_fRemu]
  unfold Request.flag
  cases t.op <;> decide

theorem compares_row : compares t.row = ((if t.b = 0 then 0 else 1 : Nat) : BabyBear) := by
  unfold compares
  rw [real_row, row_yz]
  by_cases h : t.b = 0
  · rw [if_pos h, if_pos h]; decide
  · rw [if_neg h, if_neg h]; decide

/-! ## The remainder bound's signed numbers -/

theorem magL_cast (v : Word) {s : Nat} (hs : s ≤ 1) :
    magLo ((v.lo : Nat) : BabyBear) ((s : Nat) : BabyBear) = ((magL v s : Int) : BabyBear) := by
  unfold magLo magL
  rcases (by omega : s = 0 ∨ s = 1) with rfl | rfl
  · simp only [Nat.reduceEqDiff, if_false, intCast_nat, Felt.natCast_zero]; grind
  · simp only [if_true, Lean.Grind.Ring.intCast_neg, intCast_nat, Felt.natCast_one]; grind

theorem magH_cast (v : Word) {s : Nat} (hs : s ≤ 1) :
    magHi ((v.hi : Nat) : BabyBear) ((s : Nat) : BabyBear) = ((magH v s : Int) : BabyBear) := by
  unfold magHi magH
  rcases (by omega : s = 0 ∨ s = 1) with rfl | rfl
  · simp only [Nat.reduceEqDiff, if_false, intCast_nat, Felt.natCast_zero]; grind
  · simp only [if_true, Lean.Grind.Ring.intCast_sub, intCast_nat, Felt.natCast_one]
    have : ((65536 : Int) : BabyBear) = 65536 := rfl
    rw [this]; grind

end Request

end Zkvm.Air.V2.Div
