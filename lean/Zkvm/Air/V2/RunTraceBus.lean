module

public import Zkvm.Air.V2.RunTrace
public import Zkvm.Air.V2.BusMemory

/-!
# The CPU table's part of the bus hypotheses, from a satisfying trace

`run_of_bus` takes, of the CPU table, that its rows' is_real, f_wr and f_exec are booleans
(`Exec.Bools`, `hxb`) and that its accesses are the run rows' (`hcpuAcc`: padding rows make
none). For the CPU table of the last segment, a trace satisfying the CPU constraints whose first
R rows are real and the rest padding, both follow from its groups: `cpu_bits_of_trace`,
`cpuAcc_of_trace` (padding rows carry no flag, so neither port nor rd access).
-/

@[expose] public section

noncomputable section

namespace Zkvm.Air.V2.Run

open Zkvm.Field Zkvm.Air.Table Zkvm.Air.Memory Zkvm.Air.V2.Cpu Zkvm.Air.V2.Cpu.Col
open Zkvm.Air.V2.Exec (Tables IsBit)

variable {t : Trace BabyBear} {pub : Nat → BabyBear}

/-- **The CPU rows' booleans from the trace**: is_real, f_wr and f_exec are 0 or 1 on every row. -/
theorem cpu_bits_of_trace (hs : t.Satisfies constraintFn pub) {T : Tables}
    (hT : T.cpu = (List.range t.height).map t.row) :
    ∀ r ∈ T.cpu, IsBit (r isReal) ∧ IsBit (r fWr) ∧ IsBit (r fExec) := by
  intro r hr
  rw [hT] at hr
  obtain ⟨i, hi, rfl⟩ := List.mem_map.mp hr
  have hg := groups_at hs (List.mem_range.mp hi)
  exact ⟨real_cases hg, flag_cases hg (by simp [flags]), flag_cases hg (by simp [flags])⟩

/-- A padding row makes no access. -/
theorem cpuAccesses_pad {r : Row BabyBear} (hr : r isReal = 0) (hw : r fWr = 0) :
    cpuAccesses r = [] := by
  simp only [cpuAccesses, hr, hw, show ¬ ((0 : BabyBear) = 1) by decide, if_false,
    List.append_nil]

/-- **The CPU table's accesses are the run rows'**: the trace's first R rows are the run's, and
the rows after them are padding, which make no access. -/
theorem cpuAcc_of_trace (hs : t.Satisfies constraintFn pub) {R : Nat} (hR : R ≤ t.height)
    (hpad : ∀ i, R ≤ i → i < t.height → t.row i isReal = 0) {T : Tables}
    (hT : T.cpu = (List.range t.height).map t.row) :
    (T.cpu.flatMap cpuAccesses).Perm
      (((List.range R).map fun m => (t.window pub m).cur).flatMap cpuAccesses) := by
  have hsplit : List.range t.height = List.range R ++ (List.range (t.height - R)).map (R + ·) := by
    rw [← List.range_add]; congr 1; omega
  have hnone : ∀ i ∈ (List.range (t.height - R)).map (R + ·), cpuAccesses (t.row i) = [] := by
    intro i hi
    obtain ⟨j, hj, rfl⟩ := List.mem_map.mp hi
    have hj' := List.mem_range.mp hj
    have hp := hpad (R + j) (by omega) (by omega)
    have hw := (groups_at hs (i := R + j) (by omega)).pad_flags fWr (by simp [flags])
    rw [window_cur, hp] at hw
    exact cpuAccesses_pad hp (by grind)
  have hrest : (((List.range (t.height - R)).map (R + ·)).map t.row).flatMap cpuAccesses = [] := by
    rw [List.flatMap_map]
    exact List.flatMap_eq_nil_iff.mpr hnone
  rw [hT, hsplit, List.map_append, List.flatMap_append, hrest, List.append_nil]
  exact List.Perm.refl _

end Zkvm.Air.V2.Run

end
