//! The prover's base-field constraint evaluation equals the verifier's normative one.

mod common;

use common::TestRng;
use p3_field::PrimeCharacteristicRing;
use zkvm_prover::constraints::{eval_base, BaseSelectors, MAX_CONSTRAINTS};
use zkvm_prover::types::{from_u32, to_u32, F};
use zkvm_verifier::air::{
    eval_constraints, num_public_values, table_shape, AirId, Selectors, TableId,
};
use zkvm_verifier::field::extension;

#[test]
fn base_and_normative_constraints_agree_on_random_rows() {
    let mut rng = TestRng(5);
    for (air, machine) in [
        (TableId::Fibonacci, AirId::Fibonacci),
        (TableId::CubicTest, AirId::CubicTest),
    ] {
        let shape = table_shape(&air);
        for _ in 0..500 {
            let local: Vec<u32> = (0..shape.width).map(|_| rng.field()).collect();
            let next: Vec<u32> = (0..shape.width).map(|_| rng.field()).collect();
            let public: Vec<u32> = (0..num_public_values(&machine))
                .map(|_| rng.field())
                .collect();
            let (s0, s1, s2) = (rng.field(), rng.field(), rng.field());
            let lift = |v: &[u32]| {
                v.iter()
                    .map(|&x| extension::from_base(x))
                    .collect::<Vec<_>>()
            };
            let normative = eval_constraints(
                &air,
                &lift(&local),
                &lift(&next),
                &public,
                &Selectors {
                    is_first_row: extension::from_base(s0),
                    is_last_row: extension::from_base(s1),
                    is_transition: extension::from_base(s2),
                },
            )
            .unwrap();
            assert_eq!(normative.len(), shape.num_constraints);
            let to_f = |v: &[u32]| v.iter().map(|&x| from_u32(x)).collect::<Vec<F>>();
            let mut fast = [F::ZERO; MAX_CONSTRAINTS];
            eval_base(
                &air,
                &to_f(&local),
                &to_f(&next),
                &to_f(&public),
                &BaseSelectors {
                    is_first_row: from_u32(s0),
                    is_last_row: from_u32(s1),
                    is_transition: from_u32(s2),
                },
                &mut fast,
            );
            for i in 0..shape.num_constraints {
                assert_eq!(
                    normative[i],
                    extension::from_base(to_u32(fast[i])),
                    "constraint {i}"
                );
            }
        }
    }
}
