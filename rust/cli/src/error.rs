//! Every failure the CLI reports, with a message naming what went wrong.

use std::fmt;
use std::io;
use std::path::PathBuf;
use zkvm_executor::{ElfError, ExecError};

#[derive(Debug)]
pub enum CliError {
    /// A file could not be read; `what` says which (e.g. "ELF file").
    ReadFile {
        what: &'static str,
        path: PathBuf,
        source: io::Error,
    },
    InvalidElf {
        path: PathBuf,
        source: ElfError,
    },
    /// The guest trapped or ran out of cycles after `cycles` instructions.
    Execution {
        cycles: u64,
        source: ExecError,
    },
    /// Writing the guest's output to our stdout failed.
    WriteOutput(io::Error),
}

impl fmt::Display for CliError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CliError::ReadFile { what, path, source } => {
                write!(f, "cannot read {what} `{}`: {source}", path.display())
            }
            CliError::InvalidElf { path, source } => {
                write!(f, "invalid ELF file `{}`: {source}", path.display())
            }
            CliError::Execution { cycles, source } => {
                write!(f, "execution failed after {cycles} cycles: {source}")
            }
            CliError::WriteOutput(source) => write!(f, "cannot write guest output: {source}"),
        }
    }
}

impl std::error::Error for CliError {}
