module

public import Zkvm.Air.V2.MemComplete

/-!
# The MEM table: completeness of SH

For every SH request the builder accepts (`Request.Ok`), the row of `Request.row` meets every
group and every lookup, carries the request's operands and old word, and its new word is the
semantics' store (`sh_complete`).
-/

@[expose] public section

noncomputable section

namespace Zkvm.Air.V2.Mem

open Zkvm.Field Zkvm.RiscV Zkvm.Air.Table Col

namespace Request

variable {q : Request}

theorem sh_value (hq : q.Ok) (hop : q.op = .sh) : ValueGroups q.row := by
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
  have hw : q.width = 2 := by simp only [width, hop]
  have hsw : q.subWord = true := by simp only [subWord, hw]; decide
  obtain ⟨H0, H1⟩ := half_groups hq hsw
  have hmask : q.mask = 0xFFFF := by
    simp only [mask, hw, if_neg (by decide : (2 : Nat) ≠ 1), if_true]
  have hraw : q.raw = q.b.toNat % 2 ^ 16 := by simp only [raw, hst, if_true, hmask, and_mask16]
  have ha := hq.aligned
  have hl := lane_eq q
  rw [hw] at ha
  have hl4 := (addr_split q).2.2
  have := q.old.isLt
  have := q.b.isLt
  have l0 := lane0_sub hq hsw
  have hcz : q.c = 0 := by simp only [c, hop]
  have c0 : q.row Col.cLo = 0 := by rw [row_cLo, hcz]; rfl
  have c1 : q.row Col.cHi = 0 := by rw [row_cHi, hcz]; rfl
  have hv : q.row Col.v = 0 := by rw [row_v, Request.v, hop]; rfl
  have hs : q.row Col.s = 0 := by rw [row_s, Request.s, hop]; rfl
  have hy : q.row Col.y1 = 0 := by rw [row_y1, Request.y1, if_neg (by rw [hop]; decide)]; rfl
  have hnew : q.new = q.old.toNat - q.old.toNat / 2 ^ (8 * q.lane) % 2 ^ 16 * 2 ^ (8 * q.lane) +
      q.b.toNat % 2 ^ 16 * 2 ^ (8 * q.lane) := by
    simp only [new, hst, if_true, shift, hmask, hraw]
  rcases (by omega : q.lane = 0 ∨ q.lane = 2) with h | h
  · rw [h] at hnew
    simp only [Nat.mul_zero, Nat.pow_zero, Nat.div_one, Nat.mul_one] at hnew
    have n0 : q.row Col.newLo = q.row Col.bLo := by
      rw [row_newLo, row_bLo, and_mask16, and_mask16]; apply cast_eq; omega
    have n1 : q.row Col.newHi = q.row Col.oldHi := by
      rw [row_newHi, row_oldHi, Nat.shiftRight_eq_div_pow, Nat.shiftRight_eq_div_pow]
      apply cast_eq; omega
    have e0 : lane0 q.row = 1 := by rw [l0, laneCell, if_pos h]; rfl
    have e1 : q.row Col.l1 = 0 := by rw [row_l1, laneCell, if_neg (by omega)]; rfl
    have e2 : q.row Col.l2 = 0 := by rw [row_l2, laneCell, if_neg (by omega)]; rfl
    have e3 : q.row Col.l3 = 0 := by rw [row_l3, laneCell, if_neg (by omega)]; rfl
    constructor <;>
      (try simp only [isLoad, shLo, shHi, sbLo, sbHi, boolean, f0, f1, f2, f3, f4, f5, f6, f7,
        c0, c1, hv, hs, hy, e0, e1, e2, e3]) <;> grind
  · rw [h] at hnew
    simp only [Nat.reduceMul, Nat.reducePow] at hnew
    have n0 : q.row Col.newLo = q.row Col.oldLo := by
      rw [row_newLo, row_oldLo, and_mask16, and_mask16]; apply cast_eq; omega
    have n1 : q.row Col.newHi = q.row Col.bLo := by
      rw [row_newHi, row_bLo, Nat.shiftRight_eq_div_pow, and_mask16]
      apply cast_eq; omega
    have e0 : lane0 q.row = 0 := by rw [l0, laneCell, if_neg (by omega)]; rfl
    have e1 : q.row Col.l1 = 0 := by rw [row_l1, laneCell, if_neg (by omega)]; rfl
    have e2 : q.row Col.l2 = 1 := by rw [row_l2, laneCell, if_pos h]; rfl
    have e3 : q.row Col.l3 = 0 := by rw [row_l3, laneCell, if_neg (by omega)]; rfl
    constructor <;>
      (try simp only [isLoad, shLo, shHi, sbLo, sbHi, boolean, f0, f1, f2, f3, f4, f5, f6, f7,
        c0, c1, hv, hs, hy, e0, e1, e2, e3]) <;> grind

theorem sh_complete (hq : q.Ok) (hop : q.op = .sh) :
    Groups q.row ∧ Lookups q.row ∧ Inputs q.row ∧
      newWord q.row = storeValue .h q.old q.b ((q.a + q.imm).toNat % 4) := by
  have hg := groups_of (common_groups hq) (sh_value hq hop)
  have hl := lookups_row hq
  have hi := inputs_row (q := q)
  have hf : q.row fSh = 1 := by rw [row_flag .sh fSh rfl, if_pos hop]
  refine ⟨hg, hl, hi, ?_⟩
  rw [(sh_sound hg hl hi hf).2.1, oldWord_row, bWord_row, addr_row]

end Request

end Zkvm.Air.V2.Mem

end
