//! Changing any component of an honest proof, or any public value, is rejected.

mod common;

use common::{
    bump, copy_statement, cubic_proof, fib_proof, lookup_proof, no_pow_params, no_pow_params_with,
    proof_with,
};
use zkvm_verifier::air::AirId;
use zkvm_verifier::protocol::proof::{decode_proof, encode_proof, MultiOpening, Proof, QueryProof};
use zkvm_verifier::protocol::vk::VerifyingKey;
use zkvm_verifier::{verify, Statement, VerifyError};

/// Decodes the honest proof, applies `edit`, re-encodes and verifies.
fn verify_edited(
    vk: &VerifyingKey,
    public: &Statement,
    bytes: &[u8],
    edit: impl FnOnce(&mut Proof),
) -> Result<(), VerifyError> {
    let mut proof = decode_proof(bytes).unwrap();
    edit(&mut proof);
    verify(vk, public, &encode_proof(&proof))
}

/// The statement with `edit` applied.
fn statement_with(s: &Statement, edit: impl FnOnce(&mut Statement)) -> Statement {
    let mut copy = copy_statement(s);
    edit(&mut copy);
    copy
}

/// The opening of commitment `phase` (0 main, 1 aux, 2 quotient) of a query.
fn phase_opening(query: &mut QueryProof, phase: usize) -> &mut MultiOpening {
    match phase {
        0 => &mut query.main,
        1 => &mut query.aux,
        _ => &mut query.quotient,
    }
}

fn flip(digest: &mut [u8; 32]) {
    digest[7] ^= 0x10;
}

/// Runs every single-component edit on the proof; returns how many were checked.
fn every_component_is_bound(vk: &VerifyingKey, public: &Statement, bytes: &[u8]) -> usize {
    assert_eq!(verify(vk, public, bytes), Ok(()));
    let proof = decode_proof(bytes).unwrap();
    let mut checked = 0;
    let mut expect_reject = |name: String, result: Result<(), VerifyError>| {
        assert!(result.is_err(), "tampering with {name} was accepted");
        checked += 1;
    };

    expect_reject(
        "log_trace_len+1".into(),
        verify_edited(vk, public, bytes, |p| p.log_heights[0] += 1),
    );
    expect_reject(
        "log_trace_len-1".into(),
        verify_edited(vk, public, bytes, |p| p.log_heights[0] -= 1),
    );
    // Every digest of every cap, and caps of the wrong length.
    for i in 0..proof.main_commitment.len() {
        expect_reject(
            format!("trace cap {i}"),
            verify_edited(vk, public, bytes, |p| flip(&mut p.main_commitment[i])),
        );
    }
    for i in 0..proof.quotient_commitment.len() {
        expect_reject(
            format!("quotient cap {i}"),
            verify_edited(vk, public, bytes, |p| flip(&mut p.quotient_commitment[i])),
        );
    }
    // The auxiliary cap (empty without lookups).
    for i in 0..proof.aux_commitment.len() {
        expect_reject(
            format!("aux cap {i}"),
            verify_edited(vk, public, bytes, |p| flip(&mut p.aux_commitment[i])),
        );
    }
    expect_reject(
        "trace cap longer".into(),
        verify_edited(vk, public, bytes, |p| p.main_commitment.push([0; 32])),
    );
    expect_reject(
        "trace cap shorter".into(),
        verify_edited(vk, public, bytes, |p| {
            p.main_commitment.pop();
        }),
    );
    expect_reject(
        "aux cap longer".into(),
        verify_edited(vk, public, bytes, |p| p.aux_commitment.push([0; 32])),
    );
    expect_reject(
        "quotient cap longer".into(),
        verify_edited(vk, public, bytes, |p| p.quotient_commitment.push([0; 32])),
    );
    expect_reject(
        "quotient cap shorter".into(),
        verify_edited(vk, public, bytes, |p| {
            p.quotient_commitment.pop();
        }),
    );
    for c in 0..4 {
        expect_reject(
            format!("claimed sum {c}"),
            verify_edited(vk, public, bytes, |p| {
                p.claimed_sums[0][c] = bump(p.claimed_sums[0][c])
            }),
        );
    }
    expect_reject(
        "ood aux local longer".into(),
        verify_edited(vk, public, bytes, |p| p.openings[0].aux_local.push([0; 4])),
    );
    expect_reject(
        "ood aux next longer".into(),
        verify_edited(vk, public, bytes, |p| p.openings[0].aux_next.push([0; 4])),
    );
    for j in 0..proof.openings[0].aux_local.len() {
        for c in 0..4 {
            expect_reject(
                format!("ood aux local {j}.{c}"),
                verify_edited(vk, public, bytes, |p| {
                    p.openings[0].aux_local[j][c] = bump(p.openings[0].aux_local[j][c])
                }),
            );
            expect_reject(
                format!("ood aux next {j}.{c}"),
                verify_edited(vk, public, bytes, |p| {
                    p.openings[0].aux_next[j][c] = bump(p.openings[0].aux_next[j][c])
                }),
            );
        }
    }
    for j in 0..proof.openings[0].main_local.len() {
        for c in 0..4 {
            expect_reject(
                format!("ood local {j}.{c}"),
                verify_edited(vk, public, bytes, |p| {
                    p.openings[0].main_local[j][c] = bump(p.openings[0].main_local[j][c])
                }),
            );
            expect_reject(
                format!("ood next {j}.{c}"),
                verify_edited(vk, public, bytes, |p| {
                    p.openings[0].main_next[j][c] = bump(p.openings[0].main_next[j][c])
                }),
            );
        }
    }
    for j in 0..proof.openings[0].quotient.len() {
        for c in 0..4 {
            expect_reject(
                format!("ood quotient {j}.{c}"),
                verify_edited(vk, public, bytes, |p| {
                    p.openings[0].quotient[j][c] = bump(p.openings[0].quotient[j][c])
                }),
            );
        }
    }
    for r in 0..proof.fri_commitments.len() {
        for i in 0..proof.fri_commitments[r].len() {
            expect_reject(
                format!("fri cap {r}.{i}"),
                verify_edited(vk, public, bytes, |p| flip(&mut p.fri_commitments[r][i])),
            );
        }
        expect_reject(
            format!("fri cap {r} longer"),
            verify_edited(vk, public, bytes, |p| p.fri_commitments[r].push([0; 32])),
        );
        expect_reject(
            format!("fri cap {r} shorter"),
            verify_edited(vk, public, bytes, |p| {
                p.fri_commitments[r].pop();
            }),
        );
    }
    expect_reject(
        "one fri layer more".into(),
        verify_edited(vk, public, bytes, |p| {
            let last = p.fri_commitments.last().cloned().unwrap_or_default();
            p.fri_commitments.push(last)
        }),
    );
    expect_reject(
        "one fri layer fewer".into(),
        verify_edited(vk, public, bytes, |p| {
            p.fri_commitments.pop();
        }),
    );
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
        // Every opened value of every matrix of the three commitments.
        for (phase, opening) in [(0, &query.main), (1, &query.aux), (2, &query.quotient)] {
            for m in 0..opening.rows.len() {
                for j in 0..opening.rows[m].len() {
                    expect_reject(
                        format!("q{q} phase {phase} matrix {m} value {j}"),
                        verify_edited(vk, public, bytes, |p| {
                            let o = phase_opening(&mut p.queries[q], phase);
                            o.rows[m][j] = bump(o.rows[m][j])
                        }),
                    );
                }
                expect_reject(
                    format!("q{q} phase {phase} matrix {m} row longer"),
                    verify_edited(vk, public, bytes, |p| {
                        phase_opening(&mut p.queries[q], phase).rows[m].push(0)
                    }),
                );
            }
            expect_reject(
                format!("q{q} phase {phase} one row more"),
                verify_edited(vk, public, bytes, |p| {
                    phase_opening(&mut p.queries[q], phase).rows.push(vec![0])
                }),
            );
        }
        expect_reject(
            format!("q{q} aux path longer"),
            verify_edited(vk, public, bytes, |p| p.queries[q].aux.path.push([0; 32])),
        );
        // Path nodes: all of them for the first query, two per path afterwards (keeps the test fast).
        let pick = |len: usize| -> Vec<usize> {
            if q == 0 || len == 0 {
                (0..len).collect()
            } else {
                vec![0, len - 1]
            }
        };
        for l in pick(query.main.path.len()) {
            expect_reject(
                format!("q{q} trace path {l}"),
                verify_edited(vk, public, bytes, |p| flip(&mut p.queries[q].main.path[l])),
            );
        }
        for l in pick(query.aux.path.len()) {
            expect_reject(
                format!("q{q} aux path {l}"),
                verify_edited(vk, public, bytes, |p| flip(&mut p.queries[q].aux.path[l])),
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
            for t in 0..query.fri_steps[s].siblings.len() {
                for c in 0..4 {
                    expect_reject(
                        format!("q{q} fri sibling {s}.{t}.{c}"),
                        verify_edited(vk, public, bytes, |p| {
                            p.queries[q].fri_steps[s].siblings[t][c] =
                                bump(p.queries[q].fri_steps[s].siblings[t][c])
                        }),
                    );
                }
            }
            expect_reject(
                format!("q{q} fri siblings {s} longer"),
                verify_edited(vk, public, bytes, |p| {
                    p.queries[q].fri_steps[s].siblings.push([0; 4])
                }),
            );
            expect_reject(
                format!("q{q} fri siblings {s} shorter"),
                verify_edited(vk, public, bytes, |p| {
                    p.queries[q].fri_steps[s].siblings.pop();
                }),
            );
            // Two siblings swapped (the leaf order is bound).
            if query.fri_steps[s].siblings.len() >= 2
                && query.fri_steps[s].siblings[0] != query.fri_steps[s].siblings[1]
            {
                expect_reject(
                    format!("q{q} fri siblings {s} swapped"),
                    verify_edited(vk, public, bytes, |p| {
                        p.queries[q].fri_steps[s].siblings.swap(0, 1)
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
            expect_reject(
                format!("q{q} fri path {s} longer"),
                verify_edited(vk, public, bytes, |p| {
                    p.queries[q].fri_steps[s].path.push([0; 32])
                }),
            );
        }
        expect_reject(
            format!("q{q} trace path longer"),
            verify_edited(vk, public, bytes, |p| p.queries[q].main.path.push([0; 32])),
        );
        expect_reject(
            format!("q{q} quotient path longer"),
            verify_edited(vk, public, bytes, |p| {
                p.queries[q].quotient.path.push([0; 32])
            }),
        );
        if !query.main.path.is_empty() {
            expect_reject(
                format!("q{q} trace path shorter"),
                verify_edited(vk, public, bytes, |p| {
                    p.queries[q].main.path.pop();
                }),
            );
        }
    }

    // The statement: public values, input and output bytes.
    for i in 0..public.public_values.len() {
        let wrong = statement_with(public, |s| s.public_values[i] = bump(s.public_values[i]));
        expect_reject(format!("public value {i}"), verify(vk, &wrong, bytes));
    }
    let longer = statement_with(public, |s| s.public_values.push(0));
    expect_reject("extra public value".into(), verify(vk, &longer, bytes));
    for i in 0..public.input.len() {
        let wrong = statement_with(public, |s| s.input[i] ^= 1);
        expect_reject(format!("input byte {i}"), verify(vk, &wrong, bytes));
    }
    for i in 0..public.output.len() {
        let wrong = statement_with(public, |s| s.output[i] ^= 1);
        expect_reject(format!("output byte {i}"), verify(vk, &wrong, bytes));
    }
    let more_input = statement_with(public, |s| s.input.push(0));
    expect_reject("extra input byte".into(), verify(vk, &more_input, bytes));
    let more_output = statement_with(public, |s| s.output.push(0));
    expect_reject("extra output byte".into(), verify(vk, &more_output, bytes));
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
fn lookup_proof_components_are_all_bound() {
    let (vk, public, bytes) = lookup_proof(5);
    let checked = every_component_is_bound(&vk, &public, &bytes);
    assert!(checked > 2000, "only {checked} edits");
}

#[test]
fn expected_error_kinds() {
    let (vk, public, bytes) = fib_proof(6);
    // Anything absorbed before the proof of work changes the grinding target first.
    assert_eq!(
        verify_edited(&vk, &public, &bytes, |p| p.openings[0].main_local[0][0] =
            bump(p.openings[0].main_local[0][0])),
        Err(VerifyError::InvalidProofOfWork)
    );
    assert_eq!(
        verify_edited(&vk, &public, &bytes, |p| p.queries[0].main.rows[0][0] =
            bump(p.queries[0].main.rows[0][0])),
        Err(VerifyError::TraceMerkleMismatch)
    );
    assert_eq!(
        verify_edited(&vk, &public, &bytes, |p| p.queries[0].quotient.rows[0][0] =
            bump(p.queries[0].quotient.rows[0][0])),
        Err(VerifyError::QuotientMerkleMismatch)
    );
    assert_eq!(
        verify_edited(&vk, &public, &bytes, |p| p.queries[0].fri_steps[0]
            .siblings[0][0] =
            bump(p.queries[0].fri_steps[0].siblings[0][0])),
        Err(VerifyError::FriMerkleMismatch)
    );
    assert_eq!(
        verify_edited(&vk, &public, &bytes, |p| flip(
            &mut p.queries[0].fri_steps[1].path[0]
        )),
        Err(VerifyError::FriMerkleMismatch)
    );
    assert_eq!(
        verify_edited(&vk, &public, &bytes, |p| p.queries[0].fri_steps[0]
            .siblings
            .push([0; 4])),
        Err(VerifyError::WrongProofShape)
    );
    // Caps of the wrong length are a shape error; a changed cap digest moves
    // every later challenge (the proof of work fails first).
    assert_eq!(
        verify_edited(&vk, &public, &bytes, |p| {
            p.main_commitment.pop();
        }),
        Err(VerifyError::WrongProofShape)
    );
    assert_eq!(
        verify_edited(&vk, &public, &bytes, |p| p.fri_commitments[0].push([0; 32])),
        Err(VerifyError::WrongProofShape)
    );
    assert_eq!(
        verify_edited(&vk, &public, &bytes, |p| flip(
            &mut p.quotient_commitment[3]
        )),
        Err(VerifyError::InvalidProofOfWork)
    );
    assert_eq!(
        verify_edited(&vk, &public, &bytes, |p| p.queries.truncate(3)),
        Err(VerifyError::WrongProofShape)
    );
    assert_eq!(
        verify_edited(&vk, &public, &bytes, |p| p.log_heights[0] = 40),
        Err(VerifyError::InvalidTraceLength)
    );
    // Without lookups the auxiliary fields must be empty placeholders.
    assert_eq!(
        verify_edited(&vk, &public, &bytes, |p| p.aux_commitment.push([0; 32])),
        Err(VerifyError::WrongProofShape)
    );
    assert_eq!(
        verify_edited(&vk, &public, &bytes, |p| p.claimed_sums[0][1] = 1),
        Err(VerifyError::WrongProofShape)
    );
    assert_eq!(
        verify_edited(&vk, &public, &bytes, |p| p.openings[0]
            .aux_next
            .push([0; 4])),
        Err(VerifyError::WrongProofShape)
    );
    assert_eq!(
        verify_edited(&vk, &public, &bytes, |p| p.queries[5]
            .aux
            .path
            .push([1; 32])),
        Err(VerifyError::WrongProofShape)
    );
    let wrong = statement_with(&public, |s| s.public_values[2] = bump(s.public_values[2]));
    assert_eq!(
        verify(&vk, &wrong, &bytes),
        Err(VerifyError::InvalidProofOfWork)
    );
    let shorter = statement_with(&public, |s| {
        s.public_values.pop();
    });
    assert_eq!(
        verify(&vk, &shorter, &bytes),
        Err(VerifyError::WrongPublicValueCount)
    );
    let non_canonical = statement_with(&public, |s| s.public_values[0] = zkvm_verifier::field::P);
    assert_eq!(
        verify(&vk, &non_canonical, &bytes),
        Err(VerifyError::NonCanonicalFieldElement)
    );
}

#[test]
fn without_proof_of_work_every_component_is_still_bound() {
    for air in [AirId::Fibonacci, AirId::CubicTest, AirId::LookupTest] {
        let vk = VerifyingKey {
            air,
            params: no_pow_params(),
        };
        let (public, bytes) = proof_with(&vk, 6);
        every_component_is_bound(&vk, &public, &bytes);
    }
}

/// Every FRI arity (2, 4, 8, 16) and cap height (none, small, at or above the
/// depth of some trees), without grinding so that every edit reaches the checks.
#[test]
fn every_component_is_bound_for_every_arity_and_cap_height() {
    for (log_arity, log_cap, air) in [
        (1u32, 0u32, AirId::Fibonacci),
        (2, 0, AirId::CubicTest),
        (2, 3, AirId::LookupTest),
        (3, 1, AirId::Fibonacci),
        (3, 5, AirId::LookupTest),
        (4, 2, AirId::CubicTest),
        (2, 10, AirId::Fibonacci),
    ] {
        let vk = VerifyingKey {
            air,
            params: no_pow_params_with(log_arity, log_cap),
        };
        let (public, bytes) = proof_with(&vk, 7);
        let proof = decode_proof(&bytes).unwrap();
        // Every round folds by the arity but a last, smaller one.
        let schedule = zkvm_verifier::protocol::params::fri_log_arities(
            &vk.params,
            &[7 + vk.params.log_blowup],
        );
        assert!(schedule[..schedule.len() - 1]
            .iter()
            .all(|&k| k == log_arity));
        assert!(proof.queries.iter().all(|q| q
            .fri_steps
            .iter()
            .zip(&schedule)
            .all(|(s, &k)| s.siblings.len() == (1 << k) - 1)));
        let checked = every_component_is_bound(&vk, &public, &bytes);
        assert!(
            checked > 500,
            "arity 2^{log_arity}, cap {log_cap}: {checked}"
        );
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
        edit(&|p| p.openings[0].main_local[1][2] = bump(p.openings[0].main_local[1][2])),
        Err(VerifyError::OodConstraintMismatch)
    );
    assert_eq!(
        edit(&|p| p.openings[0].main_next[2][0] = bump(p.openings[0].main_next[2][0])),
        Err(VerifyError::OodConstraintMismatch)
    );
    assert_eq!(
        edit(&|p| p.openings[0].quotient[5][3] = bump(p.openings[0].quotient[5][3])),
        Err(VerifyError::OodConstraintMismatch)
    );
    // Commitments and the final polynomial are absorbed before later challenges,
    // so changing them moves alpha/zeta or the query positions.
    assert_eq!(
        edit(&|p| flip(&mut p.main_commitment[0])),
        Err(VerifyError::OodConstraintMismatch)
    );
    assert_eq!(
        edit(&|p| flip(&mut p.quotient_commitment[1])),
        Err(VerifyError::OodConstraintMismatch)
    );
    assert_eq!(
        edit(&|p| p.final_poly[1][0] = bump(p.final_poly[1][0])),
        Err(VerifyError::TraceMerkleMismatch)
    );
    assert_eq!(
        edit(&|p| flip(&mut p.fri_commitments[2][0])),
        Err(VerifyError::TraceMerkleMismatch)
    );
    assert_eq!(
        edit(&|p| p.queries[3].fri_steps[1].siblings[0][0] =
            bump(p.queries[3].fri_steps[1].siblings[0][0])),
        Err(VerifyError::FriMerkleMismatch)
    );
    // A trace opening authenticated against another cap digest fails.
    assert_eq!(
        edit(&|p| {
            let n = p.main_commitment.len();
            p.main_commitment.swap(0, n - 1)
        }),
        Err(VerifyError::OodConstraintMismatch)
    );
    let wrong = statement_with(&public, |s| s.public_values[1] = bump(s.public_values[1]));
    assert_eq!(
        verify(&vk, &wrong, &bytes),
        Err(VerifyError::OodConstraintMismatch)
    );
}

#[test]
fn without_proof_of_work_the_lookup_checks_fire() {
    let vk = VerifyingKey {
        air: AirId::LookupTest,
        params: no_pow_params(),
    };
    let (public, bytes) = proof_with(&vk, 5);
    assert_eq!(verify(&vk, &public, &bytes), Ok(()));
    let edit = |f: &dyn Fn(&mut Proof)| verify_edited(&vk, &public, &bytes, |p| f(p));
    // The claimed sum is absorbed before alpha; the bus check runs first.
    assert_eq!(
        edit(&|p| p.claimed_sums[0][0] = bump(p.claimed_sums[0][0])),
        Err(VerifyError::LookupSumMismatch)
    );
    // The fixed fingerprint column (aux extension column 0 = base columns 0..4) at zeta.
    assert_eq!(
        edit(&|p| p.openings[0].aux_local[2][1] = bump(p.openings[0].aux_local[2][1])),
        Err(VerifyError::FixedTableMismatch)
    );
    // A pair column h_0 (base columns 4..8) and phi (base columns 12..16).
    assert_eq!(
        edit(&|p| p.openings[0].aux_local[5][0] = bump(p.openings[0].aux_local[5][0])),
        Err(VerifyError::OodConstraintMismatch)
    );
    assert_eq!(
        edit(&|p| p.openings[0].aux_next[13][3] = bump(p.openings[0].aux_next[13][3])),
        Err(VerifyError::OodConstraintMismatch)
    );
    assert_eq!(
        edit(&|p| p.openings[0].aux_local[15][2] = bump(p.openings[0].aux_local[15][2])),
        Err(VerifyError::OodConstraintMismatch)
    );
    // The fixed column's next-row value is only bound through the transcript
    // (it moves the query positions) and the DEEP composition.
    assert_eq!(
        edit(&|p| p.openings[0].aux_next[0][0] = bump(p.openings[0].aux_next[0][0])),
        Err(VerifyError::TraceMerkleMismatch)
    );
    // The aux commitment moves every later challenge: the bus check still
    // passes (point and beta come before it), the fixed-table check does not.
    assert_eq!(
        edit(&|p| flip(&mut p.aux_commitment[0])),
        Err(VerifyError::FixedTableMismatch)
    );
    assert_eq!(
        edit(&|p| p.queries[2].aux.rows[0][7] = bump(p.queries[2].aux.rows[0][7])),
        Err(VerifyError::AuxMerkleMismatch)
    );
    assert_eq!(
        edit(&|p| flip(&mut p.queries[4].aux.path[3])),
        Err(VerifyError::AuxMerkleMismatch)
    );
    assert_eq!(
        edit(&|p| {
            p.queries[1].aux.rows[0].pop();
        }),
        Err(VerifyError::WrongProofShape)
    );
    assert_eq!(
        edit(&|p| {
            p.openings[0].aux_local.pop();
        }),
        Err(VerifyError::WrongProofShape)
    );
    // Statement: the input and output bytes are boundary terms and absorbed.
    let wrong = statement_with(&public, |s| s.input[0] = 2);
    assert_eq!(
        verify(&vk, &wrong, &bytes),
        Err(VerifyError::LookupSumMismatch)
    );
    let wrong = statement_with(&public, |s| s.output.clear());
    assert_eq!(
        verify(&vk, &wrong, &bytes),
        Err(VerifyError::LookupSumMismatch)
    );
}
