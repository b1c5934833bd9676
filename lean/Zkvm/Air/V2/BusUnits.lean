module

public import Zkvm.Air.V2.BusNet

/-!
# Unit multiplicities on the counted tags

`balanced_of_net` needs every table fraction with a counted tag (MEM, INPUT, OUTPUT, EXEC, HALT,
EXIT, IO) to have multiplicity −1, 0 or 1 (`UnitMults`, docs/air.md §12.2 (d)). Table by table
(`*_units`), over rows meeting their groups: the coprocessors' EXEC receives are −real, the
memory accesses' receive and send ±(the access's flag: real, moves, cursorOn, f_exit, the
BOUNDARY row's real, the PRIVATE end row's flag), the SYSCALL row's HALT send f_exit and its IO
start and end ±moves, the IO row's link ±real and its byte messages ±moved (`io_byte_mult`);
every other fraction carries a tag that is not counted. The CPU's ports, EXEC, HALT and EXIT
fractions are ±is_real, ±f_wr, f_exec, −halt and halt, booleans of its groups. The flags' bits
(`alu_bits` … `syscall_bits`: sums of exclusive one-hot flags, cursorOn by cases on fd 2) also
serve the lookups (`BusSends`). `unitMults_of` collects them.
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

/-- 0 or 1. -/
def IsBit (x : BabyBear) : Prop := x = 0 ∨ x = 1

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

/-- The CPU, PRIVATE and BOUNDARY rows' booleans (their groups' booleanity constraints). -/
structure Bools (T : Tables) : Prop where
  cpu : ∀ r ∈ T.cpu, IsBit (r Cpu.Col.isReal) ∧ IsBit (r Cpu.Col.fWr)
  priv : ∀ r ∈ T.priv, IsBit (r Private.Col.real) ∧ IsBit (r Private.Col.endRow)
  bnd : ∀ r ∈ T.bnd, IsBit (Boundary.real r) ∧ IsBit (r Boundary.Col.bZero)

theorem counted_cons {t : BabyBear} {rest : List BabyBear} :
    Counted (t :: rest) ↔ (t = 2 ∨ t = 8 ∨ t = 9 ∨ t = 10 ∨ t = 11 ∨ t = 12 ∨ t = 13) := by
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
    or_true, false_implies, true_implies, implies_true, and_true, true_and]
  <;> (repeat' apply And.intro) <;> assumption))


theorem units_of_bit {x : BabyBear} (h : IsBit x) : IsUnit x ∧ IsUnit (-x) :=
  ⟨isUnit_of_bool h, isUnit_neg (bit_val_le h)⟩

theorem cpu_units (hx : IsBit (r Cpu.Col.fExec)) (hh : IsBit (r Cpu.Col.halt))
    (hr : IsBit (r Cpu.Col.isReal)) (hw : IsBit (r Cpu.Col.fWr)) :
    ∀ f ∈ Cpu.fractions r, Counted f.fields → IsUnit f.mult := by
  obtain ⟨h1, h2⟩ := units_of_bit hx
  obtain ⟨h3, h4⟩ := units_of_bit hh
  obtain ⟨h5, h6⟩ := units_of_bit hr
  obtain ⟨h7, h8⟩ := units_of_bit hw
  unit_census

theorem alu_units (hg : Alu.Groups r) : ∀ f ∈ Alu.fractions r, Counted f.fields → IsUnit f.mult := by
  have h1 := isUnit_neg (alu_real_le hg)
  unit_census

theorem logic_units (hg : Logic.Groups r) :
    ∀ f ∈ Logic.fractions r, Counted f.fields → IsUnit f.mult := by
  have h1 := isUnit_neg (logic_real_le hg)
  unit_census

theorem mul_units (hg : Mul.Groups r) : ∀ f ∈ Mul.fractions r, Counted f.fields → IsUnit f.mult := by
  have h1 := isUnit_neg (mul_real_le hg)
  unit_census

theorem div_units (hg : Div.Groups r) : ∀ f ∈ Div.fractions r, Counted f.fields → IsUnit f.mult := by
  have h1 := isUnit_neg (div_real_le hg)
  unit_census

theorem mem_units (hg : Mem.Groups r) : ∀ f ∈ Mem.fractions r, Counted f.fields → IsUnit f.mult := by
  obtain ⟨h1, h2⟩ := units_of_bit (bit_of_le (mem_real_le hg))
  unit_census

theorem syscall_units {pub : Row BabyBear} (hg : Syscall.Groups r pub) :
    ∀ f ∈ Syscall.fractions r, Counted f.fields → IsUnit f.mult := by
  obtain ⟨hm, hc, he, -⟩ := syscall_bits hg
  obtain ⟨h1, h2⟩ := units_of_bit (bit_of_le (syscall_real_le hg))
  obtain ⟨h3, h4⟩ := units_of_bit hm
  obtain ⟨h5, h6⟩ := units_of_bit hc
  obtain ⟨h7, h8⟩ := units_of_bit he
  unit_census

theorem range_units : ∀ f ∈ Range.fractions r, Counted f.fields → IsUnit f.mult := by
  unit_census

theorem private_units (he : IsBit (r Private.Col.endRow)) :
    ∀ f ∈ Private.fractions r, Counted f.fields → IsUnit f.mult := by
  obtain ⟨h1, h2⟩ := units_of_bit he
  unit_census

theorem boundary_units (hr : IsBit (Boundary.real r)) :
    ∀ f ∈ Boundary.fractions r, Counted f.fields → IsUnit f.mult := by
  obtain ⟨h1, h2⟩ := units_of_bit hr
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
  -- the other counted tags: the IO links (13) and the word's MEM messages (2) with ±real; the
  -- bytes carry byteTag, which is never 2 or 10 … 13
  have hbt := byteTag_mem hg
  have hreal := Felt.val_le_one_of_bool hg.bool_real
  simp only [Io.fractions, Io.tagIo, Io.tagMem, Io.tagU16, Io.tagU8, List.mem_cons,
    List.not_mem_nil, or_false] at hf
  simp only [countedTags, List.mem_cons, List.not_mem_nil, or_false] at ht
  rcases hf with rfl | rfl | rfl | rfl | rfl | rfl | rfl | rfl | rfl | rfl | rfl | rfl | rfl | rfl
  · exact isUnit_neg hreal
  · exact isUnit_of_le hreal
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
    (hhb : ∀ r ∈ T.cpu, r Cpu.Col.halt = 0 ∨ r Cpu.Col.halt = 1) (hb : Bools T) :
    UnitMults T := by
  intro f hf hc
  simp only [Tables.fractions, List.mem_append, List.mem_flatMap, or_assoc] at hf
  rcases hf with ⟨r, hr, hf⟩ | ⟨r, hr, hf⟩ | ⟨r, hr, hf⟩ | ⟨r, hr, hf⟩ | ⟨r, hr, hf⟩ |
    ⟨r, hr, hf⟩ | ⟨r, hr, hf⟩ | ⟨r, hr, hf⟩ | ⟨r, hr, hf⟩ | ⟨r, hr, hf⟩ | ⟨r, hr, hf⟩
  · exact cpu_units (hlk.cpu r hr) (hhb r hr) (hb.cpu r hr).1 (hb.cpu r hr).2 f hf hc
  · exact alu_units (hok.alu r hr) f hf hc
  · exact logic_units (hok.logic r hr) f hf hc
  · exact mul_units (hok.mul r hr) f hf hc
  · exact div_units (hok.div r hr) f hf hc
  · exact mem_units (hok.mem r hr) f hf hc
  · obtain ⟨pub, hg⟩ := hok.sys r hr
    exact syscall_units hg f hf hc
  · exact io_units (hok.io r hr) f hf hc
  · exact range_units f hf hc
  · exact private_units (hb.priv r hr).2 f hf hc
  · exact boundary_units (hb.bnd r hr).1 f hf hc

end Zkvm.Air.V2.Exec

end
