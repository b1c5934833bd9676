module

public import Zkvm.Air.V2.AluBasic

/-!
# The ALU table: soundness of ADD, SUB, SLT, SLTU (and ADDI, SLTI, SLTIU)

On a row whose flag for the op is set, the groups (`Groups`), the U16 lookups (`Lookups`)
and well-formed operands (`Inputs`) force c to be the semantics' result
(`Zkvm.RiscV.AluOp.eval`) on a and y (y = imm for the immediate forms, else b), with c's limbs
below `2^16`: `add_sound`, `sub_sound`, `slt_sound`, `sltu_sound`.

The proofs lift the two adder equations to natural numbers (`add_core`, `sub_core`) and use
the word lemmas of `AluBasic`; no proof unfolds the 32 bits or names a constraint by index.
-/

@[expose] public section

namespace Zkvm.Air.V2.Alu

open Zkvm.Field Zkvm.RiscV Zkvm.Air.Table Col

variable {r : Row BabyBear}

/-! ## The adder, lifted to natural numbers -/

/-- A subtracting op (not JALR): the adder is `r + y = a` with borrows k1, k2. -/
theorem sub_core (hg : Groups r) (hl : Lookups r) (hi : Inputs r) (hs : subtracts r = 1)
    (hj : r fJalr = 0) (hreal : real r = 1) :
    (r L).val < 2 ^ 16 ∧ (r H).val < 2 ^ 16 ∧ (r k2).val ≤ 1 ∧
      (r L).val + (yWord r).lo = (aWord r).lo + 65536 * (r k1).val ∧
      (r H).val + (yWord r).hi + (r k1).val = (aWord r).hi + 65536 * (r k2).val := by
  have hL := hl.limb_L (by rw [hreal]; exact one_ne_zero)
  have hH := hl.limb_H (by rw [hreal]; exact one_ne_zero)
  obtain ⟨hy, hyl, hyh⟩ := yWord_eq hi hj hg.bool_useImm
  have c1 := val_le_one hg.bool_k1
  have c2 := val_le_one hg.bool_k2
  have hP : P = 2013265921 := P_eq
  have ha0 := hi.a_lo
  have ha1 := hi.a_hi
  rw [hy, aWord, WordLimbs.lo_ofFelts _ hyl, WordLimbs.hi_ofFelts hyl hyh,
    WordLimbs.lo_ofFelts _ ha0, WordLimbs.hi_ofFelts ha0 ha1]
  refine ⟨hL, hH, c2, ?_, ?_⟩
  · refine Felt.natCast_inj_of_lt (by omega) (by omega) ?_
    push_natCast
    have e := hg.adder_lo
    simp only [sigma, hs, hj] at e
    grind
  · refine Felt.natCast_inj_of_lt (by omega) (by omega) ?_
    push_natCast
    have e := hg.adder_hi
    simp only [sigma, hs, hj] at e
    grind

/-- ADD (not JALR): the adder is `a + y = r` with carries k1, k2. -/
theorem add_core (hg : Groups r) (hl : Lookups r) (hi : Inputs r) (hs : subtracts r = 0)
    (hj : r fJalr = 0) (hreal : real r = 1) :
    (r L).val < 2 ^ 16 ∧ (r H).val < 2 ^ 16 ∧
      (aWord r).lo + (yWord r).lo = (r L).val + 65536 * (r k1).val ∧
      (aWord r).hi + (yWord r).hi + (r k1).val = (r H).val + 65536 * (r k2).val := by
  have hL := hl.limb_L (by rw [hreal]; exact one_ne_zero)
  have hH := hl.limb_H (by rw [hreal]; exact one_ne_zero)
  obtain ⟨hy, hyl, hyh⟩ := yWord_eq hi hj hg.bool_useImm
  have c1 := val_le_one hg.bool_k1
  have c2 := val_le_one hg.bool_k2
  have hP : P = 2013265921 := P_eq
  have ha0 := hi.a_lo
  have ha1 := hi.a_hi
  rw [hy, aWord, WordLimbs.lo_ofFelts _ hyl, WordLimbs.hi_ofFelts hyl hyh,
    WordLimbs.lo_ofFelts _ ha0, WordLimbs.hi_ofFelts ha0 ha1]
  refine ⟨hL, hH, ?_, ?_⟩
  · refine Felt.natCast_inj_of_lt (by omega) (by omega) ?_
    push_natCast
    have e := hg.adder_lo
    simp only [sigma, hs, hj] at e
    grind
  · refine Felt.natCast_inj_of_lt (by omega) (by omega) ?_
    push_natCast
    have e := hg.adder_hi
    simp only [sigma, hs, hj] at e
    grind

/-! ## Signs -/

/-- The lookup of `2 hi − 2^16 s`, lifted: `s` is the top bit of `hi`. -/
theorem sign_lift {hi s : Nat} (hs : boolean (r s) = 0) (hh : (r hi).val < 2 ^ 16)
    (ht : (signRest r hi s).val < 2 ^ 16) : (r s).val = 1 ↔ 32768 ≤ (r hi).val := by
  have s1 := val_le_one hs
  have hP : P = 2013265921 := P_eq
  have e : (signRest r hi s).val + 65536 * (r s).val = 2 * (r hi).val := by
    refine Felt.natCast_inj_of_lt (by omega) (by omega) ?_
    push_natCast
    simp only [signRest]
    grind
  exact sign_of_rest s1 ht e

/-- On a signed comparison (SLT, SLTI, BLT, BGE), SA and SY are the sign bits of a and y. -/
theorem signs (hg : Groups r) (hl : Lookups r) (hi : Inputs r) (hsig : signed r = 1)
    (hu1 : r useImm = 1 → r fSlt = 1) :
    ((r sa).val = 1 ↔ 32768 ≤ (aWord r).hi) ∧ ((r sy).val = 1 ↔ 32768 ≤ (yWord r).hi) := by
  constructor
  · rw [aWord, WordLimbs.hi_ofFelts hi.a_lo hi.a_hi]
    exact sign_lift hg.bool_sa hi.a_hi (hl.sign_a (by rw [hsig]; exact one_ne_zero))
  · rcases eq_zero_or_one_of_mul_sub_one hg.bool_useImm with hu | hu
    · rw [yWord_of_useImm hu, bWord, WordLimbs.hi_ofFelts hi.b_lo hi.b_hi]
      refine sign_lift hg.bool_sy hi.b_hi (hl.sign_b ?_)
      rw [hsig, hu]; grind
    · rw [yWord, if_pos hu, immWord, WordLimbs.hi_ofFelts hi.imm_lo hi.imm_hi]
      refine sign_lift hg.bool_sy hi.imm_hi (hl.sign_imm ?_)
      rw [hu1 hu, hu]; grind

/-! ## Results that are bits -/

theorem ofFelts_bit {n : Nat} (hn : n ≤ 1) :
    WordLimbs.ofFelts ((n : Nat) : BabyBear) 0 = BitVec.ofNat 32 n := by
  rcases (by omega : n = 0 ∨ n = 1) with rfl | rfl <;> decide

/-- A c that is the bit `n` (c_lo = n, c_hi = 0) is `if b then 1 else 0` when `b ↔ n = 1`. -/
theorem cWord_bit {n : Nat} {b : Bool} (hn : n ≤ 1) (h0 : r cLo = ((n : Nat) : BabyBear))
    (h1 : r cHi = 0) (hb : b = true ↔ n = 1) :
    cWord r = (if b then 1 else 0) ∧ (r cLo).val < 2 ^ 16 ∧ (r cHi).val < 2 ^ 16 := by
  have hP : P = 2013265921 := P_eq
  refine ⟨?_, ?_, ?_⟩
  · rw [cWord, h0, h1, ofFelts_bit hn]
    cases b
    · rw [if_neg (by decide), (by simp at hb; omega : n = 0)]; rfl
    · rw [if_pos rfl, hb.mp rfl]; rfl
  · rw [h0, BabyBear.val_natCast, hP]; omega
  · rw [h1]; decide

/-! ## The ops -/

/-- **ADD, ADDI**: c = a + y. -/
theorem add_sound (hg : Groups r) (hl : Lookups r) (hi : Inputs r) (hop : r fAdd = 1) :
    cWord r = AluOp.add.eval (aWord r) (yWord r) ∧ (r cLo).val < 2 ^ 16 ∧
      (r cHi).val < 2 ^ 16 := by
  obtain ⟨z1, z2, z3, z4, z5, z6, z7, z8, z9, z10⟩ := only_add hg hop
  have hreal : real r = 1 := by unfold real; grind
  have hs : subtracts r = 0 := by unfold subtracts; grind
  obtain ⟨hL, hH, e0, e1⟩ := add_core hg hl hi hs z10 hreal
  have hc0 : r cLo = r L := by
    have e := hg.c_lo; simp only [resultOps, expectedLo, signedLess] at e; grind
  have hc1 : r cHi = r H := by have e := hg.c_hi; rw [hreal] at e; grind
  refine ⟨?_, by rw [hc0]; exact hL, by rw [hc1]; exact hH⟩
  rw [cWord, hc0, hc1]
  exact Word.add_eq_of_limbs (c₀ := (r k1).val) (c₁ := (r k2).val)
    (by rw [WordLimbs.lo_ofFelts _ hL]; omega) (by rw [WordLimbs.hi_ofFelts hL hH]; omega)

/-- **SUB**: c = a − b (SUB has no immediate form: the immediate flag is 0). -/
theorem sub_sound (hg : Groups r) (hl : Lookups r) (hi : Inputs r) (hop : r fSub = 1) :
    cWord r = AluOp.sub.eval (aWord r) (bWord r) ∧ (r cLo).val < 2 ^ 16 ∧
      (r cHi).val < 2 ^ 16 := by
  obtain ⟨z0, z2, z3, z4, z5, z6, z7, z8, z9, z10⟩ := only_sub hg hop
  have hreal : real r = 1 := by unfold real; grind
  have hs : subtracts r = 1 := by unfold subtracts; grind
  have hu : r useImm = 0 := by have e := hg.imm_ops; grind
  obtain ⟨hL, hH, _, e0, e1⟩ := sub_core hg hl hi hs z10 hreal
  rw [yWord_of_useImm hu] at e0 e1
  have hc0 : r cLo = r L := by
    have e := hg.c_lo; simp only [resultOps, expectedLo, signedLess] at e; grind
  have hc1 : r cHi = r H := by have e := hg.c_hi; rw [hreal] at e; grind
  refine ⟨?_, by rw [hc0]; exact hL, by rw [hc1]; exact hH⟩
  rw [cWord, hc0, hc1]
  exact sub_word hL hH e0 e1

/-- **SLTU, SLTIU**: c = [a <u y]. -/
theorem sltu_sound (hg : Groups r) (hl : Lookups r) (hi : Inputs r) (hop : r fSltu = 1) :
    cWord r = AluOp.sltu.eval (aWord r) (yWord r) ∧ (r cLo).val < 2 ^ 16 ∧
      (r cHi).val < 2 ^ 16 := by
  obtain ⟨z0, z1, z2, z4, z5, z6, z7, z8, z9, z10⟩ := only_sltu hg hop
  have hreal : real r = 1 := by unfold real; grind
  have hs : subtracts r = 1 := by unfold subtracts; grind
  obtain ⟨hL, hH, c2, e0, e1⟩ := sub_core hg hl hi hs z10 hreal
  have hc0 : r cLo = (((r k2).val : Nat) : BabyBear) := by
    have e := hg.c_lo; simp only [resultOps, expectedLo, signedLess] at e
    rw [Felt.natCast_val]; grind
  have hc1 : r cHi = 0 := by have e := hg.c_hi; rw [hreal] at e; grind
  exact cWord_bit c2 hc0 hc1 (ult_of_sub hL hH c2 e0 e1)

/-- **SLT, SLTI**: c = [a <s y]. -/
theorem slt_sound (hg : Groups r) (hl : Lookups r) (hi : Inputs r) (hop : r fSlt = 1) :
    cWord r = AluOp.slt.eval (aWord r) (yWord r) ∧ (r cLo).val < 2 ^ 16 ∧
      (r cHi).val < 2 ^ 16 := by
  obtain ⟨z0, z1, z3, z4, z5, z6, z7, z8, z9, z10⟩ := only_slt hg hop
  have hreal : real r = 1 := by unfold real; grind
  have hs : subtracts r = 1 := by unfold subtracts; grind
  have hsig : signed r = 1 := by unfold signed; grind
  obtain ⟨hL, hH, c2, e0, e1⟩ := sub_core hg hl hi hs z10 hreal
  obtain ⟨sa', sy'⟩ := signs hg hl hi hsig (fun _ => hop)
  obtain ⟨hlt, b0, b1⟩ := slt_of_sub hL hH c2 e0 e1 sa' (val_le_one hg.bool_sa) sy'
    (val_le_one hg.bool_sy)
  have hn : (r k2).val + (r sa).val - (r sy).val + (r sy).val = (r k2).val + (r sa).val := by
    omega
  have hc0 : r cLo = (((r k2).val + (r sa).val - (r sy).val : Nat) : BabyBear) := by
    have e := hg.c_lo; simp only [resultOps, expectedLo, signedLess] at e
    have e' := congrArg (fun n : Nat => (n : BabyBear)) hn
    simp only [Felt.natCast_add, Felt.natCast_val] at e'
    grind
  have hc1 : r cHi = 0 := by have e := hg.c_hi; rw [hreal] at e; grind
  exact cWord_bit (by omega) hc0 hc1 (by rw [hlt]; omega)

end Zkvm.Air.V2.Alu
