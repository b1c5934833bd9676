module

public import Zkvm.Air.V2.RunRegs
public import Zkvm.Air.V2.StepMem

/-!
# Byte memory through the memory argument

The loads' and stores' whole-step theorems (`Zkvm.Air.V2.StepMem`) assume the MEM row's old
word is the byte memory's word and the access allowed. This file derives both from the memory
argument in its time view, and carries the byte memory over one row:

* `memAccess rm`: the MEM row's access, cell (1 + rom, wa) at 4 clk + 4 (docs/air.md §7.1);
* `MemIn m bnd s`: every word cell (space 1, RAM, or 2, ROM) with a boundary row holds, in `m`,
  the limbs of `s`'s word at its address (`ByteMemory.wordAt`);
* `word_cpu_ticks`: the CPU's ports touch register cells only, so a word cell keeps its content
  from 4 clk + 1 to 4 clk + 4;
* `memIn_keep`: a row without a port-3 access keeps the byte memory;
* `load_row`, `store_row`: a load or store row with its MEM row gives the semantics' step and
  the byte memory after it at the next row's time.

Hypotheses that the boundary table and the statement provide (`bnd` are the boundary rows):
every word cell's address is below 2^30, a word address has at most one word cell (RAM or ROM,
never both: docs/air.md §7.1), and every address of a word cell is mapped (writable for RAM).
-/

@[expose] public section

noncomputable section

namespace Zkvm.Air.V2.Run

open Zkvm.Field Zkvm.RiscV Zkvm.Air.Table Zkvm.Air.Memory Zkvm.Air.V2.Cpu Zkvm.Air.V2.Cpu.Col
open Zkvm.Air.V2.Exec (felt)
open Zkvm.Air.V2.Step (Runs Reads val_felt)
open Zkvm.Air.ByteMemory (wordAt)

/-- The MEM row's access at port 3: cell (1 + rom, wa) from the old word to the new one. -/
def memAccess (rm : Row BabyBear) : Access Cell Val :=
  ⟨(Mem.space rm, Mem.wordAddr rm), 4 * (rm Mem.Col.clk).val + 1 + 1 + 1 + 1,
    (rm Mem.Col.oldLo, rm Mem.Col.oldHi), (rm Mem.Col.prevTs).val,
    (rm Mem.Col.newLo, rm Mem.Col.newHi)⟩

/-- A word cell: space 1 (RAM) or 2 (ROM). -/
def IsWordCell (c : Cell) : Prop := c.1 = 1 ∨ c.1 = 2

/-- **Memory `m` holds `s`'s byte memory**: every word cell with a boundary row holds the limbs of
`s`'s word at its address. -/
def MemIn (m : Cell → Val) (bnd : List (Boundary Cell Val)) (s : State) : Prop :=
  ∀ b ∈ bnd, IsWordCell b.cell →
    (m b.cell).1.val = (wordAt s b.cell.2.val).lo ∧ (m b.cell).2.val = (wordAt s b.cell.2.val).hi

theorem wordCell_ne {c : Cell} (h : IsWordCell c) : c.1 ≠ 0 := by
  rcases h with h | h <;> rw [h] <;> decide

theorem wordAt_congr {s s' : State} (h : s'.mem = s.mem) (wa : Nat) : wordAt s' wa = wordAt s wa := by
  simp only [wordAt, State.readBytes, h]

theorem memIn_congr {m : Cell → Val} {bnd : List (Boundary Cell Val)} {s s' : State}
    (h : s'.mem = s.mem) (hm : MemIn m bnd s) : MemIn m bnd s' := by
  intro b hb hc
  rw [wordAt_congr h]
  exact hm b hb hc

/-- Limbs below 2^16 with the same word are the same limbs. -/
theorem limbs_eq {a b c d : BabyBear} (ha : a.val < 2 ^ 16) (hb : b.val < 2 ^ 16)
    (hc : c.val < 2 ^ 16) (hd : d.val < 2 ^ 16)
    (h : WordLimbs.ofFelts a b = WordLimbs.ofFelts c d) : a = c ∧ b = d := by
  have e0 := congrArg Word.lo h
  have e1 := congrArg Word.hi h
  simp only [WordLimbs.ofFelts, Word.lo_ofLimbs _ ha, Word.lo_ofLimbs _ hc,
    Word.hi_ofLimbs ha hb, Word.hi_ofLimbs hc hd] at e0 e1
  exact ⟨BabyBear.ext e0, BabyBear.ext e1⟩

theorem limbs_of_word {a b : BabyBear} {x : Word} (ha : a.val < 2 ^ 16) (hb : b.val < 2 ^ 16)
    (h : WordLimbs.ofFelts a b = x) : a.val = x.lo ∧ b.val = x.hi := by
  subst h
  exact ⟨(Word.lo_ofLimbs _ ha).symm, (Word.hi_ofLimbs ha hb).symm⟩

variable {accs : List (Access Cell Val)} {bnd : List (Boundary Cell Val)} {init : Cell → Val}
  {r : Row BabyBear} {s : State}

/-- **The CPU's ports touch register cells only**: a cell outside space 0 keeps its content from
4 clk + 1 to 4 clk + 4. -/
theorem word_cpu_ticks (hp : Ports accs r) {c : Cell} (hc : c.1 ≠ 0) :
    memAt accs init (4 * (r clk).val + 1 + 1 + 1 + 1) c = memAt accs init (4 * (r clk).val + 1) c := by
  have h1 : ∀ a ∈ accs, a.cell = c → a.ts ≠ 4 * (r clk).val + 1 := by
    intro a ha hac ht; rw [hp.at1 a ha ht] at hac; exact hc (by rw [← hac]; rfl)
  have h2 : ∀ a ∈ accs, a.cell = c → a.ts ≠ 4 * (r clk).val + 1 + 1 := by
    intro a ha hac ht; rw [hp.at2 a ha ht] at hac; exact hc (by rw [← hac]; rfl)
  have h3 : ∀ a ∈ accs, a.cell = c → a.ts ≠ 4 * (r clk).val + 1 + 1 + 1 := by
    intro a ha hac ht; rw [(hp.at3 a ha ht).2] at hac; exact hc (by rw [← hac]; rfl)
  rw [memAt_succ_of_none h3, memAt_succ_of_none h2, memAt_succ_of_none h1]

/-- **A row without a port-3 access keeps the byte memory** (the register-only instructions). -/
theorem memIn_keep (hp : Ports accs r) (hno : ∀ a ∈ accs, a.ts ≠ 4 * (r clk).val + 1 + 1 + 1 + 1)
    (hmem : MemIn (memAt accs init (4 * (r clk).val + 1)) bnd s) {s' : State}
    (hs : s'.mem = s.mem) :
    MemIn (memAt accs init (4 * (r clk).val + 1 + 1 + 1 + 1 + 1)) bnd s' := by
  intro b hb hc
  rw [memAt_succ_of_none fun a ha _ => hno a ha, word_cpu_ticks hp (wordCell_ne hc),
    wordAt_congr hs]
  exact hmem b hb hc

/-- The MEM row's cell is a word cell. -/
theorem memAccess_wordCell {rm : Row BabyBear} (hgm : Mem.Groups rm) :
    IsWordCell (memAccess rm).cell := by
  have hb := Felt.val_le_one_of_bool hgm.bool_rom
  show Mem.space rm = 1 ∨ Mem.space rm = 2
  unfold Mem.space
  rcases Nat.le_one_iff_eq_zero_or_eq_one.mp hb with h | h
  · left; rw [show rm Mem.Col.rom = 0 from BabyBear.ext h]; grind
  · right; rw [show rm Mem.Col.rom = 1 from BabyBear.ext h]; grind

/-- A real MEM row whose op field is a store's (15 … 17) writes RAM: rom = 0. -/
theorem store_rom {rm : Row BabyBear} (hgm : Mem.Groups rm) (hrm : Mem.real rm = 1)
    (hv : 15 ≤ (Mem.opField rm).val) : rm Mem.Col.rom = 0 := by
  have v := Mem.opField_val hgm
  have rv := Mem.real_val hgm hrm
  have e : Mem.isStore rm = (((rm Mem.Col.fSb).val + (rm Mem.Col.fSh).val +
      (rm Mem.Col.fSw).val : Nat) : BabyBear) := by
    unfold Mem.isStore; push_natCast
  have hs : Mem.isStore rm = 1 := by
    rw [e, show (rm Mem.Col.fSb).val + (rm Mem.Col.fSh).val + (rm Mem.Col.fSw).val = 1 by omega]
    rfl
  have := hgm.store_ram
  rw [hs] at this
  grind

/-- What the MEM row reads: its old word is `s`'s word at its address. -/
theorem mem_reads (hh : Hypotheses accs bnd) (hinit : ∀ b ∈ bnd, init b.cell = b.init)
    (hp : Ports accs r) {rm : Row BabyBear} (hgm : Mem.Groups rm) (hclk : rm Mem.Col.clk = r clk)
    (hacc : memAccess rm ∈ accs) (hmem : MemIn (memAt accs init (4 * (r clk).val + 1)) bnd s) :
    (∃ b ∈ bnd, b.cell = (memAccess rm).cell) ∧
      (rm Mem.Col.oldLo).val = (wordAt s (Mem.wordAddr rm).val).lo ∧
      (rm Mem.Col.oldHi).val = (wordAt s (Mem.wordAddr rm).val).hi := by
  obtain ⟨hbal, hcausal, hpos, hts, hcells⟩ := hh
  obtain ⟨b, hb, hbc⟩ := exists_boundary hbal hcausal hpos hts hcells _ hacc
  have e := read_eq_memAt ⟨hbal, hcausal, hpos, hts, hcells⟩ hinit hacc
  have hw := memAccess_wordCell hgm
  simp only [memAccess, hclk] at e
  rw [word_cpu_ticks hp (c := (Mem.space rm, Mem.wordAddr rm)) (wordCell_ne hw)] at e
  have := hmem b hb (hbc ▸ hw)
  rw [hbc] at this
  simp only [memAccess] at this
  rw [← e] at this
  exact ⟨⟨b, hb, hbc⟩, this⟩

/-- **A load row**: with its MEM row (whose access is the only one at 4 clk + 4) and the word
cells' addresses mapped, the semantics' load succeeds, puts c in rd, and the memory (every cell)
at the next row's time is what it was at 4 clk + 4; the byte memory is unchanged. -/
theorem load_row {w : Window BabyBear} {wd : LoadWidth} {rd' rs1' : Reg} {off : Word}
    (hg : Groups w) (hruns : Runs w.cur s.pc (.load wd rd' rs1' off)) (hreads : Reads w.cur s)
    (hpc30 : s.pc.toNat < 2 ^ 30) (hpc4 : s.pc.toNat % 4 = 0)
    (hh : Hypotheses accs bnd) (hinit : ∀ b ∈ bnd, init b.cell = b.init)
    (hwf : WordWrites accs)
    (hp : Ports accs w.cur)
    {rm : Row BabyBear} (hgm : Mem.Groups rm) (hlm : Mem.Lookups rm) (hrm : Mem.real rm = 1)
    (he : Exec.Cpu.execMsg w.cur = Exec.Mem.execMsg rm) (hacc : memAccess rm ∈ accs)
    (honly : ∀ a ∈ accs, a.ts = 4 * (w.cur clk).val + 1 + 1 + 1 + 1 → a = memAccess rm)
    (hallow : ∀ b ∈ bnd, IsWordCell b.cell → ∀ a : Word, a.toNat / 4 = b.cell.2.val →
      s.layout.mapped a = true)
    (hmem : MemIn (memAt accs init (4 * (w.cur clk).val + 1)) bnd s) :
    execute s (.load wd rd' rs1' off) = .ok (s.setReg rd' (cWord w.cur)).next ∧
      (w.cur nextPc).val = (s.pc + 4).toNat ∧
      (∀ c, memAt accs init (4 * (w.cur clk).val + 1 + 1 + 1 + 1 + 1) c =
        memAt accs init (4 * (w.cur clk).val + 1 + 1 + 1 + 1) c) ∧
      MemIn (memAt accs init (4 * (w.cur clk).val + 1 + 1 + 1 + 1 + 1)) bnd s := by
  have hclk : rm Mem.Col.clk = w.cur clk := (congrArg Exec.Msg.clk he).symm
  obtain ⟨⟨b, hb, hbc⟩, ol, oh⟩ := mem_reads hh hinit hp hgm hclk hacc hmem
  have hol : (rm Mem.Col.oldLo).val < 2 ^ 16 := by rw [ol]; exact Word.lo_lt _
  have hoh : (rm Mem.Col.oldHi).val < 2 ^ 16 := by rw [oh]; exact Word.hi_lt _
  have hold : Mem.oldWord rm = wordAt s (Mem.wordAddr rm).val := Step.word_of_vals ol oh
  have hmap : ∀ a : Word, a.toNat / 4 = (Mem.wordAddr rm).val → s.layout.mapped a = true := by
    intro a ha
    refine hallow b hb (hbc ▸ memAccess_wordCell hgm) a ?_
    rw [hbc, ha]; rfl
  obtain ⟨hstep, hnext, hnew⟩ := Step.load_step hg hruns hreads hpc30 hpc4 hgm hlm hrm he hold
    hol hoh hmap
  have hwr := hwf _ hacc (by
    rcases memAccess_wordCell hgm with h | h <;> rw [h] <;> decide)
  obtain ⟨n0, n1⟩ := limbs_eq hwr.1 hwr.2 hol hoh hnew
  have hreads4 : ∀ c, memAt accs init (4 * (w.cur clk).val + 1 + 1 + 1 + 1 + 1) c =
      memAt accs init (4 * (w.cur clk).val + 1 + 1 + 1 + 1) c := by
    intro c
    refine memAt_succ_of_reads hh hinit fun a ha _ ht => ?_
    rw [honly a ha ht]
    exact Prod.ext n0 n1
  refine ⟨hstep, hnext, hreads4, fun b' hb' hc => ?_⟩
  rw [hreads4, word_cpu_ticks hp (wordCell_ne hc)]
  exact hmem b' hb' hc

/-- **A store row**: with its MEM row (whose access is the only one at 4 clk + 4), the word
cells' addresses mapped and writable where RAM, below 2^30, and one word cell per address, the
semantics' store succeeds, and at the next row's time memory holds the byte memory after it. -/
theorem store_row {w : Window BabyBear} {wd : StoreWidth} {rs1' rs2' : Reg} {off : Word}
    (hg : Groups w) (hruns : Runs w.cur s.pc (.store wd rs1' rs2' off)) (hreads : Reads w.cur s)
    (hpc30 : s.pc.toNat < 2 ^ 30) (hpc4 : s.pc.toNat % 4 = 0)
    (hh : Hypotheses accs bnd) (hinit : ∀ b ∈ bnd, init b.cell = b.init)
    (hwf : WordWrites accs)
    (hp : Ports accs w.cur)
    {rm : Row BabyBear} (hgm : Mem.Groups rm) (hlm : Mem.Lookups rm) (hrm : Mem.real rm = 1)
    (he : Exec.Cpu.execMsg w.cur = Exec.Mem.execMsg rm) (hacc : memAccess rm ∈ accs)
    (honly : ∀ a ∈ accs, a.ts = 4 * (w.cur clk).val + 1 + 1 + 1 + 1 → a = memAccess rm)
    (hallow : ∀ b ∈ bnd, IsWordCell b.cell → ∀ a : Word, a.toNat / 4 = b.cell.2.val →
      s.layout.mapped a = true ∧ (b.cell.1 = 1 → s.layout.writable a = true))
    (h30 : ∀ b ∈ bnd, IsWordCell b.cell → b.cell.2.val < 2 ^ 30)
    (hone : ∀ b ∈ bnd, ∀ b' ∈ bnd, IsWordCell b.cell → IsWordCell b'.cell →
      b.cell.2 = b'.cell.2 → b.cell = b'.cell)
    (hmem : MemIn (memAt accs init (4 * (w.cur clk).val + 1)) bnd s) :
    execute s (.store wd rs1' rs2' off) =
        .ok (s.writeBytes (s.reg rs1' + off) ((s.reg rs2').toBytes.take wd.size)).next ∧
      (w.cur nextPc).val = (s.pc + 4).toNat ∧ w.cur fWr = 0 ∧
      MemIn (memAt accs init (4 * (w.cur clk).val + 1 + 1 + 1 + 1 + 1)) bnd
        (s.writeBytes (s.reg rs1' + off) ((s.reg rs2').toBytes.take wd.size)).next := by
  have hclk : rm Mem.Col.clk = w.cur clk := (congrArg Exec.Msg.clk he).symm
  obtain ⟨⟨b, hb, hbc⟩, ol, oh⟩ := mem_reads hh hinit hp hgm hclk hacc hmem
  have hol : (rm Mem.Col.oldLo).val < 2 ^ 16 := by rw [ol]; exact Word.lo_lt _
  have hoh : (rm Mem.Col.oldHi).val < 2 ^ 16 := by rw [oh]; exact Word.hi_lt _
  have hold : Mem.oldWord rm = wordAt s (Mem.wordAddr rm).val := Step.word_of_vals ol oh
  have hwc := memAccess_wordCell hgm
  -- a store's cell is RAM (space 1)
  have hv : 15 ≤ (Mem.opField rm).val := by
    have e1 : Mem.opField rm = w.cur op := (congrArg Exec.Msg.op he).symm
    obtain ⟨row, hrow, hpm⟩ := hruns
    simp only [Spec.programRow, Option.some.injEq] at hrow
    subst hrow
    obtain ⟨-, hop, -⟩ := Step.prog_fields hpm
    simp only [Spec.execOp, if_neg (by decide : ¬ (0 : UInt32) = 1)] at hop
    have := Step.storeOp_range wd
    rw [e1, hop, val_felt (by omega)]
    exact this.1
  have hram : Mem.space rm = 1 := by
    rw [Mem.space, store_rom hgm hrm hv]; grind
  have hallow' : ∀ a : Word, a.toNat / 4 = (Mem.wordAddr rm).val →
      s.layout.mapped a = true ∧ s.layout.writable a = true := by
    intro a ha
    have h := hallow b hb (hbc ▸ hwc) a (by rw [hbc, ha]; rfl)
    exact ⟨h.1, h.2 (by rw [hbc]; exact hram)⟩
  obtain ⟨hstep, hword, hother, hnext, hfwr, -⟩ :=
    Step.store_step hg hruns hreads hpc30 hpc4 hgm hlm hrm he hold hol hoh hallow'
  refine ⟨hstep, hnext, hfwr, fun b' hb' hc => ?_⟩
  have hts4 : (memAccess rm).ts = 4 * (w.cur clk).val + 1 + 1 + 1 + 1 := by
    simp only [memAccess, hclk]
  have hnx : ∀ wa, wordAt (s.writeBytes (s.reg rs1' + off) ((s.reg rs2').toBytes.take wd.size)).next
      wa = wordAt (s.writeBytes (s.reg rs1' + off) ((s.reg rs2').toBytes.take wd.size)) wa :=
    fun wa => wordAt_congr rfl wa
  by_cases hcell : b'.cell = (memAccess rm).cell
  · have hw := memAt_succ_of_access (init := init) hh.2.2.2.1 hacc
    rw [hts4] at hw
    rw [hcell, hw, hnx]
    show (rm Mem.Col.newLo).val = (wordAt _ (Mem.wordAddr rm).val).lo ∧
      (rm Mem.Col.newHi).val = (wordAt _ (Mem.wordAddr rm).val).hi
    rw [hword]
    have hwr := hwf _ hacc (by
    rcases memAccess_wordCell hgm with h | h <;> rw [h] <;> decide)
    exact limbs_of_word hwr.1 hwr.2 rfl
  · rw [memAt_succ_of_none fun a ha hac ht => hcell (by rw [← hac, honly a ha ht]),
      word_cpu_ticks hp (wordCell_ne hc), hnx]
    have hne : b'.cell.2.val ≠ (Mem.wordAddr rm).val := by
      intro e
      have e' : b'.cell.2 = b.cell.2 := by
        rw [hbc]; exact BabyBear.ext e
      exact hcell ((hone b' hb' b hb hc (hbc ▸ hwc) e').trans hbc)
    rw [hother _ (h30 b' hb' hc) hne]
    exact hmem b' hb' hc

end Zkvm.Air.V2.Run

end
