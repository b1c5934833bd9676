module

public import Zkvm.Air.V2.RunJoins
public import Zkvm.Air.V2.RunWhole
public import Zkvm.Air.MemoryReads

/-!
# The whole run from the bus

`run_io` proves the run from named joins. This file discharges the joins the bus gives, over the
accesses the tables' rows make (`witnessAccs`): the ports of every row (`ports_of_rows`), port 3
(`port3_of_run`), the EXEC receives (`cpu_request_received`), the halting row being an exit
ECALL (`halt_is_exit`), the ECALLs' joins (`writeJoins_of_run`, `readJoins_of_run`), and the
register reads being limbs from the written values being limbs (`Memory.read_of_writes`).

`run_of_bus` keeps as hypotheses what is not yet derived (proofs-status.md, the whole run): the
balances of the EXEC, HALT and IO messages (what the LogUp argument gives per tag), the memory
argument's `Hypotheses` over the witness's accesses and `WordWrites`, the boundary table's word
cells, the PROG lookups into the program's words, the run's rows being the CPU table's requesting
rows (clk counts them), the last row halting, the statement's messages (EXIT, the OUTPUT and INPUT
bytes, the final cursors) and the state row 0 describes. ECALLs other than reads of fd 0, writes
and the final exit are not covered.
-/

@[expose] public section

noncomputable section

namespace Zkvm.Air.V2.Run

open Zkvm.Field Zkvm.RiscV Zkvm.Air.Table Zkvm.Air.Memory Zkvm.Air.V2.Cpu Zkvm.Air.V2.Cpu.Col
open Zkvm.Air.V2.Exec (Tables ExecBalanced HaltBalanced IoBalanced)
open Zkvm.Air.V2.Step (progMsg progTable)

/-- **The whole run from the bus** (docs/air.md §12.3): `run_io` with its ports, port 3, EXEC
receives, halting row and ECALL joins derived from the EXEC, HALT and IO messages balancing over
every table's rows, over the accesses the rows make. -/
theorem run_of_bus {T : Tables} (hok : T.Ok) (hlk : T.Looks) (hexec : ExecBalanced T)
    (hhalt : HaltBalanced T) (hiob : IoBalanced T)
    (hnd : ((T.cpu.filter fun r => decide (r fExec = 1)).map (· clk)).Nodup)
    (hrange : ∀ ri ∈ T.io, Io.real ri = 1 →
      (ri Io.Col.wa).val < 2 ^ 28 ∧ (ri Io.Col.base).val < 2 ^ 30)
    (hlkio : ∀ ri ∈ T.io, Io.Lookups ri)
    {wins : Nat → Window BabyBear} {N : Nat} (hrows : CpuRows wins 0 N) (hN : 0 < N)
    (hreal : ∀ n < N, (wins n).cur isReal = 1) (hin : ∀ n < N, (wins n).cur ∈ T.cpu)
    (hreq : ∀ r ∈ T.cpu, r fExec = 1 → ∃ m < N, r = (wins m).cur)
    (hhb : ∀ r ∈ T.cpu, r halt = 0 ∨ r halt = 1) (hhaltN : (wins (N - 1)).cur halt = 1)
    {bnd : List (Boundary Cell Val)} {init : Cell → Val}
    (hh : Hypotheses (witnessAccs ((List.range N).map fun m => (wins m).cur) T.mem T.sys T.io)
      bnd)
    (hinit : ∀ b ∈ bnd, init b.cell = b.init)
    (hwf : WordWrites (witnessAccs ((List.range N).map fun m => (wins m).cur) T.mem T.sys T.io))
    (hregB : ∀ b ∈ bnd, b.cell.1 = 0 → b.init.1.val < 2 ^ 16 ∧ b.init.2.val < 2 ^ 16)
    {L : Layout}
    (hallow : ∀ b ∈ bnd, IsWordCell b.cell → ∀ a : Word, a.toNat / 4 = b.cell.2.val →
      L.mapped a = true ∧ (b.cell.1 = 1 → L.writable a = true))
    (h30 : ∀ b ∈ bnd, IsWordCell b.cell → b.cell.2.val < 2 ^ 30)
    (hone : ∀ b ∈ bnd, ∀ b' ∈ bnd, IsWordCell b.cell → IsWordCell b'.cell →
      b.cell.2 = b'.cell.2 → b.cell = b'.cell)
    {code : List (UInt32 × UInt32)}
    (hcode : ∀ p ∈ code, p.1.toNat < 2 ^ 30) (hcode4 : ∀ p ∈ code, p.1.toNat % 4 = 0)
    (hprog : ∀ n < N, progMsg ((wins n).cur) ∈ progTable code)
    (hop : ∀ n, n + 1 < N → ((wins n).cur op).val = 36 →
      ((wins n).cur aLo).val = 64 ∨ ((wins n).cur aLo).val = 63)
    (hfd0 : ∀ n, n + 1 < N → ((wins n).cur op).val = 36 → ((wins n).cur aLo).val = 63 →
      ((wins n).cur bLo).val = 0)
    {pub : Row BabyBear} (hpub : ∀ rs ∈ T.sys, Syscall.Groups rs pub) {inp : List Byte}
    (hpv : pub Syscall.pvInputLen = ((inp.length : Nat) : BabyBear))
    {out input : List BabyBear} {consumed : Nat}
    (hout : ∀ (pos : Nat) (b : BabyBear), pos < 2013265921 →
      [9, ((pos : Nat) : BabyBear), b] ∈ T.sent → b = out.getD pos 0)
    (hinB : ∀ (pos : Nat) (b : BabyBear), pos < 2013265921 →
      [8, ((pos : Nat) : BabyBear), b] ∈ T.rcvd → pos < consumed ∧ b = input.getD pos 0)
    (hinput : ∀ k, input.getD k 0 = (((inp.getD k 0).toNat : Nat) : BabyBear))
    (hcons : consumed ≤ inp.length) (hinlen : inp.length < 2 ^ 30)
    (hcapN : written wins N ≤ maxOutputLen)
    (hexit4 : ∀ a ∈ witnessAccs ((List.range N).map fun m => (wins m).cur) T.mem T.sys T.io,
      a.ts = 4 * (N - 1) + 1 + 1 + 1 + 1 → a.write = a.read)
    (hafter : ∀ a ∈ witnessAccs ((List.range N).map fun m => (wins m).cur) T.mem T.sys T.io,
      a.ts < 4 * N + 1)
    (hfinal : ∃ b ∈ bnd, b.cell = ((3 : BabyBear), (1 : BabyBear)) ∧
      b.final = (((out.length : Nat) : BabyBear), 0))
    (hfinalIn : ∃ b ∈ bnd, b.cell = ((3 : BabyBear), (0 : BabyBear)) ∧
      b.final = (((consumed : Nat) : BabyBear), 0))
    (houtlen : out.length ≤ maxOutputLen)
    {lo hi cycles : BabyBear} {xsent xrcvd : List (List BabyBear)}
    (hxbal : Zkvm.Air.BusLookups.Balanced xsent xrcvd)
    (honly : ∀ m ∈ xrcvd, m.head? = some 12 → m = [12, lo, hi, cycles])
    (hsent : [12, (wins (N - 1)).cur bLo, (wins (N - 1)).cur bHi, (wins (N - 1)).cur clk + 1] ∈
      xsent)
    {s₀ : State}
    (h0 : Inv wins (witnessAccs ((List.range N).map fun m => (wins m).cur) T.mem T.sys T.io) init
      bnd code L 0 s₀)
    (ho0 : OutInv wins (witnessAccs ((List.range N).map fun m => (wins m).cur) T.mem T.sys T.io)
      init out 0 s₀)
    (hi0 : InInv (witnessAccs ((List.range N).map fun m => (wins m).cur) T.mem T.sys T.io) init
      inp consumed 0 s₀) :
    ∃ s, run N s₀ = .ok s ∧ s.exitCode = some (WordLimbs.ofFelts lo hi) ∧
      cycles = ((N : Nat) : BabyBear) ∧
      s.output.map (fun b => ((b.toNat : Nat) : BabyBear)) = out ∧ s.inputPos = consumed := by
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
  exact run_io hrows hN hh hinit hwf hallow h30 hone hcode hcode4 hprog
    (ports_of_rows hrows hreal (fun rm hrm => hok.mem rm hrm) (fun ri hri => hok.io ri hri))
    (fun n hn => port3_of_run hok hlk hexec hiob hnd hrange hrows hin hreq hcode hprog n
      (by omega))
    (fun n hn hx => Exec.cpu_request_received hok hlk hexec (hin n hn) hx) hop
    (writeJoins_of_run hok hlk hexec hiob hnd hrange hlkio hregR hrows hin hreq hcode hprog)
    (readJoins_of_run hok hlk hexec hiob hnd hrange hlkio hregR hh.2.2.2.1 hpub hpv hrows hin hreq
      hcode hprog hfd0)
    hout hinB hinput hcons hinlen hcapN hlast ⟨ha7, hahi⟩ hexit4 hafter hfinal hfinalIn houtlen
    hxbal honly hsent h0 ho0 hi0

end Zkvm.Air.V2.Run

end
