module

public import Zkvm.Air.V2.IoSpec
public import Zkvm.Air.V2.CpuBasic
public import Zkvm.Air.V2.MemBasic

/-!
# The IO table: soundness of one row

On a real IO row (one that moves bytes), the groups (`Groups`) and the range lookups
(`Lookups`) force:
* the kind: exactly one of read (fd 0), write to fd 1, write to fd 2, read of fd 3 (`kinds`);
* the lanes: one start lane f and one end lane e with f ≤ e ≤ 3, the row's IO messages carry
  f = S1 + 2 S2 + 3 S3 and e = T1 + 2 T2 + 3 T3, and the moved lanes M_j are exactly
  f ≤ j ≤ e (`lanes_sound`);
* the word: a write leaves it unchanged; a read writes RAM and keeps every lane it does not
  move (`write_keeps`, `read_keeps`);
* causality: the access's previous timestamp is earlier (`prev_lt`); the old bytes are bytes.
On padding rows (real = 0) every lane flag is 0, so nothing is moved (`padding_lanes`).
The chain of rows of one ECALL (its addresses covering [buf, buf + c) in order) is a statement
about the IO messages and is not proved here. No proof names a constraint by its index.
-/

@[expose] public section

namespace Zkvm.Air.V2.Io

open Zkvm.Field Zkvm.RiscV Zkvm.Air Zkvm.Air.Table Col

variable {r : Row BabyBear}

theorem bool_cases {x : BabyBear} (h : boolean x = 0) : x = 0 ∨ x = 1 :=
  eq_zero_or_one_of_mul_sub_one h

/-- The lane index a one-hot set of lanes encodes: X1 + 2 X2 + 3 X3. -/
def laneOf (x1 x2 x3 : BabyBear) : BabyBear := x1 + 2 * x2 + 3 * x3

/-- Four booleans summing to 1: exactly one is 1. -/
theorem one_hot4 {a b c d : BabyBear} (ha : boolean a = 0) (hb : boolean b = 0)
    (hc : boolean c = 0) (hd : boolean d = 0) (hs : a + b + c + d = 1) :
    (a = 1 ∧ b = 0 ∧ c = 0 ∧ d = 0) ∨ (a = 0 ∧ b = 1 ∧ c = 0 ∧ d = 0) ∨
      (a = 0 ∧ b = 0 ∧ c = 1 ∧ d = 0) ∨ (a = 0 ∧ b = 0 ∧ c = 0 ∧ d = 1) := by
  rcases bool_cases ha with rfl | rfl <;> rcases bool_cases hb with rfl | rfl <;>
    rcases bool_cases hc with rfl | rfl <;> rcases bool_cases hd with rfl | rfl <;>
    first
    | (exfalso; revert hs; decide)
    | (simp only [and_self, and_true, true_and, true_or, or_true])

/-- Four booleans summing to 0 are all 0. -/
theorem zero4 {a b c d : BabyBear} (ha : boolean a = 0) (hb : boolean b = 0)
    (hc : boolean c = 0) (hd : boolean d = 0) (hs : a + b + c + d = 0) :
    a = 0 ∧ b = 0 ∧ c = 0 ∧ d = 0 := by
  rcases bool_cases ha with rfl | rfl <;> rcases bool_cases hb with rfl | rfl <;>
    rcases bool_cases hc with rfl | rfl <;> rcases bool_cases hd with rfl | rfl <;>
    first
    | (exfalso; revert hs; decide)
    | (exact ⟨rfl, rfl, rfl, rfl⟩)

/-- **The kind**: on a real row exactly one kind flag is set. -/
theorem kinds (hg : Groups r) (hreal : real r = 1) :
    (r kRead = 1 ∧ r kWrite1 = 0 ∧ r kWrite2 = 0 ∧ r kPriv = 0) ∨
    (r kRead = 0 ∧ r kWrite1 = 1 ∧ r kWrite2 = 0 ∧ r kPriv = 0) ∨
    (r kRead = 0 ∧ r kWrite1 = 0 ∧ r kWrite2 = 1 ∧ r kPriv = 0) ∨
    (r kRead = 0 ∧ r kWrite1 = 0 ∧ r kWrite2 = 0 ∧ r kPriv = 1) :=
  one_hot4 hg.bool_read hg.bool_write1 hg.bool_write2 hg.bool_priv hreal

theorem mem_lanes {j : Nat} : j ∈ lanes ↔ j = 0 ∨ j = 1 ∨ j = 2 ∨ j = 3 := by
  simp [lanes]

/-- The start lanes are one-hot on a real row. -/
theorem start_one_hot (hg : Groups r) (hreal : real r = 1) :
    (s0 r = 1 ∧ r s1 = 0 ∧ r s2 = 0 ∧ r s3 = 0) ∨ (s0 r = 0 ∧ r s1 = 1 ∧ r s2 = 0 ∧ r s3 = 0) ∨
      (s0 r = 0 ∧ r s1 = 0 ∧ r s2 = 1 ∧ r s3 = 0) ∨
      (s0 r = 0 ∧ r s1 = 0 ∧ r s2 = 0 ∧ r s3 = 1) :=
  one_hot4 (hg.bool_start 0 (by simp [lanes])) (hg.bool_start 1 (by simp [lanes]))
    (hg.bool_start 2 (by simp [lanes])) (hg.bool_start 3 (by simp [lanes]))
    (by unfold s0; rw [← hreal]; grind)

/-- The end lanes are one-hot on a real row. -/
theorem end_one_hot (hg : Groups r) (hreal : real r = 1) :
    (t0 r = 1 ∧ r t1 = 0 ∧ r t2 = 0 ∧ r t3 = 0) ∨ (t0 r = 0 ∧ r t1 = 1 ∧ r t2 = 0 ∧ r t3 = 0) ∨
      (t0 r = 0 ∧ r t1 = 0 ∧ r t2 = 1 ∧ r t3 = 0) ∨
      (t0 r = 0 ∧ r t1 = 0 ∧ r t2 = 0 ∧ r t3 = 1) :=
  one_hot4 (hg.bool_end 0 (by simp [lanes])) (hg.bool_end 1 (by simp [lanes]))
    (hg.bool_end 2 (by simp [lanes])) (hg.bool_end 3 (by simp [lanes]))
    (by unfold t0; rw [← hreal]; grind)

/-- The moved lanes as numbers: M_j = [f ≤ j ≤ e]. -/
def movedOf (f e j : Nat) : BabyBear := if f ≤ j ∧ j ≤ e then 1 else 0

/-- **The lanes**: on a real row there are a start lane f and an end lane e, f ≤ e ≤ 3, which
the IO messages carry as S1 + 2 S2 + 3 S3 and T1 + 2 T2 + 3 T3, and the moved lanes are exactly
those from f to e. -/
theorem lanes_sound (hg : Groups r) (hreal : real r = 1) :
    ∃ f e : Nat, f ≤ e ∧ e ≤ 3 ∧ laneOf (r s1) (r s2) (r s3) = (f : BabyBear) ∧
      laneOf (r t1) (r t2) (r t3) = (e : BabyBear) ∧ ∀ j ∈ lanes, moved r j = movedOf f e j := by
  have hb := hg.ordered
  unfold before at hb
  rcases start_one_hot hg hreal with ⟨a0, a1, a2, a3⟩ | ⟨a0, a1, a2, a3⟩ | ⟨a0, a1, a2, a3⟩ |
      ⟨a0, a1, a2, a3⟩ <;>
    rcases end_one_hot hg hreal with ⟨b0, b1, b2, b3⟩ | ⟨b0, b1, b2, b3⟩ | ⟨b0, b1, b2, b3⟩ |
      ⟨b0, b1, b2, b3⟩ <;>
    rw [a1, a2, a3, b0, b1, b2] at hb <;>
    first
    | (exfalso; revert hb; decide)
    | (refine ⟨(laneOf (r s1) (r s2) (r s3)).val, (laneOf (r t1) (r t2) (r t3)).val, ?_⟩
       simp only [laneOf, a1, a2, a3, b1, b2, b3]
       refine ⟨by decide, by decide, by decide, by decide, ?_⟩
       intro j hj
       rcases mem_lanes.mp hj with rfl | rfl | rfl | rfl <;>
         simp only [moved, movedOf, a0, a1, a2, b0, b1, b3] <;> decide)

/-- **Padding**: on a row with real = 0, every lane flag is 0 and nothing is moved. -/
theorem padding_lanes (hg : Groups r) (hreal : real r = 0) :
    (∀ j ∈ lanes, sLane r j = 0) ∧ (∀ j ∈ lanes, tLane r j = 0) ∧ ∀ j ∈ lanes, moved r j = 0 := by
  obtain ⟨a0, a1, a2, a3⟩ := zero4 (hg.bool_start 0 (by simp [lanes]))
    (hg.bool_start 1 (by simp [lanes])) (hg.bool_start 2 (by simp [lanes]))
    (hg.bool_start 3 (by simp [lanes])) (by simp only [sLane, s0]; grind)
  obtain ⟨b0, b1, b2, b3⟩ := zero4 (hg.bool_end 0 (by simp [lanes]))
    (hg.bool_end 1 (by simp [lanes])) (hg.bool_end 2 (by simp [lanes]))
    (hg.bool_end 3 (by simp [lanes])) (by simp only [tLane, t0]; grind)
  simp only [sLane, tLane] at a0 a1 a2 a3 b0 b1 b2 b3
  refine ⟨?_, ?_, ?_⟩ <;> intro j hj <;> rcases mem_lanes.mp hj with rfl | rfl | rfl | rfl <;>
    simp only [sLane, tLane, moved, a0, a1, a2, a3, b0, b1, b2, b3] <;> grind

/-- **Writes keep the word**: on a write row every new byte is the old one. -/
theorem write_keeps (hg : Groups r) (hw : writes r = 1) :
    ∀ j ∈ lanes, r (n0 + j) = r (u0 + j) := by
  intro j hj
  have := hg.write_keep j hj
  rw [hw] at this
  grind

/-- **Reads write RAM and keep the lanes they do not move.** -/
theorem read_keeps (hg : Groups r) (hrd : reads r = 1) :
    r rom = 0 ∧ ∀ j ∈ lanes, moved r j = 0 → r (n0 + j) = r (u0 + j) := by
  refine ⟨by have := hg.read_ram; rw [hrd] at this; grind, fun j hj hm => ?_⟩
  have := hg.read_keep j hj
  rw [hrd, hm] at this
  grind

/-- **Causality**: on a real row with the gap limbs in range and both timestamps at most
2^29, the access's previous timestamp is earlier. -/
theorem prev_lt (hg : Groups r) (hl : Lookups r) (hreal : real r = 1)
    (hts : (timestamp r).val ≤ 2 ^ 29) (hprev : (r prevTs).val ≤ 2 ^ 29) :
    (r prevTs).val < (timestamp r).val := by
  have h1 : real r ≠ 0 := by rw [hreal]; decide
  have h := hg.causal
  rw [hreal] at h
  exact Cpu.prev_lt_of_gap (by unfold gap expectedGap at h; grind) (hl.gLo h1) (hl.gHi h1) hts
    hprev

end Zkvm.Air.V2.Io
