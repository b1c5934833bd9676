module

public import Zkvm.Air.V2.RunInstance
public import Zkvm.Air.V2.RunSegmentsBus

/-!
# The whole run from any number of segments

`run_of_witness` and `run_of_traces` (RunInstance.lean) give the whole run for one segment with
one bus. A run is proved in segments (docs/air.md §8.1): each segment has its own tables, its own
RANGE and FIXED tables and its own LogUp sum for the local messages (`Exec.SegBus`), the global
messages have one sum over all segments with the statement, only the last segment (FINAL = 1)
has BOUNDARY and PRIVATE rows, and the segments' CPU rows form one chain. This file assembles
that instance.

* `run_of_facts`: `run_of_witness` with the bus entering through `Exec.BusFacts` and the PRIV
  and PLEN net multiplicities instead of one `Exec.Bus`, the BOUNDARY rows' lookups (`BndLooks`)
  of tables `Tb` having the run's real BOUNDARY rows (`realBnd T = realBnd Tb`), and the private
  input's facts (as `run_of_bus` takes them) over the run's PRIVATE rows with one end row `re`.
  Both forms below are instances: `run_of_witness_facts` (one bus: `facts_of_bus`,
  `bndLooks_of_bus`, `privFacts_of_carries`) and `run_of_segments`.
* `endRows_of_trace`: a satisfying last-segment PRIVATE trace (FINAL = 1) has exactly one end
  row, the row n given with end = 1 (`Private.end_iff`), so `run_of_traces`' `hend` is derived.
* `Silent`: a segment before the last has BOUNDARY and PRIVATE traces satisfying their
  constraints with FINAL = 0. The prover builds them empty, padded with zero rows
  (rust/prover/src/rv32im2/run.rs `build_segment`), and all-zero traces are such
  (`silent_of_zero`, from `bnd_zero_sat` and `priv_zero_sat`). Such a segment has no real
  BOUNDARY row (`realBnd_silent`) and no real, end or PLEN-sending PRIVATE row
  (`Private.silent`, `end_silent`), so the union of all segments' tables has the last segment's
  real BOUNDARY rows (`realBnd_segs`) and end rows (`endRows_segs`).
* **`run_of_segments`** (stated in RunSegsRange.lean, over `run_of_facts'`), the conclusion of
  `run_of_traces` for segments `pre ++ [last]`.

`run_of_segments`' hypotheses:
* the segments' CPU traces (`runRows_of_segs`' hypotheses): every segment `Seg.Ok` (its trace
  satisfies the CPU constraints, its first R > 0 rows real, the rest padding), those of `pre`
  with FINAL = 0 and `last` with FINAL = 1, `Linked` (PC_END, CLK_END = the next PC0, CLK0),
  the first at CLK0 = 0 (the verifier's `check_segment_starts` and `segment_public_values`);
  N the total number of real rows (its bound derived: below p / 7 from `FewGlobal`, so the
  claimed cycle count, `pv`'s PV 3, at most 2^27: `hcycle`);
* the run's tables `T` the union of the segments' tables `preT ++ [Tl]` (`Tl` the last
  segment's), whose CPU rows are the segments' rows in order;
* each segment's bus over its local messages (`Exec.SegBus`, with its FIXED fractions rows of
  the fixed table of `prows`, decodings of `code`); the global messages' net multiplicity 0 over
  all segments' tables and the verifier's statement (docs/air.md §12.2 (b)); fewer than p global
  fractions in all (`FewGlobal`: the verifier's count, §12.2 (d), from which fewer than p
  fractions carry each global message, RunGlobalCount.lean);
* every segment before the last `Silent`; the last segment's BOUNDARY and PRIVATE traces, the
  program's facts (`ImageBounds`, `OneCellPerWord`, `ImageAllowed`) and the private end row n,
  as in `run_of_traces`;
* fewer than 2^28 IO rows in each segment (`hioS`: each IO table has at most 2^20 rows; in place
  of `run_of_traces`' IO range `hrange`, which RunSegsRange.lean derives from it and
  `FewGlobal`);
* carried over from `run_of_traces` unchanged: the
  SYSCALL rows' input length (`hpub`), the statement's lengths (`hcons`, `hinlen`, `hout6`,
  `houtlen`), the code's addresses (`hcode`, `hcode4`) and the
  initial state (`h0`, `ho0`, `hi0`, `hp0`, at the last segment's witness boundary rows'
  initial values `bndInit`).

Derived: `RunRows` (`runRows_of_segs`), the CPU accesses (`cpuAcc_of_segs`), `HaltOnly`
(`haltOnly_of_segs`), the CPU rows' f_exec booleans (`cpu_bits_of_trace`, segment by segment),
the bus facts (`Exec.facts_of_segments`, with the statement carrying no local message:
`stmt_no_local`), the PRIV and PLEN net multiplicities (`Exec.privNet_of_global`), the last
segment's BOUNDARY lookups (`bndLooks_of_seg`) and private-input facts (`privFacts_of_carries`
from its `SegBus`), lifted to the union over the silent segments, the boundary rows' facts and
initial values (`witnessBnd_cells` …, `bndInit_spec`), the end row (`endRows_of_trace`), and
everything `run_of_witness` derives from them (`run_of_facts`).
-/

@[expose] public section

noncomputable section

namespace Zkvm.Air.V2.Run

open Zkvm.Field Zkvm.RiscV Zkvm.Air.Table Zkvm.Air.Memory Zkvm.Air.V2.Cpu Zkvm.Air.V2.Cpu.Col
open Zkvm.Air.V2.Exec (Tables)
open Zkvm.Spec.Statement (pvExitLo pvExitHi pvCycles pvInputConsumed pvOutputLen)

/-- **The verifier's statement carries no local message** (PROG, IMG, the lookups, EXEC, HALT,
IO: `facts_of_segments`' `hsl`). -/
theorem stmt_no_local (pv : List BabyBear) (input output : List UInt8) :
    ∀ m ∈ Exec.stmtSent pv input ++ Exec.stmtRcvd pv output, ¬ Exec.LocalMsg m := by
  intro m hm ⟨t, ht, h⟩
  simp only [Exec.localTags, List.mem_cons, List.not_mem_nil, or_false] at ht
  have hl : t = 4 ∨ t = 5 ∨ t = 6 ∨ t = 7 → False := fun h' =>
    Exec.stmt_no_lookup pv input output m hm
      ⟨t, (by simp only [List.mem_cons, List.not_mem_nil, or_false]; exact h'), h⟩
  rcases ht with rfl | rfl | rfl | rfl | rfl | rfl | rfl | rfl | rfl
  · exact Exec.stmt_no_prog pv input output m hm h
  · exact stmt_no_img pv input output m hm h
  · exact hl (Or.inl rfl)
  · exact hl (Or.inr (Or.inl rfl))
  · exact hl (Or.inr (Or.inr (Or.inl rfl)))
  · exact hl (Or.inr (Or.inr (Or.inr rfl)))
  · exact (Exec.stmt_tags pv input output m hm).1 h
  · exact (Exec.stmt_tags pv input output m hm).2.1 h
  · exact (Exec.stmt_tags pv input output m hm).2.2 h

/-- **The whole run from the bus facts**: `run_of_witness` with the bus entering through
`Exec.BusFacts` and the PRIV and PLEN net multiplicities (from one bus or from the segments'
buses), the BOUNDARY rows' lookups (`BndLooks`) of tables `Tb` whose BOUNDARY rows are the
run's tables' real ones, and the private input's facts over the run's PRIVATE rows with the end
row `re` closing the private cursor at `pcons`. -/
theorem run_of_facts {T : Tables} {pv : List BabyBear} {input output : List UInt8}
    {code : List (UInt32 × UInt32)}
    (hF : Exec.BusFacts T (Exec.stmtSent pv input) (Exec.stmtRcvd pv output) code)
    (hpnet : ∀ m, m.head? = some 14 ∨ m.head? = some 15 →
      Exec.net m (Exec.busFractions T (Exec.stmtSent pv input) (Exec.stmtRcvd pv output) []) = 0)
    (hpfew : ∀ m, m.head? = some 14 ∨ m.head? = some 15 →
      (Exec.carrying m (Exec.busFractions T (Exec.stmtSent pv input) (Exec.stmtRcvd pv output)
        [])).length < 2013265921)
    (hrange : ∀ ri ∈ T.io, Io.real ri = 1 →
      (ri Io.Col.wa).val < 2 ^ 28 ∧ Io.firstPos ri < 2 ^ 30)
    {wins : Nat → Window BabyBear} {N : Nat} (hrr : RunRows T wins N)
    (hcpuAcc : (T.cpu.flatMap cpuAccesses).Perm
      (((List.range N).map fun m => (wins m).cur).flatMap cpuAccesses))
    (hN27 : N ≤ 2 ^ 27)
    {Tb : Tables} {tb : Trace BabyBear} {pb : Nat → BabyBear} (hbs : Boundary.Sat tb pb)
    (hbT : Tb.bnd = (List.range tb.height).map tb.row)
    {prows : List Spec.ProgramRow} {image : List Spec.ImageWord} (hL : BndLooks Tb prows image)
    (hrb : realBnd T = realBnd Tb)
    (hIB : ImageBounds image pb) (hOne : OneCellPerWord image pb) {L : Layout}
    (hA : ImageAllowed L image pb)
    {re : Row BabyBear} (hend : endRows T = [re]) {priv : List Byte} {pcons : Nat}
    (hprivRows : ∀ r ∈ T.priv, r Private.Col.real = 1 → (r Private.Col.j).val < pcons ∧
      r Private.Col.byte = (((priv.getD (r Private.Col.j).val 0).toNat : Nat) : BabyBear))
    (hprivLen : ∀ r ∈ T.priv, r Private.Col.mlen ≠ 0 →
      r Private.Col.plen = ((priv.length : Nat) : BabyBear))
    (hpcons : pcons ≤ priv.length) (hplen30 : priv.length < 2 ^ 30)
    (hjn : (re Private.Col.j).val = pcons)
    (hcode : ∀ p ∈ code, p.1.toNat < 2 ^ 30) (hcode4 : ∀ p ∈ code, p.1.toNat % 4 = 0)
    (hho : HaltOnly T wins N)
    (hpub : ∀ rs ∈ T.sys, ∃ pub : Row BabyBear, Syscall.Groups rs pub ∧
      pub Syscall.pvInputLen = ((input.length : Nat) : BabyBear))
    (hcons : (pv.getD pvInputConsumed 0).val ≤ input.length) (hinlen : input.length < 2 ^ 30)
    (hout6 : (pv.getD pvOutputLen 0).val = output.length)
    (houtlen : output.length ≤ maxOutputLen)
    {init : Cell → Val}
    (hinit : ∀ b ∈ witnessBnd Tb (pv.getD pvInputConsumed 0) (pv.getD pvOutputLen 0)
      (4 * pv.getD pvCycles 0).val re, init b.cell = b.init)
    {s₀ : State}
    (h0 : Inv wins (witnessAccs ((List.range N).map fun m => (wins m).cur) T.mem T.sys T.io) init
      (witnessBnd Tb (pv.getD pvInputConsumed 0) (pv.getD pvOutputLen 0)
        (4 * pv.getD pvCycles 0).val re) code L 0 s₀)
    (ho0 : OutInv (witnessAccs ((List.range N).map fun m => (wins m).cur) T.mem T.sys T.io)
      init (output.map Exec.byteFelt) 0 s₀)
    (hi0 : InInv (witnessAccs ((List.range N).map fun m => (wins m).cur) T.mem T.sys T.io) init
      (input.map UInt8.toBitVec) (pv.getD pvInputConsumed 0).val 0 s₀)
    (hp0 : PrivInv (witnessAccs ((List.range N).map fun m => (wins m).cur) T.mem T.sys T.io) init
      priv pcons 0 s₀) :
    ∃ s, run N s₀ = .ok s ∧
      s.exitCode = some (WordLimbs.ofFelts (pv.getD pvExitLo 0) (pv.getD pvExitHi 0)) ∧
      pv.getD pvCycles 0 = ((N : Nat) : BabyBear) ∧ s.output = output.map UInt8.toBitVec ∧
      s.inputPos = (pv.getD pvInputConsumed 0).val ∧ s.privatePos = pcons := by
  have hstag := Exec.stmt_tags pv input output
  obtain ⟨hexec, hhalt, hiob⟩ := Exec.balances_of_bus hF.balanced hstag
  have hop := hop_of_bus hF.ok hF.looks hexec hhalt hrr.rows hrr.mem hho hcode
    (fun m hm => hF.prog _ (hrr.mem m hm) (hrr.real m hm))
  -- the witness's boundary rows are `Tb`'s
  have hW : ∀ (c o : BabyBear) (ts : Nat),
      witnessBnd T c o ts re = witnessBnd Tb c o ts re := by
    intro c o ts
    unfold witnessBnd
    rw [hrb]
  have hcells := witnessBnd_cells hbs hbT hL hIB (pv.getD pvInputConsumed 0)
    (pv.getD pvOutputLen 0) (4 * pv.getD pvCycles 0).val re
  have hallow := witnessBnd_allow hbs hbT hL hIB hA (pv.getD pvInputConsumed 0)
    (pv.getD pvOutputLen 0) (4 * pv.getD pvCycles 0).val re
  have h30 := witnessBnd_30 hbs hbT hL hIB (pv.getD pvInputConsumed 0)
    (pv.getD pvOutputLen 0) (4 * pv.getD pvCycles 0).val re
  have hone := witnessBnd_one hbs hbT hL hIB hOne (pv.getD pvInputConsumed 0)
    (pv.getD pvOutputLen 0) (4 * pv.getD pvCycles 0).val re
  have hts := hts_of_witness hF.ok hexec hiob hrange hrr.rows hrr.req (by omega) hcpuAcc
    (consumed := pv.getD pvInputConsumed 0) (outLen := pv.getD pvOutputLen 0)
    (BabyBear.val_lt (4 * pv.getD pvCycles 0)) (re := re)
  rw [hW] at hts
  have hbS := boundary_sends hF.bools (stmt_mem_sends pv input) (pv.getD pvInputConsumed 0)
    (pv.getD pvOutputLen 0) (4 * pv.getD pvCycles 0).val re
  rw [hW] at hbS
  have hbR := boundary_recvs hF.bools (stmt_mem_rcvd pv output) hend
  rw [hW] at hbR
  obtain ⟨hfinal, hfinalIn⟩ := witnessBnd_final Tb (pv.getD pvInputConsumed 0)
    (pv.getD pvOutputLen 0) (4 * pv.getD pvCycles 0).val re
  have hfinalPriv := witnessBnd_final_priv Tb (pv.getD pvInputConsumed 0)
    (pv.getD pvOutputLen 0) (4 * pv.getD pvCycles 0).val re
  rw [hjn] at hfinalPriv
  have hlenF : ((output.map Exec.byteFelt).length : BabyBear) = pv.getD pvOutputLen 0 := by
    rw [List.length_map, ← hout6]; exact Felt.natCast_val _
  obtain ⟨s, hrun, hexit, hcyc, hout, hin, hpriv⟩ := run_of_bus (T := T)
    (ssent := Exec.stmtSent pv input) (srcvd := Exec.stmtRcvd pv output) hstag hrange hrr
    (bnd := witnessBnd Tb (pv.getD pvInputConsumed 0) (pv.getD pvOutputLen 0)
      (4 * pv.getD pvCycles 0).val re) (init := init)
    hbS hbR hts hcpuAcc hN27 hcells hinit
    (witnessBnd_init_limbs hbs hbT hL hIB _ _ _ _)
    hallow h30 hone hcode hcode4 hF hop
    (inp := input.map UInt8.toBitVec) (by simpa only [List.length_map] using hpub)
    (out := output.map Exec.byteFelt) (input := input.map Exec.byteFelt)
    (consumed := (pv.getD pvInputConsumed 0).val)
    (Exec.stmt_output pv output (by have h : maxOutputLen < 2 ^ 32 := (by decide); omega))
    (Exec.stmt_input pv input) (getD_map_toBitVec input)
    (by simpa only [List.length_map] using hcons)
    (by simpa only [List.length_map] using hinlen)
    (Exec.stmt_no_priv pv input output) hpnet hpfew (priv := priv) (pcons := pcons)
    hprivRows hprivLen hpcons hplen30
    (by rw [hlenF]; exact hfinal)
    (by rw [Felt.natCast_val]; exact hfinalIn)
    hfinalPriv (by rw [List.length_map]; exact houtlen)
    (Exec.stmt_exit pv output) h0 ho0 hi0 hp0
  refine ⟨s, hrun, hexit, hcyc, map_byte_inj ?_, hin, hpriv⟩
  rw [hout, List.map_map]; rfl

/-- Outside the last segment (FINAL = 0) no PRIVATE row is an end row. -/
theorem end_silent {tp : Trace BabyBear} {pp : Nat → BabyBear} (h : Private.Sat tp pp)
    (hf : pp Private.pvFinal = 0) : ∀ i < tp.height, tp.row i Private.Col.endRow = 0 := by
  intro i hi
  cases i with
  | zero =>
    rw [(Private.first h hi).2, hf]
    grind
  | succ i =>
    rw [(Private.transition h hi).2.2.2, (Private.silent h hf i (by omega)).1,
      (Private.silent h hf (i + 1) hi).1]
    decide

/-- The PRIVATE end rows of all segments are each segment's, in order. -/
theorem endRows_union (Ts : List Tables) :
    endRows (Tables.union Ts) = Ts.flatMap endRows := by
  simp only [endRows, Exec.Tables.union, List.filter_flatMap]
  rfl

/-- A list without duplicates filtered by a test that holds exactly at one of its members. -/
theorem filter_eq_single {p : Nat → Bool} {n : Nat} :
    ∀ {l : List Nat}, l.Nodup → n ∈ l → (∀ i ∈ l, p i = true ↔ i = n) → l.filter p = [n]
  | [], _, hn, _ => by cases hn
  | a :: t, hnd, hn, hp => by
    rw [List.nodup_cons] at hnd
    by_cases ha : a = n
    · subst ha
      have hpa : p a = true := (hp a List.mem_cons_self).mpr rfl
      rw [List.filter_cons_of_pos hpa, List.filter_eq_nil_iff.mpr fun i hi hpi =>
        hnd.1 (((hp i (List.mem_cons_of_mem _ hi)).mp hpi) ▸ hi)]
    · have hpa : ¬ p a = true := fun h => ha ((hp a List.mem_cons_self).mp h)
      rw [List.filter_cons_of_neg hpa]
      exact filter_eq_single hnd.2 ((List.mem_cons.mp hn).resolve_left (Ne.symm ha))
        fun i hi => hp i (List.mem_cons_of_mem _ hi)

/-- **The last segment's PRIVATE table has one end row**, row n (`end_iff`: the end row is the
first non-real row). -/
theorem endRows_of_trace {tp : Trace BabyBear} {pp : Nat → BabyBear} (hps : Private.Sat tp pp)
    (hpf : pp Private.pvFinal = 1) {T : Tables} (hpT : T.priv = (List.range tp.height).map tp.row)
    {n : Nat} (hn : n < tp.height) (hendn : tp.row n Private.Col.endRow = 1) :
    endRows T = [tp.row n] := by
  have hN := (Private.end_iff hps hpf n hn).mp hendn
  have huniq : ∀ i ∈ List.range tp.height,
      decide (tp.row i Private.Col.endRow = 1) = true ↔ i = n := by
    intro i hi
    have hi := List.mem_range.mp hi
    rw [decide_eq_true_iff]
    constructor
    · intro h
      have hI := (Private.end_iff hps hpf i hi).mp h
      apply Decidable.byContradiction
      intro hne
      rcases Nat.lt_or_gt_of_ne hne with hlt | hgt
      · have e := hN.2 i hlt
        rw [hI.1] at e
        exact absurd e (by decide)
      · have e := hI.2 n hgt
        rw [hN.1] at e
        exact absurd e (by decide)
    · intro e; rw [e]; exact hendn
  have hf := filter_eq_single (p := (fun r : Row BabyBear => decide (r Private.Col.endRow = 1)) ∘ tp.row)
    List.nodup_range (List.mem_range.mpr hn) huniq
  rw [endRows, hpT, List.filter_map, hf]
  rfl

/-- **The one-segment form from the bus facts**: `run_of_witness` through `run_of_facts` (the
bus facts from one bus, `facts_of_bus`), with the PRIVATE end rows no longer a hypothesis
(`endRows_of_trace`). -/
theorem run_of_witness_facts {T : Tables} {pv : List BabyBear} {input output : List UInt8}
    {fx : List (Zkvm.Air.V2.Cpu.Fraction BabyBear)}
    (hB : Exec.Bus T (Exec.stmtSent pv input) (Exec.stmtRcvd pv output) fx)
    {prows : List Spec.ProgramRow} {image : List Spec.ImageWord} {code : List (UInt32 × UInt32)}
    (hfxr : ∀ f ∈ fx, f.fields ∈ Exec.fixedFelts prows image)
    (hprows : ∀ r ∈ prows, ∃ p ∈ code, Spec.decodeRow p.1 p.2 = some r)
    (hxb : ∀ r ∈ T.cpu, r Cpu.Col.fExec = 0 ∨ r Cpu.Col.fExec = 1)
    (hrange : ∀ ri ∈ T.io, Io.real ri = 1 →
      (ri Io.Col.wa).val < 2 ^ 28 ∧ Io.firstPos ri < 2 ^ 30)
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
  have hF : Exec.BusFacts T (Exec.stmtSent pv input) (Exec.stmtRcvd pv output) code :=
    Exec.facts_of_bus hB.ok hB.bools hB.net hB.few hB.stmt (Exec.stmt_no_prog pv input output)
      hB.range hfxr hprows hxb hrr.haltBool
  -- PRIV and PLEN: the FIXED rows carry neither, so the bus without them balances them
  have hfx0 : ∀ m, m.head? = some 14 ∨ m.head? = some 15 → ∀ f ∈ fx, f.fields ≠ m := by
    intro m hm f hf e
    have := fixed_no_priv (hfxr f hf)
    rw [e] at this
    rcases hm with h | h
    · exact this.1 h
    · exact this.2 h
  have hsplit : Exec.busFractions T (Exec.stmtSent pv input) (Exec.stmtRcvd pv output) fx =
      Exec.busFractions T (Exec.stmtSent pv input) (Exec.stmtRcvd pv output) [] ++ fx := by
    simp only [Exec.busFractions, List.append_nil]
  have hpnet : ∀ m, m.head? = some 14 ∨ m.head? = some 15 →
      Exec.net m (Exec.busFractions T (Exec.stmtSent pv input) (Exec.stmtRcvd pv output) []) =
        0 := by
    intro m hm
    have h := hB.net m
    rw [hsplit, Exec.net_append, Exec.net_eq_zero_of (hfx0 m hm)] at h
    rw [← h]; grind
  have hpfew : ∀ m, m.head? = some 14 ∨ m.head? = some 15 →
      (Exec.carrying m (Exec.busFractions T (Exec.stmtSent pv input) (Exec.stmtRcvd pv output)
        [])).length < 2013265921 := by
    intro m hm
    have h := hB.few m
    rw [hsplit] at h
    simp only [Exec.carrying, List.filter_append, List.length_append] at h ⊢
    omega
  obtain ⟨hprivRows, hprivLen, hpcons, hplen30, hjn⟩ :=
    privFacts_of_carries hps hpf hpT hB.carries hn hendn hn24
  exact run_of_facts hF hpnet hpfew hrange hrr hcpuAcc hN27 hbs hbT
    (bndLooks_of_bus hB hbs hbT (stmt_no_img pv input output) hfxr) rfl hIB hOne hA
    (endRows_of_trace hps hpf hpT hn hendn) hprivRows hprivLen hpcons hplen30 hjn hcode hcode4
    hho hpub hcons hinlen hout6 houtlen hinit h0 ho0 hi0 hp0

/-- The tables of a segment before the last: its BOUNDARY and PRIVATE tables are satisfying
traces with FINAL = 0 (the prover's empty tables of those segments are such traces). -/
structure Silent (T : Tables) : Prop where
  bnd : ∃ (tb : Trace BabyBear) (pb : Nat → BabyBear), Boundary.Sat tb pb ∧
    pb Boundary.pvFinal = 0 ∧ T.bnd = (List.range tb.height).map tb.row
  priv : ∃ (tp : Trace BabyBear) (pp : Nat → BabyBear), Private.Sat tp pp ∧
    pp Private.pvFinal = 0 ∧ T.priv = (List.range tp.height).map tp.row

/-- An all-zero BOUNDARY trace satisfies the BOUNDARY constraints at FINAL = 0. -/
theorem bnd_zero_sat (h : Nat) : Boundary.Sat ⟨h, fun _ _ => 0⟩ (fun _ => 0) := by
  intro i _
  refine ⟨?_, ?_, fun j _ => ?_, ?_, ?_, ?_, ?_, ?_, ?_, ?_, ?_, ?_, ?_⟩ <;>
    (try simp only [Trace.window, Boundary.boolean, Boundary.real, Boundary.key, Boundary.gap,
      Boundary.low, Boundary.high, Boundary.lo, Boundary.hi, Boundary.e1, Boundary.e2]) <;>
    grind

/-- An all-zero PRIVATE trace satisfies the PRIVATE constraints at FINAL = 0. -/
theorem priv_zero_sat (h : Nat) : Private.Sat ⟨h, fun _ _ => 0⟩ (fun _ => 0) := by
  intro i _
  refine ⟨?_, ?_, ?_, ?_, ?_, ?_, ?_, ?_, ?_, ?_, ?_⟩ <;>
    (try simp only [Trace.window, Private.boolean]) <;>
    grind

/-- **The prover's tables of a segment before the last are silent**: its BOUNDARY and PRIVATE
tables are all-zero rows (empty tables padded to their height), with FINAL = 0. -/
theorem silent_of_zero {T : Tables} {hb hp : Nat}
    (hbnd : T.bnd = (List.range hb).map fun _ _ => 0)
    (hpriv : T.priv = (List.range hp).map fun _ _ => 0) : Silent T :=
  ⟨⟨⟨hb, fun _ _ => 0⟩, fun _ => 0, bnd_zero_sat hb, rfl, hbnd⟩,
    ⟨⟨hp, fun _ _ => 0⟩, fun _ => 0, priv_zero_sat hp, rfl, hpriv⟩⟩

/-- A silent segment's PRIVATE rows are neither real, nor end rows, nor send PLEN. -/
theorem Silent.priv_rows {T : Tables} (h : Silent T) : ∀ r ∈ T.priv,
    r Private.Col.real = 0 ∧ r Private.Col.mlen = 0 ∧ r Private.Col.endRow = 0 := by
  obtain ⟨tp, pp, hs, hf, hT⟩ := h.priv
  intro r hr
  rw [hT] at hr
  obtain ⟨i, hi, rfl⟩ := List.mem_map.mp hr
  have hi := List.mem_range.mp hi
  exact ⟨(Private.silent hs hf i hi).1, (Private.silent hs hf i hi).2, end_silent hs hf i hi⟩

/-- Silent segments before the last add no real BOUNDARY row. -/
theorem realBnd_segs {preT : List Tables} {Tl : Tables} (hsil : ∀ T ∈ preT, Silent T) :
    realBnd (Tables.union (preT ++ [Tl])) = realBnd Tl := by
  have h : preT.flatMap realBnd = [] := List.flatMap_eq_nil_iff.mpr fun T hT => by
    obtain ⟨tb, pb, hs, hf, hbT⟩ := (hsil T hT).bnd
    exact realBnd_silent hs hbT hf
  simp only [realBnd_union, List.flatMap_append, h, List.nil_append, List.flatMap_cons,
    List.flatMap_nil, List.append_nil]

/-- Silent segments before the last add no PRIVATE end row. -/
theorem endRows_segs {preT : List Tables} {Tl : Tables} (hsil : ∀ T ∈ preT, Silent T) :
    endRows (Tables.union (preT ++ [Tl])) = endRows Tl := by
  have h : preT.flatMap endRows = [] := List.flatMap_eq_nil_iff.mpr fun T hT => by
    rw [endRows, List.filter_eq_nil_iff]
    intro r hr
    rw [((hsil T hT).priv_rows r hr).2.2]
    decide
  simp only [endRows_union, List.flatMap_append, h, List.nil_append, List.flatMap_cons,
    List.flatMap_nil, List.append_nil]

end Zkvm.Air.V2.Run

end
