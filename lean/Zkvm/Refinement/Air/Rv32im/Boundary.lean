module

public import Zkvm.Extracted.Air.Rv32im.Boundary
public import Zkvm.Refinement.Air.Rv32im.Cpu
public import Zkvm.Air.V2.BoundarySpec
public import Zkvm.Air.V2.TableMessages

/-!
# The extracted BOUNDARY constraint function computes `Zkvm.Air.V2.Boundary.constraints`

On every window (a local and a next row of 19 extension elements, the segment's 20 public values
and the selectors), `air::rv32im::boundary::eval` returns exactly the 16 values of
`Boundary.constraints`, in order, and never panics. Its three loops over the four zero
intervals run four times each; the proof unrolls them (`loop_eq`).
-/

@[expose] public section

noncomputable section

namespace Zkvm.Refinement.air.rv32im.boundary

open Zkvm.Extraction Zkvm.Extracted Zkvm.Field Zkvm.Field.Ext4 Zkvm.Air.Table
open Zkvm.Refinement.field.extension (toExt)
open Zkvm.Refinement.air.expr
open Zkvm.Refinement.air.rv32im.alu (ofNat_numeral zero_add')
open Zkvm.Refinement.air.rv32im.cpu (selOf)

theorem boolean_spec (a : Ext4) :
    air.rv32im.boundary.boolean (toExt a) = .ok (toExt (Zkvm.Air.V2.Boundary.boolean a)) := by
  unfold air.rv32im.boundary.boolean
  rw [one_spec, ok_bind, sub_spec, ok_bind, mul_spec]; rfl

/-- One step of the proof: every operation rewritten to the field's, every constant and index
computed, every finished bind and match reduced. -/
local macro "boundary_step" : tactic => `(tactic|
  simp (config := { maxSteps := 4000000 }) (disch := decide) only [index_locOf,
    air.rv32im.boundary.is_real, air.rv32im.boundary.key, boolean_spec, add_spec, sub_spec,
    mul_spec, one_spec, zero_spec, konst_spec, ok_bind, pure_ok, Slice.push, U32.add_eq,
    Usize.add_eq, Usize.mul_eq, selOf,
    air.rv32im.boundary.B_IMG, air.rv32im.boundary.B_ZERO, air.rv32im.boundary.SPACE,
    air.rv32im.boundary.ADDR, air.rv32im.boundary.INIT_LO, air.rv32im.boundary.INIT_HI,
    air.rv32im.boundary.G_LO, air.rv32im.boundary.G_HI, air.rv32im.boundary.SEL0,
    air.rv32im.boundary.E1_LO, air.rv32im.boundary.E1_HI, air.rv32im.boundary.E2_LO,
    air.rv32im.boundary.E2_HI, air.rv32im.boundary.PV_ZERO0, air.rv32im.boundary.PV_FINAL,
    air.rv32im.boundary.MAX_ZERO_INTERVALS, air.rv32im.boundary.KEY_SPACE_WEIGHT,
    air.rv32im.boundary.GAP_HI_WEIGHT, air.rv32im.boundary.OFFSET_HI_WEIGHT,
    air.rv32im.bus.SPACE_RAM,
    UInt64.reduceToNat, UInt64.reduceAdd, UInt64.reduceMul, UInt64.reduceLT, UInt32.reduceToNat,
    UInt32.reduceAdd, ↓reduceIte, Nat.reducePow, Nat.reduceSub, Nat.reduceLT, Nat.reduceAdd,
    Nat.reduceMul, decide_true, List.append_assoc, List.cons_append, List.nil_append])

set_option maxRecDepth 20000 in
/-- **`eval` is the spec** on every window; it never panics. -/
theorem eval_spec (w : Window Ext4) :
    air.rv32im.boundary.eval (locOf 19 w.cur) (locOf 19 w.next) (locOf 20 w.pub) (selOf w) [] =
      .ok ((Zkvm.Air.V2.Boundary.constraints w).map toExt) := by
  unfold air.rv32im.boundary.eval
  boundary_step
  repeat (rw [loop_eq]; boundary_step)
  refine congrArg Outcome.ok ?_
  simp only [Zkvm.Air.V2.Boundary.constraints, Zkvm.Air.V2.Boundary.intervals,
    Zkvm.Air.V2.Boundary.real, Zkvm.Air.V2.Boundary.key, Zkvm.Air.V2.Boundary.gap,
    Zkvm.Air.V2.Boundary.e1, Zkvm.Air.V2.Boundary.e2, Zkvm.Air.V2.Boundary.lo,
    Zkvm.Air.V2.Boundary.hi, Zkvm.Air.V2.Boundary.low, Zkvm.Air.V2.Boundary.high,
    Zkvm.Air.V2.Boundary.pvZero0, Zkvm.Air.V2.Boundary.pvFinal,
    Zkvm.Air.V2.Boundary.Col.bImg, Zkvm.Air.V2.Boundary.Col.bZero,
    Zkvm.Air.V2.Boundary.Col.space, Zkvm.Air.V2.Boundary.Col.addr,
    Zkvm.Air.V2.Boundary.Col.initLo, Zkvm.Air.V2.Boundary.Col.initHi,
    Zkvm.Air.V2.Boundary.Col.gLo, Zkvm.Air.V2.Boundary.Col.gHi,
    Zkvm.Air.V2.Boundary.Col.sel0, Zkvm.Air.V2.Boundary.Col.e1Lo,
    Zkvm.Air.V2.Boundary.Col.e1Hi, Zkvm.Air.V2.Boundary.Col.e2Lo,
    Zkvm.Air.V2.Boundary.Col.e2Hi, List.map_cons, List.map_nil, List.map_append,
    List.append_assoc, List.cons_append, List.nil_append, Nat.reduceAdd, Nat.reduceMul,
    zero_add', ofNat_numeral, List.cons.injEq, and_true, and_self]

set_option maxRecDepth 20000 in
/-- **The bus messages**: the extracted `messages` returns `Boundary.fractions` flattened. -/
theorem messages_spec (r : Nat → Ext4) :
    air.rv32im.boundary.messages (locOf 19 r) [] =
      .ok ((Zkvm.Air.V2.Boundary.messages r).map toExt) := by
  unfold air.rv32im.boundary.messages air.rv32im.boundary.u16_lookup
  simp (config := { maxSteps := 400000 }) (disch := decide) only [ok_bind, pure_ok, index_locOf,
    air.rv32im.boundary.is_real, add_spec, neg_spec, konst_spec, zero_spec, Slice.push]
  refine congrArg Outcome.ok ?_
  simp only [air.rv32im.boundary.B_IMG, air.rv32im.boundary.B_ZERO, air.rv32im.boundary.SPACE,
    air.rv32im.boundary.ADDR, air.rv32im.boundary.INIT_LO, air.rv32im.boundary.INIT_HI,
    air.rv32im.boundary.FIN_LO, air.rv32im.boundary.FIN_HI, air.rv32im.boundary.FIN_TS,
    air.rv32im.boundary.G_LO, air.rv32im.boundary.G_HI, air.rv32im.boundary.E1_LO,
    air.rv32im.boundary.E1_HI, air.rv32im.boundary.E2_LO, air.rv32im.boundary.E2_HI,
    air.rv32im.bus.TAG_MEM, air.rv32im.bus.TAG_IMG, air.rv32im.bus.TAG_U16,
    Zkvm.Air.V2.Boundary.messages, Zkvm.Air.V2.Boundary.fractions, Zkvm.Air.V2.Boundary.real,
    Zkvm.Air.V2.Boundary.Col.bImg, Zkvm.Air.V2.Boundary.Col.bZero,
    Zkvm.Air.V2.Boundary.Col.space, Zkvm.Air.V2.Boundary.Col.addr,
    Zkvm.Air.V2.Boundary.Col.initLo, Zkvm.Air.V2.Boundary.Col.initHi,
    Zkvm.Air.V2.Boundary.Col.finLo, Zkvm.Air.V2.Boundary.Col.finHi,
    Zkvm.Air.V2.Boundary.Col.finTs, Zkvm.Air.V2.Boundary.Col.gLo,
    Zkvm.Air.V2.Boundary.Col.gHi, Zkvm.Air.V2.Boundary.Col.e1Lo,
    Zkvm.Air.V2.Boundary.Col.e1Hi, Zkvm.Air.V2.Boundary.Col.e2Lo,
    Zkvm.Air.V2.Boundary.Col.e2Hi,
    List.map_append, List.map_cons, List.map_nil, List.append_assoc, List.cons_append,
    List.nil_append, List.flatMap_cons, List.flatMap_nil, List.append_nil, UInt64.reduceToNat,
    UInt32.reduceToNat, ofNat_numeral, List.cons.injEq, and_true, and_self]

end Zkvm.Refinement.air.rv32im.boundary
