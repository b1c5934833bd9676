module

public import Zkvm.Refinement.Receipt.ProgramFields
public import Zkvm.Spec.Program

/-!
# `decode_word` computes `Spec.decodeRow`, one opcode class at a time (issues 11, 13)

For a word with a given opcode (`Decode.opcode`), the extracted `decode_word pc w` returns
`ok` of `Spec.decodeRow pc w` (the decoder's instruction, if any and not EBREAK, turned into
its program row), so it never panics on such words. `start` unfolds both sides with the
field and immediate lemmas of `ProgramFields`/`ProgramImm`.
-/

@[expose] public section

namespace Zkvm.Refinement.receipt.program

open Zkvm.Extraction Zkvm.Extracted Zkvm.RiscV

/-- The extracted row of a specification row. -/
def toRow (r : Spec.ProgramRow) : receipt.program.ProgramRow :=
  ⟨r.pc, r.op, r.useImm, r.rs1, r.rs2, r.rd, r.writeRd, r.imm, r.k, r.target⟩

theorem opcode_eq_iff (w c : UInt32) : w &&& 127 = c ↔ Decode.opcode w.toBitVec = c.toNat := by
  rw [← UInt32.toNat_inj, opcode_toNat]

theorem funct3_eq_iff (w c : UInt32) :
    (w >>> UInt32.ofNat 12) &&& 7 = c ↔ Decode.funct3 w.toBitVec = c.toNat := by
  rw [← UInt32.toNat_inj, funct3_toNat]

theorem funct7_eq_iff (w c : UInt32) :
    w >>> UInt32.ofNat 25 = c ↔ Decode.funct7 w.toBitVec = c.toNat := by
  rw [← UInt32.toNat_inj, funct7_toNat]

theorem reg_ne_zero (r : Reg) : (⟨r.setWidth 32⟩ : UInt32) ≠ 0 ↔ r ≠ 0 := by
  constructor
  · intro h e; apply h; subst e; rfl
  · intro h e; apply h
    have := congrArg UInt32.toNat e
    rw [toNat_setWidth_field _ (by decide)] at this
    exact BitVec.eq_of_toNat_eq (by simpa using this)

local macro "consts" : tactic => `(tactic| simp only [receipt.program.OPCODE_LUI,
  receipt.program.OPCODE_AUIPC, receipt.program.OPCODE_JAL, receipt.program.OPCODE_JALR,
  receipt.program.OPCODE_BRANCH, receipt.program.OPCODE_LOAD, receipt.program.OPCODE_STORE,
  receipt.program.OPCODE_OP_IMM, receipt.program.OPCODE_OP, receipt.program.OPCODE_MISC_MEM,
  receipt.program.OPCODE_SYSTEM, receipt.program.WORD_ECALL, receipt.program.NO_OP,
  receipt.program.FMT_U, receipt.program.FMT_J, receipt.program.FMT_I, receipt.program.FMT_SHIFT,
  receipt.program.FMT_B, receipt.program.FMT_S, receipt.program.FMT_R, receipt.program.FMT_ECALL,
  receipt.program.FMT_FENCE, receipt.program.OP_LUI, receipt.program.OP_AUIPC,
  receipt.program.OP_JAL, receipt.program.OP_JALR, receipt.program.ECALL_RS1,
  receipt.program.ECALL_RS2, receipt.program.ECALL_RD, UInt32.reduceToNat, Nat.reduceEqDiff,
  decide_true, decide_false, Bool.false_eq_true, if_true, if_false, ite_true, ite_false,
  Outcome.bind_ok, Outcome.pure_eq, pure_bind, bind_pure])

theorem funct3_lt (w : UInt32) : Decode.funct3 w.toBitVec < 8 :=
  (BitVec.extractLsb 14 12 w.toBitVec).isLt

theorem funct7_lt (w : UInt32) : Decode.funct7 w.toBitVec < 128 :=
  (BitVec.extractLsb 31 25 w.toBitVec).isLt

theorem funct3_nat (w : UInt32) :
    (w >>> UInt32.ofNat 12) &&& 7 = UInt32.ofNat (Decode.funct3 w.toBitVec) := by
  rw [← funct3_toNat, UInt32.ofNat_toNat]

theorem funct7_nat (w : UInt32) :
    w >>> UInt32.ofNat 25 = UInt32.ofNat (Decode.funct7 w.toBitVec) := by
  rw [← funct7_toNat, UInt32.ofNat_toNat]

theorem clamp_target_spec (t : UInt32) :
    receipt.program.clamp_target t = .ok (Spec.clampTarget t) := by
  unfold receipt.program.clamp_target Spec.clampTarget receipt.program.TARGET_LIMIT
  split <;> rfl

/-- Unfolds `decode_word` for a word with opcode `h`, and the specification's side. -/
local macro "start" h:ident : tactic => `(tactic| (
  simp only [receipt.program.decode_word, receipt.program.classify, receipt.program.build_row,
    U32.shr, U32.shl, Nat.reduceLT, if_true, Outcome.bind_ok, opcode_eq_iff, funct3_nat,
    funct7_nat, $h:ident]
  consts
  simp only [Spec.decodeRow, decode, $h:ident, Option.bind, Spec.programRow, rd_field, rs1_field,
    rs2_field, imm_u_spec, imm_i_spec, imm_s_spec, imm_b_spec, imm_j_spec, reg_ne_zero, clamp_target_spec]))

local macro "finish" w:ident : tactic => `(tactic| (
  by_cases hr : Decode.rd (UInt32.toBitVec $w) = 0#5 <;>
  simp [hr, Spec.reg, Spec.writes, toRow, U32.wrapping_add, Spec.programRow, Spec.branchOp,
    Spec.loadOp, Spec.storeOp, Spec.aluOp, Spec.mulOp]))

theorem lui_case (pc w : UInt32) (h : Decode.opcode w.toBitVec = 55) :
    receipt.program.decode_word pc w = .ok ((Spec.decodeRow pc w).map toRow) := by
  start h; finish w

theorem auipc_case (pc w : UInt32) (h : Decode.opcode w.toBitVec = 23) :
    receipt.program.decode_word pc w = .ok ((Spec.decodeRow pc w).map toRow) := by
  start h; finish w

theorem jal_case (pc w : UInt32) (h : Decode.opcode w.toBitVec = 111) :
    receipt.program.decode_word pc w = .ok ((Spec.decodeRow pc w).map toRow) := by
  start h; finish w

theorem fence_case (pc w : UInt32) (h : Decode.opcode w.toBitVec = 15) :
    receipt.program.decode_word pc w = .ok ((Spec.decodeRow pc w).map toRow) := by
  start h
  by_cases h3 : Decode.funct3 w.toBitVec = 0
  · simp [h3, toRow, Spec.programRow, receipt.program.OP_FENCE]
  · have : UInt32.ofNat (Decode.funct3 w.toBitVec) ≠ 0 := by
      intro e; apply h3; have := congrArg UInt32.toNat e
      simpa [Nat.mod_eq_of_lt (Nat.lt_trans (funct3_lt w) (by decide : 8 < 2 ^ 32))] using this
    simp [h3, this]

end Zkvm.Refinement.receipt.program
