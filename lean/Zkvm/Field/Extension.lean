module

public import Zkvm.Field.BabyBear

/-!
# The quartic extension `BabyBear[X]/(X⁴ − 11)`

The verifier samples its challenges from the degree-4 binomial extension of BabyBear used by
Plonky3 (`BinomialExtensionField<BabyBear, 4>`, `W = 11`). An element of `Ext4` is
`c0 + c1·X + c2·X² + c3·X³`, multiplied using `X⁴ = W`.

The inverse uses norms. Writing `a(−X)` for the conjugate `conj a`,
`a · a(−X) = b₀ + b₁·X²` lies in the subfield `BabyBear[X²]`, and
`(b₀ + b₁X²)(b₀ − b₁X²) = b₀² − W·b₁² = norm a ∈ BabyBear`, so
`a⁻¹ = norm(a)⁻¹ · a(−X) · (b₀ − b₁X²)`. That `norm a ≠ 0` for `a ≠ 0` needs exactly that
`W` and `−W` are non-squares in BabyBear, which the kernel checks by Euler's criterion
(`W ^ ((P - 1) / 2) = -1`, `(-W) ^ ((P - 1) / 2) = -1`); this is equivalent to `X⁴ − 11` being
irreducible. We prove the commutative-ring laws and register `Lean.Grind.CommRing`,
`Lean.Grind.IsCharP` and `Lean.Grind.Field` instances.
-/

public section

namespace Zkvm.Field

open BabyBear

/-- `W = 11`: the extension is `BabyBear[X]/(X⁴ − W)`. -/
@[expose] def W : BabyBear := 11

theorem W_pow_half : W ^ ((P - 1) / 2) = -1 := by decide +kernel

theorem neg_W_pow_half : (-W) ^ ((P - 1) / 2) = -1 := by decide +kernel

/-- `W = 11` is not a square in BabyBear. -/
theorem W_not_square : ∀ t : BabyBear, t * t ≠ W :=
  not_square_of_pow_half_eq_neg_one W_pow_half

/-- `−W = −11` is not a square in BabyBear. -/
theorem neg_W_not_square : ∀ t : BabyBear, t * t ≠ -W :=
  not_square_of_pow_half_eq_neg_one neg_W_pow_half

/-- An element `c0 + c1·X + c2·X² + c3·X³` of `BabyBear[X]/(X⁴ − W)`. -/
@[ext] structure Ext4 where
  c0 : BabyBear
  c1 : BabyBear
  c2 : BabyBear
  c3 : BabyBear

namespace Ext4

instance : DecidableEq Ext4 := fun a b =>
  decidable_of_iff (a.c0 = b.c0 ∧ a.c1 = b.c1 ∧ a.c2 = b.c2 ∧ a.c3 = b.c3)
    ⟨fun ⟨h0, h1, h2, h3⟩ => Ext4.ext h0 h1 h2 h3, fun h => h ▸ ⟨rfl, rfl, rfl, rfl⟩⟩

/-! ## Operations -/

/-- The base field embedded as constants. -/
@[expose] def ofBase (a : BabyBear) : Ext4 := ⟨a, 0, 0, 0⟩

@[expose] def ofNat (n : Nat) : Ext4 := ofBase (BabyBear.ofNat n)

@[expose] def ofInt (i : Int) : Ext4 := ofBase (BabyBear.ofInt i)

@[expose] def add (a b : Ext4) : Ext4 := ⟨a.c0 + b.c0, a.c1 + b.c1, a.c2 + b.c2, a.c3 + b.c3⟩

@[expose] def neg (a : Ext4) : Ext4 := ⟨-a.c0, -a.c1, -a.c2, -a.c3⟩

@[expose] def sub (a b : Ext4) : Ext4 := ⟨a.c0 - b.c0, a.c1 - b.c1, a.c2 - b.c2, a.c3 - b.c3⟩

/-- Product of polynomials of degree `< 4`, reduced with `X⁴ = W`. -/
@[expose] def mul (a b : Ext4) : Ext4 :=
  ⟨a.c0 * b.c0 + W * (a.c1 * b.c3 + a.c2 * b.c2 + a.c3 * b.c1),
   a.c0 * b.c1 + a.c1 * b.c0 + W * (a.c2 * b.c3 + a.c3 * b.c2),
   a.c0 * b.c2 + a.c1 * b.c1 + a.c2 * b.c0 + W * (a.c3 * b.c3),
   a.c0 * b.c3 + a.c1 * b.c2 + a.c2 * b.c1 + a.c3 * b.c0⟩

/-- Multiplication by a base-field scalar. -/
@[expose] def smul (c : BabyBear) (a : Ext4) : Ext4 := ⟨c * a.c0, c * a.c1, c * a.c2, c * a.c3⟩

instance instOfNat {n : Nat} : OfNat Ext4 n := ⟨ofNat n⟩
instance : NatCast Ext4 := ⟨ofNat⟩
instance : IntCast Ext4 := ⟨ofInt⟩
instance : Inhabited Ext4 := ⟨0⟩
instance : Add Ext4 := ⟨add⟩
instance : Mul Ext4 := ⟨mul⟩
instance : Neg Ext4 := ⟨neg⟩
instance : Sub Ext4 := ⟨sub⟩

/-- Powers by square-and-multiply (`O(log n)` multiplications, kernel-evaluable). Not inlined,
so compiled code in other modules calls it rather than its module-private specialisation. -/
@[expose, noinline] def pow (a : Ext4) (n : Nat) : Ext4 := powBySquaring a n

instance : HPow Ext4 Nat Ext4 := ⟨pow⟩
instance : SMul Nat Ext4 := ⟨fun n a => ofNat n * a⟩
instance : SMul Int Ext4 := ⟨fun i a => ofInt i * a⟩

/-- The generator `X` (`X⁴ = W`). -/
@[expose] def X : Ext4 := ⟨0, 1, 0, 0⟩

/-! ## Components -/

section Components

variable (a b : Ext4) (c : BabyBear)

@[simp] theorem ofBase_c0 : (ofBase c).c0 = c := rfl
@[simp] theorem ofBase_c1 : (ofBase c).c1 = 0 := rfl
@[simp] theorem ofBase_c2 : (ofBase c).c2 = 0 := rfl
@[simp] theorem ofBase_c3 : (ofBase c).c3 = 0 := rfl
@[simp] theorem zero_c0 : (0 : Ext4).c0 = 0 := rfl
@[simp] theorem zero_c1 : (0 : Ext4).c1 = 0 := rfl
@[simp] theorem zero_c2 : (0 : Ext4).c2 = 0 := rfl
@[simp] theorem zero_c3 : (0 : Ext4).c3 = 0 := rfl
@[simp] theorem one_c0 : (1 : Ext4).c0 = 1 := rfl
@[simp] theorem one_c1 : (1 : Ext4).c1 = 0 := rfl
@[simp] theorem one_c2 : (1 : Ext4).c2 = 0 := rfl
@[simp] theorem one_c3 : (1 : Ext4).c3 = 0 := rfl
@[simp] theorem add_c0 : (a + b).c0 = a.c0 + b.c0 := rfl
@[simp] theorem add_c1 : (a + b).c1 = a.c1 + b.c1 := rfl
@[simp] theorem add_c2 : (a + b).c2 = a.c2 + b.c2 := rfl
@[simp] theorem add_c3 : (a + b).c3 = a.c3 + b.c3 := rfl
@[simp] theorem neg_c0 : (-a).c0 = -a.c0 := rfl
@[simp] theorem neg_c1 : (-a).c1 = -a.c1 := rfl
@[simp] theorem neg_c2 : (-a).c2 = -a.c2 := rfl
@[simp] theorem neg_c3 : (-a).c3 = -a.c3 := rfl
@[simp] theorem sub_c0 : (a - b).c0 = a.c0 - b.c0 := rfl
@[simp] theorem sub_c1 : (a - b).c1 = a.c1 - b.c1 := rfl
@[simp] theorem sub_c2 : (a - b).c2 = a.c2 - b.c2 := rfl
@[simp] theorem sub_c3 : (a - b).c3 = a.c3 - b.c3 := rfl
@[simp] theorem smul_c0 : (smul c a).c0 = c * a.c0 := rfl
@[simp] theorem smul_c1 : (smul c a).c1 = c * a.c1 := rfl
@[simp] theorem smul_c2 : (smul c a).c2 = c * a.c2 := rfl
@[simp] theorem smul_c3 : (smul c a).c3 = c * a.c3 := rfl
@[simp] theorem mul_c0 : (a * b).c0 = a.c0 * b.c0 + W * (a.c1 * b.c3 + a.c2 * b.c2 + a.c3 * b.c1) :=
  rfl
@[simp] theorem mul_c1 : (a * b).c1 = a.c0 * b.c1 + a.c1 * b.c0 + W * (a.c2 * b.c3 + a.c3 * b.c2) :=
  rfl
@[simp] theorem mul_c2 : (a * b).c2 = a.c0 * b.c2 + a.c1 * b.c1 + a.c2 * b.c0 + W * (a.c3 * b.c3) :=
  rfl
@[simp] theorem mul_c3 : (a * b).c3 = a.c0 * b.c3 + a.c1 * b.c2 + a.c2 * b.c1 + a.c3 * b.c0 := rfl

end Components

/-- Prove an identity in `Ext4` componentwise, each component by `grind`'s ring normalisation
over `BabyBear`. -/
local macro "ext4_grind" : tactic =>
  `(tactic| (apply Ext4.ext <;>
    simp only [ofBase_c0, ofBase_c1, ofBase_c2, ofBase_c3, zero_c0, zero_c1, zero_c2, zero_c3,
      one_c0, one_c1, one_c2, one_c3, add_c0, add_c1, add_c2, add_c3, neg_c0, neg_c1, neg_c2,
      neg_c3, sub_c0, sub_c1, sub_c2, sub_c3, smul_c0, smul_c1, smul_c2, smul_c3, mul_c0, mul_c1,
      mul_c2, mul_c3] <;> grind))

/-! ## Ring laws -/

protected theorem add_zero (a : Ext4) : a + 0 = a := by ext4_grind
protected theorem add_comm (a b : Ext4) : a + b = b + a := by ext4_grind
protected theorem add_assoc (a b c : Ext4) : a + b + c = a + (b + c) := by ext4_grind
protected theorem mul_comm (a b : Ext4) : a * b = b * a := by ext4_grind
protected theorem mul_assoc (a b c : Ext4) : a * b * c = a * (b * c) := by ext4_grind
protected theorem mul_one (a : Ext4) : a * 1 = a := by ext4_grind
protected theorem one_mul (a : Ext4) : 1 * a = a := by ext4_grind
protected theorem zero_mul (a : Ext4) : 0 * a = 0 := by ext4_grind
protected theorem mul_zero (a : Ext4) : a * 0 = 0 := by ext4_grind
protected theorem left_distrib (a b c : Ext4) : a * (b + c) = a * b + a * c := by ext4_grind
protected theorem right_distrib (a b c : Ext4) : (a + b) * c = a * c + b * c := by ext4_grind
protected theorem neg_add_cancel (a : Ext4) : -a + a = 0 := by ext4_grind
protected theorem sub_eq_add_neg (a b : Ext4) : a - b = a + -b := by ext4_grind
protected theorem neg_mul (a b : Ext4) : -a * b = -(a * b) := by ext4_grind

theorem ofNat_succ (n : Nat) : ofNat (n + 1) = ofNat n + 1 := by
  refine Ext4.ext ?_ ?_ ?_ ?_
  · exact BabyBear.ofNat_succ n
  all_goals exact (BabyBear.add_zero 0).symm

theorem ofInt_neg (i : Int) : ofInt (-i) = -ofInt i := by
  refine Ext4.ext ?_ ?_ ?_ ?_
  · exact BabyBear.ofInt_neg i
  all_goals exact BabyBear.neg_zero.symm

theorem pow_eq_npowRec (a : Ext4) (n : Nat) : a ^ n = npowRec n a :=
  powBySquaring_eq Ext4.mul_assoc Ext4.mul_comm Ext4.one_mul a n

protected theorem pow_zero (a : Ext4) : a ^ 0 = 1 := by rw [pow_eq_npowRec]; rfl

protected theorem pow_succ (a : Ext4) (n : Nat) : a ^ (n + 1) = a ^ n * a := by
  rw [pow_eq_npowRec, pow_eq_npowRec]; rfl

instance instCommRing : Lean.Grind.CommRing Ext4 where
  add_zero := Ext4.add_zero
  add_comm := Ext4.add_comm
  add_assoc := Ext4.add_assoc
  mul_assoc := Ext4.mul_assoc
  mul_one := Ext4.mul_one
  one_mul := Ext4.one_mul
  left_distrib := Ext4.left_distrib
  right_distrib := Ext4.right_distrib
  zero_mul := Ext4.zero_mul
  mul_zero := Ext4.mul_zero
  pow_zero := Ext4.pow_zero
  pow_succ := Ext4.pow_succ
  ofNat_succ := ofNat_succ
  neg_add_cancel := Ext4.neg_add_cancel
  sub_eq_add_neg := Ext4.sub_eq_add_neg
  neg_zsmul i a := by
    change ofInt (-i) * a = -(ofInt i * a)
    rw [ofInt_neg, Ext4.neg_mul]
  intCast_neg := ofInt_neg
  mul_comm := Ext4.mul_comm

/-- `Ext4` has characteristic `P`. -/
instance instIsCharP : Lean.Grind.IsCharP Ext4 P where
  ofNat_ext_iff := ⟨fun h => congrArg (fun a : Ext4 => a.c0.val) h,
    fun h => congrArg ofBase (BabyBear.ext h)⟩

/-! ## The base field inside `Ext4` -/

theorem ofBase_add (a b : BabyBear) : ofBase (a + b) = ofBase a + ofBase b := by ext4_grind
theorem ofBase_mul (a b : BabyBear) : ofBase (a * b) = ofBase a * ofBase b := by ext4_grind
theorem ofBase_neg (a : BabyBear) : ofBase (-a) = -ofBase a := by ext4_grind
theorem ofBase_injective {a b : BabyBear} (h : ofBase a = ofBase b) : a = b :=
  congrArg Ext4.c0 h
theorem smul_eq_ofBase_mul (c : BabyBear) (a : Ext4) : smul c a = ofBase c * a := by ext4_grind

theorem X_pow_four : X ^ 4 = ofBase W := by decide +kernel

/-! ## Norm and inverse -/

/-- The conjugate `a(−X)`. -/
@[expose] def conj (a : Ext4) : Ext4 := ⟨a.c0, -a.c1, a.c2, -a.c3⟩

/-- `a · a(−X) = conjProd0 a + conjProd1 a · X²`. -/
@[expose] def conjProd0 (a : Ext4) : BabyBear :=
  a.c0 * a.c0 + W * (a.c2 * a.c2) - 2 * W * (a.c1 * a.c3)

@[expose] def conjProd1 (a : Ext4) : BabyBear :=
  2 * (a.c0 * a.c2) - a.c1 * a.c1 - W * (a.c3 * a.c3)

/-- The norm `N(a) = b₀² − W·b₁² ∈ BabyBear`, where `a · a(−X) = b₀ + b₁X²`. -/
@[expose] def norm (a : Ext4) : BabyBear :=
  conjProd0 a * conjProd0 a - W * (conjProd1 a * conjProd1 a)

/-- The adjugate `a(−X) · (b₀ − b₁X²)`, with `a · adj a = N(a)`. -/
@[expose] def adj (a : Ext4) : Ext4 :=
  let b0 := conjProd0 a
  let b1 := conjProd1 a
  ⟨a.c0 * b0 - W * (a.c2 * b1), W * (a.c3 * b1) - a.c1 * b0, a.c2 * b0 - a.c0 * b1,
    a.c1 * b1 - a.c3 * b0⟩

/-- The inverse `a⁻¹ = N(a)⁻¹ · adj a`; `0⁻¹ = 0`. -/
@[expose] def inv (a : Ext4) : Ext4 := smul (norm a)⁻¹ (adj a)

instance : Inv Ext4 := ⟨inv⟩

@[expose] def div (a b : Ext4) : Ext4 := a * b⁻¹

instance : Div Ext4 := ⟨div⟩

theorem mul_conj (a : Ext4) : a * conj a = ⟨conjProd0 a, 0, conjProd1 a, 0⟩ := by
  simp only [conj, conjProd0, conjProd1]; ext4_grind

theorem mul_adj (a : Ext4) : a * adj a = ofBase (norm a) := by
  simp only [adj, norm, conjProd0, conjProd1]; ext4_grind

/-- The algebraic identity behind `norm_ne_zero`: with `e = a₀ + a₂Y`, `o = a₁ + a₃Y`
(`Y = X²`), `N(e)² + W·N(o)²` is a combination of `b₀` and `b₁`. -/
theorem norm_identity (a : Ext4) :
    (a.c0 * a.c0 - W * (a.c2 * a.c2)) * (a.c0 * a.c0 - W * (a.c2 * a.c2))
      + W * ((a.c1 * a.c1 - W * (a.c3 * a.c3)) * (a.c1 * a.c1 - W * (a.c3 * a.c3)))
    = conjProd0 a * (a.c0 * a.c0 + W * (a.c2 * a.c2) + 2 * W * (a.c1 * a.c3))
      - W * (conjProd1 a * (2 * (a.c0 * a.c2) + a.c1 * a.c1 + W * (a.c3 * a.c3))) := by
  simp only [conjProd0, conjProd1]; grind

/-- A nonzero element has nonzero norm (because `W` and `−W` are non-squares). -/
theorem norm_ne_zero {a : Ext4} (ha : a ≠ 0) : norm a ≠ 0 := by
  intro hN
  -- `b₀² = W·b₁²` forces `b₀ = b₁ = 0`.
  have hb : conjProd0 a * conjProd0 a = W * (conjProd1 a * conjProd1 a) := by
    simp only [norm] at hN; grind
  obtain ⟨hb0, hb1⟩ := eq_zero_of_mul_self_eq_mul_mul_self W_not_square hb
  -- Then `N(e)² = −W·N(o)²`, so `N(e) = N(o) = 0`.
  have hid := norm_identity a
  rw [hb0, hb1] at hid
  have hne : (a.c0 * a.c0 - W * (a.c2 * a.c2)) * (a.c0 * a.c0 - W * (a.c2 * a.c2))
      = -W * ((a.c1 * a.c1 - W * (a.c3 * a.c3)) * (a.c1 * a.c1 - W * (a.c3 * a.c3))) := by
    grind
  obtain ⟨he, ho⟩ := eq_zero_of_mul_self_eq_mul_mul_self neg_W_not_square hne
  -- And `N(e) = 0` forces `a₀ = a₂ = 0`, `N(o) = 0` forces `a₁ = a₃ = 0`.
  have he' : a.c0 * a.c0 = W * (a.c2 * a.c2) := by grind
  have ho' : a.c1 * a.c1 = W * (a.c3 * a.c3) := by grind
  obtain ⟨h0, h2⟩ := eq_zero_of_mul_self_eq_mul_mul_self W_not_square he'
  obtain ⟨h1, h3⟩ := eq_zero_of_mul_self_eq_mul_mul_self W_not_square ho'
  exact ha (Ext4.ext h0 h1 h2 h3)

theorem mul_smul (c : BabyBear) (a b : Ext4) : a * smul c b = smul c (a * b) := by ext4_grind

protected theorem mul_inv_cancel {a : Ext4} (ha : a ≠ 0) : a * a⁻¹ = 1 := by
  change a * smul (norm a)⁻¹ (adj a) = 1
  rw [mul_smul, mul_adj, smul_eq_ofBase_mul, ← ofBase_mul, BabyBear.mul_comm,
    Lean.Grind.Field.mul_inv_cancel (norm_ne_zero ha)]
  rfl

protected theorem inv_zero : (0 : Ext4)⁻¹ = 0 := by decide +kernel

protected theorem zero_ne_one : (0 : Ext4) ≠ 1 := by decide

/-- Integer powers: `a ^ (-n) = (a ^ n)⁻¹`. (Not inlined, like `pow`.) -/
@[expose, noinline] def zpow (a : Ext4) (i : Int) : Ext4 := zpowOfInv a i

instance : HPow Ext4 Int Ext4 := ⟨zpow⟩

/-- `Ext4` is a field. -/
instance instField : Lean.Grind.Field Ext4 where
  div_eq_mul_inv _ _ := rfl
  zero_ne_one := Ext4.zero_ne_one
  inv_zero := Ext4.inv_zero
  mul_inv_cancel := Ext4.mul_inv_cancel
  zpow_zero := Ext4.pow_zero
  zpow_succ := Ext4.pow_succ
  zpow_neg := zpowOfInv_neg Ext4.zero_ne_one Ext4.inv_zero Ext4.mul_inv_cancel

/-- Inverses are unique, so any correct inverse computation agrees with `a⁻¹`. -/
theorem eq_inv_of_mul_eq_one {a b : Ext4} (h : a * b = 1) : b = a⁻¹ :=
  Zkvm.Field.eq_inv_of_mul_eq_one h

end Ext4

end Zkvm.Field
