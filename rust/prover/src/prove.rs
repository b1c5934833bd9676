//! The prover: the verifier's protocol (zkvm_verifier::stark) run forwards.

use p3_dft::TwoAdicSubgroupDft;
use p3_field::{Field, PrimeCharacteristicRing, TwoAdicField};
use p3_matrix::dense::RowMajorMatrix;
use p3_matrix::Matrix;
use zkvm_verifier::air::{air_shape, log_quotient_chunks};
use zkvm_verifier::proof::{Proof, QueryProof};
use zkvm_verifier::stark::{proof_dimensions, PROTOCOL_VERSION};
use zkvm_verifier::transcript::Transcript;
use zkvm_verifier::vk::{vk_digest, VerifyingKey};
use zkvm_verifier::{field, VerifyError};

use crate::constraints::{eval_base, BaseSelectors, MAX_CONSTRAINTS};
use crate::deep::{deep_composition, DeepInput};
use crate::merkle::MerkleTree;
use crate::poly::{coset_lde_from_coeffs, coset_points, eval_columns_at, Dft};
use crate::profile::PhaseTimer;
use crate::quotient::{quotient_values, split_and_extend, QuotientInput};
use crate::types::{ext_from_array, ext_to_array, from_u32, EF, F};
use crate::{fri, pow};

#[derive(Clone, Debug)]
pub struct ProverOptions {
    /// Run on a dedicated pool with this many threads (Some(1): single-threaded).
    /// None uses rayon's global pool.
    pub num_threads: Option<usize>,
    /// Check every constraint on the trace before proving. Off only in tests
    /// that need a proof of a wrong trace.
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
    /// The statement is not provable under these parameters (e.g. trace length, AIR degree).
    InvalidStatement(VerifyError),
    /// The trace width or height does not fit the AIR.
    TraceShape,
    /// A public value is not a canonical field element.
    NonCanonicalPublicValue,
    /// The trace violates `constraint` at `row`.
    ConstraintNotSatisfied { row: usize, constraint: usize },
    /// The dedicated thread pool could not be created.
    ThreadPool(String),
}

/// Proves and encodes the proof in the verifier's byte format.
pub fn prove(
    vk: &VerifyingKey,
    trace: &RowMajorMatrix<F>,
    public_values: &[u32],
    options: &ProverOptions,
) -> Result<Vec<u8>, ProveError> {
    let proof = prove_proof(vk, trace, public_values, options)?;
    Ok(zkvm_verifier::proof::encode_proof(&proof))
}

pub fn prove_proof(
    vk: &VerifyingKey,
    trace: &RowMajorMatrix<F>,
    public_values: &[u32],
    options: &ProverOptions,
) -> Result<Proof, ProveError> {
    match options.num_threads {
        Some(threads) => {
            let pool = rayon::ThreadPoolBuilder::new()
                .num_threads(threads)
                .build()
                .map_err(|e| ProveError::ThreadPool(e.to_string()))?;
            pool.install(|| prove_on_current_pool(vk, trace, public_values, options))
        }
        None => prove_on_current_pool(vk, trace, public_values, options),
    }
}

/// Checks every constraint on every row of the trace domain (selectors as 0/1).
pub fn check_constraints(
    vk: &VerifyingKey,
    trace: &RowMajorMatrix<F>,
    public_values: &[u32],
) -> Result<(), ProveError> {
    let shape = air_shape(&vk.air);
    let n = trace.height();
    let w = trace.width();
    let public: Vec<F> = public_values.iter().map(|&v| from_u32(v)).collect();
    let mut values = [F::ZERO; MAX_CONSTRAINTS];
    for row in 0..n {
        let next = (row + 1) % n;
        let sel = BaseSelectors {
            is_first_row: F::from_bool(row == 0),
            is_last_row: F::from_bool(row == n - 1),
            is_transition: F::from_bool(row != n - 1),
        };
        let local = &trace.values[row * w..(row + 1) * w];
        let next_row = &trace.values[next * w..(next + 1) * w];
        eval_base(&vk.air, local, next_row, &public, &sel, &mut values);
        if let Some(c) = values[..shape.num_constraints]
            .iter()
            .position(|v| *v != F::ZERO)
        {
            return Err(ProveError::ConstraintNotSatisfied { row, constraint: c });
        }
    }
    Ok(())
}

fn prove_on_current_pool(
    vk: &VerifyingKey,
    trace: &RowMajorMatrix<F>,
    public_values: &[u32],
    options: &ProverOptions,
) -> Result<Proof, ProveError> {
    let params = &vk.params;
    let shape = air_shape(&vk.air);
    let n = trace.height();
    if trace.width() != shape.width || !n.is_power_of_two() {
        return Err(ProveError::TraceShape);
    }
    if public_values.len() != shape.num_public_values {
        return Err(ProveError::InvalidStatement(
            VerifyError::WrongPublicValueCount,
        ));
    }
    if public_values.iter().any(|&v| !field::is_canonical(v)) {
        return Err(ProveError::NonCanonicalPublicValue);
    }
    let log_n = n.trailing_zeros();
    let dims = proof_dimensions(params, &shape, log_n).map_err(ProveError::InvalidStatement)?;
    if options.check_constraints {
        check_constraints(vk, trace, public_values)?;
    }
    let log_n = log_n as usize;
    let log_blowup = params.log_blowup as usize;
    let log_lde = dims.log_lde_len as usize;
    let log_chunks = log_quotient_chunks(shape.max_constraint_degree) as usize;
    let w = shape.width;
    let dft = Dft::default();
    let public: Vec<F> = public_values.iter().map(|&v| from_u32(v)).collect();
    let mut timer = PhaseTimer::new();

    // Statement.
    let mut transcript = Transcript::new();
    transcript.absorb_u32(PROTOCOL_VERSION);
    transcript.absorb_digest(&vk_digest(vk));
    transcript.absorb_u32(log_n as u32);
    transcript.absorb_field_elements(public_values);

    // Trace: interpolate, extend to the LDE coset, commit.
    let trace_coeffs = dft.idft_batch(trace.clone());
    let trace_lde = coset_lde_from_coeffs(&dft, &trace_coeffs.values, w, log_blowup, F::GENERATOR);
    timer.mark("trace LDE");
    let trace_tree = MerkleTree::from_rows(&trace_lde.values, w);
    timer.mark("trace commit");
    transcript.absorb_digest(&trace_tree.root());
    let alpha = ext_from_array(&transcript.squeeze_ext());

    // Quotient: evaluate, split into chunks, extend, commit.
    let q_values = quotient_values(&QuotientInput {
        air: &vk.air,
        num_constraints: shape.num_constraints,
        trace_lde: &trace_lde,
        public_values: &public,
        log_n,
        log_blowup,
        log_chunks,
        alpha,
    });
    timer.mark("quotient values");
    let quotient = split_and_extend(&dft, q_values, log_n, log_blowup, log_chunks);
    let quotient_width = quotient.lde.width;
    timer.mark("quotient LDE");
    let quotient_tree = MerkleTree::from_rows(&quotient.lde.values, quotient_width);
    timer.mark("quotient commit");
    transcript.absorb_digest(&quotient_tree.root());
    let zeta = ext_from_array(&transcript.squeeze_ext());

    // Out-of-domain openings.
    let zeta_next = zeta * F::two_adic_generator(log_n);
    let ood_trace_local = eval_columns_at(&trace_coeffs.values, w, zeta);
    let ood_trace_next = eval_columns_at(&trace_coeffs.values, w, zeta_next);
    let ood_quotient: Vec<EF> = quotient
        .chunk_coeffs
        .iter()
        .flat_map(|c| eval_columns_at(c, 4, zeta))
        .collect();
    let to_arrays = |v: &[EF]| v.iter().map(|&x| ext_to_array(x)).collect::<Vec<_>>();
    let (ood_local_arr, ood_next_arr, ood_quot_arr) = (
        to_arrays(&ood_trace_local),
        to_arrays(&ood_trace_next),
        to_arrays(&ood_quotient),
    );
    transcript.absorb_ext_elements(&ood_local_arr);
    transcript.absorb_ext_elements(&ood_next_arr);
    transcript.absorb_ext_elements(&ood_quot_arr);
    let gamma = ext_from_array(&transcript.squeeze_ext());
    timer.mark("OOD openings");

    // DEEP composition and FRI.
    let points = coset_points(log_lde, F::GENERATOR);
    let f0 = deep_composition(&DeepInput {
        trace_lde: &trace_lde.values,
        trace_width: w,
        quotient_lde: &quotient.lde.values,
        quotient_width,
        points: &points,
        zeta,
        zeta_next,
        ood_trace_local: &ood_trace_local,
        ood_trace_next: &ood_trace_next,
        ood_quotient: &ood_quotient,
        gamma,
    });
    drop(points);
    timer.mark("DEEP composition");
    let fri = fri::commit(
        &dft,
        f0,
        log_lde,
        dims.num_fri_rounds,
        dims.final_poly_len,
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
                trace: trace_tree.open_row(&trace_lde.values, w, index),
                quotient: quotient_tree.open_row(&quotient.lde.values, quotient_width, index),
                fri_steps: fri.open(index),
            }
        })
        .collect();
    timer.mark("queries");

    Ok(Proof {
        log_trace_len: log_n as u32,
        trace_commitment: trace_tree.root(),
        quotient_commitment: quotient_tree.root(),
        ood_trace_local: ood_local_arr,
        ood_trace_next: ood_next_arr,
        ood_quotient: ood_quot_arr,
        fri_commitments: fri.commitments(),
        final_poly,
        pow_nonce,
        queries,
    })
}
