module

public import Zkvm.Air.V2.IoSpec
public import Zkvm.Air.V2.CpuMessages

/-!
# The IO table's bus messages, as named fractions

`messages` of rust/verifier/src/air/rv32im/io.rs (docs/air.md §7.2) pushes, per fraction in
order, its multiplicity and its fields, tag first. `fractions` states its 14 fractions by name
over any commutative ring: the IO chain's receive at the first moved byte (4 wa + f, base + f)
and send one past the last (4 wa + e + 1, base + e + 1), the word's access at port 3 (MEM
receive of the old halves at the previous timestamp, MEM send of the new halves at 4 clk + 4,
U16 of the gap's limbs), U8 of the four old bytes, and for each lane j the moved byte: a read
receives INPUT(base + j, n_j) (fd 3: PRIV), a write to fd 1 sends OUTPUT(base + j, n_j), with
multiplicity (k_write1 − reads) · M_j. `messages` is their flattening; the extracted `messages`
computes it (`Zkvm.Refinement.air.rv32im.io.messages_spec`).
-/

@[expose] public section

noncomputable section

namespace Zkvm.Air.V2.Io

open Zkvm.Field Zkvm.Air.Table Col
open Zkvm.Air.V2.Cpu (Fraction)

section Ring

variable {F : Type} [Lean.Grind.CommRing F]

/-- The tags (bus.rs). -/
def tagMem : F := 2
def tagU16 : F := 5
def tagU8 : F := 6
def tagIo : F := 13

/-- The IO kind: 1 read, 2 write fd 1, 3 write fd 2, 4 read fd 3. -/
def kind (r : Row F) : F := r kRead + 2 * r kWrite1 + 3 * r kWrite2 + 4 * r kPriv

/-- The lane a one-hot set of lane columns encodes: X1 + 2 X2 + 3 X3. -/
def laneAt (r : Row F) (first : Nat) : F := r first + 2 * r (first + 1) + 3 * r (first + 2)

/-- Two bytes as a limb: b0 + 256 b1. -/
def halfAt (r : Row F) (first : Nat) : F := r first + 256 * r (first + 1)

/-- The moved byte's tag: INPUT (8) on reads, OUTPUT (9) on writes to fd 1, PRIV (14) on reads
of fd 3. -/
def byteTag (r : Row F) : F := 8 * r kRead + 9 * r kWrite1 + 14 * r kPriv

/-- The moved byte's multiplicity sign: +1 on writes to fd 1 (send), −1 on reads (receive). -/
def sign (r : Row F) : F := r kWrite1 - reads r

/-- **The IO row's fractions**, in `messages`'s order. -/
def fractions (r : Row F) : List (Fraction F) :=
  [⟨-(real r), [tagIo, kind r, r clk, 4 * r wa + laneAt r s1, r base + laneAt r s1]⟩,
   ⟨real r, [tagIo, kind r, r clk, 4 * r wa + (laneAt r t1 + 1), r base + (laneAt r t1 + 1)]⟩,
   ⟨-(real r), [tagMem, 1 + r rom, r wa, halfAt r u0, halfAt r (u0 + 2), r prevTs]⟩,
   ⟨real r, [tagMem, 1 + r rom, r wa, halfAt r n0, halfAt r (n0 + 2), timestamp r]⟩,
   ⟨real r, [tagU16, r gLo]⟩,
   ⟨real r, [tagU16, 8 * r gHi]⟩,
   ⟨real r, [tagU8, r u0]⟩,
   ⟨real r, [tagU8, r (u0 + 1)]⟩,
   ⟨real r, [tagU8, r (u0 + 2)]⟩,
   ⟨real r, [tagU8, r (u0 + 3)]⟩,
   ⟨sign r * moved r 0, [byteTag r, r base + 0, r n0]⟩,
   ⟨sign r * moved r 1, [byteTag r, r base + 1, r (n0 + 1)]⟩,
   ⟨sign r * moved r 2, [byteTag r, r base + 2, r (n0 + 2)]⟩,
   ⟨sign r * moved r 3, [byteTag r, r base + 3, r (n0 + 3)]⟩]

/-- The values `messages` pushes: each fraction's multiplicity, then its fields. -/
def messages (r : Row F) : List F := (fractions r).flatMap (fun f => f.mult :: f.fields)

theorem length_fractions (r : Row F) : (fractions r).length = 14 := rfl

end Ring

end Zkvm.Air.V2.Io

end
