module

public import Zkvm.Air.V2.RunEcallChain
public import Zkvm.Air.V2.RunOutput
public import Zkvm.Air.V2.RunWhole
public import Zkvm.Air.V2.RunPrivate

/-!
# The ECALLs' joins, from the bus

The run theorem takes, for each write ECALL row, `WriteJoin`: its SYSCALL row, the accesses of
that row and of its IO rows, the IO rows as the chain from buf to buf + len, the only accesses at
its port-3 time, and each written byte in an OUTPUT message; for each read ECALL row of fd 0,
`ReadJoin`, the same with each read byte in an INPUT receive and the IO rows' words distinct; for
each read of fd 3 (the private input), `Read3Join` (RunPrivate.lean), the same with each read
byte in a PRIV receive (tag 14) and the SYSCALL row's PLEN receive (tag 15, its limit). This file
derives them over the witness's accesses from the EXEC and IO messages balancing
(`writeJoin_of_bus`, `readJoin_of_bus`, `readJoin3_of_bus`; a read's fd is 0 or 3,
`read_fd_of_bus`; for every row of a run, the run theorem's `hwj` and `hrj`:
`writeJoins_of_run`, `readJoins_of_run`):

* the SYSCALL row: the one receiving the row's request (`syscall_receiver`), a write (a7 = 64);
* its IO rows: the real IO rows with its clk, whose kind is the SYSCALL row's (`io_row_syscall`,
  one moving SYSCALL row per clk), so writes (to fd 1 when fd2 = 0);
* the chain: `ecall_chain`, with c = len on a write;
* the accesses at 4 clk + 4: `ecall_port3`;
* the bytes: each moved byte's fraction is an OUTPUT send (sign 1, tag 9) on a write to fd 1,
  an INPUT receive (sign −1, tag 8) on a read of fd 0, a PRIV receive (sign −1, tag 14) on a read
  of fd 3 (its IO rows have kind 4 = 1 + 3 fd3: priv);
* on a read, two IO rows at one word would be two accesses with one key (cell, time), which the
  memory argument's distinct keys exclude.

Hypotheses beyond the bus: every CPU row with f_exec is identified by its clk (as in
`port3_of_run`), the real IO rows are in range and meet their lookups, register reads return
16-bit limbs (what the register file in memory holds), on reads of fd 0 the SYSCALL rows' public
values. Who sends the PRIV and PLEN messages a read of fd 3 receives is `RunPrivateBus`.
-/

@[expose] public section

noncomputable section

namespace Zkvm.Air.V2.Run

open Zkvm.Field Zkvm.RiscV Zkvm.Air.Table Zkvm.Air.Memory
open Zkvm.Air.V2.Exec (Tables ExecBalanced IoBalanced)

/-- A real IO row has one kind: read, write to fd 1, write to fd 2 or read of fd 3. -/
theorem io_kind_cases {ri : Row BabyBear} (hg : Io.Groups ri) (hreal : Io.real ri = 1) :
    (ri Io.Col.kRead = 1 ∧ ri Io.Col.kWrite1 = 0 ∧ ri Io.Col.kWrite2 = 0 ∧ ri Io.Col.kPriv = 0) ∨
    (ri Io.Col.kRead = 0 ∧ ri Io.Col.kWrite1 = 1 ∧ ri Io.Col.kWrite2 = 0 ∧ ri Io.Col.kPriv = 0) ∨
    (ri Io.Col.kRead = 0 ∧ ri Io.Col.kWrite1 = 0 ∧ ri Io.Col.kWrite2 = 1 ∧ ri Io.Col.kPriv = 0) ∨
    (ri Io.Col.kRead = 0 ∧ ri Io.Col.kWrite1 = 0 ∧ ri Io.Col.kWrite2 = 0 ∧
      ri Io.Col.kPriv = 1) := by
  unfold Io.real at hreal
  rcases Io.bool_cases hg.bool_read with h1 | h1 <;>
    rcases Io.bool_cases hg.bool_write1 with h2 | h2 <;>
    rcases Io.bool_cases hg.bool_write2 with h3 | h3 <;>
    rcases Io.bool_cases hg.bool_priv with h4 | h4 <;>
    rw [h1, h2, h3, h4] at hreal ⊢ <;> first | (exfalso; revert hreal; decide) | simp

/-- An IO row's byte message for lane `j`: multiplicity sign · moved, (tag, base + j, new byte). -/
theorem io_byte_fraction (ri : Row BabyBear) {j : Nat} (hj : j ∈ Io.lanes) :
    (⟨Io.sign ri * Io.moved ri j, [Io.byteTag ri, ri Io.Col.base + ((j : Nat) : BabyBear),
      ri (Io.Col.n0 + j)]⟩ : Zkvm.Air.V2.Cpu.Fraction BabyBear) ∈ Io.fractions ri := by
  simp only [Io.lanes, List.mem_cons, List.not_mem_nil, or_false] at hj
  rcases hj with rfl | rfl | rfl | rfl
  · exact List.mem_of_getElem? (l := Io.fractions ri) (i := 10) rfl
  · exact List.mem_of_getElem? (l := Io.fractions ri) (i := 11) rfl
  · exact List.mem_of_getElem? (l := Io.fractions ri) (i := 12) rfl
  · exact List.mem_of_getElem? (l := Io.fractions ri) (i := 13) rfl

/-- A limb whose quadruple is below 2^16 is below 2^14. -/
theorem quarter_lt {x : BabyBear} (hx : x.val < 2 ^ 16) (h4 : (4 * x).val < 2 ^ 16) :
    x.val < 2 ^ 14 := by
  have hP : Zkvm.Field.P = 2013265921 := Zkvm.Field.P_eq
  simp only [BabyBear.val_mul, BabyBear.val_ofNat', hP] at h4
  rw [Nat.mod_eq_of_lt (show 4 < 2013265921 by decide), Nat.mod_eq_of_lt (by omega)] at h4
  omega

/-- **The write ECALL's join from the bus**: over the witness's accesses, a CPU row with f_exec
running ECALL with a7 = 64 meets `WriteJoin` with the bus's sent messages, when the EXEC and IO
messages balance, every requesting CPU row is identified by its clk, the real IO rows are in
range and meet their lookups, and register reads return 16-bit limbs. -/
theorem writeJoin_of_bus {T : Tables} (hok : T.Ok) (hlk : T.Looks) (hbal : ExecBalanced T)
    (hiob : IoBalanced T)
    (hnd : ((T.cpu.filter fun r => decide (r Cpu.Col.fExec = 1)).map (· Cpu.Col.clk)).Nodup)
    (hrange : ∀ ri ∈ T.io, Io.real ri = 1 →
      (ri Io.Col.wa).val < 2 ^ 28 ∧ Io.firstPos ri < 2 ^ 30)
    (hlkio : ∀ ri ∈ T.io, Io.Lookups ri) {cpu : List (Row BabyBear)}
    (hregR : ∀ a ∈ witnessAccs cpu T.mem T.sys T.io, a.cell.1 = 0 →
      a.read.1.val < 2 ^ 16 ∧ a.read.2.val < 2 ^ 16)
    {r : Row BabyBear} (hr : r ∈ T.cpu)
    (hdist : ∀ r' ∈ T.cpu, r' Cpu.Col.fExec = 1 → (r' Cpu.Col.clk).val = (r Cpu.Col.clk).val →
      r' = r)
    (hx : r Cpu.Col.fExec = 1) (h36 : (r Cpu.Col.op).val = 36)
    (h64 : (r Cpu.Col.aLo).val = 64) :
    WriteJoin (witnessAccs cpu T.mem T.sys T.io) T.sent r := by
  have hsys := Exec.sysOnce_of_bus hok hbal hnd
  obtain ⟨rs, hrs, hreal, he, hport⟩ :=
    ecall_port3 (cpu := cpu) hok hlk hbal hiob hsys hrange hr hdist hx h36
  obtain ⟨pub, hgs⟩ := hok.sys rs hrs
  have hls := hlk.sys rs hrs
  have he' := he
  simp only [Exec.Cpu.execMsg, Exec.Syscall.execMsg, Exec.Msg.mk.injEq] at he'
  have ha64 : rs Syscall.Col.aLo = 64 := by
    rw [← he'.2.2.1]; exact BabyBear.ext (by rw [h64]; rfl)
  have hwr : rs Syscall.Col.fWrite = 1 := (Step.syscall_kind hgs hreal).2.1 ha64
  obtain ⟨hr0, he0, hd3, -, hmv⟩ := write_flags hgs hreal hwr
  have hclk : rs Syscall.Col.clk = r Cpu.Col.clk := he'.2.1.symm
  -- the SYSCALL row's accesses
  have hsa : ∀ a ∈ syscallAccesses rs, a ∈ witnessAccs cpu T.mem T.sys T.io := fun a ha => by
    simp only [witnessAccs, List.mem_append, List.mem_flatMap]
    exact Or.inl (Or.inr ⟨rs, hrs, ha⟩)
  have hbufA : bufAccess rs ∈ witnessAccs cpu T.mem T.sys T.io :=
    hsa _ (by simp [syscallAccesses, hmv])
  have hlenA : lenAccess rs ∈ witnessAccs cpu T.mem T.sys T.io :=
    hsa _ (by simp [syscallAccesses, hmv])
  have hcurA : Syscall.cursorOn rs = 1 → curAccess rs ∈ witnessAccs cpu T.mem T.sys T.io :=
    fun hc => hsa _ (by simp [syscallAccesses, hc])
  -- buf and len are limbs; c = len
  obtain ⟨hbl, hbh⟩ := hregR _ hbufA rfl
  obtain ⟨hll, hlh⟩ := hregR _ hlenA rfl
  have hmv0 : Syscall.moves rs ≠ 0 := by rw [hmv]; decide
  have hbh14 := quarter_lt hbh (hls.bufHi hmv0)
  have hcl : rs Syscall.Col.cLo = rs Syscall.Col.lenLo := by
    have h := hgs.write_lo; rw [hwr, Lean.Grind.Semiring.one_mul] at h; exact eq_of_sub_eq_zero h
  have hch : rs Syscall.Col.cHi = rs Syscall.Col.lenHi := by
    have h := hgs.write_hi; rw [hwr, Lean.Grind.Semiring.one_mul] at h; exact eq_of_sub_eq_zero h
  have hch14 : (rs Syscall.Col.lenHi).val < 2 ^ 14 := by
    rw [← hch]; exact quarter_lt (by rw [hch]; exact hlh) (hls.cHi hmv0)
  have hcv : (Syscall.word rs Syscall.Col.cLo Syscall.Col.cHi).val =
      (rs Syscall.Col.lenLo).val + 2 ^ 16 * (rs Syscall.Col.lenHi).val := by
    unfold Syscall.word; rw [hcl, hch]; exact Syscall.val_word hll hch14
  have hP := Exec.ecall_chain hok hbal hiob hnd hrange hdist hrs hreal he hmv hbl hbh14
  rw [hcv] at hP
  -- the IO rows of the ECALL are writes
  have hkind : ∀ ri ∈ T.io, Io.real ri = 1 → ri Io.Col.clk = rs Syscall.Col.clk →
      Io.kind ri = Syscall.kind rs := by
    intro ri hri hrealio hc
    obtain ⟨rs', hrs', hmv', hc', hk⟩ := Exec.io_row_syscall hok hiob hrange ri hri hrealio
    obtain ⟨pub', hg'⟩ := hok.sys rs' hrs'
    have hreal' := Exec.syscall_real_of hg' (Or.inl hmv')
    obtain ⟨r', hr', hx', -, hcr, hm'⟩ := Exec.syscall_answers_cpu hok hbal hrs' hreal'
    have e := hdist r' hr' hx' (by rw [hcr, hc', hc, hclk])
    subst e
    rw [← hk, hsys rs' hrs' rs hrs hreal' hreal (hm'.symm.trans he)]
  have hk2 : Syscall.kind rs = 2 + rs Syscall.Col.fd2 := by
    unfold Syscall.kind; rw [hr0, hwr, hd3]; grind
  have hwrites : ∀ ri ∈ T.io, Io.real ri = 1 → ri Io.Col.clk = rs Syscall.Col.clk →
      Io.writes ri = 1 ∧ (rs Syscall.Col.fd2 = 0 → ri Io.Col.kWrite1 = 1) ∧
        (rs Syscall.Col.fd2 = 0 → ri Io.Col.kRead = 0 ∧ ri Io.Col.kPriv = 0) := by
    intro ri hri hrealio hc
    have hk := hkind ri hri hrealio hc
    rw [hk2] at hk
    unfold Io.kind at hk
    unfold Io.writes
    rcases Syscall.bool_cases hgs.bool_fd2 with hf | hf <;>
      rcases io_kind_cases (hok.io ri hri) hrealio with ⟨a, b, c, d⟩ | ⟨a, b, c, d⟩ |
        ⟨a, b, c, d⟩ | ⟨a, b, c, d⟩ <;>
      rw [hf, a, b, c, d] at hk <;> first | (exfalso; revert hk; decide) | skip
    all_goals (simp only [hf, a, b, c, d]; decide)
  refine ⟨rs, pub, hgs, hls, hreal, he, hbufA, hlenA, hcurA,
    T.io.filter fun ri => decide (Io.real ri = 1) && decide (ri Io.Col.clk = rs Syscall.Col.clk),
    ?_, hP, ?_, ?_⟩
  · intro ri hri
    simp only [List.mem_filter, Bool.and_eq_true, decide_eq_true_eq] at hri
    obtain ⟨hri, hrealio, hc⟩ := hri
    obtain ⟨hw, hw1, -⟩ := hwrites ri hri hrealio hc
    obtain ⟨hwa, hfp⟩ := hrange ri hri hrealio
    refine ⟨hok.io ri hri, hlkio ri hri, hrealio, hw, hw1, hwa, hfp, hc.trans hclk, ?_⟩
    simp only [witnessAccs, List.mem_append, List.mem_flatMap]
    exact Or.inr ⟨ri, hri, by simp [ioAccesses, hrealio]⟩
  · intro a ha ht
    rcases hport a ha ht with h | ⟨ri, hri, hrealio, hc, rfl⟩
    · unfold syscallAccesses at h
      simp only [List.mem_append] at h
      rcases h with (h | h) | h <;> split at h <;> rename_i hflag
      · simp only [List.mem_cons, List.not_mem_nil, or_false] at h
        rcases h with h | h
        · exact Or.inl h
        · exact Or.inr (Or.inl h)
      · exact absurd hmv hflag
      · exact Or.inr (Or.inr (Or.inl ⟨hflag, List.mem_singleton.mp h⟩))
      · simp at h
      · rw [he0] at hflag; exact absurd hflag (by decide)
      · simp at h
    · refine Or.inr (Or.inr (Or.inr ⟨ri, ?_, rfl⟩))
      simp only [List.mem_filter, Bool.and_eq_true, decide_eq_true_eq]
      exact ⟨hri, hrealio, hc.trans hclk.symm⟩
  · intro hfd ri hri j hj hmj
    simp only [List.mem_filter, Bool.and_eq_true, decide_eq_true_eq] at hri
    obtain ⟨hri, hrealio, hc⟩ := hri
    obtain ⟨-, hw1, hrp⟩ := hwrites ri hri hrealio hc
    have hw1 := hw1 hfd
    obtain ⟨hrd0, hpv0⟩ := hrp hfd
    have hsign : Io.sign ri = 1 := by
      unfold Io.sign Io.reads; rw [hw1, hrd0, hpv0]; decide
    have htag : Io.byteTag ri = 9 := by
      unfold Io.byteTag; rw [hw1, hrd0, hpv0]; decide
    have h := Tables.sent_of (Exec.Tables.of_io hri (io_byte_fraction ri hj))
      (by simp only [hsign, hmj]; grind)
    rw [htag] at h
    exact h

/-- **The read ECALL's join from the bus** (fd 0): over the witness's accesses, a CPU row with
f_exec running ECALL with a7 = 63 and a0 = 0 meets `ReadJoin` with the bus's received messages,
under `writeJoin_of_bus`'s hypotheses, when every SYSCALL row meets its groups with its own
segment's public values, whose input length is `inLen` and the accesses' keys are distinct (the memory
argument's hypothesis, which makes the IO rows' words distinct). -/
theorem readJoin_of_bus {T : Tables} (hok : T.Ok) (hlk : T.Looks) (hbal : ExecBalanced T)
    (hiob : IoBalanced T)
    (hnd : ((T.cpu.filter fun r => decide (r Cpu.Col.fExec = 1)).map (· Cpu.Col.clk)).Nodup)
    (hrange : ∀ ri ∈ T.io, Io.real ri = 1 →
      (ri Io.Col.wa).val < 2 ^ 28 ∧ Io.firstPos ri < 2 ^ 30)
    (hlkio : ∀ ri ∈ T.io, Io.Lookups ri) {cpu : List (Row BabyBear)}
    (hregR : ∀ a ∈ witnessAccs cpu T.mem T.sys T.io, a.cell.1 = 0 →
      a.read.1.val < 2 ^ 16 ∧ a.read.2.val < 2 ^ 16)
    (hkeys : ((witnessAccs cpu T.mem T.sys T.io).map Access.key).Nodup)
    {inLen : Nat} (hpub : ∀ rs ∈ T.sys, ∃ pub : Row BabyBear, Syscall.Groups rs pub ∧
      pub Syscall.pvInputLen = ((inLen : Nat) : BabyBear))
    {r : Row BabyBear} (hr : r ∈ T.cpu)
    (hdist : ∀ r' ∈ T.cpu, r' Cpu.Col.fExec = 1 → (r' Cpu.Col.clk).val = (r Cpu.Col.clk).val →
      r' = r)
    (hx : r Cpu.Col.fExec = 1) (h36 : (r Cpu.Col.op).val = 36)
    (h63 : (r Cpu.Col.aLo).val = 63) (hfd0 : (r Cpu.Col.bLo).val = 0) :
    ReadJoin (witnessAccs cpu T.mem T.sys T.io) T.rcvd inLen r := by
  have hsys := Exec.sysOnce_of_bus hok hbal hnd
  obtain ⟨rs, hrs, hreal, he, hport⟩ :=
    ecall_port3 (cpu := cpu) hok hlk hbal hiob hsys hrange hr hdist hx h36
  obtain ⟨pub, hgs, hpv⟩ := hpub rs hrs
  have hls := hlk.sys rs hrs
  have he' := he
  simp only [Exec.Cpu.execMsg, Exec.Syscall.execMsg, Exec.Msg.mk.injEq] at he'
  have ha63 : rs Syscall.Col.aLo = 63 := by
    rw [← he'.2.2.1]; exact BabyBear.ext (by rw [h63]; rfl)
  have hrd : rs Syscall.Col.fRead = 1 := (Step.syscall_kind hgs hreal).1 ha63
  have hfl := Step.syscall_flags hgs hreal
  have hw0 : rs Syscall.Col.fWrite = 0 := by
    rcases hfl with h | h | h
    · exact h.2.1
    · rw [h.1] at hrd; exact absurd hrd (by decide)
    · rw [h.1] at hrd; exact absurd hrd (by decide)
  have hx0 : rs Syscall.Col.fExit = 0 := by
    rcases hfl with h | h | h
    · exact h.2.2
    · rw [h.1] at hrd; exact absurd hrd (by decide)
    · rw [h.1] at hrd; exact absurd hrd (by decide)
  have hb0 : rs Syscall.Col.bLo = 0 := by
    rw [← he'.2.2.2.2.1]; exact BabyBear.ext (by rw [hfd0]; rfl)
  have hd3 : rs Syscall.Col.fd3 = 0 := by
    have h := hgs.fd_read_lo
    rw [hrd, Lean.Grind.Semiring.one_mul, hb0] at h
    grind
  have hd2 : rs Syscall.Col.fd2 = 0 := by
    have h := hgs.fd2_write
    rw [hw0] at h
    grind
  have hmv : Syscall.moves rs = 1 := by unfold Syscall.moves; rw [hrd, hw0]; grind
  have hcon : Syscall.cursorOn rs = 1 := by
    unfold Syscall.cursorOn; rw [hmv, hx0, hd2]; grind
  have hclk : rs Syscall.Col.clk = r Cpu.Col.clk := he'.2.1.symm
  -- the SYSCALL row's accesses
  have hsa : ∀ a ∈ syscallAccesses rs, a ∈ witnessAccs cpu T.mem T.sys T.io := fun a ha => by
    simp only [witnessAccs, List.mem_append, List.mem_flatMap]
    exact Or.inl (Or.inr ⟨rs, hrs, ha⟩)
  have hbufA : bufAccess rs ∈ witnessAccs cpu T.mem T.sys T.io :=
    hsa _ (by simp [syscallAccesses, hmv])
  have hlenA : lenAccess rs ∈ witnessAccs cpu T.mem T.sys T.io :=
    hsa _ (by simp [syscallAccesses, hmv])
  have hcurA : curAccess rs ∈ witnessAccs cpu T.mem T.sys T.io :=
    hsa _ (by simp [syscallAccesses, hcon])
  obtain ⟨hbl, hbh⟩ := hregR _ hbufA rfl
  have hmv0 : Syscall.moves rs ≠ 0 := by rw [hmv]; decide
  have hbh14 := quarter_lt hbh (hls.bufHi hmv0)
  have hP := Exec.ecall_chain hok hbal hiob hnd hrange hdist hrs hreal he hmv hbl hbh14
  -- the IO rows of the ECALL are reads
  have hkind : ∀ ri ∈ T.io, Io.real ri = 1 → ri Io.Col.clk = rs Syscall.Col.clk →
      ri Io.Col.kRead = 1 ∧ ri Io.Col.kWrite1 = 0 ∧ ri Io.Col.kPriv = 0 := by
    intro ri hri hrealio hc
    obtain ⟨rs', hrs', hmv', hc', hk⟩ := Exec.io_row_syscall hok hiob hrange ri hri hrealio
    obtain ⟨pub', hg'⟩ := hok.sys rs' hrs'
    have hreal' := Exec.syscall_real_of hg' (Or.inl hmv')
    obtain ⟨r', hr', hx', -, hcr, hm'⟩ := Exec.syscall_answers_cpu hok hbal hrs' hreal'
    have e := hdist r' hr' hx' (by rw [hcr, hc', hc, hclk])
    subst e
    rw [hsys rs' hrs' rs hrs hreal' hreal (hm'.symm.trans he)] at hk
    have hk1 : Io.kind ri = 1 := by
      rw [← hk]; unfold Syscall.kind; rw [hrd, hw0, hd2, hd3]; grind
    unfold Io.kind at hk1
    rcases io_kind_cases (hok.io ri hri) hrealio with ⟨a, b, c, d⟩ | ⟨a, b, c, d⟩ |
        ⟨a, b, c, d⟩ | ⟨a, b, c, d⟩ <;>
      rw [a, b, c, d] at hk1 <;> first | (exfalso; revert hk1; decide) | exact ⟨a, b, d⟩
  let ios := T.io.filter fun ri => decide (Io.real ri = 1) &&
    decide (ri Io.Col.clk = rs Syscall.Col.clk)
  have hmemios : ∀ ri ∈ ios, ri ∈ T.io ∧ Io.real ri = 1 ∧ ri Io.Col.clk = rs Syscall.Col.clk :=
    fun ri hri => by
      simp only [ios, List.mem_filter, Bool.and_eq_true, decide_eq_true_eq] at hri
      exact hri
  refine ⟨rs, pub, hgs, hls, hreal, he, hd3, hpv, hbufA, hlenA, hcurA, ios, ?_, ?_, hP, ?_, ?_⟩
  · intro ri hri
    obtain ⟨hri, hrealio, hc⟩ := hmemios ri hri
    obtain ⟨h1, -, h4⟩ := hkind ri hri hrealio hc
    obtain ⟨hwa, hfp⟩ := hrange ri hri hrealio
    refine ⟨hok.io ri hri, hlkio ri hri, hrealio, ?_, hwa, hfp, hc.trans hclk, ?_⟩
    · unfold Io.reads; rw [h1, h4]; decide
    · simp only [witnessAccs, List.mem_append, List.mem_flatMap]
      exact Or.inr ⟨ri, hri, by simp [ioAccesses, hrealio]⟩
  · -- two IO rows of one read at one word would be two accesses with one key
    intro ri hri ri' hri' hwa
    obtain ⟨hri1, hreal1, hc1⟩ := hmemios ri hri
    obtain ⟨hri2, hreal2, hc2⟩ := hmemios ri' hri'
    apply Classical.byContradiction
    intro hne
    have hrom : ∀ x ∈ ios, x Io.Col.rom = 0 := fun x hx => by
      obtain ⟨hx1, hx2, hx3⟩ := hmemios x hx
      obtain ⟨h1, -, h4⟩ := hkind x hx1 hx2 hx3
      have h := (hok.io x hx1).read_ram
      unfold Io.reads at h; rw [h1, h4] at h; grind
    let sel : Row BabyBear → Bool := fun x => decide (Io.real x = 1) &&
      decide ((ioAccess x).key = (ioAccess ri).key)
    have hsub : ((T.io.filter sel).map ioAccess).Sublist (T.io.flatMap ioAccesses) :=
      Exec.filter_map_sublist sel ioAccess ioAccesses T.io fun x _ hs => by
        simp only [sel, Bool.and_eq_true, decide_eq_true_eq] at hs
        simp [ioAccesses, hs.1]
    have hsub2 : (T.io.flatMap ioAccesses).Sublist (witnessAccs cpu T.mem T.sys T.io) :=
      List.sublist_append_right _ _
    have hmap := ((hsub.trans hsub2).map Access.key).count_le (ioAccess ri).key
    have hall : (((T.io.filter sel).map ioAccess).map Access.key).count (ioAccess ri).key =
        (T.io.filter sel).length := by
      rw [List.map_map, List.count_eq_length.mpr, List.length_map]
      intro y hy
      obtain ⟨x, hx, rfl⟩ := List.mem_map.mp hy
      simp only [List.mem_filter, sel, Bool.and_eq_true, decide_eq_true_eq] at hx
      exact hx.2.2.symm
    have hkey : (ioAccess ri').key = (ioAccess ri).key := by
      simp only [ioAccess, Access.key, hrom ri hri, hrom ri' hri', hc1, hc2, BabyBear.ext hwa]
    have hlen : 2 ≤ (T.io.filter sel).length :=
      Exec.two_le_length (List.mem_filter.mpr ⟨hri1, by simp [sel, hreal1]⟩)
        (List.mem_filter.mpr ⟨hri2, by simp [sel, hreal2, hkey]⟩) hne
    have h1 := Zkvm.Air.ListFacts.count_map_le_one (g := Access.key) (k := Access.key)
      (km := (ioAccess ri).key) hkeys (fun _ _ h => h)
    omega
  · intro a ha ht
    rcases hport a ha ht with h | ⟨ri, hri, hrealio, hc, rfl⟩
    · unfold syscallAccesses at h
      simp only [List.mem_append] at h
      rcases h with (h | h) | h <;> split at h <;> rename_i hflag
      · simp only [List.mem_cons, List.not_mem_nil, or_false] at h
        rcases h with h | h
        · exact Or.inl h
        · exact Or.inr (Or.inl h)
      · exact absurd hmv hflag
      · exact Or.inr (Or.inr (Or.inl (List.mem_singleton.mp h)))
      · exact absurd hcon hflag
      · rw [hx0] at hflag; exact absurd hflag (by decide)
      · simp at h
    · refine Or.inr (Or.inr (Or.inr ⟨ri, ?_, rfl⟩))
      simp only [ios, List.mem_filter, Bool.and_eq_true, decide_eq_true_eq]
      exact ⟨hri, hrealio, hc.trans hclk.symm⟩
  · intro ri hri j hj hmj
    obtain ⟨hri, hrealio, hc⟩ := hmemios ri hri
    obtain ⟨h1, h2, h4⟩ := hkind ri hri hrealio hc
    have hsign : Io.sign ri = -1 := by
      unfold Io.sign Io.reads; rw [h1, h2, h4]; decide
    have htag : Io.byteTag ri = 8 := by
      unfold Io.byteTag; rw [h1, h2, h4]; decide
    have h := Tables.rcvd_of (Exec.Tables.of_io hri (io_byte_fraction ri hj))
      (by simp only [hsign, hmj]; grind)
    rw [htag] at h
    exact h

/-- **The read ECALL's join from the bus, fd 3** (the private input): over the witness's
accesses, a CPU row with f_exec running ECALL with a7 = 63 and a0 = 3 meets `Read3Join` with the
bus's received messages, under `writeJoin_of_bus`'s hypotheses, when the accesses' keys are
distinct: its SYSCALL row has fd3 = 1 and receives PLEN(LIM) (its last fraction), its IO rows
are the real IO rows with its clk, of kind priv (kind 4 = 1 + 3 fd3), which receive PRIV (tag
14) messages for the bytes they move. -/
theorem readJoin3_of_bus {T : Tables} (hok : T.Ok) (hlk : T.Looks) (hbal : ExecBalanced T)
    (hiob : IoBalanced T)
    (hnd : ((T.cpu.filter fun r => decide (r Cpu.Col.fExec = 1)).map (· Cpu.Col.clk)).Nodup)
    (hrange : ∀ ri ∈ T.io, Io.real ri = 1 →
      (ri Io.Col.wa).val < 2 ^ 28 ∧ Io.firstPos ri < 2 ^ 30)
    (hlkio : ∀ ri ∈ T.io, Io.Lookups ri) {cpu : List (Row BabyBear)}
    (hregR : ∀ a ∈ witnessAccs cpu T.mem T.sys T.io, a.cell.1 = 0 →
      a.read.1.val < 2 ^ 16 ∧ a.read.2.val < 2 ^ 16)
    (hkeys : ((witnessAccs cpu T.mem T.sys T.io).map Access.key).Nodup)
    {r : Row BabyBear} (hr : r ∈ T.cpu)
    (hdist : ∀ r' ∈ T.cpu, r' Cpu.Col.fExec = 1 → (r' Cpu.Col.clk).val = (r Cpu.Col.clk).val →
      r' = r)
    (hx : r Cpu.Col.fExec = 1) (h36 : (r Cpu.Col.op).val = 36)
    (h63 : (r Cpu.Col.aLo).val = 63) (hfd3 : (r Cpu.Col.bLo).val = 3) :
    Read3Join (witnessAccs cpu T.mem T.sys T.io) T.rcvd r := by
  have hsys := Exec.sysOnce_of_bus hok hbal hnd
  obtain ⟨rs, hrs, hreal, he, hport⟩ :=
    ecall_port3 (cpu := cpu) hok hlk hbal hiob hsys hrange hr hdist hx h36
  obtain ⟨pub, hgs⟩ := hok.sys rs hrs
  have hls := hlk.sys rs hrs
  have he' := he
  simp only [Exec.Cpu.execMsg, Exec.Syscall.execMsg, Exec.Msg.mk.injEq] at he'
  have ha63 : rs Syscall.Col.aLo = 63 := by
    rw [← he'.2.2.1]; exact BabyBear.ext (by rw [h63]; rfl)
  have hrd : rs Syscall.Col.fRead = 1 := (Step.syscall_kind hgs hreal).1 ha63
  obtain ⟨hw0, hx0, hd2⟩ := Syscall.read_only hgs hrd
  have hb3 : rs Syscall.Col.bLo = 3 := by
    rw [← he'.2.2.2.2.1]; exact BabyBear.ext (by rw [hfd3]; rfl)
  have hd3 : rs Syscall.Col.fd3 = 1 := by
    have h := hgs.fd_read_lo
    rw [hrd, Lean.Grind.Semiring.one_mul, hb3] at h
    rcases Syscall.bool_cases hgs.bool_fd3 with h0 | h1
    · rw [h0] at h; exact absurd h (by decide)
    · exact h1
  have hmv : Syscall.moves rs = 1 := by unfold Syscall.moves; rw [hrd, hw0]; grind
  have hcon : Syscall.cursorOn rs = 1 := by
    unfold Syscall.cursorOn; rw [hmv, hx0, hd2]; grind
  have hclk : rs Syscall.Col.clk = r Cpu.Col.clk := he'.2.1.symm
  -- the SYSCALL row's accesses
  have hsa : ∀ a ∈ syscallAccesses rs, a ∈ witnessAccs cpu T.mem T.sys T.io := fun a ha => by
    simp only [witnessAccs, List.mem_append, List.mem_flatMap]
    exact Or.inl (Or.inr ⟨rs, hrs, ha⟩)
  have hbufA : bufAccess rs ∈ witnessAccs cpu T.mem T.sys T.io :=
    hsa _ (by simp [syscallAccesses, hmv])
  have hlenA : lenAccess rs ∈ witnessAccs cpu T.mem T.sys T.io :=
    hsa _ (by simp [syscallAccesses, hmv])
  have hcurA : curAccess rs ∈ witnessAccs cpu T.mem T.sys T.io :=
    hsa _ (by simp [syscallAccesses, hcon])
  obtain ⟨hbl, hbh⟩ := hregR _ hbufA rfl
  have hmv0 : Syscall.moves rs ≠ 0 := by rw [hmv]; decide
  have hbh14 := quarter_lt hbh (hls.bufHi hmv0)
  have hP := Exec.ecall_chain hok hbal hiob hnd hrange hdist hrs hreal he hmv hbl hbh14
  -- the PLEN receive
  have hplen : [15, rs Syscall.Col.lim] ∈ T.rcvd := by
    have hf : (⟨-(rs Syscall.Col.fd3), [15, rs Syscall.Col.lim]⟩ :
        Zkvm.Air.V2.Cpu.Fraction BabyBear) ∈ Syscall.fractions rs :=
      List.mem_of_getElem? (l := Syscall.fractions rs) (i := 25) rfl
    exact Tables.rcvd_of (Exec.Tables.of_sys hrs hf) (by simp only [hd3])
  -- the IO rows of the ECALL are reads of fd 3
  have hkind : ∀ ri ∈ T.io, Io.real ri = 1 → ri Io.Col.clk = rs Syscall.Col.clk →
      ri Io.Col.kRead = 0 ∧ ri Io.Col.kWrite1 = 0 ∧ ri Io.Col.kPriv = 1 := by
    intro ri hri hrealio hc
    obtain ⟨rs', hrs', hmv', hc', hk⟩ := Exec.io_row_syscall hok hiob hrange ri hri hrealio
    obtain ⟨pub', hg'⟩ := hok.sys rs' hrs'
    have hreal' := Exec.syscall_real_of hg' (Or.inl hmv')
    obtain ⟨r', hr', hx', -, hcr, hm'⟩ := Exec.syscall_answers_cpu hok hbal hrs' hreal'
    have e := hdist r' hr' hx' (by rw [hcr, hc', hc, hclk])
    subst e
    rw [hsys rs' hrs' rs hrs hreal' hreal (hm'.symm.trans he)] at hk
    have hk4 : Io.kind ri = 4 := by
      rw [← hk]; unfold Syscall.kind; rw [hrd, hw0, hd2, hd3]; grind
    unfold Io.kind at hk4
    rcases io_kind_cases (hok.io ri hri) hrealio with ⟨a, b, c, d⟩ | ⟨a, b, c, d⟩ |
        ⟨a, b, c, d⟩ | ⟨a, b, c, d⟩ <;>
      rw [a, b, c, d] at hk4 <;> first | (exfalso; revert hk4; decide) | exact ⟨a, b, d⟩
  let ios := T.io.filter fun ri => decide (Io.real ri = 1) &&
    decide (ri Io.Col.clk = rs Syscall.Col.clk)
  have hmemios : ∀ ri ∈ ios, ri ∈ T.io ∧ Io.real ri = 1 ∧ ri Io.Col.clk = rs Syscall.Col.clk :=
    fun ri hri => by
      simp only [ios, List.mem_filter, Bool.and_eq_true, decide_eq_true_eq] at hri
      exact hri
  refine ⟨rs, pub, hgs, hls, hreal, he, hd3, hplen, hbufA, hlenA, hcurA, ios, ?_, ?_, hP, ?_, ?_⟩
  · intro ri hri
    obtain ⟨hri, hrealio, hc⟩ := hmemios ri hri
    obtain ⟨h1, -, h4⟩ := hkind ri hri hrealio hc
    obtain ⟨hwa, hfp⟩ := hrange ri hri hrealio
    refine ⟨hok.io ri hri, hlkio ri hri, hrealio, ?_, hwa, hfp, hc.trans hclk, ?_⟩
    · unfold Io.reads; rw [h1, h4]; decide
    · simp only [witnessAccs, List.mem_append, List.mem_flatMap]
      exact Or.inr ⟨ri, hri, by simp [ioAccesses, hrealio]⟩
  · -- two IO rows of one read at one word would be two accesses with one key
    intro ri hri ri' hri' hwa
    obtain ⟨hri1, hreal1, hc1⟩ := hmemios ri hri
    obtain ⟨hri2, hreal2, hc2⟩ := hmemios ri' hri'
    apply Classical.byContradiction
    intro hne
    have hrom : ∀ x ∈ ios, x Io.Col.rom = 0 := fun x hx => by
      obtain ⟨hx1, hx2, hx3⟩ := hmemios x hx
      obtain ⟨h1, -, h4⟩ := hkind x hx1 hx2 hx3
      have h := (hok.io x hx1).read_ram
      unfold Io.reads at h; rw [h1, h4] at h; grind
    let sel : Row BabyBear → Bool := fun x => decide (Io.real x = 1) &&
      decide ((ioAccess x).key = (ioAccess ri).key)
    have hsub : ((T.io.filter sel).map ioAccess).Sublist (T.io.flatMap ioAccesses) :=
      Exec.filter_map_sublist sel ioAccess ioAccesses T.io fun x _ hs => by
        simp only [sel, Bool.and_eq_true, decide_eq_true_eq] at hs
        simp [ioAccesses, hs.1]
    have hsub2 : (T.io.flatMap ioAccesses).Sublist (witnessAccs cpu T.mem T.sys T.io) :=
      List.sublist_append_right _ _
    have hmap := ((hsub.trans hsub2).map Access.key).count_le (ioAccess ri).key
    have hall : (((T.io.filter sel).map ioAccess).map Access.key).count (ioAccess ri).key =
        (T.io.filter sel).length := by
      rw [List.map_map, List.count_eq_length.mpr, List.length_map]
      intro y hy
      obtain ⟨x, hx, rfl⟩ := List.mem_map.mp hy
      simp only [List.mem_filter, sel, Bool.and_eq_true, decide_eq_true_eq] at hx
      exact hx.2.2.symm
    have hkey : (ioAccess ri').key = (ioAccess ri).key := by
      simp only [ioAccess, Access.key, hrom ri hri, hrom ri' hri', hc1, hc2, BabyBear.ext hwa]
    have hlen : 2 ≤ (T.io.filter sel).length :=
      Exec.two_le_length (List.mem_filter.mpr ⟨hri1, by simp [sel, hreal1]⟩)
        (List.mem_filter.mpr ⟨hri2, by simp [sel, hreal2, hkey]⟩) hne
    have h1 := Zkvm.Air.ListFacts.count_map_le_one (g := Access.key) (k := Access.key)
      (km := (ioAccess ri).key) hkeys (fun _ _ h => h)
    omega
  · intro a ha ht
    rcases hport a ha ht with h | ⟨ri, hri, hrealio, hc, rfl⟩
    · unfold syscallAccesses at h
      simp only [List.mem_append] at h
      rcases h with (h | h) | h <;> split at h <;> rename_i hflag
      · simp only [List.mem_cons, List.not_mem_nil, or_false] at h
        rcases h with h | h
        · exact Or.inl h
        · exact Or.inr (Or.inl h)
      · exact absurd hmv hflag
      · exact Or.inr (Or.inr (Or.inl (List.mem_singleton.mp h)))
      · exact absurd hcon hflag
      · rw [hx0] at hflag; exact absurd hflag (by decide)
      · simp at h
    · refine Or.inr (Or.inr (Or.inr ⟨ri, ?_, rfl⟩))
      simp only [ios, List.mem_filter, Bool.and_eq_true, decide_eq_true_eq]
      exact ⟨hri, hrealio, hc.trans hclk.symm⟩
  · intro ri hri j hj hmj
    obtain ⟨hri, hrealio, hc⟩ := hmemios ri hri
    obtain ⟨h1, h2, h4⟩ := hkind ri hri hrealio hc
    have hsign : Io.sign ri = -1 := by
      unfold Io.sign Io.reads; rw [h1, h2, h4]; decide
    have htag : Io.byteTag ri = 14 := by
      unfold Io.byteTag; rw [h1, h2, h4]; decide
    have h := Tables.rcvd_of (Exec.Tables.of_io hri (io_byte_fraction ri hj))
      (by simp only [hsign, hmj]; grind)
    rw [htag] at h
    exact h

/-- **A read ECALL's fd is 0 or 3**: a CPU row with f_exec running ECALL with a7 = 63 has
a0's low limb 0 or 3 (the SYSCALL row receiving its request has b_lo = 3 fd3, fd3 boolean). -/
theorem read_fd_of_bus {T : Tables} (hok : T.Ok) (hlk : T.Looks) (hbal : ExecBalanced T)
    {r : Row BabyBear} (hr : r ∈ T.cpu) (hx : r Cpu.Col.fExec = 1)
    (h36 : (r Cpu.Col.op).val = 36) (h63 : (r Cpu.Col.aLo).val = 63) :
    (r Cpu.Col.bLo).val = 0 ∨ (r Cpu.Col.bLo).val = 3 := by
  obtain ⟨rs, hrs, hreal, he⟩ := Exec.syscall_receiver hok hlk hbal hr hx h36
  obtain ⟨pub, hgs⟩ := hok.sys rs hrs
  have he' := he
  simp only [Exec.Cpu.execMsg, Exec.Syscall.execMsg, Exec.Msg.mk.injEq] at he'
  have ha63 : rs Syscall.Col.aLo = 63 := by
    rw [← he'.2.2.1]; exact BabyBear.ext (by rw [h63]; rfl)
  have hrd : rs Syscall.Col.fRead = 1 := (Step.syscall_kind hgs hreal).1 ha63
  have h := hgs.fd_read_lo
  rw [hrd, Lean.Grind.Semiring.one_mul, ← he'.2.2.2.2.1] at h
  have hb : r Cpu.Col.bLo = 3 * rs Syscall.Col.fd3 := by grind
  rcases Syscall.bool_cases hgs.bool_fd3 with h0 | h1
  · left; rw [hb, h0]; decide
  · right; rw [hb, h1]; decide

/-- **Every write ECALL row of a run meets `WriteJoin`, from the bus** (the run theorem's
`hwj`): `writeJoin_of_bus` for the rows of a run, whose requesting CPU rows are its rows. -/
theorem writeJoins_of_run {T : Tables} (hok : T.Ok) (hlk : T.Looks) (hbal : ExecBalanced T)
    (hiob : IoBalanced T)
    (hnd : ((T.cpu.filter fun r => decide (r Cpu.Col.fExec = 1)).map (· Cpu.Col.clk)).Nodup)
    (hrange : ∀ ri ∈ T.io, Io.real ri = 1 →
      (ri Io.Col.wa).val < 2 ^ 28 ∧ Io.firstPos ri < 2 ^ 30)
    (hlkio : ∀ ri ∈ T.io, Io.Lookups ri) {cpu : List (Row BabyBear)}
    (hregR : ∀ a ∈ witnessAccs cpu T.mem T.sys T.io, a.cell.1 = 0 →
      a.read.1.val < 2 ^ 16 ∧ a.read.2.val < 2 ^ 16)
    {wins : Nat → Window BabyBear} {N : Nat} (hrows : CpuRows wins 0 N)
    (hin : ∀ n < N, (wins n).cur ∈ T.cpu)
    (hreq : ∀ r ∈ T.cpu, r Cpu.Col.fExec = 1 → ∃ m < N, r = (wins m).cur)
    {code : List (UInt32 × UInt32)} (hcode : ∀ p ∈ code, p.1.toNat < 2 ^ 30)
    (hprog : ∀ n < N, Step.progMsg ((wins n).cur) ∈ Step.progTable code) :
    ∀ n, n + 1 < N → ((wins n).cur Cpu.Col.op).val = 36 → ((wins n).cur Cpu.Col.aLo).val = 64 →
      WriteJoin (witnessAccs cpu T.mem T.sys T.io) T.sent ((wins n).cur) := by
  intro n hn h36 h64
  obtain ⟨p, -, i, -, hruns, -⟩ := Step.runs_of_prog code hcode (hprog n (by omega))
  exact writeJoin_of_bus hok hlk hbal hiob hnd hrange hlkio hregR (hin n (by omega))
    (dist_of_run hrows hreq (by omega)) (exec_of_ecall (hrows.groups n (by omega)) hruns h36)
    h36 h64

/-- **Every read ECALL row of a run meets `ReadJoin` (fd 0) or `Read3Join` (fd 3), from the bus**
(the run theorem's `hrj`; a read's fd is 0 or 3: `read_fd_of_bus`). -/
theorem readJoins_of_run {T : Tables} (hok : T.Ok) (hlk : T.Looks) (hbal : ExecBalanced T)
    (hiob : IoBalanced T)
    (hnd : ((T.cpu.filter fun r => decide (r Cpu.Col.fExec = 1)).map (· Cpu.Col.clk)).Nodup)
    (hrange : ∀ ri ∈ T.io, Io.real ri = 1 →
      (ri Io.Col.wa).val < 2 ^ 28 ∧ Io.firstPos ri < 2 ^ 30)
    (hlkio : ∀ ri ∈ T.io, Io.Lookups ri) {cpu : List (Row BabyBear)}
    (hregR : ∀ a ∈ witnessAccs cpu T.mem T.sys T.io, a.cell.1 = 0 →
      a.read.1.val < 2 ^ 16 ∧ a.read.2.val < 2 ^ 16)
    (hkeys : ((witnessAccs cpu T.mem T.sys T.io).map Access.key).Nodup)
    {inLen : Nat} (hpub : ∀ rs ∈ T.sys, ∃ pub : Row BabyBear, Syscall.Groups rs pub ∧
      pub Syscall.pvInputLen = ((inLen : Nat) : BabyBear))
    {wins : Nat → Window BabyBear} {N : Nat} (hrows : CpuRows wins 0 N)
    (hin : ∀ n < N, (wins n).cur ∈ T.cpu)
    (hreq : ∀ r ∈ T.cpu, r Cpu.Col.fExec = 1 → ∃ m < N, r = (wins m).cur)
    {code : List (UInt32 × UInt32)} (hcode : ∀ p ∈ code, p.1.toNat < 2 ^ 30)
    (hprog : ∀ n < N, Step.progMsg ((wins n).cur) ∈ Step.progTable code) :
    ∀ n, n + 1 < N → ((wins n).cur Cpu.Col.op).val = 36 → ((wins n).cur Cpu.Col.aLo).val = 63 →
      ReadJoin (witnessAccs cpu T.mem T.sys T.io) T.rcvd inLen ((wins n).cur) ∨
        Read3Join (witnessAccs cpu T.mem T.sys T.io) T.rcvd ((wins n).cur) := by
  intro n hn h36 h63
  obtain ⟨p, -, i, -, hruns, -⟩ := Step.runs_of_prog code hcode (hprog n (by omega))
  have hx := exec_of_ecall (hrows.groups n (by omega)) hruns h36
  rcases read_fd_of_bus hok hlk hbal (hin n (by omega)) hx h36 h63 with h0 | h3
  · exact Or.inl (readJoin_of_bus hok hlk hbal hiob hnd hrange hlkio hregR hkeys hpub
      (hin n (by omega)) (dist_of_run hrows hreq (by omega)) hx h36 h63 h0)
  · exact Or.inr (readJoin3_of_bus hok hlk hbal hiob hnd hrange hlkio hregR hkeys
      (hin n (by omega)) (dist_of_run hrows hreq (by omega)) hx h36 h63 h3)

end Zkvm.Air.V2.Run

end
