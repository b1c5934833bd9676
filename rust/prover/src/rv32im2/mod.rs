//! Witness generation for the RV32IM machine, version 2 (docs/air.md):
//! one trace per table, from the executor's run.
//!
//! The run is replayed instruction by instruction, in order, against a shadow
//! memory (builder.rs) that hands out every access's previous value and
//! timestamp and counts every lookup. For instruction `clk` the CPU reads rs1
//! and rs2 (ports 0 and 1), the coprocessor of its op does its work and its
//! own accesses (port 3) and returns the instruction's result c, then the CPU
//! writes rd (port 2); the executor's record is checked against the replay.
//!
//! Table builders (one file each) keep their rows in a `TableRows`; padding
//! rows are all zeros unless a table says otherwise.

pub mod alu;
pub mod boundary;
pub mod builder;
pub mod cpu;
pub mod div;
pub mod logic;
pub mod mem;
pub mod mul;
pub mod plan;
pub mod private;
pub mod run;
pub mod syscall;

use p3_field::PrimeCharacteristicRing;
use p3_matrix::dense::RowMajorMatrix;

use crate::types::F;

#[derive(Debug)]
pub enum TraceError {
    /// The ELF does not load in the executor.
    Elf(zkvm_executor::ElfError),
    /// The execution traps or does not exit within the cycle limit.
    Exec(zkvm_executor::ExecError),
    /// The run is valid but exceeds what one proof can hold (rows, zero intervals).
    TooLarge(String),
    /// The executor and the replay disagree (a bug; never a valid proof).
    Inconsistent(String),
}

impl std::fmt::Display for TraceError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            TraceError::Elf(e) => write!(f, "the ELF does not load: {e}"),
            TraceError::Exec(e) => write!(f, "the program does not run to completion: {e}"),
            TraceError::TooLarge(s) => write!(f, "the run is too large to prove: {s}"),
            TraceError::Inconsistent(s) => write!(f, "internal error, trace replay disagrees: {s}"),
        }
    }
}

/// What the CPU sends a coprocessor (EXEC, docs/air.md §4), before the
/// coprocessor fills in c (and, for JALR, next_pc).
#[derive(Clone, Copy, Debug, Default)]
pub struct Request {
    /// OP_* + 64 for the immediate forms.
    pub op: u32,
    pub clk: u32,
    /// The values of rs1 and rs2.
    pub a: u32,
    pub b: u32,
    /// The program's immediate (a word).
    pub imm: u32,
    /// The pc of the instruction (for reference; not in the message).
    pub pc: u32,
    /// The executor's next pc (a coprocessor that sets it checks it).
    pub next_pc: u32,
}

/// The rows of one table under construction, as canonical u32 values.
pub struct TableRows {
    pub width: usize,
    pub values: Vec<u32>,
}

impl TableRows {
    pub fn new(width: usize) -> TableRows {
        TableRows {
            width,
            values: Vec::new(),
        }
    }

    pub fn len(&self) -> usize {
        self.values.len() / self.width
    }

    pub fn is_empty(&self) -> bool {
        self.values.is_empty()
    }

    /// Appends an all-zero row and returns it for filling.
    pub fn push(&mut self) -> &mut [u32] {
        let start = self.values.len();
        self.values.resize(start + self.width, 0);
        &mut self.values[start..]
    }

    /// The trace: these rows then zero rows up to max(next power of two,
    /// 2^min_log_height).
    pub fn into_matrix(mut self, min_log_height: u32) -> RowMajorMatrix<F> {
        let min_log_height = min_log_height.max(min_log_rows());
        let rows = self.len().max(1 << min_log_height).next_power_of_two();
        self.values.resize(rows * self.width, 0);
        let values = self.values.into_iter().map(F::from_u32).collect();
        RowMajorMatrix::new(values, self.width)
    }
}

/// The fewest rows (log2) of any RV32IM table: with zero knowledge, the
/// parameters' minimum (params::zk_min_log_height: the masked degree bound
/// n + z stays within 17/16 n).
pub fn min_log_rows() -> u32 {
    let params = zkvm_verifier::receipt::rv32im_params();
    if params.zk {
        zkvm_verifier::protocol::params::zk_min_log_height(&params)
    } else {
        0
    }
}
