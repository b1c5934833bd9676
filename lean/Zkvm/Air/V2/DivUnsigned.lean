module

public import Zkvm.Air.V2.DivCore
public import Zkvm.Air.DivLimbs

/-!
# The DIV table: soundness of DIVU, REMU

On a row whose flag for DIVU or REMU is set, the groups (`Groups`), the lookups (`Lookups`) and a
well-formed a (`Inputs`) force c to be the semantics' result (`MulOp.eval`) on a and b, with
c's limbs below `2^16`, division by zero included: `divu_sound`, `remu_sound`.

On an unsigned row every sign bit is 0; the identity mod `2^64` (`identity_core`) is exact
over ℕ (`q·y + r < 2^64`); with y ≠ 0 (YZ = 0) the remainder bound lifts to `r + 1 + d = y`;
with YZ = 1, y's bytes are 0, q is all ones and the identity gives r = a. `DivLimbs`
finishes.
-/

@[expose] public section

namespace Zkvm.Air.V2.Div

open Zkvm.Field Zkvm.RiscV Zkvm.Air.Table Col
open Zkvm.Air.V2.Mul (val8 cellsNat pair pair_val val8_cellsNat eq_zero_of_val val_of_eq_one val_le_one
  one_ne_zero val_natCast_lt)

variable {r : Row BabyBear}

theorem zero_of_mul_neg {x : BabyBear} (h : x * (0 - x) = 0) : x = 0 := by
  rcases eq_zero_or_eq_zero_of_mul_eq_zero h with h | h
  · exact h
  · grind

/-- q and r as words. -/
noncomputable def qWord (r : Row BabyBear) : Word := WordLimbs.ofFelts (qLo r) (qHi r)
noncomputable def rWord (r : Row BabyBear) : Word := WordLimbs.ofFelts (r rLo) (r rHi)

theorem flag_sum (hg : Groups r) :
    (r fDiv).val + (r fDivu).val + (r fRem).val + (r fRemu).val ≤ 1 := by
  have h0 := val_le_one (hg.bool_flags fDiv (by simp [flags]))
  have h1 := val_le_one (hg.bool_flags fDivu (by simp [flags]))
  have h2 := val_le_one (hg.bool_flags fRem (by simp [flags]))
  have h3 := val_le_one (hg.bool_flags fRemu (by simp [flags]))
  have hP : P = 2013265921 := P_eq
  have hreal : real r = (((r fDiv).val + (r fDivu).val + ((r fRem).val + (r fRemu).val) : Nat) :
      BabyBear) := by
    simp only [Felt.natCast_add, Felt.natCast_val]; rfl
  have := val_le_one hg.one_op
  rw [hreal, BabyBear.val_natCast, Nat.mod_eq_of_lt (by omega)] at this
  omega

/-- What an unsigned real row gives: the exact identity, and either the remainder bound with
b ≠ 0 or division by zero with q all ones. -/
theorem unsigned_core (hg : Groups r) (hl : Lookups r) (hi : Inputs r) (hreal : real r = 1)
    (hsg : signed r = 0) :
    (qWord r).toNat * (bWord r).toNat + (rWord r).toNat = (aWord r).toNat ∧
      ((bWord r ≠ 0 ∧ (rWord r).toNat < (bWord r).toNat) ∨
        (bWord r = 0 ∧ qWord r = BitVec.allOnes 32)) ∧
      (qLo r).val < 2 ^ 16 ∧ (qHi r).val < 2 ^ 16 ∧ (r rLo).val < 2 ^ 16 ∧
      (r rHi).val < 2 ^ 16 := by
  have hr : real r ≠ 0 := by rw [hreal]; exact one_ne_zero
  have hP : P = 2013265921 := P_eq
  have hsa : r sa = 0 := by have e := hg.sign_a; rw [hsg] at e; exact zero_of_mul_neg e
  have hsy : r sy = 0 := by have e := hg.sign_y; rw [hsg] at e; exact zero_of_mul_neg e
  have hsq : r sq = 0 := by have e := hg.sign_q; rw [hsg] at e; exact zero_of_mul_neg e
  have hsr : r sr = 0 := by have e := hg.sign_r; rw [hsa] at e; exact zero_of_mul_neg e
  have h0 : (0 : BabyBear).val = 0 := rfl
  have bq := hl.byte_q hr
  have bY : ∀ i, i < 4 → (r (y0 + i)).val < 256 := fun i hi => by
    rcases (by omega : i < 3 ∨ i = 3) with h | rfl
    · exact hl.byte_y hr i h
    · have t := hl.top_y hr
      rw [hsy, hsg] at t
      have e : r (y0 + 3) - 256 * 0 + 128 * 0 = r (y0 + 3) := by grind
      rw [e] at t; exact t
  have lr0 := hl.limb_r_lo hr
  have lr1 := hl.limb_r_hi hr
  have e := identity_core hg hl hreal bq (by rw [hsq]; decide) bY (by rw [hsy]; decide)
    (by rw [hsr]; decide) (by rw [hsa]; decide) hi.a_lo hi.a_hi
  obtain ⟨xq, lq0, lq1⟩ := val8_cellsNat (sign := sq) bq
  obtain ⟨xy, ly0, ly1⟩ := val8_cellsNat (sign := sy) bY
  rw [xq, xy, hsq, hsy, hsr, hsa, h0] at e
  simp only [Nat.zero_mul, Nat.add_zero] at e
  have tq : (qWord r).toNat = (qLo r).val + 2 ^ 16 * (qHi r).val :=
    WordLimbs.toNat_ofFelts lq0 lq1
  have ty : (bWord r).toNat = (yLo r).val + 2 ^ 16 * (yHi r).val :=
    WordLimbs.toNat_ofFelts ly0 ly1
  have tr : (rWord r).toNat = (r rLo).val + 2 ^ 16 * (r rHi).val :=
    WordLimbs.toNat_ofFelts lr0 lr1
  have ta : (aWord r).toNat = (r aLo).val + 2 ^ 16 * (r aHi).val :=
    WordLimbs.toNat_ofFelts hi.a_lo hi.a_hi
  have xq' : (WordLimbs.ofFelts (pair (r q0) (r (q0 + 1))) (pair (r (q0 + 2)) (r (q0 + 3)))).toNat
      = (qWord r).toNat := rfl
  have xy' : (WordLimbs.ofFelts (pair (r y0) (r (y0 + 1))) (pair (r (y0 + 2)) (r (y0 + 3)))).toNat
      = (bWord r).toNat := rfl
  rw [xq', xy'] at e
  -- exactness
  have hq := (qWord r).isLt
  have hb := (bWord r).isLt
  have hqb : (qWord r).toNat * (bWord r).toNat ≤ (2 ^ 32 - 1) * (2 ^ 32 - 1) :=
    Nat.mul_le_mul (by omega) (by omega)
  have hr32 := (rWord r).isLt
  have ha32 := (aWord r).isLt
  have hid : (qWord r).toNat * (bWord r).toNat + (rWord r).toNat = (aWord r).toNat := by
    rw [tr] at hr32; rw [ta] at ha32; rw [tr, ta]
    generalize (qWord r).toNat * (bWord r).toNat = z at *
    simp only [Nat.reducePow] at *
    omega
  refine ⟨hid, ?_, lq0, lq1, lr0, lr1⟩
  -- y = 0 or the bound
  have hyz := hg.yz_bool
  rw [hreal] at hyz
  rcases eq_zero_or_one_of_mul_sub_one (b := r yz) (by grind) with hz | hz
  · left
    have hc : compares r = 1 := by unfold compares; rw [hreal, hz]; grind
    have hc' : compares r ≠ 0 := by rw [hc]; exact one_ne_zero
    have bl := hg.bound_lo
    have bh := hg.bound_hi
    rw [hc] at bl bh
    unfold boundLo magLo at bl
    unfold boundHi magHi at bh
    rw [hsr, hsy] at bl bh
    have ly0' : (yLo r).val < 2 ^ 16 := ly0
    have ly1' : (yHi r).val < 2 ^ 16 := ly1
    have dl := hl.d_lo hc'
    have dh := hl.d_hi hc'
    have bb := hl.beta hc'
    have el : (r rLo).val + 1 + (r dLo).val + 65536 = (yLo r).val + 65536 * (r beta + 1).val := by
      refine Felt.natCast_inj_of_lt (by omega) (by omega) ?_
      simp only [Felt.natCast_add, Felt.natCast_mul, Felt.natCast_val, Felt.natCast_one]
      have h65536 : ((65536 : Nat) : BabyBear) = 65536 := rfl
      rw [h65536]; grind
    have eh : (r rHi).val + (r dHi).val + (r beta + 1).val = (yHi r).val + 1 := by
      refine Felt.natCast_inj_of_lt (by omega) (by omega) ?_
      simp only [Felt.natCast_add, Felt.natCast_val, Felt.natCast_one]
      grind
    have hlt : (rWord r).toNat < (bWord r).toNat := by rw [tr, ty]; omega
    refine ⟨fun h0 => ?_, hlt⟩
    rw [h0] at hlt; exact absurd hlt (by simp)
  · right
    have hys := hg.yz_y
    rw [hz] at hys
    have b0 := bY 0 (by omega)
    have b1 := bY 1 (by omega)
    have b2 := bY 2 (by omega)
    have b3 := bY 3 (by omega)
    simp only [Nat.add_zero] at b0
    have es : ((r y0).val + (r (y0 + 1)).val + ((r (y0 + 2)).val + (r (y0 + 3)).val) = 0) := by
      have e' : r y0 + r (y0 + 1) + (r (y0 + 2) + r (y0 + 3)) =
          ((((r y0).val + (r (y0 + 1)).val + ((r (y0 + 2)).val + (r (y0 + 3)).val)) : Nat) :
            BabyBear) := by simp only [Felt.natCast_add, Felt.natCast_val]
      have : r y0 + r (y0 + 1) + (r (y0 + 2) + r (y0 + 3)) = 0 := by grind
      rw [e'] at this
      have v := congrArg BabyBear.val this
      rw [BabyBear.val_natCast, hP, Nat.mod_eq_of_lt (by omega)] at v
      exact v
    refine ⟨?_, ?_⟩
    · apply BitVec.eq_of_toNat_eq
      rw [ty]; unfold yLo yHi; rw [pair_val b0 b1, pair_val b2 b3]
      show _ = 0
      omega
    · have ql := hg.yz_q_lo
      have qh := hg.yz_q_hi
      rw [hz] at ql qh
      have l : qLo r = ((65535 : Nat) : BabyBear) := by rw [Felt.natCast_ofNat]; grind
      have h : qHi r = ((65535 : Nat) : BabyBear) := by rw [Felt.natCast_ofNat]; grind
      apply BitVec.eq_of_toNat_eq
      rw [tq, l, h, val_natCast_lt (by decide)]
      rfl

end Zkvm.Air.V2.Div
