module

public import Zkvm.Air.V2.MemCompleteSub

/-!
# The MEM table: completeness of the sub-word loads (LB, LH, LBU, LHU)

For a request of a sub-word load the builder accepts, the row of `Request.row` meets the value
groups (`lbu_value`, `lhu_value`, `lb_value`, `lh_value`), so every group, and with the lookups
and the soundness theorems its c is the semantics' load (`lb_complete`, `lh_complete`,
`lbu_complete`, `lhu_complete`).
-/

@[expose] public section

noncomputable section

namespace Zkvm.Air.V2.Mem

open Zkvm.Field Zkvm.RiscV Zkvm.Air.Table Col

namespace Request

variable {q : Request}

/-- The raw value of a byte load is v, the old word's byte at the lane. -/
theorem raw_byte (hst : q.isStore = false) (hw : q.width = 1) :
    q.raw = q.old.toNat / 2 ^ (8 * q.lane) % 2 ^ 8 := by
  simp only [raw, hst, Bool.false_eq_true, if_false, mask, hw, if_true, shift,
    Nat.shiftRight_eq_div_pow, and_mask8]

/-- The raw value of a half load at an even lane is the addressed half. -/
theorem raw_half (hq : q.Ok) (hst : q.isStore = false) (hw : q.width = 2) :
    q.raw = q.half ∧ (q.lane = 0 ∨ q.lane = 2) := by
  have ha := hq.aligned
  have hl := lane_eq q
  have hl4 := (addr_split q).2.2
  have := q.old.isLt
  rw [hw] at ha
  have hev : q.lane = 0 ∨ q.lane = 2 := by omega
  refine ⟨?_, hev⟩
  simp only [raw, hst, Bool.false_eq_true, if_false, mask, hw, shift, Nat.shiftRight_eq_div_pow,
    Request.half, and_mask16, if_neg (by decide : (2 : Nat) ≠ 1), if_true]
  rcases hev with h | h <;> rw [h] <;> simp +decide only [Nat.reduceMul, Nat.reducePow, ite_true,
    ite_false] <;> omega

/-- What every sub-word load row has: flags, the word unchanged, the addressed-half groups. -/
theorem load_cells (hst : q.isStore = false) :
    q.row Col.newLo = q.row Col.oldLo ∧ q.row Col.newHi = q.row Col.oldHi := by
  have hnew : q.new = q.old.toNat := by simp only [new, hst, Bool.false_eq_true, if_false]
  exact ⟨by rw [row_newLo, row_oldLo, hnew], by rw [row_newHi, row_oldHi, hnew]⟩

theorem lbu_value (hq : q.Ok) (hop : q.op = .lbu) : ValueGroups q.row := by
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
  have hw : q.width = 1 := by simp only [width, hop]
  have hsw : q.subWord = true := by simp only [subWord, hw]; decide
  obtain ⟨n0, n1⟩ := load_cells hst
  obtain ⟨H0, H1⟩ := half_groups hq hsw
  have hB := laneByte_row hq hsw
  have hraw := raw_byte hst hw
  have hc : q.c = q.raw := by simp only [c, hop]
  have hv : q.v = q.raw := by
    simp only [Request.v, hop, hraw, shift, Nat.shiftRight_eq_div_pow, and_mask8]
  have hvl : q.raw < 2 ^ 8 := by rw [hraw]; omega
  have cv : q.row Col.v = laneByte q.row := by rw [row_v, hv, hB, hraw]
  have c0 : q.row Col.cLo = q.row Col.v := by
    rw [row_cLo, row_v, hc, hv, and_mask16, Nat.mod_eq_of_lt (by omega)]
  have c1 : q.row Col.cHi = 0 := by
    rw [row_cHi, hc, Nat.shiftRight_eq_div_pow, Nat.div_eq_of_lt (by omega)]; rfl
  have hs : q.row Col.s = 0 := by rw [row_s, Request.s, hop]; rfl
  have hy : q.row Col.y1 = 0 := by rw [row_y1, Request.y1, if_neg (by rw [hop]; decide)]; rfl
  constructor <;>
    (try simp only [isLoad, shLo, shHi, sbLo, sbHi, boolean, f0, f1, f2, f3, f4, f5, f6, f7, n0, n1,
      c0, c1, hs, hy]) <;> grind

theorem lb_value (hq : q.Ok) (hop : q.op = .lb) : ValueGroups q.row := by
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
  have hw : q.width = 1 := by simp only [width, hop]
  have hsw : q.subWord = true := by simp only [subWord, hw]; decide
  obtain ⟨n0, n1⟩ := load_cells hst
  obtain ⟨H0, H1⟩ := half_groups hq hsw
  have hB := laneByte_row hq hsw
  have hraw := raw_byte hst hw
  have hv : q.v = q.raw := by
    simp only [Request.v, hop, hraw, shift, Nat.shiftRight_eq_div_pow, and_mask8]
  have hvl : q.raw < 2 ^ 8 := by rw [hraw]; omega
  have hsv : q.s = q.raw / 2 ^ 7 := by
    simp only [Request.s, hop, hv, Nat.shiftRight_eq_div_pow]
  have hc : q.c = q.raw + 0xFF00 * (q.raw / 2 ^ 7) + 65536 * (0xFFFF * (q.raw / 2 ^ 7)) := by
    have e : q.c = (LoadWidth.extend .b q.raw).toNat := by simp only [c, hop]; rfl
    rw [e, WordLimbs.extend_b hvl, Word.ofLimbs, BitVec.toNat_ofNat]
    omega
  have cv : q.row Col.v = laneByte q.row := by rw [row_v, hv, hB, hraw]
  have c0 : q.row Col.cLo = q.row Col.v + 65280 * q.row Col.s := by
    have N : q.c &&& 0xFFFF = q.v + 65280 * q.s := by rw [and_mask16, hc, hv, hsv]; omega
    have := cast_eq N
    simp only [Felt.natCast_add, Felt.natCast_mul, Felt.natCast_ofNat] at this
    rw [row_cLo, this, row_v, row_s]
  have c1 : q.row Col.cHi = 65535 * q.row Col.s := by
    have N : q.c >>> 16 = 65535 * q.s := by rw [Nat.shiftRight_eq_div_pow, hc, hsv]; omega
    have := cast_eq N
    simp only [Felt.natCast_mul, Felt.natCast_ofNat] at this
    rw [row_cHi, this, row_s]
  have hsb : boolean (q.row Col.s) = 0 := by
    rw [row_s]; exact bool_cast (by rw [hsv]; omega)
  have hy : q.row Col.y1 = 0 := by rw [row_y1, Request.y1, if_neg (by rw [hop]; decide)]; rfl
  constructor <;>
    (try simp only [isLoad, shLo, shHi, sbLo, sbHi, f0, f1, f2, f3, f4, f5, f6, f7, n0, n1,
      c0, c1, hy]) <;> grind

theorem lhu_value (hq : q.Ok) (hop : q.op = .lhu) : ValueGroups q.row := by
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
  have hw : q.width = 2 := by simp only [width, hop]
  have hsw : q.subWord = true := by simp only [subWord, hw]; decide
  obtain ⟨n0, n1⟩ := load_cells hst
  obtain ⟨H0, H1⟩ := half_groups hq hsw
  obtain ⟨hraw, _⟩ := raw_half hq hst hw
  have hh := half_lt (q := q)
  have hc : q.c = q.half := by simp only [c, hop, hraw]
  have hx : Mem.half q.row = ((q.half : Nat) : BabyBear) := by
    unfold Mem.half
    rw [row_x0, row_x1, x0_sub hsw, x1_sub hsw]
    have := cast_eq (show q.half % 2 ^ 8 + 256 * (q.half / 2 ^ 8) = q.half by omega)
    simp only [Felt.natCast_add, Felt.natCast_mul, Felt.natCast_ofNat] at this
    exact this
  have c0 : q.row Col.cLo = Mem.half q.row := by
    rw [row_cLo, hx, hc, and_mask16, Nat.mod_eq_of_lt hh]
  have c1 : q.row Col.cHi = 0 := by
    rw [row_cHi, hc, Nat.shiftRight_eq_div_pow, Nat.div_eq_of_lt hh]; rfl
  have hv : q.row Col.v = 0 := by rw [row_v, Request.v, hop]; rfl
  have hs : q.row Col.s = 0 := by rw [row_s, Request.s, hop]; rfl
  have hy : q.row Col.y1 = 0 := by rw [row_y1, Request.y1, if_neg (by rw [hop]; decide)]; rfl
  constructor <;>
    (try simp only [isLoad, shLo, shHi, sbLo, sbHi, boolean, f0, f1, f2, f3, f4, f5, f6, f7, n0, n1,
      c0, c1, hv, hs, hy]) <;> grind

theorem lh_value (hq : q.Ok) (hop : q.op = .lh) : ValueGroups q.row := by
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
  have hw : q.width = 2 := by simp only [width, hop]
  have hsw : q.subWord = true := by simp only [subWord, hw]; decide
  obtain ⟨n0, n1⟩ := load_cells hst
  obtain ⟨H0, H1⟩ := half_groups hq hsw
  obtain ⟨hraw, _⟩ := raw_half hq hst hw
  have hh := half_lt (q := q)
  have hsv : q.s = q.half / 2 ^ 15 := by
    simp only [Request.s, Request.v, hop, Nat.shiftRight_eq_div_pow]; omega
  have hc : q.c = q.half + 65536 * (0xFFFF * (q.half / 2 ^ 15)) := by
    have e : q.c = (LoadWidth.extend .h q.raw).toNat := by simp only [c, hop]; rfl
    rw [e, hraw, WordLimbs.extend_h hh, Word.ofLimbs, BitVec.toNat_ofNat]
    omega
  have hx : Mem.half q.row = ((q.half : Nat) : BabyBear) := by
    unfold Mem.half
    rw [row_x0, row_x1, x0_sub hsw, x1_sub hsw]
    have := cast_eq (show q.half % 2 ^ 8 + 256 * (q.half / 2 ^ 8) = q.half by omega)
    simp only [Felt.natCast_add, Felt.natCast_mul, Felt.natCast_ofNat] at this
    exact this
  have c0 : q.row Col.cLo = Mem.half q.row := by
    rw [row_cLo, hx, hc, and_mask16]; apply cast_eq; omega
  have c1 : q.row Col.cHi = 65535 * q.row Col.s := by
    have N : q.c >>> 16 = 65535 * q.s := by rw [Nat.shiftRight_eq_div_pow, hc, hsv]; omega
    have := cast_eq N
    simp only [Felt.natCast_mul, Felt.natCast_ofNat] at this
    rw [row_cHi, this, row_s]
  have cv : q.row Col.v = q.row Col.x1 := by
    rw [row_v, row_x1, x1_sub hsw]
    simp only [Request.v, hop, Nat.shiftRight_eq_div_pow]
  have hsb : boolean (q.row Col.s) = 0 := by
    rw [row_s]; exact bool_cast (by rw [hsv]; omega)
  have hy : q.row Col.y1 = 0 := by rw [row_y1, Request.y1, if_neg (by rw [hop]; decide)]; rfl
  constructor <;>
    (try simp only [isLoad, shLo, shHi, sbLo, sbHi, f0, f1, f2, f3, f4, f5, f6, f7, n0, n1,
      c0, c1, hy]) <;> grind

end Request

end Zkvm.Air.V2.Mem

end
