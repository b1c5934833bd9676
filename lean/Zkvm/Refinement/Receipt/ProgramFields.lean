module

public import Zkvm.Refinement.Receipt.ProgramImm

/-!
# The verifier's instruction fields are the ISA's (`crate::receipt::program`, issue 11)

The masks and shifts of `classify` and `build_row` extract `Decode.opcode`, `funct3`,
`funct7`, `rd`, `rs1` and `rs2` (the spec's `extractLsb` slices): as words (the register
fields zero-extended to 32 bits) and as naturals. The shift amounts appear as
`UInt32.ofNat k`, the form `U32.shr` unfolds to.
-/

@[expose] public section

namespace Zkvm.Refinement.receipt.program

open Zkvm.Extraction Zkvm.Extracted Zkvm.RiscV

/-- `bits32` of `ProgramImm`, for these fields (a macro from another module cannot run here: its
compiled code is not loaded by this toolchain). -/
local macro "bits32" : tactic => `(tactic| (
  apply UInt32.toBitVec_inj.mp; apply BitVec.eq_of_getLsbD_eq; intro i hi
  rcases (show i = 0 ∨ i = 1 ∨ i = 2 ∨ i = 3 ∨ i = 4 ∨ i = 5 ∨ i = 6 ∨ i = 7 ∨ i = 8 ∨ i = 9 ∨
      i = 10 ∨ i = 11 ∨ i = 12 ∨ i = 13 ∨ i = 14 ∨ i = 15 ∨ i = 16 ∨ i = 17 ∨ i = 18 ∨ i = 19 ∨
      i = 20 ∨ i = 21 ∨ i = 22 ∨ i = 23 ∨ i = 24 ∨ i = 25 ∨ i = 26 ∨ i = 27 ∨ i = 28 ∨ i = 29 ∨
      i = 30 ∨ i = 31 by omega) with
    rfl|rfl|rfl|rfl|rfl|rfl|rfl|rfl|rfl|rfl|rfl|rfl|rfl|rfl|rfl|rfl|rfl|rfl|rfl|rfl|rfl|rfl|rfl|
    rfl|rfl|rfl|rfl|rfl|rfl|rfl|rfl|rfl <;>
  simp only [Decode.immI, Decode.immS, Decode.immB, Decode.immJ, Decode.immU,
    BitVec.getLsbD_signExtend, BitVec.getLsbD_append, BitVec.getLsbD_extractLsb,
    BitVec.getLsbD_setWidth, BitVec.msb_eq_getLsbD_last] <;>
  simp_all [Decode.immI, Decode.immS, Decode.immB, Decode.immJ, Decode.immU,
    BitVec.getLsbD_signExtend, BitVec.getLsbD_append, BitVec.getLsbD_extractLsb,
    BitVec.getMsbD, BitVec.getLsbD_setWidth, BitVec.getElem_signExtend, BitVec.getElem_append,
    BitVec.getElem_extractLsb', BitVec.extractLsb, BitVec.getElem_setWidth,
    BitVec.msb_eq_getLsbD_last]))


theorem rd_field (w : UInt32) :
    (w >>> UInt32.ofNat 7) &&& 31 = ⟨(Decode.rd w.toBitVec).setWidth 32⟩ := by
  unfold Decode.rd; bits32

theorem rs1_field (w : UInt32) :
    (w >>> UInt32.ofNat 15) &&& 31 = ⟨(Decode.rs1 w.toBitVec).setWidth 32⟩ := by
  unfold Decode.rs1; bits32

theorem rs2_field (w : UInt32) :
    (w >>> UInt32.ofNat 20) &&& 31 = ⟨(Decode.rs2 w.toBitVec).setWidth 32⟩ := by
  unfold Decode.rs2; bits32

/-- The shift amount of the immediate shifts is the `rs2` field. -/
theorem shamt_field (w : UInt32) :
    (w >>> UInt32.ofNat 20) &&& 31 = ⟨Decode.shamt w.toBitVec⟩ := by
  unfold Decode.shamt; bits32

theorem opcode_word (w : UInt32) :
    w &&& 127 = ⟨(w.toBitVec.extractLsb 6 0).setWidth 32⟩ := by
  bits32

theorem funct3_word (w : UInt32) :
    (w >>> UInt32.ofNat 12) &&& 7 = ⟨(w.toBitVec.extractLsb 14 12).setWidth 32⟩ := by
  bits32

theorem funct7_word (w : UInt32) :
    w >>> UInt32.ofNat 25 = ⟨(w.toBitVec.extractLsb 31 25).setWidth 32⟩ := by
  bits32

/-- A word holding a zero-extended field has the field's value. -/
theorem toNat_setWidth_field {n : Nat} (x : BitVec n) (hn : n ≤ 32) :
    (⟨x.setWidth 32⟩ : UInt32).toNat = x.toNat := by
  show (x.setWidth 32).toNat = x.toNat
  rw [BitVec.toNat_setWidth]
  exact Nat.mod_eq_of_lt (Nat.lt_of_lt_of_le x.isLt (Nat.pow_le_pow_right (by decide) hn))

theorem opcode_toNat (w : UInt32) : (w &&& 127).toNat = Decode.opcode w.toBitVec := by
  rw [opcode_word, toNat_setWidth_field _ (by decide)]; rfl

theorem funct3_toNat (w : UInt32) :
    ((w >>> UInt32.ofNat 12) &&& 7).toNat = Decode.funct3 w.toBitVec := by
  rw [funct3_word, toNat_setWidth_field _ (by decide)]; rfl

theorem funct7_toNat (w : UInt32) :
    (w >>> UInt32.ofNat 25).toNat = Decode.funct7 w.toBitVec := by
  rw [funct7_word, toNat_setWidth_field _ (by decide)]; rfl

theorem rd_toNat (w : UInt32) :
    ((w >>> UInt32.ofNat 7) &&& 31).toNat = (Decode.rd w.toBitVec).toNat := by
  rw [rd_field, toNat_setWidth_field _ (by decide)]

theorem rs1_toNat (w : UInt32) :
    ((w >>> UInt32.ofNat 15) &&& 31).toNat = (Decode.rs1 w.toBitVec).toNat := by
  rw [rs1_field, toNat_setWidth_field _ (by decide)]

theorem rs2_toNat (w : UInt32) :
    ((w >>> UInt32.ofNat 20) &&& 31).toNat = (Decode.rs2 w.toBitVec).toNat := by
  rw [rs2_field, toNat_setWidth_field _ (by decide)]

end Zkvm.Refinement.receipt.program
