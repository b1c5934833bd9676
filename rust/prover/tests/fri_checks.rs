//! The FRI query check on its own, driven by an honest proof's challenges,
//! and the arity-2^k fold against a direct polynomial computation.

mod common;

use common::{bump, no_pow_params, no_pow_params_with, proof_with, TestRng};
use zkvm_verifier::air::{air_shape, AirId};
use zkvm_verifier::field::extension::Ext;
use zkvm_verifier::protocol::proof::decode_proof;
use zkvm_verifier::protocol::stark::{derive_challenges, proof_dimensions};
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
    let dims = proof_dimensions(&vk.params, &air_shape(&vk.air), proof.log_trace_len).unwrap();
    let ch = derive_challenges(&vk, &public, &proof, &dims).unwrap();
    let omega = domain::subgroup_generator(dims.log_trace_len).unwrap();
    let zeta_next = extension::mul_base(&ch.zeta, omega);
    let gammas = deep::powers(
        &ch.gamma,
        2 * dims.width + 2 * dims.aux_width + dims.quotient_width,
    );
    for (q, query) in proof.queries.iter().enumerate() {
        let index = ch.query_indices[q];
        let x = domain::coset_point(0, dims.log_lde_len, index).unwrap();
        let f0 = deep::deep_composition_at(
            x,
            &query.trace.values,
            &query.aux.values,
            &query.quotient.values,
            &ch.zeta,
            &zeta_next,
            &proof.ood_trace_local,
            &proof.ood_trace_next,
            &proof.ood_aux_local,
            &proof.ood_aux_next,
            &proof.ood_quotient,
            &gammas,
        )
        .unwrap();
        let run = |final_poly: &[[u32; 4]], value: &[u32; 4]| {
            fri::verify_fri_query(
                &proof.fri_commitments,
                &ch.fri_betas,
                &query.fri_steps,
                final_poly,
                dims.log_lde_len,
                dims.log_fri_arity,
                dims.log_cap_height,
                index,
                value,
            )
        };
        assert_eq!(run(&proof.final_poly, &f0), Ok(()));
        let mut wrong_final = proof.final_poly.clone();
        wrong_final[0][0] = bump(wrong_final[0][0]);
        assert_eq!(
            run(&wrong_final, &f0),
            Err(VerifyError::FriFinalPolynomialMismatch)
        );
        let mut wrong_f0 = f0;
        wrong_f0[3] = bump(wrong_f0[3]);
        assert_eq!(
            run(&proof.final_poly, &wrong_f0),
            Err(VerifyError::FriMerkleMismatch)
        );
        // Out-of-range index, wrong arity or cap height: typed errors.
        assert!(fri::verify_fri_query(
            &proof.fri_commitments,
            &ch.fri_betas,
            &query.fri_steps,
            &proof.final_poly,
            dims.log_lde_len,
            dims.log_fri_arity,
            dims.log_cap_height,
            index + (1u64 << dims.log_lde_len),
            &f0,
        )
        .is_err());
        let mut wrong_shapes = vec![
            (dims.log_fri_arity + 1, dims.log_cap_height),
            (0, dims.log_cap_height),
            (40, dims.log_cap_height),
        ];
        // Another cap height changes the first layer's cap unless both reach its leaves.
        if dims.log_cap_height < dims.log_lde_len - dims.log_fri_arity {
            wrong_shapes.push((dims.log_fri_arity, dims.log_cap_height + 1));
        }
        for (log_arity, log_cap) in wrong_shapes {
            assert!(fri::verify_fri_query(
                &proof.fri_commitments,
                &ch.fri_betas,
                &query.fri_steps,
                &proof.final_poly,
                dims.log_lde_len,
                log_arity,
                log_cap,
                index,
                &f0,
            )
            .is_err());
        }
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

/// fold_coset over the coset {x0 w^t} equals sum_i beta^i f_i(x0^(2^k)) with
/// f(X) = sum_i X^i f_i(X^(2^k)), computed directly from the coefficients; for
/// k = 1 it is exactly fold_pair.
#[test]
fn coset_fold_is_the_degree_2k_fold_of_the_coefficients() {
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
            let m = 1u64 << (log_size - log_arity);
            for _ in 0..6 {
                let j = rng.below(m);
                // The leaf: f at points j + t m of the domain, t < 2^k.
                let coset: Vec<Ext> = (0..arity as u64)
                    .map(|t| {
                        let x = domain::coset_point(layer, log_size, j + t * m).unwrap();
                        fri::eval_poly_at_base(&coeffs, x)
                    })
                    .collect();
                let x0 = domain::coset_point(layer, log_size, j).unwrap();
                let folded = fri::fold_coset(&coset, &beta, x0, log_arity).unwrap();
                let y = field::pow(x0, arity as u64);
                // y is element j of the folded domain.
                assert_eq!(
                    y,
                    domain::coset_point(layer + log_arity, log_size - log_arity, j).unwrap()
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
                    assert_eq!(folded, fri::fold_pair(&coset[0], &coset[1], &beta, x0));
                }
            }
        }
    }
    // A coset of the wrong size is a typed error.
    assert_eq!(
        fri::fold_coset(&[extension::ONE; 3], &extension::ONE, 5, 2),
        Err(VerifyError::WrongProofShape)
    );
    assert_eq!(
        fri::fold_coset(&[extension::ONE; 2], &extension::ONE, 5, 40),
        Err(VerifyError::WrongProofShape)
    );
}

/// An honest proof's final polynomial has the length the arity leaves over:
/// 2^(log_n - k R), R = floor((log_n - log_final_poly_len) / k).
#[test]
fn final_polynomial_length_follows_the_arity() {
    for (log_arity, log_n, rounds, final_len) in [
        (1u32, 6u32, 4usize, 4usize),
        (2, 6, 2, 4),
        (2, 7, 2, 8),
        (3, 7, 1, 16),
        (3, 8, 2, 4),
        (4, 5, 0, 32),
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
        assert_eq!(
            proof.final_poly.len(),
            final_len,
            "k {log_arity} log_n {log_n}"
        );
    }
}
