//! The auxiliary (LogUp) trace: fixed-table fingerprint columns, pair columns
//! h_j and the running sum phi (layout and constraints: zkvm_verifier::protocol::logup).
//!
//! Fractions come from the normative `zkvm_verifier::air::eval_fractions`,
//! or for the RV32IM AIR from its fast transliteration (rv32im_fast.rs,
//! evaluated on packed lanes of consecutive rows); the rows are processed in
//! parallel blocks, each with one batch inversion of its denominators, and
//! phi is a blockwise prefix sum. Field arithmetic is exact, so the result
//! does not depend on the block schedule nor on the evaluation path.

use p3_field::{
    batch_multiplicative_inverse, Algebra, BasedVectorSpace, ExtensionField, Field, PackedField,
    PackedValue, PrimeCharacteristicRing,
};
use p3_matrix::dense::RowMajorMatrix;
use p3_maybe_rayon::prelude::*;
use zkvm_verifier::air::{eval_fractions, FixedTable, LookupChallenges, TableId, TableShape};
use zkvm_verifier::field::extension::{self, Ext};
use zkvm_verifier::protocol::logup::{
    aux_ext_width, fingerprint_base, num_pair_columns, phi_column,
};

use crate::prove::ProveError;
use crate::rv32im_fast::{self as fast, FastFraction, LookupCoords};
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
/// The RV32IM AIR's fractions come from the fast path unless `normative`.
pub fn build_aux_trace(
    table: &TableId,
    shape: &TableShape,
    trace: &RowMajorMatrix<F>,
    fixed_columns: &[Vec<Ext>],
    lc: &LookupChallenges,
    normative: bool,
) -> Result<AuxTrace, ProveError> {
    if !normative && matches!(table, TableId::Rv32imV1) {
        return build_aux_trace_rv32im(shape, trace, fixed_columns, lc, false);
    }
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
            let mut local = vec![extension::ZERO; w];
            let mut fixed = vec![extension::ZERO; k_tables];
            let mut numerators: Vec<EF> = Vec::with_capacity(rows * num_fractions);
            let mut denominators: Vec<EF> = Vec::with_capacity(rows * num_fractions);
            for r in 0..rows {
                let i = first_row + r;
                for (cell, &v) in local.iter_mut().zip(&trace.values[i * w..(i + 1) * w]) {
                    *cell = extension::from_base(crate::types::to_u32(v));
                }
                for (cell, column) in fixed.iter_mut().zip(fixed_columns) {
                    *cell = column[i];
                }
                let fractions =
                    eval_fractions(table, &local, &fixed, lc).map_err(ProveError::AirEvaluation)?;
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

/// The RV32IM auxiliary trace with the fast fractions: the same values as
/// the normative path of `build_aux_trace`. Rows are packed `F::Packing::WIDTH`
/// at a time unless `force_scalar` (tests of the scalar path).
#[doc(hidden)]
pub fn build_aux_trace_rv32im(
    shape: &TableShape,
    trace: &RowMajorMatrix<F>,
    fixed_columns: &[Vec<Ext>],
    lc: &LookupChallenges,
    force_scalar: bool,
) -> Result<AuxTrace, ProveError> {
    use zkvm_verifier::air::rv32im_v1 as air;
    let w = shape.width;
    let n = trace.values.len() / w;
    let aux_width = 4 * aux_ext_width(shape);
    if w != air::WIDTH
        || shape.num_fractions != air::NUM_FRACTIONS
        || fixed_columns.len() != 1
        || aux_width != fast::AUX_WIDTH
    {
        return Err(ProveError::AirEvaluation(
            zkvm_verifier::VerifyError::WrongProofShape,
        ));
    }
    let lookup = LookupCoords::new(lc);
    let mut values = F::zero_vec(n * aux_width);
    let mut row_sums = vec![EF::ZERO; n];
    type P = <F as Field>::Packing;
    type E = <EF as ExtensionField<F>>::ExtensionPacking;
    let packed = !force_scalar
        && P::WIDTH > 1
        && n.is_multiple_of(BLOCK_ROWS)
        && BLOCK_ROWS.is_multiple_of(P::WIDTH);
    let block_results: Vec<Result<(), ProveError>> = values
        .par_chunks_mut(BLOCK_ROWS * aux_width)
        .zip(row_sums.par_chunks_mut(BLOCK_ROWS))
        .enumerate()
        .map(|(block, (aux_rows, sums))| {
            let first_row = block * BLOCK_ROWS;
            let fixed = &fixed_columns[0][first_row..first_row + sums.len()];
            if packed {
                aux_block_rv32im::<P, E>(trace, first_row, fixed, &lookup, aux_rows, sums)
            } else {
                aux_block_rv32im::<F, EF>(trace, first_row, fixed, &lookup, aux_rows, sums)
            }
        })
        .collect();
    for result in block_results {
        result?;
    }
    Ok(finish_aux_trace(
        values,
        row_sums,
        aux_width,
        shape.num_fixed_tables + fast::NUM_PAIRS,
    ))
}

fn pack_ext<P, E>(lanes: impl Fn(usize) -> EF) -> E
where
    P: PackedField<Scalar = F>,
    E: BasedVectorSpace<P>,
{
    E::from_basis_coefficients_fn(|e| P::from_fn(|l| lanes(l).as_basis_coefficients_slice()[e]))
}

/// One block of rows (a multiple of P::WIDTH), lanes = consecutive rows:
/// fractions, one batch inversion (Montgomery's trick per lane), the pair
/// columns h_j, the fixed column and the row sums (phi is written later).
fn aux_block_rv32im<P, E>(
    trace: &RowMajorMatrix<F>,
    first_row: usize,
    fixed: &[Ext],
    lookup: &LookupCoords,
    aux_rows: &mut [F],
    sums: &mut [EF],
) -> Result<(), ProveError>
where
    P: PackedField<Scalar = F>,
    E: Algebra<P> + BasedVectorSpace<P> + Copy,
{
    use zkvm_verifier::air::rv32im_v1 as air;
    const NF: usize = air::NUM_FRACTIONS;
    let width = P::WIDTH;
    let w = air::WIDTH;
    let aw = fast::AUX_WIDTH;
    let rows = sums.len();
    let packs = rows / width;
    let mut local = vec![P::ZERO; w];
    let mut numerators: Vec<P> = Vec::with_capacity(packs * NF);
    let mut denominators: Vec<E> = Vec::with_capacity(packs * NF);
    let mut fractions = [FastFraction {
        numerator: P::ZERO,
        denominator: [P::ZERO; 4],
    }; NF];
    for pack in 0..packs {
        let r0 = pack * width;
        for lane in 0..width {
            let i = first_row + r0 + lane;
            for (d, &s) in local.iter_mut().zip(&trace.values[i * w..(i + 1) * w]) {
                d.as_slice_mut()[lane] = s;
            }
        }
        let fixed_fp: [P; 4] =
            core::array::from_fn(|e| P::from_fn(|l| crate::types::from_u32(fixed[r0 + l][e])));
        fast::eval_fractions(&local, &fixed_fp, lookup, &mut fractions);
        for f in fractions.iter() {
            numerators.push(f.numerator);
            denominators.push(E::from_basis_coefficients_fn(|e| f.denominator[e]));
        }
    }
    // Prefix products per lane, one inversion per lane, then back.
    let mut prefix: Vec<E> = Vec::with_capacity(denominators.len());
    let mut acc = E::ONE;
    for &d in &denominators {
        acc *= d;
        prefix.push(acc);
    }
    let totals: Vec<EF> = (0..width)
        .map(|lane| fast::extract_lane::<P, E>(&acc, lane))
        .collect();
    if totals.iter().any(|t| t.is_zero()) {
        // Report the first zero denominator in row order, as the normative path does.
        for r in 0..rows {
            let (pack, lane) = (r / width, r % width);
            for f in 0..NF {
                let d = fast::extract_lane::<P, E>(&denominators[pack * NF + f], lane);
                if d.is_zero() {
                    return Err(ProveError::ZeroDenominator {
                        row: first_row + r,
                        fraction: f,
                    });
                }
            }
        }
    }
    let mut inv_acc: E = pack_ext::<P, E>(|l| totals[l].inverse());
    // inverses overwrite `denominators`.
    for idx in (0..denominators.len()).rev() {
        let inv = if idx == 0 {
            inv_acc
        } else {
            inv_acc * prefix[idx - 1]
        };
        inv_acc *= denominators[idx];
        denominators[idx] = inv;
    }
    let inverses = denominators;
    for pack in 0..packs {
        let base = pack * NF;
        let mut row_sum = E::ZERO;
        let mut hs = [E::ZERO; fast::NUM_PAIRS];
        for (j, h) in hs.iter_mut().enumerate() {
            let mut value = inverses[base + 2 * j] * numerators[base + 2 * j];
            if 2 * j + 1 < NF {
                value += inverses[base + 2 * j + 1] * numerators[base + 2 * j + 1];
            }
            *h = value;
            row_sum += value;
        }
        for lane in 0..width {
            let r = pack * width + lane;
            let row = &mut aux_rows[r * aw..(r + 1) * aw];
            write_ext(&mut row[0..4], ext_from_array(&fixed[r]));
            for (j, h) in hs.iter().enumerate() {
                let c = 1 + j;
                write_ext(
                    &mut row[4 * c..4 * c + 4],
                    fast::extract_lane::<P, E>(h, lane),
                );
            }
            sums[r] = fast::extract_lane::<P, E>(&row_sum, lane);
        }
    }
    Ok(())
}
