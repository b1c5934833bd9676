//! The normative STARK verifier of the zkVM.
//!
//! This crate *defines* the protocol described in docs/protocol.md. It is
//! written in a small Rust subset so that it can be translated to Lean:
//! plain structs and enums, `while` loops, explicit `match` on every
//! `Result`, no traits, generics, closures, iterators, macros (but `vec!`),
//! floating point or `unsafe`, and no panics: every failure is a
//! `VerifyError`. Two modules sit outside that subset on purpose:
//! `hash` (calls the `sha3` crate) and `error_traits` (Debug/Display for
//! tests and messages).
//!
//! Module map, one concept each:
//! - field, extension: BabyBear and its quartic extension
//! - hash, merkle: SHA3-256 and the Merkle tree encoding
//! - transcript: Fiat-Shamir
//! - params, vk: protocol parameters and the verifying key
//! - air, air_fibonacci, air_cubic, air_lookup_test: the constraint systems
//! - logup: fingerprints, the LogUp auxiliary columns and constraints,
//!   the fixed-table and boundary checks
//! - statement: what is proven (public values, input and output bytes)
//! - air_rv32im, program, receipt: the RV32IM AIR (docs/air.md), the program
//!   table derived from an ELF, and receipts of runs
//! - program: the RV32IM program table, initial image and zero intervals
//!   derived from an ELF file (docs/air.md §3)
//! - domain: trace/LDE domains and selectors
//! - codec, proof: proof structure and byte format
//! - deep, fri: the DEEP-ALI composition and FRI
//! - stark: the verifier itself

// The subset deliberately spells out what clippy would shorten (`?`, `+=`,
// saturating helpers, Default impls): extraction wants the explicit forms.
#![allow(
    clippy::question_mark,
    clippy::assign_op_pattern,
    clippy::new_without_default,
    clippy::implicit_saturating_sub,
    clippy::too_many_arguments
)]

pub mod air;
pub mod air_cubic;
pub mod air_fibonacci;
pub mod air_lookup_test;
pub mod air_rv32im;
pub mod codec;
pub mod deep;
pub mod domain;
pub mod error;
pub mod error_traits;
pub mod extension;
pub mod field;
pub mod fri;
pub mod hash;
pub mod logup;
pub mod merkle;
pub mod params;
pub mod proof;
pub mod program;
pub mod receipt;
pub mod stark;
pub mod statement;
pub mod transcript;
pub mod vk;

pub use error::VerifyError;
pub use stark::{verify, verify_proof};
pub use statement::Statement;
