module

public import Zkvm.Air.V2.RunSegments
public import Zkvm.Air.V2.RunBus

/-!
# The run's rows from a satisfying CPU table

`run_of_bus` takes the run's CPU rows with what ties them to the CPU table's rows in the bus
(`RunRows`): the rows 0 … N − 1 of the run, real, in the table; every row of the table that
requests (f_exec) one of them, and those appearing once (distinct clks); halt boolean on every
row and set on the last. A satisfying CPU table of the last segment (FINAL = 1, CLK0 = 0) whose
first R rows are real and the rest padding gives all of it (`runRows_of_trace`): padding rows
have no flags (so no request), clk counts the rows, and halt marks the last real row. So do two
joined segments (`runRows_of_segments`): a segment that is not the last, ending where the last
one starts, its real rows first, with the CPU table both segments' rows.
-/

@[expose] public section

noncomputable section

namespace Zkvm.Air.V2.Run

open Zkvm.Field Zkvm.Air.Table Zkvm.Air.V2.Cpu Zkvm.Air.V2.Cpu.Col
open Zkvm.Air.V2.Exec (Tables)

/-- **The run's rows in the CPU table** (what `run_of_bus` takes about the CPU rows). -/
structure RunRows (T : Tables) (wins : Nat → Window BabyBear) (N : Nat) : Prop where
  rows : CpuRows wins 0 N
  pos : 0 < N
  real : ∀ n < N, (wins n).cur isReal = 1
  mem : ∀ n < N, (wins n).cur ∈ T.cpu
  req : ∀ r ∈ T.cpu, r fExec = 1 → ∃ m < N, r = (wins m).cur
  nodup : ((T.cpu.filter fun r => decide (r fExec = 1)).map (· clk)).Nodup
  haltBool : ∀ r ∈ T.cpu, r halt = 0 ∨ r halt = 1
  haltLast : (wins (N - 1)).cur halt = 1

/-- A map that is injective on a list's members keeps it without duplicates. -/
theorem nodup_map_of_inj {α β : Type} {h : α → β} :
    ∀ {l : List α}, l.Nodup → (∀ x ∈ l, ∀ y ∈ l, h x = h y → x = y) → (l.map h).Nodup
  | [], _, _ => List.nodup_nil
  | x :: xs, hl, hi => by
    rw [List.nodup_cons] at hl
    rw [List.map_cons, List.nodup_cons]
    refine ⟨fun hm => ?_, nodup_map_of_inj hl.2 fun a ha b hb e =>
      hi a (List.mem_cons_of_mem _ ha) b (List.mem_cons_of_mem _ hb) e⟩
    obtain ⟨y, hy, e⟩ := List.mem_map.mp hm
    have := hi x (List.mem_cons_self ..) y (List.mem_cons_of_mem _ hy) e.symm
    subst this
    exact hl.1 hy

variable {t : Trace BabyBear} {pub : Nat → BabyBear}

/-- **The run's rows from a satisfying CPU table** of the last segment: its first R rows real,
the rest padding, CLK0 = 0, FINAL = 1. -/
theorem runRows_of_trace (hs : t.Satisfies constraintFn pub) (hclk0 : pub Pv.clk0 = 0)
    (hf : pub Pv.final = 1) {R : Nat} (hR : R ≤ t.height) (hR0 : 0 < R) (hR30 : R ≤ 2 ^ 30)
    (hreal : ∀ n < R, t.row n isReal = 1) (hpad : R = t.height ∨ t.row R isReal = 0)
    {T : Tables} (hT : T.cpu = (List.range t.height).map t.row) :
    RunRows T (t.window pub) R := by
  -- rows from R on are padding
  have hpad' : ∀ i, R ≤ i → i < t.height → t.row i isReal = 0 := by
    intro i hi hih
    rcases hpad with h | h
    · omega
    · exact padding_of_le hs hi hih h
  -- a requesting row is real
  have hexec : ∀ i < t.height, t.row i fExec = 1 → i < R := by
    intro i hi hx
    apply Decidable.byContradiction
    intro hge
    have hp := hpad' i (by omega) hi
    have e := (groups_at hs hi).pad_flags fExec (by simp [flags])
    rw [window_cur, hp, hx] at e
    exact absurd e (by decide)
  have hclkv : ∀ i < R, (t.row i clk).val = i := by
    intro i hi
    rw [clk_eq hs i (by omega), hclk0,
      show (0 : BabyBear) + ((i : Nat) : BabyBear) = ((i : Nat) : BabyBear) by grind]
    exact Mem.val_cast (by omega)
  refine ⟨cpuRows_of_trace hs (c0 := 0) (by rw [hclk0]; rfl) hR hreal (by omega), hR0,
    hreal, fun n hn => ?_, fun r hr hx => ?_, ?_, fun r hr => ?_, ?_⟩
  · rw [hT]; exact List.mem_map.mpr ⟨n, List.mem_range.mpr (by omega), rfl⟩
  · rw [hT] at hr
    obtain ⟨i, hi, rfl⟩ := List.mem_map.mp hr
    exact ⟨i, hexec i (List.mem_range.mp hi) hx, rfl⟩
  · rw [hT, List.filter_map, List.map_map]
    apply nodup_map_of_inj (List.Nodup.sublist List.filter_sublist List.nodup_range)
    intro x hx y hy e
    simp only [List.mem_filter, List.mem_range, Function.comp, decide_eq_true_eq] at hx hy
    have hx' := hexec x hx.1 hx.2
    have hy' := hexec y hy.1 hy.2
    have := congrArg BabyBear.val e
    simp only [Function.comp] at this
    rw [hclkv x hx', hclkv y hy'] at this
    exact this
  · rw [hT] at hr
    obtain ⟨i, hi, rfl⟩ := List.mem_map.mp hr
    exact halt_cases (groups_at hs (List.mem_range.mp hi))
  · rw [window_cur]
    refine (halt_iff_last_real hs hf (by omega)).mpr ⟨hreal (R - 1) (by omega), ?_⟩
    rcases hpad with h | h
    · left; omega
    · right; rw [show R - 1 + 1 = R by omega]; exact h

/-- **The run's rows from two joined segments**: a segment that is not the last (FINAL = 0,
CLK0 = 0) with last real row i, ending where the last segment (FINAL = 1) starts, whose first
R rows are real and the rest padding; the CPU table is both segments' rows. -/
theorem runRows_of_segments {t' : Trace BabyBear} {pub' : Nat → BabyBear}
    (hs : t.Satisfies constraintFn pub) (hs' : t'.Satisfies constraintFn pub')
    (hf : pub Pv.final = 0) (hf' : pub' Pv.final = 1) (hpc : pub Pv.pcEnd = pub' Pv.pc0)
    (hclk : pub Pv.clkEnd = pub' Pv.clk0) (hclk0 : pub Pv.clk0 = 0)
    {i R : Nat} (hi : i < t.height) (hl : LastReal t i) (hR : R ≤ t'.height) (hR0 : 0 < R)
    (hp : i + 1 + R ≤ 2 ^ 30) (hreal' : ∀ n < R, t'.row n isReal = 1)
    (hpad' : R = t'.height ∨ t'.row R isReal = 0)
    {T : Tables} (hT : T.cpu = (List.range t.height).map t.row ++ (List.range t'.height).map t'.row) :
    RunRows T (joinWins (t.window pub) (i + 1) (t'.window pub')) (i + 1 + R) := by
  -- the first segment's requesting rows are rows 0 … i
  have hexec1 : ∀ j < t.height, t.row j fExec = 1 → j ≤ i := by
    intro j hj hx
    apply Decidable.byContradiction
    intro hgt
    have hp0 : t.row (i + 1) isReal = 0 := by
      rcases hl.2 with h | h
      · omega
      · exact h
    have hpj := padding_of_le hs (show i + 1 ≤ j by omega) hj hp0
    have e := (groups_at hs hj).pad_flags fExec (by simp [flags])
    rw [window_cur, hpj, hx] at e
    exact absurd e (by decide)
  have hexec2 : ∀ j < t'.height, t'.row j fExec = 1 → j < R := by
    intro j hj hx
    apply Decidable.byContradiction
    intro hge
    have hpj : t'.row j isReal = 0 := by
      rcases hpad' with h | h
      · omega
      · exact padding_of_le hs' (by omega) hj h
    have e := (groups_at hs' hj).pad_flags fExec (by simp [flags])
    rw [window_cur, hpj, hx] at e
    exact absurd e (by decide)
  -- clks: j in the first segment, i + 1 + j in the second
  obtain ⟨-, e₂⟩ := segment_end hs hf hi hl
  have hclk1 : ∀ j ≤ i, (t.row j clk).val = j := by
    intro j hj
    rw [clk_eq hs j (by omega), hclk0,
      show (0 : BabyBear) + ((j : Nat) : BabyBear) = ((j : Nat) : BabyBear) by grind]
    exact Mem.val_cast (by omega)
  have hclk2 : ∀ j < R, (t'.row j clk).val = i + 1 + j := by
    intro j hj
    have h0 : pub' Pv.clk0 = (((i + 1 : Nat) : Nat) : BabyBear) := by
      rw [← hclk, ← e₂, clk_eq hs i hi, hclk0, Felt.natCast_add, Felt.natCast_one]
      grind
    rw [clk_eq hs' j (by omega), h0, ← Felt.natCast_add]
    exact Mem.val_cast (by omega)
  have hwin : ∀ n, joinWins (t.window pub) (i + 1) (t'.window pub') n =
      if n < i + 1 then t.window pub n else t'.window pub' (n - (i + 1)) := fun _ => rfl
  refine ⟨segments_cpuRows hs hs' hf hpc hclk (c0 := 0) (by rw [hclk0]; rfl) hi hl hR hreal'
      (by omega), by omega, fun n hn => ?_, fun n hn => ?_, fun r hr hx => ?_, ?_,
      fun r hr => ?_, ?_⟩
  · rw [hwin]
    split
    · exact real_of_le hs (by omega) hi hl.1
    · exact hreal' _ (by omega)
  · rw [hT, hwin]
    split
    · exact List.mem_append_left _ (List.mem_map.mpr ⟨n, List.mem_range.mpr (by omega), rfl⟩)
    · exact List.mem_append_right _ (List.mem_map.mpr ⟨n - (i + 1), List.mem_range.mpr (by omega), rfl⟩)
  · rw [hT] at hr
    rcases List.mem_append.mp hr with h | h
    · obtain ⟨j, hj, rfl⟩ := List.mem_map.mp h
      have := hexec1 j (List.mem_range.mp hj) hx
      exact ⟨j, by omega, by rw [hwin, if_pos (by omega)]; rfl⟩
    · obtain ⟨j, hj, rfl⟩ := List.mem_map.mp h
      have := hexec2 j (List.mem_range.mp hj) hx
      refine ⟨i + 1 + j, by omega, ?_⟩
      rw [hwin, if_neg (by omega), show i + 1 + j - (i + 1) = j by omega]; rfl
  · rw [hT, List.filter_append, List.map_append, List.nodup_append]
    refine ⟨?_, ?_, ?_⟩
    · rw [List.filter_map, List.map_map]
      apply nodup_map_of_inj (List.Nodup.sublist List.filter_sublist List.nodup_range)
      intro x hx y hy e
      simp only [List.mem_filter, List.mem_range, Function.comp, decide_eq_true_eq] at hx hy
      have := congrArg BabyBear.val e
      simp only [Function.comp] at this
      rw [hclk1 x (hexec1 x hx.1 hx.2), hclk1 y (hexec1 y hy.1 hy.2)] at this
      exact this
    · rw [List.filter_map, List.map_map]
      apply nodup_map_of_inj (List.Nodup.sublist List.filter_sublist List.nodup_range)
      intro x hx y hy e
      simp only [List.mem_filter, List.mem_range, Function.comp, decide_eq_true_eq] at hx hy
      have := congrArg BabyBear.val e
      simp only [Function.comp] at this
      rw [hclk2 x (hexec2 x hx.1 hx.2), hclk2 y (hexec2 y hy.1 hy.2)] at this
      omega
    · intro a ha b hb e
      rw [List.filter_map, List.map_map] at ha hb
      obtain ⟨x, hx, rfl⟩ := List.mem_map.mp ha
      obtain ⟨y, hy, rfl⟩ := List.mem_map.mp hb
      simp only [List.mem_filter, List.mem_range, Function.comp, decide_eq_true_eq] at hx hy
      have := congrArg BabyBear.val e
      simp only [Function.comp] at this
      rw [hclk1 x (hexec1 x hx.1 hx.2), hclk2 y (hexec2 y hy.1 hy.2)] at this
      have := hexec1 x hx.1 hx.2
      omega
  · rw [hT] at hr
    rcases List.mem_append.mp hr with h | h
    · obtain ⟨j, hj, rfl⟩ := List.mem_map.mp h
      exact halt_cases (groups_at hs (List.mem_range.mp hj))
    · obtain ⟨j, hj, rfl⟩ := List.mem_map.mp h
      exact halt_cases (groups_at hs' (List.mem_range.mp hj))
  · rw [hwin, if_neg (by omega), show i + 1 + R - 1 - (i + 1) = R - 1 by omega, window_cur]
    refine (halt_iff_last_real hs' hf' (by omega)).mpr ⟨hreal' (R - 1) (by omega), ?_⟩
    rcases hpad' with h | h
    · left; omega
    · right; rw [show R - 1 + 1 = R by omega]; exact h

end Zkvm.Air.V2.Run

end
