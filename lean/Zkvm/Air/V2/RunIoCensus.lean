module

public import Zkvm.Air.V2.RunHalt
public import Zkvm.Air.V2.IoLinks
public import Zkvm.Air.V2.SyscallSound

/-!
# The bus over every table's rows: the IO messages, and whose clk an IO row carries

The IO messages (tag 13) chain one ECALL's IO rows between the SYSCALL row's start and end
messages (docs/air.md §7). This file states their balance over all the tables' rows and derives
who an IO row works for:

* the tag-13 census: only the SYSCALL row (its start, multiplicity moves, and end, −moves) and
  the IO row (its receive, −real, and send, real) carry IO messages (`syscall_io_only`,
  `io_io_only`, and `*_no_io` for the other tables); and the census of the statement's tags:
  only the IO row carries INPUT (8) and OUTPUT (9), and only the CPU EXIT (12) (`*_no_stmt`,
  `cpu_no_bytes`, used by `RunStatement`);
* `IoBalanced`: every IO message is sent as often as received;
* `io_sender`: an IO message sent once is a moving SYSCALL row's start or a real IO row's send;
* `io_row_syscall`: so every real IO row carries the clk of a moving SYSCALL row — going back
  along the chain, whose addresses fall strictly (`Io.row_link`), ends at a SYSCALL row's start;
* `syscall_answers_cpu`: a real SYSCALL row answers the request of a CPU row with f_exec, whose op
  is ECALL's (36) and whose clk is the SYSCALL row's.
-/

@[expose] public section

noncomputable section

namespace Zkvm.Air.V2.Exec

open Zkvm.Field Zkvm.Air.Table
open Zkvm.Air.V2.Cpu (Fraction)

/-- Unfolds a table's fractions and decides each one's tag. -/
local macro "tag_census" : tactic => `(tactic| (
  simp only [Cpu.fractions, Cpu.port, Cpu.tagProg, Cpu.tagMem, Cpu.tagU16, Cpu.tagExec,
    Cpu.tagHalt, Cpu.tagExit, Alu.fractions, Logic.fractions, Logic.and4, Mul.fractions, Mul.look,
    Div.fractions, Mem.fractions, Range.fractions, Private.fractions, Boundary.fractions,
    Syscall.fractions, Syscall.access, Syscall.tagExec, Syscall.opEcall, Syscall.tagHalt,
    Syscall.tagMem, Syscall.tagIo, Syscall.tagU16, Syscall.tagPlen,
    List.forall_mem_cons, List.not_mem_nil, false_implies, implies_true, and_true,
    List.append_assoc, List.cons_append, List.nil_append]
  <;> simp (config := { decide := true })))

theorem cpu_no_io (r : Row BabyBear) : ∀ f ∈ Cpu.fractions r, f.fields.head? ≠ some 13 := by
  tag_census

theorem alu_no_io (r : Row BabyBear) : ∀ f ∈ Alu.fractions r, f.fields.head? ≠ some 13 := by
  tag_census

theorem logic_no_io (r : Row BabyBear) : ∀ f ∈ Logic.fractions r, f.fields.head? ≠ some 13 := by
  tag_census

theorem mul_no_io (r : Row BabyBear) : ∀ f ∈ Mul.fractions r, f.fields.head? ≠ some 13 := by
  tag_census

theorem div_no_io (r : Row BabyBear) : ∀ f ∈ Div.fractions r, f.fields.head? ≠ some 13 := by
  tag_census

theorem mem_no_io (r : Row BabyBear) : ∀ f ∈ Mem.fractions r, f.fields.head? ≠ some 13 := by
  tag_census

theorem range_no_io (r : Row BabyBear) : ∀ f ∈ Range.fractions r, f.fields.head? ≠ some 13 := by
  tag_census

theorem private_no_io (r : Row BabyBear) : ∀ f ∈ Private.fractions r, f.fields.head? ≠ some 13 := by
  tag_census

theorem boundary_no_io (r : Row BabyBear) :
    ∀ f ∈ Boundary.fractions r, f.fields.head? ≠ some 13 := by
  tag_census

/-- The tables other than IO carry no INPUT (8) or OUTPUT (9) message, and none but the CPU an
EXIT (12). -/
theorem cpu_no_bytes (r : Row BabyBear) :
    ∀ f ∈ Cpu.fractions r, f.fields.head? ≠ some 8 ∧ f.fields.head? ≠ some 9 := by tag_census
theorem alu_no_stmt (r : Row BabyBear) :
    ∀ f ∈ Alu.fractions r, f.fields.head? ≠ some 8 ∧ f.fields.head? ≠ some 9 ∧
      f.fields.head? ≠ some 12 := by tag_census
theorem logic_no_stmt (r : Row BabyBear) :
    ∀ f ∈ Logic.fractions r, f.fields.head? ≠ some 8 ∧ f.fields.head? ≠ some 9 ∧
      f.fields.head? ≠ some 12 := by tag_census
theorem mul_no_stmt (r : Row BabyBear) :
    ∀ f ∈ Mul.fractions r, f.fields.head? ≠ some 8 ∧ f.fields.head? ≠ some 9 ∧
      f.fields.head? ≠ some 12 := by tag_census
theorem div_no_stmt (r : Row BabyBear) :
    ∀ f ∈ Div.fractions r, f.fields.head? ≠ some 8 ∧ f.fields.head? ≠ some 9 ∧
      f.fields.head? ≠ some 12 := by tag_census
theorem mem_no_stmt (r : Row BabyBear) :
    ∀ f ∈ Mem.fractions r, f.fields.head? ≠ some 8 ∧ f.fields.head? ≠ some 9 ∧
      f.fields.head? ≠ some 12 := by tag_census
theorem syscall_no_stmt (r : Row BabyBear) :
    ∀ f ∈ Syscall.fractions r, f.fields.head? ≠ some 8 ∧ f.fields.head? ≠ some 9 ∧
      f.fields.head? ≠ some 12 := by tag_census
theorem range_no_stmt (r : Row BabyBear) :
    ∀ f ∈ Range.fractions r, f.fields.head? ≠ some 8 ∧ f.fields.head? ≠ some 9 ∧
      f.fields.head? ≠ some 12 := by tag_census
theorem private_no_stmt (r : Row BabyBear) :
    ∀ f ∈ Private.fractions r, f.fields.head? ≠ some 8 ∧ f.fields.head? ≠ some 9 ∧
      f.fields.head? ≠ some 12 := by tag_census
theorem boundary_no_stmt (r : Row BabyBear) :
    ∀ f ∈ Boundary.fractions r, f.fields.head? ≠ some 8 ∧ f.fields.head? ≠ some 9 ∧
      f.fields.head? ≠ some 12 := by
  tag_census

/-- A SYSCALL row's IO start (fields). -/
def ioStart (rs : Row BabyBear) : List BabyBear :=
  [13, Syscall.kind rs, rs Syscall.Col.clk, Syscall.word rs Syscall.Col.bufLo Syscall.Col.bufHi,
    rs Syscall.Col.cur]

/-- A SYSCALL row's IO end (fields). -/
def ioEnd (rs : Row BabyBear) : List BabyBear :=
  [13, Syscall.kind rs, rs Syscall.Col.clk,
    Syscall.word rs Syscall.Col.bufLo Syscall.Col.bufHi +
      Syscall.word rs Syscall.Col.cLo Syscall.Col.cHi,
    rs Syscall.Col.cur + Syscall.word rs Syscall.Col.cLo Syscall.Col.cHi]

/-- An IO row's receive (fields): its first moved byte. -/
def ioRecv (ri : Row BabyBear) : List BabyBear :=
  [13, Io.kind ri, ri Io.Col.clk, 4 * ri Io.Col.wa + Io.laneAt ri Io.Col.s1,
    ri Io.Col.base + Io.laneAt ri Io.Col.s1]

/-- An IO row's send (fields): one past its last moved byte. -/
def ioSend (ri : Row BabyBear) : List BabyBear :=
  [13, Io.kind ri, ri Io.Col.clk, 4 * ri Io.Col.wa + (Io.laneAt ri Io.Col.t1 + 1),
    ri Io.Col.base + (Io.laneAt ri Io.Col.t1 + 1)]

theorem syscall_io_only (r : Row BabyBear) :
    ∀ f ∈ Syscall.fractions r, f.fields.head? = some 13 →
      f = ⟨Syscall.moves r, ioStart r⟩ ∨ f = ⟨-(Syscall.moves r), ioEnd r⟩ := by
  simp only [Syscall.fractions, Syscall.access, Syscall.tagExec, Syscall.opEcall, Syscall.tagHalt,
    Syscall.tagMem, Syscall.tagIo, Syscall.tagU16, Syscall.tagPlen, ioStart, ioEnd,
    List.forall_mem_cons, List.not_mem_nil, false_implies, implies_true, and_true,
    List.append_assoc, List.cons_append, List.nil_append]
  simp (config := { decide := true })

/-- The IO row's byte tag (8 kRead + 9 kWrite1 + 14 kPriv on booleans) is never 13. -/
theorem byteTag_ne_io {r : Row BabyBear} (hg : Io.Groups r) : Io.byteTag r ≠ 13 := fun h => by
  have := byteTag_mem hg; rw [h] at this; revert this; decide

theorem io_io_only {r : Row BabyBear} (hg : Io.Groups r) :
    ∀ f ∈ Io.fractions r, f.fields.head? = some 13 →
      f = ⟨-(Io.real r), ioRecv r⟩ ∨ f = ⟨Io.real r, ioSend r⟩ := by
  have hb := byteTag_ne_io hg
  simp only [Io.fractions, Io.tagMem, Io.tagU16, Io.tagU8, Io.tagIo, ioRecv, ioSend,
    List.forall_mem_cons, List.not_mem_nil, false_implies, implies_true, and_true]
  simp (config := { decide := true }) [hb]

/-- **The IO messages balance**: each IO message (tag 13) is sent as often as received. -/
def IoBalanced (T : Tables) : Prop :=
  ∀ m : List BabyBear, m.head? = some 13 → T.sent.count m = T.rcvd.count m

theorem Tables.of_io {T : Tables} {f : Fraction BabyBear} {r : Row BabyBear} (hr : r ∈ T.io)
    (hf : f ∈ Io.fractions r) : f ∈ T.fractions := by
  simp only [Tables.fractions, List.mem_append, List.mem_flatMap]
  exact Or.inl (Or.inl (Or.inl (Or.inr ⟨r, hr, hf⟩)))

/-- A SYSCALL row's moves is 0 or 1. -/
theorem moves_le {rs pub : Row BabyBear} (hg : Syscall.Groups rs pub) :
    (Syscall.moves rs).val ≤ 1 := by
  rcases Syscall.bool_cases hg.bool_read with h1 | h1 <;>
    rcases Syscall.bool_cases hg.bool_write with h2 | h2 <;>
    rcases Syscall.bool_cases hg.bool_exit with h3 | h3 <;>
    have hr := hg.bool_real <;>
    simp only [Syscall.real, Syscall.boolean, h1, h2, h3] at hr <;>
    simp only [Syscall.moves, h1, h2] <;> first | decide | exact absurd hr (by decide)

/-- An IO message sent once is a moving SYSCALL row's start or a real IO row's send. -/
theorem io_sender {T : Tables} (hok : T.Ok) {m : List BabyBear} (hm : m ∈ T.sent)
    (hh : m.head? = some 13) :
    (∃ rs ∈ T.sys, Syscall.moves rs = 1 ∧ m = ioStart rs) ∨
      (∃ ri ∈ T.io, Io.real ri = 1 ∧ m = ioSend ri) := by
  obtain ⟨f, hf, rfl⟩ := List.mem_map.mp hm
  obtain ⟨hf, h1⟩ := List.mem_filter.mp hf
  simp only [decide_eq_true_eq] at h1
  simp only [Tables.fractions, List.mem_append, List.mem_flatMap, or_assoc] at hf
  rcases hf with ⟨r, hr, hf⟩ | ⟨r, hr, hf⟩ | ⟨r, hr, hf⟩ | ⟨r, hr, hf⟩ | ⟨r, hr, hf⟩ |
    ⟨r, hr, hf⟩ | ⟨r, hr, hf⟩ | ⟨r, hr, hf⟩ | ⟨r, hr, hf⟩ | ⟨r, hr, hf⟩ | ⟨r, hr, hf⟩
  · exact absurd hh (cpu_no_io r f hf)
  · exact absurd hh (alu_no_io r f hf)
  · exact absurd hh (logic_no_io r f hf)
  · exact absurd hh (mul_no_io r f hf)
  · exact absurd hh (div_no_io r f hf)
  · exact absurd hh (mem_no_io r f hf)
  · obtain ⟨pub, hg⟩ := hok.sys r hr
    rcases syscall_io_only r f hf hh with e | e <;> subst e
    · exact Or.inl ⟨r, hr, h1, rfl⟩
    · exact absurd h1 (neg_ne_one (moves_le hg))
  · rcases io_io_only (hok.io r hr) f hf hh with e | e <;> subst e
    · exact absurd h1 (neg_ne_one (Felt.val_le_one_of_bool (hok.io r hr).bool_real))
    · exact Or.inr ⟨r, hr, h1, rfl⟩
  · exact absurd hh (range_no_io r f hf)
  · exact absurd hh (private_no_io r f hf)
  · exact absurd hh (boundary_no_io r f hf)

/-- **An IO row works for a SYSCALL row**: every real IO row carries the clk and kind of a moving
SYSCALL row, when the IO messages balance and the real IO rows' word addresses and positions are
in range (below 2^28 and 2^30, which the memory argument and the IO chain give). -/
theorem io_row_syscall {T : Tables} (hok : T.Ok) (hbal : IoBalanced T)
    (hrange : ∀ ri ∈ T.io, Io.real ri = 1 →
      (ri Io.Col.wa).val < 2 ^ 28 ∧ Io.firstPos ri < 2 ^ 30) :
    ∀ ri ∈ T.io, Io.real ri = 1 → ∃ rs ∈ T.sys, Syscall.moves rs = 1 ∧
      rs Syscall.Col.clk = ri Io.Col.clk ∧ Syscall.kind rs = Io.kind ri := by
  suffices h : ∀ n, ∀ ri ∈ T.io, Io.real ri = 1 → (Io.linkOf ri).start.1 = n →
      ∃ rs ∈ T.sys, Syscall.moves rs = 1 ∧ rs Syscall.Col.clk = ri Io.Col.clk ∧
        Syscall.kind rs = Io.kind ri from
    fun ri hri hreal => h _ ri hri hreal rfl
  intro n
  induction n using Nat.strongRecOn with
  | ind n ih =>
    intro ri hri hreal hn
    -- the row receives its first message, so someone sends it
    have hin : ioRecv ri ∈ T.rcvd :=
      Tables.rcvd_of (f := ⟨-(Io.real ri), ioRecv ri⟩)
        (Tables.of_io hri (List.mem_cons_self ..)) (by rw [hreal])
    have hs : ioRecv ri ∈ T.sent := by
      have := hbal (ioRecv ri) rfl
      rw [← List.count_pos_iff] at hin ⊢
      omega
    rcases io_sender hok hs rfl with ⟨rs, hrs, hmv, he⟩ | ⟨ri', hri', hreal', he⟩
    · simp only [ioRecv, ioStart, List.cons.injEq] at he
      exact ⟨rs, hrs, hmv, he.2.2.1.symm, he.2.1.symm⟩
    · simp only [ioRecv, ioSend, List.cons.injEq] at he
      obtain ⟨hwa, hfp⟩ := hrange ri' hri' hreal'
      obtain ⟨f, e, hfe, -, hst, hsp, -, -⟩ := Io.row_link (hok.io ri' hri') hreal' hwa hfp
      have hlt : (Io.linkOf ri').start.1 < n := by
        rw [← hn]
        have h1 : (Io.linkOf ri).start.1 = (Io.linkOf ri').stop.1 := by
          show (4 * ri Io.Col.wa + Io.laneAt ri Io.Col.s1).val =
            (4 * ri' Io.Col.wa + (Io.laneAt ri' Io.Col.t1 + 1)).val
          rw [he.2.2.2.1]
        rw [h1, hst, hsp]
        omega
      obtain ⟨rs, hrs, hmv, hc, hk⟩ := ih _ hlt ri' hri' hreal' rfl
      exact ⟨rs, hrs, hmv, hc.trans he.2.2.1.symm, hk.trans he.2.1.symm⟩

/-- **A real SYSCALL row answers a CPU row's request**: the CPU row has f_exec and the SYSCALL
row's EXEC message, so op 36 and the same clk. -/
theorem syscall_answers_cpu {T : Tables} (hok : T.Ok) (hbal : ExecBalanced T) {rs : Row BabyBear}
    (hrs : rs ∈ T.sys) (hreal : Syscall.real rs = 1) :
    ∃ r ∈ T.cpu, r Cpu.Col.fExec = 1 ∧ (r Cpu.Col.op).val = 36 ∧
      r Cpu.Col.clk = rs Syscall.Col.clk ∧ Cpu.execMsg r = Syscall.execMsg rs := by
  have hin : (Syscall.execMsg rs).fields ∈ T.rcvd :=
    Tables.rcvd_of (f := ⟨-(Syscall.real rs), (Syscall.execMsg rs).fields⟩)
      (Tables.of_sys hrs (List.mem_of_mem_head? (Syscall.exec_fraction rs))) (by rw [hreal])
  obtain ⟨r, hr, hx, he⟩ := exec_sender hok (exec_rcvd_sent hbal hin rfl) rfl
  have he' := Msg.fields_inj he
  simp only [Cpu.execMsg, Syscall.execMsg, Msg.mk.injEq] at he'
  refine ⟨r, hr, hx, ?_, he'.2.1.symm, Msg.fields_inj he.symm⟩
  rw [← he'.1]; rfl

/-- A SYSCALL row that moves bytes, accesses its cursor or exits is real. -/
theorem syscall_real_of {rs pub : Row BabyBear} (hg : Syscall.Groups rs pub)
    (h : Syscall.moves rs = 1 ∨ Syscall.cursorOn rs = 1 ∨ rs Syscall.Col.fExit = 1) :
    Syscall.real rs = 1 := by
  rcases Syscall.bool_cases hg.bool_read with h1 | h1 <;>
    rcases Syscall.bool_cases hg.bool_write with h2 | h2 <;>
    rcases Syscall.bool_cases hg.bool_exit with h3 | h3 <;>
    rcases Syscall.bool_cases hg.bool_fd2 with h4 | h4 <;>
    have hr := hg.bool_real <;>
    simp only [Syscall.real, Syscall.boolean, h1, h2, h3] at hr <;>
    simp only [Syscall.moves, Syscall.cursorOn, Syscall.real, h1, h2, h3, h4] at h ⊢ <;>
    first | decide | exact absurd hr (by decide) | exact absurd h (by decide)

end Zkvm.Air.V2.Exec

end
