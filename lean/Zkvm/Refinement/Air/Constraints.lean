module

public import Zkvm.Extracted.Air
public import Zkvm.Extraction.LoopEq
public import Zkvm.Refinement.Air.Rv32im.Alu
public import Zkvm.Refinement.Air.Rv32im.Logic
public import Zkvm.Refinement.Air.Rv32im.Cpu
public import Zkvm.Refinement.Air.Rv32im.Mul
public import Zkvm.Refinement.Air.Rv32im.Div
public import Zkvm.Refinement.Air.Rv32im.Mem
public import Zkvm.Refinement.Air.Rv32im.Syscall
public import Zkvm.Refinement.Air.Rv32im.Io
public import Zkvm.Refinement.Air.Rv32im.Range
public import Zkvm.Refinement.Air.Rv32im.Private
public import Zkvm.Refinement.Air.Rv32im.Boundary

/-!
# `air::eval_constraints`: every table's constraints, dispatched

The verifier evaluates a table's constraints at the out-of-domain point with
`air::eval_constraints`: it checks the rows' widths against the table's shape (`table_shape`),
checks the public values' count where the table reads them, lifts the public values to the
extension (`lift_public`) and calls the table's `eval`. Proved here:
* `framework_shape_spec`: a table's shape has the width and constraint count it is given;
* `lift_public_spec`: the public values are lifted entry by entry (`from_base`);
* `eval_constraints_spec`: for every table of machine version 2, on rows of the table's width
  and the segment's 20 public values, `eval_constraints` returns the Lean spec constraint
  function of that table (`specConstraints`: `Alu.constraints`, …, `Boundary.constraints`; FIXED
  has none), in order, and never panics.
-/

@[expose] public section

noncomputable section

namespace Zkvm.Refinement.air

open Zkvm.Extraction Zkvm.Extracted Zkvm.Field Zkvm.Field.Ext4 Zkvm.Air.Table
open Zkvm.Refinement.field (toU32)
open Zkvm.Refinement.field.extension (toExt from_base_spec)
open Zkvm.Refinement.air.expr (locOf)
open Zkvm.Refinement.air.rv32im.cpu (selOf)

/-- **The shape** `framework_shape` builds has the width and constraint count it is given (the
count of global fractions is some number). -/
theorem framework_shape_spec (w n : Usize) (d : UInt32) (fl : List Usize) (fg : List Bool)
    (mn mx : UInt32) (h : fg.length < 2 ^ 64) :
    ∃ s, air.framework_shape w n d fl fg mn mx = .ok s ∧ s.width = w ∧ s.num_constraints = n ∧
      s.num_fixed_tables = 0 ∧ s.num_fractions = Slice.len fl := by
  have hn := Slice.len_toNat fg h
  unfold air.framework_shape
  dsimp only
  apply loop_bind_ex
    (P := fun (s : Usize × Usize) => s.2.toNat ≤ fg.length ∧ s.1.toNat ≤ s.2.toNat)
    (Q := fun _ => True)
    (R := fun (s : air.TableShape) => s.width = w ∧ s.num_constraints = n ∧
      s.num_fixed_tables = 0 ∧ s.num_fractions = Slice.len fl)
  · intro ⟨g, k⟩ ⟨hk, hg⟩
    dsimp only at hk hg
    dsimp only
    by_cases hlt : k < Slice.len fg
    · have hlt' : k.toNat < fg.length := by rw [UInt64.lt_iff_toNat_lt, hn] at hlt; exact hlt
      have ek : (k + 1).toNat = k.toNat + 1 := by simp only [UInt64.toNat_add]; simp; omega
      left
      cases hb : fg[k.toNat] with
      | false =>
        refine ⟨(g, k + 1), ?_, ?_, ?_⟩
        · simp only [if_pos hlt, Slice.index_eq fg k hlt', hb, ok_bind,
            Usize.add_eq k 1 (by simp; omega)]
          rfl
        · show 2 ^ 64 - (k + 1).toNat < 2 ^ 64 - k.toNat
          rw [ek]; omega
        · exact ⟨by dsimp only; omega, by dsimp only; omega⟩
      | true =>
        have eg : (g + 1).toNat = g.toNat + 1 := by simp only [UInt64.toNat_add]; simp; omega
        refine ⟨(g + 1, k + 1), ?_, ?_, ?_⟩
        · simp only [if_pos hlt, Slice.index_eq fg k hlt', hb, ok_bind,
            Usize.add_eq g 1 (by simp; omega), Usize.add_eq k 1 (by simp; omega)]
          rfl
        · show 2 ^ 64 - (k + 1).toNat < 2 ^ 64 - k.toNat
          rw [ek]; omega
        · exact ⟨by dsimp only; omega, by dsimp only; omega⟩
    · right
      exact ⟨_, by rw [if_neg hlt]; rfl, trivial⟩
  · exact ⟨by simp, by simp⟩
  · intro r _
    exact ⟨_, rfl, rfl, rfl, rfl, rfl⟩

/-- **The public values are lifted** entry by entry. -/
theorem lift_public_spec (pubs : List BabyBear) (h : pubs.length < 2 ^ 64) :
    air.lift_public (pubs.map toU32) = .ok (pubs.map (fun c => toExt (ofBase c))) := by
  have hn := Slice.len_toNat (pubs.map toU32) (by simpa using h)
  rw [List.length_map] at hn
  unfold air.lift_public
  apply loop_bind_ok
    (P := fun s => s.2.toNat ≤ pubs.length ∧ s.1 = (pubs.take s.2.toNat).map (fun c => toExt (ofBase c)))
    (Q := fun s => s.1 = pubs.map (fun c => toExt (ofBase c)))
  · intro ⟨out, i⟩ ⟨hi, hout⟩
    dsimp only at hi hout
    subst hout
    dsimp only
    by_cases hlt : i < Slice.len (pubs.map toU32)
    · have hlt' : i.toNat < pubs.length := by rw [UInt64.lt_iff_toNat_lt, hn] at hlt; exact hlt
      have ei : (i + 1).toNat = i.toNat + 1 := by simp only [UInt64.toNat_add]; simp; omega
      left
      refine ⟨((pubs.take (i.toNat + 1)).map (fun c => toExt (ofBase c)), i + 1), ?_, ?_, ?_⟩
      · rw [if_pos hlt, Slice.index_eq (pubs.map toU32) i (by simpa using hlt'), ok_bind,
          List.getElem_map, from_base_spec, ok_bind, Usize.add_eq i 1 (by simp; omega), ok_bind,
          pure_ok, List.take_add_one, List.getElem?_eq_getElem hlt', List.map_append]
        rfl
      · show 2 ^ 64 - (i + 1).toNat < 2 ^ 64 - i.toNat
        rw [ei]; omega
      · exact ⟨by rw [ei]; omega, by rw [ei]⟩
    · right
      refine ⟨_, by rw [if_neg hlt, pure_ok], ?_⟩
      have e : i.toNat = pubs.length := by
        have : ¬ i.toNat < pubs.length := fun h' => hlt (by rw [UInt64.lt_iff_toNat_lt, hn]; exact h')
        omega
      dsimp only
      rw [e, List.take_length]
  · exact ⟨by simp, rfl⟩
  · intro ⟨out, i⟩ hq
    dsimp only at hq
    subst hq
    rfl

/-- The lifted public values as the verifier's row of extension elements. -/
theorem lifted_eq_locOf (pubs : List BabyBear) :
    pubs.map (fun c => toExt (ofBase c)) =
      locOf pubs.length (fun i => ofBase (pubs.getD i 0)) := by
  apply List.ext_getElem
  · simp [locOf]
  · intro i h1 h2
    simp only [locOf, List.getElem_map, List.getElem_range]
    simp only [List.getD, List.getElem?_eq_getElem (show i < pubs.length by simpa using h1),
      Option.getD_some]

/-- Each table's width (the columns `eval` reads). -/
def specWidth : air.TableId → Nat
  | .Rv32Cpu => 37
  | .Rv32Range => 2
  | .Rv32Fixed => 1
  | .Rv32Alu => 29
  | .Rv32Logic => 36
  | .Rv32Boundary => 19
  | .Rv32Private => 9
  | .Rv32Mem => 37
  | .Rv32Syscall => 36
  | .Rv32Io => 25
  | .Rv32Mul => 35
  | .Rv32Div => 34

/-- **The machine's constraints**: each table's Lean spec constraint function (FIXED has none). -/
def specConstraints : air.TableId → Window Ext4 → List Ext4
  | .Rv32Cpu, w => Zkvm.Air.V2.Cpu.constraints w
  | .Rv32Range, w => Zkvm.Air.V2.Range.constraints w
  | .Rv32Fixed, _ => []
  | .Rv32Alu, w => Zkvm.Air.V2.Alu.constraints w.cur
  | .Rv32Logic, w => Zkvm.Air.V2.Logic.constraints w.cur
  | .Rv32Boundary, w => Zkvm.Air.V2.Boundary.constraints w
  | .Rv32Private, w => Zkvm.Air.V2.Private.constraints w
  | .Rv32Mem, w => Zkvm.Air.V2.Mem.constraints w.cur
  | .Rv32Syscall, w => Zkvm.Air.V2.Syscall.constraints w.cur w.pub
  | .Rv32Io, w => Zkvm.Air.V2.Io.constraints w.cur
  | .Rv32Mul, w => Zkvm.Air.V2.Mul.constraints w.cur
  | .Rv32Div, w => Zkvm.Air.V2.Div.constraints w.cur

theorem shape_of {w n : Usize} {d : UInt32} {fl : List Usize} {fg : List Bool} {mn mx : UInt32}
    {k f : Nat} (h : fg.length < 2 ^ 64) (hw : w.toNat = k) (hf : (Slice.len fl).toNat = f) :
    ∃ s, air.framework_shape w n d fl fg mn mx = .ok s ∧ s.width.toNat = k ∧
      s.num_fixed_tables = 0 ∧ s.num_fractions.toNat = f := by
  obtain ⟨s, hs, hsw, -, hfx, hfr⟩ := framework_shape_spec w n d fl fg mn mx h
  exact ⟨s, hs, by rw [hsw, hw], hfx, by rw [hfr, hf]⟩

/-- Each table's number of LogUp fractions (`FRACTION_LENS`). -/
def specNumFractions : air.TableId → Nat
  | .Rv32Cpu => 16
  | .Rv32Range => 1
  | .Rv32Fixed => 1
  | .Rv32Alu => 6
  | .Rv32Logic => 9
  | .Rv32Boundary => 9
  | .Rv32Private => 6
  | .Rv32Mem => 12
  | .Rv32Syscall => 26
  | .Rv32Io => 14
  | .Rv32Mul => 20
  | .Rv32Div => 20

/-- Every table's shape has its width, its number of fractions, and no fixed-table columns but
FIXED's one. -/
theorem table_shape_width (t : air.TableId) :
    ∃ s, air.table_shape t = .ok s ∧ s.width.toNat = specWidth t ∧
      s.num_fixed_tables = (if t = .Rv32Fixed then 1 else 0) ∧
      s.num_fractions.toNat = specNumFractions t := by
  cases t
  case Rv32Fixed => exact ⟨_, rfl, rfl, rfl, rfl⟩
  all_goals (unfold air.table_shape; dsimp only; refine shape_of ?_ ?_ ?_ <;> first | decide | rfl)

theorem len_locOf (n : Nat) (r : Nat → Ext4) :
    Slice.len (locOf n r) = UInt64.ofNat n := by
  simp [Slice.len, locOf]

set_option maxHeartbeats 1000000 in
/-- **`eval_constraints` is the machine's spec**: for every table, on rows of the table's width
and the segment's 20 public values (canonical field elements), it returns the table's Lean spec
constraint values, in order; it never panics. -/
theorem eval_constraints_spec (table : air.TableId) (w : Window Ext4) (pubs : List BabyBear)
    (hp : pubs.length = 20) (hw : w.pub = fun i => ofBase (pubs.getD i 0)) :
    air.eval_constraints table (locOf (specWidth table) w.cur) (locOf (specWidth table) w.next)
      (pubs.map toU32) (selOf w) = .ok (.ok ((specConstraints table w).map toExt)) := by
  obtain ⟨s, hs, hsw, -, -⟩ := table_shape_width table
  have hwidth : s.width = UInt64.ofNat (specWidth table) := by
    apply UInt64.toNat_inj.mp
    rw [hsw]; cases table <;> rfl
  have hlen : Slice.len (locOf (specWidth table) w.cur) = s.width := by
    rw [hwidth, len_locOf _ _]
  have hlen' : Slice.len (locOf (specWidth table) w.next) = s.width := by
    rw [hwidth, len_locOf _ _]
  have hpl : Slice.len (pubs.map toU32) = 20 := by simp [Slice.len, hp]
  have hlift : air.lift_public (pubs.map toU32) = .ok (locOf 20 w.pub) := by
    rw [lift_public_spec pubs (by omega), lifted_eq_locOf, hp, hw]
  unfold air.eval_constraints
  rw [hs, ok_bind, hlen, hlen']
  simp only [ne_eq, not_true_eq_false, decide_false, Bool.or_self, Bool.false_eq_true, if_false]
  cases table <;>
    simp only [hpl, air.rv32im.statement.NUM_TABLE_PUBLIC_VALUES, not_true_eq_false,
      if_false, hlift, ok_bind, Slice.withCapacity, specWidth, specConstraints] <;>
    first
    | rfl
    | rw [Zkvm.Refinement.air.rv32im.cpu.eval_spec]; rfl
    | rw [Zkvm.Refinement.air.rv32im.range.eval_spec]; rfl
    | rw [Zkvm.Refinement.air.rv32im.alu.eval_spec]; rfl
    | rw [Zkvm.Refinement.air.rv32im.logic.eval_spec]; rfl
    | rw [Zkvm.Refinement.air.rv32im.boundary.eval_spec]; rfl
    | rw [Zkvm.Refinement.air.rv32im.private_.eval_spec]; rfl
    | rw [Zkvm.Refinement.air.rv32im.mem.eval_spec]; rfl
    | rw [Zkvm.Refinement.air.rv32im.syscall.eval_spec _ _ 20 _ (by omega)]; rfl
    | rw [Zkvm.Refinement.air.rv32im.io.eval_spec]; rfl
    | rw [Zkvm.Refinement.air.rv32im.mul.eval_spec]; rfl
    | rw [Zkvm.Refinement.air.rv32im.div.eval_spec]; rfl

end Zkvm.Refinement.air
