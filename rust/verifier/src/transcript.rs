//! The Fiat-Shamir transcript: a SHA3-256 hash chain.
//!
//! state_0           = H("zkvm-stark-transcript-v1")
//! absorb(data):       state <- H(0x00 || state || LE32(len(data)) || data)
//! squeeze a block:    state <- H(0x01 || state); the block is the new state
//! proof-of-work test: H(0x02 || state || LE64(nonce)), which does not change the state
//!
//! Every challenge is therefore a hash of everything absorbed before it. The
//! length prefix keeps consecutive absorbs unambiguous.

use crate::commit::hash::{sha3_256, Digest};
use crate::field;
use crate::field::extension::Ext;

const DOMAIN_SEPARATOR: &[u8] = b"zkvm-stark-transcript-v1";
const ABSORB_TAG: u8 = 0x00;
const SQUEEZE_TAG: u8 = 0x01;
const POW_TAG: u8 = 0x02;

pub struct Transcript {
    state: Digest,
}

fn push_digest(bytes: &mut Vec<u8>, digest: &Digest) {
    let mut i = 0;
    while i < 32 {
        bytes.push(digest[i]);
        i += 1;
    }
}

fn push_u32_le(bytes: &mut Vec<u8>, value: u32) {
    let le = value.to_le_bytes();
    bytes.push(le[0]);
    bytes.push(le[1]);
    bytes.push(le[2]);
    bytes.push(le[3]);
}

fn u64_from_le(block: &Digest, offset: usize) -> u64 {
    let mut value: u64 = 0;
    let mut i = 0;
    while i < 8 {
        // Most significant byte first, so byte `offset + 7` ends up on top.
        value = (value << 8) | (block[offset + 7 - i] as u64);
        i += 1;
    }
    value
}

/// Reduces 64 uniform bits modulo p. Any value has probability at most
/// (1 + 2^-33)/p, so a bad set of challenges is hit with at most (1 + 2^-33)
/// times its probability under the uniform distribution.
fn field_from_u64(value: u64) -> u32 {
    (value % (field::P as u64)) as u32
}

impl Transcript {
    pub fn new() -> Transcript {
        Transcript {
            state: sha3_256(DOMAIN_SEPARATOR),
        }
    }

    pub fn absorb_bytes(&mut self, data: &[u8]) {
        let mut bytes: Vec<u8> = Vec::with_capacity(37 + data.len());
        bytes.push(ABSORB_TAG);
        push_digest(&mut bytes, &self.state);
        // Callers absorb at most a few kilobytes at a time, far below 2^32.
        push_u32_le(&mut bytes, data.len() as u32);
        bytes.extend_from_slice(data);
        self.state = sha3_256(&bytes);
    }

    pub fn absorb_u32(&mut self, value: u32) {
        self.absorb_bytes(&value.to_le_bytes());
    }

    pub fn absorb_u64(&mut self, value: u64) {
        self.absorb_bytes(&value.to_le_bytes());
    }

    pub fn absorb_digest(&mut self, digest: &Digest) {
        self.absorb_bytes(digest);
    }

    /// Absorbs a list of base-field elements as one message of LE32 words.
    pub fn absorb_field_elements(&mut self, values: &[u32]) {
        let mut bytes: Vec<u8> = Vec::with_capacity(4 * values.len());
        let mut i = 0;
        while i < values.len() {
            push_u32_le(&mut bytes, values[i]);
            i += 1;
        }
        self.absorb_bytes(&bytes);
    }

    /// Absorbs a list of extension elements as one message (4 LE32 coefficients each).
    pub fn absorb_ext_elements(&mut self, values: &[Ext]) {
        let mut bytes: Vec<u8> = Vec::with_capacity(16 * values.len());
        let mut i = 0;
        while i < values.len() {
            let v = &values[i];
            push_u32_le(&mut bytes, v[0]);
            push_u32_le(&mut bytes, v[1]);
            push_u32_le(&mut bytes, v[2]);
            push_u32_le(&mut bytes, v[3]);
            i += 1;
        }
        self.absorb_bytes(&bytes);
    }

    pub fn squeeze_block(&mut self) -> Digest {
        let mut bytes = [0u8; 33];
        bytes[0] = SQUEEZE_TAG;
        let mut i = 0;
        while i < 32 {
            bytes[1 + i] = self.state[i];
            i += 1;
        }
        self.state = sha3_256(&bytes);
        self.state
    }

    /// A base-field challenge: the first 8 bytes of one block, little-endian, mod p.
    pub fn squeeze_field(&mut self) -> u32 {
        let block = self.squeeze_block();
        field_from_u64(u64_from_le(&block, 0))
    }

    /// An extension-field challenge: bytes [8k, 8k+8) of one block give coefficient k.
    pub fn squeeze_ext(&mut self) -> Ext {
        let block = self.squeeze_block();
        [
            field_from_u64(u64_from_le(&block, 0)),
            field_from_u64(u64_from_le(&block, 8)),
            field_from_u64(u64_from_le(&block, 16)),
            field_from_u64(u64_from_le(&block, 24)),
        ]
    }

    /// A uniform integer below 2^bits (bits <= 32): the low bits of the first LE32 word of one block.
    pub fn squeeze_index(&mut self, bits: u32) -> u32 {
        let block = self.squeeze_block();
        let word = u32::from_le_bytes([block[0], block[1], block[2], block[3]]) as u64;
        let mask: u64 = (1u64 << (bits & 63)) - 1;
        (word & mask) as u32
    }

    /// The proof-of-work digest for `nonce` at the current state.
    pub fn pow_digest(&self, nonce: u64) -> Digest {
        let mut bytes = [0u8; 41];
        bytes[0] = POW_TAG;
        let mut i = 0;
        while i < 32 {
            bytes[1 + i] = self.state[i];
            i += 1;
        }
        let le = nonce.to_le_bytes();
        let mut j = 0;
        while j < 8 {
            bytes[33 + j] = le[j];
            j += 1;
        }
        sha3_256(&bytes)
    }

    /// Whether `nonce` meets `bits` of proof of work: the low `bits` bits of
    /// the first LE32 word of the proof-of-work digest are zero.
    pub fn check_pow(&self, nonce: u64, bits: u32) -> bool {
        let digest = self.pow_digest(nonce);
        let word = u32::from_le_bytes([digest[0], digest[1], digest[2], digest[3]]) as u64;
        let mask: u64 = (1u64 << (bits & 63)) - 1;
        word & mask == 0
    }

    /// A copy of the transcript that has absorbed `index` (LE32): the
    /// transcript of segment `index` after the challenges all segments share
    /// (docs/protocol.md §9). The original is unchanged.
    pub fn fork(&self, index: u32) -> Transcript {
        let mut forked = Transcript { state: self.state };
        forked.absorb_u32(index);
        forked
    }

    /// The current state (for tests and for the prover's grinding loop).
    pub fn state(&self) -> Digest {
        self.state
    }
}
