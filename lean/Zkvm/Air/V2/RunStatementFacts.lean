module

public import Zkvm.Spec.ReceiptVerifier
public import Zkvm.Air.V2.CpuSpec
public import Zkvm.Air.V2.BoundarySpec
public import Zkvm.Air.V2.SyscallSpec
public import Zkvm.Air.V2.ExecContract

/-!
# The whole-run theorems' statement hypotheses, from what the receipt verifier checks

The whole-run theorems (`run_of_traces`, RunInstance.lean; `run_of_traces_rom`, RunInit.lean;
`run_of_segments`, RunInstanceSegs.lean) take facts about the statement's public values
`pv := st.publicValues`, its input and output, and about the public values the segments' CPU,
SYSCALL and BOUNDARY tables read. This file derives them from the receipt verifier
(`Spec.ReceiptVerifier.receiptAccept`): its statement `receiptStatement … = .ok st` (the spec's
`Receipt.publicValues`) and the segments verifier's chain of starts (`SegmentStartsOk`).

**What a segment's tables read.** `segmentsAccept` → `segmentOk` takes segment `s`'s 20 public
values `pv` (`Segments.segmentPublicValues` of the statement's values as `u32`s and the headers'
starts: the statement's 15, then the segment's start pc and clk, the next segment's start pc and
clk (or 0, 0), FINAL) and hands every table `t` of the segment the same list `pv.map ofU32`
(`tableAccept` → `tableOod` → `oodValues`, window public values
`fun i => ofBase ((pv.map ofU32).getD i 0)`). As base-field values this is `tablePub pv`
(`tableOod_pub`). The CPU (table 0) reads PV 15–19 (`Cpu.Pv`: PC0, CLK0, PC_END, CLK_END,
FINAL), the SYSCALL table (table 6) PV 4 (`Syscall.pvInputLen`), the BOUNDARY table (table 8)
PV 7–14 (`Boundary.pvZero0 + 2j`, `+ 2j + 1`) and PV 19 (`Boundary.pvFinal`).

* `StatementFacts`, `statementFacts`: from `receiptStatement` alone — 15 public values, PV 0 the
  key's entry, PV 1, 2 the exit code's halves (`exit_eq`), PV 3 the cycles (`cycles_of`),
  PV 4 the input length, PV 5 the consumed count with `hcons`, PV 6 the output length (`hout6`),
  input and output shorter than p, PV 7–14 the key's (at most four) zero intervals, `(0, 0)` past
  them;
* `SegmentFacts`, `segmentFacts`: what segment `s`'s tables read, `tablePub pv`: the statement's
  values, the SYSCALL input length (`hpub`, via `hpub_of`), the BOUNDARY zero intervals, the
  CPU's start (4-aligned pc below 2^30, clk below the cycles; the first segment's at the entry and
  clk 0: `hpc0`, `hclk0`), FINAL 1 exactly for the last segment (`hf`, `hnf`), PC_END, CLK_END
  the next segment's start;
* `RunFacts`, `runFacts`: the bundle, with the links between consecutive segments (`Linked`), the
  entry below 2^30 when it is below p (`hentry`), the interval slots' values (`RunFacts.ram`:
  `ImageFacts.ram` from the key's own interval check);
* `runFacts_of_segmentsAccept`, `receiptAccept_facts`: the same from the verifiers, with every
  segment's tables passing their out-of-domain checks on `tablePub pv` (`tableAccept_id`).

`hinlen` (`input.length < 2^30`) and `houtlen` (`output.length ≤ maxOutputLen = 2^28`) follow
from the statement's public values, which refuse longer inputs and outputs
(statement.rs `MAX_INPUT_LEN`, `MAX_OUTPUT_LEN`). Not derived: see the last section.

The file is under `Air/V2` since it states the facts in the AIR's terms (`Cpu.Pv`,
`Syscall.pvInputLen`, `Boundary.pvZero0`, `Exec.felt`), which the spec does not import.
-/

@[expose] public section

noncomputable section

namespace Zkvm.Air.V2.StmtFacts

open Zkvm.Field Zkvm.Spec Zkvm.Extracted
open Zkvm.Spec.Receipt (publicValues zeroPair)
open Zkvm.Spec.ReceiptVerifier (receiptStatement zeroIntervals)
open Zkvm.Air.V2.Exec (felt)

/-- The low end of zero interval `j` of `zs`, 0 past them. -/
def zeroLo (zs : List (UInt32 × UInt32)) (j : Nat) : UInt32 := ((zs[j]?).map Prod.fst).getD 0
/-- The high end of zero interval `j` of `zs`, 0 past them. -/
def zeroHi (zs : List (UInt32 × UInt32)) (j : Nat) : UInt32 := ((zs[j]?).map Prod.snd).getD 0

theorem zeroPair_eq (zs : List (UInt32 × UInt32)) (j : Nat) :
    zeroPair zs j = [zeroLo zs j, zeroHi zs j] := by
  unfold zeroPair zeroLo zeroHi
  cases zs[j]? <;> rfl

theorem ofU32_zero : ofU32 0 = 0 := rfl

theorem felt_eq_ofU32 (a : UInt32) : felt a = ofU32 a := rfl

/-- A `u32` below p is its field element's value. -/
theorem val_ofU32 {a : UInt32} (h : a.toNat < Zkvm.Field.P) : (ofU32 a).val = a.toNat :=
  Nat.mod_eq_of_lt h

theorem val_felt {a : UInt32} (h : a.toNat < Zkvm.Field.P) : (felt a).val = a.toNat :=
  Nat.mod_eq_of_lt h

theorem toNat_ofNat_of_lt {n : Nat} (h : n < 2013265921) : (UInt32.ofNat n).toNat = n := by
  simp only [UInt32.toNat_ofNat']; omega

theorem ofU32_toU32 (b : BabyBear) : ofU32 (Zkvm.Refinement.field.toU32 b) = b := by
  unfold ofU32
  rw [Zkvm.Refinement.field.toU32_toNat, BabyBear.ofNat_val]

theorem ofU32_ofNat {n : Nat} (h : n < 2013265921) :
    ofU32 (UInt32.ofNat n) = ((n : Nat) : BabyBear) := by
  show BabyBear.ofNat _ = BabyBear.ofNat _
  rw [toNat_ofNat_of_lt h]

theorem receiptStatement_ok {vkD : Zkvm.Commit.Digest} {prog : receipt.program.Program}
    {exitCode : UInt32} {cycles : UInt64} {consumed : UInt32} {input output : List UInt8}
    {st : Statement}
    (h : receiptStatement vkD prog exitCode cycles consumed input output = .ok st) :
    ∃ pv, publicValues prog.entry exitCode cycles input.length consumed.toNat output.length
      (zeroIntervals prog) = .ok pv ∧ st = ⟨vkD, pv.map ofU32, input, output⟩ := by
  unfold receiptStatement at h
  revert h
  cases publicValues prog.entry exitCode cycles input.length consumed.toNat output.length
      (zeroIntervals prog) with
  | error e => intro h; cases h
  | ok pv => intro h; cases h; exact ⟨pv, rfl, rfl⟩

theorem publicValues_ok {entry exitCode : UInt32} {cycles : UInt64} {inLen consumed outLen : Nat}
    {zs : List (UInt32 × UInt32)} {pv : List UInt32}
    (h : publicValues entry exitCode cycles inLen consumed outLen zs = .ok pv) :
    0 < cycles.toNat ∧ cycles.toNat ≤ 2 ^ 27 ∧ inLen < 2 ^ 30 ∧ outLen ≤ 2 ^ 28 ∧
      consumed ≤ inLen ∧ zs.length ≤ 4 ∧
      pv = [entry, exitCode &&& 65535, exitCode >>> 16, cycles.toUInt32, UInt32.ofNat inLen,
        UInt32.ofNat consumed, UInt32.ofNat outLen, zeroLo zs 0, zeroHi zs 0, zeroLo zs 1,
        zeroHi zs 1, zeroLo zs 2, zeroHi zs 2, zeroLo zs 3, zeroHi zs 3] := by
  unfold publicValues at h
  split at h
  · cases h
  rename_i h1
  split at h
  · cases h
  rename_i h2
  cases h
  refine ⟨by omega, by omega, by omega, by omega, by omega, by omega, ?_⟩
  simp [zeroPair_eq, List.range, List.range.loop]

/-! ## The statement's public values -/

open Zkvm.Spec.Statement (pvExitLo pvExitHi pvCycles pvInputLen pvInputConsumed pvOutputLen)

/-- **What the receipt's statement gives** about its public values `st.publicValues`, input and
output (`receiptStatement` of the key's program `prog`, a claimed exit code, cycle count and
consumed count): the statement's input and output are the receipt's; 15 public values; PV 0 the
program's entry; PV 1, 2 the exit code's halves; PV 3 the cycle count (`0 < cycles ≤ 2^27`);
PV 4 the input length; PV 5 the consumed count, at most the input length (the run theorems'
`hcons`); PV 6 the output length (`hout6`); input and output shorter than p; at most four zero
intervals, and PV 7 + 2j, 8 + 2j (the BOUNDARY table's `pvZero0 + 2j`, `pvZero0 + 2j + 1`)
interval j's ends, `(0, 0)` past the program's intervals. -/
structure StatementFacts (prog : receipt.program.Program) (exitCode : UInt32) (cycles : UInt64)
    (consumed : UInt32) (input output : List UInt8) (st : Statement) : Prop where
  input_eq : st.input = input
  output_eq : st.output = output
  length : st.publicValues.length = 15
  entry : st.publicValues.getD 0 0 = felt prog.entry
  exitLo : st.publicValues.getD pvExitLo 0 = felt (exitCode &&& 65535)
  exitHi : st.publicValues.getD pvExitHi 0 = felt (exitCode >>> 16)
  cycles_pos : 0 < cycles.toNat
  cycles_le : cycles.toNat ≤ 2 ^ 27
  cycles_eq : st.publicValues.getD pvCycles 0 = ((cycles.toNat : Nat) : BabyBear)
  cycles_val : (st.publicValues.getD pvCycles 0).val = cycles.toNat
  inputLen : st.publicValues.getD pvInputLen 0 = ((input.length : Nat) : BabyBear)
  inputLen_val : (st.publicValues.getD pvInputLen 0).val = input.length
  consumed_eq : st.publicValues.getD pvInputConsumed 0 = felt consumed
  consumed_val : (st.publicValues.getD pvInputConsumed 0).val = consumed.toNat
  /-- The run theorems' `hcons`. -/
  hcons : (st.publicValues.getD pvInputConsumed 0).val ≤ input.length
  /-- The run theorems' `hinlen`. -/
  hinlen : input.length < 2 ^ 30
  /-- The run theorems' `hout6`. -/
  hout6 : (st.publicValues.getD pvOutputLen 0).val = output.length
  /-- The run theorems' `houtlen`. -/
  houtlen : output.length ≤ Zkvm.RiscV.maxOutputLen
  zeroCount : prog.zero_intervals.length ≤ 4
  zero : ∀ j ∈ Boundary.intervals,
    st.publicValues.getD (Boundary.pvZero0 + 2 * j) 0 = felt (zeroLo (zeroIntervals prog) j) ∧
    st.publicValues.getD (Boundary.pvZero0 + 2 * j + 1) 0 = felt (zeroHi (zeroIntervals prog) j)

/-- **The receipt's statement's facts** (`StatementFacts`), from `receiptStatement` alone. -/
theorem statementFacts {vkD : Zkvm.Commit.Digest} {prog : receipt.program.Program}
    {exitCode : UInt32} {cycles : UInt64} {consumed : UInt32} {input output : List UInt8}
    {st : Statement}
    (h : receiptStatement vkD prog exitCode cycles consumed input output = .ok st) :
    StatementFacts prog exitCode cycles consumed input output st := by
  obtain ⟨pv, hpv, rfl⟩ := receiptStatement_ok h
  obtain ⟨hc0, hc27, hin, hout, hcons, hz, rfl⟩ := publicValues_ok hpv
  have hcyc : ofU32 cycles.toUInt32 = ((cycles.toNat : Nat) : BabyBear) := by
    show BabyBear.ofNat _ = BabyBear.ofNat _
    rw [UInt64.toNat_toUInt32]; congr 1; omega
  have hP : Zkvm.Field.P = 2013265921 := Zkvm.Field.P_eq
  have hcv : (((cycles.toNat : Nat) : BabyBear)).val = cycles.toNat := by
    rw [BabyBear.val_natCast, Nat.mod_eq_of_lt (by rw [Zkvm.Field.P_eq]; omega)]
  have hcs : ofU32 (UInt32.ofNat consumed.toNat) = felt consumed := by
    rw [UInt32.ofNat_toNat]; rfl
  have hcsv : (felt consumed).val = consumed.toNat := val_felt (by rw [Zkvm.Field.P_eq]; omega)
  refine ⟨rfl, rfl, rfl, rfl, rfl, rfl, hc0, hc27, hcyc, ?_, ofU32_ofNat (by omega), ?_, hcs, ?_,
    ?_, hin, ?_, (by unfold Zkvm.RiscV.maxOutputLen; omega), ?_, ?_⟩
  · show (ofU32 cycles.toUInt32).val = _
    rw [hcyc, hcv]
  · show (ofU32 (UInt32.ofNat input.length)).val = _
    rw [ofU32_ofNat (by omega), BabyBear.val_natCast, Nat.mod_eq_of_lt (by rw [Zkvm.Field.P_eq]; omega)]
  · show (ofU32 (UInt32.ofNat consumed.toNat)).val = _
    rw [hcs, hcsv]
  · show (ofU32 (UInt32.ofNat consumed.toNat)).val ≤ _
    rw [hcs, hcsv]; exact hcons
  · show (ofU32 (UInt32.ofNat output.length)).val = _
    rw [ofU32_ofNat (by omega), BabyBear.val_natCast, Nat.mod_eq_of_lt (by rw [Zkvm.Field.P_eq]; omega)]
  · simpa [zeroIntervals] using hz
  · intro j hj
    simp only [Boundary.intervals, List.mem_cons, List.not_mem_nil, or_false] at hj
    rcases hj with rfl | rfl | rfl | rfl <;> exact ⟨rfl, rfl⟩

/-- The run theorems' exit code, `WordLimbs.ofFelts` of PV 1 and PV 2, is the receipt's. -/
theorem StatementFacts.exit_eq {prog : receipt.program.Program} {exitCode : UInt32}
    {cycles : UInt64} {consumed : UInt32} {input output : List UInt8} {st : Statement}
    (F : StatementFacts prog exitCode cycles consumed input output st) :
    Zkvm.Air.WordLimbs.ofFelts (st.publicValues.getD pvExitLo 0) (st.publicValues.getD pvExitHi 0) =
      exitCode.toBitVec := by
  have hP : Zkvm.Field.P = 2013265921 := Zkvm.Field.P_eq
  have h1 : (exitCode &&& 65535).toNat = exitCode.toNat % 2 ^ 16 := by
    rw [UInt32.toNat_and]
    exact Nat.and_two_pow_sub_one_eq_mod _ 16
  have h2 : (exitCode >>> 16).toNat = exitCode.toNat / 2 ^ 16 := by
    rw [UInt32.toNat_shiftRight]
    exact Nat.shiftRight_eq_div_pow _ _
  have hlt := exitCode.toNat_lt
  have v1 : (st.publicValues.getD pvExitLo 0).val = exitCode.toNat % 2 ^ 16 := by
    rw [F.exitLo, val_felt (by rw [h1, hP]; omega), h1]
  have v2 : (st.publicValues.getD pvExitHi 0).val = exitCode.toNat / 2 ^ 16 := by
    rw [F.exitHi, val_felt (by rw [h2, hP]; omega), h2]
  apply BitVec.eq_of_toNat_eq
  rw [Zkvm.Air.WordLimbs.toNat_ofFelts (by rw [v1]; omega) (by rw [v2]; omega), v1, v2]
  show _ = exitCode.toNat
  omega

/-- The run theorems' step count: PV 3 is `N` (below p) exactly for the receipt's cycles. -/
theorem StatementFacts.cycles_of {prog : receipt.program.Program} {exitCode : UInt32}
    {cycles : UInt64} {consumed : UInt32} {input output : List UInt8} {st : Statement}
    (F : StatementFacts prog exitCode cycles consumed input output st) {N : Nat}
    (hN : st.publicValues.getD pvCycles 0 = ((N : Nat) : BabyBear)) (hNp : N < 2013265921) :
    N = cycles.toNat := by
  have hP : Zkvm.Field.P = 2013265921 := Zkvm.Field.P_eq
  have := F.cycles_val
  rw [hN, BabyBear.val_natCast, Nat.mod_eq_of_lt (by rw [hP]; omega)] at this
  exact this

/-! ## A segment's public values: what its tables read -/

open Zkvm.Refinement.field (toU32)
open Zkvm.Spec.Segments (segmentPublicValues SegmentStartsOk StartOk start startPc startClk)

/-- **The public values a table of a segment reads**: public value `i` of the segment's 20
(`segmentPublicValues`), as a field element, 0 past them. The verifier hands every table of
segment `s` the same list `pv.map ofU32` (`tableAccept` → `tableOod`), whose window public
values are `fun i => ofBase (tablePub pv i)` (`tableOod_pub`); the CPU reads PV 15–19
(`Cpu.Pv`), the SYSCALL table PV 4 (`Syscall.pvInputLen`), the BOUNDARY table PV 7–14 and 19
(`Boundary.pvZero0`, `Boundary.pvFinal`). -/
def tablePub (pv : List UInt32) (i : Nat) : BabyBear := (pv.map ofU32).getD i 0

/-- The window public values `tableOod` builds from a segment's public values `pv` are
`tablePub pv`, embedded in the extension. -/
theorem tableOod_pub (pv : List UInt32) :
    (fun i => Zkvm.Field.Ext4.ofBase ((pv.map ofU32).getD i 0)) =
      fun i => Zkvm.Field.Ext4.ofBase (tablePub pv i) := rfl

theorem getD_map' {α β : Type} (f : α → β) (l : List α) (i : Nat) (d : α) :
    (l.map f).getD i (f d) = f (l.getD i d) := by
  simp only [List.getD_eq_getElem?_getD, List.getElem?_map]
  cases l[i]? <;> rfl

theorem tablePub_eq (pv : List UInt32) (i : Nat) : tablePub pv i = ofU32 (pv.getD i 0) := by
  unfold tablePub
  rw [← ofU32_zero, getD_map']

theorem toU32_zero : toU32 0 = 0 := rfl

theorem getD_map_toU32 (l : List BabyBear) (i : Nat) :
    (l.map toU32).getD i 0 = toU32 (l.getD i 0) := by
  rw [← toU32_zero, getD_map']

/-- A segment's public values, in one form for the last segment and the others. -/
theorem segPv_cases {values : List UInt32} {starts : List (List UInt32)} {s : Nat}
    {pv : List UInt32} (h : segmentPublicValues values starts s = some pv) :
    values.length = 15 ∧ s < starts.length ∧ (start starts s).length = 2 ∧
      pv = values ++ [startPc starts s, startClk starts s,
        if s + 1 = starts.length then 0 else startPc starts (s + 1),
        if s + 1 = starts.length then 0 else startClk starts (s + 1),
        if s + 1 = starts.length then 1 else 0] := by
  unfold segmentPublicValues at h
  split at h
  · rename_i hc
    refine ⟨hc.1, hc.2.1, hc.2.2, ?_⟩
    split at h
    · rename_i hl; cases h; simp [hl]
    · rename_i hl
      split at h
      · cases h; simp [hl]
      · cases h
  · cases h

/-- Segment `s` has public values when it is among the starts of a valid chain. -/
theorem segPv_exists {values : List UInt32} {starts : List (List UInt32)}
    (h : SegmentStartsOk values starts) {s : Nat} (hs : s < starts.length) :
    ∃ pv, segmentPublicValues values starts s = some pv := by
  obtain ⟨hv, -, hall⟩ := h
  unfold segmentPublicValues
  rw [if_pos ⟨hv, hs, (hall s hs).1⟩]
  split
  · exact ⟨_, rfl⟩
  · rw [if_pos (hall (s + 1) (by omega)).1]
    exact ⟨_, rfl⟩

theorem getD_tail {values tail : List UInt32} (hv : values.length = 15) (k : Nat) :
    (values ++ tail).getD (15 + k) 0 = tail.getD k 0 := by
  simp only [List.getD_eq_getElem?_getD]
  rw [List.getElem?_append_right (by omega), hv, Nat.add_sub_cancel_left]

theorem getD_head {values tail : List UInt32} (hv : values.length = 15) {i : Nat} (hi : i < 15) :
    (values ++ tail).getD i 0 = values.getD i 0 := by
  simp only [List.getD_eq_getElem?_getD]
  rw [List.getElem?_append_left (by omega)]

theorem ofU32_ite (c : Prop) [Decidable c] (a b : UInt32) :
    ofU32 (if c then a else b) = if c then ofU32 a else ofU32 b := by
  split <;> rfl

theorem ofU32_one : ofU32 1 = 1 := rfl

/-- **What a segment's tables read** (`tablePub pv`, `pv` segment `s`'s public values, `starts`
the segments' starts): the statement's 15 public values first (so the SYSCALL table's PV 4 is
the input length — the run theorems' `hpub` — and the BOUNDARY table's zero-interval slots the
key's zero intervals), then the segment's start pc and clk (the CPU's PC0, CLK0: pc 4-aligned
below 2^30, clk below the cycle count; for the first segment the key's entry and 0), the next
segment's start (PC_END, CLK_END) and FINAL, 1 exactly for the last segment. -/
structure SegmentFacts (prog : receipt.program.Program) (input : List UInt8) (st : Statement)
    (starts : List (List UInt32)) (s : Nat) (pv : List UInt32) : Prop where
  length : pv.length = 20
  lt : s < starts.length
  stmt : ∀ i < 15, tablePub pv i = st.publicValues.getD i 0
  /-- SYSCALL: the input length (the run theorems' `hpub`, with the table's `Groups`). -/
  inputLen : tablePub pv Syscall.pvInputLen = ((input.length : Nat) : BabyBear)
  /-- BOUNDARY: the key's zero intervals, `(0, 0)` past them. -/
  zero : ∀ j ∈ Boundary.intervals,
    tablePub pv (Boundary.pvZero0 + 2 * j) = felt (zeroLo (zeroIntervals prog) j) ∧
    tablePub pv (Boundary.pvZero0 + 2 * j + 1) = felt (zeroHi (zeroIntervals prog) j)
  /-- CPU: the segment's start. -/
  pc0 : tablePub pv Cpu.Pv.pc0 = felt (startPc starts s)
  clk0 : tablePub pv Cpu.Pv.clk0 = felt (startClk starts s)
  pc0_lt : (startPc starts s).toNat < 2 ^ 30
  pc0_mod : (startPc starts s).toNat % 4 = 0
  clk0_lt : (startClk starts s).toNat < (st.publicValues.getD pvCycles 0).val
  /-- The first segment starts at the key's entry (`hpc0`) and clk 0 (`hclk0`). -/
  first : s = 0 → tablePub pv Cpu.Pv.pc0 = felt prog.entry ∧ tablePub pv Cpu.Pv.clk0 = 0
  /-- FINAL (the CPU's, BOUNDARY's and PRIVATE's PV 19): 1 for the last segment, else 0. -/
  final : tablePub pv Cpu.Pv.final = if s + 1 = starts.length then 1 else 0
  /-- A segment before the last ends where the next starts. -/
  next : s + 1 < starts.length → tablePub pv Cpu.Pv.pcEnd = felt (startPc starts (s + 1)) ∧
    tablePub pv Cpu.Pv.clkEnd = felt (startClk starts (s + 1))

theorem segmentFacts {prog : receipt.program.Program} {exitCode : UInt32} {cycles : UInt64}
    {consumed : UInt32} {input output : List UInt8} {st : Statement}
    (F : StatementFacts prog exitCode cycles consumed input output st)
    {starts : List (List UInt32)} (hok : SegmentStartsOk (st.publicValues.map toU32) starts)
    {s : Nat} {pv : List UInt32}
    (h : segmentPublicValues (st.publicValues.map toU32) starts s = some pv) :
    SegmentFacts prog input st starts s pv := by
  obtain ⟨hv, hs, -, rfl⟩ := segPv_cases h
  have hstmt : ∀ i < 15, tablePub (st.publicValues.map toU32 ++ [startPc starts s,
      startClk starts s, if s + 1 = starts.length then 0 else startPc starts (s + 1),
      if s + 1 = starts.length then 0 else startClk starts (s + 1),
      if s + 1 = starts.length then 1 else 0]) i = st.publicValues.getD i 0 := by
    intro i hi
    rw [tablePub_eq, getD_head hv hi, getD_map_toU32, ofU32_toU32]
  have htail : ∀ k, tablePub (st.publicValues.map toU32 ++ [startPc starts s,
      startClk starts s, if s + 1 = starts.length then 0 else startPc starts (s + 1),
      if s + 1 = starts.length then 0 else startClk starts (s + 1),
      if s + 1 = starts.length then 1 else 0]) (15 + k) =
      ofU32 ([startPc starts s,
      startClk starts s, if s + 1 = starts.length then 0 else startPc starts (s + 1),
      if s + 1 = starts.length then 0 else startClk starts (s + 1),
      if s + 1 = starts.length then 1 else 0].getD k 0) := fun k => by
    rw [tablePub_eq, getD_tail hv]
  obtain ⟨hlen2, hchain, hclk, hpc4, hpc30⟩ := hok.2.2 s hs
  refine ⟨by simp [hv], hs, hstmt, ?_, ?_, htail 0, htail 1, hpc30, hpc4, ?_, ?_, ?_, ?_⟩
  · exact (hstmt 4 (by decide)).trans F.inputLen
  · intro j hj
    have hj4 : j < 4 := by
      simp only [Boundary.intervals, List.mem_cons, List.not_mem_nil, or_false] at hj; omega
    have h1 := hstmt (Boundary.pvZero0 + 2 * j) (by unfold Boundary.pvZero0; omega)
    have h2 := hstmt (Boundary.pvZero0 + 2 * j + 1) (by unfold Boundary.pvZero0; omega)
    rw [h1, h2]
    exact F.zero j hj
  · rw [getD_map_toU32, Zkvm.Refinement.field.toU32_toNat] at hclk
    exact hclk
  · intro h0
    subst h0
    rw [if_pos rfl] at hchain
    obtain ⟨hpc, hck⟩ := hchain
    refine ⟨?_, ?_⟩
    · refine (htail 0).trans ?_
      show ofU32 (startPc starts 0) = _
      rw [hpc]
      show ofU32 ((st.publicValues.map toU32).getD 0 0) = _
      rw [getD_map_toU32, ofU32_toU32, F.entry]
    · refine (htail 1).trans ?_
      show ofU32 (startClk starts 0) = _
      rw [hck]; rfl
  · refine (htail 4).trans ?_
    show ofU32 (if s + 1 = starts.length then 1 else 0) = _
    rw [ofU32_ite, ofU32_one, ofU32_zero]
  · intro hn
    have hne : ¬ (s + 1 = starts.length) := by omega
    refine ⟨?_, ?_⟩
    · refine (htail 2).trans ?_
      show ofU32 (if s + 1 = starts.length then 0 else startPc starts (s + 1)) = _
      rw [if_neg hne]; rfl
    · refine (htail 3).trans ?_
      show ofU32 (if s + 1 = starts.length then 0 else startClk starts (s + 1)) = _
      rw [if_neg hne]; rfl

/-! ## The whole run's facts -/

/-- Interval `j`'s ends when the program has an interval `j`. -/
theorem zero_some {prog : receipt.program.Program} {j : Nat} {z : receipt.program.ZeroInterval}
    (hz : prog.zero_intervals[j]? = some z) :
    zeroLo (zeroIntervals prog) j = z.lo ∧ zeroHi (zeroIntervals prog) j = z.hi := by
  unfold zeroLo zeroHi zeroIntervals
  rw [List.getElem?_map, hz]
  exact ⟨rfl, rfl⟩

/-- `(0, 0)` past the program's intervals. -/
theorem zero_none {prog : receipt.program.Program} {j : Nat}
    (hz : prog.zero_intervals[j]? = none) :
    zeroLo (zeroIntervals prog) j = 0 ∧ zeroHi (zeroIntervals prog) j = 0 := by
  unfold zeroLo zeroHi zeroIntervals
  rw [List.getElem?_map, hz]
  exact ⟨rfl, rfl⟩

/-- **The facts the whole-run theorems take of the statement and of the segments' public
values**, for a statement `st` of a receipt's claim (`receiptStatement` with the key's program
`prog`) and the segments' starts `starts` (the headers' values) forming a valid chain
(`SegmentStartsOk`):
* `stmt`: the statement's own facts (`StatementFacts`: `hcons`, `hout6`, the input and output
  shorter than p, …);
* at least one segment, and every segment `s < starts.length` has public values `pv`
  (`segmentPublicValues … s = some pv`), whose tables read `tablePub pv` with the facts
  `SegmentFacts` (SYSCALL's input length: `hpub`; BOUNDARY's zero intervals; the CPU's start,
  FINAL and end);
* consecutive segments are linked: PC_END, CLK_END of one are PC0, CLK0 of the next (`Linked`);
* the key's entry is below 2^30 when it is below p (`hentry`);
* the BOUNDARY table's interval slots hold the key's intervals' values (below p) and `(0, 0)`
  past them (`ImageFacts.ram`'s `pb`). -/
structure RunFacts (prog : receipt.program.Program) (exitCode : UInt32) (cycles : UInt64)
    (consumed : UInt32) (input output : List UInt8) (st : Statement)
    (starts : List (List UInt32)) : Prop where
  stmt : StatementFacts prog exitCode cycles consumed input output st
  startsOk : SegmentStartsOk (st.publicValues.map toU32) starts
  nonempty : 0 < starts.length
  segPv : ∀ s < starts.length,
    ∃ pv, segmentPublicValues (st.publicValues.map toU32) starts s = some pv
  seg : ∀ s pv, segmentPublicValues (st.publicValues.map toU32) starts s = some pv →
    SegmentFacts prog input st starts s pv
  links : ∀ s pv pv', segmentPublicValues (st.publicValues.map toU32) starts s = some pv →
    segmentPublicValues (st.publicValues.map toU32) starts (s + 1) = some pv' →
    tablePub pv Cpu.Pv.pcEnd = tablePub pv' Cpu.Pv.pc0 ∧
      tablePub pv Cpu.Pv.clkEnd = tablePub pv' Cpu.Pv.clk0
  entry_lt : prog.entry.toNat < Zkvm.Field.P → prog.entry.toNat < 2 ^ 30
  zero_val : ∀ s pv, segmentPublicValues (st.publicValues.map toU32) starts s = some pv →
    ∀ j z, prog.zero_intervals[j]? = some z → z.lo.toNat < Zkvm.Field.P →
      z.hi.toNat < Zkvm.Field.P →
      j ∈ Boundary.intervals ∧
      (tablePub pv (Boundary.pvZero0 + 2 * j)).val = z.lo.toNat ∧
      (tablePub pv (Boundary.pvZero0 + 2 * j + 1)).val = z.hi.toNat
  zero_empty : ∀ s pv, segmentPublicValues (st.publicValues.map toU32) starts s = some pv →
    ∀ j ∈ Boundary.intervals, prog.zero_intervals[j]? = none →
      tablePub pv (Boundary.pvZero0 + 2 * j) = 0 ∧ tablePub pv (Boundary.pvZero0 + 2 * j + 1) = 0

/-- **The whole run's facts** from the receipt's statement and a valid chain of starts. -/
theorem runFacts {vkD : Zkvm.Commit.Digest} {prog : receipt.program.Program}
    {exitCode : UInt32} {cycles : UInt64} {consumed : UInt32} {input output : List UInt8}
    {st : Statement} (h : receiptStatement vkD prog exitCode cycles consumed input output = .ok st)
    {starts : List (List UInt32)} (hok : SegmentStartsOk (st.publicValues.map toU32) starts) :
    RunFacts prog exitCode cycles consumed input output st starts := by
  have F := statementFacts h
  have hne : 0 < starts.length := by
    cases starts with
    | nil => exact absurd rfl hok.2.1
    | cons _ _ => simp
  refine ⟨F, hok, hne, fun s hs => segPv_exists hok hs, fun s pv hs => segmentFacts F hok hs,
    ?_, ?_, ?_, ?_⟩
  · intro s pv pv' h1 h2
    have G := segmentFacts F hok h1
    have G' := segmentFacts F hok h2
    obtain ⟨e1, e2⟩ := G.next G'.lt
    rw [e1, e2, G'.pc0, G'.clk0]
    exact ⟨rfl, rfl⟩
  · intro hlt
    obtain ⟨-, hchain, -, -, h30⟩ := hok.2.2 0 hne
    rw [if_pos rfl] at hchain
    rw [hchain.1, getD_map_toU32] at h30
    have : (toU32 (st.publicValues.getD Segments.pvEntry 0)).toNat = prog.entry.toNat := by
      rw [Zkvm.Refinement.field.toU32_toNat]
      exact (congrArg BabyBear.val F.entry).trans (val_felt hlt)
    omega
  · intro s pv hs j z hz hlo hhi
    have G := segmentFacts F hok hs
    have hj : j ∈ Boundary.intervals := by
      have h1 : j < prog.zero_intervals.length := by
        rcases Nat.lt_or_ge j prog.zero_intervals.length with h | h
        · exact h
        · rw [List.getElem?_eq_none h] at hz; cases hz
      have := F.zeroCount
      simp only [Boundary.intervals, List.mem_cons, List.not_mem_nil, or_false]
      omega
    obtain ⟨e1, e2⟩ := G.zero j hj
    obtain ⟨z1, z2⟩ := zero_some hz
    rw [e1, e2, z1, z2, val_felt hlo, val_felt hhi]
    exact ⟨hj, rfl, rfl⟩
  · intro s pv hs j hj hz
    obtain ⟨e1, e2⟩ := (segmentFacts F hok hs).zero j hj
    obtain ⟨z1, z2⟩ := zero_none hz
    rw [e1, e2, z1, z2]
    exact ⟨rfl, rfl⟩

/-- **The BOUNDARY table's intervals exclude the RAM words the key's intervals exclude** (the
form of `ImageFacts.ram`, with `pb` a segment's `tablePub pv`): for a key whose zero intervals'
ends are below p, an image word of space 1 outside every key interval is outside every interval
slot the BOUNDARY table reads (the empty slots `(0, 0)` hold no word). -/
theorem RunFacts.ram {prog : receipt.program.Program} {exitCode : UInt32} {cycles : UInt64}
    {consumed : UInt32} {input output : List UInt8} {st : Statement}
    {starts : List (List UInt32)}
    (R : RunFacts prog exitCode cycles consumed input output st starts)
    {s : Nat} {pv : List UInt32}
    (hs : segmentPublicValues (st.publicValues.map toU32) starts s = some pv)
    (hzb : ∀ z ∈ prog.zero_intervals, z.lo.toNat < Zkvm.Field.P ∧ z.hi.toNat < Zkvm.Field.P)
    {image : List Spec.ImageWord}
    (hkey : ∀ w ∈ image, w.space.toNat = 1 → ∀ z ∈ prog.zero_intervals,
      ¬ (z.lo.toNat ≤ w.wa.toNat ∧ w.wa.toNat < z.hi.toNat)) :
    ∀ w ∈ image, w.space.toNat = 1 → ∀ j ∈ Boundary.intervals,
      ¬ ((tablePub pv (Boundary.pvZero0 + 2 * j)).val ≤ w.wa.toNat ∧
        w.wa.toNat < (tablePub pv (Boundary.pvZero0 + 2 * j + 1)).val) := by
  intro w hw h1 j hj
  cases hz : prog.zero_intervals[j]? with
  | none =>
    obtain ⟨e1, e2⟩ := R.zero_empty s pv hs j hj hz
    rw [e1, e2]
    intro h
    exact absurd h.2 (by show ¬ (_ < 0); omega)
  | some z =>
    have hm : z ∈ prog.zero_intervals := List.mem_of_getElem? hz
    obtain ⟨-, e1, e2⟩ := R.zero_val s pv hs j z hz (hzb z hm).1 (hzb z hm).2
    rw [e1, e2]
    exact hkey w hw h1 z hm

/-- **The SYSCALL rows' public input length** (the run theorems' `hpub`): rows each satisfying
the SYSCALL constraints with the public values of some segment have public values whose input
length is the statement's input's. -/
theorem hpub_of {prog : receipt.program.Program} {input : List UInt8} {st : Statement}
    {starts : List (List UInt32)} {rows : List (Zkvm.Air.Table.Row BabyBear)}
    (h : ∀ rs ∈ rows, ∃ s pv, SegmentFacts prog input st starts s pv ∧
      Syscall.Groups rs (tablePub pv)) :
    ∀ rs ∈ rows, ∃ pub : Zkvm.Air.Table.Row BabyBear, Syscall.Groups rs pub ∧
      pub Syscall.pvInputLen = ((input.length : Nat) : BabyBear) := by
  intro rs hrs
  obtain ⟨s, pv, G, hg⟩ := h rs hrs
  exact ⟨tablePub pv, hg, G.inputLen⟩

/-! ## From the verifiers -/

open Zkvm.Spec.Verifier (segmentsAccept segmentOk tableAccept tableOod segChallenges SegmentView)
open Zkvm.Spec.ReceiptVerifier (receiptAccept)
open Zkvm.Spec.VerifyingKey (vkProgram)

/-- **The whole run's facts from the segments verifier**: `segmentsAccept` checks the chain of
starts (`SegmentStartsOk` of the headers' values). -/
theorem runFacts_of_segmentsAccept {H : List UInt8 → Zkvm.Commit.Digest}
    {vk : protocol.vk.VerifyingKey} {vkD : Zkvm.Commit.Digest} {exitCode : UInt32}
    {cycles : UInt64} {consumed : UInt32} {input output : List UInt8} {st : Statement}
    {hdrs : List SegmentHeader} {segs : List protocol.proof.Proof} {views : List SegmentView}
    (hst : receiptStatement vkD (vkProgram vk) exitCode cycles consumed input output = .ok st)
    (hacc : segmentsAccept H vk st hdrs segs views) :
    RunFacts (vkProgram vk) exitCode cycles consumed input output st (hdrs.map (·.values)) := by
  obtain ⟨-, -, -, -, -, -, -, -, -, -, -, -, -, -, hstarts, -⟩ := hacc
  exact runFacts hst hstarts

/-- Table `t` of the machine's tables, `id`, passes the out-of-domain check `tableOod` with the
segment's public values `pv.map ofU32` (window public values `ofBase (tablePub pv i)`,
`tableOod_pub`). -/
theorem tableAccept_id {vk : protocol.vk.VerifyingKey} {ids : List air.TableId}
    {pv : List UInt32} {v : SegmentView} {d : protocol.stark.ProofDimensions} {s : Nat}
    {C : Challenges} {t : Nat} {id : air.TableId} (hid : ids[t]? = some id)
    (h : tableAccept vk ids pv v d s C t) :
    ∃ o td σ, v.ood[t]? = some o ∧ d.tables[t]? = some td ∧
      v.msgs.claimedSums[t]? = some σ ∧
      tableOod id vk.params.zk o (pv.map ofU32) td C.chi C.beta
        (Zkvm.Refinement.protocol.logup.segmentLocalPoint C.chi C.beta s) C.alpha C.zeta σ =
        .ok () := by
  obtain ⟨id', o, td, σ, hid', ho, htd, hσ, hood⟩ := h
  rw [hid] at hid'
  cases hid'
  exact ⟨o, td, σ, ho, htd, hσ, hood⟩

/-- The CPU, SYSCALL and BOUNDARY tables are the machine's tables 0, 6 and 8. -/
theorem machineTables_cpu : machineTables[0]? = some .Rv32Cpu := rfl
theorem machineTables_syscall : machineTables[6]? = some .Rv32Syscall := rfl
theorem machineTables_boundary : machineTables[8]? = some .Rv32Boundary := rfl

/-- **What the receipt verifier's acceptance gives the whole-run theorems**: the run is the
receipt's claim; its statement `st` is `receiptStatement`'s; the whole run's facts `RunFacts`
hold for the headers' starts; and every segment `s` (one header, view and dimensions each) has
public values `pv` with `SegmentFacts`, with which every table of the segment passes its
out-of-domain check (`tableAccept`, `tableAccept_id`: the table reads `tablePub pv`); the headers
are those of the receipt's own segment proofs (its bytes carry `encSegments segs`, whose headers
`SegmentsImage` gives). -/
theorem receiptAccept_facts {H : List UInt8 → Zkvm.Commit.Digest}
    {vk : protocol.vk.VerifyingKey} {vkD : Zkvm.Commit.Digest} {bytes : List UInt8}
    {run : receipt.VerifiedRun} (h : receiptAccept H vk vkD bytes run) :
    ∃ (exitCode : UInt32) (cycles : UInt64) (consumed : UInt32) (input output : List UInt8)
      (st : Statement) (hdrs : List SegmentHeader) (views : List SegmentView)
      (dims : List protocol.stark.ProofDimensions),
      run = ⟨exitCode, cycles, consumed, input, output⟩ ∧
      receiptStatement vkD (vkProgram vk) exitCode cycles consumed input output = .ok st ∧
      RunFacts (vkProgram vk) exitCode cycles consumed input output st (hdrs.map (·.values)) ∧
      (∃ proof segs, Zkvm.Spec.ReceiptVerifier.ReceiptBytes bytes exitCode cycles consumed input
          output proof ∧ proof = Zkvm.Spec.ProofFormat.encSegments segs ∧
        Zkvm.Spec.ReceiptVerifier.SegmentsImage segs hdrs views) ∧
      views.length = hdrs.length ∧ dims.length = hdrs.length ∧
      ∀ s v d, views[s]? = some v → dims[s]? = some d →
        ∃ pv, Segments.segmentPublicValues (st.publicValues.map toU32) (hdrs.map (·.values)) s =
            some pv ∧
          SegmentFacts (vkProgram vk) input st (hdrs.map (·.values)) s pv ∧
          ∀ t, t < machineTables.length → t < d.tables.length →
            tableAccept vk machineTables pv v d s (segChallenges H vk st hdrs s v d) t := by
  obtain ⟨exitCode, cycles, consumed, input, output, proof, st, segs, hdrs, views, hbytes, hst,
    hproof, -, himg, hacc, hrun⟩ := h
  have himg' := himg
  obtain ⟨hhl, hvl, -⟩ := himg'
  have R := runFacts_of_segmentsAccept hst hacc
  obtain ⟨ids, shapes, nv, dims, fixed, -, -, -, hids, -, -, hdl, hfl, -, -, -, -, hsegs⟩ :=
    hacc
  refine ⟨exitCode, cycles, consumed, input, output, st, hdrs, views, dims, hrun, hst, R,
    ⟨proof, segs, hbytes, hproof, himg⟩, by omega, by omega, ?_⟩
  intro s v d hv hd
  have hs : s < segs.length := by
    have := (List.getElem?_eq_some_iff.mp hv).1
    omega
  have hp : segs[s]? = some segs[s] := List.getElem?_eq_getElem hs
  have hf : fixed[s]? = some (fixed[s]'(by omega)) := List.getElem?_eq_getElem (by omega)
  have hh : hdrs[s]? = some (hdrs[s]'(by omega)) := List.getElem?_eq_getElem (by omega)
  obtain ⟨-, -, ⟨pv, hpv, htabs⟩, -⟩ := hsegs s _ d _ v _ hp hd hf hv hh
  subst hids
  exact ⟨pv, hpv, R.seg s pv hpv, htabs⟩

/-! ## Not derived

* `hentry : entry.toNat < 2 ^ 30` follows (`RunFacts.entry_lt`) only for an entry below p: the
  verifier checks the first segment's start pc, the entry reduced mod p, below 2^30. Keys made by
  `receipt::verifying_key` have their entry below 2^30 (`ProgramShape.entry`,
  `check_program_shape`), so this is a fact of the key, not of the receipt.
* `segmentsAccept` alone does not tie the headers' count to the segments' (`segmentOk` is
  required of the segments that have a header, a view, dimensions and fixed tables, while the
  chain of starts and FINAL are the headers'); `receiptAccept` does (`SegmentsImage`: as many
  headers and views as segments), so every segment of the chain, the last included, is checked.
-/

end Zkvm.Air.V2.StmtFacts

end
