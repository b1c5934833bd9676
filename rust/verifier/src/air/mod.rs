//! The AIRs this verifier knows, and the one place that dispatches on them.
//!
//! An AIR is a list of polynomial constraints over a pair of consecutive rows
//! (local, next), the public values and three selectors. Each constraint
//! value already includes its selector, so the trace is valid iff every
//! constraint vanishes on the whole trace domain.
//!
//! An AIR with lookups also declares, per row, a list of LogUp fractions
//! (`eval_fractions`), its fixed (verifier-known) tables (`fixed_tables`) and
//! the boundary messages the verifier adds to the bus (`boundary_messages`);
//! the generic machinery is in logup.rs.

pub mod rv32im_v1;
#[cfg(feature = "test-airs")]
pub mod test;

#[cfg(feature = "test-airs")]
use crate::air::test::{cubic, fibonacci, lookup};
use crate::error::VerifyError;
use crate::field::extension::{self, Ext};
use crate::protocol::statement::Statement;
use crate::protocol::vk::VerifyingKey;
use crate::receipt::program::Program;

pub enum AirId {
    /// Two columns (a, b) stepping (a, b) -> (b, a + b); see air_fibonacci.rs.
    #[cfg(feature = "test-airs")]
    Fibonacci,
    /// Three columns (x, y, acc) with a degree-3 constraint; see air_cubic.rs.
    #[cfg(feature = "test-airs")]
    CubicTest,
    /// Three columns (v, w, m) looked up in a 16-row fixed table, with a
    /// boundary from the statement; see air_lookup_test.rs.
    #[cfg(feature = "test-airs")]
    LookupTest,
    /// An RV32IM program's execution (air_rv32im.rs), for the program
    /// derived from an ELF (program.rs): the fixed table holds its
    /// instructions and initial memory.
    Rv32im(Program),
}

/// What the protocol needs to know about an AIR besides its constraints.
pub struct AirShape {
    /// Number of base-field trace columns.
    pub width: usize,
    /// Number of public values (base-field elements).
    pub num_public_values: usize,
    /// Number of constraints returned by `eval_constraints`.
    pub num_constraints: usize,
    /// Maximal total degree of a constraint, counting each trace cell and each selector as 1.
    /// With fractions it must also cover the LogUp constraints (3 when every
    /// denominator and numerator is linear in the trace); the protocol uses
    /// max(max_constraint_degree, 3) in that case (logup::constraint_degree).
    pub max_constraint_degree: u32,
    /// Number of LogUp fractions per row (`eval_fractions`).
    pub num_fractions: usize,
    /// Number of fixed tables (`fixed_tables`), i.e. of fixed fingerprint columns.
    pub num_fixed_tables: usize,
}

/// A stable number for each AIR, hashed into the verifying key.
pub fn air_code(air: &AirId) -> u32 {
    match air {
        #[cfg(feature = "test-airs")]
        AirId::Fibonacci => 1,
        #[cfg(feature = "test-airs")]
        AirId::CubicTest => 2,
        #[cfg(feature = "test-airs")]
        AirId::LookupTest => 3,
        AirId::Rv32im(_) => 4,
    }
}

pub fn air_shape(air: &AirId) -> AirShape {
    match air {
        #[cfg(feature = "test-airs")]
        AirId::Fibonacci => fibonacci::shape(),
        #[cfg(feature = "test-airs")]
        AirId::CubicTest => cubic::shape(),
        #[cfg(feature = "test-airs")]
        AirId::LookupTest => lookup::shape(),
        AirId::Rv32im(_) => rv32im_v1::shape(),
    }
}

/// The selector polynomials evaluated at one point (see domain.rs).
pub struct Selectors {
    /// Vanishes on every row but the first.
    pub is_first_row: Ext,
    /// Vanishes on every row but the last.
    pub is_last_row: Ext,
    /// Vanishes on the last row only.
    pub is_transition: Ext,
}

/// The values of all constraints at one point, in the AIR's fixed order.
/// `local` and `next` must have the AIR's width and `public_values` its count.
pub fn eval_constraints(
    air: &AirId,
    local: &[Ext],
    next: &[Ext],
    public_values: &[u32],
    selectors: &Selectors,
) -> Result<Vec<Ext>, VerifyError> {
    let shape = air_shape(air);
    if local.len() != shape.width || next.len() != shape.width {
        return Err(VerifyError::WrongProofShape);
    }
    if public_values.len() != shape.num_public_values {
        return Err(VerifyError::WrongPublicValueCount);
    }
    match air {
        #[cfg(feature = "test-airs")]
        AirId::Fibonacci => Ok(fibonacci::eval(local, next, public_values, selectors)),
        #[cfg(feature = "test-airs")]
        AirId::CubicTest => Ok(cubic::eval(local, next, public_values, selectors)),
        #[cfg(feature = "test-airs")]
        AirId::LookupTest => Ok(lookup::eval(local, next, public_values, selectors)),
        AirId::Rv32im(_) => Ok(rv32im_v1::eval(local, next, public_values, selectors)),
    }
}

/// The LogUp challenges: fractions have denominators `point - fingerprint`,
/// fingerprints are taken with powers of `beta` (logup::fingerprint).
pub struct LookupChallenges {
    pub point: Ext,
    pub beta: Ext,
}

/// One LogUp fraction numerator / denominator of a row. A send has a
/// positive numerator (multiplicity), a receive a negative one.
pub struct Fraction {
    pub numerator: Ext,
    pub denominator: Ext,
}

/// The LogUp fractions of one row, in the AIR's fixed order (`num_fractions`
/// of them). `local` is the main-trace row (the AIR's width), `fixed_fps` the
/// row's values of the fixed-table fingerprint columns (`num_fixed_tables`).
/// Each denominator is `lc.point - fingerprint(message)` (logup.rs).
pub fn eval_fractions(
    air: &AirId,
    local: &[Ext],
    fixed_fps: &[Ext],
    public_values: &[u32],
    lc: &LookupChallenges,
) -> Result<Vec<Fraction>, VerifyError> {
    let shape = air_shape(air);
    if local.len() != shape.width || fixed_fps.len() != shape.num_fixed_tables {
        return Err(VerifyError::WrongProofShape);
    }
    if public_values.len() != shape.num_public_values {
        return Err(VerifyError::WrongPublicValueCount);
    }
    match air {
        #[cfg(feature = "test-airs")]
        AirId::Fibonacci => Ok(Vec::new()),
        #[cfg(feature = "test-airs")]
        AirId::CubicTest => Ok(Vec::new()),
        #[cfg(feature = "test-airs")]
        AirId::LookupTest => Ok(lookup::fractions(local, fixed_fps, lc)),
        AirId::Rv32im(_) => rv32im_v1::fractions(local, fixed_fps, lc),
    }
}

/// A fixed table: each row is a full message (its first field is the tag),
/// base-field canonical values. Row i sits at trace row i; trace rows at or
/// beyond the table's length hold the fingerprint 0.
pub struct FixedTable {
    pub rows: Vec<Vec<u32>>,
}

/// The AIR's fixed tables (`num_fixed_tables` of them), derived from the
/// verifying key alone.
pub fn fixed_tables(vk: &VerifyingKey) -> Result<Vec<FixedTable>, VerifyError> {
    match &vk.air {
        #[cfg(feature = "test-airs")]
        AirId::Fibonacci => Ok(Vec::new()),
        #[cfg(feature = "test-airs")]
        AirId::CubicTest => Ok(Vec::new()),
        #[cfg(feature = "test-airs")]
        AirId::LookupTest => Ok(lookup::fixed_tables()),
        AirId::Rv32im(program) => {
            let table = rv32im_v1::fixed_table(program);
            if !rv32im_v1::fixed_table_is_canonical(&table) {
                return Err(VerifyError::InvalidStatement);
            }
            Ok(vec![table])
        }
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
    let shape = air_shape(&vk.air);
    if statement.public_values.len() != shape.num_public_values {
        return Err(VerifyError::WrongPublicValueCount);
    }
    match &vk.air {
        #[cfg(feature = "test-airs")]
        AirId::Fibonacci => Ok(BoundaryMessages {
            sends: Vec::new(),
            receives: Vec::new(),
        }),
        #[cfg(feature = "test-airs")]
        AirId::CubicTest => Ok(BoundaryMessages {
            sends: Vec::new(),
            receives: Vec::new(),
        }),
        #[cfg(feature = "test-airs")]
        AirId::LookupTest => Ok(lookup::boundary_messages(statement)),
        AirId::Rv32im(_) => rv32im_v1::boundary_messages(
            &statement.public_values,
            &statement.input,
            &statement.output,
        ),
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
