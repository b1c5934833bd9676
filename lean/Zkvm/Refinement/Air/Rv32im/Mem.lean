module

public import Zkvm.Extracted.Air.Rv32im.Mem
public import Zkvm.Refinement.Air.Rv32im.Alu
public import Zkvm.Air.V2.MemSpec
public import Zkvm.Air.V2.MemMessages

/-!
# The extracted MEM constraint function computes `Zkvm.Air.V2.Mem.constraints`

On every row of 37 extension elements, `air::rv32im::mem::eval` returns exactly the 41 values
of the Lean spec constraint function `Mem.constraints` (the named groups of phase1.4b.mem), in
order, and never panics.
-/

@[expose] public section

noncomputable section

namespace Zkvm.Refinement.air.rv32im.mem

open Zkvm.Extraction Zkvm.Extracted Zkvm.Field Zkvm.Field.Ext4
open Zkvm.Refinement.field.extension (toExt)
open Zkvm.Refinement.air.expr
open Zkvm.Refinement.air.rv32im.alu (zero_add' ofNat_numeral)

theorem boolean_spec (a : Ext4) :
    air.rv32im.mem.boolean (toExt a) = .ok (toExt (Zkvm.Air.V2.Mem.boolean a)) := by
  unfold air.rv32im.mem.boolean
  rw [one_spec, ok_bind, sub_spec, ok_bind, mul_spec]; rfl

/-- `sum` adds the row's columns `cols` (nonempty, all below 37) in order. -/
theorem sum_spec (r : Nat → Ext4) (cols : List Usize) (h : ∀ c ∈ cols, c.toNat < 37)
    (hne : cols ≠ []) (hl : cols.length < 2 ^ 64) :
    air.rv32im.mem.sum (locOf 37 r) cols =
      .ok (toExt (cols.tail.foldl (fun acc c => acc + r c.toNat) (r (cols.headD 0).toNat))) := by
  have hn := Slice.len_toNat cols hl
  obtain ⟨c0, rest, rfl⟩ : ∃ c0 rest, cols = c0 :: rest := by
    cases cols with
    | nil => exact absurd rfl hne
    | cons a l => exact ⟨a, l, rfl⟩
  simp only [List.length_cons] at hn hl
  unfold air.rv32im.mem.sum
  rw [Slice.index_eq _ 0 (by simp), ok_bind, index_locOf 37 r _ (h _ (by simp)), ok_bind]
  apply loop_bind_ok
    (P := fun s => 1 ≤ s.2.toNat ∧ s.2.toNat ≤ rest.length + 1 ∧
      s.1 = toExt ((rest.take (s.2.toNat - 1)).foldl (fun acc c => acc + r c.toNat) (r c0.toNat)))
    (Q := fun s => s.1 = toExt (rest.foldl (fun acc c => acc + r c.toNat) (r c0.toNat)))
  · intro ⟨acc, i⟩ ⟨hi1, hi, hacc⟩
    dsimp only at hi1 hi hacc
    subst hacc
    dsimp only
    by_cases hlt : i < Slice.len (c0 :: rest)
    · have hlt' : i.toNat < rest.length + 1 := by
        rw [UInt64.lt_iff_toNat_lt, hn] at hlt; simpa using hlt
      have e : (i + 1).toNat = i.toNat + 1 := by simp only [UInt64.toNat_add]; simp; omega
      obtain ⟨k, hk⟩ : ∃ k, i.toNat = k + 1 := ⟨i.toNat - 1, by omega⟩
      have hget : (c0 :: rest)[i.toNat]'(by simpa using hlt') = rest[k]'(by omega) := by
        simp only [hk, List.getElem_cons_succ]
      left
      refine ⟨(toExt ((rest.take i.toNat).foldl (fun acc c => acc + r c.toNat) (r c0.toNat)),
        i + 1), ?_, ?_, ?_⟩
      · rw [if_pos hlt, Slice.index_eq (c0 :: rest) i (by simpa using hlt'), ok_bind, hget,
          index_locOf 37 r _ (h _ (List.mem_cons_of_mem _ (List.getElem_mem _))), ok_bind,
          add_spec, ok_bind, Usize.add_eq i 1 (by simp; omega), ok_bind, pure_ok]
        have ht : rest.take i.toNat = rest.take (i.toNat - 1) ++ [rest[k]'(by omega)] := by
          simp only [hk, Nat.add_sub_cancel, List.take_add_one,
            List.getElem?_eq_getElem (show k < rest.length by omega), Option.toList_some]
        rw [ht, List.foldl_append]
        rfl
      · show 2 ^ 64 - (i + 1).toNat < 2 ^ 64 - i.toNat
        rw [e]; omega
      · exact ⟨by rw [e]; omega, by rw [e]; omega, by rw [e]; rfl⟩
    · right
      refine ⟨_, by rw [if_neg hlt, pure_ok], ?_⟩
      have e : i.toNat = rest.length + 1 := by
        have : ¬ i.toNat < (Slice.len (c0 :: rest)).toNat := fun h => hlt (UInt64.lt_iff_toNat_lt.mpr h)
        rw [hn] at this; simp at this; omega
      dsimp only
      rw [e, Nat.add_sub_cancel, List.take_length]
  · exact ⟨by simp, by simp, by simp⟩
  · intro ⟨acc, i⟩ hq
    dsimp only at hq
    subst hq
    rfl

set_option maxRecDepth 20000 in
/-- **`eval` is the spec**: on every row, the extracted MEM constraint function returns the
values of `Mem.constraints`, in order; it never panics. -/
theorem eval_spec (r : Nat → Ext4) (next pub : List (List UInt32)) (sel : air.Selectors) :
    air.rv32im.mem.eval (locOf 37 r) next pub sel [] =
      .ok ((Zkvm.Air.V2.Mem.constraints r).map toExt) := by
  have hF : Slice.len air.rv32im.mem.FLAGS = 8 := rfl
  have hmem : ∀ c ∈ air.rv32im.mem.FLAGS, c.toNat < 37 := by decide
  unfold air.rv32im.mem.eval
  simp (config := { maxSteps := 4000000 }) (disch := decide) only [air.rv32im.mem.is_real,
    air.rv32im.mem.is_load, air.rv32im.mem.lane0, air.rv32im.mem.is_sub, air.rv32im.mem.half,
    sum_spec, index_locOf, add_spec, sub_spec, mul_spec, konst_spec, ok_bind]
  apply loop_bind_ok
    (P := fun s => s.2.toNat ≤ 8 ∧
      s.1 = (air.rv32im.mem.FLAGS.take s.2.toNat).map
        (fun c => toExt (Zkvm.Air.V2.Mem.boolean (r c.toNat))))
    (Q := fun s => s.1 = air.rv32im.mem.FLAGS.map
        (fun c => toExt (Zkvm.Air.V2.Mem.boolean (r c.toNat))))
  · intro ⟨out, f⟩ ⟨hf, hout⟩
    dsimp only at hf hout
    subst hout
    dsimp only
    by_cases hlt : f < Slice.len air.rv32im.mem.FLAGS
    · have hlt' : f.toNat < 8 := by rw [hF, UInt64.lt_iff_toNat_lt] at hlt; exact hlt
      have e : (f + 1).toNat = f.toNat + 1 := by simp only [UInt64.toNat_add]; simp; omega
      left
      refine ⟨((air.rv32im.mem.FLAGS.take (f.toNat + 1)).map
        (fun c => toExt (Zkvm.Air.V2.Mem.boolean (r c.toNat))), f + 1), ?_, ?_, ?_⟩
      · rw [if_pos hlt, Slice.index_eq air.rv32im.mem.FLAGS f hlt', ok_bind,
          index_locOf 37 r _ (hmem _ (List.getElem_mem _)), ok_bind, boolean_spec, ok_bind,
          Usize.add_eq f 1 (by simp; omega), ok_bind, pure_ok, List.take_add_one,
          List.getElem?_eq_getElem hlt', List.map_append]
        rfl
      · show 2 ^ 64 - (f + 1).toNat < 2 ^ 64 - f.toNat
        rw [e]; omega
      · exact ⟨by rw [e]; omega, by rw [e]⟩
    · right
      refine ⟨_, by rw [if_neg hlt, pure_ok], ?_⟩
      have e : f.toNat = 8 := by
        have : ¬ f.toNat < 8 := fun h => hlt (by rw [hF, UInt64.lt_iff_toNat_lt]; exact h)
        omega
      dsimp only
      rw [e]; rfl
  · exact ⟨by simp, rfl⟩
  · intro ⟨out, f⟩ h
    dsimp only at h
    subst h
    dsimp only
    simp (config := { maxSteps := 4000000 }) (disch := decide) only [ok_bind, pure_ok, index_locOf,
      boolean_spec, add_spec, sub_spec, mul_spec, one_spec, konst_spec, Slice.push, sum_spec,
      U32.add_eq, air.rv32im.mem.addr_lo, air.rv32im.mem.is_store, air.rv32im.mem.timestamp]
    refine congrArg Outcome.ok ?_
    simp only [air.rv32im.mem.F_LB, air.rv32im.mem.F_LH, air.rv32im.mem.F_LW, air.rv32im.mem.F_LBU, air.rv32im.mem.F_LHU, air.rv32im.mem.F_SB, air.rv32im.mem.F_SH, air.rv32im.mem.F_SW, air.rv32im.mem.CLK, air.rv32im.mem.A_LO, air.rv32im.mem.A_HI, air.rv32im.mem.B_LO, air.rv32im.mem.B_HI, air.rv32im.mem.C_LO, air.rv32im.mem.C_HI, air.rv32im.mem.IMM_LO, air.rv32im.mem.IMM_HI, air.rv32im.mem.NEXT_PC, air.rv32im.mem.Q, air.rv32im.mem.ADDR_HI, air.rv32im.mem.CARRY, air.rv32im.mem.L1, air.rv32im.mem.L2, air.rv32im.mem.L3, air.rv32im.mem.ROM, air.rv32im.mem.OLD_LO, air.rv32im.mem.OLD_HI, air.rv32im.mem.NEW_LO, air.rv32im.mem.NEW_HI, air.rv32im.mem.PREV_TS, air.rv32im.mem.G_LO, air.rv32im.mem.G_HI, air.rv32im.mem.X0, air.rv32im.mem.X1, air.rv32im.mem.V, air.rv32im.mem.S, air.rv32im.mem.Y1, air.rv32im.mem.FLAGS, Zkvm.Air.V2.Mem.Col.fLb, Zkvm.Air.V2.Mem.Col.fLh, Zkvm.Air.V2.Mem.Col.fLw, Zkvm.Air.V2.Mem.Col.fLbu, Zkvm.Air.V2.Mem.Col.fLhu, Zkvm.Air.V2.Mem.Col.fSb, Zkvm.Air.V2.Mem.Col.fSh, Zkvm.Air.V2.Mem.Col.fSw, Zkvm.Air.V2.Mem.Col.clk, Zkvm.Air.V2.Mem.Col.aLo, Zkvm.Air.V2.Mem.Col.aHi, Zkvm.Air.V2.Mem.Col.bLo, Zkvm.Air.V2.Mem.Col.bHi, Zkvm.Air.V2.Mem.Col.cLo, Zkvm.Air.V2.Mem.Col.cHi, Zkvm.Air.V2.Mem.Col.immLo, Zkvm.Air.V2.Mem.Col.immHi, Zkvm.Air.V2.Mem.Col.nextPc, Zkvm.Air.V2.Mem.Col.q, Zkvm.Air.V2.Mem.Col.addrHi, Zkvm.Air.V2.Mem.Col.carry, Zkvm.Air.V2.Mem.Col.l1, Zkvm.Air.V2.Mem.Col.l2, Zkvm.Air.V2.Mem.Col.l3, Zkvm.Air.V2.Mem.Col.rom, Zkvm.Air.V2.Mem.Col.oldLo, Zkvm.Air.V2.Mem.Col.oldHi, Zkvm.Air.V2.Mem.Col.newLo, Zkvm.Air.V2.Mem.Col.newHi, Zkvm.Air.V2.Mem.Col.prevTs, Zkvm.Air.V2.Mem.Col.gLo, Zkvm.Air.V2.Mem.Col.gHi, Zkvm.Air.V2.Mem.Col.x0, Zkvm.Air.V2.Mem.Col.x1, Zkvm.Air.V2.Mem.Col.v, Zkvm.Air.V2.Mem.Col.s, Zkvm.Air.V2.Mem.Col.y1,
      air.rv32im.bus.LIMB, air.rv32im.bus.PORTS, air.rv32im.bus.PORT_COPROCESSOR,
      Zkvm.Air.V2.Mem.real, Zkvm.Air.V2.Mem.isLoad, Zkvm.Air.V2.Mem.isStore,
      Zkvm.Air.V2.Mem.isSub, Zkvm.Air.V2.Mem.lane0, Zkvm.Air.V2.Mem.addrLo,
      Zkvm.Air.V2.Mem.timestamp, Zkvm.Air.V2.Mem.half, Zkvm.Air.V2.Mem.halves,
      Zkvm.Air.V2.Mem.kHi, Zkvm.Air.V2.Mem.gap, Zkvm.Air.V2.Mem.expectedGap,
      Zkvm.Air.V2.Mem.laneByte, Zkvm.Air.V2.Mem.shLo, Zkvm.Air.V2.Mem.shHi,
      Zkvm.Air.V2.Mem.sbLo, Zkvm.Air.V2.Mem.sbHi, Zkvm.Air.V2.Mem.flags,
      Zkvm.Air.V2.Mem.constraints, List.map_append, List.map_cons, List.map_nil,
      List.append_assoc, List.cons_append, List.nil_append, List.foldl_cons, List.foldl_nil,
      List.tail_cons, List.headD_cons, UInt64.reduceToNat, UInt32.reduceToNat, UInt32.reduceAdd,
      List.cons.injEq, and_true, ofNat_numeral, and_self]

theorem shl_one_14 : U32.shl 1 14 = .ok 16384 := rfl

set_option maxRecDepth 20000 in
/-- **The bus messages**: the extracted `messages` returns `Mem.fractions` flattened; it never
panics. -/
theorem messages_spec (r : Nat → Ext4) :
    air.rv32im.mem.messages (locOf 37 r) [] = .ok ((Zkvm.Air.V2.Mem.messages r).map toExt) := by
  unfold air.rv32im.mem.messages air.rv32im.mem.lookup
  simp (config := { maxSteps := 4000000 }) (disch := decide) only [index_locOf, konst_spec,
    mul_spec, add_spec, sub_spec, neg_spec, ok_bind, pure_ok, Slice.push, sum_spec,
    air.rv32im.mem.is_real, air.rv32im.mem.is_sub, air.rv32im.mem.addr_lo,
    air.rv32im.mem.word_addr, air.rv32im.mem.space, air.rv32im.mem.timestamp, U32.add_eq,
    shl_one_14,
    Slice.index, air.rv32im.mem.FLAGS, air.rv32im.mem.OPS, List.getElem?_cons_succ,
    List.getElem?_cons_zero, getElem?_locOf, UInt64.reduceToNat, UInt32.reduceToNat]
  repeat (rw [loop_eq]; simp (config := { maxSteps := 4000000 }) (disch := decide) only
    [index_locOf, konst_spec, mul_spec, add_spec, neg_spec, ok_bind, pure_ok, Slice.index,
      Slice.len, Slice.push, air.rv32im.mem.FLAGS, air.rv32im.mem.OPS,
      List.getElem?_cons_succ, List.getElem?_cons_zero, getElem?_locOf, Usize.add_eq,
      UInt64.reduceAdd, UInt64.reduceToNat, UInt64.reduceLT, UInt64.reduceOfNat,
      UInt32.reduceToNat, List.length_cons, List.length_nil, Nat.reduceAdd, ↓reduceIte,
      Nat.reducePow, Nat.reduceSub, Nat.reduceLT, decide_true, air.rv32im.mem.F_LB,
      air.rv32im.mem.F_LH, air.rv32im.mem.F_LW, air.rv32im.mem.F_LBU, air.rv32im.mem.F_LHU,
      air.rv32im.mem.F_SB, air.rv32im.mem.F_SH, air.rv32im.mem.F_SW, air.rv32im.mem.OP_LB,
      air.rv32im.mem.OP_LH, air.rv32im.mem.OP_LW, air.rv32im.mem.OP_LBU, air.rv32im.mem.OP_LHU,
      air.rv32im.mem.OP_SB, air.rv32im.mem.OP_SH, air.rv32im.mem.OP_SW])
  refine congrArg Outcome.ok ?_
  simp only [air.rv32im.mem.F_LB, air.rv32im.mem.F_LH, air.rv32im.mem.F_LW, air.rv32im.mem.F_LBU, air.rv32im.mem.F_LHU, air.rv32im.mem.F_SB, air.rv32im.mem.F_SH, air.rv32im.mem.F_SW, air.rv32im.mem.CLK, air.rv32im.mem.A_LO, air.rv32im.mem.A_HI, air.rv32im.mem.B_LO, air.rv32im.mem.B_HI, air.rv32im.mem.C_LO, air.rv32im.mem.C_HI, air.rv32im.mem.IMM_LO, air.rv32im.mem.IMM_HI, air.rv32im.mem.NEXT_PC, air.rv32im.mem.Q, air.rv32im.mem.ADDR_HI, air.rv32im.mem.L1, air.rv32im.mem.L2, air.rv32im.mem.L3, air.rv32im.mem.ROM, air.rv32im.mem.OLD_LO, air.rv32im.mem.OLD_HI, air.rv32im.mem.NEW_LO, air.rv32im.mem.NEW_HI, air.rv32im.mem.PREV_TS, air.rv32im.mem.G_LO, air.rv32im.mem.G_HI, air.rv32im.mem.X0, air.rv32im.mem.X1, air.rv32im.mem.V, air.rv32im.mem.S, air.rv32im.mem.Y1,
    Zkvm.Air.V2.Mem.Col.fLb, Zkvm.Air.V2.Mem.Col.fLh, Zkvm.Air.V2.Mem.Col.fLw, Zkvm.Air.V2.Mem.Col.fLbu, Zkvm.Air.V2.Mem.Col.fLhu, Zkvm.Air.V2.Mem.Col.fSb, Zkvm.Air.V2.Mem.Col.fSh, Zkvm.Air.V2.Mem.Col.fSw, Zkvm.Air.V2.Mem.Col.clk, Zkvm.Air.V2.Mem.Col.aLo, Zkvm.Air.V2.Mem.Col.aHi, Zkvm.Air.V2.Mem.Col.bLo, Zkvm.Air.V2.Mem.Col.bHi, Zkvm.Air.V2.Mem.Col.cLo, Zkvm.Air.V2.Mem.Col.cHi, Zkvm.Air.V2.Mem.Col.immLo, Zkvm.Air.V2.Mem.Col.immHi, Zkvm.Air.V2.Mem.Col.nextPc, Zkvm.Air.V2.Mem.Col.q, Zkvm.Air.V2.Mem.Col.addrHi, Zkvm.Air.V2.Mem.Col.l1, Zkvm.Air.V2.Mem.Col.l2, Zkvm.Air.V2.Mem.Col.l3, Zkvm.Air.V2.Mem.Col.rom, Zkvm.Air.V2.Mem.Col.oldLo, Zkvm.Air.V2.Mem.Col.oldHi, Zkvm.Air.V2.Mem.Col.newLo, Zkvm.Air.V2.Mem.Col.newHi, Zkvm.Air.V2.Mem.Col.prevTs, Zkvm.Air.V2.Mem.Col.gLo, Zkvm.Air.V2.Mem.Col.gHi, Zkvm.Air.V2.Mem.Col.x0, Zkvm.Air.V2.Mem.Col.x1, Zkvm.Air.V2.Mem.Col.v, Zkvm.Air.V2.Mem.Col.s, Zkvm.Air.V2.Mem.Col.y1,
    air.rv32im.bus.TAG_EXEC, air.rv32im.bus.TAG_MEM, air.rv32im.bus.TAG_U16,
    air.rv32im.bus.TAG_U8, air.rv32im.bus.GAP_HI_SCALE, air.rv32im.bus.SPACE_RAM,
    air.rv32im.bus.PORTS, air.rv32im.bus.PORT_COPROCESSOR,
    Zkvm.Air.V2.Mem.messages, Zkvm.Air.V2.Mem.fractions, Zkvm.Air.V2.Mem.opField,
    Zkvm.Air.V2.Mem.real, Zkvm.Air.V2.Mem.isSub, Zkvm.Air.V2.Mem.space,
    Zkvm.Air.V2.Mem.wordAddr, Zkvm.Air.V2.Mem.addrLo, Zkvm.Air.V2.Mem.timestamp,
    List.map_append, List.map_cons, List.map_nil, List.append_assoc, List.cons_append,
    List.nil_append, List.flatMap_cons, List.flatMap_nil, List.append_nil, List.foldl_cons,
    List.foldl_nil, List.tail_cons, List.headD_cons, UInt64.reduceToNat, UInt32.reduceToNat,
    UInt32.reduceAdd, Nat.reduceAdd, ofNat_numeral, List.cons.injEq, and_true, and_self]

end Zkvm.Refinement.air.rv32im.mem
