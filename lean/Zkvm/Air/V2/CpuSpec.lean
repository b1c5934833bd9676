module

public import Zkvm.Air.WordLimbs
public import Zkvm.Air.Table

/-!
# The CPU table of the RV32IM machine, version 2: its constraints as named groups

`rust/verifier/src/air/rv32im/cpu.rs` (docs/air.md §5) has one row per executed instruction,
then padding rows. A row fetches its instruction (PROG), reads rs1 and rs2, writes rd when
f_wr, sends one EXEC request when f_exec and sets the next pc; the last instruction row of the
last segment (halt) receives HALT and sends EXIT. Unlike the coprocessor tables, its
constraints see the next row, the selectors and the segment's public values (PC0, CLK0,
PC_END, CLK_END, FINAL, docs/air.md §8.1), so they are stated over a `Window` (Table.lean).

This file states them as a structure of named groups (`Groups`, the groups of docs/air.md §5),
over any commutative ring, as `eval` computes them; `constraints` is the same list of 32 values
in `eval`'s order, and `groups_iff` says the groups hold exactly when every value vanishes.

What the bus gives the table is stated where it is used: the U16 lookups of the gaps
(`Lookups`, CpuLookups), the PROG row's fields and the EXEC contract of the coprocessors
(hypotheses of CpuSound).
-/

@[expose] public section

noncomputable section

namespace Zkvm.Air.V2.Cpu

open Zkvm.Field Zkvm.RiscV Zkvm.Air.Table

/-! ## Columns, as in cpu.rs -/

namespace Col
def isReal : Nat := 0
def halt : Nat := 1
def clk : Nat := 2
def pc : Nat := 3
def nextPc : Nat := 4
def op : Nat := 5
def rs1 : Nat := 6
def rs2 : Nat := 7
def rd : Nat := 8
def immLo : Nat := 9
def immHi : Nat := 10
def kLo : Nat := 11
def kHi : Nat := 12
def target : Nat := 13
def fWr : Nat := 14
def fBr : Nat := 15
def fJal : Nat := 16
def fJalr : Nat := 17
def fK : Nat := 18
def fExec : Nat := 19
def aLo : Nat := 20
def aHi : Nat := 21
def bLo : Nat := 22
def bHi : Nat := 23
def cLo : Nat := 24
def cHi : Nat := 25
/-- Previous timestamps of the rs1, rs2 and rd ports. -/
def t1 : Nat := 26
def t2 : Nat := 27
def t3 : Nat := 28
/-- Their gaps, in limbs. -/
def g1Lo : Nat := 29
def g1Hi : Nat := 30
def g2Lo : Nat := 31
def g2Hi : Nat := 32
def g3Lo : Nat := 33
def g3Hi : Nat := 34
/-- rd's previous value. -/
def pLo : Nat := 35
def pHi : Nat := 36
def width : Nat := 37
end Col

open Col

-- The public values of a segment the table reads (statement.rs).
namespace Pv
def pc0 : Nat := 15
def clk0 : Nat := 16
def pcEnd : Nat := 17
def clkEnd : Nat := 18
def final : Nat := 19
end Pv

/-- The flag columns, in the order of their PROG weights 1, 2, 4, ... (`FLAGS`). -/
def flags : List Nat := [fWr, fBr, fJal, fJalr, fK, fExec]

section Ring

variable {F : Type} [Lean.Grind.CommRing F]

/-- `x (x − 1)`: vanishes exactly on 0 and 1 (in a field). -/
def boolean (x : F) : F := x * (x - 1)

/-- 4 clk + k: the timestamp of the port k − 1 of the row (k = 1 for rs1, 2 for rs2, 3 for
rd: bus.rs `PORT_*` + 1). -/
def timestamp (r : Row F) (k : F) : F := 4 * r clk + k

/-- A port's gap constraint: g_lo + 2^16 g_hi − (ts − prev − 1). -/
def gap (r : Row F) (lo hi : Nat) (k : F) (prev : Nat) : F :=
  r lo + 65536 * r hi - (timestamp r k - r prev - 1)

/-- pc + 4. -/
def pcPlus4 (r : Row F) : F := r pc + 4

/-- The next-pc constraint: (1 − f_jalr)(next_pc − pc − 4) − f_br c_lo (target − pc − 4)
− f_jal (target − pc − 4). -/
def nextPcExpr (r : Row F) : F :=
  (1 - r fJalr) * (r nextPc - pcPlus4 r) - r fBr * r cLo * (r target - pcPlus4 r) -
    r fJal * (r target - pcPlus4 r)

/-- is_real − is_real': 1 on the last real row (before padding). -/
def endStep (w : Window F) : F := w.cur isReal - w.next isReal

/-- 1 − FINAL. -/
def notFinal (w : Window F) : F := 1 - w.pub Pv.final

/-- next_pc − PC_END and clk + 1 − CLK_END. -/
def pcEndExpr (w : Window F) : F := w.cur nextPc - w.pub Pv.pcEnd
def clkEndExpr (w : Window F) : F := w.cur clk + 1 - w.pub Pv.clkEnd

/-- **The CPU table's constraints**, one field per group of docs/air.md §5. -/
structure Groups (w : Window F) : Prop where
  /-- Booleans [0-7]: is_real, halt and every flag. -/
  bool_real : boolean (w.cur isReal) = 0
  bool_halt : boolean (w.cur halt) = 0
  bool_flags : ∀ c ∈ flags, boolean (w.cur c) = 0
  /-- Padding rows have no flags [8-13]. -/
  pad_flags : ∀ c ∈ flags, (1 - w.cur isReal) * w.cur c = 0
  /-- First row [14-16]: real, at the segment's start. -/
  first_real : w.isFirst * (w.cur isReal - 1) = 0
  first_pc : w.isFirst * (w.cur pc - w.pub Pv.pc0) = 0
  first_clk : w.isFirst * (w.cur clk - w.pub Pv.clk0) = 0
  /-- Transitions [17-20]: clk counts rows, no real row after padding, the next real row runs
  at next_pc, halt marks the last real row of the last segment. -/
  clk_step : w.isTransition * (w.next clk - w.cur clk - 1) = 0
  real_prefix : w.isTransition * (w.next isReal * (1 - w.cur isReal)) = 0
  pc_jump : w.isTransition * (w.next isReal * (w.next pc - w.cur nextPc)) = 0
  halt_step : w.isTransition * (w.cur halt - w.pub Pv.final * endStep w) = 0
  /-- Last row [21]: halt iff real (last segment). -/
  halt_last : w.isLast * (w.cur halt - w.pub Pv.final * w.cur isReal) = 0
  /-- Next pc [22]. -/
  next_pc : nextPcExpr w.cur = 0
  /-- rd value [23-24]: f_k puts the program's constant k in rd. -/
  rd_k_lo : w.cur fK * (w.cur cLo - w.cur kLo) = 0
  rd_k_hi : w.cur fK * (w.cur cHi - w.cur kHi) = 0
  /-- Segment end [25-28]: outside the last segment, the last real row continues at the next
  segment's start. -/
  end_pc : w.isTransition * (notFinal w * endStep w * pcEndExpr w) = 0
  end_clk : w.isTransition * (notFinal w * endStep w * clkEndExpr w) = 0
  end_pc_last : w.isLast * (notFinal w * w.cur isReal * pcEndExpr w) = 0
  end_clk_last : w.isLast * (notFinal w * w.cur isReal * clkEndExpr w) = 0
  /-- Port gaps [29-31], where the port is on. -/
  gap_rs1 : w.cur isReal * gap w.cur g1Lo g1Hi 1 t1 = 0
  gap_rs2 : w.cur isReal * gap w.cur g2Lo g2Hi 2 t2 = 0
  gap_rd : w.cur fWr * gap w.cur g3Lo g3Hi 3 t3 = 0

/-- The constraint values, in `eval`'s order. -/
def constraints (w : Window F) : List F :=
  [boolean (w.cur isReal), boolean (w.cur halt)] ++
  (flags.map (fun c => boolean (w.cur c)) ++
  (flags.map (fun c => (1 - w.cur isReal) * w.cur c) ++
  [w.isFirst * (w.cur isReal - 1), w.isFirst * (w.cur pc - w.pub Pv.pc0),
   w.isFirst * (w.cur clk - w.pub Pv.clk0),
   w.isTransition * (w.next clk - w.cur clk - 1),
   w.isTransition * (w.next isReal * (1 - w.cur isReal)),
   w.isTransition * (w.next isReal * (w.next pc - w.cur nextPc)),
   w.isTransition * (w.cur halt - w.pub Pv.final * endStep w),
   w.isLast * (w.cur halt - w.pub Pv.final * w.cur isReal),
   nextPcExpr w.cur,
   w.cur fK * (w.cur cLo - w.cur kLo), w.cur fK * (w.cur cHi - w.cur kHi),
   w.isTransition * (notFinal w * endStep w * pcEndExpr w),
   w.isTransition * (notFinal w * endStep w * clkEndExpr w),
   w.isLast * (notFinal w * w.cur isReal * pcEndExpr w),
   w.isLast * (notFinal w * w.cur isReal * clkEndExpr w),
   w.cur isReal * gap w.cur g1Lo g1Hi 1 t1,
   w.cur isReal * gap w.cur g2Lo g2Hi 2 t2,
   w.cur fWr * gap w.cur g3Lo g3Hi 3 t3]))

theorem length_constraints (w : Window F) : (constraints w).length = 32 := rfl

/-- The groups hold exactly when every constraint value vanishes. -/
theorem groups_iff (w : Window F) : Groups w ↔ ∀ e ∈ constraints w, e = 0 := by
  constructor
  · intro h e he
    simp only [constraints, List.mem_append, List.mem_map, List.mem_cons, List.not_mem_nil,
      or_false] at he
    rcases he with (rfl | rfl) | ⟨c, hc, rfl⟩ | ⟨c, hc, rfl⟩ | rfl | rfl | rfl | rfl | rfl |
      rfl | rfl | rfl | rfl | rfl | rfl | rfl | rfl | rfl | rfl | rfl | rfl | rfl
    · exact h.bool_real
    · exact h.bool_halt
    · exact h.bool_flags c hc
    · exact h.pad_flags c hc
    · exact h.first_real
    · exact h.first_pc
    · exact h.first_clk
    · exact h.clk_step
    · exact h.real_prefix
    · exact h.pc_jump
    · exact h.halt_step
    · exact h.halt_last
    · exact h.next_pc
    · exact h.rd_k_lo
    · exact h.rd_k_hi
    · exact h.end_pc
    · exact h.end_clk
    · exact h.end_pc_last
    · exact h.end_clk_last
    · exact h.gap_rs1
    · exact h.gap_rs2
    · exact h.gap_rd
  · intro h
    have m : ∀ e, e ∈ constraints w → e = 0 := h
    simp only [constraints, List.mem_append, List.mem_map, List.mem_cons, List.not_mem_nil,
      or_false] at m
    exact
      { bool_real := m _ (Or.inl (Or.inl rfl))
        bool_halt := m _ (Or.inl (Or.inr rfl))
        bool_flags := fun c hc => m _ (Or.inr (Or.inl ⟨c, hc, rfl⟩))
        pad_flags := fun c hc => m _ (Or.inr (Or.inr (Or.inl ⟨c, hc, rfl⟩)))
        first_real := m _ (Or.inr (Or.inr (Or.inr (by simp))))
        first_pc := m _ (Or.inr (Or.inr (Or.inr (by simp))))
        first_clk := m _ (Or.inr (Or.inr (Or.inr (by simp))))
        clk_step := m _ (Or.inr (Or.inr (Or.inr (by simp))))
        real_prefix := m _ (Or.inr (Or.inr (Or.inr (by simp))))
        pc_jump := m _ (Or.inr (Or.inr (Or.inr (by simp))))
        halt_step := m _ (Or.inr (Or.inr (Or.inr (by simp))))
        halt_last := m _ (Or.inr (Or.inr (Or.inr (by simp))))
        next_pc := m _ (Or.inr (Or.inr (Or.inr (by simp))))
        rd_k_lo := m _ (Or.inr (Or.inr (Or.inr (by simp))))
        rd_k_hi := m _ (Or.inr (Or.inr (Or.inr (by simp))))
        end_pc := m _ (Or.inr (Or.inr (Or.inr (by simp))))
        end_clk := m _ (Or.inr (Or.inr (Or.inr (by simp))))
        end_pc_last := m _ (Or.inr (Or.inr (Or.inr (by simp))))
        end_clk_last := m _ (Or.inr (Or.inr (Or.inr (by simp))))
        gap_rs1 := m _ (Or.inr (Or.inr (Or.inr (by simp))))
        gap_rs2 := m _ (Or.inr (Or.inr (Or.inr (by simp))))
        gap_rd := m _ (Or.inr (Or.inr (Or.inr (by simp)))) }

/-- The constraint function of the table, for `Trace.Satisfies`. -/
def constraintFn : ConstraintFn F := constraints

end Ring

/-! ## The words of a row, over BabyBear -/

def aWord (r : Row BabyBear) : Word := WordLimbs.ofFelts (r aLo) (r aHi)
def bWord (r : Row BabyBear) : Word := WordLimbs.ofFelts (r bLo) (r bHi)
def cWord (r : Row BabyBear) : Word := WordLimbs.ofFelts (r cLo) (r cHi)
def kWord (r : Row BabyBear) : Word := WordLimbs.ofFelts (r kLo) (r kHi)
def immWord (r : Row BabyBear) : Word := WordLimbs.ofFelts (r immLo) (r immHi)

end Zkvm.Air.V2.Cpu

end
