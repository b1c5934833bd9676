module

public import Zkvm.Air.V2.RunBusWhole
public import Zkvm.Air.V2.RunTimes
public import Zkvm.Air.V2.RunBoundaryFacts
public import Zkvm.Air.V2.RunPrivateBus
public import Zkvm.Air.V2.RunPrivateTrace
public import Zkvm.Air.V2.RunHaltOnly
public import Zkvm.Air.V2.RunTraceBus

/-!
# The whole run, instantiated at the verifier's statement and the witness's boundary

`run_of_bus` is stated over any statement messages and any boundary rows. This file takes the
ones the protocol fixes — the verifier's statement messages for public values `pv`, input and
output (`Exec.stmtSent`, `Exec.stmtRcvd`: `Spec.Statement.sends`, `receives`) and the witness's
boundary rows (`witnessBnd`: the real BOUNDARY rows', then the three I/O cursors' closed by the
statement at time 4 · cycles and by the PRIVATE end row) — for one segment with one bus
(`Exec.Bus`: every message's net multiplicity 0 with fewer than p fractions each), and discharges
every hypothesis of `run_of_bus` that the statement, the bus, the BOUNDARY and PRIVATE traces and
the program's named facts give (`run_of_witness`):

* the statement's messages by tag (`stmt_tags`, `stmt_input`, `stmt_output`, `stmt_exit`,
  `stmt_no_priv`, `stmt_no_prog`, `stmt_no_img`) and its cursor messages (`stmt_mem_sends`,
  `stmt_mem_rcvd`) as the boundary rows' (`boundary_sends`, `boundary_recvs`);
* the bus facts (`facts_of_bus`), the PRIV and PLEN net multiplicities (the FIXED rows carry
  neither), every time below p (`hts_of_witness`);
* the boundary rows' facts (`witnessBnd_of_bus`, under `ImageBounds`, `OneCellPerWord`,
  `ImageAllowed`), their initial limbs outside space 3 (`witnessBnd_init_limbs_of_bus`, from
  which `run_of_bus` derives `WordWrites`) and final cursors (`witnessBnd_final`,
  `witnessBnd_final_priv`);
* the private input read off the PRIVATE trace (`privFacts_of_carries`).

The conclusion is the semantics' run: it halts with the exit code of the public values after
`cycles` steps, with exactly the claimed output, having consumed the claimed number of input
bytes and read the private input up to its end row. What it still takes (proofs-status.md, the
whole run): the run's rows in the CPU table, their accesses and the only halting row being the
last (from the CPU trace: `runRows_of_trace`, `cpuAcc_of_trace`, `haltOnly_of_trace`; with it every
earlier ECALL is a read or a write, `hop_of_bus`), the IO rows' address range, the
output caps, the statement's consistency with
the input and output lengths (what the verifier's statement check gives), and the initial state
(`h0`, `ho0`, `hi0`, `hp0`, with `init` the boundary rows' initial values).
-/

@[expose] public section

noncomputable section

namespace Zkvm.Air.V2.Run

open Zkvm.Field Zkvm.RiscV Zkvm.Air.Table Zkvm.Air.Memory Zkvm.Air.V2.Cpu Zkvm.Air.V2.Cpu.Col
open Zkvm.Air.V2.Exec (Tables)
open Zkvm.Spec.Statement (pvExitLo pvExitHi pvCycles pvInputConsumed pvOutputLen)

/-- No row of the fixed table is a PRIV or PLEN message. -/
theorem fixed_no_priv {prows : List Spec.ProgramRow} {image : List Spec.ImageWord}
    {l : List BabyBear} (h : l ∈ Exec.fixedFelts prows image) :
    l.head? ≠ some 14 ∧ l.head? ≠ some 15 := by
  obtain ⟨m, hm, rfl⟩ := List.mem_map.mp h
  rcases Exec.mem_fixedRows hm with ⟨r, -, rfl⟩ | ⟨w, -, rfl⟩ | ⟨k, s, -, -, rfl⟩ | ⟨v, -, rfl⟩ |
    ⟨a, b, -, -, rfl⟩ <;>
    simp only [Spec.progMessage, Spec.imgMessage, Spec.pow2Message, List.map_cons,
      List.head?_cons, ne_eq, Option.some.injEq, Exec.felt] <;> decide

/-- A byte list's field-element image determines it. -/
theorem map_byte_inj : ∀ {a b : List Byte},
    a.map (fun x : Byte => ((x.toNat : Nat) : BabyBear)) =
      b.map (fun x : Byte => ((x.toNat : Nat) : BabyBear)) → a = b
  | [], [], _ => rfl
  | [], _ :: _, h => by simp at h
  | _ :: _, [], h => by simp at h
  | x :: a, y :: b, h => by
    simp only [List.map_cons, List.cons.injEq] at h
    have hx : x.toNat = y.toNat := by
      have e := congrArg BabyBear.val h.1
      have hx := x.isLt
      have hy := y.isLt
      rw [Mem.val_cast (by omega), Mem.val_cast (by omega)] at e
      exact e
    rw [BitVec.eq_of_toNat_eq hx, map_byte_inj h.2]

/-- The statement's bytes as field elements, read at `k`, are the semantics' bytes'. -/
theorem getD_map_toBitVec : ∀ (l : List UInt8) (k : Nat),
    (l.map Exec.byteFelt).getD k 0 =
      ((((l.map UInt8.toBitVec).getD k 0).toNat : Nat) : BabyBear)
  | [], k => by simp only [List.map_nil, List.getD_nil]; exact Felt.natCast_zero.symm
  | x :: l, 0 => by simp [Exec.byteFelt]
  | x :: l, k + 1 => by
    simp only [List.map_cons, List.getD_cons_succ]
    exact getD_map_toBitVec l k

/-- **The whole run, instantiated** (one segment): at the verifier's statement messages for
public values `pv`, input and output, and the witness's boundary rows, from one bus with the
FIXED rows of the fixed table of the program rows `prows` (decodings of `code`), the BOUNDARY and
PRIVATE traces, the program's named facts and the remaining hypotheses of `run_of_bus`, the
semantics' run of `N` steps halts with the exit code of `pv`, `pv`'s cycle count is `N`, the
output is exactly `output`, the input position is `pv`'s consumed count and the private position
is the PRIVATE end row's index. -/
theorem run_of_witness {T : Tables} {pv : List BabyBear} {input output : List UInt8}
    {fx : List (Zkvm.Air.V2.Cpu.Fraction BabyBear)}
    (hB : Exec.Bus T (Exec.stmtSent pv input) (Exec.stmtRcvd pv output) fx)
    {prows : List Spec.ProgramRow} {image : List Spec.ImageWord} {code : List (UInt32 × UInt32)}
    (hfxr : ∀ f ∈ fx, f.fields ∈ Exec.fixedFelts prows image)
    (hprows : ∀ r ∈ prows, ∃ p ∈ code, Spec.decodeRow p.1 p.2 = some r)
    (hxb : ∀ r ∈ T.cpu, r Cpu.Col.fExec = 0 ∨ r Cpu.Col.fExec = 1)
    (hrange : ∀ ri ∈ T.io, Io.real ri = 1 →
      (ri Io.Col.wa).val < 2 ^ 28 ∧ Io.firstPos ri < 2 ^ 30)
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
    (hn24 : n + 2 ^ 24 ≤ 2 ^ 30) (hend : endRows T = [tp.row n])
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
  have hstag := Exec.stmt_tags pv input output
  have hF : Exec.BusFacts T (Exec.stmtSent pv input) (Exec.stmtRcvd pv output) code :=
    Exec.facts_of_bus hB.ok hB.bools hB.net hB.few hB.stmt (Exec.stmt_no_prog pv input output)
      hB.range hfxr hprows hxb hrr.haltBool
  obtain ⟨hexec, hhalt, hiob⟩ := Exec.balances_of_bus hF.balanced hstag
  have hop := hop_of_bus hF.ok hF.looks hexec hhalt hrr.rows hrr.mem hho hcode
    (fun m hm => hF.prog _ (hrr.mem m hm) (hrr.real m hm))
  obtain ⟨hcells, -, hallow, h30, hone⟩ := witnessBnd_of_bus hB hbs hbT
    (stmt_no_img pv input output) hfxr hIB hOne hA (pv.getD pvInputConsumed 0)
    (pv.getD pvOutputLen 0) (4 * pv.getD pvCycles 0).val (tp.row n)
  obtain ⟨hprivRows, hprivLen, hpcons, hplen30, hjn⟩ :=
    privFacts_of_carries hps hpf hpT hB.carries hn hendn hn24
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
  have hts := hts_of_witness hB.ok hexec hiob hrange hrr.rows hrr.req (by omega) hcpuAcc
    (consumed := pv.getD pvInputConsumed 0) (outLen := pv.getD pvOutputLen 0)
    (BabyBear.val_lt (4 * pv.getD pvCycles 0)) (re := tp.row n)
  obtain ⟨hfinal, hfinalIn⟩ := witnessBnd_final T (pv.getD pvInputConsumed 0)
    (pv.getD pvOutputLen 0) (4 * pv.getD pvCycles 0).val (tp.row n)
  have hfinalPriv := witnessBnd_final_priv T (pv.getD pvInputConsumed 0)
    (pv.getD pvOutputLen 0) (4 * pv.getD pvCycles 0).val (tp.row n)
  rw [hjn] at hfinalPriv
  have hlenF : ((output.map Exec.byteFelt).length : BabyBear) = pv.getD pvOutputLen 0 := by
    rw [List.length_map, ← hout6]; exact Felt.natCast_val _
  obtain ⟨s, hrun, hexit, hcyc, hout, hin, hpriv⟩ := run_of_bus (T := T)
    (ssent := Exec.stmtSent pv input) (srcvd := Exec.stmtRcvd pv output) hstag hrange hrr
    (bnd := witnessBnd T (pv.getD pvInputConsumed 0) (pv.getD pvOutputLen 0)
      (4 * pv.getD pvCycles 0).val (tp.row n)) (init := init)
    (boundary_sends hB.bools (stmt_mem_sends pv input) _ _ _ _)
    (boundary_recvs hB.bools (stmt_mem_rcvd pv output) hend)
    hts hcpuAcc hN27 hcells hinit
    (witnessBnd_init_limbs_of_bus hB hbs hbT (stmt_no_img pv input output) hfxr hIB _ _ _ _)
    hallow h30 hone hcode hcode4 hF hop
    (inp := input.map UInt8.toBitVec) (by simpa only [List.length_map] using hpub)
    (out := output.map Exec.byteFelt) (input := input.map Exec.byteFelt)
    (consumed := (pv.getD pvInputConsumed 0).val)
    (Exec.stmt_output pv output (by have h : maxOutputLen < 2 ^ 32 := (by decide); omega))
    (Exec.stmt_input pv input) (getD_map_toBitVec input) (by simpa only [List.length_map] using hcons)
    (by simpa only [List.length_map] using hinlen)
    (Exec.stmt_no_priv pv input output) hpnet hpfew (priv := privOf tp n) (pcons := n)
    hprivRows hprivLen hpcons hplen30
    (by rw [hlenF]; exact hfinal)
    (by rw [Felt.natCast_val]; exact hfinalIn)
    hfinalPriv (by rw [List.length_map]; exact houtlen)
    (Exec.stmt_exit pv output) h0 ho0 hi0 hp0
  refine ⟨s, hrun, hexit, hcyc, map_byte_inj ?_, hin, hpriv⟩
  rw [hout, List.map_map]; rfl

/-- The boundary rows' initial values as a function of the cell (0 where no row has the cell). -/
def bndInit (bnd : List (Boundary Cell Val)) (c : Cell) : Val :=
  match bnd.find? (fun b => decide (b.cell = c)) with
  | some b => b.init
  | none => (0, 0)

/-- With distinct cells, `bndInit` is every boundary row's initial value at its cell. -/
theorem bndInit_spec : ∀ {bnd : List (Boundary Cell Val)}, (bnd.map (·.cell)).Nodup →
    ∀ b ∈ bnd, bndInit bnd b.cell = b.init
  | [], _, b, hb => by cases hb
  | b' :: rest, hnd, b, hb => by
    rw [List.map_cons, List.nodup_cons] at hnd
    unfold bndInit
    rcases List.mem_cons.mp hb with rfl | hb'
    · simp only [List.find?_cons, decide_true]
    · have hne : b'.cell ≠ b.cell := fun e => hnd.1 (e ▸ List.mem_map_of_mem hb')
      have ih := bndInit_spec hnd.2 b hb'
      unfold bndInit at ih
      simp only [List.find?_cons, hne, decide_false]
      exact ih

/-- **The whole run from one segment's traces** (`run_of_witness` with the CPU trace's facts):
the CPU table is a satisfying CPU trace of the last segment (CLK0 = 0, FINAL = 1) whose first R
rows are real and the rest padding; its run rows, their accesses, the only halting row and the
flags' booleans come from the trace (`runRows_of_trace`, `cpuAcc_of_trace`, `haltOnly_of_trace`,
`cpu_bits_of_trace`); the memory's initial contents are the boundary rows' initial values
(`bndInit`, `bndInit_spec` from their distinct cells). -/
theorem run_of_traces {T : Tables} {pv : List BabyBear} {input output : List UInt8}
    {fx : List (Zkvm.Air.V2.Cpu.Fraction BabyBear)}
    (hB : Exec.Bus T (Exec.stmtSent pv input) (Exec.stmtRcvd pv output) fx)
    {prows : List Spec.ProgramRow} {image : List Spec.ImageWord} {code : List (UInt32 × UInt32)}
    (hfxr : ∀ f ∈ fx, f.fields ∈ Exec.fixedFelts prows image)
    (hprows : ∀ r ∈ prows, ∃ p ∈ code, Spec.decodeRow p.1 p.2 = some r)
    (hrange : ∀ ri ∈ T.io, Io.real ri = 1 →
      (ri Io.Col.wa).val < 2 ^ 28 ∧ Io.firstPos ri < 2 ^ 30)
    {t : Trace BabyBear} {pub : Nat → BabyBear} (hs : t.Satisfies constraintFn pub)
    (hclk0 : pub Pv.clk0 = 0) (hf : pub Pv.final = 1) {N : Nat} (hNh : N ≤ t.height)
    (hN0 : 0 < N) (hN27 : N ≤ 2 ^ 27) (hreal : ∀ n < N, t.row n isReal = 1)
    (hpad : N = t.height ∨ t.row N isReal = 0) (hcT : T.cpu = (List.range t.height).map t.row)
    {tb : Trace BabyBear} {pb : Nat → BabyBear} (hbs : Boundary.Sat tb pb)
    (hbT : T.bnd = (List.range tb.height).map tb.row)
    (hIB : ImageBounds image pb) (hOne : OneCellPerWord image pb) {L : Layout}
    (hA : ImageAllowed L image pb)
    {tp : Trace BabyBear} {pp : Nat → BabyBear} (hps : Private.Sat tp pp)
    (hpf : pp Private.pvFinal = 1) (hpT : T.priv = (List.range tp.height).map tp.row)
    {n : Nat} (hn : n < tp.height) (hendn : tp.row n Private.Col.endRow = 1)
    (hn24 : n + 2 ^ 24 ≤ 2 ^ 30) (hend : endRows T = [tp.row n])
    (hcode : ∀ p ∈ code, p.1.toNat < 2 ^ 30) (hcode4 : ∀ p ∈ code, p.1.toNat % 4 = 0)
    (hpub : ∀ rs ∈ T.sys, ∃ pub : Row BabyBear, Syscall.Groups rs pub ∧
      pub Syscall.pvInputLen = ((input.length : Nat) : BabyBear))
    (hcons : (pv.getD pvInputConsumed 0).val ≤ input.length) (hinlen : input.length < 2 ^ 30)
    (hout6 : (pv.getD pvOutputLen 0).val = output.length)
    (houtlen : output.length ≤ maxOutputLen)
    {s₀ : State}
    (h0 : Inv (t.window pub) (witnessAccs ((List.range N).map fun m => (t.window pub m).cur) T.mem
      T.sys T.io) (bndInit (witnessBnd T (pv.getD pvInputConsumed 0) (pv.getD pvOutputLen 0)
        (4 * pv.getD pvCycles 0).val (tp.row n))) (witnessBnd T (pv.getD pvInputConsumed 0) (pv.getD pvOutputLen 0)
        (4 * pv.getD pvCycles 0).val (tp.row n)) code L 0 s₀)
    (ho0 : OutInv (witnessAccs ((List.range N).map fun m => (t.window pub m).cur)
      T.mem T.sys T.io) (bndInit (witnessBnd T (pv.getD pvInputConsumed 0) (pv.getD pvOutputLen 0)
        (4 * pv.getD pvCycles 0).val (tp.row n))) (output.map Exec.byteFelt) 0 s₀)
    (hi0 : InInv (witnessAccs ((List.range N).map fun m => (t.window pub m).cur) T.mem T.sys T.io)
      (bndInit (witnessBnd T (pv.getD pvInputConsumed 0) (pv.getD pvOutputLen 0)
        (4 * pv.getD pvCycles 0).val (tp.row n))) (input.map UInt8.toBitVec) (pv.getD pvInputConsumed 0).val 0 s₀)
    (hp0 : PrivInv (witnessAccs ((List.range N).map fun m => (t.window pub m).cur) T.mem T.sys
      T.io) (bndInit (witnessBnd T (pv.getD pvInputConsumed 0) (pv.getD pvOutputLen 0)
        (4 * pv.getD pvCycles 0).val (tp.row n))) (privOf tp n) n 0 s₀) :
    ∃ s, run N s₀ = .ok s ∧
      s.exitCode = some (WordLimbs.ofFelts (pv.getD pvExitLo 0) (pv.getD pvExitHi 0)) ∧
      pv.getD pvCycles 0 = ((N : Nat) : BabyBear) ∧ s.output = output.map UInt8.toBitVec ∧
      s.inputPos = (pv.getD pvInputConsumed 0).val ∧ s.privatePos = n :=
  run_of_witness hB hfxr hprows
    (fun r hr => (cpu_bits_of_trace hs hcT r hr).2.2) hrange
    (runRows_of_trace hs hclk0 hf hNh hN0 (by omega) hreal hpad hcT)
    (cpuAcc_of_trace hs hNh (fun i hi hih => by
      rcases hpad with h | h
      · omega
      · exact padding_of_le hs hi hih h) hcT)
    hN27 hbs hbT hIB hOne hA hps hpf hpT hn hendn hn24 hend hcode hcode4
    (haltOnly_of_trace hs hf hNh hreal hpad hcT) hpub hcons hinlen hout6 houtlen
    (bndInit_spec (witnessBnd_of_bus hB hbs hbT (stmt_no_img pv input output) hfxr hIB hOne hA
      _ _ _ _).1)
    h0 ho0 hi0 hp0

end Zkvm.Air.V2.Run

end
