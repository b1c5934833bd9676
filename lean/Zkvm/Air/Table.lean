module

public import Zkvm.Air.WordLimbs

/-!
# A minimal model of a table and its constraints

To be aligned with the extracted constraint functions: this is the shape per-table proofs
will be stated in, kept small on purpose.

* A **row** is a function from column index to field elements; a **trace** is a height `n`
  and a row for each index below it.
* A constraint function sees a **window** (docs/protocol.md §5): the current row, the next row
  (index `i + 1 mod n`), the public values and the three selectors `is_first_row`,
  `is_last_row`, `is_transition` (here `1` where the selector is non-zero and `0` where it
  vanishes: the protocol's selectors differ by non-zero factors, which does not change where a
  constraint vanishes), and returns the list of values that must be zero.
* **Groups**: a table's constraints are a list of named groups (`ofGroups`); a proof uses the
  group it needs (`satisfies_ofGroups`), never a constraint's index.
* A **word** in a row is two limb columns, decoded with `WordLimbs.ofFelts`; its limbs are
  the column values when the range lookups put them below `2^16` (`Row.word_lo`, …).

`add_sound` shows the pattern end to end on a toy ADD group.
-/

@[expose] public section

noncomputable section

namespace Zkvm.Air.Table

open Zkvm.Field Zkvm.RiscV

/-- A row: the value of every column. -/
abbrev Row (F : Type) := Nat → F

/-- What a constraint function sees at one row. -/
structure Window (F : Type) where
  cur : Row F
  next : Row F
  pub : Nat → F
  isFirst : F
  isLast : F
  isTransition : F

/-- A constraint function: the values (polynomials in the window) that must vanish. -/
abbrev ConstraintFn (F : Type) := Window F → List F

section Generic

variable {F : Type} [OfNat F 0]

/-- All constraints vanish on the window. -/
def Satisfies (cs : ConstraintFn F) (w : Window F) : Prop := ∀ e ∈ cs w, e = 0

/-- The constraint function made of named groups, in order. -/
def ofGroups (gs : List (ConstraintFn F)) : ConstraintFn F := fun w => (gs.map (· w)).flatten

theorem satisfies_ofGroups (gs : List (ConstraintFn F)) (w : Window F) :
    Satisfies (ofGroups gs) w ↔ ∀ g ∈ gs, Satisfies g w := by
  simp only [Satisfies, ofGroups, List.mem_flatten, List.mem_map]
  constructor
  · intro h g hg e he
    exact h e ⟨g w, ⟨g, hg, rfl⟩, he⟩
  · intro h e ⟨l, ⟨g, hg, hl⟩, he⟩
    subst hl
    exact h g hg e he

/-- A trace: height and rows. -/
structure Trace (F : Type) where
  height : Nat
  row : Nat → Row F

/-- The window at row `i`: next row cyclically, selectors as 0/1. -/
def Trace.window [OfNat F 1] (t : Trace F) (pub : Nat → F) (i : Nat) : Window F where
  cur := t.row i
  next := t.row ((i + 1) % t.height)
  pub := pub
  isFirst := if i = 0 then 1 else 0
  isLast := if i + 1 = t.height then 1 else 0
  isTransition := if i + 1 = t.height then 0 else 1

/-- A trace satisfies a constraint function when every row's window does. -/
def Trace.Satisfies [OfNat F 1] (t : Trace F) (cs : ConstraintFn F) (pub : Nat → F) : Prop :=
  ∀ i < t.height, Table.Satisfies cs (t.window pub i)

end Generic

/-! ## Words in a BabyBear row -/

/-- The word held in limb columns `lo`, `hi` of a row. -/
def Row.word (r : Row BabyBear) (lo hi : Nat) : Word := WordLimbs.ofFelts (r lo) (r hi)

/-- The range facts a lookup provides for a word's limb columns. -/
def Row.WordInRange (r : Row BabyBear) (lo hi : Nat) : Prop :=
  (r lo).val < 2 ^ 16 ∧ (r hi).val < 2 ^ 16

theorem Row.word_lo {r : Row BabyBear} {lo hi : Nat} (h : r.WordInRange lo hi) :
    (r.word lo hi).lo = (r lo).val := WordLimbs.lo_ofFelts _ h.1

theorem Row.word_hi {r : Row BabyBear} {lo hi : Nat} (h : r.WordInRange lo hi) :
    (r.word lo hi).hi = (r hi).val := WordLimbs.hi_ofFelts h.1 h.2

theorem Row.word_toNat {r : Row BabyBear} {lo hi : Nat} (h : r.WordInRange lo hi) :
    (r.word lo hi).toNat = (r lo).val + 2 ^ 16 * (r hi).val := WordLimbs.toNat_ofFelts h.1 h.2

/-! ## The pattern on a toy group -/

/-- A toy ADD group over columns `0, 1` (a), `2, 3` (b), `4, 5` (r), `6, 7` (carries):
`a₀ + b₀ = r₀ + 2^16·c₀`, `a₁ + b₁ + c₀ = r₁ + 2^16·c₁`, carries boolean. -/
def addGroup : ConstraintFn BabyBear := fun w =>
  [w.cur 0 + w.cur 2 - w.cur 4 - 65536 * w.cur 6,
   w.cur 1 + w.cur 3 + w.cur 6 - w.cur 5 - 65536 * w.cur 7,
   w.cur 6 * (w.cur 6 - 1),
   w.cur 7 * (w.cur 7 - 1)]

/-- Soundness of the toy group: with the three words' limbs in range, the constraints force
`r = a + b`. -/
theorem add_sound (w : Window BabyBear) (h : Satisfies addGroup w)
    (ha : w.cur.WordInRange 0 1) (hb : w.cur.WordInRange 2 3) (hr : w.cur.WordInRange 4 5) :
    w.cur.word 4 5 = w.cur.word 0 1 + w.cur.word 2 3 := by
  have e₀ := h (w.cur 0 + w.cur 2 - w.cur 4 - 65536 * w.cur 6) (by simp [addGroup])
  have e₁ := h (w.cur 1 + w.cur 3 + w.cur 6 - w.cur 5 - 65536 * w.cur 7) (by simp [addGroup])
  have e₂ := h (w.cur 6 * (w.cur 6 - 1)) (by simp [addGroup])
  have e₃ := h (w.cur 7 * (w.cur 7 - 1)) (by simp [addGroup])
  have c₀ := Felt.val_le_one_of_bool e₂
  have c₁ := Felt.val_le_one_of_bool e₃
  have hP : P = 2013265921 := P_eq
  obtain ⟨ha₀, ha₁⟩ := ha
  obtain ⟨hb₀, hb₁⟩ := hb
  obtain ⟨hr₀, hr₁⟩ := hr
  have n₀ : (w.cur 0).val + (w.cur 2).val = (w.cur 4).val + 2 ^ 16 * (w.cur 6).val := by
    refine Felt.natCast_inj_of_lt (by omega) (by omega) ?_
    push_natCast
    have := eq_of_sub_eq_zero e₀
    grind
  have n₁ : (w.cur 1).val + (w.cur 3).val + (w.cur 6).val
      = (w.cur 5).val + 2 ^ 16 * (w.cur 7).val := by
    refine Felt.natCast_inj_of_lt (by omega) (by omega) ?_
    push_natCast
    have := eq_of_sub_eq_zero e₁
    grind
  apply Word.add_eq_of_limbs (c₀ := (w.cur 6).val) (c₁ := (w.cur 7).val)
  · rw [Row.word_lo ⟨ha₀, ha₁⟩, Row.word_lo ⟨hb₀, hb₁⟩, Row.word_lo ⟨hr₀, hr₁⟩]; exact n₀
  · rw [Row.word_hi ⟨ha₀, ha₁⟩, Row.word_hi ⟨hb₀, hb₁⟩, Row.word_hi ⟨hr₀, hr₁⟩]; exact n₁

end Zkvm.Air.Table

end
