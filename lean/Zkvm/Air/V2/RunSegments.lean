module

public import Zkvm.Air.V2.Run
public import Zkvm.Air.V2.CpuSegments

/-!
# The CPU rows of a run, from one segment or from joined segments

The run's induction (`Zkvm.Air.V2.Run.run_io`) walks through `CpuRows`: windows meeting
the CPU groups, row n at clk c0 + n, each next pc the next row's pc. They come from the tables:

* `cpuRows_of_trace`: the real rows of a CPU table satisfying its constraints (at clk CLK0 = c0
  from its first row on, `CpuTrace.clk_eq`; the chain of pcs, `CpuTrace.pc_chain`);
* `CpuRows.append`: two runs of rows where the second starts at the first's next clk and at its
  last row's next pc are one run of rows (`joinWins`);
* `segments_cpuRows`: a segment that is not the last, ending where the next one starts (its
  PC_END and CLK_END are the next segment's PC0 and CLK0, `CpuSegments.segments_chain`), and the
  real rows of the next segment, are one run of rows.

So the run theorem holds for joined segments as for one: the memory argument and the other
joins are over all segments' rows (the bus of the global messages spans the segments).
-/

@[expose] public section

noncomputable section

namespace Zkvm.Air.V2.Run

open Zkvm.Field Zkvm.Air.Table Zkvm.Air.V2.Cpu Zkvm.Air.V2.Cpu.Col

variable {t : Trace BabyBear} {pub : Nat → BabyBear}

/-- **The real rows of a satisfying CPU table**: rows 0 … R − 1 real, from clk CLK0 = c0. -/
theorem cpuRows_of_trace (hs : t.Satisfies constraintFn pub) {c0 R : Nat}
    (hclk0 : pub Pv.clk0 = ((c0 : Nat) : BabyBear)) (hR : R ≤ t.height)
    (hreal : ∀ n < R, t.row n isReal = 1) (hp : c0 + R ≤ 2 ^ 30) :
    CpuRows (t.window pub) c0 R where
  groups n hn := groups_at hs (by omega)
  clk n hn := by
    show (t.row n clk).val = c0 + n
    rw [clk_eq hs n (by omega), hclk0, ← Felt.natCast_add]
    exact Mem.val_cast (by omega)
  chain n hn := by
    show t.row (n + 1) pc = t.row n nextPc
    exact pc_chain hs (by omega) (hreal (n + 1) hn)

/-- Two runs of rows, one after the other. -/
def joinWins (w₁ : Nat → Window BabyBear) (N₁ : Nat) (w₂ : Nat → Window BabyBear) :
    Nat → Window BabyBear :=
  fun n => if n < N₁ then w₁ n else w₂ (n - N₁)

/-- **Runs of rows join**: the second starting at the first's next clk, at the first's last
row's next pc. -/
theorem CpuRows.append {w₁ w₂ : Nat → Window BabyBear} {c0 N₁ N₂ : Nat}
    (h₁ : CpuRows w₁ c0 N₁) (h₂ : CpuRows w₂ (c0 + N₁) N₂) (hN₁ : 0 < N₁)
    (hjoin : 0 < N₂ → (w₂ 0).cur pc = (w₁ (N₁ - 1)).cur nextPc) :
    CpuRows (joinWins w₁ N₁ w₂) c0 (N₁ + N₂) where
  groups n hn := by
    unfold joinWins
    split
    · exact h₁.groups n (by omega)
    · exact h₂.groups (n - N₁) (by omega)
  clk n hn := by
    unfold joinWins
    split
    · exact h₁.clk n (by omega)
    · rw [h₂.clk (n - N₁) (by omega)]; omega
  chain n hn := by
    unfold joinWins
    by_cases h1 : n + 1 < N₁
    · rw [if_pos h1, if_pos (by omega)]; exact h₁.chain n h1
    · by_cases h2 : n + 1 = N₁
      · rw [if_neg (by omega), if_pos (by omega), show n + 1 - N₁ = 0 by omega, hjoin (by omega),
          show N₁ - 1 = n by omega]
      · rw [if_neg (by omega), if_neg (by omega), show n + 1 - N₁ = n - N₁ + 1 by omega]
        exact h₂.chain (n - N₁) (by omega)

/-- **A segment and the next one**: a segment that is not the last (FINAL = 0), from clk c0 with
its last real row i, ending where the next segment starts (PC_END = PC0', CLK_END = CLK0'),
followed by the next segment's real rows 0 … R − 1, is one run of rows. -/
theorem segments_cpuRows {t' : Trace BabyBear} {pub' : Nat → BabyBear}
    (hs : t.Satisfies constraintFn pub) (hs' : t'.Satisfies constraintFn pub')
    (hf : pub Pv.final = 0) (hpc : pub Pv.pcEnd = pub' Pv.pc0) (hclk : pub Pv.clkEnd = pub' Pv.clk0)
    {c0 i R : Nat} (hclk0 : pub Pv.clk0 = ((c0 : Nat) : BabyBear)) (hi : i < t.height)
    (hl : LastReal t i) (hR : R ≤ t'.height) (hreal' : ∀ n < R, t'.row n isReal = 1)
    (hp : c0 + i + 1 + R ≤ 2 ^ 30) :
    CpuRows (joinWins (t.window pub) (i + 1) (t'.window pub')) c0 (i + 1 + R) := by
  have h₁ : CpuRows (t.window pub) c0 (i + 1) :=
    cpuRows_of_trace hs hclk0 (by omega) (fun n hn => real_of_le hs (by omega) hi hl.1) (by omega)
  obtain ⟨e₁, e₂⟩ := segment_end hs hf hi hl
  have hclk0' : pub' Pv.clk0 = (((c0 + (i + 1) : Nat) : Nat) : BabyBear) := by
    rw [← hclk, ← e₂, clk_eq hs i hi, hclk0, Felt.natCast_add, Felt.natCast_add, Felt.natCast_one]
    grind
  have h₂ : CpuRows (t'.window pub') (c0 + (i + 1)) R :=
    cpuRows_of_trace hs' hclk0' hR hreal' (by omega)
  refine CpuRows.append h₁ h₂ (by omega) fun h0 => ?_
  show t'.row 0 pc = t.row (i + 1 - 1) nextPc
  rw [show i + 1 - 1 = i by omega, e₁, hpc]
  exact (first_row hs' (by omega)).2.1

end Zkvm.Air.V2.Run

end
