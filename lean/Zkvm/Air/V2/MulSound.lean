module

public import Zkvm.Air.V2.MulCore
public import Zkvm.Air.MulLimbs

/-!
# The MUL table: soundness of MUL, MULH, MULHSU, MULHU

On a row whose flag for the op is set, the groups (`Groups`), the lookups (`Lookups`) and, for
the signed ops, well-formed operands (`Inputs`) force c to be the semantics' result
(`Zkvm.RiscV.MulOp.eval`) on a and b, with c's limbs below `2^16`: `mul_sound`, `mulh_sound`,
`mulhsu_sound`, `mulhu_sound`.

The proofs take the 64-bit product from `product_core` (over ℕ), the factors' numbers from
their bytes (`val8_cellsNat`: a, or a sign-extended to 64 bits when SA = 1, SA being a's top
bit by `top_byte`), and finish with `omega` on the product as one number.
-/

@[expose] public section

namespace Zkvm.Air.V2.Mul

open Zkvm.Field Zkvm.RiscV Zkvm.Air.Table Col

variable {r : Row BabyBear}

theorem zero_of_mul_neg {x : BabyBear} (h : x * (0 - x) = 0) : x = 0 := by
  rcases eq_zero_or_eq_zero_of_mul_eq_zero h with h | h
  · exact h
  · grind

/-- A sign bit whose factor is signed is boolean. -/
theorem val_le_one_of_sign {x : BabyBear} (h : x * (1 - x) = 0) : x.val ≤ 1 := by
  apply val_le_one
  unfold boolean
  grind

set_option compiler.extract_closed false in
/-- Closes the six "other flag is 0" goals from `flag_sum` and the set flag. -/
macro "mul_flags_zero" hg:term:max hop:term:max : tactic => `(tactic| (
  have s := Zkvm.Air.V2.Mul.flag_sum $hg
  have v := Zkvm.Air.V2.Mul.val_of_eq_one $hop
  refine ⟨?_, ?_, ?_, ?_, ?_, ?_⟩ <;>
    apply Zkvm.Air.V2.Mul.eq_zero_of_val <;> omega))

theorem only_mul (hg : Groups r) (h : r fMul = 1) : r fMulh = 0 ∧ r fMulhsu = 0 ∧
    r fMulhu = 0 ∧ r fSll = 0 ∧ r fSrl = 0 ∧ r fSra = 0 := by mul_flags_zero hg h
theorem only_mulh (hg : Groups r) (h : r fMulh = 1) : r fMul = 0 ∧ r fMulhsu = 0 ∧
    r fMulhu = 0 ∧ r fSll = 0 ∧ r fSrl = 0 ∧ r fSra = 0 := by mul_flags_zero hg h
theorem only_mulhsu (hg : Groups r) (h : r fMulhsu = 1) : r fMul = 0 ∧ r fMulh = 0 ∧
    r fMulhu = 0 ∧ r fSll = 0 ∧ r fSrl = 0 ∧ r fSra = 0 := by mul_flags_zero hg h
theorem only_mulhu (hg : Groups r) (h : r fMulhu = 1) : r fMul = 0 ∧ r fMulh = 0 ∧
    r fMulhsu = 0 ∧ r fSll = 0 ∧ r fSrl = 0 ∧ r fSra = 0 := by mul_flags_zero hg h
theorem only_sll (hg : Groups r) (h : r fSll = 1) : r fMul = 0 ∧ r fMulh = 0 ∧
    r fMulhsu = 0 ∧ r fMulhu = 0 ∧ r fSrl = 0 ∧ r fSra = 0 := by mul_flags_zero hg h
theorem only_srl (hg : Groups r) (h : r fSrl = 1) : r fMul = 0 ∧ r fMulh = 0 ∧
    r fMulhsu = 0 ∧ r fMulhu = 0 ∧ r fSll = 0 ∧ r fSra = 0 := by mul_flags_zero hg h
theorem only_sra (hg : Groups r) (h : r fSra = 1) : r fMul = 0 ∧ r fMulh = 0 ∧
    r fMulhsu = 0 ∧ r fMulhu = 0 ∧ r fSll = 0 ∧ r fSrl = 0 := by mul_flags_zero hg h

/-- On a multiplication row, the product of a (sign-extended by SA) and b (by SB). -/
theorem mult_product (hg : Groups r) (hl : Lookups r) (hreal : real r = 1)
    (hmult : multiplies r = 1) (ha3 : (r (a0 + 3)).val < 256) (bsa : (r sa).val ≤ 1)
    (hb3 : (r (m0 + 3)).val < 256) (bsb : (r sb).val ≤ 1)
    (hth : takesHigh r = 0 ∨ takesHigh r = 1) :
    ((aWord r).toNat + (r sa).val * (2 ^ 64 - 2 ^ 32)) *
        ((bWord r).toNat + (r sb).val * (2 ^ 64 - 2 ^ 32)) % 2 ^ 64 =
      (if takesHigh r = 1 then
        (r xLo).val + 65536 * (r xHi).val + 2 ^ 32 * ((r cLo).val + 65536 * (r cHi).val)
      else
        (r cLo).val + 65536 * (r cHi).val + 2 ^ 32 * ((r xLo).val + 65536 * (r xHi).val)) ∧
      (pair (r (a0 + 2)) (r (a0 + 3))).val = (aWord r).hi ∧
      (pair (r (m0 + 2)) (r (m0 + 3))).val = (bWord r).hi := by
  have hr : real r ≠ 0 := by rw [hreal]; exact one_ne_zero
  have hm : multiplies r ≠ 0 := by rw [hmult]; exact one_ne_zero
  have ba : ∀ i, i < 4 → (r (a0 + i)).val < 256 := fun i hi => by
    rcases (by omega : i < 3 ∨ i = 3) with h | rfl
    · exact hl.byte_a hr i h
    · exact ha3
  have bm : ∀ i, i < 4 → (r (m0 + i)).val < 256 := fun i hi => by
    rcases (by omega : i < 3 ∨ i = 3) with h | rfl
    · exact hl.byte_b hm i h
    · exact hb3
  have e := product_core hg hl hreal ba bsa bm bsb hth
  obtain ⟨xa, la0, la1⟩ := val8_cellsNat (sign := sa) ba
  obtain ⟨xb, lb0, lb1⟩ := val8_cellsNat (sign := sb) bm
  have bl : r bLo = pair (r m0) (r (m0 + 1)) := by
    have e := hg.b_lo; rw [hmult] at e; grind
  have bh : r bHi = pair (r (m0 + 2)) (r (m0 + 3)) := by
    have e := hg.b_hi; rw [hmult] at e; grind
  have hb : bWord r = WordLimbs.ofFelts (pair (r m0) (r (m0 + 1)))
      (pair (r (m0 + 2)) (r (m0 + 3))) := by rw [bWord, bl, bh]
  refine ⟨?_, ?_, ?_⟩
  · unfold aWord; rw [hb, ← xa, ← xb]; exact e
  · rw [aWord, WordLimbs.hi_ofFelts la0 la1]
  · rw [hb, WordLimbs.hi_ofFelts lb0 lb1]

/-- The sign bit of a factor from its top byte's lookup. -/
theorem sign_of_top {w : Word} {a₂ a₃ s : BabyBear} (hs : s.val ≤ 1) (h₂ : a₂.val < 256)
    (ht : (topByte a₃ s 1).val < 256) (hw : (pair a₂ a₃).val < 2 ^ 16)
    (hhi : (pair a₂ a₃).val = w.hi) : a₃.val < 256 ∧ s.val = if w.msb then 1 else 0 := by
  obtain ⟨b3, hb⟩ := top_byte hs h₂ ht hw
  refine ⟨b3, ?_⟩
  have p := pair_val h₂ b3
  have m := Word.msb_iff_hi w
  cases hm : w.msb
  · rw [hm] at m; simp at m ⊢; omega
  · rw [hm] at m; simp at m ⊢; omega

/-! ## Words from the product -/

theorem toNat_signExtend_bit (w : Word) :
    (w.signExtend 64).toNat = w.toNat + (if w.msb then 1 else 0) * (2 ^ 64 - 2 ^ 32) := by
  rw [MulLimbs.toNat_signExtend64]; cases w.msb <;> simp

theorem cWord_toNat (hl : Lookups r) (hr : real r ≠ 0) :
    (cWord r).toNat = (r cLo).val + 65536 * (r cHi).val ∧ (r cLo).val < 2 ^ 16 ∧
      (r cHi).val < 2 ^ 16 :=
  ⟨WordLimbs.toNat_ofFelts (hl.limb_c_lo hr) (hl.limb_c_hi hr), hl.limb_c_lo hr,
    hl.limb_c_hi hr⟩

/-! ## The ops -/

/-- **MUL**: c = a · b (mod 2^32). -/
theorem mul_sound (hg : Groups r) (hl : Lookups r) (hop : r fMul = 1) :
    cWord r = MulOp.mul.eval (aWord r) (bWord r) ∧ (r cLo).val < 2 ^ 16 ∧
      (r cHi).val < 2 ^ 16 := by
  obtain ⟨z1, z2, z3, z4, z5, z6⟩ := only_mul hg hop
  have hreal : real r = 1 := by unfold real; grind
  have hr : real r ≠ 0 := by rw [hreal]; exact one_ne_zero
  have hmult : multiplies r = 1 := by unfold multiplies; grind
  have hsa : r sa = 0 := by
    have e := hg.sign_a; unfold aSigned at e; rw [z1, z2, z6] at e; exact zero_of_mul_neg (by grind)
  have hsb : r sb = 0 := by
    have e := hg.sign_b; rw [z1] at e; exact zero_of_mul_neg e
  have hth : takesHigh r = 0 := by unfold takesHigh right; rw [z1, z2, z3, z5, z6]; grind
  have ha3 := top_byte_unsigned hsa (by
    have := hl.top_a hr; unfold aSigned at this; rw [z1, z2, z6] at this
    have h0 : (0 : BabyBear) + 0 + 0 = 0 := by decide
    rw [h0] at this; exact this)
  have hb3 := top_byte_unsigned hsb (by
    have := hl.top_b (by rw [hmult]; exact one_ne_zero); rw [z1] at this; exact this)
  obtain ⟨e, _, _⟩ := mult_product hg hl hreal hmult ha3 (by rw [hsa]; decide) hb3
    (by rw [hsb]; decide) (Or.inl hth)
  rw [if_neg (by rw [hth]; decide), hsa, hsb] at e
  obtain ⟨tc, lc0, lc1⟩ := cWord_toNat hl hr
  have lx0 := hl.limb_x_lo hr
  have lx1 := hl.limb_x_hi hr
  refine ⟨?_, lc0, lc1⟩
  apply BitVec.eq_of_toNat_eq
  simp only [MulOp.eval, BitVec.toNat_mul, tc]
  have h0 : (0 : BabyBear).val = 0 := rfl
  rw [h0] at e
  simp only [Nat.zero_mul, Nat.add_zero] at e
  generalize (aWord r).toNat * (bWord r).toNat = z at *
  omega

/-- **MULHU**: c = the high word of a · b. -/
theorem mulhu_sound (hg : Groups r) (hl : Lookups r) (hop : r fMulhu = 1) :
    cWord r = MulOp.mulhu.eval (aWord r) (bWord r) ∧ (r cLo).val < 2 ^ 16 ∧
      (r cHi).val < 2 ^ 16 := by
  obtain ⟨z0, z1, z2, z4, z5, z6⟩ := only_mulhu hg hop
  have hreal : real r = 1 := by unfold real; grind
  have hr : real r ≠ 0 := by rw [hreal]; exact one_ne_zero
  have hmult : multiplies r = 1 := by unfold multiplies; grind
  have hsa : r sa = 0 := by
    have e := hg.sign_a; unfold aSigned at e; rw [z1, z2, z6] at e; exact zero_of_mul_neg (by grind)
  have hsb : r sb = 0 := by
    have e := hg.sign_b; rw [z1] at e; exact zero_of_mul_neg e
  have hth : takesHigh r = 1 := by unfold takesHigh right; rw [z1, z2, hop, z5, z6]; grind
  have ha3 := top_byte_unsigned hsa (by
    have := hl.top_a hr; unfold aSigned at this; rw [z1, z2, z6] at this
    have h0 : (0 : BabyBear) + 0 + 0 = 0 := by decide
    rw [h0] at this; exact this)
  have hb3 := top_byte_unsigned hsb (by
    have := hl.top_b (by rw [hmult]; exact one_ne_zero); rw [z1] at this; exact this)
  obtain ⟨e, _, _⟩ := mult_product hg hl hreal hmult ha3 (by rw [hsa]; decide) hb3
    (by rw [hsb]; decide) (Or.inr hth)
  rw [if_pos hth, hsa, hsb] at e
  obtain ⟨tc, lc0, lc1⟩ := cWord_toNat hl hr
  have lx0 := hl.limb_x_lo hr
  have lx1 := hl.limb_x_hi hr
  refine ⟨?_, lc0, lc1⟩
  apply BitVec.eq_of_toNat_eq
  rw [MulOp.mulhu_toNat, tc]
  have h0 : (0 : BabyBear).val = 0 := rfl
  rw [h0] at e
  have ha := (aWord r).isLt
  have hb := (bWord r).isLt
  have hab : (aWord r).toNat * (bWord r).toNat < 2 ^ 64 := by
    have := Nat.mul_lt_mul_of_lt_of_le ha (Nat.le_of_lt hb) (by decide : 0 < 2 ^ 32)
    simpa using this
  simp only [Nat.zero_mul, Nat.add_zero] at e
  generalize (aWord r).toNat * (bWord r).toNat = z at *
  omega

/-- **MULH**: c = the high word of the signed product a · b. -/
theorem mulh_sound (hg : Groups r) (hl : Lookups r) (hi : Inputs r) (hop : r fMulh = 1) :
    cWord r = MulOp.mulh.eval (aWord r) (bWord r) ∧ (r cLo).val < 2 ^ 16 ∧
      (r cHi).val < 2 ^ 16 := by
  obtain ⟨z0, z2, z3, z4, z5, z6⟩ := only_mulh hg hop
  have hreal : real r = 1 := by unfold real; grind
  have hr : real r ≠ 0 := by rw [hreal]; exact one_ne_zero
  have hmult : multiplies r = 1 := by unfold multiplies; grind
  have hm : multiplies r ≠ 0 := by rw [hmult]; exact one_ne_zero
  have hsig : aSigned r = 1 := by unfold aSigned; grind
  have bsa : (r sa).val ≤ 1 := val_le_one_of_sign (by have e := hg.sign_a; rw [hsig] at e; exact e)
  have bsb : (r sb).val ≤ 1 := val_le_one_of_sign (by have e := hg.sign_b; rw [hop] at e; exact e)
  have hth : takesHigh r = 1 := by unfold takesHigh right; rw [hop, z2, z3, z5, z6]; grind
  have bh : r bHi = pair (r (m0 + 2)) (r (m0 + 3)) := by
    have e := hg.b_hi; rw [hmult] at e; grind
  have ta := hl.top_a hr
  rw [hsig] at ta
  have tb := hl.top_b hm
  rw [hop] at tb
  have a2 := hl.byte_a hr 2 (by omega)
  have b2 := hl.byte_b hm 2 (by omega)
  have wb : (pair (r (m0 + 2)) (r (m0 + 3))).val < 2 ^ 16 := by rw [← bh]; exact hi.b_hi
  -- the high limbs, before the top bytes are known to be bytes
  have ahi : (pair (r (a0 + 2)) (r (a0 + 3))).val = (aWord r).hi := by
    rw [aWord, WordLimbs.hi_ofFelts hi.a_lo hi.a_hi]
  have bhi : (pair (r (m0 + 2)) (r (m0 + 3))).val = (bWord r).hi := by
    rw [bWord, WordLimbs.hi_ofFelts hi.b_lo hi.b_hi, bh]
  obtain ⟨ha3, sa'⟩ := sign_of_top bsa a2 ta hi.a_hi ahi
  obtain ⟨hb3, sb'⟩ := sign_of_top bsb b2 tb wb bhi
  obtain ⟨e, _, _⟩ := mult_product hg hl hreal hmult ha3 bsa hb3 bsb (Or.inr hth)
  rw [if_pos hth, sa', sb'] at e
  obtain ⟨tc, lc0, lc1⟩ := cWord_toNat hl hr
  have lx0 := hl.limb_x_lo hr
  have lx1 := hl.limb_x_hi hr
  refine ⟨?_, lc0, lc1⟩
  apply BitVec.eq_of_toNat_eq
  simp only [MulOp.eval, BitVec.extractLsb'_toNat, BitVec.toNat_mul, toNat_signExtend_bit,
    Nat.shiftRight_eq_div_pow, tc]
  generalize ((aWord r).toNat + (if (aWord r).msb then 1 else 0) * (2 ^ 64 - 2 ^ 32)) *
    ((bWord r).toNat + (if (bWord r).msb then 1 else 0) * (2 ^ 64 - 2 ^ 32)) = z at *
  omega

/-- **MULHSU**: c = the high word of the product of signed a and unsigned b. -/
theorem mulhsu_sound (hg : Groups r) (hl : Lookups r) (hi : Inputs r) (hop : r fMulhsu = 1) :
    cWord r = MulOp.mulhsu.eval (aWord r) (bWord r) ∧ (r cLo).val < 2 ^ 16 ∧
      (r cHi).val < 2 ^ 16 := by
  obtain ⟨z0, z1, z3, z4, z5, z6⟩ := only_mulhsu hg hop
  have hreal : real r = 1 := by unfold real; grind
  have hr : real r ≠ 0 := by rw [hreal]; exact one_ne_zero
  have hmult : multiplies r = 1 := by unfold multiplies; grind
  have hm : multiplies r ≠ 0 := by rw [hmult]; exact one_ne_zero
  have hsig : aSigned r = 1 := by unfold aSigned; grind
  have bsa : (r sa).val ≤ 1 := val_le_one_of_sign (by have e := hg.sign_a; rw [hsig] at e; exact e)
  have hsb : r sb = 0 := by
    have e := hg.sign_b; rw [z1] at e; exact zero_of_mul_neg e
  have hth : takesHigh r = 1 := by unfold takesHigh right; rw [z1, hop, z3, z5, z6]; grind
  have ta := hl.top_a hr
  rw [hsig] at ta
  have a2 := hl.byte_a hr 2 (by omega)
  have ahi : (pair (r (a0 + 2)) (r (a0 + 3))).val = (aWord r).hi := by
    rw [aWord, WordLimbs.hi_ofFelts hi.a_lo hi.a_hi]
  obtain ⟨ha3, sa'⟩ := sign_of_top bsa a2 ta hi.a_hi ahi
  have hb3 := top_byte_unsigned hsb (by have := hl.top_b hm; rw [z1] at this; exact this)
  obtain ⟨e, _, _⟩ := mult_product hg hl hreal hmult ha3 bsa hb3 (by rw [hsb]; decide)
    (Or.inr hth)
  rw [if_pos hth, sa', hsb] at e
  obtain ⟨tc, lc0, lc1⟩ := cWord_toNat hl hr
  have lx0 := hl.limb_x_lo hr
  have lx1 := hl.limb_x_hi hr
  refine ⟨?_, lc0, lc1⟩
  apply BitVec.eq_of_toNat_eq
  simp only [MulOp.eval, BitVec.extractLsb'_toNat, BitVec.toNat_mul, toNat_signExtend_bit,
    MulLimbs.toNat_zeroExtend64, Nat.shiftRight_eq_div_pow, tc]
  have h0 : (0 : BabyBear).val = 0 := rfl
  rw [h0, Nat.zero_mul, Nat.add_zero] at e
  generalize ((aWord r).toNat + (if (aWord r).msb then 1 else 0) * (2 ^ 64 - 2 ^ 32)) *
    (bWord r).toNat = z at *
  omega

end Zkvm.Air.V2.Mul
