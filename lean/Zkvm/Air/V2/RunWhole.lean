module

public import Zkvm.Air.V2.RunInput
public import Zkvm.Air.V2.RunOutput
public import Zkvm.Air.V2.RunPrivate

/-!
# The whole run with input and output

The run's induction over every instruction class: instructions other than ECALL (`row_inv`),
write ECALLs (`write_row_inv`, with `write_keeps_private`), read ECALLs of fd 0 (`read_row_inv`,
here), read ECALLs of fd 3 (`read3_row_inv`, RunPrivate.lean) and the final exit
(`exit_row_step`). Beside the machine state (`Inv`) and the output (`OutInv`), the run carries
the input (`InInv`): memory at 4n + 1 holds the input position in the cursor (IO, 0), which stays
within the statement's consumed count, and the input is the statement's; and the private input
(`PrivInv`, RunPrivate.lean): memory at 4n + 1 holds the private position in the cursor (IO, 2),
which stays within the private cursor's final value, and the private input is `priv`.

`run_io`: from the state row 0 describes, the semantics' `run` of N steps succeeds and halts with
the claimed exit code after N cycles, its output is the claimed output, it has consumed exactly
the claimed number of input bytes (docs/air.md §12.3) and exactly as many private input bytes
as the private cursor's final value, given the joins as hypotheses.
-/

@[expose] public section

noncomputable section

namespace Zkvm.Air.V2.Run

open Zkvm.Field Zkvm.RiscV Zkvm.Air.Table Zkvm.Air.Memory Zkvm.Air.V2.Cpu Zkvm.Air.V2.Cpu.Col
open Zkvm.Air.V2.Exec (felt)
open Zkvm.Air.V2.Step (Runs Reads progMsg progTable runs_of_prog val_felt)

/-- **The input invariant at row n**: memory at 4n + 1 holds the input position in the cursor
(IO, 0); the position is within the consumed count; the input is `inp`. -/
structure InInv (accs : List (Access Cell Val)) (init : Cell → Val) (inp : List Byte)
    (consumed : Nat) (n : Nat) (s : State) : Prop where
  cursor : memAt accs init (4 * n + 1) (3, 0) = (((s.inputPos : Nat) : BabyBear), 0)
  pos : s.inputPos ≤ consumed
  input : s.input = inp

theorem inInv_keep {accs : List (Access Cell Val)} {init : Cell → Val} {inp : List Byte}
    {consumed n : Nat} {s s' : State} (hi : InInv accs init inp consumed n s)
    (h1 : s'.inputPos = s.inputPos) (h2 : s'.input = s.input)
    (h3 : memAt accs init (4 * (n + 1) + 1) (3, 0) = memAt accs init (4 * n + 1) (3, 0)) :
    InInv accs init inp consumed (n + 1) s' where
  cursor := by rw [h3, h1]; exact hi.cursor
  pos := by rw [h1]; exact hi.pos
  input := by rw [h2]; exact hi.input

/-- **What the bus gives about a read ECALL row of fd 0**: the SYSCALL row that receives its
request (fd3 = 0, its limit the statement's input length), its reads of a1 and a2 and its cursor
access among the memory argument's accesses; its IO rows (read rows of fd 0, distinct words, their
accesses among the accesses, chained from (buf, cur) to (buf + c, cur + c)); no other access at
4 clk + 4; the IO rows' INPUT messages among the bus's receives. -/
def ReadJoin (accs : List (Access Cell Val)) (rcvd : List (List BabyBear)) (inLen : Nat)
    (r : Row BabyBear) : Prop :=
  ∃ rs pub, Syscall.Groups rs pub ∧ Syscall.Lookups rs ∧ Syscall.real rs = 1 ∧
    Exec.Cpu.execMsg r = Exec.Syscall.execMsg rs ∧ rs Syscall.Col.fd3 = 0 ∧
    pub Syscall.pvInputLen = ((inLen : Nat) : BabyBear) ∧
    bufAccess rs ∈ accs ∧ lenAccess rs ∈ accs ∧ curAccess rs ∈ accs ∧
    ∃ ios : List (Row BabyBear),
      (∀ ri ∈ ios, Io.Groups ri ∧ Io.Lookups ri ∧ Io.real ri = 1 ∧ Io.reads ri = 1 ∧
        (ri Io.Col.wa).val < 2 ^ 28 ∧ Io.firstPos ri < 2 ^ 30 ∧ ri Io.Col.clk = r clk ∧
        ioAccess ri ∈ accs) ∧
      (∀ ri ∈ ios, ∀ ri' ∈ ios, (ri Io.Col.wa).val = (ri' Io.Col.wa).val → ri = ri') ∧
      (((rs Syscall.Col.bufLo).val + 2 ^ 16 * (rs Syscall.Col.bufHi).val,
          (rs Syscall.Col.cur).val) :: ios.map (fun r => (Io.linkOf r).stop)).Perm
        (((rs Syscall.Col.bufLo).val + 2 ^ 16 * (rs Syscall.Col.bufHi).val +
            (Syscall.word rs Syscall.Col.cLo Syscall.Col.cHi).val,
          (rs Syscall.Col.cur).val + (Syscall.word rs Syscall.Col.cLo Syscall.Col.cHi).val) ::
          ios.map (fun r => (Io.linkOf r).start)) ∧
      (∀ a ∈ accs, a.ts = 4 * (r clk).val + 1 + 1 + 1 + 1 →
        a = bufAccess rs ∨ a = lenAccess rs ∨ a = curAccess rs ∨ ∃ ri ∈ ios, a = ioAccess ri) ∧
      (∀ ri ∈ ios, ∀ j ∈ Io.lanes, Io.moved ri j = 1 →
        [8, ri Io.Col.base + ((j : Nat) : BabyBear), ri (Io.Col.n0 + j)] ∈ rcvd)

variable {wins : Nat → Window BabyBear} {accs : List (Access Cell Val)}
  {bnd : List (Boundary Cell Val)} {init : Cell → Val} {code : List (UInt32 × UInt32)}

/-- **One read ECALL row of fd 0 of the run**: from the state row n describes, with the output
and input invariants, the semantics' step (a `sysRead` that succeeds) reaches the state row n + 1
describes, with both invariants; it keeps the private position, the private input and the
private cursor (IO, 2). -/
theorem read_row_inv {N : Nat} (hrows : CpuRows wins 0 N)
    (hh : Hypotheses accs bnd) (hinit : ∀ b ∈ bnd, init b.cell = b.init)
    (hwf : WordWrites accs)
    {L : Layout}
    (hallow : ∀ b ∈ bnd, IsWordCell b.cell → ∀ a : Word, a.toNat / 4 = b.cell.2.val →
      L.mapped a = true ∧ (b.cell.1 = 1 → L.writable a = true))
    (h30 : ∀ b ∈ bnd, IsWordCell b.cell → b.cell.2.val < 2 ^ 30)
    (hone : ∀ b ∈ bnd, ∀ b' ∈ bnd, IsWordCell b.cell → IsWordCell b'.cell →
      b.cell.2 = b'.cell.2 → b.cell = b'.cell)
    (hcode : ∀ p ∈ code, p.1.toNat < 2 ^ 30) (hcode4 : ∀ p ∈ code, p.1.toNat % 4 = 0)
    {n : Nat} (hn : n + 1 < N)
    (hprog : progMsg ((wins n).cur) ∈ progTable code)
    (hports : Ports accs ((wins n).cur))
    (hop : ((wins n).cur op).val = 36) (h63 : ((wins n).cur aLo).val = 63)
    {inp : List Byte} {rcvd : List (List BabyBear)}
    (hjoin : ReadJoin accs rcvd inp.length ((wins n).cur))
    {input : List BabyBear} {consumed : Nat}
    (hinB : ∀ (pos : Nat) (b : BabyBear), pos < 2013265921 →
      [8, ((pos : Nat) : BabyBear), b] ∈ rcvd → pos < consumed ∧ b = input.getD pos 0)
    (hinput : ∀ k, input.getD k 0 = (((inp.getD k 0).toNat : Nat) : BabyBear))
    (hcons : consumed ≤ inp.length) (hinlen : inp.length < 2 ^ 30)
    {out : List BabyBear}
    {s : State} (hinv : Inv wins accs init bnd code L n s) (ho : OutInv accs init out n s)
    (hin : InInv accs init inp consumed n s) :
    ∃ s', step s = .ok s' ∧ Inv wins accs init bnd code L (n + 1) s' ∧
      OutInv accs init out (n + 1) s' ∧ InInv accs init inp consumed (n + 1) s' ∧
      s'.privatePos = s.privatePos ∧ s'.privateInput = s.privateInput ∧
      memAt accs init (4 * (n + 1) + 1) (3, 2) = memAt accs init (4 * n + 1) (3, 2) := by
  have hg := hrows.groups n (by omega)
  have hclk : ((wins n).cur clk).val = n := by rw [hrows.clk n (by omega), Nat.zero_add]
  have h4 : 4 * (n + 1) + 1 = 4 * n + 1 + 1 + 1 + 1 + 1 := by omega
  obtain ⟨i, hruns, hstep, hpc30, hpc4⟩ := row_fetch hcode hcode4 hprog hinv
  have hi := ecall_of_op hruns hop
  subst hi
  have hchain := hrows.chain n hn
  obtain ⟨rs, pub, hgs, hls, hrs, he, hfd0, hlimp, hbufA, hlenA, hcurA, ios, hios, hdist, hbal,
    honly, hrecvIn⟩ := hjoin
  have hsclk : rs Syscall.Col.clk = (wins n).cur clk := (congrArg Exec.Msg.clk he).symm
  have hrd : rs Syscall.Col.fRead = 1 := by
    have ha : (wins n).cur aLo = rs Syscall.Col.aLo := congrArg Exec.Msg.aLo he
    refine (Step.syscall_kind hgs hrs).1 ?_
    rw [← ha, ← Felt.natCast_val ((wins n).cur aLo), h63]; rfl
  have hregs : RegsIn (memAt accs init (4 * ((wins n).cur clk).val + 1)) s := by
    rw [hclk]; exact hinv.regs
  have hmem : MemIn (memAt accs init (4 * ((wins n).cur clk).val + 1)) bnd s := by
    rw [hclk]; exact hinv.mem
  obtain ⟨hreads, x, hrd', hregs'⟩ := regs_next (w := wins n) hg hruns hh hinit hwf hports
    hinv.len hregs
  have hx : x = 10 := reg_inj (hrd'.symm.trans (ecall_rd hruns))
  subst hx
  have hallow' : ∀ b ∈ bnd, IsWordCell b.cell → ∀ a : Word, a.toNat / 4 = b.cell.2.val →
      s.layout.mapped a = true ∧ (b.cell.1 = 1 → s.layout.writable a = true) :=
    fun b hb hc a ha => by rw [hinv.layout]; exact hallow b hb hc a ha
  have hios' : ∀ ri ∈ ios, Io.Groups ri ∧ Io.real ri = 1 ∧ Io.reads ri = 1 ∧
      (ri Io.Col.wa).val < 2 ^ 28 ∧ Io.firstPos ri < 2 ^ 30 ∧ ioAccess ri ∈ accs :=
    fun ri hri => have h := hios ri hri; ⟨h.1, h.2.2.1, h.2.2.2.1, h.2.2.2.2.1, h.2.2.2.2.2.1,
      h.2.2.2.2.2.2.2⟩
  have hcur : memAt accs init (4 * ((wins n).cur clk).val + 1) (3, 0) =
      (((s.inputPos : Nat) : BabyBear), 0) := by rw [hclk]; exact hin.cursor
  obtain ⟨hex, h10, hcnt, hnext, hwithin, hbal', hsmall, hc30, hcurw⟩ := read_row (w := wins n) hg
    hruns hreads hpc30 hpc4 hh hinit hports hgs hls hrs he hrd hfd0 hbufA hlenA hcurA ios hios'
    hbal hrecvIn (fun pos b hp hm => (hinB pos b hp hm).1) (by rw [hin.input]; exact hcons)
    (by rw [hin.input]; exact hinlen) (by rw [hin.input]; exact hlimp) hallow' hregs hcur hin.pos
  -- the bytes copied and the memory after the row
  have hinput' : ∀ k, input.getD k 0 = (((s.input.getD k 0).toNat : Nat) : BabyBear) := by
    rw [hin.input]; exact hinput
  obtain ⟨hnew, hkeep⟩ := Step.ecall_read_memory ios
    (fun ri hri => have h := hios' ri hri; ⟨h.1, h.2.1, h.2.2.1, h.2.2.2.1, h.2.2.2.2.1⟩) hdist
    (fun ri hri => io_bytes hh hinit hports (hios ri hri).1 (hios ri hri).2.1 (hios ri hri).2.2.1
      (hios ri hri).2.2.2.2.2.2.1 (hios ri hri).2.2.2.2.2.2.2 (hios ri hri).2.2.2.2.1 hmem)
    s.input s.inputPos (cWord (wins n).cur).toNat hcnt hc30 hsmall hbal' 8 rcvd hrecvIn input
    (fun pos b hp hm => (hinB pos b hp hm).2) hinput'
  obtain ⟨hmem5, hcur5, hio5⟩ := read_mem (init := init) hh hinit hports hgs hrd hfd0 hsclk hcurA
    ios (fun ri hri => have h := hios ri hri; ⟨h.1, h.2.2.2.1, h.2.2.2.2.2.2.1, h.2.2.2.2.2.2.2⟩)
    honly h30 hone hnew hkeep hmem
  rw [hclk] at hmem5 hcur5 hio5 hregs'
  have hcw : cWord (wins n).cur =
      BitVec.ofNat 32 ((s.input.drop s.inputPos).take (s.reg 12).toNat).length := by
    apply BitVec.eq_of_toNat_eq
    rw [BitVec.toNat_ofNat, ← hcnt, Nat.mod_eq_of_lt (by omega)]
  refine ⟨_, hstep.trans hex, ⟨?_, ?_, ?_, ?_, ?_, ?_, ?_⟩, ?_, ?_, ?_, ?_, ?_⟩
  · show _ = ((State.setReg _ _ _).pc + 4).toNat
    rw [setReg_pc, hchain]; exact hnext
  · show (State.setReg _ _ _).exitCode = none
    rw [setReg_eq]; exact hinv.live
  · show (State.setReg _ _ _).regs.length = 32
    rw [setReg_length]; exact hinv.len
  · intro q hq
    simp only [State.next]
    rw [setReg_eq]; exact hinv.fetch q hq
  · show (State.setReg _ _ _).layout = L
    rw [setReg_eq]; exact hinv.layout
  · rw [h4]
    refine regsIn_congr ?_ (by rw [hcw] at hregs'; exact hregs')
    show (State.setReg _ _ _).regs = _
    rw [setReg_eq, setReg_eq]; rfl
  · rw [h4]
    refine memIn_congr ?_ hmem5
    show (State.setReg _ _ _).mem = _
    rw [setReg_eq]
  · refine outInv_keep ho ?_ ?_
    · show (State.setReg _ _ _).output = _
      rw [setReg_eq]; rfl
    · rw [h4]; exact hio5 _ rfl (by decide)
  · refine ⟨?_, ?_, ?_⟩
    · rw [h4, hcur5, hcurw, hcnt]
      show _ = ((((State.setReg _ _ _).inputPos : Nat) : BabyBear), 0)
      rw [setReg_eq]
    · show (State.setReg _ _ _).inputPos ≤ consumed
      have : (State.setReg ({ s.writeBytes (s.reg 11) ((s.input.drop s.inputPos).take
          (s.reg 12).toNat) with inputPos := s.inputPos +
            ((s.input.drop s.inputPos).take (s.reg 12).toNat).length }) 10
          (BitVec.ofNat 32 ((s.input.drop s.inputPos).take (s.reg 12).toNat).length)).inputPos =
          s.inputPos + ((s.input.drop s.inputPos).take (s.reg 12).toNat).length := by
        rw [setReg_eq]
      rw [this, ← hcnt]; exact hwithin
    · show (State.setReg _ _ _).input = inp
      rw [setReg_eq]; exact hin.input
  · show (State.setReg _ _ _).privatePos = _
    rw [setReg_eq]; rfl
  · show (State.setReg _ _ _).privateInput = _
    rw [setReg_eq]; rfl
  · rw [h4]; exact hio5 _ rfl (by decide)

/-- **The whole run with input and output** (docs/air.md §12.3 from the joins):
if the CPU rows 0 … N − 1 of a run (`CpuRows`) run the program's words, meet the memory argument,
have their requests received, rows 0 … N − 2 are not ECALLs, or are write ECALLs with their
SYSCALL and IO rows (`WriteJoin`), or read ECALLs of fd 0 (`ReadJoin`) or of fd 3 (`Read3Join`)
with theirs, and row N − 1 is the exit ECALL whose EXIT the statement receives, then from any
state row 0 describes (empty output, input position 0, input `inp` whose bytes the statement's
INPUT messages carry, private position 0, private input `priv` whose bytes the PRIV messages
received carry below `pcons` and whose length the PLEN messages carry) the semantics' `run` of
N steps succeeds, halted with the claimed exit code after the claimed cycle count N; **its output
is the claimed output, it consumed exactly the claimed number of input bytes and `pcons` private
bytes** (the final cursors (IO, 1), (IO, 0) and (IO, 2)). The rows' writes staying within
`maxOutputLen` is a hypothesis (docs/air.md §13). The ECALL joins' OUTPUT and INPUT messages
(`sent`, `rcvd`) and the bus carrying EXIT (`xsent`, `xrcvd`) are separate lists, so that the
joins can be the tables' messages (`RunBusWhole`). -/
theorem run_io {N : Nat} (hrows : CpuRows wins 0 N) (hN : 0 < N)
    (hh : Hypotheses accs bnd) (hinit : ∀ b ∈ bnd, init b.cell = b.init)
    (hwf : WordWrites accs)
    {L : Layout}
    (hallow : ∀ b ∈ bnd, IsWordCell b.cell → ∀ a : Word, a.toNat / 4 = b.cell.2.val →
      L.mapped a = true ∧ (b.cell.1 = 1 → L.writable a = true))
    (h30 : ∀ b ∈ bnd, IsWordCell b.cell → b.cell.2.val < 2 ^ 30)
    (hone : ∀ b ∈ bnd, ∀ b' ∈ bnd, IsWordCell b.cell → IsWordCell b'.cell →
      b.cell.2 = b'.cell.2 → b.cell = b'.cell)
    (hcode : ∀ p ∈ code, p.1.toNat < 2 ^ 30) (hcode4 : ∀ p ∈ code, p.1.toNat % 4 = 0)
    (hprog : ∀ n < N, progMsg ((wins n).cur) ∈ progTable code)
    (hports : ∀ n < N, Ports accs ((wins n).cur))
    (hport3 : ∀ n, n + 1 < N → Port3 accs ((wins n).cur))
    (hrecv : ∀ n < N, (wins n).cur fExec = 1 → Exec.Receives (Exec.Cpu.execMsg ((wins n).cur)))
    (hop : ∀ n, n + 1 < N → ((wins n).cur op).val = 36 →
      ((wins n).cur aLo).val = 64 ∨ ((wins n).cur aLo).val = 63)
    {sent rcvd : List (List BabyBear)} {inp : List Byte}
    (hwj : ∀ n, n + 1 < N → ((wins n).cur op).val = 36 → ((wins n).cur aLo).val = 64 →
      WriteJoin accs sent ((wins n).cur))
    (hrj : ∀ n, n + 1 < N → ((wins n).cur op).val = 36 → ((wins n).cur aLo).val = 63 →
      ReadJoin accs rcvd inp.length ((wins n).cur) ∨ Read3Join accs rcvd ((wins n).cur))
    {out input : List BabyBear} {consumed : Nat}
    (hout : ∀ (pos : Nat) (b : BabyBear), pos < 2013265921 → [9, ((pos : Nat) : BabyBear), b] ∈ sent →
      pos < out.length ∧ b = out.getD pos 0)
    (hinB : ∀ (pos : Nat) (b : BabyBear), pos < 2013265921 →
      [8, ((pos : Nat) : BabyBear), b] ∈ rcvd → pos < consumed ∧ b = input.getD pos 0)
    (hinput : ∀ k, input.getD k 0 = (((inp.getD k 0).toNat : Nat) : BabyBear))
    (hcons : consumed ≤ inp.length) (hinlen : inp.length < 2 ^ 30)
    {priv : List Byte} {pcons : Nat}
    (hprivB : ∀ (pos : Nat) (b : BabyBear), pos < 2013265921 →
      [14, ((pos : Nat) : BabyBear), b] ∈ rcvd →
        pos < pcons ∧ b = (((priv.getD pos 0).toNat : Nat) : BabyBear))
    (hplenB : ∀ x : BabyBear, [15, x] ∈ rcvd → x = ((priv.length : Nat) : BabyBear))
    (hpcons : pcons ≤ priv.length) (hplen30 : priv.length < 2 ^ 30)
    (hlast : ((wins (N - 1)).cur op).val = 36)
    (ha7 : (((wins (N - 1)).cur aLo).val = 93 ∨ ((wins (N - 1)).cur aLo).val = 94) ∧
      ((wins (N - 1)).cur aHi).val = 0)
    (hexit4 : ∀ a ∈ accs, a.ts = 4 * (N - 1) + 1 + 1 + 1 + 1 → a.write = a.read)
    (hafter : ∀ a ∈ accs, a.ts < 4 * N + 1)
    (hfinal : ∃ b ∈ bnd, b.cell = ((3 : BabyBear), (1 : BabyBear)) ∧
      b.final = (((out.length : Nat) : BabyBear), 0))
    (hfinalIn : ∃ b ∈ bnd, b.cell = ((3 : BabyBear), (0 : BabyBear)) ∧
      b.final = (((consumed : Nat) : BabyBear), 0))
    (hfinalPriv : ∃ b ∈ bnd, b.cell = ((3 : BabyBear), (2 : BabyBear)) ∧
      b.final = (((pcons : Nat) : BabyBear), 0))
    (houtlen : out.length ≤ maxOutputLen)
    {lo hi cycles : BabyBear} {xsent xrcvd : List (List BabyBear)}
    (hbal : Zkvm.Air.BusLookups.Balanced xsent xrcvd)
    (honly : ∀ m ∈ xrcvd, m.head? = some 12 → m = [12, lo, hi, cycles])
    (hsent : [12, (wins (N - 1)).cur bLo, (wins (N - 1)).cur bHi, (wins (N - 1)).cur clk + 1] ∈
      xsent)
    {s₀ : State} (h0 : Inv wins accs init bnd code L 0 s₀) (ho0 : OutInv accs init out 0 s₀)
    (hi0 : InInv accs init inp consumed 0 s₀) (hp0 : PrivInv accs init priv pcons 0 s₀) :
    ∃ s, run N s₀ = .ok s ∧ s.exitCode = some (WordLimbs.ofFelts lo hi) ∧
      cycles = ((N : Nat) : BabyBear) ∧
      s.output.map (fun b => ((b.toNat : Nat) : BabyBear)) = out ∧ s.inputPos = consumed ∧
      s.privatePos = pcons := by
  have hsteps : ∀ n, n < N → ∃ s, run n s₀ = .ok s ∧ Inv wins accs init bnd code L n s ∧
      OutInv accs init out n s ∧ InInv accs init inp consumed n s ∧
      PrivInv accs init priv pcons n s := by
    intro n
    induction n with
    | zero => intro _; exact ⟨s₀, rfl, h0, ho0, hi0, hp0⟩
    | succ n ih =>
      intro hn
      obtain ⟨s, hrun, hinv, ho, hin, hpi⟩ := ih (by omega)
      by_cases h36 : ((wins n).cur op).val = 36
      · rcases hop n hn h36 with h64 | h63
        · obtain ⟨s', hstep, hinv', ho', h1, h2, h3⟩ := write_row_inv hrows hh hinit hwf hallow
            hcode hcode4 hn (hprog n (by omega)) (hports n (by omega)) h36 h64 (hwj n hn h36 h64)
            hout houtlen hinv ho
          obtain ⟨p1, p2, p3⟩ := write_keeps_private hrows hh hinit hcode hcode4 hn
            (hprog n (by omega)) (hports n (by omega)) h36 h64 (hwj n hn h36 h64) hinv hstep
          exact ⟨s', run_succ_right n hrun hstep, hinv', ho', inInv_keep hin h1 h2 h3,
            privInv_keep hpi p1 p2 p3⟩
        · rcases hrj n hn h36 h63 with hj0 | hj3
          · obtain ⟨s', hstep, hinv', ho', hin', p1, p2, p3⟩ := read_row_inv hrows hh hinit hwf
              hallow h30 hone hcode hcode4 hn (hprog n (by omega)) (hports n (by omega)) h36 h63
              hj0 hinB hinput hcons hinlen hinv ho hin
            exact ⟨s', run_succ_right n hrun hstep, hinv', ho', hin', privInv_keep hpi p1 p2 p3⟩
          · obtain ⟨s', hstep, hinv', ho', hpi', h1, h2, h3⟩ := read3_row_inv hrows hh hinit hwf
              hallow h30 hone hcode hcode4 hn (hprog n (by omega)) (hports n (by omega)) h36 h63
              hj3 hprivB hplenB hpcons hplen30 hinv ho hpi
            exact ⟨s', run_succ_right n hrun hstep, hinv', ho', inInv_keep hin h1 h2 h3, hpi'⟩
      · obtain ⟨s', hstep, hinv', ⟨h1, -, h5, h6, h7, h8⟩, h3⟩ := row_inv hrows hh hinit hwf
          hallow h30 hone hcode hcode4 hn (hprog n (by omega)) (hprog (n + 1) hn)
          (hports n (by omega)) (hport3 n hn) (hrecv n (by omega)) h36 hinv
        exact ⟨s', run_succ_right n hrun hstep, hinv', outInv_keep ho h1 (h3 _ rfl),
          inInv_keep hin h5 h6 (h3 _ rfl), privInv_keep hpi h7 h8 (h3 _ rfl)⟩
  obtain ⟨s, hrun, hinv, ho, hin, hpi⟩ := hsteps (N - 1) (by omega)
  have hg := hrows.groups (N - 1) (by omega)
  have hclk : ((wins (N - 1)).cur clk).val = N - 1 := by
    rw [hrows.clk (N - 1) (by omega), Nat.zero_add]
  have hfe : (wins (N - 1)).cur fExec = 1 := by
    obtain ⟨i, hruns, -⟩ := Step.step_of_prog code hcode hinv.fetch (hprog (N - 1) (by omega))
      hinv.pc hinv.live
    have hi := ecall_of_op hruns hlast
    subst hi
    exact exec_on (w := wins (N - 1)) hg hruns rfl
      (flagExec_of_range (by dsimp only; decide) (by dsimp only; decide))
  obtain ⟨hstep, hc⟩ := exit_row_step hh hinit hcode hclk (hprog (N - 1) (by omega))
    (hports (N - 1) (by omega)) (hrecv (N - 1) (by omega) hfe) hlast ha7 hbal honly hsent hinv
  -- what the IO cells hold after the run: what they held at the last row
  have hlastIo : ∀ c : Cell, c.1 = 3 → memAt accs init (4 * N + 1) c =
      memAt accs init (4 * (N - 1) + 1) c := by
    intro c hc
    rw [show 4 * N + 1 = 4 * (N - 1) + 1 + 1 + 1 + 1 + 1 by omega,
      memAt_succ_of_reads hh hinit fun a ha _ ht => hexit4 a ha ht]
    have e2 := word_cpu_ticks (init := init) (hports (N - 1) (by omega)) (c := c)
      (by rw [hc]; decide)
    rw [hclk] at e2; exact e2
  have hcapS := ho.len_le
  have hmax : maxOutputLen = 256 * 2 ^ 20 := rfl
  refine ⟨{ s with exitCode := some (WordLimbs.ofFelts lo hi) }, ?_, rfl, ?_, ?_, ?_, ?_⟩
  · have := run_succ_right (N - 1) hrun hstep
    rwa [show N - 1 + 1 = N by omega] at this
  · rw [hc, show N - 1 + 1 = N by omega]
  · show s.output.map _ = out
    obtain ⟨b, hb, hbc, hbf⟩ := hfinal
    have e1 := final_eq_memAt hh hinit hb hafter
    rw [hbc, hbf, hlastIo _ rfl, ho.cursor] at e1
    have hlen : out.length = s.output.length := by
      have := congrArg (fun x : Val => x.1.val) e1
      simp only at this
      rw [Mem.val_cast (by omega), Mem.val_cast (by omega)] at this
      exact this
    apply List.ext_getElem (by rw [List.length_map, hlen])
    intro i h₁ h₂
    have hi : i < s.output.length := by rw [List.length_map] at h₁; exact h₁
    have e := ho.outPrefix i hi
    simp only [List.getD_eq_getElem?_getD, List.getElem?_eq_getElem h₂,
      List.getElem?_eq_getElem hi, Option.getD_some] at e
    rw [List.getElem_map, e]
  · show s.inputPos = consumed
    obtain ⟨b, hb, hbc, hbf⟩ := hfinalIn
    have e1 := final_eq_memAt hh hinit hb hafter
    rw [hbc, hbf, hlastIo _ rfl, hin.cursor] at e1
    have := congrArg (fun x : Val => x.1.val) e1
    simp only at this
    have hp := hin.pos
    rw [Mem.val_cast (by omega), Mem.val_cast (by omega)] at this
    exact this.symm
  · show s.privatePos = pcons
    obtain ⟨b, hb, hbc, hbf⟩ := hfinalPriv
    have e1 := final_eq_memAt hh hinit hb hafter
    rw [hbc, hbf, hlastIo _ rfl, hpi.cursor] at e1
    have := congrArg (fun x : Val => x.1.val) e1
    simp only at this
    have hp := hpi.pos
    rw [Mem.val_cast (by omega), Mem.val_cast (by omega)] at this
    exact this.symm

end Zkvm.Air.V2.Run

end
