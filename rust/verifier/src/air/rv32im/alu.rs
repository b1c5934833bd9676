//! ALU: one row per EXEC request of ADD, SUB, SLT, SLTU (and ADDI, SLTI,
//! SLTIU), the six branches and JALR (docs/air.md §4). Padding rows are
//! all zeros.
//!
//! The row has one 32-bit adder on two 16-bit limbs, a + σ y with σ = 1 for
//! ADD and JALR and σ = -1 for the rest (y = imm for the immediate forms and
//! JALR, else b):
//!
//!   a_lo + σ (y_lo - 2^16 k1)      = r_lo
//!   a_hi + σ (y_hi + k1 - 2^16 k2) = r_hi
//!
//! with k1, k2 boolean and r_lo = L, r_hi = H looked up in U16, so r is the
//! sum or the difference and, for a subtraction, k2 = [a < y] (unsigned).
//! Signed comparisons use the top bits sa, sy of a and y, proved by the
//! lookups U16(2 a_hi - 2^16 sa) and U16(2 y_hi - 2^16 sy): a <s y iff
//! k2 + sa - sy = 1. Equality: a = y iff r_lo + r_hi = 0 (inverse column).
//!
//! JALR: the low limb of the sum is 2 L + e (e = bit 0, in the column SA)
//! and the lookup of H is of 4 r_hi, so r_hi < 2^14 and next_pc =
//! 2 L + 2^16 r_hi is ((a + imm) mod 2^32) with bit 0 cleared, an integer
//! below 2^30 + 2^17 < p (a carry k1 = 0 with 2 L + e >= 2^16 gives the same
//! integer: only the split changes). JALR's c (rd ← pc + 4) is the program's
//! constant, checked by the CPU: the ALU leaves C_LO, C_HI free for JALR.

use super::bus;
use super::expr::{add, konst, mul, neg, one, sub, zero, Selectors, E};

// Op flags (one per op of this table, at most one set) and the immediate form.
pub const F_ADD: usize = 0;
pub const F_SUB: usize = 1;
pub const F_SLT: usize = 2;
pub const F_SLTU: usize = 3;
pub const F_BEQ: usize = 4;
pub const F_BNE: usize = 5;
pub const F_BLT: usize = 6;
pub const F_BGE: usize = 7;
pub const F_BLTU: usize = 8;
pub const F_BGEU: usize = 9;
pub const F_JALR: usize = 10;
/// 1 for ADDI, SLTI, SLTIU: y = imm and op + 64.
pub const USE_IMM: usize = 11;
// The EXEC message.
pub const CLK: usize = 12;
pub const A_LO: usize = 13;
pub const A_HI: usize = 14;
pub const B_LO: usize = 15;
pub const B_HI: usize = 16;
pub const C_LO: usize = 17;
pub const C_HI: usize = 18;
pub const IMM_LO: usize = 19;
pub const IMM_HI: usize = 20;
pub const NEXT_PC: usize = 21;
/// Low limb of the adder's result (JALR: its bits 1..16, the low limb being
/// 2 L + e); looked up in U16.
pub const L: usize = 22;
/// High limb of the adder's result (JALR: 4 times it); looked up in U16.
pub const H: usize = 23;
/// Carries (ADD, JALR) or borrows (the rest) of the two limbs.
pub const K1: usize = 24;
pub const K2: usize = 25;
/// Signed comparisons: the top bit of a. JALR: bit 0 of a + imm.
pub const SA: usize = 26;
/// Signed comparisons: the top bit of y.
pub const SY: usize = 27;
/// BEQ, BNE: the inverse of r_lo + r_hi when it is not zero.
pub const INV: usize = 28;
pub const WIDTH: usize = 29;

/// The op flags and their op numbers (before the immediate offset).
pub const FLAGS: [usize; 11] = [
    F_ADD, F_SUB, F_SLT, F_SLTU, F_BEQ, F_BNE, F_BLT, F_BGE, F_BLTU, F_BGEU, F_JALR,
];
/// The op numbers of receipt/program.rs (OP_ADD ... OP_JALR), written out so
/// that the prover can compile this file alone (a test checks them).
pub const OPS: [u32; 11] = [18, 19, 21, 22, 4, 5, 6, 7, 8, 9, 3];

pub const NUM_CONSTRAINTS: usize = 25;
pub const MAX_DEGREE: u32 = 3;
pub const FRACTION_LENS: [usize; 6] = [
    bus::LEN_EXEC,
    bus::LEN_U16,
    bus::LEN_U16,
    bus::LEN_U16,
    bus::LEN_U16,
    bus::LEN_U16,
];
/// Every fraction is local to its segment (docs/protocol.md §5.1).
pub const FRACTION_GLOBAL: [bool; 6] = [false; 6];
pub const MIN_LOG_HEIGHT: u32 = 0;
pub const MAX_LOG_HEIGHT: u32 = 20;

fn boolean(x: &E) -> E {
    mul(x, &sub(x, &one()))
}

fn sum(local: &[E], cols: &[usize]) -> E {
    let mut acc = zero();
    let mut i = 0;
    while i < cols.len() {
        acc = add(&acc, &local[cols[i]]);
        i += 1;
    }
    acc
}

/// 1 on a real row (the sum of the op flags).
fn is_real(local: &[E]) -> E {
    sum(local, &FLAGS)
}

/// The ops that subtract (σ = -1).
fn subtracts(local: &[E]) -> E {
    sum(
        local,
        &[
            F_SUB, F_SLT, F_SLTU, F_BEQ, F_BNE, F_BLT, F_BGE, F_BLTU, F_BGEU,
        ],
    )
}

/// The signed comparisons.
fn signed(local: &[E]) -> E {
    sum(local, &[F_SLT, F_BLT, F_BGE])
}

/// The weight of y = imm instead of b: the immediate forms and JALR.
fn imm_weight(local: &[E]) -> E {
    add(&local[USE_IMM], &local[F_JALR])
}

/// y's limb: b's, or imm's for the immediate forms and JALR (degree 2).
fn operand(local: &[E], b: usize, imm: usize) -> E {
    let w = imm_weight(local);
    add(&local[b], &mul(&w, &sub(&local[imm], &local[b])))
}

/// a <s y: the borrow, corrected by the signs.
fn signed_less(local: &[E]) -> E {
    sub(&add(&local[K2], &local[SA]), &local[SY])
}

/// JALR's high limb of a + imm.
fn jalr_high(local: &[E]) -> E {
    let s = add(&add(&local[A_HI], &local[IMM_HI]), &local[K1]);
    sub(&s, &mul(&konst(bus::LIMB), &local[K2]))
}

/// Caller guarantees local.len() == WIDTH.
pub fn eval(local: &[E], _next: &[E], _public: &[E], _sel: &Selectors, out: &mut Vec<E>) {
    // Booleans [0-15]: flags, the immediate form, carries, bits.
    let mut f = 0;
    while f < FLAGS.len() {
        out.push(boolean(&local[FLAGS[f]]));
        f += 1;
    }
    out.push(boolean(&local[USE_IMM]));
    out.push(boolean(&local[K1]));
    out.push(boolean(&local[K2]));
    out.push(boolean(&local[SA]));
    out.push(boolean(&local[SY]));
    // At most one op [16]; the immediate form only for ADD, SLT, SLTU [17].
    let real = is_real(local);
    out.push(boolean(&real));
    let with_imm = sum(local, &[F_ADD, F_SLT, F_SLTU]);
    out.push(mul(&local[USE_IMM], &sub(&one(), &with_imm)));
    // The adder [18-19]: sigma = 1 - 2 [subtracts].
    let sigma = sub(&one(), &mul(&konst(2), &subtracts(local)));
    let two16 = konst(bus::LIMB);
    let y_lo = operand(local, B_LO, IMM_LO);
    let y_hi = operand(local, B_HI, IMM_HI);
    let lo_sum = add(
        &local[A_LO],
        &mul(&sigma, &sub(&y_lo, &mul(&two16, &local[K1]))),
    );
    let jalr = local[F_JALR];
    let r_lo = add(&local[L], &mul(&jalr, &add(&local[L], &local[SA])));
    out.push(sub(&lo_sum, &r_lo));
    let hi_sum = add(
        &local[A_HI],
        &mul(
            &sigma,
            &sub(&add(&y_hi, &local[K1]), &mul(&two16, &local[K2])),
        ),
    );
    let jalr_scaled = mul(&mul(&konst(3), &jalr), &jalr_high(local));
    out.push(sub(&add(&hi_sum, &jalr_scaled), &local[H]));
    // JALR's next pc [20]: the sum with bit 0 cleared.
    let target = add(&mul(&konst(2), &local[L]), &mul(&two16, &jalr_high(local)));
    out.push(mul(&jalr, &sub(&local[NEXT_PC], &target)));
    // c_lo [21]: the sum or difference's low limb, or the comparison.
    let lt = signed_less(local);
    let not_k2 = sub(&one(), &local[K2]);
    let not_lt = sub(&one(), &lt);
    let result_ops = sum(
        local,
        &[F_ADD, F_SUB, F_SLT, F_SLTU, F_BLT, F_BGE, F_BLTU, F_BGEU],
    );
    let mut expected = mul(&sum(local, &[F_ADD, F_SUB]), &local[L]);
    expected = add(&expected, &mul(&sum(local, &[F_SLTU, F_BLTU]), &local[K2]));
    expected = add(&expected, &mul(&local[F_BGEU], &not_k2));
    expected = add(&expected, &mul(&sum(local, &[F_SLT, F_BLT]), &lt));
    expected = add(&expected, &mul(&local[F_BGE], &not_lt));
    out.push(sub(&mul(&result_ops, &local[C_LO]), &expected));
    // c_hi [22]: the high limb for ADD and SUB, else 0 (JALR: free).
    let not_jalr = sub(&real, &jalr);
    let hi_expected = mul(&sum(local, &[F_ADD, F_SUB]), &local[H]);
    out.push(sub(&mul(&not_jalr, &local[C_HI]), &hi_expected));
    // Equality [23-24]: eq = [a = y] from z = r_lo + r_hi, c_lo = eq for
    // BEQ, 1 - eq for BNE.
    let z = add(&local[L], &local[H]);
    let eq = add(
        &mul(&local[F_BEQ], &local[C_LO]),
        &mul(&local[F_BNE], &sub(&one(), &local[C_LO])),
    );
    out.push(mul(&eq, &z));
    let eq_ops = add(&local[F_BEQ], &local[F_BNE]);
    let not_zero = mul(&z, &local[INV]);
    out.push(sub(&eq, &mul(&eq_ops, &sub(&one(), &not_zero))));
}

/// The op field of EXEC: the flag's op, + 64 for the immediate forms.
fn op(local: &[E]) -> E {
    let mut acc = mul(&konst(bus::IMM_OP_OFFSET), &local[USE_IMM]);
    let mut f = 0;
    while f < FLAGS.len() {
        acc = add(&acc, &mul(&konst(OPS[f]), &local[FLAGS[f]]));
        f += 1;
    }
    acc
}

fn u16_lookup(m: &E, v: &E, out: &mut Vec<E>) {
    out.push(*m);
    out.push(konst(bus::TAG_U16));
    out.push(*v);
}

/// 2 hi - 2^16 sign: below 2^16 iff sign is hi's top bit (hi < 2^16).
fn sign_rest(local: &[E], hi: usize, sign: usize) -> E {
    sub(
        &mul(&konst(2), &local[hi]),
        &mul(&konst(bus::LIMB), &local[sign]),
    )
}

/// Caller guarantees local.len() == WIDTH.
pub fn messages(local: &[E], out: &mut Vec<E>) {
    let real = is_real(local);
    // Receive EXEC.
    out.push(neg(&real));
    out.push(konst(bus::TAG_EXEC));
    out.push(op(local));
    out.push(local[CLK]);
    out.push(local[A_LO]);
    out.push(local[A_HI]);
    out.push(local[B_LO]);
    out.push(local[B_HI]);
    out.push(local[C_LO]);
    out.push(local[C_HI]);
    out.push(local[IMM_LO]);
    out.push(local[IMM_HI]);
    out.push(local[NEXT_PC]);
    // The adder's limbs.
    u16_lookup(&real, &local[L], out);
    u16_lookup(&real, &local[H], out);
    // Signs of a and y for the signed comparisons (y = b or imm).
    let signed = signed(local);
    u16_lookup(&signed, &sign_rest(local, A_HI, SA), out);
    let slti = mul(&local[F_SLT], &local[USE_IMM]);
    u16_lookup(&sub(&signed, &slti), &sign_rest(local, B_HI, SY), out);
    u16_lookup(&slti, &sign_rest(local, IMM_HI, SY), out);
}
