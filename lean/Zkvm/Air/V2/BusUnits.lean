module

public import Zkvm.Air.V2.BusNet

/-!
# Unit multiplicities on the counted tags

`balanced_of_net` needs every table fraction with a counted tag (INPUT, OUTPUT, EXEC, HALT,
EXIT, IO) to have multiplicity −1, 0 or 1 (`UnitMults`, docs/air.md §12.2 (d)). Table by table
(`*_units`), over rows meeting their groups: the coprocessors' EXEC receives are −real, the
SYSCALL row's HALT send f_exit and its IO start and end ±moves, the IO row's link ±real and its
byte messages ±moved (`io_byte_mult`); every other fraction carries a tag that is not counted.
The CPU's EXEC, HALT and EXIT fractions are f_exec, −halt and halt, which the run's rows give as
booleans. `unitMults_of` collects them.
-/

@[expose] public section

noncomputable section

namespace Zkvm.Air.V2.Exec

open Zkvm.Field Zkvm.Air.Table
open Zkvm.Air.V2.Cpu (Fraction)

/-- −1, 0 or 1. -/
def IsUnit (x : BabyBear) : Prop := x = 0 ∨ x = 1 ∨ x = -1

theorem isUnit_of_le {x : BabyBear} (h : x.val ≤ 1) : IsUnit x := by
  rcases Nat.le_one_iff_eq_zero_or_eq_one.mp h with h0 | h1
  · exact Or.inl (BabyBear.ext (by rw [h0]; rfl))
  · exact Or.inr (Or.inl (BabyBear.ext (by rw [h1]; rfl)))

theorem isUnit_neg {x : BabyBear} (h : x.val ≤ 1) : IsUnit (-x) := by
  rcases isUnit_of_le h with h0 | h1 | h2
  · rw [h0]; exact Or.inl (by decide)
  · rw [h1]; exact Or.inr (Or.inr rfl)
  · rw [h2]; exact Or.inr (Or.inl (by decide))

theorem isUnit_of_bool {x : BabyBear} (h : x = 0 ∨ x = 1) : IsUnit x :=
  h.elim Or.inl (fun h => Or.inr (Or.inl h))

theorem val_le_of_bool {x : BabyBear} (h : x = 0 ∨ x = 1) : x.val ≤ 1 := by
  rcases h with rfl | rfl <;> decide

theorem counted_cons {t : BabyBear} {rest : List BabyBear} :
    Counted (t :: rest) ↔ (t = 8 ∨ t = 9 ∨ t = 10 ∨ t = 11 ∨ t = 12 ∨ t = 13) := by
  simp only [Counted, countedTags, List.head?_cons, Option.some.injEq, List.mem_cons,
    List.not_mem_nil, or_false]
  constructor
  · rintro ⟨t', h, rfl⟩; exact h
  · intro h; exact ⟨t, h, rfl⟩

/-- Unfolds a table's fractions to one statement per fraction and decides which tags are
counted; what is left are the counted fractions' multiplicities. -/
local macro "unit_census" : tactic => `(tactic| (
  simp only [Cpu.fractions, Cpu.port, Cpu.tagProg, Cpu.tagMem, Cpu.tagU16, Cpu.tagExec,
    Cpu.tagHalt, Cpu.tagExit, Alu.fractions, Logic.fractions, Logic.and4, Mul.fractions, Mul.look,
    Div.fractions, Mem.fractions, Range.fractions, Private.fractions, Boundary.fractions,
    Syscall.fractions, Syscall.access, Syscall.tagExec, Syscall.opEcall, Syscall.tagHalt,
    Syscall.tagMem, Syscall.tagIo, Syscall.tagU16, Syscall.tagPlen,
    List.forall_mem_cons, List.not_mem_nil, false_implies, implies_true, and_true,
    List.append_assoc, List.cons_append, List.nil_append]
  <;> simp (config := { decide := true }) only [counted_cons, false_or, or_false, true_or,
    or_true, false_implies, true_implies, implies_true, and_true, true_and]))

variable {r : Row BabyBear}

theorem cpu_units (hx : r Cpu.Col.fExec = 0 ∨ r Cpu.Col.fExec = 1)
    (hh : r Cpu.Col.halt = 0 ∨ r Cpu.Col.halt = 1) :
    ∀ f ∈ Cpu.fractions r, Counted f.fields → IsUnit f.mult := by
  unit_census
  exact ⟨isUnit_of_bool hx, isUnit_neg (val_le_of_bool hh), isUnit_of_bool hh⟩

theorem alu_units (hg : Alu.Groups r) : ∀ f ∈ Alu.fractions r, Counted f.fields → IsUnit f.mult := by
  unit_census
  exact isUnit_neg (alu_real_le hg)

theorem logic_units (hg : Logic.Groups r) :
    ∀ f ∈ Logic.fractions r, Counted f.fields → IsUnit f.mult := by
  unit_census
  exact isUnit_neg (logic_real_le hg)

theorem mul_units (hg : Mul.Groups r) : ∀ f ∈ Mul.fractions r, Counted f.fields → IsUnit f.mult := by
  unit_census
  exact isUnit_neg (mul_real_le hg)

theorem div_units (hg : Div.Groups r) : ∀ f ∈ Div.fractions r, Counted f.fields → IsUnit f.mult := by
  unit_census
  exact isUnit_neg (div_real_le hg)

theorem mem_units (hg : Mem.Groups r) : ∀ f ∈ Mem.fractions r, Counted f.fields → IsUnit f.mult := by
  unit_census
  exact isUnit_neg (mem_real_le hg)

theorem syscall_units {pub : Row BabyBear} (hg : Syscall.Groups r pub) :
    ∀ f ∈ Syscall.fractions r, Counted f.fields → IsUnit f.mult := by
  unit_census
  exact ⟨isUnit_neg (syscall_real_le hg), isUnit_of_le (Felt.val_le_one_of_bool hg.bool_exit),
    isUnit_of_le (moves_le hg), isUnit_neg (moves_le hg)⟩

theorem range_units : ∀ f ∈ Range.fractions r, Counted f.fields → IsUnit f.mult := by
  unit_census

theorem private_units : ∀ f ∈ Private.fractions r, Counted f.fields → IsUnit f.mult := by
  unit_census

theorem boundary_units : ∀ f ∈ Boundary.fractions r, Counted f.fields → IsUnit f.mult := by
  unit_census

theorem io_units (hg : Io.Groups r) : ∀ f ∈ Io.fractions r, Counted f.fields → IsUnit f.mult := by
  intro f hf hc
  obtain ⟨t, ht, hh⟩ := hc
  have hb := io_byte_mult hg hf
  by_cases h8 : t = 8
  · subst h8
    rcases hb.2 hh with h | h
    · exact Or.inl h
    · exact Or.inr (Or.inr h)
  by_cases h9 : t = 9
  · subst h9
    rcases hb.1 hh with h | h
    · exact Or.inl h
    · exact Or.inr (Or.inl h)
  -- the other counted tags: only the IO links (13) with ±real; the bytes carry byteTag, which
  -- is never 10 … 13
  have hbt := byteTag_mem hg
  have hreal := Felt.val_le_one_of_bool hg.bool_real
  simp only [Io.fractions, Io.tagIo, Io.tagMem, Io.tagU16, Io.tagU8, List.mem_cons,
    List.not_mem_nil, or_false] at hf
  simp only [countedTags, List.mem_cons, List.not_mem_nil, or_false] at ht
  rcases hf with rfl | rfl | rfl | rfl | rfl | rfl | rfl | rfl | rfl | rfl | rfl | rfl | rfl | rfl
  · exact isUnit_neg hreal
  · exact isUnit_of_le hreal
  all_goals
    simp only [List.head?_cons, Option.some.injEq] at hh
    subst hh
    exfalso
    first
      | (revert ht; decide)
      | (revert hbt ht h8 h9
         simp only [List.mem_cons, List.not_mem_nil, or_false]
         intro hbt ht h8 h9
         rcases hbt with e | e | e | e | e | e | e | e <;> rw [e] at ht h8 h9 <;> revert ht h8 h9 <;>
           decide)

/-- **Unit multiplicities on the counted tags, for every table** (the hypothesis of
`balanced_of_net`), from every row meeting its groups and the CPU rows' f_exec and halt being
booleans. -/
theorem unitMults_of {T : Tables} (hok : T.Ok) (hlk : T.Looks)
    (hhb : ∀ r ∈ T.cpu, r Cpu.Col.halt = 0 ∨ r Cpu.Col.halt = 1) : UnitMults T := by
  intro f hf hc
  simp only [Tables.fractions, List.mem_append, List.mem_flatMap, or_assoc] at hf
  rcases hf with ⟨r, hr, hf⟩ | ⟨r, hr, hf⟩ | ⟨r, hr, hf⟩ | ⟨r, hr, hf⟩ | ⟨r, hr, hf⟩ |
    ⟨r, hr, hf⟩ | ⟨r, hr, hf⟩ | ⟨r, hr, hf⟩ | ⟨r, hr, hf⟩ | ⟨r, hr, hf⟩ | ⟨r, hr, hf⟩
  · exact cpu_units (hlk.cpu r hr) (hhb r hr) f hf hc
  · exact alu_units (hok.alu r hr) f hf hc
  · exact logic_units (hok.logic r hr) f hf hc
  · exact mul_units (hok.mul r hr) f hf hc
  · exact div_units (hok.div r hr) f hf hc
  · exact mem_units (hok.mem r hr) f hf hc
  · obtain ⟨pub, hg⟩ := hok.sys r hr
    exact syscall_units hg f hf hc
  · exact io_units (hok.io r hr) f hf hc
  · exact range_units f hf hc
  · exact private_units f hf hc
  · exact boundary_units f hf hc

end Zkvm.Air.V2.Exec

end
