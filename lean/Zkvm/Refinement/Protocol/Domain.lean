module

public import Zkvm.Extracted.Protocol.Domain
public import Zkvm.Refinement.Field.Extension
public import Zkvm.Spec.Domain

/-!
# The extracted domain helpers compute `Zkvm.Spec.Domain`

`crate::protocol::domain` on canonical field elements (`toU32`, `toExt`): the subgroup
generator is `rootOfUnity` (an `InvalidTraceLength` error above 2^27), `coset_point` is
`cosetPoint`, `reverse_bits` is `reverseBits` (for at most 64 bits), `bitrev_coset_point` is
`bitrevCosetPoint`, `vanishing_at` is `vanishing`, and `selectors_at` is `selectorsAt` (a
`DegenerateChallenge` error where the spec has `none`). None of them panics, for any input.
-/

@[expose] public section

namespace Zkvm.Refinement.protocol.domain

open Zkvm.Extraction Zkvm.Extracted Zkvm.Field Zkvm.Field.BabyBear Zkvm.Spec
open Zkvm.Refinement.field (toU32 toU32_toNat eq_toU32 two_adic_generator_spec square_n_spec
  pow_spec shr_one_toNat pow_two' pow_one')
open Zkvm.Refinement.field.extension (toExt)

/-- `subgroup_generator` is the generator of the subgroup of order `2^log_size`, for
`log_size ≤ 27`, and `InvalidTraceLength` above. -/
theorem subgroup_generator_spec (log_size : UInt32) :
    protocol.domain.subgroup_generator log_size =
      .ok (if log_size.toNat ≤ 27 then .ok (toU32 (rootOfUnity log_size.toNat))
        else .error .InvalidTraceLength) := by
  unfold protocol.domain.subgroup_generator
  rw [two_adic_generator_spec]
  by_cases h : log_size.toNat ≤ 27
  · simp only [h, if_true, Outcome.bind_ok, Outcome.pure_eq]
  · simp only [h, if_false, Outcome.bind_ok, Outcome.pure_eq]

theorem GENERATOR_eq : field.GENERATOR = toU32 cosetShift := eq_toU32 (by decide)

/-- `coset_point` is the spec's `cosetPoint` (an error when the subgroup is too large). -/
theorem coset_point_spec (layer log_size : UInt32) (index : UInt64) :
    protocol.domain.coset_point layer log_size index =
      .ok (if log_size.toNat ≤ 27
        then .ok (toU32 (cosetPoint layer.toNat log_size.toNat index.toNat))
        else .error .InvalidTraceLength) := by
  unfold protocol.domain.coset_point
  rw [subgroup_generator_spec]
  by_cases h : log_size.toNat ≤ 27
  · simp only [h, if_true, Outcome.bind_ok, Outcome.pure_eq, GENERATOR_eq, square_n_spec,
      pow_spec, Zkvm.Refinement.field.mul_spec]
    rfl
  · simp only [h, if_false, Outcome.bind_ok, Outcome.pure_eq]

/-- `reverse_bits value bits` reverses the low `bits` bits of `value` (the spec's
`reverseBits`), for `bits ≤ 64`; it never panics. -/
theorem reverse_bits_spec (value : UInt64) (bits : UInt32) (hb : bits.toNat ≤ 64) :
    protocol.domain.reverse_bits value bits =
      .ok (UInt64.ofNat (reverseBits value.toNat bits.toNat)) := by
  unfold protocol.domain.reverse_bits
  apply loop_bind_ok
    (P := fun s => s.2.2.toNat ≤ bits.toNat ∧ s.2.1.toNat = value.toNat / 2 ^ s.2.2.toNat ∧
      s.1.toNat = reverseBits value.toNat s.2.2.toNat)
    (Q := fun s => s.1 = UInt64.ofNat (reverseBits value.toNat bits.toNat))
  · intro ⟨out, v, i⟩ ⟨hi, hv, ho⟩
    simp only at hi hv ho
    by_cases hlt : i < bits
    · have hi' : i.toNat < bits.toNat := UInt32.lt_iff_toNat_lt.mp hlt
      have e : (i + 1).toNat = i.toNat + 1 := by
        have := bits.toNat_lt
        simp only [UInt32.toNat_add, UInt32.toNat_one]; omega
      have hout : out.toNat < 2 ^ 63 := by
        have := reverseBits_lt value.toNat i.toNat
        have : 2 ^ i.toNat ≤ 2 ^ 63 := Nat.pow_le_pow_right (by omega) (by omega)
        omega
      left
      refine ⟨((out <<< UInt64.ofNat 1) ||| (v &&& 1), v >>> UInt64.ofNat 1, i + 1), ?_, ?_, ?_⟩
      · simp only [hlt, if_true, U64.shl_eq out 1 (by decide), U64.shr_eq v 1 (by decide),
          U32.add_eq i 1 (by have := bits.toNat_lt; simp; omega), Outcome.bind_ok,
          Outcome.pure_eq]
      · show 2 ^ 32 - (i + 1).toNat < 2 ^ 32 - i.toNat
        have := bits.toNat_lt
        rw [e]; omega
      · refine ⟨by rw [e]; omega, ?_, ?_⟩
        · rw [shr_one_toNat, hv, e, Nat.div_div_eq_div_mul, Nat.pow_succ]
        · have hbit : (v &&& 1).toNat = value.toNat / 2 ^ i.toNat % 2 := by
            rw [UInt64.toNat_and, UInt64.toNat_one, Nat.and_one_is_mod, hv]
          have hbit2 : (v &&& 1).toNat < 2 ^ 1 := by rw [hbit]; exact Nat.mod_lt _ (by omega)
          rw [UInt64.toNat_or, UInt64.toNat_shiftLeft,
            show (UInt64.ofNat 1).toNat % 64 = 1 from rfl, Nat.shiftLeft_eq,
            Nat.mod_eq_of_lt (by omega : out.toNat * 2 ^ 1 < 2 ^ 64), ← Nat.shiftLeft_eq,
            ← Nat.shiftLeft_add_eq_or_of_lt hbit2, Nat.shiftLeft_eq, hbit, e, reverseBits, ho]
          omega
    · right
      refine ⟨(out, v, i), by simp only [hlt, if_false, Outcome.pure_eq], ?_⟩
      have e : i.toNat = bits.toNat := by
        have : ¬ i.toNat < bits.toNat := fun h => hlt (UInt32.lt_iff_toNat_lt.mpr h)
        omega
      simp only
      apply UInt64.toNat_inj.mp
      have := reverseBits_lt value.toNat bits.toNat
      have : 2 ^ bits.toNat ≤ 2 ^ 64 := Nat.pow_le_pow_right (by omega) hb
      rw [ho, e, UInt64.toNat_ofNat_of_lt' (by simp [UInt64.size]; omega)]
  · exact ⟨by simp, by simp, by simp [reverseBits]⟩
  · intro ⟨out, v, i⟩ hq
    simp only at hq
    simp only [hq, Outcome.pure_eq]

/-- `bitrev_coset_point` is the spec's `bitrevCosetPoint` (an error when the subgroup is too
large); it never panics. -/
theorem bitrev_coset_point_spec (layer log_size : UInt32) (position : UInt64) :
    protocol.domain.bitrev_coset_point layer log_size position =
      .ok (if log_size.toNat ≤ 27
        then .ok (toU32 (bitrevCosetPoint layer.toNat log_size.toNat position.toNat))
        else .error .InvalidTraceLength) := by
  unfold protocol.domain.bitrev_coset_point
  by_cases h64 : log_size > 64
  · have h : ¬ log_size.toNat ≤ 27 := by
      have := UInt32.lt_iff_toNat_lt.mp h64; simp at this; omega
    simp only [h64, if_true, h, if_false]
    rfl
  · have hb : log_size.toNat ≤ 64 := by
      have : ¬ 64 < log_size.toNat := fun hh => h64 (UInt32.lt_iff_toNat_lt.mpr (by simpa using hh))
      omega
    simp only [h64, if_false, reverse_bits_spec position log_size hb, Outcome.bind_ok,
      coset_point_spec]
    have hr : (UInt64.ofNat (reverseBits position.toNat log_size.toNat)).toNat =
        reverseBits position.toNat log_size.toNat := by
      have := reverseBits_lt position.toNat log_size.toNat
      have : 2 ^ log_size.toNat ≤ 2 ^ 64 := Nat.pow_le_pow_right (by omega) hb
      exact UInt64.toNat_ofNat_of_lt' (by simp [UInt64.size]; omega)
    rw [hr]
    rfl

/-- `vanishing_at` is `Z_H(z) = z^(2^log_n) - 1` (squaring `log_n` times); never panics. -/
theorem vanishing_at_spec (z : Ext4) (log_n : UInt32) :
    protocol.domain.vanishing_at (toExt z) log_n = .ok (toExt (vanishing z log_n.toNat)) := by
  unfold protocol.domain.vanishing_at
  apply loop_bind_ok (P := fun s => ∃ R : Ext4, s.1 = toExt R ∧ R = z ^ 2 ^ s.2.toNat ∧
      s.2.toNat ≤ log_n.toNat) (Q := fun s => s.1 = toExt (z ^ 2 ^ log_n.toNat))
  · intro ⟨r, i⟩ ⟨R, hr, hR, hik⟩
    simp only at hr hR hik
    subst hr
    by_cases hi : i < log_n
    · have hi' : i.toNat < log_n.toNat := UInt32.lt_iff_toNat_lt.mp hi
      have hk := log_n.toNat_lt
      left
      refine ⟨(toExt (R * R), i + 1), ?_, ?_, ?_⟩
      · simp only [hi, if_true, Zkvm.Refinement.field.extension.square_spec,
          U32.add_eq i 1 (by simp; omega), Outcome.bind_ok, Outcome.pure_eq]
      · simp only [UInt32.toNat_add]; simp; omega
      · refine ⟨R * R, rfl, ?_, ?_⟩
        · rw [hR, ← pow_two', ← pow_mul, UInt32.toNat_add, UInt32.toNat_one,
            Nat.mod_eq_of_lt (by omega), Nat.pow_succ, Nat.mul_comm]
        · simp only [UInt32.toNat_add, UInt32.toNat_one]; omega
    · right
      have hik' : i = log_n := by
        have : ¬ i.toNat < log_n.toNat := fun h => hi (UInt32.lt_iff_toNat_lt.mpr h)
        apply UInt32.toNat_inj.mp; omega
      subst hik'
      refine ⟨(toExt R, i), ?_, ?_⟩
      · simp only [hi, if_false, Outcome.pure_eq]
      · simp only [hR]
  · exact ⟨z, rfl, by simp only [UInt32.toNat_zero, Nat.pow_zero, pow_one'], by simp⟩
  · intro ⟨r, i⟩ h
    simp only at h
    simp only [h, Zkvm.Refinement.field.extension.one_toExt,
      Zkvm.Refinement.field.extension.sub_spec]
    rfl

/-- The Rust selectors of spec selector values. -/
def toSelectors (s : SelectorValues) : air.Selectors :=
  { is_first_row := toExt s.isFirstRow, is_last_row := toExt s.isLastRow,
    is_transition := toExt s.isTransition }

/-- `selectors_at` is the spec's `selectorsAt`: `DegenerateChallenge` where the spec has
`none`, `InvalidTraceLength` above `2^27` rows; never panics. -/
theorem selectors_at_spec (z : Ext4) (log_n : UInt32) :
    protocol.domain.selectors_at (toExt z) log_n =
      .ok (if log_n.toNat ≤ 27 then
          (match selectorsAt z log_n.toNat with
          | none => .error .DegenerateChallenge
          | some s => .ok (toSelectors s))
        else .error .InvalidTraceLength) := by
  unfold protocol.domain.selectors_at
  rw [subgroup_generator_spec]
  by_cases h : log_n.toNat ≤ 27
  · simp only [h, if_true, ok_bind, pure_ok, Zkvm.Refinement.field.inv_spec,
      vanishing_at_spec, Zkvm.Refinement.field.extension.one_toExt,
      Zkvm.Refinement.field.extension.sub_spec, Zkvm.Refinement.field.extension.from_base_spec,
      Zkvm.Refinement.field.extension.is_zero_spec]
    by_cases h1 : vanishing z log_n.toNat = 0
    · have hs : selectorsAt z log_n.toNat = none := by
        unfold selectorsAt; rw [if_pos (Or.inl h1)]
      rw [hs, decide_eq_true h1, if_pos rfl]
    rw [decide_eq_false h1, if_neg Bool.false_ne_true]
    by_cases h2 : z - 1 = 0
    · have hs : selectorsAt z log_n.toNat = none := by
        unfold selectorsAt; rw [if_pos (Or.inr (Or.inl h2))]
      rw [hs, decide_eq_true h2, if_pos rfl]
    rw [decide_eq_false h2, if_neg Bool.false_ne_true]
    by_cases h3 : z - Ext4.ofBase (rootOfUnity log_n.toNat)⁻¹ = 0
    · have hs : selectorsAt z log_n.toNat = none := by
        unfold selectorsAt; rw [if_pos (Or.inr (Or.inr h3))]
      rw [hs, decide_eq_true h3, if_pos rfl]
    rw [decide_eq_false h3, if_neg Bool.false_ne_true]
    have hs : selectorsAt z log_n.toNat = some ⟨vanishing z log_n.toNat * (z - 1)⁻¹,
        vanishing z log_n.toNat * (z - Ext4.ofBase (rootOfUnity log_n.toNat)⁻¹)⁻¹,
        z - Ext4.ofBase (rootOfUnity log_n.toNat)⁻¹⟩ := by
      unfold selectorsAt
      rw [if_neg (fun hh => hh.elim h1 (fun hh => hh.elim h2 h3))]
    rw [hs, Zkvm.Refinement.field.extension.inv_spec, ok_bind,
      Zkvm.Refinement.field.extension.mul_spec, ok_bind,
      Zkvm.Refinement.field.extension.inv_spec, ok_bind,
      Zkvm.Refinement.field.extension.mul_spec, ok_bind]
    rfl
  · simp only [h, if_false, ok_bind, pure_ok]

end Zkvm.Refinement.protocol.domain
