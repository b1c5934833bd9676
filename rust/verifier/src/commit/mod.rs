//! Commitments: the hash (the only module that calls SHA3-256), Merkle trees,
//! and trees committing to several matrices of different heights (mmcs).

pub mod hash;
pub mod merkle;
pub mod mmcs;
