module

public import Zkvm.Extracted.Protocol.Params
public import Zkvm.Spec.Params

/-!
# The extracted parameter checks compute `Zkvm.Spec.Params`

`crate::protocol::params`: `validate_params` accepts exactly the parameters that satisfy
`Spec.Params.Valid` (and rejects the others with `InvalidParameters`), `zk_mask_len` is
`Spec.zkMaskLen` for validated parameters, and `compact_zk_params` (the receipts') is
`Spec.compactZk`. None of them panics.
-/

@[expose] public section

namespace Zkvm.Refinement.protocol.params

open Zkvm.Extraction Zkvm.Extracted Zkvm.Spec

/-- The parameters as naturals. -/
def toSpec (p : protocol.params.StarkParams) : Spec.Params :=
  ⟨p.log_blowup.toNat, p.num_queries.toNat, p.pow_bits.toNat, p.log_final_poly_len.toNat,
    p.log_fri_arity.toNat, p.log_cap_height.toNat, p.zk⟩

/-- `validate_params` is `Spec.Params.Valid`, and never panics. -/
theorem validate_params_spec (p : protocol.params.StarkParams) :
    protocol.params.validate_params p =
      .ok (if (toSpec p).Valid then .ok () else .error .InvalidParameters) := by
  unfold protocol.params.validate_params
  simp only [protocol.params.MAX_LOG_BLOWUP, protocol.params.MAX_NUM_QUERIES,
    protocol.params.MAX_POW_BITS, protocol.params.MAX_LOG_FINAL_POLY_LEN,
    protocol.params.MAX_LOG_FRI_ARITY, protocol.params.MAX_LOG_CAP_HEIGHT, toSpec,
    Params.Valid, UInt32.lt_iff_toNat_lt, gt_iff_lt, Bool.or_eq_true, decide_eq_true_eq]
  have h1 : (1 : UInt32).toNat = 1 := rfl
  have h4 : (4 : UInt32).toNat = 4 := rfl
  have h1024 : (1024 : UInt32).toNat = 1024 := rfl
  have h32 : (32 : UInt32).toNat = 32 := rfl
  have h10 : (10 : UInt32).toNat = 10 := rfl
  simp only [h1, h4, h1024, h32, h10]
  by_cases a : p.log_blowup.toNat < 1 ∨ 4 < p.log_blowup.toNat
  · simp only [a, if_true]; rw [if_neg (by omega)]; rfl
  · simp only [a, if_false]
    by_cases b : p.num_queries.toNat < 1 ∨ 1024 < p.num_queries.toNat
    · simp only [b, if_true]; rw [if_neg (by omega)]; rfl
    · simp only [b, if_false]
      by_cases c : 32 < p.pow_bits.toNat
      · simp only [c, if_true]; rw [if_neg (by omega)]; rfl
      · simp only [c, if_false]
        by_cases d : 10 < p.log_final_poly_len.toNat
        · simp only [d, if_true]; rw [if_neg (by omega)]; rfl
        · simp only [d, if_false]
          by_cases e : p.log_fri_arity.toNat < 1 ∨ 4 < p.log_fri_arity.toNat
          · simp only [e, if_true]; rw [if_neg (by omega)]; rfl
          · simp only [e, if_false]
            by_cases f : 10 < p.log_cap_height.toNat
            · simp only [f, if_true]; rw [if_neg (by omega)]; rfl
            · simp only [f, if_false]; rw [if_pos (by omega)]; rfl

/-- `zk_mask_len` is `Spec.zkMaskLen` (for at most 2^31 - 2 queries, so for every validated
parameter set), and never panics there. -/
theorem zk_mask_len_spec (p : protocol.params.StarkParams)
    (h : p.num_queries.toNat ≤ 1024) :
    protocol.params.zk_mask_len p = .ok (UInt32.ofNat (zkMaskLen (toSpec p))) := by
  unfold protocol.params.zk_mask_len
  cases hz : p.zk
  · simp only [Bool.not_false, if_true, zkMaskLen, toSpec, hz, Bool.false_eq_true, if_false]
    rfl
  · simp only [Bool.not_true, Bool.false_eq_true, if_false, zkMaskLen, toSpec, hz, if_true]
    have h2 : (2 : UInt32).toNat = 2 := rfl
    rw [U32.mul_eq 2 p.num_queries (by rw [h2]; omega)]
    simp only [Outcome.bind_ok]
    rw [U32.add_eq _ 2 (by rw [UInt32.toNat_mul, h2]; omega)]
    apply congrArg Outcome.ok
    apply UInt32.toNat_inj.mp
    rw [UInt32.toNat_add, UInt32.toNat_mul,
      UInt32.toNat_ofNat_of_lt' (by simp [UInt32.size]; omega)]
    simp only [UInt32.toNat_ofNat]
    omega

/-- `compact_zk_params`, the receipts' parameters, is `Spec.compactZk`. -/
theorem compact_zk_params_spec :
    ∃ p, protocol.params.compact_zk_params = .ok p ∧ toSpec p = compactZk :=
  ⟨_, rfl, rfl⟩

end Zkvm.Refinement.protocol.params
