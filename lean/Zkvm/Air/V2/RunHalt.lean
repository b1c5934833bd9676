module

public import Zkvm.Air.V2.RunBus

/-!
# The HALT census: the halting row is an exit ECALL

The run theorems take as hypotheses that the halting CPU row runs ECALL (op 36) with a7 = 93 or
94 (`hlast`, `ha7`). This file derives both from the bus over every table's rows:

* where tag 11 (HALT) occurs: the CPU's receive ⟨−halt, [11, clk]⟩ and the SYSCALL table's send
  ⟨f_exit, [11, clk]⟩, nowhere else (`cpu_halt_only`, `syscall_halt_only`, `*_no_halt`);
* `HaltBalanced`: each HALT message sent as often as received (its multiplicities are all 0 or
  ±1; the statement and FIXED carry no HALT);
* `halt_is_exit`: a CPU row with halt = 1 receives HALT(clk); only an exit SYSCALL row sends it;
  that row answers the request of the CPU row with its clk (`exec_sender`), which is the halting
  row itself (clk counts the rows), so the halting row's op is ECALL's and its a7 (the SYSCALL
  row's a) is 93 or 94 with a_hi = 0.
-/

@[expose] public section

noncomputable section

namespace Zkvm.Air.V2.Exec

open Zkvm.Field Zkvm.Air.Table
open Zkvm.Air.V2.Cpu (Fraction)

theorem cpu_halt_only (r : Row BabyBear) :
    ∀ f ∈ Cpu.fractions r, f.fields.head? = some 11 →
      f = ⟨-(r Cpu.Col.halt), [Cpu.tagHalt, r Cpu.Col.clk]⟩ := by
  simp only [Cpu.fractions, Cpu.port, Cpu.tagProg, Cpu.tagMem, Cpu.tagU16, Cpu.tagExec, Cpu.tagHalt,
    Cpu.tagExit, List.forall_mem_cons, List.not_mem_nil, false_implies, implies_true, and_true,
    List.append_assoc, List.cons_append, List.nil_append]
  simp (config := { decide := true })

theorem syscall_halt_only (r : Row BabyBear) :
    ∀ f ∈ Syscall.fractions r, f.fields.head? = some 11 →
      f = ⟨r Syscall.Col.fExit, [Syscall.tagHalt, r Syscall.Col.clk]⟩ := by
  simp only [Syscall.fractions, Syscall.access, Syscall.tagExec, Syscall.opEcall, Syscall.tagHalt,
    Syscall.tagMem, Syscall.tagIo, Syscall.tagU16, Syscall.tagPlen, List.forall_mem_cons,
    List.not_mem_nil, false_implies, implies_true, and_true, List.append_assoc, List.cons_append,
    List.nil_append]
  simp (config := { decide := true })

theorem alu_no_halt (r : Row BabyBear) : ∀ f ∈ Alu.fractions r, f.fields.head? ≠ some 11 := by
  simp only [Alu.fractions, List.forall_mem_cons, List.not_mem_nil, false_implies, implies_true,
    and_true]
  simp (config := { decide := true })

theorem logic_no_halt (r : Row BabyBear) : ∀ f ∈ Logic.fractions r, f.fields.head? ≠ some 11 := by
  simp only [Logic.fractions, Logic.and4, List.forall_mem_cons, List.not_mem_nil, false_implies,
    implies_true, and_true, List.append_assoc, List.cons_append, List.nil_append]
  simp (config := { decide := true })

theorem mul_no_halt (r : Row BabyBear) : ∀ f ∈ Mul.fractions r, f.fields.head? ≠ some 11 := by
  simp only [Mul.fractions, Mul.look, List.forall_mem_cons, List.not_mem_nil, false_implies,
    implies_true, and_true, List.append_assoc, List.cons_append, List.nil_append]
  simp (config := { decide := true })

theorem div_no_halt (r : Row BabyBear) : ∀ f ∈ Div.fractions r, f.fields.head? ≠ some 11 := by
  simp only [Div.fractions, Mul.look, List.forall_mem_cons, List.not_mem_nil, false_implies,
    implies_true, and_true, List.append_assoc, List.cons_append, List.nil_append]
  simp (config := { decide := true })

theorem mem_no_halt (r : Row BabyBear) : ∀ f ∈ Mem.fractions r, f.fields.head? ≠ some 11 := by
  simp only [Mem.fractions, List.forall_mem_cons, List.not_mem_nil, false_implies,
    implies_true, and_true]
  simp (config := { decide := true })

/-- The IO row's byte tag is never 11. -/
theorem byteTag_ne_halt {r : Row BabyBear} (hg : Io.Groups r) : Io.byteTag r ≠ 11 := fun h => by
  have := byteTag_mem hg; rw [h] at this; revert this; decide

theorem io_no_halt {r : Row BabyBear} (hg : Io.Groups r) :
    ∀ f ∈ Io.fractions r, f.fields.head? ≠ some 11 := by
  have hb := byteTag_ne_halt hg
  simp only [Io.fractions, Io.tagMem, Io.tagU16, Io.tagU8, Io.tagIo,
    List.forall_mem_cons, List.not_mem_nil, false_implies, implies_true, and_true]
  simp (config := { decide := true }) [hb]

theorem range_no_halt (r : Row BabyBear) : ∀ f ∈ Range.fractions r, f.fields.head? ≠ some 11 := by
  simp only [Range.fractions, List.forall_mem_cons, List.not_mem_nil, false_implies, implies_true,
    and_true]
  simp (config := { decide := true })

theorem private_no_halt (r : Row BabyBear) :
    ∀ f ∈ Private.fractions r, f.fields.head? ≠ some 11 := by
  simp only [Private.fractions, List.forall_mem_cons, List.not_mem_nil, false_implies, implies_true,
    and_true]
  simp (config := { decide := true })

theorem boundary_no_halt (r : Row BabyBear) :
    ∀ f ∈ Boundary.fractions r, f.fields.head? ≠ some 11 := by
  simp only [Boundary.fractions, List.forall_mem_cons, List.not_mem_nil, false_implies, implies_true,
    and_true]
  simp (config := { decide := true })

/-- **The HALT messages balance**: each HALT message (tag 11) is sent as often as received. -/
def HaltBalanced (T : Tables) : Prop :=
  ∀ m : List BabyBear, m.head? = some 11 → T.sent.count m = T.rcvd.count m

/-- **The halting row is an exit ECALL**: a CPU row with halt = 1 runs op 36 (ECALL) and its a
(a7) is 93 or 94, with a_hi = 0 — the run theorems' `hlast` and `ha7` — when the EXEC and HALT
messages balance, every row meets its groups, halt is boolean on CPU rows and no other CPU row
with f_exec has the halting row's clk. -/
theorem halt_is_exit {T : Tables} (hok : T.Ok) (hexec : ExecBalanced T)
    (hhalt : HaltBalanced T) (hhb : ∀ r ∈ T.cpu, r Cpu.Col.halt = 0 ∨ r Cpu.Col.halt = 1)
    {r : Row BabyBear} (hr : r ∈ T.cpu)
    (hdist : ∀ r' ∈ T.cpu, r' Cpu.Col.fExec = 1 → (r' Cpu.Col.clk).val = (r Cpu.Col.clk).val →
      r' = r)
    (hh : r Cpu.Col.halt = 1) :
    (r Cpu.Col.op).val = 36 ∧ ((r Cpu.Col.aLo).val = 93 ∨ (r Cpu.Col.aLo).val = 94) ∧
      (r Cpu.Col.aHi).val = 0 := by
  -- the halting row receives HALT(clk)
  have hin : [Cpu.tagHalt, r Cpu.Col.clk] ∈ T.rcvd :=
    Tables.rcvd_of (f := ⟨-(r Cpu.Col.halt), [Cpu.tagHalt, r Cpu.Col.clk]⟩)
      (Tables.of_cpu hr (List.mem_of_getElem? (l := Cpu.fractions r) (i := 14) rfl)) (by rw [hh])
  have hs : [Cpu.tagHalt, r Cpu.Col.clk] ∈ T.sent := by
    have := hhalt [Cpu.tagHalt, r Cpu.Col.clk] rfl
    rw [← List.count_pos_iff] at hin ⊢
    omega
  -- only an exit SYSCALL row sends it
  obtain ⟨f, hf, hfe⟩ := List.mem_map.mp hs
  obtain ⟨hf, h1⟩ := List.mem_filter.mp hf
  simp only [decide_eq_true_eq] at h1
  have h11 : f.fields.head? = some 11 := by rw [hfe]; rfl
  simp only [Tables.fractions, List.mem_append, List.mem_flatMap, or_assoc] at hf
  obtain ⟨rs, hrs, hex, hclk⟩ : ∃ rs ∈ T.sys, rs Syscall.Col.fExit = 1 ∧
      rs Syscall.Col.clk = r Cpu.Col.clk := by
    rcases hf with ⟨r', hr', hf⟩ | ⟨r', hr', hf⟩ | ⟨r', hr', hf⟩ | ⟨r', hr', hf⟩ | ⟨r', hr', hf⟩ |
      ⟨r', hr', hf⟩ | ⟨r', hr', hf⟩ | ⟨r', hr', hf⟩ | ⟨r', hr', hf⟩ | ⟨r', hr', hf⟩ | ⟨r', hr', hf⟩
    · have e := cpu_halt_only r' f hf h11
      subst e
      simp only at h1
      rcases hhb r' hr' with h | h <;> rw [h] at h1 <;> exact absurd h1 (by decide)
    · exact absurd h11 (alu_no_halt r' f hf)
    · exact absurd h11 (logic_no_halt r' f hf)
    · exact absurd h11 (mul_no_halt r' f hf)
    · exact absurd h11 (div_no_halt r' f hf)
    · exact absurd h11 (mem_no_halt r' f hf)
    · have e := syscall_halt_only r' f hf h11
      subst e
      simp only [List.cons.injEq, and_true] at hfe
      exact ⟨r', hr', h1, hfe.2⟩
    · exact absurd h11 (io_no_halt (hok.io r' hr') f hf)
    · exact absurd h11 (range_no_halt r' f hf)
    · exact absurd h11 (private_no_halt r' f hf)
    · exact absurd h11 (boundary_no_halt r' f hf)
  obtain ⟨pub, hgs⟩ := hok.sys rs hrs
  -- the exit row is real
  have hreal : Syscall.real rs = 1 := by
    have b0 := Felt.val_le_one_of_bool hgs.bool_read
    have b1 := Felt.val_le_one_of_bool hgs.bool_write
    have hb := Felt.val_le_one_of_bool hgs.bool_real
    have e : Syscall.real rs = (((rs Syscall.Col.fRead).val + (rs Syscall.Col.fWrite).val + 1 : Nat) :
        BabyBear) := by
      unfold Syscall.real; rw [hex]; push_natCast
    rw [e, Mem.val_cast (by omega)] at hb
    rw [e, show (rs Syscall.Col.fRead).val + (rs Syscall.Col.fWrite).val + 1 = 1 by omega]
    rfl
  -- it answers the request of the CPU row with its clk: the halting row
  have hrc : (Syscall.execMsg rs).fields ∈ T.rcvd :=
    Tables.rcvd_of (f := ⟨-(Syscall.real rs), (Syscall.execMsg rs).fields⟩)
      (Tables.of_sys hrs (List.mem_of_mem_head? (Syscall.exec_fraction rs))) (by rw [hreal])
  obtain ⟨r', hr', hx', he⟩ := exec_sender hok (exec_rcvd_sent hexec hrc rfl) rfl
  have hm := Msg.fields_inj he.symm
  have hop : r' Cpu.Col.op = 36 := (congrArg Msg.op hm)
  have hc : r' Cpu.Col.clk = rs Syscall.Col.clk := (congrArg Msg.clk hm)
  have ha0 : r' Cpu.Col.aLo = rs Syscall.Col.aLo := (congrArg Msg.aLo hm)
  have ha1 : r' Cpu.Col.aHi = rs Syscall.Col.aHi := (congrArg Msg.aHi hm)
  have hrr : r' = r := hdist r' hr' hx' (by rw [hc.trans hclk])
  subst hrr
  -- the exit row's a: 93 or 94, a_hi = 0
  have hn := hgs.num_exit
  rw [hex] at hn
  have hhi := hgs.num_hi
  rw [hreal] at hhi
  refine ⟨by rw [hop]; rfl, ?_, ?_⟩
  · rw [ha0]
    have : (1 : BabyBear) * (rs Syscall.Col.aLo - 93) * (rs Syscall.Col.aLo - 94) =
        (rs Syscall.Col.aLo - 93) * (rs Syscall.Col.aLo - 94) := by grind
    rw [this] at hn
    rcases eq_zero_or_eq_zero_of_mul_eq_zero hn with h | h
    · left; rw [show rs Syscall.Col.aLo = 93 by grind]; rfl
    · right; rw [show rs Syscall.Col.aLo = 94 by grind]; rfl
  · rw [ha1, show rs Syscall.Col.aHi = 0 by grind]; rfl

end Zkvm.Air.V2.Exec

end
