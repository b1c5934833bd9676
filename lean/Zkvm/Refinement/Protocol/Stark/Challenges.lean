module

public import Zkvm.Refinement.Protocol.Stark.Shared
public import Zkvm.Refinement.Protocol.SegmentChallenges

/-!
# Toward a segment's challenges

`stark::derive_challenges` absorbs round 1 (the auxiliary commitment and claimed sums) only
when some table has an auxiliary trace: `has_any_aux` is exactly that test (the schedule's
`hasAux`). The refinement of `derive_challenges` itself (every challenge of a segment equal to
`Zkvm.Spec.challenges`) is not done yet.
-/

@[expose] public section

noncomputable section

namespace Zkvm.Refinement.protocol.stark

open Zkvm.Extraction Zkvm.Extracted Zkvm.Commit Zkvm.Spec Zkvm.Field
open Zkvm.Refinement.commit.merkle (bytesOf)
open Zkvm.Refinement.transcript (stateOf absorb_u64_spec absorb_ext_elements_spec squeeze_ext_spec
  squeeze_index_spec_lt check_pow_spec_lt fork_spec)
open Zkvm.Refinement.field.extension (toExt)

variable (H : List UInt8 → Digest)

theorem run_snoc (a : List Op) (o : Op) : run H (a ++ [o]) = step H (run H a) o := by
  simp [run, List.foldl_append]

/-- `has_any_aux` is whether some table has an auxiliary trace; it never panics. -/
theorem has_any_aux_spec (dims : protocol.stark.ProofDimensions) (hl : dims.tables.length < 2 ^ 64) :
    protocol.stark.has_any_aux dims = .ok (dims.tables.any (·.has_aux)) := by
  have hn := Slice.len_toNat dims.tables hl
  unfold protocol.stark.has_any_aux
  apply loop_bind_ok
    (P := fun (t : Usize) => t.toNat ≤ dims.tables.length ∧
      ∀ j (h : j < dims.tables.length), j < t.toNat → dims.tables[j].has_aux = false)
    (Q := fun r => (r = Exit.ret true ∧ dims.tables.any (·.has_aux) = true) ∨
      (∃ t, r = Exit.brk t) ∧ dims.tables.any (·.has_aux) = false)
  · intro t ⟨ht, hno⟩
    by_cases hlt : t < Slice.len dims.tables
    · have hlt' : t.toNat < dims.tables.length := by rw [UInt64.lt_iff_toNat_lt, hn] at hlt; exact hlt
      have e : (t + 1).toNat = t.toNat + 1 := by simp only [UInt64.toNat_add]; simp; omega
      rw [if_pos hlt, Slice.index_eq _ _ hlt', ok_bind]
      by_cases ha : dims.tables[t.toNat].has_aux = true
      · right
        refine ⟨_, by rw [if_pos ha, pure_ok], Or.inl ⟨rfl, ?_⟩⟩
        rw [List.any_eq_true]; exact ⟨_, List.getElem_mem _, ha⟩
      · left
        refine ⟨t + 1, by rw [if_neg ha, Usize.add_eq t 1 (by simp; omega), ok_bind, pure_ok], ?_, ?_⟩
        · show 2 ^ 64 - (t + 1).toNat < 2 ^ 64 - t.toNat
          rw [e]; omega
        · refine ⟨by rw [e]; omega, fun j hj hjt => ?_⟩
          rw [e] at hjt
          by_cases hjj : j < t.toNat
          · exact hno j hj hjj
          · have : j = t.toNat := by omega
            subst this; simpa using ha
    · right
      have e : t.toNat = dims.tables.length := by
        have : ¬ t.toNat < (Slice.len dims.tables).toNat := fun h => hlt (UInt64.lt_iff_toNat_lt.mpr h)
        omega
      refine ⟨_, by rw [if_neg hlt, pure_ok], Or.inr ⟨⟨t, rfl⟩, ?_⟩⟩
      rw [Bool.eq_false_iff, ne_eq, List.any_eq_true]
      rintro ⟨x, hx, hxa⟩
      obtain ⟨j, hj, rfl⟩ := List.getElem_of_mem hx
      have := hno j hj (by omega)
      rw [this] at hxa; exact Bool.false_ne_true hxa
  · exact ⟨by simp, fun j _ h => by simp at h⟩
  · intro r hr
    rcases hr with ⟨rfl, h⟩ | ⟨⟨t, rfl⟩, h⟩
    · rw [h]; rfl
    · rw [h]; rfl

end Zkvm.Refinement.protocol.stark
