module

public import Zkvm.Air.V2.BusLogup
public import Zkvm.Air.V2.BusUnits
public import Zkvm.Air.V2.ExecCensus
public import Zkvm.Air.V2.RunStatementMsgs
public import Zkvm.Air.V2.FixedFacts

/-!
# Every message on the bus has its tag's arity

The LogUp interface (BusLogup.lean) pads messages to one length and needs padding to keep the
bus's messages apart (`PadInj`); the verifier fingerprints them unpadded, so without this two
messages differing only in trailing zero fields would share a fingerprint for every β
(docs/air.md §12.2 (a)). Here every message on the run theorem's bus is shown to be a tag
followed by as many fields as the tag's arity (`WellFormed`, `arityOf`: PROG 11, MEM 5, IMG 4,
POW2 7, U16, U8, HALT and PLEN 1, AND4 and EXIT 3, EXEC 11, IO 4, and the byte messages INPUT,
OUTPUT, PRIV and the IO rows' other byte tags 2), table by table over every fraction of a row
(`cpu_wf` … `boundary_wf`; the IO rows' byte tag is one of eight values by their groups), the
statement's messages (`stmt_wf`) and the fixed table's rows (`fixed_wf`). Then padding to 12
fields keeps the bus's messages apart (`bus_padInj`) and the LogUp count applies to the run
theorem's bus with `L = 12` (`logup_run_count`): if some net multiplicity is not 0, at most
`(2M − 1)·|U| + 11M·|S|` challenge pairs `(χ, β) ∈ S × U` make the verifier's sum zero.
-/

@[expose] public section

noncomputable section

namespace Zkvm.Air.V2.Exec

open Zkvm.Field Zkvm.Air.Table
open Zkvm.Air.V2.Cpu (Fraction)

/-- The number of fields after the tag, by tag (the byte tags and any other: 2). -/
def arityOf (t : BabyBear) : Nat :=
  match t.val with
  | 1 => 11 | 2 => 5 | 3 => 4 | 4 => 7 | 5 => 1 | 6 => 1 | 7 => 3 | 10 => 11 | 11 => 1
  | 12 => 3 | 13 => 4 | 15 => 1 | _ => 2

/-- A tag followed by its arity's fields. -/
def WellFormed : List BabyBear → Prop
  | [] => False
  | t :: rest => rest.length = arityOf t

theorem wf_cons {t : BabyBear} {rest : List BabyBear} :
    WellFormed (t :: rest) ↔ rest.length = arityOf t := Iff.rfl

theorem arityOf_le (t : BabyBear) : arityOf t ≤ 11 := by
  unfold arityOf; split <;> omega

theorem length_le_of_wf {m : List BabyBear} (h : WellFormed m) : m.length ≤ 12 := by
  cases m with
  | nil => exact (h : False).elim
  | cons t rest =>
    rw [wf_cons] at h
    have := arityOf_le t
    simp only [List.length_cons]; omega

/-- **Well-formed messages fix their lengths by their tags.** -/
theorem length_eq_of_wf {a b : List BabyBear} (ha : WellFormed a) (hb : WellFormed b)
    (e : a.head? = b.head?) : a.length = b.length := by
  cases a with
  | nil => exact (ha : False).elim
  | cons x ra =>
    cases b with
    | nil => exact (hb : False).elim
    | cons y rb =>
      simp only [List.head?_cons, Option.some.injEq] at e
      subst e
      rw [wf_cons] at ha hb
      simp only [List.length_cons, ha, hb]

theorem tagArity_of_wf {fs : List (Fraction BabyBear)} (h : ∀ f ∈ fs, WellFormed f.fields) :
    TagArity fs :=
  fun f hf g hg e => length_eq_of_wf (h f hf) (h g hg) e

/-- **Padding keeps well-formed messages apart.** -/
theorem padInj_of_wf {L : Nat} {fs : List (Fraction BabyBear)}
    (h : ∀ f ∈ fs, WellFormed f.fields) : PadInj L fs :=
  padInj_of_arity (fun f hf e => by have := h f hf; rw [e] at this; exact this)
    (tagArity_of_wf h)

/-! ## Table by table -/

/-- Unfolds a table's fractions to one statement per fraction and checks each message's length
against its tag's arity. -/
local macro "wf_census" : tactic => `(tactic| (
  simp only [Cpu.fractions, Cpu.port, Cpu.tagProg, Cpu.tagMem, Cpu.tagU16, Cpu.tagExec,
    Cpu.tagHalt, Cpu.tagExit, Alu.fractions, Logic.fractions, Logic.and4, Mul.fractions, Mul.look,
    Div.fractions, Mem.fractions, Range.fractions, Private.fractions, Boundary.fractions,
    Syscall.fractions, Syscall.access, Syscall.tagExec, Syscall.tagHalt,
    Syscall.tagMem, Syscall.tagIo, Syscall.tagU16, Syscall.tagPlen,
    Io.fractions, Io.tagIo, Io.tagMem, Io.tagU16, Io.tagU8,
    List.forall_mem_cons, List.not_mem_nil, false_implies, implies_true, and_true,
    List.append_assoc, List.cons_append, List.nil_append, wf_cons, List.length_cons,
    List.length_nil]
  <;> simp (config := { decide := true }) only))

variable {r : Row BabyBear}

theorem cpu_wf : ∀ f ∈ Cpu.fractions r, WellFormed f.fields := by wf_census
theorem alu_wf : ∀ f ∈ Alu.fractions r, WellFormed f.fields := by wf_census
theorem logic_wf : ∀ f ∈ Logic.fractions r, WellFormed f.fields := by wf_census
theorem mul_wf : ∀ f ∈ Mul.fractions r, WellFormed f.fields := by wf_census
theorem div_wf : ∀ f ∈ Div.fractions r, WellFormed f.fields := by wf_census
theorem mem_wf : ∀ f ∈ Mem.fractions r, WellFormed f.fields := by wf_census
theorem syscall_wf : ∀ f ∈ Syscall.fractions r, WellFormed f.fields := by wf_census
theorem range_wf : ∀ f ∈ Range.fractions r, WellFormed f.fields := by wf_census
theorem private_wf : ∀ f ∈ Private.fractions r, WellFormed f.fields := by wf_census
theorem boundary_wf : ∀ f ∈ Boundary.fractions r, WellFormed f.fields := by wf_census

/-- The IO rows' byte tag has arity 2 (it is one of eight values, none another tag's). -/
theorem arityOf_byteTag (hg : Io.Groups r) : arityOf (Io.byteTag r) = 2 := by
  have h := byteTag_mem hg
  simp only [List.mem_cons, List.not_mem_nil, or_false] at h
  rcases h with e | e | e | e | e | e | e | e <;> rw [e] <;> decide

theorem io_wf (hg : Io.Groups r) : ∀ f ∈ Io.fractions r, WellFormed f.fields := by
  have hb := arityOf_byteTag hg
  simp only [Io.fractions, Io.tagIo, Io.tagMem, Io.tagU16, Io.tagU8,
    List.forall_mem_cons, List.not_mem_nil, false_implies, implies_true, and_true,
    wf_cons, List.length_cons, List.length_nil, hb]
  simp (config := { decide := true }) only [and_true, true_and]

/-- **Every table's fractions are well formed**, for rows meeting their groups (the IO rows'
byte tag). -/
theorem tables_wf {T : Tables} (hok : T.Ok) : ∀ f ∈ T.fractions, WellFormed f.fields := by
  intro f hf
  simp only [Tables.fractions, List.mem_append, List.mem_flatMap, or_assoc] at hf
  rcases hf with ⟨r, hr, hf⟩ | ⟨r, hr, hf⟩ | ⟨r, hr, hf⟩ | ⟨r, hr, hf⟩ | ⟨r, hr, hf⟩ |
    ⟨r, hr, hf⟩ | ⟨r, hr, hf⟩ | ⟨r, hr, hf⟩ | ⟨r, hr, hf⟩ | ⟨r, hr, hf⟩ | ⟨r, hr, hf⟩
  · exact cpu_wf f hf
  · exact alu_wf f hf
  · exact logic_wf f hf
  · exact mul_wf f hf
  · exact div_wf f hf
  · exact mem_wf f hf
  · exact syscall_wf f hf
  · exact io_wf (hok.io r hr) f hf
  · exact range_wf f hf
  · exact private_wf f hf
  · exact boundary_wf f hf

/-- **The statement's messages are well formed.** -/
theorem stmt_wf (pv : List BabyBear) (input output : List UInt8) :
    ∀ m ∈ stmtSent pv input ++ stmtRcvd pv output, WellFormed m := by
  intro m hm
  simp only [stmtSent, stmtRcvd, Spec.Statement.sends, Spec.Statement.receives, List.mem_append,
    List.mem_map, List.mem_cons, List.not_mem_nil, or_false] at hm
  rcases hm with ⟨l, (rfl | rfl | rfl) | ⟨j, -, rfl⟩, rfl⟩ |
    ⟨l, ((rfl | rfl) | ⟨j, -, rfl⟩) | rfl, rfl⟩ <;>
    simp only [List.map_cons, List.map_nil, wf_cons, List.length_cons, List.length_nil] <;>
    decide

/-- **The fixed table's rows are well formed.** -/
theorem fixed_wf {rows : List Spec.ProgramRow} {image : List Spec.ImageWord} {l : List BabyBear}
    (h : l ∈ fixedFelts rows image) : WellFormed l := by
  obtain ⟨m, hm, rfl⟩ := List.mem_map.mp h
  rcases mem_fixedRows hm with ⟨r, -, rfl⟩ | ⟨w, -, rfl⟩ | ⟨k, s, -, -, rfl⟩ | ⟨v, -, rfl⟩ |
    ⟨a, b, -, -, rfl⟩ <;>
    simp only [Spec.progMessage, Spec.imgMessage, Spec.pow2Message, List.map_cons, List.map_nil,
      wf_cons, List.length_cons, List.length_nil] <;>
    decide

/-! ## The run theorem's bus -/

/-- **The run theorem's bus is well formed**: every table's rows (meeting their groups), the
statement's messages and FIXED rows of the fixed table. -/
theorem bus_wf {T : Tables} {pv : List BabyBear} {input output : List UInt8}
    {fx : List (Fraction BabyBear)} {rows : List Spec.ProgramRow} {image : List Spec.ImageWord}
    (hok : T.Ok) (hfx : ∀ f ∈ fx, f.fields ∈ fixedFelts rows image) :
    ∀ f ∈ busFractions T (stmtSent pv input) (stmtRcvd pv output) fx, WellFormed f.fields := by
  intro f hf
  simp only [busFractions, stmtFractions, List.mem_append, List.mem_map, or_assoc] at hf
  rcases hf with hf | ⟨m, hm, rfl⟩ | ⟨m, hm, rfl⟩ | hf
  · exact tables_wf hok f hf
  · exact stmt_wf pv input output m (List.mem_append_left _ hm)
  · exact stmt_wf pv input output m (List.mem_append_right _ hm)
  · exact fixed_wf (hfx f hf)

/-- **Padding to 12 fields keeps the run theorem's bus apart**, and every message has at most
12 fields. -/
theorem bus_padInj {T : Tables} {pv : List BabyBear} {input output : List UInt8}
    {fx : List (Fraction BabyBear)} {rows : List Spec.ProgramRow} {image : List Spec.ImageWord}
    (hok : T.Ok) (hfx : ∀ f ∈ fx, f.fields ∈ fixedFelts rows image) :
    PadInj 12 (busFractions T (stmtSent pv input) (stmtRcvd pv output) fx) ∧
      ∀ f ∈ busFractions T (stmtSent pv input) (stmtRcvd pv output) fx, f.fields.length ≤ 12 :=
  ⟨padInj_of_wf (bus_wf hok hfx), fun f hf => length_le_of_wf (bus_wf hok hfx f hf)⟩

/-- **The run theorem's `NetZero` fails on few LogUp challenges**: for tables whose rows meet
their groups, the verifier's statement messages and FIXED rows of the fixed table, if some
message's net multiplicity is not 0, at most `(2M − 1)·|U| + 11M·|S|` pairs `(χ, β) ∈ S × U`
make the verifier's sum over the bus zero or a denominator zero (`M` fractions). -/
theorem logup_run_count {T : Tables} {pv : List BabyBear} {input output : List UInt8}
    {fx : List (Fraction BabyBear)} {rows : List Spec.ProgramRow} {image : List Spec.ImageWord}
    (hok : T.Ok) (hfx : ∀ f ∈ fx, f.fields ∈ fixedFelts rows image)
    (hbad : ¬ NetZero T (stmtSent pv input) (stmtRcvd pv output) fx)
    {S U : List Ext4} (hS : S.Nodup) (hU : U.Nodup) :
    (Stark.pairs S U).countP (fun x =>
        decide (Stark.PoleHit (liftRaw (busFractions T (stmtSent pv input) (stmtRcvd pv output)
            fx)) x.1 x.2 ∨
          Stark.fracSum x.1 x.2 (liftRaw (busFractions T (stmtSent pv input)
            (stmtRcvd pv output) fx)) = 0)) ≤
      (2 * (busFractions T (stmtSent pv input) (stmtRcvd pv output) fx).length - 1) * U.length +
        (busFractions T (stmtSent pv input) (stmtRcvd pv output) fx).length * 11 * S.length := by
  obtain ⟨hinj, hL⟩ := bus_padInj (pv := pv) (input := input) (output := output) hok hfx
  exact logup_bus_count hL hinj hbad hS hU

end Zkvm.Air.V2.Exec

end
