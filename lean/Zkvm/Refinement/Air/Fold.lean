module

public import Zkvm.Extracted.Air
public import Zkvm.Refinement.Field.Extension
public import Zkvm.Stark.Ali

/-!
# The extracted constraint fold computes `Zkvm.Stark.foldAlpha`

`air::fold_constraints` folds a table's constraint values with `α` by Horner's rule; that is the
IOP's `foldAlpha` (the left side of the out-of-domain check, phase1.1's ALI bound).
-/

@[expose] public section

namespace Zkvm.Refinement.air

open Zkvm.Extraction Zkvm.Extracted Zkvm.Field Zkvm.Field.Ext4
open Zkvm.Refinement.field.extension (toExt add_spec mul_spec zero_eq)

/-- `fold_constraints` is `foldAlpha`; it never panics. -/
theorem fold_constraints_spec (values : List Ext4) (α : Ext4) (hl : values.length < 2 ^ 64) :
    air.fold_constraints (values.map toExt) (toExt α) = .ok (toExt (Zkvm.Stark.foldAlpha values α)) := by
  have hn := Slice.len_toNat (values.map toExt) (by simpa using hl)
  simp only [List.length_map] at hn
  unfold air.fold_constraints
  rw [zero_eq]
  apply loop_bind_ok
    (P := fun s => s.2.toNat ≤ values.length ∧
      s.1 = toExt ((values.take s.2.toNat).foldl (fun acc c => acc * α + c) 0))
    (Q := fun s => s.1 = toExt (Zkvm.Stark.foldAlpha values α))
  · intro ⟨acc, i⟩ ⟨hi, hacc⟩
    dsimp only at hi hacc
    subst hacc
    dsimp only
    by_cases hlt : i < Slice.len (values.map toExt)
    · have hlt' : i.toNat < values.length := by rw [UInt64.lt_iff_toNat_lt, hn] at hlt; exact hlt
      have e : (i + 1).toNat = i.toNat + 1 := by simp only [UInt64.toNat_add]; simp; omega
      left
      refine ⟨(toExt ((values.take (i.toNat + 1)).foldl (fun acc c => acc * α + c) 0), i + 1),
        ?_, ?_, ?_⟩
      · rw [if_pos hlt, mul_spec, ok_bind, Slice.index_eq _ i (by simpa using hlt'), ok_bind]
        simp only [List.getElem_map]
        rw [add_spec, ok_bind, Usize.add_eq i 1 (by simp; omega), ok_bind, pure_ok,
          List.take_add_one, List.getElem?_eq_getElem hlt', List.foldl_append]
        rfl
      · show 2 ^ 64 - (i + 1).toNat < 2 ^ 64 - i.toNat
        rw [e]; omega
      · exact ⟨by rw [e]; omega, by rw [e]⟩
    · right
      refine ⟨_, by rw [if_neg hlt, pure_ok], ?_⟩
      have e : i.toNat = values.length := by
        have : ¬ i.toNat < (Slice.len (values.map toExt)).toNat :=
          fun h => hlt (UInt64.lt_iff_toNat_lt.mpr h)
        omega
      dsimp only
      rw [e, List.take_length]; rfl
  · exact ⟨by simp, by simp⟩
  · intro ⟨acc, i⟩ h
    dsimp only at h
    subst h
    rfl

end Zkvm.Refinement.air
