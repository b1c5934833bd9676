//! The FRI query check on its own, driven by an honest proof's challenges.

mod common;

use common::{bump, no_pow_params, proof_with};
use zkvm_verifier::air::{air_shape, AirId};
use zkvm_verifier::proof::decode_proof;
use zkvm_verifier::stark::{derive_challenges, proof_dimensions};
use zkvm_verifier::vk::VerifyingKey;
use zkvm_verifier::{deep, domain, extension, fri, VerifyError};

#[test]
fn fri_query_accepts_honest_values_and_rejects_a_wrong_final_polynomial() {
    for air in [AirId::Fibonacci, AirId::LookupTest] {
        check_fri_queries(VerifyingKey {
            air,
            params: no_pow_params(),
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
    }
}
