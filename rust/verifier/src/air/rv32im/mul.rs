//! MUL: one row per EXEC request of MUL, MULH, MULHSU, MULHU and of the
//! shifts SLL, SRL, SRA (and SLLI, SRLI, SRAI), docs/air.md §4. Padding
//! rows are all zeros.
//!
//! Every op is one 64-bit product P = Ã·B̃ mod 2^64 of two factors given by
//! bytes: Ã = a, sign-extended
//! to 64 bits (bytes A4..A7 = 255 sa) for MULH, MULHSU, SRA; B̃ = b,
//! sign-extended for MULH, for the multiplications, and for the shifts the
//! factor 2^s (SLL) or 2^(32 - s) (SRL, SRA; 1 for s = 0) looked up in POW2,
//! s = y mod 32 (y = imm for the immediate forms, else b). The result c is
//! P's low word (MUL, SLL, right shifts by 0) or its high word (MULH*,
//! right shifts by s > 0); the other word is x.
//!
//! With C_k = Σ_{i+j=k} A_i B_j (k < 8), four limb equations
//!   C_{2m} + 256 C_{2m+1} + κ_{m-1} = P_m + 2^16 κ_m     (κ_{-1} = 0)
//! with U16(P_m), U16(κ_m) and U16(4 (κ_0 + κ_1 + κ_2 + κ_3)) hold as integer
//! equations: C_k ≤ 8·255², so the left side is below 2^28, and the carries
//! are non-negative with a sum below 2^14, so the right side is below
//! 2^16 + 2^30 < p. Summed with weights 2^{16m} they give
//! Σ P_m 2^{16m} = Ã·B̃ mod 2^64. Honest carries are below 2^11 each.
//!
//! Bytes: U8 lookups of a's bytes on every row and of b's bytes on the
//! multiplication rows; the factor's bytes of a shift are POW2's. The top
//! byte's lookup is U8(A3 - 256 sa + 128 σ) with σ = 1 when a is signed: for
//! a well-formed a_hi = A2 + 256 A3 this makes A3 a byte and sa its top bit
//! (σ = 0 forces sa = 0); the same for b's top byte and sb.

use super::bus;
use super::expr::{add, konst, mul, neg, one, sub, zero, Selectors, E};

pub const F_MUL: usize = 0;
pub const F_MULH: usize = 1;
pub const F_MULHSU: usize = 2;
pub const F_MULHU: usize = 3;
pub const F_SLL: usize = 4;
pub const F_SRL: usize = 5;
pub const F_SRA: usize = 6;
/// 1 for SLLI, SRLI, SRAI: y = imm and op + 64.
pub const USE_IMM: usize = 7;
pub const CLK: usize = 8;
pub const B_LO: usize = 9;
pub const B_HI: usize = 10;
pub const IMM_LO: usize = 11;
pub const IMM_HI: usize = 12;
pub const NEXT_PC: usize = 13;
/// Bytes of a (A0 + i, low first); a_lo = A0 + 256 A1, a_hi = A2 + 256 A3.
pub const A0: usize = 14;
/// a's sign extension bit (a signed and negative).
pub const SA: usize = 18;
/// Bytes of the second factor: b's, or the shift factor's.
pub const M0: usize = 19;
/// The second factor's sign extension bit (MULH, b negative).
pub const SB: usize = 23;
/// The result c and the other word x of P.
pub const C_LO: usize = 24;
pub const C_HI: usize = 25;
pub const X_LO: usize = 26;
pub const X_HI: usize = 27;
/// Carries κ_0..κ_3 of the limb equations.
pub const K0: usize = 28;
/// Shift amount s = y mod 32, y_lo = s + 32 t, and nz = [s != 0] (POW2).
pub const S: usize = 32;
pub const T: usize = 33;
pub const NZ: usize = 34;
pub const WIDTH: usize = 35;

pub const FLAGS: [usize; 7] = [F_MUL, F_MULH, F_MULHSU, F_MULHU, F_SLL, F_SRL, F_SRA];
/// OP_MUL, OP_MULH, OP_MULHSU, OP_MULHU, OP_SLL, OP_SRL, OP_SRA of
/// receipt/program.rs (a test checks them).
pub const OPS: [u32; 7] = [28, 29, 30, 31, 20, 24, 25];

pub const NUM_CONSTRAINTS: usize = 19;
pub const MAX_DEGREE: u32 = 3;
pub const FRACTION_LENS: [usize; 20] = [
    bus::LEN_EXEC,
    bus::LEN_U8,
    bus::LEN_U8,
    bus::LEN_U8,
    bus::LEN_U8,
    bus::LEN_U8,
    bus::LEN_U8,
    bus::LEN_U8,
    bus::LEN_U8,
    bus::LEN_POW2,
    bus::LEN_U16,
    bus::LEN_U16,
    bus::LEN_U16,
    bus::LEN_U16,
    bus::LEN_U16,
    bus::LEN_U16,
    bus::LEN_U16,
    bus::LEN_U16,
    bus::LEN_U16,
    bus::LEN_U16,
];
/// Every fraction is local to its segment (docs/protocol.md §5.1).
pub const FRACTION_GLOBAL: [bool; 20] = [false; 20];
pub const MIN_LOG_HEIGHT: u32 = 0;
pub const MAX_LOG_HEIGHT: u32 = 20;

fn boolean(x: &E) -> E {
    mul(x, &sub(x, &one()))
}

fn is_real(local: &[E]) -> E {
    let mut acc = zero();
    let mut f = 0;
    while f < FLAGS.len() {
        acc = add(&acc, &local[FLAGS[f]]);
        f += 1;
    }
    acc
}

/// MUL, MULH, MULHSU, MULHU.
fn multiplies(local: &[E]) -> E {
    add(
        &add(&local[F_MUL], &local[F_MULH]),
        &add(&local[F_MULHSU], &local[F_MULHU]),
    )
}

/// SLL, SRL, SRA.
fn shifts(local: &[E]) -> E {
    add(&add(&local[F_SLL], &local[F_SRL]), &local[F_SRA])
}

/// SRL, SRA: the POW2 kind (1: right).
fn right(local: &[E]) -> E {
    add(&local[F_SRL], &local[F_SRA])
}

/// a is signed: MULH, MULHSU, SRA.
fn a_signed(local: &[E]) -> E {
    add(&add(&local[F_MULH], &local[F_MULHSU]), &local[F_SRA])
}

/// c is P's high word: MULH, MULHSU, MULHU, right shifts by s > 0 (degree 2).
fn takes_high(local: &[E]) -> E {
    let mulh = add(&add(&local[F_MULH], &local[F_MULHSU]), &local[F_MULHU]);
    add(&mulh, &mul(&right(local), &local[NZ]))
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

/// Limb m of P: c's or x's limb as P's word is low or high (degree 3).
fn product_limb(local: &[E], th: &E, m: usize) -> E {
    let (own, other) = if m < 2 {
        (C_LO + m, X_LO + m)
    } else {
        (X_LO + m - 2, C_LO + m - 2)
    };
    add(&local[own], &mul(th, &sub(&local[other], &local[own])))
}

/// Caller guarantees local.len() == WIDTH.
pub fn eval(local: &[E], _next: &[E], _public: &[E], _sel: &Selectors, out: &mut Vec<E>) {
    let real = is_real(local);
    let mult = multiplies(local);
    let shift = shifts(local);
    // Booleans, at most one op, the immediate form only for shifts [0-9].
    let mut f = 0;
    while f < FLAGS.len() {
        out.push(boolean(&local[FLAGS[f]]));
        f += 1;
    }
    out.push(boolean(&local[USE_IMM]));
    out.push(boolean(&real));
    out.push(mul(&local[USE_IMM], &sub(&one(), &shift)));
    // Sign bits: boolean, and 0 unless the factor is signed [10-11].
    out.push(mul(&local[SA], &sub(&a_signed(local), &local[SA])));
    out.push(mul(&local[SB], &sub(&local[F_MULH], &local[SB])));
    // Multiplications: the second factor's bytes are b's [12-13].
    let m_lo = pair(&local[M0], &local[M0 + 1]);
    let m_hi = pair(&local[M0 + 2], &local[M0 + 3]);
    out.push(mul(&mult, &sub(&local[B_LO], &m_lo)));
    out.push(mul(&mult, &sub(&local[B_HI], &m_hi)));
    // Shifts: y_lo = s + 32 t, y = imm or b [14].
    let u = local[USE_IMM];
    let y_lo = add(&local[B_LO], &mul(&u, &sub(&local[IMM_LO], &local[B_LO])));
    let amount = add(&local[S], &mul(&konst(32), &local[T]));
    out.push(mul(&shift, &sub(&y_lo, &amount)));
    // The product, limb by limb [15-18].
    let x = factor(local, A0, SA);
    let y = factor(local, M0, SB);
    let th = takes_high(local);
    let mut carry = zero();
    let mut m = 0;
    while m < 4 {
        let lhs = add(
            &add(
                &convolution(&x, &y, 2 * m),
                &mul(&konst(256), &convolution(&x, &y, 2 * m + 1)),
            ),
            &carry,
        );
        let next = local[K0 + m];
        let rhs = add(&product_limb(local, &th, m), &mul(&konst(bus::LIMB), &next));
        out.push(sub(&lhs, &rhs));
        carry = next;
        m += 1;
    }
}

fn lookup(m: &E, tag: u32, v: &E, out: &mut Vec<E>) {
    out.push(*m);
    out.push(konst(tag));
    out.push(*v);
}

/// The top byte's lookup value: byte - 256 sign + 128 signed.
fn top_byte(byte: &E, sign: &E, signed: &E) -> E {
    add(
        &sub(byte, &mul(&konst(256), sign)),
        &mul(&konst(128), signed),
    )
}

/// Caller guarantees local.len() == WIDTH.
pub fn messages(local: &[E], out: &mut Vec<E>) {
    let real = is_real(local);
    let mult = multiplies(local);
    let shift = shifts(local);
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
    out.push(pair(&local[A0], &local[A0 + 1]));
    out.push(pair(&local[A0 + 2], &local[A0 + 3]));
    out.push(local[B_LO]);
    out.push(local[B_HI]);
    out.push(local[C_LO]);
    out.push(local[C_HI]);
    out.push(local[IMM_LO]);
    out.push(local[IMM_HI]);
    out.push(local[NEXT_PC]);
    // a's bytes, the top one with its sign.
    let mut i = 0;
    while i < 3 {
        lookup(&real, bus::TAG_U8, &local[A0 + i], out);
        i += 1;
    }
    let a_top = top_byte(&local[A0 + 3], &local[SA], &a_signed(local));
    lookup(&real, bus::TAG_U8, &a_top, out);
    // b's bytes (multiplications).
    i = 0;
    while i < 3 {
        lookup(&mult, bus::TAG_U8, &local[M0 + i], out);
        i += 1;
    }
    let b_top = top_byte(&local[M0 + 3], &local[SB], &local[F_MULH]);
    lookup(&mult, bus::TAG_U8, &b_top, out);
    // The shift factor.
    out.push(shift);
    out.push(konst(bus::TAG_POW2));
    out.push(right(local));
    out.push(local[S]);
    out.push(local[M0]);
    out.push(local[M0 + 1]);
    out.push(local[M0 + 2]);
    out.push(local[M0 + 3]);
    out.push(local[NZ]);
    // P's limbs, the carries and their sum.
    let words = [C_LO, C_HI, X_LO, X_HI];
    i = 0;
    while i < 4 {
        lookup(&real, bus::TAG_U16, &local[words[i]], out);
        i += 1;
    }
    let mut sum = zero();
    i = 0;
    while i < 4 {
        lookup(&real, bus::TAG_U16, &local[K0 + i], out);
        sum = add(&sum, &local[K0 + i]);
        i += 1;
    }
    lookup(&real, bus::TAG_U16, &mul(&konst(4), &sum), out);
    // The shift amount's rest.
    lookup(&shift, bus::TAG_U16, &local[T], out);
}
