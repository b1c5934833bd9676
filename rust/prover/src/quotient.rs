//! The quotient polynomial Q = (sum_i alpha^(m-1-i) C_i) / Z_H, its split into
//! chunks of degree below n, and their low-degree extension.
//!
//! Two evaluations of the constraints here: a base-field fast path for the
//! small test AIRs without lookups (`quotient_values`, constraints.rs), and
//! the normative path (`quotient_values_normative`) through the verifier's
//! own `all_constraints_at` (and, through a test hook, to check that the fast
//! paths give identical proofs). The RV32IM tables use the packed build of
//! their own definitions (tables/).

use p3_field::{
    batch_multiplicative_inverse, BasedVectorSpace, Field, PrimeCharacteristicRing, TwoAdicField,
};
use p3_matrix::dense::RowMajorMatrix;
use p3_maybe_rayon::prelude::*;
use zkvm_verifier::air::{fold_constraints, LookupChallenges, Selectors, TableId};
use zkvm_verifier::field::extension::{self, Ext};
use zkvm_verifier::protocol::stark::all_constraints_at;
use zkvm_verifier::VerifyError;

use crate::constraints::{eval_base, BaseSelectors, MAX_CONSTRAINTS};
use crate::fri::{bit_reverse, reverse_index};
use crate::poly::{coset_interpolate_ext, coset_lde_bit_reversed, coset_points, Dft};
use crate::types::{ext_from_array, to_u32, EF, F};

pub struct QuotientInput<'a> {
    pub table: &'a TableId,
    pub num_constraints: usize,
    pub trace_lde: &'a RowMajorMatrix<F>,
    pub public_values: &'a [F],
    pub log_n: usize,
    pub log_blowup: usize,
    pub log_chunks: usize,
    pub alpha: EF,
}

/// Q on the quotient domain g * <omega_{n 2^log_chunks}>, which is every
/// 2^(log_blowup - log_chunks)-th point of the LDE domain.
pub fn quotient_values(input: &QuotientInput) -> Vec<EF> {
    let width = input.trace_lde.width;
    let lde = &input.trace_lde.values;
    let lde_len = 1usize << (input.log_n + input.log_blowup);
    let log_qdomain = input.log_n + input.log_chunks;
    let stride = 1usize << (input.log_blowup - input.log_chunks);
    // Moving to the next trace row is a step of omega_n = omega_N^blowup in the LDE.
    let next_step = 1usize << input.log_blowup;
    let shift = F::GENERATOR;
    let points = coset_points(log_qdomain, shift);
    let omega_n_inv = F::two_adic_generator(input.log_n).inverse();

    // Z_H(x) = x^n - 1 takes 2^log_chunks values on the quotient domain: x^n = g^n omega_q^k.
    let num_chunks = 1usize << input.log_chunks;
    let g_to_n = shift.exp_power_of_2(input.log_n);
    let omega_q = F::two_adic_generator(input.log_chunks);
    let z_h: Vec<F> = (0..num_chunks)
        .map(|k| g_to_n * omega_q.exp_u64(k as u64) - F::ONE)
        .collect();
    let z_h_inv = batch_multiplicative_inverse(&z_h);

    let to_first: Vec<F> = points.par_iter().map(|&x| x - F::ONE).collect();
    let to_last: Vec<F> = points.par_iter().map(|&x| x - omega_n_inv).collect();
    let inv_to_first = batch_multiplicative_inverse(&to_first);
    let inv_to_last = batch_multiplicative_inverse(&to_last);

    // Horner folding acc = acc * alpha + c_i equals sum_i alpha^(m-1-i) c_i.
    let m = input.num_constraints;
    assert!(m <= MAX_CONSTRAINTS);
    let mut alpha_powers = vec![EF::ONE; m];
    for i in (0..m.saturating_sub(1)).rev() {
        alpha_powers[i] = alpha_powers[i + 1] * input.alpha;
    }

    (0..points.len())
        .into_par_iter()
        .map(|k| {
            // The LDE rows are in bit-reversed order (as committed).
            let log_lde = lde_len.trailing_zeros();
            let row = reverse_index(k * stride, log_lde);
            let next_row = reverse_index((k * stride + next_step) & (lde_len - 1), log_lde);
            let local = &lde[row * width..(row + 1) * width];
            let next = &lde[next_row * width..(next_row + 1) * width];
            let zh = z_h[k & (num_chunks - 1)];
            let sel = BaseSelectors {
                is_first_row: zh * inv_to_first[k],
                is_last_row: zh * inv_to_last[k],
                is_transition: to_last[k],
            };
            let mut values = [F::ZERO; MAX_CONSTRAINTS];
            eval_base(
                input.table,
                local,
                next,
                input.public_values,
                &sel,
                &mut values,
            );
            let mut folded = EF::ZERO;
            for i in 0..m {
                folded += alpha_powers[i] * values[i];
            }
            folded * z_h_inv[k & (num_chunks - 1)]
        })
        .collect()
}

/// The chunks Q_t (Q = sum_t x^(t n) Q_t) as coefficient matrices n x 4 (base
/// coordinates), and their LDE as one N x 4k matrix: column 4t + e is coordinate e of Q_t.
pub struct QuotientChunks {
    pub chunk_coeffs: Vec<Vec<F>>,
    pub lde: RowMajorMatrix<F>,
}

/// The chunks' LDEs (each N x 4) side by side: one N x 4k matrix, column
/// 4t + e = coordinate e of chunk t.
fn interleave_chunks(chunk_ldes: &[RowMajorMatrix<F>], lde_len: usize) -> RowMajorMatrix<F> {
    let width = 4 * chunk_ldes.len();
    let mut lde = F::zero_vec(lde_len * width);
    lde.par_chunks_mut(width).enumerate().for_each(|(r, row)| {
        for (t, chunk) in chunk_ldes.iter().enumerate() {
            row[4 * t..4 * t + 4].copy_from_slice(&chunk.values[4 * r..4 * r + 4]);
        }
    });
    RowMajorMatrix::new(lde, width)
}

pub fn split_and_extend(
    dft: &Dft,
    values: Vec<EF>,
    log_n: usize,
    log_blowup: usize,
    log_chunks: usize,
) -> QuotientChunks {
    let n = 1usize << log_n;
    let num_chunks = 1usize << log_chunks;
    let coeffs = coset_interpolate_ext(dft, values, F::GENERATOR);
    let mut chunk_coeffs = Vec::with_capacity(num_chunks);
    let mut chunk_ldes = Vec::with_capacity(num_chunks);
    for t in 0..num_chunks {
        let chunk: Vec<F> = EF::flatten_to_base(coeffs[t * n..(t + 1) * n].to_vec());
        chunk_ldes.push(coset_lde_bit_reversed(
            dft,
            &chunk,
            4,
            log_blowup,
            F::GENERATOR,
        ));
        chunk_coeffs.push(chunk);
    }
    QuotientChunks {
        chunk_coeffs,
        lde: interleave_chunks(&chunk_ldes, n << log_blowup),
    }
}

/// The zero-knowledge chunks of Q (coefficients `coeffs`, degree < (d - 1) n
/// + d z): c = num_chunks chunks of n coefficients, the last of n + z, masked
/// with random B_1 .. B_{c-1} of degree < z: Q'_0 = Q_0 + x^n B_1, Q'_j =
/// Q_j - B_j + x^n B_{j+1}, Q'_{c-1} = Q_{c-1} - B_{c-1}, so that sum_j
/// x^(j n) Q'_j = Q and every Q'_j has degree < n + z; and their LDE.
fn mask_and_extend(
    dft: &Dft,
    coeffs: Vec<EF>,
    log_n: usize,
    log_blowup: usize,
    num_chunks: usize,
    z: usize,
    rng: &mut rand_chacha::ChaCha12Rng,
) -> QuotientChunks {
    let n = 1usize << log_n;
    let masks: Vec<Vec<EF>> = (0..num_chunks)
        .map(|j| {
            if j == 0 {
                vec![EF::ZERO; z]
            } else {
                crate::zk::random_ext(rng, z)
            }
        })
        .collect();
    let mut chunk_coeffs = Vec::with_capacity(num_chunks);
    let mut chunk_ldes = Vec::with_capacity(num_chunks);
    for j in 0..num_chunks {
        let start = j * n;
        let len = if j + 1 == num_chunks { n + z } else { n };
        let mut chunk: Vec<EF> = vec![EF::ZERO; n + z];
        for (i, c) in chunk.iter_mut().enumerate().take(len) {
            if start + i < coeffs.len() {
                *c = coeffs[start + i];
            }
        }
        for i in 0..z {
            chunk[i] -= masks[j][i];
            if j + 1 < num_chunks {
                chunk[n + i] += masks[j + 1][i];
            }
        }
        let flat = EF::flatten_to_base(chunk);
        chunk_ldes.push(crate::poly::coset_lde_bit_reversed_to(
            dft,
            &flat,
            4,
            log_n + log_blowup,
            F::GENERATOR,
        ));
        chunk_coeffs.push(flat);
    }
    QuotientChunks {
        chunk_coeffs,
        lde: interleave_chunks(&chunk_ldes, n << log_blowup),
    }
}

/// The zero-knowledge chunks from Q's values on the first c n positions of
/// the bit-reversed LDE (c = num_chunks = q + 1 <= 2^log_blowup): c cosets
/// g omega_N^e H of the trace domain H, e = rev(b) for block b. On a coset
/// with x^n = s, Q equals sum_{r<n} x^r sum_{m<c} a_{r + m n} s^m, whose n
/// coefficients the coset's interpolation gives; c distinct s make a
/// Vandermonde system per r for the chunks' coefficients a_{r + m n}
/// (Q has degree < (d - 1) n + d z <= c n). Then masked (mask_and_extend).
pub fn split_cosets_zk(
    dft: &Dft,
    values: Vec<EF>,
    log_n: usize,
    log_blowup: usize,
    num_chunks: usize,
    z: usize,
    rng: &mut rand_chacha::ChaCha12Rng,
) -> QuotientChunks {
    let n = 1usize << log_n;
    let c = num_chunks;
    assert!(c <= 1 << log_blowup && values.len() == c * n);
    let log_lde = log_n + log_blowup;
    let omega_lde = F::two_adic_generator(log_lde);
    // Per block: the coset's shift and s = shift^n; its reduced coefficients.
    let mut s_values: Vec<F> = Vec::with_capacity(c);
    let mut reduced: Vec<Vec<EF>> = Vec::with_capacity(c);
    for b in 0..c {
        let e = reverse_index(b, log_blowup as u32);
        let shift = F::GENERATOR * omega_lde.exp_u64(e as u64);
        s_values.push(shift.exp_power_of_2(log_n));
        let block = bit_reverse(&values[b * n..(b + 1) * n]);
        reduced.push(coset_interpolate_ext(dft, block, shift));
    }
    // Invert the Vandermonde matrix V[b][m] = s_b^m (Gauss-Jordan, c <= 16).
    let mut v: Vec<Vec<F>> = s_values
        .iter()
        .map(|&s| (0..c).map(|m| s.exp_u64(m as u64)).collect())
        .collect();
    let mut inv: Vec<Vec<F>> = (0..c)
        .map(|i| (0..c).map(|j| F::from_bool(i == j)).collect())
        .collect();
    for col in 0..c {
        let pivot = (col..c)
            .find(|&r| v[r][col] != F::ZERO)
            .expect("distinct cosets");
        v.swap(col, pivot);
        inv.swap(col, pivot);
        let scale = v[col][col].inverse();
        for j in 0..c {
            v[col][j] *= scale;
            inv[col][j] *= scale;
        }
        for r in 0..c {
            if r != col && v[r][col] != F::ZERO {
                let f = v[r][col];
                for j in 0..c {
                    let (a, b) = (v[col][j], inv[col][j]);
                    v[r][j] -= f * a;
                    inv[r][j] -= f * b;
                }
            }
        }
    }
    // a_{r + m n} = sum_b inv[m][b] reduced_b[r].
    let mut coeffs = vec![EF::ZERO; c * n];
    coeffs.par_chunks_mut(n).enumerate().for_each(|(m, chunk)| {
        for (r, slot) in chunk.iter_mut().enumerate() {
            let mut acc = EF::ZERO;
            for b in 0..c {
                acc += reduced[b][r] * inv[m][b];
            }
            *slot = acc;
        }
    });
    mask_and_extend(dft, coeffs, log_n, log_blowup, num_chunks, z, rng)
}

/// Inputs of the normative (extension-field) quotient evaluation, used for
/// every AIR without a base-field fast path and for every AIR with lookups.
pub struct NormativeQuotientInput<'a> {
    pub table: &'a TableId,
    /// The AIR's constraints plus the LogUp constraints.
    pub num_constraints: usize,
    pub trace_lde: &'a RowMajorMatrix<F>,
    /// N x 4a auxiliary LDE (width 0 without an auxiliary phase).
    pub aux_lde: &'a [F],
    pub aux_width: usize,
    pub public_values: &'a [u32],
    pub lookup: &'a LookupChallenges,
    pub claimed_sum: Ext,
    pub log_n: usize,
    pub log_blowup: usize,
    pub log_chunks: usize,
    pub alpha: Ext,
    /// Zero knowledge: the trace has the protocol's blinding columns.
    pub zk: bool,
    /// As tables::QuotientInput::positions.
    pub positions: usize,
}

/// Per-thread buffers of the normative quotient evaluation.
struct RowBuffers {
    local: Vec<Ext>,
    next: Vec<Ext>,
    aux_local: Vec<Ext>,
    aux_next: Vec<Ext>,
}

fn fill_base(dst: &mut [Ext], src: &[F]) {
    for (d, &s) in dst.iter_mut().zip(src) {
        *d = extension::from_base(to_u32(s));
    }
}

/// Extension column c of an auxiliary LDE row is its base columns 4c .. 4c + 4
/// (at a base-field point the coefficient polynomials take base values).
fn fill_ext(dst: &mut [Ext], src: &[F]) {
    for (c, d) in dst.iter_mut().enumerate() {
        *d = [
            to_u32(src[4 * c]),
            to_u32(src[4 * c + 1]),
            to_u32(src[4 * c + 2]),
            to_u32(src[4 * c + 3]),
        ];
    }
}

/// Q on the quotient domain, with every constraint value from
/// `zkvm_verifier::protocol::stark::all_constraints_at` and the normative Horner fold.
pub fn quotient_values_normative(input: &NormativeQuotientInput) -> Result<Vec<EF>, VerifyError> {
    let width = input.trace_lde.width;
    let lde = &input.trace_lde.values;
    let aw = input.aux_width;
    let aux_ext = aw / 4;
    let domain = QuotientDomain::new(input.log_n, input.log_blowup, input.log_chunks);
    let log_points = domain.num_points.trailing_zeros();
    let (count, by_position) = if input.positions == 0 {
        (domain.num_points, false)
    } else {
        (input.positions.min(domain.num_points), true)
    };
    (0..count)
        .into_par_iter()
        .map(|p| {
            if by_position {
                reverse_index(p, log_points)
            } else {
                p
            }
        })
        .map_init(
            || RowBuffers {
                local: vec![extension::ZERO; width],
                next: vec![extension::ZERO; width],
                aux_local: vec![extension::ZERO; aux_ext],
                aux_next: vec![extension::ZERO; aux_ext],
            },
            |buf, k| {
                let (row, next_row) = domain.rows(k);
                fill_base(&mut buf.local, &lde[row * width..(row + 1) * width]);
                fill_base(
                    &mut buf.next,
                    &lde[next_row * width..(next_row + 1) * width],
                );
                fill_ext(&mut buf.aux_local, &input.aux_lde[row * aw..(row + 1) * aw]);
                fill_ext(
                    &mut buf.aux_next,
                    &input.aux_lde[next_row * aw..(next_row + 1) * aw],
                );
                let sel = Selectors {
                    is_first_row: extension::from_base(to_u32(domain.is_first_row[k])),
                    is_last_row: extension::from_base(to_u32(domain.is_last_row[k])),
                    is_transition: extension::from_base(to_u32(domain.is_transition[k])),
                };
                let values = all_constraints_at(
                    input.table,
                    &buf.local,
                    &buf.next,
                    &buf.aux_local,
                    &buf.aux_next,
                    input.public_values,
                    &sel,
                    input.lookup,
                    &input.claimed_sum,
                    input.zk,
                )?;
                if values.len() != input.num_constraints {
                    return Err(VerifyError::WrongProofShape);
                }
                let folded = ext_from_array(&fold_constraints(&values, &input.alpha));
                Ok(folded * domain.z_h_inv[k & (domain.num_chunks - 1)])
            },
        )
        .collect()
}

/// The quotient domain g * <omega_{n 2^log_chunks}> (every
/// 2^(log_blowup - log_chunks)-th LDE point): its selector values
/// (is_first_row = Z_H / (x - 1), is_last_row = Z_H / (x - omega_n^-1),
/// is_transition = x - omega_n^-1) and 1 / Z_H, all in the base field.
struct QuotientDomain {
    num_points: usize,
    /// Rows of the LDE between consecutive quotient points.
    stride: usize,
    /// Rows of the LDE between a point and its next-row point.
    next_step: usize,
    lde_len: usize,
    num_chunks: usize,
    z_h_inv: Vec<F>,
    is_first_row: Vec<F>,
    is_last_row: Vec<F>,
    is_transition: Vec<F>,
}

impl QuotientDomain {
    /// The positions in the (bit-reversed) LDE of quotient point k's row
    /// and of its next row.
    fn rows(&self, k: usize) -> (usize, usize) {
        let log_lde = self.lde_len.trailing_zeros();
        let row = k * self.stride;
        let next_row = (row + self.next_step) & (self.lde_len - 1);
        (
            reverse_index(row, log_lde),
            reverse_index(next_row, log_lde),
        )
    }

    fn new(log_n: usize, log_blowup: usize, log_chunks: usize) -> QuotientDomain {
        let log_qdomain = log_n + log_chunks;
        let shift = F::GENERATOR;
        let points = coset_points(log_qdomain, shift);
        let omega_n_inv = F::two_adic_generator(log_n).inverse();
        let num_chunks = 1usize << log_chunks;
        let g_to_n = shift.exp_power_of_2(log_n);
        let omega_q = F::two_adic_generator(log_chunks);
        let z_h: Vec<F> = (0..num_chunks)
            .map(|k| g_to_n * omega_q.exp_u64(k as u64) - F::ONE)
            .collect();
        let z_h_inv = batch_multiplicative_inverse(&z_h);
        let to_first: Vec<F> = points.par_iter().map(|&x| x - F::ONE).collect();
        let to_last: Vec<F> = points.par_iter().map(|&x| x - omega_n_inv).collect();
        let inv_to_first = batch_multiplicative_inverse(&to_first);
        let inv_to_last = batch_multiplicative_inverse(&to_last);
        let mask = num_chunks - 1;
        let is_first_row = (0..points.len())
            .into_par_iter()
            .map(|k| z_h[k & mask] * inv_to_first[k])
            .collect();
        let is_last_row = (0..points.len())
            .into_par_iter()
            .map(|k| z_h[k & mask] * inv_to_last[k])
            .collect();
        QuotientDomain {
            num_points: points.len(),
            stride: 1usize << (log_blowup - log_chunks),
            next_step: 1usize << log_blowup,
            lde_len: 1usize << (log_n + log_blowup),
            num_chunks,
            z_h_inv,
            is_first_row,
            is_last_row,
            is_transition: to_last,
        }
    }
}
