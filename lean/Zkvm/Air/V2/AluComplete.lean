module

public import Zkvm.Air.V2.AluBuilder

/-!
# The ALU table: completeness of ADD, SUB, SLTU (and ADDI, SLTIU)

For every request of these ops (any a, b, imm: SUB without the immediate form, as the
builder's `handles` demands), the row the builder makes (`Request.row`) satisfies every group
(`Groups`), its U16 lookups hold (`Lookups`), its operands are well-formed (`Inputs`), and its
c is the semantics' result on a and y: `add_complete`, `sub_complete`, `sltu_complete`.
Shared facts about every builder row come first (booleans, one op, the operand y).
-/

@[expose] public section

namespace Zkvm.Air.V2.Alu

open Zkvm.Field Zkvm.RiscV Zkvm.Air.Table Col Request

variable (q : Request)

/-! ## Every builder row -/

theorem boolean_natCast {n : Nat} (h : n ≤ 1) : boolean ((n : Nat) : BabyBear) = 0 := by
  rcases (by omega : n = 0 ∨ n = 1) with rfl | rfl <;> decide

theorem val_natCast_lt {n : Nat} (h : n < 2 ^ 16) : ((n : Nat) : BabyBear).val < 2 ^ 16 := by
  have hP : P = 2013265921 := P_eq
  rw [BabyBear.val_natCast, hP]; omega

theorem bool_flags_row : ∀ c ∈ flags, boolean (q.row c) = 0 := by
  have hb : ∀ o, boolean (q.flagCell o) = 0 := by
    intro o; unfold Request.flagCell; split <;> decide
  intro c hc
  simp only [flags, List.mem_cons, List.not_mem_nil, or_false] at hc
  rcases hc with rfl | rfl | rfl | rfl | rfl | rfl | rfl | rfl | rfl | rfl | rfl <;> exact hb _

theorem real_row : real q.row = 1 := by
  unfold real
  rw [row_fAdd, row_fSub, row_fSlt, row_fSltu, row_fBeq, row_fBne, row_fBlt, row_fBge,
    row_fBltu, row_fBgeu, row_fJalr]
  unfold Request.flagCell
  cases q.op <;> decide

theorem bool_useImm_row : boolean (q.row useImm) = 0 := by
  rw [row_useImm]; cases q.useImm <;> decide

theorem inputs_row : Inputs q.row where
  a_lo := val_natCast_lt q.a.lo_lt
  a_hi := val_natCast_lt q.a.hi_lt
  b_lo := val_natCast_lt q.b.lo_lt
  b_hi := val_natCast_lt q.b.hi_lt
  imm_lo := val_natCast_lt q.imm.lo_lt
  imm_hi := val_natCast_lt q.imm.hi_lt

theorem flag_row_zero {o : Op} (h : q.op ≠ o) : q.flagCell o = 0 := by
  unfold Request.flagCell; rw [if_neg h]

theorem flag_row_one {o : Op} (h : q.op = o) : q.flagCell o = 1 := by
  unfold Request.flagCell; rw [if_pos h]

/-- Off JALR, the row's y limbs are y's. -/
theorem yLo_row (hj : q.op ≠ .jalr) : yLo q.row = (q.y.lo : BabyBear) := by
  have fj : q.row fJalr = 0 := flag_row_zero q (Ne.symm (Ne.symm hj))
  have hb : (q.op == .jalr) = false := by simp [hj]
  unfold yLo immWeight
  rw [fj, row_useImm, row_bLo, row_immLo]
  unfold Request.y
  rw [hb, Bool.or_false]
  cases q.useImm <;> simp <;> grind

theorem yHi_row (hj : q.op ≠ .jalr) : yHi q.row = (q.y.hi : BabyBear) := by
  have fj : q.row fJalr = 0 := flag_row_zero q (Ne.symm (Ne.symm hj))
  have hb : (q.op == .jalr) = false := by simp [hj]
  unfold yHi immWeight
  rw [fj, row_useImm, row_bHi, row_immHi]
  unfold Request.y
  rw [hb, Bool.or_false]
  cases q.useImm <;> simp <;> grind

/-! ## The adder, as numbers -/

theorem add_nat (hop : q.op = .add) :
    q.a.lo + q.y.lo = q.l + 65536 * q.k1 ∧ q.a.hi + q.y.hi + q.k1 = q.h + 65536 * q.k2 := by
  have el : q.l = (q.a + q.y).lo := by simp [Request.l, Request.res, hop, Op.adds]
  have eh : q.h = (q.a + q.y).hi := by simp [Request.h, Request.res, hop, Op.adds]
  have e1 : q.k1 = (q.a.lo + q.y.lo) / 65536 := by simp [Request.k1, hop, Op.adds]
  have e2 : q.k2 = (q.a.toNat + q.y.toNat) / 4294967296 := by simp [Request.k2, hop, Op.adds]
  rw [el, eh, e1, e2, Word.lo_add, Word.hi_add]
  have := Word.toNat_eq_limbs q.a
  have := Word.toNat_eq_limbs q.y
  have := q.a.lo_lt; have := q.y.lo_lt; have := q.a.hi_lt; have := q.y.hi_lt
  omega

theorem sub_nat (ha : q.op.adds = false) (hj : q.op ≠ .jalr) :
    q.l + q.y.lo = q.a.lo + 65536 * q.k1 ∧ q.h + q.y.hi + q.k1 = q.a.hi + 65536 * q.k2 ∧
      q.k1 ≤ 1 ∧ q.k2 ≤ 1 := by
  obtain ⟨c₀, c₁, e₀, e₁, h₀, h₁⟩ := (WordLimbs.sub_iff_limbs q.a q.y (q.a - q.y)).mp rfl
  have el : q.l = (q.a - q.y).lo := by simp [Request.l, Request.res, ha, hj]
  have eh : q.h = (q.a - q.y).hi := by simp [Request.h, Request.res, ha, hj]
  simp only [Request.k1, Request.k2, ha, Bool.false_eq_true, ↓reduceIte]
  rw [el, eh]
  have := Word.toNat_eq_limbs q.a
  have := Word.toNat_eq_limbs q.y
  have := Word.toNat_eq_limbs (q.a - q.y)
  have := q.a.lo_lt; have := q.y.lo_lt; have := q.a.hi_lt; have := q.y.hi_lt
  have := (q.a - q.y).lo_lt; have := (q.a - q.y).hi_lt
  split <;> split <;> omega

/-- A natural-number equation, cast to the field. -/
theorem cast_eq {m n : Nat} (h : m = n) : ((m : Nat) : BabyBear) = ((n : Nat) : BabyBear) := by
  rw [h]

/-! ## The ops -/

set_option maxHeartbeats 400000 in
/-- **ADD, ADDI**: the builder's row satisfies the groups and the lookups, and its c is
a + y. -/
theorem add_complete (hop : q.op = .add) :
    Groups q.row ∧ Lookups q.row ∧ Inputs q.row ∧ cWord q.row = AluOp.add.eval q.a q.y := by
  have f0 : q.row fAdd = 1 := flag_row_one q hop
  have f1 : q.row fSub = 0 := flag_row_zero q (by rw [hop]; decide)
  have f2 : q.row fSlt = 0 := flag_row_zero q (by rw [hop]; decide)
  have f3 : q.row fSltu = 0 := flag_row_zero q (by rw [hop]; decide)
  have f4 : q.row fBeq = 0 := flag_row_zero q (by rw [hop]; decide)
  have f5 : q.row fBne = 0 := flag_row_zero q (by rw [hop]; decide)
  have f6 : q.row fBlt = 0 := flag_row_zero q (by rw [hop]; decide)
  have f7 : q.row fBge = 0 := flag_row_zero q (by rw [hop]; decide)
  have f8 : q.row fBltu = 0 := flag_row_zero q (by rw [hop]; decide)
  have f9 : q.row fBgeu = 0 := flag_row_zero q (by rw [hop]; decide)
  have f10 : q.row fJalr = 0 := flag_row_zero q (by rw [hop]; decide)
  have hj : q.op ≠ .jalr := by rw [hop]; decide
  have yl := yLo_row q hj
  have yh := yHi_row q hj
  obtain ⟨n0, n1⟩ := add_nat q hop
  have m0 := cast_eq n0
  have m1 := cast_eq n1
  simp only [Felt.natCast_add, Felt.natCast_mul, Felt.natCast_ofNat] at m0 m1
  have ca0 : q.row aLo = (q.a.lo : BabyBear) := rfl
  have ca1 : q.row aHi = (q.a.hi : BabyBear) := rfl
  have cl : q.row L = (q.l : BabyBear) := rfl
  have ch : q.row H = (q.h : BabyBear) := rfl
  have ck1 : q.row k1 = (q.k1 : BabyBear) := rfl
  have ck2 : q.row k2 = (q.k2 : BabyBear) := rfl
  have ec : q.c = q.res := by simp [Request.c, hop]
  have er : q.res = q.a + q.y := by simp [Request.res, hop, Op.adds]
  have el : q.l = q.res.lo := by simp [Request.l, hop]
  have eh : q.h = q.res.hi := by simp [Request.h, hop]
  have cc0 : q.row cLo = q.row L := by rw [row_cLo, row_L, ec, el]
  have cc1 : q.row cHi = q.row H := by rw [row_cHi, row_H, ec, eh]
  have hreal := real_row q
  have hk1 : q.k1 ≤ 1 := by have := q.a.lo_lt; have := q.y.lo_lt; omega
  have hk2 : q.k2 ≤ 1 := by
    have := q.a.hi_lt; have := q.y.hi_lt; have := q.a.lo_lt; have := q.y.lo_lt; omega
  have hsa : q.sa = 0 := by simp [Request.sa, hop, Op.signed]
  have hsy : q.sy = 0 := by simp [Request.sy, hop, Op.signed]
  refine ⟨⟨bool_flags_row q, bool_useImm_row q, ?_, ?_, ?_, ?_, by rw [hreal]; decide, ?_, ?_, ?_,
    ?_, ?_, ?_, ?_, ?_⟩, ⟨?_, ?_, ?_, ?_, ?_⟩, inputs_row q, ?_⟩
  · rw [ck1]; exact boolean_natCast hk1
  · rw [ck2]; exact boolean_natCast hk2
  · rw [row_sa, hsa]; decide
  · rw [row_sy, hsy]; decide
  · grind
  · simp only [sigma, subtracts]; rw [yl]; grind
  · simp only [sigma, subtracts, jalrHigh]; rw [yh]; grind
  · grind
  · simp only [resultOps, expectedLo]; grind
  · grind
  · simp only [eqBit]; grind
  · simp only [eqBit]; grind
  · intro _; rw [cl, el]; exact val_natCast_lt (Word.lo_lt _)
  · intro _; rw [ch, eh]; exact val_natCast_lt (Word.hi_lt _)
  · intro h; exfalso; apply h; simp only [signed]; grind
  · intro h; exfalso; apply h; simp only [signed]; grind
  · intro h; exfalso; apply h; grind
  · rw [cWord, row_cLo, row_cHi, WordLimbs.ofFelts_limbs, ec, er]; rfl

set_option maxHeartbeats 400000 in
/-- **SUB** (no immediate form): the builder's row satisfies the groups and the lookups, and
its c is a − b. -/
theorem sub_complete (hop : q.op = .sub) (hu : q.useImm = false) :
    Groups q.row ∧ Lookups q.row ∧ Inputs q.row ∧ cWord q.row = AluOp.sub.eval q.a q.b := by
  have f0 : q.row fAdd = 0 := flag_row_zero q (by rw [hop]; decide)
  have f1 : q.row fSub = 1 := flag_row_one q hop
  have f2 : q.row fSlt = 0 := flag_row_zero q (by rw [hop]; decide)
  have f3 : q.row fSltu = 0 := flag_row_zero q (by rw [hop]; decide)
  have f4 : q.row fBeq = 0 := flag_row_zero q (by rw [hop]; decide)
  have f5 : q.row fBne = 0 := flag_row_zero q (by rw [hop]; decide)
  have f6 : q.row fBlt = 0 := flag_row_zero q (by rw [hop]; decide)
  have f7 : q.row fBge = 0 := flag_row_zero q (by rw [hop]; decide)
  have f8 : q.row fBltu = 0 := flag_row_zero q (by rw [hop]; decide)
  have f9 : q.row fBgeu = 0 := flag_row_zero q (by rw [hop]; decide)
  have f10 : q.row fJalr = 0 := flag_row_zero q (by rw [hop]; decide)
  have hj : q.op ≠ .jalr := by rw [hop]; decide
  have ha : q.op.adds = false := by rw [hop]; rfl
  have yl := yLo_row q hj
  have yh := yHi_row q hj
  obtain ⟨n0, n1, hk1, hk2⟩ := sub_nat q ha hj
  have m0 := cast_eq n0
  have m1 := cast_eq n1
  simp only [Felt.natCast_add, Felt.natCast_mul, Felt.natCast_ofNat] at m0 m1
  have ca0 : q.row aLo = (q.a.lo : BabyBear) := rfl
  have ca1 : q.row aHi = (q.a.hi : BabyBear) := rfl
  have cl : q.row L = (q.l : BabyBear) := rfl
  have ch : q.row H = (q.h : BabyBear) := rfl
  have ck1 : q.row k1 = (q.k1 : BabyBear) := rfl
  have ck2 : q.row k2 = (q.k2 : BabyBear) := rfl
  have el : q.l = q.res.lo := by simp [Request.l, hop]
  have eh : q.h = q.res.hi := by simp [Request.h, hop]
  have hun : q.row useImm = 0 := by rw [row_useImm, hu]; rfl
  have ec : q.c = q.res := by simp [Request.c, hop]
  have er : q.res = q.a - q.b := by simp [Request.res, Request.y, hop, hu, Op.adds]
  have cc0 : q.row cLo = q.row L := by rw [row_cLo, row_L, ec, el]
  have cc1 : q.row cHi = q.row H := by rw [row_cHi, row_H, ec, eh]
  have hreal := real_row q
  have hsa : q.sa = 0 := by simp [Request.sa, hop, Op.signed]
  have hsy : q.sy = 0 := by simp [Request.sy, hop, Op.signed]
  refine ⟨⟨bool_flags_row q, bool_useImm_row q, ?_, ?_, ?_, ?_, by rw [hreal]; decide, ?_, ?_, ?_,
    ?_, ?_, ?_, ?_, ?_⟩, ⟨?_, ?_, ?_, ?_, ?_⟩, inputs_row q, ?_⟩
  · rw [ck1]; exact boolean_natCast hk1
  · rw [ck2]; exact boolean_natCast hk2
  · rw [row_sa, hsa]; decide
  · rw [row_sy, hsy]; decide
  · grind
  · simp only [sigma, subtracts]; rw [yl]; grind
  · simp only [sigma, subtracts, jalrHigh]; rw [yh]; grind
  · grind
  · simp only [resultOps, expectedLo, signedLess]; grind
  · grind
  · simp only [eqBit]; grind
  · simp only [eqBit]; grind
  · intro _; rw [cl, el]; exact val_natCast_lt (Word.lo_lt _)
  · intro _; rw [ch, eh]; exact val_natCast_lt (Word.hi_lt _)
  · intro h; exfalso; apply h; simp only [signed]; grind
  · intro h; exfalso; apply h; simp only [signed]; grind
  · intro h; exfalso; apply h; grind
  · rw [cWord, row_cLo, row_cHi, WordLimbs.ofFelts_limbs, ec, er]; rfl

set_option maxHeartbeats 400000 in
/-- **SLTU, SLTIU**: the builder's row satisfies the groups and the lookups, and its c is
[a <u y]. -/
theorem sltu_complete (hop : q.op = .sltu) :
    Groups q.row ∧ Lookups q.row ∧ Inputs q.row ∧ cWord q.row = AluOp.sltu.eval q.a q.y := by
  have f0 : q.row fAdd = 0 := flag_row_zero q (by rw [hop]; decide)
  have f1 : q.row fSub = 0 := flag_row_zero q (by rw [hop]; decide)
  have f2 : q.row fSlt = 0 := flag_row_zero q (by rw [hop]; decide)
  have f3 : q.row fSltu = 1 := flag_row_one q hop
  have f4 : q.row fBeq = 0 := flag_row_zero q (by rw [hop]; decide)
  have f5 : q.row fBne = 0 := flag_row_zero q (by rw [hop]; decide)
  have f6 : q.row fBlt = 0 := flag_row_zero q (by rw [hop]; decide)
  have f7 : q.row fBge = 0 := flag_row_zero q (by rw [hop]; decide)
  have f8 : q.row fBltu = 0 := flag_row_zero q (by rw [hop]; decide)
  have f9 : q.row fBgeu = 0 := flag_row_zero q (by rw [hop]; decide)
  have f10 : q.row fJalr = 0 := flag_row_zero q (by rw [hop]; decide)
  have hj : q.op ≠ .jalr := by rw [hop]; decide
  have ha : q.op.adds = false := by rw [hop]; rfl
  have yl := yLo_row q hj
  have yh := yHi_row q hj
  obtain ⟨n0, n1, hk1, hk2⟩ := sub_nat q ha hj
  have m0 := cast_eq n0
  have m1 := cast_eq n1
  simp only [Felt.natCast_add, Felt.natCast_mul, Felt.natCast_ofNat] at m0 m1
  have ca0 : q.row aLo = (q.a.lo : BabyBear) := rfl
  have ca1 : q.row aHi = (q.a.hi : BabyBear) := rfl
  have cl : q.row L = (q.l : BabyBear) := rfl
  have ch : q.row H = (q.h : BabyBear) := rfl
  have ck1 : q.row k1 = (q.k1 : BabyBear) := rfl
  have ck2 : q.row k2 = (q.k2 : BabyBear) := rfl
  have el : q.l = q.res.lo := by simp [Request.l, hop]
  have eh : q.h = q.res.hi := by simp [Request.h, hop]
  have ec : q.c = if q.a.ult q.y then 1 else 0 := by unfold Request.c; rw [hop]
  have ck : q.c.lo = q.k2 ∧ q.c.hi = 0 := by
    rw [ec]
    simp only [Request.k2, ha, Bool.false_eq_true, ↓reduceIte]
    by_cases h : q.a.toNat < q.y.toNat
    · have hu : q.a.ult q.y = true := by simp [BitVec.ult, h]
      rw [if_pos hu, if_pos h]; decide
    · have hu : q.a.ult q.y = false := by simp [BitVec.ult, h]
      rw [if_neg (by simp [hu]), if_neg h]; decide
  have cc0 : q.row cLo = q.row k2 := by rw [row_cLo, row_k2, ck.1]
  have cc1 : q.row cHi = 0 := by rw [row_cHi, ck.2]; rfl
  have hreal := real_row q
  have hsa : q.sa = 0 := by simp [Request.sa, hop, Op.signed]
  have hsy : q.sy = 0 := by simp [Request.sy, hop, Op.signed]
  refine ⟨⟨bool_flags_row q, bool_useImm_row q, ?_, ?_, ?_, ?_, by rw [hreal]; decide, ?_, ?_, ?_,
    ?_, ?_, ?_, ?_, ?_⟩, ⟨?_, ?_, ?_, ?_, ?_⟩, inputs_row q, ?_⟩
  · rw [ck1]; exact boolean_natCast hk1
  · rw [ck2]; exact boolean_natCast hk2
  · rw [row_sa, hsa]; decide
  · rw [row_sy, hsy]; decide
  · grind
  · simp only [sigma, subtracts]; rw [yl]; grind
  · simp only [sigma, subtracts, jalrHigh]; rw [yh]; grind
  · grind
  · simp only [resultOps, expectedLo, signedLess]; grind
  · grind
  · simp only [eqBit]; grind
  · simp only [eqBit]; grind
  · intro _; rw [cl, el]; exact val_natCast_lt (Word.lo_lt _)
  · intro _; rw [ch, eh]; exact val_natCast_lt (Word.hi_lt _)
  · intro h; exfalso; apply h; simp only [signed]; grind
  · intro h; exfalso; apply h; simp only [signed]; grind
  · intro h; exfalso; apply h; grind
  · rw [cWord, row_cLo, row_cHi, WordLimbs.ofFelts_limbs, ec]; rfl

end Zkvm.Air.V2.Alu
