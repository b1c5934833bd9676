module

public import Zkvm.Refinement.Air.Constraints
public import Zkvm.Refinement.Air.Fractions
public import Zkvm.Refinement.Air.Rv32im.CpuMessages

/-!
# `air::eval_fractions`: every table's LogUp fractions, dispatched

The verifier gets a table's LogUp fractions at a point with `air::eval_fractions`: it checks the
row's width and the number of fixed-table fingerprints against the table's shape, runs the
table's `messages` and cuts them into fractions (`fractions_of_messages`); FIXED has one
receive built in, −m / (χ_l − fp), with fp the fixed row's fingerprint. `eval_fractions_spec`:
for every table, on a row of the table's width and the right number of fingerprints, it returns
`specFractions`: each named fraction of the table's Lean spec (`Cpu.fractions`, …,
`Div.fractions`) as multiplicity / (point − fingerprint of its fields), the point global or
local by `FRACTION_GLOBAL`; it never panics.
-/

@[expose] public section

noncomputable section

namespace Zkvm.Refinement.air

open Zkvm.Extraction Zkvm.Extracted Zkvm.Field Zkvm.Field.Ext4 Zkvm.Air.Table
open Zkvm.Refinement.field.extension (toExt sub_spec)
open Zkvm.Refinement.air.expr (locOf)
open Zkvm.Refinement.protocol.logup (toChallenges toFraction)
open Zkvm.Air.V2.Cpu (Fraction)

/-- Each table's named fractions, as its `messages` pushes them (FIXED: none of its own). -/
def specMessages : air.TableId → (Nat → Ext4) → List (Fraction Ext4)
  | .Rv32Cpu, r => Zkvm.Air.V2.Cpu.fractions r
  | .Rv32Range, r => Zkvm.Air.V2.Range.fractions r
  | .Rv32Fixed, _ => []
  | .Rv32Alu, r => Zkvm.Air.V2.Alu.fractions r
  | .Rv32Logic, r => Zkvm.Air.V2.Logic.fractions r
  | .Rv32Boundary, r => Zkvm.Air.V2.Boundary.fractions r
  | .Rv32Private, r => Zkvm.Air.V2.Private.fractions r
  | .Rv32Mem, r => Zkvm.Air.V2.Mem.fractions r
  | .Rv32Syscall, r => Zkvm.Air.V2.Syscall.fractions r
  | .Rv32Io, r => Zkvm.Air.V2.Io.fractions r
  | .Rv32Mul, r => Zkvm.Air.V2.Mul.fractions r
  | .Rv32Div, r => Zkvm.Air.V2.Div.fractions r

/-- Each table's global-fraction flags (`FRACTION_GLOBAL`). -/
def specGlobal : air.TableId → List Bool
  | .Rv32Cpu => air.rv32im.cpu.FRACTION_GLOBAL
  | .Rv32Range => air.rv32im.range.FRACTION_GLOBAL
  | .Rv32Fixed => []
  | .Rv32Alu => air.rv32im.alu.FRACTION_GLOBAL
  | .Rv32Logic => air.rv32im.logic.FRACTION_GLOBAL
  | .Rv32Boundary => air.rv32im.boundary.FRACTION_GLOBAL
  | .Rv32Private => air.rv32im.«private».FRACTION_GLOBAL
  | .Rv32Mem => air.rv32im.mem.FRACTION_GLOBAL
  | .Rv32Syscall => air.rv32im.syscall.FRACTION_GLOBAL
  | .Rv32Io => air.rv32im.io.FRACTION_GLOBAL
  | .Rv32Mul => air.rv32im.mul.FRACTION_GLOBAL
  | .Rv32Div => air.rv32im.div.FRACTION_GLOBAL

/-- **The machine's LogUp fractions** of a row: FIXED's receive −m / (χ_l − fp), every other
table's named fractions as multiplicity / (point − fingerprint). -/
def specFractions (t : air.TableId) (r : Nat → Ext4) (fixedFp χ β χl : Ext4) :
    List air.Fraction :=
  match t with
  | .Rv32Fixed => [toFraction (-(r 0), χl - fixedFp)]
  | t => ((specMessages t r).zip (specGlobal t)).map (fracOf χ β χl)

/-- `fractions_of_messages` with the lengths given as a list equal to the fractions' lengths. -/
theorem fractions_of_messages_eq (fs : List (Fraction Ext4)) (gl : List Bool) (lens : List Usize)
    (χ β χl : Ext4) (hl : lens = fs.map (fun f => UInt64.ofNat f.fields.length))
    (hlen : gl.length = fs.length) (hflat : (flatOf fs).length + 1 < 2 ^ 64) :
    air.fractions_of_messages ((flatOf fs).map toExt) lens gl (toChallenges χ β χl) =
      .ok (.ok ((fs.zip gl).map (fracOf χ β χl))) := by
  rw [hl]; exact fractions_of_messages_spec fs gl χ β χl hlen hflat

set_option maxHeartbeats 4000000 in
set_option maxRecDepth 20000 in
/-- **`eval_fractions` is the machine's spec**: for every table, on a row of the table's width
and the table's number of fixed-table fingerprints (1 for FIXED, else 0), it returns
`specFractions`, in order; it never panics. -/
theorem eval_fractions_spec (t : air.TableId) (r : Nat → Ext4) (fps : List Ext4)
    (hfps : fps.length = (if t = .Rv32Fixed then 1 else 0)) (χ β χl : Ext4) :
    air.eval_fractions t (locOf (specWidth t) r) (fps.map toExt) (toChallenges χ β χl) =
      .ok (.ok (specFractions t r (fps.getD 0 0) χ β χl)) := by
  obtain ⟨s, hs, hsw, hsf, -⟩ := table_shape_width t
  have hwidth : s.width = UInt64.ofNat (specWidth t) := by
    apply UInt64.toNat_inj.mp
    rw [hsw]; cases t <;> rfl
  have hlen : Slice.len (locOf (specWidth t) r) = s.width := by
    rw [hwidth, len_locOf]
  have hfl : Slice.len (fps.map toExt) = s.num_fixed_tables := by
    apply UInt64.toNat_inj.mp
    rw [Slice.len_toNat _ (by simp [hfps]; split <;> decide), hsf, List.length_map, hfps]
    split <;> rfl
  unfold air.eval_fractions
  rw [hs, ok_bind, hlen, hfl]
  simp only [ne_eq, not_true_eq_false, decide_false, Bool.or_self, Bool.false_eq_true, if_false]
  cases t
  case Rv32Fixed =>
    obtain ⟨fp0, rfl⟩ : ∃ a, fps = [a] := by
      simp at hfps
      match fps, hfps with
      | [a], _ => exact ⟨a, rfl⟩
    simp (disch := decide) only [specWidth, specFractions, List.map_cons, List.map_nil,
      List.getD_cons_zero, Zkvm.Refinement.air.expr.getElem?_locOf, ok_bind,
      Zkvm.Refinement.field.extension.neg_spec, Slice.index, toChallenges,
      List.getElem?_cons_zero, sub_spec, pure_ok, toFraction, air.rv32im.fixed.M,
      UInt64.reduceToNat]
    done
  all_goals
    simp only [specWidth, specFractions, specMessages, specGlobal]
    first
    | rw [Zkvm.Refinement.air.rv32im.cpu.messages_spec, ok_bind]
    | rw [Zkvm.Refinement.air.rv32im.range.messages_spec, ok_bind]
    | rw [Zkvm.Refinement.air.rv32im.alu.messages_spec, ok_bind]
    | rw [Zkvm.Refinement.air.rv32im.logic.messages_spec, ok_bind]
    | rw [Zkvm.Refinement.air.rv32im.boundary.messages_spec, ok_bind]
    | rw [Zkvm.Refinement.air.rv32im.private_.messages_spec, ok_bind]
    | rw [Zkvm.Refinement.air.rv32im.mem.messages_spec, ok_bind]
    | rw [Zkvm.Refinement.air.rv32im.syscall.messages_spec, ok_bind]
    | rw [Zkvm.Refinement.air.rv32im.io.messages_spec, ok_bind]
    | rw [Zkvm.Refinement.air.rv32im.mul.messages_spec, ok_bind]
    | rw [Zkvm.Refinement.air.rv32im.div.messages_spec, ok_bind]
    exact fractions_of_messages_eq _ _ _ χ β χl rfl (of_decide_eq_true rfl) (of_decide_eq_true rfl)

end Zkvm.Refinement.air
