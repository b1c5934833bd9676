//! FRI with folding arity 2^k (k = log_fri_arity), verifier side.
//!
//! Layer r holds the evaluations of f_r on the coset
//! D_r = g^(2^(k r)) * <omega_{N_r}>, N_r = N / 2^(k r) (natural order; D_0 is
//! the LDE domain). With M = N_r / 2^k, the points j + t M (t < 2^k) of D_r are
//! x_j * w^t for the 2^k-th root of unity w = omega_{N_r}^M: exactly the points
//! whose 2^k-th power is element j of D_{r+1}. Leaf j of layer r's Merkle tree
//! is that coset, (f_r[j], f_r[j + M], ..., f_r[j + (2^k - 1) M]), as 4 * 2^k
//! base elements.
//!
//! Folding with the challenge beta_r is k binary folds with beta_r, beta_r^2,
//! beta_r^4, ...: one binary fold of values lo = f(x), hi = f(-x) is
//!   (lo + hi) / 2 + beta (lo - hi) / (2x)
//! (the arity-2 formula; with f(X) = f_e(X^2) + X f_o(X^2) it is f_e + beta f_o
//! at x^2). Over the coset, the pairs of the first binary fold are (t, t + 2^(k-1))
//! at the points x_j w^t, the next fold works on the 2^(k-1) results at the
//! points x_j^2 w^(2t), and so on. Writing f_r(X) = sum_{i < 2^k} X^i f_{r,i}(X^(2^k)),
//! the result is
//!   f_{r+1}(y) = sum_{i < 2^k} beta_r^i f_{r,i}(y),   y = x_j^(2^k),
//! the standard degree-2^k fold. Element j of D_{r+1} is x_j^(2^k), so the
//! queried position i_r goes to i_{r+1} = i_r mod M (the leaf index) and its
//! place in the leaf is t = i_r div M.
//! After the last committed layer, the folded values must agree with the final
//! polynomial, sent in clear.

use crate::commit::hash::Digest;
use crate::commit::merkle;
use crate::error::VerifyError;
use crate::field;
use crate::field::extension::{self, Ext};
use crate::protocol::domain;
use crate::protocol::proof::FriQueryStep;

/// 1/2 in BabyBear: (p + 1) / 2.
const INV_TWO: u32 = 1006632961;

/// One fold: from lo = f(x) and hi = f(-x), the value (f_even + beta f_odd)(x^2).
pub fn fold_pair(lo: &Ext, hi: &Ext, beta: &Ext, x: u32) -> Ext {
    let even = extension::mul_base(&extension::add(lo, hi), INV_TWO);
    let inv_two_x = field::mul(INV_TWO, field::inv(x));
    let odd = extension::mul_base(&extension::sub(lo, hi), inv_two_x);
    extension::add(&even, &extension::mul(beta, &odd))
}

/// The 8 base-field values of a FRI leaf of arity 2: the pair (f(x), f(-x)).
pub fn pair_leaf_values(lo: &Ext, hi: &Ext) -> Vec<u32> {
    vec![lo[0], lo[1], lo[2], lo[3], hi[0], hi[1], hi[2], hi[3]]
}

/// The base-field values of a FRI leaf: the coset's extension values in
/// leaf order, 4 coefficients each.
pub fn leaf_values(coset: &[Ext]) -> Vec<u32> {
    let mut out: Vec<u32> = Vec::with_capacity(4 * coset.len());
    let mut i = 0;
    while i < coset.len() {
        out.push(coset[i][0]);
        out.push(coset[i][1]);
        out.push(coset[i][2]);
        out.push(coset[i][3]);
        i += 1;
    }
    out
}

/// Folds one leaf: `coset` holds f at x0 * w^t for t < 2^log_arity (w the
/// primitive 2^log_arity-th root of unity), returns
/// sum_i beta^i f_i(x0^(2^log_arity)) by log_arity binary folds with
/// beta, beta^2, beta^4, ... (module documentation). With log_arity = 1 this
/// is `fold_pair(coset[0], coset[1], beta, x0)`.
pub fn fold_coset(coset: &[Ext], beta: &Ext, x0: u32, log_arity: u32) -> Result<Ext, VerifyError> {
    if log_arity >= 32 || coset.len() != (1usize << log_arity) {
        return Err(VerifyError::WrongProofShape);
    }
    let mut root = match domain::subgroup_generator(log_arity) {
        Ok(w) => w,
        Err(e) => return Err(e),
    };
    let mut work: Vec<Ext> = Vec::with_capacity(coset.len());
    let mut i = 0;
    while i < coset.len() {
        work.push(coset[i]);
        i += 1;
    }
    let mut size = coset.len();
    let mut x = x0;
    let mut challenge = *beta;
    while size > 1 {
        let half = size / 2;
        let mut point = x;
        let mut t = 0;
        while t < half {
            work[t] = fold_pair(&work[t], &work[t + half], &challenge, point);
            point = field::mul(point, root);
            t += 1;
        }
        x = field::mul(x, x);
        root = field::mul(root, root);
        challenge = extension::square(&challenge);
        size = half;
    }
    Ok(work[0])
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

/// Checks one query through all FRI layers (arity 2^log_arity, Merkle caps of
/// height log_cap_height). `index` is the query's position in D_0 (size
/// 2^log_lde) and `value` is f_0 there, computed by the verifier from the
/// trace, auxiliary and quotient openings. Layer r's tree has
/// 2^(log_lde - log_arity (r + 1)) leaves; its commitment is its cap.
pub fn verify_fri_query(
    commitments: &[Vec<Digest>],
    betas: &[Ext],
    steps: &[FriQueryStep],
    final_poly: &[Ext],
    log_lde: u32,
    log_arity: u32,
    log_cap_height: u32,
    index: u64,
    value: &Ext,
) -> Result<(), VerifyError> {
    let rounds = commitments.len();
    if steps.len() != rounds || betas.len() != rounds {
        return Err(VerifyError::WrongProofShape);
    }
    if log_arity == 0 {
        return Err(VerifyError::WrongProofShape);
    }
    if log_arity >= 32 || log_lde >= 64 {
        return Err(VerifyError::WrongProofShape);
    }
    if index >> log_lde != 0 {
        return Err(VerifyError::IndexOutOfBounds);
    }
    let arity: usize = 1usize << log_arity;
    let mut current = *value;
    let mut position = index;
    let mut log_size = log_lde;
    let mut shift_log: u32 = 0;
    let mut round = 0;
    while round < rounds {
        if log_size < log_arity {
            return Err(VerifyError::WrongProofShape);
        }
        let leaf_log = log_size - log_arity;
        let leaf = position & ((1u64 << leaf_log) - 1);
        let slot = (position >> leaf_log) as usize;
        let step = &steps[round];
        if step.siblings.len() != arity - 1 || slot >= arity {
            return Err(VerifyError::WrongProofShape);
        }
        // The coset in leaf order, the verifier's own value at `slot`.
        let mut coset: Vec<Ext> = Vec::with_capacity(arity);
        let mut t = 0;
        while t < arity {
            if t < slot {
                coset.push(step.siblings[t]);
            } else if t == slot {
                coset.push(current);
            } else {
                coset.push(step.siblings[t - 1]);
            }
            t += 1;
        }
        if !merkle::verify_cap_opening(
            &commitments[round],
            leaf_log as usize,
            log_cap_height as usize,
            leaf as usize,
            &leaf_values(&coset),
            &step.path,
        ) {
            return Err(VerifyError::FriMerkleMismatch);
        }
        let x0 = match domain::coset_point(shift_log, log_size, leaf) {
            Ok(p) => p,
            Err(e) => return Err(e),
        };
        current = match fold_coset(&coset, &betas[round], x0, log_arity) {
            Ok(v) => v,
            Err(e) => return Err(e),
        };
        position = leaf;
        log_size = leaf_log;
        shift_log = match shift_log.checked_add(log_arity) {
            Some(v) => v,
            None => return Err(VerifyError::ArithmeticOverflow),
        };
        round += 1;
    }
    let x_final = match domain::coset_point(shift_log, log_size, position) {
        Ok(p) => p,
        Err(e) => return Err(e),
    };
    if eval_poly_at_base(final_poly, x_final) != current {
        return Err(VerifyError::FriFinalPolynomialMismatch);
    }
    Ok(())
}
