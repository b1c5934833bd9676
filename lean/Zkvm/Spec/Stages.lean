module

public import Zkvm.Spec.Schedule
public import Zkvm.Spec.Statement
public import Zkvm.Field.Modulus
public import Zkvm.Extracted.Protocol.Stark

/-!
# Stages of the segments verifier (specification)

Stages of `verify_segments` written for reading, over the spec statement `Statement` (public
values as field elements, so canonical by type) and the verifier's dimensions:

* `machineTables`, `machineShapes`, `numSegmentValues`: the machine's twelve tables in order
  (`air::tables`), their shapes (`stark::table_shapes`) and its two values per segment
  (`air::num_segment_values`);

* `checkStatement`: the statement carries the machine's `numPublicValues` = 15 public values
  and at most `maxIoBytes` = `2^32 - 1` bytes of input and of output (`statement::check_statement`
  with `air::num_public_values`);
* `checkGlobalFractions`: the statement's boundary messages exist (`boundaryMessages`) and,
  with every segment's tables' global fractions (`segmentGlobalFractions`: `2^log_height` rows
  times the table's global fractions per row), they are fewer than p, so a bus sum over them
  cannot wrap around (`stark::check_global_fractions`).

* `fixedTablesOk`: a segment's fixed tables (`stark::all_fixed_tables`): none but the fixed
  table's, the key's fixed table (`air::fixed_tables`, extracted form), fitting its height
  (`fixedTableFits`).

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

/-- The machine's tables' shapes (`stark::table_shapes`, from `air::table_shape`), in the order
of `machineTables`: width, constraint count, largest constraint degree, LogUp fractions (those
on the global bus among them), fixed tables, least and greatest log height. Only the fixed table
carries a fixed table (the program's, `fixedRows`); only the range table has a height of its
own (`2^16` rows). -/
def machineShapes : List air.TableShape :=
  [ -- CPU
    { width := 37, num_constraints := 32, max_constraint_degree := 3, num_fractions := 16,
      num_global_fractions := 7, num_fixed_tables := 0, min_log_height := 0,
      max_log_height := 20 },
    -- ALU
    { width := 29, num_constraints := 25, max_constraint_degree := 3, num_fractions := 6,
      num_global_fractions := 0, num_fixed_tables := 0, min_log_height := 0,
      max_log_height := 20 },
    -- logic
    { width := 36, num_constraints := 10, max_constraint_degree := 2, num_fractions := 9,
      num_global_fractions := 0, num_fixed_tables := 0, min_log_height := 0,
      max_log_height := 20 },
    -- multiplication and shifts
    { width := 35, num_constraints := 19, max_constraint_degree := 3, num_fractions := 20,
      num_global_fractions := 0, num_fixed_tables := 0, min_log_height := 0,
      max_log_height := 20 },
    -- division
    { width := 34, num_constraints := 24, max_constraint_degree := 3, num_fractions := 20,
      num_global_fractions := 0, num_fixed_tables := 0, min_log_height := 0,
      max_log_height := 20 },
    -- memory
    { width := 37, num_constraints := 41, max_constraint_degree := 3, num_fractions := 12,
      num_global_fractions := 2, num_fixed_tables := 0, min_log_height := 0,
      max_log_height := 20 },
    -- syscalls
    { width := 36, num_constraints := 32, max_constraint_degree := 3, num_fractions := 26,
      num_global_fractions := 9, num_fixed_tables := 0, min_log_height := 0,
      max_log_height := 20 },
    -- input and output
    { width := 25, num_constraints := 25, max_constraint_degree := 3, num_fractions := 14,
      num_global_fractions := 6, num_fixed_tables := 0, min_log_height := 0,
      max_log_height := 20 },
    -- boundary
    { width := 19, num_constraints := 16, max_constraint_degree := 3, num_fractions := 9,
      num_global_fractions := 2, num_fixed_tables := 0, min_log_height := 0,
      max_log_height := 20 },
    -- private input
    { width := 9, num_constraints := 11, max_constraint_degree := 3, num_fractions := 6,
      num_global_fractions := 3, num_fixed_tables := 0, min_log_height := 0,
      max_log_height := 20 },
    -- 16-bit range
    { width := 2, num_constraints := 2, max_constraint_degree := 2, num_fractions := 1,
      num_global_fractions := 0, num_fixed_tables := 0, min_log_height := 16,
      max_log_height := 16 },
    -- fixed
    { width := 1, num_constraints := 0, max_constraint_degree := 1, num_fractions := 1,
      num_global_fractions := 0, num_fixed_tables := 1, min_log_height := 0,
      max_log_height := 20 } ]

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

/-! ## The fixed tables -/

/-- A fixed table's row count as the verifier's `usize` (`rows.len()`). -/
def rowCount (t : air.FixedTable) : Nat := t.rows.length % 2 ^ 64

/-- **A fixed table fits the height `2^lh`** (`logup::check_fixed_table_sizes` of one table):
the log height is below 64 (`InvalidTraceLength`) and the table has at most `2^lh` rows
(`FixedTableTooLarge`). -/
def fixedTableFits (t : air.FixedTable) (lh : UInt32) : Except error.VerifyError Unit :=
  if 64 ≤ lh.toNat then .error .InvalidTraceLength
  else if 2 ^ lh.toNat < rowCount t then .error .FixedTableTooLarge
  else .ok ()

/-- **A segment's fixed tables** (`stark::all_fixed_tables` on `machineShapes`), for tables'
dimensions `tables`: only the fixed table (the last of the twelve, index 11) has a fixed
table. With fewer than twelve tables' dimensions the loop ends before it, and every table has
none. Otherwise every table but the last has none and the last has one, the key's fixed table:
the program's table as `air::fixed_tables` builds it and checks it canonical (extracted form:
its rows are `fixedRows` of the program only for ops below 38, `fixed_table_spec`, which the
segments verifier does not assume), and it fits the table's height (`fixedTableFits`). -/
def fixedTablesOk (vk : protocol.vk.VerifyingKey) (tables : List protocol.stark.TableDims)
    (f : List (List air.FixedTable)) : Prop :=
  match tables[11]? with
  | none => f = List.replicate tables.length []
  | some td => ∃ t, air.fixed_tables vk 11 = .ok (.ok [t]) ∧
      fixedTableFits t td.log_height = .ok () ∧ f = List.replicate 11 [] ++ [[t]]

end Zkvm.Spec

end
