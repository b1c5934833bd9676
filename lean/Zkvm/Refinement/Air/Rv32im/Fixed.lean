module

public import Zkvm.Extracted.Air.Rv32im.Fixed
public import Zkvm.Extraction.Lemmas
public import Zkvm.Refinement.Receipt.ProgramDecodeWord
public import Zkvm.Spec.ProgMessage

/-!
# The extracted PROG rows compute `Zkvm.Spec.progMessage`

The fixed table's PROG row of a program row (`air::rv32im::fixed::prog_row`, with `exec_op`
and `flags`) is the spec's `progMessage`, for every row whose op is below 38, so for every row
of the decoder (`prog_row_decode`): the PROG rows the verifier builds from a program are the
messages of the Lean RV32IM decoding of its words, computed without panicking.
-/

@[expose] public section

noncomputable section

namespace Zkvm.Refinement.air.rv32im.fixed

open Zkvm.Extraction Zkvm.Extracted Zkvm.Spec
open Zkvm.Refinement.receipt.program (toRow)

theorem exec_op_spec (r : ProgramRow) (h : r.op.toNat < 38) :
    air.rv32im.fixed.exec_op (toRow r) = .ok (execOp r) := by
  unfold air.rv32im.fixed.exec_op execOp
  by_cases hu : r.useImm = 1
  · simp only [toRow, hu, if_true]
    exact U32.add_eq _ _ (by simp [air.rv32im.bus.IMM_OP_OFFSET]; omega)
  · simp only [toRow, hu, if_false, pure_ok]

set_option maxHeartbeats 2000000 in
/-- `flags` packs the six PROG flags (`progFlags`), never overflowing. -/
theorem flags_spec (r : ProgramRow) :
    air.rv32im.fixed.flags (toRow r) = .ok (progFlags r) := by
  unfold air.rv32im.fixed.flags progFlags flagBr flagK flagExec
  simp only [toRow, receipt.program.OP_BEQ, receipt.program.OP_BGEU, receipt.program.OP_JAL,
    receipt.program.OP_JALR, receipt.program.OP_LUI, receipt.program.OP_AUIPC,
    receipt.program.OP_FENCE]
  by_cases h1 : r.writeRd = 1 <;>
    simp (config := { maxSteps := 4000000 }) (disch := decide) only [h1, if_true, if_false, ok_bind, pure_ok, U32.add_eq] <;>
  by_cases h2 : (decide (r.op ≥ 4) && decide (r.op ≤ 9)) = true <;>
    simp (config := { maxSteps := 4000000 }) (disch := decide) only [h2, if_true, if_false,
      pure_ok, U32.add_eq, Bool.false_eq_true] <;>
  by_cases h3 : r.op = 2 <;>
    (try simp (config := { maxSteps := 4000000 }) (disch := decide) only [h3, if_true, if_false,
      ok_bind, pure_ok, U32.add_eq]) <;>
  by_cases h4 : r.op = 3 <;>
    (try simp (config := { maxSteps := 4000000 }) (disch := decide) only [h4, if_true, if_false,
      ok_bind, pure_ok, U32.add_eq]) <;>
  (repeat' split) <;> simp_all <;> decide


theorem toRow_fields (r : ProgramRow) : (toRow r).op = r.op ∧ (toRow r).pc = r.pc ∧
    (toRow r).rs1 = r.rs1 ∧ (toRow r).rs2 = r.rs2 ∧ (toRow r).rd = r.rd ∧ (toRow r).imm = r.imm ∧
    (toRow r).k = r.k ∧ (toRow r).target = r.target := ⟨rfl, rfl, rfl, rfl, rfl, rfl, rfl, rfl⟩

/-- **`prog_row` is `progMessage`** for every row whose op is below 38; it never panics. -/
theorem prog_row_spec (r : ProgramRow) (h : r.op.toNat < 38) :
    air.rv32im.fixed.prog_row (toRow r) = .ok (progMessage r) := by
  unfold air.rv32im.fixed.prog_row progMessage air.rv32im.fixed.lo air.rv32im.fixed.hi
  have h16 : U32.shr r.imm 16 = .ok (r.imm >>> 16) := U32.shr_eq _ 16 (by decide)
  have h16' : U32.shr r.k 16 = .ok (r.k >>> 16) := U32.shr_eq _ 16 (by decide)
  obtain ⟨e1, e2, e3, e4, e5, e6, e7, e8⟩ := toRow_fields r
  rw [exec_op_spec r h, flags_spec]
  by_cases he : r.op = 36
  · simp only [e1, e2, e3, e4, e5, e6, e7, e8, receipt.program.OP_ECALL, he, if_true, pure_ok,
      ok_bind, h16, h16', air.rv32im.fixed.ECALL_RS1, air.rv32im.bus.TAG_PROG]
  · simp only [e1, e2, e3, e4, e5, e6, e7, e8, receipt.program.OP_ECALL, he, if_false, pure_ok,
      ok_bind, h16, h16', air.rv32im.bus.TAG_PROG]

/-- **Program binding, code side**: for every word of the program that the decoder turns into
a row (`decode_word` returns `toRow r` exactly when `Spec.decodeRow pc w = some r`,
phase2.program), the fixed table's PROG row is `progMessage r`, computed without panicking. -/
theorem prog_row_decode (pc w : UInt32) (r : ProgramRow) (h : decodeRow pc w = some r) :
    receipt.program.decode_word pc w = .ok (some (toRow r)) ∧
      air.rv32im.fixed.prog_row (toRow r) = .ok (progMessage r) := by
  refine ⟨?_, prog_row_spec r (decodeRow_op_lt pc w r h)⟩
  rw [Zkvm.Refinement.receipt.program.decode_word_spec, h]
  rfl

end Zkvm.Refinement.air.rv32im.fixed
