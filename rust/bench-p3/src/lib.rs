//! Our prover against a Plonky3 reference, in one process, on one thread.
//!
//! Three proofs are timed (CPU time of the process, user + system, around the
//! prover call only; trace generation is excluded for every system):
//! - Plonky3's uni-stark proving its Keccak-f AIR (`p3-keccak-air`) over
//!   BabyBear with the quartic extension, SHA3-256 Merkle trees and transcript,
//!   and FRI parameters set as close to ours as its API allows (`p3_config`);
//! - our prover on the RV32IM fibonacci guest (`examples/bin/fibonacci.elf`),
//!   machine version 2 (the tables receipts use);
//! - the Fibonacci test AIR (two columns) in both systems: ours, and the same
//!   constraints written for Plonky3 (`P3FibonacciAir`), with the RV32IM
//!   parameters: a comparison of per-row costs on a narrow trace.
//!
//! Cells are counted the same way for every system: main trace width x rows,
//! summed over the tables (our RV32IM machine also has auxiliary LogUp traces
//! of extension columns, reported beside it but not counted in `cells`).

use std::time::Instant;

use p3_air::{Air, AirBuilder, BaseAir, WindowAccess};
use p3_baby_bear::BabyBear;
use p3_challenger::{HashChallenger, SerializingChallenger32};
use p3_commit::ExtensionMmcs;
use p3_field::extension::BinomialExtensionField;
use p3_field::PrimeCharacteristicRing;
use p3_fri::{FriParameters, TwoAdicFriPcs};
use p3_keccak::Sha3_256Hash;
use p3_keccak_air::{generate_trace_rows, KeccakAir, NUM_ROUNDS};
use p3_matrix::dense::RowMajorMatrix;
use p3_matrix::Matrix;
use p3_merkle_tree::MerkleTreeMmcs;
use p3_symmetric::{CompressionFunctionFromHasher, SerializingHasher};
use p3_uni_stark::StarkConfig;

use zkvm_prover::profile::process_cpu_seconds;
use zkvm_prover::ProverOptions;
use zkvm_verifier::air::{table_shape, tables, AirId};
use zkvm_verifier::protocol::params::{compact_params, StarkParams};
use zkvm_verifier::protocol::vk::VerifyingKey;
use zkvm_verifier::receipt;

// ---------------------------------------------------------------------------
// Shared parameters
// ---------------------------------------------------------------------------

/// The parameters of our RV32IM receipts (`receipt::rv32im_params`), which the
/// Plonky3 configuration copies where its API has the same knob.
pub fn our_params() -> StarkParams {
    receipt::rv32im_params()
}

// ---------------------------------------------------------------------------
// Plonky3 reference
// ---------------------------------------------------------------------------

pub type Val = BabyBear;
type Challenge = BinomialExtensionField<Val, 4>;
/// SHA3-256 (FIPS 202) on bytes, batched and vectorised by p3-keccak: the hash
/// of our Merkle trees and transcript.
type ByteHash = Sha3_256Hash;
/// Leaves: a row's field elements serialised to bytes, then SHA3-256.
type LeafHash = SerializingHasher<ByteHash>;
/// Nodes: SHA3-256 of the two 32-byte children.
type NodeCompress = CompressionFunctionFromHasher<ByteHash, 2, 32>;
type ValMmcs = MerkleTreeMmcs<Val, u8, LeafHash, NodeCompress, 2, 32>;
type ChallengeMmcs = ExtensionMmcs<Val, Challenge, ValMmcs>;
type Dft = p3_dft::Radix2DitParallel<Val>;
type Challenger = SerializingChallenger32<Val, HashChallenger<u8, ByteHash, 32>>;
type Pcs = TwoAdicFriPcs<Val, Dft, ValMmcs, ChallengeMmcs>;
/// The Plonky3 STARK configuration of the reference.
pub type P3Config = StarkConfig<Pcs, Challenge, Challenger>;

/// Plonky3's FRI parameters mirroring ours (`our_params`): same blowup, query
/// count, grinding (all of it before the queries, as ours), maximal folding
/// arity, final polynomial size and Merkle cap height.
pub struct P3Params {
    pub log_blowup: usize,
    pub num_queries: usize,
    pub query_pow_bits: usize,
    pub max_log_arity: usize,
    pub log_final_poly_len: usize,
    pub cap_height: usize,
}

impl P3Params {
    pub fn like_ours() -> P3Params {
        let p = our_params();
        P3Params {
            log_blowup: p.log_blowup as usize,
            num_queries: p.num_queries as usize,
            query_pow_bits: p.pow_bits as usize,
            max_log_arity: p.log_fri_arity as usize,
            log_final_poly_len: p.log_final_poly_len as usize,
            cap_height: p.log_cap_height as usize,
        }
    }
}

/// Builds the Plonky3 configuration for `params`.
pub fn p3_config(params: &P3Params) -> P3Config {
    let leaf_hash = LeafHash::new(ByteHash {});
    let compress = NodeCompress::new(ByteHash {});
    let val_mmcs = ValMmcs::new(leaf_hash, compress, params.cap_height);
    let challenge_mmcs = ChallengeMmcs::new(val_mmcs.clone());
    let fri = FriParameters {
        log_blowup: params.log_blowup,
        log_final_poly_len: params.log_final_poly_len,
        max_log_arity: params.max_log_arity,
        num_queries: params.num_queries,
        batch_proof_of_work_bits: 0,
        commit_proof_of_work_bits: 0,
        query_proof_of_work_bits: params.query_pow_bits,
        mmcs: challenge_mmcs,
    };
    let pcs = Pcs::new(Dft::default(), val_mmcs, fri);
    let challenger = Challenger::from_hasher(vec![], ByteHash {});
    P3Config::new(pcs, challenger)
}

/// Number of Keccak-f permutations whose trace (24 rows each, padded to a
/// power of two) has exactly 2^log_rows rows: the most that fit.
pub fn keccak_permutations_for(log_rows: u32) -> usize {
    (1usize << log_rows) / NUM_ROUNDS
}

/// Deterministic permutation inputs (splitmix64), so that every run proves
/// the same trace.
pub fn keccak_inputs(count: usize, seed: u64) -> Vec<[u64; 25]> {
    let mut state = seed;
    let mut next = || {
        state = state.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = state;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    };
    (0..count)
        .map(|_| std::array::from_fn(|_| next()))
        .collect()
}

/// One timed proof.
#[derive(Clone, Debug)]
pub struct Measurement {
    pub system: &'static str,
    pub air: String,
    /// Main trace columns (base field), summed over the tables.
    pub width: usize,
    /// Number of tables (1 for a uni-stark AIR).
    pub tables: usize,
    /// log2 of the tallest table's rows.
    pub log_rows: u32,
    /// Main trace cells (width x rows, summed over the tables).
    pub main_cells: u64,
    /// Auxiliary (LogUp) cells, an extension cell counting 4 (0 if none).
    pub aux_cells: u64,
    /// Process CPU seconds (user + system) around the prover call.
    pub prove_cpu: f64,
    pub prove_wall: f64,
    /// Proof size in bytes, where the system serialises its proof here.
    pub proof_bytes: Option<usize>,
    /// Extra facts for the report (input, cycles).
    pub note: String,
    /// RISC-V cycles proven (0 for the other AIRs).
    pub cycles: u64,
}

impl Measurement {
    /// A single-table measurement without auxiliary columns.
    fn single(
        system: &'static str,
        air: String,
        width: usize,
        log_rows: u32,
        prove_cpu: f64,
        prove_wall: f64,
        proof_bytes: Option<usize>,
    ) -> Measurement {
        Measurement {
            system,
            air,
            width,
            tables: 1,
            log_rows,
            main_cells: (width as u64) << log_rows,
            aux_cells: 0,
            prove_cpu,
            prove_wall,
            proof_bytes,
            note: String::new(),
            cycles: 0,
        }
    }
    /// Main trace cells.
    pub fn cells(&self) -> u64 {
        self.main_cells
    }
    /// Base-field cells including the auxiliary traces.
    pub fn cells_with_aux(&self) -> u64 {
        self.main_cells + self.aux_cells
    }
    pub fn cells_per_cpu_second(&self) -> f64 {
        self.cells() as f64 / self.prove_cpu.max(1e-9)
    }
}

/// Errors of a benchmark step (a proof that fails to verify is an error).
#[derive(Debug)]
pub struct BenchError(pub String);

impl std::fmt::Display for BenchError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for BenchError {}

/// Runs `f` on a rayon pool of one thread (Plonky3 parallelises through rayon).
fn on_one_thread<T: Send>(f: impl FnOnce() -> T + Send) -> Result<T, BenchError> {
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .build()
        .map_err(|e| BenchError(format!("thread pool: {e}")))?;
    Ok(pool.install(f))
}

/// A Plonky3 proof of the reference.
pub type P3Proof = p3_uni_stark::Proof<P3Config>;

/// Proves Plonky3's Keccak AIR on `permutations` permutations on one thread:
/// returns the proof, the trace's (width, height), and the prover call's
/// process CPU seconds and wall seconds (trace generation is not timed).
pub fn plonky3_keccak_proof(
    config: &P3Config,
    params: &P3Params,
    permutations: usize,
) -> Result<(P3Proof, (usize, usize), f64, f64), BenchError> {
    let trace = generate_trace_rows::<Val>(keccak_inputs(permutations, 1), params.log_blowup);
    let shape = (trace.width(), trace.height());
    let (proof, cpu, wall) = on_one_thread(|| {
        let cpu = process_cpu_seconds();
        let wall = Instant::now();
        let proof = p3_uni_stark::prove(config, &KeccakAir {}, trace, &[]);
        (
            proof,
            process_cpu_seconds() - cpu,
            wall.elapsed().as_secs_f64(),
        )
    })?;
    let proof = proof.map_err(|e| BenchError(format!("Plonky3 prove: {e:?}")))?;
    Ok((proof, shape, cpu, wall))
}

/// Verifies a Plonky3 proof of the reference.
pub fn plonky3_keccak_verify(config: &P3Config, proof: &P3Proof) -> Result<(), BenchError> {
    p3_uni_stark::verify(config, &KeccakAir {}, proof, &[])
        .map_err(|e| BenchError(format!("Plonky3 verify: {e:?}")))
}

/// Proves Plonky3's Keccak AIR on `permutations` permutations (trace generation
/// not timed), verifies the proof, and returns the measurement.
pub fn prove_plonky3_keccak(
    params: &P3Params,
    permutations: usize,
) -> Result<Measurement, BenchError> {
    let config = p3_config(params);
    let (proof, (width, height), cpu, wall) = plonky3_keccak_proof(&config, params, permutations)?;
    plonky3_keccak_verify(&config, &proof)?;
    let mut m = Measurement::single(
        "Plonky3 uni-stark",
        "Keccak-f (p3-keccak-air)".into(),
        width,
        height.trailing_zeros(),
        cpu,
        wall,
        None,
    );
    m.note = format!("{permutations} permutations");
    Ok(m)
}

/// Our Fibonacci test AIR (zkvm_verifier air/test/fibonacci.rs) written for
/// Plonky3: columns (a, b); first row (a, b) = (p0, p1); a' = b, b' = a + b on
/// transitions; last row b = p2. Same five constraints, same degree (2).
pub struct P3FibonacciAir;

impl<F> BaseAir<F> for P3FibonacciAir {
    fn width(&self) -> usize {
        2
    }
    fn num_public_values(&self) -> usize {
        3
    }
}

impl<AB: AirBuilder> Air<AB> for P3FibonacciAir {
    fn eval(&self, builder: &mut AB) {
        let main = builder.main();
        let public: Vec<AB::PublicVar> = builder.public_values().to_vec();
        let (a, b) = (main.current_slice()[0], main.current_slice()[1]);
        let (a_next, b_next) = (main.next_slice()[0], main.next_slice()[1]);
        builder.when_first_row().assert_eq(a, public[0]);
        builder.when_first_row().assert_eq(b, public[1]);
        builder.when_transition().assert_eq(a_next, b);
        builder
            .when_transition()
            .assert_eq(b_next, a.into() + b.into());
        builder.when_last_row().assert_eq(b, public[2]);
    }
}

/// The Fibonacci trace of 2^log_rows rows from (1, 1) and its public values,
/// as our `fibonacci_trace(log_rows, 1, 1)` builds it.
pub fn p3_fibonacci_trace(log_rows: u32) -> (RowMajorMatrix<Val>, Vec<Val>) {
    let n = 1usize << log_rows;
    let mut values = Vec::with_capacity(2 * n);
    let (mut a, mut b) = (Val::ONE, Val::ONE);
    for _ in 0..n {
        values.push(a);
        values.push(b);
        (a, b) = (b, a + b);
    }
    let last = values[2 * n - 1];
    (
        RowMajorMatrix::new(values, 2),
        vec![Val::ONE, Val::ONE, last],
    )
}

/// Proves the Fibonacci AIR with Plonky3 at 2^log_rows rows, verifies it.
pub fn prove_plonky3_fibonacci(
    params: &P3Params,
    log_rows: u32,
) -> Result<Measurement, BenchError> {
    let config = p3_config(params);
    let (trace, public) = p3_fibonacci_trace(log_rows);
    let width = trace.width();
    let (proof, cpu, wall) = on_one_thread(|| {
        let cpu = process_cpu_seconds();
        let wall = Instant::now();
        let proof = p3_uni_stark::prove(&config, &P3FibonacciAir, trace, &public);
        (
            proof,
            process_cpu_seconds() - cpu,
            wall.elapsed().as_secs_f64(),
        )
    })?;
    let proof = proof.map_err(|e| BenchError(format!("Plonky3 prove (Fibonacci AIR): {e:?}")))?;
    p3_uni_stark::verify(&config, &P3FibonacciAir, &proof, &public)
        .map_err(|e| BenchError(format!("Plonky3 verify (Fibonacci AIR): {e:?}")))?;
    Ok(Measurement::single(
        "Plonky3 uni-stark",
        "Fibonacci AIR (ours, for Plonky3)".into(),
        width,
        log_rows,
        cpu,
        wall,
        None,
    ))
}

// ---------------------------------------------------------------------------
// Our prover
// ---------------------------------------------------------------------------

fn our_options() -> ProverOptions {
    // As `zkvm bench`: one thread, without the optional constraint self-check
    // (Plonky3 checks constraints only in debug builds).
    ProverOptions {
        num_threads: Some(1),
        check_constraints: false,
        zk_seed: None,
    }
}

/// Cycles of the fibonacci guest's run with input n (the rows of the CPU
/// table, the tallest table from 2^16 cycles on). None if the run fails.
pub fn fibonacci_rows(program: &zkvm_executor::Program, n: u32) -> Option<u64> {
    let input = n.to_le_bytes();
    let mut machine = zkvm_executor::Machine::new(program, &input).ok()?;
    machine.run(1 << 23).ok()?;
    Some(machine.cycles())
}

/// The largest n whose fibonacci run takes at most 2^log_rows cycles (bisection).
pub fn calibrate_fibonacci(elf: &[u8], log_rows: u32) -> Result<u32, BenchError> {
    let program = zkvm_executor::Program::from_elf(elf)
        .map_err(|e| BenchError(format!("fibonacci ELF: {e:?}")))?;
    let target = 1u64 << log_rows;
    let fits = |n: u32| fibonacci_rows(&program, n).is_some_and(|r| r <= target);
    let (mut lo, mut hi) = (0u32, 1u32 << 22);
    if !fits(lo) {
        return Err(BenchError(format!(
            "fibonacci: even n = 0 exceeds 2^{log_rows} cycles"
        )));
    }
    while hi - lo > 1 {
        let mid = lo + (hi - lo) / 2;
        if fits(mid) {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    Ok(lo)
}

/// Proves the RV32IM fibonacci guest on input n with the receipts' machine
/// (version 2: a CPU table and coprocessor tables of their own heights;
/// execution and trace building not timed), verifies the proof, and returns
/// the measurement with every table's cells.
pub fn prove_rv32im_fibonacci(elf: &[u8], n: u32) -> Result<Measurement, BenchError> {
    let input = n.to_le_bytes().to_vec();
    let vk = receipt::verifying_key(elf).map_err(|e| BenchError(format!("vk: {e:?}")))?;
    let witness = zkvm_prover::rv32im2::run::build_traces(
        &vk.air,
        elf,
        &input,
        zkvm_prover::rv32im2::run::DEFAULT_MAX_CYCLES,
    )
    .map_err(|e| BenchError(format!("trace: {e:?}")))?;
    let statement = witness
        .statement(&vk, &input)
        .map_err(|e| BenchError(format!("statement: {e:?}")))?;
    let ids = tables(&vk.air);
    let width: usize = ids.iter().map(|id| table_shape(id).width).sum();
    let aux_cells = witness.aux_cells(&vk.air) as u64;
    let main_cells = witness.main_cells as u64;
    let log_rows = witness.log_rows();
    let cpu = process_cpu_seconds();
    let wall = Instant::now();
    let proof = zkvm_prover::prove(&vk, &witness.traces, &statement, &our_options());
    let (prove_cpu, prove_wall) = (process_cpu_seconds() - cpu, wall.elapsed().as_secs_f64());
    let proof = proof.map_err(|e| BenchError(format!("our prove: {e:?}")))?;
    zkvm_verifier::verify(&vk, &statement, &proof)
        .map_err(|e| BenchError(format!("our verify: {e:?}")))?;
    Ok(Measurement {
        system: "ours",
        air: "RV32IM (machine version 2), fibonacci guest".into(),
        width,
        tables: ids.len(),
        log_rows,
        main_cells,
        aux_cells,
        prove_cpu,
        prove_wall,
        proof_bytes: Some(proof.len()),
        note: format!("n = {n}, {} cycles", witness.cycles),
        cycles: witness.cycles,
    })
}

/// Proves our Fibonacci test AIR (2 columns) at 2^log_rows rows with the
/// RV32IM parameters, verifies it, and returns the measurement.
pub fn prove_fibonacci_air(log_rows: u32) -> Result<Measurement, BenchError> {
    let (trace, statement) = zkvm_prover::trace::fibonacci_trace(log_rows, 1, 1);
    let vk = VerifyingKey {
        air: AirId::Fibonacci,
        params: compact_params(),
    };
    let cpu = process_cpu_seconds();
    let wall = Instant::now();
    let proof = zkvm_prover::prove(
        &vk,
        std::slice::from_ref(&trace),
        &statement,
        &our_options(),
    );
    let (prove_cpu, prove_wall) = (process_cpu_seconds() - cpu, wall.elapsed().as_secs_f64());
    let proof = proof.map_err(|e| BenchError(format!("our prove (Fibonacci AIR): {e:?}")))?;
    zkvm_verifier::verify(&vk, &statement, &proof)
        .map_err(|e| BenchError(format!("our verify (Fibonacci AIR): {e:?}")))?;
    Ok(Measurement::single(
        "ours",
        "Fibonacci test AIR".into(),
        trace.width(),
        log_rows,
        prove_cpu,
        prove_wall,
        Some(proof.len()),
    ))
}

// ---------------------------------------------------------------------------
// Report
// ---------------------------------------------------------------------------

/// The measurement with the median prove CPU time (runs of one configuration).
pub fn median(runs: &[Measurement]) -> Measurement {
    let mut sorted = runs.to_vec();
    sorted.sort_by(|a, b| a.prove_cpu.total_cmp(&b.prove_cpu));
    sorted[sorted.len() / 2].clone()
}

fn millions(x: f64) -> String {
    format!("{:.2} M", x / 1e6)
}

/// One line of the report: the median measurement, every run's prove CPU
/// seconds, and the index of the Plonky3 line it is compared with.
pub struct Line {
    pub median: Measurement,
    pub runs_cpu: Vec<f64>,
    pub compared_with: Option<usize>,
}

/// The markdown table, one line per configuration; the ratio is this line's
/// cells per CPU-second over its Plonky3 counterpart's.
pub fn table(lines: &[Line]) -> String {
    let mut out = String::from(
        "| # | system | AIR | columns | tallest table | main cells (width x rows, all tables) | prove CPU-s (median) | runs, CPU-s | cells per CPU-s | ratio ours/Plonky3 |\n\
         |---:|---|---|---:|---:|---:|---:|---|---:|---:|\n",
    );
    for (i, line) in lines.iter().enumerate() {
        let m = &line.median;
        let ratio = match line.compared_with.and_then(|j| lines.get(j)) {
            Some(r) => format!(
                "{:.2} (vs #{})",
                m.cells_per_cpu_second() / r.median.cells_per_cpu_second(),
                line.compared_with.unwrap_or(0) + 1
            ),
            None => "-".into(),
        };
        let runs: Vec<String> = line.runs_cpu.iter().map(|s| format!("{s:.2}")).collect();
        let air = if m.note.is_empty() {
            m.air.clone()
        } else {
            format!("{} ({})", m.air, m.note)
        };
        let width = if m.tables > 1 {
            format!("{} in {} tables", m.width, m.tables)
        } else {
            m.width.to_string()
        };
        out.push_str(&format!(
            "| {} | {} | {} | {} | 2^{} | {} | {:.2} | {} | {} | {} |\n",
            i + 1,
            m.system,
            air,
            width,
            m.log_rows,
            millions(m.cells() as f64),
            m.prove_cpu,
            runs.join(", "),
            millions(m.cells_per_cpu_second()),
            ratio
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use p3_keccak_air::NUM_KECCAK_COLS;

    #[test]
    fn keccak_permutation_count_fills_the_rows() {
        for log_rows in 8..20 {
            let k = keccak_permutations_for(log_rows);
            assert_eq!((k * NUM_ROUNDS).next_power_of_two(), 1 << log_rows);
            assert!((k + 1) * NUM_ROUNDS > 1 << log_rows);
        }
    }

    #[test]
    fn params_mirror_ours() {
        let p = P3Params::like_ours();
        let o = our_params();
        assert_eq!(p.log_blowup, o.log_blowup as usize);
        assert_eq!(p.num_queries, o.num_queries as usize);
        assert_eq!(p.query_pow_bits, o.pow_bits as usize);
        assert_eq!(p.max_log_arity, o.log_fri_arity as usize);
        assert_eq!(p.cap_height, o.log_cap_height as usize);
        assert_eq!(p.log_final_poly_len, o.log_final_poly_len as usize);
        assert_eq!(NUM_KECCAK_COLS, 2633);
    }
}
