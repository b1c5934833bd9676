//! Polynomial helpers: low-degree extension and evaluation from coefficients.

use p3_dft::{Radix2DitParallel, TwoAdicSubgroupDft};
use p3_field::{BasedVectorSpace, PrimeCharacteristicRing, TwoAdicField};
use p3_matrix::bitrev::BitReversibleMatrix;
use p3_matrix::dense::RowMajorMatrix;
use p3_matrix::Matrix;
use p3_maybe_rayon::prelude::*;

use crate::types::{EF, F};

pub type Dft = Radix2DitParallel<F>;

/// Evaluations on the coset shift * <omega_{h 2^added_bits}>, natural order, of the
/// polynomials whose coefficients (lowest first) are the columns of `coeffs`.
pub fn coset_lde_from_coeffs(
    dft: &Dft,
    coeffs: &[F],
    width: usize,
    added_bits: usize,
    shift: F,
) -> RowMajorMatrix<F> {
    coset_dft_padded(dft, coeffs, width, added_bits, shift).to_row_major_matrix()
}

/// The same evaluations as `coset_lde_from_coeffs` in bit-reversed row order
/// (row j holds the point of natural index rev(j)): the order the DFT
/// produces them in and the order the Merkle trees commit, so no reordering
/// pass over the matrix is needed.
pub fn coset_lde_bit_reversed(
    dft: &Dft,
    coeffs: &[F],
    width: usize,
    added_bits: usize,
    shift: F,
) -> RowMajorMatrix<F> {
    coset_dft_padded(dft, coeffs, width, added_bits, shift).bit_reverse_rows()
}

/// The coset DFT of `coeffs` padded with zero rows to 2^added_bits times its height.
fn coset_dft_padded(
    dft: &Dft,
    coeffs: &[F],
    width: usize,
    added_bits: usize,
    shift: F,
) -> <Dft as TwoAdicSubgroupDft<F>>::Evaluations {
    coset_dft_to(
        dft,
        coeffs,
        width,
        (coeffs.len() / width) << added_bits,
        shift,
    )
}

/// The coset DFT of `coeffs` (any number of rows up to `rows`) padded with
/// zero rows to `rows`, a power of two.
fn coset_dft_to(
    dft: &Dft,
    coeffs: &[F],
    width: usize,
    rows: usize,
    shift: F,
) -> <Dft as TwoAdicSubgroupDft<F>>::Evaluations {
    assert!(coeffs.len() <= rows * width && rows.is_power_of_two());
    let mut padded = Vec::with_capacity(rows * width);
    padded.extend_from_slice(coeffs);
    padded.resize(rows * width, F::ZERO);
    dft.coset_dft_batch(RowMajorMatrix::new(padded, width), shift)
}

/// `coset_lde_bit_reversed` for coefficient matrices of any height up to
/// 2^log_size (masked polynomials have n + z coefficients), on 2^log_size points.
pub fn coset_lde_bit_reversed_to(
    dft: &Dft,
    coeffs: &[F],
    width: usize,
    log_size: usize,
    shift: F,
) -> RowMajorMatrix<F> {
    coset_dft_to(dft, coeffs, width, 1 << log_size, shift).bit_reverse_rows()
}

/// Rows per parallel block when evaluating polynomials at a point.
const EVAL_BLOCK_ROWS: usize = 1 << 12;

/// The value at `point` of every column polynomial of the row-major coefficient matrix.
pub fn eval_columns_at(coeffs: &[F], width: usize, point: EF) -> Vec<EF> {
    coeffs
        .par_chunks(EVAL_BLOCK_ROWS * width)
        .enumerate()
        .map(|(block, rows)| {
            let mut power = point.exp_u64((block * EVAL_BLOCK_ROWS) as u64);
            let mut acc = vec![EF::ZERO; width];
            for row in rows.chunks(width) {
                for (a, &c) in acc.iter_mut().zip(row) {
                    *a += power * c;
                }
                power *= point;
            }
            acc
        })
        .reduce(
            || vec![EF::ZERO; width],
            |mut x, y| {
                for (a, b) in x.iter_mut().zip(y) {
                    *a += b;
                }
                x
            },
        )
}

/// Coefficients (lowest first) of the polynomial taking the values `evals` on
/// the coset shift * <omega_{evals.len()}>.
pub fn coset_interpolate_ext(dft: &Dft, evals: Vec<EF>, shift: F) -> Vec<EF> {
    let base = RowMajorMatrix::new(EF::flatten_to_base(evals), 4);
    let coeffs = dft.coset_idft_batch(base, shift);
    EF::reconstitute_from_base(coeffs.values)
}

/// [shift * omega^i for i < 2^log_size].
pub fn coset_points(log_size: usize, shift: F) -> Vec<F> {
    let omega = F::two_adic_generator(log_size);
    let size = 1usize << log_size;
    let mut points = Vec::with_capacity(size);
    let mut x = shift;
    for _ in 0..size {
        points.push(x);
        x *= omega;
    }
    points
}
