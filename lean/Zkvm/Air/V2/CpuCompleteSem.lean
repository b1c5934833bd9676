module

public import Zkvm.Air.V2.CpuCompleteRow
public import Zkvm.Air.V2.CpuSound

/-!
# The CPU table: the next pc the builder writes follows the semantics' step

`build_segment` writes the executor's next pc (`step.next_pc`) into the row. For a step of the
semantics that succeeds (`execBranch`, `execJal`, `execJalr`, and every step ending in
`s.next`), with the PROG row's fields (the flags of the instruction's kind, the target
pc + imm below 2^30) and, for a branch, the ALU's result c = [taken], the row's next pc meets
`Step.NextPcRule`, the next-pc part of `Step.Ok` (`nextPcRule_seq`, `nextPcRule_branch`,
`nextPcRule_jal`, `nextPcRule_jalr`).
-/

@[expose] public section

noncomputable section

namespace Zkvm.Air.V2.Cpu

open Zkvm.Field Zkvm.RiscV Zkvm.Air.Table Col

namespace Step

variable {q : Step} {s s' : State}

theorem toNat_add_four {p : Word} (hp : p.toNat < 2 ^ 30) : (p + 4).toNat = p.toNat + 4 := by
  rw [BitVec.toNat_add, show (4 : Word).toNat = 4 from rfl]; omega

/-- Every step ending in `s.next` (no jump flag): the executor's next pc is pc + 4. -/
theorem nextPcRule_seq (h3 : q.bit 3 = 0) (h1 : q.bit 1 = 0) (h2 : q.bit 2 = 0)
    (hpc : q.pc = s.pc.toNat) (hpc30 : s.pc.toNat < 2 ^ 30) (hs : s'.pc = s.pc + 4)
    (hn : q.nextPc = s'.pc.toNat) : q.NextPcRule := by
  refine Or.inl ⟨h3, h1, h2, ?_⟩
  rw [hn, hs, toNat_add_four hpc30, hpc]

/-- A branch: the target when taken (c = 1), pc + 4 otherwise (c = 0). -/
theorem nextPcRule_branch {cond : BranchCond} {rs1 rs2 : Reg} {offset : Word}
    (h3 : q.bit 3 = 0) (h1 : q.bit 1 = 1) (h2 : q.bit 2 = 0)
    (hpc : q.pc = s.pc.toNat) (hpc30 : s.pc.toNat < 2 ^ 30)
    (htarget : q.target = (s.pc + offset).toNat)
    (hc : q.c = if cond.holds (s.reg rs1) (s.reg rs2) then 1 else 0)
    (hs : execBranch s cond rs1 rs2 offset = .ok s') (hn : q.nextPc = s'.pc.toNat) :
    q.NextPcRule := by
  refine Or.inr (Or.inl ⟨h3, h1, h2, ?_⟩)
  unfold execBranch at hs
  by_cases hb : cond.holds (s.reg rs1) (s.reg rs2) = true
  · rw [if_pos hb] at hs hc
    left
    rw [hc, hn, pc_of_jumpTo hs, htarget]
    exact ⟨rfl, rfl⟩
  · rw [if_neg hb] at hs hc
    right
    cases hs
    rw [hc, hn, hpc]
    exact ⟨rfl, toNat_add_four hpc30⟩

/-- JAL: the target. -/
theorem nextPcRule_jal {rd : Reg} {offset : Word} (h3 : q.bit 3 = 0) (h1 : q.bit 1 = 0)
    (h2 : q.bit 2 = 1) (htarget : q.target = (s.pc + offset).toNat)
    (hs : execJal s rd offset = .ok s') (hn : q.nextPc = s'.pc.toNat) : q.NextPcRule := by
  refine Or.inr (Or.inr (Or.inl ⟨h3, h1, h2, ?_⟩))
  unfold execJal at hs
  rw [hn, pc_of_jumpTo hs, htarget]

/-- JALR: any next pc (the ALU's row constrains it). -/
theorem nextPcRule_jalr (h3 : q.bit 3 = 1) (h1 : q.bit 1 = 0) (h2 : q.bit 2 = 0) :
    q.NextPcRule :=
  Or.inr (Or.inr (Or.inr ⟨h3, h1, h2⟩))

end Step

end Zkvm.Air.V2.Cpu

end
