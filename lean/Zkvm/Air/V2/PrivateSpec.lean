module

public import Zkvm.Air.Table

/-!
# The PRIVATE table of the RV32IM machine, version 2: its constraints as named groups

`rust/verifier/src/air/rv32im/private.rs` (docs/air.md §7.3) holds the private input (fd 3)
bytes a run reads; it has rows only in the last segment of a run (public value FINAL = 1). Rows
0 .. n − 1 are real and send PRIV(j, byte) with j counting the real rows; the first non-real row
is the end row, which receives the private cursor's final value j = n; plen, constant, is the
private input's length, sent as PLEN(plen) with a free multiplicity, and plen − n = r_lo +
2^16 r_hi at the end row. This file states its 11 constraints as a structure of named groups
(`Groups`, over any commutative ring, on a window: the local and next rows, the public values
and the selectors), `constraints` in `eval`'s order, and `groups_iff`.
-/

@[expose] public section

noncomputable section

namespace Zkvm.Air.V2.Private

open Zkvm.Field Zkvm.Air.Table

/-! ## Columns, as in private.rs -/

namespace Col
def real : Nat := 0
/-- The position of the row's byte (the number of real rows before it). -/
def j : Nat := 1
def byte : Nat := 2
def plen : Nat := 3
/-- How many times PLEN(plen) is sent from this row. -/
def mlen : Nat := 4
/-- The first non-real row of the last segment's table. -/
def endRow : Nat := 5
def tEnd : Nat := 6
/-- The end row: plen − j = r_lo + 2^16 r_hi. -/
def rLo : Nat := 7
def rHi : Nat := 8
def width : Nat := 9
end Col

open Col

/-- The public value FINAL: 1 in the last segment of a run (statement.rs `PV_SEG_FINAL`). -/
def pvFinal : Nat := 19

section Ring

variable {F : Type} [Lean.Grind.CommRing F]

/-- `x (x − 1)`: vanishes exactly on 0 and 1 (in a field). -/
def boolean (x : F) : F := x * (x - 1)

/-- **The PRIVATE table's constraints**, one field per group of private.rs. -/
structure Groups (w : Window F) : Prop where
  /-- Booleans [0-1]. -/
  bool_real : boolean (w.cur real) = 0
  bool_end : boolean (w.cur endRow) = 0
  /-- The first row [2-3]: j = 0; it is the end row iff it is not real (last segment only). -/
  first_j : w.isFirst * w.cur j = 0
  first_end : w.isFirst * (w.cur endRow - w.pub pvFinal * (1 - w.cur real)) = 0
  /-- Transitions [4-7]: real never returns; j counts the real rows; plen is constant; the end
  row is the first non-real one. -/
  prefix_real : w.isTransition * ((1 - w.cur real) * w.next real) = 0
  count : w.isTransition * (w.next j - w.cur j - w.cur real) = 0
  same_plen : w.isTransition * (w.next plen - w.cur plen) = 0
  next_end : w.isTransition * (w.next endRow - (w.cur real - w.next real)) = 0
  /-- Only the last segment sends bytes and the length [8-9]. -/
  final_real : w.cur real * (1 - w.pub pvFinal) = 0
  final_mlen : w.cur mlen * (1 - w.pub pvFinal) = 0
  /-- The end row: plen − j = r_lo + 2^16 r_hi [10]. -/
  rest : w.cur endRow * (w.cur plen - w.cur j - (w.cur rLo + 65536 * w.cur rHi)) = 0

/-- The constraint values, in `eval`'s order. -/
def constraints (w : Window F) : List F :=
  [boolean (w.cur real), boolean (w.cur endRow),
   w.isFirst * w.cur j, w.isFirst * (w.cur endRow - w.pub pvFinal * (1 - w.cur real)),
   w.isTransition * ((1 - w.cur real) * w.next real),
   w.isTransition * (w.next j - w.cur j - w.cur real),
   w.isTransition * (w.next plen - w.cur plen),
   w.isTransition * (w.next endRow - (w.cur real - w.next real)),
   w.cur real * (1 - w.pub pvFinal), w.cur mlen * (1 - w.pub pvFinal),
   w.cur endRow * (w.cur plen - w.cur j - (w.cur rLo + 65536 * w.cur rHi))]

theorem length_constraints (w : Window F) : (constraints w).length = 11 := rfl

theorem groups_iff (w : Window F) : Groups w ↔ ∀ e ∈ constraints w, e = 0 := by
  constructor
  · intro h e he
    simp only [constraints, List.mem_cons, List.not_mem_nil, or_false] at he
    rcases he with rfl | rfl | rfl | rfl | rfl | rfl | rfl | rfl | rfl | rfl | rfl
    · exact h.bool_real
    · exact h.bool_end
    · exact h.first_j
    · exact h.first_end
    · exact h.prefix_real
    · exact h.count
    · exact h.same_plen
    · exact h.next_end
    · exact h.final_real
    · exact h.final_mlen
    · exact h.rest
  · intro h
    have m : ∀ e, e ∈ constraints w → e = 0 := h
    simp only [constraints, List.mem_cons, List.not_mem_nil, or_false] at m
    exact
      { bool_real := m _ (by simp)
        bool_end := m _ (by simp)
        first_j := m _ (by simp)
        first_end := m _ (by simp)
        prefix_real := m _ (by simp)
        count := m _ (by simp)
        same_plen := m _ (by simp)
        next_end := m _ (by simp)
        final_real := m _ (by simp)
        final_mlen := m _ (by simp)
        rest := m _ (by simp) }

end Ring

end Zkvm.Air.V2.Private

end
