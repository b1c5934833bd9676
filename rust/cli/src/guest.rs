//! Options shared by every command that executes a guest, and loading it.

use crate::error::CliError;
use clap::Args;
use std::path::{Path, PathBuf};
use zkvm_executor::{ExecError, Limits, Machine, Program};

#[derive(Args, Debug)]
pub struct GuestArgs {
    /// Guest program (static RV32IM ELF executable).
    #[arg(long, value_name = "FILE")]
    pub elf: PathBuf,
    /// File whose bytes the guest reads from fd 0 (default: no input).
    #[arg(long, value_name = "FILE")]
    pub input: Option<PathBuf>,
    /// File whose bytes the guest reads from fd 3, the private input
    /// (default: none).
    #[arg(long, value_name = "FILE")]
    pub private_input: Option<PathBuf>,
    /// Fail if the guest has not exited after this many instructions.
    #[arg(long, value_name = "N", default_value_t = Limits::default().max_cycles)]
    pub max_cycles: u64,
    /// Reject inputs longer than this many bytes.
    #[arg(long, value_name = "BYTES", default_value_t = Limits::default().max_input_len)]
    pub max_input: usize,
}

/// A program and its input, read and checked.
pub struct Guest {
    pub program: Program,
    pub input: Vec<u8>,
    pub private_input: Vec<u8>,
    pub max_cycles: u64,
}

fn read(what: &'static str, path: &Path) -> Result<Vec<u8>, CliError> {
    std::fs::read(path).map_err(|source| CliError::ReadFile {
        what,
        path: path.to_owned(),
        source,
    })
}

impl GuestArgs {
    pub fn load(&self) -> Result<Guest, CliError> {
        let elf = read("ELF file", &self.elf)?;
        let program = Program::from_elf(&elf).map_err(|source| CliError::InvalidElf {
            path: self.elf.clone(),
            source,
        })?;
        let input = match &self.input {
            Some(path) => read("input file", path)?,
            None => Vec::new(),
        };
        let private_input = match &self.private_input {
            Some(path) => read("private input file", path)?,
            None => Vec::new(),
        };
        for bytes in [&input, &private_input] {
            if bytes.len() > self.max_input {
                let source = ExecError::InputTooLarge {
                    len: bytes.len(),
                    max: self.max_input,
                };
                return Err(CliError::Execution { cycles: 0, source });
            }
        }
        Ok(Guest {
            program,
            input,
            private_input,
            max_cycles: self.max_cycles,
        })
    }
}

impl Guest {
    pub fn machine(&self) -> Result<Machine, CliError> {
        Machine::with_private_input(&self.program, &self.input, &self.private_input)
            .map_err(|source| CliError::Execution { cycles: 0, source })
    }

    /// Runs a fresh machine to completion; returns it halted.
    pub fn execute(&self) -> Result<Machine, CliError> {
        let mut machine = self.machine()?;
        machine
            .run(self.max_cycles)
            .map_err(|source| CliError::Execution {
                cycles: machine.cycles(),
                source,
            })?;
        Ok(machine)
    }
}
