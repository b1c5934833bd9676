module

public import Zkvm.Air.V2.MulHonest

/-!
# The DIV table: the builder's carries (`DivTable::push`)

`DivTable::push` (rust/prover/src/rv32im2/div.rs) computes, for m < 4,
`lhs_m = C_{2m} + 256 C_{2m+1} + R_m + κ_{m−1}` over the sign-extended bytes of q and y and the
limbs R of r, rejects the row unless `lhs_m ≥ A_m` and `2^16 ∣ lhs_m − A_m`, and sets
`κ_m = (lhs_m − A_m) / 2^16` (`divCarry`). Over any two factors of bytes and limbs R, A below
`2^16` with `Q̃·Ỹ + R̃ ≡ Ã (mod 2^64)`:
* `divCarry_eq`: every check passes, i.e. `lhs_m = A_m + 2^16 κ_m` (over ℕ);
* `divCarry_le`: every carry is at most 2041, so `4 Σ κ < 2^16` and `Σ κ < 2^14`
  (`divCarry_sum`): the check "carries beyond the table's bound" never fails.
-/

@[expose] public section

namespace Zkvm.Air.V2.Div

open Zkvm.Air.V2.Mul (nconv hconv val8 val8_mul nconv_le)

/-- `lhs_m` without the carry: `C_{2m} + 256 C_{2m+1} + R_m`. -/
def divLhs (x y rx : Nat → Nat) (m : Nat) : Nat :=
  nconv x y (2 * m) + 256 * nconv x y (2 * m + 1) + rx m

/-- The carry into limb m: `κ_{m−1}` (0 for m = 0), `(lhs − A) / 2^16` as the builder computes
it (ℕ subtraction: the checks make it exact, `divCarry_eq`). -/
def divCarry (x y rx ax : Nat → Nat) : Nat → Nat
  | 0 => 0
  | m + 1 => (divLhs x y rx m + divCarry x y rx ax m - ax m) / 65536

/-- The 64-bit number of four 16-bit limbs. -/
def val4 (v : Nat → Nat) : Nat := v 0 + 65536 * v 1 + 2 ^ 32 * v 2 + 2 ^ 48 * v 3

theorem key_steps {x y rx ax : Nat → Nat} (hax : ∀ m, m < 4 → ax m < 2 ^ 16)
    (hid : (val8 x * val8 y + val4 rx) % 2 ^ 64 = val4 ax % 2 ^ 64) :
    divLhs x y rx 0 + 0 = ax 0 + 65536 * divCarry x y rx ax 1 ∧
      divLhs x y rx 1 + divCarry x y rx ax 1 = ax 1 + 65536 * divCarry x y rx ax 2 ∧
      divLhs x y rx 2 + divCarry x y rx ax 2 = ax 2 + 65536 * divCarry x y rx ax 3 ∧
      divLhs x y rx 3 + divCarry x y rx ax 3 = ax 3 + 65536 * divCarry x y rx ax 4 := by
  have a0 := hax 0 (by omega)
  have a1 := hax 1 (by omega)
  have a2 := hax 2 (by omega)
  have a3 := hax 3 (by omega)
  have d1 : divCarry x y rx ax 1 = (divLhs x y rx 0 + divCarry x y rx ax 0 - ax 0) / 65536 := rfl
  have d2 : divCarry x y rx ax 2 = (divLhs x y rx 1 + divCarry x y rx ax 1 - ax 1) / 65536 := rfl
  have d3 : divCarry x y rx ax 3 = (divLhs x y rx 2 + divCarry x y rx ax 2 - ax 2) / 65536 := rfl
  have d4 : divCarry x y rx ax 4 = (divLhs x y rx 3 + divCarry x y rx ax 3 - ax 3) / 65536 := rfl
  have d0 : divCarry x y rx ax 0 = 0 := rfl
  unfold val4 at hid
  rw [val8_mul] at hid
  have l0 : divLhs x y rx 0 = nconv x y 0 + 256 * nconv x y 1 + rx 0 := rfl
  have l1 : divLhs x y rx 1 = nconv x y 2 + 256 * nconv x y 3 + rx 1 := rfl
  have l2 : divLhs x y rx 2 = nconv x y 4 + 256 * nconv x y 5 + rx 2 := rfl
  have l3 : divLhs x y rx 3 = nconv x y 6 + 256 * nconv x y 7 + rx 3 := rfl
  generalize divLhs x y rx 0 = L0 at *
  generalize divLhs x y rx 1 = L1 at *
  generalize divLhs x y rx 2 = L2 at *
  generalize divLhs x y rx 3 = L3 at *
  generalize nconv x y 0 = c₀ at *
  generalize nconv x y 1 = c₁ at *
  generalize nconv x y 2 = c₂ at *
  generalize nconv x y 3 = c₃ at *
  generalize nconv x y 4 = c₄ at *
  generalize nconv x y 5 = c₅ at *
  generalize nconv x y 6 = c₆ at *
  generalize nconv x y 7 = c₇ at *
  generalize (hconv x y 8 + 256 * (hconv x y 9 + 256 * (hconv x y 10 + 256 * (hconv x y 11 +
      256 * (hconv x y 12 + 256 * (hconv x y 13 + 256 * hconv x y 14)))))) = h at hid
  generalize rx 0 = r₀ at *
  generalize rx 1 = r₁ at *
  generalize rx 2 = r₂ at *
  generalize rx 3 = r₃ at *
  generalize ax 0 = a₀ at *
  generalize ax 1 = a₁ at *
  generalize ax 2 = a₂ at *
  generalize ax 3 = a₃ at *
  have hv : (L0 + 65536 * L1 + 2 ^ 32 * L2 + 2 ^ 48 * L3 + 2 ^ 64 * h) % 2 ^ 64 =
      (a₀ + 65536 * a₁ + 2 ^ 32 * a₂ + 2 ^ 48 * a₃) % 2 ^ 64 := by
    rw [← hid]; congr 1; omega
  clear hid l0 l1 l2 l3
  rw [d0] at d1
  have e0 : L0 + 0 = a₀ + 65536 * divCarry x y rx ax 1 := by omega
  generalize divCarry x y rx ax 1 = κ₁ at *
  have e1 : L1 + κ₁ = a₁ + 65536 * divCarry x y rx ax 2 := by omega
  generalize divCarry x y rx ax 2 = κ₂ at *
  have e2 : L2 + κ₂ = a₂ + 65536 * divCarry x y rx ax 3 := by omega
  generalize divCarry x y rx ax 3 = κ₃ at *
  have e3 : L3 + κ₃ = a₃ + 65536 * divCarry x y rx ax 4 := by omega
  exact ⟨e0, e1, e2, e3⟩

theorem divCarry_eq {x y rx ax : Nat → Nat} (hax : ∀ m, m < 4 → ax m < 2 ^ 16)
    (hid : (val8 x * val8 y + val4 rx) % 2 ^ 64 = val4 ax % 2 ^ 64) :
    ∀ m, m < 4 → divLhs x y rx m + divCarry x y rx ax m = ax m + 65536 * divCarry x y rx ax (m + 1) := by
  have key : divLhs x y rx 0 + 0 = ax 0 + 65536 * divCarry x y rx ax 1 ∧
      divLhs x y rx 1 + divCarry x y rx ax 1 = ax 1 + 65536 * divCarry x y rx ax 2 ∧
      divLhs x y rx 2 + divCarry x y rx ax 2 = ax 2 + 65536 * divCarry x y rx ax 3 ∧
      divLhs x y rx 3 + divCarry x y rx ax 3 = ax 3 + 65536 * divCarry x y rx ax 4 := by
    exact key_steps hax hid
  intro m hm
  rcases (by omega : m = 0 ∨ m = 1 ∨ m = 2 ∨ m = 3) with rfl | rfl | rfl | rfl
  · exact key.1
  · exact key.2.1
  · exact key.2.2.1
  · exact key.2.2.2


theorem divCarry_le {x y rx ax : Nat → Nat} (hx : ∀ i, x i ≤ 255) (hy : ∀ i, y i ≤ 255)
    (hrx : ∀ m, m < 4 → rx m < 2 ^ 16) :
    ∀ m, m ≤ 4 → divCarry x y rx ax m ≤ 2041
  | 0, _ => by simp [divCarry]
  | m + 1, h => by
    have ih := divCarry_le (ax := ax) hx hy hrx m (by omega)
    have c₀ := nconv_le hx hy (k := 2 * m) (by omega)
    have c₁ := nconv_le hx hy (k := 2 * m + 1) (by omega)
    have r := hrx m (by omega)
    simp only [divCarry, divLhs]
    omega

theorem divCarry_sum {x y rx ax : Nat → Nat} (hx : ∀ i, x i ≤ 255) (hy : ∀ i, y i ≤ 255)
    (hrx : ∀ m, m < 4 → rx m < 2 ^ 16) :
    4 * (divCarry x y rx ax 1 + divCarry x y rx ax 2 + divCarry x y rx ax 3 +
      divCarry x y rx ax 4) < 2 ^ 16 := by
  have := divCarry_le (ax := ax) hx hy hrx 1 (by omega)
  have := divCarry_le (ax := ax) hx hy hrx 2 (by omega)
  have := divCarry_le (ax := ax) hx hy hrx 3 (by omega)
  have := divCarry_le (ax := ax) hx hy hrx 4 (by omega)
  omega

end Zkvm.Air.V2.Div
