//! Protocol parameters, fixed by the verifying key (never chosen by the prover).

use crate::error::VerifyError;
use crate::field;

pub struct StarkParams {
    /// log2 of the ratio |LDE domain| / |trace domain|.
    pub log_blowup: u32,
    /// Number of FRI query repetitions.
    pub num_queries: u32,
    /// Proof-of-work bits required before the query indices are drawn.
    pub pow_bits: u32,
    /// FRI stops folding when the polynomial has 2^log_final_poly_len coefficients,
    /// which are then sent in clear.
    pub log_final_poly_len: u32,
}

/// Bits of the extension field: 4 * log2(p) rounded down (4 * 30.9 = 123.6).
pub const EXTENSION_FIELD_BITS: u32 = 123;

/// The default: blowup 2, 100 queries, 16 bits of grinding.
/// Conjectured security min(100 * 1 + 16, 123 - log2|LDE|) = 100 bits for LDE domains up to 2^23.
/// Supports AIRs of constraint degree <= 3 (selectors count as degree 1).
pub fn standard_params() -> StarkParams {
    StarkParams {
        log_blowup: 1,
        num_queries: 100,
        pow_bits: 16,
        log_final_poly_len: 3,
    }
}

/// Blowup 4, 50 queries, 16 bits of grinding: same conjectured security,
/// supports constraint degree <= 5, smaller proofs, twice the LDE work.
pub fn blowup4_params() -> StarkParams {
    StarkParams {
        log_blowup: 2,
        num_queries: 50,
        pow_bits: 16,
        log_final_poly_len: 3,
    }
}

pub const MAX_LOG_BLOWUP: u32 = 4;
pub const MAX_NUM_QUERIES: u32 = 1024;
pub const MAX_POW_BITS: u32 = 32;
pub const MAX_LOG_FINAL_POLY_LEN: u32 = 10;

pub fn validate_params(params: &StarkParams) -> Result<(), VerifyError> {
    if params.log_blowup < 1 || params.log_blowup > MAX_LOG_BLOWUP {
        return Err(VerifyError::InvalidParameters);
    }
    if params.num_queries < 1 || params.num_queries > MAX_NUM_QUERIES {
        return Err(VerifyError::InvalidParameters);
    }
    if params.pow_bits > MAX_POW_BITS {
        return Err(VerifyError::InvalidParameters);
    }
    if params.log_final_poly_len > MAX_LOG_FINAL_POLY_LEN {
        return Err(VerifyError::InvalidParameters);
    }
    Ok(())
}

/// The trace lengths 2^log_n a proof may claim: at least 2 rows and at least the
/// final polynomial length, and the LDE domain must fit in the two-adic subgroup.
pub fn validate_log_trace_len(params: &StarkParams, log_n: u32) -> Result<(), VerifyError> {
    if log_n < 1 || log_n < params.log_final_poly_len {
        return Err(VerifyError::InvalidTraceLength);
    }
    // log_blowup <= 4 was validated, so this sum cannot overflow for log_n <= 27.
    if log_n > field::TWO_ADICITY || log_n + params.log_blowup > field::TWO_ADICITY {
        return Err(VerifyError::InvalidTraceLength);
    }
    Ok(())
}

/// Conjectured security in bits (ethSTARK-style conjecture, as in the protocol document):
/// min(num_queries * log_blowup + pow_bits, EXTENSION_FIELD_BITS - log2|LDE domain|).
pub fn conjectured_security_bits(params: &StarkParams, log_n: u32) -> u32 {
    let query_bits =
        (params.num_queries as u64) * (params.log_blowup as u64) + (params.pow_bits as u64);
    let log_lde = (log_n as u64) + (params.log_blowup as u64);
    let field_bits = if log_lde >= EXTENSION_FIELD_BITS as u64 {
        0
    } else {
        (EXTENSION_FIELD_BITS as u64) - log_lde
    };
    if query_bits < field_bits {
        query_bits as u32
    } else {
        field_bits as u32
    }
}
