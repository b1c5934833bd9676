//! The LogUp phase with the LookupTest AIR: honest proofs verify (several
//! sizes, any thread count, byte-identical), and every kind of cheating on
//! the lookups (value outside the table, wrong multiplicity, forged fixed
//! table, forged claimed sum, edited auxiliary columns) is rejected.

mod common;

use common::{lookup_vk, TestRng, LOOKUP_INPUT, LOOKUP_OUTPUT, LOOKUP_P0};
use p3_dft::TwoAdicSubgroupDft;
use p3_field::PrimeCharacteristicRing;
use p3_matrix::dense::RowMajorMatrix;
use zkvm_prover::poly::{eval_columns_at, Dft};
use zkvm_prover::trace::lookup_test_trace;
use zkvm_prover::types::{ext_to_array, from_u32, to_u32, F};
use zkvm_prover::{prove, prove_with_hooks, ProveError, ProverOptions, TestHooks};
use zkvm_verifier::air::test::lookup::{M, TAG, V, W, WIDTH};
use zkvm_verifier::air::{boundary_messages, FixedTable};
use zkvm_verifier::protocol::params::{blowup4_params, standard_params};
use zkvm_verifier::protocol::proof::{decode_proof, encode_proof};
use zkvm_verifier::protocol::vk::VerifyingKey;
use zkvm_verifier::{field::extension, protocol::logup, verify, Statement, VerifyError};

const UNCHECKED: ProverOptions = ProverOptions {
    num_threads: None,
    check_constraints: false,
    zk_seed: None,
};

fn honest(log_n: u32) -> (RowMajorMatrix<F>, Statement) {
    lookup_test_trace(log_n, LOOKUP_P0, &LOOKUP_INPUT, &LOOKUP_OUTPUT)
}

fn cell(trace: &RowMajorMatrix<F>, row: usize, col: usize) -> u32 {
    to_u32(trace.values[row * WIDTH + col])
}

fn add_to_cell(trace: &mut RowMajorMatrix<F>, row: usize, col: usize, delta: F) {
    trace.values[row * WIDTH + col] += delta;
}

fn set_cell(trace: &mut RowMajorMatrix<F>, row: usize, col: usize, value: u32) {
    trace.values[row * WIDTH + col] = from_u32(value);
}

#[test]
fn honest_lookup_proofs_verify_for_several_sizes() {
    let cases: [(u32, u32, &[u8], &[u8]); 5] = [
        (4, 0, &[], &[]),
        (5, 3, &LOOKUP_INPUT, &LOOKUP_OUTPUT),
        (6, 15, &[0; 10], &[15, 15, 1]),
        (8, 7, &[], &[9]),
        (10, 9, &[3, 3, 3], &[]),
    ];
    for (log_n, p0, input, output) in cases {
        let vk = lookup_vk();
        let (trace, statement) = lookup_test_trace(log_n, p0, input, output);
        let bytes = prove(
            &vk,
            std::slice::from_ref(&trace),
            &statement,
            &ProverOptions::default(),
        )
        .unwrap();
        assert_eq!(verify(&vk, &statement, &bytes), Ok(()), "log_n = {log_n}");
        let proof = decode_proof(&bytes).unwrap();
        // [fixed_fp_0, h_0, h_1, phi]: 4 extension columns, 16 base columns.
        assert_eq!(proof.openings[0].aux_local.len(), 16);
        assert_eq!(proof.openings[0].aux_next.len(), 16);
        assert_eq!(proof.openings[0].quotient.len(), 8, "degree 3: two chunks");
        assert!(proof.queries.iter().all(|q| q.aux.rows[0].len() == 16));
        assert!(!extension::is_zero(&proof.claimed_sums[0]));
    }
    for log_n in [4u32, 7] {
        let vk = VerifyingKey {
            air: zkvm_verifier::air::AirId::LookupTest,
            params: blowup4_params(),
        };
        let (trace, statement) = honest(log_n);
        let bytes = prove(
            &vk,
            std::slice::from_ref(&trace),
            &statement,
            &ProverOptions::default(),
        )
        .unwrap();
        assert_eq!(verify(&vk, &statement, &bytes), Ok(()));
    }
}

#[test]
fn one_two_and_default_threads_give_identical_lookup_proofs() {
    let vk = lookup_vk();
    // 2^12 rows: several blocks of the auxiliary-trace builder.
    let (trace, statement) = honest(12);
    let with = |threads: Option<usize>| {
        prove(
            &vk,
            std::slice::from_ref(&trace),
            &statement,
            &ProverOptions {
                num_threads: threads,
                check_constraints: true,
                zk_seed: None,
            },
        )
        .unwrap()
    };
    let one = with(Some(1));
    assert_eq!(one, with(Some(2)));
    assert_eq!(one, with(None));
    assert_eq!(verify(&vk, &statement, &one), Ok(()));
}

#[test]
fn a_value_outside_the_table_is_rejected() {
    let vk = lookup_vk();
    for (row, col, value) in [
        (7usize, V, 16u32),
        (20, W, 16),
        (3, W, zkvm_verifier::field::P - 1),
    ] {
        let (mut trace, statement) = honest(6);
        // Replace one looked-up value and remove it from its multiplicity, so
        // the only difference between the multisets is the new value.
        let old = cell(&trace, row, col) as usize;
        set_cell(&mut trace, row, col, value);
        add_to_cell(&mut trace, old, M, -F::ONE);
        match prove(
            &vk,
            std::slice::from_ref(&trace),
            &statement,
            &ProverOptions::default(),
        ) {
            Err(ProveError::LookupUnbalanced) => {}
            other => panic!("prover accepted an unbalanced bus: {other:?}"),
        }
        let bytes = prove(&vk, std::slice::from_ref(&trace), &statement, &UNCHECKED).unwrap();
        assert_eq!(
            verify(&vk, &statement, &bytes),
            Err(VerifyError::LookupSumMismatch),
            "row {row} col {col}"
        );
    }
}

#[test]
fn a_wrong_multiplicity_is_rejected() {
    let vk = lookup_vk();
    for (row, delta) in [
        (5usize, F::ONE),
        (0, -F::ONE),
        (15, F::TWO),
        (20, F::ONE),
        (63, F::ONE),
    ] {
        let (mut trace, statement) = honest(6);
        add_to_cell(&mut trace, row, M, delta);
        assert!(matches!(
            prove(
                &vk,
                std::slice::from_ref(&trace),
                &statement,
                &ProverOptions::default()
            ),
            Err(ProveError::LookupUnbalanced)
        ));
        let bytes = prove(&vk, std::slice::from_ref(&trace), &statement, &UNCHECKED).unwrap();
        assert_eq!(
            verify(&vk, &statement, &bytes),
            Err(VerifyError::LookupSumMismatch),
            "multiplicity of row {row}"
        );
    }
}

#[test]
fn an_unbalanced_statement_is_rejected() {
    let vk = lookup_vk();
    let (trace, mut statement) = honest(5);
    statement.input[1] = 16;
    assert!(matches!(
        prove(
            &vk,
            std::slice::from_ref(&trace),
            &statement,
            &ProverOptions::default()
        ),
        Err(ProveError::LookupUnbalanced)
    ));
    let bytes = prove(&vk, std::slice::from_ref(&trace), &statement, &UNCHECKED).unwrap();
    assert_eq!(
        verify(&vk, &statement, &bytes),
        Err(VerifyError::LookupSumMismatch)
    );
}

#[test]
fn the_own_constraint_is_enforced() {
    let vk = lookup_vk();
    let (mut trace, statement) = honest(5);
    // v_0 = p0 + 1 with balanced multiplicities: only c0 fails.
    set_cell(&mut trace, 0, V, LOOKUP_P0 + 1);
    add_to_cell(&mut trace, LOOKUP_P0 as usize, M, -F::ONE);
    add_to_cell(&mut trace, LOOKUP_P0 as usize + 1, M, F::ONE);
    match prove(
        &vk,
        std::slice::from_ref(&trace),
        &statement,
        &ProverOptions::default(),
    ) {
        Err(ProveError::ConstraintNotSatisfied {
            table: 0,
            row: 0,
            constraint: 0,
        }) => {}
        other => panic!("{other:?}"),
    }
    let bytes = prove(&vk, std::slice::from_ref(&trace), &statement, &UNCHECKED).unwrap();
    assert_eq!(
        verify(&vk, &statement, &bytes),
        Err(VerifyError::OodConstraintMismatch)
    );
}

/// NIBBLE with row `row` replaced by (TAG, value), and optionally extra rows.
fn forged_table(row: usize, value: u32, extra: &[u32]) -> Vec<FixedTable> {
    let mut rows: Vec<Vec<u32>> = (0..16).map(|i| vec![TAG, i]).collect();
    rows[row] = vec![TAG, value];
    rows.extend(extra.iter().map(|&v| vec![TAG, v]));
    vec![FixedTable { rows }]
}

#[test]
fn a_forged_fixed_table_is_rejected() {
    let vk = lookup_vk();
    // Table row 5 becomes (TAG, 17) and every 5 in the trace becomes 17: the bus
    // balances against the forged column (the prover's own check passes).
    let (mut trace, statement) = honest(6);
    for row in 0..64 {
        for col in [V, W] {
            if cell(&trace, row, col) == 5 {
                set_cell(&mut trace, row, col, 17);
            }
        }
    }
    let hooks = TestHooks {
        fixed_tables: Some(forged_table(5, 17, &[])),
        ..TestHooks::default()
    };
    let bytes = prove_with_hooks(
        &vk,
        std::slice::from_ref(&trace),
        &statement,
        &ProverOptions::default(),
        &hooks,
    )
    .unwrap();
    assert_eq!(
        verify(&vk, &statement, &bytes),
        Err(VerifyError::FixedTableMismatch)
    );

    // An extra table row 16 = (TAG, 16) used once.
    let (mut trace, statement) = honest(6);
    let old = cell(&trace, 9, V) as usize;
    set_cell(&mut trace, 9, V, 16);
    add_to_cell(&mut trace, old, M, -F::ONE);
    set_cell(&mut trace, 16, M, 1);
    let hooks = TestHooks {
        fixed_tables: Some(forged_table(0, 0, &[16])),
        ..TestHooks::default()
    };
    let bytes = prove_with_hooks(
        &vk,
        std::slice::from_ref(&trace),
        &statement,
        &ProverOptions::default(),
        &hooks,
    )
    .unwrap();
    assert_eq!(
        verify(&vk, &statement, &bytes),
        Err(VerifyError::FixedTableMismatch)
    );
}

#[test]
fn a_claimed_sum_that_is_not_the_trace_sum_is_rejected() {
    let vk = lookup_vk();
    // An unbalanced trace (value 16) whose prover claims exactly what the
    // boundary needs: the bus check passes, the running-sum constraint does not.
    let (mut trace, statement) = honest(6);
    let old = cell(&trace, 11, W) as usize;
    set_cell(&mut trace, 11, W, 16);
    add_to_cell(&mut trace, old, M, -F::ONE);
    let messages = boundary_messages(&vk, &statement).unwrap();
    let hooks = TestHooks {
        claimed_sum: Some(Box::new(move |_table, lc, _true_sum| {
            extension::neg(&logup::boundary_sum(&messages, lc).unwrap())
        })),
        ..TestHooks::default()
    };
    let bytes = prove_with_hooks(
        &vk,
        std::slice::from_ref(&trace),
        &statement,
        &ProverOptions::default(),
        &hooks,
    )
    .unwrap();
    assert_eq!(
        verify(&vk, &statement, &bytes),
        Err(VerifyError::OodConstraintMismatch)
    );
}

/// Proves the honest trace with `edit` applied to the auxiliary trace.
fn verify_with_aux_edit(
    edit: impl Fn(&mut [F], usize) + Send + Sync + 'static,
) -> Result<(), VerifyError> {
    let vk = lookup_vk();
    let (trace, statement) = honest(6);
    let hooks = TestHooks {
        edit_aux: Some(Box::new(move |_table, aux: &mut [F], width| {
            edit(aux, width)
        })),
        ..TestHooks::default()
    };
    let bytes = prove_with_hooks(
        &vk,
        std::slice::from_ref(&trace),
        &statement,
        &UNCHECKED,
        &hooks,
    )
    .unwrap();
    verify(&vk, &statement, &bytes)
}

#[test]
fn edited_auxiliary_columns_are_rejected() {
    // Aux base columns: fixed_fp_0 0..4, h_0 4..8, h_1 8..12, phi 12..16.
    let delta = F::from_u32(12345);
    // Moving value between h_0 and h_1 keeps every row sum: only the pair constraints see it.
    assert_eq!(
        verify_with_aux_edit(move |aux, width| {
            aux[9 * width + 4] += delta;
            aux[9 * width + 8] -= delta;
        }),
        Err(VerifyError::OodConstraintMismatch)
    );
    // A running sum that jumps.
    assert_eq!(
        verify_with_aux_edit(move |aux, width| aux[30 * width + 13] += delta),
        Err(VerifyError::OodConstraintMismatch)
    );
    // phi_0 != 0, with every later phi shifted (transitions hold, first row fails).
    assert_eq!(
        verify_with_aux_edit(move |aux, width| {
            for row in 0..aux.len() / width {
                aux[row * width + 12] += delta;
            }
        }),
        Err(VerifyError::OodConstraintMismatch)
    );
    // The fixed column inside and beyond the table.
    assert_eq!(
        verify_with_aux_edit(move |aux, width| aux[3 * width + 1] += delta),
        Err(VerifyError::FixedTableMismatch)
    );
    assert_eq!(
        verify_with_aux_edit(move |aux, width| aux[40 * width] += delta),
        Err(VerifyError::FixedTableMismatch)
    );
}

#[test]
fn a_table_longer_than_the_trace_is_rejected() {
    let vk = lookup_vk();
    let (trace3, statement3) = honest(3);
    match prove(&vk, std::slice::from_ref(&trace3), &statement3, &UNCHECKED) {
        Err(ProveError::InvalidStatement(VerifyError::FixedTableTooLarge)) => {}
        other => panic!("{other:?}"),
    }
    let (trace4, statement4) = honest(4);
    let bytes = prove(
        &vk,
        std::slice::from_ref(&trace4),
        &statement4,
        &ProverOptions::default(),
    )
    .unwrap();
    let mut proof = decode_proof(&bytes).unwrap();
    proof.log_heights = vec![3];
    assert_eq!(
        verify(&vk, &statement4, &encode_proof(&proof)),
        Err(VerifyError::FixedTableTooLarge)
    );
}

#[test]
fn fixed_table_value_at_a_point_equals_the_interpolant() {
    let mut rng = TestRng(11);
    let dft = Dft::default();
    let tables = zkvm_verifier::air::fixed_tables(&lookup_vk(), 0).unwrap();
    for log_n in [4u32, 5, 7] {
        let n = 1usize << log_n;
        let beta = rng.ext();
        let z = rng.ext();
        // The fixed column as n x 4 base coefficients, interpolated by the DFT.
        let mut column = vec![F::ZERO; 4 * n];
        for (i, row) in tables[0].rows.iter().enumerate() {
            let fp = logup::fingerprint_base(row, &beta);
            for e in 0..4 {
                column[4 * i + e] = from_u32(fp[e]);
            }
        }
        let coeffs = dft.idft_batch(RowMajorMatrix::new(column, 4));
        let at_z = eval_columns_at(&coeffs.values, 4, zkvm_prover::types::ext_from_array(&z));
        let at_z: Vec<[u32; 4]> = at_z.into_iter().map(ext_to_array).collect();
        let expected = logup::ext_columns_from_base(&at_z).unwrap();
        let got = logup::fixed_tables_at(&tables, &beta, &z, log_n).unwrap();
        assert_eq!(got, expected, "log_n = {log_n}");
    }
}

#[test]
fn logup_building_blocks() {
    let mut rng = TestRng(12);
    // Batch inversion agrees with single inversions; zero is a degenerate challenge.
    let values: Vec<[u32; 4]> = (0..37).map(|_| rng.ext()).collect();
    let inverses = logup::batch_inverse(&values).unwrap();
    for (v, inv) in values.iter().zip(&inverses) {
        assert_eq!(extension::mul(v, inv), extension::ONE);
        assert_eq!(*inv, extension::inv(v));
    }
    assert_eq!(logup::batch_inverse(&[]).unwrap().len(), 0);
    let mut with_zero = values.clone();
    with_zero[20] = extension::ZERO;
    assert_eq!(
        logup::batch_inverse(&with_zero),
        Err(VerifyError::DegenerateChallenge)
    );
    // Fingerprints: tag + beta c_1 + beta^2 c_2.
    let beta = rng.ext();
    let (tag, c1, c2) = (rng.field(), rng.field(), rng.field());
    let direct = extension::add(
        &extension::add(&extension::from_base(tag), &extension::mul_base(&beta, c1)),
        &extension::mul_base(&extension::square(&beta), c2),
    );
    assert_eq!(logup::fingerprint_base(&[tag, c1, c2], &beta), direct);
    let lifted = [
        extension::from_base(tag),
        extension::from_base(c1),
        extension::from_base(c2),
    ];
    assert_eq!(logup::fingerprint(&lifted, &beta), direct);
    // Shapes: F = 3 fractions, K = 1 table -> P = 2, 4 extension columns, 5 constraints.
    let shape = zkvm_verifier::air::table_shape(&zkvm_verifier::air::TableId::LookupTest);
    assert_eq!(logup::aux_ext_width(&shape), 4);
    assert_eq!(logup::num_logup_constraints(&shape), 5);
    let fib = zkvm_verifier::air::table_shape(&zkvm_verifier::air::TableId::Fibonacci);
    assert_eq!(logup::aux_ext_width(&fib), 0);
    assert_eq!(logup::num_logup_constraints(&fib), 0);
    for (f, p) in [(0usize, 0usize), (1, 1), (2, 1), (3, 2), (30, 15), (31, 16)] {
        assert_eq!(logup::num_pair_columns(f), p);
    }
}

#[test]
fn standard_params_lookup_proof_size() {
    let vk = VerifyingKey {
        air: zkvm_verifier::air::AirId::LookupTest,
        params: standard_params(),
    };
    let (trace, statement) = honest(10);
    let bytes = prove(
        &vk,
        std::slice::from_ref(&trace),
        &statement,
        &ProverOptions::default(),
    )
    .unwrap();
    assert_eq!(verify(&vk, &statement, &bytes), Ok(()));
    assert!(bytes.len() < 400_000, "proof of {} bytes", bytes.len());
}
