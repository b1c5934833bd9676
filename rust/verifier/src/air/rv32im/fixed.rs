//! The fixed table of the RV32IM machine, derived from the verifying key
//! alone (docs/air.md §6), and FIXED, the table that receives its rows.
//!
//! Rows, each a full message (tag first): one PROG row per program
//! instruction, one IMG row per initialised memory word, the 64 POW2 rows
//! (shift factors), the 256 U8 rows (bytes) and the 256 AND4 rows (nibble
//! ANDs). FIXED has one column, m: row i of FIXED receives fixed row i m
//! times, through the fingerprint column of its auxiliary trace, which the
//! verifier checks against this table at the out-of-domain point
//! (docs/protocol.md §5.1).

use super::bus;
use crate::air::FixedTable;
use crate::field;
use crate::receipt::program::{self, Program, ProgramRow};

pub const M: usize = 0;
pub const WIDTH: usize = 1;
/// One fixed table, one fraction: -m / (point - fixed_fp).
pub const NUM_FRACTIONS: usize = 1;
pub const MAX_LOG_HEIGHT: u32 = 20;

/// The register ECALL reads as rs1: a7, the syscall number.
pub const ECALL_RS1: u32 = 17;

fn lo(v: u32) -> u32 {
    v & 0xFFFF
}

fn hi(v: u32) -> u32 {
    v >> 16
}

/// The op number of PROG and EXEC: OP_* + 64 for the immediate forms.
pub fn exec_op(row: &ProgramRow) -> u32 {
    if row.use_imm == 1 {
        row.op + bus::IMM_OP_OFFSET
    } else {
        row.op
    }
}

/// The PROG flags of an instruction (docs/air.md §3).
pub fn flags(row: &ProgramRow) -> u32 {
    let op = row.op;
    let mut flags: u32 = 0;
    if row.write_rd == 1 {
        flags = flags + bus::FLAG_WR;
    }
    if op >= program::OP_BEQ && op <= program::OP_BGEU {
        flags = flags + bus::FLAG_BR;
    }
    if op == program::OP_JAL {
        flags = flags + bus::FLAG_JAL;
    }
    if op == program::OP_JALR {
        flags = flags + bus::FLAG_JALR;
    }
    if op == program::OP_LUI
        || op == program::OP_AUIPC
        || op == program::OP_JAL
        || op == program::OP_JALR
    {
        flags = flags + bus::FLAG_K;
    }
    if op != program::OP_LUI
        && op != program::OP_AUIPC
        && op != program::OP_JAL
        && op != program::OP_FENCE
    {
        flags = flags + bus::FLAG_EXEC;
    }
    flags
}

/// The PROG message of a program row.
pub fn prog_row(row: &ProgramRow) -> Vec<u32> {
    let rs1 = if row.op == program::OP_ECALL {
        ECALL_RS1
    } else {
        row.rs1
    };
    vec![
        bus::TAG_PROG,
        row.pc,
        exec_op(row),
        rs1,
        row.rs2,
        row.rd,
        lo(row.imm),
        hi(row.imm),
        lo(row.k),
        hi(row.k),
        row.target,
        flags(row),
    ]
}

/// The 64 shift-factor rows: kind 0 (left) s -> 2^s, kind 1 (right) s ->
/// 2^(32 - s) (1 for s = 0), as four bytes, and nz = [s != 0].
pub fn push_pow2_rows(rows: &mut Vec<Vec<u32>>) {
    let mut kind: u32 = 0;
    while kind < 2 {
        let mut s: u32 = 0;
        while s < 32 {
            let factor: u64 = if kind == 0 {
                1u64 << s
            } else if s == 0 {
                1
            } else {
                1u64 << (32 - s)
            };
            let nz: u32 = if s == 0 { 0 } else { 1 };
            rows.push(vec![
                bus::TAG_POW2,
                kind,
                s,
                (factor & 0xFF) as u32,
                ((factor >> 8) & 0xFF) as u32,
                ((factor >> 16) & 0xFF) as u32,
                ((factor >> 24) & 0xFF) as u32,
                nz,
            ]);
            s += 1;
        }
        kind += 1;
    }
}

/// The fixed table: PROG rows, IMG rows, POW2 rows, U8 rows, AND4 rows.
pub fn fixed_table(program: &Program) -> FixedTable {
    let mut rows: Vec<Vec<u32>> = Vec::new();
    let mut i = 0;
    while i < program.rows.len() {
        rows.push(prog_row(&program.rows[i]));
        i += 1;
    }
    i = 0;
    while i < program.image.len() {
        let w = &program.image[i];
        rows.push(vec![bus::TAG_IMG, w.space, w.wa, lo(w.value), hi(w.value)]);
        i += 1;
    }
    push_pow2_rows(&mut rows);
    let mut v: u32 = 0;
    while v < 256 {
        rows.push(vec![bus::TAG_U8, v]);
        v += 1;
    }
    let mut a: u32 = 0;
    while a < 16 {
        let mut b: u32 = 0;
        while b < 16 {
            rows.push(vec![bus::TAG_AND4, a, b, a & b]);
            b += 1;
        }
        a += 1;
    }
    FixedTable { rows }
}

/// Every field of every row is a canonical field element.
pub fn is_canonical(table: &FixedTable) -> bool {
    let mut i = 0;
    while i < table.rows.len() {
        let mut j = 0;
        while j < table.rows[i].len() {
            if !field::is_canonical(table.rows[i][j]) {
                return false;
            }
            j += 1;
        }
        i += 1;
    }
    true
}

/// Index of the first POW2 row in the fixed table of `program`.
pub fn pow2_start(program: &Program) -> usize {
    program.rows.len() + program.image.len()
}

/// Index of the first U8 row.
pub fn u8_start(program: &Program) -> usize {
    pow2_start(program) + 64
}

/// Index of the first AND4 row.
pub fn and4_start(program: &Program) -> usize {
    u8_start(program) + 256
}
