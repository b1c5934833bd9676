module

public import Zkvm.Air.V2.DivBuilder
public import Zkvm.Air.V2.DivSigned
public import Zkvm.Air.DivLimbs

/-!
# The DIV table: the builder's q and r meet the identity, the bound and the signs

For every request (`Request.honest`), with q' = q − 2^32 sq, y' = y − 2^32 sy, r' = r − 2^32 sr
and a' = a − 2^32 sa as the builder sets the sign bits:
* `q'·y' + r' = a'` exactly (division by zero: q = 0xFFFF_FFFF, r = a; the signed overflow:
  q' = 2^31, y' = −1, r' = 0);
* for y ≠ 0, `|r'| < |y'|` (`absR < absY`);
* r' is 0 or has a's sign: `sr = 1 → sa = 1`, and `sa = 1, sr = 0 → r = 0`.
From `DivLimbs.identity_divu_remu` and `identity_div_rem` (the semantics' truncated division).
-/

@[expose] public section

namespace Zkvm.Air.V2.Div

open Zkvm.Field Zkvm.RiscV Zkvm.Air

namespace Request

variable (t : Request)

theorem top_le (v : Word) : t.top v ≤ 1 := by unfold top; split <;> omega
theorem sa_le : t.sa ≤ 1 := t.top_le _
theorem sy_le : t.sy ≤ 1 := t.top_le _
theorem sr_le : t.sr ≤ 1 := t.top_le _
theorem sq_le : t.sq ≤ 1 := by unfold sq; split <;> omega

theorem top_unsigned (v : Word) (hs : t.op.isSigned = false) : t.top v = 0 := by
  simp [top, hs]

theorem top_signed (v : Word) (hs : t.op.isSigned = true) :
    t.top v = if v.msb then 1 else 0 := by
  simp [top, hs]

/-- The facts of the builder's q and r. -/
structure Honest : Prop where
  ident : ((t.quo.toNat : Int) - 2 ^ 32 * t.sq) * ((t.b.toNat : Int) - 2 ^ 32 * t.sy) +
      ((t.rem.toNat : Int) - 2 ^ 32 * t.sr) = (t.a.toNat : Int) - 2 ^ 32 * t.sa
  bound : t.b ≠ 0 → t.absR < t.absY
  sr_sa : t.sr = 1 → t.sa = 1
  rem_zero : t.sa = 1 → t.sr = 0 → t.rem.toNat = 0

theorem allOnes_toNat : (BitVec.allOnes 32).toNat = 2 ^ 32 - 1 := by decide

theorem honest_zero (hb : t.b = 0) : t.Honest := by
  have hq : t.quo = BitVec.allOnes 32 := by simp [quo, hb]
  have hr : t.rem = t.a := by simp [rem, hb]
  have hy : t.b.toNat = 0 := by rw [hb]; rfl
  have hsr : t.sr = t.sa := by simp only [sr, sa, hr]
  refine ⟨?_, fun h => absurd hb h, fun h => by rw [← hsr]; exact h, fun h1 h0 => ?_⟩
  · rw [hy, hsr, hr]
    have := t.sy_le
    have hsy : t.sy = 0 := by
      unfold sy top; rw [hb]; simp
    rw [hsy]; simp
  · rw [hsr] at h0; omega

theorem honest_unsigned (hb : t.b ≠ 0) (hs : t.op.isSigned = false) : t.Honest := by
  have hq : t.quo = MulOp.divu.eval t.a t.b := by simp [quo, MulOp.eval, hs]
  have hr : t.rem = MulOp.remu.eval t.a t.b := by simp [rem, MulOp.eval, hs]
  have hsa : t.sa = 0 := t.top_unsigned _ hs
  have hsy : t.sy = 0 := t.top_unsigned _ hs
  have hsr : t.sr = 0 := t.top_unsigned _ hs
  have hsq : t.sq = 0 := by simp [sq, hs]
  obtain ⟨h1, h2⟩ := DivLimbs.identity_divu_remu (a := t.a) hb
  simp only [← hq, ← hr] at h1 h2
  refine ⟨?_, fun _ => ?_, fun h => by omega, fun h => by omega⟩
  · rw [hsa, hsy, hsr, hsq]
    simp only [Int.natCast_zero, Int.mul_zero, Int.sub_zero]
    rw [h1]; push_cast; rfl
  · unfold absR absY absv; rw [hsr, hsy]; simp only [Nat.reduceEqDiff, if_false]; exact h2

theorem intMin_toNat : (BitVec.intMin 32).toNat = 2 ^ 31 := by decide
theorem negOne_toNat : (-1 : Word).toNat = 2 ^ 32 - 1 := by decide

theorem honest_overflow (hs : t.op.isSigned = true) (ha : t.a.toNat = 2 ^ 31)
    (hb : t.b.toNat = 2 ^ 32 - 1) : t.Honest := by
  have ea : t.a = BitVec.intMin 32 := BitVec.eq_of_toNat_eq (by rw [ha, intMin_toNat])
  have eb : t.b = -1 := BitVec.eq_of_toNat_eq (by rw [hb, negOne_toNat])
  have hb0 : t.b ≠ 0 := by rw [eb]; decide
  have hq : t.quo = MulOp.div.eval t.a t.b := by simp [quo, MulOp.eval, hs]
  have hr : t.rem = MulOp.rem.eval t.a t.b := by simp [rem, MulOp.eval, hs]
  rw [ea, eb, MulOp.div_overflow] at hq
  rw [ea, eb, MulOp.rem_overflow] at hr
  have hov : t.overflow = true := by simp [overflow, hs, ha, hb]
  have hsq : t.sq = 0 := by simp [sq, hov]
  have hsa : t.sa = 1 := by rw [sa, top_signed _ _ hs, ea]; decide
  have hsy : t.sy = 1 := by rw [sy, top_signed _ _ hs, eb]; decide
  have hsr : t.sr = 0 := by rw [sr, top_signed _ _ hs, hr]; decide
  have qn : t.quo.toNat = 2 ^ 31 := by rw [hq, intMin_toNat]
  have rn : t.rem.toNat = 0 := by rw [hr]; rfl
  refine ⟨?_, fun _ => ?_, fun h => by omega, fun _ _ => rn⟩
  · rw [qn, hb, rn, ha, hsq, hsy, hsr, hsa]; decide
  · unfold absR absY absv; rw [hsr, hsy, rn, hb]; decide

theorem honest_signed (hb : t.b ≠ 0) (hs : t.op.isSigned = true)
    (hov : ¬(t.a.toNat = 2 ^ 31 ∧ t.b.toNat = 2 ^ 32 - 1)) : t.Honest := by
  have hq : t.quo = MulOp.div.eval t.a t.b := by simp [quo, MulOp.eval, hs]
  have hr : t.rem = MulOp.rem.eval t.a t.b := by simp [rem, MulOp.eval, hs]
  have hov' : ¬(t.a = BitVec.intMin 32 ∧ t.b = -1) := fun ⟨h1, h2⟩ =>
    hov ⟨by rw [h1, intMin_toNat], by rw [h2, negOne_toNat]⟩
  have hno : t.overflow = false := by
    simp only [overflow, hs, Bool.true_and, Bool.and_eq_false_iff, beq_eq_false_iff_ne]
    by_cases h : t.a.toNat = 2 ^ 31
    · exact Or.inr fun h' => hov ⟨h, h'⟩
    · exact Or.inl h
  obtain ⟨h1, h2, h3, h4⟩ := DivLimbs.identity_div_rem hb hov'
  simp only [← hq, ← hr] at h1 h2 h3 h4
  have ta := toInt_of_bit t.a (s := t.sa) (t.top_signed _ hs)
  have ty := toInt_of_bit t.b (s := t.sy) (t.top_signed _ hs)
  have tr := toInt_of_bit t.rem (s := t.sr) (t.top_signed _ hs)
  have tq := toInt_of_bit t.quo (s := t.sq) (by simp [sq, hs, hno])
  have la := lt_of_bit t.a (s := t.sa) (t.top_signed _ hs)
  have ly := lt_of_bit t.b (s := t.sy) (t.top_signed _ hs)
  have lr := lt_of_bit t.rem (s := t.sr) (t.top_signed _ hs)
  have sa1 := t.sa_le
  have sy1 := t.sy_le
  have sr1 := t.sr_le
  have ra := t.rem.isLt
  have ya := t.b.isLt
  rw [ta, ty, tr, tq] at h1
  rw [ty, tr] at h2
  rw [ta, tr] at h3 h4
  refine ⟨h1.symm, fun _ => ?_, fun h => ?_, fun h h' => ?_⟩
  · unfold absR absY absv
    split <;> split <;> omega
  · rcases (by omega : t.sa = 0 ∨ t.sa = 1) with e | e
    · rw [e] at h3; have := (la.1 e); omega
    · exact e
  · have := la.2 h
    rw [h, h'] at h4; omega

/-- **The builder's q and r** meet the identity, the bound and the signs. -/
theorem honest : t.Honest := by
  by_cases hb : t.b = 0
  · exact t.honest_zero hb
  · cases hs : t.op.isSigned
    · exact t.honest_unsigned hb hs
    · by_cases hov : t.a.toNat = 2 ^ 31 ∧ t.b.toNat = 2 ^ 32 - 1
      · exact t.honest_overflow hs hov.1 hov.2
      · exact t.honest_signed hb hs hov

end Request

end Zkvm.Air.V2.Div
