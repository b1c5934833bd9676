//! Honest proofs verify, for both test AIRs, several sizes and all parameter
//! sets (FRI arities 2 to 16, several Merkle cap heights).

use zkvm_prover::trace::{cubic_trace, fibonacci_trace};
use zkvm_prover::{prove, ProverOptions};
use zkvm_verifier::air::AirId;
use zkvm_verifier::protocol::params::{
    blowup4_params, compact_params, standard_params, StarkParams,
};
use zkvm_verifier::protocol::proof::decode_proof;
use zkvm_verifier::protocol::vk::VerifyingKey;
use zkvm_verifier::verify;

fn vk(air: AirId, params: StarkParams) -> VerifyingKey {
    VerifyingKey { air, params }
}

#[test]
fn fibonacci_proofs_verify_for_several_sizes() {
    for log_n in [3u32, 4, 5, 8, 10, 12] {
        let key = vk(AirId::Fibonacci, standard_params());
        let (trace, statement) = fibonacci_trace(log_n, 1, 1);
        let bytes = prove(
            &key,
            std::slice::from_ref(&trace),
            &statement,
            &ProverOptions::default(),
        )
        .unwrap();
        assert_eq!(verify(&key, &statement, &bytes), Ok(()), "log_n = {log_n}");
        let proof = decode_proof(&bytes).unwrap();
        assert_eq!(proof.log_heights, vec![log_n]);
        assert_eq!(proof.fri_commitments.len(), (log_n - 3) as usize);
    }
}

#[test]
fn cubic_proofs_verify_for_several_sizes() {
    for log_n in [3u32, 6, 9, 11] {
        let key = vk(AirId::CubicTest, standard_params());
        let (trace, statement) = cubic_trace(log_n, 7);
        let bytes = prove(
            &key,
            std::slice::from_ref(&trace),
            &statement,
            &ProverOptions::default(),
        )
        .unwrap();
        assert_eq!(verify(&key, &statement, &bytes), Ok(()), "log_n = {log_n}");
        assert_eq!(
            decode_proof(&bytes).unwrap().openings[0].quotient.len(),
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
        let bytes = prove(
            &key,
            std::slice::from_ref(&trace),
            &statement,
            &ProverOptions::default(),
        )
        .unwrap();
        assert_eq!(verify(&key, &statement, &bytes), Ok(()));
        let key = vk(AirId::CubicTest, blowup4_params());
        let (trace, statement) = cubic_trace(log_n, 0);
        let bytes = prove(
            &key,
            std::slice::from_ref(&trace),
            &statement,
            &ProverOptions::default(),
        )
        .unwrap();
        assert_eq!(verify(&key, &statement, &bytes), Ok(()));
    }
}

#[test]
fn compact_parameters_verify() {
    // log_final_poly_len 6: at least 64 rows; odd and even log_n (the last
    // round folds by 2 when log_n is odd, the final polynomial has 64
    // coefficients either way).
    for log_n in [6u32, 7, 10, 11] {
        let key = vk(AirId::Fibonacci, compact_params());
        let (trace, statement) = fibonacci_trace(log_n, 2, 3);
        let bytes = prove(
            &key,
            std::slice::from_ref(&trace),
            &statement,
            &ProverOptions::default(),
        )
        .unwrap();
        assert_eq!(verify(&key, &statement, &bytes), Ok(()), "log_n = {log_n}");
        let proof = decode_proof(&bytes).unwrap();
        assert_eq!(
            proof.fri_commitments.len(),
            (log_n - 6).div_ceil(2) as usize
        );
        assert_eq!(proof.final_poly.len(), 64);
        // Caps of 2^min(6, depth) digests; paths stop there.
        assert_eq!(proof.main_commitment.len(), 64);
        let arities = zkvm_verifier::protocol::params::fri_log_arities(&key.params, &[log_n + 2]);
        assert!(proof
            .queries
            .iter()
            .all(|q| q.main.path.len() == (log_n + 2 - 6) as usize
                && q.fri_steps
                    .iter()
                    .zip(&arities)
                    .all(|(s, &k)| s.siblings.len() == (1 << k) - 1)));
        let key = vk(AirId::CubicTest, compact_params());
        let (trace, statement) = cubic_trace(log_n, 0);
        let bytes = prove(
            &key,
            std::slice::from_ref(&trace),
            &statement,
            &ProverOptions::default(),
        )
        .unwrap();
        assert_eq!(verify(&key, &statement, &bytes), Ok(()));
    }
    // Too short for the final polynomial: a typed refusal, not a panic.
    let key = vk(AirId::Fibonacci, compact_params());
    let (trace, statement) = fibonacci_trace(5, 2, 3);
    assert!(prove(
        &key,
        std::slice::from_ref(&trace),
        &statement,
        &ProverOptions::default()
    )
    .is_err());
}

/// Parameters with FRI arity 2^log_fri_arity and caps of height log_cap_height.
fn shaped(log_fri_arity: u32, log_cap_height: u32, log_blowup: u32) -> StarkParams {
    StarkParams {
        log_blowup,
        num_queries: 20,
        pow_bits: 4,
        log_final_poly_len: 1,
        log_fri_arity,
        log_cap_height,
        zk: false,
    }
}

#[test]
fn every_arity_and_cap_height_verifies() {
    for log_fri_arity in 1..=4u32 {
        for log_cap_height in [0u32, 1, 3, 8] {
            for (log_n, log_blowup) in [(3u32, 1u32), (8, 1), (9, 2), (6, 3)] {
                let key = vk(
                    AirId::CubicTest,
                    shaped(log_fri_arity, log_cap_height, log_blowup),
                );
                let (trace, statement) = cubic_trace(log_n, 1);
                let bytes = prove(
                    &key,
                    std::slice::from_ref(&trace),
                    &statement,
                    &ProverOptions::default(),
                )
                .unwrap();
                assert_eq!(
                    verify(&key, &statement, &bytes),
                    Ok(()),
                    "arity 2^{log_fri_arity} cap {log_cap_height} log_n {log_n}"
                );
                // The same proof under another arity or cap height is rejected.
                let other_arity = vk(
                    AirId::CubicTest,
                    shaped(log_fri_arity % 4 + 1, log_cap_height, log_blowup),
                );
                assert!(verify(&other_arity, &statement, &bytes).is_err());
                let other_cap = vk(
                    AirId::CubicTest,
                    shaped(log_fri_arity, log_cap_height + 1, log_blowup),
                );
                assert!(verify(&other_cap, &statement, &bytes).is_err());
            }
        }
    }
}

#[test]
fn single_thread_and_default_pool_give_identical_proofs() {
    for params in [
        standard_params(),
        compact_params(),
        shaped(3, 2, 1),
        shaped(4, 5, 2),
    ] {
        let key = vk(AirId::CubicTest, params);
        let (trace, statement) = cubic_trace(9, 5);
        let one = prove(
            &key,
            std::slice::from_ref(&trace),
            &statement,
            &ProverOptions {
                num_threads: Some(1),
                check_constraints: true,
                zk_seed: None,
            },
        )
        .unwrap();
        let two = prove(
            &key,
            std::slice::from_ref(&trace),
            &statement,
            &ProverOptions {
                num_threads: Some(2),
                check_constraints: true,
                zk_seed: None,
            },
        )
        .unwrap();
        let many = prove(
            &key,
            std::slice::from_ref(&trace),
            &statement,
            &ProverOptions::default(),
        )
        .unwrap();
        assert_eq!(one, many);
        assert_eq!(one, two);
    }
}

#[test]
fn proof_for_other_vk_is_rejected() {
    let (trace, statement) = fibonacci_trace(6, 1, 1);
    let key = vk(AirId::Fibonacci, standard_params());
    let bytes = prove(
        &key,
        std::slice::from_ref(&trace),
        &statement,
        &ProverOptions::default(),
    )
    .unwrap();
    let other = vk(AirId::Fibonacci, blowup4_params());
    assert!(verify(&other, &statement, &bytes).is_err());
    // Parameters that differ only in the arity or the cap height.
    let mut params = standard_params();
    params.log_fri_arity = 2;
    assert!(verify(&vk(AirId::Fibonacci, params), &statement, &bytes).is_err());
    let mut params = standard_params();
    params.log_cap_height = 3;
    assert!(verify(&vk(AirId::Fibonacci, params), &statement, &bytes).is_err());
}
