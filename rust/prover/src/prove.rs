//! The prover: the verifier's protocol (zkvm_verifier::protocol::stark) run forwards.

use p3_dft::TwoAdicSubgroupDft;
use p3_field::{Field, PrimeCharacteristicRing, TwoAdicField};
use p3_matrix::dense::RowMajorMatrix;
use p3_matrix::Matrix;
use p3_maybe_rayon::prelude::*;
use zkvm_verifier::air::{
    air_shape, boundary_messages, eval_constraints, AirId, AirShape, FixedTable, LookupChallenges,
    Selectors,
};
use zkvm_verifier::field::extension::{self, Ext};
use zkvm_verifier::protocol::logup::{check_bus_balance, has_aux};
use zkvm_verifier::protocol::proof::{MerkleOpening, Proof, QueryProof};
use zkvm_verifier::protocol::stark::{
    absorb_cap, checked_fixed_tables, proof_dimensions, PROTOCOL_VERSION,
};
use zkvm_verifier::protocol::statement::{check_statement, Statement};
use zkvm_verifier::protocol::vk::{vk_digest, VerifyingKey};
use zkvm_verifier::transcript::Transcript;
use zkvm_verifier::VerifyError;

use crate::constraints::{eval_base, has_base_eval, BaseSelectors, MAX_CONSTRAINTS};
use crate::deep::{deep_composition, DeepInput};
use crate::logup::{build_aux_trace, fixed_fp_columns};
use crate::merkle::MerkleTree;
use crate::poly::{coset_lde_from_coeffs, coset_points, eval_columns_at, Dft};
use crate::profile::PhaseTimer;
use crate::quotient::{
    quotient_values, quotient_values_normative, quotient_values_rv32im, split_and_extend,
    NormativeQuotientInput, QuotientInput,
};
use crate::types::{ext_from_array, ext_to_array, from_u32, to_u32, EF, F};
use crate::{fri, pow};

#[derive(Clone, Debug)]
pub struct ProverOptions {
    /// Run on a dedicated pool with this many threads (Some(1): single-threaded).
    /// None uses rayon's global pool.
    pub num_threads: Option<usize>,
    /// Check every constraint on the trace, and the bus balance, before
    /// committing to them. Off only in tests that need a proof of a wrong trace.
    pub check_constraints: bool,
}

impl Default for ProverOptions {
    fn default() -> Self {
        ProverOptions {
            num_threads: None,
            check_constraints: true,
        }
    }
}

#[derive(Debug)]
pub enum ProveError {
    /// The statement is not provable under these parameters (e.g. trace length,
    /// AIR degree, public value count, a fixed table longer than the trace).
    InvalidStatement(VerifyError),
    /// The trace width or height does not fit the AIR.
    TraceShape,
    /// A public value is not a canonical field element.
    NonCanonicalPublicValue,
    /// The trace violates `constraint` at `row`.
    ConstraintNotSatisfied { row: usize, constraint: usize },
    /// A LogUp fraction of the trace has denominator zero (the lookup
    /// challenge hit a fingerprint; probability about 2^-100 per fraction).
    ZeroDenominator { row: usize, fraction: usize },
    /// The LogUp bus does not balance: claimed_sum + boundary != 0.
    LookupUnbalanced,
    /// A normative AIR function (zkvm_verifier::air) rejected its inputs.
    AirEvaluation(VerifyError),
    /// The dedicated thread pool could not be created.
    ThreadPool(String),
}

/// Deviations from the honest prover, for tests of the verifier only.
#[doc(hidden)]
#[derive(Default)]
pub struct TestHooks {
    /// Fixed tables used instead of the verifying key's.
    pub fixed_tables: Option<Vec<FixedTable>>,
    /// The claimed sum sent, from the lookup challenges and the true sum.
    #[allow(clippy::type_complexity)]
    pub claimed_sum: Option<Box<dyn Fn(&LookupChallenges, &Ext) -> Ext + Send + Sync>>,
    /// Applied to the auxiliary trace (row-major base values, width) before it is committed.
    #[allow(clippy::type_complexity)]
    pub edit_aux: Option<Box<dyn Fn(&mut [F], usize) + Send + Sync>>,
    /// Evaluate the auxiliary trace and the quotient with the normative
    /// functions even where a fast path exists (the proof must not change).
    pub normative_eval: bool,
}

/// Proves and encodes the proof in the verifier's byte format.
pub fn prove(
    vk: &VerifyingKey,
    trace: &RowMajorMatrix<F>,
    statement: &Statement,
    options: &ProverOptions,
) -> Result<Vec<u8>, ProveError> {
    let proof = prove_proof(vk, trace, statement, options)?;
    Ok(zkvm_verifier::protocol::proof::encode_proof(&proof))
}

pub fn prove_proof(
    vk: &VerifyingKey,
    trace: &RowMajorMatrix<F>,
    statement: &Statement,
    options: &ProverOptions,
) -> Result<Proof, ProveError> {
    prove_proof_with_hooks(vk, trace, statement, options, &TestHooks::default())
}

/// `prove` with deviations from the honest prover (tests only).
#[doc(hidden)]
pub fn prove_with_hooks(
    vk: &VerifyingKey,
    trace: &RowMajorMatrix<F>,
    statement: &Statement,
    options: &ProverOptions,
    hooks: &TestHooks,
) -> Result<Vec<u8>, ProveError> {
    let proof = prove_proof_with_hooks(vk, trace, statement, options, hooks)?;
    Ok(zkvm_verifier::protocol::proof::encode_proof(&proof))
}

#[doc(hidden)]
pub fn prove_proof_with_hooks(
    vk: &VerifyingKey,
    trace: &RowMajorMatrix<F>,
    statement: &Statement,
    options: &ProverOptions,
    hooks: &TestHooks,
) -> Result<Proof, ProveError> {
    match options.num_threads {
        Some(threads) => {
            let pool = rayon::ThreadPoolBuilder::new()
                .num_threads(threads)
                .build()
                .map_err(|e| ProveError::ThreadPool(e.to_string()))?;
            pool.install(|| prove_on_current_pool(vk, trace, statement, options, hooks))
        }
        None => prove_on_current_pool(vk, trace, statement, options, hooks),
    }
}

/// Checks every AIR constraint on every row of the trace domain (selectors as
/// 0/1). The LogUp bus balance depends on the lookup challenges and is checked
/// while proving (`ProverOptions::check_constraints`).
pub fn check_constraints(
    vk: &VerifyingKey,
    trace: &RowMajorMatrix<F>,
    statement: &Statement,
) -> Result<(), ProveError> {
    let shape = air_shape(&vk.air);
    let n = trace.height();
    let w = trace.width();
    if w != shape.width || statement.public_values.len() != shape.num_public_values {
        return Err(ProveError::TraceShape);
    }
    let failure = if has_base_eval(&vk.air) {
        let public: Vec<F> = statement
            .public_values
            .iter()
            .map(|&v| from_u32(v))
            .collect();
        (0..n).into_par_iter().find_map_first(|row| {
            let next = (row + 1) % n;
            let sel = BaseSelectors {
                is_first_row: F::from_bool(row == 0),
                is_last_row: F::from_bool(row == n - 1),
                is_transition: F::from_bool(row != n - 1),
            };
            let local = &trace.values[row * w..(row + 1) * w];
            let next_row = &trace.values[next * w..(next + 1) * w];
            let mut values = [F::ZERO; MAX_CONSTRAINTS];
            eval_base(&vk.air, local, next_row, &public, &sel, &mut values);
            values[..shape.num_constraints]
                .iter()
                .position(|v| *v != F::ZERO)
                .map(|c| Ok((row, c)))
        })
    } else if matches!(vk.air, AirId::Rv32im(_)) {
        // The fast evaluator, tested equal to the normative one (tests/rv32im_fast.rs).
        crate::rv32im_fast::first_violation(trace, &statement.public_values).map(Ok)
    } else {
        let lift = |row: usize| -> Vec<Ext> {
            trace.values[row * w..(row + 1) * w]
                .iter()
                .map(|&v| extension::from_base(to_u32(v)))
                .collect()
        };
        let bit = |b: bool| extension::from_base(b as u32);
        (0..n).into_par_iter().find_map_first(|row| {
            let sel = Selectors {
                is_first_row: bit(row == 0),
                is_last_row: bit(row == n - 1),
                is_transition: bit(row != n - 1),
            };
            match eval_constraints(
                &vk.air,
                &lift(row),
                &lift((row + 1) % n),
                &statement.public_values,
                &sel,
            ) {
                Ok(values) => values
                    .iter()
                    .position(|v| !extension::is_zero(v))
                    .map(|c| Ok((row, c))),
                Err(e) => Some(Err(e)),
            }
        })
    };
    match failure {
        None => Ok(()),
        Some(Ok((row, constraint))) => Err(ProveError::ConstraintNotSatisfied { row, constraint }),
        Some(Err(e)) => Err(ProveError::AirEvaluation(e)),
    }
}

fn to_arrays(values: &[EF]) -> Vec<Ext> {
    values.iter().map(|&x| ext_to_array(x)).collect()
}

/// The committed auxiliary trace: LDE, coefficients, tree, claimed sum.
struct AuxCommitment {
    width: usize,
    coeffs: Vec<F>,
    lde: RowMajorMatrix<F>,
    tree: MerkleTree,
    claimed_sum: Ext,
}

/// The trace fits the AIR and the statement is well-formed.
fn validate(
    shape: &AirShape,
    trace: &RowMajorMatrix<F>,
    statement: &Statement,
) -> Result<(), ProveError> {
    if trace.width() != shape.width || !trace.height().is_power_of_two() {
        return Err(ProveError::TraceShape);
    }
    match check_statement(statement, shape.num_public_values) {
        Ok(()) => Ok(()),
        Err(VerifyError::NonCanonicalFieldElement) => Err(ProveError::NonCanonicalPublicValue),
        Err(e) => Err(ProveError::InvalidStatement(e)),
    }
}

fn prove_on_current_pool(
    vk: &VerifyingKey,
    trace: &RowMajorMatrix<F>,
    statement: &Statement,
    options: &ProverOptions,
    hooks: &TestHooks,
) -> Result<Proof, ProveError> {
    let params = &vk.params;
    let shape = air_shape(&vk.air);
    validate(&shape, trace, statement)?;
    let n = trace.height();
    let log_n = n.trailing_zeros();
    let dims = proof_dimensions(params, &shape, log_n).map_err(ProveError::InvalidStatement)?;
    let vk_tables =
        checked_fixed_tables(vk, &shape, log_n).map_err(ProveError::InvalidStatement)?;
    let tables: &[FixedTable] = hooks.fixed_tables.as_deref().unwrap_or(&vk_tables);
    if options.check_constraints {
        check_constraints(vk, trace, statement)?;
    }
    let log_n = log_n as usize;
    let log_blowup = params.log_blowup as usize;
    let log_lde = dims.log_lde_len as usize;
    let log_chunks = dims.log_quotient_chunks as usize;
    let log_cap = params.log_cap_height as usize;
    let w = shape.width;
    let dft = Dft::default();
    let mut timer = PhaseTimer::new();

    // Statement.
    let mut transcript = Transcript::new();
    transcript.absorb_u32(PROTOCOL_VERSION);
    transcript.absorb_digest(&vk_digest(vk));
    transcript.absorb_u32(log_n as u32);
    transcript.absorb_field_elements(&statement.public_values);
    transcript.absorb_bytes(&statement.input);
    transcript.absorb_bytes(&statement.output);

    // Trace: interpolate, extend to the LDE coset, commit.
    let trace_coeffs = dft.idft_batch(trace.clone());
    let trace_lde = coset_lde_from_coeffs(&dft, &trace_coeffs.values, w, log_blowup, F::GENERATOR);
    timer.mark("trace LDE");
    let trace_tree = MerkleTree::from_rows(&trace_lde.values, w);
    timer.mark("trace commit");
    let trace_cap = trace_tree.cap(log_cap);
    absorb_cap(&mut transcript, &trace_cap);
    let lookup = LookupChallenges {
        point: transcript.squeeze_ext(),
        beta: transcript.squeeze_ext(),
    };

    // Auxiliary (LogUp) trace: build, check the bus, extend, commit.
    let aux = if has_aux(&shape) {
        let fixed_columns = fixed_fp_columns(tables, &lookup.beta, n);
        let mut aux_trace = build_aux_trace(
            &vk.air,
            &shape,
            trace,
            &statement.public_values,
            &fixed_columns,
            &lookup,
            hooks.normative_eval,
        )?;
        drop(fixed_columns);
        let aux_width = aux_trace.matrix.width;
        if let Some(edit) = &hooks.edit_aux {
            edit(&mut aux_trace.matrix.values, aux_width);
        }
        let true_sum = ext_to_array(aux_trace.claimed_sum);
        let claimed_sum = match &hooks.claimed_sum {
            Some(forge) => forge(&lookup, &true_sum),
            None => true_sum,
        };
        if options.check_constraints {
            let messages =
                boundary_messages(vk, statement).map_err(ProveError::InvalidStatement)?;
            match check_bus_balance(&claimed_sum, &messages, &lookup) {
                Ok(()) => {}
                Err(VerifyError::LookupSumMismatch) => return Err(ProveError::LookupUnbalanced),
                Err(e) => return Err(ProveError::InvalidStatement(e)),
            }
        }
        timer.mark("aux trace");
        let coeffs = dft.idft_batch(aux_trace.matrix).values;
        let lde = coset_lde_from_coeffs(&dft, &coeffs, aux_width, log_blowup, F::GENERATOR);
        let tree = MerkleTree::from_rows(&lde.values, aux_width);
        timer.mark("aux LDE + commit");
        absorb_cap(&mut transcript, &tree.cap(log_cap));
        transcript.absorb_ext_elements(&[claimed_sum]);
        Some(AuxCommitment {
            width: aux_width,
            coeffs,
            lde,
            tree,
            claimed_sum,
        })
    } else {
        None
    };
    let aux_width = aux.as_ref().map_or(0, |a| a.width);
    let aux_lde_values: &[F] = aux.as_ref().map_or(&[], |a| &a.lde.values);
    let alpha_array = transcript.squeeze_ext();
    let alpha = ext_from_array(&alpha_array);

    // Quotient: evaluate, split into chunks, extend, commit.
    let q_values = if has_base_eval(&vk.air) && aux.is_none() {
        let public: Vec<F> = statement
            .public_values
            .iter()
            .map(|&v| from_u32(v))
            .collect();
        quotient_values(&QuotientInput {
            air: &vk.air,
            num_constraints: shape.num_constraints,
            trace_lde: &trace_lde,
            public_values: &public,
            log_n,
            log_blowup,
            log_chunks,
            alpha,
        })
    } else {
        let input = NormativeQuotientInput {
            air: &vk.air,
            num_constraints: dims.num_constraints,
            trace_lde: &trace_lde,
            aux_lde: aux_lde_values,
            aux_width,
            public_values: &statement.public_values,
            lookup: &lookup,
            claimed_sum: aux.as_ref().map_or(extension::ZERO, |a| a.claimed_sum),
            log_n,
            log_blowup,
            log_chunks,
            alpha: alpha_array,
        };
        match &vk.air {
            AirId::Rv32im(_) if !hooks.normative_eval => quotient_values_rv32im(&input),
            _ => quotient_values_normative(&input),
        }
        .map_err(ProveError::AirEvaluation)?
    };
    timer.mark("quotient values");
    let quotient = split_and_extend(&dft, q_values, log_n, log_blowup, log_chunks);
    let quotient_width = quotient.lde.width;
    timer.mark("quotient LDE");
    let quotient_tree = MerkleTree::from_rows(&quotient.lde.values, quotient_width);
    timer.mark("quotient commit");
    let quotient_cap = quotient_tree.cap(log_cap);
    absorb_cap(&mut transcript, &quotient_cap);
    let zeta = ext_from_array(&transcript.squeeze_ext());

    // Out-of-domain openings.
    let zeta_next = zeta * F::two_adic_generator(log_n);
    let ood_trace_local = eval_columns_at(&trace_coeffs.values, w, zeta);
    let ood_trace_next = eval_columns_at(&trace_coeffs.values, w, zeta_next);
    let (ood_aux_local, ood_aux_next) = match &aux {
        Some(a) => (
            eval_columns_at(&a.coeffs, a.width, zeta),
            eval_columns_at(&a.coeffs, a.width, zeta_next),
        ),
        None => (Vec::new(), Vec::new()),
    };
    let ood_quotient: Vec<EF> = quotient
        .chunk_coeffs
        .iter()
        .flat_map(|c| eval_columns_at(c, 4, zeta))
        .collect();
    let (ood_local_arr, ood_next_arr, ood_aux_local_arr, ood_aux_next_arr, ood_quot_arr) = (
        to_arrays(&ood_trace_local),
        to_arrays(&ood_trace_next),
        to_arrays(&ood_aux_local),
        to_arrays(&ood_aux_next),
        to_arrays(&ood_quotient),
    );
    transcript.absorb_ext_elements(&ood_local_arr);
    transcript.absorb_ext_elements(&ood_next_arr);
    if aux.is_some() {
        transcript.absorb_ext_elements(&ood_aux_local_arr);
        transcript.absorb_ext_elements(&ood_aux_next_arr);
    }
    transcript.absorb_ext_elements(&ood_quot_arr);
    let gamma = ext_from_array(&transcript.squeeze_ext());
    timer.mark("OOD openings");

    // DEEP composition and FRI.
    let points = coset_points(log_lde, F::GENERATOR);
    let f0 = deep_composition(&DeepInput {
        trace_lde: &trace_lde.values,
        trace_width: w,
        aux_lde: aux_lde_values,
        aux_width,
        quotient_lde: &quotient.lde.values,
        quotient_width,
        points: &points,
        zeta,
        zeta_next,
        ood_trace_local: &ood_trace_local,
        ood_trace_next: &ood_trace_next,
        ood_aux_local: &ood_aux_local,
        ood_aux_next: &ood_aux_next,
        ood_quotient: &ood_quotient,
        gamma,
    });
    drop(points);
    timer.mark("DEEP composition");
    let fri = fri::commit(
        &dft,
        f0,
        log_lde,
        &fri::FriShape {
            log_arity: dims.log_fri_arity as usize,
            log_cap_height: log_cap,
            rounds: dims.num_fri_rounds,
            final_len: dims.final_poly_len,
        },
        &mut transcript,
    );
    let final_poly = to_arrays(&fri.final_poly);
    transcript.absorb_ext_elements(&final_poly);
    timer.mark("FRI commit");

    // Proof of work, then the queries.
    let pow_nonce = pow::grind(&transcript, params.pow_bits);
    transcript.absorb_u64(pow_nonce);
    timer.mark("proof of work");
    let queries = (0..params.num_queries)
        .map(|_| {
            let index = transcript.squeeze_index(dims.log_lde_len) as usize;
            QueryProof {
                trace: trace_tree.open_row(&trace_lde.values, w, index, log_cap),
                aux: match &aux {
                    Some(a) => a.tree.open_row(&a.lde.values, a.width, index, log_cap),
                    None => MerkleOpening {
                        values: Vec::new(),
                        path: Vec::new(),
                    },
                },
                quotient: quotient_tree.open_row(
                    &quotient.lde.values,
                    quotient_width,
                    index,
                    log_cap,
                ),
                fri_steps: fri.open(index),
            }
        })
        .collect();
    timer.mark("queries");

    Ok(Proof {
        log_trace_len: log_n as u32,
        trace_commitment: trace_cap,
        aux_commitment: aux.as_ref().map_or(Vec::new(), |a| a.tree.cap(log_cap)),
        claimed_sum: aux.as_ref().map_or(extension::ZERO, |a| a.claimed_sum),
        quotient_commitment: quotient_cap,
        ood_trace_local: ood_local_arr,
        ood_trace_next: ood_next_arr,
        ood_aux_local: ood_aux_local_arr,
        ood_aux_next: ood_aux_next_arr,
        ood_quotient: ood_quot_arr,
        fri_commitments: fri.commitments(),
        final_poly,
        pow_nonce,
        queries,
    })
}
