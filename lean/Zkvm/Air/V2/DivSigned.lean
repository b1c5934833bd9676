module

public import Zkvm.Air.V2.DivUnsigned
public import Zkvm.Air.V2.DivSignedNat
public import Zkvm.Air.V2.MulSound

/-!
# The DIV table: the signed identity on DIV and REM rows

`signed_identity`: on a real signed row (DIV or REM), the groups, the lookups and well-formed
a and b give SA and SY as the top bits of a and b (from `U16(2 (a_hi − 2^15 sa))` and
`U8(Y3 − 256 sy + 128)`), and the exact integer identity `a = q'·b + r'` on the signed values of
a and b, with `q' = q − 2^32 sq` and `r' = r − 2^32 sr` (`identity_core`, `exact_of_mod`).
-/

@[expose] public section

namespace Zkvm.Air.V2.Div

open Zkvm.Field Zkvm.RiscV Zkvm.Air.Table Col
open Zkvm.Air.V2.Mul (val8 cellsNat pair pair_val val8_cellsNat one_ne_zero val_le_one
  sign_of_top topByte)

variable {r : Row BabyBear}

theorem val_le_one_of_sign {x : BabyBear} (h : x * (1 - x) = 0) : x.val ≤ 1 := by
  apply val_le_one
  unfold Mul.boolean
  grind

/-- A word's signed value from its top bit as a 0/1 number. -/
theorem toInt_of_bit (w : Word) {s : Nat} (hs : s = if w.msb then 1 else 0) :
    w.toInt = (w.toNat : Int) - 2 ^ 32 * s := by
  rw [Word.toInt_eq_limbs]
  have m := Word.msb_iff_hi w
  cases hm : w.msb <;> rw [hm] at m hs <;> simp at hs m <;> subst hs
  · rw [if_pos (by omega)]; omega
  · rw [if_neg (by omega)]; omega

theorem lt_of_bit (w : Word) {s : Nat} (hs : s = if w.msb then 1 else 0) :
    (s = 0 → w.toNat < 2 ^ 31) ∧ (s = 1 → 2 ^ 31 ≤ w.toNat) := by
  have m := Word.msb_iff_hi w
  have := Word.toNat_eq_limbs w
  have := w.lo_lt
  cases hm : w.msb <;> rw [hm] at m hs <;> simp at hs m <;> subst hs <;>
    simp only [Nat.reducePow] at * <;> omega

/-- **The signed identity.** -/
theorem signed_identity (hg : Groups r) (hl : Lookups r) (hi : Inputs r) (hreal : real r = 1)
    (hsg : signed r = 1) :
    (aWord r).toInt =
        (((qWord r).toNat : Int) - 2 ^ 32 * (r sq).val) * (bWord r).toInt +
          (((rWord r).toNat : Int) - 2 ^ 32 * (r sr).val) ∧
      (r sq).val ≤ 1 ∧ (r sr).val ≤ 1 ∧ ((r sa).val = if (aWord r).msb then 1 else 0) ∧
      ((r sy).val = if (bWord r).msb then 1 else 0) ∧
      (qLo r).val < 2 ^ 16 ∧ (qHi r).val < 2 ^ 16 ∧ (r rLo).val < 2 ^ 16 ∧
      (r rHi).val < 2 ^ 16 := by
  have hr : real r ≠ 0 := by rw [hreal]; exact one_ne_zero
  have hs : signed r ≠ 0 := by rw [hsg]; exact one_ne_zero
  have hP : P = 2013265921 := P_eq
  have bsa := val_le_one_of_sign (by have e := hg.sign_a; rw [hsg] at e; exact e)
  have bsy := val_le_one_of_sign (by have e := hg.sign_y; rw [hsg] at e; exact e)
  have bsq := val_le_one_of_sign (by have e := hg.sign_q; rw [hsg] at e; exact e)
  have bsr : (r sr).val ≤ 1 := by
    have e := hg.sign_r
    rcases eq_zero_or_eq_zero_of_mul_eq_zero e with h | h
    · rw [h]; decide
    · have : r sr = r sa := by grind
      rw [this]; exact bsa
  -- a's sign
  have ta := hl.sign_a hs
  have ea : (2 * (r aHi - 32768 * r sa)).val + 65536 * (r sa).val = 2 * (r aHi).val := by
    refine Felt.natCast_inj_of_lt (by omega) (by have := hi.a_hi; omega) ?_
    simp only [Felt.natCast_add, Felt.natCast_mul, Felt.natCast_val]
    have h2 : ((2 : Nat) : BabyBear) = 2 := rfl
    have h65536 : ((65536 : Nat) : BabyBear) = 65536 := rfl
    rw [h2, h65536]; grind
  have ahi : (aWord r).hi = (r aHi).val := WordLimbs.hi_ofFelts hi.a_lo hi.a_hi
  have sa' : (r sa).val = if (aWord r).msb then 1 else 0 := by
    have m := Word.msb_iff_hi (aWord r)
    rw [ahi] at m
    cases hm : (aWord r).msb <;> rw [hm] at m <;> simp at m ⊢ <;> omega
  -- b's sign
  have y2 := hl.byte_y hr 2 (by omega)
  have bhi : (pair (r (y0 + 2)) (r (y0 + 3))).val = (bWord r).hi :=
    (WordLimbs.hi_ofFelts hi.b_lo hi.b_hi).symm
  have ty : (topByte (r (y0 + 3)) (r sy) 1).val < 256 := by
    have t := hl.top_y hr; rw [hsg] at t; exact t
  obtain ⟨y3, sy'⟩ := sign_of_top bsy y2 ty hi.b_hi bhi
  have bY : ∀ i, i < 4 → (r (y0 + i)).val < 256 := fun i hi' => by
    rcases (by omega : i < 3 ∨ i = 3) with h | rfl
    · exact hl.byte_y hr i h
    · exact y3
  have bq := hl.byte_q hr
  have lr0 := hl.limb_r_lo hr
  have lr1 := hl.limb_r_hi hr
  have e := identity_core hg hl hreal bq bsq bY bsy bsr bsa hi.a_lo hi.a_hi
  obtain ⟨xq, lq0, lq1⟩ := val8_cellsNat (sign := sq) bq
  obtain ⟨xy, ly0, ly1⟩ := val8_cellsNat (sign := sy) bY
  rw [xq, xy] at e
  have tr : (rWord r).toNat = (r rLo).val + 65536 * (r rHi).val :=
    WordLimbs.toNat_ofFelts lr0 lr1
  have ta' : (aWord r).toNat = (r aLo).val + 65536 * (r aHi).val :=
    WordLimbs.toNat_ofFelts hi.a_lo hi.a_hi
  have xq' : (WordLimbs.ofFelts (pair (r q0) (r (q0 + 1))) (pair (r (q0 + 2)) (r (q0 + 3)))).toNat
      = (qWord r).toNat := rfl
  have xy' : (WordLimbs.ofFelts (pair (r y0) (r (y0 + 1))) (pair (r (y0 + 2)) (r (y0 + 3)))).toNat
      = (bWord r).toNat := rfl
  rw [xq', xy', ← tr, ← ta'] at e
  obtain ⟨hy0, hy1⟩ := lt_of_bit (bWord r) sy'
  have ex := exact_of_mod (qWord r).isLt (bWord r).isLt (rWord r).isLt (aWord r).isLt bsq bsy bsr
    bsa hy0 hy1 e
  refine ⟨?_, bsq, bsr, sa', sy', lq0, lq1, lr0, lr1⟩
  rw [toInt_of_bit (aWord r) sa', toInt_of_bit (bWord r) sy']
  exact ex

end Zkvm.Air.V2.Div
