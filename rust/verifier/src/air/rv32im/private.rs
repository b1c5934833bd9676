//! PRIVATE: the private input (fd 3) bytes a run reads, which are not part
//! of the statement (docs/air.md §7.3). Rows only in the last segment of a
//! run, like BOUNDARY (real · (1 - FINAL) = 0).
//!
//! Rows 0 .. n - 1 are real (real is 1 … 1 0 … 0) and send PRIV(j, byte)
//! with j = 0, 1, …, n - 1 (j = 0 on the first row, j' = j + real), each
//! byte looked up in U8. The first non-real row is the end row (end = 1
//! there and nowhere else; in the last segment it must exist, in the others
//! end is 0 on every row): it receives the final value of the private
//! cursor, MEM(IO, 2, j, 0, t_end) with j = n, so the cursor ends at the
//! number of bytes sent, and the fd-3 reads (SYSCALL, IO) receive exactly
//! the bytes 0 .. n - 1. plen, constant, is the private input's length: the
//! table sends PLEN(plen) with a free multiplicity mlen (0 outside the last
//! segment), the limit of every fd-3 read, and plen - n = r_lo + 2^16 r_hi
//! (U16(r_lo), U8(r_hi)) at the end row: n <= plen < n + 2^24.

use super::bus;
use super::expr::{add, konst, mul, neg, one, sub, Selectors, E};

pub const REAL: usize = 0;
/// The position of the row's byte (the number of real rows before it).
pub const J: usize = 1;
pub const BYTE: usize = 2;
pub const PLEN: usize = 3;
/// How many times PLEN(plen) is sent from this row.
pub const MLEN: usize = 4;
/// The first non-real row of the last segment's table.
pub const END: usize = 5;
/// The end row: the private cursor's last timestamp.
pub const T_END: usize = 6;
/// The end row: plen - j = r_lo + 2^16 r_hi.
pub const R_LO: usize = 7;
pub const R_HI: usize = 8;
pub const WIDTH: usize = 9;

/// Public value: 1 in the last segment of a run (statement.rs PV_SEG_FINAL).
pub const PV_FINAL: usize = 19;
pub const NUM_CONSTRAINTS: usize = 11;
pub const MAX_DEGREE: u32 = 3;
pub const FRACTION_LENS: [usize; 6] = [
    bus::LEN_PRIV,
    bus::LEN_U8,
    bus::LEN_PLEN,
    bus::LEN_MEM,
    bus::LEN_U16,
    bus::LEN_U8,
];
/// Which fractions carry global messages (PRIV, PLEN, MEM), shared by every
/// segment of a run; the others are local to their segment.
pub const FRACTION_GLOBAL: [bool; 6] = [true, false, true, true, false, false];
pub const MIN_LOG_HEIGHT: u32 = 0;
pub const MAX_LOG_HEIGHT: u32 = 20;
/// A private input is shorter than 2^24 bytes (plen - n < 2^24 by the
/// range checks of the end row; the prover refuses longer ones).
pub const MAX_PRIVATE_LEN: u32 = 1 << 24;

fn boolean(x: &E) -> E {
    mul(x, &sub(x, &one()))
}

/// Caller guarantees local.len() == next.len() == WIDTH and public.len() >
/// PV_FINAL.
pub fn eval(local: &[E], next: &[E], public: &[E], sel: &Selectors, out: &mut Vec<E>) {
    let real = local[REAL];
    let not_final = sub(&one(), &public[PV_FINAL]);
    // Booleans [0-1].
    out.push(boolean(&real));
    out.push(boolean(&local[END]));
    // The first row [2-3]: j = 0; end iff it is not real (last segment only).
    out.push(mul(&sel.is_first_row, &local[J]));
    let first_end = mul(&public[PV_FINAL], &sub(&one(), &real));
    out.push(mul(&sel.is_first_row, &sub(&local[END], &first_end)));
    // Transitions [4-7]: real never returns after a non-real row; j counts
    // the real rows; plen is constant; end marks the first non-real row.
    let step = sel.is_transition;
    out.push(mul(&step, &mul(&sub(&one(), &real), &next[REAL])));
    let count = sub(&sub(&next[J], &local[J]), &real);
    out.push(mul(&step, &count));
    out.push(mul(&step, &sub(&next[PLEN], &local[PLEN])));
    let drop = sub(&real, &next[REAL]);
    out.push(mul(&step, &sub(&next[END], &drop)));
    // Only the last segment sends bytes and the length [8-9].
    out.push(mul(&real, &not_final));
    out.push(mul(&local[MLEN], &not_final));
    // The end row: plen - j = r_lo + 2^16 r_hi [10].
    let rest = add(&local[R_LO], &mul(&konst(bus::LIMB), &local[R_HI]));
    let diff = sub(&sub(&local[PLEN], &local[J]), &rest);
    out.push(mul(&local[END], &diff));
}

/// Caller guarantees local.len() == WIDTH.
pub fn messages(local: &[E], out: &mut Vec<E>) {
    let real = local[REAL];
    let end = local[END];
    // Send PRIV(j, byte), the byte in U8.
    out.push(real);
    out.push(konst(bus::TAG_PRIV));
    out.push(local[J]);
    out.push(local[BYTE]);
    out.push(real);
    out.push(konst(bus::TAG_U8));
    out.push(local[BYTE]);
    // Send PLEN(plen), mlen times.
    out.push(local[MLEN]);
    out.push(konst(bus::TAG_PLEN));
    out.push(local[PLEN]);
    // The end row receives the private cursor's final value.
    out.push(neg(&end));
    out.push(konst(bus::TAG_MEM));
    out.push(konst(bus::SPACE_IO));
    out.push(konst(bus::IO_PRIVATE_CURSOR));
    out.push(local[J]);
    out.push(konst(0));
    out.push(local[T_END]);
    // plen - j < 2^24.
    out.push(end);
    out.push(konst(bus::TAG_U16));
    out.push(local[R_LO]);
    out.push(end);
    out.push(konst(bus::TAG_U8));
    out.push(local[R_HI]);
}
