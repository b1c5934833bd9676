//! First slice of the RV32IM AIR (docs/air.md §5.3, §14): the CPU row's
//! work-word adder/comparator for ADD, ADDI, SUB, SLT, SLTI, SLTU, SLTIU and
//! the six conditional branches. Row-local constraints (no selectors, no
//! next row); not an `AirId` yet. The LogUp range lookups of the full design
//! (U14(q), U16(w_hi), the two msb gadgets) are stood in for by
//! `range_checks_hold` on the base-field row.
//!
//! Words are two 16-bit limbs. The work word is w = (w_lo, w_hi) with
//! w_lo = 4q + 2 b1 + b0. Column layout: see the constants below.
//!
//! Constraints, in order (f_S = f_sub + f_slt + f_sltu + f_br,
//! f_br = sum of the six branch flags, E = w_lo + w_hi):
//!   c0..c17  booleans: the 10 flags, use_imm, b0, b1, c0, c1, s1, s2, taken
//!   c18,c19  op2 - (use_imm imm + (1 - use_imm) v2), per limb        (deg 2)
//!   c20,c21  f_add (v1 + op2 = w + 2^32 c1), limbs with carry c0       (deg 2)
//!   c22,c23  f_S   (w + op2 = v1 + 2^32 c1)                            (deg 2)
//!   c24,c25  (f_add + f_sub) (rd - w), per limb                        (deg 2)
//!   c26,c27  f_sltu (rd_lo - c1), f_sltu rd_hi
//!   c28,c29  f_slt (rd_lo - c1 - s1 + s2), f_slt rd_hi
//!   c30,c31  f_beq taken E, f_beq (1 - taken - E inv)                  (deg 3)
//!   c32,c33  f_bne (1 - taken) E, f_bne (taken - E inv)                (deg 3)
//!   c34..c37 f_bltu (taken - c1), f_bgeu (taken - 1 + c1),
//!            f_blt (taken - c1 - s1 + s2), f_bge (taken - 1 + c1 + s1 - s2)
//!   c38      f_br (next_pc - pc - 4 - taken (target - pc - 4))         (deg 3)
//!   c39      (f_add + f_sub + f_slt + f_sltu) (next_pc - pc - 4)
//! Degree 3.

use crate::extension::{self, Ext};
use crate::field;

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
pub const NUM_FLAGS: usize = 10;
pub const USE_IMM: usize = 10;
pub const PC: usize = 11;
pub const NEXT_PC: usize = 12;
pub const TARGET: usize = 13;
pub const V1_LO: usize = 14;
pub const V1_HI: usize = 15;
pub const V2_LO: usize = 16;
pub const V2_HI: usize = 17;
pub const IMM_LO: usize = 18;
pub const IMM_HI: usize = 19;
pub const OP2_LO: usize = 20;
pub const OP2_HI: usize = 21;
pub const RD_LO: usize = 22;
pub const RD_HI: usize = 23;
pub const Q: usize = 24;
pub const B0: usize = 25;
pub const B1: usize = 26;
pub const W_HI: usize = 27;
pub const C0: usize = 28;
pub const C1: usize = 29;
pub const S1: usize = 30;
pub const S2: usize = 31;
pub const INV: usize = 32;
pub const TAKEN: usize = 33;
pub const WIDTH: usize = 34;

pub const NUM_CONSTRAINTS: usize = 40;
pub const MAX_CONSTRAINT_DEGREE: u32 = 3;

const TWO_16: u32 = 65536;

fn c(v: u32) -> Ext {
    extension::from_base(v)
}

/// b (b - 1)
fn boolean(b: &Ext) -> Ext {
    extension::mul(b, &extension::sub(b, &extension::ONE))
}

/// x + y (shorthand)
fn add(x: &Ext, y: &Ext) -> Ext {
    extension::add(x, y)
}

fn sub(x: &Ext, y: &Ext) -> Ext {
    extension::sub(x, y)
}

fn mul(x: &Ext, y: &Ext) -> Ext {
    extension::mul(x, y)
}

/// The 40 constraint values of one row; an empty vector if
/// row.len() != WIDTH (so that no input can make this panic).
pub fn eval(row: &[Ext]) -> Vec<Ext> {
    let mut out: Vec<Ext> = Vec::new();
    if row.len() != WIDTH {
        return out;
    }

    // Booleans.
    let mut i = 0;
    while i < NUM_FLAGS {
        out.push(boolean(&row[i]));
        i += 1;
    }
    out.push(boolean(&row[USE_IMM]));
    out.push(boolean(&row[B0]));
    out.push(boolean(&row[B1]));
    out.push(boolean(&row[C0]));
    out.push(boolean(&row[C1]));
    out.push(boolean(&row[S1]));
    out.push(boolean(&row[S2]));
    out.push(boolean(&row[TAKEN]));

    // Operand 2.
    let use_imm = &row[USE_IMM];
    let not_imm = sub(&extension::ONE, use_imm);
    let op2_lo_expected = add(&mul(use_imm, &row[IMM_LO]), &mul(&not_imm, &row[V2_LO]));
    let op2_hi_expected = add(&mul(use_imm, &row[IMM_HI]), &mul(&not_imm, &row[V2_HI]));
    out.push(sub(&row[OP2_LO], &op2_lo_expected));
    out.push(sub(&row[OP2_HI], &op2_hi_expected));

    // Work word and flag sums.
    let w_lo = add(
        &add(
            &extension::mul_base(&row[Q], 4),
            &extension::mul_base(&row[B1], 2),
        ),
        &row[B0],
    );
    let w_hi = &row[W_HI];
    let f_br = add(
        &add(
            &add(&row[F_BEQ], &row[F_BNE]),
            &add(&row[F_BLT], &row[F_BGE]),
        ),
        &add(&row[F_BLTU], &row[F_BGEU]),
    );
    let f_s = add(&add(&row[F_SUB], &row[F_SLT]), &add(&row[F_SLTU], &f_br));
    let two16 = c(TWO_16);
    let c0_shift = mul(&two16, &row[C0]);
    let c1_shift = mul(&two16, &row[C1]);

    // Adder, add direction: v1 + op2 = w + 2^32 c1.
    let a_lo = sub(&sub(&add(&row[V1_LO], &row[OP2_LO]), &w_lo), &c0_shift);
    let a_hi = sub(
        &sub(&add(&add(&row[V1_HI], &row[OP2_HI]), &row[C0]), w_hi),
        &c1_shift,
    );
    out.push(mul(&row[F_ADD], &a_lo));
    out.push(mul(&row[F_ADD], &a_hi));

    // Adder, subtract direction: w + op2 = v1 + 2^32 c1.
    let s_lo = sub(&sub(&add(&w_lo, &row[OP2_LO]), &row[V1_LO]), &c0_shift);
    let s_hi = sub(
        &sub(&add(&add(w_hi, &row[OP2_HI]), &row[C0]), &row[V1_HI]),
        &c1_shift,
    );
    out.push(mul(&f_s, &s_lo));
    out.push(mul(&f_s, &s_hi));

    // ADD/ADDI/SUB: rd = w.
    let f_addsub = add(&row[F_ADD], &row[F_SUB]);
    out.push(mul(&f_addsub, &sub(&row[RD_LO], &w_lo)));
    out.push(mul(&f_addsub, &sub(&row[RD_HI], w_hi)));

    // Comparisons: lt_u = c1, lt_s = c1 + s1 - s2.
    let lt_u = &row[C1];
    let lt_s = sub(&add(lt_u, &row[S1]), &row[S2]);
    out.push(mul(&row[F_SLTU], &sub(&row[RD_LO], lt_u)));
    out.push(mul(&row[F_SLTU], &row[RD_HI]));
    out.push(mul(&row[F_SLT], &sub(&row[RD_LO], &lt_s)));
    out.push(mul(&row[F_SLT], &row[RD_HI]));

    // Equality branches: E = w_lo + w_hi is zero iff w = 0.
    let e = add(&w_lo, w_hi);
    let taken = &row[TAKEN];
    let not_taken = sub(&extension::ONE, taken);
    let e_inv = mul(&e, &row[INV]);
    out.push(mul(&row[F_BEQ], &mul(taken, &e)));
    out.push(mul(&row[F_BEQ], &sub(&not_taken, &e_inv)));
    out.push(mul(&row[F_BNE], &mul(&not_taken, &e)));
    out.push(mul(&row[F_BNE], &sub(taken, &e_inv)));

    // Relational branches.
    out.push(mul(&row[F_BLTU], &sub(taken, lt_u)));
    out.push(mul(&row[F_BGEU], &sub(taken, &sub(&extension::ONE, lt_u))));
    out.push(mul(&row[F_BLT], &sub(taken, &lt_s)));
    out.push(mul(&row[F_BGE], &sub(taken, &sub(&extension::ONE, &lt_s))));

    // Next pc.
    let four = c(4);
    let pc4 = add(&row[PC], &four);
    let jump = sub(&row[TARGET], &pc4);
    out.push(mul(
        &f_br,
        &sub(&sub(&row[NEXT_PC], &pc4), &mul(taken, &jump)),
    ));
    let f_seq = add(&f_addsub, &add(&row[F_SLT], &row[F_SLTU]));
    out.push(mul(&f_seq, &sub(&row[NEXT_PC], &pc4)));

    out
}

/// The range predicates that the full AIR proves by lookups (docs/air.md
/// §5.2 fractions 18-21): q < 2^14, w_hi < 2^16, and the msb gadgets
/// 2 v1_hi - 2^16 s1 and 2 op2_hi - 2^16 s2 in [0, 2^16) (field values).
/// False if row.len() != WIDTH. Entries are taken as canonical field elements.
pub fn range_checks_hold(row: &[u32]) -> bool {
    if row.len() != WIDTH {
        return false;
    }
    if row[Q] >= (1 << 14) {
        return false;
    }
    if row[W_HI] >= TWO_16 {
        return false;
    }
    let m1 = field::sub(field::mul(2, row[V1_HI]), field::mul(TWO_16, row[S1]));
    let m2 = field::sub(field::mul(2, row[OP2_HI]), field::mul(TWO_16, row[S2]));
    m1 < TWO_16 && m2 < TWO_16
}
