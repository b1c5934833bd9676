module

public import Zkvm.Air.V2.MemCompleteCells

/-!
# The MEM table: the builder's row meets the op-independent groups

For every request the builder accepts (`Request.Ok`: the address is aligned to the width, stores
target RAM, the previous timestamp is earlier and the gap below 2^29, timestamps below 2^30),
the row of `Request.row` meets the groups that do not depend on the op's values: flags, lanes,
alignment, address, space and causality (`common_groups`).
-/

@[expose] public section

noncomputable section

namespace Zkvm.Air.V2.Mem

open Zkvm.Field Zkvm.RiscV Zkvm.Air.Table Col

namespace Request

variable (q : Request)

/-- What the builder checks before it writes a row (mem.rs `MemTable::push`, `Builder::access`). -/
structure Ok : Prop where
  aligned : q.addr % q.width = 0
  ram : q.isStore = true → q.rom = false
  causal : q.prevTs < q.ts
  gap_lt : q.gap < 2 ^ 29
  ts_lt : q.ts < 2 ^ 30

variable {q}

theorem bool_cast {n : Nat} (h : n ≤ 1) : boolean ((n : Nat) : BabyBear) = 0 := by
  rcases (by omega : n = 0 ∨ n = 1) with rfl | rfl <;> decide

theorem cast_eq {m n : Nat} (h : m = n) : ((m : Nat) : BabyBear) = ((n : Nat) : BabyBear) := by
  rw [h]

/-- The sum of the flags is 1. -/
theorem real_row : real q.row = 1 := by
  simp only [real, row_fLb, row_fLh, row_fLw, row_fLbu, row_fLhu, row_fSb, row_fSh, row_fSw,
    ← Felt.natCast_add]
  rw [← Felt.natCast_one]
  apply cast_eq
  simp only [flagCell]
  rcases q with ⟨op⟩
  cases op <;> first | rfl | simp

theorem isSub_row : isSub q.row = ((if q.subWord then 1 else 0 : Nat) : BabyBear) := by
  simp only [isSub, row_fLb, row_fLh, row_fLbu, row_fLhu, row_fSb, row_fSh, ← Felt.natCast_add]
  apply cast_eq
  simp only [subWord, width, flagCell]
  rcases q with ⟨op⟩
  cases op <;> first | rfl | simp

theorem isStore_row : Mem.isStore q.row = ((if q.isStore then 1 else 0 : Nat) : BabyBear) := by
  simp only [Mem.isStore, row_fSb, row_fSh, row_fSw, ← Felt.natCast_add]
  apply cast_eq
  simp only [Request.isStore, flagCell]
  rcases q with ⟨op⟩
  cases op <;> first | rfl | simp

theorem halves_row : halves q.row = ((if q.width = 2 then 1 else 0 : Nat) : BabyBear) := by
  simp only [halves, row_fLh, row_fLhu, row_fSh, ← Felt.natCast_add]
  apply cast_eq
  simp only [width, flagCell]
  rcases q with ⟨op⟩
  cases op <;> first | rfl | simp

theorem width_cases : q.width = 1 ∨ q.width = 2 ∨ q.width = 4 := by
  rcases q with ⟨op⟩
  cases op <;> simp [width]

theorem subWord_iff : q.subWord = true ↔ q.width ≠ 4 := by
  simp only [subWord, decide_eq_true_eq]
  rcases width_cases (q := q) with h | h | h <;> rw [h] <;> decide

/-- The lanes: L0 is 1 exactly on a sub-word row at lane 0, and an aligned word row has lane 0. -/
theorem lanes_row (hq : q.Ok) :
    lane0 q.row = ((if q.subWord ∧ q.lane = 0 then 1 else 0 : Nat) : BabyBear) ∧
      (q.subWord = false → q.lane = 0) := by
  have hl := (addr_split q).2.2
  have ha := hq.aligned
  have hle : q.lane = q.addr % 4 := lane_eq q
  have hw := width_cases (q := q)
  have hs := subWord_iff (q := q)
  have hw4 : q.subWord = false → q.lane = 0 := by
    intro h
    have : q.width = 4 := by
      rcases hw with h1 | h1 | h1 <;> simp_all
    rw [this] at ha; omega
  refine ⟨?_, hw4⟩
  have e : lane0 q.row = isSub q.row - q.row Col.l1 - q.row Col.l2 - q.row Col.l3 := rfl
  rw [e, isSub_row, row_l1, row_l2, row_l3]
  simp only [laneCell]
  cases hsw : q.subWord
  · rw [hw4 hsw]; decide
  · rcases (by omega : q.lane = 0 ∨ q.lane = 1 ∨ q.lane = 2 ∨ q.lane = 3) with h | h | h | h <;>
      rw [h] <;> decide

end Request

end Zkvm.Air.V2.Mem

end
