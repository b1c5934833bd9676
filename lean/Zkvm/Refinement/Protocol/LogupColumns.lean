module

public import Zkvm.Extracted.Protocol.Logup
public import Zkvm.Refinement.Field.Extension
public import Zkvm.Spec.Columns

/-!
# The extracted `ext_columns_from_base` computes `Zkvm.Spec.chunksFromBase`

The verifier recombines the opened base coefficient columns of the auxiliary (LogUp) trace
into extension columns, `Σ_e X^e v_{4k+e}`; a length that is not a multiple of 4 is rejected
with `WrongProofShape`. Never panics.
-/

@[expose] public section

namespace Zkvm.Refinement.protocol.logup

open Zkvm.Extraction Zkvm.Extracted Zkvm.Field Zkvm.Field.Ext4 Zkvm.Spec
open Zkvm.Refinement.field.extension (toExt add_spec mul_spec zero_eq mul_by_basis_spec basis)

theorem basis_eq (e : Nat) : basis e = basisX e := rfl

theorem extFromBase_step (vs : List Ext4) (e : Nat) :
    (List.range (e + 1)).foldl (fun acc e => acc + vs.getD e 0 * basisX e) 0 =
      (List.range e).foldl (fun acc e => acc + vs.getD e 0 * basisX e) 0 + vs.getD e 0 * basisX e := by
  rw [List.range_succ, List.foldl_append]; rfl

set_option linter.unusedVariables false in
/-- The inner loop: one extension column from four base columns. -/
theorem column_loop (vs : List Ext4) (k : Usize) (h : 4 * k.toNat + 4 ≤ vs.length)
    (hl : vs.length < 2 ^ 64) :
    loop (σ := field.extension.Ext × Usize) (ρ := field.extension.Ext × Usize)
      (fun (value, e) => 2 ^ 64 - e.toNat)
      (fun (value, e) => do
        let mut value := value
        let mut e := e
        if e < 4 then
          value ← field.extension.add value (← field.extension.mul_by_basis
            (← Slice.index (vs.map toExt) (← Usize.add (← Usize.mul 4 k) e)) e)
          e ← Usize.add e 1
          return Step.cont (value, e)
        else
          return Step.done (value, e))
      (field.extension.ZERO, 0) =
      .ok (toExt (extFromBase (vs.drop (4 * k.toNat))), 4) := by
  obtain ⟨r, hr, hq⟩ := loop_ok (σ := field.extension.Ext × Usize) (ρ := field.extension.Ext × Usize)
    (fun (value, e) => 2 ^ 64 - e.toNat)
    (fun (value, e) => do
        let mut value := value
        let mut e := e
        if e < 4 then
          value ← field.extension.add value (← field.extension.mul_by_basis
            (← Slice.index (vs.map toExt) (← Usize.add (← Usize.mul 4 k) e)) e)
          e ← Usize.add e 1
          return Step.cont (value, e)
        else
          return Step.done (value, e))
    (field.extension.ZERO, 0)
    (fun s => s.2.toNat ≤ 4 ∧ s.1 = toExt ((List.range s.2.toNat).foldl
      (fun acc e => acc + (vs.drop (4 * k.toNat)).getD e 0 * basisX e) 0))
    (fun r => r = (toExt (extFromBase (vs.drop (4 * k.toNat))), 4))
    (by
      intro ⟨v, e⟩ ⟨he, hv⟩
      dsimp only at he hv
      subst hv
      dsimp only
      by_cases hlt : e < 4
      · have hlt' : e.toNat < 4 := by rw [UInt64.lt_iff_toNat_lt] at hlt; simpa using hlt
        have e1 : (e + 1).toNat = e.toNat + 1 := by simp only [UInt64.toNat_add]; simp; omega
        have h4k : (4 * k).toNat = 4 * k.toNat := by simp only [UInt64.toNat_mul]; simp; omega
        have hidx : (4 * k + e).toNat = 4 * k.toNat + e.toNat := by
          simp only [UInt64.toNat_add, h4k]; omega
        left
        refine ⟨(toExt ((List.range (e.toNat + 1)).foldl
          (fun acc e => acc + (vs.drop (4 * k.toNat)).getD e 0 * basisX e) 0), e + 1), ?_, ?_, ?_⟩
        · rw [if_pos hlt, Usize.mul_eq 4 k (by simp; omega), ok_bind,
            Usize.add_eq (4 * k) e (by rw [h4k]; omega), ok_bind,
            Slice.index_eq _ _ (by rw [hidx]; simp; omega), ok_bind]
          simp only [List.getElem_map]
          rw [mul_by_basis_spec, ok_bind, add_spec, ok_bind, Usize.add_eq e 1 (by simp; omega),
            ok_bind, pure_ok, extFromBase_step, basis_eq]
          have hg : (vs.drop (4 * k.toNat)).getD e.toNat 0 = vs[(4 * k + e).toNat]'(by rw [hidx]; omega) := by
            simp only [List.getD, List.getElem?_drop, hidx, List.getElem?_eq_getElem (show 4 * k.toNat + e.toNat < vs.length by omega), Option.getD_some]
          rw [hg]
        · show 2 ^ 64 - (e + 1).toNat < 2 ^ 64 - e.toNat
          rw [e1]; omega
        · exact ⟨by rw [e1]; omega, by rw [e1]⟩
      · right
        refine ⟨_, by rw [if_neg hlt, pure_ok], ?_⟩
        have e4 : e = 4 := by
          apply UInt64.toNat_inj.mp
          have : ¬ e.toNat < 4 := fun h => hlt (by rw [UInt64.lt_iff_toNat_lt]; simpa using h)
          simp; omega
        subst e4
        rfl)
    ⟨by simp, by rw [zero_eq]; rfl⟩
  rw [hr, hq]

/-- `ext_columns_from_base` recombines `4 k` base columns into `k` extension columns; it never
panics. -/
theorem ext_columns_from_base_spec (vs : List Ext4) (k : Nat) (h : vs.length = 4 * k)
    (hl : vs.length < 2 ^ 64) :
    protocol.logup.ext_columns_from_base (vs.map toExt) =
      .ok (.ok ((chunksFromBase vs k).map toExt)) := by
  have hn := Slice.len_toNat (vs.map toExt) (by simpa using hl)
  simp only [List.length_map] at hn
  unfold protocol.logup.ext_columns_from_base
  have hdiv : (Slice.len (vs.map toExt) / 4).toNat = k := by
    rw [UInt64.toNat_div, hn]; simp; omega
  rw [Usize.div_eq _ 4 (by decide), ok_bind,
    Usize.mul_eq _ 4 (by rw [hdiv]; simp; omega), ok_bind]
  have hne : ¬ (Slice.len (vs.map toExt) / 4 * 4 ≠ Slice.len (vs.map toExt)) := by
    intro hh; apply hh; apply UInt64.toNat_inj.mp
    rw [UInt64.toNat_mul, hdiv, hn]; simp; omega
  rw [if_neg hne]
  generalize hc : Slice.len (vs.map toExt) / 4 = count at hdiv
  apply loop_bind_ok
    (P := fun s => s.2.toNat ≤ k ∧ s.1 = ((chunksFromBase vs k).take s.2.toNat).map toExt)
    (Q := fun s => s.1 = (chunksFromBase vs k).map toExt)
  · intro ⟨out, j⟩ ⟨hj, hout⟩
    dsimp only at hj hout
    subst hout
    dsimp only
    by_cases hlt : j < count
    · have hlt' : j.toNat < k := by rw [UInt64.lt_iff_toNat_lt, hdiv] at hlt; exact hlt
      have e : (j + 1).toNat = j.toNat + 1 := by simp only [UInt64.toNat_add]; simp; omega
      left
      refine ⟨(((chunksFromBase vs k).take (j.toNat + 1)).map toExt, j + 1), ?_, ?_, ?_⟩
      · rw [if_pos hlt, column_loop vs j (by omega) hl, ok_bind, Usize.add_eq j 1 (by simp; omega),
          ok_bind, pure_ok, List.take_add_one,
          List.getElem?_eq_getElem (by rw [length_chunksFromBase]; exact hlt'), List.map_append]
        simp [Slice.push, chunksFromBase]
      · show 2 ^ 64 - (j + 1).toNat < 2 ^ 64 - j.toNat
        rw [e]; omega
      · exact ⟨by rw [e]; omega, by rw [e]⟩
    · right
      refine ⟨_, by rw [if_neg hlt, pure_ok], ?_⟩
      have e : j.toNat = k := by
        have : ¬ j.toNat < count.toNat := fun h => hlt (UInt64.lt_iff_toNat_lt.mpr h)
        omega
      dsimp only
      rw [e, List.take_of_length_le (by rw [length_chunksFromBase]; exact Nat.le_refl _)]
  · exact ⟨by simp, by simp [Slice.withCapacity]⟩
  · intro ⟨out, j⟩ hh
    dsimp only at hh
    subst hh
    rfl

end Zkvm.Refinement.protocol.logup
