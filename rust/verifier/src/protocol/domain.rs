//! Evaluation domains and the selector polynomials.
//!
//! Trace domain H = <omega_n>, n = 2^log_n, with omega_n = two_adic_generator(log_n);
//! row i of the trace is the value at omega_n^i.
//! LDE domain D = g * <omega_N>, N = n * blowup, g = GENERATOR (31). Committed
//! LDE matrices and FRI layers are in bit-reversed order: position i holds the
//! value at g * omega_N^rev(i) (rev reverses log2 N bits), so positions 2j and
//! 2j + 1 hold x and -x, and the first N/2^k positions are the subgroup of
//! 2^k-th powers' preimages needed by a smaller domain. D is disjoint from H
//! since g is not in H.

use crate::air::Selectors;
use crate::error::VerifyError;
use crate::field;
use crate::field::extension::{self, Ext};

pub fn subgroup_generator(log_size: u32) -> Result<u32, VerifyError> {
    match field::two_adic_generator(log_size) {
        Some(g) => Ok(g),
        None => Err(VerifyError::InvalidTraceLength),
    }
}

/// The point g^(2^layer) * omega_{2^log_size}^index: element `index` of the
/// coset domain of size 2^log_size obtained after squaring the LDE domain `layer` times.
pub fn coset_point(layer: u32, log_size: u32, index: u64) -> Result<u32, VerifyError> {
    let omega = match subgroup_generator(log_size) {
        Ok(w) => w,
        Err(e) => return Err(e),
    };
    let shift = field::square_n(field::GENERATOR, layer);
    Ok(field::mul(shift, field::pow(omega, index)))
}

/// `value` with its low `bits` bits reversed (bits <= 64; higher bits dropped).
pub fn reverse_bits(value: u64, bits: u32) -> u64 {
    let mut out: u64 = 0;
    let mut v = value;
    let mut i: u32 = 0;
    while i < bits {
        out = (out << 1) | (v & 1);
        v = v >> 1;
        i += 1;
    }
    out
}

/// The point at position `position` of the bit-reversed coset domain of size
/// 2^log_size obtained after squaring the LDE domain `layer` times:
/// g^(2^layer) * omega_{2^log_size}^rev(position).
pub fn bitrev_coset_point(layer: u32, log_size: u32, position: u64) -> Result<u32, VerifyError> {
    if log_size > 64 {
        return Err(VerifyError::InvalidTraceLength);
    }
    coset_point(layer, log_size, reverse_bits(position, log_size))
}

/// Z_H(z) = z^n - 1, the vanishing polynomial of the trace domain.
pub fn vanishing_at(point: &Ext, log_n: u32) -> Ext {
    let mut z_pow = *point;
    let mut i: u32 = 0;
    while i < log_n {
        z_pow = extension::square(&z_pow);
        i += 1;
    }
    extension::sub(&z_pow, &extension::ONE)
}

/// The selectors at a point z outside H (Plonky3's unnormalised convention,
/// which does not change which constraints vanish):
///   is_first_row  = Z_H(z) / (z - 1)
///   is_last_row   = Z_H(z) / (z - omega^{-1})
///   is_transition = z - omega^{-1}
pub fn selectors_at(point: &Ext, log_n: u32) -> Result<Selectors, VerifyError> {
    let omega = match subgroup_generator(log_n) {
        Ok(w) => w,
        Err(e) => return Err(e),
    };
    let omega_inv = field::inv(omega);
    let z_h = vanishing_at(point, log_n);
    let to_first = extension::sub(point, &extension::ONE);
    let to_last = extension::sub(point, &extension::from_base(omega_inv));
    if extension::is_zero(&z_h) || extension::is_zero(&to_first) || extension::is_zero(&to_last) {
        return Err(VerifyError::DegenerateChallenge);
    }
    Ok(Selectors {
        is_first_row: extension::mul(&z_h, &extension::inv(&to_first)),
        is_last_row: extension::mul(&z_h, &extension::inv(&to_last)),
        is_transition: to_last,
    })
}
