module

public import Zkvm.Air.V2.RunTraceSegs
public import Zkvm.Air.V2.RunTraceBus
public import Zkvm.Air.V2.BusSegments
public import Zkvm.Air.V2.RunStatementMsgs
public import Zkvm.Extracted.Air.Rv32im.Cpu.Types
public import Zkvm.Extracted.Air.Rv32im.Alu.Types
public import Zkvm.Extracted.Air.Rv32im.Logic.Types
public import Zkvm.Extracted.Air.Rv32im.Mul.Types
public import Zkvm.Extracted.Air.Rv32im.Div.Types
public import Zkvm.Extracted.Air.Rv32im.Mem.Types
public import Zkvm.Extracted.Air.Rv32im.Syscall.Types
public import Zkvm.Extracted.Air.Rv32im.Io.Types
public import Zkvm.Extracted.Air.Rv32im.Range.Types
public import Zkvm.Extracted.Air.Rv32im.Private.Types
public import Zkvm.Extracted.Air.Rv32im.Boundary.Types
public import Zkvm.Extracted.Air.Rv32im.Fixed.Types

/-!
# The verifier's count of global fractions, and the run's length from the claimed cycles

The receipt verifier refuses a proof whose global fractions — over every segment's tables, each
row counting its table's global slots (`FRACTION_GLOBAL`), plus the statement's own messages —
number p or more (`stark::check_global_fractions`, docs/air.md §12.2 (d)). Over the witness's
tables that bound is `FewGlobal`: `globalSlots`, read from the extracted `FRACTION_GLOBAL` of
each table, plus the statement's sends and receives, below p.

It bounds the run's length without any hypothesis on it: every CPU row has 7 global slots, so
fewer than p / 7 < 2^30 CPU rows (`cpu_of_few`); the `N` real rows of the joined segments are
among them (`sum_R_le`). The claimed cycle count is then `N` as a number: the last real row
halts, its EXIT message carries clk + 1 = N, and the statement alone receives EXIT, with the
claimed count (`cycles_of_facts`); both are below p, so the verifier's bound on the cycles,
at most 2^27, bounds `N` (`run_le_of_cycles`). The segment theorems take this in place of a
bound on `N` (RunSegsRange.lean: `run_of_segments_from`).
-/

set_option autoImplicit false

@[expose] public section

noncomputable section

namespace Zkvm.Air.V2.Exec

open Zkvm.Field Zkvm.Air.Table

/-- The number of global slots a table's row has: the `true`s of its `FRACTION_GLOBAL`, as
`air::framework_shape` counts them into `num_global_fractions`. -/
def numGlobal (flags : List Bool) : Nat := (flags.filter id).length

/-- **The tables' global slots**, as the verifier counts them: each table's rows times its
global slots per row (`stark::check_global_fractions`, before the statement's messages). -/
def globalSlots (T : Tables) : Nat :=
  numGlobal Zkvm.Extracted.air.rv32im.cpu.FRACTION_GLOBAL * T.cpu.length +
  numGlobal Zkvm.Extracted.air.rv32im.alu.FRACTION_GLOBAL * T.alu.length +
  numGlobal Zkvm.Extracted.air.rv32im.logic.FRACTION_GLOBAL * T.logic.length +
  numGlobal Zkvm.Extracted.air.rv32im.mul.FRACTION_GLOBAL * T.mul.length +
  numGlobal Zkvm.Extracted.air.rv32im.div.FRACTION_GLOBAL * T.div.length +
  numGlobal Zkvm.Extracted.air.rv32im.mem.FRACTION_GLOBAL * T.mem.length +
  numGlobal Zkvm.Extracted.air.rv32im.syscall.FRACTION_GLOBAL * T.sys.length +
  numGlobal Zkvm.Extracted.air.rv32im.io.FRACTION_GLOBAL * T.io.length +
  numGlobal Zkvm.Extracted.air.rv32im.range.FRACTION_GLOBAL * T.range.length +
  numGlobal Zkvm.Extracted.air.rv32im.private.FRACTION_GLOBAL * T.priv.length +
  numGlobal Zkvm.Extracted.air.rv32im.boundary.FRACTION_GLOBAL * T.bnd.length

/-- **Fewer than p global fractions** (`stark::check_global_fractions`): the tables' global slots
and the statement's sends and receives. -/
def FewGlobal (T : Tables) (ssent srcvd : List (List BabyBear)) : Prop :=
  globalSlots T + ssent.length + srcvd.length < 2013265921

/-- The extracted flags' counts, table by table: the CPU row's six MEM fractions (three ports,
each a receive and a send) and EXIT, the IO row's MEM receive and send and four byte messages,
and so on. -/
theorem globalSlots_eq (T : Tables) : globalSlots T =
    7 * T.cpu.length + 0 * T.alu.length + 0 * T.logic.length + 0 * T.mul.length +
    0 * T.div.length + 2 * T.mem.length + 9 * T.sys.length + 6 * T.io.length +
    0 * T.range.length + 3 * T.priv.length + 2 * T.bnd.length := rfl

/-- **Fewer than p / 7 CPU rows**, from the verifier's count. -/
theorem cpu_of_few {T : Tables} {ssent srcvd : List (List BabyBear)}
    (h : FewGlobal T ssent srcvd) : 7 * T.cpu.length < 2013265921 := by
  unfold FewGlobal at h
  rw [globalSlots_eq] at h
  omega

/-- **Fewer than p / 6 IO rows**, from the verifier's count. -/
theorem io_of_few {T : Tables} {ssent srcvd : List (List BabyBear)}
    (h : FewGlobal T ssent srcvd) : 6 * T.io.length < 2013265921 := by
  unfold FewGlobal at h
  rw [globalSlots_eq] at h
  omega

/-! ## Every global message is carried by fewer than p fractions -/

/-- A message head with a global tag. -/
def isGlobalHead : Option BabyBear → Bool
  | some t => decide (t ∈ globalTags)
  | none => false

/-- A fraction whose message has a global tag (`GlobalMsg`). -/
def globalFrac (f : Cpu.Fraction BabyBear) : Bool := isGlobalHead f.fields.head?

/-- Counting global fractions reads only their messages' heads. -/
theorem len_filter_heads (l : List (Cpu.Fraction BabyBear)) :
    (l.filter globalFrac).length = ((l.map (·.fields.head?)).filter isGlobalHead).length := by
  rw [List.filter_map, List.length_map]
  rfl

/-- Counts a row's global-tagged fractions, once the table's fractions are unfolded: reads their
heads and decides the count over the constant tags. -/
local macro "count_global" : tactic =>
  `(tactic| (simp only [List.cons_append, List.nil_append, List.map_cons, List.map_nil,
      List.filter_cons, List.filter_nil, isGlobalHead, List.head?_cons]; decide))

/-- A row's global fractions: at most its table's global slots. The heads of every table's
messages are constants but the IO row's byte messages' (INPUT, OUTPUT or PRIV by its kind), so
each count is a computation over the constant tags, checked against the extracted flags. -/
theorem cpu_global (r : Row BabyBear) :
    ((Cpu.fractions r).filter globalFrac).length ≤ 7 := by
  rw [len_filter_heads]; unfold Cpu.fractions Cpu.port; count_global

theorem alu_global (r : Row BabyBear) :
    ((Alu.fractions r).filter globalFrac).length ≤ 0 := by
  rw [len_filter_heads]; unfold Alu.fractions; count_global

theorem logic_global (r : Row BabyBear) :
    ((Logic.fractions r).filter globalFrac).length ≤ 0 := by
  rw [len_filter_heads]; unfold Logic.fractions Logic.and4; count_global

theorem mul_global (r : Row BabyBear) :
    ((Mul.fractions r).filter globalFrac).length ≤ 0 := by
  rw [len_filter_heads]; unfold Mul.fractions Mul.look; count_global

theorem div_global (r : Row BabyBear) :
    ((Div.fractions r).filter globalFrac).length ≤ 0 := by
  rw [len_filter_heads]; unfold Div.fractions Mul.look; count_global

theorem mem_global (r : Row BabyBear) :
    ((Mem.fractions r).filter globalFrac).length ≤ 2 := by
  rw [len_filter_heads]; unfold Mem.fractions; count_global

theorem sys_global (r : Row BabyBear) :
    ((Syscall.fractions r).filter globalFrac).length ≤ 9 := by
  rw [len_filter_heads]; unfold Syscall.fractions Syscall.access; count_global

/-- The IO row: its MEM receive and send (constant heads) and its four byte messages. -/
theorem io_global (r : Row BabyBear) :
    ((Io.fractions r).filter globalFrac).length ≤ 6 := by
  rw [← List.take_append_drop 10 (Io.fractions r), List.filter_append, List.length_append]
  have h1 : (((Io.fractions r).take 10).filter globalFrac).length = 2 := by
    rw [len_filter_heads]
    simp only [Io.fractions, List.take_succ_cons, List.take_zero, List.map_cons, List.map_nil,
      List.filter_cons, List.filter_nil, isGlobalHead, List.head?_cons]
    decide
  have h2 := List.length_filter_le globalFrac ((Io.fractions r).drop 10)
  have h3 : ((Io.fractions r).drop 10).length = 4 := by
    rw [List.length_drop, Io.length_fractions]
  omega

theorem range_global (r : Row BabyBear) :
    ((Range.fractions r).filter globalFrac).length ≤ 0 := by
  rw [len_filter_heads]; unfold Range.fractions; count_global

theorem priv_global (r : Row BabyBear) :
    ((Private.fractions r).filter globalFrac).length ≤ 3 := by
  rw [len_filter_heads]; unfold Private.fractions; count_global

theorem bnd_global (r : Row BabyBear) :
    ((Boundary.fractions r).filter globalFrac).length ≤ 2 := by
  rw [len_filter_heads]; unfold Boundary.fractions; count_global

/-- A table's global fractions: at most its rows times its global slots. -/
theorem flatMap_global (g : Row BabyBear → List (Cpu.Fraction BabyBear)) (k : Nat)
    (h : ∀ r, ((g r).filter globalFrac).length ≤ k) :
    ∀ rows : List (Row BabyBear), ((rows.flatMap g).filter globalFrac).length ≤ k * rows.length
  | [] => by simp
  | r :: rows => by
    have ih := flatMap_global g k h rows
    have hr := h r
    rw [List.flatMap_cons, List.filter_append, List.length_append, List.length_cons,
      Nat.mul_succ]
    omega

/-- **The bus's global fractions are at most the verifier's count**: every table's rows' and
the statement's. -/
theorem global_le (T : Tables) (ssent srcvd : List (List BabyBear)) :
    ((busFractions T ssent srcvd []).filter globalFrac).length ≤
      globalSlots T + ssent.length + srcvd.length := by
  have hc := flatMap_global _ 7 cpu_global T.cpu
  have ha := flatMap_global _ 0 alu_global T.alu
  have hl := flatMap_global _ 0 logic_global T.logic
  have hm := flatMap_global _ 0 mul_global T.mul
  have hd := flatMap_global _ 0 div_global T.div
  have hme := flatMap_global _ 2 mem_global T.mem
  have hs := flatMap_global _ 9 sys_global T.sys
  have hi := flatMap_global _ 6 io_global T.io
  have hr := flatMap_global _ 0 range_global T.range
  have hp := flatMap_global _ 3 priv_global T.priv
  have hb := flatMap_global _ 2 bnd_global T.bnd
  have hst := List.length_filter_le globalFrac (stmtFractions ssent srcvd)
  have hstl : (stmtFractions ssent srcvd).length = ssent.length + srcvd.length := by
    simp [stmtFractions]
  rw [globalSlots_eq]
  simp only [busFractions, Tables.fractions, List.append_nil, List.filter_append,
    List.length_append] at hc ha hl hm hd hme hs hi hr hp hb hst ⊢
  omega

/-- Filtering by a weaker test keeps more. -/
theorem length_filter_mono {α : Type} (p q : α → Bool) (h : ∀ a, p a = true → q a = true) :
    ∀ l : List α, (l.filter p).length ≤ (l.filter q).length
  | [] => Nat.le_refl _
  | a :: l => by
    have ih := length_filter_mono p q h l
    simp only [List.filter_cons]
    by_cases hp : p a = true
    · rw [if_pos hp, if_pos (h a hp), List.length_cons, List.length_cons]
      omega
    · rw [if_neg hp]
      split
      · rw [List.length_cons]; omega
      · exact ih

/-- **Fewer than p fractions carry any global message** (`run_of_segments`' `hgfew`), from the
verifier's count. -/
theorem carrying_of_few {T : Tables} {ssent srcvd : List (List BabyBear)}
    (h : FewGlobal T ssent srcvd) :
    ∀ m, GlobalMsg m → (carrying m (busFractions T ssent srcvd [])).length < 2013265921 := by
  intro m hm
  have hle := length_filter_mono (fun f => decide (f.fields = m)) globalFrac (fun f hf => by
    obtain ⟨t, ht, hh⟩ := hm
    simp only [decide_eq_true_eq] at hf
    simp only [globalFrac, hf, hh, isGlobalHead, decide_eq_true_eq]
    exact ht) (busFractions T ssent srcvd [])
  have := global_le T ssent srcvd
  unfold FewGlobal at h
  unfold carrying
  omega

/-! ## One segment: its local messages from its heights -/

/-- **A segment's heights within the verifier's maxima** (each table's `MAX_LOG_HEIGHT`, which
`stark::proof_dimensions` enforces: 2^20 rows for every table but RANGE's 2^16; the FIXED table's
rows, one FIXED fraction each, 2^20). -/
structure SegHeights (T : Tables) (fx : List (Cpu.Fraction BabyBear)) : Prop where
  cpu : T.cpu.length ≤ 2 ^ Zkvm.Extracted.air.rv32im.cpu.MAX_LOG_HEIGHT.toNat
  alu : T.alu.length ≤ 2 ^ Zkvm.Extracted.air.rv32im.alu.MAX_LOG_HEIGHT.toNat
  logic : T.logic.length ≤ 2 ^ Zkvm.Extracted.air.rv32im.logic.MAX_LOG_HEIGHT.toNat
  mul : T.mul.length ≤ 2 ^ Zkvm.Extracted.air.rv32im.mul.MAX_LOG_HEIGHT.toNat
  div : T.div.length ≤ 2 ^ Zkvm.Extracted.air.rv32im.div.MAX_LOG_HEIGHT.toNat
  mem : T.mem.length ≤ 2 ^ Zkvm.Extracted.air.rv32im.mem.MAX_LOG_HEIGHT.toNat
  sys : T.sys.length ≤ 2 ^ Zkvm.Extracted.air.rv32im.syscall.MAX_LOG_HEIGHT.toNat
  io : T.io.length ≤ 2 ^ Zkvm.Extracted.air.rv32im.io.MAX_LOG_HEIGHT.toNat
  range : T.range.length ≤ 2 ^ Zkvm.Extracted.air.rv32im.range.MAX_LOG_HEIGHT.toNat
  priv : T.priv.length ≤ 2 ^ Zkvm.Extracted.air.rv32im.private.MAX_LOG_HEIGHT.toNat
  bnd : T.bnd.length ≤ 2 ^ Zkvm.Extracted.air.rv32im.boundary.MAX_LOG_HEIGHT.toNat
  fixed : fx.length ≤ 2 ^ Zkvm.Extracted.air.rv32im.fixed.MAX_LOG_HEIGHT.toNat

/-- A table's fractions: its rows times its fractions per row. -/
theorem flatMap_length (g : Row BabyBear → List (Cpu.Fraction BabyBear)) (k : Nat)
    (h : ∀ r, (g r).length = k) :
    ∀ rows : List (Row BabyBear), (rows.flatMap g).length = k * rows.length
  | [] => by simp
  | r :: rows => by
    rw [List.flatMap_cons, List.length_append, flatMap_length g k h rows, h r,
      List.length_cons, Nat.mul_succ]
    omega

/-- **Every fraction of a segment's tables**: 16 per CPU row, 6 per ALU row, 9 per LOGIC row,
20 per MUL or DIV row, 12 per MEM row, 26 per SYSCALL row, 14 per IO row, 1 per RANGE row, 6 per
PRIVATE row, 9 per BOUNDARY row. -/
theorem fractions_length (T : Tables) : T.fractions.length =
    16 * T.cpu.length + 6 * T.alu.length + 9 * T.logic.length + 20 * T.mul.length +
    20 * T.div.length + 12 * T.mem.length + 26 * T.sys.length + 14 * T.io.length +
    1 * T.range.length + 6 * T.priv.length + 9 * T.bnd.length := by
  simp only [Tables.fractions, List.length_append,
    flatMap_length Cpu.fractions 16 (fun _ => rfl), flatMap_length Alu.fractions 6 (fun _ => rfl),
    flatMap_length Logic.fractions 9 (fun _ => rfl), flatMap_length Mul.fractions 20 (fun _ => rfl),
    flatMap_length Div.fractions 20 (fun _ => rfl), flatMap_length Mem.fractions 12 (fun _ => rfl),
    flatMap_length Syscall.fractions 26 (fun _ => rfl),
    flatMap_length Io.fractions 14 (fun _ => rfl), flatMap_length Range.fractions 1 (fun _ => rfl),
    flatMap_length Private.fractions 6 (fun _ => rfl),
    flatMap_length Boundary.fractions 9 (fun _ => rfl)]

/-- **A segment's bus within the verifier's heights carries every message fewer than p times**:
at most 2^20 rows per table (RANGE 2^16) and FIXED row give at most 140 · 2^20 fractions. -/
theorem few_of_heights {T : Tables} {fx : List (Cpu.Fraction BabyBear)} (h : SegHeights T fx) :
    ∀ m, (carrying m (busFractions T [] [] fx)).length < 2013265921 := by
  refine fewCopies_of_length ?_
  have e := fractions_length T
  have h1 : T.cpu.length ≤ 2 ^ 20 := h.cpu
  have h2 : T.alu.length ≤ 2 ^ 20 := h.alu
  have h3 : T.logic.length ≤ 2 ^ 20 := h.logic
  have h4 : T.mul.length ≤ 2 ^ 20 := h.mul
  have h5 : T.div.length ≤ 2 ^ 20 := h.div
  have h6 : T.mem.length ≤ 2 ^ 20 := h.mem
  have h7 : T.sys.length ≤ 2 ^ 20 := h.sys
  have h8 : T.io.length ≤ 2 ^ 20 := h.io
  have h9 : T.range.length ≤ 2 ^ 16 := h.range
  have h10 : T.priv.length ≤ 2 ^ 20 := h.priv
  have h11 : T.bnd.length ≤ 2 ^ 20 := h.bnd
  have h12 : fx.length ≤ 2 ^ 20 := h.fixed
  simp only [busFractions, stmtFractions, List.map_nil, List.append_nil, List.length_append]
  omega

/-- **A segment's bus as the witness holds it**: `SegBus` without what other parts of the witness
give — its count of fractions (its heights: `few_of_heights`), the FIXED table's content (its
rows: `fixedFacts_of_rows`), the booleans (the CPU, PRIVATE and BOUNDARY traces' constraints) —
and with the RANGE rows as a trace satisfying the RANGE constraints rather than their bound. -/
structure LocalBus (T : Tables) (fx : List (Cpu.Fraction BabyBear)) : Prop where
  net : ∀ m, LocalMsg m → net m (busFractions T [] [] fx) = 0
  range : ∃ (tr : Trace BabyBear) (pr : Nat → BabyBear),
    (∀ i < tr.height, Range.Groups (tr.window pr i)) ∧
      T.range = (List.range tr.height).map tr.row
  ok : T.Ok

/-- The RANGE rows of a satisfying trace of at most 2^16 rows are below 2^16: row i holds i. -/
theorem range_lt {T : Tables} {fx : List (Cpu.Fraction BabyBear)} (h : LocalBus T fx)
    (hh : SegHeights T fx) : ∀ r ∈ T.range, (r Range.Col.v).val < 2 ^ 16 := by
  obtain ⟨tr, pr, hs, hT⟩ := h.range
  intro r hr
  have hlen : T.range.length ≤ 2 ^ 16 := hh.range
  rw [hT] at hr hlen
  rw [List.length_map, List.length_range] at hlen
  obtain ⟨i, hi, rfl⟩ := List.mem_map.mp hr
  have hi' := List.mem_range.mp hi
  rw [Range.values tr pr hs i hi', BabyBear.val_natCast,
    Nat.mod_eq_of_lt (by rw [P_eq]; omega)]
  omega

/-- **`SegBus` from the witness's bus, heights, booleans and FIXED rows.** -/
theorem segBus_of {T : Tables} {fx : List (Cpu.Fraction BabyBear)} (h : LocalBus T fx)
    (hh : SegHeights T fx) (hb : Bools T) {prows : List Spec.ProgramRow}
    {image : List Spec.ImageWord} {code : List (UInt32 × UInt32)}
    (hfxr : ∀ f ∈ fx, f.fields ∈ fixedFelts prows image)
    (hprows : ∀ r ∈ prows, ∃ p ∈ code, Spec.decodeRow p.1 p.2 = some r) : SegBus T fx :=
  ⟨h.net, fun m _ => few_of_heights hh m, range_lt h hh, (fixedFacts_of_rows code hfxr hprows).1,
    h.ok, hb⟩

/-- **The claimed cycle count is the run's length, in the field**: the last real row halts, so it
sends EXIT with its clk + 1 = N, which only the statement receives, with the claimed count. -/
theorem cycles_of_facts {T : Tables} {pv : List BabyBear} {input output : List UInt8}
    {code : List (UInt32 × UInt32)}
    (hF : BusFacts T (stmtSent pv input) (stmtRcvd pv output) code)
    {wins : Nat → Window BabyBear} {N : Nat} (hrr : Run.RunRows T wins N) :
    pv.getD Zkvm.Spec.Statement.pvCycles 0 = ((N : Nat) : BabyBear) := by
  have hN := hrr.pos
  obtain ⟨honly, hsent⟩ := exit_of_bus hF.ok hrr.haltBool (stmt_exit pv output)
    (hrr.mem (N - 1) (by omega)) hrr.haltLast
  have hbal := withTag_balanced hF.balanced (t := 12) (by simp [countedTags])
  have hm := honly _ (mem_withTag.mp (Zkvm.Air.BusLookups.mem_rcvd hbal
    (mem_withTag.mpr ⟨hsent, rfl⟩))).1 rfl
  simp only [List.cons.injEq, and_true, true_and] at hm
  have hclk := hrr.rows.clk (N - 1) (by omega)
  rw [Nat.zero_add] at hclk
  rw [← hm.2.2, ← Felt.natCast_val ((wins (N - 1)).cur Cpu.Col.clk), hclk, ← natCast_succ]
  congr 1
  omega

end Zkvm.Air.V2.Exec

namespace Zkvm.Air.V2.Run

open Zkvm.Field Zkvm.Air.Table

/-- The segments' real rows are among their rows. -/
theorem sum_R_le : ∀ (segs : List Seg), (∀ s ∈ segs, s.Ok) →
    (segs.map Seg.R).sum ≤ (segs.flatMap Seg.rows).length
  | [], _ => Nat.le_refl _
  | s :: segs, h => by
    have ih := sum_R_le segs fun s' hs' => h s' (List.mem_cons_of_mem _ hs')
    have hle := (h s List.mem_cons_self).le
    simp only [List.map_cons, List.sum_cons, List.flatMap_cons, List.length_append, Seg.rows,
      List.length_map, List.length_range]
    omega

/-- **The joined segments' real rows are fewer than p / 7**, with the verifier's count: they are
among the CPU rows (`sum_R_le`), each of which has seven global slots. -/
theorem segs_R_lt {pre : List Seg} {last : Seg} (hok : ∀ s ∈ pre ++ [last], s.Ok) {T : Exec.Tables}
    (hcpu : T.cpu = (pre ++ [last]).flatMap Seg.rows) {ssent srcvd : List (List BabyBear)}
    (hfew : Exec.FewGlobal T ssent srcvd) : ((pre ++ [last]).map Seg.R).sum * 7 < 2013265921 := by
  have h1 := sum_R_le (pre ++ [last]) hok
  have h2 := Exec.cpu_of_few hfew
  rw [hcpu] at h2
  omega

/-- The joined segments' CPU rows have f_exec 0 or 1 (each segment's trace's constraints). -/
theorem segs_fexec {pre : List Seg} {last : Seg} (hok : ∀ s ∈ pre ++ [last], s.Ok) {T : Exec.Tables}
    (hcpu : T.cpu = (pre ++ [last]).flatMap Seg.rows) :
    ∀ r ∈ T.cpu, r Cpu.Col.fExec = 0 ∨ r Cpu.Col.fExec = 1 := by
  intro r hr
  rw [hcpu] at hr
  obtain ⟨s, hs, hr⟩ := List.mem_flatMap.mp hr
  exact (cpu_bits_of_trace (hok s hs).sat
    (T := ⟨s.rows, [], [], [], [], [], [], [], [], [], []⟩) rfl r hr).2.2

/-- **The run's length is the claimed cycle count, at most 2^27**: with fewer than p global
fractions, the joined segments' `N` real rows are fewer than p / 7, and `N` is the claimed count
in the field (`cycles_of_facts`), which the verifier keeps at most 2^27. -/
theorem run_le_of_cycles {pv : List BabyBear} (N : Nat) (hN : N < 2013265921)
    (hcyc : pv.getD Zkvm.Spec.Statement.pvCycles 0 = ((N : Nat) : BabyBear))
    (hle : (pv.getD Zkvm.Spec.Statement.pvCycles 0).val ≤ 2 ^ 27) : N ≤ 2 ^ 27 := by
  rw [hcyc, BabyBear.val_natCast, Nat.mod_eq_of_lt (by rw [P_eq]; omega)] at hle
  exact hle

end Zkvm.Air.V2.Run

end
