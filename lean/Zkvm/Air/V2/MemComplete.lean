module

public import Zkvm.Air.V2.MemCompleteLoad

/-!
# The MEM table: completeness of the loads

For every request of LB, LH, LBU or LHU the builder accepts (`Request.Ok`), the row of
`Request.row` meets every group and every lookup, carries the request's operands and old word,
and its c is the semantics' load of the old word at the lane `(a + imm) mod 4`
(`lb_complete`, `lh_complete`, `lbu_complete`, `lhu_complete`; LW: `lw_complete`).
-/

@[expose] public section

noncomputable section

namespace Zkvm.Air.V2.Mem

open Zkvm.Field Zkvm.RiscV Zkvm.Air.Table Col

namespace Request

variable {q : Request}

theorem lb_complete (hq : q.Ok) (hop : q.op = .lb) :
    Groups q.row ∧ Lookups q.row ∧ Inputs q.row ∧
      cWord q.row = loadValue .b q.old ((q.a + q.imm).toNat % 4) := by
  have hg := groups_of (common_groups hq) (lb_value hq hop)
  have hl := lookups_row hq
  have hi := inputs_row (q := q)
  have hf : q.row fLb = 1 := by rw [row_flag .lb fLb rfl, if_pos hop]
  refine ⟨hg, hl, hi, ?_⟩
  rw [(lb_sound hg hl hi hf).2.1, oldWord_row, addr_row]

theorem lh_complete (hq : q.Ok) (hop : q.op = .lh) :
    Groups q.row ∧ Lookups q.row ∧ Inputs q.row ∧
      cWord q.row = loadValue .h q.old ((q.a + q.imm).toNat % 4) := by
  have hg := groups_of (common_groups hq) (lh_value hq hop)
  have hl := lookups_row hq
  have hi := inputs_row (q := q)
  have hf : q.row fLh = 1 := by rw [row_flag .lh fLh rfl, if_pos hop]
  refine ⟨hg, hl, hi, ?_⟩
  rw [(lh_sound hg hl hi hf).2.1, oldWord_row, addr_row]

theorem lbu_complete (hq : q.Ok) (hop : q.op = .lbu) :
    Groups q.row ∧ Lookups q.row ∧ Inputs q.row ∧
      cWord q.row = loadValue .bu q.old ((q.a + q.imm).toNat % 4) := by
  have hg := groups_of (common_groups hq) (lbu_value hq hop)
  have hl := lookups_row hq
  have hi := inputs_row (q := q)
  have hf : q.row fLbu = 1 := by rw [row_flag .lbu fLbu rfl, if_pos hop]
  refine ⟨hg, hl, hi, ?_⟩
  rw [(lbu_sound hg hl hi hf).2.1, oldWord_row, addr_row]

theorem lhu_complete (hq : q.Ok) (hop : q.op = .lhu) :
    Groups q.row ∧ Lookups q.row ∧ Inputs q.row ∧
      cWord q.row = loadValue .hu q.old ((q.a + q.imm).toNat % 4) := by
  have hg := groups_of (common_groups hq) (lhu_value hq hop)
  have hl := lookups_row hq
  have hi := inputs_row (q := q)
  have hf : q.row fLhu = 1 := by rw [row_flag .lhu fLhu rfl, if_pos hop]
  refine ⟨hg, hl, hi, ?_⟩
  rw [(lhu_sound hg hl hi hf).2.1, oldWord_row, addr_row]

end Request

end Zkvm.Air.V2.Mem

end
