//! The algorithms of the benchmark guests (examples/fibonacci, sieve, sort,
//! sha256), in one `no_std` crate that the guests call and that `zkvm bench`
//! compiles for the host as their native baseline: one definition of each
//! algorithm, so the native time is the time of the very code the guest runs.
#![no_std]

extern crate alloc;
#[cfg(test)]
extern crate std;

pub mod fibonacci;
pub mod sha256;
pub mod sieve;
pub mod sort;
