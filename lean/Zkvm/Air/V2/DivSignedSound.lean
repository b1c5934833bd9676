module

public import Zkvm.Air.V2.DivSignedBound

/-!
# The DIV table: soundness of DIV and REM

`div_sound`, `rem_sound`: on a row whose flag for the op is set, the groups, the lookups and
well-formed a and b force c to be `MulOp.eval` on a and b, division by zero and the overflow
`−2^31 / −1` included, with c's limbs below `2^16`.

`signed_core`: with YZ = 0 the exact identity (`signed_identity`), the remainder bound
(`signed_bound`) and the sign condition (SR is 0 or SA, and r = 0 when they differ) make
`q' = q − 2^32 sq` and `r' = r − 2^32 sr` the truncated quotient and remainder
(`DivLimbs.tdiv_tmod_of_identity`; for the overflow q' = 2^31, whose word is `0x8000_0000`);
with YZ = 1, b = 0, q is all ones and r' = a.
-/

@[expose] public section

namespace Zkvm.Air.V2.Div

open Zkvm.Field Zkvm.RiscV Zkvm.Air.Table Col
open Zkvm.Air.V2.Mul (pair pair_val one_ne_zero eq_zero_of_val val_of_eq_one val_natCast_lt)

variable {r : Row BabyBear}

/-- y's bytes are 0 when YZ = 1. -/
theorem b_zero (hg : Groups r) (hz : r yz = 1) (bY : ∀ i, i < 4 → (r (y0 + i)).val < 256)
    (hi : Inputs r) : bWord r = 0 ∧ qWord r = BitVec.allOnes 32 := by
  have hP : P = 2013265921 := P_eq
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
    rw [bWord, WordLimbs.toNat_ofFelts hi.b_lo hi.b_hi]; unfold yLo yHi
    rw [pair_val b0 b1, pair_val b2 b3]
    show _ = 0
    omega
  · have ql := hg.yz_q_lo
    have qh := hg.yz_q_hi
    rw [hz] at ql qh
    have l : qLo r = ((65535 : Nat) : BabyBear) := by rw [Felt.natCast_ofNat]; grind
    have h : qHi r = ((65535 : Nat) : BabyBear) := by rw [Felt.natCast_ofNat]; grind
    apply BitVec.eq_of_toNat_eq
    rw [qWord, WordLimbs.toNat_ofFelts (by rw [l, val_natCast_lt (by decide)]; decide)
      (by rw [h, val_natCast_lt (by decide)]; decide), l, h, val_natCast_lt (by decide)]
    rfl

/-- What a signed real row gives. -/
theorem signed_core (hg : Groups r) (hl : Lookups r) (hi : Inputs r) (hreal : real r = 1)
    (hsg : signed r = 1) :
    ((bWord r ≠ 0 ∧
        (aWord r).toInt.tdiv (bWord r).toInt = ((qWord r).toNat : Int) - 2 ^ 32 * (r sq).val ∧
        (aWord r).toInt.tmod (bWord r).toInt = ((rWord r).toNat : Int) - 2 ^ 32 * (r sr).val) ∨
      (bWord r = 0 ∧ qWord r = BitVec.allOnes 32 ∧ rWord r = aWord r)) ∧
      (qLo r).val < 2 ^ 16 ∧ (qHi r).val < 2 ^ 16 ∧ (r rLo).val < 2 ^ 16 ∧
      (r rHi).val < 2 ^ 16 := by
  have hr : real r ≠ 0 := by rw [hreal]; exact one_ne_zero
  have hP : P = 2013265921 := P_eq
  obtain ⟨hid, bsq, bsr, sa', sy', lq0, lq1, lr0, lr1⟩ := signed_identity hg hl hi hreal hsg
  refine ⟨?_, lq0, lq1, lr0, lr1⟩
  have bsa : (r sa).val ≤ 1 := by rw [sa']; split <;> omega
  have bsy : (r sy).val ≤ 1 := by rw [sy']; split <;> omega
  have ha := (aWord r).isLt
  have hb := (bWord r).isLt
  have hrw := (rWord r).isLt
  have hq := (qWord r).isLt
  have tr : (rWord r).toNat = (r rLo).val + 65536 * (r rHi).val :=
    WordLimbs.toNat_ofFelts lr0 lr1
  have ta := toInt_of_bit (aWord r) sa'
  have tb := toInt_of_bit (bWord r) sy'
  obtain ⟨hy0, hy1⟩ := lt_of_bit (bWord r) sy'
  obtain ⟨ha0, ha1⟩ := lt_of_bit (aWord r) sa'
  -- SR is 0 or SA, and r = 0 when they differ
  have hsr : (r sr).val = 0 ∨ (r sr).val = (r sa).val := by
    rcases eq_zero_or_eq_zero_of_mul_eq_zero hg.sign_r with h | h
    · left; rw [h]; rfl
    · right; have : r sr = r sa := by grind
      rw [this]
  have hrz : (r sr).val ≠ (r sa).val → (rWord r).toNat = 0 := fun hne => by
    have e := hg.rem_zero
    rcases eq_zero_or_eq_zero_of_mul_eq_zero e with h | h
    · exfalso; apply hne; have : r sr = r sa := by grind
      rw [this]
    · have e' : r rLo + r rHi = (((r rLo).val + (r rHi).val : Nat) : BabyBear) := by
        simp only [Felt.natCast_add, Felt.natCast_val]
      rw [e'] at h
      have v := congrArg BabyBear.val h
      rw [BabyBear.val_natCast, hP, Nat.mod_eq_of_lt (by omega)] at v
      rw [tr]; have : (0 : BabyBear).val = 0 := rfl; omega
  have hyz := hg.yz_bool
  rw [hreal] at hyz
  rcases eq_zero_or_one_of_mul_sub_one (b := r yz) (by grind) with hz | hz
  · left
    have hbd := signed_bound hg hl hi hreal hz bsr bsy
    have hb0 : bWord r ≠ 0 := by
      intro h0
      have : (bWord r).toNat = 0 := by rw [h0]; rfl
      rw [this] at hbd hy1
      have : (r sy).val = 0 := by omega
      rw [this] at hbd
      split at hbd <;> simp at hbd
    refine ⟨hb0, ?_⟩
    have hyne : (bWord r).toInt ≠ 0 := by
      intro h0; apply hb0
      apply BitVec.eq_of_toNat_eq
      rw [tb] at h0
      have : (0 : Word).toNat = 0 := rfl
      rw [this]; omega
    have hrb : (((rWord r).toNat : Int) - 2 ^ 32 * (r sr).val).natAbs <
        (bWord r).toInt.natAbs := by
      rw [tb]
      rcases (by omega : (r sr).val = 0 ∨ (r sr).val = 1) with s | s <;>
        rcases (by omega : (r sy).val = 0 ∨ (r sy).val = 1) with t | t <;>
        rw [s, t] at hbd <;> simp only [s, t] at hbd ⊢ <;> simp at hbd <;> omega
    have hpos : 0 ≤ (aWord r).toInt → 0 ≤ ((rWord r).toNat : Int) - 2 ^ 32 * (r sr).val := by
      intro h; rw [ta] at h
      have : (r sa).val = 0 := by omega
      omega
    have hneg : (aWord r).toInt < 0 → ((rWord r).toNat : Int) - 2 ^ 32 * (r sr).val ≤ 0 := by
      intro h; rw [ta] at h
      have s1 : (r sa).val = 1 := by omega
      rcases hsr with s | s
      · have := hrz (by omega); omega
      · omega
    exact DivLimbs.tdiv_tmod_of_identity hyne hid hrb hpos hneg
  · right
    have bq := hl.byte_q hr
    have y2 := hl.byte_y hr 2 (by omega)
    have bY : ∀ i, i < 4 → (r (y0 + i)).val < 256 := fun i hi' => by
      rcases (by omega : i < 3 ∨ i = 3) with h | rfl
      · exact hl.byte_y hr i h
      · have ty : (Mul.topByte (r (y0 + 3)) (r sy) 1).val < 256 := by
          have t := hl.top_y hr; rw [hsg] at t; exact t
        exact (Mul.sign_of_top bsy y2 ty hi.b_hi
          (WordLimbs.hi_ofFelts hi.b_lo hi.b_hi).symm).1
    obtain ⟨hb0, hq1⟩ := b_zero hg hz bY hi
    refine ⟨hb0, hq1, ?_⟩
    have : (bWord r).toInt = 0 := by rw [hb0]; rfl
    rw [this, Int.mul_zero, Int.zero_add, ta] at hid
    apply BitVec.eq_of_toNat_eq
    omega

theorem ofInt_eq_of {w : Word} {x : Int} {s : Nat} (h : x = (w.toNat : Int) - 2 ^ 32 * s) :
    BitVec.ofInt 32 x = w := by
  apply BitVec.eq_of_toNat_eq
  rw [BitVec.toNat_ofInt, h]
  have := w.isLt
  omega

/-- **DIV**: c = a / b, truncated (all ones for b = 0, −2^31 for −2^31 / −1). -/
theorem div_sound (hg : Groups r) (hl : Lookups r) (hi : Inputs r) (hop : r fDiv = 1) :
    cWord r = MulOp.div.eval (aWord r) (bWord r) ∧ (r cLo).val < 2 ^ 16 ∧
      (r cHi).val < 2 ^ 16 := by
  have s := flag_sum hg
  have v := val_of_eq_one hop
  have z1 : r fDivu = 0 := eq_zero_of_val (by omega)
  have z2 : r fRem = 0 := eq_zero_of_val (by omega)
  have z3 : r fRemu = 0 := eq_zero_of_val (by omega)
  have hreal : real r = 1 := by unfold real; rw [hop, z1, z2, z3]; decide
  have hsg : signed r = 1 := by unfold signed; rw [hop, z2]; decide
  have hq : quotient r = 1 := by unfold quotient; rw [hop, z1]; decide
  obtain ⟨hcase, lq0, lq1, _, _⟩ := signed_core hg hl hi hreal hsg
  have c0 : r cLo = qLo r := by have e := hg.c_q_lo; rw [hq] at e; grind
  have c1 : r cHi = qHi r := by have e := hg.c_q_hi; rw [hq] at e; grind
  have hc : cWord r = qWord r := by rw [cWord, qWord, c0, c1]
  refine ⟨?_, by rw [c0]; exact lq0, by rw [c1]; exact lq1⟩
  rw [hc]
  rcases hcase with ⟨hb, hd, _⟩ | ⟨hb, hq1, _⟩
  · simp only [MulOp.eval, hb, if_false]
    exact (ofInt_eq_of hd).symm
  · rw [hb, hq1]; simp [MulOp.eval]

/-- **REM**: c = a rem b, truncated (a for b = 0, 0 for −2^31 rem −1). -/
theorem rem_sound (hg : Groups r) (hl : Lookups r) (hi : Inputs r) (hop : r fRem = 1) :
    cWord r = MulOp.rem.eval (aWord r) (bWord r) ∧ (r cLo).val < 2 ^ 16 ∧
      (r cHi).val < 2 ^ 16 := by
  have s := flag_sum hg
  have v := val_of_eq_one hop
  have z0 : r fDiv = 0 := eq_zero_of_val (by omega)
  have z1 : r fDivu = 0 := eq_zero_of_val (by omega)
  have z3 : r fRemu = 0 := eq_zero_of_val (by omega)
  have hreal : real r = 1 := by unfold real; rw [z0, z1, hop, z3]; decide
  have hsg : signed r = 1 := by unfold signed; rw [z0, hop]; decide
  have hm : remainder r = 1 := by unfold remainder; rw [hop, z3]; decide
  obtain ⟨hcase, _, _, lr0, lr1⟩ := signed_core hg hl hi hreal hsg
  have c0 : r cLo = r rLo := by have e := hg.c_r_lo; rw [hm] at e; grind
  have c1 : r cHi = r rHi := by have e := hg.c_r_hi; rw [hm] at e; grind
  have hc : cWord r = rWord r := by rw [cWord, rWord, c0, c1]
  refine ⟨?_, by rw [c0]; exact lr0, by rw [c1]; exact lr1⟩
  rw [hc]
  rcases hcase with ⟨hb, _, hm'⟩ | ⟨hb, _, hra⟩
  · simp only [MulOp.eval, hb, if_false]
    exact (ofInt_eq_of hm').symm
  · rw [hb, hra]; simp [MulOp.eval]

end Zkvm.Air.V2.Div
