module

public import Zkvm.Air.V2.RunGlobalCount
public import Zkvm.Air.V2.RunSegmentsBus
public import Zkvm.Air.V2.RunInstanceSegs

/-!
# The PRIVATE table has exactly one end row, from the memory bus

The whole-run theorems read the private input up to the PRIVATE trace's end row n, the row whose
MEM receive closes the private cursor, cell (IO, 2), at its j. That such a row exists is not a
constraint of the PRIVATE table (a table of real rows only has none); it is the memory bus's:

* every access (CPU, MEM, SYSCALL, IO row) receives and sends one MEM message at one cell, and
  so does every real BOUNDARY row (its initial and final value);
* the statement sends the cursor's opening (IO, 2) ← 0 and receives no message at (IO, 2);
* a PRIVATE end row receives the cursor's close at (IO, 2), and PRIVATE rows send none.

Counting the MEM messages at cell (IO, 2) on both sides of a balanced bus, the accesses and the
BOUNDARY rows cancel, so the end rows are as many as the statement's openings: one
(`endRows_one`). Over segments the silent ones have none, so the last segment's PRIVATE trace
has exactly one end row n (`endRow_of_segs`), and n is below p / 3 by the verifier's count of
global fractions (every PRIVATE row has three global slots), so n + 2^24 ≤ 2^30, the bound the
private input's length needs.
-/

set_option autoImplicit false

@[expose] public section

noncomputable section

namespace Zkvm.Air.V2.Run

open Zkvm.Field Zkvm.Air.Table Zkvm.Air.Memory
open Zkvm.Air.V2.Exec (Tables)

/-- A MEM message at the private cursor's cell (IO, 2). -/
def atPriv (m : List BabyBear) : Bool := decide (m.take 3 = [2, 3, 2])

theorem atPriv_send (a : Access Cell Val) : atPriv (enc a.send) = atPriv (enc a.recv) := rfl

theorem atPriv_bnd (r : Row BabyBear) :
    atPriv (enc (Boundary.send (bndRec r))) = atPriv (enc (Boundary.recv (bndRec r))) := rfl

theorem cell30_ne : ¬ (([2, 3, 0] : List BabyBear) = [2, 3, 2]) := by decide

theorem cell31_ne : ¬ (([2, 3, 1] : List BabyBear) = [2, 3, 2]) := by decide

/-- Filtering a map by a test that does not tell two maps apart counts the same. -/
theorem length_filter_map_eq {α : Type} (f g : α → List BabyBear)
    (h : ∀ a, atPriv (f a) = atPriv (g a)) (l : List α) :
    ((l.map f).filter atPriv).length = ((l.map g).filter atPriv).length := by
  rw [List.filter_map, List.filter_map, List.length_map, List.length_map]
  congr 1
  exact List.filter_congr fun a _ => h a

/-- **One PRIVATE end row**: on a bus whose MEM messages balance, with the verifier's statement
(it opens the three cursors and closes (IO, 0) and (IO, 1)), the PRIVATE table has exactly one
end row. -/
theorem endRows_one {T : Tables} {pv : List BabyBear} {input output : List UInt8}
    {code : List (UInt32 × UInt32)}
    (hF : Exec.BusFacts T (Exec.stmtSent pv input) (Exec.stmtRcvd pv output) code) :
    (endRows T).length = 1 := by
  have hbal : ∀ m : List BabyBear, m.head? = some 2 →
      (T.sent ++ Exec.stmtSent pv input).count m = (T.rcvd ++ Exec.stmtRcvd pv output).count m :=
    fun m hm => hF.balanced m ⟨2, by simp [Exec.countedTags], hm⟩
  have hP : (Exec.withTag 2 (T.sent ++ Exec.stmtSent pv input)).Perm
      (Exec.withTag 2 (T.rcvd ++ Exec.stmtRcvd pv output)) := by
    rw [List.perm_iff_count]
    intro m
    by_cases hm : m.head? = some 2
    · rw [count_withTag hm, count_withTag hm]
      exact hbal m hm
    · rw [List.count_eq_zero.mpr (fun h => hm (Exec.mem_withTag.mp h).2),
        List.count_eq_zero.mpr (fun h => hm (Exec.mem_withTag.mp h).2)]
  have eS : Exec.withTag 2 (T.sent ++ Exec.stmtSent pv input) =
      (witnessAccs T.cpu T.mem T.sys T.io).map (enc ∘ Access.send) ++
        ((realBnd T).map (enc ∘ Boundary.send ∘ bndRec) ++
          [[2, 3, 0, 0, 0, 0], [2, 3, 1, 0, 0, 0], [2, 3, 2, 0, 0, 0]]) := by
    rw [Exec.withTag, List.filter_append, ← Exec.withTag, ← Exec.withTag,
      show T.sent = Exec.sentOf T.fractions from rfl, withTag_sentOf,
      memSends_tables hF.ok hF.bools, bnd_memSends hF.bools, stmt_mem_sends, List.append_assoc]
  have eR : Exec.withTag 2 (T.rcvd ++ Exec.stmtRcvd pv output) =
      (witnessAccs T.cpu T.mem T.sys T.io).map (enc ∘ Access.recv) ++
        ((endRows T).map (fun r => [2, 3, 2, r Private.Col.j, 0, r Private.Col.tEnd]) ++
          (realBnd T).map (enc ∘ Boundary.recv ∘ bndRec) ++
          Exec.withTag 2 (Exec.stmtRcvd pv output)) := by
    rw [Exec.withTag, List.filter_append, ← Exec.withTag, ← Exec.withTag,
      show T.rcvd = Exec.rcvdOf T.fractions from rfl, withTag_rcvdOf,
      memRecvs_tables hF.ok hF.bools, bnd_memRecvs hF.bools, List.append_assoc]
  have hlen := (hP.filter atPriv).length_eq
  rw [eS, eR, stmt_mem_rcvd] at hlen
  simp only [List.filter_append, List.length_append] at hlen
  have hA := length_filter_map_eq (enc ∘ Access.send) (enc ∘ Access.recv)
    (fun a => atPriv_send a) (witnessAccs T.cpu T.mem T.sys T.io)
  have hB := length_filter_map_eq (enc ∘ Boundary.send ∘ bndRec) (enc ∘ Boundary.recv ∘ bndRec)
    (fun r => atPriv_bnd r) (realBnd T)
  have hE : (((endRows T).map fun r => [2, 3, 2, r Private.Col.j, 0, r Private.Col.tEnd]).filter
      atPriv).length = (endRows T).length := by
    rw [List.filter_eq_self.mpr (fun m hm => by
      obtain ⟨r, -, rfl⟩ := List.mem_map.mp hm
      rfl), List.length_map]
  have hS3 : (([[2, 3, 0, 0, 0, 0], [2, 3, 1, 0, 0, 0], [2, 3, 2, 0, 0, 0]] :
      List (List BabyBear)).filter atPriv).length = 1 := by decide
  have hR2 : (([[2, 3, 0, pv.getD Zkvm.Spec.Statement.pvInputConsumed 0, 0,
        (((4 * pv.getD Zkvm.Spec.Statement.pvCycles 0).val : Nat) : BabyBear)],
      [2, 3, 1, pv.getD Zkvm.Spec.Statement.pvOutputLen 0, 0,
        (((4 * pv.getD Zkvm.Spec.Statement.pvCycles 0).val : Nat) : BabyBear)]] :
      List (List BabyBear)).filter atPriv).length = 0 := by
    simp only [atPriv, List.filter_cons, List.filter_nil, List.take_succ_cons, List.take_zero]
    simp only [cell30_ne, cell31_ne, decide_false, Bool.false_eq_true, if_false, List.length_nil]
  omega

/-- **The last segment's PRIVATE end row**: for segments whose buses hold (as in
`run_of_segments_from`) and whose PRIVATE tables before the last are silent, the last segment's
PRIVATE trace has a row n, below its height, that is an end row, with n + 2^24 ≤ 2^30 when the
witness has fewer than p global fractions. -/
theorem endRow_of_segs {pre : List Seg} {last : Seg} (hok : ∀ s ∈ pre ++ [last], s.Ok)
    (hnf : ∀ s ∈ pre, s.pub Cpu.Pv.final = 0) (hf : last.pub Cpu.Pv.final = 1)
    (hlink : Linked pre last) (hclk0 : (firstSeg pre last).pub Cpu.Pv.clk0 = 0)
    {preT : List Tables} {Tl : Tables}
    (hcpu : (Tables.union (preT ++ [Tl])).cpu = (pre ++ [last]).flatMap Seg.rows)
    {pv : List BabyBear} {input output : List UInt8}
    (hfew : Exec.FewGlobal (Tables.union (preT ++ [Tl])) (Exec.stmtSent pv input)
      (Exec.stmtRcvd pv output))
    {prows : List Spec.ProgramRow} {image : List Spec.ImageWord} {code : List (UInt32 × UInt32)}
    (hseg : ∀ T' ∈ preT ++ [Tl], ∃ fx, Exec.SegBus T' fx ∧
      ∀ f ∈ fx, f.fields ∈ Exec.fixedFelts prows image)
    (hprows : ∀ r ∈ prows, ∃ p ∈ code, Spec.decodeRow p.1 p.2 = some r)
    (hgnet : ∀ m, Exec.GlobalMsg m →
      Exec.net m (Exec.busFractions (Tables.union (preT ++ [Tl])) (Exec.stmtSent pv input)
        (Exec.stmtRcvd pv output) []) = 0)
    (hsil : ∀ T' ∈ preT, Silent T')
    {tp : Trace BabyBear} (hpT : Tl.priv = (List.range tp.height).map tp.row) :
    ∃ n, n < tp.height ∧ tp.row n Private.Col.endRow = 1 ∧ n + 2 ^ 24 ≤ 2 ^ 30 := by
  -- the run's rows and the bus facts of the segments' union
  have hNp := segs_R_lt hok hcpu hfew
  have hxb := segs_fexec hok hcpu
  obtain ⟨-, hF⟩ := segments_premises hok hnf hf hlink hclk0 (by omega) hcpu hseg hprows hgnet
    (Exec.carrying_of_few hfew) (stmt_no_local pv input output) hxb
  -- one end row over the union, so one in the last segment's trace
  have h1 := endRows_one hF
  rw [endRows_segs hsil] at h1
  obtain ⟨re, hre⟩ := List.length_eq_one_iff.mp h1
  have hmem : re ∈ endRows Tl := by rw [hre]; exact List.mem_singleton_self _
  simp only [endRows, List.mem_filter, decide_eq_true_eq, hpT, List.mem_map,
    List.mem_range] at hmem
  obtain ⟨⟨n, hn, rfl⟩, hend⟩ := hmem
  refine ⟨n, hn, hend, ?_⟩
  -- n is below the PRIVATE rows, fewer than p / 3
  have hlen : Tl.priv.length ≤ (Tables.union (preT ++ [Tl])).priv.length := by
    show Tl.priv.length ≤ ((preT ++ [Tl]).flatMap (·.priv)).length
    rw [List.flatMap_append, List.length_append]
    simp
  have hP3 : 3 * (Tables.union (preT ++ [Tl])).priv.length < 2013265921 := by
    have := hfew
    unfold Exec.FewGlobal at this
    rw [Exec.globalSlots_eq] at this
    omega
  rw [hpT, List.length_map, List.length_range] at hlen
  omega

end Zkvm.Air.V2.Run

end
