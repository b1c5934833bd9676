module

public import Zkvm.Air.V2.StepMem
public import Zkvm.Air.V2.SyscallSound
public import Zkvm.Air.V2.IoBytes

/-!
# The whole step of an exit ECALL

ECALL's request (op 36) goes to the SYSCALL table (`syscall_receiver`). When a7 is 93 or 94
(exit, exit_group), the SYSCALL row that receives it is an exit row (a read or write row checks
a7 = 63 or 64), which proves that c = a0: the CPU writes a0 back unchanged, and the semantics
halts with exit code a0 (`ecall_exit_step`). Together with `BusLookups.exit_sound` (the
statement's exit is a halting row's EXIT(a0, cycles)) this ties the claimed exit code to the
semantics' exit. A write (a7 = 64) gives the semantics' `sysWrite` with the CPU writing len
back to a0 (`ecall_write_step`), and, for fd 1, the bytes it appends to the output are the
statement's output from the cursor on (`ecall_write_output`, through the IO rows:
`Io.write_output`). A read (a7 = 63) gives the semantics' `sysRead` with the number of bytes
copied written back to a0 (`ecall_read_step`), and after it each IO row's new word is the byte
memory's at its address, every other word unchanged (`ecall_read_memory`: the moved lanes hold
the input's bytes, `Io.read_input`; the kept lanes lie outside the buffer because the rows of
one ECALL have distinct words). And the statement's claimed exit, sent by the halting row, is the
semantics' exit code (`claimed_exit`).
-/

@[expose] public section

noncomputable section

namespace Zkvm.Air.V2.Step

open Zkvm.Field Zkvm.RiscV Zkvm.Air.Table Zkvm.Air.V2.Cpu Zkvm.Air.V2.Cpu.Col
open Zkvm.Air.V2.Exec (felt)

/-- **ECALL goes to SYSCALL**: a received request with op 36 is a real SYSCALL row's. -/
theorem syscall_receiver {m : Exec.Msg} (h : Exec.Receives m) (hop : m.op.val = 36) :
    ∃ rs pub, Syscall.Groups rs pub ∧ Syscall.Lookups rs ∧ Syscall.real rs = 1 ∧
      m = Exec.Syscall.execMsg rs := by
  cases h with
  | alu r hg hl hreal he =>
    subst he; simp only [Exec.Alu.execMsg] at hop; exfalso; alu_omega hg hreal
  | logic r hg hl hreal he =>
    subst he; simp only [Exec.Logic.execMsg] at hop; exfalso; logic_omega hg hreal
  | mul r hg hl hreal he =>
    subst he; simp only [Exec.Mul.execMsg] at hop; exfalso; mul_omega hg hreal
  | div r hg hl hreal he =>
    subst he; simp only [Exec.Div.execMsg] at hop; exfalso; div_omega hg hreal
  | mem r hg hl hreal he =>
    subst he; simp only [Exec.Mem.execMsg] at hop; exfalso; mem_omega hg hreal
  | syscall r pub hg hl hreal he => exact ⟨r, pub, hg, hl, hreal, he⟩

/-- A real SYSCALL row has exactly one kind. -/
theorem syscall_flags {rs pub : Row BabyBear} (hgs : Syscall.Groups rs pub)
    (hreal : Syscall.real rs = 1) :
    (rs Syscall.Col.fRead = 1 ∧ rs Syscall.Col.fWrite = 0 ∧ rs Syscall.Col.fExit = 0) ∨
    (rs Syscall.Col.fRead = 0 ∧ rs Syscall.Col.fWrite = 1 ∧ rs Syscall.Col.fExit = 0) ∨
    (rs Syscall.Col.fRead = 0 ∧ rs Syscall.Col.fWrite = 0 ∧ rs Syscall.Col.fExit = 1) := by
  unfold Syscall.real at hreal
  rcases Syscall.bool_cases hgs.bool_read with h1 | h1 <;>
    rcases Syscall.bool_cases hgs.bool_write with h2 | h2 <;>
    rcases Syscall.bool_cases hgs.bool_exit with h3 | h3 <;>
    rw [h1, h2, h3] at hreal ⊢ <;> first | (exfalso; revert hreal; decide) | simp

/-- **The kind a7 names**: on a real SYSCALL row, a7's low limb 63 makes it a read, 64 a write,
93 or 94 an exit (each kind checks its number). -/
theorem syscall_kind {rs pub : Row BabyBear} (hgs : Syscall.Groups rs pub)
    (hreal : Syscall.real rs = 1) :
    (rs Syscall.Col.aLo = 63 → rs Syscall.Col.fRead = 1) ∧
    (rs Syscall.Col.aLo = 64 → rs Syscall.Col.fWrite = 1) ∧
    (rs Syscall.Col.aLo = 93 ∨ rs Syscall.Col.aLo = 94 → rs Syscall.Col.fExit = 1) := by
  have n63 : (64 : BabyBear) ≠ 63 ∧ (93 : BabyBear) ≠ 63 ∧ (94 : BabyBear) ≠ 63 := by decide
  have n64 : (63 : BabyBear) ≠ 64 ∧ (93 : BabyBear) ≠ 64 ∧ (94 : BabyBear) ≠ 64 := by decide
  have n93 : (63 - 93) * (63 - 94) ≠ (0 : BabyBear) ∧ (64 - 93) * (64 - 94) ≠ (0 : BabyBear) := by
    decide
  rcases syscall_flags hgs hreal with ⟨h1, h2, h3⟩ | ⟨h1, h2, h3⟩ | ⟨h1, h2, h3⟩
  · have hr := hgs.num_read
    rw [h1, Lean.Grind.Semiring.one_mul] at hr
    have a : rs Syscall.Col.aLo = 63 := eq_of_sub_eq_zero hr
    refine ⟨fun _ => h1, fun e => ?_, fun e => ?_⟩
    · rw [e] at a; exact absurd a n63.1
    · rcases e with e | e <;> rw [e] at a
      · exact absurd a n63.2.1
      · exact absurd a n63.2.2
  · have hw := hgs.num_write
    rw [h2, Lean.Grind.Semiring.one_mul] at hw
    have a : rs Syscall.Col.aLo = 64 := eq_of_sub_eq_zero hw
    refine ⟨fun e => ?_, fun _ => h2, fun e => ?_⟩
    · rw [e] at a; exact absurd a n64.1
    · rcases e with e | e <;> rw [e] at a
      · exact absurd a n64.2.1
      · exact absurd a n64.2.2
  · have hx := hgs.num_exit
    rw [h3, Lean.Grind.Semiring.one_mul] at hx
    refine ⟨fun e => ?_, fun e => ?_, fun _ => h3⟩
    · rw [e] at hx; exact absurd hx n93.1
    · rw [e] at hx; exact absurd hx n93.2

variable {w : Window BabyBear} {s : State}

/-- The common part of an ECALL row: its request goes to a SYSCALL row `rs` whose a and b are
a7 and a0 (16-bit limbs). -/
theorem ecall_operands (hruns : Runs w.cur s.pc .ecall) (hreads : Reads w.cur s)
    {rs : Row BabyBear} (he : Exec.Cpu.execMsg w.cur = Exec.Syscall.execMsg rs) :
    (rs Syscall.Col.aLo).val < 2 ^ 16 ∧ (rs Syscall.Col.aHi).val < 2 ^ 16 ∧
      (rs Syscall.Col.bLo).val < 2 ^ 16 ∧ (rs Syscall.Col.bHi).val < 2 ^ 16 ∧
      s.reg 17 = Syscall.aWord rs ∧ s.reg 10 = Syscall.bWord rs ∧
      cWord w.cur = Syscall.cWord rs := by
  obtain ⟨row, hrow, hp⟩ := hruns
  simp only [Spec.programRow, Option.some.injEq] at hrow
  subst hrow
  obtain ⟨-, -, hrs1, hrs2, -, hlo, hhi, -, -, -, -⟩ := prog_fields hp
  dsimp only at hrs1 hrs2 hlo hhi
  rw [if_pos rfl] at hrs1
  have e17 : felt 17 = felt (Spec.reg 17) := rfl
  have e10 : felt 10 = felt (Spec.reg 10) := rfl
  rw [e17] at hrs1
  rw [e10] at hrs2
  obtain ⟨hb, ha, hbw⟩ := operands hreads hrs1 hrs2 hlo hhi
  rw [he] at hb ha hbw
  refine ⟨hb.a_lo, hb.a_hi, hb.b_lo, hb.b_hi, ha.symm, hbw.symm, ?_⟩
  show (Exec.Cpu.execMsg w.cur).c = _; rw [he]; rfl

/-- **Exit ECALL**: a CPU row running ECALL in a state whose a7 is 93 or 94, joined with the
SYSCALL row that receives its request, writes a0 back unchanged, and the semantics halts with
exit code a0. -/
theorem ecall_exit_step (hruns : Runs w.cur s.pc .ecall) (hreads : Reads w.cur s)
    (hrecv : Exec.Receives (Exec.Cpu.execMsg w.cur))
    (h93 : (s.reg 17).toNat = 93 ∨ (s.reg 17).toNat = 94) :
    execute s .ecall = .ok { s with exitCode := some (s.reg 10) } ∧ cWord w.cur = s.reg 10 := by
  have hv : (Exec.Cpu.execMsg w.cur).op.val = 36 := by
    obtain ⟨row, hrow, hp⟩ := hruns
    simp only [Spec.programRow, Option.some.injEq] at hrow
    subst hrow
    obtain ⟨-, hop, -⟩ := prog_fields hp
    simp only [Spec.execOp, if_neg (by decide : ¬ (0 : UInt32) = 1)] at hop
    show (w.cur op).val = 36; rw [hop]; rfl
  obtain ⟨rs, pub, hgs, -, hreal, he⟩ := syscall_receiver hrecv hv
  obtain ⟨a0, a1, -, -, ha', hb', hcw⟩ := ecall_operands hruns hreads he
  -- the row is an exit row: a read or a write row checks a7 = 63 or 64
  have hw : (s.reg 17).toNat = (rs Syscall.Col.aLo).val + 2 ^ 16 * (rs Syscall.Col.aHi).val := by
    rw [ha']; exact WordLimbs.toNat_ofFelts a0 a1
  have hlo17 : (rs Syscall.Col.aLo).val = 93 ∨ (rs Syscall.Col.aLo).val = 94 := by omega
  have hex : rs Syscall.Col.fExit = 1 := (syscall_kind hgs hreal).2.2 (by
    rcases hlo17 with h | h
    · left; rw [← Felt.natCast_val (rs Syscall.Col.aLo), h]; rfl
    · right; rw [← Felt.natCast_val (rs Syscall.Col.aLo), h]; rfl)
  obtain ⟨hstep, hc⟩ := Syscall.exit_step hgs a0 a1 hex ha' hb'
  exact ⟨hstep, by rw [hcw, hc]⟩

/-- **Write ECALL, registers**: a CPU row running ECALL in a state whose a7 is 64, joined with
the SYSCALL row `rs` that receives its request and reads a1 (buf) and a2 (len) there, gives the
semantics' `sysWrite` of fd a0 ∈ {1, 2}, and the CPU writes len to a0 as `sysWrite` does. -/
theorem ecall_write_step (hruns : Runs w.cur s.pc .ecall) (hreads : Reads w.cur s)
    (h64 : (s.reg 17).toNat = 64)
    {rs pub : Row BabyBear} (hgs : Syscall.Groups rs pub) (hls : Syscall.Lookups rs)
    (hrs : Syscall.real rs = 1) (he : Exec.Cpu.execMsg w.cur = Exec.Syscall.execMsg rs)
    (hbuf : (rs Syscall.Col.bufLo).val = (s.reg 11).lo ∧ (rs Syscall.Col.bufHi).val = (s.reg 11).hi)
    (hlen : (rs Syscall.Col.lenLo).val = (s.reg 12).lo ∧ (rs Syscall.Col.lenHi).val = (s.reg 12).hi) :
    execute s .ecall = sysWrite s (s.reg 10) (s.reg 11) (s.reg 12) ∧
      (s.reg 10 = 1 ∨ s.reg 10 = 2) ∧ cWord w.cur = s.reg 12 ∧ rs Syscall.Col.fWrite = 1 := by
  obtain ⟨a0, a1, b0, b1, ha, hb, hc⟩ := ecall_operands hruns hreads he
  have hw : (s.reg 17).toNat = (rs Syscall.Col.aLo).val + 2 ^ 16 * (rs Syscall.Col.aHi).val := by
    rw [ha]; exact WordLimbs.toNat_ofFelts a0 a1
  have hlo64 : (rs Syscall.Col.aLo).val = 64 := by omega
  have hwr : rs Syscall.Col.fWrite = 1 := (syscall_kind hgs hrs).2.1 (by
    rw [← Felt.natCast_val (rs Syscall.Col.aLo), hlo64]; rfl)
  have hi : Syscall.Inputs rs := ⟨a0, a1, b0, b1, by rw [hbuf.1]; exact Word.lo_lt _,
    by rw [hbuf.2]; exact Word.hi_lt _, by rw [hlen.1]; exact Word.lo_lt _,
    by rw [hlen.2]; exact Word.hi_lt _⟩
  obtain ⟨hstep, hfd, hcl⟩ := Syscall.write_step hgs hls hi hwr ha hb
    (word_of_vals hbuf.1 hbuf.2).symm (word_of_vals hlen.1 hlen.2).symm
  exact ⟨hstep, hfd, by rw [hc, hcl], hwr⟩

theorem getD_readBytes (s : State) (buf : Word) (n i : Nat) (hi : i < n) :
    (s.readBytes buf n).getD i 0 = s.mem (buf + BitVec.ofNat 32 i) := by
  simp [State.readBytes, List.getD_eq_getElem?_getD, hi]

/-- **Write ECALL to fd 1, output**: with the IO rows of the ECALL (kind 2: fd 1) balanced
against the SYSCALL row's IO messages (buf, cur) and (buf + len, cur + len), each reading the
byte memory's word, and the statement the only receiver of OUTPUT, the bytes `sysWrite` appends
to the output are the statement's output from the SYSCALL row's cursor on. -/
theorem ecall_write_output (rows : List (Row BabyBear))
    (hrows : ∀ r ∈ rows, Io.Groups r ∧ Io.real r = 1 ∧ r Io.Col.kWrite1 = 1 ∧
      (r Io.Col.wa).val < 2 ^ 28 ∧ Io.firstPos r < 2 ^ 30)
    (hmem : ∀ r ∈ rows, ∀ j ∈ Io.lanes, r (Io.Col.u0 + j) = Io.memByte s (4 * (r Io.Col.wa).val + j))
    (cur : Nat)
    (hbal : (((s.reg 11).toNat, cur) :: rows.map (fun r => (Io.linkOf r).stop)).Perm
      (((s.reg 11).toNat + (s.reg 12).toNat, cur + (s.reg 12).toNat) ::
        rows.map (fun r => (Io.linkOf r).start)))
    (sent : List (List BabyBear))
    (hsent : ∀ r ∈ rows, ∀ j ∈ Io.lanes, Io.moved r j = 1 →
      [9, r Io.Col.base + ((j : Nat) : BabyBear), r (Io.Col.n0 + j)] ∈ sent)
    (output : List BabyBear)
    (hout : ∀ (pos : Nat) (b : BabyBear), pos < 2013265921 →
      [9, ((pos : Nat) : BabyBear), b] ∈ sent → b = output.getD pos 0) :
    ∀ i, i < (s.reg 12).toNat → output.getD (cur + i) 0 =
      ((((s.readBytes (s.reg 11) (s.reg 12).toNat).getD i 0).toNat : Nat) : BabyBear) := by
  intro i hi
  rw [Io.write_output rows hrows s hmem _ cur _ hbal sent hsent output hout i hi,
    getD_readBytes s _ _ _ hi, Io.memByte]
  congr 3
  apply BitVec.eq_of_toNat_eq
  simp only [BitVec.toNat_ofNat, BitVec.toNat_add]
  omega

/-- **Read ECALL, registers**: a CPU row running ECALL in a state whose a7 is 63, joined with the
SYSCALL row `rs` that receives its request and reads a1 (buf) and a2 (len), whose cursor is the
semantics' position in the input read (fd 0: the input, fd 3: the private input) and whose limit
is that input's length, with the read ending within it: the semantics' `sysRead` of fd a0 ∈ {0, 3},
and the CPU writes back to a0 the number of bytes `sysRead` copies. -/
theorem ecall_read_step (hruns : Runs w.cur s.pc .ecall) (hreads : Reads w.cur s)
    (h63 : (s.reg 17).toNat = 63)
    {rs pub : Row BabyBear} (hgs : Syscall.Groups rs pub) (hls : Syscall.Lookups rs)
    (hrs : Syscall.real rs = 1) (he : Exec.Cpu.execMsg w.cur = Exec.Syscall.execMsg rs)
    (hbuf : (rs Syscall.Col.bufLo).val = (s.reg 11).lo ∧ (rs Syscall.Col.bufHi).val = (s.reg 11).hi)
    (hlen : (rs Syscall.Col.lenLo).val = (s.reg 12).lo ∧ (rs Syscall.Col.lenHi).val = (s.reg 12).hi)
    (hpos : (rs Syscall.Col.cur).val = if rs Syscall.Col.fd3 = 0 then s.inputPos else s.privatePos)
    (hlim : (rs Syscall.Col.lim).val =
      if rs Syscall.Col.fd3 = 0 then s.input.length else s.privateInput.length)
    (hend : (rs Syscall.Col.cur).val + (Syscall.cWord rs).toNat ≤ (rs Syscall.Col.lim).val) :
    execute s .ecall = sysRead s (s.reg 10) (s.reg 11) (s.reg 12) ∧
      (s.reg 10 = 0 ∨ s.reg 10 = 3) ∧ rs Syscall.Col.fRead = 1 ∧
      (cWord w.cur).toNat = ((if rs Syscall.Col.fd3 = 0 then s.input.drop s.inputPos
        else s.privateInput.drop s.privatePos).take (s.reg 12).toNat).length := by
  obtain ⟨a0, a1, b0, b1, ha, hb, hc⟩ := ecall_operands hruns hreads he
  have hw : (s.reg 17).toNat = (rs Syscall.Col.aLo).val + 2 ^ 16 * (rs Syscall.Col.aHi).val := by
    rw [ha]; exact WordLimbs.toNat_ofFelts a0 a1
  have hlo63 : (rs Syscall.Col.aLo).val = 63 := by omega
  have e63 : rs Syscall.Col.aLo = 63 := by
    rw [← Felt.natCast_val (rs Syscall.Col.aLo), hlo63]; rfl
  have hrd : rs Syscall.Col.fRead = 1 := (syscall_kind hgs hrs).1 e63
  have hi : Syscall.Inputs rs := ⟨a0, a1, b0, b1, by rw [hbuf.1]; exact Word.lo_lt _,
    by rw [hbuf.2]; exact Word.hi_lt _, by rw [hlen.1]; exact Word.lo_lt _,
    by rw [hlen.2]; exact Word.hi_lt _⟩
  obtain ⟨hstep, hfd, hcount⟩ := Syscall.read_step hgs hls hi hrd ha hb
    (word_of_vals hbuf.1 hbuf.2).symm (word_of_vals hlen.1 hlen.2).symm hpos hlim hend
  exact ⟨hstep, hfd, hrd, by rw [hc, hcount]⟩

/-- The byte at `x` after a read wrote `bytes` at `buf`: outside [buf, buf + |bytes|) it is the
old one. -/
theorem read_keeps_outside (s : State) (buf : Word) (bytes : List Byte) (x : Nat) (hx : x < 2 ^ 32)
    (hsmall : buf.toNat + bytes.length < 2 ^ 32) (hlen : bytes.length < 2 ^ 30)
    (hout : ¬ (buf.toNat ≤ x ∧ x < buf.toNat + bytes.length)) :
    Io.memByte (s.writeBytes buf bytes) x = Io.memByte s x := by
  unfold Io.memByte
  simp only [State.writeBytes]
  rw [ByteMemory.writeMem_apply _ _ _ _ (by omega)]
  have hd : (BitVec.ofNat 32 x - buf).toNat = (2 ^ 32 - buf.toNat + x) % 2 ^ 32 := by
    simp only [BitVec.toNat_sub, BitVec.toNat_ofNat]
    omega
  rw [hd, if_neg (by omega)]

/-- **Read ECALL, memory**: the IO rows of the ECALL (reads: kind 1 for fd 0 with INPUT, kind 4
for fd 3 with PRIV), balanced against the SYSCALL row's IO messages (buf, pos) and
(buf + c, pos + c), each reading the byte memory's word at a word address no other row of the
ECALL has (the memory argument's distinct timestamps: they all access port 3 of one clk), with
the statement (or the PRIVATE table) the only sender of the bytes and its bytes the semantics'
input `inp`: after the semantics writes the input's next c bytes at buf, each row's new word is
the memory's at its address, and every word no row has is unchanged. -/
theorem ecall_read_memory (rows : List (Row BabyBear))
    (hrows : ∀ r ∈ rows, Io.Groups r ∧ Io.real r = 1 ∧ Io.reads r = 1 ∧
      (r Io.Col.wa).val < 2 ^ 28 ∧ Io.firstPos r < 2 ^ 30)
    (hdist : ∀ r ∈ rows, ∀ r' ∈ rows, (r Io.Col.wa).val = (r' Io.Col.wa).val → r = r')
    (hmem : ∀ r ∈ rows, ∀ j ∈ Io.lanes,
      r (Io.Col.u0 + j) = Io.memByte s (4 * (r Io.Col.wa).val + j))
    (inp : List Byte) (pos c : Nat) (hc : c = ((inp.drop pos).take (s.reg 12).toNat).length)
    (hc30 : c < 2 ^ 30) (hsmall : (s.reg 11).toNat + c < 2 ^ 32)
    (hbal : (((s.reg 11).toNat, pos) :: rows.map (fun r => (Io.linkOf r).stop)).Perm
      (((s.reg 11).toNat + c, pos + c) :: rows.map (fun r => (Io.linkOf r).start)))
    (tag : BabyBear) (rcvd : List (List BabyBear))
    (hrecv : ∀ r ∈ rows, ∀ j ∈ Io.lanes, Io.moved r j = 1 →
      [tag, r Io.Col.base + ((j : Nat) : BabyBear), r (Io.Col.n0 + j)] ∈ rcvd)
    (input : List BabyBear)
    (hin : ∀ (p : Nat) (b : BabyBear), p < 2013265921 →
      [tag, ((p : Nat) : BabyBear), b] ∈ rcvd → b = input.getD p 0)
    (hinput : ∀ k, input.getD k 0 = (((inp.getD k 0).toNat : Nat) : BabyBear)) :
    (∀ r ∈ rows, ∀ j ∈ Io.lanes, r (Io.Col.n0 + j) =
      Io.memByte (s.writeBytes (s.reg 11) ((inp.drop pos).take (s.reg 12).toNat))
        (4 * (r Io.Col.wa).val + j)) ∧
    (∀ x, x < 2 ^ 32 → (∀ r ∈ rows, x / 4 ≠ (r Io.Col.wa).val) →
      Io.memByte (s.writeBytes (s.reg 11) ((inp.drop pos).take (s.reg 12).toNat)) x =
        Io.memByte s x) := by
  have hrows' : ∀ r ∈ rows, Io.Groups r ∧ Io.real r = 1 ∧ (r Io.Col.wa).val < 2 ^ 28 ∧
      Io.firstPos r < 2 ^ 30 :=
    fun r hr => have h := hrows r hr; ⟨h.1, h.2.1, h.2.2.2.1, h.2.2.2.2⟩
  have hcov := Io.ecall_rows_cover rows hrows' _ _ c hbal
  have hlen : ((inp.drop pos).take (s.reg 12).toNat).length = c := hc.symm
  -- an address of the buffer lies in the word of the row that moves it
  have hin_buf : ∀ x, (s.reg 11).toNat ≤ x → x < (s.reg 11).toNat + c →
      ∃ r ∈ rows, ∃ j, j ≤ 3 ∧ Io.moved r j = 1 ∧ 4 * (r Io.Col.wa).val + j = x := by
    intro x h1 h2
    obtain ⟨r, hr, j, hj, hm, hx, -⟩ := Io.covering_row rows hrows' hcov
      (i := x - (s.reg 11).toNat) (by omega)
    exact ⟨r, hr, j, hj, hm, by omega⟩
  refine ⟨?_, ?_⟩
  · intro r hr j hj
    obtain ⟨hg, hreal, hrd, hwa, hfp⟩ := hrows r hr
    have hj3 : j ≤ 3 := by have := Io.mem_lanes.mp hj; omega
    obtain ⟨f, e, -, -, -, -, hm⟩ := Io.lanes_sound hg hreal
    by_cases hfe : f ≤ j ∧ j ≤ e
    · have hmv : Io.moved r j = 1 := by rw [hm j hj, Io.movedOf, if_pos hfe]
      obtain ⟨hlo, hhi, hv⟩ := Io.read_input rows hrows' _ _ c hbal tag rcvd hrecv input hin
        r hr j hj hmv
      rw [hv, hinput]
      unfold Io.memByte
      simp only [State.writeBytes]
      rw [ByteMemory.writeMem_apply _ _ _ _ (by omega)]
      have hd : (BitVec.ofNat 32 (4 * (r Io.Col.wa).val + j) - s.reg 11).toNat =
          4 * (r Io.Col.wa).val + j - (s.reg 11).toNat := by
        simp only [BitVec.toNat_sub, BitVec.toNat_ofNat]
        omega
      rw [hd, if_pos (by omega)]
      have hk' : 4 * (r Io.Col.wa).val + j - (s.reg 11).toNat < (s.reg 12).toNat := by
        rw [hc, List.length_take] at hhi; omega
      rw [List.getD_eq_getElem?_getD, List.getD_eq_getElem?_getD, List.getElem?_take,
        if_pos hk', List.getElem?_drop]
    · have hmv : Io.moved r j = 0 := by rw [hm j hj, Io.movedOf, if_neg hfe]
      rw [(Io.read_keeps hg hrd).2 j hj hmv, hmem r hr j hj]
      refine (read_keeps_outside s _ _ _ (by omega) (by omega) (by omega) ?_).symm
      rw [hlen]
      intro hx
      obtain ⟨r', hr', j', hj', hm', hx'⟩ := hin_buf _ hx.1 hx.2
      have hw : (r Io.Col.wa).val = (r' Io.Col.wa).val := by omega
      have := hdist r hr r' hr' hw
      subst this
      have : j' = j := by omega
      subst this
      rw [hmv] at hm'; exfalso; revert hm'; decide
  · intro x hx hnot
    refine read_keeps_outside s _ _ _ hx (by omega) (by omega) ?_
    rw [hlen]
    intro hxb
    obtain ⟨r, hr, j, hj, -, hxr⟩ := hin_buf _ hxb.1 hxb.2
    exact hnot r hr (by omega)

/-- The EXIT message a halting CPU row sends: its b limbs (a0) and clk + 1 (the cycle count). -/
theorem exit_fraction (r : Row BabyBear) :
    (fractions r)[15]? = some ⟨r halt, [tagExit, r bLo, r bHi, r clk + 1]⟩ := rfl

/-- **The claimed exit is the semantics' exit**: when the bus balances, the statement's
EXIT(lo, hi, cycles) is the only one received, and the halting CPU row — an exit ECALL joined with
its SYSCALL row — sends its EXIT message, the semantics halts with exit code `lo + 2^16 hi` (a0)
and the cycle count is that row's clk + 1. -/
theorem claimed_exit (hruns : Runs w.cur s.pc .ecall) (hreads : Reads w.cur s)
    (hrecv : Exec.Receives (Exec.Cpu.execMsg w.cur))
    (h93 : (s.reg 17).toNat = 93 ∨ (s.reg 17).toNat = 94)
    {lo hi cycles : BabyBear} {sent rcvd : List (List BabyBear)}
    (hbal : Zkvm.Air.BusLookups.Balanced sent rcvd)
    (honly : ∀ m ∈ rcvd, m.head? = some 12 → m = [12, lo, hi, cycles])
    (hsent : [12, w.cur bLo, w.cur bHi, w.cur clk + 1] ∈ sent) :
    execute s .ecall = .ok { s with exitCode := some (WordLimbs.ofFelts lo hi) } ∧
      cycles = w.cur clk + 1 := by
  have hm := honly _ (Zkvm.Air.BusLookups.mem_rcvd hbal hsent) rfl
  simp only [List.cons.injEq, and_true, true_and] at hm
  obtain ⟨hl, hh, hc⟩ := hm
  obtain ⟨hstep, -⟩ := ecall_exit_step hruns hreads hrecv h93
  obtain ⟨row, hrow, hp⟩ := hruns
  simp only [Spec.programRow, Option.some.injEq] at hrow
  subst hrow
  obtain ⟨-, -, -, hrs2, -⟩ := prog_fields hp
  dsimp only at hrs2
  obtain ⟨b0, b1⟩ := hreads.b 10 (by rw [hrs2]; rfl)
  have hb : WordLimbs.ofFelts lo hi = s.reg 10 := by rw [← hl, ← hh]; exact word_of_vals b0 b1
  exact ⟨by rw [hb]; exact hstep, hc.symm⟩

end Zkvm.Air.V2.Step

end
