module

public import Zkvm.Air.V2.RunSegsKey

/-!
# From an accepted receipt and any witness of its segments to the run

`run_of_receipt_segs` (RunSegsKey.lean) reads the segments' CPU traces as `Seg`s: a trace, its
public values and its number of real rows, real rows first (`Seg.Ok`). Every trace satisfying
the CPU constraints with at least one row is such a segment: its rows are real up to its last
real row (`Cpu.exists_lastReal`, `ok_of_lastReal`), so `segOf` reads it as one (`segOf_ok`).

`run_of_receipt_traces` states the whole run over the witness as the tables and traces alone:
for a key made from an ELF and a receipt the verifier accepts, and any witness of its segments —
the segment starts being the headers of the receipt's own segment proofs (its bytes carry
`encSegments segs`, `SegmentsImage` reads their headers) — one CPU trace per segment start, each with at least one row and satisfying the CPU constraints
with the public values the verifier hands that segment; every segment's tables satisfying their
constraints (the RANGE rows a satisfying RANGE trace), its local bus (`Exec.LocalBus`) with FIXED
rows of the key's fixed table (whose program rows are the ELF's ROM words decoded, by the key's own
check `check_program_rows`: `key_rows_decoded`), and the global bus with the statement; the last segment's
BOUNDARY and PRIVATE traces, the silent ones before; every table within the verifier's heights
(`Exec.SegHeights`) and fewer than p global fractions (`Exec.FewGlobal`) — the semantics' run of
the receipt's cycle
count from the key's state on the receipt's input and the PRIVATE rows' private input succeeds,
with the receipt's exit code, output and consumed count. The bounds on fractions a LogUp
argument needs, the CPU, PRIVATE and BOUNDARY booleans and the RANGE bound are derived here from
those (`segBus_of`). That the committed traces are such a witness, with the buses holding over
them, is the protocol's knowledge soundness (phase1.1–1.3), not this theorem's.
-/

set_option autoImplicit false

@[expose] public section

noncomputable section

namespace Zkvm.Air.V2.Run

open Zkvm.Field Zkvm.RiscV Zkvm.Air.Table Zkvm.Air.V2.Cpu Zkvm.Air.V2.Cpu.Col
open Zkvm.Air.V2.Exec (Tables)
open Zkvm.Spec.Segments (segmentPublicValues)
open Zkvm.Refinement.field (toU32)
open Zkvm.Spec.ReceiptVerifier (zeroIntervals receiptAccept receiptStatement)
open Zkvm.Spec.VerifyingKey (vkProgram)
open Zkvm.Air.V2.StmtFacts (tablePub)

open Classical in
/-- **A CPU trace as a segment**: its real rows are its rows up to its last real row (none when it
has no real row). -/
def segOf (t : Trace BabyBear) (pub : Nat → BabyBear) : Seg :=
  ⟨t, pub, if h : ∃ i, i < t.height ∧ LastReal t i then Classical.choose h + 1 else 0⟩

/-- **Every satisfying CPU trace with a row is a segment** (`Seg.Ok`). -/
theorem segOf_ok {t : Trace BabyBear} {pub : Nat → BabyBear}
    (hs : t.Satisfies constraintFn pub) (h0 : 0 < t.height) : (segOf t pub).Ok := by
  have h := exists_lastReal hs h0
  have e : (segOf t pub) = ⟨t, pub, Classical.choose h + 1⟩ := by
    unfold segOf
    rw [dif_pos h]
  rw [e]
  exact Seg.ok_of_lastReal hs (Classical.choose_spec h).1 (Classical.choose_spec h).2

/-- The public values a segment's tables read, by its index (`tablePub` of the verifier's). -/
def segPub (values : List UInt32) (starts : List (List UInt32)) (i : Nat) : Nat → BabyBear :=
  tablePub ((segmentPublicValues values starts i).getD [])

/-- The segments of a list of CPU traces, each with its index's public values. -/
def segsOf (values : List UInt32) (starts : List (List UInt32)) (cpus : List (Trace BabyBear)) :
    List Seg :=
  cpus.mapIdx fun i t => segOf t (segPub values starts i)

/-- **Program binding**: the program rows of a key `verifying_key` made are the Lean decoder's
rows of its ROM code words (`verifying_key_rows`, from the verifier's `check_program_rows`). -/
theorem key_rows_decoded {elf : List UInt8} {vk : Zkvm.Extracted.protocol.vk.VerifyingKey}
    (hvk : Zkvm.Extracted.receipt.verifying_key elf = .ok (.ok vk)) :
    ∀ r ∈ (vkProgram vk).rows.map Spec.specRow,
      ∃ p ∈ romCode ((vkProgram vk).image.map Spec.specWord), Spec.decodeRow p.1 p.2 = some r := by
  obtain ⟨prog, hair, hgood⟩ := Zkvm.Refinement.receipt.verifying_key_rows hvk
  have hprog : vkProgram vk = prog := by
    unfold vkProgram; rw [hair]
  rw [hprog]
  intro r hr
  obtain ⟨row, hrow, rfl⟩ := List.mem_map.mp hr
  obtain ⟨i, hi, rfl⟩ := List.getElem_of_mem hrow
  obtain ⟨_, w, hw, hrom, r', hd, he⟩ := hgood i hi
  refine ⟨(4 * w.wa, w.value), ?_, ?_⟩
  · simp only [romCode, List.mem_map, List.mem_filter, decide_eq_true_eq]
    refine ⟨Spec.specWord w, ⟨⟨w, hw, rfl⟩, ?_⟩, rfl⟩
    show w.space.toNat = 2
    rw [hrom]; rfl
  · rw [he, UInt32.mul_comm]
    exact hd

/-- **The whole run from an accepted receipt and any witness of its segments**. -/
theorem run_of_receipt_traces {H : List UInt8 → Zkvm.Commit.Digest} {elf : List UInt8}
    {vk : Zkvm.Extracted.protocol.vk.VerifyingKey}
    (hvk : Zkvm.Extracted.receipt.verifying_key elf = .ok (.ok vk))
    {vkD : Zkvm.Commit.Digest} {bytes : List UInt8} {vr : Zkvm.Extracted.receipt.VerifiedRun}
    (hacc : receiptAccept H vk vkD bytes vr) :
    ∃ (st : Zkvm.Spec.Statement) (starts : List (List UInt32)),
      receiptStatement vkD (vkProgram vk) vr.exit_code vr.cycles vr.input_consumed vr.input
        vr.output = .ok st ∧
      (∃ proof segs hdrs views, Zkvm.Spec.ReceiptVerifier.ReceiptBytes bytes vr.exit_code
          vr.cycles vr.input_consumed vr.input vr.output proof ∧
        proof = Zkvm.Spec.ProofFormat.encSegments segs ∧
        Zkvm.Spec.ReceiptVerifier.SegmentsImage segs hdrs views ∧ starts = hdrs.map (·.values)) ∧
      ∀ {cpus : List (Trace BabyBear)} (_hlen : cpus.length = starts.length)
        (_hsat : ∀ i t, cpus[i]? = some t → 0 < t.height ∧ ∃ pv,
          segmentPublicValues (st.publicValues.map toU32) starts i = some pv ∧
            t.Satisfies constraintFn (tablePub pv))
        {preT : List Tables} {Tl T : Tables} (_hTU : T = Tables.union (preT ++ [Tl]))
        (_hcpu : T.cpu = cpus.flatMap fun t => (List.range t.height).map t.row)
        (_hfew : Exec.FewGlobal T (Exec.stmtSent st.publicValues vr.input)
          (Exec.stmtRcvd st.publicValues vr.output))
        (_hseg : ∀ T' ∈ preT ++ [Tl], ∃ fx, Exec.LocalBus T' fx ∧ Exec.SegHeights T' fx ∧
          ∀ f ∈ fx, f.fields ∈ Exec.fixedFelts ((vkProgram vk).rows.map Spec.specRow)
            ((vkProgram vk).image.map Spec.specWord))
        (_hgnet : ∀ m, Exec.GlobalMsg m →
          Exec.net m (Exec.busFractions T (Exec.stmtSent st.publicValues vr.input)
            (Exec.stmtRcvd st.publicValues vr.output) []) = 0)
        (_hsil : ∀ T' ∈ preT, Silent T')
        {tb : Trace BabyBear}
        (_hbs : Boundary.Sat tb (segPub (st.publicValues.map toU32) starts (starts.length - 1)))
        (_hbT : Tl.bnd = (List.range tb.height).map tb.row)
        {tp : Trace BabyBear}
        (_hps : Private.Sat tp (segPub (st.publicValues.map toU32) starts (starts.length - 1)))
        (_hpT : Tl.priv = (List.range tp.height).map tp.row)
        (_hsys : ∀ rs ∈ T.sys, ∃ i pv,
          segmentPublicValues (st.publicValues.map toU32) starts i = some pv ∧
            Syscall.Groups rs (tablePub pv)),
        ∃ n s, n < tp.height ∧ tp.row n Private.Col.endRow = 1 ∧
          run vr.cycles.toNat (keyState (vkProgram vk).entry
            ((vkProgram vk).image.map Spec.specWord)
            (romCode ((vkProgram vk).image.map Spec.specWord))
            (keyLayout ((vkProgram vk).image.map Spec.specWord) (zeroIntervals (vkProgram vk)))
            (vr.input.map UInt8.toBitVec) (privOf tp n)) = .ok s ∧
          s.exitCode = some vr.exit_code.toBitVec ∧
          s.output = vr.output.map UInt8.toBitVec ∧ s.inputPos = vr.input_consumed.toNat ∧
          s.privatePos = n := by
  obtain ⟨st, starts, hst, hne0, hstarts, hrun⟩ := run_of_receipt_segs hvk hacc
  refine ⟨st, starts, hst, hstarts, ?_⟩
  intro cpus hlen hsat preT Tl T hTU hcpu hfew hseg hgnet hsil tb hbs hbT tp hps hpT hsys
  -- the key's program rows are its ROM words decoded (check_program_rows)
  have hprows := key_rows_decoded hvk
  have hslen : (segsOf (st.publicValues.map toU32) starts cpus).length = starts.length := by
    simp only [segsOf, List.length_mapIdx, hlen]
  have hne : segsOf (st.publicValues.map toU32) starts cpus ≠ [] := by
    intro h
    rw [h, List.length_nil] at hslen
    omega
  have hsplit := List.dropLast_concat_getLast hne
  -- segment i is trace i with the verifier's public values for i
  have hget : ∀ i s, (segsOf (st.publicValues.map toU32) starts cpus)[i]? = some s →
      ∃ pv, segmentPublicValues (st.publicValues.map toU32) starts i = some pv ∧
        s.pub = tablePub pv ∧ s.Ok := by
    intro i s hs
    simp only [segsOf, List.getElem?_mapIdx, Option.map_eq_some_iff] at hs
    obtain ⟨t, ht, rfl⟩ := hs
    obtain ⟨h0, pv, hpv, hsat'⟩ := hsat i t ht
    refine ⟨pv, hpv, ?_, ?_⟩
    · show segPub _ _ i = _
      simp only [segPub, hpv, Option.getD_some]
    · have e : segPub (st.publicValues.map toU32) starts i = tablePub pv := by
        simp only [segPub, hpv, Option.getD_some]
      rw [e]
      exact segOf_ok hsat' h0
  -- the segments' rows are the traces'
  have hrows : ∀ (g : Nat → Nat → BabyBear) (l : List (Trace BabyBear)),
      (l.mapIdx fun i t => segOf t (g i)).flatMap Seg.rows =
        l.flatMap fun t => (List.range t.height).map t.row := by
    intro g l
    induction l generalizing g with
    | nil => rfl
    | cons t l ih =>
      rw [List.mapIdx_cons, List.flatMap_cons, List.flatMap_cons, ih]
      rfl
  -- the last segment's public values
  have hlastPub : ((segsOf (st.publicValues.map toU32) starts cpus).getLast hne).pub =
      segPub (st.publicValues.map toU32) starts (starts.length - 1) := by
    rw [List.getLast_eq_getElem]
    simp only [segsOf, List.getElem_mapIdx, List.length_mapIdx, hlen]
    rfl
  -- every segment's booleans, from its traces' constraints
  have hbools : ∀ T' ∈ preT ++ [Tl], Exec.Bools T' := by
    intro T' hT'
    refine ⟨fun r hr => ?_, ?_, ?_⟩
    · have hr' : r ∈ T.cpu := by
        rw [hTU]; exact Exec.Tables.mem_union_cpu.mpr ⟨T', hT', hr⟩
      rw [hcpu] at hr'
      obtain ⟨t, ht, hrt⟩ := List.mem_flatMap.mp hr'
      obtain ⟨i, hi⟩ := List.mem_iff_getElem?.mp ht
      obtain ⟨-, pv, -, hs⟩ := hsat i t hi
      have h3 := cpu_bits_of_trace hs
        (T := ⟨(List.range t.height).map t.row, [], [], [], [], [], [], [], [], [], []⟩) rfl r hrt
      exact ⟨h3.1, h3.2.1⟩
    · rcases List.mem_append.mp hT' with hpre | hl
      · obtain ⟨tp', pp', hs', -, hT''⟩ := (hsil T' hpre).priv
        exact priv_bits_of_trace hs' hT''
      · rw [List.mem_singleton.mp hl]; exact priv_bits_of_trace hps hpT
    · rcases List.mem_append.mp hT' with hpre | hl
      · obtain ⟨tb', pb', hs', -, hT''⟩ := (hsil T' hpre).bnd
        exact bnd_bits_of_trace hs' hT''
      · rw [List.mem_singleton.mp hl]; exact bnd_bits_of_trace hbs hbT
  rw [← hlastPub] at hbs hps
  have hio20 : (2 : Nat) ^ Zkvm.Extracted.air.rv32im.io.MAX_LOG_HEIGHT.toNat = 2 ^ 20 := rfl
  obtain ⟨n, s, hn, hendn, hrun', hexit, hcyc, hout, hin, hpriv⟩ :=
    hrun (pre := (segsOf (st.publicValues.map toU32) starts cpus).dropLast)
      (last := (segsOf (st.publicValues.map toU32) starts cpus).getLast hne)
      (by rw [hsplit, hslen])
      (fun i s hs => by
        rw [hsplit] at hs
        obtain ⟨pv, hpv, hpub, -⟩ := hget i s hs
        exact ⟨pv, hpv, hpub⟩)
      (fun s hs => by
        rw [hsplit] at hs
        obtain ⟨i, hi⟩ := List.mem_iff_getElem?.mp hs
        obtain ⟨-, -, -, hok⟩ := hget i s hi
        exact hok)
      rfl hTU (by rw [hsplit, hcpu]; exact (hrows _ cpus).symm) hfew
      (fun T' hT' => by
        obtain ⟨fx, hL, hH, hfx⟩ := hseg T' hT'
        exact ⟨fx, Exec.segBus_of hL hH (hbools T' hT') hfx hprows, hfx⟩) hprows hgnet
      (fun T' hT' => by
        obtain ⟨fx, -, hH, -⟩ := hseg T' hT'
        have := hH.io
        rw [hio20] at this
        omega) hsil hbs hbT hps hpT hsys
  rw [hcyc] at hrun'
  exact ⟨n, s, hn, hendn, hrun', hexit, hout, hin, hpriv⟩

end Zkvm.Air.V2.Run

end
