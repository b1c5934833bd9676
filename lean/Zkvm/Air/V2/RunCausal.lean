module

public import Zkvm.Air.V2.RunPort3
public import Zkvm.Air.MemoryKeys
public import Zkvm.Air.V2.CpuLookups

/-!
# Causality of the witness's accesses, from the gap lookups and the bus

The memory argument assumes each access's previous timestamp is earlier than its own
(docs/air.md §12.1 (H2)). Each table checks it as a gap, ts − prev − 1 = g_lo + 2^16 g_hi with
U16 lookups of the limbs, which makes prev < ts as numbers when both are at most 2^29
(`Cpu.prev_lt_of_gap`). Over the witness's accesses (`witnessAccs`) of a run of N ≤ 2^27 rows:

* every access's time is at most 4N (`witness_ts_le`): the CPU rows have clk < N and every
  port-3 access belongs to one of them (`port3_owner`);
* every previous timestamp is 0 or an access's time (the memory bus balancing,
  `Memory.prev_of_balanced`), so at most 4N too;
* so every access is causal (`causal_of_bus`), the run theorem's causality hypothesis.
-/

@[expose] public section

noncomputable section

namespace Zkvm.Air.V2.Run

open Zkvm.Field Zkvm.RiscV Zkvm.Air.Table Zkvm.Air.Memory
open Zkvm.Air.V2.Exec (Tables ExecBalanced IoBalanced)

/-- 4 c + 4 as a number, for c below 2^27. -/
theorem val_ts4 {c : BabyBear} (h : c.val < 2 ^ 27) : (4 * c + 4).val = 4 * c.val + 4 := by
  have e : 4 * c + 4 = ((4 * c.val + 4 : Nat) : BabyBear) := by
    have : c = ((c.val : Nat) : BabyBear) := by
      apply BabyBear.ext; rw [Mem.val_cast (by have := c.val_lt; simp [Zkvm.Field.P_eq] at this ⊢; omega)]
    conv => lhs; rw [this]
    push_natCast
  rw [e, Mem.val_cast (by omega)]

/-- **Every access of a run's witness is at most at time 4N.** -/
theorem witness_ts_le {T : Tables} (hok : T.Ok) (hexec : ExecBalanced T) (hiob : IoBalanced T)
    (hrange : ∀ ri ∈ T.io, Io.real ri = 1 →
      (ri Io.Col.wa).val < 2 ^ 28 ∧ Io.firstPos ri < 2 ^ 30)
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
  · obtain ⟨r', hr', hx', ht, -⟩ := port3_owner hok hexec hiob hrange h
    obtain ⟨m, hm, rfl⟩ := hreq r' hr' hx'
    have hc := hrows.clk m hm
    omega

/-- **Causality of every access of a run's witness** (the memory argument's (H2)): from the gap
lookups of the CPU rows and of every MEM, SYSCALL and IO row, for a run of at most 2^27
rows, when the memory bus balances. -/
theorem causal_of_bus {T : Tables} (hok : T.Ok) (hlk : T.Looks) (hexec : ExecBalanced T)
    (hiob : IoBalanced T)
    (hrange : ∀ ri ∈ T.io, Io.real ri = 1 →
      (ri Io.Col.wa).val < 2 ^ 28 ∧ Io.firstPos ri < 2 ^ 30)
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
  have hts := witness_ts_le hok hexec hiob hrange hrows hreq
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

end Zkvm.Air.V2.Run

end
