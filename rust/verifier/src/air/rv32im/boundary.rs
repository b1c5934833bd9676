//! BOUNDARY: one row per memory cell the run touches (docs/air.md §7),
//! then padding (all zeros). A row sends the cell's initial value at
//! timestamp 0, MEM(space, addr, init, 0), and receives its final value and
//! the timestamp of its last access, MEM(space, addr, fin, fin_ts). An image
//! row (an initialised word: every register, ROM, RAM with file bytes)
//! looks its initial value up in the fixed table: it sends IMG(space, addr,
//! init), which FIXED receives; a zero row is a RAM
//! word of a zero interval [lo_j, hi_j) of the statement, with init = 0:
//! addr - lo_j and hi_j - 1 - addr are range-checked.
//!
//! Keys key = 2^28 space + addr strictly increase from row to row: the next
//! real row's key is key + 1 + gap, gap = g_lo + 2^14 g_hi with U16 lookups
//! of g_lo and g_hi, so 0 <= gap < 2^30 + 2^16 (the gap of a row to the one
//! before is in that row; the first row's is unconstrained and 0 in honest
//! traces). Every key is below 3 * 2^28 (an image word's address is the
//! fixed table's, below 2^28; a zero row's lies in an interval below 2^28),
//! so key + 1 + gap < p: the keys increase as integers and no cell has two
//! rows. Zero-interval offsets are e = e_lo + 2^12 e_hi with U16 lookups,
//! below 2^28 + 2^16.

use super::bus;
use super::expr::{add, konst, mul, neg, one, sub, zero, Selectors, E};

pub const B_IMG: usize = 0;
pub const B_ZERO: usize = 1;
pub const SPACE: usize = 2;
pub const ADDR: usize = 3;
pub const INIT_LO: usize = 4;
pub const INIT_HI: usize = 5;
pub const FIN_LO: usize = 6;
pub const FIN_HI: usize = 7;
pub const FIN_TS: usize = 8;
/// This row's key minus the previous row's, minus 1: g_lo + 2^14 g_hi.
pub const G_LO: usize = 9;
pub const G_HI: usize = 10;
/// Zero rows: which interval (one-hot, MAX_ZERO_INTERVALS of them).
pub const SEL0: usize = 11;
/// Zero rows: addr - lo = e1_lo + 2^12 e1_hi, hi - 1 - addr = e2_lo + 2^12 e2_hi.
pub const E1_LO: usize = 15;
pub const E1_HI: usize = 16;
pub const E2_LO: usize = 17;
pub const E2_HI: usize = 18;
pub const WIDTH: usize = 19;

/// Keys: 2^28 space + addr.
pub const KEY_SPACE_WEIGHT: u32 = 1 << 28;
/// Gaps: g_lo + 2^14 g_hi.
pub const GAP_HI_WEIGHT: u32 = 1 << 14;
/// Interval offsets: e_lo + 2^12 e_hi.
pub const OFFSET_HI_WEIGHT: u32 = 1 << 12;

/// The zero intervals among the public values (statement.rs; a test checks
/// them): interval j is (public[PV_ZERO0 + 2j], public[PV_ZERO0 + 2j + 1]).
pub const PV_ZERO0: usize = 7;
pub const MAX_ZERO_INTERVALS: usize = 4;

/// Public value: 1 in the last segment of a run (statement.rs PV_SEG_FINAL).
/// Only the last segment has boundary rows, so each cell of the whole run
/// has at most one (docs/air.md §8.1).
pub const PV_FINAL: usize = 19;
pub const NUM_CONSTRAINTS: usize = 16;
pub const MAX_DEGREE: u32 = 3;
pub const FRACTION_LENS: [usize; 9] = [
    bus::LEN_MEM,
    bus::LEN_MEM,
    bus::LEN_IMG,
    bus::LEN_U16,
    bus::LEN_U16,
    bus::LEN_U16,
    bus::LEN_U16,
    bus::LEN_U16,
    bus::LEN_U16,
];
/// Which fractions carry global messages (MEM, INPUT, OUTPUT, EXIT), shared by
/// every segment of a run; the others are local to their segment
/// (docs/protocol.md §5.1, segments).
pub const FRACTION_GLOBAL: [bool; 9] =
    [true, true, false, false, false, false, false, false, false];
pub const MIN_LOG_HEIGHT: u32 = 0;
pub const MAX_LOG_HEIGHT: u32 = 20;

fn boolean(x: &E) -> E {
    mul(x, &sub(x, &one()))
}

fn key(row: &[E]) -> E {
    add(&mul(&konst(KEY_SPACE_WEIGHT), &row[SPACE]), &row[ADDR])
}

fn is_real(row: &[E]) -> E {
    add(&row[B_IMG], &row[B_ZERO])
}

/// Caller guarantees local.len() == next.len() == WIDTH and public.len() >
/// PV_FINAL.
pub fn eval(local: &[E], next: &[E], public: &[E], sel: &Selectors, out: &mut Vec<E>) {
    // Booleans, image or zero row, not both [0-6].
    out.push(boolean(&local[B_IMG]));
    out.push(boolean(&local[B_ZERO]));
    let mut j = 0;
    while j < MAX_ZERO_INTERVALS {
        out.push(boolean(&local[SEL0 + j]));
        j += 1;
    }
    out.push(mul(&local[B_IMG], &local[B_ZERO]));
    // A zero row picks one interval [7]; it is a RAM word of value 0 [8-10].
    let mut picked = zero();
    j = 0;
    while j < MAX_ZERO_INTERVALS {
        picked = add(&picked, &local[SEL0 + j]);
        j += 1;
    }
    out.push(sub(&picked, &local[B_ZERO]));
    let zero_row = local[B_ZERO];
    out.push(mul(&zero_row, &sub(&local[SPACE], &konst(bus::SPACE_RAM))));
    out.push(mul(&zero_row, &local[INIT_LO]));
    out.push(mul(&zero_row, &local[INIT_HI]));
    // In the interval [11-12]: addr - lo = e1, hi - 1 - addr = e2.
    let e1 = add(&local[E1_LO], &mul(&konst(OFFSET_HI_WEIGHT), &local[E1_HI]));
    let e2 = add(&local[E2_LO], &mul(&konst(OFFSET_HI_WEIGHT), &local[E2_HI]));
    let mut low = zero();
    let mut high = zero();
    j = 0;
    while j < MAX_ZERO_INTERVALS {
        let lo = public[PV_ZERO0 + 2 * j];
        let hi = public[PV_ZERO0 + 2 * j + 1];
        let s = local[SEL0 + j];
        low = add(&low, &mul(&s, &sub(&sub(&local[ADDR], &lo), &e1)));
        let above = sub(&sub(&sub(&hi, &one()), &local[ADDR]), &e2);
        high = add(&high, &mul(&s, &above));
        j += 1;
    }
    out.push(low);
    out.push(high);
    // Transitions [13-14]: no real row after padding; keys increase.
    let real_next = is_real(next);
    let after_padding = mul(&sub(&one(), &is_real(local)), &real_next);
    out.push(mul(&sel.is_transition, &after_padding));
    let gap = add(&next[G_LO], &mul(&konst(GAP_HI_WEIGHT), &next[G_HI]));
    let step = sub(&sub(&sub(&key(next), &key(local)), &one()), &gap);
    out.push(mul(&sel.is_transition, &mul(&real_next, &step)));
    // Only the last segment [15].
    out.push(mul(&is_real(local), &sub(&one(), &public[PV_FINAL])));
}

fn u16_lookup(m: &E, v: &E, out: &mut Vec<E>) {
    out.push(*m);
    out.push(konst(bus::TAG_U16));
    out.push(*v);
}

/// Caller guarantees local.len() == WIDTH.
pub fn messages(local: &[E], out: &mut Vec<E>) {
    let real = is_real(local);
    // Send the initial value at timestamp 0.
    out.push(real);
    out.push(konst(bus::TAG_MEM));
    out.push(local[SPACE]);
    out.push(local[ADDR]);
    out.push(local[INIT_LO]);
    out.push(local[INIT_HI]);
    out.push(zero());
    // Receive the final value.
    out.push(neg(&real));
    out.push(konst(bus::TAG_MEM));
    out.push(local[SPACE]);
    out.push(local[ADDR]);
    out.push(local[FIN_LO]);
    out.push(local[FIN_HI]);
    out.push(local[FIN_TS]);
    // Image rows: the initial value is the image's (a lookup of the fixed
    // table, which FIXED receives).
    out.push(local[B_IMG]);
    out.push(konst(bus::TAG_IMG));
    out.push(local[SPACE]);
    out.push(local[ADDR]);
    out.push(local[INIT_LO]);
    out.push(local[INIT_HI]);
    // The key gap.
    u16_lookup(&real, &local[G_LO], out);
    u16_lookup(&real, &local[G_HI], out);
    // Zero rows: the offsets in the interval.
    let zero_row = local[B_ZERO];
    u16_lookup(&zero_row, &local[E1_LO], out);
    u16_lookup(&zero_row, &local[E1_HI], out);
    u16_lookup(&zero_row, &local[E2_LO], out);
    u16_lookup(&zero_row, &local[E2_HI], out);
}
