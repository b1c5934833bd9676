//! What zero knowledge costs: the same RV32IM witness (one segment) proved
//! with `compact_params` and with `compact_zk_params` (the receipts'),
//! alternating, on one thread; prove CPU seconds (user + system) per run,
//! proof bytes and verify time.
//! Usage: cargo run --release -p zkvm-prover --example zk_cost -- ELF INPUT_BYTES [REPS]
//! (input: the sha256 workload's byte pattern, (7 i + 3) mod 256).

use std::time::Instant;

use zkvm_prover::profile::process_cpu_seconds;
use zkvm_prover::rv32im2::run::{build_traces, DEFAULT_MAX_CYCLES};
use zkvm_prover::{prove, ProverOptions};
use zkvm_verifier::protocol::params::{compact_params, compact_zk_params};
use zkvm_verifier::receipt::verifying_key;
use zkvm_verifier::verify;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let elf = std::fs::read(&args[0]).expect("ELF file");
    let bytes: u32 = args[1].parse().expect("input bytes");
    let reps: usize = args.get(2).map_or(3, |r| r.parse().unwrap());
    let input: Vec<u8> = (0..bytes)
        .map(|i| (i.wrapping_mul(7).wrapping_add(3)) as u8)
        .collect();
    let base = verifying_key(&elf).unwrap();
    let witness = build_traces(&base.air, &elf, &input, DEFAULT_MAX_CYCLES).unwrap();
    println!(
        "{} cycles, {} main cells, tallest 2^{}",
        witness.cycles,
        witness.traces.iter().map(|t| t.values.len()).sum::<usize>(),
        witness
            .traces
            .iter()
            .map(|t| t.values.len() / t.width)
            .max()
            .unwrap()
            .trailing_zeros()
    );
    let options = ProverOptions {
        num_threads: Some(1),
        check_constraints: false,
        zk_seed: None,
    };
    for rep in 0..reps {
        for zk in [false, true] {
            let mut vk = verifying_key(&elf).unwrap();
            vk.params = if zk {
                compact_zk_params()
            } else {
                compact_params()
            };
            let statement = witness.statement(&vk, &input).unwrap();
            let cpu = process_cpu_seconds();
            let proof = prove(&vk, &witness.traces, &statement, &options).unwrap();
            let cpu = process_cpu_seconds() - cpu;
            let started = Instant::now();
            verify(&vk, &statement, &proof).unwrap();
            let verify_ms = started.elapsed().as_secs_f64() * 1e3;
            println!(
                "rep {rep} zk={zk}: prove {cpu:.2} CPU-s, proof {} bytes ({:.1} KiB), verify {verify_ms:.1} ms",
                proof.len(),
                proof.len() as f64 / 1024.0
            );
        }
    }
}
