module

public import Zkvm.Air.V2.BusUnits

/-!
# Lookups are sent with multiplicity 0 or 1

Lookup soundness over net multiplicities (docs/air.md §12.2 (d)) needs every fraction that looks
up a value (U16 5, U8 6, POW2 4, AND4 7: `LookupTag`) to have multiplicity 0 or 1 — a fraction
with another multiplicity could cancel lookups of a value no receiver holds. Only the receivers
(RANGE and FIXED) carry free counts. Table by table (`*_sends`), over rows meeting their groups,
each lookup's multiplicity is a flag or a sum of exclusive flags: is_real, the coprocessors'
real, signed, multiplies, shifts, compares, the MEM row's sub-word flags, the SYSCALL row's
moves, cursorOn, f_exit and f_read. The CPU, PRIVATE and BOUNDARY tables' booleans (is_real and
f_wr; real and end; real and zero) are their groups' and are taken as hypotheses here
(`Bools`). `sends_of` collects them: every table fraction with a lookup tag has multiplicity 0
or 1, or is a RANGE row's receive.
-/

@[expose] public section

noncomputable section

namespace Zkvm.Air.V2.Exec

open Zkvm.Field Zkvm.Air.Table
open Zkvm.Air.V2.Cpu (Fraction)

/-- The lookup tags: POW2 4, U16 5, U8 6, AND4 7. -/
def LookupTag (m : List BabyBear) : Prop := ∃ t ∈ ([4, 5, 6, 7] : List BabyBear), m.head? = some t

theorem lookupTag_cons {t : BabyBear} {rest : List BabyBear} :
    LookupTag (t :: rest) ↔ (t = 4 ∨ t = 5 ∨ t = 6 ∨ t = 7) := by
  simp only [LookupTag, List.head?_cons, Option.some.injEq, List.mem_cons, List.not_mem_nil,
    or_false]
  constructor
  · rintro ⟨t', h, rfl⟩; exact h
  · intro h; exact ⟨t, h, rfl⟩

/-! ## The census -/

variable {r : Row BabyBear}

/-- Unfolds a table's fractions to one statement per fraction and decides which tags are lookup
tags; what is left are the lookups' multiplicities. -/
local macro "lookup_census" : tactic => `(tactic| (
  simp only [Cpu.fractions, Cpu.port, Cpu.tagProg, Cpu.tagMem, Cpu.tagU16, Cpu.tagExec,
    Cpu.tagHalt, Cpu.tagExit, Alu.fractions, Logic.fractions, Logic.and4, Mul.fractions, Mul.look,
    Div.fractions, Mem.fractions, Range.fractions, Private.fractions, Boundary.fractions,
    Syscall.fractions, Syscall.access, Syscall.tagExec, Syscall.opEcall, Syscall.tagHalt,
    Syscall.tagMem, Syscall.tagIo, Syscall.tagU16, Syscall.tagPlen,
    List.forall_mem_cons, List.not_mem_nil, false_implies, implies_true, and_true,
    List.append_assoc, List.cons_append, List.nil_append]
  <;> simp (config := { decide := true }) only [lookupTag_cons, false_or, or_false, true_or,
    or_true, false_implies, true_implies, implies_true, and_true, true_and]
  <;> (repeat' apply And.intro) <;> assumption))

theorem alu_sends (hg : Alu.Groups r) :
    ∀ f ∈ Alu.fractions r, LookupTag f.fields → IsBit f.mult := by
  obtain ⟨h1, h2, h3, h4⟩ := alu_bits hg
  lookup_census

theorem logic_sends (hg : Logic.Groups r) :
    ∀ f ∈ Logic.fractions r, LookupTag f.fields → IsBit f.mult := by
  have h1 : IsBit (Logic.real r) := bit_of_le (logic_real_le hg)
  lookup_census

theorem mul_sends (hg : Mul.Groups r) :
    ∀ f ∈ Mul.fractions r, LookupTag f.fields → IsBit f.mult := by
  obtain ⟨h1, h2, h3⟩ := mul_bits hg
  lookup_census

theorem div_sends (hg : Div.Groups r) :
    ∀ f ∈ Div.fractions r, LookupTag f.fields → IsBit f.mult := by
  obtain ⟨h1, h2, h3⟩ := div_bits hg
  lookup_census

theorem mem_sends (hg : Mem.Groups r) :
    ∀ f ∈ Mem.fractions r, LookupTag f.fields → IsBit f.mult := by
  obtain ⟨h1, h2, h3, h4⟩ := mem_bits hg
  lookup_census

theorem syscall_sends {pub : Row BabyBear} (hg : Syscall.Groups r pub) :
    ∀ f ∈ Syscall.fractions r, LookupTag f.fields → IsBit f.mult := by
  obtain ⟨h1, h2, h3, h4⟩ := syscall_bits hg
  lookup_census

theorem cpu_sends (h1 : IsBit (r Cpu.Col.isReal)) (h2 : IsBit (r Cpu.Col.fWr)) :
    ∀ f ∈ Cpu.fractions r, LookupTag f.fields → IsBit f.mult := by
  lookup_census

theorem private_sends (h1 : IsBit (r Private.Col.real)) (h2 : IsBit (r Private.Col.endRow)) :
    ∀ f ∈ Private.fractions r, LookupTag f.fields → IsBit f.mult := by
  lookup_census

theorem boundary_sends (h1 : IsBit (Boundary.real r)) (h2 : IsBit (r Boundary.Col.bZero)) :
    ∀ f ∈ Boundary.fractions r, LookupTag f.fields → IsBit f.mult := by
  lookup_census

theorem io_sends (hg : Io.Groups r) :
    ∀ f ∈ Io.fractions r, LookupTag f.fields → IsBit f.mult := by
  have hreal : IsBit (Io.real r) := bit_of_bool hg.bool_real
  have hbt := byteTag_mem hg
  simp only [List.mem_cons, List.not_mem_nil, or_false] at hbt
  have hne : ¬ (Io.byteTag r = 4 ∨ Io.byteTag r = 5 ∨ Io.byteTag r = 6 ∨ Io.byteTag r = 7) := by
    rcases hbt with e | e | e | e | e | e | e | e <;> rw [e] <;> decide
  intro f hf hl
  simp only [Io.fractions, Io.tagIo, Io.tagMem, Io.tagU16, Io.tagU8, List.mem_cons,
    List.not_mem_nil, or_false] at hf
  rcases hf with rfl | rfl | rfl | rfl | rfl | rfl | rfl | rfl | rfl | rfl | rfl | rfl | rfl | rfl
  all_goals first
    | exact hreal
    | exact absurd (lookupTag_cons.mp hl) hne
    | exact absurd (lookupTag_cons.mp hl) (by decide)

/-- **Every lookup is sent with multiplicity 0 or 1**, or is a RANGE row's receive. -/
theorem sends_of {T : Tables} (hok : T.Ok) (hb : Bools T) {f : Fraction BabyBear}
    (hf : f ∈ T.fractions) (hl : LookupTag f.fields) :
    IsBit f.mult ∨ ∃ r ∈ T.range, f ∈ Range.fractions r := by
  simp only [Tables.fractions, List.mem_append, List.mem_flatMap, or_assoc] at hf
  rcases hf with ⟨r, hr, hf⟩ | ⟨r, hr, hf⟩ | ⟨r, hr, hf⟩ | ⟨r, hr, hf⟩ | ⟨r, hr, hf⟩ |
    ⟨r, hr, hf⟩ | ⟨r, hr, hf⟩ | ⟨r, hr, hf⟩ | ⟨r, hr, hf⟩ | ⟨r, hr, hf⟩ | ⟨r, hr, hf⟩
  · exact Or.inl (cpu_sends (hb.cpu r hr).1 (hb.cpu r hr).2 f hf hl)
  · exact Or.inl (alu_sends (hok.alu r hr) f hf hl)
  · exact Or.inl (logic_sends (hok.logic r hr) f hf hl)
  · exact Or.inl (mul_sends (hok.mul r hr) f hf hl)
  · exact Or.inl (div_sends (hok.div r hr) f hf hl)
  · exact Or.inl (mem_sends (hok.mem r hr) f hf hl)
  · obtain ⟨pub, hg⟩ := hok.sys r hr
    exact Or.inl (syscall_sends hg f hf hl)
  · exact Or.inl (io_sends (hok.io r hr) f hf hl)
  · exact Or.inr ⟨r, hr, hf⟩
  · exact Or.inl (private_sends (hb.priv r hr).1 (hb.priv r hr).2 f hf hl)
  · exact Or.inl (boundary_sends (hb.bnd r hr).1 (hb.bnd r hr).2 f hf hl)

end Zkvm.Air.V2.Exec

end
