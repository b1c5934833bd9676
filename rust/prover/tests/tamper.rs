//! Changing any component of an honest proof, or any public value, is rejected.

mod common;

use common::{bump, cubic_proof, fib_proof, no_pow_params, proof_with};
use zkvm_verifier::air::AirId;
use zkvm_verifier::proof::{decode_proof, encode_proof, Proof};
use zkvm_verifier::vk::VerifyingKey;
use zkvm_verifier::{verify, VerifyError};

/// Decodes the honest proof, applies `edit`, re-encodes and verifies.
fn verify_edited(
    vk: &VerifyingKey,
    public: &[u32],
    bytes: &[u8],
    edit: impl FnOnce(&mut Proof),
) -> Result<(), VerifyError> {
    let mut proof = decode_proof(bytes).unwrap();
    edit(&mut proof);
    verify(vk, public, &encode_proof(&proof))
}

fn flip(digest: &mut [u8; 32]) {
    digest[7] ^= 0x10;
}

/// Runs every single-component edit on the proof; returns how many were checked.
fn every_component_is_bound(vk: &VerifyingKey, public: &[u32], bytes: &[u8]) -> usize {
    assert_eq!(verify(vk, public, bytes), Ok(()));
    let proof = decode_proof(bytes).unwrap();
    let mut checked = 0;
    let mut expect_reject = |name: String, result: Result<(), VerifyError>| {
        assert!(result.is_err(), "tampering with {name} was accepted");
        checked += 1;
    };

    expect_reject(
        "log_trace_len+1".into(),
        verify_edited(vk, public, bytes, |p| p.log_trace_len += 1),
    );
    expect_reject(
        "log_trace_len-1".into(),
        verify_edited(vk, public, bytes, |p| p.log_trace_len -= 1),
    );
    expect_reject(
        "trace commitment".into(),
        verify_edited(vk, public, bytes, |p| flip(&mut p.trace_commitment)),
    );
    expect_reject(
        "quotient commitment".into(),
        verify_edited(vk, public, bytes, |p| flip(&mut p.quotient_commitment)),
    );
    for j in 0..proof.ood_trace_local.len() {
        for c in 0..4 {
            expect_reject(
                format!("ood local {j}.{c}"),
                verify_edited(vk, public, bytes, |p| {
                    p.ood_trace_local[j][c] = bump(p.ood_trace_local[j][c])
                }),
            );
            expect_reject(
                format!("ood next {j}.{c}"),
                verify_edited(vk, public, bytes, |p| {
                    p.ood_trace_next[j][c] = bump(p.ood_trace_next[j][c])
                }),
            );
        }
    }
    for j in 0..proof.ood_quotient.len() {
        for c in 0..4 {
            expect_reject(
                format!("ood quotient {j}.{c}"),
                verify_edited(vk, public, bytes, |p| {
                    p.ood_quotient[j][c] = bump(p.ood_quotient[j][c])
                }),
            );
        }
    }
    for i in 0..proof.fri_commitments.len() {
        expect_reject(
            format!("fri commitment {i}"),
            verify_edited(vk, public, bytes, |p| flip(&mut p.fri_commitments[i])),
        );
    }
    for i in 0..proof.final_poly.len() {
        for c in 0..4 {
            expect_reject(
                format!("final poly {i}.{c}"),
                verify_edited(vk, public, bytes, |p| {
                    p.final_poly[i][c] = bump(p.final_poly[i][c])
                }),
            );
        }
    }
    expect_reject(
        "pow nonce".into(),
        verify_edited(vk, public, bytes, |p| p.pow_nonce ^= 1),
    );
    expect_reject(
        "pow nonce high bits".into(),
        verify_edited(vk, public, bytes, |p| p.pow_nonce ^= 1 << 40),
    );
    expect_reject(
        "one query fewer".into(),
        verify_edited(vk, public, bytes, |p| drop(p.queries.pop())),
    );
    expect_reject(
        "final poly longer".into(),
        verify_edited(vk, public, bytes, |p| p.final_poly.push([0; 4])),
    );

    // Every query: each opened value, each path node, each FRI step.
    for q in 0..proof.queries.len() {
        let query = &proof.queries[q];
        for j in 0..query.trace.values.len() {
            expect_reject(
                format!("q{q} trace value {j}"),
                verify_edited(vk, public, bytes, |p| {
                    p.queries[q].trace.values[j] = bump(p.queries[q].trace.values[j])
                }),
            );
        }
        for j in 0..query.quotient.values.len() {
            expect_reject(
                format!("q{q} quotient value {j}"),
                verify_edited(vk, public, bytes, |p| {
                    p.queries[q].quotient.values[j] = bump(p.queries[q].quotient.values[j])
                }),
            );
        }
        // Path nodes: all of them for the first query, two per path afterwards (keeps the test fast).
        let pick = |len: usize| -> Vec<usize> {
            if q == 0 {
                (0..len).collect()
            } else {
                vec![0, len - 1]
            }
        };
        for l in pick(query.trace.path.len()) {
            expect_reject(
                format!("q{q} trace path {l}"),
                verify_edited(vk, public, bytes, |p| flip(&mut p.queries[q].trace.path[l])),
            );
        }
        for l in pick(query.quotient.path.len()) {
            expect_reject(
                format!("q{q} quotient path {l}"),
                verify_edited(vk, public, bytes, |p| {
                    flip(&mut p.queries[q].quotient.path[l])
                }),
            );
        }
        for s in 0..query.fri_steps.len() {
            for c in 0..4 {
                expect_reject(
                    format!("q{q} fri sibling {s}.{c}"),
                    verify_edited(vk, public, bytes, |p| {
                        p.queries[q].fri_steps[s].sibling[c] =
                            bump(p.queries[q].fri_steps[s].sibling[c])
                    }),
                );
            }
            for l in pick(query.fri_steps[s].path.len()) {
                expect_reject(
                    format!("q{q} fri path {s}.{l}"),
                    verify_edited(vk, public, bytes, |p| {
                        flip(&mut p.queries[q].fri_steps[s].path[l])
                    }),
                );
            }
        }
    }

    // Public values.
    for i in 0..public.len() {
        let mut wrong = public.to_vec();
        wrong[i] = bump(wrong[i]);
        expect_reject(format!("public value {i}"), verify(vk, &wrong, bytes));
    }
    let mut longer = public.to_vec();
    longer.push(0);
    expect_reject("extra public value".into(), verify(vk, &longer, bytes));
    checked
}

#[test]
fn fibonacci_proof_components_are_all_bound() {
    let (vk, public, bytes) = fib_proof(6);
    let checked = every_component_is_bound(&vk, &public, &bytes);
    assert!(checked > 1000, "only {checked} edits");
}

#[test]
fn cubic_proof_components_are_all_bound() {
    let (vk, public, bytes) = cubic_proof(5);
    every_component_is_bound(&vk, &public, &bytes);
}

#[test]
fn expected_error_kinds() {
    let (vk, public, bytes) = fib_proof(6);
    // Anything absorbed before the proof of work changes the grinding target first.
    assert_eq!(
        verify_edited(&vk, &public, &bytes, |p| p.ood_trace_local[0][0] =
            bump(p.ood_trace_local[0][0])),
        Err(VerifyError::InvalidProofOfWork)
    );
    assert_eq!(
        verify_edited(&vk, &public, &bytes, |p| p.queries[0].trace.values[0] =
            bump(p.queries[0].trace.values[0])),
        Err(VerifyError::TraceMerkleMismatch)
    );
    assert_eq!(
        verify_edited(&vk, &public, &bytes, |p| p.queries[0].quotient.values[0] =
            bump(p.queries[0].quotient.values[0])),
        Err(VerifyError::QuotientMerkleMismatch)
    );
    assert_eq!(
        verify_edited(&vk, &public, &bytes, |p| p.queries[0].fri_steps[0]
            .sibling[0] =
            bump(p.queries[0].fri_steps[0].sibling[0])),
        Err(VerifyError::FriMerkleMismatch)
    );
    assert_eq!(
        verify_edited(&vk, &public, &bytes, |p| p.queries.truncate(3)),
        Err(VerifyError::WrongProofShape)
    );
    assert_eq!(
        verify_edited(&vk, &public, &bytes, |p| p.log_trace_len = 40),
        Err(VerifyError::InvalidTraceLength)
    );
    let mut wrong = public.clone();
    wrong[2] = bump(wrong[2]);
    assert_eq!(
        verify(&vk, &wrong, &bytes),
        Err(VerifyError::InvalidProofOfWork)
    );
    assert_eq!(
        verify(&vk, &public[..2], &bytes),
        Err(VerifyError::WrongPublicValueCount)
    );
    let mut non_canonical = public.clone();
    non_canonical[0] = zkvm_verifier::field::P;
    assert_eq!(
        verify(&vk, &non_canonical, &bytes),
        Err(VerifyError::NonCanonicalFieldElement)
    );
}

#[test]
fn without_proof_of_work_every_component_is_still_bound() {
    for air in [AirId::Fibonacci, AirId::CubicTest] {
        let vk = VerifyingKey {
            air,
            params: no_pow_params(),
        };
        let (public, bytes) = proof_with(&vk, 6);
        every_component_is_bound(&vk, &public, &bytes);
    }
}

#[test]
fn without_proof_of_work_the_semantic_checks_fire() {
    let vk = VerifyingKey {
        air: AirId::CubicTest,
        params: no_pow_params(),
    };
    let (public, bytes) = proof_with(&vk, 6);
    let edit = |f: &dyn Fn(&mut Proof)| verify_edited(&vk, &public, &bytes, |p| f(p));
    assert_eq!(
        edit(&|p| p.ood_trace_local[1][2] = bump(p.ood_trace_local[1][2])),
        Err(VerifyError::OodConstraintMismatch)
    );
    assert_eq!(
        edit(&|p| p.ood_trace_next[2][0] = bump(p.ood_trace_next[2][0])),
        Err(VerifyError::OodConstraintMismatch)
    );
    assert_eq!(
        edit(&|p| p.ood_quotient[5][3] = bump(p.ood_quotient[5][3])),
        Err(VerifyError::OodConstraintMismatch)
    );
    // Commitments and the final polynomial are absorbed before later challenges,
    // so changing them moves alpha/zeta or the query positions.
    assert_eq!(
        edit(&|p| flip(&mut p.trace_commitment)),
        Err(VerifyError::OodConstraintMismatch)
    );
    assert_eq!(
        edit(&|p| flip(&mut p.quotient_commitment)),
        Err(VerifyError::OodConstraintMismatch)
    );
    assert_eq!(
        edit(&|p| p.final_poly[1][0] = bump(p.final_poly[1][0])),
        Err(VerifyError::TraceMerkleMismatch)
    );
    assert_eq!(
        edit(&|p| flip(&mut p.fri_commitments[2])),
        Err(VerifyError::TraceMerkleMismatch)
    );
    assert_eq!(
        edit(&|p| p.queries[3].fri_steps[1].sibling[0] = bump(p.queries[3].fri_steps[1].sibling[0])),
        Err(VerifyError::FriMerkleMismatch)
    );
    let mut wrong = public.clone();
    wrong[1] = bump(wrong[1]);
    assert_eq!(
        verify(&vk, &wrong, &bytes),
        Err(VerifyError::OodConstraintMismatch)
    );
}
