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

    // --- Lookups (LogUp) and fixed tables ---
    /// A Merkle opening of the auxiliary (LogUp) commitment does not lead to the root.
    AuxMerkleMismatch,
    /// A fixed table has more rows than the trace.
    FixedTableTooLarge,
    /// The committed fingerprint column of a fixed table disagrees with the table at zeta.
    FixedTableMismatch,
    /// The claimed LogUp sum plus the boundary term of the statement is not zero.
    LookupSumMismatch,
    /// A proof has no segment, or more than the protocol allows.
    WrongSegmentCount,
    /// The segments' global fractions (summed over every segment's tables)
    /// could reach p, where a zero LogUp sum would no longer mean a balanced
    /// bus (docs/protocol.md §5.1).
    TooManyGlobalFractions,
    /// The segments' starts do not chain: the first is not at the entry and
    /// clk 0, or a start is not after the previous one, not before the
    /// claimed cycle count, or not a possible pc.
    SegmentChainBroken,

    // --- Internal arithmetic guards (unreachable for valid parameters) ---
    /// A size computation overflowed.
    ArithmeticOverflow,
    /// An index was out of bounds.
    IndexOutOfBounds,

    // --- Deriving the program (verifying key) from an ELF file ---
    // (`program::load_program`; each variant names the executor's
    // `ElfError`s it corresponds to: the same files are rejected.)
    /// Structurally broken ELF: a header, the program header table or a
    /// segment's bytes extend past the end of the file (executor `Truncated`),
    /// or a PT_LOAD has `p_filesz > p_memsz` (`FileSizeExceedsMemSize`).
    ElfMalformed,
    /// Not a static ELF32 little-endian RISC-V executable without compressed
    /// instructions: executor `BadMagic`, `NotElf32`, `NotLittleEndian`,
    /// `NotRiscV`, `NotExecutable`, `CompressedInstructions`,
    /// `BadProgramHeaderSize`, `DynamicallyLinked`.
    ElfUnsupported,
    /// The loaded segments do not fit the memory layout: executor
    /// `NoLoadableSegments`, `SegmentOutOfRange`, `Overlap` (two segments
    /// in one memory word included), `BadEntry`.
    ElfBadLayout,

    // --- RV32IM statements ---
    /// The claimed run's public data is inconsistent (input consumed beyond
    /// the input, an input of 2^30 bytes or more, an output beyond the
    /// executor's 256 MiB cap, a cycle count of 0 or beyond 2^27, lengths
    /// that disagree with the I/O bytes, more zero-initialised intervals than
    /// the AIR has).
    InvalidStatement,
    /// The ELF's executable words and initial data exceed the largest fixed
    /// table (2^20 rows); the executor may run it, but it cannot be proven.
    ProgramTooLarge,
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
        VerifyError::AuxMerkleMismatch => "AuxMerkleMismatch",
        VerifyError::FixedTableTooLarge => "FixedTableTooLarge",
        VerifyError::FixedTableMismatch => "FixedTableMismatch",
        VerifyError::LookupSumMismatch => "LookupSumMismatch",
        VerifyError::WrongSegmentCount => "WrongSegmentCount",
        VerifyError::TooManyGlobalFractions => "TooManyGlobalFractions",
        VerifyError::SegmentChainBroken => "SegmentChainBroken",
        VerifyError::ArithmeticOverflow => "ArithmeticOverflow",
        VerifyError::IndexOutOfBounds => "IndexOutOfBounds",
        VerifyError::ElfMalformed => "ElfMalformed",
        VerifyError::ElfUnsupported => "ElfUnsupported",
        VerifyError::ElfBadLayout => "ElfBadLayout",
        VerifyError::InvalidStatement => "InvalidStatement",
        VerifyError::ProgramTooLarge => "ProgramTooLarge",
    }
}
