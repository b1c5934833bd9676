//! Mixed-height Merkle commitments (zkvm_verifier::commit::mmcs), prover side:
//! several row-major matrices of heights 2^h_t in one tree, shorter matrices
//! injected at the level of their height. A tree is committed by its cap and
//! paths stop at the cap.
//!
//! Matrices are given in natural order (row r is the value at the r-th point
//! of the domain) with `bit_reversed = true`, in which case commitment
//! position j holds natural row rev(j) (the LDE and quotient matrices), or
//! already in commitment order with `bit_reversed = false` (FRI layers).

use p3_maybe_rayon::prelude::*;
use zkvm_verifier::commit::hash::{sha3_256, Digest};
use zkvm_verifier::commit::merkle::{cap_height, node_hash};
use zkvm_verifier::protocol::domain::reverse_bits;
use zkvm_verifier::protocol::proof::MultiOpening;

use crate::types::{to_u32, F};

const LEAF_PREFIX: u8 = 0x00;
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

fn push_row(bytes: &mut Vec<u8>, row: &[F]) {
    for &v in row {
        bytes.extend_from_slice(&to_u32(v).to_le_bytes());
    }
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
        let leaves: Vec<Digest> = (0..1usize << top)
            .into_par_iter()
            .map_init(Vec::new, |bytes, j| {
                bytes.clear();
                bytes.push(LEAF_PREFIX);
                for m in &tallest {
                    push_row(bytes, m.row(row_index(m, j)));
                }
                sha3_256(bytes)
            })
            .collect();
        let mut levels = vec![leaves];
        for level in 1..=top as usize {
            let below = levels.last().unwrap();
            let injected: Vec<&Matrix> = matrices
                .iter()
                .filter(|m| m.log_height as usize + level == top as usize)
                .collect();
            let above: Vec<Digest> = (0..below.len() / 2)
                .into_par_iter()
                .map_init(Vec::new, |bytes, j| {
                    let (left, right) = (&below[2 * j], &below[2 * j + 1]);
                    if injected.is_empty() {
                        return node_hash(left, right);
                    }
                    bytes.clear();
                    bytes.push(INJECT_PREFIX);
                    bytes.extend_from_slice(left);
                    bytes.extend_from_slice(right);
                    for m in &injected {
                        push_row(bytes, m.row(row_index(m, j)));
                    }
                    sha3_256(bytes)
                })
                .collect();
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
