module

public import Zkvm.Air.V2.MulCompleteGroups
public import Zkvm.Air.V2.MulShift

/-!
# The MUL table: the builder's row satisfies the lookups, and carries its operands

For every request, the row of `Request.row` satisfies every
lookup of `Lookups` (`lookups_row`: the carries through `honest_carry_sum`), its a and b are
well-formed (`inputs_row`), and its words are the request's a, b and y (`aWord_row`,
`bWord_row`, `yWord_row`).
-/

@[expose] public section

namespace Zkvm.Air.V2.Mul

open Zkvm.Field Zkvm.RiscV Zkvm.Air.Table Col Request

variable (q : Request)

theorem val_cast_lt {n : Nat} (h : n < 2 ^ 16) : ((n : Nat) : BabyBear).val = n :=
  val_natCast_lt h

theorem byteOf_lt (v i : Nat) : byteOf v i < 256 := Nat.mod_lt _ (by decide)

/-- The top byte's lookup on a builder row: `A3 + 128 [signed] − 256 [signed ∧ negative]`. -/
theorem top_ok (v : Word) (sg : Bool) :
    (topByte ((byteOf v.toNat 3 : Nat) : BabyBear) ((if sg && v.msb then 1 else 0 : Nat) : BabyBear)
      ((if sg then 1 else 0 : Nat) : BabyBear)).val < 256 := by
  have hv := v.isLt
  have key : v.msb = true ↔ 2 ^ 31 ≤ v.toNat := by
    rw [Word.msb_iff_hi]; simp only [Word.hi]; omega
  have k1 : v.msb = true → 2 ^ 31 ≤ v.toNat := fun h => key.mp h
  have k2 : v.msb = false → v.toNat < 2 ^ 31 := fun h => by
    rcases Nat.lt_or_ge v.toNat (2 ^ 31) with h' | h'
    · exact h'
    · have := key.mpr h'; rw [h] at this; exact absurd this (by decide)
  have b3 : byteOf v.toNat 3 = v.toNat / 16777216 := by
    simp only [byteOf, Nat.reducePow]; omega
  have h128 : ((128 : Nat) : BabyBear) = 128 := rfl
  have h256 : ((256 : Nat) : BabyBear) = 256 := rfl
  cases sg <;> cases hm : v.msb <;> simp only [Bool.false_and, Bool.true_and,
    Bool.false_eq_true, if_false, if_true]
  · unfold topByte; rw [Felt.natCast_zero]
    rw [show ((byteOf v.toNat 3 : Nat) : BabyBear) - 256 * 0 + 128 * 0 =
      ((byteOf v.toNat 3 : Nat) : BabyBear) by grind, val_cast_lt (by have := byteOf_lt v.toNat 3; omega)]
    exact byteOf_lt _ _
  · unfold topByte; rw [Felt.natCast_zero]
    rw [show ((byteOf v.toNat 3 : Nat) : BabyBear) - 256 * 0 + 128 * 0 =
      ((byteOf v.toNat 3 : Nat) : BabyBear) by grind, val_cast_lt (by have := byteOf_lt v.toNat 3; omega)]
    exact byteOf_lt _ _
  · unfold topByte
    have e : ((byteOf v.toNat 3 : Nat) : BabyBear) - 256 * ((0 : Nat) : BabyBear) +
        128 * ((1 : Nat) : BabyBear) = ((byteOf v.toNat 3 + 128 : Nat) : BabyBear) := by
      rw [Felt.natCast_add, Felt.natCast_zero, Felt.natCast_one, h128]; grind
    have := k2 hm
    simp only [Nat.reducePow] at this hv
    rw [e, val_cast_lt (by omega)]
    omega
  · unfold topByte
    have e : ((byteOf v.toNat 3 : Nat) : BabyBear) - 256 * ((1 : Nat) : BabyBear) +
        128 * ((1 : Nat) : BabyBear) = ((byteOf v.toNat 3 - 128 : Nat) : BabyBear) := by
      have hb : 128 ≤ byteOf v.toNat 3 := by
        have := k1 hm; rw [b3]; simp only [Nat.reducePow] at this; omega
      have : ((byteOf v.toNat 3 : Nat) : BabyBear) =
          ((byteOf v.toNat 3 - 128 : Nat) : BabyBear) + ((128 : Nat) : BabyBear) := by
        rw [← Felt.natCast_add, Nat.sub_add_cancel hb]
      rw [this, Felt.natCast_one, h128]; grind
    rw [e, val_cast_lt (by have := byteOf_lt v.toNat 3; omega)]
    have := byteOf_lt v.toNat 3
    omega

theorem xs_le : ∀ i, q.xs i ≤ 255 := fun i => by
  unfold Request.xs Request.sa
  split
  · have := byteOf_lt q.a.toNat i; omega
  · split <;> omega

theorem ys_le : ∀ i, q.ys i ≤ 255 := fun i => by
  unfold Request.ys Request.sb
  split
  · have := byteOf_lt q.second i; omega
  · split <;> omega

/-- **The builder's row satisfies the lookups.** -/
theorem lookups_row : Lookups q.row := by
  have hP : P = 2013265921 := P_eq
  refine ⟨?_, ?_, ?_, ?_, ?_, ?_, ?_, ?_, ?_, ?_, ?_, ?_⟩
  · intro _ i hi
    rw [row_a q i (by omega), val_cast_lt (by have := byteOf_lt q.a.toNat i; omega)]
    exact byteOf_lt _ _
  · intro _
    rw [row_a q 3 (by omega), aSigned_row, show q.row sa = ((q.sa : Nat) : BabyBear) from rfl]
    exact top_ok q.a q.op.aSigned
  · intro _ i hi
    rw [row_m q i (by omega), val_cast_lt (by have := byteOf_lt q.second i; omega)]
    exact byteOf_lt _ _
  · intro hm
    rw [multiplies_row] at hm
    cases hs : q.op.isShift
    · have hy : q.second = q.y.toNat := by simp [Request.second, hs]
      rw [row_m q 3 (by omega), fMulh_row, show q.row sb = ((q.sb : Nat) : BabyBear) from rfl,
        hy]
      unfold Request.sb
      have := top_ok q.y (decide (q.op = .mulh))
      simpa using this
    · rw [hs] at hm; exact absurd rfl hm
  · intro hsh
    rw [shifts_row] at hsh
    cases hs : q.op.isShift
    · rw [hs] at hsh; exact absurd rfl hsh
    · have hsec : q.second = pow2Factor (if q.op.isRight then 1 else 0) q.amt := by
        simp [Request.second, hs]
      have ham : q.amt < 32 := Nat.mod_lt _ (by decide)
      have hF := pow2Factor_lt (k := if q.op.isRight then 1 else 0) ham
      have rr : (right q.row).val = if q.op.isRight then 1 else 0 := by
        rw [right_row, val_cast_lt (by split <;> omega)]
      have rs : (q.row s).val = q.amt := by
        show ((if q.op.isShift then q.amt else 0 : Nat) : BabyBear).val = _
        rw [hs, if_pos rfl, val_cast_lt (by omega)]
      have rn : (q.row nz).val = if q.amt = 0 then 0 else 1 := by
        rw [row_nz, hs, val_cast_lt (by split <;> omega)]
        by_cases h : q.amt = 0 <;> simp [h]
      have rm : ∀ i, i < 4 → (q.row (m0 + i)).val = byteOf q.second i := fun i hi => by
        rw [row_m q i hi, val_cast_lt (by have := byteOf_lt q.second i; omega)]
      have r0 := rm 0 (by omega)
      simp only [Nat.add_zero] at r0
      rw [rr, rs, r0, rm 1 (by omega), rm 2 (by omega), rm 3 (by omega), rn, hsec]
      refine ⟨by split <;> omega, ham, ?_, ?_, ?_, ?_, rfl⟩ <;>
        simp only [byteOf, Nat.reducePow, Nat.div_one]
  · intro _
    show ((q.c % 65536 : Nat) : BabyBear).val < _
    rw [val_cast_lt (by omega)]; omega
  · intro _
    show ((q.c / 65536 : Nat) : BabyBear).val < _
    have : q.c < 2 ^ 32 := by
      have := honestLimb_lt q.xs q.ys 0; have := honestLimb_lt q.xs q.ys 1
      have := honestLimb_lt q.xs q.ys 2; have := honestLimb_lt q.xs q.ys 3
      unfold Request.c Request.low Request.high; split <;> omega
    rw [val_cast_lt (by omega)]; omega
  · intro _
    show ((q.x % 65536 : Nat) : BabyBear).val < _
    rw [val_cast_lt (by omega)]; omega
  · intro _
    show ((q.x / 65536 : Nat) : BabyBear).val < _
    have : q.x < 2 ^ 32 := by
      have := honestLimb_lt q.xs q.ys 0; have := honestLimb_lt q.xs q.ys 1
      have := honestLimb_lt q.xs q.ys 2; have := honestLimb_lt q.xs q.ys 3
      unfold Request.x Request.low Request.high; split <;> omega
    rw [val_cast_lt (by omega)]; omega
  · intro _ m hm
    have := honestCarry_le (xs_le q) (ys_le q) (m + 1) (by omega)
    rw [carry_row q m hm, val_cast_lt (by omega)]; omega
  · intro _
    have hs := honest_carry_sum (xs_le q) (ys_le q)
    have e : 4 * (q.row k0 + q.row (k0 + 1) + q.row (k0 + 2) + q.row (k0 + 3)) =
        ((4 * (honestCarry q.xs q.ys 1 + honestCarry q.xs q.ys 2 + honestCarry q.xs q.ys 3 +
          honestCarry q.xs q.ys 4) : Nat) : BabyBear) := by
      rw [show q.row k0 = ((honestCarry q.xs q.ys 1 : Nat) : BabyBear) from rfl,
        carry_row q 1 (by omega), carry_row q 2 (by omega), carry_row q 3 (by omega)]
      simp only [Felt.natCast_add, Felt.natCast_mul]; rfl
    rw [e, val_cast_lt hs]; exact hs
  · intro _
    show ((if q.op.isShift then q.y.lo / 32 else 0 : Nat) : BabyBear).val < _
    have := q.y.lo_lt
    rw [val_cast_lt (by split <;> omega)]; split <;> omega

theorem pair_cast_lo (w : Word) :
    pair ((byteOf w.toNat 0 : Nat) : BabyBear) ((byteOf w.toNat 1 : Nat) : BabyBear) =
      ((w.lo : Nat) : BabyBear) := by
  have e := byteOf_lo w.toNat
  rw [show w.lo = byteOf w.toNat 0 + 256 * byteOf w.toNat 1 by rw [e]; rfl]
  simp only [pair, Felt.natCast_add, Felt.natCast_mul]; rfl

theorem pair_cast_hi (w : Word) :
    pair ((byteOf w.toNat 2 : Nat) : BabyBear) ((byteOf w.toNat 3 : Nat) : BabyBear) =
      ((w.hi : Nat) : BabyBear) := by
  have e := byteOf_hi w.toNat w.isLt
  rw [show w.hi = byteOf w.toNat 2 + 256 * byteOf w.toNat 3 by rw [e]; rfl]
  simp only [pair, Felt.natCast_add, Felt.natCast_mul]; rfl

/-- The row's a is the request's. -/
theorem aWord_row : aWord q.row = q.a := by
  unfold aWord
  have r0 := row_a q 0 (by omega)
  simp only [Nat.add_zero] at r0
  rw [r0, row_a q 1 (by omega), row_a q 2 (by omega), row_a q 3 (by omega), pair_cast_lo,
    pair_cast_hi]
  exact WordLimbs.ofFelts_limbs q.a

theorem bWord_row : bWord q.row = q.b := WordLimbs.ofFelts_limbs q.b

theorem yWord_row : yWord q.row = q.y := by
  unfold yWord Request.y
  cases hu : q.useImm
  · rw [if_neg (by show ((if q.useImm then 1 else 0 : Nat) : BabyBear) ≠ 1; rw [hu]; decide)]
    exact WordLimbs.ofFelts_limbs q.b
  · rw [if_pos (by show ((if q.useImm then 1 else 0 : Nat) : BabyBear) = 1; rw [hu]; rfl)]
    exact WordLimbs.ofFelts_limbs q.imm

/-- The row's a and b are well-formed. -/
theorem inputs_row : Inputs q.row := by
  have r0 := row_a q 0 (by omega)
  simp only [Nat.add_zero] at r0
  refine ⟨?_, ?_, ?_, ?_⟩
  · rw [r0, row_a q 1 (by omega), pair_cast_lo, val_cast_lt q.a.lo_lt]; exact q.a.lo_lt
  · rw [row_a q 2 (by omega), row_a q 3 (by omega), pair_cast_hi, val_cast_lt q.a.hi_lt]
    exact q.a.hi_lt
  · show ((q.b.lo : Nat) : BabyBear).val < _
    rw [val_cast_lt q.b.lo_lt]; exact q.b.lo_lt
  · show ((q.b.hi : Nat) : BabyBear).val < _
    rw [val_cast_lt q.b.hi_lt]; exact q.b.hi_lt

end Zkvm.Air.V2.Mul
