module

public import Zkvm.Air.V2.AluComplete
public import Zkvm.Air.V2.AluBasic

/-!
# The ALU table: completeness of SLT, SLTI, BLT, BGE

For every request of the signed comparisons, the row the builder makes (with SA, SY the top
bits of a and y) satisfies every group and its lookups, including the sign lookups of
`2 hi − 2^16 s`, and its c is the semantics' result (SLT, SLTI) or branch bit (BLT, BGE).
-/

@[expose] public section

namespace Zkvm.Air.V2.Alu

open Zkvm.Field Zkvm.RiscV Zkvm.Air.Table Col Request

/-- The honest sign lookup: `2 hi − 2^16 s` with `s` the top bit of the word is `2 (hi mod
2^15)`, below `2^16`. -/
theorem signRest_lt {r : Row BabyBear} {hi s : Nat} {w : Word} (hh : r hi = (w.hi : BabyBear))
    (hs : r s = ((w.toNat / 2 ^ 31 : Nat) : BabyBear)) : (signRest r hi s).val < 2 ^ 16 := by
  have n : 2 * (w.hi % 32768) + 65536 * (w.toNat / 2 ^ 31) = 2 * w.hi := by
    have := Word.toNat_eq_limbs w; have := w.lo_lt; have := w.hi_lt; omega
  have m := cast_eq n
  simp only [Felt.natCast_add, Felt.natCast_mul, Felt.natCast_ofNat] at m
  have e : signRest r hi s = ((2 * (w.hi % 32768) : Nat) : BabyBear) := by
    unfold signRest; rw [hh, hs]; push_natCast; grind
  rw [e]; exact val_natCast_lt (by omega)

variable (q : Request)

set_option maxHeartbeats 400000 in
/-- **SLT, SLTI**: the builder's row satisfies the groups and the lookups (the sign bits of a
and y), and its c is [a <s y]. -/
theorem slt_complete (hop : q.op = .slt) :
    Groups q.row ∧ Lookups q.row ∧ Inputs q.row ∧ cWord q.row = AluOp.slt.eval q.a q.y := by
  have f0 : q.row fAdd = 0 := flag_row_zero q (by rw [hop]; decide)
  have f1 : q.row fSub = 0 := flag_row_zero q (by rw [hop]; decide)
  have f2 : q.row fSlt = 1 := flag_row_one q hop
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
  have csa : q.row sa = (q.sa : BabyBear) := rfl
  have csy : q.row sy = (q.sy : BabyBear) := rfl
  have el : q.l = q.res.lo := by simp [Request.l, hop]
  have eh : q.h = q.res.hi := by simp [Request.h, hop]
  have hl16 : q.l < 2 ^ 16 := by rw [el]; exact Word.lo_lt _
  have hh16 : q.h < 2 ^ 16 := by rw [eh]; exact Word.hi_lt _
  have hsa' : q.sa = q.a.toNat / 2 ^ 31 := by simp [Request.sa, hop, Op.signed]
  have hsy' : q.sy = q.y.toNat / 2 ^ 31 := by simp [Request.sy, hop, Op.signed]
  have := Word.toNat_eq_limbs q.a
  have := Word.toNat_eq_limbs q.y
  have := q.a.lo_lt; have := q.y.lo_lt; have := q.a.hi_lt; have := q.y.hi_lt
  have := q.a.toNat_lt; have := q.y.toNat_lt
  have hsa1 : q.sa ≤ 1 := by omega
  have hsy1 : q.sy ≤ 1 := by omega
  obtain ⟨hlt, b0, b1⟩ := slt_of_sub hl16 hh16 hk2 n0 n1 (by omega) hsa1 (by omega) hsy1
  have ec : q.c = if q.a.slt q.y then 1 else 0 := by unfold Request.c; rw [hop]
  have clo : q.c.lo = (if q.a.slt q.y then 1 else 0) ∧ q.c.hi = 0 := by
    rw [ec]; by_cases hs : q.a.slt q.y = true <;> simp [hs] <;> decide
  have nc : q.c.lo + q.sy = q.k2 + q.sa := by
    rw [clo.1]; by_cases hs : q.a.slt q.y = true
    · rw [if_pos hs]; have := hlt.mp hs; omega
    · rw [if_neg hs]; have := mt hlt.mpr hs; omega
  have mc := cast_eq nc
  simp only [Felt.natCast_add, Felt.natCast_ofNat, Felt.natCast_one] at mc
  have cc0 : q.row cLo = (q.c.lo : BabyBear) := rfl
  have cc1 : q.row cHi = 0 := by rw [row_cHi, clo.2]; rfl
  have hreal := real_row q
  refine ⟨⟨bool_flags_row q, bool_useImm_row q, ?_, ?_, ?_, ?_, by rw [hreal]; decide, ?_, ?_, ?_,
    ?_, ?_, ?_, ?_, ?_⟩, ⟨?_, ?_, ?_, ?_, ?_⟩, inputs_row q, ?_⟩
  · rw [ck1]; exact boolean_natCast hk1
  · rw [ck2]; exact boolean_natCast hk2
  · rw [csa]; exact boolean_natCast hsa1
  · rw [csy]; exact boolean_natCast hsy1
  · first
      | (rw [row_useImm, hu]; grind)
      | (rw [row_useImm]; cases q.useImm <;> grind)
  · simp only [sigma, subtracts]; rw [yl]; grind
  · simp only [sigma, subtracts, jalrHigh]; rw [yh]; grind
  · grind
  · simp only [resultOps, expectedLo, signedLess]; grind
  · grind
  · simp only [eqBit]; grind
  · simp only [eqBit]; grind
  · intro _; rw [cl]; exact val_natCast_lt hl16
  · intro _; rw [ch]; exact val_natCast_lt hh16
  · intro _; exact signRest_lt rfl (by rw [csa, hsa'])
  · intro hm
    cases hu : q.useImm
    · have hy : q.y = q.b := by simp [Request.y, hu, hop]
      exact signRest_lt rfl (by rw [csy, hsy', hy])
    · exfalso; apply hm; simp only [signed]; rw [row_useImm, hu]; grind
  · intro hm
    cases hu : q.useImm
    · exfalso; apply hm; rw [row_useImm, hu]; grind
    · have hy : q.y = q.imm := by simp [Request.y, hu]
      exact signRest_lt rfl (by rw [csy, hsy', hy])
  · rw [cWord, row_cLo, row_cHi, WordLimbs.ofFelts_limbs, ec]; rfl

set_option maxHeartbeats 400000 in
/-- **BLT**. -/
theorem blt_complete (hop : q.op = .blt) (hu : q.useImm = false) :
    Groups q.row ∧ Lookups q.row ∧ Inputs q.row ∧ q.row cLo = (if BranchCond.lt.holds q.a q.b then 1 else 0) ∧ q.row cHi = 0 := by
  have f0 : q.row fAdd = 0 := flag_row_zero q (by rw [hop]; decide)
  have f1 : q.row fSub = 0 := flag_row_zero q (by rw [hop]; decide)
  have f2 : q.row fSlt = 0 := flag_row_zero q (by rw [hop]; decide)
  have f3 : q.row fSltu = 0 := flag_row_zero q (by rw [hop]; decide)
  have f4 : q.row fBeq = 0 := flag_row_zero q (by rw [hop]; decide)
  have f5 : q.row fBne = 0 := flag_row_zero q (by rw [hop]; decide)
  have f6 : q.row fBlt = 1 := flag_row_one q hop
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
  have csa : q.row sa = (q.sa : BabyBear) := rfl
  have csy : q.row sy = (q.sy : BabyBear) := rfl
  have el : q.l = q.res.lo := by simp [Request.l, hop]
  have eh : q.h = q.res.hi := by simp [Request.h, hop]
  have hl16 : q.l < 2 ^ 16 := by rw [el]; exact Word.lo_lt _
  have hh16 : q.h < 2 ^ 16 := by rw [eh]; exact Word.hi_lt _
  have hsa' : q.sa = q.a.toNat / 2 ^ 31 := by simp [Request.sa, hop, Op.signed]
  have hsy' : q.sy = q.y.toNat / 2 ^ 31 := by simp [Request.sy, hop, Op.signed]
  have := Word.toNat_eq_limbs q.a
  have := Word.toNat_eq_limbs q.y
  have := q.a.lo_lt; have := q.y.lo_lt; have := q.a.hi_lt; have := q.y.hi_lt
  have := q.a.toNat_lt; have := q.y.toNat_lt
  have hsa1 : q.sa ≤ 1 := by omega
  have hsy1 : q.sy ≤ 1 := by omega
  obtain ⟨hlt, b0, b1⟩ := slt_of_sub hl16 hh16 hk2 n0 n1 (by omega) hsa1 (by omega) hsy1
  have ec : q.c = if q.a.slt q.y then 1 else 0 := by unfold Request.c; rw [hop]
  have clo : q.c.lo = (if q.a.slt q.y then 1 else 0) ∧ q.c.hi = 0 := by
    rw [ec]; by_cases hs : q.a.slt q.y = true <;> simp [hs] <;> decide
  have nc : q.c.lo + q.sy = q.k2 + q.sa := by
    rw [clo.1]; by_cases hs : q.a.slt q.y = true
    · rw [if_pos hs]; have := hlt.mp hs; omega
    · rw [if_neg hs]; have := mt hlt.mpr hs; omega
  have mc := cast_eq nc
  simp only [Felt.natCast_add, Felt.natCast_ofNat, Felt.natCast_one] at mc
  have cc0 : q.row cLo = (q.c.lo : BabyBear) := rfl
  have cc1 : q.row cHi = 0 := by rw [row_cHi, clo.2]; rfl
  have hreal := real_row q
  refine ⟨⟨bool_flags_row q, bool_useImm_row q, ?_, ?_, ?_, ?_, by rw [hreal]; decide, ?_, ?_, ?_,
    ?_, ?_, ?_, ?_, ?_⟩, ⟨?_, ?_, ?_, ?_, ?_⟩, inputs_row q, ?_⟩
  · rw [ck1]; exact boolean_natCast hk1
  · rw [ck2]; exact boolean_natCast hk2
  · rw [csa]; exact boolean_natCast hsa1
  · rw [csy]; exact boolean_natCast hsy1
  · first
      | (rw [row_useImm, hu]; grind)
      | (rw [row_useImm]; cases q.useImm <;> grind)
  · simp only [sigma, subtracts]; rw [yl]; grind
  · simp only [sigma, subtracts, jalrHigh]; rw [yh]; grind
  · grind
  · simp only [resultOps, expectedLo, signedLess]; grind
  · grind
  · simp only [eqBit]; grind
  · simp only [eqBit]; grind
  · intro _; rw [cl]; exact val_natCast_lt hl16
  · intro _; rw [ch]; exact val_natCast_lt hh16
  · intro _; exact signRest_lt rfl (by rw [csa, hsa'])
  · intro _
    have hy : q.y = q.b := by simp [Request.y, hu, hop]
    exact signRest_lt rfl (by rw [csy, hsy', hy])
  · intro hm; exfalso; apply hm; rw [row_useImm, hu]; grind
  · have hy : q.y = q.b := by simp [Request.y, hu, hop]
    refine ⟨?_, cc1⟩
    rw [cc0, ← hy, clo.1]; simp only [BranchCond.holds]
    by_cases hs : q.a.slt q.y = true <;> simp [hs] <;> rfl

set_option maxHeartbeats 400000 in
/-- **BGE**. -/
theorem bge_complete (hop : q.op = .bge) (hu : q.useImm = false) :
    Groups q.row ∧ Lookups q.row ∧ Inputs q.row ∧ q.row cLo = (if BranchCond.ge.holds q.a q.b then 1 else 0) ∧ q.row cHi = 0 := by
  have f0 : q.row fAdd = 0 := flag_row_zero q (by rw [hop]; decide)
  have f1 : q.row fSub = 0 := flag_row_zero q (by rw [hop]; decide)
  have f2 : q.row fSlt = 0 := flag_row_zero q (by rw [hop]; decide)
  have f3 : q.row fSltu = 0 := flag_row_zero q (by rw [hop]; decide)
  have f4 : q.row fBeq = 0 := flag_row_zero q (by rw [hop]; decide)
  have f5 : q.row fBne = 0 := flag_row_zero q (by rw [hop]; decide)
  have f6 : q.row fBlt = 0 := flag_row_zero q (by rw [hop]; decide)
  have f7 : q.row fBge = 1 := flag_row_one q hop
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
  have csa : q.row sa = (q.sa : BabyBear) := rfl
  have csy : q.row sy = (q.sy : BabyBear) := rfl
  have el : q.l = q.res.lo := by simp [Request.l, hop]
  have eh : q.h = q.res.hi := by simp [Request.h, hop]
  have hl16 : q.l < 2 ^ 16 := by rw [el]; exact Word.lo_lt _
  have hh16 : q.h < 2 ^ 16 := by rw [eh]; exact Word.hi_lt _
  have hsa' : q.sa = q.a.toNat / 2 ^ 31 := by simp [Request.sa, hop, Op.signed]
  have hsy' : q.sy = q.y.toNat / 2 ^ 31 := by simp [Request.sy, hop, Op.signed]
  have := Word.toNat_eq_limbs q.a
  have := Word.toNat_eq_limbs q.y
  have := q.a.lo_lt; have := q.y.lo_lt; have := q.a.hi_lt; have := q.y.hi_lt
  have := q.a.toNat_lt; have := q.y.toNat_lt
  have hsa1 : q.sa ≤ 1 := by omega
  have hsy1 : q.sy ≤ 1 := by omega
  obtain ⟨hlt, b0, b1⟩ := slt_of_sub hl16 hh16 hk2 n0 n1 (by omega) hsa1 (by omega) hsy1
  have ec : q.c = if q.a.slt q.y then 0 else 1 := by unfold Request.c; rw [hop]
  have clo : q.c.lo = (if q.a.slt q.y then 0 else 1) ∧ q.c.hi = 0 := by
    rw [ec]; by_cases hs : q.a.slt q.y = true <;> simp [hs] <;> decide
  have nc : q.c.lo + q.k2 + q.sa = 1 + q.sy := by
    rw [clo.1]; by_cases hs : q.a.slt q.y = true
    · rw [if_pos hs]; have := hlt.mp hs; omega
    · rw [if_neg hs]; have := mt hlt.mpr hs; omega
  have mc := cast_eq nc
  simp only [Felt.natCast_add, Felt.natCast_ofNat, Felt.natCast_one] at mc
  have cc0 : q.row cLo = (q.c.lo : BabyBear) := rfl
  have cc1 : q.row cHi = 0 := by rw [row_cHi, clo.2]; rfl
  have hreal := real_row q
  refine ⟨⟨bool_flags_row q, bool_useImm_row q, ?_, ?_, ?_, ?_, by rw [hreal]; decide, ?_, ?_, ?_,
    ?_, ?_, ?_, ?_, ?_⟩, ⟨?_, ?_, ?_, ?_, ?_⟩, inputs_row q, ?_⟩
  · rw [ck1]; exact boolean_natCast hk1
  · rw [ck2]; exact boolean_natCast hk2
  · rw [csa]; exact boolean_natCast hsa1
  · rw [csy]; exact boolean_natCast hsy1
  · first
      | (rw [row_useImm, hu]; grind)
      | (rw [row_useImm]; cases q.useImm <;> grind)
  · simp only [sigma, subtracts]; rw [yl]; grind
  · simp only [sigma, subtracts, jalrHigh]; rw [yh]; grind
  · grind
  · simp only [resultOps, expectedLo, signedLess]; grind
  · grind
  · simp only [eqBit]; grind
  · simp only [eqBit]; grind
  · intro _; rw [cl]; exact val_natCast_lt hl16
  · intro _; rw [ch]; exact val_natCast_lt hh16
  · intro _; exact signRest_lt rfl (by rw [csa, hsa'])
  · intro _
    have hy : q.y = q.b := by simp [Request.y, hu, hop]
    exact signRest_lt rfl (by rw [csy, hsy', hy])
  · intro hm; exfalso; apply hm; rw [row_useImm, hu]; grind
  · have hy : q.y = q.b := by simp [Request.y, hu, hop]
    refine ⟨?_, cc1⟩
    rw [cc0, ← hy, clo.1]; simp only [BranchCond.holds]
    by_cases hs : q.a.slt q.y = true <;> simp [hs] <;> rfl

end Zkvm.Air.V2.Alu
