module

public import Zkvm.Air.V2.RunIo
public import Zkvm.Air.V2.Run

/-!
# The run with write ECALLs: the output

A write ECALL (a7 = 64) in the middle of a run appends the len bytes at buf to the output (fd 1)
or the debug output (fd 2). The memory argument carries the fd-1 cursor, the cell (IO, 1), whose
content is the output's length (`OutInv.cursor`); the IO rows' OUTPUT messages tie each byte
written to the statement's output at the cursor's position (`OutInv.outPrefix`: the output so far
is a prefix of the claimed one). `write_row_inv` steps both invariants over a write row,
`outInv_keep` over every other instruction but ECALL (`Run.row_inv` keeps the outputs and the
I/O cells).

The output cap: the semantics refuses a write taking fd 1's output beyond `maxOutputLen` (fd 2 is
a debug log the proof does not see: never refused for its size, docs/air.md §13). The run carries
`OutInv.len_le`, the output so far no longer than the claimed one; a write's last byte is sent as
OUTPUT at its position, which the statement receives only below the claimed output's length, so
the write stays within the claimed output, itself at most `maxOutputLen` long.
-/

@[expose] public section

noncomputable section

namespace Zkvm.Air.V2.Run

open Zkvm.Field Zkvm.RiscV Zkvm.Air.Table Zkvm.Air.Memory Zkvm.Air.V2.Cpu Zkvm.Air.V2.Cpu.Col
open Zkvm.Air.V2.Exec (felt)
open Zkvm.Air.V2.Step (Runs Reads progMsg progTable runs_of_prog val_felt)
open Zkvm.Air.ByteMemory (wordAt)

/-- **The output invariant at row n**: memory at 4n + 1 holds the output's length in the fd-1
cursor (IO, 1); the output so far is the claimed output's prefix, no longer than it. -/
structure OutInv (accs : List (Access Cell Val)) (init : Cell → Val)
    (out : List BabyBear) (n : Nat) (s : State) : Prop where
  cursor : memAt accs init (4 * n + 1) (3, 1) = (((s.output.length : Nat) : BabyBear), 0)
  outPrefix : ∀ i < s.output.length, out.getD i 0 = (((s.output.getD i 0).toNat : Nat) : BabyBear)
  len_le : s.output.length ≤ out.length

/-- **What the bus gives about a write ECALL row**: the SYSCALL row that receives its request,
its reads of a1 and a2 and (fd 1) its cursor access among the memory argument's accesses; its IO
rows (write rows, of fd 1 when the SYSCALL row's fd2 is 0, their words' accesses among the
accesses, chained from (buf, cur) to (buf + len, cur + len): the IO-tag census); no other access
at 4 clk + 4; on fd 1 the IO rows' OUTPUT messages among the bus's sends. -/
def WriteJoin (accs : List (Access Cell Val)) (sent : List (List BabyBear)) (r : Row BabyBear) :
    Prop :=
  ∃ rs pub, Syscall.Groups rs pub ∧ Syscall.Lookups rs ∧ Syscall.real rs = 1 ∧
    Exec.Cpu.execMsg r = Exec.Syscall.execMsg rs ∧ bufAccess rs ∈ accs ∧ lenAccess rs ∈ accs ∧
    (Syscall.cursorOn rs = 1 → curAccess rs ∈ accs) ∧
    ∃ ios : List (Row BabyBear),
      (∀ ri ∈ ios, Io.Groups ri ∧ Io.Lookups ri ∧ Io.real ri = 1 ∧ Io.writes ri = 1 ∧
        (rs Syscall.Col.fd2 = 0 → ri Io.Col.kWrite1 = 1) ∧ (ri Io.Col.wa).val < 2 ^ 28 ∧
        Io.firstPos ri < 2 ^ 30 ∧ ri Io.Col.clk = r clk ∧ ioAccess ri ∈ accs) ∧
      (((rs Syscall.Col.bufLo).val + 2 ^ 16 * (rs Syscall.Col.bufHi).val,
          (rs Syscall.Col.cur).val) :: ios.map (fun r => (Io.linkOf r).stop)).Perm
        (((rs Syscall.Col.bufLo).val + 2 ^ 16 * (rs Syscall.Col.bufHi).val +
            ((rs Syscall.Col.lenLo).val + 2 ^ 16 * (rs Syscall.Col.lenHi).val),
          (rs Syscall.Col.cur).val +
            ((rs Syscall.Col.lenLo).val + 2 ^ 16 * (rs Syscall.Col.lenHi).val)) ::
          ios.map (fun r => (Io.linkOf r).start)) ∧
      (∀ a ∈ accs, a.ts = 4 * (r clk).val + 1 + 1 + 1 + 1 →
        a = bufAccess rs ∨ a = lenAccess rs ∨ (Syscall.cursorOn rs = 1 ∧ a = curAccess rs) ∨
          ∃ ri ∈ ios, a = ioAccess ri) ∧
      (rs Syscall.Col.fd2 = 0 → ∀ ri ∈ ios, ∀ j ∈ Io.lanes, Io.moved ri j = 1 →
        [9, ri Io.Col.base + ((j : Nat) : BabyBear), ri (Io.Col.n0 + j)] ∈ sent)

theorem regsIn_congr {m : Cell → Val} {s s' : State} (h : s'.regs = s.regs) (hr : RegsIn m s) :
    RegsIn m s' := by
  intro y
  have : s'.reg y = s.reg y := by simp only [State.reg, h]
  rw [this]; exact hr y

theorem getD_append_left' {α : Type} (l l' : List α) (d : α) {i : Nat} (h : i < l.length) :
    (l ++ l').getD i d = l.getD i d := by
  simp [List.getD_eq_getElem?_getD, List.getElem?_append_left h]

theorem getD_append_right' {α : Type} (l l' : List α) (d : α) {i : Nat} (h : l.length ≤ i) :
    (l ++ l').getD i d = l'.getD (i - l.length) d := by
  simp [List.getD_eq_getElem?_getD, List.getElem?_append_right h]

theorem length_readBytes (s : State) (a : Word) (n : Nat) : (s.readBytes a n).length = n := by
  simp [State.readBytes]

/-- **A row that keeps the outputs and the fd-1 cursor keeps the output invariant.** -/
theorem outInv_keep {accs : List (Access Cell Val)}
    {init : Cell → Val} {out : List BabyBear} {n : Nat} {s s' : State}
    (ho : OutInv accs init out n s) (h1 : s'.output = s.output)
    (h3 : memAt accs init (4 * (n + 1) + 1) (3, 1) = memAt accs init (4 * n + 1) (3, 1)) :
    OutInv accs init out (n + 1) s' where
  cursor := by rw [h3, h1]; exact ho.cursor
  outPrefix := by rw [h1]; exact ho.outPrefix
  len_le := by rw [h1]; exact ho.len_le

variable {wins : Nat → Window BabyBear} {accs : List (Access Cell Val)}
  {bnd : List (Boundary Cell Val)} {init : Cell → Val} {code : List (UInt32 × UInt32)}

/-- **One write ECALL row of the run**: from the state row n describes, with the output
invariant, the semantics' step (a `sysWrite` that succeeds) reaches the state row n + 1 describes,
with the output invariant. -/
theorem write_row_inv {N : Nat} (hrows : CpuRows wins 0 N)
    (hh : Hypotheses accs bnd) (hinit : ∀ b ∈ bnd, init b.cell = b.init)
    (hwf : WordWrites accs)
    {L : Layout}
    (hallow : ∀ b ∈ bnd, IsWordCell b.cell → ∀ a : Word, a.toNat / 4 = b.cell.2.val →
      L.mapped a = true ∧ (b.cell.1 = 1 → L.writable a = true))
    (hcode : ∀ p ∈ code, p.1.toNat < 2 ^ 30) (hcode4 : ∀ p ∈ code, p.1.toNat % 4 = 0)
    {n : Nat} (hn : n + 1 < N)
    (hprog : progMsg ((wins n).cur) ∈ progTable code)
    (hports : Ports accs ((wins n).cur))
    (hop : ((wins n).cur op).val = 36) (h64 : ((wins n).cur aLo).val = 64)
    {sent : List (List BabyBear)} (hjoin : WriteJoin accs sent ((wins n).cur))
    {out : List BabyBear}
    (hout : ∀ (pos : Nat) (b : BabyBear), pos < 2013265921 → [9, ((pos : Nat) : BabyBear), b] ∈ sent →
      pos < out.length ∧ b = out.getD pos 0)
    (houtlen : out.length ≤ maxOutputLen)
    {s : State} (hinv : Inv wins accs init bnd code L n s) (ho : OutInv accs init out n s) :
    ∃ s', step s = .ok s' ∧ Inv wins accs init bnd code L (n + 1) s' ∧
      OutInv accs init out (n + 1) s' ∧ s'.inputPos = s.inputPos ∧ s'.input = s.input ∧
      memAt accs init (4 * (n + 1) + 1) (3, 0) = memAt accs init (4 * n + 1) (3, 0) := by
  have hg := hrows.groups n (by omega)
  have hclk : ((wins n).cur clk).val = n := by rw [hrows.clk n (by omega), Nat.zero_add]
  have h4 : 4 * (n + 1) + 1 = 4 * n + 1 + 1 + 1 + 1 + 1 := by omega
  obtain ⟨i, hruns, hstep, hpc30, hpc4⟩ := row_fetch hcode hcode4 hprog hinv
  have hi := ecall_of_op hruns hop
  subst hi
  have hchain := hrows.chain n hn
  obtain ⟨rs, pub, hgs, hls, hrs, he, hbufA, hlenA, hcurA, ios, hios, hbal, honly, hsent⟩ := hjoin
  have hsclk : rs Syscall.Col.clk = (wins n).cur clk := (congrArg Exec.Msg.clk he).symm
  have hwr : rs Syscall.Col.fWrite = 1 := by
    have ha : (wins n).cur aLo = rs Syscall.Col.aLo := congrArg Exec.Msg.aLo he
    refine (Step.syscall_kind hgs hrs).2.1 ?_
    rw [← ha, ← Felt.natCast_val ((wins n).cur aLo), h64]; rfl
  obtain ⟨hr0, -, hd3, -, hmv⟩ := write_flags hgs hrs hwr
  have hregs : RegsIn (memAt accs init (4 * ((wins n).cur clk).val + 1)) s := by
    rw [hclk]; exact hinv.regs
  have hmem : MemIn (memAt accs init (4 * ((wins n).cur clk).val + 1)) bnd s := by
    rw [hclk]; exact hinv.mem
  obtain ⟨hreads, x, hrd, hregs'⟩ := regs_next (w := wins n) hg hruns hh hinit hwf hports
    hinv.len hregs
  have hx : x = 10 := reg_inj (hrd.symm.trans (ecall_rd hruns))
  subst hx
  obtain ⟨hbuf, hlen⟩ := syscall_args hh hinit hports (ecall_rd hruns) hsclk hbufA hlenA hregs
  -- c = len
  have hcl0 : rs Syscall.Col.cLo = rs Syscall.Col.lenLo := by
    have := hgs.write_lo; rw [hwr] at this; grind
  have hch0 : rs Syscall.Col.cHi = rs Syscall.Col.lenHi := by
    have := hgs.write_hi; rw [hwr] at this; grind
  have hc12 : cWord (wins n).cur = s.reg 12 := by
    obtain ⟨-, -, -, -, -, -, hc⟩ := Step.ecall_operands hruns hreads he
    rw [hc]
    show WordLimbs.ofFelts (rs Syscall.Col.cLo) (rs Syscall.Col.cHi) = _
    rw [hcl0, hch0]
    exact Step.word_of_vals hlen.1 hlen.2
  -- the memory after the row
  obtain ⟨hm1, hm2, hm3⟩ := write_mem (init := init) hh hinit hports hgs hrs hwr hsclk ios
    (fun ri hri => ⟨(hios ri hri).1, (hios ri hri).2.2.2.1⟩) honly
  rw [hclk] at hm1 hm2 hm3
  have hio1 : memAt accs init (4 * n + 1 + 1 + 1 + 1) ((3 : BabyBear), (1 : BabyBear)) =
      memAt accs init (4 * n + 1) (3, 1) := by
    have := word_cpu_ticks (init := init) hports (c := ((3 : BabyBear), (1 : BabyBear))) (by decide)
    rw [hclk] at this; exact this
  have hallow' : ∀ b ∈ bnd, IsWordCell b.cell → ∀ a : Word, a.toNat / 4 = b.cell.2.val →
      s.layout.mapped a = true := fun b hb hc a ha => by
    rw [hinv.layout]; exact (hallow b hb hc a ha).1
  have hios' : ∀ ri ∈ ios, Io.Groups ri ∧ Io.real ri = 1 ∧ (ri Io.Col.wa).val < 2 ^ 28 ∧
      Io.firstPos ri < 2 ^ 30 ∧ ioAccess ri ∈ accs := fun ri hri => by
    obtain ⟨a, -, b, -, -, c, d, -, e⟩ := hios ri hri
    exact ⟨a, b, c, d, e⟩
  -- the fd (a0 = 1 + fd2) and the buffer, as numbers
  have hb1 : rs Syscall.Col.bLo = 1 + rs Syscall.Col.fd2 := by
    have := hgs.fd_write_lo; rw [hwr] at this; grind
  have hbh : rs Syscall.Col.bHi = 0 := by
    have := hgs.fd_write_hi; rw [hwr] at this; grind
  obtain ⟨-, -, -, -, -, hb10, -⟩ := Step.ecall_operands hruns hreads he
  have hex0 := (write_flags hgs hrs hwr).2.1
  have hb11 : (rs Syscall.Col.bufLo).val + 2 ^ 16 * (rs Syscall.Col.bufHi).val =
      (s.reg 11).toNat := by rw [Word.toNat_eq_limbs, hbuf.1, hbuf.2]
  have hl12 : (rs Syscall.Col.lenLo).val + 2 ^ 16 * (rs Syscall.Col.lenHi).val =
      (s.reg 12).toNat := by rw [Word.toNat_eq_limbs, hlen.1, hlen.2]
  have hmax : maxOutputLen = 256 * 2 ^ 20 := rfl
  have hlenO := ho.len_le
  -- on fd 1 the cursor is the output's length, and the write ends within the claimed output:
  -- its last byte is an OUTPUT message, which the statement receives only below that length
  have hon : rs Syscall.Col.fd2 = 0 → Syscall.cursorOn rs = 1 := fun hf2 => by
    unfold Syscall.cursorOn; rw [hmv, hf2, hex0]; grind
  have hcurv : rs Syscall.Col.fd2 = 0 → (rs Syscall.Col.cur).val = s.output.length := by
    intro hf2
    obtain ⟨-, hcr⟩ := hm3 (hcurA (hon hf2))
    have hcur0 := ho.cursor
    rw [← hcr] at hcur0
    have := congrArg (fun x : Val => x.1.val) hcur0
    simp only at this
    rw [this]; exact Mem.val_cast (by omega)
  have hfit : rs Syscall.Col.fd2 = 0 → s.output.length + (s.reg 12).toNat ≤ out.length := by
    intro hf2
    rcases Nat.eq_zero_or_pos (s.reg 12).toNat with h0 | hpos
    · omega
    · have hbal' := hbal
      rw [hb11, hl12, hcurv hf2] at hbal'
      have hrows' : ∀ r ∈ ios, Io.Groups r ∧ Io.real r = 1 ∧ (r Io.Col.wa).val < 2 ^ 28 ∧
          Io.firstPos r < 2 ^ 30 :=
        fun r hr => have h := hios' r hr; ⟨h.1, h.2.1, h.2.2.1, h.2.2.2.1⟩
      have hcov := Io.ecall_rows_cover ios hrows' _ _ _ hbal'
      obtain ⟨ri, hri, j, hj, hm, -, hbv, hlt⟩ := Io.covering_row ios hrows' hcov
        (i := (s.reg 12).toNat - 1) (by omega)
      have hmsg := hsent hf2 ri hri j (Io.mem_lanes.mpr (by omega)) hm
      rw [hbv] at hmsg
      have := (hout _ _ (by omega) hmsg).1
      omega
  have hfd2 : s.reg 10 = 1 → rs Syscall.Col.fd2 = 0 := by
    intro h10
    rcases Nat.le_one_iff_eq_zero_or_eq_one.mp (Felt.val_le_one_of_bool hgs.bool_fd2) with h0 | h1
    · exact BabyBear.ext h0
    · have hf : rs Syscall.Col.fd2 = 1 := BabyBear.ext h1
      rw [hb10] at h10; revert h10
      show WordLimbs.ofFelts _ _ = 1 → _
      rw [hb1, hbh, hf]; decide
  have hcap : s.reg 10 = 1 → s.output.length + (s.reg 12).toNat ≤ maxOutputLen := fun h10 => by
    have := hfit (hfd2 h10); omega
  obtain ⟨hex, hfd, -, hnext⟩ := write_row (w := wins n) hg hruns hreads hpc30 hpc4 hh hinit
    hports hgs hls hrs he hwr hbufA hlenA ios hios' hbal hallow' hcap hregs
  -- the state after it
  refine ⟨_, hstep.trans hex, ⟨?_, ?_, ?_, ?_, ?_, ?_, ?_⟩, ?_, ?_, ?_, ?_⟩
  · show _ = ((_ : State).pc + 4).toNat
    rw [setReg_pc]
    have e : (if s.reg 10 = 1 then
        { s with output := s.output ++ s.readBytes (s.reg 11) (s.reg 12).toNat }
      else { s with debugOutput := appendDebug s.debugOutput (s.readBytes (s.reg 11) (s.reg 12).toNat) }).pc =
        s.pc := by split <;> rfl
    rw [e, hchain]; exact hnext
  · show (State.setReg _ _ _).exitCode = none
    rw [setReg_eq]; split <;> exact hinv.live
  · show (State.setReg _ _ _).regs.length = 32
    rw [setReg_length]; split <;> exact hinv.len
  · intro q hq
    simp only [State.next]
    rw [setReg_eq]; split <;> exact hinv.fetch q hq
  · show (State.setReg _ _ _).layout = L
    rw [setReg_eq]; split <;> exact hinv.layout
  · rw [h4]
    refine regsIn_congr ?_ (by rw [hc12] at hregs'; rw [hclk] at hregs'; exact hregs')
    show (State.setReg _ _ _).regs = (s.setReg 10 (s.reg 12)).regs
    rw [setReg_eq, setReg_eq]; split <;> rfl
  · rw [h4]
    intro b hb hc
    have hne : b.cell ≠ ((3 : BabyBear), (1 : BabyBear)) := by
      intro e; rw [e] at hc; rcases hc with h | h <;> exact absurd h (by decide)
    rw [hm1 _ hne, show 4 * n + 1 + 1 + 1 + 1 = 4 * ((wins n).cur clk).val + 1 + 1 + 1 + 1 by
      rw [hclk], word_cpu_ticks hports (wordCell_ne hc), hclk]
    have hmm : (State.setReg (if s.reg 10 = 1 then
        { s with output := s.output ++ s.readBytes (s.reg 11) (s.reg 12).toNat }
      else { s with debugOutput := appendDebug s.debugOutput (s.readBytes (s.reg 11) (s.reg 12).toNat) })
        10 (s.reg 12)).next.mem = s.mem := by
      rw [setReg_eq]; split <;> rfl
    rw [wordAt_congr hmm]
    exact hinv.mem b hb hc
  · -- the output invariant: fd 1 moves the cursor and appends, fd 2 appends to the debug log
    have hwordc : Syscall.word rs Syscall.Col.cLo Syscall.Col.cHi =
        (((s.reg 12).toNat : Nat) : BabyBear) := by
      unfold Syscall.word
      rw [hcl0, hch0, ← hl12, Felt.natCast_add, Felt.natCast_val, Felt.natCast_mul,
        Felt.natCast_val]
      rfl
    rcases Nat.le_one_iff_eq_zero_or_eq_one.mp (Felt.val_le_one_of_bool hgs.bool_fd2) with h0 | h1
    · -- fd 1: the output
      have hf2 : rs Syscall.Col.fd2 = 0 := BabyBear.ext h0
      have h10 : s.reg 10 = 1 := by
        rw [hb10]; show WordLimbs.ofFelts _ _ = 1; rw [hb1, hbh, hf2]; decide
      have hso : (State.setReg (if s.reg 10 = 1 then
          { s with output := s.output ++ s.readBytes (s.reg 11) (s.reg 12).toNat }
        else { s with debugOutput := appendDebug s.debugOutput (s.readBytes (s.reg 11) (s.reg 12).toNat) })
          10 (s.reg 12)).next.output = s.output ++ s.readBytes (s.reg 11) (s.reg 12).toNat := by
        rw [if_pos h10]; rw [setReg_eq]; rfl
      obtain ⟨hc5, hcr⟩ := hm3 (hcurA (hon hf2))
      have hcur0 := ho.cursor
      rw [← hcr] at hcur0
      refine ⟨?_, ?_, ?_⟩
      · rw [hso, h4, hc5, List.length_append, length_readBytes, hwordc,
          show rs Syscall.Col.cur = ((s.output.length : Nat) : BabyBear) from
            (congrArg Prod.fst hcur0), Felt.natCast_add]
      · rw [hso]
        intro i hi
        rw [List.length_append, length_readBytes] at hi
        by_cases hlt : i < s.output.length
        · rw [getD_append_left' _ _ _ hlt]; exact ho.outPrefix i hlt
        · rw [getD_append_right' _ _ _ (by omega)]
          rw [hb11, hl12, hcurv hf2] at hbal
          have hw := Step.ecall_write_output ios
            (fun ri hri => have h := hios ri hri; ⟨h.1, h.2.2.1, h.2.2.2.2.1 hf2, h.2.2.2.2.2.1,
              h.2.2.2.2.2.2.1⟩) (s := s)
            (fun ri hri => io_bytes hh hinit hports (hios ri hri).1 (hios ri hri).2.1
              (hios ri hri).2.2.1 (hios ri hri).2.2.2.2.2.2.2.1 (hios ri hri).2.2.2.2.2.2.2.2
              (hios ri hri).2.2.2.2.2.1 hmem)
            s.output.length hbal sent (hsent hf2) out (fun pos b hp hm => (hout pos b hp hm).2)
            (i - s.output.length) (by omega)
          rw [show s.output.length + (i - s.output.length) = i by omega] at hw
          exact hw
      · rw [hso, List.length_append, length_readBytes]; exact hfit hf2
    · -- fd 2: the debug output
      have hf2 : rs Syscall.Col.fd2 = 1 := BabyBear.ext h1
      have h10 : s.reg 10 ≠ 1 := by
        rw [hb10]; show WordLimbs.ofFelts _ _ ≠ 1; rw [hb1, hbh, hf2]; decide
      have hso : (State.setReg (if s.reg 10 = 1 then
          { s with output := s.output ++ s.readBytes (s.reg 11) (s.reg 12).toNat }
        else { s with debugOutput := appendDebug s.debugOutput (s.readBytes (s.reg 11) (s.reg 12).toNat) })
          10 (s.reg 12)).next.output = s.output := by
        rw [if_neg h10]; rw [setReg_eq]; rfl
      refine ⟨?_, ?_, ?_⟩
      · rw [hso, h4, hm2 hf2, hio1]; exact ho.cursor
      · rw [hso]; exact ho.outPrefix
      · rw [hso]; exact ho.len_le
  · simp only [State.next]; rw [setReg_eq]; split <;> rfl
  · simp only [State.next]; rw [setReg_eq]; split <;> rfl
  · rw [h4, hm1 _ (by decide)]
    have := word_cpu_ticks (init := init) hports (c := ((3 : BabyBear), (0 : BabyBear))) (by decide)
    rw [hclk] at this; exact this

end Zkvm.Air.V2.Run

end
