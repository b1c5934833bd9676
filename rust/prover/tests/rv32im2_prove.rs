//! The RV32IM machine, version 2, end to end: programs run, their traces are
//! built table by table (rv32im2::run), proved, and the receipts verify
//! against the version-2 key; a receipt whose claim differs is rejected.
//! The example guests (Rust and C) and a hand-written program that reaches
//! every table.

use zkvm_executor::testing::asm::{self, reg};
use zkvm_executor::testing::elf_writer::{ElfBuilder, DATA_BASE};
use zkvm_prover::rv32im2::run::{prove_elf, verifying_key};
use zkvm_prover::ProverOptions;
use zkvm_verifier::error::error_name;
use zkvm_verifier::receipt::{encode_receipt, verify_receipt, Receipt};

fn syscall(words: &mut Vec<u32>, nr: u32, a0: u32, a1: u32, a2: u32) {
    words.extend(asm::li(reg::A0, a0));
    words.extend(asm::li(reg::A1, a1));
    words.extend(asm::li(reg::A2, a2));
    words.extend(asm::li(reg::A7, nr));
    words.push(asm::ecall());
}

/// Reads up to 64 input bytes to DATA_BASE, sums them (LBU, ADD, a BNE loop),
/// XORs the sum into a data word (LW, XOR, SW), writes the 4 bytes of the
/// result and the input back (fd 1), a line to fd 2, and exits with
/// sum AND 0xFF.
fn sum_program() -> Vec<u8> {
    let mut w = Vec::new();
    syscall(&mut w, 63, 0, DATA_BASE, 64);
    // a0 = count read; t0 = pointer, t1 = end, t2 = sum.
    w.extend(asm::li(reg::T0, DATA_BASE));
    w.push(asm::add(reg::T1, reg::T0, reg::A0));
    w.push(asm::addi(reg::S1, reg::A0, 0));
    w.extend(asm::li(reg::T2, 0));
    // loop: if t0 == t1 goto done
    w.push(asm::beq(reg::T0, reg::T1, 20));
    w.push(asm::lbu(reg::A3, reg::T0, 0));
    w.push(asm::add(reg::T2, reg::T2, reg::A3));
    w.push(asm::addi(reg::T0, reg::T0, 1));
    w.push(asm::jal(reg::ZERO, -16));
    // done: mix with the word at DATA_BASE + 128 and store at + 132.
    w.extend(asm::li(reg::A4, DATA_BASE + 128));
    w.push(asm::lw(reg::A5, reg::A4, 0));
    w.push(asm::xor(reg::A5, reg::A5, reg::T2));
    w.push(asm::sw(reg::A5, reg::A4, 4));
    w.push(asm::sltu(reg::A6, reg::T2, reg::A5));
    w.push(asm::sh(reg::A6, reg::A4, 8));
    w.push(asm::lh(reg::S0, reg::A4, 6));
    w.push(asm::sb(reg::S0, reg::A4, 11));
    syscall(&mut w, 64, 1, DATA_BASE + 132, 8);
    // Write the input back: a1 = DATA_BASE, a2 = s1 (count), fd 1.
    w.extend(asm::li(reg::A0, 1));
    w.extend(asm::li(reg::A1, DATA_BASE));
    w.push(asm::addi(reg::A2, reg::S1, 0));
    w.extend(asm::li(reg::A7, 64));
    w.push(asm::ecall());
    syscall(&mut w, 64, 2, DATA_BASE + 128, 3);
    w.push(asm::andi(reg::A0, reg::T2, 0xFF));
    w.extend(asm::li(reg::A7, 93));
    w.push(asm::ecall());
    let mut data = vec![0u8; 136];
    data[128..132].copy_from_slice(&0x1234_5678u32.to_le_bytes());
    ElfBuilder::with_text(&w).data(DATA_BASE, data, 256).build()
}

mod example_inputs;
use example_inputs::{example_elf, small_input};

macro_rules! example_test {
    ($test:ident, $name:literal) => {
        #[test]
        fn $test() {
            let elf = example_elf($name);
            let receipt = prove(&elf, &small_input($name));
            assert_eq!(verify(&elf, &receipt), Ok(()), $name);
        }
    };
}

example_test!(fibonacci_proves_and_verifies, "fibonacci");
example_test!(sha256_proves_and_verifies, "sha256");
example_test!(sort_proves_and_verifies, "sort");
example_test!(sieve_proves_and_verifies, "sieve");
example_test!(reverse_proves_and_verifies, "reverse");
example_test!(modexp_proves_and_verifies, "modexp");
example_test!(c_checksum_proves_and_verifies, "c_checksum");
example_test!(c_greet_proves_and_verifies, "c_greet");

fn verify(elf: &[u8], receipt: &Receipt) -> Result<(), &'static str> {
    let vk = verifying_key(elf).map_err(|e| error_name(&e))?;
    verify_receipt(&vk, &encode_receipt(receipt))
        .map(|_| ())
        .map_err(|e| error_name(&e))
}

fn prove(elf: &[u8], input: &[u8]) -> Receipt {
    let (receipt, report) =
        prove_elf(elf, input, &ProverOptions::default()).unwrap_or_else(|e| panic!("prove: {e}"));
    let exec = zkvm_executor::Program::from_elf(elf).unwrap();
    let run = zkvm_executor::run(&exec, input, &zkvm_executor::Limits::default()).unwrap();
    assert_eq!(receipt.output, run.output);
    assert_eq!(receipt.exit_code, run.exit_code);
    assert_eq!(receipt.cycles, run.cycles);
    println!(
        "{} cycles, tallest table 2^{}, {} boundary rows, proof {} KiB",
        report.cycles,
        report.log_rows,
        report.boundary_rows,
        receipt.proof.len() / 1024
    );
    receipt
}

#[test]
fn a_program_on_every_table_proves_and_verifies() {
    let elf = sum_program();
    for input in [&b""[..], b"abc", &[0xFFu8; 64][..], &[7u8; 100][..]] {
        let receipt = prove(&elf, input);
        assert_eq!(
            verify(&elf, &receipt),
            Ok(()),
            "input of {} bytes",
            input.len()
        );
    }
}

#[test]
fn a_changed_claim_is_rejected() {
    let elf = sum_program();
    let receipt = prove(&elf, b"hello, v2");
    let edits: Vec<(&str, Box<dyn Fn(&mut Receipt)>)> = vec![
        ("exit code", Box::new(|r| r.exit_code ^= 1)),
        ("cycles", Box::new(|r| r.cycles += 1)),
        ("output byte", Box::new(|r| r.output[0] ^= 1)),
        ("output length", Box::new(|r| r.output.push(0))),
        ("input byte", Box::new(|r| r.input[2] ^= 1)),
        ("input consumed", Box::new(|r| r.input_consumed -= 1)),
        ("longer input", Box::new(|r| r.input.push(b'!'))),
    ];
    for (what, edit) in edits {
        let mut forged = Receipt {
            exit_code: receipt.exit_code,
            cycles: receipt.cycles,
            input_consumed: receipt.input_consumed,
            input: receipt.input.clone(),
            output: receipt.output.clone(),
            proof: receipt.proof.clone(),
        };
        edit(&mut forged);
        assert!(
            verify(&elf, &forged).is_err(),
            "{what} changed, still verifies"
        );
    }
}

mod rv32im2_common;

/// Every message every table puts on the bus, with the verifier's boundary
/// messages, cancels out, and every table's constraints hold on every row
/// (rv32im2_common::machine; printed by tag when the bus does not balance).
#[test]
fn the_bus_balances_across_tables() {
    use rv32im2_common::machine::{assert_clean, run};
    let h = run(&sum_program(), b"balance me");
    assert_clean("sum program", &h.vk, &h.claim());
}
