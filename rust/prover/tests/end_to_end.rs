//! Honest proofs verify, for both test AIRs, several sizes and both parameter sets.

use zkvm_prover::trace::{cubic_trace, fibonacci_trace};
use zkvm_prover::{prove, ProverOptions};
use zkvm_verifier::air::AirId;
use zkvm_verifier::params::{blowup4_params, standard_params, StarkParams};
use zkvm_verifier::proof::decode_proof;
use zkvm_verifier::verify;
use zkvm_verifier::vk::VerifyingKey;

fn vk(air: AirId, params: StarkParams) -> VerifyingKey {
    VerifyingKey { air, params }
}

#[test]
fn fibonacci_proofs_verify_for_several_sizes() {
    for log_n in [3u32, 4, 5, 8, 10, 12] {
        let key = vk(AirId::Fibonacci, standard_params());
        let (trace, statement) = fibonacci_trace(log_n, 1, 1);
        let bytes = prove(&key, &trace, &statement, &ProverOptions::default()).unwrap();
        assert_eq!(verify(&key, &statement, &bytes), Ok(()), "log_n = {log_n}");
        let proof = decode_proof(&bytes).unwrap();
        assert_eq!(proof.log_trace_len, log_n);
        assert_eq!(proof.fri_commitments.len(), (log_n - 3) as usize);
    }
}

#[test]
fn cubic_proofs_verify_for_several_sizes() {
    for log_n in [3u32, 6, 9, 11] {
        let key = vk(AirId::CubicTest, standard_params());
        let (trace, statement) = cubic_trace(log_n, 7);
        let bytes = prove(&key, &trace, &statement, &ProverOptions::default()).unwrap();
        assert_eq!(verify(&key, &statement, &bytes), Ok(()), "log_n = {log_n}");
        assert_eq!(
            decode_proof(&bytes).unwrap().ood_quotient.len(),
            8,
            "two quotient chunks"
        );
    }
}

#[test]
fn blowup4_parameters_verify() {
    for log_n in [3u32, 7, 10] {
        let key = vk(AirId::Fibonacci, blowup4_params());
        let (trace, statement) = fibonacci_trace(log_n, 2, 3);
        let bytes = prove(&key, &trace, &statement, &ProverOptions::default()).unwrap();
        assert_eq!(verify(&key, &statement, &bytes), Ok(()));
        let key = vk(AirId::CubicTest, blowup4_params());
        let (trace, statement) = cubic_trace(log_n, 0);
        let bytes = prove(&key, &trace, &statement, &ProverOptions::default()).unwrap();
        assert_eq!(verify(&key, &statement, &bytes), Ok(()));
    }
}

#[test]
fn single_thread_and_default_pool_give_identical_proofs() {
    let key = vk(AirId::CubicTest, standard_params());
    let (trace, statement) = cubic_trace(9, 5);
    let one = prove(
        &key,
        &trace,
        &statement,
        &ProverOptions {
            num_threads: Some(1),
            check_constraints: true,
        },
    )
    .unwrap();
    let many = prove(&key, &trace, &statement, &ProverOptions::default()).unwrap();
    assert_eq!(one, many);
}

#[test]
fn proof_for_other_vk_is_rejected() {
    let (trace, statement) = fibonacci_trace(6, 1, 1);
    let key = vk(AirId::Fibonacci, standard_params());
    let bytes = prove(&key, &trace, &statement, &ProverOptions::default()).unwrap();
    let other = vk(AirId::Fibonacci, blowup4_params());
    assert!(verify(&other, &statement, &bytes).is_err());
}
