//! DIV: one row per EXEC request of DIV, DIVU, REM, REMU, docs/air.md §4.
//! Padding rows are all zeros.
//!
//! A row holds the quotient q (bytes Q0..Q3), the divisor y = b (bytes
//! Y0..Y3) and the remainder r (limbs), and proves, signed for DIV and REM
//! and unsigned for DIVU and REMU,
//!   a = q'·y + r'  exactly, as integers,
//! where q' = q - 2^32 sq, r' = r - 2^32 sr, and y, a are read signed or
//! unsigned (sign bits sy, sa); then, unless y = 0 (yz), |r'| < |y|; and r'
//! is 0 or has a's sign. So q' is the truncated quotient and r' the
//! remainder, and c = q or r.
//!
//! The identity is one 64-bit byte convolution, as MUL's (mul.rs) but with
//! r and a inside the limb equations, so no product limbs are committed:
//!   C_{2m} + 256 C_{2m+1} + R_m + κ_{m-1} = A_m + 2^16 κ_m,
//! C_k = Σ_{i+j=k} Q_i Y_j over the sign-extended bytes (Q_i = 255 sq,
//! Y_j = 255 sy for i, j ≥ 4), R = (r_lo, r_hi, 0xFFFF sr, 0xFFFF sr), A the
//! same of a with sa. With U16(κ_m) and U16(4 Σ κ_m) both sides are below p
//! (left < 2^28, right < 2^16 + 2^30), so q̃·ỹ + r̃ ≡ ã (mod 2^64) for the
//! 64-bit extensions; |q'| ≤ 2^32, |y|, |r'|, |a| < 2^32 and, signed,
//! |y| ≤ 2^31 make |q'·y + r' - a| < 2^64, so the identity is exact.
//!
//! Signs: sa and sy are the top bits of a and y (U16(2 (a_hi - 2^15 sa)),
//! U8(Y3 - 256 sy + 128)) on signed rows and 0 on unsigned ones. sq is free
//! on signed rows (q' = q or q - 2^32, whichever the exact identity allows;
//! the overflow -2^31 / -1 = 2^31 takes sq = 0 and so gives q = 0x8000_0000,
//! r = 0 as RV32IM says). sr is 0 or sa, and r = 0 when sr ≠ sa: so r' is 0
//! or has a's sign.
//!
//! Remainder bound (rows with yz = 0): |r'| + 1 + d = |y| with d = d_lo +
//! 2^16 d_hi ≥ 0 (U16 each), in limbs: |y| = L_y + 2^16 H_y with L_y =
//! y_lo (1 - 2 sy), H_y = y_hi (1 - 2 sy) + 2^16 sy (and r' the same with
//! sr), and a borrow β, U8(β + 1), honest β ∈ {-1, 0, 1, 2}.
//!
//! Division by zero: yz = 1 only if y's bytes are all 0; then q = 0xFFFF_FFFF
//! and the identity gives r' = a, so r = a. When y = 0 the bound cannot hold
//! (|r'| + 1 + d = 0), so yz = 0 is impossible there.

use super::bus;
use super::expr::{add, konst, mul, neg, one, sub, zero, Selectors, E};

pub const F_DIV: usize = 0;
pub const F_DIVU: usize = 1;
pub const F_REM: usize = 2;
pub const F_REMU: usize = 3;
pub const CLK: usize = 4;
pub const IMM_LO: usize = 5;
pub const IMM_HI: usize = 6;
pub const NEXT_PC: usize = 7;
pub const A_LO: usize = 8;
pub const A_HI: usize = 9;
/// a's top bit on signed rows.
pub const SA: usize = 10;
/// Bytes of q (Q0 + i, low first).
pub const Q0: usize = 11;
/// q' = q - 2^32 sq.
pub const SQ: usize = 15;
/// Bytes of y = b; b_lo = Y0 + 256 Y1, b_hi = Y2 + 256 Y3.
pub const Y0: usize = 16;
/// y's top bit on signed rows.
pub const SY: usize = 20;
pub const R_LO: usize = 21;
pub const R_HI: usize = 22;
/// r' = r - 2^32 sr.
pub const SR: usize = 23;
pub const C_LO: usize = 24;
pub const C_HI: usize = 25;
/// Carries κ_0..κ_3 of the limb equations.
pub const K0: usize = 26;
/// y = 0.
pub const YZ: usize = 30;
/// d = |y| - |r'| - 1 in limbs, and the borrow between them.
pub const D_LO: usize = 31;
pub const D_HI: usize = 32;
pub const BETA: usize = 33;
pub const WIDTH: usize = 34;

pub const FLAGS: [usize; 4] = [F_DIV, F_DIVU, F_REM, F_REMU];
/// OP_DIV, OP_DIVU, OP_REM, OP_REMU of receipt/program.rs (a test checks them).
pub const OPS: [u32; 4] = [32, 33, 34, 35];

pub const NUM_CONSTRAINTS: usize = 24;
pub const MAX_DEGREE: u32 = 3;
pub const FRACTION_LENS: [usize; 20] = [
    bus::LEN_EXEC,
    bus::LEN_U16,
    bus::LEN_U8,
    bus::LEN_U8,
    bus::LEN_U8,
    bus::LEN_U8,
    bus::LEN_U8,
    bus::LEN_U8,
    bus::LEN_U8,
    bus::LEN_U8,
    bus::LEN_U16,
    bus::LEN_U16,
    bus::LEN_U16,
    bus::LEN_U16,
    bus::LEN_U16,
    bus::LEN_U16,
    bus::LEN_U16,
    bus::LEN_U16,
    bus::LEN_U16,
    bus::LEN_U8,
];
/// Every fraction is local to its segment (docs/protocol.md §5.1).
pub const FRACTION_GLOBAL: [bool; 20] = [false; 20];
pub const MIN_LOG_HEIGHT: u32 = 0;
pub const MAX_LOG_HEIGHT: u32 = 20;

fn boolean(x: &E) -> E {
    mul(x, &sub(x, &one()))
}

fn is_real(local: &[E]) -> E {
    add(
        &add(&local[F_DIV], &local[F_DIVU]),
        &add(&local[F_REM], &local[F_REMU]),
    )
}

/// DIV, REM.
fn signed(local: &[E]) -> E {
    add(&local[F_DIV], &local[F_REM])
}

/// DIV, DIVU: c = q.
fn quotient(local: &[E]) -> E {
    add(&local[F_DIV], &local[F_DIVU])
}

/// REM, REMU: c = r.
fn remainder(local: &[E]) -> E {
    add(&local[F_REM], &local[F_REMU])
}

/// The remainder bound is checked: a real row with y ≠ 0.
fn compares(local: &[E]) -> E {
    sub(&is_real(local), &local[YZ])
}

/// lo + 256 hi.
fn pair(lo: &E, hi: &E) -> E {
    add(lo, &mul(&konst(256), hi))
}

/// The eight bytes of a factor: four columns from `first`, then four times
/// 255 times the sign column.
fn factor(local: &[E], first: usize, sign: usize) -> Vec<E> {
    let ext = mul(&konst(255), &local[sign]);
    vec![
        local[first],
        local[first + 1],
        local[first + 2],
        local[first + 3],
        ext,
        ext,
        ext,
        ext,
    ]
}

/// The four limbs of a word sign-extended to 64 bits.
fn limbs(local: &[E], lo: usize, hi: usize, sign: usize) -> Vec<E> {
    let ext = mul(&konst(0xFFFF), &local[sign]);
    vec![local[lo], local[hi], ext, ext]
}

/// C_k = Σ_{i+j=k} x_i y_j (degree 2).
fn convolution(x: &[E], y: &[E], k: usize) -> E {
    let mut acc = zero();
    let mut i = 0;
    while i <= k {
        acc = add(&acc, &mul(&x[i], &y[k - i]));
        i += 1;
    }
    acc
}

/// (L, H) of |v| for v = lo + 2^16 hi read with sign bit s: L = lo (1 - 2s),
/// H = hi (1 - 2s) + 2^16 s, so |v| = L + 2^16 H (degree 2).
fn magnitude(lo: &E, hi: &E, s: &E) -> (E, E) {
    let flip = sub(&one(), &mul(&konst(2), s));
    let l = mul(lo, &flip);
    let h = add(&mul(hi, &flip), &mul(&konst(bus::LIMB), s));
    (l, h)
}

/// Caller guarantees local.len() == WIDTH.
pub fn eval(local: &[E], _next: &[E], _public: &[E], _sel: &Selectors, out: &mut Vec<E>) {
    let real = is_real(local);
    let sgn = signed(local);
    // Booleans, at most one op [0-4].
    let mut f = 0;
    while f < FLAGS.len() {
        out.push(boolean(&local[FLAGS[f]]));
        f += 1;
    }
    out.push(boolean(&real));
    // Signs [5-9]: sa, sy, sq boolean and 0 on unsigned rows; sr is 0 or sa,
    // and r = 0 when it differs from sa.
    out.push(mul(&local[SA], &sub(&sgn, &local[SA])));
    out.push(mul(&local[SY], &sub(&sgn, &local[SY])));
    out.push(mul(&local[SQ], &sub(&sgn, &local[SQ])));
    out.push(mul(&local[SR], &sub(&local[SA], &local[SR])));
    let r_sum = add(&local[R_LO], &local[R_HI]);
    out.push(mul(&sub(&local[SA], &local[SR]), &r_sum));
    // Division by zero [10-13]: yz boolean, only on real rows, only for
    // y = 0; then q = 0xFFFF_FFFF.
    let yz = local[YZ];
    out.push(mul(&yz, &sub(&real, &yz)));
    let y_sum = add(
        &add(&local[Y0], &local[Y0 + 1]),
        &add(&local[Y0 + 2], &local[Y0 + 3]),
    );
    out.push(mul(&yz, &y_sum));
    let q_lo = pair(&local[Q0], &local[Q0 + 1]);
    let q_hi = pair(&local[Q0 + 2], &local[Q0 + 3]);
    out.push(mul(&yz, &sub(&q_lo, &konst(0xFFFF))));
    out.push(mul(&yz, &sub(&q_hi, &konst(0xFFFF))));
    // The result [14-17]: q for DIV, DIVU; r for REM, REMU.
    let quot = quotient(local);
    let rem = remainder(local);
    out.push(mul(&quot, &sub(&local[C_LO], &q_lo)));
    out.push(mul(&quot, &sub(&local[C_HI], &q_hi)));
    out.push(mul(&rem, &sub(&local[C_LO], &local[R_LO])));
    out.push(mul(&rem, &sub(&local[C_HI], &local[R_HI])));
    // q'·y + r' = a, limb by limb [18-21].
    let q = factor(local, Q0, SQ);
    let y = factor(local, Y0, SY);
    let r = limbs(local, R_LO, R_HI, SR);
    let a = limbs(local, A_LO, A_HI, SA);
    let mut carry = zero();
    let mut m = 0;
    while m < 4 {
        let conv = add(
            &convolution(&q, &y, 2 * m),
            &mul(&konst(256), &convolution(&q, &y, 2 * m + 1)),
        );
        let lhs = add(&add(&conv, &r[m]), &carry);
        let next = local[K0 + m];
        let rhs = add(&a[m], &mul(&konst(bus::LIMB), &next));
        out.push(sub(&lhs, &rhs));
        carry = next;
        m += 1;
    }
    // |r'| + 1 + d = |y| when y ≠ 0 [22-23].
    let cmp = compares(local);
    let y_lo = pair(&local[Y0], &local[Y0 + 1]);
    let y_hi = pair(&local[Y0 + 2], &local[Y0 + 3]);
    let (ly, hy) = magnitude(&y_lo, &y_hi, &local[SY]);
    let (lr, hr) = magnitude(&local[R_LO], &local[R_HI], &local[SR]);
    let beta = local[BETA];
    let low = sub(
        &add(&add(&lr, &one()), &local[D_LO]),
        &add(&ly, &mul(&konst(bus::LIMB), &beta)),
    );
    out.push(mul(&cmp, &low));
    let high = sub(&add(&add(&hr, &local[D_HI]), &beta), &hy);
    out.push(mul(&cmp, &high));
}

fn lookup(m: &E, tag: u32, v: &E, out: &mut Vec<E>) {
    out.push(*m);
    out.push(konst(tag));
    out.push(*v);
}

/// Caller guarantees local.len() == WIDTH.
pub fn messages(local: &[E], out: &mut Vec<E>) {
    let real = is_real(local);
    let sgn = signed(local);
    let cmp = compares(local);
    let mut op = zero();
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
    out.push(local[A_LO]);
    out.push(local[A_HI]);
    out.push(pair(&local[Y0], &local[Y0 + 1]));
    out.push(pair(&local[Y0 + 2], &local[Y0 + 3]));
    out.push(local[C_LO]);
    out.push(local[C_HI]);
    out.push(local[IMM_LO]);
    out.push(local[IMM_HI]);
    out.push(local[NEXT_PC]);
    // a's top bit (signed rows): a_hi - 2^15 sa < 2^15.
    let a_rest = sub(&local[A_HI], &mul(&konst(1 << 15), &local[SA]));
    lookup(&sgn, bus::TAG_U16, &mul(&konst(2), &a_rest), out);
    // q's bytes; y's bytes, the top one with its sign.
    let mut i = 0;
    while i < 4 {
        lookup(&real, bus::TAG_U8, &local[Q0 + i], out);
        i += 1;
    }
    i = 0;
    while i < 3 {
        lookup(&real, bus::TAG_U8, &local[Y0 + i], out);
        i += 1;
    }
    let y_top = add(
        &sub(&local[Y0 + 3], &mul(&konst(256), &local[SY])),
        &mul(&konst(128), &sgn),
    );
    lookup(&real, bus::TAG_U8, &y_top, out);
    // r's limbs, the carries and their sum.
    lookup(&real, bus::TAG_U16, &local[R_LO], out);
    lookup(&real, bus::TAG_U16, &local[R_HI], out);
    let mut sum = zero();
    i = 0;
    while i < 4 {
        lookup(&real, bus::TAG_U16, &local[K0 + i], out);
        sum = add(&sum, &local[K0 + i]);
        i += 1;
    }
    lookup(&real, bus::TAG_U16, &mul(&konst(4), &sum), out);
    // The remainder bound: d's limbs and the borrow.
    lookup(&cmp, bus::TAG_U16, &local[D_LO], out);
    lookup(&cmp, bus::TAG_U16, &local[D_HI], out);
    lookup(&cmp, bus::TAG_U8, &add(&local[BETA], &one()), out);
}
