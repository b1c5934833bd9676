module

public import Zkvm.Air.V2.AluSpec

/-!
# The ALU table: what the groups give before any op is fixed

* `flag_sum`: the op flags' values add up to at most 1 (booleans plus "at most one op"), so
  a set flag clears all the others (`only_add`, …, `only_jalr`);
* `yLo_eq`, `yWord_eq`: y is b, or imm on the immediate forms;
* the word-level facts of the adder, over natural numbers (no field): a subtraction checked
  as `r + y = a` with borrows gives `r = a − y`, the unsigned and signed comparisons and the
  equality test (`sub_word`, `ult_of_sub`, `slt_of_sub`, `eq_of_sub`); the sign bit from the
  `2 hi − 2^16 s` lookup (`sign_of_rest`).
-/

@[expose] public section

namespace Zkvm.Air.V2.Alu

open Zkvm.Field Zkvm.RiscV Zkvm.Air.Table Col

/-! ## Words: subtraction with borrows, comparisons, signs -/

/-- A subtraction checked as the addition `r + y = a` with borrows `c₀`, `c₁`. -/
theorem sub_word {a y : Word} {l h c₀ c₁ : Nat} (hl : l < 2 ^ 16) (hh : h < 2 ^ 16)
    (e₀ : l + y.lo = a.lo + 65536 * c₀) (e₁ : h + y.hi + c₀ = a.hi + 65536 * c₁) :
    Word.ofLimbs l h = a - y := by
  rw [Word.sub_eq_iff]
  exact (Word.add_eq_of_limbs (c₀ := c₀) (c₁ := c₁)
    (by rw [Word.lo_ofLimbs _ hl]; omega) (by rw [Word.hi_ofLimbs hl hh]; omega)).symm

/-- The final borrow is the unsigned comparison. -/
theorem ult_of_sub {a y : Word} {l h c₀ c₁ : Nat} (hl : l < 2 ^ 16) (hh : h < 2 ^ 16)
    (hc₁ : c₁ ≤ 1)
    (e₀ : l + y.lo = a.lo + 65536 * c₀) (e₁ : h + y.hi + c₀ = a.hi + 65536 * c₁) :
    a.ult y = true ↔ c₁ = 1 := by
  have := a.lo_lt; have := y.lo_lt; have := a.hi_lt; have := y.hi_lt
  have ha := Word.toNat_eq_limbs a
  have hy := Word.toNat_eq_limbs y
  simp only [BitVec.ult, decide_eq_true_eq]
  omega

/-- Signed less-than: the borrow `c₁` corrected by the sign bits `sa`, `sy` of a and y is 1
(and otherwise 0: `c₁ + sa − sy` is a bit). -/
theorem slt_of_sub {a y : Word} {l h c₀ c₁ sa sy : Nat} (hl : l < 2 ^ 16) (hh : h < 2 ^ 16)
    (hc₁ : c₁ ≤ 1)
    (e₀ : l + y.lo = a.lo + 65536 * c₀) (e₁ : h + y.hi + c₀ = a.hi + 65536 * c₁)
    (hsa : sa = 1 ↔ 32768 ≤ a.hi) (hsa1 : sa ≤ 1) (hsy : sy = 1 ↔ 32768 ≤ y.hi) (hsy1 : sy ≤ 1) :
    (a.slt y = true ↔ c₁ + sa = 1 + sy) ∧ sy ≤ c₁ + sa ∧ c₁ + sa ≤ 1 + sy := by
  have := a.lo_lt; have := y.lo_lt; have := a.hi_lt; have := y.hi_lt
  have ha := Word.toNat_eq_limbs a
  have hy := Word.toNat_eq_limbs y
  have ia := Word.toInt_eq_limbs a
  have iy := Word.toInt_eq_limbs y
  simp only [BitVec.slt, decide_eq_true_eq]
  rw [ia, iy]
  split <;> split <;> omega

/-- Equality: a = y exactly when the difference's limbs add up to 0. -/
theorem eq_of_sub {a y : Word} {l h c₀ c₁ : Nat} (hl : l < 2 ^ 16) (hh : h < 2 ^ 16)
    (e₀ : l + y.lo = a.lo + 65536 * c₀) (e₁ : h + y.hi + c₀ = a.hi + 65536 * c₁) :
    a = y ↔ l + h = 0 := by
  have := a.lo_lt; have := y.lo_lt; have := a.hi_lt; have := y.hi_lt
  have ha := Word.toNat_eq_limbs a
  have hy := Word.toNat_eq_limbs y
  constructor
  · intro hay; subst hay; omega
  · intro h0; apply BitVec.eq_of_toNat_eq; omega

/-- The sign bit from the lookup of `2 hi − 2^16 s`. -/
theorem sign_of_rest {hi s t : Nat} (hs : s ≤ 1) (ht : t < 65536) (e : t + 65536 * s = 2 * hi) :
    s = 1 ↔ 32768 ≤ hi := by
  omega

/-! ## Field elements -/

theorem val_le_one {x : BabyBear} (h : boolean x = 0) : x.val ≤ 1 := Felt.val_le_one_of_bool h

theorem eq_zero_of_val {x : BabyBear} (h : x.val = 0) : x = 0 := BabyBear.eq_zero_iff_val.mpr h

theorem val_of_eq_one {x : BabyBear} (h : x = 1) : x.val = 1 := by rw [h]; rfl

theorem one_ne_zero : (1 : BabyBear) ≠ 0 := by decide

/-- A boolean that is not 1 is 0. -/
theorem eq_zero_of_bool_ne_one {x : BabyBear} (h : boolean x = 0) (h1 : x ≠ 1) : x = 0 := by
  rcases eq_zero_or_one_of_mul_sub_one h with h | h
  · exact h
  · exact absurd h h1

/-! ## At most one op -/

variable {r : Row BabyBear}

theorem flag_le_one (hg : Groups r) {c : Nat} (hc : c ∈ flags) : (r c).val ≤ 1 :=
  val_le_one (hg.bool_flags c hc)

/-- The op flags' values add up to at most 1. -/
theorem flag_sum (hg : Groups r) :
    (r fAdd).val + (r fSub).val + (r fSlt).val + (r fSltu).val + (r fBeq).val + (r fBne).val +
      (r fBlt).val + (r fBge).val + (r fBltu).val + (r fBgeu).val + (r fJalr).val ≤ 1 := by
  have h0 := flag_le_one hg (c := fAdd) (by simp [flags])
  have h1 := flag_le_one hg (c := fSub) (by simp [flags])
  have h2 := flag_le_one hg (c := fSlt) (by simp [flags])
  have h3 := flag_le_one hg (c := fSltu) (by simp [flags])
  have h4 := flag_le_one hg (c := fBeq) (by simp [flags])
  have h5 := flag_le_one hg (c := fBne) (by simp [flags])
  have h6 := flag_le_one hg (c := fBlt) (by simp [flags])
  have h7 := flag_le_one hg (c := fBge) (by simp [flags])
  have h8 := flag_le_one hg (c := fBltu) (by simp [flags])
  have h9 := flag_le_one hg (c := fBgeu) (by simp [flags])
  have h10 := flag_le_one hg (c := fJalr) (by simp [flags])
  have hP : P = 2013265921 := P_eq
  have hreal : real r = (((r fAdd).val + (r fSub).val + (r fSlt).val + (r fSltu).val +
      (r fBeq).val + (r fBne).val + (r fBlt).val + (r fBge).val + (r fBltu).val +
      (r fBgeu).val + (r fJalr).val : Nat) : BabyBear) := by
    push_natCast; rfl
  have := val_le_one hg.one_op
  rw [hreal, BabyBear.val_natCast, Nat.mod_eq_of_lt (by omega)] at this
  exact this

set_option compiler.extract_closed false in
/-- Closes the ten "other flag is 0" goals from `flag_sum` and the set flag. -/
macro "flags_zero" hg:term:max hop:term:max : tactic => `(tactic| (
  have s := Zkvm.Air.V2.Alu.flag_sum $hg
  have v := Zkvm.Air.V2.Alu.val_of_eq_one $hop
  refine ⟨?_, ?_, ?_, ?_, ?_, ?_, ?_, ?_, ?_, ?_⟩ <;>
    apply Zkvm.Air.V2.Alu.eq_zero_of_val <;> omega))

theorem only_add (hg : Groups r) (h : r fAdd = 1) :
    r fSub = 0 ∧ r fSlt = 0 ∧ r fSltu = 0 ∧ r fBeq = 0 ∧ r fBne = 0 ∧ r fBlt = 0 ∧
      r fBge = 0 ∧ r fBltu = 0 ∧ r fBgeu = 0 ∧ r fJalr = 0 := by flags_zero hg h

theorem only_sub (hg : Groups r) (h : r fSub = 1) :
    r fAdd = 0 ∧ r fSlt = 0 ∧ r fSltu = 0 ∧ r fBeq = 0 ∧ r fBne = 0 ∧ r fBlt = 0 ∧
      r fBge = 0 ∧ r fBltu = 0 ∧ r fBgeu = 0 ∧ r fJalr = 0 := by flags_zero hg h

theorem only_slt (hg : Groups r) (h : r fSlt = 1) :
    r fAdd = 0 ∧ r fSub = 0 ∧ r fSltu = 0 ∧ r fBeq = 0 ∧ r fBne = 0 ∧ r fBlt = 0 ∧
      r fBge = 0 ∧ r fBltu = 0 ∧ r fBgeu = 0 ∧ r fJalr = 0 := by flags_zero hg h

theorem only_sltu (hg : Groups r) (h : r fSltu = 1) :
    r fAdd = 0 ∧ r fSub = 0 ∧ r fSlt = 0 ∧ r fBeq = 0 ∧ r fBne = 0 ∧ r fBlt = 0 ∧
      r fBge = 0 ∧ r fBltu = 0 ∧ r fBgeu = 0 ∧ r fJalr = 0 := by flags_zero hg h

theorem only_beq (hg : Groups r) (h : r fBeq = 1) :
    r fAdd = 0 ∧ r fSub = 0 ∧ r fSlt = 0 ∧ r fSltu = 0 ∧ r fBne = 0 ∧ r fBlt = 0 ∧
      r fBge = 0 ∧ r fBltu = 0 ∧ r fBgeu = 0 ∧ r fJalr = 0 := by flags_zero hg h

theorem only_bne (hg : Groups r) (h : r fBne = 1) :
    r fAdd = 0 ∧ r fSub = 0 ∧ r fSlt = 0 ∧ r fSltu = 0 ∧ r fBeq = 0 ∧ r fBlt = 0 ∧
      r fBge = 0 ∧ r fBltu = 0 ∧ r fBgeu = 0 ∧ r fJalr = 0 := by flags_zero hg h

theorem only_blt (hg : Groups r) (h : r fBlt = 1) :
    r fAdd = 0 ∧ r fSub = 0 ∧ r fSlt = 0 ∧ r fSltu = 0 ∧ r fBeq = 0 ∧ r fBne = 0 ∧
      r fBge = 0 ∧ r fBltu = 0 ∧ r fBgeu = 0 ∧ r fJalr = 0 := by flags_zero hg h

theorem only_bge (hg : Groups r) (h : r fBge = 1) :
    r fAdd = 0 ∧ r fSub = 0 ∧ r fSlt = 0 ∧ r fSltu = 0 ∧ r fBeq = 0 ∧ r fBne = 0 ∧
      r fBlt = 0 ∧ r fBltu = 0 ∧ r fBgeu = 0 ∧ r fJalr = 0 := by flags_zero hg h

theorem only_bltu (hg : Groups r) (h : r fBltu = 1) :
    r fAdd = 0 ∧ r fSub = 0 ∧ r fSlt = 0 ∧ r fSltu = 0 ∧ r fBeq = 0 ∧ r fBne = 0 ∧
      r fBlt = 0 ∧ r fBge = 0 ∧ r fBgeu = 0 ∧ r fJalr = 0 := by flags_zero hg h

theorem only_bgeu (hg : Groups r) (h : r fBgeu = 1) :
    r fAdd = 0 ∧ r fSub = 0 ∧ r fSlt = 0 ∧ r fSltu = 0 ∧ r fBeq = 0 ∧ r fBne = 0 ∧
      r fBlt = 0 ∧ r fBge = 0 ∧ r fBltu = 0 ∧ r fJalr = 0 := by flags_zero hg h

theorem only_jalr (hg : Groups r) (h : r fJalr = 1) :
    r fAdd = 0 ∧ r fSub = 0 ∧ r fSlt = 0 ∧ r fSltu = 0 ∧ r fBeq = 0 ∧ r fBne = 0 ∧
      r fBlt = 0 ∧ r fBge = 0 ∧ r fBltu = 0 ∧ r fBgeu = 0 := by flags_zero hg h

/-! ## The operand y -/

theorem yLo_eq (hj : r fJalr = 0) (hu : boolean (r useImm) = 0) :
    yLo r = if r useImm = 1 then r immLo else r bLo := by
  rcases eq_zero_or_one_of_mul_sub_one hu with h | h
  · rw [if_neg (by rw [h]; decide)]; simp only [yLo, immWeight, h, hj]; grind
  · rw [if_pos h]; simp only [yLo, immWeight, h, hj]; grind

theorem yHi_eq (hj : r fJalr = 0) (hu : boolean (r useImm) = 0) :
    yHi r = if r useImm = 1 then r immHi else r bHi := by
  rcases eq_zero_or_one_of_mul_sub_one hu with h | h
  · rw [if_neg (by rw [h]; decide)]; simp only [yHi, immWeight, h, hj]; grind
  · rw [if_pos h]; simp only [yHi, immWeight, h, hj]; grind

/-- Off JALR, y is read from its own limbs (b's or imm's), which are in range. -/
theorem yWord_eq (hi : Inputs r) (hj : r fJalr = 0) (hu : boolean (r useImm) = 0) :
    yWord r = WordLimbs.ofFelts (yLo r) (yHi r) ∧ (yLo r).val < 2 ^ 16 ∧
      (yHi r).val < 2 ^ 16 := by
  rw [yLo_eq hj hu, yHi_eq hj hu, yWord]
  split
  · exact ⟨rfl, hi.imm_lo, hi.imm_hi⟩
  · exact ⟨rfl, hi.b_lo, hi.b_hi⟩

/-- Without the immediate form, y is b. -/
theorem yWord_of_useImm (h : r useImm = 0) : yWord r = bWord r := by
  rw [yWord, if_neg (by rw [h]; decide)]

end Zkvm.Air.V2.Alu
