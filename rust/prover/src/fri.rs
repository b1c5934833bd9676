//! FRI commit and query phases (arity 2), prover side; see zkvm_verifier::fri.

use p3_field::{Field, PrimeCharacteristicRing, TwoAdicField};
use p3_maybe_rayon::prelude::*;
use zkvm_verifier::merkle::leaf_hash;
use zkvm_verifier::proof::FriQueryStep;
use zkvm_verifier::transcript::Transcript;

use crate::merkle::MerkleTree;
use crate::poly::{coset_interpolate_ext, Dft};
use crate::types::{ext_from_array, ext_to_array, EF, F};

pub struct FriLayer {
    /// f_i on D_i, natural order.
    values: Vec<EF>,
    /// Leaf j commits (f_i[j], f_i[j + |D_i|/2]).
    tree: MerkleTree,
}

pub struct FriCommitment {
    pub layers: Vec<FriLayer>,
    /// Coefficients of the final polynomial, lowest first.
    pub final_poly: Vec<EF>,
}

fn pair_leaf(lo: EF, hi: EF) -> [u8; 32] {
    let lo = ext_to_array(lo);
    let hi = ext_to_array(hi);
    leaf_hash(&[lo[0], lo[1], lo[2], lo[3], hi[0], hi[1], hi[2], hi[3]])
}

/// Commits to `rounds` layers starting from f_0 on the LDE domain (size 2^log_lde),
/// absorbing each commitment and squeezing its folding challenge, then interpolates
/// the last layer into the final polynomial of `final_len` coefficients.
/// The final polynomial is not absorbed here.
pub fn commit(
    dft: &Dft,
    f0: Vec<EF>,
    log_lde: usize,
    rounds: usize,
    final_len: usize,
    transcript: &mut Transcript,
) -> FriCommitment {
    let inv_two = F::TWO.inverse();
    let mut current = f0;
    let mut layers = Vec::with_capacity(rounds);
    for round in 0..rounds {
        let log_size = log_lde - round;
        let half = current.len() / 2;
        let leaves: Vec<[u8; 32]> = (0..half)
            .into_par_iter()
            .map(|j| pair_leaf(current[j], current[j + half]))
            .collect();
        let tree = MerkleTree::from_leaf_digests(leaves);
        transcript.absorb_digest(&tree.root());
        let beta = ext_from_array(&transcript.squeeze_ext());

        // x_j = g^(2^round) omega_i^j, so 1/(2 x_j) = (1/2) g^-(2^round) omega_i^-j.
        let shift_inv = F::GENERATOR.exp_power_of_2(round).inverse();
        let omega_inv = F::two_adic_generator(log_size).inverse();
        let mut inv_two_x = Vec::with_capacity(half);
        let mut acc = inv_two * shift_inv;
        for _ in 0..half {
            inv_two_x.push(acc);
            acc *= omega_inv;
        }
        let folded: Vec<EF> = (0..half)
            .into_par_iter()
            .map(|j| {
                let (lo, hi) = (current[j], current[j + half]);
                (lo + hi) * inv_two + beta * ((lo - hi) * inv_two_x[j])
            })
            .collect();
        layers.push(FriLayer {
            values: current,
            tree,
        });
        current = folded;
    }
    // The last layer lives on g^(2^rounds) * <omega>; its interpolant has degree
    // below final_len for an honest prover. Truncation makes a dishonest one fail the queries.
    let shift = F::GENERATOR.exp_power_of_2(rounds);
    let mut final_poly = coset_interpolate_ext(dft, current, shift);
    final_poly.truncate(final_len);
    FriCommitment { layers, final_poly }
}

impl FriCommitment {
    pub fn commitments(&self) -> Vec<[u8; 32]> {
        self.layers.iter().map(|l| l.tree.root()).collect()
    }

    /// The FRI part of the query at `index` of D_0.
    pub fn open(&self, index: usize) -> Vec<FriQueryStep> {
        let mut position = index;
        let mut steps = Vec::with_capacity(self.layers.len());
        for layer in &self.layers {
            let half = layer.values.len() / 2;
            let leaf = position % half;
            let sibling = if position < half {
                layer.values[position + half]
            } else {
                layer.values[position - half]
            };
            steps.push(FriQueryStep {
                sibling: ext_to_array(sibling),
                path: layer.tree.path(leaf),
            });
            position = leaf;
        }
        steps
    }
}
