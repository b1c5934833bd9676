//! IO: the bytes a read or write ECALL moves, one row per memory word
//! touched (docs/air.md §7.2). A row moves the lanes f..=e of word wa
//! (one-hot start S0..S3 and end T0..T3, f <= e): it receives IO(kind, clk,
//! 4 wa + f, base + f) and sends IO(kind, clk, 4 wa + e + 1, base + e + 1),
//! lane j's byte having position base + j. The SYSCALL row sends the chain's
//! start (buf, cur) and receives its end (buf + c, cur + c); every row's
//! address is an exact integer below 2^30 (wa is a memory cell, < 2^28) and
//! increases by 1..4 along the chain, so the rows of one ECALL cover
//! [buf, buf + c) exactly once, in order.
//!
//! The row accesses its word at port 3 (4 clk + 4; the words of one ECALL
//! are distinct, and distinct from the registers and cursors the SYSCALL row
//! accesses). The old word is u0..u3 (U8 each); the new word is n0..n3:
//! a read puts the input byte INPUT(base + j, n_j) in each moved lane (RAM
//! only) and keeps the others (a read of fd 3 likewise with the private
//! byte PRIV(base + j, n_j)); a write keeps the word and sends fd 1's bytes
//! as OUTPUT(base + j, u_j).

use super::bus;
use super::expr::{add, konst, mul, neg, one, sub, Selectors, E};

pub const K_READ: usize = 0;
pub const K_WRITE1: usize = 1;
pub const K_WRITE2: usize = 2;
pub const CLK: usize = 3;
pub const WA: usize = 4;
pub const ROM: usize = 5;
/// The position lane 0 would have.
pub const BASE: usize = 6;
/// Start lane S1..S3 (S0 = real - S1 - S2 - S3), last lane T1..T3 (likewise).
pub const S1: usize = 7;
pub const S2: usize = 8;
pub const S3: usize = 9;
pub const T1: usize = 10;
pub const T2: usize = 11;
pub const T3: usize = 12;
/// The old word's bytes.
pub const U0: usize = 13;
/// The new word's bytes.
pub const N0: usize = 17;
pub const PREV_TS: usize = 21;
pub const G_LO: usize = 22;
pub const G_HI: usize = 23;
/// A read of fd 3 (the private input).
pub const K_PRIV: usize = 24;
pub const WIDTH: usize = 25;

pub const NUM_CONSTRAINTS: usize = 25;
pub const MAX_DEGREE: u32 = 3;
pub const FRACTION_LENS: [usize; 14] = [
    bus::LEN_IO,
    bus::LEN_IO,
    bus::LEN_MEM,
    bus::LEN_MEM,
    bus::LEN_U16,
    bus::LEN_U16,
    bus::LEN_U8,
    bus::LEN_U8,
    bus::LEN_U8,
    bus::LEN_U8,
    bus::LEN_INPUT,
    bus::LEN_INPUT,
    bus::LEN_INPUT,
    bus::LEN_INPUT,
];
/// Which fractions carry global messages (MEM, INPUT, OUTPUT, PRIV), shared by
/// every segment of a run; the others are local to their segment
/// (docs/protocol.md §5.1, segments).
pub const FRACTION_GLOBAL: [bool; 14] = [
    false, false, true, true, false, false, false, false, false, false, true, true, true, true,
];
pub const MIN_LOG_HEIGHT: u32 = 0;
pub const MAX_LOG_HEIGHT: u32 = 20;

fn boolean(x: &E) -> E {
    mul(x, &sub(x, &one()))
}

/// 1 on every row that moves bytes.
pub fn is_real(local: &[E]) -> E {
    add(
        &add(&add(&local[K_READ], &local[K_WRITE1]), &local[K_WRITE2]),
        &local[K_PRIV],
    )
}

/// Reads of fd 0 or fd 3: the rows that write memory.
fn reads(local: &[E]) -> E {
    add(&local[K_READ], &local[K_PRIV])
}

/// The one-hot lanes [X0, X1, X2, X3] from the columns X1..X3.
fn one_hot(local: &[E], first: usize) -> [E; 4] {
    let x1 = local[first];
    let x2 = local[first + 1];
    let x3 = local[first + 2];
    let x0 = sub(&sub(&sub(&is_real(local), &x1), &x2), &x3);
    [x0, x1, x2, x3]
}

/// Σ j x_j.
fn lane_of(x: &[E; 4]) -> E {
    add(&add(&x[1], &mul(&konst(2), &x[2])), &mul(&konst(3), &x[3]))
}

/// M_j = [f <= j <= e] = Σ_{i<=j} S_i - Σ_{i<j} T_i (given f <= e).
fn moved(s: &[E; 4], t: &[E; 4]) -> [E; 4] {
    let m0 = s[0];
    let m1 = sub(&add(&s[0], &s[1]), &t[0]);
    let m2 = sub(&add(&add(&s[0], &s[1]), &s[2]), &add(&t[0], &t[1]));
    let m3 = t[3];
    [m0, m1, m2, m3]
}

fn timestamp(local: &[E]) -> E {
    add(
        &mul(&konst(bus::PORTS), &local[CLK]),
        &konst(bus::PORT_COPROCESSOR + 1),
    )
}

/// Caller guarantees local.len() == next.len() == WIDTH.
pub fn eval(local: &[E], _next: &[E], _public: &[E], _sel: &Selectors, out: &mut Vec<E>) {
    let real = is_real(local);
    let s = one_hot(local, S1);
    let t = one_hot(local, T1);
    let m = moved(&s, &t);
    // Booleans [0-11]: kinds, at most one; start and end lanes one-hot on
    // real rows, all 0 on padding.
    out.push(boolean(&local[K_READ]));
    out.push(boolean(&local[K_WRITE1]));
    out.push(boolean(&local[K_WRITE2]));
    out.push(boolean(&real));
    let mut j = 0;
    while j < 4 {
        out.push(boolean(&s[j]));
        j += 1;
    }
    j = 0;
    while j < 4 {
        out.push(boolean(&t[j]));
        j += 1;
    }
    // f <= e [12]: no end lane before the start lane.
    let late1 = add(&add(&s[1], &s[2]), &s[3]);
    let late2 = add(&s[2], &s[3]);
    let before = add(
        &add(&mul(&t[0], &late1), &mul(&t[1], &late2)),
        &mul(&t[2], &s[3]),
    );
    out.push(before);
    // Space [13-14]: reads write RAM.
    out.push(boolean(&local[ROM]));
    out.push(mul(&reads(local), &local[ROM]));
    // Writes keep the word [15-18]; reads keep the lanes not moved [19-22].
    let writes = add(&local[K_WRITE1], &local[K_WRITE2]);
    j = 0;
    while j < 4 {
        out.push(mul(&writes, &sub(&local[N0 + j], &local[U0 + j])));
        j += 1;
    }
    j = 0;
    while j < 4 {
        let kept = mul(&reads(local), &sub(&one(), &m[j]));
        out.push(mul(&kept, &sub(&local[N0 + j], &local[U0 + j])));
        j += 1;
    }
    // Causality [23].
    let gap = add(&local[G_LO], &mul(&konst(bus::LIMB), &local[G_HI]));
    let expected = sub(&sub(&timestamp(local), &local[PREV_TS]), &one());
    out.push(mul(&real, &sub(&gap, &expected)));
    // The private read kind is boolean [24].
    out.push(boolean(&local[K_PRIV]));
}

fn half(local: &[E], first: usize) -> E {
    add(&local[first], &mul(&konst(256), &local[first + 1]))
}

/// Caller guarantees local.len() == WIDTH.
pub fn messages(local: &[E], out: &mut Vec<E>) {
    let real = is_real(local);
    let s = one_hot(local, S1);
    let t = one_hot(local, T1);
    let m = moved(&s, &t);
    let f = lane_of(&s);
    let e = lane_of(&t);
    let kind = add(
        &add(
            &add(&local[K_READ], &mul(&konst(2), &local[K_WRITE1])),
            &mul(&konst(3), &local[K_WRITE2]),
        ),
        &mul(&konst(bus::IO_READ_PRIVATE), &local[K_PRIV]),
    );
    let word_start = mul(&konst(4), &local[WA]);
    // Receive IO(kind, clk, 4 wa + f, base + f), send IO(kind, clk,
    // 4 wa + e + 1, base + e + 1).
    out.push(neg(&real));
    out.push(konst(bus::TAG_IO));
    out.push(kind);
    out.push(local[CLK]);
    out.push(add(&word_start, &f));
    out.push(add(&local[BASE], &f));
    let after = add(&e, &one());
    out.push(real);
    out.push(konst(bus::TAG_IO));
    out.push(kind);
    out.push(local[CLK]);
    out.push(add(&word_start, &after));
    out.push(add(&local[BASE], &after));
    // The access.
    let space = add(&konst(bus::SPACE_RAM), &local[ROM]);
    out.push(neg(&real));
    out.push(konst(bus::TAG_MEM));
    out.push(space);
    out.push(local[WA]);
    out.push(half(local, U0));
    out.push(half(local, U0 + 2));
    out.push(local[PREV_TS]);
    out.push(real);
    out.push(konst(bus::TAG_MEM));
    out.push(space);
    out.push(local[WA]);
    out.push(half(local, N0));
    out.push(half(local, N0 + 2));
    out.push(timestamp(local));
    out.push(real);
    out.push(konst(bus::TAG_U16));
    out.push(local[G_LO]);
    out.push(real);
    out.push(konst(bus::TAG_U16));
    out.push(mul(&konst(bus::GAP_HI_SCALE), &local[G_HI]));
    // The old bytes.
    let mut j = 0;
    while j < 4 {
        out.push(real);
        out.push(konst(bus::TAG_U8));
        out.push(local[U0 + j]);
        j += 1;
    }
    // The moved bytes: a read receives INPUT(base + j, n_j) (fd 3:
    // PRIV(base + j, n_j)), a write to fd 1 sends OUTPUT(base + j, n_j)
    // (n = u there).
    let tag = add(
        &add(
            &mul(&konst(bus::TAG_INPUT), &local[K_READ]),
            &mul(&konst(bus::TAG_OUTPUT), &local[K_WRITE1]),
        ),
        &mul(&konst(bus::TAG_PRIV), &local[K_PRIV]),
    );
    let sign = sub(&local[K_WRITE1], &reads(local));
    j = 0;
    while j < 4 {
        out.push(mul(&sign, &m[j]));
        out.push(tag);
        out.push(add(&local[BASE], &konst(j as u32)));
        out.push(local[N0 + j]);
        j += 1;
    }
}
