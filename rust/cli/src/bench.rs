//! `zkvm bench`: proving benchmarks on real example guests, written as a
//! markdown report (BENCHMARKS.md).
//!
//! For each workload and target size 2^k the input parameter (Fibonacci n,
//! sieve limit, sort length, SHA-256 input length) is calibrated with the
//! executor: the largest input whose run fills the 2^k-row trace (cycles +
//! I/O rows <= 2^k; the trace has at least 2^16 rows). The cycle counts
//! reported are the measured ones.
//!
//! Each proof runs in a fresh child process (`zkvm bench-one`, hidden) that
//! proves once, verifies the receipt, and prints its figures as JSON with its
//! own peak RSS (VmHWM), so memory figures are per run.

use crate::error::CliError;
use crate::native;
use crate::output::replace_file;
use crate::plot;
use crate::progress::{format_bytes, format_rate, hex, peak_rss_bytes};
use crate::prove::{prove_run, rayon_threads, read_file};
use clap::Args;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};
use zkvm_executor::{Limits, Machine, Program};
use zkvm_prover::profile::process_cpu_seconds;
use zkvm_verifier::protocol::params::conjectured_security_bits;
use zkvm_verifier::receipt;

#[derive(Args, Debug)]
pub struct BenchArgs {
    /// Only the 2^14 and 2^16 sizes (for testing the benchmark itself).
    #[arg(long)]
    pub quick: bool,
    /// Write the markdown report here (replacing it; updated after every
    /// configuration). Default: print it to stdout at the end.
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// Directory holding the example ELFs (`make examples`).
    #[arg(long, value_name = "DIR", default_value = "examples/bin")]
    pub bin_dir: PathBuf,
    /// Workloads to run (comma-separated).
    #[arg(long, value_delimiter = ',', default_values_t = WORKLOADS.iter().map(|w| w.to_string()))]
    pub workloads: Vec<String>,
    /// Target sizes as log2 of the cycle count (comma-separated; default
    /// 14,16,18,20, or 14,16 with --quick).
    #[arg(long, value_delimiter = ',', value_parser = clap::value_parser!(u32).range(10..=22))]
    pub sizes: Vec<u32>,
    /// Proofs per configuration below 2^20 cycles (the median is reported).
    #[arg(long, default_value_t = 3, value_parser = clap::value_parser!(u32).range(1..))]
    pub runs: u32,
    /// Proofs per configuration at 2^20 cycles and above.
    #[arg(long, default_value_t = 1, value_parser = clap::value_parser!(u32).range(1..))]
    pub large_runs: u32,
    /// Long runs: sha256 over about this many cycles each (comma-separated,
    /// e.g. 10000000,100000000), one run on one thread, proved in the
    /// default segments.
    #[arg(long, value_delimiter = ',', value_parser = clap::value_parser!(u64).range(1024..=(1 << 27)))]
    pub long_cycles: Vec<u64>,
    /// Skip the Plonky3 reference (`p3-compare`, built by
    /// `cargo build --release -p zkvm-bench-p3`) that otherwise runs after the
    /// workloads, on one thread, for the ratio of cells per CPU-second.
    #[arg(long)]
    pub no_plonky3: bool,
}

/// The part of the report file `zkvm bench` owns: text outside these markers
/// (notes written by hand) is kept when the file is updated.
const BEGIN_MARKER: &str = "<!-- zkvm bench: generated from here to the end marker -->";
const END_MARKER: &str = "<!-- zkvm bench: end of generated text -->";

/// `generated` between the markers, in place of the marked part of `old`
/// (or the whole file when `old` has no complete pair of markers).
fn splice_report(old: Option<&str>, generated: &str) -> String {
    let block = format!("{BEGIN_MARKER}\n{generated}{END_MARKER}\n");
    if let Some(old) = old {
        if let (Some(b), Some(e)) = (old.find(BEGIN_MARKER), old.find(END_MARKER)) {
            if b < e {
                let tail = &old[e + END_MARKER.len()..];
                let tail = tail.strip_prefix('\n').unwrap_or(tail);
                return format!("{}{block}{tail}", &old[..b]);
            }
        }
    }
    format!("# Benchmarks\n\n{block}")
}

/// Runs the Plonky3 comparison (one thread, in its own process, after the
/// workloads) and returns its report section.
fn plonky3_section(exe: &Path, bin_dir: &Path, runs: u32) -> String {
    let mut s = String::from("\n## Against Plonky3 (same run)\n\n");
    let p3 = exe.with_file_name("p3-compare");
    if !p3.exists() {
        s.push_str(&format!(
            "Not measured: `{}` is not built (`cargo build --release -p zkvm-bench-p3`, or \
`make bench`).\n",
            p3.display()
        ));
        return s;
    }
    eprintln!("Plonky3 reference: {} --runs {runs}", p3.display());
    let out = Command::new(&p3)
        .arg("--runs")
        .arg(runs.to_string())
        .arg("--elf")
        .arg(bin_dir.join("fibonacci.elf"))
        .stderr(std::process::Stdio::inherit())
        .output();
    match out {
        Ok(out) if out.status.success() => {
            s.push_str(
                "`p3-compare` (rust/bench-p3), run by `zkvm bench` right after the workloads: \
Plonky3's uni-stark proving its Keccak AIR and our prover proving the fibonacci guest on \
machine version 2, one thread each, in one process, runs interleaved, every proof verified; \
prove CPU = process user + system time around the prover call only (trace generation \
excluded for both). Cells: main trace cells (width × rows, every table summed for ours).\n\n",
            );
            s.push_str(&String::from_utf8_lossy(&out.stdout));
        }
        Ok(out) => s.push_str(&format!(
            "Not measured: `p3-compare` failed ({}).\n",
            out.status
        )),
        Err(e) => s.push_str(&format!("Not measured: cannot run `p3-compare` ({e}).\n")),
    }
    s
}

#[derive(Args, Debug)]
pub struct BenchOneArgs {
    #[arg(long, value_name = "FILE")]
    pub elf: PathBuf,
    #[arg(long, value_name = "FILE")]
    pub input: Option<PathBuf>,
    /// Prover threads; 0 = the default pool (one per core).
    #[arg(long, default_value_t = 0)]
    pub threads: u32,
    /// Verifications timed (the median is reported).
    #[arg(long, default_value_t = 3, value_parser = clap::value_parser!(u32).range(1..))]
    pub verify_runs: u32,
}

pub const WORKLOADS: [&str; 4] = ["fibonacci", "sieve", "sort", "sha256"];

/// Seed of the sort workload's generated values.
const SORT_SEED: u32 = 0x2545_F491;

/// The input of `workload` for parameter `p`.
fn workload_input(workload: &str, p: u32) -> Vec<u8> {
    match workload {
        "fibonacci" | "sieve" => p.to_le_bytes().to_vec(),
        "sort" => [p.to_le_bytes(), SORT_SEED.to_le_bytes()].concat(),
        // The data pattern of the prover tests.
        "sha256" => (0..p)
            .map(|i| (i.wrapping_mul(7).wrapping_add(3)) as u8)
            .collect(),
        _ => unreachable!("unknown workload"),
    }
}

fn parameter_name(workload: &str) -> &'static str {
    match workload {
        "fibonacci" => "n",
        "sieve" => "N",
        "sort" => "n",
        "sha256" => "bytes",
        _ => "?",
    }
}

/// Upper bound of the parameter search (well above 2^20 cycles).
fn parameter_max(workload: &str) -> u32 {
    match workload {
        "fibonacci" => 1 << 20,
        "sieve" => 1 << 20,
        "sort" => 1 << 17,
        "sha256" => 1 << 17,
        _ => 0,
    }
}

/// Cycles of a run: the rows of the CPU table, the tallest table of a run
/// of 2^16 cycles or more. None if the run fails or exceeds the cycle limit.
fn rows_of(program: &Program, input: &[u8]) -> Option<u64> {
    let mut machine = Machine::new(program, input).ok()?;
    machine
        .run(Limits::default().max_cycles.min(1 << 23))
        .ok()?;
    Some(machine.cycles())
}

/// The largest parameter whose run fits 2^log_size rows (bisection; the
/// cost is monotone in the parameter for these workloads).
fn calibrate(workload: &str, program: &Program, log_size: u32) -> Result<u32, CliError> {
    let target = 1u64 << log_size;
    let fits = |p: u32| rows_of(program, &workload_input(workload, p)).is_some_and(|r| r <= target);
    let (mut lo, mut hi) = (0u32, parameter_max(workload));
    if !fits(lo) {
        return Err(CliError::Bench(format!(
            "{workload}: even the smallest input exceeds 2^{log_size} rows"
        )));
    }
    if fits(hi) {
        return Ok(hi);
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

/// The sha256 input length (bytes) whose run takes at most `target` cycles:
/// a linear estimate from two short runs, then checked with the executor.
fn calibrate_long(program: &Program, target: u64) -> Result<u32, CliError> {
    let cycles = |bytes: u32| -> Result<u64, CliError> {
        let mut machine = Machine::new(program, &workload_input("sha256", bytes))
            .map_err(|e| CliError::Bench(format!("sha256: {e}")))?;
        machine
            .run(1 << 27)
            .map_err(|e| CliError::Bench(format!("sha256 over {bytes} bytes: {e}")))?;
        Ok(machine.cycles())
    };
    let (c1, c2) = (cycles(1000)?, cycles(9000)?);
    let per_byte = (c2 - c1) as f64 / 8000.0;
    let mut bytes = ((target as f64 - c1 as f64) / per_byte + 1000.0).max(0.0) as u32;
    while bytes > 0 && cycles(bytes)? > target {
        bytes -= (bytes / 1000).max(1);
    }
    Ok(bytes)
}

/// Per-run figures printed by `bench-one`.
#[derive(Clone, Debug)]
struct OneRun {
    cycles: u64,
    log_rows: u32,
    cpu_rows: u64,
    /// Base cells of all main traces, and of all LogUp traces.
    main_cells: u64,
    aux_cells: u64,
    exit_code: u32,
    trace_s: f64,
    prove_s: f64,
    /// Process CPU seconds (user + system) of trace building and proving.
    cpu_s: f64,
    receipt_bytes: u64,
    proof_bytes: u64,
    verify_s: f64,
    peak_rss_bytes: Option<u64>,
    output_hex: String,
}

impl OneRun {
    fn to_json(&self) -> String {
        let rss = match self.peak_rss_bytes {
            Some(b) => b.to_string(),
            None => "null".into(),
        };
        format!(
            "{{\"cycles\":{},\"log_rows\":{},\"cpu_rows\":{},\"main_cells\":{},\"aux_cells\":{},\
\"exit_code\":{},\"trace_s\":{:.6},\
\"prove_s\":{:.6},\"cpu_s\":{:.3},\"receipt_bytes\":{},\"proof_bytes\":{},\"verify_s\":{:.6},\
\"peak_rss_bytes\":{rss},\"output_hex\":\"{}\"}}",
            self.cycles,
            self.log_rows,
            self.cpu_rows,
            self.main_cells,
            self.aux_cells,
            self.exit_code,
            self.trace_s,
            self.prove_s,
            self.cpu_s,
            self.receipt_bytes,
            self.proof_bytes,
            self.verify_s,
            self.output_hex
        )
    }

    fn from_json(text: &str) -> Option<OneRun> {
        // A flat object of numbers, null and one hex string: no escapes.
        let field = |key: &str| -> Option<&str> {
            let pat = format!("\"{key}\":");
            let start = text.find(&pat)? + pat.len();
            let rest = &text[start..];
            let end = rest.find([',', '}'])?;
            Some(rest[..end].trim().trim_matches('"'))
        };
        let num = |key: &str| field(key)?.parse::<u64>().ok();
        let float = |key: &str| field(key)?.parse::<f64>().ok();
        Some(OneRun {
            cycles: num("cycles")?,
            log_rows: num("log_rows")? as u32,
            cpu_rows: num("cpu_rows")?,
            main_cells: num("main_cells")?,
            aux_cells: num("aux_cells")?,
            exit_code: num("exit_code")? as u32,
            trace_s: float("trace_s")?,
            prove_s: float("prove_s")?,
            cpu_s: float("cpu_s")?,
            receipt_bytes: num("receipt_bytes")?,
            proof_bytes: num("proof_bytes")?,
            verify_s: float("verify_s")?,
            peak_rss_bytes: num("peak_rss_bytes"),
            output_hex: field("output_hex")?.to_owned(),
        })
    }
}

/// The hidden `bench-one` command: one proof, verified, figures as JSON.
pub fn bench_one(args: &BenchOneArgs) -> Result<(), CliError> {
    let elf = read_file("ELF file", &args.elf)?;
    let input = match &args.input {
        Some(path) => read_file("input file", path)?,
        None => Vec::new(),
    };
    let threads = if args.threads == 0 {
        None
    } else {
        Some(args.threads)
    };
    let cpu_before = process_cpu_seconds();
    let run = prove_run(&args.elf, &elf, &input, &[], threads, None, None, false)?;
    let cpu_s = process_cpu_seconds() - cpu_before;
    let bytes = run.receipt.to_bytes();
    let mut verify_times = Vec::new();
    for _ in 0..args.verify_runs {
        let started = Instant::now();
        let vk = receipt::verifying_key(&elf).map_err(|error| CliError::Program {
            path: args.elf.clone(),
            error,
        })?;
        receipt::verify_receipt(&vk, &bytes).map_err(|error| CliError::Verify {
            path: PathBuf::from("(fresh receipt)"),
            error,
        })?;
        verify_times.push(started.elapsed().as_secs_f64());
    }
    let r = &run.receipt;
    let one = OneRun {
        cycles: r.cycles(),
        log_rows: run.log_rows,
        cpu_rows: run.cpu_rows as u64,
        main_cells: run.main_cells as u64,
        aux_cells: run.aux_cells as u64,
        exit_code: r.exit_code(),
        trace_s: run.trace_time.as_secs_f64(),
        prove_s: run.prove_time.as_secs_f64(),
        cpu_s,
        receipt_bytes: bytes.len() as u64,
        proof_bytes: r.proof_len() as u64,
        verify_s: median(&mut verify_times),
        peak_rss_bytes: peak_rss_bytes(),
        output_hex: hex(r.output_bytes()),
    };
    println!("{}", one.to_json());
    Ok(())
}

fn median(values: &mut [f64]) -> f64 {
    values.sort_by(|a, b| a.total_cmp(b));
    let n = values.len();
    if n == 0 {
        0.0
    } else if n % 2 == 1 {
        values[n / 2]
    } else {
        (values[n / 2 - 1] + values[n / 2]) / 2.0
    }
}

/// One benchmarked configuration and its results.
struct Config {
    workload: String,
    log_size: u32,
    param: u32,
    /// None: the default pool.
    threads: Option<u32>,
    runs: u32,
    result: Option<Summary>,
}

struct Summary {
    runs: Vec<OneRun>,
    prove_median: f64,
    cpu_median: f64,
    verify_median: f64,
    native: Duration,
    native_ok: bool,
    peak_rss_max: Option<u64>,
}

/// Median wall time of the native reference (repeated for at least 0.2 s).
fn time_native(workload: &str, input: &[u8]) -> (Duration, Option<Vec<u8>>) {
    let mut times = Vec::new();
    let mut output = None;
    let started = Instant::now();
    while times.len() < 5
        || (started.elapsed() < Duration::from_millis(200) && times.len() < 100_000)
    {
        let t = Instant::now();
        let out = native::run(workload, std::hint::black_box(input));
        times.push(t.elapsed().as_secs_f64());
        output = std::hint::black_box(out);
    }
    (Duration::from_secs_f64(median(&mut times)), output)
}

fn run_child(
    exe: &Path,
    elf: &Path,
    input: &Path,
    threads: Option<u32>,
) -> Result<OneRun, CliError> {
    let out = Command::new(exe)
        .arg("bench-one")
        .arg("--elf")
        .arg(elf)
        .arg("--input")
        .arg(input)
        .arg("--threads")
        .arg(threads.unwrap_or(0).to_string())
        .output()
        .map_err(|e| CliError::Bench(format!("cannot start `{}`: {e}", exe.display())))?;
    let stdout = String::from_utf8_lossy(&out.stdout);
    if !out.status.success() {
        let stderr = String::from_utf8_lossy(&out.stderr);
        return Err(CliError::Bench(format!(
            "the prover process failed ({}): {}",
            out.status,
            stderr.trim()
        )));
    }
    OneRun::from_json(stdout.trim())
        .ok_or_else(|| CliError::Bench(format!("unreadable prover report: {}", stdout.trim())))
}

fn threads_label(threads: Option<u32>) -> String {
    match threads {
        Some(t) => t.to_string(),
        None => format!("{} (all)", rayon_threads()),
    }
}

fn plural(n: u32, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}

fn seconds(s: f64) -> String {
    if s < 1.0 {
        format!("{:.0} ms", s * 1e3)
    } else {
        format!("{s:.2} s")
    }
}

/// "850×", "9999×", "2.3 × 10^7×".
fn overhead_text(ratio: f64) -> String {
    if ratio < 1e4 {
        format!("{ratio:.0}×")
    } else {
        let exp = ratio.log10().floor() as i32;
        format!("{:.1} × 10^{exp}", ratio / 10f64.powi(exp))
    }
}

fn duration_text(d: Duration) -> String {
    let s = d.as_secs_f64();
    if s < 1e-3 {
        format!("{:.1} µs", s * 1e6)
    } else if s < 1.0 {
        format!("{:.2} ms", s * 1e3)
    } else {
        format!("{s:.2} s")
    }
}

/// Civil date (UTC) of the current time, YYYY-MM-DD.
fn today() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0) as i64;
    // Howard Hinnant's days-to-civil.
    let z = secs.div_euclid(86_400) + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + if m <= 2 { 1 } else { 0 };
    format!("{y:04}-{m:02}-{d:02}")
}

/// The vector extensions the binary was compiled to use (the workspace builds
/// with target-cpu=native, .cargo/config.toml).
fn simd_features() -> &'static str {
    if cfg!(target_feature = "avx512f") {
        "AVX-512"
    } else if cfg!(target_feature = "avx2") {
        "AVX2 (no AVX-512)"
    } else {
        "no AVX2"
    }
}

/// The 1, 5 and 15-minute load averages (/proc/loadavg), or "unknown".
fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .ok()
        .map(|s| s.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| "unknown".into())
}

fn cpu_model() -> String {
    std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("model name"))
                .and_then(|l| l.split(':').nth(1))
                .map(|m| m.trim().to_owned())
        })
        .unwrap_or_else(|| "unknown CPU".into())
}

/// The source revision for the report: ZKVM_BENCH_REVISION if set (e.g. when
/// the binary was built from another tree than the current directory's),
/// else `git rev-parse` in the current directory.
fn git_revision() -> Option<String> {
    if let Ok(rev) = std::env::var("ZKVM_BENCH_REVISION") {
        return Some(rev);
    }
    let out = Command::new("git")
        .args(["rev-parse", "--short", "HEAD"])
        .output()
        .ok()?;
    if !out.status.success() {
        return None;
    }
    let rev = String::from_utf8_lossy(&out.stdout).trim().to_owned();
    let dirty = Command::new("git")
        .args(["status", "--porcelain", "--untracked-files=no"])
        .output()
        .map(|o| !o.stdout.is_empty())
        .unwrap_or(false);
    Some(if dirty {
        format!("{rev} with uncommitted changes")
    } else {
        rev
    })
}

struct ReportContext {
    date: String,
    cpu: String,
    cores: usize,
    revision: Option<String>,
    command: String,
    load_start: String,
    runs: u32,
    large_runs: u32,
    started: Instant,
    /// The chart's file name (next to the report), when there is a report file.
    chart: Option<String>,
}

fn report(ctx: &ReportContext, configs: &[Config], done: bool, plonky3: Option<&str>) -> String {
    let mut s = String::new();
    s.push_str(&format!(
        "Generated by `{}` on {} — {}, {} logical cores, binary built with {}{}; the machine may \
be shared with other work, so wall times are indicative (load average {} at the start, {} at \
the last update).\n\n",
        ctx.command,
        ctx.date,
        ctx.cpu,
        ctx.cores,
        simd_features(),
        match &ctx.revision {
            Some(r) => format!(", git {r}"),
            None => String::new(),
        },
        ctx.load_start,
        load_average()
    ));
    let measured = configs.iter().filter(|c| c.result.is_some()).count();
    if !done {
        s.push_str(&format!(
            "**Partial results: {measured} of {} configurations measured** (the run was in \
progress or interrupted after {:.0} min).\n\n",
            configs.len(),
            ctx.started.elapsed().as_secs_f64() / 60.0
        ));
    }
    s.push_str(
        "| program | input | cycles | tallest table | cells per cycle | threads | prove time | prove CPU | RV cycles/s | RV cycles per CPU-s | native time | overhead vs native | proof size | verify time | peak RSS |\n",
    );
    s.push_str("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    let mut notes_mismatch = false;
    let mut log_rows_seen: Vec<u32> = Vec::new();
    for c in configs {
        let Some(r) = &c.result else { continue };
        let first = &r.runs[0];
        if !log_rows_seen.contains(&first.log_rows) {
            log_rows_seen.push(first.log_rows);
        }
        let overhead = if r.native_ok {
            overhead_text(r.prove_median / r.native.as_secs_f64().max(1e-9))
        } else {
            notes_mismatch = true;
            "n/a (mismatch)".into()
        };
        let runs_note = if r.runs.len() == 1 {
            " (1 run)".to_owned()
        } else {
            String::new()
        };
        s.push_str(&format!(
            "| {} | {} = {} | {} | 2^{} | {} | {} | {}{} | {} | {} | {} | {} | {} | {} | {} | {} |\n",
            c.workload,
            parameter_name(&c.workload),
            c.param,
            first.cycles,
            first.log_rows,
            cells_per_cycle(first),
            threads_label(c.threads),
            seconds(r.prove_median),
            runs_note,
            seconds(r.cpu_median),
            format_rate(first.cycles as f64 / r.prove_median.max(1e-9)),
            format_rate(first.cycles as f64 / r.cpu_median.max(1e-9)),
            duration_text(r.native),
            overhead,
            format_bytes(first.proof_bytes),
            seconds(r.verify_median),
            match r.peak_rss_max {
                Some(b) => format_bytes(b),
                None => "unknown".into(),
            }
        ));
    }
    log_rows_seen.sort();
    if let Some(chart) = &ctx.chart {
        s.push_str(&format!(
            "\n![Peak memory and prove CPU against cycles, one thread, every workload \
(log-log; generated by zkvm bench)]({chart})\n"
        ));
    }
    let params = receipt::rv32im_params();
    s.push_str("\n## How to read this\n\n");
    s.push_str(&format!(
        "- **Sizes.** For each target 2^k the input is the largest whose run takes at most 2^k \
cycles (the CPU table's rows), found by bisection with the executor; *cycles* is the measured \
count. *Tallest table* is the largest table height: the CPU table's, or 2^16 for the 16-bit \
range table in shorter runs. Long runs (`--long-cycles`) are sha256 over an input calibrated \
to about that many cycles, one run on one thread. Every run is proved in the default segments \
of 2^18 cycles (a run of 2^20 cycles is four segments; the receipt holds a proof per segment). \
*Cells per cycle* counts every table's cells, main + LogUp \
(an extension cell counts 4), over the cycles. *RV cycles per CPU-s* = cycles / prove CPU.\n\
- **Prove time** is the median wall time over {} ({} at 2^20 cycles and above; \"1 run\" \
marks a single run), each in a fresh process running `zkvm bench-one`: executing the guest and \
building the trace, then the STARK prover (without the optional constraint self-check), i.e. what \
`zkvm prove` does minus writing the file. *Prove CPU* is the median process CPU time (user + \
system, all threads) of the same step: on a shared machine it is the steadier figure. \
*RV cycles/s* = cycles / prove time.\n\
- **Threads**: 1 is `ProverOptions {{ num_threads: Some(1) }}`; \"all\" is the default rayon \
pool (`None`), one thread per logical core. Execution and trace building are single-threaded \
in both.\n\
- **Overhead vs native** = prove time / the wall time of the same computation compiled for the \
host: the guest's own algorithm (the `zkvm-workloads` crate, which the guest calls), on the \
same input bytes (including input generation for sort), producing the same output bytes — \
the benchmark checks that each native output equals the output the proof commits to. \
The native time is the median of repeated runs (at least 5, for at least 0.2 s) in the parent \
process.\n\
- **Proof size** is the proof inside the receipt; the receipt adds {} bytes of header plus the \
public input and output. **Verify time** is the median of 3 verifications in the child: \
deriving the verifying key from the ELF and `verify_receipt` on the encoded receipt.\n\
- **Peak RSS** is the child process's VmHWM (/proc/self/status), the maximum over its runs: \
the memory of one proof, including the executor run and the trace.\n",
        plural(ctx.runs, "run"),
        plural(ctx.large_runs, "run"),
        12 + 4 + 4 + 8 + 4 + 4 + 4 + 4
    ));
    if notes_mismatch {
        s.push_str("- **n/a (mismatch)**: the native reference's output differed from the proven output; no overhead is given.\n");
    }
    s.push_str(&load_note(configs, ctx.cores));
    s.push_str(&format!(
        "\n## Security\n\nAll proofs use the receipts' parameters (`receipt::rv32im_params`): \
{}blowup 2^{}, {} FRI queries, {} bits of proof of work, final polynomial of about 2^{} \
coefficients, over the quartic extension of BabyBear (~2^123). Conjectured security \
(docs/protocol.md §14, ethSTARK-style conjecture; `params::conjectured_security_bits`): \
min(queries · {} + pow_bits, 123 − log2 |LDE domain| − 1)",
        if params.zk {
            "zero knowledge (docs/protocol.md §15.4), "
        } else {
            ""
        },
        params.log_blowup,
        params.num_queries,
        params.pow_bits,
        params.log_final_poly_len,
        if params.zk {
            "(log_blowup − 1/8)"
        } else {
            "log_blowup"
        }
    ));
    if log_rows_seen.is_empty() {
        s.push_str(".\n");
    } else {
        let parts: Vec<String> = log_rows_seen
            .iter()
            .map(|&k| {
                format!(
                    "{} bits at 2^{k} rows",
                    conjectured_security_bits(&params, k)
                )
            })
            .collect();
        s.push_str(&format!(" = {}.\n", parts.join(", ")));
    }
    s.push_str(
        "The proven (unconjectured, unique-decoding) bound is much lower; docs/protocol.md §14 \
derives it for each parameter set. Machine-checked in Lean for the same parameters without \
zero knowledge (blowup 4, 40 queries; `Zkvm.Stark.Bits.iop_bits`, proofs-status.md phase1.5, \
under the named assumption ProximityGapUDR and the hypotheses listed there; the Lean protocol \
does not model the zero-knowledge additions): the interactive protocol accepts a false \
statement with probability at most 2^-26, not counting proof of work or the Fiat–Shamir step.\n",
    );
    if let Some(section) = plonky3 {
        s.push_str(section);
    }
    s
}

/// "main + LogUp" base cells per cycle, rounded.
fn cells_per_cycle(run: &OneRun) -> String {
    let per = |cells: u64| cells as f64 / (run.cycles.max(1) as f64);
    format!("{:.0} + {:.0}", per(run.main_cells), per(run.aux_cells))
}

/// How much CPU the prover got: prove CPU / prove time per configuration,
/// summarised for the 1-thread and the all-threads runs.
fn load_note(configs: &[Config], cores: usize) -> String {
    let ratios = |all: bool| -> Vec<f64> {
        let mut v: Vec<f64> = configs
            .iter()
            .filter(|c| c.threads.is_none() == all)
            .filter_map(|c| c.result.as_ref())
            .map(|r| r.cpu_median / r.prove_median.max(1e-9))
            .collect();
        v.sort_by(|a, b| a.total_cmp(b));
        v
    };
    let (one, all) = (ratios(false), ratios(true));
    if one.is_empty() && all.is_empty() {
        return String::new();
    }
    let range = |v: &[f64]| -> String {
        if v.is_empty() {
            return "n/a".into();
        }
        format!(
            "{:.2}–{:.2} (median {:.2})",
            v[0],
            v[v.len() - 1],
            median(&mut v.to_vec())
        )
    };
    let mut s = format!(
        "- **CPU share.** Prove CPU / prove time was {} for the 1-thread runs and {} for the \
all-threads runs ({cores} cores).",
        range(&one),
        range(&all)
    );
    let starved = one.first().is_some_and(|&r| r < 0.9)
        || all.first().is_some_and(|&r| r < 0.8 * cores as f64);
    if starved {
        s.push_str(
            " A 1-thread ratio below 1 means other processes took CPU time from the prover; an \
all-threads ratio well below the core count means the same, or that the prover did not keep \
every core busy. Wall times are then longer than on an idle machine: compare *prove CPU* across \
rows, and do not read the 1-thread/all-threads pairs as the multi-core speed-up of an idle \
machine.",
        );
    }
    s.push('\n');
    s
}

pub fn bench(args: &BenchArgs) -> Result<(), CliError> {
    let sizes: Vec<u32> = if !args.sizes.is_empty() {
        args.sizes.clone()
    } else if args.quick {
        vec![14, 16]
    } else {
        vec![14, 16, 18, 20]
    };
    for w in &args.workloads {
        if !WORKLOADS.contains(&w.as_str()) {
            return Err(CliError::Bench(format!(
                "unknown workload `{w}` (choose from {})",
                WORKLOADS.join(", ")
            )));
        }
    }
    let exe = std::env::current_exe()
        .map_err(|e| CliError::Bench(format!("cannot locate the zkvm binary: {e}")))?;
    let scratch = Scratch::new()?;

    // Programs and calibrated inputs.
    let mut configs: Vec<Config> = Vec::new();
    let mut elfs: Vec<(String, PathBuf)> = Vec::new();
    for w in &args.workloads {
        let elf_path = args.bin_dir.join(format!("{w}.elf"));
        let elf = std::fs::read(&elf_path).map_err(|e| {
            CliError::Bench(format!(
                "cannot read `{}` ({e}); build the examples first: make examples",
                elf_path.display()
            ))
        })?;
        let program = Program::from_elf(&elf).map_err(|source| CliError::InvalidElf {
            path: elf_path.clone(),
            source,
        })?;
        for &k in &sizes {
            let param = calibrate(w, &program, k)?;
            eprintln!("calibrated {w} 2^{k}: {} = {param}", parameter_name(w));
            for threads in [Some(1), None] {
                configs.push(Config {
                    workload: w.clone(),
                    log_size: k,
                    param,
                    threads,
                    runs: if k >= 20 { args.large_runs } else { args.runs },
                    result: None,
                });
            }
        }
        elfs.push((w.clone(), elf_path));
    }
    // Small sizes first, so that a partial run covers every workload.
    configs.sort_by_key(|c| c.log_size);
    if !args.long_cycles.is_empty() {
        let elf_path = args.bin_dir.join("sha256.elf");
        let elf = std::fs::read(&elf_path)
            .map_err(|e| CliError::Bench(format!("cannot read `{}` ({e})", elf_path.display())))?;
        let program = Program::from_elf(&elf).map_err(|source| CliError::InvalidElf {
            path: elf_path.clone(),
            source,
        })?;
        for &target in &args.long_cycles {
            let param = calibrate_long(&program, target)?;
            eprintln!("calibrated sha256 for about {target} cycles: bytes = {param}");
            configs.push(Config {
                workload: "sha256".into(),
                log_size: 64 - (target - 1).leading_zeros(),
                param,
                threads: Some(1),
                runs: 1,
                result: None,
            });
        }
        if !elfs.iter().any(|(w, _)| w == "sha256") {
            elfs.push(("sha256".into(), elf_path));
        }
    }

    let ctx = ReportContext {
        date: today(),
        cpu: cpu_model(),
        cores: std::thread::available_parallelism()
            .map(|n| n.get())
            .unwrap_or(1),
        revision: git_revision(),
        command: if args.quick {
            "zkvm bench --quick".into()
        } else {
            "zkvm bench".into()
        },
        runs: args.runs,
        large_runs: args.large_runs,
        started: Instant::now(),
        load_start: load_average(),
        chart: args.out.as_ref().and_then(|out| {
            chart_path(out)
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
        }),
    };
    let elf_inputs: Vec<&Path> = elfs.iter().map(|(_, p)| p.as_path()).collect();
    let total = configs.len();
    for i in 0..total {
        let (workload, param, threads, runs, log_size) = {
            let c = &configs[i];
            (c.workload.clone(), c.param, c.threads, c.runs, c.log_size)
        };
        let elf_path = &elfs.iter().find(|(w, _)| *w == workload).expect("elf").1;
        let input = workload_input(&workload, param);
        let input_path = scratch.0.join(format!("{workload}-{param}.bin"));
        std::fs::write(&input_path, &input).map_err(|e| {
            CliError::Bench(format!("cannot write `{}`: {e}", input_path.display()))
        })?;
        let mut results = Vec::new();
        for run in 1..=runs {
            let one = run_child(&exe, elf_path, &input_path, threads)?;
            eprintln!(
                "[{}/{total}] {workload} 2^{log_size} ({} cycles, 2^{} rows), threads {}: run {run}/{runs}: \
prove {:.2} s (trace {:.2} s), verify {:.1} ms, peak RSS {}",
                i + 1,
                one.cycles,
                one.log_rows,
                threads_label(threads),
                one.trace_s + one.prove_s,
                one.trace_s,
                one.verify_s * 1e3,
                one.peak_rss_bytes.map(format_bytes).unwrap_or_else(|| "unknown".into())
            );
            results.push(one);
        }
        let (native, native_out) = time_native(&workload, &input);
        let proven_hex = results[0].output_hex.clone();
        let native_ok = native_out.map(|o| hex(&o)) == Some(proven_hex)
            && results
                .iter()
                .all(|r| r.output_hex == results[0].output_hex && r.exit_code == 0);
        if !native_ok {
            eprintln!("warning: {workload} {param}: the native reference's output differs from the proven output");
        }
        let mut prove: Vec<f64> = results.iter().map(|r| r.trace_s + r.prove_s).collect();
        let mut verify: Vec<f64> = results.iter().map(|r| r.verify_s).collect();
        let mut cpu: Vec<f64> = results.iter().map(|r| r.cpu_s).collect();
        configs[i].result = Some(Summary {
            prove_median: median(&mut prove),
            cpu_median: median(&mut cpu),
            verify_median: median(&mut verify),
            native,
            native_ok,
            peak_rss_max: results.iter().filter_map(|r| r.peak_rss_bytes).max(),
            runs: results,
        });
        if let Some(out) = &args.out {
            write_report(out, &report(&ctx, &configs, false, None), &elf_inputs)?;
            write_chart(out, &configs, &elf_inputs)?;
        }
    }
    let plonky3 = (!args.no_plonky3).then(|| plonky3_section(&exe, &args.bin_dir, args.runs));
    let text = report(&ctx, &configs, true, plonky3.as_deref());
    match &args.out {
        Some(out) => {
            write_report(out, &text, &elf_inputs)?;
            eprintln!("wrote {}", out.display());
        }
        None => print!("{text}"),
    }
    Ok(())
}

/// The chart's file, next to the report: BENCHMARKS.md -> BENCHMARKS.png.
fn chart_path(out: &Path) -> PathBuf {
    out.with_extension("png")
}

/// Peak memory and prove CPU against cycles, one thread, every workload
/// (`plot::chart`), written next to the report.
fn write_chart(out: &Path, configs: &[Config], inputs: &[&Path]) -> Result<(), CliError> {
    let colors: [[u8; 3]; 4] = [[0, 90, 200], [0, 150, 0], [200, 110, 0], [170, 0, 170]];
    let mut memory = Vec::new();
    let mut cpu = Vec::new();
    for (i, w) in WORKLOADS.iter().enumerate() {
        let done: Vec<(&Config, &Summary)> = configs
            .iter()
            .filter(|c| c.workload == *w && c.threads == Some(1))
            .filter_map(|c| c.result.as_ref().map(|r| (c, r)))
            .collect();
        if done.is_empty() {
            continue;
        }
        let cycles = |r: &Summary| r.runs[0].cycles as f64;
        memory.push(plot::Series {
            name: w.to_uppercase(),
            color: colors[i],
            points: done
                .iter()
                .filter_map(|(_, r)| r.peak_rss_max.map(|b| (cycles(r), b as f64 / 1e9)))
                .collect(),
        });
        cpu.push(plot::Series {
            name: w.to_uppercase(),
            color: colors[i],
            points: done
                .iter()
                .map(|(_, r)| (cycles(r), r.cpu_median))
                .collect(),
        });
    }
    let png = plot::chart(&[
        plot::Panel {
            title: "PEAK RSS (GB) - TARGET < 2".into(),
            series: memory,
            target: Some(2.0),
        },
        plot::Panel {
            title: "PROVE CPU (S)".into(),
            series: cpu,
            target: None,
        },
    ]);
    replace_file(&chart_path(out), &png, inputs)
}

/// Replaces the generated part of the report file (`splice_report`).
fn write_report(out: &Path, generated: &str, inputs: &[&Path]) -> Result<(), CliError> {
    let old = std::fs::read_to_string(out).ok();
    replace_file(
        out,
        splice_report(old.as_deref(), generated).as_bytes(),
        inputs,
    )
}

/// A temporary directory for the benchmark inputs, removed when dropped.
struct Scratch(PathBuf);

impl Scratch {
    fn new() -> Result<Scratch, CliError> {
        let dir = std::env::temp_dir().join(format!("zkvm-bench-{}", std::process::id()));
        std::fs::create_dir_all(&dir)
            .map_err(|e| CliError::Bench(format!("cannot create `{}`: {e}", dir.display())))?;
        Ok(Scratch(dir))
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn report_json_round_trips() {
        let one = OneRun {
            cycles: 65000,
            log_rows: 16,
            cpu_rows: 65010,
            main_cells: 5_400_000,
            aux_cells: 4_700_000,
            exit_code: 0,
            trace_s: 0.25,
            prove_s: 4.5,
            cpu_s: 4.25,
            receipt_bytes: 400_000,
            proof_bytes: 399_000,
            verify_s: 0.05,
            peak_rss_bytes: None,
            output_hex: "00ff".into(),
        };
        let back = OneRun::from_json(&one.to_json()).unwrap();
        assert_eq!(back.cycles, 65000);
        assert_eq!(back.peak_rss_bytes, None);
        assert_eq!(back.output_hex, "00ff");
        assert_eq!(back.prove_s, 4.5);
        assert_eq!((back.main_cells, back.aux_cells), (5_400_000, 4_700_000));
        assert_eq!(cells_per_cycle(&back), "83 + 72");
    }

    #[test]
    fn report_keeps_the_text_outside_its_markers() {
        let first = splice_report(None, "table 1\n");
        assert!(first.starts_with("# Benchmarks\n\n"));
        let edited = first.replace("# Benchmarks\n\n", "# Benchmarks\n\nA note.\n\n")
            + "\n## Notes by hand\n";
        let second = splice_report(Some(&edited), "table 2\n");
        assert!(second.contains("A note.") && second.contains("## Notes by hand"));
        assert!(second.contains("table 2") && !second.contains("table 1"));
        assert_eq!(splice_report(Some(&second), "table 2\n"), second);
        // Without markers the file is replaced whole.
        assert_eq!(
            splice_report(Some("old text"), "t\n"),
            splice_report(None, "t\n")
        );
    }

    #[test]
    fn date_is_civil() {
        let d = today();
        assert_eq!(d.len(), 10);
        assert!(d.starts_with("20"), "{d}");
    }

    #[test]
    fn medians() {
        assert_eq!(median(&mut [3.0, 1.0, 2.0]), 2.0);
        assert_eq!(median(&mut [4.0, 1.0]), 2.5);
    }
}
