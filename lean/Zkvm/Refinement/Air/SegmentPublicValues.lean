module

public import Zkvm.Extracted.Air.Rv32im.Statement
public import Zkvm.Extraction.Lemmas
public import Zkvm.Spec.Segments

/-!
# `statement::segment_public_values` computes `Spec.Segments.segmentPublicValues`

Proved: for every input (lists shorter than `2^64`), the extracted function returns `ok`:
`Ok` of the spec's 20 values when the spec gives them, `Err(WrongPublicValueCount)` exactly
when the spec says the inputs have the wrong shape. It never panics.
-/

@[expose] public section

namespace Zkvm.Refinement.air.rv32im.statement

open Zkvm.Extraction Zkvm.Extracted Zkvm.Spec.Segments

theorem len_eq_iff {α : Type} (l : List α) (hl : l.length < 2 ^ 64) (n : Usize) :
    Slice.len l = n ↔ l.length = n.toNat := by
  rw [← UInt64.toNat_inj, Slice.len_toNat l hl]

theorem len_le_iff {α : Type} (l : List α) (hl : l.length < 2 ^ 64) (n : Usize) :
    Slice.len l ≤ n ↔ l.length ≤ n.toNat := by
  rw [UInt64.le_iff_toNat_le, Slice.len_toNat l hl]

theorem getD_eq_getElem {α : Type} (l : List α) (d : α) (i : Nat) (h : i < l.length) :
    l.getD i d = l[i] := by
  simp [List.getD, List.getElem?_eq_getElem h]

/-- The statement's values copied one by one: the same list. -/
theorem copy_values (values : List UInt32) (hv : values.length < 2 ^ 64)
    (k : List UInt32 × Usize → Outcome (Except error.VerifyError (List UInt32)))
    (b : Except error.VerifyError (List UInt32)) (hk : k (values, Slice.len values) = .ok b) :
    (loop (σ := (List UInt32) × Usize) (ρ := (List UInt32) × Usize)
      (fun (_, i) => 2 ^ 64 - i.toNat)
      (fun (pv, i) => do
        let mut pv := pv
        let mut i := i
        if i < (Slice.len values) then
          pv := (Slice.push pv (← Slice.index values i))
          i ← Usize.add i 1
          return Step.cont (pv, i)
        else
          return Step.done (pv, i))
      ([], 0) >>= k) = .ok b := by
  have hn := Slice.len_toNat values hv
  apply loop_bind_ok
    (P := fun s => s.2.toNat ≤ values.length ∧ s.1 = values.take s.2.toNat)
    (Q := fun s => s = (values, Slice.len values))
  · intro ⟨pv, i⟩ ⟨hi, hp⟩
    simp only at hi hp
    subst hp
    by_cases hlt : i < Slice.len values
    · have hi' : i.toNat < values.length := by rw [UInt64.lt_iff_toNat_lt, hn] at hlt; exact hlt
      have e : (i + 1).toNat = i.toNat + 1 := by simp only [UInt64.toNat_add]; simp; omega
      left
      refine ⟨(values.take (i.toNat + 1), i + 1), ?_, ?_, ?_⟩
      · simp only [hlt, if_true, Slice.index_eq values i hi', ok_bind,
          Usize.add_eq i 1 (by simp; omega), pure_ok, Slice.push, List.take_add_one,
          List.getElem?_eq_getElem hi', Option.toList_some]
      · show 2 ^ 64 - (i + 1).toNat < 2 ^ 64 - i.toNat
        rw [e]; omega
      · exact ⟨by rw [e]; omega, by rw [e]⟩
    · right
      have e : i.toNat = values.length := by rw [UInt64.lt_iff_toNat_lt, hn] at hlt; omega
      refine ⟨(values.take i.toNat, i), by simp only [hlt, if_false, pure_ok], ?_⟩
      have ei : i = Slice.len values := UInt64.toNat_inj.mp (by rw [e, hn])
      subst ei
      rw [hn, List.take_length]
  · exact ⟨by simp, by simp⟩
  · intro r h
    subst h
    exact hk

/-- `segment_public_values` returns the spec's values, or `WrongPublicValueCount` exactly when
the spec has none. Never panics. -/
theorem segment_public_values_spec (values : List UInt32) (starts : List (List UInt32))
    (index : Usize) (hv : values.length < 2 ^ 64) (hs : starts.length < 2 ^ 64)
    (hw : ∀ v ∈ starts, v.length < 2 ^ 64) :
    Extracted.air.rv32im.statement.segment_public_values values starts index =
      .ok (match segmentPublicValues values starts index.toNat with
        | some pv => .ok pv
        | none => .error .WrongPublicValueCount) := by
  have hsn := Slice.len_toNat starts hs
  unfold Extracted.air.rv32im.statement.segment_public_values segmentPublicValues
  by_cases h1 : values.length = numPublicValues
  · by_cases h2 : index.toNat < starts.length
    · have c1 : (decide (Slice.len values ≠ air.rv32im.statement.NUM_PUBLIC_VALUES) ||
          decide (index ≥ Slice.len starts)) = false := by
        simp only [ne_eq, len_eq_iff _ hv, h1, ge_iff_le, len_le_iff _ hs]
        simp [numPublicValues, air.rv32im.statement.NUM_PUBLIC_VALUES]; omega
      simp only [c1, Bool.false_eq_true, if_false, Slice.index_eq starts index h2, ok_bind]
      have hw2 := hw _ (List.getElem_mem h2)
      have hst : start starts index.toNat = starts[index.toNat] := getD_eq_getElem _ _ _ h2
      by_cases h3 : starts[index.toNat].length = 2
      · have c3 : (Slice.len starts[index.toNat] ≠ air.rv32im.statement.NUM_SEGMENT_VALUES) =
            False := by
          simp only [ne_eq, len_eq_iff _ hw2, h3, eq_iff_iff, iff_false, Decidable.not_not]; decide
        simp only [c3, if_false, Slice.withCapacity]
        apply copy_values values hv
        have hpc : startPc starts index.toNat = starts[index.toNat][0] := by
          simp only [startPc, hst]; exact getD_eq_getElem _ _ _ (by omega)
        have hclk : startClk starts index.toNat = starts[index.toNat][1] := by
          simp only [startClk, hst]; exact getD_eq_getElem _ _ _ (by omega)
        simp only [Slice.index_eq starts[index.toNat] 0 (by simp; omega),
          Slice.index_eq starts[index.toNat] 1 (by simp; omega), ok_bind, Slice.push,
          Usize.add_eq index 1 (by simp; omega), pure_ok]
        have n0 : UInt64.toNat 0 = 0 := rfl
        have n1 : UInt64.toNat 1 = 1 := rfl
        have e1 : (index + 1).toNat = index.toNat + 1 := by simp only [UInt64.toNat_add]; simp; omega
        have hlast : (index + 1 = Slice.len starts) ↔ index.toNat + 1 = starts.length := by
          rw [← UInt64.toNat_inj, e1, hsn]
        have hc : values.length = numPublicValues ∧ index.toNat < starts.length ∧
            (start starts index.toNat).length = 2 := ⟨h1, h2, hst ▸ h3⟩
        rw [if_pos hc]
        by_cases h4 : index.toNat + 1 = starts.length
        · have d4 : decide (index + 1 = Slice.len starts) = true := decide_eq_true (hlast.mpr h4)
          simp only [d4, if_true, h4, hpc, hclk, n0, n1, List.append_assoc, List.cons_append,
            List.nil_append]
        · have d4 : decide (index + 1 = Slice.len starts) = false :=
            decide_eq_false (fun h => h4 (hlast.mp h))
          have h5 : index.toNat + 1 < starts.length := by omega
          have hw3 := hw _ (List.getElem_mem h5)
          have hst' : start starts (index.toNat + 1) = starts[index.toNat + 1] :=
            getD_eq_getElem _ _ _ h5
          have i1 : Slice.index starts (index + 1) = .ok starts[index.toNat + 1] := by
            rw [Slice.index_eq starts (index + 1) (by rw [e1]; exact h5)]; simp only [e1]
          simp only [d4, Bool.false_eq_true, if_false, h4, i1, ok_bind, hst']
          by_cases h6 : starts[index.toNat + 1].length = 2
          · have c6 : (Slice.len starts[index.toNat + 1] ≠ air.rv32im.statement.NUM_SEGMENT_VALUES) =
                False := by
              simp only [ne_eq, len_eq_iff _ hw3, h6, eq_iff_iff, iff_false, Decidable.not_not]; decide
            have hpc' : startPc starts (index.toNat + 1) = starts[index.toNat + 1][0] := by
              simp only [startPc, hst']; exact getD_eq_getElem _ _ _ (by omega)
            have hclk' : startClk starts (index.toNat + 1) = starts[index.toNat + 1][1] := by
              simp only [startClk, hst']; exact getD_eq_getElem _ _ _ (by omega)
            simp only [c6, if_false, if_true, h6, Slice.index_eq starts[index.toNat + 1] 0 (by simp; omega),
              Slice.index_eq starts[index.toNat + 1] 1 (by simp; omega), ok_bind, hpc, hclk,
              hpc', hclk', n0, n1, List.append_assoc, List.cons_append, List.nil_append]
          · have c6 : (Slice.len starts[index.toNat + 1] ≠ air.rv32im.statement.NUM_SEGMENT_VALUES) =
                True := by
              simp only [ne_eq, len_eq_iff _ hw3, eq_iff_iff, iff_true]
              simp [air.rv32im.statement.NUM_SEGMENT_VALUES]; omega
            simp only [c6, if_true, h6, if_false]
      · have c3 : (Slice.len starts[index.toNat] ≠ air.rv32im.statement.NUM_SEGMENT_VALUES) =
            True := by
          simp only [ne_eq, len_eq_iff _ hw2, eq_iff_iff, iff_true]
          simp [air.rv32im.statement.NUM_SEGMENT_VALUES]; omega
        have n3 : ¬ (values.length = numPublicValues ∧ index.toNat < starts.length ∧
            (start starts index.toNat).length = 2) := fun h => h3 (hst ▸ h.2.2)
        simp only [c3, if_true, n3, if_false, pure_ok]
    · have c1 : (decide (Slice.len values ≠ air.rv32im.statement.NUM_PUBLIC_VALUES) ||
          decide (index ≥ Slice.len starts)) = true := by
        simp only [ge_iff_le, len_le_iff _ hs]; simp; omega
      have n1 : ¬ (values.length = numPublicValues ∧ index.toNat < starts.length ∧
          (start starts index.toNat).length = 2) := fun h => h2 h.2.1
      simp only [c1, if_true, n1, if_false, pure_ok]
  · have c1 : (decide (Slice.len values ≠ air.rv32im.statement.NUM_PUBLIC_VALUES) ||
        decide (index ≥ Slice.len starts)) = true := by
      simp only [ne_eq, len_eq_iff _ hv]
      simp only [numPublicValues] at h1
      simp [air.rv32im.statement.NUM_PUBLIC_VALUES]; omega
    have n1 : ¬ (values.length = numPublicValues ∧ index.toNat < starts.length ∧
        (start starts index.toNat).length = 2) := fun h => h1 h.1
    simp only [c1, if_true, n1, if_false, pure_ok]

end Zkvm.Refinement.air.rv32im.statement
