module

public import Zkvm.Extracted.Protocol.Stark
public import Zkvm.Refinement.Protocol.LogupColumns
public import Zkvm.Extraction.LoopEq

/-!
# The extracted `quotient_at_zeta` computes the IOP's `chunkValue`

From the opened base coefficient columns of a table's quotient chunks, the verifier computes
`Q(ζ) = Σ_k ζ^(k n) Q_k(ζ)` with `n = 2^log_n` and `Q_k(ζ) = Σ_e X^e Q_{k,e}(ζ)`: the IOP's
`chunkValue n ζ` of the recombined chunks (the right side of the out-of-domain check
`Zkvm.Spec.oodCheck`). Never panics.
-/

@[expose] public section

namespace Zkvm.Refinement.protocol.stark

open Zkvm.Extraction Zkvm.Extracted Zkvm.Field Zkvm.Field.Ext4 Zkvm.Spec
open Zkvm.Refinement.field.extension (toExt add_spec mul_spec zero_eq one_eq square_spec
  mul_by_basis_spec basis)
open Zkvm.Refinement.protocol.logup (basis_eq extFromBase_step)

set_option linter.unusedVariables false in
/-- The inner loop: one chunk's value from its four base columns. -/
theorem chunk_loop (vs : List Ext4) (k : Usize) (h : 4 * k.toNat + 4 ≤ vs.length)
    (hl : vs.length < 2 ^ 64) :
    loop (σ := Usize × field.extension.Ext) (ρ := Usize × field.extension.Ext)
      (fun (e, chunk_value) => 2 ^ 64 - e.toNat)
      (fun (e, chunk_value) => do
        let mut e := e
        let mut chunk_value := chunk_value
        if e < 4 then
          let term : field.extension.Ext ← field.extension.mul_by_basis
            (← Slice.index (vs.map toExt) (← Usize.add (← Usize.mul 4 k) e)) e
          chunk_value ← field.extension.add chunk_value term
          e ← Usize.add e 1
          return Step.cont (e, chunk_value)
        else
          return Step.done (e, chunk_value))
      (0, toExt 0) =
      .ok (4, toExt (extFromBase (vs.drop (4 * k.toNat)))) := by
  apply loop_eq_ok
    (P := fun s => s.1.toNat ≤ 4 ∧ s.2 = toExt ((List.range s.1.toNat).foldl
      (fun acc e => acc + (vs.drop (4 * k.toNat)).getD e 0 * basisX e) 0))
  · intro ⟨e, v⟩ ⟨he, hv⟩
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
      refine ⟨(e + 1, toExt ((List.range (e.toNat + 1)).foldl
        (fun acc e => acc + (vs.drop (4 * k.toNat)).getD e 0 * basisX e) 0)), ?_, ?_, ?_⟩
      · rw [if_pos hlt, Usize.mul_eq 4 k (by simp; omega), ok_bind,
          Usize.add_eq (4 * k) e (by rw [h4k]; omega), ok_bind,
          Slice.index_eq _ _ (by rw [hidx]; simp; omega), ok_bind]
        simp only [List.getElem_map]
        rw [mul_by_basis_spec, ok_bind, add_spec, ok_bind, Usize.add_eq e 1 (by simp; omega),
          ok_bind, pure_ok, extFromBase_step, basis_eq]
        have hg : (vs.drop (4 * k.toNat)).getD e.toNat 0 =
            vs[(4 * k + e).toNat]'(by rw [hidx]; omega) := by
          simp only [List.getD, List.getElem?_drop, hidx, List.getElem?_eq_getElem
            (show 4 * k.toNat + e.toNat < vs.length by omega), Option.getD_some]
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
      rfl
  · exact ⟨by simp, rfl⟩

/-- `quotient_at_zeta` is `chunkValue (2^log_n) ζ` of the chunks recombined from their base
columns, for `4 · num_chunks` opened values; it never panics. -/
theorem quotient_at_zeta_spec (qs : List Ext4) (ζ : Ext4) (log_n : UInt32) (num_chunks : Usize)
    (h : qs.length = 4 * num_chunks.toNat) (hl : qs.length < 2 ^ 64) :
    protocol.stark.quotient_at_zeta (qs.map toExt) (toExt ζ) log_n num_chunks =
      .ok (.ok (toExt (Zkvm.Stark.chunkValue (2 ^ log_n.toNat) ζ
        (chunksFromBase qs num_chunks.toNat)))) := by
  have hn := Slice.len_toNat (qs.map toExt) (by simpa using hl)
  simp only [List.length_map] at hn
  unfold protocol.stark.quotient_at_zeta
  have h4 : (4 * num_chunks).toNat = 4 * num_chunks.toNat := by
    simp only [UInt64.toNat_mul]; simp; omega
  rw [Usize.mul_eq 4 num_chunks (by simp; omega), ok_bind,
    if_neg (fun hh => hh (UInt64.toNat_inj.mp (by rw [hn, h4]; exact h)))]
  -- ζ^n by squaring
  apply loop_bind_ok
    (P := fun s => s.2.toNat ≤ log_n.toNat ∧ s.1 = toExt (ζ ^ 2 ^ s.2.toNat))
    (Q := fun s => s.1 = toExt (ζ ^ 2 ^ log_n.toNat))
  · intro ⟨z, i⟩ ⟨hi, hz⟩
    dsimp only at hi hz
    subst hz
    dsimp only
    by_cases hlt : i < log_n
    · have hlt' : i.toNat < log_n.toNat := UInt32.lt_iff_toNat_lt.mp hlt
      have hk := log_n.toNat_lt
      have e : (i + 1).toNat = i.toNat + 1 := by simp only [UInt32.toNat_add]; simp; omega
      left
      refine ⟨(toExt (ζ ^ 2 ^ (i.toNat + 1)), i + 1), ?_, ?_, ?_⟩
      · rw [if_pos hlt, square_spec, ok_bind, U32.add_eq i 1 (by simp; omega), ok_bind, pure_ok,
          ← Zkvm.Refinement.field.pow_two', ← Zkvm.Field.pow_mul, Nat.pow_succ, Nat.mul_comm]
      · show 2 ^ 32 - (i + 1).toNat < 2 ^ 32 - i.toNat
        rw [e]; omega
      · exact ⟨by rw [e]; omega, by rw [e]⟩
    · right
      refine ⟨_, by rw [if_neg hlt, pure_ok], ?_⟩
      have e : i = log_n := by
        apply UInt32.toNat_inj.mp
        have : ¬ i.toNat < log_n.toNat := fun h => hlt (UInt32.lt_iff_toNat_lt.mpr h)
        omega
      subst e; rfl
  · exact ⟨by simp, by simp [Zkvm.Refinement.field.pow_one']⟩
  intro ⟨z, i⟩ hz
  dsimp only at hz
  subst hz
  dsimp only
  rw [zero_eq, one_eq]
  -- the chunks
  apply loop_bind_ok
    (P := fun s => s.2.2.toNat ≤ num_chunks.toNat ∧
      s.1 = toExt (Zkvm.Stark.chunkValue (2 ^ log_n.toNat) ζ
        ((chunksFromBase qs num_chunks.toNat).take s.2.2.toNat)) ∧
      s.2.1 = toExt ((ζ ^ 2 ^ log_n.toNat) ^ s.2.2.toNat))
    (Q := fun s => s.1 = toExt (Zkvm.Stark.chunkValue (2 ^ log_n.toNat) ζ
        (chunksFromBase qs num_chunks.toNat)))
  · intro ⟨tot, fac, k⟩ ⟨hk, htot, hfac⟩
    dsimp only at hk htot hfac
    subst htot hfac
    dsimp only
    by_cases hlt : k < num_chunks
    · have hlt' : k.toNat < num_chunks.toNat := UInt64.lt_iff_toNat_lt.mp hlt
      have e : (k + 1).toNat = k.toNat + 1 := by simp only [UInt64.toNat_add]; simp; omega
      have hcl : k.toNat < (chunksFromBase qs num_chunks.toNat).length := by
        rw [length_chunksFromBase]; exact hlt'
      left
      refine ⟨(toExt (Zkvm.Stark.chunkValue (2 ^ log_n.toNat) ζ
          ((chunksFromBase qs num_chunks.toNat).take (k.toNat + 1))),
        toExt ((ζ ^ 2 ^ log_n.toNat) ^ (k.toNat + 1)), k + 1), ?_, ?_, ?_⟩
      · rw [if_pos hlt, chunk_loop qs k (by omega) hl, ok_bind, mul_spec, ok_bind, add_spec,
          ok_bind, mul_spec, ok_bind, Usize.add_eq k 1 (by simp; omega), ok_bind, pure_ok,
          List.take_add_one, List.getElem?_eq_getElem hcl, Option.toList_some, chunkValue_append,
          List.length_take, Nat.min_eq_left (Nat.le_of_lt hcl), Ext4.pow_succ]
        simp only [chunksFromBase, List.getElem_map, List.getElem_range]
      · show 2 ^ 64 - (k + 1).toNat < 2 ^ 64 - k.toNat
        rw [e]; omega
      · exact ⟨by rw [e]; omega, by rw [e], by rw [e]⟩
    · right
      refine ⟨_, by rw [if_neg hlt, pure_ok], ?_⟩
      have e : k.toNat = num_chunks.toNat := by
        have : ¬ k.toNat < num_chunks.toNat := fun h => hlt (UInt64.lt_iff_toNat_lt.mpr h)
        omega
      dsimp only
      rw [e, List.take_of_length_le (by rw [length_chunksFromBase]; exact Nat.le_refl _)]
  · exact ⟨by simp, by simp [Zkvm.Stark.chunkValue], by simp [Ext4.pow_zero]⟩
  · intro ⟨tot, fac, k⟩ hh
    dsimp only at hh
    subst hh
    rfl

end Zkvm.Refinement.protocol.stark
