module

public import Zkvm.Air.V2.RunIo
public import Zkvm.Air.V2.Run

/-!
# The memory argument's accesses of a witness, and the ports they give

The run theorems take `Ports accs r` for every CPU row: which accesses of the memory argument
happen at the row's times 4 clk + 1, 2, 3 and, for register cells, 4 clk + 4. This file builds
the accesses from the tables' rows, as their MEM messages make them (docs/air.md §12.1), and
derives `Ports` from that list:

* `witnessAccs cpu mem sys io`: the CPU rows' ports that are on (rs1, rs2 on real rows, rd with
  f_wr), each real MEM row's word, a SYSCALL row's reads of a1 and a2 (read and write rows), its
  cursor (where `cursorOn`) and the output cursor (exit), each real IO row's word;
* `ports_of_witness`: a real CPU row whose clk no other CPU row has meets `Ports`: the CPU's
  ports are the only accesses at times 4 clk + 1 … 3 (every other table accesses at 4 clk + 4),
  and at 4 clk + 4 the only accesses to register cells are the SYSCALL row's reads;
* `ports_of_rows`: so every row of a run (`CpuRows`, real rows) meets `Ports` over the witness's
  accesses, the run theorems' `hports`.

The step from the bus's balanced MEM messages to `Hypotheses` over this list (encoding each
access as its MEM messages) is not made here.
-/

@[expose] public section

noncomputable section

namespace Zkvm.Air.V2.Run

open Zkvm.Field Zkvm.RiscV Zkvm.Air.Table Zkvm.Air.Memory Zkvm.Air.V2.Cpu Zkvm.Air.V2.Cpu.Col

/-- The exit row's read of the output cursor (IO, 1) at 4 clk + 4. -/
def outAccess (rs : Row BabyBear) : Access Cell Val :=
  ⟨(3, 1), 4 * (rs Syscall.Col.clk).val + 1 + 1 + 1 + 1, (rs Syscall.Col.out, 0),
    (rs Syscall.Col.tOut).val, (rs Syscall.Col.out, 0)⟩

/-- The accesses a CPU row makes: its ports that are on. -/
def cpuAccesses (r : Row BabyBear) : List (Access Cell Val) :=
  (if r isReal = 1 then [rs1Access r, rs2Access r] else []) ++
    (if r fWr = 1 then [rdAccess r] else [])

/-- The access a MEM row makes. -/
def memAccesses (rm : Row BabyBear) : List (Access Cell Val) :=
  if Mem.real rm = 1 then [memAccess rm] else []

/-- The accesses a SYSCALL row makes. -/
def syscallAccesses (rs : Row BabyBear) : List (Access Cell Val) :=
  (if Syscall.moves rs = 1 then [bufAccess rs, lenAccess rs] else []) ++
    (if Syscall.cursorOn rs = 1 then [curAccess rs] else []) ++
    (if rs Syscall.Col.fExit = 1 then [outAccess rs] else [])

/-- The access an IO row makes. -/
def ioAccesses (ri : Row BabyBear) : List (Access Cell Val) :=
  if Io.real ri = 1 then [ioAccess ri] else []

/-- **The memory argument's accesses of a witness**: every table's, as its MEM messages make them. -/
def witnessAccs (cpu mem sys io : List (Row BabyBear)) : List (Access Cell Val) :=
  cpu.flatMap cpuAccesses ++ mem.flatMap memAccesses ++ sys.flatMap syscallAccesses ++
    io.flatMap ioAccesses

/-- Where an access of a witness comes from. -/
theorem mem_witnessAccs {cpu mem sys io : List (Row BabyBear)} {a : Access Cell Val}
    (h : a ∈ witnessAccs cpu mem sys io) :
    (∃ r ∈ cpu, a ∈ cpuAccesses r) ∨ (∃ rm ∈ mem, a ∈ memAccesses rm) ∨
      (∃ rs ∈ sys, a ∈ syscallAccesses rs) ∨ (∃ ri ∈ io, a ∈ ioAccesses ri) := by
  simp only [witnessAccs, List.mem_append, List.mem_flatMap] at h
  rcases h with ((h | h) | h) | h
  · exact Or.inl h
  · exact Or.inr (Or.inl h)
  · exact Or.inr (Or.inr (Or.inl h))
  · exact Or.inr (Or.inr (Or.inr h))

/-- Every table but the CPU accesses at a time 4 clk + 4. -/
theorem port3_time {mem sys io : List (Row BabyBear)} {a : Access Cell Val}
    (h : (∃ rm ∈ mem, a ∈ memAccesses rm) ∨ (∃ rs ∈ sys, a ∈ syscallAccesses rs) ∨
      (∃ ri ∈ io, a ∈ ioAccesses ri)) : a.ts % 4 = 0 := by
  rcases h with ⟨rm, -, ha⟩ | ⟨rs, -, ha⟩ | ⟨ri, -, ha⟩
  · unfold memAccesses at ha; split at ha
    · simp only [List.mem_singleton] at ha; subst ha; simp only [memAccess]; omega
    · cases ha
  · unfold syscallAccesses at ha
    simp only [List.mem_append] at ha
    rcases ha with (ha | ha) | ha <;> split at ha <;>
      simp only [List.mem_cons, List.mem_singleton, List.not_mem_nil, or_false] at ha
    all_goals first
      | (rcases ha with rfl | rfl <;> simp only [bufAccess, lenAccess] <;> omega)
      | (subst ha; simp only [curAccess, outAccess]; omega)
      | cases ha
  · unfold ioAccesses at ha; split at ha
    · simp only [List.mem_singleton] at ha; subst ha; simp only [ioAccess]; omega
    · cases ha

theorem mem_cpuAccesses {r : Row BabyBear} {a : Access Cell Val} (h : a ∈ cpuAccesses r) :
    (r isReal = 1 ∧ (a = rs1Access r ∨ a = rs2Access r)) ∨ (r fWr = 1 ∧ a = rdAccess r) := by
  unfold cpuAccesses at h
  rcases List.mem_append.mp h with h | h <;> split at h
  · rename_i h1
    rcases List.mem_cons.mp h with h | h
    · exact Or.inl ⟨h1, Or.inl h⟩
    · exact Or.inl ⟨h1, Or.inr (List.mem_singleton.mp h)⟩
  · cases h
  · rename_i h1
    exact Or.inr ⟨h1, List.mem_singleton.mp h⟩
  · cases h

/-- **The ports of a CPU row, from the witness's accesses**: a real CPU row whose clk no other CPU
row has (clk counts the rows) meets `Ports`, when every MEM and IO row meets its groups (so their
cells are word cells, not registers). -/
theorem ports_of_witness {cpu mem sys io : List (Row BabyBear)} {r : Row BabyBear} (hr : r ∈ cpu)
    (hreal : r isReal = 1) (hdist : ∀ r' ∈ cpu, (r' clk).val = (r clk).val → r' = r)
    (hmem : ∀ rm ∈ mem, Mem.Groups rm) (hio : ∀ ri ∈ io, Io.Groups ri) :
    Ports (witnessAccs cpu mem sys io) r := by
  have hin : ∀ a ∈ cpuAccesses r, a ∈ witnessAccs cpu mem sys io := fun a ha => by
    simp only [witnessAccs, List.mem_append, List.mem_flatMap]
    exact Or.inl (Or.inl (Or.inl ⟨r, hr, ha⟩))
  -- an access at a time not divisible by 4 is a CPU port of the row with that clk
  have hcpu : ∀ a ∈ witnessAccs cpu mem sys io, a.ts % 4 ≠ 0 → ∃ r' ∈ cpu, a ∈ cpuAccesses r' :=
    fun a ha h4 => by
      rcases mem_witnessAccs ha with h | h
      · exact h
      · exact absurd (port3_time h) h4
  refine ⟨hin _ (by simp [cpuAccesses, hreal]), hin _ (by simp [cpuAccesses, hreal]),
    fun hw => hin _ (by simp [cpuAccesses, hw]), fun a ha ht => ?_, fun a ha ht => ?_,
    fun a ha ht => ?_, fun a ha ht hc => ?_⟩
  · obtain ⟨r', hr', ha'⟩ := hcpu a ha (by omega)
    rcases mem_cpuAccesses ha' with ⟨-, rfl | rfl⟩ | ⟨-, rfl⟩
    · simp only [rs1Access] at ht
      rw [hdist r' hr' (by omega)]
    · simp only [rs2Access] at ht; omega
    · simp only [rdAccess] at ht; omega
  · obtain ⟨r', hr', ha'⟩ := hcpu a ha (by omega)
    rcases mem_cpuAccesses ha' with ⟨-, rfl | rfl⟩ | ⟨-, rfl⟩
    · simp only [rs1Access] at ht; omega
    · simp only [rs2Access] at ht
      rw [hdist r' hr' (by omega)]
    · simp only [rdAccess] at ht; omega
  · obtain ⟨r', hr', ha'⟩ := hcpu a ha (by omega)
    rcases mem_cpuAccesses ha' with ⟨-, rfl | rfl⟩ | ⟨hw, rfl⟩
    · simp only [rs1Access] at ht; omega
    · simp only [rs2Access] at ht; omega
    · simp only [rdAccess] at ht
      have := hdist r' hr' (by omega)
      subst this
      exact ⟨hw, rfl⟩
  · rcases mem_witnessAccs ha with ⟨r', -, ha'⟩ | ⟨rm, hrm, ha'⟩ | ⟨rs, -, ha'⟩ | ⟨ri, hri, ha'⟩
    · rcases mem_cpuAccesses ha' with ⟨-, rfl | rfl⟩ | ⟨-, rfl⟩ <;>
        simp only [rs1Access, rs2Access, rdAccess] at ht <;> omega
    · unfold memAccesses at ha'; split at ha'
      · simp only [List.mem_singleton] at ha'; subst ha'
        exact absurd hc (wordCell_ne (memAccess_wordCell (hmem rm hrm)))
      · cases ha'
    · unfold syscallAccesses at ha'
      simp only [List.mem_append] at ha'
      rcases ha' with (ha' | ha') | ha' <;> split at ha' <;>
        simp only [List.mem_cons, List.mem_singleton, List.not_mem_nil, or_false] at ha'
      all_goals first
        | (rcases ha' with rfl | rfl <;> rfl)
        | (subst ha'; simp only [curAccess] at hc; exact absurd hc (by decide))
        | (subst ha'; rfl)
        | cases ha'
    · unfold ioAccesses at ha'; split at ha'
      · simp only [List.mem_singleton] at ha'; subst ha'
        exact absurd hc (wordCell_ne (ioAccess_wordCell (hio ri hri)))
      · cases ha'

/-- **The ports of every row of a run**: with the witness's CPU rows the run's rows 0 … N − 1
(real, row n at clk n: `CpuRows`), every row meets `Ports` over the witness's accesses, so the
run theorems' `hports` holds. -/
theorem ports_of_rows {wins : Nat → Window BabyBear} {N : Nat} (hrows : CpuRows wins 0 N)
    (hreal : ∀ n < N, (wins n).cur isReal = 1) {mem sys io : List (Row BabyBear)}
    (hmem : ∀ rm ∈ mem, Mem.Groups rm) (hio : ∀ ri ∈ io, Io.Groups ri) :
    ∀ n < N, Ports (witnessAccs ((List.range N).map fun m => (wins m).cur) mem sys io)
      (wins n).cur := by
  intro n hn
  refine ports_of_witness (List.mem_map.mpr ⟨n, List.mem_range.mpr hn, rfl⟩) (hreal n hn)
    (fun r' hr' he => ?_) hmem hio
  obtain ⟨m, hm, rfl⟩ := List.mem_map.mp hr'
  have hm' := List.mem_range.mp hm
  rw [hrows.clk m hm', hrows.clk n hn] at he
  rw [show m = n by omega]

end Zkvm.Air.V2.Run

end
