//! The proof structure and its byte format (version 5).
//!
//! A proof is a list of segment proofs (docs/protocol.md §5.2): one per
//! segment of the run, each a proof of the machine's tables for that
//! segment, sharing the LogUp challenges.
//!
//! Byte layout, all integers little-endian, every vector prefixed by its LE32 length:
//!   u32 version (= 5)
//!   u32 number of segments (at least 1)
//!   each segment:
//!   u32-vec segment values         the machine's values of the segment (air::num_segment_values)
//!   u32-vec log_heights            log2 of each table's height, in the machine's table order
//!   digest-vec main cap
//!   digest-vec aux cap             (empty when no table has an auxiliary trace)
//!   ext-vec claimed_sums           one per table (zero for a table without fractions)
//!   digest-vec quotient cap
//!   vec of per-table openings at the out-of-domain point, each:
//!     ext-vec main local, ext-vec main next, ext-vec aux local, ext-vec aux next,
//!     ext-vec quotient
//!   vec of FRI layer caps, each a digest-vec
//!   ext-vec final_poly
//!   u64 pow_nonce
//!   vec of queries, each:
//!     main opening, aux opening, quotient opening, each: vec of field-vecs
//!       (the opened row of every matrix of the commitment), digest-vec path;
//!     vec of FRI steps, each: ext-vec siblings, digest-vec path
//! A field element is LE32 and must be canonical; an ext is 4 field elements;
//! a digest is 32 raw bytes. No bytes may follow the proof.
//! Every commitment is a Merkle cap of a mixed-height tree (commit/mmcs.rs)
//! and every path stops at the cap. The decoder bounds every count it
//! allocates for: by the remaining bytes, and the numbers of tables, queries
//! and FRI steps by the protocol's maxima, so decoding never allocates more
//! than a small multiple of the input.

use crate::commit::hash::Digest;
use crate::error::VerifyError;
use crate::field;
use crate::field::extension::Ext;
use crate::protocol::codec;

pub const PROOF_FORMAT_VERSION: u32 = 5;
/// The most segments a proof may have.
pub const MAX_SEGMENTS: usize = 65536;
/// The most values a segment may state.
pub const MAX_SEGMENT_VALUES: usize = 16;
/// The most tables a machine may have.
pub const MAX_TABLES: usize = 64;
/// The most queries a proof may carry (params::MAX_NUM_QUERIES).
pub const MAX_QUERIES: usize = 1024;
/// The most FRI rounds: one per halving of the largest domain, 2^27 at most.
pub const MAX_FRI_ROUNDS: usize = 32;

/// The opened row of every matrix of one commitment (in the order of the
/// matrices) with the authentication path up to the cap.
pub struct MultiOpening {
    pub rows: Vec<Vec<u32>>,
    pub path: Vec<Digest>,
}

/// One FRI layer of one query: the other members of the folded coset (the
/// leaf's values in leaf order without the queried one), and the path of the
/// leaf up to the cap. The queried member itself is recomputed by the verifier.
pub struct FriQueryStep {
    pub siblings: Vec<Ext>,
    pub path: Vec<Digest>,
}

pub struct QueryProof {
    pub main: MultiOpening,
    pub aux: MultiOpening,
    pub quotient: MultiOpening,
    pub fri_steps: Vec<FriQueryStep>,
}

/// One table's columns at the out-of-domain point zeta and at zeta * omega
/// (omega the generator of the table's trace domain).
pub struct TableOpenings {
    /// Every main column at zeta.
    pub main_local: Vec<Ext>,
    /// Every main column at zeta * omega.
    pub main_next: Vec<Ext>,
    /// Every auxiliary base column (4 per extension column) at zeta.
    pub aux_local: Vec<Ext>,
    /// Every auxiliary base column at zeta * omega.
    pub aux_next: Vec<Ext>,
    /// Every quotient base column (4 per chunk) at zeta.
    pub quotient: Vec<Ext>,
}

/// One segment's proof.
pub struct Proof {
    /// The machine's values of this segment (air::num_segment_values).
    pub segment_values: Vec<u32>,
    /// log2 of the number of rows of each table.
    pub log_heights: Vec<u32>,
    /// The cap of the main traces' LDEs.
    pub main_commitment: Vec<Digest>,
    /// The cap of the auxiliary (LogUp) traces' LDEs; empty if no table has one.
    pub aux_commitment: Vec<Digest>,
    /// For each table, the sum of all its LogUp fractions (zero without fractions).
    pub claimed_sums: Vec<Ext>,
    /// The cap of the quotients' LDEs.
    pub quotient_commitment: Vec<Digest>,
    /// For each table, its openings at the out-of-domain point.
    pub openings: Vec<TableOpenings>,
    /// The cap of each FRI layer.
    pub fri_commitments: Vec<Vec<Digest>>,
    /// Coefficients of the last FRI polynomial, lowest degree first.
    pub final_poly: Vec<Ext>,
    pub pow_nonce: u64,
    pub queries: Vec<QueryProof>,
}

/// The most tables, queries and FRI rounds a proof may have. The verifier
/// decodes with the counts of its verifying key (`limits_for`), so decoding
/// allocates no more than a valid proof for that key holds plus the input's
/// own bytes; `decode_proof` uses the protocol's maxima.
pub struct DecodeLimits {
    pub max_segments: usize,
    pub max_tables: usize,
    /// The most matrices one commitment opens (tables, and with zero
    /// knowledge the masking and salt matrices, one per height each).
    pub max_matrices: usize,
    pub max_queries: usize,
    pub max_fri_rounds: usize,
}

/// The protocol's maxima.
pub fn protocol_limits() -> DecodeLimits {
    DecodeLimits {
        max_segments: MAX_SEGMENTS,
        max_tables: MAX_TABLES,
        max_matrices: 3 * MAX_TABLES,
        max_queries: MAX_QUERIES,
        max_fri_rounds: MAX_FRI_ROUNDS,
    }
}

/// A count for a vector of at most `max` elements of at least
/// `min_element_size` bytes each.
fn read_bounded_len(
    bytes: &[u8],
    pos: usize,
    min_element_size: usize,
    max: usize,
) -> Result<(usize, usize), VerifyError> {
    let (len, next) = match codec::read_len(bytes, pos, min_element_size) {
        Ok(r) => r,
        Err(e) => return Err(e),
    };
    if len > max {
        return Err(VerifyError::LengthTooLarge);
    }
    Ok((len, next))
}

fn read_u32_vec(bytes: &[u8], pos: usize, max: usize) -> Result<(Vec<u32>, usize), VerifyError> {
    let (len, mut cursor) = match read_bounded_len(bytes, pos, 4, max) {
        Ok(r) => r,
        Err(e) => return Err(e),
    };
    let mut values: Vec<u32> = Vec::with_capacity(len);
    let mut i = 0;
    while i < len {
        match codec::read_u32(bytes, cursor) {
            Ok((v, next)) => {
                values.push(v);
                cursor = next;
            }
            Err(e) => return Err(e),
        }
        i += 1;
    }
    Ok((values, cursor))
}

fn read_multi_opening(
    bytes: &[u8],
    pos: usize,
    limits: &DecodeLimits,
) -> Result<(MultiOpening, usize), VerifyError> {
    let (count, mut cursor) = match read_bounded_len(bytes, pos, 4, limits.max_matrices) {
        Ok(r) => r,
        Err(e) => return Err(e),
    };
    let mut rows: Vec<Vec<u32>> = Vec::with_capacity(count);
    let mut i = 0;
    while i < count {
        match codec::read_field_vec(bytes, cursor) {
            Ok((row, next)) => {
                rows.push(row);
                cursor = next;
            }
            Err(e) => return Err(e),
        }
        i += 1;
    }
    let (path, end) = match codec::read_digest_vec(bytes, cursor) {
        Ok(r) => r,
        Err(e) => return Err(e),
    };
    Ok((MultiOpening { rows, path }, end))
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
/// Smallest encoding of a table's openings (five empty vectors).
const MIN_OPENINGS_BYTES: usize = 20;
/// Smallest encoding of a query (three empty multi-openings and no FRI steps).
const MIN_QUERY_BYTES: usize = 28;

fn read_caps(
    bytes: &[u8],
    pos: usize,
    limits: &DecodeLimits,
) -> Result<(Vec<Vec<Digest>>, usize), VerifyError> {
    let (count, mut cursor) =
        match read_bounded_len(bytes, pos, MIN_CAP_BYTES, limits.max_fri_rounds) {
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

fn read_table_openings(bytes: &[u8], pos: usize) -> Result<(TableOpenings, usize), VerifyError> {
    let (main_local, pos) = match codec::read_ext_vec(bytes, pos) {
        Ok(r) => r,
        Err(e) => return Err(e),
    };
    let (main_next, pos) = match codec::read_ext_vec(bytes, pos) {
        Ok(r) => r,
        Err(e) => return Err(e),
    };
    let (aux_local, pos) = match codec::read_ext_vec(bytes, pos) {
        Ok(r) => r,
        Err(e) => return Err(e),
    };
    let (aux_next, pos) = match codec::read_ext_vec(bytes, pos) {
        Ok(r) => r,
        Err(e) => return Err(e),
    };
    let (quotient, pos) = match codec::read_ext_vec(bytes, pos) {
        Ok(r) => r,
        Err(e) => return Err(e),
    };
    Ok((
        TableOpenings {
            main_local,
            main_next,
            aux_local,
            aux_next,
            quotient,
        },
        pos,
    ))
}

fn read_query(
    bytes: &[u8],
    pos: usize,
    limits: &DecodeLimits,
) -> Result<(QueryProof, usize), VerifyError> {
    let (main, pos1) = match read_multi_opening(bytes, pos, limits) {
        Ok(r) => r,
        Err(e) => return Err(e),
    };
    let (aux, pos2) = match read_multi_opening(bytes, pos1, limits) {
        Ok(r) => r,
        Err(e) => return Err(e),
    };
    let (quotient, pos3) = match read_multi_opening(bytes, pos2, limits) {
        Ok(r) => r,
        Err(e) => return Err(e),
    };
    let (num_steps, mut cursor) =
        match read_bounded_len(bytes, pos3, MIN_FRI_STEP_BYTES, limits.max_fri_rounds) {
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
            main,
            aux,
            quotient,
            fri_steps,
        },
        cursor,
    ))
}

/// Decodes proof bytes; rejects truncation, trailing bytes, unknown versions,
/// non-canonical field elements and counts beyond the protocol's maxima.
pub fn decode_proof(bytes: &[u8]) -> Result<Proof, VerifyError> {
    decode_proof_with_limits(bytes, &protocol_limits())
}

/// `decode_proof` with counts bounded by `limits`: the proof must have
/// exactly one segment.
pub fn decode_proof_with_limits(bytes: &[u8], limits: &DecodeLimits) -> Result<Proof, VerifyError> {
    let (count, pos) = match read_header(bytes) {
        Ok(r) => r,
        Err(e) => return Err(e),
    };
    if count != 1 {
        return Err(VerifyError::WrongSegmentCount);
    }
    let (proof, end) = match read_segment(bytes, pos, limits) {
        Ok(r) => r,
        Err(e) => return Err(e),
    };
    if end != bytes.len() {
        return Err(VerifyError::TrailingBytes);
    }
    Ok(proof)
}

/// The version and the segment count (not yet bounded).
fn read_header(bytes: &[u8]) -> Result<(u32, usize), VerifyError> {
    let (version, pos) = match codec::read_u32(bytes, 0) {
        Ok(r) => r,
        Err(e) => return Err(e),
    };
    if version != PROOF_FORMAT_VERSION {
        return Err(VerifyError::UnsupportedVersion);
    }
    codec::read_u32(bytes, pos)
}

/// Decodes the segment proofs of proof bytes, at least one and at most
/// `limits.max_segments`, each as `decode_proof` does.
pub fn decode_segments_with_limits(
    bytes: &[u8],
    limits: &DecodeLimits,
) -> Result<Vec<Proof>, VerifyError> {
    let (count, mut cursor) = match read_header(bytes) {
        Ok(r) => r,
        Err(e) => return Err(e),
    };
    let count = count as usize;
    if count == 0 || count > limits.max_segments {
        return Err(VerifyError::WrongSegmentCount);
    }
    // Every segment takes at least MIN_SEGMENT_BYTES: the count is bounded
    // by the input before anything is allocated for it.
    let remaining = match bytes.len().checked_sub(cursor) {
        Some(v) => v,
        None => return Err(VerifyError::TruncatedProof),
    };
    if count > remaining / MIN_SEGMENT_BYTES {
        return Err(VerifyError::TruncatedProof);
    }
    let mut out: Vec<Proof> = Vec::with_capacity(count);
    let mut s = 0;
    while s < count {
        match read_segment(bytes, cursor, limits) {
            Ok((proof, next)) => {
                out.push(proof);
                cursor = next;
            }
            Err(e) => return Err(e),
        }
        s += 1;
    }
    if cursor != bytes.len() {
        return Err(VerifyError::TrailingBytes);
    }
    Ok(out)
}

/// The smallest encoding of a segment: its nine length-prefixed vectors
/// and the nonce.
const MIN_SEGMENT_BYTES: usize = 44;

/// One segment's proof at `pos`; returns it and the position after it.
fn read_segment(
    bytes: &[u8],
    pos: usize,
    limits: &DecodeLimits,
) -> Result<(Proof, usize), VerifyError> {
    let (segment_values, pos) = match read_u32_vec(bytes, pos, MAX_SEGMENT_VALUES) {
        Ok(r) => r,
        Err(e) => return Err(e),
    };
    // Segment values are base-field elements (absorbed and used as such).
    let mut v = 0;
    while v < segment_values.len() {
        if !field::is_canonical(segment_values[v]) {
            return Err(VerifyError::NonCanonicalFieldElement);
        }
        v += 1;
    }
    let (log_heights, pos) = match read_u32_vec(bytes, pos, limits.max_tables) {
        Ok(r) => r,
        Err(e) => return Err(e),
    };
    let (main_commitment, pos) = match codec::read_digest_vec(bytes, pos) {
        Ok(r) => r,
        Err(e) => return Err(e),
    };
    let (aux_commitment, pos) = match codec::read_digest_vec(bytes, pos) {
        Ok(r) => r,
        Err(e) => return Err(e),
    };
    let (claimed_sums, pos) = match codec::read_ext_vec(bytes, pos) {
        Ok(r) => r,
        Err(e) => return Err(e),
    };
    if claimed_sums.len() > limits.max_tables {
        return Err(VerifyError::LengthTooLarge);
    }
    let (quotient_commitment, pos) = match codec::read_digest_vec(bytes, pos) {
        Ok(r) => r,
        Err(e) => return Err(e),
    };
    let (num_tables, mut cursor) =
        match read_bounded_len(bytes, pos, MIN_OPENINGS_BYTES, MAX_TABLES) {
            Ok(r) => r,
            Err(e) => return Err(e),
        };
    let mut openings: Vec<TableOpenings> = Vec::with_capacity(num_tables);
    let mut t = 0;
    while t < num_tables {
        match read_table_openings(bytes, cursor) {
            Ok((o, next)) => {
                openings.push(o);
                cursor = next;
            }
            Err(e) => return Err(e),
        }
        t += 1;
    }
    let (fri_commitments, pos) = match read_caps(bytes, cursor, limits) {
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
    let (num_queries, mut cursor) =
        match read_bounded_len(bytes, pos, MIN_QUERY_BYTES, limits.max_queries) {
            Ok(r) => r,
            Err(e) => return Err(e),
        };
    let mut queries: Vec<QueryProof> = Vec::with_capacity(num_queries);
    let mut i = 0;
    while i < num_queries {
        match read_query(bytes, cursor, limits) {
            Ok((query, next)) => {
                queries.push(query);
                cursor = next;
            }
            Err(e) => return Err(e),
        }
        i += 1;
    }
    Ok((
        Proof {
            segment_values,
            log_heights,
            main_commitment,
            aux_commitment,
            claimed_sums,
            quotient_commitment,
            openings,
            fri_commitments,
            final_poly,
            pow_nonce,
            queries,
        },
        cursor,
    ))
}

fn write_multi_opening(out: &mut Vec<u8>, opening: &MultiOpening) {
    codec::write_len(out, opening.rows.len());
    let mut i = 0;
    while i < opening.rows.len() {
        codec::write_field_vec(out, &opening.rows[i]);
        i += 1;
    }
    codec::write_digest_vec(out, &opening.path);
}

/// Encodes a proof of one segment in the format `decode_proof` reads.
pub fn encode_proof(proof: &Proof) -> Vec<u8> {
    let mut out: Vec<u8> = Vec::new();
    codec::write_u32(&mut out, PROOF_FORMAT_VERSION);
    codec::write_u32(&mut out, 1);
    write_segment(&mut out, proof);
    out
}

/// Encodes segment proofs in the format `decode_segments_with_limits` reads.
pub fn encode_segments(proofs: &[Proof]) -> Vec<u8> {
    let mut out: Vec<u8> = Vec::new();
    codec::write_u32(&mut out, PROOF_FORMAT_VERSION);
    codec::write_len(&mut out, proofs.len());
    let mut s = 0;
    while s < proofs.len() {
        write_segment(&mut out, &proofs[s]);
        s += 1;
    }
    out
}

/// Appends one segment's encoding (after the version and the segment count).
pub fn write_segment(out: &mut Vec<u8>, proof: &Proof) {
    codec::write_field_vec(out, &proof.segment_values);
    codec::write_len(out, proof.log_heights.len());
    let mut h = 0;
    while h < proof.log_heights.len() {
        codec::write_u32(out, proof.log_heights[h]);
        h += 1;
    }
    codec::write_digest_vec(out, &proof.main_commitment);
    codec::write_digest_vec(out, &proof.aux_commitment);
    codec::write_ext_vec(out, &proof.claimed_sums);
    codec::write_digest_vec(out, &proof.quotient_commitment);
    codec::write_len(out, proof.openings.len());
    let mut t = 0;
    while t < proof.openings.len() {
        let o = &proof.openings[t];
        codec::write_ext_vec(out, &o.main_local);
        codec::write_ext_vec(out, &o.main_next);
        codec::write_ext_vec(out, &o.aux_local);
        codec::write_ext_vec(out, &o.aux_next);
        codec::write_ext_vec(out, &o.quotient);
        t += 1;
    }
    codec::write_len(out, proof.fri_commitments.len());
    let mut r = 0;
    while r < proof.fri_commitments.len() {
        codec::write_digest_vec(out, &proof.fri_commitments[r]);
        r += 1;
    }
    codec::write_ext_vec(out, &proof.final_poly);
    codec::write_u64(out, proof.pow_nonce);
    codec::write_len(out, proof.queries.len());
    let mut q = 0;
    while q < proof.queries.len() {
        let query = &proof.queries[q];
        write_multi_opening(out, &query.main);
        write_multi_opening(out, &query.aux);
        write_multi_opening(out, &query.quotient);
        codec::write_len(out, query.fri_steps.len());
        let mut s = 0;
        while s < query.fri_steps.len() {
            let step = &query.fri_steps[s];
            codec::write_ext_vec(out, &step.siblings);
            codec::write_digest_vec(out, &step.path);
            s += 1;
        }
        q += 1;
    }
}
