module

public import Zkvm.Air.V2.RunStep
public import Zkvm.Air.V2.RunMem
public import Zkvm.Air.V2.ProgLookup
public import Zkvm.Air.V2.StepMem
public import Zkvm.Air.V2.StepEcall

/-!
# The whole run, by induction over the CPU rows

The CPU rows of a run, 0 … N − 1 from clk 0 (`CpuRows`: windows meeting the CPU groups, each
next pc the next row's pc; from one segment's table or from joined segments, `RunSegments`), the
last one halting. By induction on the row, the machine state the semantics reaches after n steps
is the one row n describes (`Inv`): its pc is the row's, it has not exited, it fetches the program's
words, its layout is the run's, and memory at the row's time 4n + 1 holds its registers
(`RegsIn`) and its byte memory (`MemIn`) — the memory argument in its time view. A row steps
the invariant (`row_inv`, for every instruction but ECALL): the PROG lookup ties the row to the
semantics' `step` (`row_fetch`); the whole step gives the state after it (`reg_row_step`, `load_row`,
`store_row`); the memory argument the registers and words after it (`regs_next`, `memIn_keep`);
the CPU chain the next row's pc. The halting exit ECALL ends the run (`exit_row_step`).

The ECALLs in the middle of a run (reads of fd 0 and 3, writes) and the output, input and private
input they move are in `RunOutput`, `RunInput`, `RunPrivate` and `RunWhole` (`run_io`), which
extend the invariant with the I/O cursors. Hypotheses still to be derived from the bus and the other tables (the rest of issue 13):
the memory argument's (`Hypotheses` over the witness's accesses, from the MEM messages; the
ECALLs' joins; `WordWrites`; `Ports` is derived for the witness's accesses in `RunWitness`,
`Port3` from the EXEC and IO messages in `RunPort3`), the boundary table's (word cells' addresses, one cell per
word, their addresses mapped), the program table's (the PROG lookups' receivers are the decoded
code words), the EXEC receives (derived in `RunBus` from the EXEC messages balancing over every
table's rows), the halting row being an exit ECALL (derived in `RunHalt` from the EXEC and HALT
messages balancing), and the state row 0 describes (the ELF's initial state).
-/

@[expose] public section

noncomputable section

namespace Zkvm.Air.V2.Run

open Zkvm.Field Zkvm.RiscV Zkvm.Air.Table Zkvm.Air.Memory Zkvm.Air.V2.Cpu Zkvm.Air.V2.Cpu.Col
open Zkvm.Air.V2.Exec (felt)
open Zkvm.Air.V2.Step (Runs Reads progMsg progTable runs_of_prog val_felt)

/-- **The run's invariant at row n**: `s` is the state row n describes, with layout `L`. -/
structure Inv (wins : Nat → Window BabyBear) (accs : List (Access Cell Val)) (init : Cell → Val)
    (bnd : List (Boundary Cell Val)) (code : List (UInt32 × UInt32)) (L : Layout) (n : Nat)
    (s : State) : Prop where
  pc : ((wins n).cur pc).val = s.pc.toNat
  live : s.exitCode = none
  len : s.regs.length = 32
  fetch : ∀ p ∈ code, s.code p.1.toBitVec = some p.2.toBitVec
  layout : s.layout = L
  regs : RegsIn (memAt accs init (4 * n + 1)) s
  mem : MemIn (memAt accs init (4 * n + 1)) bnd s

/-- **The CPU rows of a run**, in order: the windows of rows 0 … N − 1, each meeting the CPU
groups, row n at clk c0 + n, each row's next pc the next row's pc. The real rows of a satisfying
CPU table give them (`RunSegments.cpuRows_of_trace`), and so do joined segments
(`RunSegments.CpuRows.append`). -/
structure CpuRows (wins : Nat → Window BabyBear) (c0 N : Nat) : Prop where
  groups : ∀ n < N, Groups (wins n)
  clk : ∀ n < N, ((wins n).cur clk).val = c0 + n
  chain : ∀ n, n + 1 < N → (wins (n + 1)).cur pc = (wins n).cur nextPc

/-- **What the bus gives about a row's port 3** (time 4 clk + 4): a row whose request goes to a
table without memory access (every op but the loads', stores' and ECALL's) has no access there;
a load's or store's request is received by a real MEM row whose access is the only one there. -/
structure Port3 (accs : List (Access Cell Val)) (r : Row BabyBear) : Prop where
  none : (r op).val < 10 ∨ (17 < (r op).val ∧ (r op).val ≠ 36) →
    ∀ a ∈ accs, a.ts ≠ 4 * (r clk).val + 1 + 1 + 1 + 1
  mem : 10 ≤ (r op).val → (r op).val ≤ 17 → ∃ rm, Mem.Groups rm ∧ Mem.Lookups rm ∧
    Mem.real rm = 1 ∧ Exec.Cpu.execMsg r = Exec.Mem.execMsg rm ∧ memAccess rm ∈ accs ∧
    ∀ a ∈ accs, a.ts = 4 * (r clk).val + 1 + 1 + 1 + 1 → a = memAccess rm

/-- A row whose op is 36 runs ECALL (no other instruction has op 36). -/
theorem ecall_of_op {r : Row BabyBear} {pc : Word} {i : Instr} (h : Runs r pc i)
    (hop : (r op).val = 36) : i = .ecall := by
  obtain ⟨row, hrow, hp⟩ := h
  obtain ⟨-, e, -⟩ := Step.prog_fields hp
  have key : ∀ x : UInt32, x.toNat < 2 ^ 30 → x.toNat ≠ 36 → r op = felt x → False := by
    intro x hx h36 he
    rw [he, val_felt (by omega)] at hop
    exact h36 hop
  cases i <;> simp only [Spec.programRow, Option.some.injEq, reduceCtorEq] at hrow <;>
    subst hrow <;>
    simp only [Spec.execOp, show ¬ ((0 : UInt32) = 1) by decide, ↓reduceIte] at e
  case ecall => rfl
  case branch c _ _ _ =>
    have := Run.branchOp_range c
    exact (key _ (by omega) (by omega) e).elim
  case load wd _ _ _ =>
    have := Step.loadOp_range wd
    exact (key _ (by omega) (by omega) e).elim
  case store wd _ _ _ =>
    have := Step.storeOp_range wd
    exact (key _ (by omega) (by omega) e).elim
  case opImm o _ _ _ =>
    have := Step.aluOp_range o
    have h64 : (Spec.aluOp o + 64).toNat = (Spec.aluOp o).toNat + 64 := by
      rw [UInt32.toNat_add]; simp only [UInt32.reduceToNat]; omega
    exact (key _ (by omega) (by omega) e).elim
  case op o _ _ _ =>
    have := Step.aluOp_range o
    exact (key _ (by omega) (by omega) e).elim
  case mulDiv o _ _ _ =>
    have := Step.mulOp_range o
    exact (key _ (by omega) (by omega) e).elim
  all_goals exact (key _ (by decide) (by decide) e).elim

/-- `run` of n steps followed by one more step is `run` of n + 1 steps. -/
theorem run_succ_right : ∀ (n : Nat) {s₀ s s' : State}, run n s₀ = .ok s → step s = .ok s' →
    run (n + 1) s₀ = .ok s'
  | 0, s₀, s, s', h, h' => by
    simp only [run] at h
    cases h
    simp only [run, h']
  | n + 1, s₀, s, s', h, h' => by
    simp only [run] at h ⊢
    cases e : step s₀ with
    | error _ => rw [e] at h; cases h
    | ok s₁ =>
      rw [e] at h
      exact run_succ_right n h h'

variable {wins : Nat → Window BabyBear} {accs : List (Access Cell Val)}
  {bnd : List (Boundary Cell Val)} {init : Cell → Val} {code : List (UInt32 × UInt32)}

/-- A row running ECALL has op 36. -/
theorem ecall_op {r : Row BabyBear} {pc : Word} (h : Runs r pc .ecall) : (r op).val = 36 := by
  obtain ⟨row, hrow, hp⟩ := h
  simp only [Spec.programRow, Option.some.injEq] at hrow
  subst hrow
  obtain ⟨-, e, -⟩ := Step.prog_fields hp
  simp only [Spec.execOp, show ¬ ((0 : UInt32) = 1) by decide, ↓reduceIte] at e
  rw [e]; rfl

/-- The op of a row running a load, or a store. -/
theorem load_op {r : Row BabyBear} {pc : Word} {wd : LoadWidth} {rd' rs1' : Reg} {off : Word}
    (h : Runs r pc (.load wd rd' rs1' off)) : 10 ≤ (r op).val ∧ (r op).val ≤ 17 := by
  obtain ⟨row, hrow, hp⟩ := h
  simp only [Spec.programRow, Option.some.injEq] at hrow
  subst hrow
  obtain ⟨-, e, -⟩ := Step.prog_fields hp
  simp only [Spec.execOp, show ¬ ((0 : UInt32) = 1) by decide, ↓reduceIte] at e
  have := Step.loadOp_range wd
  rw [e, val_felt (by omega)]; omega

theorem store_op {r : Row BabyBear} {pc : Word} {wd : StoreWidth} {rs1' rs2' : Reg} {off : Word}
    (h : Runs r pc (.store wd rs1' rs2' off)) : 10 ≤ (r op).val ∧ (r op).val ≤ 17 := by
  obtain ⟨row, hrow, hp⟩ := h
  simp only [Spec.programRow, Option.some.injEq] at hrow
  subst hrow
  obtain ⟨-, e, -⟩ := Step.prog_fields hp
  simp only [Spec.execOp, show ¬ ((0 : UInt32) = 1) by decide, ↓reduceIte] at e
  have := Step.storeOp_range wd
  rw [e, val_felt (by omega)]; omega

/-- The op of a row running a register-only instruction is not a load's, a store's or ECALL's. -/
theorem regOnly_op {r : Row BabyBear} {pc : Word} {i : Instr} (h : Runs r pc i) (hi : RegOnly i) :
    (r op).val < 10 ∨ (17 < (r op).val ∧ (r op).val ≠ 36) := by
  obtain ⟨row, hrow, hp⟩ := h
  obtain ⟨-, e, -⟩ := Step.prog_fields hp
  have key : ∀ x : UInt32, x.toNat < 2 ^ 30 → r op = felt x → (r op).val = x.toNat := by
    intro x hx he; rw [he, val_felt (by omega)]
  cases i <;> simp only [RegOnly] at hi <;>
    simp only [Spec.programRow, Option.some.injEq, reduceCtorEq] at hrow <;> subst hrow <;>
    simp only [Spec.execOp, show ¬ ((0 : UInt32) = 1) by decide, ↓reduceIte] at e
  case branch c _ _ _ =>
    have := Run.branchOp_range c; rw [key _ (by omega) e]; omega
  case opImm o _ _ _ =>
    have := Step.aluOp_range o
    have h64 : (Spec.aluOp o + 64).toNat = (Spec.aluOp o).toNat + 64 := by
      rw [UInt32.toNat_add]; simp only [UInt32.reduceToNat]; omega
    rw [key _ (by omega) e]; omega
  case op o _ _ _ =>
    have := Step.aluOp_range o; rw [key _ (by omega) e]; omega
  case mulDiv o _ _ _ =>
    have := Step.mulOp_range o; rw [key _ (by omega) e]; omega
  all_goals rw [key _ (by decide) e]; decide

/-- **The row's instruction and the semantics' step there**: from the state row n describes, the
PROG lookup gives the instruction the row runs at the state's pc, the semantics' step is its
`execute`, and the pc is a 4-aligned program pc below 2^30. -/
theorem row_fetch (hcode : ∀ p ∈ code, p.1.toNat < 2 ^ 30) (hcode4 : ∀ p ∈ code, p.1.toNat % 4 = 0)
    {L : Layout} {n : Nat} (hprog : progMsg ((wins n).cur) ∈ progTable code) {s : State}
    (hinv : Inv wins accs init bnd code L n s) :
    ∃ i, Runs (wins n).cur s.pc i ∧ step s = execute s i ∧ s.pc.toNat < 2 ^ 30 ∧
      s.pc.toNat % 4 = 0 := by
  obtain ⟨p, hp, i, hdec, hruns, hpv⟩ := runs_of_prog code hcode hprog
  have he : p.1.toBitVec = s.pc := BitVec.eq_of_toNat_eq (by rw [← hinv.pc, hpv]; rfl)
  rw [he] at hruns
  refine ⟨i, hruns, ?_, by rw [← hinv.pc, hpv]; exact hcode p hp,
    by rw [← hinv.pc, hpv]; exact hcode4 p hp⟩
  unfold step
  rw [hinv.live, ← he, hinv.fetch p hp]
  simp only [Option.isSome_none, Bool.false_eq_true, ↓reduceIte, hdec]

/-- `s'` has `s`'s outputs, input position and input, private position and private input. -/
def SameIo (s s' : State) : Prop :=
  s'.output = s.output ∧ s'.debugOutput = s.debugOutput ∧ s'.inputPos = s.inputPos ∧
    s'.input = s.input ∧ s'.privatePos = s.privatePos ∧ s'.privateInput = s.privateInput

/-- **One row of the run**, every instruction but ECALL: the semantics' step from the state row
n describes succeeds and reaches the state row n + 1 describes. -/
theorem row_inv {N : Nat} (hrows : CpuRows wins 0 N)
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
    (hprog' : progMsg ((wins (n + 1)).cur) ∈ progTable code)
    (hports : Ports accs ((wins n).cur)) (hport3 : Port3 accs ((wins n).cur))
    (hrecv : (wins n).cur fExec = 1 → Exec.Receives (Exec.Cpu.execMsg ((wins n).cur)))
    (hop : ((wins n).cur op).val ≠ 36)
    {s : State} (hinv : Inv wins accs init bnd code L n s) :
    ∃ s', step s = .ok s' ∧ Inv wins accs init bnd code L (n + 1) s' ∧ SameIo s s' ∧
      ∀ c : Cell, c.1 = 3 → memAt accs init (4 * (n + 1) + 1) c = memAt accs init (4 * n + 1) c := by
  have hg := hrows.groups n (by omega)
  have hclk : ((wins n).cur clk).val = n := by rw [hrows.clk n (by omega), Nat.zero_add]
  have h4 : 4 * (n + 1) + 1 = 4 * n + 1 + 1 + 1 + 1 + 1 := by omega
  obtain ⟨i, hruns, hstep, hpc30, hpc4⟩ := row_fetch hcode hcode4 hprog hinv
  -- the next row's pc is a program pc: the row's next pc
  obtain ⟨p', hp', -, -, -, hpv'⟩ := runs_of_prog code hcode hprog'
  have hchain := hrows.chain n hn
  have hnext : ((wins n).cur nextPc).val < 2 ^ 30 := by rw [← hchain, hpv']; exact hcode p' hp'
  have hal : ((wins n).cur nextPc).val % 4 = 0 := by rw [← hchain, hpv']; exact hcode4 p' hp'
  have hpc' : ((wins (n + 1)).cur pc).val = (BitVec.ofNat 32 ((wins n).cur nextPc).val).toNat := by
    rw [BitVec.toNat_ofNat, hchain]; omega
  -- the registers
  have hregs : RegsIn (memAt accs init (4 * ((wins n).cur clk).val + 1)) s := by
    rw [hclk]; exact hinv.regs
  have hmem : MemIn (memAt accs init (4 * ((wins n).cur clk).val + 1)) bnd s := by
    rw [hclk]; exact hinv.mem
  obtain ⟨hreads, x, hrd, hregs'⟩ := regs_next (w := wins n) hg hruns hh hinit hwf
    hports hinv.len hregs
  rw [hclk] at hregs'
  have hlen' : (s.setReg x (cWord ((wins n).cur))).regs.length = 32 := by
    rw [setReg_length]; exact hinv.len
  have hlive' : (s.setReg x (cWord ((wins n).cur))).exitCode = none := by
    rw [setReg_eq]; exact hinv.live
  have hfetch' : ∀ q ∈ code, (s.setReg x (cWord ((wins n).cur))).code q.1.toBitVec = some q.2.toBitVec := by
    intro q hq; rw [setReg_eq]; exact hinv.fetch q hq
  have hlayout' : (s.setReg x (cWord ((wins n).cur))).layout = L := by
    rw [setReg_eq]; exact hinv.layout
  have hmem' : (s.setReg x (cWord ((wins n).cur))).mem = s.mem := by
    rw [setReg_eq]
  have hio' : SameIo s (s.setReg x (cWord ((wins n).cur))) := by
    rw [setReg_eq]; exact ⟨rfl, rfl, rfl, rfl, rfl, rfl⟩
  have hio3 : ∀ c : Cell, c.1 = 3 →
      memAt accs init (4 * ((wins n).cur clk).val + 1 + 1 + 1 + 1) c =
        memAt accs init (4 * ((wins n).cur clk).val + 1) c :=
    fun c hc => word_cpu_ticks hports (by rw [hc]; decide)
  cases hi : i with
  | ecall => rw [hi] at hruns; exact absurd (ecall_op hruns) hop
  | ebreak => rw [hi] at hruns; exact absurd hruns (Step.ebreak_no_row _ _)
  | load wd rd' rs1' off =>
    rw [hi] at hruns hstep
    obtain ⟨rm, hgm, hlm, hrm, hem, hacc, honly⟩ :=
      hport3.mem (load_op hruns).1 (load_op hruns).2
    have hallow' : ∀ b ∈ bnd, IsWordCell b.cell → ∀ a : Word, a.toNat / 4 = b.cell.2.val →
        s.layout.mapped a = true := fun b hb hc a ha => by
      rw [hinv.layout]; exact (hallow b hb hc a ha).1
    obtain ⟨hex, hn4, hr4, hmem5⟩ := load_row (w := wins n) hg hruns hreads hpc30 hpc4 hh
      hinit hwf hports hgm hlm hrm hem hacc honly hallow' hmem
    have hx : x = rd' := rd_eq hruns rfl hrd rfl
    subst hx
    refine ⟨_, hstep.trans hex, ⟨?_, hlive', hlen', hfetch', hlayout', ?_, ?_⟩, hio',
      fun c hc => ?_⟩
    · show _ = ((s.setReg x _).pc + 4).toNat
      rw [setReg_pc, hchain]; exact hn4
    · rw [h4]; exact hregs'
    · rw [h4]; rw [hclk] at hmem5; exact memIn_congr hmem' hmem5
    · have := (hr4 c).trans (hio3 c hc)
      rw [hclk] at this; rw [h4]; exact this
  | store wd rs1' rs2' off =>
    rw [hi] at hruns hstep
    obtain ⟨rm, hgm, hlm, hrm, hem, hacc, honly⟩ :=
      hport3.mem (store_op hruns).1 (store_op hruns).2
    have hallow' : ∀ b ∈ bnd, IsWordCell b.cell → ∀ a : Word, a.toNat / 4 = b.cell.2.val →
        s.layout.mapped a = true ∧ (b.cell.1 = 1 → s.layout.writable a = true) :=
      fun b hb hc a ha => by rw [hinv.layout]; exact hallow b hb hc a ha
    obtain ⟨hex, hn4, -, hmem5⟩ := store_row (w := wins n) hg hruns hreads hpc30 hpc4 hh
      hinit hwf hports hgm hlm hrm hem hacc honly hallow' h30 hone hmem
    have hx : x = 0 := rd_eq (y := 0) hruns rfl hrd (by dsimp only; decide)
    subst hx
    have hs0 : s.setReg 0 (cWord ((wins n).cur)) = s := by simp [State.setReg]
    rw [hs0] at hregs'
    refine ⟨_, hstep.trans hex, ⟨?_, hinv.live, hinv.len, hinv.fetch, hinv.layout, ?_, ?_⟩,
      ⟨rfl, rfl, rfl, rfl, rfl, rfl⟩, fun c hc => ?_⟩
    · show _ = (s.pc + 4).toNat
      rw [hchain]; exact hn4
    · rw [h4]; exact hregs'
    · rw [h4]; rw [hclk] at hmem5; exact hmem5
    · have hne : ∀ a ∈ accs, a.cell = c → a.ts ≠ 4 * ((wins n).cur clk).val + 1 + 1 + 1 + 1 := by
        intro a ha hac ht
        rw [honly a ha ht] at hac
        have hw := memAccess_wordCell hgm
        rw [hac] at hw
        rcases hw with h | h <;> rw [hc] at h <;> exact absurd h (by decide)
      have := (memAt_succ_of_none (init := init) hne).trans (hio3 c hc)
      rw [hclk] at this; rw [h4]; exact this
  | _ =>
    have hro : RegOnly i := by rw [hi]; trivial
    have hex := reg_row_step hro hg hruns hreads hrecv hpc30 hpc4 hnext hal hrd
    have hno := hport3.none (regOnly_op hruns hro)
    refine ⟨_, hstep.trans hex, ⟨hpc', hlive', hlen', hfetch', hlayout', ?_, ?_⟩, hio',
      fun c hc => ?_⟩
    · rw [h4]; exact hregs'
    · rw [h4]
      have := memIn_keep (init := init) (bnd := bnd) hports hno hmem (s' := { s.setReg x (cWord ((wins n).cur)) with
        pc := BitVec.ofNat 32 ((wins n).cur nextPc).val }) hmem'
      rw [hclk] at this; exact this
    · have := (memAt_succ_of_none (init := init) (c := c) fun a ha _ => hno a ha).trans (hio3 c hc)
      rw [hclk] at this; rw [h4]; exact this

/-- **The last row, the halting exit ECALL**: from the state row n describes, the semantics'
step halts with the exit code the statement's EXIT claims, and its cycle count is n + 1. The
row's a (a7, read by its rs1 port) is 93 or 94: the HALT census (HALT is sent only by an exit
SYSCALL row, whose a_lo is 93 or 94 and a_hi 0) is a hypothesis here. -/
theorem exit_row_step (hh : Hypotheses accs bnd) (hinit : ∀ b ∈ bnd, init b.cell = b.init)
    (hcode : ∀ p ∈ code, p.1.toNat < 2 ^ 30) {L : Layout}
    {n : Nat} (hclk : ((wins n).cur clk).val = n)
    (hprog : progMsg ((wins n).cur) ∈ progTable code) (hports : Ports accs ((wins n).cur))
    (hrecv : Exec.Receives (Exec.Cpu.execMsg ((wins n).cur))) (hop : ((wins n).cur op).val = 36)
    (ha7 : (((wins n).cur aLo).val = 93 ∨ ((wins n).cur aLo).val = 94) ∧ ((wins n).cur aHi).val = 0)
    {lo hi cycles : BabyBear} {sent rcvd : List (List BabyBear)}
    (hbal : Zkvm.Air.BusLookups.Balanced sent rcvd)
    (honly : ∀ m ∈ rcvd, m.head? = some 12 → m = [12, lo, hi, cycles])
    (hsent : [12, (wins n).cur bLo, (wins n).cur bHi, (wins n).cur clk + 1] ∈ sent)
    {s : State} (hinv : Inv wins accs init bnd code L n s) :
    step s = .ok { s with exitCode := some (WordLimbs.ofFelts lo hi) } ∧
      cycles = ((n + 1 : Nat) : BabyBear) := by
  obtain ⟨i, hruns, hstep⟩ := Step.step_of_prog code hcode hinv.fetch hprog hinv.pc hinv.live
  have hi := ecall_of_op hruns hop
  subst hi
  have hr1 : ∀ a ∈ accs, a.ts = 4 * ((wins n).cur clk).val + 1 → a.write = a.read := by
    intro a ha ht; rw [hports.at1 a ha ht]; rfl
  have hreads : Reads ((wins n).cur) s :=
    reads_of_regs hh hinit hports.rs1 hports.rs2 hr1 (by rw [hclk]; exact hinv.regs)
  have h93 : (s.reg 17).toNat = 93 ∨ (s.reg 17).toNat = 94 := by
    obtain ⟨row, hrow, hp⟩ := hruns
    simp only [Spec.programRow, Option.some.injEq] at hrow
    subst hrow
    obtain ⟨-, -, hrs1, -⟩ := Step.prog_fields hp
    obtain ⟨a0, a1⟩ := hreads.a 17 (by rw [hrs1]; rfl)
    rw [Word.toNat_eq_limbs, ← a0, ← a1]
    omega
  obtain ⟨he, hc⟩ := Step.claimed_exit (w := wins n) hruns hreads hrecv h93 hbal honly
    hsent
  refine ⟨hstep.trans he, ?_⟩
  rw [hc, ← Felt.natCast_val ((wins n).cur clk), hclk, Felt.natCast_add, Felt.natCast_one]

end Zkvm.Air.V2.Run

end
