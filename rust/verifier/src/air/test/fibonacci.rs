//! The Fibonacci AIR: columns (a, b); public values (a_0, b_0, b_last).
//!
//!   c0 = is_first_row  * (a - a_0)
//!   c1 = is_first_row  * (b - b_0)
//!   c2 = is_transition * (a' - b)
//!   c3 = is_transition * (b' - a - b)
//!   c4 = is_last_row   * (b - b_last)
//! Degree 2.

use crate::air::{Selectors, TableShape};
use crate::field::extension::{self, Ext};

pub const WIDTH: usize = 2;
pub const NUM_PUBLIC_VALUES: usize = 3;

pub fn shape() -> TableShape {
    TableShape {
        width: WIDTH,
        num_constraints: 5,
        max_constraint_degree: 2,
        num_fractions: 0,
        num_global_fractions: 0,
        num_fixed_tables: 0,
        min_log_height: 0,
        max_log_height: 27,
    }
}

/// Caller guarantees local.len() == next.len() == 2 and public_values.len() == 3.
pub fn eval(local: &[Ext], next: &[Ext], public_values: &[u32], sel: &Selectors) -> Vec<Ext> {
    let a = &local[0];
    let b = &local[1];
    let a_next = &next[0];
    let b_next = &next[1];
    let a_first = extension::from_base(public_values[0]);
    let b_first = extension::from_base(public_values[1]);
    let b_last = extension::from_base(public_values[2]);

    let c0 = extension::mul(&sel.is_first_row, &extension::sub(a, &a_first));
    let c1 = extension::mul(&sel.is_first_row, &extension::sub(b, &b_first));
    let c2 = extension::mul(&sel.is_transition, &extension::sub(a_next, b));
    let c3 = extension::mul(
        &sel.is_transition,
        &extension::sub(b_next, &extension::add(a, b)),
    );
    let c4 = extension::mul(&sel.is_last_row, &extension::sub(b, &b_last));
    vec![c0, c1, c2, c3, c4]
}
