module

public import Zkvm.Air.V2.DivSigned

/-!
# The DIV table: the remainder bound on DIV and REM rows

`signed_bound`: on a real row with YZ = 0, the two limb equations of `|r'| + 1 + d = |y|`
(magnitudes `lo (1 − 2s)`, `hi (1 − 2s) + 2^16 s`, the borrow β from `U8(β + 1)`) lift to ℕ in
each of the four sign cases and give `|r'| < |b|` for `r' = r − 2^32 sr` and b read with sign
bit sy.
-/

@[expose] public section

namespace Zkvm.Air.V2.Div

open Zkvm.Field Zkvm.RiscV Zkvm.Air.Table Col
open Zkvm.Air.V2.Mul (pair one_ne_zero)

variable {r : Row BabyBear}

theorem bit_cases {x : BabyBear} (h : x.val ≤ 1) : x = 0 ∨ x = 1 := by
  rcases (by omega : x.val = 0 ∨ x.val = 1) with h0 | h1
  · left; exact BabyBear.eq_zero_iff_val.mpr h0
  · right; rw [← Felt.natCast_val x, h1]; rfl

/-- **The remainder bound**, as numbers: `|r'| + 1 + d = |y|`. -/
theorem signed_bound (hg : Groups r) (hl : Lookups r) (hi : Inputs r) (hreal : real r = 1)
    (hz : r yz = 0) (bsr : (r sr).val ≤ 1) (bsy : (r sy).val ≤ 1) :
    (if (r sr).val = 1 then 2 ^ 32 - (rWord r).toNat else (rWord r).toNat) <
      (if (r sy).val = 1 then 2 ^ 32 - (bWord r).toNat else (bWord r).toNat) := by
  have hP : P = 2013265921 := P_eq
  have hr : real r ≠ 0 := by rw [hreal]; exact one_ne_zero
  have hc : compares r = 1 := by unfold compares; rw [hreal, hz]; grind
  have hc' : compares r ≠ 0 := by rw [hc]; exact one_ne_zero
  have bl := hg.bound_lo
  have bh := hg.bound_hi
  rw [hc] at bl bh
  unfold boundLo magLo at bl
  unfold boundHi magHi at bh
  have dl := hl.d_lo hc'
  have dh := hl.d_hi hc'
  have bb := hl.beta hc'
  have lr0 := hl.limb_r_lo hr
  have lr1 := hl.limb_r_hi hr
  have ly0 : (yLo r).val < 2 ^ 16 := hi.b_lo
  have ly1 : (yHi r).val < 2 ^ 16 := hi.b_hi
  have tr : (rWord r).toNat = (r rLo).val + 65536 * (r rHi).val :=
    WordLimbs.toNat_ofFelts lr0 lr1
  have ty : (bWord r).toNat = (yLo r).val + 65536 * (yHi r).val :=
    WordLimbs.toNat_ofFelts ly0 ly1
  have eb : r beta = (((r beta + 1).val : Nat) : BabyBear) - 1 := by
    rw [Felt.natCast_val]; grind
  rw [eb] at bl bh
  have cv := fun (x : BabyBear) => (Felt.natCast_val x).symm
  rw [cv (r rLo), cv (r dLo), cv (yLo r)] at bl
  rw [cv (r rHi), cv (r dHi), cv (yHi r)] at bh
  have h65536 : ((65536 : Nat) : BabyBear) = 65536 := rfl
  rw [tr, ty]
  have v0 : (0 : BabyBear).val = 0 := rfl
  have v1 : (1 : BabyBear).val = 1 := rfl
  rcases bit_cases bsr with s0 | s1 <;> rcases bit_cases bsy with t0 | t1
  · rw [s0, t0] at bl bh
    have el : (r rLo).val + 1 + (r dLo).val + 65536 = (yLo r).val + 65536 * (r beta + 1).val := by
      refine Felt.natCast_inj_of_lt (by omega) (by omega) ?_
      simp only [Felt.natCast_add, Felt.natCast_mul, Felt.natCast_one]; rw [h65536]; grind
    have eh : (r rHi).val + (r dHi).val + (r beta + 1).val = (yHi r).val + 1 := by
      refine Felt.natCast_inj_of_lt (by omega) (by omega) ?_
      simp only [Felt.natCast_add, Felt.natCast_one]; grind
    rw [s0, t0]; split <;> (try split) <;> omega
  · rw [s0, t1] at bl bh
    have el : (r rLo).val + 1 + (r dLo).val + 65536 + (yLo r).val =
        65536 * (r beta + 1).val := by
      refine Felt.natCast_inj_of_lt (by omega) (by omega) ?_
      simp only [Felt.natCast_add, Felt.natCast_mul, Felt.natCast_one]; rw [h65536]; grind
    have eh : (r rHi).val + (r dHi).val + (r beta + 1).val + (yHi r).val = 65536 + 1 := by
      refine Felt.natCast_inj_of_lt (by omega) (by omega) ?_
      simp only [Felt.natCast_add, Felt.natCast_one]; rw [h65536]; grind
    rw [s0, t1]
    split <;> (try split) <;> omega
  · rw [s1, t0] at bl bh
    have el : 1 + (r dLo).val + 65536 = (yLo r).val + 65536 * (r beta + 1).val + (r rLo).val := by
      refine Felt.natCast_inj_of_lt (by omega) (by omega) ?_
      simp only [Felt.natCast_add, Felt.natCast_mul, Felt.natCast_one]; rw [h65536]; grind
    have eh : 65536 + (r dHi).val + (r beta + 1).val = (yHi r).val + (r rHi).val + 1 := by
      refine Felt.natCast_inj_of_lt (by omega) (by omega) ?_
      simp only [Felt.natCast_add, Felt.natCast_one]; rw [h65536]; grind
    rw [s1, t0]
    split <;> (try split) <;> omega
  · rw [s1, t1] at bl bh
    have el : 1 + (r dLo).val + 65536 + (yLo r).val = 65536 * (r beta + 1).val + (r rLo).val := by
      refine Felt.natCast_inj_of_lt (by omega) (by omega) ?_
      simp only [Felt.natCast_add, Felt.natCast_mul, Felt.natCast_one]; rw [h65536]; grind
    have eh : (r dHi).val + (r beta + 1).val + (yHi r).val = (r rHi).val + 1 := by
      refine Felt.natCast_inj_of_lt (by omega) (by omega) ?_
      simp only [Felt.natCast_add, Felt.natCast_one]; grind
    rw [s1, t1]
    split <;> (try split) <;> omega

end Zkvm.Air.V2.Div
