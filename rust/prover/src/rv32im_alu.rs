//! First slice of the RV32IM AIR (docs/air.md §14): witness rows for the
//! CPU adder/comparator (ADD, ADDI, SUB, SLT[I], SLT[I]U, branches) and the
//! same constraints as `zkvm_verifier::air_rv32im_alu::eval` over the base
//! field. The row layout is the verifier's (`air_rv32im_alu::*` constants).
//!
//! Rows are built from the fields of an executor step record (pc, next_pc,
//! instruction word, rs1/rs2 values, rd value), passed as plain integers so
//! that this crate does not depend on the executor.

use p3_field::PrimeCharacteristicRing;
use zkvm_verifier::air_rv32im_alu::*;

use crate::types::F;

/// What one executed instruction did, as far as this slice needs it.
#[derive(Clone, Copy, Debug)]
pub struct AluStep {
    pub pc: u32,
    pub next_pc: u32,
    pub word: u32,
    pub rs1_value: u32,
    pub rs2_value: u32,
    /// Result written to rd (for SLT*, ADD, SUB); ignored for branches and
    /// when rd = x0 (the row then holds the computed, discarded result).
    pub rd_value: u32,
}

/// The class flag and immediate of a covered instruction, or `None`.
fn classify(word: u32) -> Option<(usize, bool, u32)> {
    let opcode = word & 0x7f;
    let funct3 = (word >> 12) & 7;
    let funct7 = word >> 25;
    let imm_i = ((word as i32) >> 20) as u32;
    let imm_b = ((((word as i32) >> 31) << 12)
        | ((((word >> 7) & 1) as i32) << 11)
        | ((((word >> 25) & 0x3f) as i32) << 5)
        | ((((word >> 8) & 0xf) as i32) << 1)) as u32;
    match (opcode, funct3, funct7) {
        (0x33, 0, 0x00) => Some((F_ADD, false, 0)),
        (0x33, 0, 0x20) => Some((F_SUB, false, 0)),
        (0x33, 2, 0x00) => Some((F_SLT, false, 0)),
        (0x33, 3, 0x00) => Some((F_SLTU, false, 0)),
        (0x13, 0, _) => Some((F_ADD, true, imm_i)),
        (0x13, 2, _) => Some((F_SLT, true, imm_i)),
        (0x13, 3, _) => Some((F_SLTU, true, imm_i)),
        (0x63, 0, _) => Some((F_BEQ, false, imm_b)),
        (0x63, 1, _) => Some((F_BNE, false, imm_b)),
        (0x63, 4, _) => Some((F_BLT, false, imm_b)),
        (0x63, 5, _) => Some((F_BGE, false, imm_b)),
        (0x63, 6, _) => Some((F_BLTU, false, imm_b)),
        (0x63, 7, _) => Some((F_BGEU, false, imm_b)),
        _ => None,
    }
}

fn reduce(x: u64) -> u32 {
    (x % u64::from(zkvm_verifier::field::P)) as u32
}

/// The witness row for a covered instruction (`None` otherwise). The rd value
/// and next_pc are taken from `step` as claimed, and every other cell is
/// computed from them the way an honest prover would (carries from the limb
/// sums, w from the claimed result); a forged claim therefore yields a row
/// that violates a constraint or a range predicate.
pub fn witness_row(step: &AluStep) -> Option<[u32; WIDTH]> {
    let (flag, use_imm, imm) = classify(step.word)?;
    let mut row = [0u32; WIDTH];
    row[flag] = 1;
    row[USE_IMM] = u32::from(use_imm);
    let is_branch = flag >= F_BEQ;
    let (v1, v2) = (step.rs1_value, step.rs2_value);
    let op2 = if use_imm { imm } else { v2 };
    row[PC] = step.pc;
    row[NEXT_PC] = step.next_pc;
    let target = step.pc.wrapping_add(imm);
    row[TARGET] = if is_branch && target < (1 << 30) {
        target
    } else if is_branch {
        1 << 30
    } else {
        0
    };
    row[V1_LO] = v1 & 0xffff;
    row[V1_HI] = v1 >> 16;
    row[V2_LO] = v2 & 0xffff;
    row[V2_HI] = v2 >> 16;
    if use_imm {
        row[IMM_LO] = imm & 0xffff;
        row[IMM_HI] = imm >> 16;
    }
    row[OP2_LO] = op2 & 0xffff;
    row[OP2_HI] = op2 >> 16;
    // With rd = x0 the executor records 0, but the row holds the discarded
    // result (the full AIR's rd port is then disabled by write_rd = 0).
    let rd = if is_branch {
        0
    } else if (step.word >> 7) & 31 == 0 {
        match flag {
            F_ADD => v1.wrapping_add(op2),
            F_SUB => v1.wrapping_sub(op2),
            F_SLT => u32::from((v1 as i32) < (op2 as i32)),
            _ => u32::from(v1 < op2),
        }
    } else {
        step.rd_value
    };
    row[RD_LO] = rd & 0xffff;
    row[RD_HI] = rd >> 16;

    // The work word: the result for ADD/SUB, the difference v1 - op2 otherwise.
    let w = match flag {
        F_ADD | F_SUB => rd,
        _ => v1.wrapping_sub(op2),
    };
    let w_lo = w & 0xffff;
    row[Q] = w_lo >> 2;
    row[B1] = (w_lo >> 1) & 1;
    row[B0] = w_lo & 1;
    row[W_HI] = w >> 16;
    // Carries from the limb sums of the adder direction in use.
    let (lo_sum, hi_base) = if flag == F_ADD {
        ((v1 & 0xffff) + (op2 & 0xffff), (v1 >> 16) + (op2 >> 16))
    } else {
        (w_lo + (op2 & 0xffff), (w >> 16) + (op2 >> 16))
    };
    let c0 = lo_sum >> 16;
    let c1 = (hi_base + c0) >> 16;
    row[C0] = c0;
    row[C1] = c1;
    row[S1] = v1 >> 31;
    row[S2] = op2 >> 31;
    let e = reduce(u64::from(w_lo) + u64::from(w >> 16));
    row[INV] = if e == 0 {
        0
    } else {
        zkvm_verifier::field::inv(e)
    };
    // taken: from the claimed next pc.
    row[TAKEN] = u32::from(is_branch && step.next_pc != step.pc.wrapping_add(4));
    Some(row)
}

/// Base-field constraint values, same polynomials and order as
/// `air_rv32im_alu::eval`.
pub fn eval_base(row: &[F], out: &mut [F; NUM_CONSTRAINTS]) {
    let one = F::ONE;
    let two16 = F::from_u32(1 << 16);
    let b = |x: F| x * (x - one);
    let mut k = 0;
    for &x in &row[..NUM_FLAGS] {
        out[k] = b(x);
        k += 1;
    }
    for col in [USE_IMM, B0, B1, C0, C1, S1, S2, TAKEN] {
        out[k] = b(row[col]);
        k += 1;
    }
    let (use_imm, not_imm) = (row[USE_IMM], one - row[USE_IMM]);
    out[18] = row[OP2_LO] - (use_imm * row[IMM_LO] + not_imm * row[V2_LO]);
    out[19] = row[OP2_HI] - (use_imm * row[IMM_HI] + not_imm * row[V2_HI]);
    let w_lo = row[Q] * F::from_u32(4) + row[B1].double() + row[B0];
    let w_hi = row[W_HI];
    let f_br = row[F_BEQ] + row[F_BNE] + row[F_BLT] + row[F_BGE] + row[F_BLTU] + row[F_BGEU];
    let f_s = row[F_SUB] + row[F_SLT] + row[F_SLTU] + f_br;
    let (c0, c1) = (row[C0], row[C1]);
    out[20] = row[F_ADD] * (row[V1_LO] + row[OP2_LO] - w_lo - two16 * c0);
    out[21] = row[F_ADD] * (row[V1_HI] + row[OP2_HI] + c0 - w_hi - two16 * c1);
    out[22] = f_s * (w_lo + row[OP2_LO] - row[V1_LO] - two16 * c0);
    out[23] = f_s * (w_hi + row[OP2_HI] + c0 - row[V1_HI] - two16 * c1);
    let f_addsub = row[F_ADD] + row[F_SUB];
    out[24] = f_addsub * (row[RD_LO] - w_lo);
    out[25] = f_addsub * (row[RD_HI] - w_hi);
    let lt_u = c1;
    let lt_s = c1 + row[S1] - row[S2];
    out[26] = row[F_SLTU] * (row[RD_LO] - lt_u);
    out[27] = row[F_SLTU] * row[RD_HI];
    out[28] = row[F_SLT] * (row[RD_LO] - lt_s);
    out[29] = row[F_SLT] * row[RD_HI];
    let e = w_lo + w_hi;
    let taken = row[TAKEN];
    let e_inv = e * row[INV];
    out[30] = row[F_BEQ] * taken * e;
    out[31] = row[F_BEQ] * (one - taken - e_inv);
    out[32] = row[F_BNE] * (one - taken) * e;
    out[33] = row[F_BNE] * (taken - e_inv);
    out[34] = row[F_BLTU] * (taken - lt_u);
    out[35] = row[F_BGEU] * (taken - (one - lt_u));
    out[36] = row[F_BLT] * (taken - lt_s);
    out[37] = row[F_BGE] * (taken - (one - lt_s));
    let pc4 = row[PC] + F::from_u32(4);
    out[38] = f_br * (row[NEXT_PC] - pc4 - taken * (row[TARGET] - pc4));
    out[39] = (f_addsub + row[F_SLT] + row[F_SLTU]) * (row[NEXT_PC] - pc4);
}

/// True iff every constraint vanishes and the range predicates hold.
pub fn row_is_valid(row: &[u32; WIDTH]) -> bool {
    if row.iter().any(|&x| x >= zkvm_verifier::field::P) {
        return false;
    }
    let f: Vec<F> = row.iter().map(|&x| F::from_u32(x)).collect();
    let mut out = [F::ZERO; NUM_CONSTRAINTS];
    eval_base(&f, &mut out);
    out.iter().all(|&x| x == F::ZERO) && range_checks_hold(row)
}
