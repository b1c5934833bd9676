module

public import Zkvm.Air.V2.BoundarySpec
public import Zkvm.Air.V2.IoSound

/-!
# The BOUNDARY table: soundness over a whole trace

On a trace whose every window satisfies the groups (`Sat`):
* the real rows (image or zero rows) are a prefix, and a row is at most one of the two
  (`real_bool`, `real_prefix`);
* **the boundary cells are distinct** (`keys_increase`, `cells_distinct`): with the U16
  lookups of each real row's gap limbs and every real row's key below 3 · 2^28 (image words'
  addresses are the fixed table's, below 2^28 in spaces 0..2; zero rows are RAM words in
  intervals below 2^28), the keys 2^28 space + addr increase strictly as numbers down the real
  rows, so no two real rows have the same (space, addr): the memory argument's hypothesis that
  boundary cells are distinct (`Zkvm.Air.Memory`);
* a zero row is a RAM word of initial value 0 inside one of the statement's zero intervals
  (`zero_row`), given the U16 lookups of its offsets and intervals below 2^28;
* outside the last segment no row is real (`silent`).
No proof names a constraint by its index.
-/

@[expose] public section

namespace Zkvm.Air.V2.Boundary

open Zkvm.Field Zkvm.Air Zkvm.Air.Table Col

/-- Every window of the trace satisfies the groups. -/
def Sat (t : Trace BabyBear) (pub : Nat → BabyBear) : Prop :=
  ∀ i < t.height, Groups (t.window pub i)

variable {t : Trace BabyBear} {pub : Nat → BabyBear}

theorem bool_cases {x : BabyBear} (h : boolean x = 0) : x = 0 ∨ x = 1 :=
  eq_zero_or_one_of_mul_sub_one h

/-- A row is real (1) or padding (0). -/
theorem real_bool (h : Sat t pub) {i : Nat} (hi : i < t.height) :
    real (t.row i) = 0 ∨ real (t.row i) = 1 := by
  have g := h i hi
  have b1 := g.bool_img
  have b2 := g.bool_zero
  have nb := g.not_both
  simp only [Trace.window] at b1 b2 nb
  unfold real
  rcases bool_cases b1 with h1 | h1 <;> rcases bool_cases b2 with h2 | h2 <;> rw [h1, h2]
  · exact Or.inl (by decide)
  · exact Or.inr (by decide)
  · exact Or.inr (by decide)
  · rw [h1, h2] at nb; exfalso; revert nb; decide

/-- The groups at a transition, with the selector removed. -/
theorem transition (h : Sat t pub) {i : Nat} (hi : i + 1 < t.height) :
    (1 - real (t.row i)) * real (t.row (i + 1)) = 0 ∧
      real (t.row (i + 1)) * (key (t.row (i + 1)) - key (t.row i) - 1 - gap (t.row (i + 1))) =
        0 := by
  have g := h i (by omega)
  have e1 : ¬ (i + 1 = t.height) := by omega
  have hn := g.no_return
  have hk := g.key_step
  simp only [Trace.window, e1, if_false, Nat.mod_eq_of_lt hi,
    Lean.Grind.Semiring.one_mul] at hn hk
  exact ⟨hn, hk⟩

/-- **The real rows are a prefix.** -/
theorem real_prefix (h : Sat t pub) :
    ∀ i < t.height, real (t.row i) = 1 → ∀ k ≤ i, real (t.row k) = 1 := by
  intro i
  induction i with
  | zero => intro _ h1 k hk; rw [Nat.le_zero.mp hk]; exact h1
  | succ i ih =>
    intro hi h1 k hk
    rcases Nat.lt_or_ge k (i + 1) with hlt | hge
    · have hp := (transition h hi).1
      rw [h1] at hp
      have hi1 : real (t.row i) = 1 := by grind
      exact ih (by omega) hi1 k (by omega)
    · rw [show k = i + 1 by omega]; exact h1

/-- **Outside the last segment** no row is real. -/
theorem silent (h : Sat t pub) (hf : pub pvFinal = 0) : ∀ i < t.height, real (t.row i) = 0 := by
  intro i hi
  have := (h i hi).final
  simp only [Trace.window, hf] at this
  grind

/-- What the lookups and the fixed table give each real row: U16 of g_lo and g_hi, and a key
below 3 · 2^28. -/
structure KeyFacts (t : Trace BabyBear) : Prop where
  gLo : ∀ i < t.height, real (t.row i) = 1 → (t.row i gLo).val < 2 ^ 16
  gHi : ∀ i < t.height, real (t.row i) = 1 → (t.row i gHi).val < 2 ^ 16
  key : ∀ i < t.height, real (t.row i) = 1 → (key (t.row i)).val < 3 * 2 ^ 28

/-- One step: a real row's key is the previous row's plus 1 plus its gap, as numbers. -/
theorem key_step (h : Sat t pub) (hk : KeyFacts t) {i : Nat} (hi : i + 1 < t.height)
    (hr : real (t.row (i + 1)) = 1) : (key (t.row i)).val < (key (t.row (i + 1))).val := by
  have hP : P = 2013265921 := P_eq
  have hr0 : real (t.row i) = 1 := real_prefix h (i + 1) hi hr i (by omega)
  have hs := (transition h hi).2
  rw [hr, Lean.Grind.Semiring.one_mul] at hs
  have k0 := hk.key i (by omega) hr0
  have k1 := hk.key (i + 1) hi hr
  have gl := hk.gLo (i + 1) hi hr
  have gh := hk.gHi (i + 1) hi hr
  have e : ((key (t.row (i + 1))).val : BabyBear) =
      (((key (t.row i)).val + 1 + ((t.row (i + 1) gLo).val + 16384 * (t.row (i + 1) gHi).val) :
        Nat) : BabyBear) := by
    push_natCast
    unfold gap at hs
    grind
  have := Felt.natCast_inj_of_lt (by omega) (by omega) e
  omega

/-- **The keys increase** strictly down the real rows, as numbers. -/
theorem keys_increase (h : Sat t pub) (hk : KeyFacts t) :
    ∀ k < t.height, real (t.row k) = 1 → ∀ i < k, (key (t.row i)).val < (key (t.row k)).val := by
  intro k
  induction k with
  | zero => intro _ _ i hi; exact absurd hi (Nat.not_lt_zero i)
  | succ k ih =>
    intro hkh hr i hi
    have step := key_step h hk hkh hr
    rcases Nat.lt_or_ge i k with hlt | hge
    · have hrk : real (t.row k) = 1 := real_prefix h (k + 1) hkh hr k (by omega)
      have := ih (by omega) hrk i hlt
      omega
    · rw [show i = k by omega]; exact step

/-- **The boundary cells are distinct**: two different real rows have different cells. -/
theorem cells_distinct (h : Sat t pub) (hk : KeyFacts t) {i k : Nat} (hi : i < t.height)
    (hkh : k < t.height) (hri : real (t.row i) = 1) (hrk : real (t.row k) = 1) (hne : i ≠ k) :
    (t.row i space, t.row i addr) ≠ (t.row k space, t.row k addr) := by
  intro heq
  have e : key (t.row i) = key (t.row k) := by
    simp only [Prod.mk.injEq] at heq
    unfold key; rw [heq.1, heq.2]
  rcases Nat.lt_or_gt_of_ne hne with hlt | hgt
  · have := keys_increase h hk k hkh hrk i hlt
    rw [e] at this; omega
  · have := keys_increase h hk i hi hri k hgt
    rw [e] at this; omega

/-- **A zero row** is a RAM word of initial value 0 inside one of the statement's zero
intervals, given the U16 lookups of its offsets and interval bounds below 2^28. -/
theorem zero_row (h : Sat t pub) {i : Nat} (hi : i < t.height) (hz : t.row i bZero = 1)
    (he1 : (t.row i e1Lo).val < 2 ^ 16 ∧ (t.row i e1Hi).val < 2 ^ 16)
    (he2 : (t.row i e2Lo).val < 2 ^ 16 ∧ (t.row i e2Hi).val < 2 ^ 16)
    (hb : ∀ j ∈ intervals, (pub (pvZero0 + 2 * j)).val ≤ 2 ^ 28 ∧
      (pub (pvZero0 + 2 * j + 1)).val ≤ 2 ^ 28) :
    t.row i space = 1 ∧ t.row i initLo = 0 ∧ t.row i initHi = 0 ∧
      ∃ j ∈ intervals, (pub (pvZero0 + 2 * j)).val ≤ (t.row i addr).val ∧
        (t.row i addr).val < (pub (pvZero0 + 2 * j + 1)).val := by
  have hP : P = 2013265921 := P_eq
  have g := h i hi
  have hram := g.zero_ram
  have hlo := g.zero_lo
  have hhi := g.zero_hi
  have hpk := g.picked
  have hlow := g.above_lo
  have hhigh := g.below_hi
  simp only [Trace.window] at hram hlo hhi hpk hlow hhigh
  rw [hz, Lean.Grind.Semiring.one_mul] at hram hlo hhi
  refine ⟨by grind, hlo, hhi, ?_⟩
  have s0 := g.bool_sel 0 (by simp [intervals])
  have s1 := g.bool_sel 1 (by simp [intervals])
  have s2 := g.bool_sel 2 (by simp [intervals])
  have s3 := g.bool_sel 3 (by simp [intervals])
  simp only [Trace.window] at s0 s1 s2 s3
  have one := Io.one_hot4 s0 s1 s2 s3 (by rw [hz] at hpk; grind)
  -- the interval j with sel_j = 1: addr = lo + e1 and hi = addr + e2 + 1, all small
  have key : ∀ j ∈ intervals, t.row i (sel0 + j) = 1 →
      t.row i addr - pub (pvZero0 + 2 * j) - e1 (t.row i) = 0 →
      pub (pvZero0 + 2 * j + 1) - 1 - t.row i addr - e2 (t.row i) = 0 →
      (pub (pvZero0 + 2 * j)).val ≤ (t.row i addr).val ∧
        (t.row i addr).val < (pub (pvZero0 + 2 * j + 1)).val := by
    intro j hj _ hl hh
    obtain ⟨bl, bh⟩ := hb j hj
    have ea : t.row i addr = ((((pub (pvZero0 + 2 * j)).val + ((t.row i e1Lo).val +
        4096 * (t.row i e1Hi).val)) : Nat) : BabyBear) := by
      push_natCast; unfold e1 at hl; grind
    have va : (t.row i addr).val = (pub (pvZero0 + 2 * j)).val + ((t.row i e1Lo).val +
        4096 * (t.row i e1Hi).val) := by
      rw [ea, BabyBear.val_natCast, hP, Nat.mod_eq_of_lt (by omega)]
    have eh : ((pub (pvZero0 + 2 * j + 1)).val : BabyBear) = (((t.row i addr).val +
        ((t.row i e2Lo).val + 4096 * (t.row i e2Hi).val) + 1 : Nat) : BabyBear) := by
      push_natCast; unfold e2 at hh; grind
    have := Felt.natCast_inj_of_lt (by omega) (by omega) eh
    omega
  rcases one with ⟨a0, a1, a2, a3⟩ | ⟨a0, a1, a2, a3⟩ | ⟨a0, a1, a2, a3⟩ | ⟨a0, a1, a2, a3⟩
  · refine ⟨0, by simp [intervals], key 0 (by simp [intervals]) a0 ?_ ?_⟩
    · unfold low Boundary.lo at hlow; simp only [Trace.window] at hlow
      rw [show t.row i sel0 = _ from a0, a1, a2, a3] at hlow; grind
    · unfold high Boundary.hi at hhigh; simp only [Trace.window] at hhigh
      rw [show t.row i sel0 = _ from a0, a1, a2, a3] at hhigh; grind
  · refine ⟨1, by simp [intervals], key 1 (by simp [intervals]) a1 ?_ ?_⟩
    · unfold low Boundary.lo at hlow; simp only [Trace.window] at hlow
      rw [show t.row i sel0 = _ from a0, a1, a2, a3] at hlow; grind
    · unfold high Boundary.hi at hhigh; simp only [Trace.window] at hhigh
      rw [show t.row i sel0 = _ from a0, a1, a2, a3] at hhigh; grind
  · refine ⟨2, by simp [intervals], key 2 (by simp [intervals]) a2 ?_ ?_⟩
    · unfold low Boundary.lo at hlow; simp only [Trace.window] at hlow
      rw [show t.row i sel0 = _ from a0, a1, a2, a3] at hlow; grind
    · unfold high Boundary.hi at hhigh; simp only [Trace.window] at hhigh
      rw [show t.row i sel0 = _ from a0, a1, a2, a3] at hhigh; grind
  · refine ⟨3, by simp [intervals], key 3 (by simp [intervals]) a3 ?_ ?_⟩
    · unfold low Boundary.lo at hlow; simp only [Trace.window] at hlow
      rw [show t.row i sel0 = _ from a0, a1, a2, a3] at hlow; grind
    · unfold high Boundary.hi at hhigh; simp only [Trace.window] at hhigh
      rw [show t.row i sel0 = _ from a0, a1, a2, a3] at hhigh; grind

end Zkvm.Air.V2.Boundary
