//! FRI with a folding schedule of arities 2^k_r and DEEP functions of several
//! domain sizes, verifier side.
//!
//! Layer r holds the evaluations of f_r on the coset
//! D_r = g^(2^s_r) * <omega_{N_r}> (s_r = k_0 + ... + k_{r-1} binary folds so
//! far, N_r = N / 2^s_r; D_0 is the largest LDE domain) in bit-reversed order:
//! position p holds f_r(g^(2^s_r) * omega_{N_r}^rev(p)). So positions 2v and
//! 2v + 1 hold f_r at x and -x, and a block of 2^k consecutive positions is a
//! coset of the 2^k-th roots of unity: leaf u of layer r's Merkle tree is the
//! block of positions u 2^k_r .. (u + 1) 2^k_r - 1, as 4 * 2^k_r base elements.
//!
//! Folding with the challenge beta_r is k_r binary folds of adjacent pairs with
//! beta_r, beta_r^2, beta_r^4, ...: one binary fold of lo = f(x), hi = f(-x) is
//!   (lo + hi) / 2 + beta (lo - hi) / (2x)
//! (with f(X) = f_e(X^2) + X f_o(X^2) this is f_e + beta f_o at x^2), and the
//! pair at positions 2v, 2v + 1 folds into position v of the squared domain,
//! which is again in bit-reversed order. Writing f_r(X) = sum_{i < 2^k}
//! X^i f_{r,i}(X^(2^k)), the result is f_{r+1}(y) = sum_i beta_r^i f_{r,i}(y), the
//! standard degree-2^k fold; the queried position p goes to p >> k_r, in slot
//! p mod 2^k_r of its leaf.
//!
//! Several domain sizes (protocol/stark.rs): the DEEP function of the tables
//! whose LDE domain has 2^h points joins at the layer of that size ("roll-in"):
//! after the round that reaches it, f_{r+1} <- f_{r+1} + beta_r^(2^k_r) f_h. The
//! table's own domain is the coset g * <omega_{2^h}> and the layer's is
//! g^(2^s) * <omega_{2^h}>, both in bit-reversed order; adding values by
//! position adds f_h(c y) for the constant c = g^(1 - 2^s), a polynomial in y
//! of the same degree. After the last layer, the folded values must agree with
//! the final polynomial, sent in clear.

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

/// The value of a DEEP function of one domain size at the query's position
/// there: FRI starts with the one of the largest size and adds the others
/// when the folding reaches their size.
pub struct DeepValue {
    /// log2 of the domain size.
    pub log_size: u32,
    pub value: Ext,
}

/// Folds one leaf of a layer in bit-reversed order: `leaf` holds the values at
/// positions `leaf_index * 2^log_arity + t` (t < 2^log_arity) of the layer on
/// g^(2^shift_log) * <omega_{2^log_size}>; returns sum_i beta^i f_i at the
/// leaf's point of the folded layer, by log_arity binary folds of adjacent
/// pairs with beta, beta^2, beta^4, ... (module documentation).
pub fn fold_leaf(
    leaf: &[Ext],
    beta: &Ext,
    leaf_index: u64,
    shift_log: u32,
    log_size: u32,
    log_arity: u32,
) -> Result<Ext, VerifyError> {
    if log_arity == 0 || log_arity > log_size || log_size >= 64 {
        return Err(VerifyError::WrongProofShape);
    }
    if leaf.len() != (1usize << log_arity) {
        return Err(VerifyError::WrongProofShape);
    }
    let mut work: Vec<Ext> = Vec::with_capacity(leaf.len());
    let mut i = 0;
    while i < leaf.len() {
        work.push(leaf[i]);
        i += 1;
    }
    let mut size = leaf.len();
    let mut base: u64 = leaf_index << log_arity;
    let mut level_log = log_size;
    let mut shift = shift_log;
    let mut challenge = *beta;
    while size > 1 {
        let half = size / 2;
        let mut v = 0;
        while v < half {
            let position = base + 2 * (v as u64);
            let x = match domain::bitrev_coset_point(shift, level_log, position) {
                Ok(p) => p,
                Err(e) => return Err(e),
            };
            work[v] = fold_pair(&work[2 * v], &work[2 * v + 1], &challenge, x);
            v += 1;
        }
        base = base >> 1;
        size = half;
        level_log -= 1;
        shift = match shift.checked_add(1) {
            Some(s) => s,
            None => return Err(VerifyError::ArithmeticOverflow),
        };
        challenge = extension::square(&challenge);
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

/// Checks one query through all FRI layers. `log_arities` is the schedule
/// (params::fri_log_arities), `deep_values` the DEEP functions' values at the
/// query's position for every domain size, largest first, the first of size
/// 2^log_max (the largest LDE domain). `index` is the query's position in the
/// largest domain. Layer r's tree has 2^(log_size_r - k_r) leaves; its
/// commitment is its cap of height log_cap_height.
pub fn verify_fri_query(
    commitments: &[Vec<Digest>],
    betas: &[Ext],
    steps: &[FriQueryStep],
    final_poly: &[Ext],
    log_arities: &[u32],
    log_max: u32,
    log_cap_height: u32,
    index: u64,
    deep_values: &[DeepValue],
) -> Result<(), VerifyError> {
    let rounds = log_arities.len();
    if commitments.len() != rounds || steps.len() != rounds || betas.len() != rounds {
        return Err(VerifyError::WrongProofShape);
    }
    if deep_values.is_empty() || deep_values[0].log_size != log_max || log_max >= 64 {
        return Err(VerifyError::WrongProofShape);
    }
    if index >> log_max != 0 {
        return Err(VerifyError::IndexOutOfBounds);
    }
    let mut current = deep_values[0].value;
    let mut next_deep = 1;
    let mut position = index;
    let mut log_size = log_max;
    let mut shift_log: u32 = 0;
    let mut round = 0;
    while round < rounds {
        let log_arity = log_arities[round];
        if log_arity == 0 || log_arity >= 32 || log_size < log_arity {
            return Err(VerifyError::WrongProofShape);
        }
        let arity: usize = 1usize << log_arity;
        let leaf_log = log_size - log_arity;
        let leaf = position >> log_arity;
        let slot = (position & ((1u64 << log_arity) - 1)) as usize;
        let step = &steps[round];
        if step.siblings.len() != arity - 1 {
            return Err(VerifyError::WrongProofShape);
        }
        // The leaf in position order, the verifier's own value at `slot`.
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
        current = match fold_leaf(&coset, &betas[round], leaf, shift_log, log_size, log_arity) {
            Ok(v) => v,
            Err(e) => return Err(e),
        };
        position = leaf;
        log_size = leaf_log;
        shift_log = match shift_log.checked_add(log_arity) {
            Some(v) => v,
            None => return Err(VerifyError::ArithmeticOverflow),
        };
        // The DEEP function of this domain size joins: + beta^(2^k) f_h.
        if next_deep < deep_values.len() && deep_values[next_deep].log_size == log_size {
            let mut coefficient = betas[round];
            let mut s: u32 = 0;
            while s < log_arity {
                coefficient = extension::square(&coefficient);
                s += 1;
            }
            current = extension::add(
                &current,
                &extension::mul(&coefficient, &deep_values[next_deep].value),
            );
            next_deep += 1;
        }
        round += 1;
    }
    if next_deep != deep_values.len() {
        return Err(VerifyError::WrongProofShape);
    }
    let x_final = match domain::bitrev_coset_point(shift_log, log_size, position) {
        Ok(p) => p,
        Err(e) => return Err(e),
    };
    if eval_poly_at_base(final_poly, x_final) != current {
        return Err(VerifyError::FriFinalPolynomialMismatch);
    }
    Ok(())
}
