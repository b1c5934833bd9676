module

public import Zkvm.Air.V2.MulCompleteLookups
public import Zkvm.Air.V2.MulShiftRight

/-!
# The MUL table: completeness of MUL, MULH, MULHSU, MULHU, SLL, SRL, SRA (and SLLI, SRLI, SRAI)

For every request of an op of the table (the immediate form only for shifts, as
`MulTable::handles` demands), the row the builder makes (`Request.row`) satisfies every group
(`groups_row`), its lookups hold (`lookups_row`), its operands are well-formed (`inputs_row`),
and its c is the semantics' result on a and b (multiplications) or a and y (shifts): the
soundness theorems applied to the builder's row, whose words are the request's.
-/

@[expose] public section

namespace Zkvm.Air.V2.Mul

open Zkvm.Field Zkvm.RiscV Zkvm.Air.Table Col Request

variable (q : Request)

/-- **MUL**. -/
theorem mul_complete (himm : q.useImm = true → q.op.isShift = true) (hop : q.op = .mul) :
    Groups q.row ∧ Lookups q.row ∧ Inputs q.row ∧ cWord q.row = MulOp.mul.eval q.a q.b := by
  have hg := groups_row q himm
  have hl := lookups_row q
  have f : q.row fMul = 1 := by
    show ((q.flag .mul : Nat) : BabyBear) = 1
    unfold Request.flag; rw [if_pos hop]; rfl
  obtain ⟨e, _, _⟩ := mul_sound hg hl f
  refine ⟨hg, hl, inputs_row q, ?_⟩
  rw [e, aWord_row, bWord_row]

/-- **MULH**. -/
theorem mulh_complete (himm : q.useImm = true → q.op.isShift = true) (hop : q.op = .mulh) :
    Groups q.row ∧ Lookups q.row ∧ Inputs q.row ∧ cWord q.row = MulOp.mulh.eval q.a q.b := by
  have hg := groups_row q himm
  have hl := lookups_row q
  have f : q.row fMulh = 1 := by
    show ((q.flag .mulh : Nat) : BabyBear) = 1
    unfold Request.flag; rw [if_pos hop]; rfl
  obtain ⟨e, _, _⟩ := mulh_sound hg hl (inputs_row q) f
  refine ⟨hg, hl, inputs_row q, ?_⟩
  rw [e, aWord_row, bWord_row]

/-- **MULHSU**. -/
theorem mulhsu_complete (himm : q.useImm = true → q.op.isShift = true) (hop : q.op = .mulhsu) :
    Groups q.row ∧ Lookups q.row ∧ Inputs q.row ∧ cWord q.row = MulOp.mulhsu.eval q.a q.b := by
  have hg := groups_row q himm
  have hl := lookups_row q
  have f : q.row fMulhsu = 1 := by
    show ((q.flag .mulhsu : Nat) : BabyBear) = 1
    unfold Request.flag; rw [if_pos hop]; rfl
  obtain ⟨e, _, _⟩ := mulhsu_sound hg hl (inputs_row q) f
  refine ⟨hg, hl, inputs_row q, ?_⟩
  rw [e, aWord_row, bWord_row]

/-- **MULHU**. -/
theorem mulhu_complete (himm : q.useImm = true → q.op.isShift = true) (hop : q.op = .mulhu) :
    Groups q.row ∧ Lookups q.row ∧ Inputs q.row ∧ cWord q.row = MulOp.mulhu.eval q.a q.b := by
  have hg := groups_row q himm
  have hl := lookups_row q
  have f : q.row fMulhu = 1 := by
    show ((q.flag .mulhu : Nat) : BabyBear) = 1
    unfold Request.flag; rw [if_pos hop]; rfl
  obtain ⟨e, _, _⟩ := mulhu_sound hg hl f
  refine ⟨hg, hl, inputs_row q, ?_⟩
  rw [e, aWord_row, bWord_row]

/-- **SLL, SLLI**. -/
theorem sll_complete (himm : q.useImm = true → q.op.isShift = true) (hop : q.op = .sll) :
    Groups q.row ∧ Lookups q.row ∧ Inputs q.row ∧ cWord q.row = AluOp.sll.eval q.a q.y := by
  have hg := groups_row q himm
  have hl := lookups_row q
  have f : q.row fSll = 1 := by
    show ((q.flag .sll : Nat) : BabyBear) = 1
    unfold Request.flag; rw [if_pos hop]; rfl
  obtain ⟨e, _, _⟩ := sll_sound hg hl f
  refine ⟨hg, hl, inputs_row q, ?_⟩
  rw [e, aWord_row, yWord_row]

/-- **SRL, SRLI**. -/
theorem srl_complete (himm : q.useImm = true → q.op.isShift = true) (hop : q.op = .srl) :
    Groups q.row ∧ Lookups q.row ∧ Inputs q.row ∧ cWord q.row = AluOp.srl.eval q.a q.y := by
  have hg := groups_row q himm
  have hl := lookups_row q
  have f : q.row fSrl = 1 := by
    show ((q.flag .srl : Nat) : BabyBear) = 1
    unfold Request.flag; rw [if_pos hop]; rfl
  obtain ⟨e, _, _⟩ := srl_sound hg hl f
  refine ⟨hg, hl, inputs_row q, ?_⟩
  rw [e, aWord_row, yWord_row]

/-- **SRA, SRAI**. -/
theorem sra_complete (himm : q.useImm = true → q.op.isShift = true) (hop : q.op = .sra) :
    Groups q.row ∧ Lookups q.row ∧ Inputs q.row ∧ cWord q.row = AluOp.sra.eval q.a q.y := by
  have hg := groups_row q himm
  have hl := lookups_row q
  have f : q.row fSra = 1 := by
    show ((q.flag .sra : Nat) : BabyBear) = 1
    unfold Request.flag; rw [if_pos hop]; rfl
  obtain ⟨e, _, _⟩ := sra_sound hg hl (inputs_row q) f
  refine ⟨hg, hl, inputs_row q, ?_⟩
  rw [e, aWord_row, yWord_row]

end Zkvm.Air.V2.Mul
