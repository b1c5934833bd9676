//! Debug, Display, Error and equality for `VerifyError`, for tests and
//! error messages. Not part of the extractable core.

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
