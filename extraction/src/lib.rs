//! The extraction of the Rust verifier into Lean: reads the crate's module tree (from `lib.rs`
//! and its `mod` declarations) and writes one Lean module per Rust module under
//! `Zkvm/Extracted/`. The subset and the semantics are documented in extraction/README.md.

pub mod body;
pub mod cfg;
pub mod consts;
pub mod emit;
pub mod model;
pub mod reject;
pub mod sig;
pub mod ty;

#[cfg(test)]
mod tests;

pub use emit::{extract, Extraction, HEADER};
pub use model::{DirTree, MemTree, SourceTree};
pub use reject::Reject;
