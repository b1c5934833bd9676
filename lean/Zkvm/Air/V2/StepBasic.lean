module

public import Zkvm.Air.V2.ExecContract
public import Zkvm.Air.V2.CpuSound
public import Zkvm.Spec.ProgMessage

/-!
# One CPU row joined with the program and the state it reads

The whole-step theorems (`Zkvm.Air.V2.Step`) take a CPU row satisfying its constraints and
three joins, each what a lookup or the memory argument delivers:
* `Runs r pc i`: the row's PROG message is the program row of instruction `i` at `pc`
  (`Zkvm.Spec.programRow`, the fixed table's content; the PROG lookup);
* `Reads r s`: its a and b are the values, in state `s`, of the registers its rs1 and rs2
  fields name (the register ports and the memory argument);
* `Exec.Receives`: its EXEC request is received by a coprocessor row (the bus; `Exec`).
This file reads the program fields out of `Runs`: the op, the register fields, the immediate's
limbs and, from the packed flags and the flags' booleanity, each flag (`flags_of_packed`).
-/

@[expose] public section

noncomputable section

namespace Zkvm.Air.V2.Step

open Zkvm.Field Zkvm.RiscV Zkvm.Air.Table Zkvm.Air.V2.Cpu Zkvm.Air.V2.Cpu.Col
open Zkvm.Air.V2.Exec (felt)

/-- The PROG message a real CPU row sends: its program fields, tag first. -/
def progMsg (r : Row BabyBear) : List BabyBear :=
  [1, r pc, r op, r rs1, r rs2, r rd, r immLo, r immHi, r kLo, r kHi, r target, packedFlags r]

theorem prog_fraction (r : Row BabyBear) :
    (fractions r)[0]? = some ⟨r isReal, progMsg r⟩ := rfl

/-- **The row runs instruction `i` at `pc`**: its PROG message is that program row's. -/
def Runs (r : Row BabyBear) (pc : Word) (i : Instr) : Prop :=
  ∃ row, Spec.programRow ⟨pc⟩ i = some row ∧ progMsg r = (Spec.progMessage row).map felt

/-- **The row reads state `s`**: a and b are the values of the registers rs1 and rs2 name. -/
structure Reads (r : Row BabyBear) (s : State) : Prop where
  a : ∀ x : Reg, r rs1 = felt (Spec.reg x) → (r aLo).val = (s.reg x).lo ∧ (r aHi).val = (s.reg x).hi
  b : ∀ x : Reg, r rs2 = felt (Spec.reg x) → (r bLo).val = (s.reg x).lo ∧ (r bHi).val = (s.reg x).hi

/-- The fields of a PROG message. -/
theorem prog_fields {r : Row BabyBear} {row : Spec.ProgramRow}
    (h : progMsg r = (Spec.progMessage row).map felt) :
    r pc = felt row.pc ∧ r op = felt (Spec.execOp row) ∧
      r rs1 = felt (if row.op = 36 then 17 else row.rs1) ∧ r rs2 = felt row.rs2 ∧
      r rd = felt row.rd ∧ r immLo = felt (row.imm &&& 65535) ∧ r immHi = felt (row.imm >>> 16) ∧
      r kLo = felt (row.k &&& 65535) ∧ r kHi = felt (row.k >>> 16) ∧ r target = felt row.target ∧
      packedFlags r = felt (Spec.progFlags row) := by
  simp only [progMsg, Spec.progMessage, List.map_cons, List.map_nil, List.cons.injEq] at h
  exact ⟨h.2.1, h.2.2.1, h.2.2.2.1, h.2.2.2.2.1, h.2.2.2.2.2.1, h.2.2.2.2.2.2.1,
    h.2.2.2.2.2.2.2.1, h.2.2.2.2.2.2.2.2.1, h.2.2.2.2.2.2.2.2.2.1, h.2.2.2.2.2.2.2.2.2.2.1,
    h.2.2.2.2.2.2.2.2.2.2.2.1⟩

theorem val_felt {x : UInt32} (h : x.toNat < 2013265921) : (felt x).val = x.toNat :=
  Mem.val_cast h

variable {w : Window BabyBear}

/-- **The flags from the packed PROG flags**: booleans whose weighted sum is n < 64 are n's bits. -/
theorem flags_of_packed (hg : Groups w) {n : Nat} (hn : n < 64)
    (h : packedFlags w.cur = ((n : Nat) : BabyBear)) :
    (w.cur fWr).val = n % 2 ∧ (w.cur fBr).val = n / 2 % 2 ∧ (w.cur fJal).val = n / 4 % 2 ∧
      (w.cur fJalr).val = n / 8 % 2 ∧ (w.cur fK).val = n / 16 % 2 ∧
      (w.cur fExec).val = n / 32 % 2 := by
  have b0 := Felt.val_le_one_of_bool (hg.bool_flags fWr (by simp [flags]))
  have b1 := Felt.val_le_one_of_bool (hg.bool_flags fBr (by simp [flags]))
  have b2 := Felt.val_le_one_of_bool (hg.bool_flags fJal (by simp [flags]))
  have b3 := Felt.val_le_one_of_bool (hg.bool_flags fJalr (by simp [flags]))
  have b4 := Felt.val_le_one_of_bool (hg.bool_flags fK (by simp [flags]))
  have b5 := Felt.val_le_one_of_bool (hg.bool_flags fExec (by simp [flags]))
  have e : packedFlags w.cur = (((w.cur fWr).val + 2 * (w.cur fBr).val + 4 * (w.cur fJal).val +
      8 * (w.cur fJalr).val + 16 * (w.cur fK).val + 32 * (w.cur fExec).val : Nat) : BabyBear) := by
    unfold packedFlags; push_natCast
  have := congrArg Field.BabyBear.val h
  rw [e, Mem.val_cast (by omega), Mem.val_cast (by omega)] at this
  omega

end Zkvm.Air.V2.Step

end
