//! p3-compare: our prover against Plonky3's uni-stark, one thread, same run.
//!
//! Usage: p3-compare [--runs R] [--p3-log-rows K] [--rv-log-rows K] [--fib-log-rows K]
//!                   [--elf PATH] [--no-fib-air] [--quick]
//!
//! Defaults: 3 runs each (the median prove CPU time is reported), Plonky3's
//! Keccak AIR at 2^15 rows (1365 permutations, 2633 columns: 86.3 M cells),
//! the RV32IM fibonacci guest at up to 2^20 cycles on machine version 2
//! (twelve tables, about 83 main cells per cycle: a similar number of cells),
//! and our two-column Fibonacci test AIR at 2^20 rows in both systems (the
//! same constraints written for Plonky3). `--quick` proves tiny instances once
//! (a smoke test of the harness: the figures mean nothing).

use std::path::PathBuf;
use std::process::ExitCode;

use zkvm_bench_p3::*;

struct Args {
    runs: usize,
    p3_log_rows: u32,
    rv_log_rows: u32,
    fib_log_rows: Option<u32>,
    elf: PathBuf,
}

fn usage() -> ! {
    eprintln!(
        "usage: p3-compare [--runs R] [--p3-log-rows K] [--rv-log-rows K] [--fib-log-rows K] \
         [--elf PATH] [--no-fib-air] [--quick]"
    );
    std::process::exit(2)
}

fn parse_args() -> Args {
    let mut args = Args {
        runs: 3,
        p3_log_rows: 15,
        rv_log_rows: 20,
        fib_log_rows: Some(20),
        elf: PathBuf::from("examples/bin/fibonacci.elf"),
    };
    let mut it = std::env::args().skip(1);
    let number = |it: &mut dyn Iterator<Item = String>| -> u32 {
        it.next()
            .and_then(|s| s.parse().ok())
            .unwrap_or_else(|| usage())
    };
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "--runs" => args.runs = number(&mut it).max(1) as usize,
            "--p3-log-rows" => args.p3_log_rows = number(&mut it),
            "--rv-log-rows" => args.rv_log_rows = number(&mut it),
            "--fib-log-rows" => args.fib_log_rows = Some(number(&mut it)),
            "--no-fib-air" => args.fib_log_rows = None,
            "--elf" => args.elf = PathBuf::from(it.next().unwrap_or_else(|| usage())),
            "--quick" => {
                args.runs = 1;
                args.p3_log_rows = 10;
                args.rv_log_rows = 16;
                args.fib_log_rows = Some(10);
            }
            _ => usage(),
        }
    }
    args
}

fn run() -> Result<(), BenchError> {
    let args = parse_args();
    // Everything in this process runs on one thread: the global pool too.
    let _ = rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .build_global();
    let elf = std::fs::read(&args.elf).map_err(|e| {
        BenchError(format!(
            "cannot read {} ({e}); run `make examples`",
            args.elf.display()
        ))
    })?;
    let params = &P3Params::like_ours();
    let permutations = keccak_permutations_for(args.p3_log_rows);
    let n = calibrate_fibonacci(&elf, args.rv_log_rows)?;

    // Configurations: (label, prover); Plonky3 lines first, each "ours" line
    // names the Plonky3 line it is compared with.
    type Prover<'a> = Box<dyn Fn() -> Result<Measurement, BenchError> + 'a>;
    let mut configs: Vec<(Prover, Option<usize>)> = vec![
        (
            Box::new(|| prove_plonky3_keccak(params, permutations)),
            None,
        ),
        (Box::new(|| prove_rv32im_fibonacci(&elf, n)), Some(0)),
    ];
    if let Some(log_rows) = args.fib_log_rows {
        configs.push((
            Box::new(move || prove_plonky3_fibonacci(params, log_rows)),
            None,
        ));
        configs.push((Box::new(move || prove_fibonacci_air(log_rows)), Some(2)));
    }
    let mut runs: Vec<Vec<Measurement>> = vec![Vec::new(); configs.len()];
    // Interleaved, so that a change of machine load hits every system alike.
    for run in 1..=args.runs {
        for (i, (prove, _)) in configs.iter().enumerate() {
            let m = prove()?;
            eprintln!(
                "run {run}/{}: {} {}{} 2^{} rows: {:.2} CPU-s ({:.2} s wall){}, verified",
                args.runs,
                m.system,
                m.air,
                if m.note.is_empty() {
                    String::new()
                } else {
                    format!(" ({})", m.note)
                },
                m.log_rows,
                m.prove_cpu,
                m.prove_wall,
                m.proof_bytes
                    .map(|b| format!(", {b} bytes"))
                    .unwrap_or_default()
            );
            runs[i].push(m);
        }
    }
    let lines: Vec<Line> = runs
        .iter()
        .zip(&configs)
        .map(|(r, (_, compared_with))| Line {
            median: median(r),
            runs_cpu: r.iter().map(|m| m.prove_cpu).collect(),
            compared_with: *compared_with,
        })
        .collect();
    println!(
        "One thread; prove CPU time = process user+sys around the prover call (trace \
         generation excluded), median of {} run(s); every proof verified.\n",
        args.runs
    );
    print!("{}", table(&lines));
    let rv = &lines[1].median;
    println!(
        "\nOur RV32IM tables also have LogUp auxiliary traces of {:.1} M cells (an extension \
         cell counting 4): with them, {:.1} cells per cycle and {:.2} M cells per CPU-second \
         ({:.2} x Plonky3's rate).",
        rv.aux_cells as f64 / 1e6,
        rv.cells_with_aux() as f64 / rv.cycles.max(1) as f64,
        rv.cells_with_aux() as f64 / rv.prove_cpu.max(1e-9) / 1e6,
        rv.cells_with_aux() as f64
            / rv.prove_cpu.max(1e-9)
            / lines[0].median.cells_per_cpu_second()
    );
    println!(
        "RV32IM: {} cycles in {:.2} CPU-s: {:.1} k cycles per CPU-second.",
        rv.cycles,
        rv.prove_cpu,
        rv.cycles as f64 / rv.prove_cpu.max(1e-9) / 1e3
    );
    let p = params;
    println!(
        "Parameters (both): blowup 2^{}, {} queries, {} bits of proof of work before the \
         queries, FRI folding arity up to 2^{}, final polynomial 2^{} coefficients, Merkle \
         caps of 2^{} digests, SHA3-256 Merkle trees, BabyBear with a quartic extension. \
         Zero knowledge: Plonky3 without; ours with it for the RV32IM guest (the receipts' \
         parameters, about a quarter more prove CPU) and without it for the Fibonacci test AIR \
         (the like-for-like row).",
        p.log_blowup,
        p.num_queries,
        p.query_pow_bits,
        p.max_log_arity,
        p.log_final_poly_len,
        p.cap_height
    );
    Ok(())
}

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("p3-compare: {e}");
            ExitCode::FAILURE
        }
    }
}
