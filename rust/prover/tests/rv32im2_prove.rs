//! The RV32IM machine, version 2, end to end: programs run, their traces are
//! built table by table (rv32im2::run), proved, and the receipts verify
//! against the version-2 key; a receipt whose claim differs is rejected.
//! The example guests (Rust and C) and a hand-written program that reaches
//! every table.

use zkvm_prover::rv32im2::run::{prove_elf, verifying_key};
use zkvm_prover::ProverOptions;
use zkvm_verifier::error::error_name;
use zkvm_verifier::receipt::{encode_receipt, verify_receipt, Receipt};

mod rv32im2_common;
use rv32im2_common::programs::sum_program;

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

/// Every message every table puts on the bus, with the verifier's boundary
/// messages, cancels out, and every table's constraints hold on every row
/// (rv32im2_common::machine; printed by tag when the bus does not balance).
#[test]
fn the_bus_balances_across_tables() {
    use rv32im2_common::machine::{assert_clean, run};
    let h = run(&sum_program(), b"balance me");
    assert_clean("sum program", &h.vk, &h.claim());
}
