module

public import Zkvm.Air.V2.RunInstance
public import Zkvm.Air.V2.RunIoRange
public import Zkvm.Air.V2.RunSegsRange

/-!
# The whole run with the IO rows' word addresses derived

`run_of_witness` (RunInstance.lean) takes `hrange`: every real IO row has wa < 2^28 and its
first moved byte's position below 2^30 (`Io.firstPos`). This file derives both from what
`run_of_witness` already has, plus fewer than 2^28 IO rows (the IO table has at most 2^20 rows,
io.rs `MAX_LOG_HEIGHT`):

* `run_of_witness'`, `run_of_traces'`: the run theorems with `hrange` replaced by `hio` alone,
  through `run_of_witness_facts'` (RunSegsRange.lean), which derives every IO row's word address
  from the memory bus (`io_wa_of_bus`, with causality and times from `causal_of_bus'` and
  `hts_of_witness'`, neither using IO ranges) and its first position:
  a write to fd 2's from its chain, which starts at 0 (`fd2_firstPos`, RunIoFd2.lean), every other
  row's from its INPUT, OUTPUT or PRIV message (`hpos_of_facts`, RunIoPos.lean). No range of the IO
  rows' positions is assumed.
-/

@[expose] public section

noncomputable section

namespace Zkvm.Air.V2.Run

open Zkvm.Field Zkvm.RiscV Zkvm.Air.Table Zkvm.Air.Memory Zkvm.Air.V2.Cpu Zkvm.Air.V2.Cpu.Col
open Zkvm.Air.V2.Exec (Tables)
open Zkvm.Spec.Statement (pvExitLo pvExitHi pvCycles pvInputConsumed pvOutputLen)

/-- **The whole run, instantiated, with the IO rows' word addresses derived**: `run_of_witness`
with `hrange` replaced by fewer than 2^28 IO rows (`hio`), an instance of `run_of_witness_facts'`. -/
theorem run_of_witness' {T : Tables} {pv : List BabyBear} {input output : List UInt8}
    {fx : List (Zkvm.Air.V2.Cpu.Fraction BabyBear)}
    (hB : Exec.Bus T (Exec.stmtSent pv input) (Exec.stmtRcvd pv output) fx)
    {prows : List Spec.ProgramRow} {image : List Spec.ImageWord} {code : List (UInt32 × UInt32)}
    (hfxr : ∀ f ∈ fx, f.fields ∈ Exec.fixedFelts prows image)
    (hprows : ∀ r ∈ prows, ∃ p ∈ code, Spec.decodeRow p.1 p.2 = some r)
    (hxb : ∀ r ∈ T.cpu, r Cpu.Col.fExec = 0 ∨ r Cpu.Col.fExec = 1)
    (hio : T.io.length < 2 ^ 28)
    {wins : Nat → Window BabyBear} {N : Nat} (hrr : RunRows T wins N)
    (hcpuAcc : (T.cpu.flatMap cpuAccesses).Perm
      (((List.range N).map fun m => (wins m).cur).flatMap cpuAccesses))
    (hN27 : N ≤ 2 ^ 27)
    {tb : Trace BabyBear} {pb : Nat → BabyBear} (hbs : Boundary.Sat tb pb)
    (hbT : T.bnd = (List.range tb.height).map tb.row)
    (hIB : ImageBounds image pb) (hOne : OneCellPerWord image pb) {L : Layout}
    (hA : ImageAllowed L image pb)
    {tp : Trace BabyBear} {pp : Nat → BabyBear} (hps : Private.Sat tp pp)
    (hpf : pp Private.pvFinal = 1) (hpT : T.priv = (List.range tp.height).map tp.row)
    {n : Nat} (hn : n < tp.height) (hendn : tp.row n Private.Col.endRow = 1)
    (hn24 : n + 2 ^ 24 ≤ 2 ^ 30)
    (hcode : ∀ p ∈ code, p.1.toNat < 2 ^ 30) (hcode4 : ∀ p ∈ code, p.1.toNat % 4 = 0)
    (hho : HaltOnly T wins N)
    (hpub : ∀ rs ∈ T.sys, ∃ pub : Row BabyBear, Syscall.Groups rs pub ∧
      pub Syscall.pvInputLen = ((input.length : Nat) : BabyBear))
    (hcons : (pv.getD pvInputConsumed 0).val ≤ input.length) (hinlen : input.length < 2 ^ 30)
    (hout6 : (pv.getD pvOutputLen 0).val = output.length)
    (houtlen : output.length ≤ maxOutputLen)
    {init : Cell → Val}
    (hinit : ∀ b ∈ witnessBnd T (pv.getD pvInputConsumed 0) (pv.getD pvOutputLen 0)
      (4 * pv.getD pvCycles 0).val (tp.row n), init b.cell = b.init)
    {s₀ : State}
    (h0 : Inv wins (witnessAccs ((List.range N).map fun m => (wins m).cur) T.mem T.sys T.io) init
      (witnessBnd T (pv.getD pvInputConsumed 0) (pv.getD pvOutputLen 0)
        (4 * pv.getD pvCycles 0).val (tp.row n)) code L 0 s₀)
    (ho0 : OutInv (witnessAccs ((List.range N).map fun m => (wins m).cur) T.mem T.sys T.io)
      init (output.map Exec.byteFelt) 0 s₀)
    (hi0 : InInv (witnessAccs ((List.range N).map fun m => (wins m).cur) T.mem T.sys T.io) init
      (input.map UInt8.toBitVec) (pv.getD pvInputConsumed 0).val 0 s₀)
    (hp0 : PrivInv (witnessAccs ((List.range N).map fun m => (wins m).cur) T.mem T.sys T.io) init
      (privOf tp n) n 0 s₀) :
    ∃ s, run N s₀ = .ok s ∧
      s.exitCode = some (WordLimbs.ofFelts (pv.getD pvExitLo 0) (pv.getD pvExitHi 0)) ∧
      pv.getD pvCycles 0 = ((N : Nat) : BabyBear) ∧ s.output = output.map UInt8.toBitVec ∧
      s.inputPos = (pv.getD pvInputConsumed 0).val ∧ s.privatePos = n := by
  exact run_of_witness_facts' hB hfxr hprows hxb hio hrr hcpuAcc hN27 hbs hbT hIB hOne hA hps hpf
    hpT hn hendn hn24 hcode hcode4 hho hpub hcons hinlen hout6 houtlen hinit h0 ho0 hi0 hp0

/-- **The whole run from one segment's traces, with the IO rows' word addresses derived**:
`run_of_traces` with `hrange` replaced by `hio`. -/
theorem run_of_traces' {T : Tables} {pv : List BabyBear} {input output : List UInt8}
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
    {tb : Trace BabyBear} {pb : Nat → BabyBear} (hbs : Boundary.Sat tb pb)
    (hbT : T.bnd = (List.range tb.height).map tb.row)
    (hIB : ImageBounds image pb) (hOne : OneCellPerWord image pb) {L : Layout}
    (hA : ImageAllowed L image pb)
    {tp : Trace BabyBear} {pp : Nat → BabyBear} (hps : Private.Sat tp pp)
    (hpf : pp Private.pvFinal = 1) (hpT : T.priv = (List.range tp.height).map tp.row)
    {n : Nat} (hn : n < tp.height) (hendn : tp.row n Private.Col.endRow = 1)
    (hn24 : n + 2 ^ 24 ≤ 2 ^ 30)
    (hcode : ∀ p ∈ code, p.1.toNat < 2 ^ 30) (hcode4 : ∀ p ∈ code, p.1.toNat % 4 = 0)
    (hpub : ∀ rs ∈ T.sys, ∃ pub : Row BabyBear, Syscall.Groups rs pub ∧
      pub Syscall.pvInputLen = ((input.length : Nat) : BabyBear))
    (hcons : (pv.getD pvInputConsumed 0).val ≤ input.length) (hinlen : input.length < 2 ^ 30)
    (hout6 : (pv.getD pvOutputLen 0).val = output.length)
    (houtlen : output.length ≤ maxOutputLen)
    {s₀ : State}
    (h0 : Inv (t.window pub) (witnessAccs ((List.range N).map fun m => (t.window pub m).cur) T.mem
      T.sys T.io) (bndInit (witnessBnd T (pv.getD pvInputConsumed 0) (pv.getD pvOutputLen 0)
        (4 * pv.getD pvCycles 0).val (tp.row n))) (witnessBnd T (pv.getD pvInputConsumed 0) (pv.getD pvOutputLen 0)
        (4 * pv.getD pvCycles 0).val (tp.row n)) code L 0 s₀)
    (ho0 : OutInv (witnessAccs ((List.range N).map fun m => (t.window pub m).cur)
      T.mem T.sys T.io) (bndInit (witnessBnd T (pv.getD pvInputConsumed 0) (pv.getD pvOutputLen 0)
        (4 * pv.getD pvCycles 0).val (tp.row n))) (output.map Exec.byteFelt) 0 s₀)
    (hi0 : InInv (witnessAccs ((List.range N).map fun m => (t.window pub m).cur) T.mem T.sys T.io)
      (bndInit (witnessBnd T (pv.getD pvInputConsumed 0) (pv.getD pvOutputLen 0)
        (4 * pv.getD pvCycles 0).val (tp.row n))) (input.map UInt8.toBitVec) (pv.getD pvInputConsumed 0).val 0 s₀)
    (hp0 : PrivInv (witnessAccs ((List.range N).map fun m => (t.window pub m).cur) T.mem T.sys
      T.io) (bndInit (witnessBnd T (pv.getD pvInputConsumed 0) (pv.getD pvOutputLen 0)
        (4 * pv.getD pvCycles 0).val (tp.row n))) (privOf tp n) n 0 s₀) :
    ∃ s, run N s₀ = .ok s ∧
      s.exitCode = some (WordLimbs.ofFelts (pv.getD pvExitLo 0) (pv.getD pvExitHi 0)) ∧
      pv.getD pvCycles 0 = ((N : Nat) : BabyBear) ∧ s.output = output.map UInt8.toBitVec ∧
      s.inputPos = (pv.getD pvInputConsumed 0).val ∧ s.privatePos = n :=
  run_of_witness' hB hfxr hprows
    (fun r hr => (cpu_bits_of_trace hs hcT r hr).2.2) hio
    (runRows_of_trace hs hclk0 hf hNh hN0 (by omega) hreal hpad hcT)
    (cpuAcc_of_trace hs hNh (fun i hi hih => by
      rcases hpad with h | h
      · omega
      · exact padding_of_le hs hi hih h) hcT)
    hN27 hbs hbT hIB hOne hA hps hpf hpT hn hendn hn24 hcode hcode4
    (haltOnly_of_trace hs hf hNh hreal hpad hcT) hpub hcons hinlen hout6 houtlen
    (bndInit_spec (witnessBnd_of_bus hB hbs hbT (stmt_no_img pv input output) hfxr hIB hOne hA
      _ _ _ _).1)
    h0 ho0 hi0 hp0

end Zkvm.Air.V2.Run

end
