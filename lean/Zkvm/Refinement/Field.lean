module

public import Zkvm.Extracted.Field
public import Zkvm.Extraction.Lemmas
public import Zkvm.Field.TwoAdic

@[expose] public section

namespace Zkvm.Refinement.field

open Zkvm.Extraction Zkvm.Field Zkvm.Field.BabyBear
open Zkvm.Extracted
open Lean.Grind

/-- The canonical `u32` of a field element (what the Rust verifier holds). -/
def toU32 (x : BabyBear) : UInt32 := UInt32.ofNat x.val

theorem toU32_toNat (x : BabyBear) : (toU32 x).toNat = x.val := by
  have := x.lt
  have : P < 2 ^ 32 := by decide
  simp [toU32]; omega

theorem eq_toU32 {a : UInt32} {x : BabyBear} (h : a.toNat = x.val) : a = toU32 x := by
  apply UInt32.toNat_inj.mp; rw [h, toU32_toNat]

theorem P_toNat : field.P.toNat = P := by decide
theorem P64_toNat : field.P64.toNat = P := by decide

/-- Facts about `u32`/`u64` values as facts about their `Nat` values, for `omega`. -/
local macro "unat" : tactic => `(tactic| (
  simp only [ge_iff_le, gt_iff_lt, UInt32.le_iff_toNat_le, UInt32.lt_iff_toNat_lt,
    UInt64.le_iff_toNat_le, UInt64.lt_iff_toNat_lt, UInt32.toNat_add, UInt32.toNat_sub,
    UInt64.toNat_mul, UInt64.toNat_mod, UInt32.toNat_toUInt64, UInt64.toNat_toUInt32,
    P_toNat, P64_toNat, toU32_toNat, BabyBear.val_add, BabyBear.val_sub, BabyBear.val_mul,
    BabyBear.val_neg, ← UInt32.toNat_inj, ← UInt64.toNat_inj, Nat.reducePow, P_eq,
    UInt32.toNat_zero, UInt64.toNat_zero] at *
  <;> first | omega | skip))

theorem add_spec (x y : BabyBear) : field.add (toU32 x) (toU32 y) = .ok (toU32 (x + y)) := by
  have hx := x.lt; have hy := y.lt; have hP : P = 2013265921 := P_eq
  have h1 := toU32_toNat x; have h2 := toU32_toNat y
  unfold field.add
  rw [U32.add_eq _ _ (by omega)]
  simp only [Outcome.bind_ok]
  by_cases h : x.val + y.val ≥ P
  · have c : (toU32 x + toU32 y ≥ field.P) := by unat
    simp only [c, if_true]
    rw [U32.sub_eq _ _ (by unat)]
    refine congrArg Outcome.ok (eq_toU32 ?_); unat
  · have c : ¬ (toU32 x + toU32 y ≥ field.P) := by unat
    simp only [c, if_false, Outcome.pure_eq]
    refine congrArg Outcome.ok (eq_toU32 ?_); unat

theorem sub_spec (x y : BabyBear) : field.sub (toU32 x) (toU32 y) = .ok (toU32 (x - y)) := by
  have hx := x.lt; have hy := y.lt; have hP : P = 2013265921 := P_eq
  have h1 := toU32_toNat x; have h2 := toU32_toNat y
  unfold field.sub
  by_cases h : x.val ≥ y.val
  · have c : (toU32 x ≥ toU32 y) := by unat
    simp only [c, if_true]
    rw [U32.sub_eq _ _ (by unat)]
    refine congrArg Outcome.ok (eq_toU32 ?_); unat
  · have c : ¬ (toU32 x ≥ toU32 y) := by unat
    simp only [c, if_false]
    rw [U32.sub_eq _ _ (by unat), Outcome.bind_ok, U32.add_eq _ _ (by unat)]
    refine congrArg Outcome.ok (eq_toU32 ?_); unat

theorem neg_spec (x : BabyBear) : field.neg (toU32 x) = .ok (toU32 (-x)) := by
  have hx := x.lt; have hP : P = 2013265921 := P_eq
  have h1 := toU32_toNat x
  unfold field.neg
  by_cases h : x.val = 0
  · have c : toU32 x = 0 := by unat
    simp only [c, if_true, Outcome.pure_eq]
    refine congrArg Outcome.ok (eq_toU32 ?_); unat
  · have c : ¬ toU32 x = 0 := by unat
    simp only [c, if_false]
    have hle : (toU32 x).toNat ≤ field.P.toNat := by rw [h1, P_toNat]; omega
    rw [U32.sub_eq _ _ hle]
    refine congrArg Outcome.ok (eq_toU32 ?_)
    rw [UInt32.toNat_sub_of_le _ _ (UInt32.le_iff_toNat_le.mpr hle), P_toNat, h1, BabyBear.val_neg,
      Nat.mod_eq_of_lt (by omega)]

theorem mul_spec (x y : BabyBear) : field.mul (toU32 x) (toU32 y) = .ok (toU32 (x * y)) := by
  have hx := x.lt; have hy := y.lt; have hP : P = 2013265921 := P_eq
  have h1 := toU32_toNat x; have h2 := toU32_toNat y
  have hlt : x.val * y.val < 2 ^ 64 := mul_lt_two_pow_64 hx hy
  unfold field.mul
  rw [U64.mul_eq _ _ (by unat), Outcome.bind_ok, U64.rem_eq _ _ (by decide), Outcome.bind_ok]
  simp only [Outcome.pure_eq]
  refine congrArg Outcome.ok (eq_toU32 ?_); unat

theorem is_canonical_spec (a : UInt32) : field.is_canonical a = .ok (decide (a.toNat < P)) := by
  unfold field.is_canonical
  simp only [Outcome.pure_eq, UInt32.lt_iff_toNat_lt, P_toNat]

theorem from_u32_reduced_spec (a : UInt32) :
    field.from_u32_reduced a = .ok (toU32 (BabyBear.ofNat a.toNat)) := by
  unfold field.from_u32_reduced
  rw [U32.rem_eq _ _ (by decide)]
  refine congrArg Outcome.ok (eq_toU32 ?_)
  simp only [UInt32.toNat_mod, P_toNat, BabyBear.val_ofNat]

section
open Lean.Grind
variable {α : Type} [CommSemiring α]

theorem pow_one' (B : α) : B ^ 1 = B := by
  rw [show (1 : Nat) = 0 + 1 from rfl, Semiring.pow_succ, Semiring.pow_zero, Semiring.one_mul]

theorem pow_two' (B : α) : B ^ 2 = B * B := by
  rw [Semiring.pow_succ, Semiring.pow_succ, Semiring.pow_zero, Semiring.one_mul]

/-- Square-and-multiply: `B ^ n = (B * B) ^ (n / 2) * B ^ (n % 2)`. -/
theorem pow_halve (B : α) (n : Nat) : B ^ n = (B * B) ^ (n / 2) * B ^ (n % 2) := by
  conv => lhs; rw [← Nat.div_add_mod n 2]
  rw [Semiring.pow_add, pow_mul, pow_two']
end

theorem shr_one_toNat (k : UInt64) : (k >>> UInt64.ofNat 1).toNat = k.toNat / 2 := by
  simp [UInt64.toNat_shiftRight, Nat.shiftRight_eq_div_pow]

theorem and_one_toNat (k : UInt64) : (k &&& 1 = 1) ↔ k.toNat % 2 = 1 := by
  rw [← UInt64.toNat_inj, UInt64.toNat_and]
  simp [Nat.and_one_is_mod]

theorem pow_spec (x : BabyBear) (e : UInt64) : field.pow (toU32 x) e = .ok (toU32 (x ^ e.toNat)) := by
  unfold field.pow
  apply loop_bind_ok (P := fun s => ∃ R B : BabyBear, s.1 = toU32 R ∧ s.2.1 = toU32 B ∧
      R * B ^ s.2.2.toNat = x ^ e.toNat) (Q := fun s => s.1 = toU32 (x ^ e.toNat))
  · intro ⟨r, b, k⟩ ⟨R, B, hr, hb, hinv⟩
    simp only at hr hb hinv
    subst hr hb
    by_cases hk : k > 0
    · have hk' : k.toNat > 0 := by simpa [UInt64.lt_iff_toNat_lt] using hk
      left
      rw [pow_halve] at hinv
      by_cases hodd : k &&& 1 = 1
      · have h2 := (and_one_toNat k).mp hodd
        refine ⟨(toU32 (R * B), toU32 (B * B), k >>> UInt64.ofNat 1), ?_, ?_, ?_⟩
        · simp only [hk, hodd, if_true, mul_spec, U64.shr_eq k 1 (by decide), Outcome.bind_ok,
            Outcome.pure_eq]
        · simp only [shr_one_toNat]; omega
        · refine ⟨R * B, B * B, rfl, rfl, ?_⟩
          rw [shr_one_toNat, ← hinv, h2, Semiring.pow_succ, Semiring.pow_zero, Semiring.one_mul]; grind
      · have h2 : k.toNat % 2 = 0 := by
          have : ¬ k.toNat % 2 = 1 := fun h => hodd ((and_one_toNat k).mpr h)
          omega
        refine ⟨(toU32 R, toU32 (B * B), k >>> UInt64.ofNat 1), ?_, ?_, ?_⟩
        · simp only [hk, hodd, if_true, if_false, mul_spec, U64.shr_eq k 1 (by decide), Outcome.bind_ok,
            Outcome.pure_eq]
        · simp only [shr_one_toNat]; omega
        · refine ⟨R, B * B, rfl, rfl, ?_⟩
          rw [shr_one_toNat, ← hinv, h2, Semiring.pow_zero, Semiring.mul_one]
    · right
      have hk0 : k = 0 := by simp [UInt64.lt_iff_toNat_lt] at hk; exact UInt64.toNat_inj.mp (by simpa using hk)
      subst hk0
      refine ⟨(toU32 R, toU32 B, 0), ?_, ?_⟩
      · simp only [hk, if_false, Outcome.pure_eq]
      · simp only [UInt64.toNat_zero, Semiring.pow_zero, Semiring.mul_one] at hinv
        rw [hinv]
  · exact ⟨1, x, (by decide : (1 : UInt32) = toU32 1), rfl, Semiring.one_mul _⟩
  · intro ⟨r, b, k⟩ h
    simp only at h
    simp only [h, Outcome.pure_eq]

theorem inv_spec (x : BabyBear) : field.inv (toU32 x) = .ok (toU32 x⁻¹) := by
  unfold field.inv
  rw [U64.sub_eq _ _ (by decide), Outcome.bind_ok, pow_spec]
  rfl

theorem square_n_spec (x : BabyBear) (k : UInt32) :
    field.square_n (toU32 x) k = .ok (toU32 (x ^ 2 ^ k.toNat)) := by
  unfold field.square_n
  apply loop_bind_ok (P := fun s => ∃ R : BabyBear, s.1 = toU32 R ∧ R = x ^ 2 ^ s.2.toNat ∧
      s.2.toNat ≤ k.toNat) (Q := fun s => s.1 = toU32 (x ^ 2 ^ k.toNat))
  · intro ⟨r, i⟩ ⟨R, hr, hR, hik⟩
    simp only at hr hR hik
    subst hr
    by_cases hi : i < k
    · have hi' : i.toNat < k.toNat := UInt32.lt_iff_toNat_lt.mp hi
      have hk := k.toNat_lt
      left
      refine ⟨(toU32 (R * R), i + 1), ?_, ?_, ?_⟩
      · simp only [hi, if_true, mul_spec, U32.add_eq i 1 (by simp; omega), Outcome.bind_ok,
          Outcome.pure_eq]
      · simp only [UInt32.toNat_add]; simp; omega
      · refine ⟨R * R, rfl, ?_, ?_⟩
        · rw [hR, ← pow_two', ← pow_mul, UInt32.toNat_add, UInt32.toNat_one,
            Nat.mod_eq_of_lt (by omega), Nat.pow_succ, Nat.mul_comm]
        · simp only [UInt32.toNat_add, UInt32.toNat_one]; omega
    · right
      have hik' : i = k := by
        have : ¬ i.toNat < k.toNat := fun h => hi (UInt32.lt_iff_toNat_lt.mpr h)
        apply UInt32.toNat_inj.mp; omega
      subst hik'
      refine ⟨(toU32 R, i), ?_, ?_⟩
      · simp only [hi, if_false, Outcome.pure_eq]
      · simp only [hR]
  · exact ⟨x, rfl, by simp only [UInt32.toNat_zero, Nat.pow_zero, pow_one'], by simp⟩
  · intro ⟨r, i⟩ h
    simp only at h
    simp only [h, Outcome.pure_eq]

theorem TWO_ADIC_ROOT_eq : field.TWO_ADIC_ROOT = toU32 twoAdicGenerator :=
  eq_toU32 (by rw [twoAdicGenerator_val]; decide)

/-- `two_adic_generator(bits)` is the generator `rootOfUnity bits` of the subgroup of order
`2^bits` for `bits ≤ 27`, and `None` above. -/
theorem two_adic_generator_spec (bits : UInt32) :
    field.two_adic_generator bits =
      .ok (if bits.toNat ≤ 27 then some (toU32 (rootOfUnity bits.toNat)) else none) := by
  unfold field.two_adic_generator
  by_cases h : bits.toNat ≤ 27
  · have c : ¬ bits > field.TWO_ADICITY := by
      simp only [gt_iff_lt, UInt32.lt_iff_toNat_lt]; exact Nat.not_lt.mpr (by simpa using h)
    simp only [c, if_false, h, if_true]
    rw [U32.sub_eq _ _ (by simpa using h), Outcome.bind_ok, TWO_ADIC_ROOT_eq, square_n_spec]
    simp only [Outcome.bind_ok, Outcome.pure_eq, rootOfUnity]
    congr 3
    rw [UInt32.toNat_sub_of_le _ _ (UInt32.le_iff_toNat_le.mpr (by simpa using h))]
    rfl
  · have c : bits > field.TWO_ADICITY := by
      rw [gt_iff_lt, UInt32.lt_iff_toNat_lt]; show 27 < bits.toNat; omega
    simp [c, h]

end Zkvm.Refinement.field
