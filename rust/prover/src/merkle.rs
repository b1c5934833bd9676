//! Merkle trees over matrix rows, hashed with the verifier's own leaf and
//! node functions so the encoding cannot drift. A tree is committed by its
//! cap (zkvm_verifier::commit::merkle) and paths stop at the cap.

use p3_maybe_rayon::prelude::*;
use zkvm_verifier::commit::hash::Digest;
use zkvm_verifier::commit::merkle::{cap_height, leaf_hash, node_hash};

use crate::types::{to_u32, F};

/// One row of a committed matrix with its authentication path (up to the cap).
pub struct MerkleOpening {
    pub values: Vec<u32>,
    pub path: Vec<Digest>,
}

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

    /// The cap of height min(log_cap_height, depth): the nodes at that
    /// distance below the root, left to right.
    pub fn cap(&self, log_cap_height: usize) -> Vec<Digest> {
        let height = cap_height(self.depth(), log_cap_height);
        self.layers[self.depth() - height].clone()
    }

    /// Sibling digests from the leaf level up to the root.
    pub fn path(&self, index: usize) -> Vec<Digest> {
        self.path_to_cap(index, 0)
    }

    /// Sibling digests from the leaf level up to the cap of height
    /// min(log_cap_height, depth).
    pub fn path_to_cap(&self, index: usize, log_cap_height: usize) -> Vec<Digest> {
        let below = self.depth() - cap_height(self.depth(), log_cap_height);
        let mut path = Vec::with_capacity(below);
        let mut position = index;
        for layer in &self.layers[..below] {
            path.push(layer[position ^ 1]);
            position >>= 1;
        }
        path
    }

    /// An opening of row `index` of the matrix the tree was built from, up to
    /// the cap of height min(log_cap_height, depth).
    pub fn open_row(
        &self,
        values: &[F],
        width: usize,
        index: usize,
        log_cap_height: usize,
    ) -> MerkleOpening {
        let row = &values[index * width..(index + 1) * width];
        MerkleOpening {
            values: row.iter().map(|&x| to_u32(x)).collect(),
            path: self.path_to_cap(index, log_cap_height),
        }
    }
}
