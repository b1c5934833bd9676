//! Prove/verify timing for the test AIRs.
//! Usage: cargo run --release -p zkvm-prover --example bench -- [log_n ...] [--threads T] [--air fib|cubic|lookup] [--blowup4]

use std::time::Instant;

use zkvm_prover::profile::process_cpu_seconds;
use zkvm_prover::trace::{cubic_trace, fibonacci_trace, lookup_test_trace};
use zkvm_prover::{prove, ProverOptions};
use zkvm_verifier::air::{table_shape, tables, AirId};
use zkvm_verifier::protocol::params::{blowup4_params, conjectured_security_bits, standard_params};
use zkvm_verifier::protocol::vk::VerifyingKey;
use zkvm_verifier::verify;

fn main() {
    let mut sizes = Vec::new();
    let mut threads = Some(1);
    let mut air_name = String::from("fib");
    let mut blowup4 = false;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--threads" => threads = Some(args.next().unwrap().parse().unwrap()),
            "--air" => air_name = args.next().unwrap(),
            "--blowup4" => blowup4 = true,
            s => sizes.push(s.parse::<u32>().unwrap()),
        }
    }
    if sizes.is_empty() {
        sizes = vec![16, 20];
    }
    for log_n in sizes {
        let (air, (trace, public)) = match air_name.as_str() {
            "cubic" => (AirId::CubicTest, cubic_trace(log_n, 1)),
            "lookup" => (
                AirId::LookupTest,
                lookup_test_trace(log_n, 3, &[1, 2], &[4]),
            ),
            _ => (AirId::Fibonacci, fibonacci_trace(log_n, 1, 1)),
        };
        let params = if blowup4 {
            blowup4_params()
        } else {
            standard_params()
        };
        let security = conjectured_security_bits(&params, log_n);
        let width = table_shape(&tables(&air)[0]).width;
        let vk = VerifyingKey { air, params };
        let options = ProverOptions {
            num_threads: threads,
            check_constraints: true,
            zk_seed: None,
        };
        let start = Instant::now();
        let cpu_start = process_cpu_seconds();
        let bytes = prove(&vk, std::slice::from_ref(&trace), &public, &options).unwrap();
        let prove_s = start.elapsed().as_secs_f64();
        let prove_cpu = process_cpu_seconds() - cpu_start;
        let start = Instant::now();
        verify(&vk, &public, &bytes).unwrap();
        let verify_s = start.elapsed().as_secs_f64();
        let cells = (width as f64) * (1u64 << log_n) as f64;
        println!(
            "log_n={log_n} width={width} threads={threads:?} prove: wall {prove_s:.3}s cpu {prove_cpu:.2}s ({:.2} M cells/s by cpu) proof={} bytes ({:.1} KiB) verify={:.1}ms conjectured={security} bits",
            cells / prove_cpu.max(0.01) / 1e6,
            bytes.len(),
            bytes.len() as f64 / 1024.0,
            verify_s * 1e3
        );
    }
}
