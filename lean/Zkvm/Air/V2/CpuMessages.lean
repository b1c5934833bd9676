module

public import Zkvm.Air.V2.CpuSpec

/-!
# The CPU table's bus messages, as named fractions

`messages` of rust/verifier/src/air/rv32im/cpu.rs (docs/air.md §5, Fractions) pushes, per
fraction in order, its multiplicity (positive: send, negative: receive) and its fields, tag
first. `fractions` states them by name over any commutative ring: the PROG lookup, the three
register ports (each a MEM receive of the old value at the previous timestamp, a MEM send of
the value at the port's timestamp and the U16 lookups of the gap's limbs), the EXEC request,
the HALT receive and the EXIT send. `messages` is their flattening in `messages`'s order,
checked against the extracted function at one point (CpuMessagesCheck). The whole-run proof
reads the bus through these names.
-/

@[expose] public section

noncomputable section

namespace Zkvm.Air.V2.Cpu

open Zkvm.Field Zkvm.Air.Table Col

/-- A fraction: its multiplicity and its fields (tag first). -/
structure Fraction (F : Type) where
  mult : F
  fields : List F

section Ring

variable {F : Type} [Lean.Grind.CommRing F]

/-- The tags and the register space (bus.rs). -/
def tagProg : F := 1
def tagMem : F := 2
def tagU16 : F := 5
def tagExec : F := 10
def tagHalt : F := 11
def tagExit : F := 12
def spaceReg : F := 0

/-- The packed PROG flags f_wr + 2 f_br + 4 f_jal + 8 f_jalr + 16 f_k + 32 f_exec. -/
def packedFlags (r : Row F) : F :=
  r fWr + 2 * r fBr + 4 * r fJal + 8 * r fJalr + 16 * r fK + 32 * r fExec

/-- A register port with multiplicity m: receive (REG, index, lo, hi, prev), send (REG, index,
lo, hi, ts), U16(g_lo), U16(8 g_hi). -/
def port (r : Row F) (m : F) (index lo hi prev : Nat) (k : F) (gLo gHi : Nat) : List (Fraction F) :=
  [⟨-m, [tagMem, spaceReg, r index, r lo, r hi, r prev]⟩,
   ⟨m, [tagMem, spaceReg, r index, r lo, r hi, timestamp r k]⟩,
   ⟨m, [tagU16, r gLo]⟩,
   ⟨m, [tagU16, 8 * r gHi]⟩]

/-- **The CPU row's fractions**, in `messages`'s order. -/
def fractions (r : Row F) : List (Fraction F) :=
  [⟨r isReal, [tagProg, r pc, r op, r rs1, r rs2, r rd, r immLo, r immHi, r kLo, r kHi,
     r target, packedFlags r]⟩] ++
  port r (r isReal) rs1 aLo aHi t1 1 g1Lo g1Hi ++
  port r (r isReal) rs2 bLo bHi t2 2 g2Lo g2Hi ++
  -- The rd port: receive the previous value p, send the new value c.
  [⟨-(r fWr), [tagMem, spaceReg, r rd, r pLo, r pHi, r t3]⟩,
   ⟨r fWr, [tagMem, spaceReg, r rd, r cLo, r cHi, timestamp r 3]⟩,
   ⟨r fWr, [tagU16, r g3Lo]⟩,
   ⟨r fWr, [tagU16, 8 * r g3Hi]⟩] ++
  [⟨r fExec, [tagExec, r op, r clk, r aLo, r aHi, r bLo, r bHi, r cLo, r cHi, r immLo, r immHi,
     r nextPc]⟩,
   ⟨-(r halt), [tagHalt, r clk]⟩,
   ⟨r halt, [tagExit, r bLo, r bHi, r clk + 1]⟩]

/-- The values `messages` pushes: each fraction's multiplicity, then its fields. -/
def messages (r : Row F) : List F := (fractions r).flatMap (fun f => f.mult :: f.fields)

theorem length_fractions (r : Row F) : (fractions r).length = 16 := rfl

end Ring

end Zkvm.Air.V2.Cpu

end
