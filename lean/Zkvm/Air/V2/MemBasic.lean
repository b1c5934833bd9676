module

public import Zkvm.Air.V2.MemSpec

/-!
# The MEM table: flags, lanes and the address

Facts every load and store proof uses, over BabyBear:
* `only_flag`: a set op flag clears the others (`Op`: the eight ops and their flag columns);
* `lanes_sub`, `lanes_word`: the lanes are one-hot on sub-word rows and all 0 on word rows;
* `address_sound`: the row's address limbs are those of a + imm (`addr`), its word address is
  `⌊addr / 4⌋` (below 2^30) and its lane (`lane`) is `addr mod 4`;
* `half_facts`: on a sub-word row, x0 and x1 are the two bytes of the addressed half of the
  old word, and the byte `laneByte` selects is the old word's byte at the lane;
* `sign_of_top`: U8(2v − 256 s) with s boolean makes s the top bit of a byte v.
No proof names a constraint by its index.
-/

@[expose] public section

namespace Zkvm.Air.V2.Mem

open Zkvm.Field Zkvm.RiscV Zkvm.Air.Table Col

variable {r : Row BabyBear}

theorem val_le_one {x : BabyBear} (h : boolean x = 0) : x.val ≤ 1 := Felt.val_le_one_of_bool h

theorem bool_cases {x : BabyBear} (h : boolean x = 0) : x = 0 ∨ x = 1 :=
  eq_zero_or_one_of_mul_sub_one h

theorem eq_zero_of_val {x : BabyBear} (h : x.val = 0) : x = 0 := BabyBear.eq_zero_iff_val.mpr h

theorem val_of_eq_one {x : BabyBear} (h : x = 1) : x.val = 1 := by rw [h]; rfl

theorem val_of_eq_zero {x : BabyBear} (h : x = 0) : x.val = 0 := by rw [h]; rfl

theorem one_ne_zero : (1 : BabyBear) ≠ 0 := by decide

/-- The value of a cast below `p`. -/
theorem val_cast {n : Nat} (h : n < 2013265921) : ((n : Nat) : BabyBear).val = n := by
  rw [BabyBear.val_natCast, P_eq, Nat.mod_eq_of_lt h]

/-! ## The ops and their flags -/

/-- The ops of the table. -/
inductive Op where
  | lb | lh | lw | lbu | lhu | sb | sh | sw
  deriving DecidableEq

/-- The op's flag column. -/
def Op.flag : Op → Nat
  | .lb => fLb | .lh => fLh | .lw => fLw | .lbu => fLbu | .lhu => fLhu
  | .sb => fSb | .sh => fSh | .sw => fSw

/-- The op flags' values add up to at most 1. -/
theorem flag_sum (hg : Groups r) :
    (r fLb).val + (r fLh).val + (r fLw).val + (r fLbu).val + (r fLhu).val + (r fSb).val +
      (r fSh).val + (r fSw).val ≤ 1 := by
  have h0 := val_le_one (hg.bool_flags fLb (by simp [flags]))
  have h1 := val_le_one (hg.bool_flags fLh (by simp [flags]))
  have h2 := val_le_one (hg.bool_flags fLw (by simp [flags]))
  have h3 := val_le_one (hg.bool_flags fLbu (by simp [flags]))
  have h4 := val_le_one (hg.bool_flags fLhu (by simp [flags]))
  have h5 := val_le_one (hg.bool_flags fSb (by simp [flags]))
  have h6 := val_le_one (hg.bool_flags fSh (by simp [flags]))
  have h7 := val_le_one (hg.bool_flags fSw (by simp [flags]))
  have hreal : real r = (((r fLb).val + (r fLh).val + (r fLw).val + (r fLbu).val +
      (r fLhu).val + (r fSb).val + (r fSh).val + (r fSw).val : Nat) : BabyBear) := by
    simp only [Felt.natCast_add, Felt.natCast_val]; rfl
  have := val_le_one hg.one_op
  rw [hreal, val_cast (by omega)] at this
  exact this

/-- A set flag clears the others. -/
theorem only_flag (hg : Groups r) (o : Op) (hop : r o.flag = 1) :
    r fLb = (if o = .lb then 1 else 0) ∧ r fLh = (if o = .lh then 1 else 0) ∧
      r fLw = (if o = .lw then 1 else 0) ∧ r fLbu = (if o = .lbu then 1 else 0) ∧
      r fLhu = (if o = .lhu then 1 else 0) ∧ r fSb = (if o = .sb then 1 else 0) ∧
      r fSh = (if o = .sh then 1 else 0) ∧ r fSw = (if o = .sw then 1 else 0) := by
  have s := flag_sum hg
  have v := val_of_eq_one hop
  cases o <;> simp only [Op.flag] at hop v <;> simp only [reduceCtorEq, if_true, if_false] <;>
    refine ⟨?_, ?_, ?_, ?_, ?_, ?_, ?_, ?_⟩ <;> first | exact hop | (apply eq_zero_of_val; omega)

/-! ## Lanes -/

/-- On a sub-word row the lanes are one-hot. -/
theorem lanes_sub (hg : Groups r) (hsub : isSub r = 1) :
    (lane0 r = 1 ∧ r l1 = 0 ∧ r l2 = 0 ∧ r l3 = 0) ∨
      (lane0 r = 0 ∧ r l1 = 1 ∧ r l2 = 0 ∧ r l3 = 0) ∨
      (lane0 r = 0 ∧ r l1 = 0 ∧ r l2 = 1 ∧ r l3 = 0) ∨
      (lane0 r = 0 ∧ r l1 = 0 ∧ r l2 = 0 ∧ r l3 = 1) := by
  have e : lane0 r = isSub r - r l1 - r l2 - r l3 := rfl
  have h0 := hg.bool_l0
  unfold boolean at h0
  rw [e] at h0 ⊢
  rcases bool_cases hg.bool_l1 with h1 | h1 <;> rcases bool_cases hg.bool_l2 with h2 | h2 <;>
    rcases bool_cases hg.bool_l3 with h3 | h3 <;> rw [hsub, h1, h2, h3] at h0 ⊢ <;>
    first | exact absurd h0 (by decide) | decide

/-- On a word row (LW, SW, or padding) the lanes are all 0. -/
theorem lanes_word (hg : Groups r) (hsub : isSub r = 0) :
    r l1 = 0 ∧ r l2 = 0 ∧ r l3 = 0 := by
  have e : lane0 r = isSub r - r l1 - r l2 - r l3 := rfl
  have h0 := hg.bool_l0
  unfold boolean at h0
  rw [e] at h0
  rcases bool_cases hg.bool_l1 with h1 | h1 <;> rcases bool_cases hg.bool_l2 with h2 | h2 <;>
    rcases bool_cases hg.bool_l3 with h3 | h3 <;> rw [hsub, h1, h2, h3] at h0 <;>
    first | exact absurd h0 (by decide) | exact ⟨h1, h2, h3⟩

/-- The lanes L1..L3 hold at most one 1, on every row (one-hot or all 0). -/
theorem lane_sum_le (hg : Groups r) (hsub : isSub r = 0 ∨ isSub r = 1) :
    (r l1).val + (r l2).val + (r l3).val ≤ 1 := by
  have v0 : (0 : BabyBear).val = 0 := rfl
  have v1 : (1 : BabyBear).val = 1 := rfl
  rcases hsub with h | h
  · obtain ⟨e1, e2, e3⟩ := lanes_word hg h
    rw [e1, e2, e3, v0]; omega
  · rcases lanes_sub hg h with ⟨_, e1, e2, e3⟩ | ⟨_, e1, e2, e3⟩ | ⟨_, e1, e2, e3⟩ |
        ⟨_, e1, e2, e3⟩ <;> rw [e1, e2, e3] <;> simp only [v0, v1] <;> omega

/-- Reading a field equation with a small right side as an equation of numbers. -/
theorem lift {x : BabyBear} {n : Nat} (hn : n < 2013265921) (h : x = (n : BabyBear)) :
    x.val = n := by
  rw [h, val_cast hn]

/-! ## The address -/

/-- The address the row accesses: a + imm, as the EXEC message carries them. -/
def addr (r : Row BabyBear) : Word := aWord r + immWord r

/-- The lane the row's lane columns encode: L1 + 2 L2 + 3 L3. -/
def lane (r : Row BabyBear) : Nat := (r l1).val + 2 * (r l2).val + 3 * (r l3).val

/-- **The address**: the row's limbs are those of a + imm, its word address is the address
divided by 4 (below 2^30) and its lane the address mod 4. -/
theorem address_sound (hg : Groups r) (hl : Lookups r) (hi : Inputs r) (hreal : real r = 1)
    (hlanes : (r l1).val + (r l2).val + (r l3).val ≤ 1) :
    (addr r).toNat = 4 * (r q).val + lane r + 65536 * (r addrHi).val ∧
      (wordAddr r).val = (addr r).toNat / 4 ∧ lane r = (addr r).toNat % 4 ∧
      (wordAddr r).val < 2 ^ 30 := by
  have hne : real r ≠ 0 := by rw [hreal]; exact one_ne_zero
  have hq := hl.u16_q hne
  have hlo := hl.u16_lo hne
  have hhi := hl.u16_hi hne
  have hP : P = 2013265921 := P_eq
  have hc := val_le_one hg.bool_carry
  have ha0 := hi.a_lo
  have ha1 := hi.a_hi
  have hm0 := hi.imm_lo
  have hm1 := hi.imm_hi
  have hlane : lane r ≤ 3 := by unfold lane; omega
  have eLo : (addrLo r).val = 4 * (r q).val + lane r := by
    have : addrLo r = ((4 * (r q).val + lane r : Nat) : BabyBear) := by
      unfold lane addrLo; push_natCast
    rw [this, val_cast (by omega)]
  have eA : (r aLo).val + (r immLo).val = (addrLo r).val + 65536 * (r carry).val := by
    refine Felt.natCast_inj_of_lt (by omega) (by omega) ?_
    push_natCast
    have e := hg.addr_lo
    grind
  have eH : ∃ e, e ≤ 1 ∧
      (r aHi).val + (r immHi).val + (r carry).val = (r addrHi).val + 65536 * e := by
    have h := hg.addr_hi
    unfold kHi at h
    rcases eq_zero_or_eq_zero_of_mul_eq_zero h with h | h
    · refine ⟨0, by omega, Felt.natCast_inj_of_lt (by omega) (by omega) ?_⟩
      push_natCast; grind
    · refine ⟨1, Nat.le_refl _, Felt.natCast_inj_of_lt (by omega) (by omega) ?_⟩
      push_natCast; grind
  obtain ⟨e, he, eH⟩ := eH
  have hA : (addr r).toNat = 4 * (r q).val + lane r + 65536 * (r addrHi).val := by
    simp only [addr, BitVec.toNat_add, aWord, immWord, WordLimbs.toNat_ofFelts ha0 ha1,
      WordLimbs.toNat_ofFelts hm0 hm1]
    omega
  have hW : (wordAddr r).val = (r q).val + 16384 * (r addrHi).val := by
    have : wordAddr r = (((r q).val + 16384 * (r addrHi).val : Nat) : BabyBear) := by
      unfold wordAddr; push_natCast
    rw [this, val_cast (by omega)]
  refine ⟨hA, ?_, ?_, ?_⟩
  · rw [hW, hA]; omega
  · rw [hA]; omega
  · rw [hW]; omega

/-! ## Bytes and halves -/

/-- **The addressed half and byte**: on a sub-word row, x0 + 256 x1 is the half of the old
word that holds the lane, and the byte `laneByte` selects is the old word's byte at the
lane. -/
theorem half_facts (hg : Groups r) (hl : Lookups r) (hi : Inputs r) (hsub : isSub r = 1) :
    (r x0).val < 2 ^ 8 ∧ (r x1).val < 2 ^ 8 ∧ lane r < 4 ∧
      (r x0).val + 256 * (r x1).val =
        (oldWord r).toNat / 2 ^ (16 * (lane r / 2)) % 2 ^ 16 ∧
      (r x1).val = (oldWord r).toNat / 2 ^ (16 * (lane r / 2) + 8) % 2 ^ 8 ∧
      (laneByte r).val = (oldWord r).toNat / 2 ^ (8 * lane r) % 2 ^ 8 := by
  have hne : isSub r ≠ 0 := by rw [hsub]; exact one_ne_zero
  have hx0 := hl.u8_x0 hne
  have hx1 := hl.u8_x1 hne
  have ho0 := hi.old_lo
  have ho1 := hi.old_hi
  have hP : P = 2013265921 := P_eq
  have hold : (oldWord r).toNat = (r oldLo).val + 65536 * (r oldHi).val :=
    WordLimbs.toNat_ofFelts ho0 ho1
  have eX : ∀ y : BabyBear, y = half r → y.val < 2 ^ 16 →
      y.val = (r x0).val + 256 * (r x1).val := fun y hy hyl => by
    refine Felt.natCast_inj_of_lt (by omega) (by omega) ?_
    push_natCast; rw [hy]; rfl
  have hlo := hg.half_lo
  have hhi := hg.half_hi
  have v0 : (0 : BabyBear).val = 0 := rfl
  have v1 : (1 : BabyBear).val = 1 := rfl
  rcases lanes_sub hg hsub with ⟨e0, e1, e2, e3⟩ | ⟨e0, e1, e2, e3⟩ | ⟨e0, e1, e2, e3⟩ |
      ⟨e0, e1, e2, e3⟩
  · have hL : lane r = 0 := by simp only [lane, e1, e2, e3, v0]
    have hB : laneByte r = r x0 := by unfold laneByte; rw [e0, e1, e2, e3]; grind
    rw [e0, e1] at hlo
    have h := eX _ (eq_of_sub_eq_zero (by grind)) ho0
    rw [hL, hB, hold]
    simp only [Nat.reduceDiv, Nat.reduceMul, Nat.reducePow, Nat.reduceAdd]
    refine ⟨hx0, hx1, by omega, by omega, by omega, by omega⟩
  · have hL : lane r = 1 := by simp only [lane, e1, e2, e3, v0, v1]
    have hB : laneByte r = r x1 := by unfold laneByte; rw [e0, e1, e2, e3]; grind
    rw [e0, e1] at hlo
    have h := eX _ (eq_of_sub_eq_zero (by grind)) ho0
    rw [hL, hB, hold]
    simp only [Nat.reduceDiv, Nat.reduceMul, Nat.reducePow, Nat.reduceAdd]
    refine ⟨hx0, hx1, by omega, by omega, by omega, by omega⟩
  · have hL : lane r = 2 := by simp only [lane, e1, e2, e3, v0, v1]
    have hB : laneByte r = r x0 := by unfold laneByte; rw [e0, e1, e2, e3]; grind
    rw [e2, e3] at hhi
    have h := eX _ (eq_of_sub_eq_zero (by grind)) ho1
    rw [hL, hB, hold]
    simp only [Nat.reduceDiv, Nat.reduceMul, Nat.reducePow, Nat.reduceAdd]
    refine ⟨hx0, hx1, by omega, by omega, by omega, by omega⟩
  · have hL : lane r = 3 := by simp only [lane, e1, e2, e3, v0, v1]
    have hB : laneByte r = r x1 := by unfold laneByte; rw [e0, e1, e2, e3]; grind
    rw [e2, e3] at hhi
    have h := eX _ (eq_of_sub_eq_zero (by grind)) ho1
    rw [hL, hB, hold]
    simp only [Nat.reduceDiv, Nat.reduceMul, Nat.reducePow, Nat.reduceAdd]
    refine ⟨hx0, hx1, by omega, by omega, by omega, by omega⟩

/-- **The sign bit**: U8(2v − 256 s) with s boolean and v a byte makes s the top bit of v. -/
theorem sign_of_top {v s : BabyBear} (hs : boolean s = 0) (hv : v.val < 2 ^ 8)
    (ht : (2 * v - 256 * s).val < 2 ^ 8) : s.val = v.val / 2 ^ 7 := by
  have hs1 := val_le_one hs
  have hP : P = 2013265921 := P_eq
  have e : (2 * v - 256 * s).val + 256 * s.val = 2 * v.val := by
    refine Felt.natCast_inj_of_lt (by omega) (by omega) ?_
    push_natCast; grind
  omega

end Zkvm.Air.V2.Mem
