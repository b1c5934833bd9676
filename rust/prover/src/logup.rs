//! The auxiliary (LogUp) trace: fixed-table fingerprint columns, pair columns
//! h_j and the running sum phi (layout and constraints: zkvm_verifier::protocol::logup).
//!
//! Fractions come from the normative `zkvm_verifier::air::eval_fractions`
//! (the RV32IM tables build theirs from their own definitions, tables/);
//! the rows are processed in parallel blocks, each with one batch inversion of its denominators, and
//! phi is a blockwise prefix sum. Field arithmetic is exact, so the result
//! does not depend on the block schedule nor on the evaluation path.

use p3_field::{batch_multiplicative_inverse, BasedVectorSpace, PrimeCharacteristicRing};
use p3_matrix::dense::RowMajorMatrix;
use p3_maybe_rayon::prelude::*;
use zkvm_verifier::air::{eval_fractions, FixedTable, LookupChallenges, TableId, TableShape};
use zkvm_verifier::field::extension::{self, Ext};
use zkvm_verifier::protocol::logup::{
    aux_ext_width, fingerprint_base, num_pair_columns, phi_column,
};

use crate::prove::ProveError;
use crate::types::{ext_from_array, EF, F};

/// Rows per parallel block (one batch inversion each).
const BLOCK_ROWS: usize = 1 << 10;

/// Fixed fingerprint column k: fingerprint_base(table k row i) at row i < T, 0 after.
pub fn fixed_fp_columns(tables: &[FixedTable], beta: &Ext, n: usize) -> Vec<Vec<Ext>> {
    tables
        .iter()
        .map(|table| {
            let mut column = vec![extension::ZERO; n];
            column
                .par_iter_mut()
                .zip(table.rows.par_iter())
                .for_each(|(cell, row)| *cell = fingerprint_base(row, beta));
            column
        })
        .collect()
}

/// The auxiliary trace as n x 4(K + P + 1) base values (extension column c at
/// base columns 4c .. 4c + 4) and the sum of all fractions.
pub struct AuxTrace {
    pub matrix: RowMajorMatrix<F>,
    pub claimed_sum: EF,
}

fn write_ext(dst: &mut [F], value: EF) {
    dst.copy_from_slice(value.as_basis_coefficients_slice());
}

/// Builds the auxiliary trace of `trace` for the challenges `lc`.
/// `fixed_columns` are the K fixed fingerprint columns (n values each).
pub fn build_aux_trace(
    table: &TableId,
    shape: &TableShape,
    trace: &RowMajorMatrix<F>,
    fixed_columns: &[Vec<Ext>],
    lc: &LookupChallenges,
    zk: bool,
) -> Result<AuxTrace, ProveError> {
    let own_width = shape.width;
    let committed = zkvm_verifier::protocol::logup::zk_shape(shape, zk);
    let shape = &committed;
    let w = shape.width;
    let n = trace.values.len() / w;
    let num_fractions = shape.num_fractions;
    let pairs = num_pair_columns(num_fractions);
    let k_tables = shape.num_fixed_tables;
    let ext_width = aux_ext_width(shape);
    let aux_width = 4 * ext_width;
    let phi = phi_column(shape);
    assert_eq!(fixed_columns.len(), k_tables);

    let mut values = F::zero_vec(n * aux_width);
    let mut row_sums = vec![EF::ZERO; n];
    let block_results: Vec<Result<(), ProveError>> = values
        .par_chunks_mut(BLOCK_ROWS * aux_width)
        .zip(row_sums.par_chunks_mut(BLOCK_ROWS))
        .enumerate()
        .map(|(block, (aux_rows, sums))| {
            let first_row = block * BLOCK_ROWS;
            let rows = sums.len();
            let mut local = vec![extension::ZERO; own_width];
            let mut fixed = vec![extension::ZERO; k_tables];
            let mut numerators: Vec<EF> = Vec::with_capacity(rows * num_fractions);
            let mut denominators: Vec<EF> = Vec::with_capacity(rows * num_fractions);
            for r in 0..rows {
                let i = first_row + r;
                let row = &trace.values[i * w..(i + 1) * w];
                for (cell, &v) in local.iter_mut().zip(row) {
                    *cell = extension::from_base(crate::types::to_u32(v));
                }
                for (cell, column) in fixed.iter_mut().zip(fixed_columns) {
                    *cell = column[i];
                }
                let mut fractions =
                    eval_fractions(table, &local, &fixed, lc).map_err(ProveError::AirEvaluation)?;
                if zk {
                    let base = |v: F| extension::from_base(crate::types::to_u32(v));
                    fractions.push(zkvm_verifier::protocol::logup::zk_fraction(
                        &base(row[own_width]),
                        &base(row[own_width + 1]),
                        lc,
                    ));
                }
                if fractions.len() != num_fractions {
                    return Err(ProveError::AirEvaluation(
                        zkvm_verifier::VerifyError::WrongProofShape,
                    ));
                }
                for (f, fraction) in fractions.iter().enumerate() {
                    if extension::is_zero(&fraction.denominator) {
                        return Err(ProveError::ZeroDenominator {
                            row: i,
                            fraction: f,
                        });
                    }
                    numerators.push(ext_from_array(&fraction.numerator));
                    denominators.push(ext_from_array(&fraction.denominator));
                }
            }
            let inverses = batch_multiplicative_inverse(&denominators);
            for r in 0..rows {
                let i = first_row + r;
                let row = &mut aux_rows[r * aux_width..(r + 1) * aux_width];
                for (k, column) in fixed_columns.iter().enumerate() {
                    write_ext(&mut row[4 * k..4 * k + 4], ext_from_array(&column[i]));
                }
                let base = r * num_fractions;
                let mut sum = EF::ZERO;
                for j in 0..pairs {
                    let mut h = numerators[base + 2 * j] * inverses[base + 2 * j];
                    if 2 * j + 1 < num_fractions {
                        h += numerators[base + 2 * j + 1] * inverses[base + 2 * j + 1];
                    }
                    let c = k_tables + j;
                    write_ext(&mut row[4 * c..4 * c + 4], h);
                    sum += h;
                }
                sums[r] = sum;
            }
            Ok(())
        })
        .collect();
    for result in block_results {
        result?;
    }

    Ok(finish_aux_trace(values, row_sums, aux_width, phi))
}

/// Writes phi (extension column `phi`) into `values` from the row sums and
/// returns the trace with the claimed sum.
fn finish_aux_trace(
    mut values: Vec<F>,
    row_sums: Vec<EF>,
    aux_width: usize,
    phi: usize,
) -> AuxTrace {
    // phi_i = sum_{r < i} S_r: block totals, their exclusive prefix, then each block.
    let block_totals: Vec<EF> = row_sums
        .par_chunks(BLOCK_ROWS)
        .map(|sums| sums.iter().copied().sum())
        .collect();
    let mut block_offsets = Vec::with_capacity(block_totals.len());
    let mut running = EF::ZERO;
    for &total in &block_totals {
        block_offsets.push(running);
        running += total;
    }
    let claimed_sum = running;
    values
        .par_chunks_mut(BLOCK_ROWS * aux_width)
        .zip(row_sums.par_chunks(BLOCK_ROWS))
        .zip(block_offsets.par_iter())
        .for_each(|((aux_rows, sums), &offset)| {
            let mut acc = offset;
            for (r, &s) in sums.iter().enumerate() {
                let row = &mut aux_rows[r * aux_width..(r + 1) * aux_width];
                write_ext(&mut row[4 * phi..4 * phi + 4], acc);
                acc += s;
            }
        });
    AuxTrace {
        matrix: RowMajorMatrix::new(values, aux_width),
        claimed_sum,
    }
}
