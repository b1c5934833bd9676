//! Malformed proof bytes give typed errors, never panics, and no mutated proof verifies.

mod common;

use common::{fib_proof, lookup_proof, no_pow_params_with, proof_with, TestRng};
use zkvm_verifier::air::AirId;
use zkvm_verifier::protocol::params::compact_params;
use zkvm_verifier::protocol::proof::decode_proof;
use zkvm_verifier::protocol::vk::VerifyingKey;
use zkvm_verifier::{verify, VerifyError};

#[test]
fn every_random_byte_mutation_is_rejected() {
    let (vk, public, bytes) = fib_proof(5);
    every_random_mutation_is_rejected(&vk, &public, &bytes, 6);
}

#[test]
fn every_random_byte_mutation_of_a_lookup_proof_is_rejected() {
    let (vk, public, bytes) = lookup_proof(5);
    every_random_mutation_is_rejected(&vk, &public, &bytes, 9);
}

#[test]
fn every_random_byte_mutation_of_higher_arity_capped_proofs_is_rejected() {
    // Without grinding (mutations reach the Merkle, FRI and OOD checks):
    // arity 8 with caps of 4, arity 4 with caps of 64 (deeper than some trees).
    for (air, log_arity, log_cap, seed) in [
        (AirId::LookupTest, 3u32, 2u32, 12u64),
        (AirId::CubicTest, 2, 6, 13),
    ] {
        let vk = VerifyingKey {
            air,
            params: no_pow_params_with(log_arity, log_cap),
        };
        let (public, bytes) = proof_with(&vk, 6);
        every_random_mutation_is_rejected(&vk, &public, &bytes, seed);
    }
    let vk = VerifyingKey {
        air: AirId::Fibonacci,
        params: compact_params(),
    };
    let (public, bytes) = proof_with(&vk, 7);
    every_random_mutation_is_rejected(&vk, &public, &bytes, 14);
    every_bit_flip_in_the_header_is_rejected(&vk, &public, &bytes);
    let mut rng = TestRng(15);
    for _ in 0..300 {
        let cut = rng.below(bytes.len() as u64) as usize;
        let result = verify(&vk, &public, &bytes[..cut]);
        assert!(
            matches!(
                result,
                Err(VerifyError::TruncatedProof) | Err(VerifyError::LengthTooLarge)
            ),
            "cut at {cut}: {result:?}"
        );
    }
}

fn every_random_mutation_is_rejected(
    vk: &zkvm_verifier::protocol::vk::VerifyingKey,
    public: &zkvm_verifier::Statement,
    bytes: &[u8],
    seed: u64,
) {
    assert_eq!(verify(vk, public, bytes), Ok(()));
    let mut rng = TestRng(seed);
    let trials = 3000;
    let mut rejected = 0;
    for t in 0..trials {
        let mut mutated = bytes.to_vec();
        // Mostly single-byte changes, sometimes several at once.
        let count = if t % 4 == 0 { 1 + rng.below(8) } else { 1 };
        for _ in 0..count {
            let pos = rng.below(mutated.len() as u64) as usize;
            mutated[pos] ^= 1 + rng.below(255) as u8;
        }
        if verify(vk, public, &mutated).is_err() {
            rejected += 1;
        }
    }
    assert_eq!(
        rejected,
        trials,
        "{} of {trials} mutated proofs were accepted",
        trials - rejected
    );
}

#[test]
fn every_single_bit_flip_in_the_header_region_is_rejected() {
    // The first kilobyte covers version, sizes, commitments, claimed sum, OOD
    // values and FRI commitments.
    for (vk, public, bytes) in [fib_proof(5), lookup_proof(4)] {
        every_bit_flip_in_the_header_is_rejected(&vk, &public, &bytes);
    }
}

fn every_bit_flip_in_the_header_is_rejected(
    vk: &zkvm_verifier::protocol::vk::VerifyingKey,
    public: &zkvm_verifier::Statement,
    bytes: &[u8],
) {
    for pos in 0..1024.min(bytes.len()) {
        for bit in [0u8, 3, 7] {
            let mut mutated = bytes.to_vec();
            mutated[pos] ^= 1 << bit;
            assert!(
                verify(vk, public, &mutated).is_err(),
                "flip at byte {pos} bit {bit} accepted"
            );
        }
    }
}

#[test]
fn truncated_proofs_are_typed_errors() {
    let (vk, public, bytes) = fib_proof(4);
    let mut rng = TestRng(7);
    let mut cuts: Vec<usize> = (0..64).collect();
    cuts.extend((0..300).map(|_| rng.below(bytes.len() as u64) as usize));
    cuts.push(bytes.len() - 1);
    for cut in cuts {
        let result = verify(&vk, &public, &bytes[..cut]);
        assert!(
            matches!(
                result,
                Err(VerifyError::TruncatedProof) | Err(VerifyError::LengthTooLarge)
            ),
            "cut at {cut}: {result:?}"
        );
    }
}

#[test]
fn trailing_bytes_are_rejected() {
    let (vk, public, mut bytes) = fib_proof(4);
    bytes.push(0);
    assert_eq!(
        verify(&vk, &public, &bytes),
        Err(VerifyError::TrailingBytes)
    );
}

#[test]
fn garbage_is_rejected_without_panic() {
    let (vk, public, _) = fib_proof(4);
    let mut rng = TestRng(8);
    for len in [0usize, 1, 3, 4, 7, 8, 100, 1000, 20000] {
        for _ in 0..50 {
            let garbage: Vec<u8> = (0..len).map(|_| rng.next_u64() as u8).collect();
            assert!(verify(&vk, &public, &garbage).is_err());
            // With a valid version prefix the decoder goes further.
            let mut prefixed = vec![5, 0, 0, 0];
            prefixed.extend_from_slice(&garbage);
            assert!(verify(&vk, &public, &prefixed).is_err());
        }
    }
    for version in [0u8, 1, 2, 3, 4, 6] {
        assert_eq!(
            verify(&vk, &public, &[version, 0, 0, 0]).err(),
            Some(VerifyError::UnsupportedVersion)
        );
    }
    // A huge length prefix is refused before any allocation: version, one
    // segment without values, then 2^31 - 1 table heights; or one height, a
    // one-digest main cap, an empty aux cap, one claimed sum, a one-digest
    // quotient cap, then a count of table openings.
    let header = [5u8, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0];
    let mut huge = header.to_vec();
    huge.extend_from_slice(&[0xff, 0xff, 0xff, 0x7f]);
    huge.extend_from_slice(&[0u8; 200]);
    assert_eq!(decode_proof(&huge).err(), Some(VerifyError::LengthTooLarge));
    let mut huge = header.to_vec();
    huge.extend_from_slice(&[1, 0, 0, 0, 5, 0, 0, 0, 1, 0, 0, 0]);
    huge.extend_from_slice(&[0u8; 32]);
    huge.extend_from_slice(&[0, 0, 0, 0, 1, 0, 0, 0]);
    huge.extend_from_slice(&[0u8; 16]);
    huge.extend_from_slice(&[1, 0, 0, 0]);
    huge.extend_from_slice(&[0u8; 32]);
    huge.extend_from_slice(&[0xff, 0xff, 0xff, 0x7f]);
    huge.extend_from_slice(&[0u8; 200]);
    assert_eq!(decode_proof(&huge).err(), Some(VerifyError::LengthTooLarge));
    // Counts above the protocol's maxima (tables, queries) are refused even
    // when the bytes could hold them.
    let mut many = header.to_vec();
    many.extend_from_slice(&[65, 0, 0, 0]);
    many.extend_from_slice(&[0u8; 4 * 65 + 1000]);
    assert_eq!(decode_proof(&many).err(), Some(VerifyError::LengthTooLarge));
    // A non-canonical field element is refused by the decoder.
    let (_, _, bytes) = fib_proof(4);
    let proof = decode_proof(&bytes).unwrap();
    let mut non_canonical = bytes.clone();
    // The first OOD coefficient follows the version, the segment count, the
    // (empty) segment values, the one table height,
    // the main cap, the (empty) aux cap, the one claimed sum, the quotient
    // cap, the count of table openings and the length of the first vector.
    let cap_bytes = 4 + 32 * proof.main_commitment.len();
    assert_eq!(proof.aux_commitment.len(), 0);
    let at = 4 + 4 + 4 + 8 + cap_bytes + 4 + 20 + cap_bytes + 4 + 4;
    non_canonical[at..at + 4].copy_from_slice(&zkvm_verifier::field::P.to_le_bytes());
    assert_eq!(
        decode_proof(&non_canonical).err(),
        Some(VerifyError::NonCanonicalFieldElement)
    );
    // Segment counts: none, more than the protocol allows, more than the
    // bytes can hold.
    for count in [0u32, 65537, 1000] {
        let mut bytes = vec![5, 0, 0, 0];
        bytes.extend_from_slice(&count.to_le_bytes());
        bytes.extend_from_slice(&[0u8; 2000]);
        let limits = zkvm_verifier::protocol::proof::protocol_limits();
        let got = zkvm_verifier::protocol::proof::decode_segments_with_limits(&bytes, &limits);
        assert!(got.is_err(), "{count} segments");
    }
}
