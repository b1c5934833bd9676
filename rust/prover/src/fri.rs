//! FRI commit and query phases (arity 2^k, Merkle caps), prover side; see
//! zkvm_verifier::fri for the leaf layout and the folding formula.

use p3_field::{Field, PrimeCharacteristicRing, TwoAdicField};
use p3_maybe_rayon::prelude::*;
use zkvm_verifier::commit::hash::Digest;
use zkvm_verifier::commit::merkle::leaf_hash;
use zkvm_verifier::protocol::proof::FriQueryStep;
use zkvm_verifier::protocol::stark::absorb_cap;
use zkvm_verifier::transcript::Transcript;

use crate::merkle::MerkleTree;
use crate::poly::{coset_interpolate_ext, Dft};
use crate::types::{ext_from_array, ext_to_array, EF, F};

pub struct FriLayer {
    /// f_r on D_r, natural order.
    values: Vec<EF>,
    /// Leaf j commits the coset (f_r[j + t M])_{t < 2^k}, M = |D_r| / 2^k.
    tree: MerkleTree,
}

pub struct FriCommitment {
    pub layers: Vec<FriLayer>,
    /// Coefficients of the final polynomial, lowest first.
    pub final_poly: Vec<EF>,
    log_arity: usize,
    log_cap_height: usize,
}

/// The shape of the FRI phase: folding arity 2^log_arity, caps of height
/// log_cap_height, `rounds` committed layers, a final polynomial of
/// `final_len` coefficients.
pub struct FriShape {
    pub log_arity: usize,
    pub log_cap_height: usize,
    pub rounds: usize,
    pub final_len: usize,
}

/// The digest of leaf j: the coset f[j + t m], t < arity, 4 coefficients each.
fn coset_leaf(values: &[EF], j: usize, m: usize, arity: usize) -> Digest {
    let mut flat = Vec::with_capacity(4 * arity);
    for t in 0..arity {
        flat.extend_from_slice(&ext_to_array(values[j + t * m]));
    }
    leaf_hash(&flat)
}

/// One binary fold of f on the coset g^(2^shift_log) <omega_{2^log_size}>:
/// out[j] = (f[j] + f[j + h]) / 2 + beta (f[j] - f[j + h]) / (2 x_j), h = half
/// the size, x_j = g^(2^shift_log) omega^j (zkvm_verifier::fri::fold_pair).
fn fold_binary(current: &[EF], beta: EF, shift_log: usize, log_size: usize) -> Vec<EF> {
    let inv_two = F::TWO.inverse();
    let half = current.len() / 2;
    // 1/(2 x_j) = (1/2) g^-(2^shift_log) omega^-j.
    let shift_inv = F::GENERATOR.exp_power_of_2(shift_log).inverse();
    let omega_inv = F::two_adic_generator(log_size).inverse();
    let mut inv_two_x = Vec::with_capacity(half);
    let mut acc = inv_two * shift_inv;
    for _ in 0..half {
        inv_two_x.push(acc);
        acc *= omega_inv;
    }
    (0..half)
        .into_par_iter()
        .map(|j| {
            let (lo, hi) = (current[j], current[j + half]);
            (lo + hi) * inv_two + beta * ((lo - hi) * inv_two_x[j])
        })
        .collect()
}

/// Commits to `shape.rounds` layers starting from f_0 on the LDE domain (size
/// 2^log_lde), absorbing each layer's cap and squeezing its folding
/// challenge, then interpolates the last layer into the final polynomial.
/// The final polynomial is not absorbed here.
pub fn commit(
    dft: &Dft,
    f0: Vec<EF>,
    log_lde: usize,
    shape: &FriShape,
    transcript: &mut Transcript,
) -> FriCommitment {
    let k = shape.log_arity;
    let arity = 1usize << k;
    let mut current = f0;
    let mut layers = Vec::with_capacity(shape.rounds);
    for round in 0..shape.rounds {
        let log_size = log_lde - round * k;
        let m = current.len() >> k;
        let leaves: Vec<Digest> = (0..m)
            .into_par_iter()
            .map(|j| coset_leaf(&current, j, m, arity))
            .collect();
        let tree = MerkleTree::from_leaf_digests(leaves);
        absorb_cap(transcript, &tree.cap(shape.log_cap_height));
        let beta = ext_from_array(&transcript.squeeze_ext());
        // k binary folds with beta, beta^2, beta^4, ...
        let mut challenge = beta;
        let mut next = fold_binary(&current, challenge, round * k, log_size);
        for s in 1..k {
            challenge = challenge.square();
            next = fold_binary(&next, challenge, round * k + s, log_size - s);
        }
        layers.push(FriLayer {
            values: current,
            tree,
        });
        current = next;
    }
    // The last layer lives on g^(2^(k rounds)) * <omega>; its interpolant has degree
    // below final_len for an honest prover. Truncation makes a dishonest one fail the queries.
    let shift = F::GENERATOR.exp_power_of_2(shape.rounds * k);
    let mut final_poly = coset_interpolate_ext(dft, current, shift);
    final_poly.truncate(shape.final_len);
    FriCommitment {
        layers,
        final_poly,
        log_arity: k,
        log_cap_height: shape.log_cap_height,
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

    /// The FRI part of the query at `index` of D_0.
    pub fn open(&self, index: usize) -> Vec<FriQueryStep> {
        let arity = 1usize << self.log_arity;
        let mut position = index;
        let mut steps = Vec::with_capacity(self.layers.len());
        for layer in &self.layers {
            let m = layer.values.len() >> self.log_arity;
            let leaf = position % m;
            let slot = position / m;
            let siblings = (0..arity)
                .filter(|&t| t != slot)
                .map(|t| ext_to_array(layer.values[leaf + t * m]))
                .collect();
            steps.push(FriQueryStep {
                siblings,
                path: layer.tree.path_to_cap(leaf, self.log_cap_height),
            });
            position = leaf;
        }
        steps
    }
}
