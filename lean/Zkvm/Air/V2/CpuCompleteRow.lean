module

public import Zkvm.Air.V2.CpuBuilder
public import Zkvm.Air.Felt

/-!
# The CPU table: the builder's rows satisfy the row's own groups

The groups of `Groups` that read one row only (`RowGroups`: booleans, padding flags, next pc,
rd = k, the port gaps); `groups_of_row` puts them together with the groups that read the
window (first row, transitions, last row, segment end) into `Groups`.

`Step.Ok`: what the builder's inputs satisfy for one instruction row, as `build_segment` makes
them (run.rs): the PROG flags are those of one kind of instruction, and the next pc follows
it (pc + 4; a branch's target when c_lo = 1, pc + 4 when c_lo = 0; JAL's target; JALR any,
the ALU's); c = k when f_k; the ports' previous timestamps are earlier than the ports'
timestamps (`Builder::access` refuses any other), and the rd port has an access exactly when
f_wr. Then `Step.rowGroups`: the row satisfies `RowGroups`; `padding_rowGroups`: so does a
padding row.
-/

@[expose] public section

noncomputable section

namespace Zkvm.Air.V2.Cpu

open Zkvm.Field Zkvm.RiscV Zkvm.Air.Table Col

/-- The groups that read the local row only. -/
structure RowGroups (r : Row BabyBear) : Prop where
  bool_real : boolean (r isReal) = 0
  bool_halt : boolean (r halt) = 0
  bool_flags : ∀ c ∈ flags, boolean (r c) = 0
  pad_flags : ∀ c ∈ flags, (1 - r isReal) * r c = 0
  next_pc : nextPcExpr r = 0
  rd_k_lo : r fK * (r cLo - r kLo) = 0
  rd_k_hi : r fK * (r cHi - r kHi) = 0
  gap_rs1 : r isReal * gap r g1Lo g1Hi 1 t1 = 0
  gap_rs2 : r isReal * gap r g2Lo g2Hi 2 t2 = 0
  gap_rd : r fWr * gap r g3Lo g3Hi 3 t3 = 0

/-- The row's groups and the window's make the table's groups. -/
theorem groups_of_row {w : Window BabyBear} (h : RowGroups w.cur)
    (first_real : w.isFirst * (w.cur isReal - 1) = 0)
    (first_pc : w.isFirst * (w.cur pc - w.pub Pv.pc0) = 0)
    (first_clk : w.isFirst * (w.cur clk - w.pub Pv.clk0) = 0)
    (clk_step : w.isTransition * (w.next clk - w.cur clk - 1) = 0)
    (real_prefix : w.isTransition * (w.next isReal * (1 - w.cur isReal)) = 0)
    (pc_jump : w.isTransition * (w.next isReal * (w.next pc - w.cur nextPc)) = 0)
    (halt_step : w.isTransition * (w.cur halt - w.pub Pv.final * endStep w) = 0)
    (halt_last : w.isLast * (w.cur halt - w.pub Pv.final * w.cur isReal) = 0)
    (end_pc : w.isTransition * (notFinal w * endStep w * pcEndExpr w) = 0)
    (end_clk : w.isTransition * (notFinal w * endStep w * clkEndExpr w) = 0)
    (end_pc_last : w.isLast * (notFinal w * w.cur isReal * pcEndExpr w) = 0)
    (end_clk_last : w.isLast * (notFinal w * w.cur isReal * clkEndExpr w) = 0) : Groups w :=
  { bool_real := h.bool_real, bool_halt := h.bool_halt, bool_flags := h.bool_flags,
    pad_flags := h.pad_flags, first_real, first_pc, first_clk, clk_step, real_prefix, pc_jump,
    halt_step, halt_last, next_pc := h.next_pc, rd_k_lo := h.rd_k_lo, rd_k_hi := h.rd_k_hi,
    end_pc, end_clk, end_pc_last, end_clk_last, gap_rs1 := h.gap_rs1, gap_rs2 := h.gap_rs2,
    gap_rd := h.gap_rd }

theorem boolean_natCast {n : Nat} (h : n < 2) : boolean ((n : Nat) : BabyBear) = 0 := by
  have : n = 0 ∨ n = 1 := by omega
  rcases this with rfl | rfl
  · exact mul_sub_one_eq_zero_of_bool (Or.inl rfl)
  · exact mul_sub_one_eq_zero_of_bool (Or.inr rfl)

theorem cast_of_eq_zero {n : Nat} (h : n = 0) : ((n : Nat) : BabyBear) = 0 := by rw [h]; rfl
theorem cast_of_eq_one {n : Nat} (h : n = 1) : ((n : Nat) : BabyBear) = 1 := by rw [h]; rfl

/-- A port's gap cells hold ts − prev − 1 when prev < ts. -/
theorem gap_cells (x : Access) {ts : Nat} (h : x.prevTs < ts) :
    ((x.gapLo ts : Nat) : BabyBear) + 65536 * ((x.gapHi ts : Nat) : BabyBear) + (x.prevTs : BabyBear) +
      1 = ((ts : Nat) : BabyBear) := by
  have hn : x.gapLo ts + 65536 * x.gapHi ts + x.prevTs + 1 = ts := by
    simp only [Access.gapLo, Access.gapHi, Access.gap]; omega
  have hc := congrArg (fun n : Nat => (n : BabyBear)) hn
  simp only [Felt.natCast_add, Felt.natCast_mul, Felt.natCast_ofNat] at hc
  exact hc

namespace Step

variable (q : Step)

/-- The next pc of one kind of instruction, on the PROG flag bits (f_br = bit 1, f_jal = bit 2,
f_jalr = bit 3). -/
def NextPcRule : Prop :=
  (q.bit 3 = 0 ∧ q.bit 1 = 0 ∧ q.bit 2 = 0 ∧ q.nextPc = q.pc + 4) ∨
  (q.bit 3 = 0 ∧ q.bit 1 = 1 ∧ q.bit 2 = 0 ∧
    ((q.c.lo = 1 ∧ q.nextPc = q.target) ∨ (q.c.lo = 0 ∧ q.nextPc = q.pc + 4))) ∨
  (q.bit 3 = 0 ∧ q.bit 1 = 0 ∧ q.bit 2 = 1 ∧ q.nextPc = q.target) ∨
  (q.bit 3 = 1 ∧ q.bit 1 = 0 ∧ q.bit 2 = 0)

/-- What the builder's inputs satisfy for one instruction row. -/
structure Ok : Prop where
  next_pc : q.NextPcRule
  k_rule : q.bit 4 = 1 → q.c = q.k
  prev1 : q.acc1.prevTs < q.ts1
  prev2 : q.acc2.prevTs < q.ts2
  rd_acc : q.bit 0 = 1 → ∃ x, q.acc3 = some x ∧ x.prevTs < q.ts3

theorem bit_lt (i : Nat) : q.bit i < 2 := Nat.mod_lt _ (by decide)

theorem ts_cast₁ : ((q.ts1 : Nat) : BabyBear) = 4 * (q.clk : BabyBear) + 1 := by
  simp only [ts1]; push_natCast
theorem ts_cast₂ : ((q.ts2 : Nat) : BabyBear) = 4 * (q.clk : BabyBear) + 2 := by
  simp only [ts2]; push_natCast
theorem ts_cast₃ : ((q.ts3 : Nat) : BabyBear) = 4 * (q.clk : BabyBear) + 3 := by
  simp only [ts3]; push_natCast

variable {q}

theorem nextPc_row (h : q.NextPcRule) : nextPcExpr q.row = 0 := by
  simp only [nextPcExpr, pcPlus4, row_fJalr, row_fBr, row_fJal, row_cLo, row_nextPc, row_pc,
    row_target]
  rcases h with ⟨h3, h1, h2, hn⟩ | ⟨h3, h1, h2, ⟨hc, hn⟩ | ⟨hc, hn⟩⟩ | ⟨h3, h1, h2, hn⟩ |
      ⟨h3, h1, h2⟩
  · rw [cast_of_eq_zero h3, cast_of_eq_zero h1, cast_of_eq_zero h2, hn]
    push_natCast; grind
  · rw [cast_of_eq_zero h3, cast_of_eq_one h1, cast_of_eq_zero h2, cast_of_eq_one hc, hn]
    grind
  · rw [cast_of_eq_zero h3, cast_of_eq_one h1, cast_of_eq_zero h2, cast_of_eq_zero hc, hn]
    push_natCast; grind
  · rw [cast_of_eq_zero h3, cast_of_eq_zero h1, cast_of_eq_one h2, hn]
    grind
  · rw [cast_of_eq_one h3, cast_of_eq_zero h1, cast_of_eq_zero h2]
    grind

/-- **An instruction row satisfies the row's groups.** -/
theorem rowGroups (h : q.Ok) : RowGroups q.row where
  bool_real := by rw [row_isReal]; exact mul_sub_one_eq_zero_of_bool (Or.inr rfl)
  bool_halt := by
    rw [row_halt]
    cases q.halt
    · exact mul_sub_one_eq_zero_of_bool (Or.inl rfl)
    · exact mul_sub_one_eq_zero_of_bool (Or.inr rfl)
  bool_flags := by
    intro c hc
    simp only [Zkvm.Air.V2.Cpu.flags, List.mem_cons, List.not_mem_nil, or_false] at hc
    rcases hc with rfl | rfl | rfl | rfl | rfl | rfl <;> exact boolean_natCast (q.bit_lt _)
  pad_flags := by
    intro c _
    rw [row_isReal]
    grind
  next_pc := nextPc_row h.next_pc
  rd_k_lo := by
    rw [row_fK, row_cLo, row_kLo]
    rcases Nat.lt_or_ge (q.bit 4) 1 with h4 | h4
    · rw [cast_of_eq_zero (by omega)]; grind
    · rw [h.k_rule (by have := q.bit_lt 4; omega)]; grind
  rd_k_hi := by
    rw [row_fK, row_cHi, row_kHi]
    rcases Nat.lt_or_ge (q.bit 4) 1 with h4 | h4
    · rw [cast_of_eq_zero (by omega)]; grind
    · rw [h.k_rule (by have := q.bit_lt 4; omega)]; grind
  gap_rs1 := by
    simp only [gap, timestamp, row_isReal, row_g1Lo, row_g1Hi, row_clk, row_t1]
    have := gap_cells q.acc1 h.prev1
    rw [ts_cast₁] at this
    grind
  gap_rs2 := by
    simp only [gap, timestamp, row_isReal, row_g2Lo, row_g2Hi, row_clk, row_t2]
    have := gap_cells q.acc2 h.prev2
    rw [ts_cast₂] at this
    grind
  gap_rd := by
    simp only [gap, timestamp, row_fWr, row_g3Lo, row_g3Hi, row_clk, row_t3]
    rcases Nat.lt_or_ge (q.bit 0) 1 with h0 | h0
    · rw [cast_of_eq_zero (by omega)]; grind
    · obtain ⟨x, hx, hlt⟩ := h.rd_acc (by have := q.bit_lt 0; omega)
      have := gap_cells x hlt
      rw [ts_cast₃] at this
      simp only [Step.t3, Step.g3Lo, Step.g3Hi, hx]
      grind

end Step

/-- **A padding row satisfies the row's groups.** -/
theorem padding_rowGroups (c : Nat) : RowGroups (paddingRow c) where
  bool_real := by show boolean (0 : BabyBear) = 0; exact mul_sub_one_eq_zero_of_bool (Or.inl rfl)
  bool_halt := by show boolean (0 : BabyBear) = 0; exact mul_sub_one_eq_zero_of_bool (Or.inl rfl)
  bool_flags := by
    intro f hf
    simp only [flags, List.mem_cons, List.not_mem_nil, or_false] at hf
    rcases hf with rfl | rfl | rfl | rfl | rfl | rfl <;>
      exact mul_sub_one_eq_zero_of_bool (Or.inl rfl)
  pad_flags := by
    intro f hf
    simp only [flags, List.mem_cons, List.not_mem_nil, or_false] at hf
    rcases hf with rfl | rfl | rfl | rfl | rfl | rfl <;> show (1 - 0) * (0 : BabyBear) = 0 <;> grind
  next_pc := by
    show (1 - 0) * ((4 : BabyBear) - (0 + 4)) - 0 * 0 * (0 - (0 + 4)) - 0 * (0 - (0 + 4)) = 0
    grind
  rd_k_lo := by show (0 : BabyBear) * (0 - 0) = 0; grind
  rd_k_hi := by show (0 : BabyBear) * (0 - 0) = 0; grind
  gap_rs1 := by show (0 : BabyBear) * _ = 0; grind
  gap_rs2 := by show (0 : BabyBear) * _ = 0; grind
  gap_rd := by show (0 : BabyBear) * _ = 0; grind

end Zkvm.Air.V2.Cpu

end
