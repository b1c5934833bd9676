//! The tables written against `expr` (zkvm_verifier::air::rv32im) give the
//! same values compiled three ways: the verifier's normative functions over
//! the extension field (all_constraints_at, eval_fractions, the normative
//! quotient and auxiliary trace), and the prover's base-field and packed
//! builds (zkvm_prover::tables). Random rows, random LDEs, random traces.

mod common;

use common::TestRng;
use p3_matrix::dense::RowMajorMatrix;
use zkvm_prover::logup::{build_aux_trace, fixed_fp_columns};
use zkvm_prover::quotient::{quotient_values_normative, NormativeQuotientInput};
use zkvm_prover::tables::{self, Sel};
use zkvm_prover::types::{ext_from_array, ext_to_array, from_u32, to_u32, F};
use zkvm_verifier::air::{eval_constraints, eval_fractions, table_shape, Selectors, TableId};
use zkvm_verifier::field::extension;
use zkvm_verifier::protocol::logup::{aux_ext_width, num_logup_constraints, segment_challenges};

const PUBLIC: usize = zkvm_verifier::air::rv32im::statement::NUM_TABLE_PUBLIC_VALUES;

fn framework_tables() -> Vec<TableId> {
    vec![
        TableId::Rv32Cpu,
        TableId::Rv32Range,
        TableId::Rv32Alu,
        TableId::Rv32Logic,
        TableId::Rv32Boundary,
        TableId::Rv32Mem,
        TableId::Rv32Syscall,
        TableId::Rv32Io,
        TableId::Rv32Mul,
        TableId::Rv32Div,
    ]
}

/// Small values (0, 1, 2, p - 1) half the time: booleans and limbs matter.
fn cell(rng: &mut TestRng) -> u32 {
    match rng.below(8) {
        0 => 0,
        1 => 1,
        2 => 2,
        3 => zkvm_verifier::field::P - 1,
        _ => rng.field(),
    }
}

#[test]
fn own_constraints_and_fractions_match_the_verifier() {
    let mut rng = TestRng(0x7ab1_e001);
    for table in framework_tables() {
        let shape = table_shape(&table);
        let fns = tables::scalar_fns(&table).unwrap();
        assert_eq!(fns.width, shape.width);
        assert_eq!(fns.num_constraints, shape.num_constraints);
        assert_eq!(fns.fraction_lens.len(), shape.num_fractions);
        for _ in 0..300 {
            let local: Vec<u32> = (0..shape.width).map(|_| cell(&mut rng)).collect();
            let next: Vec<u32> = (0..shape.width).map(|_| cell(&mut rng)).collect();
            let public: Vec<u32> = (0..PUBLIC).map(|_| rng.field()).collect();
            let s = [rng.field(), rng.field(), rng.field()];
            let lift = |v: &[u32]| {
                v.iter()
                    .map(|&x| extension::from_base(x))
                    .collect::<Vec<_>>()
            };
            let normative = eval_constraints(
                &table,
                &lift(&local),
                &lift(&next),
                &public,
                &Selectors {
                    is_first_row: extension::from_base(s[0]),
                    is_last_row: extension::from_base(s[1]),
                    is_transition: extension::from_base(s[2]),
                },
            )
            .unwrap();
            let to_f = |v: &[u32]| v.iter().map(|&x| from_u32(x)).collect::<Vec<F>>();
            let mut scalar = Vec::new();
            (fns.eval)(
                &to_f(&local),
                &to_f(&next),
                &to_f(&public),
                &Sel {
                    is_first_row: from_u32(s[0]),
                    is_last_row: from_u32(s[1]),
                    is_transition: from_u32(s[2]),
                },
                &mut scalar,
            );
            assert_eq!(normative.len(), scalar.len());
            for (i, (a, b)) in normative.iter().zip(&scalar).enumerate() {
                assert_eq!(
                    *a,
                    extension::from_base(to_u32(*b)),
                    "{table:?} constraint {i}"
                );
            }
            // Fractions: the verifier's from the same messages.
            // A segment other than 0, so that local and global fractions differ.
            let lc = segment_challenges(&rng.ext(), &rng.ext(), 1 + rng.field() % 7);
            let fractions = eval_fractions(&table, &lift(&local), &[], &lc).unwrap();
            let mut flat = Vec::new();
            (fns.messages)(&to_f(&local), &mut flat);
            let mut pos = 0;
            for (k, &len) in fns.fraction_lens.iter().enumerate() {
                assert_eq!(
                    fractions[k].numerator,
                    extension::from_base(to_u32(flat[pos]))
                );
                let mut fp = extension::ZERO;
                for j in (0..len).rev() {
                    fp = extension::add(
                        &extension::mul(&fp, &lc.beta),
                        &extension::from_base(to_u32(flat[pos + 1 + j])),
                    );
                }
                let at = if fns.fraction_global[k] {
                    lc.point
                } else {
                    lc.local_point
                };
                assert_eq!(fractions[k].denominator, extension::sub(&at, &fp));
                pos += 1 + len;
            }
            assert_eq!(pos, flat.len());
        }
    }
}

#[test]
fn packed_quotient_matches_the_normative_one() {
    let mut rng = TestRng(0x7ab1_e002);
    for (table, zk) in [false, true]
        .into_iter()
        .flat_map(|zk| framework_tables().into_iter().map(move |t| (t, zk)))
    {
        // With zero knowledge: the blinding columns and fraction, and the
        // quotient on a domain twice as large.
        let shape = zkvm_verifier::protocol::logup::zk_shape(&table_shape(&table), zk);
        let fns = tables::packed_fns(&table).unwrap().with_zk(zk);
        let aux_width = 4 * aux_ext_width(&shape);
        let log_chunks = 1 + usize::from(zk);
        for (log_n, log_blowup) in [(5usize, 2usize), (6, 3)] {
            let len = 1usize << (log_n + log_blowup);
            let lde: Vec<F> = (0..len * shape.width)
                .map(|_| from_u32(cell(&mut rng)))
                .collect();
            let aux: Vec<F> = (0..len * aux_width)
                .map(|_| from_u32(rng.field()))
                .collect();
            let lde = RowMajorMatrix::new(lde, shape.width);
            let public: Vec<u32> = (0..PUBLIC).map(|_| rng.field()).collect();
            let lookup = segment_challenges(&rng.ext(), &rng.ext(), 1 + rng.field() % 7);
            let claimed_sum = rng.ext();
            let alpha = rng.ext();
            let normative = quotient_values_normative(&NormativeQuotientInput {
                table: &table,
                num_constraints: shape.num_constraints + num_logup_constraints(&shape),
                trace_lde: &lde,
                aux_lde: &aux,
                aux_width,
                public_values: &public,
                lookup: &lookup,
                claimed_sum,
                log_n,
                log_blowup,
                log_chunks,
                alpha,
                zk,
                positions: 0,
            })
            .unwrap();
            let packed = tables::quotient_values(&tables::QuotientInput {
                fns: &fns,
                trace_lde: &lde.values,
                aux_lde: &aux,
                public_values: &public,
                lookup: &lookup,
                claimed_sum: ext_from_array(&claimed_sum),
                log_n,
                log_blowup,
                log_chunks,
                alpha: ext_from_array(&alpha),
                positions: 0,
            });
            assert_eq!(normative.len(), packed.len());
            if let Some(k) = (0..packed.len()).find(|&k| packed[k] != normative[k]) {
                panic!("{table:?} log_n {log_n} blowup {log_blowup}: first difference at {k}");
            }
        }
    }
}

#[test]
fn auxiliary_trace_matches_the_normative_one() {
    let mut rng = TestRng(0x7ab1_e003);
    for (table, zk) in [false, true]
        .into_iter()
        .flat_map(|zk| framework_tables().into_iter().map(move |t| (t, zk)))
    {
        let own_shape = table_shape(&table);
        let shape = zkvm_verifier::protocol::logup::zk_shape(&own_shape, zk);
        let fns = tables::scalar_fns(&table).unwrap().with_zk(zk);
        for log_n in [4usize, 11] {
            let n = 1usize << log_n;
            let trace: Vec<F> = (0..n * shape.width)
                .map(|_| from_u32(cell(&mut rng)))
                .collect();
            let trace = RowMajorMatrix::new(trace, shape.width);
            let lookup = segment_challenges(&rng.ext(), &rng.ext(), 1 + rng.field() % 7);
            let normative = build_aux_trace(
                &table,
                &own_shape,
                &trace,
                &fixed_fp_columns(&[], &lookup.beta, n),
                &lookup,
                zk,
            )
            .unwrap();
            let (matrix, sum) = tables::aux_trace(&fns, &trace, &lookup).unwrap();
            assert_eq!(
                ext_to_array(sum),
                ext_to_array(normative.claimed_sum),
                "{table:?}"
            );
            assert_eq!(
                matrix.values, normative.matrix.values,
                "{table:?} log_n {log_n}"
            );
            // The packed path (heights that are a multiple of the lanes).
            let packed_fns = tables::packed_fns(&table).unwrap().with_zk(zk);
            match tables::aux_trace_packed(&packed_fns, &trace, &lookup) {
                Some(result) => {
                    let (packed, packed_sum) = result.unwrap();
                    assert_eq!(
                        ext_to_array(packed_sum),
                        ext_to_array(normative.claimed_sum)
                    );
                    assert_eq!(
                        packed.values, normative.matrix.values,
                        "{table:?} log_n {log_n} (packed)"
                    );
                }
                None => assert!(
                    n % <<F as p3_field::Field>::Packing as p3_field::PackedValue>::WIDTH != 0,
                    "{table:?} log_n {log_n}"
                ),
            }
        }
    }
}

#[test]
fn packed_auxiliary_trace_names_a_vanishing_denominator() {
    // A row whose first message's fingerprint equals the lookup point: the
    // packed path reports that row and fraction, as the scalar path does.
    let table = TableId::Rv32Range;
    let shape = table_shape(&table);
    let fns = tables::scalar_fns(&table).unwrap();
    let packed_fns = tables::packed_fns(&table).unwrap();
    let n = 1usize << 11;
    let mut rng = TestRng(0x7ab1_e004);
    // Uniform cells: no two rows share a message (with overwhelming probability).
    let trace: Vec<F> = (0..n * shape.width)
        .map(|_| from_u32(rng.field()))
        .collect();
    let trace = RowMajorMatrix::new(trace, shape.width);
    let mut flat = Vec::new();
    (fns.messages)(
        &trace.values[777 * shape.width..778 * shape.width],
        &mut flat,
    );
    let beta = rng.ext();
    // Fingerprint of fraction 0 at row 777: fields flat[1..=len] with powers of beta.
    let len = fns.fraction_lens[0];
    let mut point = [0u32; 4];
    let mut power = extension::ONE;
    for j in 0..len {
        let term = extension::mul(&power, &extension::from_base(to_u32(flat[1 + j])));
        point = extension::add(&point, &term);
        power = extension::mul(&power, &beta);
    }
    // Fraction 0 is local: segment 0 makes its point the global one.
    let lookup = segment_challenges(&point, &beta, 0);
    let scalar = tables::aux_trace(&fns, &trace, &lookup)
        .err()
        .expect("scalar path must fail");
    let packed = tables::aux_trace_packed(&packed_fns, &trace, &lookup)
        .expect("2^11 rows are a multiple of the lanes")
        .err()
        .expect("packed path must fail");
    assert_eq!(format!("{scalar:?}"), format!("{packed:?}"));
    assert!(format!("{packed:?}").contains("row: 777"), "{packed:?}");
}
