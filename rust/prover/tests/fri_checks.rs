//! The FRI query check on its own, driven by an honest proof's challenges,
//! and the arity-2^k fold against a direct polynomial computation.

mod common;

use common::{bump, no_pow_params, no_pow_params_with, proof_with, TestRng};
use zkvm_verifier::air::AirId;
use zkvm_verifier::field::extension::Ext;
use zkvm_verifier::fri::DeepValue;
use zkvm_verifier::protocol::proof::decode_proof;
use zkvm_verifier::protocol::stark::{
    derive_challenges, proof_dimensions, shared_transcript, table_shapes,
};
use zkvm_verifier::protocol::vk::VerifyingKey;
use zkvm_verifier::{field, field::extension, fri, protocol::deep, protocol::domain, VerifyError};

#[test]
fn fri_query_accepts_honest_values_and_rejects_a_wrong_final_polynomial() {
    for air in [AirId::Fibonacci, AirId::LookupTest] {
        check_fri_queries(VerifyingKey {
            air,
            params: no_pow_params(),
        });
    }
    for (log_arity, log_cap) in [(2u32, 0u32), (3, 2), (4, 3), (2, 9)] {
        check_fri_queries(VerifyingKey {
            air: AirId::CubicTest,
            params: no_pow_params_with(log_arity, log_cap),
        });
    }
}

fn check_fri_queries(vk: VerifyingKey) {
    let (public, bytes) = proof_with(&vk, 7);
    let proof = decode_proof(&bytes).unwrap();
    let dims = proof_dimensions(&vk.params, &table_shapes(&vk.air), &proof.log_heights).unwrap();
    let table = &dims.tables[0];
    let (shared, point, beta) = shared_transcript(&vk, &public, std::slice::from_ref(&proof));
    let ch = derive_challenges(&vk, &shared, &point, &beta, 0, &proof, &dims).unwrap();
    let omega = domain::subgroup_generator(table.log_height).unwrap();
    let zeta_next = extension::mul_base(&ch.zeta, omega);
    let gammas = deep::powers(&ch.gamma, dims.num_gamma_powers);
    let arity = |r: usize| dims.fri_log_arities[r];
    for (q, query) in proof.queries.iter().enumerate() {
        let index = ch.query_indices[q];
        let x = domain::bitrev_coset_point(0, dims.log_max_lde, index).unwrap();
        let aux_row = query.aux.rows.first().cloned().unwrap_or_default();
        let f0 = deep::deep_composition_at(
            x,
            &query.main.rows[0],
            &aux_row,
            &query.quotient.rows[0],
            &ch.zeta,
            &zeta_next,
            &proof.openings[0].main_local,
            &proof.openings[0].main_next,
            &proof.openings[0].aux_local,
            &proof.openings[0].aux_next,
            &proof.openings[0].quotient,
            &gammas,
            0,
        )
        .unwrap();
        let run = |final_poly: &[[u32; 4]], value: &[u32; 4], arities: &[u32], log_cap: u32| {
            fri::verify_fri_query(
                &proof.fri_commitments,
                &ch.fri_betas,
                &query.fri_steps,
                final_poly,
                arities,
                dims.log_max_lde,
                log_cap,
                index,
                &[DeepValue {
                    log_size: dims.log_max_lde,
                    value: *value,
                }],
            )
        };
        let arities = &dims.fri_log_arities;
        let cap = dims.log_cap_height;
        assert_eq!(run(&proof.final_poly, &f0, arities, cap), Ok(()));
        let mut wrong_final = proof.final_poly.clone();
        wrong_final[0][0] = bump(wrong_final[0][0]);
        assert_eq!(
            run(&wrong_final, &f0, arities, cap),
            Err(VerifyError::FriFinalPolynomialMismatch)
        );
        let mut wrong_f0 = f0;
        wrong_f0[3] = bump(wrong_f0[3]);
        assert_eq!(
            run(&proof.final_poly, &wrong_f0, arities, cap),
            Err(VerifyError::FriMerkleMismatch)
        );
        // Out-of-range index, another schedule or cap height: typed errors.
        assert!(fri::verify_fri_query(
            &proof.fri_commitments,
            &ch.fri_betas,
            &query.fri_steps,
            &proof.final_poly,
            arities,
            dims.log_max_lde,
            cap,
            index + (1u64 << dims.log_max_lde),
            &[DeepValue {
                log_size: dims.log_max_lde,
                value: f0,
            }],
        )
        .is_err());
        let mut longer = arities.clone();
        longer[0] += 1;
        let mut zero = arities.clone();
        zero[0] = 0;
        let mut huge = arities.clone();
        huge[0] = 40;
        for wrong in [longer, zero, huge, arities[1..].to_vec()] {
            assert!(run(&proof.final_poly, &f0, &wrong, cap).is_err());
        }
        // Another cap height changes the first layer's cap unless both reach its leaves.
        if cap < dims.log_max_lde - arity(0) {
            assert!(run(&proof.final_poly, &f0, arities, cap + 1).is_err());
        }
        // A DEEP value of a size FRI never reaches is a typed error.
        assert!(fri::verify_fri_query(
            &proof.fri_commitments,
            &ch.fri_betas,
            &query.fri_steps,
            &proof.final_poly,
            arities,
            dims.log_max_lde,
            cap,
            index,
            &[
                DeepValue {
                    log_size: dims.log_max_lde,
                    value: f0,
                },
                DeepValue {
                    log_size: 1,
                    value: f0,
                },
            ],
        )
        .is_err());
    }
}

/// sum c_i x^i with extension coefficients at an extension point.
fn eval_ext(coeffs: &[Ext], x: &Ext) -> Ext {
    let mut acc = extension::ZERO;
    for c in coeffs.iter().rev() {
        acc = extension::add(&extension::mul(&acc, x), c);
    }
    acc
}

/// fold_leaf over a leaf of a bit-reversed layer equals sum_i beta^i f_i(y)
/// with f(X) = sum_i X^i f_i(X^(2^k)) and y the leaf's point of the folded
/// layer, computed directly from the coefficients; for k = 1 it is exactly
/// fold_pair.
#[test]
fn leaf_fold_is_the_degree_2k_fold_of_the_coefficients() {
    let mut rng = TestRng(11);
    for log_arity in 1u32..=4 {
        let arity = 1usize << log_arity;
        for degree_bound in [arity, 4 * arity, 16 * arity + 3] {
            let coeffs: Vec<Ext> = (0..degree_bound).map(|_| rng.ext()).collect();
            let beta = rng.ext();
            // The residue-class polynomials f_i.
            let parts: Vec<Vec<Ext>> = (0..arity)
                .map(|i| coeffs.iter().skip(i).step_by(arity).copied().collect())
                .collect();
            let log_size = 9u32;
            let layer = rng.below(5) as u32;
            for _ in 0..6 {
                let u = rng.below(1u64 << (log_size - log_arity));
                // The leaf: f at positions u 2^k + t of the bit-reversed domain.
                let leaf: Vec<Ext> = (0..arity as u64)
                    .map(|t| {
                        let x = domain::bitrev_coset_point(layer, log_size, (u << log_arity) + t)
                            .unwrap();
                        fri::eval_poly_at_base(&coeffs, x)
                    })
                    .collect();
                let folded = fri::fold_leaf(&leaf, &beta, u, layer, log_size, log_arity).unwrap();
                let x0 = domain::bitrev_coset_point(layer, log_size, u << log_arity).unwrap();
                let y = field::pow(x0, arity as u64);
                // y is position u of the folded domain.
                assert_eq!(
                    y,
                    domain::bitrev_coset_point(layer + log_arity, log_size - log_arity, u).unwrap()
                );
                let y = extension::from_base(y);
                let mut expected = extension::ZERO;
                let mut beta_power = extension::ONE;
                for part in &parts {
                    expected = extension::add(
                        &expected,
                        &extension::mul(&beta_power, &eval_ext(part, &y)),
                    );
                    beta_power = extension::mul(&beta_power, &beta);
                }
                assert_eq!(folded, expected, "arity {arity}, degree < {degree_bound}");
                if log_arity == 1 {
                    assert_eq!(folded, fri::fold_pair(&leaf[0], &leaf[1], &beta, x0));
                }
            }
        }
    }
    // A leaf of the wrong size is a typed error.
    assert_eq!(
        fri::fold_leaf(&[extension::ONE; 3], &extension::ONE, 0, 0, 5, 2),
        Err(VerifyError::WrongProofShape)
    );
    assert_eq!(
        fri::fold_leaf(&[extension::ONE; 2], &extension::ONE, 0, 0, 5, 40),
        Err(VerifyError::WrongProofShape)
    );
}

/// An honest proof folds by the arity, the last round by what is left, down
/// to a final polynomial of exactly 2^log_final_poly_len coefficients.
#[test]
fn final_polynomial_length_is_fixed_and_rounds_follow_the_arity() {
    // no_pow_params: blowup 2, final polynomial of 4 coefficients (final layer 2^3).
    for (log_arity, log_n, rounds) in [
        (1u32, 6u32, 4usize),
        (2, 6, 2),
        (2, 7, 3),
        (3, 7, 2),
        (3, 8, 2),
        (4, 5, 1),
        (4, 2, 0),
    ] {
        let vk = VerifyingKey {
            air: AirId::Fibonacci,
            params: no_pow_params_with(log_arity, 1),
        };
        let (public, bytes) = proof_with(&vk, log_n);
        assert_eq!(zkvm_verifier::verify(&vk, &public, &bytes), Ok(()));
        let proof = decode_proof(&bytes).unwrap();
        assert_eq!(
            proof.fri_commitments.len(),
            rounds,
            "k {log_arity} log_n {log_n}"
        );
        assert_eq!(proof.final_poly.len(), 4, "k {log_arity} log_n {log_n}");
    }
}
