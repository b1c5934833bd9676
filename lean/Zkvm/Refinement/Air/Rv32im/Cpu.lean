module

public import Zkvm.Extracted.Air.Rv32im.Cpu
public import Zkvm.Refinement.Air.Rv32im.Alu
public import Zkvm.Air.V2.CpuSpec

/-!
# The extracted CPU constraint function computes `Zkvm.Air.V2.Cpu.constraints`

On every window (a local and a next row of 37 extension elements, the segment's 20 public
values and the three selectors), `air::rv32im::cpu::eval` returns exactly the 32 values of the
Lean spec constraint function `Cpu.constraints` (the named groups of phase1.4b.cpu), in order,
and never panics.
-/

@[expose] public section

noncomputable section

namespace Zkvm.Refinement.air.rv32im.cpu

open Zkvm.Extraction Zkvm.Extracted Zkvm.Field Zkvm.Field.Ext4 Zkvm.Air.Table
open Zkvm.Refinement.field.extension (toExt)
open Zkvm.Refinement.air.expr
open Zkvm.Refinement.air.rv32im.alu (ofNat_numeral)

theorem boolean_spec (a : Ext4) :
    air.rv32im.cpu.boolean (toExt a) = .ok (toExt (Zkvm.Air.V2.Cpu.boolean a)) := by
  unfold air.rv32im.cpu.boolean
  rw [one_spec, ok_bind, sub_spec, ok_bind, mul_spec]; rfl

/-- The selectors of a window as the verifier holds them. -/
def selOf (w : Window Ext4) : air.Selectors :=
  { is_first_row := toExt w.isFirst, is_last_row := toExt w.isLast,
    is_transition := toExt w.isTransition }

set_option maxRecDepth 20000 in
/-- **`eval` is the spec**: on every window, the extracted CPU constraint function returns the
values of `Cpu.constraints`, in order; it never panics. -/
theorem eval_spec (w : Window Ext4) :
    air.rv32im.cpu.eval (locOf 37 w.cur) (locOf 37 w.next) (locOf 20 w.pub) (selOf w) [] =
      .ok ((Zkvm.Air.V2.Cpu.constraints w).map toExt) := by
  have hF : Slice.len air.rv32im.cpu.FLAGS = 6 := rfl
  have hmem : ∀ c ∈ air.rv32im.cpu.FLAGS, c.toNat < 37 := by decide
  unfold air.rv32im.cpu.eval
  simp (config := { maxSteps := 4000000 }) (disch := decide) only [index_locOf, one_spec,
    sub_spec, boolean_spec, ok_bind,
    Slice.push]
  apply loop_bind_ok
    (P := fun s => s.2.toNat ≤ 6 ∧
      s.1 = [toExt (Zkvm.Air.V2.Cpu.boolean (w.cur air.rv32im.cpu.IS_REAL.toNat)),
        toExt (Zkvm.Air.V2.Cpu.boolean (w.cur air.rv32im.cpu.HALT.toNat))] ++
        (air.rv32im.cpu.FLAGS.take s.2.toNat).map
          (fun c => toExt (Zkvm.Air.V2.Cpu.boolean (w.cur c.toNat))))
    (Q := fun s => s.1 = [toExt (Zkvm.Air.V2.Cpu.boolean (w.cur air.rv32im.cpu.IS_REAL.toNat)),
        toExt (Zkvm.Air.V2.Cpu.boolean (w.cur air.rv32im.cpu.HALT.toNat))] ++
        air.rv32im.cpu.FLAGS.map (fun c => toExt (Zkvm.Air.V2.Cpu.boolean (w.cur c.toNat))))
  · intro ⟨out, f⟩ ⟨hf, hout⟩
    dsimp only at hf hout
    subst hout
    dsimp only
    by_cases hlt : f < Slice.len air.rv32im.cpu.FLAGS
    · have hlt' : f.toNat < 6 := by rw [hF, UInt64.lt_iff_toNat_lt] at hlt; exact hlt
      have e : (f + 1).toNat = f.toNat + 1 := by simp only [UInt64.toNat_add]; simp; omega
      left
      refine ⟨([toExt (Zkvm.Air.V2.Cpu.boolean (w.cur air.rv32im.cpu.IS_REAL.toNat)),
        toExt (Zkvm.Air.V2.Cpu.boolean (w.cur air.rv32im.cpu.HALT.toNat))] ++
        (air.rv32im.cpu.FLAGS.take (f.toNat + 1)).map
          (fun c => toExt (Zkvm.Air.V2.Cpu.boolean (w.cur c.toNat))), f + 1), ?_, ?_, ?_⟩
      · rw [if_pos hlt, Slice.index_eq air.rv32im.cpu.FLAGS f hlt', ok_bind,
          index_locOf 37 w.cur _ (hmem _ (List.getElem_mem _)), ok_bind, boolean_spec, ok_bind,
          Usize.add_eq f 1 (by simp; omega), ok_bind, pure_ok, List.take_add_one,
          List.getElem?_eq_getElem hlt', List.map_append, List.append_assoc]
        rfl
      · show 2 ^ 64 - (f + 1).toNat < 2 ^ 64 - f.toNat
        rw [e]; omega
      · exact ⟨by rw [e]; omega, by rw [e]⟩
    · right
      refine ⟨_, by rw [if_neg hlt, pure_ok], ?_⟩
      have e : f.toNat = 6 := by
        have : ¬ f.toNat < 6 := fun h => hlt (by rw [hF, UInt64.lt_iff_toNat_lt]; exact h)
        omega
      dsimp only
      rw [e]; rfl
  · exact ⟨by simp, by simp⟩
  · intro ⟨out, f⟩ h
    dsimp only at h
    subst h
    dsimp only
    apply loop_bind_ok
      (P := fun s => s.2.toNat ≤ 6 ∧
        s.1 = ([toExt (Zkvm.Air.V2.Cpu.boolean (w.cur air.rv32im.cpu.IS_REAL.toNat)),
        toExt (Zkvm.Air.V2.Cpu.boolean (w.cur air.rv32im.cpu.HALT.toNat))] ++
        air.rv32im.cpu.FLAGS.map (fun c => toExt (Zkvm.Air.V2.Cpu.boolean (w.cur c.toNat)))) ++ (air.rv32im.cpu.FLAGS.take s.2.toNat).map (fun c => toExt ((1 - w.cur air.rv32im.cpu.IS_REAL.toNat) * w.cur c.toNat)))
      (Q := fun s => s.1 = ([toExt (Zkvm.Air.V2.Cpu.boolean (w.cur air.rv32im.cpu.IS_REAL.toNat)),
        toExt (Zkvm.Air.V2.Cpu.boolean (w.cur air.rv32im.cpu.HALT.toNat))] ++
        air.rv32im.cpu.FLAGS.map (fun c => toExt (Zkvm.Air.V2.Cpu.boolean (w.cur c.toNat)))) ++ air.rv32im.cpu.FLAGS.map (fun c => toExt ((1 - w.cur air.rv32im.cpu.IS_REAL.toNat) * w.cur c.toNat)))
    · intro ⟨out, f⟩ ⟨hf, hout⟩
      dsimp only at hf hout
      subst hout
      dsimp only
      by_cases hlt : f < Slice.len air.rv32im.cpu.FLAGS
      · have hlt' : f.toNat < 6 := by rw [hF, UInt64.lt_iff_toNat_lt] at hlt; exact hlt
        have e : (f + 1).toNat = f.toNat + 1 := by simp only [UInt64.toNat_add]; simp; omega
        left
        refine ⟨(([toExt (Zkvm.Air.V2.Cpu.boolean (w.cur air.rv32im.cpu.IS_REAL.toNat)),
        toExt (Zkvm.Air.V2.Cpu.boolean (w.cur air.rv32im.cpu.HALT.toNat))] ++
        air.rv32im.cpu.FLAGS.map (fun c => toExt (Zkvm.Air.V2.Cpu.boolean (w.cur c.toNat)))) ++ (air.rv32im.cpu.FLAGS.take (f.toNat + 1)).map (fun c => toExt ((1 - w.cur air.rv32im.cpu.IS_REAL.toNat) * w.cur c.toNat)), f + 1), ?_, ?_, ?_⟩
        · rw [if_pos hlt, Slice.index_eq air.rv32im.cpu.FLAGS f hlt', ok_bind,
            index_locOf 37 w.cur _ (hmem _ (List.getElem_mem _)), ok_bind, mul_spec, ok_bind,
            Usize.add_eq f 1 (by simp; omega), ok_bind, pure_ok, List.take_add_one,
            List.getElem?_eq_getElem hlt', List.map_append, List.append_assoc]
          rfl
        · show 2 ^ 64 - (f + 1).toNat < 2 ^ 64 - f.toNat
          rw [e]; omega
        · exact ⟨by rw [e]; omega, by rw [e]⟩
      · right
        refine ⟨_, by rw [if_neg hlt, pure_ok], ?_⟩
        have e : f.toNat = 6 := by
          have : ¬ f.toNat < 6 := fun h => hlt (by rw [hF, UInt64.lt_iff_toNat_lt]; exact h)
          omega
        dsimp only
        rw [e]; rfl
    · exact ⟨by simp, by simp⟩
    · intro ⟨out, f⟩ h
      dsimp only at h
      subst h
      dsimp only
      simp (config := { maxSteps := 4000000 }) (disch := decide) only [ok_bind, pure_ok,
        index_locOf, add_spec, sub_spec, mul_spec, one_spec, konst_spec, U32.add_eq,
        air.rv32im.cpu.gap, air.rv32im.cpu.timestamp, air.rv32im.cpu.word, selOf]
      refine congrArg Outcome.ok ?_
      simp only [air.rv32im.cpu.IS_REAL, air.rv32im.cpu.HALT, air.rv32im.cpu.CLK,
        air.rv32im.cpu.PC, air.rv32im.cpu.NEXT_PC, air.rv32im.cpu.K_LO, air.rv32im.cpu.K_HI,
        air.rv32im.cpu.TARGET, air.rv32im.cpu.F_WR, air.rv32im.cpu.F_BR, air.rv32im.cpu.F_JAL,
        air.rv32im.cpu.F_JALR, air.rv32im.cpu.F_K, air.rv32im.cpu.C_LO, air.rv32im.cpu.C_HI,
        air.rv32im.cpu.T1, air.rv32im.cpu.T2, air.rv32im.cpu.T3, air.rv32im.cpu.G1_LO,
        air.rv32im.cpu.G1_HI, air.rv32im.cpu.G2_LO, air.rv32im.cpu.G2_HI, air.rv32im.cpu.G3_LO,
        air.rv32im.cpu.G3_HI, air.rv32im.cpu.FLAGS, air.rv32im.cpu.PV_PC0, air.rv32im.cpu.PV_CLK0,
        air.rv32im.cpu.PV_PC_END, air.rv32im.cpu.PV_CLK_END, air.rv32im.cpu.PV_FINAL,
        air.rv32im.bus.LIMB, air.rv32im.bus.PORTS, air.rv32im.bus.PORT_RS1,
        air.rv32im.bus.PORT_RS2, air.rv32im.bus.PORT_RD, Zkvm.Air.V2.Cpu.Col.isReal,
        Zkvm.Air.V2.Cpu.Col.halt, Zkvm.Air.V2.Cpu.Col.clk, Zkvm.Air.V2.Cpu.Col.pc,
        Zkvm.Air.V2.Cpu.Col.nextPc, Zkvm.Air.V2.Cpu.Col.kLo, Zkvm.Air.V2.Cpu.Col.kHi,
        Zkvm.Air.V2.Cpu.Col.target, Zkvm.Air.V2.Cpu.Col.fWr, Zkvm.Air.V2.Cpu.Col.fBr,
        Zkvm.Air.V2.Cpu.Col.fJal, Zkvm.Air.V2.Cpu.Col.fJalr, Zkvm.Air.V2.Cpu.Col.fK,
        Zkvm.Air.V2.Cpu.Col.fExec, Zkvm.Air.V2.Cpu.Col.cLo, Zkvm.Air.V2.Cpu.Col.cHi,
        Zkvm.Air.V2.Cpu.Col.t1, Zkvm.Air.V2.Cpu.Col.t2, Zkvm.Air.V2.Cpu.Col.t3,
        Zkvm.Air.V2.Cpu.Col.g1Lo, Zkvm.Air.V2.Cpu.Col.g1Hi, Zkvm.Air.V2.Cpu.Col.g2Lo,
        Zkvm.Air.V2.Cpu.Col.g2Hi, Zkvm.Air.V2.Cpu.Col.g3Lo, Zkvm.Air.V2.Cpu.Col.g3Hi,
        Zkvm.Air.V2.Cpu.Pv.pc0, Zkvm.Air.V2.Cpu.Pv.clk0, Zkvm.Air.V2.Cpu.Pv.pcEnd,
        Zkvm.Air.V2.Cpu.Pv.clkEnd, Zkvm.Air.V2.Cpu.Pv.final, Zkvm.Air.V2.Cpu.timestamp,
        Zkvm.Air.V2.Cpu.gap, Zkvm.Air.V2.Cpu.pcPlus4, Zkvm.Air.V2.Cpu.nextPcExpr,
        Zkvm.Air.V2.Cpu.endStep, Zkvm.Air.V2.Cpu.notFinal, Zkvm.Air.V2.Cpu.pcEndExpr,
        Zkvm.Air.V2.Cpu.clkEndExpr, Zkvm.Air.V2.Cpu.flags, Zkvm.Air.V2.Cpu.constraints,
        List.map_cons, List.map_nil, List.cons_append, List.nil_append, UInt64.reduceToNat,
        UInt32.reduceToNat, UInt32.reduceAdd, ofNat_numeral]

end Zkvm.Refinement.air.rv32im.cpu
