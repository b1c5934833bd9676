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
    /// Zero knowledge (docs/protocol.md §15): salted commitments, masked
    /// trace, auxiliary and quotient polynomials, a masking polynomial per
    /// FRI input size and blinded LogUp sums.
    pub zk: bool,
}

/// Random base elements appended to every committed row (as one salt matrix
/// per height in each tree): about 123 bits of hiding per leaf.
pub const ZK_SALT_LEN: usize = 4;

/// Blinding messages per table: rows 0..ZK_BLIND_ROWS send them, the next
/// ZK_BLIND_ROWS rows receive the next table's (prover's choice; the verifier
/// only checks the bus balance).
pub const ZK_BLIND_ROWS: usize = 8;

/// Main columns the protocol appends to every table with zero knowledge:
/// the blinding message's multiplicity and value.
pub const ZK_COLUMNS: usize = 2;

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
        zk: false,
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
        zk: false,
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
        zk: false,
    }
}

/// The RV32IM receipts' parameters: `compact_params` with zero knowledge and
/// 44 queries (the masked polynomials have degree n + z, z = 2 * 44 + 2, on
/// the same LDE domains, which costs at most 1/8 bit per query; see
/// `conjectured_security_bits`). Tables need at least 2^11 rows.
pub fn compact_zk_params() -> StarkParams {
    StarkParams {
        log_blowup: 2,
        num_queries: 44,
        pow_bits: 20,
        log_final_poly_len: 6,
        log_fri_arity: 2,
        log_cap_height: 6,
        zk: true,
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
    if params.zk && log_n < zk_min_log_height(params) {
        return Err(VerifyError::InvalidTraceLength);
    }
    // log_blowup <= 4 was validated, so this sum cannot overflow for log_n <= 27.
    if log_n > field::TWO_ADICITY || log_n + params.log_blowup > field::TWO_ADICITY {
        return Err(VerifyError::InvalidTraceLength);
    }
    Ok(())
}

/// z, the number of random coefficients masking each committed polynomial
/// (0 without zero knowledge): a table of height n commits T + Z_H R with
/// deg R < z, and quotient chunks of degree < n + z. Each masked polynomial
/// is opened at zeta, zeta omega and once per query, and the quotient's
/// values at a query involve the trace at x omega: 2 + 2 * num_queries points
/// at most, each of which the z random coefficients make uniform.
pub fn zk_mask_len(params: &StarkParams) -> u32 {
    if !params.zk {
        return 0;
    }
    2 * params.num_queries + 2
}

/// With zero knowledge every table has at least 16 z rows (and the 2
/// ZK_BLIND_ROWS rows of blinding messages), so that the degree bound n + z
/// is at most 17/16 n: the smallest log height with 2^k >= 16 z.
pub fn zk_min_log_height(params: &StarkParams) -> u32 {
    let need: u64 = 16 * (zk_mask_len(params) as u64);
    let mut k: u32 = 5;
    while k < 40 && (1u64 << k) < need {
        k += 1;
    }
    k
}

/// The number of coefficients of the final FRI polynomial for tables whose
/// LDE domains have 2^h rows for each h in `lde_log_heights`:
/// 2^log_final_poly_len without zero knowledge; with it, the degree bound
/// walked down the folding schedule: n_max + z on the largest domain,
/// ceil(D / 2^k) after a fold by 2^k, and max(D, n_t + z) where a table's
/// DEEP function joins (n_t + z its masked degree bound).
pub fn final_poly_len(params: &StarkParams, lde_log_heights: &[u32]) -> usize {
    if !params.zk {
        return 1usize << params.log_final_poly_len;
    }
    let z = zk_mask_len(params) as u64;
    let arities = fri_log_arities(params, lde_log_heights);
    let mut current: u32 = tallest(lde_log_heights);
    if current < params.log_blowup || current - params.log_blowup >= 40 {
        return 0;
    }
    let mut bound: u64 = (1u64 << (current - params.log_blowup)) + z;
    let mut r = 0;
    while r < arities.len() {
        let k = arities[r];
        bound = (bound + (1u64 << k) - 1) >> k;
        current -= k;
        let mut u = 0;
        while u < lde_log_heights.len() {
            if lde_log_heights[u] == current {
                let own = (1u64 << (current - params.log_blowup)) + z;
                if own > bound {
                    bound = own;
                }
            }
            u += 1;
        }
        r += 1;
    }
    bound as usize
}

/// The largest of `heights` (0 for none).
fn tallest(heights: &[u32]) -> u32 {
    let mut top: u32 = 0;
    let mut t = 0;
    while t < heights.len() {
        if heights[t] > top {
            top = heights[t];
        }
        t += 1;
    }
    top
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
    let mut current: u32 = tallest(lde_log_heights);
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
    // With zero knowledge the rate is at most (n + z) / (n 2^log_blowup) with
    // n >= 16 z: log2(17/16) < 1/8 bit less per query.
    let per_query_sixteenths: u64 = if params.zk {
        16 * (params.log_blowup as u64) - 2
    } else {
        16 * (params.log_blowup as u64)
    };
    let query_bits =
        (params.num_queries as u64) * per_query_sixteenths / 16 + (params.pow_bits as u64);
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
