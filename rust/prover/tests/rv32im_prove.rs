//! RV32IM programs prove and verify end to end through the receipt API.

use zkvm_prover::rv32im::prove_elf;
use zkvm_prover::ProverOptions;
use zkvm_verifier::receipt::{encode_receipt, verify_receipt, verifying_key};

fn example(name: &str) -> Vec<u8> {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples");
    std::fs::read(format!("{root}/bin/{name}.elf")).unwrap()
}

#[test]
fn fibonacci_proves_and_verifies() {
    let elf = example("fibonacci");
    let input = 3000u32.to_le_bytes();
    let (receipt, report) = prove_elf(&elf, &input, &ProverOptions::default()).expect("proves");
    println!("{report:?}");
    let bytes = encode_receipt(&receipt);
    println!(
        "receipt {} bytes, proof {} bytes",
        bytes.len(),
        receipt.proof.len()
    );
    let vk = verifying_key(&elf).unwrap_or_else(|_| panic!("vk"));
    let t = std::time::Instant::now();
    let run = verify_receipt(&vk, &bytes).unwrap_or_else(|e| panic!("verify: {e}"));
    println!("verified in {:?}", t.elapsed());
    assert_eq!(run.exit_code, receipt.exit_code);
    assert_eq!(run.output, receipt.output);
}
