//! Guest address-space layout. The STARK's memory argument follows these
//! constants, so change them only together with the prover.
//!
//! ```text
//! 0x0000_0000 ┬──────────────────────────────┐
//!             │ unmapped (null pointers trap) │
//!             ├──────────────────────────────┤ lowest PT_LOAD segment
//!             │ ELF segments:                 │  executable → read + execute
//!             │  (gaps between them unmapped) │  other      → read + write
//!  heap_start ├──────────────────────────────┤ = end of the highest segment
//!             │ heap ↑   (zero-initialised)   │  read + write, one region:
//!             │                               │  heap grows up, stack down,
//!             │ stack ↓                       │  nothing separates them
//!   STACK_TOP ├──────────────────────────────┤ = initial sp
//!             │ unmapped                      │
//! 0xffff_ffff ┴──────────────────────────────┘
//! ```
//!
//! Every mapped address is below `STACK_TOP` = 2^30, so addresses (and the
//! difference of two addresses) fit in any 31-bit prime field.

/// One past the highest mapped address; `sp` (x2) starts here (16-byte aligned).
pub const STACK_TOP: u32 = 0x4000_0000;

/// Initial value of `sp`.
pub const INITIAL_SP: u32 = STACK_TOP;

/// Segments must end at or below `STACK_TOP - MIN_STACK_SIZE`, so that at
/// least this much heap+stack space exists above the program.
pub const MIN_STACK_SIZE: u32 = 1 << 20;

/// Highest address (exclusive) a loaded segment may reach.
pub const SEGMENT_LIMIT: u32 = STACK_TOP - MIN_STACK_SIZE;

/// Granularity of the host-side sparse memory (not visible to the guest).
pub const PAGE_SIZE: u32 = 1 << PAGE_BITS;
pub(crate) const PAGE_BITS: u32 = 12;

/// Upper bound on the bytes a guest may `write` to fd 1 (a longer write is
/// refused), and on the bytes of fd 2 the machine keeps (the rest are
/// dropped); keeps a hostile guest from exhausting host memory.
pub const MAX_OUTPUT_LEN: usize = 256 << 20;
