//! CPU rows (zkvm_verifier::air::rv32im::cpu): one per instruction.

use zkvm_verifier::air::rv32im::cpu as col;

use super::builder::Access;

/// One instruction's CPU row. `prog` is its PROG message (fixed::prog_row:
/// tag, pc, op, rs1, rs2, rd, imm_lo, imm_hi, k_lo, k_hi, target, flags), a
/// and b the values of rs1 and rs2, c its result, `rd` the rd port's access
/// when the instruction writes rd.
#[allow(clippy::too_many_arguments)]
pub fn fill(
    row: &mut [u32],
    clk: u32,
    next_pc: u32,
    prog: &[u32],
    a: u32,
    b: u32,
    c: u32,
    rs1: Access,
    rs2: Access,
    rd: Option<Access>,
    halt: bool,
) {
    row[col::IS_REAL] = 1;
    row[col::HALT] = halt as u32;
    row[col::CLK] = clk;
    row[col::PC] = prog[1];
    row[col::NEXT_PC] = next_pc;
    row[col::OP] = prog[2];
    row[col::RS1] = prog[3];
    row[col::RS2] = prog[4];
    row[col::RD] = prog[5];
    row[col::IMM_LO] = prog[6];
    row[col::IMM_HI] = prog[7];
    row[col::K_LO] = prog[8];
    row[col::K_HI] = prog[9];
    row[col::TARGET] = prog[10];
    let flags = prog[11];
    for (i, &f) in col::FLAGS.iter().enumerate() {
        row[f] = (flags >> i) & 1;
    }
    row[col::A_LO] = a & 0xFFFF;
    row[col::A_HI] = a >> 16;
    row[col::B_LO] = b & 0xFFFF;
    row[col::B_HI] = b >> 16;
    row[col::C_LO] = c & 0xFFFF;
    row[col::C_HI] = c >> 16;
    row[col::T1] = rs1.prev_ts;
    row[col::G1_LO] = rs1.gap_lo;
    row[col::G1_HI] = rs1.gap_hi;
    row[col::T2] = rs2.prev_ts;
    row[col::G2_LO] = rs2.gap_lo;
    row[col::G2_HI] = rs2.gap_hi;
    if let Some(rd) = rd {
        row[col::T3] = rd.prev_ts;
        row[col::G3_LO] = rd.gap_lo;
        row[col::G3_HI] = rd.gap_hi;
        row[col::P_LO] = rd.old & 0xFFFF;
        row[col::P_HI] = rd.old >> 16;
    }
}

/// A padding row after the last instruction: clk counts on, next_pc = pc + 4
/// (the next-pc constraint holds without flags), nothing on the bus.
pub fn fill_padding(row: &mut [u32], clk: u32) {
    row[col::CLK] = clk;
    row[col::NEXT_PC] = 4;
}
