module

public import Zkvm.Extracted.Air.Rv32im.Range
public import Zkvm.Refinement.Air.Rv32im.Cpu
public import Zkvm.Air.V2.RangeSpec
public import Zkvm.Air.V2.TableMessages

/-!
# The extracted RANGE constraint function computes `Zkvm.Air.V2.Range.constraints`

On every window (a local and a next row of 2 extension elements and the selectors),
`air::rv32im::range::eval` returns exactly the 2 values of `Range.constraints`, in order, and
never panics.
-/

@[expose] public section

noncomputable section

namespace Zkvm.Refinement.air.rv32im.range

open Zkvm.Extraction Zkvm.Extracted Zkvm.Field Zkvm.Field.Ext4 Zkvm.Air.Table
open Zkvm.Refinement.field.extension (toExt)
open Zkvm.Refinement.air.expr
open Zkvm.Refinement.air.rv32im.cpu (selOf)
open Zkvm.Refinement.air.rv32im.alu (ofNat_numeral)

/-- **`eval` is the spec** on every window; it never panics. -/
theorem eval_spec (w : Window Ext4) (pub : List (List UInt32)) :
    air.rv32im.range.eval (locOf 2 w.cur) (locOf 2 w.next) pub (selOf w) [] =
      .ok ((Zkvm.Air.V2.Range.constraints w).map toExt) := by
  unfold air.rv32im.range.eval
  simp (config := { maxSteps := 400000 }) (disch := decide) only [index_locOf, one_spec,
    sub_spec, mul_spec, ok_bind, pure_ok, Slice.push, selOf]
  rfl

/-- **The bus message**: the extracted `messages` returns `Range.fractions` flattened. -/
theorem messages_spec (r : Nat → Ext4) :
    air.rv32im.range.messages (locOf 2 r) [] = .ok ((Zkvm.Air.V2.Range.messages r).map toExt) := by
  unfold air.rv32im.range.messages
  simp (config := { maxSteps := 400000 }) (disch := decide) only [ok_bind, pure_ok, index_locOf,
    neg_spec, konst_spec, Slice.push]
  refine congrArg Outcome.ok ?_
  simp only [air.rv32im.range.M, air.rv32im.range.V, air.rv32im.bus.TAG_U16,
    Zkvm.Air.V2.Range.messages, Zkvm.Air.V2.Range.fractions, Zkvm.Air.V2.Range.Col.m,
    Zkvm.Air.V2.Range.Col.v, List.map_cons, List.map_nil, List.cons_append, List.nil_append,
    List.flatMap_cons, List.flatMap_nil, List.append_nil, UInt64.reduceToNat, UInt32.reduceToNat,
    ofNat_numeral]

end Zkvm.Refinement.air.rv32im.range
