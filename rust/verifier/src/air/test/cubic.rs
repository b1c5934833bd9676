//! A test AIR with a degree-3 constraint: columns (x, y, acc); public values
//! (acc_first, acc_last). Row i holds x = i, y = i^3, acc = acc_first + sum_{j<i} j * j^3.
//!
//!   c0 = is_first_row  * x
//!   c1 = is_first_row  * (acc - acc_first)
//!   c2 = y - x^3                          (every row; degree 3)
//!   c3 = is_transition * (x' - x - 1)
//!   c4 = is_transition * (acc' - acc - x * y)   (degree 3)
//!   c5 = is_last_row   * (acc - acc_last)
//! Degree 3: two quotient chunks.

use crate::air::{Selectors, TableShape};
use crate::field::extension::{self, Ext};

pub const WIDTH: usize = 3;
pub const NUM_PUBLIC_VALUES: usize = 2;

pub fn shape() -> TableShape {
    TableShape {
        width: WIDTH,
        num_constraints: 6,
        max_constraint_degree: 3,
        num_fractions: 0,
        num_global_fractions: 0,
        num_fixed_tables: 0,
        min_log_height: 0,
        max_log_height: 27,
    }
}

/// Caller guarantees local.len() == next.len() == 3 and public_values.len() == 2.
pub fn eval(local: &[Ext], next: &[Ext], public_values: &[u32], sel: &Selectors) -> Vec<Ext> {
    let x = &local[0];
    let y = &local[1];
    let acc = &local[2];
    let x_next = &next[0];
    let acc_next = &next[2];
    let acc_first = extension::from_base(public_values[0]);
    let acc_last = extension::from_base(public_values[1]);

    let x_cubed = extension::mul(&extension::mul(x, x), x);
    let x_y = extension::mul(x, y);

    let c0 = extension::mul(&sel.is_first_row, x);
    let c1 = extension::mul(&sel.is_first_row, &extension::sub(acc, &acc_first));
    let c2 = extension::sub(y, &x_cubed);
    let c3 = extension::mul(
        &sel.is_transition,
        &extension::sub(&extension::sub(x_next, x), &extension::ONE),
    );
    let c4 = extension::mul(
        &sel.is_transition,
        &extension::sub(&extension::sub(acc_next, acc), &x_y),
    );
    let c5 = extension::mul(&sel.is_last_row, &extension::sub(acc, &acc_last));
    vec![c0, c1, c2, c3, c4, c5]
}
