module

public import Zkvm.Air.V2.BusNet
public import Zkvm.Air.V2.ProgLookup

/-!
# The PROG lookup from net multiplicities

A real CPU row sends its PROG message (tag 1) with multiplicity is_real = 1; the FIXED table
receives the program's rows with free multiplicities. No other table and not the statement
carries tag 1 (`prog_census`), so the PROG message's senders all have multiplicity 0 or 1 and,
when its net multiplicity over the bus is 0, some FIXED row carries it (`lookup_received`):
`prog_of_net`. With the FIXED table's PROG rows the program table (`progTable`, the messages of
the decoded code words), every real CPU row's PROG message is in the program table — the
`hprog` hypothesis of the run theorems (`progTable_of_net`).
-/

@[expose] public section

noncomputable section

namespace Zkvm.Air.V2.Exec

open Zkvm.Field Zkvm.Air.Table
open Zkvm.Air.V2.Cpu (Fraction)
open Zkvm.Air.V2.Step (progMsg progTable)

/-- Unfolds a table's fractions to one statement per fraction and decides each tag. -/
local macro "prog_census" : tactic => `(tactic| (
  simp only [Cpu.fractions, Cpu.port, Cpu.tagProg, Cpu.tagMem, Cpu.tagU16, Cpu.tagExec,
    Cpu.tagHalt, Cpu.tagExit, Alu.fractions, Logic.fractions, Logic.and4, Mul.fractions, Mul.look,
    Div.fractions, Mem.fractions, Range.fractions, Private.fractions, Boundary.fractions,
    Syscall.fractions, Syscall.access, Syscall.tagExec, Syscall.opEcall, Syscall.tagHalt,
    Syscall.tagMem, Syscall.tagIo, Syscall.tagU16, Syscall.tagPlen, Io.fractions, Io.tagIo,
    Io.tagMem, Io.tagU16, Io.tagU8,
    List.forall_mem_cons, List.not_mem_nil, false_implies, implies_true, and_true,
    List.append_assoc, List.cons_append, List.nil_append]
  <;> simp (config := { decide := true })))

variable (r : Row BabyBear)

/-- The CPU row's only PROG fraction is its PROG lookup, with multiplicity is_real. -/
theorem cpu_prog : ∀ f ∈ Cpu.fractions r, f.fields.head? = some 1 → f = ⟨r Cpu.Col.isReal, progMsg r⟩ := by
  prog_census
  rfl

theorem alu_no_prog : ∀ f ∈ Alu.fractions r, f.fields.head? ≠ some 1 := by prog_census
theorem logic_no_prog : ∀ f ∈ Logic.fractions r, f.fields.head? ≠ some 1 := by prog_census
theorem mul_no_prog : ∀ f ∈ Mul.fractions r, f.fields.head? ≠ some 1 := by prog_census
theorem div_no_prog : ∀ f ∈ Div.fractions r, f.fields.head? ≠ some 1 := by prog_census
theorem mem_no_prog : ∀ f ∈ Mem.fractions r, f.fields.head? ≠ some 1 := by prog_census
theorem syscall_no_prog : ∀ f ∈ Syscall.fractions r, f.fields.head? ≠ some 1 := by prog_census
theorem range_no_prog : ∀ f ∈ Range.fractions r, f.fields.head? ≠ some 1 := by prog_census
theorem private_no_prog : ∀ f ∈ Private.fractions r, f.fields.head? ≠ some 1 := by prog_census
theorem boundary_no_prog : ∀ f ∈ Boundary.fractions r, f.fields.head? ≠ some 1 := by prog_census

/-- An IO row's byte messages carry byteTag, which is never 1. -/
theorem io_no_prog {r : Row BabyBear} (hg : Io.Groups r) :
    ∀ f ∈ Io.fractions r, f.fields.head? ≠ some 1 := by
  have hbt := byteTag_mem hg
  simp only [List.mem_cons, List.not_mem_nil, or_false] at hbt
  have hne : Io.byteTag r ≠ 1 := by
    rcases hbt with e | e | e | e | e | e | e | e <;> rw [e] <;> decide
  intro f hf
  simp only [Io.fractions, Io.tagIo, Io.tagMem, Io.tagU16, Io.tagU8, List.mem_cons,
    List.not_mem_nil, or_false] at hf
  rcases hf with rfl | rfl | rfl | rfl | rfl | rfl | rfl | rfl | rfl | rfl | rfl | rfl | rfl | rfl
  all_goals simp only [List.head?_cons, ne_eq, Option.some.injEq]
  all_goals first | decide | exact hne

/-- **Only real CPU rows send PROG**: a table fraction with tag 1 is a CPU row's PROG lookup. -/
theorem prog_census {T : Tables} (hok : T.Ok) {f : Fraction BabyBear} (hf : f ∈ T.fractions)
    (h1 : f.fields.head? = some 1) : ∃ r ∈ T.cpu, f = ⟨r Cpu.Col.isReal, progMsg r⟩ := by
  simp only [Tables.fractions, List.mem_append, List.mem_flatMap, or_assoc] at hf
  rcases hf with ⟨r, hr, hf⟩ | ⟨r, hr, hf⟩ | ⟨r, hr, hf⟩ | ⟨r, hr, hf⟩ | ⟨r, hr, hf⟩ |
    ⟨r, hr, hf⟩ | ⟨r, hr, hf⟩ | ⟨r, hr, hf⟩ | ⟨r, hr, hf⟩ | ⟨r, hr, hf⟩ | ⟨r, hr, hf⟩
  · exact ⟨r, hr, cpu_prog r f hf h1⟩
  · exact absurd h1 (alu_no_prog r f hf)
  · exact absurd h1 (logic_no_prog r f hf)
  · exact absurd h1 (mul_no_prog r f hf)
  · exact absurd h1 (div_no_prog r f hf)
  · exact absurd h1 (mem_no_prog r f hf)
  · exact absurd h1 (syscall_no_prog r f hf)
  · exact absurd h1 (io_no_prog (hok.io r hr) f hf)
  · exact absurd h1 (range_no_prog r f hf)
  · exact absurd h1 (private_no_prog r f hf)
  · exact absurd h1 (boundary_no_prog r f hf)

/-- **A real CPU row's PROG message is a FIXED row's** (docs/air.md §12.2 (d)): with the PROG
message's net multiplicity 0 over the bus and fewer than p fractions carrying it, every CPU
row's is_real boolean (the CPU table's constraints) and the statement carrying no PROG
message. -/
theorem prog_of_net {T : Tables} {ssent srcvd : List (List BabyBear)}
    {fx : List (Fraction BabyBear)} (hok : T.Ok)
    (hreal : ∀ r ∈ T.cpu, r Cpu.Col.isReal = 0 ∨ r Cpu.Col.isReal = 1)
    (hstmt : ∀ m ∈ ssent ++ srcvd, m.head? ≠ some 1)
    {r : Row BabyBear} (hr : r ∈ T.cpu) (h1 : r Cpu.Col.isReal = 1)
    (hnet : net (progMsg r) (busFractions T ssent srcvd fx) = 0)
    (hfew : (carrying (progMsg r) (busFractions T ssent srcvd fx)).length < 2013265921) :
    ∃ f ∈ fx, f.fields = progMsg r := by
  have hprog : progMsg r = 1 :: (progMsg r).tail := rfl
  refine lookup_received (A := T.fractions ++ stmtFractions ssent srcvd) hnet
    hfew (fun f hf e => ?_) ⟨⟨r Cpu.Col.isReal, progMsg r⟩,
      List.mem_append_left _ (Tables.of_cpu hr (List.mem_of_getElem? (Step.prog_fraction r))),
      rfl, h1⟩
  have hh : f.fields.head? = some 1 := by rw [e, hprog]; rfl
  rcases List.mem_append.mp hf with hf | hf
  · obtain ⟨r', hr', rfl⟩ := prog_census hok hf hh
    exact hreal r' hr'
  · simp only [stmtFractions, List.mem_append, List.mem_map] at hf
    rcases hf with ⟨m, hm, rfl⟩ | ⟨m, hm, rfl⟩
    · exact absurd hh (hstmt m (List.mem_append_left _ hm))
    · exact absurd hh (hstmt m (List.mem_append_right _ hm))

/-- **Every real CPU row runs a program row** (the run theorems' `hprog`): with the FIXED table's
PROG rows in the program table. -/
theorem progTable_of_net {T : Tables} {ssent srcvd : List (List BabyBear)}
    {fx : List (Fraction BabyBear)} (hok : T.Ok)
    (hreal : ∀ r ∈ T.cpu, r Cpu.Col.isReal = 0 ∨ r Cpu.Col.isReal = 1)
    (hstmt : ∀ m ∈ ssent ++ srcvd, m.head? ≠ some 1) {code : List (UInt32 × UInt32)}
    (hfx : ∀ f ∈ fx, f.fields.head? = some 1 → f.fields ∈ progTable code)
    {r : Row BabyBear} (hr : r ∈ T.cpu) (h1 : r Cpu.Col.isReal = 1)
    (hnet : net (progMsg r) (busFractions T ssent srcvd fx) = 0)
    (hfew : (carrying (progMsg r) (busFractions T ssent srcvd fx)).length < 2013265921) :
    progMsg r ∈ progTable code := by
  obtain ⟨f, hf, e⟩ := prog_of_net hok hreal hstmt hr h1 hnet hfew
  rw [← e]
  exact hfx f hf (by rw [e]; rfl)

end Zkvm.Air.V2.Exec

end
