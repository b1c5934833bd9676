module

public import Zkvm.Air.V2.CpuBasic
public import Zkvm.RiscV.Execute

/-!
# The CPU table against the RV32IM semantics: next pc and rd = k, per kind of instruction

A real CPU row of an instruction executed in state `s` (its pc column is `s.pc`, 4-aligned and below
2^30 as every program row's pc, docs/air.md §10.1). The PROG row's fields are stated as hypotheses, as
docs/air.md §10.1 defines them:
* `target`: for branches and JAL, `progPc (pc + imm)`: pc + imm (mod 2^32) when below 2^30, else
  2^30 (never a pc);
* `k`: LUI imm, AUIPC pc + imm, JAL and JALR pc + 4 (mod 2^32);
* the flags of the instruction's kind (f_br for branches, f_jal for JAL, f_jalr for JALR, none of
  the three otherwise; f_k for LUI, AUIPC, JAL, JALR).
What a coprocessor guarantees through EXEC (docs/air.md §4) is a hypothesis too: for a branch,
c_lo = [taken] (the ALU's `branch_sound`); for JALR, next_pc = (a + imm) with bit 0 cleared
(the ALU's `jalr_sound`).

Then the row's next pc is the semantics' next pc, as PROG encodes pcs (`progPc`: exact when the
new pc is below 2^30, which every pc of a next row is): `seq_sound` (every instruction without a
jump flag, whose step is s.next), `branch_sound`, `jal_sound`, `jalr_sound` (exact), and rd's new
value is the semantics' (`lui_sound`, `auipc_sound`, `jal_rd_sound`, `jalr_rd_sound`).
-/

@[expose] public section

noncomputable section

namespace Zkvm.Air.V2.Cpu

open Zkvm.Field Zkvm.RiscV Zkvm.Air.Table Col

/-- How a program row holds a jump target (docs/air.md §10.1 `target`): the address when below
2^30, else 2^30, which is never a pc. -/
def progPc (x : Word) : Nat := if x.toNat < 2 ^ 30 then x.toNat else 2 ^ 30

theorem progPc_of_lt {x : Word} (h : x.toNat < 2 ^ 30) : progPc x = x.toNat := by
  simp [progPc, h]

theorem progPc_le (x : Word) : progPc x ≤ 2 ^ 30 := by
  unfold progPc; split <;> omega

theorem pc_setReg (s : State) (r : Reg) (v : Word) : (s.setReg r v).pc = s.pc := by
  unfold State.setReg; split <;> rfl

theorem regs_setReg_length (s : State) (r : Reg) (v : Word) :
    (s.setReg r v).regs.length = s.regs.length := State.setReg_length s r v

/-- A successful jump lands at its target. -/
theorem pc_of_jumpTo {s s' : State} {t : Word} (h : s.jumpTo t = .ok s') : s' = { s with pc := t } := by
  unfold State.jumpTo at h
  split at h
  · cases h; rfl
  · cases h

/-- pc + 4 as PROG holds it, from a pc below 2^30. -/
theorem val_pc_plus_4 {x : BabyBear} {p : Word} (hx : x.val = p.toNat) (hp : p.toNat < 2 ^ 30)
    (h4 : p.toNat % 4 = 0) :
    (x + 4).val = progPc (p + 4) := by
  have e : x + 4 = ((x.val + 4 : Nat) : BabyBear) := by push_natCast
  rw [e, val_cast (by omega), hx]
  have e4 : (p + 4).toNat = p.toNat + 4 := by
    rw [BitVec.toNat_add, show (4 : Word).toNat = 4 from rfl]; omega
  unfold progPc
  split <;> omega

variable {w : Window BabyBear} {s s' : State}

/-- **Sequential instructions** (no jump flag; every instruction whose step ends in `s.next`:
LUI, AUIPC, loads, stores, ALU, M, FENCE, read and write ECALLs): the next pc is pc + 4. -/
theorem seq_sound (hg : Groups w) (hjalr : w.cur fJalr = 0) (hbr : w.cur fBr = 0)
    (hjal : w.cur fJal = 0) (hpc : (w.cur pc).val = s.pc.toNat) (hpc30 : s.pc.toNat < 2 ^ 30)
    (hpc4 : s.pc.toNat % 4 = 0)
    (hs : s'.pc = s.pc + 4) : (w.cur nextPc).val = progPc s'.pc := by
  rw [nextPc_seq hg hjalr hbr hjal, hs]
  exact val_pc_plus_4 hpc hpc30 hpc4

/-- **Branches**: the next pc is the target if the condition holds (c_lo = 1, the ALU's
guarantee), else pc + 4, as the semantics' `execBranch`. -/
theorem branch_sound {cond : BranchCond} {rs1 rs2 : Reg} {offset : Word} (hg : Groups w)
    (hjalr : w.cur fJalr = 0) (hbr : w.cur fBr = 1) (hjal : w.cur fJal = 0)
    (hpc : (w.cur pc).val = s.pc.toNat) (hpc30 : s.pc.toNat < 2 ^ 30)
    (hpc4 : s.pc.toNat % 4 = 0)
    (htarget : (w.cur target).val = progPc (s.pc + offset))
    (hc : w.cur cLo = if cond.holds (s.reg rs1) (s.reg rs2) then 1 else 0)
    (hs : execBranch s cond rs1 rs2 offset = .ok s') : (w.cur nextPc).val = progPc s'.pc := by
  unfold execBranch at hs
  by_cases hb : cond.holds (s.reg rs1) (s.reg rs2) = true
  · rw [if_pos hb] at hs hc
    rw [nextPc_branch_taken hg hjalr hbr hjal hc, htarget, pc_of_jumpTo hs]
  · rw [if_neg hb] at hs hc
    cases hs
    rw [nextPc_branch_not_taken hg hjalr hbr hjal hc]
    exact val_pc_plus_4 hpc hpc30 hpc4

/-- **JAL**: the next pc is the target pc + offset. -/
theorem jal_sound {rd : Reg} {offset : Word} (hg : Groups w) (hjalr : w.cur fJalr = 0)
    (hbr : w.cur fBr = 0) (hjal : w.cur fJal = 1)
    (htarget : (w.cur target).val = progPc (s.pc + offset))
    (hs : execJal s rd offset = .ok s') : (w.cur nextPc).val = progPc s'.pc := by
  unfold execJal at hs
  rw [nextPc_jal hg hjalr hbr hjal, htarget, pc_of_jumpTo hs]

/-- **JALR**: the next pc is the one the EXEC message carries, which the ALU proves is
(rs1 + offset) with bit 0 cleared: the semantics' next pc, exactly. -/
theorem jalr_sound {rd rs1 : Reg} {offset : Word}
    (hexec : (w.cur nextPc).val = ((s.reg rs1 + offset) &&& ~~~1#32).toNat)
    (hs : execJalr s rd rs1 offset = .ok s') : (w.cur nextPc).val = s'.pc.toNat := by
  unfold execJalr at hs
  rw [hexec, pc_of_jumpTo hs]

/-! ## rd's new value: the program's constant k -/

/-- The register written by a step that sets `rd` to `v` (and then moves the pc). -/
theorem reg_rd {rd : Reg} {v : Word} (hlen : s.regs.length = 32) (hrd : rd ≠ 0) :
    (s.setReg rd v).reg rd = v := State.reg_setReg_self s hlen hrd v

/-- **LUI**: rd gets c = k = imm; the next pc is pc + 4. -/
theorem lui_sound {rd : Reg} {imm : Word} (hg : Groups w) (hk : w.cur fK = 1)
    (hkv : kWord w.cur = imm) (hlen : s.regs.length = 32) (hrd : rd ≠ 0)
    (hs : execLui s rd imm = .ok s') : s'.reg rd = cWord w.cur := by
  unfold execLui at hs
  cases hs
  rw [cWord_of_fK hg hk, hkv]
  exact reg_rd hlen hrd

/-- **AUIPC**: rd gets c = k = pc + imm. -/
theorem auipc_sound {rd : Reg} {imm : Word} (hg : Groups w) (hk : w.cur fK = 1)
    (hkv : kWord w.cur = s.pc + imm) (hlen : s.regs.length = 32) (hrd : rd ≠ 0)
    (hs : execAuipc s rd imm = .ok s') : s'.reg rd = cWord w.cur := by
  unfold execAuipc at hs
  cases hs
  rw [cWord_of_fK hg hk, hkv]
  exact reg_rd hlen hrd

/-- **JAL**: rd gets c = k = pc + 4. -/
theorem jal_rd_sound {rd : Reg} {offset : Word} (hg : Groups w) (hk : w.cur fK = 1)
    (hkv : kWord w.cur = s.pc + 4) (hlen : s.regs.length = 32) (hrd : rd ≠ 0)
    (hs : execJal s rd offset = .ok s') : s'.reg rd = cWord w.cur := by
  unfold execJal at hs
  rw [pc_of_jumpTo hs, cWord_of_fK hg hk, hkv]
  exact reg_rd hlen hrd

/-- **JALR**: rd gets c = k = pc + 4 (the target was computed from rs1 before). -/
theorem jalr_rd_sound {rd rs1 : Reg} {offset : Word} (hg : Groups w) (hk : w.cur fK = 1)
    (hkv : kWord w.cur = s.pc + 4) (hlen : s.regs.length = 32) (hrd : rd ≠ 0)
    (hs : execJalr s rd rs1 offset = .ok s') : s'.reg rd = cWord w.cur := by
  unfold execJalr at hs
  rw [pc_of_jumpTo hs, cWord_of_fK hg hk, hkv]
  exact reg_rd hlen hrd

end Zkvm.Air.V2.Cpu

end
