module

public import Zkvm.Air.V2.AluBasic

/-!
# The ALU table: soundness of JALR

On a JALR row the adder computes a + imm with the low limb split as `2 L + e` (e, bit 0, in
the column SA) and the high limb scaled: the lookup is of `H = 4 r_hi`, so `r_hi < 2^14`.
Then next_pc is the field element of `((a + imm) mod 2^32)` with bit 0 cleared, the target
of `Zkvm.RiscV.execJalr`, a number below `2^30 + 2^17` (`jalr_sound`). JALR's c (pc + 4) is
the program's constant, checked by the CPU, not here.
-/

@[expose] public section

namespace Zkvm.Air.V2.Alu

open Zkvm.Field Zkvm.RiscV Zkvm.Air.Table Col

variable {r : Row BabyBear}

/-- Clearing bit 0 of a word, as a number. -/
theorem toNat_and_not_one (x : Word) : (x &&& ~~~1#32).toNat = 2 * (x.toNat / 2) := by
  have hx := x.isLt
  rw [BitVec.toNat_and, BitVec.toNat_not]
  have h1 : (1#32).toNat = 1 := rfl
  rw [h1]
  apply Nat.eq_of_testBit_eq
  intro i
  rw [Nat.testBit_and]
  cases i with
  | zero =>
    simp only [Nat.testBit_zero]
    have : 2 * (x.toNat / 2) % 2 = 0 := by omega
    rw [this]
    have : (2 ^ 32 - 1 - 1) % 2 = 0 := by decide
    rw [this]
    simp
  | succ i =>
    rw [Nat.testBit_add_one, Nat.testBit_add_one, Nat.testBit_add_one]
    have e1 : 2 * (x.toNat / 2) / 2 = x.toNat / 2 := by omega
    have e2 : (2 ^ 32 - 1 - 1) / 2 = 2 ^ 31 - 1 := by decide
    rw [e1, e2, Nat.testBit_two_pow_sub_one]
    by_cases hi : i < 31
    · simp [hi]
    · simp only [hi, decide_false, Bool.and_false]
      exact (Nat.testBit_lt_two_pow (Nat.lt_of_lt_of_le (by omega : x.toNat / 2 < 2 ^ 31)
        (Nat.pow_le_pow_right (by decide) (by omega)))).symm

/-- **JALR**: next_pc is `(a + imm) &&& ~1` (the semantics' jump target), as a number. -/
theorem jalr_sound (hg : Groups r) (hl : Lookups r) (hi : Inputs r) (hop : r fJalr = 1) :
    (r nextPc).val = ((aWord r + immWord r) &&& ~~~1#32).toNat ∧
      (r nextPc).val < 2 ^ 30 + 2 ^ 17 := by
  obtain ⟨z0, z1, z2, z3, z4, z5, z6, z7, z8, z9⟩ := only_jalr hg hop
  have hreal : real r = 1 := by unfold real; grind
  have hs : subtracts r = 0 := by unfold subtracts; grind
  have hu : r useImm = 0 := by have e := hg.imm_ops; grind
  have hL := hl.limb_L (by rw [hreal]; exact one_ne_zero)
  have hH := hl.limb_H (by rw [hreal]; exact one_ne_zero)
  have c1 := val_le_one hg.bool_k1
  have c2 := val_le_one hg.bool_k2
  have s1 := val_le_one hg.bool_sa
  have hP : P = 2013265921 := P_eq
  have ha0 := hi.a_lo
  have ha1 := hi.a_hi
  have hi0 := hi.imm_lo
  have hi1 := hi.imm_hi
  -- The two limb equations, as numbers.
  have elo : (r aLo).val + (r immLo).val = 2 * (r L).val + (r sa).val + 65536 * (r k1).val := by
    refine Felt.natCast_inj_of_lt (by omega) (by omega) ?_
    push_natCast
    have e := hg.adder_lo
    simp only [sigma, yLo, immWeight, hs, hu, hop] at e
    grind
  have ehi : 4 * ((r aHi).val + (r immHi).val + (r k1).val) = (r H).val + 262144 * (r k2).val := by
    refine Felt.natCast_inj_of_lt (by omega) (by omega) ?_
    push_natCast
    have e := hg.adder_hi
    simp only [sigma, yHi, immWeight, jalrHigh, hs, hu, hop] at e
    grind
  -- The high limb of the sum, H / 4, below 2^14.
  have ej : (r H).val / 4 + 65536 * (r k2).val = (r aHi).val + (r immHi).val + (r k1).val := by
    omega
  have hjh : jalrHigh r = (((r H).val / 4 : Nat) : BabyBear) := by
    have e' := congrArg (fun n : Nat => (n : BabyBear)) ej
    simp only [Felt.natCast_add, Felt.natCast_mul, Felt.natCast_ofNat, Felt.natCast_val] at e'
    simp only [jalrHigh]
    grind
  have hpc : r nextPc = ((2 * (r L).val + 65536 * ((r H).val / 4) : Nat) : BabyBear) := by
    have e := hg.next_pc
    rw [hop, hjh] at e
    push_natCast
    grind
  have hv : (r nextPc).val = 2 * (r L).val + 65536 * ((r H).val / 4) := by
    rw [hpc, BabyBear.val_natCast, hP]; omega
  -- The semantics' target.
  have hsum : (aWord r + immWord r).toNat
      = 2 * (r L).val + (r sa).val + 65536 * ((r H).val / 4) := by
    rw [BitVec.toNat_add, aWord, immWord, WordLimbs.toNat_ofFelts ha0 ha1,
      WordLimbs.toNat_ofFelts hi0 hi1]
    omega
  rw [toNat_and_not_one, hsum, hv]
  constructor <;> omega

end Zkvm.Air.V2.Alu
