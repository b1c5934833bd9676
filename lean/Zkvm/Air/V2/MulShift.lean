module

public import Zkvm.Air.V2.MulSound

/-!
# The MUL table: soundness of SLL, SRL, SRA (and SLLI, SRLI, SRAI)

On a shift row the second factor is the POW2 row's (`Pow2Row`): `2^s` for SLL, `2^(32 − s)` for
the right shifts (1 for s = 0), with s = y mod 32 from `y_lo = s + 32 t` (`shift_amount`). The
product is a (sign-extended for SRA) times that factor (`shift_product`); c is its low word
(SLL, right shifts by 0) or its high word (right shifts by s > 0). `sll_sound`, `srl_sound`,
`sra_sound`: c is `AluOp.eval` on a and y (y = imm for the immediate forms, else b). SRA's
negative case is checked for each of the 31 shift amounts by `omega` (`sra_nat`, in
`MulShiftNat`).
-/

@[expose] public section

namespace Zkvm.Air.V2.Mul

open Zkvm.Field Zkvm.RiscV Zkvm.Air.Table Col

variable {r : Row BabyBear}

theorem pow2Factor_lt {k s : Nat} (hs : s < 32) : pow2Factor k s < 2 ^ 32 := by
  unfold pow2Factor
  split
  · exact Nat.pow_lt_pow_right (by decide) hs
  · split
    · decide
    · exact Nat.pow_lt_pow_right (by decide) (by omega)

theorem toNat_ofFelts_mod32 (l h : BabyBear) :
    (WordLimbs.ofFelts l h).toNat % 32 = l.val % 32 := by
  simp only [WordLimbs.ofFelts, Word.ofLimbs, BitVec.toNat_ofNat]
  omega

/-- **The shift amount**: s = y mod 32. -/
theorem shift_amount (hg : Groups r) (hl : Lookups r) (hshift : shifts r = 1) :
    (r s).val = (yWord r).toNat % 32 := by
  have hs : shifts r ≠ 0 := by rw [hshift]; exact one_ne_zero
  have hp := hl.pow2 hs
  have ht := hl.rest hs
  have s32 := hp.2.1
  have hP : P = 2013265921 := P_eq
  have e := hg.amount
  rw [hshift] at e
  have hy : yLo r = (((r s).val + 32 * (r t).val : Nat) : BabyBear) := by
    simp only [Felt.natCast_add, Felt.natCast_mul, Felt.natCast_val]
    have h32 : ((32 : Nat) : BabyBear) = 32 := rfl
    rw [h32]; grind
  have hv : (yLo r).val = (r s).val + 32 * (r t).val := by
    rw [hy, BabyBear.val_natCast, hP]; omega
  have hw : ∃ l h : BabyBear, yWord r = WordLimbs.ofFelts l h ∧ yLo r = l := by
    rcases eq_zero_or_one_of_mul_sub_one hg.bool_useImm with hu | hu
    · refine ⟨r bLo, r bHi, ?_, ?_⟩
      · rw [yWord, if_neg (by rw [hu]; decide), bWord]
      · unfold yLo; rw [hu]; grind
    · refine ⟨r immLo, r immHi, ?_, ?_⟩
      · rw [yWord, if_pos hu, immWord]
      · unfold yLo; rw [hu]; grind
  obtain ⟨l, h, hw, hl'⟩ := hw
  rw [hw, toNat_ofFelts_mod32, ← hl', hv]
  omega

/-- **The product of a shift**: a (sign-extended by SA) times the POW2 factor. -/
theorem shift_product (hg : Groups r) (hl : Lookups r) (hreal : real r = 1)
    (hshift : shifts r = 1) (hmulh : r fMulh = 0)
    (ha3 : (r (a0 + 3)).val < 256) (bsa : (r sa).val ≤ 1)
    (hth : takesHigh r = 0 ∨ takesHigh r = 1) :
    ((aWord r).toNat + (r sa).val * (2 ^ 64 - 2 ^ 32)) *
        pow2Factor (right r).val (r s).val % 2 ^ 64 =
      (if takesHigh r = 1 then
        (r xLo).val + 65536 * (r xHi).val + 2 ^ 32 * ((r cLo).val + 65536 * (r cHi).val)
      else
        (r cLo).val + 65536 * (r cHi).val + 2 ^ 32 * ((r xLo).val + 65536 * (r xHi).val)) ∧
      Pow2Row (right r).val (r s).val (r m0).val (r (m0 + 1)).val (r (m0 + 2)).val
        (r (m0 + 3)).val (r nz).val := by
  have hr : real r ≠ 0 := by rw [hreal]; exact one_ne_zero
  have hs : shifts r ≠ 0 := by rw [hshift]; exact one_ne_zero
  have hp := hl.pow2 hs
  obtain ⟨hk, s32, f0, f1, f2, f3, _⟩ := hp
  have hsb : r sb = 0 := by
    have e := hg.sign_b; rw [hmulh] at e; exact zero_of_mul_neg e
  have ba : ∀ i, i < 4 → (r (a0 + i)).val < 256 := fun i hi => by
    rcases (by omega : i < 3 ∨ i = 3) with h | rfl
    · exact hl.byte_a hr i h
    · exact ha3
  have bm : ∀ i, i < 4 → (r (m0 + i)).val < 256 := fun i hi => by
    rcases (by omega : i = 0 ∨ i = 1 ∨ i = 2 ∨ i = 3) with rfl | rfl | rfl | rfl
    · rw [Nat.add_zero, f0]; omega
    · rw [f1]; omega
    · rw [f2]; omega
    · rw [f3]; omega
  have e := product_core hg hl hreal ba bsa bm (by rw [hsb]; decide) hth
  obtain ⟨xa, _, _⟩ := val8_cellsNat (sign := sa) ba
  obtain ⟨xb, _, _⟩ := val8_cellsNat (sign := sb) bm
  have b0 := bm 0 (by omega)
  simp only [Nat.add_zero] at b0
  rw [WordLimbs.toNat_ofFelts (by rw [pair_val b0 (bm 1 (by omega))]; omega)
    (by rw [pair_val (bm 2 (by omega)) (bm 3 (by omega))]; omega),
    pair_val b0 (bm 1 (by omega)), pair_val (bm 2 (by omega)) (bm 3 (by omega)), hsb] at xb
  have hF := pow2Factor_lt (k := (right r).val) s32
  have h0 : (0 : BabyBear).val = 0 := rfl
  rw [h0, f0, f1, f2, f3] at xb
  have yv : val8 (cellsNat r m0 sb) = pow2Factor (right r).val (r s).val := by rw [xb]; omega
  refine ⟨?_, hk, s32, f0, f1, f2, f3, by assumption⟩
  unfold aWord; rw [← yv, ← xa]; exact e

/-! ## The ops -/

/-- **SLL, SLLI**: c = a << (y mod 32). -/
theorem sll_sound (hg : Groups r) (hl : Lookups r) (hop : r fSll = 1) :
    cWord r = AluOp.sll.eval (aWord r) (yWord r) ∧ (r cLo).val < 2 ^ 16 ∧
      (r cHi).val < 2 ^ 16 := by
  obtain ⟨z0, z1, z2, z3, z5, z6⟩ := only_sll hg hop
  have hreal : real r = 1 := by unfold real; grind
  have hr : real r ≠ 0 := by rw [hreal]; exact one_ne_zero
  have hshift : shifts r = 1 := by unfold shifts; grind
  have hsa : r sa = 0 := by
    have e := hg.sign_a; unfold aSigned at e; rw [z1, z2, z6] at e; exact zero_of_mul_neg (by grind)
  have hright : right r = 0 := by unfold right; rw [z5, z6]; grind
  have hth : takesHigh r = 0 := by unfold takesHigh; rw [hright, z1, z2, z3]; grind
  have ha3 := top_byte_unsigned hsa (by
    have := hl.top_a hr; unfold aSigned at this; rw [z1, z2, z6] at this
    have h0 : (0 : BabyBear) + 0 + 0 = 0 := by decide
    rw [h0] at this; exact this)
  obtain ⟨e, _⟩ := shift_product hg hl hreal hshift z1 ha3 (by rw [hsa]; decide) (Or.inl hth)
  have h0 : (0 : BabyBear).val = 0 := rfl
  rw [if_neg (by rw [hth]; decide), hsa, hright, h0] at e
  simp only [pow2Factor, if_true, Nat.zero_mul, Nat.add_zero] at e
  obtain ⟨tc, lc0, lc1⟩ := cWord_toNat hl hr
  have lx0 := hl.limb_x_lo hr
  have lx1 := hl.limb_x_hi hr
  refine ⟨?_, lc0, lc1⟩
  apply BitVec.eq_of_toNat_eq
  simp only [AluOp.eval, BitVec.toNat_shiftLeft, Nat.shiftLeft_eq, tc]
  rw [← shift_amount hg hl hshift]
  generalize (aWord r).toNat * 2 ^ (r s).val = z at *
  omega

end Zkvm.Air.V2.Mul
