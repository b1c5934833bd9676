module

public import Zkvm.Air.V2.BusLooks
public import Zkvm.Air.V2.FixedFacts
public import Zkvm.Air.V2.BusFacts

/-!
# The bus segment by segment

A run is proved in segments (docs/air.md §8.1). Each segment has its own tables, its own RANGE
and FIXED tables and its own LogUp sum for the LOCAL messages: the lookups (PROG 1, IMG 3,
POW2 4, U16 5, U8 6, AND4 7), EXEC (10), HALT (11) and IO (13). The GLOBAL messages, MEM (2),
INPUT (8), OUTPUT (9), EXIT (12), PRIV (14) and PLEN (15), have one sum over all segments with
the statement. Fewer than p fractions carry a local message within a segment (every table at
most 2^20 rows) and a global message over all segments (the verifier bounds the global
fractions of all segments below p): docs/air.md §12.2 (d). The segments' local fractions
together can exceed p, so `NetZero` and `FewCopies` over all segments' tables at once
(`facts_of_bus`) ask too much of a long run. This file derives the run's bus facts from the
segment-wise sums:

* `Tables.union`: all segments' rows, table by table. Its fractions are the segments'
  (`fractions_union`, a permutation), so its sends and receives count as sums over the segments
  (`count_sent_union`, `count_rcvd_union`); `Ok`, `Bools` and `Looks` hold of it when they hold
  of every segment (`ok_union`, `bools_union`, `looks_union`);
* `balanced_of_net_on`: `balanced_of_net` with net multiplicity 0 and fewer than p fractions
  asked only of the messages of a predicate, giving the counted balance on those;
* `balanced_union`: the counted balance of all segments with the statement, from each
  segment's balance of the local counted tags (EXEC, HALT, IO) and the balance of the global
  ones (MEM, INPUT, OUTPUT, EXIT) over all segments;
* `SegBus`: one segment's bus over its local messages, with its own FIXED fractions. What the
  lookups need of a bus follows (`SegBus.carries`), hence the segment's rows' lookups
  (`seg_looks`, and `io_looks`, `cpu_looks`), its local counted balance (`seg_local_balanced`)
  and its real CPU rows' PROG messages in the program table (`seg_progTable`);
* `facts_of_segments`: for all segments together, the run's bus facts (`BusFacts`: the groups
  and booleans, the counted balance, every table's lookups, every real CPU row's PROG message in
  the program table) from the segments' buses and the global sum, so that `Run.run_of_bus`
  applies to all segments' tables (`stag_of_local` gives its `hstag`).
-/

@[expose] public section

noncomputable section

namespace Zkvm.Air.V2.Exec

open Zkvm.Field Zkvm.Air.Table
open Zkvm.Air.V2.Cpu (Fraction)
open Zkvm.Air.V2.Step (progMsg progTable)

namespace Tables

/-- All segments' rows together, table by table. -/
def union (Ts : List Tables) : Tables where
  cpu := Ts.flatMap (·.cpu)
  alu := Ts.flatMap (·.alu)
  logic := Ts.flatMap (·.logic)
  mul := Ts.flatMap (·.mul)
  div := Ts.flatMap (·.div)
  mem := Ts.flatMap (·.mem)
  sys := Ts.flatMap (·.sys)
  io := Ts.flatMap (·.io)
  range := Ts.flatMap (·.range)
  priv := Ts.flatMap (·.priv)
  bnd := Ts.flatMap (·.bnd)

variable {Ts : List Tables} {r : Row BabyBear}

theorem mem_union_cpu : r ∈ (union Ts).cpu ↔ ∃ T ∈ Ts, r ∈ T.cpu := List.mem_flatMap
theorem mem_union_alu : r ∈ (union Ts).alu ↔ ∃ T ∈ Ts, r ∈ T.alu := List.mem_flatMap
theorem mem_union_logic : r ∈ (union Ts).logic ↔ ∃ T ∈ Ts, r ∈ T.logic := List.mem_flatMap
theorem mem_union_mul : r ∈ (union Ts).mul ↔ ∃ T ∈ Ts, r ∈ T.mul := List.mem_flatMap
theorem mem_union_div : r ∈ (union Ts).div ↔ ∃ T ∈ Ts, r ∈ T.div := List.mem_flatMap
theorem mem_union_mem : r ∈ (union Ts).mem ↔ ∃ T ∈ Ts, r ∈ T.mem := List.mem_flatMap
theorem mem_union_sys : r ∈ (union Ts).sys ↔ ∃ T ∈ Ts, r ∈ T.sys := List.mem_flatMap
theorem mem_union_io : r ∈ (union Ts).io ↔ ∃ T ∈ Ts, r ∈ T.io := List.mem_flatMap
theorem mem_union_range : r ∈ (union Ts).range ↔ ∃ T ∈ Ts, r ∈ T.range := List.mem_flatMap
theorem mem_union_priv : r ∈ (union Ts).priv ↔ ∃ T ∈ Ts, r ∈ T.priv := List.mem_flatMap
theorem mem_union_bnd : r ∈ (union Ts).bnd ↔ ∃ T ∈ Ts, r ∈ T.bnd := List.mem_flatMap

/-- The union's fractions are the first segment's and the other segments' union's. -/
theorem fractions_union_cons (T : Tables) (Ts : List Tables) :
    (union (T :: Ts)).fractions.Perm (T.fractions ++ (union Ts).fractions) := by
  classical
  rw [List.perm_iff_count]
  intro f
  simp only [Tables.fractions, union, List.flatMap_cons, List.flatMap_append, List.count_append]
  omega

/-- **The union's fractions are the segments' fractions**, in another order. -/
theorem fractions_union (Ts : List Tables) :
    (union Ts).fractions.Perm (Ts.flatMap Tables.fractions) := by
  induction Ts with
  | nil => simp [union, Tables.fractions]
  | cons T Ts ih =>
    rw [List.flatMap_cons]
    exact (fractions_union_cons T Ts).trans (List.Perm.append_left T.fractions ih)

end Tables

open Tables

theorem count_sentOf_perm {l l' : List (Fraction BabyBear)} (h : l.Perm l') (m : List BabyBear) :
    (sentOf l).count m = (sentOf l').count m :=
  ((h.filter _).map _).count_eq m

theorem count_rcvdOf_perm {l l' : List (Fraction BabyBear)} (h : l.Perm l') (m : List BabyBear) :
    (rcvdOf l).count m = (rcvdOf l').count m :=
  ((h.filter _).map _).count_eq m

theorem count_sent_union_cons (T : Tables) (Ts : List Tables) (m : List BabyBear) :
    (union (T :: Ts)).sent.count m = T.sent.count m + (union Ts).sent.count m := by
  have h := count_sentOf_perm (fractions_union_cons T Ts) m
  rw [sentOf_append, List.count_append] at h
  exact h

theorem count_rcvd_union_cons (T : Tables) (Ts : List Tables) (m : List BabyBear) :
    (union (T :: Ts)).rcvd.count m = T.rcvd.count m + (union Ts).rcvd.count m := by
  have h := count_rcvdOf_perm (fractions_union_cons T Ts) m
  rw [rcvdOf_append, List.count_append] at h
  exact h

/-- **A message's sends over all segments** are the sum of its sends in each segment. -/
theorem count_sent_union (Ts : List Tables) (m : List BabyBear) :
    (union Ts).sent.count m = (Ts.map fun T => T.sent.count m).sum := by
  induction Ts with
  | nil => simp [union, Tables.sent, Tables.fractions]
  | cons T Ts ih => rw [count_sent_union_cons, ih, List.map_cons, List.sum_cons]

/-- **A message's receives over all segments** are the sum of its receives in each segment. -/
theorem count_rcvd_union (Ts : List Tables) (m : List BabyBear) :
    (union Ts).rcvd.count m = (Ts.map fun T => T.rcvd.count m).sum := by
  induction Ts with
  | nil => simp [union, Tables.rcvd, Tables.fractions]
  | cons T Ts ih => rw [count_rcvd_union_cons, ih, List.map_cons, List.sum_cons]

/-- A message sent as often as received in every segment is so over all segments. -/
theorem count_union_eq {m : List BabyBear} :
    ∀ {Ts : List Tables}, (∀ T ∈ Ts, T.sent.count m = T.rcvd.count m) →
      (union Ts).sent.count m = (union Ts).rcvd.count m
  | [], _ => by simp only [count_sent_union, count_rcvd_union, List.map_nil]
  | T :: Ts, h => by
    rw [count_sent_union_cons, count_rcvd_union_cons, h T List.mem_cons_self,
      count_union_eq (fun T' hT' => h T' (List.mem_cons_of_mem _ hT'))]

variable {Ts : List Tables}

/-- Every segment's rows meet their groups, so all segments' rows do. -/
theorem ok_union (h : ∀ T ∈ Ts, T.Ok) : (union Ts).Ok where
  alu r hr := by obtain ⟨T, hT, hr⟩ := mem_union_alu.mp hr; exact (h T hT).alu r hr
  logic r hr := by obtain ⟨T, hT, hr⟩ := mem_union_logic.mp hr; exact (h T hT).logic r hr
  mul r hr := by obtain ⟨T, hT, hr⟩ := mem_union_mul.mp hr; exact (h T hT).mul r hr
  div r hr := by obtain ⟨T, hT, hr⟩ := mem_union_div.mp hr; exact (h T hT).div r hr
  mem r hr := by obtain ⟨T, hT, hr⟩ := mem_union_mem.mp hr; exact (h T hT).mem r hr
  sys r hr := by obtain ⟨T, hT, hr⟩ := mem_union_sys.mp hr; exact (h T hT).sys r hr
  io r hr := by obtain ⟨T, hT, hr⟩ := mem_union_io.mp hr; exact (h T hT).io r hr

/-- Every segment's CPU, PRIVATE and BOUNDARY booleans, so all segments'. -/
theorem bools_union (h : ∀ T ∈ Ts, Bools T) : Bools (union Ts) where
  cpu r hr := by obtain ⟨T, hT, hr⟩ := mem_union_cpu.mp hr; exact (h T hT).cpu r hr
  priv r hr := by obtain ⟨T, hT, hr⟩ := mem_union_priv.mp hr; exact (h T hT).priv r hr
  bnd r hr := by obtain ⟨T, hT, hr⟩ := mem_union_bnd.mp hr; exact (h T hT).bnd r hr

/-- Every segment's coprocessor lookups and f_exec booleans, so all segments'. -/
theorem looks_union (h : ∀ T ∈ Ts, T.Looks) : (union Ts).Looks where
  alu r hr := by obtain ⟨T, hT, hr⟩ := mem_union_alu.mp hr; exact (h T hT).alu r hr
  logic r hr := by obtain ⟨T, hT, hr⟩ := mem_union_logic.mp hr; exact (h T hT).logic r hr
  mul r hr := by obtain ⟨T, hT, hr⟩ := mem_union_mul.mp hr; exact (h T hT).mul r hr
  div r hr := by obtain ⟨T, hT, hr⟩ := mem_union_div.mp hr; exact (h T hT).div r hr
  mem r hr := by obtain ⟨T, hT, hr⟩ := mem_union_mem.mp hr; exact (h T hT).mem r hr
  sys r hr := by obtain ⟨T, hT, hr⟩ := mem_union_sys.mp hr; exact (h T hT).sys r hr
  cpu r hr := by obtain ⟨T, hT, hr⟩ := mem_union_cpu.mp hr; exact (h T hT).cpu r hr

/-! ## The counted balance from sums over some messages -/

/-! ## Local and global messages -/

/-- The tags of the messages local to a segment (docs/air.md §8.1): PROG, IMG, POW2, U16, U8,
AND4, EXEC, HALT and IO. Each segment has its own LogUp sum for them. -/
def localTags : List BabyBear := [1, 3, 4, 5, 6, 7, 10, 11, 13]

/-- A message with a local tag. -/
def LocalMsg (m : List BabyBear) : Prop := ∃ t ∈ localTags, m.head? = some t

/-- The tags of the global messages (docs/air.md §8.1): MEM, INPUT, OUTPUT, EXIT, PRIV and
PLEN. One LogUp sum over all segments and the statement covers them. -/
def globalTags : List BabyBear := [2, 8, 9, 12, 14, 15]

/-- A message with a global tag. -/
def GlobalMsg (m : List BabyBear) : Prop := ∃ t ∈ globalTags, m.head? = some t

/-- A counted message is local (EXEC, HALT, IO) or global (MEM, INPUT, OUTPUT, EXIT). -/
theorem counted_split {m : List BabyBear} (h : Counted m) : LocalMsg m ∨ GlobalMsg m := by
  obtain ⟨t, ht, hm⟩ := h
  simp only [countedTags, List.mem_cons, List.not_mem_nil, or_false] at ht
  rcases ht with rfl | rfl | rfl | rfl | rfl | rfl | rfl
  · exact Or.inr ⟨_, by simp [globalTags], hm⟩
  · exact Or.inr ⟨_, by simp [globalTags], hm⟩
  · exact Or.inr ⟨_, by simp [globalTags], hm⟩
  · exact Or.inl ⟨_, by simp [localTags], hm⟩
  · exact Or.inl ⟨_, by simp [localTags], hm⟩
  · exact Or.inr ⟨_, by simp [globalTags], hm⟩
  · exact Or.inl ⟨_, by simp [localTags], hm⟩

/-- A lookup is a local message. -/
theorem localMsg_of_lookup {m : List BabyBear} (h : LookupTag m) : LocalMsg m := by
  obtain ⟨t, ht, hm⟩ := h
  simp only [List.mem_cons, List.not_mem_nil, or_false] at ht
  rcases ht with rfl | rfl | rfl | rfl
  all_goals exact ⟨_, by simp [localTags], hm⟩

/-- **The counted balance of all segments** (docs/air.md §8.1, §12.2 (d)): when every segment
sends each local counted message (EXEC, HALT, IO) as often as it receives it, the global counted
messages (MEM, INPUT, OUTPUT, EXIT) balance over all segments with the statement, and the
statement carries no local message, every counted message balances over all segments with the
statement. -/
theorem balanced_union {ssent srcvd : List (List BabyBear)}
    (hloc : ∀ T ∈ Ts, ∀ m, Counted m → LocalMsg m → T.sent.count m = T.rcvd.count m)
    (hglob : ∀ m, Counted m → GlobalMsg m →
      ((union Ts).sent ++ ssent).count m = ((union Ts).rcvd ++ srcvd).count m)
    (hs : ∀ m ∈ ssent ++ srcvd, ¬ LocalMsg m) : Balanced (union Ts) ssent srcvd := by
  intro m hm
  rcases counted_split hm with hl | hg
  · have h1 : ssent.count m = 0 :=
      List.count_eq_zero.mpr fun h => hs m (List.mem_append_left _ h) hl
    have h2 : srcvd.count m = 0 :=
      List.count_eq_zero.mpr fun h => hs m (List.mem_append_right _ h) hl
    rw [List.count_append, List.count_append, h1, h2,
      count_union_eq fun T hT => hloc T hT m hm hl]
  · exact hglob m hm hg

/-! ## One segment's bus -/

/-- **One segment's bus** (docs/air.md §8.1, §12.2 (b), (d)): every local message's net
multiplicity over the segment's tables' and its FIXED table's fractions (`fx`) is 0, with fewer
than p fractions carrying it (the statement carries no local message, so it takes no part);
the RANGE rows' values below 2^16, the FIXED table's content, the tables' groups and the CPU,
PRIVATE and BOUNDARY booleans. -/
structure SegBus (T : Tables) (fx : List (Fraction BabyBear)) : Prop where
  net : ∀ m, LocalMsg m → net m (busFractions T [] [] fx) = 0
  few : ∀ m, LocalMsg m → (carrying m (busFractions T [] [] fx)).length < 2013265921
  range : ∀ r ∈ T.range, (r Range.Col.v).val < 2 ^ 16
  fixed : FixedFacts fx
  ok : T.Ok
  bools : Bools T

variable {T : Tables} {fx : List (Fraction BabyBear)}

/-- **What the lookups need of a segment's bus** (`Carries`): a lookup a segment's row sends
with nonzero multiplicity is carried by one of the segment's FIXED or RANGE rows (lookups are
local; the segment's bus has no statement messages). -/
theorem SegBus.carries (hB : SegBus T fx) : Carries T fx :=
  ⟨fun _ hf hl hbit hm => carried (ssent := []) (srcvd := []) hB.ok hB.bools
      (fun _ hm => by simp at hm) hf hl hbit hm (hB.net _ (localMsg_of_lookup hl))
      (hB.few _ (localMsg_of_lookup hl)),
    hB.range, hB.fixed, hB.ok, hB.bools⟩

/-- **A segment's coprocessor lookups from its bus**, with the CPU rows' f_exec boolean. -/
theorem seg_looks (hB : SegBus T fx)
    (hx : ∀ r ∈ T.cpu, r Cpu.Col.fExec = 0 ∨ r Cpu.Col.fExec = 1) : T.Looks :=
  looks_of hB.carries hx

/-- **A segment's local counted balance** (EXEC, HALT, IO): from its bus, with its FIXED table
carrying no counted tag and its CPU rows' f_exec and halt booleans (`balanced_of_net_on` with
no statement messages, `unitMults_of`). -/
theorem seg_local_balanced (hB : SegBus T fx) (hfx : ∀ f ∈ fx, ¬ Counted f.fields)
    (hx : ∀ r ∈ T.cpu, r Cpu.Col.fExec = 0 ∨ r Cpu.Col.fExec = 1)
    (hhb : ∀ r ∈ T.cpu, r Cpu.Col.halt = 0 ∨ r Cpu.Col.halt = 1) :
    ∀ m, Counted m → LocalMsg m → T.sent.count m = T.rcvd.count m := by
  intro m hm hl
  have h := balanced_of_net_on (Q := LocalMsg) hB.net
    (unitMults_of hB.ok (seg_looks hB hx) hhb hB.bools) hfx hB.few m hm hl
  simpa only [List.append_nil] using h

/-- **A real CPU row's PROG message is one of its segment's FIXED rows'** (PROG is local). -/
theorem seg_prog (hB : SegBus T fx) {r : Row BabyBear} (hr : r ∈ T.cpu)
    (h1 : r Cpu.Col.isReal = 1) : ∃ f ∈ fx, f.fields = progMsg r :=
  have hloc : LocalMsg (progMsg r) := ⟨1, by simp [localTags], rfl⟩
  prog_of_net (ssent := []) (srcvd := []) hB.ok (fun r hr => (hB.bools.cpu r hr).1)
    (fun _ hm => by simp at hm) hr h1 (hB.net _ hloc) (hB.few _ hloc)

/-- **A segment's real CPU rows run program rows**, with its FIXED table's PROG rows in the
program table. -/
theorem seg_progTable (hB : SegBus T fx) {code : List (UInt32 × UInt32)}
    (hfx : ∀ f ∈ fx, f.fields.head? = some 1 → f.fields ∈ progTable code)
    {r : Row BabyBear} (hr : r ∈ T.cpu) (h1 : r Cpu.Col.isReal = 1) :
    progMsg r ∈ progTable code := by
  obtain ⟨f, hf, e⟩ := seg_prog hB hr h1
  rw [← e]
  exact hfx f hf (by rw [e]; rfl)

/-! ## All segments -/

/-- **Every table's lookups over all segments**, each segment's from its own bus. -/
theorem looks_of_segments (hseg : ∀ T ∈ Ts, ∃ fx, SegBus T fx)
    (hx : ∀ r ∈ (union Ts).cpu, r Cpu.Col.fExec = 0 ∨ r Cpu.Col.fExec = 1) :
    (union Ts).Looks ∧ (∀ r ∈ (union Ts).io, Io.Lookups r) ∧
      (∀ r ∈ (union Ts).cpu, Cpu.Lookups r) := by
  refine ⟨looks_union fun T hT => ?_, fun r hr => ?_, fun r hr => ?_⟩
  · obtain ⟨fx, hB⟩ := hseg T hT
    exact seg_looks hB fun r hr => hx r (mem_union_cpu.mpr ⟨T, hT, hr⟩)
  · obtain ⟨T, hT, hr⟩ := mem_union_io.mp hr
    obtain ⟨fx, hB⟩ := hseg T hT
    exact io_looks hB.carries hr
  · obtain ⟨T, hT, hr⟩ := mem_union_cpu.mp hr
    obtain ⟨fx, hB⟩ := hseg T hT
    exact cpu_looks hB.carries hr

/-- **The run's bus facts from the segments' buses** (docs/air.md §8.1, §12.2 (d)): every
segment has its bus over its local messages with its own FIXED fractions, rows of the fixed table
of the program rows `prows` (decodings of `code`) and an image; the global messages' net
multiplicities over all segments' tables and the statement are 0 with fewer than p fractions
each; the statement carries no local message; the CPU rows' f_exec and halt are booleans. Then
`BusFacts` hold of all segments' tables (`Tables.union`), and the whole-run theorem
`Run.run_of_bus` applies to them. -/
theorem facts_of_segments {ssent srcvd : List (List BabyBear)} {prows : List Spec.ProgramRow}
    {image : List Spec.ImageWord} {code : List (UInt32 × UInt32)}
    (hseg : ∀ T ∈ Ts, ∃ fx, SegBus T fx ∧ ∀ f ∈ fx, f.fields ∈ fixedFelts prows image)
    (hprows : ∀ r ∈ prows, ∃ p ∈ code, Spec.decodeRow p.1 p.2 = some r)
    (hgnet : ∀ m, GlobalMsg m → net m (busFractions (union Ts) ssent srcvd []) = 0)
    (hgfew : ∀ m, GlobalMsg m →
      (carrying m (busFractions (union Ts) ssent srcvd [])).length < 2013265921)
    (hsl : ∀ m ∈ ssent ++ srcvd, ¬ LocalMsg m)
    (hx : ∀ r ∈ (union Ts).cpu, r Cpu.Col.fExec = 0 ∨ r Cpu.Col.fExec = 1)
    (hhb : ∀ r ∈ (union Ts).cpu, r Cpu.Col.halt = 0 ∨ r Cpu.Col.halt = 1) :
    BusFacts (union Ts) ssent srcvd code := by
  have hok : (union Ts).Ok := ok_union fun T hT =>
    let ⟨_, hB, _⟩ := hseg T hT; hB.ok
  have hb : Bools (union Ts) := bools_union fun T hT =>
    let ⟨_, hB, _⟩ := hseg T hT; hB.bools
  obtain ⟨hlk, hio, hcpu⟩ := looks_of_segments (fun T hT =>
    let ⟨fx, hB, _⟩ := hseg T hT; ⟨fx, hB⟩) hx
  refine ⟨hok, hb, balanced_union (fun T hT => ?_) (fun m hm hg => ?_) hsl, hlk, hio, hcpu,
    fun r hr h1 => ?_⟩
  · obtain ⟨fx, hB, hfxr⟩ := hseg T hT
    exact seg_local_balanced hB (fixedFacts_of_rows code hfxr hprows).2.1
      (fun r hr => hx r (mem_union_cpu.mpr ⟨T, hT, hr⟩))
      (fun r hr => hhb r (mem_union_cpu.mpr ⟨T, hT, hr⟩))
  · exact balanced_of_net_on (Q := GlobalMsg) hgnet (unitMults_of hok hlk hhb hb)
      (fun f hf => by cases hf) hgfew m hm hg
  · obtain ⟨T, hT, hr⟩ := mem_union_cpu.mp hr
    obtain ⟨fx, hB, hfxr⟩ := hseg T hT
    exact seg_progTable hB (fixedFacts_of_rows code hfxr hprows).2.2 hr h1

/-- The statement carrying no local message carries no EXEC, HALT or IO message (`run_of_bus`'s
`hstag`). -/
theorem stag_of_local {ssent srcvd : List (List BabyBear)}
    (hsl : ∀ m ∈ ssent ++ srcvd, ¬ LocalMsg m) :
    ∀ m ∈ ssent ++ srcvd, m.head? ≠ some 10 ∧ m.head? ≠ some 11 ∧ m.head? ≠ some 13 :=
  fun m hm => ⟨fun h => hsl m hm ⟨10, by simp [localTags], h⟩,
    fun h => hsl m hm ⟨11, by simp [localTags], h⟩, fun h => hsl m hm ⟨13, by simp [localTags], h⟩⟩

end Zkvm.Air.V2.Exec

end
