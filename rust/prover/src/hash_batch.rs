//! The prover's hashing engine: SHA3-256 (FIPS 202) of many messages of equal
//! length at once, on a batched, vectorised Keccak-f[1600] (Plonky3's
//! `p3-keccak`, which runs one message per SIMD lane: 8 lanes with AVX-512F,
//! 4 with AVX2, picked at run time).
//!
//! The verifier hashes one message at a time with its own module
//! (`zkvm_verifier::hash`); the digests are the same bytes
//! (tests/hash_batch.rs checks every message shape of the protocol). The
//! protocol's messages (docs/protocol.md §3, §4):
//! - Merkle leaf: `0x00 || LE32(v_0) || ... || LE32(v_{w-1})`, 1 + 4w bytes;
//! - Merkle node: `0x01 || left || right`, 65 bytes;
//! - proof of work: `0x02 || state || LE64(nonce)`, 41 bytes.
//!
//! Messages are packed into a small per-task buffer (`MESSAGE_BUFFER_BYTES`),
//! hashed, and the buffer reused: nothing proportional to the whole input is
//! allocated besides the digests.

use p3_keccak::Sha3_256Hash;
use p3_symmetric::CryptographicHasher;
use rayon::prelude::*;
use zkvm_verifier::commit::hash::Digest;

use crate::types::{to_u32, F};

/// Messages one vectorised permutation advances at once (the widest backend
/// compiled; a narrower one picked at run time splits a group).
pub const LANES: usize = <Sha3_256Hash as CryptographicHasher<u8, Digest>>::LANES;

/// The SHA3-256 rate in bytes: a message of `len` bytes costs
/// `len / RATE + 1` permutations.
pub const RATE: usize = 136;

/// Leaf and node domain bytes (zkvm_verifier::merkle).
pub const LEAF_PREFIX: u8 = 0x00;
pub const NODE_PREFIX: u8 = 0x01;
/// Proof-of-work domain byte (zkvm_verifier::transcript).
pub const POW_TAG: u8 = 0x02;
/// Length of a node message: prefix and two digests.
pub const NODE_MESSAGE_LEN: usize = 65;
/// Length of a proof-of-work message: tag, transcript state, LE64 nonce.
pub const POW_MESSAGE_LEN: usize = 41;

/// Target size of one task's packing buffer: small enough to stay in the
/// L2 cache, large enough to amortise the task.
const MESSAGE_BUFFER_BYTES: usize = 1 << 15;

/// Digests per parallel task for messages of `len` bytes: a multiple of
/// LANES whose messages fill about MESSAGE_BUFFER_BYTES.
fn messages_per_task(len: usize) -> usize {
    let fit = MESSAGE_BUFFER_BYTES / len.max(1);
    (fit / LANES).max(1) * LANES
}

/// SHA3-256 of `out.len()` messages of `len` bytes each, laid end to end in
/// `input` (`input.len() == len * out.len()`), on the current thread.
pub fn sha3_256_many(input: &[u8], len: usize, out: &mut [Digest]) {
    assert_eq!(
        input.len(),
        len * out.len(),
        "sha3_256_many: input is not out.len() messages of len bytes"
    );
    Sha3_256Hash.hash_many(input, out);
}

/// SHA3-256 of the messages of `len` bytes laid end to end in `input`, in
/// parallel; `input.len()` must be a multiple of `len` (for `len == 0`, use
/// `sha3_256_many` with the number of messages).
pub fn sha3_256_batch(input: &[u8], len: usize) -> Vec<Digest> {
    assert!(len > 0, "sha3_256_batch: empty messages have no count");
    assert_eq!(input.len() % len, 0, "sha3_256_batch: ragged input");
    let mut out = vec![[0u8; 32]; input.len() / len];
    let per_task = messages_per_task(len);
    out.par_chunks_mut(per_task)
        .zip(input.par_chunks(per_task * len))
        .for_each(|(digests, messages)| sha3_256_many(messages, len, digests));
    out
}

/// out[i] = SHA3-256 of the `len`-byte message that `fill(i, buffer)` writes
/// (every byte of `buffer` must be written: it holds the previous message).
/// Messages are packed and hashed in chunks, in parallel.
pub fn hash_messages_with<G>(len: usize, out: &mut [Digest], fill: G)
where
    G: Fn(usize, &mut [u8]) + Sync,
{
    let per_task = messages_per_task(len);
    out.par_chunks_mut(per_task).enumerate().for_each_init(
        Vec::new,
        |buffer: &mut Vec<u8>, (task, digests)| {
            let first = task * per_task;
            buffer.resize(digests.len() * len, 0);
            if len > 0 {
                for (k, message) in buffer.chunks_exact_mut(len).enumerate() {
                    fill(first + k, message);
                }
            }
            sha3_256_many(buffer, len, digests);
        },
    );
}

/// Writes the leaf message `0x00 || LE32(v_0) || ...` of a row of canonical
/// values into `message` (length 1 + 4 row.len()).
#[inline]
pub fn write_leaf_message_u32(row: &[u32], message: &mut [u8]) {
    debug_assert_eq!(message.len(), 1 + 4 * row.len());
    message[0] = LEAF_PREFIX;
    for (bytes, &v) in message[1..].chunks_exact_mut(4).zip(row) {
        bytes.copy_from_slice(&v.to_le_bytes());
    }
}

/// Writes the leaf message of a row of field elements (canonical encoding).
#[inline]
pub fn write_leaf_message(row: &[F], message: &mut [u8]) {
    debug_assert_eq!(message.len(), 1 + 4 * row.len());
    message[0] = LEAF_PREFIX;
    for (bytes, &v) in message[1..].chunks_exact_mut(4).zip(row) {
        bytes.copy_from_slice(&to_u32(v).to_le_bytes());
    }
}

/// out[i] = leaf_hash(row i) for the row-major matrix `values` of `width`
/// columns (`out.len()` rows): zkvm_verifier::merkle::leaf_hash.
pub fn leaf_digests(values: &[F], width: usize, out: &mut [Digest]) {
    assert_eq!(values.len(), width * out.len(), "leaf_digests: shape");
    hash_messages_with(1 + 4 * width, out, |i, message| {
        write_leaf_message(&values[i * width..(i + 1) * width], message);
    });
}

/// `leaf_digests` for a matrix of canonical u32 values.
pub fn leaf_digests_u32(values: &[u32], width: usize, out: &mut [Digest]) {
    assert_eq!(values.len(), width * out.len(), "leaf_digests_u32: shape");
    hash_messages_with(1 + 4 * width, out, |i, message| {
        write_leaf_message_u32(&values[i * width..(i + 1) * width], message);
    });
}

/// out[i] = node_hash(children[2i], children[2i + 1]):
/// zkvm_verifier::merkle::node_hash of consecutive pairs.
pub fn node_digests(children: &[Digest], out: &mut [Digest]) {
    assert_eq!(children.len(), 2 * out.len(), "node_digests: shape");
    hash_messages_with(NODE_MESSAGE_LEN, out, |i, message| {
        message[0] = NODE_PREFIX;
        message[1..33].copy_from_slice(&children[2 * i]);
        message[33..65].copy_from_slice(&children[2 * i + 1]);
    });
}

/// Whether a proof-of-work digest meets `bits` (zkvm_verifier::transcript::
/// Transcript::check_pow): the low `bits` bits of its first LE32 word are zero.
#[inline]
pub fn pow_digest_ok(digest: &Digest, bits: u32) -> bool {
    let word = u32::from_le_bytes([digest[0], digest[1], digest[2], digest[3]]) as u64;
    let mask: u64 = (1u64 << (bits & 63)) - 1;
    word & mask == 0
}

/// Nonces hashed per parallel task of the proof-of-work search.
const POW_TASK: usize = 512;
/// Tasks per round of the search.
const POW_ROUND_TASKS: u64 = 16;

/// The smallest nonce whose proof-of-work digest `H(0x02 || state || LE64(nonce))`
/// meets `bits`: rounds of POW_ROUND_TASKS * POW_TASK consecutive nonces,
/// each round's tasks hashed in parallel.
pub fn pow_grind(state: &Digest, bits: u32) -> u64 {
    let mut round = 0u64;
    loop {
        let first_of_round = round * POW_ROUND_TASKS * POW_TASK as u64;
        let found = (0..POW_ROUND_TASKS)
            .into_par_iter()
            .filter_map(|task| {
                let first = first_of_round + task * POW_TASK as u64;
                let mut buffer = [0u8; POW_MESSAGE_LEN * POW_TASK];
                for (k, message) in buffer.chunks_exact_mut(POW_MESSAGE_LEN).enumerate() {
                    message[0] = POW_TAG;
                    message[1..33].copy_from_slice(state);
                    message[33..41].copy_from_slice(&(first + k as u64).to_le_bytes());
                }
                let mut digests = [[0u8; 32]; POW_TASK];
                sha3_256_many(&buffer, POW_MESSAGE_LEN, &mut digests);
                digests
                    .iter()
                    .position(|d| pow_digest_ok(d, bits))
                    .map(|k| first + k as u64)
            })
            .min();
        if let Some(nonce) = found {
            return nonce;
        }
        round += 1;
    }
}
