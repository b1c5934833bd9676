module

public import Zkvm.Extracted.Air
public import Zkvm.Extraction.LoopEq
public import Zkvm.Refinement.Protocol.Logup
public import Zkvm.Air.V2.CpuMessages

/-!
# `air::fractions_of_messages`: a row's messages cut into LogUp fractions

A table's `messages` pushes each fraction's multiplicity and then its fields; the verifier cuts
that flat list by the table's `FRACTION_LENS` and turns fraction k into
multiplicity / (point − fingerprint(fields)), with the global point χ or the segment's local point
χ_l by `FRACTION_GLOBAL`. `fractions_of_messages_spec`: on the flattening of any list of named
fractions (`flatOf`, what every table's `messages_spec` produces) with the matching lengths, it
returns exactly `fracOf` of each fraction, in order, and never panics.
-/

@[expose] public section

noncomputable section

namespace Zkvm.Refinement.air

open Zkvm.Extraction Zkvm.Extracted Zkvm.Field Zkvm.Field.Ext4 Zkvm.Poly
open Zkvm.Stark (fp)
open Zkvm.Refinement.field.extension (toExt add_spec sub_spec mul_spec zero_eq)
open Zkvm.Refinement.protocol.logup (toChallenges toFraction)
open Zkvm.Air.V2.Cpu (Fraction)

/-- The flat list `messages` pushes: each fraction's multiplicity, then its fields. -/
def flatOf (fs : List (Fraction Ext4)) : List Ext4 := fs.flatMap (fun f => f.mult :: f.fields)

/-- The LogUp fraction of a named fraction: its multiplicity over the point (global χ or local
χ_l) minus the fingerprint of its fields. -/
def fracOf (χ β χl : Ext4) (p : Fraction Ext4 × Bool) : air.Fraction :=
  toFraction (p.1.mult, (if p.2 then χ else χl) - fp p.1.fields β)

theorem flatOf_append (a b : List (Fraction Ext4)) : flatOf (a ++ b) = flatOf a ++ flatOf b := by
  simp [flatOf, List.flatMap_append]

theorem flatOf_split (fs : List (Fraction Ext4)) (k : Nat) (h : k < fs.length) :
    flatOf fs = flatOf (fs.take k) ++ (fs[k].mult :: fs[k].fields) ++ flatOf (fs.drop (k + 1)) := by
  have e : fs = fs.take k ++ fs[k] :: fs.drop (k + 1) := by
    rw [← List.drop_eq_getElem_cons h, List.take_append_drop]
  have e2 := congrArg flatOf e
  rw [e2, flatOf_append]
  simp only [flatOf, List.flatMap_cons, List.append_assoc]

theorem length_flatOf_take_succ (fs : List (Fraction Ext4)) (k : Nat) (h : k < fs.length) :
    (flatOf (fs.take (k + 1))).length = (flatOf (fs.take k)).length + 1 + fs[k].fields.length := by
  rw [List.take_add_one, List.getElem?_eq_getElem h, Option.toList_some, flatOf_append]
  simp [flatOf]
  omega

theorem getElem_mid {a f b : List Ext4} {m : Ext4} :
    (a ++ (m :: f) ++ b)[a.length]'(by simp) = m := by
  simp [List.getElem_append_right]

theorem getElem_mid2 {a f b : List Ext4} {m : Ext4} (i : Nat) (h : i < f.length) :
    (a ++ (m :: f) ++ b)[a.length + 1 + i]'(by simp; omega) = f[i] := by
  have e : a ++ (m :: f) ++ b = a ++ (m :: (f ++ b)) := by simp
  simp only [e]
  rw [List.getElem_append_right (by omega)]
  simp only [show a.length + 1 + i - a.length = i + 1 by omega, List.getElem_cons_succ]
  exact List.getElem_append_left h

theorem evalList_drop (β : Ext4) (f : List Ext4) (i : Nat) (h : i < f.length) :
    evalList β (f.drop i) = f[i] + β * evalList β (f.drop (i + 1)) := by
  rw [List.drop_eq_getElem_cons h]; rfl

theorem checked_add_eq (a b : Usize) (h : a.toNat + b.toNat < 2 ^ 64) :
    Usize.checked_add a b = some (a + b) := by
  simp [Usize.checked_add, h]

theorem length_le_flatOf (fs : List (Fraction Ext4)) : fs.length ≤ (flatOf fs).length := by
  induction fs with
  | nil => simp [flatOf]
  | cons f t ih => simp [flatOf] at ih ⊢; omega

set_option maxHeartbeats 800000 in
/-- **`fractions_of_messages` is the spec**: on the flattening of any list of named fractions,
with the matching lengths and global flags, it returns each fraction's LogUp fraction `fracOf`,
in order; it never panics. -/
theorem fractions_of_messages_spec (fs : List (Fraction Ext4)) (gl : List Bool) (χ β χl : Ext4)
    (hlen : gl.length = fs.length) (hflat : (flatOf fs).length + 1 < 2 ^ 64) :
    air.fractions_of_messages ((flatOf fs).map toExt)
        (fs.map (fun f => UInt64.ofNat f.fields.length)) gl (toChallenges χ β χl) =
      .ok (.ok ((fs.zip gl).map (fracOf χ β χl))) := by
  have hn := length_le_flatOf fs
  have hlenl : Slice.len gl = Slice.len (fs.map (fun f => UInt64.ofNat f.fields.length)) := by
    simp [Slice.len, hlen]
  have hlens : (Slice.len (fs.map (fun f => UInt64.ofNat f.fields.length))).toNat = fs.length := by
    rw [Slice.len_toNat _ (by simp; omega)]; simp
  have hflen : (Slice.len ((flatOf fs).map toExt)).toNat = (flatOf fs).length := by
    rw [Slice.len_toNat _ (by simp; omega)]; simp
  unfold air.fractions_of_messages
  rw [if_neg (by rw [hlenl]; simp)]
  dsimp only
  apply loop_bind_ok
    (P := fun (s : Usize × List air.Fraction × Usize) => s.2.2.toNat ≤ fs.length ∧
      s.1.toNat = (flatOf (fs.take s.2.2.toNat)).length ∧
      s.2.1 = ((fs.zip gl).take s.2.2.toNat).map (fracOf χ β χl))
    (Q := fun r => ∃ pos k, r = Exit.brk (pos, (fs.zip gl).map (fracOf χ β χl), k) ∧
      pos.toNat = (flatOf fs).length)
  · intro ⟨pos, out, k⟩ ⟨hk, hpos, hout⟩
    dsimp only at hk hpos hout
    subst hout
    dsimp only
    by_cases hlt : k < Slice.len (fs.map (fun f => UInt64.ofNat f.fields.length))
    · have hlt' : k.toNat < fs.length := by rw [UInt64.lt_iff_toNat_lt, hlens] at hlt; exact hlt
      have hsplit := flatOf_split fs k.toNat hlt'
      have hsucc := length_flatOf_take_succ fs k.toNat hlt'
      have hle1 : (flatOf (fs.take (k.toNat + 1))).length ≤ (flatOf fs).length := by
        have := congrArg List.length hsplit
        simp only [List.length_append, List.length_cons] at this
        omega
      have hL : fs[k.toNat].fields.length < 2 ^ 64 := by omega
      have ep1 : (pos + 1).toNat = pos.toNat + 1 := by simp only [UInt64.toNat_add]; simp; omega
      have eend : (pos + 1 + UInt64.ofNat fs[k.toNat].fields.length).toNat =
          pos.toNat + 1 + fs[k.toNat].fields.length := by
        simp only [UInt64.toNat_add, UInt64.toNat_ofNat]; simp; omega
      have ek : (k + 1).toNat = k.toNat + 1 := by simp only [UInt64.toNat_add]; simp; omega
      have hidxL : Slice.index (fs.map (fun f => UInt64.ofNat f.fields.length)) k =
          .ok (UInt64.ofNat fs[k.toNat].fields.length) := by
        rw [Slice.index_eq _ _ (by simpa using hlt')]; simp
      have hidxG : Slice.index gl k = .ok (gl[k.toNat]'(by omega)) :=
        Slice.index_eq _ _ (by omega)
      have hidxM : Slice.index ((flatOf fs).map toExt) pos = .ok (toExt fs[k.toNat].mult) := by
        rw [Slice.index_eq _ _ (by simp; omega)]
        simp only [List.getElem_map]
        congr 1
        have : (flatOf fs)[pos.toNat]'(by omega) =
            (flatOf (fs.take k.toNat) ++ (fs[k.toNat].mult :: fs[k.toNat].fields) ++
              flatOf (fs.drop (k.toNat + 1)))[(flatOf (fs.take k.toNat)).length]'(by simp) := by
          simp only [← hpos]; congr 1
        rw [this, getElem_mid]
      have hgt : ¬ (pos + 1 + UInt64.ofNat fs[k.toNat].fields.length >
          Slice.len ((flatOf fs).map toExt)) := by
        rw [GT.gt, UInt64.lt_iff_toNat_lt, eend, hflen]; omega
      left
      refine ⟨(pos + 1 + UInt64.ofNat fs[k.toNat].fields.length,
        ((fs.zip gl).take k.toNat).map (fracOf χ β χl) ++
          [fracOf χ β χl (fs[k.toNat], gl[k.toNat]'(by omega))], k + 1), ?_, ?_, ?_⟩
      · rw [if_pos hlt, checked_add_eq pos 1 (by simp; omega)]
        dsimp only
        rw [pure_ok, ok_bind, hidxL, ok_bind,
          checked_add_eq _ _ (by rw [ep1]; simp; omega)]
        dsimp only
        rw [pure_ok, ok_bind, if_neg hgt]
        apply loop_bind_ok
          (P := fun (s : Usize × List UInt32) => (pos + 1).toNat ≤ s.1.toNat ∧
            s.1.toNat ≤ pos.toNat + 1 + fs[k.toNat].fields.length ∧
            s.2 = toExt (evalList β (fs[k.toNat].fields.drop (s.1.toNat - (pos.toNat + 1)))))
          (Q := fun s => s.2 = toExt (fp fs[k.toNat].fields β))
        · intro ⟨j, acc⟩ ⟨hj1, hj2, hacc⟩
          dsimp only at hj1 hj2 hacc
          subst hacc
          dsimp only
          by_cases hj : j > pos + 1
          · have hj' : pos.toNat + 1 < j.toNat := by
              rw [GT.gt, UInt64.lt_iff_toNat_lt, ep1] at hj; exact hj
            have ej : (j - 1).toNat = j.toNat - 1 := by
              rw [UInt64.toNat_sub_of_le _ _ (by rw [UInt64.le_iff_toNat_le]; simp; omega)]; simp
            have hi : j.toNat - 1 - (pos.toNat + 1) < fs[k.toNat].fields.length := by omega
            have hidxJ : Slice.index ((flatOf fs).map toExt) (j - 1) =
                .ok (toExt (fs[k.toNat].fields[j.toNat - 1 - (pos.toNat + 1)])) := by
              rw [Slice.index_eq _ _ (by simp; omega)]
              simp only [List.getElem_map]
              congr 1
              have hx := getElem_mid2 (a := flatOf (fs.take k.toNat)) (f := fs[k.toNat].fields)
                (b := flatOf (fs.drop (k.toNat + 1))) (m := fs[k.toNat].mult)
                (j.toNat - 1 - (pos.toNat + 1)) hi
              have e1 : (j - 1).toNat =
                  (flatOf (fs.take k.toNat)).length + 1 + (j.toNat - 1 - (pos.toNat + 1)) := by
                rw [ej, ← hpos]; omega
              rw [← hx]
              simp only [hsplit, e1]
            left
            refine ⟨(j - 1, toExt (evalList β
              (fs[k.toNat].fields.drop (j.toNat - 1 - (pos.toNat + 1))))), ?_, ?_, ?_⟩
            · rw [if_pos hj, Usize.sub_eq j 1 (by simp; omega), ok_bind]
              simp only [toChallenges]
              rw [mul_spec, ok_bind, hidxJ, ok_bind, add_spec, ok_bind, pure_ok,
                evalList_drop β _ _ hi,
                show j.toNat - 1 - (pos.toNat + 1) + 1 = j.toNat - (pos.toNat + 1) by omega]
              have hcomm : ∀ a x : Ext4, a * β + x = x + β * a := fun a x => by grind
              rw [hcomm]
            · show (j - 1).toNat < j.toNat
              rw [ej]; omega
            · refine ⟨by rw [ej, ep1]; omega, by rw [ej]; omega, by rw [ej]⟩
          · right
            refine ⟨(j, _), by rw [if_neg hj, pure_ok], ?_⟩
            have e : j.toNat = pos.toNat + 1 := by
              have : ¬ pos.toNat + 1 < j.toNat := fun h' =>
                hj (by rw [GT.gt, UInt64.lt_iff_toNat_lt, ep1]; exact h')
              rw [ep1] at hj1; omega
            dsimp only
            rw [e, Nat.sub_self, List.drop_zero]; rfl
        · refine ⟨by rw [eend, ep1]; omega, by rw [eend]; omega, ?_⟩
          rw [eend, show pos.toNat + 1 + fs[k.toNat].fields.length - (pos.toNat + 1) =
            fs[k.toNat].fields.length by omega, List.drop_length, zero_eq]
          rfl
        · intro ⟨j, acc⟩ hq
          dsimp only at hq
          subst hq
          dsimp only
          rw [hidxG, ok_bind]
          cases hg : gl[k.toNat]'(by omega) with
          | true =>
            simp only [if_true, pure_ok, ok_bind, toChallenges, hidxM, sub_spec,
              Usize.add_eq k 1 (by simp; omega), Slice.push, fracOf, toFraction, hg]
          | false =>
            simp only [Bool.false_eq_true, if_false, pure_ok, ok_bind, toChallenges, hidxM,
              sub_spec, Usize.add_eq k 1 (by simp; omega), Slice.push, fracOf, toFraction, hg]
      · show 2 ^ 64 - (k + 1).toNat < 2 ^ 64 - k.toNat
        rw [ek]; omega
      · refine ⟨by rw [ek]; omega, by rw [ek, hsucc, eend, hpos], ?_⟩
        rw [ek, List.take_add_one, List.map_append]
        congr 1
        rw [List.getElem?_eq_getElem (by simp; omega)]
        simp
    · right
      refine ⟨Exit.brk (pos, ((fs.zip gl).take k.toNat).map (fracOf χ β χl), k),
        by rw [if_neg hlt]; rfl, pos, k, ?_, ?_⟩
      · have e : k.toNat = fs.length := by
          have : ¬ k.toNat < fs.length := fun h' => hlt (by rw [UInt64.lt_iff_toNat_lt, hlens]; exact h')
          omega
        rw [e, List.take_of_length_le (by simp; omega)]
      · have e : k.toNat = fs.length := by
          have : ¬ k.toNat < fs.length := fun h' => hlt (by rw [UInt64.lt_iff_toNat_lt, hlens]; exact h')
          omega
        rw [hpos, e, List.take_length]
  · exact ⟨by simp, by simp [flatOf], by simp [Slice.withCapacity]⟩
  · intro r ⟨pos, k, hr, hp⟩
    subst hr
    dsimp only
    rw [if_neg (by intro h; apply h; apply UInt64.toNat_inj.mp; rw [hflen, hp])]
    rfl

end Zkvm.Refinement.air
