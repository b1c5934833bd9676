module

public import Zkvm.Air.V2.CpuSpec
public import Zkvm.Air.Felt

/-!
# The CPU table: what one row's groups say, over BabyBear

From the groups of one window (`Groups`, CpuSpec), read row by row:
* flags, is_real and halt are 0 or 1 (`flag_cases`), a padding row has no flags
  (`padding_no_flags`);
* the next pc by kind of instruction: pc + 4 without jump flags (`nextPc_seq`), the target for
  a taken branch (`nextPc_branch_taken`) or JAL (`nextPc_jal`), pc + 4 for a branch not taken
  (`nextPc_branch_not_taken`); JALR's is not constrained here (the ALU's EXEC guarantee);
* f_k puts the program's constant in rd (`cWord_of_fK`);
* the port gaps: with the U16 lookups of g_lo and 8 g_hi and timestamps at most 2^29, a port's
  previous timestamp is earlier than its timestamp (`prev_lt_of_gap`; per port
  `rs1_prev_lt`, `rs2_prev_lt`, `rd_prev_lt`): the memory argument's hypothesis "previous
  timestamps are earlier" (docs/air.md §2, §12.1).
-/

@[expose] public section

noncomputable section

namespace Zkvm.Air.V2.Cpu

open Zkvm.Field Zkvm.RiscV Zkvm.Air.Table Col

theorem bool_cases {x : BabyBear} (h : boolean x = 0) : x = 0 ∨ x = 1 :=
  eq_zero_or_one_of_mul_sub_one h

/-- The value of a cast below `p`. -/
theorem val_cast {n : Nat} (h : n < 2013265921) : ((n : Nat) : BabyBear).val = n := by
  rw [BabyBear.val_natCast, P_eq, Nat.mod_eq_of_lt h]

/-- `x + n` has the value `x.val + n` when that is below `p`. -/
theorem val_add_nat {x : BabyBear} {n : Nat} (h : x.val + n < 2013265921) :
    (x + (n : BabyBear)).val = x.val + n := by
  have e : x + (n : BabyBear) = ((x.val + n : Nat) : BabyBear) := by
    push_natCast
  rw [e, val_cast h]

section Row

variable {w : Window BabyBear}

theorem real_cases (hg : Groups w) : w.cur isReal = 0 ∨ w.cur isReal = 1 := bool_cases hg.bool_real

theorem halt_cases (hg : Groups w) : w.cur halt = 0 ∨ w.cur halt = 1 := bool_cases hg.bool_halt

theorem flag_cases (hg : Groups w) {c : Nat} (hc : c ∈ flags) : w.cur c = 0 ∨ w.cur c = 1 :=
  bool_cases (hg.bool_flags c hc)

/-- A padding row has no flags: it sends no PROG, register write, EXEC. -/
theorem padding_no_flags (hg : Groups w) (h : w.cur isReal = 0) :
    ∀ c ∈ flags, w.cur c = 0 := by
  intro c hc
  have e := hg.pad_flags c hc
  rw [h] at e
  grind

/-- Neither a jump nor a branch: the next pc is pc + 4. -/
theorem nextPc_seq (hg : Groups w) (hjalr : w.cur fJalr = 0) (hbr : w.cur fBr = 0)
    (hjal : w.cur fJal = 0) : w.cur nextPc = w.cur pc + 4 := by
  have e := hg.next_pc
  simp only [nextPcExpr, pcPlus4, hjalr, hbr, hjal] at e
  grind

/-- A taken branch (the ALU's c_lo = 1) goes to the target. -/
theorem nextPc_branch_taken (hg : Groups w) (hjalr : w.cur fJalr = 0) (hbr : w.cur fBr = 1)
    (hjal : w.cur fJal = 0) (hc : w.cur cLo = 1) : w.cur nextPc = w.cur target := by
  have e := hg.next_pc
  simp only [nextPcExpr, pcPlus4, hjalr, hbr, hjal, hc] at e
  grind

/-- A branch not taken (c_lo = 0) goes to pc + 4. -/
theorem nextPc_branch_not_taken (hg : Groups w) (hjalr : w.cur fJalr = 0)
    (hbr : w.cur fBr = 1) (hjal : w.cur fJal = 0) (hc : w.cur cLo = 0) :
    w.cur nextPc = w.cur pc + 4 := by
  have e := hg.next_pc
  simp only [nextPcExpr, pcPlus4, hjalr, hbr, hjal, hc] at e
  grind

/-- JAL goes to the target. -/
theorem nextPc_jal (hg : Groups w) (hjalr : w.cur fJalr = 0) (hbr : w.cur fBr = 0)
    (hjal : w.cur fJal = 1) : w.cur nextPc = w.cur target := by
  have e := hg.next_pc
  simp only [nextPcExpr, pcPlus4, hjalr, hbr, hjal] at e
  grind

/-- f_k: rd's new value c is the program's constant k. -/
theorem c_of_fK (hg : Groups w) (hk : w.cur fK = 1) :
    w.cur cLo = w.cur kLo ∧ w.cur cHi = w.cur kHi := by
  have e₁ := hg.rd_k_lo
  have e₂ := hg.rd_k_hi
  rw [hk] at e₁ e₂
  constructor
  · exact eq_of_sub_eq_zero (by grind)
  · exact eq_of_sub_eq_zero (by grind)

theorem cWord_of_fK (hg : Groups w) (hk : w.cur fK = 1) : cWord w.cur = kWord w.cur := by
  obtain ⟨h₁, h₂⟩ := c_of_fK hg hk
  simp only [cWord, kWord, h₁, h₂]

end Row

/-! ## Port gaps -/

/-- **Causality of a port**: if g_lo + 2^16 g_hi = ts − prev − 1 in the field, U16(g_lo) and
U16(8 g_hi) hold and both timestamps are at most 2^29, then prev < ts as numbers. -/
theorem prev_lt_of_gap {lo hi ts prev : BabyBear} (h : lo + 65536 * hi - (ts - prev - 1) = 0)
    (hlo : lo.val < 2 ^ 16) (hhi : (8 * hi).val < 2 ^ 16) (hts : ts.val ≤ 2 ^ 29)
    (hprev : prev.val ≤ 2 ^ 29) : prev.val < ts.val := by
  have hP : P = 2013265921 := P_eq
  have n : lo.val + 8192 * (8 * hi).val + prev.val + 1 = ts.val := by
    refine Felt.natCast_inj_of_lt (by omega) (by omega) ?_
    push_natCast
    have := eq_of_sub_eq_zero h
    grind
  omega

/-- 4 clk + k as a number, for clk < 2^27. -/
theorem val_timestamp {r : Row BabyBear} {k : Nat} (hclk : (r clk).val < 2 ^ 27) (hk : k ≤ 4) :
    (timestamp r (k : BabyBear)).val = 4 * (r clk).val + k := by
  have e : timestamp r (k : BabyBear) = ((4 * (r clk).val + k : Nat) : BabyBear) := by
    simp only [timestamp]; push_natCast
  rw [e, val_cast (by omega)]

section Ports

variable {w : Window BabyBear}

/-- The rs1 port (on every real row): its previous timestamp t1 is below 4 clk + 1. -/
theorem rs1_prev_lt (hg : Groups w) (hr : w.cur isReal = 1) (hlo : (w.cur g1Lo).val < 2 ^ 16)
    (hhi : (8 * w.cur g1Hi).val < 2 ^ 16) (hclk : (w.cur clk).val < 2 ^ 27)
    (ht : (w.cur t1).val ≤ 2 ^ 29) : (w.cur t1).val < 4 * (w.cur clk).val + 1 := by
  have e := hg.gap_rs1
  rw [hr, Lean.Grind.Semiring.one_mul] at e
  have hv := val_timestamp (r := w.cur) (k := 1) hclk (by omega)
  have := prev_lt_of_gap (ts := timestamp w.cur ((1 : Nat) : BabyBear)) e hlo hhi
    (by omega) ht
  omega

/-- The rs2 port (on every real row): t2 < 4 clk + 2. -/
theorem rs2_prev_lt (hg : Groups w) (hr : w.cur isReal = 1) (hlo : (w.cur g2Lo).val < 2 ^ 16)
    (hhi : (8 * w.cur g2Hi).val < 2 ^ 16) (hclk : (w.cur clk).val < 2 ^ 27)
    (ht : (w.cur t2).val ≤ 2 ^ 29) : (w.cur t2).val < 4 * (w.cur clk).val + 2 := by
  have e := hg.gap_rs2
  rw [hr, Lean.Grind.Semiring.one_mul] at e
  have hv := val_timestamp (r := w.cur) (k := 2) hclk (by omega)
  have := prev_lt_of_gap (ts := timestamp w.cur ((2 : Nat) : BabyBear)) e hlo hhi
    (by omega) ht
  omega

/-- The rd port (on rows that write rd): t3 < 4 clk + 3. -/
theorem rd_prev_lt (hg : Groups w) (hw : w.cur fWr = 1) (hlo : (w.cur g3Lo).val < 2 ^ 16)
    (hhi : (8 * w.cur g3Hi).val < 2 ^ 16) (hclk : (w.cur clk).val < 2 ^ 27)
    (ht : (w.cur t3).val ≤ 2 ^ 29) : (w.cur t3).val < 4 * (w.cur clk).val + 3 := by
  have e := hg.gap_rd
  rw [hw, Lean.Grind.Semiring.one_mul] at e
  have hv := val_timestamp (r := w.cur) (k := 3) hclk (by omega)
  have := prev_lt_of_gap (ts := timestamp w.cur ((3 : Nat) : BabyBear)) e hlo hhi
    (by omega) ht
  omega

end Ports

end Zkvm.Air.V2.Cpu

end
