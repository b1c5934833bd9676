//! One table's DEEP-ALI terms on its whole LDE domain (see zkvm_verifier::protocol::deep).

use p3_field::{batch_multiplicative_inverse, PrimeCharacteristicRing};
use p3_maybe_rayon::prelude::*;

use crate::types::{EF, F};

pub struct DeepInput<'a> {
    /// N x w trace LDE, bit-reversed row order (as committed).
    pub trace_lde: &'a [F],
    pub trace_width: usize,
    /// N x a auxiliary LDE, bit-reversed order (a = 0 without an auxiliary phase).
    pub aux_lde: &'a [F],
    pub aux_width: usize,
    /// N x 4k quotient LDE, bit-reversed order.
    pub quotient_lde: &'a [F],
    pub quotient_width: usize,
    /// The LDE domain points in the same (bit-reversed) order as the rows.
    pub points: &'a [F],
    pub zeta: EF,
    pub zeta_next: EF,
    pub ood_trace_local: &'a [EF],
    pub ood_trace_next: &'a [EF],
    pub ood_aux_local: &'a [EF],
    pub ood_aux_next: &'a [EF],
    pub ood_quotient: &'a [EF],
    pub gamma: EF,
    /// The table's first power of gamma (zkvm_verifier::protocol::deep).
    pub gamma_offset: usize,
}

/// f(x) = [A(x) - A(zeta) + gamma^(2w) (C(x) - C(zeta)) + gamma^(2w+2a) (B(x) - B(zeta))] / (x - zeta)
///      + [gamma^w (A(x) - A(zeta')) + gamma^(2w+a) (C(x) - C(zeta'))] / (x - zeta')
/// with A = sum_j gamma^j T_j, C = sum_j gamma^j Aux_j and B = sum_c gamma^c Q_c;
/// this equals the verifier's term-by-term definition, times gamma^gamma_offset.
/// One value per LDE point, in the order of the rows (bit-reversed).
pub fn deep_composition(input: &DeepInput) -> Vec<EF> {
    let w = input.trace_width;
    let aw = input.aux_width;
    let qw = input.quotient_width;
    let gamma_powers: Vec<EF> = input.gamma.powers().take(w.max(qw).max(aw)).collect();
    let gamma_w = input.gamma.exp_u64(w as u64);
    let gamma_a = input.gamma.exp_u64(aw as u64);
    let gamma_2w = gamma_w * gamma_w;
    let gamma_2w_a = gamma_2w * gamma_a;
    let gamma_2w_2a = gamma_2w_a * gamma_a;
    let gamma_offset = input.gamma.exp_u64(input.gamma_offset as u64);
    let combine = |claimed: &[EF], count: usize| -> EF {
        (0..count).map(|j| gamma_powers[j] * claimed[j]).sum()
    };
    let a_zeta = combine(input.ood_trace_local, w);
    let a_zeta_next = combine(input.ood_trace_next, w);
    let c_zeta = combine(input.ood_aux_local, aw);
    let c_zeta_next = combine(input.ood_aux_next, aw);
    let b_zeta = combine(input.ood_quotient, qw);

    let to_zeta: Vec<EF> = input
        .points
        .par_iter()
        .map(|&x| EF::from(x) - input.zeta)
        .collect();
    let to_zeta_next: Vec<EF> = input
        .points
        .par_iter()
        .map(|&x| EF::from(x) - input.zeta_next)
        .collect();
    let inv_zeta = batch_multiplicative_inverse(&to_zeta);
    let inv_zeta_next = batch_multiplicative_inverse(&to_zeta_next);

    (0..input.points.len())
        .into_par_iter()
        .map(|i| {
            let trace_row = &input.trace_lde[i * w..(i + 1) * w];
            let aux_row = &input.aux_lde[i * aw..(i + 1) * aw];
            let quotient_row = &input.quotient_lde[i * qw..(i + 1) * qw];
            let mut a = EF::ZERO;
            for j in 0..w {
                a += gamma_powers[j] * trace_row[j];
            }
            let mut c = EF::ZERO;
            for j in 0..aw {
                c += gamma_powers[j] * aux_row[j];
            }
            let mut b = EF::ZERO;
            for j in 0..qw {
                b += gamma_powers[j] * quotient_row[j];
            }
            ((a - a_zeta + gamma_2w * (c - c_zeta) + gamma_2w_2a * (b - b_zeta)) * inv_zeta[i]
                + (gamma_w * (a - a_zeta_next) + gamma_2w_a * (c - c_zeta_next)) * inv_zeta_next[i])
                * gamma_offset
        })
        .collect()
}
