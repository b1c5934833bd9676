module

public import Zkvm.Air.V2.RunSegsRange
public import Zkvm.Air.V2.RunPrivateEnd
public import Zkvm.Air.V2.RunKey

/-!
# The whole run from the key's state, for any number of segments

`run_of_segments` (RunSegsRange.lean) concludes the whole run for segments `pre ++ [last]`
from any state `s₀` meeting the four row-0 invariants stated at the last segment's witness
boundary rows' initial values (`bndInit`). This file discharges those invariants for the state
the key describes (`keyState`, RunInit.lean), as `run_of_traces_init` does for one segment:

* `run_of_segments_init`: the run from `keyState entry image code L input (privOf tp n)`. It goes
  through `run_of_segments_from` (RunSegsRange.lean) with the initial values
  `init := keyInit image`, which agree with every witness boundary row of the last segment
  (`keyInit_bnd`, from the last segment's BOUNDARY trace and its lookups); the four invariants at row 0 are
  `inv_keyState`, `outInv_keyState`, `inInv_keyState`, `privInv_keyState` (no access of the
  witness at time 0, `witnessAccs_ts_pos`); the joined rows' first pc is the first segment's PC0
  (`joinSegs_zero`), the key's entry (`pc0_entry`);
* `run_of_segments_rom`: the same with the code words the ROM image words (`romCode`, whose
  facts `hcode`, `hcode4`, `CodeFun` come from the image: `romCode_facts`);
* `run_of_key_segs`: for the key's image, entry and layout, the five program facts from
  `ProgramShape`, `KeyImage` and the last segment's BOUNDARY zero slots (`ZeroSlots`), as
  `run_of_key`;
* `run_of_elf_segs`: the same for a key `verifying_key` returned (`key_facts_of_elf`);
* `run_of_receipt_segs`: `run_of_receipt` for a receipt of any number of segments. Its segments
  `pre ++ [last]` are one per start of the receipt's chain, segment i's public values the
  verifier's `tablePub pv` (`segmentPublicValues … i = some pv`); the last segment's BOUNDARY and
  PRIVATE traces read the last segment's, every SYSCALL row some segment's. From the receipt
  (`receiptAccept_facts`): the FINAL flags (`SegmentFacts.final`: 1 exactly for the last
  start), `Linked` (`RunFacts.links`, index by index: `linked_of_get`), the first segment's PC0 =
  entry and CLK0 = 0 (`SegmentFacts.first`, at index 0: `firstSeg_get`), the last segment's zero
  slots (`zeroSlots_of_runFacts`), `hpub` (`hpub_of`), the statement's lengths and the
  conclusion's exit code, cycle count and input position (`StatementFacts`).

Derived here (besides what `run_of_segments` derives): the four row-0 invariants for the key's
state, the initial values' agreement with the boundary rows, the first pc from PC0 = entry, and
(from the key) `ImageBounds`, `OneCellPerWord`, `ImageAllowed`, `ImageFacts` and the code words'
facts.

Remaining, stated exactly as `run_of_segments` states them: the segments' CPU traces
(`Seg.Ok`, FINAL flags, `Linked`, CLK0 = 0 of the first), the tables' union and CPU rows, each
segment's local bus with FIXED rows of the fixed table of `prows` (`hseg`) and the program rows'
decodings (`hprows`), the global sum (`hgnet`), fewer than p global fractions (`hfew`, the
verifier's own count: it bounds the fractions carrying each global message, the run's length and
the IO rows over all segments),
the claimed cycles at most 2^27 (`hcycle`), fewer than 2^28 IO rows in each segment (`hioS`: each
IO table has at most 2^20; with `hfew` the IO rows' word addresses and positions are derived,
RunSegsRange.lean), the segments before the last silent (`hsil`), the last segment's BOUNDARY and PRIVATE traces, the
SYSCALL rows' input length (`hpub`), the statement's lengths (`hcons`, `hinlen`, `hout6`,
`houtlen`); for the key forms, the last segment's BOUNDARY zero
slots (`ZeroSlots`) and the first segment's PC0 = the key's entry. `run_of_receipt_segs` derives
those two, the FINAL flags, `Linked`, CLK0, `hpub`, `hcycle` and the statement's lengths, and
keeps the rest: one CPU segment per start with the verifier's public values (`_hlen`, `_hpvs`),
`Seg.Ok`, the tables, `hfew`, `hseg`, `hprows`, `hgnet`, `hioS`, `hsil`, the last
BOUNDARY and PRIVATE
traces and the SYSCALL rows' constraints. That the committed traces are these tables
and that the buses hold over them is the protocol's knowledge soundness, not proved here.
-/

@[expose] public section

noncomputable section

namespace Zkvm.Air.V2.Run

open Zkvm.Field Zkvm.RiscV Zkvm.Air.Table Zkvm.Air.Memory Zkvm.Air.V2.Cpu Zkvm.Air.V2.Cpu.Col
open Zkvm.Air.V2.Exec (Tables felt)
open Zkvm.Spec.Statement (pvExitLo pvExitHi pvCycles pvInputConsumed pvOutputLen)
open Zkvm.Refinement.receipt (ProgramShape KeyImage)
open Zkvm.Spec.ReceiptVerifier (zeroIntervals)

/-- The first of the segments `pre ++ [last]` is one of them. -/
theorem firstSeg_mem {last : Seg} : ∀ pre : List Seg, firstSeg pre last ∈ pre ++ [last]
  | [] => by simp [firstSeg]
  | _ :: _ => List.mem_cons_self ..

/-- **The joined rows start at the key's entry**: the first segment's PC0 is the entry (below
2^30), so the first joined row's pc is it. -/
theorem joinSegs_pc0 {pre : List Seg} {last : Seg} (hok : ∀ s ∈ pre ++ [last], s.Ok)
    {entry : UInt32} (hpc0 : (firstSeg pre last).pub Cpu.Pv.pc0 = felt entry)
    (hentry : entry.toNat < 2 ^ 30) :
    ((joinSegs pre last.wins 0).cur pc).val = entry.toNat := by
  rw [joinSegs_zero (fun s hs => (hok s (List.mem_append_left _ hs)).pos)]
  have h := hok _ (firstSeg_mem pre)
  have := h.pos
  have := h.le
  exact pc0_entry h.sat (by omega) hpc0 hentry

/-- **The whole run from the key's state, for any number of segments** (`run_of_segments` from
`keyState`): for segments `pre ++ [last]` as in `run_of_segments`, the first segment's PC0 the
key's entry (below 2^30), and a key whose program meets `ImageFacts` besides `ImageBounds`,
`OneCellPerWord` and `ImageAllowed L` (at the last segment's BOUNDARY public values), with code
words `code` one word per pc, the semantics' run of `N` steps from the state the key describes —
pc at the entry, the image's registers and words, fetch from `code`, layout `L`, the statement's
input and the last PRIVATE trace's private input — halts with the exit code of `pv`, after `pv`'s
cycle count of steps, with exactly the claimed output, having consumed the claimed input bytes and
read the private input up to its end row. -/
theorem run_of_segments_init {pre : List Seg} {last : Seg} (hok : ∀ s ∈ pre ++ [last], s.Ok)
    (hnf : ∀ s ∈ pre, s.pub Cpu.Pv.final = 0) (hf : last.pub Cpu.Pv.final = 1)
    (hlink : Linked pre last) (hclk0 : (firstSeg pre last).pub Cpu.Pv.clk0 = 0)
    {N : Nat} (hNs : ((pre ++ [last]).map Seg.R).sum = N)
    {preT : List Tables} {Tl T : Tables} (hTU : T = Tables.union (preT ++ [Tl]))
    (hcpu : T.cpu = (pre ++ [last]).flatMap Seg.rows)
    {pv : List BabyBear} {input output : List UInt8}
    (hfew : Exec.FewGlobal T (Exec.stmtSent pv input) (Exec.stmtRcvd pv output))
    (hcycle : (pv.getD pvCycles 0).val ≤ 2 ^ 27)
    {prows : List Spec.ProgramRow} {image : List Spec.ImageWord} {code : List (UInt32 × UInt32)}
    (hseg : ∀ T' ∈ preT ++ [Tl], ∃ fx, Exec.SegBus T' fx ∧
      ∀ f ∈ fx, f.fields ∈ Exec.fixedFelts prows image)
    (hprows : ∀ r ∈ prows, ∃ p ∈ code, Spec.decodeRow p.1 p.2 = some r)
    (hgnet : ∀ m, Exec.GlobalMsg m →
      Exec.net m (Exec.busFractions T (Exec.stmtSent pv input) (Exec.stmtRcvd pv output) []) = 0)
    (hioS : ∀ T' ∈ preT ++ [Tl], T'.io.length < 2 ^ 28)
    (hsil : ∀ T' ∈ preT, Silent T')
    {entry : UInt32} (hpc0 : (firstSeg pre last).pub Cpu.Pv.pc0 = felt entry)
    (hentry : entry.toNat < 2 ^ 30)
    {tb : Trace BabyBear} {pb : Nat → BabyBear} (hbs : Boundary.Sat tb pb)
    (hbT : Tl.bnd = (List.range tb.height).map tb.row)
    (hIB : ImageBounds image pb) (hOne : OneCellPerWord image pb) {L : Layout}
    (hA : ImageAllowed L image pb) (hK : ImageFacts image pb)
    {tp : Trace BabyBear} {pp : Nat → BabyBear} (hps : Private.Sat tp pp)
    (hpf : pp Private.pvFinal = 1) (hpT : Tl.priv = (List.range tp.height).map tp.row)
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
  have hts : ∀ a ∈ witnessAccs ((List.range N).map fun m => (joinSegs pre last.wins m).cur)
      T.mem T.sys T.io, a.ts ≠ 0 := fun a ha => witnessAccs_ts_pos ha
  exact run_of_segments_from hok hnf hf hlink hclk0 hNs hTU hcpu hfew hcycle hseg hprows hgnet
    hioS hsil hbs hbT hIB hOne hA hps hpf hpT hn hendn hn24 hcode hcode4 hpub hcons hinlen
    hout6 houtlen (fun hL =>
      ⟨keyInit_bnd hbs hbT hL hIB hOne hK _ _ _ _,
        inv_keyState hK hcf (joinSegs_pc0 hok hpc0 hentry) hts
          (witnessBnd_30 hbs hbT hL hIB (pv.getD pvInputConsumed 0) (pv.getD pvOutputLen 0)
            (4 * pv.getD pvCycles 0).val (tp.row n)),
        outInv_keyState hts _, inInv_keyState hts _, privInv_keyState hts _⟩)

/-- **The whole run from the key's state, for any number of segments, its code the ROM image
words**: `run_of_segments_init` with the code words `romCode image`, whose pcs' facts come from
the image (`romCode_facts`); the program rows are decodings of ROM words. -/
theorem run_of_segments_rom {pre : List Seg} {last : Seg} (hok : ∀ s ∈ pre ++ [last], s.Ok)
    (hnf : ∀ s ∈ pre, s.pub Cpu.Pv.final = 0) (hf : last.pub Cpu.Pv.final = 1)
    (hlink : Linked pre last) (hclk0 : (firstSeg pre last).pub Cpu.Pv.clk0 = 0)
    {N : Nat} (hNs : ((pre ++ [last]).map Seg.R).sum = N)
    {preT : List Tables} {Tl T : Tables} (hTU : T = Tables.union (preT ++ [Tl]))
    (hcpu : T.cpu = (pre ++ [last]).flatMap Seg.rows)
    {pv : List BabyBear} {input output : List UInt8}
    (hfew : Exec.FewGlobal T (Exec.stmtSent pv input) (Exec.stmtRcvd pv output))
    (hcycle : (pv.getD pvCycles 0).val ≤ 2 ^ 27)
    {prows : List Spec.ProgramRow} {image : List Spec.ImageWord}
    (hseg : ∀ T' ∈ preT ++ [Tl], ∃ fx, Exec.SegBus T' fx ∧
      ∀ f ∈ fx, f.fields ∈ Exec.fixedFelts prows image)
    (hprows : ∀ r ∈ prows, ∃ p ∈ romCode image, Spec.decodeRow p.1 p.2 = some r)
    (hgnet : ∀ m, Exec.GlobalMsg m →
      Exec.net m (Exec.busFractions T (Exec.stmtSent pv input) (Exec.stmtRcvd pv output) []) = 0)
    (hioS : ∀ T' ∈ preT ++ [Tl], T'.io.length < 2 ^ 28)
    (hsil : ∀ T' ∈ preT, Silent T')
    {entry : UInt32} (hpc0 : (firstSeg pre last).pub Cpu.Pv.pc0 = felt entry)
    (hentry : entry.toNat < 2 ^ 30)
    {tb : Trace BabyBear} {pb : Nat → BabyBear} (hbs : Boundary.Sat tb pb)
    (hbT : Tl.bnd = (List.range tb.height).map tb.row)
    (hIB : ImageBounds image pb) (hOne : OneCellPerWord image pb) {L : Layout}
    (hA : ImageAllowed L image pb) (hK : ImageFacts image pb)
    {tp : Trace BabyBear} {pp : Nat → BabyBear} (hps : Private.Sat tp pp)
    (hpf : pp Private.pvFinal = 1) (hpT : Tl.priv = (List.range tp.height).map tp.row)
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
  run_of_segments_init hok hnf hf hlink hclk0 hNs hTU hcpu hfew hcycle hseg hprows hgnet hioS
    hsil hpc0 hentry hbs hbT hIB hOne hA hK hps hpf hpT hn hendn hn24 hrc.1 hrc.2.1 hrc.2.2 hpub
    hcons hinlen hout6 houtlen

/-- **The whole run from a key the verifier accepted, for any number of segments**
(`run_of_segments_rom` for the key's image `prog.image.map Spec.specWord`, entry `prog.entry` and
layout `keyLayout`, as `run_of_key`): the five facts about the key's program from
`ProgramShape`, `KeyImage` and the last segment's BOUNDARY zero slots holding the key's zero
intervals (`ZeroSlots`); the entry below 2^30 from `ProgramShape`. -/
theorem run_of_key_segs {pre : List Seg} {last : Seg} (hok : ∀ s ∈ pre ++ [last], s.Ok)
    (hnf : ∀ s ∈ pre, s.pub Cpu.Pv.final = 0) (hf : last.pub Cpu.Pv.final = 1)
    (hlink : Linked pre last) (hclk0 : (firstSeg pre last).pub Cpu.Pv.clk0 = 0)
    {N : Nat} (hNs : ((pre ++ [last]).map Seg.R).sum = N)
    {preT : List Tables} {Tl T : Tables} (hTU : T = Tables.union (preT ++ [Tl]))
    (hcpu : T.cpu = (pre ++ [last]).flatMap Seg.rows)
    {pv : List BabyBear} {input output : List UInt8}
    (hfew : Exec.FewGlobal T (Exec.stmtSent pv input) (Exec.stmtRcvd pv output))
    (hcycle : (pv.getD pvCycles 0).val ≤ 2 ^ 27)
    {prows : List Spec.ProgramRow} {prog : Zkvm.Extracted.receipt.program.Program}
    (hshape : ProgramShape prog) (hkey : KeyImage prog)
    (hseg : ∀ T' ∈ preT ++ [Tl], ∃ fx, Exec.SegBus T' fx ∧
      ∀ f ∈ fx, f.fields ∈ Exec.fixedFelts prows (prog.image.map Spec.specWord))
    (hprows : ∀ r ∈ prows, ∃ p ∈ romCode (prog.image.map Spec.specWord),
      Spec.decodeRow p.1 p.2 = some r)
    (hgnet : ∀ m, Exec.GlobalMsg m →
      Exec.net m (Exec.busFractions T (Exec.stmtSent pv input) (Exec.stmtRcvd pv output) []) = 0)
    (hioS : ∀ T' ∈ preT ++ [Tl], T'.io.length < 2 ^ 28)
    (hsil : ∀ T' ∈ preT, Silent T')
    (hpc0 : (firstSeg pre last).pub Cpu.Pv.pc0 = felt prog.entry)
    {tb : Trace BabyBear} {pb : Nat → BabyBear} (hbs : Boundary.Sat tb pb)
    (hbT : Tl.bnd = (List.range tb.height).map tb.row) (hslots : ZeroSlots pb prog)
    {tp : Trace BabyBear} {pp : Nat → BabyBear} (hps : Private.Sat tp pp)
    (hpf : pp Private.pvFinal = 1) (hpT : Tl.priv = (List.range tp.height).map tp.row)
    {n : Nat} (hn : n < tp.height) (hendn : tp.row n Private.Col.endRow = 1)
    (hn24 : n + 2 ^ 24 ≤ 2 ^ 30)
    (hpub : ∀ rs ∈ T.sys, ∃ pub : Row BabyBear, Syscall.Groups rs pub ∧
      pub Syscall.pvInputLen = ((input.length : Nat) : BabyBear))
    (hcons : (pv.getD pvInputConsumed 0).val ≤ input.length) (hinlen : input.length < 2 ^ 30)
    (hout6 : (pv.getD pvOutputLen 0).val = output.length)
    (houtlen : output.length ≤ maxOutputLen) :
    ∃ s, run N (keyState prog.entry (prog.image.map Spec.specWord)
        (romCode (prog.image.map Spec.specWord))
        (keyLayout (prog.image.map Spec.specWord) (zeroIntervals prog))
        (input.map UInt8.toBitVec) (privOf tp n)) = .ok s ∧
      s.exitCode = some (WordLimbs.ofFelts (pv.getD pvExitLo 0) (pv.getD pvExitHi 0)) ∧
      pv.getD pvCycles 0 = ((N : Nat) : BabyBear) ∧ s.output = output.map UInt8.toBitVec ∧
      s.inputPos = (pv.getD pvInputConsumed 0).val ∧ s.privatePos = n :=
  run_of_segments_rom hok hnf hf hlink hclk0 hNs hTU hcpu hfew hcycle hseg hprows hgnet hioS
    hsil hpc0 hshape.entry hbs hbT (imageBounds_of_key hshape hslots)
    (oneCellPerWord_of_key hkey hslots) (imageAllowed_keyLayout hslots)
    (imageFacts_of_key hkey hslots) hps hpf hpT hn hendn hn24 hpub hcons hinlen hout6 houtlen

/-- **The whole run from a key `verifying_key` made from an ELF, for any number of segments**:
`run_of_key_segs` with `ProgramShape` and `KeyImage` from the verifier's own checks
(`key_facts_of_elf`), given the last segment's BOUNDARY zero slots (`ZeroSlots`). -/
theorem run_of_elf_segs {elf : List UInt8} {vk : Zkvm.Extracted.protocol.vk.VerifyingKey}
    (hvk : Zkvm.Extracted.receipt.verifying_key elf = .ok (.ok vk))
    {prog : Zkvm.Extracted.receipt.program.Program} (hair : vk.air = .Rv32imV2 prog)
    {pre : List Seg} {last : Seg} (hok : ∀ s ∈ pre ++ [last], s.Ok)
    (hnf : ∀ s ∈ pre, s.pub Cpu.Pv.final = 0) (hf : last.pub Cpu.Pv.final = 1)
    (hlink : Linked pre last) (hclk0 : (firstSeg pre last).pub Cpu.Pv.clk0 = 0)
    {N : Nat} (hNs : ((pre ++ [last]).map Seg.R).sum = N)
    {preT : List Tables} {Tl T : Tables} (hTU : T = Tables.union (preT ++ [Tl]))
    (hcpu : T.cpu = (pre ++ [last]).flatMap Seg.rows)
    {pv : List BabyBear} {input output : List UInt8}
    (hfew : Exec.FewGlobal T (Exec.stmtSent pv input) (Exec.stmtRcvd pv output))
    (hcycle : (pv.getD pvCycles 0).val ≤ 2 ^ 27)
    {prows : List Spec.ProgramRow}
    (hseg : ∀ T' ∈ preT ++ [Tl], ∃ fx, Exec.SegBus T' fx ∧
      ∀ f ∈ fx, f.fields ∈ Exec.fixedFelts prows (prog.image.map Spec.specWord))
    (hprows : ∀ r ∈ prows, ∃ p ∈ romCode (prog.image.map Spec.specWord),
      Spec.decodeRow p.1 p.2 = some r)
    (hgnet : ∀ m, Exec.GlobalMsg m →
      Exec.net m (Exec.busFractions T (Exec.stmtSent pv input) (Exec.stmtRcvd pv output) []) = 0)
    (hioS : ∀ T' ∈ preT ++ [Tl], T'.io.length < 2 ^ 28)
    (hsil : ∀ T' ∈ preT, Silent T')
    (hpc0 : (firstSeg pre last).pub Cpu.Pv.pc0 = felt prog.entry)
    {tb : Trace BabyBear} {pb : Nat → BabyBear} (hbs : Boundary.Sat tb pb)
    (hbT : Tl.bnd = (List.range tb.height).map tb.row) (hslots : ZeroSlots pb prog)
    {tp : Trace BabyBear} {pp : Nat → BabyBear} (hps : Private.Sat tp pp)
    (hpf : pp Private.pvFinal = 1) (hpT : Tl.priv = (List.range tp.height).map tp.row)
    {n : Nat} (hn : n < tp.height) (hendn : tp.row n Private.Col.endRow = 1)
    (hn24 : n + 2 ^ 24 ≤ 2 ^ 30)
    (hpub : ∀ rs ∈ T.sys, ∃ pub : Row BabyBear, Syscall.Groups rs pub ∧
      pub Syscall.pvInputLen = ((input.length : Nat) : BabyBear))
    (hcons : (pv.getD pvInputConsumed 0).val ≤ input.length) (hinlen : input.length < 2 ^ 30)
    (hout6 : (pv.getD pvOutputLen 0).val = output.length)
    (houtlen : output.length ≤ maxOutputLen) :
    ∃ s, run N (keyState prog.entry (prog.image.map Spec.specWord)
        (romCode (prog.image.map Spec.specWord))
        (keyLayout (prog.image.map Spec.specWord) (zeroIntervals prog))
        (input.map UInt8.toBitVec) (privOf tp n)) = .ok s ∧
      s.exitCode = some (WordLimbs.ofFelts (pv.getD pvExitLo 0) (pv.getD pvExitHi 0)) ∧
      pv.getD pvCycles 0 = ((N : Nat) : BabyBear) ∧ s.output = output.map UInt8.toBitVec ∧
      s.inputPos = (pv.getD pvInputConsumed 0).val ∧ s.privatePos = n :=
  have hk := key_facts_of_elf hvk hair
  run_of_key_segs hok hnf hf hlink hclk0 hNs hTU hcpu hfew hcycle hk.1 hk.2 hseg hprows hgnet
    hioS hsil hpc0 hbs hbT hslots hps hpf hpT hn hendn hn24 hpub hcons hinlen hout6 houtlen

/-! ## From an accepted receipt -/

/-- The first of the segments `pre ++ [last]` is at index 0. -/
theorem firstSeg_get {last : Seg} :
    ∀ pre : List Seg, (pre ++ [last])[0]? = some (firstSeg pre last)
  | [] => by simp [firstSeg]
  | _ :: _ => by simp [firstSeg]

/-- **Segments linked index by index are `Linked`**: each segment at index i ends where the one
at index i + 1 starts. -/
theorem linked_of_get {last : Seg} : ∀ pre : List Seg,
    (∀ i s s', (pre ++ [last])[i]? = some s → (pre ++ [last])[i + 1]? = some s' →
      s.Links s') →
      Linked pre last
  | [], _ => trivial
  | s :: rest, h => ⟨h 0 s (firstSeg rest last) (by simp) (by simpa using firstSeg_get rest),
      linked_of_get rest fun i a b ha hb => h (i + 1) a b (by simpa using ha) (by simpa using hb)⟩

open Zkvm.Spec.ReceiptVerifier (receiptAccept receiptStatement)
open Zkvm.Spec.VerifyingKey (vkProgram)
open Zkvm.Air.V2.StmtFacts (tablePub)
open Zkvm.Spec.Segments (segmentPublicValues)
open Zkvm.Refinement.field (toU32)

/-- **The whole run from an accepted receipt, for any number of segments.** For a key `vk` that
`receipt::verifying_key` made from `elf` and a receipt `bytes` the receipt verifier accepts with
run `vr`: the receipt's statement `st` is `receiptStatement`'s, and with `starts` the receipt's
segment starts (its headers' values), for any witness of the segments — CPU segments
`pre ++ [last]`, one per start, segment i's public values `tablePub pv` for the verifier's
`segmentPublicValues … i = some pv`; the last segment's BOUNDARY and PRIVATE traces and every
SYSCALL row checked with a segment's public values; and the remaining hypotheses of
`run_of_elf_segs` — the semantics' run of `N` steps from the key's state on the receipt's input
succeeds, with `N = vr.cycles`, exit code `vr.exit_code`, output `vr.output`, input position
`vr.input_consumed` and private position the PRIVATE trace's end row n, for the private input
`privOf tp n` the PRIVATE rows before n hold.

Derived from the receipt (hypotheses of `run_of_elf_segs` not here): `hair` and the program
facts (`verifying_key_image`); the FINAL flags `hnf`, `hf`, `hpf` (`SegmentFacts.final`: 1 exactly
for the last start); `Linked` (`RunFacts.links`); the first segment's `hclk0` and `hpc0`
(`SegmentFacts.first`); the last segment's zero slots (`zeroSlots_of_runFacts`); `hpub`
(`hpub_of`); `hcons`, `hinlen`, `hout6`, `houtlen`, `hcycle` (the claimed cycles at most 2^27)
and the conclusion's exit code, cycle count and input position (`StatementFacts`; `N` is below p
by `FewGlobal`); the PRIVATE trace's end row n, whose index is the private input's length read
(`endRow_of_segs`: exactly one, from the memory bus, RunPrivateEnd.lean). The only counts it keeps are the verifier's own: fewer than p global fractions
over the witness (`FewGlobal`, `stark::check_global_fractions`) and fewer than 2^28 IO rows in
each segment (each IO table has at most 2^20). -/
theorem run_of_receipt_segs {H : List UInt8 → Zkvm.Commit.Digest} {elf : List UInt8}
    {vk : Zkvm.Extracted.protocol.vk.VerifyingKey}
    (hvk : Zkvm.Extracted.receipt.verifying_key elf = .ok (.ok vk))
    {vkD : Zkvm.Commit.Digest} {bytes : List UInt8} {vr : Zkvm.Extracted.receipt.VerifiedRun}
    (hacc : receiptAccept H vk vkD bytes vr) :
    ∃ (st : Zkvm.Spec.Statement) (starts : List (List UInt32)),
      receiptStatement vkD (vkProgram vk) vr.exit_code vr.cycles vr.input_consumed vr.input
        vr.output = .ok st ∧ 0 < starts.length ∧
      (∃ proof segs hdrs views, Zkvm.Spec.ReceiptVerifier.ReceiptBytes bytes vr.exit_code
          vr.cycles vr.input_consumed vr.input vr.output proof ∧
        proof = Zkvm.Spec.ProofFormat.encSegments segs ∧
        Zkvm.Spec.ReceiptVerifier.SegmentsImage segs hdrs views ∧ starts = hdrs.map (·.values)) ∧
      ∀ {pre : List Seg} {last : Seg} (_hlen : (pre ++ [last]).length = starts.length)
        (_hpvs : ∀ i s, (pre ++ [last])[i]? = some s → ∃ pv,
          segmentPublicValues (st.publicValues.map toU32) starts i = some pv ∧
            s.pub = tablePub pv)
        (_hok : ∀ s ∈ pre ++ [last], s.Ok)
        {N : Nat} (_hNs : ((pre ++ [last]).map Seg.R).sum = N)
        {preT : List Tables} {Tl T : Tables} (_hTU : T = Tables.union (preT ++ [Tl]))
        (_hcpu : T.cpu = (pre ++ [last]).flatMap Seg.rows)
        (_hfew : Exec.FewGlobal T (Exec.stmtSent st.publicValues vr.input)
          (Exec.stmtRcvd st.publicValues vr.output))
        {prows : List Spec.ProgramRow}
        (_hseg : ∀ T' ∈ preT ++ [Tl], ∃ fx, Exec.SegBus T' fx ∧
          ∀ f ∈ fx, f.fields ∈ Exec.fixedFelts prows ((vkProgram vk).image.map Spec.specWord))
        (_hprows : ∀ r ∈ prows, ∃ p ∈ romCode ((vkProgram vk).image.map Spec.specWord),
          Spec.decodeRow p.1 p.2 = some r)
        (_hgnet : ∀ m, Exec.GlobalMsg m →
          Exec.net m (Exec.busFractions T (Exec.stmtSent st.publicValues vr.input)
            (Exec.stmtRcvd st.publicValues vr.output) []) = 0)
        (_hioS : ∀ T' ∈ preT ++ [Tl], T'.io.length < 2 ^ 28)
        (_hsil : ∀ T' ∈ preT, Silent T')
        {tb : Trace BabyBear} (_hbs : Boundary.Sat tb last.pub)
        (_hbT : Tl.bnd = (List.range tb.height).map tb.row)
        {tp : Trace BabyBear} (_hps : Private.Sat tp last.pub)
        (_hpT : Tl.priv = (List.range tp.height).map tp.row)
        (_hsys : ∀ rs ∈ T.sys, ∃ i pv,
          segmentPublicValues (st.publicValues.map toU32) starts i = some pv ∧
            Syscall.Groups rs (tablePub pv)),
        ∃ n s, n < tp.height ∧ tp.row n Private.Col.endRow = 1 ∧ run N (keyState (vkProgram vk).entry ((vkProgram vk).image.map Spec.specWord)
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
  obtain ⟨exitCode, cycles, consumed, input, output, st, hdrs, views, -, rfl, hst, R,
    ⟨proof, segs, hbytes, hproof, himg⟩, -, -, -⟩ := StmtFacts.receiptAccept_facts hacc
  have F := R.stmt
  refine ⟨st, hdrs.map (·.values), hst, R.nonempty,
    ⟨proof, segs, hdrs, views, hbytes, hproof, himg, rfl⟩, ?_⟩
  intro pre last hlen hpvs hok N hNs preT Tl T hTU hcpu hfew prows hseg hprows hgnet hioS
    hsil tb hbs hbT tp hps hpT hsys
  have hlen' : pre.length + 1 = (hdrs.map (·.values)).length := by
    rw [← hlen, List.length_append, List.length_singleton]
  -- the last segment: FINAL = 1, its BOUNDARY zero slots the key's
  obtain ⟨pvl, hpvl, hlpub⟩ := hpvs pre.length last (by simp)
  have Gl := R.seg _ _ hpvl
  have hfl : tablePub pvl Cpu.Pv.final = 1 := by rw [Gl.final, if_pos hlen']
  have hf : last.pub Cpu.Pv.final = 1 := by rw [hlpub]; exact hfl
  have hslots := zeroSlots_of_runFacts hshape R hpvl
  rw [hlpub] at hbs hps
  -- the segments before the last: FINAL = 0
  have hnf : ∀ s ∈ pre, s.pub Cpu.Pv.final = 0 := by
    intro s hs
    obtain ⟨i, hi, rfl⟩ := List.getElem_of_mem hs
    obtain ⟨pv, hpv, hpub⟩ := hpvs i pre[i] (by
      rw [List.getElem?_append_left hi]; exact List.getElem?_eq_getElem hi)
    rw [hpub, (R.seg _ _ hpv).final, if_neg (by omega)]
  -- consecutive segments are linked
  have hlink : Linked pre last := linked_of_get pre fun i s s' hs hs' => by
    obtain ⟨pv, hpv, hpub⟩ := hpvs i s hs
    obtain ⟨pv', hpv', hpub'⟩ := hpvs (i + 1) s' hs'
    obtain ⟨e1, e2⟩ := R.links i pv pv' hpv hpv'
    show s.pub Cpu.Pv.pcEnd = s'.pub Cpu.Pv.pc0 ∧ s.pub Cpu.Pv.clkEnd = s'.pub Cpu.Pv.clk0
    rw [hpub, hpub']
    exact ⟨e1, e2⟩
  -- the first segment starts at the key's entry and clk 0
  obtain ⟨pv0, hpv0, hpub0⟩ := hpvs 0 _ (firstSeg_get pre)
  obtain ⟨hpc0, hclk0⟩ := (R.seg _ _ hpv0).first rfl
  rw [← hpub0] at hpc0 hclk0
  -- the last segment's PRIVATE end row, from the memory bus
  obtain ⟨n, hn, hendn, hn24⟩ := endRow_of_segs hok hnf hf hlink hclk0
    (by rw [← hTU]; exact hcpu) (by rw [← hTU]; exact hfew) hseg hprows
    (by rw [← hTU]; exact hgnet) hsil hpT
  -- the SYSCALL rows' input length
  have hpub := StmtFacts.hpub_of (prog := vkProgram vk) (st := st)
    (starts := hdrs.map (·.values)) (rows := T.sys) fun rs hrs => by
      obtain ⟨i, pv, h, hg⟩ := hsys rs hrs
      exact ⟨i, pv, R.seg i pv h, hg⟩
  obtain ⟨s, hrun, hexit, hcyc, hout, hin, hpriv⟩ :=
    run_of_elf_segs (pv := st.publicValues) (input := input) (output := output) hvk hair hok
      hnf hf hlink hclk0 hNs hTU hcpu hfew (by rw [F.cycles_val]; exact F.cycles_le) hseg
      hprows hgnet hioS hsil hpc0 hbs hbT
      hslots hps hfl hpT hn hendn hn24 hpub F.hcons F.hinlen F.hout6 F.houtlen
  -- fewer than p / 7 CPU rows, so N is below p
  have hNp := segs_R_lt hok hcpu hfew
  refine ⟨n, s, hn, hendn, hrun, ?_, F.cycles_of hcyc (by omega), hout, ?_, hpriv⟩
  · rw [hexit, F.exit_eq]
  · rw [hin, F.consumed_val]

end Zkvm.Air.V2.Run

end
