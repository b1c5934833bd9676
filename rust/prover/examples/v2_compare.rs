//! The RV32IM machine version 1 (one wide trace) against version 2 (a narrow
//! CPU table and coprocessor tables) on the same program, one thread, in one
//! process: median prove CPU time of interleaved runs and cells.
//! The program is a loop of loads, stores, additions, logic and branches
//! (version 2 has no MUL/DIV tables yet, so no multiplication, division or
//! shift), `iterations` times.
//! Usage: cargo run --release -p zkvm-prover --example v2_compare -- [iterations] [runs]

use zkvm_executor::testing::asm::{self, reg};
use zkvm_executor::testing::elf_writer::{ElfBuilder, DATA_BASE};
use zkvm_prover::profile::process_cpu_seconds;
use zkvm_prover::ProverOptions;

fn program(iterations: u32) -> Vec<u8> {
    let mut w = Vec::new();
    w.extend(asm::li(reg::T0, DATA_BASE));
    w.extend(asm::li(reg::T1, iterations));
    w.extend(asm::li(reg::T2, 0));
    // loop body: 10 instructions
    w.push(asm::lw(reg::A3, reg::T0, 0));
    w.push(asm::add(reg::T2, reg::T2, reg::A3));
    w.push(asm::xor(reg::A4, reg::T2, reg::T1));
    w.push(asm::sw(reg::A4, reg::T0, 4));
    w.push(asm::andi(reg::A5, reg::T1, 63));
    w.push(asm::sltu(reg::A6, reg::A5, reg::T2));
    w.push(asm::sb(reg::A6, reg::T0, 9));
    w.push(asm::lbu(reg::A5, reg::T0, 9));
    w.push(asm::addi(reg::T1, reg::T1, -1));
    w.push(asm::bne(reg::T1, reg::ZERO, -36));
    w.extend(asm::li(reg::A0, 0));
    w.extend(asm::li(reg::A7, 93));
    w.push(asm::ecall());
    ElfBuilder::with_text(&w)
        .data(DATA_BASE, vec![1, 2, 3, 4, 5, 6, 7, 8], 64)
        .build()
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(|a, b| a.partial_cmp(b).unwrap());
    v[v.len() / 2]
}

fn main() {
    let mut args = std::env::args().skip(1);
    let iterations: u32 = args.next().map_or(25_000, |s| s.parse().unwrap());
    let runs: usize = args.next().map_or(3, |s| s.parse().unwrap());
    let elf = program(iterations);
    let options = ProverOptions {
        num_threads: Some(1),
        ..ProverOptions::default()
    };
    let (mut v1, mut v2) = (Vec::new(), Vec::new());
    let (mut cycles, mut size1, mut size2) = (0, 0, 0);
    for _ in 0..runs {
        let t = process_cpu_seconds();
        let (r1, _) = zkvm_prover::rv32im::prove_elf(&elf, &[], &options).expect("v1");
        v1.push(process_cpu_seconds() - t);
        let t = process_cpu_seconds();
        let (r2, _) = zkvm_prover::rv32im2::run::prove_elf(&elf, &[], &options).expect("v2");
        v2.push(process_cpu_seconds() - t);
        cycles = r1.cycles;
        assert_eq!(r1.cycles, r2.cycles);
        size1 = r1.proof.len();
        size2 = r2.proof.len();
    }
    let vk = zkvm_prover::rv32im2::run::verifying_key(&elf).unwrap();
    let w = zkvm_prover::rv32im2::run::build_traces(&vk.air, &elf, &[], 1 << 22).unwrap();
    let heights: Vec<String> = zkvm_verifier::air::tables(&vk.air)
        .iter()
        .zip(&w.traces)
        .map(|(id, t)| {
            format!(
                "{id:?} {}x2^{}",
                t.width,
                (t.values.len() / t.width).trailing_zeros()
            )
        })
        .collect();
    let (m1, m2) = (median(v1), median(v2));
    println!("{cycles} cycles, {runs} runs each, interleaved, one thread");
    println!(
        "v1: {m1:.2} CPU-s median, {:.1} k cycles per CPU-s, proof {} KiB",
        cycles as f64 / m1 / 1e3,
        size1 / 1024
    );
    println!(
        "v2: {m2:.2} CPU-s median, {:.1} k cycles per CPU-s, proof {} KiB",
        cycles as f64 / m2 / 1e3,
        size2 / 1024
    );
    println!(
        "v2 main-trace cells: {} ({:.1} per cycle): {}",
        w.main_cells,
        w.main_cells as f64 / cycles as f64,
        heights.join(", ")
    );
    println!("ratio v1/v2 CPU: {:.2}", m1 / m2);
}
