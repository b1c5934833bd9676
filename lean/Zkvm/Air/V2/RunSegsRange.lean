module

public import Zkvm.Air.V2.RunInstanceSegs
public import Zkvm.Air.V2.RunIoRange
public import Zkvm.Air.V2.RunIoPos
public import Zkvm.Air.V2.RunIoFd2
public import Zkvm.Air.V2.RunGlobalCount

/-!
# The whole run over segments, with the IO rows' word addresses and positions derived

`run_of_facts` and `run_of_witness_facts` (RunInstanceSegs.lean) with `hrange` replaced by a
count of IO rows, and no range of addresses or positions: `run_of_facts'` takes fewer than p / 4
IO rows (`hio`) and the first positions of the writes to fd 2 (`hpos2`), and derives wa < 2^28
from the memory bus (`io_wa_of_bus`), with the witness's boundary rows those of the tables `Tb`
whose BOUNDARY rows are the run's (`witnessBnd_28`), and the first positions of every other IO
row from its INPUT, OUTPUT or PRIV message (`hpos_of_facts`, RunIoPos.lean);
`run_of_witness_facts'` (one bus, fewer than 2^28 IO rows) gives `hpos2` from the writes' chains,
which start at 0 (`fd2_firstPos`, RunIoFd2.lean).

The whole run from any number of segments (`run_of_segments_from`, `run_of_segments`; their
hypotheses are listed in RunInstanceSegs.lean's module doc) is stated here, over `run_of_facts'`.
It bounds nothing over all segments together but what the verifier bounds: fewer than p global
fractions (`FewGlobal`, RunGlobalCount.lean, `stark::check_global_fractions`) give fewer than p
fractions per global message (`carrying_of_few`), fewer than p / 6 IO rows and fewer than p / 7
CPU rows, so the run's length is the claimed cycle count (`cycles_of_facts`), at most 2^27; the
writes to fd 2 have their first positions below 2^30 segment by segment, each segment having
fewer than 2^28 IO rows (`fd2_firstPos_segs`).
-/

@[expose] public section

noncomputable section

namespace Zkvm.Air.V2.Run

open Zkvm.Field Zkvm.RiscV Zkvm.Air.Table Zkvm.Air.Memory Zkvm.Air.V2.Cpu Zkvm.Air.V2.Cpu.Col
open Zkvm.Air.V2.Exec (Tables)
open Zkvm.Spec.Statement (pvExitLo pvExitHi pvCycles pvInputConsumed pvOutputLen)

/-- **The whole run from the bus facts, with the IO rows' word addresses derived**: `run_of_facts`
with `hrange` replaced by fewer than p / 4 IO rows (`hio`; wa < 2^28 from `io_wa_of_bus`) and the
first positions of the writes to fd 2 (`hpos2`; every other row's from its message,
`hpos_of_facts`). -/
theorem run_of_facts' {T : Tables} {pv : List BabyBear} {input output : List UInt8}
    {code : List (UInt32 × UInt32)}
    (hF : Exec.BusFacts T (Exec.stmtSent pv input) (Exec.stmtRcvd pv output) code)
    (hpnet : ∀ m, m.head? = some 14 ∨ m.head? = some 15 →
      Exec.net m (Exec.busFractions T (Exec.stmtSent pv input) (Exec.stmtRcvd pv output) []) = 0)
    (hpfew : ∀ m, m.head? = some 14 ∨ m.head? = some 15 →
      (Exec.carrying m (Exec.busFractions T (Exec.stmtSent pv input) (Exec.stmtRcvd pv output)
        [])).length < 2013265921)
    (hio : 4 * T.io.length < 2013265921)
    (hpos2 : ∀ ri ∈ T.io, Io.real ri = 1 → ri Io.Col.kWrite2 = 1 → Io.firstPos ri < 2 ^ 30)
    {wins : Nat → Window BabyBear} {N : Nat} (hrr : RunRows T wins N)
    (hcpuAcc : (T.cpu.flatMap cpuAccesses).Perm
      (((List.range N).map fun m => (wins m).cur).flatMap cpuAccesses))
    (hN27 : N ≤ 2 ^ 27)
    {Tb : Tables} {tb : Trace BabyBear} {pb : Nat → BabyBear} (hbs : Boundary.Sat tb pb)
    (hbT : Tb.bnd = (List.range tb.height).map tb.row)
    {prows : List Spec.ProgramRow} {image : List Spec.ImageWord} (hL : BndLooks Tb prows image)
    (hrb : realBnd T = realBnd Tb)
    (hIB : ImageBounds image pb) (hOne : OneCellPerWord image pb) {L : Layout}
    (hA : ImageAllowed L image pb)
    {re : Row BabyBear} (hend : endRows T = [re]) {priv : List Byte} {pcons : Nat}
    (hprivRows : ∀ r ∈ T.priv, r Private.Col.real = 1 → (r Private.Col.j).val < pcons ∧
      r Private.Col.byte = (((priv.getD (r Private.Col.j).val 0).toNat : Nat) : BabyBear))
    (hprivLen : ∀ r ∈ T.priv, r Private.Col.mlen ≠ 0 →
      r Private.Col.plen = ((priv.length : Nat) : BabyBear))
    (hpcons : pcons ≤ priv.length) (hplen30 : priv.length < 2 ^ 30)
    (hjn : (re Private.Col.j).val = pcons)
    (hcode : ∀ p ∈ code, p.1.toNat < 2 ^ 30) (hcode4 : ∀ p ∈ code, p.1.toNat % 4 = 0)
    (hho : HaltOnly T wins N)
    (hpub : ∀ rs ∈ T.sys, ∃ pub : Row BabyBear, Syscall.Groups rs pub ∧
      pub Syscall.pvInputLen = ((input.length : Nat) : BabyBear))
    (hcons : (pv.getD pvInputConsumed 0).val ≤ input.length) (hinlen : input.length < 2 ^ 30)
    (hout6 : (pv.getD pvOutputLen 0).val = output.length)
    (houtlen : output.length ≤ maxOutputLen)
    {init : Cell → Val}
    (hinit : ∀ b ∈ witnessBnd Tb (pv.getD pvInputConsumed 0) (pv.getD pvOutputLen 0)
      (4 * pv.getD pvCycles 0).val re, init b.cell = b.init)
    {s₀ : State}
    (h0 : Inv wins (witnessAccs ((List.range N).map fun m => (wins m).cur) T.mem T.sys T.io) init
      (witnessBnd Tb (pv.getD pvInputConsumed 0) (pv.getD pvOutputLen 0)
        (4 * pv.getD pvCycles 0).val re) code L 0 s₀)
    (ho0 : OutInv (witnessAccs ((List.range N).map fun m => (wins m).cur) T.mem T.sys T.io)
      init (output.map Exec.byteFelt) 0 s₀)
    (hi0 : InInv (witnessAccs ((List.range N).map fun m => (wins m).cur) T.mem T.sys T.io) init
      (input.map UInt8.toBitVec) (pv.getD pvInputConsumed 0).val 0 s₀)
    (hp0 : PrivInv (witnessAccs ((List.range N).map fun m => (wins m).cur) T.mem T.sys T.io) init
      priv pcons 0 s₀) :
    ∃ s, run N s₀ = .ok s ∧
      s.exitCode = some (WordLimbs.ofFelts (pv.getD pvExitLo 0) (pv.getD pvExitHi 0)) ∧
      pv.getD pvCycles 0 = ((N : Nat) : BabyBear) ∧ s.output = output.map UInt8.toBitVec ∧
      s.inputPos = (pv.getD pvInputConsumed 0).val ∧ s.privatePos = pcons := by
  have hwa : ∀ ri ∈ T.io, Io.real ri = 1 → (ri Io.Col.wa).val < 2 ^ 28 := by
    have hstag := Exec.stmt_tags pv input output
    obtain ⟨hexec, -, hiob⟩ := Exec.balances_of_bus hF.balanced hstag
    have hW : ∀ (c o : BabyBear) (ts : Nat),
        witnessBnd T c o ts re = witnessBnd Tb c o ts re := by
      intro c o ts
      unfold witnessBnd
      rw [hrb]
    have hts := hts_of_witness' hF.ok hexec hiob hio hrr.rows hrr.req (by omega) hcpuAcc
      (consumed := pv.getD pvInputConsumed 0) (outLen := pv.getD pvOutputLen 0)
      (BabyBear.val_lt (4 * pv.getD pvCycles 0)) (re := re)
    rw [hW] at hts
    have hbS := boundary_sends hF.bools (stmt_mem_sends pv input) (pv.getD pvInputConsumed 0)
      (pv.getD pvOutputLen 0) (4 * pv.getD pvCycles 0).val re
    rw [hW] at hbS
    have hbR := boundary_recvs hF.bools (stmt_mem_rcvd pv output) hend
    rw [hW] at hbR
    exact io_wa_of_bus hstag hrr hbS hbR hts hcpuAcc hN27 hio
      (witnessBnd_cells hbs hbT hL hIB _ _ _ _) (witnessBnd_28 hbs hbT hL hIB _ _ _ _) hF
  have hpos := hpos_of_facts hF hpnet hpfew hprivRows hpcons hplen30 hcons hinlen houtlen hpos2
  exact run_of_facts hF hpnet hpfew (fun ri hri h => ⟨hwa ri hri h, hpos ri hri h⟩) hrr hcpuAcc
    hN27 hbs hbT hL hrb hIB hOne hA hend hprivRows hprivLen hpcons hplen30 hjn hcode hcode4 hho
    hpub hcons hinlen hout6 houtlen hinit h0 ho0 hi0 hp0

/-- `run_of_witness_facts` with `hrange` replaced by `hio`. -/
theorem run_of_witness_facts' {T : Tables} {pv : List BabyBear} {input output : List UInt8}
    {fx : List (Zkvm.Air.V2.Cpu.Fraction BabyBear)}
    (hB : Exec.Bus T (Exec.stmtSent pv input) (Exec.stmtRcvd pv output) fx)
    {prows : List Spec.ProgramRow} {image : List Spec.ImageWord} {code : List (UInt32 × UInt32)}
    (hfxr : ∀ f ∈ fx, f.fields ∈ Exec.fixedFelts prows image)
    (hprows : ∀ r ∈ prows, ∃ p ∈ code, Spec.decodeRow p.1 p.2 = some r)
    (hxb : ∀ r ∈ T.cpu, r Cpu.Col.fExec = 0 ∨ r Cpu.Col.fExec = 1)
    (hio : T.io.length < 2 ^ 28)
    {wins : Nat → Window BabyBear} {N : Nat} (hrr : RunRows T wins N)
    (hcpuAcc : (T.cpu.flatMap cpuAccesses).Perm
      (((List.range N).map fun m => (wins m).cur).flatMap cpuAccesses))
    (hN27 : N ≤ 2 ^ 27)
    {tb : Trace BabyBear} {pb : Nat → BabyBear} (hbs : Boundary.Sat tb pb)
    (hbT : T.bnd = (List.range tb.height).map tb.row)
    (hIB : ImageBounds image pb) (hOne : OneCellPerWord image pb) {L : Layout}
    (hA : ImageAllowed L image pb)
    {tp : Trace BabyBear} {pp : Nat → BabyBear} (hps : Private.Sat tp pp)
    (hpf : pp Private.pvFinal = 1) (hpT : T.priv = (List.range tp.height).map tp.row)
    {n : Nat} (hn : n < tp.height) (hendn : tp.row n Private.Col.endRow = 1)
    (hn24 : n + 2 ^ 24 ≤ 2 ^ 30)
    (hcode : ∀ p ∈ code, p.1.toNat < 2 ^ 30) (hcode4 : ∀ p ∈ code, p.1.toNat % 4 = 0)
    (hho : HaltOnly T wins N)
    (hpub : ∀ rs ∈ T.sys, ∃ pub : Row BabyBear, Syscall.Groups rs pub ∧
      pub Syscall.pvInputLen = ((input.length : Nat) : BabyBear))
    (hcons : (pv.getD pvInputConsumed 0).val ≤ input.length) (hinlen : input.length < 2 ^ 30)
    (hout6 : (pv.getD pvOutputLen 0).val = output.length)
    (houtlen : output.length ≤ maxOutputLen)
    {init : Cell → Val}
    (hinit : ∀ b ∈ witnessBnd T (pv.getD pvInputConsumed 0) (pv.getD pvOutputLen 0)
      (4 * pv.getD pvCycles 0).val (tp.row n), init b.cell = b.init)
    {s₀ : State}
    (h0 : Inv wins (witnessAccs ((List.range N).map fun m => (wins m).cur) T.mem T.sys T.io) init
      (witnessBnd T (pv.getD pvInputConsumed 0) (pv.getD pvOutputLen 0)
        (4 * pv.getD pvCycles 0).val (tp.row n)) code L 0 s₀)
    (ho0 : OutInv (witnessAccs ((List.range N).map fun m => (wins m).cur) T.mem T.sys T.io)
      init (output.map Exec.byteFelt) 0 s₀)
    (hi0 : InInv (witnessAccs ((List.range N).map fun m => (wins m).cur) T.mem T.sys T.io) init
      (input.map UInt8.toBitVec) (pv.getD pvInputConsumed 0).val 0 s₀)
    (hp0 : PrivInv (witnessAccs ((List.range N).map fun m => (wins m).cur) T.mem T.sys T.io) init
      (privOf tp n) n 0 s₀) :
    ∃ s, run N s₀ = .ok s ∧
      s.exitCode = some (WordLimbs.ofFelts (pv.getD pvExitLo 0) (pv.getD pvExitHi 0)) ∧
      pv.getD pvCycles 0 = ((N : Nat) : BabyBear) ∧ s.output = output.map UInt8.toBitVec ∧
      s.inputPos = (pv.getD pvInputConsumed 0).val ∧ s.privatePos = n := by
  have hF : Exec.BusFacts T (Exec.stmtSent pv input) (Exec.stmtRcvd pv output) code :=
    Exec.facts_of_bus hB.ok hB.bools hB.net hB.few hB.stmt (Exec.stmt_no_prog pv input output)
      hB.range hfxr hprows hxb hrr.haltBool
  -- PRIV and PLEN: the FIXED rows carry neither, so the bus without them balances them
  have hfx0 : ∀ m, m.head? = some 14 ∨ m.head? = some 15 → ∀ f ∈ fx, f.fields ≠ m := by
    intro m hm f hf e
    have := fixed_no_priv (hfxr f hf)
    rw [e] at this
    rcases hm with h | h
    · exact this.1 h
    · exact this.2 h
  have hsplit : Exec.busFractions T (Exec.stmtSent pv input) (Exec.stmtRcvd pv output) fx =
      Exec.busFractions T (Exec.stmtSent pv input) (Exec.stmtRcvd pv output) [] ++ fx := by
    simp only [Exec.busFractions, List.append_nil]
  have hpnet : ∀ m, m.head? = some 14 ∨ m.head? = some 15 →
      Exec.net m (Exec.busFractions T (Exec.stmtSent pv input) (Exec.stmtRcvd pv output) []) =
        0 := by
    intro m hm
    have h := hB.net m
    rw [hsplit, Exec.net_append, Exec.net_eq_zero_of (hfx0 m hm)] at h
    rw [← h]; grind
  have hpfew : ∀ m, m.head? = some 14 ∨ m.head? = some 15 →
      (Exec.carrying m (Exec.busFractions T (Exec.stmtSent pv input) (Exec.stmtRcvd pv output)
        [])).length < 2013265921 := by
    intro m hm
    have h := hB.few m
    rw [hsplit] at h
    simp only [Exec.carrying, List.filter_append, List.length_append] at h ⊢
    omega
  obtain ⟨hprivRows, hprivLen, hpcons, hplen30, hjn⟩ :=
    privFacts_of_carries hps hpf hpT hB.carries hn hendn hn24
  -- the writes to fd 2: their first positions from their chains (fewer than 2^28 IO rows)
  have hpos2 : ∀ ri ∈ T.io, Io.real ri = 1 → ri Io.Col.kWrite2 = 1 → Io.firstPos ri < 2 ^ 30 := by
    obtain ⟨hexec, -, hiob⟩ := Exec.balances_of_bus hF.balanced (Exec.stmt_tags pv input output)
    exact fd2_firstPos hF.ok hexec hiob hio hrr
  exact run_of_facts' hF hpnet hpfew (by omega) hpos2 hrr hcpuAcc hN27 hbs hbT
    (bndLooks_of_bus hB hbs hbT (stmt_no_img pv input output) hfxr) rfl hIB hOne hA
    (endRows_of_trace hps hpf hpT hn hendn) hprivRows hprivLen hpcons hplen30 hjn hcode hcode4
    hho hpub hcons hinlen hout6 houtlen hinit h0 ho0 hi0 hp0

/-- **The writes to fd 2 have their first positions below 2^30, segment by segment**: an IO row
of the segments' union is one segment's, whose EXEC and IO messages balance on its own bus
(`seg_local_balanced`) and whose requesting CPU rows are among the union's, of distinct clks; with
fewer than 2^28 IO rows in that segment (its IO table has at most 2^20), `fd2_firstPos_of` applies
to the segment alone. No bound on the IO rows of all segments together is needed. -/
theorem fd2_firstPos_segs {Ts : List Tables} {prows : List Spec.ProgramRow}
    {image : List Spec.ImageWord} {code : List (UInt32 × UInt32)}
    (hseg : ∀ T' ∈ Ts, ∃ fx, Exec.SegBus T' fx ∧
      ∀ f ∈ fx, f.fields ∈ Exec.fixedFelts prows image)
    (hprows : ∀ r ∈ prows, ∃ p ∈ code, Spec.decodeRow p.1 p.2 = some r)
    (hioS : ∀ T' ∈ Ts, T'.io.length < 2 ^ 28)
    (hx : ∀ r ∈ (Tables.union Ts).cpu, r Cpu.Col.fExec = 0 ∨ r Cpu.Col.fExec = 1)
    (hhb : ∀ r ∈ (Tables.union Ts).cpu, r Cpu.Col.halt = 0 ∨ r Cpu.Col.halt = 1)
    (hnd : (((Tables.union Ts).cpu.filter fun r => decide (r Cpu.Col.fExec = 1)).map
      (· Cpu.Col.clk)).Nodup)
    (hdist : ∀ r ∈ (Tables.union Ts).cpu, r Cpu.Col.fExec = 1 →
      ∀ r' ∈ (Tables.union Ts).cpu, r' Cpu.Col.fExec = 1 →
        (r' Cpu.Col.clk).val = (r Cpu.Col.clk).val → r' = r) :
    ∀ ri ∈ (Tables.union Ts).io, Io.real ri = 1 → ri Io.Col.kWrite2 = 1 →
      Io.firstPos ri < 2 ^ 30 := by
  intro ri hri hreal hk2
  obtain ⟨T', hT', hri'⟩ := Exec.Tables.mem_union_io.mp hri
  obtain ⟨fx, hB, hfxr⟩ := hseg T' hT'
  have hcpuT : ∀ r ∈ T'.cpu, r ∈ (Tables.union Ts).cpu := fun r hr =>
    Exec.Tables.mem_union_cpu.mpr ⟨T', hT', hr⟩
  have hloc := Exec.seg_local_balanced hB (Exec.fixedFacts_of_rows code hfxr hprows).2.1
    (fun r hr => hx r (hcpuT r hr)) (fun r hr => hhb r (hcpuT r hr))
  have hexec : Exec.ExecBalanced T' := fun m hm =>
    hloc m ⟨10, by simp [Exec.countedTags], hm⟩ ⟨10, by simp [Exec.localTags], hm⟩
  have hiob : Exec.IoBalanced T' := fun m hm =>
    hloc m ⟨13, by simp [Exec.countedTags], hm⟩ ⟨13, by simp [Exec.localTags], hm⟩
  have hsub : T'.cpu.Sublist (Tables.union Ts).cpu := by
    show T'.cpu.Sublist (Ts.flatMap (·.cpu))
    rw [List.flatMap_def]
    exact List.sublist_flatten_of_mem (List.mem_map_of_mem hT')
  exact fd2_firstPos_of hB.ok hexec hiob (hioS T' hT')
    (List.Nodup.sublist ((hsub.filter _).map _) hnd)
    (fun r hr hx1 r' hr' hx1' hc => hdist r (hcpuT r hr) hx1 r' (hcpuT r' hr') hx1' hc)
    ri hri' hreal hk2

/-- **The whole run from any number of segments, from any initial state**: `run_of_segments`
with the memory argument's initial values `init` and the state `s₀` given by `hstart` from the
last segment's BOUNDARY lookups (`BndLooks`, which the theorem derives from that segment's bus):
`init` agrees with the witness's boundary rows and `s₀` meets the four invariants at row 0.
`run_of_segments` takes the boundary rows' own initial values (`bndInit`); the key's state takes
`keyInit` (RunSegsKey.lean). -/
theorem run_of_segments_from {pre : List Seg} {last : Seg} (hok : ∀ s ∈ pre ++ [last], s.Ok)
    (hnf : ∀ s ∈ pre, s.pub Cpu.Pv.final = 0) (hf : last.pub Cpu.Pv.final = 1)
    (hlink : Linked pre last) (hclk0 : (firstSeg pre last).pub Cpu.Pv.clk0 = 0)
    {N : Nat} (hNs : ((pre ++ [last]).map Seg.R).sum = N)
    {preT : List Tables} {Tl T : Tables} (hTU : T = Tables.union (preT ++ [Tl]))
    (hcpu : T.cpu = (pre ++ [last]).flatMap Seg.rows)
    {pv : List BabyBear} {input output : List UInt8}
    (hfew : Exec.FewGlobal T (Exec.stmtSent pv input) (Exec.stmtRcvd pv output))
    (hcycle : (pv.getD pvCycles 0).val ≤ 2 ^ 27)
    {prows : List Spec.ProgramRow} {image : List Spec.ImageWord} {code : List (UInt32 × UInt32)}
    (hseg : ∀ T' ∈ preT ++ [Tl], ∃ fx, Exec.SegBus T' fx ∧
      ∀ f ∈ fx, f.fields ∈ Exec.fixedFelts prows image)
    (hprows : ∀ r ∈ prows, ∃ p ∈ code, Spec.decodeRow p.1 p.2 = some r)
    (hgnet : ∀ m, Exec.GlobalMsg m →
      Exec.net m (Exec.busFractions T (Exec.stmtSent pv input) (Exec.stmtRcvd pv output) []) = 0)
    (hioS : ∀ T' ∈ preT ++ [Tl], T'.io.length < 2 ^ 28)
    (hsil : ∀ T' ∈ preT, Silent T')
    {tb : Trace BabyBear} {pb : Nat → BabyBear} (hbs : Boundary.Sat tb pb)
    (hbT : Tl.bnd = (List.range tb.height).map tb.row)
    (hIB : ImageBounds image pb) (hOne : OneCellPerWord image pb) {L : Layout}
    (hA : ImageAllowed L image pb)
    {tp : Trace BabyBear} {pp : Nat → BabyBear} (hps : Private.Sat tp pp)
    (hpf : pp Private.pvFinal = 1) (hpT : Tl.priv = (List.range tp.height).map tp.row)
    {n : Nat} (hn : n < tp.height) (hendn : tp.row n Private.Col.endRow = 1)
    (hn24 : n + 2 ^ 24 ≤ 2 ^ 30)
    (hcode : ∀ p ∈ code, p.1.toNat < 2 ^ 30) (hcode4 : ∀ p ∈ code, p.1.toNat % 4 = 0)
    (hpub : ∀ rs ∈ T.sys, ∃ pub : Row BabyBear, Syscall.Groups rs pub ∧
      pub Syscall.pvInputLen = ((input.length : Nat) : BabyBear))
    (hcons : (pv.getD pvInputConsumed 0).val ≤ input.length) (hinlen : input.length < 2 ^ 30)
    (hout6 : (pv.getD pvOutputLen 0).val = output.length)
    (houtlen : output.length ≤ maxOutputLen)
    {init : Cell → Val} {s₀ : State}
    (hstart : BndLooks Tl prows image →
      (∀ b ∈ witnessBnd Tl (pv.getD pvInputConsumed 0) (pv.getD pvOutputLen 0)
        (4 * pv.getD pvCycles 0).val (tp.row n), init b.cell = b.init) ∧
      Inv (joinSegs pre last.wins) (witnessAccs ((List.range N).map fun m =>
        (joinSegs pre last.wins m).cur) T.mem T.sys T.io) init
        (witnessBnd Tl (pv.getD pvInputConsumed 0) (pv.getD pvOutputLen 0)
          (4 * pv.getD pvCycles 0).val (tp.row n)) code L 0 s₀ ∧
      OutInv (witnessAccs ((List.range N).map fun m =>
        (joinSegs pre last.wins m).cur) T.mem T.sys T.io) init (output.map Exec.byteFelt) 0 s₀ ∧
      InInv (witnessAccs ((List.range N).map fun m => (joinSegs pre last.wins m).cur)
        T.mem T.sys T.io) init (input.map UInt8.toBitVec) (pv.getD pvInputConsumed 0).val 0 s₀ ∧
      PrivInv (witnessAccs ((List.range N).map fun m => (joinSegs pre last.wins m).cur)
        T.mem T.sys T.io) init (privOf tp n) n 0 s₀) :
    ∃ s, run N s₀ = .ok s ∧
      s.exitCode = some (WordLimbs.ofFelts (pv.getD pvExitLo 0) (pv.getD pvExitHi 0)) ∧
      pv.getD pvCycles 0 = ((N : Nat) : BabyBear) ∧ s.output = output.map UInt8.toBitVec ∧
      s.inputPos = (pv.getD pvInputConsumed 0).val ∧ s.privatePos = n := by
  subst hNs
  -- fewer than p / 7 CPU rows (the verifier's count of global fractions), so N < 2^30
  have hNp := segs_R_lt hok hcpu hfew
  -- the CPU rows: the run's rows, their accesses, the only halting row, f_exec boolean
  have hrr := runRows_of_segs hok hnf hf hlink hclk0 (by omega) hcpu
  have hcpuAcc : (T.cpu.flatMap cpuAccesses).Perm
      (((List.range ((pre ++ [last]).map Seg.R).sum).map
        fun m => (joinSegs pre last.wins m).cur).flatMap cpuAccesses) := by
    rw [hcpu]; exact cpuAcc_of_segs hok
  have hho := haltOnly_of_segs hok hnf hf hcpu
  have hxb := segs_fexec hok hcpu
  -- the bus facts from the segments' buses and the global sum
  subst hTU
  -- fewer than p fractions carry any global message (the verifier's count)
  have hgfew := Exec.carrying_of_few hfew
  have hF := Exec.facts_of_segments hseg hprows hgnet hgfew (stmt_no_local pv input output) hxb
    hrr.haltBool
  -- N is the claimed cycle count, which the verifier keeps at most 2^27
  have hN27 := run_le_of_cycles _ (by omega) (Exec.cycles_of_facts hF hrr) hcycle
  obtain ⟨hpnet, hpfew⟩ := Exec.privNet_of_global hgnet hgfew
  -- the last segment's bus gives its BOUNDARY and PRIVATE rows' lookups
  obtain ⟨fxl, hBl, hfxl⟩ := hseg Tl (List.mem_append_right _ (List.mem_singleton_self _))
  have hL := bndLooks_of_seg hBl hbs hbT hfxl
  obtain ⟨hprivRowsL, hprivLenL, hpcons, hplen30, hjn⟩ :=
    privFacts_of_carries hps hpf hpT hBl.carries hn hendn hn24
  -- the PRIVATE rows of the segments before the last are silent
  have hpre : ∀ r ∈ (Tables.union (preT ++ [Tl])).priv, r ∈ Tl.priv ∨
      (r Private.Col.real = 0 ∧ r Private.Col.mlen = 0) := by
    intro r hr
    obtain ⟨T', hT', hr⟩ := Exec.Tables.mem_union_priv.mp hr
    rcases List.mem_append.mp hT' with hT' | hT'
    · exact Or.inr ⟨((hsil T' hT').priv_rows r hr).1, ((hsil T' hT').priv_rows r hr).2.1⟩
    · rw [List.mem_singleton.mp hT'] at hr
      exact Or.inl hr
  have hprivRows : ∀ r ∈ (Tables.union (preT ++ [Tl])).priv, r Private.Col.real = 1 →
      (r Private.Col.j).val < n ∧ r Private.Col.byte =
        ((((privOf tp n).getD (r Private.Col.j).val 0).toNat : Nat) : BabyBear) := by
    intro r hr h1
    rcases hpre r hr with h | h
    · exact hprivRowsL r h h1
    · rw [h.1] at h1; exact absurd h1 (by decide)
  have hprivLen : ∀ r ∈ (Tables.union (preT ++ [Tl])).priv, r Private.Col.mlen ≠ 0 →
      r Private.Col.plen = (((privOf tp n).length : Nat) : BabyBear) := by
    intro r hr hm
    rcases hpre r hr with h | h
    · exact hprivLenL r h hm
    · exact absurd h.2 hm
  have hendU : endRows (Tables.union (preT ++ [Tl])) = [tp.row n] := by
    rw [endRows_segs hsil, endRows_of_trace hps hpf hpT hn hendn]
  -- fewer than p / 6 IO rows over all segments (the verifier's count); the writes to fd 2 have
  -- their first positions below 2^30 segment by segment
  have hio := Exec.io_of_few hfew
  have hpos2 := fd2_firstPos_segs hseg hprows hioS hxb hrr.haltBool hrr.nodup fun r hr hx => by
    obtain ⟨m, hm, rfl⟩ := hrr.req r hr hx
    exact dist_of_run hrr.rows hrr.req hm
  exact run_of_facts' hF hpnet hpfew (by omega) hpos2 hrr hcpuAcc hN27 hbs hbT hL (realBnd_segs hsil)
    hIB hOne hA hendU hprivRows hprivLen hpcons hplen30 hjn hcode hcode4 hho hpub hcons
    hinlen hout6 houtlen
    (hstart hL).1 (hstart hL).2.1 (hstart hL).2.2.1 (hstart hL).2.2.2.1 (hstart hL).2.2.2.2

/-- **The whole run from any number of segments**: segments `pre ++ [last]` (each a CPU trace
satisfying the CPU constraints with its real rows first, `Seg.Ok`; those of `pre` not final and
`last` final; each ending where the next starts; the first at clk 0; `N` real rows in all), the
run's tables `T` the union of the segments' tables `preT ++ [Tl]` (its CPU rows
the segments' rows in order), fewer than p global fractions (`FewGlobal`, the verifier's count)
and `pv`'s cycle count at most 2^27, each segment's bus over its local messages with FIXED rows of
the fixed table of `prows` (decodings of `code`), one sum over all segments and the verifier's
statement for the global messages (net multiplicity 0), the segments before the last silent
(BOUNDARY and PRIVATE traces with FINAL = 0), the last segment's BOUNDARY and PRIVATE traces as
in `run_of_traces`, and `run_of_traces`' remaining hypotheses (with fewer than 2^28 IO rows in
each segment, `hioS`, in place of the IO rows' ranges, which `run_of_facts'` derives): the
semantics' run of `N` steps from the joined segments' first state halts with the
exit code of `pv`, `pv`'s cycle count is `N`, the output is exactly `output`, the input position
is `pv`'s consumed count and the private position is the PRIVATE end row's index. -/
theorem run_of_segments {pre : List Seg} {last : Seg} (hok : ∀ s ∈ pre ++ [last], s.Ok)
    (hnf : ∀ s ∈ pre, s.pub Cpu.Pv.final = 0) (hf : last.pub Cpu.Pv.final = 1)
    (hlink : Linked pre last) (hclk0 : (firstSeg pre last).pub Cpu.Pv.clk0 = 0)
    {N : Nat} (hNs : ((pre ++ [last]).map Seg.R).sum = N)
    {preT : List Tables} {Tl T : Tables} (hTU : T = Tables.union (preT ++ [Tl]))
    (hcpu : T.cpu = (pre ++ [last]).flatMap Seg.rows)
    {pv : List BabyBear} {input output : List UInt8}
    (hfew : Exec.FewGlobal T (Exec.stmtSent pv input) (Exec.stmtRcvd pv output))
    (hcycle : (pv.getD pvCycles 0).val ≤ 2 ^ 27)
    {prows : List Spec.ProgramRow} {image : List Spec.ImageWord} {code : List (UInt32 × UInt32)}
    (hseg : ∀ T' ∈ preT ++ [Tl], ∃ fx, Exec.SegBus T' fx ∧
      ∀ f ∈ fx, f.fields ∈ Exec.fixedFelts prows image)
    (hprows : ∀ r ∈ prows, ∃ p ∈ code, Spec.decodeRow p.1 p.2 = some r)
    (hgnet : ∀ m, Exec.GlobalMsg m →
      Exec.net m (Exec.busFractions T (Exec.stmtSent pv input) (Exec.stmtRcvd pv output) []) = 0)
    (hioS : ∀ T' ∈ preT ++ [Tl], T'.io.length < 2 ^ 28)
    (hsil : ∀ T' ∈ preT, Silent T')
    {tb : Trace BabyBear} {pb : Nat → BabyBear} (hbs : Boundary.Sat tb pb)
    (hbT : Tl.bnd = (List.range tb.height).map tb.row)
    (hIB : ImageBounds image pb) (hOne : OneCellPerWord image pb) {L : Layout}
    (hA : ImageAllowed L image pb)
    {tp : Trace BabyBear} {pp : Nat → BabyBear} (hps : Private.Sat tp pp)
    (hpf : pp Private.pvFinal = 1) (hpT : Tl.priv = (List.range tp.height).map tp.row)
    {n : Nat} (hn : n < tp.height) (hendn : tp.row n Private.Col.endRow = 1)
    (hn24 : n + 2 ^ 24 ≤ 2 ^ 30)
    (hcode : ∀ p ∈ code, p.1.toNat < 2 ^ 30) (hcode4 : ∀ p ∈ code, p.1.toNat % 4 = 0)
    (hpub : ∀ rs ∈ T.sys, ∃ pub : Row BabyBear, Syscall.Groups rs pub ∧
      pub Syscall.pvInputLen = ((input.length : Nat) : BabyBear))
    (hcons : (pv.getD pvInputConsumed 0).val ≤ input.length) (hinlen : input.length < 2 ^ 30)
    (hout6 : (pv.getD pvOutputLen 0).val = output.length)
    (houtlen : output.length ≤ maxOutputLen)
    {s₀ : State}
    (h0 : Inv (joinSegs pre last.wins) (witnessAccs ((List.range N).map fun m =>
      (joinSegs pre last.wins m).cur) T.mem T.sys T.io)
      (bndInit (witnessBnd Tl (pv.getD pvInputConsumed 0) (pv.getD pvOutputLen 0)
        (4 * pv.getD pvCycles 0).val (tp.row n)))
      (witnessBnd Tl (pv.getD pvInputConsumed 0) (pv.getD pvOutputLen 0)
        (4 * pv.getD pvCycles 0).val (tp.row n)) code L 0 s₀)
    (ho0 : OutInv (witnessAccs ((List.range N).map fun m =>
      (joinSegs pre last.wins m).cur) T.mem T.sys T.io)
      (bndInit (witnessBnd Tl (pv.getD pvInputConsumed 0) (pv.getD pvOutputLen 0)
        (4 * pv.getD pvCycles 0).val (tp.row n))) (output.map Exec.byteFelt) 0 s₀)
    (hi0 : InInv (witnessAccs ((List.range N).map fun m => (joinSegs pre last.wins m).cur)
      T.mem T.sys T.io)
      (bndInit (witnessBnd Tl (pv.getD pvInputConsumed 0) (pv.getD pvOutputLen 0)
        (4 * pv.getD pvCycles 0).val (tp.row n))) (input.map UInt8.toBitVec)
      (pv.getD pvInputConsumed 0).val 0 s₀)
    (hp0 : PrivInv (witnessAccs ((List.range N).map fun m => (joinSegs pre last.wins m).cur)
      T.mem T.sys T.io)
      (bndInit (witnessBnd Tl (pv.getD pvInputConsumed 0) (pv.getD pvOutputLen 0)
        (4 * pv.getD pvCycles 0).val (tp.row n))) (privOf tp n) n 0 s₀) :
    ∃ s, run N s₀ = .ok s ∧
      s.exitCode = some (WordLimbs.ofFelts (pv.getD pvExitLo 0) (pv.getD pvExitHi 0)) ∧
      pv.getD pvCycles 0 = ((N : Nat) : BabyBear) ∧ s.output = output.map UInt8.toBitVec ∧
      s.inputPos = (pv.getD pvInputConsumed 0).val ∧ s.privatePos = n :=
  run_of_segments_from hok hnf hf hlink hclk0 hNs hTU hcpu hfew hcycle hseg hprows hgnet hioS
    hsil hbs hbT hIB hOne hA hps hpf hpT hn hendn hn24 hcode hcode4 hpub hcons hinlen hout6 houtlen (fun hL => ⟨bndInit_spec (witnessBnd_cells hbs hbT hL hIB _ _ _ _), h0, ho0, hi0, hp0⟩)

end Zkvm.Air.V2.Run

end
