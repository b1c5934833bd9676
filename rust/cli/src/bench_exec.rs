//! `zkvm bench-exec`: executor throughput on a given guest.

use crate::error::CliError;
use crate::guest::GuestArgs;
use clap::Args;
use std::time::{Duration, Instant};

#[derive(Args, Debug)]
pub struct BenchExecArgs {
    #[command(flatten)]
    pub guest: GuestArgs,
    /// Number of timed runs.
    #[arg(long, default_value_t = 5, value_parser = clap::value_parser!(u32).range(1..))]
    pub runs: u32,
}

pub fn bench_exec(args: &BenchExecArgs) -> Result<(), CliError> {
    let guest = args.guest.load()?;
    let mut timings: Vec<Duration> = Vec::new();
    let mut cycles = 0;
    for run in 1..=args.runs {
        // Loading (page setup, decoding) is not part of the measurement.
        let mut machine = guest.machine()?;
        let start = Instant::now();
        machine
            .run(guest.max_cycles)
            .map_err(|source| CliError::Execution {
                cycles: machine.cycles(),
                source,
            })?;
        let elapsed = start.elapsed();
        cycles = machine.cycles();
        println!(
            "run {run}: {cycles} cycles in {:.3} ms ({})",
            elapsed.as_secs_f64() * 1e3,
            speed(cycles, elapsed)
        );
        timings.push(elapsed);
    }
    timings.sort();
    let median = timings[timings.len() / 2];
    println!(
        "median: {} ({cycles} cycles in {:.3} ms, {} runs)",
        speed(cycles, median),
        median.as_secs_f64() * 1e3,
        args.runs
    );
    Ok(())
}

fn speed(cycles: u64, elapsed: Duration) -> String {
    let secs = elapsed.as_secs_f64().max(1e-9);
    format!("{:.1} Mcycles/s", cycles as f64 / secs / 1e6)
}
