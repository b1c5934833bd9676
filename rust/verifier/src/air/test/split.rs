//! A test machine of two tables of different heights joined by the bus: the
//! lookup of lookup.rs split into a table of values and a table of nibbles.
//!
//! Table VALUES, columns (v, w), any height:
//!   c0 = is_first_row * (v - p0)                       (degree 2)
//!   f0 = +1 / (point - fp(TAG, v))                      send (TAG, v)
//!   f1 = +1 / (point - fp(TAG, w))                      send (TAG, w)
//! Table NIBBLES, columns (x, m), exactly 16 rows:
//!   c0 = is_first_row * x                              x starts at 0
//!   c1 = is_transition * (x' - x - 1)                   and counts up: x = row index
//!   f0 = -m / (point - fp(TAG, x))                      receive (TAG, x), m times
//! Boundary (from the statement, as in lookup.rs): send (TAG, p0), send
//! (TAG, b) for each input byte b, receive (TAG, b) for each output byte b.
//! The bus balances iff every v, w, p0 and input byte is below 16 and m counts
//! them. NIBBLES has no fixed table: its content is forced by its
//! constraints and its exact height.

use crate::air::{Fraction, LookupChallenges, Selectors, TableShape};
use crate::field::extension::{self, Ext};
use crate::protocol::logup;

pub const NUM_PUBLIC_VALUES: usize = 1;
pub const VALUES_WIDTH: usize = 2;
pub const NIBBLES_WIDTH: usize = 2;
pub const TAG: u32 = 1;
/// log2 of the number of rows of NIBBLES.
pub const NIBBLES_LOG_HEIGHT: u32 = 4;

pub fn values_shape() -> TableShape {
    TableShape {
        width: VALUES_WIDTH,
        num_constraints: 1,
        max_constraint_degree: 2,
        num_fractions: 2,
        num_global_fractions: 2,
        num_fixed_tables: 0,
        min_log_height: 0,
        max_log_height: 27,
    }
}

pub fn nibbles_shape() -> TableShape {
    TableShape {
        width: NIBBLES_WIDTH,
        num_constraints: 2,
        max_constraint_degree: 2,
        num_fractions: 1,
        num_global_fractions: 1,
        num_fixed_tables: 0,
        min_log_height: NIBBLES_LOG_HEIGHT,
        max_log_height: NIBBLES_LOG_HEIGHT,
    }
}

/// Caller guarantees local.len() == 2 and public_values.len() == 1.
pub fn values_eval(local: &[Ext], public_values: &[u32], sel: &Selectors) -> Vec<Ext> {
    let p0 = extension::from_base(public_values[0]);
    vec![extension::mul(
        &sel.is_first_row,
        &extension::sub(&local[0], &p0),
    )]
}

/// Caller guarantees local.len() == next.len() == 2.
pub fn nibbles_eval(local: &[Ext], next: &[Ext], sel: &Selectors) -> Vec<Ext> {
    let step = extension::sub(&extension::sub(&next[0], &local[0]), &extension::ONE);
    vec![
        extension::mul(&sel.is_first_row, &local[0]),
        extension::mul(&sel.is_transition, &step),
    ]
}

fn send(value: &Ext, lc: &LookupChallenges) -> Fraction {
    let fp = logup::fingerprint(&[extension::from_base(TAG), *value], &lc.beta);
    Fraction {
        numerator: extension::ONE,
        denominator: extension::sub(&lc.point, &fp),
    }
}

/// Caller guarantees local.len() == 2.
pub fn values_fractions(local: &[Ext], lc: &LookupChallenges) -> Vec<Fraction> {
    vec![send(&local[0], lc), send(&local[1], lc)]
}

/// Caller guarantees local.len() == 2.
pub fn nibbles_fractions(local: &[Ext], lc: &LookupChallenges) -> Vec<Fraction> {
    let fp = logup::fingerprint(&[extension::from_base(TAG), local[0]], &lc.beta);
    vec![Fraction {
        numerator: extension::neg(&local[1]),
        denominator: extension::sub(&lc.point, &fp),
    }]
}
