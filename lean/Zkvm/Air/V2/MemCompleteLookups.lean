module

public import Zkvm.Air.V2.MemCompleteWord
public import Zkvm.Air.V2.MemStore

/-!
# The MEM table: the builder's row meets the lookups; LW and SW complete

For every request the builder accepts (`Request.Ok`), every range lookup of the row of
`Request.row` holds (`lookups_row`), its operands and old word are well-formed (`inputs_row`)
and its words are the request's (`aWord_row`, …). With the groups (`lw_groups`, `sw_groups`)
and the soundness theorems: `lw_complete`, `sw_complete`.
-/

@[expose] public section

noncomputable section

namespace Zkvm.Air.V2.Mem

open Zkvm.Field Zkvm.RiscV Zkvm.Air.Table Col

namespace Request

variable {q : Request}

theorem val_row_cast {n : Nat} (h : n < 2 ^ 16) : ((n : Nat) : BabyBear).val < 2 ^ 16 := by
  rw [val_cast (by omega)]; exact h

theorem half_lt : q.half < 2 ^ 16 := by
  have := q.old.isLt
  simp only [Request.half]
  split
  · rw [Nat.shiftRight_eq_div_pow]; omega
  · rw [and_mask16]; omega

/-- On LB, LH, SB rows v is a byte and s its top bit. -/
theorem v_facts (h : q.op = .lb ∨ q.op = .lh ∨ q.op = .sb) : q.v < 2 ^ 8 ∧ q.s = q.v / 2 ^ 7 := by
  have hh := half_lt (q := q)
  rcases h with h | h | h
  · simp only [Request.s, h, Nat.shiftRight_eq_div_pow]
    refine ⟨?_, trivial⟩
    simp only [Request.v, h, and_mask8]; omega
  · simp only [Request.s, h, Nat.shiftRight_eq_div_pow]
    refine ⟨?_, trivial⟩
    simp only [Request.v, h, Nat.shiftRight_eq_div_pow]; omega
  · simp only [Request.s, h, Nat.shiftRight_eq_div_pow]
    refine ⟨?_, trivial⟩
    simp only [Request.v, h, and_mask8]; omega

theorem lookups_row (hq : q.Ok) : Lookups q.row := by
  have hP : P = 2013265921 := P_eq
  have hg := hq.gap_lt
  obtain ⟨hs, hq14, hl4⟩ := addr_split q
  have hsum := laneCells_sum (q := q)
  have ha := q.addr_lt
  have hh := half_lt (q := q)
  refine
    { u16_gLo := fun _ => ?_, u16_gHi := fun _ => ?_, u16_q := fun _ => ?_,
      u16_lo := fun _ => ?_, u16_hi := fun _ => ?_, u8_x0 := fun _ => ?_, u8_x1 := fun _ => ?_,
      u8_top := fun hm => ?_, u8_y1 := fun _ => ?_ }
  · rw [row_gLo, and_mask16]; exact val_row_cast (by omega)
  · rw [row_gHi, ← Felt.natCast_ofNat, ← Felt.natCast_mul, Nat.shiftRight_eq_div_pow]
    exact val_row_cast (by omega)
  · rw [row_q]; exact val_row_cast (by omega)
  · have : addrLo q.row = ((4 * q.qCell + (q.laneCell 1 + 2 * q.laneCell 2 + 3 * q.laneCell 3) :
        Nat) : BabyBear) := by
      unfold addrLo; rw [row_q, row_l1, row_l2, row_l3]; push_natCast
    rw [this]; exact val_row_cast (by omega)
  · rw [row_addrHi, Nat.shiftRight_eq_div_pow]; exact val_row_cast (by omega)
  · rw [row_x0, val_cast (by simp only [Request.x0]; split <;> (try rw [and_mask8]) <;> omega)]
    simp only [Request.x0]; split <;> (try rw [and_mask8]) <;> omega
  · rw [row_x1, val_cast (by simp only [Request.x1]; split <;>
      (try rw [Nat.shiftRight_eq_div_pow]) <;> omega)]
    simp only [Request.x1]; split <;> (try rw [Nat.shiftRight_eq_div_pow]) <;> omega
  · -- 2v − 256 s = 2 (v mod 128) on LB, LH, SB rows.
    have hv : q.v < 2 ^ 8 ∧ q.s = q.v / 2 ^ 7 ∨ (q.op ≠ .lb ∧ q.op ≠ .lh ∧ q.op ≠ .sb) := by
      by_cases h3 : q.op = .lb ∨ q.op = .lh ∨ q.op = .sb
      · exact Or.inl (v_facts h3)
      · exact Or.inr ⟨fun h => h3 (Or.inl h), fun h => h3 (Or.inr (Or.inl h)),
          fun h => h3 (Or.inr (Or.inr h))⟩
    rcases hv with ⟨hv, hs7⟩ | ⟨h0, h1, h5⟩
    · have e : 2 * q.row Col.v - 256 * q.row Col.s = ((2 * (q.v % 2 ^ 7) : Nat) : BabyBear) := by
        have N : 2 * (q.v % 2 ^ 7) + 256 * q.s = 2 * q.v := by omega
        have := cast_eq N
        simp only [Felt.natCast_add, Felt.natCast_mul, Felt.natCast_ofNat] at this
        rw [row_v, row_s]
        grind
      rw [e, val_cast (by omega)]; omega
    · exfalso; apply hm
      rw [row_flag .lb fLb rfl, row_flag .lh fLh rfl, row_flag .sb fSb rfl, if_neg h0, if_neg h1,
        if_neg h5]
      decide
  · rw [row_y1]
    simp only [Request.y1]
    split
    · rw [and_mask8, val_cast (by omega)]; omega
    · decide

theorem lo_cell (w : Word) : ((w.toNat &&& 0xFFFF : Nat) : BabyBear).val = w.lo := by
  rw [and_mask16, val_cast (by have := w.isLt; omega)]; rfl

theorem hi_cell (w : Word) : ((w.toNat >>> 16 : Nat) : BabyBear).val = w.hi := by
  rw [Nat.shiftRight_eq_div_pow, val_cast (by have := w.isLt; omega)]; rfl

theorem inputs_row : Inputs q.row := by
  refine ⟨?_, ?_, ?_, ?_, ?_, ?_, ?_, ?_⟩ <;>
    first
    | (rw [row_aLo, lo_cell]; exact Word.lo_lt _)
    | (rw [row_aHi, hi_cell]; exact Word.hi_lt _)
    | (rw [row_bLo, lo_cell]; exact Word.lo_lt _)
    | (rw [row_bHi, hi_cell]; exact Word.hi_lt _)
    | (rw [row_immLo, lo_cell]; exact Word.lo_lt _)
    | (rw [row_immHi, hi_cell]; exact Word.hi_lt _)
    | (rw [row_oldLo, lo_cell]; exact Word.lo_lt _)
    | (rw [row_oldHi, hi_cell]; exact Word.hi_lt _)

theorem word_row (w : Word) :
    WordLimbs.ofFelts ((w.toNat &&& 0xFFFF : Nat) : BabyBear) ((w.toNat >>> 16 : Nat) : BabyBear) =
      w := by
  rw [WordLimbs.ofFelts, lo_cell, hi_cell, Word.ofLimbs_lo_hi]

theorem aWord_row : aWord q.row = q.a := word_row q.a
theorem bWord_row : bWord q.row = q.b := word_row q.b
theorem immWord_row : immWord q.row = q.imm := word_row q.imm
theorem oldWord_row : oldWord q.row = q.old := word_row q.old

theorem addr_row : Mem.addr q.row = q.a + q.imm := by rw [Mem.addr, aWord_row, immWord_row]

/-- **LW, complete**: for every LW request the builder accepts, its row meets the groups and the
lookups, carries the request's operands and old word, and its c is the semantics' load. -/
theorem lw_complete (hq : q.Ok) (hop : q.op = .lw) :
    Groups q.row ∧ Lookups q.row ∧ Inputs q.row ∧
      cWord q.row = loadValue .w q.old ((q.a + q.imm).toNat % 4) := by
  have hg := lw_groups hq hop
  have hl := lookups_row hq
  have hi := inputs_row (q := q)
  have hf : q.row fLw = 1 := by rw [row_flag .lw fLw rfl, if_pos hop]
  refine ⟨hg, hl, hi, ?_⟩
  rw [(lw_sound hg hl hi hf).2.1, oldWord_row, addr_row]

/-- **SW, complete**: for every SW request the builder accepts, its row meets the groups and the
lookups, carries the request's operands and old word, and its new word is the semantics'
store. -/
theorem sw_complete (hq : q.Ok) (hop : q.op = .sw) :
    Groups q.row ∧ Lookups q.row ∧ Inputs q.row ∧
      newWord q.row = storeValue .w q.old q.b ((q.a + q.imm).toNat % 4) := by
  have hg := sw_groups hq hop
  have hl := lookups_row hq
  have hi := inputs_row (q := q)
  have hf : q.row fSw = 1 := by rw [row_flag .sw fSw rfl, if_pos hop]
  refine ⟨hg, hl, hi, ?_⟩
  rw [(sw_sound hg hl hi hf).2.1, oldWord_row, bWord_row, addr_row]

end Request

end Zkvm.Air.V2.Mem

end
