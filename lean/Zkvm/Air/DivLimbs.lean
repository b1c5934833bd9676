module

public import Zkvm.Air.WordLimbs

/-!
# Division: the identity `x = q·y + r` and the RV32IM results (DIV, DIVU, REM, REMU)

A division constraint does not divide: it checks that a claimed quotient `q` and remainder
`r` satisfy `x = q·y + r` with `|r| < |y|` (and, signed, `r` of the sign of `x`). These are
the facts that make such a check sound and complete against `MulOp.eval`
(`Zkvm.RiscV.Execute`), including the two special cases of the spec (table 13.1):

* unsigned (`divu_remu_of_identity`, `identity_divu_remu`): for `y ≠ 0`, the identity on
  the unsigned values with `r < y` holds exactly for `q = DIVU`, `r = REMU`;
* signed (`div_rem_of_identity`, `identity_div_rem`): for `y ≠ 0`, the identity on the
  signed values (`toInt`) with `|r| < |y|` and `r` of the sign of `x` (or zero) forces
  `q = DIV`, `r = REM`; conversely DIV and REM satisfy it, except in the overflow case
  `x = −2^31, y = −1`, where no word `q` can (`not_identity_overflow`: `2^31` is not a
  signed word) and the results are `−2^31` and `0` (`MulOp.div_overflow`, `rem_overflow`);
* division by zero: `DIV`/`DIVU` give all ones and `REM`/`REMU` give `x`
  (`MulOp.div_zero` and so on); the identity holds there too;
* `div_identity_word`, `divu_identity_word`: in all cases, zero divisor and overflow included,
  `x = q·y + r` holds modulo `2^32` for the semantics' results.
-/

@[expose] public section

namespace Zkvm.Air

open Zkvm.RiscV

namespace DivLimbs

/-! ## Unsigned -/

/-- **DIVU, REMU, soundness**: for a nonzero divisor, the identity with a remainder below the
divisor determines the quotient and remainder. -/
theorem divu_remu_of_identity {a b q r : Word} (hb : b ≠ 0)
    (h : a.toNat = q.toNat * b.toNat + r.toNat) (hr : r.toNat < b.toNat) :
    MulOp.divu.eval a b = q ∧ MulOp.remu.eval a b = r := by
  have hpos : 0 < b.toNat := Nat.lt_of_le_of_lt (Nat.zero_le _) hr
  have hq : a.toNat / b.toNat = q.toNat := by
    rw [h, Nat.mul_comm, Nat.mul_add_div hpos, Nat.div_eq_of_lt hr, Nat.add_zero]
  have hm : a.toNat % b.toNat = r.toNat := by
    rw [h, Nat.mul_comm, Nat.mul_add_mod, Nat.mod_eq_of_lt hr]
  simp only [MulOp.eval, hb, if_false]
  constructor
  · apply BitVec.eq_of_toNat_eq
    rw [BitVec.toNat_ofNat, hq, Nat.mod_eq_of_lt q.isLt]
  · apply BitVec.eq_of_toNat_eq
    rw [BitVec.toNat_ofNat, hm, Nat.mod_eq_of_lt r.isLt]

/-- **DIVU, REMU, completeness**: the results satisfy the identity. -/
theorem identity_divu_remu {a b : Word} (hb : b ≠ 0) :
    a.toNat = (MulOp.divu.eval a b).toNat * b.toNat + (MulOp.remu.eval a b).toNat ∧
      (MulOp.remu.eval a b).toNat < b.toNat := by
  have hpos : 0 < b.toNat := by
    refine Nat.pos_of_ne_zero fun h => hb ?_
    apply BitVec.eq_of_toNat_eq; rw [h]; rfl
  have ha := a.isLt
  simp only [MulOp.eval, hb, if_false, BitVec.toNat_ofNat]
  have h1 : a.toNat / b.toNat < 2 ^ 32 := Nat.lt_of_le_of_lt (Nat.div_le_self _ _) ha
  have h2 : a.toNat % b.toNat < 2 ^ 32 := Nat.lt_of_le_of_lt (Nat.mod_le _ _) ha
  rw [Nat.mod_eq_of_lt h1, Nat.mod_eq_of_lt h2]
  exact ⟨(Nat.div_add_mod' a.toNat b.toNat).symm, Nat.mod_lt _ hpos⟩

/-! ## Signed -/

/-- Truncated division is determined by the identity, the remainder bound and its sign. -/
theorem tdiv_tmod_of_identity {x y q r : Int} (hy : y ≠ 0) (h : x = q * y + r)
    (hr : r.natAbs < y.natAbs) (hpos : 0 ≤ x → 0 ≤ r) (hneg : x < 0 → r ≤ 0) :
    x.tdiv y = q ∧ x.tmod y = r := by
  by_cases hx : 0 ≤ x
  · have hr0 := hpos hx
    refine (Int.tdiv_tmod_unique hx hy).mpr ⟨by rw [h, Int.mul_comm]; omega, hr0, ?_⟩
    omega
  · have hx' : 0 ≤ -x := by omega
    have hr0 := hneg (by omega)
    have := (Int.tdiv_tmod_unique (q := -q) (r := -r) hx' hy).mpr
      ⟨by rw [h, Int.mul_neg, Int.mul_comm]; omega, by omega, by omega⟩
    rw [Int.neg_tdiv, Int.neg_tmod] at this
    omega

/-- The quotient and remainder of truncated division meet the identity, the bound and the
sign condition. -/
theorem identity_tdiv_tmod (x y : Int) (hy : y ≠ 0) :
    x = x.tdiv y * y + x.tmod y ∧ (x.tmod y).natAbs < y.natAbs ∧
      (0 ≤ x → 0 ≤ x.tmod y) ∧ (x < 0 → x.tmod y ≤ 0) := by
  refine ⟨?_, ?_, fun hx => Int.tmod_nonneg y hx, fun hx => ?_⟩
  · have := Int.mul_tdiv_add_tmod x y
    rw [Int.mul_comm] at this
    exact this.symm
  · rw [Int.natAbs_tmod]
    exact Nat.mod_lt _ (Int.natAbs_pos.mpr hy)
  · have := Int.tmod_nonneg y (a := -x) (by omega)
    rw [Int.neg_tmod] at this
    omega

/-- **DIV, REM, soundness**: for a nonzero divisor, words `q`, `r` meeting the identity on
signed values, `|r| < |y|` and the sign condition are the results. (In the overflow case no
word meets it: `not_identity_overflow`.) -/
theorem div_rem_of_identity {a b q r : Word} (hb : b ≠ 0)
    (h : a.toInt = q.toInt * b.toInt + r.toInt) (hr : r.toInt.natAbs < b.toInt.natAbs)
    (hpos : 0 ≤ a.toInt → 0 ≤ r.toInt) (hneg : a.toInt < 0 → r.toInt ≤ 0) :
    MulOp.div.eval a b = q ∧ MulOp.rem.eval a b = r := by
  have hy : b.toInt ≠ 0 := fun h0 => hb (BitVec.eq_of_toInt_eq (by rw [h0]; rfl))
  obtain ⟨hq, hm⟩ := tdiv_tmod_of_identity hy h hr hpos hneg
  simp only [MulOp.eval, hb, if_false, hq, hm, BitVec.ofInt_toInt]
  exact ⟨trivial, trivial⟩

/-- The overflow case: `−2^31 = q·(−1) + r` with `|r| < 1` would need `q = 2^31`, which is
not a signed word. -/
theorem not_identity_overflow (q r : Word) (hr : r.toInt.natAbs < (-1 : Word).toInt.natAbs) :
    (BitVec.intMin 32).toInt ≠ q.toInt * (-1 : Word).toInt + r.toInt := by
  have hm1 : (-1 : Word).toInt = -1 := by decide
  have hmin : (BitVec.intMin 32).toInt = -2 ^ 31 := by decide
  have hq := @BitVec.toInt_lt 32 q
  rw [hm1] at hr ⊢
  rw [hmin]
  simp only [Nat.reduceSub] at hq
  omega

/-- **DIV, REM, completeness**: outside division by zero and overflow, the results meet the
identity, the bound and the sign condition. -/
theorem identity_div_rem {a b : Word} (hb : b ≠ 0)
    (hov : ¬(a = BitVec.intMin 32 ∧ b = -1)) :
    a.toInt = (MulOp.div.eval a b).toInt * b.toInt + (MulOp.rem.eval a b).toInt ∧
      (MulOp.rem.eval a b).toInt.natAbs < b.toInt.natAbs ∧
      (0 ≤ a.toInt → 0 ≤ (MulOp.rem.eval a b).toInt) ∧
      (a.toInt < 0 → (MulOp.rem.eval a b).toInt ≤ 0) := by
  have hy : b.toInt ≠ 0 := fun h0 => hb (BitVec.eq_of_toInt_eq (by rw [h0]; rfl))
  obtain ⟨hid, hbound, hp, hn⟩ := identity_tdiv_tmod a.toInt b.toInt hy
  have hxl := BitVec.le_toInt a
  have hxu := @BitVec.toInt_lt 32 a
  have hyl := BitVec.le_toInt b
  have hyu := @BitVec.toInt_lt 32 b
  simp only [Nat.reduceSub] at hxl hxu hyl hyu
  -- the remainder fits: |r| < |y| ≤ 2^31
  have hrem : (BitVec.ofInt 32 (a.toInt.tmod b.toInt)).toInt = a.toInt.tmod b.toInt := by
    rw [BitVec.toInt_ofInt]
    apply Int.bmod_eq_of_le <;> omega
  -- the quotient fits: |q| ≤ |x| ≤ 2^31, and q = 2^31 only in the overflow case
  have hquo : (BitVec.ofInt 32 (a.toInt.tdiv b.toInt)).toInt = a.toInt.tdiv b.toInt := by
    have habs : (a.toInt.tdiv b.toInt).natAbs ≤ a.toInt.natAbs := by
      rw [Int.natAbs_tdiv]; exact Nat.div_le_self _ _
    have hne : a.toInt.tdiv b.toInt ≠ 2 ^ 31 := by
      intro h2
      apply hov
      -- |q| = |x| = 2^31 forces |y| = 1, and q > 0 with x < 0 forces y = −1
      have hx : a.toInt = -2 ^ 31 := by omega
      have hy1 : b.toInt = -1 := by
        have hq := hid
        rw [h2] at hq
        omega
      exact ⟨BitVec.eq_of_toInt_eq (by rw [hx]; decide),
        BitVec.eq_of_toInt_eq (by rw [hy1]; decide)⟩
    rw [BitVec.toInt_ofInt]
    apply Int.bmod_eq_of_le <;> omega
  simp only [MulOp.eval, hb, if_false, hrem, hquo]
  exact ⟨hid, hbound, hp, hn⟩

/-! ## The identity modulo 2^32, in every case -/

/-- `x = DIVU·y + REMU` as words, division by zero included. -/
theorem divu_identity_word (a b : Word) :
    a = MulOp.divu.eval a b * b + MulOp.remu.eval a b := by
  by_cases hb : b = 0
  · subst hb; simp [MulOp.eval]
  · obtain ⟨h, _⟩ := identity_divu_remu (a := a) hb
    apply BitVec.eq_of_toNat_eq
    rw [BitVec.toNat_add, BitVec.toNat_mul, Nat.mod_add_mod, ← h, Nat.mod_eq_of_lt a.isLt]

/-- `x = DIV·y + REM` as words, division by zero and overflow included. -/
theorem div_identity_word (a b : Word) :
    a = MulOp.div.eval a b * b + MulOp.rem.eval a b := by
  by_cases hb : b = 0
  · subst hb; simp [MulOp.eval]
  · by_cases hov : a = BitVec.intMin 32 ∧ b = -1
    · obtain ⟨rfl, rfl⟩ := hov
      rw [MulOp.div_overflow, MulOp.rem_overflow]
      decide
    · obtain ⟨h, _⟩ := identity_div_rem hb hov
      apply BitVec.eq_of_toInt_eq
      rw [BitVec.toInt_add, BitVec.toInt_mul, Int.bmod_add_bmod, ← h, Int.bmod_eq_of_le]
      · have := BitVec.le_toInt a; simp only [Nat.reduceSub] at this; omega
      · have := @BitVec.toInt_lt 32 a; simp only [Nat.reduceSub] at this; omega

end DivLimbs

end Zkvm.Air
