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

/-- 0 or 1. -/
def IsBit (x : BabyBear) : Prop := x = 0 ∨ x = 1

/-- The lookup tags: POW2 4, U16 5, U8 6, AND4 7. -/
def LookupTag (m : List BabyBear) : Prop := ∃ t ∈ ([4, 5, 6, 7] : List BabyBear), m.head? = some t

theorem lookupTag_cons {t : BabyBear} {rest : List BabyBear} :
    LookupTag (t :: rest) ↔ (t = 4 ∨ t = 5 ∨ t = 6 ∨ t = 7) := by
  simp only [LookupTag, List.head?_cons, Option.some.injEq, List.mem_cons, List.not_mem_nil,
    or_false]
  constructor
  · rintro ⟨t', h, rfl⟩; exact h
  · intro h; exact ⟨t, h, rfl⟩

theorem eq_zero_of_val {x : BabyBear} (h : x.val = 0) : x = 0 := BabyBear.ext (by rw [h]; rfl)
theorem eq_one_of_val {x : BabyBear} (h : x.val = 1) : x = 1 := BabyBear.ext (by rw [h]; rfl)

theorem bit_of_le {x : BabyBear} (h : x.val ≤ 1) : IsBit x := by
  rcases Nat.le_one_iff_eq_zero_or_eq_one.mp h with h0 | h1
  · exact Or.inl (eq_zero_of_val h0)
  · exact Or.inr (eq_one_of_val h1)

theorem bit_of_bool {x : BabyBear} (h : x * (x - 1) = 0) : IsBit x :=
  Zkvm.Air.eq_zero_or_one_of_mul_sub_one h

theorem bit_val_le {x : BabyBear} (h : IsBit x) : x.val ≤ 1 := by
  rcases h with rfl | rfl <;> decide

theorem bit_mul {x y : BabyBear} (hx : IsBit x) (hy : IsBit y) : IsBit (x * y) := by
  rcases hx with rfl | rfl <;> rcases hy with rfl | rfl <;> first
    | exact Or.inl (by decide) | exact Or.inr (by decide)

/-- A sum of values at most 1, cast into the field, is 0 or 1. -/
theorem bit_of_cast {x : BabyBear} {n : Nat} (he : x = ((n : Nat) : BabyBear)) (hn : n ≤ 1) :
    IsBit x := by
  rcases Nat.le_one_iff_eq_zero_or_eq_one.mp hn with rfl | rfl
  · exact Or.inl he
  · exact Or.inr he

variable {r : Row BabyBear}

/-! ## The coprocessors' multiplicities -/

theorem alu_bits (hg : Alu.Groups r) :
    IsBit (Alu.real r) ∧ IsBit (Alu.signed r) ∧
      IsBit (Alu.signed r - r Alu.Col.fSlt * r Alu.Col.useImm) ∧
      IsBit (r Alu.Col.fSlt * r Alu.Col.useImm) := by
  have s := Alu.flag_sum hg
  have hs : Alu.signed r = (((r Alu.Col.fSlt).val + (r Alu.Col.fBlt).val +
      (r Alu.Col.fBge).val : Nat) : BabyBear) := by
    unfold Alu.signed; push_natCast
  have hsb : IsBit (Alu.signed r) := bit_of_cast hs (by omega)
  have hu : IsBit (r Alu.Col.useImm) := bit_of_bool hg.bool_useImm
  have hslt : IsBit (r Alu.Col.fSlt) := bit_of_le (by omega)
  refine ⟨bit_of_le (alu_real_le hg), hsb, ?_, bit_mul hslt hu⟩
  rcases hslt with h0 | h1
  · rw [h0]
    have : Alu.signed r - 0 * r Alu.Col.useImm = Alu.signed r := by grind
    rw [this]; exact hsb
  · have hv : (r Alu.Col.fSlt).val = 1 := by rw [h1]; rfl
    have hb1 : r Alu.Col.fBlt = 0 := eq_zero_of_val (by omega)
    have hb2 : r Alu.Col.fBge = 0 := eq_zero_of_val (by omega)
    have : Alu.signed r - r Alu.Col.fSlt * r Alu.Col.useImm = 1 - r Alu.Col.useImm := by
      unfold Alu.signed; rw [h1, hb1, hb2]; grind
    rw [this]
    rcases hu with e | e <;> rw [e]
    · exact Or.inr (by decide)
    · exact Or.inl (by decide)

theorem mul_bits (hg : Mul.Groups r) :
    IsBit (Mul.real r) ∧ IsBit (Mul.multiplies r) ∧ IsBit (Mul.shifts r) := by
  have s := Mul.flag_sum hg
  refine ⟨bit_of_le (mul_real_le hg), bit_of_cast (n := (r Mul.Col.fMul).val +
      (r Mul.Col.fMulh).val + ((r Mul.Col.fMulhsu).val + (r Mul.Col.fMulhu).val)) ?_ (by omega),
    bit_of_cast (n := (r Mul.Col.fSll).val + (r Mul.Col.fSrl).val + (r Mul.Col.fSra).val) ?_
      (by omega)⟩
  · unfold Mul.multiplies; push_natCast
  · unfold Mul.shifts; push_natCast

theorem div_bits (hg : Div.Groups r) :
    IsBit (Div.real r) ∧ IsBit (Div.signed r) ∧ IsBit (Div.compares r) := by
  have s := Div.flag_sum hg
  have hrb : IsBit (Div.real r) := bit_of_le (div_real_le hg)
  refine ⟨hrb, bit_of_cast (n := (r Div.Col.fDiv).val + (r Div.Col.fRem).val) ?_ (by omega), ?_⟩
  · unfold Div.signed; push_natCast
  · have hyz := hg.yz_bool
    unfold Div.compares
    rcases hrb with h0 | h1
    · rw [h0] at hyz ⊢
      have hsq : r Div.Col.yz * r Div.Col.yz = 0 := by grind
      rcases Zkvm.Field.eq_zero_or_eq_zero_of_mul_eq_zero hsq with e | e <;> rw [e] <;>
        exact Or.inl (by decide)
    · rw [h1] at hyz ⊢
      rcases Zkvm.Field.eq_zero_or_eq_zero_of_mul_eq_zero hyz with e | e
      · rw [e]; exact Or.inr (by decide)
      · exact Or.inl e

theorem mem_bits (hg : Mem.Groups r) :
    IsBit (Mem.real r) ∧ IsBit (Mem.isSub r) ∧
      IsBit (r Mem.Col.fLb + r Mem.Col.fLh + r Mem.Col.fSb) ∧ IsBit (r Mem.Col.fSb) := by
  have s := Mem.flag_sum hg
  refine ⟨bit_of_le (mem_real_le hg), bit_of_cast (n := (r Mem.Col.fLb).val +
      (r Mem.Col.fLh).val + (r Mem.Col.fLbu).val + (r Mem.Col.fLhu).val + (r Mem.Col.fSb).val +
      (r Mem.Col.fSh).val) ?_ (by omega),
    bit_of_cast (n := (r Mem.Col.fLb).val + (r Mem.Col.fLh).val + (r Mem.Col.fSb).val) ?_
      (by omega), bit_of_le (by omega)⟩
  · unfold Mem.isSub; push_natCast
  · push_natCast

theorem syscall_bits {pub : Row BabyBear} (hg : Syscall.Groups r pub) :
    IsBit (Syscall.moves r) ∧ IsBit (Syscall.cursorOn r) ∧ IsBit (r Syscall.Col.fExit) ∧
      IsBit (r Syscall.Col.fRead) := by
  refine ⟨bit_of_le (moves_le hg), ?_, bit_of_bool hg.bool_exit, bit_of_bool hg.bool_read⟩
  have hre := bit_of_bool hg.bool_real
  have hd := bit_of_bool hg.bool_fd2
  have hw := bit_of_bool hg.bool_write
  have hfw := hg.fd2_write
  unfold Syscall.cursorOn Syscall.moves
  unfold Syscall.real at hre
  rcases hd with h0 | h1
  · rw [h0]
    have : r Syscall.Col.fRead + r Syscall.Col.fWrite + r Syscall.Col.fExit - 0 =
        r Syscall.Col.fRead + r Syscall.Col.fWrite + r Syscall.Col.fExit := by grind
    rw [this]; exact hre
  · rw [h1] at hfw ⊢
    have hw1 : r Syscall.Col.fWrite = 1 := by
      have := Zkvm.Air.eq_of_sub_eq_zero (show (1 : BabyBear) - r Syscall.Col.fWrite = 0 by grind)
      exact this.symm
    -- the three kinds are exclusive, so on a write neither read nor exit is set
    have hrd := bit_of_bool hg.bool_read
    have hex := bit_of_bool hg.bool_exit
    rw [hw1] at hre ⊢
    rcases hrd with e1 | e1 <;> rcases hex with e2 | e2 <;> rw [e1, e2] at hre ⊢ <;>
      first
        | exact Or.inl (by decide)
        | exact absurd hre (by unfold IsBit; decide)

/-! ## The census -/

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

/-- The CPU, PRIVATE and BOUNDARY rows' booleans (their groups' booleanity constraints). -/
structure Bools (T : Tables) : Prop where
  cpu : ∀ r ∈ T.cpu, IsBit (r Cpu.Col.isReal) ∧ IsBit (r Cpu.Col.fWr)
  priv : ∀ r ∈ T.priv, IsBit (r Private.Col.real) ∧ IsBit (r Private.Col.endRow)
  bnd : ∀ r ∈ T.bnd, IsBit (Boundary.real r) ∧ IsBit (r Boundary.Col.bZero)

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
