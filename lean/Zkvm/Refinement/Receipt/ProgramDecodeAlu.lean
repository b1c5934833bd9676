module

public import Zkvm.Refinement.Receipt.ProgramDecode

/-!
# `decode_word` on OP words

As `ProgramDecode`, splitting on `funct3` and on `funct7` (0, 32, 1 or another value; the
local macros repeat `ProgramDecode`'s: a macro from another module cannot run here).
-/

@[expose] public section

namespace Zkvm.Refinement.receipt.program

open Zkvm.Extraction Zkvm.Extracted Zkvm.RiscV

theorem ofNat_ne_lit {n : Nat} (hn : n < 128) (h0 : n ≠ 0) (h32 : n ≠ 32) (h1 : n ≠ 1) :
    UInt32.ofNat n ≠ 0 ∧ UInt32.ofNat n ≠ 32 ∧ UInt32.ofNat n ≠ 1 := by
  refine ⟨?_, ?_, ?_⟩ <;> intro e <;> have := congrArg UInt32.toNat e <;>
    simp only [UInt32.toNat_ofNat', UInt32.reduceToNat] at this <;> omega

theorem rs2_shamt (w : BitVec 32) : BitVec.setWidth 32 (Decode.rs2 w) = Decode.shamt w := by
  have := congrArg UInt32.toBitVec ((rs2_field (UInt32.ofBitVec w)).symm.trans
    (shamt_field (UInt32.ofBitVec w)))
  simpa using this

theorem op_none (w : BitVec 32) (a : Decode.funct7 w ≠ 0) (b : Decode.funct7 w ≠ 32)
    (c : Decode.funct7 w ≠ 1) : Decode.op w = none := by
  unfold Decode.op; split <;> simp_all

theorem op_op_none (f3 : UInt32) {f7 : UInt32} (a : f7 ≠ 0) (b : f7 ≠ 32) (c : f7 ≠ 1) :
    receipt.program.op_op f3 f7 = .ok receipt.program.NO_OP := by
  simp [receipt.program.op_op, a, b, c]

theorem op_imm_none1 (w : BitVec 32) (h3 : Decode.funct3 w = 1) (a : Decode.funct7 w ≠ 0) :
    Decode.opImm w = none := by
  unfold Decode.opImm; split <;> simp_all

theorem op_imm_none5 (w : BitVec 32) (h3 : Decode.funct3 w = 5) (a : Decode.funct7 w ≠ 0)
    (b : Decode.funct7 w ≠ 32) : Decode.opImm w = none := by
  unfold Decode.opImm; split <;> simp_all

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

/-- Unfolds `decode_word` for a word with opcode `h`, and the specification's side. -/
local macro "startU" h:ident : tactic => `(tactic| (
  simp only [receipt.program.decode_word, receipt.program.classify, receipt.program.build_row,
    U32.shr, U32.shl, Nat.reduceLT, if_true, Outcome.bind_ok, opcode_eq_iff, funct3_nat,
    funct7_nat, $h:ident]
  consts
  simp only [Spec.decodeRow, decode, $h:ident, Option.bind, Spec.programRow, rd_field, rs1_field,
    rs2_field, imm_u_spec, imm_i_spec, imm_s_spec, imm_b_spec, imm_j_spec, reg_ne_zero, clamp_target_spec, Decode.opImm, Decode.op]))

/-- Unfolds `decode_word` for a word with opcode `h`, and the specification's side. -/
local macro "start" h:ident : tactic => `(tactic| (
  simp only [receipt.program.decode_word, receipt.program.classify, receipt.program.build_row,
    U32.shr, U32.shl, Nat.reduceLT, if_true, Outcome.bind_ok, opcode_eq_iff, funct3_nat,
    funct7_nat, $h:ident]
  consts
  simp only [Spec.decodeRow, decode, $h:ident, Option.bind, Spec.programRow, rd_field, rs1_field,
    rs2_field, imm_u_spec, imm_i_spec, imm_s_spec, imm_b_spec, imm_j_spec, reg_ne_zero, clamp_target_spec]))

/-- Splits on the eight values of `funct3`. -/
local macro "f3cases" w:ident : tactic => `(tactic| (
  have hf := funct3_lt $w
  generalize Decode.funct3 (UInt32.toBitVec $w) = f3 at *
  rcases (show f3 = 0 ∨ f3 = 1 ∨ f3 = 2 ∨ f3 = 3 ∨ f3 = 4 ∨ f3 = 5 ∨ f3 = 6 ∨ f3 = 7 by omega) with
    e|e|e|e|e|e|e|e <;> subst e))

local macro "finish2" w:ident : tactic => `(tactic| (
  by_cases hr : Decode.rd (UInt32.toBitVec $w) = 0#5 <;>
  simp (config := {decide := true}) [hr, Spec.reg, Spec.writes, toRow, U32.wrapping_add,
    Spec.programRow, rs2_shamt, Spec.branchOp, Spec.loadOp, Spec.storeOp, Spec.aluOp, Spec.mulOp,
    Decode.branchCond, Decode.loadWidth, Decode.storeWidth, receipt.program.branch_op,
    receipt.program.load_op, receipt.program.store_op, receipt.program.op_imm_op,
    receipt.program.op_op, receipt.program.OP_BEQ, receipt.program.OP_BNE,
    receipt.program.OP_BLT, receipt.program.OP_BGE, receipt.program.OP_BLTU,
    receipt.program.OP_BGEU, receipt.program.OP_LB, receipt.program.OP_LH, receipt.program.OP_LW,
    receipt.program.OP_LBU, receipt.program.OP_LHU, receipt.program.OP_SB, receipt.program.OP_SH,
    receipt.program.OP_SW, receipt.program.OP_ADD, receipt.program.OP_SUB,
    receipt.program.OP_SLL, receipt.program.OP_SLT, receipt.program.OP_SLTU,
    receipt.program.OP_XOR, receipt.program.OP_SRL, receipt.program.OP_SRA,
    receipt.program.OP_OR, receipt.program.OP_AND, receipt.program.OP_MUL,
    receipt.program.OP_MULH, receipt.program.OP_MULHSU, receipt.program.OP_MULHU,
    receipt.program.OP_DIV, receipt.program.OP_DIVU, receipt.program.OP_REM,
    receipt.program.OP_REMU, receipt.program.OP_JALR, receipt.program.NO_OP]))

theorem op_case (pc w : UInt32) (h : Decode.opcode w.toBitVec = 51) :
    receipt.program.decode_word pc w = .ok ((Spec.decodeRow pc w).map toRow) := by
  have h7 := funct7_lt w
  by_cases e : Decode.funct7 w.toBitVec = 0 ∨ Decode.funct7 w.toBitVec = 32 ∨
      Decode.funct7 w.toBitVec = 1
  · startU h
    rcases e with e|e|e <;> simp only [e] <;> f3cases w <;> finish2 w
  · simp only [not_or] at e
    obtain ⟨a, b, c⟩ := e
    obtain ⟨a', b', c'⟩ := ofNat_ne_lit h7 a b c
    start h
    simp [op_op_none _ a' b' c', op_none _ a b c, receipt.program.NO_OP]

end Zkvm.Refinement.receipt.program
