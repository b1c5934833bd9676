//! Verification of a STARK proof for a machine of several tables: replays
//! the Fiat-Shamir transcript, checks the LogUp bus, each table's constraints
//! at the out-of-domain point, and every query through the mixed-height Merkle
//! openings, the DEEP composition and FRI. The transcript order here is the
//! normative one (docs/protocol.md, section 9).

use crate::air::{self, AirId, FixedTable, LookupChallenges, Selectors, TableId, TableShape};
use crate::commit::hash::Digest;
use crate::commit::merkle;
use crate::commit::mmcs;
use crate::error::VerifyError;
use crate::field;
use crate::field::extension::{self, Ext};
use crate::fri::{self, DeepValue};
use crate::protocol::deep;
use crate::protocol::domain;
use crate::protocol::logup;
use crate::protocol::params::{self, StarkParams};
use crate::protocol::proof::{self, MultiOpening, Proof, TableOpenings};
use crate::protocol::statement::{self, Statement};
use crate::protocol::vk::{self, VerifyingKey};
use crate::transcript::Transcript;

/// The version of the protocol (not of the byte format), absorbed first.
pub const PROTOCOL_VERSION: u32 = 6;

/// Everything the verifier derives from the transcript.
pub struct Challenges {
    /// The LogUp challenges (point, beta), drawn after the main commitment
    /// (also for machines without lookups, where they are unused).
    pub lookup: LookupChallenges,
    pub alpha: Ext,
    pub zeta: Ext,
    pub gamma: Ext,
    pub fri_betas: Vec<Ext>,
    pub query_indices: Vec<u64>,
}

/// Sizes of one table's part of the proof.
pub struct TableDims {
    pub log_height: u32,
    pub log_lde: u32,
    pub width: usize,
    /// Whether the table has an auxiliary (LogUp) trace.
    pub has_aux: bool,
    /// Auxiliary extension columns (logup::aux_ext_width).
    pub aux_ext_width: usize,
    /// Auxiliary base columns: 4 per extension column.
    pub aux_width: usize,
    /// The table's constraints plus its LogUp constraints.
    pub num_constraints: usize,
    pub log_quotient_chunks: u32,
    pub num_quotient_chunks: usize,
    /// 4 base columns per quotient chunk.
    pub quotient_width: usize,
    /// The first power of gamma the table's DEEP terms use (deep.rs).
    pub gamma_offset: usize,
}

/// Sizes that follow from the verifying key and the claimed table heights.
pub struct ProofDimensions {
    pub tables: Vec<TableDims>,
    /// log2 of the largest LDE domain: FRI starts there and queries index it.
    pub log_max_lde: u32,
    /// The log arity of each FRI round (params::fri_log_arities).
    pub fri_log_arities: Vec<u32>,
    pub final_poly_len: usize,
    /// Every Merkle tree is committed by its cap of 2^min(log_cap_height, depth) digests.
    pub log_cap_height: u32,
    /// The number of powers of gamma all tables use together, and the
    /// masking polynomials after them (one per distinct LDE height, largest
    /// first, from `mask_gamma_offset`).
    pub num_gamma_powers: usize,
    pub mask_gamma_offset: usize,
    /// Zero knowledge (params.zk): salt matrices in every tree, masking
    /// polynomials in the quotient tree.
    pub zk: bool,
}

/// PhaseLayout::tables entries that are not a table's matrix.
pub const SALT_MATRIX: usize = usize::MAX;
pub const MASK_MATRIX: usize = usize::MAX - 1;

fn checked_add(a: usize, b: usize) -> Result<usize, VerifyError> {
    match a.checked_add(b) {
        Some(v) => Ok(v),
        None => Err(VerifyError::ArithmeticOverflow),
    }
}

/// One table's dimensions: its degree against the blowup, its height against
/// the protocol's and its own bounds.
pub fn table_dimensions(
    params: &StarkParams,
    shape: &TableShape,
    log_height: u32,
    gamma_offset: usize,
) -> Result<TableDims, VerifyError> {
    // With zero knowledge: the table's columns and the protocol's blinding
    // columns, its fractions and the blinding fraction (logup::zk_shape).
    let committed = logup::zk_shape(shape, params.zk);
    let shape = &committed;
    let log_chunks = air::log_quotient_chunks(logup::constraint_degree(shape));
    if log_chunks > params.log_blowup {
        return Err(VerifyError::ConstraintDegreeTooHigh);
    }
    // With zero knowledge the quotient has degree < (d - 1) n + d z: one more
    // chunk, which the prover finds from q + 1 cosets of H inside the LDE
    // domain, so q must be below the blowup.
    if params.zk && log_chunks + 1 > params.log_blowup {
        return Err(VerifyError::ConstraintDegreeTooHigh);
    }
    match params::validate_log_trace_len(params, log_height) {
        Ok(()) => {}
        Err(e) => return Err(e),
    }
    if log_height < shape.min_log_height || log_height > shape.max_log_height {
        return Err(VerifyError::InvalidTraceLength);
    }
    if shape.width == 0 {
        return Err(VerifyError::WrongProofShape);
    }
    let aux_ext_width = logup::aux_ext_width(shape);
    let aux_width = match aux_ext_width.checked_mul(4) {
        Some(v) => v,
        None => return Err(VerifyError::ArithmeticOverflow),
    };
    let num_constraints =
        match checked_add(shape.num_constraints, logup::num_logup_constraints(shape)) {
            Ok(v) => v,
            Err(e) => return Err(e),
        };
    let num_quotient_chunks: usize = if params.zk {
        (1usize << log_chunks) + 1
    } else {
        1usize << log_chunks
    };
    Ok(TableDims {
        log_height,
        log_lde: log_height + params.log_blowup,
        width: shape.width,
        has_aux: logup::has_aux(shape),
        aux_ext_width,
        aux_width,
        num_constraints,
        log_quotient_chunks: log_chunks,
        num_quotient_chunks,
        quotient_width: 4 * num_quotient_chunks,
        gamma_offset,
    })
}

/// Checks the parameters, every table's degree and height, and computes the
/// proof's dimensions.
pub fn proof_dimensions(
    params: &StarkParams,
    shapes: &[TableShape],
    log_heights: &[u32],
) -> Result<ProofDimensions, VerifyError> {
    match params::validate_params(params) {
        Ok(()) => {}
        Err(e) => return Err(e),
    }
    if shapes.is_empty() || shapes.len() != log_heights.len() || shapes.len() > proof::MAX_TABLES {
        return Err(VerifyError::WrongProofShape);
    }
    let mut tables: Vec<TableDims> = Vec::with_capacity(shapes.len());
    let mut lde_heights: Vec<u32> = Vec::with_capacity(shapes.len());
    let mut offset: usize = 0;
    let mut t = 0;
    while t < shapes.len() {
        let dims = match table_dimensions(params, &shapes[t], log_heights[t], offset) {
            Ok(d) => d,
            Err(e) => return Err(e),
        };
        // 2w + 2a + 4k powers of gamma.
        let twice_main = match dims.width.checked_mul(2) {
            Some(v) => v,
            None => return Err(VerifyError::ArithmeticOverflow),
        };
        let twice_aux = match dims.aux_width.checked_mul(2) {
            Some(v) => v,
            None => return Err(VerifyError::ArithmeticOverflow),
        };
        offset = match checked_add(offset, twice_main) {
            Ok(v) => v,
            Err(e) => return Err(e),
        };
        offset = match checked_add(offset, twice_aux) {
            Ok(v) => v,
            Err(e) => return Err(e),
        };
        offset = match checked_add(offset, dims.quotient_width) {
            Ok(v) => v,
            Err(e) => return Err(e),
        };
        lde_heights.push(dims.log_lde);
        tables.push(dims);
        t += 1;
    }
    let mask_gamma_offset = offset;
    if params.zk {
        let distinct = distinct_heights(&lde_heights);
        offset = match checked_add(offset, distinct.len()) {
            Ok(v) => v,
            Err(e) => return Err(e),
        };
    }
    let log_max_lde = mmcs::max_log_height(&lde_heights);
    // Every matrix must reach the cap of the trees it is committed in.
    let cap_height =
        merkle::cap_height(log_max_lde as usize, params.log_cap_height as usize) as u32;
    let mut u = 0;
    while u < tables.len() {
        if tables[u].log_lde < cap_height {
            return Err(VerifyError::InvalidTraceLength);
        }
        u += 1;
    }
    Ok(ProofDimensions {
        tables,
        log_max_lde,
        fri_log_arities: params::fri_log_arities(params, &lde_heights),
        final_poly_len: params::final_poly_len(params, &lde_heights),
        log_cap_height: params.log_cap_height,
        num_gamma_powers: offset,
        mask_gamma_offset,
        zk: params.zk,
    })
}

/// The number of digests in the cap of a tree with 2^depth leaves
/// (0, which no cap matches, for a depth beyond the machine word).
pub fn cap_len(log_cap_height: u32, depth: usize) -> usize {
    let height = merkle::cap_height(depth, log_cap_height as usize);
    if height >= usize::BITS as usize {
        return 0;
    }
    1usize << height
}

/// The commitment of one phase: the log LDE heights and widths of the
/// matrices in it, in table order (tables with no columns in that phase are
/// left out).
pub struct PhaseLayout {
    pub log_heights: Vec<u32>,
    pub widths: Vec<usize>,
    /// For each matrix, the index of its table.
    pub tables: Vec<usize>,
}

/// Phase 0: main traces, 1: auxiliary traces, 2: quotients.
pub fn phase_layout(dims: &ProofDimensions, phase: u32) -> PhaseLayout {
    let mut log_heights: Vec<u32> = Vec::new();
    let mut widths: Vec<usize> = Vec::new();
    let mut tables: Vec<usize> = Vec::new();
    let mut t = 0;
    while t < dims.tables.len() {
        let d = &dims.tables[t];
        let width = if phase == 0 {
            d.width
        } else if phase == 1 {
            d.aux_width
        } else {
            d.quotient_width
        };
        if width > 0 {
            log_heights.push(d.log_lde);
            widths.push(width);
            tables.push(t);
        }
        t += 1;
    }
    if dims.zk {
        // Every table has an auxiliary trace with zero knowledge, so each
        // phase has a matrix of every table height.
        let heights = distinct_lde_heights(dims);
        if phase == 2 {
            let mut k = 0;
            while k < heights.len() {
                log_heights.push(heights[k]);
                widths.push(4);
                tables.push(MASK_MATRIX);
                k += 1;
            }
        }
        let mut k = 0;
        while k < heights.len() {
            log_heights.push(heights[k]);
            widths.push(params::ZK_SALT_LEN);
            tables.push(SALT_MATRIX);
            k += 1;
        }
    }
    PhaseLayout {
        log_heights,
        widths,
        tables,
    }
}

/// The length of a phase's cap (0 when no table has columns in it).
pub fn phase_cap_len(dims: &ProofDimensions, layout: &PhaseLayout) -> usize {
    if layout.log_heights.is_empty() {
        return 0;
    }
    cap_len(
        dims.log_cap_height,
        mmcs::max_log_height(&layout.log_heights) as usize,
    )
}

/// Whether any table has an auxiliary trace.
pub fn has_any_aux(dims: &ProofDimensions) -> bool {
    let mut t = 0;
    while t < dims.tables.len() {
        if dims.tables[t].has_aux {
            return true;
        }
        t += 1;
    }
    false
}

/// Absorbs a commitment (a Merkle cap) as one message: its digests in order.
pub fn absorb_cap(transcript: &mut Transcript, cap: &[Digest]) {
    transcript.absorb_bytes(&merkle::cap_bytes(cap));
}

fn check_table_openings(o: &TableOpenings, d: &TableDims) -> bool {
    o.main_local.len() == d.width
        && o.main_next.len() == d.width
        && o.aux_local.len() == d.aux_width
        && o.aux_next.len() == d.aux_width
        && o.quotient.len() == d.quotient_width
}

/// Rejects a proof whose vectors do not have the lengths the dimensions fix
/// (query openings are checked per query). A table without an auxiliary
/// trace must claim the sum zero.
fn check_proof_shape(
    proof: &Proof,
    dims: &ProofDimensions,
    params: &StarkParams,
) -> Result<(), VerifyError> {
    let num_tables = dims.tables.len();
    if proof.claimed_sums.len() != num_tables
        || proof.openings.len() != num_tables
        || proof.fri_commitments.len() != dims.fri_log_arities.len()
        || proof.final_poly.len() != dims.final_poly_len
        || proof.queries.len() != params.num_queries as usize
    {
        return Err(VerifyError::WrongProofShape);
    }
    let mut t = 0;
    while t < num_tables {
        if !check_table_openings(&proof.openings[t], &dims.tables[t]) {
            return Err(VerifyError::WrongProofShape);
        }
        if !dims.tables[t].has_aux && !extension::is_zero(&proof.claimed_sums[t]) {
            return Err(VerifyError::WrongProofShape);
        }
        t += 1;
    }
    if proof.main_commitment.len() != phase_cap_len(dims, &phase_layout(dims, 0))
        || proof.aux_commitment.len() != phase_cap_len(dims, &phase_layout(dims, 1))
        || proof.quotient_commitment.len() != phase_cap_len(dims, &phase_layout(dims, 2))
    {
        return Err(VerifyError::WrongProofShape);
    }
    let mut log_size = dims.log_max_lde;
    let mut r = 0;
    while r < proof.fri_commitments.len() {
        let k = dims.fri_log_arities[r];
        if k > log_size {
            return Err(VerifyError::WrongProofShape);
        }
        log_size -= k;
        if proof.fri_commitments[r].len() != cap_len(dims.log_cap_height, log_size as usize) {
            return Err(VerifyError::WrongProofShape);
        }
        r += 1;
    }
    Ok(())
}

/// The start of the transcript every segment shares (docs/protocol.md §9):
/// protocol version, verifying key, public values, input and output bytes
/// (each one length-prefixed message), then the number of segments.
pub fn begin_transcript(
    vk: &VerifyingKey,
    statement: &Statement,
    num_segments: usize,
) -> Transcript {
    let mut transcript = Transcript::new();
    transcript.absorb_u32(PROTOCOL_VERSION);
    transcript.absorb_digest(&vk::vk_digest(vk));
    transcript.absorb_field_elements(&statement.public_values);
    transcript.absorb_bytes(&statement.input);
    transcript.absorb_bytes(&statement.output);
    transcript.absorb_u64(num_segments as u64);
    transcript
}

/// What each segment adds to the shared transcript, in segment order: its
/// values, its tables' heights and its main commitment.
pub fn absorb_segment_header(
    transcript: &mut Transcript,
    values: &[u32],
    log_heights: &[u32],
    main_commitment: &[Digest],
) {
    transcript.absorb_field_elements(values);
    transcript.absorb_field_elements(log_heights);
    absorb_cap(transcript, main_commitment);
}

/// The shared transcript of a proof's segments and the LogUp challenges
/// (point, beta) drawn at its end, after every segment's main commitment.
/// The prover calls this same sequence.
pub fn shared_transcript(
    vk: &VerifyingKey,
    statement: &Statement,
    segments: &[Proof],
) -> (Transcript, Ext, Ext) {
    let mut transcript = begin_transcript(vk, statement, segments.len());
    let mut s = 0;
    while s < segments.len() {
        absorb_segment_header(
            &mut transcript,
            &segments[s].segment_values,
            &segments[s].log_heights,
            &segments[s].main_commitment,
        );
        s += 1;
    }
    let point = transcript.squeeze_ext();
    let beta = transcript.squeeze_ext();
    (transcript, point, beta)
}

/// The challenges of segment `index`: its fork of the shared transcript
/// (Transcript::fork) continues with the segment's own commitments and
/// openings. The prover calls this same sequence.
pub fn derive_challenges(
    vk: &VerifyingKey,
    shared: &Transcript,
    point: &Ext,
    beta: &Ext,
    index: u32,
    proof: &Proof,
    dims: &ProofDimensions,
) -> Result<Challenges, VerifyError> {
    let mut transcript = shared.fork(index);
    // 3. Auxiliary commitment and every table's claimed sum (only if some
    //    table has an auxiliary trace) -> constraint folding challenge alpha.
    let any_aux = has_any_aux(dims);
    if any_aux {
        absorb_cap(&mut transcript, &proof.aux_commitment);
        transcript.absorb_ext_elements(&proof.claimed_sums);
    }
    let alpha = transcript.squeeze_ext();
    // 4. Quotient commitment -> out-of-domain point zeta.
    absorb_cap(&mut transcript, &proof.quotient_commitment);
    let zeta = transcript.squeeze_ext();
    // 5. Every table's out-of-domain openings, in table order -> DEEP
    //    combination challenge gamma.
    let mut t = 0;
    while t < proof.openings.len() && t < dims.tables.len() {
        let o = &proof.openings[t];
        transcript.absorb_ext_elements(&o.main_local);
        transcript.absorb_ext_elements(&o.main_next);
        if dims.tables[t].has_aux {
            transcript.absorb_ext_elements(&o.aux_local);
            transcript.absorb_ext_elements(&o.aux_next);
        }
        transcript.absorb_ext_elements(&o.quotient);
        t += 1;
    }
    let gamma = transcript.squeeze_ext();
    // 6. Each FRI layer commitment -> its folding challenge.
    let mut fri_betas: Vec<Ext> = Vec::with_capacity(proof.fri_commitments.len());
    let mut i = 0;
    while i < proof.fri_commitments.len() {
        absorb_cap(&mut transcript, &proof.fri_commitments[i]);
        fri_betas.push(transcript.squeeze_ext());
        i += 1;
    }
    // 7. Final polynomial, then the proof of work on the state that includes it.
    transcript.absorb_ext_elements(&proof.final_poly);
    if !transcript.check_pow(proof.pow_nonce, vk.params.pow_bits) {
        return Err(VerifyError::InvalidProofOfWork);
    }
    transcript.absorb_u64(proof.pow_nonce);
    // 8. Query positions in the largest LDE domain.
    let num_queries = vk.params.num_queries as usize;
    let mut query_indices: Vec<u64> = Vec::with_capacity(num_queries);
    let mut q = 0;
    while q < num_queries {
        query_indices.push(transcript.squeeze_index(dims.log_max_lde) as u64);
        q += 1;
    }
    Ok(Challenges {
        lookup: logup::segment_challenges(point, beta, index),
        alpha,
        zeta,
        gamma,
        fri_betas,
        query_indices,
    })
}

/// All constraint values of one table at one point in the normative order:
/// the table's own constraints (air::eval_constraints), then, with an
/// auxiliary trace, the LogUp constraints (logup::logup_constraints) of the
/// row's fractions. `aux_local` / `aux_next` are the auxiliary extension
/// columns (empty without an auxiliary trace). The prover's quotient uses this
/// function, or a fast version tested equal to it.
pub fn all_constraints_at(
    table: &TableId,
    main_local: &[Ext],
    main_next: &[Ext],
    aux_local: &[Ext],
    aux_next: &[Ext],
    public_values: &[u32],
    selectors: &Selectors,
    lc: &LookupChallenges,
    claimed_sum: &Ext,
    zk: bool,
) -> Result<Vec<Ext>, VerifyError> {
    let own_shape = air::table_shape(table);
    let shape = logup::zk_shape(&own_shape, zk);
    if main_local.len() != shape.width || main_next.len() != shape.width {
        return Err(VerifyError::WrongProofShape);
    }
    let own_local = prefix(main_local, own_shape.width);
    let own_next = prefix(main_next, own_shape.width);
    let mut values =
        match air::eval_constraints(table, &own_local, &own_next, public_values, selectors) {
            Ok(v) => v,
            Err(e) => return Err(e),
        };
    if !logup::has_aux(&shape) {
        if !aux_local.is_empty() || !aux_next.is_empty() {
            return Err(VerifyError::WrongProofShape);
        }
        return Ok(values);
    }
    let fixed_fps = match logup::fixed_fps_of_row(&shape, aux_local) {
        Ok(v) => v,
        Err(e) => return Err(e),
    };
    let mut fractions = match air::eval_fractions(table, &own_local, &fixed_fps, lc) {
        Ok(f) => f,
        Err(e) => return Err(e),
    };
    if zk {
        let w = own_shape.width;
        fractions.push(logup::zk_fraction(&main_local[w], &main_local[w + 1], lc));
    }
    let logup_values = match logup::logup_constraints(
        &shape,
        &fractions,
        aux_local,
        aux_next,
        selectors,
        claimed_sum,
    ) {
        Ok(v) => v,
        Err(e) => return Err(e),
    };
    let mut i = 0;
    while i < logup_values.len() {
        values.push(logup_values[i]);
        i += 1;
    }
    Ok(values)
}

/// The first `count` values of `values` (all of them if there are fewer).
fn prefix(values: &[Ext], count: usize) -> Vec<Ext> {
    let mut out: Vec<Ext> = Vec::with_capacity(count);
    let mut i = 0;
    while i < count && i < values.len() {
        out.push(values[i]);
        i += 1;
    }
    out
}

/// Q(zeta) = sum_k zeta^(k n) Q_k(zeta), with Q_k(zeta) = sum_e X^e Q_{k,e}(zeta)
/// recombined from the 4 base columns of chunk k.
pub fn quotient_at_zeta(
    ood_quotient: &[Ext],
    zeta: &Ext,
    log_n: u32,
    num_chunks: usize,
) -> Result<Ext, VerifyError> {
    if ood_quotient.len() != 4 * num_chunks {
        return Err(VerifyError::WrongProofShape);
    }
    // zeta^n
    let mut zeta_to_n = *zeta;
    let mut s: u32 = 0;
    while s < log_n {
        zeta_to_n = extension::square(&zeta_to_n);
        s += 1;
    }
    let mut total = extension::ZERO;
    let mut chunk_factor = extension::ONE;
    let mut k = 0;
    while k < num_chunks {
        let mut chunk_value = extension::ZERO;
        let mut e = 0;
        while e < 4 {
            let term = extension::mul_by_basis(&ood_quotient[4 * k + e], e);
            chunk_value = extension::add(&chunk_value, &term);
            e += 1;
        }
        total = extension::add(&total, &extension::mul(&chunk_factor, &chunk_value));
        chunk_factor = extension::mul(&chunk_factor, &zeta_to_n);
        k += 1;
    }
    Ok(total)
}

/// The out-of-domain check of one table: sum_i alpha^(m-1-i) C_i(zeta) =
/// Z_H(zeta) Q(zeta) over its own and its LogUp constraints, H its trace domain.
fn check_table_ood(
    table: &TableId,
    public_values: &[u32],
    openings: &TableOpenings,
    dims: &TableDims,
    challenges: &Challenges,
    claimed_sum: &Ext,
    zk: bool,
) -> Result<(), VerifyError> {
    let selectors = match domain::selectors_at(&challenges.zeta, dims.log_height) {
        Ok(s) => s,
        Err(e) => return Err(e),
    };
    let aux_local = match logup::ext_columns_from_base(&openings.aux_local) {
        Ok(v) => v,
        Err(e) => return Err(e),
    };
    let aux_next = match logup::ext_columns_from_base(&openings.aux_next) {
        Ok(v) => v,
        Err(e) => return Err(e),
    };
    let values = match all_constraints_at(
        table,
        &openings.main_local,
        &openings.main_next,
        &aux_local,
        &aux_next,
        public_values,
        &selectors,
        &challenges.lookup,
        claimed_sum,
        zk,
    ) {
        Ok(v) => v,
        Err(e) => return Err(e),
    };
    if values.len() != dims.num_constraints {
        return Err(VerifyError::WrongProofShape);
    }
    let folded = air::fold_constraints(&values, &challenges.alpha);
    let quotient = match quotient_at_zeta(
        &openings.quotient,
        &challenges.zeta,
        dims.log_height,
        dims.num_quotient_chunks,
    ) {
        Ok(q) => q,
        Err(e) => return Err(e),
    };
    let z_h = domain::vanishing_at(&challenges.zeta, dims.log_height);
    if folded != extension::mul(&z_h, &quotient) {
        return Err(VerifyError::OodConstraintMismatch);
    }
    Ok(())
}

/// The bus balance over all segments: the sum of every segment's claimed
/// sums plus the statement's boundary messages (global, so taken at `point`)
/// is zero.
fn check_bus(
    vk: &VerifyingKey,
    statement: &Statement,
    segments: &[Proof],
    point: &Ext,
    beta: &Ext,
) -> Result<(), VerifyError> {
    let messages = match air::boundary_messages(vk, statement) {
        Ok(m) => m,
        Err(e) => return Err(e),
    };
    let mut total = extension::ZERO;
    let mut s = 0;
    while s < segments.len() {
        let mut t = 0;
        while t < segments[s].claimed_sums.len() {
            total = extension::add(&total, &segments[s].claimed_sums[t]);
            t += 1;
        }
        s += 1;
    }
    let global = logup::segment_challenges(point, beta, 0);
    logup::check_bus_balance(&total, &messages, &global)
}

/// The count of global fractions over every segment's tables, plus the
/// statement's boundary messages, must stay below p: a message's net count
/// on the bus is then an integer of absolute value below p, so a zero sum
/// means a balanced bus (docs/protocol.md §5.1, docs/air.md §12.2).
fn check_global_fractions(
    vk: &VerifyingKey,
    statement: &Statement,
    shapes: &[TableShape],
    all_dims: &[ProofDimensions],
) -> Result<(), VerifyError> {
    let messages = match air::boundary_messages(vk, statement) {
        Ok(m) => m,
        Err(e) => return Err(e),
    };
    let mut total: u64 = (messages.sends.len() as u64) + (messages.receives.len() as u64);
    let mut s = 0;
    while s < all_dims.len() {
        let mut t = 0;
        while t < shapes.len() && t < all_dims[s].tables.len() {
            let rows: u64 = 1u64 << (all_dims[s].tables[t].log_height & 63);
            let count = match rows.checked_mul(shapes[t].num_global_fractions as u64) {
                Some(v) => v,
                None => return Err(VerifyError::TooManyGlobalFractions),
            };
            total = match total.checked_add(count) {
                Some(v) => v,
                None => return Err(VerifyError::TooManyGlobalFractions),
            };
            if total >= field::P as u64 {
                return Err(VerifyError::TooManyGlobalFractions);
            }
            t += 1;
        }
        s += 1;
    }
    Ok(())
}

/// Each table's fixed fingerprint columns at zeta against its fixed tables.
fn check_fixed_at_zeta(
    proof: &Proof,
    dims: &ProofDimensions,
    challenges: &Challenges,
    shapes: &[TableShape],
    fixed: &[Vec<FixedTable>],
) -> Result<(), VerifyError> {
    let mut u = 0;
    while u < dims.tables.len() && u < shapes.len() && u < proof.openings.len() && u < fixed.len() {
        if shapes[u].num_fixed_tables > 0 {
            let aux_at_zeta = match logup::ext_columns_from_base(&proof.openings[u].aux_local) {
                Ok(v) => v,
                Err(e) => return Err(e),
            };
            let fixed_at_zeta = match logup::fixed_fps_of_row(&shapes[u], &aux_at_zeta) {
                Ok(v) => v,
                Err(e) => return Err(e),
            };
            match logup::check_fixed_tables(
                &fixed[u],
                &fixed_at_zeta,
                &challenges.lookup.beta,
                &challenges.zeta,
                dims.tables[u].log_height,
            ) {
                Ok(()) => {}
                Err(e) => return Err(e),
            }
        }
        u += 1;
    }
    Ok(())
}

/// The fixed tables of table number `index`, checked against its shape and height.
pub fn checked_fixed_tables(
    vk: &VerifyingKey,
    index: usize,
    shape: &TableShape,
    log_height: u32,
) -> Result<Vec<FixedTable>, VerifyError> {
    let tables = match air::fixed_tables(vk, index) {
        Ok(t) => t,
        Err(e) => return Err(e),
    };
    if tables.len() != shape.num_fixed_tables {
        return Err(VerifyError::WrongProofShape);
    }
    match logup::check_fixed_table_sizes(&tables, log_height) {
        Ok(()) => {}
        Err(e) => return Err(e),
    }
    Ok(tables)
}

/// Every table's fixed tables, checked against its shape and height (before
/// anything else of the proof is looked at, so that a fixed table larger than
/// its table is refused early).
pub fn all_fixed_tables(
    vk: &VerifyingKey,
    shapes: &[TableShape],
    dims: &ProofDimensions,
) -> Result<Vec<Vec<FixedTable>>, VerifyError> {
    let mut out: Vec<Vec<FixedTable>> = Vec::with_capacity(shapes.len());
    let mut t = 0;
    while t < shapes.len() && t < dims.tables.len() {
        if shapes[t].num_fixed_tables == 0 {
            out.push(Vec::new());
        } else {
            match checked_fixed_tables(vk, t, &shapes[t], dims.tables[t].log_height) {
                Ok(f) => out.push(f),
                Err(e) => return Err(e),
            }
        }
        t += 1;
    }
    Ok(out)
}

/// Whether an opening has one row of the right width per matrix of the phase
/// (and no path when the phase has no matrix; path lengths are checked with
/// the Merkle opening).
fn opening_has_shape(layout: &PhaseLayout, opening: &MultiOpening) -> bool {
    if opening.rows.len() != layout.widths.len() {
        return false;
    }
    if layout.widths.is_empty() && !opening.path.is_empty() {
        return false;
    }
    let mut m = 0;
    while m < opening.rows.len() {
        if opening.rows[m].len() != layout.widths[m] {
            return false;
        }
        m += 1;
    }
    true
}

/// Verifies one commitment's opening at query `index` of the largest LDE
/// domain (2^log_max_lde points). A phase whose tallest matrix is shorter is
/// queried at the position scaled down to its size; a phase without matrices
/// has an empty opening.
fn verify_phase_opening(
    cap: &[Digest],
    layout: &PhaseLayout,
    dims: &ProofDimensions,
    index: u64,
    opening: &MultiOpening,
) -> bool {
    if layout.log_heights.is_empty() {
        return opening.rows.is_empty() && opening.path.is_empty();
    }
    let top = mmcs::max_log_height(&layout.log_heights);
    if top > dims.log_max_lde {
        return false;
    }
    mmcs::verify_opening(
        cap,
        &layout.log_heights,
        &layout.widths,
        dims.log_cap_height,
        index >> (dims.log_max_lde - top),
        &opening.rows,
        &opening.path,
    )
}

/// The opened row of table `table` in a phase (an empty row if the table has
/// no columns in it).
fn phase_row(layout: &PhaseLayout, opening: &MultiOpening, table: usize) -> Vec<u32> {
    let mut m = 0;
    while m < layout.tables.len() && m < opening.rows.len() {
        if layout.tables[m] == table {
            return opening.rows[m].clone();
        }
        m += 1;
    }
    Vec::new()
}

/// The opened row of the masking polynomial of LDE height 2^log_size (empty
/// if there is none).
fn mask_row(layout: &PhaseLayout, opening: &MultiOpening, log_size: u32) -> Vec<u32> {
    let mut m = 0;
    while m < layout.tables.len() && m < opening.rows.len() && m < layout.log_heights.len() {
        if layout.tables[m] == MASK_MATRIX && layout.log_heights[m] == log_size {
            return opening.rows[m].clone();
        }
        m += 1;
    }
    Vec::new()
}

/// The distinct LDE log heights of the tables, largest first.
pub fn distinct_lde_heights(dims: &ProofDimensions) -> Vec<u32> {
    let mut heights: Vec<u32> = Vec::with_capacity(dims.tables.len());
    let mut t = 0;
    while t < dims.tables.len() {
        heights.push(dims.tables[t].log_lde);
        t += 1;
    }
    distinct_heights(&heights)
}

/// The distinct values of `heights`, largest first.
pub fn distinct_heights(heights: &[u32]) -> Vec<u32> {
    let mut out: Vec<u32> = Vec::new();
    let mut bound: u32 = u32::MAX;
    let mut searching = true;
    while searching {
        let mut best: u32 = 0;
        let mut found = false;
        let mut t = 0;
        while t < heights.len() {
            let h = heights[t];
            if h < bound && (!found || h > best) {
                best = h;
                found = true;
            }
            t += 1;
        }
        if found {
            out.push(best);
            bound = best;
        } else {
            searching = false;
        }
    }
    out
}

/// Checks every query: the three mixed-height Merkle openings at the queried
/// position, then FRI from the DEEP values computed from those openings.
fn check_queries(
    proof: &Proof,
    dims: &ProofDimensions,
    challenges: &Challenges,
) -> Result<(), VerifyError> {
    let gamma_powers = deep::powers(&challenges.gamma, dims.num_gamma_powers);
    let layouts = [
        phase_layout(dims, 0),
        phase_layout(dims, 1),
        phase_layout(dims, 2),
    ];
    let heights = distinct_lde_heights(dims);
    // zeta * omega_n for each table.
    let mut zeta_next: Vec<Ext> = Vec::with_capacity(dims.tables.len());
    let mut t = 0;
    while t < dims.tables.len() {
        let omega = match domain::subgroup_generator(dims.tables[t].log_height) {
            Ok(w) => w,
            Err(e) => return Err(e),
        };
        zeta_next.push(extension::mul_base(&challenges.zeta, omega));
        t += 1;
    }
    let mut q = 0;
    while q < proof.queries.len() && q < challenges.query_indices.len() {
        let query = &proof.queries[q];
        let index = challenges.query_indices[q];
        if !opening_has_shape(&layouts[0], &query.main)
            || !opening_has_shape(&layouts[1], &query.aux)
            || !opening_has_shape(&layouts[2], &query.quotient)
        {
            return Err(VerifyError::WrongProofShape);
        }
        if !verify_phase_opening(
            &proof.main_commitment,
            &layouts[0],
            dims,
            index,
            &query.main,
        ) {
            return Err(VerifyError::TraceMerkleMismatch);
        }
        if !verify_phase_opening(&proof.aux_commitment, &layouts[1], dims, index, &query.aux) {
            return Err(VerifyError::AuxMerkleMismatch);
        }
        if !verify_phase_opening(
            &proof.quotient_commitment,
            &layouts[2],
            dims,
            index,
            &query.quotient,
        ) {
            return Err(VerifyError::QuotientMerkleMismatch);
        }
        // DEEP values, one per distinct LDE height, largest first.
        let mut deep_values: Vec<DeepValue> = Vec::with_capacity(heights.len());
        let mut h = 0;
        while h < heights.len() {
            deep_values.push(DeepValue {
                log_size: heights[h],
                value: extension::ZERO,
            });
            h += 1;
        }
        let mut u = 0;
        while u < dims.tables.len() {
            let d = &dims.tables[u];
            let position = index >> (dims.log_max_lde - d.log_lde);
            let x = match domain::bitrev_coset_point(0, d.log_lde, position) {
                Ok(p) => p,
                Err(e) => return Err(e),
            };
            let o = &proof.openings[u];
            let term = match deep::deep_composition_at(
                x,
                &phase_row(&layouts[0], &query.main, u),
                &phase_row(&layouts[1], &query.aux, u),
                &phase_row(&layouts[2], &query.quotient, u),
                &challenges.zeta,
                &zeta_next[u],
                &o.main_local,
                &o.main_next,
                &o.aux_local,
                &o.aux_next,
                &o.quotient,
                &gamma_powers,
                d.gamma_offset,
            ) {
                Ok(v) => v,
                Err(e) => return Err(e),
            };
            let mut k = 0;
            while k < deep_values.len() {
                if deep_values[k].log_size == d.log_lde {
                    deep_values[k].value = extension::add(&deep_values[k].value, &term);
                }
                k += 1;
            }
            u += 1;
        }
        if dims.zk {
            // The masking polynomial of each DEEP size, with its own power of gamma.
            let mut k = 0;
            while k < deep_values.len() {
                let row = mask_row(&layouts[2], &query.quotient, deep_values[k].log_size);
                if row.len() != 4 {
                    return Err(VerifyError::WrongProofShape);
                }
                let mut mask = extension::ZERO;
                let mut e = 0;
                while e < 4 {
                    let coefficient = extension::from_base(row[e]);
                    mask = extension::add(&mask, &extension::mul_by_basis(&coefficient, e));
                    e += 1;
                }
                let power = dims.mask_gamma_offset + k;
                if power >= gamma_powers.len() {
                    return Err(VerifyError::WrongProofShape);
                }
                let term = extension::mul(&gamma_powers[power], &mask);
                deep_values[k].value = extension::add(&deep_values[k].value, &term);
                k += 1;
            }
        }
        match fri::verify_fri_query(
            &proof.fri_commitments,
            &challenges.fri_betas,
            &query.fri_steps,
            &proof.final_poly,
            &dims.fri_log_arities,
            dims.log_max_lde,
            dims.log_cap_height,
            index,
            &deep_values,
        ) {
            Ok(()) => {}
            Err(e) => return Err(e),
        }
        q += 1;
    }
    Ok(())
}

/// The shapes of the machine's tables.
pub fn table_shapes(air_id: &AirId) -> Vec<TableShape> {
    let ids = air::tables(air_id);
    let mut shapes: Vec<TableShape> = Vec::with_capacity(ids.len());
    let mut t = 0;
    while t < ids.len() {
        shapes.push(air::table_shape(&ids[t]));
        t += 1;
    }
    shapes
}

/// Verifies the decoded segment proofs of `statement` for the machine and
/// parameters of `vk` (docs/protocol.md §11).
pub fn verify_segments(
    vk: &VerifyingKey,
    statement: &Statement,
    segments: &[Proof],
) -> Result<(), VerifyError> {
    match statement::check_statement(statement, air::num_public_values(&vk.air)) {
        Ok(()) => {}
        Err(e) => return Err(e),
    }
    if segments.is_empty() || segments.len() > proof::MAX_SEGMENTS {
        return Err(VerifyError::WrongSegmentCount);
    }
    let ids = air::tables(&vk.air);
    let shapes = table_shapes(&vk.air);
    // Shapes first: every segment's heights, fixed tables and proof shape,
    // before any hashing.
    let mut all_dims: Vec<ProofDimensions> = Vec::with_capacity(segments.len());
    let mut all_fixed: Vec<Vec<Vec<FixedTable>>> = Vec::with_capacity(segments.len());
    let mut values: Vec<Vec<u32>> = Vec::with_capacity(segments.len());
    let num_values = air::num_segment_values(&vk.air);
    let mut s = 0;
    while s < segments.len() {
        let proof = &segments[s];
        if proof.segment_values.len() != num_values {
            return Err(VerifyError::WrongPublicValueCount);
        }
        let dims = match proof_dimensions(&vk.params, &shapes, &proof.log_heights) {
            Ok(d) => d,
            Err(e) => return Err(e),
        };
        let fixed = match all_fixed_tables(vk, &shapes, &dims) {
            Ok(f) => f,
            Err(e) => return Err(e),
        };
        match check_proof_shape(proof, &dims, &vk.params) {
            Ok(()) => {}
            Err(e) => return Err(e),
        }
        all_dims.push(dims);
        all_fixed.push(fixed);
        let mut v: Vec<u32> = Vec::with_capacity(num_values);
        let mut i = 0;
        while i < proof.segment_values.len() {
            v.push(proof.segment_values[i]);
            i += 1;
        }
        values.push(v);
        s += 1;
    }
    match air::check_segment_values(&vk.air, statement, &values) {
        Ok(()) => {}
        Err(e) => return Err(e),
    }
    match check_global_fractions(vk, statement, &shapes, &all_dims) {
        Ok(()) => {}
        Err(e) => return Err(e),
    }
    let (shared, point, beta) = shared_transcript(vk, statement, segments);
    match check_bus(vk, statement, segments, &point, &beta) {
        Ok(()) => {}
        Err(e) => return Err(e),
    }
    let mut s = 0;
    while s < segments.len() && s < all_dims.len() && s < all_fixed.len() {
        let proof = &segments[s];
        let dims = &all_dims[s];
        // s < MAX_SEGMENTS = 2^16.
        let index = s as u32;
        let challenges = match derive_challenges(vk, &shared, &point, &beta, index, proof, dims) {
            Ok(c) => c,
            Err(e) => return Err(e),
        };
        match check_fixed_at_zeta(proof, dims, &challenges, &shapes, &all_fixed[s]) {
            Ok(()) => {}
            Err(e) => return Err(e),
        }
        let public_values = match air::segment_public_values(&vk.air, statement, &values, s) {
            Ok(v) => v,
            Err(e) => return Err(e),
        };
        let mut t = 0;
        while t < ids.len() && t < dims.tables.len() {
            match check_table_ood(
                &ids[t],
                &public_values,
                &proof.openings[t],
                &dims.tables[t],
                &challenges,
                &proof.claimed_sums[t],
                vk.params.zk,
            ) {
                Ok(()) => {}
                Err(e) => return Err(e),
            }
            t += 1;
        }
        match check_queries(proof, dims, &challenges) {
            Ok(()) => {}
            Err(e) => return Err(e),
        }
        s += 1;
    }
    Ok(())
}

/// The counts a proof for `vk` has: its tables and queries, and at most one FRI
/// round per halving of the largest domain (2^27 points at most).
pub fn decode_limits(vk: &VerifyingKey) -> proof::DecodeLimits {
    proof::DecodeLimits {
        max_segments: proof::MAX_SEGMENTS,
        max_tables: air::tables(&vk.air).len(),
        max_matrices: if vk.params.zk {
            3 * air::tables(&vk.air).len()
        } else {
            air::tables(&vk.air).len()
        },
        max_queries: vk.params.num_queries as usize,
        max_fri_rounds: 27,
    }
}

/// Verifies proof bytes: decoding (with the counts of `vk`), then
/// `verify_segments`.
pub fn verify(
    vk: &VerifyingKey,
    statement: &Statement,
    proof_bytes: &[u8],
) -> Result<(), VerifyError> {
    let segments = match proof::decode_segments_with_limits(proof_bytes, &decode_limits(vk)) {
        Ok(p) => p,
        Err(e) => return Err(e),
    };
    verify_segments(vk, statement, &segments)
}
