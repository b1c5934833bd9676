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
mapped and writable. The memory after the row (the IO rows' new words) and the run's input
invariant are not derived yet.
-/

@[expose] public section

noncomputable section

namespace Zkvm.Air.V2.Run

open Zkvm.Field Zkvm.RiscV Zkvm.Air.Table Zkvm.Air.Memory Zkvm.Air.V2.Cpu Zkvm.Air.V2.Cpu.Col
open Zkvm.Air.V2.Exec (felt)
open Zkvm.Air.V2.Step (Runs Reads val_felt)

variable {accs : List (Access Cell Val)} {bnd : List (Boundary Cell Val)} {init : Cell → Val}
  {s : State}

/-- A write of `n` bytes at `buf` is allowed when each of them is mapped and writable. -/
theorem accessFault_write_none (s : State) (buf : Word) (n : Nat)
    (h : ∀ i < n, s.layout.mapped (buf + BitVec.ofNat 32 i) = true ∧
      s.layout.writable (buf + BitVec.ofNat 32 i) = true) :
    s.accessFault true buf n = none := by
  unfold State.accessFault
  rw [List.findSome?_eq_none_iff]
  intro x hx
  obtain ⟨i, hi, rfl⟩ := List.mem_map.mp hx
  have := h i (List.mem_range.mp hi)
  simp [this.1, this.2]

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
      (ri Io.Col.wa).val < 2 ^ 28 ∧ (ri Io.Col.base).val < 2 ^ 30 ∧ ioAccess ri ∈ accs)
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
      (w.cur nextPc).val = (s.pc + 4).toNat := by
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
      (r Io.Col.base).val < 2 ^ 30 :=
    fun r hr => have h := hios r hr; ⟨h.1, h.2.1, h.2.2.2.1, h.2.2.2.2.1⟩
  have hcov := Io.ecall_rows_cover ios hrows' _ _ _ hbal
  -- the read ends within the input: its last byte is one the statement sends
  have hend : (rs Syscall.Col.cur).val + (Syscall.cWord rs).toNat ≤ (rs Syscall.Col.lim).val := by
    rw [hcurv, hlimv]
    rcases Nat.eq_zero_or_pos (Syscall.cWord rs).toNat with h0 | hpos
    · omega
    · obtain ⟨ri, hri, j, hj, hm, -, hbase⟩ := Io.covering_row ios hrows' hcov
        (i := (Syscall.cWord rs).toNat - 1) (by omega)
      have hmsg := hrecvIn ri hri j (Io.mem_lanes.mpr (by omega)) hm
      have hbv : ri Io.Col.base + ((j : Nat) : BabyBear) =
          (((s.inputPos + ((Syscall.cWord rs).toNat - 1) : Nat) : Nat) : BabyBear) := by
        rw [← hbase, Felt.natCast_add, Felt.natCast_val]
      rw [hbv] at hmsg
      have := hin _ _ (by have := (hios ri hri).2.2.2.2.1; omega) hmsg
      omega
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
  refine ⟨?_, h10, by rw [hc, hcount], ecall_next hg hruns hpc30 hpc4⟩
  show execEcall s = _
  rw [hstep]
  unfold sysRead
  rw [if_pos h10]
  simp only
  rw [accessFault_write_none s _ _ hmap]

end Zkvm.Air.V2.Run

end
