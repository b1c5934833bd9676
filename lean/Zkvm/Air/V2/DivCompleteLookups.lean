module

public import Zkvm.Air.V2.DivCompleteGroups

/-!
# The DIV table: the builder's row satisfies the lookups, and carries its operands

For every request, the row of `Request.row` satisfies every lookup of `Lookups`
(`lookups_row`: the carries through `carry_le` and `carry_sum_lt`, d below `2^32`, β + 1 in
[0, 3]), its a and b are well-formed (`inputs_row`), and its words are the request's a, b and
the builder's c (`aWord_row`, `bWord_row`, `cWord_row`).
-/

@[expose] public section

namespace Zkvm.Air.V2.Div

open Zkvm.Field Zkvm.RiscV Zkvm.Air Zkvm.Air.Table Col
open Zkvm.Air.V2.Mul (byteOf pair val_cast_lt byteOf_lt top_ok)

namespace Request

variable (t : Request)

theorem absv_le (v : Word) (s : Nat) : absv v s ≤ 2 ^ 32 := by
  have := v.isLt; unfold absv; split <;> omega

theorem d_lt : t.d < 2 ^ 32 := by
  have := absv_le t.b t.sy; unfold d absY at *; omega

theorem sign_a_ok (hs : t.op.isSigned = true) :
    (2 * (t.row aHi - 32768 * t.row Col.sa)).val < 2 ^ 16 := by
  rw [row_aHi, row_sa]
  have hsa : t.sa = if t.a.msb then 1 else 0 := t.top_signed _ hs
  have m := Word.msb_iff_hi t.a
  have hl := t.a.hi_lt
  have hle : 32768 * t.sa ≤ t.a.hi := by
    rw [hsa]; cases h : t.a.msb
    · simp
    · simp only [if_true]; have := m.mp h; omega
  have e : 2 * (((t.a.hi : Nat) : BabyBear) - 32768 * ((t.sa : Nat) : BabyBear)) =
      ((2 * (t.a.hi - 32768 * t.sa) : Nat) : BabyBear) := by
    have : ((t.a.hi : Nat) : BabyBear) = ((t.a.hi - 32768 * t.sa : Nat) : BabyBear) +
        ((32768 * t.sa : Nat) : BabyBear) := by
      rw [← Felt.natCast_add, Nat.sub_add_cancel hle]
    rw [this, Felt.natCast_mul, Felt.natCast_mul]
    have h2 : ((2 : Nat) : BabyBear) = 2 := rfl
    have h3 : ((32768 : Nat) : BabyBear) = 32768 := rfl
    rw [h2, h3]; grind
  have hlt : 2 * (t.a.hi - 32768 * t.sa) < 2 ^ 16 := by
    rw [hsa]; cases h : t.a.msb
    · simp only [Bool.false_eq_true, if_false]
      have : ¬ 2 ^ 15 ≤ t.a.hi := fun h' => by rw [m.mpr h'] at h; exact absurd h (by decide)
      omega
    · simp only [if_true]; omega
  rw [e, val_cast_lt hlt]; exact hlt

theorem beta_ok (hb : t.b ≠ 0) : (t.row Col.beta + 1).val < 256 := by
  obtain ⟨_, _, h1, h2⟩ := t.bound_ok hb
  rw [t.beta_cast hb]
  have e : ((t.beta : Int) : BabyBear) + 1 = (((t.beta + 1).toNat : Nat) : BabyBear) := by
    rw [← intCast_nat, Int.toNat_of_nonneg (by omega), Lean.Grind.Ring.intCast_add]; rfl
  rw [e, val_cast_lt (by omega)]; omega

/-- **The builder's row satisfies the lookups.** -/
theorem lookups_row : Lookups t.row := by
  refine ⟨?_, ?_, ?_, ?_, ?_, ?_, ?_, ?_, ?_, ?_, ?_⟩
  · intro h
    cases hs : t.op.isSigned
    · rw [signed_row, hs] at h; exact absurd rfl h
    · exact t.sign_a_ok hs
  · intro _ i hi
    rw [t.row_q i hi, val_cast_lt (by have := byteOf_lt t.quo.toNat i; omega)]
    exact byteOf_lt _ _
  · intro _ i hi
    rw [t.row_y i (by omega), val_cast_lt (by have := byteOf_lt t.b.toNat i; omega)]
    exact byteOf_lt _ _
  · intro _
    rw [t.row_y 3 (by omega), row_sy, signed_row]
    exact top_ok t.b t.op.isSigned
  · intro _
    rw [row_rLo, val_cast_lt t.rem.lo_lt]; exact t.rem.lo_lt
  · intro _
    rw [row_rHi, val_cast_lt t.rem.hi_lt]; exact t.rem.hi_lt
  · intro _ m hm
    have := t.carry_le (m + 1) (by omega)
    rw [t.carry_row m hm, val_cast_lt (by omega)]; omega
  · intro _
    have hs := t.carry_sum_lt
    have e : 4 * (t.row k0 + t.row (k0 + 1) + t.row (k0 + 2) + t.row (k0 + 3)) =
        ((4 * (t.carry 1 + t.carry 2 + t.carry 3 + t.carry 4) : Nat) : BabyBear) := by
      rw [show t.row k0 = ((t.carry 1 : Nat) : BabyBear) from rfl,
        t.carry_row 1 (by omega), t.carry_row 2 (by omega), t.carry_row 3 (by omega)]
      simp only [Felt.natCast_add, Felt.natCast_mul]; rfl
    rw [e, val_cast_lt hs]; exact hs
  · intro h
    rw [compares_row] at h
    by_cases hb : t.b = 0
    · rw [if_pos hb] at h; exact absurd rfl h
    · rw [row_dLo, if_neg hb, val_cast_lt (by omega)]; omega
  · intro h
    rw [compares_row] at h
    by_cases hb : t.b = 0
    · rw [if_pos hb] at h; exact absurd rfl h
    · have := t.d_lt
      rw [row_dHi, if_neg hb, val_cast_lt (by omega)]; omega
  · intro h
    rw [compares_row] at h
    by_cases hb : t.b = 0
    · rw [if_pos hb] at h; exact absurd rfl h
    · exact t.beta_ok hb

/-- The row's a, b and c are the request's a, b and the builder's c. -/
theorem aWord_row : aWord t.row = t.a := WordLimbs.ofFelts_limbs t.a

theorem bWord_row : bWord t.row = t.b := by
  unfold bWord; rw [yLo_row, yHi_row]; exact WordLimbs.ofFelts_limbs t.b

theorem cWord_row : cWord t.row = t.c := WordLimbs.ofFelts_limbs t.c

/-- The row's a and b are well-formed. -/
theorem inputs_row : Inputs t.row := by
  refine ⟨?_, ?_, ?_, ?_⟩
  · rw [row_aLo, val_cast_lt t.a.lo_lt]; exact t.a.lo_lt
  · rw [row_aHi, val_cast_lt t.a.hi_lt]; exact t.a.hi_lt
  · rw [yLo_row, val_cast_lt t.b.lo_lt]; exact t.b.lo_lt
  · rw [yHi_row, val_cast_lt t.b.hi_lt]; exact t.b.hi_lt

end Request

end Zkvm.Air.V2.Div
