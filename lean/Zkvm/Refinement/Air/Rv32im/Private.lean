module

public import Zkvm.Extracted.Air.Rv32im.Private
public import Zkvm.Refinement.Air.Rv32im.Cpu
public import Zkvm.Air.V2.PrivateSpec
public import Zkvm.Air.V2.TableMessages

/-!
# The extracted PRIVATE constraint function computes `Zkvm.Air.V2.Private.constraints`

On every window (a local and a next row of 9 extension elements, the segment's 20 public values
and the selectors), `air::rv32im::private::eval` returns exactly the 11 values of
`Private.constraints`, in order, and never panics.
-/

@[expose] public section

noncomputable section

namespace Zkvm.Refinement.air.rv32im.private_

open Zkvm.Extraction Zkvm.Extracted Zkvm.Field Zkvm.Field.Ext4 Zkvm.Air.Table
open Zkvm.Refinement.field.extension (toExt)
open Zkvm.Refinement.air.expr
open Zkvm.Refinement.air.rv32im.alu (ofNat_numeral)
open Zkvm.Refinement.air.rv32im.cpu (selOf)

theorem boolean_spec (a : Ext4) :
    air.rv32im.«private».boolean (toExt a) = .ok (toExt (Zkvm.Air.V2.Private.boolean a)) := by
  unfold air.rv32im.«private».boolean
  rw [one_spec, ok_bind, sub_spec, ok_bind, mul_spec]; rfl

set_option maxRecDepth 20000 in
/-- **`eval` is the spec** on every window; it never panics. -/
theorem eval_spec (w : Window Ext4) :
    air.rv32im.«private».eval (locOf 9 w.cur) (locOf 9 w.next) (locOf 20 w.pub) (selOf w) [] =
      .ok ((Zkvm.Air.V2.Private.constraints w).map toExt) := by
  unfold air.rv32im.«private».eval
  simp (config := { maxSteps := 4000000 }) (disch := decide) only [index_locOf, one_spec,
    sub_spec, mul_spec, add_spec, konst_spec, boolean_spec, ok_bind, pure_ok, Slice.push, selOf]
  refine congrArg Outcome.ok ?_
  simp only [air.rv32im.«private».REAL, air.rv32im.«private».J, air.rv32im.«private».PLEN,
    air.rv32im.«private».MLEN, air.rv32im.«private».END, air.rv32im.«private».R_LO,
    air.rv32im.«private».R_HI, air.rv32im.«private».PV_FINAL, air.rv32im.bus.LIMB,
    Zkvm.Air.V2.Private.Col.real, Zkvm.Air.V2.Private.Col.j, Zkvm.Air.V2.Private.Col.plen,
    Zkvm.Air.V2.Private.Col.mlen, Zkvm.Air.V2.Private.Col.endRow, Zkvm.Air.V2.Private.Col.rLo,
    Zkvm.Air.V2.Private.Col.rHi, Zkvm.Air.V2.Private.pvFinal, Zkvm.Air.V2.Private.constraints,
    List.map_cons, List.map_nil, List.append_assoc, List.cons_append, List.nil_append,
    UInt64.reduceToNat, UInt32.reduceToNat, ofNat_numeral, List.cons.injEq, and_true, and_self]

set_option maxRecDepth 20000 in
/-- **The bus messages**: the extracted `messages` returns `Private.fractions` flattened. -/
theorem messages_spec (r : Nat → Ext4) :
    air.rv32im.«private».messages (locOf 9 r) [] =
      .ok ((Zkvm.Air.V2.Private.messages r).map toExt) := by
  unfold air.rv32im.«private».messages
  simp (config := { maxSteps := 400000 }) (disch := decide) only [ok_bind, pure_ok, index_locOf,
    neg_spec, konst_spec, Slice.push]
  refine congrArg Outcome.ok ?_
  simp only [air.rv32im.«private».REAL, air.rv32im.«private».J, air.rv32im.«private».BYTE,
    air.rv32im.«private».PLEN, air.rv32im.«private».MLEN, air.rv32im.«private».END,
    air.rv32im.«private».T_END, air.rv32im.«private».R_LO, air.rv32im.«private».R_HI,
    air.rv32im.bus.TAG_PRIV, air.rv32im.bus.TAG_U8, air.rv32im.bus.TAG_PLEN,
    air.rv32im.bus.TAG_MEM, air.rv32im.bus.SPACE_IO, air.rv32im.bus.IO_PRIVATE_CURSOR,
    air.rv32im.bus.TAG_U16,
    Zkvm.Air.V2.Private.messages, Zkvm.Air.V2.Private.fractions,
    Zkvm.Air.V2.Private.Col.real, Zkvm.Air.V2.Private.Col.j, Zkvm.Air.V2.Private.Col.byte,
    Zkvm.Air.V2.Private.Col.plen, Zkvm.Air.V2.Private.Col.mlen, Zkvm.Air.V2.Private.Col.endRow,
    Zkvm.Air.V2.Private.Col.tEnd, Zkvm.Air.V2.Private.Col.rLo, Zkvm.Air.V2.Private.Col.rHi,
    List.map_append, List.map_cons, List.map_nil, List.append_assoc, List.cons_append,
    List.nil_append, List.flatMap_cons, List.flatMap_nil, List.append_nil, UInt64.reduceToNat,
    UInt32.reduceToNat, ofNat_numeral, List.cons.injEq, and_true, and_self]

end Zkvm.Refinement.air.rv32im.private_
