module

public import Zkvm.Air.V2.LogicSpec

/-!
# The LOGIC table: the ops on nibbles, over natural numbers and in the field

* `Op`: AND, OR, XOR, with the natural-number operation (`Op.nat`), the RV32IM op
  (`Op.alu`), the row's flag column (`Op.flag`) and the field expression `resultLimb` uses
  for one nibble (`Op.comb`: n, a + y − n, a + y − 2n);
* `Op.split`: the operation acts digit by digit in base `2^k`; so on a word given by eight
  nibbles it is the word of the eight nibble results (`Op.word`);
* `Op.nibble`: on nibbles, `a op y` is `Op.comb` of a, y and `a &&& y` (checked on all 256
  pairs by the kernel);
* `limb_val`, `resultLimb_eq`: the limbs of nibble cells, as numbers.
-/

@[expose] public section

namespace Zkvm.Air.V2.Logic

open Zkvm.Field Zkvm.RiscV Zkvm.Air.Table Col

/-- The ops of the table. -/
inductive Op where
  | xor | or | and
  deriving DecidableEq

/-- The operation on natural numbers. -/
def Op.nat : Op → Nat → Nat → Nat
  | .xor, x, y => x ^^^ y
  | .or, x, y => x ||| y
  | .and, x, y => x &&& y

/-- The RV32IM op. -/
def Op.alu : Op → AluOp
  | .xor => .xor
  | .or => .or
  | .and => .and

/-- The row's flag column. -/
def Op.flag : Op → Nat
  | .xor => fXor
  | .or => fOr
  | .and => fAnd

/-- The field expression of one nibble's result, from a, y and n = a AND y. -/
def Op.comb {F : Type} [Lean.Grind.CommRing F] : Op → F → F → F → F
  | .xor, a, y, n => a + y - 2 * n
  | .or, a, y, n => a + y - n
  | .and, _, _, n => n

/-- `x₀ + 16 x₁ + 256 x₂ + 4096 x₃`. -/
def nib (x₀ x₁ x₂ x₃ : Nat) : Nat := x₀ + 16 * (x₁ + 16 * (x₂ + 16 * x₃))

theorem nib_lt {x₀ x₁ x₂ x₃ : Nat} (h₀ : x₀ < 16) (h₁ : x₁ < 16) (h₂ : x₂ < 16) (h₃ : x₃ < 16) :
    nib x₀ x₁ x₂ x₃ < 2 ^ 16 := by
  unfold nib; omega

/-! ## Digit by digit -/

theorem Op.mod_two_pow (o : Op) (a b k : Nat) :
    o.nat a b % 2 ^ k = o.nat (a % 2 ^ k) (b % 2 ^ k) := by
  cases o
  · exact Nat.xor_mod_two_pow
  · exact Nat.or_mod_two_pow
  · exact Nat.and_mod_two_pow

theorem Op.div_two_pow (o : Op) (a b k : Nat) :
    o.nat a b / 2 ^ k = o.nat (a / 2 ^ k) (b / 2 ^ k) := by
  cases o
  · exact Nat.xor_div_two_pow
  · exact Nat.or_div_two_pow
  · exact Nat.and_div_two_pow

theorem mod_split {k x X : Nat} (hx : x < 2 ^ k) : (x + 2 ^ k * X) % 2 ^ k = x := by
  rw [Nat.add_mul_mod_self_left, Nat.mod_eq_of_lt hx]

theorem div_split {k x X : Nat} (hx : x < 2 ^ k) : (x + 2 ^ k * X) / 2 ^ k = X := by
  rw [Nat.add_mul_div_left _ _ (Nat.two_pow_pos k), Nat.div_eq_of_lt hx, Nat.zero_add]

/-- The operation acts digit by digit in base `2^k`. -/
theorem Op.split (o : Op) {k x y X Y : Nat} (hx : x < 2 ^ k) (hy : y < 2 ^ k) :
    o.nat (x + 2 ^ k * X) (y + 2 ^ k * Y) = o.nat x y + 2 ^ k * o.nat X Y := by
  rw [← Nat.mod_add_div (o.nat _ _) (2 ^ k), o.mod_two_pow, o.div_two_pow, mod_split hx,
    mod_split hy, div_split hx, div_split hy]

theorem Op.nat_lt (o : Op) {x y : Nat} (hx : x < 16) (hy : y < 16) : o.nat x y < 16 := by
  cases o
  · exact Nat.xor_lt_two_pow (n := 4) hx hy
  · exact Nat.or_lt_two_pow (n := 4) hx hy
  · exact Nat.and_lt_two_pow (n := 4) x hy

/-- On four nibbles. -/
theorem Op.nib4 (o : Op) {x₀ x₁ x₂ x₃ y₀ y₁ y₂ y₃ : Nat} (hx₀ : x₀ < 16) (hx₁ : x₁ < 16)
    (hx₂ : x₂ < 16) (hy₀ : y₀ < 16) (hy₁ : y₁ < 16) (hy₂ : y₂ < 16) :
    o.nat (nib x₀ x₁ x₂ x₃) (nib y₀ y₁ y₂ y₃) =
      nib (o.nat x₀ y₀) (o.nat x₁ y₁) (o.nat x₂ y₂) (o.nat x₃ y₃) := by
  unfold nib
  rw [o.split (k := 4) hx₀ hy₀, o.split (k := 4) hx₁ hy₁, o.split (k := 4) hx₂ hy₂]

/-- On a word of two limbs of four nibbles each. -/
theorem Op.word (o : Op) {x y : Nat → Nat} (hx : ∀ i, i < 8 → x i < 16)
    (hy : ∀ i, i < 8 → y i < 16) :
    o.nat (nib (x 0) (x 1) (x 2) (x 3) + 65536 * nib (x 4) (x 5) (x 6) (x 7))
        (nib (y 0) (y 1) (y 2) (y 3) + 65536 * nib (y 4) (y 5) (y 6) (y 7)) =
      nib (o.nat (x 0) (y 0)) (o.nat (x 1) (y 1)) (o.nat (x 2) (y 2)) (o.nat (x 3) (y 3)) +
        65536 * nib (o.nat (x 4) (y 4)) (o.nat (x 5) (y 5)) (o.nat (x 6) (y 6))
          (o.nat (x 7) (y 7)) := by
  have e := o.split (k := 16)
    (nib_lt (hx 0 (by omega)) (hx 1 (by omega)) (hx 2 (by omega)) (hx 3 (by omega)))
    (nib_lt (hy 0 (by omega)) (hy 1 (by omega)) (hy 2 (by omega)) (hy 3 (by omega)))
    (X := nib (x 4) (x 5) (x 6) (x 7)) (Y := nib (y 4) (y 5) (y 6) (y 7))
  simp only [Nat.reducePow] at e
  rw [e, o.nib4 (hx 0 (by omega)) (hx 1 (by omega)) (hx 2 (by omega)) (hy 0 (by omega))
    (hy 1 (by omega)) (hy 2 (by omega)), o.nib4 (hx 4 (by omega)) (hx 5 (by omega))
    (hx 6 (by omega)) (hy 4 (by omega)) (hy 5 (by omega)) (hy 6 (by omega))]

/-- The word operation, on numbers. -/
theorem Op.toNat_eval (o : Op) (a y : Word) : (o.alu.eval a y).toNat = o.nat a.toNat y.toNat := by
  cases o
  · exact BitVec.toNat_xor a y
  · exact BitVec.toNat_or a y
  · exact BitVec.toNat_and a y

/-! ## One nibble in the field -/

theorem or_and_nibble : ∀ x, x < 16 → ∀ y, y < 16 → (x ||| y) + (x &&& y) = x + y := by
  decide

theorem xor_and_nibble : ∀ x, x < 16 → ∀ y, y < 16 → (x ^^^ y) + 2 * (x &&& y) = x + y := by
  decide

/-- A nibble cell triple `(a, y, n)` of the AND4 table: `a op y` is `Op.comb a y n`. -/
theorem Op.nibble (o : Op) {a y n : BabyBear} (ha : a.val < 16) (hy : y.val < 16)
    (hn : n.val = a.val &&& y.val) :
    ((o.nat a.val y.val : Nat) : BabyBear) = o.comb a y n := by
  cases o
  · have e := congrArg (fun m : Nat => (m : BabyBear)) (xor_and_nibble _ ha _ hy)
    simp only [Felt.natCast_add, Felt.natCast_mul, Felt.natCast_val, ← hn] at e
    simp only [Op.nat, Op.comb]
    have h2 : ((2 : Nat) : BabyBear) = 2 := rfl
    rw [h2] at e
    grind
  · have e := congrArg (fun m : Nat => (m : BabyBear)) (or_and_nibble _ ha _ hy)
    simp only [Felt.natCast_add, Felt.natCast_val, ← hn] at e
    simp only [Op.nat, Op.comb]
    grind
  · simp only [Op.nat, Op.comb, ← hn, Felt.natCast_val]

/-! ## Limbs of nibble cells -/

theorem limb_cast (r : Row BabyBear) (first : Nat) :
    limb r first = ((nib (r first).val (r (first + 1)).val (r (first + 2)).val
      (r (first + 3)).val : Nat) : BabyBear) := by
  unfold limb nib
  simp only [Felt.natCast_add, Felt.natCast_mul, Felt.natCast_val]
  have h16 : ((16 : Nat) : BabyBear) = 16 := rfl
  rw [h16]
  grind

theorem val_natCast_lt {n : Nat} (h : n < 2 ^ 16) : ((n : Nat) : BabyBear).val = n := by
  have hP : P = 2013265921 := P_eq
  rw [BabyBear.val_natCast, hP]; omega

/-- Four nibble cells make a limb whose value is their sum. -/
theorem limb_val (r : Row BabyBear) (first : Nat) (h₀ : (r first).val < 16)
    (h₁ : (r (first + 1)).val < 16) (h₂ : (r (first + 2)).val < 16)
    (h₃ : (r (first + 3)).val < 16) :
    (limb r first).val =
      nib (r first).val (r (first + 1)).val (r (first + 2)).val (r (first + 3)).val := by
  rw [limb_cast, val_natCast_lt (nib_lt h₀ h₁ h₂ h₃)]

/-- The nibble facts of four consecutive positions. -/
def NibbleFacts (r : Row BabyBear) (first : Nat) : Prop :=
  ∀ j, j < 4 → (r (a0 + first + j)).val < 16 ∧ (r (y0 + first + j)).val < 16 ∧
    (r (n0 + first + j)).val = (r (a0 + first + j)).val &&& (r (y0 + first + j)).val

/-- The result limb of op `o` (its flag set, the others clear) is the number of the four
nibble results. -/
theorem resultLimb_eq (o : Op) {r : Row BabyBear} {first : Nat}
    (hx : r fXor = if o = .xor then 1 else 0) (ho : r fOr = if o = .or then 1 else 0)
    (ha : r fAnd = if o = .and then 1 else 0) (h : NibbleFacts r first) :
    resultLimb r first =
      ((nib (o.nat (r (a0 + first)).val (r (y0 + first)).val)
        (o.nat (r (a0 + first + 1)).val (r (y0 + first + 1)).val)
        (o.nat (r (a0 + first + 2)).val (r (y0 + first + 2)).val)
        (o.nat (r (a0 + first + 3)).val (r (y0 + first + 3)).val) : Nat) : BabyBear) := by
  obtain ⟨a₀, y₀, n₀⟩ := h 0 (by omega)
  obtain ⟨a₁, y₁, n₁⟩ := h 1 (by omega)
  obtain ⟨a₂, y₂, n₂⟩ := h 2 (by omega)
  obtain ⟨a₃, y₃, n₃⟩ := h 3 (by omega)
  simp only [Nat.add_zero] at a₀ y₀ n₀
  unfold nib
  simp only [Felt.natCast_add, Felt.natCast_mul]
  rw [o.nibble a₀ y₀ n₀, o.nibble a₁ y₁ n₁, o.nibble a₂ y₂ n₂, o.nibble a₃ y₃ n₃]
  have h16 : ((16 : Nat) : BabyBear) = 16 := rfl
  rw [h16]
  unfold resultLimb limb
  cases o <;> simp only [Op.comb, reduceCtorEq, if_true, if_false] at hx ho ha ⊢ <;>
    rw [hx, ho, ha] <;> grind

end Zkvm.Air.V2.Logic
