//! LOGIC: one row per EXEC request of AND, OR, XOR (and ANDI, ORI, XORI),
//! docs/air.md §4. Padding rows are all zeros.
//!
//! a and y (y = imm for the immediate forms, else b) are split into eight
//! nibbles each, low first; eight AND4 lookups give n_i = a_i AND y_i (and
//! prove a_i, y_i < 16). Per nibble, AND = n, OR = a + y - n, XOR =
//! a + y - 2 n, each below 16, so the result limbs assembled from them are
//! below 2^16 without a range lookup. The EXEC message's a limbs are the
//! nibble sums themselves (no a columns).
//!
//! Nibbles rather than bytes: a byte-AND table would halve the lookups (4
//! fractions instead of 8, 12 columns fewer: about 20 cells per row less)
//! but add 2^16 rows to the fixed table of every program, which every proof
//! pays for (a FIXED table of at least 2^17 rows) and the verifier too (the
//! fixed table's fingerprint at the out-of-domain point).

use super::bus;
use super::expr::{add, konst, mul, neg, one, sub, zero, Selectors, E};

pub const F_XOR: usize = 0;
pub const F_OR: usize = 1;
pub const F_AND: usize = 2;
/// 1 for XORI, ORI, ANDI: y = imm and op + 64.
pub const USE_IMM: usize = 3;
pub const CLK: usize = 4;
pub const B_LO: usize = 5;
pub const B_HI: usize = 6;
pub const C_LO: usize = 7;
pub const C_HI: usize = 8;
pub const IMM_LO: usize = 9;
pub const IMM_HI: usize = 10;
pub const NEXT_PC: usize = 11;
/// Nibbles of a (A0 + i, i = 0..8, low first), of y, and their ANDs.
pub const A0: usize = 12;
pub const Y0: usize = 20;
pub const N0: usize = 28;
pub const WIDTH: usize = 36;

pub const FLAGS: [usize; 3] = [F_XOR, F_OR, F_AND];
/// OP_XOR, OP_OR, OP_AND of receipt/program.rs (a test checks them).
pub const OPS: [u32; 3] = [23, 26, 27];

pub const NUM_CONSTRAINTS: usize = 10;
pub const MAX_DEGREE: u32 = 2;
pub const FRACTION_LENS: [usize; 9] = [
    bus::LEN_EXEC,
    bus::LEN_AND4,
    bus::LEN_AND4,
    bus::LEN_AND4,
    bus::LEN_AND4,
    bus::LEN_AND4,
    bus::LEN_AND4,
    bus::LEN_AND4,
    bus::LEN_AND4,
];
/// Every fraction is local to its segment (docs/protocol.md §5.1).
pub const FRACTION_GLOBAL: [bool; 9] = [false; 9];
pub const MIN_LOG_HEIGHT: u32 = 0;
pub const MAX_LOG_HEIGHT: u32 = 20;

fn boolean(x: &E) -> E {
    mul(x, &sub(x, &one()))
}

fn is_real(local: &[E]) -> E {
    add(&add(&local[F_XOR], &local[F_OR]), &local[F_AND])
}

/// The limb of four nibbles from column `first`: sum 16^i x_{first + i}.
fn limb(local: &[E], first: usize) -> E {
    let mut acc = zero();
    let mut i = 4;
    while i > 0 {
        i -= 1;
        acc = add(&mul(&acc, &konst(16)), &local[first + i]);
    }
    acc
}

/// The result limb of nibbles first..first + 4 (degree 2).
fn result_limb(local: &[E], first: usize) -> E {
    let a = limb(local, A0 + first);
    let y = limb(local, Y0 + first);
    let n = limb(local, N0 + first);
    let a_plus_y = add(&a, &y);
    let and = mul(&local[F_AND], &n);
    let or = mul(&local[F_OR], &sub(&a_plus_y, &n));
    let xor = mul(&local[F_XOR], &sub(&a_plus_y, &mul(&konst(2), &n)));
    add(&add(&and, &or), &xor)
}

/// Caller guarantees local.len() == WIDTH.
pub fn eval(local: &[E], _next: &[E], _public: &[E], _sel: &Selectors, out: &mut Vec<E>) {
    // Booleans, at most one op, the immediate form only on a real row [0-5].
    let real = is_real(local);
    let mut f = 0;
    while f < FLAGS.len() {
        out.push(boolean(&local[FLAGS[f]]));
        f += 1;
    }
    out.push(boolean(&local[USE_IMM]));
    out.push(boolean(&real));
    out.push(mul(&local[USE_IMM], &sub(&one(), &real)));
    // y's nibbles are b's, or imm's for the immediate forms [6-7].
    let u = local[USE_IMM];
    let y_lo = add(&local[B_LO], &mul(&u, &sub(&local[IMM_LO], &local[B_LO])));
    let y_hi = add(&local[B_HI], &mul(&u, &sub(&local[IMM_HI], &local[B_HI])));
    out.push(sub(&y_lo, &limb(local, Y0)));
    out.push(sub(&y_hi, &limb(local, Y0 + 4)));
    // c from the nibbles [8-9].
    out.push(sub(&local[C_LO], &result_limb(local, 0)));
    out.push(sub(&local[C_HI], &result_limb(local, 4)));
}

/// Caller guarantees local.len() == WIDTH.
pub fn messages(local: &[E], out: &mut Vec<E>) {
    let real = is_real(local);
    let mut op = mul(&konst(bus::IMM_OP_OFFSET), &local[USE_IMM]);
    let mut f = 0;
    while f < FLAGS.len() {
        op = add(&op, &mul(&konst(OPS[f]), &local[FLAGS[f]]));
        f += 1;
    }
    // Receive EXEC.
    out.push(neg(&real));
    out.push(konst(bus::TAG_EXEC));
    out.push(op);
    out.push(local[CLK]);
    out.push(limb(local, A0));
    out.push(limb(local, A0 + 4));
    out.push(local[B_LO]);
    out.push(local[B_HI]);
    out.push(local[C_LO]);
    out.push(local[C_HI]);
    out.push(local[IMM_LO]);
    out.push(local[IMM_HI]);
    out.push(local[NEXT_PC]);
    // AND4 per nibble.
    let mut i = 0;
    while i < 8 {
        out.push(real);
        out.push(konst(bus::TAG_AND4));
        out.push(local[A0 + i]);
        out.push(local[Y0 + i]);
        out.push(local[N0 + i]);
        i += 1;
    }
}
