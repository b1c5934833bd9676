//! Scale-out: proving a run's segments as separate commands over files, for
//! a batch scheduler (a Kubernetes Indexed Job, a Slurm job array, GNU
//! parallel; docs/book/performance.md). Four steps:
//!
//!   zkvm plan --elf X [--input F] [--private-input F] [--segment-cycles N] DIR    once
//!   zkvm commit-segment DIR --index I                          for every I
//!   zkvm prove-segment DIR --index I                           for every I, after all commits
//!   zkvm finish DIR -o RECEIPT                                 once
//!
//! DIR holds the ELF and input (guest.elf, input.bin), the private input
//! (private-input.bin: the segments need it, so DIR is as confidential as
//! the private input; the receipt does not hold it), the plan (plan.bin),
//! a checkpoint per segment (checkpoint-I.bin), the headers of pass 1
//! (header-I.bin) and the segment proofs (segment-I.bin). The receipt is
//! byte-identical to `zkvm prove --segment-cycles N`'s.

use crate::error::CliError;
use crate::output::{replace_file, PendingFile};
use crate::prove::read_file;
use clap::Args;
use std::path::{Path, PathBuf};
use zkvm_prover::rv32im2::plan::{self, Checkpoint, Plan};
use zkvm_prover::rv32im2::run::{DEFAULT_MAX_CYCLES, DEFAULT_SEGMENT_CYCLES};
use zkvm_prover::{commit_segment, prove_one_segment, ProverOptions, SegmentHeader};
use zkvm_verifier::air::rv32im::cpu::MAX_LOG_HEIGHT as MAX_LOG_ROWS;
use zkvm_verifier::protocol::proof::{decode_proof, encode_proof, encode_segments, Proof};
use zkvm_verifier::protocol::vk::VerifyingKey;
use zkvm_verifier::receipt;

#[derive(Args, Debug)]
pub struct PlanArgs {
    /// Guest program (static RV32IM ELF executable).
    #[arg(long, value_name = "FILE")]
    pub elf: PathBuf,
    /// File whose bytes the guest reads from fd 0 (default: no input).
    #[arg(long, value_name = "FILE")]
    pub input: Option<PathBuf>,
    /// File whose bytes the guest reads from fd 3, the private input (copied
    /// into DIR; not part of the receipt).
    #[arg(long, value_name = "FILE")]
    pub private_input: Option<PathBuf>,
    /// Cycles per segment (1 to 2^20, default 2^18).
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u64).range(1..=(1 << MAX_LOG_ROWS)))]
    pub segment_cycles: Option<u64>,
    /// The plan's directory (created; must not exist or be empty).
    #[arg(value_name = "DIR")]
    pub dir: PathBuf,
    /// Fix the zero-knowledge seed (64 hex digits) instead of drawing one:
    /// for tests that compare receipts byte for byte. A fixed seed makes
    /// the receipt a function of the run; never use it for private input.
    #[arg(long, value_name = "HEX", value_parser = parse_seed, hide = true)]
    pub zk_seed: Option<[u8; 32]>,
}

/// A 32-byte seed written as 64 hex digits.
pub fn parse_seed(text: &str) -> Result<[u8; 32], String> {
    if text.len() != 64 || !text.is_ascii() {
        return Err("expected 64 hex digits".into());
    }
    let mut seed = [0u8; 32];
    for (i, byte) in seed.iter_mut().enumerate() {
        *byte = u8::from_str_radix(&text[2 * i..2 * i + 2], 16)
            .map_err(|_| "expected 64 hex digits".to_string())?;
    }
    Ok(seed)
}

#[derive(Args, Debug)]
pub struct SegmentArgs {
    /// A directory written by `zkvm plan`.
    #[arg(value_name = "DIR")]
    pub dir: PathBuf,
    /// The segment (0-based).
    #[arg(long, value_name = "I")]
    pub index: u32,
    /// Prover threads (default: one per core).
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..))]
    pub threads: Option<u32>,
}

#[derive(Args, Debug)]
pub struct FinishArgs {
    /// A directory whose every segment is proved.
    #[arg(value_name = "DIR")]
    pub dir: PathBuf,
    /// Where to write the receipt.
    #[arg(short = 'o', long = "out", value_name = "FILE")]
    pub out: PathBuf,
    /// Replace the output file if it exists.
    #[arg(long)]
    pub force: bool,
}

fn file(dir: &Path, name: &str, index: Option<u32>) -> PathBuf {
    match index {
        Some(i) => dir.join(format!("{name}-{i}.bin")),
        None => dir.join(name),
    }
}

fn prove_error(what: impl std::fmt::Display) -> CliError {
    CliError::Prove(what.to_string())
}

/// What every step reads: the ELF, its key, the input and the plan.
struct Loaded {
    elf: Vec<u8>,
    vk: VerifyingKey,
    input: Vec<u8>,
    private: Vec<u8>,
    plan: Plan,
    /// The run's zero-knowledge seed (zk-seed.bin, written by `zkvm plan`):
    /// every step of one run must use the same one. It is secret like the
    /// private input: who has it can unmask the run's commitments.
    seed: [u8; 32],
}

fn load(dir: &Path) -> Result<Loaded, CliError> {
    let elf_path = file(dir, "guest.elf", None);
    let elf = read_file("ELF file", &elf_path)?;
    let vk = receipt::verifying_key(&elf).map_err(|error| CliError::Program {
        path: elf_path,
        error,
    })?;
    let input = read_file("input file", &file(dir, "input.bin", None))?;
    let private = read_file("private input file", &file(dir, "private-input.bin", None))?;
    let plan = Plan::decode(&read_file("plan file", &file(dir, "plan.bin", None))?)
        .map_err(|e| prove_error(format!("{}: {e}", dir.join("plan.bin").display())))?;
    let seed_path = file(dir, "zk-seed.bin", None);
    let seed: [u8; 32] = read_file("zero-knowledge seed", &seed_path)?
        .try_into()
        .map_err(|_| prove_error(format!("{}: not 32 bytes", seed_path.display())))?;
    Ok(Loaded {
        seed,
        elf,
        vk,
        input,
        private,
        plan,
    })
}

fn check_index(l: &Loaded, index: u32) -> Result<(), CliError> {
    if index >= l.plan.segments {
        return Err(prove_error(format!(
            "segment {index}: the plan has {} segments (0 to {})",
            l.plan.segments,
            l.plan.segments - 1
        )));
    }
    Ok(())
}

fn options(l: &Loaded, threads: Option<u32>) -> ProverOptions {
    ProverOptions {
        num_threads: threads.map(|t| t as usize),
        check_constraints: true,
        zk_seed: Some(l.seed),
    }
}

fn traces(l: &Loaded, dir: &Path, index: u32) -> Result<zkvm_prover::SegmentTraces, CliError> {
    let path = file(dir, "checkpoint", Some(index));
    let checkpoint = Checkpoint::decode(&read_file("checkpoint file", &path)?)
        .map_err(|e| prove_error(format!("{}: {e}", path.display())))?;
    if checkpoint.index != index {
        return Err(prove_error(format!(
            "{} is the checkpoint of segment {}",
            path.display(),
            checkpoint.index
        )));
    }
    plan::segment_traces(
        &l.vk.air,
        &l.elf,
        &l.input,
        &l.private,
        DEFAULT_MAX_CYCLES,
        &l.plan,
        &checkpoint,
    )
    .map_err(|e| prove_error(format!("segment {index}: {e}")))
}

pub fn plan(args: &PlanArgs) -> Result<(), CliError> {
    let elf = read_file("ELF file", &args.elf)?;
    let input = match &args.input {
        Some(path) => read_file("input file", path)?,
        None => Vec::new(),
    };
    let private = match &args.private_input {
        Some(path) => read_file("private input file", path)?,
        None => Vec::new(),
    };
    let vk = receipt::verifying_key(&elf).map_err(|error| CliError::Program {
        path: args.elf.clone(),
        error,
    })?;
    if args.dir.exists() {
        let empty = std::fs::read_dir(&args.dir)
            .map(|mut d| d.next().is_none())
            .unwrap_or(false);
        if !empty {
            return Err(prove_error(format!(
                "{} exists and is not an empty directory",
                args.dir.display()
            )));
        }
    }
    std::fs::create_dir_all(&args.dir).map_err(CliError::WriteOutput)?;
    let write = |name: PathBuf, bytes: &[u8]| -> Result<(), CliError> {
        replace_file(&name, bytes, &[&args.elf]).map_err(|e| prove_error(e.to_string()))
    };
    write(file(&args.dir, "guest.elf", None), &elf)?;
    write(file(&args.dir, "input.bin", None), &input)?;
    let seed = match args.zk_seed {
        Some(seed) => seed,
        None => zkvm_prover::zk::ZkSeed::random().0,
    };
    write(file(&args.dir, "zk-seed.bin", None), &seed)?;
    write(file(&args.dir, "private-input.bin", None), &private)?;
    let segment_cycles = args.segment_cycles.unwrap_or(DEFAULT_SEGMENT_CYCLES);
    let mut written = 0u32;
    let planned = plan::plan_run(
        &vk.air,
        &elf,
        &input,
        &private,
        DEFAULT_MAX_CYCLES,
        segment_cycles,
        &mut |c: &Checkpoint| {
            let path = file(&args.dir, "checkpoint", Some(c.index));
            replace_file(&path, &c.encode(), &[])
                .map_err(|e| zkvm_prover::rv32im2::TraceError::Inconsistent(e.to_string()))?;
            written += 1;
            Ok(())
        },
    )
    .map_err(|e| prove_error(e))?;
    write(file(&args.dir, "plan.bin", None), &planned.encode())?;
    println!(
        "plan written to {}: {} cycles in {} segments of at most {} cycles (exit code {})",
        args.dir.display(),
        planned.cycles,
        written,
        segment_cycles,
        planned.exit_code
    );
    println!(
        "next: zkvm commit-segment {} --index I, for I = 0 .. {}",
        args.dir.display(),
        written.saturating_sub(1)
    );
    Ok(())
}

pub fn commit(args: &SegmentArgs) -> Result<(), CliError> {
    let l = load(&args.dir)?;
    check_index(&l, args.index)?;
    let segment = traces(&l, &args.dir, args.index)?;
    let header = commit_segment(
        &l.vk,
        &segment,
        args.index as usize,
        l.plan.segments as usize,
        &options(&l, args.threads),
    )
    .map_err(|e| prove_error(format!("segment {}: {e:?}", args.index)))?;
    let path = file(&args.dir, "header", Some(args.index));
    replace_file(&path, &plan::encode_header(&header), &[])?;
    println!("segment {} committed: {}", args.index, path.display());
    Ok(())
}

fn headers(l: &Loaded, dir: &Path) -> Result<Vec<SegmentHeader>, CliError> {
    (0..l.plan.segments)
        .map(|i| {
            let path = file(dir, "header", Some(i));
            if !path.exists() {
                return Err(prove_error(format!(
                    "segment {i} is not committed yet ({} is missing: run \
                     `zkvm commit-segment {} --index {i}`)",
                    path.display(),
                    dir.display()
                )));
            }
            plan::decode_header(&read_file("segment header", &path)?)
                .map_err(|e| prove_error(format!("{}: {e}", path.display())))
        })
        .collect()
}

fn statement(l: &Loaded) -> Result<zkvm_verifier::protocol::statement::Statement, CliError> {
    receipt::statement_of(
        &l.vk,
        l.plan.exit_code,
        l.plan.cycles,
        l.plan.input_consumed as u32,
        l.input.clone(),
        l.plan.output.clone(),
    )
    .map_err(|e| prove_error(format!("invalid statement: {e:?}")))
}

pub fn prove_segment(args: &SegmentArgs) -> Result<(), CliError> {
    let l = load(&args.dir)?;
    check_index(&l, args.index)?;
    let headers = headers(&l, &args.dir)?;
    let statement = statement(&l)?;
    let segment = traces(&l, &args.dir, args.index)?;
    let proof = prove_one_segment(
        &l.vk,
        &statement,
        &headers,
        args.index as usize,
        &segment,
        &options(&l, args.threads),
    )
    .map_err(|e| prove_error(format!("segment {}: {e:?}", args.index)))?;
    let path = file(&args.dir, "segment", Some(args.index));
    replace_file(&path, &encode_proof(&proof), &[])?;
    println!("segment {} proved: {}", args.index, path.display());
    Ok(())
}

pub fn finish(args: &FinishArgs) -> Result<(), CliError> {
    let l = load(&args.dir)?;
    let mut pending = PendingFile::create(
        &args.out,
        &[
            &file(&args.dir, "guest.elf", None),
            &file(&args.dir, "input.bin", None),
        ],
        args.force,
    )?;
    let mut proofs: Vec<Proof> = Vec::with_capacity(l.plan.segments as usize);
    for i in 0..l.plan.segments {
        let path = file(&args.dir, "segment", Some(i));
        if !path.exists() {
            return Err(prove_error(format!(
                "segment {i} is not proved yet ({} is missing)",
                path.display()
            )));
        }
        let proof = decode_proof(&read_file("segment proof", &path)?)
            .map_err(|e| prove_error(format!("{}: {e:?}", path.display())))?;
        proofs.push(proof);
    }
    let r = receipt::Receipt {
        exit_code: l.plan.exit_code,
        cycles: l.plan.cycles,
        input_consumed: l.plan.input_consumed as u32,
        input: l.input.clone(),
        output: l.plan.output.clone(),
        proof: encode_segments(&proofs),
    };
    let bytes = receipt::encode_receipt(&r);
    receipt::verify_receipt(&l.vk, &bytes).map_err(|error| CliError::Verify {
        path: args.out.clone(),
        error,
    })?;
    pending.write_all(&bytes)?;
    pending.persist()?;
    println!(
        "receipt written to {} ({} segments, {} cycles, exit code {}; verified)",
        args.out.display(),
        proofs.len(),
        l.plan.cycles,
        l.plan.exit_code
    );
    Ok(())
}
