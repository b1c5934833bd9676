//! The DEEP-ALI composition: for each table, the terms below; the terms of
//! the tables whose LDE domains have the same size make that size's DEEP
//! function, and FRI tests all of them (fri.rs).
//!
//! For one table, with trace columns T_j (j < w), auxiliary base columns A_j (j < a),
//! quotient base columns Q_c (c < 4k), the out-of-domain point zeta and
//! zeta' = zeta * omega_n (omega_n the generator of the table's trace domain),
//! and the challenge gamma:
//!
//!   f(x) = sum_j gamma^(o+j)           (T_j(x) - T_j(zeta))  / (x - zeta)
//!        + sum_j gamma^(o+w+j)         (T_j(x) - T_j(zeta')) / (x - zeta')
//!        + sum_j gamma^(o+2w+j)        (A_j(x) - A_j(zeta))  / (x - zeta)
//!        + sum_j gamma^(o+2w+a+j)      (A_j(x) - A_j(zeta')) / (x - zeta')
//!        + sum_c gamma^(o+2w+2a+c)     (Q_c(x) - Q_c(zeta))  / (x - zeta)
//! where o is the number of powers the tables before it use.
//!
//! If every claimed opening is right, each numerator vanishes at its point and
//! f is a polynomial of degree below n; a wrong opening makes f far from one.

use crate::error::VerifyError;
use crate::field::extension::{self, Ext};

/// [1, gamma, gamma^2, ..., gamma^(count-1)].
pub fn powers(gamma: &Ext, count: usize) -> Vec<Ext> {
    let mut out: Vec<Ext> = Vec::with_capacity(count);
    let mut current = extension::ONE;
    let mut i = 0;
    while i < count {
        out.push(current);
        current = extension::mul(&current, gamma);
        i += 1;
    }
    out
}

/// Adds sum_j coeffs[offset + j] * (values[j] - claimed[j]) to `acc`.
fn accumulate_numerator(
    acc: &Ext,
    values: &[u32],
    claimed: &[Ext],
    coeffs: &[Ext],
    offset: usize,
) -> Result<Ext, VerifyError> {
    if values.len() != claimed.len() {
        return Err(VerifyError::WrongProofShape);
    }
    let mut sum = *acc;
    let mut j = 0;
    while j < values.len() {
        let index = match offset.checked_add(j) {
            Some(i) => i,
            None => return Err(VerifyError::ArithmeticOverflow),
        };
        let coeff = match coeffs.get(index) {
            Some(c) => c,
            None => return Err(VerifyError::IndexOutOfBounds),
        };
        let diff = extension::sub(&extension::from_base(values[j]), &claimed[j]);
        sum = extension::add(&sum, &extension::mul(coeff, &diff));
        j += 1;
    }
    Ok(sum)
}

/// One table's terms of f(x) at an LDE point x from the opened trace,
/// auxiliary and quotient rows at x and the claimed out-of-domain openings,
/// with the powers of gamma from `gamma_offset` on: the table uses
/// 2w + 2a + 4k of them (w main, a auxiliary base columns, 4k quotient
/// columns), and the tables of a machine take consecutive ranges in table
/// order (protocol/stark.rs).
pub fn deep_composition_at(
    x: u32,
    trace_row: &[u32],
    aux_row: &[u32],
    quotient_row: &[u32],
    zeta: &Ext,
    zeta_next: &Ext,
    ood_trace_local: &[Ext],
    ood_trace_next: &[Ext],
    ood_aux_local: &[Ext],
    ood_aux_next: &[Ext],
    ood_quotient: &[Ext],
    gamma_powers: &[Ext],
    gamma_offset: usize,
) -> Result<Ext, VerifyError> {
    let width = trace_row.len();
    let aux_width = aux_row.len();
    let next_offset = match gamma_offset.checked_add(width) {
        Some(v) => v,
        None => return Err(VerifyError::ArithmeticOverflow),
    };
    let twice_width = match next_offset.checked_add(width) {
        Some(v) => v,
        None => return Err(VerifyError::ArithmeticOverflow),
    };
    let aux_offset_next = match twice_width.checked_add(aux_width) {
        Some(v) => v,
        None => return Err(VerifyError::ArithmeticOverflow),
    };
    let quotient_offset = match aux_offset_next.checked_add(aux_width) {
        Some(v) => v,
        None => return Err(VerifyError::ArithmeticOverflow),
    };
    // Terms divided by (x - zeta): main, auxiliary and quotient columns.
    let at_zeta = match accumulate_numerator(
        &extension::ZERO,
        trace_row,
        ood_trace_local,
        gamma_powers,
        gamma_offset,
    ) {
        Ok(v) => v,
        Err(e) => return Err(e),
    };
    let at_zeta =
        match accumulate_numerator(&at_zeta, aux_row, ood_aux_local, gamma_powers, twice_width) {
            Ok(v) => v,
            Err(e) => return Err(e),
        };
    let at_zeta = match accumulate_numerator(
        &at_zeta,
        quotient_row,
        ood_quotient,
        gamma_powers,
        quotient_offset,
    ) {
        Ok(v) => v,
        Err(e) => return Err(e),
    };
    // Terms divided by (x - zeta'): main and auxiliary columns.
    let at_zeta_next = match accumulate_numerator(
        &extension::ZERO,
        trace_row,
        ood_trace_next,
        gamma_powers,
        next_offset,
    ) {
        Ok(v) => v,
        Err(e) => return Err(e),
    };
    let at_zeta_next = match accumulate_numerator(
        &at_zeta_next,
        aux_row,
        ood_aux_next,
        gamma_powers,
        aux_offset_next,
    ) {
        Ok(v) => v,
        Err(e) => return Err(e),
    };
    let x_ext = extension::from_base(x);
    let denom_zeta = extension::sub(&x_ext, zeta);
    let denom_zeta_next = extension::sub(&x_ext, zeta_next);
    if extension::is_zero(&denom_zeta) || extension::is_zero(&denom_zeta_next) {
        return Err(VerifyError::DegenerateChallenge);
    }
    let term_zeta = extension::mul(&at_zeta, &extension::inv(&denom_zeta));
    let term_zeta_next = extension::mul(&at_zeta_next, &extension::inv(&denom_zeta_next));
    Ok(extension::add(&term_zeta, &term_zeta_next))
}
