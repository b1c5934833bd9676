//! Base-field constraint evaluation for the prover's hot loop.
//!
//! The normative constraints are `zkvm_verifier::air::eval_constraints`
//! (over the extension field). These are the same polynomials over the base
//! field, in the same order; `tests/constraints_match.rs` checks that both
//! agree on random rows.

use zkvm_verifier::air::TableId;

use crate::types::F;
use p3_field::PrimeCharacteristicRing;

/// Upper bound on the number of constraints of any AIR (stack buffers).
pub const MAX_CONSTRAINTS: usize = 16;

/// Selector values at one base-field point.
#[derive(Clone, Copy, Debug)]
pub struct BaseSelectors {
    pub is_first_row: F,
    pub is_last_row: F,
    pub is_transition: F,
}

/// Whether `eval_base` covers the AIR (the small test AIRs without lookups).
/// Every other AIR is evaluated with the normative
/// `zkvm_verifier::protocol::stark::all_constraints_at` over the extension field.
pub fn has_base_eval(table: &TableId) -> bool {
    matches!(table, TableId::Fibonacci | TableId::CubicTest)
}

/// Writes the constraint values at one point into `out[..num_constraints]`.
/// Only for AIRs with `has_base_eval`.
pub fn eval_base(
    table: &TableId,
    local: &[F],
    next: &[F],
    public: &[F],
    sel: &BaseSelectors,
    out: &mut [F],
) {
    match table {
        TableId::Fibonacci => {
            let (a, b) = (local[0], local[1]);
            let (a_next, b_next) = (next[0], next[1]);
            out[0] = sel.is_first_row * (a - public[0]);
            out[1] = sel.is_first_row * (b - public[1]);
            out[2] = sel.is_transition * (a_next - b);
            out[3] = sel.is_transition * (b_next - a - b);
            out[4] = sel.is_last_row * (b - public[2]);
        }
        TableId::CubicTest => {
            let (x, y, acc) = (local[0], local[1], local[2]);
            let (x_next, acc_next) = (next[0], next[2]);
            out[0] = sel.is_first_row * x;
            out[1] = sel.is_first_row * (acc - public[0]);
            out[2] = y - x.cube();
            out[3] = sel.is_transition * (x_next - x - F::ONE);
            out[4] = sel.is_transition * (acc_next - acc - x * y);
            out[5] = sel.is_last_row * (acc - public[1]);
        }
        _ => unreachable!("no base-field constraint evaluation for this AIR"),
    }
}
