module

public import Zkvm.Air.V2.PrivateSpec
public import Zkvm.Air.Felt

/-!
# The PRIVATE table: soundness over a whole trace

On a trace whose every window satisfies the groups (`Sat`):
* outside the last segment (FINAL = 0) no row is real and no PLEN is sent (`silent`);
* the real rows are a prefix (`real_prefix`): a real row has only real rows before it;
* on the real prefix and at the first non-real row, j is the row's index (`j_index`), so the
  real rows send PRIV(0, ·), PRIV(1, ·), … in order and the end row receives the private
  cursor's final value n, the number of real rows;
* in the last segment, the end row is exactly the first non-real row (`end_iff`);
* plen is the same on every row (`plen_const`), and at the end row n ≤ plen < n + 2^24 as
  numbers, given the U16 and U8 lookups of r_lo, r_hi (`end_length`).
No proof names a constraint by its index.
-/

@[expose] public section

namespace Zkvm.Air.V2.Private

open Zkvm.Field Zkvm.Air Zkvm.Air.Table Col

/-- Every window of the trace satisfies the groups. -/
def Sat (t : Trace BabyBear) (pub : Nat → BabyBear) : Prop :=
  ∀ i < t.height, Groups (t.window pub i)

variable {t : Trace BabyBear} {pub : Nat → BabyBear}

theorem bool_cases {x : BabyBear} (h : boolean x = 0) : x = 0 ∨ x = 1 :=
  eq_zero_or_one_of_mul_sub_one h

/-- The groups at a transition, with the selector removed. -/
theorem transition (h : Sat t pub) {i : Nat} (hi : i + 1 < t.height) :
    (1 - t.row i real) * t.row (i + 1) real = 0 ∧
      t.row (i + 1) j = t.row i j + t.row i real ∧
      t.row (i + 1) plen = t.row i plen ∧
      t.row (i + 1) endRow = t.row i real - t.row (i + 1) real := by
  have g := h i (by omega)
  have e1 : ¬ (i + 1 = t.height) := by omega
  obtain ⟨-, -, -, -, hp, hc, hs, he, -, -, -⟩ := g
  simp only [Trace.window, e1, if_false, Nat.mod_eq_of_lt hi,
    Lean.Grind.Semiring.one_mul] at hp hc hs he
  exact ⟨hp, by grind, by grind, by grind⟩

/-- The groups at the first row. -/
theorem first (h : Sat t pub) (h0 : 0 < t.height) :
    t.row 0 j = 0 ∧ t.row 0 endRow = pub pvFinal * (1 - t.row 0 real) := by
  obtain ⟨-, -, hj, he, -⟩ := h 0 h0
  simp only [Trace.window, if_true, Lean.Grind.Semiring.one_mul] at hj he
  exact ⟨hj, by grind⟩

/-- **Outside the last segment** no row is real and no PLEN is sent. -/
theorem silent (h : Sat t pub) (hf : pub pvFinal = 0) :
    ∀ i < t.height, t.row i real = 0 ∧ t.row i mlen = 0 := by
  intro i hi
  obtain ⟨-, -, -, -, -, -, -, -, hr, hm, -⟩ := h i hi
  simp only [Trace.window, hf] at hr hm
  exact ⟨by grind, by grind⟩

/-- **The real rows are a prefix.** -/
theorem real_prefix (h : Sat t pub) :
    ∀ i < t.height, t.row i real = 1 → ∀ k ≤ i, t.row k real = 1 := by
  intro i
  induction i with
  | zero => intro _ h1 k hk; rw [Nat.le_zero.mp hk]; exact h1
  | succ i ih =>
    intro hi h1 k hk
    rcases Nat.lt_or_ge k (i + 1) with hlt | hge
    · have hp := (transition h hi).1
      rw [h1] at hp
      have hi1 : t.row i real = 1 := by grind
      exact ih (by omega) hi1 k (by omega)
    · rw [show k = i + 1 by omega]; exact h1

/-- **j is the index** on the real prefix and at the first row after it. -/
theorem j_index (h : Sat t pub) :
    ∀ i < t.height, (∀ k < i, t.row k real = 1) → t.row i j = (i : BabyBear) := by
  intro i
  induction i with
  | zero => intro hi _; rw [(first h hi).1]; rfl
  | succ i ih =>
    intro hi hk
    rw [(transition h hi).2.1, ih (by omega) (fun k hk' => hk k (by omega)), hk i (by omega),
      Felt.natCast_add, Felt.natCast_one]

/-- **The end row** is exactly the first non-real row, in the last segment. -/
theorem end_iff (h : Sat t pub) (hf : pub pvFinal = 1) :
    ∀ i < t.height, t.row i endRow = 1 ↔ (t.row i real = 0 ∧ ∀ k < i, t.row k real = 1) := by
  intro i hi
  cases i with
  | zero =>
    rw [(first h hi).2, hf, Lean.Grind.Semiring.one_mul]
    rcases bool_cases (h 0 hi).bool_real with hr | hr
    · simp only [Trace.window] at hr
      rw [hr]
      exact ⟨fun _ => ⟨rfl, fun k hk => absurd hk (Nat.not_lt_zero k)⟩, fun _ => by grind⟩
    · simp only [Trace.window] at hr
      rw [hr]
      constructor
      · intro h'; exfalso; revert h'; decide
      · intro ⟨h', _⟩; exfalso; revert h'; decide
  | succ i =>
    rw [(transition h hi).2.2.2]
    have bi := (h i (by omega)).bool_real
    have bn := (h (i + 1) hi).bool_real
    simp only [Trace.window] at bi bn
    rcases bool_cases bi with hr | hr <;> rcases bool_cases bn with hn | hn <;> rw [hr, hn]
    · constructor
      · intro h'; exfalso; revert h'; decide
      · intro ⟨_, hk⟩; have := hk i (by omega); rw [hr] at this; exfalso; revert this; decide
    · constructor
      · intro h'; exfalso; revert h'; decide
      · intro ⟨h', _⟩; exfalso; revert h'; decide
    · refine ⟨fun _ => ⟨rfl, fun k hk => real_prefix h i (by omega) hr k (by omega)⟩,
        fun _ => by decide⟩
    · constructor
      · intro h'; exfalso; revert h'; decide
      · intro ⟨h', _⟩; exfalso; revert h'; decide

/-- **plen is constant.** -/
theorem plen_const (h : Sat t pub) : ∀ i < t.height, t.row i plen = t.row 0 plen := by
  intro i
  induction i with
  | zero => intro _; rfl
  | succ i ih => intro hi; rw [(transition h hi).2.2.1, ih (by omega)]

/-- **The length at the end row**: with U16(r_lo) and U8(r_hi), the end row n (the number of
real rows before it, n < 2^30) has n ≤ plen < n + 2^24 as numbers. -/
theorem end_length (h : Sat t pub) (hf : pub pvFinal = 1) {n : Nat} (hn : n < t.height)
    (hend : t.row n endRow = 1) (hlo : (t.row n rLo).val < 2 ^ 16)
    (hhi : (t.row n rHi).val < 2 ^ 8) (hn30 : n < 2 ^ 30) :
    (t.row 0 plen).val = n + ((t.row n rLo).val + 65536 * (t.row n rHi).val) ∧
      n ≤ (t.row 0 plen).val ∧ (t.row 0 plen).val < n + 2 ^ 24 := by
  have hP : P = 2013265921 := P_eq
  have hj := j_index h n hn ((end_iff h hf n hn).mp hend).2
  have hr := (h n hn).rest
  simp only [Trace.window, hend, Lean.Grind.Semiring.one_mul] at hr
  rw [hj, ← plen_const h n hn] at *
  have e : t.row n plen =
      ((n + ((t.row n rLo).val + 65536 * (t.row n rHi).val) : Nat) : BabyBear) := by
    push_natCast
    grind
  have v := congrArg BabyBear.val e
  rw [BabyBear.val_natCast, hP, Nat.mod_eq_of_lt (by omega)] at v
  omega

end Zkvm.Air.V2.Private
