//! Fast evaluation of the RV32IM AIR for the prover.
//!
//! The normative definitions are `zkvm_verifier::air::rv32im_v1::{eval,
//! fractions}` (over the quartic extension, one point at a time) and the
//! LogUp constraints of `zkvm_verifier::protocol::logup::logup_constraints`, folded by
//! `zkvm_verifier::air::fold_constraints` in the order of
//! `zkvm_verifier::protocol::stark::all_constraints_at`. This module computes the same
//! polynomials:
//!
//! * `eval_constraints`: the 445 AIR constraints, transliterated from
//!   `rv32im_v1::eval` (same order, same formulas), generic over any
//!   algebra `V` of the base field: `F` for one point, `F::Packing` for
//!   `WIDTH` points at once. At prover points every main-trace value and
//!   selector is a base-field element, so no extension arithmetic is needed.
//! * `eval_fractions`: the 49 LogUp fractions of `rv32im_v1::fractions`;
//!   numerators are base-field, denominators `point - sum_j beta^j field_j`
//!   are computed coordinate by coordinate from precomputed powers of beta.
//! * `folded_numerator`: sum_i alpha^(m-1-i) c_i over the AIR constraints and
//!   the LogUp constraints (pairs, first, transition, last), which is what the
//!   Horner fold of `fold_constraints` computes.
//!
//! Field arithmetic is exact, so equal polynomials give equal values;
//! `tests/rv32im_fast.rs` checks the results against the normative functions
//! on random and on real rows, and that proofs are byte-identical. Any change
//! to `rv32im_v1::{eval, fractions}` must be made here too: those tests fail
//! (naming the first differing constraint or fraction) until it is.

use p3_field::{
    Algebra, BasedVectorSpace, Field, PackedField, PrimeCharacteristicRing, PrimeField32,
};
use zkvm_verifier::air::rv32im_v1::*;
use zkvm_verifier::air::LookupChallenges;
use zkvm_verifier::field::extension::Ext;

use crate::types::{ext_from_array, from_u32, EF, F};

/// The LogUp constraints appended to the AIR's: 25 pairs, first, transition, last.
pub const NUM_PAIRS: usize = NUM_FRACTIONS.div_ceil(2);
pub const NUM_LOGUP_CONSTRAINTS: usize = NUM_PAIRS + 3;
pub const NUM_ALL_CONSTRAINTS: usize = NUM_CONSTRAINTS + NUM_LOGUP_CONSTRAINTS;
/// Auxiliary extension columns: fixed fingerprint, 25 pairs, phi.
pub const AUX_EXT_WIDTH: usize = 1 + NUM_PAIRS + 1;
pub const AUX_WIDTH: usize = 4 * AUX_EXT_WIDTH;
/// Longest message (the program row): tag and 12 fields.
const MAX_FIELDS: usize = 13;

use zkvm_verifier::air::rv32im_v1::{
    OP_ADD, OP_AND, OP_AUIPC, OP_BEQ, OP_BGE, OP_BGEU, OP_BLT, OP_BLTU, OP_BNE, OP_DIV, OP_DIVU,
    OP_ECALL, OP_JAL, OP_JALR, OP_LB, OP_LBU, OP_LH, OP_LHU, OP_LUI, OP_LW, OP_MUL, OP_MULH,
    OP_MULHSU, OP_MULHU, OP_OR, OP_REM, OP_REMU, OP_SB, OP_SH, OP_SLL, OP_SLT, OP_SLTU, OP_SRA,
    OP_SRL, OP_SUB, OP_SW, OP_XOR, REG_A1, REG_A7, SPACE_RAM, SPACE_ROM, TWO16,
};

/// A value of the evaluation: `F` (one point) or `F::Packing` (WIDTH points).
pub trait Val: Algebra<F> + Copy {}
impl<T: Algebra<F> + Copy> Val for T {}

/// Receives the constraint values in order.
pub trait ConstraintSink<V> {
    fn emit(&mut self, value: V);
}

impl<V> ConstraintSink<V> for Vec<V> {
    fn emit(&mut self, value: V) {
        self.push(value);
    }
}

/// Selector values at the evaluation point(s).
#[derive(Clone, Copy, Debug)]
pub struct Sel<V> {
    pub is_first_row: V,
    pub is_last_row: V,
    pub is_transition: V,
}

#[inline(always)]
fn c(x: u32) -> F {
    F::new(x)
}
#[inline(always)]
fn one_minus<V: Val>(a: V) -> V {
    V::ONE - a
}
/// a (a - 1)
#[inline(always)]
fn boolean<V: Val>(a: V) -> V {
    a * (a - F::ONE)
}
#[inline(always)]
fn sum<V: Val>(r: &[V], start: usize, count: usize) -> V {
    let mut acc = r[start];
    for i in 1..count {
        acc += r[start + i];
    }
    acc
}
#[inline(always)]
fn flag_range<V: Val>(r: &[V], first: usize, last: usize) -> V {
    sum(r, FLAG0 + first, last - first + 1)
}
/// sum_{i<count} 2^i r[start + i]
#[inline(always)]
fn bits_value<V: Val>(r: &[V], start: usize, count: usize) -> V {
    let mut acc = r[start + count - 1];
    for i in (0..count - 1).rev() {
        acc = acc.double() + r[start + i];
    }
    acc
}
#[inline(always)]
fn byte_of<V: Val>(r: &[V], word: usize, lane: usize) -> V {
    bits_value(r, word + 8 * lane, 8)
}

/// The public values as field elements (NUM_PUBLIC_VALUES of them).
pub fn public_fields(public_values: &[u32]) -> [F; NUM_PUBLIC_VALUES] {
    core::array::from_fn(|i| from_u32(public_values[i]))
}

/// The AIR constraints of `rv32im_v1::eval`, in its order, at one point (V = F)
/// or at WIDTH points (V = F::Packing).
#[inline(always)]
pub fn eval_constraints<V: Val, S: ConstraintSink<V>>(
    r: &[V],
    n: &[V],
    pv: &[F; NUM_PUBLIC_VALUES],
    sel: &Sel<V>,
    out: &mut S,
) {
    let r = &r[..WIDTH];
    let n = &n[..WIDTH];
    let flag = |op: usize| r[FLAG0 + op];
    let two16 = c(TWO16);

    // Flags and booleans.
    let is_real = r[IS_REAL];
    let is_io = r[IS_IO];
    for i in 0..NUM_OPS {
        out.emit(boolean(r[FLAG0 + i]));
    }
    for col in [
        IS_REAL, IS_IO, USE_IMM, WRITE_RD, F_READ, F_WRITE, F_EXIT, IO_RD, IO_WR1, IO_WR2, C0, C1,
        TAKEN, D0, D1, D2, OVF, YZ, EA, ER, BD, B_IMG, B_ZERO, NZ,
    ] {
        out.emit(boolean(r[col]));
    }
    for i in 0..4 {
        out.emit(boolean(r[L0 + i]));
        out.emit(boolean(r[B_SEL0 + i]));
    }
    for word in [X, Y, Z, W, U] {
        for i in 0..32 {
            out.emit(boolean(r[word + i]));
        }
    }

    // Word values used throughout.
    let x_lo = bits_value(r, X, 16);
    let x_hi = bits_value(r, X + 16, 16);
    let y_lo = bits_value(r, Y, 16);
    let y_hi = bits_value(r, Y + 16, 16);
    let z_lo = bits_value(r, Z, 16);
    let z_hi = bits_value(r, Z + 16, 16);
    let w_lo = bits_value(r, W, 16);
    let w_hi = bits_value(r, W + 16, 16);
    let u_lo = bits_value(r, U, 16);
    let u_hi = bits_value(r, U + 16, 16);

    // Row kinds.
    let all_flags = sum(r, FLAG0, NUM_OPS);
    out.emit(all_flags - is_real);
    out.emit(is_real * is_io);
    out.emit(r[WRITE_RD] * one_minus(is_real));
    out.emit(r[F_READ] + r[F_WRITE] + r[F_EXIT] - flag(OP_ECALL));
    out.emit(r[IO_RD] + r[IO_WR1] + r[IO_WR2] - is_io);

    // Sequencing.
    let first = sel.is_first_row;
    let last = sel.is_last_row;
    let trans = sel.is_transition;
    out.emit(first * (is_real - F::ONE));
    out.emit(first * (r[PC] - pv[PV_ENTRY]));
    out.emit(first * (r[CLK] - F::ONE));
    out.emit(first * (r[ICOUNT] - F::ONE));
    out.emit(first * r[IN_POS]);
    out.emit(first * r[OUT_POS]);
    let active = is_real + is_io;
    let active_next = n[IS_REAL] + n[IS_IO];
    out.emit(trans * (active - r[F_EXIT] - active_next));
    out.emit(last * (active - r[F_EXIT]));
    out.emit(trans * (n[IS_REAL] * (n[PC] - r[NEXT_PC])));
    out.emit(trans * (n[IS_IO] * (n[NEXT_PC] - r[NEXT_PC])));
    out.emit(trans * (active_next * (n[CLK] - r[CLK] - F::ONE)));
    out.emit(trans * (n[ICOUNT] - r[ICOUNT] - n[IS_REAL]));
    out.emit(trans * (n[IN_POS] - r[IN_POS] - r[IO_RD]));
    out.emit(trans * (n[OUT_POS] - r[OUT_POS] - r[IO_WR1]));
    out.emit(last * (r[IN_POS] + r[IO_RD] - pv[PV_INPUT_CONSUMED]));
    out.emit(last * (r[OUT_POS] + r[IO_WR1] - pv[PV_OUTPUT_LEN]));
    out.emit(r[F_EXIT] * (y_lo - pv[PV_EXIT_LO]));
    out.emit(r[F_EXIT] * (y_hi - pv[PV_EXIT_HI]));
    out.emit(r[F_EXIT] * (r[ICOUNT] - pv[PV_CYCLES]));

    // Next pc.
    let f_br = flag_range(r, OP_BEQ, OP_BGEU);
    let seq = is_real - f_br - flag(OP_JAL) - flag(OP_JALR);
    let pc4 = r[PC] + c(4);
    out.emit(seq * (r[NEXT_PC] - pc4));
    out.emit(flag(OP_JAL) * (r[NEXT_PC] - r[TARGET]));
    let jalr_target = bits_value(r, W, 30) - r[W];
    out.emit(flag(OP_JALR) * (r[NEXT_PC] - jalr_target));
    out.emit(flag(OP_JALR) * r[W + 30]);
    out.emit(flag(OP_JALR) * r[W + 31]);
    let branch_pc = pc4 + r[TAKEN] * (r[TARGET] - pc4);
    out.emit(f_br * (r[NEXT_PC] - branch_pc));

    // Operand 2 and the adder.
    let use_imm = r[USE_IMM];
    out.emit(is_real * (y_lo - (use_imm * r[IMM_LO] + one_minus(use_imm) * r[V2_LO])));
    out.emit(is_real * (y_hi - (use_imm * r[IMM_HI] + one_minus(use_imm) * r[V2_HI])));
    let f_load = flag_range(r, OP_LB, OP_LHU);
    let f_store = flag_range(r, OP_SB, OP_SW);
    let addr_mode = f_load + f_store + flag(OP_JALR);
    let f_read = r[F_READ];
    let b_keep = one_minus(addr_mode + f_read);
    let b_lo = addr_mode * r[IMM_LO] + f_read * z_lo + b_keep * y_lo;
    let b_hi = addr_mode * r[IMM_HI] + f_read * z_hi + b_keep * y_hi;
    let f_add = flag(OP_ADD) + addr_mode;
    let f_sub = flag(OP_SUB) + flag(OP_SLT) + (flag(OP_SLTU) + f_br) + f_read;
    out.emit(f_add * (x_lo + b_lo - (w_lo + r[C0] * two16)));
    out.emit(f_add * (x_hi + b_hi + r[C0] - (w_hi + r[C1] * two16)));
    out.emit(f_sub * (w_lo + b_lo - (x_lo + r[C0] * two16)));
    out.emit(f_sub * (w_hi + b_hi + r[C0] - (x_hi + r[C1] * two16)));

    // ALU results.
    let add_sub = flag(OP_ADD) + flag(OP_SUB);
    out.emit(add_sub * (z_lo - w_lo));
    out.emit(add_sub * (z_hi - w_hi));
    let signed_lt = r[C1] + r[X + 31] - r[Y + 31];
    out.emit(flag(OP_SLT) * (z_lo - signed_lt));
    out.emit(flag(OP_SLTU) * (z_lo - r[C1]));
    out.emit((flag(OP_SLT) + flag(OP_SLTU)) * z_hi);
    let constant_ops = flag(OP_LUI) + flag(OP_AUIPC) + (flag(OP_JAL) + flag(OP_JALR));
    out.emit(constant_ops * (z_lo - r[K_LO]));
    out.emit(constant_ops * (z_hi - r[K_HI]));
    // Bitwise, bit by bit.
    let f_xor = flag(OP_XOR);
    let f_or = flag(OP_OR);
    let f_and = flag(OP_AND);
    let f_bitwise = f_xor + f_or + f_and;
    for i in 0..32 {
        let xb = r[X + i];
        let yb = r[Y + i];
        let xy = xb * yb;
        let x_plus_y = xb + yb;
        let expect = f_xor * (x_plus_y - xy.double()) + f_or * (x_plus_y - xy) + f_and * xy;
        out.emit(f_bitwise * r[Z + i] - expect);
    }

    // Branches.
    let e_w = sum(r, W, 32);
    let taken = r[TAKEN];
    out.emit(flag(OP_BEQ) * (taken * e_w));
    out.emit(flag(OP_BEQ) * (one_minus(taken) - e_w * r[EINV]));
    out.emit(flag(OP_BNE) * (one_minus(taken) * e_w));
    out.emit(flag(OP_BNE) * (taken - e_w * r[EINV]));
    out.emit(flag(OP_BLT) * (taken - signed_lt));
    out.emit(flag(OP_BGE) * (taken - one_minus(signed_lt)));
    out.emit(flag(OP_BLTU) * (taken - r[C1]));
    out.emit(flag(OP_BGEU) * (taken - one_minus(r[C1])));

    // Memory port: space, word address, values.
    let f_ecall = flag(OP_ECALL);
    let io_wr = r[IO_WR1] + r[IO_WR2];
    let word_access = f_load + f_store + is_io;
    out.emit(word_access * (r[MWA] - bits_value(r, W + 2, 30)));
    out.emit(f_ecall * (r[MWA] - c(REG_A7)));
    out.emit(f_ecall * r[MSPACE]);
    let ram_or_rom = (r[MSPACE] - c(SPACE_RAM)) * (r[MSPACE] - c(SPACE_ROM));
    out.emit((f_load + io_wr) * ram_or_rom);
    out.emit((f_store + r[IO_RD]) * (r[MSPACE] - c(SPACE_RAM)));
    let unchanged = f_load + io_wr + f_ecall;
    out.emit(unchanged * (r[MNEW_LO] - r[MOLD_LO]));
    out.emit(unchanged * (r[MNEW_HI] - r[MOLD_HI]));
    let f_sub_word = flag(OP_LB)
        + flag(OP_LH)
        + (flag(OP_LBU) + flag(OP_LHU))
        + (flag(OP_SB) + flag(OP_SH) + is_io);
    let lane_sum = r[L0] + r[L0 + 1] + (r[L0 + 2] + r[L0 + 3]);
    out.emit(lane_sum - f_sub_word);
    out.emit(f_sub_word * (r[L0 + 1] + r[L0 + 3] - r[W]));
    out.emit(f_sub_word * (r[L0 + 2] + r[L0 + 3] - r[W + 1]));
    out.emit(f_sub_word * (r[MOLD_LO] - u_lo));
    out.emit(f_sub_word * (r[MOLD_HI] - u_hi));
    let word_aligned = flag(OP_LW) + flag(OP_SW);
    let half_aligned = flag(OP_LH) + flag(OP_LHU) + flag(OP_SH);
    out.emit((word_aligned + half_aligned) * r[W]);
    out.emit(word_aligned * r[W + 1]);

    // Loads.
    let f_lw = flag(OP_LW);
    out.emit(f_lw * (z_lo - r[MOLD_LO]));
    out.emit(f_lw * (z_hi - r[MOLD_HI]));
    let u_bytes: [V; 4] = core::array::from_fn(|lane| byte_of(r, U, lane));
    let mut sel_byte = r[L0] * u_bytes[0];
    let mut byte_sign = r[L0] * r[U + 7];
    for lane in 1..4 {
        sel_byte += r[L0 + lane] * u_bytes[lane];
        byte_sign += r[L0 + lane] * r[U + 8 * lane + 7];
    }
    let w1 = r[W + 1];
    let sel_half = one_minus(w1) * u_lo + w1 * u_hi;
    let half_sign = one_minus(w1) * r[U + 15] + w1 * r[U + 31];
    out.emit(flag(OP_LB) * (z_lo - (sel_byte + byte_sign * c(0xFF00))));
    out.emit(flag(OP_LB) * (z_hi - byte_sign * c(0xFFFF)));
    out.emit(flag(OP_LBU) * (z_lo - sel_byte));
    out.emit(flag(OP_LH) * (z_lo - sel_half));
    out.emit(flag(OP_LH) * (z_hi - half_sign * c(0xFFFF)));
    out.emit(flag(OP_LHU) * (z_lo - sel_half));
    out.emit((flag(OP_LBU) + flag(OP_LHU)) * z_hi);

    // Stores and io reads: the new word.
    out.emit(flag(OP_SW) * (r[MNEW_LO] - y_lo));
    out.emit(flag(OP_SW) * (r[MNEW_HI] - y_hi));
    out.emit(flag(OP_SH) * (r[MNEW_LO] - (u_lo + one_minus(w1) * (y_lo - u_lo))));
    out.emit(flag(OP_SH) * (r[MNEW_HI] - (u_hi + w1 * (y_lo - u_hi))));
    let insert = |b: V| -> (V, V) {
        let lo = u_lo + r[L0] * (b - u_bytes[0]) + (r[L0 + 1] * (b - u_bytes[1])) * c(256);
        let hi = u_hi + r[L0 + 2] * (b - u_bytes[2]) + (r[L0 + 3] * (b - u_bytes[3])) * c(256);
        (lo, hi)
    };
    let (insert_lo_sb, insert_hi_sb) = insert(byte_of(r, Y, 0));
    out.emit(flag(OP_SB) * (r[MNEW_LO] - insert_lo_sb));
    out.emit(flag(OP_SB) * (r[MNEW_HI] - insert_hi_sb));
    let iob = r[IOB];
    let (insert_lo_io, insert_hi_io) = insert(iob);
    out.emit(r[IO_RD] * (r[MNEW_LO] - insert_lo_io));
    out.emit(r[IO_RD] * (r[MNEW_HI] - insert_hi_io));
    out.emit(io_wr * (iob - sel_byte));

    // Multiplier.
    let mul_ops = flag_range(r, OP_MUL, OP_MULHU);
    let shifts = flag(OP_SLL) + flag(OP_SRL) + flag(OP_SRA);
    let div_ops = flag_range(r, OP_DIV, OP_REMU);
    let signed_div = flag(OP_DIV) + flag(OP_REM);
    let mul_unit = mul_ops + shifts + div_ops;
    let x_times = mul_ops + shifts;
    let mul_or_div = mul_ops + div_ops;
    for i in 0..4 {
        out.emit(r[MA0 + i] - (x_times * byte_of(r, X, i) + div_ops * u_bytes[i]));
        out.emit(mul_or_div * (r[MB0 + i] - byte_of(r, Y, i)));
    }
    let sa_expect =
        (flag(OP_MULH) + flag(OP_MULHSU) + flag(OP_SRA)) * r[X + 31] + signed_div * r[U + 31];
    out.emit(r[SA] - sa_expect);
    let sb_expect = (flag(OP_MULH) + signed_div) * r[Y + 31];
    out.emit(r[SB] - sb_expect);
    let a_ext = r[SA] * c(255);
    let b_ext = r[SB] * c(255);
    let a8 = [
        r[MA0],
        r[MA0 + 1],
        r[MA0 + 2],
        r[MA0 + 3],
        a_ext,
        a_ext,
        a_ext,
        a_ext,
    ];
    let b8 = [
        r[MB0],
        r[MB0 + 1],
        r[MB0 + 2],
        r[MB0 + 3],
        b_ext,
        b_ext,
        b_ext,
        b_ext,
    ];
    let mut conv = [V::ZERO; 8];
    for ia in 0..8 {
        for ib in 0..8 - ia {
            conv[ia + ib] += a8[ia] * b8[ib];
        }
    }
    for m in 0..4 {
        let limb = conv[2 * m] + conv[2 * m + 1] * c(256);
        let lhs = if m == 0 {
            limb
        } else {
            limb + r[KAPPA0 + m - 1]
        };
        out.emit(mul_unit * (lhs - (r[P0 + m] + r[KAPPA0 + m] * two16)));
    }
    let th_expect =
        flag(OP_MULH) + flag(OP_MULHSU) + (flag(OP_MULHU) + (flag(OP_SRL) + flag(OP_SRA)) * r[NZ]);
    out.emit(r[TH] - th_expect);
    let takes_product = x_times;
    out.emit(takes_product * (z_lo - (r[P0] + r[TH] * (r[P0 + 2] - r[P0]))));
    out.emit(takes_product * (z_hi - (r[P0 + 1] + r[TH] * (r[P0 + 3] - r[P0 + 1]))));

    // Division.
    let q_result = flag(OP_DIV) + flag(OP_DIVU);
    let r_result = flag(OP_REM) + flag(OP_REMU);
    out.emit(q_result * (z_lo - u_lo));
    out.emit(q_result * (z_hi - u_hi));
    out.emit(r_result * (z_lo - w_lo));
    out.emit(r_result * (z_hi - w_hi));
    let e_y = sum(r, Y, 32);
    let yz = r[YZ];
    out.emit(yz * one_minus(div_ops));
    out.emit(yz * e_y);
    out.emit(div_ops * (one_minus(yz) - e_y * r[YINV]));
    out.emit(yz * (u_lo - c(0xFFFF)));
    out.emit(yz * (u_hi - c(0xFFFF)));
    let ovf = r[OVF];
    out.emit(ovf * one_minus(signed_div));
    out.emit(ovf * x_lo);
    out.emit(ovf * (x_hi - c(0x8000)));
    out.emit(ovf * (y_lo - c(0xFFFF)));
    out.emit(ovf * (y_hi - c(0xFFFF)));
    out.emit(ovf * u_lo);
    out.emit(ovf * (u_hi - c(0x8000)));
    out.emit(ovf * w_lo);
    out.emit(ovf * w_hi);
    out.emit(r[SR] - signed_div * r[W + 31]);
    out.emit(r[SXS] - signed_div * r[X + 31]);
    let identity = div_ops - ovf;
    let r_ext = r[SR] * c(0xFFFF);
    let x_ext = r[SXS] * c(0xFFFF);
    out.emit(identity * (r[P0] + w_lo - (x_lo + r[D0] * two16)));
    out.emit(identity * (r[P0 + 1] + w_hi + r[D0] - (x_hi + r[D1] * two16)));
    out.emit(identity * (r[P0 + 2] + r_ext + r[D1] - (x_ext + r[D2] * two16)));
    let top = r[P0 + 3] + r_ext + r[D2] - x_ext;
    out.emit(identity * (top * (top - two16)));
    out.emit((signed_div - r[SXS]) * r[W + 31]);
    out.emit(r[SXS] * (one_minus(r[W + 31]) * e_w));
    let sby = r[SB];
    out.emit(div_ops * (r[AY_LO] - (sby * (r[EA] * two16 - y_lo) + one_minus(sby) * y_lo)));
    out.emit(
        div_ops * (r[AY_HI] - (sby * (V::from(two16) - y_hi - r[EA]) + one_minus(sby) * y_hi)),
    );
    let sr = r[SR];
    out.emit(div_ops * (r[AR_LO] - (sr * (r[ER] * two16 - w_lo) + one_minus(sr) * w_lo)));
    out.emit(div_ops * (r[AR_HI] - (sr * (V::from(two16) - w_hi - r[ER]) + one_minus(sr) * w_hi)));
    let compare = div_ops - yz;
    out.emit(compare * (r[DLT_LO] + r[AR_LO] + F::ONE - (r[AY_LO] + r[BD] * two16)));
    out.emit(compare * (r[DLT_HI] + r[AR_HI] + r[BD] - r[AY_HI]));

    // ECALL.
    let f_write = r[F_WRITE];
    let f_exit = r[F_EXIT];
    out.emit(f_read * (r[MOLD_LO] - c(63)));
    out.emit(f_write * (r[MOLD_LO] - c(64)));
    out.emit(f_exit * ((r[MOLD_LO] - c(93)) * (r[MOLD_LO] - c(94))));
    out.emit(f_ecall * r[MOLD_HI]);
    out.emit(f_read * y_lo);
    out.emit(f_read * y_hi);
    out.emit(f_read * r[C1]);
    let count = z_lo + z_hi * two16;
    out.emit(f_read * (e_w * (r[IN_POS] + count - pv[PV_INPUT_LEN])));
    out.emit(f_write * y_hi);
    out.emit(f_write * ((y_lo - F::ONE) * (y_lo - c(2))));
    out.emit(f_write * (z_lo - x_lo));
    out.emit(f_write * (z_hi - x_hi));
    let moves_bytes = f_read + f_write;
    out.emit(moves_bytes * sum(r, Z + 24, 8));

    // io rows.
    let left = r[LEFT];
    out.emit((is_real - moves_bytes) * left);
    out.emit(moves_bytes * (left - count));
    out.emit(trans * (n[IS_IO] - left * r[LEFT_INV]));
    out.emit(trans * (left * one_minus(n[IS_IO])));
    out.emit(trans * (n[IS_IO] * (left - n[LEFT] - F::ONE)));
    out.emit(last * left);
    out.emit(is_io * r[W + 30]);
    out.emit(is_io * r[W + 31]);
    let into_io = n[IS_IO];
    let nw_lo = bits_value(n, W, 16);
    let nw_hi = bits_value(n, W + 16, 16);
    out.emit(into_io * (moves_bytes * (nw_lo - r[V5_LO])));
    out.emit(into_io * (moves_bytes * (nw_hi - r[V5_HI])));
    let w_val = w_lo + w_hi * two16;
    let w_next = nw_lo + nw_hi * two16;
    out.emit(into_io * (is_io * (w_next - w_val - F::ONE)));
    out.emit(into_io * (f_read * (n[IO_RD] - F::ONE)));
    out.emit(into_io * (f_write * (n[IO_WR1] + n[IO_WR2].double() - y_lo)));
    out.emit(into_io * (is_io * (n[IO_RD] - r[IO_RD])));
    out.emit(into_io * (is_io * (n[IO_WR1] - r[IO_WR1])));

    // Timestamps.
    let mults = port_mults(r);
    for port in 0..NUM_PORTS {
        let gap = r[GAP0 + 2 * port] + r[GAP0 + 2 * port + 1] * two16;
        let expect = r[CLK] * c(8) + c(port as u32) - r[T0 + port] - F::ONE;
        out.emit(mults[port] * (gap - expect));
    }

    // Range tables.
    for (col, top) in [(V16, 65535), (V14, 16383), (V12, 4095)] {
        out.emit(first * r[col]);
        let step = n[col] - r[col];
        out.emit(trans * boolean(step));
        out.emit(last * (r[col] - c(top)));
    }

    // Boundary rows.
    let b_real = r[B_IMG] + r[B_ZERO];
    let b_real_next = n[B_IMG] + n[B_ZERO];
    out.emit(r[B_IMG] * r[B_ZERO]);
    out.emit(trans * (one_minus(b_real) * b_real_next));
    let key = r[B_WA] * c(3) + r[B_SPACE];
    let key_next = n[B_WA] * c(3) + n[B_SPACE];
    let key_gap = n[B_GAP_LO] + n[B_GAP_HI] * two16;
    out.emit(trans * (b_real_next * (key_next - key - F::ONE - key_gap)));
    let zero_row = r[B_ZERO];
    out.emit(zero_row * (r[B_SPACE] - c(SPACE_RAM)));
    out.emit(zero_row * r[B_INIT_LO]);
    out.emit(zero_row * r[B_INIT_HI]);
    let sel_sum = sum(r, B_SEL0, MAX_ZERO_INTERVALS);
    let mut lo_sel = r[B_SEL0] * pv[PV_ZERO0];
    let mut hi_sel = r[B_SEL0] * pv[PV_ZERO0 + 1];
    for j in 1..MAX_ZERO_INTERVALS {
        lo_sel += r[B_SEL0 + j] * pv[PV_ZERO0 + 2 * j];
        hi_sel += r[B_SEL0 + j] * pv[PV_ZERO0 + 2 * j + 1];
    }
    out.emit(sel_sum - zero_row);
    let e1 = r[B_E1_LO] + r[B_E1_HI] * two16;
    let e2 = r[B_E2_LO] + r[B_E2_HI] * two16;
    out.emit(zero_row * (r[B_WA] - lo_sel - e1));
    out.emit(zero_row * (hi_sel - F::ONE - r[B_WA] - e2));
}

/// Multiplicities of the five memory ports (`rv32im_v1::port_mult`).
#[inline(always)]
fn port_mults<V: Val>(r: &[V]) -> [V; NUM_PORTS] {
    let mem = flag_range(r, OP_LB, OP_SW) + r[FLAG0 + OP_ECALL] + r[IS_IO];
    [
        r[IS_REAL],
        r[IS_REAL],
        mem,
        r[FLAG0 + OP_ECALL],
        r[WRITE_RD] - r[F_EXIT],
    ]
}

// ------------------------------------------------------------- fractions

/// The lookup challenges in base coordinates: point and beta^j (j < 13).
#[derive(Clone, Debug)]
pub struct LookupCoords {
    pub point: [F; 4],
    pub beta_powers: [[F; 4]; MAX_FIELDS],
}

fn coords(x: EF) -> [F; 4] {
    let s = x.as_basis_coefficients_slice();
    [s[0], s[1], s[2], s[3]]
}

impl LookupCoords {
    pub fn new(lc: &LookupChallenges) -> LookupCoords {
        let beta = ext_from_array(&lc.beta);
        let mut power = EF::ONE;
        let mut beta_powers = [[F::ZERO; 4]; MAX_FIELDS];
        for p in beta_powers.iter_mut() {
            *p = coords(power);
            power *= beta;
        }
        LookupCoords {
            point: coords(ext_from_array(&lc.point)),
            beta_powers,
        }
    }
}

/// One fraction: a base numerator and the denominator's 4 coordinates.
#[derive(Clone, Copy, Debug)]
pub struct FastFraction<V> {
    pub numerator: V,
    pub denominator: [V; 4],
}

/// `point - fingerprint` of a message being built field by field.
#[derive(Clone, Copy)]
struct Msg<'a, V> {
    lc: &'a LookupCoords,
    d: [V; 4],
    next: usize,
}

impl<'a, V: Val> Msg<'a, V> {
    /// point - tag (beta^0 = 1).
    #[inline(always)]
    fn new(lc: &'a LookupCoords, tag: u32) -> Self {
        Msg {
            lc,
            d: [
                V::from(lc.point[0] - c(tag)),
                V::from(lc.point[1]),
                V::from(lc.point[2]),
                V::from(lc.point[3]),
            ],
            next: 1,
        }
    }
    /// Appends a field: d -= beta^j v.
    #[inline(always)]
    fn f(mut self, v: V) -> Self {
        let b = &self.lc.beta_powers[self.next];
        for (d, &be) in self.d.iter_mut().zip(b) {
            *d -= v * be;
        }
        self.next += 1;
        self
    }
    /// Appends a constant field.
    #[inline(always)]
    fn k(mut self, v: u32) -> Self {
        if v != 0 {
            let b = &self.lc.beta_powers[self.next];
            for (d, &be) in self.d.iter_mut().zip(b) {
                *d -= be * c(v);
            }
        }
        self.next += 1;
        self
    }
    #[inline(always)]
    fn frac(self, numerator: V) -> FastFraction<V> {
        FastFraction {
            numerator,
            denominator: self.d,
        }
    }
}

/// The fractions of `rv32im_v1::fractions`, in its order. `fixed_fp` is the
/// row's fixed fingerprint (aux extension column 0) in coordinates.
#[inline(always)]
pub fn eval_fractions<V: Val>(
    r: &[V],
    fixed_fp: &[V; 4],
    lc: &LookupCoords,
    out: &mut [FastFraction<V>; NUM_FRACTIONS],
) {
    let r = &r[..WIDTH];
    let flag = |op: usize| r[FLAG0 + op];
    let msg = |tag: u32| Msg::<V>::new(lc, tag);
    let is_real = r[IS_REAL];
    let mut i = 0;
    let mut put = |f: FastFraction<V>| {
        out[i] = f;
        i += 1;
    };

    // 0: the instruction at pc.
    let mut op_number = flag(1);
    for op in 2..NUM_OPS {
        op_number += flag(op) * c(op as u32);
    }
    put(msg(TAG_PROG)
        .f(r[PC])
        .f(op_number)
        .f(r[USE_IMM])
        .f(r[RS1])
        .f(r[RS2])
        .f(r[RD])
        .f(r[WRITE_RD])
        .f(r[IMM_LO])
        .f(r[IMM_HI])
        .f(r[K_LO])
        .f(r[K_HI])
        .f(r[TARGET])
        .frac(is_real));

    // 1..10: the memory ports.
    let mults = port_mults(r);
    let clk8 = r[CLK] * c(8);
    let x_lo = bits_value(r, X, 16);
    let x_hi = bits_value(r, X + 16, 16);
    let z_lo = bits_value(r, Z, 16);
    let z_hi = bits_value(r, Z + 16, 16);
    for port in 0..NUM_PORTS {
        let mult = mults[port];
        let prefix = match port {
            PORT_RS1 => msg(TAG_MEM).k(0).f(r[RS1]),
            PORT_RS2 => msg(TAG_MEM).k(0).f(r[RS2]),
            PORT_MEM => msg(TAG_MEM).f(r[MSPACE]).f(r[MWA]),
            PORT_A1 => msg(TAG_MEM).k(0).k(REG_A1),
            _ => msg(TAG_MEM).k(0).f(r[RD]),
        };
        let (old_lo, old_hi, new_lo, new_hi) = match port {
            PORT_RS1 => (x_lo, x_hi, x_lo, x_hi),
            PORT_RS2 => (r[V2_LO], r[V2_HI], r[V2_LO], r[V2_HI]),
            PORT_MEM => (r[MOLD_LO], r[MOLD_HI], r[MNEW_LO], r[MNEW_HI]),
            PORT_A1 => (r[V5_LO], r[V5_HI], r[V5_LO], r[V5_HI]),
            _ => (r[RDP_LO], r[RDP_HI], z_lo, z_hi),
        };
        let timestamp = clk8 + c(port as u32);
        if port == PORT_MEM || port == PORT_RD {
            put(prefix.f(old_lo).f(old_hi).f(r[T0 + port]).frac(-mult));
            put(prefix.f(new_lo).f(new_hi).f(timestamp).frac(mult));
        } else {
            let values = prefix.f(old_lo).f(old_hi);
            put(values.f(r[T0 + port]).frac(-mult));
            put(values.f(timestamp).frac(mult));
        }
    }
    // 11..20: the timestamp gaps.
    for (port, &mult) in mults.iter().enumerate() {
        put(msg(TAG_U16).f(r[GAP0 + 2 * port]).frac(mult));
        put(msg(TAG_U12).f(r[GAP0 + 2 * port + 1]).frac(mult));
    }
    // 21: the shift factor.
    let f_srl_sra = flag(OP_SRL) + flag(OP_SRA);
    let shifts = flag(OP_SLL) + f_srl_sra;
    put(msg(TAG_POW2)
        .f(f_srl_sra)
        .f(bits_value(r, Y, 5))
        .f(r[MB0])
        .f(r[MB0 + 1])
        .f(r[MB0 + 2])
        .f(r[MB0 + 3])
        .f(r[NZ])
        .frac(shifts));
    // 22..29: product limbs and carries.
    let div_ops = flag_range(r, OP_DIV, OP_REMU);
    let mul_unit = flag_range(r, OP_MUL, OP_MULHU) + shifts + div_ops;
    for m in 0..4 {
        put(msg(TAG_U16).f(r[P0 + m]).frac(mul_unit));
    }
    for m in 0..4 {
        put(msg(TAG_U14).f(r[KAPPA0 + m]).frac(mul_unit));
    }
    // 30, 31: input and output bytes.
    put(msg(TAG_INPUT).f(r[IN_POS]).f(r[IOB]).frac(-r[IO_RD]));
    put(msg(TAG_OUTPUT).f(r[OUT_POS]).f(r[IOB]).frac(r[IO_WR1]));
    // 32..35: division range checks.
    for col in [AY_LO, AR_LO, DLT_LO, DLT_HI] {
        put(msg(TAG_U16).f(r[col]).frac(div_ops));
    }
    // 36: the fixed table.
    put(FastFraction {
        numerator: -r[MFIX],
        denominator: core::array::from_fn(|e| V::from(lc.point[e]) - fixed_fp[e]),
    });
    // 37..39: range tables.
    put(msg(TAG_U16).f(r[V16]).frac(-r[M16]));
    put(msg(TAG_U14).f(r[V14]).frac(-r[M14]));
    put(msg(TAG_U12).f(r[V12]).frac(-r[M12]));
    // 40..48: boundary rows.
    let b_real = r[B_IMG] + r[B_ZERO];
    let cell = msg(TAG_MEM).f(r[B_SPACE]).f(r[B_WA]);
    put(cell.f(r[B_INIT_LO]).f(r[B_INIT_HI]).k(0).frac(b_real));
    put(cell
        .f(r[B_FIN_LO])
        .f(r[B_FIN_HI])
        .f(r[B_FIN_TS])
        .frac(-b_real));
    put(msg(TAG_IMG)
        .f(r[B_SPACE])
        .f(r[B_WA])
        .f(r[B_INIT_LO])
        .f(r[B_INIT_HI])
        .frac(r[B_IMG]));
    put(msg(TAG_U16).f(r[B_GAP_LO]).frac(b_real));
    put(msg(TAG_U14).f(r[B_GAP_HI]).frac(b_real));
    let zero_row = r[B_ZERO];
    put(msg(TAG_U16).f(r[B_E1_LO]).frac(zero_row));
    put(msg(TAG_U12).f(r[B_E1_HI]).frac(zero_row));
    put(msg(TAG_U16).f(r[B_E2_LO]).frac(zero_row));
    put(msg(TAG_U12).f(r[B_E2_HI]).frac(zero_row));
    debug_assert_eq!(i, NUM_FRACTIONS);
}

// --------------------------------------------------------------- folding

/// Everything the folded constraint numerator depends on besides the rows.
#[derive(Clone, Debug)]
pub struct FoldContext {
    pub public: [F; NUM_PUBLIC_VALUES],
    pub lookup: LookupCoords,
    pub claimed_sum: EF,
    /// alpha^(m-1-i) for AIR constraint i (m = all constraints), in coordinates.
    pub air_alpha_powers: Vec<[F; 4]>,
    /// alpha^(NUM_LOGUP_CONSTRAINTS-1-j) for LogUp constraint j.
    pub logup_alpha_powers: [EF; NUM_LOGUP_CONSTRAINTS],
}

impl FoldContext {
    pub fn new(
        public_values: &[u32],
        lc: &LookupChallenges,
        claimed_sum: &Ext,
        alpha: &Ext,
    ) -> FoldContext {
        let alpha = ext_from_array(alpha);
        let mut powers = vec![EF::ONE; NUM_ALL_CONSTRAINTS];
        for i in (0..NUM_ALL_CONSTRAINTS - 1).rev() {
            powers[i] = powers[i + 1] * alpha;
        }
        FoldContext {
            public: public_fields(public_values),
            lookup: LookupCoords::new(lc),
            claimed_sum: ext_from_array(claimed_sum),
            air_alpha_powers: powers[..NUM_CONSTRAINTS]
                .iter()
                .map(|&p| coords(p))
                .collect(),
            logup_alpha_powers: core::array::from_fn(|j| powers[NUM_CONSTRAINTS + j]),
        }
    }
}

/// Folds the AIR constraint values (base field) with extension weights:
/// acc = sum_i c_i weight_i, returned as its 4 coordinates.
pub trait AirFolder<V>: ConstraintSink<V> {
    fn finish(self) -> [V; 4];
}

/// The generic folder: 4 multiplications per constraint.
pub struct PlainFolder<'a, V> {
    weights: &'a [[F; 4]],
    index: usize,
    acc: [V; 4],
}

impl<V: Val> ConstraintSink<V> for PlainFolder<'_, V> {
    #[inline(always)]
    fn emit(&mut self, value: V) {
        let w = &self.weights[self.index];
        for (acc, &we) in self.acc.iter_mut().zip(w) {
            *acc += value * we;
        }
        self.index += 1;
    }
}

impl<'a, V: Val> PlainFolder<'a, V> {
    pub fn new(weights: &'a [[F; 4]]) -> Self {
        PlainFolder {
            weights,
            index: 0,
            acc: [V::ZERO; 4],
        }
    }
}

impl<V: Val> AirFolder<V> for PlainFolder<'_, V> {
    fn finish(self) -> [V; 4] {
        debug_assert_eq!(self.index, self.weights.len());
        self.acc
    }
}

/// The scalar folder: products of u32 representatives summed in u128 and
/// reduced once per coordinate (delayed reduction).
///
/// `to_unique_u32` is F's internal (Montgomery) representative x R mod p and
/// the weights are canonical, so the sum is (sum_i c_i w_i) R mod p; the
/// result is corrected by `unique_factor_inv` = (unique(1))^(-1) = R^(-1).
/// (Only unique(x) = x c mod p for a constant c is assumed; the tests compare
/// this folder with the normative fold.) Each product is below 2^62, so a
/// u128 holds the sum of any realistic number of them.
pub struct DelayedFolder<'a> {
    weights: &'a [[u32; 4]],
    index: usize,
    acc: [u128; 4],
    unique_factor_inv: F,
}

impl ConstraintSink<F> for DelayedFolder<'_> {
    #[inline(always)]
    fn emit(&mut self, value: F) {
        let v = value.to_unique_u32() as u64;
        let w = &self.weights[self.index];
        for (acc, &we) in self.acc.iter_mut().zip(w) {
            *acc += (v * we as u64) as u128;
        }
        self.index += 1;
    }
}

impl<'a> DelayedFolder<'a> {
    pub fn new(weights: &'a [[u32; 4]], unique_factor_inv: F) -> Self {
        DelayedFolder {
            weights,
            index: 0,
            acc: [0; 4],
            unique_factor_inv,
        }
    }
}

impl AirFolder<F> for DelayedFolder<'_> {
    fn finish(self) -> [F; 4] {
        debug_assert_eq!(self.index, self.weights.len());
        let p = F::ORDER_U32 as u128;
        self.acc
            .map(|a| F::new((a % p) as u32) * self.unique_factor_inv)
    }
}

/// (unique(1))^(-1): the factor that turns a sum of unique representatives into the value.
pub fn unique_factor_inv() -> F {
    F::new(F::ONE.to_unique_u32()).inverse()
}

/// The AIR weights as canonical u32 (for `DelayedFolder`).
pub fn canonical_weights(weights: &[[F; 4]]) -> Vec<[u32; 4]> {
    weights
        .iter()
        .map(|w| w.map(|x| x.as_canonical_u32()))
        .collect()
}

/// The LogUp constraints l_j (logup::logup_constraints for this AIR: pairs,
/// first, transition, last) weighted as the Horner fold weights them,
/// sum_j alpha^(27-j) l_j, from the row's fractions and aux values.
/// `aux_local` / `aux_next` are the AUX_WIDTH base coordinates (aux extension
/// column 0 is the fixed fingerprint, 1..=25 the pairs h_j, 26 phi).
#[inline(always)]
pub fn fold_logup<V, E>(
    fractions: &[FastFraction<V>; NUM_FRACTIONS],
    aux_local: &[V],
    aux_next: &[V],
    sel: &Sel<V>,
    ctx: &FoldContext,
) -> E
where
    V: Val,
    E: Algebra<V> + Algebra<EF> + BasedVectorSpace<V> + Copy,
{
    let ext = |coords: &[V]| E::from_basis_coefficients_fn(|e| coords[e]);
    let aux = |j: usize| ext(&aux_local[4 * j..4 * j + 4]);
    let weights = &ctx.logup_alpha_powers;
    let mut acc = E::ZERO;
    let mut row_sum = E::ZERO;
    for j in 0..NUM_PAIRS {
        let h = aux(1 + j);
        let a = &fractions[2 * j];
        let da: E = ext(&a.denominator);
        let value = if 2 * j + 1 < NUM_FRACTIONS {
            let b = &fractions[2 * j + 1];
            let db: E = ext(&b.denominator);
            h * da * db - (db * a.numerator + da * b.numerator)
        } else {
            h * da - a.numerator
        };
        acc += value * weights[j];
        row_sum += h;
    }
    let phi = aux(1 + NUM_PAIRS);
    let phi_next = ext(&aux_next[4 * (1 + NUM_PAIRS)..4 * (2 + NUM_PAIRS)]);
    acc += phi * sel.is_first_row * weights[NUM_PAIRS];
    acc += (phi_next - phi - row_sum) * sel.is_transition * weights[NUM_PAIRS + 1];
    // The last constraint's weight is alpha^0 = 1.
    acc += (phi + row_sum - ctx.claimed_sum) * sel.is_last_row;
    acc
}

/// The folded numerator sum_i alpha^(m-1-i) c_i of every constraint at one point
/// (V = F, E = EF) or at WIDTH points (V = F::Packing, E = EF::ExtensionPacking),
/// with the AIR part folded by `folder`.
#[inline(always)]
pub fn folded_numerator<V, E, S>(
    local: &[V],
    next: &[V],
    aux_local: &[V],
    aux_next: &[V],
    sel: &Sel<V>,
    ctx: &FoldContext,
    mut folder: S,
) -> E
where
    V: Val,
    E: Algebra<V> + Algebra<EF> + BasedVectorSpace<V> + Copy,
    S: AirFolder<V>,
{
    eval_constraints(local, next, &ctx.public, sel, &mut folder);
    let air = folder.finish();
    let fixed_fp: [V; 4] = core::array::from_fn(|e| aux_local[e]);
    let mut fractions = [FastFraction {
        numerator: V::ZERO,
        denominator: [V::ZERO; 4],
    }; NUM_FRACTIONS];
    eval_fractions(local, &fixed_fp, &ctx.lookup, &mut fractions);
    let logup: E = fold_logup(&fractions, aux_local, aux_next, sel, ctx);
    E::from_basis_coefficients_fn(|e| air[e]) + logup
}

/// The folded numerator at one point, all values base field (tests and
/// reference): equals `fold_constraints(all_constraints_at(..), alpha)`.
pub fn folded_numerator_at(
    local: &[F],
    next: &[F],
    aux_local: &[F],
    aux_next: &[F],
    sel: &Sel<F>,
    ctx: &FoldContext,
) -> EF {
    folded_numerator::<F, EF, _>(
        local,
        next,
        aux_local,
        aux_next,
        sel,
        ctx,
        PlainFolder::new(&ctx.air_alpha_powers),
    )
}

/// Unpacks lane `lane` of a packed extension value.
pub fn extract_lane<P, E>(value: &E, lane: usize) -> EF
where
    P: PackedField<Scalar = F>,
    E: BasedVectorSpace<P>,
{
    let s = value.as_basis_coefficients_slice();
    EF::from_basis_coefficients_fn(|e| s[e].as_slice()[lane])
}

// ------------------------------------------------------------ self-check

/// Records the index of the first nonzero constraint.
struct FirstNonzero {
    index: usize,
    first: Option<usize>,
}

impl ConstraintSink<F> for FirstNonzero {
    #[inline(always)]
    fn emit(&mut self, value: F) {
        if self.first.is_none() && !value.is_zero() {
            self.first = Some(self.index);
        }
        self.index += 1;
    }
}

/// The first (row, constraint) of the trace domain where an AIR constraint
/// does not vanish (selectors 0/1), as `prove::check_constraints` finds it with
/// the normative `rv32im_v1::eval`; `None` if the trace satisfies the AIR.
/// The caller guarantees the trace width and the public value count.
pub fn first_violation(
    trace: &p3_matrix::dense::RowMajorMatrix<F>,
    public_values: &[u32],
) -> Option<(usize, usize)> {
    use p3_maybe_rayon::prelude::*;
    let w = WIDTH;
    let n = trace.values.len() / w;
    let pv = public_fields(public_values);
    (0..n).into_par_iter().find_map_first(|row| {
        let next = (row + 1) % n;
        let sel = Sel {
            is_first_row: F::from_bool(row == 0),
            is_last_row: F::from_bool(row == n - 1),
            is_transition: F::from_bool(row != n - 1),
        };
        let mut sink = FirstNonzero {
            index: 0,
            first: None,
        };
        eval_constraints(
            &trace.values[row * w..(row + 1) * w],
            &trace.values[next * w..(next + 1) * w],
            &pv,
            &sel,
            &mut sink,
        );
        sink.first.map(|c| (row, c))
    })
}
