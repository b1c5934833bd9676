//! Every failure the CLI reports, with a message naming what went wrong.

use std::fmt;
use std::io;
use std::path::PathBuf;
use zkvm_executor::{ElfError, ExecError};
use zkvm_verifier::error::error_name;
use zkvm_verifier::VerifyError;

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
    /// A result file may not or could not be written.
    Output {
        path: PathBuf,
        reason: String,
    },
    /// The run could not be proven (the message says why).
    Prove(String),
    /// The verifier does not accept the ELF as a program (no verifying key).
    Program {
        path: PathBuf,
        error: VerifyError,
    },
    /// The receipt was rejected.
    Verify {
        path: PathBuf,
        error: VerifyError,
    },
    /// The receipt is valid but does not claim what the user expected.
    Mismatch(String),
    /// `zkvm bench` could not complete a measurement.
    Bench(String),
    /// `zkvm new` cannot create the project (bad name, not a repository, ...).
    New(String),
    /// `zkvm build` cannot build the guest.
    Build(String),
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
            CliError::Output { path, reason } => {
                write!(f, "cannot write `{}`: {reason}", path.display())
            }
            CliError::Prove(message) => write!(f, "cannot prove: {message}"),
            CliError::Program { path, error } => write!(
                f,
                "the ELF file `{}` is rejected by the verifier: {} ({})",
                path.display(),
                error_name(error),
                explain(error)
            ),
            CliError::Verify { path, error } => write!(
                f,
                "verification of `{}` failed: {} ({})",
                path.display(),
                error_name(error),
                explain(error)
            ),
            CliError::Mismatch(message) => write!(f, "{message}"),
            CliError::Bench(message) => write!(f, "benchmark failed: {message}"),
            CliError::New(message) => write!(f, "cannot create the project: {message}"),
            CliError::Build(message) => write!(f, "cannot build the guest: {message}"),
        }
    }
}

impl std::error::Error for CliError {}

/// A human explanation of each verifier error, keyed by its stable name (so
/// that errors added to the verifier later still get a generic sentence).
pub fn explain(error: &VerifyError) -> &'static str {
    match error_name(error) {
        "TruncatedProof" => "the receipt or proof ends early: the file is truncated or not a receipt",
        "TrailingBytes" => "unexpected bytes follow the complete receipt",
        "UnsupportedVersion" => "not a zkvm receipt, or a format version this verifier does not implement",
        "NonCanonicalFieldElement" => "the proof contains a value that is not a valid field element",
        "LengthTooLarge" => "a length field is larger than the data that follows",
        "InvalidParameters" => "the proof parameters are outside the supported range",
        "ConstraintDegreeTooHigh" => "the constraint system needs a larger blowup than the parameters allow",
        "InvalidTraceLength" => "the claimed trace length is outside the supported range",
        "WrongPublicValueCount" => "the number of public values does not match the program's constraint system",
        "WrongProofShape" => "the proof's structure does not match this program and parameters",
        "TraceMerkleMismatch" => "an opening of the trace commitment is wrong: the receipt was altered",
        "QuotientMerkleMismatch" => "an opening of the quotient commitment is wrong: the receipt was altered",
        "FriMerkleMismatch" => "an opening of a FRI layer is wrong: the receipt was altered",
        "OodConstraintMismatch" => "the constraints do not hold at the random point: the receipt was altered, or its claim (input, output, exit code, cycles) is not what was proven",
        "FriFinalPolynomialMismatch" => "the FRI low-degree test failed: the receipt was altered",
        "InvalidProofOfWork" => "the proof-of-work check failed: the receipt was altered, or it is not a proof for this program (the verifying key, input and output are bound into every challenge)",
        "DegenerateChallenge" => "a random challenge hit a degenerate point (probability about 2^-100); the proof is rejected",
        "AuxMerkleMismatch" => "an opening of the lookup (LogUp) commitment is wrong: the receipt was altered",
        "FixedTableTooLarge" => "the program's table is larger than the trace",
        "FixedTableMismatch" => "the proof does not match this program's instructions and initial memory: it is for a different ELF",
        "LookupSumMismatch" => "the memory and I/O accesses do not balance: the claimed input, output or program do not match the proof",
        "ArithmeticOverflow" => "a size computation overflowed",
        "IndexOutOfBounds" => "an index in the proof is out of range",
        "ElfMalformed" => "the ELF file is structurally broken (truncated or inconsistent headers)",
        "ElfUnsupported" => "not a static 32-bit little-endian RISC-V executable without compressed instructions",
        "ElfBadLayout" => "the ELF's segments do not fit the zkVM memory layout",
        "ProgramTooLarge" => "the program's instructions and initial data are too large for one proof",
        "InvalidStatement" => "the claimed run is inconsistent (input read beyond its end, lengths or cycle count out of range)",
        _ => "the proof was rejected",
    }
}
