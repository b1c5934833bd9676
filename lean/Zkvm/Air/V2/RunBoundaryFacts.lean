module

public import Zkvm.Air.V2.RunBoundary
public import Zkvm.Air.V2.BoundarySound
public import Zkvm.Air.V2.FixedFacts
public import Zkvm.Air.V2.RunMem
public import Zkvm.Air.V2.BusSegments

/-!
# The memory argument's boundary rows: what the tables and the program give

`run_of_bus` (RunBusWhole.lean) takes the memory argument's boundary rows `bnd` with five
hypotheses on them: distinct cells (`hcells`), register cells starting as 16-bit limbs
(`hregB`), every address of a word cell allowed by the layout (`hallow`), word addresses below
2^30 (`h30`) and one word cell per word address (`hone`). This file proves all five for the
witness's boundary rows `witnessBnd` (RunBoundary.lean: the real BOUNDARY rows' records, then
the three I/O cursors'), from the BOUNDARY table's constraints (`Boundary.Sat`, BoundarySound),
the bus, and named facts about the program:

* **The BOUNDARY rows' lookups** (`BndLooks`, `bndLooks_of_bus`): from one bus (`Exec.Bus`), the
  gap limbs and a zero row's interval offsets are U16 (`Exec.u16_at`), and an image row's IMG
  message is a FIXED row's: only BOUNDARY rows send IMG (`img_census`), with b_img ∈ {0, 1},
  the verifier's statement carries none (`stmt_no_img`), so a receiver carries it
  (`img_of_net`), and the FIXED rows are the fixed table's, whose tag-3 rows are the image
  words' `Spec.imgMessage` (`img_of_fixed`).
* **Where a real row comes from** (`bnd_origin`): an image word's cell and value limbs
  (`FromImage`) or a RAM word of value 0 in a zero interval (`FromZero`, `Boundary.zero_row`).
  With the image and intervals small (`ImageBounds`: spaces below 3, word addresses below 2^28,
  interval bounds at most 2^28 — what `load_program` builds), every real row has space < 3 and
  address < 2^28 (`real_bounds`), which gives the BOUNDARY table's `KeyFacts` (`keyFacts_of`).
* **`hcells`** (`witnessBnd_cells`): the real rows' cells are distinct (`Boundary.cells_distinct`)
  and in spaces below 3, the cursors' are (3, 0), (3, 1), (3, 2).
* **`hregB`** (`witnessBnd_regB`) and **`h30`** (`witnessBnd_30`): image rows' limbs are
  value &&& 65535 and value >>> 16, zero rows' are 0, cursors are in space 3 (neither a register
  nor a word cell); real rows' addresses are below 2^28.
* **`hone`** (`witnessBnd_one`) under `OneCellPerWord` (no word address is both a RAM and a ROM
  image word, no ROM image word is in a zero interval) and **`hallow`** (`witnessBnd_allow`)
  under `ImageAllowed L` (every image or zero-interval word's addresses mapped in `L`, writable
  for RAM). The loader guarantees both (program.rs `validate_segments` refuses segments sharing
  a word; the zero intervals are segments' zero tails and the heap above every segment); they
  are hypotheses here because the program is not derived from the ELF in Lean.
* `witnessBnd_of_bus` collects the five.
-/

@[expose] public section

noncomputable section

namespace Zkvm.Air.V2.Run

open Zkvm.Field Zkvm.Air.Table
open Zkvm.Air.V2.Cpu (Fraction)
open Zkvm.Air.V2.Exec (IsBit Tables felt busFractions stmtFractions net carrying)

/-! ## The BOUNDARY rows' lookups from the bus -/

/-- A BOUNDARY row's fraction is one of the tables' fractions. -/
theorem Tables.of_bnd {T : Tables} {r : Row BabyBear} {f : Fraction BabyBear} (hr : r ∈ T.bnd)
    (hf : f ∈ Boundary.fractions r) : f ∈ T.fractions := by
  unfold Tables.fractions
  exact List.mem_append_right _ (List.mem_flatMap.mpr ⟨r, hr, hf⟩)

/-- The IMG message of a BOUNDARY row: tag 3, its cell and its initial value's limbs. -/
def imgMsg (r : Row BabyBear) : List BabyBear :=
  [3, r Boundary.Col.space, r Boundary.Col.addr, r Boundary.Col.initLo, r Boundary.Col.initHi]

/-- Unfolds a table's fractions to one statement per fraction and decides each tag. -/
local macro "img_census" : tactic => `(tactic| (
  simp only [Cpu.fractions, Cpu.port, Cpu.tagProg, Cpu.tagMem, Cpu.tagU16, Cpu.tagExec,
    Cpu.tagHalt, Cpu.tagExit, Alu.fractions, Logic.fractions, Logic.and4, Mul.fractions, Mul.look,
    Div.fractions, Mem.fractions, Range.fractions, Private.fractions, Boundary.fractions,
    Syscall.fractions, Syscall.access, Syscall.tagExec, Syscall.opEcall, Syscall.tagHalt,
    Syscall.tagMem, Syscall.tagIo, Syscall.tagU16, Syscall.tagPlen, Io.fractions, Io.tagIo,
    Io.tagMem, Io.tagU16, Io.tagU8,
    List.forall_mem_cons, List.not_mem_nil, false_implies, implies_true, and_true,
    List.append_assoc, List.cons_append, List.nil_append]
  <;> simp (config := { decide := true })))

section Census

variable (r : Row BabyBear)

theorem cpu_no_img : ∀ f ∈ Cpu.fractions r, f.fields.head? ≠ some 3 := by img_census
theorem alu_no_img : ∀ f ∈ Alu.fractions r, f.fields.head? ≠ some 3 := by img_census
theorem logic_no_img : ∀ f ∈ Logic.fractions r, f.fields.head? ≠ some 3 := by img_census
theorem mul_no_img : ∀ f ∈ Mul.fractions r, f.fields.head? ≠ some 3 := by img_census
theorem div_no_img : ∀ f ∈ Div.fractions r, f.fields.head? ≠ some 3 := by img_census
theorem mem_no_img : ∀ f ∈ Mem.fractions r, f.fields.head? ≠ some 3 := by img_census
theorem syscall_no_img : ∀ f ∈ Syscall.fractions r, f.fields.head? ≠ some 3 := by img_census
theorem range_no_img : ∀ f ∈ Range.fractions r, f.fields.head? ≠ some 3 := by img_census
theorem private_no_img : ∀ f ∈ Private.fractions r, f.fields.head? ≠ some 3 := by img_census

/-- The BOUNDARY row's only IMG fraction is its IMG lookup, with multiplicity b_img. -/
theorem boundary_img : ∀ f ∈ Boundary.fractions r, f.fields.head? = some 3 →
    f = ⟨r Boundary.Col.bImg, imgMsg r⟩ := by
  img_census
  rfl

/-- An IO row's byte messages carry byteTag, which is never 3. -/
theorem io_no_img {r : Row BabyBear} (hg : Io.Groups r) :
    ∀ f ∈ Io.fractions r, f.fields.head? ≠ some 3 := by
  have hbt := Exec.byteTag_mem hg
  simp only [List.mem_cons, List.not_mem_nil, or_false] at hbt
  have hne : Io.byteTag r ≠ 3 := by
    rcases hbt with e | e | e | e | e | e | e | e <;> rw [e] <;> decide
  intro f hf
  simp only [Io.fractions, Io.tagIo, Io.tagMem, Io.tagU16, Io.tagU8, List.mem_cons,
    List.not_mem_nil, or_false] at hf
  rcases hf with rfl | rfl | rfl | rfl | rfl | rfl | rfl | rfl | rfl | rfl | rfl | rfl | rfl | rfl
  all_goals simp only [List.head?_cons, ne_eq, Option.some.injEq]
  all_goals first | decide | exact hne

end Census

/-- **Only BOUNDARY rows send IMG**: a table fraction with tag 3 is a BOUNDARY row's IMG lookup. -/
theorem img_census {T : Tables} (hok : T.Ok) {f : Fraction BabyBear} (hf : f ∈ T.fractions)
    (h3 : f.fields.head? = some 3) : ∃ r ∈ T.bnd, f = ⟨r Boundary.Col.bImg, imgMsg r⟩ := by
  simp only [Tables.fractions, List.mem_append, List.mem_flatMap, or_assoc] at hf
  rcases hf with ⟨r, hr, hf⟩ | ⟨r, hr, hf⟩ | ⟨r, hr, hf⟩ | ⟨r, hr, hf⟩ | ⟨r, hr, hf⟩ |
    ⟨r, hr, hf⟩ | ⟨r, hr, hf⟩ | ⟨r, hr, hf⟩ | ⟨r, hr, hf⟩ | ⟨r, hr, hf⟩ | ⟨r, hr, hf⟩
  · exact absurd h3 (cpu_no_img r f hf)
  · exact absurd h3 (alu_no_img r f hf)
  · exact absurd h3 (logic_no_img r f hf)
  · exact absurd h3 (mul_no_img r f hf)
  · exact absurd h3 (div_no_img r f hf)
  · exact absurd h3 (mem_no_img r f hf)
  · exact absurd h3 (syscall_no_img r f hf)
  · exact absurd h3 (io_no_img (hok.io r hr) f hf)
  · exact absurd h3 (range_no_img r f hf)
  · exact absurd h3 (private_no_img r f hf)
  · exact ⟨r, hr, boundary_img r f hf h3⟩

open Zkvm.Spec.Statement in
/-- **The verifier's statement carries no IMG message** (tag 3). -/
theorem stmt_no_img (pv : List BabyBear) (input output : List UInt8) :
    ∀ m ∈ Exec.stmtSent pv input ++ Exec.stmtRcvd pv output, m.head? ≠ some 3 := by
  intro m hm
  simp only [Exec.stmtSent, Exec.stmtRcvd, sends, receives, List.mem_append, List.mem_map,
    List.mem_cons, List.not_mem_nil, or_false] at hm
  rcases hm with ⟨l, (rfl | rfl | rfl) | ⟨j, -, rfl⟩, rfl⟩ |
    ⟨l, ((rfl | rfl) | ⟨j, -, rfl⟩) | rfl, rfl⟩ <;>
    simp only [List.map_cons, List.head?_cons, ne_eq, Option.some.injEq, Exec.feltOf] <;>
    decide

/-! ## The BOUNDARY trace -/

variable {T : Tables} {tb : Trace BabyBear} {pb : Nat → BabyBear}

/-- A BOUNDARY row of the tables is a row of the trace. -/
theorem bnd_row (hT : T.bnd = (List.range tb.height).map tb.row) {r : Row BabyBear}
    (hr : r ∈ T.bnd) : ∃ i < tb.height, tb.row i = r := by
  rw [hT] at hr
  obtain ⟨i, hi, rfl⟩ := List.mem_map.mp hr
  exact ⟨i, List.mem_range.mp hi, rfl⟩

/-- A row of the BOUNDARY trace is one of the tables' BOUNDARY rows. -/
theorem bnd_mem (hT : T.bnd = (List.range tb.height).map tb.row) {i : Nat} (hi : i < tb.height) :
    tb.row i ∈ T.bnd := by
  rw [hT]
  exact List.mem_map.mpr ⟨i, List.mem_range.mpr hi, rfl⟩

/-- b_img is 0 or 1. -/
theorem bnd_img_bit (hs : Boundary.Sat tb pb) {i : Nat} (hi : i < tb.height) :
    IsBit (tb.row i Boundary.Col.bImg) :=
  Boundary.bool_cases (hs i hi).bool_img

/-- A real row is an image row or a zero row. -/
theorem bnd_real_cases (hs : Boundary.Sat tb pb) {i : Nat} (hi : i < tb.height)
    (h1 : Boundary.real (tb.row i) = 1) :
    tb.row i Boundary.Col.bImg = 1 ∨ tb.row i Boundary.Col.bZero = 1 := by
  rcases bnd_img_bit hs hi with h | h
  · right
    unfold Boundary.real at h1
    rw [h] at h1
    grind
  · exact Or.inl h

/-- **An image row's IMG message is a FIXED row's**: with the IMG message's net multiplicity 0
over the bus and fewer than p fractions carrying it, and the statement carrying no IMG message
(`stmt_no_img`). Only BOUNDARY rows send IMG (`img_census`), with b_img, 0 or 1. -/
theorem img_of_net {ssent srcvd : List (List BabyBear)} {fx : List (Fraction BabyBear)}
    (hok : T.Ok) (hs : Boundary.Sat tb pb) (hT : T.bnd = (List.range tb.height).map tb.row)
    (hstmt : ∀ m ∈ ssent ++ srcvd, m.head? ≠ some 3) {r : Row BabyBear} (hr : r ∈ T.bnd)
    (h1 : r Boundary.Col.bImg = 1)
    (hnet : net (imgMsg r) (busFractions T ssent srcvd fx) = 0)
    (hfew : (carrying (imgMsg r) (busFractions T ssent srcvd fx)).length < 2013265921) :
    ∃ f ∈ fx, f.fields = imgMsg r := by
  refine Exec.lookup_received (A := T.fractions ++ stmtFractions ssent srcvd) hnet hfew
    (fun f hf e => ?_) ⟨⟨r Boundary.Col.bImg, imgMsg r⟩,
      List.mem_append_left _ (Tables.of_bnd hr
        (List.mem_of_getElem? (l := Boundary.fractions r) (i := 2) rfl)), rfl, h1⟩
  have hh : f.fields.head? = some 3 := by rw [e]; rfl
  rcases List.mem_append.mp hf with hf | hf
  · obtain ⟨r', hr', rfl⟩ := img_census hok hf hh
    obtain ⟨i, hi, rfl⟩ := bnd_row hT hr'
    exact bnd_img_bit hs hi
  · simp only [stmtFractions, List.mem_append, List.mem_map] at hf
    rcases hf with ⟨m, hm, rfl⟩ | ⟨m, hm, rfl⟩
    · exact absurd hh (hstmt m (List.mem_append_left _ hm))
    · exact absurd hh (hstmt m (List.mem_append_right _ hm))

/-- A fixed-table row with tag 3 is an image word's IMG row. -/
theorem img_of_fixed {prows : List Spec.ProgramRow} {image : List Spec.ImageWord}
    {l : List BabyBear} (h : l ∈ Exec.fixedFelts prows image) (h3 : l.head? = some 3) :
    ∃ w ∈ image, l = (Spec.imgMessage w).map felt := by
  obtain ⟨m, hm, rfl⟩ := List.mem_map.mp h
  rcases Exec.mem_fixedRows hm with ⟨r, hr, e⟩ | ⟨w, hw, e⟩ | ⟨k, s, hk, hs, e⟩ | ⟨v, hv, e⟩ |
    ⟨a, b, ha, hb, e⟩ <;> subst e
  · simp only [Spec.progMessage, List.map_cons, List.head?_cons, Option.some.injEq] at h3
    exact absurd h3 (by decide)
  · exact ⟨w, hw, rfl⟩
  · simp only [Spec.pow2Message, List.map_cons, List.head?_cons, Option.some.injEq] at h3
    exact absurd h3 (by decide)
  · simp only [List.map_cons, List.head?_cons, Option.some.injEq] at h3
    exact absurd h3 (by decide)
  · simp only [List.map_cons, List.head?_cons, Option.some.injEq] at h3
    exact absurd h3 (by decide)

/-- **What the bus gives the BOUNDARY rows**: U16 gap limbs on real rows, U16 interval offsets
on zero rows, and each image row's IMG message a row of the fixed table. -/
structure BndLooks (T : Tables) (prows : List Spec.ProgramRow) (image : List Spec.ImageWord) :
    Prop where
  gap : ∀ r ∈ T.bnd, Boundary.real r = 1 →
    (r Boundary.Col.gLo).val < 2 ^ 16 ∧ (r Boundary.Col.gHi).val < 2 ^ 16
  off : ∀ r ∈ T.bnd, r Boundary.Col.bZero = 1 →
    ((r Boundary.Col.e1Lo).val < 2 ^ 16 ∧ (r Boundary.Col.e1Hi).val < 2 ^ 16) ∧
      ((r Boundary.Col.e2Lo).val < 2 ^ 16 ∧ (r Boundary.Col.e2Hi).val < 2 ^ 16)
  img : ∀ r ∈ T.bnd, r Boundary.Col.bImg = 1 → imgMsg r ∈ Exec.fixedFelts prows image

/-- **The BOUNDARY rows' lookups from one bus**: the U16 lookups are carried by RANGE rows
(`Exec.u16_at`), the IMG lookups by FIXED rows (`img_of_net`), which are the fixed table's. -/
theorem bndLooks_of_bus {ssent srcvd : List (List BabyBear)} {fx : List (Fraction BabyBear)}
    (hB : Exec.Bus T ssent srcvd fx) (hs : Boundary.Sat tb pb)
    (hT : T.bnd = (List.range tb.height).map tb.row)
    (hstmt : ∀ m ∈ ssent ++ srcvd, m.head? ≠ some 3)
    {prows : List Spec.ProgramRow} {image : List Spec.ImageWord}
    (hfxr : ∀ f ∈ fx, f.fields ∈ Exec.fixedFelts prows image) : BndLooks T prows image := by
  have hC := hB.carries
  refine ⟨fun r hr h1 => ?_, fun r hr h1 => ?_, fun r hr h1 => ?_⟩
  · have hl : ∀ f ∈ Boundary.fractions r, f ∈ T.fractions := fun _ hf => Tables.of_bnd hr hf
    have hsd := Exec.boundary_sends (hC.bools.bnd r hr).1 (hC.bools.bnd r hr).2
    have hne : Boundary.real r ≠ 0 := by rw [h1]; decide
    exact ⟨Exec.u16_at hC hl hsd (i := 3) rfl hne, Exec.u16_at hC hl hsd (i := 4) rfl hne⟩
  · have hl : ∀ f ∈ Boundary.fractions r, f ∈ T.fractions := fun _ hf => Tables.of_bnd hr hf
    have hsd := Exec.boundary_sends (hC.bools.bnd r hr).1 (hC.bools.bnd r hr).2
    have hne : r Boundary.Col.bZero ≠ 0 := by rw [h1]; decide
    exact ⟨⟨Exec.u16_at hC hl hsd (i := 5) rfl hne, Exec.u16_at hC hl hsd (i := 6) rfl hne⟩,
      ⟨Exec.u16_at hC hl hsd (i := 7) rfl hne, Exec.u16_at hC hl hsd (i := 8) rfl hne⟩⟩
  · obtain ⟨f, hf, e⟩ := img_of_net hB.ok hs hT hstmt hr h1 (hB.net _) (hB.few _)
    rw [← e]
    exact hfxr f hf

/-- **The BOUNDARY rows' lookups from one segment's bus** (`Exec.SegBus`: U16 and IMG messages
are local to a segment): as `bndLooks_of_bus`, with no statement messages on the segment's bus. -/
theorem bndLooks_of_seg {fx : List (Fraction BabyBear)} (hB : Exec.SegBus T fx)
    (hs : Boundary.Sat tb pb) (hT : T.bnd = (List.range tb.height).map tb.row)
    {prows : List Spec.ProgramRow} {image : List Spec.ImageWord}
    (hfxr : ∀ f ∈ fx, f.fields ∈ Exec.fixedFelts prows image) : BndLooks T prows image := by
  have hC := hB.carries
  refine ⟨fun r hr h1 => ?_, fun r hr h1 => ?_, fun r hr h1 => ?_⟩
  · have hl : ∀ f ∈ Boundary.fractions r, f ∈ T.fractions := fun _ hf => Tables.of_bnd hr hf
    have hsd := Exec.boundary_sends (hC.bools.bnd r hr).1 (hC.bools.bnd r hr).2
    have hne : Boundary.real r ≠ 0 := by rw [h1]; decide
    exact ⟨Exec.u16_at hC hl hsd (i := 3) rfl hne, Exec.u16_at hC hl hsd (i := 4) rfl hne⟩
  · have hl : ∀ f ∈ Boundary.fractions r, f ∈ T.fractions := fun _ hf => Tables.of_bnd hr hf
    have hsd := Exec.boundary_sends (hC.bools.bnd r hr).1 (hC.bools.bnd r hr).2
    have hne : r Boundary.Col.bZero ≠ 0 := by rw [h1]; decide
    exact ⟨⟨Exec.u16_at hC hl hsd (i := 5) rfl hne, Exec.u16_at hC hl hsd (i := 6) rfl hne⟩,
      ⟨Exec.u16_at hC hl hsd (i := 7) rfl hne, Exec.u16_at hC hl hsd (i := 8) rfl hne⟩⟩
  · have hloc : Exec.LocalMsg (imgMsg r) := ⟨3, by simp [Exec.localTags], rfl⟩
    obtain ⟨f, hf, e⟩ := img_of_net (ssent := []) (srcvd := []) hB.ok hs hT
      (fun _ hm => by simp at hm) hr h1 (hB.net _ hloc) (hB.few _ hloc)
    rw [← e]
    exact hfxr f hf

/-! ## Where a real row's cell and initial value come from -/

/-- An image row: its cell and the limbs of its initial value are an image word's
(`Spec.imgMessage`: space, word address, value &&& 65535, value >>> 16). -/
def FromImage (image : List Spec.ImageWord) (r : Row BabyBear) : Prop :=
  ∃ w ∈ image, r Boundary.Col.space = felt w.space ∧ r Boundary.Col.addr = felt w.wa ∧
    r Boundary.Col.initLo = felt (w.value &&& 65535) ∧
    r Boundary.Col.initHi = felt (w.value >>> 16)

/-- A zero row: a RAM word (space 1) of initial value 0 in one of the statement's zero
intervals. -/
def FromZero (pb : Nat → BabyBear) (r : Row BabyBear) : Prop :=
  r Boundary.Col.space = 1 ∧ r Boundary.Col.initLo = 0 ∧ r Boundary.Col.initHi = 0 ∧
    ∃ j ∈ Boundary.intervals, (pb (Boundary.pvZero0 + 2 * j)).val ≤ (r Boundary.Col.addr).val ∧
      (r Boundary.Col.addr).val < (pb (Boundary.pvZero0 + 2 * j + 1)).val

/-- **The program's image words and zero intervals are small** — what `load_program`
(rust/verifier/src/receipt/program.rs) builds: spaces 0 (registers), 1 (RAM) and 2 (ROM);
register indices below 32 and RAM and ROM word addresses below SEGMENT_LIMIT / 4 < 2^28
(`validate_segments` bounds every segment's end by SEGMENT_LIMIT); the zero intervals'
bounds at most STACK_TOP / 4 = 2^28 (the statement's unused slots are [0, 0)). -/
structure ImageBounds (image : List Spec.ImageWord) (pb : Nat → BabyBear) : Prop where
  space : ∀ w ∈ image, w.space.toNat < 3
  wa : ∀ w ∈ image, w.wa.toNat < 2 ^ 28
  zero : ∀ j ∈ Boundary.intervals, (pb (Boundary.pvZero0 + 2 * j)).val ≤ 2 ^ 28 ∧
    (pb (Boundary.pvZero0 + 2 * j + 1)).val ≤ 2 ^ 28

/-- **Every real BOUNDARY row is an image row or a zero row** (`Boundary.zero_row`, the IMG
lookup). -/
theorem bnd_origin {prows : List Spec.ProgramRow} {image : List Spec.ImageWord}
    (hs : Boundary.Sat tb pb) (hT : T.bnd = (List.range tb.height).map tb.row)
    (hL : BndLooks T prows image) (hIB : ImageBounds image pb) {i : Nat} (hi : i < tb.height)
    (h1 : Boundary.real (tb.row i) = 1) : FromImage image (tb.row i) ∨ FromZero pb (tb.row i) := by
  rcases bnd_real_cases hs hi h1 with h | h
  · left
    obtain ⟨w, hw, e⟩ := img_of_fixed (hL.img _ (bnd_mem hT hi) h) rfl
    simp only [imgMsg, Spec.imgMessage, List.map_cons, List.map_nil, List.cons.injEq] at e
    exact ⟨w, hw, e.2.1, e.2.2.1, e.2.2.2.1, e.2.2.2.2.1⟩
  · right
    have ho := hL.off _ (bnd_mem hT hi) h
    exact Boundary.zero_row hs hi h ho.1 ho.2 hIB.zero

/-- A small `u32` as a field element has its value. -/
theorem val_felt_small {x : UInt32} (h : x.toNat < 2 ^ 28 * 3) : (felt x).val = x.toNat :=
  Mem.val_cast (by omega)

/-- **A real row's space is below 3 and its word address below 2^28.** -/
theorem real_bounds {prows : List Spec.ProgramRow} {image : List Spec.ImageWord}
    (hs : Boundary.Sat tb pb) (hT : T.bnd = (List.range tb.height).map tb.row)
    (hL : BndLooks T prows image) (hIB : ImageBounds image pb) {i : Nat} (hi : i < tb.height)
    (h1 : Boundary.real (tb.row i) = 1) :
    (tb.row i Boundary.Col.space).val < 3 ∧ (tb.row i Boundary.Col.addr).val < 2 ^ 28 := by
  rcases bnd_origin hs hT hL hIB hi h1 with ⟨w, hw, es, ea, -, -⟩ | ⟨es, -, -, j, hj, -, ha⟩
  · have h3 := hIB.space w hw
    have h28 := hIB.wa w hw
    rw [es, ea, val_felt_small (by omega), val_felt_small (by omega)]
    exact ⟨h3, h28⟩
  · rw [es]
    exact ⟨by decide, by have := (hIB.zero j hj).2; omega⟩

/-- **The BOUNDARY table's `KeyFacts` from the bus and the program**: the gap limbs' U16
lookups, and every real row's key 2^28 space + addr below 3 · 2^28 (`real_bounds`). -/
theorem keyFacts_of {prows : List Spec.ProgramRow} {image : List Spec.ImageWord}
    (hs : Boundary.Sat tb pb) (hT : T.bnd = (List.range tb.height).map tb.row)
    (hL : BndLooks T prows image) (hIB : ImageBounds image pb) : Boundary.KeyFacts tb where
  gLo := fun i hi h1 => (hL.gap _ (bnd_mem hT hi) h1).1
  gHi := fun i hi h1 => (hL.gap _ (bnd_mem hT hi) h1).2
  key := fun i hi h1 => by
    obtain ⟨hsp, had⟩ := real_bounds hs hT hL hIB hi h1
    have e : Boundary.key (tb.row i) = ((268435456 * (tb.row i Boundary.Col.space).val +
        (tb.row i Boundary.Col.addr).val : Nat) : BabyBear) := by
      push_natCast
      rfl
    rw [e, Mem.val_cast (by omega)]
    omega

/-! ## The witness's boundary rows -/

/-- The real BOUNDARY rows are the trace's real rows, in order. -/
theorem realBnd_eq (hT : T.bnd = (List.range tb.height).map tb.row) :
    realBnd T = ((List.range tb.height).filter fun i => decide (Boundary.real (tb.row i) = 1)).map
      tb.row := by
  rw [realBnd, hT, List.filter_map]
  rfl

/-- A boundary row of the witness is a real BOUNDARY row's record or an I/O cursor's, whose cell
is in space 3 and whose initial value is 0. -/
theorem mem_witnessBnd (hT : T.bnd = (List.range tb.height).map tb.row)
    {consumed outLen : BabyBear} {ts : Nat} {re : Row BabyBear} {b : Memory.Boundary Cell Val}
    (hb : b ∈ witnessBnd T consumed outLen ts re) :
    (∃ i < tb.height, Boundary.real (tb.row i) = 1 ∧ b = bndRec (tb.row i)) ∨
      (b.cell.1 = 3 ∧ b.init = (0, 0)) := by
  rw [witnessBnd, realBnd_eq hT, List.mem_append] at hb
  rcases hb with hb | hb
  · obtain ⟨r, hr, rfl⟩ := List.mem_map.mp hb
    obtain ⟨i, hi, rfl⟩ := List.mem_map.mp hr
    simp only [List.mem_filter, List.mem_range, decide_eq_true_eq] at hi
    exact Or.inl ⟨i, hi.1, hi.2, rfl⟩
  · right
    simp only [List.mem_cons, List.not_mem_nil, or_false] at hb
    rcases hb with rfl | rfl | rfl <;> exact ⟨rfl, rfl⟩

/-- **`run_of_bus`'s `hcells` for the witness's boundary rows**: their cells are distinct. The
real BOUNDARY rows' cells are (`Boundary.cells_distinct`, with `keyFacts_of`), each is in a space
below 3 (`real_bounds`), so none is an I/O cursor's (3, j), and the three cursors' differ. -/
theorem witnessBnd_cells {prows : List Spec.ProgramRow} {image : List Spec.ImageWord}
    (hs : Boundary.Sat tb pb) (hT : T.bnd = (List.range tb.height).map tb.row)
    (hL : BndLooks T prows image) (hIB : ImageBounds image pb)
    (consumed outLen : BabyBear) (ts : Nat) (re : Row BabyBear) :
    ((witnessBnd T consumed outLen ts re).map (·.cell)).Nodup := by
  have hk := keyFacts_of hs hT hL hIB
  rw [witnessBnd, realBnd_eq hT, List.map_append, List.map_map, List.map_map, List.nodup_append]
  refine ⟨?_, ?_, ?_⟩
  · have hnd : ((List.range tb.height).filter fun i =>
        decide (Boundary.real (tb.row i) = 1)).Pairwise (· ≠ ·) :=
      List.Pairwise.sublist List.filter_sublist List.nodup_range
    show List.Pairwise _ _
    rw [List.pairwise_map]
    refine List.Pairwise.imp_of_mem (fun {x y} hx hy hne hxy => ?_) hnd
    simp only [List.mem_filter, List.mem_range, decide_eq_true_eq] at hx hy
    exact Boundary.cells_distinct hs hk hx.1 hy.1 hx.2 hy.2 hne hxy
  · simp only [List.map_cons, List.map_nil, cursorRec]
    decide
  · intro a ha b hb hab
    obtain ⟨i, hi, rfl⟩ := List.mem_map.mp ha
    simp only [List.mem_filter, List.mem_range, decide_eq_true_eq] at hi
    have hsp := (real_bounds hs hT hL hIB hi.1 hi.2).1
    have h3 : b.1 = 3 := by
      simp only [List.map_cons, List.map_nil, List.mem_cons, List.not_mem_nil, or_false] at hb
      rcases hb with rfl | rfl | rfl <;> rfl
    have e : tb.row i Boundary.Col.space = 3 := by rw [← h3, ← hab]; rfl
    rw [e] at hsp
    exact absurd hsp (by decide)

/-- An image word's low limb value &&& 65535 is below 2^16. -/
theorem img_limb_lo_lt (v : UInt32) : (v &&& 65535).toNat < 2 ^ 16 := by
  rw [UInt32.toNat_and]
  exact Nat.and_lt_two_pow v.toNat (n := 16) (by decide)

/-- An image word's high limb value >>> 16 is below 2^16. -/
theorem img_limb_hi_lt (v : UInt32) : (v >>> 16).toNat < 2 ^ 16 := by
  rw [UInt32.toNat_shiftRight, Nat.shiftRight_eq_div_pow]
  have := v.toNat_lt
  have e : (16 : UInt32).toNat % 32 = 16 := by decide
  rw [e]
  omega

/-- **`run_of_bus`'s `hregB` for the witness's boundary rows**: a register cell's initial value
is two 16-bit limbs. A register cell (space 0) is neither a zero row's (space 1) nor a cursor's
(space 3), so it is an image row's, whose limbs are an image word's value &&& 65535 and
value >>> 16 (`Spec.imgMessage`). -/
theorem witnessBnd_regB {prows : List Spec.ProgramRow} {image : List Spec.ImageWord}
    (hs : Boundary.Sat tb pb) (hT : T.bnd = (List.range tb.height).map tb.row)
    (hL : BndLooks T prows image) (hIB : ImageBounds image pb)
    (consumed outLen : BabyBear) (ts : Nat) (re : Row BabyBear) :
    ∀ b ∈ witnessBnd T consumed outLen ts re, b.cell.1 = 0 →
      b.init.1.val < 2 ^ 16 ∧ b.init.2.val < 2 ^ 16 := by
  intro b hb _
  rcases mem_witnessBnd hT hb with ⟨i, hi, h1, rfl⟩ | ⟨-, e⟩
  · simp only [bndRec]
    rcases bnd_origin hs hT hL hIB hi h1 with ⟨w, -, -, -, el, eh⟩ | ⟨-, el, eh, -⟩
    · have := img_limb_lo_lt w.value
      have := img_limb_hi_lt w.value
      rw [el, eh, val_felt_small (by omega), val_felt_small (by omega)]
      omega
    · rw [el, eh]
      exact ⟨by decide, by decide⟩
  · rw [e]
    exact ⟨by decide, by decide⟩

/-- **`run_of_bus`'s `h30` for the witness's boundary rows**: a word cell's address is below
2^30 — below 2^28 for every real BOUNDARY row (`real_bounds`); the cursors are not word cells. -/
theorem witnessBnd_30 {prows : List Spec.ProgramRow} {image : List Spec.ImageWord}
    (hs : Boundary.Sat tb pb) (hT : T.bnd = (List.range tb.height).map tb.row)
    (hL : BndLooks T prows image) (hIB : ImageBounds image pb)
    (consumed outLen : BabyBear) (ts : Nat) (re : Row BabyBear) :
    ∀ b ∈ witnessBnd T consumed outLen ts re, IsWordCell b.cell → b.cell.2.val < 2 ^ 30 := by
  intro b hb hw
  rcases mem_witnessBnd hT hb with ⟨i, hi, h1, rfl⟩ | ⟨e, -⟩
  · have := (real_bounds hs hT hL hIB hi h1).2
    simp only [bndRec]
    omega
  · rcases hw with h | h <;> rw [e] at h <;> exact absurd h (by decide)

/-! ## One word cell per word address, and the word cells allowed -/

/-- A word cell of a real BOUNDARY row is a RAM word of the image or of a zero interval, or a
ROM word of the image. -/
theorem bnd_word_row {prows : List Spec.ProgramRow} {image : List Spec.ImageWord}
    (hs : Boundary.Sat tb pb) (hT : T.bnd = (List.range tb.height).map tb.row)
    (hL : BndLooks T prows image) (hIB : ImageBounds image pb) {i : Nat} (hi : i < tb.height)
    (h1 : Boundary.real (tb.row i) = 1)
    (hw : IsWordCell (tb.row i Boundary.Col.space, tb.row i Boundary.Col.addr)) :
    (tb.row i Boundary.Col.space = 1 ∧
      ((∃ w ∈ image, w.space.toNat = 1 ∧ w.wa.toNat = (tb.row i Boundary.Col.addr).val) ∨
        ∃ j ∈ Boundary.intervals,
          (pb (Boundary.pvZero0 + 2 * j)).val ≤ (tb.row i Boundary.Col.addr).val ∧
          (tb.row i Boundary.Col.addr).val < (pb (Boundary.pvZero0 + 2 * j + 1)).val)) ∨
    (tb.row i Boundary.Col.space = 2 ∧
      ∃ w ∈ image, w.space.toNat = 2 ∧ w.wa.toNat = (tb.row i Boundary.Col.addr).val) := by
  rcases bnd_origin hs hT hL hIB hi h1 with ⟨w, hw', es, ea, -, -⟩ | ⟨es, -, -, hz⟩
  · have hsv : (tb.row i Boundary.Col.space).val = w.space.toNat := by
      rw [es, val_felt_small (by have := hIB.space w hw'; omega)]
    have hav : (tb.row i Boundary.Col.addr).val = w.wa.toNat := by
      rw [ea, val_felt_small (by have := hIB.wa w hw'; omega)]
    rcases hw with h | h
    · have h : tb.row i Boundary.Col.space = 1 := h
      have h' : w.space.toNat = 1 := by rw [← hsv, h]; rfl
      exact Or.inl ⟨h, Or.inl ⟨w, hw', h', hav.symm⟩⟩
    · have h : tb.row i Boundary.Col.space = 2 := h
      have h' : w.space.toNat = 2 := by rw [← hsv, h]; rfl
      exact Or.inr ⟨h, w, hw', h', hav.symm⟩
  · exact Or.inl ⟨es, Or.inr hz⟩

/-- **No word address has a RAM and a ROM word, in the program** — what `load_program` builds:
the RAM image words are the words of the non-executable segments' file bytes, the ROM image
words every word of the executable segments, and `validate_segments` refuses two segments that
share a word (ElfBadLayout, "Overlap"), so no RAM image word has a ROM image word's address
(`img`); the zero intervals are the zero tails of non-executable segments (inside their own
words) and the heap [heap_start / 4, STACK_TOP / 4), which starts after every segment's last
word, so no ROM image word lies in one (`zero`). -/
structure OneCellPerWord (image : List Spec.ImageWord) (pb : Nat → BabyBear) : Prop where
  img : ∀ w ∈ image, ∀ w' ∈ image, w.space.toNat = 1 → w'.space.toNat = 2 →
    w.wa.toNat ≠ w'.wa.toNat
  zero : ∀ w ∈ image, w.space.toNat = 2 → ∀ j ∈ Boundary.intervals,
    ¬ ((pb (Boundary.pvZero0 + 2 * j)).val ≤ w.wa.toNat ∧
      w.wa.toNat < (pb (Boundary.pvZero0 + 2 * j + 1)).val)

/-- A RAM word (an image word or in a zero interval) is at no ROM image word's address. -/
theorem ram_not_rom {image : List Spec.ImageWord} (hOne : OneCellPerWord image pb) {a : BabyBear}
    (hram : (∃ w ∈ image, w.space.toNat = 1 ∧ w.wa.toNat = a.val) ∨
      ∃ j ∈ Boundary.intervals, (pb (Boundary.pvZero0 + 2 * j)).val ≤ a.val ∧
        a.val < (pb (Boundary.pvZero0 + 2 * j + 1)).val)
    {w' : Spec.ImageWord} (hw' : w' ∈ image) (h2 : w'.space.toNat = 2)
    (hwa : w'.wa.toNat = a.val) : False := by
  rcases hram with ⟨w, hw, h1, hwa1⟩ | ⟨j, hj, hlo, hhi⟩
  · exact hOne.img w hw w' hw' h1 h2 (by omega)
  · exact hOne.zero w' hw' h2 j hj ⟨by omega, by omega⟩

/-- A cell in space 3 (an I/O cursor) is not a word cell. -/
theorem cursor_not_word {c : Cell} (e : c.1 = 3) (hw : IsWordCell c) : False := by
  rcases hw with h | h <;> rw [e] at h <;> exact absurd h (by decide)

/-- **`run_of_bus`'s `hone` for the witness's boundary rows**: two word cells with the same
address are the same cell. Both are real BOUNDARY rows' (the cursors are in space 3); a RAM
row is a RAM image word or in a zero interval, a ROM row a ROM image word (`bnd_word_row`), and the
program has no RAM and ROM word at one address (`OneCellPerWord`). -/
theorem witnessBnd_one {prows : List Spec.ProgramRow} {image : List Spec.ImageWord}
    (hs : Boundary.Sat tb pb) (hT : T.bnd = (List.range tb.height).map tb.row)
    (hL : BndLooks T prows image) (hIB : ImageBounds image pb) (hOne : OneCellPerWord image pb)
    (consumed outLen : BabyBear) (ts : Nat) (re : Row BabyBear) :
    ∀ b ∈ witnessBnd T consumed outLen ts re, ∀ b' ∈ witnessBnd T consumed outLen ts re,
      IsWordCell b.cell → IsWordCell b'.cell → b.cell.2 = b'.cell.2 → b.cell = b'.cell := by
  intro b hb b' hb' hw hw' ha
  rcases mem_witnessBnd hT hb with ⟨i, hi, h1, rfl⟩ | ⟨e, -⟩
  · rcases mem_witnessBnd hT hb' with ⟨k, hk, h1', rfl⟩ | ⟨e, -⟩
    · have ha : tb.row i Boundary.Col.addr = tb.row k Boundary.Col.addr := ha
      show (tb.row i Boundary.Col.space, tb.row i Boundary.Col.addr) =
        (tb.row k Boundary.Col.space, tb.row k Boundary.Col.addr)
      rcases bnd_word_row hs hT hL hIB hi h1 hw with ⟨s1, r1⟩ | ⟨s2, w2, hw2, hsp2, hwa2⟩ <;>
        rcases bnd_word_row hs hT hL hIB hk h1' hw' with ⟨s1', r1'⟩ | ⟨s2', w2', hw2', hsp2', hwa2'⟩
      · rw [s1, s1', ha]
      · rw [ha] at r1
        exact (ram_not_rom hOne r1 hw2' hsp2' hwa2').elim
      · rw [← ha] at r1'
        exact (ram_not_rom hOne r1' hw2 hsp2 hwa2).elim
      · rw [s2, s2', ha]
    · exact (cursor_not_word e hw').elim
  · exact (cursor_not_word e hw).elim

open Zkvm.RiscV in
/-- **Every word the program initialises is allowed in the layout `L`**: each address of a RAM
or ROM image word and of a zero interval's word is mapped, and writable for RAM. What the loader
builds (program.rs: RAM image words and zero tails are words of the non-executable segments,
ROM words of the executable ones, the last zero interval the heap and stack up to STACK_TOP)
meets it for the executor's layout, which maps memory a word at a time (rust/executor
`Program::from_elf`, layout.rs); that `L` is that layout is the statement's business, not the
tables'. -/
structure ImageAllowed (L : Layout) (image : List Spec.ImageWord) (pb : Nat → BabyBear) :
    Prop where
  img : ∀ w ∈ image, (w.space.toNat = 1 ∨ w.space.toNat = 2) → ∀ a : Word,
    a.toNat / 4 = w.wa.toNat → L.mapped a = true ∧ (w.space.toNat = 1 → L.writable a = true)
  zero : ∀ j ∈ Boundary.intervals, ∀ a : Word, (pb (Boundary.pvZero0 + 2 * j)).val ≤ a.toNat / 4 →
    a.toNat / 4 < (pb (Boundary.pvZero0 + 2 * j + 1)).val → L.mapped a = true ∧ L.writable a = true

open Zkvm.RiscV in
/-- **`run_of_bus`'s `hallow` for the witness's boundary rows**: every address of a word cell is
mapped in `L`, and writable for a RAM cell. A word cell is a real BOUNDARY row's, an image word's
or a zero interval's (`bnd_origin`), which `ImageAllowed` allows. -/
theorem witnessBnd_allow {prows : List Spec.ProgramRow} {image : List Spec.ImageWord}
    (hs : Boundary.Sat tb pb) (hT : T.bnd = (List.range tb.height).map tb.row)
    (hL : BndLooks T prows image) (hIB : ImageBounds image pb) {L : Layout}
    (hA : ImageAllowed L image pb) (consumed outLen : BabyBear) (ts : Nat) (re : Row BabyBear) :
    ∀ b ∈ witnessBnd T consumed outLen ts re, IsWordCell b.cell → ∀ a : Word,
      a.toNat / 4 = b.cell.2.val → L.mapped a = true ∧ (b.cell.1 = 1 → L.writable a = true) := by
  intro b hb hw a ha
  rcases mem_witnessBnd hT hb with ⟨i, hi, h1, rfl⟩ | ⟨e, -⟩
  · have ha : a.toNat / 4 = (tb.row i Boundary.Col.addr).val := ha
    show L.mapped a = true ∧ (tb.row i Boundary.Col.space = 1 → L.writable a = true)
    rcases bnd_origin hs hT hL hIB hi h1 with ⟨w, hw', es, ea, -, -⟩ | ⟨es, -, -, j, hj, hlo, hhi⟩
    · have hsv : (tb.row i Boundary.Col.space).val = w.space.toNat := by
        rw [es, val_felt_small (by have := hIB.space w hw'; omega)]
      have hav : (tb.row i Boundary.Col.addr).val = w.wa.toNat := by
        rw [ea, val_felt_small (by have := hIB.wa w hw'; omega)]
      have hsw : w.space.toNat = 1 ∨ w.space.toNat = 2 := by
        rcases hw with h | h
        · have h : tb.row i Boundary.Col.space = 1 := h
          rw [← hsv, h]; exact Or.inl rfl
        · have h : tb.row i Boundary.Col.space = 2 := h
          rw [← hsv, h]; exact Or.inr rfl
      obtain ⟨hm, hwr⟩ := hA.img w hw' hsw a (by rw [ha, hav])
      refine ⟨hm, fun h => hwr ?_⟩
      rw [← hsv, h]; rfl
    · obtain ⟨hm, hwr⟩ := hA.zero j hj a (by omega) (by omega)
      exact ⟨hm, fun _ => hwr⟩
  · exact (cursor_not_word e hw).elim

/-! ## All five from the bus -/

open Zkvm.RiscV in
/-- **The boundary hypotheses of `run_of_bus` for the witness's boundary rows, from one bus**:
`hcells`, `hregB`, `hallow`, `h30` and `hone` for `witnessBnd`, when the BOUNDARY trace
satisfies its constraints and its rows are the tables', the bus gives every message net
multiplicity 0 (`Exec.Bus`), the statement carries no IMG message (`stmt_no_img` for the
verifier's), the FIXED rows are the fixed table of `prows` and `image`, and the program's image
and zero intervals (the BOUNDARY public values `pb`) are as `load_program` builds them
(`ImageBounds`, `OneCellPerWord`) and allowed in `L` (`ImageAllowed`). -/
theorem witnessBnd_of_bus {ssent srcvd : List (List BabyBear)} {fx : List (Fraction BabyBear)}
    (hB : Exec.Bus T ssent srcvd fx) (hs : Boundary.Sat tb pb)
    (hT : T.bnd = (List.range tb.height).map tb.row)
    (hstmt : ∀ m ∈ ssent ++ srcvd, m.head? ≠ some 3)
    {prows : List Spec.ProgramRow} {image : List Spec.ImageWord}
    (hfxr : ∀ f ∈ fx, f.fields ∈ Exec.fixedFelts prows image)
    (hIB : ImageBounds image pb) (hOne : OneCellPerWord image pb) {L : Layout}
    (hA : ImageAllowed L image pb) (consumed outLen : BabyBear) (ts : Nat) (re : Row BabyBear) :
    ((witnessBnd T consumed outLen ts re).map (·.cell)).Nodup ∧
    (∀ b ∈ witnessBnd T consumed outLen ts re, b.cell.1 = 0 →
      b.init.1.val < 2 ^ 16 ∧ b.init.2.val < 2 ^ 16) ∧
    (∀ b ∈ witnessBnd T consumed outLen ts re, IsWordCell b.cell → ∀ a : Word,
      a.toNat / 4 = b.cell.2.val → L.mapped a = true ∧ (b.cell.1 = 1 → L.writable a = true)) ∧
    (∀ b ∈ witnessBnd T consumed outLen ts re, IsWordCell b.cell → b.cell.2.val < 2 ^ 30) ∧
    (∀ b ∈ witnessBnd T consumed outLen ts re, ∀ b' ∈ witnessBnd T consumed outLen ts re,
      IsWordCell b.cell → IsWordCell b'.cell → b.cell.2 = b'.cell.2 → b.cell = b'.cell) := by
  have hL := bndLooks_of_bus hB hs hT hstmt hfxr
  exact ⟨witnessBnd_cells hs hT hL hIB consumed outLen ts re,
    witnessBnd_regB hs hT hL hIB consumed outLen ts re,
    witnessBnd_allow hs hT hL hIB hA consumed outLen ts re,
    witnessBnd_30 hs hT hL hIB consumed outLen ts re,
    witnessBnd_one hs hT hL hIB hOne consumed outLen ts re⟩

/-! ## All segments together -/

/-- The real BOUNDARY rows of all segments are each segment's, in order. -/
theorem realBnd_union (Ts : List Tables) :
    realBnd (Exec.Tables.union Ts) = Ts.flatMap realBnd := by
  simp only [realBnd, Exec.Tables.union, List.filter_flatMap]
  rfl

/-- A segment that is not the last (FINAL = 0) has no real BOUNDARY row (`Boundary.silent`). -/
theorem realBnd_silent (hs : Boundary.Sat tb pb) (hT : T.bnd = (List.range tb.height).map tb.row)
    (hf : pb Boundary.pvFinal = 0) : realBnd T = [] := by
  rw [realBnd_eq hT, List.map_eq_nil_iff, List.filter_eq_nil_iff]
  intro i hi
  rw [Boundary.silent hs hf i (List.mem_range.mp hi)]
  decide

/-- **All segments' witness boundary rows are the last segment's**, when no earlier segment has
a real BOUNDARY row (`realBnd_silent`): the theorems above, stated for one segment's BOUNDARY
trace, apply to the boundary rows of the whole run. -/
theorem witnessBnd_union {pre : List Tables} {Tl : Tables} (hpre : ∀ T ∈ pre, realBnd T = [])
    (consumed outLen : BabyBear) (ts : Nat) (re : Row BabyBear) :
    witnessBnd (Exec.Tables.union (pre ++ [Tl])) consumed outLen ts re =
      witnessBnd Tl consumed outLen ts re := by
  have h : pre.flatMap realBnd = [] := List.flatMap_eq_nil_iff.mpr hpre
  simp only [witnessBnd, realBnd_union, List.flatMap_append, h, List.nil_append,
    List.flatMap_cons, List.flatMap_nil, List.append_nil]

end Zkvm.Air.V2.Run

end
