//! Machine state, loading a program into it, and the run loop.

use crate::code::CodeCache;
use crate::elf::Program;
use crate::error::ExecError;
use crate::layout::INITIAL_SP;
use crate::memory::Memory;
use crate::trace::{NoTrace, Tracer};

/// Resource limits for [`run`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    pub max_cycles: u64,
    pub max_input_len: usize,
}

impl Default for Limits {
    /// 2^30 cycles (tens of seconds of execution) and 64 MiB of input.
    fn default() -> Limits {
        Limits {
            max_cycles: 1 << 30,
            max_input_len: 64 << 20,
        }
    }
}

/// Final state of a program that called `exit`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RunResult {
    pub exit_code: u32,
    /// Bytes written to fd 1 (the public output).
    pub output: Vec<u8>,
    /// Executed instructions, including the final `ecall`.
    pub cycles: u64,
    pub regs: [u32; 32],
    /// Address of the `ecall` that exited.
    pub pc: u32,
}

/// Result of a single [`Machine::step`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StepOutcome {
    Continue,
    Halted { exit_code: u32 },
}

/// Complete architectural state of a running guest plus its I/O.
#[derive(Clone, Debug)]
pub struct Machine {
    pub(crate) pc: u32,
    pub(crate) regs: [u32; 32],
    pub(crate) memory: Memory,
    pub(crate) code: CodeCache,
    pub(crate) input: Vec<u8>,
    pub(crate) input_pos: usize,
    /// The private input (fd 3): read like fd 0 but not part of the result.
    pub(crate) private_input: Vec<u8>,
    pub(crate) private_pos: usize,
    pub(crate) output: Vec<u8>,
    pub(crate) debug_output: Vec<u8>,
    pub(crate) cycles: u64,
    pub(crate) exit_code: Option<u32>,
}

impl Machine {
    /// Loads `program` with `input` as the guest's fd 0. Registers are zero
    /// except `sp` = [`INITIAL_SP`]; `pc` = entry.
    pub fn new(program: &Program, input: &[u8]) -> Result<Machine, ExecError> {
        Machine::with_private_input(program, input, &[])
    }

    /// [`new`](Self::new) with `private_input` as the guest's fd 3 (read
    /// like fd 0; not part of the result or the statement).
    pub fn with_private_input(
        program: &Program,
        input: &[u8],
        private_input: &[u8],
    ) -> Result<Machine, ExecError> {
        program.validate().map_err(ExecError::InvalidProgram)?;
        let mut regs = [0; 32];
        regs[2] = INITIAL_SP;
        Ok(Machine {
            pc: program.entry,
            regs,
            memory: Memory::new(program),
            code: CodeCache::new(program),
            input: input.to_vec(),
            input_pos: 0,
            private_input: private_input.to_vec(),
            private_pos: 0,
            output: Vec::new(),
            debug_output: Vec::new(),
            cycles: 0,
            exit_code: None,
        })
    }

    pub fn pc(&self) -> u32 {
        self.pc
    }

    pub fn set_pc(&mut self, pc: u32) {
        self.pc = pc;
    }

    pub fn regs(&self) -> &[u32; 32] {
        &self.regs
    }

    /// Value of register `index & 31`.
    pub fn reg(&self, index: u8) -> u32 {
        self.regs[usize::from(index & 31)]
    }

    /// Sets register `index & 31`; writes to x0 are ignored.
    pub fn set_reg(&mut self, index: u8, value: u32) {
        if index & 31 != 0 {
            self.regs[usize::from(index & 31)] = value;
        }
    }

    pub fn memory(&self) -> &Memory {
        &self.memory
    }

    pub fn memory_mut(&mut self) -> &mut Memory {
        &mut self.memory
    }

    /// Instructions executed so far.
    pub fn cycles(&self) -> u64 {
        self.cycles
    }

    /// Bytes written to fd 1 so far (the public output).
    pub fn output(&self) -> &[u8] {
        &self.output
    }

    /// Bytes written to fd 2 so far, up to `MAX_OUTPUT_LEN` of them (debug
    /// output, not part of the result; later bytes are dropped).
    pub fn debug_output(&self) -> &[u8] {
        &self.debug_output
    }

    /// How many input bytes the guest has consumed.
    pub fn input_position(&self) -> usize {
        self.input_pos
    }

    /// How many private input (fd 3) bytes the guest has consumed.
    pub fn private_position(&self) -> usize {
        self.private_pos
    }

    /// The private input (fd 3).
    pub fn private_input(&self) -> &[u8] {
        &self.private_input
    }

    /// The exit code once the guest has called `exit`.
    pub fn exit_code(&self) -> Option<u32> {
        self.exit_code
    }

    pub fn is_halted(&self) -> bool {
        self.exit_code.is_some()
    }

    /// Executes one instruction. On a halted machine this does nothing and
    /// returns [`StepOutcome::Halted`] again. After an error the machine is
    /// left in its state before the failing instruction.
    #[inline]
    pub fn step(&mut self) -> Result<StepOutcome, ExecError> {
        self.step_with(&mut NoTrace)
    }

    /// Steps until the guest exits; fails with
    /// [`ExecError::CycleLimitExceeded`] if it has not exited once
    /// [`cycles`](Self::cycles) reaches `max_cycles`.
    pub fn run(&mut self, max_cycles: u64) -> Result<u32, ExecError> {
        self.run_with(max_cycles, &mut NoTrace)
    }

    /// [`run`](Self::run) with a tracer receiving every step.
    pub fn run_with<T: Tracer>(
        &mut self,
        max_cycles: u64,
        tracer: &mut T,
    ) -> Result<u32, ExecError> {
        if let Some(code) = self.exit_code {
            return Ok(code);
        }
        // pc and cycles live in locals here and are written back on exit.
        let (mut pc, mut cycles) = (self.pc, self.cycles);
        let result = loop {
            if cycles >= max_cycles {
                break Err(ExecError::CycleLimitExceeded { limit: max_cycles });
            }
            match self.execute_at(pc, cycles, tracer) {
                Ok((next_pc, outcome)) => {
                    pc = next_pc;
                    cycles += 1;
                    if let StepOutcome::Halted { exit_code } = outcome {
                        break Ok(exit_code);
                    }
                }
                Err(e) => break Err(e),
            }
        };
        self.pc = pc;
        self.cycles = cycles;
        result
    }

    /// Puts a freshly loaded machine where a run stood after `cycles`
    /// instructions (the prover resumes segments from checkpoints): the
    /// input consumed and the output written so far. Registers, pc and
    /// memory are set with [`set_reg`](Self::set_reg),
    /// [`set_pc`](Self::set_pc) and [`memory_mut`](Self::memory_mut).
    /// Returns false (and changes nothing) if `input_pos` is past the input.
    pub fn restore_progress(&mut self, cycles: u64, input_pos: usize, output: &[u8]) -> bool {
        if input_pos > self.input.len() {
            return false;
        }
        self.cycles = cycles;
        self.input_pos = input_pos;
        self.output = output.to_vec();
        true
    }

    /// Sets how many private input bytes the guest has consumed (a resumed
    /// segment, with [`restore_progress`](Self::restore_progress)). Returns
    /// false (and changes nothing) if `private_pos` is past the private input.
    pub fn restore_private_position(&mut self, private_pos: usize) -> bool {
        if private_pos > self.private_input.len() {
            return false;
        }
        self.private_pos = private_pos;
        true
    }

    /// The result of a halted machine (`None` while still running).
    pub fn result(&self) -> Option<RunResult> {
        Some(RunResult {
            exit_code: self.exit_code?,
            output: self.output.clone(),
            cycles: self.cycles,
            regs: self.regs,
            pc: self.pc,
        })
    }
}

/// Runs `program` on `input` until it exits, within `limits`.
pub fn run(program: &Program, input: &[u8], limits: &Limits) -> Result<RunResult, ExecError> {
    run_private(program, input, &[], limits)
}

/// [`run`] with `private_input` as fd 3 (each input within
/// `limits.max_input_len`).
pub fn run_private(
    program: &Program,
    input: &[u8],
    private_input: &[u8],
    limits: &Limits,
) -> Result<RunResult, ExecError> {
    for bytes in [input, private_input] {
        if bytes.len() > limits.max_input_len {
            return Err(ExecError::InputTooLarge {
                len: bytes.len(),
                max: limits.max_input_len,
            });
        }
    }
    let mut machine = Machine::with_private_input(program, input, private_input)?;
    machine.run(limits.max_cycles)?;
    let exit_code = machine.exit_code.unwrap_or_default();
    Ok(RunResult {
        exit_code,
        output: std::mem::take(&mut machine.output),
        cycles: machine.cycles,
        regs: machine.regs,
        pc: machine.pc,
    })
}
