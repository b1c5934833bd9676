module

public import Zkvm.Air.WordLimbs
public import Zkvm.Air.Table

/-!
# The ALU table of the RV32IM machine, version 2: its constraints as named groups

`rust/verifier/src/air/rv32im/alu.rs` (docs/air.md §4) has one row per EXEC request of ADD,
SUB, SLT, SLTU (and ADDI, SLTI, SLTIU), the six branches and JALR. This file states its
constraints as a structure of named groups (`Groups`), over any commutative ring, column by
column as `eval` computes them; `constraints` is the same list of 25 values in `eval`'s order,
and `groups_iff` says the groups hold exactly when every value vanishes. The soundness and
completeness proofs use the groups by name (`AluSound`, `AluBranch`, `AluComplete`).

What the bus gives the table is stated as explicit hypotheses, read off `messages`:
* `Lookups`: each U16 lookup with a non-zero multiplicity holds (its value, as a number, is
  below `2^16`): L and H on every real row, `2 a_hi − 2^16 sa` on signed comparisons, and
  `2 y_hi − 2^16 sy` with y = b, or imm for SLTI;
* `Inputs`: the EXEC message's a, b and imm are well-formed words (limbs below `2^16`): a and
  b are register values (docs/air.md §2: every written value is range-checked where it is
  made), imm is the program's constant.

The words of a row (`aWord`, `bWord`, `immWord`, `yWord`, `cWord`) are read with
`WordLimbs.ofFelts`.
-/

@[expose] public section

noncomputable section

namespace Zkvm.Air.V2.Alu

open Zkvm.Field Zkvm.RiscV Zkvm.Air.Table

/-! ## Columns, as in alu.rs -/

namespace Col
def fAdd : Nat := 0
def fSub : Nat := 1
def fSlt : Nat := 2
def fSltu : Nat := 3
def fBeq : Nat := 4
def fBne : Nat := 5
def fBlt : Nat := 6
def fBge : Nat := 7
def fBltu : Nat := 8
def fBgeu : Nat := 9
def fJalr : Nat := 10
def useImm : Nat := 11
def clk : Nat := 12
def aLo : Nat := 13
def aHi : Nat := 14
def bLo : Nat := 15
def bHi : Nat := 16
def cLo : Nat := 17
def cHi : Nat := 18
def immLo : Nat := 19
def immHi : Nat := 20
def nextPc : Nat := 21
def L : Nat := 22
def H : Nat := 23
def k1 : Nat := 24
def k2 : Nat := 25
def sa : Nat := 26
def sy : Nat := 27
def inv : Nat := 28
def width : Nat := 29
end Col

open Col

/-! ## The expressions `eval` names -/

section Ring

variable {F : Type} [Lean.Grind.CommRing F]

/-- `x (x − 1)`: vanishes exactly on 0 and 1 (in a field). -/
def boolean (x : F) : F := x * (x - 1)

/-- 1 on a real row: the sum of the op flags. -/
def real (r : Row F) : F :=
  r fAdd + r fSub + r fSlt + r fSltu + r fBeq + r fBne + r fBlt + r fBge + r fBltu + r fBgeu +
    r fJalr

/-- The ops that subtract (σ = −1). -/
def subtracts (r : Row F) : F :=
  r fSub + r fSlt + r fSltu + r fBeq + r fBne + r fBlt + r fBge + r fBltu + r fBgeu

/-- The signed comparisons. -/
def signed (r : Row F) : F := r fSlt + r fBlt + r fBge

/-- σ = 1 − 2 [subtracts]: the adder computes a + σ y. -/
def sigma (r : Row F) : F := 1 - 2 * subtracts r

/-- The weight of imm in y: the immediate forms and JALR. -/
def immWeight (r : Row F) : F := r useImm + r fJalr

/-- y's limbs: b's, or imm's for the immediate forms and JALR. -/
def yLo (r : Row F) : F := r bLo + immWeight r * (r immLo - r bLo)
def yHi (r : Row F) : F := r bHi + immWeight r * (r immHi - r bHi)

/-- a <s y: the borrow, corrected by the signs. -/
def signedLess (r : Row F) : F := r k2 + r sa - r sy

/-- JALR's high limb of a + imm. -/
def jalrHigh (r : Row F) : F := r aHi + r immHi + r k1 - 65536 * r k2

/-- The ops whose c_lo is checked (all but BEQ, BNE, JALR). -/
def resultOps (r : Row F) : F :=
  r fAdd + r fSub + r fSlt + r fSltu + r fBlt + r fBge + r fBltu + r fBgeu

/-- The c_lo each op expects. -/
def expectedLo (r : Row F) : F :=
  (r fAdd + r fSub) * r L + (r fSltu + r fBltu) * r k2 + r fBgeu * (1 - r k2) +
    (r fSlt + r fBlt) * signedLess r + r fBge * (1 - signedLess r)

/-- BEQ, BNE: `[a = y]` as c_lo says it. -/
def eqBit (r : Row F) : F := r fBeq * r cLo + r fBne * (1 - r cLo)

/-- The flags, in the order of `FLAGS`. -/
def flags : List Nat := [fAdd, fSub, fSlt, fSltu, fBeq, fBne, fBlt, fBge, fBltu, fBgeu, fJalr]

/-- **The ALU's constraints**, one field per group of `eval`. -/
structure Groups (r : Row F) : Prop where
  /-- Booleans: the op flags, the immediate form, carries and sign bits. -/
  bool_flags : ∀ c ∈ flags, boolean (r c) = 0
  bool_useImm : boolean (r useImm) = 0
  bool_k1 : boolean (r k1) = 0
  bool_k2 : boolean (r k2) = 0
  bool_sa : boolean (r sa) = 0
  bool_sy : boolean (r sy) = 0
  /-- At most one op. -/
  one_op : boolean (real r) = 0
  /-- The immediate form only for ADD, SLT, SLTU. -/
  imm_ops : r useImm * (1 - (r fAdd + r fSlt + r fSltu)) = 0
  /-- The adder's low limb: a_lo + σ (y_lo − 2^16 k1) = r_lo, with r_lo = L, or 2 L + e
  (e in SA) for JALR. -/
  adder_lo : r aLo + sigma r * (yLo r - 65536 * r k1) - (r L + r fJalr * (r L + r sa)) = 0
  /-- The adder's high limb: a_hi + σ (y_hi + k1 − 2^16 k2) = r_hi, with r_hi = H, or H / 4
  for JALR. -/
  adder_hi : r aHi + sigma r * (yHi r + r k1 - 65536 * r k2) + 3 * r fJalr * jalrHigh r - r H = 0
  /-- JALR's next pc: the sum with bit 0 cleared. -/
  next_pc : r fJalr * (r nextPc - (2 * r L + 65536 * jalrHigh r)) = 0
  /-- c_lo: the sum or difference's low limb, or the comparison. -/
  c_lo : resultOps r * r cLo - expectedLo r = 0
  /-- c_hi: the high limb for ADD and SUB, else 0 (free for JALR). -/
  c_hi : (real r - r fJalr) * r cHi - (r fAdd + r fSub) * r H = 0
  /-- Equality: [a = y] · (r_lo + r_hi) = 0 … -/
  eq_zero : eqBit r * (r L + r H) = 0
  /-- … and [a = y] = 1 − (r_lo + r_hi) · inv on BEQ and BNE rows. -/
  eq_inv : eqBit r - (r fBeq + r fBne) * (1 - (r L + r H) * r inv) = 0

/-- The constraint values, in `eval`'s order. -/
def constraints (r : Row F) : List F :=
  flags.map (fun c => boolean (r c)) ++
  [boolean (r useImm), boolean (r k1), boolean (r k2), boolean (r sa), boolean (r sy),
   boolean (real r),
   r useImm * (1 - (r fAdd + r fSlt + r fSltu)),
   r aLo + sigma r * (yLo r - 65536 * r k1) - (r L + r fJalr * (r L + r sa)),
   r aHi + sigma r * (yHi r + r k1 - 65536 * r k2) + 3 * r fJalr * jalrHigh r - r H,
   r fJalr * (r nextPc - (2 * r L + 65536 * jalrHigh r)),
   resultOps r * r cLo - expectedLo r,
   (real r - r fJalr) * r cHi - (r fAdd + r fSub) * r H,
   eqBit r * (r L + r H),
   eqBit r - (r fBeq + r fBne) * (1 - (r L + r H) * r inv)]

theorem length_constraints (r : Row F) : (constraints r).length = 25 := rfl

/-- The groups hold exactly when every constraint value vanishes. -/
theorem groups_iff (r : Row F) : Groups r ↔ ∀ e ∈ constraints r, e = 0 := by
  constructor
  · intro h e he
    simp only [constraints, List.mem_append, List.mem_map, List.mem_cons, List.not_mem_nil,
      or_false] at he
    rcases he with ⟨c, hc, rfl⟩ | rfl | rfl | rfl | rfl | rfl | rfl | rfl | rfl | rfl | rfl | rfl |
      rfl | rfl | rfl
    · exact h.bool_flags c hc
    · exact h.bool_useImm
    · exact h.bool_k1
    · exact h.bool_k2
    · exact h.bool_sa
    · exact h.bool_sy
    · exact h.one_op
    · exact h.imm_ops
    · exact h.adder_lo
    · exact h.adder_hi
    · exact h.next_pc
    · exact h.c_lo
    · exact h.c_hi
    · exact h.eq_zero
    · exact h.eq_inv
  · intro h
    have m : ∀ e, e ∈ constraints r → e = 0 := h
    simp only [constraints, List.mem_append, List.mem_map, List.mem_cons, List.not_mem_nil,
      or_false] at m
    exact
      { bool_flags := fun c hc => m _ (Or.inl ⟨c, hc, rfl⟩)
        bool_useImm := m _ (Or.inr (by simp))
        bool_k1 := m _ (Or.inr (by simp))
        bool_k2 := m _ (Or.inr (by simp))
        bool_sa := m _ (Or.inr (by simp))
        bool_sy := m _ (Or.inr (by simp))
        one_op := m _ (Or.inr (by simp))
        imm_ops := m _ (Or.inr (by simp))
        adder_lo := m _ (Or.inr (by simp))
        adder_hi := m _ (Or.inr (by simp))
        next_pc := m _ (Or.inr (by simp))
        c_lo := m _ (Or.inr (by simp))
        c_hi := m _ (Or.inr (by simp))
        eq_zero := m _ (Or.inr (by simp))
        eq_inv := m _ (Or.inr (by simp)) }

end Ring

/-! ## What the bus provides, over BabyBear -/

/-- `2 hi − 2^16 s`: below `2^16` exactly when `s` is the top bit of `hi` (`hi < 2^16`). -/
def signRest (r : Row BabyBear) (hi s : Nat) : BabyBear := 2 * r hi - 65536 * r s

/-- The U16 lookups of `messages`, each with its multiplicity: a lookup sent with a non-zero
multiplicity has its value in the U16 table. -/
structure Lookups (r : Row BabyBear) : Prop where
  limb_L : real r ≠ 0 → (r L).val < 2 ^ 16
  limb_H : real r ≠ 0 → (r H).val < 2 ^ 16
  sign_a : signed r ≠ 0 → (signRest r aHi sa).val < 2 ^ 16
  sign_b : signed r - r fSlt * r useImm ≠ 0 → (signRest r bHi sy).val < 2 ^ 16
  sign_imm : r fSlt * r useImm ≠ 0 → (signRest r immHi sy).val < 2 ^ 16

/-- The EXEC message's operands are well-formed words. -/
structure Inputs (r : Row BabyBear) : Prop where
  a_lo : (r aLo).val < 2 ^ 16
  a_hi : (r aHi).val < 2 ^ 16
  b_lo : (r bLo).val < 2 ^ 16
  b_hi : (r bHi).val < 2 ^ 16
  imm_lo : (r immLo).val < 2 ^ 16
  imm_hi : (r immHi).val < 2 ^ 16

/-! ## The words of a row -/

def aWord (r : Row BabyBear) : Word := WordLimbs.ofFelts (r aLo) (r aHi)
def bWord (r : Row BabyBear) : Word := WordLimbs.ofFelts (r bLo) (r bHi)
def immWord (r : Row BabyBear) : Word := WordLimbs.ofFelts (r immLo) (r immHi)
def cWord (r : Row BabyBear) : Word := WordLimbs.ofFelts (r cLo) (r cHi)
/-- The second operand: imm for the immediate forms, else b. -/
def yWord (r : Row BabyBear) : Word := if r useImm = 1 then immWord r else bWord r

end Zkvm.Air.V2.Alu

end
