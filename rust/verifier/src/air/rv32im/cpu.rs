//! CPU: one row per executed instruction, then padding (docs/air.md §5).
//! A row fetches its instruction (PROG), reads rs1 and rs2, writes rd when
//! the instruction does, sends one EXEC request to the coprocessor that
//! computes its result, and sets the next pc. The last instruction row (halt)
//! is the exit: it receives HALT from the SYSCALL table and sends EXIT for
//! the statement.

use super::bus;
use super::expr::{add, konst, mul, neg, one, sub, zero, Selectors, E};

pub const IS_REAL: usize = 0;
pub const HALT: usize = 1;
pub const CLK: usize = 2;
pub const PC: usize = 3;
pub const NEXT_PC: usize = 4;
pub const OP: usize = 5;
pub const RS1: usize = 6;
pub const RS2: usize = 7;
pub const RD: usize = 8;
pub const IMM_LO: usize = 9;
pub const IMM_HI: usize = 10;
pub const K_LO: usize = 11;
pub const K_HI: usize = 12;
pub const TARGET: usize = 13;
pub const F_WR: usize = 14;
pub const F_BR: usize = 15;
pub const F_JAL: usize = 16;
pub const F_JALR: usize = 17;
pub const F_K: usize = 18;
pub const F_EXEC: usize = 19;
pub const A_LO: usize = 20;
pub const A_HI: usize = 21;
pub const B_LO: usize = 22;
pub const B_HI: usize = 23;
pub const C_LO: usize = 24;
pub const C_HI: usize = 25;
pub const T1: usize = 26;
pub const T2: usize = 27;
pub const T3: usize = 28;
pub const G1_LO: usize = 29;
pub const G1_HI: usize = 30;
pub const G2_LO: usize = 31;
pub const G2_HI: usize = 32;
pub const G3_LO: usize = 33;
pub const G3_HI: usize = 34;
pub const P_LO: usize = 35;
pub const P_HI: usize = 36;
pub const WIDTH: usize = 37;

/// The flag columns, in the order of their PROG weights (1, 2, 4, ...).
pub const FLAGS: [usize; 6] = [F_WR, F_BR, F_JAL, F_JALR, F_K, F_EXEC];

/// Public values of the segment (statement.rs): its first instruction's pc
/// and clk, the next segment's (where this one must end unless it is the
/// last), and 1 for the last segment.
pub const PV_PC0: usize = 15;
pub const PV_CLK0: usize = 16;
pub const PV_PC_END: usize = 17;
pub const PV_CLK_END: usize = 18;
pub const PV_FINAL: usize = 19;

pub const NUM_CONSTRAINTS: usize = 32;
pub const MAX_DEGREE: u32 = 3;
pub const FRACTION_LENS: [usize; 16] = [
    bus::LEN_PROG,
    bus::LEN_MEM,
    bus::LEN_MEM,
    bus::LEN_U16,
    bus::LEN_U16,
    bus::LEN_MEM,
    bus::LEN_MEM,
    bus::LEN_U16,
    bus::LEN_U16,
    bus::LEN_MEM,
    bus::LEN_MEM,
    bus::LEN_U16,
    bus::LEN_U16,
    bus::LEN_EXEC,
    bus::LEN_HALT,
    bus::LEN_EXIT,
];
/// Which fractions carry global messages (MEM, INPUT, OUTPUT, EXIT), shared by
/// every segment of a run; the others are local to their segment
/// (docs/protocol.md §5.1, segments).
pub const FRACTION_GLOBAL: [bool; 16] = [
    false, true, true, false, false, true, true, false, false, true, true, false, false, false,
    false, true,
];
pub const MIN_LOG_HEIGHT: u32 = 0;
/// At most 2^20 rows: the tallest height at which the receipts' parameters
/// keep 100 bits of conjectured security (protocol/params.rs,
/// `conjectured_security_bits`; every table of the machine has this bound).
/// Timestamps 4 clk + 4 then stay below 2^22 (docs/air.md §2).
pub const MAX_LOG_HEIGHT: u32 = 20;

fn boolean(x: &E) -> E {
    mul(x, &sub(x, &one()))
}

/// 4 clk + port + 1: the timestamp of a port of this row.
pub fn timestamp(clk: &E, port: u32) -> E {
    add(&mul(&konst(bus::PORTS), clk), &konst(port + 1))
}

/// lo + 2^16 hi.
fn word(lo: &E, hi: &E) -> E {
    add(lo, &mul(&konst(bus::LIMB), hi))
}

/// The gap of a port: lo + 2^16 hi - (ts - prev - 1), zero when the port's
/// gap columns hold ts - prev - 1.
fn gap(local: &[E], lo: usize, hi: usize, port: u32, prev: usize) -> E {
    let ts = timestamp(&local[CLK], port);
    let expected = sub(&sub(&ts, &local[prev]), &one());
    sub(&word(&local[lo], &local[hi]), &expected)
}

/// Caller guarantees local.len() == next.len() == WIDTH and public.len() >= 1.
pub fn eval(local: &[E], next: &[E], public: &[E], sel: &Selectors, out: &mut Vec<E>) {
    let is_real = &local[IS_REAL];
    let not_real = sub(&one(), is_real);
    // Booleans [0-7].
    out.push(boolean(is_real));
    out.push(boolean(&local[HALT]));
    let mut f = 0;
    while f < FLAGS.len() {
        out.push(boolean(&local[FLAGS[f]]));
        f += 1;
    }
    // Padding rows have no flags [8-13].
    f = 0;
    while f < FLAGS.len() {
        out.push(mul(&not_real, &local[FLAGS[f]]));
        f += 1;
    }
    // First row [14-16]: a real row at the segment's start (the entry and
    // clk 0 for the first segment, statement.rs).
    out.push(mul(&sel.is_first_row, &sub(is_real, &one())));
    out.push(mul(&sel.is_first_row, &sub(&local[PC], &public[PV_PC0])));
    out.push(mul(&sel.is_first_row, &sub(&local[CLK], &public[PV_CLK0])));
    // Transitions [17-20]: clk counts rows; no real row after padding; the
    // next real row runs at next_pc; in the last segment, halt marks the last
    // real row (in the others halt is 0).
    let clk_step = sub(&sub(&next[CLK], &local[CLK]), &one());
    out.push(mul(&sel.is_transition, &clk_step));
    let real_after_padding = mul(&next[IS_REAL], &not_real);
    out.push(mul(&sel.is_transition, &real_after_padding));
    let pc_jump = mul(&next[IS_REAL], &sub(&next[PC], &local[NEXT_PC]));
    out.push(mul(&sel.is_transition, &pc_jump));
    let final_seg = &public[PV_FINAL];
    let not_final = sub(&one(), final_seg);
    let end_step = sub(is_real, &next[IS_REAL]);
    out.push(mul(
        &sel.is_transition,
        &sub(&local[HALT], &mul(final_seg, &end_step)),
    ));
    // Last row [21]: halt iff real (last segment).
    out.push(mul(
        &sel.is_last_row,
        &sub(&local[HALT], &mul(final_seg, is_real)),
    ));
    // Next pc [22]: pc + 4, or the branch target if taken, or the JAL target;
    // JALR's comes from the ALU.
    let pc_plus_4 = add(&local[PC], &konst(4));
    let sequential = sub(&local[NEXT_PC], &pc_plus_4);
    let lhs = mul(&sub(&one(), &local[F_JALR]), &sequential);
    let jump = sub(&local[TARGET], &pc_plus_4);
    let taken = mul(&mul(&local[F_BR], &local[C_LO]), &jump);
    let jal = mul(&local[F_JAL], &jump);
    out.push(sub(&sub(&lhs, &taken), &jal));
    // rd gets the program's constant [23-24].
    out.push(mul(&local[F_K], &sub(&local[C_LO], &local[K_LO])));
    out.push(mul(&local[F_K], &sub(&local[C_HI], &local[K_HI])));
    // Segment end [25-28]: outside the last segment, the last real row (the
    // one before padding, or the table's last row) continues at the next
    // segment's start.
    let pc_end = sub(&local[NEXT_PC], &public[PV_PC_END]);
    let clk_end = sub(&add(&local[CLK], &one()), &public[PV_CLK_END]);
    let leaving = mul(&not_final, &end_step);
    out.push(mul(&sel.is_transition, &mul(&leaving, &pc_end)));
    out.push(mul(&sel.is_transition, &mul(&leaving, &clk_end)));
    let leaving_last = mul(&not_final, is_real);
    out.push(mul(&sel.is_last_row, &mul(&leaving_last, &pc_end)));
    out.push(mul(&sel.is_last_row, &mul(&leaving_last, &clk_end)));
    // Gaps of the ports that are on [29-31].
    out.push(mul(is_real, &gap(local, G1_LO, G1_HI, bus::PORT_RS1, T1)));
    out.push(mul(is_real, &gap(local, G2_LO, G2_HI, bus::PORT_RS2, T2)));
    out.push(mul(
        &local[F_WR],
        &gap(local, G3_LO, G3_HI, bus::PORT_RD, T3),
    ));
}

/// The flags as PROG encodes them: sum of 2^i flag_i.
fn packed_flags(local: &[E]) -> E {
    let mut acc = zero();
    let mut weight: u32 = 1;
    let mut f = 0;
    while f < FLAGS.len() {
        acc = add(&acc, &mul(&konst(weight), &local[FLAGS[f]]));
        weight = weight * 2;
        f += 1;
    }
    acc
}

/// One register port: receive (REG, index, value, prev), send (REG, index,
/// value, ts), and the gap's two range lookups, with multiplicity `m`.
fn port(
    local: &[E],
    m: &E,
    index: usize,
    lo: usize,
    hi: usize,
    prev: usize,
    port: u32,
    gap_lo: usize,
    gap_hi: usize,
    out: &mut Vec<E>,
) {
    out.push(neg(m));
    out.push(konst(bus::TAG_MEM));
    out.push(konst(bus::SPACE_REG));
    out.push(local[index]);
    out.push(local[lo]);
    out.push(local[hi]);
    out.push(local[prev]);
    out.push(*m);
    out.push(konst(bus::TAG_MEM));
    out.push(konst(bus::SPACE_REG));
    out.push(local[index]);
    out.push(local[lo]);
    out.push(local[hi]);
    out.push(timestamp(&local[CLK], port));
    out.push(*m);
    out.push(konst(bus::TAG_U16));
    out.push(local[gap_lo]);
    out.push(*m);
    out.push(konst(bus::TAG_U16));
    out.push(mul(&konst(bus::GAP_HI_SCALE), &local[gap_hi]));
}

/// Caller guarantees local.len() == WIDTH.
pub fn messages(local: &[E], out: &mut Vec<E>) {
    let is_real = local[IS_REAL];
    // PROG: a lookup into the fixed table, so a send (FIXED receives every
    // fixed row with its multiplicity).
    out.push(is_real);
    out.push(konst(bus::TAG_PROG));
    out.push(local[PC]);
    out.push(local[OP]);
    out.push(local[RS1]);
    out.push(local[RS2]);
    out.push(local[RD]);
    out.push(local[IMM_LO]);
    out.push(local[IMM_HI]);
    out.push(local[K_LO]);
    out.push(local[K_HI]);
    out.push(local[TARGET]);
    out.push(packed_flags(local));
    // Register ports: rs1 reads a, rs2 reads b (both on every real row), rd
    // writes c over p.
    port(
        local,
        &is_real,
        RS1,
        A_LO,
        A_HI,
        T1,
        bus::PORT_RS1,
        G1_LO,
        G1_HI,
        out,
    );
    port(
        local,
        &is_real,
        RS2,
        B_LO,
        B_HI,
        T2,
        bus::PORT_RS2,
        G2_LO,
        G2_HI,
        out,
    );
    let wr = local[F_WR];
    out.push(neg(&wr));
    out.push(konst(bus::TAG_MEM));
    out.push(konst(bus::SPACE_REG));
    out.push(local[RD]);
    out.push(local[P_LO]);
    out.push(local[P_HI]);
    out.push(local[T3]);
    out.push(wr);
    out.push(konst(bus::TAG_MEM));
    out.push(konst(bus::SPACE_REG));
    out.push(local[RD]);
    out.push(local[C_LO]);
    out.push(local[C_HI]);
    out.push(timestamp(&local[CLK], bus::PORT_RD));
    out.push(wr);
    out.push(konst(bus::TAG_U16));
    out.push(local[G3_LO]);
    out.push(wr);
    out.push(konst(bus::TAG_U16));
    out.push(mul(&konst(bus::GAP_HI_SCALE), &local[G3_HI]));
    // EXEC.
    out.push(local[F_EXEC]);
    out.push(konst(bus::TAG_EXEC));
    out.push(local[OP]);
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
    // HALT, EXIT.
    let halt = local[HALT];
    out.push(neg(&halt));
    out.push(konst(bus::TAG_HALT));
    out.push(local[CLK]);
    out.push(halt);
    out.push(konst(bus::TAG_EXIT));
    out.push(local[B_LO]);
    out.push(local[B_HI]);
    out.push(add(&local[CLK], &one()));
}
