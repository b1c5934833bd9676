//! Verification of a STARK proof for an AIR: replays the Fiat-Shamir
//! transcript, checks the constraints at the out-of-domain point, and checks
//! every query through the Merkle openings, the DEEP composition and FRI.
//! The transcript order here is the normative one (docs/protocol.md, section 9).

use crate::air::{self, AirId, AirShape, FixedTable, LookupChallenges, Selectors};
use crate::commit::hash::Digest;
use crate::commit::merkle;
use crate::error::VerifyError;
use crate::field::extension::{self, Ext};
use crate::fri;
use crate::protocol::deep;
use crate::protocol::domain;
use crate::protocol::logup;
use crate::protocol::params::{self, StarkParams};
use crate::protocol::proof::{self, Proof};
use crate::protocol::statement::{self, Statement};
use crate::protocol::vk::{self, VerifyingKey};
use crate::transcript::Transcript;

/// The version of the protocol (not of the byte format), absorbed first.
pub const PROTOCOL_VERSION: u32 = 3;

/// Everything the verifier derives from the transcript.
pub struct Challenges {
    /// The LogUp challenges (point, beta), drawn after the main commitment
    /// (also for AIRs without lookups, where they are unused).
    pub lookup: LookupChallenges,
    pub alpha: Ext,
    pub zeta: Ext,
    pub gamma: Ext,
    pub fri_betas: Vec<Ext>,
    pub query_indices: Vec<u64>,
}

/// Sizes that follow from the verifying key and the claimed trace length.
pub struct ProofDimensions {
    pub log_trace_len: u32,
    pub log_lde_len: u32,
    pub width: usize,
    /// Whether the AIR has an auxiliary (LogUp) phase.
    pub has_aux: bool,
    /// Auxiliary extension columns (logup::aux_ext_width).
    pub aux_ext_width: usize,
    /// Auxiliary base columns: 4 per extension column.
    pub aux_width: usize,
    /// The AIR's constraints plus the LogUp constraints.
    pub num_constraints: usize,
    pub log_quotient_chunks: u32,
    pub num_quotient_chunks: usize,
    /// 4 base columns per quotient chunk.
    pub quotient_width: usize,
    /// FRI folds by 2^log_fri_arity per round.
    pub log_fri_arity: u32,
    pub num_fri_rounds: usize,
    pub final_poly_len: usize,
    /// Every Merkle tree is committed by its cap of 2^min(log_cap_height, depth) digests.
    pub log_cap_height: u32,
}

/// Checks the parameters, the AIR's degree against the blowup, and the trace length,
/// and computes the proof's dimensions.
pub fn proof_dimensions(
    params: &StarkParams,
    shape: &AirShape,
    log_trace_len: u32,
) -> Result<ProofDimensions, VerifyError> {
    match params::validate_params(params) {
        Ok(()) => {}
        Err(e) => return Err(e),
    }
    let log_chunks = air::log_quotient_chunks(logup::constraint_degree(shape));
    if log_chunks > params.log_blowup {
        return Err(VerifyError::ConstraintDegreeTooHigh);
    }
    match params::validate_log_trace_len(params, log_trace_len) {
        Ok(()) => {}
        Err(e) => return Err(e),
    }
    let aux_ext_width = logup::aux_ext_width(shape);
    let aux_width = match aux_ext_width.checked_mul(4) {
        Some(v) => v,
        None => return Err(VerifyError::ArithmeticOverflow),
    };
    let num_constraints = match shape
        .num_constraints
        .checked_add(logup::num_logup_constraints(shape))
    {
        Some(v) => v,
        None => return Err(VerifyError::ArithmeticOverflow),
    };
    let num_quotient_chunks: usize = 1usize << log_chunks;
    Ok(ProofDimensions {
        log_trace_len,
        log_lde_len: log_trace_len + params.log_blowup,
        width: shape.width,
        has_aux: logup::has_aux(shape),
        aux_ext_width,
        aux_width,
        num_constraints,
        log_quotient_chunks: log_chunks,
        num_quotient_chunks,
        quotient_width: 4 * num_quotient_chunks,
        log_fri_arity: params.log_fri_arity,
        num_fri_rounds: params::num_fri_rounds(params, log_trace_len) as usize,
        final_poly_len: 1usize << params::log_final_poly_len_for(params, log_trace_len),
        log_cap_height: params.log_cap_height,
    })
}

/// log2 of the number of leaves of FRI layer `round`'s tree:
/// log_lde - log_fri_arity * (round + 1) (one leaf per folded coset).
pub fn fri_layer_depth(dims: &ProofDimensions, round: usize) -> Result<usize, VerifyError> {
    let rounds = match (round as u64).checked_add(1) {
        Some(v) => v,
        None => return Err(VerifyError::ArithmeticOverflow),
    };
    let folded = match rounds.checked_mul(dims.log_fri_arity as u64) {
        Some(v) => v,
        None => return Err(VerifyError::ArithmeticOverflow),
    };
    if folded > dims.log_lde_len as u64 {
        return Err(VerifyError::WrongProofShape);
    }
    Ok((dims.log_lde_len as u64 - folded) as usize)
}

/// The number of digests in the cap of a tree with 2^depth leaves
/// (0, which no cap matches, for a depth beyond the machine word).
pub fn cap_len(dims: &ProofDimensions, depth: usize) -> usize {
    let height = merkle::cap_height(depth, dims.log_cap_height as usize);
    if height >= usize::BITS as usize {
        return 0;
    }
    1usize << height
}

/// Absorbs a commitment (a Merkle cap) as one message: its digests in order.
pub fn absorb_cap(transcript: &mut Transcript, cap: &[Digest]) {
    transcript.absorb_bytes(&merkle::cap_bytes(cap));
}

/// Rejects a proof whose vectors do not have the lengths the dimensions fix
/// (query openings are checked per query). Without an auxiliary phase the aux
/// commitment and claimed sum must be zero.
fn check_proof_shape(
    proof: &Proof,
    dims: &ProofDimensions,
    params: &StarkParams,
) -> Result<(), VerifyError> {
    if proof.ood_trace_local.len() != dims.width
        || proof.ood_trace_next.len() != dims.width
        || proof.ood_aux_local.len() != dims.aux_width
        || proof.ood_aux_next.len() != dims.aux_width
        || proof.ood_quotient.len() != dims.quotient_width
        || proof.fri_commitments.len() != dims.num_fri_rounds
        || proof.final_poly.len() != dims.final_poly_len
        || proof.queries.len() != params.num_queries as usize
    {
        return Err(VerifyError::WrongProofShape);
    }
    let lde_cap_len = cap_len(dims, dims.log_lde_len as usize);
    let aux_cap_len = if dims.has_aux { lde_cap_len } else { 0 };
    if proof.trace_commitment.len() != lde_cap_len
        || proof.aux_commitment.len() != aux_cap_len
        || proof.quotient_commitment.len() != lde_cap_len
    {
        return Err(VerifyError::WrongProofShape);
    }
    let mut r = 0;
    while r < proof.fri_commitments.len() {
        let depth = match fri_layer_depth(dims, r) {
            Ok(d) => d,
            Err(e) => return Err(e),
        };
        if proof.fri_commitments[r].len() != cap_len(dims, depth) {
            return Err(VerifyError::WrongProofShape);
        }
        r += 1;
    }
    if !dims.has_aux && !extension::is_zero(&proof.claimed_sum) {
        return Err(VerifyError::WrongProofShape);
    }
    Ok(())
}

/// Replays the transcript in the normative order and returns all challenges.
/// The prover calls this same sequence of absorbs and squeezes.
pub fn derive_challenges(
    vk: &VerifyingKey,
    statement: &Statement,
    proof: &Proof,
    dims: &ProofDimensions,
) -> Result<Challenges, VerifyError> {
    let mut transcript = Transcript::new();
    // 1. Statement: protocol version, verifying key, instance size, public
    //    values, input and output bytes (each one length-prefixed message).
    transcript.absorb_u32(PROTOCOL_VERSION);
    transcript.absorb_digest(&vk::vk_digest(vk));
    transcript.absorb_u32(dims.log_trace_len);
    transcript.absorb_field_elements(&statement.public_values);
    transcript.absorb_bytes(&statement.input);
    transcript.absorb_bytes(&statement.output);
    // 2. Main trace commitment -> LogUp challenges (always drawn).
    absorb_cap(&mut transcript, &proof.trace_commitment);
    let point = transcript.squeeze_ext();
    let beta = transcript.squeeze_ext();
    // 3. Auxiliary commitment and claimed sum (only with an auxiliary phase)
    //    -> constraint folding challenge alpha.
    if dims.has_aux {
        absorb_cap(&mut transcript, &proof.aux_commitment);
        transcript.absorb_ext_elements(&[proof.claimed_sum]);
    }
    let alpha = transcript.squeeze_ext();
    // 4. Quotient commitment -> out-of-domain point zeta.
    absorb_cap(&mut transcript, &proof.quotient_commitment);
    let zeta = transcript.squeeze_ext();
    // 5. Out-of-domain openings -> DEEP combination challenge gamma.
    transcript.absorb_ext_elements(&proof.ood_trace_local);
    transcript.absorb_ext_elements(&proof.ood_trace_next);
    if dims.has_aux {
        transcript.absorb_ext_elements(&proof.ood_aux_local);
        transcript.absorb_ext_elements(&proof.ood_aux_next);
    }
    transcript.absorb_ext_elements(&proof.ood_quotient);
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
    // 8. Query positions in the LDE domain.
    let num_queries = vk.params.num_queries as usize;
    let mut query_indices: Vec<u64> = Vec::with_capacity(num_queries);
    let mut q = 0;
    while q < num_queries {
        query_indices.push(transcript.squeeze_index(dims.log_lde_len) as u64);
        q += 1;
    }
    Ok(Challenges {
        lookup: LookupChallenges { point, beta },
        alpha,
        zeta,
        gamma,
        fri_betas,
        query_indices,
    })
}

/// All constraint values at one point in the normative order: the AIR's own
/// constraints (air::eval_constraints), then, with an auxiliary phase, the
/// LogUp constraints (logup::logup_constraints) of the row's fractions.
/// `aux_local` / `aux_next` are the auxiliary extension columns (empty without
/// an auxiliary phase). The prover's quotient uses this function, or a fast
/// version tested equal to it (prover: constraints.rs, rv32im_fast.rs).
pub fn all_constraints_at(
    air: &AirId,
    main_local: &[Ext],
    main_next: &[Ext],
    aux_local: &[Ext],
    aux_next: &[Ext],
    public_values: &[u32],
    selectors: &Selectors,
    lc: &LookupChallenges,
    claimed_sum: &Ext,
) -> Result<Vec<Ext>, VerifyError> {
    let shape = air::air_shape(air);
    let mut values =
        match air::eval_constraints(air, main_local, main_next, public_values, selectors) {
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
    let fractions = match air::eval_fractions(air, main_local, &fixed_fps, public_values, lc) {
        Ok(f) => f,
        Err(e) => return Err(e),
    };
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

/// The out-of-domain check: sum_i alpha^(m-1-i) C_i(zeta) = Z_H(zeta) Q(zeta),
/// over the AIR's and the LogUp constraints.
fn check_ood_constraints(
    vk: &VerifyingKey,
    statement: &Statement,
    proof: &Proof,
    dims: &ProofDimensions,
    challenges: &Challenges,
    aux_at_zeta: &[Ext],
    aux_at_zeta_next: &[Ext],
) -> Result<(), VerifyError> {
    let selectors = match domain::selectors_at(&challenges.zeta, dims.log_trace_len) {
        Ok(s) => s,
        Err(e) => return Err(e),
    };
    let values = match all_constraints_at(
        &vk.air,
        &proof.ood_trace_local,
        &proof.ood_trace_next,
        aux_at_zeta,
        aux_at_zeta_next,
        &statement.public_values,
        &selectors,
        &challenges.lookup,
        &proof.claimed_sum,
    ) {
        Ok(v) => v,
        Err(e) => return Err(e),
    };
    if values.len() != dims.num_constraints {
        return Err(VerifyError::WrongProofShape);
    }
    let folded = air::fold_constraints(&values, &challenges.alpha);
    let quotient = match quotient_at_zeta(
        &proof.ood_quotient,
        &challenges.zeta,
        dims.log_trace_len,
        dims.num_quotient_chunks,
    ) {
        Ok(q) => q,
        Err(e) => return Err(e),
    };
    let z_h = domain::vanishing_at(&challenges.zeta, dims.log_trace_len);
    if folded != extension::mul(&z_h, &quotient) {
        return Err(VerifyError::OodConstraintMismatch);
    }
    Ok(())
}

/// The lookup checks (with an auxiliary phase): the bus balance
/// claimed_sum + boundary = 0, then each fixed fingerprint column at zeta
/// against its table.
fn check_lookups(
    vk: &VerifyingKey,
    statement: &Statement,
    proof: &Proof,
    dims: &ProofDimensions,
    challenges: &Challenges,
    tables: &[FixedTable],
    aux_at_zeta: &[Ext],
) -> Result<(), VerifyError> {
    let messages = match air::boundary_messages(vk, statement) {
        Ok(m) => m,
        Err(e) => return Err(e),
    };
    match logup::check_bus_balance(&proof.claimed_sum, &messages, &challenges.lookup) {
        Ok(()) => {}
        Err(e) => return Err(e),
    }
    let shape = air::air_shape(&vk.air);
    let fixed_at_zeta = match logup::fixed_fps_of_row(&shape, aux_at_zeta) {
        Ok(v) => v,
        Err(e) => return Err(e),
    };
    logup::check_fixed_tables(
        tables,
        &fixed_at_zeta,
        &challenges.lookup.beta,
        &challenges.zeta,
        dims.log_trace_len,
    )
}

/// Checks every query: the Merkle openings at the queried LDE row, then FRI
/// starting from the DEEP composition value computed from those openings.
fn check_queries(
    proof: &Proof,
    dims: &ProofDimensions,
    challenges: &Challenges,
) -> Result<(), VerifyError> {
    let omega_n = match domain::subgroup_generator(dims.log_trace_len) {
        Ok(w) => w,
        Err(e) => return Err(e),
    };
    let zeta_next = extension::mul_base(&challenges.zeta, omega_n);
    let num_terms = 2 * dims.width + 2 * dims.aux_width + dims.quotient_width;
    let gamma_powers = deep::powers(&challenges.gamma, num_terms);
    let log_lde = dims.log_lde_len as usize;
    let log_cap = dims.log_cap_height as usize;
    let mut q = 0;
    while q < proof.queries.len() && q < challenges.query_indices.len() {
        let query = &proof.queries[q];
        let index = challenges.query_indices[q];
        if query.trace.values.len() != dims.width
            || query.aux.values.len() != dims.aux_width
            || query.quotient.values.len() != dims.quotient_width
        {
            return Err(VerifyError::WrongProofShape);
        }
        if !merkle::verify_cap_opening(
            &proof.trace_commitment,
            log_lde,
            log_cap,
            index as usize,
            &query.trace.values,
            &query.trace.path,
        ) {
            return Err(VerifyError::TraceMerkleMismatch);
        }
        if dims.has_aux {
            if !merkle::verify_cap_opening(
                &proof.aux_commitment,
                log_lde,
                log_cap,
                index as usize,
                &query.aux.values,
                &query.aux.path,
            ) {
                return Err(VerifyError::AuxMerkleMismatch);
            }
        } else if !query.aux.path.is_empty() {
            return Err(VerifyError::WrongProofShape);
        }
        if !merkle::verify_cap_opening(
            &proof.quotient_commitment,
            log_lde,
            log_cap,
            index as usize,
            &query.quotient.values,
            &query.quotient.path,
        ) {
            return Err(VerifyError::QuotientMerkleMismatch);
        }
        let x = match domain::coset_point(0, dims.log_lde_len, index) {
            Ok(p) => p,
            Err(e) => return Err(e),
        };
        let f0 = match deep::deep_composition_at(
            x,
            &query.trace.values,
            &query.aux.values,
            &query.quotient.values,
            &challenges.zeta,
            &zeta_next,
            &proof.ood_trace_local,
            &proof.ood_trace_next,
            &proof.ood_aux_local,
            &proof.ood_aux_next,
            &proof.ood_quotient,
            &gamma_powers,
        ) {
            Ok(v) => v,
            Err(e) => return Err(e),
        };
        match fri::verify_fri_query(
            &proof.fri_commitments,
            &challenges.fri_betas,
            &query.fri_steps,
            &proof.final_poly,
            dims.log_lde_len,
            dims.log_fri_arity,
            dims.log_cap_height,
            index,
            &f0,
        ) {
            Ok(()) => {}
            Err(e) => return Err(e),
        }
        q += 1;
    }
    Ok(())
}

/// The AIR's fixed tables, checked against its shape and the trace length.
pub fn checked_fixed_tables(
    vk: &VerifyingKey,
    shape: &AirShape,
    log_trace_len: u32,
) -> Result<Vec<FixedTable>, VerifyError> {
    let tables = match air::fixed_tables(vk) {
        Ok(t) => t,
        Err(e) => return Err(e),
    };
    if tables.len() != shape.num_fixed_tables {
        return Err(VerifyError::WrongProofShape);
    }
    match logup::check_fixed_table_sizes(&tables, log_trace_len) {
        Ok(()) => {}
        Err(e) => return Err(e),
    }
    Ok(tables)
}

/// Verifies a decoded proof of `statement` for the AIR and parameters of `vk`.
pub fn verify_proof(
    vk: &VerifyingKey,
    statement: &Statement,
    proof: &Proof,
) -> Result<(), VerifyError> {
    let shape = air::air_shape(&vk.air);
    match statement::check_statement(statement, shape.num_public_values) {
        Ok(()) => {}
        Err(e) => return Err(e),
    }
    let dims = match proof_dimensions(&vk.params, &shape, proof.log_trace_len) {
        Ok(d) => d,
        Err(e) => return Err(e),
    };
    let tables = match checked_fixed_tables(vk, &shape, dims.log_trace_len) {
        Ok(t) => t,
        Err(e) => return Err(e),
    };
    match check_proof_shape(proof, &dims, &vk.params) {
        Ok(()) => {}
        Err(e) => return Err(e),
    }
    let challenges = match derive_challenges(vk, statement, proof, &dims) {
        Ok(c) => c,
        Err(e) => return Err(e),
    };
    let aux_at_zeta = match logup::ext_columns_from_base(&proof.ood_aux_local) {
        Ok(v) => v,
        Err(e) => return Err(e),
    };
    let aux_at_zeta_next = match logup::ext_columns_from_base(&proof.ood_aux_next) {
        Ok(v) => v,
        Err(e) => return Err(e),
    };
    if dims.has_aux {
        match check_lookups(
            vk,
            statement,
            proof,
            &dims,
            &challenges,
            &tables,
            &aux_at_zeta,
        ) {
            Ok(()) => {}
            Err(e) => return Err(e),
        }
    }
    match check_ood_constraints(
        vk,
        statement,
        proof,
        &dims,
        &challenges,
        &aux_at_zeta,
        &aux_at_zeta_next,
    ) {
        Ok(()) => {}
        Err(e) => return Err(e),
    }
    check_queries(proof, &dims, &challenges)
}

/// Verifies proof bytes: decoding, then `verify_proof`.
pub fn verify(
    vk: &VerifyingKey,
    statement: &Statement,
    proof_bytes: &[u8],
) -> Result<(), VerifyError> {
    let proof = match proof::decode_proof(proof_bytes) {
        Ok(p) => p,
        Err(e) => return Err(e),
    };
    verify_proof(vk, statement, &proof)
}
