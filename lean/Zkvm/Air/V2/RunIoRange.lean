module

public import Zkvm.Air.V2.RunCausal
public import Zkvm.Air.V2.RunTimes
public import Zkvm.Air.V2.RunIoClk
public import Zkvm.Air.V2.RunBoundaryFacts

/-!
# The IO rows' word addresses, without the range hypothesis

The whole-run theorems take `hrange`: every real IO row has wa < 2^28 and its first moved byte's
position below 2^30 (`Io.firstPos`). Its uses
in the memory argument's causality (`causal_of_bus`), the times (`witness_ts_le`,
`hts_of_witness`) and port 3 (`port3_owner`) go only through `io_row_syscall` (an IO row works
for a moving SYSCALL row), which `io_row_syscall'` (RunIoClk.lean) proves without ranges for
fewer than p / 4 IO rows. This file breaks that part of the knot:

* `port3_owner'`, `witness_ts_le'`, `causal_of_bus'`, `hts_of_witness'`: the same facts with
  `4 * T.io.length < p` in place of `hrange`;
* `io_wa_lt`: with the accesses causal (so the memory argument's keys are distinct), every real IO
  row's word cell (1 + rom, wa) has a boundary row (`Memory.exists_boundary`), so its word
  address is a boundary word cell's, below 2^28 when every boundary word cell's is;
* `witnessBnd_28`: the witness's boundary rows' word cells are below 2^28 (`real_bounds`);
* `io_wa_of_bus`: so, from the memory bus balancing, every real IO row has wa < 2^28 — the first
  conjunct of `hrange`, derived.

The second conjunct, `Io.firstPos ri < 2^30`, is not derived here. It is stated on the first
moved byte's position base + f, not on `base`: the builder (rust/prover/src/rv32im2/syscall.rs,
`move_bytes`) sets base = pos + 4 wa − buf, the position lane 0 would have, reduced mod p, which
is p − (f − pos) ≥ 2^30 for an ECALL whose buffer starts inside a word (f = buf mod 4 > 0) at a
position pos < f; base + f = pos, the cursor, is below 2^30 on every row the prover makes (a Rust
test checks it: `io_rows_first_position_in_range`). What the constraints give about positions
without any range is RunIoShift.lean's (`ecall_row_nat`, `ecall_covering_row`: base + j = cur + i
in the field).
-/

@[expose] public section

noncomputable section

namespace Zkvm.Air.V2.Run

open Zkvm.Field Zkvm.RiscV Zkvm.Air.Table Zkvm.Air.Memory
open Zkvm.Air.V2.Exec (Tables ExecBalanced IoBalanced)

/-- **Who accesses memory at a port-3 time** (`port3_owner` without the IO rows' range, for
fewer than p / 4 IO rows). -/
theorem port3_owner' {T : Tables} (hok : T.Ok) (hbal : ExecBalanced T) (hiob : IoBalanced T)
    (hio : 4 * T.io.length < 2013265921)
    {a : Access Cell Val}
    (h : (∃ rm ∈ T.mem, a ∈ memAccesses rm) ∨ (∃ rs ∈ T.sys, a ∈ syscallAccesses rs) ∨
      (∃ ri ∈ T.io, a ∈ ioAccesses ri)) :
    ∃ r ∈ T.cpu, r Cpu.Col.fExec = 1 ∧ a.ts = 4 * (r Cpu.Col.clk).val + 1 + 1 + 1 + 1 ∧
      ((10 ≤ (r Cpu.Col.op).val ∧ (r Cpu.Col.op).val ≤ 17 ∧ ∃ rm ∈ T.mem, Mem.real rm = 1 ∧
        Exec.Cpu.execMsg r = Exec.Mem.execMsg rm ∧ a = memAccess rm) ∨
        (r Cpu.Col.op).val = 36) := by
  have ecall : ∀ rs ∈ T.sys, Syscall.real rs = 1 →
      a.ts = 4 * (rs Syscall.Col.clk).val + 1 + 1 + 1 + 1 →
      ∃ r ∈ T.cpu, r Cpu.Col.fExec = 1 ∧ a.ts = 4 * (r Cpu.Col.clk).val + 1 + 1 + 1 + 1 ∧
        ((10 ≤ (r Cpu.Col.op).val ∧ (r Cpu.Col.op).val ≤ 17 ∧ ∃ rm ∈ T.mem, Mem.real rm = 1 ∧
          Exec.Cpu.execMsg r = Exec.Mem.execMsg rm ∧ a = memAccess rm) ∨
          (r Cpu.Col.op).val = 36) := by
    intro rs hrs hreal ht
    obtain ⟨r, hr, hx, h36, hc, -⟩ := Exec.syscall_answers_cpu hok hbal hrs hreal
    exact ⟨r, hr, hx, by rw [ht, hc], Or.inr h36⟩
  rcases h with ⟨rm, hrm, ha⟩ | ⟨rs, hrs, ha⟩ | ⟨ri, hri, ha⟩
  · unfold memAccesses at ha
    split at ha
    · rename_i hreal
      simp only [List.mem_singleton] at ha
      subst ha
      obtain ⟨r, hr, hx, he⟩ := Exec.mem_answers_cpu hok hbal hrm hreal
      have he' := Exec.Msg.fields_inj he
      have hop := Mem.op_cases (hok.mem rm hrm) hreal
      simp only [Exec.Cpu.execMsg, Exec.Mem.execMsg, Exec.Msg.mk.injEq] at he'
      refine ⟨r, hr, hx, by simp only [memAccess]; rw [he'.2.1], Or.inl ⟨?_, ?_, rm, hrm, hreal,
        Exec.Msg.fields_inj he, rfl⟩⟩ <;> rw [he'.1] <;> omega
    · cases ha
  · obtain ⟨pub, hg⟩ := hok.sys rs hrs
    unfold syscallAccesses at ha
    simp only [List.mem_append] at ha
    rcases ha with (ha | ha) | ha <;> split at ha <;> rename_i hflag <;>
      simp only [List.mem_cons, List.not_mem_nil, or_false] at ha
    all_goals first
      | (rcases ha with rfl | rfl <;>
          exact ecall rs hrs (Exec.syscall_real_of hg (Or.inl hflag)) rfl)
      | (subst ha; exact ecall rs hrs (Exec.syscall_real_of hg (Or.inr (Or.inl hflag))) rfl)
      | (subst ha; exact ecall rs hrs (Exec.syscall_real_of hg (Or.inr (Or.inr hflag))) rfl)
  · unfold ioAccesses at ha
    split at ha
    · rename_i hreal
      simp only [List.mem_singleton] at ha
      subst ha
      obtain ⟨rs, hrs, hmv, hc, -⟩ := Exec.io_row_syscall' hok hiob hio ri hri hreal
      obtain ⟨pub, hg⟩ := hok.sys rs hrs
      exact ecall rs hrs (Exec.syscall_real_of hg (Or.inl hmv)) (by simp only [ioAccess]; rw [hc])
    · cases ha

/-- **Every access of a run's witness is at most at time 4N** (`witness_ts_le` for fewer than
p / 4 IO rows, without their range). -/
theorem witness_ts_le' {T : Tables} (hok : T.Ok) (hexec : ExecBalanced T) (hiob : IoBalanced T)
    (hio : 4 * T.io.length < 2013265921)
    {wins : Nat → Window BabyBear} {N : Nat} (hrows : CpuRows wins 0 N)
    (hreq : ∀ r ∈ T.cpu, r Cpu.Col.fExec = 1 → ∃ m < N, r = (wins m).cur) :
    ∀ a ∈ witnessAccs ((List.range N).map fun m => (wins m).cur) T.mem T.sys T.io,
      a.ts ≤ 4 * N := by
  intro a ha
  rcases mem_witnessAccs ha with ⟨r, hr, ha'⟩ | h
  · obtain ⟨n, hn, rfl⟩ := List.mem_map.mp hr
    have hn' := List.mem_range.mp hn
    have hc := hrows.clk n hn'
    rcases mem_cpuAccesses ha' with ⟨-, rfl | rfl⟩ | ⟨-, rfl⟩ <;>
      simp only [rs1Access, rs2Access, rdAccess] <;> omega
  · obtain ⟨r', hr', hx', ht, -⟩ := port3_owner' hok hexec hiob hio h
    obtain ⟨m, hm, rfl⟩ := hreq r' hr' hx'
    have hc := hrows.clk m hm
    omega

/-- **Causality of every access of a run's witness** (the memory argument's (H2)): from the gap
lookups of the CPU rows and of every MEM, SYSCALL and IO row, for a run of at most 2^27
rows, when the memory bus balances (`causal_of_bus` for fewer than p / 4 IO rows, without
their range). -/
theorem causal_of_bus' {T : Tables} (hok : T.Ok) (hlk : T.Looks) (hexec : ExecBalanced T)
    (hiob : IoBalanced T)
    (hio : 4 * T.io.length < 2013265921)
    (hlkio : ∀ ri ∈ T.io, Io.Lookups ri)
    {wins : Nat → Window BabyBear} {N : Nat} (hrows : CpuRows wins 0 N) (hN : N ≤ 2 ^ 27)
    (hreal : ∀ n < N, (wins n).cur Cpu.Col.isReal = 1)
    (hlkcpu : ∀ n < N, Cpu.Lookups (wins n).cur)
    (hreq : ∀ r ∈ T.cpu, r Cpu.Col.fExec = 1 → ∃ m < N, r = (wins m).cur)
    {bnd : List (Boundary Cell Val)}
    (hmbal : Balanced (witnessAccs ((List.range N).map fun m => (wins m).cur) T.mem T.sys T.io)
      bnd) :
    ∀ a ∈ witnessAccs ((List.range N).map fun m => (wins m).cur) T.mem T.sys T.io,
      a.prevTs < a.ts := by
  have hts := witness_ts_le' hok hexec hiob hio hrows hreq
  have hprev : ∀ a ∈ witnessAccs ((List.range N).map fun m => (wins m).cur) T.mem T.sys T.io,
      a.prevTs ≤ 4 * N := fun a ha => by
    rcases prev_of_balanced hmbal a ha with h | ⟨a', ha', h⟩
    · omega
    · have := hts a' ha'; omega
  intro a ha
  have hp := hprev a ha
  have ht := hts a ha
  rcases mem_witnessAccs ha with ⟨r, hr, ha'⟩ | ⟨rm, hrm, ha'⟩ | ⟨rs, hrs, ha'⟩ | ⟨ri, hri, ha'⟩
  · obtain ⟨n, hn, rfl⟩ := List.mem_map.mp hr
    have hn' := List.mem_range.mp hn
    have hg := hrows.groups n hn'
    have hc := hrows.clk n hn'
    have hl := hlkcpu n hn'
    have hr1 := hreal n hn'
    have hr0 : (wins n).cur Cpu.Col.isReal ≠ 0 := by rw [hr1]; decide
    have hclk : ((wins n).cur Cpu.Col.clk).val < 2 ^ 27 := by omega
    rcases mem_cpuAccesses ha' with ⟨-, rfl | rfl⟩ | ⟨hw, rfl⟩
    · simp only [rs1Access] at hp ⊢
      exact Cpu.rs1_prev_lt hg hr1 (hl.g1_lo hr0) (hl.g1_hi hr0) hclk (by omega)
    · simp only [rs2Access] at hp ⊢
      exact Cpu.rs2_prev_lt hg hr1 (hl.g2_lo hr0) (hl.g2_hi hr0) hclk (by omega)
    · have hw0 : (wins n).cur Cpu.Col.fWr ≠ 0 := by rw [hw]; decide
      simp only [rdAccess] at hp ⊢
      exact Cpu.rd_prev_lt hg hw (hl.g3_lo hw0) (hl.g3_hi hw0) hclk (by omega)
  · unfold memAccesses at ha'
    split at ha'
    · rename_i hrealm
      simp only [List.mem_singleton] at ha'
      subst ha'
      simp only [memAccess] at hp ht ⊢
      have hgm := hok.mem rm hrm
      have hlm := hlk.mem rm hrm
      have h0 : Mem.real rm ≠ 0 := by rw [hrealm]; decide
      have e := hgm.causal
      rw [hrealm, Lean.Grind.Semiring.one_mul] at e
      have hv := val_ts4 (c := rm Mem.Col.clk) (by omega)
      have := Cpu.prev_lt_of_gap (ts := Mem.timestamp rm) (prev := rm Mem.Col.prevTs)
        (by unfold Mem.gap Mem.expectedGap at e; exact e) (hlm.u16_gLo h0) (hlm.u16_gHi h0)
        (by unfold Mem.timestamp; rw [hv]; omega) (by omega)
      unfold Mem.timestamp at this
      rw [hv] at this
      omega
    · cases ha'
  · obtain ⟨pub, hgs⟩ := hok.sys rs hrs
    have hls := hlk.sys rs hrs
    obtain ⟨gm, gc, ge⟩ := Syscall.gaps hgs
    unfold syscallAccesses at ha'
    simp only [List.mem_append] at ha'
    have hts4 : (Syscall.timestamp rs).val = 4 * (rs Syscall.Col.clk).val + 4 := by
      unfold Syscall.timestamp
      exact val_ts4 (c := rs Syscall.Col.clk) (by
        rcases ha' with (h | h) | h <;> split at h <;>
          simp only [List.mem_cons, List.not_mem_nil, or_false] at h
        all_goals first
          | (rcases h with rfl | rfl <;> simp only [bufAccess, lenAccess] at ht <;> omega)
          | (subst h; simp only [curAccess, outAccess] at ht; omega)
          | cases h)
    rcases ha' with (h | h) | h
    · split at h
      · rename_i hflag
        have h0 : Syscall.moves rs ≠ 0 := by rw [hflag]; decide
        simp only [List.mem_cons, List.not_mem_nil, or_false] at h
        rcases h with rfl | rfl
        · simp only [bufAccess] at hp ht ⊢
          have := Syscall.prev_lt (gm hflag).1 (hls.gbLo h0) (hls.gbHi h0) (by omega) (by omega)
          omega
        · simp only [lenAccess] at hp ht ⊢
          have := Syscall.prev_lt (gm hflag).2 (hls.glLo h0) (hls.glHi h0) (by omega) (by omega)
          omega
      · simp at h
    · split at h
      · rename_i hflag
        have h0 : Syscall.cursorOn rs ≠ 0 := by rw [hflag]; decide
        simp only [List.mem_singleton] at h
        subst h
        simp only [curAccess] at hp ht ⊢
        have := Syscall.prev_lt (gc hflag) (hls.gcLo h0) (hls.gcHi h0) (by omega) (by omega)
        omega
      · simp at h
    · split at h
      · rename_i hflag
        have h0 : rs Syscall.Col.fExit ≠ 0 := by rw [hflag]; decide
        simp only [List.mem_singleton] at h
        subst h
        simp only [outAccess] at hp ht ⊢
        have := Syscall.prev_lt (ge hflag) (hls.goLo h0) (hls.goHi h0) (by omega) (by omega)
        omega
      · simp at h
  · unfold ioAccesses at ha'
    split at ha'
    · rename_i hrealio
      simp only [List.mem_singleton] at ha'
      subst ha'
      simp only [ioAccess] at hp ht ⊢
      have hv : (Io.timestamp ri).val = 4 * (ri Io.Col.clk).val + 4 := by
        unfold Io.timestamp; exact val_ts4 (by omega)
      have := Io.prev_lt (hok.io ri hri) (hlkio ri hri) hrealio (by omega) (by omega)
      omega
    · cases ha'


section Times
open Zkvm.Air.V2.Cpu Zkvm.Air.V2.Cpu.Col

/-- **Every time on the memory bus is below p** (`run_of_bus`'s `hts`) for the witness's
accesses and boundary rows, when the EXEC and IO messages balance, there are fewer than p / 4 IO rows,
the run has fewer than 2^28 rows, the CPU table's accesses are the run rows' and the statement
closes the cursors at a time below p. -/
theorem hts_of_witness' {T : Tables} (hok : T.Ok) (hexec : ExecBalanced T) (hiob : IoBalanced T)
    (hio : 4 * T.io.length < 2013265921)
    {wins : Nat → Window BabyBear} {N : Nat} (hrows : CpuRows wins 0 N)
    (hreq : ∀ r ∈ T.cpu, r Cpu.Col.fExec = 1 → ∃ m < N, r = (wins m).cur)
    (hN : N < 2 ^ 28)
    (hcpuAcc : (T.cpu.flatMap cpuAccesses).Perm
      (((List.range N).map fun m => (wins m).cur).flatMap cpuAccesses))
    {consumed outLen : BabyBear} {ts : Nat} (hts : ts < P) {re : Row BabyBear} :
    ∀ x ∈ sent (witnessAccs T.cpu T.mem T.sys T.io) (witnessBnd T consumed outLen ts re) ++
      received (witnessAccs T.cpu T.mem T.sys T.io) (witnessBnd T consumed outLen ts re),
      x.2.2 < P := by
  have hP : P = 2013265921 := P_eq
  -- the table's accesses are the run's
  have hmem : ∀ a ∈ witnessAccs T.cpu T.mem T.sys T.io,
      a ∈ witnessAccs ((List.range N).map fun m => (wins m).cur) T.mem T.sys T.io := by
    intro a ha
    unfold witnessAccs at ha ⊢
    simp only [List.mem_append] at ha ⊢
    rcases ha with ((h | h) | h) | h
    · exact Or.inl (Or.inl (Or.inl (hcpuAcc.mem_iff.mp h)))
    · exact Or.inl (Or.inl (Or.inr h))
    · exact Or.inl (Or.inr h)
    · exact Or.inr h
  have hle := witness_ts_le' hok hexec hiob hio hrows hreq
  intro x hx
  simp only [sent, received, List.mem_append, List.mem_map] at hx
  rcases hx with (⟨a, ha, rfl⟩ | ⟨b, hb, rfl⟩) | (⟨a, ha, rfl⟩ | ⟨b, hb, rfl⟩)
  · have := hle a (hmem a ha)
    simp only [Access.send]; omega
  · simp only [Boundary.send]; omega
  · simp only [Access.recv]; exact witnessAccs_prev_lt _ _ _ _ a ha
  · simp only [Boundary.recv]
    unfold witnessBnd at hb
    simp only [List.mem_append, List.mem_map, List.mem_cons, List.not_mem_nil, or_false] at hb
    rcases hb with ⟨r, -, rfl⟩ | rfl | rfl | rfl
    · simp only [bndRec]; exact BabyBear.val_lt _
    · simp only [cursorRec]; exact hts
    · simp only [cursorRec]; exact hts
    · simp only [cursorRec]; exact BabyBear.val_lt _

end Times

/-! ## The IO rows' word addresses -/

/-- **A real IO row's word address is a boundary word cell's**: with the memory argument's
hypotheses, its cell (1 + rom, wa) has a boundary row (`exists_boundary`), so wa is below 2^28
when every boundary word cell's address is. -/
theorem io_wa_lt {T : Tables} (hok : T.Ok) {cpu : List (Row BabyBear)}
    {bnd : List (Boundary Cell Val)} (hh : Hypotheses (witnessAccs cpu T.mem T.sys T.io) bnd)
    (h28 : ∀ b ∈ bnd, IsWordCell b.cell → b.cell.2.val < 2 ^ 28) :
    ∀ ri ∈ T.io, Io.real ri = 1 → (ri Io.Col.wa).val < 2 ^ 28 := by
  intro ri hri hr1
  have ha : ioAccess ri ∈ witnessAccs cpu T.mem T.sys T.io := by
    simp only [witnessAccs, List.mem_append, List.mem_flatMap]
    exact Or.inr ⟨ri, hri, by simp [ioAccesses, hr1]⟩
  obtain ⟨hbal, hcausal, hpos, hts, hcells⟩ := hh
  obtain ⟨b, hb, hc⟩ := exists_boundary hbal hcausal hpos hts hcells _ ha
  have hw := ioAccess_wordCell (hok.io ri hri)
  rw [← hc] at hw
  have := h28 b hb hw
  rw [hc] at this
  exact this

/-- **The witness's boundary word cells are below 2^28** (`witnessBnd_30`, sharpened): a real
BOUNDARY row's address is (`real_bounds`); the cursors are not word cells. -/
theorem witnessBnd_28 {T : Tables} {tb : Trace BabyBear} {pb : Nat → BabyBear}
    {prows : List Spec.ProgramRow} {image : List Spec.ImageWord}
    (hs : Boundary.Sat tb pb) (hT : T.bnd = (List.range tb.height).map tb.row)
    (hL : BndLooks T prows image) (hIB : ImageBounds image pb)
    (consumed outLen : BabyBear) (ts : Nat) (re : Row BabyBear) :
    ∀ b ∈ witnessBnd T consumed outLen ts re, IsWordCell b.cell → b.cell.2.val < 2 ^ 28 := by
  intro b hb hw
  rcases mem_witnessBnd hT hb with ⟨i, hi, h1, rfl⟩ | ⟨e, -⟩
  · have := (real_bounds hs hT hL hIB hi h1).2
    simp only [bndRec]
    omega
  · rcases hw with h | h <;> rw [e] at h <;> exact absurd h (by decide)

/-- **The IO rows' word addresses from the bus** (`hrange`'s first conjunct, derived): with
`run_of_bus`'s bus facts, boundary rows and times, at most 2^27 run rows and fewer than p / 4 IO rows,
and every boundary word cell below 2^28, every real IO row has wa < 2^28. The memory argument's
causality comes from `causal_of_bus'`, which needs no IO range. -/
theorem io_wa_of_bus {T : Tables} {ssent srcvd : List (List BabyBear)}
    (hstag : ∀ m ∈ ssent ++ srcvd, m.head? ≠ some 10 ∧ m.head? ≠ some 11 ∧ m.head? ≠ some 13)
    {wins : Nat → Window BabyBear} {N : Nat} (hrr : RunRows T wins N)
    {bnd : List (Boundary Cell Val)}
    (hbS : (memSends (bndFractions T) ++ Exec.withTag 2 ssent).Perm
      (bnd.map (enc ∘ Boundary.send)))
    (hbR : (memRecvs (bndFractions T) ++ Exec.withTag 2 srcvd).Perm
      (bnd.map (enc ∘ Boundary.recv)))
    (hts : ∀ x ∈ sent (witnessAccs T.cpu T.mem T.sys T.io) bnd ++
      received (witnessAccs T.cpu T.mem T.sys T.io) bnd, x.2.2 < Zkvm.Field.P)
    (hcpuAcc : (T.cpu.flatMap cpuAccesses).Perm
      (((List.range N).map fun m => (wins m).cur).flatMap cpuAccesses))
    (hN27 : N ≤ 2 ^ 27) (hio : 4 * T.io.length < 2013265921)
    (hcells : (bnd.map (·.cell)).Nodup)
    (h28 : ∀ b ∈ bnd, IsWordCell b.cell → b.cell.2.val < 2 ^ 28)
    {code : List (UInt32 × UInt32)} (hF : Exec.BusFacts T ssent srcvd code) :
    ∀ ri ∈ T.io, Io.real ri = 1 → (ri Io.Col.wa).val < 2 ^ 28 := by
  obtain ⟨hrows, hN, hreal, hin, hreq, hnd, hhb, hhaltN⟩ := hrr
  obtain ⟨hok, hbools, hbus, hlk, hlkio, hlkcpu', hprogT⟩ := hF
  have hlkcpu : ∀ n < N, Cpu.Lookups (wins n).cur := fun n hn => hlkcpu' _ (hin n hn)
  have hmbal : Balanced (witnessAccs ((List.range N).map fun m => (wins m).cur) T.mem T.sys T.io)
      bnd :=
    balanced_of_perm (witnessAccs_perm hcpuAcc)
      (memory_balanced_of_counts hok hbools
        (fun m hm => hbus m ⟨2, by simp [Exec.countedTags], hm⟩) hbS hbR hts)
  obtain ⟨hexec, -, hiob⟩ := Exec.balances_of_bus hbus hstag
  have hcausal := causal_of_bus' hok hlk hexec hiob hio hlkio hrows hN27 hreal hlkcpu hreq hmbal
  have hh := hypotheses_of hmbal hcausal (witnessAccs_pos _ _ _ _) hcells
  exact io_wa_lt hok hh h28

end Zkvm.Air.V2.Run

end
