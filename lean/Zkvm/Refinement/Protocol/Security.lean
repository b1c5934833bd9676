module

public import Zkvm.Refinement.Protocol.Params
public import Zkvm.Extraction.Lemmas

/-!
# `params::conjectured_security_bits` computes `Spec.conjecturedSecurityBits`

For validated parameters and any log height, every `u64` operation stays in range and the
result is the spec's figure (`conjectured_security_bits_spec`).
-/

@[expose] public section

namespace Zkvm.Refinement.protocol.params

open Zkvm.Extraction Zkvm.Extracted Zkvm.Spec

theorem u32_eq (x : UInt64) (n : Nat) (hx : x.toNat = n) (_hn : n < 2 ^ 32) :
    Outcome.ok x.toUInt32 = (Outcome.ok (UInt32.ofNat n) : Outcome UInt32) := by
  congr 1
  apply UInt32.toNat_inj.mp
  rw [UInt64.toNat_toUInt32, UInt32.toNat_ofNat', hx]

theorem conjectured_security_bits_spec (p : protocol.params.StarkParams) (hv : (toSpec p).Valid)
    (logN : UInt32) :
    protocol.params.conjectured_security_bits p logN =
      .ok (UInt32.ofNat (conjecturedSecurityBits (toSpec p) logN.toNat)) := by
  have hv' := hv
  simp only [Params.Valid, toSpec] at hv'
  obtain ⟨hb1, hb4, hq1, hq1024, hpow, -, ha1, ha4, -⟩ := hv'
  have hl := logN.toNat_lt
  have e16 : (16 * p.log_blowup.toUInt64).toNat = 16 * p.log_blowup.toNat := by
    simp only [UInt64.toNat_mul, UInt32.toNat_toUInt64]; simp; omega
  have hmul : ∀ x : UInt64, x.toNat ≤ 64 →
      (p.num_queries.toUInt64 * x).toNat = p.num_queries.toNat * x.toNat := by
    intro x hx
    simp only [UInt64.toNat_mul, UInt32.toNat_toUInt64]
    apply Nat.mod_eq_of_lt
    have := Nat.mul_le_mul (by omega : p.num_queries.toNat ≤ 1024) hx
    omega
  have ha0 : ¬ p.log_fri_arity = 0 := by
    intro h; rw [h] at ha1; simp at ha1
  have e123 : (UInt32.toUInt64 protocol.params.EXTENSION_FIELD_BITS).toNat = 123 := rfl
  have hm16 : U64.mul 16 p.log_blowup.toUInt64 = .ok (16 * p.log_blowup.toUInt64) :=
    U64.mul_eq _ _ (by simp; omega)
  have hsub2 : (2 : UInt64).toNat ≤ (16 * p.log_blowup.toUInt64).toNat := by
    rw [e16]; simp; omega
  have hsubA : (1 : UInt64).toNat ≤ p.log_fri_arity.toUInt64.toNat := by simp; omega
  have hadd1 : logN.toUInt64.toNat + p.log_blowup.toUInt64.toNat < 2 ^ 64 := by simp; omega
  have hlogb : (logN.toUInt64 + p.log_blowup.toUInt64).toNat =
      logN.toNat + p.log_blowup.toNat := by
    rw [UInt64.toNat_add]; simp; omega
  have hA1 : (p.log_fri_arity.toUInt64 - 1).toNat = p.log_fri_arity.toNat - 1 := by
    rw [UInt64.toNat_sub_of_le _ _ (UInt64.le_iff_toNat_le.mpr hsubA)]; simp
  obtain ⟨PER, hPER⟩ : ∃ PER, PER = if p.zk then 16 * p.log_blowup.toNat - 2
      else 16 * p.log_blowup.toNat := ⟨_, rfl⟩
  have hspec : conjecturedSecurityBits (toSpec p) logN.toNat =
      min (p.num_queries.toNat * PER / 16 + p.pow_bits.toNat)
        (123 - (logN.toNat + p.log_blowup.toNat + (p.log_fri_arity.toNat - 1))) := by
    simp only [conjecturedSecurityBits, toSpec, extensionFieldBits, hPER]
  rw [hspec]
  obtain ⟨per, hper, hgoal⟩ : ∃ per : UInt64, per.toNat = PER ∧
      protocol.params.conjectured_security_bits p logN = (do
        let m ← U64.mul p.num_queries.toUInt64 per
        let d ← U64.div m 16
        let q ← U64.add d p.pow_bits.toUInt64
        let y ← U64.sub p.log_fri_arity.toUInt64 1
        let a ← U64.add logN.toUInt64 p.log_blowup.toUInt64
        let fl ← U64.add a y
        if fl ≥ protocol.params.EXTENSION_FIELD_BITS.toUInt64 then
          if q < 0 then Outcome.ok q.toUInt32 else Outcome.ok (UInt64.toUInt32 0)
        else do
          let y ← U64.sub protocol.params.EXTENSION_FIELD_BITS.toUInt64 fl
          if q < y then Outcome.ok q.toUInt32 else Outcome.ok y.toUInt32) := by
    unfold protocol.params.conjectured_security_bits
    cases hz : p.zk
    · refine ⟨16 * p.log_blowup.toUInt64, by rw [e16, hPER, hz]; rfl, ?_⟩
      simp only [hm16, ok_bind, Bool.false_eq_true, ↓reduceIte, pure_ok, ha0]
    · refine ⟨16 * p.log_blowup.toUInt64 - 2, ?_, ?_⟩
      · rw [UInt64.toNat_sub_of_le _ _ (UInt64.le_iff_toNat_le.mpr hsub2), e16, hPER, hz]; rfl
      · simp only [hm16, ok_bind, ↓reduceIte, pure_ok, ha0, U64.sub_eq _ _ hsub2]
  have hper64 : per.toNat ≤ 64 := by rw [hper, hPER]; split <;> omega
  have hnq : (p.num_queries.toUInt64).toNat = p.num_queries.toNat := by simp
  have hmul : (p.num_queries.toUInt64).toNat * per.toNat ≤ 1024 * 64 := by
    rw [hnq]; exact Nat.mul_le_mul (by omega) hper64
  have hNP : p.num_queries.toNat * PER ≤ 1024 * 64 := by
    rw [← hper]; rw [hnq] at hmul; exact hmul
  have hmv : (p.num_queries.toUInt64 * per).toNat = p.num_queries.toNat * PER := by
    rw [UInt64.toNat_mul, Nat.mod_eq_of_lt (by omega), hnq, hper]
  have hdv : (p.num_queries.toUInt64 * per / 16).toNat = p.num_queries.toNat * PER / 16 := by
    rw [UInt64.toNat_div, hmv]; rfl
  have hqv : (p.num_queries.toUInt64 * per / 16 + p.pow_bits.toUInt64).toNat =
      p.num_queries.toNat * PER / 16 + p.pow_bits.toNat := by
    rw [UInt64.toNat_add, hdv]; simp; omega
  have hflv : (logN.toUInt64 + p.log_blowup.toUInt64 + (p.log_fri_arity.toUInt64 - 1)).toNat =
      logN.toNat + p.log_blowup.toNat + (p.log_fri_arity.toNat - 1) := by
    rw [UInt64.toNat_add, hlogb, hA1]; exact Nat.mod_eq_of_lt (by omega)
  rw [hgoal, U64.mul_eq _ _ (by omega), ok_bind, U64.div_eq _ _ (by decide), ok_bind,
    U64.add_eq _ _ (by rw [hdv]; simp; omega), ok_bind, U64.sub_eq _ _ hsubA, ok_bind,
    U64.add_eq _ _ hadd1, ok_bind, U64.add_eq _ _ (by rw [hlogb, hA1]; omega), ok_bind]
  generalize p.num_queries.toUInt64 * per / 16 + p.pow_bits.toUInt64 = q at hqv
  generalize logN.toUInt64 + p.log_blowup.toUInt64 + (p.log_fri_arity.toUInt64 - 1) = fl at hflv
  have hq32 : q.toNat < 2 ^ 32 := by rw [hqv]; omega
  have hmin : min (p.num_queries.toNat * PER / 16 + p.pow_bits.toNat)
      (123 - (logN.toNat + p.log_blowup.toNat + (p.log_fri_arity.toNat - 1))) < 2 ^ 32 := by
    omega
  by_cases hge : fl ≥ protocol.params.EXTENSION_FIELD_BITS.toUInt64
  · have hge' : 123 ≤ fl.toNat := by
      have := UInt64.le_iff_toNat_le.mp hge; rw [e123] at this; exact this
    rw [if_pos hge, if_neg (by intro h; have := UInt64.lt_iff_toNat_lt.mp h; simp at this),
      u32_eq _ _ (by simp only [UInt64.toNat_zero]; omega) hmin]
  · have hlt' : fl.toNat < 123 := Nat.lt_of_not_le (fun h =>
      hge (UInt64.le_iff_toNat_le.mpr (by rw [e123]; exact h)))
    rw [if_neg hge, U64.sub_eq _ _ (by rw [e123]; omega), ok_bind]
    have hyv : (protocol.params.EXTENSION_FIELD_BITS.toUInt64 - fl).toNat = 123 - fl.toNat := by
      rw [UInt64.toNat_sub_of_le _ _ (UInt64.le_iff_toNat_le.mpr (by rw [e123]; omega)), e123]
    split
    · rename_i hql
      have := UInt64.lt_iff_toNat_lt.mp hql
      rw [u32_eq _ _ (by rw [hyv] at this; omega) hmin]
    · rename_i hql
      have := Nat.le_of_not_lt (fun h => hql (UInt64.lt_iff_toNat_lt.mpr h))
      rw [u32_eq _ _ (by rw [hyv] at this ⊢; omega) hmin]

end Zkvm.Refinement.protocol.params
