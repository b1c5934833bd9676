module

public import Zkvm.Air.V2.StepBasic
public import Zkvm.Air.V2.ProgBinding

/-!
# The whole step: a CPU row and its coprocessor row give the semantics' step

For each instruction without memory or syscall effects (loads and stores: `StepMem`; ECALL:
`StepEcall`; EBREAK has no row), a CPU row satisfying its constraints
that runs the instruction at `s.pc` (`Runs`), reads `s` (`Reads`) and whose EXEC request a
coprocessor row receives (`Exec.Receives`) gives exactly the semantics' step from `s`:
`execute s i` succeeds and is `s` with rd set to the row's c and the pc set to the row's
next_pc. The coprocessor's guarantee comes through the EXEC contract (`Exec.contract_of_receives`),
the next pc from the CPU's own constraints (`Cpu.seq_sound`, …).
-/

@[expose] public section

noncomputable section

namespace Zkvm.Air.V2.Step

open Zkvm.Field Zkvm.RiscV Zkvm.Air.Table Zkvm.Air.V2.Cpu Zkvm.Air.V2.Cpu.Col
open Zkvm.Air.V2.Exec (felt)

theorem felt_lo (x : Word) : (felt ((⟨x⟩ : UInt32) &&& 65535)).val = x.lo := by
  have : ((⟨x⟩ : UInt32) &&& 65535).toNat = x.lo := by
    simp only [UInt32.toNat_and, Word.lo]
    exact Nat.and_two_pow_sub_one_eq_mod _ 16
  rw [val_felt (by have := x.lo_lt; omega), this]

theorem felt_hi (x : Word) : (felt ((⟨x⟩ : UInt32) >>> 16)).val = x.hi := by
  have : ((⟨x⟩ : UInt32) >>> 16).toNat = x.hi := by
    simp [UInt32.toNat_shiftRight, Word.hi, Nat.shiftRight_eq_div_pow]
  rw [val_felt (by have := x.hi_lt; omega), this]

theorem word_of_vals {lo hi : BabyBear} {x : Word} (h0 : lo.val = x.lo) (h1 : hi.val = x.hi) :
    WordLimbs.ofFelts lo hi = x := by
  rw [WordLimbs.ofFelts, h0, h1, Word.ofLimbs_lo_hi]

theorem felt_and_lt (x : UInt32) : (felt (x &&& 65535)).val < 2 ^ 16 := by
  have : (x &&& 65535).toNat ≤ 65535 := by
    rw [UInt32.toNat_and]; exact Nat.and_le_right
  rw [val_felt (by omega)]; omega

theorem felt_shr_lt (x : UInt32) : (felt (x >>> 16)).val < 2 ^ 16 := by
  have : (x >>> 16).toNat < 2 ^ 16 := by
    have := x.toNat_lt
    simp only [UInt32.toNat_shiftRight, Nat.shiftRight_eq_div_pow]
    simp only [UInt32.reduceToNat, Nat.reduceMod]
    omega
  rw [val_felt (by omega)]; omega

/-- pc + 4 as PROG holds it is the word pc + 4, for a 4-aligned pc below 2^30. -/
theorem progPc_plus_4 {p : Word} (hp : p.toNat < 2 ^ 30) (h4 : p.toNat % 4 = 0) :
    progPc (p + 4) = (p + 4).toNat := by
  have e4 : (p + 4).toNat = p.toNat + 4 := by
    rw [BitVec.toNat_add, show (4 : Word).toNat = 4 from rfl]; omega
  unfold progPc; split <;> omega

variable {w : Window BabyBear} {s : State}

/-- The pc column of a row that runs an instruction at `s.pc`. -/
theorem pc_val (hpc : w.cur pc = felt ⟨s.pc⟩) (hpc30 : s.pc.toNat < 2 ^ 30) :
    (w.cur pc).val = s.pc.toNat := by
  rw [hpc, val_felt (by show s.pc.toNat < _; omega)]; rfl

/-- A sequential row's next pc: pc + 4. -/
theorem next_seq (hg : Groups w) (hbr : w.cur fBr = 0) (hjal : w.cur fJal = 0)
    (hjalr : w.cur fJalr = 0) (hpc : (w.cur pc).val = s.pc.toNat) (hpc30 : s.pc.toNat < 2 ^ 30)
    (hpc4 : s.pc.toNat % 4 = 0) : (w.cur nextPc).val = (s.pc + 4).toNat := by
  rw [nextPc_seq hg hjalr hbr hjal, val_pc_plus_4 hpc hpc30 hpc4, progPc_plus_4 hpc30 hpc4]

/-- Not ECALL's op (whose PROG rs1 field is a7). -/
theorem aluOp_ne (o : AluOp) : Spec.aluOp o ≠ 36 := by
  cases o <;> decide


/-- The EXEC request's operands: a and b the registers' values (16-bit limbs), imm the program's
immediate. -/
theorem operands (hreads : Reads w.cur s) {x y : Reg} {i : UInt32}
    (hrs1 : w.cur rs1 = felt (Spec.reg x)) (hrs2 : w.cur rs2 = felt (Spec.reg y))
    (hlo : w.cur immLo = felt (i &&& 65535)) (hhi : w.cur immHi = felt (i >>> 16)) :
    (Exec.Cpu.execMsg w.cur).Bounded ∧ (Exec.Cpu.execMsg w.cur).a = s.reg x ∧
      (Exec.Cpu.execMsg w.cur).b = s.reg y := by
  obtain ⟨a0, a1⟩ := hreads.a x hrs1
  obtain ⟨b0, b1⟩ := hreads.b y hrs2
  refine ⟨⟨?_, ?_, ?_, ?_, ?_, ?_⟩, word_of_vals a0 a1, word_of_vals b0 b1⟩
  · show (w.cur aLo).val < 2 ^ 16; rw [a0]; exact Word.lo_lt _
  · show (w.cur aHi).val < 2 ^ 16; rw [a1]; exact Word.hi_lt _
  · show (w.cur bLo).val < 2 ^ 16; rw [b0]; exact Word.lo_lt _
  · show (w.cur bHi).val < 2 ^ 16; rw [b1]; exact Word.hi_lt _
  · show (w.cur immLo).val < 2 ^ 16; rw [hlo]; exact felt_and_lt _
  · show (w.cur immHi).val < 2 ^ 16; rw [hhi]; exact felt_shr_lt _

theorem imm_of {x : Word} (hlo : w.cur immLo = felt ((⟨x⟩ : UInt32) &&& 65535))
    (hhi : w.cur immHi = felt ((⟨x⟩ : UInt32) >>> 16)) : (Exec.Cpu.execMsg w.cur).imm = x :=
  word_of_vals (by show (w.cur immLo).val = _; rw [hlo, felt_lo]) (by
    show (w.cur immHi).val = _; rw [hhi, felt_hi])

theorem k_of {x : Word} (hlo : w.cur kLo = felt ((⟨x⟩ : UInt32) &&& 65535))
    (hhi : w.cur kHi = felt ((⟨x⟩ : UInt32) >>> 16)) : kWord w.cur = x :=
  word_of_vals (by rw [hlo, felt_lo]) (by rw [hhi, felt_hi])

theorem reg_zero : felt 0 = felt (Spec.reg 0) := rfl

theorem felt_add64 {x : UInt32} (h : x.toNat < 38) : felt (x + 64) = felt x + 64 := by
  have e : (x + 64).toNat = x.toNat + 64 := by
    rw [UInt32.toNat_add]; simp only [UInt32.reduceToNat]; omega
  unfold felt; rw [e]; push_natCast

/-- A jump's landing: the next pc below 2^30 and 4-aligned lands at exactly that word. -/
theorem jumpTo_next {t : Word} (s₀ : State) (ht : (w.cur nextPc).val = t.toNat)
    (hal : (w.cur nextPc).val % 4 = 0) :
    s₀.jumpTo t = .ok { s₀ with pc := BitVec.ofNat 32 (w.cur nextPc).val } := by
  unfold State.jumpTo
  rw [if_pos (by omega), ht, BitVec.ofNat_toNat, BitVec.setWidth_eq]

theorem progPc_eq {t : Word} {n : Nat} (h : n = progPc t) (hn : n < 2 ^ 30) : n = t.toNat := by
  unfold progPc at h; split at h <;> omega

/-- **A sequential coprocessor row** (op 10 … 35: loads, stores, register ops, M): its PROG
flags are f_wr and f_exec only, so its next pc is pc + 4. -/
theorem seq_exec_next {row : Spec.ProgramRow} (hg : Groups w)
    (hp : progMsg w.cur = (Spec.progMessage row).map felt) (hpc : row.pc = ⟨s.pc⟩)
    (h10 : 10 ≤ row.op.toNat) (h35 : row.op.toNat ≤ 35)
    (hpc30 : s.pc.toNat < 2 ^ 30) (hpc4 : s.pc.toNat % 4 = 0) :
    (w.cur nextPc).val = (s.pc + 4).toNat := by
  obtain ⟨hpcc, -, -, -, -, -, -, -, -, -, hfl⟩ := prog_fields hp
  rw [hpc] at hpcc
  have n0 : row.op ≠ 0 := fun h => by rw [h] at h10; exact absurd h10 (by decide)
  have n1 : row.op ≠ 1 := fun h => by rw [h] at h10; exact absurd h10 (by decide)
  have n2 : row.op ≠ 2 := fun h => by rw [h] at h10; exact absurd h10 (by decide)
  have n3 : row.op ≠ 3 := fun h => by rw [h] at h10; exact absurd h10 (by decide)
  have n37 : row.op ≠ 37 := fun h => by rw [h] at h35; exact absurd h35 (by decide)
  have n9 : ¬ row.op ≤ 9 := fun h => by
    have := UInt32.le_iff_toNat_le.mp h; simp at this; omega
  have hx : (Spec.progFlags row).toNat = 32 ∨ (Spec.progFlags row).toNat = 33 := by
    simp only [Spec.progFlags, Spec.flagBr, Spec.flagK, Spec.flagExec]
    simp [n0, n1, n2, n3, n37, n9]
    by_cases h : row.writeRd = 1
    · simp [h]
    · simp [h]
  obtain ⟨-, fbr, fjal, fjalr, -, -⟩ := flags_of_packed hg (by omega) hfl
  exact next_seq hg (eq_zero_of_val' (by omega)) (eq_zero_of_val' (by omega))
    (eq_zero_of_val' (by omega)) (pc_val hpcc hpc30) hpc30 hpc4

theorem aluOp_range (o : AluOp) : 18 ≤ (Spec.aluOp o).toNat ∧ (Spec.aluOp o).toNat ≤ 27 := by
  cases o <;> decide

theorem mulOp_range (o : MulOp) : 28 ≤ (Spec.mulOp o).toNat ∧ (Spec.mulOp o).toNat ≤ 35 := by
  cases o <;> decide

/-- **OP (rd := rs1 op rs2)**: the row gives the semantics' step. -/
theorem op_step {o : AluOp} {rd rs1 rs2 : Reg} (hg : Groups w)
    (hruns : Runs w.cur s.pc (.op o rd rs1 rs2)) (hreads : Reads w.cur s)
    (hrecv : Exec.Receives (Exec.Cpu.execMsg w.cur))
    (hpc30 : s.pc.toNat < 2 ^ 30) (hpc4 : s.pc.toNat % 4 = 0) :
    execute s (.op o rd rs1 rs2) = .ok (s.setReg rd (cWord w.cur)).next ∧
      (w.cur nextPc).val = (s.pc + 4).toNat := by
  obtain ⟨row, hrow, hp⟩ := hruns
  simp only [Spec.programRow, Option.some.injEq] at hrow
  subst hrow
  have hnext := seq_exec_next hg hp rfl (by have := aluOp_range o; dsimp only; omega)
    (by have := aluOp_range o; dsimp only; omega) hpc30 hpc4
  obtain ⟨-, hop, hrs1, hrs2, -, hlo, hhi, -, -, -, -⟩ := prog_fields hp
  simp only [if_neg (aluOp_ne o)] at hrs1
  dsimp only at hrs2 hlo hhi
  simp only [Spec.execOp, if_neg (by decide : ¬ (0 : UInt32) = 1)] at hop
  refine ⟨?_, hnext⟩
  obtain ⟨hb, ha, hb'⟩ := operands hreads hrs1 hrs2 hlo hhi
  obtain ⟨ec, -, -⟩ := (Exec.contract_of_receives hb hrecv).op o hop
  rw [ha, hb'] at ec
  change _ = Except.ok (s.setReg rd (Exec.Cpu.execMsg w.cur).c).next
  rw [ec]
  rfl

/-- **OP-IMM (rd := rs1 op imm)**: the row gives the semantics' step. -/
theorem opImm_step {o : AluOp} {rd rs1 : Reg} {imm : Word} (hg : Groups w)
    (hruns : Runs w.cur s.pc (.opImm o rd rs1 imm)) (hreads : Reads w.cur s)
    (hrecv : Exec.Receives (Exec.Cpu.execMsg w.cur))
    (hpc30 : s.pc.toNat < 2 ^ 30) (hpc4 : s.pc.toNat % 4 = 0) :
    execute s (.opImm o rd rs1 imm) = .ok (s.setReg rd (cWord w.cur)).next ∧
      (w.cur nextPc).val = (s.pc + 4).toNat := by
  obtain ⟨row, hrow, hp⟩ := hruns
  simp only [Spec.programRow, Option.some.injEq] at hrow
  subst hrow
  have hnext := seq_exec_next hg hp rfl (by have := aluOp_range o; dsimp only; omega)
    (by have := aluOp_range o; dsimp only; omega) hpc30 hpc4
  obtain ⟨-, hop, hrs1, hrs2, -, hlo, hhi, -, -, -, -⟩ := prog_fields hp
  simp only [if_neg (aluOp_ne o)] at hrs1
  dsimp only at hrs2 hlo hhi
  simp only [Spec.execOp, ↓reduceIte] at hop
  rw [felt_add64 (Spec.aluOp_lt o)] at hop
  refine ⟨?_, hnext⟩
  rw [reg_zero] at hrs2
  obtain ⟨hb, ha, -⟩ := operands hreads hrs1 hrs2 hlo hhi
  obtain ⟨ec, -, -⟩ := (Exec.contract_of_receives hb hrecv).opImm o hop
  rw [ha, imm_of hlo hhi] at ec
  change _ = Except.ok (s.setReg rd (Exec.Cpu.execMsg w.cur).c).next
  rw [ec]
  rfl

theorem mulOp_ne (o : MulOp) : Spec.mulOp o ≠ 36 := by
  cases o <;> decide

/-- **The M extension (rd := rs1 op rs2)**: the row gives the semantics' step. -/
theorem mulDiv_step {o : MulOp} {rd rs1 rs2 : Reg} (hg : Groups w)
    (hruns : Runs w.cur s.pc (.mulDiv o rd rs1 rs2)) (hreads : Reads w.cur s)
    (hrecv : Exec.Receives (Exec.Cpu.execMsg w.cur))
    (hpc30 : s.pc.toNat < 2 ^ 30) (hpc4 : s.pc.toNat % 4 = 0) :
    execute s (.mulDiv o rd rs1 rs2) = .ok (s.setReg rd (cWord w.cur)).next ∧
      (w.cur nextPc).val = (s.pc + 4).toNat := by
  obtain ⟨row, hrow, hp⟩ := hruns
  simp only [Spec.programRow, Option.some.injEq] at hrow
  subst hrow
  have hnext := seq_exec_next hg hp rfl (by have := mulOp_range o; dsimp only; omega)
    (by have := mulOp_range o; dsimp only; omega) hpc30 hpc4
  obtain ⟨-, hop, hrs1, hrs2, -, hlo, hhi, -, -, -, -⟩ := prog_fields hp
  simp only [if_neg (mulOp_ne o)] at hrs1
  dsimp only at hrs2 hlo hhi
  simp only [Spec.execOp, if_neg (by decide : ¬ (0 : UInt32) = 1)] at hop
  refine ⟨?_, hnext⟩
  obtain ⟨hb, ha, hb'⟩ := operands hreads hrs1 hrs2 hlo hhi
  obtain ⟨ec, -, -⟩ := (Exec.contract_of_receives hb hrecv).mulDiv o hop
  rw [ha, hb'] at ec
  change _ = Except.ok (s.setReg rd (Exec.Cpu.execMsg w.cur).c).next
  rw [ec]
  rfl

theorem branchOp_ne (c : BranchCond) : Spec.branchOp c ≠ 36 ∧ Spec.branchOp c ≠ 2 ∧
    Spec.branchOp c ≠ 3 ∧ Spec.branchOp c ≠ 0 ∧ Spec.branchOp c ≠ 1 ∧ Spec.branchOp c ≠ 37 ∧
    4 ≤ Spec.branchOp c ∧ Spec.branchOp c ≤ 9 := by
  cases c <;> decide

/-- **Branches**: the row gives the semantics' step, landing at the row's next pc (a program pc:
below 2^30 and 4-aligned, as the next row's PROG lookup shows). -/
theorem branch_step {c : BranchCond} {rs1 rs2 : Reg} {off : Word} (hg : Groups w)
    (hruns : Runs w.cur s.pc (.branch c rs1 rs2 off)) (hreads : Reads w.cur s)
    (hrecv : Exec.Receives (Exec.Cpu.execMsg w.cur))
    (hpc30 : s.pc.toNat < 2 ^ 30) (hpc4 : s.pc.toNat % 4 = 0)
    (hnext : (w.cur nextPc).val < 2 ^ 30) (hal : (w.cur nextPc).val % 4 = 0) :
    execute s (.branch c rs1 rs2 off) =
      .ok { s with pc := BitVec.ofNat 32 (w.cur nextPc).val } := by
  obtain ⟨row, hrow, hp⟩ := hruns
  simp only [Spec.programRow, Option.some.injEq] at hrow
  subst hrow
  obtain ⟨hpc, hop, hrs1, hrs2, -, hlo, hhi, -, -, htg, hfl⟩ := prog_fields hp
  obtain ⟨n36, n2, n3, n0, n1, n37, n4, n9⟩ := branchOp_ne c
  simp only [if_neg n36] at hrs1
  dsimp only at hpc hrs2 hlo hhi hfl htg
  simp only [Spec.execOp, if_neg (by decide : ¬ (0 : UInt32) = 1)] at hop
  simp [Spec.progFlags, Spec.flagBr, Spec.flagK, Spec.flagExec, n2, n3, n0, n1, n37, n4, n9] at hfl
  obtain ⟨-, fbr, fjal, fjalr, -, -⟩ := flags_of_packed hg (by decide) hfl
  have hpc' := pc_val hpc hpc30
  obtain ⟨hb, ha, hb'⟩ := operands hreads hrs1 hrs2 hlo hhi
  obtain ⟨ec, -⟩ := (Exec.contract_of_receives hb hrecv).branch c hop
  rw [ha, hb'] at ec
  have hbr : w.cur fBr = 1 := eq_one_of_val fbr
  have hjal : w.cur fJal = 0 := eq_zero_of_val' fjal
  have hjalr : w.cur fJalr = 0 := eq_zero_of_val' fjalr
  have hct : (Spec.clampTarget (⟨s.pc⟩ + ⟨off⟩)).toNat = progPc (s.pc + off) :=
    clampTarget_toNat _
  have htv : (w.cur target).val = progPc (s.pc + off) := by
    rw [htg, val_felt (by have := progPc_le (s.pc + off); omega), hct]
  show execBranch s c rs1 rs2 off = _
  unfold execBranch
  by_cases hh : c.holds (s.reg rs1) (s.reg rs2) = true
  · rw [if_pos hh] at ec ⊢
    have e := nextPc_branch_taken hg hjalr hbr hjal ec
    have hv : (w.cur nextPc).val = (s.pc + off).toNat :=
      progPc_eq (by rw [e, htv]) hnext
    exact jumpTo_next s hv hal
  · rw [if_neg hh] at ec ⊢
    have e := nextPc_branch_not_taken hg hjalr hbr hjal ec
    have hv : (w.cur nextPc).val = (s.pc + 4).toNat := by
      rw [e, val_pc_plus_4 hpc' hpc30 hpc4, progPc_plus_4 hpc30 hpc4]
    rw [hv, BitVec.ofNat_toNat, BitVec.setWidth_eq]
    rfl

/-- **JAL**: rd gets pc + 4 and the row lands at its next pc (a program pc). -/
theorem jal_step {rd : Reg} {off : Word} (hg : Groups w) (hruns : Runs w.cur s.pc (.jal rd off))
    (hnext : (w.cur nextPc).val < 2 ^ 30)
    (hal : (w.cur nextPc).val % 4 = 0) :
    execute s (.jal rd off) =
      .ok { s.setReg rd (cWord w.cur) with pc := BitVec.ofNat 32 (w.cur nextPc).val } := by
  obtain ⟨row, hrow, hp⟩ := hruns
  simp only [Spec.programRow, Option.some.injEq] at hrow
  subst hrow
  obtain ⟨-, -, -, -, -, -, -, hk0, hk1, htg, hfl⟩ := prog_fields hp
  dsimp only at hk0 hk1 htg hfl
  have hn : (Spec.progFlags ⟨⟨s.pc⟩, 2, 0, 0, 0, Spec.reg rd, Spec.writes rd, ⟨off⟩, ⟨s.pc⟩ + 4,
      Spec.clampTarget (⟨s.pc⟩ + ⟨off⟩)⟩).toNat = 20 ∨ (Spec.progFlags ⟨⟨s.pc⟩, 2, 0, 0, 0,
      Spec.reg rd, Spec.writes rd, ⟨off⟩, ⟨s.pc⟩ + 4, Spec.clampTarget (⟨s.pc⟩ + ⟨off⟩)⟩).toNat = 21 := by
    unfold Spec.writes
    simp only [Spec.progFlags, Spec.flagBr, Spec.flagK, Spec.flagExec]
    split <;> simp
  obtain ⟨-, fbr, fjal, fjalr, fk, -⟩ := flags_of_packed hg (by omega) hfl
  have hct : (Spec.clampTarget (⟨s.pc⟩ + ⟨off⟩)).toNat = progPc (s.pc + off) :=
    clampTarget_toNat _
  have htv : (w.cur target).val = progPc (s.pc + off) := by
    rw [htg, val_felt (by have := progPc_le (s.pc + off); omega), hct]
  have e := nextPc_jal hg (eq_zero_of_val' (by omega)) (eq_zero_of_val' (by omega))
    (eq_one_of_val (by omega))
  have hv : (w.cur nextPc).val = (s.pc + off).toNat := progPc_eq (by rw [e, htv]) hnext
  rw [cWord_of_fK hg (eq_one_of_val (by omega)), k_of (x := s.pc + 4) hk0 hk1]
  exact jumpTo_next _ hv hal

/-- **JALR**: rd gets pc + 4 and the row lands at its next pc, the ALU's (rs1 + imm) with bit 0
cleared. -/
theorem jalr_step {rd rs1 : Reg} {off : Word} (hg : Groups w)
    (hruns : Runs w.cur s.pc (.jalr rd rs1 off)) (hreads : Reads w.cur s)
    (hrecv : Exec.Receives (Exec.Cpu.execMsg w.cur)) (hal : (w.cur nextPc).val % 4 = 0) :
    execute s (.jalr rd rs1 off) =
      .ok { s.setReg rd (cWord w.cur) with pc := BitVec.ofNat 32 (w.cur nextPc).val } := by
  obtain ⟨row, hrow, hp⟩ := hruns
  simp only [Spec.programRow, Option.some.injEq] at hrow
  subst hrow
  obtain ⟨-, hop, hrs1, hrs2, -, hlo, hhi, hk0, hk1, -, hfl⟩ := prog_fields hp
  dsimp only at hop hrs1 hrs2 hlo hhi hk0 hk1 hfl
  simp only [Spec.execOp, if_neg (by decide : ¬ (0 : UInt32) = 1)] at hop
  rw [if_neg (by decide : ¬ (3 : UInt32) = 36)] at hrs1
  have hn : (Spec.progFlags ⟨⟨s.pc⟩, 3, 0, Spec.reg rs1, 0, Spec.reg rd, Spec.writes rd, ⟨off⟩,
      ⟨s.pc⟩ + 4, 0⟩).toNat = 56 ∨ (Spec.progFlags ⟨⟨s.pc⟩, 3, 0, Spec.reg rs1, 0, Spec.reg rd,
      Spec.writes rd, ⟨off⟩, ⟨s.pc⟩ + 4, 0⟩).toNat = 57 := by
    unfold Spec.writes
    simp only [Spec.progFlags, Spec.flagBr, Spec.flagK, Spec.flagExec]
    split <;> simp
  obtain ⟨-, -, -, -, fk, -⟩ := flags_of_packed hg (by omega) hfl
  rw [reg_zero] at hrs2
  obtain ⟨hb, ha, -⟩ := operands hreads hrs1 hrs2 hlo hhi
  have ej := (Exec.contract_of_receives hb hrecv).jalr (by rw [show (Exec.Cpu.execMsg w.cur).op = w.cur op from rfl, hop]; rfl)
  rw [ha, imm_of hlo hhi] at ej
  rw [cWord_of_fK hg (eq_one_of_val (by omega)), k_of (x := s.pc + 4) hk0 hk1]
  exact jumpTo_next _ ej hal

/-- **LUI**: rd gets imm; the next pc is pc + 4. -/
theorem lui_step {rd : Reg} {imm : Word} (hg : Groups w) (hruns : Runs w.cur s.pc (.lui rd imm))
    (hpc30 : s.pc.toNat < 2 ^ 30) (hpc4 : s.pc.toNat % 4 = 0) :
    execute s (.lui rd imm) = .ok (s.setReg rd (cWord w.cur)).next ∧
      (w.cur nextPc).val = (s.pc + 4).toNat := by
  obtain ⟨row, hrow, hp⟩ := hruns
  simp only [Spec.programRow, Option.some.injEq] at hrow
  subst hrow
  obtain ⟨hpc, -, -, -, -, -, -, hk0, hk1, -, hfl⟩ := prog_fields hp
  dsimp only at hpc hk0 hk1 hfl
  have hn : (Spec.progFlags ⟨⟨s.pc⟩, 0, 0, 0, 0, Spec.reg rd, Spec.writes rd, ⟨imm⟩, ⟨imm⟩,
      0⟩).toNat = 16 ∨ (Spec.progFlags ⟨⟨s.pc⟩, 0, 0, 0, 0, Spec.reg rd, Spec.writes rd, ⟨imm⟩,
      ⟨imm⟩, 0⟩).toNat = 17 := by
    unfold Spec.writes
    simp only [Spec.progFlags, Spec.flagBr, Spec.flagK, Spec.flagExec]
    split <;> simp
  obtain ⟨-, fbr, fjal, fjalr, fk, -⟩ := flags_of_packed hg (by omega) hfl
  refine ⟨?_, next_seq hg (eq_zero_of_val' (by omega)) (eq_zero_of_val' (by omega))
    (eq_zero_of_val' (by omega)) (pc_val hpc hpc30) hpc30 hpc4⟩
  rw [cWord_of_fK hg (eq_one_of_val (by omega)), k_of (x := imm) hk0 hk1]
  rfl

/-- **AUIPC**: rd gets pc + imm; the next pc is pc + 4. -/
theorem auipc_step {rd : Reg} {imm : Word} (hg : Groups w)
    (hruns : Runs w.cur s.pc (.auipc rd imm)) (hpc30 : s.pc.toNat < 2 ^ 30)
    (hpc4 : s.pc.toNat % 4 = 0) :
    execute s (.auipc rd imm) = .ok (s.setReg rd (cWord w.cur)).next ∧
      (w.cur nextPc).val = (s.pc + 4).toNat := by
  obtain ⟨row, hrow, hp⟩ := hruns
  simp only [Spec.programRow, Option.some.injEq] at hrow
  subst hrow
  obtain ⟨hpc, -, -, -, -, -, -, hk0, hk1, -, hfl⟩ := prog_fields hp
  dsimp only at hpc hk0 hk1 hfl
  have hn : (Spec.progFlags ⟨⟨s.pc⟩, 1, 0, 0, 0, Spec.reg rd, Spec.writes rd, ⟨imm⟩,
      ⟨s.pc⟩ + ⟨imm⟩, 0⟩).toNat = 16 ∨ (Spec.progFlags ⟨⟨s.pc⟩, 1, 0, 0, 0, Spec.reg rd,
      Spec.writes rd, ⟨imm⟩, ⟨s.pc⟩ + ⟨imm⟩, 0⟩).toNat = 17 := by
    unfold Spec.writes
    simp only [Spec.progFlags, Spec.flagBr, Spec.flagK, Spec.flagExec]
    split <;> simp
  obtain ⟨-, fbr, fjal, fjalr, fk, -⟩ := flags_of_packed hg (by omega) hfl
  refine ⟨?_, next_seq hg (eq_zero_of_val' (by omega)) (eq_zero_of_val' (by omega))
    (eq_zero_of_val' (by omega)) (pc_val hpc hpc30) hpc30 hpc4⟩
  rw [cWord_of_fK hg (eq_one_of_val (by omega)), k_of (x := s.pc + imm) hk0 hk1]
  rfl

/-- **FENCE**: a no-op; the next pc is pc + 4 and no register is written (f_wr = 0). -/
theorem fence_step (hg : Groups w) (hruns : Runs w.cur s.pc .fence)
    (hpc30 : s.pc.toNat < 2 ^ 30) (hpc4 : s.pc.toNat % 4 = 0) :
    execute s .fence = .ok s.next ∧ (w.cur nextPc).val = (s.pc + 4).toNat ∧ w.cur fWr = 0 := by
  obtain ⟨row, hrow, hp⟩ := hruns
  simp only [Spec.programRow, Option.some.injEq] at hrow
  subst hrow
  obtain ⟨hpc, -, -, -, -, -, -, -, -, -, hfl⟩ := prog_fields hp
  dsimp only at hpc hfl
  obtain ⟨fwr, fbr, fjal, fjalr, -, -⟩ := flags_of_packed hg (n := 0) (by decide) hfl
  exact ⟨rfl, next_seq hg (eq_zero_of_val' fbr) (eq_zero_of_val' fjal) (eq_zero_of_val' fjalr)
    (pc_val hpc hpc30) hpc30 hpc4, eq_zero_of_val' fwr⟩

/-- **EBREAK**: no CPU row runs it (it has no program row), and its step never succeeds, so
there is nothing to complete: the trap is unprovable. -/
theorem ebreak_no_row (r : Row BabyBear) (pc : Word) : ¬ Runs r pc .ebreak := by
  rintro ⟨row, hrow, -⟩
  simp [Spec.programRow] at hrow

theorem ebreak_traps (s : State) : ∀ s', execute s .ebreak ≠ .ok s' := by
  intro s' h
  simp [execute] at h

end Zkvm.Air.V2.Step

end
