//! RANGE: exactly 2^16 rows, v = the row index, m = how often v is looked up.
//! Receives U16(v) m times, so a U16 lookup proves a value below 2^16.
//!
//!   c0 = is_first_row * v
//!   c1 = is_transition * (v' - v - 1)

use super::bus;
use super::expr::{konst, mul, neg, one, sub, Selectors, E};

pub const V: usize = 0;
pub const M: usize = 1;
pub const WIDTH: usize = 2;
pub const NUM_CONSTRAINTS: usize = 2;
pub const MAX_DEGREE: u32 = 2;
pub const FRACTION_LENS: [usize; 1] = [bus::LEN_U16];
/// Every fraction is local to its segment (docs/protocol.md §5.1).
pub const FRACTION_GLOBAL: [bool; 1] = [false; 1];
pub const MIN_LOG_HEIGHT: u32 = 16;
pub const MAX_LOG_HEIGHT: u32 = 16;

/// Caller guarantees local.len() == next.len() == WIDTH.
pub fn eval(local: &[E], next: &[E], _public: &[E], sel: &Selectors, out: &mut Vec<E>) {
    out.push(mul(&sel.is_first_row, &local[V]));
    let step = sub(&sub(&next[V], &local[V]), &one());
    out.push(mul(&sel.is_transition, &step));
}

/// Caller guarantees local.len() == WIDTH.
pub fn messages(local: &[E], out: &mut Vec<E>) {
    out.push(neg(&local[M]));
    out.push(konst(bus::TAG_U16));
    out.push(local[V]);
}
