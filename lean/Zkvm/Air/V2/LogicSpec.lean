module

public import Zkvm.Air.WordLimbs
public import Zkvm.Air.Table

/-!
# The LOGIC table of the RV32IM machine, version 2: its constraints as named groups

`rust/verifier/src/air/rv32im/logic.rs` (docs/air.md §4) has one row per EXEC request of
AND, OR, XOR (and ANDI, ORI, XORI). a and y (y = imm for the immediate forms, else b) are
split into eight nibbles each, low first; eight AND4 lookups give `n_i = a_i AND y_i`. This file
states its constraints as a structure of named groups (`Groups`), over any commutative ring,
as `eval` computes them; `constraints` is the same list of 10 values in `eval`'s order, and
`groups_iff` says the groups hold exactly when every value vanishes.

What the bus gives the table is stated as explicit hypotheses, read off `messages`:
* `Lookups`: the eight AND4 lookups, sent with multiplicity `real` (the sum of the op flags):
  on a row where it is non-zero, each `(a_i, y_i, n_i)` is in the AND4 table (`a_i, y_i < 16`,
  `n_i = a_i &&& y_i`);
* nothing about the EXEC message's operands: its a limbs are the nibble sums themselves, and
  the `y_lo`, `y_hi` groups equate b's (or imm's) limbs, as field elements, with the nibble
  sums of y, which the AND4 lookups bound.
-/

@[expose] public section

noncomputable section

namespace Zkvm.Air.V2.Logic

open Zkvm.Field Zkvm.RiscV Zkvm.Air.Table

/-! ## Columns, as in logic.rs -/

namespace Col
def fXor : Nat := 0
def fOr : Nat := 1
def fAnd : Nat := 2
def useImm : Nat := 3
def clk : Nat := 4
def bLo : Nat := 5
def bHi : Nat := 6
def cLo : Nat := 7
def cHi : Nat := 8
def immLo : Nat := 9
def immHi : Nat := 10
def nextPc : Nat := 11
/-- Nibbles of a (`a0 + i`, i < 8, low first), of y, and their ANDs. -/
def a0 : Nat := 12
def y0 : Nat := 20
def n0 : Nat := 28
def width : Nat := 36
end Col

open Col

section Ring

variable {F : Type} [Lean.Grind.CommRing F]

/-- `x (x − 1)`: vanishes exactly on 0 and 1 (in a field). -/
def boolean (x : F) : F := x * (x - 1)

/-- 1 on a real row: the sum of the op flags. -/
def real (r : Row F) : F := r fXor + r fOr + r fAnd

/-- The limb of four nibbles from column `first`: `Σ 16^i x_{first + i}` (as `limb` folds it). -/
def limb (r : Row F) (first : Nat) : F :=
  ((r (first + 3) * 16 + r (first + 2)) * 16 + r (first + 1)) * 16 + r first

/-- The result limb of nibbles `first .. first + 4`: AND = n, OR = a + y − n, XOR = a + y − 2n. -/
def resultLimb (r : Row F) (first : Nat) : F :=
  r fAnd * limb r (n0 + first) +
    r fOr * (limb r (a0 + first) + limb r (y0 + first) - limb r (n0 + first)) +
    r fXor * (limb r (a0 + first) + limb r (y0 + first) - 2 * limb r (n0 + first))

/-- y's limbs: b's, or imm's for the immediate forms. -/
def yLo (r : Row F) : F := r bLo + r useImm * (r immLo - r bLo)
def yHi (r : Row F) : F := r bHi + r useImm * (r immHi - r bHi)

/-- The flags, in the order of `FLAGS`. -/
def flags : List Nat := [fXor, fOr, fAnd]

/-- **The LOGIC table's constraints**, one field per group of `eval`. -/
structure Groups (r : Row F) : Prop where
  /-- Booleans: the op flags and the immediate form. -/
  bool_flags : ∀ c ∈ flags, boolean (r c) = 0
  bool_useImm : boolean (r useImm) = 0
  /-- At most one op. -/
  one_op : boolean (real r) = 0
  /-- The immediate form only on a real row. -/
  imm_real : r useImm * (1 - real r) = 0
  /-- y's nibbles are b's, or imm's for the immediate forms. -/
  y_lo : yLo r - limb r y0 = 0
  y_hi : yHi r - limb r (y0 + 4) = 0
  /-- c from the nibbles. -/
  c_lo : r cLo - resultLimb r 0 = 0
  c_hi : r cHi - resultLimb r 4 = 0

/-- The constraint values, in `eval`'s order. -/
def constraints (r : Row F) : List F :=
  flags.map (fun c => boolean (r c)) ++
  [boolean (r useImm), boolean (real r), r useImm * (1 - real r),
   yLo r - limb r y0, yHi r - limb r (y0 + 4),
   r cLo - resultLimb r 0, r cHi - resultLimb r 4]

theorem length_constraints (r : Row F) : (constraints r).length = 10 := rfl

/-- The groups hold exactly when every constraint value vanishes. -/
theorem groups_iff (r : Row F) : Groups r ↔ ∀ e ∈ constraints r, e = 0 := by
  constructor
  · intro h e he
    simp only [constraints, List.mem_append, List.mem_map, List.mem_cons, List.not_mem_nil,
      or_false] at he
    rcases he with ⟨c, hc, rfl⟩ | rfl | rfl | rfl | rfl | rfl | rfl | rfl
    · exact h.bool_flags c hc
    · exact h.bool_useImm
    · exact h.one_op
    · exact h.imm_real
    · exact h.y_lo
    · exact h.y_hi
    · exact h.c_lo
    · exact h.c_hi
  · intro h
    have m : ∀ e, e ∈ constraints r → e = 0 := h
    simp only [constraints, List.mem_append, List.mem_map, List.mem_cons, List.not_mem_nil,
      or_false] at m
    exact
      { bool_flags := fun c hc => m _ (Or.inl ⟨c, hc, rfl⟩)
        bool_useImm := m _ (Or.inr (by simp))
        one_op := m _ (Or.inr (by simp))
        imm_real := m _ (Or.inr (by simp))
        y_lo := m _ (Or.inr (by simp))
        y_hi := m _ (Or.inr (by simp))
        c_lo := m _ (Or.inr (by simp))
        c_hi := m _ (Or.inr (by simp)) }

end Ring

/-! ## What the bus provides, over BabyBear -/

/-- The AND4 lookups of `messages`, sent with multiplicity `real`: on a row where it is
non-zero, every nibble triple is in the AND4 table. -/
structure Lookups (r : Row BabyBear) : Prop where
  and4 : real r ≠ 0 → ∀ i, i < 8 →
    (r (a0 + i)).val < 16 ∧ (r (y0 + i)).val < 16 ∧
      (r (n0 + i)).val = (r (a0 + i)).val &&& (r (y0 + i)).val

/-! ## The words of a row -/

/-- a, as the EXEC message carries it: the nibble sums. -/
def aWord (r : Row BabyBear) : Word := WordLimbs.ofFelts (limb r a0) (limb r (a0 + 4))
def bWord (r : Row BabyBear) : Word := WordLimbs.ofFelts (r bLo) (r bHi)
def immWord (r : Row BabyBear) : Word := WordLimbs.ofFelts (r immLo) (r immHi)
def cWord (r : Row BabyBear) : Word := WordLimbs.ofFelts (r cLo) (r cHi)
/-- The second operand: imm for the immediate forms, else b. -/
def yWord (r : Row BabyBear) : Word := if r useImm = 1 then immWord r else bWord r

end Zkvm.Air.V2.Logic

end
