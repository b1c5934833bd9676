//! Rejections: every construct outside the subset is reported with the file, the line and
//! the construct's name.

use proc_macro2::Span;
use std::fmt;

/// A construct the translator does not accept (or a translation failure), located in the
/// Rust sources.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reject {
    pub file: String,
    pub line: usize,
    pub column: usize,
    /// A short name for the construct, e.g. `closure`, `for loop`, `trait`.
    pub construct: String,
    pub detail: String,
}

impl fmt::Display for Reject {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}:{}: unsupported construct `{}`: {}",
            self.file, self.line, self.column, self.construct, self.detail
        )
    }
}

pub type Res<T> = Result<T, Reject>;

/// Builds a rejection at `span` of `file`.
pub fn reject<T>(file: &str, span: Span, construct: &str, detail: impl Into<String>) -> Res<T> {
    Err(reject_at(file, span, construct, detail))
}

pub fn reject_at(file: &str, span: Span, construct: &str, detail: impl Into<String>) -> Reject {
    let start = span.start();
    Reject {
        file: file.to_string(),
        line: start.line,
        column: start.column + 1,
        construct: construct.to_string(),
        detail: detail.into(),
    }
}
