//! FRI with folding arity 2, verifier side.
//!
//! Layer i holds the evaluations of f_i on the coset D_i = g^(2^i) * <omega_{N/2^i}>
//! (natural order; D_0 is the LDE domain). Because omega^(N_i/2) = -1, the points at
//! indices j and j + N_i/2 are x and -x, so leaf j of layer i's Merkle tree is the
//! pair (f_i(x_j), f_i(-x_j)) as 8 base elements. Folding with challenge beta_i:
//!   f_{i+1}(x^2) = (f_i(x) + f_i(-x)) / 2 + beta_i (f_i(x) - f_i(-x)) / (2x)
//! i.e. f_{i+1} = f_even + beta_i f_odd where f_i(X) = f_even(X^2) + X f_odd(X^2).
//! Element j of D_{i+1} is x_j^2, so the queried index simply drops its top bit.
//! After the last committed layer, the folded values must agree with the final
//! polynomial, sent in clear.

use crate::domain;
use crate::error::VerifyError;
use crate::extension::{self, Ext};
use crate::field;
use crate::hash::Digest;
use crate::merkle;
use crate::proof::FriQueryStep;

/// 1/2 in BabyBear: (p + 1) / 2.
const INV_TWO: u32 = 1006632961;

/// One fold: from lo = f(x) and hi = f(-x), the value (f_even + beta f_odd)(x^2).
pub fn fold_pair(lo: &Ext, hi: &Ext, beta: &Ext, x: u32) -> Ext {
    let even = extension::mul_base(&extension::add(lo, hi), INV_TWO);
    let inv_two_x = field::mul(INV_TWO, field::inv(x));
    let odd = extension::mul_base(&extension::sub(lo, hi), inv_two_x);
    extension::add(&even, &extension::mul(beta, &odd))
}

/// The 8 base-field values of a FRI leaf: the pair (f(x), f(-x)).
pub fn pair_leaf_values(lo: &Ext, hi: &Ext) -> Vec<u32> {
    vec![lo[0], lo[1], lo[2], lo[3], hi[0], hi[1], hi[2], hi[3]]
}

/// Horner evaluation of a polynomial with extension coefficients (lowest first) at a base point.
pub fn eval_poly_at_base(coeffs: &[Ext], x: u32) -> Ext {
    let mut acc = extension::ZERO;
    let mut i = coeffs.len();
    while i > 0 {
        i -= 1;
        acc = extension::add(&extension::mul_base(&acc, x), &coeffs[i]);
    }
    acc
}

/// Checks one query through all FRI layers.
/// `index` is the query's position in D_0 (size 2^log_lde) and `value` is f_0 there,
/// computed by the verifier from the trace and quotient openings.
pub fn verify_fri_query(
    commitments: &[Digest],
    betas: &[Ext],
    steps: &[FriQueryStep],
    final_poly: &[Ext],
    log_lde: u32,
    index: u64,
    value: &Ext,
) -> Result<(), VerifyError> {
    let rounds = commitments.len();
    if steps.len() != rounds || betas.len() != rounds || rounds >= log_lde as usize {
        return Err(VerifyError::WrongProofShape);
    }
    let mut current = *value;
    let mut position = index;
    let mut log_size = log_lde;
    let mut round = 0;
    while round < rounds {
        let half_log = log_size - 1;
        let leaf = position & ((1u64 << half_log) - 1);
        let is_upper = (position >> half_log) & 1 == 1;
        let step = &steps[round];
        let (lo, hi) = if is_upper {
            (step.sibling, current)
        } else {
            (current, step.sibling)
        };
        let leaf_values = pair_leaf_values(&lo, &hi);
        if !merkle::verify_opening(
            &commitments[round],
            half_log as usize,
            leaf as usize,
            &leaf_values,
            &step.path,
        ) {
            return Err(VerifyError::FriMerkleMismatch);
        }
        let x = match domain::coset_point(round as u32, log_size, leaf) {
            Ok(p) => p,
            Err(e) => return Err(e),
        };
        current = fold_pair(&lo, &hi, &betas[round], x);
        position = leaf;
        log_size = half_log;
        round += 1;
    }
    let x_final = match domain::coset_point(rounds as u32, log_size, position) {
        Ok(p) => p,
        Err(e) => return Err(e),
    };
    if eval_poly_at_base(final_poly, x_final) != current {
        return Err(VerifyError::FriFinalPolynomialMismatch);
    }
    Ok(())
}
