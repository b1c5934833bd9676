module

public import Zkvm.Air.V2.MulSpec

/-!
# The DIV table of the RV32IM machine, version 2: its constraints as named groups

`rust/verifier/src/air/rv32im/div.rs` (docs/air.md §4) has one row per EXEC request of DIV,
DIVU, REM, REMU. A row holds the quotient q (bytes), the divisor y = b (bytes) and the
remainder r (limbs), with sign bits, and proves `a = q'·y + r'` as one 64-bit byte
convolution with carries (as MUL's, with r and a inside the limb equations), the remainder
bound `|r'| + 1 + d = |y|` unless y = 0 (YZ), and that r' is 0 or has a's sign. This file states
its constraints as a structure of named groups (`Groups`), over any commutative ring, as `eval`
computes them; `constraints` is the same list of 24 values in `eval`'s order, and `groups_iff`
says the groups hold exactly when every value vanishes. The convolution, the factor of eight
bytes and `pair` are MUL's (`Zkvm.Air.V2.Mul`).

What the bus gives the table is stated as explicit hypotheses, read off `messages`:
* `Lookups`: on signed rows U16 of `2 (a_hi − 2^15 sa)`; on real rows U8 of q's bytes, of y's
  three low bytes and of `Y3 − 256 sy + 128 [signed]`, U16 of r's limbs, of the four carries
  and of `4 Σ κ`; on rows that compare (real, y ≠ 0) U16 of d's limbs and U8 of `β + 1`;
* `Inputs`: the EXEC message's a and b are well-formed words (register values).
-/

@[expose] public section

noncomputable section

namespace Zkvm.Air.V2.Div

open Zkvm.Field Zkvm.RiscV Zkvm.Air.Table
open Zkvm.Air.V2.Mul (conv factor pair)

/-! ## Columns, as in div.rs -/

namespace Col
def fDiv : Nat := 0
def fDivu : Nat := 1
def fRem : Nat := 2
def fRemu : Nat := 3
def clk : Nat := 4
def immLo : Nat := 5
def immHi : Nat := 6
def nextPc : Nat := 7
def aLo : Nat := 8
def aHi : Nat := 9
/-- a's top bit on signed rows. -/
def sa : Nat := 10
/-- Bytes of q, low first. -/
def q0 : Nat := 11
/-- q' = q − 2^32 sq. -/
def sq : Nat := 15
/-- Bytes of y = b. -/
def y0 : Nat := 16
/-- y's top bit on signed rows. -/
def sy : Nat := 20
def rLo : Nat := 21
def rHi : Nat := 22
/-- r' = r − 2^32 sr. -/
def sr : Nat := 23
def cLo : Nat := 24
def cHi : Nat := 25
/-- Carries κ_0..κ_3. -/
def k0 : Nat := 26
/-- y = 0. -/
def yz : Nat := 30
/-- d = |y| − |r'| − 1 in limbs, and the borrow between them. -/
def dLo : Nat := 31
def dHi : Nat := 32
def beta : Nat := 33
def width : Nat := 34
end Col

open Col

section Ring

variable {F : Type} [Lean.Grind.CommRing F]

/-- `x (x − 1)`: vanishes exactly on 0 and 1 (in a field). -/
def boolean (x : F) : F := x * (x - 1)

/-- 1 on a real row: the sum of the op flags. -/
def real (r : Row F) : F := r fDiv + r fDivu + (r fRem + r fRemu)

/-- DIV, REM. -/
def signed (r : Row F) : F := r fDiv + r fRem

/-- DIV, DIVU: c = q. -/
def quotient (r : Row F) : F := r fDiv + r fDivu

/-- REM, REMU: c = r. -/
def remainder (r : Row F) : F := r fRem + r fRemu

/-- The remainder bound is checked: a real row with y ≠ 0. -/
def compares (r : Row F) : F := real r - r yz

/-- The four limbs of a word sign-extended to 64 bits. -/
def limbs (r : Row F) (lo hi sign : Nat) (m : Nat) : F :=
  if m = 0 then r lo else if m = 1 then r hi else 65535 * r sign

/-- The carry into limb m (κ_{m−1}, 0 for m = 0). -/
def carryIn (r : Row F) (m : Nat) : F := if m = 0 then 0 else r (k0 + m - 1)

/-- Limb equation m of `q'·y + r' = a`. -/
def limbEq (r : Row F) (m : Nat) : F :=
  conv (factor r q0 sq) (factor r y0 sy) (2 * m) +
      256 * conv (factor r q0 sq) (factor r y0 sy) (2 * m + 1) + limbs r rLo rHi sr m +
      carryIn r m -
    (limbs r aLo aHi sa m + 65536 * r (k0 + m))

/-- |v| in limbs for v = lo + 2^16 hi read with sign bit s: `(lo (1 − 2s), hi (1 − 2s) + 2^16 s)`. -/
def magLo (lo s : F) : F := lo * (1 - 2 * s)
def magHi (hi s : F) : F := hi * (1 - 2 * s) + 65536 * s

def qLo (r : Row F) : F := pair (r q0) (r (q0 + 1))
def qHi (r : Row F) : F := pair (r (q0 + 2)) (r (q0 + 3))
def yLo (r : Row F) : F := pair (r y0) (r (y0 + 1))
def yHi (r : Row F) : F := pair (r (y0 + 2)) (r (y0 + 3))

/-- The remainder bound's low and high limb equations. -/
def boundLo (r : Row F) : F :=
  magLo (r rLo) (r sr) + 1 + r dLo - (magLo (yLo r) (r sy) + 65536 * r beta)
def boundHi (r : Row F) : F := magHi (r rHi) (r sr) + r dHi + r beta - magHi (yHi r) (r sy)

/-- The flags, in the order of `FLAGS`. -/
def flags : List Nat := [fDiv, fDivu, fRem, fRemu]

/-- **The DIV table's constraints**, one field per group of `eval`. -/
structure Groups (r : Row F) : Prop where
  /-- Booleans: the op flags. -/
  bool_flags : ∀ c ∈ flags, boolean (r c) = 0
  /-- At most one op. -/
  one_op : boolean (real r) = 0
  /-- Signs: sa, sy, sq boolean and 0 on unsigned rows; sr is 0 or sa, and r = 0 when it
  differs from sa. -/
  sign_a : r sa * (signed r - r sa) = 0
  sign_y : r sy * (signed r - r sy) = 0
  sign_q : r sq * (signed r - r sq) = 0
  sign_r : r sr * (r sa - r sr) = 0
  rem_zero : (r sa - r sr) * (r rLo + r rHi) = 0
  /-- Division by zero: yz boolean, only on real rows, only for y = 0; then q = 0xFFFF_FFFF. -/
  yz_bool : r yz * (real r - r yz) = 0
  yz_y : r yz * (r y0 + r (y0 + 1) + (r (y0 + 2) + r (y0 + 3))) = 0
  yz_q_lo : r yz * (qLo r - 65535) = 0
  yz_q_hi : r yz * (qHi r - 65535) = 0
  /-- The result: q for DIV, DIVU; r for REM, REMU. -/
  c_q_lo : quotient r * (r cLo - qLo r) = 0
  c_q_hi : quotient r * (r cHi - qHi r) = 0
  c_r_lo : remainder r * (r cLo - r rLo) = 0
  c_r_hi : remainder r * (r cHi - r rHi) = 0
  /-- q'·y + r' = a, limb by limb. -/
  identity : ∀ m, m < 4 → limbEq r m = 0
  /-- |r'| + 1 + d = |y| when y ≠ 0. -/
  bound_lo : compares r * boundLo r = 0
  bound_hi : compares r * boundHi r = 0

/-- The constraint values, in `eval`'s order. -/
def constraints (r : Row F) : List F :=
  flags.map (fun c => boolean (r c)) ++
  [boolean (real r),
   r sa * (signed r - r sa), r sy * (signed r - r sy), r sq * (signed r - r sq),
   r sr * (r sa - r sr), (r sa - r sr) * (r rLo + r rHi),
   r yz * (real r - r yz), r yz * (r y0 + r (y0 + 1) + (r (y0 + 2) + r (y0 + 3))),
   r yz * (qLo r - 65535), r yz * (qHi r - 65535),
   quotient r * (r cLo - qLo r), quotient r * (r cHi - qHi r),
   remainder r * (r cLo - r rLo), remainder r * (r cHi - r rHi),
   limbEq r 0, limbEq r 1, limbEq r 2, limbEq r 3,
   compares r * boundLo r, compares r * boundHi r]

theorem length_constraints (r : Row F) : (constraints r).length = 24 := rfl

/-- The groups hold exactly when every constraint value vanishes. -/
theorem groups_iff (r : Row F) : Groups r ↔ ∀ e ∈ constraints r, e = 0 := by
  constructor
  · intro h e he
    simp only [constraints, List.mem_append, List.mem_map, List.mem_cons, List.not_mem_nil,
      or_false] at he
    rcases he with ⟨c, hc, rfl⟩ | rfl | rfl | rfl | rfl | rfl | rfl | rfl | rfl | rfl | rfl |
      rfl | rfl | rfl | rfl | rfl | rfl | rfl | rfl | rfl | rfl
    · exact h.bool_flags c hc
    · exact h.one_op
    · exact h.sign_a
    · exact h.sign_y
    · exact h.sign_q
    · exact h.sign_r
    · exact h.rem_zero
    · exact h.yz_bool
    · exact h.yz_y
    · exact h.yz_q_lo
    · exact h.yz_q_hi
    · exact h.c_q_lo
    · exact h.c_q_hi
    · exact h.c_r_lo
    · exact h.c_r_hi
    · exact h.identity 0 (by omega)
    · exact h.identity 1 (by omega)
    · exact h.identity 2 (by omega)
    · exact h.identity 3 (by omega)
    · exact h.bound_lo
    · exact h.bound_hi
  · intro h
    have m : ∀ e, e ∈ constraints r → e = 0 := h
    simp only [constraints, List.mem_append, List.mem_map, List.mem_cons, List.not_mem_nil,
      or_false] at m
    exact
      { bool_flags := fun c hc => m _ (Or.inl ⟨c, hc, rfl⟩)
        one_op := m _ (Or.inr (by simp))
        sign_a := m _ (Or.inr (by simp))
        sign_y := m _ (Or.inr (by simp))
        sign_q := m _ (Or.inr (by simp))
        sign_r := m _ (Or.inr (by simp))
        rem_zero := m _ (Or.inr (by simp))
        yz_bool := m _ (Or.inr (by simp))
        yz_y := m _ (Or.inr (by simp))
        yz_q_lo := m _ (Or.inr (by simp))
        yz_q_hi := m _ (Or.inr (by simp))
        c_q_lo := m _ (Or.inr (by simp))
        c_q_hi := m _ (Or.inr (by simp))
        c_r_lo := m _ (Or.inr (by simp))
        c_r_hi := m _ (Or.inr (by simp))
        identity := fun k hk => by
          rcases (by omega : k = 0 ∨ k = 1 ∨ k = 2 ∨ k = 3) with rfl | rfl | rfl | rfl <;>
            exact m _ (Or.inr (by simp))
        bound_lo := m _ (Or.inr (by simp))
        bound_hi := m _ (Or.inr (by simp)) }

end Ring

/-! ## What the bus provides, over BabyBear -/

/-- The lookups of `messages`, each with its multiplicity. -/
structure Lookups (r : Row BabyBear) : Prop where
  sign_a : signed r ≠ 0 → (2 * (r aHi - 32768 * r sa)).val < 2 ^ 16
  byte_q : real r ≠ 0 → ∀ i, i < 4 → (r (q0 + i)).val < 256
  byte_y : real r ≠ 0 → ∀ i, i < 3 → (r (y0 + i)).val < 256
  top_y : real r ≠ 0 → (r (y0 + 3) - 256 * r sy + 128 * signed r).val < 256
  limb_r_lo : real r ≠ 0 → (r rLo).val < 2 ^ 16
  limb_r_hi : real r ≠ 0 → (r rHi).val < 2 ^ 16
  carries : real r ≠ 0 → ∀ m, m < 4 → (r (k0 + m)).val < 2 ^ 16
  carry_sum : real r ≠ 0 → (4 * (r k0 + r (k0 + 1) + r (k0 + 2) + r (k0 + 3))).val < 2 ^ 16
  d_lo : compares r ≠ 0 → (r dLo).val < 2 ^ 16
  d_hi : compares r ≠ 0 → (r dHi).val < 2 ^ 16
  beta : compares r ≠ 0 → (r beta + 1).val < 256

/-- The EXEC message's a and b are well-formed words (register values). -/
structure Inputs (r : Row BabyBear) : Prop where
  a_lo : (r aLo).val < 2 ^ 16
  a_hi : (r aHi).val < 2 ^ 16
  b_lo : (yLo r).val < 2 ^ 16
  b_hi : (yHi r).val < 2 ^ 16

/-! ## The words of a row -/

def aWord (r : Row BabyBear) : Word := WordLimbs.ofFelts (r aLo) (r aHi)
/-- b, as the EXEC message carries it: pairs of y's bytes. -/
def bWord (r : Row BabyBear) : Word := WordLimbs.ofFelts (yLo r) (yHi r)
def cWord (r : Row BabyBear) : Word := WordLimbs.ofFelts (r cLo) (r cHi)

end Zkvm.Air.V2.Div

end
