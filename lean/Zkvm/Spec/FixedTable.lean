module

public import Zkvm.Spec.ProgMessage

/-!
# The machine's fixed table (specification)

The fixed table of the RV32IM machine is derived from the program alone (docs/air.md §6, Rust
`air::rv32im::fixed::fixed_table`). Its rows, each a full message with its tag first, in order:
* one PROG row (tag 1) per program row: its `progMessage`;
* one IMG row (tag 3) per initialised memory word: address space, word address and the 16-bit
  halves of the value;
* the 64 POW2 rows (tag 4), the shift factors: kind 0 (left) maps `s` to `2^s`, kind 1 (right)
  maps `s` to `2^(32 - s)` (1 for `s = 0`), each factor as four bytes, then `nz = [s ≠ 0]`;
* the 256 U8 rows (tag 6), one per byte;
* the 256 AND4 rows (tag 7), one per pair of nibbles `a`, `b` (`a` outer), with `a &&& b`.
-/

@[expose] public section

noncomputable section

namespace Zkvm.Spec

/-- An initialised word of the program image (`ImageWord` in `receipt/program.rs`): its address
space, word address and value. -/
structure ImageWord where
  space : UInt32
  wa : UInt32
  value : UInt32
deriving DecidableEq

/-- The IMG row of an image word: tag 3, space, word address, the value's low and high halves. -/
def imgMessage (w : ImageWord) : List UInt32 :=
  [3, w.space, w.wa, w.value &&& 65535, w.value >>> 16]

/-- The shift factor of kind `kind` and amount `s`: `2^s` for kind 0 (left shifts), `2^(32 - s)`
for kind 1 (right shifts), 1 for a right shift by 0. -/
def shiftFactor (kind s : Nat) : Nat :=
  if kind = 0 then 2 ^ s else if s = 0 then 1 else 2 ^ (32 - s)

/-- The POW2 row of kind `kind` and amount `s`: tag 4, kind, s, the factor's four bytes (low
first), and `nz = [s ≠ 0]`. -/
def pow2Message (kind s : Nat) : List UInt32 :=
  [4, UInt32.ofNat kind, UInt32.ofNat s,
    UInt32.ofNat (shiftFactor kind s % 256), UInt32.ofNat (shiftFactor kind s / 256 % 256),
    UInt32.ofNat (shiftFactor kind s / 65536 % 256),
    UInt32.ofNat (shiftFactor kind s / 16777216 % 256), if s = 0 then 0 else 1]

/-- The 64 POW2 rows: kind 0 then kind 1, each for `s = 0 … 31`. -/
def pow2Rows : List (List UInt32) :=
  (List.range 2).flatMap fun kind => (List.range 32).map (pow2Message kind)

/-- The 256 U8 rows: tag 6 and a byte. -/
def u8Rows : List (List UInt32) :=
  (List.range 256).map fun v => [6, UInt32.ofNat v]

/-- The 256 AND4 rows: tag 7, nibbles `a` (outer) and `b` (inner), and `a &&& b`. -/
def and4Rows : List (List UInt32) :=
  (List.range 16).flatMap fun a => (List.range 16).map fun b =>
    [7, UInt32.ofNat a, UInt32.ofNat b, UInt32.ofNat a &&& UInt32.ofNat b]

/-- The fixed table of a program with rows `rows` and image `image`: PROG rows, IMG rows, POW2
rows, U8 rows, AND4 rows. -/
def fixedRows (rows : List ProgramRow) (image : List ImageWord) : List (List UInt32) :=
  rows.map progMessage ++ image.map imgMessage ++ pow2Rows ++ u8Rows ++ and4Rows

end Zkvm.Spec
