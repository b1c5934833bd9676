module

public import Zkvm.Air.MemoryTime
public import Zkvm.Air.V2.StepBasic
public import Zkvm.Air.V2.Step

/-!
# The register file through the memory argument

The whole-step theorems (`Zkvm.Air.V2.Step`) assume `Reads r s`: the row's a and b are the
values of the registers rs1 and rs2 name in the machine state `s`. This file derives it, and
carries the register file over one instruction, from the memory argument in its time view
(`Zkvm.Air.Memory.memAt`):

* the CPU row's register ports as accesses (`rs1Access`, `rs2Access`, `rdAccess`: cell
  (0, index), timestamps 4 clk + 1, 2, 3; docs/air.md §5 and §12.1);
* `RegsIn m s`: memory `m` holds `s`'s registers, each register's cell its value's limbs;
* `reads_of_regs`: if memory just before 4 clk + 1 holds `s`'s registers, the row reads `s`;
* `regs_next_write`, `regs_next_keep`: memory just before the next row's 4 clk + 5 holds the
  registers after the row: rd set to c when the rd port is on, unchanged when it is off.

What the whole run must supply, as hypotheses here: the row's ports are accesses of the memory
argument, the accesses at times 4 clk + 1 and 4 clk + 2 are reads (only the rs1 and rs2 ports
have those times), the only access at 4 clk + 3 is the rd port, and the accesses at 4 clk + 4
(port 3 of the coprocessors) only read registers (the SYSCALL row's a1 and a2).
-/

@[expose] public section

noncomputable section

namespace Zkvm.Air.V2.Run

open Zkvm.Field Zkvm.RiscV Zkvm.Air.Table Zkvm.Air.Memory Zkvm.Air.V2.Cpu Zkvm.Air.V2.Cpu.Col
open Zkvm.Air.V2.Exec (felt)
open Zkvm.Air.V2.Step (Reads val_felt)

/-- A memory cell of the AIR, (space, word address), and a value, its (lo, hi) limbs. -/
abbrev Cell := BabyBear × BabyBear
abbrev Val := BabyBear × BabyBear

/-- The rs1 port: a read of (0, rs1) at 4 clk + 1. -/
def rs1Access (r : Row BabyBear) : Access Cell Val :=
  ⟨(0, r rs1), 4 * (r clk).val + 1, (r aLo, r aHi), (r t1).val, (r aLo, r aHi)⟩

/-- The rs2 port: a read of (0, rs2) at 4 clk + 2. -/
def rs2Access (r : Row BabyBear) : Access Cell Val :=
  ⟨(0, r rs2), 4 * (r clk).val + 1 + 1, (r bLo, r bHi), (r t2).val, (r bLo, r bHi)⟩

/-- The rd port: (0, rd) from p to c at 4 clk + 3. -/
def rdAccess (r : Row BabyBear) : Access Cell Val :=
  ⟨(0, r rd), 4 * (r clk).val + 1 + 1 + 1, (r pLo, r pHi), (r t3).val, (r cLo, r cHi)⟩

/-- The cell of register `x`. -/
def regCell (x : Reg) : Cell := (0, felt (Spec.reg x))

/-- **Memory `m` holds `s`'s registers**: each register's cell holds its value's limbs. -/
def RegsIn (m : Cell → Val) (s : State) : Prop :=
  ∀ x : Reg, (m (regCell x)).1.val = (s.reg x).lo ∧ (m (regCell x)).2.val = (s.reg x).hi

theorem reg_toNat (x : Reg) : (Spec.reg x).toNat = x.toNat := by
  simp [Spec.reg, UInt32.toNat, BitVec.toNat_setWidth, Nat.mod_eq_of_lt (Nat.lt_trans x.isLt
    (by decide : 2 ^ 5 < 2 ^ 32))]

/-- Distinct registers have distinct cells. -/
theorem regCell_inj {x y : Reg} (h : regCell x = regCell y) : x = y := by
  have e := congrArg (fun c : Cell => c.2.val) h
  simp only [regCell] at e
  have hx := x.isLt
  have hy := y.isLt
  rw [val_felt (by rw [reg_toNat]; omega), val_felt (by rw [reg_toNat]; omega), reg_toNat,
    reg_toNat] at e
  exact BitVec.eq_of_toNat_eq e

variable {accs : List (Access Cell Val)} {bnd : List (Boundary Cell Val)} {init : Cell → Val}
  {r : Row BabyBear} {s : State}

/-- **The row reads `s`** when memory just before its time 4 clk + 1 holds `s`'s registers and
the accesses at 4 clk + 1 are reads. -/
theorem reads_of_regs (hh : Hypotheses accs bnd) (hinit : ∀ b ∈ bnd, init b.cell = b.init)
    (h1 : rs1Access r ∈ accs) (h2 : rs2Access r ∈ accs)
    (hr1 : ∀ a ∈ accs, a.ts = 4 * (r clk).val + 1 → a.write = a.read)
    (hregs : RegsIn (memAt accs init (4 * (r clk).val + 1)) s) : Reads r s where
  a x hx := by
    have e := read_eq_memAt hh hinit h1
    simp only [rs1Access, hx] at e
    have h := hregs x
    simp only [regCell] at h
    rw [← e] at h
    exact h
  b x hx := by
    have e := read_eq_memAt hh hinit h2
    simp only [rs2Access, hx] at e
    rw [memAt_succ_of_reads hh hinit fun a ha _ ht => hr1 a ha ht] at e
    have h := hregs x
    simp only [regCell] at h
    rw [← e] at h
    exact h

/-- Three ticks of register reads and writes: through 4 clk + 1 and 4 clk + 2 (reads) and
4 clk + 4 (reads of register cells) a register cell keeps its content; `h3` covers 4 clk + 3. -/
theorem regs_ticks (hh : Hypotheses accs bnd) (hinit : ∀ b ∈ bnd, init b.cell = b.init)
    (hr1 : ∀ a ∈ accs, a.ts = 4 * (r clk).val + 1 → a.write = a.read)
    (hr2 : ∀ a ∈ accs, a.ts = 4 * (r clk).val + 1 + 1 → a.write = a.read)
    (hr4 : ∀ a ∈ accs, a.ts = 4 * (r clk).val + 1 + 1 + 1 + 1 → a.cell.1 = 0 →
      a.write = a.read) (x : Reg) :
    memAt accs init (4 * (r clk).val + 1 + 1 + 1 + 1 + 1) (regCell x) =
      memAt accs init (4 * (r clk).val + 1 + 1 + 1 + 1) (regCell x) ∧
    memAt accs init (4 * (r clk).val + 1 + 1 + 1) (regCell x) =
      memAt accs init (4 * (r clk).val + 1) (regCell x) := by
  refine ⟨memAt_succ_of_reads hh hinit fun a ha hc ht => hr4 a ha ht (by rw [hc]; rfl), ?_⟩
  rw [memAt_succ_of_reads hh hinit fun a ha _ ht => hr2 a ha ht,
    memAt_succ_of_reads hh hinit fun a ha _ ht => hr1 a ha ht]

/-- **The registers after a row whose rd port writes**: rd (register `x ≠ 0`) holds c, every
other register keeps its value. -/
theorem regs_next_write (hh : Hypotheses accs bnd) (hinit : ∀ b ∈ bnd, init b.cell = b.init)
    (hlen : s.regs.length = 32) {x : Reg} (hx : x ≠ 0) (hrd : r rd = felt (Spec.reg x))
    (hc0 : (r cLo).val < 2 ^ 16) (hc1 : (r cHi).val < 2 ^ 16)
    (hr1 : ∀ a ∈ accs, a.ts = 4 * (r clk).val + 1 → a.write = a.read)
    (hr2 : ∀ a ∈ accs, a.ts = 4 * (r clk).val + 1 + 1 → a.write = a.read)
    (h3 : rdAccess r ∈ accs) (hr3 : ∀ a ∈ accs, a.ts = 4 * (r clk).val + 1 + 1 + 1 → a = rdAccess r)
    (hr4 : ∀ a ∈ accs, a.ts = 4 * (r clk).val + 1 + 1 + 1 + 1 → a.cell.1 = 0 →
      a.write = a.read)
    (hregs : RegsIn (memAt accs init (4 * (r clk).val + 1)) s) :
    RegsIn (memAt accs init (4 * (r clk).val + 1 + 1 + 1 + 1 + 1)) (s.setReg x (cWord r)) := by
  intro y
  obtain ⟨e5, e3⟩ := regs_ticks hh hinit hr1 hr2 hr4 (r := r) y
  rw [e5]
  by_cases hy : y = x
  · subst hy
    have hw := memAt_succ_of_access (init := init) hh.2.2.2.1 h3
    simp only [rdAccess, hrd] at hw
    change memAt accs init _ (regCell y) = _ at hw
    rw [hw, State.reg_setReg_self s hlen hx]
    exact ⟨(Word.lo_ofLimbs _ hc0).symm, (Word.hi_ofLimbs hc0 hc1).symm⟩
  · have hne : ∀ a ∈ accs, a.cell = regCell y → a.ts ≠ 4 * (r clk).val + 1 + 1 + 1 := by
      intro a ha hc ht
      have := hr3 a ha ht
      subst this
      simp only [rdAccess, hrd] at hc
      exact hy (regCell_inj hc).symm
    rw [memAt_succ_of_none hne, e3, State.reg_setReg_other s hy]
    exact hregs y

/-- **The registers after a row whose rd port is off**: unchanged. -/
theorem regs_next_keep (hh : Hypotheses accs bnd) (hinit : ∀ b ∈ bnd, init b.cell = b.init)
    (hr1 : ∀ a ∈ accs, a.ts = 4 * (r clk).val + 1 → a.write = a.read)
    (hr2 : ∀ a ∈ accs, a.ts = 4 * (r clk).val + 1 + 1 → a.write = a.read)
    (hr3 : ∀ a ∈ accs, a.ts ≠ 4 * (r clk).val + 1 + 1 + 1)
    (hr4 : ∀ a ∈ accs, a.ts = 4 * (r clk).val + 1 + 1 + 1 + 1 → a.cell.1 = 0 →
      a.write = a.read)
    (hregs : RegsIn (memAt accs init (4 * (r clk).val + 1)) s) :
    RegsIn (memAt accs init (4 * (r clk).val + 1 + 1 + 1 + 1 + 1)) s := by
  intro y
  obtain ⟨e5, e3⟩ := regs_ticks hh hinit hr1 hr2 hr4 (r := r) y
  rw [e5, memAt_succ_of_none fun a ha _ => hr3 a ha, e3]
  exact hregs y

/-! ## The rd port and the program's f_wr -/

theorem progFlags_wr (row : Spec.ProgramRow) :
    (Spec.progFlags row).toNat < 64 ∧
      (Spec.progFlags row).toNat % 2 = (if row.writeRd = 1 then 1 else 0) ∧
      (Spec.progFlags row).toNat / 32 % 2 = if Spec.flagExec row = true then 1 else 0 := by
  simp only [Spec.progFlags]
  by_cases h1 : row.writeRd = 1 <;> by_cases h2 : Spec.flagBr row = true <;>
    by_cases h3 : row.op = 2 <;> by_cases h4 : row.op = 3 <;>
    by_cases h5 : Spec.flagK row = true <;> by_cases h6 : Spec.flagExec row = true <;>
    simp only [h1, h2, h3, h4, h5, h6, if_true, if_false] <;> decide

/-- **The rd field and f_wr of a row running an instruction**: rd names a register `x`, and the
rd port is on exactly when `x` is written and is not x0 (`Spec.writes`; branches, stores and
FENCE name x0, ECALL a0). -/
theorem runs_rd {w : Window BabyBear} {pc : Word} {i : Instr} (hg : Groups w)
    (h : Step.Runs w.cur pc i) :
    ∃ x : Reg, w.cur rd = felt (Spec.reg x) ∧ (w.cur fWr = 1 ↔ x ≠ 0) ∧
      (w.cur fWr = 0 ∨ w.cur fWr = 1) := by
  obtain ⟨row, hrow, hp⟩ := h
  obtain ⟨-, -, -, -, hrd, -, -, -, -, -, hfl⟩ := Step.prog_fields hp
  obtain ⟨hlt, hmod, -⟩ := progFlags_wr row
  have hfl' : packedFlags w.cur = (((Spec.progFlags row).toNat : Nat) : BabyBear) := hfl
  obtain ⟨fwr, -⟩ := Step.flags_of_packed hg hlt hfl'
  rw [hmod] at fwr
  have key : ∃ x : Reg, row.rd = Spec.reg x ∧ row.writeRd = Spec.writes x := by
    cases i <;> simp only [Spec.programRow, Option.some.injEq, reduceCtorEq] at hrow <;>
      subst hrow
    all_goals first
      | exact ⟨_, rfl, rfl⟩
      | exact ⟨0, rfl, rfl⟩
      | exact ⟨10, rfl, rfl⟩
  obtain ⟨x, hx, hw⟩ := key
  refine ⟨x, hx ▸ hrd, ?_⟩
  by_cases h0 : x = 0
  · have : row.writeRd ≠ 1 := by rw [hw, Spec.writes, if_pos h0]; decide
    rw [if_neg this] at fwr
    have e := Zkvm.Air.V2.eq_zero_of_val' fwr
    refine ⟨⟨fun h1 => ?_, fun h => absurd h0 h⟩, Or.inl e⟩
    rw [e] at h1; exact absurd h1 (by decide)
  · have : row.writeRd = 1 := by rw [hw, Spec.writes, if_neg h0]
    rw [if_pos this] at fwr
    have e := Zkvm.Air.V2.eq_one_of_val fwr
    exact ⟨⟨fun _ => h0, fun _ => e⟩, Or.inr e⟩

/-- **Written values are word limbs** (docs/air.md §12.1, well-formedness): every access outside
the I/O cursors (space 3, which hold byte counts) writes two 16-bit limbs. -/
def WordWrites (accs : List (Access Cell Val)) : Prop :=
  ∀ a ∈ accs, a.cell.1 ≠ 3 → a.write.1.val < 2 ^ 16 ∧ a.write.2.val < 2 ^ 16

/-- **The accesses at one row's times** (docs/air.md §12.1): its rs1 and rs2 ports are accesses
and the only ones at 4 clk + 1 and 4 clk + 2; its rd port, when on, is an access and the only
one at 4 clk + 3; the accesses at 4 clk + 4 (port 3 of the coprocessors) only read registers.
What the bus delivers about the MEM messages, for the whole run to derive. -/
structure Ports (accs : List (Access Cell Val)) (r : Row BabyBear) : Prop where
  rs1 : rs1Access r ∈ accs
  rs2 : rs2Access r ∈ accs
  rd : r fWr = 1 → rdAccess r ∈ accs
  at1 : ∀ a ∈ accs, a.ts = 4 * (r clk).val + 1 → a = rs1Access r
  at2 : ∀ a ∈ accs, a.ts = 4 * (r clk).val + 1 + 1 → a = rs2Access r
  at3 : ∀ a ∈ accs, a.ts = 4 * (r clk).val + 1 + 1 + 1 → r fWr = 1 ∧ a = rdAccess r
  at4 : ∀ a ∈ accs, a.ts = 4 * (r clk).val + 1 + 1 + 1 + 1 → a.cell.1 = 0 → a.write = a.read

/-- **One row moves the register file**: if memory at 4 clk + 1 holds `s`'s registers, the row
reads `s`, and memory at the next row's time 4 clk + 5 holds `s` with rd set to the row's c
(a no-op for x0). Written values are word limbs (`hwf`, docs/air.md §12.1, well-formedness). -/
theorem regs_next {w : Window BabyBear} {pc : Word} {i : Instr} (hg : Groups w)
    (hruns : Step.Runs w.cur pc i) (hh : Hypotheses accs bnd)
    (hinit : ∀ b ∈ bnd, init b.cell = b.init)
    (hwf : WordWrites accs)
    (hp : Ports accs w.cur) (hlen : s.regs.length = 32)
    (hregs : RegsIn (memAt accs init (4 * (w.cur clk).val + 1)) s) :
    Reads w.cur s ∧ ∃ x : Reg, w.cur rd = felt (Spec.reg x) ∧
      RegsIn (memAt accs init (4 * (w.cur clk).val + 1 + 1 + 1 + 1 + 1))
        (s.setReg x (cWord w.cur)) := by
  have hr1 : ∀ a ∈ accs, a.ts = 4 * (w.cur clk).val + 1 → a.write = a.read := by
    intro a ha ht; rw [hp.at1 a ha ht]; rfl
  have hr2 : ∀ a ∈ accs, a.ts = 4 * (w.cur clk).val + 1 + 1 → a.write = a.read := by
    intro a ha ht; rw [hp.at2 a ha ht]; rfl
  refine ⟨reads_of_regs hh hinit hp.rs1 hp.rs2 hr1 hregs, ?_⟩
  obtain ⟨x, hrd, hwr, hb⟩ := runs_rd hg hruns
  refine ⟨x, hrd, ?_⟩
  rcases hb with h0 | h1
  · have hx : x = 0 := Decidable.byContradiction fun hx => by
      have := hwr.mpr hx; rw [h0] at this; exact absurd this (by decide)
    subst hx
    have : s.setReg 0 (cWord w.cur) = s := by simp [State.setReg]
    rw [this]
    refine regs_next_keep hh hinit hr1 hr2 (fun a ha ht => ?_) hp.at4 hregs
    have := (hp.at3 a ha ht).1; rw [h0] at this; exact absurd this (by decide)
  · have h3 := hp.rd h1
    have hc := hwf _ h3 (show (0 : BabyBear) ≠ 3 by decide)
    exact regs_next_write hh hinit hlen (hwr.mp h1) hrd hc.1 hc.2 hr1 hr2 h3
      (fun a ha ht => (hp.at3 a ha ht).2) hp.at4 hregs

end Zkvm.Air.V2.Run

end
