module

public import Zkvm.Refinement.Air.EvalFractions
public import Zkvm.Refinement.Protocol.LogupConstraints
public import Zkvm.Extracted.Protocol.Stark

/-!
# `stark::all_constraints_at`: a table's own and LogUp constraints at the out-of-domain point

The pieces: `prefix_spec` (the table's own columns of a main row that may carry the
zero-knowledge columns), `zk_shape_spec`, `has_aux_spec`, `fixed_fps_of_row_spec` (the fixed
fingerprints in front of the auxiliary row), and `all_constraints_at_spec`: for every table of
machine version 2, with or without zero knowledge, on main rows of the table's width (plus the
two zero-knowledge columns), auxiliary rows of the LogUp width and the segment's 20 public
values, `all_constraints_at` returns the table's Lean spec constraints (`specConstraints`)
followed by the LogUp row constraints `logupRow` of its fractions (`specFractions`, and the
blinding fraction under zero knowledge); it never panics.
-/

@[expose] public section

noncomputable section

namespace Zkvm.Refinement.protocol.stark

open Zkvm.Extraction Zkvm.Extracted Zkvm.Field Zkvm.Field.Ext4 Zkvm.Spec Zkvm.Air.Table
open Zkvm.Stark (fp)
open Zkvm.Refinement.field (toU32)
open Zkvm.Refinement.field.extension (toExt)
open Zkvm.Refinement.air.expr (locOf index_locOf)
open Zkvm.Refinement.air.rv32im.cpu (selOf)
open Zkvm.Refinement.protocol.logup (toChallenges toFraction)

/-- `prefix` keeps the first `count` values (all of them here: count ≤ length). -/
theorem prefix_spec (l : List Ext4) (count : Usize) (hc : count.toNat ≤ l.length)
    (hl : l.length < 2 ^ 64) :
    protocol.stark.«prefix» (l.map toExt) count = .ok ((l.take count.toNat).map toExt) := by
  have hn := Slice.len_toNat (l.map toExt) (by simpa using hl)
  rw [List.length_map] at hn
  unfold protocol.stark.«prefix»
  apply loop_bind_ok
    (P := fun s => s.2.toNat ≤ count.toNat ∧ s.1 = (l.take s.2.toNat).map toExt)
    (Q := fun s => s.1 = (l.take count.toNat).map toExt)
  · intro ⟨out, i⟩ ⟨hi, hout⟩
    dsimp only at hi hout
    subst hout
    dsimp only
    by_cases hlt : i.toNat < count.toNat
    · have hc1 : ((decide (i < count)) && (decide (i < Slice.len (l.map toExt)))) = true := by
        simp only [Bool.and_eq_true, decide_eq_true_eq, UInt64.lt_iff_toNat_lt, hn]; omega
      have e : (i + 1).toNat = i.toNat + 1 := by simp only [UInt64.toNat_add]; simp; omega
      left
      refine ⟨((l.take (i.toNat + 1)).map toExt, i + 1), ?_, ?_, ?_⟩
      · rw [if_pos hc1, Slice.index_eq _ _ (by simp; omega), ok_bind,
          Usize.add_eq i 1 (by simp; omega), ok_bind, pure_ok, List.take_add_one,
          List.getElem?_eq_getElem (by omega), List.map_append]
        simp [Slice.push]
      · show 2 ^ 64 - (i + 1).toNat < 2 ^ 64 - i.toNat
        rw [e]; omega
      · exact ⟨by rw [e]; omega, by rw [e]⟩
    · have hc1 : ¬ (((decide (i < count)) && (decide (i < Slice.len (l.map toExt)))) = true) := by
        simp only [Bool.and_eq_true, decide_eq_true_eq, UInt64.lt_iff_toNat_lt]; omega
      right
      refine ⟨_, by rw [if_neg hc1, pure_ok], ?_⟩
      dsimp only
      rw [show i.toNat = count.toNat by omega]
  · exact ⟨by simp, by simp [Slice.withCapacity]⟩
  · intro ⟨out, i⟩ hq
    dsimp only at hq
    subst hq
    rfl

/-- `fixed_fps_of_row` returns the first K entries of the auxiliary row. -/
theorem fixed_fps_of_row_spec (shape : air.TableShape) (l : List Ext4)
    (hc : shape.num_fixed_tables.toNat ≤ l.length) (hl : l.length < 2 ^ 64) :
    protocol.logup.fixed_fps_of_row shape (l.map toExt) =
      .ok (.ok ((l.take shape.num_fixed_tables.toNat).map toExt)) := by
  have hn := Slice.len_toNat (l.map toExt) (by simpa using hl)
  rw [List.length_map] at hn
  unfold protocol.logup.fixed_fps_of_row
  rw [if_neg (by rw [UInt64.lt_iff_toNat_lt, hn]; omega)]
  dsimp only
  apply loop_bind_ok
    (P := fun s => s.2.toNat ≤ shape.num_fixed_tables.toNat ∧ s.1 = (l.take s.2.toNat).map toExt)
    (Q := fun s => s.1 = (l.take shape.num_fixed_tables.toNat).map toExt)
  · intro ⟨out, i⟩ ⟨hi, hout⟩
    dsimp only at hi hout
    subst hout
    dsimp only
    by_cases hlt : i < shape.num_fixed_tables
    · have hlt' : i.toNat < shape.num_fixed_tables.toNat := UInt64.lt_iff_toNat_lt.mp hlt
      have e : (i + 1).toNat = i.toNat + 1 := by simp only [UInt64.toNat_add]; simp; omega
      left
      refine ⟨((l.take (i.toNat + 1)).map toExt, i + 1), ?_, ?_, ?_⟩
      · rw [if_pos hlt, Slice.index_eq _ _ (by simp; omega), ok_bind,
          Usize.add_eq i 1 (by simp; omega), ok_bind, pure_ok, List.take_add_one,
          List.getElem?_eq_getElem (by omega), List.map_append]
        simp [Slice.push]
      · show 2 ^ 64 - (i + 1).toNat < 2 ^ 64 - i.toNat
        rw [e]; omega
      · exact ⟨by rw [e]; omega, by rw [e]⟩
    · right
      refine ⟨_, by rw [if_neg hlt, pure_ok], ?_⟩
      dsimp only
      have : ¬ i.toNat < shape.num_fixed_tables.toNat := fun h' => hlt (UInt64.lt_iff_toNat_lt.mpr h')
      rw [show i.toNat = shape.num_fixed_tables.toNat by omega]
  · exact ⟨by simp, by simp [Slice.withCapacity]⟩
  · intro ⟨out, i⟩ hq
    dsimp only at hq
    subst hq
    rfl

/-- The zero-knowledge columns of a main row (`ZK_COLUMNS`). -/
def zkCols (zk : Bool) : Nat := if zk then 2 else 0

theorem zk_shape_spec (s : air.TableShape) (zk : Bool) (hw : s.width.toNat + 2 < 2 ^ 64)
    (hf : s.num_fractions.toNat + 1 < 2 ^ 64) :
    ∃ s', protocol.logup.zk_shape s zk = .ok s' ∧ s'.width.toNat = s.width.toNat + zkCols zk ∧
      s'.num_fractions.toNat = s.num_fractions.toNat + (if zk then 1 else 0) ∧
      s'.num_fixed_tables = s.num_fixed_tables := by
  cases zk
  · refine ⟨{ s with width := s.width + 0, num_fractions := s.num_fractions + 0 }, ?_, ?_, ?_, rfl⟩
    · unfold protocol.logup.zk_shape
      simp only [Bool.false_eq_true, if_false, pure_ok, ok_bind,
        Usize.add_eq s.width 0 (by simp; omega), Usize.add_eq s.num_fractions 0 (by simp; omega)]
    · simp [zkCols]
    · simp
  · refine ⟨{ s with width := s.width + 2, num_fractions := s.num_fractions + 1 }, ?_, ?_, ?_, rfl⟩
    · unfold protocol.logup.zk_shape
      simp only [if_true, pure_ok, ok_bind, protocol.params.ZK_COLUMNS,
        Usize.add_eq s.width 2 (by simp; omega), Usize.add_eq s.num_fractions 1 (by simp; omega)]
    · simp only [zkCols, if_true, UInt64.toNat_add]; simp; omega
    · simp only [if_true, UInt64.toNat_add]; simp; omega

theorem locOf_eq_map (n : Nat) (r : Nat → Ext4) :
    locOf n r = ((List.range n).map r).map toExt := by
  simp [locOf, List.map_map, Function.comp_def]

/-- The table's own columns of a main row with `z` more columns. -/
theorem prefix_locOf (W z : Nat) (r : Nat → Ext4) (c : Usize) (hc : c.toNat = W)
    (h64 : W + z < 2 ^ 64) :
    protocol.stark.«prefix» (locOf (W + z) r) c = .ok (locOf W r) := by
  rw [locOf_eq_map, prefix_spec _ c (by simp; omega) (by simp; omega), hc, ← List.map_take,
    List.take_range, locOf_eq_map]
  congr 2
  simp

/-- The (numerator, denominator) pairs of a row's fractions. -/
def specPairs (t : air.TableId) (r : Nat → Ext4) (fixedFp χ β χl : Ext4) : List (Ext4 × Ext4) :=
  match t with
  | .Rv32Fixed => [(-(r 0), χl - fixedFp)]
  | t => ((Zkvm.Refinement.air.specMessages t r).zip (Zkvm.Refinement.air.specGlobal t)).map
      (fun p => (p.1.mult, (if p.2 then χ else χl) - fp p.1.fields β))

theorem specFractions_eq (t : air.TableId) (r : Nat → Ext4) (fixedFp χ β χl : Ext4) :
    Zkvm.Refinement.air.specFractions t r fixedFp χ β χl =
      (specPairs t r fixedFp χ β χl).map toFraction := by
  cases t <;> simp [Zkvm.Refinement.air.specFractions, specPairs, Zkvm.Refinement.air.fracOf,
    List.map_map, Function.comp_def]

theorem length_specPairs (t : air.TableId) (r : Nat → Ext4) (fixedFp χ β χl : Ext4) :
    (specPairs t r fixedFp χ β χl).length = Zkvm.Refinement.air.specNumFractions t := by
  cases t <;> exact of_decide_eq_true rfl

/-- The blinding fraction's pair under zero knowledge. -/
def zkPairs (zk : Bool) (r : Nat → Ext4) (w : Nat) (χ β : Ext4) : List (Ext4 × Ext4) :=
  if zk then [(r w, χ - fp [ofBase 255, r (w + 1)] β)] else []

/-- The closing loop of `all_constraints_at`: the LogUp values appended to the table's own. -/
theorem append_loop (vals logs : List Ext4) (h : logs.length < 2 ^ 64) :
    (loop (σ := List (List UInt32) × Usize) (ρ := List (List UInt32) × Usize)
        (fun x => 2 ^ 64 - UInt64.toNat x.snd)
        (fun x =>
          if x.snd < Slice.len (logs.map toExt) then do
            let a ← Slice.index (logs.map toExt) x.snd
            let r ← Usize.add x.snd 1
            Outcome.ok (Step.cont (Slice.push x.fst a, r))
          else Outcome.ok (Step.done (x.fst, x.snd)))
        (vals.map toExt, 0) >>= fun t3' =>
          (Outcome.ok (Except.ok t3'.fst) : Outcome (Except error.VerifyError (List (List UInt32))))) =
      .ok (.ok (vals.map toExt ++ logs.map toExt)) := by
  have hn := Slice.len_toNat (logs.map toExt) (by simpa using h)
  rw [List.length_map] at hn
  apply loop_bind_ok
    (P := fun s => s.2.toNat ≤ logs.length ∧ s.1 = (vals ++ logs.take s.2.toNat).map toExt)
    (Q := fun s => s.1 = (vals ++ logs).map toExt)
  · intro ⟨out, i⟩ ⟨hi, hout⟩
    dsimp only at hi hout
    subst hout
    dsimp only
    by_cases hlt : i < Slice.len (logs.map toExt)
    · have hlt' : i.toNat < logs.length := by rw [UInt64.lt_iff_toNat_lt, hn] at hlt; exact hlt
      have e : (i + 1).toNat = i.toNat + 1 := by simp only [UInt64.toNat_add]; simp; omega
      left
      refine ⟨((vals ++ logs.take (i.toNat + 1)).map toExt, i + 1), ?_, ?_, ?_⟩
      · rw [if_pos hlt, Slice.index_eq _ _ (by simp; omega), ok_bind,
          Usize.add_eq i 1 (by simp; omega), ok_bind, List.take_add_one,
          List.getElem?_eq_getElem hlt']
        simp only [Slice.push, List.map_append, List.append_assoc, List.map_cons, List.map_nil,
          Option.toList_some, List.getElem_map]
      · show 2 ^ 64 - (i + 1).toNat < 2 ^ 64 - i.toNat
        rw [e]; omega
      · exact ⟨by rw [e]; omega, by rw [e]⟩
    · right
      refine ⟨_, by rw [if_neg hlt], ?_⟩
      have e : i.toNat = logs.length := by
        have : ¬ i.toNat < logs.length := fun h' => hlt (by rw [UInt64.lt_iff_toNat_lt, hn]; exact h')
        omega
      dsimp only
      rw [e, List.take_length]
  · exact ⟨by simp, by simp⟩
  · intro ⟨out, i⟩ hq
    dsimp only at hq
    subst hq
    dsimp only
    rw [List.map_append]

/-- K: the fixed-table fingerprints in front of the auxiliary row (FIXED only). -/
def specFixed (t : air.TableId) : Nat := if t = .Rv32Fixed then 1 else 0

set_option maxHeartbeats 4000000 in
set_option maxRecDepth 20000 in
/-- **`all_constraints_at` is the spec**: for every table, with or without zero knowledge, on
main rows of the table's width plus the zero-knowledge columns, auxiliary rows of the LogUp
width and the segment's 20 public values, it returns the table's spec constraints followed by
`logupRow` of its fraction pairs (and the blinding fraction's under zero knowledge); it never
panics. -/
theorem all_constraints_at_spec (t : air.TableId) (zk : Bool) (w : Window Ext4)
    (pubs : List BabyBear) (hp : pubs.length = 20) (hw : w.pub = fun i => ofBase (pubs.getD i 0))
    (aL aN : List Ext4) (χ β χl σ : Ext4)
    (hL : aL.length = specFixed t +
      (Zkvm.Refinement.air.specNumFractions t + (if zk then 1 else 0) + 1) / 2 + 1)
    (hN : aN.length = aL.length) :
    protocol.stark.all_constraints_at t
        (locOf (Zkvm.Refinement.air.specWidth t + zkCols zk) w.cur)
        (locOf (Zkvm.Refinement.air.specWidth t + zkCols zk) w.next)
        (aL.map toExt) (aN.map toExt) (pubs.map toU32) (selOf w) (toChallenges χ β χl) (toExt σ) zk =
      .ok (.ok ((Zkvm.Refinement.air.specConstraints t w).map toExt ++
        (logupRow (specFixed t)
          (specPairs t w.cur ((aL.take (specFixed t)).getD 0 0) χ β χl ++
            zkPairs zk w.cur (Zkvm.Refinement.air.specWidth t) χ β)
          aL aN w.isFirst w.isLast w.isTransition σ).map toExt)) := by
  obtain ⟨s, hs, hsw, hsf, hsn⟩ := Zkvm.Refinement.air.table_shape_width t
  have hW64 : Zkvm.Refinement.air.specWidth t + 2 < 2 ^ 64 := by cases t <;> decide
  have hF64 : Zkvm.Refinement.air.specNumFractions t + 1 < 2 ^ 64 := by cases t <;> decide
  obtain ⟨s', hs', hw', hn', hk'⟩ := zk_shape_spec s zk (by rw [hsw]; exact hW64)
    (by rw [hsn]; exact hF64)
  have hz2 : zkCols zk ≤ 2 := by cases zk <;> decide
  have hlenM : ∀ r : Nat → Ext4,
      Slice.len (locOf (Zkvm.Refinement.air.specWidth t + zkCols zk) r) = s'.width := by
    intro r
    apply UInt64.toNat_inj.mp
    rw [Zkvm.Refinement.air.len_locOf, hw', hsw]; simp; omega
  unfold protocol.stark.all_constraints_at
  rw [hs, ok_bind, hs', ok_bind, hlenM, hlenM]
  simp only [ne_eq, not_true_eq_false, decide_false, Bool.or_self, Bool.false_eq_true, if_false]
  rw [prefix_locOf _ _ w.cur s.width hsw (by omega), ok_bind,
    prefix_locOf _ _ w.next s.width hsw (by omega), ok_bind,
    Zkvm.Refinement.air.eval_constraints_spec t w pubs hp hw, ok_bind]
  simp only [pure_ok, ok_bind]
  have hnf : s'.num_fractions.toNat =
      Zkvm.Refinement.air.specNumFractions t + (if zk then 1 else 0) := by rw [hn', hsn]
  have hnf0 : 0 < s'.num_fractions.toNat := by rw [hnf]; cases t <;> cases zk <;> decide
  have hK : s'.num_fixed_tables.toNat = specFixed t := by rw [hk', hsf]; cases t <;> rfl
  have hKle : specFixed t ≤ 1 := by cases t <;> decide
  have hFle : Zkvm.Refinement.air.specNumFractions t ≤ 26 := by cases t <;> decide
  have hzle : (if zk then 1 else 0) ≤ 1 := by cases zk <;> decide
  have hhas : protocol.logup.has_aux s' = .ok true := by
    unfold protocol.logup.has_aux
    simp only [pure_ok]
    congr 1
    simp only [Bool.or_eq_true, decide_eq_true_eq, gt_iff_lt, UInt64.lt_iff_toNat_lt]
    left; simpa using hnf0
  rw [hhas, ok_bind]
  simp only [Bool.not_true, Bool.false_eq_true, if_false]
  rw [fixed_fps_of_row_spec s' aL (by rw [hK, hL]; omega) (by rw [hL]; omega), ok_bind]
  simp only [pure_ok, ok_bind]
  rw [hK, Zkvm.Refinement.air.eval_fractions_spec t w.cur (aL.take (specFixed t))
    (by rw [List.length_take, hL]; cases t <;> simp [specFixed]) χ β χl, ok_bind]
  simp only [pure_ok, ok_bind, specFractions_eq]
  have hds : ∀ ds : List (Ext4 × Ext4), ds.length = s'.num_fractions.toNat →
      protocol.logup.logup_constraints s' (ds.map toFraction) (aL.map toExt) (aN.map toExt)
        (selOf w) (toExt σ) =
      .ok (.ok ((logupRow (specFixed t) ds aL aN w.isFirst w.isLast w.isTransition σ).map toExt)) := by
    intro ds hdl
    have := Zkvm.Refinement.protocol.logup.logup_constraints_spec s' ds aL aN w.isFirst w.isLast
      w.isTransition σ hdl (Or.inl hnf0) (by rw [hK, hL, hnf]) hN (by rw [hL]; omega)
    rw [hK] at this
    exact this
  have hlogs : ∀ ds : List (Ext4 × Ext4), ds.length ≤ 27 →
      (logupRow (specFixed t) ds aL aN w.isFirst w.isLast w.isTransition σ).length < 2 ^ 64 := by
    intro ds hd
    simp only [logupRow, List.length_append, List.length_map, List.length_range, List.length_cons,
      List.length_nil]
    omega
  have hpl := length_specPairs t w.cur ((aL.take (specFixed t)).getD 0 0) χ β χl
  cases zk
  · simp only [Bool.false_eq_true, if_false, pure_ok, ok_bind]
    rw [show (specPairs t w.cur ((aL.take (specFixed t)).getD 0 0) χ β χl).map toFraction =
      (specPairs t w.cur ((aL.take (specFixed t)).getD 0 0) χ β χl ++
        zkPairs false w.cur (Zkvm.Refinement.air.specWidth t) χ β).map toFraction by
        simp [zkPairs]]
    rw [hds _ (by rw [List.length_append, length_specPairs, hnf]; simp [zkPairs]), ok_bind]
    try simp only [pure_ok, ok_bind]
    exact append_loop (Zkvm.Refinement.air.specConstraints t w) _
      (hlogs (specPairs t w.cur ((aL.take (specFixed t)).getD 0 0) χ β χl ++
        zkPairs false w.cur (Zkvm.Refinement.air.specWidth t) χ β)
        (by rw [List.length_append, hpl]; unfold zkPairs
            simp only [Bool.false_eq_true, if_true, if_false, List.length_nil, List.length_cons]
            omega))
  · simp only [if_true]
    have e1 : (s.width + 1).toNat = Zkvm.Refinement.air.specWidth t + 1 := by
      simp only [UInt64.toNat_add, hsw]; simp; omega
    rw [index_locOf _ w.cur s.width (by rw [hsw]; simp [zkCols]), ok_bind,
      Usize.add_eq s.width 1 (by rw [hsw]; simp; omega), ok_bind,
      index_locOf _ w.cur (s.width + 1) (by rw [e1]; simp [zkCols]), ok_bind,
      Zkvm.Refinement.protocol.logup.zk_fraction_spec, ok_bind, hsw, e1]
    rw [show Slice.push ((specPairs t w.cur ((aL.take (specFixed t)).getD 0 0) χ β χl).map
        toFraction) (toFraction (w.cur (Zkvm.Refinement.air.specWidth t),
          χ - fp [ofBase 255, w.cur (Zkvm.Refinement.air.specWidth t + 1)] β)) =
      (specPairs t w.cur ((aL.take (specFixed t)).getD 0 0) χ β χl ++
        zkPairs true w.cur (Zkvm.Refinement.air.specWidth t) χ β).map toFraction by
        simp [Slice.push, zkPairs]]
    rw [hds _ (by rw [List.length_append, length_specPairs, hnf]; simp [zkPairs]), ok_bind]
    try simp only [pure_ok, ok_bind]
    exact append_loop (Zkvm.Refinement.air.specConstraints t w) _
      (hlogs (specPairs t w.cur ((aL.take (specFixed t)).getD 0 0) χ β χl ++
        zkPairs true w.cur (Zkvm.Refinement.air.specWidth t) χ β)
        (by rw [List.length_append, hpl]; unfold zkPairs
            simp only [Bool.false_eq_true, if_true, if_false, List.length_nil, List.length_cons]
            omega))


end Zkvm.Refinement.protocol.stark
