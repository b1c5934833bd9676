module

public import Zkvm.Air.WordLimbs
public import Zkvm.Air.Table

/-!
# The MUL table of the RV32IM machine, version 2: its constraints as named groups

`rust/verifier/src/air/rv32im/mul.rs` (docs/air.md §4) has one row per EXEC request of MUL,
MULH, MULHSU, MULHU and of the shifts SLL, SRL, SRA (and SLLI, SRLI, SRAI). Every op is one
64-bit product `P = Ã·B̃ mod 2^64` of two factors of eight bytes: a's four bytes and four times
`255·SA` (a sign-extended when SA = 1), and the second factor's four bytes (b's, or the shift
factor's) and four times `255·SB`. With `C_k = Σ_{i+j=k} x_i y_j`, four limb equations
`C_{2m} + 256 C_{2m+1} + κ_{m−1} = P_m + 2^16 κ_m` give P's limbs; c is P's low or high word.

This file states the constraints as a structure of named groups (`Groups`), over any
commutative ring, as `eval` computes them; `constraints` is the same list of 19 values in
`eval`'s order, and `groups_iff` says the groups hold exactly when every value vanishes.

What the bus gives the table is stated as explicit hypotheses, read off `messages`:
* `Lookups`: the U8 lookups of a's bytes (the top one as `A3 − 256 SA + 128 σ_a`) on real rows,
  of the second factor's bytes on multiplication rows (the top one as `M3 − 256 SB + 128
  [MULH]`), the POW2 row `(right, S, M0..M3, NZ)` on shift rows (`Pow2Row`, the fixed table's
  64 rows), the U16 lookups of c's and x's limbs, of the four carries and of `4 Σ κ` on real
  rows, and of T on shift rows;
* `Inputs`: the EXEC message's a and b are well-formed words (limbs below `2^16`): register
  values. The signed ops need it for the top byte (the U8 lookup of `A3 − 256 SA + 128` bounds
  A3 only with `a_hi < 2^16`).
-/

@[expose] public section

noncomputable section

namespace Zkvm.Air.V2.Mul

open Zkvm.Field Zkvm.RiscV Zkvm.Air.Table

/-! ## Columns, as in mul.rs -/

namespace Col
def fMul : Nat := 0
def fMulh : Nat := 1
def fMulhsu : Nat := 2
def fMulhu : Nat := 3
def fSll : Nat := 4
def fSrl : Nat := 5
def fSra : Nat := 6
def useImm : Nat := 7
def clk : Nat := 8
def bLo : Nat := 9
def bHi : Nat := 10
def immLo : Nat := 11
def immHi : Nat := 12
def nextPc : Nat := 13
/-- Bytes of a, low first. -/
def a0 : Nat := 14
/-- a's sign extension bit. -/
def sa : Nat := 18
/-- Bytes of the second factor. -/
def m0 : Nat := 19
/-- The second factor's sign extension bit. -/
def sb : Nat := 23
def cLo : Nat := 24
def cHi : Nat := 25
def xLo : Nat := 26
def xHi : Nat := 27
/-- Carries κ_0..κ_3. -/
def k0 : Nat := 28
/-- Shift amount s = y mod 32, y_lo = s + 32 t, nz = [s ≠ 0]. -/
def s : Nat := 32
def t : Nat := 33
def nz : Nat := 34
def width : Nat := 35
end Col

open Col

section Ring

variable {F : Type} [Lean.Grind.CommRing F]

/-- `x (x − 1)`: vanishes exactly on 0 and 1 (in a field). -/
def boolean (x : F) : F := x * (x - 1)

/-- 1 on a real row: the sum of the op flags. -/
def real (r : Row F) : F :=
  r fMul + r fMulh + r fMulhsu + r fMulhu + r fSll + r fSrl + r fSra

/-- MUL, MULH, MULHSU, MULHU. -/
def multiplies (r : Row F) : F := r fMul + r fMulh + (r fMulhsu + r fMulhu)

/-- SLL, SRL, SRA. -/
def shifts (r : Row F) : F := r fSll + r fSrl + r fSra

/-- SRL, SRA: the POW2 kind (1: right). -/
def right (r : Row F) : F := r fSrl + r fSra

/-- a is signed: MULH, MULHSU, SRA. -/
def aSigned (r : Row F) : F := r fMulh + r fMulhsu + r fSra

/-- c is P's high word: MULH, MULHSU, MULHU, right shifts by s > 0. -/
def takesHigh (r : Row F) : F := r fMulh + r fMulhsu + r fMulhu + right r * r nz

/-- `lo + 256 hi`. -/
def pair (lo hi : F) : F := lo + 256 * hi

/-- The eight bytes of a factor: four columns from `first`, then `255 · sign` four times. -/
def factor (r : Row F) (first sign : Nat) (i : Nat) : F :=
  if i < 4 then r (first + i) else 255 * r sign

/-- `Σ_{i<n} x_i y_{k−i}`. -/
def convSum (x y : Nat → F) (k : Nat) : Nat → F
  | 0 => 0
  | n + 1 => convSum x y k n + x n * y (k - n)

/-- `C_k = Σ_{i+j=k} x_i y_j`. -/
def conv (x y : Nat → F) (k : Nat) : F := convSum x y k (k + 1)

/-- The column of limb m of P in c or x (`own`) and of the other word. -/
def ownCol (m : Nat) : Nat := if m < 2 then cLo + m else xLo + m - 2
def otherCol (m : Nat) : Nat := if m < 2 then xLo + m else cLo + m - 2

/-- Limb m of P: c's or x's limb as c is P's low or high word. -/
def productLimb (r : Row F) (m : Nat) : F :=
  r (ownCol m) + takesHigh r * (r (otherCol m) - r (ownCol m))

/-- The carry into limb m (κ_{m−1}, 0 for m = 0). -/
def carryIn (r : Row F) (m : Nat) : F := if m = 0 then 0 else r (k0 + m - 1)

/-- Limb equation m: `C_{2m} + 256 C_{2m+1} + κ_{m−1} − (P_m + 2^16 κ_m)`. -/
def limbEq (r : Row F) (m : Nat) : F :=
  conv (factor r a0 sa) (factor r m0 sb) (2 * m) +
      256 * conv (factor r a0 sa) (factor r m0 sb) (2 * m + 1) + carryIn r m -
    (productLimb r m + 65536 * r (k0 + m))

/-- y's low limb: b's, or imm's for the immediate forms. -/
def yLo (r : Row F) : F := r bLo + r useImm * (r immLo - r bLo)

/-- The flags, in the order of `FLAGS`. -/
def flags : List Nat := [fMul, fMulh, fMulhsu, fMulhu, fSll, fSrl, fSra]

/-- **The MUL table's constraints**, one field per group of `eval`. -/
structure Groups (r : Row F) : Prop where
  /-- Booleans: the op flags and the immediate form. -/
  bool_flags : ∀ c ∈ flags, boolean (r c) = 0
  bool_useImm : boolean (r useImm) = 0
  /-- At most one op. -/
  one_op : boolean (real r) = 0
  /-- The immediate form only for shifts. -/
  imm_shift : r useImm * (1 - shifts r) = 0
  /-- Sign bits: boolean, and 0 unless the factor is signed. -/
  sign_a : r sa * (aSigned r - r sa) = 0
  sign_b : r sb * (r fMulh - r sb) = 0
  /-- Multiplications: the second factor's bytes are b's. -/
  b_lo : multiplies r * (r bLo - pair (r m0) (r (m0 + 1))) = 0
  b_hi : multiplies r * (r bHi - pair (r (m0 + 2)) (r (m0 + 3))) = 0
  /-- Shifts: y_lo = s + 32 t. -/
  amount : shifts r * (yLo r - (r s + 32 * r t)) = 0
  /-- The product, limb by limb. -/
  limbs : ∀ m, m < 4 → limbEq r m = 0

/-- The constraint values, in `eval`'s order. -/
def constraints (r : Row F) : List F :=
  flags.map (fun c => boolean (r c)) ++
  [boolean (r useImm), boolean (real r), r useImm * (1 - shifts r),
   r sa * (aSigned r - r sa), r sb * (r fMulh - r sb),
   multiplies r * (r bLo - pair (r m0) (r (m0 + 1))),
   multiplies r * (r bHi - pair (r (m0 + 2)) (r (m0 + 3))),
   shifts r * (yLo r - (r s + 32 * r t)),
   limbEq r 0, limbEq r 1, limbEq r 2, limbEq r 3]

theorem length_constraints (r : Row F) : (constraints r).length = 19 := rfl

/-- The groups hold exactly when every constraint value vanishes. -/
theorem groups_iff (r : Row F) : Groups r ↔ ∀ e ∈ constraints r, e = 0 := by
  constructor
  · intro h e he
    simp only [constraints, List.mem_append, List.mem_map, List.mem_cons, List.not_mem_nil,
      or_false] at he
    rcases he with ⟨c, hc, rfl⟩ | rfl | rfl | rfl | rfl | rfl | rfl | rfl | rfl | rfl | rfl |
      rfl | rfl
    · exact h.bool_flags c hc
    · exact h.bool_useImm
    · exact h.one_op
    · exact h.imm_shift
    · exact h.sign_a
    · exact h.sign_b
    · exact h.b_lo
    · exact h.b_hi
    · exact h.amount
    · exact h.limbs 0 (by omega)
    · exact h.limbs 1 (by omega)
    · exact h.limbs 2 (by omega)
    · exact h.limbs 3 (by omega)
  · intro h
    have m : ∀ e, e ∈ constraints r → e = 0 := h
    simp only [constraints, List.mem_append, List.mem_map, List.mem_cons, List.not_mem_nil,
      or_false] at m
    exact
      { bool_flags := fun c hc => m _ (Or.inl ⟨c, hc, rfl⟩)
        bool_useImm := m _ (Or.inr (by simp))
        one_op := m _ (Or.inr (by simp))
        imm_shift := m _ (Or.inr (by simp))
        sign_a := m _ (Or.inr (by simp))
        sign_b := m _ (Or.inr (by simp))
        b_lo := m _ (Or.inr (by simp))
        b_hi := m _ (Or.inr (by simp))
        amount := m _ (Or.inr (by simp))
        limbs := fun k hk => by
          rcases (by omega : k = 0 ∨ k = 1 ∨ k = 2 ∨ k = 3) with rfl | rfl | rfl | rfl <;>
            exact m _ (Or.inr (by simp)) }

end Ring

/-! ## What the bus provides, over BabyBear -/

/-- The top byte's lookup value: `byte − 256 sign + 128 signed`. -/
def topByte (byte sign signed : BabyBear) : BabyBear := byte - 256 * sign + 128 * signed

/-- The shift factor of POW2 (fixed.rs `push_pow2_rows`): kind 0 → `2^s`, kind 1 →
`2^(32 − s)`, 1 for s = 0. -/
def pow2Factor (kind s : Nat) : Nat := if kind = 0 then 2 ^ s else if s = 0 then 1 else 2 ^ (32 - s)

/-- A row of the fixed table's POW2 part: `(kind, s, f0, f1, f2, f3, nz)` with kind ≤ 1,
s < 32, the factor's four bytes and `nz = [s ≠ 0]`. -/
def Pow2Row (kind s f₀ f₁ f₂ f₃ nz : Nat) : Prop :=
  kind ≤ 1 ∧ s < 32 ∧ f₀ = pow2Factor kind s % 256 ∧ f₁ = pow2Factor kind s / 256 % 256 ∧
    f₂ = pow2Factor kind s / 65536 % 256 ∧ f₃ = pow2Factor kind s / 16777216 % 256 ∧
    nz = if s = 0 then 0 else 1

/-- The lookups of `messages`, each with its multiplicity: a lookup sent with a non-zero
multiplicity has its value in its table. -/
structure Lookups (r : Row BabyBear) : Prop where
  byte_a : real r ≠ 0 → ∀ i, i < 3 → (r (a0 + i)).val < 256
  top_a : real r ≠ 0 → (topByte (r (a0 + 3)) (r sa) (aSigned r)).val < 256
  byte_b : multiplies r ≠ 0 → ∀ i, i < 3 → (r (m0 + i)).val < 256
  top_b : multiplies r ≠ 0 → (topByte (r (m0 + 3)) (r sb) (r fMulh)).val < 256
  pow2 : shifts r ≠ 0 → Pow2Row (right r).val (r s).val (r m0).val (r (m0 + 1)).val
    (r (m0 + 2)).val (r (m0 + 3)).val (r nz).val
  limb_c_lo : real r ≠ 0 → (r cLo).val < 2 ^ 16
  limb_c_hi : real r ≠ 0 → (r cHi).val < 2 ^ 16
  limb_x_lo : real r ≠ 0 → (r xLo).val < 2 ^ 16
  limb_x_hi : real r ≠ 0 → (r xHi).val < 2 ^ 16
  carries : real r ≠ 0 → ∀ m, m < 4 → (r (k0 + m)).val < 2 ^ 16
  carry_sum : real r ≠ 0 → (4 * (r k0 + r (k0 + 1) + r (k0 + 2) + r (k0 + 3))).val < 2 ^ 16
  rest : shifts r ≠ 0 → (r t).val < 2 ^ 16

/-- The EXEC message's a and b are well-formed words (register values). -/
structure Inputs (r : Row BabyBear) : Prop where
  a_lo : (pair (r a0) (r (a0 + 1))).val < 2 ^ 16
  a_hi : (pair (r (a0 + 2)) (r (a0 + 3))).val < 2 ^ 16
  b_lo : (r bLo).val < 2 ^ 16
  b_hi : (r bHi).val < 2 ^ 16

/-! ## The words of a row -/

/-- a, as the EXEC message carries it: pairs of bytes. -/
def aWord (r : Row BabyBear) : Word :=
  WordLimbs.ofFelts (pair (r a0) (r (a0 + 1))) (pair (r (a0 + 2)) (r (a0 + 3)))
def bWord (r : Row BabyBear) : Word := WordLimbs.ofFelts (r bLo) (r bHi)
def immWord (r : Row BabyBear) : Word := WordLimbs.ofFelts (r immLo) (r immHi)
def cWord (r : Row BabyBear) : Word := WordLimbs.ofFelts (r cLo) (r cHi)
/-- The second operand: imm for the immediate forms, else b. -/
def yWord (r : Row BabyBear) : Word := if r useImm = 1 then immWord r else bWord r

end Zkvm.Air.V2.Mul

end
