//! Mixed-height Merkle commitments (zkvm_verifier::commit::mmcs), prover side:
//! several row-major matrices of heights 2^h_t in one tree, shorter matrices
//! injected at the level of their height. A tree is committed by its cap and
//! paths stop at the cap.
//!
//! Matrices are given in natural order (row r is the value at the r-th point
//! of the domain) with `bit_reversed = true`, in which case commitment
//! position j holds natural row rev(j) (the LDE and quotient matrices), or
//! already in commitment order with `bit_reversed = false` (FRI layers).
//!
//! Every message of one level has the same length, so each level is hashed
//! in batches by the prover's engine (hash_batch), which gives the digests of
//! the verifier's leaf_digest and node_digest (tests/hash_batch.rs).

use zkvm_verifier::commit::hash::Digest;
use zkvm_verifier::commit::merkle::cap_height;
use zkvm_verifier::protocol::domain::reverse_bits;
use zkvm_verifier::protocol::proof::MultiOpening;

use crate::hash_batch::{hash_messages_with, node_digests, LEAF_PREFIX, NODE_MESSAGE_LEN};
use crate::types::{to_u32, F};

/// Domain byte of a node with injected rows (zkvm_verifier::commit::mmcs).
const INJECT_PREFIX: u8 = 0x02;

/// One matrix of a commitment: `values` row-major with `width` columns and
/// 2^log_height rows.
#[derive(Clone, Copy)]
pub struct Matrix<'a> {
    pub values: &'a [F],
    pub width: usize,
    pub log_height: u32,
}

impl Matrix<'_> {
    fn row(&self, index: usize) -> &[F] {
        &self.values[index * self.width..(index + 1) * self.width]
    }
}

pub struct MixedTree {
    /// levels[0] are the leaf digests, the last level is [root].
    levels: Vec<Vec<Digest>>,
    /// log heights of the matrices, in matrix order.
    log_heights: Vec<u32>,
    bit_reversed: bool,
}

/// Writes the canonical LE32 encoding of `row` into `message` from byte `at`;
/// returns the position after it.
#[inline]
fn write_row(message: &mut [u8], at: usize, row: &[F]) -> usize {
    for (bytes, &v) in message[at..at + 4 * row.len()].chunks_exact_mut(4).zip(row) {
        bytes.copy_from_slice(&to_u32(v).to_le_bytes());
    }
    at + 4 * row.len()
}

impl MixedTree {
    /// Commits to `matrices` (at least one; every width non-zero, every
    /// height a power of two as stated).
    pub fn commit(matrices: &[Matrix], bit_reversed: bool) -> MixedTree {
        assert!(!matrices.is_empty(), "a commitment needs a matrix");
        for m in matrices {
            assert!(m.width > 0, "a committed matrix needs columns");
            assert_eq!(m.values.len(), m.width << m.log_height, "matrix height");
        }
        let top = matrices.iter().map(|m| m.log_height).max().unwrap();
        let row_index = |m: &Matrix, position: usize| -> usize {
            if bit_reversed {
                reverse_bits(position as u64, m.log_height) as usize
            } else {
                position
            }
        };
        let tallest: Vec<&Matrix> = matrices.iter().filter(|m| m.log_height == top).collect();
        let leaf_width: usize = tallest.iter().map(|m| m.width).sum();
        let mut leaves: Vec<Digest> = vec![[0u8; 32]; 1usize << top];
        hash_messages_with(1 + 4 * leaf_width, &mut leaves, |j, message| {
            message[0] = LEAF_PREFIX;
            let mut at = 1;
            for m in &tallest {
                at = write_row(message, at, m.row(row_index(m, j)));
            }
        });
        let mut levels = vec![leaves];
        for level in 1..=top as usize {
            let below = levels.last().unwrap();
            let injected: Vec<&Matrix> = matrices
                .iter()
                .filter(|m| m.log_height as usize + level == top as usize)
                .collect();
            let mut above: Vec<Digest> = vec![[0u8; 32]; below.len() / 2];
            if injected.is_empty() {
                node_digests(below, &mut above);
            } else {
                let injected_width: usize = injected.iter().map(|m| m.width).sum();
                let len = NODE_MESSAGE_LEN + 4 * injected_width;
                hash_messages_with(len, &mut above, |j, message| {
                    message[0] = INJECT_PREFIX;
                    message[1..33].copy_from_slice(&below[2 * j]);
                    message[33..65].copy_from_slice(&below[2 * j + 1]);
                    let mut at = NODE_MESSAGE_LEN;
                    for m in &injected {
                        at = write_row(message, at, m.row(row_index(m, j)));
                    }
                });
            }
            levels.push(above);
        }
        MixedTree {
            levels,
            log_heights: matrices.iter().map(|m| m.log_height).collect(),
            bit_reversed,
        }
    }

    pub fn depth(&self) -> usize {
        self.levels.len() - 1
    }

    /// The cap of height min(log_cap_height, depth).
    pub fn cap(&self, log_cap_height: usize) -> Vec<Digest> {
        let height = cap_height(self.depth(), log_cap_height);
        self.levels[self.depth() - height].clone()
    }

    /// The opening of leaf `index`: the row of every matrix there and the
    /// sibling digests up to the cap. `matrices` must be the committed ones.
    pub fn open(&self, matrices: &[Matrix], index: usize, log_cap_height: usize) -> MultiOpening {
        assert_eq!(matrices.len(), self.log_heights.len());
        let top = self.depth();
        let rows = matrices
            .iter()
            .map(|m| {
                let position = index >> (top - m.log_height as usize);
                let row = if self.bit_reversed {
                    reverse_bits(position as u64, m.log_height) as usize
                } else {
                    position
                };
                m.row(row).iter().map(|&v| to_u32(v)).collect()
            })
            .collect();
        let below = top - cap_height(top, log_cap_height);
        let mut path = Vec::with_capacity(below);
        let mut position = index;
        for level in &self.levels[..below] {
            path.push(level[position ^ 1]);
            position >>= 1;
        }
        MultiOpening { rows, path }
    }
}
