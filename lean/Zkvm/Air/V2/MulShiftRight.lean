module

public import Zkvm.Air.V2.MulShift
public import Zkvm.Air.V2.MulShiftNat

/-!
# The MUL table: soundness of SRL, SRA (and SRLI, SRAI)

`srl_sound`, `sra_sound`: on a row whose flag for the op is set, the groups, the lookups (and
for SRA a well-formed a) force c to be `AluOp.eval` on a and y. The POW2 row gives the factor
`2^(32 − s)` and NZ = [s ≠ 0]: c is P's high word for s > 0 (`srl_nat`, `sra_nat`) and its low
word, a itself, for s = 0.
-/

@[expose] public section

namespace Zkvm.Air.V2.Mul

open Zkvm.Field Zkvm.RiscV Zkvm.Air.Table Col

variable {r : Row BabyBear}

theorem eq_of_val_bit {x : BabyBear} {n : Nat} (h : x.val = n) :
    x = ((n : Nat) : BabyBear) := by
  rw [← h, Felt.natCast_val]

/-- The right shifts' NZ, as a field element and against s. -/
theorem nz_cases (hl : Lookups r) (hshift : shifts r = 1) :
    ((r s).val = 0 ∧ r nz = 0) ∨ ((r s).val ≠ 0 ∧ r nz = 1) := by
  have hs : shifts r ≠ 0 := by rw [hshift]; exact one_ne_zero
  obtain ⟨_, _, _, _, _, _, hnz⟩ := hl.pow2 hs
  by_cases h : (r s).val = 0
  · rw [if_pos h] at hnz; exact Or.inl ⟨h, eq_zero_of_val hnz⟩
  · rw [if_neg h] at hnz; exact Or.inr ⟨h, eq_of_val_bit hnz⟩

/-- **SRL, SRLI**: c = a >>> (y mod 32). -/
theorem srl_sound (hg : Groups r) (hl : Lookups r) (hop : r fSrl = 1) :
    cWord r = AluOp.srl.eval (aWord r) (yWord r) ∧ (r cLo).val < 2 ^ 16 ∧
      (r cHi).val < 2 ^ 16 := by
  obtain ⟨z0, z1, z2, z3, z4, z6⟩ := only_srl hg hop
  have hreal : real r = 1 := by unfold real; grind
  have hr : real r ≠ 0 := by rw [hreal]; exact one_ne_zero
  have hshift : shifts r = 1 := by unfold shifts; grind
  have hsa : r sa = 0 := by
    have e := hg.sign_a; unfold aSigned at e; rw [z1, z2, z6] at e; exact zero_of_mul_neg (by grind)
  have hright : right r = 1 := by unfold right; rw [hop, z6]; grind
  have hth : takesHigh r = r nz := by unfold takesHigh; rw [hright, z1, z2, z3]; grind
  have ha3 := top_byte_unsigned hsa (by
    have := hl.top_a hr; unfold aSigned at this; rw [z1, z2, z6] at this
    have h0 : (0 : BabyBear) + 0 + 0 = 0 := by decide
    rw [h0] at this; exact this)
  have hk : (right r).val = 1 := by rw [hright]; rfl
  obtain ⟨tc, lc0, lc1⟩ := cWord_toNat hl hr
  have lx0 := hl.limb_x_lo hr
  have lx1 := hl.limb_x_hi hr
  have ha := (aWord r).isLt
  have h0 : (0 : BabyBear).val = 0 := rfl
  refine ⟨?_, lc0, lc1⟩
  apply BitVec.eq_of_toNat_eq
  simp only [AluOp.eval, BitVec.toNat_ushiftRight, Nat.shiftRight_eq_div_pow, tc]
  rw [← shift_amount hg hl hshift]
  rcases nz_cases hl hshift with ⟨hs0, hnz⟩ | ⟨hs0, hnz⟩
  · obtain ⟨e, _⟩ := shift_product hg hl hreal hshift z1 ha3 (by rw [hsa]; decide)
      (Or.inl (by rw [hth, hnz]))
    rw [if_neg (by rw [hth, hnz]; decide), hsa, hk, hs0, h0] at e
    simp only [pow2Factor, if_true, Nat.zero_mul, Nat.add_zero, Nat.mul_one,
      (by decide : (1 : Nat) ≠ 0), if_false] at e
    rw [hs0, Nat.pow_zero, Nat.div_one]
    omega
  · obtain ⟨e, hp⟩ := shift_product hg hl hreal hshift z1 ha3 (by rw [hsa]; decide)
      (Or.inr (by rw [hth, hnz]))
    rw [if_pos (by rw [hth, hnz]), hsa, hk, h0] at e
    simp only [pow2Factor, Nat.zero_mul, Nat.add_zero, (by decide : (1 : Nat) ≠ 0), if_false,
      if_neg hs0] at e
    rw [← srl_nat ha hp.2.1]
    generalize (aWord r).toNat * 2 ^ (32 - (r s).val) = z at *
    omega

/-- **SRA, SRAI**: c = a >>s (y mod 32). -/
theorem sra_sound (hg : Groups r) (hl : Lookups r) (hi : Inputs r) (hop : r fSra = 1) :
    cWord r = AluOp.sra.eval (aWord r) (yWord r) ∧ (r cLo).val < 2 ^ 16 ∧
      (r cHi).val < 2 ^ 16 := by
  obtain ⟨z0, z1, z2, z3, z4, z5⟩ := only_sra hg hop
  have hreal : real r = 1 := by unfold real; grind
  have hr : real r ≠ 0 := by rw [hreal]; exact one_ne_zero
  have hshift : shifts r = 1 := by unfold shifts; grind
  have hsig : aSigned r = 1 := by unfold aSigned; grind
  have bsa : (r sa).val ≤ 1 := val_le_one_of_sign (by have e := hg.sign_a; rw [hsig] at e; exact e)
  have hright : right r = 1 := by unfold right; rw [hop, z5]; grind
  have hth : takesHigh r = r nz := by unfold takesHigh; rw [hright, z1, z2, z3]; grind
  have ta := hl.top_a hr
  rw [hsig] at ta
  have a2 := hl.byte_a hr 2 (by omega)
  have ahi : (pair (r (a0 + 2)) (r (a0 + 3))).val = (aWord r).hi := by
    rw [aWord, WordLimbs.hi_ofFelts hi.a_lo hi.a_hi]
  obtain ⟨ha3, sa'⟩ := sign_of_top bsa a2 ta hi.a_hi ahi
  have hk : (right r).val = 1 := by rw [hright]; rfl
  obtain ⟨tc, lc0, lc1⟩ := cWord_toNat hl hr
  have lx0 := hl.limb_x_lo hr
  have lx1 := hl.limb_x_hi hr
  have ha := (aWord r).isLt
  refine ⟨?_, lc0, lc1⟩
  apply BitVec.eq_of_toNat_eq
  simp only [AluOp.eval, tc]
  rw [← shift_amount hg hl hshift]
  rcases nz_cases hl hshift with ⟨hs0, hnz⟩ | ⟨hs0, hnz⟩
  · obtain ⟨e, _⟩ := shift_product hg hl hreal hshift z1 ha3 bsa
      (Or.inl (by rw [hth, hnz]))
    rw [if_neg (by rw [hth, hnz]; decide), hk, hs0, sa'] at e
    simp only [pow2Factor, if_true, Nat.mul_one, (by decide : (1 : Nat) ≠ 0), if_false] at e
    rw [hs0]
    cases hm : (aWord r).msb
    · rw [BitVec.toNat_sshiftRight_of_msb_false hm, Nat.shiftRight_zero]
      rw [hm] at e; simp only [Bool.false_eq_true, if_false, Nat.zero_mul, Nat.add_zero] at e
      omega
    · rw [BitVec.toNat_sshiftRight_of_msb_true hm, Nat.shiftRight_zero]
      rw [hm] at e; simp only [if_true, Nat.one_mul] at e
      omega
  · obtain ⟨e, hp⟩ := shift_product hg hl hreal hshift z1 ha3 bsa
      (Or.inr (by rw [hth, hnz]))
    rw [if_pos (by rw [hth, hnz]), hk, sa'] at e
    simp only [pow2Factor, (by decide : (1 : Nat) ≠ 0), if_false, if_neg hs0] at e
    cases hm : (aWord r).msb
    · rw [BitVec.toNat_sshiftRight_of_msb_false hm, Nat.shiftRight_eq_div_pow]
      rw [hm] at e; simp only [Bool.false_eq_true, if_false, Nat.zero_mul, Nat.add_zero] at e
      rw [← srl_nat ha hp.2.1]
      generalize (aWord r).toNat * 2 ^ (32 - (r s).val) = z at *
      omega
    · rw [BitVec.toNat_sshiftRight_of_msb_true hm, Nat.shiftRight_eq_div_pow]
      rw [hm] at e; simp only [if_true, Nat.one_mul] at e
      rw [← sra_nat ha (by omega) hp.2.1]
      generalize ((aWord r).toNat + (2 ^ 64 - 2 ^ 32)) * 2 ^ (32 - (r s).val) = z at *
      omega

end Zkvm.Air.V2.Mul
