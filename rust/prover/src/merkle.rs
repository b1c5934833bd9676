//! Merkle trees over the rows of one matrix (zkvm_verifier::commit::merkle).
//! Leaves and nodes are hashed in batches by the prover's engine
//! (hash_batch), which gives the verifier's leaf_hash and node_hash digests
//! (tests/hash_batch.rs). A tree is committed by its cap and paths stop at
//! the cap.

use zkvm_verifier::commit::hash::Digest;
use zkvm_verifier::commit::merkle::cap_height;

use crate::hash_batch::{leaf_digests, node_digests};
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
        assert!(width > 0 && values.len() % width == 0, "matrix shape");
        let mut leaves: Vec<Digest> = vec![[0u8; 32]; values.len() / width];
        leaf_digests(values, width, &mut leaves);
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
            let mut above: Vec<Digest> = vec![[0u8; 32]; below.len() / 2];
            node_digests(below, &mut above);
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
