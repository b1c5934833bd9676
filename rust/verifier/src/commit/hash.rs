//! SHA3-256: the only hash function of the protocol, and the only place it is called.

use sha3::{Digest as _, Sha3_256};

/// A 32-byte SHA3-256 digest.
pub type Digest = [u8; 32];

pub fn sha3_256(bytes: &[u8]) -> Digest {
    let out = Sha3_256::digest(bytes);
    let mut digest: Digest = [0u8; 32];
    digest.copy_from_slice(out.as_slice());
    digest
}
