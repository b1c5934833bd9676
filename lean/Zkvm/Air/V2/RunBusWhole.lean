module

public import Zkvm.Air.V2.RunJoins
public import Zkvm.Air.V2.RunStatement
public import Zkvm.Air.V2.RunWhole
public import Zkvm.Air.MemoryReads
public import Zkvm.Air.MemoryKeys
public import Zkvm.Air.V2.RunCausal
public import Zkvm.Air.V2.RunTrace
public import Zkvm.Air.V2.BusUnits
public import Zkvm.Air.V2.BusMemory
public import Zkvm.Air.V2.BusFacts
public import Zkvm.Air.V2.RunExit
public import Zkvm.Air.V2.RunPrivateBus
public import Zkvm.Air.V2.RunIoBytes
public import Zkvm.Air.V2.RunWordWritesEcall

/-!
# The whole run from the bus

`run_io` proves the run from named joins. This file discharges the joins the bus gives, over the
accesses the tables' rows make (`witnessAccs`): the ports of every row (`ports_of_rows`), port 3
(`port3_of_run`), the EXEC receives (`cpu_request_received`), the halting row being an exit
ECALL (`halt_is_exit`), the ECALLs' joins (`writeJoins_of_run`, `readJoins_of_run`: reads of
fd 0 and of fd 3), the private input's bytes and length (`Exec.priv_of_net`, `Exec.plen_of_net`,
RunPrivateBus.lean: a PRIV or PLEN message a table receives is a PRIVATE row's), the
register reads being limbs from the written values being limbs (`Memory.read_of_writes`), the exit
row writing nothing at its port 3 and no access after time 4N (`exit4_of_bus`, `after_of_bus`).

The bus enters through `Exec.BusFacts` (BusFacts.lean): the tables' groups and booleans, the
counted balance with the statement's messages, every table's lookups and every real CPU row's
PROG message in the program table. They come from what the LogUp argument gives — every
message's net multiplicity 0 in the field — over one bus (`Exec.facts_of_bus`) or segment by
segment (`Exec.facts_of_segments`, BusSegments.lean): the tables' multiplicities on the counted
tags are −1, 0 or 1 (`Exec.unitMults_of`), so with fewer than p fractions per message the counts
balance (`Exec.balanced_of_net`), which gives the per-tag balances, the output and input bytes
and the exit (`RunStatement`); every lookup is sent with multiplicity 0 or 1 (`Exec.sends_of`),
so each one sent is carried by a RANGE or FIXED row (`Exec.looks_of`, `progTable_of_net`). MEM
is a counted tag too, and the tables' MEM messages are their accesses' encodings row by row
(`BusMemory`), so the memory argument's balance over the witness's accesses follows
(`memory_balanced_of_counts`) once the PRIVATE, BOUNDARY and statement MEM messages are read as
boundary rows (`RunBoundary`: `boundary_sends`, `boundary_recvs`).

`run_of_bus` keeps as hypotheses what is not yet derived (proofs-status.md, the whole run): the
bus facts (above; what remains under them is `facts_of_bus`' or `facts_of_segments`'
hypotheses: the net multiplicities from LogUp, the bounds on copies, the RANGE rows' values, the
FIXED fractions as fixed-table rows, the booleans — the last three from the tables' traces,
`RunTraceBus`, and `fixed_table_spec`); the statement carrying no EXEC, HALT or IO message and
its messages stated here by tag (the verifier's, `Spec.Statement.sends` and `receives`, meet
them: `RunStatementMsgs`); that the PRIVATE, BOUNDARY and statement MEM messages are the sends
and receives of the boundary rows `bnd` (`hbS`, `hbR`, proved for `witnessBnd`), every time below
p (`hts`), and the CPU table's accesses being the run rows' (`hcpuAcc`: `cpuAcc_of_trace`); one
boundary row per cell (causality follows from the gap lookups, `causal_of_bus`, for at most
2^27 rows, and distinct keys from these, `Memory.hypotheses_of`); every boundary row outside
space 3 starting with 16-bit limbs (`hbnd`, `witnessBnd_init_limbs` for `witnessBnd`; from it and
the rows, written values are word limbs, `WordWrites`: `wordWrites_of_bus_io`, `rd_of_bus_full`,
`memIn_of_bus`, and register cells start with limbs); the boundary
table's word cells; the IO rows' address range; the run's rows in the CPU table (`RunRows`,
which a satisfying CPU table of the last segment gives: `runRows_of_trace`); the statement's
final cursors (in the memory argument's boundary: `witnessBnd_final`); and the state row 0
describes; for the private input (fd 3): PRIV (14) and PLEN (15) messages' net multiplicity 0
over the tables' and the statement's fractions with fewer than p carrying each and the statement
carrying neither (`hpnet`, `hpfew`, `hpstmt`: the global sum of `BusSegments`), the real PRIVATE
rows' bytes being the private input `priv`'s at their j, below `pcons` (`hprivRows`), the PLEN
sent being its length (`hprivLen`), both from the PRIVATE table's constraints (`PrivateSound`:
j counts the real rows, plen is constant) once `priv` is read off its rows, and the final
private cursor (IO, 2) being `pcons` (`witnessBnd` closes it with the end row's j). ECALLs
other than reads (fd 0 and fd 3), writes and the final exit are not covered.
-/

@[expose] public section

noncomputable section

namespace Zkvm.Air.V2.Run

open Zkvm.Field Zkvm.RiscV Zkvm.Air.Table Zkvm.Air.Memory Zkvm.Air.V2.Cpu Zkvm.Air.V2.Cpu.Col
open Zkvm.Air.V2.Exec (Tables ExecBalanced HaltBalanced IoBalanced)
open Zkvm.Air.V2.Step (progMsg progTable)

/-- Every access of a witness is at a positive time (4 clk + 1 … 4 clk + 4). -/
theorem witnessAccs_pos (cpu mem sys io : List (Row BabyBear)) :
    ∀ a ∈ witnessAccs cpu mem sys io, 0 < a.ts := by
  intro a ha
  rcases mem_witnessAccs ha with ⟨r, -, ha'⟩ | ⟨rm, -, ha'⟩ | ⟨rs, -, ha'⟩ | ⟨ri, -, ha'⟩
  · rcases mem_cpuAccesses ha' with ⟨-, rfl | rfl⟩ | ⟨-, rfl⟩ <;>
      simp only [rs1Access, rs2Access, rdAccess] <;> omega
  · unfold memAccesses at ha'; split at ha'
    · simp only [List.mem_singleton] at ha'; subst ha'; simp only [memAccess]; omega
    · cases ha'
  · unfold syscallAccesses at ha'
    simp only [List.mem_append] at ha'
    rcases ha' with (ha' | ha') | ha' <;> split at ha' <;>
      simp only [List.mem_cons, List.not_mem_nil, or_false] at ha'
    all_goals first
      | (rcases ha' with rfl | rfl <;> simp only [bufAccess, lenAccess] <;> omega)
      | (subst ha'; simp only [curAccess, outAccess]; omega)
      | cases ha'
  · unfold ioAccesses at ha'; split at ha'
    · simp only [List.mem_singleton] at ha'; subst ha'; simp only [ioAccess]; omega
    · cases ha'

/-- **The whole run from the bus** (docs/air.md §12.3): `run_io` with its ports, port 3, EXEC
receives, halting row, ECALL joins (reads of fd 0 and fd 3, writes), output and input bytes,
private bytes and length and exit, every table's lookups, the PROG lookups and the memory
argument's balance derived from the bus facts (`Exec.BusFacts`, from one bus or from the
segments' buses) and the PRIV and PLEN messages' net multiplicities, and the written values being
word limbs (`WordWrites`) from the boundary rows' initial limbs (`hbnd`), over the accesses the
rows make: the run halts with the claimed exit code after N cycles, its output is the claimed output,
it consumed `consumed` input bytes and `pcons` private input bytes. -/
theorem run_of_bus {T : Tables}
    {ssent srcvd : List (List BabyBear)}
    (hstag : ∀ m ∈ ssent ++ srcvd, m.head? ≠ some 10 ∧ m.head? ≠ some 11 ∧ m.head? ≠ some 13)
    (hrange : ∀ ri ∈ T.io, Io.real ri = 1 →
      (ri Io.Col.wa).val < 2 ^ 28 ∧ Io.firstPos ri < 2 ^ 30)
    {wins : Nat → Window BabyBear} {N : Nat} (hrr : RunRows T wins N)
    {bnd : List (Boundary Cell Val)} {init : Cell → Val}
    (hbS : (memSends (bndFractions T) ++ Exec.withTag 2 ssent).Perm
      (bnd.map (enc ∘ Boundary.send)))
    (hbR : (memRecvs (bndFractions T) ++ Exec.withTag 2 srcvd).Perm
      (bnd.map (enc ∘ Boundary.recv)))
    (hts : ∀ x ∈ sent (witnessAccs T.cpu T.mem T.sys T.io) bnd ++
      received (witnessAccs T.cpu T.mem T.sys T.io) bnd, x.2.2 < Zkvm.Field.P)
    (hcpuAcc : (T.cpu.flatMap cpuAccesses).Perm
      (((List.range N).map fun m => (wins m).cur).flatMap cpuAccesses))
    (hN27 : N ≤ 2 ^ 27)
    (hcells : (bnd.map (·.cell)).Nodup)
    (hinit : ∀ b ∈ bnd, init b.cell = b.init)
    (hbnd : ∀ b ∈ bnd, b.cell.1 ≠ 3 → Limbs b.init)
    {L : Layout}
    (hallow : ∀ b ∈ bnd, IsWordCell b.cell → ∀ a : Word, a.toNat / 4 = b.cell.2.val →
      L.mapped a = true ∧ (b.cell.1 = 1 → L.writable a = true))
    (h30 : ∀ b ∈ bnd, IsWordCell b.cell → b.cell.2.val < 2 ^ 30)
    (hone : ∀ b ∈ bnd, ∀ b' ∈ bnd, IsWordCell b.cell → IsWordCell b'.cell →
      b.cell.2 = b'.cell.2 → b.cell = b'.cell)
    {code : List (UInt32 × UInt32)}
    (hcode : ∀ p ∈ code, p.1.toNat < 2 ^ 30) (hcode4 : ∀ p ∈ code, p.1.toNat % 4 = 0)
    (hF : Exec.BusFacts T ssent srcvd code)
    (hop : ∀ n, n + 1 < N → ((wins n).cur op).val = 36 →
      ((wins n).cur aLo).val = 64 ∨ ((wins n).cur aLo).val = 63)
    {inp : List Byte} (hpub : ∀ rs ∈ T.sys, ∃ pub : Row BabyBear, Syscall.Groups rs pub ∧
      pub Syscall.pvInputLen = ((inp.length : Nat) : BabyBear))
    {out input : List BabyBear} {consumed : Nat}
    (hout : ∀ m ∈ srcvd, m.head? = some 9 → m ∈ Zkvm.Air.BusLookups.outputReceives out)
    (hinB : ∀ m ∈ ssent, m.head? = some 8 → m ∈ Zkvm.Air.BusLookups.inputSends input consumed)
    (hinput : ∀ k, input.getD k 0 = (((inp.getD k 0).toNat : Nat) : BabyBear))
    (hcons : consumed ≤ inp.length) (hinlen : inp.length < 2 ^ 30)
    (hpstmt : ∀ m ∈ ssent ++ srcvd, m.head? ≠ some 14 ∧ m.head? ≠ some 15)
    (hpnet : ∀ m, m.head? = some 14 ∨ m.head? = some 15 →
      Exec.net m (Exec.busFractions T ssent srcvd []) = 0)
    (hpfew : ∀ m, m.head? = some 14 ∨ m.head? = some 15 →
      (Exec.carrying m (Exec.busFractions T ssent srcvd [])).length < 2013265921)
    {priv : List Byte} {pcons : Nat}
    (hprivRows : ∀ r ∈ T.priv, r Private.Col.real = 1 → (r Private.Col.j).val < pcons ∧
      r Private.Col.byte = (((priv.getD (r Private.Col.j).val 0).toNat : Nat) : BabyBear))
    (hprivLen : ∀ r ∈ T.priv, r Private.Col.mlen ≠ 0 →
      r Private.Col.plen = ((priv.length : Nat) : BabyBear))
    (hpcons : pcons ≤ priv.length) (hplen30 : priv.length < 2 ^ 30)
    (hfinal : ∃ b ∈ bnd, b.cell = ((3 : BabyBear), (1 : BabyBear)) ∧
      b.final = (((out.length : Nat) : BabyBear), 0))
    (hfinalIn : ∃ b ∈ bnd, b.cell = ((3 : BabyBear), (0 : BabyBear)) ∧
      b.final = (((consumed : Nat) : BabyBear), 0))
    (hfinalPriv : ∃ b ∈ bnd, b.cell = ((3 : BabyBear), (2 : BabyBear)) ∧
      b.final = (((pcons : Nat) : BabyBear), 0))
    (houtlen : out.length ≤ maxOutputLen)
    {lo hi cycles : BabyBear}
    (hexit : ∀ m ∈ srcvd, m.head? = some 12 → m = [12, lo, hi, cycles])
    {s₀ : State}
    (h0 : Inv wins (witnessAccs ((List.range N).map fun m => (wins m).cur) T.mem T.sys T.io) init
      bnd code L 0 s₀)
    (ho0 : OutInv (witnessAccs ((List.range N).map fun m => (wins m).cur) T.mem T.sys T.io)
      init out 0 s₀)
    (hi0 : InInv (witnessAccs ((List.range N).map fun m => (wins m).cur) T.mem T.sys T.io) init
      inp consumed 0 s₀)
    (hp0 : PrivInv (witnessAccs ((List.range N).map fun m => (wins m).cur) T.mem T.sys T.io) init
      priv pcons 0 s₀) :
    ∃ s, run N s₀ = .ok s ∧ s.exitCode = some (WordLimbs.ofFelts lo hi) ∧
      cycles = ((N : Nat) : BabyBear) ∧
      s.output.map (fun b => ((b.toNat : Nat) : BabyBear)) = out ∧ s.inputPos = consumed ∧
      s.privatePos = pcons := by
  have hrr' := hrr
  have hF' := hF
  obtain ⟨hrows, hN, hreal, hin, hreq, hnd, hhb, hhaltN⟩ := hrr
  obtain ⟨hok, hbools, hbus, hlk, hlkio, hlkcpu', hprogT⟩ := hF
  have hlkcpu : ∀ n < N, Cpu.Lookups (wins n).cur := fun n hn => hlkcpu' _ (hin n hn)
  -- the memory argument's balance: the MEM messages read as the accesses and boundary rows
  have hmbal : Balanced (witnessAccs ((List.range N).map fun m => (wins m).cur) T.mem T.sys T.io)
      bnd :=
    balanced_of_perm (witnessAccs_perm hcpuAcc)
      (memory_balanced_of_counts hok hbools
        (fun m hm => hbus m ⟨2, by simp [Exec.countedTags], hm⟩) hbS hbR hts)
  -- every run row's PROG message is in the program table
  have hprog : ∀ n < N, progMsg ((wins n).cur) ∈ progTable code := fun n hn =>
    hprogT _ (hin n hn) (hreal n hn)
  obtain ⟨hexec, hhalt, hiob⟩ := Exec.balances_of_bus hbus hstag
  have hcausal := causal_of_bus hok hlk hexec hiob hrange hlkio hrows hN27 hreal hlkcpu hreq hmbal
  have hh := hypotheses_of hmbal hcausal (witnessAccs_pos _ _ _ _) hcells
  -- written values are word limbs, by induction on time: the rd port's value by instruction
  -- class, the MEM rows' inputs, the IO read rows' bytes, the boundary rows' initial values
  have hwf : WordWrites (witnessAccs ((List.range N).map fun m => (wins m).cur) T.mem T.sys
      T.io) :=
    wordWrites_of_bus_io hF' hinB hinput hcons hinlen hpstmt hpnet hpfew hprivRows hh hbnd
      (rd_of_bus_full hF' hexec hrr' hcode) (memIn_of_bus hF' hexec hrr')
  have hregB : ∀ b ∈ bnd, b.cell.1 = 0 → b.init.1.val < 2 ^ 16 ∧ b.init.2.val < 2 ^ 16 :=
    fun b hb h0 => hbnd b hb (by rw [h0]; decide)
  have hcons' : consumed < 2013265921 := by omega
  obtain ⟨honly, hsent⟩ := Exec.exit_of_bus hok hhb hexit (hin (N - 1) (by omega)) hhaltN
  -- register reads are limbs: every write outside the I/O cursors is, and so is every register's
  -- initial value
  have hregR : ∀ a ∈ witnessAccs ((List.range N).map fun m => (wins m).cur) T.mem T.sys T.io,
      a.cell.1 = 0 → a.read.1.val < 2 ^ 16 ∧ a.read.2.val < 2 ^ 16 :=
    read_of_writes (Q := fun c : Cell => c.1 = 0)
      (P := fun v : Val => v.1.val < 2 ^ 16 ∧ v.2.val < 2 ^ 16) hh
      (fun a ha hq => hwf a ha (by rw [hq]; decide)) hregB
  -- the last row halts, so it is an exit ECALL
  obtain ⟨hlast, ha7, hahi⟩ := Exec.halt_is_exit hok hexec hhalt hhb (hin (N - 1) (by omega))
    (dist_of_run hrows hreq (by omega)) hhaltN
  -- so it has f_exec, writes nothing at its port 3, and no access is later than 4N
  have hx : (wins (N - 1)).cur Cpu.Col.fExec = 1 := by
    obtain ⟨p, -, i, -, hruns, -⟩ := Step.runs_of_prog code hcode (hprog (N - 1) (by omega))
    exact exec_of_ecall (hrows.groups (N - 1) (by omega)) hruns hlast
  have hexit4 := exit4_of_bus hok hlk hexec hiob hnd hrange hrows hN hin hreq hx hlast ha7
    (cpu := (List.range N).map fun m => (wins m).cur)
  have hafter := after_of_bus hok hexec hiob hrange hrows hreq
  -- the private input's bytes and length: the PRIV and PLEN messages a table receives are the
  -- PRIVATE rows'
  have hprivB : ∀ (pos : Nat) (b : BabyBear), pos < 2013265921 →
      [14, ((pos : Nat) : BabyBear), b] ∈ T.rcvd →
        pos < pcons ∧ b = (((priv.getD pos 0).toNat : Nat) : BabyBear) := by
    intro pos b hp hm
    obtain ⟨r, hr, h1, e⟩ := Exec.priv_of_net hok hbools hpstmt hm rfl
      (hpnet _ (Or.inl rfl)) (hpfew _ (Or.inl rfl))
    simp only [List.cons.injEq] at e
    obtain ⟨-, ej, eb, -⟩ := e
    have hv : (r Private.Col.j).val = pos := by rw [← ej]; exact Mem.val_cast hp
    obtain ⟨hlt, hby⟩ := hprivRows r hr h1
    rw [hv] at hlt hby
    exact ⟨hlt, eb.trans hby⟩
  have hplenB : ∀ x : BabyBear, [15, x] ∈ T.rcvd → x = ((priv.length : Nat) : BabyBear) := by
    intro x hm
    obtain ⟨r, hr, h1, e⟩ := Exec.plen_of_net hok hbools hpstmt hm rfl
      (hpnet _ (Or.inr rfl)) (hpfew _ (Or.inr rfl))
    simp only [List.cons.injEq] at e
    rw [e.2.1]; exact hprivLen r hr h1
  exact run_io hrows hN hh hinit hwf hallow h30 hone hcode hcode4 hprog
    (ports_of_rows hrows hreal (fun rm hrm => hok.mem rm hrm) (fun ri hri => hok.io ri hri))
    (fun n hn => port3_of_run hok hlk hexec hiob hnd hrange hrows hin hreq hcode hprog n
      (by omega))
    (fun n hn hx => Exec.cpu_request_received hok hlk hexec (hin n hn) hx) hop
    (writeJoins_of_run hok hlk hexec hiob hnd hrange hlkio hregR hrows hin hreq hcode hprog)
    (readJoins_of_run hok hlk hexec hiob hnd hrange hlkio hregR hh.2.2.2.1 hpub hrows hin hreq
      hcode hprog)
    (Exec.output_of_bus hok hbus (by have : maxOutputLen = 256 * 2 ^ 20 := rfl; omega) hout)
    (Exec.input_of_bus hok hbus hcons' hinB) hinput hcons hinlen hprivB hplenB hpcons hplen30 hlast ⟨ha7, hahi⟩ hexit4 hafter hfinal hfinalIn hfinalPriv houtlen (Exec.withTag_balanced hbus (t := 12) (by simp [Exec.countedTags]))
    (fun m hm h12 => honly m (Exec.mem_withTag.mp hm).1 h12)
    (Exec.mem_withTag.mpr ⟨hsent, rfl⟩) h0 ho0 hi0 hp0

end Zkvm.Air.V2.Run

end
