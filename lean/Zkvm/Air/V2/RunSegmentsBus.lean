module

public import Zkvm.Air.V2.RunTraceSegs
public import Zkvm.Air.V2.BusSegments
public import Zkvm.Air.V2.RunTraceBus

/-!
# Joined segments meet the whole-run theorem's CPU and bus premises

`run_of_bus` (RunBusWhole.lean) takes, of the tables it reads, the run's rows in the CPU table
(`RunRows`) and the bus facts (`Exec.BusFacts`). For a run proved in segments both come from the
segments: the CPU rows from every segment's CPU trace joined in order (`runRows_of_segs`,
RunTraceSegs.lean), the bus facts from every segment's bus over its local messages and one sum
over all segments for the global ones (`Exec.facts_of_segments`, BusSegments.lean), over the
union of the segments' tables (`Exec.Tables.union`). `segments_premises` puts the two together:
`run_of_bus` then applies to the union of the segments' tables with the joined windows, under its
remaining hypotheses (proofs-status.md, the whole run). Its `hcpuAcc` (the CPU table's accesses
are the run rows') holds for joined segments too: `cpuAcc_of_segs`, segment by segment from
`cpuAcc_of_trace` (padding rows make no access).
-/

@[expose] public section

noncomputable section

namespace Zkvm.Air.V2.Run

open Zkvm.Field Zkvm.Air.Table Zkvm.Air.V2.Cpu Zkvm.Air.V2.Cpu.Col
open Zkvm.Air.V2.Exec (Tables SegBus GlobalMsg LocalMsg fixedFelts busFractions net carrying)

/-- **Joined segments give `run_of_bus`'s CPU and bus premises**: segments `pre ++ [last]` whose
CPU traces satisfy the constraints with their real rows first, every one of `pre` not final and
`last` final, each ending where the next starts, the first at clk 0, at most 2^30 real rows; for
each segment's tables its bus over its local messages with FIXED rows of the fixed table of the
program rows `prows` (decodings of `code`); the global messages' net multiplicities over all
segments' tables and the statement 0 with fewer than p fractions each; the statement carrying no
local message; and the union's CPU table the segments' rows in order. Then the union of the
segments' tables has the run's rows (the segments' real rows joined) and the bus facts. -/
theorem segments_premises {pre : List Seg} {last : Seg} (hok : ∀ s ∈ pre ++ [last], s.Ok)
    (hnf : ∀ s ∈ pre, s.pub Cpu.Pv.final = 0) (hf : last.pub Cpu.Pv.final = 1)
    (hlink : Linked pre last) (hclk0 : (firstSeg pre last).pub Cpu.Pv.clk0 = 0)
    (hN : ((pre ++ [last]).map Seg.R).sum ≤ 2 ^ 30)
    {Ts : List Tables} (hcpu : (Tables.union Ts).cpu = (pre ++ [last]).flatMap Seg.rows)
    {ssent srcvd : List (List BabyBear)} {prows : List Spec.ProgramRow}
    {image : List Spec.ImageWord} {code : List (UInt32 × UInt32)}
    (hseg : ∀ T ∈ Ts, ∃ fx, SegBus T fx ∧ ∀ f ∈ fx, f.fields ∈ fixedFelts prows image)
    (hprows : ∀ r ∈ prows, ∃ p ∈ code, Spec.decodeRow p.1 p.2 = some r)
    (hgnet : ∀ m, GlobalMsg m → net m (busFractions (Tables.union Ts) ssent srcvd []) = 0)
    (hgfew : ∀ m, GlobalMsg m →
      (carrying m (busFractions (Tables.union Ts) ssent srcvd [])).length < 2013265921)
    (hsl : ∀ m ∈ ssent ++ srcvd, ¬ LocalMsg m)
    (hx : ∀ r ∈ (Tables.union Ts).cpu, r Cpu.Col.fExec = 0 ∨ r Cpu.Col.fExec = 1) :
    RunRows (Tables.union Ts) (joinSegs pre last.wins) ((pre ++ [last]).map Seg.R).sum ∧
      Exec.BusFacts (Tables.union Ts) ssent srcvd code := by
  have hrr := runRows_of_segs hok hnf hf hlink hclk0 hN hcpu
  exact ⟨hrr, Exec.facts_of_segments hseg hprows hgnet hgfew hsl hx hrr.haltBool⟩

/-- One segment's CPU accesses are its real rows' (its padding rows make none). -/
theorem cpuAcc_seg {s : Seg} (hs : s.Ok) :
    (s.rows.flatMap cpuAccesses).Perm
      (((List.range s.R).map fun m => (s.wins m).cur).flatMap cpuAccesses) := by
  have hpad : ∀ i, s.R ≤ i → i < s.t.height → s.t.row i isReal = 0 := by
    intro i hi hih
    rcases hs.pad with h | h
    · omega
    · exact padding_of_le hs.sat hi hih h
  exact cpuAcc_of_trace (T := ⟨s.rows, [], [], [], [], [], [], [], [], [], []⟩) hs.sat hs.le hpad
    rfl

/-- **The CPU table's accesses are the run rows'** for joined segments (`run_of_bus`'s
`hcpuAcc`): the segments' rows in order make exactly the accesses of their real rows joined. -/
theorem cpuAcc_of_segs {last : Seg} :
    ∀ {pre : List Seg}, (∀ s ∈ pre ++ [last], s.Ok) →
      (((pre ++ [last]).flatMap Seg.rows).flatMap cpuAccesses).Perm
        (((List.range ((pre ++ [last]).map Seg.R).sum).map
          fun m => (joinSegs pre last.wins m).cur).flatMap cpuAccesses)
  | [], hok => by
    simp only [List.nil_append, List.flatMap_cons, List.flatMap_nil, List.append_nil,
      List.map_cons, List.map_nil, List.sum_cons, List.sum_nil, Nat.add_zero, joinSegs]
    exact cpuAcc_seg (hok last (by simp))
  | s :: rest, hok => by
    have ih := cpuAcc_of_segs (pre := rest) (fun x hx => hok x (List.mem_cons_of_mem s hx))
    have hs := cpuAcc_seg (hok s List.mem_cons_self)
    have hsum : ((s :: rest ++ [last]).map Seg.R).sum =
        s.R + ((rest ++ [last]).map Seg.R).sum := by
      rw [List.cons_append, List.map_cons, List.sum_cons]
    have hl : ((s :: rest ++ [last]).flatMap Seg.rows).flatMap cpuAccesses =
        s.rows.flatMap cpuAccesses ++ ((rest ++ [last]).flatMap Seg.rows).flatMap cpuAccesses := by
      rw [List.cons_append, List.flatMap_cons, List.flatMap_append]
    rw [hl, hsum, List.range_add, List.map_append]
    have hr : ∀ X Y : List (Row BabyBear),
        (X ++ Y).flatMap cpuAccesses = X.flatMap cpuAccesses ++ Y.flatMap cpuAccesses :=
      fun X Y => List.flatMap_append
    rw [hr]
    refine List.Perm.append ?_ ?_
    · have e : ((List.range s.R).map fun m => (joinSegs (s :: rest) last.wins m).cur) =
          (List.range s.R).map fun m => (s.wins m).cur := by
        apply List.map_congr_left
        intro m hm
        have := List.mem_range.mp hm
        simp only [joinSegs, joinWins, if_pos this]
      rw [e]; exact hs
    · have e : (((List.range ((rest ++ [last]).map Seg.R).sum).map (s.R + ·)).map
            fun m => (joinSegs (s :: rest) last.wins m).cur) =
          (List.range ((rest ++ [last]).map Seg.R).sum).map
            fun m => (joinSegs rest last.wins m).cur := by
        rw [List.map_map]
        apply List.map_congr_left
        intro m _
        simp only [Function.comp_apply, joinSegs, joinWins,
          if_neg (show ¬ s.R + m < s.R by omega), Nat.add_sub_cancel_left]
      rw [e]; exact ih

end Zkvm.Air.V2.Run

end
