module

public import Zkvm.Air.V2.DivCompleteLookups
public import Zkvm.Air.V2.DivUnsignedSound
public import Zkvm.Air.V2.DivSignedSound

/-!
# The DIV table: completeness of DIV, DIVU, REM, REMU

For every request of an op of the table and every pair of operands (division by zero and the
signed overflow −2^31 / −1 included), the builder's checks pass (`checks_ok`: it makes the
row), the row it makes (`Request.row`) satisfies every group (`groups_row`), its lookups hold
(`lookups_row`), its operands are well-formed (`inputs_row`), and its c, which is also the
result the builder returns, is the semantics' result on a and b: the soundness theorems applied
to the builder's row, whose words are the request's.
-/

@[expose] public section

namespace Zkvm.Air.V2.Div

open Zkvm.Field Zkvm.RiscV Zkvm.Air Zkvm.Air.Table Col Request

variable (t : Request)

/-- **DIVU**. -/
theorem divu_complete (hop : t.op = .divu) :
    t.checks ∧ Groups t.row ∧ Lookups t.row ∧ Inputs t.row ∧
      cWord t.row = MulOp.divu.eval t.a t.b ∧ t.c = MulOp.divu.eval t.a t.b := by
  have hg := t.groups_row
  have hl := t.lookups_row
  have f : t.row fDivu = 1 := by
    rw [row_fDivu]; unfold Request.flag; rw [if_pos hop]; rfl
  obtain ⟨e, _, _⟩ := divu_sound hg hl t.inputs_row f
  rw [aWord_row, bWord_row] at e
  exact ⟨t.checks_ok, hg, hl, t.inputs_row, e, by rw [← cWord_row]; exact e⟩

/-- **REMU**. -/
theorem remu_complete (hop : t.op = .remu) :
    t.checks ∧ Groups t.row ∧ Lookups t.row ∧ Inputs t.row ∧
      cWord t.row = MulOp.remu.eval t.a t.b ∧ t.c = MulOp.remu.eval t.a t.b := by
  have hg := t.groups_row
  have hl := t.lookups_row
  have f : t.row fRemu = 1 := by
    rw [row_fRemu]; unfold Request.flag; rw [if_pos hop]; rfl
  obtain ⟨e, _, _⟩ := remu_sound hg hl t.inputs_row f
  rw [aWord_row, bWord_row] at e
  exact ⟨t.checks_ok, hg, hl, t.inputs_row, e, by rw [← cWord_row]; exact e⟩

/-- **DIV**. -/
theorem div_complete (hop : t.op = .div) :
    t.checks ∧ Groups t.row ∧ Lookups t.row ∧ Inputs t.row ∧
      cWord t.row = MulOp.div.eval t.a t.b ∧ t.c = MulOp.div.eval t.a t.b := by
  have hg := t.groups_row
  have hl := t.lookups_row
  have f : t.row fDiv = 1 := by
    rw [row_fDiv]; unfold Request.flag; rw [if_pos hop]; rfl
  obtain ⟨e, _, _⟩ := div_sound hg hl t.inputs_row f
  rw [aWord_row, bWord_row] at e
  exact ⟨t.checks_ok, hg, hl, t.inputs_row, e, by rw [← cWord_row]; exact e⟩

/-- **REM**. -/
theorem rem_complete (hop : t.op = .rem) :
    t.checks ∧ Groups t.row ∧ Lookups t.row ∧ Inputs t.row ∧
      cWord t.row = MulOp.rem.eval t.a t.b ∧ t.c = MulOp.rem.eval t.a t.b := by
  have hg := t.groups_row
  have hl := t.lookups_row
  have f : t.row fRem = 1 := by
    rw [row_fRem]; unfold Request.flag; rw [if_pos hop]; rfl
  obtain ⟨e, _, _⟩ := rem_sound hg hl t.inputs_row f
  rw [aWord_row, bWord_row] at e
  exact ⟨t.checks_ok, hg, hl, t.inputs_row, e, by rw [← cWord_row]; exact e⟩

end Zkvm.Air.V2.Div
