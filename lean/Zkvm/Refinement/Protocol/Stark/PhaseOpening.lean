module

public import Zkvm.Extracted.Protocol.Stark
public import Zkvm.Refinement.Commit.Mmcs
public import Zkvm.Spec.PhaseOpening

/-!
# The extracted phase opening computes `Zkvm.Spec.phaseOpening`

`stark::verify_phase_opening` checks one commitment phase's opening at a query by the
mixed-height opening check (`Zkvm.Refinement.commit.mmcs.verify_opening_spec`) at the query
position scaled to the phase's tallest matrix. It returns `Zkvm.Spec.phaseOpening` and never
panics, for a largest LDE domain below `2^64` points (`log_max_lde < 64`, which
`proof_dimensions` guarantees: it is a validated trace height plus the blowup).
-/

@[expose] public section

noncomputable section

namespace Zkvm.Refinement.protocol.stark

open Zkvm.Extraction Zkvm.Extracted Zkvm.Commit
open Zkvm.Refinement.commit.merkle (bytesOf)
open Zkvm.Refinement.commit.mmcs (max_log_height_spec verify_opening_spec)
open Zkvm.Refinement.commit.merkle_cap (shr_toNat)

variable (H : List UInt8 → Zkvm.Commit.Digest)

/-- **`verify_phase_opening` is `phaseOpening`.** -/
theorem verify_phase_opening_spec (cap : List Digest) (layout : protocol.stark.PhaseLayout)
    (dims : protocol.stark.ProofDimensions) (index : UInt64) (rows : List (List UInt32))
    (path : List Digest) (hmax : dims.log_max_lde.toNat < 64)
    (hc : cap.length < 2 ^ 64) (hl : layout.log_heights.length < 2 ^ 64)
    (hw : layout.widths.length < 2 ^ 64) (hr : rows.length < 2 ^ 64)
    (hrr : ∀ r ∈ rows, r.length < 2 ^ 64) (hp : path.length < 2 ^ 64) :
    protocol.stark.verify_phase_opening (bytesOf H) (cap.map Digest.bytes) layout dims index
        ⟨rows, path.map Digest.bytes⟩ =
      .ok (Zkvm.Spec.phaseOpening H cap (layout.log_heights.map UInt32.toNat)
        (layout.widths.map UInt64.toNat) dims.log_cap_height.toNat dims.log_max_lde.toNat
        index.toNat rows path) := by
  unfold protocol.stark.verify_phase_opening Zkvm.Spec.phaseOpening
  by_cases he : layout.log_heights = []
  · have : Slice.is_empty layout.log_heights = true := by rw [he]; rfl
    simp only [this, if_true, he, List.map_nil, pure_ok]
    congr 1
    cases rows <;> cases path <;> rfl
  · have he' : Slice.is_empty layout.log_heights = false := by
      cases h : layout.log_heights with
      | nil => exact absurd h he
      | cons _ _ => rfl
    have hne : layout.log_heights.map UInt32.toNat ≠ [] := by simpa using he
    simp only [he', Bool.false_eq_true, if_false, hne]
    obtain ⟨m, hm, hmv⟩ := max_log_height_spec layout.log_heights hl
    simp only [hm, ok_bind]
    rw [← hmv]
    by_cases hgt : dims.log_max_lde.toNat < m.toNat
    · have c : m > dims.log_max_lde := UInt32.lt_iff_toNat_lt.mpr hgt
      simp only [c, if_true, hgt, pure_ok]
    · have c : ¬ (m > dims.log_max_lde) := fun x => hgt (UInt32.lt_iff_toNat_lt.mp x)
      have hsub : (dims.log_max_lde - m).toNat = dims.log_max_lde.toNat - m.toNat :=
        UInt32.toNat_sub_of_le _ _ (UInt32.le_iff_toNat_le.mpr (by omega))
      simp only [c, if_false, hgt, U32.sub_eq dims.log_max_lde m (by omega), ok_bind, hsub,
        U64.shr_eq index (dims.log_max_lde.toNat - m.toNat) (by omega)]
      rw [verify_opening_spec H cap layout.log_heights layout.widths dims.log_cap_height _ rows path
        hc hl hw hr hrr hp, shr_toNat _ _ (by omega)]

end Zkvm.Refinement.protocol.stark
