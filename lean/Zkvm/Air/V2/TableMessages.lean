module

public import Zkvm.Air.V2.RangeSpec
public import Zkvm.Air.V2.PrivateSpec
public import Zkvm.Air.V2.BoundarySpec
public import Zkvm.Air.V2.CpuMessages

/-!
# The RANGE, PRIVATE and BOUNDARY tables' bus messages, as named fractions

`messages` of range.rs, private.rs and boundary.rs push, per fraction in order, its
multiplicity and its fields, tag first. Stated by name over any commutative ring:
* RANGE: receive U16(v) m times;
* PRIVATE: send PRIV(j, byte) and U8(byte) on real rows, PLEN(plen) mlen times, receive the
  private cursor's final value MEM(IO, 2, j, 0, t_end) at the end row, and U16(r_lo), U8(r_hi)
  there;
* BOUNDARY: send the cell's initial value MEM(space, addr, init, 0), receive its final value
  MEM(space, addr, fin, fin_ts), send IMG(space, addr, init) on image rows, U16 of the gap
  limbs on real rows and of the interval offsets on zero rows.
The extracted `messages` compute them (Zkvm.Refinement.air.rv32im.{range,private_,boundary}
`messages_spec`).
-/

@[expose] public section

noncomputable section

namespace Zkvm.Air.V2

open Zkvm.Field Zkvm.Air.Table
open Zkvm.Air.V2.Cpu (Fraction)

section Ring

variable {F : Type} [Lean.Grind.CommRing F]

namespace Range

/-- **The RANGE row's fraction**: receive U16(v), m times. -/
def fractions (r : Row F) : List (Fraction F) := [⟨-(r Col.m), [5, r Col.v]⟩]

def messages (r : Row F) : List F := (fractions r).flatMap (fun f => f.mult :: f.fields)

end Range

namespace Private

open Col

/-- **The PRIVATE row's fractions**, in `messages`'s order. -/
def fractions (r : Row F) : List (Fraction F) :=
  [⟨r real, [14, r j, r byte]⟩,
   ⟨r real, [6, r byte]⟩,
   ⟨r mlen, [15, r plen]⟩,
   ⟨-(r endRow), [2, 3, 2, r j, 0, r tEnd]⟩,
   ⟨r endRow, [5, r rLo]⟩,
   ⟨r endRow, [6, r rHi]⟩]

def messages (r : Row F) : List F := (fractions r).flatMap (fun f => f.mult :: f.fields)

end Private

namespace Boundary

open Col

/-- **The BOUNDARY row's fractions**, in `messages`'s order. -/
def fractions (r : Row F) : List (Fraction F) :=
  [⟨real r, [2, r space, r addr, r initLo, r initHi, 0]⟩,
   ⟨-(real r), [2, r space, r addr, r finLo, r finHi, r finTs]⟩,
   ⟨r bImg, [3, r space, r addr, r initLo, r initHi]⟩,
   ⟨real r, [5, r gLo]⟩,
   ⟨real r, [5, r gHi]⟩,
   ⟨r bZero, [5, r e1Lo]⟩,
   ⟨r bZero, [5, r e1Hi]⟩,
   ⟨r bZero, [5, r e2Lo]⟩,
   ⟨r bZero, [5, r e2Hi]⟩]

def messages (r : Row F) : List F := (fractions r).flatMap (fun f => f.mult :: f.fields)

end Boundary

end Ring

end Zkvm.Air.V2

end
