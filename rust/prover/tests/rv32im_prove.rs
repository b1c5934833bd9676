//! RV32IM programs prove and verify end to end through the receipt API, and
//! the receipt binds the program, the input, the output, the exit code and
//! the cycle count.

mod example_inputs;
use example_inputs::{example_elf, small_input};

use zkvm_executor::{Limits, Program};
use zkvm_prover::rv32im2::run::prove_elf;
use zkvm_prover::ProverOptions;
use zkvm_verifier::error::error_name;
use zkvm_verifier::receipt::{encode_receipt, verify_receipt, verifying_key, Receipt};

fn verify(elf: &[u8], receipt: &Receipt) -> Result<(), &'static str> {
    let vk = verifying_key(elf).map_err(|e| error_name(&e))?;
    verify_receipt(&vk, &encode_receipt(receipt))
        .map(|_| ())
        .map_err(|e| error_name(&e))
}

fn prove_and_check(name: &str) -> (Vec<u8>, Receipt) {
    let elf = example_elf(name);
    let input = small_input(name);
    let (receipt, report) = prove_elf(&elf, &input, &ProverOptions::default())
        .unwrap_or_else(|e| panic!("{name}: {e}"));
    // The public output and exit code are the executor's.
    let program = Program::from_elf(&elf).unwrap();
    let run = zkvm_executor::run(&program, &input, &Limits::default()).unwrap();
    assert_eq!(receipt.output, run.output, "{name}: output");
    assert_eq!(receipt.exit_code, run.exit_code, "{name}: exit code");
    assert_eq!(receipt.cycles, run.cycles, "{name}: cycles");
    let started = std::time::Instant::now();
    assert_eq!(verify(&elf, &receipt), Ok(()), "{name}");
    println!(
        "{name}: {} cycles, 2^{} rows, prove {:.1} s, proof {} KiB, verify {:.1} ms",
        report.cycles,
        report.log_rows,
        report.prove_seconds,
        receipt.proof.len() / 1024,
        started.elapsed().as_secs_f64() * 1e3
    );
    (elf, receipt)
}

macro_rules! example_test {
    ($test:ident, $name:literal) => {
        #[test]
        fn $test() {
            prove_and_check($name);
        }
    };
}

example_test!(sha256_proves_and_verifies, "sha256");
example_test!(sort_proves_and_verifies, "sort");
example_test!(sieve_proves_and_verifies, "sieve");
example_test!(reverse_proves_and_verifies, "reverse");
example_test!(c_checksum_proves_and_verifies, "c_checksum");
example_test!(modexp_proves_and_verifies, "modexp");

/// c_greet's executable segment ends on an odd byte: the loaders map the rest
/// of its last word as zeros, and the run proves and verifies.
#[test]
fn a_segment_ending_inside_a_word_proves_and_verifies() {
    let elf = example_elf("c_greet");
    let exe = zkvm_executor::Program::from_elf(&elf).unwrap();
    assert!(exe
        .segments
        .iter()
        .any(|s| s.executable && s.mem_size % 4 != 0));
    prove_and_check("c_greet");
}

/// fibonacci, then every part of the claim changed in turn.
#[test]
fn receipt_binds_program_input_output_exit_code_and_cycles() {
    let (elf, receipt) = prove_and_check("fibonacci");
    let with = |edit: &dyn Fn(&mut Receipt)| {
        let mut r = Receipt {
            exit_code: receipt.exit_code,
            cycles: receipt.cycles,
            input_consumed: receipt.input_consumed,
            input: receipt.input.clone(),
            output: receipt.output.clone(),
            proof: receipt.proof.clone(),
        };
        edit(&mut r);
        r
    };
    let cases: Vec<(&str, Receipt)> = vec![
        ("exit code", with(&|r| r.exit_code ^= 1)),
        ("exit code high half", with(&|r| r.exit_code ^= 1 << 20)),
        ("cycles", with(&|r| r.cycles += 1)),
        ("cycles down", with(&|r| r.cycles -= 1)),
        ("input byte", with(&|r| r.input[0] ^= 1)),
        ("input longer", with(&|r| r.input.push(0))),
        ("input consumed", with(&|r| r.input_consumed -= 1)),
        ("output byte", with(&|r| r.output[0] ^= 1)),
        (
            "output shorter",
            with(&|r| {
                r.output.pop();
            }),
        ),
        ("output longer", with(&|r| r.output.push(b'\n'))),
    ];
    for (what, forged) in &cases {
        assert!(verify(&elf, forged).is_err(), "changed {what} verified");
    }
    // Another program, and the same program with one instruction changed.
    assert!(verify(&example_elf("sieve"), &receipt).is_err());
    let mut patched = elf.clone();
    let program = Program::from_elf(&elf).unwrap();
    let text = program.segments.iter().find(|s| s.executable).unwrap();
    // The ELF offset of the text segment's first bytes: find them in the file.
    let at = patched
        .windows(16)
        .position(|w| w == &text.data[..16])
        .unwrap();
    // addi x0, x0, 0 (a no-op) in place of the entry's first instruction
    // changes the program table, hence the verifying key.
    patched[at..at + 4].copy_from_slice(&0x0000_0013u32.to_le_bytes());
    if patched != elf {
        assert!(verify(&patched, &receipt).is_err());
    }
}

/// 600 random byte mutations of a receipt (statement and proof) are all
/// rejected with a typed error, never a panic.
#[test]
fn random_receipt_mutations_are_rejected() {
    let elf = example_elf("fibonacci");
    let (receipt, _) =
        prove_elf(&elf, &small_input("fibonacci"), &ProverOptions::default()).unwrap();
    let bytes = encode_receipt(&receipt);
    let vk = verifying_key(&elf).unwrap_or_else(|_| panic!("vk"));
    assert!(verify_receipt(&vk, &bytes).is_ok());
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let mut rejected = 0;
    for i in 0..600 {
        let mut forged = bytes.clone();
        // A third of the mutations hit the first 4 KiB (header, statement,
        // commitments, out-of-domain values), the rest anywhere.
        let span = if i % 3 == 0 {
            4096.min(forged.len())
        } else {
            forged.len()
        };
        let at = (next() as usize) % span;
        let delta = 1 + (next() % 255) as u8;
        forged[at] ^= delta;
        if verify_receipt(&vk, &forged).is_err() {
            rejected += 1;
        }
    }
    assert_eq!(rejected, 600);
}
