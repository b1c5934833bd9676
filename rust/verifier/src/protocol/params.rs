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
    /// FRI folds until the polynomial has 2^log_final_poly_len coefficients,
    /// which are then sent in clear (see `fri_log_arities`); every table has at
    /// least that many rows.
    pub log_final_poly_len: u32,
    /// log2 of the FRI folding arity: each FRI round folds 2^log_fri_arity
    /// points into one, and each FRI leaf holds those 2^log_fri_arity values.
    pub log_fri_arity: u32,
    /// log2 of the number of digests in each Merkle cap: every tree is
    /// committed by its level of 2^min(log_cap_height, depth) nodes, and
    /// authentication paths stop at that level.
    pub log_cap_height: u32,
}

/// Bits of the extension field: 4 * log2(p) rounded down (4 * 30.9 = 123.6).
pub const EXTENSION_FIELD_BITS: u32 = 123;

/// The default for the test AIRs: blowup 2, 100 queries, 16 bits of grinding,
/// FRI arity 2, Merkle caps of 16 digests.
/// Conjectured security min(100 * 1 + 16, 123 - log2|LDE|) = 100 bits for LDE
/// domains up to 2^23. Supports AIRs of constraint degree <= 3 (selectors
/// count as degree 1) and traces of at least 8 rows.
pub fn standard_params() -> StarkParams {
    StarkParams {
        log_blowup: 1,
        num_queries: 100,
        pow_bits: 16,
        log_final_poly_len: 3,
        log_fri_arity: 1,
        log_cap_height: 4,
    }
}

/// Blowup 4, 50 queries, 16 bits of grinding, FRI arity 2, caps of 16:
/// same conjectured security, supports constraint degree <= 5, smaller
/// proofs, twice the LDE work.
pub fn blowup4_params() -> StarkParams {
    StarkParams {
        log_blowup: 2,
        num_queries: 50,
        pow_bits: 16,
        log_final_poly_len: 3,
        log_fri_arity: 1,
        log_cap_height: 4,
    }
}

/// Small proofs for wide traces (the RV32IM receipts): blowup 4, 40 queries,
/// 20 bits of grinding, FRI arity 4, Merkle caps of 64 digests, final
/// polynomial of 64 or 128 coefficients.
/// Conjectured security min(40 * 2 + 20, 123 - log2|LDE| - 1) = 100 bits for
/// traces up to 2^20 rows. Supports constraint degree <= 5 and traces of at
/// least 64 rows.
pub fn compact_params() -> StarkParams {
    StarkParams {
        log_blowup: 2,
        num_queries: 40,
        pow_bits: 20,
        log_final_poly_len: 6,
        log_fri_arity: 2,
        log_cap_height: 6,
    }
}

pub const MAX_LOG_BLOWUP: u32 = 4;
pub const MAX_NUM_QUERIES: u32 = 1024;
pub const MAX_POW_BITS: u32 = 32;
pub const MAX_LOG_FINAL_POLY_LEN: u32 = 10;
pub const MAX_LOG_FRI_ARITY: u32 = 4;
pub const MAX_LOG_CAP_HEIGHT: u32 = 10;

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
    if params.log_fri_arity < 1 || params.log_fri_arity > MAX_LOG_FRI_ARITY {
        return Err(VerifyError::InvalidParameters);
    }
    if params.log_cap_height > MAX_LOG_CAP_HEIGHT {
        return Err(VerifyError::InvalidParameters);
    }
    Ok(())
}

/// The table heights 2^log_n a proof may claim: at least 2 rows and at least the
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

/// log2 of the size of the last FRI layer: the final polynomial's
/// 2^log_final_poly_len coefficients times the blowup.
pub fn log_final_layer(params: &StarkParams) -> u32 {
    params.log_final_poly_len + params.log_blowup
}

/// The FRI folding schedule for tables whose LDE domains have 2^h rows for
/// each h in `lde_log_heights`: the log arity of each round. FRI starts on the
/// tallest domain; each round folds by 2^min(log_fri_arity, d) where d is the
/// distance (in log size) to the next smaller table domain or, below the
/// smallest, to the final layer, so that every table's domain size is a layer
/// size (its DEEP function joins the folding there, fri.rs) and the last layer
/// has exactly 2^log_final_layer points. Every height must be at least the
/// final layer's (validate_log_trace_len); an empty list has no rounds.
pub fn fri_log_arities(params: &StarkParams, lde_log_heights: &[u32]) -> Vec<u32> {
    let floor = log_final_layer(params);
    let mut current: u32 = 0;
    let mut t = 0;
    while t < lde_log_heights.len() {
        if lde_log_heights[t] > current {
            current = lde_log_heights[t];
        }
        t += 1;
    }
    let mut arities: Vec<u32> = Vec::new();
    while current > floor && params.log_fri_arity > 0 {
        // The next table domain below `current`, or the final layer.
        let mut target = floor;
        let mut u = 0;
        while u < lde_log_heights.len() {
            let h = lde_log_heights[u];
            if h < current && h > target {
                target = h;
            }
            u += 1;
        }
        let mut step = current - target;
        if step > params.log_fri_arity {
            step = params.log_fri_arity;
        }
        arities.push(step);
        current -= step;
    }
    arities
}

/// Conjectured security in bits (ethSTARK-style conjecture, as in the protocol document),
/// with log_n the log height of the tallest table:
/// min(num_queries * log_blowup + pow_bits,
///     EXTENSION_FIELD_BITS - log2|largest LDE domain| - (log_fri_arity - 1)).
/// The last term is the FRI commit phase: folding by 2^k with powers of the
/// challenge errs with probability about (2^k - 1) |D_r| / |E| in round r,
/// 2^k N / |E| in total, 2^(k-1) times the arity-2 figure.
pub fn conjectured_security_bits(params: &StarkParams, log_n: u32) -> u32 {
    let query_bits =
        (params.num_queries as u64) * (params.log_blowup as u64) + (params.pow_bits as u64);
    let arity_loss = if params.log_fri_arity == 0 {
        0
    } else {
        (params.log_fri_arity as u64) - 1
    };
    let field_loss = (log_n as u64) + (params.log_blowup as u64) + arity_loss;
    let field_bits = if field_loss >= EXTENSION_FIELD_BITS as u64 {
        0
    } else {
        (EXTENSION_FIELD_BITS as u64) - field_loss
    };
    if query_bits < field_bits {
        query_bits as u32
    } else {
        field_bits as u32
    }
}
