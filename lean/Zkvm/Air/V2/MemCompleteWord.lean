module

public import Zkvm.Air.V2.MemCompleteAddr

/-!
# The MEM table: completeness of LW and SW

The groups that carry the op's values (`ValueGroups`: loads read, the addressed half, v and its
sign, the loads, SW, SH, SB); with `CommonGroups` they are `Groups` (`groups_of`). For a request
of LW or SW the builder accepts, the row of `Request.row` meets them (`lw_value`, `sw_value`),
so it meets every group (`lw_groups`, `sw_groups`).
-/

@[expose] public section

noncomputable section

namespace Zkvm.Air.V2.Mem

open Zkvm.Field Zkvm.RiscV Zkvm.Air.Table Col

/-- The groups of docs/air.md §7.1 that carry the op's values. -/
structure ValueGroups (r : Row BabyBear) : Prop where
  load_lo : isLoad r * (r newLo - r oldLo) = 0
  load_hi : isLoad r * (r newHi - r oldHi) = 0
  half_lo : (lane0 r + r l1) * (r oldLo - half r) = 0
  half_hi : (r l2 + r l3) * (r oldHi - half r) = 0
  bool_s : boolean (r s) = 0
  v_byte : (r fLb + r fLbu) * (r v - laneByte r) = 0
  v_lh : r fLh * (r v - r x1) = 0
  lw_lo : r fLw * (r cLo - r oldLo) = 0
  lw_hi : r fLw * (r cHi - r oldHi) = 0
  lb_lo : r fLb * (r cLo - (r v + 65280 * r s)) = 0
  lbu_lo : r fLbu * (r cLo - r v) = 0
  lh_lo : (r fLh + r fLhu) * (r cLo - half r) = 0
  signed_hi : (r fLb + r fLh) * (r cHi - 65535 * r s) = 0
  unsigned_hi : (r fLbu + r fLhu) * r cHi = 0
  sw_lo : r fSw * (r newLo - r bLo) = 0
  sw_hi : r fSw * (r newHi - r bHi) = 0
  sh_lo : r fSh * (r newLo - shLo r) = 0
  sh_hi : r fSh * (r newHi - shHi r) = 0
  sb_b : r fSb * (r bLo - (r v + 256 * r y1)) = 0
  sb_lo : r fSb * (r newLo - sbLo r) = 0
  sb_hi : r fSb * (r newHi - sbHi r) = 0

theorem groups_of {r : Row BabyBear} (c : CommonGroups r) (v : ValueGroups r) : Groups r :=
  { c with
    load_lo := v.load_lo, load_hi := v.load_hi, half_lo := v.half_lo, half_hi := v.half_hi,
    bool_s := v.bool_s, v_byte := v.v_byte, v_lh := v.v_lh, lw_lo := v.lw_lo, lw_hi := v.lw_hi,
    lb_lo := v.lb_lo, lbu_lo := v.lbu_lo, lh_lo := v.lh_lo, signed_hi := v.signed_hi,
    unsigned_hi := v.unsigned_hi, sw_lo := v.sw_lo, sw_hi := v.sw_hi, sh_lo := v.sh_lo,
    sh_hi := v.sh_hi, sb_b := v.sb_b, sb_lo := v.sb_lo, sb_hi := v.sb_hi }

namespace Request

variable {q : Request}

/-- The flag cells of a row: 1 for the op, 0 for the others. -/
theorem row_flag (o : Op) (c : Nat) (hc : c = o.flag) :
    q.row c = if q.op = o then 1 else 0 := by
  subst hc
  cases o <;> simp only [Op.flag] <;>
    first
    | (rw [row_fLb, flagCell]; split <;> rfl)
    | (rw [row_fLh, flagCell]; split <;> rfl)
    | (rw [row_fLw, flagCell]; split <;> rfl)
    | (rw [row_fLbu, flagCell]; split <;> rfl)
    | (rw [row_fLhu, flagCell]; split <;> rfl)
    | (rw [row_fSb, flagCell]; split <;> rfl)
    | (rw [row_fSh, flagCell]; split <;> rfl)
    | (rw [row_fSw, flagCell]; split <;> rfl)

/-- A word op (LW, SW) has lane 0, no lane cells, and no byte cells. -/
theorem word_cells (hq : q.Ok) (hw : q.width = 4) :
    q.lane = 0 ∧ lane0 q.row = 0 ∧ q.row Col.l1 = 0 ∧ q.row Col.l2 = 0 ∧ q.row Col.l3 = 0 ∧
      q.row Col.x0 = 0 ∧ q.row Col.x1 = 0 := by
  have hs : q.subWord = false := by simp only [subWord, hw]; decide
  have hl := (lanes_row hq).2 hs
  have l0 := (lanes_row hq).1
  simp only [hs, Bool.false_eq_true, false_and, if_false, Felt.natCast_zero] at l0
  refine ⟨hl, l0, ?_, ?_, ?_, ?_, ?_⟩
  · rw [row_l1, laneCell, hl]; rfl
  · rw [row_l2, laneCell, hl]; rfl
  · rw [row_l3, laneCell, hl]; rfl
  · rw [row_x0, x0, hs]; rfl
  · rw [row_x1, x1, hs]; rfl

theorem lw_value (hq : q.Ok) (hop : q.op = .lw) : ValueGroups q.row := by
  have hw : q.width = 4 := by simp only [width, hop]
  obtain ⟨hl, e0, e1, e2, e3, ex0, ex1⟩ := word_cells hq hw
  have f0 := row_flag (q := q) .lb fLb rfl
  have f1 := row_flag (q := q) .lh fLh rfl
  have f2 := row_flag (q := q) .lw fLw rfl
  have f3 := row_flag (q := q) .lbu fLbu rfl
  have f4 := row_flag (q := q) .lhu fLhu rfl
  have f5 := row_flag (q := q) .sb fSb rfl
  have f6 := row_flag (q := q) .sh fSh rfl
  have f7 := row_flag (q := q) .sw fSw rfl
  simp only [hop, reduceCtorEq, if_true, if_false] at f0 f1 f2 f3 f4 f5 f6 f7
  have hst : q.isStore = false := by simp only [Request.isStore, hop]; decide
  have hnew : q.new = q.old.toNat := by simp only [new, hst, Bool.false_eq_true, if_false]
  have hc : q.c = q.old.toNat := by
    have := q.old.isLt
    simp only [c, hop, raw, hst, Bool.false_eq_true, if_false, shift, hl, mask, hw]
    simp only [Nat.mul_zero, Nat.shiftRight_zero, if_neg (by decide : (4 : Nat) ≠ 1),
      if_neg (by decide : (4 : Nat) ≠ 2)]
    rw [(by decide : (0xFFFFFFFF : Nat) = 2 ^ 32 - 1), Nat.and_two_pow_sub_one_eq_mod]
    omega
  have n0 : q.row Col.newLo = q.row Col.oldLo := by rw [row_newLo, row_oldLo, hnew]
  have n1 : q.row Col.newHi = q.row Col.oldHi := by rw [row_newHi, row_oldHi, hnew]
  have c0 : q.row Col.cLo = q.row Col.oldLo := by rw [row_cLo, row_oldLo, hc]
  have c1 : q.row Col.cHi = q.row Col.oldHi := by rw [row_cHi, row_oldHi, hc]
  have hv : q.row Col.v = 0 := by rw [row_v, Request.v, hop]; rfl
  have hs : q.row Col.s = 0 := by rw [row_s, Request.s, hop]; rfl
  have hy : q.row Col.y1 = 0 := by rw [row_y1, Request.y1, if_neg (by rw [hop]; decide)]; rfl
  constructor <;>
    simp only [isLoad, Mem.half, laneByte, shLo, shHi, sbLo, sbHi, boolean, f0, f1, f2, f3, f4, f5,
      f6, f7, e0, e1, e2, e3, ex0, ex1, n0, n1, c0, c1, hv, hs, hy] <;> grind

theorem sw_value (hq : q.Ok) (hop : q.op = .sw) : ValueGroups q.row := by
  have hw : q.width = 4 := by simp only [width, hop]
  obtain ⟨hl, e0, e1, e2, e3, ex0, ex1⟩ := word_cells hq hw
  have f0 := row_flag (q := q) .lb fLb rfl
  have f1 := row_flag (q := q) .lh fLh rfl
  have f2 := row_flag (q := q) .lw fLw rfl
  have f3 := row_flag (q := q) .lbu fLbu rfl
  have f4 := row_flag (q := q) .lhu fLhu rfl
  have f5 := row_flag (q := q) .sb fSb rfl
  have f6 := row_flag (q := q) .sh fSh rfl
  have f7 := row_flag (q := q) .sw fSw rfl
  simp only [hop, reduceCtorEq, if_true, if_false] at f0 f1 f2 f3 f4 f5 f6 f7
  have hst : q.isStore = true := by simp only [Request.isStore, hop]; decide
  have hmask : q.mask = 0xFFFFFFFF := by
    simp only [mask, hw, if_neg (by decide : (4 : Nat) ≠ 1), if_neg (by decide : (4 : Nat) ≠ 2)]
  have hraw : q.raw = q.b.toNat := by
    have := q.b.isLt
    simp only [raw, hst, if_true, hmask]
    rw [(by decide : (0xFFFFFFFF : Nat) = 2 ^ 32 - 1), Nat.and_two_pow_sub_one_eq_mod]
    omega
  have hnew : q.new = q.b.toNat := by
    have := q.old.isLt
    simp only [new, hst, if_true, shift, hl, Nat.mul_zero, hmask, hraw, Nat.pow_zero,
      Nat.mul_one, Nat.div_one]
    omega
  have n0 : q.row Col.newLo = q.row Col.bLo := by rw [row_newLo, row_bLo, hnew]
  have n1 : q.row Col.newHi = q.row Col.bHi := by rw [row_newHi, row_bHi, hnew]
  have hv : q.row Col.v = 0 := by rw [row_v, Request.v, hop]; rfl
  have hs : q.row Col.s = 0 := by rw [row_s, Request.s, hop]; rfl
  have hy : q.row Col.y1 = 0 := by rw [row_y1, Request.y1, if_neg (by rw [hop]; decide)]; rfl
  have hcz : q.c = 0 := by simp only [c, hop]
  have c0 : q.row Col.cLo = 0 := by rw [row_cLo, hcz]; rfl
  have c1 : q.row Col.cHi = 0 := by rw [row_cHi, hcz]; rfl
  constructor <;>
    simp only [isLoad, Mem.half, laneByte, shLo, shHi, sbLo, sbHi, boolean, f0, f1, f2, f3, f4, f5,
      f6, f7, e0, e1, e2, e3, ex0, ex1, n0, n1, c0, c1, hv, hs, hy] <;> grind

theorem lw_groups (hq : q.Ok) (hop : q.op = .lw) : Groups q.row :=
  groups_of (common_groups hq) (lw_value hq hop)

theorem sw_groups (hq : q.Ok) (hop : q.op = .sw) : Groups q.row :=
  groups_of (common_groups hq) (sw_value hq hop)

end Request

end Zkvm.Air.V2.Mem

end
