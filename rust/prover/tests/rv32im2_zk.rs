//! Zero knowledge (docs/protocol.md §15.4): receipts are randomised (a fresh
//! seed per proof, unless one is fixed), still verify, and with a fixed seed
//! the prover is deterministic.

mod rv32im2_common;

use rv32im2_common::programs::sum_program;
use zkvm_prover::rv32im2::run::{prove_elf_segmented, verifying_key, DEFAULT_MAX_CYCLES};
use zkvm_prover::ProverOptions;
use zkvm_verifier::protocol::proof::{decode_segments_with_limits, protocol_limits};
use zkvm_verifier::receipt::{encode_receipt, verify_receipt, Receipt};

fn prove(options: &ProverOptions, segment_cycles: u64) -> Receipt {
    let elf = sum_program();
    let (receipt, _) = prove_elf_segmented(
        &elf,
        b"zero knowledge",
        options,
        segment_cycles,
        DEFAULT_MAX_CYCLES,
    )
    .unwrap();
    let vk = verifying_key(&elf).unwrap();
    assert_eq!(
        verify_receipt(&vk, &encode_receipt(&receipt)).map(|_| ()),
        Ok(())
    );
    receipt
}

fn seeded(seed: u8) -> ProverOptions {
    ProverOptions {
        zk_seed: Some([seed; 32]),
        ..ProverOptions::default()
    }
}

#[test]
fn the_receipt_parameters_are_zero_knowledge() {
    let params = zkvm_verifier::receipt::rv32im_params();
    assert!(params.zk);
    assert!(zkvm_verifier::protocol::params::conjectured_security_bits(&params, 20) >= 100);
}

#[test]
fn every_proof_is_fresh_unless_the_seed_is_fixed() {
    let a = prove(&ProverOptions::default(), 1 << 18);
    let b = prove(&ProverOptions::default(), 1 << 18);
    assert_eq!(a.output, b.output);
    assert_ne!(a.proof, b.proof, "two proofs of one run with fresh seeds");
    let c = prove(&seeded(3), 1 << 18);
    let d = prove(&seeded(3), 1 << 18);
    assert_eq!(c.proof, d.proof, "a fixed seed gives the same proof");
    let e = prove(&seeded(4), 1 << 18);
    assert_ne!(c.proof, e.proof);
}

#[test]
fn a_run_in_segments_closes_its_blinding_ring() {
    // The last table of each segment sends its blinding messages to the next
    // segment's first table, the last segment's back to the first: the bus
    // balances only if the ring is closed across segments (prove() verifies).
    let receipt = prove(&seeded(5), 40);
    let segments = decode_segments_with_limits(&receipt.proof, &protocol_limits()).unwrap();
    assert!(segments.len() >= 3, "{} segments", segments.len());
}
