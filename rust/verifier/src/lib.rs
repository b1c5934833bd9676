//! The normative STARK verifier of the zkVM.
//!
//! This crate *defines* the protocol described in docs/protocol.md. It is
//! written in a small Rust subset so that it can be translated to Lean:
//! plain structs and enums, `while` loops, explicit `match` on every
//! `Result`, no traits, generics, closures, iterators, macros (but `vec!`),
//! floating point or `unsafe`, and no panics: every failure is a
//! `VerifyError`. Two modules sit outside that subset on purpose:
//! `commit::hash` (calls the `sha3` crate) and `error_traits` (Debug/Display
//! for tests and messages).
//!
//! Folders by concept (the generated Lean, lean/Zkvm/Extracted, mirrors them):
//! - field: BabyBear (`field`) and its quartic extension (`field::extension`)
//! - commit: SHA3-256 (`commit::hash`, the only module calling the `sha3`
//!   crate) and Merkle trees (`commit::merkle`)
//! - transcript: Fiat-Shamir
//! - fri: FRI folding and query checks
//! - protocol: parameters, domains and selectors, the proof and its byte
//!   format, LogUp, DEEP, the verifying key, the statement, and the verifier
//!   (`protocol::stark`)
//! - air: the constraint systems and the one place that dispatches on them;
//!   `air::test` holds small AIRs for the prover's tests, compiled only with
//!   the `test-airs` feature
//! - receipt: receipts of RV32IM runs, and the program table, image and zero
//!   intervals derived from an ELF (`receipt::program`)

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
pub mod commit;
pub mod error;
pub mod error_traits;
pub mod field;
pub mod fri;
pub mod protocol;
pub mod receipt;
pub mod transcript;

pub use error::VerifyError;
pub use protocol::stark::{verify, verify_segments};
pub use protocol::statement::Statement;
