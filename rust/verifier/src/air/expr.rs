//! The values a table's constraint and message functions compute with.
//!
//! Every table of the RV32IM machine is written once, in air/rv32im/, against
//! the names of this module (through its sibling `expr`): the type `E` and
//! the functions `add`, `sub`, `mul`, `neg`, `konst`, `zero`, `one`, and the
//! `Selectors` of its domain. Here `E` is an extension element, the type the
//! verifier evaluates at the out-of-domain point. The prover compiles the very
//! same files against its own `expr` modules, where `E` is a base-field element
//! or a vector of them (rust/prover/src/tables): one definition of each
//! constraint, evaluated by both.
//!
//! A table file provides
//!   `WIDTH`, `NUM_CONSTRAINTS`, `FRACTION_LENS` (the number of fields, tag
//!   included, of each of its LogUp messages),
//!   `eval(local, next, public, sel, out)`: pushes its constraint values,
//!   `messages(local, out)`: pushes, for each fraction in order, its
//!   multiplicity (positive for a send, negative for a receive) and then its
//!   message's fields, tag first.

use crate::field::extension::{self, Ext};

pub type E = Ext;

pub use crate::air::Selectors;

pub fn add(a: &E, b: &E) -> E {
    extension::add(a, b)
}

pub fn sub(a: &E, b: &E) -> E {
    extension::sub(a, b)
}

pub fn mul(a: &E, b: &E) -> E {
    extension::mul(a, b)
}

pub fn neg(a: &E) -> E {
    extension::neg(a)
}

/// The field element `value` (a canonical representative below p).
pub fn konst(value: u32) -> E {
    extension::from_base(value)
}

pub fn zero() -> E {
    extension::ZERO
}

pub fn one() -> E {
    extension::ONE
}
