module

public import Zkvm.Extracted.Air.Rv32im.Alu
public import Zkvm.Refinement.Air.Expr
public import Zkvm.Air.V2.AluSpec
public import Zkvm.Air.V2.AluMessages

/-!
# The extracted ALU constraint function computes `Zkvm.Air.V2.Alu.constraints`

On every row of 29 extension elements, `air::rv32im::alu::eval` returns exactly the 25 values
of the Lean spec constraint function `Alu.constraints` (the named groups of phase1.4b.alu), in
order, and never panics: the soundness and completeness proofs of the ALU table are about the
function the verifier evaluates.
-/

@[expose] public section

noncomputable section

namespace Zkvm.Refinement.air.rv32im.alu

open Zkvm.Extraction Zkvm.Extracted Zkvm.Field Zkvm.Field.Ext4
open Zkvm.Refinement.field.extension (toExt)
open Zkvm.Refinement.air.expr

theorem boolean_spec (a : Ext4) :
    air.rv32im.alu.boolean (toExt a) = .ok (toExt (Zkvm.Air.V2.Alu.boolean a)) := by
  unfold air.rv32im.alu.boolean
  rw [one_spec, ok_bind, sub_spec, ok_bind, mul_spec]; rfl

/-- `sum` adds the row's columns `cols` (all below 29) in order. -/
theorem sum_spec (r : Nat → Ext4) (cols : List Usize) (h : ∀ c ∈ cols, c.toNat < 29)
    (hl : cols.length < 2 ^ 64) :
    air.rv32im.alu.sum (locOf 29 r) cols =
      .ok (toExt (cols.foldl (fun acc c => acc + r c.toNat) 0)) := by
  have hn := Slice.len_toNat cols hl
  unfold air.rv32im.alu.sum
  rw [zero_spec, ok_bind]
  apply loop_bind_ok
    (P := fun s => s.2.toNat ≤ cols.length ∧
      s.1 = toExt ((cols.take s.2.toNat).foldl (fun acc c => acc + r c.toNat) 0))
    (Q := fun s => s.1 = toExt (cols.foldl (fun acc c => acc + r c.toNat) 0))
  · intro ⟨acc, i⟩ ⟨hi, hacc⟩
    dsimp only at hi hacc
    subst hacc
    dsimp only
    by_cases hlt : i < Slice.len cols
    · have hlt' : i.toNat < cols.length := by rw [UInt64.lt_iff_toNat_lt, hn] at hlt; exact hlt
      have e : (i + 1).toNat = i.toNat + 1 := by simp only [UInt64.toNat_add]; simp; omega
      left
      refine ⟨(toExt ((cols.take (i.toNat + 1)).foldl (fun acc c => acc + r c.toNat) 0), i + 1),
        ?_, ?_, ?_⟩
      · rw [if_pos hlt, Slice.index_eq cols i hlt', ok_bind,
          index_locOf 29 r _ (h _ (List.getElem_mem _)), ok_bind, add_spec, ok_bind,
          Usize.add_eq i 1 (by simp; omega), ok_bind, pure_ok, List.take_add_one,
          List.getElem?_eq_getElem hlt', List.foldl_append]
        rfl
      · show 2 ^ 64 - (i + 1).toNat < 2 ^ 64 - i.toNat
        rw [e]; omega
      · exact ⟨by rw [e]; omega, by rw [e]⟩
    · right
      refine ⟨_, by rw [if_neg hlt, pure_ok], ?_⟩
      have e : i.toNat = cols.length := by
        have : ¬ i.toNat < (Slice.len cols).toNat := fun h => hlt (UInt64.lt_iff_toNat_lt.mpr h)
        omega
      dsimp only
      rw [e, List.take_length]
  · exact ⟨by simp, by simp⟩
  · intro ⟨acc, i⟩ h
    dsimp only at h
    subst h
    rfl

theorem zero_add' (a : Ext4) : 0 + a = a := by grind

theorem ofNat_numeral (n : Nat) : Ext4.ofNat n = (OfNat.ofNat n : Ext4) := rfl

theorem flags_eq : air.rv32im.alu.FLAGS.map UInt64.toNat = Zkvm.Air.V2.Alu.flags := by decide

set_option maxRecDepth 20000 in
/-- **`eval` is the spec**: on every row, the extracted ALU constraint function returns the
values of `Alu.constraints`, in order; it never panics. -/
theorem eval_spec (r : Nat → Ext4) (next pub : List (List UInt32)) (sel : air.Selectors) :
    air.rv32im.alu.eval (locOf 29 r) next pub sel [] =
      .ok ((Zkvm.Air.V2.Alu.constraints r).map toExt) := by
  have hF : Slice.len air.rv32im.alu.FLAGS = 11 := rfl
  unfold air.rv32im.alu.eval
  apply loop_bind_ok
    (P := fun s => s.2.toNat ≤ 11 ∧
      s.1 = (air.rv32im.alu.FLAGS.take s.2.toNat).map
        (fun c => toExt (Zkvm.Air.V2.Alu.boolean (r c.toNat))))
    (Q := fun s => s.1 = air.rv32im.alu.FLAGS.map
        (fun c => toExt (Zkvm.Air.V2.Alu.boolean (r c.toNat))))
  · intro ⟨out, f⟩ ⟨hf, hout⟩
    dsimp only at hf hout
    subst hout
    dsimp only
    by_cases hlt : f < Slice.len air.rv32im.alu.FLAGS
    · have hlt' : f.toNat < 11 := by rw [hF, UInt64.lt_iff_toNat_lt] at hlt; exact hlt
      have e : (f + 1).toNat = f.toNat + 1 := by simp only [UInt64.toNat_add]; simp; omega
      have hmem : (air.rv32im.alu.FLAGS[f.toNat]'hlt').toNat < 29 := by
        have : ∀ c ∈ air.rv32im.alu.FLAGS, c.toNat < 29 := by decide
        exact this _ (List.getElem_mem _)
      left
      refine ⟨((air.rv32im.alu.FLAGS.take (f.toNat + 1)).map
        (fun c => toExt (Zkvm.Air.V2.Alu.boolean (r c.toNat))), f + 1), ?_, ?_, ?_⟩
      · rw [if_pos hlt, Slice.index_eq air.rv32im.alu.FLAGS f hlt', ok_bind, index_locOf 29 r _ hmem, ok_bind,
          boolean_spec, ok_bind, Usize.add_eq f 1 (by simp; omega), ok_bind, pure_ok,
          List.take_add_one, List.getElem?_eq_getElem hlt', List.map_append]
        rfl
      · show 2 ^ 64 - (f + 1).toNat < 2 ^ 64 - f.toNat
        rw [e]; omega
      · exact ⟨by rw [e]; omega, by rw [e]⟩
    · right
      refine ⟨_, by rw [if_neg hlt, pure_ok], ?_⟩
      have e : f.toNat = 11 := by
        have : ¬ f.toNat < 11 := fun h => hlt (by rw [hF, UInt64.lt_iff_toNat_lt]; exact h)
        omega
      dsimp only
      rw [e]; rfl
  · exact ⟨by simp, rfl⟩
  · intro ⟨out, f⟩ h
    dsimp only at h
    subst h
    dsimp only
    simp (config := { maxSteps := 4000000 }) (disch := decide) only [ok_bind, pure_ok, index_locOf,
      boolean_spec, add_spec, sub_spec, sum_spec,
      mul_spec, one_spec, konst_spec, Slice.push, air.rv32im.alu.is_real,
      air.rv32im.alu.subtracts, air.rv32im.alu.operand, air.rv32im.alu.imm_weight,
      air.rv32im.alu.signed_less, air.rv32im.alu.jalr_high]
    refine congrArg Outcome.ok ?_
    simp only [air.rv32im.alu.F_ADD, air.rv32im.alu.F_SUB, air.rv32im.alu.F_SLT, air.rv32im.alu.F_SLTU, air.rv32im.alu.F_BEQ, air.rv32im.alu.F_BNE, air.rv32im.alu.F_BLT, air.rv32im.alu.F_BGE, air.rv32im.alu.F_BLTU, air.rv32im.alu.F_BGEU, air.rv32im.alu.F_JALR, air.rv32im.alu.USE_IMM, air.rv32im.alu.CLK, air.rv32im.alu.A_LO, air.rv32im.alu.A_HI, air.rv32im.alu.B_LO, air.rv32im.alu.B_HI, air.rv32im.alu.C_LO, air.rv32im.alu.C_HI, air.rv32im.alu.IMM_LO, air.rv32im.alu.IMM_HI, air.rv32im.alu.NEXT_PC, air.rv32im.alu.L, air.rv32im.alu.H, air.rv32im.alu.K1, air.rv32im.alu.K2, air.rv32im.alu.SA, air.rv32im.alu.SY, air.rv32im.alu.INV, air.rv32im.alu.FLAGS, air.rv32im.bus.LIMB, Zkvm.Air.V2.Alu.Col.fAdd, Zkvm.Air.V2.Alu.Col.fSub, Zkvm.Air.V2.Alu.Col.fSlt, Zkvm.Air.V2.Alu.Col.fSltu, Zkvm.Air.V2.Alu.Col.fBeq, Zkvm.Air.V2.Alu.Col.fBne, Zkvm.Air.V2.Alu.Col.fBlt, Zkvm.Air.V2.Alu.Col.fBge, Zkvm.Air.V2.Alu.Col.fBltu, Zkvm.Air.V2.Alu.Col.fBgeu, Zkvm.Air.V2.Alu.Col.fJalr, Zkvm.Air.V2.Alu.Col.useImm, Zkvm.Air.V2.Alu.Col.clk, Zkvm.Air.V2.Alu.Col.aLo, Zkvm.Air.V2.Alu.Col.aHi, Zkvm.Air.V2.Alu.Col.bLo, Zkvm.Air.V2.Alu.Col.bHi, Zkvm.Air.V2.Alu.Col.cLo, Zkvm.Air.V2.Alu.Col.cHi, Zkvm.Air.V2.Alu.Col.immLo, Zkvm.Air.V2.Alu.Col.immHi, Zkvm.Air.V2.Alu.Col.nextPc, Zkvm.Air.V2.Alu.Col.L, Zkvm.Air.V2.Alu.Col.H, Zkvm.Air.V2.Alu.Col.k1, Zkvm.Air.V2.Alu.Col.k2, Zkvm.Air.V2.Alu.Col.sa, Zkvm.Air.V2.Alu.Col.sy, Zkvm.Air.V2.Alu.Col.inv, Zkvm.Air.V2.Alu.real, Zkvm.Air.V2.Alu.subtracts, Zkvm.Air.V2.Alu.signed, Zkvm.Air.V2.Alu.sigma, Zkvm.Air.V2.Alu.immWeight, Zkvm.Air.V2.Alu.yLo, Zkvm.Air.V2.Alu.yHi, Zkvm.Air.V2.Alu.signedLess, Zkvm.Air.V2.Alu.jalrHigh, Zkvm.Air.V2.Alu.resultOps, Zkvm.Air.V2.Alu.expectedLo, Zkvm.Air.V2.Alu.eqBit, Zkvm.Air.V2.Alu.flags, Zkvm.Air.V2.Alu.constraints, List.map_append, List.map_cons, List.map_nil, List.append_assoc,
      List.cons_append, List.nil_append, List.foldl_cons, List.foldl_nil, UInt64.reduceToNat,
      UInt32.reduceToNat, List.cons.injEq, and_true, zero_add', ofNat_numeral, and_self]

set_option maxRecDepth 20000 in
/-- The EXEC op field: 64 use_imm + Σ OPS_f · flag_f, the loop unrolled. -/
theorem op_spec (r : Nat → Ext4) :
    air.rv32im.alu.op (locOf 29 r) = .ok (toExt (Zkvm.Air.V2.Alu.opField r)) := by
  unfold air.rv32im.alu.op
  simp (config := { maxSteps := 400000 }) (disch := decide) only [index_locOf, konst_spec,
    mul_spec, ok_bind, air.rv32im.bus.IMM_OP_OFFSET, air.rv32im.alu.USE_IMM, UInt64.reduceToNat,
    UInt32.reduceToNat]
  repeat (rw [loop_eq]; simp (config := { maxSteps := 400000 }) (disch := decide) only
    [index_locOf, konst_spec, mul_spec, add_spec, ok_bind, pure_ok, Slice.index, Slice.len,
      air.rv32im.alu.FLAGS, air.rv32im.alu.OPS, List.getElem?_cons_succ, List.getElem?_cons_zero,
      getElem?_locOf,
      Usize.add_eq, UInt64.reduceAdd, UInt64.reduceToNat, UInt64.reduceLT, UInt64.reduceOfNat,
      UInt32.reduceToNat, List.length_cons, List.length_nil, Nat.reduceAdd, ↓reduceIte,
      Nat.reducePow, Nat.reduceSub, Nat.reduceLT, decide_true, air.rv32im.alu.F_ADD,
      air.rv32im.alu.F_SUB, air.rv32im.alu.F_SLT, air.rv32im.alu.F_SLTU, air.rv32im.alu.F_BEQ,
      air.rv32im.alu.F_BNE, air.rv32im.alu.F_BLT, air.rv32im.alu.F_BGE, air.rv32im.alu.F_BLTU,
      air.rv32im.alu.F_BGEU, air.rv32im.alu.F_JALR])
  simp only [Zkvm.Air.V2.Alu.opField, Zkvm.Air.V2.Alu.Col.useImm, Zkvm.Air.V2.Alu.Col.fAdd,
    Zkvm.Air.V2.Alu.Col.fSub, Zkvm.Air.V2.Alu.Col.fSlt, Zkvm.Air.V2.Alu.Col.fSltu,
    Zkvm.Air.V2.Alu.Col.fBeq, Zkvm.Air.V2.Alu.Col.fBne, Zkvm.Air.V2.Alu.Col.fBlt,
    Zkvm.Air.V2.Alu.Col.fBge, Zkvm.Air.V2.Alu.Col.fBltu, Zkvm.Air.V2.Alu.Col.fBgeu,
    Zkvm.Air.V2.Alu.Col.fJalr, ofNat_numeral]

set_option maxRecDepth 20000 in
/-- **The bus messages**: the extracted `messages` returns `Alu.fractions` flattened; it never
panics. -/
theorem messages_spec (r : Nat → Ext4) :
    air.rv32im.alu.messages (locOf 29 r) [] = .ok ((Zkvm.Air.V2.Alu.messages r).map toExt) := by
  have hmem : ∀ c ∈ air.rv32im.alu.FLAGS, c.toNat < 29 := by decide
  unfold air.rv32im.alu.messages air.rv32im.alu.u16_lookup air.rv32im.alu.sign_rest
  simp (config := { maxSteps := 4000000 }) (disch := decide) only [ok_bind, pure_ok, index_locOf,
    air.rv32im.alu.is_real, air.rv32im.alu.signed, sum_spec, op_spec, add_spec, sub_spec,
    mul_spec, neg_spec, konst_spec, Slice.push]
  refine congrArg Outcome.ok ?_
  simp only [air.rv32im.alu.F_ADD, air.rv32im.alu.F_SUB, air.rv32im.alu.F_SLT,
    air.rv32im.alu.F_SLTU, air.rv32im.alu.F_BEQ, air.rv32im.alu.F_BNE, air.rv32im.alu.F_BLT,
    air.rv32im.alu.F_BGE, air.rv32im.alu.F_BLTU, air.rv32im.alu.F_BGEU, air.rv32im.alu.F_JALR,
    air.rv32im.alu.USE_IMM, air.rv32im.alu.CLK, air.rv32im.alu.A_LO, air.rv32im.alu.A_HI,
    air.rv32im.alu.B_LO, air.rv32im.alu.B_HI, air.rv32im.alu.C_LO, air.rv32im.alu.C_HI,
    air.rv32im.alu.IMM_LO, air.rv32im.alu.IMM_HI, air.rv32im.alu.NEXT_PC, air.rv32im.alu.L,
    air.rv32im.alu.H, air.rv32im.alu.SA, air.rv32im.alu.SY, air.rv32im.alu.FLAGS,
    air.rv32im.bus.TAG_EXEC, air.rv32im.bus.TAG_U16, air.rv32im.bus.LIMB,
    Zkvm.Air.V2.Alu.messages, Zkvm.Air.V2.Alu.fractions, Zkvm.Air.V2.Alu.real,
    Zkvm.Air.V2.Alu.signed, Zkvm.Air.V2.Alu.signLookup,
    Zkvm.Air.V2.Alu.Col.fAdd, Zkvm.Air.V2.Alu.Col.fSub, Zkvm.Air.V2.Alu.Col.fSlt,
    Zkvm.Air.V2.Alu.Col.fSltu, Zkvm.Air.V2.Alu.Col.fBeq, Zkvm.Air.V2.Alu.Col.fBne,
    Zkvm.Air.V2.Alu.Col.fBlt, Zkvm.Air.V2.Alu.Col.fBge, Zkvm.Air.V2.Alu.Col.fBltu,
    Zkvm.Air.V2.Alu.Col.fBgeu, Zkvm.Air.V2.Alu.Col.fJalr, Zkvm.Air.V2.Alu.Col.useImm,
    Zkvm.Air.V2.Alu.Col.clk, Zkvm.Air.V2.Alu.Col.aLo, Zkvm.Air.V2.Alu.Col.aHi,
    Zkvm.Air.V2.Alu.Col.bLo, Zkvm.Air.V2.Alu.Col.bHi, Zkvm.Air.V2.Alu.Col.cLo,
    Zkvm.Air.V2.Alu.Col.cHi, Zkvm.Air.V2.Alu.Col.immLo, Zkvm.Air.V2.Alu.Col.immHi,
    Zkvm.Air.V2.Alu.Col.nextPc, Zkvm.Air.V2.Alu.Col.L, Zkvm.Air.V2.Alu.Col.H,
    Zkvm.Air.V2.Alu.Col.sa, Zkvm.Air.V2.Alu.Col.sy,
    List.map_append, List.map_cons, List.map_nil, List.append_assoc, List.cons_append,
    List.nil_append, List.flatMap_cons, List.flatMap_nil, List.append_nil, List.foldl_cons,
    List.foldl_nil, List.tail_cons, List.headD_cons, UInt64.reduceToNat, UInt32.reduceToNat,
    zero_add', ofNat_numeral, List.cons.injEq, and_true, and_self]

end Zkvm.Refinement.air.rv32im.alu
