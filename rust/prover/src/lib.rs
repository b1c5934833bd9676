//! Fast STARK prover for the protocol defined by `zkvm_verifier`.
//!
//! The verifier crate owns every shared definition (field encoding, Merkle
//! hashing, transcript, parameters, proof format, AIR constraints); this
//! crate only computes, using Plonky3's field and DFT code and rayon.
//! Pipeline (prove.rs): trace LDE and commitment, lookup challenges, the
//! auxiliary LogUp trace (logup.rs) and its commitment, alpha, quotient
//! (quotient.rs) and its commitment, zeta, OOD openings, gamma, DEEP
//! composition (deep.rs), FRI (fri.rs), proof of work (pow.rs), queries.
//! Merkle leaves and nodes and the proof of work are hashed in batches on a
//! vectorised Keccak (hash_batch.rs).

pub mod constraints;
pub mod deep;
pub mod fri;
pub mod hash_batch;
pub mod logup;
pub mod merkle;
pub mod mmcs;
pub mod poly;
pub mod pow;
pub mod profile;
pub mod prove;
pub mod quotient;
pub mod rv32im2;
pub mod tables;
pub mod trace;
pub mod types;
pub mod zk;

pub use prove::{
    check_constraints, commit_segment, prove, prove_one_segment, prove_proof, prove_segments,
    prove_segments_to_bytes, InMemorySource, ProveError, ProverOptions, SegmentHeader,
    SegmentSource, SegmentTraces,
};
#[doc(hidden)]
pub use prove::{prove_proof_with_hooks, prove_segments_with_hooks, prove_with_hooks, TestHooks};
