module

public import Zkvm.Field.Fermat
public import Zkvm.Field.Algebra

/-!
# The BabyBear field

`BabyBear` is `ℤ/P` for the prime `P = 15 · 2^27 + 1`, each element stored as its canonical
representative `val < P`. The operations are the ones the Rust verifier implements (reduce the
sum / product / difference mod `P`), and the inverse is `a⁻¹ = a ^ (P - 2)` computed by
square-and-multiply, exactly as the verifier computes it (so `0⁻¹ = 0`). Everything is
computable and exposed, so the kernel can evaluate field arithmetic (`decide +kernel`).

We prove the commutative-ring laws and register `Lean.Grind.CommRing`, `Lean.Grind.IsCharP` and
`Lean.Grind.Field` instances (so `grind` does ring/field reasoning over `BabyBear`, and libraries
over a generic `[Lean.Grind.Field F]` apply). The field law `a ≠ 0 → a * a⁻¹ = 1` is Fermat's
little theorem (`Zkvm.Field.Fermat`) for the prime `P` (`Zkvm.Field.P_prime`).
-/

public section

namespace Zkvm.Field

theorem P_pos : 0 < P := by decide

theorem one_lt_P : 1 < P := by decide

/-- An element of the BabyBear field `ℤ/P`, as its canonical representative `val < P`. -/
@[ext] structure BabyBear where
  /-- The canonical representative, in `[0, P)`. -/
  val : Nat
  lt : val < P

namespace BabyBear

instance : DecidableEq BabyBear := fun a b =>
  decidable_of_iff (a.val = b.val) ⟨fun h => BabyBear.ext h, fun h => h ▸ rfl⟩

instance : Repr BabyBear := ⟨fun a _ => repr a.val⟩

theorem val_inj {a b : BabyBear} : a.val = b.val ↔ a = b := ⟨BabyBear.ext, fun h => h ▸ rfl⟩

/-! ## Operations -/

/-- The residue of `n` mod `P`. -/
@[expose] def ofNat (n : Nat) : BabyBear := ⟨n % P, Nat.mod_lt _ P_pos⟩

@[expose] def add (a b : BabyBear) : BabyBear := ⟨(a.val + b.val) % P, Nat.mod_lt _ P_pos⟩

@[expose] def mul (a b : BabyBear) : BabyBear := ⟨(a.val * b.val) % P, Nat.mod_lt _ P_pos⟩

@[expose] def neg (a : BabyBear) : BabyBear := ⟨(P - a.val) % P, Nat.mod_lt _ P_pos⟩

@[expose] def sub (a b : BabyBear) : BabyBear := ⟨(a.val + (P - b.val)) % P, Nat.mod_lt _ P_pos⟩

/-- The residue of an integer: `-n` maps to `-(n mod P)`. -/
@[expose] def ofInt : Int → BabyBear
  | .ofNat n => ofNat n
  | .negSucc n => neg (ofNat (n + 1))

instance instOfNat {n : Nat} : OfNat BabyBear n := ⟨ofNat n⟩
instance : NatCast BabyBear := ⟨ofNat⟩
instance : IntCast BabyBear := ⟨ofInt⟩
instance : Inhabited BabyBear := ⟨0⟩
instance : Add BabyBear := ⟨add⟩
instance : Mul BabyBear := ⟨mul⟩
instance : Neg BabyBear := ⟨neg⟩
instance : Sub BabyBear := ⟨sub⟩
/-- Powers by square-and-multiply (`O(log n)` multiplications, kernel-evaluable). Not inlined,
so compiled code in other modules calls it rather than its module-private specialisation. -/
@[expose, noinline] def pow (a : BabyBear) (n : Nat) : BabyBear := powBySquaring a n
-- A direct `HPow` instance (rather than `Pow`), so compiled code does not go through core's
-- `instHPow`.
instance : HPow BabyBear Nat BabyBear := ⟨pow⟩
instance : SMul Nat BabyBear := ⟨fun n a => ofNat n * a⟩
instance : SMul Int BabyBear := ⟨fun i a => ofInt i * a⟩

/-- The inverse `a⁻¹ = a ^ (P - 2)` (Fermat), by square-and-multiply; `0⁻¹ = 0`. -/
@[expose] def inv (a : BabyBear) : BabyBear := a ^ (P - 2)

instance : Inv BabyBear := ⟨inv⟩

@[expose] def div (a b : BabyBear) : BabyBear := a * b⁻¹

instance : Div BabyBear := ⟨div⟩

/-! ## The operations on representatives -/

theorem val_lt (a : BabyBear) : a.val < P := a.lt

theorem val_ofNat (n : Nat) : (ofNat n).val = n % P := rfl

@[simp] theorem val_ofNat' (n : Nat) : (no_index (OfNat.ofNat n : BabyBear)).val = n % P := rfl

@[simp] theorem val_natCast (n : Nat) : (n : BabyBear).val = n % P := rfl

@[simp] theorem val_zero : (0 : BabyBear).val = 0 := Nat.zero_mod P

@[simp] theorem val_one : (1 : BabyBear).val = 1 := Nat.mod_eq_of_lt one_lt_P

@[simp] theorem val_add (a b : BabyBear) : (a + b).val = (a.val + b.val) % P := rfl

@[simp] theorem val_mul (a b : BabyBear) : (a * b).val = (a.val * b.val) % P := rfl

@[simp] theorem val_neg (a : BabyBear) : (-a).val = (P - a.val) % P := rfl

@[simp] theorem val_sub (a b : BabyBear) : (a - b).val = (a.val + (P - b.val)) % P := rfl

theorem val_ofNat_of_lt {n : Nat} (h : n < P) : (ofNat n).val = n := Nat.mod_eq_of_lt h

theorem ofNat_val (a : BabyBear) : ofNat a.val = a := BabyBear.ext (Nat.mod_eq_of_lt a.lt)

theorem ofNat_mod (n : Nat) : ofNat (n % P) = ofNat n := BabyBear.ext (Nat.mod_mod n P)

theorem eq_zero_iff_val {a : BabyBear} : a = 0 ↔ a.val = 0 := by
  rw [← val_inj, val_zero]

/-! ## Ring laws -/

protected theorem add_zero (a : BabyBear) : a + 0 = a := by
  ext; simp only [val_add, val_zero, Nat.add_zero, Nat.mod_eq_of_lt a.lt]

protected theorem add_comm (a b : BabyBear) : a + b = b + a := by
  ext; simp only [val_add, Nat.add_comm]

protected theorem add_assoc (a b c : BabyBear) : a + b + c = a + (b + c) := by
  ext; simp only [val_add, Nat.mod_add_mod, Nat.add_mod_mod, Nat.add_assoc]

protected theorem mul_comm (a b : BabyBear) : a * b = b * a := by
  ext; simp only [val_mul, Nat.mul_comm]

protected theorem mul_assoc (a b c : BabyBear) : a * b * c = a * (b * c) := by
  ext; simp only [val_mul, Nat.mod_mul_mod, Nat.mul_mod_mod, Nat.mul_assoc]

protected theorem mul_one (a : BabyBear) : a * 1 = a := by
  ext; simp only [val_mul, val_one, Nat.mul_one, Nat.mod_eq_of_lt a.lt]

protected theorem one_mul (a : BabyBear) : 1 * a = a := by
  rw [BabyBear.mul_comm, BabyBear.mul_one]

protected theorem zero_mul (a : BabyBear) : 0 * a = 0 := by
  ext; simp only [val_mul, val_zero, Nat.zero_mul, Nat.zero_mod]

protected theorem mul_zero (a : BabyBear) : a * 0 = 0 := by
  rw [BabyBear.mul_comm, BabyBear.zero_mul]

protected theorem left_distrib (a b c : BabyBear) : a * (b + c) = a * b + a * c := by
  ext; simp only [val_mul, val_add, Nat.mul_mod_mod, Nat.mod_add_mod, Nat.add_mod_mod, Nat.mul_add]

protected theorem right_distrib (a b c : BabyBear) : (a + b) * c = a * c + b * c := by
  rw [BabyBear.mul_comm, BabyBear.left_distrib, BabyBear.mul_comm c, BabyBear.mul_comm c]

protected theorem neg_add_cancel (a : BabyBear) : -a + a = 0 := by
  ext
  simp only [val_add, val_neg, val_zero, Nat.mod_add_mod, Nat.sub_add_cancel (Nat.le_of_lt a.lt),
    Nat.mod_self]

protected theorem sub_eq_add_neg (a b : BabyBear) : a - b = a + -b := by
  ext; simp only [val_sub, val_add, val_neg, Nat.add_mod_mod]

protected theorem neg_zero : -(0 : BabyBear) = 0 := by
  ext; simp only [val_neg, val_zero, Nat.sub_zero, Nat.mod_self]

/-- Additive inverses are unique. -/
protected theorem eq_neg_of_add_eq_zero {a b : BabyBear} (h : a + b = 0) : b = -a := by
  calc b = -a + a + b := by rw [BabyBear.neg_add_cancel, BabyBear.add_comm, BabyBear.add_zero]
    _ = -a := by rw [BabyBear.add_assoc, h, BabyBear.add_zero]

protected theorem neg_neg (a : BabyBear) : -(-a) = a :=
  (BabyBear.eq_neg_of_add_eq_zero (BabyBear.neg_add_cancel a)).symm

protected theorem neg_mul (a b : BabyBear) : -a * b = -(a * b) := by
  apply BabyBear.eq_neg_of_add_eq_zero
  rw [← BabyBear.right_distrib, BabyBear.add_comm, BabyBear.neg_add_cancel, BabyBear.zero_mul]

theorem ofNat_succ (n : Nat) : ofNat (n + 1) = ofNat n + 1 := by
  ext; simp only [val_ofNat, val_add, val_one, Nat.mod_add_mod]

theorem ofInt_neg : ∀ i : Int, ofInt (-i) = -ofInt i
  | .ofNat 0 => BabyBear.neg_zero.symm
  | .ofNat (_ + 1) => rfl
  | .negSucc n => (BabyBear.neg_neg (ofNat (n + 1))).symm

theorem pow_eq_npowRec (a : BabyBear) (n : Nat) : a ^ n = npowRec n a :=
  powBySquaring_eq BabyBear.mul_assoc BabyBear.mul_comm BabyBear.one_mul a n

protected theorem pow_zero (a : BabyBear) : a ^ 0 = 1 := by rw [pow_eq_npowRec]; rfl

protected theorem pow_succ (a : BabyBear) (n : Nat) : a ^ (n + 1) = a ^ n * a := by
  rw [pow_eq_npowRec, pow_eq_npowRec]; rfl

@[simp] theorem val_pow (a : BabyBear) : ∀ n : Nat, (a ^ n).val = a.val ^ n % P
  | 0 => by rw [BabyBear.pow_zero, val_one, Nat.pow_zero, Nat.mod_eq_of_lt one_lt_P]
  | n + 1 => by rw [BabyBear.pow_succ, val_mul, val_pow a n, Nat.mod_mul_mod, Nat.pow_succ]

instance instCommRing : Lean.Grind.CommRing BabyBear where
  add_zero := BabyBear.add_zero
  add_comm := BabyBear.add_comm
  add_assoc := BabyBear.add_assoc
  mul_assoc := BabyBear.mul_assoc
  mul_one := BabyBear.mul_one
  one_mul := BabyBear.one_mul
  left_distrib := BabyBear.left_distrib
  right_distrib := BabyBear.right_distrib
  zero_mul := BabyBear.zero_mul
  mul_zero := BabyBear.mul_zero
  pow_zero := BabyBear.pow_zero
  pow_succ := BabyBear.pow_succ
  ofNat_succ := ofNat_succ
  neg_add_cancel := BabyBear.neg_add_cancel
  sub_eq_add_neg := BabyBear.sub_eq_add_neg
  neg_zsmul i a := by
    change ofInt (-i) * a = -(ofInt i * a)
    rw [ofInt_neg, BabyBear.neg_mul]
  intCast_neg := ofInt_neg
  mul_comm := BabyBear.mul_comm

/-- `BabyBear` has characteristic `P`: numerals are equal iff they agree mod `P`. -/
instance instIsCharP : Lean.Grind.IsCharP BabyBear P where
  ofNat_ext_iff := ⟨fun h => congrArg BabyBear.val h, fun h => BabyBear.ext h⟩

/-! ## The inverse -/

theorem val_pos_of_ne_zero {a : BabyBear} (ha : a ≠ 0) : 0 < a.val :=
  Nat.pos_of_ne_zero fun h => ha (eq_zero_iff_val.mpr h)

/-- Fermat's little theorem in `BabyBear`: `a ^ (P - 1) = 1` for `a ≠ 0`. -/
theorem pow_P_sub_one {a : BabyBear} (ha : a ≠ 0) : a ^ (P - 1) = 1 := by
  ext
  rw [val_pow, val_one]
  exact Fermat.pow_sub_one_mod P_prime
    (IsPrime.not_dvd_of_pos_of_lt (val_pos_of_ne_zero ha) a.lt)

/-- `a⁻¹` is the Rust verifier's `a ^ (P - 2)`, by definition. -/
theorem inv_eq_pow (a : BabyBear) : a⁻¹ = a ^ (P - 2) := rfl

protected theorem mul_inv_cancel {a : BabyBear} (ha : a ≠ 0) : a * a⁻¹ = 1 := by
  rw [inv_eq_pow, BabyBear.mul_comm, ← BabyBear.pow_succ]
  exact pow_P_sub_one ha

protected theorem inv_zero : (0 : BabyBear)⁻¹ = 0 := by
  rw [inv_eq_pow]
  have : P - 2 = (P - 3) + 1 := by decide
  rw [this, BabyBear.pow_succ, BabyBear.mul_zero]

protected theorem zero_ne_one : (0 : BabyBear) ≠ 1 := by decide

/-- Integer powers: `a ^ (-n) = (a ^ n)⁻¹`. (Not inlined, like `pow`.) -/
@[expose, noinline] def zpow (a : BabyBear) (i : Int) : BabyBear := zpowOfInv a i

instance : HPow BabyBear Int BabyBear := ⟨zpow⟩

/-- `BabyBear` is a field. -/
instance instField : Lean.Grind.Field BabyBear where
  div_eq_mul_inv _ _ := rfl
  zero_ne_one := BabyBear.zero_ne_one
  inv_zero := BabyBear.inv_zero
  mul_inv_cancel := BabyBear.mul_inv_cancel
  zpow_zero := BabyBear.pow_zero
  zpow_succ := BabyBear.pow_succ
  zpow_neg := zpowOfInv_neg BabyBear.zero_ne_one BabyBear.inv_zero BabyBear.mul_inv_cancel

/-- Inverses are unique, so any correct inverse computation agrees with `a⁻¹`. -/
theorem eq_inv_of_mul_eq_one {a b : BabyBear} (h : a * b = 1) : b = a⁻¹ :=
  Zkvm.Field.eq_inv_of_mul_eq_one h

/-- Euler's criterion, the direction we need: if `c ^ ((P - 1) / 2) = -1` then `c` is not a
square (a square `t²` with `t ≠ 0` has `(t²) ^ ((P - 1) / 2) = t ^ (P - 1) = 1`). -/
theorem not_square_of_pow_half_eq_neg_one {c : BabyBear} (h : c ^ ((P - 1) / 2) = -1) :
    ∀ t : BabyBear, t * t ≠ c := by
  intro t ht
  have hneg : (-1 : BabyBear) ≠ 1 := by decide
  have h0 : (-1 : BabyBear) ≠ 0 := by decide
  by_cases t0 : t = 0
  · rw [t0, BabyBear.mul_zero] at ht
    rw [← ht, show (P - 1) / 2 = ((P - 1) / 2 - 1) + 1 by decide, BabyBear.pow_succ,
      BabyBear.mul_zero] at h
    exact h0 h.symm
  · rw [← ht, mul_pow, ← Lean.Grind.Semiring.pow_add,
      show (P - 1) / 2 + (P - 1) / 2 = P - 1 by decide, pow_P_sub_one t0] at h
    exact hneg h.symm

end BabyBear

end Zkvm.Field
