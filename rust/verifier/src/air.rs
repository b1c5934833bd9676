//! The AIRs this verifier knows, and the one place that dispatches on them.
//!
//! An AIR is a list of polynomial constraints over a pair of consecutive rows
//! (local, next), the public values and three selectors. Each constraint
//! value already includes its selector, so the trace is valid iff every
//! constraint vanishes on the whole trace domain. The RV32IM AIR will be one
//! more variant here.

use crate::air_cubic;
use crate::air_fibonacci;
use crate::error::VerifyError;
use crate::extension::{self, Ext};

pub enum AirId {
    /// Two columns (a, b) stepping (a, b) -> (b, a + b); see air_fibonacci.rs.
    Fibonacci,
    /// Three columns (x, y, acc) with a degree-3 constraint; see air_cubic.rs.
    CubicTest,
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
    pub max_constraint_degree: u32,
}

/// A stable number for each AIR, hashed into the verifying key.
pub fn air_code(air: &AirId) -> u32 {
    match air {
        AirId::Fibonacci => 1,
        AirId::CubicTest => 2,
    }
}

pub fn air_shape(air: &AirId) -> AirShape {
    match air {
        AirId::Fibonacci => air_fibonacci::shape(),
        AirId::CubicTest => air_cubic::shape(),
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
        AirId::Fibonacci => Ok(air_fibonacci::eval(local, next, public_values, selectors)),
        AirId::CubicTest => Ok(air_cubic::eval(local, next, public_values, selectors)),
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
