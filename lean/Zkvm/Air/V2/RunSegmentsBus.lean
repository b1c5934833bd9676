module

public import Zkvm.Air.V2.RunTraceSegs
public import Zkvm.Air.V2.BusSegments

/-!
# Joined segments meet the whole-run theorem's CPU and bus premises

`run_of_bus` (RunBusWhole.lean) takes, of the tables it reads, the run's rows in the CPU table
(`RunRows`) and the bus facts (`Exec.BusFacts`). For a run proved in segments both come from the
segments: the CPU rows from every segment's CPU trace joined in order (`runRows_of_segs`,
RunTraceSegs.lean), the bus facts from every segment's bus over its local messages and one sum
over all segments for the global ones (`Exec.facts_of_segments`, BusSegments.lean), over the
union of the segments' tables (`Exec.Tables.union`). `segments_premises` puts the two together:
`run_of_bus` then applies to the union of the segments' tables with the joined windows, under its
remaining hypotheses (proofs-status.md, the whole run).
-/

@[expose] public section

noncomputable section

namespace Zkvm.Air.V2.Run

open Zkvm.Field Zkvm.Air.Table
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

end Zkvm.Air.V2.Run

end
