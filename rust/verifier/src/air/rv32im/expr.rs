//! The names the tables of this folder compute with: the verifier's
//! (air/expr.rs). The prover compiles these table files against its own
//! `expr` (rust/prover/src/tables).

pub use crate::air::expr::*;
