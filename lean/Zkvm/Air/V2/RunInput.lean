module

public import Zkvm.Air.V2.RunIo

/-!
# A read ECALL row through the memory argument

A read ECALL (a7 = 63) of fd 0 copies the input's next bytes to the buffer. `read_row` gives the
semantics' `sysRead` succeeding from the rows: the SYSCALL row's buf and len are a1 and a2, its
cursor (IO, 0) is the semantics' input position (what the cursor cell holds at 4 clk + 1), its
limit is the statement's input length, the read ends within the bytes the statement sends
(`hin`: every INPUT message received is below the consumed count, which is at most the input's
length), and every byte of the buffer lies in an IO row's word, a RAM cell whose addresses are
mapped and writable. `read_mem` gives the memory after the row: each IO row's word cell holds the
byte memory's new word (`Step.ecall_read_memory`), every other word cell and I/O cell keeps its
content, the cursor moves to cur + c; `read_mem_at` states it at any cursor cell (IO, k), so for
reads of fd 3 too (cursor (IO, 2), `RunPrivate`). The run's induction over read rows is
`RunWhole`.
-/

@[expose] public section

noncomputable section

namespace Zkvm.Air.V2.Run

open Zkvm.Field Zkvm.RiscV Zkvm.Air.Table Zkvm.Air.Memory Zkvm.Air.V2.Cpu Zkvm.Air.V2.Cpu.Col
open Zkvm.Air.V2.Exec (felt)
open Zkvm.Air.V2.Step (Runs Reads val_felt)

variable {accs : List (Access Cell Val)} {bnd : List (Boundary Cell Val)} {init : Cell → Val}
  {s : State}

/-- **A read ECALL row of fd 0**: with its SYSCALL row (fRead, fd3 = 0) and IO rows (read rows,
chained from (buf, cur) to (buf + c, cur + c), receiving INPUT messages that the statement sends
below its consumed count), the semantics' `sysRead` from the state whose registers memory holds at
4 clk + 1 and whose input position the cursor (IO, 0) holds succeeds: it copies the input's next
c bytes to buf, and the CPU writes c to a0 and moves on to pc + 4. -/
theorem read_row {w : Window BabyBear} (hg : Groups w) (hruns : Runs w.cur s.pc .ecall)
    (hreads : Reads w.cur s) (hpc30 : s.pc.toNat < 2 ^ 30) (hpc4 : s.pc.toNat % 4 = 0)
    (hh : Hypotheses accs bnd) (hinit : ∀ b ∈ bnd, init b.cell = b.init) (hp : Ports accs w.cur)
    {rs pub : Row BabyBear} (hgs : Syscall.Groups rs pub) (hls : Syscall.Lookups rs)
    (hrs : Syscall.real rs = 1) (he : Exec.Cpu.execMsg w.cur = Exec.Syscall.execMsg rs)
    (hrd : rs Syscall.Col.fRead = 1) (hfd0 : rs Syscall.Col.fd3 = 0)
    (hbufA : bufAccess rs ∈ accs) (hlenA : lenAccess rs ∈ accs) (hcurA : curAccess rs ∈ accs)
    (ios : List (Row BabyBear))
    (hios : ∀ ri ∈ ios, Io.Groups ri ∧ Io.real ri = 1 ∧ Io.reads ri = 1 ∧
      (ri Io.Col.wa).val < 2 ^ 28 ∧ Io.firstPos ri < 2 ^ 30 ∧ ioAccess ri ∈ accs)
    (hbal : (((rs Syscall.Col.bufLo).val + 2 ^ 16 * (rs Syscall.Col.bufHi).val,
        (rs Syscall.Col.cur).val) :: ios.map (fun r => (Io.linkOf r).stop)).Perm
      (((rs Syscall.Col.bufLo).val + 2 ^ 16 * (rs Syscall.Col.bufHi).val +
          (Syscall.word rs Syscall.Col.cLo Syscall.Col.cHi).val,
        (rs Syscall.Col.cur).val + (Syscall.word rs Syscall.Col.cLo Syscall.Col.cHi).val) ::
        ios.map (fun r => (Io.linkOf r).start)))
    {rcvd : List (List BabyBear)}
    (hrecvIn : ∀ ri ∈ ios, ∀ j ∈ Io.lanes, Io.moved ri j = 1 →
      [8, ri Io.Col.base + ((j : Nat) : BabyBear), ri (Io.Col.n0 + j)] ∈ rcvd)
    {consumed : Nat}
    (hin : ∀ (pos : Nat) (b : BabyBear), pos < 2013265921 →
      [8, ((pos : Nat) : BabyBear), b] ∈ rcvd → pos < consumed)
    (hcons : consumed ≤ s.input.length) (hinlen : s.input.length < 2 ^ 30)
    (hlim : pub Syscall.pvInputLen = ((s.input.length : Nat) : BabyBear))
    (hallow : ∀ b ∈ bnd, IsWordCell b.cell → ∀ a : Word, a.toNat / 4 = b.cell.2.val →
      s.layout.mapped a = true ∧ (b.cell.1 = 1 → s.layout.writable a = true))
    (hregs : RegsIn (memAt accs init (4 * (w.cur clk).val + 1)) s)
    (hcur : memAt accs init (4 * (w.cur clk).val + 1) (3, 0) =
      (((s.inputPos : Nat) : BabyBear), 0))
    (hposc : s.inputPos ≤ consumed) :
    execute s .ecall = .ok ({ s.writeBytes (s.reg 11)
        ((s.input.drop s.inputPos).take (s.reg 12).toNat) with
        inputPos := s.inputPos + ((s.input.drop s.inputPos).take (s.reg 12).toNat).length }.setReg
          10 (BitVec.ofNat 32 ((s.input.drop s.inputPos).take (s.reg 12).toNat).length)).next ∧
      s.reg 10 = 0 ∧
      (cWord w.cur).toNat = ((s.input.drop s.inputPos).take (s.reg 12).toNat).length ∧
      (w.cur nextPc).val = (s.pc + 4).toNat ∧
      s.inputPos + (cWord w.cur).toNat ≤ consumed ∧
      (((s.reg 11).toNat, s.inputPos) :: ios.map (fun r => (Io.linkOf r).stop)).Perm
        (((s.reg 11).toNat + (cWord w.cur).toNat, s.inputPos + (cWord w.cur).toNat) ::
          ios.map (fun r => (Io.linkOf r).start)) ∧
      (s.reg 11).toNat + (cWord w.cur).toNat < 2 ^ 32 ∧ (cWord w.cur).toNat < 2 ^ 30 ∧
      rs Syscall.Col.cur + Syscall.word rs Syscall.Col.cLo Syscall.Col.cHi =
        (((s.inputPos + (cWord w.cur).toNat : Nat) : Nat) : BabyBear) := by
  have hclk : rs Syscall.Col.clk = w.cur clk := (congrArg Exec.Msg.clk he).symm
  obtain ⟨hbuf, hlen⟩ := syscall_args hh hinit hp (ecall_rd hruns) hclk hbufA hlenA hregs
  obtain ⟨a0, a1, b0, b1, ha, hb, hc⟩ := Step.ecall_operands hruns hreads he
  have hi : Syscall.Inputs rs := ⟨a0, a1, b0, b1, by rw [hbuf.1]; exact Word.lo_lt _,
    by rw [hbuf.2]; exact Word.hi_lt _, by rw [hlen.1]; exact Word.lo_lt _,
    by rw [hlen.2]; exact Word.hi_lt _⟩
  obtain ⟨hw0, -, -⟩ := Syscall.read_only hgs hrd
  obtain ⟨-, hfd, -, hc30, hvw, -, hlim0, -⟩ := Syscall.read_sound hgs hls hi hrd
  -- the cursor is the input position
  have hcc : Syscall.cursorCell rs = 0 := by unfold Syscall.cursorCell; rw [hw0, hfd0]; grind
  have hr := read_eq_memAt hh hinit hcurA
  simp only [curAccess, hclk, hcc] at hr
  rw [word_cpu_ticks hp (c := ((3 : BabyBear), (0 : BabyBear))) (by decide), hcur] at hr
  have hcurv : (rs Syscall.Col.cur).val = s.inputPos := by
    rw [show rs Syscall.Col.cur = ((s.inputPos : Nat) : BabyBear) from congrArg Prod.fst hr]
    exact Mem.val_cast (by omega)
  have hlimv : (rs Syscall.Col.lim).val = s.input.length := by
    rw [hlim0 hfd0, hlim]; exact Mem.val_cast (by omega)
  -- the chain in numbers
  have hb11 : (rs Syscall.Col.bufLo).val + 2 ^ 16 * (rs Syscall.Col.bufHi).val =
      (s.reg 11).toNat := by rw [Word.toNat_eq_limbs, hbuf.1, hbuf.2]
  rw [hb11, hcurv, hvw] at hbal
  have hrows' : ∀ r ∈ ios, Io.Groups r ∧ Io.real r = 1 ∧ (r Io.Col.wa).val < 2 ^ 28 ∧
      Io.firstPos r < 2 ^ 30 :=
    fun r hr => have h := hios r hr; ⟨h.1, h.2.1, h.2.2.2.1, h.2.2.2.2.1⟩
  have hcov := Io.ecall_rows_cover ios hrows' _ _ _ hbal
  -- the read ends within the input: its last byte is one the statement sends
  have hwithin : s.inputPos + (Syscall.cWord rs).toNat ≤ consumed := by
    rcases Nat.eq_zero_or_pos (Syscall.cWord rs).toNat with h0 | hpos
    · omega
    · obtain ⟨ri, hri, j, hj, hm, -, hbv, hlt⟩ := Io.covering_row ios hrows' hcov
        (i := (Syscall.cWord rs).toNat - 1) (by omega)
      have hmsg := hrecvIn ri hri j (Io.mem_lanes.mpr (by omega)) hm
      rw [hbv] at hmsg
      have := hin _ _ (by omega) hmsg
      omega
  have hend : (rs Syscall.Col.cur).val + (Syscall.cWord rs).toNat ≤ (rs Syscall.Col.lim).val := by
    rw [hcurv, hlimv]; omega
  obtain ⟨hstep, -, hcount⟩ := Syscall.read_step hgs hls hi hrd ha hb
    (Step.word_of_vals hbuf.1 hbuf.2).symm (Step.word_of_vals hlen.1 hlen.2).symm
    (by rw [if_pos hfd0]; exact hcurv) (by rw [if_pos hfd0]; exact hlimv) hend
  rw [if_pos hfd0] at hcount
  have h10 : s.reg 10 = 0 := by
    rw [hb]; show WordLimbs.ofFelts _ _ = 0
    have bhi : rs Syscall.Col.bHi = 0 := by have := hgs.fd_read_hi; rw [hrd] at this; grind
    have blo : rs Syscall.Col.bLo = 0 := by
      have := hgs.fd_read_lo; rw [hrd, hfd0] at this; grind
    rw [bhi, blo]; decide
  -- every byte of the buffer is in an IO row's RAM word
  have hmap : ∀ i < ((s.input.drop s.inputPos).take (s.reg 12).toNat).length,
      s.layout.mapped (s.reg 11 + BitVec.ofNat 32 i) = true ∧
        s.layout.writable (s.reg 11 + BitVec.ofNat 32 i) = true := by
    intro i hi'
    rw [← hcount] at hi'
    obtain ⟨ri, hri, j, hj, -, hx, -⟩ := Io.covering_row ios hrows' hcov hi'
    obtain ⟨hgi, -, hrdi, hwa, -, hacc⟩ := hios ri hri
    have hrom := (Io.read_keeps hgi hrdi).1
    obtain ⟨hbal', hcausal, hpos, hts, hcells⟩ := hh
    obtain ⟨b, hb', hbc⟩ := exists_boundary hbal' hcausal hpos hts hcells _ hacc
    have hal := hallow b hb' (hbc ▸ ioAccess_wordCell hgi) (s.reg 11 + BitVec.ofNat 32 i) (by
      rw [hbc]
      show (s.reg 11 + BitVec.ofNat 32 i).toNat / 4 = (ri Io.Col.wa).val
      rw [BitVec.toNat_add, BitVec.toNat_ofNat]
      omega)
    refine ⟨hal.1, hal.2 ?_⟩
    rw [hbc]; show 1 + ri Io.Col.rom = 1; rw [hrom]; grind
  have hsmall : (s.reg 11).toNat + (Syscall.cWord rs).toNat < 2 ^ 32 := by
    rcases Nat.eq_zero_or_pos (Syscall.cWord rs).toNat with h0 | hpos
    · have := (s.reg 11).isLt; omega
    · obtain ⟨ri, hri, j, hj, -, hx, -⟩ := Io.covering_row ios hrows' hcov
        (i := (Syscall.cWord rs).toNat - 1) (by omega)
      have := (hios ri hri).2.2.2.1
      omega
  have hcurw : rs Syscall.Col.cur + Syscall.word rs Syscall.Col.cLo Syscall.Col.cHi =
      (((s.inputPos + (Syscall.cWord rs).toNat : Nat) : Nat) : BabyBear) := by
    rw [Felt.natCast_add, ← hcurv, ← hvw, Felt.natCast_val, Felt.natCast_val]
  refine ⟨?_, h10, by rw [hc, hcount], ecall_next hg hruns hpc30 hpc4, by rw [hc]; exact hwithin,
    by rw [hc]; exact hbal, by rw [hc]; exact hsmall, by rw [hc]; exact hc30,
    by rw [hc]; exact hcurw⟩
  show execEcall s = _
  rw [hstep]
  unfold sysRead
  rw [if_pos h10]
  simp only
  rw [ByteMemory.accessFault_none_of s true _ _ fun i hi => ⟨(hmap i hi).1, fun _ => (hmap i hi).2⟩]

open Zkvm.Air.ByteMemory (wordAt)

/-- A word whose four bytes are unchanged is unchanged. -/
theorem wordAt_of_bytes {s s' : State} {wa : Nat}
    (h : ∀ j < 4, s'.mem (BitVec.ofNat 32 (4 * wa + j)) = s.mem (BitVec.ofNat 32 (4 * wa + j))) :
    wordAt s' wa = wordAt s wa := by
  unfold wordAt State.readBytes
  congr 2
  apply List.map_congr_left
  intro i hi
  rw [BitVec.ofNat_add_ofNat]
  exact h i (List.mem_range.mp hi)

theorem byte_of_memByte {s s' : State} {x : Nat} (h : Io.memByte s' x = Io.memByte s x) :
    s'.mem (BitVec.ofNat 32 x) = s.mem (BitVec.ofNat 32 x) := by
  have e := congrArg BabyBear.val h
  unfold Io.memByte at e
  have h1 := (s'.mem (BitVec.ofNat 32 x)).isLt
  have h2 := (s.mem (BitVec.ofNat 32 x)).isLt
  rw [Mem.val_cast (by omega), Mem.val_cast (by omega)] at e
  exact BitVec.eq_of_toNat_eq e

/-- The limbs of a word whose bytes an IO row's new bytes are. -/
theorem io_new_limbs {s : State} {ri : Row BabyBear}
    (hnew : ∀ j ∈ Io.lanes, ri (Io.Col.n0 + j) = Io.memByte s (4 * (ri Io.Col.wa).val + j)) :
    (Io.halfAt ri Io.Col.n0).val = (wordAt s (ri Io.Col.wa).val).lo ∧
      (Io.halfAt ri (Io.Col.n0 + 2)).val = (wordAt s (ri Io.Col.wa).val).hi := by
  have hw := ByteMemory.toNat_wordAt s (ri Io.Col.wa).val
  have key : ∀ j, j ≤ 3 → (ri (Io.Col.n0 + j)).val =
      ByteMemory.byteAt s (BitVec.ofNat 32 (4 * (ri Io.Col.wa).val)) j := by
    intro j hj
    rw [hnew j (Io.mem_lanes.mpr (by omega)), Io.memByte, ByteMemory.byteAt, BitVec.ofNat_add_ofNat]
    exact Mem.val_cast (by have := (s.mem (BitVec.ofNat 32 (4 * (ri Io.Col.wa).val + j))).isLt; omega)
  have k0 := key 0 (by decide)
  have k1 := key 1 (by decide)
  have k2 := key 2 (by decide)
  have k3 := key 3 (by decide)
  have b0 := ByteMemory.byteAt_lt s (BitVec.ofNat 32 (4 * (ri Io.Col.wa).val)) 0
  have b1 := ByteMemory.byteAt_lt s (BitVec.ofNat 32 (4 * (ri Io.Col.wa).val)) 1
  have b2 := ByteMemory.byteAt_lt s (BitVec.ofNat 32 (4 * (ri Io.Col.wa).val)) 2
  have b3 := ByteMemory.byteAt_lt s (BitVec.ofNat 32 (4 * (ri Io.Col.wa).val)) 3
  have e0 : (Io.halfAt ri Io.Col.n0).val =
      (ri (Io.Col.n0 + 0)).val + 256 * (ri (Io.Col.n0 + 1)).val :=
    halfAt_val (show (ri (Io.Col.n0 + 0)).val < 2 ^ 8 by rw [k0]; exact b0)
      (by rw [k1]; exact b1)
  have e2 : (Io.halfAt ri (Io.Col.n0 + 2)).val =
      (ri (Io.Col.n0 + 2)).val + 256 * (ri (Io.Col.n0 + 3)).val :=
    halfAt_val (by rw [k2]; exact b2) (by rw [k3]; exact b3)
  rw [e0, e2]
  simp only [Word.lo, Word.hi]
  omega

/-- **The memory after a read row, at its cursor cell (IO, k)** (`k` the row's `cursorCell`: 0 for
fd 0, 2 for fd 3): each IO row's word cell holds the byte memory's new word there, every other
word cell its old content (the byte memory keeps it), the cursor (IO, k) moves from cur to
cur + c, and the other IO cells keep their content. -/
theorem read_mem_at {r : Row BabyBear} (hh : Hypotheses accs bnd)
    (hinit : ∀ b ∈ bnd, init b.cell = b.init) (hp : Ports accs r)
    {rs pub : Row BabyBear} (hgs : Syscall.Groups rs pub) (hrd : rs Syscall.Col.fRead = 1)
    {k : BabyBear} (hcc : Syscall.cursorCell rs = k) (hclk : rs Syscall.Col.clk = r clk)
    (hcurA : curAccess rs ∈ accs)
    (ios : List (Row BabyBear))
    (hios : ∀ ri ∈ ios, Io.Groups ri ∧ Io.reads ri = 1 ∧ ri Io.Col.clk = r clk ∧ ioAccess ri ∈ accs)
    (honly : ∀ a ∈ accs, a.ts = 4 * (r clk).val + 1 + 1 + 1 + 1 →
      a = bufAccess rs ∨ a = lenAccess rs ∨ a = curAccess rs ∨ ∃ ri ∈ ios, a = ioAccess ri)
    (h30 : ∀ b ∈ bnd, IsWordCell b.cell → b.cell.2.val < 2 ^ 30)
    (hone : ∀ b ∈ bnd, ∀ b' ∈ bnd, IsWordCell b.cell → IsWordCell b'.cell →
      b.cell.2 = b'.cell.2 → b.cell = b'.cell)
    {s s'' : State}
    (hnew : ∀ ri ∈ ios, ∀ j ∈ Io.lanes, ri (Io.Col.n0 + j) =
      Io.memByte s'' (4 * (ri Io.Col.wa).val + j))
    (hkeep : ∀ x, x < 2 ^ 32 → (∀ ri ∈ ios, x / 4 ≠ (ri Io.Col.wa).val) →
      Io.memByte s'' x = Io.memByte s x)
    (hmem : MemIn (memAt accs init (4 * (r clk).val + 1)) bnd s) :
    MemIn (memAt accs init (4 * (r clk).val + 1 + 1 + 1 + 1 + 1)) bnd s'' ∧
      memAt accs init (4 * (r clk).val + 1 + 1 + 1 + 1 + 1) (3, k) =
        (rs Syscall.Col.cur + Syscall.word rs Syscall.Col.cLo Syscall.Col.cHi, 0) ∧
      (∀ c : Cell, c.1 = 3 → c ≠ ((3 : BabyBear), k) →
        memAt accs init (4 * (r clk).val + 1 + 1 + 1 + 1 + 1) c = memAt accs init (4 * (r clk).val + 1) c) := by
  obtain ⟨hw0, -, -⟩ := Syscall.read_only hgs hrd
  have hmv : Syscall.moves rs = 1 := by unfold Syscall.moves; rw [hrd, hw0]; grind
  have hts := hh.2.2.2.1
  refine ⟨fun b hb hc => ?_, ?_, fun c hc3 hc0 => ?_⟩
  · by_cases hio : ∃ ri ∈ ios, (ioAccess ri).cell = b.cell
    · obtain ⟨ri, hri, hcell⟩ := hio
      obtain ⟨-, -, hclki, hacc⟩ := hios ri hri
      have hw := memAt_succ_of_access (init := init) hts hacc
      simp only [ioAccess, hclki] at hw
      rw [← hcell]
      simp only [ioAccess]
      rw [hw]
      exact io_new_limbs (hnew ri hri)
    · have hne : ∀ a ∈ accs, a.cell = b.cell → a.ts ≠ 4 * (r clk).val + 1 + 1 + 1 + 1 := by
        intro a ha hac ht
        rcases honly a ha ht with rfl | rfl | rfl | ⟨ri, hri, rfl⟩
        · rw [← hac] at hc; simp only [bufAccess] at hc
          rcases hc with h | h <;> exact absurd h (by decide)
        · rw [← hac] at hc; simp only [lenAccess] at hc
          rcases hc with h | h <;> exact absurd h (by decide)
        · rw [← hac] at hc; simp only [curAccess] at hc
          rcases hc with h | h <;> exact absurd (show (3 : BabyBear) = _ from h) (by decide)
        · exact hio ⟨ri, hri, hac⟩
      rw [memAt_succ_of_none hne, word_cpu_ticks hp (wordCell_ne hc)]
      have hwb : wordAt s'' b.cell.2.val = wordAt s b.cell.2.val := by
        refine wordAt_of_bytes fun j hj => byte_of_memByte (hkeep _ (by
          have := h30 b hb hc; omega) fun ri hri he => ?_)
        -- an IO row at this word would be this cell (one word cell per address)
        obtain ⟨hgi, hrdi, -, hacc⟩ := hios ri hri
        obtain ⟨hbal', hcausal, hpos, hts', hcells⟩ := hh
        obtain ⟨b', hb', hbc'⟩ := exists_boundary hbal' hcausal hpos hts' hcells _ hacc
        have hwc := ioAccess_wordCell hgi
        have e : b.cell.2 = b'.cell.2 := by
          rw [hbc']; exact BabyBear.ext (by show _ = (ri Io.Col.wa).val; omega)
        exact hio ⟨ri, hri, hbc'.symm.trans (hone b hb b' hb' hc (hbc' ▸ hwc) e).symm⟩
      rw [hwb]
      exact hmem b hb hc
  · have hw := memAt_succ_of_access (init := init) hts hcurA
    simp only [curAccess, hclk, hcc] at hw
    rw [hw]
    have := hgs.cur_step
    rw [hmv] at this
    congr 1
    grind
  · rw [memAt_succ_of_none fun a ha hac ht => ?_, word_cpu_ticks hp (by rw [hc3]; decide)]
    rcases honly a ha ht with rfl | rfl | rfl | ⟨ri, hri, rfl⟩
    · rw [← hac] at hc3; simp only [bufAccess] at hc3; exact absurd hc3 (by decide)
    · rw [← hac] at hc3; simp only [lenAccess] at hc3; exact absurd hc3 (by decide)
    · exact hc0 (by rw [← hac]; simp only [curAccess, hcc])
    · have hwc := ioAccess_wordCell (hios ri hri).1
      rw [hac] at hwc
      rcases hwc with h | h <;> rw [hc3] at h <;> exact absurd h (by decide)

/-- **The memory after a read row of fd 0**: each IO row's word cell holds the byte memory's new
word there, every other word cell its old content (the byte memory keeps it), the cursor (IO, 0)
moves from cur to cur + c, and the other IO cells keep their content (`read_mem_at` at (IO, 0)). -/
theorem read_mem {r : Row BabyBear} (hh : Hypotheses accs bnd)
    (hinit : ∀ b ∈ bnd, init b.cell = b.init) (hp : Ports accs r)
    {rs pub : Row BabyBear} (hgs : Syscall.Groups rs pub) (hrd : rs Syscall.Col.fRead = 1)
    (hfd0 : rs Syscall.Col.fd3 = 0) (hclk : rs Syscall.Col.clk = r clk)
    (hcurA : curAccess rs ∈ accs)
    (ios : List (Row BabyBear))
    (hios : ∀ ri ∈ ios, Io.Groups ri ∧ Io.reads ri = 1 ∧ ri Io.Col.clk = r clk ∧ ioAccess ri ∈ accs)
    (honly : ∀ a ∈ accs, a.ts = 4 * (r clk).val + 1 + 1 + 1 + 1 →
      a = bufAccess rs ∨ a = lenAccess rs ∨ a = curAccess rs ∨ ∃ ri ∈ ios, a = ioAccess ri)
    (h30 : ∀ b ∈ bnd, IsWordCell b.cell → b.cell.2.val < 2 ^ 30)
    (hone : ∀ b ∈ bnd, ∀ b' ∈ bnd, IsWordCell b.cell → IsWordCell b'.cell →
      b.cell.2 = b'.cell.2 → b.cell = b'.cell)
    {s s'' : State}
    (hnew : ∀ ri ∈ ios, ∀ j ∈ Io.lanes, ri (Io.Col.n0 + j) =
      Io.memByte s'' (4 * (ri Io.Col.wa).val + j))
    (hkeep : ∀ x, x < 2 ^ 32 → (∀ ri ∈ ios, x / 4 ≠ (ri Io.Col.wa).val) →
      Io.memByte s'' x = Io.memByte s x)
    (hmem : MemIn (memAt accs init (4 * (r clk).val + 1)) bnd s) :
    MemIn (memAt accs init (4 * (r clk).val + 1 + 1 + 1 + 1 + 1)) bnd s'' ∧
      memAt accs init (4 * (r clk).val + 1 + 1 + 1 + 1 + 1) (3, 0) =
        (rs Syscall.Col.cur + Syscall.word rs Syscall.Col.cLo Syscall.Col.cHi, 0) ∧
      (∀ c : Cell, c.1 = 3 → c ≠ ((3 : BabyBear), (0 : BabyBear)) →
        memAt accs init (4 * (r clk).val + 1 + 1 + 1 + 1 + 1) c = memAt accs init (4 * (r clk).val + 1) c) := by
  obtain ⟨hw0, -, -⟩ := Syscall.read_only hgs hrd
  have hcc : Syscall.cursorCell rs = 0 := by unfold Syscall.cursorCell; rw [hw0, hfd0]; grind
  exact read_mem_at hh hinit hp hgs hrd hcc hclk hcurA ios hios honly h30 hone hnew hkeep hmem

end Zkvm.Air.V2.Run

end
