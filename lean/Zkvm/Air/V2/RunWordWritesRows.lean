module

public import Zkvm.Air.V2.RunWordWrites
public import Zkvm.Air.V2.RunTrace
public import Zkvm.Air.V2.RunStatement
public import Zkvm.Air.V2.RunPort3

/-!
# A MEM row's inputs are limbs (`hmemIn` of `wordWrites_of_bus`), from the run's rows

`wordWrites_of_bus` (RunWordWrites.lean) takes `hmemIn`: every real MEM row's a, b and imm are
16-bit limbs, given that every access before the MEM row's (at 4 clk + 4) reads and writes limbs
(`LimbsBefore`). This file derives it (`memIn_of_bus`) over the witness's accesses whose CPU rows
are the run's rows:

* the MEM row answers a CPU row's request (`Exec.mem_answers_cpu`): the same EXEC message, so the
  same clk, a, b and imm (`mem_join`);
* that CPU row has f_exec, so it is a run row (`RunRows.req`), real, and its rs1 and rs2 reads
  (`rs1Access`, `rs2Access`, at 4 clk + 1 and 4 clk + 2, before 4 clk + 4, in register space 0)
  are among the witness's accesses: by `LimbsBefore` they read limbs, and what they read is a
  and b (`run_reads_limbs`);
* its imm is the PROG row's (`Exec.BusFacts.prog`: the row's PROG message is in the program
  table, `prog_imm_limbs`): `felt (imm &&& 65535)` and `felt (imm >>> 16)`, below 2^16
  (`Step.felt_and_lt`, `Step.felt_shr_lt`).

The hypotheses are those `run_of_bus` has (`Exec.BusFacts`, `RunRows`, `hcode`) and the EXEC
balance (`ExecBalanced`, which `run_of_bus` derives from `hF.balanced` and `hstag` through
`Exec.balances_of_bus`; `memIn_of_stag` takes `hstag` instead).

## The rd port's value (`hrd`), by instruction class

A run row runs the instruction its PROG message names (`Step.runs_of_prog`); its f_wr, f_k and
f_exec are the program row's (`flags_of_row`). `rd_of_bus` is `hrd` in its exact form given the
loads' and ECALLs' results; `rd_of_bus_ecall` given the ECALLs' only:
* LUI, AUIPC, JAL, JALR (f_k): c = k, the PROG row's k in limbs (`rd_k_limbs`);
* OP, OP-IMM, M (f_exec): `Exec.contract_of_receives` on the request's receiver, with the
  operands words (a, b: the rs1 and rs2 reads, imm: the PROG row's) (`rd_contract_limbs`);
* branches, stores, FENCE: f_wr = 0;
* loads (op 10 … 14): the MEM row's c (`Mem.lb_sound` … `lhu_sound`), its old word being the
  MEM access's read, limbs by `ReadsBefore` (`rd_load_limbs`);
* ECALL: only the exit is done (`rd_exit_limbs`: c = b, the rs2 read); the write (c = len, the
  a2 read at 4 clk + 4) and the read (c from the SYSCALL lookups) remain as `hecall`.
-/

@[expose] public section

noncomputable section

namespace Zkvm.Air.V2.Run

open Zkvm.Field Zkvm.RiscV Zkvm.Air.Table Zkvm.Air.Memory Zkvm.Air.V2.Cpu Zkvm.Air.V2.Cpu.Col
open Zkvm.Air.V2.Exec (Tables ExecBalanced felt)
open Zkvm.Air.V2.Step (progMsg progTable)

/-- **A real CPU row's immediate is limbs**: its PROG message in the program table is a decoded
program row's, whose imm limbs are `felt (imm &&& 65535)` and `felt (imm >>> 16)`. -/
theorem prog_imm_limbs {r : Row BabyBear} {code : List (UInt32 × UInt32)}
    (hm : progMsg r ∈ progTable code) :
    (r immLo).val < 2 ^ 16 ∧ (r immHi).val < 2 ^ 16 := by
  obtain ⟨p, -, hrow⟩ := List.mem_filterMap.mp hm
  cases hd : Spec.decodeRow p.1 p.2 with
  | none => rw [hd] at hrow; simp at hrow
  | some row =>
    rw [hd] at hrow
    simp only [Option.map_some, Option.some.injEq] at hrow
    obtain ⟨-, -, -, -, -, hlo, hhi, -⟩ := Step.prog_fields hrow.symm
    rw [hlo, hhi]
    exact ⟨Step.felt_and_lt _, Step.felt_shr_lt _⟩

/-- The accesses of the run's rows: a row of a run, real, has its rs1 and rs2 reads among the
witness's accesses. -/
theorem run_ports_mem {wins : Nat → Window BabyBear} {N : Nat} {mem sys io : List (Row BabyBear)}
    {n : Nat} (hn : n < N) (hreal : (wins n).cur isReal = 1) :
    rs1Access (wins n).cur ∈ witnessAccs ((List.range N).map fun m => (wins m).cur) mem sys io ∧
    rs2Access (wins n).cur ∈ witnessAccs ((List.range N).map fun m => (wins m).cur) mem sys io := by
  have hr : (wins n).cur ∈ (List.range N).map fun m => (wins m).cur :=
    List.mem_map.mpr ⟨n, List.mem_range.mpr hn, rfl⟩
  constructor <;>
  · simp only [witnessAccs, List.mem_append, List.mem_flatMap]
    refine Or.inl (Or.inl (Or.inl ⟨_, hr, ?_⟩))
    simp [cpuAccesses, hreal]

/-- **A run row's a and b are limbs when everything before its port 3 is**: its rs1 and rs2
reads, at 4 clk + 1 and 4 clk + 2 in register space, are earlier than 4 clk + 4. -/
theorem run_reads_limbs {wins : Nat → Window BabyBear} {N : Nat}
    {mem sys io : List (Row BabyBear)} {n : Nat} (hn : n < N)
    (hreal : (wins n).cur isReal = 1) {t : Nat}
    (ht : 4 * ((wins n).cur clk).val + 1 + 1 < t)
    (hb : LimbsBefore (witnessAccs ((List.range N).map fun m => (wins m).cur) mem sys io) t) :
    Limbs ((wins n).cur aLo, (wins n).cur aHi) ∧ Limbs ((wins n).cur bLo, (wins n).cur bHi) := by
  obtain ⟨h1, h2⟩ := run_ports_mem (mem := mem) (sys := sys) (io := io) hn hreal
  refine ⟨(hb _ h1 (by simp only [rs1Access]; omega) (by simp only [rs1Access]; decide)).1,
    (hb _ h2 (by simp only [rs2Access]; omega) (by simp only [rs2Access]; decide)).1⟩

/-- **The EXEC join of a MEM row**: a real MEM row receives the request of a run row (f_exec,
so a run row by `RunRows.req`) with the same clk, a, b and imm. -/
theorem mem_join {T : Tables} (hok : T.Ok) (hexec : ExecBalanced T)
    {wins : Nat → Window BabyBear} {N : Nat} (hrr : RunRows T wins N)
    {rm : Row BabyBear} (hrm : rm ∈ T.mem) (hreal : Mem.real rm = 1) :
    ∃ n < N, (wins n).cur fExec = 1 ∧ (wins n).cur clk = rm Mem.Col.clk ∧
      (wins n).cur aLo = rm Mem.Col.aLo ∧ (wins n).cur aHi = rm Mem.Col.aHi ∧
      (wins n).cur bLo = rm Mem.Col.bLo ∧ (wins n).cur bHi = rm Mem.Col.bHi ∧
      (wins n).cur immLo = rm Mem.Col.immLo ∧ (wins n).cur immHi = rm Mem.Col.immHi := by
  obtain ⟨r, hr, hx, he⟩ := Exec.mem_answers_cpu hok hexec hrm hreal
  have he' := Exec.Msg.fields_inj he
  simp only [Exec.Cpu.execMsg, Exec.Mem.execMsg, Exec.Msg.mk.injEq] at he'
  obtain ⟨n, hn, rfl⟩ := hrr.req r hr hx
  exact ⟨n, hn, hx, he'.2.1, he'.2.2.1, he'.2.2.2.1, he'.2.2.2.2.1, he'.2.2.2.2.2.1,
    he'.2.2.2.2.2.2.2.2.1, he'.2.2.2.2.2.2.2.2.2.1⟩

/-- **A real MEM row's a, b and imm are limbs, from the bus and the run's rows**
(`wordWrites_of_bus`'s `hmemIn`, in its exact form, over the witness's accesses whose CPU rows are
the run's rows): the row answers a run row's request (`mem_join`), whose a and b are its rs1 and
rs2 reads before the MEM access (`run_reads_limbs`) and whose imm is its PROG row's
(`prog_imm_limbs`). -/
theorem memIn_of_bus {T : Tables} {ssent srcvd : List (List BabyBear)}
    {code : List (UInt32 × UInt32)} (hF : Exec.BusFacts T ssent srcvd code)
    (hexec : ExecBalanced T) {wins : Nat → Window BabyBear} {N : Nat} (hrr : RunRows T wins N) :
    ∀ rm ∈ T.mem, Mem.real rm = 1 →
      LimbsBefore (witnessAccs ((List.range N).map fun m => (wins m).cur) T.mem T.sys T.io)
        (memAccess rm).ts →
        (rm Mem.Col.aLo).val < 2 ^ 16 ∧ (rm Mem.Col.aHi).val < 2 ^ 16 ∧
        (rm Mem.Col.bLo).val < 2 ^ 16 ∧ (rm Mem.Col.bHi).val < 2 ^ 16 ∧
        (rm Mem.Col.immLo).val < 2 ^ 16 ∧ (rm Mem.Col.immHi).val < 2 ^ 16 := by
  intro rm hrm hreal hb
  obtain ⟨n, hn, -, hc, ea0, ea1, eb0, eb1, ei0, ei1⟩ := mem_join hF.ok hexec hrr hrm hreal
  have hrl := hrr.real n hn
  obtain ⟨⟨a0, a1⟩, ⟨b0, b1⟩⟩ := run_reads_limbs hn hrl
    (by simp only [memAccess]; rw [hc]; omega) hb
  obtain ⟨i0, i1⟩ := prog_imm_limbs (hF.prog _ (hrr.mem n hn) hrl)
  rw [← ea0, ← ea1, ← eb0, ← eb1, ← ei0, ← ei1]
  exact ⟨a0, a1, b0, b1, i0, i1⟩

/-- **`memIn_of_bus` with the EXEC balance from the statement's tags** (as `run_of_bus` has
them: the statement carries no EXEC, HALT or IO message; `Exec.balances_of_bus`). -/
theorem memIn_of_stag {T : Tables} {ssent srcvd : List (List BabyBear)}
    {code : List (UInt32 × UInt32)} (hF : Exec.BusFacts T ssent srcvd code)
    (hstag : ∀ m ∈ ssent ++ srcvd, m.head? ≠ some 10 ∧ m.head? ≠ some 11 ∧ m.head? ≠ some 13)
    {wins : Nat → Window BabyBear} {N : Nat} (hrr : RunRows T wins N) :
    ∀ rm ∈ T.mem, Mem.real rm = 1 →
      LimbsBefore (witnessAccs ((List.range N).map fun m => (wins m).cur) T.mem T.sys T.io)
        (memAccess rm).ts →
        (rm Mem.Col.aLo).val < 2 ^ 16 ∧ (rm Mem.Col.aHi).val < 2 ^ 16 ∧
        (rm Mem.Col.bLo).val < 2 ^ 16 ∧ (rm Mem.Col.bHi).val < 2 ^ 16 ∧
        (rm Mem.Col.immLo).val < 2 ^ 16 ∧ (rm Mem.Col.immHi).val < 2 ^ 16 :=
  memIn_of_bus hF (Exec.balances_of_bus hF.balanced hstag).1 hrr

/-! ## The rd port's value, by instruction class (`hrd`) -/

/-- The f_wr, f_k and f_exec bits of the packed PROG flags. -/
theorem progFlags_bits (row : Spec.ProgramRow) :
    (Spec.progFlags row).toNat < 64 ∧
      (Spec.progFlags row).toNat % 2 = (if row.writeRd = 1 then 1 else 0) ∧
      (Spec.progFlags row).toNat / 16 % 2 = (if Spec.flagK row = true then 1 else 0) ∧
      (Spec.progFlags row).toNat / 32 % 2 = if Spec.flagExec row = true then 1 else 0 := by
  simp only [Spec.progFlags]
  by_cases h1 : row.writeRd = 1 <;> by_cases h2 : Spec.flagBr row = true <;>
    by_cases h3 : row.op = 2 <;> by_cases h4 : row.op = 3 <;>
    by_cases h5 : Spec.flagK row = true <;> by_cases h6 : Spec.flagExec row = true <;>
    simp only [h1, h2, h3, h4, h5, h6, if_true, if_false] <;> decide

/-- **A row's f_wr, f_k and f_exec are its program row's.** -/
theorem flags_of_row {w : Window BabyBear} (hg : Groups w) {row : Spec.ProgramRow}
    (hp : progMsg w.cur = (Spec.progMessage row).map felt) :
    (w.cur fWr).val = (if row.writeRd = 1 then 1 else 0) ∧
      (w.cur fK).val = (if Spec.flagK row = true then 1 else 0) ∧
      (w.cur fExec).val = if Spec.flagExec row = true then 1 else 0 := by
  obtain ⟨-, -, -, -, -, -, -, -, -, -, hfl⟩ := Step.prog_fields hp
  obtain ⟨hlt, h0, hk, hx⟩ := progFlags_bits row
  have hfl' : packedFlags w.cur = (((Spec.progFlags row).toNat : Nat) : BabyBear) := hfl
  obtain ⟨fw, -, -, -, fk, fe⟩ := Step.flags_of_packed hg hlt hfl'
  exact ⟨fw.trans h0, fk.trans hk, fe.trans hx⟩

/-- **LUI, AUIPC, JAL, JALR (f_k)**: rd's value is the PROG row's k, in limbs. -/
theorem rd_k_limbs {w : Window BabyBear} (hg : Groups w) (hk : w.cur fK = 1)
    {row : Spec.ProgramRow} (hp : progMsg w.cur = (Spec.progMessage row).map felt) :
    Limbs (w.cur cLo, w.cur cHi) := by
  obtain ⟨e0, e1⟩ := c_of_fK hg hk
  obtain ⟨-, -, -, -, -, -, -, k0, k1, -⟩ := Step.prog_fields hp
  show (w.cur cLo).val < 2 ^ 16 ∧ (w.cur cHi).val < 2 ^ 16
  rw [e0, e1, k0, k1]
  exact ⟨Step.felt_and_lt _, Step.felt_shr_lt _⟩

/-- **A computed result (OP, OP-IMM, M)**: a CPU row with f_exec whose operands are words and
whose op is a register op's, its immediate form's or an M op's has c in limbs
(`Exec.contract_of_receives` on the request's receiver, `Exec.cpu_request_received`). -/
theorem rd_contract_limbs {T : Tables} (hok : T.Ok) (hlk : T.Looks) (hexec : ExecBalanced T)
    {r : Row BabyBear} (hr : r ∈ T.cpu) (hx : r fExec = 1)
    (hb : (Exec.Cpu.execMsg r).Bounded)
    (hop : (∃ o : AluOp, r op = felt (Spec.aluOp o)) ∨
      (∃ o : AluOp, r op = felt (Spec.aluOp o) + 64) ∨
      (∃ o : MulOp, r op = felt (Spec.mulOp o))) :
    Limbs (r cLo, r cHi) := by
  have hc := Exec.contract_of_receives hb (Exec.cpu_request_received hok hlk hexec hr hx)
  rcases hop with ⟨o, ho⟩ | ⟨o, ho⟩ | ⟨o, ho⟩
  · exact (hc.op o ho).2
  · exact (hc.opImm o ho).2
  · exact (hc.mulDiv o ho).2

/-- **The rd port's value is limbs, by instruction class** (`wordWrites_of_bus`'s `hrd`, in its
exact form, over the witness's accesses whose CPU rows are the run's rows), given the loads'
(`hload`: op 10 … 14) and the ECALLs' (`hecall`: op 36) results: a run row runs the instruction
its PROG message names (`Step.runs_of_prog`); LUI, AUIPC, JAL and JALR have f_k, so c = k
(`rd_k_limbs`); OP, OP-IMM and M have f_exec, and their operands are words (a, b: the rs1 and
rs2 reads before 4 clk + 3, `run_reads_limbs`; imm: `prog_imm_limbs`), so the contract gives c
(`rd_contract_limbs`); branches, stores and FENCE do not write rd. -/
theorem rd_of_bus {T : Tables} {ssent srcvd : List (List BabyBear)}
    {code : List (UInt32 × UInt32)} (hF : Exec.BusFacts T ssent srcvd code)
    (hexec : ExecBalanced T) {wins : Nat → Window BabyBear} {N : Nat} (hrr : RunRows T wins N)
    (hcode : ∀ p ∈ code, p.1.toNat < 2 ^ 30)
    (hload : ∀ n < N, 10 ≤ ((wins n).cur op).val → ((wins n).cur op).val ≤ 14 →
      (wins n).cur fWr = 1 →
      LimbsBefore (witnessAccs ((List.range N).map fun m => (wins m).cur) T.mem T.sys T.io)
        (4 * ((wins n).cur clk).val + 1 + 1 + 1) →
      ReadsBefore (witnessAccs ((List.range N).map fun m => (wins m).cur) T.mem T.sys T.io)
        (4 * ((wins n).cur clk).val + 1 + 1 + 1) →
        Limbs ((wins n).cur cLo, (wins n).cur cHi))
    (hecall : ∀ n < N, ((wins n).cur op).val = 36 → (wins n).cur fWr = 1 →
      LimbsBefore (witnessAccs ((List.range N).map fun m => (wins m).cur) T.mem T.sys T.io)
        (4 * ((wins n).cur clk).val + 1 + 1 + 1) →
      ReadsBefore (witnessAccs ((List.range N).map fun m => (wins m).cur) T.mem T.sys T.io)
        (4 * ((wins n).cur clk).val + 1 + 1 + 1) →
        Limbs ((wins n).cur cLo, (wins n).cur cHi)) :
    ∀ r ∈ (List.range N).map (fun m => (wins m).cur), r fWr = 1 →
      LimbsBefore (witnessAccs ((List.range N).map fun m => (wins m).cur) T.mem T.sys T.io)
        (4 * (r clk).val + 1 + 1 + 1) →
      ReadsBefore (witnessAccs ((List.range N).map fun m => (wins m).cur) T.mem T.sys T.io)
        (4 * (r clk).val + 1 + 1 + 1) →
        Limbs (r cLo, r cHi) := by
  intro r hr hw hb hrb
  obtain ⟨n, hn, rfl⟩ := List.mem_map.mp hr
  have hn : n < N := List.mem_range.mp hn
  have hg := hrr.rows.groups n hn
  have hreal := hrr.real n hn
  have hm := hF.prog _ (hrr.mem n hn) hreal
  obtain ⟨⟨a0, a1⟩, ⟨b0, b1⟩⟩ := run_reads_limbs hn hreal (by omega) hb
  obtain ⟨i0, i1⟩ := prog_imm_limbs hm
  have hbd : (Exec.Cpu.execMsg (wins n).cur).Bounded := ⟨a0, a1, b0, b1, i0, i1⟩
  have contract := rd_contract_limbs hF.ok hF.looks hexec (hrr.mem n hn)
  obtain ⟨p, -, i, -, hruns, -⟩ := Step.runs_of_prog code hcode hm
  obtain ⟨row, hrow, hp⟩ := hruns
  obtain ⟨-, hope, -⟩ := Step.prog_fields hp
  obtain ⟨fw, fk, fe⟩ := flags_of_row hg hp
  have kcase : Spec.flagK row = true → Limbs ((wins n).cur cLo, (wins n).cur cHi) := fun h =>
    rd_k_limbs hg (Zkvm.Air.V2.eq_one_of_val (by rw [fk, if_pos h])) hp
  have xcase : 3 ≤ row.op.toNat → row.op.toNat ≤ 36 → (wins n).cur fExec = 1 := fun h3 h36 =>
    Zkvm.Air.V2.eq_one_of_val (by rw [fe, if_pos (flagExec_of_range h3 h36)])
  have nowr : row.writeRd = 0 → False := by
    intro h0
    rw [hw, h0, if_neg (by decide)] at fw
    exact absurd fw (by decide)
  cases i <;> simp only [Spec.programRow, Option.some.injEq, reduceCtorEq] at hrow <;>
    subst hrow
  case lui => exact kcase (by simp [Spec.flagK])
  case auipc => exact kcase (by simp [Spec.flagK])
  case jal => exact kcase (by simp [Spec.flagK])
  case jalr => exact kcase (by simp [Spec.flagK])
  case branch => exact (nowr rfl).elim
  case store => exact (nowr rfl).elim
  case fence => exact (nowr rfl).elim
  case load wd _ _ _ =>
    have := Step.loadOp_range wd
    have hv : ((wins n).cur op).val = (Spec.loadOp wd).toNat := by
      rw [hope]
      simp only [Spec.execOp, show ¬ ((0 : UInt32) = 1) by decide, ↓reduceIte]
      exact Step.val_felt (by omega)
    exact hload n hn (by omega) (by omega) hw hb hrb
  case ecall =>
    have hv : ((wins n).cur op).val = 36 := by
      rw [hope]
      simp only [Spec.execOp, show ¬ ((0 : UInt32) = 1) by decide, ↓reduceIte]
      exact Step.val_felt (by decide)
    exact hecall n hn hv hw hb hrb
  case op o _ _ _ =>
    have := Step.aluOp_range o
    refine contract (xcase (by dsimp only; omega) (by dsimp only; omega)) hbd (Or.inl ⟨o, ?_⟩)
    rw [hope]
    simp only [Spec.execOp, show ¬ ((0 : UInt32) = 1) by decide, ↓reduceIte]
  case mulDiv o _ _ _ =>
    have := Step.mulOp_range o
    refine contract (xcase (by dsimp only; omega) (by dsimp only; omega)) hbd (Or.inr (Or.inr ⟨o, ?_⟩))
    rw [hope]
    simp only [Spec.execOp, show ¬ ((0 : UInt32) = 1) by decide, ↓reduceIte]
  case opImm o _ _ _ =>
    have := Step.aluOp_range o
    refine contract (xcase (by dsimp only; omega) (by dsimp only; omega)) hbd (Or.inr (Or.inl ⟨o, ?_⟩))
    rw [hope]
    have h64 : (Spec.aluOp o + 64).toNat = (Spec.aluOp o).toNat + 64 := by
      rw [UInt32.toNat_add]; simp only [UInt32.reduceToNat]; omega
    simp only [Spec.execOp, ↓reduceIte, felt, h64]
    push_natCast

/-- **Loads (op 10 … 14)**: the rd port's value is the MEM row's c (the EXEC join,
`Exec.mem_receiver`), which `Mem.lb_sound` … `lhu_sound` put in limbs once the row's inputs are:
a and b are the run row's rs1 and rs2 reads (before 4 clk + 3), imm its PROG row's, and the old
word the MEM access's read at 4 clk + 4, limbs by `ReadsBefore` at 4 clk + 3 since the only
accesses at 4 clk + 3 are rd ports, in register space (the MEM access is in space 1 or 2). -/
theorem rd_load_limbs {T : Tables} {ssent srcvd : List (List BabyBear)}
    {code : List (UInt32 × UInt32)} (hF : Exec.BusFacts T ssent srcvd code)
    (hexec : ExecBalanced T) {wins : Nat → Window BabyBear} {N : Nat} (hrr : RunRows T wins N)
    (hcode : ∀ p ∈ code, p.1.toNat < 2 ^ 30) :
    ∀ n < N, 10 ≤ ((wins n).cur op).val → ((wins n).cur op).val ≤ 14 →
      (wins n).cur fWr = 1 →
      LimbsBefore (witnessAccs ((List.range N).map fun m => (wins m).cur) T.mem T.sys T.io)
        (4 * ((wins n).cur clk).val + 1 + 1 + 1) →
      ReadsBefore (witnessAccs ((List.range N).map fun m => (wins m).cur) T.mem T.sys T.io)
        (4 * ((wins n).cur clk).val + 1 + 1 + 1) →
        Limbs ((wins n).cur cLo, (wins n).cur cHi) := by
  intro n hn h10 h14 _ hb hrb
  have hg := hrr.rows.groups n hn
  have hreal := hrr.real n hn
  have hm := hF.prog _ (hrr.mem n hn) hreal
  obtain ⟨p, -, i, -, hruns, -⟩ := Step.runs_of_prog code hcode hm
  have hx := exec_of_mem_op hg hruns h10 (by omega)
  obtain ⟨rm, hrm, hrealm, he⟩ := Exec.mem_receiver hF.ok hF.looks hexec (hrr.mem n hn) hx h10
    (by omega)
  simp only [Exec.Cpu.execMsg, Exec.Mem.execMsg, Exec.Msg.mk.injEq] at he
  obtain ⟨eop, ec, ea0, ea1, eb0, eb1, ec0, ec1, ei0, ei1, -⟩ := he
  obtain ⟨⟨a0, a1⟩, ⟨b0, b1⟩⟩ := run_reads_limbs hn hreal (by omega) hb
  obtain ⟨i0, i1⟩ := prog_imm_limbs hm
  have hgm := hF.ok.mem rm hrm
  have hlm := hF.looks.mem rm hrm
  have hw := memAccess_wordCell hgm
  -- the old word: the MEM access's read, with every earlier access to its cell before 4 clk + 3
  have hmem : memAccess rm ∈
      witnessAccs ((List.range N).map fun m => (wins m).cur) T.mem T.sys T.io := by
    simp only [witnessAccs, List.mem_append, List.mem_flatMap]
    exact Or.inl (Or.inl (Or.inr ⟨rm, hrm, by simp [memAccesses, hrealm]⟩))
  have hold := hrb _ hmem (by rcases hw with h | h <;> rw [h] <;> decide) (by
    intro a' ha' hc hlt
    simp only [memAccess] at hlt
    rw [← ec] at hlt
    by_cases h3 : a'.ts = 4 * ((wins n).cur clk).val + 1 + 1 + 1
    · exfalso
      rcases mem_witnessAccs ha' with ⟨r', -, ha''⟩ | h
      · rcases mem_cpuAccesses ha'' with ⟨-, rfl | rfl⟩ | ⟨-, rfl⟩
        · simp only [rs1Access] at h3; omega
        · simp only [rs2Access] at h3; omega
        · have hc1 := congrArg Prod.fst hc
          simp only [rdAccess] at hc1
          rcases hw with h | h <;> rw [h] at hc1 <;> exact absurd hc1 (by decide)
      · have := port3_time h; omega
    · omega)
  have hi : Mem.Inputs rm := ⟨by rw [← ea0]; exact a0, by rw [← ea1]; exact a1,
    by rw [← eb0]; exact b0, by rw [← eb1]; exact b1, by rw [← ei0]; exact i0,
    by rw [← ei1]; exact i1, hold.1, hold.2⟩
  show ((wins n).cur cLo).val < 2 ^ 16 ∧ ((wins n).cur cHi).val < 2 ^ 16
  rw [ec0, ec1]
  rw [eop] at h10 h14
  rcases Mem.op_cases hgm hrealm with ⟨h, e⟩ | ⟨h, e⟩ | ⟨h, e⟩ | ⟨h, e⟩ | ⟨h, e⟩ | ⟨h, e⟩ |
      ⟨h, e⟩ | ⟨h, e⟩
  · exact (Mem.lb_sound hgm hlm hi (Zkvm.Air.V2.eq_one_of_val h)).2.2
  · exact (Mem.lh_sound hgm hlm hi (Zkvm.Air.V2.eq_one_of_val h)).2.2
  · exact (Mem.lw_sound hgm hlm hi (Zkvm.Air.V2.eq_one_of_val h)).2.2
  · exact (Mem.lbu_sound hgm hlm hi (Zkvm.Air.V2.eq_one_of_val h)).2.2
  · exact (Mem.lhu_sound hgm hlm hi (Zkvm.Air.V2.eq_one_of_val h)).2.2
  all_goals omega

/-- **`rd_of_bus` with the loads discharged** (`rd_load_limbs`): `hrd` given the ECALLs'
results only. -/
theorem rd_of_bus_ecall {T : Tables} {ssent srcvd : List (List BabyBear)}
    {code : List (UInt32 × UInt32)} (hF : Exec.BusFacts T ssent srcvd code)
    (hexec : ExecBalanced T) {wins : Nat → Window BabyBear} {N : Nat} (hrr : RunRows T wins N)
    (hcode : ∀ p ∈ code, p.1.toNat < 2 ^ 30)
    (hecall : ∀ n < N, ((wins n).cur op).val = 36 → (wins n).cur fWr = 1 →
      LimbsBefore (witnessAccs ((List.range N).map fun m => (wins m).cur) T.mem T.sys T.io)
        (4 * ((wins n).cur clk).val + 1 + 1 + 1) →
      ReadsBefore (witnessAccs ((List.range N).map fun m => (wins m).cur) T.mem T.sys T.io)
        (4 * ((wins n).cur clk).val + 1 + 1 + 1) →
        Limbs ((wins n).cur cLo, (wins n).cur cHi)) :
    ∀ r ∈ (List.range N).map (fun m => (wins m).cur), r fWr = 1 →
      LimbsBefore (witnessAccs ((List.range N).map fun m => (wins m).cur) T.mem T.sys T.io)
        (4 * (r clk).val + 1 + 1 + 1) →
      ReadsBefore (witnessAccs ((List.range N).map fun m => (wins m).cur) T.mem T.sys T.io)
        (4 * (r clk).val + 1 + 1 + 1) →
        Limbs (r cLo, r cHi) :=
  rd_of_bus hF hexec hrr hcode (rd_load_limbs hF hexec hrr hcode) hecall

/-- **An exit ECALL**: when the SYSCALL row receiving a run row's request is an exit (f_exit),
the rd port's value c is b (`exit_lo`, `exit_hi`), the row's rs2 read before 4 clk + 3. -/
theorem rd_exit_limbs {T : Tables} (hok : T.Ok) {wins : Nat → Window BabyBear} {N : Nat}
    (hrr : RunRows T wins N) {n : Nat} (hn : n < N)
    (hb : LimbsBefore (witnessAccs ((List.range N).map fun m => (wins m).cur) T.mem T.sys T.io)
      (4 * ((wins n).cur clk).val + 1 + 1 + 1))
    {rs : Row BabyBear} (hrs : rs ∈ T.sys)
    (he : Exec.Cpu.execMsg (wins n).cur = Exec.Syscall.execMsg rs)
    (hexit : rs Syscall.Col.fExit = 1) :
    Limbs ((wins n).cur cLo, (wins n).cur cHi) := by
  obtain ⟨pub, hgs⟩ := hok.sys rs hrs
  simp only [Exec.Cpu.execMsg, Exec.Syscall.execMsg, Exec.Msg.mk.injEq] at he
  obtain ⟨-, -, -, -, eb0, eb1, ec0, ec1, -⟩ := he
  have e0 := hgs.exit_lo
  have e1 := hgs.exit_hi
  rw [hexit] at e0 e1
  have c0 : rs Syscall.Col.cLo = rs Syscall.Col.bLo := eq_of_sub_eq_zero (by grind)
  have c1 : rs Syscall.Col.cHi = rs Syscall.Col.bHi := eq_of_sub_eq_zero (by grind)
  obtain ⟨-, ⟨b0, b1⟩⟩ := run_reads_limbs hn (hrr.real n hn) (by omega) hb
  show ((wins n).cur cLo).val < 2 ^ 16 ∧ ((wins n).cur cHi).val < 2 ^ 16
  rw [ec0, ec1, c0, c1, ← eb0, ← eb1]
  exact ⟨b0, b1⟩

end Zkvm.Air.V2.Run

end
