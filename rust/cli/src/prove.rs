//! `zkvm prove`: run a guest, prove the run, write the receipt, check it.
//!
//! Also the proving core shared with `zkvm bench` (`prove_run`), which is
//! `zkvm_prover::rv32im2::run::prove_elf` split into its two phases so that each
//! can be reported as it happens.

use crate::error::CliError;
use crate::output::PendingFile;
use crate::progress::{format_bytes, format_rate, format_seconds, peak_rss_text, Phase};
use clap::Args;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};
use zkvm_executor::ExecError;
use zkvm_prover::rv32im2::run::{build_traces, DEFAULT_MAX_CYCLES};
use zkvm_prover::rv32im2::TraceError;
use zkvm_prover::ProverOptions;
use zkvm_verifier::air::rv32im::cpu::MAX_LOG_HEIGHT as MAX_LOG_ROWS;
use zkvm_verifier::air::AirId;
use zkvm_verifier::receipt::{self, Receipt};

#[derive(Args, Debug)]
pub struct ProveArgs {
    /// Guest program (static RV32IM ELF executable).
    #[arg(long, value_name = "FILE")]
    pub elf: PathBuf,
    /// File whose bytes the guest reads from fd 0 (default: no input).
    #[arg(long, value_name = "FILE")]
    pub input: Option<PathBuf>,
    /// Where to write the receipt.
    #[arg(short = 'o', long = "out", value_name = "FILE")]
    pub out: PathBuf,
    /// Prover threads (default: one per core).
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..))]
    pub threads: Option<u32>,
    /// Replace the output file if it exists.
    #[arg(long)]
    pub force: bool,
}

pub fn read_file(what: &'static str, path: &Path) -> Result<Vec<u8>, CliError> {
    std::fs::read(path).map_err(|source| CliError::ReadFile {
        what,
        path: path.to_owned(),
        source,
    })
}

/// A proven run and its figures.
pub struct ProvenRun {
    pub receipt: Receipt,
    pub log_rows: u32,
    pub cpu_rows: usize,
    /// Base-field cells of the main traces and of the LogUp traces (4 per
    /// extension cell), every table summed.
    pub main_cells: usize,
    pub aux_cells: usize,
    pub trace_time: Duration,
    pub prove_time: Duration,
}

pub fn options(threads: Option<u32>) -> ProverOptions {
    // No constraint self-check (a normative evaluation of every row): the
    // receipt is verified right after proving, which rejects a bad trace.
    ProverOptions {
        num_threads: threads.map(|t| t as usize),
        check_constraints: false,
    }
}

fn trace_error(elf_path: &Path, e: TraceError) -> CliError {
    match e {
        TraceError::Elf(source) => CliError::InvalidElf {
            path: elf_path.to_owned(),
            source,
        },
        TraceError::Exec(ExecError::CycleLimitExceeded { limit }) => CliError::Prove(format!(
            "the program did not exit within {limit} cycles (the most one proof can hold)"
        )),
        TraceError::Exec(source) => {
            CliError::Prove(format!("the program does not run to completion: {source}"))
        }
        TraceError::TooLarge(what) => CliError::Prove(format!(
            "the run is too large for one proof (at most 2^{MAX_LOG_ROWS} rows): {what}"
        )),
        TraceError::Inconsistent(what) => CliError::Prove(format!(
            "internal error, the trace disagrees with the executor: {what}"
        )),
    }
}

/// Executes `elf` on `input`, builds the trace and proves it. With
/// `verbose`, each phase is reported on stderr as it runs.
pub fn prove_run(
    elf_path: &Path,
    elf: &[u8],
    input: &[u8],
    threads: Option<u32>,
    verbose: bool,
) -> Result<ProvenRun, CliError> {
    // The executor's loader first: its messages are the most specific.
    zkvm_executor::Program::from_elf(elf).map_err(|source| CliError::InvalidElf {
        path: elf_path.to_owned(),
        source,
    })?;
    let vk = receipt::verifying_key(elf).map_err(|error| CliError::Program {
        path: elf_path.to_owned(),
        error,
    })?;
    if !matches!(vk.air, AirId::Rv32imV2(_)) {
        return Err(CliError::Prove("internal error: not an RV32IM key".into()));
    }

    if verbose {
        eprintln!(
            "zkvm prove: {} with {} input bytes",
            elf_path.display(),
            input.len()
        );
    }
    let phase = verbose.then(|| Phase::start("[1/3] executing + building trace"));
    let started = Instant::now();
    let witness = build_traces(&vk.air, elf, input, DEFAULT_MAX_CYCLES)
        .map_err(|e| trace_error(elf_path, e))?;
    let trace_time = started.elapsed();
    let log_rows = witness.log_rows();
    if let Some(phase) = phase {
        phase.done(&format!(
            "{} cycles, {} tables, the tallest 2^{log_rows} rows, {:.1} M main-trace cells",
            witness.cycles,
            witness.traces.len(),
            witness.main_cells as f64 / 1e6
        ));
    }

    let aux_cells = witness.aux_cells(&vk.air);
    let statement = receipt::statement_of(
        &vk,
        witness.exit_code,
        witness.cycles,
        witness.input_consumed as u32,
        input.to_vec(),
        witness.output.clone(),
    )
    .map_err(|error| CliError::Prove(format!("invalid statement: {error}")))?;
    let threads_text = match threads {
        Some(1) => "1 thread".to_owned(),
        Some(t) => format!("{t} threads"),
        None => format!("{} threads", rayon_threads()),
    };
    let phase = verbose.then(|| Phase::start(&format!("[2/3] proving ({threads_text})")));
    let started = Instant::now();
    let proof = zkvm_prover::prove(&vk, &witness.traces, &statement, &options(threads))
        .map_err(|e| CliError::Prove(format!("the prover failed: {e:?}")))?;
    let prove_time = started.elapsed();
    if let Some(phase) = phase {
        phase.done(&format!("proof {}", format_bytes(proof.len() as u64)));
    }
    Ok(ProvenRun {
        receipt: Receipt {
            exit_code: witness.exit_code,
            cycles: witness.cycles,
            input_consumed: witness.input_consumed as u32,
            input: input.to_vec(),
            output: witness.output,
            proof,
        },
        log_rows,
        cpu_rows: witness.cycles as usize,
        main_cells: witness.main_cells,
        aux_cells,
        trace_time,
        prove_time,
    })
}

/// Threads of the default (global) rayon pool: RAYON_NUM_THREADS if set,
/// else one per core.
pub fn rayon_threads() -> usize {
    match std::env::var("RAYON_NUM_THREADS")
        .ok()
        .and_then(|v| v.trim().parse::<usize>().ok())
    {
        Some(n) if n > 0 => n,
        _ => std::thread::available_parallelism()
            .map(|n| n.get())
            .unwrap_or(1),
    }
}

pub fn prove(args: &ProveArgs) -> Result<(), CliError> {
    // Every check on the output path happens before any work.
    let mut inputs: Vec<&Path> = vec![&args.elf];
    if let Some(input) = &args.input {
        inputs.push(input);
    }
    let elf = read_file("ELF file", &args.elf)?;
    let input = match &args.input {
        Some(path) => read_file("input file", path)?,
        None => Vec::new(),
    };
    let mut pending = PendingFile::create(&args.out, &inputs, args.force)?;
    let run = prove_run(&args.elf, &elf, &input, args.threads, true)?;
    let bytes = receipt::encode_receipt(&run.receipt);
    pending.write_all(&bytes)?;

    // Verify what is on disk before it takes the output's name.
    let phase = Phase::start("[3/3] verifying the written receipt");
    let written = read_file("receipt file", pending.temp_path())?;
    let started = Instant::now();
    let vk = receipt::verifying_key(&elf).map_err(|error| CliError::Program {
        path: args.elf.clone(),
        error,
    })?;
    let verified = receipt::verify_receipt(&vk, &written).map_err(|error| CliError::Verify {
        path: args.out.clone(),
        error,
    })?;
    let verify_time = started.elapsed();
    phase.done("ok");
    pending.persist()?;

    let r = &run.receipt;
    debug_assert_eq!(verified.cycles, r.cycles);
    let total = run.trace_time + run.prove_time;
    println!("receipt written to {}", args.out.display());
    println!("  exit code:    {}", r.exit_code);
    println!("  cycles:       {}", r.cycles);
    println!("  trace rows:   2^{} ({} used)", run.log_rows, run.cpu_rows);
    println!(
        "  input:        {} bytes ({} read by the program)",
        r.input.len(),
        r.input_consumed
    );
    println!("  output:       {} bytes", r.output.len());
    println!(
        "  prove time:   {} (execute + trace {}, prove {})",
        format_seconds(total.as_secs_f64()),
        format_seconds(run.trace_time.as_secs_f64()),
        format_seconds(run.prove_time.as_secs_f64())
    );
    println!(
        "  speed:        {} cycles/s of prove time",
        format_rate(r.cycles as f64 / total.as_secs_f64().max(1e-9))
    );
    println!(
        "  receipt size: {} (proof {})",
        format_bytes(bytes.len() as u64),
        format_bytes(r.proof.len() as u64)
    );
    println!(
        "  verify time:  {} (receipt verified)",
        format_seconds(verify_time.as_secs_f64())
    );
    println!("  peak memory:  {}", peak_rss_text());
    Ok(())
}
