module

public import Zkvm.Air.V2.CpuTrace

/-!
# The CPU table across segments: one chain of pcs and clks

A segment's CPU trace has a last real row (`exists_lastReal`: row 0 is real). When the
statement's check joins segment s to segment s + 1 (docs/air.md §8.1: segment s's PC_END and
CLK_END are segment s + 1's PC0 and CLK0, and segment s is not the last, FINAL = 0), the last
real row of segment s continues at the first row of segment s + 1: its next pc is that row's pc
and its clk + 1 that row's clk (`segments_chain`). With `pc_chain` and `clk_succ` inside each
segment, the real rows of all segments form one chain of pcs and clks.
-/

@[expose] public section

noncomputable section

namespace Zkvm.Air.V2.Cpu

open Zkvm.Field Zkvm.RiscV Zkvm.Air.Table Col

variable {t : Trace BabyBear} {pub : Nat → BabyBear}

theorem exists_lastReal_from (hs : t.Satisfies constraintFn pub) :
    ∀ k n, n + k + 1 = t.height → t.row n isReal = 1 → ∃ i, i < t.height ∧ LastReal t i := by
  intro k
  induction k with
  | zero =>
    intro n hn hr
    exact ⟨n, by omega, hr, Or.inl (by omega)⟩
  | succ k ih =>
    intro n hn hr
    have h' : n + 1 < t.height := by omega
    rcases real_cases (groups_at hs h') with h | h
    · exact ⟨n, by omega, hr, Or.inr h⟩
    · exact ih (n + 1) (by omega) h

/-- A segment's trace has a last real row. -/
theorem exists_lastReal (hs : t.Satisfies constraintFn pub) (h0 : 0 < t.height) :
    ∃ i, i < t.height ∧ LastReal t i :=
  exists_lastReal_from hs (t.height - 1) 0 (by omega) (first_row hs h0).1

/-- **Joined segments**: if segment s (not the last) ends where segment s + 1 starts, its last
real row continues at segment s + 1's first row. -/
theorem segments_chain {t' : Trace BabyBear} {pub' : Nat → BabyBear}
    (hs : t.Satisfies constraintFn pub) (hs' : t'.Satisfies constraintFn pub')
    (h0 : 0 < t.height) (h0' : 0 < t'.height) (hf : pub Pv.final = 0)
    (hpc : pub Pv.pcEnd = pub' Pv.pc0) (hclk : pub Pv.clkEnd = pub' Pv.clk0) :
    ∃ i, i < t.height ∧ LastReal t i ∧ t.row i nextPc = t'.row 0 pc ∧
      t.row i clk + 1 = t'.row 0 clk := by
  obtain ⟨i, hi, hl⟩ := exists_lastReal hs h0
  obtain ⟨e₁, e₂⟩ := segment_end hs hf hi hl
  obtain ⟨_, f₂, f₃⟩ := first_row hs' h0'
  exact ⟨i, hi, hl, by rw [e₁, hpc, f₂], by rw [e₂, hclk, f₃]⟩

end Zkvm.Air.V2.Cpu

end
