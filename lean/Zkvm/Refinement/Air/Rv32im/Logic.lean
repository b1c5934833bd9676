module

public import Zkvm.Extracted.Air.Rv32im.Logic
public import Zkvm.Refinement.Air.Rv32im.Alu
public import Zkvm.Air.V2.LogicSpec
public import Zkvm.Air.V2.LogicMessages

/-!
# The extracted LOGIC constraint function computes `Zkvm.Air.V2.Logic.constraints`

On every row of 36 extension elements, `air::rv32im::logic::eval` returns exactly the 10 values
of the Lean spec constraint function `Logic.constraints` (the named groups of
phase1.4b.logic), in order, and never panics.
-/

@[expose] public section

noncomputable section

namespace Zkvm.Refinement.air.rv32im.logic

open Zkvm.Extraction Zkvm.Extracted Zkvm.Field Zkvm.Field.Ext4
open Zkvm.Refinement.field.extension (toExt)
open Zkvm.Refinement.air.expr
open Zkvm.Refinement.air.rv32im.alu (zero_add' ofNat_numeral)

theorem boolean_spec (a : Ext4) :
    air.rv32im.logic.boolean (toExt a) = .ok (toExt (Zkvm.Air.V2.Logic.boolean a)) := by
  unfold air.rv32im.logic.boolean
  rw [one_spec, ok_bind, sub_spec, ok_bind, mul_spec]; rfl

/-- The limb after `k` of the loop's steps (nibbles `3, 2, …` from `first`). -/
def nib (r : Nat → Ext4) (f : Nat) : Nat → Ext4
  | 0 => 0
  | k + 1 => nib r f k * 16 + r (f + (3 - k))

theorem konst16 : air.expr.konst 16 = .ok (toExt 16) := by
  rw [konst_spec 16 (by decide)]; rfl

/-- `limb` reads four nibbles from `first` (below 33) as the spec's `limb`; it never panics. -/
theorem limb_spec (r : Nat → Ext4) (first : Usize) (h : first.toNat + 4 ≤ 36) :
    air.rv32im.logic.limb (locOf 36 r) first = .ok (toExt (Zkvm.Air.V2.Logic.limb r first.toNat)) := by
  unfold air.rv32im.logic.limb
  rw [zero_spec, ok_bind]
  apply loop_bind_ok
    (P := fun s => s.1.toNat ≤ 4 ∧ s.2 = toExt (nib r first.toNat (4 - s.1.toNat)))
    (Q := fun s => s.2 = toExt (nib r first.toNat 4))
  · intro ⟨i, acc⟩ ⟨hi, hacc⟩
    dsimp only at hi hacc
    subst hacc
    dsimp only
    by_cases hpos : i > 0
    · have hpos' : 0 < i.toNat := by rw [GT.gt, UInt64.lt_iff_toNat_lt] at hpos; simpa using hpos
      have e : (i - 1).toNat = i.toNat - 1 := by
        rw [UInt64.toNat_sub_of_le _ _ (by rw [UInt64.le_iff_toNat_le]; simp; omega)]; simp
      have hfi : (first + (i - 1)).toNat = first.toNat + (i.toNat - 1) := by
        simp only [UInt64.toNat_add, e]; omega
      left
      refine ⟨(i - 1, toExt (nib r first.toNat (4 - (i.toNat - 1)))), ?_, ?_, ?_⟩
      · rw [if_pos hpos, Usize.sub_eq i 1 (by simp; omega), ok_bind, konst16, ok_bind, mul_spec,
          ok_bind, Usize.add_eq first (i - 1) (by rw [e]; omega), ok_bind,
          index_locOf 36 r _ (by rw [hfi]; omega), ok_bind, add_spec, ok_bind, pure_ok, hfi]
        have hk : 4 - (i.toNat - 1) = (4 - i.toNat) + 1 := by omega
        rw [hk, nib, show 3 - (4 - i.toNat) = i.toNat - 1 by omega]
      · show (i - 1).toNat < i.toNat
        rw [e]; omega
      · exact ⟨by rw [e]; omega, by rw [e]⟩
    · right
      refine ⟨_, by rw [if_neg hpos, pure_ok], ?_⟩
      have e : i.toNat = 0 := by
        have : ¬ 0 < i.toNat := fun h => hpos (by rw [GT.gt, UInt64.lt_iff_toNat_lt]; simpa using h)
        omega
      dsimp only
      rw [e]
  · exact ⟨by simp, by simp [nib]⟩
  · intro ⟨i, acc⟩ hacc
    dsimp only at hacc
    subst hacc
    show Outcome.ok (toExt (nib r first.toNat 4)) = _
    have : nib r first.toNat 4 = Zkvm.Air.V2.Logic.limb r first.toNat := by
      simp only [nib, Zkvm.Air.V2.Logic.limb, Nat.add_zero]
      grind
    rw [this]

theorem konst2 : air.expr.konst 2 = .ok (toExt 2) := by
  rw [konst_spec 2 (by decide)]; rfl

/-- `result_limb` is the spec's `resultLimb` (first nibble 0 or 4); it never panics. -/
theorem result_limb_spec (r : Nat → Ext4) (first : Usize) (h : first.toNat ≤ 4) :
    air.rv32im.logic.result_limb (locOf 36 r) first =
      .ok (toExt (Zkvm.Air.V2.Logic.resultLimb r first.toNat)) := by
  unfold air.rv32im.logic.result_limb
  have ha : (air.rv32im.logic.A0 + first).toNat = 12 + first.toNat := by
    simp only [UInt64.toNat_add, air.rv32im.logic.A0]; simp; omega
  have hy : (air.rv32im.logic.Y0 + first).toNat = 20 + first.toNat := by
    simp only [UInt64.toNat_add, air.rv32im.logic.Y0]; simp; omega
  have hn : (air.rv32im.logic.N0 + first).toNat = 28 + first.toNat := by
    simp only [UInt64.toNat_add, air.rv32im.logic.N0]; simp; omega
  rw [Usize.add_eq _ _ (by simp [air.rv32im.logic.A0]; omega), ok_bind,
    limb_spec r _ (by rw [ha]; omega), ok_bind,
    Usize.add_eq _ _ (by simp [air.rv32im.logic.Y0]; omega), ok_bind,
    limb_spec r _ (by rw [hy]; omega), ok_bind,
    Usize.add_eq _ _ (by simp [air.rv32im.logic.N0]; omega), ok_bind,
    limb_spec r _ (by rw [hn]; omega), ok_bind, add_spec, ok_bind,
    index_locOf 36 r _ (by decide), ok_bind, mul_spec, ok_bind,
    index_locOf 36 r _ (by decide), ok_bind, sub_spec, ok_bind, mul_spec, ok_bind,
    index_locOf 36 r _ (by decide), ok_bind, konst2, ok_bind, mul_spec, ok_bind, sub_spec, ok_bind,
    mul_spec, ok_bind, add_spec, ok_bind, add_spec, ha, hy, hn]
  rfl

set_option maxRecDepth 20000 in
/-- **`eval` is the spec**: on every row, the extracted LOGIC constraint function returns the
values of `Logic.constraints`, in order; it never panics. -/
theorem eval_spec (r : Nat → Ext4) (next pub : List (List UInt32)) (sel : air.Selectors) :
    air.rv32im.logic.eval (locOf 36 r) next pub sel [] =
      .ok ((Zkvm.Air.V2.Logic.constraints r).map toExt) := by
  have hF : Slice.len air.rv32im.logic.FLAGS = 3 := rfl
  unfold air.rv32im.logic.eval
  simp only [air.rv32im.logic.is_real]
  simp (disch := decide) only [index_locOf, add_spec, ok_bind]
  apply loop_bind_ok
    (P := fun s => s.2.toNat ≤ 3 ∧
      s.1 = (air.rv32im.logic.FLAGS.take s.2.toNat).map
        (fun c => toExt (Zkvm.Air.V2.Logic.boolean (r c.toNat))))
    (Q := fun s => s.1 = air.rv32im.logic.FLAGS.map
        (fun c => toExt (Zkvm.Air.V2.Logic.boolean (r c.toNat))))
  · intro ⟨out, f⟩ ⟨hf, hout⟩
    dsimp only at hf hout
    subst hout
    dsimp only
    by_cases hlt : f < Slice.len air.rv32im.logic.FLAGS
    · have hlt' : f.toNat < 3 := by rw [hF, UInt64.lt_iff_toNat_lt] at hlt; exact hlt
      have e : (f + 1).toNat = f.toNat + 1 := by simp only [UInt64.toNat_add]; simp; omega
      have hmem : (air.rv32im.logic.FLAGS[f.toNat]'hlt').toNat < 36 := by
        have : ∀ c ∈ air.rv32im.logic.FLAGS, c.toNat < 36 := by decide
        exact this _ (List.getElem_mem _)
      left
      refine ⟨((air.rv32im.logic.FLAGS.take (f.toNat + 1)).map
        (fun c => toExt (Zkvm.Air.V2.Logic.boolean (r c.toNat))), f + 1), ?_, ?_, ?_⟩
      · rw [if_pos hlt, Slice.index_eq air.rv32im.logic.FLAGS f hlt', ok_bind,
          index_locOf 36 r _ hmem, ok_bind, boolean_spec, ok_bind,
          Usize.add_eq f 1 (by simp; omega), ok_bind, pure_ok,
          List.take_add_one, List.getElem?_eq_getElem hlt', List.map_append]
        rfl
      · show 2 ^ 64 - (f + 1).toNat < 2 ^ 64 - f.toNat
        rw [e]; omega
      · exact ⟨by rw [e]; omega, by rw [e]⟩
    · right
      refine ⟨_, by rw [if_neg hlt, pure_ok], ?_⟩
      have e : f.toNat = 3 := by
        have : ¬ f.toNat < 3 := fun h => hlt (by rw [hF, UInt64.lt_iff_toNat_lt]; exact h)
        omega
      dsimp only
      rw [e]; rfl
  · exact ⟨by simp, rfl⟩
  · intro ⟨out, f⟩ h
    dsimp only at h
    subst h
    dsimp only
    simp (config := { maxSteps := 4000000 }) (disch := decide) only [ok_bind, pure_ok, index_locOf,
      boolean_spec, add_spec, sub_spec, mul_spec, one_spec, Slice.push,
      limb_spec, result_limb_spec, Usize.add_eq]
    refine congrArg Outcome.ok ?_
    simp only [air.rv32im.logic.F_XOR, air.rv32im.logic.F_OR, air.rv32im.logic.F_AND,
      air.rv32im.logic.USE_IMM, air.rv32im.logic.B_LO, air.rv32im.logic.B_HI, air.rv32im.logic.C_LO,
      air.rv32im.logic.C_HI, air.rv32im.logic.IMM_LO, air.rv32im.logic.IMM_HI, air.rv32im.logic.Y0,
      air.rv32im.logic.FLAGS, Zkvm.Air.V2.Logic.Col.fXor, Zkvm.Air.V2.Logic.Col.fOr,
      Zkvm.Air.V2.Logic.Col.fAnd, Zkvm.Air.V2.Logic.Col.useImm, Zkvm.Air.V2.Logic.Col.bLo,
      Zkvm.Air.V2.Logic.Col.bHi, Zkvm.Air.V2.Logic.Col.cLo, Zkvm.Air.V2.Logic.Col.cHi,
      Zkvm.Air.V2.Logic.Col.immLo, Zkvm.Air.V2.Logic.Col.immHi, Zkvm.Air.V2.Logic.Col.y0,
      Zkvm.Air.V2.Logic.real, Zkvm.Air.V2.Logic.yLo, Zkvm.Air.V2.Logic.yHi,
      Zkvm.Air.V2.Logic.flags, Zkvm.Air.V2.Logic.constraints, List.map_append, List.map_cons,
      List.map_nil, List.append_assoc, List.cons_append, List.nil_append, UInt64.reduceToNat,
      UInt64.reduceAdd, List.cons.injEq, and_true, and_self]


set_option maxRecDepth 20000 in
/-- **The bus messages**: the extracted `messages` returns `Logic.fractions` flattened; it never
panics. -/
theorem messages_spec (r : Nat → Ext4) :
    air.rv32im.logic.messages (locOf 36 r) [] = .ok ((Zkvm.Air.V2.Logic.messages r).map toExt) := by
  unfold air.rv32im.logic.messages
  simp (config := { maxSteps := 4000000 }) (disch := decide) only [index_locOf, konst_spec,
    mul_spec, add_spec, neg_spec, ok_bind, air.rv32im.logic.is_real, Usize.add_eq,
    UInt64.reduceAdd, UInt64.reduceToNat, UInt32.reduceToNat]
  repeat (rw [loop_eq]; simp (config := { maxSteps := 4000000 }) (disch := decide) only
    [index_locOf, konst_spec, mul_spec, add_spec, neg_spec, ok_bind, pure_ok, Slice.index,
      Slice.len, Slice.push, limb_spec, air.rv32im.logic.FLAGS, air.rv32im.logic.OPS,
      List.getElem?_cons_succ, List.getElem?_cons_zero, getElem?_locOf, Usize.add_eq,
      UInt64.reduceAdd, UInt64.reduceToNat, UInt64.reduceLT, UInt64.reduceOfNat,
      UInt32.reduceToNat, List.length_cons, List.length_nil, Nat.reduceAdd, ↓reduceIte,
      Nat.reducePow, Nat.reduceSub, Nat.reduceLT, decide_true, air.rv32im.logic.F_XOR,
      air.rv32im.logic.F_OR, air.rv32im.logic.F_AND, air.rv32im.logic.A0, air.rv32im.logic.Y0,
      air.rv32im.logic.N0])
  refine congrArg Outcome.ok ?_
  simp only [air.rv32im.logic.F_XOR, air.rv32im.logic.F_OR, air.rv32im.logic.F_AND,
    air.rv32im.logic.USE_IMM, air.rv32im.logic.CLK, air.rv32im.logic.A0, air.rv32im.logic.B_LO,
    air.rv32im.logic.B_HI, air.rv32im.logic.C_LO, air.rv32im.logic.C_HI,
    air.rv32im.logic.IMM_LO, air.rv32im.logic.IMM_HI, air.rv32im.logic.NEXT_PC,
    air.rv32im.bus.TAG_EXEC, air.rv32im.bus.TAG_AND4, air.rv32im.bus.IMM_OP_OFFSET,
    Zkvm.Air.V2.Logic.messages, Zkvm.Air.V2.Logic.fractions, Zkvm.Air.V2.Logic.and4,
    Zkvm.Air.V2.Logic.opField, Zkvm.Air.V2.Logic.real,
    Zkvm.Air.V2.Logic.Col.fXor, Zkvm.Air.V2.Logic.Col.fOr, Zkvm.Air.V2.Logic.Col.fAnd,
    Zkvm.Air.V2.Logic.Col.useImm, Zkvm.Air.V2.Logic.Col.clk, Zkvm.Air.V2.Logic.Col.a0,
    Zkvm.Air.V2.Logic.Col.y0, Zkvm.Air.V2.Logic.Col.n0, Zkvm.Air.V2.Logic.Col.bLo,
    Zkvm.Air.V2.Logic.Col.bHi, Zkvm.Air.V2.Logic.Col.cLo, Zkvm.Air.V2.Logic.Col.cHi,
    Zkvm.Air.V2.Logic.Col.immLo, Zkvm.Air.V2.Logic.Col.immHi, Zkvm.Air.V2.Logic.Col.nextPc,
    List.map_append, List.map_cons, List.map_nil, List.append_assoc, List.cons_append,
    List.nil_append, List.flatMap_cons, List.flatMap_nil, List.append_nil, UInt64.reduceToNat,
    UInt32.reduceToNat, Nat.reduceAdd, zero_add', ofNat_numeral, List.cons.injEq, and_true,
    and_self]

end Zkvm.Refinement.air.rv32im.logic
