//! Debug, Display, Error and equality for `VerifyError`, and Debug for table
//! ids, for tests and error messages. Not part of the extractable core.

use crate::error::{error_name, VerifyError};

impl core::fmt::Debug for VerifyError {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(error_name(self))
    }
}

impl core::fmt::Display for VerifyError {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(error_name(self))
    }
}

impl std::error::Error for VerifyError {}

impl PartialEq for VerifyError {
    fn eq(&self, other: &VerifyError) -> bool {
        error_name(self) == error_name(other)
    }
}

impl Eq for VerifyError {}

/// Table names for test messages.
impl core::fmt::Debug for crate::air::TableId {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        use crate::air::TableId;
        let name = match self {
            #[cfg(feature = "test-airs")]
            TableId::Fibonacci => "Fibonacci",
            #[cfg(feature = "test-airs")]
            TableId::CubicTest => "CubicTest",
            #[cfg(feature = "test-airs")]
            TableId::LookupTest => "LookupTest",
            #[cfg(feature = "test-airs")]
            TableId::SplitValues => "SplitValues",
            #[cfg(feature = "test-airs")]
            TableId::SplitNibbles => "SplitNibbles",
            TableId::Rv32Cpu => "Rv32Cpu",
            TableId::Rv32Range => "Rv32Range",
            TableId::Rv32Fixed => "Rv32Fixed",
            TableId::Rv32Alu => "Rv32Alu",
            TableId::Rv32Logic => "Rv32Logic",
            TableId::Rv32Boundary => "Rv32Boundary",
            TableId::Rv32Private => "Rv32Private",
            TableId::Rv32Mem => "Rv32Mem",
            TableId::Rv32Syscall => "Rv32Syscall",
            TableId::Rv32Io => "Rv32Io",
            TableId::Rv32Mul => "Rv32Mul",
            TableId::Rv32Div => "Rv32Div",
        };
        f.write_str(name)
    }
}
