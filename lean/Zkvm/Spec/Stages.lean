module

public import Zkvm.Spec.Schedule
public import Zkvm.Spec.Statement
public import Zkvm.Field.Modulus
public import Zkvm.Extracted.Protocol.Stark
public import Zkvm.Spec.Queries
public import Zkvm.Spec.Columns
public import Zkvm.Stark.LogUp
public import Zkvm.Spec.FixedTable

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
  table's, the key's fixed table (`keyFixedTable`: for a key meeting `FixedSpecFits`, every
  program op below 38 and the table's row count a `usize`, the rows `fixedRows` of the program
  (`keyFixedRows`), every entry canonical (`CanonRows`); for any other key `air::fixed_tables`,
  extracted form), fitting its height (`fixedTableFits`).
* `checkFixedAtZeta`: a segment's fixed fingerprint column opened at ζ against the fixed
  table's column there (`stark::check_fixed_at_zeta` on `machineShapes`): only the fixed table
  (index 11) has one; `fixedTableAtZeta` is `logup::check_fixed_tables` of its one table
  (`DegenerateChallenge` for ζ among the subgroup's first rows, else the value must be
  `fixedColumnAt`, the Lagrange form of the column at ζ, or `FixedTableMismatch`).

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
    { width := 36, num_constraints := 33, max_constraint_degree := 3, num_fractions := 26,
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

/-- An extracted program row as a specification row (`ProgramRow`). -/
def specRow (r : receipt.program.ProgramRow) : ProgramRow :=
  ⟨r.pc, r.op, r.use_imm, r.rs1, r.rs2, r.rd, r.write_rd, r.imm, r.k, r.target⟩

/-- An extracted image word as a specification word (`ImageWord`). -/
def specWord (w : receipt.program.ImageWord) : ImageWord := ⟨w.space, w.wa, w.value⟩

/-- **The key's fixed table fits its specification**: every row of the key's program has an op
below 38 (every row the decoder makes, `decodeRow_op_lt`), and the fixed table's row count
(program rows, image words and the 576 constant rows) is below `2^64` (a `usize`). For such a
key the fixed table is `keyFixedRows` (`fixed_table_spec_of_ops`). -/
def FixedSpecFits (vk : protocol.vk.VerifyingKey) : Prop :=
  match vk.air with
  | .Rv32imV2 prog => (∀ r ∈ prog.rows, r.op.toNat < 38) ∧
      prog.rows.length + prog.image.length + 576 < 2 ^ 64

/-- The rows of the key's fixed table (`fixedRows` of its program's rows and image). -/
def keyFixedRows (vk : protocol.vk.VerifyingKey) : List (List UInt32) :=
  match vk.air with
  | .Rv32imV2 prog => fixedRows (prog.rows.map specRow) (prog.image.map specWord)

/-- Every entry of the rows is canonical (below p), as `fixed::is_canonical` checks. -/
def CanonRows (rows : List (List UInt32)) : Prop :=
  ∀ row ∈ rows, ∀ x ∈ row, x.toNat < Zkvm.Field.P

/-- **The key's fixed table is `t`** (`air::fixed_tables` of the fixed table): for a key meeting
`FixedSpecFits`, `t` has the rows `keyFixedRows` (the program's `fixedRows`), all canonical
(`CanonRows`; otherwise `air::fixed_tables` fails with `InvalidStatement`, and no `t` is the
key's); for any other key (an op of 38 or more, or more than `2^64` rows), the extracted
`air::fixed_tables` gives `[t]`. -/
def keyFixedTable (vk : protocol.vk.VerifyingKey) (t : air.FixedTable) : Prop :=
  (FixedSpecFits vk → t = ⟨keyFixedRows vk⟩ ∧ CanonRows t.rows) ∧
  (¬ FixedSpecFits vk → air.fixed_tables vk 11 = .ok (.ok [t]))

/-- **A segment's fixed tables** (`stark::all_fixed_tables` on `machineShapes`), for tables'
dimensions `tables`: only the fixed table (the last of the twelve, index 11) has a fixed
table. With fewer than twelve tables' dimensions the loop ends before it, and every table has
none. Otherwise every table but the last has none and the last has one, the key's fixed table
`keyFixedTable` (for a key meeting `FixedSpecFits`, the program's `fixedRows`, all canonical;
otherwise `air::fixed_tables`, extracted form), and it fits the table's height
(`fixedTableFits`). -/
def fixedTablesOk (vk : protocol.vk.VerifyingKey) (tables : List protocol.stark.TableDims)
    (f : List (List air.FixedTable)) : Prop :=
  match tables[11]? with
  | none => f = List.replicate tables.length []
  | some td => ∃ t, keyFixedTable vk t ∧
      fixedTableFits t td.log_height = .ok () ∧ f = List.replicate 11 [] ++ [[t]]

/-! ## The fixed tables at ζ -/

section FixedAtZeta

open Zkvm.Field Zkvm.Field.Ext4
open Zkvm.Field.BabyBear (rootOfUnity)

/-- **A fixed table's fingerprint column at `z`**: the polynomial of degree below `n = 2^logN`
taking the fingerprint (with `β`) of row `i` at `ω^i` (`ω = rootOfUnity logN`) for the table's
rows and 0 on the rest of the subgroup, at `z`, in Lagrange form:
`Σ_{i<T} fp(row_i) · ω^i / (z − ω^i) · (z^n − 1) / n`. -/
def fixedColumnAt (rows : List (List BabyBear)) (β z : Ext4) (logN : Nat) : Ext4 :=
  (List.range rows.length).foldl (fun acc i =>
      acc + Zkvm.Stark.fp ((rows.getD i []).map ofBase) β *
        smul (rootOfUnity logN ^ i) (z - ofBase (rootOfUnity logN ^ i))⁻¹) 0 *
    smul ((2 : BabyBear) ^ logN)⁻¹ (vanishing z logN)

/-- A fixed table's rows as field elements (`air::fixed_tables` checks them canonical). -/
def fixedRowsOf (t : air.FixedTable) : List (List BabyBear) := t.rows.map (·.map ofU32)

/-- **One fixed table at ζ** (`logup::check_fixed_tables` of one table of height `2^logN`,
claimed value `claimed`): ζ among the subgroup's first `T` points (`T` the table's rows; the
Lagrange form divides by `ζ − ω^i`) is `DegenerateChallenge`; otherwise the claimed value must
be the column's value `fixedColumnAt`, or `FixedTableMismatch`. -/
def fixedTableAtZeta (rows : List (List BabyBear)) (claimed β ζ : Ext4) (logN : Nat) :
    Except error.VerifyError Unit :=
  if ∀ i < rows.length, ζ ≠ ofBase (rootOfUnity logN ^ i) then
    (if claimed = fixedColumnAt rows β ζ logN then .ok () else .error .FixedTableMismatch)
  else .error .DegenerateChallenge

/-- **A segment's fixed tables at ζ** (`stark::check_fixed_at_zeta` on `machineShapes`), for
tables' dimensions `tables`, the tables' auxiliary openings at ζ `auxLocals` (base
coordinates), fixed tables `f` (as `fixedTablesOk` gives them) and the challenges `β`, `ζ`:
only the fixed table (index 11) has a fixed table, whose fingerprint column is its first
auxiliary extension column (`extFromBase` of its first four coordinates); it is checked with
`fixedTableAtZeta` at the table's height. With fewer than twelve tables nothing is checked. -/
def checkFixedAtZeta (tables : List protocol.stark.TableDims) (auxLocals : List (List Ext4))
    (f : List (List air.FixedTable)) (β ζ : Ext4) : Except error.VerifyError Unit :=
  match tables[11]?, auxLocals[11]?, f[11]? with
  | some td, some aL, some [t] =>
    fixedTableAtZeta (fixedRowsOf t) (extFromBase aL) β ζ td.log_height.toNat
  | _, _, _ => .ok ()

end FixedAtZeta

end Zkvm.Spec

end
