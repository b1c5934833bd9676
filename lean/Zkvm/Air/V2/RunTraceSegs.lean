module

public import Zkvm.Air.V2.RunTrace

/-!
# The run's rows from any number of joined segments

`runRows_of_trace` (one segment) and `runRows_of_segments` (two segments) give `RunRows`, what
`run_of_bus` takes about the CPU rows. This file gives it for any number of segments
(`runRows_of_segs`): segments `pre ++ [last]` (each a CPU trace with its public values and its
number R of real rows, `Seg`), all satisfying the CPU constraints with their first R > 0 rows
real and the rest padding (`Seg.Ok`), every segment of `pre` not final (FINAL = 0) and `last`
final (FINAL = 1), each segment ending where the next one starts (PC_END, CLK_END = the next
PC0, CLK0: `Linked`), the first one at CLK0 = 0, at most 2^30 real rows in all, and the CPU
table all segments' rows in order. The run's rows are the segments' real rows joined in order
(`joinSegs`, iterating `joinWins`). A non-final segment given by its last real row i
(`exists_lastReal`, `segments_chain`) is an `Ok` segment of i + 1 real rows
(`Seg.ok_of_lastReal`).

The proof goes through `Part`: what `RunRows` says about a run of rows from clk c0 relative to
a list of table rows, without the halt on the last row. One segment's real rows are a part
(`part_of_seg`, as in `runRows_of_trace`, from `cpuRows_of_trace`); two parts, the second at
the first's next clk and pc, join into one (`Part.append`, from `CpuRows.append`); a non-final
segment's last real row continues at the next segment's first row (`seg_link`, from
`segment_end` and `first_row`), so the segments' real rows are one part (`part_of_segs`, by
induction on the list). Halt is set on the last real row of the last segment
(`halt_iff_last_real`).
-/

@[expose] public section

noncomputable section

namespace Zkvm.Air.V2.Run

open Zkvm.Field Zkvm.Air.Table Zkvm.Air.V2.Cpu Zkvm.Air.V2.Cpu.Col
open Zkvm.Air.V2.Exec (Tables)

/-- A segment of the CPU table: its trace, its public values, and its number of real rows. -/
structure Seg where
  t : Trace BabyBear
  pub : Nat → BabyBear
  R : Nat

namespace Seg

/-- The segment's rows, in order. -/
def rows (s : Seg) : List (Row BabyBear) := (List.range s.t.height).map s.t.row

/-- The segment's windows. -/
def wins (s : Seg) : Nat → Window BabyBear := s.t.window s.pub

/-- A segment's trace satisfies the CPU constraints, its first R rows (R > 0) are real and the
rest padding. -/
structure Ok (s : Seg) : Prop where
  sat : s.t.Satisfies constraintFn s.pub
  pos : 0 < s.R
  le : s.R ≤ s.t.height
  real : ∀ n < s.R, s.t.row n isReal = 1
  pad : s.R = s.t.height ∨ s.t.row s.R isReal = 0

/-- A satisfying trace with last real row i is an `Ok` segment of i + 1 real rows (the form
`exists_lastReal` and `segments_chain` give for a segment that is not the last). -/
theorem ok_of_lastReal {t : Trace BabyBear} {pub : Nat → BabyBear} {i : Nat}
    (hs : t.Satisfies constraintFn pub) (hi : i < t.height) (hl : LastReal t i) :
    Ok ⟨t, pub, i + 1⟩ :=
  ⟨hs, Nat.succ_pos i, hi, fun _ hn => real_of_le hs (Nat.le_of_lt_succ hn) hi hl.1, hl.2⟩

/-- Segment s ends where s' starts: PC_END = PC0', CLK_END = CLK0'. -/
def Links (s s' : Seg) : Prop := s.pub Pv.pcEnd = s'.pub Pv.pc0 ∧ s.pub Pv.clkEnd = s'.pub Pv.clk0

end Seg

/-- The first of the segments `pre ++ [last]`. -/
def firstSeg : List Seg → Seg → Seg
  | [], l => l
  | s :: _, _ => s

/-- Each of the segments `pre ++ [last]` ends where the next one starts. -/
def Linked : List Seg → Seg → Prop
  | [], _ => True
  | s :: rest, l => s.Links (firstSeg rest l) ∧ Linked rest l

/-- The real rows of the segments `pre`, followed by the windows `w`: `joinWins` iterated. -/
def joinSegs : List Seg → (Nat → Window BabyBear) → Nat → Window BabyBear
  | [], w => w
  | s :: rest, w => joinWins s.wins s.R (joinSegs rest w)

/-- **A part of the run**: rows 0 … N − 1 of `wins` are a run of rows from clk c0, real, among
the table rows `L`; every requesting row of `L` is one of them, with distinct clks; halt is
boolean on `L`. (`RunRows` without the halt on the last row, from any clk.) -/
structure Part (L : List (Row BabyBear)) (wins : Nat → Window BabyBear) (c0 N : Nat) : Prop where
  rows : CpuRows wins c0 N
  pos : 0 < N
  real : ∀ n < N, (wins n).cur isReal = 1
  mem : ∀ n < N, (wins n).cur ∈ L
  req : ∀ r ∈ L, r fExec = 1 → ∃ m < N, r = (wins m).cur
  nodup : ((L.filter fun r => decide (r fExec = 1)).map (· clk)).Nodup
  haltBool : ∀ r ∈ L, r halt = 0 ∨ r halt = 1

/-- **One segment's real rows are a part**, from clk CLK0 = c0. -/
theorem part_of_seg {s : Seg} (h : s.Ok) {c0 : Nat}
    (hclk0 : s.pub Pv.clk0 = ((c0 : Nat) : BabyBear)) (hp : c0 + s.R ≤ 2 ^ 30) : Part s.rows s.wins c0 s.R := by
  have hrows : CpuRows s.wins c0 s.R := cpuRows_of_trace h.sat hclk0 h.le h.real hp
  -- a requesting row is real
  have hexec : ∀ i < s.t.height, s.t.row i fExec = 1 → i < s.R := by
    intro i hi hx
    apply Decidable.byContradiction
    intro hge
    have hpi : s.t.row i isReal = 0 := by
      rcases h.pad with e | e
      · omega
      · exact padding_of_le h.sat (by omega) hi e
    have e := (groups_at h.sat hi).pad_flags fExec (by simp [flags])
    rw [window_cur, hpi, hx] at e
    exact absurd e (by decide)
  refine ⟨hrows, h.pos, h.real, fun n hn => ?_, fun r hr hx => ?_, ?_, fun r hr => ?_⟩
  · exact List.mem_map.mpr ⟨n, List.mem_range.mpr (by have := h.le; omega), rfl⟩
  · obtain ⟨i, hi, rfl⟩ := List.mem_map.mp hr
    exact ⟨i, hexec i (List.mem_range.mp hi) hx, rfl⟩
  · rw [Seg.rows, List.filter_map, List.map_map]
    apply nodup_map_of_inj (List.Nodup.sublist List.filter_sublist List.nodup_range)
    intro x hx y hy e
    simp only [List.mem_filter, List.mem_range, Function.comp, decide_eq_true_eq] at hx hy
    have := congrArg BabyBear.val e
    simp only [Function.comp] at this
    have ex := hrows.clk x (hexec x hx.1 hx.2)
    have ey := hrows.clk y (hexec y hy.1 hy.2)
    rw [Seg.wins, window_cur] at ex ey
    omega
  · obtain ⟨i, hi, rfl⟩ := List.mem_map.mp hr
    exact halt_cases (groups_at h.sat (List.mem_range.mp hi))

/-- **Two parts join**: the second at the first's next clk, its first row at the first's last
row's next pc. -/
theorem Part.append {L₁ L₂ : List (Row BabyBear)} {W₁ W₂ : Nat → Window BabyBear}
    {c0 N₁ N₂ : Nat} (h₁ : Part L₁ W₁ c0 N₁) (h₂ : Part L₂ W₂ (c0 + N₁) N₂)
    (hjoin : (W₂ 0).cur pc = (W₁ (N₁ - 1)).cur nextPc) :
    Part (L₁ ++ L₂) (joinWins W₁ N₁ W₂) c0 (N₁ + N₂) := by
  have hwin : ∀ n, joinWins W₁ N₁ W₂ n = if n < N₁ then W₁ n else W₂ (n - N₁) := fun _ => rfl
  have hpos₁ := h₁.pos
  refine ⟨CpuRows.append h₁.rows h₂.rows hpos₁ fun _ => hjoin, by omega, fun n hn => ?_,
    fun n hn => ?_, fun r hr hx => ?_, ?_, fun r hr => ?_⟩
  · rw [hwin]
    split
    · exact h₁.real n (by omega)
    · exact h₂.real _ (by omega)
  · rw [hwin]
    split
    · exact List.mem_append_left _ (h₁.mem n (by omega))
    · exact List.mem_append_right _ (h₂.mem _ (by omega))
  · rcases List.mem_append.mp hr with h | h
    · obtain ⟨m, hm, rfl⟩ := h₁.req r h hx
      exact ⟨m, by omega, by rw [hwin, if_pos hm]⟩
    · obtain ⟨m, hm, rfl⟩ := h₂.req r h hx
      refine ⟨N₁ + m, by omega, ?_⟩
      rw [hwin, if_neg (by omega), show N₁ + m - N₁ = m by omega]
  · rw [List.filter_append, List.map_append, List.nodup_append]
    refine ⟨h₁.nodup, h₂.nodup, ?_⟩
    intro a ha b hb e
    obtain ⟨x, hx, rfl⟩ := List.mem_map.mp ha
    obtain ⟨y, hy, rfl⟩ := List.mem_map.mp hb
    simp only [List.mem_filter, decide_eq_true_eq] at hx hy
    obtain ⟨m, hm, rfl⟩ := h₁.req x hx.1 hx.2
    obtain ⟨m', hm', rfl⟩ := h₂.req y hy.1 hy.2
    have := congrArg BabyBear.val e
    rw [h₁.rows.clk m hm, h₂.rows.clk m' hm'] at this
    omega
  · rcases List.mem_append.mp hr with h | h
    · exact h₁.haltBool r h
    · exact h₂.haltBool r h

/-- **A non-final segment and the next one**: the next segment starts at clk CLK0 + R, and its
first row at the segment's last real row's next pc. -/
theorem seg_link {s s' : Seg} (h : s.Ok) (h' : s'.Ok) (hf : s.pub Pv.final = 0)
    (hl : s.Links s') {c0 : Nat} (hclk0 : s.pub Pv.clk0 = ((c0 : Nat) : BabyBear)) :
    s'.pub Pv.clk0 = (((c0 + s.R : Nat) : Nat) : BabyBear) ∧
      (s'.wins 0).cur pc = (s.wins (s.R - 1)).cur nextPc := by
  have hpos := h.pos
  have hle := h.le
  have hlast : LastReal s.t (s.R - 1) :=
    ⟨h.real _ (by omega), by
      rcases h.pad with e | e
      · left; omega
      · right; rw [show s.R - 1 + 1 = s.R by omega]; exact e⟩
  obtain ⟨e₁, e₂⟩ := segment_end h.sat hf (by omega) hlast
  refine ⟨?_, ?_⟩
  · rw [← hl.2, ← e₂, clk_eq h.sat _ (by omega), hclk0,
      show c0 + s.R = c0 + (s.R - 1) + 1 by omega, Felt.natCast_add, Felt.natCast_add,
      Felt.natCast_one]
  · rw [Seg.wins, Seg.wins, window_cur, window_cur, e₁, hl.1]
    exact (first_row h'.sat (by have := h'.pos; have := h'.le; omega)).2.1

/-- The joined windows start with the first segment's first row. -/
theorem joinSegs_zero {last : Seg} :
    ∀ {pre : List Seg}, (∀ s ∈ pre, 0 < s.R) →
      joinSegs pre last.wins 0 = (firstSeg pre last).wins 0
  | [], _ => rfl
  | s :: _, h => by
    show (if 0 < s.R then s.wins 0 else _) = s.wins 0
    rw [if_pos (h s (List.mem_cons_self ..))]

/-- After the real rows of `pre`, the joined windows are the last segment's. -/
theorem joinSegs_add {w : Nat → Window BabyBear} :
    ∀ (pre : List Seg) (k : Nat), joinSegs pre w ((pre.map Seg.R).sum + k) = w k
  | [], k => by simp [joinSegs]
  | s :: rest, k => by
    show (if s.R + (rest.map Seg.R).sum + k < s.R then s.wins _ else
      joinSegs rest w (s.R + (rest.map Seg.R).sum + k - s.R)) = w k
    rw [if_neg (by omega), show s.R + (rest.map Seg.R).sum + k - s.R = (rest.map Seg.R).sum + k
      by omega]
    exact joinSegs_add rest k

/-- The number of real rows of the segments `pre ++ [last]`. -/
theorem sum_R_append {last : Seg} :
    ∀ pre : List Seg, ((pre ++ [last]).map Seg.R).sum = (pre.map Seg.R).sum + last.R
  | [] => by simp
  | s :: rest => by
    simp only [List.cons_append, List.map_cons, List.sum_cons]
    rw [sum_R_append rest]
    omega

/-- **The real rows of joined segments are a part**: segments `pre ++ [last]`, every one `Ok`,
those of `pre` not final, each ending where the next one starts, the first from clk c0. -/
theorem part_of_segs {last : Seg} (hlast : last.Ok) :
    ∀ (pre : List Seg) {c0 : Nat}, (∀ s ∈ pre, s.Ok) → (∀ s ∈ pre, s.pub Pv.final = 0) →
      Linked pre last → (firstSeg pre last).pub Pv.clk0 = ((c0 : Nat) : BabyBear) →
      c0 + ((pre ++ [last]).map Seg.R).sum ≤ 2 ^ 30 →
      Part ((pre ++ [last]).flatMap Seg.rows) (joinSegs pre last.wins) c0
        ((pre ++ [last]).map Seg.R).sum
  | [], c0, _, _, _, hclk0, hp => by
    simp only [List.nil_append, List.flatMap_cons, List.flatMap_nil, List.append_nil,
      List.map_cons, List.map_nil, List.sum_cons, List.sum_nil, Nat.add_zero] at hp ⊢
    exact part_of_seg hlast hclk0 hp
  | s :: rest, c0, hok, hnf, hlink, hclk0, hp => by
    have hs : s.Ok := hok s (List.mem_cons_self ..)
    have hok' : ∀ x ∈ rest, x.Ok := fun x hx => hok x (List.mem_cons_of_mem _ hx)
    have hnf' : ∀ x ∈ rest, x.pub Pv.final = 0 := fun x hx => hnf x (List.mem_cons_of_mem _ hx)
    have hnext : (firstSeg rest last).Ok := by
      cases rest with
      | nil => exact hlast
      | cons x _ => exact hok' x (List.mem_cons_self ..)
    obtain ⟨hc, hj⟩ := seg_link hs hnext (hnf s (List.mem_cons_self ..)) hlink.1 hclk0
    simp only [List.cons_append, List.flatMap_cons, List.map_cons, List.sum_cons] at hp ⊢
    have h₁ := part_of_seg hs hclk0 (by omega)
    have h₂ := part_of_segs hlast rest hok' hnf' hlink.2 hc (by omega)
    refine Part.append h₁ h₂ ?_
    rw [joinSegs_zero fun x hx => (hok' x hx).pos]
    exact hj

/-- **The run's rows from any number of joined segments**: for segments `pre ++ [last]` whose
traces satisfy the CPU constraints, each with its first R > 0 rows real and the rest padding
(`Seg.Ok`), the segments of `pre` not final (FINAL = 0) and `last` final (FINAL = 1), each ending
where the next one starts (PC_END = PC0', CLK_END = CLK0', `Linked`), the first at CLK0 = 0, at
most 2^30 real rows in all, and the CPU table all segments' rows in order, the segments' real
rows joined in order (`joinSegs`) are the run's rows: `RunRows` for N the total number of real
rows. -/
theorem runRows_of_segs {pre : List Seg} {last : Seg} (hok : ∀ s ∈ pre ++ [last], s.Ok)
    (hnf : ∀ s ∈ pre, s.pub Pv.final = 0) (hf : last.pub Pv.final = 1) (hlink : Linked pre last)
    (hclk0 : (firstSeg pre last).pub Pv.clk0 = 0)
    (hN : ((pre ++ [last]).map Seg.R).sum ≤ 2 ^ 30)
    {T : Tables} (hT : T.cpu = (pre ++ [last]).flatMap Seg.rows) :
    RunRows T (joinSegs pre last.wins) ((pre ++ [last]).map Seg.R).sum := by
  have hlast : last.Ok := hok last (List.mem_append_right _ (List.mem_singleton_self _))
  have hp := part_of_segs hlast pre (c0 := 0)
    (fun s hs => hok s (List.mem_append_left _ hs)) hnf hlink (by rw [hclk0]; rfl) (by omega)
  rw [← hT] at hp
  refine ⟨hp.rows, hp.pos, hp.real, hp.mem, hp.req, hp.nodup, hp.haltBool, ?_⟩
  have hsum : ((pre ++ [last]).map Seg.R).sum = (pre.map Seg.R).sum + last.R := sum_R_append pre
  have hpos := hlast.pos
  have hle := hlast.le
  rw [hsum, show (pre.map Seg.R).sum + last.R - 1 = (pre.map Seg.R).sum + (last.R - 1) by omega,
    joinSegs_add, Seg.wins, window_cur]
  refine (halt_iff_last_real hlast.sat hf (by omega)).mpr ⟨hlast.real _ (by omega), ?_⟩
  rcases hlast.pad with e | e
  · left; omega
  · right; rw [show last.R - 1 + 1 = last.R by omega]; exact e

end Zkvm.Air.V2.Run

end
