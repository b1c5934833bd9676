//! `zkvm` command-line interface.
//!
//! Exit status: 0 when the command succeeded (for `run` and `prove`: the
//! guest reached `exit`, whatever its exit code — the code is printed, not
//! propagated, so it cannot be confused with a failure of the zkvm itself;
//! for `verify`: the receipt is valid and matches what was asked); 1 with an
//! `error: ...` line on stderr for any failure, including a rejected
//! receipt; 2 for usage errors.

mod bench;
mod bench_exec;
mod build;
mod error;
mod guest;
mod native;
mod new;
mod output;
mod plot;
mod progress;
mod prove;
mod run;
mod scale;
mod verify;

use clap::{Parser, Subcommand};
use std::process::ExitCode;

#[derive(Parser)]
#[command(name = "zkvm", version, about = "RISC-V (RV32IM) zkVM")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Execute a guest ELF: its output goes to stdout, exit code and cycle
    /// count to stderr.
    Run(run::RunArgs),
    /// Measure executor speed (median cycles per second over several runs).
    BenchExec(bench_exec::BenchExecArgs),
    /// Execute a guest and prove the run: writes a receipt (the claimed
    /// input, output, exit code and cycle count, and the proof), then
    /// verifies it.
    Prove(prove::ProveArgs),
    /// Verify a receipt against a guest ELF and show what it proves.
    Verify(verify::VerifyArgs),
    /// Create a project: a guest crate, a host crate and a crate of shared types.
    New(new::NewArgs),
    /// Build a guest crate (or a `zkvm new` project's guest) into an RV32IM ELF.
    Build(build::BuildArgs),
    /// Print the verifying key digest of a guest ELF (hex).
    Vk(verify::VkArgs),
    /// Proving benchmarks on the example guests (markdown report).
    Bench(bench::BenchArgs),
    /// Scale-out, step 1: execute the run once and write its segments'
    /// checkpoints to a directory (then commit-segment, prove-segment, finish).
    Plan(scale::PlanArgs),
    /// Scale-out, step 2 (any order, any machine): commit one segment.
    CommitSegment(scale::SegmentArgs),
    /// Scale-out, step 3 (after every commit): prove one segment.
    ProveSegment(scale::SegmentArgs),
    /// Scale-out, step 4: the receipt from the segment proofs, verified.
    Finish(scale::FinishArgs),
    /// One benchmark proof in this process, figures as JSON (used by `bench`).
    #[command(hide = true)]
    BenchOne(bench::BenchOneArgs),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Run(args) => match run::run(&args) {
            Ok(status) => return ExitCode::from(status),
            Err(e) => Err(e),
        },
        Command::BenchExec(args) => bench_exec::bench_exec(&args),
        Command::Prove(args) => prove::prove(&args),
        Command::Verify(args) => verify::verify(&args),
        Command::Vk(args) => verify::vk(&args),
        Command::New(args) => new::new(&args),
        Command::Build(args) => build::build(&args),
        Command::Bench(args) => bench::bench(&args),
        Command::BenchOne(args) => bench::bench_one(&args),
        Command::Plan(args) => scale::plan(&args),
        Command::CommitSegment(args) => scale::commit(&args),
        Command::ProveSegment(args) => scale::prove_segment(&args),
        Command::Finish(args) => scale::finish(&args),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}
