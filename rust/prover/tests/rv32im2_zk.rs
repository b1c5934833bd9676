//! Zero knowledge (docs/protocol.md §15.4): receipts are randomised (a fresh
//! seed per proof, unless one is fixed), still verify, and with a fixed seed
//! the prover is deterministic.

mod rv32im2_common;

use rv32im2_common::programs::{private_sum_program, sum_program};
use zkvm_prover::rv32im2::run::{prove_elf_segmented, verifying_key, DEFAULT_MAX_CYCLES};
use zkvm_prover::ProverOptions;
use zkvm_verifier::protocol::proof::{decode_segments_with_limits, protocol_limits};
use zkvm_verifier::receipt::{encode_receipt, verify_receipt, Receipt};

fn prove(options: &ProverOptions, segment_cycles: u64) -> Receipt {
    let elf = sum_program();
    let (receipt, _) = prove_elf_segmented(
        &elf,
        b"zero knowledge",
        options,
        segment_cycles,
        DEFAULT_MAX_CYCLES,
    )
    .unwrap();
    let vk = verifying_key(&elf).unwrap();
    assert_eq!(
        verify_receipt(&vk, &encode_receipt(&receipt)).map(|_| ()),
        Ok(())
    );
    receipt
}

fn seeded(seed: u8) -> ProverOptions {
    ProverOptions {
        zk_seed: Some([seed; 32]),
        ..ProverOptions::default()
    }
}

#[test]
fn the_receipt_parameters_are_zero_knowledge() {
    let params = zkvm_verifier::receipt::rv32im_params();
    assert!(params.zk);
    assert!(zkvm_verifier::protocol::params::conjectured_security_bits(&params, 20) >= 100);
}

#[test]
fn every_proof_is_fresh_unless_the_seed_is_fixed() {
    let a = prove(&ProverOptions::default(), 1 << 18);
    let b = prove(&ProverOptions::default(), 1 << 18);
    assert_eq!(a.output, b.output);
    assert_ne!(a.proof, b.proof, "two proofs of one run with fresh seeds");
    let c = prove(&seeded(3), 1 << 18);
    let d = prove(&seeded(3), 1 << 18);
    assert_eq!(c.proof, d.proof, "a fixed seed gives the same proof");
    let e = prove(&seeded(4), 1 << 18);
    assert_ne!(c.proof, e.proof);
}

#[test]
fn a_run_in_segments_closes_its_blinding_ring() {
    // The last table of each segment sends its blinding messages to the next
    // segment's first table, the last segment's back to the first: the bus
    // balances only if the ring is closed across segments (prove() verifies).
    let receipt = prove(&seeded(5), 40);
    let segments = decode_segments_with_limits(&receipt.proof, &protocol_limits()).unwrap();
    assert!(segments.len() >= 3, "{} segments", segments.len());
}

/// How many of a witness's values a proof reveals as they are: for every
/// table, each own main column's polynomial at the proof's zeta against the
/// opening, and the table's LogUp sum (at the proof's challenges) against
/// its claimed sum.
fn revealed(
    vk: &zkvm_verifier::protocol::vk::VerifyingKey,
    statement: &zkvm_verifier::Statement,
    proof: &zkvm_verifier::protocol::proof::Proof,
    traces: &[p3_matrix::dense::RowMajorMatrix<zkvm_prover::types::F>],
) -> (usize, usize, usize) {
    use p3_dft::TwoAdicSubgroupDft;
    use zkvm_prover::types::{ext_from_array, ext_to_array};
    use zkvm_verifier::protocol::stark::{
        derive_challenges, proof_dimensions, shared_transcript, table_shapes,
    };
    let (shared, point, beta) = shared_transcript(vk, statement, std::slice::from_ref(proof));
    let dims = proof_dimensions(&vk.params, &table_shapes(&vk.air), &proof.log_heights).unwrap();
    let challenges = derive_challenges(vk, &shared, &point, &beta, 0, proof, &dims).unwrap();
    let zeta = ext_from_array(&challenges.zeta);
    let dft = zkvm_prover::poly::Dft::default();
    let ids = zkvm_verifier::air::tables(&vk.air);
    let (mut columns, mut opened_as_is, mut sums_as_is) = (0, 0, 0);
    for (t, trace) in traces.iter().enumerate() {
        let coeffs = dft.idft_batch(trace.clone()).values;
        let at_zeta = zkvm_prover::poly::eval_columns_at(&coeffs, trace.width, zeta);
        for (j, value) in at_zeta.iter().enumerate() {
            columns += 1;
            if ext_to_array(*value) == proof.openings[t].main_local[j] {
                opened_as_is += 1;
            }
        }
        if let Some(fns) = zkvm_prover::tables::scalar_fns(&ids[t]) {
            let (_, sum) = zkvm_prover::tables::aux_trace(&fns, trace, &challenges.lookup).unwrap();
            if ext_to_array(sum) == proof.claimed_sums[t] {
                sums_as_is += 1;
            }
        }
    }
    (columns, opened_as_is, sums_as_is)
}

#[test]
fn the_openings_and_sums_are_not_the_witness_values() {
    // A distinguisher who knows a candidate witness evaluates its columns at
    // the proof's zeta and its LogUp sums at the proof's challenges. Without
    // zero knowledge every one matches the proof (the control: the check can
    // succeed); with it, none does.
    use zkvm_verifier::protocol::params::{compact_params, compact_zk_params};
    let elf = sum_program();
    let input = b"zero knowledge".to_vec();
    let mut vk = verifying_key(&elf).unwrap();
    let witness =
        zkvm_prover::rv32im2::run::build_traces(&vk.air, &elf, &input, DEFAULT_MAX_CYCLES).unwrap();
    for zk in [false, true] {
        vk.params = if zk {
            compact_zk_params()
        } else {
            compact_params()
        };
        let statement = witness.statement(&vk, &input).unwrap();
        let proof = zkvm_prover::prove_proof(&vk, &witness.traces, &statement, &seeded(9)).unwrap();
        let (columns, opened, sums) = revealed(&vk, &statement, &proof, &witness.traces);
        if zk {
            assert_eq!((opened, sums), (0, 0), "zero knowledge: {columns} columns");
        } else {
            assert_eq!(
                opened, columns,
                "without zero knowledge every opening is T(zeta)"
            );
            assert!(
                sums >= 10,
                "without zero knowledge the sums are the witness's: {sums}"
            );
        }
    }
}

/// A 32-byte private input whose byte sum does not depend on `tweak`.
fn secret(tweak: u8) -> Vec<u8> {
    let mut v: Vec<u8> = (0..32u8).map(|i| 0x5A ^ i.wrapping_mul(29)).collect();
    v[0] = v[0].wrapping_add(tweak);
    v[1] = v[1].wrapping_sub(tweak);
    v
}

#[test]
fn two_private_inputs_of_one_statement_look_the_same() {
    // Two private inputs with the same public statement (the program sums them). The
    // distinguisher of the previous test, holding both candidate witnesses: without zero
    // knowledge a proof from A matches A everywhere and B not (it tells them apart); with it,
    // neither candidate matches a single opening or sum, over several proofs.
    use zkvm_prover::rv32im2::run::build_traces_private;
    use zkvm_verifier::protocol::params::{compact_params, compact_zk_params};
    let elf = private_sum_program();
    let public = b"pub!".to_vec();
    let mut vk = verifying_key(&elf).unwrap();
    let witness = |private: &[u8]| {
        build_traces_private(&vk.air, &elf, &public, private, DEFAULT_MAX_CYCLES).unwrap()
    };
    let (a, b) = (witness(&secret(0)), witness(&secret(9)));
    assert_eq!(
        (a.exit_code, a.cycles, &a.output),
        (b.exit_code, b.cycles, &b.output)
    );
    assert!(a
        .traces
        .iter()
        .zip(&b.traces)
        .any(|(x, y)| x.values != y.values));
    for zk in [false, true] {
        vk.params = if zk {
            compact_zk_params()
        } else {
            compact_params()
        };
        let statement = a.statement(&vk, &public).unwrap();
        for seed in 0..if zk { 4 } else { 1 } {
            let proof =
                zkvm_prover::prove_proof(&vk, &a.traces, &statement, &seeded(seed)).unwrap();
            let (columns, opened_a, sums_a) = revealed(&vk, &statement, &proof, &a.traces);
            let (_, opened_b, sums_b) = revealed(&vk, &statement, &proof, &b.traces);
            if zk {
                assert_eq!(
                    (opened_a, sums_a, opened_b, sums_b),
                    (0, 0, 0, 0),
                    "seed {seed}"
                );
            } else {
                assert_eq!(opened_a, columns);
                assert!(opened_b < columns, "without zero knowledge B is told apart");
                assert!(sums_b < sums_a);
            }
        }
    }
}

#[test]
fn a_masking_polynomial_of_high_degree_is_rejected() {
    // The masking polynomial joins the DEEP function with its own power of gamma, so FRI
    // tests its degree too: a prover that commits arbitrary values instead (which could
    // otherwise cancel a far DEEP function) is caught. Here every value of the largest
    // size's mask is replaced by a random one; the honest control verifies.
    use zkvm_prover::{prove_proof_with_hooks, TestHooks};
    use zkvm_verifier::protocol::proof::encode_segments;
    let elf = sum_program();
    let input = b"zero knowledge".to_vec();
    let vk = verifying_key(&elf).unwrap();
    let witness =
        zkvm_prover::rv32im2::run::build_traces(&vk.air, &elf, &input, DEFAULT_MAX_CYCLES).unwrap();
    let statement = witness.statement(&vk, &input).unwrap();
    let prove_with = |hooks: &TestHooks| {
        let proof =
            prove_proof_with_hooks(&vk, &witness.traces, &statement, &seeded(11), hooks).unwrap();
        zkvm_verifier::verify(&vk, &statement, &encode_segments(&[proof]))
    };
    assert_eq!(prove_with(&TestHooks::default()), Ok(()));
    let forged = TestHooks {
        edit_fri_mask: Some(Box::new(|k, values| {
            if k == 0 {
                let mut state = 0x2545_f491u64;
                for v in values.iter_mut() {
                    state = state.wrapping_mul(6364136223846793005).wrapping_add(1);
                    *v = zkvm_prover::types::from_u32(((state >> 33) as u32) % 2013265921);
                }
            }
        })),
        ..TestHooks::default()
    };
    let verdict = prove_with(&forged);
    assert!(verdict.is_err(), "a mask of high degree must be rejected");
}
