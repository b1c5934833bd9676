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
copied written back to a0 (`ecall_read_step`), and, for fd 0, every byte an IO row writes at a
lane it moves is the byte `sysRead` writes at that address (`ecall_read_memory`, through
`Io.read_input`). Not yet: the word each IO row leaves in memory as the byte memory's after the
read (the lanes a row keeps, when two rows share a word), and fd 3's private input.
-/

@[expose] public section

noncomputable section

namespace Zkvm.Air.V2.Step

open Zkvm.Field Zkvm.RiscV Zkvm.Air.Table Zkvm.Air.V2.Cpu Zkvm.Air.V2.Cpu.Col

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
  have hex : rs Syscall.Col.fExit = 1 := by
    have hr := hgs.num_read
    have hw := hgs.num_write
    rcases Syscall.bool_cases hgs.bool_read with h1 | h1
    · rcases Syscall.bool_cases hgs.bool_write with h2 | h2
      · have := hreal; unfold Syscall.real at this; rw [h1, h2] at this; grind
      · rw [h2, Lean.Grind.Semiring.one_mul] at hw
        have e : rs Syscall.Col.aLo = 64 := eq_of_sub_eq_zero hw
        rw [e] at hlo17; exfalso; revert hlo17; decide
    · rw [h1, Lean.Grind.Semiring.one_mul] at hr
      have e : rs Syscall.Col.aLo = 63 := eq_of_sub_eq_zero hr
      rw [e] at hlo17; exfalso; revert hlo17; decide
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
  have hwr : rs Syscall.Col.fWrite = 1 := by
    have hr := hgs.num_read
    have hx := hgs.num_exit
    rcases Syscall.bool_cases hgs.bool_read with h1 | h1
    · rcases Syscall.bool_cases hgs.bool_exit with h3 | h3
      · have := hrs; unfold Syscall.real at this; rw [h1, h3] at this; grind
      · rw [h3, Lean.Grind.Semiring.one_mul] at hx
        have e : rs Syscall.Col.aLo = 64 := by
          rw [← Felt.natCast_val (rs Syscall.Col.aLo), hlo64]; rfl
        rw [e] at hx; exfalso; revert hx; decide
    · rw [h1, Lean.Grind.Semiring.one_mul] at hr
      have e : rs Syscall.Col.aLo = 63 := eq_of_sub_eq_zero hr
      rw [e] at hlo64; exfalso; revert hlo64; decide
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
      (r Io.Col.wa).val < 2 ^ 28 ∧ (r Io.Col.base).val < 2 ^ 30)
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
  have hrd : rs Syscall.Col.fRead = 1 := by
    have hwr := hgs.num_write
    have hx := hgs.num_exit
    rcases Syscall.bool_cases hgs.bool_read with h1 | h1
    · rcases Syscall.bool_cases hgs.bool_write with h2 | h2
      · rcases Syscall.bool_cases hgs.bool_exit with h3 | h3
        · have := hrs; unfold Syscall.real at this; rw [h1, h2, h3] at this; grind
        · rw [h3, Lean.Grind.Semiring.one_mul, e63] at hx; exfalso; revert hx; decide
      · rw [h2, Lean.Grind.Semiring.one_mul, e63] at hwr; exfalso; revert hwr; decide
    · exact h1
  have hi : Syscall.Inputs rs := ⟨a0, a1, b0, b1, by rw [hbuf.1]; exact Word.lo_lt _,
    by rw [hbuf.2]; exact Word.hi_lt _, by rw [hlen.1]; exact Word.lo_lt _,
    by rw [hlen.2]; exact Word.hi_lt _⟩
  obtain ⟨hstep, hfd, hcount⟩ := Syscall.read_step hgs hls hi hrd ha hb
    (word_of_vals hbuf.1 hbuf.2).symm (word_of_vals hlen.1 hlen.2).symm hpos hlim hend
  exact ⟨hstep, hfd, hrd, by rw [hc, hcount]⟩

/-- **Read ECALL of fd 0, memory**: with the IO rows of the ECALL (kind 1) balanced against the
SYSCALL row's IO messages (buf, cur) and (buf + c, cur + c), the statement the only sender of
INPUT and the statement's input the semantics' input bytes: every byte an IO row writes at a lane
it moves is the byte the semantics' read writes at that address (`State.writeBytes` of the input's
next c bytes at buf). -/
theorem ecall_read_memory (rows : List (Row BabyBear))
    (hrows : ∀ r ∈ rows, Io.Groups r ∧ Io.real r = 1 ∧ r Io.Col.kRead = 1 ∧
      (r Io.Col.wa).val < 2 ^ 28 ∧ (r Io.Col.base).val < 2 ^ 30)
    (c : Nat) (hc : c = ((s.input.drop s.inputPos).take (s.reg 12).toNat).length) (hc30 : c < 2 ^ 30)
    (hbal : (((s.reg 11).toNat, s.inputPos) :: rows.map (fun r => (Io.linkOf r).stop)).Perm
      (((s.reg 11).toNat + c, s.inputPos + c) :: rows.map (fun r => (Io.linkOf r).start)))
    (rcvd : List (List BabyBear))
    (hrecv : ∀ r ∈ rows, ∀ j ∈ Io.lanes, Io.moved r j = 1 →
      [8, r Io.Col.base + ((j : Nat) : BabyBear), r (Io.Col.n0 + j)] ∈ rcvd)
    (input : List BabyBear)
    (hin : ∀ (pos : Nat) (b : BabyBear), pos < 2013265921 →
      [8, ((pos : Nat) : BabyBear), b] ∈ rcvd → b = input.getD pos 0)
    (hinput : ∀ k, input.getD k 0 = (((s.input.getD k 0).toNat : Nat) : BabyBear)) :
    ∀ r ∈ rows, ∀ j ∈ Io.lanes, Io.moved r j = 1 →
      r (Io.Col.n0 + j) = Io.memByte (s.writeBytes (s.reg 11)
        ((s.input.drop s.inputPos).take (s.reg 12).toNat)) (4 * (r Io.Col.wa).val + j) := by
  intro r hr j hj hmv
  obtain ⟨hlo, hhi, hv⟩ := Io.read_input rows hrows _ _ c hbal rcvd hrecv input hin r hr j hj hmv
  rw [hv, hinput]
  have hbl := (s.reg 11).isLt
  have hlen : ((s.input.drop s.inputPos).take (s.reg 12).toNat).length < 2 ^ 32 - 1 := by
    rw [← hc]; omega
  unfold Io.memByte
  simp only [State.writeBytes]
  rw [ByteMemory.writeMem_apply _ _ _ _ hlen]
  have hwa := (hrows r hr).2.2.2.1
  have hj3 : j ≤ 3 := by have := Io.mem_lanes.mp hj; omega
  have hd : (BitVec.ofNat 32 (4 * (r Io.Col.wa).val + j) - s.reg 11).toNat =
      4 * (r Io.Col.wa).val + j - (s.reg 11).toNat := by
    simp only [BitVec.toNat_sub, BitVec.toNat_ofNat]
    omega
  have hk : 4 * (r Io.Col.wa).val + j - (s.reg 11).toNat < c := by omega
  rw [hd, if_pos (by rw [← hc]; exact hk)]
  have hg : ((s.input.drop s.inputPos).take (s.reg 12).toNat).getD
      (4 * (r Io.Col.wa).val + j - (s.reg 11).toNat) 0 =
      s.input.getD (s.inputPos + (4 * (r Io.Col.wa).val + j - (s.reg 11).toNat)) 0 := by
    have hk' : 4 * (r Io.Col.wa).val + j - (s.reg 11).toNat < (s.reg 12).toNat := by
      rw [hc, List.length_take] at hk; omega
    rw [List.getD_eq_getElem?_getD, List.getD_eq_getElem?_getD, List.getElem?_take,
      if_pos hk', List.getElem?_drop]
  rw [hg]

end Zkvm.Air.V2.Step

end
