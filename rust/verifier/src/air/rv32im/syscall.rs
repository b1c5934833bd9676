//! SYSCALL: one row per ECALL (docs/air.md §4, §7.2). The CPU's ECALL
//! row reads a7 as a (the syscall number) and a0 as b, and writes a0 := c.
//!
//! * read (a7 = 63): fd b = 3 fd3 (0 the public input, 3 the private one);
//!   reads a1 = buf and a2 = len at port 3; the input cursor (cell (IO, 0),
//!   or (IO, 2) for fd 3) goes from cur to cur + c with
//!   c = min(len, LIM - cur): c + d = len without overflow, and d = 0
//!   or cur + c = LIM, where LIM = INPUT_LEN for fd 0 and LIM is received
//!   as PLEN(LIM) from the PRIVATE table for fd 3 (private.rs). The bytes
//!   themselves are moved by IO rows (io.rs), linked by IO messages from
//!   (buf, cur) to (buf + c, cur + c).
//! * write (a7 = 64): fd b ∈ {1, 2}, c = len; fd 1 advances the output
//!   cursor (cell (IO, 1)) by len, fd 2 moves no cursor and its IO chain
//!   starts at position cur = 0; IO rows read the bytes (and send fd 1's
//!   as OUTPUT).
//! * exit (a7 = 93, 94): c = b, sends HALT(clk), and reads both cursors at
//!   ts 4 clk + 4 = 4 cycles, the final timestamp the statement receives them
//!   at (statement.rs), so their final values are the public input consumed
//!   and output length.
//!
//! buf and c are below 2^30 (U16(4 buf_hi), U16(4 c_hi)): addresses and
//! counts are exact integers, so the IO chain covers [buf, buf + c).

use super::bus;
use super::expr::{add, konst, mul, neg, one, sub, Selectors, E};

/// ECALL in PROG and EXEC (receipt/program.rs OP_ECALL).
pub const OP_ECALL: u32 = 36;
pub const SYS_READ: u32 = 63;
pub const SYS_WRITE: u32 = 64;
pub const SYS_EXIT: u32 = 93;
pub const SYS_EXIT_GROUP: u32 = 94;
/// ECALL reads a1 and a2 at port 3.
pub const REG_A1: u32 = 11;
pub const REG_A2: u32 = 12;
/// Public value: the input length (statement.rs PV_INPUT_LEN).
pub const PV_INPUT_LEN: usize = 4;

pub const F_READ: usize = 0;
pub const F_WRITE: usize = 1;
pub const F_EXIT: usize = 2;
/// A write to fd 2.
pub const FD2: usize = 3;
pub const CLK: usize = 4;
pub const A_LO: usize = 5;
pub const A_HI: usize = 6;
pub const B_LO: usize = 7;
pub const B_HI: usize = 8;
pub const C_LO: usize = 9;
pub const C_HI: usize = 10;
pub const NEXT_PC: usize = 11;
/// a1 = buf, read at port 3: value, previous timestamp, gap.
pub const BUF_LO: usize = 12;
pub const BUF_HI: usize = 13;
pub const T_BUF: usize = 14;
pub const GB_LO: usize = 15;
pub const GB_HI: usize = 16;
/// a2 = len.
pub const LEN_LO: usize = 17;
pub const LEN_HI: usize = 18;
pub const T_LEN: usize = 19;
pub const GL_LO: usize = 20;
pub const GL_HI: usize = 21;
/// The cursor of a read (IO, 0) or an fd-1 write (IO, 1); the input
/// cursor on exit: old value, new value, previous timestamp, gap.
pub const CUR: usize = 22;
pub const CUR_NEW: usize = 23;
pub const T_CUR: usize = 24;
pub const GC_LO: usize = 25;
pub const GC_HI: usize = 26;
/// Exit: the output cursor (IO, 1).
pub const OUT: usize = 27;
pub const T_OUT: usize = 28;
pub const GO_LO: usize = 29;
pub const GO_HI: usize = 30;
/// Read: d = len - c, and the carry of c_lo + d_lo.
pub const D_LO: usize = 31;
pub const D_HI: usize = 32;
pub const CARRY: usize = 33;
/// A read of fd 3 (the private input).
pub const FD3: usize = 34;
/// Read: the length of the input read (INPUT_LEN for fd 0, PLEN for fd 3).
pub const LIM: usize = 35;
pub const WIDTH: usize = 36;

pub const NUM_CONSTRAINTS: usize = 33;
pub const MAX_DEGREE: u32 = 3;
pub const FRACTION_LENS: [usize; 26] = [
    bus::LEN_EXEC,
    bus::LEN_HALT,
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
    bus::LEN_MEM,
    bus::LEN_MEM,
    bus::LEN_U16,
    bus::LEN_U16,
    bus::LEN_IO,
    bus::LEN_IO,
    bus::LEN_U16,
    bus::LEN_U16,
    bus::LEN_U16,
    bus::LEN_U16,
    bus::LEN_U16,
    bus::LEN_PLEN,
];
/// Which fractions carry global messages (MEM, INPUT, OUTPUT, EXIT, PLEN),
/// shared by every segment of a run; the others are local to their segment
/// (docs/protocol.md §5.1, segments).
pub const FRACTION_GLOBAL: [bool; 26] = [
    false, false, true, true, false, false, true, true, false, false, true, true, false, false,
    true, true, false, false, false, false, false, false, false, false, false, true,
];
pub const MIN_LOG_HEIGHT: u32 = 0;
pub const MAX_LOG_HEIGHT: u32 = 20;

fn boolean(x: &E) -> E {
    mul(x, &sub(x, &one()))
}

fn word(local: &[E], lo: usize, hi: usize) -> E {
    add(&local[lo], &mul(&konst(bus::LIMB), &local[hi]))
}

/// 1 on every ECALL row.
pub fn is_real(local: &[E]) -> E {
    add(&add(&local[F_READ], &local[F_WRITE]), &local[F_EXIT])
}

/// Read or write: the rows that read a1, a2 and move bytes.
fn moves(local: &[E]) -> E {
    add(&local[F_READ], &local[F_WRITE])
}

/// The rows that access the cursor CUR: read, write to fd 1, exit.
fn cursor_on(local: &[E]) -> E {
    sub(&add(&moves(local), &local[F_EXIT]), &local[FD2])
}

/// 4 clk + 4.
fn timestamp(local: &[E]) -> E {
    add(
        &mul(&konst(bus::PORTS), &local[CLK]),
        &konst(bus::PORT_COPROCESSOR + 1),
    )
}

/// lo + 2^16 hi - (ts - prev - 1).
fn gap(local: &[E], lo: usize, hi: usize, prev: usize) -> E {
    let expected = sub(&sub(&timestamp(local), &local[prev]), &one());
    sub(&word(local, lo, hi), &expected)
}

/// The IO kind: 1 read, 2 write fd 1, 3 write fd 2, 4 read fd 3.
fn kind(local: &[E]) -> E {
    add(
        &add(
            &add(&local[F_READ], &mul(&konst(2), &local[F_WRITE])),
            &local[FD2],
        ),
        &mul(&konst(3), &local[FD3]),
    )
}

/// The cursor cell's address: (IO, 0) on reads of fd 0 and exit, (IO, 1)
/// on writes to fd 1, (IO, 2) on reads of fd 3.
fn cursor_cell(local: &[E]) -> E {
    add(&local[F_WRITE], &mul(&konst(2), &local[FD3]))
}

/// Caller guarantees local.len() == next.len() == WIDTH, public.len() > PV_INPUT_LEN.
pub fn eval(local: &[E], _next: &[E], public: &[E], _sel: &Selectors, out: &mut Vec<E>) {
    let real = is_real(local);
    let rd = local[F_READ];
    let wr = local[F_WRITE];
    let ex = local[F_EXIT];
    let c = word(local, C_LO, C_HI);
    // Booleans [0-5].
    out.push(boolean(&rd));
    out.push(boolean(&wr));
    out.push(boolean(&ex));
    out.push(boolean(&real));
    out.push(boolean(&local[FD2]));
    out.push(boolean(&local[CARRY]));
    // fd 2 only on writes [6].
    out.push(mul(&local[FD2], &sub(&one(), &wr)));
    // The syscall number a7 [7-10].
    out.push(mul(&rd, &sub(&local[A_LO], &konst(SYS_READ))));
    out.push(mul(&wr, &sub(&local[A_LO], &konst(SYS_WRITE))));
    out.push(mul(
        &mul(&ex, &sub(&local[A_LO], &konst(SYS_EXIT))),
        &sub(&local[A_LO], &konst(SYS_EXIT_GROUP)),
    ));
    out.push(mul(&real, &local[A_HI]));
    // File descriptors [11-14]: read 0, write 1 + fd2.
    let fd_read = mul(&konst(bus::FD_PRIVATE), &local[FD3]);
    out.push(mul(&rd, &sub(&local[B_LO], &fd_read)));
    out.push(mul(&rd, &local[B_HI]));
    out.push(mul(&wr, &local[B_HI]));
    let fd = add(&one(), &local[FD2]);
    out.push(mul(&wr, &sub(&local[B_LO], &fd)));
    // Exit: a0 unchanged [15-16].
    out.push(mul(&ex, &sub(&local[C_LO], &local[B_LO])));
    out.push(mul(&ex, &sub(&local[C_HI], &local[B_HI])));
    // Write: c = len [17-18].
    out.push(mul(&wr, &sub(&local[C_LO], &local[LEN_LO])));
    out.push(mul(&wr, &sub(&local[C_HI], &local[LEN_HI])));
    // Read [19-22]: c + d = len (no carry out), and d = 0 or the input ends.
    let lo = sub(
        &sub(&add(&local[C_LO], &local[D_LO]), &local[LEN_LO]),
        &mul(&konst(bus::LIMB), &local[CARRY]),
    );
    out.push(mul(&rd, &lo));
    let hi = sub(
        &add(&add(&local[C_HI], &local[D_HI]), &local[CARRY]),
        &local[LEN_HI],
    );
    out.push(mul(&rd, &hi));
    // d = 0 limb by limb: the word d_lo + 2^16 d_hi may be p or 2p (when
    // len >= p), whose field value vanishes, but each limb is below 2^16.
    let end = sub(&add(&local[CUR], &c), &local[LIM]);
    out.push(mul(&mul(&rd, &local[D_LO]), &end));
    out.push(mul(&mul(&rd, &local[D_HI]), &end));
    // The cursor [23-24]: + c on read and write, unchanged on exit.
    let step = sub(&sub(&local[CUR_NEW], &local[CUR]), &c);
    out.push(mul(&moves(local), &step));
    out.push(mul(&ex, &sub(&local[CUR_NEW], &local[CUR])));
    // Gaps of the accesses that are on [25-28].
    out.push(mul(&moves(local), &gap(local, GB_LO, GB_HI, T_BUF)));
    out.push(mul(&moves(local), &gap(local, GL_LO, GL_HI, T_LEN)));
    out.push(mul(&cursor_on(local), &gap(local, GC_LO, GC_HI, T_CUR)));
    out.push(mul(&ex, &gap(local, GO_LO, GO_HI, T_OUT)));
    // fd 3 [29-31]: boolean, only on reads; a read of fd 0 has LIM = INPUT_LEN
    // (a read of fd 3 receives PLEN(LIM)).
    out.push(boolean(&local[FD3]));
    out.push(mul(&local[FD3], &sub(&one(), &rd)));
    let public_limit = mul(&rd, &sub(&one(), &local[FD3]));
    out.push(mul(&public_limit, &sub(&local[LIM], &public[PV_INPUT_LEN])));
    // fd 2 [32]: no cursor cell, so the chain's positions start at 0 (the
    // bytes go nowhere, but their positions stay below 2^30).
    out.push(mul(&local[FD2], &local[CUR]));
}

/// An access at port 3 with multiplicity m: receive (space, addr, old, prev),
/// send (space, addr, new, ts), and the gap's U16 and U8 lookups.
#[allow(clippy::too_many_arguments)]
fn access(
    local: &[E],
    m: &E,
    space: u32,
    addr: &E,
    old: (&E, &E),
    new: (&E, &E),
    prev: usize,
    gap_lo: usize,
    gap_hi: usize,
    out: &mut Vec<E>,
) {
    out.push(neg(m));
    out.push(konst(bus::TAG_MEM));
    out.push(konst(space));
    out.push(*addr);
    out.push(*old.0);
    out.push(*old.1);
    out.push(local[prev]);
    out.push(*m);
    out.push(konst(bus::TAG_MEM));
    out.push(konst(space));
    out.push(*addr);
    out.push(*new.0);
    out.push(*new.1);
    out.push(timestamp(local));
    out.push(*m);
    out.push(konst(bus::TAG_U16));
    out.push(local[gap_lo]);
    out.push(*m);
    out.push(konst(bus::TAG_U16));
    out.push(mul(&konst(bus::GAP_HI_SCALE), &local[gap_hi]));
}

fn lookup16(m: &E, v: &E, out: &mut Vec<E>) {
    out.push(*m);
    out.push(konst(bus::TAG_U16));
    out.push(*v);
}

/// Caller guarantees local.len() == WIDTH.
pub fn messages(local: &[E], out: &mut Vec<E>) {
    let real = is_real(local);
    let mv = moves(local);
    let ex = local[F_EXIT];
    // Receive EXEC(ECALL, clk, a, b, c, imm = 0, next_pc).
    out.push(neg(&real));
    out.push(konst(bus::TAG_EXEC));
    out.push(konst(OP_ECALL));
    out.push(local[CLK]);
    out.push(local[A_LO]);
    out.push(local[A_HI]);
    out.push(local[B_LO]);
    out.push(local[B_HI]);
    out.push(local[C_LO]);
    out.push(local[C_HI]);
    out.push(konst(0));
    out.push(konst(0));
    out.push(local[NEXT_PC]);
    // Exit: send HALT(clk).
    out.push(ex);
    out.push(konst(bus::TAG_HALT));
    out.push(local[CLK]);
    // a1 and a2, read.
    let buf = (&local[BUF_LO], &local[BUF_HI]);
    access(
        local,
        &mv,
        bus::SPACE_REG,
        &konst(REG_A1),
        buf,
        buf,
        T_BUF,
        GB_LO,
        GB_HI,
        out,
    );
    let len = (&local[LEN_LO], &local[LEN_HI]);
    access(
        local,
        &mv,
        bus::SPACE_REG,
        &konst(REG_A2),
        len,
        len,
        T_LEN,
        GL_LO,
        GL_HI,
        out,
    );
    // The cursor: (IO, 0) on read and exit, (IO, 1) on writes to fd 1,
    // (IO, 2) on reads of fd 3.
    let zero = konst(0);
    access(
        local,
        &cursor_on(local),
        bus::SPACE_IO,
        &cursor_cell(local),
        (&local[CUR], &zero),
        (&local[CUR_NEW], &zero),
        T_CUR,
        GC_LO,
        GC_HI,
        out,
    );
    // Exit: the output cursor, read.
    access(
        local,
        &ex,
        bus::SPACE_IO,
        &konst(bus::IO_OUTPUT_CURSOR),
        (&local[OUT], &zero),
        (&local[OUT], &zero),
        T_OUT,
        GO_LO,
        GO_HI,
        out,
    );
    // The IO chain: send its start (buf, cur), receive its end (buf + c,
    // cur + c); the two cancel when c = 0.
    let k = kind(local);
    let buf_word = word(local, BUF_LO, BUF_HI);
    let c = word(local, C_LO, C_HI);
    out.push(mv);
    out.push(konst(bus::TAG_IO));
    out.push(k);
    out.push(local[CLK]);
    out.push(buf_word);
    out.push(local[CUR]);
    out.push(neg(&mv));
    out.push(konst(bus::TAG_IO));
    out.push(k);
    out.push(local[CLK]);
    out.push(add(&buf_word, &c));
    out.push(add(&local[CUR], &c));
    // buf, c < 2^30; read: c and d in limbs.
    lookup16(&mv, &mul(&konst(4), &local[BUF_HI]), out);
    lookup16(&mv, &mul(&konst(4), &local[C_HI]), out);
    let rd = local[F_READ];
    lookup16(&rd, &local[C_LO], out);
    lookup16(&rd, &local[D_LO], out);
    lookup16(&rd, &local[D_HI], out);
    // fd 3: the private input's length, from the PRIVATE table.
    out.push(neg(&local[FD3]));
    out.push(konst(bus::TAG_PLEN));
    out.push(local[LIM]);
}
