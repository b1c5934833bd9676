//! The prover: the verifier's protocol (zkvm_verifier::protocol::stark) run
//! forwards, for a machine of several tables of independent heights.

use p3_dft::TwoAdicSubgroupDft;
use p3_field::{BasedVectorSpace, Field, PrimeCharacteristicRing, TwoAdicField};
use p3_matrix::dense::RowMajorMatrix;
use p3_matrix::Matrix as _;
use p3_maybe_rayon::prelude::*;
use zkvm_verifier::air::{
    boundary_messages, check_segment_values, eval_constraints, num_public_values,
    segment_public_values, table_shape, tables, FixedTable, LookupChallenges, Selectors, TableId,
    TableShape,
};
use zkvm_verifier::field::extension::{self, Ext};
use zkvm_verifier::protocol::logup::{check_bus_balance, has_aux, segment_challenges};
use zkvm_verifier::protocol::params::zk_mask_len;
use zkvm_verifier::protocol::proof::{MultiOpening, Proof, QueryProof, TableOpenings};
use zkvm_verifier::protocol::stark::{
    absorb_cap, absorb_segment_header, begin_transcript, checked_fixed_tables, distinct_heights,
    distinct_lde_heights, proof_dimensions, table_shapes, ProofDimensions,
};
use zkvm_verifier::protocol::statement::{check_statement, Statement};
use zkvm_verifier::protocol::vk::VerifyingKey;
use zkvm_verifier::transcript::Transcript;
use zkvm_verifier::VerifyError;

use crate::constraints::{eval_base, has_base_eval, BaseSelectors, MAX_CONSTRAINTS};
use crate::deep::{deep_composition, DeepInput};
use crate::fri::{self, bit_reverse, DeepFunction};
use crate::logup::{build_aux_trace, fixed_fp_columns};
use crate::mmcs::{Matrix, MixedTree};
use crate::poly::{coset_points, eval_columns_at, Dft};
use crate::pow;
use crate::profile::PhaseTimer;
use crate::quotient::{
    quotient_values, quotient_values_normative, split_and_extend, split_cosets_zk,
    NormativeQuotientInput, QuotientChunks, QuotientInput,
};
use crate::types::{ext_from_array, ext_to_array, from_u32, to_u32, EF, F};
use crate::zk::{with_blinding_columns, Purpose, ZkSeed};

#[derive(Clone, Debug)]
pub struct ProverOptions {
    /// Run on a dedicated pool with this many threads (Some(1): single-threaded).
    /// None uses rayon's global pool.
    pub num_threads: Option<usize>,
    /// Check every constraint of every table, and the bus balance, before
    /// committing to them. Off only in tests that need a proof of a wrong trace.
    pub check_constraints: bool,
    /// The seed of every random value zero knowledge needs (masks, salts,
    /// blinding messages); None draws one from the operating system. The
    /// same seed gives the same proof (tests; scale-out, where every step
    /// of one run must use the plan's seed).
    pub zk_seed: Option<[u8; 32]>,
}

impl Default for ProverOptions {
    fn default() -> Self {
        ProverOptions {
            num_threads: None,
            check_constraints: true,
            zk_seed: None,
        }
    }
}

#[derive(Debug)]
pub enum ProveError {
    /// The statement is not provable under these parameters (e.g. a table
    /// height, a degree, the public value count, a fixed table longer than its table).
    InvalidStatement(VerifyError),
    /// The number of traces, or a trace's width or height, does not fit the machine.
    TraceShape,
    /// A public value is not a canonical field element.
    NonCanonicalPublicValue,
    /// Table `table` violates `constraint` at `row`.
    ConstraintNotSatisfied {
        table: usize,
        row: usize,
        constraint: usize,
    },
    /// A LogUp fraction of the trace has denominator zero (the lookup
    /// challenge hit a fingerprint; probability about 2^-100 per fraction).
    ZeroDenominator { row: usize, fraction: usize },
    /// The LogUp bus does not balance: sum of claimed sums + boundary != 0.
    LookupUnbalanced,
    /// A normative AIR function (zkvm_verifier::air) rejected its inputs.
    AirEvaluation(VerifyError),
    /// The dedicated thread pool could not be created.
    ThreadPool(String),
    /// A segment source gave different segments in its second pass.
    SegmentsChanged,
    /// The segment source failed (building a segment's traces).
    Source(String),
    /// A scale-out step of a zero-knowledge proof was given no seed (every
    /// step of one run must use the same one, the plan's).
    MissingZkSeed,
}

/// Deviations from the honest prover, for tests of the verifier only.
#[doc(hidden)]
#[derive(Default)]
pub struct TestHooks {
    /// Fixed tables used instead of the verifying key's (for every table that has some).
    pub fixed_tables: Option<Vec<FixedTable>>,
    /// The claimed sum sent for table t, from the lookup challenges and the true sum.
    #[allow(clippy::type_complexity)]
    pub claimed_sum: Option<Box<dyn Fn(usize, &LookupChallenges, &Ext) -> Ext + Send + Sync>>,
    /// Applied to table t's auxiliary trace (row-major base values, width) before it is committed.
    #[allow(clippy::type_complexity)]
    pub edit_aux: Option<Box<dyn Fn(usize, &mut [F], usize) + Send + Sync>>,
    /// Evaluate the auxiliary traces and the quotients with the normative
    /// functions even where a fast path exists (the proof must not change).
    pub normative_eval: bool,
    /// With zero knowledge, applied to the LDE (bit-reversed, 4 base columns) of
    /// each DEEP size's masking polynomial (largest first) before it is committed.
    #[allow(clippy::type_complexity)]
    pub edit_fri_mask: Option<Box<dyn Fn(usize, &mut [F]) + Send + Sync>>,
}

/// Proves and encodes the proof in the verifier's byte format. `traces` holds
/// one trace per table of the machine, in its order.
pub fn prove(
    vk: &VerifyingKey,
    traces: &[RowMajorMatrix<F>],
    statement: &Statement,
    options: &ProverOptions,
) -> Result<Vec<u8>, ProveError> {
    let proof = prove_proof(vk, traces, statement, options)?;
    Ok(zkvm_verifier::protocol::proof::encode_proof(&proof))
}

pub fn prove_proof(
    vk: &VerifyingKey,
    traces: &[RowMajorMatrix<F>],
    statement: &Statement,
    options: &ProverOptions,
) -> Result<Proof, ProveError> {
    prove_proof_with_hooks(vk, traces, statement, options, &TestHooks::default())
}

/// `prove` with deviations from the honest prover (tests only).
#[doc(hidden)]
pub fn prove_with_hooks(
    vk: &VerifyingKey,
    traces: &[RowMajorMatrix<F>],
    statement: &Statement,
    options: &ProverOptions,
    hooks: &TestHooks,
) -> Result<Vec<u8>, ProveError> {
    let proof = prove_proof_with_hooks(vk, traces, statement, options, hooks)?;
    Ok(zkvm_verifier::protocol::proof::encode_proof(&proof))
}

#[doc(hidden)]
pub fn prove_proof_with_hooks(
    vk: &VerifyingKey,
    traces: &[RowMajorMatrix<F>],
    statement: &Statement,
    options: &ProverOptions,
    hooks: &TestHooks,
) -> Result<Proof, ProveError> {
    on_pool(options, || {
        prove_on_current_pool(vk, traces, statement, options, hooks)
    })
}

/// Checks every constraint of one table on every row of its trace domain
/// (selectors as 0/1). The LogUp bus balance depends on the lookup challenges
/// and is checked while proving (`ProverOptions::check_constraints`).
/// Returns the first violation as (row, constraint).
pub fn check_table_constraints(
    table: &TableId,
    trace: &RowMajorMatrix<F>,
    public_values: &[u32],
) -> Result<Option<(usize, usize)>, ProveError> {
    let shape = table_shape(table);
    let n = trace.height();
    let w = trace.width();
    if w != shape.width {
        return Err(ProveError::TraceShape);
    }
    if let Some(fns) = crate::tables::scalar_fns(table) {
        return Ok(crate::tables::first_violation(&fns, trace, public_values));
    }
    let failure = if has_base_eval(table) {
        let public: Vec<F> = public_values.iter().map(|&v| from_u32(v)).collect();
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
            eval_base(table, local, next_row, &public, &sel, &mut values);
            values[..shape.num_constraints]
                .iter()
                .position(|v| *v != F::ZERO)
                .map(|c| Ok((row, c)))
        })
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
            match eval_constraints(table, &lift(row), &lift((row + 1) % n), public_values, &sel) {
                Ok(values) => values
                    .iter()
                    .position(|v| !extension::is_zero(v))
                    .map(|c| Ok((row, c))),
                Err(e) => Some(Err(e)),
            }
        })
    };
    match failure {
        None => Ok(None),
        Some(Ok(found)) => Ok(Some(found)),
        Some(Err(e)) => Err(ProveError::AirEvaluation(e)),
    }
}

/// Checks every table's constraints (see `check_table_constraints`).
/// `public_values` are the tables' (air::segment_public_values).
pub fn check_constraints(
    vk: &VerifyingKey,
    traces: &[RowMajorMatrix<F>],
    public_values: &[u32],
) -> Result<(), ProveError> {
    let ids = tables(&vk.air);
    if traces.len() != ids.len() {
        return Err(ProveError::TraceShape);
    }
    for (t, (table, trace)) in ids.iter().zip(traces).enumerate() {
        if let Some((row, constraint)) = check_table_constraints(table, trace, public_values)? {
            return Err(ProveError::ConstraintNotSatisfied {
                table: t,
                row,
                constraint,
            });
        }
    }
    Ok(())
}

fn to_arrays(values: &[EF]) -> Vec<Ext> {
    values.iter().map(|&x| ext_to_array(x)).collect()
}

/// The randomness of one proof: the options' seed or a fresh one.
fn zk_seed(options: &ProverOptions) -> ZkSeed {
    match options.zk_seed {
        Some(seed) => ZkSeed(seed),
        None => ZkSeed::random(),
    }
}

/// Where a segment sits among a run's segments (zero knowledge chains the
/// blinding messages of every table of every segment in one ring).
#[derive(Clone, Copy)]
struct SegmentPlace {
    index: u32,
    is_last: bool,
}

/// One salt matrix per distinct height (largest first), each from its own stream.
fn salt_matrices(
    seed: &ZkSeed,
    segment: u32,
    purpose: Purpose,
    log_heights: &[u32],
) -> Vec<(u32, RowMajorMatrix<F>)> {
    distinct_heights(log_heights)
        .into_iter()
        .map(|h| {
            let mut rng = seed.stream(segment, purpose, h);
            (h, crate::zk::salt_matrix(h as usize, &mut rng))
        })
        .collect()
}

/// A committed polynomial matrix from its coefficients (n rows): with zero
/// knowledge masked as T + Z_H R (n + z rows) first; then its LDE on 2^log_lde points.
fn extend(
    dft: &Dft,
    coeffs: Vec<F>,
    width: usize,
    first_masked: usize,
    log_lde: usize,
    z: usize,
    rng: Option<&mut rand_chacha::ChaCha12Rng>,
) -> (Vec<F>, RowMajorMatrix<F>) {
    let coeffs = match rng {
        Some(rng) => crate::zk::mask_coefficients(&coeffs, width, first_masked, z, rng),
        None => coeffs,
    };
    let lde = crate::poly::coset_lde_bit_reversed_to(dft, &coeffs, width, log_lde, F::GENERATOR);
    (coeffs, lde)
}

/// A table's committed auxiliary trace: coefficients, LDE, claimed sum.
struct AuxData {
    width: usize,
    coeffs: Vec<F>,
    lde: RowMajorMatrix<F>,
    claimed_sum: Ext,
}

/// A table's main trace: its coefficients and LDE.
struct TableData {
    log_n: usize,
    width: usize,
    coeffs: Vec<F>,
    lde: RowMajorMatrix<F>,
}

fn matrices<'a>(items: impl Iterator<Item = (&'a [F], usize, usize)>) -> Vec<Matrix<'a>> {
    items
        .map(|(values, width, log_height)| Matrix {
            values,
            width,
            log_height: log_height as u32,
        })
        .collect()
}

fn prove_on_current_pool(
    vk: &VerifyingKey,
    traces: &[RowMajorMatrix<F>],
    statement: &Statement,
    options: &ProverOptions,
    hooks: &TestHooks,
) -> Result<Proof, ProveError> {
    let mut source = InMemorySource {
        segments: vec![SegmentTraces {
            traces: traces.to_vec(),
            values: zkvm_verifier::air::single_segment_values(&vk.air, statement),
        }],
        statement: Statement {
            public_values: statement.public_values.clone(),
            input: statement.input.clone(),
            output: statement.output.clone(),
        },
        next: 0,
    };
    let mut proofs: Vec<Proof> = Vec::new();
    prove_segments_on_current_pool(vk, &mut source, options, hooks, &mut |_, proof| {
        proofs.push(proof);
        Ok(())
    })?;
    proofs.pop().ok_or(ProveError::SegmentsChanged)
}

/// One segment's traces (one per table of the machine, in its order) and
/// its values (air::num_segment_values).
pub struct SegmentTraces {
    pub traces: Vec<RowMajorMatrix<F>>,
    pub values: Vec<u32>,
}

/// Where the prover gets the segments of a run (docs/protocol.md §5.2). It
/// asks for them in order twice: once to commit every segment's main
/// traces (the LogUp challenges follow all of them), then again to prove
/// each; a source may rebuild the traces the second time (re-executing the
/// run) rather than hold them, so memory is bounded by one segment. A run of
/// one segment is asked for once.
pub trait SegmentSource {
    /// The next segment, or None after the last.
    fn next_segment(&mut self) -> Result<Option<SegmentTraces>, ProveError>;
    /// Whether the last segment has been given.
    fn finished(&self) -> bool;
    /// Back to the first segment, for the second pass.
    fn restart(&mut self) -> Result<(), ProveError>;
    /// The statement, once every segment has been given.
    fn statement(&mut self) -> Result<Statement, ProveError>;
}

/// Segments held in memory (tests, small runs).
pub struct InMemorySource {
    pub segments: Vec<SegmentTraces>,
    pub statement: Statement,
    pub next: usize,
}

impl SegmentSource for InMemorySource {
    fn next_segment(&mut self) -> Result<Option<SegmentTraces>, ProveError> {
        let Some(segment) = self.segments.get(self.next) else {
            return Ok(None);
        };
        self.next += 1;
        Ok(Some(SegmentTraces {
            traces: segment.traces.clone(),
            values: segment.values.clone(),
        }))
    }
    fn finished(&self) -> bool {
        self.next >= self.segments.len()
    }
    fn restart(&mut self) -> Result<(), ProveError> {
        self.next = 0;
        Ok(())
    }
    fn statement(&mut self) -> Result<Statement, ProveError> {
        Ok(Statement {
            public_values: self.statement.public_values.clone(),
            input: self.statement.input.clone(),
            output: self.statement.output.clone(),
        })
    }
}

/// Proves every segment of `source` (see `SegmentSource`).
pub fn prove_segments(
    vk: &VerifyingKey,
    source: &mut (dyn SegmentSource + Send),
    options: &ProverOptions,
) -> Result<Vec<Proof>, ProveError> {
    prove_segments_with_hooks(vk, source, options, &TestHooks::default())
}

/// `prove_segments` with deviations from the honest prover (tests only).
#[doc(hidden)]
pub fn prove_segments_with_hooks(
    vk: &VerifyingKey,
    source: &mut (dyn SegmentSource + Send),
    options: &ProverOptions,
    hooks: &TestHooks,
) -> Result<Vec<Proof>, ProveError> {
    let mut proofs: Vec<Proof> = Vec::new();
    on_pool(options, || {
        prove_segments_on_current_pool(vk, source, options, hooks, &mut |_, proof| {
            proofs.push(proof);
            Ok(())
        })
    })?;
    Ok(proofs)
}

/// `prove_segments`, returning the proof bytes (proof format 5): each
/// segment's proof is encoded as soon as it is made, so memory holds the
/// bytes of the finished segments (about 300 KiB each), not their proofs.
pub fn prove_segments_to_bytes(
    vk: &VerifyingKey,
    source: &mut (dyn SegmentSource + Send),
    options: &ProverOptions,
) -> Result<Vec<u8>, ProveError> {
    use zkvm_verifier::protocol::proof::{write_segment, PROOF_FORMAT_VERSION};
    let mut out: Vec<u8> = Vec::new();
    on_pool(options, || {
        let hooks = TestHooks::default();
        prove_segments_on_current_pool(vk, source, options, &hooks, &mut |count, proof| {
            if out.is_empty() {
                out.extend_from_slice(&PROOF_FORMAT_VERSION.to_le_bytes());
                out.extend_from_slice(&(count as u32).to_le_bytes());
            }
            write_segment(&mut out, &proof);
            Ok(())
        })
    })?;
    Ok(out)
}

/// A segment's committed main traces.
struct MainCommitment {
    data: Vec<TableData>,
    tree: MixedTree,
    cap: Vec<zkvm_verifier::commit::hash::Digest>,
    log_heights: Vec<u32>,
    /// With zero knowledge: the traces with their blinding columns, and the
    /// tree's salt matrices.
    zk_traces: Vec<RowMajorMatrix<F>>,
    salts: Vec<(u32, RowMajorMatrix<F>)>,
}

/// Interpolates a segment's traces, extends them to the LDE coset and
/// commits them all in one tree.
fn commit_main(
    vk: &VerifyingKey,
    shapes: &[TableShape],
    traces: &[RowMajorMatrix<F>],
    dft: &Dft,
    seed: &ZkSeed,
    place: SegmentPlace,
) -> Result<MainCommitment, ProveError> {
    if traces.len() != shapes.len() {
        return Err(ProveError::TraceShape);
    }
    for (shape, trace) in shapes.iter().zip(traces) {
        if trace.width() != shape.width || !trace.height().is_power_of_two() {
            return Err(ProveError::TraceShape);
        }
    }
    let log_blowup = vk.params.log_blowup as usize;
    let log_heights: Vec<u32> = traces.iter().map(|t| t.height().trailing_zeros()).collect();
    proof_dimensions(&vk.params, shapes, &log_heights).map_err(ProveError::InvalidStatement)?;
    let zk = vk.params.zk;
    let z = zk_mask_len(&vk.params) as usize;
    let num_tables = traces.len() as u32;
    // The ring of blinding messages: the last table of the last segment
    // receives the first table of the first segment's.
    let num_segments = if place.is_last {
        place.index + 1
    } else {
        place.index + 2
    };
    let zk_traces: Vec<RowMajorMatrix<F>> = if zk {
        traces
            .iter()
            .enumerate()
            .map(|(t, trace)| {
                with_blinding_columns(trace, seed, place.index, t as u32, num_segments, num_tables)
            })
            .collect()
    } else {
        Vec::new()
    };
    let committed: &[RowMajorMatrix<F>] = if zk { &zk_traces } else { traces };
    let data: Vec<TableData> = committed
        .iter()
        .enumerate()
        .map(|(t, trace)| {
            let w = trace.width();
            let log_n = trace.height().trailing_zeros() as usize;
            let coeffs = dft.idft_batch(trace.clone()).values;
            let mut rng = seed.stream(place.index, Purpose::MainMask, t as u32);
            let (coeffs, lde) = extend(
                dft,
                coeffs,
                w,
                0,
                log_n + log_blowup,
                z,
                if zk { Some(&mut rng) } else { None },
            );
            TableData {
                log_n,
                width: w,
                coeffs,
                lde,
            }
        })
        .collect();
    let lde_heights: Vec<u32> = log_heights.iter().map(|h| h + log_blowup as u32).collect();
    let salts = if zk {
        salt_matrices(seed, place.index, Purpose::MainSalt, &lde_heights)
    } else {
        Vec::new()
    };
    let main_matrices = main_matrix_list(&data, &salts, log_blowup);
    let tree = MixedTree::commit(&main_matrices, false);
    let cap = tree.cap(vk.params.log_cap_height as usize);
    drop(main_matrices);
    Ok(MainCommitment {
        data,
        tree,
        cap,
        log_heights,
        zk_traces,
        salts,
    })
}

/// The main tree's matrices: every table's LDE, then the salts.
fn main_matrix_list<'a>(
    data: &'a [TableData],
    salts: &'a [(u32, RowMajorMatrix<F>)],
    log_blowup: usize,
) -> Vec<Matrix<'a>> {
    let mut list = matrices(
        data.iter()
            .map(|d| (&d.lde.values[..], d.width, d.log_n + log_blowup)),
    );
    list.extend(matrices(
        salts
            .iter()
            .map(|(h, m)| (&m.values[..], m.width, *h as usize)),
    ));
    list
}

/// What pass 1 produces for a segment and the shared transcript absorbs:
/// its values, its tables' heights and its main commitment.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SegmentHeader {
    pub values: Vec<u32>,
    pub log_heights: Vec<u32>,
    pub cap: Vec<zkvm_verifier::commit::hash::Digest>,
}

/// The shared transcript of a statement's segments and its (point, beta),
/// after checking the statement and the segments' values.
fn shared_from_headers(
    vk: &VerifyingKey,
    statement: &Statement,
    headers: &[SegmentHeader],
) -> Result<(Transcript, Ext, Ext, Vec<Vec<u32>>), ProveError> {
    if headers.is_empty() || headers.len() > zkvm_verifier::protocol::proof::MAX_SEGMENTS {
        return Err(ProveError::InvalidStatement(VerifyError::WrongSegmentCount));
    }
    match check_statement(statement, num_public_values(&vk.air)) {
        Ok(()) => {}
        Err(VerifyError::NonCanonicalFieldElement) => {
            return Err(ProveError::NonCanonicalPublicValue)
        }
        Err(e) => return Err(ProveError::InvalidStatement(e)),
    }
    let values: Vec<Vec<u32>> = headers.iter().map(|h| h.values.clone()).collect();
    check_segment_values(&vk.air, statement, &values).map_err(ProveError::InvalidStatement)?;
    let mut transcript = begin_transcript(vk, statement, headers.len());
    for h in headers {
        absorb_segment_header(&mut transcript, &h.values, &h.log_heights, &h.cap);
    }
    let point = transcript.squeeze_ext();
    let beta = transcript.squeeze_ext();
    Ok((transcript, point, beta, values))
}

/// Runs `f` on the thread pool `options` asks for.
fn on_pool<T: Send>(
    options: &ProverOptions,
    f: impl FnOnce() -> Result<T, ProveError> + Send,
) -> Result<T, ProveError> {
    match options.num_threads {
        Some(threads) => {
            let pool = rayon::ThreadPoolBuilder::new()
                .num_threads(threads)
                .build()
                .map_err(|e| ProveError::ThreadPool(e.to_string()))?;
            pool.install(f)
        }
        None => f(),
    }
}

/// Pass 1 for one segment on its own (scale-out): its header. The segments
/// of a run can be committed in any order, on any machines.
pub fn commit_segment(
    vk: &VerifyingKey,
    segment: &SegmentTraces,
    index: usize,
    num_segments: usize,
    options: &ProverOptions,
) -> Result<SegmentHeader, ProveError> {
    let seed = scale_out_seed(vk, options)?;
    let place = SegmentPlace {
        index: index as u32,
        is_last: index + 1 == num_segments,
    };
    on_pool(options, || {
        let shapes = table_shapes(&vk.air);
        let main = commit_main(vk, &shapes, &segment.traces, &Dft::default(), &seed, place)?;
        Ok(SegmentHeader {
            values: segment.values.clone(),
            log_heights: main.log_heights,
            cap: main.cap,
        })
    })
}

/// The seed of a scale-out step: zero knowledge needs the plan's.
fn scale_out_seed(vk: &VerifyingKey, options: &ProverOptions) -> Result<ZkSeed, ProveError> {
    match options.zk_seed {
        Some(seed) => Ok(ZkSeed(seed)),
        None if vk.params.zk => Err(ProveError::MissingZkSeed),
        None => Ok(ZkSeed([0; 32])),
    }
}

/// Pass 2 for segment `index` on its own (scale-out), given every
/// segment's header: its proof, the same as `prove_segments` makes.
pub fn prove_one_segment(
    vk: &VerifyingKey,
    statement: &Statement,
    headers: &[SegmentHeader],
    index: usize,
    segment: &SegmentTraces,
    options: &ProverOptions,
) -> Result<Proof, ProveError> {
    let seed = scale_out_seed(vk, options)?;
    on_pool(options, || {
        let shapes = table_shapes(&vk.air);
        let dft = Dft::default();
        let (transcript, point, beta, values) = shared_from_headers(vk, statement, headers)?;
        let header = headers.get(index).ok_or(ProveError::SegmentsChanged)?;
        let place = SegmentPlace {
            index: index as u32,
            is_last: index + 1 == headers.len(),
        };
        let main = commit_main(vk, &shapes, &segment.traces, &dft, &seed, place)?;
        if main.cap != header.cap || segment.values != header.values {
            return Err(ProveError::SegmentsChanged);
        }
        let shared = Shared {
            vk,
            shapes: &shapes,
            statement,
            values: &values,
            transcript: &transcript,
            point: &point,
            beta: &beta,
            dft: &dft,
            seed: &seed,
        };
        let mut timer = PhaseTimer::new();
        let hooks = TestHooks::default();
        prove_at(&shared, index, segment, main, options, &hooks, &mut timer)
    })
}

/// Proves every segment; `sink` receives (number of segments, proof) for
/// each segment in order.
fn prove_segments_on_current_pool(
    vk: &VerifyingKey,
    source: &mut (dyn SegmentSource + Send),
    options: &ProverOptions,
    hooks: &TestHooks,
    sink: &mut (dyn FnMut(usize, Proof) -> Result<(), ProveError> + Send),
) -> Result<(), ProveError> {
    let shapes = table_shapes(&vk.air);
    let dft = Dft::default();
    let seed = zk_seed(options);
    let mut timer = PhaseTimer::new();
    // First pass: every segment's main commitment. A run of one segment
    // keeps its traces and LDEs for the second pass.
    let mut headers: Vec<SegmentHeader> = Vec::new();
    let mut kept: Option<(SegmentTraces, MainCommitment)> = None;
    while let Some(segment) = source.next_segment()? {
        let place = SegmentPlace {
            index: headers.len() as u32,
            is_last: source.finished(),
        };
        let main = commit_main(vk, &shapes, &segment.traces, &dft, &seed, place)?;
        headers.push(SegmentHeader {
            values: segment.values.clone(),
            log_heights: main.log_heights.clone(),
            cap: main.cap.clone(),
        });
        // Only a run of one segment keeps its LDEs for pass 2; otherwise
        // memory holds one segment at a time and pass 2 rebuilds them.
        kept = if headers.len() == 1 && source.finished() {
            Some((segment, main))
        } else {
            None
        };
    }
    timer.mark("trace LDE + commit (all segments)");
    let statement = source.statement()?;
    let (transcript, point, beta, values) = shared_from_headers(vk, &statement, &headers)?;

    // Second pass: prove each segment on its fork of the shared transcript.
    let mut total = extension::ZERO;
    if kept.is_none() {
        source.restart()?;
    }
    for (index, header) in headers.iter().enumerate() {
        let (segment, main) = match kept.take() {
            Some(k) => k,
            None => {
                let segment = source.next_segment()?.ok_or(ProveError::SegmentsChanged)?;
                let place = SegmentPlace {
                    index: index as u32,
                    is_last: index + 1 == headers.len(),
                };
                let main = commit_main(vk, &shapes, &segment.traces, &dft, &seed, place)?;
                (segment, main)
            }
        };
        if main.cap != header.cap || segment.values != header.values {
            return Err(ProveError::SegmentsChanged);
        }
        let shared = Shared {
            vk,
            shapes: &shapes,
            statement: &statement,
            values: &values,
            transcript: &transcript,
            point: &point,
            beta: &beta,
            dft: &dft,
            seed: &seed,
        };
        let proof = prove_at(&shared, index, &segment, main, options, hooks, &mut timer)?;
        for sum in &proof.claimed_sums {
            total = extension::add(&total, sum);
        }
        sink(headers.len(), proof)?;
    }
    if options.check_constraints {
        let messages = boundary_messages(vk, &statement).map_err(ProveError::InvalidStatement)?;
        let global = segment_challenges(&point, &beta, 0);
        match check_bus_balance(&total, &messages, &global) {
            Ok(()) => {}
            Err(VerifyError::LookupSumMismatch) => return Err(ProveError::LookupUnbalanced),
            Err(e) => return Err(ProveError::InvalidStatement(e)),
        }
    }
    Ok(())
}

/// What every segment's pass 2 shares: the statement, the segments'
/// values and the shared transcript with its (point, beta).
struct Shared<'a> {
    vk: &'a VerifyingKey,
    shapes: &'a [TableShape],
    statement: &'a Statement,
    values: &'a [Vec<u32>],
    transcript: &'a Transcript,
    point: &'a Ext,
    beta: &'a Ext,
    dft: &'a Dft,
    seed: &'a ZkSeed,
}

/// Pass 2 of segment `index`: the rest of its proof after its main
/// commitment.
fn prove_at(
    shared: &Shared,
    index: usize,
    segment: &SegmentTraces,
    main: MainCommitment,
    options: &ProverOptions,
    hooks: &TestHooks,
    timer: &mut PhaseTimer,
) -> Result<Proof, ProveError> {
    let vk = shared.vk;
    let params = &vk.params;
    let ids = tables(&vk.air);
    let shapes = shared.shapes;
    let traces = &segment.traces;
    let public_values = segment_public_values(&vk.air, shared.statement, shared.values, index)
        .map_err(ProveError::InvalidStatement)?;
    let public_values = &public_values[..];
    let dft = shared.dft;
    if options.check_constraints {
        check_constraints(vk, traces, public_values)?;
    }
    let MainCommitment {
        mut data,
        tree: main_tree,
        cap: main_cap,
        log_heights,
        zk_traces,
        salts: main_salts,
    } = main;
    let zk = params.zk;
    let z = zk_mask_len(params) as usize;
    let seed = shared.seed;
    let segment_index = index as u32;
    // The committed traces: with zero knowledge, with the blinding columns.
    let traces: &[RowMajorMatrix<F>] = if zk { &zk_traces } else { traces };
    let dims: ProofDimensions =
        proof_dimensions(params, shapes, &log_heights).map_err(ProveError::InvalidStatement)?;
    let log_blowup = params.log_blowup as usize;
    let log_cap = params.log_cap_height as usize;
    let log_max_lde = dims.log_max_lde as usize;
    // Coefficients serve only the out-of-domain openings: they are kept apart
    // from the LDEs (which the queries need) and freed before DEEP, the phase
    // of peak memory.
    let main_coeffs: Vec<Vec<F>> = data
        .iter_mut()
        .map(|d| std::mem::take(&mut d.coeffs))
        .collect();
    let main_matrices = main_matrix_list(&data, &main_salts, log_blowup);
    let index = index as u32;
    let mut transcript = shared.transcript.fork(index);
    let lookup = segment_challenges(shared.point, shared.beta, index);

    // Auxiliary (LogUp) traces: build, extend, commit.
    let mut claimed_sums = vec![extension::ZERO; ids.len()];
    let mut auxes: Vec<Option<AuxData>> = Vec::with_capacity(ids.len());
    for (t, table) in ids.iter().enumerate() {
        let shape = &shapes[t];
        if !has_aux(shape) {
            auxes.push(None);
            continue;
        }
        let n = 1usize << data[t].log_n;
        let vk_tables = checked_fixed_tables(vk, t, shape, data[t].log_n as u32)
            .map_err(ProveError::InvalidStatement)?;
        let fixed: &[FixedTable] = match &hooks.fixed_tables {
            Some(forged) if shape.num_fixed_tables > 0 => forged,
            _ => &vk_tables,
        };
        let packed = match crate::tables::packed_fns(table) {
            Some(fns) if !hooks.normative_eval => {
                crate::tables::aux_trace_packed(&fns.with_zk(zk), &traces[t], &lookup)
            }
            _ => None,
        };
        let mut aux_trace = match (packed, crate::tables::scalar_fns(table)) {
            (Some(result), _) => {
                let (matrix, claimed_sum) = result?;
                crate::logup::AuxTrace {
                    matrix,
                    claimed_sum,
                }
            }
            (None, Some(fns)) if !hooks.normative_eval => {
                let (matrix, claimed_sum) =
                    crate::tables::aux_trace(&fns.with_zk(zk), &traces[t], &lookup)?;
                crate::logup::AuxTrace {
                    matrix,
                    claimed_sum,
                }
            }
            _ => {
                let fixed_columns = fixed_fp_columns(fixed, &lookup.beta, n);
                build_aux_trace(table, shape, &traces[t], &fixed_columns, &lookup, zk)?
            }
        };
        let aux_width = aux_trace.matrix.width;
        if let Some(edit) = &hooks.edit_aux {
            edit(t, &mut aux_trace.matrix.values, aux_width);
        }
        let true_sum = ext_to_array(aux_trace.claimed_sum);
        claimed_sums[t] = match &hooks.claimed_sum {
            Some(forge) => forge(t, &lookup, &true_sum),
            None => true_sum,
        };
        let coeffs = dft.idft_batch(aux_trace.matrix).values;
        let mut rng = seed.stream(segment_index, Purpose::AuxMask, t as u32);
        let (coeffs, lde) = extend(
            dft,
            coeffs,
            aux_width,
            4 * shape.num_fixed_tables,
            data[t].log_n + log_blowup,
            z,
            if zk { Some(&mut rng) } else { None },
        );
        auxes.push(Some(AuxData {
            width: aux_width,
            coeffs,
            lde,
            claimed_sum: claimed_sums[t],
        }));
    }
    // The traces with their blinding columns are not needed past the LogUp traces.
    drop(zk_traces);
    timer.mark("aux traces + LDE");
    let lde_heights: Vec<u32> = log_heights.iter().map(|h| h + log_blowup as u32).collect();
    let aux_salts = if zk {
        salt_matrices(seed, segment_index, Purpose::AuxSalt, &lde_heights)
    } else {
        Vec::new()
    };
    let aux_coeffs: Vec<Vec<F>> = auxes
        .iter_mut()
        .map(|a| {
            a.as_mut()
                .map_or(Vec::new(), |a| std::mem::take(&mut a.coeffs))
        })
        .collect();
    let mut aux_matrices = matrices(data.iter().zip(&auxes).filter_map(|(d, aux)| {
        aux.as_ref()
            .map(|a| (&a.lde.values[..], a.width, d.log_n + log_blowup))
    }));
    aux_matrices.extend(matrices(
        aux_salts
            .iter()
            .map(|(h, m)| (&m.values[..], m.width, *h as usize)),
    ));
    let aux_tree = if aux_matrices.is_empty() {
        None
    } else {
        let tree = MixedTree::commit(&aux_matrices, false);
        absorb_cap(&mut transcript, &tree.cap(log_cap));
        transcript.absorb_ext_elements(&claimed_sums);
        Some(tree)
    };
    timer.mark("aux commit");
    let alpha_array = transcript.squeeze_ext();
    let alpha = ext_from_array(&alpha_array);

    // Quotients: evaluate, split into chunks, extend, commit all in one tree.
    let mut quotients: Vec<QuotientChunks> = Vec::with_capacity(ids.len());
    for (t, table) in ids.iter().enumerate() {
        let d = &dims.tables[t];
        let log_n = data[t].log_n;
        // With zero knowledge Q has degree < (d - 1) n + d z: it is evaluated
        // on q + 1 cosets of H, the first (q + 1) n points of the bit-reversed LDE.
        let (log_chunks, positions) = if zk {
            (log_blowup, d.num_quotient_chunks << log_n)
        } else {
            (d.log_quotient_chunks as usize, 0)
        };
        let q_values = if has_base_eval(table) && auxes[t].is_none() {
            let public: Vec<F> = public_values.iter().map(|&v| from_u32(v)).collect();
            quotient_values(&QuotientInput {
                table,
                num_constraints: shapes[t].num_constraints,
                trace_lde: &data[t].lde,
                public_values: &public,
                log_n,
                log_blowup,
                log_chunks,
                alpha,
            })
        } else {
            let (aux_lde, aux_width, claimed_sum) = match &auxes[t] {
                Some(a) => (&a.lde.values[..], a.width, a.claimed_sum),
                None => (&[][..], 0, extension::ZERO),
            };
            let input = NormativeQuotientInput {
                table,
                num_constraints: d.num_constraints,
                trace_lde: &data[t].lde,
                aux_lde,
                aux_width,
                public_values: public_values,
                lookup: &lookup,
                claimed_sum,
                log_n,
                log_blowup,
                log_chunks,
                alpha: alpha_array,
                zk,
                positions,
            };
            match (table, crate::tables::packed_fns(table)) {
                (_, Some(fns)) if !hooks.normative_eval => Ok(crate::tables::quotient_values(
                    &crate::tables::QuotientInput {
                        fns: &fns.with_zk(zk),
                        trace_lde: &data[t].lde.values,
                        aux_lde,
                        public_values: public_values,
                        lookup: &lookup,
                        claimed_sum: ext_from_array(&claimed_sum),
                        log_n,
                        log_blowup,
                        log_chunks,
                        alpha,
                        positions,
                    },
                )),
                _ => quotient_values_normative(&input),
            }
            .map_err(ProveError::AirEvaluation)?
        };
        quotients.push(if zk {
            let mut rng = seed.stream(segment_index, Purpose::QuotientMask, t as u32);
            split_cosets_zk(
                dft,
                q_values,
                log_n,
                log_blowup,
                d.num_quotient_chunks,
                z,
                &mut rng,
            )
        } else {
            split_and_extend(dft, q_values, log_n, log_blowup, log_chunks)
        });
    }
    // Zero knowledge: a random polynomial of degree < n + z for each DEEP
    // size (largest first), committed with the quotients, added to that
    // size's DEEP function with its own power of gamma.
    let heights = distinct_lde_heights(&dims);
    let fri_masks: Vec<RowMajorMatrix<F>> = if zk {
        heights
            .iter()
            .enumerate()
            .map(|(k, &h)| {
                let mut rng = seed.stream(segment_index, Purpose::FriMask, k as u32);
                let rows = (1usize << (h as usize - log_blowup)) + z;
                let coeffs = crate::zk::random_fields(&mut rng, 4 * rows);
                let mut lde = crate::poly::coset_lde_bit_reversed_to(
                    dft,
                    &coeffs,
                    4,
                    h as usize,
                    F::GENERATOR,
                );
                if let Some(edit) = &hooks.edit_fri_mask {
                    edit(k, &mut lde.values);
                }
                lde
            })
            .collect()
    } else {
        Vec::new()
    };
    let quotient_salts = if zk {
        salt_matrices(seed, segment_index, Purpose::QuotientSalt, &lde_heights)
    } else {
        Vec::new()
    };
    timer.mark("quotient values + LDE");
    let quotient_coeffs: Vec<Vec<Vec<F>>> = quotients
        .iter_mut()
        .map(|q| std::mem::take(&mut q.chunk_coeffs))
        .collect();
    let mut quotient_matrices = matrices(
        data.iter()
            .zip(&quotients)
            .map(|(d, q)| (&q.lde.values[..], q.lde.width, d.log_n + log_blowup)),
    );
    quotient_matrices.extend(matrices(
        fri_masks
            .iter()
            .zip(&heights)
            .map(|(m, &h)| (&m.values[..], 4, h as usize)),
    ));
    quotient_matrices.extend(matrices(
        quotient_salts
            .iter()
            .map(|(h, m)| (&m.values[..], m.width, *h as usize)),
    ));
    let quotient_tree = MixedTree::commit(&quotient_matrices, false);
    let quotient_cap = quotient_tree.cap(log_cap);
    absorb_cap(&mut transcript, &quotient_cap);
    timer.mark("quotient commit");
    let zeta = ext_from_array(&transcript.squeeze_ext());

    // Out-of-domain openings, table by table.
    let mut openings: Vec<TableOpenings> = Vec::with_capacity(ids.len());
    let mut ood_values: Vec<[Vec<EF>; 5]> = Vec::with_capacity(ids.len());
    for (t, d) in data.iter().enumerate() {
        let zeta_next = zeta * F::two_adic_generator(d.log_n);
        let main_local = eval_columns_at(&main_coeffs[t], d.width, zeta);
        let main_next = eval_columns_at(&main_coeffs[t], d.width, zeta_next);
        let (aux_local, aux_next) = match &auxes[t] {
            Some(a) => (
                eval_columns_at(&aux_coeffs[t], a.width, zeta),
                eval_columns_at(&aux_coeffs[t], a.width, zeta_next),
            ),
            None => (Vec::new(), Vec::new()),
        };
        let quotient: Vec<EF> = quotient_coeffs[t]
            .iter()
            .flat_map(|c| eval_columns_at(c, 4, zeta))
            .collect();
        let o = TableOpenings {
            main_local: to_arrays(&main_local),
            main_next: to_arrays(&main_next),
            aux_local: to_arrays(&aux_local),
            aux_next: to_arrays(&aux_next),
            quotient: to_arrays(&quotient),
        };
        transcript.absorb_ext_elements(&o.main_local);
        transcript.absorb_ext_elements(&o.main_next);
        if auxes[t].is_some() {
            transcript.absorb_ext_elements(&o.aux_local);
            transcript.absorb_ext_elements(&o.aux_next);
        }
        transcript.absorb_ext_elements(&o.quotient);
        openings.push(o);
        ood_values.push([main_local, main_next, aux_local, aux_next, quotient]);
    }
    let gamma = ext_from_array(&transcript.squeeze_ext());
    // Coefficients serve only the out-of-domain openings: free them before
    // DEEP, the phase of peak memory (every LDE is still needed there).
    drop((main_coeffs, aux_coeffs, quotient_coeffs));
    timer.mark("OOD openings");

    // DEEP: each table's terms on its LDE domain, summed per domain size, in
    // bit-reversed order; then FRI from the largest.
    let mut deep: Vec<DeepFunction> = heights
        .iter()
        .map(|&h| DeepFunction {
            log_size: h,
            values: vec![EF::ZERO; 1 << h],
        })
        .collect();
    for (t, d) in data.iter().enumerate() {
        let log_lde = d.log_n + log_blowup;
        let points = bit_reverse(&coset_points(log_lde, F::GENERATOR));
        let (aux_lde, aux_width) = match &auxes[t] {
            Some(a) => (&a.lde.values[..], a.width),
            None => (&[][..], 0),
        };
        let q = &quotients[t];
        let [main_local, main_next, aux_local, aux_next, quotient] = &ood_values[t];
        let terms = deep_composition(&DeepInput {
            trace_lde: &d.lde.values,
            trace_width: d.width,
            aux_lde,
            aux_width,
            quotient_lde: &q.lde.values,
            quotient_width: q.lde.width,
            points: &points,
            zeta,
            zeta_next: zeta * F::two_adic_generator(d.log_n),
            ood_trace_local: main_local,
            ood_trace_next: main_next,
            ood_aux_local: aux_local,
            ood_aux_next: aux_next,
            ood_quotient: quotient,
            gamma,
            gamma_offset: dims.tables[t].gamma_offset,
        });
        let target = deep
            .iter_mut()
            .find(|f| f.log_size as usize == log_lde)
            .expect("every table's LDE size is a DEEP size");
        target
            .values
            .par_iter_mut()
            .zip(terms.par_iter())
            .for_each(|(a, &b)| *a += b);
    }
    for (k, mask) in fri_masks.iter().enumerate() {
        let power = gamma.exp_u64((dims.mask_gamma_offset + k) as u64);
        deep[k]
            .values
            .par_iter_mut()
            .zip(mask.values.par_chunks(4))
            .for_each(|(a, row)| {
                *a += power * EF::from_basis_coefficients_fn(|e| row[e]);
            });
    }
    timer.mark("DEEP composition");
    let fri = fri::commit(
        &dft,
        deep,
        &dims.fri_log_arities,
        dims.final_poly_len,
        log_cap,
        &mut transcript,
    );
    let final_poly = to_arrays(&fri.final_poly);
    transcript.absorb_ext_elements(&final_poly);
    timer.mark("FRI commit");

    // Proof of work, then the queries.
    let pow_nonce = pow::grind(&transcript, params.pow_bits);
    transcript.absorb_u64(pow_nonce);
    timer.mark("proof of work");
    let open_phase = |tree: Option<&MixedTree>, ms: &[Matrix], index: usize| -> MultiOpening {
        match tree {
            Some(tree) => {
                let top = ms.iter().map(|m| m.log_height as usize).max().unwrap();
                tree.open(ms, index >> (log_max_lde - top), log_cap)
            }
            None => MultiOpening {
                rows: Vec::new(),
                path: Vec::new(),
            },
        }
    };
    let queries = (0..params.num_queries)
        .map(|_| {
            let index = transcript.squeeze_index(dims.log_max_lde) as usize;
            QueryProof {
                main: open_phase(Some(&main_tree), &main_matrices, index),
                aux: open_phase(aux_tree.as_ref(), &aux_matrices, index),
                quotient: open_phase(Some(&quotient_tree), &quotient_matrices, index),
                fri_steps: fri.open(index),
            }
        })
        .collect();
    timer.mark("queries");

    Ok(Proof {
        segment_values: segment.values.clone(),
        log_heights,
        main_commitment: main_cap,
        aux_commitment: aux_tree.as_ref().map_or(Vec::new(), |t| t.cap(log_cap)),
        claimed_sums,
        quotient_commitment: quotient_cap,
        openings,
        fri_commitments: fri.commitments(),
        final_poly,
        pow_nonce,
        queries,
    })
}
