module

public import Zkvm.Air.V2.MemBasic

/-!
# The MEM table: soundness of the loads (LB, LH, LW, LBU, LHU)

On a row whose flag for the load is set, the groups (`Groups`), the range lookups (`Lookups`)
and well-formed operands and old word (`Inputs`) force:
* the access is at the word address `⌊(a + imm) / 4⌋` (below 2^30), aligned to the access size;
* the word is left unchanged (new = old);
* c is the semantics' load (`loadValue`: `LoadWidth.extend` of the addressed bytes of the old
  word, as `execLoad` computes it) at the lane `(a + imm) mod 4`, with limbs below 2^16.
`lb_sound`, `lh_sound`, `lw_sound`, `lbu_sound`, `lhu_sound`. No proof names a constraint by its
index.
-/

@[expose] public section

namespace Zkvm.Air.V2.Mem

open Zkvm.Field Zkvm.RiscV Zkvm.Air.Table Col

variable {r : Row BabyBear}

/-- What a load row proves about its access: the word address, the alignment, and an unchanged
word. -/
structure LoadAccess (r : Row BabyBear) (size : Nat) : Prop where
  wa : (wordAddr r).val = (addr r).toNat / 4
  wa_lt : (wordAddr r).val < 2 ^ 30
  aligned : (addr r).toNat % size = 0
  new_lo : r newLo = r oldLo
  new_hi : r newHi = r oldHi

/-- The word of two cells is the `Word.ofLimbs` of their values. -/
theorem ofFelts_eq (a b : BabyBear) : WordLimbs.ofFelts a b = Word.ofLimbs a.val b.val := rfl

/-- **LB**: c is the addressed byte of the old word, sign-extended. -/
theorem lb_sound (hg : Groups r) (hl : Lookups r) (hi : Inputs r) (hop : r fLb = 1) :
    LoadAccess r 1 ∧ cWord r = loadValue .b (oldWord r) ((addr r).toNat % 4) ∧
      (r cLo).val < 2 ^ 16 ∧ (r cHi).val < 2 ^ 16 := by
  obtain ⟨f0, f1, f2, f3, f4, f5, f6, f7⟩ := only_flag hg .lb hop
  simp only [reduceCtorEq, if_true, if_false] at f0 f1 f2 f3 f4 f5 f6 f7
  have hreal : real r = 1 := by unfold real; grind
  have hsub : isSub r = 1 := by unfold isSub; grind
  have hP : P = 2013265921 := P_eq
  obtain ⟨hA, hW, hL, hWl⟩ := address_sound hg hl hi hreal (lane_sum_le hg (Or.inr hsub))
  obtain ⟨hx0, hx1, hl4, hX, hX1, hB⟩ := half_facts hg hl hi hsub
  have hv : r v = laneByte r := by have := hg.v_byte; grind
  have hvl : (r v).val < 2 ^ 8 := by rw [hv, hB]; omega
  have hs1 := val_le_one hg.bool_s
  have hs := sign_of_top hg.bool_s hvl (hl.u8_top (by rw [f0, f1, f5]; grind))
  have c0 : (r cLo).val = (r v).val + 65280 * (r s).val :=
    lift (by omega) (by push_natCast; have := hg.lb_lo; grind)
  have c1 : (r cHi).val = 65535 * (r s).val :=
    lift (by omega) (by push_natCast; have := hg.signed_hi; grind)
  refine ⟨⟨hW, hWl, by omega, ?_, ?_⟩, ?_, by omega, by omega⟩
  · have := hg.load_lo; unfold isLoad at this; grind
  · have := hg.load_hi; unfold isLoad at this; grind
  · simp only [loadValue, LoadWidth.size, Nat.reduceMul, ← hL]
    rw [← hB, ← hv, WordLimbs.extend_b hvl, cWord, ofFelts_eq, c0, c1, hs]

/-- **LBU**: c is the addressed byte of the old word, zero-extended. -/
theorem lbu_sound (hg : Groups r) (hl : Lookups r) (hi : Inputs r) (hop : r fLbu = 1) :
    LoadAccess r 1 ∧ cWord r = loadValue .bu (oldWord r) ((addr r).toNat % 4) ∧
      (r cLo).val < 2 ^ 16 ∧ (r cHi).val < 2 ^ 16 := by
  obtain ⟨f0, f1, f2, f3, f4, f5, f6, f7⟩ := only_flag hg .lbu hop
  simp only [reduceCtorEq, if_true, if_false] at f0 f1 f2 f3 f4 f5 f6 f7
  have hreal : real r = 1 := by unfold real; grind
  have hsub : isSub r = 1 := by unfold isSub; grind
  have hP : P = 2013265921 := P_eq
  obtain ⟨hA, hW, hL, hWl⟩ := address_sound hg hl hi hreal (lane_sum_le hg (Or.inr hsub))
  obtain ⟨hx0, hx1, hl4, hX, hX1, hB⟩ := half_facts hg hl hi hsub
  have hv : r v = laneByte r := by have := hg.v_byte; grind
  have hvl : (r v).val < 2 ^ 8 := by rw [hv, hB]; omega
  have c0 : (r cLo).val = (r v).val := lift (by omega) (by push_natCast; have := hg.lbu_lo; grind)
  have c1 : (r cHi).val = 0 := lift (by omega) (by push_natCast; have := hg.unsigned_hi; grind)
  refine ⟨⟨hW, hWl, by omega, ?_, ?_⟩, ?_, by omega, by omega⟩
  · have := hg.load_lo; unfold isLoad at this; grind
  · have := hg.load_hi; unfold isLoad at this; grind
  · simp only [loadValue, LoadWidth.size, Nat.reduceMul, ← hL]
    rw [← hB, ← hv, WordLimbs.extend_bu, cWord, ofFelts_eq, c0, c1]

/-- On a half-word row the lane is 0 or 2. -/
theorem lane_even (hg : Groups r) (hh : halves r = 1) (hsub : isSub r = 1) :
    lane r = 0 ∨ lane r = 2 := by
  have ha := hg.align
  rw [hh] at ha
  have v0 : (0 : BabyBear).val = 0 := rfl
  have v1 : (1 : BabyBear).val = 1 := rfl
  rcases lanes_sub hg hsub with ⟨_, e1, e2, e3⟩ | ⟨_, e1, e2, e3⟩ | ⟨_, e1, e2, e3⟩ |
      ⟨_, e1, e2, e3⟩
  · left; simp only [lane, e1, e2, e3, v0]
  · rw [e1, e3] at ha; exact absurd ha (by decide)
  · right; simp only [lane, e1, e2, e3, v0, v1]
  · rw [e1, e3] at ha; exact absurd ha (by decide)

/-- **LH**: c is the addressed half of the old word, sign-extended. -/
theorem lh_sound (hg : Groups r) (hl : Lookups r) (hi : Inputs r) (hop : r fLh = 1) :
    LoadAccess r 2 ∧ cWord r = loadValue .h (oldWord r) ((addr r).toNat % 4) ∧
      (r cLo).val < 2 ^ 16 ∧ (r cHi).val < 2 ^ 16 := by
  obtain ⟨f0, f1, f2, f3, f4, f5, f6, f7⟩ := only_flag hg .lh hop
  simp only [reduceCtorEq, if_true, if_false] at f0 f1 f2 f3 f4 f5 f6 f7
  have hreal : real r = 1 := by unfold real; grind
  have hsub : isSub r = 1 := by unfold isSub; grind
  have hh : halves r = 1 := by unfold halves; grind
  have hP : P = 2013265921 := P_eq
  obtain ⟨hA, hW, hL, hWl⟩ := address_sound hg hl hi hreal (lane_sum_le hg (Or.inr hsub))
  obtain ⟨hx0, hx1, hl4, hX, hX1, hB⟩ := half_facts hg hl hi hsub
  have hev := lane_even hg hh hsub
  have hv : r v = r x1 := by have := hg.v_lh; grind
  have hvl : (r v).val < 2 ^ 8 := by rw [hv]; omega
  have hs1 := val_le_one hg.bool_s
  have hs := sign_of_top hg.bool_s hvl (hl.u8_top (by rw [f0, f1, f5]; grind))
  rw [hv] at hs
  have c0 : (r cLo).val = (r x0).val + 256 * (r x1).val :=
    lift (by omega) (by push_natCast; have := hg.lh_lo; unfold half at this; grind)
  have c1 : (r cHi).val = 65535 * (r s).val :=
    lift (by omega) (by push_natCast; have := hg.signed_hi; grind)
  refine ⟨⟨hW, hWl, by omega, ?_, ?_⟩, ?_, by omega, by omega⟩
  · have := hg.load_lo; unfold isLoad at this; grind
  · have := hg.load_hi; unfold isLoad at this; grind
  · simp only [loadValue, LoadWidth.size, Nat.reduceMul, ← hL]
    have e : (oldWord r).toNat / 2 ^ (8 * lane r) % 2 ^ 16 = (r x0).val + 256 * (r x1).val := by
      rw [hX]; rcases hev with h | h <;> rw [h]
    rw [e, WordLimbs.extend_h (by omega), cWord, ofFelts_eq, c0, c1, hs]
    congr 2
    omega

/-- **LHU**: c is the addressed half of the old word, zero-extended. -/
theorem lhu_sound (hg : Groups r) (hl : Lookups r) (hi : Inputs r) (hop : r fLhu = 1) :
    LoadAccess r 2 ∧ cWord r = loadValue .hu (oldWord r) ((addr r).toNat % 4) ∧
      (r cLo).val < 2 ^ 16 ∧ (r cHi).val < 2 ^ 16 := by
  obtain ⟨f0, f1, f2, f3, f4, f5, f6, f7⟩ := only_flag hg .lhu hop
  simp only [reduceCtorEq, if_true, if_false] at f0 f1 f2 f3 f4 f5 f6 f7
  have hreal : real r = 1 := by unfold real; grind
  have hsub : isSub r = 1 := by unfold isSub; grind
  have hh : halves r = 1 := by unfold halves; grind
  have hP : P = 2013265921 := P_eq
  obtain ⟨hA, hW, hL, hWl⟩ := address_sound hg hl hi hreal (lane_sum_le hg (Or.inr hsub))
  obtain ⟨hx0, hx1, hl4, hX, hX1, hB⟩ := half_facts hg hl hi hsub
  have hev := lane_even hg hh hsub
  have c0 : (r cLo).val = (r x0).val + 256 * (r x1).val :=
    lift (by omega) (by push_natCast; have := hg.lh_lo; unfold half at this; grind)
  have c1 : (r cHi).val = 0 := lift (by omega) (by push_natCast; have := hg.unsigned_hi; grind)
  refine ⟨⟨hW, hWl, by omega, ?_, ?_⟩, ?_, by omega, by omega⟩
  · have := hg.load_lo; unfold isLoad at this; grind
  · have := hg.load_hi; unfold isLoad at this; grind
  · simp only [loadValue, LoadWidth.size, Nat.reduceMul, ← hL]
    have e : (oldWord r).toNat / 2 ^ (8 * lane r) % 2 ^ 16 = (r x0).val + 256 * (r x1).val := by
      rw [hX]; rcases hev with h | h <;> rw [h]
    rw [e, WordLimbs.extend_hu, cWord, ofFelts_eq, c0, c1]

/-- **LW**: c is the old word. -/
theorem lw_sound (hg : Groups r) (hl : Lookups r) (hi : Inputs r) (hop : r fLw = 1) :
    LoadAccess r 4 ∧ cWord r = loadValue .w (oldWord r) ((addr r).toNat % 4) ∧
      (r cLo).val < 2 ^ 16 ∧ (r cHi).val < 2 ^ 16 := by
  obtain ⟨f0, f1, f2, f3, f4, f5, f6, f7⟩ := only_flag hg .lw hop
  simp only [reduceCtorEq, if_true, if_false] at f0 f1 f2 f3 f4 f5 f6 f7
  have hreal : real r = 1 := by unfold real; grind
  have hsub : isSub r = 0 := by unfold isSub; grind
  have hP : P = 2013265921 := P_eq
  obtain ⟨hA, hW, hL, hWl⟩ := address_sound hg hl hi hreal (lane_sum_le hg (Or.inl hsub))
  obtain ⟨e1, e2, e3⟩ := lanes_word hg hsub
  have v0 : (0 : BabyBear).val = 0 := rfl
  have hl0 : lane r = 0 := by simp only [lane, e1, e2, e3, v0]
  have ho0 := hi.old_lo
  have ho1 := hi.old_hi
  have c0 : r cLo = r oldLo := by have := hg.lw_lo; grind
  have c1 : r cHi = r oldHi := by have := hg.lw_hi; grind
  refine ⟨⟨hW, hWl, by omega, ?_, ?_⟩, ?_, by rw [c0]; omega, by rw [c1]; omega⟩
  · have := hg.load_lo; unfold isLoad at this; grind
  · have := hg.load_hi; unfold isLoad at this; grind
  · rw [← hL, hl0, cWord, c0, c1]
    apply BitVec.eq_of_toNat_eq
    have := (oldWord r).isLt
    simp only [loadValue, LoadWidth.size, LoadWidth.extend, BitVec.toNat_ofNat, oldWord]
    omega

end Zkvm.Air.V2.Mem
