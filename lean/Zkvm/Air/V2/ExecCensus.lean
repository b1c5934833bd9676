module

public import Zkvm.Air.V2.ExecContract
public import Zkvm.Air.V2.IoMessages
public import Zkvm.Air.V2.IoSound
public import Zkvm.Air.V2.TableMessages

/-!
# Which fractions carry EXEC (tag 10)

The whole run derives the EXEC join's hypothesis (`Exec.Receives`: every EXEC message received is
a coprocessor row's) from every table's messages. This file states, table by table over BabyBear
rows, where tag 10 occurs among the named fractions:
* ALU, LOGIC, MUL, DIV, MEM, SYSCALL: only in the first fraction, the EXEC receive
  ⟨−real, execMsg⟩ (`*_exec_only`); so a fraction of a row satisfying its groups and lookups that
  receives a tag-10 message once (multiplicity −1) is a real row's request and satisfies
  `Exec.Receives` (`*_receives`);
* CPU: only in its EXEC send, with multiplicity f_exec (`cpu_exec_only`);
* IO (its byte tag is 8, 9, 14 or a sum of them, never 10), RANGE, PRIVATE, BOUNDARY: nowhere
  (`*_no_exec`).
What is left for the whole run is the bus model itself: the received messages as the fractions
of all rows with multiplicity −1 (counted), against which `Exec.receives_of_bus` is stated.
-/

@[expose] public section

noncomputable section

namespace Zkvm.Air.V2.Exec

open Zkvm.Field Zkvm.Air.Table
open Zkvm.Air.V2.Cpu (Fraction)

theorem alu_exec_only (r : Row BabyBear) :
    ∀ f ∈ Alu.fractions r, f.fields.head? = some 10 → f = ⟨-(Alu.real r), (Alu.execMsg r).fields⟩ := by
  simp only [Alu.fractions, List.forall_mem_cons, List.not_mem_nil, false_implies, implies_true,
    and_true]
  refine ⟨fun _ => rfl, ?_⟩
  simp (config := { decide := true })

theorem logic_exec_only (r : Row BabyBear) :
    ∀ f ∈ Logic.fractions r, f.fields.head? = some 10 →
      f = ⟨-(Logic.real r), (Logic.execMsg r).fields⟩ := by
  simp only [Logic.fractions, Logic.and4, List.forall_mem_cons, List.not_mem_nil, false_implies,
    implies_true, and_true, List.append_assoc, List.cons_append, List.nil_append]
  refine ⟨fun _ => rfl, ?_⟩
  simp (config := { decide := true })

theorem mul_exec_only (r : Row BabyBear) :
    ∀ f ∈ Mul.fractions r, f.fields.head? = some 10 →
      f = ⟨-(Mul.real r), (Mul.execMsg r).fields⟩ := by
  simp only [Mul.fractions, Mul.look, List.forall_mem_cons, List.not_mem_nil, false_implies,
    implies_true, and_true, List.append_assoc, List.cons_append, List.nil_append]
  refine ⟨fun _ => rfl, ?_⟩
  simp (config := { decide := true })

theorem div_exec_only (r : Row BabyBear) :
    ∀ f ∈ Div.fractions r, f.fields.head? = some 10 →
      f = ⟨-(Div.real r), (Div.execMsg r).fields⟩ := by
  simp only [Div.fractions, Mul.look, List.forall_mem_cons, List.not_mem_nil, false_implies,
    implies_true, and_true, List.append_assoc, List.cons_append, List.nil_append]
  refine ⟨fun _ => rfl, ?_⟩
  simp (config := { decide := true })

theorem mem_exec_only (r : Row BabyBear) :
    ∀ f ∈ Mem.fractions r, f.fields.head? = some 10 →
      f = ⟨-(Mem.real r), (Mem.execMsg r).fields⟩ := by
  simp only [Mem.fractions, List.forall_mem_cons, List.not_mem_nil, false_implies,
    implies_true, and_true, List.append_assoc, List.cons_append, List.nil_append]
  refine ⟨fun _ => rfl, ?_⟩
  simp (config := { decide := true })

theorem syscall_exec_only (r : Row BabyBear) :
    ∀ f ∈ Syscall.fractions r, f.fields.head? = some 10 →
      f = ⟨-(Syscall.real r), (Syscall.execMsg r).fields⟩ := by
  simp only [Syscall.fractions, Syscall.access, Syscall.tagExec, Syscall.opEcall, Syscall.tagHalt, Syscall.tagMem, Syscall.tagIo, Syscall.tagU16, Syscall.tagPlen, List.forall_mem_cons, List.not_mem_nil, false_implies,
    implies_true, and_true, List.append_assoc, List.cons_append, List.nil_append]
  refine ⟨fun _ => rfl, ?_⟩
  simp (config := { decide := true })

/-- The CPU row carries tag 10 only in its EXEC send, with multiplicity f_exec. -/
theorem cpu_exec_only (r : Row BabyBear) :
    ∀ f ∈ Cpu.fractions r, f.fields.head? = some 10 → f = ⟨r Cpu.Col.fExec, (Cpu.execMsg r).fields⟩ := by
  simp only [Cpu.fractions, Cpu.port, Cpu.tagProg, Cpu.tagMem, Cpu.tagU16, Cpu.tagExec, Cpu.tagHalt,
    Cpu.tagExit, List.forall_mem_cons, List.not_mem_nil, false_implies, implies_true, and_true,
    List.append_assoc, List.cons_append, List.nil_append]
  simp (config := { decide := true })
  rfl

/-- The IO row's byte tag, 8 kRead + 9 kWrite1 + 14 kPriv on booleans, is one of eight values. -/
theorem byteTag_mem {r : Row BabyBear} (hg : Io.Groups r) :
    Io.byteTag r ∈ ([0, 8, 9, 14, 17, 22, 23, 31] : List BabyBear) := by
  unfold Io.byteTag
  rcases Io.bool_cases hg.bool_read with h1 | h1 <;>
    rcases Io.bool_cases hg.bool_write1 with h2 | h2 <;>
    rcases Io.bool_cases hg.bool_priv with h3 | h3 <;>
    rw [h1, h2, h3] <;> decide

/-- The IO row's byte tag is never 10. -/
theorem byteTag_ne {r : Row BabyBear} (hg : Io.Groups r) : Io.byteTag r ≠ 10 := fun h => by
  have := byteTag_mem hg; rw [h] at this; revert this; decide

theorem io_no_exec {r : Row BabyBear} (hg : Io.Groups r) :
    ∀ f ∈ Io.fractions r, f.fields.head? ≠ some 10 := by
  have hb := byteTag_ne hg
  simp only [Io.fractions, Io.tagMem, Io.tagU16, Io.tagU8, Io.tagIo,
    List.forall_mem_cons, List.not_mem_nil, false_implies, implies_true, and_true]
  simp (config := { decide := true }) [hb]

theorem range_no_exec (r : Row BabyBear) : ∀ f ∈ Range.fractions r, f.fields.head? ≠ some 10 := by
  simp only [Range.fractions, List.forall_mem_cons, List.not_mem_nil, false_implies, implies_true,
    and_true]
  simp (config := { decide := true })

theorem private_no_exec (r : Row BabyBear) : ∀ f ∈ Private.fractions r, f.fields.head? ≠ some 10 := by
  simp only [Private.fractions, List.forall_mem_cons, List.not_mem_nil, false_implies, implies_true,
    and_true]
  simp (config := { decide := true })

theorem boundary_no_exec (r : Row BabyBear) :
    ∀ f ∈ Boundary.fractions r, f.fields.head? ≠ some 10 := by
  simp only [Boundary.fractions, List.forall_mem_cons, List.not_mem_nil, false_implies, implies_true,
    and_true]
  simp (config := { decide := true })

/-! ## A tag-10 receive is a coprocessor row's request -/

theorem alu_receives {r : Row BabyBear} (hg : Alu.Groups r) (hl : Alu.Lookups r)
    {f : Fraction BabyBear} (hf : f ∈ Alu.fractions r) (hh : f.fields.head? = some 10)
    (hm : f.mult = -1) : ∃ m : Msg, f.fields = m.fields ∧ Receives m := by
  have e := alu_exec_only r f hf hh
  subst e
  simp only at hm
  exact ⟨_, rfl, .alu r hg hl (by grind) rfl⟩

theorem logic_receives {r : Row BabyBear} (hg : Logic.Groups r) (hl : Logic.Lookups r)
    {f : Fraction BabyBear} (hf : f ∈ Logic.fractions r) (hh : f.fields.head? = some 10)
    (hm : f.mult = -1) : ∃ m : Msg, f.fields = m.fields ∧ Receives m := by
  have e := logic_exec_only r f hf hh
  subst e
  simp only at hm
  exact ⟨_, rfl, .logic r hg hl (by grind) rfl⟩

theorem mul_receives {r : Row BabyBear} (hg : Mul.Groups r) (hl : Mul.Lookups r)
    {f : Fraction BabyBear} (hf : f ∈ Mul.fractions r) (hh : f.fields.head? = some 10)
    (hm : f.mult = -1) : ∃ m : Msg, f.fields = m.fields ∧ Receives m := by
  have e := mul_exec_only r f hf hh
  subst e
  simp only at hm
  exact ⟨_, rfl, .mul r hg hl (by grind) rfl⟩

theorem div_receives {r : Row BabyBear} (hg : Div.Groups r) (hl : Div.Lookups r)
    {f : Fraction BabyBear} (hf : f ∈ Div.fractions r) (hh : f.fields.head? = some 10)
    (hm : f.mult = -1) : ∃ m : Msg, f.fields = m.fields ∧ Receives m := by
  have e := div_exec_only r f hf hh
  subst e
  simp only at hm
  exact ⟨_, rfl, .div r hg hl (by grind) rfl⟩

theorem mem_receives {r : Row BabyBear} (hg : Mem.Groups r) (hl : Mem.Lookups r)
    {f : Fraction BabyBear} (hf : f ∈ Mem.fractions r) (hh : f.fields.head? = some 10)
    (hm : f.mult = -1) : ∃ m : Msg, f.fields = m.fields ∧ Receives m := by
  have e := mem_exec_only r f hf hh
  subst e
  simp only at hm
  exact ⟨_, rfl, .mem r hg hl (by grind) rfl⟩

theorem syscall_receives {r pub : Row BabyBear} (hg : Syscall.Groups r pub) (hl : Syscall.Lookups r)
    {f : Fraction BabyBear} (hf : f ∈ Syscall.fractions r) (hh : f.fields.head? = some 10)
    (hm : f.mult = -1) : ∃ m : Msg, f.fields = m.fields ∧ Receives m := by
  have e := syscall_exec_only r f hf hh
  subst e
  simp only at hm
  exact ⟨_, rfl, .syscall r pub hg hl (by grind) rfl⟩

end Zkvm.Air.V2.Exec

end
