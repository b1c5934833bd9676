//! A small test AIR for the LogUp machinery: main columns (v, w, m), one
//! public value p0, one fixed table NIBBLE of the 16 messages (TAG, i), i < 16.
//!
//! Own constraint:
//!   c0 = is_first_row * (v - p0)                       (degree 2)
//! Fractions of a row (F = 3, so P = 2 pair columns, the second with one fraction):
//!   f0 = +1 / (point - fp(TAG, v))        send (TAG, v)
//!   f1 = +1 / (point - fp(TAG, w))        send (TAG, w)
//!   f2 = -m / (point - fixed_fp_0)        receive row i of NIBBLE, m times
//! Boundary (from the statement): send (TAG, p0) once, send (TAG, b) for each
//! input byte b, receive (TAG, b) for each output byte b.
//! The bus balances iff every v, w, p0 and input byte is below 16 and
//! m_i = #{v = i} + #{w = i} + [p0 = i] + #{input b = i} - #{output b = i}
//! (as field elements) for i < 16, and m = 0 on rows >= 16 (those rows
//! receive the fingerprint 0, which no message has except with negligible
//! probability). Degree 3 (the LogUp pair constraints); needs n >= 16.

use crate::air::{BoundaryMessages, FixedTable, Fraction, LookupChallenges, Selectors, TableShape};
use crate::field::extension::{self, Ext};
use crate::protocol::logup;
use crate::protocol::statement::Statement;

pub const WIDTH: usize = 3;
pub const NUM_PUBLIC_VALUES: usize = 1;
pub const V: usize = 0;
pub const W: usize = 1;
pub const M: usize = 2;
/// The tag of NIBBLE messages.
pub const TAG: u32 = 1;
/// Rows of the fixed table.
pub const TABLE_SIZE: u32 = 16;

pub fn shape() -> TableShape {
    TableShape {
        width: WIDTH,
        num_constraints: 1,
        max_constraint_degree: 3,
        num_fractions: 3,
        num_global_fractions: 3,
        num_fixed_tables: 1,
        min_log_height: 0,
        max_log_height: 27,
    }
}

/// Caller guarantees local.len() == 3 and public_values.len() == 1.
pub fn eval(local: &[Ext], _next: &[Ext], public_values: &[u32], sel: &Selectors) -> Vec<Ext> {
    let v = &local[V];
    let p0 = extension::from_base(public_values[0]);
    vec![extension::mul(&sel.is_first_row, &extension::sub(v, &p0))]
}

/// Caller guarantees local.len() == 3 and fixed_fps.len() == 1.
pub fn fractions(local: &[Ext], fixed_fps: &[Ext], lc: &LookupChallenges) -> Vec<Fraction> {
    let tag = extension::from_base(TAG);
    let fp_v = logup::fingerprint(&[tag, local[V]], &lc.beta);
    let fp_w = logup::fingerprint(&[tag, local[W]], &lc.beta);
    vec![
        Fraction {
            numerator: extension::ONE,
            denominator: extension::sub(&lc.point, &fp_v),
        },
        Fraction {
            numerator: extension::ONE,
            denominator: extension::sub(&lc.point, &fp_w),
        },
        Fraction {
            numerator: extension::neg(&local[M]),
            denominator: extension::sub(&lc.point, &fixed_fps[0]),
        },
    ]
}

/// NIBBLE: rows (TAG, i) for i < 16.
pub fn fixed_tables() -> Vec<FixedTable> {
    let mut rows: Vec<Vec<u32>> = Vec::with_capacity(TABLE_SIZE as usize);
    let mut i: u32 = 0;
    while i < TABLE_SIZE {
        rows.push(vec![TAG, i]);
        i += 1;
    }
    vec![FixedTable { rows }]
}

/// Caller guarantees statement.public_values.len() == 1.
pub fn boundary_messages(statement: &Statement) -> BoundaryMessages {
    let mut sends: Vec<Vec<u32>> = Vec::with_capacity(1 + statement.input.len());
    sends.push(vec![TAG, statement.public_values[0]]);
    let mut i = 0;
    while i < statement.input.len() {
        sends.push(vec![TAG, statement.input[i] as u32]);
        i += 1;
    }
    let mut receives: Vec<Vec<u32>> = Vec::with_capacity(statement.output.len());
    let mut j = 0;
    while j < statement.output.len() {
        receives.push(vec![TAG, statement.output[j] as u32]);
        j += 1;
    }
    BoundaryMessages { sends, receives }
}
