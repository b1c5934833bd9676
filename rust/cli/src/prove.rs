//! `zkvm prove`: run a guest, prove the run, write the receipt, check it.
//!
//! Also the proving core shared with `zkvm bench` (`prove_run`): the SDK's
//! `Prover`, whose progress callback reports each phase as it happens.

use crate::error::CliError;
use crate::output::PendingFile;
use crate::progress::{format_bytes, format_rate, format_seconds, peak_rss_text, Phase};
use clap::Args;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};
use zkvm_executor::ExecError;
use zkvm_prover::rv32im2::TraceError;
use zkvm_sdk::{Error as SdkError, Progress, Prover};
use zkvm_verifier::air::rv32im::cpu::MAX_LOG_HEIGHT as MAX_LOG_ROWS;
use zkvm_verifier::receipt;

#[derive(Args, Debug)]
pub struct ProveArgs {
    /// Guest program (static RV32IM ELF executable).
    #[arg(long, value_name = "FILE")]
    pub elf: PathBuf,
    /// File whose bytes the guest reads from fd 0 (default: no input).
    #[arg(long, value_name = "FILE")]
    pub input: Option<PathBuf>,
    /// File whose bytes the guest reads from fd 3, the private input: the
    /// receipt proves the run but holds neither these bytes nor their length.
    #[arg(long, value_name = "FILE")]
    pub private_input: Option<PathBuf>,
    /// Where to write the receipt.
    #[arg(short = 'o', long = "out", value_name = "FILE")]
    pub out: PathBuf,
    /// Prover threads (default: one per core).
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..))]
    pub threads: Option<u32>,
    /// Cycles per segment (1 to 2^20, default 2^18): a longer run is proved
    /// in segments joined by the receipt; smaller segments need less memory.
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u64).range(1..=(1 << MAX_LOG_ROWS)))]
    pub segment_cycles: Option<u64>,
    /// Replace the output file if it exists.
    #[arg(long)]
    pub force: bool,
    /// Fix the zero-knowledge seed (64 hex digits) instead of drawing one:
    /// for tests that compare receipts byte for byte.
    #[arg(long, value_name = "HEX", value_parser = crate::scale::parse_seed, hide = true)]
    pub zk_seed: Option<[u8; 32]>,
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
    pub receipt: zkvm_sdk::Receipt,
    pub log_rows: u32,
    pub cpu_rows: usize,
    /// Base-field cells of the main traces and of the LogUp traces (4 per
    /// extension cell), every table summed.
    pub main_cells: usize,
    pub aux_cells: usize,
    pub trace_time: Duration,
    pub prove_time: Duration,
}

fn trace_error(elf_path: &Path, e: TraceError) -> CliError {
    match e {
        TraceError::Elf(source) => CliError::InvalidElf {
            path: elf_path.to_owned(),
            source,
        },
        TraceError::Exec(ExecError::CycleLimitExceeded { limit }) => CliError::Prove(format!(
            "the program did not exit within {limit} cycles (the most a receipt can hold)"
        )),
        TraceError::Exec(source) => {
            CliError::Prove(format!("the program does not run to completion: {source}"))
        }
        TraceError::TooLarge(what) => CliError::Prove(format!(
            "the run is too large to prove (at most 2^{MAX_LOG_ROWS} rows per segment): {what}"
        )),
        TraceError::Inconsistent(what) => CliError::Prove(format!(
            "internal error, the trace disagrees with the executor: {what}"
        )),
    }
}

/// The CLI's message for each error of the SDK's prover.
fn sdk_error(elf_path: &Path, e: SdkError) -> CliError {
    match e {
        SdkError::Elf(source) => CliError::InvalidElf {
            path: elf_path.to_owned(),
            source,
        },
        SdkError::Program(error) => CliError::Program {
            path: elf_path.to_owned(),
            error,
        },
        SdkError::Trace(e) => trace_error(elf_path, e),
        SdkError::Run { cycles, error } => CliError::Execution {
            cycles,
            source: error,
        },
        SdkError::Statement(error) => CliError::Prove(format!("invalid statement: {error:?}")),
        SdkError::Verify(error) => CliError::Verify {
            path: PathBuf::from("(fresh receipt)"),
            error,
        },
        other => CliError::Prove(other.to_string()),
    }
}

/// Executes `elf` on `input` (and the private input `private`, fd 3),
/// builds the traces and proves them, through the
/// SDK's `Prover` (which also verifies the new receipt). With `verbose`, each
/// phase is reported on stderr as the prover's progress callback announces it.
pub fn prove_run(
    elf_path: &Path,
    elf: &[u8],
    input: &[u8],
    private: &[u8],
    threads: Option<u32>,
    segment_cycles: Option<u64>,
    zk_seed: Option<[u8; 32]>,
    verbose: bool,
) -> Result<ProvenRun, CliError> {
    let mut prover = Prover::new(elf)
        .map_err(|e| sdk_error(elf_path, e))?
        .with_input_bytes(input)
        .with_private_input_bytes(private);
    if let Some(t) = threads {
        prover = prover.with_threads(t as usize);
    }
    if let Some(c) = segment_cycles {
        prover = prover.with_segment_cycles(c);
    }
    if let Some(seed) = zk_seed {
        prover = prover.with_zk_seed(seed);
    }
    if verbose {
        eprintln!(
            "zkvm prove: {} with {} input bytes",
            elf_path.display(),
            input.len()
        );
    }
    let threads_text = match threads {
        Some(1) => "1 thread".to_owned(),
        Some(t) => format!("{t} threads"),
        None => format!("{} threads", rayon_threads()),
    };
    let mut phase: Option<Phase> = None;
    let (receipt, stats) = prover
        .prove_with(|step| {
            if !verbose {
                return;
            }
            match step {
                Progress::Executing => {
                    phase = Some(Phase::start("[1/3] executing + building trace"));
                }
                Progress::Segment {
                    pass,
                    index,
                    cycles,
                } => {
                    let what = if pass == 1 { "committed" } else { "proving" };
                    eprintln!("      segment {index}: {cycles} cycles ({what})");
                }
                Progress::Executed(t) => {
                    if let Some(p) = phase.take() {
                        p.done(&format!(
                            "{} cycles in {} segment{}, {} tables, the tallest 2^{} rows, \
                             {:.1} M main-trace cells",
                            t.cycles,
                            t.segments,
                            if t.segments == 1 { "" } else { "s" },
                            t.tables,
                            t.log_rows,
                            t.main_cells as f64 / 1e6
                        ));
                    }
                }
                Progress::Proving { .. } => {
                    phase = Some(Phase::start(&format!("[2/3] proving ({threads_text})")));
                }
                Progress::Proved { proof_bytes, .. } => {
                    if let Some(p) = phase.take() {
                        p.done(&format!("proof {}", format_bytes(proof_bytes as u64)));
                    }
                }
                // The CLI verifies the receipt it writes, as step 3.
                Progress::Verifying | Progress::Verified { .. } => {}
            }
        })
        .map_err(|e| sdk_error(elf_path, e))?;
    Ok(ProvenRun {
        log_rows: stats.trace.log_rows,
        cpu_rows: stats.trace.cycles as usize,
        main_cells: stats.trace.main_cells,
        aux_cells: stats.trace.aux_cells,
        trace_time: Duration::from_secs_f64(stats.trace.seconds),
        prove_time: Duration::from_secs_f64(stats.prove_seconds),
        receipt,
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
    if let Some(private) = &args.private_input {
        inputs.push(private);
    }
    let elf = read_file("ELF file", &args.elf)?;
    let input = match &args.input {
        Some(path) => read_file("input file", path)?,
        None => Vec::new(),
    };
    let private = match &args.private_input {
        Some(path) => read_file("private input file", path)?,
        None => Vec::new(),
    };
    let mut pending = PendingFile::create(&args.out, &inputs, args.force)?;
    let run = prove_run(
        &args.elf,
        &elf,
        &input,
        &private,
        args.threads,
        args.segment_cycles,
        args.zk_seed,
        true,
    )?;
    let bytes = run.receipt.to_bytes();
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
    debug_assert_eq!(verified.cycles, r.cycles());
    let total = run.trace_time + run.prove_time;
    println!("receipt written to {}", args.out.display());
    println!("  exit code:    {}", r.exit_code());
    println!("  cycles:       {}", r.cycles());
    println!("  trace rows:   2^{} ({} used)", run.log_rows, run.cpu_rows);
    println!(
        "  input:        {} bytes ({} read by the program)",
        r.input().len(),
        r.input_consumed()
    );
    println!("  output:       {} bytes", r.output_bytes().len());
    println!(
        "  prove time:   {} (execute + trace {}, prove {})",
        format_seconds(total.as_secs_f64()),
        format_seconds(run.trace_time.as_secs_f64()),
        format_seconds(run.prove_time.as_secs_f64())
    );
    println!(
        "  speed:        {} cycles/s of prove time",
        format_rate(r.cycles() as f64 / total.as_secs_f64().max(1e-9))
    );
    println!(
        "  receipt size: {} (proof {})",
        format_bytes(bytes.len() as u64),
        format_bytes(r.proof_len() as u64)
    );
    println!(
        "  verify time:  {} (receipt verified)",
        format_seconds(verify_time.as_secs_f64())
    );
    println!("  peak memory:  {}", peak_rss_text());
    Ok(())
}
