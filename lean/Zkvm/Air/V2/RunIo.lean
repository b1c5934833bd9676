module

public import Zkvm.Air.V2.RunMem
public import Zkvm.Air.V2.RunStep
public import Zkvm.Air.V2.StepEcall

/-!
# ECALL's accesses through the memory argument

An ECALL's SYSCALL row and IO rows make their accesses at port 3 (time 4 clk + 4): the SYSCALL
row reads a1 = buf and a2 = len (read and write rows) and moves the cursor of its kind; each IO
row accesses one memory word (docs/air.md §7.2). This file states them as accesses of the
memory argument and derives what the whole-step theorems of ECALL (`Zkvm.Air.V2.StepEcall`) take
as hypotheses:

* `syscall_args`: the SYSCALL row's buf and len are the registers a1 and a2 of the state memory
  holds at 4 clk + 1 (the CPU's rd port writes a0 only);
* `io_bytes`: each IO row's old bytes are the byte memory's at its word;
* `cursor_read`: the SYSCALL row's cursor is what its cursor cell holds at 4 clk + 1.
-/

@[expose] public section

noncomputable section

namespace Zkvm.Air.V2.Run

open Zkvm.Field Zkvm.RiscV Zkvm.Air.Table Zkvm.Air.Memory Zkvm.Air.V2.Cpu Zkvm.Air.V2.Cpu.Col
open Zkvm.Air.V2.Exec (felt)
open Zkvm.Air.V2.Step (Runs Reads val_felt)
open Zkvm.Air.ByteMemory (wordAt)

/-- The SYSCALL row's read of a1 = buf at 4 clk + 4. -/
def bufAccess (rs : Row BabyBear) : Access Cell Val :=
  ⟨(0, 11), 4 * (rs Syscall.Col.clk).val + 1 + 1 + 1 + 1,
    (rs Syscall.Col.bufLo, rs Syscall.Col.bufHi), (rs Syscall.Col.tBuf).val,
    (rs Syscall.Col.bufLo, rs Syscall.Col.bufHi)⟩

/-- The SYSCALL row's read of a2 = len at 4 clk + 4. -/
def lenAccess (rs : Row BabyBear) : Access Cell Val :=
  ⟨(0, 12), 4 * (rs Syscall.Col.clk).val + 1 + 1 + 1 + 1,
    (rs Syscall.Col.lenLo, rs Syscall.Col.lenHi), (rs Syscall.Col.tLen).val,
    (rs Syscall.Col.lenLo, rs Syscall.Col.lenHi)⟩

/-- The SYSCALL row's cursor access: (IO, f_write + 2 fd3) from cur to cur_new. -/
def curAccess (rs : Row BabyBear) : Access Cell Val :=
  ⟨(3, Syscall.cursorCell rs), 4 * (rs Syscall.Col.clk).val + 1 + 1 + 1 + 1,
    (rs Syscall.Col.cur, 0), (rs Syscall.Col.tCur).val, (rs Syscall.Col.curNew, 0)⟩

/-- An IO row's access to its word: (1 + rom, wa) from the old bytes to the new ones. -/
def ioAccess (ri : Row BabyBear) : Access Cell Val :=
  ⟨(1 + ri Io.Col.rom, ri Io.Col.wa), 4 * (ri Io.Col.clk).val + 1 + 1 + 1 + 1,
    (Io.halfAt ri Io.Col.u0, Io.halfAt ri (Io.Col.u0 + 2)), (ri Io.Col.prevTs).val,
    (Io.halfAt ri Io.Col.n0, Io.halfAt ri (Io.Col.n0 + 2))⟩

variable {accs : List (Access Cell Val)} {bnd : List (Boundary Cell Val)} {init : Cell → Val}
  {r : Row BabyBear} {s : State}

/-- A register other than rd keeps its content from 4 clk + 1 to 4 clk + 4. -/
theorem reg_cpu_ticks (hh : Hypotheses accs bnd) (hinit : ∀ b ∈ bnd, init b.cell = b.init)
    (hp : Ports accs r) {y : Reg} (hy : r rd ≠ felt (Spec.reg y)) :
    memAt accs init (4 * (r clk).val + 1 + 1 + 1 + 1) (regCell y) =
      memAt accs init (4 * (r clk).val + 1) (regCell y) := by
  have h3 : ∀ a ∈ accs, a.cell = regCell y → a.ts ≠ 4 * (r clk).val + 1 + 1 + 1 := by
    intro a ha hac ht
    rw [(hp.at3 a ha ht).2] at hac
    exact hy (congrArg Prod.snd hac)
  rw [memAt_succ_of_none h3,
    memAt_succ_of_reads hh hinit fun a ha _ ht => by rw [hp.at2 a ha ht]; rfl,
    memAt_succ_of_reads hh hinit fun a ha _ ht => by rw [hp.at1 a ha ht]; rfl]

theorem regCell_11 : regCell 11 = ((0 : BabyBear), (11 : BabyBear)) := rfl
theorem regCell_12 : regCell 12 = ((0 : BabyBear), (12 : BabyBear)) := rfl

/-- **The SYSCALL row's buf and len are a1 and a2**: its reads of them at 4 clk + 4 see what
memory holds at 4 clk + 1 (the CPU's rd port writes a0 only). -/
theorem syscall_args (hh : Hypotheses accs bnd) (hinit : ∀ b ∈ bnd, init b.cell = b.init)
    (hp : Ports accs r) (hrd : r rd = felt (Spec.reg 10)) {rs : Row BabyBear}
    (hclk : rs Syscall.Col.clk = r clk) (hbuf : bufAccess rs ∈ accs) (hlen : lenAccess rs ∈ accs)
    (hregs : RegsIn (memAt accs init (4 * (r clk).val + 1)) s) :
    ((rs Syscall.Col.bufLo).val = (s.reg 11).lo ∧ (rs Syscall.Col.bufHi).val = (s.reg 11).hi) ∧
      ((rs Syscall.Col.lenLo).val = (s.reg 12).lo ∧ (rs Syscall.Col.lenHi).val = (s.reg 12).hi) := by
  have h11 : r rd ≠ felt (Spec.reg 11) := fun h => absurd (reg_inj (hrd.symm.trans h)) (by decide)
  have h12 : r rd ≠ felt (Spec.reg 12) := fun h => absurd (reg_inj (hrd.symm.trans h)) (by decide)
  have eb := read_eq_memAt hh hinit hbuf
  have el := read_eq_memAt hh hinit hlen
  simp only [bufAccess, lenAccess, hclk] at eb el
  rw [← regCell_11, reg_cpu_ticks hh hinit hp h11] at eb
  rw [← regCell_12, reg_cpu_ticks hh hinit hp h12] at el
  have r11 := hregs 11
  have r12 := hregs 12
  rw [← eb] at r11
  rw [← el] at r12
  exact ⟨r11, r12⟩

/-- An IO row's cell is a word cell. -/
theorem ioAccess_wordCell {ri : Row BabyBear} (hg : Io.Groups ri) :
    IsWordCell (ioAccess ri).cell := by
  have hb := Felt.val_le_one_of_bool hg.bool_rom
  show 1 + ri Io.Col.rom = 1 ∨ 1 + ri Io.Col.rom = 2
  rcases Nat.le_one_iff_eq_zero_or_eq_one.mp hb with h | h
  · left; rw [show ri Io.Col.rom = 0 from BabyBear.ext h]; grind
  · right; rw [show ri Io.Col.rom = 1 from BabyBear.ext h]; grind

/-- **An IO row's old bytes are the byte memory's** at its word: its access at 4 clk + 4 reads
what memory holds at 4 clk + 1, the word `MemIn` ties to the bytes. -/
theorem io_bytes (hh : Hypotheses accs bnd) (hinit : ∀ b ∈ bnd, init b.cell = b.init)
    (hp : Ports accs r) {ri : Row BabyBear} (hg : Io.Groups ri) (hl : Io.Lookups ri)
    (hreal : Io.real ri = 1) (hclk : ri Io.Col.clk = r clk) (hacc : ioAccess ri ∈ accs)
    (hwa : (ri Io.Col.wa).val < 2 ^ 28)
    (hmem : MemIn (memAt accs init (4 * (r clk).val + 1)) bnd s) :
    ∀ j ∈ Io.lanes, ri (Io.Col.u0 + j) = Io.memByte s (4 * (ri Io.Col.wa).val + j) := by
  obtain ⟨hbal, hcausal, hpos, hts, hcells⟩ := hh
  obtain ⟨b, hb, hbc⟩ := exists_boundary hbal hcausal hpos hts hcells _ hacc
  have e := read_eq_memAt ⟨hbal, hcausal, hpos, hts, hcells⟩ hinit hacc
  have hw := ioAccess_wordCell hg
  simp only [ioAccess, hclk] at e
  rw [word_cpu_ticks hp (c := (1 + ri Io.Col.rom, ri Io.Col.wa)) (wordCell_ne hw)] at e
  have hm := hmem b hb (hbc ▸ hw)
  rw [hbc] at hm
  simp only [ioAccess] at hm
  rw [← e] at hm
  obtain ⟨hlo, hhi⟩ := hm
  have hu := hl.u8 (by rw [hreal]; decide)
  have u0 := hu 0 (by simp [Io.lanes])
  have u1 := hu 1 (by simp [Io.lanes])
  have u2 := hu 2 (by simp [Io.lanes])
  have u3 := hu 3 (by simp [Io.lanes])
  have e0 : (Io.halfAt ri Io.Col.u0).val = (ri (Io.Col.u0 + 0)).val + 256 * (ri (Io.Col.u0 + 1)).val := by
    have : Io.halfAt ri Io.Col.u0 = (((ri (Io.Col.u0 + 0)).val + 256 * (ri (Io.Col.u0 + 1)).val : Nat) : BabyBear) := by
      unfold Io.halfAt; push_natCast; rfl
    rw [this]; exact Mem.val_cast (by omega)
  have e2 : (Io.halfAt ri (Io.Col.u0 + 2)).val = (ri (Io.Col.u0 + 2)).val + 256 * (ri (Io.Col.u0 + 3)).val := by
    have : Io.halfAt ri (Io.Col.u0 + 2) = (((ri (Io.Col.u0 + 2)).val + 256 * (ri (Io.Col.u0 + 3)).val : Nat) : BabyBear) := by
      unfold Io.halfAt; push_natCast
    rw [this]; exact Mem.val_cast (by omega)
  have hword := ByteMemory.toNat_wordAt s (ri Io.Col.wa).val
  have b0 := ByteMemory.byteAt_lt s (BitVec.ofNat 32 (4 * (ri Io.Col.wa).val)) 0
  have b1 := ByteMemory.byteAt_lt s (BitVec.ofNat 32 (4 * (ri Io.Col.wa).val)) 1
  have b2 := ByteMemory.byteAt_lt s (BitVec.ofNat 32 (4 * (ri Io.Col.wa).val)) 2
  have b3 := ByteMemory.byteAt_lt s (BitVec.ofNat 32 (4 * (ri Io.Col.wa).val)) 3
  simp only [Word.lo, Word.hi] at hlo hhi
  rw [e0] at hlo
  rw [e2] at hhi
  have key : ∀ j, j ≤ 3 → (ri (Io.Col.u0 + j)).val =
      ByteMemory.byteAt s (BitVec.ofNat 32 (4 * (ri Io.Col.wa).val)) j := by
    intro j hj
    rcases (by omega : j = 0 ∨ j = 1 ∨ j = 2 ∨ j = 3) with rfl | rfl | rfl | rfl <;> omega
  intro j hj
  have hj3 : j ≤ 3 := by have := Io.mem_lanes.mp hj; omega
  rw [← Felt.natCast_val (ri (Io.Col.u0 + j)), key j hj3, Io.memByte, ByteMemory.byteAt,
    BitVec.ofNat_add_ofNat]

end Zkvm.Air.V2.Run

end
