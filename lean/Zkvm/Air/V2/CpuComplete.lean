module

public import Zkvm.Air.V2.CpuCompleteRow
public import Zkvm.Air.V2.CpuTrace

/-!
# The CPU table: the builder's segment satisfies every constraint

`build_segment` (run.rs) makes the CPU rows of a segment: one row per step (`Step.row`), with
clks counting from the segment's first clk, then padding rows (`paddingRow`) up to the table's
height, clks counting on. `segTrace steps clk0 height` is that trace.

`SegOk`: what the builder's run provides: at least one step and at most `height`; each step's
inputs are `Step.Ok`; step i runs at clk0 + i; each step runs at the previous step's next pc
(the executor's run); the public values are the segment's start (PC0 = the first pc, CLK0 =
clk0), FINAL is 0 or 1, halt is set exactly on the last step of the last segment, and outside
the last segment the last step's next pc and clk + 1 are PC_END and CLK_END (the next segment's
start, `statement::segment_public_values`).

`segment_complete`: then the trace satisfies the table's constraints at every row.
-/

@[expose] public section

noncomputable section

namespace Zkvm.Air.V2.Cpu

open Zkvm.Field Zkvm.RiscV Zkvm.Air.Table Col

/-- The rows of a segment: the steps' rows, then padding rows. -/
def segRow (steps : List Step) (clk0 : Nat) (i : Nat) : Row BabyBear :=
  if h : i < steps.length then steps[i].row else paddingRow (clk0 + i)

def segTrace (steps : List Step) (clk0 height : Nat) : Trace BabyBear :=
  ⟨height, segRow steps clk0⟩

/-- What the builder's run provides for a segment. -/
structure SegOk (steps : List Step) (clk0 height : Nat) (pub : Nat → BabyBear) : Prop where
  nonempty : 0 < steps.length
  fits : steps.length ≤ height
  ok : ∀ i (h : i < steps.length), steps[i].Ok
  clk : ∀ i (h : i < steps.length), steps[i].clk = clk0 + i
  chain : ∀ i (h : i + 1 < steps.length), steps[i + 1].pc = steps[i].nextPc
  pc_start : pub Pv.pc0 = ((steps[0]'nonempty).pc : BabyBear)
  clk_start : pub Pv.clk0 = (clk0 : BabyBear)
  final : pub Pv.final = 0 ∨ pub Pv.final = 1
  halt : ∀ i (h : i < steps.length),
    (steps[i].halt = true ↔ (pub Pv.final = 1 ∧ i + 1 = steps.length))
  end_pc : ∀ i (h : i < steps.length), i + 1 = steps.length → pub Pv.final = 0 →
    (steps[i].nextPc : BabyBear) = pub Pv.pcEnd
  end_clk : ∀ i (h : i < steps.length), i + 1 = steps.length → pub Pv.final = 0 →
    (((clk0 + i + 1 : Nat)) : BabyBear) = pub Pv.clkEnd

section Cells

variable {steps : List Step} {clk0 height : Nat} {pub : Nat → BabyBear}

theorem segRow_real {i : Nat} (h : i < steps.length) : segRow steps clk0 i = steps[i].row :=
  dif_pos h

theorem segRow_pad {i : Nat} (h : ¬ i < steps.length) :
    segRow steps clk0 i = paddingRow (clk0 + i) := dif_neg h

theorem segRow_clk (hs : SegOk steps clk0 height pub) (i : Nat) :
    segRow steps clk0 i clk = ((clk0 + i : Nat) : BabyBear) := by
  by_cases h : i < steps.length
  · rw [segRow_real h, Step.row_clk, hs.clk i h]
  · rw [segRow_pad h]; rfl

theorem segRow_isReal (i : Nat) :
    segRow steps clk0 i isReal = if i < steps.length then 1 else 0 := by
  by_cases h : i < steps.length
  · rw [segRow_real h, if_pos h]; rfl
  · rw [segRow_pad h, if_neg h]; rfl

theorem segRow_halt (hs : SegOk steps clk0 height pub) (i : Nat) :
    segRow steps clk0 i halt =
      if i < steps.length ∧ pub Pv.final = 1 ∧ i + 1 = steps.length then 1 else 0 := by
  by_cases h : i < steps.length
  · rw [segRow_real h, Step.row_halt]
    have e := hs.halt i h
    by_cases hc : pub Pv.final = 1 ∧ i + 1 = steps.length
    · rw [if_pos (e.mpr hc), if_pos ⟨h, hc⟩]
    · rw [if_neg (fun x => hc (e.mp x)), if_neg (fun x => hc x.2)]
  · rw [segRow_pad h, if_neg (fun x => h x.1)]; rfl

theorem segRow_rowGroups (hs : SegOk steps clk0 height pub) (i : Nat) :
    RowGroups (segRow steps clk0 i) := by
  by_cases h : i < steps.length
  · rw [segRow_real h]; exact Step.rowGroups (hs.ok i h)
  · rw [segRow_pad h]; exact padding_rowGroups _

end Cells

section Window

variable {steps : List Step} {clk0 height : Nat} {pub : Nat → BabyBear}

/-- The window's next row, on transitions. -/
theorem next_row {i : Nat} (h : i + 1 < height) :
    segRow steps clk0 ((i + 1) % height) = segRow steps clk0 (i + 1) := by
  rw [Nat.mod_eq_of_lt h]

/-- isFirst: the first row is step 0, at the segment's start. -/
theorem seg_first (hs : SegOk steps clk0 height pub) (i : Nat) :
    (if i = 0 then (1 : BabyBear) else 0) * (segRow steps clk0 i isReal - 1) = 0 ∧
    (if i = 0 then (1 : BabyBear) else 0) * (segRow steps clk0 i pc - pub Pv.pc0) = 0 ∧
    (if i = 0 then (1 : BabyBear) else 0) * (segRow steps clk0 i clk - pub Pv.clk0) = 0 := by
  by_cases h : i = 0
  · subst h
    rw [if_pos rfl, segRow_isReal, if_pos hs.nonempty, segRow_clk hs, hs.clk_start,
      segRow_real hs.nonempty, Step.row_pc, hs.pc_start]
    simp only [Nat.add_zero]
    refine ⟨?_, ?_, ?_⟩ <;> grind
  · rw [if_neg h]
    refine ⟨?_, ?_, ?_⟩ <;> grind

/-- The transition groups, on a row that is not the last. -/
theorem seg_transition (hs : SegOk steps clk0 height pub) {i : Nat} (h : i + 1 < height) :
    let c := segRow steps clk0 i
    let n := segRow steps clk0 (i + 1)
    n clk - c clk - 1 = 0 ∧
    n isReal * (1 - c isReal) = 0 ∧
    n isReal * (n pc - c nextPc) = 0 ∧
    c halt - pub Pv.final * (c isReal - n isReal) = 0 ∧
    (1 - pub Pv.final) * (c isReal - n isReal) * (c nextPc - pub Pv.pcEnd) = 0 ∧
    (1 - pub Pv.final) * (c isReal - n isReal) * (c clk + 1 - pub Pv.clkEnd) = 0 := by
  intro c n
  have hclk : n clk - c clk - 1 = 0 := by
    simp only [c, n, segRow_clk hs]; push_natCast; grind
  refine ⟨hclk, ?_⟩
  by_cases h1 : i + 1 < steps.length
  · -- two steps
    have h0 : i < steps.length := by omega
    have hr : c isReal = 1 := by simp only [c, segRow_isReal, if_pos h0]
    have hr' : n isReal = 1 := by simp only [n, segRow_isReal, if_pos h1]
    have hh : c halt = 0 := by
      simp only [c, segRow_halt hs]; rw [if_neg (by omega)]
    have hpc : n pc = c nextPc := by
      simp only [c, n, segRow_real h0, segRow_real h1, Step.row_pc, Step.row_nextPc,
        hs.chain i h1]
    rw [hr, hr', hh, hpc]
    refine ⟨?_, ?_, ?_, ?_, ?_⟩ <;> grind
  · have hr' : n isReal = 0 := by simp only [n, segRow_isReal, if_neg h1]
    rw [hr']
    by_cases h0 : i < steps.length
    · -- the last step, then padding
      have hl : i + 1 = steps.length := by omega
      have hr : c isReal = 1 := by simp only [c, segRow_isReal, if_pos h0]
      rw [hr]
      rcases hs.final with hf | hf
      · have hh : c halt = 0 := by
          simp only [c, segRow_halt hs]; rw [if_neg (by rw [hf]; intro x; exact absurd x.2.1 (by decide))]
        have e₁ := hs.end_pc i h0 hl hf
        have e₂ := hs.end_clk i h0 hl hf
        have hn : c nextPc = pub Pv.pcEnd := by
          simp only [c, segRow_real h0, Step.row_nextPc, e₁]
        have hc : c clk + 1 = pub Pv.clkEnd := by
          rw [← e₂]; simp only [c, segRow_clk hs]; push_natCast
        rw [hh, hf, hn, ← hc]
        refine ⟨?_, ?_, ?_, ?_, ?_⟩ <;> grind
      · have hh : c halt = 1 := by
          simp only [c, segRow_halt hs]; rw [if_pos ⟨h0, hf, hl⟩]
        rw [hh, hf]
        refine ⟨?_, ?_, ?_, ?_, ?_⟩ <;> grind
    · -- padding, then padding
      have hr : c isReal = 0 := by simp only [c, segRow_isReal, if_neg h0]
      have hh : c halt = 0 := by
        simp only [c, segRow_halt hs]; rw [if_neg (fun x => h0 x.1)]
      rw [hr, hh]
      refine ⟨?_, ?_, ?_, ?_, ?_⟩ <;> grind

/-- The last-row groups. -/
theorem seg_last (hs : SegOk steps clk0 height pub) {i : Nat} (h : i + 1 = height) :
    let c := segRow steps clk0 i
    c halt - pub Pv.final * c isReal = 0 ∧
    (1 - pub Pv.final) * c isReal * (c nextPc - pub Pv.pcEnd) = 0 ∧
    (1 - pub Pv.final) * c isReal * (c clk + 1 - pub Pv.clkEnd) = 0 := by
  intro c
  have hfit := hs.fits
  by_cases h0 : i < steps.length
  · have hl : i + 1 = steps.length := by omega
    have hr : c isReal = 1 := by simp only [c, segRow_isReal, if_pos h0]
    rw [hr]
    rcases hs.final with hf | hf
    · have hh : c halt = 0 := by
        simp only [c, segRow_halt hs]; rw [if_neg (by rw [hf]; intro x; exact absurd x.2.1 (by decide))]
      have e₁ := hs.end_pc i h0 hl hf
      have e₂ := hs.end_clk i h0 hl hf
      have hn : c nextPc = pub Pv.pcEnd := by
        simp only [c, segRow_real h0, Step.row_nextPc, e₁]
      have hc : c clk + 1 = pub Pv.clkEnd := by
        rw [← e₂]; simp only [c, segRow_clk hs]; push_natCast
      rw [hh, hf, hn, ← hc]
      refine ⟨?_, ?_, ?_⟩ <;> grind
    · have hh : c halt = 1 := by
        simp only [c, segRow_halt hs]; rw [if_pos ⟨h0, hf, hl⟩]
      rw [hh, hf]
      refine ⟨?_, ?_, ?_⟩ <;> grind
  · have hr : c isReal = 0 := by simp only [c, segRow_isReal, if_neg h0]
    have hh : c halt = 0 := by
      simp only [c, segRow_halt hs]; rw [if_neg (fun x => h0 x.1)]
    rw [hr, hh]
    refine ⟨?_, ?_, ?_⟩ <;> grind

end Window

/-- **Completeness of the CPU table**: the rows the builder makes for a segment (its steps,
then padding) satisfy every constraint of the table at every row. -/
theorem segment_complete {steps : List Step} {clk0 height : Nat} {pub : Nat → BabyBear}
    (hs : SegOk steps clk0 height pub) :
    (segTrace steps clk0 height).Satisfies constraintFn pub := by
  intro i hi
  apply (groups_iff _).mp
  have hw : (segTrace steps clk0 height).window pub i =
      { cur := segRow steps clk0 i, next := segRow steps clk0 ((i + 1) % height), pub := pub,
        isFirst := if i = 0 then 1 else 0, isLast := if i + 1 = height then 1 else 0,
        isTransition := if i + 1 = height then 0 else 1 } := rfl
  rw [hw]
  obtain ⟨f₁, f₂, f₃⟩ := seg_first hs i
  have hi' : i < height := hi
  by_cases hl : i + 1 = height
  · obtain ⟨l₁, l₂, l₃⟩ := seg_last hs hl
    refine groups_of_row (segRow_rowGroups hs i) f₁ f₂ f₃ ?_ ?_ ?_ ?_ ?_ ?_ ?_ ?_ ?_ <;>
      simp only [endStep, notFinal, pcEndExpr, clkEndExpr, if_pos hl] <;> grind
  · obtain ⟨t₁, t₂, t₃, t₄, t₅, t₆⟩ := seg_transition hs (i := i) (by omega)
    have hn := next_row (steps := steps) (clk0 := clk0) (i := i) (height := height) (by omega)
    refine groups_of_row (segRow_rowGroups hs i) f₁ f₂ f₃ ?_ ?_ ?_ ?_ ?_ ?_ ?_ ?_ ?_ <;>
      simp only [endStep, notFinal, pcEndExpr, clkEndExpr, if_neg hl, hn] <;> grind

end Zkvm.Air.V2.Cpu

end
