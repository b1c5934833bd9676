//! A machine of two tables of different heights joined by the bus
//! (zkvm_verifier::air::test::split): honest proofs verify with the values
//! table shorter than, as tall as, or taller than the 16-row nibble table; the
//! tables are committed in one mixed-height tree per phase, and FRI reaches
//! both sizes; the bus spans the tables.

mod common;

use common::{bump, LOOKUP_INPUT, LOOKUP_OUTPUT, LOOKUP_P0};
use p3_field::PrimeCharacteristicRing;
use zkvm_prover::trace::split_lookup_traces;
use zkvm_prover::types::F;
use zkvm_prover::{prove, ProveError, ProverOptions};
use zkvm_verifier::air::AirId;
use zkvm_verifier::protocol::params::{compact_params, standard_params, StarkParams};
use zkvm_verifier::protocol::proof::{decode_proof, encode_proof};
use zkvm_verifier::protocol::vk::VerifyingKey;
use zkvm_verifier::{verify, VerifyError};

const UNCHECKED: ProverOptions = ProverOptions {
    num_threads: None,
    check_constraints: false,
    zk_seed: None,
};

fn vk(params: StarkParams) -> VerifyingKey {
    VerifyingKey {
        air: AirId::SplitLookupTest,
        params,
    }
}

/// The compact parameters (blowup 4, arity 4, caps of 64) with a final
/// polynomial of 16 coefficients, so that the 16-row table is tall enough.
fn short_final() -> StarkParams {
    StarkParams {
        log_final_poly_len: 4,
        ..compact_params()
    }
}

#[test]
fn honest_proofs_verify_at_every_relative_height() {
    for (params, log_n) in [
        (standard_params(), 3u32),
        (standard_params(), 4),
        (standard_params(), 5),
        (standard_params(), 9),
        (standard_params(), 12),
        (short_final(), 4),
        (short_final(), 6),
        (short_final(), 9),
    ] {
        let key = vk(params);
        let (traces, statement) =
            split_lookup_traces(log_n, LOOKUP_P0, &LOOKUP_INPUT, &LOOKUP_OUTPUT);
        let bytes = prove(&key, &traces, &statement, &ProverOptions::default()).unwrap();
        assert_eq!(verify(&key, &statement, &bytes), Ok(()), "log_n = {log_n}");
        let proof = decode_proof(&bytes).unwrap();
        assert_eq!(proof.log_heights, vec![log_n, 4]);
        assert_eq!(proof.claimed_sums.len(), 2);
        for q in &proof.queries {
            assert_eq!(q.main.rows.len(), 2);
            assert_eq!(q.aux.rows.len(), 2);
            assert_eq!(q.quotient.rows.len(), 2);
        }
    }
}

#[test]
fn the_nibble_table_must_have_exactly_16_rows() {
    let key = vk(standard_params());
    let (mut traces, statement) = split_lookup_traces(6, LOOKUP_P0, &LOOKUP_INPUT, &LOOKUP_OUTPUT);
    // Doubled to 32 rows (x = 0..31): a table that would accept 16..31.
    let mut longer = traces[1].values.clone();
    for i in 16..32 {
        longer.extend_from_slice(&[F::from_usize(i), F::ZERO]);
    }
    traces[1] = p3_matrix::dense::RowMajorMatrix::new(longer, 2);
    match prove(&key, &traces, &statement, &UNCHECKED) {
        Err(ProveError::InvalidStatement(VerifyError::InvalidTraceLength)) => {}
        other => panic!("{other:?}"),
    }
    let (traces, statement) = split_lookup_traces(6, LOOKUP_P0, &LOOKUP_INPUT, &LOOKUP_OUTPUT);
    let bytes = prove(&key, &traces, &statement, &ProverOptions::default()).unwrap();
    let mut proof = decode_proof(&bytes).unwrap();
    proof.log_heights[1] = 5;
    assert_eq!(
        verify(&key, &statement, &encode_proof(&proof)),
        Err(VerifyError::InvalidTraceLength)
    );
}

#[test]
fn a_lookup_outside_the_table_is_rejected() {
    let key = vk(standard_params());
    let (mut traces, statement) = split_lookup_traces(7, LOOKUP_P0, &LOOKUP_INPUT, &LOOKUP_OUTPUT);
    // Row 9 sends 16 instead of its nibble; no table row receives it.
    let old = traces[0].values[2 * 9 + 1];
    traces[0].values[2 * 9 + 1] = F::from_usize(16);
    let idx = zkvm_prover::types::to_u32(old) as usize;
    traces[1].values[2 * idx + 1] -= F::ONE;
    match prove(&key, &traces, &statement, &ProverOptions::default()) {
        Err(ProveError::LookupUnbalanced) => {}
        other => panic!("{other:?}"),
    }
    let bytes = prove(&key, &traces, &statement, &UNCHECKED).unwrap();
    assert_eq!(
        verify(&key, &statement, &bytes),
        Err(VerifyError::LookupSumMismatch)
    );
}

#[test]
fn every_opened_value_of_both_tables_is_bound() {
    let key = vk(StarkParams {
        pow_bits: 0,
        num_queries: 6,
        ..standard_params()
    });
    let (traces, statement) = split_lookup_traces(8, LOOKUP_P0, &LOOKUP_INPUT, &LOOKUP_OUTPUT);
    let bytes = prove(&key, &traces, &statement, &ProverOptions::default()).unwrap();
    let proof = decode_proof(&bytes).unwrap();
    let edited = |f: &dyn Fn(&mut zkvm_verifier::protocol::proof::Proof)| {
        let mut p = decode_proof(&bytes).unwrap();
        f(&mut p);
        verify(&key, &statement, &encode_proof(&p))
    };
    for q in 0..proof.queries.len() {
        for m in 0..2 {
            for j in 0..proof.queries[q].main.rows[m].len() {
                assert_eq!(
                    edited(&|p| p.queries[q].main.rows[m][j] = bump(p.queries[q].main.rows[m][j])),
                    Err(VerifyError::TraceMerkleMismatch)
                );
            }
            for j in 0..proof.queries[q].aux.rows[m].len() {
                assert_eq!(
                    edited(&|p| p.queries[q].aux.rows[m][j] = bump(p.queries[q].aux.rows[m][j])),
                    Err(VerifyError::AuxMerkleMismatch)
                );
            }
            for j in 0..proof.queries[q].quotient.rows[m].len() {
                assert_eq!(
                    edited(&|p| p.queries[q].quotient.rows[m][j] =
                        bump(p.queries[q].quotient.rows[m][j])),
                    Err(VerifyError::QuotientMerkleMismatch)
                );
            }
        }
        // The rows of the two tables swapped: a shape error (their widths match
        // here, so the Merkle check catches it).
        assert!(edited(&|p| p.queries[q].main.rows.swap(0, 1)).is_err());
    }
    for t in 0..2 {
        for c in 0..4 {
            assert!(edited(&|p| p.claimed_sums[t][c] = bump(p.claimed_sums[t][c])).is_err());
            assert!(edited(
                &|p| p.openings[t].main_local[0][c] = bump(p.openings[t].main_local[0][c])
            )
            .is_err());
            assert!(
                edited(&|p| p.openings[t].quotient[0][c] = bump(p.openings[t].quotient[0][c]))
                    .is_err()
            );
        }
    }
    // Claimed sums moved from one table to the other keep the total: the
    // tables' running-sum constraints catch it.
    assert_eq!(
        edited(&|p| {
            let delta = [1, 0, 0, 0];
            p.claimed_sums[0] = zkvm_verifier::field::extension::add(&p.claimed_sums[0], &delta);
            p.claimed_sums[1] = zkvm_verifier::field::extension::sub(&p.claimed_sums[1], &delta);
        }),
        Err(VerifyError::OodConstraintMismatch)
    );
}
