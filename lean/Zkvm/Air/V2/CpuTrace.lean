module

public import Zkvm.Air.V2.CpuBasic

/-!
# The CPU table over a whole segment: clk, the real prefix, halt, the chain of pcs

For a trace of the CPU table satisfying its constraints at every row (`Trace.Satisfies`, with
the selectors of `Trace.window`) and the segment's public values `pub`:
* the first row is real and starts at (PC0, CLK0) (`first_row`);
* clk advances by 1 from row to row (`clk_succ`), so row i has clk CLK0 + i (`clk_eq`);
* the real rows are a prefix (`real_of_le`, `padding_of_le`) and padding rows have no flags
  (`padding_no_flags`, CpuBasic);
* the next real row runs at the row's next pc (`pc_chain`);
* in the last segment (FINAL = 1) halt marks exactly the last real row (`halt_iff_last_real`);
  in the others halt is 0 (`halt_zero_of_not_final`) and the last real row continues at the
  next segment's start: next_pc = PC_END, clk + 1 = CLK_END (`segment_end`).
-/

@[expose] public section

noncomputable section

namespace Zkvm.Air.V2.Cpu

open Zkvm.Field Zkvm.RiscV Zkvm.Air.Table Col

variable {t : Trace BabyBear} {pub : Nat → BabyBear}

/-- The groups at every row of a satisfying trace. -/
theorem groups_at (hs : t.Satisfies constraintFn pub) {i : Nat} (hi : i < t.height) :
    Groups (t.window pub i) :=
  (groups_iff _).mpr (hs i hi)

theorem window_cur (i : Nat) : (t.window pub i).cur = t.row i := rfl

theorem window_pub (i : Nat) : (t.window pub i).pub = pub := rfl

theorem window_next {i : Nat} (h : i + 1 < t.height) : (t.window pub i).next = t.row (i + 1) := by
  simp only [Trace.window, Nat.mod_eq_of_lt h]

theorem window_transition {i : Nat} (h : i + 1 < t.height) : (t.window pub i).isTransition = 1 := by
  simp only [Trace.window, show i + 1 ≠ t.height by omega, if_false]

theorem window_last_transition {i : Nat} (h : i + 1 = t.height) :
    (t.window pub i).isTransition = 0 := by
  simp only [Trace.window, h, if_true]

theorem window_last {i : Nat} (h : i + 1 = t.height) : (t.window pub i).isLast = 1 := by
  simp only [Trace.window, h, if_true]

theorem window_first : (t.window pub 0).isFirst = 1 := by
  simp only [Trace.window, if_true]

/-- The first row is real, at the segment's start. -/
theorem first_row (hs : t.Satisfies constraintFn pub) (h0 : 0 < t.height) :
    t.row 0 isReal = 1 ∧ t.row 0 pc = pub Pv.pc0 ∧ t.row 0 clk = pub Pv.clk0 := by
  have hg := groups_at hs h0
  have e₁ := hg.first_real
  have e₂ := hg.first_pc
  have e₃ := hg.first_clk
  simp only [Trace.window, if_true] at e₁ e₂ e₃
  refine ⟨?_, ?_, ?_⟩ <;> exact eq_of_sub_eq_zero (by grind)

/-- clk advances by 1. -/
theorem clk_succ (hs : t.Satisfies constraintFn pub) {i : Nat} (h : i + 1 < t.height) :
    t.row (i + 1) clk = t.row i clk + 1 := by
  have e := (groups_at hs (i := i) (by omega)).clk_step
  rw [window_transition h, window_next h, window_cur] at e
  grind

/-- Row i runs at clk CLK0 + i. -/
theorem clk_eq (hs : t.Satisfies constraintFn pub) :
    ∀ i, i < t.height → t.row i clk = pub Pv.clk0 + ((i : Nat) : BabyBear) := by
  intro i
  induction i with
  | zero =>
    intro h
    rw [(first_row hs h).2.2]
    simp only [Felt.natCast_zero]
    grind
  | succ n ih =>
    intro h
    rw [clk_succ hs h, ih (by omega), Felt.natCast_add, Felt.natCast_one]
    grind

/-- A real row's predecessor is real. -/
theorem real_of_real_succ (hs : t.Satisfies constraintFn pub) {i : Nat} (h : i + 1 < t.height)
    (hr : t.row (i + 1) isReal = 1) : t.row i isReal = 1 := by
  have e := (groups_at hs (i := i) (by omega)).real_prefix
  rw [window_transition h, window_next h, window_cur, hr] at e
  exact (eq_of_sub_eq_zero (by grind)).symm

/-- **The real rows are a prefix**: every row before a real row is real. -/
theorem real_of_le (hs : t.Satisfies constraintFn pub) {i j : Nat} (hij : i ≤ j)
    (hj : j < t.height) (hr : t.row j isReal = 1) : t.row i isReal = 1 := by
  induction j with
  | zero =>
    have : i = 0 := by omega
    subst this; exact hr
  | succ n ih =>
    by_cases e : i = n + 1
    · subst e; exact hr
    · exact ih (by omega) (by omega) (real_of_real_succ hs hj hr)

/-- Every row after a padding row is padding. -/
theorem padding_of_le (hs : t.Satisfies constraintFn pub) {i j : Nat} (hij : i ≤ j)
    (hj : j < t.height) (hp : t.row i isReal = 0) : t.row j isReal = 0 := by
  rcases real_cases (groups_at hs hj) with h | h
  · exact h
  · have := real_of_le hs hij hj h
    rw [hp] at this
    exact absurd this (by decide)

/-- **The chain of pcs**: the next real row runs at the row's next pc. -/
theorem pc_chain (hs : t.Satisfies constraintFn pub) {i : Nat} (h : i + 1 < t.height)
    (hr : t.row (i + 1) isReal = 1) : t.row (i + 1) pc = t.row i nextPc := by
  have e := (groups_at hs (i := i) (by omega)).pc_jump
  rw [window_transition h, window_next h, window_cur, hr] at e
  exact eq_of_sub_eq_zero (by grind)

/-- In the last segment, halt = is_real − is_real' on transitions. -/
theorem halt_step_final (hs : t.Satisfies constraintFn pub) (hf : pub Pv.final = 1) {i : Nat}
    (h : i + 1 < t.height) : t.row i halt = t.row i isReal - t.row (i + 1) isReal := by
  have e := (groups_at hs (i := i) (by omega)).halt_step
  simp only [endStep] at e
  rw [window_transition h, window_next h, window_cur, window_pub, hf] at e
  exact eq_of_sub_eq_zero (by grind)

/-- In the last segment, halt = is_real on the last row. -/
theorem halt_last_final (hs : t.Satisfies constraintFn pub) (hf : pub Pv.final = 1) {i : Nat}
    (h : i + 1 = t.height) : t.row i halt = t.row i isReal := by
  have e := (groups_at hs (i := i) (by omega)).halt_last
  rw [window_last h, window_cur, window_pub, hf] at e
  exact eq_of_sub_eq_zero (by grind)

/-- The last real row: real, and the table's last row or followed by padding. -/
def LastReal (t : Trace BabyBear) (i : Nat) : Prop :=
  t.row i isReal = 1 ∧ (i + 1 = t.height ∨ t.row (i + 1) isReal = 0)

/-- **Halt in the last segment** (FINAL = 1): halt is set exactly on the last real row. -/
theorem halt_iff_last_real (hs : t.Satisfies constraintFn pub) (hf : pub Pv.final = 1) {i : Nat}
    (hi : i < t.height) : t.row i halt = 1 ↔ LastReal t i := by
  have hr := real_cases (groups_at hs hi)
  rw [window_cur] at hr
  by_cases hl : i + 1 = t.height
  · rw [halt_last_final hs hf hl]
    constructor
    · intro h; exact ⟨h, Or.inl hl⟩
    · intro h; exact h.1
  · have h' : i + 1 < t.height := by omega
    have hr' := real_cases (groups_at hs h')
    rw [window_cur] at hr'
    rw [halt_step_final hs hf h']
    unfold LastReal
    rcases hr with a | a <;> rcases hr' with b | b <;> rw [a, b] <;> simp only [hl, false_or] <;>
      decide

/-- Outside the last segment (FINAL = 0) halt is 0 on every row: no HALT, no EXIT. -/
theorem halt_zero_of_not_final (hs : t.Satisfies constraintFn pub) (hf : pub Pv.final = 0)
    {i : Nat} (hi : i < t.height) : t.row i halt = 0 := by
  by_cases hl : i + 1 = t.height
  · have e := (groups_at hs hi).halt_last
    rw [window_last hl, window_cur, window_pub, hf] at e
    grind
  · have e := (groups_at hs hi).halt_step
    rw [window_transition (by omega), window_cur, window_pub, hf] at e
    grind

/-- **Segment end** (FINAL = 0): the last real row continues at the next segment's start. -/
theorem segment_end (hs : t.Satisfies constraintFn pub) (hf : pub Pv.final = 0) {i : Nat}
    (hi : i < t.height) (hl : LastReal t i) :
    t.row i nextPc = pub Pv.pcEnd ∧ t.row i clk + 1 = pub Pv.clkEnd := by
  have hg := groups_at hs hi
  obtain ⟨hr, hl⟩ := hl
  by_cases hlast : i + 1 = t.height
  · have e₁ := hg.end_pc_last
    have e₂ := hg.end_clk_last
    simp only [notFinal, pcEndExpr, clkEndExpr] at e₁ e₂
    rw [window_last hlast, window_cur, window_pub, hf, hr] at e₁ e₂
    exact ⟨eq_of_sub_eq_zero (by grind), eq_of_sub_eq_zero (by grind)⟩
  · have h' : i + 1 < t.height := by omega
    have hn : t.row (i + 1) isReal = 0 := by
      rcases hl with hl | hl
      · exact absurd hl hlast
      · exact hl
    have e₁ := hg.end_pc
    have e₂ := hg.end_clk
    simp only [notFinal, pcEndExpr, clkEndExpr, endStep] at e₁ e₂
    rw [window_transition h', window_next h', window_cur, window_pub, hf, hr, hn] at e₁ e₂
    exact ⟨eq_of_sub_eq_zero (by grind), eq_of_sub_eq_zero (by grind)⟩

end Zkvm.Air.V2.Cpu

end
