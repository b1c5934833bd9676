module

public import Zkvm.Air.V2.RunWordWritesRows
public import Zkvm.Air.V2.RunBoundaryFacts

/-!
# The ECALLs' rd values are limbs (`hecall` of `rd_of_bus_ecall`), and the boundary's initial limbs

`rd_of_bus_ecall` (RunWordWritesRows.lean) leaves `hecall`: an ECALL run row (op 36) that writes
rd has c in 16-bit limbs, given that every access before 4 clk + 3 reads and writes limbs
(`LimbsBefore`) and that every read whose cell's earlier accesses precede 4 clk + 3 returns limbs
(`ReadsBefore`). This file derives it (`ecall_rd_of_bus`) from the SYSCALL row receiving the
row's request (`Exec.syscall_receiver`), by its kind (`Step.syscall_flags`):

* exit: c = b, the rs2 read (`rd_exit_limbs`);
* write and read: the SYSCALL row reads a2 (`lenAccess`, cell (0, 12)) at 4 clk + 4; every
  earlier access to (0, 12) is before 4 clk + 3, since the only access at 4 clk + 3 is the ECALL
  row's rd port (`Ports.at3`), whose register is a0 (`ecall_rd`): so the len read is limbs by
  `ReadsBefore` (`ecall_len_limbs`);
* write: c = len (`write_lo`, `write_hi`);
* read: c_lo by its U16 lookup (`Syscall.Lookups.cLo`); c_hi + d_hi + carry = len_hi
  (`read_hi`) with d_hi a U16 lookup, the carry a bit and 4 c_hi a U16 lookup gives c_hi below
  2^14 (`Syscall.quarter_of_diff`).

`rd_of_bus_full` is `rd_of_bus_ecall` with `hecall` so discharged: `wordWrites_of_bus`'s `hrd`
from the bus facts, the EXEC balance, the run's rows and the code's addresses.

`witnessBnd_init_limbs` gives `wordWrites_of_bus`'s `hbnd` for the witness's boundary rows
(`witnessBnd`): outside space 3 a boundary row is a real BOUNDARY row's, an image row (limbs
value &&& 65535 and value >>> 16) or a zero row (limbs 0) (`bnd_origin`);
`witnessBnd_init_limbs_of_bus` states it under the hypotheses of `witnessBnd_of_bus`.
-/

@[expose] public section

noncomputable section

namespace Zkvm.Air.V2.Run

open Zkvm.Field Zkvm.RiscV Zkvm.Air.Table Zkvm.Air.Memory Zkvm.Air.V2.Cpu Zkvm.Air.V2.Cpu.Col
open Zkvm.Air.V2.Exec (Tables ExecBalanced felt)
open Zkvm.Air.V2.Step (progMsg progTable)

/-- **The len read of a write or read ECALL is limbs**: a SYSCALL row that moves (read or write)
and receives a run row's request reads a2 (`lenAccess`, cell (0, 12)) at 4 clk + 4; the only
access at 4 clk + 3 is the run row's rd port (`Ports.at3`), of register a0 (`ecall_rd`), so
every earlier access to (0, 12) is before 4 clk + 3 and `ReadsBefore` gives limbs. -/
theorem ecall_len_limbs {T : Tables} (hok : T.Ok) {wins : Nat → Window BabyBear} {N : Nat}
    (hrr : RunRows T wins N) {n : Nat} (hn : n < N)
    (hrd10 : (wins n).cur rd = felt (Spec.reg 10))
    (hrb : ReadsBefore (witnessAccs ((List.range N).map fun m => (wins m).cur) T.mem T.sys T.io)
      (4 * ((wins n).cur clk).val + 1 + 1 + 1))
    {rs : Row BabyBear} (hrs : rs ∈ T.sys)
    (he : Exec.Cpu.execMsg (wins n).cur = Exec.Syscall.execMsg rs)
    (hmv : Syscall.moves rs = 1) :
    Limbs (rs Syscall.Col.lenLo, rs Syscall.Col.lenHi) := by
  simp only [Exec.Cpu.execMsg, Exec.Syscall.execMsg, Exec.Msg.mk.injEq] at he
  have eclk := he.2.1
  have hp := ports_of_rows hrr.rows hrr.real (fun rm hrm => hok.mem rm hrm)
    (fun ri hri => hok.io ri hri) (sys := T.sys) n hn
  have hmem : lenAccess rs ∈
      witnessAccs ((List.range N).map fun m => (wins m).cur) T.mem T.sys T.io := by
    simp only [witnessAccs, List.mem_append, List.mem_flatMap]
    exact Or.inl (Or.inr ⟨rs, hrs, by simp [syscallAccesses, hmv]⟩)
  refine hrb _ hmem (by simp only [lenAccess]; decide) ?_
  intro a' ha' hc hlt
  simp only [lenAccess] at hlt hc
  rw [← eclk] at hlt
  by_cases h3 : a'.ts = 4 * ((wins n).cur clk).val + 1 + 1 + 1
  · exfalso
    obtain ⟨-, rfl⟩ := hp.at3 a' ha' h3
    have hc2 := congrArg Prod.snd hc
    simp only [rdAccess] at hc2
    rw [hrd10] at hc2
    exact absurd hc2 (by decide)
  · omega

/-- **An ECALL run row's rd value is limbs** (`rd_of_bus_ecall`'s `hecall`, in its exact form):
the SYSCALL row receiving its request is an exit (c = b, `rd_exit_limbs`), a write (c = len,
`write_lo`, `write_hi`, with len limbs by `ecall_len_limbs`) or a read (c_lo by its U16
lookup; c_hi + d_hi + carry = len_hi with the 4 c_hi lookup, `Syscall.quarter_of_diff`). -/
theorem ecall_rd_of_bus {T : Tables} {ssent srcvd : List (List BabyBear)}
    {code : List (UInt32 × UInt32)} (hF : Exec.BusFacts T ssent srcvd code)
    (hexec : ExecBalanced T) {wins : Nat → Window BabyBear} {N : Nat} (hrr : RunRows T wins N)
    (hcode : ∀ p ∈ code, p.1.toNat < 2 ^ 30) :
    ∀ n < N, ((wins n).cur op).val = 36 → (wins n).cur fWr = 1 →
      LimbsBefore (witnessAccs ((List.range N).map fun m => (wins m).cur) T.mem T.sys T.io)
        (4 * ((wins n).cur clk).val + 1 + 1 + 1) →
      ReadsBefore (witnessAccs ((List.range N).map fun m => (wins m).cur) T.mem T.sys T.io)
        (4 * ((wins n).cur clk).val + 1 + 1 + 1) →
        Limbs ((wins n).cur cLo, (wins n).cur cHi) := by
  intro n hn h36 _ hb hrb
  have hg := hrr.rows.groups n hn
  have hreal := hrr.real n hn
  have hm := hF.prog _ (hrr.mem n hn) hreal
  obtain ⟨p, -, i, -, hruns, -⟩ := Step.runs_of_prog code hcode hm
  have hx := exec_of_ecall hg hruns h36
  have hi := ecall_of_op hruns h36
  subst hi
  have hrd10 : (wins n).cur rd = felt (Spec.reg 10) := by
    obtain ⟨row, hrow, hp⟩ := hruns
    simp only [Spec.programRow, Option.some.injEq] at hrow
    subst hrow
    exact (Step.prog_fields hp).2.2.2.2.1
  obtain ⟨rs, hrs, hrsreal, he⟩ := Exec.syscall_receiver hF.ok hF.looks hexec (hrr.mem n hn) hx
    h36
  obtain ⟨pub, hgs⟩ := hF.ok.sys rs hrs
  have hls := hF.looks.sys rs hrs
  have he' := he
  simp only [Exec.Cpu.execMsg, Exec.Syscall.execMsg, Exec.Msg.mk.injEq] at he'
  obtain ⟨-, -, -, -, -, -, ec0, ec1, -⟩ := he'
  show ((wins n).cur cLo).val < 2 ^ 16 ∧ ((wins n).cur cHi).val < 2 ^ 16
  rw [ec0, ec1]
  rcases Step.syscall_flags hgs hrsreal with ⟨h1, h2, h3⟩ | ⟨h1, h2, h3⟩ | ⟨h1, h2, h3⟩
  · -- read
    have hmv : Syscall.moves rs = 1 := by unfold Syscall.moves; rw [h1, h2]; grind
    obtain ⟨-, l1⟩ := ecall_len_limbs hF.ok hrr hn hrd10 hrb hrs he hmv
    have hrd0 : rs Syscall.Col.fRead ≠ 0 := by rw [h1]; decide
    have hmv0 : Syscall.moves rs ≠ 0 := by rw [hmv]; decide
    obtain ⟨-, hch⟩ := Syscall.quarter_of_diff (y := rs Syscall.Col.cHi)
      (u := rs Syscall.Col.dHi) (z := rs Syscall.Col.carry) (w := rs Syscall.Col.lenHi)
      (by have := hgs.read_hi; rw [h1] at this; grind) l1 (hls.dHi hrd0)
      (Felt.val_le_one_of_bool hgs.bool_carry) (hls.cHi hmv0)
    exact ⟨hls.cLo hrd0, by omega⟩
  · -- write
    have hmv : Syscall.moves rs = 1 := by unfold Syscall.moves; rw [h1, h2]; grind
    obtain ⟨l0, l1⟩ := ecall_len_limbs hF.ok hrr hn hrd10 hrb hrs he hmv
    have c0 : rs Syscall.Col.cLo = rs Syscall.Col.lenLo := by
      have := hgs.write_lo; rw [h2] at this; grind
    have c1 : rs Syscall.Col.cHi = rs Syscall.Col.lenHi := by
      have := hgs.write_hi; rw [h2] at this; grind
    rw [c0, c1]
    exact ⟨l0, l1⟩
  · -- exit
    have := rd_exit_limbs hF.ok hrr hn hb hrs he h3
    rw [← ec0, ← ec1]
    exact this

/-- **The rd port's value is limbs, for every instruction** (`wordWrites_of_bus`'s `hrd`, over
the witness's accesses whose CPU rows are the run's rows): `rd_of_bus_ecall` with the ECALLs'
results from `ecall_rd_of_bus`. -/
theorem rd_of_bus_full {T : Tables} {ssent srcvd : List (List BabyBear)}
    {code : List (UInt32 × UInt32)} (hF : Exec.BusFacts T ssent srcvd code)
    (hexec : ExecBalanced T) {wins : Nat → Window BabyBear} {N : Nat} (hrr : RunRows T wins N)
    (hcode : ∀ p ∈ code, p.1.toNat < 2 ^ 30) :
    ∀ r ∈ (List.range N).map (fun m => (wins m).cur), r fWr = 1 →
      LimbsBefore (witnessAccs ((List.range N).map fun m => (wins m).cur) T.mem T.sys T.io)
        (4 * (r clk).val + 1 + 1 + 1) →
      ReadsBefore (witnessAccs ((List.range N).map fun m => (wins m).cur) T.mem T.sys T.io)
        (4 * (r clk).val + 1 + 1 + 1) →
        Limbs (r cLo, r cHi) :=
  rd_of_bus_ecall hF hexec hrr hcode (ecall_rd_of_bus hF hexec hrr hcode)

/-! ## The witness's boundary rows start with limbs outside space 3 -/

/-- **`wordWrites_of_bus`'s `hbnd` for the witness's boundary rows**: a boundary row outside
space 3 is a real BOUNDARY row's (the cursors are in space 3), an image row, whose limbs are an
image word's value &&& 65535 and value >>> 16, or a zero row, whose limbs are 0 (`bnd_origin`). -/
theorem witnessBnd_init_limbs {T : Tables} {tb : Trace BabyBear} {pb : Nat → BabyBear}
    {prows : List Spec.ProgramRow} {image : List Spec.ImageWord}
    (hs : Boundary.Sat tb pb) (hT : T.bnd = (List.range tb.height).map tb.row)
    (hL : BndLooks T prows image) (hIB : ImageBounds image pb)
    (consumed outLen : BabyBear) (ts : Nat) (re : Row BabyBear) :
    ∀ b ∈ witnessBnd T consumed outLen ts re, b.cell.1 ≠ 3 → Limbs b.init := by
  intro b hb h3
  rcases mem_witnessBnd hT hb with ⟨i, hi, h1, rfl⟩ | ⟨e, -⟩
  · show (tb.row i Boundary.Col.initLo).val < 2 ^ 16 ∧ (tb.row i Boundary.Col.initHi).val < 2 ^ 16
    rcases bnd_origin hs hT hL hIB hi h1 with ⟨w, -, -, -, el, eh⟩ | ⟨-, el, eh, -⟩
    · have := img_limb_lo_lt w.value
      have := img_limb_hi_lt w.value
      rw [el, eh, val_felt_small (by omega), val_felt_small (by omega)]
      omega
    · rw [el, eh]
      exact ⟨by decide, by decide⟩
  · exact absurd e h3

/-- **`witnessBnd_init_limbs` from the bus** (the hypotheses of `witnessBnd_of_bus`: the BOUNDARY
table's lookups from one bus, `bndLooks_of_bus`). -/
theorem witnessBnd_init_limbs_of_bus {T : Tables} {tb : Trace BabyBear} {pb : Nat → BabyBear}
    {ssent srcvd : List (List BabyBear)} {fx : List (Fraction BabyBear)}
    (hB : Exec.Bus T ssent srcvd fx) (hs : Boundary.Sat tb pb)
    (hT : T.bnd = (List.range tb.height).map tb.row)
    (hstmt : ∀ m ∈ ssent ++ srcvd, m.head? ≠ some 3)
    {prows : List Spec.ProgramRow} {image : List Spec.ImageWord}
    (hfxr : ∀ f ∈ fx, f.fields ∈ Exec.fixedFelts prows image)
    (hIB : ImageBounds image pb) (consumed outLen : BabyBear) (ts : Nat) (re : Row BabyBear) :
    ∀ b ∈ witnessBnd T consumed outLen ts re, b.cell.1 ≠ 3 → Limbs b.init :=
  witnessBnd_init_limbs hs hT (bndLooks_of_bus hB hs hT hstmt hfxr) hIB consumed outLen ts re

end Zkvm.Air.V2.Run

end
