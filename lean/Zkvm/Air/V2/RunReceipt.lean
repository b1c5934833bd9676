module

public import Zkvm.Air.V2.RunKey

/-!
# The whole run from an accepted receipt with one segment

`run_of_receipt` composes the receipt verifier's facts (`StmtFacts.runFacts_of_segmentsAccept`,
RunStatementFacts.lean) with the whole run from a key `receipt::verifying_key` made
(`run_of_elf`, RunKey.lean). For a key `vk` made from an ELF (`hvk`), a receipt the receipt
verifier accepts (`receiptAccept H vk vkD bytes vr`) whose proof has exactly one segment
(`OneSegment bytes`: every reading of the bytes as a receipt has a proof of one segment), it
gives the receipt's statement `st` (`receiptStatement`) and then, for any witness of that segment —
its tables checked with the segment's public values `tablePub (oneSegPv st)` — the semantics'
run from the key's state on the receipt's input: it halts after `vr.cycles` steps with exit code
`vr.exit_code`, output `vr.output`, having consumed `vr.input_consumed` input bytes.

**The segment's public values.** The verifier hands every table of segment `s` the same
public values `pv` (`segmentPublicValues` of the statement's values and the headers' starts),
read as `tablePub pv` (`StmtFacts.tableOod_pub`). For one segment they are `oneSegPv st`: the
statement's 15 values, then the start pc (the entry, PV 0) and clk 0, the end pc and clk 0, 0,
and FINAL 1 (`oneSeg_pv`). The CPU trace (`Trace.Satisfies constraintFn`), the BOUNDARY table
(`Boundary.Sat`), the PRIVATE table (`Private.Sat`) and the SYSCALL rows (`Syscall.Groups`)
each take this function as their public values.

**Derived from the receipt and the key** (hypotheses of `run_of_elf` that are not hypotheses
here):
* `hair` (the key's program): `vkProgram vk`, an `Rv32imV2` program (`verifying_key_image`);
* `ProgramShape`, `KeyImage`: from `verifying_key` (inside `run_of_elf`);
* `hslots` (`ZeroSlots`): the BOUNDARY table's zero slots hold the key's zero intervals
  (`zeroSlots_of_runFacts`);
* `hpc0`, `hclk0`: the one segment starts at the key's entry and clk 0 (`SegmentFacts.first`);
* `hf`, `hpf`: FINAL is 1 for the CPU and PRIVATE tables (the one segment is the last,
  `SegmentFacts.final`);
* `hpub`: the SYSCALL rows' public input length is the receipt's input's (`hpub_of`, from the
  SYSCALL rows' `Groups` with the segment's public values);
* `hcons`, `hinlen`, `hout6`, `houtlen`: from the statement (`StatementFacts`);
* the conclusion's exit code (`StatementFacts.exit_eq`), cycle count
  (`StatementFacts.cycles_of`), input position (`StatementFacts.consumed_val`) and the statement's
  input and output being the receipt's (`input_eq`, `output_eq`).

**Remaining** (the witness, each as in `run_of_elf`): the tables `T` and the bus over them with
the statement's messages (`hB`), the FIXED rows (`hfxr`, `hprows`), fewer than 2^28 IO rows
(`hio`: the IO rows' word addresses and positions are derived from it, RunWitnessRange.lean), the
CPU trace's constraints and its `N` real rows (`hs`, `hNh`, `hN0`, `hN27`, `hreal`, `hpad`,
`hcT`), the BOUNDARY trace (`hbs`, `hbT`), the PRIVATE trace and its end row (`hps`, `hpT`, `hn`,
`hendn`, `hn24`), and the SYSCALL rows' constraints (`hsys`). That the committed traces are
these tables and that the bus holds over them is the protocol's knowledge soundness, not proved
here.
-/

@[expose] public section

noncomputable section

namespace Zkvm.Air.V2.Run

open Zkvm.Field Zkvm.RiscV Zkvm.Air.Table Zkvm.Air.Memory Zkvm.Air.V2.Cpu Zkvm.Air.V2.Cpu.Col
open Zkvm.Air.V2.Exec (Tables felt)
open Zkvm.Spec.Statement (pvExitLo pvExitHi pvCycles pvInputConsumed pvOutputLen)
open Zkvm.Spec.ReceiptVerifier (zeroIntervals receiptAccept receiptStatement ReceiptBytes)
open Zkvm.Spec.VerifyingKey (vkProgram)
open Zkvm.Air.V2.StmtFacts (tablePub)

/-- **The receipt's proof has exactly one segment**: every reading of `bytes` as a receipt
(`ReceiptBytes`) whose proof bytes encode segments `segs` has one segment. -/
def OneSegment (bytes : List UInt8) : Prop :=
  ∀ (exitCode : UInt32) (cycles : UInt64) (consumed : UInt32) (input output proof : List UInt8)
    (segs : List Zkvm.Extracted.protocol.proof.Proof),
    ReceiptBytes bytes exitCode cycles consumed input output proof →
    proof = Zkvm.Spec.ProofFormat.encSegments segs → segs.length = 1

/-- **The public values of a receipt's only segment**: the statement's 15, then the start pc
(the statement's PV 0, the entry) and clk 0, the end pc and clk (0, 0: no next segment) and
FINAL 1. -/
def oneSegPv (st : Zkvm.Spec.Statement) : List UInt32 :=
  st.publicValues.map Zkvm.Refinement.field.toU32 ++
    [(st.publicValues.map Zkvm.Refinement.field.toU32).getD Zkvm.Spec.Segments.pvEntry 0,
      0, 0, 0, 1]

/-- With one start, segment 0's public values are `oneSegPv st`. -/
theorem oneSeg_pv {st : Zkvm.Spec.Statement} {starts : List (List UInt32)}
    (hok : Zkvm.Spec.Segments.SegmentStartsOk
      (st.publicValues.map Zkvm.Refinement.field.toU32) starts)
    (h1 : starts.length = 1) {pv : List UInt32}
    (hpv : Zkvm.Spec.Segments.segmentPublicValues
      (st.publicValues.map Zkvm.Refinement.field.toU32) starts 0 = some pv) :
    pv = oneSegPv st := by
  obtain ⟨-, -, -, rfl⟩ := StmtFacts.segPv_cases hpv
  obtain ⟨-, hchain, -, -, -⟩ := hok.2.2 0 (by omega)
  rw [if_pos rfl] at hchain
  have h1' : 0 + 1 = starts.length := by omega
  rw [hchain.1, hchain.2]
  simp only [h1', if_true]
  rfl

/-- **The whole run from an accepted receipt with one segment.** For a key `vk` that
`receipt::verifying_key` made from `elf` and a receipt `bytes` the receipt verifier accepts with
run `vr`, whose proof has one segment: the receipt's statement `st` is `receiptStatement`'s, and
for any witness of the segment — tables `T` with the bus over them and the statement's messages,
the CPU, BOUNDARY, PRIVATE traces and SYSCALL rows satisfying their constraints with the segment's
public values `tablePub (oneSegPv st)`, and the remaining hypotheses of `run_of_elf` — the
semantics' run of `N` steps from the key's state on the receipt's input succeeds, with
`N = vr.cycles`, exit code `vr.exit_code`, output `vr.output`, input position
`vr.input_consumed` and private position the PRIVATE trace's end row. -/
theorem run_of_receipt {H : List UInt8 → Zkvm.Commit.Digest} {elf : List UInt8}
    {vk : Zkvm.Extracted.protocol.vk.VerifyingKey}
    (hvk : Zkvm.Extracted.receipt.verifying_key elf = .ok (.ok vk))
    {vkD : Zkvm.Commit.Digest} {bytes : List UInt8} {vr : Zkvm.Extracted.receipt.VerifiedRun}
    (hacc : receiptAccept H vk vkD bytes vr) (hone : OneSegment bytes) :
    ∃ st : Zkvm.Spec.Statement,
      receiptStatement vkD (vkProgram vk) vr.exit_code vr.cycles vr.input_consumed vr.input
        vr.output = .ok st ∧
      ∀ {T : Tables} {fx : List (Zkvm.Air.V2.Cpu.Fraction BabyBear)}
        (_hB : Exec.Bus T (Exec.stmtSent st.publicValues vr.input)
          (Exec.stmtRcvd st.publicValues vr.output) fx)
        {prows : List Spec.ProgramRow}
        (_hfxr : ∀ f ∈ fx,
          f.fields ∈ Exec.fixedFelts prows ((vkProgram vk).image.map Spec.specWord))
        (_hprows : ∀ r ∈ prows, ∃ p ∈ romCode ((vkProgram vk).image.map Spec.specWord),
          Spec.decodeRow p.1 p.2 = some r)
        (_hio : T.io.length < 2 ^ 28)
        {t : Trace BabyBear} (_hs : t.Satisfies constraintFn (tablePub (oneSegPv st)))
        {N : Nat} (_hNh : N ≤ t.height) (_hN0 : 0 < N) (_hN27 : N ≤ 2 ^ 27)
        (_hreal : ∀ n < N, t.row n isReal = 1) (_hpad : N = t.height ∨ t.row N isReal = 0)
        (_hcT : T.cpu = (List.range t.height).map t.row)
        {tb : Trace BabyBear} (_hbs : Boundary.Sat tb (tablePub (oneSegPv st)))
        (_hbT : T.bnd = (List.range tb.height).map tb.row)
        {tp : Trace BabyBear} (_hps : Private.Sat tp (tablePub (oneSegPv st)))
        (_hpT : T.priv = (List.range tp.height).map tp.row)
        {n : Nat} (_hn : n < tp.height) (_hendn : tp.row n Private.Col.endRow = 1)
        (_hn24 : n + 2 ^ 24 ≤ 2 ^ 30)
        (_hsys : ∀ rs ∈ T.sys, Syscall.Groups rs (tablePub (oneSegPv st))),
        ∃ s, run N (keyState (vkProgram vk).entry ((vkProgram vk).image.map Spec.specWord)
            (romCode ((vkProgram vk).image.map Spec.specWord))
            (keyLayout ((vkProgram vk).image.map Spec.specWord) (zeroIntervals (vkProgram vk)))
            (vr.input.map UInt8.toBitVec) (privOf tp n)) = .ok s ∧
          s.exitCode = some vr.exit_code.toBitVec ∧ N = vr.cycles.toNat ∧
          s.output = vr.output.map UInt8.toBitVec ∧ s.inputPos = vr.input_consumed.toNat ∧
          s.privatePos = n := by
  obtain ⟨prog, hair, hshape, -⟩ := Zkvm.Refinement.receipt.verifying_key_image hvk
  have hprog : vkProgram vk = prog := by
    unfold vkProgram; rw [hair]
  subst hprog
  obtain ⟨exitCode, cycles, consumed, input, output, proof, st, segs, hdrs, views, hbytes, hst,
    hproof, -, ⟨hhl, -, -⟩, hsa, rfl⟩ := hacc
  have R := StmtFacts.runFacts_of_segmentsAccept hst hsa
  have hsegs := hone _ _ _ _ _ _ _ hbytes hproof
  have hlen : (hdrs.map (·.values)).length = 1 := by rw [List.length_map]; omega
  obtain ⟨pv, hpv⟩ := R.segPv 0 (by omega)
  have hpvEq := oneSeg_pv R.startsOk hlen hpv
  subst hpvEq
  have G := R.seg 0 _ hpv
  have F := R.stmt
  refine ⟨st, hst, ?_⟩
  intro T fx hB prows hfxr hprows hio t hs N hNh hN0 hN27 hreal hpad hcT tb hbs hbT tp hps
    hpT n hn hendn hn24 hsys
  have hslots := zeroSlots_of_runFacts hshape R hpv
  have hf : tablePub (oneSegPv st) Cpu.Pv.final = 1 := by
    rw [G.final, if_pos (show 0 + 1 = (hdrs.map (·.values)).length by omega)]
  have hpub := StmtFacts.hpub_of (prog := vkProgram vk) (st := st)
    (starts := hdrs.map (·.values)) (rows := T.sys)
    (fun rs hrs => ⟨0, oneSegPv st, G, hsys rs hrs⟩)
  have hB' : Exec.Bus T (Exec.stmtSent st.publicValues input)
      (Exec.stmtRcvd st.publicValues output) fx := hB
  obtain ⟨s, hrun, hexit, hcyc, hout, hin, hpriv⟩ :=
    run_of_elf hvk hair hB' hfxr hprows hio hs (G.first rfl).2 hf hNh hN0 hN27
      hreal hpad hcT (G.first rfl).1 hbs hbT hslots hps hf hpT hn hendn hn24 hpub
      F.hcons F.hinlen F.hout6 F.houtlen
  refine ⟨s, hrun, ?_, F.cycles_of hcyc (by omega), hout, ?_, hpriv⟩
  · rw [hexit, F.exit_eq]
  · rw [hin, F.consumed_val]

end Zkvm.Air.V2.Run

end
