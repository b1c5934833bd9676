module

public import Zkvm.Air.V2.RunMem
public import Zkvm.Air.V2.RunStep
public import Zkvm.Air.V2.StepEcall

/-!
# ECALL's accesses through the memory argument

An ECALL's SYSCALL row and IO rows make their accesses at port 3 (time 4 clk + 4): the SYSCALL
row reads a1 = buf and a2 = len (read and write rows) and moves the cursor of its kind; each IO
row accesses one memory word (docs/air.md §7.2). This file states them as accesses of the
memory argument and derives what the whole-step theorems of ECALL (`Zkvm.Air.V2.StepEcall`) take
as hypotheses:

* `syscall_args`: the SYSCALL row's buf and len are the registers a1 and a2 of the state memory
  holds at 4 clk + 1 (the CPU's rd port writes a0 only);
* `io_bytes`: each IO row's old bytes are the byte memory's at its word;
* `write_row`: a write ECALL row with its SYSCALL and IO rows gives `sysWrite` succeeding (every
  byte of the buffer lies in an IO row's mapped word; the output cap is a hypothesis);
* `write_mem`: after a write row every cell but the fd-1 cursor keeps its content, and the
  cursor moves from what it held to cur + len.
-/

@[expose] public section

noncomputable section

namespace Zkvm.Air.V2.Run

open Zkvm.Field Zkvm.RiscV Zkvm.Air.Table Zkvm.Air.Memory Zkvm.Air.V2.Cpu Zkvm.Air.V2.Cpu.Col
open Zkvm.Air.V2.Exec (felt)
open Zkvm.Air.V2.Step (Runs Reads val_felt)
open Zkvm.Air.ByteMemory (wordAt)

/-- The SYSCALL row's read of a1 = buf at 4 clk + 4. -/
def bufAccess (rs : Row BabyBear) : Access Cell Val :=
  ⟨(0, 11), 4 * (rs Syscall.Col.clk).val + 1 + 1 + 1 + 1,
    (rs Syscall.Col.bufLo, rs Syscall.Col.bufHi), (rs Syscall.Col.tBuf).val,
    (rs Syscall.Col.bufLo, rs Syscall.Col.bufHi)⟩

/-- The SYSCALL row's read of a2 = len at 4 clk + 4. -/
def lenAccess (rs : Row BabyBear) : Access Cell Val :=
  ⟨(0, 12), 4 * (rs Syscall.Col.clk).val + 1 + 1 + 1 + 1,
    (rs Syscall.Col.lenLo, rs Syscall.Col.lenHi), (rs Syscall.Col.tLen).val,
    (rs Syscall.Col.lenLo, rs Syscall.Col.lenHi)⟩

/-- The SYSCALL row's cursor access: (IO, f_write + 2 fd3) from cur to cur_new. -/
def curAccess (rs : Row BabyBear) : Access Cell Val :=
  ⟨(3, Syscall.cursorCell rs), 4 * (rs Syscall.Col.clk).val + 1 + 1 + 1 + 1,
    (rs Syscall.Col.cur, 0), (rs Syscall.Col.tCur).val, (rs Syscall.Col.curNew, 0)⟩

/-- An IO row's access to its word: (1 + rom, wa) from the old bytes to the new ones. -/
def ioAccess (ri : Row BabyBear) : Access Cell Val :=
  ⟨(1 + ri Io.Col.rom, ri Io.Col.wa), 4 * (ri Io.Col.clk).val + 1 + 1 + 1 + 1,
    (Io.halfAt ri Io.Col.u0, Io.halfAt ri (Io.Col.u0 + 2)), (ri Io.Col.prevTs).val,
    (Io.halfAt ri Io.Col.n0, Io.halfAt ri (Io.Col.n0 + 2))⟩

variable {accs : List (Access Cell Val)} {bnd : List (Boundary Cell Val)} {init : Cell → Val}
  {r : Row BabyBear} {s : State}

/-- A register other than rd keeps its content from 4 clk + 1 to 4 clk + 4. -/
theorem reg_cpu_ticks (hh : Hypotheses accs bnd) (hinit : ∀ b ∈ bnd, init b.cell = b.init)
    (hp : Ports accs r) {y : Reg} (hy : r rd ≠ felt (Spec.reg y)) :
    memAt accs init (4 * (r clk).val + 1 + 1 + 1 + 1) (regCell y) =
      memAt accs init (4 * (r clk).val + 1) (regCell y) := by
  have h3 : ∀ a ∈ accs, a.cell = regCell y → a.ts ≠ 4 * (r clk).val + 1 + 1 + 1 := by
    intro a ha hac ht
    rw [(hp.at3 a ha ht).2] at hac
    exact hy (congrArg Prod.snd hac)
  rw [memAt_succ_of_none h3,
    memAt_succ_of_reads hh hinit fun a ha _ ht => by rw [hp.at2 a ha ht]; rfl,
    memAt_succ_of_reads hh hinit fun a ha _ ht => by rw [hp.at1 a ha ht]; rfl]

theorem regCell_11 : regCell 11 = ((0 : BabyBear), (11 : BabyBear)) := rfl
theorem regCell_12 : regCell 12 = ((0 : BabyBear), (12 : BabyBear)) := rfl

/-- **The SYSCALL row's buf and len are a1 and a2**: its reads of them at 4 clk + 4 see what
memory holds at 4 clk + 1 (the CPU's rd port writes a0 only). -/
theorem syscall_args (hh : Hypotheses accs bnd) (hinit : ∀ b ∈ bnd, init b.cell = b.init)
    (hp : Ports accs r) (hrd : r rd = felt (Spec.reg 10)) {rs : Row BabyBear}
    (hclk : rs Syscall.Col.clk = r clk) (hbuf : bufAccess rs ∈ accs) (hlen : lenAccess rs ∈ accs)
    (hregs : RegsIn (memAt accs init (4 * (r clk).val + 1)) s) :
    ((rs Syscall.Col.bufLo).val = (s.reg 11).lo ∧ (rs Syscall.Col.bufHi).val = (s.reg 11).hi) ∧
      ((rs Syscall.Col.lenLo).val = (s.reg 12).lo ∧ (rs Syscall.Col.lenHi).val = (s.reg 12).hi) := by
  have h11 : r rd ≠ felt (Spec.reg 11) := fun h => absurd (reg_inj (hrd.symm.trans h)) (by decide)
  have h12 : r rd ≠ felt (Spec.reg 12) := fun h => absurd (reg_inj (hrd.symm.trans h)) (by decide)
  have eb := read_eq_memAt hh hinit hbuf
  have el := read_eq_memAt hh hinit hlen
  simp only [bufAccess, lenAccess, hclk] at eb el
  rw [← regCell_11, reg_cpu_ticks hh hinit hp h11] at eb
  rw [← regCell_12, reg_cpu_ticks hh hinit hp h12] at el
  have r11 := hregs 11
  have r12 := hregs 12
  rw [← eb] at r11
  rw [← el] at r12
  exact ⟨r11, r12⟩

/-- An IO row's cell is a word cell. -/
theorem ioAccess_wordCell {ri : Row BabyBear} (hg : Io.Groups ri) :
    IsWordCell (ioAccess ri).cell := by
  have hb := Felt.val_le_one_of_bool hg.bool_rom
  show 1 + ri Io.Col.rom = 1 ∨ 1 + ri Io.Col.rom = 2
  rcases Nat.le_one_iff_eq_zero_or_eq_one.mp hb with h | h
  · left; rw [show ri Io.Col.rom = 0 from BabyBear.ext h]; grind
  · right; rw [show ri Io.Col.rom = 1 from BabyBear.ext h]; grind

/-- Two bytes of an IO row as a limb, b0 + 256 b1, in numbers. -/
theorem halfAt_val {ri : Row BabyBear} {k : Nat} (h0 : (ri k).val < 2 ^ 8)
    (h1 : (ri (k + 1)).val < 2 ^ 8) :
    (Io.halfAt ri k).val = (ri k).val + 256 * (ri (k + 1)).val := by
  have : Io.halfAt ri k = (((ri k).val + 256 * (ri (k + 1)).val : Nat) : BabyBear) := by
    unfold Io.halfAt; push_natCast
  rw [this]; exact Mem.val_cast (by omega)

/-- **An IO row's old bytes are the byte memory's** at its word: its access at 4 clk + 4 reads
what memory holds at 4 clk + 1, the word `MemIn` ties to the bytes. -/
theorem io_bytes (hh : Hypotheses accs bnd) (hinit : ∀ b ∈ bnd, init b.cell = b.init)
    (hp : Ports accs r) {ri : Row BabyBear} (hg : Io.Groups ri) (hl : Io.Lookups ri)
    (hreal : Io.real ri = 1) (hclk : ri Io.Col.clk = r clk) (hacc : ioAccess ri ∈ accs)
    (hwa : (ri Io.Col.wa).val < 2 ^ 28)
    (hmem : MemIn (memAt accs init (4 * (r clk).val + 1)) bnd s) :
    ∀ j ∈ Io.lanes, ri (Io.Col.u0 + j) = Io.memByte s (4 * (ri Io.Col.wa).val + j) := by
  obtain ⟨hbal, hcausal, hpos, hts, hcells⟩ := hh
  obtain ⟨b, hb, hbc⟩ := exists_boundary hbal hcausal hpos hts hcells _ hacc
  have e := read_eq_memAt ⟨hbal, hcausal, hpos, hts, hcells⟩ hinit hacc
  have hw := ioAccess_wordCell hg
  simp only [ioAccess, hclk] at e
  rw [word_cpu_ticks hp (c := (1 + ri Io.Col.rom, ri Io.Col.wa)) (wordCell_ne hw)] at e
  have hm := hmem b hb (hbc ▸ hw)
  rw [hbc] at hm
  simp only [ioAccess] at hm
  rw [← e] at hm
  obtain ⟨hlo, hhi⟩ := hm
  have hu := hl.u8 (by rw [hreal]; decide)
  have u0 := hu 0 (by simp [Io.lanes])
  have u1 := hu 1 (by simp [Io.lanes])
  have u2 := hu 2 (by simp [Io.lanes])
  have u3 := hu 3 (by simp [Io.lanes])
  have e0 : (Io.halfAt ri Io.Col.u0).val =
      (ri (Io.Col.u0 + 0)).val + 256 * (ri (Io.Col.u0 + 1)).val := halfAt_val u0 u1
  have e2 : (Io.halfAt ri (Io.Col.u0 + 2)).val =
      (ri (Io.Col.u0 + 2)).val + 256 * (ri (Io.Col.u0 + 3)).val := halfAt_val u2 u3
  have hword := ByteMemory.toNat_wordAt s (ri Io.Col.wa).val
  have b0 := ByteMemory.byteAt_lt s (BitVec.ofNat 32 (4 * (ri Io.Col.wa).val)) 0
  have b1 := ByteMemory.byteAt_lt s (BitVec.ofNat 32 (4 * (ri Io.Col.wa).val)) 1
  have b2 := ByteMemory.byteAt_lt s (BitVec.ofNat 32 (4 * (ri Io.Col.wa).val)) 2
  have b3 := ByteMemory.byteAt_lt s (BitVec.ofNat 32 (4 * (ri Io.Col.wa).val)) 3
  simp only [Word.lo, Word.hi] at hlo hhi
  rw [e0] at hlo
  rw [e2] at hhi
  have key : ∀ j, j ≤ 3 → (ri (Io.Col.u0 + j)).val =
      ByteMemory.byteAt s (BitVec.ofNat 32 (4 * (ri Io.Col.wa).val)) j := by
    intro j hj
    rcases (by omega : j = 0 ∨ j = 1 ∨ j = 2 ∨ j = 3) with rfl | rfl | rfl | rfl <;> omega
  intro j hj
  have hj3 : j ≤ 3 := by have := Io.mem_lanes.mp hj; omega
  rw [← Felt.natCast_val (ri (Io.Col.u0 + j)), key j hj3, Io.memByte, ByteMemory.byteAt,
    BitVec.ofNat_add_ofNat]

/-- ECALL's next pc is pc + 4: its PROG flags are f_wr and f_exec only. -/
theorem ecall_next {w : Window BabyBear} (hg : Groups w) (hruns : Runs w.cur s.pc .ecall)
    (hpc30 : s.pc.toNat < 2 ^ 30) (hpc4 : s.pc.toNat % 4 = 0) :
    (w.cur nextPc).val = (s.pc + 4).toNat := by
  obtain ⟨row, hrow, hp⟩ := hruns
  simp only [Spec.programRow, Option.some.injEq] at hrow
  subst hrow
  obtain ⟨hpc, -, -, -, -, -, -, -, -, -, hfl⟩ := Step.prog_fields hp
  have hfl' : packedFlags w.cur = (((33 : Nat) : Nat) : BabyBear) := by rw [hfl]; rfl
  obtain ⟨-, fbr, fjal, fjalr, -, -⟩ := Step.flags_of_packed hg (by decide) hfl'
  exact Step.next_seq hg (Zkvm.Air.V2.eq_zero_of_val' fbr) (Zkvm.Air.V2.eq_zero_of_val' fjal)
    (Zkvm.Air.V2.eq_zero_of_val' fjalr) (Step.pc_val hpc hpc30) hpc30 hpc4

/-- ECALL's rd is a0. -/
theorem ecall_rd {w : Window BabyBear} (hruns : Runs w.cur s.pc .ecall) :
    w.cur rd = felt (Spec.reg 10) := by
  obtain ⟨row, hrow, hp⟩ := hruns
  simp only [Spec.programRow, Option.some.injEq] at hrow
  subst hrow
  exact (Step.prog_fields hp).2.2.2.2.1

/-- **A write ECALL row** (the SYSCALL row `rs` receives its request, with fWrite): with its IO
rows (write rows, their accesses those of the memory argument, chained from (buf, cur) to
(buf + len, cur + len)) and every word cell's addresses mapped, the semantics' `sysWrite` of fd
a0 ∈ {1, 2} succeeds when, for fd 1, the output stays within `maxOutputLen` (`hcap`; fd 2 is never
refused for its size), appending the len bytes at buf (fd 2 keeps the first `maxOutputLen` bytes of
its log); the CPU writes len to a0 and moves on to pc + 4. -/
theorem write_row {w : Window BabyBear} (hg : Groups w) (hruns : Runs w.cur s.pc .ecall)
    (hreads : Reads w.cur s) (hpc30 : s.pc.toNat < 2 ^ 30) (hpc4 : s.pc.toNat % 4 = 0)
    (hh : Hypotheses accs bnd) (hinit : ∀ b ∈ bnd, init b.cell = b.init) (hp : Ports accs w.cur)
    {rs pub : Row BabyBear} (hgs : Syscall.Groups rs pub) (hls : Syscall.Lookups rs)
    (hrs : Syscall.real rs = 1) (he : Exec.Cpu.execMsg w.cur = Exec.Syscall.execMsg rs)
    (hwr : rs Syscall.Col.fWrite = 1)
    (hbufA : bufAccess rs ∈ accs) (hlenA : lenAccess rs ∈ accs)
    (ios : List (Row BabyBear))
    (hios : ∀ ri ∈ ios, Io.Groups ri ∧ Io.real ri = 1 ∧ (ri Io.Col.wa).val < 2 ^ 28 ∧
      Io.firstPos ri < 2 ^ 30 ∧ ioAccess ri ∈ accs)
    (hbal : (((rs Syscall.Col.bufLo).val + 2 ^ 16 * (rs Syscall.Col.bufHi).val,
        (rs Syscall.Col.cur).val) :: ios.map (fun r => (Io.linkOf r).stop)).Perm
      (((rs Syscall.Col.bufLo).val + 2 ^ 16 * (rs Syscall.Col.bufHi).val +
          ((rs Syscall.Col.lenLo).val + 2 ^ 16 * (rs Syscall.Col.lenHi).val),
        (rs Syscall.Col.cur).val + ((rs Syscall.Col.lenLo).val + 2 ^ 16 * (rs Syscall.Col.lenHi).val)) ::
        ios.map (fun r => (Io.linkOf r).start)))
    (hallow : ∀ b ∈ bnd, IsWordCell b.cell → ∀ a : Word, a.toNat / 4 = b.cell.2.val →
      s.layout.mapped a = true)
    (hcap : s.reg 10 = 1 → s.output.length + (s.reg 12).toNat ≤ maxOutputLen)
    (hregs : RegsIn (memAt accs init (4 * (w.cur clk).val + 1)) s) :
    execute s .ecall = .ok ((if s.reg 10 = 1 then
        { s with output := s.output ++ s.readBytes (s.reg 11) (s.reg 12).toNat }
      else { s with debugOutput := appendDebug s.debugOutput (s.readBytes (s.reg 11) (s.reg 12).toNat) }).setReg
        10 (s.reg 12)).next ∧
      (s.reg 10 = 1 ∨ s.reg 10 = 2) ∧ cWord w.cur = s.reg 12 ∧
      (w.cur nextPc).val = (s.pc + 4).toNat := by
  have hclk : rs Syscall.Col.clk = w.cur clk := (congrArg Exec.Msg.clk he).symm
  obtain ⟨hbuf, hlen⟩ := syscall_args hh hinit hp (ecall_rd hruns) hclk hbufA hlenA hregs
  obtain ⟨a0, a1, b0, b1, ha, hb, hc⟩ := Step.ecall_operands hruns hreads he
  have hi : Syscall.Inputs rs := ⟨a0, a1, b0, b1, by rw [hbuf.1]; exact Word.lo_lt _,
    by rw [hbuf.2]; exact Word.hi_lt _, by rw [hlen.1]; exact Word.lo_lt _,
    by rw [hlen.2]; exact Word.hi_lt _⟩
  obtain ⟨hstep, hfd, hcl⟩ := Syscall.write_step hgs hls hi hwr ha hb
    (Step.word_of_vals hbuf.1 hbuf.2).symm (Step.word_of_vals hlen.1 hlen.2).symm
  have hb11 : (rs Syscall.Col.bufLo).val + 2 ^ 16 * (rs Syscall.Col.bufHi).val = (s.reg 11).toNat := by
    rw [Word.toNat_eq_limbs, hbuf.1, hbuf.2]
  have hl12 : (rs Syscall.Col.lenLo).val + 2 ^ 16 * (rs Syscall.Col.lenHi).val = (s.reg 12).toNat := by
    rw [Word.toNat_eq_limbs, hlen.1, hlen.2]
  rw [hb11, hl12] at hbal
  have hrows' : ∀ r ∈ ios, Io.Groups r ∧ Io.real r = 1 ∧ (r Io.Col.wa).val < 2 ^ 28 ∧
      Io.firstPos r < 2 ^ 30 :=
    fun r hr => have h := hios r hr; ⟨h.1, h.2.1, h.2.2.1, h.2.2.2.1⟩
  have hcov := Io.ecall_rows_cover ios hrows' _ _ _ hbal
  -- every byte of the buffer is mapped: an IO row's word holds it
  have hmap : ∀ i < (s.reg 12).toNat,
      s.layout.mapped (s.reg 11 + BitVec.ofNat 32 i) = true := by
    intro i hi'
    obtain ⟨ri, hri, j, hj, -, hx, -⟩ := Io.covering_row ios hrows' hcov hi'
    obtain ⟨hgi, -, hwa, -, hacc⟩ := hios ri hri
    obtain ⟨hbal', hcausal, hpos, hts, hcells⟩ := hh
    obtain ⟨b, hb', hbc⟩ := exists_boundary hbal' hcausal hpos hts hcells _ hacc
    refine hallow b hb' (hbc ▸ ioAccess_wordCell hgi) _ ?_
    rw [hbc]
    show (s.reg 11 + BitVec.ofNat 32 i).toNat / 4 = (ri Io.Col.wa).val
    rw [BitVec.toNat_add, BitVec.toNat_ofNat]
    omega
  refine ⟨?_, hfd, by rw [hc, hcl], ecall_next hg hruns hpc30 hpc4⟩
  show execEcall s = _
  rw [hstep]
  unfold sysWrite
  rw [if_neg (by rcases hfd with h | h <;> rw [h] <;> decide),
    if_neg (fun h => by have := hcap h.1; omega),
    ByteMemory.accessFault_none_of s false _ _ fun i hi => ⟨hmap i hi, fun h => absurd h (by decide)⟩]

/-- On a write row the cursor cell is (IO, 1), fd3 = 0 and f_read = 0. -/
theorem write_flags {rs pub : Row BabyBear} (hgs : Syscall.Groups rs pub)
    (hrs : Syscall.real rs = 1) (hwr : rs Syscall.Col.fWrite = 1) :
    rs Syscall.Col.fRead = 0 ∧ rs Syscall.Col.fExit = 0 ∧ rs Syscall.Col.fd3 = 0 ∧
      Syscall.cursorCell rs = 1 ∧ Syscall.moves rs = 1 := by
  have hk := Step.syscall_flags hgs hrs
  have hr0 : rs Syscall.Col.fRead = 0 := by
    rcases hk with h | h | h
    · rw [h.2.1] at hwr; exact absurd hwr (by decide)
    · exact h.1
    · rw [h.2.1] at hwr; exact absurd hwr (by decide)
  have he0 : rs Syscall.Col.fExit = 0 := by
    rcases hk with h | h | h
    · rw [h.2.1] at hwr; exact absurd hwr (by decide)
    · exact h.2.2
    · rw [h.2.1] at hwr; exact absurd hwr (by decide)
  have h3 := hgs.fd3_read
  rw [hr0] at h3
  have hd3 : rs Syscall.Col.fd3 = 0 := by grind
  refine ⟨hr0, he0, hd3, ?_, ?_⟩
  · unfold Syscall.cursorCell; rw [hwr, hd3]; grind
  · unfold Syscall.moves; rw [hwr, hr0]; grind

/-- **The memory after a write row**: its accesses at 4 clk + 4 read (a1, a2, the IO rows'
words, which a write keeps) except the cursor (IO, 1) of a write to fd 1, which moves from cur to
cur + len: every other cell keeps its content, and on fd 1 the cursor read is what (IO, 1) held
at 4 clk + 1. -/
theorem write_mem (hh : Hypotheses accs bnd) (hinit : ∀ b ∈ bnd, init b.cell = b.init)
    (hp : Ports accs r) {rs pub : Row BabyBear} (hgs : Syscall.Groups rs pub)
    (hrs : Syscall.real rs = 1) (hwr : rs Syscall.Col.fWrite = 1)
    (hclk : rs Syscall.Col.clk = r clk)
    (ios : List (Row BabyBear)) (hios : ∀ ri ∈ ios, Io.Groups ri ∧ Io.writes ri = 1)
    (honly : ∀ a ∈ accs, a.ts = 4 * (r clk).val + 1 + 1 + 1 + 1 →
      a = bufAccess rs ∨ a = lenAccess rs ∨ (Syscall.cursorOn rs = 1 ∧ a = curAccess rs) ∨
        ∃ ri ∈ ios, a = ioAccess ri) :
    (∀ c, c ≠ ((3 : BabyBear), (1 : BabyBear)) →
      memAt accs init (4 * (r clk).val + 1 + 1 + 1 + 1 + 1) c =
        memAt accs init (4 * (r clk).val + 1 + 1 + 1 + 1) c) ∧
    (rs Syscall.Col.fd2 = 1 → memAt accs init (4 * (r clk).val + 1 + 1 + 1 + 1 + 1) (3, 1) =
        memAt accs init (4 * (r clk).val + 1 + 1 + 1 + 1) (3, 1)) ∧
    (curAccess rs ∈ accs →
      memAt accs init (4 * (r clk).val + 1 + 1 + 1 + 1 + 1) (3, 1) =
        (rs Syscall.Col.cur + Syscall.word rs Syscall.Col.cLo Syscall.Col.cHi, 0) ∧
      (rs Syscall.Col.cur, 0) = memAt accs init (4 * (r clk).val + 1) (3, 1)) := by
  obtain ⟨-, -, -, hcc, hmv⟩ := write_flags hgs hrs hwr
  have hcell : (curAccess rs).cell = ((3 : BabyBear), (1 : BabyBear)) := by
    simp only [curAccess, hcc]
  have hreadsIo : ∀ ri ∈ ios, (ioAccess ri).write = (ioAccess ri).read := by
    intro ri hri
    obtain ⟨hgi, hw⟩ := hios ri hri
    have k := Io.write_keeps hgi hw
    have k0 := k 0 (by simp [Io.lanes])
    have k1 := k 1 (by simp [Io.lanes])
    have k2 := k 2 (by simp [Io.lanes])
    have k3 := k 3 (by simp [Io.lanes])
    simp only [ioAccess, Io.halfAt]
    simp only [Nat.add_zero] at k0
    rw [k0, show Io.Col.n0 + 1 = Io.Col.n0 + 1 from rfl, k1,
      show Io.Col.n0 + 2 + 1 = Io.Col.n0 + 3 from rfl, show Io.Col.u0 + 2 + 1 = Io.Col.u0 + 3 from rfl,
      k2, k3]
  refine ⟨fun c hc => memAt_succ_of_reads hh hinit fun a ha hac ht => ?_, fun h2 => ?_,
    fun hcur => ?_⟩
  · rcases honly a ha ht with rfl | rfl | ⟨-, rfl⟩ | ⟨ri, hri, rfl⟩
    · rfl
    · rfl
    · exact absurd (hac ▸ hcell) hc
    · exact hreadsIo ri hri
  · refine memAt_succ_of_reads hh hinit fun a ha hac ht => ?_
    rcases honly a ha ht with rfl | rfl | ⟨hon, rfl⟩ | ⟨ri, hri, rfl⟩
    · rfl
    · rfl
    · exfalso
      unfold Syscall.cursorOn at hon
      rw [hmv, h2, (write_flags hgs hrs hwr).2.1] at hon
      revert hon; decide
    · exact hreadsIo ri hri
  · have hw := memAt_succ_of_access (init := init) hh.2.2.2.1 hcur
    have hr := read_eq_memAt hh hinit hcur
    simp only [curAccess, hclk, hcc] at hw hr
    rw [word_cpu_ticks hp (c := ((3 : BabyBear), (1 : BabyBear))) (by decide)] at hr
    refine ⟨?_, hr⟩
    rw [hw]
    have := hgs.cur_step
    rw [hmv] at this
    congr 1
    grind

end Zkvm.Air.V2.Run

end
