module

public import Zkvm.Air.V2.AluComplete
public import Zkvm.Air.V2.AluBasic

/-!
# The ALU table: completeness of BEQ, BNE, BLTU, BGEU

For every request of these branches (no immediate form), the row the builder makes
satisfies every group and its lookups, and its c_lo is 1 exactly when the semantics takes the
branch (`BranchCond.holds` on a and b), c_hi = 0. The builder's check of the branch outcome
against the executor's next pc is not modelled.
-/

@[expose] public section

namespace Zkvm.Air.V2.Alu

open Zkvm.Field Zkvm.RiscV Zkvm.Air.Table Col Request

variable (q : Request)

set_option maxHeartbeats 400000 in
/-- **BLTU**: the builder's row satisfies the groups and the lookups, and c_lo is the branch
bit. -/
theorem bltu_complete (hop : q.op = .bltu) (hu : q.useImm = false) :
    Groups q.row ∧ Lookups q.row ∧ Inputs q.row ∧
      q.row cLo = (if BranchCond.ltu.holds q.a q.b then 1 else 0) ∧ q.row cHi = 0 := by
  have f0 : q.row fAdd = 0 := flag_row_zero q (by rw [hop]; decide)
  have f1 : q.row fSub = 0 := flag_row_zero q (by rw [hop]; decide)
  have f2 : q.row fSlt = 0 := flag_row_zero q (by rw [hop]; decide)
  have f3 : q.row fSltu = 0 := flag_row_zero q (by rw [hop]; decide)
  have f4 : q.row fBeq = 0 := flag_row_zero q (by rw [hop]; decide)
  have f5 : q.row fBne = 0 := flag_row_zero q (by rw [hop]; decide)
  have f6 : q.row fBlt = 0 := flag_row_zero q (by rw [hop]; decide)
  have f7 : q.row fBge = 0 := flag_row_zero q (by rw [hop]; decide)
  have f8 : q.row fBltu = 1 := flag_row_one q hop
  have f9 : q.row fBgeu = 0 := flag_row_zero q (by rw [hop]; decide)
  have f10 : q.row fJalr = 0 := flag_row_zero q (by rw [hop]; decide)
  have hj : q.op ≠ .jalr := by rw [hop]; decide
  have ha : q.op.adds = false := by rw [hop]; rfl
  have hun : q.row useImm = 0 := by rw [row_useImm, hu]; rfl
  have hy : q.y = q.b := by simp [Request.y, hu, hop]
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
  have hl16 : q.l < 2 ^ 16 := by rw [el]; exact Word.lo_lt _
  have hh16 : q.h < 2 ^ 16 := by rw [eh]; exact Word.hi_lt _
  have ec : q.c = if q.a.ult q.y then 1 else 0 := by
    unfold Request.c; rw [hop]
  have ck : (q.c.lo : BabyBear) = (q.k2 : BabyBear) ∧ q.c.hi = 0 ∧
      ((q.c.lo : Nat) : BabyBear) = if q.a.ult q.y then 1 else 0 := by
    rw [ec]
    simp only [Request.k2, ha, Bool.false_eq_true, ↓reduceIte]
    by_cases h : q.a.toNat < q.y.toNat
    · have hu : q.a.ult q.y = true := by simp [BitVec.ult, h]
      simp only [hu, h, ↓reduceIte] <;> decide
    · have hu : q.a.ult q.y = false := by simp [BitVec.ult, h]
      simp only [hu, h, Bool.false_eq_true, ↓reduceIte] <;> decide
  have cc0 : q.row cLo = if q.a.ult q.y then 1 else 0 := by rw [row_cLo, ck.2.2]
  have cc0' : q.row cLo = q.row k2 := by rw [row_cLo, row_k2, ck.1]
  have cc1 : q.row cHi = 0 := by rw [row_cHi, ck.2.1]; rfl
  have hreal := real_row q
  have hsa : q.sa = 0 := by simp [Request.sa, hop, Op.signed]
  have hsy : q.sy = 0 := by simp [Request.sy, hop, Op.signed]
  refine ⟨⟨bool_flags_row q, bool_useImm_row q, ?_, ?_, ?_, ?_, by rw [hreal]; decide, ?_, ?_, ?_,
    ?_, ?_, ?_, ?_, ?_⟩, ⟨?_, ?_, ?_, ?_, ?_⟩, inputs_row q, ?_, ?_⟩
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
  · intro _; rw [cl]; exact val_natCast_lt hl16
  · intro _; rw [ch]; exact val_natCast_lt hh16
  · intro h; exfalso; apply h; simp only [signed]; grind
  · intro h; exfalso; apply h; simp only [signed]; grind
  · intro h; exfalso; apply h; grind
  · rw [cc0, ← hy]; simp only [BranchCond.holds]
    all_goals first
      | (by_cases hc : q.a.ult q.y = true <;> simp [hc] <;> done)
      | (by_cases hh : q.a = q.y <;> simp [hh] <;> done)
  · exact cc1

set_option maxHeartbeats 400000 in
/-- **BGEU**. -/
theorem bgeu_complete (hop : q.op = .bgeu) (hu : q.useImm = false) :
    Groups q.row ∧ Lookups q.row ∧ Inputs q.row ∧
      q.row cLo = (if BranchCond.geu.holds q.a q.b then 1 else 0) ∧ q.row cHi = 0 := by
  have f0 : q.row fAdd = 0 := flag_row_zero q (by rw [hop]; decide)
  have f1 : q.row fSub = 0 := flag_row_zero q (by rw [hop]; decide)
  have f2 : q.row fSlt = 0 := flag_row_zero q (by rw [hop]; decide)
  have f3 : q.row fSltu = 0 := flag_row_zero q (by rw [hop]; decide)
  have f4 : q.row fBeq = 0 := flag_row_zero q (by rw [hop]; decide)
  have f5 : q.row fBne = 0 := flag_row_zero q (by rw [hop]; decide)
  have f6 : q.row fBlt = 0 := flag_row_zero q (by rw [hop]; decide)
  have f7 : q.row fBge = 0 := flag_row_zero q (by rw [hop]; decide)
  have f8 : q.row fBltu = 0 := flag_row_zero q (by rw [hop]; decide)
  have f9 : q.row fBgeu = 1 := flag_row_one q hop
  have f10 : q.row fJalr = 0 := flag_row_zero q (by rw [hop]; decide)
  have hj : q.op ≠ .jalr := by rw [hop]; decide
  have ha : q.op.adds = false := by rw [hop]; rfl
  have hun : q.row useImm = 0 := by rw [row_useImm, hu]; rfl
  have hy : q.y = q.b := by simp [Request.y, hu, hop]
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
  have hl16 : q.l < 2 ^ 16 := by rw [el]; exact Word.lo_lt _
  have hh16 : q.h < 2 ^ 16 := by rw [eh]; exact Word.hi_lt _
  have ec : q.c = if q.a.ult q.y then 0 else 1 := by
    unfold Request.c; rw [hop]
  have ck : (q.c.lo : BabyBear) = 1 - (q.k2 : BabyBear) ∧ q.c.hi = 0 ∧
      ((q.c.lo : Nat) : BabyBear) = if q.a.ult q.y then 0 else 1 := by
    rw [ec]
    simp only [Request.k2, ha, Bool.false_eq_true, ↓reduceIte]
    by_cases h : q.a.toNat < q.y.toNat
    · have hu : q.a.ult q.y = true := by simp [BitVec.ult, h]
      simp only [hu, h, ↓reduceIte] <;> decide
    · have hu : q.a.ult q.y = false := by simp [BitVec.ult, h]
      simp only [hu, h, Bool.false_eq_true, ↓reduceIte] <;> decide
  have cc0 : q.row cLo = if q.a.ult q.y then 0 else 1 := by rw [row_cLo, ck.2.2]
  have cc0' : q.row cLo = 1 - q.row k2 := by rw [row_cLo, row_k2, ck.1]
  have cc1 : q.row cHi = 0 := by rw [row_cHi, ck.2.1]; rfl
  have hreal := real_row q
  have hsa : q.sa = 0 := by simp [Request.sa, hop, Op.signed]
  have hsy : q.sy = 0 := by simp [Request.sy, hop, Op.signed]
  refine ⟨⟨bool_flags_row q, bool_useImm_row q, ?_, ?_, ?_, ?_, by rw [hreal]; decide, ?_, ?_, ?_,
    ?_, ?_, ?_, ?_, ?_⟩, ⟨?_, ?_, ?_, ?_, ?_⟩, inputs_row q, ?_, ?_⟩
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
  · intro _; rw [cl]; exact val_natCast_lt hl16
  · intro _; rw [ch]; exact val_natCast_lt hh16
  · intro h; exfalso; apply h; simp only [signed]; grind
  · intro h; exfalso; apply h; simp only [signed]; grind
  · intro h; exfalso; apply h; grind
  · rw [cc0, ← hy]; simp only [BranchCond.holds]
    all_goals first
      | (by_cases hc : q.a.ult q.y = true <;> simp [hc] <;> done)
      | (by_cases hh : q.a = q.y <;> simp [hh] <;> done)
  · exact cc1

set_option maxHeartbeats 400000 in
/-- **BEQ**: with INV the inverse of L + H. -/
theorem beq_complete (hop : q.op = .beq) (hu : q.useImm = false) :
    Groups q.row ∧ Lookups q.row ∧ Inputs q.row ∧
      q.row cLo = (if BranchCond.eq.holds q.a q.b then 1 else 0) ∧ q.row cHi = 0 := by
  have f0 : q.row fAdd = 0 := flag_row_zero q (by rw [hop]; decide)
  have f1 : q.row fSub = 0 := flag_row_zero q (by rw [hop]; decide)
  have f2 : q.row fSlt = 0 := flag_row_zero q (by rw [hop]; decide)
  have f3 : q.row fSltu = 0 := flag_row_zero q (by rw [hop]; decide)
  have f4 : q.row fBeq = 1 := flag_row_one q hop
  have f5 : q.row fBne = 0 := flag_row_zero q (by rw [hop]; decide)
  have f6 : q.row fBlt = 0 := flag_row_zero q (by rw [hop]; decide)
  have f7 : q.row fBge = 0 := flag_row_zero q (by rw [hop]; decide)
  have f8 : q.row fBltu = 0 := flag_row_zero q (by rw [hop]; decide)
  have f9 : q.row fBgeu = 0 := flag_row_zero q (by rw [hop]; decide)
  have f10 : q.row fJalr = 0 := flag_row_zero q (by rw [hop]; decide)
  have hj : q.op ≠ .jalr := by rw [hop]; decide
  have ha : q.op.adds = false := by rw [hop]; rfl
  have hun : q.row useImm = 0 := by rw [row_useImm, hu]; rfl
  have hy : q.y = q.b := by simp [Request.y, hu, hop]
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
  have hl16 : q.l < 2 ^ 16 := by rw [el]; exact Word.lo_lt _
  have hh16 : q.h < 2 ^ 16 := by rw [eh]; exact Word.hi_lt _
  have ec : q.c = if q.a = q.y then 1 else 0 := by
    unfold Request.c; rw [hop]
  have heq : q.a = q.y ↔ q.l + q.h = 0 := eq_of_sub hl16 hh16 n0 n1
  have ck : ((q.c.lo : Nat) : BabyBear) = (if q.a = q.y then 1 else 0) ∧ q.c.hi = 0 := by
    rw [ec]; by_cases h : q.a = q.y
    · rw [if_pos h, if_pos h]; decide
    · rw [if_neg h, if_neg h]; decide
  have cc0 : q.row cLo = if q.a = q.y then 1 else 0 := by rw [row_cLo, ck.1]
  have cc1 : q.row cHi = 0 := by rw [row_cHi, ck.2]; rfl
  have cz : q.row L + q.row H = ((q.l + q.h : Nat) : BabyBear) := by rw [cl, ch]; push_natCast
  have cinv : q.row inv = ((q.l + q.h : Nat) : BabyBear)⁻¹ := by
    rw [row_inv, Request.inv, if_pos (by rw [hop]; decide)]
  have hP : P = 2013265921 := P_eq
  have hz : q.a = q.y ∧ ((q.l + q.h : Nat) : BabyBear) = 0 ∨
      q.a ≠ q.y ∧ ((q.l + q.h : Nat) : BabyBear) * ((q.l + q.h : Nat) : BabyBear)⁻¹ = 1 := by
    by_cases h : q.a = q.y
    · exact Or.inl ⟨h, by rw [heq.mp h]; rfl⟩
    · refine Or.inr ⟨h, Lean.Grind.Field.mul_inv_cancel ?_⟩
      intro h0
      have := congrArg BabyBear.val h0
      rw [BabyBear.val_natCast, BabyBear.val_zero, hP] at this
      exact h (heq.mpr (by omega))
  have hreal := real_row q
  have hsa : q.sa = 0 := by simp [Request.sa, hop, Op.signed]
  have hsy : q.sy = 0 := by simp [Request.sy, hop, Op.signed]
  refine ⟨⟨bool_flags_row q, bool_useImm_row q, ?_, ?_, ?_, ?_, by rw [hreal]; decide, ?_, ?_, ?_,
    ?_, ?_, ?_, ?_, ?_⟩, ⟨?_, ?_, ?_, ?_, ?_⟩, inputs_row q, ?_, ?_⟩
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
  · simp only [eqBit]; rw [cz]
    rcases hz with ⟨h, hz⟩ | ⟨h, hz⟩
    · rw [hz]; grind
    · rw [cc0, if_neg h]; grind
  · simp only [eqBit]; rw [cz, cinv]
    rcases hz with ⟨h, hz⟩ | ⟨h, hz⟩
    · rw [cc0, if_pos h, hz]; grind
    · rw [cc0, if_neg h]; grind
  · intro _; rw [cl]; exact val_natCast_lt hl16
  · intro _; rw [ch]; exact val_natCast_lt hh16
  · intro h; exfalso; apply h; simp only [signed]; grind
  · intro h; exfalso; apply h; simp only [signed]; grind
  · intro h; exfalso; apply h; grind
  · rw [cc0, ← hy]; simp only [BranchCond.holds]
    all_goals first
      | (by_cases hc : q.a.ult q.y = true <;> simp [hc] <;> done)
      | (by_cases hh : q.a = q.y <;> simp [hh] <;> done)
  · exact cc1

set_option maxHeartbeats 400000 in
/-- **BNE**: with INV the inverse of L + H. -/
theorem bne_complete (hop : q.op = .bne) (hu : q.useImm = false) :
    Groups q.row ∧ Lookups q.row ∧ Inputs q.row ∧
      q.row cLo = (if BranchCond.ne.holds q.a q.b then 1 else 0) ∧ q.row cHi = 0 := by
  have f0 : q.row fAdd = 0 := flag_row_zero q (by rw [hop]; decide)
  have f1 : q.row fSub = 0 := flag_row_zero q (by rw [hop]; decide)
  have f2 : q.row fSlt = 0 := flag_row_zero q (by rw [hop]; decide)
  have f3 : q.row fSltu = 0 := flag_row_zero q (by rw [hop]; decide)
  have f4 : q.row fBeq = 0 := flag_row_zero q (by rw [hop]; decide)
  have f5 : q.row fBne = 1 := flag_row_one q hop
  have f6 : q.row fBlt = 0 := flag_row_zero q (by rw [hop]; decide)
  have f7 : q.row fBge = 0 := flag_row_zero q (by rw [hop]; decide)
  have f8 : q.row fBltu = 0 := flag_row_zero q (by rw [hop]; decide)
  have f9 : q.row fBgeu = 0 := flag_row_zero q (by rw [hop]; decide)
  have f10 : q.row fJalr = 0 := flag_row_zero q (by rw [hop]; decide)
  have hj : q.op ≠ .jalr := by rw [hop]; decide
  have ha : q.op.adds = false := by rw [hop]; rfl
  have hun : q.row useImm = 0 := by rw [row_useImm, hu]; rfl
  have hy : q.y = q.b := by simp [Request.y, hu, hop]
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
  have hl16 : q.l < 2 ^ 16 := by rw [el]; exact Word.lo_lt _
  have hh16 : q.h < 2 ^ 16 := by rw [eh]; exact Word.hi_lt _
  have ec : q.c = if q.a = q.y then 0 else 1 := by
    unfold Request.c; rw [hop]
  have heq : q.a = q.y ↔ q.l + q.h = 0 := eq_of_sub hl16 hh16 n0 n1
  have ck : ((q.c.lo : Nat) : BabyBear) = (if q.a = q.y then 0 else 1) ∧ q.c.hi = 0 := by
    rw [ec]; by_cases h : q.a = q.y
    · rw [if_pos h, if_pos h]; decide
    · rw [if_neg h, if_neg h]; decide
  have cc0 : q.row cLo = if q.a = q.y then 0 else 1 := by rw [row_cLo, ck.1]
  have cc1 : q.row cHi = 0 := by rw [row_cHi, ck.2]; rfl
  have cz : q.row L + q.row H = ((q.l + q.h : Nat) : BabyBear) := by rw [cl, ch]; push_natCast
  have cinv : q.row inv = ((q.l + q.h : Nat) : BabyBear)⁻¹ := by
    rw [row_inv, Request.inv, if_pos (by rw [hop]; decide)]
  have hP : P = 2013265921 := P_eq
  have hz : q.a = q.y ∧ ((q.l + q.h : Nat) : BabyBear) = 0 ∨
      q.a ≠ q.y ∧ ((q.l + q.h : Nat) : BabyBear) * ((q.l + q.h : Nat) : BabyBear)⁻¹ = 1 := by
    by_cases h : q.a = q.y
    · exact Or.inl ⟨h, by rw [heq.mp h]; rfl⟩
    · refine Or.inr ⟨h, Lean.Grind.Field.mul_inv_cancel ?_⟩
      intro h0
      have := congrArg BabyBear.val h0
      rw [BabyBear.val_natCast, BabyBear.val_zero, hP] at this
      exact h (heq.mpr (by omega))
  have hreal := real_row q
  have hsa : q.sa = 0 := by simp [Request.sa, hop, Op.signed]
  have hsy : q.sy = 0 := by simp [Request.sy, hop, Op.signed]
  refine ⟨⟨bool_flags_row q, bool_useImm_row q, ?_, ?_, ?_, ?_, by rw [hreal]; decide, ?_, ?_, ?_,
    ?_, ?_, ?_, ?_, ?_⟩, ⟨?_, ?_, ?_, ?_, ?_⟩, inputs_row q, ?_, ?_⟩
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
  · simp only [eqBit]; rw [cz]
    rcases hz with ⟨h, hz⟩ | ⟨h, hz⟩
    · rw [hz]; grind
    · rw [cc0, if_neg h]; grind
  · simp only [eqBit]; rw [cz, cinv]
    rcases hz with ⟨h, hz⟩ | ⟨h, hz⟩
    · rw [cc0, if_pos h, hz]; grind
    · rw [cc0, if_neg h]; grind
  · intro _; rw [cl]; exact val_natCast_lt hl16
  · intro _; rw [ch]; exact val_natCast_lt hh16
  · intro h; exfalso; apply h; simp only [signed]; grind
  · intro h; exfalso; apply h; simp only [signed]; grind
  · intro h; exfalso; apply h; grind
  · rw [cc0, ← hy]; simp only [BranchCond.holds]
    all_goals first
      | (by_cases hc : q.a.ult q.y = true <;> simp [hc] <;> done)
      | (by_cases hh : q.a = q.y <;> simp [hh] <;> done)
  · exact cc1

end Zkvm.Air.V2.Alu
