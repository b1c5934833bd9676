module

public import Zkvm.Air.V2.RunStatementFacts
public import Zkvm.Air.V2.RunInitRange
public import Zkvm.Refinement.KeyImage

/-!
# The whole run from a key the verifier accepted

`run_of_traces_rom` (RunInit.lean) takes five named facts about the key's program: `ImageBounds`,
`OneCellPerWord`, `ImageAllowed L` (RunBoundaryFacts.lean), `ImageFacts` and, for the loader's
state, `RegImage` (RunInit.lean). This file derives them from what `verifying_key` checks
(rust/verifier/src/receipt/mod.rs): `check_program_shape` (`ProgramShape`) and
`check_program_image` (`KeyImage`, Refinement/KeyImage.lean), with the image
`prog.image.map Spec.specWord`, and one link between the key and the BOUNDARY table's public
values:

* `ZeroSlots pb prog`: the BOUNDARY table's zero-interval slots `pb (pvZero0 + 2 j)`,
  `pb (pvZero0 + 2 j + 1)` (j < 4) hold the key's zero interval j, and [0, 0) past its intervals —
  the statement's public values 7 … 14 (`Zkvm.Spec.Receipt.publicValues` lays out
  `zeroPair (zeroIntervals prog) j`, docs/air.md §8), which are the BOUNDARY table's public
  values; all are below 2^28 < p, so their field values are the integers;
* `keyLayout image zeros`: the layout the key describes — every RAM image word's four bytes
  writable, every ROM image word's four bytes executable and read-only, every zero interval's
  words writable; `ImageAllowed` holds for it (`imageAllowed_keyLayout`), and ROM words are not
  writable (`keyLayout_rom_readOnly`);
* `run_of_key`: `run_of_traces_rom'` (RunInitRange.lean: fewer than 2^28 IO rows in place of the
  IO rows' ranges, which it derives) for the key's image, entry and layout, the five program facts
  replaced by `ProgramShape`, `KeyImage` and `ZeroSlots`; `run_of_elf`: the same for a key
  `verifying_key` returned, with `ProgramShape` and `KeyImage` from its checks
  (`verifying_key_image`, Refinement/KeyImage.lean), only `ZeroSlots` left;
* `zeroSlots_of_publicValues`: `ZeroSlots` holds when the BOUNDARY table's public values 7 … 14
  are the statement's `publicValues` (with the key's entry and zero intervals) as field elements;
  `zeroSlots_of_runFacts`: it holds for the public values the receipt verifier hands a segment's
  BOUNDARY table (`StmtFacts.RunFacts`, RunStatementFacts.lean);
* `keyState_load_key`: with the key's registers, the key's state is the executor's
  `Program.load` but for its byte memory and fetch table, for a program with the key's entry and
  layout.
-/

@[expose] public section

noncomputable section

namespace Zkvm.Air.V2.Run

open Zkvm.Field Zkvm.RiscV Zkvm.Air.Table Zkvm.Air.Memory Zkvm.Air.V2.Cpu Zkvm.Air.V2.Cpu.Col
open Zkvm.Air.V2.Exec (Tables felt)
open Zkvm.Spec.Statement (pvExitLo pvExitHi pvCycles pvInputConsumed pvOutputLen)
open Zkvm.Refinement.receipt (ProgramShape KeyImage RegWord WordLt)
open Zkvm.Spec.ReceiptVerifier (zeroIntervals)

/-! ## The link between the key and the BOUNDARY table's public values -/

/-- The lower bound of the key's zero interval `j`, 0 past its intervals. -/
def slotLo (prog : Zkvm.Extracted.receipt.program.Program) (j : Nat) : Nat :=
  (prog.zero_intervals[j]?.map fun z => z.lo.toNat).getD 0

/-- The upper bound of the key's zero interval `j`, 0 past its intervals. -/
def slotHi (prog : Zkvm.Extracted.receipt.program.Program) (j : Nat) : Nat :=
  (prog.zero_intervals[j]?.map fun z => z.hi.toNat).getD 0

/-- **The BOUNDARY table's zero-interval slots are the key's zero intervals**: slot j of the
four holds interval j of the key's program, [0, 0) past its intervals. These are the statement's
public values 7 … 14 (`publicValues` with `zeroIntervals prog`), which the verifier gives the
BOUNDARY table as its public values. -/
def ZeroSlots (pb : Nat → BabyBear) (prog : Zkvm.Extracted.receipt.program.Program) : Prop :=
  ∀ j ∈ Boundary.intervals, (pb (Boundary.pvZero0 + 2 * j)).val = slotLo prog j ∧
    (pb (Boundary.pvZero0 + 2 * j + 1)).val = slotHi prog j

theorem slotLo_le {prog : Zkvm.Extracted.receipt.program.Program} (hs : ProgramShape prog)
    (j : Nat) : slotLo prog j ≤ 2 ^ 28 := by
  unfold slotLo
  cases h : prog.zero_intervals[j]? with
  | none => simp
  | some z =>
    have := hs.zeros z (List.mem_of_getElem? h)
    simp only [Option.map_some, Option.getD_some]
    omega

theorem slotHi_le {prog : Zkvm.Extracted.receipt.program.Program} (hs : ProgramShape prog)
    (j : Nat) : slotHi prog j ≤ 2 ^ 28 := by
  unfold slotHi
  cases h : prog.zero_intervals[j]? with
  | none => simp
  | some z =>
    have := hs.zeros z (List.mem_of_getElem? h)
    simp only [Option.map_some, Option.getD_some]
    omega

/-- An address in slot `j`'s interval is in one of the key's zero intervals. -/
theorem zeroSlot_mem {prog : Zkvm.Extracted.receipt.program.Program} {j x : Nat}
    (hlo : slotLo prog j ≤ x) (hhi : x < slotHi prog j) :
    ∃ z ∈ prog.zero_intervals, z.lo.toNat ≤ x ∧ x < z.hi.toNat := by
  unfold slotLo at hlo
  unfold slotHi at hhi
  cases h : prog.zero_intervals[j]? with
  | none => simp only [h, Option.map_none, Option.getD_none] at hhi; omega
  | some z =>
    simp only [h, Option.map_some, Option.getD_some] at hlo hhi
    exact ⟨z, List.mem_of_getElem? h, hlo, hhi⟩

/-! ## The program facts from the key's checks -/

section Facts

variable {prog : Zkvm.Extracted.receipt.program.Program} {pb : Nat → BabyBear}

/-- An image word outside space 0 is past the registers. -/
theorem idx_ge_32 (hk : KeyImage prog) {k : Nat} (hkl : k < prog.image.length)
    (hs : prog.image[k].space.toNat ≠ 0) : 32 ≤ k := by
  by_cases h : k < 32
  · obtain ⟨w, hw, h0, -, -⟩ := hk.regs k h
    rw [List.getElem?_eq_getElem hkl] at hw
    cases hw
    exact absurd h0 hs
  · omega

/-- **No RAM or ROM image word lies in a zero slot.** -/
theorem not_in_slot (hk : KeyImage prog) (hz : ZeroSlots pb prog) {w : Spec.ImageWord}
    (hw : w ∈ prog.image.map Spec.specWord) (hs : w.space.toNat ≠ 0) {j : Nat}
    (hj : j ∈ Boundary.intervals) :
    ¬ ((pb (Boundary.pvZero0 + 2 * j)).val ≤ w.wa.toNat ∧
      w.wa.toNat < (pb (Boundary.pvZero0 + 2 * j + 1)).val) := by
  obtain ⟨w0, hw0, rfl⟩ := List.mem_map.mp hw
  obtain ⟨k, hkl, rfl⟩ := List.getElem_of_mem hw0
  rw [(hz j hj).1, (hz j hj).2]
  rintro ⟨hlo, hhi⟩
  obtain ⟨z, hzm, h1, h2⟩ := zeroSlot_mem hlo hhi
  exact hk.zero k hkl (idx_ge_32 hk hkl hs) z hzm ⟨h1, h2⟩

/-- **`ImageBounds`** from `check_program_shape`: spaces below 3, word addresses below 2^28, the
zero slots at most 2^28. -/
theorem imageBounds_of_key (hs : ProgramShape prog) (hz : ZeroSlots pb prog) :
    ImageBounds (prog.image.map Spec.specWord) pb where
  space := by
    intro w hw
    obtain ⟨w0, hw0, rfl⟩ := List.mem_map.mp hw
    have := (hs.words w0 hw0).1
    show w0.space.toNat < 3
    omega
  wa := by
    intro w hw
    obtain ⟨w0, hw0, rfl⟩ := List.mem_map.mp hw
    exact (hs.words w0 hw0).2
  zero := by
    intro j hj
    rw [(hz j hj).1, (hz j hj).2]
    exact ⟨slotLo_le hs j, slotHi_le hs j⟩

/-- **`OneCellPerWord`** from `check_program_image`: no RAM word at a ROM word's address, no ROM
word in a zero interval. -/
theorem oneCellPerWord_of_key (hk : KeyImage prog) (hz : ZeroSlots pb prog) :
    OneCellPerWord (prog.image.map Spec.specWord) pb where
  img := by
    intro w hw w' hw' h1 h2 e
    obtain ⟨w0, hw0, rfl⟩ := List.mem_map.mp hw
    obtain ⟨w0', hw0', rfl⟩ := List.mem_map.mp hw'
    exact hk.ramRom w0 hw0 w0' hw0' h1 h2 (UInt32.toNat_inj.mp e)
  zero := by
    intro w hw h2 j hj
    exact not_in_slot hk hz hw (by omega) hj

/-- **`ImageFacts`** from `check_program_image`: one word per (space, address) (the image is
strictly sorted), x0's word 0, no RAM word in a zero interval. -/
theorem imageFacts_of_key (hk : KeyImage prog) (hz : ZeroSlots pb prog) :
    ImageFacts (prog.image.map Spec.specWord) pb where
  keys := by
    rw [List.map_map]
    show List.Pairwise (· ≠ ·) _
    refine hk.sorted.map _ (fun a b hab e => ?_)
    simp only [Function.comp_apply, Spec.specWord, Prod.mk.injEq] at e
    unfold WordLt at hab
    rw [e.1, e.2] at hab
    omega
  reg0 := by
    intro w hw h0 ha
    obtain ⟨w0, hw0, rfl⟩ := List.mem_map.mp hw
    obtain ⟨k, hkl, rfl⟩ := List.getElem_of_mem hw0
    obtain ⟨r0, hr0, hs0, ha0, hv0⟩ := hk.regs 0 (by decide)
    have hl0 : 0 < prog.image.length := by omega
    rw [List.getElem?_eq_getElem hl0] at hr0
    cases hr0
    by_cases hk0 : k = 0
    · subst hk0
      show prog.image[0].value = 0
      rw [hv0]; rfl
    · have := List.pairwise_iff_getElem.mp hk.sorted 0 k hl0 hkl (by omega)
      unfold WordLt at this
      have h0' : prog.image[k].space.toNat = 0 := h0
      have ha' : prog.image[k].wa.toNat = 0 := ha
      omega
  ram := by
    intro w hw h1 j hj
    exact not_in_slot hk hz hw (by omega) hj

/-- **`RegImage`** from `check_program_image`: the first 32 image words are the loader's
registers. -/
theorem regImage_of_key (hk : KeyImage prog) : RegImage (prog.image.map Spec.specWord) := by
  intro i hi
  obtain ⟨w, hw, h0, ha, hv⟩ := hk.regs i hi
  exact ⟨Spec.specWord w, List.mem_map_of_mem (List.mem_of_getElem? hw), h0, ha, hv⟩

end Facts

/-! ## The layout the key describes -/

/-- An image word's four bytes: writable for a RAM word, executable for a ROM word. -/
def wordRegion (w : Spec.ImageWord) : Region :=
  ⟨4 * w.wa.toNat, 4 * w.wa.toNat + 4, decide (w.space.toNat = 1), decide (w.space.toNat = 2)⟩

/-- A zero interval's words (word addresses [lo, hi)): writable, not executable. -/
def zeroRegion (z : UInt32 × UInt32) : Region :=
  ⟨4 * z.1.toNat, 4 * z.2.toNat, true, false⟩

/-- **The layout the key describes**: its RAM and ROM image words' bytes (RAM writable, ROM
executable and read-only) and its zero intervals' words (writable). -/
def keyLayout (image : List Spec.ImageWord) (zeros : List (UInt32 × UInt32)) : Layout :=
  (image.filter fun w => decide (w.space.toNat = 1 ∨ w.space.toNat = 2)).map wordRegion ++
    zeros.map zeroRegion

theorem mem_keyLayout_word {image : List Spec.ImageWord} {zeros : List (UInt32 × UInt32)}
    {w : Spec.ImageWord} (hw : w ∈ image) (hs : w.space.toNat = 1 ∨ w.space.toNat = 2) :
    wordRegion w ∈ keyLayout image zeros :=
  List.mem_append_left _ (List.mem_map_of_mem (List.mem_filter.mpr ⟨hw, by simp [hs]⟩))

theorem mem_keyLayout_zero {image : List Spec.ImageWord} {zeros : List (UInt32 × UInt32)}
    {z : UInt32 × UInt32} (hz : z ∈ zeros) : zeroRegion z ∈ keyLayout image zeros :=
  List.mem_append_right _ (List.mem_map_of_mem hz)

theorem mapped_of_mem {L : Layout} {r : Region} (hr : r ∈ L) {a : Word}
    (h1 : r.start ≤ a.toNat) (h2 : a.toNat < r.stop) : L.mapped a = true := by
  unfold Layout.mapped
  rw [List.any_eq_true]
  exact ⟨r, hr, by simp [Region.contains, h1, h2]⟩

theorem writable_of_mem {L : Layout} {r : Region} (hr : r ∈ L) {a : Word}
    (h1 : r.start ≤ a.toNat) (h2 : a.toNat < r.stop) (hw : r.writable = true) :
    L.writable a = true := by
  unfold Layout.writable
  rw [List.any_eq_true]
  exact ⟨r, hr, by simp [Region.contains, h1, h2, hw]⟩

/-- **`ImageAllowed`** for the key's layout: every RAM and ROM image word's bytes are mapped,
writable for RAM, and every zero slot's words are mapped and writable. -/
theorem imageAllowed_keyLayout {prog : Zkvm.Extracted.receipt.program.Program}
    {pb : Nat → BabyBear} (hz : ZeroSlots pb prog) :
    ImageAllowed (keyLayout (prog.image.map Spec.specWord) (zeroIntervals prog))
      (prog.image.map Spec.specWord) pb where
  img := by
    intro w hw hs a ha
    have hr := mem_keyLayout_word (zeros := zeroIntervals prog) hw hs
    have h1 : (wordRegion w).start ≤ a.toNat := by simp only [wordRegion]; omega
    have h2 : a.toNat < (wordRegion w).stop := by simp only [wordRegion]; omega
    exact ⟨mapped_of_mem hr h1 h2, fun e => writable_of_mem hr h1 h2 (by simp [wordRegion, e])⟩
  zero := by
    intro j hj a hlo hhi
    rw [(hz j hj).1] at hlo
    rw [(hz j hj).2] at hhi
    obtain ⟨z, hzm, h1, h2⟩ := zeroSlot_mem hlo hhi
    have hr := mem_keyLayout_zero (image := prog.image.map Spec.specWord)
      (List.mem_map_of_mem (f := fun z : Zkvm.Extracted.receipt.program.ZeroInterval =>
        (z.lo, z.hi)) hzm)
    have e1 : (zeroRegion (z.lo, z.hi)).start ≤ a.toNat := by simp only [zeroRegion]; omega
    have e2 : a.toNat < (zeroRegion (z.lo, z.hi)).stop := by simp only [zeroRegion]; omega
    exact ⟨mapped_of_mem hr e1 e2, writable_of_mem hr e1 e2 rfl⟩

/-- **The key's ROM words are read-only in its layout**: no RAM image word shares a ROM word's
address and no zero interval contains one (`KeyImage`), so no writable region holds its bytes. -/
theorem keyLayout_rom_readOnly {prog : Zkvm.Extracted.receipt.program.Program}
    (hk : KeyImage prog) {w : Spec.ImageWord} (hw : w ∈ prog.image.map Spec.specWord)
    (h2 : w.space.toNat = 2) (a : Word) (ha : a.toNat / 4 = w.wa.toNat) :
    (keyLayout (prog.image.map Spec.specWord) (zeroIntervals prog)).writable a = false := by
  unfold Layout.writable
  rw [Bool.eq_false_iff]
  intro hany
  rw [List.any_eq_true] at hany
  obtain ⟨r, hr, hc⟩ := hany
  simp only [Bool.and_eq_true, Region.contains, decide_eq_true_eq] at hc
  obtain ⟨⟨c1, c2⟩, cw⟩ := hc
  obtain ⟨w0, hw0, rfl⟩ := List.mem_map.mp hw
  rcases List.mem_append.mp hr with hr | hr
  · obtain ⟨w', hw', rfl⟩ := List.mem_map.mp hr
    have hw'' := (List.mem_filter.mp hw').1
    obtain ⟨w1, hw1, rfl⟩ := List.mem_map.mp hw''
    simp only [wordRegion, decide_eq_true_eq] at c1 c2 cw
    have c1' : 4 * w1.wa.toNat ≤ a.toNat := c1
    have c2' : a.toNat < 4 * w1.wa.toNat + 4 := c2
    exact hk.ramRom w1 hw1 w0 hw0 cw h2 (UInt32.toNat_inj.mp (by
      show w1.wa.toNat = w0.wa.toNat
      have : w0.wa.toNat = a.toNat / 4 := ha.symm
      omega))
  · obtain ⟨z, hz, rfl⟩ := List.mem_map.mp hr
    obtain ⟨z0, hz0, rfl⟩ := List.mem_map.mp hz
    simp only [zeroRegion] at c1 c2
    obtain ⟨k, hkl, rfl⟩ := List.getElem_of_mem hw0
    have h32 := idx_ge_32 hk hkl (by
      show (Spec.specWord prog.image[k]).space.toNat ≠ 0
      omega)
    have : prog.image[k].wa.toNat = a.toNat / 4 := ha.symm
    exact hk.zero k hkl h32 z0 hz0 ⟨by omega, by omega⟩

/-! ## The whole run from the key -/

/-- **The whole run from a key the verifier accepted** (`run_of_traces_rom` for the key's image
`prog.image.map Spec.specWord`, entry `prog.entry` and layout `keyLayout`): the five facts about
the key's program are derived from `check_program_shape` (`ProgramShape`), `check_program_image`
(`KeyImage`) and the BOUNDARY table's zero slots holding the key's zero intervals (`ZeroSlots`).
For one segment's traces as in `run_of_traces_rom`, the semantics' run of `N` steps from the state
the key describes halts with the exit code of `pv`, after `pv`'s cycle count of steps, with exactly
the claimed output, having consumed the claimed input and read the private input up to its end
row. -/
theorem run_of_key {T : Tables} {pv : List BabyBear} {input output : List UInt8}
    {fx : List (Zkvm.Air.V2.Cpu.Fraction BabyBear)}
    (hB : Exec.Bus T (Exec.stmtSent pv input) (Exec.stmtRcvd pv output) fx)
    {prows : List Spec.ProgramRow} {prog : Zkvm.Extracted.receipt.program.Program}
    (hshape : ProgramShape prog) (hkey : KeyImage prog)
    (hfxr : ∀ f ∈ fx, f.fields ∈ Exec.fixedFelts prows (prog.image.map Spec.specWord))
    (hprows : ∀ r ∈ prows, ∃ p ∈ romCode (prog.image.map Spec.specWord),
      Spec.decodeRow p.1 p.2 = some r)
    (hio : T.io.length < 2 ^ 28)
    {t : Trace BabyBear} {pub : Nat → BabyBear} (hs : t.Satisfies constraintFn pub)
    (hclk0 : pub Pv.clk0 = 0) (hf : pub Pv.final = 1) {N : Nat} (hNh : N ≤ t.height)
    (hN0 : 0 < N) (hN27 : N ≤ 2 ^ 27) (hreal : ∀ n < N, t.row n isReal = 1)
    (hpad : N = t.height ∨ t.row N isReal = 0) (hcT : T.cpu = (List.range t.height).map t.row)
    (hpc0 : pub Pv.pc0 = felt prog.entry)
    {tb : Trace BabyBear} {pb : Nat → BabyBear} (hbs : Boundary.Sat tb pb)
    (hbT : T.bnd = (List.range tb.height).map tb.row) (hslots : ZeroSlots pb prog)
    {tp : Trace BabyBear} {pp : Nat → BabyBear} (hps : Private.Sat tp pp)
    (hpf : pp Private.pvFinal = 1) (hpT : T.priv = (List.range tp.height).map tp.row)
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
  run_of_traces_rom' hB hfxr hprows hio hs hclk0 hf hNh hN0 hN27 hreal hpad hcT hpc0
    hshape.entry hbs hbT (imageBounds_of_key hshape hslots) (oneCellPerWord_of_key hkey hslots)
    (imageAllowed_keyLayout hslots) (imageFacts_of_key hkey hslots) hps hpf hpT hn hendn hn24
    hpub hcons hinlen hout6 houtlen

/-- **The key's state is the executor's loaded state but for memory and fetch**
(`keyState_load` with the registers `check_program_image` checked): for a program `p` entered at
the key's entry whose layout is the key's, `keyState` is `p.load input priv` with its byte memory
and fetch table replaced by the key's. -/
theorem keyState_load_key {prog : Zkvm.Extracted.receipt.program.Program} (hkey : KeyImage prog)
    {pb : Nat → BabyBear} (hslots : ZeroSlots pb prog) (p : RiscV.Program)
    (he : prog.entry.toBitVec = p.entry)
    (hl : p.layout = keyLayout (prog.image.map Spec.specWord) (zeroIntervals prog))
    (code : List (UInt32 × UInt32)) (input priv : List Byte) :
    keyState prog.entry (prog.image.map Spec.specWord) code
        (keyLayout (prog.image.map Spec.specWord) (zeroIntervals prog)) input priv =
      { p.load input priv with
        mem := (fun a => keyByte (prog.image.map Spec.specWord) a.toNat)
        code := codeAt code } := by
  rw [← hl]
  exact keyState_load (imageFacts_of_key hkey hslots).keys (regImage_of_key hkey) p he code
    input priv

/-! ## From the ELF -/

/-- **The program facts of a key `verifying_key` returned**: its program meets `ProgramShape` and
`KeyImage` (`verifying_key_image`). -/
theorem key_facts_of_elf {elf : List UInt8} {vk : Zkvm.Extracted.protocol.vk.VerifyingKey}
    (hvk : Zkvm.Extracted.receipt.verifying_key elf = .ok (.ok vk))
    {prog : Zkvm.Extracted.receipt.program.Program}
    (hair : vk.air = .Rv32imV2 prog) : ProgramShape prog ∧ KeyImage prog := by
  obtain ⟨prog', hair', hs, hk⟩ := Zkvm.Refinement.receipt.verifying_key_image hvk
  rw [hair] at hair'
  cases hair'
  exact ⟨hs, hk⟩

/-- **The whole run from a key `verifying_key` made from an ELF**: `run_of_key` with
`ProgramShape` and `KeyImage` from the verifier's own checks
(`key_facts_of_elf`), given that the BOUNDARY table's zero slots hold its zero intervals
(`ZeroSlots`). -/
theorem run_of_elf {elf : List UInt8} {vk : Zkvm.Extracted.protocol.vk.VerifyingKey}
    (hvk : Zkvm.Extracted.receipt.verifying_key elf = .ok (.ok vk))
    {prog : Zkvm.Extracted.receipt.program.Program} (hair : vk.air = .Rv32imV2 prog)
    {T : Tables} {pv : List BabyBear} {input output : List UInt8}
    {fx : List (Zkvm.Air.V2.Cpu.Fraction BabyBear)}
    (hB : Exec.Bus T (Exec.stmtSent pv input) (Exec.stmtRcvd pv output) fx)
    {prows : List Spec.ProgramRow}
    (hfxr : ∀ f ∈ fx, f.fields ∈ Exec.fixedFelts prows (prog.image.map Spec.specWord))
    (hprows : ∀ r ∈ prows, ∃ p ∈ romCode (prog.image.map Spec.specWord),
      Spec.decodeRow p.1 p.2 = some r)
    (hio : T.io.length < 2 ^ 28)
    {t : Trace BabyBear} {pub : Nat → BabyBear} (hs : t.Satisfies constraintFn pub)
    (hclk0 : pub Pv.clk0 = 0) (hf : pub Pv.final = 1) {N : Nat} (hNh : N ≤ t.height)
    (hN0 : 0 < N) (hN27 : N ≤ 2 ^ 27) (hreal : ∀ n < N, t.row n isReal = 1)
    (hpad : N = t.height ∨ t.row N isReal = 0) (hcT : T.cpu = (List.range t.height).map t.row)
    (hpc0 : pub Pv.pc0 = felt prog.entry)
    {tb : Trace BabyBear} {pb : Nat → BabyBear} (hbs : Boundary.Sat tb pb)
    (hbT : T.bnd = (List.range tb.height).map tb.row) (hslots : ZeroSlots pb prog)
    {tp : Trace BabyBear} {pp : Nat → BabyBear} (hps : Private.Sat tp pp)
    (hpf : pp Private.pvFinal = 1) (hpT : T.priv = (List.range tp.height).map tp.row)
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
  run_of_key hB hk.1 hk.2 hfxr hprows hio hs hclk0 hf hNh hN0 hN27 hreal hpad hcT hpc0 hbs hbT
    hslots hps hpf hpT hn hendn hn24 hpub hcons hinlen hout6 houtlen

/-! ## The zero slots from the statement's public values -/

theorem zeroPair_key (prog : Zkvm.Extracted.receipt.program.Program) :
    Zkvm.Spec.Receipt.zeroPair (zeroIntervals prog) =
      fun j => [StmtFacts.zeroLo (zeroIntervals prog) j, StmtFacts.zeroHi (zeroIntervals prog) j] := by
  funext j
  exact StmtFacts.zeroPair_eq _ j

theorem zeroLo_toNat (prog : Zkvm.Extracted.receipt.program.Program) (j : Nat) :
    (StmtFacts.zeroLo (zeroIntervals prog) j).toNat = slotLo prog j := by
  unfold StmtFacts.zeroLo slotLo zeroIntervals
  rw [List.getElem?_map]
  cases prog.zero_intervals[j]? <;> rfl

theorem zeroHi_toNat (prog : Zkvm.Extracted.receipt.program.Program) (j : Nat) :
    (StmtFacts.zeroHi (zeroIntervals prog) j).toNat = slotHi prog j := by
  unfold StmtFacts.zeroHi slotHi zeroIntervals
  rw [List.getElem?_map]
  cases prog.zero_intervals[j]? <;> rfl

/-- **`ZeroSlots` from the statement**: when the statement's public values `pvs` are
`publicValues` of the key's entry and zero intervals (as `receiptStatement` builds them) and the
BOUNDARY table's public values 7 … 14 are those values as field elements, the zero slots hold the
key's intervals (every bound is at most 2^28 < p). -/
theorem zeroSlots_of_publicValues {prog : Zkvm.Extracted.receipt.program.Program}
    (hshape : ProgramShape prog) {exitCode : UInt32} {cycles : UInt64} {inLen consumed outLen : Nat}
    {pvs : List UInt32}
    (hpv : Zkvm.Spec.Receipt.publicValues prog.entry exitCode cycles inLen consumed outLen
      (zeroIntervals prog) = .ok pvs)
    {pb : Nat → BabyBear} (hpb : ∀ i, 7 ≤ i → i < 15 → pb i = Zkvm.Spec.ofU32 (pvs.getD i 0)) :
    ZeroSlots pb prog := by
  unfold Zkvm.Spec.Receipt.publicValues at hpv
  split at hpv
  · cases hpv
  split at hpv
  · cases hpv
  cases hpv
  rw [zeroPair_key] at hpb
  have hval : ∀ x : UInt32, x.toNat ≤ 2 ^ 28 → (Zkvm.Spec.ofU32 x).val = x.toNat := by
    intro x hx
    show x.toNat % Zkvm.Field.P = x.toNat
    unfold Zkvm.Field.P
    omega
  intro j hj
  have hj4 : j < 4 := by
    simp only [Boundary.intervals, List.mem_cons, List.not_mem_nil, or_false] at hj
    omega
  have hlo := slotLo_le hshape j
  have hhi := slotHi_le hshape j
  rw [← zeroLo_toNat] at hlo ⊢
  rw [← zeroHi_toNat] at hhi ⊢
  have e7 : Boundary.pvZero0 = 7 := rfl
  rw [hpb _ (by omega) (by omega), hpb _ (by omega) (by omega)]
  rw [← hval _ hlo, ← hval _ hhi]
  simp only [Boundary.intervals, List.mem_cons, List.not_mem_nil, or_false] at hj
  rcases hj with rfl | rfl | rfl | rfl <;> exact ⟨rfl, rfl⟩

/-- **`ZeroSlots` from the receipt verifier**: a segment's public values `pv`, as the verifier
hands them to the BOUNDARY table (`StmtFacts.tablePub`), hold the key's zero intervals in the
zero slots (`StmtFacts.RunFacts`: `zero_val`, `zero_empty`; every bound at most `2^28` < p by
`ProgramShape`). -/
theorem zeroSlots_of_runFacts {prog : Zkvm.Extracted.receipt.program.Program}
    (hshape : ProgramShape prog) {exitCode : UInt32} {cycles : UInt64} {consumed : UInt32}
    {input output : List UInt8} {st : Zkvm.Spec.Statement} {starts : List (List UInt32)}
    (R : StmtFacts.RunFacts prog exitCode cycles consumed input output st starts) {s : Nat}
    {pv : List UInt32}
    (hs : Zkvm.Spec.Segments.segmentPublicValues (st.publicValues.map Zkvm.Refinement.field.toU32)
      starts s = some pv) :
    ZeroSlots (StmtFacts.tablePub pv) prog := by
  have hP : (2 : Nat) ^ 28 < Zkvm.Field.P := by unfold Zkvm.Field.P; omega
  intro j hj
  cases hz : prog.zero_intervals[j]? with
  | none =>
    obtain ⟨e1, e2⟩ := R.zero_empty s pv hs j hj hz
    rw [e1, e2]
    simp only [slotLo, slotHi, hz, Option.map_none, Option.getD_none]
    exact ⟨rfl, rfl⟩
  | some z =>
    have hzb := hshape.zeros z (List.mem_of_getElem? hz)
    obtain ⟨-, e1, e2⟩ := R.zero_val s pv hs j z hz (by omega) (by omega)
    rw [e1, e2]
    simp only [slotLo, slotHi, hz, Option.map_some, Option.getD_some, and_self]

end Zkvm.Air.V2.Run
