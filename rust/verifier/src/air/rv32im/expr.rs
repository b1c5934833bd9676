//! The names the tables of this folder compute with: the verifier's
//! (air/expr.rs). The prover compiles these table files against its own
//! `expr` (rust/prover/src/tables).

// Named one by one: the extraction resolves no glob imports.
pub use crate::air::expr::{add, konst, mul, neg, one, sub, zero, Selectors, E};
