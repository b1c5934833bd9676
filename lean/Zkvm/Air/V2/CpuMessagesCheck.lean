module

public import Zkvm.Air.V2.CpuMessages
public import Zkvm.Air.V2.CpuExtractedCheck

/-!
# The CPU table: the extracted `messages` against the named fractions, at one point

Not a proof: a kernel-evaluated check that, on one row of 37 extension elements with unrelated
coefficients, the extracted `messages` (the verifier's code) returns exactly `messages` of
CpuMessages (every multiplicity and field of the 16 fractions, in order). Fields are linear
and multiplicities of degree at most 1 in the columns, so two different ones agree at such a
point only by accident.
-/

@[expose] public section

noncomputable section

namespace Zkvm.Air.V2.Cpu.Check

open Zkvm.Extraction Zkvm.Extracted Zkvm.Field Zkvm.Refinement.field.extension Zkvm.Air.Table

set_option maxRecDepth 20000 in
theorem messages_eq_at_w0 :
    air.rv32im.cpu.messages (loc 37 w0.cur) [] = .ok ((messages w0.cur).map toExt) := by
  decide +kernel

end Zkvm.Air.V2.Cpu.Check
