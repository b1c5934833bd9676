module

public import Zkvm.Air.V2.MulBuilder
public import Zkvm.Air.V2.MulCore

/-!
# The MUL table: the builder's row satisfies the groups

For every request whose immediate form is a shift's (as `MulTable::handles` demands), the row
of `Request.row` satisfies every group of `Groups` (`groups_row`). The derived expressions of
the row (`real`, `shifts`, `takesHigh`, …) are casts of the request's bits; the limb equations
are `honest_eq` cast to the field.
-/

@[expose] public section

namespace Zkvm.Air.V2.Mul

open Zkvm.Field Zkvm.RiscV Zkvm.Air.Table Col Request

variable (q : Request)

theorem zero_mul_cast (x : BabyBear) : ((0 : Nat) : BabyBear) * x = 0 := by
  rw [Felt.natCast_zero]; grind

theorem boolean_bit {n : Nat} (h : n ≤ 1) : boolean ((n : Nat) : BabyBear) = 0 := by
  rcases (by omega : n = 0 ∨ n = 1) with rfl | rfl <;> decide

theorem bitCast (b : Bool) : (((if b then 1 else 0 : Nat)) : BabyBear) = if b then 1 else 0 := by
  cases b <;> rfl

theorem byteOf_lo (v : Nat) : byteOf v 0 + 256 * byteOf v 1 = v % 65536 := by
  simp only [byteOf, Nat.reducePow, Nat.div_one]; omega

theorem byteOf_hi (v : Nat) (h : v < 2 ^ 32) :
    byteOf v 2 + 256 * byteOf v 3 = v / 65536 := by
  simp only [byteOf, Nat.reducePow] at h ⊢; omega

/-! ## Cells -/

theorem row_a (i : Nat) (hi : i < 4) : q.row (a0 + i) = ((byteOf q.a.toNat i : Nat) : BabyBear) := by
  rcases (by omega : i = 0 ∨ i = 1 ∨ i = 2 ∨ i = 3) with rfl | rfl | rfl | rfl <;> rfl

theorem row_m (i : Nat) (hi : i < 4) : q.row (m0 + i) = ((byteOf q.second i : Nat) : BabyBear) := by
  rcases (by omega : i = 0 ∨ i = 1 ∨ i = 2 ∨ i = 3) with rfl | rfl | rfl | rfl <;> rfl

theorem factor_a (i : Nat) : factor q.row a0 sa i = ((q.xs i : Nat) : BabyBear) := by
  unfold factor Request.xs
  split
  · exact row_a q i (by assumption)
  · rw [Felt.natCast_mul]; rfl

theorem factor_m (i : Nat) : factor q.row m0 sb i = ((q.ys i : Nat) : BabyBear) := by
  unfold factor Request.ys
  split
  · exact row_m q i (by assumption)
  · rw [Felt.natCast_mul]; rfl

theorem row_fMul : q.row fMul = ((q.flag .mul : Nat) : BabyBear) := rfl
theorem row_fMulh : q.row fMulh = ((q.flag .mulh : Nat) : BabyBear) := rfl
theorem row_fMulhsu : q.row fMulhsu = ((q.flag .mulhsu : Nat) : BabyBear) := rfl
theorem row_fMulhu : q.row fMulhu = ((q.flag .mulhu : Nat) : BabyBear) := rfl
theorem row_fSll : q.row fSll = ((q.flag .sll : Nat) : BabyBear) := rfl
theorem row_fSrl : q.row fSrl = ((q.flag .srl : Nat) : BabyBear) := rfl
theorem row_fSra : q.row fSra = ((q.flag .sra : Nat) : BabyBear) := rfl
theorem row_nz : q.row nz = ((if q.op.isShift && q.amt != 0 then 1 else 0 : Nat) : BabyBear) :=
  rfl

theorem real_row : real q.row = 1 := by
  unfold real
  rw [row_fMul, row_fMulh, row_fMulhsu, row_fMulhu, row_fSll, row_fSrl, row_fSra]
  unfold Request.flag
  cases q.op <;> decide

theorem shifts_row : shifts q.row = ((if q.op.isShift then 1 else 0 : Nat) : BabyBear) := by
  unfold shifts
  rw [row_fSll, row_fSrl, row_fSra]
  unfold Request.flag
  cases q.op <;> decide

theorem multiplies_row :
    multiplies q.row = ((if q.op.isShift then 0 else 1 : Nat) : BabyBear) := by
  unfold multiplies
  rw [row_fMul, row_fMulh, row_fMulhsu, row_fMulhu]
  unfold Request.flag
  cases q.op <;> decide

theorem aSigned_row : aSigned q.row = ((if q.op.aSigned then 1 else 0 : Nat) : BabyBear) := by
  unfold aSigned
  rw [row_fMulh, row_fMulhsu, row_fSra]
  unfold Request.flag
  cases q.op <;> decide

theorem right_row : right q.row = ((if q.op.isRight then 1 else 0 : Nat) : BabyBear) := by
  unfold right
  rw [row_fSrl, row_fSra]
  unfold Request.flag
  cases q.op <;> decide

theorem fMulh_row : q.row fMulh = ((if q.op = .mulh then 1 else 0 : Nat) : BabyBear) := rfl

theorem takesHigh_row : takesHigh q.row = ((if q.th then 1 else 0 : Nat) : BabyBear) := by
  unfold takesHigh right
  rw [row_fMulh, row_fMulhsu, row_fMulhu, row_fSrl, row_fSra, row_nz]
  unfold Request.flag Request.th
  cases q.op <;> cases (q.amt != 0) <;> decide

/-! ## The limb equations -/

theorem carryIn_row (m : Nat) (hm : m < 4) :
    carryIn q.row m = ((honestCarry q.xs q.ys m : Nat) : BabyBear) := by
  rcases (by omega : m = 0 ∨ m = 1 ∨ m = 2 ∨ m = 3) with rfl | rfl | rfl | rfl <;> rfl

theorem carry_row (m : Nat) (hm : m < 4) :
    q.row (k0 + m) = ((honestCarry q.xs q.ys (m + 1) : Nat) : BabyBear) := by
  rcases (by omega : m = 0 ∨ m = 1 ∨ m = 2 ∨ m = 3) with rfl | rfl | rfl | rfl <;> rfl

theorem c_cells : q.c % 65536 = (if q.th then honestLimb q.xs q.ys 2 else honestLimb q.xs q.ys 0) ∧
    q.c / 65536 = (if q.th then honestLimb q.xs q.ys 3 else honestLimb q.xs q.ys 1) ∧
    q.x % 65536 = (if q.th then honestLimb q.xs q.ys 0 else honestLimb q.xs q.ys 2) ∧
    q.x / 65536 = (if q.th then honestLimb q.xs q.ys 1 else honestLimb q.xs q.ys 3) := by
  have l0 := honestLimb_lt q.xs q.ys 0
  have l1 := honestLimb_lt q.xs q.ys 1
  have l2 := honestLimb_lt q.xs q.ys 2
  have l3 := honestLimb_lt q.xs q.ys 3
  simp only [Request.c, Request.x, Request.low, Request.high]
  cases q.th <;> simp only [if_true, if_false, Bool.false_eq_true] <;> omega

theorem productLimb_row (m : Nat) (hm : m < 4) :
    productLimb q.row m = ((honestLimb q.xs q.ys m : Nat) : BabyBear) := by
  obtain ⟨e0, e1, e2, e3⟩ := c_cells q
  have t := takesHigh_row q
  rcases (by omega : m = 0 ∨ m = 1 ∨ m = 2 ∨ m = 3) with rfl | rfl | rfl | rfl
  · rw [productLimb_0, t]
    show ((q.c % 65536 : Nat) : BabyBear) + _ * (((q.x % 65536 : Nat) : BabyBear) -
      ((q.c % 65536 : Nat) : BabyBear)) = _
    rw [e0, e2]; cases q.th <;> simp <;> grind
  · rw [productLimb_1, t]
    show ((q.c / 65536 : Nat) : BabyBear) + _ * (((q.x / 65536 : Nat) : BabyBear) -
      ((q.c / 65536 : Nat) : BabyBear)) = _
    rw [e1, e3]; cases q.th <;> simp <;> grind
  · rw [productLimb_2, t]
    show ((q.x % 65536 : Nat) : BabyBear) + _ * (((q.c % 65536 : Nat) : BabyBear) -
      ((q.x % 65536 : Nat) : BabyBear)) = _
    rw [e0, e2]; cases q.th <;> simp <;> grind
  · rw [productLimb_3, t]
    show ((q.x / 65536 : Nat) : BabyBear) + _ * (((q.c / 65536 : Nat) : BabyBear) -
      ((q.x / 65536 : Nat) : BabyBear)) = _
    rw [e1, e3]; cases q.th <;> simp <;> grind

theorem limbEq_row (m : Nat) (hm : m < 4) : limbEq q.row m = 0 := by
  have e := congrArg (fun n : Nat => (n : BabyBear)) (honest_eq q.xs q.ys m)
  simp only [Felt.natCast_add, Felt.natCast_mul] at e
  unfold limbEq
  rw [conv_cast (factor_a q) (factor_m q), conv_cast (factor_a q) (factor_m q),
    carryIn_row q m hm, productLimb_row q m hm, carry_row q m hm]
  have h256 : ((256 : Nat) : BabyBear) = 256 := rfl
  have h65536 : ((65536 : Nat) : BabyBear) = 65536 := rfl
  rw [h256, h65536] at e
  grind

/-! ## The groups -/

/-- **The builder's row satisfies the groups.** -/
theorem groups_row (himm : q.useImm = true → q.op.isShift = true) : Groups q.row := by
  have hreal := real_row q
  refine ⟨?_, ?_, by rw [hreal]; decide, ?_, ?_, ?_, ?_, ?_, ?_, limbEq_row q⟩
  · intro c hc
    simp only [flags, List.mem_cons, List.not_mem_nil, or_false] at hc
    rcases hc with rfl | rfl | rfl | rfl | rfl | rfl | rfl <;>
      exact boolean_bit (by
        show q.flag _ ≤ 1
        unfold Request.flag; split <;> omega)
  · exact boolean_bit (by show (if q.useImm then 1 else 0) ≤ 1; split <;> omega)
  · rw [shifts_row]
    show ((if q.useImm then 1 else 0 : Nat) : BabyBear) * _ = 0
    cases hu : q.useImm
    · exact zero_mul_cast _
    · rw [himm hu]; decide
  · rw [aSigned_row]
    rw [show q.row sa = ((q.sa : Nat) : BabyBear) from rfl]
    unfold Request.sa
    cases q.op.aSigned <;> cases q.a.msb <;> decide
  · rw [fMulh_row]
    rw [show q.row sb = ((q.sb : Nat) : BabyBear) from rfl]
    unfold Request.sb
    by_cases h : q.op = .mulh
    · rw [if_pos h]; cases q.y.msb <;> simp [h] <;> decide
    · rw [if_neg h]; simp only [h, decide_false, Bool.false_and, Bool.false_eq_true, if_false]
      exact zero_mul_cast _
  · rw [multiplies_row]
    cases hs : q.op.isShift
    · have hy : q.y = q.b := by
        unfold Request.y; cases hu : q.useImm
        · rfl
        · have := himm hu; rw [hs] at this; exact absurd this (by decide)
      have e := byteOf_lo q.second
      have hsec : q.second = q.b.toNat := by simp [Request.second, hs, hy]
      show _ * (((q.b.lo : Nat) : BabyBear) - pair ((byteOf q.second 0 : Nat) : BabyBear)
        ((byteOf q.second 1 : Nat) : BabyBear)) = 0
      have : q.b.lo = byteOf q.second 0 + 256 * byteOf q.second 1 := by rw [e, hsec]; rfl
      rw [this]; simp only [pair, Felt.natCast_add, Felt.natCast_mul]
      have h256 : ((256 : Nat) : BabyBear) = 256 := rfl
      rw [h256]; grind
    · exact zero_mul_cast _
  · rw [multiplies_row]
    cases hs : q.op.isShift
    · have hy : q.y = q.b := by
        unfold Request.y; cases hu : q.useImm
        · rfl
        · have := himm hu; rw [hs] at this; exact absurd this (by decide)
      have hsec : q.second = q.b.toNat := by simp [Request.second, hs, hy]
      have e := byteOf_hi q.second (by rw [hsec]; exact q.b.isLt)
      show _ * (((q.b.hi : Nat) : BabyBear) - pair ((byteOf q.second 2 : Nat) : BabyBear)
        ((byteOf q.second 3 : Nat) : BabyBear)) = 0
      have : q.b.hi = byteOf q.second 2 + 256 * byteOf q.second 3 := by rw [e, hsec]; rfl
      rw [this]; simp only [pair, Felt.natCast_add, Felt.natCast_mul]
      have h256 : ((256 : Nat) : BabyBear) = 256 := rfl
      rw [h256]; grind
    · exact zero_mul_cast _
  · rw [shifts_row]
    cases hs : q.op.isShift
    · exact zero_mul_cast _
    · have hyl : yLo q.row = ((q.y.lo : Nat) : BabyBear) := by
        unfold yLo Request.y
        show ((q.b.lo : Nat) : BabyBear) + ((if q.useImm then 1 else 0 : Nat) : BabyBear) *
          (((q.imm.lo : Nat) : BabyBear) - ((q.b.lo : Nat) : BabyBear)) = _
        cases q.useImm <;> simp <;> grind
      rw [hyl]
      show _ * (_ - (((if q.op.isShift then q.amt else 0 : Nat) : BabyBear) + 32 *
        ((if q.op.isShift then q.y.lo / 32 else 0 : Nat) : BabyBear))) = 0
      rw [hs]
      simp only [if_true]
      have : q.y.lo = q.amt + 32 * (q.y.lo / 32) := by
        simp only [Request.amt, Word.lo]; omega
      have e := congrArg (fun n : Nat => (n : BabyBear)) this
      simp only [Felt.natCast_add, Felt.natCast_mul] at e
      have h32 : ((32 : Nat) : BabyBear) = 32 := rfl
      rw [h32] at e
      grind

end Zkvm.Air.V2.Mul
