module

public import Zkvm.Air.V2.RunInit
public import Zkvm.Air.V2.RunWitnessRange

/-!
# The run from the key's state, with the IO rows' word addresses derived

`run_of_traces_init` and `run_of_traces_rom` (RunInit.lean) with `hrange` replaced by fewer than
2^28 IO rows (`hio`) alone, through `run_of_witness'` (RunWitnessRange.lean), which derives
wa < 2^28 from the memory bus and every IO row's first position from the chain and the byte
messages.
-/

@[expose] public section

noncomputable section

namespace Zkvm.Air.V2.Run

open Zkvm.Field Zkvm.RiscV Zkvm.Air.Table Zkvm.Air.Memory Zkvm.Air.V2.Cpu Zkvm.Air.V2.Cpu.Col
open Zkvm.Air.V2.Exec (Tables felt)
open Zkvm.Air.ByteMemory (wordAt)
open Zkvm.Spec.Statement (pvExitLo pvExitHi pvCycles pvInputConsumed pvOutputLen)

/-- **The whole run from the key's state, with the IO rows' word addresses derived**:
`run_of_traces_init` with `hrange` replaced by `hio`. -/
theorem run_of_traces_init' {T : Tables} {pv : List BabyBear} {input output : List UInt8}
    {fx : List (Zkvm.Air.V2.Cpu.Fraction BabyBear)}
    (hB : Exec.Bus T (Exec.stmtSent pv input) (Exec.stmtRcvd pv output) fx)
    {prows : List Spec.ProgramRow} {image : List Spec.ImageWord} {code : List (UInt32 × UInt32)}
    (hfxr : ∀ f ∈ fx, f.fields ∈ Exec.fixedFelts prows image)
    (hprows : ∀ r ∈ prows, ∃ p ∈ code, Spec.decodeRow p.1 p.2 = some r)
    (hio : T.io.length < 2 ^ 28)
    {t : Trace BabyBear} {pub : Nat → BabyBear} (hs : t.Satisfies constraintFn pub)
    (hclk0 : pub Pv.clk0 = 0) (hf : pub Pv.final = 1) {N : Nat} (hNh : N ≤ t.height)
    (hN0 : 0 < N) (hN27 : N ≤ 2 ^ 27) (hreal : ∀ n < N, t.row n isReal = 1)
    (hpad : N = t.height ∨ t.row N isReal = 0) (hcT : T.cpu = (List.range t.height).map t.row)
    {entry : UInt32} (hpc0 : pub Pv.pc0 = felt entry) (hentry : entry.toNat < 2 ^ 30)
    {tb : Trace BabyBear} {pb : Nat → BabyBear} (hbs : Boundary.Sat tb pb)
    (hbT : T.bnd = (List.range tb.height).map tb.row)
    (hIB : ImageBounds image pb) (hOne : OneCellPerWord image pb) {L : Layout}
    (hA : ImageAllowed L image pb) (hK : ImageFacts image pb)
    {tp : Trace BabyBear} {pp : Nat → BabyBear} (hps : Private.Sat tp pp)
    (hpf : pp Private.pvFinal = 1) (hpT : T.priv = (List.range tp.height).map tp.row)
    {n : Nat} (hn : n < tp.height) (hendn : tp.row n Private.Col.endRow = 1)
    (hn24 : n + 2 ^ 24 ≤ 2 ^ 30)
    (hcode : ∀ p ∈ code, p.1.toNat < 2 ^ 30) (hcode4 : ∀ p ∈ code, p.1.toNat % 4 = 0)
    (hcf : CodeFun code)
    (hpub : ∀ rs ∈ T.sys, ∃ pub : Row BabyBear, Syscall.Groups rs pub ∧
      pub Syscall.pvInputLen = ((input.length : Nat) : BabyBear))
    (hcons : (pv.getD pvInputConsumed 0).val ≤ input.length) (hinlen : input.length < 2 ^ 30)
    (hout6 : (pv.getD pvOutputLen 0).val = output.length)
    (houtlen : output.length ≤ maxOutputLen) :
    ∃ s, run N (keyState entry image code L (input.map UInt8.toBitVec) (privOf tp n)) = .ok s ∧
      s.exitCode = some (WordLimbs.ofFelts (pv.getD pvExitLo 0) (pv.getD pvExitHi 0)) ∧
      pv.getD pvCycles 0 = ((N : Nat) : BabyBear) ∧ s.output = output.map UInt8.toBitVec ∧
      s.inputPos = (pv.getD pvInputConsumed 0).val ∧ s.privatePos = n := by
  have hL := bndLooks_of_bus hB hbs hbT (stmt_no_img pv input output) hfxr
  have h30 := (witnessBnd_of_bus hB hbs hbT (stmt_no_img pv input output) hfxr hIB hOne hA
    (pv.getD pvInputConsumed 0) (pv.getD pvOutputLen 0) (4 * pv.getD pvCycles 0).val
    (tp.row n)).2.2.2.1
  have hts : ∀ a ∈ witnessAccs ((List.range N).map fun m => (t.window pub m).cur) T.mem T.sys
      T.io, a.ts ≠ 0 := fun a ha => witnessAccs_ts_pos ha
  exact run_of_witness' hB hfxr hprows
    (fun r hr => (cpu_bits_of_trace hs hcT r hr).2.2) hio
    (runRows_of_trace hs hclk0 hf hNh hN0 (by omega) hreal hpad hcT)
    (cpuAcc_of_trace hs hNh (fun i hi hih => by
      rcases hpad with h | h
      · omega
      · exact padding_of_le hs hi hih h) hcT)
    hN27 hbs hbT hIB hOne hA hps hpf hpT hn hendn hn24 hcode hcode4
    (haltOnly_of_trace hs hf hNh hreal hpad hcT) hpub hcons hinlen hout6 houtlen
    (keyInit_bnd hbs hbT hL hIB hOne hK _ _ _ _)
    (inv_keyState hK hcf (pc0_entry hs (by omega) hpc0 hentry) hts h30)
    (outInv_keyState hts _) (inInv_keyState hts _) (privInv_keyState hts _)

/-! ## The code words the ROM image words are -/

/-- **The whole run from the key's state, its code the ROM image words, with the IO rows' word
addresses derived**: `run_of_traces_rom` with `hrange` replaced by `hio`. -/
theorem run_of_traces_rom' {T : Tables} {pv : List BabyBear} {input output : List UInt8}
    {fx : List (Zkvm.Air.V2.Cpu.Fraction BabyBear)}
    (hB : Exec.Bus T (Exec.stmtSent pv input) (Exec.stmtRcvd pv output) fx)
    {prows : List Spec.ProgramRow} {image : List Spec.ImageWord}
    (hfxr : ∀ f ∈ fx, f.fields ∈ Exec.fixedFelts prows image)
    (hprows : ∀ r ∈ prows, ∃ p ∈ romCode image, Spec.decodeRow p.1 p.2 = some r)
    (hio : T.io.length < 2 ^ 28)
    {t : Trace BabyBear} {pub : Nat → BabyBear} (hs : t.Satisfies constraintFn pub)
    (hclk0 : pub Pv.clk0 = 0) (hf : pub Pv.final = 1) {N : Nat} (hNh : N ≤ t.height)
    (hN0 : 0 < N) (hN27 : N ≤ 2 ^ 27) (hreal : ∀ n < N, t.row n isReal = 1)
    (hpad : N = t.height ∨ t.row N isReal = 0) (hcT : T.cpu = (List.range t.height).map t.row)
    {entry : UInt32} (hpc0 : pub Pv.pc0 = felt entry) (hentry : entry.toNat < 2 ^ 30)
    {tb : Trace BabyBear} {pb : Nat → BabyBear} (hbs : Boundary.Sat tb pb)
    (hbT : T.bnd = (List.range tb.height).map tb.row)
    (hIB : ImageBounds image pb) (hOne : OneCellPerWord image pb) {L : Layout}
    (hA : ImageAllowed L image pb) (hK : ImageFacts image pb)
    {tp : Trace BabyBear} {pp : Nat → BabyBear} (hps : Private.Sat tp pp)
    (hpf : pp Private.pvFinal = 1) (hpT : T.priv = (List.range tp.height).map tp.row)
    {n : Nat} (hn : n < tp.height) (hendn : tp.row n Private.Col.endRow = 1)
    (hn24 : n + 2 ^ 24 ≤ 2 ^ 30)
    (hpub : ∀ rs ∈ T.sys, ∃ pub : Row BabyBear, Syscall.Groups rs pub ∧
      pub Syscall.pvInputLen = ((input.length : Nat) : BabyBear))
    (hcons : (pv.getD pvInputConsumed 0).val ≤ input.length) (hinlen : input.length < 2 ^ 30)
    (hout6 : (pv.getD pvOutputLen 0).val = output.length)
    (houtlen : output.length ≤ maxOutputLen) :
    ∃ s, run N (keyState entry image (romCode image) L (input.map UInt8.toBitVec)
        (privOf tp n)) = .ok s ∧
      s.exitCode = some (WordLimbs.ofFelts (pv.getD pvExitLo 0) (pv.getD pvExitHi 0)) ∧
      pv.getD pvCycles 0 = ((N : Nat) : BabyBear) ∧ s.output = output.map UInt8.toBitVec ∧
      s.inputPos = (pv.getD pvInputConsumed 0).val ∧ s.privatePos = n :=
  have hrc := romCode_facts hIB hK
  run_of_traces_init' hB hfxr hprows hio hs hclk0 hf hNh hN0 hN27 hreal hpad hcT hpc0 hentry
    hbs hbT hIB hOne hA hK hps hpf hpT hn hendn hn24 hrc.1 hrc.2.1 hrc.2.2 hpub hcons hinlen
    hout6 houtlen

end Zkvm.Air.V2.Run

end
