module

public import Zkvm.Air.Felt

/-!
# Limb and bit sums, carry chains

Constraints see a number as a list of limbs `x₀, x₁, …` (least significant first) in base `B`
(`2` for bits, `2^8` for bytes, `2^16` for limbs): `limbSum B xs = x₀ + B·x₁ + B²·x₂ + …`.
Everything here is proved by induction on the list, for any number of limbs:

* `limbSum_lt`: limbs below `B` give a sum below `B ^ length`;
* `limbSum_inj`: limbs below `B` are determined by their sum (uniqueness of digits);
* `testBit_limbSum`: bit `i` of a sum of bits is bit `i` of the list;
* `CarryChain`, `limbSum_add_of_carryChain`: carrying column sums into digits (column `i`
  plus carry in equals digit plus `B` times carry out), the scheme of addition, subtraction
  (as addition) and multiplication constraints: the columns' weighted sum plus the first
  carry equals the digits' sum plus `B ^ n` times the last carry;
* `carry_eq_one_iff_lt`: an `n`-limb subtraction done as `r + b = a + Bⁿ·c` borrows (`c = 1`)
  exactly when `a < b`;
* `limbSumF` and `natCast_limbSum`: the same sum computed in the field.
-/

@[expose] public section

namespace Zkvm.Air.Limbs

open Zkvm.Field

/-- `x₀ + B·x₁ + B²·x₂ + …`: the number with limbs `xs` in base `B`, least significant first. -/
def limbSum (B : Nat) : List Nat → Nat
  | [] => 0
  | x :: xs => x + B * limbSum B xs

@[simp] theorem limbSum_nil (B : Nat) : limbSum B [] = 0 := rfl

@[simp] theorem limbSum_cons (B x : Nat) (xs : List Nat) :
    limbSum B (x :: xs) = x + B * limbSum B xs := rfl

theorem limbSum_append (B : Nat) (xs ys : List Nat) :
    limbSum B (xs ++ ys) = limbSum B xs + B ^ xs.length * limbSum B ys := by
  induction xs with
  | nil => simp
  | cons x xs ih =>
    simp only [List.cons_append, limbSum_cons, ih, List.length_cons, Nat.pow_succ]
    rw [Nat.mul_add, Nat.add_assoc, Nat.mul_comm (B ^ xs.length) B, Nat.mul_assoc]

/-- Limbs below `B` make a number below `B ^ length`. -/
theorem limbSum_lt {B : Nat} {xs : List Nat} (h : ∀ x ∈ xs, x < B) :
    limbSum B xs < B ^ xs.length := by
  induction xs with
  | nil => simp
  | cons x xs ih =>
    have hx := h x List.mem_cons_self
    have ih' := ih fun y hy => h y (List.mem_cons_of_mem _ hy)
    simp only [limbSum_cons, List.length_cons, Nat.pow_succ]
    -- x + B * s < B ^ n * B because s ≤ B ^ n - 1 and x ≤ B - 1
    have h1 : B * limbSum B xs + B ≤ B * B ^ xs.length := by
      rw [← Nat.mul_succ]; exact Nat.mul_le_mul_left B ih'
    rw [Nat.mul_comm (B ^ xs.length) B]
    omega

/-- The lowest limb is the sum modulo `B`. -/
theorem limbSum_cons_mod {B x : Nat} (xs : List Nat) (hx : x < B) :
    limbSum B (x :: xs) % B = x := by
  simp only [limbSum_cons]
  rw [Nat.add_mul_mod_self_left, Nat.mod_eq_of_lt hx]

/-- The higher limbs are the sum divided by `B`. -/
theorem limbSum_cons_div {B x : Nat} (xs : List Nat) (hx : x < B) :
    limbSum B (x :: xs) / B = limbSum B xs := by
  have hB : 0 < B := Nat.lt_of_le_of_lt (Nat.zero_le x) hx
  simp only [limbSum_cons]
  rw [Nat.add_mul_div_left _ _ hB, Nat.div_eq_of_lt hx, Nat.zero_add]

/-- Digits are unique: lists of limbs below `B` of the same length with the same sum are
equal. -/
theorem limbSum_inj {B : Nat} {xs ys : List Nat} (hlen : xs.length = ys.length)
    (hx : ∀ x ∈ xs, x < B) (hy : ∀ y ∈ ys, y < B) (h : limbSum B xs = limbSum B ys) :
    xs = ys := by
  induction xs generalizing ys with
  | nil => cases ys with
    | nil => rfl
    | cons _ _ => cases hlen
  | cons x xs ih => cases ys with
    | nil => cases hlen
    | cons y ys =>
      have hx0 := hx x List.mem_cons_self
      have hy0 := hy y List.mem_cons_self
      have e0 : x = y := by
        rw [← limbSum_cons_mod xs hx0, ← limbSum_cons_mod ys hy0, h]
      have e1 : limbSum B xs = limbSum B ys := by
        rw [← limbSum_cons_div xs hx0, ← limbSum_cons_div ys hy0, h]
      rw [e0, ih (Nat.succ.inj hlen) (fun z hz => hx z (List.mem_cons_of_mem _ hz))
        (fun z hz => hy z (List.mem_cons_of_mem _ hz)) e1]

/-! ## Bits -/

/-- Bits make a number below `2 ^ length`. -/
theorem bitSum_lt {bs : List Nat} (h : ∀ b ∈ bs, b ≤ 1) : limbSum 2 bs < 2 ^ bs.length :=
  limbSum_lt fun b hb => Nat.lt_succ_of_le (h b hb)

/-- Bit `i` of a sum of bits is the `i`-th bit of the list (0 past its end). -/
theorem testBit_limbSum {bs : List Nat} (h : ∀ b ∈ bs, b ≤ 1) (i : Nat) :
    (limbSum 2 bs).testBit i = (bs.getD i 0 == 1) := by
  induction bs generalizing i with
  | nil => simp [Nat.zero_testBit]
  | cons b bs ih =>
    have hb := h b List.mem_cons_self
    have ih' := ih fun c hc => h c (List.mem_cons_of_mem _ hc)
    cases i with
    | zero =>
      rw [Nat.testBit_zero]
      simp only [limbSum_cons, List.getD_cons_zero]
      rcases Nat.le_one_iff_eq_zero_or_eq_one.mp hb with rfl | rfl <;> simp <;> omega
    | succ i =>
      rw [Nat.testBit_add_one, List.getD_cons_succ, ← ih' i]
      congr 1
      simp only [limbSum_cons]
      omega

/-! ## Carry chains -/

/-- `CarryChain B cols ds cin cout`: the columns `cols` (any numbers: sums of limbs, or of
limb products) carried into the digits `ds`, starting with carry `cin` and ending with carry
`cout`: `colᵢ + cᵢ = dᵢ + B·cᵢ₊₁` for some intermediate carries. -/
def CarryChain (B : Nat) : List Nat → List Nat → Nat → Nat → Prop
  | [], [], cin, cout => cin = cout
  | col :: cols, d :: ds, cin, cout => ∃ c, col + cin = d + B * c ∧ CarryChain B cols ds c cout
  | _, _, _, _ => False

/-- The value of a carry chain: `Σ colᵢ Bⁱ + cin = Σ dᵢ Bⁱ + Bⁿ·cout`. -/
theorem limbSum_add_of_carryChain {B : Nat} :
    ∀ {cols ds : List Nat} {cin cout : Nat}, CarryChain B cols ds cin cout →
      limbSum B cols + cin = limbSum B ds + B ^ ds.length * cout
  | [], [], cin, cout, h => by simp only [CarryChain] at h; simp [h]
  | col :: cols, d :: ds, cin, cout, h => by
    obtain ⟨c, h0, h1⟩ := h
    have ih := limbSum_add_of_carryChain h1
    simp only [limbSum_cons, List.length_cons, Nat.pow_succ]
    -- col + B·Σcols + cin = d + B·c + B·Σcols = d + B·(Σds + Bⁿ·cout)
    have : B * limbSum B cols + B * c = B * limbSum B ds + B * (B ^ ds.length * cout) := by
      rw [← Nat.mul_add, ← Nat.mul_add, ih]
    rw [Nat.mul_comm (B ^ ds.length) B, Nat.mul_assoc]
    omega
  | [], _ :: _, _, _, h => h.elim
  | _ :: _, [], _, _, h => h.elim

/-- The columns of a limb-wise sum `aᵢ + bᵢ`. -/
theorem limbSum_zipWith_add (B : Nat) :
    ∀ {xs ys : List Nat}, xs.length = ys.length →
      limbSum B (List.zipWith (· + ·) xs ys) = limbSum B xs + limbSum B ys
  | [], [], _ => rfl
  | x :: xs, y :: ys, h => by
    simp only [List.zipWith_cons_cons, limbSum_cons,
      limbSum_zipWith_add B (Nat.succ.inj h), Nat.mul_add]
    omega

/-- A subtraction checked as an addition `r + b = a + Bⁿ·c`, with the difference `r` below
`Bⁿ` and `c ≤ 1`, borrows (`c = 1`) exactly when `a < b`. -/
theorem carry_eq_one_iff_lt {X a b r c : Nat} (hr : r < X)
    (hc : c ≤ 1) (h : r + b = a + X * c) : c = 1 ↔ a < b := by
  rcases Nat.le_one_iff_eq_zero_or_eq_one.mp hc with rfl | rfl <;> simp at h ⊢ <;> omega

/-! ## In the field -/

/-- The limb sum computed in a ring: what a constraint computes. -/
def limbSumF {F : Type} [Add F] [Mul F] [OfNat F 0] (B : F) : List F → F
  | [] => 0
  | x :: xs => x + B * limbSumF B xs

/-- The limb sum of casts is the cast of the limb sum (so a limb sum below `p` in a constraint
lifts to ℕ with `Felt.natCast_inj_of_lt`). -/
theorem natCast_limbSum (B : Nat) (xs : List Nat) :
    ((limbSum B xs : Nat) : BabyBear) = limbSumF (B : BabyBear) (xs.map (fun x : Nat => (x : BabyBear))) := by
  induction xs with
  | nil => rfl
  | cons x xs ih =>
    simp only [limbSum_cons, List.map_cons, limbSumF]
    rw [Felt.natCast_add, Felt.natCast_mul, ih]

/-- A limb sum of field elements is the cast of the limb sum of their values. -/
theorem limbSumF_eq_natCast (B : Nat) (xs : List BabyBear) :
    limbSumF (B : BabyBear) xs = ((limbSum B (xs.map BabyBear.val) : Nat) : BabyBear) := by
  rw [natCast_limbSum, List.map_map]
  have : ((fun x : Nat => (x : BabyBear)) ∘ BabyBear.val) = id := by
    funext a; exact Felt.natCast_val a
  rw [this, List.map_id]

/-- Lifting a limb-sum equation: if both limb sums are below `p`, the field equation is the
equation of numbers. -/
theorem limbSum_eq_of_limbSumF_eq {B : Nat} {xs ys : List BabyBear}
    (hx : limbSum B (xs.map BabyBear.val) < P) (hy : limbSum B (ys.map BabyBear.val) < P)
    (h : limbSumF (B : BabyBear) xs = limbSumF (B : BabyBear) ys) :
    limbSum B (xs.map BabyBear.val) = limbSum B (ys.map BabyBear.val) := by
  rw [limbSumF_eq_natCast, limbSumF_eq_natCast] at h
  exact Felt.natCast_inj_of_lt hx hy h

end Zkvm.Air.Limbs
