module

public import Zkvm.Extracted.Air.Rv32im.Cpu
public import Zkvm.Refinement.Air.Rv32im.Cpu
public import Zkvm.Air.V2.CpuMessages

/-!
# The extracted CPU bus messages compute `Zkvm.Air.V2.Cpu.messages`

On every row of 37 extension elements, `air::rv32im::cpu::messages` returns exactly the named
fractions of `Zkvm.Air.V2.Cpu.fractions` (the PROG lookup, the three register ports, the EXEC
request, HALT and EXIT), flattened, and never panics: the bus messages the verifier folds into
the LogUp columns are the ones the whole-run proof reads.
-/

@[expose] public section

noncomputable section

namespace Zkvm.Refinement.air.rv32im.cpu

open Zkvm.Extraction Zkvm.Extracted Zkvm.Field Zkvm.Field.Ext4
open Zkvm.Refinement.field.extension (toExt)
open Zkvm.Refinement.air.expr
open Zkvm.Refinement.air.rv32im.alu (zero_add' ofNat_numeral)

/-- The packed flags after `n` of the loop's steps: `Σ_{j<n} 2^j · flag_j`. -/
def packedAfter (r : Nat → Ext4) (n : Nat) : Ext4 :=
  ((List.range n).foldl (fun a j => a + Ext4.ofNat (2 ^ j) *
    r ((air.rv32im.cpu.FLAGS.getD j 0).toNat)) 0)

theorem packed_flags_spec (r : Nat → Ext4) :
    air.rv32im.cpu.packed_flags (locOf 37 r) = .ok (toExt (packedAfter r 6)) := by
  have hF : Slice.len air.rv32im.cpu.FLAGS = 6 := rfl
  have hmem : ∀ c ∈ air.rv32im.cpu.FLAGS, c.toNat < 37 := by decide
  unfold air.rv32im.cpu.packed_flags
  rw [zero_spec, ok_bind]
  apply loop_bind_ok
    (P := fun s => s.2.2.toNat ≤ 6 ∧ s.2.1.toNat = 2 ^ s.2.2.toNat ∧
      s.1 = toExt (packedAfter r s.2.2.toNat))
    (Q := fun s => s.1 = toExt (packedAfter r 6))
  · intro ⟨acc, w, f⟩ ⟨hf, hw, hacc⟩
    dsimp only at hf hw hacc
    subst hacc
    dsimp only
    by_cases hlt : f < Slice.len air.rv32im.cpu.FLAGS
    · have hlt' : f.toNat < 6 := by rw [hF, UInt64.lt_iff_toNat_lt] at hlt; exact hlt
      have e : (f + 1).toNat = f.toNat + 1 := by simp only [UInt64.toNat_add]; simp; omega
      have hw32 : 2 ^ f.toNat ≤ 32 := by
        have : 2 ^ f.toNat ≤ 2 ^ 5 := Nat.pow_le_pow_right (by decide) (by omega)
        simpa using this
      have ew : (w * 2).toNat = 2 ^ (f.toNat + 1) := by
        simp only [UInt32.toNat_mul, hw]; simp [Nat.pow_succ]; omega
      left
      refine ⟨(toExt (packedAfter r (f.toNat + 1)), w * 2, f + 1), ?_, ?_, ?_⟩
      · rw [if_pos hlt, konst_spec w (by rw [hw]; simp [P]; omega), ok_bind,
          Slice.index_eq air.rv32im.cpu.FLAGS f hlt', ok_bind,
          index_locOf 37 r _ (hmem _ (List.getElem_mem _)), ok_bind, mul_spec, ok_bind,
          add_spec, ok_bind, U32.mul_eq w 2 (by rw [hw]; simp; omega), ok_bind,
          Usize.add_eq f 1 (by simp; omega), ok_bind, pure_ok, hw]
        simp only [packedAfter, List.range_succ, List.foldl_append, List.foldl_cons,
          List.foldl_nil, List.getD_eq_getElem?_getD,
          List.getElem?_eq_getElem (show f.toNat < air.rv32im.cpu.FLAGS.length from hlt'),
          Option.getD_some]
      · show 2 ^ 64 - (f + 1).toNat < 2 ^ 64 - f.toNat
        rw [e]; omega
      · exact ⟨by rw [e]; omega, by rw [e, ew], by rw [e]⟩
    · right
      refine ⟨_, by rw [if_neg hlt, pure_ok], ?_⟩
      have e : f.toNat = 6 := by
        have : ¬ f.toNat < 6 := fun h => hlt (by rw [hF, UInt64.lt_iff_toNat_lt]; exact h)
        omega
      dsimp only
      rw [e]
  · exact ⟨by simp, by simp, by simp [packedAfter]⟩
  · intro ⟨acc, w, f⟩ h
    dsimp only at h
    subst h
    rfl

theorem packedAfter_six (r : Nat → Ext4) :
    packedAfter r 6 = Zkvm.Air.V2.Cpu.packedFlags r := by
  simp only [packedAfter, List.range, List.range.loop, List.foldl_cons, List.foldl_nil,
    air.rv32im.cpu.FLAGS, List.getD_cons_zero, List.getD_cons_succ, UInt64.reduceToNat,
    Zkvm.Air.V2.Cpu.packedFlags, Zkvm.Air.V2.Cpu.Col.fWr, Zkvm.Air.V2.Cpu.Col.fBr,
    Zkvm.Air.V2.Cpu.Col.fJal, Zkvm.Air.V2.Cpu.Col.fJalr, Zkvm.Air.V2.Cpu.Col.fK,
    Zkvm.Air.V2.Cpu.Col.fExec, Nat.reducePow, ofNat_numeral]
  grind

set_option maxRecDepth 20000 in
/-- **`messages` is the spec**: on every row, the extracted CPU bus messages are the named
fractions of `Cpu.fractions`, flattened (multiplicity, then fields, tag first); it never
panics. -/
theorem messages_spec (r : Nat → Ext4) :
    air.rv32im.cpu.messages (locOf 37 r) [] = .ok ((Zkvm.Air.V2.Cpu.messages r).map toExt) := by
  unfold air.rv32im.cpu.messages air.rv32im.cpu.port air.rv32im.cpu.timestamp
  simp (config := { maxSteps := 4000000 }) (disch := decide) only [ok_bind, pure_ok, index_locOf,
    add_spec, sub_spec, mul_spec, neg_spec, one_spec, konst_spec, Slice.push, U32.add_eq,
    packed_flags_spec, packedAfter_six]
  refine congrArg Outcome.ok ?_
  simp only [air.rv32im.cpu.IS_REAL, air.rv32im.cpu.HALT, air.rv32im.cpu.CLK, air.rv32im.cpu.PC, air.rv32im.cpu.NEXT_PC, air.rv32im.cpu.OP, air.rv32im.cpu.RS1, air.rv32im.cpu.RS2, air.rv32im.cpu.RD, air.rv32im.cpu.IMM_LO, air.rv32im.cpu.IMM_HI, air.rv32im.cpu.K_LO, air.rv32im.cpu.K_HI, air.rv32im.cpu.TARGET, air.rv32im.cpu.F_WR, air.rv32im.cpu.F_BR, air.rv32im.cpu.F_JAL, air.rv32im.cpu.F_JALR, air.rv32im.cpu.F_K, air.rv32im.cpu.F_EXEC, air.rv32im.cpu.A_LO, air.rv32im.cpu.A_HI, air.rv32im.cpu.B_LO, air.rv32im.cpu.B_HI, air.rv32im.cpu.C_LO, air.rv32im.cpu.C_HI, air.rv32im.cpu.T1, air.rv32im.cpu.T2, air.rv32im.cpu.T3, air.rv32im.cpu.G1_LO, air.rv32im.cpu.G1_HI, air.rv32im.cpu.G2_LO, air.rv32im.cpu.G2_HI, air.rv32im.cpu.G3_LO, air.rv32im.cpu.G3_HI, air.rv32im.cpu.P_LO, air.rv32im.cpu.P_HI, Zkvm.Air.V2.Cpu.Col.isReal, Zkvm.Air.V2.Cpu.Col.halt, Zkvm.Air.V2.Cpu.Col.clk, Zkvm.Air.V2.Cpu.Col.pc, Zkvm.Air.V2.Cpu.Col.nextPc, Zkvm.Air.V2.Cpu.Col.op, Zkvm.Air.V2.Cpu.Col.rs1, Zkvm.Air.V2.Cpu.Col.rs2, Zkvm.Air.V2.Cpu.Col.rd, Zkvm.Air.V2.Cpu.Col.immLo, Zkvm.Air.V2.Cpu.Col.immHi, Zkvm.Air.V2.Cpu.Col.kLo, Zkvm.Air.V2.Cpu.Col.kHi, Zkvm.Air.V2.Cpu.Col.target, Zkvm.Air.V2.Cpu.Col.fWr, Zkvm.Air.V2.Cpu.Col.fBr, Zkvm.Air.V2.Cpu.Col.fJal, Zkvm.Air.V2.Cpu.Col.fJalr, Zkvm.Air.V2.Cpu.Col.fK, Zkvm.Air.V2.Cpu.Col.fExec, Zkvm.Air.V2.Cpu.Col.aLo, Zkvm.Air.V2.Cpu.Col.aHi, Zkvm.Air.V2.Cpu.Col.bLo, Zkvm.Air.V2.Cpu.Col.bHi, Zkvm.Air.V2.Cpu.Col.cLo, Zkvm.Air.V2.Cpu.Col.cHi, Zkvm.Air.V2.Cpu.Col.t1, Zkvm.Air.V2.Cpu.Col.t2, Zkvm.Air.V2.Cpu.Col.t3, Zkvm.Air.V2.Cpu.Col.g1Lo, Zkvm.Air.V2.Cpu.Col.g1Hi, Zkvm.Air.V2.Cpu.Col.g2Lo, Zkvm.Air.V2.Cpu.Col.g2Hi, Zkvm.Air.V2.Cpu.Col.g3Lo, Zkvm.Air.V2.Cpu.Col.g3Hi, Zkvm.Air.V2.Cpu.Col.pLo, Zkvm.Air.V2.Cpu.Col.pHi, air.rv32im.bus.TAG_PROG, air.rv32im.bus.TAG_MEM, air.rv32im.bus.TAG_U16, air.rv32im.bus.TAG_EXEC, air.rv32im.bus.TAG_HALT, air.rv32im.bus.TAG_EXIT, air.rv32im.bus.SPACE_REG, air.rv32im.bus.GAP_HI_SCALE, air.rv32im.bus.PORT_RS1, air.rv32im.bus.PORT_RS2, air.rv32im.bus.PORT_RD, air.rv32im.bus.PORTS, Zkvm.Air.V2.Cpu.messages, Zkvm.Air.V2.Cpu.fractions, Zkvm.Air.V2.Cpu.port, Zkvm.Air.V2.Cpu.packedFlags, Zkvm.Air.V2.Cpu.timestamp, Zkvm.Air.V2.Cpu.tagProg, Zkvm.Air.V2.Cpu.tagMem, Zkvm.Air.V2.Cpu.tagU16, Zkvm.Air.V2.Cpu.tagExec, Zkvm.Air.V2.Cpu.tagHalt, Zkvm.Air.V2.Cpu.tagExit, Zkvm.Air.V2.Cpu.spaceReg,
    List.map_append, List.map_cons, List.map_nil, List.append_assoc, List.cons_append,
    List.nil_append, List.flatMap_cons, List.flatMap_nil, List.flatMap_append, List.append_nil,
    UInt64.reduceToNat, UInt32.reduceToNat, UInt32.reduceAdd, List.cons.injEq, and_true,
    ofNat_numeral, and_self]

end Zkvm.Refinement.air.rv32im.cpu
