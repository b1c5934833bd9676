module

public import Zkvm.Air.Table

/-!
# The BOUNDARY table of the RV32IM machine, version 2: its constraints as named groups

`rust/verifier/src/air/rv32im/boundary.rs` (docs/air.md §7, §9.1) has one row per memory cell
the run touches, then padding. A row sends the cell's initial value at timestamp 0 and receives
its final value; an image row looks its initial value up in the fixed table (IMG), a zero row is
a RAM word of one of the statement's zero intervals [lo_j, hi_j) with initial value 0. The keys
2^28 space + addr increase strictly from one real row to the next: key' = key + 1 + gap with
gap = g_lo + 2^14 g_hi. This file states its 16 constraints as a structure of named groups
(`Groups`, over any commutative ring, on a window), `constraints` in `eval`'s order, and
`groups_iff`. The public values hold the zero intervals (lo_j at 7 + 2j, hi_j at 8 + 2j) and
FINAL (19).
-/

@[expose] public section

noncomputable section

namespace Zkvm.Air.V2.Boundary

open Zkvm.Field Zkvm.Air.Table

/-! ## Columns, as in boundary.rs -/

namespace Col
def bImg : Nat := 0
def bZero : Nat := 1
def space : Nat := 2
def addr : Nat := 3
def initLo : Nat := 4
def initHi : Nat := 5
def finLo : Nat := 6
def finHi : Nat := 7
def finTs : Nat := 8
/-- This row's key minus the previous row's, minus 1: g_lo + 2^14 g_hi. -/
def gLo : Nat := 9
def gHi : Nat := 10
/-- Zero rows: which interval (one-hot, `sel0 + j`, j < 4). -/
def sel0 : Nat := 11
/-- Zero rows: addr − lo = e1_lo + 2^12 e1_hi, hi − 1 − addr = e2_lo + 2^12 e2_hi. -/
def e1Lo : Nat := 15
def e1Hi : Nat := 16
def e2Lo : Nat := 17
def e2Hi : Nat := 18
def width : Nat := 19
end Col

open Col

/-- Public values: interval j is (`pvZero0 + 2j`, `pvZero0 + 2j + 1`); FINAL. -/
def pvZero0 : Nat := 7
def pvFinal : Nat := 19

section Ring

variable {F : Type} [Lean.Grind.CommRing F]

/-- `x (x − 1)`: vanishes exactly on 0 and 1 (in a field). -/
def boolean (x : F) : F := x * (x - 1)

/-- 1 on image and zero rows. -/
def real (r : Row F) : F := r bImg + r bZero

/-- The cell's key 2^28 space + addr. -/
def key (r : Row F) : F := 268435456 * r space + r addr

/-- The row's gap to the previous row, g_lo + 2^14 g_hi. -/
def gap (r : Row F) : F := r gLo + 16384 * r gHi

/-- The offsets in the interval. -/
def e1 (r : Row F) : F := r e1Lo + 4096 * r e1Hi
def e2 (r : Row F) : F := r e2Lo + 4096 * r e2Hi

/-- The interval bounds. -/
def lo (w : Window F) (j : Nat) : F := w.pub (pvZero0 + 2 * j)
def hi (w : Window F) (j : Nat) : F := w.pub (pvZero0 + 2 * j + 1)

/-- Σ_j sel_j (addr − lo_j − e1) and Σ_j sel_j (hi_j − 1 − addr − e2). -/
def low (w : Window F) : F :=
  w.cur sel0 * (w.cur addr - lo w 0 - e1 w.cur) +
    w.cur (sel0 + 1) * (w.cur addr - lo w 1 - e1 w.cur) +
    w.cur (sel0 + 2) * (w.cur addr - lo w 2 - e1 w.cur) +
    w.cur (sel0 + 3) * (w.cur addr - lo w 3 - e1 w.cur)
def high (w : Window F) : F :=
  w.cur sel0 * (hi w 0 - 1 - w.cur addr - e2 w.cur) +
    w.cur (sel0 + 1) * (hi w 1 - 1 - w.cur addr - e2 w.cur) +
    w.cur (sel0 + 2) * (hi w 2 - 1 - w.cur addr - e2 w.cur) +
    w.cur (sel0 + 3) * (hi w 3 - 1 - w.cur addr - e2 w.cur)

/-- The intervals. -/
def intervals : List Nat := [0, 1, 2, 3]

/-- **The BOUNDARY table's constraints**, one field per group of boundary.rs. -/
structure Groups (w : Window F) : Prop where
  /-- Booleans [0-6]: image or zero row, not both; the interval selectors. -/
  bool_img : boolean (w.cur bImg) = 0
  bool_zero : boolean (w.cur bZero) = 0
  bool_sel : ∀ j ∈ intervals, boolean (w.cur (sel0 + j)) = 0
  not_both : w.cur bImg * w.cur bZero = 0
  /-- A zero row picks one interval [7]; it is a RAM word of value 0 [8-10]. -/
  picked : w.cur sel0 + w.cur (sel0 + 1) + w.cur (sel0 + 2) + w.cur (sel0 + 3) - w.cur bZero = 0
  zero_ram : w.cur bZero * (w.cur space - 1) = 0
  zero_lo : w.cur bZero * w.cur initLo = 0
  zero_hi : w.cur bZero * w.cur initHi = 0
  /-- In the interval [11-12]. -/
  above_lo : low w = 0
  below_hi : high w = 0
  /-- Transitions [13-14]: no real row after padding; keys increase. -/
  no_return : w.isTransition * ((1 - real w.cur) * real w.next) = 0
  key_step : w.isTransition * (real w.next * (key w.next - key w.cur - 1 - gap w.next)) = 0
  /-- Only the last segment [15]. -/
  final : real w.cur * (1 - w.pub pvFinal) = 0

/-- The constraint values, in `eval`'s order. -/
def constraints (w : Window F) : List F :=
  [boolean (w.cur bImg), boolean (w.cur bZero)] ++
  intervals.map (fun j => boolean (w.cur (sel0 + j))) ++
  [w.cur bImg * w.cur bZero,
   w.cur sel0 + w.cur (sel0 + 1) + w.cur (sel0 + 2) + w.cur (sel0 + 3) - w.cur bZero,
   w.cur bZero * (w.cur space - 1), w.cur bZero * w.cur initLo, w.cur bZero * w.cur initHi,
   low w, high w,
   w.isTransition * ((1 - real w.cur) * real w.next),
   w.isTransition * (real w.next * (key w.next - key w.cur - 1 - gap w.next)),
   real w.cur * (1 - w.pub pvFinal)]

theorem length_constraints (w : Window F) : (constraints w).length = 16 := rfl

theorem groups_iff (w : Window F) : Groups w ↔ ∀ e ∈ constraints w, e = 0 := by
  constructor
  · intro h e he
    simp only [constraints, List.mem_append, List.mem_map, List.mem_cons, List.not_mem_nil,
      or_false] at he
    rcases he with ((rfl | rfl) | ⟨j, hj, rfl⟩) | (rfl | rfl | rfl | rfl | rfl | rfl | rfl | rfl |
      rfl | rfl)
    · exact h.bool_img
    · exact h.bool_zero
    · exact h.bool_sel j hj
    · exact h.not_both
    · exact h.picked
    · exact h.zero_ram
    · exact h.zero_lo
    · exact h.zero_hi
    · exact h.above_lo
    · exact h.below_hi
    · exact h.no_return
    · exact h.key_step
    · exact h.final
  · intro h
    have m : ∀ e, e ∈ constraints w → e = 0 := h
    simp only [constraints, List.mem_append, List.mem_map, List.mem_cons, List.not_mem_nil,
      or_false] at m
    exact
      { bool_img := m _ (by simp)
        bool_zero := m _ (by simp)
        bool_sel := fun j hj => m _ (Or.inl (Or.inr ⟨j, hj, rfl⟩))
        not_both := m _ (by simp)
        picked := m _ (by simp)
        zero_ram := m _ (by simp)
        zero_lo := m _ (by simp)
        zero_hi := m _ (by simp)
        above_lo := m _ (by simp)
        below_hi := m _ (by simp)
        no_return := m _ (by simp)
        key_step := m _ (by simp)
        final := m _ (by simp) }

end Ring

end Zkvm.Air.V2.Boundary

end
