module

public import Zkvm.Air.Memory
public import Zkvm.Air.V2.RunWitness
public import Zkvm.Air.V2.MemStore
public import Zkvm.Air.V2.MemStoreByte
public import Zkvm.Air.V2.ExecDecode
public import Zkvm.Air.V2.IoSound
public import Zkvm.Air.V2.RunJoins
public import Zkvm.Air.V2.BusFacts

/-!
# Written values are word limbs (`WordWrites`), by induction on time

`run_of_bus` takes `WordWrites` (RunRegs.lean): every access outside the I/O cursors (space 3)
writes two 16-bit limbs. This file derives it from the memory argument and per-access facts.

* `Memory.writes_of_steps` (layout-independent, in the style of `Memory.read_of_writes`): if
  every boundary row of a cell in `Q` starts with a value with `P`, and every access `a` to such a
  cell either writes back what it read or writes a value with `P` *given* that every earlier
  access to such cells read and wrote values with `P` and that every read whose cell's earlier
  accesses all precede `a` (its own, or a later read of another cell) has `P`, then every
  access to such a cell reads and writes values with `P`. By strong induction on time with
  `Memory.read_holds`: a read returns the latest earlier write or the initial value.
  The induction hypothesis is passed to each step because some writes are limbs only when earlier
  reads are (the rd port's c is the coprocessor's result on the rs1 and rs2 reads; a store's new
  word is built from b and the old word).
* `wordWrites_of_steps`: the same for `WordWrites` (`Q` = not space 3, `P` = `Limbs`; the two
  induction facts are `LimbsBefore` and `ReadsBefore`).
* Per access kind, over `witnessAccs` (RunWitness.lean): the rs1, rs2, buf and len ports write
  what they read; the cursor and output-cursor accesses are in space 3; a MEM row writes back
  what it read (loads, `load_lo`/`load_hi`) or, for a store, limbs when its a, b, imm and old
  word are limbs (`Mem.sw_sound`, `sh_sound`, `sb_sound`): `mem_step`; an IO row writes back
  what it read when it is a write row (`write_keep`) and limbs when its new bytes are bytes:
  `io_write_keep`, `io_bytes_limbs`.
* **`wordWrites_of_witness`**: `WordWrites (witnessAccs cpu mem sys io)` from the memory
  argument's `Hypotheses`, the boundary rows' initial limbs outside space 3, the MEM and IO rows'
  groups and lookups (which `Exec.BusFacts` carries: `ok.mem`, `ok.io`, `looks.mem`;
  `wordWrites_of_bus`), and three named facts not derived here, each stated with the induction
  hypothesis (`LimbsBefore`: every earlier access reads and writes limbs) available:
  - `hrd`: the rd port's c is limbs, also given `ReadsBefore` at 4 clk + 3. Where it comes from:
    for f_exec rows, the coprocessor row receiving the request (`Exec.cpu_request_received`,
    `Exec.request_receiver`): ALU/LOGIC/MUL/DIV through `Exec.contract_of_receives`'s
    `ResultIs`, which needs `Msg.Bounded` (a, b: the row's rs1 and rs2 reads at 4 clk + 1, 2,
    from `LimbsBefore`; imm: the PROG row's, `Step.prog_fields`, `Step.felt_and_lt`); loads
    through `Mem.lb_sound` … `lw_sound` (with `Mem.Inputs`, old word = the MEM access's read);
    ECALL through the SYSCALL groups: exit c = b, write c = len (`write_lo`/`write_hi`; len is
    the read of a2 at 4 clk + 4, limbs by `ReadsBefore` since only rd is accessed at 4 clk + 3),
    read c_lo by its U16 lookup and c_hi by the 4 c_hi lookup (`Syscall.Lookups.cLo`, `cHi`); for LUI, AUIPC, JAL, JALR
    c = k (`Cpu.Row.cWord_of_fK`), the PROG row's k in limbs;
  - `hmemIn`: a real MEM row's a, b and imm are limbs (the EXEC join with its CPU row, whose a
    and b are its earlier rs1 and rs2 reads and imm the PROG row's);
  - `hio`: a real IO row is a write row or its new bytes are bytes (a read row's moved bytes
    are the input's, through the IN and PRIV messages).
-/

@[expose] public section

noncomputable section

namespace Zkvm.Air.Memory

variable {α β : Type} [DecidableEq α] [DecidableEq β]
variable {accs : List (Access α β)} {bnd : List (Boundary α β)}

/-- **Writes with a property, by induction on time**: if every boundary row of a cell in `Q`
starts with a value with `P`, and every access `a` to such a cell writes back what it read or —
given that every earlier access to such cells read and wrote values with `P`, and that every read
of such a cell whose earlier accesses to that cell all precede `a` has `P` (in particular `a`'s
own) — writes a value with `P`, then every access to such a cell reads and writes values with
`P`. -/
theorem writes_of_steps (hh : Hypotheses accs bnd) {Q : α → Prop} {P : β → Prop}
    (hstep : ∀ a ∈ accs, Q a.cell →
      (∀ a' ∈ accs, a'.ts < a.ts → Q a'.cell → P a'.read ∧ P a'.write) →
      (∀ a' ∈ accs, Q a'.cell →
        (∀ a'' ∈ accs, a''.cell = a'.cell → a''.ts < a'.ts → a''.ts < a.ts) → P a'.read) →
        a.write = a.read ∨ P a.write)
    (hb : ∀ b ∈ bnd, Q b.cell → P b.init) :
    ∀ a ∈ accs, Q a.cell → P a.read ∧ P a.write := by
  obtain ⟨hbal, hcausal, hpos, hts, hcells⟩ := hh
  suffices h : ∀ n, ∀ a ∈ accs, a.ts = n → Q a.cell → P a.read ∧ P a.write from
    fun a ha => h a.ts a ha rfl
  intro n
  induction n using Nat.strongRecOn with
  | _ n ih =>
  intro a ha hn hq
  subst hn
  have ih' : ∀ a' ∈ accs, a'.ts < a.ts → Q a'.cell → P a'.read ∧ P a'.write :=
    fun a' ha' hlt => ih a'.ts hlt a' ha' rfl
  -- a read whose cell's earlier accesses all precede `a` returns a value with `P`
  have hreads : ∀ a' ∈ accs, Q a'.cell →
      (∀ a'' ∈ accs, a''.cell = a'.cell → a''.ts < a'.ts → a''.ts < a.ts) → P a'.read := by
    intro a' ha' hq' hbef
    rcases read_holds hbal hcausal hpos hts hcells a' ha' with
      ⟨a'', ⟨ha'', hc'', hlt'', -⟩, hv, -⟩ | ⟨-, b, hb', hbc, hv, -⟩
    · rw [hv]
      exact (ih' a'' ha'' (hbef a'' ha'' hc'' hlt'') (by rw [hc'']; exact hq')).2
    · rw [hv]; exact hb b hb' (by rw [hbc]; exact hq')
  have hr : P a.read := hreads a ha hq fun _ _ _ h => h
  refine ⟨hr, ?_⟩
  rcases hstep a ha hq ih' hreads with h | h
  · rw [h]; exact hr
  · exact h

end Zkvm.Air.Memory

namespace Zkvm.Air.V2.Run

open Zkvm.Field Zkvm.RiscV Zkvm.Air.Table Zkvm.Air.Memory Zkvm.Air.V2.Cpu Zkvm.Air.V2.Cpu.Col

/-- A value is a word in 16-bit limbs. -/
def Limbs (v : Val) : Prop := v.1.val < 2 ^ 16 ∧ v.2.val < 2 ^ 16

/-- Before time `t`, every access outside space 3 reads and writes limbs. -/
def LimbsBefore (accs : List (Access Cell Val)) (t : Nat) : Prop :=
  ∀ a ∈ accs, a.ts < t → a.cell.1 ≠ 3 → Limbs a.read ∧ Limbs a.write

/-- At time `t`, every access outside space 3 whose cell's earlier accesses all precede `t` reads
limbs (for instance a read at 4 clk + 4 of a register other than the one written at 4 clk + 3). -/
def ReadsBefore (accs : List (Access Cell Val)) (t : Nat) : Prop :=
  ∀ a ∈ accs, a.cell.1 ≠ 3 → (∀ a' ∈ accs, a'.cell = a.cell → a'.ts < a.ts → a'.ts < t) →
    Limbs a.read

/-- **`WordWrites` by induction on time**: if every boundary row outside space 3 starts with
limbs, and every access outside space 3 writes back what it read or — given that everything
earlier is limbs and its own read is — writes limbs, then `WordWrites`. -/
theorem wordWrites_of_steps {accs : List (Access Cell Val)} {bnd : List (Boundary Cell Val)}
    (hh : Hypotheses accs bnd)
    (hstep : ∀ a ∈ accs, a.cell.1 ≠ 3 → LimbsBefore accs a.ts → ReadsBefore accs a.ts →
      Limbs a.read → a.write = a.read ∨ Limbs a.write)
    (hb : ∀ b ∈ bnd, b.cell.1 ≠ 3 → Limbs b.init) : WordWrites accs :=
  fun a ha hq =>
    (writes_of_steps (Q := fun c : Cell => c.1 ≠ 3) (P := Limbs) hh
      (fun a ha hq hbef hrds =>
        hstep a ha hq hbef hrds (hrds a ha hq fun _ _ _ h => h)) hb a ha hq).2

/-! ## Per access kind -/

/-- **A MEM row's write**: a load writes back the word it read; a store, whose a, b, imm and old
word are limbs, writes limbs. -/
theorem mem_step {rm : Row BabyBear} (hg : Mem.Groups rm) (hl : Mem.Lookups rm)
    (hreal : Mem.real rm = 1)
    (hin : (rm Mem.Col.aLo).val < 2 ^ 16 ∧ (rm Mem.Col.aHi).val < 2 ^ 16 ∧
      (rm Mem.Col.bLo).val < 2 ^ 16 ∧ (rm Mem.Col.bHi).val < 2 ^ 16 ∧
      (rm Mem.Col.immLo).val < 2 ^ 16 ∧ (rm Mem.Col.immHi).val < 2 ^ 16)
    (hold : Limbs (memAccess rm).read) :
    (memAccess rm).write = (memAccess rm).read ∨ Limbs (memAccess rm).write := by
  obtain ⟨i0, i1, i2, i3, i4, i5⟩ := hin
  have hi : Mem.Inputs rm := ⟨i0, i1, i2, i3, i4, i5, hold.1, hold.2⟩
  have hlo := hg.load_lo
  have hhi := hg.load_hi
  unfold Mem.isLoad at hlo hhi
  have keep : ∀ o : Mem.Op, rm o.flag = 1 → Mem.isLoad rm = 1 →
      (memAccess rm).write = (memAccess rm).read := by
    intro o _ h1
    unfold Mem.isLoad at h1
    rw [h1] at hlo hhi
    have e0 : rm Mem.Col.newLo = rm Mem.Col.oldLo := by grind
    have e1 : rm Mem.Col.newHi = rm Mem.Col.oldHi := by grind
    simp only [memAccess, e0, e1]
  rcases Mem.flag_cases hg hreal with h | h | h | h | h | h | h | h
  · have hf := Zkvm.Air.V2.eq_one_of_val h
    obtain ⟨f0, f1, f2, f3, f4, -, -, -⟩ := Mem.only_flag hg .lb hf
    simp only [reduceCtorEq, if_true, if_false] at f0 f1 f2 f3 f4
    exact Or.inl (keep .lb hf (by unfold Mem.isLoad; rw [f0, f1, f2, f3, f4]; grind))
  · have hf := Zkvm.Air.V2.eq_one_of_val h
    obtain ⟨f0, f1, f2, f3, f4, -, -, -⟩ := Mem.only_flag hg .lh hf
    simp only [reduceCtorEq, if_true, if_false] at f0 f1 f2 f3 f4
    exact Or.inl (keep .lh hf (by unfold Mem.isLoad; rw [f0, f1, f2, f3, f4]; grind))
  · have hf := Zkvm.Air.V2.eq_one_of_val h
    obtain ⟨f0, f1, f2, f3, f4, -, -, -⟩ := Mem.only_flag hg .lw hf
    simp only [reduceCtorEq, if_true, if_false] at f0 f1 f2 f3 f4
    exact Or.inl (keep .lw hf (by unfold Mem.isLoad; rw [f0, f1, f2, f3, f4]; grind))
  · have hf := Zkvm.Air.V2.eq_one_of_val h
    obtain ⟨f0, f1, f2, f3, f4, -, -, -⟩ := Mem.only_flag hg .lbu hf
    simp only [reduceCtorEq, if_true, if_false] at f0 f1 f2 f3 f4
    exact Or.inl (keep .lbu hf (by unfold Mem.isLoad; rw [f0, f1, f2, f3, f4]; grind))
  · have hf := Zkvm.Air.V2.eq_one_of_val h
    obtain ⟨f0, f1, f2, f3, f4, -, -, -⟩ := Mem.only_flag hg .lhu hf
    simp only [reduceCtorEq, if_true, if_false] at f0 f1 f2 f3 f4
    exact Or.inl (keep .lhu hf (by unfold Mem.isLoad; rw [f0, f1, f2, f3, f4]; grind))
  · obtain ⟨-, -, n0, n1⟩ := Mem.sb_sound hg hl hi (Zkvm.Air.V2.eq_one_of_val h)
    exact Or.inr ⟨n0, n1⟩
  · obtain ⟨-, -, n0, n1⟩ := Mem.sh_sound hg hl hi (Zkvm.Air.V2.eq_one_of_val h)
    exact Or.inr ⟨n0, n1⟩
  · obtain ⟨-, -, n0, n1⟩ := Mem.sw_sound hg hl hi (Zkvm.Air.V2.eq_one_of_val h)
    exact Or.inr ⟨n0, n1⟩

/-- **An IO row whose new bytes are bytes writes limbs.** -/
theorem io_bytes_limbs {ri : Row BabyBear}
    (hn : ∀ j ∈ Io.lanes, (ri (Io.Col.n0 + j)).val < 2 ^ 8) : Limbs (ioAccess ri).write := by
  have b0 : (ri Io.Col.n0).val < 2 ^ 8 := hn 0 (by simp [Io.lanes])
  have b1 : (ri (Io.Col.n0 + 1)).val < 2 ^ 8 := hn 1 (by simp [Io.lanes])
  have b2 : (ri (Io.Col.n0 + 2)).val < 2 ^ 8 := hn 2 (by simp [Io.lanes])
  have b3 : (ri (Io.Col.n0 + 2 + 1)).val < 2 ^ 8 := hn 3 (by simp [Io.lanes])
  have e0 := halfAt_val b0 b1
  have e2 := halfAt_val b2 b3
  refine ⟨?_, ?_⟩
  · show (Io.halfAt ri Io.Col.n0).val < 2 ^ 16
    rw [e0]; omega
  · show (Io.halfAt ri (Io.Col.n0 + 2)).val < 2 ^ 16
    rw [e2]; omega

/-- **An IO write row writes back the word it read** (`write_keep`). -/
theorem io_write_keep {ri : Row BabyBear} (hg : Io.Groups ri) (hw : Io.writes ri = 1) :
    (ioAccess ri).write = (ioAccess ri).read := by
  have k : ∀ j ∈ Io.lanes, ri (Io.Col.n0 + j) = ri (Io.Col.u0 + j) := by
    intro j hj
    have := hg.write_keep j hj
    rw [hw] at this
    grind
  have k0 : ri Io.Col.n0 = ri Io.Col.u0 := k 0 (by simp [Io.lanes])
  have k1 : ri (Io.Col.n0 + 1) = ri (Io.Col.u0 + 1) := k 1 (by simp [Io.lanes])
  have k2 : ri (Io.Col.n0 + 2) = ri (Io.Col.u0 + 2) := k 2 (by simp [Io.lanes])
  have k3 : ri (Io.Col.n0 + 2 + 1) = ri (Io.Col.u0 + 2 + 1) := k 3 (by simp [Io.lanes])
  simp only [ioAccess, Io.halfAt, k0, k1, k2, k3]

/-- A real IO row is a write row or a read row. -/
theorem io_kind_or {ri : Row BabyBear} (hg : Io.Groups ri) (hreal : Io.real ri = 1) :
    Io.writes ri = 1 ∨ Io.reads ri = 1 := by
  unfold Io.writes Io.reads
  rcases io_kind_cases hg hreal with ⟨h1, h2, h3, h4⟩ | ⟨h1, h2, h3, h4⟩ | ⟨h1, h2, h3, h4⟩ |
      ⟨h1, h2, h3, h4⟩ <;> rw [h1, h2, h3, h4] <;> decide

/-! ## The witness's accesses -/

/-- **Written values are word limbs, over the witness's accesses**: from the memory argument's
hypotheses, the boundary rows' initial limbs outside space 3, the MEM and IO rows' groups and
lookups, and, given that everything earlier is limbs, the rd port's c (`hrd`), the real MEM rows'
a, b and imm (`hmemIn`) and the real IO rows' new bytes unless they are write rows (`hio`). -/
theorem wordWrites_of_witness {cpu mem sys io : List (Row BabyBear)}
    {bnd : List (Boundary Cell Val)}
    (hh : Hypotheses (witnessAccs cpu mem sys io) bnd)
    (hbnd : ∀ b ∈ bnd, b.cell.1 ≠ 3 → Limbs b.init)
    (hrd : ∀ r ∈ cpu, r fWr = 1 →
      LimbsBefore (witnessAccs cpu mem sys io) (4 * (r clk).val + 1 + 1 + 1) →
      ReadsBefore (witnessAccs cpu mem sys io) (4 * (r clk).val + 1 + 1 + 1) →
        Limbs (r cLo, r cHi))
    (hmemG : ∀ rm ∈ mem, Mem.Groups rm) (hmemL : ∀ rm ∈ mem, Mem.Lookups rm)
    (hmemIn : ∀ rm ∈ mem, Mem.real rm = 1 →
      LimbsBefore (witnessAccs cpu mem sys io) (memAccess rm).ts →
        (rm Mem.Col.aLo).val < 2 ^ 16 ∧ (rm Mem.Col.aHi).val < 2 ^ 16 ∧
        (rm Mem.Col.bLo).val < 2 ^ 16 ∧ (rm Mem.Col.bHi).val < 2 ^ 16 ∧
        (rm Mem.Col.immLo).val < 2 ^ 16 ∧ (rm Mem.Col.immHi).val < 2 ^ 16)
    (hioG : ∀ ri ∈ io, Io.Groups ri)
    (hio : ∀ ri ∈ io, Io.real ri = 1 → Io.reads ri = 1 →
      LimbsBefore (witnessAccs cpu mem sys io) (ioAccess ri).ts →
        ∀ j ∈ Io.lanes, (ri (Io.Col.n0 + j)).val < 2 ^ 8) :
    WordWrites (witnessAccs cpu mem sys io) := by
  refine wordWrites_of_steps hh (fun a ha hq hbef hrds hread => ?_) hbnd
  rcases mem_witnessAccs ha with ⟨r, hr, ha'⟩ | ⟨rm, hrm, ha'⟩ | ⟨rs, -, ha'⟩ | ⟨ri, hri, ha'⟩
  · rcases mem_cpuAccesses ha' with ⟨-, rfl | rfl⟩ | ⟨hw, rfl⟩
    · exact Or.inl rfl
    · exact Or.inl rfl
    · exact Or.inr (hrd r hr hw hbef hrds)
  · unfold memAccesses at ha'; split at ha'
    · rename_i hreal
      simp only [List.mem_singleton] at ha'; subst ha'
      exact mem_step (hmemG rm hrm) (hmemL rm hrm) hreal (hmemIn rm hrm hreal hbef) hread
    · cases ha'
  · unfold syscallAccesses at ha'
    simp only [List.mem_append] at ha'
    rcases ha' with (ha' | ha') | ha' <;> split at ha' <;>
      simp only [List.mem_cons, List.not_mem_nil, or_false] at ha'
    all_goals first
      | (rcases ha' with rfl | rfl <;> exact Or.inl rfl)
      | (subst ha'; exact absurd rfl hq)
      | cases ha'
  · unfold ioAccesses at ha'; split at ha'
    · rename_i hreal
      simp only [List.mem_singleton] at ha'; subst ha'
      rcases io_kind_or (hioG ri hri) hreal with hw | hr
      · exact Or.inl (io_write_keep (hioG ri hri) hw)
      · exact Or.inr (io_bytes_limbs (hio ri hri hreal hr hbef))
    · cases ha'

/-- **`wordWrites_of_witness` with the tables' groups and lookups from the bus facts**
(`Exec.BusFacts`: `ok.mem`, `looks.mem`, `ok.io`), over any CPU rows (in `run_of_bus`, the run's
rows). -/
theorem wordWrites_of_bus {T : Exec.Tables} {ssent srcvd : List (List BabyBear)}
    {code : List (UInt32 × UInt32)} (hF : Exec.BusFacts T ssent srcvd code)
    {cpu : List (Row BabyBear)} {bnd : List (Boundary Cell Val)}
    (hh : Hypotheses (witnessAccs cpu T.mem T.sys T.io) bnd)
    (hbnd : ∀ b ∈ bnd, b.cell.1 ≠ 3 → Limbs b.init)
    (hrd : ∀ r ∈ cpu, r fWr = 1 →
      LimbsBefore (witnessAccs cpu T.mem T.sys T.io) (4 * (r clk).val + 1 + 1 + 1) →
      ReadsBefore (witnessAccs cpu T.mem T.sys T.io) (4 * (r clk).val + 1 + 1 + 1) →
        Limbs (r cLo, r cHi))
    (hmemIn : ∀ rm ∈ T.mem, Mem.real rm = 1 →
      LimbsBefore (witnessAccs cpu T.mem T.sys T.io) (memAccess rm).ts →
        (rm Mem.Col.aLo).val < 2 ^ 16 ∧ (rm Mem.Col.aHi).val < 2 ^ 16 ∧
        (rm Mem.Col.bLo).val < 2 ^ 16 ∧ (rm Mem.Col.bHi).val < 2 ^ 16 ∧
        (rm Mem.Col.immLo).val < 2 ^ 16 ∧ (rm Mem.Col.immHi).val < 2 ^ 16)
    (hio : ∀ ri ∈ T.io, Io.real ri = 1 → Io.reads ri = 1 →
      LimbsBefore (witnessAccs cpu T.mem T.sys T.io) (ioAccess ri).ts →
        ∀ j ∈ Io.lanes, (ri (Io.Col.n0 + j)).val < 2 ^ 8) :
    WordWrites (witnessAccs cpu T.mem T.sys T.io) :=
  wordWrites_of_witness hh hbnd hrd hF.ok.mem hF.looks.mem hmemIn hF.ok.io hio

end Zkvm.Air.V2.Run

end
