module

public import Zkvm.Spec.Schedule
public import Zkvm.Spec.Statement
public import Zkvm.Field.Modulus
public import Zkvm.Extracted.Protocol.Stark

/-!
# Stages of the segments verifier (specification)

Stages of `verify_segments` written for reading, over the spec statement `Statement` (public
values as field elements, so canonical by type) and the verifier's dimensions:

* `machineTables`, `numSegmentValues`: the machine's twelve tables in order (`air::tables`)
  and its two values per segment (`air::num_segment_values`);

* `checkStatement`: the statement carries the machine's `numPublicValues` = 15 public values
  and at most `maxIoBytes` = `2^32 - 1` bytes of input and of output (`statement::check_statement`
  with `air::num_public_values`);
* `checkGlobalFractions`: the statement's boundary messages exist (`boundaryMessages`) and,
  with every segment's tables' global fractions (`segmentGlobalFractions`: `2^log_height` rows
  times the table's global fractions per row), they are fewer than p, so a bus sum over them
  cannot wrap around (`stark::check_global_fractions`).

Refinements: `Refinement/Protocol/Stark/StageSpecs.lean`.
-/

@[expose] public section

noncomputable section

namespace Zkvm.Spec

open Zkvm.Extracted

/-! ## The machine's constants -/

/-- The machine's tables, in the order of their shapes, dimensions and openings
(`air::tables`). -/
def machineTables : List air.TableId :=
  [.Rv32Cpu, .Rv32Alu, .Rv32Logic, .Rv32Mul, .Rv32Div, .Rv32Mem, .Rv32Syscall, .Rv32Io,
    .Rv32Boundary, .Rv32Private, .Rv32Range, .Rv32Fixed]

/-- The machine's number of values per segment (`air::num_segment_values`: the pc and clk of
the segment's first instruction). -/
def numSegmentValues : Nat := 2

/-! ## The statement -/

/-- The machine's number of public values (`rv32im::statement::NUM_PUBLIC_VALUES`). -/
def numPublicValues : Nat := 15

/-- The most bytes of input, and of output, a statement may carry (`MAX_IO_BYTES`,
`u32::MAX`). -/
def maxIoBytes : Nat := 2 ^ 32 - 1

/-- **The statement's shape**: the machine's number of public values (field elements, so
canonical), and input and output of at most `maxIoBytes` bytes each. -/
def checkStatement (st : Statement) : Except error.VerifyError Unit :=
  if st.publicValues.length ≠ numPublicValues then .error .WrongPublicValueCount
  else if maxIoBytes < st.input.length ∨ maxIoBytes < st.output.length then
    .error .LengthTooLarge
  else .ok ()

/-! ## The global fractions -/

/-- The fractions a table of shape `sh` and dimensions `td` puts on the global bus: one per row
(`2^log_height` rows) and global fraction of its shape. -/
def tableGlobalFractions (sh : air.TableShape) (td : protocol.stark.TableDims) : Nat :=
  2 ^ td.log_height.toNat * sh.num_global_fractions.toNat

/-- The fractions a segment of dimensions `d` puts on the global bus: its tables', table by
table with the machine's shapes. -/
def segmentGlobalFractions (shapes : List air.TableShape) (d : protocol.stark.ProofDimensions) :
    Nat :=
  (List.zipWith tableGlobalFractions shapes d.tables).sum

/-- **The global fractions are fewer than p**: the statement's boundary messages exist, and
they and every segment's global fractions (segments of dimensions `dims`) are fewer than the
field's order `P`, so a bus sum over them cannot cancel by wrapping around. -/
def checkGlobalFractions (st : Statement) (shapes : List air.TableShape)
    (dims : List protocol.stark.ProofDimensions) : Except error.VerifyError Unit :=
  match Statement.boundaryMessages st.publicValues st.input st.output with
  | .error e => .error e
  | .ok (sends, receives) =>
    if sends.length + receives.length + (dims.map (segmentGlobalFractions shapes)).sum <
        Zkvm.Field.P then .ok ()
    else .error .TooManyGlobalFractions

end Zkvm.Spec

end
