//! Commitments: the hash (the only module that calls SHA3-256) and Merkle trees.

pub mod hash;
pub mod merkle;
