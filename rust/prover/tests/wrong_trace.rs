//! A trace that violates a constraint cannot be proven: the prover's check
//! refuses it, and a proof produced with the check bypassed is rejected.

mod common;

use common::{bump, cubic_vk, fib_vk};
use zkvm_prover::trace::{cubic_trace, fibonacci_trace};
use zkvm_prover::types::{from_u32, to_u32};
use zkvm_prover::{prove, ProveError, ProverOptions};
use zkvm_verifier::{verify, VerifyError};

const UNCHECKED: ProverOptions = ProverOptions {
    num_threads: None,
    check_constraints: false,
    zk_seed: None,
};

#[test]
fn fibonacci_with_one_changed_cell_is_rejected() {
    let vk = fib_vk();
    for (log_n, row, col) in [
        (6u32, 17usize, 0usize),
        (6, 0, 1),
        (6, 63, 1),
        (8, 100, 1),
        (4, 5, 0),
    ] {
        let (mut trace, public) = fibonacci_trace(log_n, 1, 1);
        let cell = &mut trace.values[row * 2 + col];
        *cell = from_u32(bump(to_u32(*cell)));
        match prove(
            &vk,
            std::slice::from_ref(&trace),
            &public,
            &ProverOptions::default(),
        ) {
            Err(ProveError::ConstraintNotSatisfied { .. }) => {}
            other => panic!("prover accepted a wrong trace: {other:?}"),
        }
        let bytes = prove(&vk, std::slice::from_ref(&trace), &public, &UNCHECKED).unwrap();
        // The prover follows the protocol honestly, so the proof of work and all
        // openings are fine: the out-of-domain constraint check is what fails.
        assert_eq!(
            verify(&vk, &public, &bytes),
            Err(VerifyError::OodConstraintMismatch),
            "row {row}, col {col}"
        );
    }
}

#[test]
fn cubic_with_one_changed_cell_is_rejected() {
    let vk = cubic_vk();
    for (row, col) in [(3usize, 1usize), (10, 2), (31, 0)] {
        let (mut trace, public) = cubic_trace(5, 0);
        let cell = &mut trace.values[row * 3 + col];
        *cell = from_u32(bump(to_u32(*cell)));
        assert!(prove(
            &vk,
            std::slice::from_ref(&trace),
            &public,
            &ProverOptions::default()
        )
        .is_err());
        let bytes = prove(&vk, std::slice::from_ref(&trace), &public, &UNCHECKED).unwrap();
        assert!(
            verify(&vk, &public, &bytes).is_err(),
            "wrong trace (row {row}, col {col}) verified"
        );
    }
}

#[test]
fn wrong_public_value_is_rejected() {
    let vk = fib_vk();
    let (trace, mut public) = fibonacci_trace(6, 1, 1);
    public.public_values[2] = bump(public.public_values[2]);
    assert!(prove(
        &vk,
        std::slice::from_ref(&trace),
        &public,
        &ProverOptions::default()
    )
    .is_err());
    let bytes = prove(&vk, std::slice::from_ref(&trace), &public, &UNCHECKED).unwrap();
    assert!(verify(&vk, &public, &bytes).is_err());
}
