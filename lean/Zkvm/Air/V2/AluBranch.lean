module

public import Zkvm.Air.V2.AluSound

/-!
# The ALU table: soundness of the branches

On a BEQ, BNE, BLT, BGE, BLTU or BGEU row (the flag `branchFlag cond` set), the groups, the
lookups and well-formed operands force c_lo = 1 if the branch is taken and 0 otherwise, as
`Zkvm.RiscV.BranchCond.holds` decides it on a and b, and c_hi = 0 (`branch_sound`; one
theorem per branch before it). Branches have no immediate form: y = b.
-/

@[expose] public section

namespace Zkvm.Air.V2.Alu

open Zkvm.Field Zkvm.RiscV Zkvm.Air.Table Col

variable {r : Row BabyBear}

/-- The flag of each branch. -/
def branchFlag : BranchCond → Nat
  | .eq => fBeq
  | .ne => fBne
  | .lt => fBlt
  | .ge => fBge
  | .ltu => fBltu
  | .geu => fBgeu

theorem natCast_bit {n : Nat} {b : Bool} (hn : n ≤ 1) (hb : b = true ↔ n = 1) :
    ((n : Nat) : BabyBear) = if b then 1 else 0 := by
  cases b
  · rw [(by simp at hb; omega : n = 0)]; rfl
  · rw [hb.mp rfl]; rfl

theorem one_sub_bit (b : Bool) : (1 : BabyBear) - (if b then 1 else 0) = if !b then 1 else 0 := by
  cases b <;> decide

/-- What every branch row shares: a real, subtracting row without JALR or the immediate form,
so the adder is `r + b = a` with borrows. -/
theorem branch_core (hg : Groups r) (hl : Lookups r) (hi : Inputs r) (hreal : real r = 1)
    (hs : subtracts r = 1) (hj : r fJalr = 0) (hu : r useImm = 0) :
    (r L).val < 2 ^ 16 ∧ (r H).val < 2 ^ 16 ∧ (r k2).val ≤ 1 ∧
      (r L).val + (bWord r).lo = (aWord r).lo + 65536 * (r k1).val ∧
      (r H).val + (bWord r).hi + (r k1).val = (aWord r).hi + 65536 * (r k2).val := by
  have h := sub_core hg hl hi hs hj hreal
  rw [yWord_of_useImm hu] at h
  exact h

/-- L + H vanishes in the field exactly when it does as numbers (both below `2^16`). -/
theorem sum_ne_zero {l h : BabyBear} (hl : l.val < 2 ^ 16) (hh : h.val < 2 ^ 16)
    (hne : l.val + h.val ≠ 0) : l + h ≠ 0 := by
  have hP : P = 2013265921 := P_eq
  intro hz
  have := congrArg BabyBear.val hz
  rw [BabyBear.val_add, BabyBear.val_zero, hP] at this
  omega

/-- **BEQ**. -/
theorem beq_sound (hg : Groups r) (hl : Lookups r) (hi : Inputs r) (hop : r fBeq = 1) :
    r cLo = (if BranchCond.eq.holds (aWord r) (bWord r) then 1 else 0) ∧ r cHi = 0 := by
  obtain ⟨z0, z1, z2, z3, z5, z6, z7, z8, z9, z10⟩ := only_beq hg hop
  have hreal : real r = 1 := by unfold real; grind
  have hs : subtracts r = 1 := by unfold subtracts; grind
  have hu : r useImm = 0 := by have e := hg.imm_ops; grind
  obtain ⟨hL, hH, _, e0, e1⟩ := branch_core hg hl hi hreal hs z10 hu
  have heq := eq_of_sub hL hH e0 e1
  have hc1 : r cHi = 0 := by have e := hg.c_hi; rw [hreal] at e; grind
  refine ⟨?_, hc1⟩
  have ez : r cLo * (r L + r H) = 0 := by have e := hg.eq_zero; simp only [eqBit] at e; grind
  have ei : r cLo = 1 - (r L + r H) * r inv := by
    have e := hg.eq_inv; simp only [eqBit] at e; grind
  simp only [BranchCond.holds]
  by_cases hab : aWord r = bWord r
  · have h0 := heq.mp hab
    have l0 : r L = 0 := eq_zero_of_val (by omega)
    have h0' : r H = 0 := eq_zero_of_val (by omega)
    rw [if_pos (by simp [hab])]
    grind
  · rw [if_neg (by simp [hab])]
    have hz := sum_ne_zero hL hH (fun h0 => hab (heq.mpr h0))
    rcases Zkvm.Field.eq_zero_or_eq_zero_of_mul_eq_zero ez with h | h
    · exact h
    · exact absurd h hz

/-- **BNE**. -/
theorem bne_sound (hg : Groups r) (hl : Lookups r) (hi : Inputs r) (hop : r fBne = 1) :
    r cLo = (if BranchCond.ne.holds (aWord r) (bWord r) then 1 else 0) ∧ r cHi = 0 := by
  obtain ⟨z0, z1, z2, z3, z4, z6, z7, z8, z9, z10⟩ := only_bne hg hop
  have hreal : real r = 1 := by unfold real; grind
  have hs : subtracts r = 1 := by unfold subtracts; grind
  have hu : r useImm = 0 := by have e := hg.imm_ops; grind
  obtain ⟨hL, hH, _, e0, e1⟩ := branch_core hg hl hi hreal hs z10 hu
  have heq := eq_of_sub hL hH e0 e1
  have hc1 : r cHi = 0 := by have e := hg.c_hi; rw [hreal] at e; grind
  refine ⟨?_, hc1⟩
  have ez : (1 - r cLo) * (r L + r H) = 0 := by
    have e := hg.eq_zero; simp only [eqBit] at e; grind
  have ei : 1 - r cLo = 1 - (r L + r H) * r inv := by
    have e := hg.eq_inv; simp only [eqBit] at e; grind
  simp only [BranchCond.holds]
  by_cases hab : aWord r = bWord r
  · have h0 := heq.mp hab
    have l0 : r L = 0 := eq_zero_of_val (by omega)
    have h0' : r H = 0 := eq_zero_of_val (by omega)
    rw [if_neg (by simp [hab])]
    grind
  · rw [if_pos (by simp [hab])]
    have hz := sum_ne_zero hL hH (fun h0 => hab (heq.mpr h0))
    rcases Zkvm.Field.eq_zero_or_eq_zero_of_mul_eq_zero ez with h | h
    · grind
    · exact absurd h hz

/-- BLT and BGE share the signed comparison: c_lo is `n` or `1 − n` with `n = [a <s b]`. -/
theorem signed_branch (hg : Groups r) (hl : Lookups r) (hi : Inputs r) (hreal : real r = 1)
    (hs : subtracts r = 1) (hsig : signed r = 1) (hj : r fJalr = 0) (hu : r useImm = 0) :
    signedLess r = (if (aWord r).slt (bWord r) then 1 else 0) := by
  obtain ⟨hL, hH, c2, e0, e1⟩ := branch_core hg hl hi hreal hs hj hu
  obtain ⟨sa', sy'⟩ := signs hg hl hi hsig (fun h => absurd (h.symm.trans hu) (by decide))
  rw [yWord_of_useImm hu] at sy'
  obtain ⟨hlt, b0, b1⟩ := slt_of_sub hL hH c2 e0 e1 sa' (val_le_one hg.bool_sa) sy'
    (val_le_one hg.bool_sy)
  have hn : (r k2).val + (r sa).val - (r sy).val + (r sy).val = (r k2).val + (r sa).val := by
    omega
  rw [← natCast_bit (n := (r k2).val + (r sa).val - (r sy).val) (by omega) (by rw [hlt]; omega)]
  have e' := congrArg (fun n : Nat => (n : BabyBear)) hn
  simp only [Felt.natCast_add, Felt.natCast_val] at e'
  simp only [signedLess]
  grind

/-- **BLT**. -/
theorem blt_sound (hg : Groups r) (hl : Lookups r) (hi : Inputs r) (hop : r fBlt = 1) :
    r cLo = (if BranchCond.lt.holds (aWord r) (bWord r) then 1 else 0) ∧ r cHi = 0 := by
  obtain ⟨z0, z1, z2, z3, z4, z5, z7, z8, z9, z10⟩ := only_blt hg hop
  have hreal : real r = 1 := by unfold real; grind
  have hs : subtracts r = 1 := by unfold subtracts; grind
  have hsig : signed r = 1 := by unfold signed; grind
  have hu : r useImm = 0 := by have e := hg.imm_ops; grind
  have hlt := signed_branch hg hl hi hreal hs hsig z10 hu
  have hc1 : r cHi = 0 := by have e := hg.c_hi; rw [hreal] at e; grind
  refine ⟨?_, hc1⟩
  have e := hg.c_lo
  simp only [resultOps, expectedLo] at e
  simp only [BranchCond.holds]
  rw [← hlt]
  grind

/-- **BGE**. -/
theorem bge_sound (hg : Groups r) (hl : Lookups r) (hi : Inputs r) (hop : r fBge = 1) :
    r cLo = (if BranchCond.ge.holds (aWord r) (bWord r) then 1 else 0) ∧ r cHi = 0 := by
  obtain ⟨z0, z1, z2, z3, z4, z5, z6, z8, z9, z10⟩ := only_bge hg hop
  have hreal : real r = 1 := by unfold real; grind
  have hs : subtracts r = 1 := by unfold subtracts; grind
  have hsig : signed r = 1 := by unfold signed; grind
  have hu : r useImm = 0 := by have e := hg.imm_ops; grind
  have hlt := signed_branch hg hl hi hreal hs hsig z10 hu
  have hc1 : r cHi = 0 := by have e := hg.c_hi; rw [hreal] at e; grind
  refine ⟨?_, hc1⟩
  have e := hg.c_lo
  simp only [resultOps, expectedLo] at e
  simp only [BranchCond.holds]
  rw [← one_sub_bit, ← hlt]
  grind

/-- **BLTU**. -/
theorem bltu_sound (hg : Groups r) (hl : Lookups r) (hi : Inputs r) (hop : r fBltu = 1) :
    r cLo = (if BranchCond.ltu.holds (aWord r) (bWord r) then 1 else 0) ∧ r cHi = 0 := by
  obtain ⟨z0, z1, z2, z3, z4, z5, z6, z7, z9, z10⟩ := only_bltu hg hop
  have hreal : real r = 1 := by unfold real; grind
  have hs : subtracts r = 1 := by unfold subtracts; grind
  have hu : r useImm = 0 := by have e := hg.imm_ops; grind
  obtain ⟨hL, hH, c2, e0, e1⟩ := branch_core hg hl hi hreal hs z10 hu
  have hc1 : r cHi = 0 := by have e := hg.c_hi; rw [hreal] at e; grind
  refine ⟨?_, hc1⟩
  have e := hg.c_lo
  simp only [resultOps, expectedLo] at e
  simp only [BranchCond.holds]
  rw [← natCast_bit c2 (ult_of_sub hL hH c2 e0 e1), Felt.natCast_val]
  grind

/-- **BGEU**. -/
theorem bgeu_sound (hg : Groups r) (hl : Lookups r) (hi : Inputs r) (hop : r fBgeu = 1) :
    r cLo = (if BranchCond.geu.holds (aWord r) (bWord r) then 1 else 0) ∧ r cHi = 0 := by
  obtain ⟨z0, z1, z2, z3, z4, z5, z6, z7, z8, z10⟩ := only_bgeu hg hop
  have hreal : real r = 1 := by unfold real; grind
  have hs : subtracts r = 1 := by unfold subtracts; grind
  have hu : r useImm = 0 := by have e := hg.imm_ops; grind
  obtain ⟨hL, hH, c2, e0, e1⟩ := branch_core hg hl hi hreal hs z10 hu
  have hc1 : r cHi = 0 := by have e := hg.c_hi; rw [hreal] at e; grind
  refine ⟨?_, hc1⟩
  have e := hg.c_lo
  simp only [resultOps, expectedLo] at e
  simp only [BranchCond.holds]
  rw [← one_sub_bit, ← natCast_bit c2 (ult_of_sub hL hH c2 e0 e1), Felt.natCast_val]
  grind

/-- **Branches**: on the row of branch `cond`, c_lo is 1 exactly when the semantics takes the
branch on a and b, else 0, and c_hi is 0. -/
theorem branch_sound (cond : BranchCond) (hg : Groups r) (hl : Lookups r) (hi : Inputs r)
    (hop : r (branchFlag cond) = 1) :
    r cLo = (if cond.holds (aWord r) (bWord r) then 1 else 0) ∧ r cHi = 0 := by
  cases cond
  · exact beq_sound hg hl hi hop
  · exact bne_sound hg hl hi hop
  · exact blt_sound hg hl hi hop
  · exact bge_sound hg hl hi hop
  · exact bltu_sound hg hl hi hop
  · exact bgeu_sound hg hl hi hop

end Zkvm.Air.V2.Alu
