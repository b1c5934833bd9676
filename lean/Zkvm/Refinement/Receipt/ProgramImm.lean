module

public import Zkvm.Extracted.Receipt.Program
public import Zkvm.RiscV.Decode

/-!
# The verifier's immediates are the ISA's (`crate::receipt::program`, issue 11)

`imm_i`, `imm_s`, `imm_b`, `imm_j` (shifts, masks and an OR with the sign mask when bit 31 is
set) compute `Zkvm.RiscV.Decode.immI`/`immS`/`immB`/`immJ` (the spec's `extractLsb` slices,
concatenated and sign-extended), and `word & 0xFFFF_F000` is `Decode.immU`; none panics.
Each proof compares the 32 bits one by one (`bits32`): `bv_decide` has no SAT solver here.
-/

@[expose] public section

namespace Zkvm.Refinement.receipt.program

open Zkvm.Extraction Zkvm.Extracted Zkvm.RiscV

/-- `word >> 31 == 1` tests bit 31. -/
theorem sign_bit_one (w : UInt32) :
    (w >>> UInt32.ofNat 31 = 1) ↔ w.toBitVec.getLsbD 31 = true := by
  rw [← UInt32.toNat_inj]
  simp [UInt32.toNat_shiftRight, BitVec.getLsbD, Nat.testBit, Nat.shiftRight_eq_div_pow]
  have := w.toNat_lt
  omega

/-- Two words are equal when their 32 bits are: one `simp` per bit index. -/
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

/-- The unfolding every immediate proof starts with: shifts by constants below 32 succeed. -/
local macro "unfold_imm" : tactic => `(tactic| (
  simp only [receipt.program.imm_i, receipt.program.imm_s, receipt.program.imm_b,
    receipt.program.imm_j, receipt.program.sign_bit, U32.shr, U32.shl, Nat.reduceLT, if_true,
    Outcome.bind_ok, sign_bit_one]))

/-- `imm_i` is the I-immediate `Decode.immI`. -/
theorem imm_i_spec (w : UInt32) :
    receipt.program.imm_i w = .ok ⟨Decode.immI w.toBitVec⟩ := by
  unfold_imm
  split
  · congr 1; bits32
  · congr 1; bits32

/-- `imm_s` is the S-immediate `Decode.immS`. -/
theorem imm_s_spec (w : UInt32) :
    receipt.program.imm_s w = .ok ⟨Decode.immS w.toBitVec⟩ := by
  unfold_imm
  split
  · congr 1; bits32
  · congr 1; bits32

/-- `imm_b` is the B-immediate `Decode.immB`. -/
theorem imm_b_spec (w : UInt32) :
    receipt.program.imm_b w = .ok ⟨Decode.immB w.toBitVec⟩ := by
  unfold_imm
  split
  · congr 1; bits32
  · congr 1; bits32

/-- `imm_j` is the J-immediate `Decode.immJ`. -/
theorem imm_j_spec (w : UInt32) :
    receipt.program.imm_j w = .ok ⟨Decode.immJ w.toBitVec⟩ := by
  unfold_imm
  split
  · congr 1; bits32
  · congr 1; bits32

/-- `word & 0xFFFF_F000` (the U format's immediate in `build_row`) is `Decode.immU`. -/
theorem imm_u_spec (w : UInt32) :
    (w &&& 4294963200 : UInt32) = ⟨Decode.immU w.toBitVec⟩ := by
  bits32

end Zkvm.Refinement.receipt.program
