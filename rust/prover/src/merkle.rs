//! Merkle trees over matrix rows, hashed with the verifier's own leaf and
//! node functions so the encoding cannot drift.

use p3_maybe_rayon::prelude::*;
use zkvm_verifier::hash::Digest;
use zkvm_verifier::merkle::{leaf_hash, node_hash};
use zkvm_verifier::proof::MerkleOpening;

use crate::types::{to_u32, F};

pub struct MerkleTree {
    /// layers[0] are the leaf digests, the last layer is [root].
    layers: Vec<Vec<Digest>>,
}

impl MerkleTree {
    /// A tree whose leaf i is row i of the row-major matrix `values` of the given width.
    /// The number of rows must be a power of two.
    pub fn from_rows(values: &[F], width: usize) -> MerkleTree {
        let leaves: Vec<Digest> = values
            .par_chunks(width)
            .map(|row| {
                let canonical: Vec<u32> = row.iter().map(|&x| to_u32(x)).collect();
                leaf_hash(&canonical)
            })
            .collect();
        Self::from_leaf_digests(leaves)
    }

    pub fn from_leaf_digests(leaves: Vec<Digest>) -> MerkleTree {
        assert!(
            leaves.len().is_power_of_two(),
            "Merkle tree needs 2^k leaves"
        );
        let mut layers = vec![leaves];
        while layers.last().unwrap().len() > 1 {
            let below = layers.last().unwrap();
            let above: Vec<Digest> = below
                .par_chunks(2)
                .map(|pair| node_hash(&pair[0], &pair[1]))
                .collect();
            layers.push(above);
        }
        MerkleTree { layers }
    }

    pub fn root(&self) -> Digest {
        self.layers.last().unwrap()[0]
    }

    pub fn depth(&self) -> usize {
        self.layers.len() - 1
    }

    /// Sibling digests from the leaf level up.
    pub fn path(&self, index: usize) -> Vec<Digest> {
        let mut path = Vec::with_capacity(self.depth());
        let mut position = index;
        for layer in &self.layers[..self.depth()] {
            path.push(layer[position ^ 1]);
            position >>= 1;
        }
        path
    }

    /// An opening of row `index` of the matrix the tree was built from.
    pub fn open_row(&self, values: &[F], width: usize, index: usize) -> MerkleOpening {
        let row = &values[index * width..(index + 1) * width];
        MerkleOpening {
            values: row.iter().map(|&x| to_u32(x)).collect(),
            path: self.path(index),
        }
    }
}
