module

public import Zkvm.Spec.ProgMessage
public import Zkvm.Air.V2.CpuSound

/-!
# Program binding: the PROG rows carry what the CPU soundness theorems assume

The CPU soundness theorems (`Zkvm.Air.V2.Cpu`, phase1.4b.cpu) take the PROG row's fields as
hypotheses, e.g. for a branch or JAL at `pc` with offset `off` that the row's target is
`progPc (pc + off)`. The fixed table's PROG row of the decoded instruction
(`Zkvm.Spec.progMessage` of `Zkvm.Spec.programRow`, which the extracted `prog_row` computes,
`Zkvm.Refinement.air.rv32im.fixed.prog_row_decode`) has exactly these fields: its target is
`clampTarget (pc + off)`, whose value is `progPc (pc + off)` (`clampTarget_toNat`), and its
constant k is `pc + 4` for JAL and JALR, `pc + imm` for AUIPC and `imm` for LUI.
-/

public section

namespace Zkvm.Air.V2.Cpu

open Zkvm.Spec Zkvm.RiscV

/-- A clamped target is `progPc` of the address. -/
theorem clampTarget_toNat (x : UInt32) : (clampTarget x).toNat = progPc x.toBitVec := by
  unfold clampTarget progPc
  by_cases h : x < 1073741824
  · have h' : x.toNat < 2 ^ 30 := by
      have := UInt32.lt_iff_toNat_lt.mp h; simpa using this
    rw [if_pos h, if_pos (by simpa using h')]
    rfl
  · have h' : ¬ x.toNat < 2 ^ 30 := by
      intro hc; exact h (UInt32.lt_iff_toNat_lt.mpr (by simpa using hc))
    rw [if_neg h, if_neg (by simpa using h')]
    rfl

/-- The message fields the CPU reads from the PROG row: the target (field 10) and the halves
of k (fields 8, 9). -/
theorem progMessage_fields (r : ProgramRow) :
    (progMessage r)[10]? = some r.target ∧ (progMessage r)[8]? = some (r.k &&& 65535) ∧
      (progMessage r)[9]? = some (r.k >>> 16) ∧ (progMessage r)[1]? = some r.pc := by
  simp [progMessage]

/-- **JAL**: the PROG row's target is `progPc (pc + off)` and its constant is `pc + 4`. -/
theorem jal_row (pc : UInt32) (rd : Reg) (off : Word) :
    ∃ r, programRow pc (.jal rd off) = some r ∧ r.target.toNat = progPc (pc.toBitVec + off) ∧
      r.k = pc + 4 ∧ r.op = 2 := by
  refine ⟨_, rfl, ?_, rfl, rfl⟩
  simp only [clampTarget_toNat]
  rfl

/-- **Branches**: the PROG row's target is `progPc (pc + off)`. -/
theorem branch_row (pc : UInt32) (c : BranchCond) (rs1 rs2 : Reg) (off : Word) :
    ∃ r, programRow pc (.branch c rs1 rs2 off) = some r ∧
      r.target.toNat = progPc (pc.toBitVec + off) ∧ 4 ≤ r.op.toNat ∧ r.op.toNat ≤ 9 := by
  refine ⟨_, rfl, ?_, ?_, ?_⟩
  · simp only [clampTarget_toNat]; rfl
  · show 4 ≤ (branchOp c).toNat; cases c <;> decide
  · show (branchOp c).toNat ≤ 9; cases c <;> decide

/-- **JALR**: the PROG row's constant is `pc + 4`. -/
theorem jalr_row (pc : UInt32) (rd rs1 : Reg) (off : Word) :
    ∃ r, programRow pc (.jalr rd rs1 off) = some r ∧ r.k = pc + 4 ∧ r.op = 3 :=
  ⟨_, rfl, rfl, rfl⟩

/-- **AUIPC**: the PROG row's constant is `pc + imm`. -/
theorem auipc_row (pc : UInt32) (rd : Reg) (imm : Word) :
    ∃ r, programRow pc (.auipc rd imm) = some r ∧ r.k = pc + ⟨imm⟩ ∧ r.op = 1 :=
  ⟨_, rfl, rfl, rfl⟩

/-- **LUI**: the PROG row's constant is `imm`. -/
theorem lui_row (pc : UInt32) (rd : Reg) (imm : Word) :
    ∃ r, programRow pc (.lui rd imm) = some r ∧ r.k = ⟨imm⟩ ∧ r.op = 0 :=
  ⟨_, rfl, rfl, rfl⟩

end Zkvm.Air.V2.Cpu
