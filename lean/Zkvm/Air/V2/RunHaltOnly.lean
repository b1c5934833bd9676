module

public import Zkvm.Air.V2.RunTraceSegs
public import Zkvm.Air.V2.RunExit

/-!
# Only the last row halts, so every earlier ECALL is a read or a write

`run_of_bus` takes, of the ECALL rows before the last, that they are reads or writes (a7 = 63 or
64: `hop`). It follows from the bus and the CPU table:

* `HaltOnly`: the only CPU row with halt set is the run's last row — from a satisfying CPU table of
  the last segment (`haltOnly_of_trace`: halt marks exactly the last real row,
  `halt_iff_last_real`) or from joined segments (`haltOnly_of_segs`: the segments before the last
  never halt, `halt_zero_of_not_final`);
* `halt_receiver`: an exit SYSCALL row's HALT(clk) is received by a CPU row with halt set and that
  clk, when the HALT messages balance (only CPU rows receive HALT, `cpu_halt_only`);
* `hop_of_bus`: an ECALL row before the last has its request received by a real SYSCALL row
  (`syscall_receiver`) whose a is the row's a7; a real SYSCALL row reads (a7 = 63), writes
  (a7 = 64) or exits; an exit would send HALT at the row's clk, received by a halting CPU row,
  which is the last one, whose clk is N − 1.
-/

@[expose] public section

noncomputable section

namespace Zkvm.Air.V2.Run

open Zkvm.Field Zkvm.Air.Table Zkvm.Air.V2.Cpu Zkvm.Air.V2.Cpu.Col
open Zkvm.Air.V2.Exec (Tables ExecBalanced HaltBalanced IoBalanced)

/-- The only CPU row with halt set is the run's last row. -/
def HaltOnly (T : Tables) (wins : Nat → Window BabyBear) (N : Nat) : Prop :=
  ∀ r ∈ T.cpu, r halt = 1 → r = (wins (N - 1)).cur

variable {t : Trace BabyBear} {pub : Nat → BabyBear}

/-- In a satisfying CPU table of the last segment whose first R rows are real and the rest
padding, the halting row is row R − 1. -/
theorem halt_row (hs : t.Satisfies constraintFn pub) (hf : pub Pv.final = 1) {R : Nat}
    (hR : R ≤ t.height) (hreal : ∀ n < R, t.row n isReal = 1)
    (hpad : R = t.height ∨ t.row R isReal = 0) {i : Nat} (hi : i < t.height)
    (hh : t.row i halt = 1) : i + 1 = R := by
  obtain ⟨hri, hl⟩ := (halt_iff_last_real hs hf hi).mp hh
  have hlt : i < R := by
    apply Decidable.byContradiction
    intro hge
    rcases hpad with h | h
    · omega
    · have := padding_of_le hs (show R ≤ i by omega) hi h
      rw [this] at hri; exact absurd hri (by decide)
  apply Decidable.byContradiction
  intro hne
  have hr1 := hreal (i + 1) (by omega)
  rcases hl with h | h
  · omega
  · rw [hr1] at h; exact absurd h (by decide)

/-- **Only the last row halts**, for a satisfying CPU table of the last segment. -/
theorem haltOnly_of_trace (hs : t.Satisfies constraintFn pub) (hf : pub Pv.final = 1) {R : Nat}
    (hR : R ≤ t.height) (hreal : ∀ n < R, t.row n isReal = 1)
    (hpad : R = t.height ∨ t.row R isReal = 0) {T : Tables}
    (hT : T.cpu = (List.range t.height).map t.row) : HaltOnly T (t.window pub) R := by
  intro r hr hh
  rw [hT] at hr
  obtain ⟨i, hi, rfl⟩ := List.mem_map.mp hr
  have e := halt_row hs hf hR hreal hpad (List.mem_range.mp hi) hh
  rw [window_cur, show R - 1 = i by omega]

/-- **Only the last row halts**, for joined segments: the segments before the last never halt. -/
theorem haltOnly_of_segs {pre : List Seg} {last : Seg} (hok : ∀ s ∈ pre ++ [last], s.Ok)
    (hnf : ∀ s ∈ pre, s.pub Pv.final = 0) (hf : last.pub Pv.final = 1) {T : Tables}
    (hT : T.cpu = (pre ++ [last]).flatMap Seg.rows) :
    HaltOnly T (joinSegs pre last.wins) ((pre ++ [last]).map Seg.R).sum := by
  intro r hr hh
  rw [hT, List.flatMap_append, List.mem_append] at hr
  rcases hr with hr | hr
  · obtain ⟨s, hs, hr⟩ := List.mem_flatMap.mp hr
    obtain ⟨i, hi, rfl⟩ := List.mem_map.mp hr
    have := halt_zero_of_not_final (hok s (List.mem_append_left _ hs)).sat (hnf s hs)
      (List.mem_range.mp hi)
    rw [this] at hh; exact absurd hh (by decide)
  · simp only [List.flatMap_cons, List.flatMap_nil, List.append_nil] at hr
    obtain ⟨i, hi, rfl⟩ := List.mem_map.mp hr
    have hl := hok last (List.mem_append_right _ (List.mem_singleton_self _))
    have e := halt_row hl.sat hf hl.le hl.real hl.pad (List.mem_range.mp hi) hh
    rw [sum_R_append pre, show (pre.map Seg.R).sum + last.R - 1 = (pre.map Seg.R).sum + i by
      omega, joinSegs_add]
    rfl

/-- **An exit SYSCALL row's HALT is received by a halting CPU row with its clk**, when the HALT
messages balance. -/
theorem halt_receiver {T : Tables} (hok : T.Ok) (hhalt : HaltBalanced T) {rs : Row BabyBear}
    (hrs : rs ∈ T.sys) (hex : rs Syscall.Col.fExit = 1) :
    ∃ r ∈ T.cpu, r halt = 1 ∧ r clk = rs Syscall.Col.clk := by
  have hs : [Syscall.tagHalt, rs Syscall.Col.clk] ∈ T.sent :=
    Tables.sent_of (f := ⟨rs Syscall.Col.fExit, [Syscall.tagHalt, rs Syscall.Col.clk]⟩)
      (Tables.of_sys hrs (List.mem_of_getElem? (l := Syscall.fractions rs) (i := 1) rfl))
      (by rw [hex])
  have hin : [Syscall.tagHalt, rs Syscall.Col.clk] ∈ T.rcvd := by
    have := hhalt [Syscall.tagHalt, rs Syscall.Col.clk] rfl
    rw [← List.count_pos_iff] at hs ⊢
    omega
  obtain ⟨f, hf, hfe⟩ := List.mem_map.mp hin
  obtain ⟨hf, h1⟩ := List.mem_filter.mp hf
  simp only [decide_eq_true_eq] at h1
  have h11 : f.fields.head? = some 11 := by rw [hfe]; rfl
  simp only [Tables.fractions, List.mem_append, List.mem_flatMap, or_assoc] at hf
  rcases hf with ⟨r', hr', hf⟩ | ⟨r', hr', hf⟩ | ⟨r', hr', hf⟩ | ⟨r', hr', hf⟩ | ⟨r', hr', hf⟩ |
    ⟨r', hr', hf⟩ | ⟨r', hr', hf⟩ | ⟨r', hr', hf⟩ | ⟨r', hr', hf⟩ | ⟨r', hr', hf⟩ | ⟨r', hr', hf⟩
  · have e := Exec.cpu_halt_only r' f hf h11
    subst e
    simp only [List.cons.injEq, and_true] at hfe
    simp only at h1
    refine ⟨r', hr', ?_, hfe.2⟩
    have : r' halt = -(-1 : BabyBear) := by rw [← h1]; grind
    rw [this]; decide
  · exact absurd h11 (Exec.alu_no_halt r' f hf)
  · exact absurd h11 (Exec.logic_no_halt r' f hf)
  · exact absurd h11 (Exec.mul_no_halt r' f hf)
  · exact absurd h11 (Exec.div_no_halt r' f hf)
  · exact absurd h11 (Exec.mem_no_halt r' f hf)
  · exfalso
    have e := Exec.syscall_halt_only r' f hf h11
    subst e
    simp only at h1
    obtain ⟨pub', hg⟩ := hok.sys r' hr'
    rcases Syscall.bool_cases hg.bool_exit with h | h <;> rw [h] at h1 <;> revert h1 <;> decide
  · exact absurd h11 (Exec.io_no_halt (hok.io r' hr') f hf)
  · exact absurd h11 (Exec.range_no_halt r' f hf)
  · exact absurd h11 (Exec.private_no_halt r' f hf)
  · exact absurd h11 (Exec.boundary_no_halt r' f hf)

/-- **Every ECALL row before the last is a read or a write** (`run_of_bus`'s `hop`): its request
is received by a real SYSCALL row with its a7; an exit row would send HALT at its clk, received by
the only halting row, the last. -/
theorem hop_of_bus {T : Tables} (hok : T.Ok) (hlk : T.Looks) (hexec : ExecBalanced T)
    (hhalt : HaltBalanced T) {wins : Nat → Window BabyBear} {N : Nat}
    (hrows : CpuRows wins 0 N) (hin : ∀ n < N, (wins n).cur ∈ T.cpu) (hho : HaltOnly T wins N)
    {code : List (UInt32 × UInt32)} (hcode : ∀ p ∈ code, p.1.toNat < 2 ^ 30)
    (hprog : ∀ n < N, Step.progMsg ((wins n).cur) ∈ Step.progTable code) :
    ∀ n, n + 1 < N → ((wins n).cur op).val = 36 →
      ((wins n).cur aLo).val = 64 ∨ ((wins n).cur aLo).val = 63 := by
  intro n hn h36
  obtain ⟨p, -, i, -, hruns, -⟩ := Step.runs_of_prog code hcode (hprog n (by omega))
  have hx := exec_of_ecall (hrows.groups n (by omega)) hruns h36
  obtain ⟨rs, hrs, hreal, he⟩ := Exec.syscall_receiver hok hlk hexec (hin n (by omega)) hx h36
  obtain ⟨pub, hg⟩ := hok.sys rs hrs
  have he' := he
  simp only [Exec.Cpu.execMsg, Exec.Syscall.execMsg, Exec.Msg.mk.injEq] at he'
  rw [he'.2.2.1]
  have hr := hg.num_read
  have hw := hg.num_write
  rcases Syscall.bool_cases hg.bool_read with h1 | h1
  · rcases Syscall.bool_cases hg.bool_write with h2 | h2
    · -- an exit row: its HALT reaches the last row, whose clk is N − 1
      exfalso
      have hex : rs Syscall.Col.fExit = 1 := by
        unfold Syscall.real at hreal; rw [h1, h2] at hreal; grind
      obtain ⟨r', hr', hh, hc⟩ := halt_receiver hok hhalt hrs hex
      have e := hho r' hr' hh
      subst e
      have c1 := hrows.clk (N - 1) (by omega)
      have c2 := hrows.clk n (by omega)
      rw [hc, ← he'.2.1] at c1
      omega
    · rw [h2, Lean.Grind.Semiring.one_mul] at hw
      left; rw [show rs Syscall.Col.aLo = 64 by grind]; rfl
  · rw [h1, Lean.Grind.Semiring.one_mul] at hr
    right; rw [show rs Syscall.Col.aLo = 63 by grind]; rfl

end Zkvm.Air.V2.Run

end
