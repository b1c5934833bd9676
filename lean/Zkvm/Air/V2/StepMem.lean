module

public import Zkvm.Air.V2.Step
public import Zkvm.Air.V2.MemLoad
public import Zkvm.Air.V2.MemStore
public import Zkvm.Air.V2.MemStoreByte
public import Zkvm.Air.ByteMemory

/-!
# The whole step of loads and stores

A load or store's EXEC request goes to the MEM table (`mem_receiver`: no other table carries
ops 10 … 17). The MEM row computes the address a + imm and makes one access at port 3 to the
word cell (space, addr / 4); the memory argument gives the word it receives there, which the
step theorems take as a hypothesis about the byte memory (`ByteMemory.wordAt`), together with
every address of the accessed word being mapped (and writable, for stores; the access stays
inside the word, `ByteMemory.accessFault_none`), which the whole run takes from the boundary
table's cells. Then:
* `load_step`: the semantics' load succeeds and puts the row's c in rd; the cell keeps its word;
* `store_step`: the semantics' store succeeds, and the memory after it holds the row's new word
  in that cell (a RAM cell: rom = 0) and the old words elsewhere.
-/

@[expose] public section

noncomputable section

namespace Zkvm.Air.V2.Step

open Zkvm.Field Zkvm.RiscV Zkvm.Air.Table Zkvm.Air.V2.Cpu Zkvm.Air.V2.Cpu.Col
open Zkvm.Air.V2.Exec (felt)

theorem loadOp_range (wd : LoadWidth) : 10 ≤ (Spec.loadOp wd).toNat ∧ (Spec.loadOp wd).toNat ≤ 14 := by
  cases wd <;> decide

theorem storeOp_range (wd : StoreWidth) :
    15 ≤ (Spec.storeOp wd).toNat ∧ (Spec.storeOp wd).toNat ≤ 17 := by
  cases wd <;> decide

/-- **Loads and stores go to MEM**: a received request with op 10 … 17 is a real MEM row's. -/
theorem mem_receiver {m : Exec.Msg} (h : Exec.Receives m) {n : Nat} (h10 : 10 ≤ n) (h17 : n ≤ 17)
    (hop : m.op.val = n) :
    ∃ rm, Mem.Groups rm ∧ Mem.Lookups rm ∧ Mem.real rm = 1 ∧ m = Exec.Mem.execMsg rm := by
  cases h with
  | alu r hg hl hreal he =>
    subst he; simp only [Exec.Alu.execMsg] at hop; exfalso; alu_omega hg hreal
  | logic r hg hl hreal he =>
    subst he; simp only [Exec.Logic.execMsg] at hop; exfalso; logic_omega hg hreal
  | mul r hg hl hreal he =>
    subst he; simp only [Exec.Mul.execMsg] at hop; exfalso; mul_omega hg hreal
  | div r hg hl hreal he =>
    subst he; simp only [Exec.Div.execMsg] at hop; exfalso; div_omega hg hreal
  | mem r hg hl hreal he => exact ⟨r, hg, hl, hreal, he⟩
  | syscall r _ _ _ _ he =>
    subst he; simp only [Exec.Syscall.execMsg] at hop
    have h36 : (Syscall.opEcall : BabyBear).val = 36 := rfl
    omega

namespace MemRow

open Zkvm.Air.V2.Mem Zkvm.Air.V2.Mem.Col

variable {rm : Row BabyBear}

/-- **The MEM contract of a load**: on a real row whose op field is the load's, the access is at
the address's word (aligned to the width), keeps the word, and c is the addressed lanes of the
old word, extended. -/
theorem load_contract (wd : LoadWidth) (hg : Mem.Groups rm) (hl : Mem.Lookups rm)
    (hi : Mem.Inputs rm) (hreal : Mem.real rm = 1) (hv : (Mem.opField rm).val = (Spec.loadOp wd).toNat) :
    LoadAccess rm wd.size ∧
      Mem.cWord rm = loadValue wd (Mem.oldWord rm) ((Mem.addr rm).toNat % 4) := by
  cases wd <;> simp only [Spec.loadOp, UInt32.reduceToNat] at hv
  · obtain ⟨a, c, -, -⟩ := lb_sound hg hl hi (eq_one_of_val (by mem_omega hg hreal)); exact ⟨a, c⟩
  · obtain ⟨a, c, -, -⟩ := lh_sound hg hl hi (eq_one_of_val (by mem_omega hg hreal)); exact ⟨a, c⟩
  · obtain ⟨a, c, -, -⟩ := lw_sound hg hl hi (eq_one_of_val (by mem_omega hg hreal)); exact ⟨a, c⟩
  · obtain ⟨a, c, -, -⟩ := lbu_sound hg hl hi (eq_one_of_val (by mem_omega hg hreal)); exact ⟨a, c⟩
  · obtain ⟨a, c, -, -⟩ := lhu_sound hg hl hi (eq_one_of_val (by mem_omega hg hreal)); exact ⟨a, c⟩

/-- **The MEM contract of a store**: the access is at the address's word (aligned, RAM), and the
new word is the old one with the addressed lanes replaced by b's low bytes. -/
theorem store_contract (wd : StoreWidth) (hg : Mem.Groups rm) (hl : Mem.Lookups rm)
    (hi : Mem.Inputs rm) (hreal : Mem.real rm = 1) (hv : (Mem.opField rm).val = (Spec.storeOp wd).toNat) :
    StoreAccess rm wd.size ∧
      Mem.newWord rm = storeValue wd (Mem.oldWord rm) (Mem.bWord rm) ((Mem.addr rm).toNat % 4) := by
  cases wd <;> simp only [Spec.storeOp, UInt32.reduceToNat] at hv
  · obtain ⟨a, c, -, -⟩ := sb_sound hg hl hi (eq_one_of_val (by mem_omega hg hreal)); exact ⟨a, c⟩
  · obtain ⟨a, c, -, -⟩ := sh_sound hg hl hi (eq_one_of_val (by mem_omega hg hreal)); exact ⟨a, c⟩
  · obtain ⟨a, c, -, -⟩ := sw_sound hg hl hi (eq_one_of_val (by mem_omega hg hreal)); exact ⟨a, c⟩

end MemRow

variable {w : Window BabyBear} {s : State}

theorem loadOp_ne (wd : LoadWidth) : Spec.loadOp wd ≠ 36 := by
  cases wd <;> decide

theorem load_size (wd : LoadWidth) : wd.size = 1 ∨ wd.size = 2 ∨ wd.size = 4 := by
  cases wd <;> simp [LoadWidth.size]

/-- **Loads**: the row and the MEM row that receives its request give the semantics' load, when
the word the MEM row receives is the memory's (the memory argument) and the access is allowed. -/
theorem load_step {wd : LoadWidth} {rd rs1 : Reg} {off : Word} (hg : Groups w)
    (hruns : Runs w.cur s.pc (.load wd rd rs1 off)) (hreads : Reads w.cur s)
    (hpc30 : s.pc.toNat < 2 ^ 30) (hpc4 : s.pc.toNat % 4 = 0)
    {rm : Row BabyBear} (hgm : Mem.Groups rm) (hlm : Mem.Lookups rm) (hrm : Mem.real rm = 1)
    (he : Exec.Cpu.execMsg w.cur = Exec.Mem.execMsg rm)
    (hold : Mem.oldWord rm = ByteMemory.wordAt s (Mem.wordAddr rm).val)
    (hol : (rm Mem.Col.oldLo).val < 2 ^ 16) (hoh : (rm Mem.Col.oldHi).val < 2 ^ 16)
    (hmap : ∀ a : Word, a.toNat / 4 = (Mem.wordAddr rm).val → s.layout.mapped a = true) :
    execute s (.load wd rd rs1 off) = .ok (s.setReg rd (cWord w.cur)).next ∧
      (w.cur nextPc).val = (s.pc + 4).toNat ∧ Mem.newWord rm = Mem.oldWord rm := by
  obtain ⟨row, hrow, hp⟩ := hruns
  simp only [Spec.programRow, Option.some.injEq] at hrow
  subst hrow
  have hnext := seq_exec_next hg hp rfl (by have := loadOp_range wd; dsimp only; omega)
    (by have := loadOp_range wd; dsimp only; omega) hpc30 hpc4
  obtain ⟨-, hop, hrs1, hrs2, -, hlo, hhi, -, -, -, -⟩ := prog_fields hp
  simp only [if_neg (loadOp_ne wd)] at hrs1
  dsimp only at hrs2 hlo hhi
  simp only [Spec.execOp, if_neg (by decide : ¬ (0 : UInt32) = 1)] at hop
  rw [reg_zero] at hrs2
  obtain ⟨hb, ha, -⟩ := operands hreads hrs1 hrs2 hlo hhi
  have himm := imm_of hlo hhi
  rw [he] at hb ha himm
  have hi : Mem.Inputs rm :=
    ⟨hb.a_lo, hb.a_hi, hb.b_lo, hb.b_hi, hb.imm_lo, hb.imm_hi, hol, hoh⟩
  have hv : (Mem.opField rm).val = (Spec.loadOp wd).toNat := by
    have : (Exec.Cpu.execMsg w.cur).op = Mem.opField rm := by rw [he]; rfl
    rw [← this]
    exact (congrArg BabyBear.val hop).trans (val_felt (by have := loadOp_range wd; omega))
  obtain ⟨acc, hc⟩ := MemRow.load_contract wd hgm hlm hi hrm hv
  refine ⟨?_, hnext, ?_⟩
  · have haddr : Mem.addr rm = s.reg rs1 + off := by
      show Mem.aWord rm + Mem.immWord rm = _
      rw [show Mem.aWord rm = _ from ha, show Mem.immWord rm = _ from himm]
    have hfault : s.accessFault false (s.reg rs1 + off) wd.size = none :=
      ByteMemory.accessFault_none s false _ _ (load_size wd) (by rw [← haddr]; exact acc.aligned)
        fun a ha => ⟨hmap a (by rw [ha, acc.wa, haddr]), fun h => absurd h (by decide)⟩
    show execLoad s wd rd rs1 off = _
    unfold execLoad
    simp only
    rw [← haddr, if_neg (fun h => h acc.aligned), haddr, hfault]
    have hr := ByteMemory.readBytes_lane s (s.reg rs1 + off) wd.size (load_size wd)
      (by rw [← haddr]; exact acc.aligned)
    rw [hr, ← haddr, ← acc.wa, ← hold]
    have hcw : cWord w.cur = Mem.cWord rm := by
      show (Exec.Cpu.execMsg w.cur).c = _; rw [he]; rfl
    rw [hcw, hc]
    rfl
  · show WordLimbs.ofFelts _ _ = WordLimbs.ofFelts _ _
    rw [acc.new_lo, acc.new_hi]

theorem storeOp_ne (wd : StoreWidth) : Spec.storeOp wd ≠ 36 ∧ Spec.storeOp wd ≠ 2 ∧
    Spec.storeOp wd ≠ 3 ∧ Spec.storeOp wd ≠ 0 ∧ Spec.storeOp wd ≠ 1 ∧ Spec.storeOp wd ≠ 37 ∧
    ¬ Spec.storeOp wd ≤ 9 := by
  cases wd <;> decide

theorem store_size (wd : StoreWidth) : wd.size = 1 ∨ wd.size = 2 ∨ wd.size = 4 := by
  cases wd <;> simp [StoreWidth.size]

/-- **Stores**: the row and the MEM row that receives its request give the semantics' store,
when the word the MEM row receives is the memory's and the access is allowed: the memory after it
holds the row's new word in the accessed cell and the old words in every other cell; no register
is written (f_wr = 0). -/
theorem store_step {wd : StoreWidth} {rs1 rs2 : Reg} {off : Word} (hg : Groups w)
    (hruns : Runs w.cur s.pc (.store wd rs1 rs2 off)) (hreads : Reads w.cur s)
    (hpc30 : s.pc.toNat < 2 ^ 30) (hpc4 : s.pc.toNat % 4 = 0)
    {rm : Row BabyBear} (hgm : Mem.Groups rm) (hlm : Mem.Lookups rm) (hrm : Mem.real rm = 1)
    (he : Exec.Cpu.execMsg w.cur = Exec.Mem.execMsg rm)
    (hold : Mem.oldWord rm = ByteMemory.wordAt s (Mem.wordAddr rm).val)
    (hol : (rm Mem.Col.oldLo).val < 2 ^ 16) (hoh : (rm Mem.Col.oldHi).val < 2 ^ 16)
    (hmap : ∀ a : Word, a.toNat / 4 = (Mem.wordAddr rm).val →
      s.layout.mapped a = true ∧ s.layout.writable a = true) :
    execute s (.store wd rs1 rs2 off) =
        .ok (s.writeBytes (s.reg rs1 + off) ((s.reg rs2).toBytes.take wd.size)).next ∧
      ByteMemory.wordAt (s.writeBytes (s.reg rs1 + off) ((s.reg rs2).toBytes.take wd.size))
        (Mem.wordAddr rm).val = Mem.newWord rm ∧
      (∀ wa, wa < 2 ^ 30 → wa ≠ (Mem.wordAddr rm).val →
        ByteMemory.wordAt (s.writeBytes (s.reg rs1 + off) ((s.reg rs2).toBytes.take wd.size)) wa =
          ByteMemory.wordAt s wa) ∧
      (w.cur nextPc).val = (s.pc + 4).toNat ∧ w.cur fWr = 0 ∧ rm Mem.Col.rom = 0 := by
  obtain ⟨row, hrow, hp⟩ := hruns
  simp only [Spec.programRow, Option.some.injEq] at hrow
  subst hrow
  obtain ⟨hpc, hop, hrs1, hrs2, -, hlo, hhi, -, -, -, hfl⟩ := prog_fields hp
  obtain ⟨n36, n2, n3, n0, n1, n37, n10⟩ := storeOp_ne wd
  simp only [if_neg n36] at hrs1
  dsimp only at hpc hrs2 hlo hhi hfl
  simp only [Spec.execOp, if_neg (by decide : ¬ (0 : UInt32) = 1)] at hop
  simp [Spec.progFlags, Spec.flagBr, Spec.flagK, Spec.flagExec, n2, n3, n0, n1, n37, n10] at hfl
  obtain ⟨fwr, fbr, fjal, fjalr, -, -⟩ := flags_of_packed hg (n := 32) (by omega) hfl
  have hpc' := pc_val hpc hpc30
  obtain ⟨hb, ha, hbw⟩ := operands hreads hrs1 hrs2 hlo hhi
  have himm := imm_of hlo hhi
  rw [he] at hb ha hbw himm
  have hi : Mem.Inputs rm :=
    ⟨hb.a_lo, hb.a_hi, hb.b_lo, hb.b_hi, hb.imm_lo, hb.imm_hi, hol, hoh⟩
  have hv : (Mem.opField rm).val = (Spec.storeOp wd).toNat := by
    have : (Exec.Cpu.execMsg w.cur).op = Mem.opField rm := by rw [he]; rfl
    rw [← this]
    exact (congrArg BabyBear.val hop).trans (val_felt (by have := storeOp_range wd; omega))
  obtain ⟨acc, hc⟩ := MemRow.store_contract wd hgm hlm hi hrm hv
  have haddr : Mem.addr rm = s.reg rs1 + off := by
    show Mem.aWord rm + Mem.immWord rm = _
    rw [show Mem.aWord rm = _ from ha, show Mem.immWord rm = _ from himm]
  have hal : (s.reg rs1 + off).toNat % wd.size = 0 := by rw [← haddr]; exact acc.aligned
  have hwa : (Mem.wordAddr rm).val = (s.reg rs1 + off).toNat / 4 := by rw [acc.wa, haddr]
  refine ⟨?_, ?_, ?_, next_seq hg (eq_zero_of_val' (by omega)) (eq_zero_of_val' (by omega))
    (eq_zero_of_val' (by omega)) hpc' hpc30 hpc4, eq_zero_of_val' (by omega), acc.ram⟩
  · have hfault : s.accessFault true (s.reg rs1 + off) wd.size = none :=
      ByteMemory.accessFault_none s true _ _ (store_size wd) hal
        fun a ha => ⟨(hmap a (by rw [ha, hwa])).1, fun _ => (hmap a (by rw [ha, hwa])).2⟩
    show execStore s wd rs1 rs2 off = _
    unfold execStore
    simp only
    rw [if_neg (fun h => h hal), hfault]
  · rw [hc, hwa, haddr, show Mem.bWord rm = s.reg rs2 from hbw]
    apply BitVec.eq_of_toNat_eq
    have k := ByteMemory.wordAt_store s (s.reg rs1 + off) (s.reg rs2) _ (store_size wd) hal
    have lt := BitVec.isLt (ByteMemory.wordAt (s.writeBytes (s.reg rs1 + off)
      ((s.reg rs2).toBytes.take wd.size)) ((s.reg rs1 + off).toNat / 4))
    rw [k] at lt
    rw [k, Mem.toNat_storeValue, hold, hwa, Nat.mod_eq_of_lt lt]
  · intro wa hlt hne
    rw [hwa] at hne
    exact ByteMemory.wordAt_store_other s _ _ _ (store_size wd) hal hlt hne

end Zkvm.Air.V2.Step

end
