//! The proof structure and its byte format (version 3).
//!
//! Byte layout, all integers little-endian, every vector prefixed by its LE32 length:
//!   u32 version (= 3)
//!   u32 log_trace_len
//!   digest-vec trace cap
//!   digest-vec aux cap            (empty without an auxiliary phase)
//!   ext claimed_sum
//!   digest-vec quotient cap
//!   ext-vec ood_trace_local, ext-vec ood_trace_next,
//!   ext-vec ood_aux_local, ext-vec ood_aux_next, ext-vec ood_quotient
//!   vec of FRI layer caps, each a digest-vec
//!   ext-vec final_poly
//!   u64 pow_nonce
//!   vec of queries, each:
//!     field-vec trace values, digest-vec trace path,
//!     field-vec aux values, digest-vec aux path,
//!     field-vec quotient values, digest-vec quotient path,
//!     vec of FRI steps, each: ext-vec siblings, digest-vec path
//! A field element is LE32 and must be canonical; an ext is 4 field elements;
//! a digest is 32 raw bytes. No bytes may follow the proof.
//! Every commitment is a Merkle cap (merkle.rs) and every path stops at the
//! cap. Without an auxiliary phase (an AIR with no fractions and no fixed
//! tables) the aux fields are still encoded but must be the empty cap, zero,
//! and empty vectors (checked by the verifier, stark.rs).

use crate::commit::hash::Digest;
use crate::error::VerifyError;
use crate::field::extension::Ext;
use crate::protocol::codec;

pub const PROOF_FORMAT_VERSION: u32 = 3;

/// One row of a committed matrix with its authentication path (up to the cap).
pub struct MerkleOpening {
    pub values: Vec<u32>,
    pub path: Vec<Digest>,
}

/// One FRI layer of one query: the other 2^k - 1 members of the folded coset
/// (the leaf's values in leaf order without the queried one), and the path of
/// the leaf up to the cap. The queried member itself is recomputed by the verifier.
pub struct FriQueryStep {
    pub siblings: Vec<Ext>,
    pub path: Vec<Digest>,
}

pub struct QueryProof {
    pub trace: MerkleOpening,
    pub aux: MerkleOpening,
    pub quotient: MerkleOpening,
    pub fri_steps: Vec<FriQueryStep>,
}

pub struct Proof {
    /// log2 of the number of trace rows.
    pub log_trace_len: u32,
    /// The Merkle cap of the trace LDE.
    pub trace_commitment: Vec<Digest>,
    /// The cap of the auxiliary (LogUp) trace LDE; empty without an auxiliary phase.
    pub aux_commitment: Vec<Digest>,
    /// The sum of all LogUp fractions of the trace; zero without an auxiliary phase.
    pub claimed_sum: Ext,
    /// The cap of the quotient LDE.
    pub quotient_commitment: Vec<Digest>,
    /// Every trace column at zeta.
    pub ood_trace_local: Vec<Ext>,
    /// Every trace column at zeta * omega_n.
    pub ood_trace_next: Vec<Ext>,
    /// Every auxiliary base column (4 per extension column) at zeta.
    pub ood_aux_local: Vec<Ext>,
    /// Every auxiliary base column at zeta * omega_n.
    pub ood_aux_next: Vec<Ext>,
    /// Every quotient base column (4 per chunk) at zeta.
    pub ood_quotient: Vec<Ext>,
    /// The cap of each FRI layer.
    pub fri_commitments: Vec<Vec<Digest>>,
    /// Coefficients of the last FRI polynomial, lowest degree first.
    pub final_poly: Vec<Ext>,
    pub pow_nonce: u64,
    pub queries: Vec<QueryProof>,
}

fn read_opening(bytes: &[u8], pos: usize) -> Result<(MerkleOpening, usize), VerifyError> {
    let (values, pos1) = match codec::read_field_vec(bytes, pos) {
        Ok(r) => r,
        Err(e) => return Err(e),
    };
    let (path, pos2) = match codec::read_digest_vec(bytes, pos1) {
        Ok(r) => r,
        Err(e) => return Err(e),
    };
    Ok((MerkleOpening { values, path }, pos2))
}

fn read_fri_step(bytes: &[u8], pos: usize) -> Result<(FriQueryStep, usize), VerifyError> {
    let (siblings, pos1) = match codec::read_ext_vec(bytes, pos) {
        Ok(r) => r,
        Err(e) => return Err(e),
    };
    let (path, pos2) = match codec::read_digest_vec(bytes, pos1) {
        Ok(r) => r,
        Err(e) => return Err(e),
    };
    Ok((FriQueryStep { siblings, path }, pos2))
}

/// Smallest encoding of a FRI step (two empty vectors), for length checks.
const MIN_FRI_STEP_BYTES: usize = 8;
/// Smallest encoding of a cap (an empty digest vector).
const MIN_CAP_BYTES: usize = 4;

fn read_caps(bytes: &[u8], pos: usize) -> Result<(Vec<Vec<Digest>>, usize), VerifyError> {
    let (count, mut cursor) = match codec::read_len(bytes, pos, MIN_CAP_BYTES) {
        Ok(r) => r,
        Err(e) => return Err(e),
    };
    let mut caps: Vec<Vec<Digest>> = Vec::with_capacity(count);
    let mut i = 0;
    while i < count {
        match codec::read_digest_vec(bytes, cursor) {
            Ok((cap, next)) => {
                caps.push(cap);
                cursor = next;
            }
            Err(e) => return Err(e),
        }
        i += 1;
    }
    Ok((caps, cursor))
}
/// Smallest encoding of a query (three empty openings and no FRI steps).
const MIN_QUERY_BYTES: usize = 28;

fn read_query(bytes: &[u8], pos: usize) -> Result<(QueryProof, usize), VerifyError> {
    let (trace, pos1) = match read_opening(bytes, pos) {
        Ok(r) => r,
        Err(e) => return Err(e),
    };
    let (aux, pos_aux) = match read_opening(bytes, pos1) {
        Ok(r) => r,
        Err(e) => return Err(e),
    };
    let (quotient, pos2) = match read_opening(bytes, pos_aux) {
        Ok(r) => r,
        Err(e) => return Err(e),
    };
    let (num_steps, mut cursor) = match codec::read_len(bytes, pos2, MIN_FRI_STEP_BYTES) {
        Ok(r) => r,
        Err(e) => return Err(e),
    };
    let mut fri_steps: Vec<FriQueryStep> = Vec::with_capacity(num_steps);
    let mut i = 0;
    while i < num_steps {
        match read_fri_step(bytes, cursor) {
            Ok((step, next)) => {
                fri_steps.push(step);
                cursor = next;
            }
            Err(e) => return Err(e),
        }
        i += 1;
    }
    Ok((
        QueryProof {
            trace,
            aux,
            quotient,
            fri_steps,
        },
        cursor,
    ))
}

/// Decodes proof bytes; rejects truncation, trailing bytes, unknown versions
/// and non-canonical field elements.
pub fn decode_proof(bytes: &[u8]) -> Result<Proof, VerifyError> {
    let (version, pos) = match codec::read_u32(bytes, 0) {
        Ok(r) => r,
        Err(e) => return Err(e),
    };
    if version != PROOF_FORMAT_VERSION {
        return Err(VerifyError::UnsupportedVersion);
    }
    let (log_trace_len, pos) = match codec::read_u32(bytes, pos) {
        Ok(r) => r,
        Err(e) => return Err(e),
    };
    let (trace_commitment, pos) = match codec::read_digest_vec(bytes, pos) {
        Ok(r) => r,
        Err(e) => return Err(e),
    };
    let (aux_commitment, pos) = match codec::read_digest_vec(bytes, pos) {
        Ok(r) => r,
        Err(e) => return Err(e),
    };
    let (claimed_sum, pos) = match codec::read_ext(bytes, pos) {
        Ok(r) => r,
        Err(e) => return Err(e),
    };
    let (quotient_commitment, pos) = match codec::read_digest_vec(bytes, pos) {
        Ok(r) => r,
        Err(e) => return Err(e),
    };
    let (ood_trace_local, pos) = match codec::read_ext_vec(bytes, pos) {
        Ok(r) => r,
        Err(e) => return Err(e),
    };
    let (ood_trace_next, pos) = match codec::read_ext_vec(bytes, pos) {
        Ok(r) => r,
        Err(e) => return Err(e),
    };
    let (ood_aux_local, pos) = match codec::read_ext_vec(bytes, pos) {
        Ok(r) => r,
        Err(e) => return Err(e),
    };
    let (ood_aux_next, pos) = match codec::read_ext_vec(bytes, pos) {
        Ok(r) => r,
        Err(e) => return Err(e),
    };
    let (ood_quotient, pos) = match codec::read_ext_vec(bytes, pos) {
        Ok(r) => r,
        Err(e) => return Err(e),
    };
    let (fri_commitments, pos) = match read_caps(bytes, pos) {
        Ok(r) => r,
        Err(e) => return Err(e),
    };
    let (final_poly, pos) = match codec::read_ext_vec(bytes, pos) {
        Ok(r) => r,
        Err(e) => return Err(e),
    };
    let (pow_nonce, pos) = match codec::read_u64(bytes, pos) {
        Ok(r) => r,
        Err(e) => return Err(e),
    };
    let (num_queries, mut cursor) = match codec::read_len(bytes, pos, MIN_QUERY_BYTES) {
        Ok(r) => r,
        Err(e) => return Err(e),
    };
    let mut queries: Vec<QueryProof> = Vec::with_capacity(num_queries);
    let mut i = 0;
    while i < num_queries {
        match read_query(bytes, cursor) {
            Ok((query, next)) => {
                queries.push(query);
                cursor = next;
            }
            Err(e) => return Err(e),
        }
        i += 1;
    }
    if cursor != bytes.len() {
        return Err(VerifyError::TrailingBytes);
    }
    Ok(Proof {
        log_trace_len,
        trace_commitment,
        aux_commitment,
        claimed_sum,
        quotient_commitment,
        ood_trace_local,
        ood_trace_next,
        ood_aux_local,
        ood_aux_next,
        ood_quotient,
        fri_commitments,
        final_poly,
        pow_nonce,
        queries,
    })
}

fn write_opening(out: &mut Vec<u8>, opening: &MerkleOpening) {
    codec::write_field_vec(out, &opening.values);
    codec::write_digest_vec(out, &opening.path);
}

/// Encodes a proof in the format `decode_proof` reads.
pub fn encode_proof(proof: &Proof) -> Vec<u8> {
    let mut out: Vec<u8> = Vec::new();
    codec::write_u32(&mut out, PROOF_FORMAT_VERSION);
    codec::write_u32(&mut out, proof.log_trace_len);
    codec::write_digest_vec(&mut out, &proof.trace_commitment);
    codec::write_digest_vec(&mut out, &proof.aux_commitment);
    codec::write_ext(&mut out, &proof.claimed_sum);
    codec::write_digest_vec(&mut out, &proof.quotient_commitment);
    codec::write_ext_vec(&mut out, &proof.ood_trace_local);
    codec::write_ext_vec(&mut out, &proof.ood_trace_next);
    codec::write_ext_vec(&mut out, &proof.ood_aux_local);
    codec::write_ext_vec(&mut out, &proof.ood_aux_next);
    codec::write_ext_vec(&mut out, &proof.ood_quotient);
    codec::write_len(&mut out, proof.fri_commitments.len());
    let mut r = 0;
    while r < proof.fri_commitments.len() {
        codec::write_digest_vec(&mut out, &proof.fri_commitments[r]);
        r += 1;
    }
    codec::write_ext_vec(&mut out, &proof.final_poly);
    codec::write_u64(&mut out, proof.pow_nonce);
    codec::write_len(&mut out, proof.queries.len());
    let mut q = 0;
    while q < proof.queries.len() {
        let query = &proof.queries[q];
        write_opening(&mut out, &query.trace);
        write_opening(&mut out, &query.aux);
        write_opening(&mut out, &query.quotient);
        codec::write_len(&mut out, query.fri_steps.len());
        let mut s = 0;
        while s < query.fri_steps.len() {
            let step = &query.fri_steps[s];
            codec::write_ext_vec(&mut out, &step.siblings);
            codec::write_digest_vec(&mut out, &step.path);
            s += 1;
        }
        q += 1;
    }
    out
}
