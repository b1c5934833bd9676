//! The RV32IM AIR (docs/air.md, "version 1: one trace"): every executed
//! instruction is one row of a single trace of height N = 2^k (k >= 16),
//! which also carries, in other columns of the same rows, the memory
//! boundary table (one row per touched memory cell), the range-check tables
//! (counters 0..2^16, 0..2^14, 0..2^12 with multiplicities) and the
//! multiplicities of the fixed table (program rows, initial memory image and
//! shift factors, all derived by the verifier from the ELF).
//!
//! Words: result-bearing words are held as 32 boolean columns (x = rs1,
//! y = operand 2, z = result, w = adder output / address, u = auxiliary
//! word); words that are only moved (rs2 value, memory values, previous
//! register values) as two 16-bit limbs. Every value written to a register
//! or memory is built from bits, bytes of the input or values read before,
//! so every value in the memory argument is a well-formed word.
//!
//! Memory: registers (space REG), writable memory (RAM) and the executable
//! segments (ROM) are one offline-checked memory: each access receives the
//! tuple (space, wa, value, ts_prev) and sends (space, wa, value', ts) with
//! ts = 8 clk + port and ts - ts_prev - 1 in [0, 2^28); the boundary rows
//! send the initial tuple (ts 0) and receive the final one, once per cell
//! (strictly increasing keys 3 wa + space).
//!
//! Input and output bytes are moved by "io rows" that follow a read or
//! write ECALL, one byte per row; the verifier supplies the INPUT messages
//! and consumes the OUTPUT messages (boundary of the bus).
//!
//! All constraints have degree <= 3; every LogUp message is linear in the
//! main columns and every multiplicity has degree <= 1.

use crate::air::{BoundaryMessages, FixedTable, Fraction, LookupChallenges, Selectors, TableShape};
use crate::error::VerifyError;
use crate::field;
use crate::field::extension::{self, Ext};
use crate::protocol::logup;
use crate::receipt::program;

// ---------------------------------------------------------------- columns
pub const IS_REAL: usize = 0;
pub const IS_IO: usize = 1;
pub const CLK: usize = 2;
pub const ICOUNT: usize = 3;
pub const PC: usize = 4;
pub const NEXT_PC: usize = 5;
pub const IN_POS: usize = 6;
pub const OUT_POS: usize = 7;
pub const LEFT: usize = 8;
pub const LEFT_INV: usize = 9;
/// One flag per operation: column FLAG0 + op (op numbers in program.rs).
pub const FLAG0: usize = 10;
pub const NUM_OPS: usize = 38;
pub const USE_IMM: usize = 48;
pub const RS1: usize = 49;
pub const RS2: usize = 50;
pub const RD: usize = 51;
pub const WRITE_RD: usize = 52;
pub const IMM_LO: usize = 53;
pub const IMM_HI: usize = 54;
pub const K_LO: usize = 55;
pub const K_HI: usize = 56;
pub const TARGET: usize = 57;
pub const F_READ: usize = 58;
pub const F_WRITE: usize = 59;
pub const F_EXIT: usize = 60;
pub const IO_RD: usize = 61;
pub const IO_WR1: usize = 62;
pub const IO_WR2: usize = 63;
pub const IOB: usize = 64;
/// Bits of rs1's value.
pub const X: usize = 65;
/// Bits of operand 2 (imm if use_imm, else rs2's value).
pub const Y: usize = 97;
/// Bits of the result written to rd.
pub const Z: usize = 129;
/// Bits of the adder output (sum, difference or byte address); DIV/REM: r.
pub const W: usize = 161;
/// Bits of the auxiliary word: the memory word for sub-word accesses and io rows; DIV/REM: q.
pub const U: usize = 193;
pub const V2_LO: usize = 225;
pub const V2_HI: usize = 226;
pub const V5_LO: usize = 227;
pub const V5_HI: usize = 228;
pub const RDP_LO: usize = 229;
pub const RDP_HI: usize = 230;
pub const MSPACE: usize = 231;
pub const MWA: usize = 232;
pub const MOLD_LO: usize = 233;
pub const MOLD_HI: usize = 234;
pub const MNEW_LO: usize = 235;
pub const MNEW_HI: usize = 236;
/// Previous timestamp of port k (0 rs1, 1 rs2, 2 memory, 3 a1, 4 rd): T0 + k.
pub const T0: usize = 237;
/// Timestamp gap of port k: GAP0 + 2k (low 16 bits), GAP0 + 2k + 1 (high 12 bits).
pub const GAP0: usize = 242;
pub const C0: usize = 252;
pub const C1: usize = 253;
pub const TAKEN: usize = 254;
pub const EINV: usize = 255;
/// Byte-lane one-hot: L0 + lane.
pub const L0: usize = 256;
pub const MA0: usize = 260;
pub const MB0: usize = 264;
pub const SA: usize = 268;
pub const SB: usize = 269;
pub const P0: usize = 270;
pub const KAPPA0: usize = 274;
pub const TH: usize = 278;
pub const NZ: usize = 279;
pub const D0: usize = 280;
pub const D1: usize = 281;
pub const D2: usize = 282;
pub const OVF: usize = 283;
pub const YZ: usize = 284;
pub const YINV: usize = 285;
pub const SXS: usize = 286;
pub const SR: usize = 287;
pub const EA: usize = 288;
pub const ER: usize = 289;
pub const AY_LO: usize = 290;
pub const AY_HI: usize = 291;
pub const AR_LO: usize = 292;
pub const AR_HI: usize = 293;
pub const DLT_LO: usize = 294;
pub const DLT_HI: usize = 295;
pub const BD: usize = 296;
pub const MFIX: usize = 297;
pub const V16: usize = 298;
pub const M16: usize = 299;
pub const V14: usize = 300;
pub const M14: usize = 301;
pub const V12: usize = 302;
pub const M12: usize = 303;
pub const B_IMG: usize = 304;
pub const B_ZERO: usize = 305;
pub const B_SPACE: usize = 306;
pub const B_WA: usize = 307;
pub const B_INIT_LO: usize = 308;
pub const B_INIT_HI: usize = 309;
pub const B_FIN_LO: usize = 310;
pub const B_FIN_HI: usize = 311;
pub const B_FIN_TS: usize = 312;
pub const B_GAP_LO: usize = 313;
pub const B_GAP_HI: usize = 314;
/// One-hot selection of the zero interval: B_SEL0 + j.
pub const B_SEL0: usize = 315;
pub const B_E1_LO: usize = 319;
pub const B_E1_HI: usize = 320;
pub const B_E2_LO: usize = 321;
pub const B_E2_HI: usize = 322;
pub const WIDTH: usize = 323;

pub const NUM_PORTS: usize = 5;
pub const PORT_RS1: usize = 0;
pub const PORT_RS2: usize = 1;
pub const PORT_MEM: usize = 2;
pub const PORT_A1: usize = 3;
pub const PORT_RD: usize = 4;

// ---------------------------------------------------------- public values
pub const PV_ENTRY: usize = 0;
pub const PV_EXIT_LO: usize = 1;
pub const PV_EXIT_HI: usize = 2;
pub const PV_CYCLES: usize = 3;
pub const PV_INPUT_LEN: usize = 4;
pub const PV_INPUT_CONSUMED: usize = 5;
pub const PV_OUTPUT_LEN: usize = 6;
/// Zero interval j is [pv[PV_ZERO0 + 2j], pv[PV_ZERO0 + 2j + 1]) in word addresses.
pub const PV_ZERO0: usize = 7;
pub const MAX_ZERO_INTERVALS: usize = 4;
pub const NUM_PUBLIC_VALUES: usize = 15;

// ---------------------------------------------------------- message tags
pub const TAG_PROG: u32 = 1;
pub const TAG_MEM: u32 = 2;
pub const TAG_IMG: u32 = 3;
pub const TAG_POW2: u32 = 4;
pub const TAG_U16: u32 = 5;
pub const TAG_U14: u32 = 6;
pub const TAG_U12: u32 = 7;
pub const TAG_INPUT: u32 = 8;
pub const TAG_OUTPUT: u32 = 9;

pub const NUM_FRACTIONS: usize = 49;
pub const NUM_CONSTRAINTS: usize = 445;

// Operation numbers as column offsets (program.rs defines them).
pub const OP_LUI: usize = program::OP_LUI as usize;
pub const OP_AUIPC: usize = program::OP_AUIPC as usize;
pub const OP_JAL: usize = program::OP_JAL as usize;
pub const OP_JALR: usize = program::OP_JALR as usize;
pub const OP_BEQ: usize = program::OP_BEQ as usize;
pub const OP_BNE: usize = program::OP_BNE as usize;
pub const OP_BLT: usize = program::OP_BLT as usize;
pub const OP_BGE: usize = program::OP_BGE as usize;
pub const OP_BLTU: usize = program::OP_BLTU as usize;
pub const OP_BGEU: usize = program::OP_BGEU as usize;
pub const OP_LB: usize = program::OP_LB as usize;
pub const OP_LH: usize = program::OP_LH as usize;
pub const OP_LW: usize = program::OP_LW as usize;
pub const OP_LBU: usize = program::OP_LBU as usize;
pub const OP_LHU: usize = program::OP_LHU as usize;
pub const OP_SB: usize = program::OP_SB as usize;
pub const OP_SH: usize = program::OP_SH as usize;
pub const OP_SW: usize = program::OP_SW as usize;
pub const OP_ADD: usize = program::OP_ADD as usize;
pub const OP_SUB: usize = program::OP_SUB as usize;
pub const OP_SLL: usize = program::OP_SLL as usize;
pub const OP_SLT: usize = program::OP_SLT as usize;
pub const OP_SLTU: usize = program::OP_SLTU as usize;
pub const OP_XOR: usize = program::OP_XOR as usize;
pub const OP_SRL: usize = program::OP_SRL as usize;
pub const OP_SRA: usize = program::OP_SRA as usize;
pub const OP_OR: usize = program::OP_OR as usize;
pub const OP_AND: usize = program::OP_AND as usize;
pub const OP_MUL: usize = program::OP_MUL as usize;
pub const OP_MULH: usize = program::OP_MULH as usize;
pub const OP_MULHSU: usize = program::OP_MULHSU as usize;
pub const OP_MULHU: usize = program::OP_MULHU as usize;
pub const OP_DIV: usize = program::OP_DIV as usize;
pub const OP_DIVU: usize = program::OP_DIVU as usize;
pub const OP_REM: usize = program::OP_REM as usize;
pub const OP_REMU: usize = program::OP_REMU as usize;
pub const OP_ECALL: usize = program::OP_ECALL as usize;

pub const SPACE_RAM: u32 = program::SPACE_RAM;
pub const SPACE_ROM: u32 = program::SPACE_ROM;
/// a1 (buffer of read/write), read through port 3 of an ECALL row.
pub const REG_A1: u32 = 11;
/// a7 (syscall number), read through the memory port of an ECALL row.
pub const REG_A7: u32 = 17;

pub const TWO16: u32 = 65536;

// ------------------------------------------------------ small arithmetic
fn ad(a: &Ext, b: &Ext) -> Ext {
    extension::add(a, b)
}
fn sb(a: &Ext, b: &Ext) -> Ext {
    extension::sub(a, b)
}
fn ml(a: &Ext, b: &Ext) -> Ext {
    extension::mul(a, b)
}
fn mc(a: &Ext, c: u32) -> Ext {
    extension::mul_base(a, c)
}
fn k(c: u32) -> Ext {
    extension::from_base(c)
}
fn one_minus(a: &Ext) -> Ext {
    extension::sub(&extension::ONE, a)
}
/// a (a - 1): zero iff a is 0 or 1.
fn boolean(a: &Ext) -> Ext {
    ml(a, &sb(a, &extension::ONE))
}
fn flag(row: &[Ext], op: usize) -> Ext {
    row[FLAG0 + op]
}
/// Sum of the flags of ops first..=last.
fn flag_range(row: &[Ext], first: usize, last: usize) -> Ext {
    let mut acc = extension::ZERO;
    let mut op = first;
    while op <= last {
        acc = ad(&acc, &row[FLAG0 + op]);
        op += 1;
    }
    acc
}
/// sum_{i<count} 2^i row[start + i]
fn bits_value(row: &[Ext], start: usize, count: usize) -> Ext {
    let mut acc = extension::ZERO;
    let mut i = count;
    while i > 0 {
        i -= 1;
        acc = ad(&mc(&acc, 2), &row[start + i]);
    }
    acc
}
fn lo16(row: &[Ext], word: usize) -> Ext {
    bits_value(row, word, 16)
}
fn hi16(row: &[Ext], word: usize) -> Ext {
    bits_value(row, word + 16, 16)
}
fn byte_of(row: &[Ext], word: usize, lane: usize) -> Ext {
    bits_value(row, word + 8 * lane, 8)
}
/// Number of set bits among row[start .. start + count] (zero iff all are zero).
fn bit_sum(row: &[Ext], start: usize, count: usize) -> Ext {
    let mut acc = extension::ZERO;
    let mut i = 0;
    while i < count {
        acc = ad(&acc, &row[start + i]);
        i += 1;
    }
    acc
}
fn bit(row: &[Ext], word: usize, i: usize) -> Ext {
    row[word + i]
}

/// Multiplicity of port k.
fn port_mult(row: &[Ext], port: usize) -> Ext {
    if port == PORT_RS1 || port == PORT_RS2 {
        return row[IS_REAL];
    }
    if port == PORT_MEM {
        let mut m = flag_range(row, OP_LB, OP_SW);
        m = ad(&m, &flag(row, OP_ECALL));
        return ad(&m, &row[IS_IO]);
    }
    if port == PORT_A1 {
        return flag(row, OP_ECALL);
    }
    sb(&row[WRITE_RD], &row[F_EXIT])
}

fn timestamp(row: &[Ext], port: usize) -> Ext {
    ad(&mc(&row[CLK], 8), &k(port as u32))
}

/// The factors of the 64-bit product, as 8 bytes each (sign-extended).
fn mul_operand_bytes(row: &[Ext], first: usize, sign: usize) -> [Ext; 8] {
    let ext = mc(&row[sign], 255);
    [
        row[first],
        row[first + 1],
        row[first + 2],
        row[first + 3],
        ext,
        ext,
        ext,
        ext,
    ]
}

pub fn shape() -> TableShape {
    TableShape {
        width: WIDTH,
        num_constraints: NUM_CONSTRAINTS,
        max_constraint_degree: 3,
        num_fractions: NUM_FRACTIONS,
        num_fixed_tables: 1,
        // The 2^16-row range counter needs at least 2^16 rows; the security
        // figures of docs/protocol.md are stated up to 2^22 rows.
        min_log_height: crate::receipt::MIN_LOG_ROWS,
        max_log_height: crate::receipt::MAX_LOG_ROWS,
    }
}

// ------------------------------------------------------------ constraints

/// All constraints of the AIR at one point, in a fixed order.
/// The caller guarantees local.len() == next.len() == WIDTH and
/// public_values.len() == NUM_PUBLIC_VALUES.
pub fn eval(local: &[Ext], next: &[Ext], public_values: &[u32], sel: &Selectors) -> Vec<Ext> {
    let r = local;
    let n = next;
    let mut out: Vec<Ext> = Vec::with_capacity(NUM_CONSTRAINTS);
    let one = extension::ONE;

    // Flags and booleans.
    let is_real = r[IS_REAL];
    let is_io = r[IS_IO];
    let mut i = 0;
    while i < NUM_OPS {
        out.push(boolean(&r[FLAG0 + i]));
        i += 1;
    }
    let simple_booleans: [usize; 24] = [
        IS_REAL, IS_IO, USE_IMM, WRITE_RD, F_READ, F_WRITE, F_EXIT, IO_RD, IO_WR1, IO_WR2, C0, C1,
        TAKEN, D0, D1, D2, OVF, YZ, EA, ER, BD, B_IMG, B_ZERO, NZ,
    ];
    i = 0;
    while i < 24 {
        out.push(boolean(&r[simple_booleans[i]]));
        i += 1;
    }
    i = 0;
    while i < 4 {
        out.push(boolean(&r[L0 + i]));
        out.push(boolean(&r[B_SEL0 + i]));
        i += 1;
    }
    let words: [usize; 5] = [X, Y, Z, W, U];
    let mut wi = 0;
    while wi < 5 {
        i = 0;
        while i < 32 {
            out.push(boolean(&r[words[wi] + i]));
            i += 1;
        }
        wi += 1;
    }

    // Row kinds.
    let all_flags = flag_range(r, 0, NUM_OPS - 1);
    out.push(sb(&all_flags, &is_real));
    out.push(ml(&is_real, &is_io));
    out.push(ml(&r[WRITE_RD], &one_minus(&is_real)));
    out.push(sb(
        &ad(&ad(&r[F_READ], &r[F_WRITE]), &r[F_EXIT]),
        &flag(r, OP_ECALL),
    ));
    out.push(sb(&ad(&ad(&r[IO_RD], &r[IO_WR1]), &r[IO_WR2]), &is_io));

    // Sequencing.
    let pv_entry = k(public_values[PV_ENTRY]);
    out.push(ml(&sel.is_first_row, &sb(&is_real, &one)));
    out.push(ml(&sel.is_first_row, &sb(&r[PC], &pv_entry)));
    out.push(ml(&sel.is_first_row, &sb(&r[CLK], &one)));
    out.push(ml(&sel.is_first_row, &sb(&r[ICOUNT], &one)));
    out.push(ml(&sel.is_first_row, &r[IN_POS]));
    out.push(ml(&sel.is_first_row, &r[OUT_POS]));
    let active = ad(&is_real, &is_io);
    let active_next = ad(&n[IS_REAL], &n[IS_IO]);
    // Real non-exit and io rows are followed by a real or io row; exit and padding by padding.
    out.push(ml(
        &sel.is_transition,
        &sb(&sb(&active, &r[F_EXIT]), &active_next),
    ));
    out.push(ml(&sel.is_last_row, &sb(&active, &r[F_EXIT])));
    out.push(ml(
        &sel.is_transition,
        &ml(&n[IS_REAL], &sb(&n[PC], &r[NEXT_PC])),
    ));
    out.push(ml(
        &sel.is_transition,
        &ml(&n[IS_IO], &sb(&n[NEXT_PC], &r[NEXT_PC])),
    ));
    out.push(ml(
        &sel.is_transition,
        &ml(&active_next, &sb(&sb(&n[CLK], &r[CLK]), &one)),
    ));
    out.push(ml(
        &sel.is_transition,
        &sb(&sb(&n[ICOUNT], &r[ICOUNT]), &n[IS_REAL]),
    ));
    out.push(ml(
        &sel.is_transition,
        &sb(&sb(&n[IN_POS], &r[IN_POS]), &r[IO_RD]),
    ));
    out.push(ml(
        &sel.is_transition,
        &sb(&sb(&n[OUT_POS], &r[OUT_POS]), &r[IO_WR1]),
    ));
    out.push(ml(
        &sel.is_last_row,
        &sb(
            &ad(&r[IN_POS], &r[IO_RD]),
            &k(public_values[PV_INPUT_CONSUMED]),
        ),
    ));
    out.push(ml(
        &sel.is_last_row,
        &sb(
            &ad(&r[OUT_POS], &r[IO_WR1]),
            &k(public_values[PV_OUTPUT_LEN]),
        ),
    ));
    // Exit row: public exit code (a0, read as operand 2) and cycle count.
    out.push(ml(
        &r[F_EXIT],
        &sb(&lo16(r, Y), &k(public_values[PV_EXIT_LO])),
    ));
    out.push(ml(
        &r[F_EXIT],
        &sb(&hi16(r, Y), &k(public_values[PV_EXIT_HI])),
    ));
    out.push(ml(
        &r[F_EXIT],
        &sb(&r[ICOUNT], &k(public_values[PV_CYCLES])),
    ));

    // Next pc.
    let f_br = flag_range(r, OP_BEQ, OP_BGEU);
    let seq = sb(
        &sb(&sb(&is_real, &f_br), &flag(r, OP_JAL)),
        &flag(r, OP_JALR),
    );
    let pc4 = ad(&r[PC], &k(4));
    out.push(ml(&seq, &sb(&r[NEXT_PC], &pc4)));
    out.push(ml(&flag(r, OP_JAL), &sb(&r[NEXT_PC], &r[TARGET])));
    let jalr_target = sb(&bits_value(r, W, 30), &bit(r, W, 0));
    out.push(ml(&flag(r, OP_JALR), &sb(&r[NEXT_PC], &jalr_target)));
    out.push(ml(&flag(r, OP_JALR), &bit(r, W, 30)));
    out.push(ml(&flag(r, OP_JALR), &bit(r, W, 31)));
    let branch_pc = ad(&pc4, &ml(&r[TAKEN], &sb(&r[TARGET], &pc4)));
    out.push(ml(&f_br, &sb(&r[NEXT_PC], &branch_pc)));

    // Operand 2 and the adder.
    let x_lo = lo16(r, X);
    let x_hi = hi16(r, X);
    let y_lo = lo16(r, Y);
    let y_hi = hi16(r, Y);
    let z_lo = lo16(r, Z);
    let z_hi = hi16(r, Z);
    let w_lo = lo16(r, W);
    let w_hi = hi16(r, W);
    let u_lo = lo16(r, U);
    let u_hi = hi16(r, U);
    let use_imm = r[USE_IMM];
    out.push(ml(
        &is_real,
        &sb(
            &y_lo,
            &ad(
                &ml(&use_imm, &r[IMM_LO]),
                &ml(&one_minus(&use_imm), &r[V2_LO]),
            ),
        ),
    ));
    out.push(ml(
        &is_real,
        &sb(
            &y_hi,
            &ad(
                &ml(&use_imm, &r[IMM_HI]),
                &ml(&one_minus(&use_imm), &r[V2_HI]),
            ),
        ),
    ));
    let f_load = flag_range(r, OP_LB, OP_LHU);
    let f_store = flag_range(r, OP_SB, OP_SW);
    let addr_mode = ad(&ad(&f_load, &f_store), &flag(r, OP_JALR));
    let f_read = r[F_READ];
    let b_keep = one_minus(&ad(&addr_mode, &f_read));
    let b_lo = ad(
        &ad(&ml(&addr_mode, &r[IMM_LO]), &ml(&f_read, &z_lo)),
        &ml(&b_keep, &y_lo),
    );
    let b_hi = ad(
        &ad(&ml(&addr_mode, &r[IMM_HI]), &ml(&f_read, &z_hi)),
        &ml(&b_keep, &y_hi),
    );
    let f_add = ad(&flag(r, OP_ADD), &addr_mode);
    let f_sub = ad(
        &ad(
            &ad(&flag(r, OP_SUB), &flag(r, OP_SLT)),
            &ad(&flag(r, OP_SLTU), &f_br),
        ),
        &f_read,
    );
    let two16 = k(TWO16);
    // add: x + b = w + 2^32 c1
    out.push(ml(
        &f_add,
        &sb(&ad(&x_lo, &b_lo), &ad(&w_lo, &ml(&two16, &r[C0]))),
    ));
    out.push(ml(
        &f_add,
        &sb(
            &ad(&ad(&x_hi, &b_hi), &r[C0]),
            &ad(&w_hi, &ml(&two16, &r[C1])),
        ),
    ));
    // sub: w + b = x + 2^32 c1, so w = x - b and c1 = [x <u b]
    out.push(ml(
        &f_sub,
        &sb(&ad(&w_lo, &b_lo), &ad(&x_lo, &ml(&two16, &r[C0]))),
    ));
    out.push(ml(
        &f_sub,
        &sb(
            &ad(&ad(&w_hi, &b_hi), &r[C0]),
            &ad(&x_hi, &ml(&two16, &r[C1])),
        ),
    ));

    // ALU results.
    let add_sub = ad(&flag(r, OP_ADD), &flag(r, OP_SUB));
    out.push(ml(&add_sub, &sb(&z_lo, &w_lo)));
    out.push(ml(&add_sub, &sb(&z_hi, &w_hi)));
    let signed_lt = sb(&ad(&r[C1], &bit(r, X, 31)), &bit(r, Y, 31));
    out.push(ml(&flag(r, OP_SLT), &sb(&z_lo, &signed_lt)));
    out.push(ml(&flag(r, OP_SLTU), &sb(&z_lo, &r[C1])));
    out.push(ml(&ad(&flag(r, OP_SLT), &flag(r, OP_SLTU)), &z_hi));
    let constant_ops = ad(
        &ad(&flag(r, OP_LUI), &flag(r, OP_AUIPC)),
        &ad(&flag(r, OP_JAL), &flag(r, OP_JALR)),
    );
    out.push(ml(&constant_ops, &sb(&z_lo, &r[K_LO])));
    out.push(ml(&constant_ops, &sb(&z_hi, &r[K_HI])));
    // Bitwise, bit by bit.
    let f_xor = flag(r, OP_XOR);
    let f_or = flag(r, OP_OR);
    let f_and = flag(r, OP_AND);
    i = 0;
    while i < 32 {
        let xb = bit(r, X, i);
        let yb = bit(r, Y, i);
        let xy = ml(&xb, &yb);
        let x_plus_y = ad(&xb, &yb);
        let expect = ad(
            &ad(
                &ml(&f_xor, &sb(&x_plus_y, &mc(&xy, 2))),
                &ml(&f_or, &sb(&x_plus_y, &xy)),
            ),
            &ml(&f_and, &xy),
        );
        out.push(sb(
            &ml(&ad(&ad(&f_xor, &f_or), &f_and), &bit(r, Z, i)),
            &expect,
        ));
        i += 1;
    }

    // Branches.
    let e_w = bit_sum(r, W, 32);
    let taken = r[TAKEN];
    out.push(ml(&flag(r, OP_BEQ), &ml(&taken, &e_w)));
    out.push(ml(
        &flag(r, OP_BEQ),
        &sb(&one_minus(&taken), &ml(&e_w, &r[EINV])),
    ));
    out.push(ml(&flag(r, OP_BNE), &ml(&one_minus(&taken), &e_w)));
    out.push(ml(&flag(r, OP_BNE), &sb(&taken, &ml(&e_w, &r[EINV]))));
    out.push(ml(&flag(r, OP_BLT), &sb(&taken, &signed_lt)));
    out.push(ml(&flag(r, OP_BGE), &sb(&taken, &one_minus(&signed_lt))));
    out.push(ml(&flag(r, OP_BLTU), &sb(&taken, &r[C1])));
    out.push(ml(&flag(r, OP_BGEU), &sb(&taken, &one_minus(&r[C1]))));

    // Memory port: space, word address, values.
    let f_ecall = flag(r, OP_ECALL);
    let io_wr = ad(&r[IO_WR1], &r[IO_WR2]);
    let word_access = ad(&ad(&f_load, &f_store), &is_io);
    out.push(ml(&word_access, &sb(&r[MWA], &bits_value(r, W + 2, 30))));
    out.push(ml(&f_ecall, &sb(&r[MWA], &k(REG_A7))));
    out.push(ml(&f_ecall, &r[MSPACE]));
    let ram_or_rom = ml(
        &sb(&r[MSPACE], &k(SPACE_RAM)),
        &sb(&r[MSPACE], &k(SPACE_ROM)),
    );
    out.push(ml(&ad(&f_load, &io_wr), &ram_or_rom));
    out.push(ml(&ad(&f_store, &r[IO_RD]), &sb(&r[MSPACE], &k(SPACE_RAM))));
    let unchanged = ad(&ad(&f_load, &io_wr), &f_ecall);
    out.push(ml(&unchanged, &sb(&r[MNEW_LO], &r[MOLD_LO])));
    out.push(ml(&unchanged, &sb(&r[MNEW_HI], &r[MOLD_HI])));
    // Lanes from the address bits w0, w1.
    let f_sub_word = ad(
        &ad(
            &ad(&flag(r, OP_LB), &flag(r, OP_LH)),
            &ad(&flag(r, OP_LBU), &flag(r, OP_LHU)),
        ),
        &ad(&ad(&flag(r, OP_SB), &flag(r, OP_SH)), &is_io),
    );
    let lane_sum = ad(&ad(&r[L0], &r[L0 + 1]), &ad(&r[L0 + 2], &r[L0 + 3]));
    out.push(sb(&lane_sum, &f_sub_word));
    out.push(ml(
        &f_sub_word,
        &sb(&ad(&r[L0 + 1], &r[L0 + 3]), &bit(r, W, 0)),
    ));
    out.push(ml(
        &f_sub_word,
        &sb(&ad(&r[L0 + 2], &r[L0 + 3]), &bit(r, W, 1)),
    ));
    out.push(ml(&f_sub_word, &sb(&r[MOLD_LO], &u_lo)));
    out.push(ml(&f_sub_word, &sb(&r[MOLD_HI], &u_hi)));
    // Alignment.
    let word_aligned = ad(&flag(r, OP_LW), &flag(r, OP_SW));
    let half_aligned = ad(&ad(&flag(r, OP_LH), &flag(r, OP_LHU)), &flag(r, OP_SH));
    out.push(ml(&ad(&word_aligned, &half_aligned), &bit(r, W, 0)));
    out.push(ml(&word_aligned, &bit(r, W, 1)));

    // Loads.
    let f_lw = flag(r, OP_LW);
    out.push(ml(&f_lw, &sb(&z_lo, &r[MOLD_LO])));
    out.push(ml(&f_lw, &sb(&z_hi, &r[MOLD_HI])));
    let mut sel_byte = extension::ZERO;
    let mut byte_sign = extension::ZERO;
    let mut lane = 0;
    while lane < 4 {
        sel_byte = ad(&sel_byte, &ml(&r[L0 + lane], &byte_of(r, U, lane)));
        byte_sign = ad(&byte_sign, &ml(&r[L0 + lane], &bit(r, U, 8 * lane + 7)));
        lane += 1;
    }
    let w1 = bit(r, W, 1);
    let sel_half = ad(&ml(&one_minus(&w1), &u_lo), &ml(&w1, &u_hi));
    let half_sign = ad(
        &ml(&one_minus(&w1), &bit(r, U, 15)),
        &ml(&w1, &bit(r, U, 31)),
    );
    out.push(ml(
        &flag(r, OP_LB),
        &sb(&z_lo, &ad(&sel_byte, &mc(&byte_sign, 0xFF00))),
    ));
    out.push(ml(&flag(r, OP_LB), &sb(&z_hi, &mc(&byte_sign, 0xFFFF))));
    out.push(ml(&flag(r, OP_LBU), &sb(&z_lo, &sel_byte)));
    out.push(ml(&flag(r, OP_LH), &sb(&z_lo, &sel_half)));
    out.push(ml(&flag(r, OP_LH), &sb(&z_hi, &mc(&half_sign, 0xFFFF))));
    out.push(ml(&flag(r, OP_LHU), &sb(&z_lo, &sel_half)));
    out.push(ml(&ad(&flag(r, OP_LBU), &flag(r, OP_LHU)), &z_hi));

    // Stores and io reads: the new word.
    out.push(ml(&flag(r, OP_SW), &sb(&r[MNEW_LO], &y_lo)));
    out.push(ml(&flag(r, OP_SW), &sb(&r[MNEW_HI], &y_hi)));
    out.push(ml(
        &flag(r, OP_SH),
        &sb(
            &r[MNEW_LO],
            &ad(&u_lo, &ml(&one_minus(&w1), &sb(&y_lo, &u_lo))),
        ),
    ));
    out.push(ml(
        &flag(r, OP_SH),
        &sb(&r[MNEW_HI], &ad(&u_hi, &ml(&w1, &sb(&y_lo, &u_hi)))),
    ));
    // Byte insertion: the byte b replaces lane l of u.
    let y_byte = byte_of(r, Y, 0);
    let insert_lo_sb = ad(
        &ad(&u_lo, &ml(&r[L0], &sb(&y_byte, &byte_of(r, U, 0)))),
        &mc(&ml(&r[L0 + 1], &sb(&y_byte, &byte_of(r, U, 1))), 256),
    );
    let insert_hi_sb = ad(
        &ad(&u_hi, &ml(&r[L0 + 2], &sb(&y_byte, &byte_of(r, U, 2)))),
        &mc(&ml(&r[L0 + 3], &sb(&y_byte, &byte_of(r, U, 3))), 256),
    );
    out.push(ml(&flag(r, OP_SB), &sb(&r[MNEW_LO], &insert_lo_sb)));
    out.push(ml(&flag(r, OP_SB), &sb(&r[MNEW_HI], &insert_hi_sb)));
    let iob = r[IOB];
    let insert_lo_io = ad(
        &ad(&u_lo, &ml(&r[L0], &sb(&iob, &byte_of(r, U, 0)))),
        &mc(&ml(&r[L0 + 1], &sb(&iob, &byte_of(r, U, 1))), 256),
    );
    let insert_hi_io = ad(
        &ad(&u_hi, &ml(&r[L0 + 2], &sb(&iob, &byte_of(r, U, 2)))),
        &mc(&ml(&r[L0 + 3], &sb(&iob, &byte_of(r, U, 3))), 256),
    );
    out.push(ml(&r[IO_RD], &sb(&r[MNEW_LO], &insert_lo_io)));
    out.push(ml(&r[IO_RD], &sb(&r[MNEW_HI], &insert_hi_io)));
    out.push(ml(&io_wr, &sb(&iob, &sel_byte)));

    // Multiplier: (ma, sa) x (mb, sb) as 64-bit two's-complement numbers.
    let mul_ops = flag_range(r, OP_MUL, OP_MULHU);
    let shifts = ad(&ad(&flag(r, OP_SLL), &flag(r, OP_SRL)), &flag(r, OP_SRA));
    let div_ops = flag_range(r, OP_DIV, OP_REMU);
    let signed_div = ad(&flag(r, OP_DIV), &flag(r, OP_REM));
    let mul_unit = ad(&ad(&mul_ops, &shifts), &div_ops);
    let x_times = ad(&mul_ops, &shifts);
    i = 0;
    while i < 4 {
        out.push(sb(
            &r[MA0 + i],
            &ad(
                &ml(&x_times, &byte_of(r, X, i)),
                &ml(&div_ops, &byte_of(r, U, i)),
            ),
        ));
        out.push(ml(
            &ad(&mul_ops, &div_ops),
            &sb(&r[MB0 + i], &byte_of(r, Y, i)),
        ));
        i += 1;
    }
    let sa_expect = ad(
        &ml(
            &ad(
                &ad(&flag(r, OP_MULH), &flag(r, OP_MULHSU)),
                &flag(r, OP_SRA),
            ),
            &bit(r, X, 31),
        ),
        &ml(&signed_div, &bit(r, U, 31)),
    );
    out.push(sb(&r[SA], &sa_expect));
    let sb_expect = ml(&ad(&flag(r, OP_MULH), &signed_div), &bit(r, Y, 31));
    out.push(sb(&r[SB], &sb_expect));
    let a8 = mul_operand_bytes(r, MA0, SA);
    let b8 = mul_operand_bytes(r, MB0, SB);
    let mut conv: [Ext; 8] = [extension::ZERO; 8];
    let mut ia = 0;
    while ia < 8 {
        let mut ib = 0;
        while ia + ib < 8 {
            conv[ia + ib] = ad(&conv[ia + ib], &ml(&a8[ia], &b8[ib]));
            ib += 1;
        }
        ia += 1;
    }
    let mut m = 0;
    while m < 4 {
        let limb = ad(&conv[2 * m], &mc(&conv[2 * m + 1], 256));
        let carry_in = if m == 0 {
            extension::ZERO
        } else {
            r[KAPPA0 + m - 1]
        };
        out.push(ml(
            &mul_unit,
            &sb(
                &ad(&limb, &carry_in),
                &ad(&r[P0 + m], &ml(&two16, &r[KAPPA0 + m])),
            ),
        ));
        m += 1;
    }
    let th_expect = ad(
        &ad(&flag(r, OP_MULH), &flag(r, OP_MULHSU)),
        &ad(
            &flag(r, OP_MULHU),
            &ml(&ad(&flag(r, OP_SRL), &flag(r, OP_SRA)), &r[NZ]),
        ),
    );
    out.push(sb(&r[TH], &th_expect));
    let takes_product = ad(&mul_ops, &shifts);
    out.push(ml(
        &takes_product,
        &sb(&z_lo, &ad(&r[P0], &ml(&r[TH], &sb(&r[P0 + 2], &r[P0])))),
    ));
    out.push(ml(
        &takes_product,
        &sb(
            &z_hi,
            &ad(&r[P0 + 1], &ml(&r[TH], &sb(&r[P0 + 3], &r[P0 + 1]))),
        ),
    ));

    // Division: q = u, r = w, P = q * y (64-bit), x = q y + r.
    let q_result = ad(&flag(r, OP_DIV), &flag(r, OP_DIVU));
    let r_result = ad(&flag(r, OP_REM), &flag(r, OP_REMU));
    out.push(ml(&q_result, &sb(&z_lo, &u_lo)));
    out.push(ml(&q_result, &sb(&z_hi, &u_hi)));
    out.push(ml(&r_result, &sb(&z_lo, &w_lo)));
    out.push(ml(&r_result, &sb(&z_hi, &w_hi)));
    let e_y = bit_sum(r, Y, 32);
    out.push(ml(&r[YZ], &one_minus(&div_ops)));
    out.push(ml(&r[YZ], &e_y));
    out.push(ml(&div_ops, &sb(&one_minus(&r[YZ]), &ml(&e_y, &r[YINV]))));
    out.push(ml(&r[YZ], &sb(&u_lo, &k(0xFFFF))));
    out.push(ml(&r[YZ], &sb(&u_hi, &k(0xFFFF))));
    let ovf = r[OVF];
    out.push(ml(&ovf, &one_minus(&signed_div)));
    out.push(ml(&ovf, &x_lo));
    out.push(ml(&ovf, &sb(&x_hi, &k(0x8000))));
    out.push(ml(&ovf, &sb(&y_lo, &k(0xFFFF))));
    out.push(ml(&ovf, &sb(&y_hi, &k(0xFFFF))));
    out.push(ml(&ovf, &u_lo));
    out.push(ml(&ovf, &sb(&u_hi, &k(0x8000))));
    out.push(ml(&ovf, &w_lo));
    out.push(ml(&ovf, &w_hi));
    out.push(sb(&r[SR], &ml(&signed_div, &bit(r, W, 31))));
    out.push(sb(&r[SXS], &ml(&signed_div, &bit(r, X, 31))));
    let identity = sb(&div_ops, &ovf);
    let r_ext = mc(&r[SR], 0xFFFF);
    let x_ext = mc(&r[SXS], 0xFFFF);
    out.push(ml(
        &identity,
        &sb(&ad(&r[P0], &w_lo), &ad(&x_lo, &ml(&two16, &r[D0]))),
    ));
    out.push(ml(
        &identity,
        &sb(
            &ad(&ad(&r[P0 + 1], &w_hi), &r[D0]),
            &ad(&x_hi, &ml(&two16, &r[D1])),
        ),
    ));
    out.push(ml(
        &identity,
        &sb(
            &ad(&ad(&r[P0 + 2], &r_ext), &r[D1]),
            &ad(&x_ext, &ml(&two16, &r[D2])),
        ),
    ));
    let top = sb(&ad(&ad(&r[P0 + 3], &r_ext), &r[D2]), &x_ext);
    out.push(ml(&identity, &ml(&top, &sb(&top, &two16))));
    // The remainder has the dividend's sign (or is zero).
    out.push(ml(&sb(&signed_div, &r[SXS]), &bit(r, W, 31)));
    out.push(ml(&r[SXS], &ml(&one_minus(&bit(r, W, 31)), &e_w)));
    // |y| and |r|, then |r| < |y| unless y = 0.
    let sby = r[SB];
    out.push(ml(
        &div_ops,
        &sb(
            &r[AY_LO],
            &ad(
                &ml(&sby, &sb(&mc(&r[EA], TWO16), &y_lo)),
                &ml(&one_minus(&sby), &y_lo),
            ),
        ),
    ));
    out.push(ml(
        &div_ops,
        &sb(
            &r[AY_HI],
            &ad(
                &ml(&sby, &sb(&sb(&two16, &y_hi), &r[EA])),
                &ml(&one_minus(&sby), &y_hi),
            ),
        ),
    ));
    let sr = r[SR];
    out.push(ml(
        &div_ops,
        &sb(
            &r[AR_LO],
            &ad(
                &ml(&sr, &sb(&mc(&r[ER], TWO16), &w_lo)),
                &ml(&one_minus(&sr), &w_lo),
            ),
        ),
    ));
    out.push(ml(
        &div_ops,
        &sb(
            &r[AR_HI],
            &ad(
                &ml(&sr, &sb(&sb(&two16, &w_hi), &r[ER])),
                &ml(&one_minus(&sr), &w_hi),
            ),
        ),
    ));
    let compare = sb(&div_ops, &r[YZ]);
    out.push(ml(
        &compare,
        &sb(
            &ad(&ad(&r[DLT_LO], &r[AR_LO]), &one),
            &ad(&r[AY_LO], &ml(&two16, &r[BD])),
        ),
    ));
    out.push(ml(
        &compare,
        &sb(&ad(&ad(&r[DLT_HI], &r[AR_HI]), &r[BD]), &r[AY_HI]),
    ));

    // ECALL: a7 from the memory port (register 17), a2 = x, a0 = y, a1 = v5.
    let f_write = r[F_WRITE];
    let f_exit = r[F_EXIT];
    out.push(ml(&f_read, &sb(&r[MOLD_LO], &k(63))));
    out.push(ml(&f_write, &sb(&r[MOLD_LO], &k(64))));
    out.push(ml(
        &f_exit,
        &ml(&sb(&r[MOLD_LO], &k(93)), &sb(&r[MOLD_LO], &k(94))),
    ));
    out.push(ml(&f_ecall, &r[MOLD_HI]));
    // read: fd 0; count = z <= len; count = len or count = input remaining.
    out.push(ml(&f_read, &y_lo));
    out.push(ml(&f_read, &y_hi));
    out.push(ml(&f_read, &r[C1]));
    let count = ad(&z_lo, &ml(&two16, &z_hi));
    out.push(ml(
        &f_read,
        &ml(
            &e_w,
            &sb(&ad(&r[IN_POS], &count), &k(public_values[PV_INPUT_LEN])),
        ),
    ));
    // write: fd 1 or 2; result len.
    out.push(ml(&f_write, &y_hi));
    out.push(ml(&f_write, &ml(&sb(&y_lo, &one), &sb(&y_lo, &k(2)))));
    out.push(ml(&f_write, &sb(&z_lo, &x_lo)));
    out.push(ml(&f_write, &sb(&z_hi, &x_hi)));
    let moves_bytes = ad(&f_read, &f_write);
    out.push(ml(&moves_bytes, &bit_sum(r, Z + 24, 8)));

    // io rows: `left` counts the io rows still to come.
    out.push(ml(&sb(&is_real, &moves_bytes), &r[LEFT]));
    out.push(ml(&moves_bytes, &sb(&r[LEFT], &count)));
    out.push(ml(
        &sel.is_transition,
        &sb(&n[IS_IO], &ml(&r[LEFT], &r[LEFT_INV])),
    ));
    out.push(ml(&sel.is_transition, &ml(&r[LEFT], &one_minus(&n[IS_IO]))));
    out.push(ml(
        &sel.is_transition,
        &ml(&n[IS_IO], &sb(&sb(&r[LEFT], &n[LEFT]), &one)),
    ));
    out.push(ml(&sel.is_last_row, &r[LEFT]));
    out.push(ml(&is_io, &bit(r, W, 30)));
    out.push(ml(&is_io, &bit(r, W, 31)));
    // The next row is io only inside the trace (row 0 is real), so these
    // need no transition selector, which keeps them at degree 3.
    let into_io = n[IS_IO];
    out.push(ml(&into_io, &ml(&moves_bytes, &sb(&lo16(n, W), &r[V5_LO]))));
    out.push(ml(&into_io, &ml(&moves_bytes, &sb(&hi16(n, W), &r[V5_HI]))));
    let w_val = ad(&w_lo, &ml(&two16, &w_hi));
    let w_next = ad(&lo16(n, W), &ml(&two16, &hi16(n, W)));
    out.push(ml(&into_io, &ml(&is_io, &sb(&sb(&w_next, &w_val), &one))));
    out.push(ml(&into_io, &ml(&f_read, &sb(&n[IO_RD], &one))));
    out.push(ml(
        &into_io,
        &ml(&f_write, &sb(&ad(&n[IO_WR1], &mc(&n[IO_WR2], 2)), &y_lo)),
    ));
    out.push(ml(&into_io, &ml(&is_io, &sb(&n[IO_RD], &r[IO_RD]))));
    out.push(ml(&into_io, &ml(&is_io, &sb(&n[IO_WR1], &r[IO_WR1]))));

    // Timestamps: ts - ts_prev - 1 = gap_lo + 2^16 gap_hi on every active port.
    let mut port = 0;
    while port < NUM_PORTS {
        let gap = ad(&r[GAP0 + 2 * port], &ml(&two16, &r[GAP0 + 2 * port + 1]));
        let expect = sb(&sb(&timestamp(r, port), &r[T0 + port]), &one);
        out.push(ml(&port_mult(r, port), &sb(&gap, &expect)));
        port += 1;
    }

    // Range tables: counters from 0 up to 2^b - 1 by steps of 0 or 1.
    let counters: [usize; 3] = [V16, V14, V12];
    let tops: [u32; 3] = [65535, 16383, 4095];
    let mut c = 0;
    while c < 3 {
        let col = counters[c];
        out.push(ml(&sel.is_first_row, &r[col]));
        let step = sb(&n[col], &r[col]);
        out.push(ml(&sel.is_transition, &boolean(&step)));
        out.push(ml(&sel.is_last_row, &sb(&r[col], &k(tops[c]))));
        c += 1;
    }

    // Boundary rows: sorted by key = 3 wa + space, image rows or zero rows.
    // Keys are below 3 * 2^28 and gaps below 2^30, so key + 1 + gap < p:
    // the gap equation cannot wrap around and keys strictly increase.
    let b_real = ad(&r[B_IMG], &r[B_ZERO]);
    let b_real_next = ad(&n[B_IMG], &n[B_ZERO]);
    out.push(ml(&r[B_IMG], &r[B_ZERO]));
    out.push(ml(
        &sel.is_transition,
        &ml(&one_minus(&b_real), &b_real_next),
    ));
    let key = ad(&mc(&r[B_WA], 3), &r[B_SPACE]);
    let key_next = ad(&mc(&n[B_WA], 3), &n[B_SPACE]);
    let key_gap = ad(&n[B_GAP_LO], &ml(&two16, &n[B_GAP_HI]));
    out.push(ml(
        &sel.is_transition,
        &ml(&b_real_next, &sb(&sb(&sb(&key_next, &key), &one), &key_gap)),
    ));
    let zero_row = r[B_ZERO];
    out.push(ml(&zero_row, &sb(&r[B_SPACE], &k(SPACE_RAM))));
    out.push(ml(&zero_row, &r[B_INIT_LO]));
    out.push(ml(&zero_row, &r[B_INIT_HI]));
    let mut sel_sum = extension::ZERO;
    let mut lo_sel = extension::ZERO;
    let mut hi_sel = extension::ZERO;
    let mut j = 0;
    while j < MAX_ZERO_INTERVALS {
        sel_sum = ad(&sel_sum, &r[B_SEL0 + j]);
        lo_sel = ad(
            &lo_sel,
            &mc(&r[B_SEL0 + j], public_values[PV_ZERO0 + 2 * j]),
        );
        hi_sel = ad(
            &hi_sel,
            &mc(&r[B_SEL0 + j], public_values[PV_ZERO0 + 2 * j + 1]),
        );
        j += 1;
    }
    out.push(sb(&sel_sum, &zero_row));
    let e1 = ad(&r[B_E1_LO], &ml(&two16, &r[B_E1_HI]));
    let e2 = ad(&r[B_E2_LO], &ml(&two16, &r[B_E2_HI]));
    out.push(ml(&zero_row, &sb(&sb(&r[B_WA], &lo_sel), &e1)));
    out.push(ml(&zero_row, &sb(&sb(&sb(&hi_sel, &one), &r[B_WA]), &e2)));

    out
}

// -------------------------------------------------------------- messages

fn msg(fields: &[Ext], lc: &LookupChallenges) -> Ext {
    sb(&lc.point, &logup::fingerprint(fields, &lc.beta))
}

fn push_fraction(out: &mut Vec<Fraction>, numerator: Ext, fields: &[Ext], lc: &LookupChallenges) {
    out.push(Fraction {
        numerator,
        denominator: msg(fields, lc),
    });
}

/// (space, word address, old lo, old hi, new lo, new hi) of port k.
fn port_message(r: &[Ext], port: usize) -> [Ext; 6] {
    let reg = extension::ZERO;
    if port == PORT_RS1 {
        let lo = lo16(r, X);
        let hi = hi16(r, X);
        return [reg, r[RS1], lo, hi, lo, hi];
    }
    if port == PORT_RS2 {
        return [reg, r[RS2], r[V2_LO], r[V2_HI], r[V2_LO], r[V2_HI]];
    }
    if port == PORT_MEM {
        return [
            r[MSPACE], r[MWA], r[MOLD_LO], r[MOLD_HI], r[MNEW_LO], r[MNEW_HI],
        ];
    }
    if port == PORT_A1 {
        return [reg, k(REG_A1), r[V5_LO], r[V5_HI], r[V5_LO], r[V5_HI]];
    }
    [reg, r[RD], r[RDP_LO], r[RDP_HI], lo16(r, Z), hi16(r, Z)]
}

fn op_number(row: &[Ext]) -> Ext {
    let mut acc = extension::ZERO;
    let mut op = 0;
    while op < NUM_OPS {
        acc = ad(&acc, &mc(&row[FLAG0 + op], op as u32));
        op += 1;
    }
    acc
}

/// Every LogUp fraction of one row: sends have numerator +m, receives -m.
/// `fixed_fps` holds the row's value of the fixed-table fingerprint column.
pub fn fractions(
    local: &[Ext],
    fixed_fps: &[Ext],
    lc: &LookupChallenges,
) -> Result<Vec<Fraction>, VerifyError> {
    if local.len() != WIDTH || fixed_fps.len() != 1 {
        return Err(VerifyError::WrongProofShape);
    }
    let r = local;
    let mut out: Vec<Fraction> = Vec::with_capacity(NUM_FRACTIONS);
    let is_real = r[IS_REAL];

    // 0: the instruction at pc.
    push_fraction(
        &mut out,
        is_real,
        &[
            k(TAG_PROG),
            r[PC],
            op_number(r),
            r[USE_IMM],
            r[RS1],
            r[RS2],
            r[RD],
            r[WRITE_RD],
            r[IMM_LO],
            r[IMM_HI],
            r[K_LO],
            r[K_HI],
            r[TARGET],
        ],
        lc,
    );
    // 1..10: the five memory ports, each receiving the old tuple and sending the new one.
    let mut port = 0;
    while port < NUM_PORTS {
        let mult = port_mult(r, port);
        let pm = port_message(r, port);
        let (space, wa, old_lo, old_hi, new_lo, new_hi) =
            (pm[0], pm[1], pm[2], pm[3], pm[4], pm[5]);
        push_fraction(
            &mut out,
            extension::neg(&mult),
            &[k(TAG_MEM), space, wa, old_lo, old_hi, r[T0 + port]],
            lc,
        );
        push_fraction(
            &mut out,
            mult,
            &[k(TAG_MEM), space, wa, new_lo, new_hi, timestamp(r, port)],
            lc,
        );
        port += 1;
    }
    // 11..20: the timestamp gaps.
    port = 0;
    while port < NUM_PORTS {
        let mult = port_mult(r, port);
        push_fraction(&mut out, mult, &[k(TAG_U16), r[GAP0 + 2 * port]], lc);
        push_fraction(&mut out, mult, &[k(TAG_U12), r[GAP0 + 2 * port + 1]], lc);
        port += 1;
    }
    // 21: the shift factor.
    let f_srl_sra = ad(&flag(r, OP_SRL), &flag(r, OP_SRA));
    let shifts = ad(&flag(r, OP_SLL), &f_srl_sra);
    push_fraction(
        &mut out,
        shifts,
        &[
            k(TAG_POW2),
            f_srl_sra,
            bits_value(r, Y, 5),
            r[MB0],
            r[MB0 + 1],
            r[MB0 + 2],
            r[MB0 + 3],
            r[NZ],
        ],
        lc,
    );
    // 22..29: product limbs and carries.
    let mul_unit = ad(
        &ad(&flag_range(r, OP_MUL, OP_MULHU), &shifts),
        &flag_range(r, OP_DIV, OP_REMU),
    );
    let mut m = 0;
    while m < 4 {
        push_fraction(&mut out, mul_unit, &[k(TAG_U16), r[P0 + m]], lc);
        m += 1;
    }
    m = 0;
    while m < 4 {
        push_fraction(&mut out, mul_unit, &[k(TAG_U14), r[KAPPA0 + m]], lc);
        m += 1;
    }
    // 30, 31: input and output bytes.
    push_fraction(
        &mut out,
        extension::neg(&r[IO_RD]),
        &[k(TAG_INPUT), r[IN_POS], r[IOB]],
        lc,
    );
    push_fraction(
        &mut out,
        r[IO_WR1],
        &[k(TAG_OUTPUT), r[OUT_POS], r[IOB]],
        lc,
    );
    // 32..35: division range checks.
    let div_ops = flag_range(r, OP_DIV, OP_REMU);
    push_fraction(&mut out, div_ops, &[k(TAG_U16), r[AY_LO]], lc);
    push_fraction(&mut out, div_ops, &[k(TAG_U16), r[AR_LO]], lc);
    push_fraction(&mut out, div_ops, &[k(TAG_U16), r[DLT_LO]], lc);
    push_fraction(&mut out, div_ops, &[k(TAG_U16), r[DLT_HI]], lc);
    // 36: the fixed table (program, image, shift factors).
    out.push(Fraction {
        numerator: extension::neg(&r[MFIX]),
        denominator: sb(&lc.point, &fixed_fps[0]),
    });
    // 37..39: range tables.
    push_fraction(&mut out, extension::neg(&r[M16]), &[k(TAG_U16), r[V16]], lc);
    push_fraction(&mut out, extension::neg(&r[M14]), &[k(TAG_U14), r[V14]], lc);
    push_fraction(&mut out, extension::neg(&r[M12]), &[k(TAG_U12), r[V12]], lc);
    // 40..48: boundary rows.
    let b_real = ad(&r[B_IMG], &r[B_ZERO]);
    push_fraction(
        &mut out,
        b_real,
        &[
            k(TAG_MEM),
            r[B_SPACE],
            r[B_WA],
            r[B_INIT_LO],
            r[B_INIT_HI],
            extension::ZERO,
        ],
        lc,
    );
    push_fraction(
        &mut out,
        extension::neg(&b_real),
        &[
            k(TAG_MEM),
            r[B_SPACE],
            r[B_WA],
            r[B_FIN_LO],
            r[B_FIN_HI],
            r[B_FIN_TS],
        ],
        lc,
    );
    push_fraction(
        &mut out,
        r[B_IMG],
        &[k(TAG_IMG), r[B_SPACE], r[B_WA], r[B_INIT_LO], r[B_INIT_HI]],
        lc,
    );
    push_fraction(&mut out, b_real, &[k(TAG_U16), r[B_GAP_LO]], lc);
    push_fraction(&mut out, b_real, &[k(TAG_U14), r[B_GAP_HI]], lc);
    let zero_row = r[B_ZERO];
    push_fraction(&mut out, zero_row, &[k(TAG_U16), r[B_E1_LO]], lc);
    push_fraction(&mut out, zero_row, &[k(TAG_U12), r[B_E1_HI]], lc);
    push_fraction(&mut out, zero_row, &[k(TAG_U16), r[B_E2_LO]], lc);
    push_fraction(&mut out, zero_row, &[k(TAG_U12), r[B_E2_HI]], lc);
    Ok(out)
}

// ----------------------------------------------------------- fixed table

fn split_lo(v: u32) -> u32 {
    v & 0xFFFF
}
fn split_hi(v: u32) -> u32 {
    v >> 16
}

/// The shift-factor rows: kind 0 (left) s -> bytes of 2^s; kind 1 (right)
/// s -> bytes of 2^(32 - s) (1 for s = 0); nz = [s != 0].
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
                TAG_POW2,
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

/// The one fixed table: program rows, then image words, then shift factors.
pub fn fixed_table(program: &crate::receipt::program::Program) -> FixedTable {
    let mut rows: Vec<Vec<u32>> = Vec::new();
    let mut i = 0;
    while i < program.rows.len() {
        let p = &program.rows[i];
        rows.push(vec![
            TAG_PROG,
            p.pc,
            p.op,
            p.use_imm,
            p.rs1,
            p.rs2,
            p.rd,
            p.write_rd,
            split_lo(p.imm),
            split_hi(p.imm),
            split_lo(p.k),
            split_hi(p.k),
            p.target,
        ]);
        i += 1;
    }
    i = 0;
    while i < program.image.len() {
        let w = &program.image[i];
        rows.push(vec![
            TAG_IMG,
            w.space,
            w.wa,
            split_lo(w.value),
            split_hi(w.value),
        ]);
        i += 1;
    }
    push_pow2_rows(&mut rows);
    FixedTable { rows }
}

/// Reduces `field::P`-sized values: every fixed-table field must be canonical.
pub fn fixed_table_is_canonical(table: &FixedTable) -> bool {
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

// ------------------------------------------------------------- statement

/// The public values of a claimed run of `program`: entry, exit code (two
/// limbs), cycle count, input length, input bytes consumed, output length,
/// and the program's zero-initialised intervals (unused slots [0, 0), which
/// no word address can satisfy).
pub fn public_values(
    program: &crate::receipt::program::Program,
    exit_code: u32,
    cycles: u64,
    input_len: usize,
    input_consumed: usize,
    output_len: usize,
) -> Result<Vec<u32>, VerifyError> {
    if cycles >= field::P as u64
        || input_len >= field::P as usize
        || output_len >= field::P as usize
        || input_consumed > input_len
    {
        return Err(VerifyError::InvalidStatement);
    }
    if program.zero_intervals.len() > MAX_ZERO_INTERVALS {
        return Err(VerifyError::InvalidStatement);
    }
    let mut pv: Vec<u32> = Vec::with_capacity(NUM_PUBLIC_VALUES);
    pv.push(program.entry);
    pv.push(split_lo(exit_code));
    pv.push(split_hi(exit_code));
    pv.push(cycles as u32);
    pv.push(input_len as u32);
    pv.push(input_consumed as u32);
    pv.push(output_len as u32);
    let mut j = 0;
    while j < MAX_ZERO_INTERVALS {
        if j < program.zero_intervals.len() {
            pv.push(program.zero_intervals[j].lo);
            pv.push(program.zero_intervals[j].hi);
        } else {
            pv.push(0);
            pv.push(0);
        }
        j += 1;
    }
    Ok(pv)
}

/// The verifier's side of the bus: it sends the consumed input bytes
/// (received by io read rows) and receives every output byte (sent by io
/// write rows to fd 1). Rejects public values that disagree with the I/O.
pub fn boundary_messages(
    public_values: &[u32],
    input: &[u8],
    output: &[u8],
) -> Result<BoundaryMessages, VerifyError> {
    if public_values.len() != NUM_PUBLIC_VALUES {
        return Err(VerifyError::WrongPublicValueCount);
    }
    let consumed = public_values[PV_INPUT_CONSUMED] as usize;
    if public_values[PV_INPUT_LEN] as usize != input.len()
        || public_values[PV_OUTPUT_LEN] as usize != output.len()
        || consumed > input.len()
    {
        return Err(VerifyError::InvalidStatement);
    }
    let mut sends: Vec<Vec<u32>> = Vec::with_capacity(consumed);
    let mut j = 0;
    while j < consumed {
        sends.push(vec![TAG_INPUT, j as u32, input[j] as u32]);
        j += 1;
    }
    let mut receives: Vec<Vec<u32>> = Vec::with_capacity(output.len());
    j = 0;
    while j < output.len() {
        receives.push(vec![TAG_OUTPUT, j as u32, output[j] as u32]);
        j += 1;
    }
    Ok(BoundaryMessages { sends, receives })
}
