module

public import Zkvm.Air.V2.SyscallSpec
public import Zkvm.Air.V2.CpuMessages

/-!
# The SYSCALL table's bus messages, as named fractions

`messages` of rust/verifier/src/air/rv32im/syscall.rs (docs/air.md §7.2) pushes, per fraction
in order, its multiplicity (positive: send, negative: receive) and its fields, tag first.
`fractions` states its 26 fractions by name over any commutative ring: the EXEC receive (the
CPU's ECALL request), the HALT send (exit), the four accesses at port 3 (a1 = buf and a2 = len
on read and write rows, the cursor where `cursorOn`, the output cursor on exit; each a MEM
receive of the old value at the previous timestamp, a MEM send of the new value at 4 clk + 4 and
the U16 lookups of the gap's limbs), the IO chain's start (send) and end (receive), the range
lookups (4 buf_hi, 4 c_hi; c_lo, d_lo, d_hi on reads) and the PLEN receive of fd-3 reads.
`messages` is their flattening; the extracted `messages` computes it
(`Zkvm.Refinement.air.rv32im.syscall.messages_spec`).
-/

@[expose] public section

noncomputable section

namespace Zkvm.Air.V2.Syscall

open Zkvm.Field Zkvm.Air.Table Col
open Zkvm.Air.V2.Cpu (Fraction)

section Ring

variable {F : Type} [Lean.Grind.CommRing F]

/-- The tags, spaces and ops of bus.rs and program.rs. -/
def tagMem : F := 2
def tagU16 : F := 5
def tagExec : F := 10
def tagHalt : F := 11
def tagIo : F := 13
def tagPlen : F := 15
def spaceReg : F := 0
def spaceIo : F := 3
def opEcall : F := 36

/-- The IO kind: 1 read, 2 write fd 1, 3 write fd 2, 4 read fd 3. -/
def kind (r : Row F) : F := r fRead + 2 * r fWrite + r fd2 + 3 * r fd3

/-- The cursor cell: (IO, 0) on reads of fd 0 and exit, (IO, 1) on writes to fd 1, (IO, 2) on
reads of fd 3. -/
def cursorCell (r : Row F) : F := r fWrite + 2 * r fd3

/-- An access at port 3 with multiplicity m. -/
def access (r : Row F) (m space addr oldLo oldHi newLo newHi : F) (prev gLo gHi : Nat) :
    List (Fraction F) :=
  [⟨-m, [tagMem, space, addr, oldLo, oldHi, r prev]⟩,
   ⟨m, [tagMem, space, addr, newLo, newHi, timestamp r]⟩,
   ⟨m, [tagU16, r gLo]⟩,
   ⟨m, [tagU16, 8 * r gHi]⟩]

/-- **The SYSCALL row's fractions**, in `messages`'s order. -/
def fractions (r : Row F) : List (Fraction F) :=
  [⟨-(real r), [tagExec, opEcall, r clk, r aLo, r aHi, r bLo, r bHi, r cLo, r cHi, 0, 0,
     r nextPc]⟩,
   ⟨r fExit, [tagHalt, r clk]⟩] ++
  access r (moves r) spaceReg 11 (r bufLo) (r bufHi) (r bufLo) (r bufHi) tBuf gbLo gbHi ++
  access r (moves r) spaceReg 12 (r lenLo) (r lenHi) (r lenLo) (r lenHi) tLen glLo glHi ++
  access r (cursorOn r) spaceIo (cursorCell r) (r cur) 0 (r curNew) 0 tCur gcLo gcHi ++
  access r (r fExit) spaceIo 1 (r out) 0 (r out) 0 tOut goLo goHi ++
  [⟨moves r, [tagIo, kind r, r clk, word r bufLo bufHi, r cur]⟩,
   ⟨-(moves r), [tagIo, kind r, r clk, word r bufLo bufHi + word r cLo cHi,
     r cur + word r cLo cHi]⟩,
   ⟨moves r, [tagU16, 4 * r bufHi]⟩,
   ⟨moves r, [tagU16, 4 * r cHi]⟩,
   ⟨r fRead, [tagU16, r cLo]⟩,
   ⟨r fRead, [tagU16, r dLo]⟩,
   ⟨r fRead, [tagU16, r dHi]⟩,
   ⟨-(r fd3), [tagPlen, r lim]⟩]

/-- The values `messages` pushes: each fraction's multiplicity, then its fields. -/
def messages (r : Row F) : List F := (fractions r).flatMap (fun f => f.mult :: f.fields)

theorem length_fractions (r : Row F) : (fractions r).length = 26 := rfl

end Ring

end Zkvm.Air.V2.Syscall

end
