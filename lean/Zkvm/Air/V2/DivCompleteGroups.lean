module

public import Zkvm.Air.V2.DivCompleteCells

/-!
# The DIV table: the builder's row satisfies the groups

For every request, the row of `Request.row` satisfies every group of `Groups` (`groups_row`):
the flags and sign bits are casts of the request's bits (signs from `Request.honest`), the
division-by-zero cells hold q = 0xFFFF_FFFF, the limb equations are the builder's steps
(`step_eq`) cast to the field, and the remainder bound's two equations are `bound_ok` cast to
the field (with `signed_field(β)` the cast of β).
-/

@[expose] public section

namespace Zkvm.Air.V2.Div

open Zkvm.Field Zkvm.RiscV Zkvm.Air Zkvm.Air.Table Col
open Zkvm.Air.V2.Mul (byteOf pair conv_cast)

theorem boolean_bit {n : Nat} (h : n ≤ 1) : boolean ((n : Nat) : BabyBear) = 0 := by
  rcases (by omega : n = 0 ∨ n = 1) with rfl | rfl <;> decide

namespace Request

variable (t : Request)

theorem limbEq_row (m : Nat) (hm : m < 4) : limbEq t.row m = 0 := by
  have e := congrArg (fun n : Nat => (n : BabyBear)) (t.step_eq m hm)
  simp only [divLhs, Felt.natCast_add, Felt.natCast_mul] at e
  unfold limbEq
  rw [conv_cast t.factor_q t.factor_y, conv_cast t.factor_q t.factor_y, t.limbs_r, t.limbs_a,
    t.carryIn_row m hm, t.carry_row m hm]
  have h256 : ((256 : Nat) : BabyBear) = 256 := rfl
  have h65536 : ((65536 : Nat) : BabyBear) = 65536 := rfl
  rw [h256, h65536] at e
  grind

theorem sign_row (v : Word) : ((t.top v : Nat) : BabyBear) *
    (signed t.row - ((t.top v : Nat) : BabyBear)) = 0 := by
  rw [signed_row]; unfold top
  cases t.op.isSigned <;> cases v.msb <;> decide

theorem beta_cast (hb : t.b ≠ 0) : t.row Col.beta = ((t.beta : Int) : BabyBear) := by
  rw [row_beta, if_neg hb]
  have := (t.bound_ok hb).2.2.1
  exact sfield_cast _ (by have := P_eq; omega)

theorem boundLo_row (hb : t.b ≠ 0) : boundLo t.row = 0 := by
  have e := congrArg (fun v : Int => (v : BabyBear)) (t.bound_ok hb).1
  simp only [low, Lean.Grind.Ring.intCast_sub, Lean.Grind.Ring.intCast_add,
    Lean.Grind.Ring.intCast_mul, intCast_nat] at e
  unfold boundLo
  rw [row_rLo, row_sr, row_dLo, if_neg hb, yLo_row, row_sy, magL_cast _ t.sr_le,
    magL_cast _ t.sy_le, t.beta_cast hb]
  have h1 : ((1 : Int) : BabyBear) = 1 := rfl
  have h65536 : ((65536 : Int) : BabyBear) = 65536 := rfl
  rw [h1, h65536] at e
  grind

theorem boundHi_row (hb : t.b ≠ 0) : boundHi t.row = 0 := by
  have e := congrArg (fun v : Int => (v : BabyBear)) (t.bound_ok hb).2.1
  simp only [Lean.Grind.Ring.intCast_add, intCast_nat] at e
  unfold boundHi
  rw [row_rHi, row_sr, row_dHi, if_neg hb, yHi_row, row_sy, magH_cast _ t.sr_le,
    magH_cast _ t.sy_le, t.beta_cast hb]
  grind

theorem rem_zero_row : (t.row Col.sa - t.row Col.sr) * (t.row rLo + t.row rHi) = 0 := by
  have h := t.honest
  have := t.sa_le
  have := t.sr_le
  rw [row_sa, row_sr, row_rLo, row_rHi]
  by_cases e : t.sa = t.sr
  · rw [e]; grind
  · have hsa : t.sa = 1 := by
      rcases (by omega : t.sr = 0 ∨ t.sr = 1) with h0 | h1
      · omega
      · exact h.sr_sa h1
    have hsr : t.sr = 0 := by omega
    have hz := h.rem_zero hsa hsr
    have hl : t.rem.lo = 0 := by unfold Word.lo; rw [hz]
    have hh : t.rem.hi = 0 := by unfold Word.hi; rw [hz]
    rw [hl, hh, Felt.natCast_zero]; grind

/-- **The builder's row satisfies the groups.** -/
theorem groups_row : Groups t.row := by
  have hreal := t.real_row
  have hsg := t.signed_row
  refine ⟨?_, by rw [hreal]; decide, t.sign_row t.a, t.sign_row t.b, ?_, ?_, t.rem_zero_row,
    ?_, ?_, ?_, ?_, ?_, ?_, ?_, ?_, t.limbEq_row, ?_, ?_⟩
  · intro c hc
    simp only [flags, List.mem_cons, List.not_mem_nil, or_false] at hc
    rcases hc with rfl | rfl | rfl | rfl <;>
      exact boolean_bit (by
        show t.flag _ ≤ 1
        unfold Request.flag; split <;> omega)
  · rw [row_sq, hsg]; unfold sq
    cases t.op.isSigned <;> cases t.quo.msb <;> cases t.overflow <;> decide
  · rw [row_sr, row_sa]
    have := t.sr_le
    rcases (by omega : t.sr = 0 ∨ t.sr = 1) with h | h
    · rw [h, Felt.natCast_zero]; grind
    · rw [h, t.honest.sr_sa h]; grind
  · rw [row_yz, hreal]; split <;> decide
  · rw [row_yz]
    by_cases hb : t.b = 0
    · rw [if_pos hb, t.row_y 1 (by omega), t.row_y 2 (by omega), t.row_y 3 (by omega),
        show t.row y0 = ((byteOf t.b.toNat 0 : Nat) : BabyBear) from rfl, hb]
      decide
    · rw [if_neg hb]; exact zero_mul_cast _
  · rw [row_yz, qLo_row]
    by_cases hb : t.b = 0
    · have : t.quo = BitVec.allOnes 32 := by simp [quo, hb]
      rw [if_pos hb, this]; decide
    · rw [if_neg hb]; exact zero_mul_cast _
  · rw [row_yz, qHi_row]
    by_cases hb : t.b = 0
    · have : t.quo = BitVec.allOnes 32 := by simp [quo, hb]
      rw [if_pos hb, this]; decide
    · rw [if_neg hb]; exact zero_mul_cast _
  · rw [quotient_row, row_cLo, qLo_row]
    cases hq : t.op.isQuotient
    · exact zero_mul_cast _
    · have : t.c = t.quo := by simp [c, hq]
      rw [this]; grind
  · rw [quotient_row, row_cHi, qHi_row]
    cases hq : t.op.isQuotient
    · exact zero_mul_cast _
    · have : t.c = t.quo := by simp [c, hq]
      rw [this]; grind
  · rw [remainder_row, row_cLo, row_rLo]
    cases hq : t.op.isQuotient
    · have : t.c = t.rem := by simp [c, hq]
      rw [this]; grind
    · exact zero_mul_cast _
  · rw [remainder_row, row_cHi, row_rHi]
    cases hq : t.op.isQuotient
    · have : t.c = t.rem := by simp [c, hq]
      rw [this]; grind
    · exact zero_mul_cast _
  · rw [compares_row]
    by_cases hb : t.b = 0
    · rw [if_pos hb]; exact zero_mul_cast _
    · rw [t.boundLo_row hb]; grind
  · rw [compares_row]
    by_cases hb : t.b = 0
    · rw [if_pos hb]; exact zero_mul_cast _
    · rw [t.boundHi_row hb]; grind

end Request

end Zkvm.Air.V2.Div
