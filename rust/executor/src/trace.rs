//! Optional per-step records, for trace generation (prover, test vectors).
//! Stepping with [`NoTrace`] compiles the recording away.

/// A data memory access performed by a load or store instruction.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct MemoryAccess {
    /// Byte address as computed by the instruction (aligned to `width`).
    pub addr: u32,
    /// 1, 2 or 4 bytes.
    pub width: u8,
    pub is_write: bool,
    /// Raw value read or written (zero-extended, before any sign extension).
    pub value: u32,
}

/// What one successfully executed instruction did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct StepRecord {
    /// Number of instructions executed before this one.
    pub cycle: u64,
    pub pc: u32,
    pub next_pc: u32,
    pub word: u32,
    /// Register indices as encoded; 0 where the format has no such field.
    pub rs1: u8,
    pub rs2: u8,
    pub rd: u8,
    /// Register values before execution.
    pub rs1_value: u32,
    pub rs2_value: u32,
    /// Value of `rd` after execution (always 0 for x0). For `ecall`, `rd` is
    /// a0 (x10) when the syscall returned a value in it.
    pub rd_value: u32,
    pub memory: Option<MemoryAccess>,
}

/// Receives a [`StepRecord`] after each executed instruction.
pub trait Tracer {
    /// When false, the executor skips building records entirely.
    const ENABLED: bool = true;
    fn on_step(&mut self, record: &StepRecord);
}

/// Records nothing (the fast path).
#[derive(Clone, Copy, Debug, Default)]
pub struct NoTrace;

impl Tracer for NoTrace {
    const ENABLED: bool = false;
    #[inline(always)]
    fn on_step(&mut self, _record: &StepRecord) {}
}

/// Collects every record.
impl Tracer for Vec<StepRecord> {
    fn on_step(&mut self, record: &StepRecord) {
        self.push(*record);
    }
}
