//! The machines this verifier knows, their tables, and the one place that
//! dispatches on them.
//!
//! A machine (`AirId`, named by the verifying key) is a list of tables of
//! independent heights joined by one LogUp bus, plus its public values, the
//! fixed (verifier-known) tables some of its tables check against, and the
//! boundary messages the verifier adds to the bus for a statement.
//!
//! A table (`TableId`) is a list of polynomial constraints over a pair of
//! consecutive rows (local, next), the public values and three selectors of
//! its own trace domain. Each constraint value already includes its selector,
//! so the table is valid iff every constraint vanishes on its whole domain.
//! A table may also declare, per row, LogUp fractions (`eval_fractions`) and
//! fixed tables whose fingerprints its auxiliary trace carries; the generic
//! machinery is in protocol/logup.rs.

pub mod expr;
pub mod rv32im;
#[cfg(feature = "test-airs")]
pub mod test;

#[cfg(feature = "test-airs")]
use crate::air::test::{cubic, fibonacci, lookup, split};
use crate::error::VerifyError;
use crate::field::extension::{self, Ext};
use crate::protocol::statement::Statement;
use crate::protocol::vk::VerifyingKey;
use crate::receipt::program::Program;

/// A machine: what a verifying key proves runs of.
pub enum AirId {
    /// Two columns (a, b) stepping (a, b) -> (b, a + b); see test/fibonacci.rs.
    #[cfg(feature = "test-airs")]
    Fibonacci,
    /// Three columns (x, y, acc) with a degree-3 constraint; see test/cubic.rs.
    #[cfg(feature = "test-airs")]
    CubicTest,
    /// Three columns (v, w, m) looked up in a 16-row fixed table, with a
    /// boundary from the statement; see test/lookup.rs.
    #[cfg(feature = "test-airs")]
    LookupTest,
    /// The lookup test split into two tables of different heights joined by
    /// the bus; see test/split.rs.
    #[cfg(feature = "test-airs")]
    SplitLookupTest,
    /// An RV32IM program's execution (rv32im/, docs/air.md), for the
    /// program derived from an ELF (receipt/program.rs): the fixed table
    /// holds its instructions and initial memory.
    Rv32imV2(Program),
}

/// A table of a machine.
pub enum TableId {
    #[cfg(feature = "test-airs")]
    Fibonacci,
    #[cfg(feature = "test-airs")]
    CubicTest,
    #[cfg(feature = "test-airs")]
    LookupTest,
    #[cfg(feature = "test-airs")]
    SplitValues,
    #[cfg(feature = "test-airs")]
    SplitNibbles,
    /// RV32IM version 2 (docs/air.md): the CPU table.
    Rv32Cpu,
    /// The 2^16-row range table.
    Rv32Range,
    /// The table receiving the fixed table's rows.
    Rv32Fixed,
    /// ADD, SUB, SLT, SLTU (and immediate forms), branches, JALR.
    Rv32Alu,
    /// AND, OR, XOR (and immediate forms).
    Rv32Logic,
    /// The memory boundary: one row per touched cell.
    Rv32Boundary,
    /// The private input bytes a run reads (fd 3).
    Rv32Private,
    /// Loads and stores.
    Rv32Mem,
    /// ECALLs.
    Rv32Syscall,
    /// The words read and write ECALLs touch.
    Rv32Io,
    /// MUL, MULH, MULHSU, MULHU and the shifts (and immediate forms).
    Rv32Mul,
    /// DIV, DIVU, REM, REMU.
    Rv32Div,
}

/// What the protocol needs to know about a table besides its constraints.
pub struct TableShape {
    /// Number of base-field trace columns.
    pub width: usize,
    /// Number of constraints returned by `eval_constraints`.
    pub num_constraints: usize,
    /// Maximal total degree of a constraint, counting each trace cell and each selector as 1.
    /// With fractions it must also cover the LogUp constraints (3 when every
    /// denominator and numerator is linear in the trace); the protocol uses
    /// max(max_constraint_degree, 3) in that case (logup::constraint_degree).
    pub max_constraint_degree: u32,
    /// Number of LogUp fractions per row (`eval_fractions`).
    pub num_fractions: usize,
    /// How many of them carry global messages, shared by all segments of a
    /// proof (the others are local to their segment; docs/protocol.md §5.1).
    pub num_global_fractions: usize,
    /// Number of fixed tables (`fixed_tables`), i.e. of fixed fingerprint columns.
    pub num_fixed_tables: usize,
    /// The table's height 2^k must have min_log_height <= k <= max_log_height
    /// (besides the protocol's own bounds): a table whose content its
    /// constraints fix row by row (a counter, say) needs an exact height.
    pub min_log_height: u32,
    pub max_log_height: u32,
}

/// A stable number for each machine, hashed into the verifying key.
pub fn air_code(air: &AirId) -> u32 {
    match air {
        #[cfg(feature = "test-airs")]
        AirId::Fibonacci => 1,
        #[cfg(feature = "test-airs")]
        AirId::CubicTest => 2,
        #[cfg(feature = "test-airs")]
        AirId::LookupTest => 3,
        #[cfg(feature = "test-airs")]
        AirId::SplitLookupTest => 5,
        AirId::Rv32imV2(_) => 6,
    }
}

/// The machine's tables, in the fixed order of the proof.
pub fn tables(air: &AirId) -> Vec<TableId> {
    match air {
        #[cfg(feature = "test-airs")]
        AirId::Fibonacci => vec![TableId::Fibonacci],
        #[cfg(feature = "test-airs")]
        AirId::CubicTest => vec![TableId::CubicTest],
        #[cfg(feature = "test-airs")]
        AirId::LookupTest => vec![TableId::LookupTest],
        #[cfg(feature = "test-airs")]
        AirId::SplitLookupTest => vec![TableId::SplitValues, TableId::SplitNibbles],
        AirId::Rv32imV2(_) => vec![
            TableId::Rv32Cpu,
            TableId::Rv32Alu,
            TableId::Rv32Logic,
            TableId::Rv32Mul,
            TableId::Rv32Div,
            TableId::Rv32Mem,
            TableId::Rv32Syscall,
            TableId::Rv32Io,
            TableId::Rv32Boundary,
            TableId::Rv32Private,
            TableId::Rv32Range,
            TableId::Rv32Fixed,
        ],
    }
}

/// The number of public values (base-field elements) of a statement.
pub fn num_public_values(air: &AirId) -> usize {
    match air {
        #[cfg(feature = "test-airs")]
        AirId::Fibonacci => fibonacci::NUM_PUBLIC_VALUES,
        #[cfg(feature = "test-airs")]
        AirId::CubicTest => cubic::NUM_PUBLIC_VALUES,
        #[cfg(feature = "test-airs")]
        AirId::LookupTest => lookup::NUM_PUBLIC_VALUES,
        #[cfg(feature = "test-airs")]
        AirId::SplitLookupTest => split::NUM_PUBLIC_VALUES,
        AirId::Rv32imV2(_) => rv32im::statement::NUM_PUBLIC_VALUES,
    }
}

/// How many values a proof states per segment (besides its tables'
/// heights): for RV32IM the pc and clk of the segment's first instruction.
pub fn num_segment_values(air: &AirId) -> usize {
    match air {
        AirId::Rv32imV2(_) => rv32im::statement::NUM_SEGMENT_VALUES,
        #[cfg(feature = "test-airs")]
        _ => 0,
    }
}

/// The values of the only segment of a one-segment proof of `statement`
/// (for RV32IM: the run starts at the entry at clk 0).
pub fn single_segment_values(air: &AirId, statement: &Statement) -> Vec<u32> {
    match air {
        AirId::Rv32imV2(_) => {
            if statement.public_values.len() > rv32im::statement::PV_ENTRY {
                vec![statement.public_values[rv32im::statement::PV_ENTRY], 0]
            } else {
                vec![0, 0]
            }
        }
        #[cfg(feature = "test-airs")]
        _ => Vec::new(),
    }
}

/// Checks every segment's values against the statement (already checked):
/// `values[s]` holds `num_segment_values` values of segment s.
pub fn check_segment_values(
    air: &AirId,
    statement: &Statement,
    values: &[Vec<u32>],
) -> Result<(), VerifyError> {
    if values.is_empty() {
        return Err(VerifyError::WrongSegmentCount);
    }
    match air {
        AirId::Rv32imV2(_) => {
            rv32im::statement::check_segment_starts(&statement.public_values, values)
        }
        #[cfg(feature = "test-airs")]
        _ => {
            let mut s = 0;
            while s < values.len() {
                if !values[s].is_empty() {
                    return Err(VerifyError::WrongPublicValueCount);
                }
                s += 1;
            }
            Ok(())
        }
    }
}

/// The public values the tables of segment `index` see (after
/// `check_segment_values`).
pub fn segment_public_values(
    air: &AirId,
    statement: &Statement,
    values: &[Vec<u32>],
    index: usize,
) -> Result<Vec<u32>, VerifyError> {
    match air {
        AirId::Rv32imV2(_) => {
            rv32im::statement::segment_public_values(&statement.public_values, values, index)
        }
        #[cfg(feature = "test-airs")]
        _ => {
            let mut pv: Vec<u32> = Vec::with_capacity(statement.public_values.len());
            let mut i = 0;
            while i < statement.public_values.len() {
                pv.push(statement.public_values[i]);
                i += 1;
            }
            Ok(pv)
        }
    }
}

/// The shape of a table written against `expr` (air/rv32im).
fn framework_shape(
    width: usize,
    num_constraints: usize,
    max_degree: u32,
    fraction_lens: &[usize],
    fraction_global: &[bool],
    min_log_height: u32,
    max_log_height: u32,
) -> TableShape {
    let mut num_global: usize = 0;
    let mut k = 0;
    while k < fraction_global.len() {
        if fraction_global[k] {
            num_global += 1;
        }
        k += 1;
    }
    TableShape {
        width,
        num_constraints,
        max_constraint_degree: max_degree,
        num_fractions: fraction_lens.len(),
        num_global_fractions: num_global,
        num_fixed_tables: 0,
        min_log_height,
        max_log_height,
    }
}

/// Public values as extension elements, for the tables written against `expr`.
fn lift_public(public_values: &[u32]) -> Vec<Ext> {
    let mut out: Vec<Ext> = Vec::with_capacity(public_values.len());
    let mut i = 0;
    while i < public_values.len() {
        out.push(extension::from_base(public_values[i]));
        i += 1;
    }
    out
}

/// The fractions of a row of a table written against `expr`, from what its
/// `messages` pushed: for each fraction, its multiplicity and then its
/// message of `lens[k]` fields. Each denominator is point - fingerprint for
/// a global fraction (`global[k]`), local_point - fingerprint for the others.
fn fractions_of_messages(
    flat: &[Ext],
    lens: &[usize],
    global: &[bool],
    lc: &LookupChallenges,
) -> Result<Vec<Fraction>, VerifyError> {
    if global.len() != lens.len() {
        return Err(VerifyError::WrongProofShape);
    }
    let mut out: Vec<Fraction> = Vec::with_capacity(lens.len());
    let mut pos: usize = 0;
    let mut k = 0;
    while k < lens.len() {
        let start = match pos.checked_add(1) {
            Some(v) => v,
            None => return Err(VerifyError::ArithmeticOverflow),
        };
        let end = match start.checked_add(lens[k]) {
            Some(v) => v,
            None => return Err(VerifyError::ArithmeticOverflow),
        };
        if end > flat.len() {
            return Err(VerifyError::WrongProofShape);
        }
        // Horner from the last field: fp = sum_j beta^j f_j.
        let mut fp = extension::ZERO;
        let mut j = end;
        while j > start {
            j -= 1;
            fp = extension::add(&extension::mul(&fp, &lc.beta), &flat[j]);
        }
        let point = if global[k] { lc.point } else { lc.local_point };
        out.push(Fraction {
            numerator: flat[pos],
            denominator: extension::sub(&point, &fp),
        });
        pos = end;
        k += 1;
    }
    if pos != flat.len() {
        return Err(VerifyError::WrongProofShape);
    }
    Ok(out)
}

pub fn table_shape(table: &TableId) -> TableShape {
    match table {
        #[cfg(feature = "test-airs")]
        TableId::Fibonacci => fibonacci::shape(),
        #[cfg(feature = "test-airs")]
        TableId::CubicTest => cubic::shape(),
        #[cfg(feature = "test-airs")]
        TableId::LookupTest => lookup::shape(),
        #[cfg(feature = "test-airs")]
        TableId::SplitValues => split::values_shape(),
        #[cfg(feature = "test-airs")]
        TableId::SplitNibbles => split::nibbles_shape(),
        TableId::Rv32Cpu => framework_shape(
            rv32im::cpu::WIDTH,
            rv32im::cpu::NUM_CONSTRAINTS,
            rv32im::cpu::MAX_DEGREE,
            &rv32im::cpu::FRACTION_LENS,
            &rv32im::cpu::FRACTION_GLOBAL,
            rv32im::cpu::MIN_LOG_HEIGHT,
            rv32im::cpu::MAX_LOG_HEIGHT,
        ),
        TableId::Rv32Range => framework_shape(
            rv32im::range::WIDTH,
            rv32im::range::NUM_CONSTRAINTS,
            rv32im::range::MAX_DEGREE,
            &rv32im::range::FRACTION_LENS,
            &rv32im::range::FRACTION_GLOBAL,
            rv32im::range::MIN_LOG_HEIGHT,
            rv32im::range::MAX_LOG_HEIGHT,
        ),
        TableId::Rv32Alu => framework_shape(
            rv32im::alu::WIDTH,
            rv32im::alu::NUM_CONSTRAINTS,
            rv32im::alu::MAX_DEGREE,
            &rv32im::alu::FRACTION_LENS,
            &rv32im::alu::FRACTION_GLOBAL,
            rv32im::alu::MIN_LOG_HEIGHT,
            rv32im::alu::MAX_LOG_HEIGHT,
        ),
        TableId::Rv32Logic => framework_shape(
            rv32im::logic::WIDTH,
            rv32im::logic::NUM_CONSTRAINTS,
            rv32im::logic::MAX_DEGREE,
            &rv32im::logic::FRACTION_LENS,
            &rv32im::logic::FRACTION_GLOBAL,
            rv32im::logic::MIN_LOG_HEIGHT,
            rv32im::logic::MAX_LOG_HEIGHT,
        ),
        TableId::Rv32Boundary => framework_shape(
            rv32im::boundary::WIDTH,
            rv32im::boundary::NUM_CONSTRAINTS,
            rv32im::boundary::MAX_DEGREE,
            &rv32im::boundary::FRACTION_LENS,
            &rv32im::boundary::FRACTION_GLOBAL,
            rv32im::boundary::MIN_LOG_HEIGHT,
            rv32im::boundary::MAX_LOG_HEIGHT,
        ),
        TableId::Rv32Private => framework_shape(
            rv32im::private::WIDTH,
            rv32im::private::NUM_CONSTRAINTS,
            rv32im::private::MAX_DEGREE,
            &rv32im::private::FRACTION_LENS,
            &rv32im::private::FRACTION_GLOBAL,
            rv32im::private::MIN_LOG_HEIGHT,
            rv32im::private::MAX_LOG_HEIGHT,
        ),
        TableId::Rv32Mem => framework_shape(
            rv32im::mem::WIDTH,
            rv32im::mem::NUM_CONSTRAINTS,
            rv32im::mem::MAX_DEGREE,
            &rv32im::mem::FRACTION_LENS,
            &rv32im::mem::FRACTION_GLOBAL,
            rv32im::mem::MIN_LOG_HEIGHT,
            rv32im::mem::MAX_LOG_HEIGHT,
        ),
        TableId::Rv32Syscall => framework_shape(
            rv32im::syscall::WIDTH,
            rv32im::syscall::NUM_CONSTRAINTS,
            rv32im::syscall::MAX_DEGREE,
            &rv32im::syscall::FRACTION_LENS,
            &rv32im::syscall::FRACTION_GLOBAL,
            rv32im::syscall::MIN_LOG_HEIGHT,
            rv32im::syscall::MAX_LOG_HEIGHT,
        ),
        TableId::Rv32Io => framework_shape(
            rv32im::io::WIDTH,
            rv32im::io::NUM_CONSTRAINTS,
            rv32im::io::MAX_DEGREE,
            &rv32im::io::FRACTION_LENS,
            &rv32im::io::FRACTION_GLOBAL,
            rv32im::io::MIN_LOG_HEIGHT,
            rv32im::io::MAX_LOG_HEIGHT,
        ),
        TableId::Rv32Mul => framework_shape(
            rv32im::mul::WIDTH,
            rv32im::mul::NUM_CONSTRAINTS,
            rv32im::mul::MAX_DEGREE,
            &rv32im::mul::FRACTION_LENS,
            &rv32im::mul::FRACTION_GLOBAL,
            rv32im::mul::MIN_LOG_HEIGHT,
            rv32im::mul::MAX_LOG_HEIGHT,
        ),
        TableId::Rv32Div => framework_shape(
            rv32im::div::WIDTH,
            rv32im::div::NUM_CONSTRAINTS,
            rv32im::div::MAX_DEGREE,
            &rv32im::div::FRACTION_LENS,
            &rv32im::div::FRACTION_GLOBAL,
            rv32im::div::MIN_LOG_HEIGHT,
            rv32im::div::MAX_LOG_HEIGHT,
        ),
        TableId::Rv32Fixed => TableShape {
            width: rv32im::fixed::WIDTH,
            num_constraints: 0,
            max_constraint_degree: 1,
            num_fractions: rv32im::fixed::NUM_FRACTIONS,
            num_global_fractions: 0,
            num_fixed_tables: 1,
            min_log_height: 0,
            max_log_height: rv32im::fixed::MAX_LOG_HEIGHT,
        },
    }
}

/// The selector polynomials of a table's trace domain evaluated at one point
/// (see protocol/domain.rs).
pub struct Selectors {
    /// Vanishes on every row but the first.
    pub is_first_row: Ext,
    /// Vanishes on every row but the last.
    pub is_last_row: Ext,
    /// Vanishes on the last row only.
    pub is_transition: Ext,
}

/// The values of all of a table's constraints at one point, in its fixed
/// order. `local` and `next` must have the table's width and `public_values`
/// the machine's count (checked).
pub fn eval_constraints(
    table: &TableId,
    local: &[Ext],
    next: &[Ext],
    public_values: &[u32],
    selectors: &Selectors,
) -> Result<Vec<Ext>, VerifyError> {
    let shape = table_shape(table);
    if local.len() != shape.width || next.len() != shape.width {
        return Err(VerifyError::WrongProofShape);
    }
    match table {
        #[cfg(feature = "test-airs")]
        TableId::Fibonacci => {
            if public_values.len() != fibonacci::NUM_PUBLIC_VALUES {
                return Err(VerifyError::WrongPublicValueCount);
            }
            Ok(fibonacci::eval(local, next, public_values, selectors))
        }
        #[cfg(feature = "test-airs")]
        TableId::CubicTest => {
            if public_values.len() != cubic::NUM_PUBLIC_VALUES {
                return Err(VerifyError::WrongPublicValueCount);
            }
            Ok(cubic::eval(local, next, public_values, selectors))
        }
        #[cfg(feature = "test-airs")]
        TableId::LookupTest => {
            if public_values.len() != lookup::NUM_PUBLIC_VALUES {
                return Err(VerifyError::WrongPublicValueCount);
            }
            Ok(lookup::eval(local, next, public_values, selectors))
        }
        #[cfg(feature = "test-airs")]
        TableId::SplitValues => {
            if public_values.len() != split::NUM_PUBLIC_VALUES {
                return Err(VerifyError::WrongPublicValueCount);
            }
            Ok(split::values_eval(local, public_values, selectors))
        }
        #[cfg(feature = "test-airs")]
        TableId::SplitNibbles => Ok(split::nibbles_eval(local, next, selectors)),
        TableId::Rv32Cpu => {
            if public_values.len() != rv32im::statement::NUM_TABLE_PUBLIC_VALUES {
                return Err(VerifyError::WrongPublicValueCount);
            }
            let mut out: Vec<Ext> = Vec::with_capacity(shape.num_constraints);
            rv32im::cpu::eval(
                local,
                next,
                &lift_public(public_values),
                selectors,
                &mut out,
            );
            Ok(out)
        }
        TableId::Rv32Range => {
            let mut out: Vec<Ext> = Vec::with_capacity(shape.num_constraints);
            rv32im::range::eval(
                local,
                next,
                &lift_public(public_values),
                selectors,
                &mut out,
            );
            Ok(out)
        }
        TableId::Rv32Alu => {
            let mut out: Vec<Ext> = Vec::with_capacity(shape.num_constraints);
            rv32im::alu::eval(
                local,
                next,
                &lift_public(public_values),
                selectors,
                &mut out,
            );
            Ok(out)
        }
        TableId::Rv32Mul => {
            let mut out: Vec<Ext> = Vec::with_capacity(shape.num_constraints);
            rv32im::mul::eval(
                local,
                next,
                &lift_public(public_values),
                selectors,
                &mut out,
            );
            Ok(out)
        }
        TableId::Rv32Div => {
            let mut out: Vec<Ext> = Vec::with_capacity(shape.num_constraints);
            rv32im::div::eval(
                local,
                next,
                &lift_public(public_values),
                selectors,
                &mut out,
            );
            Ok(out)
        }
        TableId::Rv32Logic => {
            let mut out: Vec<Ext> = Vec::with_capacity(shape.num_constraints);
            rv32im::logic::eval(
                local,
                next,
                &lift_public(public_values),
                selectors,
                &mut out,
            );
            Ok(out)
        }
        TableId::Rv32Boundary => {
            if public_values.len() != rv32im::statement::NUM_TABLE_PUBLIC_VALUES {
                return Err(VerifyError::WrongPublicValueCount);
            }
            let mut out: Vec<Ext> = Vec::with_capacity(shape.num_constraints);
            rv32im::boundary::eval(
                local,
                next,
                &lift_public(public_values),
                selectors,
                &mut out,
            );
            Ok(out)
        }
        TableId::Rv32Private => {
            if public_values.len() != rv32im::statement::NUM_TABLE_PUBLIC_VALUES {
                return Err(VerifyError::WrongPublicValueCount);
            }
            let mut out: Vec<Ext> = Vec::with_capacity(shape.num_constraints);
            rv32im::private::eval(
                local,
                next,
                &lift_public(public_values),
                selectors,
                &mut out,
            );
            Ok(out)
        }
        TableId::Rv32Fixed => Ok(Vec::new()),
        TableId::Rv32Syscall => {
            if public_values.len() != rv32im::statement::NUM_TABLE_PUBLIC_VALUES {
                return Err(VerifyError::WrongPublicValueCount);
            }
            let mut out: Vec<Ext> = Vec::with_capacity(shape.num_constraints);
            rv32im::syscall::eval(
                local,
                next,
                &lift_public(public_values),
                selectors,
                &mut out,
            );
            Ok(out)
        }
        TableId::Rv32Io => {
            let mut out: Vec<Ext> = Vec::with_capacity(shape.num_constraints);
            rv32im::io::eval(
                local,
                next,
                &lift_public(public_values),
                selectors,
                &mut out,
            );
            Ok(out)
        }
        TableId::Rv32Mem => {
            let mut out: Vec<Ext> = Vec::with_capacity(shape.num_constraints);
            rv32im::mem::eval(
                local,
                next,
                &lift_public(public_values),
                selectors,
                &mut out,
            );
            Ok(out)
        }
    }
}

/// The LogUp challenges: fractions have denominators `point - fingerprint`,
/// fingerprints are taken with powers of `beta` (logup::fingerprint).
/// Local fractions of segment s use `local_point = point - s beta^16`
/// instead (logup::segment_challenges): their messages carry the segment
/// number as a field at position 16, past every message's own fields, so
/// that segments never answer each other's local messages.
pub struct LookupChallenges {
    pub point: Ext,
    pub beta: Ext,
    pub local_point: Ext,
}

/// One LogUp fraction numerator / denominator of a row. A send has a
/// positive numerator (multiplicity), a receive a negative one.
pub struct Fraction {
    pub numerator: Ext,
    pub denominator: Ext,
}

/// The LogUp fractions of one row of a table, in its fixed order
/// (`num_fractions` of them). `local` is the main-trace row (the table's
/// width), `fixed_fps` the row's values of the fixed-table fingerprint columns
/// (`num_fixed_tables`). Each denominator is `lc.point - fingerprint(message)`.
pub fn eval_fractions(
    table: &TableId,
    local: &[Ext],
    fixed_fps: &[Ext],
    lc: &LookupChallenges,
) -> Result<Vec<Fraction>, VerifyError> {
    let shape = table_shape(table);
    if local.len() != shape.width || fixed_fps.len() != shape.num_fixed_tables {
        return Err(VerifyError::WrongProofShape);
    }
    match table {
        #[cfg(feature = "test-airs")]
        TableId::Fibonacci => Ok(Vec::new()),
        #[cfg(feature = "test-airs")]
        TableId::CubicTest => Ok(Vec::new()),
        #[cfg(feature = "test-airs")]
        TableId::LookupTest => Ok(lookup::fractions(local, fixed_fps, lc)),
        #[cfg(feature = "test-airs")]
        TableId::SplitValues => Ok(split::values_fractions(local, lc)),
        #[cfg(feature = "test-airs")]
        TableId::SplitNibbles => Ok(split::nibbles_fractions(local, lc)),
        TableId::Rv32Cpu => {
            let mut flat: Vec<Ext> = Vec::new();
            rv32im::cpu::messages(local, &mut flat);
            fractions_of_messages(
                &flat,
                &rv32im::cpu::FRACTION_LENS,
                &rv32im::cpu::FRACTION_GLOBAL,
                lc,
            )
        }
        TableId::Rv32Range => {
            let mut flat: Vec<Ext> = Vec::new();
            rv32im::range::messages(local, &mut flat);
            fractions_of_messages(
                &flat,
                &rv32im::range::FRACTION_LENS,
                &rv32im::range::FRACTION_GLOBAL,
                lc,
            )
        }
        TableId::Rv32Alu => {
            let mut flat: Vec<Ext> = Vec::new();
            rv32im::alu::messages(local, &mut flat);
            fractions_of_messages(
                &flat,
                &rv32im::alu::FRACTION_LENS,
                &rv32im::alu::FRACTION_GLOBAL,
                lc,
            )
        }
        TableId::Rv32Logic => {
            let mut flat: Vec<Ext> = Vec::new();
            rv32im::logic::messages(local, &mut flat);
            fractions_of_messages(
                &flat,
                &rv32im::logic::FRACTION_LENS,
                &rv32im::logic::FRACTION_GLOBAL,
                lc,
            )
        }
        TableId::Rv32Boundary => {
            let mut flat: Vec<Ext> = Vec::new();
            rv32im::boundary::messages(local, &mut flat);
            fractions_of_messages(
                &flat,
                &rv32im::boundary::FRACTION_LENS,
                &rv32im::boundary::FRACTION_GLOBAL,
                lc,
            )
        }
        TableId::Rv32Private => {
            let mut flat: Vec<Ext> = Vec::new();
            rv32im::private::messages(local, &mut flat);
            fractions_of_messages(
                &flat,
                &rv32im::private::FRACTION_LENS,
                &rv32im::private::FRACTION_GLOBAL,
                lc,
            )
        }
        TableId::Rv32Syscall => {
            let mut flat: Vec<Ext> = Vec::new();
            rv32im::syscall::messages(local, &mut flat);
            fractions_of_messages(
                &flat,
                &rv32im::syscall::FRACTION_LENS,
                &rv32im::syscall::FRACTION_GLOBAL,
                lc,
            )
        }
        TableId::Rv32Io => {
            let mut flat: Vec<Ext> = Vec::new();
            rv32im::io::messages(local, &mut flat);
            fractions_of_messages(
                &flat,
                &rv32im::io::FRACTION_LENS,
                &rv32im::io::FRACTION_GLOBAL,
                lc,
            )
        }
        TableId::Rv32Mem => {
            let mut flat: Vec<Ext> = Vec::new();
            rv32im::mem::messages(local, &mut flat);
            fractions_of_messages(
                &flat,
                &rv32im::mem::FRACTION_LENS,
                &rv32im::mem::FRACTION_GLOBAL,
                lc,
            )
        }
        TableId::Rv32Mul => {
            let mut flat: Vec<Ext> = Vec::new();
            rv32im::mul::messages(local, &mut flat);
            fractions_of_messages(
                &flat,
                &rv32im::mul::FRACTION_LENS,
                &rv32im::mul::FRACTION_GLOBAL,
                lc,
            )
        }
        TableId::Rv32Div => {
            let mut flat: Vec<Ext> = Vec::new();
            rv32im::div::messages(local, &mut flat);
            fractions_of_messages(
                &flat,
                &rv32im::div::FRACTION_LENS,
                &rv32im::div::FRACTION_GLOBAL,
                lc,
            )
        }
        TableId::Rv32Fixed => Ok(vec![Fraction {
            numerator: extension::neg(&local[rv32im::fixed::M]),
            denominator: extension::sub(&lc.local_point, &fixed_fps[0]),
        }]),
    }
}

/// A fixed table: each row is a full message (its first field is the tag),
/// base-field canonical values. Row i sits at row i of the table that checks
/// it; rows at or beyond the fixed table's length hold the fingerprint 0.
pub struct FixedTable {
    pub rows: Vec<Vec<u32>>,
}

/// The fixed tables (`num_fixed_tables` of them) of the machine's table
/// number `index`, derived from the verifying key alone.
pub fn fixed_tables(vk: &VerifyingKey, index: usize) -> Result<Vec<FixedTable>, VerifyError> {
    let ids = tables(&vk.air);
    if index >= ids.len() {
        return Err(VerifyError::WrongProofShape);
    }
    match &vk.air {
        AirId::Rv32imV2(program) => match ids[index] {
            TableId::Rv32Fixed => {
                let table = rv32im::fixed::fixed_table(program);
                if !rv32im::fixed::is_canonical(&table) {
                    return Err(VerifyError::InvalidStatement);
                }
                Ok(vec![table])
            }
            _ => Ok(Vec::new()),
        },
        #[cfg(feature = "test-airs")]
        AirId::LookupTest => Ok(lookup::fixed_tables()),
        #[cfg(feature = "test-airs")]
        _ => Ok(Vec::new()),
    }
}

/// The messages the verifier puts on the bus for a statement: each send
/// contributes +1/(point - fp), each receive -1/(point - fp).
pub struct BoundaryMessages {
    pub sends: Vec<Vec<u32>>,
    pub receives: Vec<Vec<u32>>,
}

/// The boundary messages of the statement (the statement has been checked:
/// public-value count and canonicity).
pub fn boundary_messages(
    vk: &VerifyingKey,
    statement: &Statement,
) -> Result<BoundaryMessages, VerifyError> {
    if statement.public_values.len() != num_public_values(&vk.air) {
        return Err(VerifyError::WrongPublicValueCount);
    }
    match &vk.air {
        AirId::Rv32imV2(_) => rv32im::statement::boundary_messages(
            &statement.public_values,
            &statement.input,
            &statement.output,
        ),
        #[cfg(feature = "test-airs")]
        AirId::LookupTest => Ok(lookup::boundary_messages(statement)),
        #[cfg(feature = "test-airs")]
        AirId::SplitLookupTest => Ok(lookup::boundary_messages(statement)),
        #[cfg(feature = "test-airs")]
        _ => Ok(BoundaryMessages {
            sends: Vec::new(),
            receives: Vec::new(),
        }),
    }
}

/// Folds constraint values with powers of alpha by Horner's rule:
/// acc <- acc * alpha + c_i for i = 0, 1, ..., so c_0 gets alpha^(m-1).
pub fn fold_constraints(values: &[Ext], alpha: &Ext) -> Ext {
    let mut acc = extension::ZERO;
    let mut i = 0;
    while i < values.len() {
        acc = extension::add(&extension::mul(&acc, alpha), &values[i]);
        i += 1;
    }
    acc
}

/// log2 of the number of quotient chunks: the quotient has degree below
/// (d - 1) * n, so ceil(log2(d - 1)) chunks of degree below n (at least one chunk).
pub fn log_quotient_chunks(max_constraint_degree: u32) -> u32 {
    let mut log: u32 = 0;
    while max_constraint_degree > 1 && (1u64 << log) < (max_constraint_degree as u64) - 1 {
        log += 1;
    }
    log
}
