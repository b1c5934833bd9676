//! The prover's batched SHA3-256 engine (hash_batch) gives the same digests as
//! the verifier's one-message module (zkvm_verifier::hash) on every message
//! shape the protocol uses: Merkle leaves of every width, nodes, FRI leaves,
//! proof of work, and arbitrary lengths around the 136-byte rate.

use zkvm_prover::hash_batch::{
    hash_messages_with, leaf_digests, leaf_digests_u32, node_digests, pow_digest_ok, pow_grind,
    sha3_256_batch, sha3_256_many, LANES, RATE,
};
use zkvm_prover::merkle::MerkleTree;
use zkvm_prover::mmcs::{Matrix, MixedTree};
use zkvm_prover::types::{from_u32, F};
use zkvm_verifier::commit::hash::{sha3_256, Digest};
use zkvm_verifier::commit::merkle::{leaf_hash, node_hash, verify_cap_opening};
use zkvm_verifier::commit::mmcs::{leaf_digest, node_digest, verify_opening};
use zkvm_verifier::field::P;
use zkvm_verifier::protocol::domain::reverse_bits;
use zkvm_verifier::transcript::Transcript;

/// A deterministic xorshift stream.
struct Stream(u64);

impl Stream {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn bytes(&mut self, len: usize) -> Vec<u8> {
        (0..len).map(|_| self.next() as u8).collect()
    }
    fn below(&mut self, bound: u64) -> u64 {
        self.next() % bound
    }
}

/// Digests of `count` messages of `len` bytes, every batched entry point
/// against the verifier's sha3_256 on each message.
fn check_length(stream: &mut Stream, len: usize, count: usize) {
    let input = stream.bytes(len * count);
    let expected: Vec<Digest> = (0..count)
        .map(|i| sha3_256(&input[i * len..(i + 1) * len]))
        .collect();
    let mut many = vec![[0u8; 32]; count];
    sha3_256_many(&input, len, &mut many);
    assert_eq!(many, expected, "sha3_256_many, len {len}, count {count}");
    let mut with = vec![[0u8; 32]; count];
    hash_messages_with(len, &mut with, |i, message| {
        message.copy_from_slice(&input[i * len..(i + 1) * len])
    });
    assert_eq!(
        with, expected,
        "hash_messages_with, len {len}, count {count}"
    );
    if len > 0 {
        assert_eq!(
            sha3_256_batch(&input, len),
            expected,
            "sha3_256_batch, len {len}, count {count}"
        );
    }
}

#[test]
fn lengths_around_the_rate() {
    let mut stream = Stream(0x9E37_79B9_7F4A_7C15);
    let mut lengths = vec![
        0, 1, 2, 3, 4, 5, 7, 8, 9, 15, 16, 17, 31, 32, 33, 41, 64, 65, 66,
    ];
    for blocks in 1..=4 {
        for delta in [-9i64, -8, -2, -1, 0, 1, 2, 7, 8] {
            lengths.push((blocks * RATE as i64 + delta) as usize);
        }
    }
    for len in lengths {
        // Counts below, at and above one lane group, and a short last group.
        for count in [1, 2, LANES - 1, LANES, LANES + 1, 2 * LANES + 3] {
            check_length(&mut stream, len, count);
        }
    }
}

#[test]
fn random_lengths_and_counts() {
    let mut stream = Stream(0x2545_F491_4F6C_DD1D);
    for _ in 0..200 {
        let len = stream.below(6 * RATE as u64 + 1) as usize;
        let count = 1 + stream.below(40) as usize;
        check_length(&mut stream, len, count);
    }
    // Many messages: several parallel tasks with a partial last one.
    for len in [1, 65, 433, 1293] {
        let per_task = (1usize << 15) / len / LANES * LANES;
        check_length(&mut stream, len, 3 * per_task.max(LANES) + 5);
    }
}

#[test]
fn empty_messages() {
    let mut out = vec![[1u8; 32]; 2 * LANES + 1];
    sha3_256_many(&[], 0, &mut out);
    assert!(out.iter().all(|d| *d == sha3_256(&[])));
    let mut out = vec![[1u8; 32]; 5];
    hash_messages_with(0, &mut out, |_, _| {});
    assert!(out.iter().all(|d| *d == sha3_256(&[])));
    sha3_256_many(&[], 0, &mut []);
}

/// Canonical field elements, including 0 and p - 1.
fn field_values(stream: &mut Stream, count: usize) -> Vec<u32> {
    (0..count)
        .map(|i| match i % 7 {
            0 => 0,
            1 => P - 1,
            _ => stream.below(P as u64) as u32,
        })
        .collect()
}

/// Merkle leaves of every width up to 40 columns and the widths of the
/// RV32IM main (323), auxiliary (108) and wide test matrices.
#[test]
fn merkle_leaves_of_every_width() {
    let mut stream = Stream(0xD1B5_4A32_D192_ED03);
    let mut widths: Vec<usize> = (1..=40).collect();
    widths.extend([64, 67, 68, 100, 108, 135, 323, 340, 431]);
    for width in widths {
        for rows in [1, 3, LANES, 2 * LANES + 1, 64] {
            let values = field_values(&mut stream, width * rows);
            let expected: Vec<Digest> = values.chunks(width).map(leaf_hash).collect();
            let mut out = vec![[0u8; 32]; rows];
            leaf_digests_u32(&values, width, &mut out);
            assert_eq!(out, expected, "u32 leaves, width {width}, rows {rows}");
            let field: Vec<F> = values.iter().map(|&v| from_u32(v)).collect();
            let mut out = vec![[0u8; 32]; rows];
            leaf_digests(&field, width, &mut out);
            assert_eq!(out, expected, "field leaves, width {width}, rows {rows}");
        }
    }
}

#[test]
fn merkle_nodes() {
    let mut stream = Stream(0x94D0_49BB_1331_11EB);
    for pairs in [1, 2, LANES - 1, LANES, LANES + 1, 1000] {
        let children: Vec<Digest> = (0..2 * pairs)
            .map(|_| stream.bytes(32).try_into().unwrap())
            .collect();
        let expected: Vec<Digest> = children
            .chunks(2)
            .map(|pair| node_hash(&pair[0], &pair[1]))
            .collect();
        let mut out = vec![[0u8; 32]; pairs];
        node_digests(&children, &mut out);
        assert_eq!(out, expected, "{pairs} pairs");
    }
}

/// A whole tree built by the engine opens correctly under the verifier's
/// Merkle check at every cap height.
#[test]
fn trees_open_under_the_verifier() {
    let mut stream = Stream(0xBF58_476D_1CE4_E5B9);
    for (log_rows, width) in [(0usize, 3usize), (1, 1), (4, 17), (7, 34), (9, 108)] {
        let rows = 1usize << log_rows;
        let values = field_values(&mut stream, rows * width);
        let field: Vec<F> = values.iter().map(|&v| from_u32(v)).collect();
        let tree = MerkleTree::from_rows(&field, width);
        for log_cap in 0..=log_rows + 1 {
            let cap = tree.cap(log_cap);
            for index in [0, rows / 2, rows - 1] {
                let opening = tree.open_row(&field, width, index, log_cap);
                assert_eq!(opening.values, values[index * width..(index + 1) * width]);
                assert!(verify_cap_opening(
                    &cap,
                    log_rows,
                    log_cap,
                    index,
                    &opening.values,
                    &opening.path
                ));
            }
        }
        // The root from the verifier's own hashing, level by level.
        let mut level: Vec<Digest> = values.chunks(width).map(leaf_hash).collect();
        while level.len() > 1 {
            level = level.chunks(2).map(|p| node_hash(&p[0], &p[1])).collect();
        }
        assert_eq!(tree.root(), level[0]);
    }
}

/// The proof-of-work digest, and the grinding search: the smallest nonce the
/// verifier's check accepts, found by a scalar search from 0.
#[test]
fn proof_of_work() {
    let mut transcript = Transcript::new();
    for round in 0..6u32 {
        transcript.absorb_u32(round);
        let state = transcript.state();
        for nonce in [0u64, 1, 255, 256, 1 << 32, u64::MAX] {
            let mut message = vec![0x02];
            message.extend_from_slice(&state);
            message.extend_from_slice(&nonce.to_le_bytes());
            assert_eq!(sha3_256(&message), transcript.pow_digest(nonce));
        }
        for bits in [0u32, 1, 4, 9, 14] {
            let nonce = pow_grind(&state, bits);
            let scalar = (0u64..).find(|&n| transcript.check_pow(n, bits)).unwrap();
            assert_eq!(nonce, scalar, "round {round}, bits {bits}");
            assert!(pow_digest_ok(&transcript.pow_digest(nonce), bits));
        }
    }
}

/// Mixed-height trees (several matrices, shorter ones injected at their
/// level, natural or bit-reversed order) built by the engine have the root
/// the verifier's one-message leaf_digest and node_digest give, and open
/// under its check.
#[test]
fn mixed_height_trees_match_the_verifier() {
    let mut stream = Stream(0x3C6E_F372_FE94_F82B);
    let shapes: [&[(usize, u32)]; 5] = [
        &[(3, 0)],
        &[(5, 4), (2, 4)],
        &[(7, 6), (1, 3), (4, 6), (9, 1)],
        &[(108, 5), (34, 2), (2, 2)],
        &[(1, 3), (17, 7)],
    ];
    for shape in shapes {
        for bit_reversed in [false, true] {
            let values: Vec<Vec<u32>> = shape
                .iter()
                .map(|&(width, log_height)| field_values(&mut stream, width << log_height))
                .collect();
            let field: Vec<Vec<F>> = values
                .iter()
                .map(|v| v.iter().map(|&x| from_u32(x)).collect())
                .collect();
            let matrices: Vec<Matrix> = shape
                .iter()
                .zip(&field)
                .map(|(&(width, log_height), v)| Matrix {
                    values: v,
                    width,
                    log_height,
                })
                .collect();
            let tree = MixedTree::commit(&matrices, bit_reversed);
            let top = shape.iter().map(|s| s.1).max().unwrap();
            // The rows of matrix t at commitment position j of level `top - h_t`.
            let row = |t: usize, j: usize| -> Vec<u32> {
                let (width, log_height) = shape[t];
                let r = if bit_reversed {
                    reverse_bits(j as u64, log_height) as usize
                } else {
                    j
                };
                values[t][r * width..(r + 1) * width].to_vec()
            };
            let rows_at = |h: u32, j: usize| -> Vec<Vec<u32>> {
                (0..shape.len())
                    .filter(|&t| shape[t].1 == h)
                    .map(|t| row(t, j))
                    .collect()
            };
            let mut level: Vec<Digest> = (0..1usize << top)
                .map(|j| leaf_digest(&rows_at(top, j)))
                .collect();
            for h in (0..top).rev() {
                level = (0..level.len() / 2)
                    .map(|j| node_digest(&level[2 * j], &level[2 * j + 1], &rows_at(h, j)))
                    .collect();
            }
            assert_eq!(
                tree.cap(0),
                level,
                "shape {shape:?}, bit reversed {bit_reversed}"
            );
            let log_heights: Vec<u32> = shape.iter().map(|s| s.1).collect();
            let widths: Vec<usize> = shape.iter().map(|s| s.0).collect();
            let min_height = *log_heights.iter().min().unwrap();
            for log_cap in [0u32, min_height] {
                let cap = tree.cap(log_cap as usize);
                for index in [0usize, (1 << top) / 2, (1 << top) - 1] {
                    let opening = tree.open(&matrices, index, log_cap as usize);
                    assert!(verify_opening(
                        &cap,
                        &log_heights,
                        &widths,
                        log_cap,
                        index as u64,
                        &opening.rows,
                        &opening.path
                    ));
                }
            }
        }
    }
}
