//! The RV32IM machine, version 2 (docs/air.md): a CPU table, coprocessor
//! tables, the memory boundary, the range table and the fixed table, joined
//! by one LogUp bus. Each table is one file written against `expr`, compiled
//! by the verifier here and by the prover with its own `expr`.

pub mod alu;
pub mod boundary;
pub mod bus;
pub mod cpu;
pub mod div;
pub mod expr;
pub mod fixed;
pub mod io;
pub mod logic;
pub mod mem;
pub mod mul;
pub mod private;
pub mod range;
pub mod statement;
pub mod syscall;
