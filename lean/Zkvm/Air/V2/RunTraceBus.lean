module

public import Zkvm.Air.V2.RunTrace
public import Zkvm.Air.V2.BusMemory
public import Zkvm.Air.V2.BoundarySound
public import Zkvm.Air.V2.PrivateSound

/-!
# The CPU table's part of the bus hypotheses, from a satisfying trace

`run_of_bus` takes, of the CPU table, that its rows' is_real, f_wr and f_exec are booleans
(`Exec.Bools`, `hxb`) and that its accesses are the run rows' (`hcpuAcc`: padding rows make
none). For the CPU table of the last segment, a trace satisfying the CPU constraints whose first
R rows are real and the rest padding, both follow from its groups: `cpu_bits_of_trace`,
`cpuAcc_of_trace` (padding rows carry no flag, so neither port nor rd access). The PRIVATE and
BOUNDARY tables' booleans follow from theirs likewise (`priv_bits_of_trace`,
`bnd_bits_of_trace`), and the RANGE rows' values below 2^16 from its (`range_of_trace`).
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

/-- **The PRIVATE rows' booleans from the trace**: real and end are 0 or 1 on every row. -/
theorem priv_bits_of_trace {tp : Trace BabyBear} {pp : Nat → BabyBear} (hs : Private.Sat tp pp)
    {T : Tables} (hT : T.priv = (List.range tp.height).map tp.row) :
    ∀ r ∈ T.priv, IsBit (r Private.Col.real) ∧ IsBit (r Private.Col.endRow) := by
  intro r hr
  rw [hT] at hr
  obtain ⟨i, hi, rfl⟩ := List.mem_map.mp hr
  have hg := hs i (List.mem_range.mp hi)
  exact ⟨Exec.bit_of_bool hg.bool_real, Exec.bit_of_bool hg.bool_end⟩

/-- **The BOUNDARY rows' booleans from the trace**: real (image or zero row, not both) and the
zero flag are 0 or 1 on every row. -/
theorem bnd_bits_of_trace {tb : Trace BabyBear} {pb : Nat → BabyBear} (hs : Boundary.Sat tb pb)
    {T : Tables} (hT : T.bnd = (List.range tb.height).map tb.row) :
    ∀ r ∈ T.bnd, IsBit (Boundary.real r) ∧ IsBit (r Boundary.Col.bZero) := by
  intro r hr
  rw [hT] at hr
  obtain ⟨i, hi, rfl⟩ := List.mem_map.mp hr
  have hi' := List.mem_range.mp hi
  exact ⟨Boundary.real_bool hs hi', Exec.bit_of_bool (hs i hi').bool_zero⟩

/-- **The RANGE rows' values from the trace**: a RANGE table of 2^16 rows satisfying its
constraints holds values below 2^16 (the run theorem's `hrangeV`). -/
theorem range_of_trace {tr : Trace BabyBear} {pr : Nat → BabyBear} (hh : tr.height = 2 ^ 16)
    (hs : ∀ i < tr.height, Range.Groups (tr.window pr i)) {T : Tables}
    (hT : T.range = (List.range tr.height).map tr.row) :
    ∀ r ∈ T.range, (r Range.Col.v).val < 2 ^ 16 := by
  intro r hr
  rw [hT] at hr
  obtain ⟨i, hi, rfl⟩ := List.mem_map.mp hr
  exact Range.lookup_lt tr pr hh hs (List.mem_range.mp hi) rfl

end Zkvm.Air.V2.Run

end
