module

public import Zkvm.Air.V2.RunEcallChain
public import Zkvm.Air.V2.RunJoins
public import Zkvm.Air.BusLookups

/-!
# One bus with the statement's messages

The verifier puts the statement's side of the bus itself (docs/air.md §8, `Spec.Statement`): the
I/O cursors' initial and final values (tag 2), the consumed input bytes (INPUT, tag 8), the
output bytes (OUTPUT, tag 9) and the exit (EXIT, tag 12). The LogUp argument gives every message
a net multiplicity 0; on the tags whose multiplicities are −1, 0 or 1 (`countedTags`) that is one
balance of counts over the tables' messages and the statement's (`Balanced`, derived in
`BusNet`). This file derives from it
the per-tag balances the run's joins take (`ExecBalanced`, `HaltBalanced`, `IoBalanced`: the
statement carries no EXEC, HALT or IO message, `tag_balanced`), and the run theorem's claims on
the bytes: every OUTPUT message a table sends is one the statement receives, so its byte is the
claimed output's (`output_of_bus`), and every INPUT message a table receives is one the statement
sends, below the consumed count (`input_of_bus`) — only IO rows carry tags 8 and 9, sending
OUTPUT (multiplicity 0 or 1 on writes to fd 1) and receiving INPUT (0 or −1 on reads of fd 0),
`io_byte_mult`.
-/

@[expose] public section

noncomputable section

namespace Zkvm.Air.V2.Exec

open Zkvm.Field Zkvm.Air.Table

/-- The tags the run reads off the bus by counting messages: MEM 2, INPUT 8, OUTPUT 9, EXEC 10,
HALT 11, EXIT 12 and IO 13. On these every table's multiplicity is −1, 0 or 1 (docs/air.md §12.2 (d)), so
the net multiplicity 0 that the LogUp argument gives is a count of sends equal to a count of
receives (`BusNet.balanced_of_net`). PROG, U16 and the other lookups are not among them: their
receivers (FIXED, RANGE) carry free counts. -/
def countedTags : List BabyBear := [2, 8, 9, 10, 11, 12, 13]

/-- A message with one of the counted tags. -/
def Counted (m : List BabyBear) : Prop := ∃ t ∈ countedTags, m.head? = some t

/-- **The bus balances on the counted tags**: each message of the tables and the statement
(`ssent` sent, `srcvd` received) with a counted tag is sent as often as it is received. -/
def Balanced (T : Tables) (ssent srcvd : List (List BabyBear)) : Prop :=
  ∀ m, Counted m → (T.sent ++ ssent).count m = (T.rcvd ++ srcvd).count m

/-- The messages with tag `t` of a list. -/
def withTag (t : BabyBear) (l : List (List BabyBear)) : List (List BabyBear) :=
  l.filter fun m => decide (m.head? = some t)

theorem mem_withTag {t : BabyBear} {l : List (List BabyBear)} {m : List BabyBear} :
    m ∈ withTag t l ↔ m ∈ l ∧ m.head? = some t := by
  simp only [withTag, List.mem_filter, decide_eq_true_eq]

/-- **One counted tag's messages balance as multisets** (`BusLookups.Balanced`, the form the
lookup lemmas take). -/
theorem withTag_balanced {T : Tables} {ssent srcvd : List (List BabyBear)}
    (hb : Balanced T ssent srcvd) {t : BabyBear} (ht : t ∈ countedTags) :
    Zkvm.Air.BusLookups.Balanced (withTag t (T.sent ++ ssent)) (withTag t (T.rcvd ++ srcvd)) := by
  intro m
  by_cases hm : m.head? = some t
  · have e : ∀ l : List (List BabyBear), (withTag t l).count m = l.count m := fun l =>
      List.count_filter (by simp only [decide_eq_true_eq]; exact hm)
    rw [e, e]
    exact hb m ⟨t, ht, hm⟩
  · have e : ∀ l : List (List BabyBear), (withTag t l).count m = 0 := fun l =>
      List.count_eq_zero.mpr fun h => hm (mem_withTag.mp h).2
    rw [e, e]

/-- A tag the statement does not carry balances within the tables. -/
theorem tag_balanced {T : Tables} {ssent srcvd : List (List BabyBear)} (hb : Balanced T ssent srcvd)
    {t : BabyBear} (ht : t ∈ countedTags) (hs : ∀ m ∈ ssent ++ srcvd, m.head? ≠ some t) :
    ∀ m : List BabyBear, m.head? = some t → T.sent.count m = T.rcvd.count m := by
  intro m hm
  have h := hb m ⟨t, ht, hm⟩
  have h1 : ssent.count m = 0 :=
    List.count_eq_zero.mpr fun hin => hs m (List.mem_append_left _ hin) hm
  have h2 : srcvd.count m = 0 :=
    List.count_eq_zero.mpr fun hin => hs m (List.mem_append_right _ hin) hm
  rw [List.count_append, List.count_append, h1, h2] at h
  omega

/-- **The per-tag balances from the one balance**, when the statement carries no EXEC, HALT or
IO message. -/
theorem balances_of_bus {T : Tables} {ssent srcvd : List (List BabyBear)}
    (hb : Balanced T ssent srcvd)
    (hs : ∀ m ∈ ssent ++ srcvd, m.head? ≠ some 10 ∧ m.head? ≠ some 11 ∧ m.head? ≠ some 13) :
    ExecBalanced T ∧ HaltBalanced T ∧ IoBalanced T :=
  ⟨tag_balanced hb (by simp [countedTags]) fun m hm => (hs m hm).1,
    tag_balanced hb (by simp [countedTags]) fun m hm => (hs m hm).2.1,
    tag_balanced hb (by simp [countedTags]) fun m hm => (hs m hm).2.2⟩

theorem movedOf_cases (f e j : Nat) : Io.movedOf f e j = 0 ∨ Io.movedOf f e j = 1 := by
  unfold Io.movedOf; split <;> simp

/-- **An IO row's byte messages**: an OUTPUT fraction (tag 9) has multiplicity 0 or 1, an INPUT
fraction (tag 8) 0 or −1. -/
theorem io_byte_mult {ri : Row BabyBear} (hg : Io.Groups ri) {f : Zkvm.Air.V2.Cpu.Fraction BabyBear}
    (hf : f ∈ Io.fractions ri) :
    (f.fields.head? = some 9 → f.mult = 0 ∨ f.mult = 1) ∧
      (f.fields.head? = some 8 → f.mult = 0 ∨ f.mult = -1) := by
  have hb := byteTag_ne_io hg
  -- the fractions other than the bytes carry tags 13, 2, 5 and 6
  have hbyte : ∀ j ∈ Io.lanes, f = ⟨Io.sign ri * Io.moved ri j,
      [Io.byteTag ri, ri Io.Col.base + ((j : Nat) : BabyBear), ri (Io.Col.n0 + j)]⟩ →
      (f.fields.head? = some 9 → f.mult = 0 ∨ f.mult = 1) ∧
        (f.fields.head? = some 8 → f.mult = 0 ∨ f.mult = -1) := by
    intro j hj e
    subst e
    simp only [List.head?_cons, Option.some.injEq]
    by_cases hreal : Io.real ri = 1
    · obtain ⟨fl, el, -, -, -, -, hmv⟩ := Io.lanes_sound hg hreal
      have hm := hmv j hj
      rcases Run.io_kind_cases hg hreal with ⟨a, b, -, d⟩ | ⟨a, b, -, d⟩ | ⟨a, b, -, d⟩ |
          ⟨a, b, -, d⟩ <;>
        simp only [Io.byteTag, Io.sign, Io.reads, a, b, d, hm] <;>
        rcases movedOf_cases fl el j with h | h <;> rw [h] <;> decide
    · have h0 : Io.real ri = 0 := by
        rcases Io.bool_cases hg.bool_real with h | h
        · exact h
        · exact absurd h hreal
      have hz : ri Io.Col.kRead = 0 ∧ ri Io.Col.kWrite1 = 0 ∧ ri Io.Col.kPriv = 0 := by
        unfold Io.real at h0
        rcases Io.bool_cases hg.bool_read with h1 | h1 <;>
          rcases Io.bool_cases hg.bool_write1 with h2 | h2 <;>
          rcases Io.bool_cases hg.bool_write2 with h3 | h3 <;>
          rcases Io.bool_cases hg.bool_priv with h4 | h4 <;>
          rw [h1, h2, h3, h4] at h0 <;> first | (exfalso; revert h0; decide) | exact ⟨h1, h2, h4⟩
      simp only [Io.byteTag, hz.1, hz.2.1, hz.2.2]
      constructor <;> intro h <;> exact absurd h (by decide)
  simp only [Io.fractions, Io.tagMem, Io.tagU16, Io.tagU8, Io.tagIo, List.mem_cons,
    List.not_mem_nil, or_false] at hf
  rcases hf with rfl | rfl | rfl | rfl | rfl | rfl | rfl | rfl | rfl | rfl | h | h | h | h
  all_goals first
    | (constructor <;> intro h <;> simp at h <;> exact absurd h (by decide))
    | exact hbyte 0 (by decide) h
    | exact hbyte 1 (by decide) h
    | exact hbyte 2 (by decide) h
    | exact hbyte 3 (by decide) h

/-- No table receives an OUTPUT message (tag 9) once. -/
theorem not_rcvd_output {T : Tables} (hok : T.Ok) {m : List BabyBear} (hm : m ∈ T.rcvd)
    (hh : m.head? = some 9) : False := by
  obtain ⟨f, hf, rfl⟩ := List.mem_map.mp hm
  obtain ⟨hf, h1⟩ := List.mem_filter.mp hf
  simp only [decide_eq_true_eq] at h1
  simp only [Tables.fractions, List.mem_append, List.mem_flatMap, or_assoc] at hf
  have hn1 : (-1 : BabyBear) ≠ 0 ∧ (-1 : BabyBear) ≠ 1 := by decide
  rcases hf with ⟨r, hr, hf⟩ | ⟨r, hr, hf⟩ | ⟨r, hr, hf⟩ | ⟨r, hr, hf⟩ | ⟨r, hr, hf⟩ |
    ⟨r, hr, hf⟩ | ⟨r, hr, hf⟩ | ⟨r, hr, hf⟩ | ⟨r, hr, hf⟩ | ⟨r, hr, hf⟩ | ⟨r, hr, hf⟩
  · exact (cpu_no_bytes r f hf).2 hh
  · exact (alu_no_stmt r f hf).2.1 hh
  · exact (logic_no_stmt r f hf).2.1 hh
  · exact (mul_no_stmt r f hf).2.1 hh
  · exact (div_no_stmt r f hf).2.1 hh
  · exact (mem_no_stmt r f hf).2.1 hh
  · exact (syscall_no_stmt r f hf).2.1 hh
  · rcases (io_byte_mult (hok.io r hr) hf).1 hh with h | h <;> rw [h1] at h
    · exact hn1.1 h
    · exact hn1.2 h
  · exact (range_no_stmt r f hf).2.1 hh
  · exact (private_no_stmt r f hf).2.1 hh
  · exact (boundary_no_stmt r f hf).2.1 hh

/-- No table sends an INPUT message (tag 8) once. -/
theorem not_sent_input {T : Tables} (hok : T.Ok) {m : List BabyBear} (hm : m ∈ T.sent)
    (hh : m.head? = some 8) : False := by
  obtain ⟨f, hf, rfl⟩ := List.mem_map.mp hm
  obtain ⟨hf, h1⟩ := List.mem_filter.mp hf
  simp only [decide_eq_true_eq] at h1
  simp only [Tables.fractions, List.mem_append, List.mem_flatMap, or_assoc] at hf
  have hn1 : (1 : BabyBear) ≠ 0 ∧ (1 : BabyBear) ≠ -1 := by decide
  rcases hf with ⟨r, hr, hf⟩ | ⟨r, hr, hf⟩ | ⟨r, hr, hf⟩ | ⟨r, hr, hf⟩ | ⟨r, hr, hf⟩ |
    ⟨r, hr, hf⟩ | ⟨r, hr, hf⟩ | ⟨r, hr, hf⟩ | ⟨r, hr, hf⟩ | ⟨r, hr, hf⟩ | ⟨r, hr, hf⟩
  · exact (cpu_no_bytes r f hf).1 hh
  · exact (alu_no_stmt r f hf).1 hh
  · exact (logic_no_stmt r f hf).1 hh
  · exact (mul_no_stmt r f hf).1 hh
  · exact (div_no_stmt r f hf).1 hh
  · exact (mem_no_stmt r f hf).1 hh
  · exact (syscall_no_stmt r f hf).1 hh
  · rcases (io_byte_mult (hok.io r hr) hf).2 hh with h | h <;> rw [h1] at h
    · exact hn1.1 h
    · exact hn1.2 h
  · exact (range_no_stmt r f hf).1 hh
  · exact (private_no_stmt r f hf).1 hh
  · exact (boundary_no_stmt r f hf).1 hh

/-- **The output bytes, from the bus** (the run theorem's `hout`): an OUTPUT message a table sends
is received by the statement, whose OUTPUT messages are the claimed output's bytes at their
positions, below its length (`BusLookups.output_sound`, no table receiving OUTPUT). -/
theorem output_of_bus {T : Tables} (hok : T.Ok) {ssent srcvd : List (List BabyBear)}
    (hb : Balanced T ssent srcvd) {out : List BabyBear} (hlen : out.length < 2013265921)
    (hsr : ∀ m ∈ srcvd, m.head? = some 9 → m ∈ Zkvm.Air.BusLookups.outputReceives out) :
    ∀ (pos : Nat) (b : BabyBear), pos < 2013265921 → [9, ((pos : Nat) : BabyBear), b] ∈ T.sent →
      pos < out.length ∧ b = out.getD pos 0 := fun pos b hpos hm =>
  (Zkvm.Air.BusLookups.output_sound out hlen _ _ (withTag_balanced hb (by simp [countedTags]))
    (fun m hm' h9 => (List.mem_append.mp (mem_withTag.mp hm').1).elim
      (fun h => absurd (not_rcvd_output hok h h9) id) (fun h => hsr m h h9))
    hpos (mem_withTag.mpr ⟨List.mem_append_left _ hm, rfl⟩))

/-- **The input bytes, from the bus** (the run theorem's `hinB`): an INPUT message a table
receives is sent by the statement, whose INPUT messages are the input's bytes below the consumed
count (`BusLookups.input_sound`, no table sending INPUT). -/
theorem input_of_bus {T : Tables} (hok : T.Ok) {ssent srcvd : List (List BabyBear)}
    (hb : Balanced T ssent srcvd) {input : List BabyBear} {consumed : Nat}
    (hcons : consumed < 2013265921)
    (hss : ∀ m ∈ ssent, m.head? = some 8 → m ∈ Zkvm.Air.BusLookups.inputSends input consumed) :
    ∀ (pos : Nat) (b : BabyBear), pos < 2013265921 → [8, ((pos : Nat) : BabyBear), b] ∈ T.rcvd →
      pos < consumed ∧ b = input.getD pos 0 := fun pos b hpos hm =>
  Zkvm.Air.BusLookups.input_sound input consumed hcons _ _
    (withTag_balanced hb (by simp [countedTags]))
    (fun m hm' h8 => (List.mem_append.mp (mem_withTag.mp hm').1).elim
      (fun h => absurd (not_sent_input hok h h8) id) (fun h => hss m h h8))
    hpos (mem_withTag.mpr ⟨List.mem_append_left _ hm, rfl⟩)

theorem byteTag_ne_exit {r : Row BabyBear} (hg : Io.Groups r) : Io.byteTag r ≠ 12 := fun h => by
  have := byteTag_mem hg; rw [h] at this; revert this; decide

/-- No table receives an EXIT message (tag 12) once (the CPU sends it with multiplicity halt). -/
theorem not_rcvd_exit {T : Tables} (hok : T.Ok)
    (hhb : ∀ r ∈ T.cpu, r Cpu.Col.halt = 0 ∨ r Cpu.Col.halt = 1) {m : List BabyBear}
    (hm : m ∈ T.rcvd) (hh : m.head? = some 12) : False := by
  obtain ⟨f, hf, rfl⟩ := List.mem_map.mp hm
  obtain ⟨hf, h1⟩ := List.mem_filter.mp hf
  simp only [decide_eq_true_eq] at h1
  simp only [Tables.fractions, List.mem_append, List.mem_flatMap, or_assoc] at hf
  rcases hf with ⟨r, hr, hf⟩ | ⟨r, hr, hf⟩ | ⟨r, hr, hf⟩ | ⟨r, hr, hf⟩ | ⟨r, hr, hf⟩ |
    ⟨r, hr, hf⟩ | ⟨r, hr, hf⟩ | ⟨r, hr, hf⟩ | ⟨r, hr, hf⟩ | ⟨r, hr, hf⟩ | ⟨r, hr, hf⟩
  · -- the CPU's only tag-12 fraction is its EXIT send, multiplicity halt
    have hmem : f ∈ Cpu.fractions r := hf
    simp only [Cpu.fractions, Cpu.port, Cpu.tagProg, Cpu.tagMem, Cpu.tagU16, Cpu.tagExec,
      Cpu.tagHalt, Cpu.tagExit, List.cons_append, List.nil_append,
      List.mem_cons, List.not_mem_nil, or_false] at hmem
    rcases hmem with rfl | rfl | rfl | rfl | rfl | rfl | rfl | rfl | rfl | rfl | rfl | rfl |
      rfl | rfl | rfl | rfl <;> simp at hh h1 <;> first
      | exact absurd hh (by decide)
      | (rcases hhb r hr with h | h <;> rw [h] at h1 <;> exact absurd h1 (by decide))
  · exact (alu_no_stmt r f hf).2.2 hh
  · exact (logic_no_stmt r f hf).2.2 hh
  · exact (mul_no_stmt r f hf).2.2 hh
  · exact (div_no_stmt r f hf).2.2 hh
  · exact (mem_no_stmt r f hf).2.2 hh
  · exact (syscall_no_stmt r f hf).2.2 hh
  · have hb := byteTag_ne_exit (hok.io r hr)
    have hio : ∀ f ∈ Io.fractions r, f.fields.head? ≠ some 12 := by
      simp only [Io.fractions, Io.tagMem, Io.tagU16, Io.tagU8, Io.tagIo,
        List.forall_mem_cons, List.not_mem_nil, false_implies, implies_true, and_true]
      simp (config := { decide := true }) [hb]
    exact hio f hf hh
  · exact (range_no_stmt r f hf).2.2 hh
  · exact (private_no_stmt r f hf).2.2 hh
  · exact (boundary_no_stmt r f hf).2.2 hh

/-- **The exit, from the bus** (the run theorem's EXIT hypotheses): with the one balance, the
EXIT messages of the tables and the statement balance, every EXIT message received is the
statement's, and the halting row's EXIT is sent. -/
theorem exit_of_bus {T : Tables} (hok : T.Ok)
    (hhb : ∀ r ∈ T.cpu, r Cpu.Col.halt = 0 ∨ r Cpu.Col.halt = 1)
    {ssent srcvd : List (List BabyBear)} {lo hi cycles : BabyBear}
    (hsr : ∀ m ∈ srcvd, m.head? = some 12 → m = [12, lo, hi, cycles])
    {r : Row BabyBear} (hr : r ∈ T.cpu) (hh : r Cpu.Col.halt = 1) :
    (∀ m ∈ T.rcvd ++ srcvd, m.head? = some 12 → m = [12, lo, hi, cycles]) ∧
      [12, r Cpu.Col.bLo, r Cpu.Col.bHi, r Cpu.Col.clk + 1] ∈ T.sent ++ ssent := by
  refine ⟨fun m hm h12 => ?_, List.mem_append_left _ ?_⟩
  · rcases List.mem_append.mp hm with h | h
    · exact absurd (not_rcvd_exit hok hhb h h12) id
    · exact hsr m h h12
  · exact Tables.sent_of (f := ⟨r Cpu.Col.halt, [Cpu.tagExit, r Cpu.Col.bLo, r Cpu.Col.bHi,
      r Cpu.Col.clk + 1]⟩) (Tables.of_cpu hr (List.mem_of_getElem? (l := Cpu.fractions r)
        (i := 15) rfl)) hh

end Zkvm.Air.V2.Exec

end
