//! Proof-of-work grinding against the transcript's current state.

use p3_maybe_rayon::prelude::*;
use zkvm_verifier::transcript::Transcript;

const BATCH: u64 = 1 << 12;

/// The smallest nonce meeting `bits` of proof of work (deterministic; searched in parallel batches).
pub fn grind(transcript: &Transcript, bits: u32) -> u64 {
    let mut start = 0u64;
    loop {
        let found = (start..start + BATCH)
            .into_par_iter()
            .find_first(|&nonce| transcript.check_pow(nonce, bits));
        if let Some(nonce) = found {
            return nonce;
        }
        start += BATCH;
    }
}
