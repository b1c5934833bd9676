module

public import Zkvm.Extracted.Air.Rv32im.Io
public import Zkvm.Refinement.Air.Rv32im.Alu
public import Zkvm.Air.V2.IoSpec
public import Zkvm.Air.V2.IoMessages

/-!
# The extracted IO constraint function computes `Zkvm.Air.V2.Io.constraints`

On every row of 25 extension elements, `air::rv32im::io::eval` returns exactly the 25 values
of the Lean spec constraint function `Io.constraints` (the named groups of phase1.4b.io), in
order, and never panics. Its four loops over the lanes run four times each; the proof unrolls
them (`loop_eq`).
-/

@[expose] public section

noncomputable section

namespace Zkvm.Refinement.air.rv32im.io

open Zkvm.Extraction Zkvm.Extracted Zkvm.Field Zkvm.Field.Ext4
open Zkvm.Refinement.field.extension (toExt)
open Zkvm.Refinement.air.expr
open Zkvm.Refinement.air.rv32im.alu (ofNat_numeral)

theorem boolean_spec (a : Ext4) :
    air.rv32im.io.boolean (toExt a) = .ok (toExt (Zkvm.Air.V2.Io.boolean a)) := by
  unfold air.rv32im.io.boolean
  rw [one_spec, ok_bind, sub_spec, ok_bind, mul_spec]; rfl

theorem index4 {α : Type} (a b c d : α) (i : Usize) (h : i.toNat < 4) :
    Slice.index [a, b, c, d] i = .ok ([a, b, c, d][i.toNat]'(by simpa using h)) :=
  Slice.index_eq _ _ (by simpa using h)

/-- One step of the proof: every operation rewritten to the field's, every column constant and
index computed, every finished bind and match reduced. -/
local macro "io_step" : tactic => `(tactic|
  simp (config := { maxSteps := 4000000 }) (disch := decide) only [index_locOf,
    air.rv32im.io.is_real, air.rv32im.io.one_hot, air.rv32im.io.moved, air.rv32im.io.reads,
    air.rv32im.io.timestamp, boolean_spec, add_spec, sub_spec, mul_spec, one_spec, konst_spec,
    ok_bind, pure_ok, Slice.push, U32.add_eq, Usize.add_eq, index4,
    air.rv32im.io.K_READ, air.rv32im.io.K_WRITE1, air.rv32im.io.K_WRITE2, air.rv32im.io.CLK,
    air.rv32im.io.ROM, air.rv32im.io.S1, air.rv32im.io.T1, air.rv32im.io.U0, air.rv32im.io.N0,
    air.rv32im.io.PREV_TS, air.rv32im.io.G_LO, air.rv32im.io.G_HI, air.rv32im.io.K_PRIV,
    air.rv32im.bus.LIMB, air.rv32im.bus.PORTS, air.rv32im.bus.PORT_COPROCESSOR,
    UInt64.reduceToNat, UInt64.reduceAdd, UInt64.reduceLT, UInt32.reduceToNat, UInt32.reduceAdd,
    List.getElem_cons_zero, List.getElem_cons_succ, ↓reduceIte, Nat.reducePow, Nat.reduceSub,
    Nat.reduceLT, Nat.reduceAdd, decide_true, List.append_assoc, List.cons_append,
    List.nil_append])

set_option maxRecDepth 20000 in
/-- **`eval` is the spec**: on every row, the extracted IO constraint function returns the
values of `Io.constraints`, in order; it never panics. -/
theorem eval_spec (r : Nat → Ext4) (next pub : List (List UInt32)) (sel : air.Selectors) :
    air.rv32im.io.eval (locOf 25 r) next pub sel [] =
      .ok ((Zkvm.Air.V2.Io.constraints r).map toExt) := by
  unfold air.rv32im.io.eval
  io_step
  repeat (rw [loop_eq]; io_step)
  refine congrArg Outcome.ok ?_
  simp only [Zkvm.Air.V2.Io.constraints, Zkvm.Air.V2.Io.lanes, Zkvm.Air.V2.Io.sLane,
    Zkvm.Air.V2.Io.tLane, Zkvm.Air.V2.Io.moved, Zkvm.Air.V2.Io.s0, Zkvm.Air.V2.Io.t0,
    Zkvm.Air.V2.Io.real, Zkvm.Air.V2.Io.reads, Zkvm.Air.V2.Io.writes, Zkvm.Air.V2.Io.before,
    Zkvm.Air.V2.Io.timestamp, Zkvm.Air.V2.Io.gap, Zkvm.Air.V2.Io.expectedGap,
    Zkvm.Air.V2.Io.Col.kRead, Zkvm.Air.V2.Io.Col.kWrite1, Zkvm.Air.V2.Io.Col.kWrite2,
    Zkvm.Air.V2.Io.Col.clk, Zkvm.Air.V2.Io.Col.rom, Zkvm.Air.V2.Io.Col.s1, Zkvm.Air.V2.Io.Col.s2,
    Zkvm.Air.V2.Io.Col.s3, Zkvm.Air.V2.Io.Col.t1, Zkvm.Air.V2.Io.Col.t2, Zkvm.Air.V2.Io.Col.t3,
    Zkvm.Air.V2.Io.Col.u0, Zkvm.Air.V2.Io.Col.n0, Zkvm.Air.V2.Io.Col.prevTs,
    Zkvm.Air.V2.Io.Col.gLo, Zkvm.Air.V2.Io.Col.gHi, Zkvm.Air.V2.Io.Col.kPriv,
    List.map_cons, List.map_nil, List.map_append, List.append_assoc, List.cons_append,
    List.nil_append, Nat.reduceAdd, ofNat_numeral, List.cons.injEq, and_true, and_self]

theorem toUInt32_0 : UInt64.toUInt32 0 = 0 := rfl
theorem toUInt32_1 : UInt64.toUInt32 1 = 1 := rfl
theorem toUInt32_2 : UInt64.toUInt32 2 = 2 := rfl
theorem toUInt32_3 : UInt64.toUInt32 3 = 3 := rfl

set_option maxRecDepth 20000 in
/-- **The bus messages**: on every row, the extracted `messages` returns the named fractions of
`Io.fractions` flattened; it never panics. -/
theorem messages_spec (r : Nat → Ext4) :
    air.rv32im.io.messages (locOf 25 r) [] = .ok ((Zkvm.Air.V2.Io.messages r).map toExt) := by
  unfold air.rv32im.io.messages
  io_step
  simp (config := { maxSteps := 4000000 }) (disch := decide) only [air.rv32im.io.lane_of,
    air.rv32im.io.half, index4, neg_spec, ok_bind, index_locOf, add_spec, mul_spec, konst_spec,
    Usize.add_eq, UInt64.reduceAdd, UInt64.reduceToNat, List.getElem_cons_zero,
    List.getElem_cons_succ, air.rv32im.io.WA, air.rv32im.io.BASE, air.rv32im.bus.IO_READ_PRIVATE,
    air.rv32im.bus.SPACE_RAM, UInt32.reduceToNat]
  repeat (rw [loop_eq]; io_step; try simp (config := { maxSteps := 4000000 }) (disch := decide) only
    [toUInt32_0, toUInt32_1, toUInt32_2, toUInt32_3, neg_spec, konst_spec, add_spec, mul_spec,
      ok_bind, UInt32.reduceToNat])
  refine congrArg Outcome.ok ?_
  simp only [Zkvm.Air.V2.Io.messages, Zkvm.Air.V2.Io.fractions, Zkvm.Air.V2.Io.kind,
    Zkvm.Air.V2.Io.laneAt, Zkvm.Air.V2.Io.halfAt, Zkvm.Air.V2.Io.byteTag, Zkvm.Air.V2.Io.sign,
    Zkvm.Air.V2.Io.tagMem, Zkvm.Air.V2.Io.tagU16, Zkvm.Air.V2.Io.tagU8, Zkvm.Air.V2.Io.tagIo,
    Zkvm.Air.V2.Io.moved, Zkvm.Air.V2.Io.s0, Zkvm.Air.V2.Io.t0,
    Zkvm.Air.V2.Io.real, Zkvm.Air.V2.Io.reads, Zkvm.Air.V2.Io.timestamp,
    Zkvm.Air.V2.Io.Col.kRead, Zkvm.Air.V2.Io.Col.kWrite1, Zkvm.Air.V2.Io.Col.kWrite2,
    Zkvm.Air.V2.Io.Col.clk, Zkvm.Air.V2.Io.Col.wa, Zkvm.Air.V2.Io.Col.rom,
    Zkvm.Air.V2.Io.Col.base, Zkvm.Air.V2.Io.Col.s1, Zkvm.Air.V2.Io.Col.s2,
    Zkvm.Air.V2.Io.Col.s3, Zkvm.Air.V2.Io.Col.t1, Zkvm.Air.V2.Io.Col.t2, Zkvm.Air.V2.Io.Col.t3,
    Zkvm.Air.V2.Io.Col.u0, Zkvm.Air.V2.Io.Col.n0, Zkvm.Air.V2.Io.Col.prevTs,
    Zkvm.Air.V2.Io.Col.gLo, Zkvm.Air.V2.Io.Col.gHi, Zkvm.Air.V2.Io.Col.kPriv,
    air.rv32im.bus.TAG_IO, air.rv32im.bus.TAG_MEM, air.rv32im.bus.TAG_U16, air.rv32im.bus.TAG_U8,
    air.rv32im.bus.TAG_INPUT, air.rv32im.bus.TAG_OUTPUT, air.rv32im.bus.TAG_PRIV,
    air.rv32im.bus.GAP_HI_SCALE,
    List.map_append, List.map_cons, List.map_nil, List.append_assoc, List.cons_append,
    List.nil_append, List.flatMap_cons, List.flatMap_nil, List.flatMap_append, List.append_nil,
    Nat.reduceAdd, UInt32.reduceToNat, ofNat_numeral, List.cons.injEq, and_true, and_self]

end Zkvm.Refinement.air.rv32im.io
