module

public import Zkvm.Air.V2.MemCompleteLookups

/-!
# The MEM table: the builder's sub-word cells

On a sub-word row (LB, LH, LBU, LHU, SB, SH) of a request the builder accepts, the lane cells are
one-hot at the lane, x0 and x1 are the bytes of the addressed half (`half_groups`: the two
addressed-half groups hold), and the byte `laneByte` selects is the old word's byte at the lane
(`laneByte_row`).
-/

@[expose] public section

noncomputable section

namespace Zkvm.Air.V2.Mem

open Zkvm.Field Zkvm.RiscV Zkvm.Air.Table Col

namespace Request

variable {q : Request}

theorem lane0_sub (hq : q.Ok) (hs : q.subWord = true) :
    lane0 q.row = ((q.laneCell 0 : Nat) : BabyBear) := by
  rw [(lanes_row hq).1]
  simp only [hs, true_and, laneCell]

theorem x0_sub (hs : q.subWord = true) : q.x0 = q.half % 2 ^ 8 := by
  simp only [Request.x0, hs, if_true, and_mask8]

theorem x1_sub (hs : q.subWord = true) : q.x1 = q.half / 2 ^ 8 := by
  simp only [Request.x1, hs, if_true, Nat.shiftRight_eq_div_pow]

theorem half_eq : q.half = if q.lane ≥ 2 then q.old.toNat / 2 ^ 16 else q.old.toNat % 2 ^ 16 := by
  simp only [Request.half, Nat.shiftRight_eq_div_pow, and_mask16]

/-- The addressed-half groups. -/
theorem half_groups (hq : q.Ok) (hs : q.subWord = true) :
    (lane0 q.row + q.row Col.l1) * (q.row Col.oldLo - Mem.half q.row) = 0 ∧
      (q.row Col.l2 + q.row Col.l3) * (q.row Col.oldHi - Mem.half q.row) = 0 := by
  have hl4 := (addr_split q).2.2
  have hh := half_eq (q := q)
  have := q.old.isLt
  have hx : Mem.half q.row = ((q.x0 + 256 * q.x1 : Nat) : BabyBear) := by
    unfold Mem.half; rw [row_x0, row_x1]; push_natCast
  rw [lane0_sub hq hs, row_l1, row_l2, row_l3, row_oldLo, row_oldHi, hx, x0_sub hs, x1_sub hs,
    and_mask16, Nat.shiftRight_eq_div_pow]
  simp only [laneCell]
  by_cases h2 : q.lane ≥ 2
  · rw [if_pos h2] at hh
    have E : ((q.old.toNat / 2 ^ 16 : Nat) : BabyBear) =
        ((q.half % 2 ^ 8 + 256 * (q.half / 2 ^ 8) : Nat) : BabyBear) := cast_eq (by omega)
    simp only [show q.lane ≠ 0 by omega, show q.lane ≠ 1 by omega, if_false, Felt.natCast_zero]
    constructor <;> grind
  · rw [if_neg h2] at hh
    have E : ((q.old.toNat % 2 ^ 16 : Nat) : BabyBear) =
        ((q.half % 2 ^ 8 + 256 * (q.half / 2 ^ 8) : Nat) : BabyBear) := cast_eq (by omega)
    simp only [show q.lane ≠ 2 by omega, show q.lane ≠ 3 by omega, if_false, Felt.natCast_zero]
    constructor <;> grind

/-- The byte `laneByte` selects is the old word's byte at the lane. -/
theorem laneByte_row (hq : q.Ok) (hs : q.subWord = true) :
    laneByte q.row = ((q.old.toNat / 2 ^ (8 * q.lane) % 2 ^ 8 : Nat) : BabyBear) := by
  have hl4 := (addr_split q).2.2
  have hh := half_eq (q := q)
  have := q.old.isLt
  have e : laneByte q.row = (((q.laneCell 0 + q.laneCell 2) * q.x0 +
      (q.laneCell 1 + q.laneCell 3) * q.x1 : Nat) : BabyBear) := by
    unfold laneByte
    rw [lane0_sub hq hs, row_l1, row_l2, row_l3, row_x0, row_x1]
    push_natCast
  rw [e]
  apply cast_eq
  rw [x0_sub hs, x1_sub hs]
  simp only [laneCell]
  rcases (by omega : q.lane = 0 ∨ q.lane = 1 ∨ q.lane = 2 ∨ q.lane = 3) with h | h | h | h <;>
    rw [h] at hh ⊢ <;> simp +decide only [ite_true, ite_false, Nat.reduceMul, Nat.reducePow,
      Nat.zero_add, Nat.add_zero, Nat.one_mul, Nat.zero_mul] at hh ⊢ <;> omega

end Request

end Zkvm.Air.V2.Mem

end
