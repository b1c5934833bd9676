module

public import Zkvm.Extracted.Protocol.Logup
public import Zkvm.Extraction.Lemmas
public import Zkvm.Refinement.Field.Extension

/-!
# `logup::segment_challenges` shifts the lookup point by `s · β^16`

Each segment `s` keeps the shared lookup challenges `point` and `beta` and uses the local point
`point - s · beta^16` (the segment index as a base field element, reduced mod `p`), so that
lookups of different segments never collide. Proved: the extracted `segment_challenges`
returns exactly these three values in `Zkvm.Field.Ext4` and never panics on canonical inputs.
-/

@[expose] public section

namespace Zkvm.Refinement.protocol.logup

open Zkvm.Extraction Zkvm.Field Zkvm.Field.Ext4
open Zkvm.Extracted Zkvm.Refinement.field Zkvm.Refinement.field.extension

/-- The spec's local point of segment `s`: `point - s · beta^16`. -/
def segmentLocalPoint (point beta : Ext4) (s : Nat) : Ext4 :=
  point - ofBase (BabyBear.ofNat s) * beta ^ 16

/-- `segment_challenges` keeps `point` and `beta` and computes `segmentLocalPoint`. -/
theorem segment_challenges_spec (point beta : Ext4) (s : UInt32) :
    protocol.logup.segment_challenges (toExt point) (toExt beta) s =
      .ok { point := toExt point, beta := toExt beta,
            local_point := toExt (segmentLocalPoint point beta s.toNat) } := by
  unfold protocol.logup.segment_challenges
  rw [one_eq]
  apply loop_bind_ok
    (P := fun st => st.2.toNat ≤ 16 ∧ st.1 = toExt (beta ^ st.2.toNat))
    (Q := fun st => st.1 = toExt (beta ^ 16))
  · intro ⟨p, i⟩ ⟨hi, hp⟩
    simp only at hi hp
    subst hp
    by_cases hlt : i < protocol.logup.SEGMENT_FIELD_POWER
    · have hi' : i.toNat < 16 := by
        simp only [protocol.logup.SEGMENT_FIELD_POWER, UInt32.lt_iff_toNat_lt] at hlt; simpa using hlt
      have e : (i + 1).toNat = i.toNat + 1 := by simp only [UInt32.toNat_add]; simp; omega
      left
      refine ⟨(toExt (beta ^ i.toNat * beta), i + 1), ?_, ?_, ?_⟩
      · simp only [hlt, if_true, extension.mul_spec, ok_bind, U32.add_eq i 1 (by simp; omega), pure_ok]
      · show 2 ^ 32 - (i + 1).toNat < 2 ^ 32 - i.toNat
        rw [e]; omega
      · refine ⟨by rw [e]; omega, ?_⟩
        rw [e, Ext4.pow_succ]
    · right
      have e : i.toNat = 16 := by
        simp only [protocol.logup.SEGMENT_FIELD_POWER, UInt32.lt_iff_toNat_lt] at hlt; simp at hlt; omega
      refine ⟨(toExt (beta ^ i.toNat), i), by simp only [hlt, if_false, pure_ok], ?_⟩
      simp only [e]
  · refine ⟨by simp, ?_⟩
    simp only [UInt32.toNat_zero, Ext4.pow_zero]
  · intro ⟨p, i⟩ h
    simp only at h
    subst h
    simp only [from_u32_reduced_spec, from_base_spec, extension.mul_spec, extension.sub_spec, ok_bind, pure_ok,
      segmentLocalPoint]

end Zkvm.Refinement.protocol.logup
