module

public import Zkvm.Air.WordLimbs

/-!
# Products of words from limb products (MUL, MULH, MULHSU, MULHU)

* `conv`, `limbSum_conv`: the product of two numbers given by limbs is the limb sum of the
  convolution of their limbs (columns `Σ_{i+j=k} xᵢ·yⱼ`), for any base and any number of
  limbs (16-bit limbs, or bytes for a byte convolution);
* `mul_mulhu_of_digits`: four 16-bit digits whose limb sum is the 64-bit product of the
  unsigned operands are the `MUL` result (low two) and the `MULHU` result (high two);
  with `limbSum_add_of_carryChain` (`Zkvm.Air.Limbs`) the digits come from the columns of
  `conv` and carries;
* `mulh_eq`, `mulhsu_eq`: the signed high words are the unsigned one corrected by the
  operands' signs: `MULH = MULHU − [a<0]·b − [b<0]·a` and `MULHSU = MULHU − [a<0]·b`
  (mod 2^32), so one unsigned 64-bit product serves all four instructions.
-/

@[expose] public section

noncomputable section

namespace Zkvm.Air

open Zkvm.RiscV Zkvm.Air.Limbs

namespace MulLimbs

/-! ## Convolution of limbs -/

/-- Limb-wise sum of two lists, the shorter padded with zeros. -/
def addLists : List Nat → List Nat → List Nat
  | [], ys => ys
  | xs, [] => xs
  | x :: xs, y :: ys => (x + y) :: addLists xs ys

/-- The columns of a product: `(conv xs ys)ₖ = Σ_{i+j=k} xᵢ·yⱼ`. -/
def conv : List Nat → List Nat → List Nat
  | [], _ => []
  | x :: xs, ys => addLists (ys.map (x * ·)) (0 :: conv xs ys)

theorem limbSum_addLists (B : Nat) :
    ∀ xs ys : List Nat, limbSum B (addLists xs ys) = limbSum B xs + limbSum B ys
  | [], ys => by simp [addLists]
  | x :: xs, [] => by simp [addLists]
  | x :: xs, y :: ys => by
    simp only [addLists, limbSum_cons, limbSum_addLists B xs ys, Nat.mul_add]
    omega

theorem limbSum_map_mul (B x : Nat) :
    ∀ ys : List Nat, limbSum B (ys.map (x * ·)) = x * limbSum B ys
  | [] => by simp
  | y :: ys => by
    simp only [List.map_cons, limbSum_cons, limbSum_map_mul B x ys, Nat.mul_add]
    rw [Nat.mul_left_comm]

/-- **The product from limb products**: the convolution's limb sum is the product. -/
theorem limbSum_conv (B : Nat) :
    ∀ xs ys : List Nat, limbSum B (conv xs ys) = limbSum B xs * limbSum B ys
  | [], ys => by simp [conv]
  | x :: xs, ys => by
    simp only [conv, limbSum_addLists, limbSum_map_mul, limbSum_cons, limbSum_conv B xs ys,
      Nat.add_mul, Nat.zero_add, Nat.mul_assoc]

/-- The three columns of a product of two 2-limb numbers. -/
theorem conv_two (a₀ a₁ b₀ b₁ : Nat) :
    conv [a₀, a₁] [b₀, b₁] = [a₀ * b₀, a₀ * b₁ + a₁ * b₀, a₁ * b₁] := by
  simp [conv, addLists]

/-- The 64-bit product of two words from their limb products. -/
theorem toNat_mul_toNat (a b : Word) :
    a.toNat * b.toNat
      = limbSum (2 ^ 16) [a.lo * b.lo, a.lo * b.hi + a.hi * b.lo, a.hi * b.hi] := by
  rw [← conv_two, limbSum_conv]
  simp only [limbSum_cons, limbSum_nil, Nat.mul_zero, Nat.add_zero]
  rw [← Word.toNat_eq_limbs, ← Word.toNat_eq_limbs]

/-! ## MUL and MULHU -/

/-- **MUL, MULHU**: four 16-bit digits of the unsigned 64-bit product are the low word
(`MUL`) and the high word (`MULHU`). -/
theorem mul_mulhu_of_digits {a b : Word} {r₀ r₁ r₂ r₃ : Nat} (h₀ : r₀ < 2 ^ 16)
    (h₁ : r₁ < 2 ^ 16) (h₂ : r₂ < 2 ^ 16) (h₃ : r₃ < 2 ^ 16)
    (h : a.toNat * b.toNat = limbSum (2 ^ 16) [r₀, r₁, r₂, r₃]) :
    a * b = Word.ofLimbs r₀ r₁ ∧ MulOp.mulhu.eval a b = Word.ofLimbs r₂ r₃ := by
  simp only [limbSum_cons, limbSum_nil] at h
  constructor
  · apply BitVec.eq_of_toNat_eq
    rw [BitVec.toNat_mul, h, WordLimbs.toNat_ofLimbs h₀ h₁]
    omega
  · apply BitVec.eq_of_toNat_eq
    rw [MulOp.mulhu_toNat, h, WordLimbs.toNat_ofLimbs h₂ h₃]
    omega

/-- Completeness: the honest digits of the product exist. -/
theorem digits_of_mul (a b : Word) : ∃ r₀ r₁ r₂ r₃ : Nat, r₀ < 2 ^ 16 ∧ r₁ < 2 ^ 16 ∧
    r₂ < 2 ^ 16 ∧ r₃ < 2 ^ 16 ∧ a.toNat * b.toNat = limbSum (2 ^ 16) [r₀, r₁, r₂, r₃] := by
  have hab : a.toNat * b.toNat < 2 ^ 64 := by
    have := Nat.mul_lt_mul_of_lt_of_le a.isLt (Nat.le_of_lt b.isLt) (by decide : 0 < 2 ^ 32)
    simpa using this
  refine ⟨a.toNat * b.toNat % 2 ^ 16, a.toNat * b.toNat / 2 ^ 16 % 2 ^ 16,
    a.toNat * b.toNat / 2 ^ 32 % 2 ^ 16, a.toNat * b.toNat / 2 ^ 48, by omega, by omega,
    by omega, by omega, ?_⟩
  simp only [limbSum_cons, limbSum_nil]
  omega

/-! ## Signed high words -/

theorem toNat_signExtend64 (a : Word) :
    (a.signExtend 64).toNat = a.toNat + (if a.msb then 2 ^ 64 - 2 ^ 32 else 0) := by
  rw [BitVec.toNat_signExtend, BitVec.toNat_setWidth,
    Nat.mod_eq_of_lt (by have := a.isLt; omega)]

theorem toNat_zeroExtend64 (a : Word) : (a.zeroExtend 64).toNat = a.toNat := by
  rw [BitVec.zeroExtend_eq_setWidth, BitVec.toNat_setWidth,
    Nat.mod_eq_of_lt (by have := a.isLt; omega)]

private theorem mul_lt {x y : Nat} (hx : x < 2 ^ 32) (hy : y < 2 ^ 32) : x * y < 2 ^ 64 := by
  have := Nat.mul_lt_mul_of_lt_of_le hx (Nat.le_of_lt hy) (by decide : 0 < 2 ^ 32)
  simpa using this

/-- **MULH** is MULHU corrected by the signs: `MULHU − [a<0]·b − [b<0]·a` (mod 2^32). -/
theorem mulh_eq (a b : Word) : MulOp.mulh.eval a b
    = MulOp.mulhu.eval a b - (if a.msb then b else 0) - (if b.msb then a else 0) := by
  apply BitVec.eq_of_toNat_eq
  rw [BitVec.toNat_sub, BitVec.toNat_sub, MulOp.mulhu_toNat]
  simp only [MulOp.eval, BitVec.extractLsb'_toNat, BitVec.toNat_mul, toNat_signExtend64,
    Nat.shiftRight_eq_div_pow]
  have ha := a.isLt
  have hb := b.isLt
  have hab := mul_lt ha hb
  have h0 : (0 : Word).toNat = 0 := rfl
  cases hA : a.msb <;> cases hB : b.msb <;>
    simp only [Bool.false_eq_true, if_true, if_false, Nat.add_zero, h0,
      Nat.add_mul, Nat.mul_add, Nat.reducePow, Nat.reduceSub] at ha hb hab ⊢ <;>
    generalize a.toNat = x at * <;> generalize b.toNat = y at * <;> omega

/-- **MULHSU** is MULHU corrected by the sign of the signed operand: `MULHU − [a<0]·b`. -/
theorem mulhsu_eq (a b : Word) :
    MulOp.mulhsu.eval a b = MulOp.mulhu.eval a b - (if a.msb then b else 0) := by
  apply BitVec.eq_of_toNat_eq
  rw [BitVec.toNat_sub, MulOp.mulhu_toNat]
  simp only [MulOp.eval, BitVec.extractLsb'_toNat, BitVec.toNat_mul, toNat_signExtend64,
    toNat_zeroExtend64, Nat.shiftRight_eq_div_pow]
  have ha := a.isLt
  have hb := b.isLt
  have hab := mul_lt ha hb
  have h0 : (0 : Word).toNat = 0 := rfl
  cases hA : a.msb <;>
    simp only [Bool.false_eq_true, if_true, if_false, Nat.add_zero, h0,
      Nat.add_mul, Nat.reducePow, Nat.reduceSub] at ha hb hab ⊢ <;>
    generalize a.toNat = x at * <;> generalize b.toNat = y at * <;> omega

end MulLimbs

end Zkvm.Air

end
