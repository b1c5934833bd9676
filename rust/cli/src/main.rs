//! `zkvm` command-line interface.
//!
//! Exit status: 0 when the command succeeded (for `run`: the guest reached
//! `exit`, whatever its exit code — the code is printed, not propagated, so
//! it cannot be confused with a failure of the zkvm itself); 1 with an
//! `error: ...` line on stderr for any failure; 2 for usage errors.

mod bench_exec;
mod error;
mod guest;
mod run;

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
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Run(args) => run::run(&args),
        Command::BenchExec(args) => bench_exec::bench_exec(&args),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}
