module

public import Zkvm.Refinement.Protocol.FriSchedule

/-!
# The table heights a proof may claim

`params::validate_log_trace_len` accepts a table of `2^logN` rows exactly when `logTraceLenOk`
holds: at least 2 rows and the final polynomial's length, with zero knowledge at least
`zkMinLogHeight` (16 mask lengths), and the LDE domain inside the two-adic subgroup
(`logN + logBlowup ≤ 27`); it never panics for validated parameters.
-/

@[expose] public section

noncomputable section

namespace Zkvm.Spec

/-- The table heights `2^logN` a proof may claim. -/
def logTraceLenOk (p : Params) (logN : Nat) : Bool :=
  decide (1 ≤ logN) && decide (p.logFinalPolyLen ≤ logN) &&
    (!p.zk || decide (zkMinLogHeight p ≤ logN)) && decide (logN ≤ 27) &&
    decide (logN + p.logBlowup ≤ 27)

theorem minLogFrom_le : ∀ (need fuel k : Nat), k ≤ 40 → minLogFrom need fuel k ≤ 40
  | _, 0, _, hk => hk
  | need, fuel + 1, k, hk => by
    unfold minLogFrom
    split
    · rename_i h; exact minLogFrom_le need fuel (k + 1) (by omega)
    · exact hk

theorem zkMinLogHeight_le (p : Params) : zkMinLogHeight p ≤ 40 :=
  minLogFrom_le _ _ _ (by omega)

end Zkvm.Spec

namespace Zkvm.Refinement.protocol.params

open Zkvm.Extraction Zkvm.Extracted Zkvm.Spec

/-- **`validate_log_trace_len` is `logTraceLenOk`**, for validated parameters; it never
panics. -/
theorem validate_log_trace_len_spec (p : protocol.params.StarkParams) (hv : (toSpec p).Valid)
    (logN : UInt32) :
    protocol.params.validate_log_trace_len p logN =
      .ok (if logTraceLenOk (toSpec p) logN.toNat then .ok () else .error .InvalidTraceLength) := by
  have hv' := hv
  simp only [Params.Valid, toSpec] at hv'
  have hz := zkMinLogHeight_le (toSpec p)
  have hzn : (UInt32.ofNat (zkMinLogHeight (toSpec p))).toNat = zkMinLogHeight (toSpec p) :=
    UInt32.toNat_ofNat_of_lt' (by simp [UInt32.size]; omega)
  unfold protocol.params.validate_log_trace_len logTraceLenOk
  by_cases h1 : logN.toNat < 1 ∨ logN.toNat < p.log_final_poly_len.toNat
  · have c1 : (decide (logN < 1) || decide (logN < p.log_final_poly_len)) = true := by
      simp only [Bool.or_eq_true, decide_eq_true_eq, UInt32.lt_iff_toNat_lt]; simpa using h1
    simp only [c1, if_true, pure_ok, toSpec]
    have : logTraceLenOk (toSpec p) logN.toNat = false := by
      unfold logTraceLenOk; simp only [toSpec]
      rcases h1 with h1 | h1
      · simp [show ¬ 1 ≤ logN.toNat by omega]
      · simp [show ¬ p.log_final_poly_len.toNat ≤ logN.toNat by omega]
    unfold logTraceLenOk at this
    simp only [toSpec] at this
    simp only [this, Bool.false_eq_true, if_false]
  have c1 : (decide (logN < 1) || decide (logN < p.log_final_poly_len)) = false := by
    simp only [Bool.or_eq_false_iff, decide_eq_false_iff_not, UInt32.lt_iff_toNat_lt]; simpa using h1
  simp only [c1, Bool.false_eq_true, if_false]
  have hA : decide (1 ≤ logN.toNat) = true := by simp; omega
  have hB : decide ((toSpec p).logFinalPolyLen ≤ logN.toNat) = true := by simp [toSpec]; omega
  by_cases hzk : p.zk = true
  · rw [if_pos hzk, zk_min_log_height_spec p hv, ok_bind]
    by_cases h2 : logN.toNat < zkMinLogHeight (toSpec p)
    · have c2 : decide (logN < UInt32.ofNat (zkMinLogHeight (toSpec p))) = true := by
        simp only [decide_eq_true_eq, UInt32.lt_iff_toNat_lt, hzn]; exact h2
      simp only [pure_ok, ok_bind, c2, if_true]
      simp [toSpec, hzk, show ¬ zkMinLogHeight (toSpec p) ≤ logN.toNat by omega] at * <;>
        intros <;> omega
    · have c2 : decide (logN < UInt32.ofNat (zkMinLogHeight (toSpec p))) = false := by
        simp only [decide_eq_false_iff_not, UInt32.lt_iff_toNat_lt, hzn]; exact h2
      simp only [pure_ok, ok_bind, c2, Bool.false_eq_true, if_false]
      by_cases h3 : logN.toNat ≤ 27
      · have c3 : ¬ (logN > field.TWO_ADICITY) := by
          simp only [gt_iff_lt, UInt32.lt_iff_toNat_lt, field.TWO_ADICITY]; simp; omega
        have hadd : U32.add logN p.log_blowup = .ok (logN + p.log_blowup) :=
          U32.add_eq _ _ (by omega)
        have esum : (logN + p.log_blowup).toNat = logN.toNat + p.log_blowup.toNat := by
          simp only [UInt32.toNat_add]; simp; omega
        simp only [c3, if_false, hadd, ok_bind, pure_ok]
        by_cases h4 : logN.toNat + p.log_blowup.toNat ≤ 27
        · have c4 : decide (logN + p.log_blowup > field.TWO_ADICITY) = false := by
            simp only [decide_eq_false_iff_not, gt_iff_lt, UInt32.lt_iff_toNat_lt, esum,
              field.TWO_ADICITY]; simp; omega
          simp only [c4, Bool.false_eq_true, if_false]
          have h2' : zkMinLogHeight (toSpec p) ≤ logN.toNat := by omega
          simp only [toSpec, hzk] at h2'
          simp [toSpec, hzk, h2', h3, h4] <;> omega
        · have c4 : decide (logN + p.log_blowup > field.TWO_ADICITY) = true := by
            simp only [decide_eq_true_eq, gt_iff_lt, UInt32.lt_iff_toNat_lt, esum,
              field.TWO_ADICITY]; simp; omega
          simp only [c4, if_true]
          simp [toSpec, hzk, h2, h4]
      · have c3 : logN > field.TWO_ADICITY := by
          simp only [gt_iff_lt, UInt32.lt_iff_toNat_lt, field.TWO_ADICITY]; simp; omega
        simp only [c3, if_true, pure_ok]
        simp [toSpec, hzk, h2, h3]
  · have hzk' : p.zk = false := by simpa using hzk
    rw [if_neg hzk]
    simp only [pure_ok, ok_bind, Bool.false_eq_true, if_false]
    by_cases h3 : logN.toNat ≤ 27
    · have c3 : ¬ (logN > field.TWO_ADICITY) := by
        simp only [gt_iff_lt, UInt32.lt_iff_toNat_lt, field.TWO_ADICITY]; simp; omega
      have hadd : U32.add logN p.log_blowup = .ok (logN + p.log_blowup) :=
        U32.add_eq _ _ (by omega)
      have esum : (logN + p.log_blowup).toNat = logN.toNat + p.log_blowup.toNat := by
        simp only [UInt32.toNat_add]; simp; omega
      simp only [c3, if_false, hadd, ok_bind, pure_ok]
      by_cases h4 : logN.toNat + p.log_blowup.toNat ≤ 27
      · have c4 : decide (logN + p.log_blowup > field.TWO_ADICITY) = false := by
          simp only [decide_eq_false_iff_not, gt_iff_lt, UInt32.lt_iff_toNat_lt, esum,
            field.TWO_ADICITY]; simp; omega
        simp only [c4, Bool.false_eq_true, if_false]
        simp [toSpec, hzk', h3, h4] <;> omega
      · have c4 : decide (logN + p.log_blowup > field.TWO_ADICITY) = true := by
          simp only [decide_eq_true_eq, gt_iff_lt, UInt32.lt_iff_toNat_lt, esum,
            field.TWO_ADICITY]; simp; omega
        simp only [c4, if_true]
        simp [toSpec, hzk', h4]
    · have c3 : logN > field.TWO_ADICITY := by
        simp only [gt_iff_lt, UInt32.lt_iff_toNat_lt, field.TWO_ADICITY]; simp; omega
      simp only [c3, if_true, pure_ok]
      simp [toSpec, hzk', h3]


end Zkvm.Refinement.protocol.params
