//! The typed failures of verification. Every way a proof can be rejected is one variant.

pub enum VerifyError {
    // --- Decoding the proof bytes ---
    /// The bytes ended before a field of the proof was complete.
    TruncatedProof,
    /// Bytes remain after the complete proof.
    TrailingBytes,
    /// The proof's format version is not the one this verifier implements.
    UnsupportedVersion,
    /// A field element in the proof or in the public values is not below p.
    NonCanonicalFieldElement,
    /// A length prefix is larger than the remaining bytes could hold.
    LengthTooLarge,

    // --- Statement and parameters ---
    /// The parameters in the verifying key are outside the supported range.
    InvalidParameters,
    /// The AIR's constraint degree needs more quotient chunks than the blowup allows.
    ConstraintDegreeTooHigh,
    /// The claimed trace length is outside the range the parameters support.
    InvalidTraceLength,
    /// The number of public values differs from what the AIR expects.
    WrongPublicValueCount,

    // --- Shape of the proof ---
    /// A vector in the proof has a length other than the protocol fixes.
    WrongProofShape,

    // --- Cryptographic checks ---
    /// A Merkle opening of the trace commitment does not lead to the root.
    TraceMerkleMismatch,
    /// A Merkle opening of the quotient commitment does not lead to the root.
    QuotientMerkleMismatch,
    /// A Merkle opening of a FRI layer commitment does not lead to the root.
    FriMerkleMismatch,
    /// The constraints evaluated at the out-of-domain point disagree with the quotient.
    OodConstraintMismatch,
    /// A query's folded value disagrees with the final polynomial.
    FriFinalPolynomialMismatch,
    /// The proof-of-work nonce does not meet the grinding target.
    InvalidProofOfWork,
    /// A Fiat-Shamir challenge hit a point where a division is undefined
    /// (probability about 2^-100; the proof is rejected).
    DegenerateChallenge,

    // --- Internal arithmetic guards (unreachable for valid parameters) ---
    /// A size computation overflowed.
    ArithmeticOverflow,
    /// An index was out of bounds.
    IndexOutOfBounds,
}

/// A stable short name for each error, for messages and tests.
pub fn error_name(e: &VerifyError) -> &'static str {
    match e {
        VerifyError::TruncatedProof => "TruncatedProof",
        VerifyError::TrailingBytes => "TrailingBytes",
        VerifyError::UnsupportedVersion => "UnsupportedVersion",
        VerifyError::NonCanonicalFieldElement => "NonCanonicalFieldElement",
        VerifyError::LengthTooLarge => "LengthTooLarge",
        VerifyError::InvalidParameters => "InvalidParameters",
        VerifyError::ConstraintDegreeTooHigh => "ConstraintDegreeTooHigh",
        VerifyError::InvalidTraceLength => "InvalidTraceLength",
        VerifyError::WrongPublicValueCount => "WrongPublicValueCount",
        VerifyError::WrongProofShape => "WrongProofShape",
        VerifyError::TraceMerkleMismatch => "TraceMerkleMismatch",
        VerifyError::QuotientMerkleMismatch => "QuotientMerkleMismatch",
        VerifyError::FriMerkleMismatch => "FriMerkleMismatch",
        VerifyError::OodConstraintMismatch => "OodConstraintMismatch",
        VerifyError::FriFinalPolynomialMismatch => "FriFinalPolynomialMismatch",
        VerifyError::InvalidProofOfWork => "InvalidProofOfWork",
        VerifyError::DegenerateChallenge => "DegenerateChallenge",
        VerifyError::ArithmeticOverflow => "ArithmeticOverflow",
        VerifyError::IndexOutOfBounds => "IndexOutOfBounds",
    }
}
