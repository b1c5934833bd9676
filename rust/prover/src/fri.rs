//! FRI commit and query phases, prover side: a schedule of arities, layers in
//! bit-reversed order, the DEEP functions of smaller domains rolled in at
//! their size; see zkvm_verifier::fri for the layout and the formulas.

use p3_field::{
    batch_multiplicative_inverse, BasedVectorSpace, Field, PrimeCharacteristicRing, TwoAdicField,
};
use p3_maybe_rayon::prelude::*;
use zkvm_verifier::commit::hash::Digest;
use zkvm_verifier::protocol::proof::FriQueryStep;
use zkvm_verifier::protocol::stark::absorb_cap;
use zkvm_verifier::transcript::Transcript;

use crate::mmcs::{Matrix, MixedTree};
use crate::poly::{coset_interpolate_ext, Dft};
use crate::types::{ext_from_array, ext_to_array, EF, F};

/// `v` with its low `bits` bits reversed.
pub fn reverse_index(v: usize, bits: u32) -> usize {
    if bits == 0 {
        0
    } else {
        ((v as u64).reverse_bits() >> (64 - bits)) as usize
    }
}

/// `values` (length 2^bits) permuted: out[i] = values[rev(i)] (an involution).
pub fn bit_reverse<T: Copy + Send + Sync>(values: &[T]) -> Vec<T> {
    let bits = values.len().trailing_zeros();
    (0..values.len())
        .into_par_iter()
        .map(|i| values[reverse_index(i, bits)])
        .collect()
}

pub struct FriLayer {
    /// f_r in position order (bit-reversed), as base coordinates: 4 per value.
    flat: Vec<F>,
    log_arity: u32,
    /// Leaf u commits positions u 2^k .. (u + 1) 2^k - 1.
    tree: MixedTree,
}

impl FriLayer {
    fn matrix(&self) -> Matrix<'_> {
        let width = 4usize << self.log_arity;
        Matrix {
            values: &self.flat,
            width,
            log_height: (self.flat.len() / width).trailing_zeros(),
        }
    }
}

pub struct FriCommitment {
    pub layers: Vec<FriLayer>,
    /// Coefficients of the final polynomial, lowest first.
    pub final_poly: Vec<EF>,
    log_cap_height: usize,
}

/// A DEEP function on a domain of 2^log_size points, in bit-reversed order.
pub struct DeepFunction {
    pub log_size: u32,
    pub values: Vec<EF>,
}

/// One binary fold of adjacent pairs of f (bit-reversed order) on the coset
/// g^(2^shift_log) <omega_{2^log_size}>: out[v] = (lo + hi) / 2 + beta (lo - hi) / (2 x_v),
/// lo, hi = f[2v], f[2v + 1], x_v = g^(2^shift_log) omega^rev(2v) (zkvm_verifier::fri::fold_pair).
fn fold_binary(current: &[EF], beta: EF, shift_log: u32, log_size: u32) -> Vec<EF> {
    let half = current.len() / 2;
    let shift = F::GENERATOR.exp_power_of_2(shift_log as usize);
    let omega = F::two_adic_generator(log_size as usize);
    // Natural order points of the first half, then rev(2v) = rev'(v) over log_size - 1 bits.
    let mut natural = Vec::with_capacity(half);
    let mut x = shift.double();
    for _ in 0..half {
        natural.push(x);
        x *= omega;
    }
    let inv_two_x = batch_multiplicative_inverse(&bit_reverse(&natural));
    let inv_two = F::TWO.inverse();
    (0..half)
        .into_par_iter()
        .map(|v| {
            let (lo, hi) = (current[2 * v], current[2 * v + 1]);
            (lo + hi) * inv_two + beta * ((lo - hi) * inv_two_x[v])
        })
        .collect()
}

/// Commits to the layers of the schedule `log_arities`, starting from the
/// largest DEEP function and adding each smaller one when the folding reaches
/// its size (with the coefficient beta_r^(2^k_r)), absorbing each layer's cap
/// and squeezing its folding challenge, then interpolates the last layer into
/// the final polynomial of `final_len` coefficients (not absorbed here).
pub fn commit(
    dft: &Dft,
    deep: Vec<DeepFunction>,
    log_arities: &[u32],
    final_len: usize,
    log_cap_height: usize,
    transcript: &mut Transcript,
) -> FriCommitment {
    let mut functions = deep.into_iter();
    let first = functions.next().expect("at least one DEEP function");
    let mut pending = functions.peekable();
    let mut current = first.values;
    let mut log_size = first.log_size;
    let mut shift_log: u32 = 0;
    let mut layers = Vec::with_capacity(log_arities.len());
    for &k in log_arities {
        let flat = EF::flatten_to_base(current.clone());
        let width = 4usize << k;
        let tree = MixedTree::commit(
            &[Matrix {
                values: &flat,
                width,
                log_height: log_size - k,
            }],
            false,
        );
        absorb_cap(transcript, &tree.cap(log_cap_height));
        let beta = ext_from_array(&transcript.squeeze_ext());
        // k binary folds with beta, beta^2, beta^4, ...
        let mut challenge = beta;
        let mut next = current;
        for s in 0..k {
            next = fold_binary(&next, challenge, shift_log + s, log_size - s);
            challenge = challenge.square();
        }
        log_size -= k;
        shift_log += k;
        if pending.peek().is_some_and(|f| f.log_size == log_size) {
            let joined = pending.next().unwrap();
            // challenge is now beta^(2^k).
            next.par_iter_mut()
                .zip(joined.values.par_iter())
                .for_each(|(a, &b)| *a += challenge * b);
        }
        layers.push(FriLayer {
            flat,
            log_arity: k,
            tree,
        });
        current = next;
    }
    assert!(pending.next().is_none(), "every DEEP function joins FRI");
    // The last layer lives on g^(2^shift_log) <omega> in bit-reversed order;
    // its interpolant has degree below final_len for an honest prover.
    // Truncation makes a dishonest one fail the queries.
    let shift = F::GENERATOR.exp_power_of_2(shift_log as usize);
    let mut final_poly = coset_interpolate_ext(dft, bit_reverse(&current), shift);
    final_poly.truncate(final_len);
    FriCommitment {
        layers,
        final_poly,
        log_cap_height,
    }
}

impl FriCommitment {
    /// The cap of every layer.
    pub fn commitments(&self) -> Vec<Vec<Digest>> {
        self.layers
            .iter()
            .map(|l| l.tree.cap(self.log_cap_height))
            .collect()
    }

    /// The FRI part of the query at position `index` of the largest domain.
    pub fn open(&self, index: usize) -> Vec<FriQueryStep> {
        let mut position = index;
        let mut steps = Vec::with_capacity(self.layers.len());
        for layer in &self.layers {
            let k = layer.log_arity;
            let leaf = position >> k;
            let slot = position & ((1 << k) - 1);
            let block = &layer.flat[(leaf << k) * 4..((leaf + 1) << k) * 4];
            let siblings = (0..1usize << k)
                .filter(|&t| t != slot)
                .map(|t| {
                    let c = &block[4 * t..4 * t + 4];
                    ext_to_array(EF::from_basis_coefficients_slice(c).unwrap())
                })
                .collect();
            let opening = layer
                .tree
                .open(&[layer.matrix()], leaf, self.log_cap_height);
            steps.push(FriQueryStep {
                siblings,
                path: opening.path,
            });
            position = leaf;
        }
        steps
    }
}
