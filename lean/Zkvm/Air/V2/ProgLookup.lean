module

public import Zkvm.Air.V2.StepBasic
public import Zkvm.RiscV.Step
public import Zkvm.Air.BusLookups

/-!
# The PROG lookup: a CPU row runs the instruction its pc's word decodes to

The fixed table holds, for every (pc, word) of the program's code whose word decodes to an
instruction with a row (EBREAK has none), that row's PROG message (`progTable`, the content
`fixed::prog_row` computes from `decode_word`, `Zkvm.Refinement.air.rv32im.fixed.prog_row_decode`).
A real CPU row sends its PROG message, a lookup into that table; when the message is one of the
table's (what the bus gives, as `BusLookups` does for the other fixed lookups):
* `runs_of_prog`: the row runs (`Step.Runs`) the instruction the word at its pc decodes to;
* `step_of_prog`: if the semantics' code map holds the same words, the semantics' `step` from a
  running state at that pc is `execute` of that instruction, the instruction whose whole step
  `Zkvm.Air.V2.Step` proves;
* `prog_of_bus`: a balanced bus whose only PROG receivers are the program rows puts the row's
  PROG message in the table.
-/

@[expose] public section

noncomputable section

namespace Zkvm.Air.V2.Step

open Zkvm.Field Zkvm.RiscV Zkvm.Air.Table Zkvm.Air.V2.Cpu Zkvm.Air.V2.Cpu.Col
open Zkvm.Air.V2.Exec (felt)

/-- The program table's PROG messages: one per (pc, word) of the code whose word has a row. -/
def progTable (code : List (UInt32 × UInt32)) : List (List BabyBear) :=
  code.filterMap (fun p => (Spec.decodeRow p.1 p.2).map (fun row => (Spec.progMessage row).map felt))

/-- **The PROG lookup gives `Runs`**: a row whose PROG message is in the program table runs the
instruction its pc's word decodes to, and its pc column is that pc. -/
theorem runs_of_prog {r : Row BabyBear} (code : List (UInt32 × UInt32))
    (hcode : ∀ p ∈ code, p.1.toNat < 2 ^ 30) (hm : progMsg r ∈ progTable code) :
    ∃ p ∈ code, ∃ i, decode p.2.toBitVec = some i ∧ Runs r p.1.toBitVec i ∧
      (r pc).val = p.1.toNat := by
  obtain ⟨p, hp, hrow⟩ := List.mem_filterMap.mp hm
  cases hd : Spec.decodeRow p.1 p.2 with
  | none => rw [hd] at hrow; simp at hrow
  | some row =>
    rw [hd] at hrow
    simp only [Option.map_some, Option.some.injEq] at hrow
    unfold Spec.decodeRow at hd
    cases hi : decode p.2.toBitVec with
    | none => rw [hi] at hd; simp at hd
    | some i =>
      rw [hi, Option.bind_some] at hd
      refine ⟨p, hp, i, hi, ⟨row, hd, hrow.symm⟩, ?_⟩
      obtain ⟨hpc, -⟩ := prog_fields hrow.symm
      have hrp : row.pc = p.1 := by
        cases i <;> simp only [Spec.programRow, Option.some.injEq, reduceCtorEq] at hd <;>
          subst hd <;> rfl
      rw [hpc, hrp, val_felt (by have := hcode p hp; omega)]

/-- **The semantics' step is the row's instruction's**: when the semantics' code map holds the
program's words and the state runs (no exit yet) at the row's pc, `step` is `execute` of the
instruction the row runs. -/
theorem step_of_prog {r : Row BabyBear} {s : State} (code : List (UInt32 × UInt32))
    (hcode : ∀ p ∈ code, p.1.toNat < 2 ^ 30)
    (hfetch : ∀ p ∈ code, s.code p.1.toBitVec = some p.2.toBitVec)
    (hm : progMsg r ∈ progTable code) (hpc : (r pc).val = s.pc.toNat)
    (hrun : s.exitCode = none) :
    ∃ i, Runs r s.pc i ∧ step s = execute s i := by
  obtain ⟨p, hp, i, hdec, hruns, hpv⟩ := runs_of_prog code hcode hm
  have he : p.1.toBitVec = s.pc := BitVec.eq_of_toNat_eq (by rw [← hpc, hpv]; rfl)
  rw [he] at hruns
  refine ⟨i, hruns, ?_⟩
  unfold step
  rw [hrun, ← he, hfetch p hp]
  simp only [Option.isSome_none, Bool.false_eq_true, ↓reduceIte, hdec]

/-- **From the bus**: when the bus balances and the fixed table's program rows are the only
receivers of PROG (tag 1), a PROG message a CPU row sends is one of them. -/
theorem prog_of_bus {r : Row BabyBear} (code : List (UInt32 × UInt32))
    {sent rcvd : List (List BabyBear)} (hbal : Zkvm.Air.BusLookups.Balanced sent rcvd)
    (honly : ∀ m ∈ rcvd, m.head? = some 1 → m ∈ progTable code) (hs : progMsg r ∈ sent) :
    progMsg r ∈ progTable code :=
  honly _ (Zkvm.Air.BusLookups.mem_rcvd hbal hs) rfl

end Zkvm.Air.V2.Step

end
