module

public import Zkvm.Air.V2.MemCompleteStore
public import Zkvm.Air.V2.MemStoreByte

/-!
# The MEM table: completeness of SB

For every SB request the builder accepts (`Request.Ok`), the row of `Request.row` meets every
group and every lookup, carries the request's operands and old word, and its new word is the
semantics' store (`sb_complete`).
-/

@[expose] public section

noncomputable section

namespace Zkvm.Air.V2.Mem

open Zkvm.Field Zkvm.RiscV Zkvm.Air.Table Col

namespace Request

variable {q : Request}


theorem sb_value (hq : q.Ok) (hop : q.op = .sb) : ValueGroups q.row := by
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
  have hw : q.width = 1 := by simp only [width, hop]
  have hsw : q.subWord = true := by simp only [subWord, hw]; decide
  have hmask : q.mask = 0xFF := by simp only [mask, hw, if_true]
  have hraw : q.raw = q.b.toNat % 2 ^ 8 := by simp only [raw, hst, if_true, hmask, and_mask8]
  have hl4 := (addr_split q).2.2
  have := q.old.isLt
  have := q.b.isLt
  have hh := half_eq (q := q)
  have l0 := lane0_sub hq hsw
  have hcz : q.c = 0 := by simp only [c, hop]
  have c0 : q.row Col.cLo = 0 := by rw [row_cLo, hcz]; rfl
  have c1 : q.row Col.cHi = 0 := by rw [row_cHi, hcz]; rfl
  have hvv : q.v = q.b.toNat % 2 ^ 8 := by simp only [Request.v, hop, and_mask8]
  have hsv : q.s = q.v / 2 ^ 7 := by simp only [Request.s, hop, Nat.shiftRight_eq_div_pow]
  have hyv : q.y1 = q.b.toNat / 2 ^ 8 % 2 ^ 8 := by
    simp only [Request.y1, hop, if_true, Nat.shiftRight_eq_div_pow, and_mask8]
  have hsb : boolean (q.row Col.s) = 0 := by
    rw [row_s]; exact bool_cast (by rw [hsv, hvv]; omega)
  have cv : q.row Col.v = ((q.b.toNat % 2 ^ 8 : Nat) : BabyBear) := by rw [row_v, hvv]
  have cy : q.row Col.y1 = ((q.b.toNat / 2 ^ 8 % 2 ^ 8 : Nat) : BabyBear) := by rw [row_y1, hyv]
  have cblo : q.row Col.bLo = q.row Col.v + 256 * q.row Col.y1 := by
    have N : q.b.toNat % 2 ^ 16 = q.b.toNat % 2 ^ 8 + 256 * (q.b.toNat / 2 ^ 8 % 2 ^ 8) := by
      omega
    have E := cast_eq N
    simp only [Felt.natCast_add, Felt.natCast_mul, Felt.natCast_ofNat] at E
    rw [row_bLo, and_mask16, E, cv, cy]
  have cx0 : q.row Col.x0 = ((q.half % 2 ^ 8 : Nat) : BabyBear) := by rw [row_x0, x0_sub hsw]
  have cx1 : q.row Col.x1 = ((q.half / 2 ^ 8 : Nat) : BabyBear) := by rw [row_x1, x1_sub hsw]
  have nlo : q.row Col.newLo = ((q.new % 2 ^ 16 : Nat) : BabyBear) := by rw [row_newLo, and_mask16]
  have nhi : q.row Col.newHi = ((q.new / 2 ^ 16 : Nat) : BabyBear) := by
    rw [row_newHi, Nat.shiftRight_eq_div_pow]
  have olo : q.row Col.oldLo = ((q.old.toNat % 2 ^ 16 : Nat) : BabyBear) := by
    rw [row_oldLo, and_mask16]
  have ohi : q.row Col.oldHi = ((q.old.toNat / 2 ^ 16 : Nat) : BabyBear) := by
    rw [row_oldHi, Nat.shiftRight_eq_div_pow]
  obtain ⟨H0, H1⟩ := half_groups hq hsw
  have hnew : q.new = q.old.toNat - q.old.toNat / 2 ^ (8 * q.lane) % 2 ^ 8 * 2 ^ (8 * q.lane) +
      q.b.toNat % 2 ^ 8 * 2 ^ (8 * q.lane) := by
    simp only [new, hst, if_true, shift, hmask, hraw]
  rcases (by omega : q.lane = 0 ∨ q.lane = 1 ∨ q.lane = 2 ∨ q.lane = 3) with h | h | h | h
  · rw [h] at hnew hh
    simp +decide only [Nat.mul_zero, Nat.pow_zero, Nat.div_one, Nat.mul_one, ite_false] at hnew hh
    have N0 : q.new % 2 ^ 16 + q.half % 2 ^ 8 = q.old.toNat % 2 ^ 16 + q.b.toNat % 2 ^ 8 := by omega
    have N1 : q.new / 2 ^ 16 = q.old.toNat / 2 ^ 16 := by omega
    have E0 := cast_eq N0
    have E1 := cast_eq N1
    simp only [Felt.natCast_add, Felt.natCast_mul, Felt.natCast_ofNat] at E0 E1
    have e0 : lane0 q.row = 1 := by rw [l0, laneCell, if_pos h]; rfl
    have e1 : q.row Col.l1 = 0 := by rw [row_l1, laneCell, if_neg (by omega)]; rfl
    have e2 : q.row Col.l2 = 0 := by rw [row_l2, laneCell, if_neg (by omega)]; rfl
    have e3 : q.row Col.l3 = 0 := by rw [row_l3, laneCell, if_neg (by omega)]; rfl
    refine ⟨?_, ?_, H0, H1, ?_, ?_, ?_, ?_, ?_, ?_, ?_, ?_, ?_, ?_, ?_, ?_, ?_, ?_, ?_, ?_, ?_⟩ <;>
      (try simp only [isLoad, shLo, shHi, sbLo, sbHi, Mem.half, f0, f1, f2, f3, f4, f5, f6, f7,
        c0, c1, e0, e1, e2, e3, nlo, nhi, olo, ohi, cx0, cx1, cv, cy, cblo]) <;> grind
  · rw [h] at hnew hh
    simp +decide only [Nat.reduceMul, Nat.reducePow, ite_true, ite_false] at hnew hh
    have N0 : q.new % 2 ^ 16 + 256 * (q.half / 2 ^ 8) = q.old.toNat % 2 ^ 16 + 256 * (q.b.toNat % 2 ^ 8) := by omega
    have N1 : q.new / 2 ^ 16 = q.old.toNat / 2 ^ 16 := by omega
    have E0 := cast_eq N0
    have E1 := cast_eq N1
    simp only [Felt.natCast_add, Felt.natCast_mul, Felt.natCast_ofNat] at E0 E1
    have e0 : lane0 q.row = 0 := by rw [l0, laneCell, if_neg (by omega)]; rfl
    have e1 : q.row Col.l1 = 1 := by rw [row_l1, laneCell, if_pos h]; rfl
    have e2 : q.row Col.l2 = 0 := by rw [row_l2, laneCell, if_neg (by omega)]; rfl
    have e3 : q.row Col.l3 = 0 := by rw [row_l3, laneCell, if_neg (by omega)]; rfl
    refine ⟨?_, ?_, H0, H1, ?_, ?_, ?_, ?_, ?_, ?_, ?_, ?_, ?_, ?_, ?_, ?_, ?_, ?_, ?_, ?_, ?_⟩ <;>
      (try simp only [isLoad, shLo, shHi, sbLo, sbHi, Mem.half, f0, f1, f2, f3, f4, f5, f6, f7,
        c0, c1, e0, e1, e2, e3, nlo, nhi, olo, ohi, cx0, cx1, cv, cy, cblo]) <;> grind
  · rw [h] at hnew hh
    simp +decide only [Nat.reduceMul, Nat.reducePow, ite_true, ite_false] at hnew hh
    have N0 : q.new % 2 ^ 16 = q.old.toNat % 2 ^ 16 := by omega
    have N1 : q.new / 2 ^ 16 + q.half % 2 ^ 8 = q.old.toNat / 2 ^ 16 + q.b.toNat % 2 ^ 8 := by omega
    have E0 := cast_eq N0
    have E1 := cast_eq N1
    simp only [Felt.natCast_add, Felt.natCast_mul, Felt.natCast_ofNat] at E0 E1
    have e0 : lane0 q.row = 0 := by rw [l0, laneCell, if_neg (by omega)]; rfl
    have e1 : q.row Col.l1 = 0 := by rw [row_l1, laneCell, if_neg (by omega)]; rfl
    have e2 : q.row Col.l2 = 1 := by rw [row_l2, laneCell, if_pos h]; rfl
    have e3 : q.row Col.l3 = 0 := by rw [row_l3, laneCell, if_neg (by omega)]; rfl
    refine ⟨?_, ?_, H0, H1, ?_, ?_, ?_, ?_, ?_, ?_, ?_, ?_, ?_, ?_, ?_, ?_, ?_, ?_, ?_, ?_, ?_⟩ <;>
      (try simp only [isLoad, shLo, shHi, sbLo, sbHi, Mem.half, f0, f1, f2, f3, f4, f5, f6, f7,
        c0, c1, e0, e1, e2, e3, nlo, nhi, olo, ohi, cx0, cx1, cv, cy, cblo]) <;> grind
  · rw [h] at hnew hh
    simp +decide only [Nat.reduceMul, Nat.reducePow, ite_true, ite_false] at hnew hh
    have N0 : q.new % 2 ^ 16 = q.old.toNat % 2 ^ 16 := by omega
    have N1 : q.new / 2 ^ 16 + 256 * (q.half / 2 ^ 8) = q.old.toNat / 2 ^ 16 + 256 * (q.b.toNat % 2 ^ 8) := by omega
    have E0 := cast_eq N0
    have E1 := cast_eq N1
    simp only [Felt.natCast_add, Felt.natCast_mul, Felt.natCast_ofNat] at E0 E1
    have e0 : lane0 q.row = 0 := by rw [l0, laneCell, if_neg (by omega)]; rfl
    have e1 : q.row Col.l1 = 0 := by rw [row_l1, laneCell, if_neg (by omega)]; rfl
    have e2 : q.row Col.l2 = 0 := by rw [row_l2, laneCell, if_neg (by omega)]; rfl
    have e3 : q.row Col.l3 = 1 := by rw [row_l3, laneCell, if_pos h]; rfl
    refine ⟨?_, ?_, H0, H1, ?_, ?_, ?_, ?_, ?_, ?_, ?_, ?_, ?_, ?_, ?_, ?_, ?_, ?_, ?_, ?_, ?_⟩ <;>
      (try simp only [isLoad, shLo, shHi, sbLo, sbHi, Mem.half, f0, f1, f2, f3, f4, f5, f6, f7,
        c0, c1, e0, e1, e2, e3, nlo, nhi, olo, ohi, cx0, cx1, cv, cy, cblo]) <;> grind

theorem sb_complete (hq : q.Ok) (hop : q.op = .sb) :
    Groups q.row ∧ Lookups q.row ∧ Inputs q.row ∧
      newWord q.row = storeValue .b q.old q.b ((q.a + q.imm).toNat % 4) := by
  have hg := groups_of (common_groups hq) (sb_value hq hop)
  have hl := lookups_row hq
  have hi := inputs_row (q := q)
  have hf : q.row fSb = 1 := by rw [row_flag .sb fSb rfl, if_pos hop]
  refine ⟨hg, hl, hi, ?_⟩
  rw [(sb_sound hg hl hi hf).2.1, oldWord_row, bWord_row, addr_row]

end Request

end Zkvm.Air.V2.Mem

end
