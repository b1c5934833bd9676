module

public import Zkvm.Air.V2.RunBusWhole
public import Zkvm.Air.V2.RunBoundary

/-!
# Every time on the memory bus is below p

`run_of_bus` reads the MEM messages as the memory argument's accesses and boundary rows through
an encoding that is injective only on times below p (`hts`). For the witness's accesses and
boundary rows (`witnessAccs`, `witnessBnd`) every time is:

* a previous timestamp or a BOUNDARY row's final timestamp is a column's value (`.val < p`,
  `witnessAccs_prev_lt`);
* an access's own time is at most `4N` (`witness_ts_le`: the CPU rows' ports and every MEM,
  SYSCALL and IO access at a requesting run row's port 3), below p for runs of fewer than 2^28
  rows; the table's CPU rows make the run rows' accesses (`hcpuAcc`);
* the I/O cursors' boundary rows are closed at the statement's final time `ts` and the PRIVATE
  end row's time (a column's value).

`hts_of_witness` collects them.
-/

@[expose] public section

noncomputable section

namespace Zkvm.Air.V2.Run

open Zkvm.Field Zkvm.Air.Table Zkvm.Air.Memory Zkvm.Air.V2.Cpu Zkvm.Air.V2.Cpu.Col
open Zkvm.Air.V2.Exec (Tables ExecBalanced IoBalanced)

/-- Every previous timestamp of a witness's access is a column's value, below p. -/
theorem witnessAccs_prev_lt (cpu mem sys io : List (Row BabyBear)) :
    ∀ a ∈ witnessAccs cpu mem sys io, a.prevTs < P := by
  intro a ha
  rcases mem_witnessAccs ha with ⟨r, -, ha'⟩ | ⟨rm, -, ha'⟩ | ⟨rs, -, ha'⟩ | ⟨ri, -, ha'⟩
  · rcases mem_cpuAccesses ha' with ⟨-, rfl | rfl⟩ | ⟨-, rfl⟩ <;>
      simp only [rs1Access, rs2Access, rdAccess] <;> exact BabyBear.val_lt _
  · unfold memAccesses at ha'; split at ha'
    · simp only [List.mem_singleton] at ha'; subst ha'; exact BabyBear.val_lt _
    · cases ha'
  · unfold syscallAccesses at ha'
    simp only [List.mem_append] at ha'
    rcases ha' with (ha' | ha') | ha' <;> split at ha' <;>
      simp only [List.mem_cons, List.not_mem_nil, or_false] at ha'
    all_goals first
      | (rcases ha' with rfl | rfl <;> simp only [bufAccess, lenAccess] <;>
          exact BabyBear.val_lt _)
      | (subst ha'; simp only [curAccess, outAccess]; exact BabyBear.val_lt _)
  · unfold ioAccesses at ha'; split at ha'
    · simp only [List.mem_singleton] at ha'; subst ha'; exact BabyBear.val_lt _
    · cases ha'

/-- **Every time on the memory bus is below p** (`run_of_bus`'s `hts`) for the witness's
accesses and boundary rows, when the EXEC and IO messages balance, the real IO rows are in range,
the run has fewer than 2^28 rows, the CPU table's accesses are the run rows' and the statement
closes the cursors at a time below p. -/
theorem hts_of_witness {T : Tables} (hok : T.Ok) (hexec : ExecBalanced T) (hiob : IoBalanced T)
    (hrange : ∀ ri ∈ T.io, Io.real ri = 1 →
      (ri Io.Col.wa).val < 2 ^ 28 ∧ Io.firstPos ri < 2 ^ 30)
    {wins : Nat → Window BabyBear} {N : Nat} (hrows : CpuRows wins 0 N)
    (hreq : ∀ r ∈ T.cpu, r Cpu.Col.fExec = 1 → ∃ m < N, r = (wins m).cur)
    (hN : N < 2 ^ 28)
    (hcpuAcc : (T.cpu.flatMap cpuAccesses).Perm
      (((List.range N).map fun m => (wins m).cur).flatMap cpuAccesses))
    {consumed outLen : BabyBear} {ts : Nat} (hts : ts < P) {re : Row BabyBear} :
    ∀ x ∈ sent (witnessAccs T.cpu T.mem T.sys T.io) (witnessBnd T consumed outLen ts re) ++
      received (witnessAccs T.cpu T.mem T.sys T.io) (witnessBnd T consumed outLen ts re),
      x.2.2 < P := by
  have hP : P = 2013265921 := P_eq
  -- the table's accesses are the run's
  have hmem : ∀ a ∈ witnessAccs T.cpu T.mem T.sys T.io,
      a ∈ witnessAccs ((List.range N).map fun m => (wins m).cur) T.mem T.sys T.io := by
    intro a ha
    unfold witnessAccs at ha ⊢
    simp only [List.mem_append] at ha ⊢
    rcases ha with ((h | h) | h) | h
    · exact Or.inl (Or.inl (Or.inl (hcpuAcc.mem_iff.mp h)))
    · exact Or.inl (Or.inl (Or.inr h))
    · exact Or.inl (Or.inr h)
    · exact Or.inr h
  have hle := witness_ts_le hok hexec hiob hrange hrows hreq
  intro x hx
  simp only [sent, received, List.mem_append, List.mem_map] at hx
  rcases hx with (⟨a, ha, rfl⟩ | ⟨b, hb, rfl⟩) | (⟨a, ha, rfl⟩ | ⟨b, hb, rfl⟩)
  · have := hle a (hmem a ha)
    simp only [Access.send]; omega
  · simp only [Boundary.send]; omega
  · simp only [Access.recv]; exact witnessAccs_prev_lt _ _ _ _ a ha
  · simp only [Boundary.recv]
    unfold witnessBnd at hb
    simp only [List.mem_append, List.mem_map, List.mem_cons, List.not_mem_nil, or_false] at hb
    rcases hb with ⟨r, -, rfl⟩ | rfl | rfl | rfl
    · simp only [bndRec]; exact BabyBear.val_lt _
    · simp only [cursorRec]; exact hts
    · simp only [cursorRec]; exact hts
    · simp only [cursorRec]; exact BabyBear.val_lt _

end Zkvm.Air.V2.Run

end
