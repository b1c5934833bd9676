//! Proof-of-work grinding against the transcript's current state.

use zkvm_verifier::transcript::Transcript;

use crate::hash_batch::pow_grind;

/// The smallest nonce meeting `bits` of proof of work (deterministic; the
/// nonces are hashed in parallel batches by hash_batch::pow_grind).
pub fn grind(transcript: &Transcript, bits: u32) -> u64 {
    let nonce = pow_grind(&transcript.state(), bits);
    // One scalar hash: the verifier's own check accepts the nonce.
    assert!(
        transcript.check_pow(nonce, bits),
        "batched proof-of-work search disagrees with the transcript"
    );
    nonce
}
