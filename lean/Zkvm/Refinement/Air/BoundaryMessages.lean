module

public import Zkvm.Extracted.Air.Rv32im.Statement
public import Zkvm.Refinement.Field
public import Zkvm.Spec.Statement

/-!
# `statement::boundary_messages` is the spec's `boundaryMessages`

On public values that are canonical field elements (`toU32`) and any input and output,
`air::rv32im::statement::boundary_messages` returns exactly the messages of
`Zkvm.Spec.Statement.boundaryMessages` (the I/O cursors' initial and final values, the consumed
input bytes, the output bytes and the exit), or the same error; it never panics.
-/

@[expose] public section

noncomputable section

namespace Zkvm.Refinement.air.rv32im.statement

open Zkvm.Extraction Zkvm.Extracted Zkvm.Field
open Zkvm.Refinement.field (toU32 toU32_toNat mul_spec)
open Zkvm.Spec.Statement

/-- The Rust result of the spec's. -/
def toBoundary :
    Except error.VerifyError (List (List UInt32) × List (List UInt32)) →
      Except error.VerifyError air.BoundaryMessages
  | .ok (s, r) => .ok ⟨s, r⟩
  | .error e => .error e

theorem u32_eq (x : BabyBear) : u32 x = toU32 x := rfl

theorem toUInt32_eq (j : Usize) : UInt64.toUInt32 j = UInt32.ofNat j.toNat := by
  apply UInt32.toNat_inj.mp
  simp

theorem index_pv (pv : List BabyBear) (i : Usize) (h : i.toNat < pv.length) :
    Slice.index (pv.map toU32) i = .ok (toU32 (pv.getD i.toNat 0)) := by
  rw [Slice.index_eq _ _ (by simpa using h)]
  simp [List.getD, List.getElem?_eq_getElem h]

set_option maxHeartbeats 1000000 in
/-- **`boundary_messages` is the spec.** -/
theorem boundary_messages_spec (pv : List BabyBear) (input output : List UInt8)
    (hpv : pv.length < 2 ^ 64) (hin : input.length < 2 ^ 64) (hout : output.length + 3 < 2 ^ 64) :
    air.rv32im.statement.boundary_messages (pv.map toU32) input output =
      .ok (toBoundary (boundaryMessages pv input output)) := by
  have hP : P = 2013265921 := P_eq
  have hlenpv : (Slice.len (pv.map toU32)).toNat = pv.length := by
    rw [Slice.len_toNat _ (by simpa using hpv)]; simp
  have hlin : (Slice.len input).toNat = input.length := Slice.len_toNat _ hin
  have hlout : (Slice.len output).toNat = output.length := Slice.len_toNat _ (by omega)
  unfold air.rv32im.statement.boundary_messages
  by_cases h15 : pv.length ≠ 15
  · rw [if_pos (by intro h; apply h15; rw [← hlenpv, h]; rfl)]
    simp [boundaryMessages, h15, toBoundary]
  have h15' : pv.length = 15 := Classical.byContradiction h15
  have hlen15 : Slice.len (pv.map toU32) = air.rv32im.statement.NUM_PUBLIC_VALUES :=
    UInt64.toNat_inj.mp (by rw [hlenpv, h15']; rfl)
  rw [if_neg (fun h => h hlen15)]
  have ix : ∀ i : Usize, i.toNat < 15 → Slice.index (pv.map toU32) i = .ok (toU32 (pv.getD i.toNat 0)) :=
    fun i hi => index_pv pv i (by rw [h15']; exact hi)
  have h4 : ((UInt32.toUInt64 (toU32 (pv.getD 4 0))) ≠ Slice.len input) =
      ((pv.getD 4 0).val ≠ input.length) := by
    apply propext; constructor
    · intro h e; apply h; apply UInt64.toNat_inj.mp
      rw [UInt32.toNat_toUInt64, toU32_toNat, hlin, e]
    · intro h e; apply h; have := congrArg UInt64.toNat e
      rw [UInt32.toNat_toUInt64, toU32_toNat, hlin] at this; exact this
  have h6 : ((UInt32.toUInt64 (toU32 (pv.getD 6 0))) ≠ Slice.len output) =
      ((pv.getD 6 0).val ≠ output.length) := by
    apply propext; constructor
    · intro h e; apply h; apply UInt64.toNat_inj.mp
      rw [UInt32.toNat_toUInt64, toU32_toNat, hlout, e]
    · intro h e; apply h; have := congrArg UInt64.toNat e
      rw [UInt32.toNat_toUInt64, toU32_toNat, hlout] at this; exact this
  have h5 : ((UInt32.toUInt64 (toU32 (pv.getD 5 0))) > Slice.len input) =
      (input.length < (pv.getD 5 0).val) := by
    apply propext
    simp only [gt_iff_lt, UInt64.lt_iff_toNat_lt, UInt32.toNat_toUInt64, toU32_toNat, hlin]
  simp only [air.rv32im.statement.PV_INPUT_CONSUMED, air.rv32im.statement.PV_INPUT_LEN,
    air.rv32im.statement.PV_OUTPUT_LEN, air.rv32im.statement.PV_CYCLES,
    air.rv32im.statement.PV_EXIT_LO, air.rv32im.statement.PV_EXIT_HI]
  rw [ix 5 (by decide), ok_bind, ix 4 (by decide), ok_bind]
  simp only [UInt64.reduceToNat, h4]
  by_cases hbad : (pv.getD 4 0).val ≠ input.length ∨ (pv.getD 6 0).val ≠ output.length ∨
      input.length < (pv.getD 5 0).val
  · have hs : boundaryMessages pv input output = .error .InvalidStatement := by
      simp only [boundaryMessages, h15', ne_eq, not_true_eq_false, if_false]
      rw [if_pos (by simpa [pvInputLen, pvOutputLen, pvInputConsumed] using hbad)]
    rw [hs]
    rcases hbad with h | h | h
    · rw [if_pos h]
      simp only [pure_ok, ok_bind, Bool.true_or, if_true, toBoundary]
    · by_cases h' : (pv.getD 4 0).val ≠ input.length
      · rw [if_pos h']
        simp only [pure_ok, ok_bind, Bool.true_or, if_true, toBoundary]
      · rw [if_neg h']
        simp only [pure_ok, ok_bind]
        rw [ix 6 (by decide), ok_bind]
        simp only [UInt64.reduceToNat, h6]
        rw [show decide ((pv.getD 6 0).val ≠ output.length) = true from decide_eq_true h]
        simp only [Bool.true_or, if_true, toBoundary]
    · by_cases h' : (pv.getD 4 0).val ≠ input.length
      · rw [if_pos h']
        simp only [pure_ok, ok_bind, Bool.true_or, if_true, toBoundary]
      · rw [if_neg h']
        simp only [pure_ok, ok_bind]
        rw [ix 6 (by decide), ok_bind]
        simp only [UInt64.reduceToNat, h6, h5]
        rw [show decide (input.length < (pv.getD 5 0).val) = true from decide_eq_true h]
        simp only [Bool.or_true, if_true, toBoundary]
  -- a valid statement
  have h4n : (pv.getD 4 0).val = input.length :=
    Classical.byContradiction fun h => hbad (Or.inl h)
  have h6n : (pv.getD 6 0).val = output.length :=
    Classical.byContradiction fun h => hbad (Or.inr (Or.inl h))
  have h5n : (pv.getD 5 0).val ≤ input.length :=
    Nat.le_of_not_lt fun h => hbad (Or.inr (Or.inr h))
  have hs : boundaryMessages pv input output = .ok (sends pv input, receives pv output) := by
    simp only [boundaryMessages, h15', ne_eq, not_true_eq_false, if_false]
    rw [if_neg (by simp only [pvInputLen, pvOutputLen, pvInputConsumed]; omega)]
  rw [hs, if_neg (fun h => h h4n)]
  simp only [pure_ok, ok_bind]
  rw [ix 6 (by decide), ok_bind]
  simp only [UInt64.reduceToNat, h6, h5]
  rw [show decide ((pv.getD 6 0).val ≠ output.length) = false from decide_eq_false (fun h => h h6n),
    show decide (input.length < (pv.getD 5 0).val) = false from decide_eq_false (by omega)]
  simp only [Bool.or_false, Bool.false_eq_true, if_false]
  have hc : (UInt32.toUInt64 (toU32 (pv.getD 5 0))).toNat = (pv.getD 5 0).val := by
    rw [UInt32.toNat_toUInt64, toU32_toNat]
  have hv5 := (pv.getD 5 0).val_lt
  have hP : P = 2013265921 := P_eq
  rw [Usize.add_eq _ 3 (by
      rw [hc]; have e3 : (3 : UInt64).toNat = 3 := rfl; rw [e3]; rw [hP] at hv5; omega), ok_bind,
    ix 3 (by decide), ok_bind]
  have h4u : air.rv32im.bus.PORTS = toU32 4 := Zkvm.Refinement.field.eq_toU32 (by decide)
  rw [h4u, mul_spec, ok_bind]
  simp only [UInt64.reduceToNat]
  have hlt5 : ∀ j : Usize, (j < UInt32.toUInt64 (toU32 (pv.getD 5 0))) ↔
      j.toNat < (pv.getD 5 0).val := by
    intro j; rw [UInt64.lt_iff_toNat_lt, hc]
  apply loop_bind_ok
    (P := fun s => s.2.toNat ≤ (pv.getD 5 0).val ∧
      s.1 = [[2, 3, 0, 0, 0, 0], [2, 3, 1, 0, 0, 0], [2, 3, 2, 0, 0, 0]] ++
        (List.range s.2.toNat).map (fun j => [8, UInt32.ofNat j, (input.getD j 0).toUInt32]))
    (Q := fun s => s.1 = sends pv input)
  · intro ⟨acc, j⟩ ⟨hj, hacc⟩
    dsimp only at hj hacc
    subst hacc
    dsimp only
    by_cases hlt : j < UInt32.toUInt64 (toU32 (pv.getD 5 0))
    · have hlt' := (hlt5 j).mp hlt
      have e : (j + 1).toNat = j.toNat + 1 := by simp only [UInt64.toNat_add]; simp; omega
      left
      refine ⟨([[2, 3, 0, 0, 0, 0], [2, 3, 1, 0, 0, 0], [2, 3, 2, 0, 0, 0]] ++
        (List.range (j.toNat + 1)).map (fun j => [8, UInt32.ofNat j, (input.getD j 0).toUInt32]),
        j + 1), ?_, ?_, ?_⟩
      · rw [if_pos hlt, Slice.index_eq _ _ (by omega), ok_bind, Usize.add_eq j 1 (by simp; omega),
          ok_bind, List.range_succ, List.map_append, ← List.append_assoc]
        simp only [Slice.push, List.map_cons, List.map_nil, toUInt32_eq,
          List.getD_eq_getElem?_getD, List.getElem?_eq_getElem (show j.toNat < input.length by omega),
          Option.getD_some]
        rfl
      · show 2 ^ 64 - (j + 1).toNat < 2 ^ 64 - j.toNat
        rw [e]; omega
      · exact ⟨by rw [e]; omega, by rw [e]⟩
    · right
      refine ⟨_, by rw [if_neg hlt], ?_⟩
      have e : j.toNat = (pv.getD 5 0).val := by
        have : ¬ j.toNat < (pv.getD 5 0).val := fun h => hlt ((hlt5 j).mpr h)
        omega
      dsimp only
      rw [e]; rfl
  · exact ⟨by simp, rfl⟩
  · intro ⟨acc, j⟩ hq
    dsimp only at hq
    subst hq
    dsimp only
    rw [Usize.add_eq _ 3 (by rw [hlout]; have e3 : (3 : UInt64).toNat = 3 := rfl; rw [e3]; omega),
      ok_bind, ok_bind]
    apply loop_bind_ok
      (P := fun s => s.2.toNat ≤ output.length ∧
        s.1 = [[2, 3, 0, toU32 (pv.getD 5 0), 0, toU32 (4 * pv.getD 3 0)],
          [2, 3, 1, toU32 (pv.getD 6 0), 0, toU32 (4 * pv.getD 3 0)]] ++
          (List.range s.2.toNat).map (fun j => [9, UInt32.ofNat j, (output.getD j 0).toUInt32]))
      (Q := fun s => s.1 = [[2, 3, 0, toU32 (pv.getD 5 0), 0, toU32 (4 * pv.getD 3 0)],
          [2, 3, 1, toU32 (pv.getD 6 0), 0, toU32 (4 * pv.getD 3 0)]] ++
          (List.range output.length).map (fun j => [9, UInt32.ofNat j, (output.getD j 0).toUInt32]))
    · intro ⟨acc, j⟩ ⟨hj, hacc⟩
      dsimp only at hj hacc
      subst hacc
      dsimp only
      by_cases hlt : j < Slice.len output
      · have hlt' : j.toNat < output.length := by rw [UInt64.lt_iff_toNat_lt, hlout] at hlt; exact hlt
        have e : (j + 1).toNat = j.toNat + 1 := by simp only [UInt64.toNat_add]; simp; omega
        left
        refine ⟨([[2, 3, 0, toU32 (pv.getD 5 0), 0, toU32 (4 * pv.getD 3 0)],
          [2, 3, 1, toU32 (pv.getD 6 0), 0, toU32 (4 * pv.getD 3 0)]] ++
          (List.range (j.toNat + 1)).map (fun j => [9, UInt32.ofNat j, (output.getD j 0).toUInt32]),
          j + 1), ?_, ?_, ?_⟩
        · rw [if_pos hlt, Slice.index_eq _ _ hlt', ok_bind, Usize.add_eq j 1 (by simp; omega),
            ok_bind, List.range_succ, List.map_append, ← List.append_assoc]
          simp only [Slice.push, List.map_cons, List.map_nil, toUInt32_eq,
            List.getD_eq_getElem?_getD, List.getElem?_eq_getElem hlt', Option.getD_some]
          rfl
        · show 2 ^ 64 - (j + 1).toNat < 2 ^ 64 - j.toNat
          rw [e]; omega
        · exact ⟨by rw [e]; omega, by rw [e]⟩
      · right
        refine ⟨_, by rw [if_neg hlt], ?_⟩
        have e : j.toNat = output.length := by
          have : ¬ j.toNat < output.length := fun h => hlt (by rw [UInt64.lt_iff_toNat_lt, hlout]; exact h)
          omega
        dsimp only
        rw [e]
    · exact ⟨by simp, rfl⟩
    · intro ⟨acc, j⟩ hq
      dsimp only at hq
      subst hq
      dsimp only
      rw [ix 1 (by decide), ok_bind, ix 2 (by decide), ok_bind]
      simp only [UInt64.reduceToNat, ok_bind, Slice.push, toBoundary, receives, sends, u32_eq,
        pvInputConsumed, pvOutputLen, pvCycles, pvExitLo, pvExitHi, List.append_assoc,
        List.cons_append, List.nil_append]
      rfl

end Zkvm.Refinement.air.rv32im.statement
