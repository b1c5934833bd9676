module

public import Zkvm.Air.V2.AluMessages
public import Zkvm.Air.V2.AluBasic
public import Zkvm.Air.V2.LogicMessages
public import Zkvm.Air.V2.LogicSound
public import Zkvm.Air.V2.MulMessages
public import Zkvm.Air.V2.MulCore
public import Zkvm.Air.V2.DivMessages
public import Zkvm.Air.V2.DivUnsigned
public import Zkvm.Air.V2.MemMessages
public import Zkvm.Air.V2.MemBasic

/-!
# Which op a coprocessor row receives: its EXEC op field as a number

Every coprocessor that receives EXEC messages (ALU, LOGIC, MUL, DIV, MEM) receives the op field
`opField` = 64 use_imm + Σ OP_f · flag_f (docs/air.md §3, the program's op numbers). On a real row
(one flag set) the field is a small number, so it names the flag: `opField_val` states it over
ℕ, `real_val` that the flags' values add up to 1, and (for the tables with immediate forms)
`imm_val` which ops the immediate form may go with. The join of the CPU's EXEC request with the
row that receives it (`Zkvm.Air.V2.Exec`) reads the op through these, by `omega`.
-/

@[expose] public section

namespace Zkvm.Air.V2

open Zkvm.Field Zkvm.Air.Table

theorem eq_one_of_val {x : BabyBear} (h : x.val = 1) : x = 1 := by
  rw [← Felt.natCast_val x, h]; rfl

theorem eq_zero_of_val' {x : BabyBear} (h : x.val = 0) : x = 0 := BabyBear.eq_zero_iff_val.mpr h

namespace Alu

open Col

variable {r : Row BabyBear}

/-- The op field of a row as a number. -/
theorem opField_val (hg : Groups r) :
    (opField r).val = 64 * (r useImm).val + 18 * (r fAdd).val + 19 * (r fSub).val +
      21 * (r fSlt).val + 22 * (r fSltu).val + 4 * (r fBeq).val + 5 * (r fBne).val +
      6 * (r fBlt).val + 7 * (r fBge).val + 8 * (r fBltu).val + 9 * (r fBgeu).val +
      3 * (r fJalr).val := by
  have s := flag_sum hg
  have u := val_le_one hg.bool_useImm
  have e : opField r = ((64 * (r useImm).val + 18 * (r fAdd).val + 19 * (r fSub).val +
      21 * (r fSlt).val + 22 * (r fSltu).val + 4 * (r fBeq).val + 5 * (r fBne).val +
      6 * (r fBlt).val + 7 * (r fBge).val + 8 * (r fBltu).val + 9 * (r fBgeu).val +
      3 * (r fJalr).val : Nat) : BabyBear) := by
    unfold opField; push_natCast
  rw [e, Mem.val_cast (by omega)]

/-- On a real row the flags' values add up to 1. -/
theorem real_val (hg : Groups r) (h : real r = 1) :
    (r fAdd).val + (r fSub).val + (r fSlt).val + (r fSltu).val + (r fBeq).val + (r fBne).val +
      (r fBlt).val + (r fBge).val + (r fBltu).val + (r fBgeu).val + (r fJalr).val = 1 := by
  have s := flag_sum hg
  have e : real r = (((r fAdd).val + (r fSub).val + (r fSlt).val + (r fSltu).val +
      (r fBeq).val + (r fBne).val + (r fBlt).val + (r fBge).val + (r fBltu).val +
      (r fBgeu).val + (r fJalr).val : Nat) : BabyBear) := by
    unfold real; push_natCast
  have := congrArg Field.BabyBear.val h
  rw [e, Mem.val_cast (by omega)] at this
  exact this

/-- The immediate form goes with ADD, SLT or SLTU only. -/
theorem imm_val (hg : Groups r) (h : (r useImm).val = 1) :
    (r fAdd).val + (r fSlt).val + (r fSltu).val = 1 := by
  have s := flag_sum hg
  have hu : r useImm = 1 := eq_one_of_val h
  have e := hg.imm_ops
  rw [hu] at e
  have e' : r fAdd + r fSlt + r fSltu = 1 := by grind
  have e2 : r fAdd + r fSlt + r fSltu = (((r fAdd).val + (r fSlt).val + (r fSltu).val : Nat) :
      BabyBear) := by push_natCast
  have := congrArg Field.BabyBear.val e'
  rw [e2, Mem.val_cast (by omega)] at this
  exact this

/-- On a real row one flag is set. -/
theorem flag_cases (hg : Groups r) (h : real r = 1) : (r fAdd).val = 1 ∨ (r fSub).val = 1 ∨
    (r fSlt).val = 1 ∨ (r fSltu).val = 1 ∨ (r fBeq).val = 1 ∨ (r fBne).val = 1 ∨
    (r fBlt).val = 1 ∨ (r fBge).val = 1 ∨ (r fBltu).val = 1 ∨ (r fBgeu).val = 1 ∨
    (r fJalr).val = 1 := by
  have := real_val hg h
  omega

/-- **The op a real row receives**: its set flag and op field. -/
theorem op_cases (hg : Groups r) (hreal : real r = 1) :
    ((r fAdd).val = 1 ∧ (opField r).val = 18 + 64 * (r useImm).val) ∨
    ((r fSub).val = 1 ∧ (opField r).val = 19 + 64 * (r useImm).val) ∨
    ((r fSlt).val = 1 ∧ (opField r).val = 21 + 64 * (r useImm).val) ∨
    ((r fSltu).val = 1 ∧ (opField r).val = 22 + 64 * (r useImm).val) ∨
    ((r fBeq).val = 1 ∧ (opField r).val = 4 + 64 * (r useImm).val) ∨
    ((r fBne).val = 1 ∧ (opField r).val = 5 + 64 * (r useImm).val) ∨
    ((r fBlt).val = 1 ∧ (opField r).val = 6 + 64 * (r useImm).val) ∨
    ((r fBge).val = 1 ∧ (opField r).val = 7 + 64 * (r useImm).val) ∨
    ((r fBltu).val = 1 ∧ (opField r).val = 8 + 64 * (r useImm).val) ∨
    ((r fBgeu).val = 1 ∧ (opField r).val = 9 + 64 * (r useImm).val) ∨
    ((r fJalr).val = 1 ∧ (opField r).val = 3 + 64 * (r useImm).val) := by
  have s := flag_sum hg
  have v := opField_val hg
  rcases flag_cases hg hreal with h | h | h | h | h | h | h | h | h | h | h
  · exact Or.inl ⟨h, by omega⟩
  · exact Or.inr <| Or.inl ⟨h, by omega⟩
  · exact Or.inr <| Or.inr <| Or.inl ⟨h, by omega⟩
  · exact Or.inr <| Or.inr <| Or.inr <| Or.inl ⟨h, by omega⟩
  · exact Or.inr <| Or.inr <| Or.inr <| Or.inr <| Or.inl ⟨h, by omega⟩
  · exact Or.inr <| Or.inr <| Or.inr <| Or.inr <| Or.inr <| Or.inl ⟨h, by omega⟩
  · exact Or.inr <| Or.inr <| Or.inr <| Or.inr <| Or.inr <| Or.inr <| Or.inl ⟨h, by omega⟩
  · exact Or.inr <| Or.inr <| Or.inr <| Or.inr <| Or.inr <| Or.inr <| Or.inr <| Or.inl ⟨h, by omega⟩
  · exact Or.inr <| Or.inr <| Or.inr <| Or.inr <| Or.inr <| Or.inr <| Or.inr <| Or.inr <| Or.inl ⟨h, by omega⟩
  · exact Or.inr <| Or.inr <| Or.inr <| Or.inr <| Or.inr <| Or.inr <| Or.inr <| Or.inr <| Or.inr <| Or.inl ⟨h, by omega⟩
  · exact Or.inr <| Or.inr <| Or.inr <| Or.inr <| Or.inr <| Or.inr <| Or.inr <| Or.inr <| Or.inr <| Or.inr <| ⟨h, by omega⟩

end Alu

namespace Logic

open Col

variable {r : Row BabyBear}

theorem opField_val (hg : Groups r) :
    (opField r).val = 64 * (r useImm).val + 23 * (r fXor).val + 26 * (r fOr).val +
      27 * (r fAnd).val := by
  have s := flag_sum hg
  have u := val_le_one hg.bool_useImm
  have e : opField r = ((64 * (r useImm).val + 23 * (r fXor).val + 26 * (r fOr).val +
      27 * (r fAnd).val : Nat) : BabyBear) := by
    unfold opField; push_natCast
  rw [e, Mem.val_cast (by omega)]

theorem real_val (hg : Groups r) (h : real r = 1) : (r fXor).val + (r fOr).val + (r fAnd).val = 1 := by
  have s := flag_sum hg
  have e : real r = (((r fXor).val + (r fOr).val + (r fAnd).val : Nat) : BabyBear) := by
    unfold real; push_natCast
  have := congrArg Field.BabyBear.val h
  rw [e, Mem.val_cast (by omega)] at this
  exact this

/-- On a real row one flag is set. -/
theorem flag_cases (hg : Groups r) (h : real r = 1) : (r fXor).val = 1 ∨ (r fOr).val = 1 ∨
    (r fAnd).val = 1 := by
  have := real_val hg h
  omega

/-- **The op a real row receives**: its set flag and op field. -/
theorem op_cases (hg : Groups r) (hreal : real r = 1) :
    ((r fXor).val = 1 ∧ (opField r).val = 23 + 64 * (r useImm).val) ∨
    ((r fOr).val = 1 ∧ (opField r).val = 26 + 64 * (r useImm).val) ∨
    ((r fAnd).val = 1 ∧ (opField r).val = 27 + 64 * (r useImm).val) := by
  have s := flag_sum hg
  have v := opField_val hg
  rcases flag_cases hg hreal with h | h | h
  · exact Or.inl ⟨h, by omega⟩
  · exact Or.inr <| Or.inl ⟨h, by omega⟩
  · exact Or.inr <| Or.inr <| ⟨h, by omega⟩

end Logic

namespace Mul

open Col

variable {r : Row BabyBear}

theorem opField_val (hg : Groups r) :
    (opField r).val = 64 * (r useImm).val + 28 * (r fMul).val + 29 * (r fMulh).val +
      30 * (r fMulhsu).val + 31 * (r fMulhu).val + 20 * (r fSll).val + 24 * (r fSrl).val +
      25 * (r fSra).val := by
  have s := flag_sum hg
  have u := val_le_one hg.bool_useImm
  have e : opField r = ((64 * (r useImm).val + 28 * (r fMul).val + 29 * (r fMulh).val +
      30 * (r fMulhsu).val + 31 * (r fMulhu).val + 20 * (r fSll).val + 24 * (r fSrl).val +
      25 * (r fSra).val : Nat) : BabyBear) := by
    unfold opField; push_natCast
  rw [e, Mem.val_cast (by omega)]

theorem real_val (hg : Groups r) (h : real r = 1) :
    (r fMul).val + (r fMulh).val + (r fMulhsu).val + (r fMulhu).val + (r fSll).val +
      (r fSrl).val + (r fSra).val = 1 := by
  have s := flag_sum hg
  have e : real r = (((r fMul).val + (r fMulh).val + (r fMulhsu).val + (r fMulhu).val +
      (r fSll).val + (r fSrl).val + (r fSra).val : Nat) : BabyBear) := by
    unfold real; push_natCast
  have := congrArg Field.BabyBear.val h
  rw [e, Mem.val_cast (by omega)] at this
  exact this

/-- The immediate form goes with the shifts only. -/
theorem imm_val (hg : Groups r) (h : (r useImm).val = 1) :
    (r fSll).val + (r fSrl).val + (r fSra).val = 1 := by
  have s := flag_sum hg
  have hu : r useImm = 1 := eq_one_of_val h
  have e := hg.imm_shift
  rw [hu] at e
  have e' : shifts r = 1 := by grind
  have e2 : shifts r = (((r fSll).val + (r fSrl).val + (r fSra).val : Nat) : BabyBear) := by
    unfold shifts; push_natCast
  have := congrArg Field.BabyBear.val e'
  rw [e2, Mem.val_cast (by omega)] at this
  exact this

/-- On a real row one flag is set. -/
theorem flag_cases (hg : Groups r) (h : real r = 1) : (r fMul).val = 1 ∨ (r fMulh).val = 1 ∨
    (r fMulhsu).val = 1 ∨ (r fMulhu).val = 1 ∨ (r fSll).val = 1 ∨ (r fSrl).val = 1 ∨
    (r fSra).val = 1 := by
  have := real_val hg h
  omega

/-- **The op a real row receives**: its set flag and op field. -/
theorem op_cases (hg : Groups r) (hreal : real r = 1) :
    ((r fMul).val = 1 ∧ (opField r).val = 28 + 64 * (r useImm).val) ∨
    ((r fMulh).val = 1 ∧ (opField r).val = 29 + 64 * (r useImm).val) ∨
    ((r fMulhsu).val = 1 ∧ (opField r).val = 30 + 64 * (r useImm).val) ∨
    ((r fMulhu).val = 1 ∧ (opField r).val = 31 + 64 * (r useImm).val) ∨
    ((r fSll).val = 1 ∧ (opField r).val = 20 + 64 * (r useImm).val) ∨
    ((r fSrl).val = 1 ∧ (opField r).val = 24 + 64 * (r useImm).val) ∨
    ((r fSra).val = 1 ∧ (opField r).val = 25 + 64 * (r useImm).val) := by
  have s := flag_sum hg
  have v := opField_val hg
  rcases flag_cases hg hreal with h | h | h | h | h | h | h
  · exact Or.inl ⟨h, by omega⟩
  · exact Or.inr <| Or.inl ⟨h, by omega⟩
  · exact Or.inr <| Or.inr <| Or.inl ⟨h, by omega⟩
  · exact Or.inr <| Or.inr <| Or.inr <| Or.inl ⟨h, by omega⟩
  · exact Or.inr <| Or.inr <| Or.inr <| Or.inr <| Or.inl ⟨h, by omega⟩
  · exact Or.inr <| Or.inr <| Or.inr <| Or.inr <| Or.inr <| Or.inl ⟨h, by omega⟩
  · exact Or.inr <| Or.inr <| Or.inr <| Or.inr <| Or.inr <| Or.inr <| ⟨h, by omega⟩

end Mul

namespace Div

open Col

variable {r : Row BabyBear}

theorem opField_val (hg : Groups r) :
    (opField r).val = 32 * (r fDiv).val + 33 * (r fDivu).val + 34 * (r fRem).val +
      35 * (r fRemu).val := by
  have s := flag_sum hg
  have e : opField r = ((32 * (r fDiv).val + 33 * (r fDivu).val + 34 * (r fRem).val +
      35 * (r fRemu).val : Nat) : BabyBear) := by
    unfold opField; push_natCast
  rw [e, Mem.val_cast (by omega)]

theorem real_val (hg : Groups r) (h : real r = 1) :
    (r fDiv).val + (r fDivu).val + (r fRem).val + (r fRemu).val = 1 := by
  have s := flag_sum hg
  have e : real r = (((r fDiv).val + (r fDivu).val + (r fRem).val + (r fRemu).val : Nat) :
      BabyBear) := by
    unfold real; push_natCast; grind
  have := congrArg Field.BabyBear.val h
  rw [e, Mem.val_cast (by omega)] at this
  exact this

/-- On a real row one flag is set. -/
theorem flag_cases (hg : Groups r) (h : real r = 1) : (r fDiv).val = 1 ∨ (r fDivu).val = 1 ∨
    (r fRem).val = 1 ∨ (r fRemu).val = 1 := by
  have := real_val hg h
  omega

/-- **The op a real row receives**: its set flag and op field. -/
theorem op_cases (hg : Groups r) (hreal : real r = 1) :
    ((r fDiv).val = 1 ∧ (opField r).val = 32) ∨ ((r fDivu).val = 1 ∧ (opField r).val = 33) ∨
    ((r fRem).val = 1 ∧ (opField r).val = 34) ∨ ((r fRemu).val = 1 ∧ (opField r).val = 35) := by
  have s := flag_sum hg
  have v := opField_val hg
  rcases flag_cases hg hreal with h | h | h | h
  · exact Or.inl ⟨h, by omega⟩
  · exact Or.inr <| Or.inl ⟨h, by omega⟩
  · exact Or.inr <| Or.inr <| Or.inl ⟨h, by omega⟩
  · exact Or.inr <| Or.inr <| Or.inr <| ⟨h, by omega⟩

end Div

namespace Mem

open Col

variable {r : Row BabyBear}

theorem opField_val (hg : Groups r) :
    (opField r).val = 10 * (r fLb).val + 11 * (r fLh).val + 12 * (r fLw).val +
      13 * (r fLbu).val + 14 * (r fLhu).val + 15 * (r fSb).val + 16 * (r fSh).val +
      17 * (r fSw).val := by
  have s := flag_sum hg
  have e : opField r = ((10 * (r fLb).val + 11 * (r fLh).val + 12 * (r fLw).val +
      13 * (r fLbu).val + 14 * (r fLhu).val + 15 * (r fSb).val + 16 * (r fSh).val +
      17 * (r fSw).val : Nat) : BabyBear) := by
    unfold opField; push_natCast
  rw [e, Mem.val_cast (by omega)]

theorem real_val (hg : Groups r) (h : real r = 1) :
    (r fLb).val + (r fLh).val + (r fLw).val + (r fLbu).val + (r fLhu).val + (r fSb).val +
      (r fSh).val + (r fSw).val = 1 := by
  have s := flag_sum hg
  have e : real r = (((r fLb).val + (r fLh).val + (r fLw).val + (r fLbu).val + (r fLhu).val +
      (r fSb).val + (r fSh).val + (r fSw).val : Nat) : BabyBear) := by
    unfold real; push_natCast
  have := congrArg Field.BabyBear.val h
  rw [e, Mem.val_cast (by omega)] at this
  exact this

/-- On a real row one flag is set. -/
theorem flag_cases (hg : Groups r) (h : real r = 1) : (r fLb).val = 1 ∨ (r fLh).val = 1 ∨
    (r fLw).val = 1 ∨ (r fLbu).val = 1 ∨ (r fLhu).val = 1 ∨ (r fSb).val = 1 ∨ (r fSh).val = 1 ∨
    (r fSw).val = 1 := by
  have := real_val hg h
  omega

/-- **The op a real row receives**: its set flag and op field. -/
theorem op_cases (hg : Groups r) (hreal : real r = 1) :
    ((r fLb).val = 1 ∧ (opField r).val = 10) ∨ ((r fLh).val = 1 ∧ (opField r).val = 11) ∨
    ((r fLw).val = 1 ∧ (opField r).val = 12) ∨ ((r fLbu).val = 1 ∧ (opField r).val = 13) ∨
    ((r fLhu).val = 1 ∧ (opField r).val = 14) ∨ ((r fSb).val = 1 ∧ (opField r).val = 15) ∨
    ((r fSh).val = 1 ∧ (opField r).val = 16) ∨ ((r fSw).val = 1 ∧ (opField r).val = 17) := by
  have s := flag_sum hg
  have v := opField_val hg
  rcases flag_cases hg hreal with h | h | h | h | h | h | h | h
  · exact Or.inl ⟨h, by omega⟩
  · exact Or.inr <| Or.inl ⟨h, by omega⟩
  · exact Or.inr <| Or.inr <| Or.inl ⟨h, by omega⟩
  · exact Or.inr <| Or.inr <| Or.inr <| Or.inl ⟨h, by omega⟩
  · exact Or.inr <| Or.inr <| Or.inr <| Or.inr <| Or.inl ⟨h, by omega⟩
  · exact Or.inr <| Or.inr <| Or.inr <| Or.inr <| Or.inr <| Or.inl ⟨h, by omega⟩
  · exact Or.inr <| Or.inr <| Or.inr <| Or.inr <| Or.inr <| Or.inr <| Or.inl ⟨h, by omega⟩
  · exact Or.inr <| Or.inr <| Or.inr <| Or.inr <| Or.inr <| Or.inr <| Or.inr <| ⟨h, by omega⟩

end Mem

end Zkvm.Air.V2
