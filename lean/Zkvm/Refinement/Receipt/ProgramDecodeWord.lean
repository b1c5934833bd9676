module

public import Zkvm.Refinement.Receipt.ProgramDecodeMem
public import Zkvm.Refinement.Receipt.ProgramDecodeAlu
public import Zkvm.Refinement.Receipt.ProgramDecodeOpImm

/-!
# `decode_word` is `Spec.decodeRow` (issues 11 and 13)

SYSTEM words (ECALL has a row; EBREAK and every other SYSTEM word have none), words with an
opcode the decoder rejects, then every word: `decode_word pc w` is `ok` of the row of
`Zkvm.RiscV.decode`'s instruction (none when `decode` fails or gives EBREAK). So the verifier's
program rows are the executor's instructions, and `decode_word` never panics.
-/

@[expose] public section

namespace Zkvm.Refinement.receipt.program

open Zkvm.Extraction Zkvm.Extracted Zkvm.RiscV

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
local macro "start" h:ident : tactic => `(tactic| (
  simp only [receipt.program.decode_word, receipt.program.classify, receipt.program.build_row,
    U32.shr, U32.shl, Nat.reduceLT, if_true, Outcome.bind_ok, opcode_eq_iff, funct3_nat,
    funct7_nat, $h:ident]
  consts
  simp only [Spec.decodeRow, decode, $h:ident, Option.bind, Spec.programRow, rd_field, rs1_field,
    rs2_field, imm_u_spec, imm_i_spec, imm_s_spec, imm_b_spec, imm_j_spec, reg_ne_zero, clamp_target_spec]))

theorem system_case (pc w : UInt32) (h : Decode.opcode w.toBitVec = 115) :
    receipt.program.decode_word pc w = .ok ((Spec.decodeRow pc w).map toRow) := by
  by_cases hw : w = 115
  · subst hw
    start h
    simp [Spec.programRow, toRow, receipt.program.OP_ECALL]
  · have hb : w.toBitVec ≠ 0x73#32 := by
      intro e; apply hw; apply UInt32.toBitVec_inj.mp; rw [e]; rfl
    start h
    by_cases he : w.toBitVec = 0x100073#32 <;> simp [hw, hb, he, Spec.programRow]

theorem decode_none (w : BitVec 32) (h1 : Decode.opcode w ≠ 55) (h2 : Decode.opcode w ≠ 23)
    (h3 : Decode.opcode w ≠ 111) (h4 : Decode.opcode w ≠ 103) (h5 : Decode.opcode w ≠ 99)
    (h6 : Decode.opcode w ≠ 3) (h7 : Decode.opcode w ≠ 35) (h8 : Decode.opcode w ≠ 19)
    (h9 : Decode.opcode w ≠ 51) (h10 : Decode.opcode w ≠ 15) (h11 : Decode.opcode w ≠ 115) :
    decode w = none := by
  unfold decode; split <;> simp_all

theorem other_case (pc w : UInt32) (h1 : Decode.opcode w.toBitVec ≠ 55)
    (h2 : Decode.opcode w.toBitVec ≠ 23) (h3 : Decode.opcode w.toBitVec ≠ 111)
    (h4 : Decode.opcode w.toBitVec ≠ 103) (h5 : Decode.opcode w.toBitVec ≠ 99)
    (h6 : Decode.opcode w.toBitVec ≠ 3) (h7 : Decode.opcode w.toBitVec ≠ 35)
    (h8 : Decode.opcode w.toBitVec ≠ 19) (h9 : Decode.opcode w.toBitVec ≠ 51)
    (h10 : Decode.opcode w.toBitVec ≠ 15) (h11 : Decode.opcode w.toBitVec ≠ 115) :
    receipt.program.decode_word pc w = .ok ((Spec.decodeRow pc w).map toRow) := by
  rw [Spec.decodeRow, decode_none _ h1 h2 h3 h4 h5 h6 h7 h8 h9 h10 h11]
  simp only [receipt.program.decode_word, receipt.program.classify, U32.shr, Nat.reduceLT,
    if_true, Outcome.bind_ok, opcode_eq_iff, funct3_nat, funct7_nat]
  consts
  simp [h1, h2, h3, h4, h5, h6, h7, h8, h9, h10, h11]

/-- **`decode_word` is the decoder's row**: for every pc and word, the extracted
`decode_word pc w` returns the row of `Zkvm.RiscV.decode`'s instruction (`Spec.decodeRow`),
and never panics. -/
theorem decode_word_spec (pc w : UInt32) :
    receipt.program.decode_word pc w = .ok ((Spec.decodeRow pc w).map toRow) := by
  by_cases h1 : Decode.opcode w.toBitVec = 55; · exact lui_case pc w h1
  by_cases h2 : Decode.opcode w.toBitVec = 23; · exact auipc_case pc w h2
  by_cases h3 : Decode.opcode w.toBitVec = 111; · exact jal_case pc w h3
  by_cases h4 : Decode.opcode w.toBitVec = 103; · exact jalr_case pc w h4
  by_cases h5 : Decode.opcode w.toBitVec = 99; · exact branch_case pc w h5
  by_cases h6 : Decode.opcode w.toBitVec = 3; · exact load_case pc w h6
  by_cases h7 : Decode.opcode w.toBitVec = 35; · exact store_case pc w h7
  by_cases h8 : Decode.opcode w.toBitVec = 19; · exact op_imm_case pc w h8
  by_cases h9 : Decode.opcode w.toBitVec = 51; · exact op_case pc w h9
  by_cases h10 : Decode.opcode w.toBitVec = 15; · exact fence_case pc w h10
  by_cases h11 : Decode.opcode w.toBitVec = 115; · exact system_case pc w h11
  exact other_case pc w h1 h2 h3 h4 h5 h6 h7 h8 h9 h10 h11

/-- Only EBREAK has no row. -/
theorem programRow_eq_none (pc : UInt32) (i : Instr) :
    Spec.programRow pc i = none ↔ i = .ebreak := by
  cases i <;> simp [Spec.programRow]

/-- `decode_word` gives a row exactly for the words that decode to an instruction other than
EBREAK, and that row is the instruction's `Spec.programRow`. -/
theorem decode_word_some (pc w : UInt32) (r : receipt.program.ProgramRow) :
    receipt.program.decode_word pc w = .ok (some r) ↔
      ∃ i row, decode w.toBitVec = some i ∧ i ≠ .ebreak ∧ Spec.programRow pc i = some row ∧
        r = toRow row := by
  rw [decode_word_spec, Spec.decodeRow]
  constructor
  · intro e
    have e := Outcome.ok.inj e
    cases hd : decode w.toBitVec with
    | none => simp [hd] at e
    | some i =>
      cases hp : Spec.programRow pc i with
      | none => simp [hd, hp] at e
      | some row =>
        refine ⟨i, row, rfl, ?_, hp, ?_⟩
        · intro he; rw [← programRow_eq_none pc i] at he; rw [he] at hp; cases hp
        · simp [hd, hp] at e; exact e.symm
  · rintro ⟨i, row, hd, -, hp, rfl⟩
    simp [hd, hp]

/-- `decode_word` returns `ok none` exactly when the word does not decode or is EBREAK. -/
theorem decode_word_none (pc w : UInt32) :
    receipt.program.decode_word pc w = .ok none ↔
      (decode w.toBitVec = none ∨ decode w.toBitVec = some .ebreak) := by
  rw [decode_word_spec, Spec.decodeRow]
  cases hd : decode w.toBitVec with
  | none => simp
  | some i =>
    cases hp : Spec.programRow pc i with
    | none => have := (programRow_eq_none pc i).mp hp; subst this; simp [Spec.programRow]
    | some row =>
      have : i ≠ .ebreak := by intro he; rw [he] at hp; simp [Spec.programRow] at hp
      simp [hp, this]

end Zkvm.Refinement.receipt.program
