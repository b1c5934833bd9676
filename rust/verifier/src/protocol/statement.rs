//! The statement a proof is about: the AIR's public values and the input and
//! output byte strings. All three are absorbed into the transcript before
//! any challenge (docs/protocol.md, section 9); the AIR may also turn them
//! into boundary terms of the LogUp bus (`air::boundary_messages`).

use crate::error::VerifyError;
use crate::field;

pub struct Statement {
    /// Public values: canonical base-field elements, as many as the AIR declares.
    pub public_values: Vec<u32>,
    /// Input bytes given to the program (empty for the test AIRs without I/O).
    pub input: Vec<u8>,
    /// Output bytes produced by the program.
    pub output: Vec<u8>,
}

/// The largest input or output the transcript's LE32 length prefix can encode.
pub const MAX_IO_BYTES: usize = 0xFFFF_FFFF;

/// Checks the public-value count and canonicity and the I/O lengths.
pub fn check_statement(statement: &Statement, num_public_values: usize) -> Result<(), VerifyError> {
    if statement.public_values.len() != num_public_values {
        return Err(VerifyError::WrongPublicValueCount);
    }
    let mut i = 0;
    while i < statement.public_values.len() {
        if !field::is_canonical(statement.public_values[i]) {
            return Err(VerifyError::NonCanonicalFieldElement);
        }
        i += 1;
    }
    if statement.input.len() > MAX_IO_BYTES || statement.output.len() > MAX_IO_BYTES {
        return Err(VerifyError::LengthTooLarge);
    }
    Ok(())
}
