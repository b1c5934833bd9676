//! The tables of the RV32IM machine written against `expr`
//! (zkvm_verifier::air::rv32im), compiled here twice: over the base field
//! (`scalar`: checking a trace, building its auxiliary trace) and over packed
//! base-field vectors (`packed`: the quotient on the LDE domain). The
//! verifier evaluates the same files over the extension field, so there is
//! one definition of every constraint and every message.
//!
//! The generic machinery for any such table is here: the trace check, the
//! auxiliary (LogUp) trace and the quotient values, each equal to what the
//! normative functions (zkvm_verifier::protocol::stark::all_constraints_at,
//! logup.rs) compute, which the tests check.

pub mod packed;
pub mod scalar;

use p3_field::{
    batch_multiplicative_inverse, BasedVectorSpace, ExtensionField, Field, PackedValue,
    PrimeCharacteristicRing, TwoAdicField,
};
use p3_matrix::dense::RowMajorMatrix;
use p3_maybe_rayon::prelude::*;
use zkvm_verifier::air::{LookupChallenges, TableId};
use zkvm_verifier::protocol::logup::num_pair_columns;

use crate::poly::coset_points;
use crate::prove::ProveError;
use crate::types::{ext_from_array, EF, F};

/// The selectors of a table's domain at a point (or at several points).
#[derive(Clone, Copy)]
pub struct Sel<V> {
    pub is_first_row: V,
    pub is_last_row: V,
    pub is_transition: V,
}

type EvalFn<V> = fn(&[V], &[V], &[V], &Sel<V>, &mut Vec<V>);
type MessagesFn<V> = fn(&[V], &mut Vec<V>);

/// A table written against `expr`, compiled for values `V`.
pub struct Fns<V> {
    /// The committed width: the table's own columns and, with zero
    /// knowledge, the protocol's blinding columns after them.
    pub width: usize,
    /// The table's own columns (what `eval` and `messages` read).
    pub own_width: usize,
    /// Zero knowledge: one more global fraction per row, the blinding
    /// message (multiplicity, ZK_TAG, value) of the two columns after the
    /// table's own (protocol/logup.rs zk_fraction).
    pub zk: bool,
    pub num_constraints: usize,
    pub fraction_lens: &'static [usize],
    /// Per fraction: global (denominator point - fp) or local to the
    /// segment (local_point - fp); air::LookupChallenges.
    pub fraction_global: &'static [bool],
    pub eval: EvalFn<V>,
    pub messages: MessagesFn<V>,
}

type P = <F as Field>::Packing;
type EP = <EF as ExtensionField<F>>::ExtensionPacking;

macro_rules! fns {
    ($module:ident, $table:ident) => {
        Fns {
            width: $module::$table::WIDTH,
            own_width: $module::$table::WIDTH,
            zk: false,
            num_constraints: $module::$table::NUM_CONSTRAINTS,
            fraction_lens: &$module::$table::FRACTION_LENS,
            fraction_global: &$module::$table::FRACTION_GLOBAL,
            eval: $module::$table::eval,
            messages: $module::$table::messages,
        }
    };
}

impl<V: Copy + PrimeCharacteristicRing> Fns<V> {
    /// The same table committed with zero knowledge (or not).
    pub fn with_zk(mut self, zk: bool) -> Self {
        self.zk = zk;
        self.width = if zk {
            self.own_width + zkvm_verifier::protocol::params::ZK_COLUMNS
        } else {
            self.own_width
        };
        self
    }

    /// The fields (tag included) of every fraction's message, in order.
    pub fn lens(&self) -> Vec<usize> {
        let mut lens = self.fraction_lens.to_vec();
        if self.zk {
            lens.push(2);
        }
        lens
    }

    /// Whether each fraction is global.
    pub fn global(&self) -> Vec<bool> {
        let mut global = self.fraction_global.to_vec();
        if self.zk {
            global.push(true);
        }
        global
    }

    /// The row's messages, flattened as (numerator, fields ...) per fraction.
    pub fn row_messages(&self, row: &[V], out: &mut Vec<V>) {
        (self.messages)(row, out);
        if self.zk {
            let w = self.own_width;
            out.push(row[w]);
            out.push(V::from_u32(zkvm_verifier::protocol::logup::ZK_TAG));
            out.push(row[w + 1]);
        }
    }
}

/// The base-field functions of a table written against `expr` (None for any other table).
pub fn scalar_fns(table: &TableId) -> Option<Fns<F>> {
    match table {
        TableId::Rv32Cpu => Some(fns!(scalar, cpu)),
        TableId::Rv32Range => Some(fns!(scalar, range)),
        TableId::Rv32Alu => Some(fns!(scalar, alu)),
        TableId::Rv32Logic => Some(fns!(scalar, logic)),
        TableId::Rv32Boundary => Some(fns!(scalar, boundary)),
        TableId::Rv32Private => Some(fns!(scalar, private)),
        TableId::Rv32Mem => Some(fns!(scalar, mem)),
        TableId::Rv32Syscall => Some(fns!(scalar, syscall)),
        TableId::Rv32Io => Some(fns!(scalar, io)),
        TableId::Rv32Mul => Some(fns!(scalar, mul)),
        TableId::Rv32Div => Some(fns!(scalar, div)),
        _ => None,
    }
}

/// The packed functions of a table written against `expr`.
pub fn packed_fns(table: &TableId) -> Option<Fns<P>> {
    match table {
        TableId::Rv32Cpu => Some(fns!(packed, cpu)),
        TableId::Rv32Range => Some(fns!(packed, range)),
        TableId::Rv32Alu => Some(fns!(packed, alu)),
        TableId::Rv32Logic => Some(fns!(packed, logic)),
        TableId::Rv32Boundary => Some(fns!(packed, boundary)),
        TableId::Rv32Private => Some(fns!(packed, private)),
        TableId::Rv32Mem => Some(fns!(packed, mem)),
        TableId::Rv32Syscall => Some(fns!(packed, syscall)),
        TableId::Rv32Io => Some(fns!(packed, io)),
        TableId::Rv32Mul => Some(fns!(packed, mul)),
        TableId::Rv32Div => Some(fns!(packed, div)),
        _ => None,
    }
}

/// The first (row, constraint) of the trace where a constraint does not
/// vanish (selectors as 0/1), or None.
pub fn first_violation(
    fns: &Fns<F>,
    trace: &RowMajorMatrix<F>,
    public: &[u32],
) -> Option<(usize, usize)> {
    let w = fns.width;
    let n = trace.values.len() / w;
    let public: Vec<F> = public.iter().map(|&v| F::from_u32(v)).collect();
    (0..n).into_par_iter().find_map_first(|row| {
        let next = (row + 1) % n;
        let sel = Sel {
            is_first_row: F::from_bool(row == 0),
            is_last_row: F::from_bool(row == n - 1),
            is_transition: F::from_bool(row != n - 1),
        };
        let mut out = Vec::with_capacity(fns.num_constraints);
        (fns.eval)(
            &trace.values[row * w..(row + 1) * w],
            &trace.values[next * w..(next + 1) * w],
            &public,
            &sel,
            &mut out,
        );
        out.iter().position(|v| *v != F::ZERO).map(|c| (row, c))
    })
}

/// Rows per parallel block of the auxiliary trace (one batch inversion each).
const BLOCK_ROWS: usize = 1 << 10;

/// [1, beta, beta^2, ...] for the longest message.
fn beta_powers(beta: EF, fns_lens: &[usize]) -> Vec<EF> {
    let longest = fns_lens.iter().copied().max().unwrap_or(0);
    beta.powers().take(longest).collect()
}

/// The auxiliary trace of a table written against `expr`: extension columns
/// [h_0 .. h_{P-1}, phi] as 4 base columns each (protocol/logup.rs; such a
/// table has no fixed tables), and the claimed sum.
pub fn aux_trace(
    fns: &Fns<F>,
    trace: &RowMajorMatrix<F>,
    lc: &LookupChallenges,
) -> Result<(RowMajorMatrix<F>, EF), ProveError> {
    let w = fns.width;
    let n = trace.values.len() / w;
    let lens = &fns.lens()[..];
    let global = fns.global();
    let num_fractions = lens.len();
    let pairs = num_pair_columns(num_fractions);
    let aux_width = 4 * (pairs + 1);
    let point = ext_from_array(&lc.point);
    let local_point = ext_from_array(&lc.local_point);
    let betas = beta_powers(ext_from_array(&lc.beta), lens);
    let mut values = F::zero_vec(n * aux_width);
    let mut row_sums = vec![EF::ZERO; n];
    values
        .par_chunks_mut(BLOCK_ROWS * aux_width)
        .zip(row_sums.par_chunks_mut(BLOCK_ROWS))
        .enumerate()
        .try_for_each(|(block, (aux_rows, sums))| {
            let first_row = block * BLOCK_ROWS;
            let rows = sums.len();
            let mut numerators: Vec<F> = Vec::with_capacity(rows * num_fractions);
            let mut denominators: Vec<EF> = Vec::with_capacity(rows * num_fractions);
            let mut flat: Vec<F> = Vec::new();
            for r in 0..rows {
                let i = first_row + r;
                flat.clear();
                fns.row_messages(&trace.values[i * w..(i + 1) * w], &mut flat);
                let mut pos = 0;
                for (f, &len) in lens.iter().enumerate() {
                    numerators.push(flat[pos]);
                    let mut fp = EF::from(flat[pos + 1]);
                    for j in 1..len {
                        fp += betas[j] * flat[pos + 1 + j];
                    }
                    let at = if global[f] { point } else { local_point };
                    let d = at - fp;
                    if d == EF::ZERO {
                        return Err(ProveError::ZeroDenominator {
                            row: i,
                            fraction: f,
                        });
                    }
                    denominators.push(d);
                    pos += 1 + len;
                }
            }
            let inverses = batch_multiplicative_inverse(&denominators);
            for r in 0..rows {
                let row = &mut aux_rows[r * aux_width..(r + 1) * aux_width];
                let mut sum = EF::ZERO;
                for j in 0..pairs {
                    let a = r * num_fractions + 2 * j;
                    let mut h = inverses[a] * numerators[a];
                    if 2 * j + 1 < num_fractions {
                        h += inverses[a + 1] * numerators[a + 1];
                    }
                    row[4 * j..4 * j + 4].copy_from_slice(h.as_basis_coefficients_slice());
                    sum += h;
                }
                sums[r] = sum;
            }
            Ok(())
        })?;
    let phi = write_phi(&mut values, &row_sums, aux_width, pairs);
    Ok((RowMajorMatrix::new(values, aux_width), phi))
}

/// The same auxiliary trace as `aux_trace`, computed `P::WIDTH` rows at a
/// time: messages over packed base values, denominators and their batch
/// inversion over the packed extension (one scalar inversion per lane and
/// block). Field arithmetic is exact, so the result is `aux_trace`'s
/// (tests/tables_match.rs). Needs a height that is a multiple of the lanes;
/// `None` otherwise.
pub fn aux_trace_packed(
    fns: &Fns<P>,
    trace: &RowMajorMatrix<F>,
    lc: &LookupChallenges,
) -> Option<Result<(RowMajorMatrix<F>, EF), ProveError>> {
    let lanes = P::WIDTH;
    let w = fns.width;
    let n = trace.values.len() / w;
    if n % lanes != 0 || BLOCK_ROWS % lanes != 0 {
        return None;
    }
    let lens = &fns.lens()[..];
    let global = fns.global();
    let num_fractions = lens.len();
    let pairs = num_pair_columns(num_fractions);
    let aux_width = 4 * (pairs + 1);
    let point = EP::from(ext_from_array(&lc.point));
    let local_point = EP::from(ext_from_array(&lc.local_point));
    let betas: Vec<EP> = beta_powers(ext_from_array(&lc.beta), lens)
        .into_iter()
        .map(EP::from)
        .collect();
    let mut values = F::zero_vec(n * aux_width);
    let mut row_sums = vec![EF::ZERO; n];
    let result = values
        .par_chunks_mut(BLOCK_ROWS * aux_width)
        .zip(row_sums.par_chunks_mut(BLOCK_ROWS))
        .enumerate()
        .try_for_each(|(block, (aux_rows, sums))| {
            let first_row = block * BLOCK_ROWS;
            let packs = sums.len() / lanes;
            let mut local = vec![P::ZERO; w];
            let mut flat: Vec<P> = Vec::new();
            let mut numerators: Vec<P> = Vec::with_capacity(packs * num_fractions);
            let mut denominators: Vec<EP> = Vec::with_capacity(packs * num_fractions);
            for k in 0..packs {
                let r0 = first_row + k * lanes;
                for (c, cell) in local.iter_mut().enumerate() {
                    *cell = P::from_fn(|l| trace.values[(r0 + l) * w + c]);
                }
                flat.clear();
                fns.row_messages(&local, &mut flat);
                let mut pos = 0;
                for (f, &len) in lens.iter().enumerate() {
                    numerators.push(flat[pos]);
                    let mut fp = EP::from(flat[pos + 1]);
                    for j in 1..len {
                        fp += betas[j] * flat[pos + 1 + j];
                    }
                    let at = if global[f] { point } else { local_point };
                    denominators.push(at - fp);
                    pos += 1 + len;
                }
            }
            // Batch inversion (Montgomery): prefix products, one inversion
            // per lane of the total, then back to front.
            let mut prefix: Vec<EP> = Vec::with_capacity(denominators.len());
            let mut total = EP::ONE;
            for d in &denominators {
                prefix.push(total);
                total *= *d;
            }
            let total_lanes = ext_lanes(&total);
            let mut inverse_lanes = Vec::with_capacity(lanes);
            for (l, t) in total_lanes.iter().enumerate() {
                match t.try_inverse() {
                    Some(inv) => inverse_lanes.push(inv),
                    None => {
                        // Some denominator of lane l vanishes: name the first.
                        let i = denominators
                            .iter()
                            .position(|d| ext_lanes(d)[l] == EF::ZERO)
                            .unwrap_or(0);
                        return Err(ProveError::ZeroDenominator {
                            row: first_row + (i / num_fractions) * lanes + l,
                            fraction: i % num_fractions,
                        });
                    }
                }
            }
            let mut inv = EP::from_basis_coefficients_fn(|e| {
                P::from_fn(|l| inverse_lanes[l].as_basis_coefficients_slice()[e])
            });
            for i in (0..denominators.len()).rev() {
                let d = denominators[i];
                denominators[i] = inv * prefix[i];
                inv *= d;
            }
            for k in 0..packs {
                let mut sum = EP::ZERO;
                for j in 0..pairs {
                    let a = k * num_fractions + 2 * j;
                    let mut h = denominators[a] * numerators[a];
                    if 2 * j + 1 < num_fractions {
                        h += denominators[a + 1] * numerators[a + 1];
                    }
                    sum += h;
                    let coords: &[P] = BasedVectorSpace::<P>::as_basis_coefficients_slice(&h);
                    for l in 0..lanes {
                        let at = (k * lanes + l) * aux_width + 4 * j;
                        for e in 0..4 {
                            aux_rows[at + e] = coords[e].as_slice()[l];
                        }
                    }
                }
                let sum_lanes = ext_lanes(&sum);
                sums[k * lanes..(k + 1) * lanes].copy_from_slice(&sum_lanes);
            }
            Ok(())
        });
    if let Err(e) = result {
        return Some(Err(e));
    }
    let phi = write_phi(&mut values, &row_sums, aux_width, pairs);
    Some(Ok((RowMajorMatrix::new(values, aux_width), phi)))
}

/// Writes phi (extension column `pairs`: the sum of the fractions of the rows
/// before) from the rows' sums, and returns the sum of all: the claimed sum.
fn write_phi(values: &mut [F], row_sums: &[EF], aux_width: usize, pairs: usize) -> EF {
    let mut phi = EF::ZERO;
    for (i, sum) in row_sums.iter().enumerate() {
        let at = i * aux_width + 4 * pairs;
        values[at..at + 4].copy_from_slice(phi.as_basis_coefficients_slice());
        phi += *sum;
    }
    phi
}

/// The lanes of a packed extension value.
fn ext_lanes(x: &EP) -> Vec<EF> {
    let coords: &[P] = BasedVectorSpace::<P>::as_basis_coefficients_slice(x);
    (0..P::WIDTH)
        .map(|l| EF::from_basis_coefficients_fn(|e| coords[e].as_slice()[l]))
        .collect()
}

/// Inputs of the packed quotient of a table written against `expr`.
pub struct QuotientInput<'a> {
    pub fns: &'a Fns<P>,
    /// N x w main LDE and N x a auxiliary LDE, bit-reversed row order (as committed).
    pub trace_lde: &'a [F],
    pub aux_lde: &'a [F],
    pub public_values: &'a [u32],
    pub lookup: &'a LookupChallenges,
    pub claimed_sum: EF,
    pub log_n: usize,
    pub log_blowup: usize,
    pub log_chunks: usize,
    pub alpha: EF,
    /// 0: every point, returned in natural order. Otherwise only the first
    /// `positions` points of the bit-reversed quotient domain, returned in
    /// that order (zero knowledge: q + 1 cosets of H, quotient::split_cosets_zk).
    pub positions: usize,
}

/// Q on the quotient domain g * <omega_{n 2^log_chunks}> (natural order):
/// the table's own constraints and its LogUp constraints folded with alpha
/// in the normative order, divided by Z_H.
///
/// The points are visited in bit-reversed order, in which the quotient
/// domain is the first 1/stride of the bit-reversed LDE: point j's row is LDE
/// row j, read in sequence (its next row is found through the natural
/// index). The values are put back in natural order at the end.
pub fn quotient_values(input: &QuotientInput) -> Vec<EF> {
    let fns = input.fns;
    let w = fns.width;
    let lens = &fns.lens()[..];
    let global = fns.global();
    let num_fractions = lens.len();
    let pairs = num_pair_columns(num_fractions);
    let aux_ext = pairs + 1;
    let aw = 4 * aux_ext;
    let total = fns.num_constraints + pairs + 3;
    let log_q = input.log_n + input.log_chunks;
    let num_points = 1usize << log_q;
    let stride = 1usize << (input.log_blowup - input.log_chunks);
    let next_step = 1usize << input.log_blowup;
    let lde_len = 1usize << (input.log_n + input.log_blowup);
    let shift = F::GENERATOR;
    let points = coset_points(log_q, shift);
    let omega_n_inv = F::two_adic_generator(input.log_n).inverse();
    let num_chunks = 1usize << input.log_chunks;
    let g_to_n = shift.exp_power_of_2(input.log_n);
    let omega_q = F::two_adic_generator(input.log_chunks);
    let z_h: Vec<F> = (0..num_chunks)
        .map(|k| g_to_n * omega_q.exp_u64(k as u64) - F::ONE)
        .collect();
    let z_h_inv = batch_multiplicative_inverse(&z_h);
    let to_first: Vec<F> = points.iter().map(|&x| x - F::ONE).collect();
    let to_last: Vec<F> = points.iter().map(|&x| x - omega_n_inv).collect();
    let inv_first = batch_multiplicative_inverse(&to_first);
    let inv_last = batch_multiplicative_inverse(&to_last);
    // Horner: c_0 gets alpha^(total - 1).
    let mut alpha_powers = vec![EF::ONE; total];
    for i in (0..total.saturating_sub(1)).rev() {
        alpha_powers[i] = alpha_powers[i + 1] * input.alpha;
    }
    let betas = beta_powers(ext_from_array(&input.lookup.beta), lens);
    let point = EP::from(ext_from_array(&input.lookup.point));
    let local_point = EP::from(ext_from_array(&input.lookup.local_point));
    let public: Vec<P> = input
        .public_values
        .iter()
        .map(|&v| P::from(F::from_u32(v)))
        .collect();
    let width = P::WIDTH;
    assert!(num_points % width == 0 || num_points < width);
    let lanes = width.min(num_points);
    let log_lde = lde_len.trailing_zeros();
    let evaluated = if input.positions == 0 {
        num_points
    } else {
        input.positions.min(num_points)
    };
    let mut out = vec![EF::ZERO; evaluated];
    out.par_chunks_mut(lanes).enumerate().for_each_init(
        || {
            (
                vec![P::ZERO; w],
                vec![P::ZERO; w],
                Vec::new(),
                Vec::new(),
                vec![0usize; lanes],
                vec![0usize; lanes],
            )
        },
        |(local, next, own, flat, natural, next_pos), (chunk, dst)| {
            let j0 = chunk * lanes;
            // Lane l: position j = j0 + l (its LDE row), natural index k.
            for l in 0..lanes {
                natural[l] = crate::fri::reverse_index(j0 + l, log_q as u32);
                next_pos[l] = crate::fri::reverse_index(
                    (natural[l] * stride + next_step) & (lde_len - 1),
                    log_lde,
                );
            }
            let lane = |l: usize| l.min(lanes - 1);
            for c in 0..w {
                local[c] = P::from_fn(|l| input.trace_lde[(j0 + lane(l)) * w + c]);
                next[c] = P::from_fn(|l| input.trace_lde[next_pos[lane(l)] * w + c]);
            }
            let aux_at = |row: &dyn Fn(usize) -> usize, c: usize| -> EP {
                EP::from_basis_coefficients_fn(|e| {
                    P::from_fn(|l| input.aux_lde[row(l) * aw + 4 * c + e])
                })
            };
            let local_row = |l: usize| j0 + lane(l);
            let next_row = |l: usize| next_pos[lane(l)];
            let point_k = |l: usize| natural[lane(l)];
            let sel = Sel {
                is_first_row: P::from_fn(|l| {
                    z_h[point_k(l) & (num_chunks - 1)] * inv_first[point_k(l)]
                }),
                is_last_row: P::from_fn(|l| {
                    z_h[point_k(l) & (num_chunks - 1)] * inv_last[point_k(l)]
                }),
                is_transition: P::from_fn(|l| to_last[point_k(l)]),
            };
            own.clear();
            (fns.eval)(local, next, &public, &sel, own);
            let mut acc = EP::ZERO;
            for (i, c) in own.iter().enumerate() {
                acc += EP::from(alpha_powers[i]) * *c;
            }
            // LogUp constraints.
            flat.clear();
            fns.row_messages(local, flat);
            let mut pos = 0;
            let mut fractions: Vec<(P, EP)> = Vec::with_capacity(num_fractions);
            for (f, &len) in lens.iter().enumerate() {
                let m = flat[pos];
                let mut fp = EP::from(flat[pos + 1]);
                for j in 1..len {
                    fp += EP::from(betas[j]) * flat[pos + 1 + j];
                }
                let at = if global[f] { point } else { local_point };
                fractions.push((m, at - fp));
                pos += 1 + len;
            }
            let mut row_sum = EP::ZERO;
            let base = fns.num_constraints;
            for j in 0..pairs {
                let h = aux_at(&local_row, j);
                let (ma, da) = fractions[2 * j];
                let value = if 2 * j + 1 < num_fractions {
                    let (mb, db) = fractions[2 * j + 1];
                    h * da * db - (db * ma + da * mb)
                } else {
                    h * da - EP::from(ma)
                };
                acc += EP::from(alpha_powers[base + j]) * value;
                row_sum += h;
            }
            let phi = aux_at(&local_row, pairs);
            let phi_next = aux_at(&next_row, pairs);
            let first = phi * sel.is_first_row;
            let transition = (phi_next - phi - row_sum) * sel.is_transition;
            let last = (phi + row_sum - EP::from(input.claimed_sum)) * sel.is_last_row;
            acc += EP::from(alpha_powers[base + pairs]) * first;
            acc += EP::from(alpha_powers[base + pairs + 1]) * transition;
            acc += EP::from(alpha_powers[base + pairs + 2]) * last;
            let zh_inv = P::from_fn(|l| z_h_inv[point_k(l) & (num_chunks - 1)]);
            let q = acc * zh_inv;
            let coords: &[P] = BasedVectorSpace::<P>::as_basis_coefficients_slice(&q);
            for (l, slot) in dst.iter_mut().enumerate() {
                *slot = EF::from_basis_coefficients_fn(|e| coords[e].as_slice()[l]);
            }
        },
    );
    if input.positions == 0 {
        crate::fri::bit_reverse(&out)
    } else {
        out
    }
}
