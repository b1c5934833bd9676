module

public import Zkvm.Air.V2.ExecCensus
public import Zkvm.Air.V2.ExecDecode

/-!
# The bus over every table's rows: who sends EXEC

The whole run's joins come from one bus over all the tables' rows. This file states that bus for
the EXEC messages (tag 10) and derives the first join from it:

* `Tables`: the rows of the CPU, ALU, LOGIC, MUL, DIV, MEM, SYSCALL, IO, RANGE, PRIVATE and
  BOUNDARY tables; `Tables.sent`/`Tables.rcvd`: the messages of their fractions with multiplicity
  1 and −1;
* `ExecBalanced`: every EXEC message is sent as often as it is received — what the bus argument
  gives for tag 10, all of whose multiplicities are 0 or ±1 (docs/air.md §12.2 (d)), the
  statement and the FIXED table carrying no EXEC;
* `exec_sender`: an EXEC message sent once is a CPU row's request with f_exec (the census,
  `ExecCensus`: a coprocessor's EXEC fraction has multiplicity −real, never 1);
* `exec_receiver`: an EXEC message received once is a real coprocessor row's (`Receives`);
* `cpu_request_received`: so every CPU request with f_exec is received (`Receives`, the run
  theorems' `hrecv`), and `mem_answers_cpu`: every real MEM row answers a CPU row's request (the
  same EXEC message, so the same clk).
-/

@[expose] public section

noncomputable section

namespace Zkvm.Air.V2.Exec

open Zkvm.Field Zkvm.Air.Table
open Zkvm.Air.V2.Cpu (Fraction)

variable {r : Row BabyBear}

/-- A coprocessor's `real` is 0 or 1: its EXEC fraction's multiplicity −real is never 1. -/
theorem alu_real_le (hg : Alu.Groups r) : (Alu.real r).val ≤ 1 := by
  have s := Alu.flag_sum hg
  have e : Alu.real r = (((r Alu.Col.fAdd).val + (r Alu.Col.fSub).val + (r Alu.Col.fSlt).val +
      (r Alu.Col.fSltu).val + (r Alu.Col.fBeq).val + (r Alu.Col.fBne).val + (r Alu.Col.fBlt).val +
      (r Alu.Col.fBge).val + (r Alu.Col.fBltu).val + (r Alu.Col.fBgeu).val +
      (r Alu.Col.fJalr).val : Nat) : BabyBear) := by
    unfold Alu.real; push_natCast
  rw [e, Mem.val_cast (by omega)]; omega

theorem logic_real_le (hg : Logic.Groups r) : (Logic.real r).val ≤ 1 := by
  have s := Logic.flag_sum hg
  have e : Logic.real r = (((r Logic.Col.fXor).val + (r Logic.Col.fOr).val +
      (r Logic.Col.fAnd).val : Nat) : BabyBear) := by
    unfold Logic.real; push_natCast
  rw [e, Mem.val_cast (by omega)]; omega

theorem mul_real_le (hg : Mul.Groups r) : (Mul.real r).val ≤ 1 := by
  have s := Mul.flag_sum hg
  have e : Mul.real r = (((r Mul.Col.fMul).val + (r Mul.Col.fMulh).val + (r Mul.Col.fMulhsu).val +
      (r Mul.Col.fMulhu).val + (r Mul.Col.fSll).val + (r Mul.Col.fSrl).val +
      (r Mul.Col.fSra).val : Nat) : BabyBear) := by
    unfold Mul.real; push_natCast
  rw [e, Mem.val_cast (by omega)]; omega

theorem div_real_le (hg : Div.Groups r) : (Div.real r).val ≤ 1 := by
  have s := Div.flag_sum hg
  have e : Div.real r = (((r Div.Col.fDiv).val + (r Div.Col.fDivu).val + ((r Div.Col.fRem).val +
      (r Div.Col.fRemu).val) : Nat) : BabyBear) := by
    unfold Div.real; push_natCast
  rw [e, Mem.val_cast (by omega)]; omega

theorem mem_real_le (hg : Mem.Groups r) : (Mem.real r).val ≤ 1 := by
  have s := Mem.flag_sum hg
  have e : Mem.real r = (((r Mem.Col.fLb).val + (r Mem.Col.fLh).val + (r Mem.Col.fLw).val +
      (r Mem.Col.fLbu).val + (r Mem.Col.fLhu).val + (r Mem.Col.fSb).val + (r Mem.Col.fSh).val +
      (r Mem.Col.fSw).val : Nat) : BabyBear) := by
    unfold Mem.real; push_natCast
  rw [e, Mem.val_cast (by omega)]; omega

theorem syscall_real_le {pub : Row BabyBear} (hg : Syscall.Groups r pub) :
    (Syscall.real r).val ≤ 1 :=
  Felt.val_le_one_of_bool hg.bool_real

theorem neg_ne_one {x : BabyBear} (h : x.val ≤ 1) : -x ≠ 1 := by
  intro e
  have : x = -1 := by grind
  rw [this] at h
  exact absurd h (by decide)

/-- The rows of every table of a witness (one segment, or all segments together). -/
structure Tables where
  cpu : List (Row BabyBear)
  alu : List (Row BabyBear)
  logic : List (Row BabyBear)
  mul : List (Row BabyBear)
  div : List (Row BabyBear)
  mem : List (Row BabyBear)
  sys : List (Row BabyBear)
  io : List (Row BabyBear)
  range : List (Row BabyBear)
  priv : List (Row BabyBear)
  bnd : List (Row BabyBear)

namespace Tables

/-- Every fraction of every row. -/
def fractions (T : Tables) : List (Fraction BabyBear) :=
  T.cpu.flatMap Cpu.fractions ++ T.alu.flatMap Alu.fractions ++ T.logic.flatMap Logic.fractions ++
    T.mul.flatMap Mul.fractions ++ T.div.flatMap Div.fractions ++ T.mem.flatMap Mem.fractions ++
    T.sys.flatMap Syscall.fractions ++ T.io.flatMap Io.fractions ++
    T.range.flatMap Range.fractions ++ T.priv.flatMap Private.fractions ++
    T.bnd.flatMap Boundary.fractions

/-- The messages sent once (multiplicity 1). -/
def sent (T : Tables) : List (List BabyBear) :=
  (T.fractions.filter fun f => decide (f.mult = 1)).map (·.fields)

/-- The messages received once (multiplicity −1). -/
def rcvd (T : Tables) : List (List BabyBear) :=
  (T.fractions.filter fun f => decide (f.mult = -1)).map (·.fields)

/-- Every row meets its table's groups (SYSCALL with its segment's public values). -/
structure Ok (T : Tables) : Prop where
  alu : ∀ r ∈ T.alu, Alu.Groups r
  logic : ∀ r ∈ T.logic, Logic.Groups r
  mul : ∀ r ∈ T.mul, Mul.Groups r
  div : ∀ r ∈ T.div, Div.Groups r
  mem : ∀ r ∈ T.mem, Mem.Groups r
  sys : ∀ r ∈ T.sys, ∃ pub, Syscall.Groups r pub
  io : ∀ r ∈ T.io, Io.Groups r

end Tables

namespace Tables

variable {T : Tables} {f : Fraction BabyBear}

theorem sent_of (hf : f ∈ T.fractions) (h : f.mult = 1) : f.fields ∈ T.sent :=
  List.mem_map.mpr ⟨f, List.mem_filter.mpr ⟨hf, by simp only [h, decide_eq_true_eq]⟩, rfl⟩

theorem rcvd_of (hf : f ∈ T.fractions) (h : f.mult = -1) : f.fields ∈ T.rcvd :=
  List.mem_map.mpr ⟨f, List.mem_filter.mpr ⟨hf, by simp only [h, decide_eq_true_eq]⟩, rfl⟩

theorem of_cpu {r : Row BabyBear} (hr : r ∈ T.cpu) (hf : f ∈ Cpu.fractions r) :
    f ∈ T.fractions := by
  unfold Tables.fractions
  exact List.mem_append_left _ (List.mem_append_left _ (List.mem_append_left _
    (List.mem_append_left _ (List.mem_append_left _ (List.mem_append_left _
      (List.mem_append_left _ (List.mem_append_left _ (List.mem_append_left _
        (List.mem_append_left _ (List.mem_flatMap.mpr ⟨r, hr, hf⟩))))))))))

theorem of_mem {r : Row BabyBear} (hr : r ∈ T.mem) (hf : f ∈ Mem.fractions r) :
    f ∈ T.fractions := by
  unfold Tables.fractions
  exact List.mem_append_left _ (List.mem_append_left _ (List.mem_append_left _
    (List.mem_append_left _ (List.mem_append_left _ (List.mem_append_right _
      (List.mem_flatMap.mpr ⟨r, hr, hf⟩))))))

theorem of_sys {r : Row BabyBear} (hr : r ∈ T.sys) (hf : f ∈ Syscall.fractions r) :
    f ∈ T.fractions := by
  unfold Tables.fractions
  exact List.mem_append_left _ (List.mem_append_left _ (List.mem_append_left _
    (List.mem_append_left _ (List.mem_append_right _ (List.mem_flatMap.mpr ⟨r, hr, hf⟩)))))

end Tables

/-- **The EXEC messages balance**: each EXEC message (tag 10) is sent as often as received. -/
def ExecBalanced (T : Tables) : Prop :=
  ∀ m : List BabyBear, m.head? = some 10 → T.sent.count m = T.rcvd.count m

/-- **Only the CPU sends EXEC**: an EXEC message sent once is a CPU row's request, with f_exec. -/
theorem exec_sender {T : Tables} (hok : T.Ok) {m : List BabyBear} (hm : m ∈ T.sent)
    (hh : m.head? = some 10) :
    ∃ r ∈ T.cpu, r Cpu.Col.fExec = 1 ∧ m = (Cpu.execMsg r).fields := by
  obtain ⟨f, hf, rfl⟩ := List.mem_map.mp hm
  obtain ⟨hf, h1⟩ := List.mem_filter.mp hf
  simp only [decide_eq_true_eq] at h1
  simp only [Tables.fractions, List.mem_append, List.mem_flatMap, or_assoc] at hf
  rcases hf with ⟨r, hr, hf⟩ | ⟨r, hr, hf⟩ | ⟨r, hr, hf⟩ | ⟨r, hr, hf⟩ | ⟨r, hr, hf⟩ |
    ⟨r, hr, hf⟩ | ⟨r, hr, hf⟩ | ⟨r, hr, hf⟩ | ⟨r, hr, hf⟩ | ⟨r, hr, hf⟩ | ⟨r, hr, hf⟩
  · have e := cpu_exec_only r f hf hh
    subst e
    exact ⟨r, hr, h1, rfl⟩
  · have e := alu_exec_only r f hf hh; subst e
    exact absurd h1 (neg_ne_one (alu_real_le (hok.alu r hr)))
  · have e := logic_exec_only r f hf hh; subst e
    exact absurd h1 (neg_ne_one (logic_real_le (hok.logic r hr)))
  · have e := mul_exec_only r f hf hh; subst e
    exact absurd h1 (neg_ne_one (mul_real_le (hok.mul r hr)))
  · have e := div_exec_only r f hf hh; subst e
    exact absurd h1 (neg_ne_one (div_real_le (hok.div r hr)))
  · have e := mem_exec_only r f hf hh; subst e
    exact absurd h1 (neg_ne_one (mem_real_le (hok.mem r hr)))
  · have e := syscall_exec_only r f hf hh; subst e
    obtain ⟨pub, hg⟩ := hok.sys r hr
    exact absurd h1 (neg_ne_one (syscall_real_le hg))
  · exact absurd hh (io_no_exec (hok.io r hr) f hf)
  · exact absurd hh (range_no_exec r f hf)
  · exact absurd hh (private_no_exec r f hf)
  · exact absurd hh (boundary_no_exec r f hf)

/-- A message received once is also sent once, when EXEC messages balance. -/
theorem exec_rcvd_sent {T : Tables} (hbal : ExecBalanced T) {m : List BabyBear}
    (hm : m ∈ T.rcvd) (hh : m.head? = some 10) : m ∈ T.sent := by
  have := hbal m hh
  rw [← List.count_pos_iff] at hm ⊢
  omega

/-- **A real MEM row answers a CPU row's request**: the CPU row has f_exec and the MEM row's EXEC
message, so the same clk. -/
theorem mem_answers_cpu {T : Tables} (hok : T.Ok) (hbal : ExecBalanced T) {rm : Row BabyBear}
    (hrm : rm ∈ T.mem) (hreal : Mem.real rm = 1) :
    ∃ r ∈ T.cpu, r Cpu.Col.fExec = 1 ∧ (Cpu.execMsg r).fields = (Mem.execMsg rm).fields := by
  have hin : (Mem.execMsg rm).fields ∈ T.rcvd :=
    Tables.rcvd_of (f := ⟨-(Mem.real rm), (Mem.execMsg rm).fields⟩)
      (Tables.of_mem hrm (List.mem_of_mem_head? (Mem.exec_fraction rm))) (by rw [hreal])
  obtain ⟨r, hr, hx, he⟩ := exec_sender hok (exec_rcvd_sent hbal hin rfl) rfl
  exact ⟨r, hr, hx, he.symm⟩

/-- What the coprocessor rows' EXEC receives need: their lookups, and the CPU's f_exec boolean. -/
structure Tables.Looks (T : Tables) : Prop where
  alu : ∀ r ∈ T.alu, Alu.Lookups r
  logic : ∀ r ∈ T.logic, Logic.Lookups r
  mul : ∀ r ∈ T.mul, Mul.Lookups r
  div : ∀ r ∈ T.div, Div.Lookups r
  mem : ∀ r ∈ T.mem, Mem.Lookups r
  sys : ∀ r ∈ T.sys, Syscall.Lookups r
  cpu : ∀ r ∈ T.cpu, r Cpu.Col.fExec = 0 ∨ r Cpu.Col.fExec = 1

/-- **A received EXEC message is a coprocessor row's request** (`Receives`). -/
theorem exec_receiver {T : Tables} (hok : T.Ok) (hlk : T.Looks) {m : List BabyBear}
    (hm : m ∈ T.rcvd) (hh : m.head? = some 10) : ∃ x : Msg, m = x.fields ∧ Receives x := by
  obtain ⟨f, hf, rfl⟩ := List.mem_map.mp hm
  obtain ⟨hf, h1⟩ := List.mem_filter.mp hf
  simp only [decide_eq_true_eq] at h1
  simp only [Tables.fractions, List.mem_append, List.mem_flatMap, or_assoc] at hf
  rcases hf with ⟨r, hr, hf⟩ | ⟨r, hr, hf⟩ | ⟨r, hr, hf⟩ | ⟨r, hr, hf⟩ | ⟨r, hr, hf⟩ |
    ⟨r, hr, hf⟩ | ⟨r, hr, hf⟩ | ⟨r, hr, hf⟩ | ⟨r, hr, hf⟩ | ⟨r, hr, hf⟩ | ⟨r, hr, hf⟩
  · have e := cpu_exec_only r f hf hh
    subst e
    simp only at h1
    rcases hlk.cpu r hr with h | h <;> rw [h] at h1 <;> exact absurd h1 (by decide)
  · obtain ⟨x, hx, hrx⟩ := alu_receives (hok.alu r hr) (hlk.alu r hr) hf hh h1
    exact ⟨x, hx, hrx⟩
  · obtain ⟨x, hx, hrx⟩ := logic_receives (hok.logic r hr) (hlk.logic r hr) hf hh h1
    exact ⟨x, hx, hrx⟩
  · obtain ⟨x, hx, hrx⟩ := mul_receives (hok.mul r hr) (hlk.mul r hr) hf hh h1
    exact ⟨x, hx, hrx⟩
  · obtain ⟨x, hx, hrx⟩ := div_receives (hok.div r hr) (hlk.div r hr) hf hh h1
    exact ⟨x, hx, hrx⟩
  · obtain ⟨x, hx, hrx⟩ := mem_receives (hok.mem r hr) (hlk.mem r hr) hf hh h1
    exact ⟨x, hx, hrx⟩
  · obtain ⟨pub, hg⟩ := hok.sys r hr
    obtain ⟨x, hx, hrx⟩ := syscall_receives hg (hlk.sys r hr) hf hh h1
    exact ⟨x, hx, hrx⟩
  · exact absurd hh (io_no_exec (hok.io r hr) f hf)
  · exact absurd hh (range_no_exec r f hf)
  · exact absurd hh (private_no_exec r f hf)
  · exact absurd hh (boundary_no_exec r f hf)

/-- **Every CPU request is received** (the run theorems' `hrecv`): a CPU row with f_exec sends its
EXEC message once; the EXEC messages balance, so a coprocessor row receives it. -/
theorem cpu_request_received {T : Tables} (hok : T.Ok) (hlk : T.Looks) (hbal : ExecBalanced T)
    {r : Row BabyBear} (hr : r ∈ T.cpu) (hx : r Cpu.Col.fExec = 1) : Receives (Cpu.execMsg r) := by
  have hin : (Cpu.execMsg r).fields ∈ T.sent :=
    Tables.sent_of (f := ⟨r Cpu.Col.fExec, (Cpu.execMsg r).fields⟩)
      (Tables.of_cpu hr (List.mem_of_getElem? (l := Cpu.fractions r) (i := 13) rfl)) hx
  have hrc : (Cpu.execMsg r).fields ∈ T.rcvd := by
    have := hbal (Cpu.execMsg r).fields rfl
    rw [← List.count_pos_iff] at hin ⊢
    omega
  obtain ⟨x, hxe, hrx⟩ := exec_receiver hok hlk hrc rfl
  rw [Msg.fields_inj hxe]
  exact hrx

end Zkvm.Air.V2.Exec

end
