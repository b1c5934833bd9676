module

public import Zkvm.Air.V2.FixedFacts

/-!
# What the run takes of the bus

The whole-run theorem (`Run.run_of_bus`) reads the bus through a few facts (`BusFacts`): the
tables' groups and booleans, the counted balance with the statement's messages (`Balanced`),
every table's lookups, and every real CPU row's PROG message in the program table. They follow
from one bus over all the tables (`facts_of_bus`: net multiplicities 0 with fewer than p
fractions per message, the RANGE rows' values, the FIXED fractions being rows of the fixed table
of decoded program rows) or from the segments' buses (`facts_of_segments`, BusSegments.lean).
-/

@[expose] public section

noncomputable section

namespace Zkvm.Air.V2.Exec

open Zkvm.Field Zkvm.Air.Table
open Zkvm.Air.V2.Cpu (Fraction)
open Zkvm.Air.V2.Step (progMsg progTable)

/-- **What the run takes of the bus** (docs/air.md §12.2, §12.3). -/
structure BusFacts (T : Tables) (ssent srcvd : List (List BabyBear))
    (code : List (UInt32 × UInt32)) : Prop where
  ok : T.Ok
  bools : Bools T
  balanced : Balanced T ssent srcvd
  looks : T.Looks
  io : ∀ r ∈ T.io, Io.Lookups r
  cpu : ∀ r ∈ T.cpu, Cpu.Lookups r
  prog : ∀ r ∈ T.cpu, r Cpu.Col.isReal = 1 → progMsg r ∈ progTable code

/-- **The run's bus facts from one bus over all the tables**: every message's net multiplicity 0
over the tables', the statement's and the FIXED table's fractions with fewer than p fractions
each, the statement carrying no lookup and no PROG message, the RANGE rows' values below 2^16,
the FIXED fractions rows of the fixed table of program rows that decode code words, the tables'
groups and booleans, the CPU rows' f_exec and halt booleans. -/
theorem facts_of_bus {T : Tables} {ssent srcvd : List (List BabyBear)}
    {fx : List (Fraction BabyBear)} (hok : T.Ok) (hbools : Bools T)
    (hnet : NetZero T ssent srcvd fx) (hfew : FewCopies T ssent srcvd fx)
    (hstmtL : ∀ m ∈ ssent ++ srcvd, ¬ LookupTag m)
    (hstmt1 : ∀ m ∈ ssent ++ srcvd, m.head? ≠ some 1)
    (hrangeV : ∀ r ∈ T.range, (r Range.Col.v).val < 2 ^ 16)
    {prows : List Spec.ProgramRow} {image : List Spec.ImageWord}
    (hfxr : ∀ f ∈ fx, f.fields ∈ fixedFelts prows image) {code : List (UInt32 × UInt32)}
    (hprows : ∀ r ∈ prows, ∃ p ∈ code, Spec.decodeRow p.1 p.2 = some r)
    (hxb : ∀ r ∈ T.cpu, r Cpu.Col.fExec = 0 ∨ r Cpu.Col.fExec = 1)
    (hhb : ∀ r ∈ T.cpu, r Cpu.Col.halt = 0 ∨ r Cpu.Col.halt = 1) :
    BusFacts T ssent srcvd code := by
  obtain ⟨hF, hfx, hfxp⟩ := fixedFacts_of_rows code hfxr hprows
  have hB : Bus T ssent srcvd fx := ⟨hnet, hfew, hstmtL, hrangeV, hF, hok, hbools⟩
  exact ⟨hok, hbools, counts_of_bus hB hfx hxb hhb, looks_of_bus hB hxb,
    fun _ hr => io_looks hB.carries hr, fun _ hr => cpu_looks hB.carries hr,
    fun _ hr h1 => progTable_of_net hok (fun r hr => (hbools.cpu r hr).1) hstmt1 hfxp hr h1
      (hnet _) (hfew _)⟩

end Zkvm.Air.V2.Exec

end
