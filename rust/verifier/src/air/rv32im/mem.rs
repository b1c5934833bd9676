//! MEM: one row per load or store (docs/air.md §4, §7.1). A row receives
//! the CPU's EXEC request, computes the address a + imm (mod 2^32) in limbs,
//! checks its alignment, makes one memory access at port 3 of the word that
//! holds it, and selects or replaces the addressed lanes of that word.
//!
//! The address is lo + 2^16 hi with lo = 4 q + lane (lane = address mod 4,
//! one-hot in L0..L3) and the word address wa = q + 2^14 hi: U16(q), U16(lo)
//! and U16(hi) make q < 2^14, so wa < 2^30 is the address's word, uniquely.
//! Loads read (RAM or ROM, prover's choice), stores write RAM only: a
//! boundary cell exists only for image words and zero intervals (RAM), which
//! are disjoint from the ROM words, so an address has at most one provable
//! space and an unmapped or read-only target has none.
//!
//! Sub-word accesses split the addressed half X of the old word into bytes
//! x0 + 256 x1 (U8 each); v is the addressed byte (LB, LBU), the half's high
//! byte (LH) or the stored byte (SB), and U8(2 v - 256 s) with boolean s
//! makes s its top bit.

use super::bus;
use super::expr::{add, konst, mul, neg, one, sub, Selectors, E};

/// Op numbers (receipt/program.rs OP_*; loads and stores have no immediate form).
pub const OP_LB: u32 = 10;
pub const OP_LH: u32 = 11;
pub const OP_LW: u32 = 12;
pub const OP_LBU: u32 = 13;
pub const OP_LHU: u32 = 14;
pub const OP_SB: u32 = 15;
pub const OP_SH: u32 = 16;
pub const OP_SW: u32 = 17;

pub const F_LB: usize = 0;
pub const F_LH: usize = 1;
pub const F_LW: usize = 2;
pub const F_LBU: usize = 3;
pub const F_LHU: usize = 4;
pub const F_SB: usize = 5;
pub const F_SH: usize = 6;
pub const F_SW: usize = 7;
pub const CLK: usize = 8;
pub const A_LO: usize = 9;
pub const A_HI: usize = 10;
pub const B_LO: usize = 11;
pub const B_HI: usize = 12;
pub const C_LO: usize = 13;
pub const C_HI: usize = 14;
pub const IMM_LO: usize = 15;
pub const IMM_HI: usize = 16;
pub const NEXT_PC: usize = 17;
/// Bits 2..15 of the address: lo = 4 q + lane.
pub const Q: usize = 18;
/// The address's high limb.
pub const ADDR_HI: usize = 19;
/// The carry of a_lo + imm_lo.
pub const CARRY: usize = 20;
/// Lanes 1, 2, 3 (address mod 4); lane 0 is sub - L1 - L2 - L3.
pub const L1: usize = 21;
pub const L2: usize = 22;
pub const L3: usize = 23;
/// 1: the word is ROM (space 2), 0: RAM (space 1).
pub const ROM: usize = 24;
pub const OLD_LO: usize = 25;
pub const OLD_HI: usize = 26;
pub const NEW_LO: usize = 27;
pub const NEW_HI: usize = 28;
pub const PREV_TS: usize = 29;
pub const G_LO: usize = 30;
pub const G_HI: usize = 31;
/// Bytes of the addressed half of the old word.
pub const X0: usize = 32;
pub const X1: usize = 33;
/// LB, LBU: the addressed byte; LH: the half's high byte; SB: b's low byte.
pub const V: usize = 34;
/// The top bit of v (LB, LH; free on SB rows).
pub const S: usize = 35;
/// SB: the high byte of b_lo.
pub const Y1: usize = 36;
pub const WIDTH: usize = 37;

/// The op flags, in the order of OPS.
pub const FLAGS: [usize; 8] = [F_LB, F_LH, F_LW, F_LBU, F_LHU, F_SB, F_SH, F_SW];
pub const OPS: [u32; 8] = [OP_LB, OP_LH, OP_LW, OP_LBU, OP_LHU, OP_SB, OP_SH, OP_SW];

pub const NUM_CONSTRAINTS: usize = 41;
pub const MAX_DEGREE: u32 = 3;
pub const FRACTION_LENS: [usize; 12] = [
    bus::LEN_EXEC,
    bus::LEN_MEM,
    bus::LEN_MEM,
    bus::LEN_U16,
    bus::LEN_U16,
    bus::LEN_U16,
    bus::LEN_U16,
    bus::LEN_U16,
    bus::LEN_U8,
    bus::LEN_U8,
    bus::LEN_U8,
    bus::LEN_U8,
];
/// Which fractions carry global messages (MEM, INPUT, OUTPUT, EXIT), shared by
/// every segment of a run; the others are local to their segment
/// (docs/protocol.md §5.1, segments).
pub const FRACTION_GLOBAL: [bool; 12] = [
    false, true, true, false, false, false, false, false, false, false, false, false,
];
pub const MIN_LOG_HEIGHT: u32 = 0;
pub const MAX_LOG_HEIGHT: u32 = 20;

fn boolean(x: &E) -> E {
    mul(x, &sub(x, &one()))
}

fn sum(local: &[E], cols: &[usize]) -> E {
    let mut acc = local[cols[0]];
    let mut i = 1;
    while i < cols.len() {
        acc = add(&acc, &local[cols[i]]);
        i += 1;
    }
    acc
}

/// 1 on every load or store row.
pub fn is_real(local: &[E]) -> E {
    sum(local, &FLAGS)
}

fn is_load(local: &[E]) -> E {
    sum(local, &[F_LB, F_LH, F_LW, F_LBU, F_LHU])
}

fn is_store(local: &[E]) -> E {
    sum(local, &[F_SB, F_SH, F_SW])
}

/// 1 on sub-word rows (all but LW, SW).
fn is_sub(local: &[E]) -> E {
    sum(local, &[F_LB, F_LH, F_LBU, F_LHU, F_SB, F_SH])
}

/// Lane 0: sub - L1 - L2 - L3.
fn lane0(local: &[E]) -> E {
    sub(
        &sub(&sub(&is_sub(local), &local[L1]), &local[L2]),
        &local[L3],
    )
}

/// The address's low limb 4 q + L1 + 2 L2 + 3 L3.
pub fn addr_lo(local: &[E]) -> E {
    let lane = add(
        &add(&local[L1], &mul(&konst(2), &local[L2])),
        &mul(&konst(3), &local[L3]),
    );
    add(&mul(&konst(4), &local[Q]), &lane)
}

/// The word address q + 2^14 hi.
pub fn word_addr(local: &[E]) -> E {
    add(&local[Q], &mul(&konst(1 << 14), &local[ADDR_HI]))
}

/// The memory space 1 + rom.
fn space(local: &[E]) -> E {
    add(&konst(bus::SPACE_RAM), &local[ROM])
}

/// 4 clk + 4: the timestamp of port 3.
fn timestamp(local: &[E]) -> E {
    add(
        &mul(&konst(bus::PORTS), &local[CLK]),
        &konst(bus::PORT_COPROCESSOR + 1),
    )
}

/// x0 + 256 x1: the addressed half of the old word.
fn half(local: &[E]) -> E {
    add(&local[X0], &mul(&konst(256), &local[X1]))
}

/// Caller guarantees local.len() == next.len() == WIDTH.
pub fn eval(local: &[E], _next: &[E], _public: &[E], _sel: &Selectors, out: &mut Vec<E>) {
    let real = is_real(local);
    let load = is_load(local);
    let l0 = lane0(local);
    let l1 = local[L1];
    let l2 = local[L2];
    let l3 = local[L3];
    let x = half(local);
    let v = local[V];
    let s = local[S];
    // Booleans [0-8]: the flags, at most one.
    let mut f = 0;
    while f < FLAGS.len() {
        out.push(boolean(&local[FLAGS[f]]));
        f += 1;
    }
    out.push(boolean(&real));
    // Lanes [9-12]: booleans, so one-hot on sub-word rows and all 0 on
    // word rows and padding.
    out.push(boolean(&l0));
    out.push(boolean(&l1));
    out.push(boolean(&l2));
    out.push(boolean(&l3));
    // Alignment [13]: halves are even (words have lane 0 by [9-12]).
    let halves = add(&add(&local[F_LH], &local[F_LHU]), &local[F_SH]);
    out.push(mul(&halves, &add(&l1, &l3)));
    // Address [14-16]: a_lo + imm_lo = lo + 2^16 carry, a_hi + imm_hi +
    // carry = hi (+ 2^16).
    let carry = local[CARRY];
    out.push(boolean(&carry));
    let low = sub(
        &sub(&add(&local[A_LO], &local[IMM_LO]), &addr_lo(local)),
        &mul(&konst(bus::LIMB), &carry),
    );
    out.push(low);
    let k = sub(
        &add(&add(&local[A_HI], &local[IMM_HI]), &carry),
        &local[ADDR_HI],
    );
    out.push(mul(&k, &sub(&k, &konst(bus::LIMB))));
    // Space [17-18]: RAM or ROM; stores write RAM.
    out.push(boolean(&local[ROM]));
    out.push(mul(&is_store(local), &local[ROM]));
    // Causality [19]: gap = ts - prev_ts - 1.
    let gap = add(&local[G_LO], &mul(&konst(bus::LIMB), &local[G_HI]));
    let expected = sub(&sub(&timestamp(local), &local[PREV_TS]), &one());
    out.push(mul(&real, &sub(&gap, &expected)));
    // Loads leave the word unchanged [20-21].
    out.push(mul(&load, &sub(&local[NEW_LO], &local[OLD_LO])));
    out.push(mul(&load, &sub(&local[NEW_HI], &local[OLD_HI])));
    // The addressed half [22-23]: lanes 0, 1 in lo, lanes 2, 3 in hi.
    out.push(mul(&add(&l0, &l1), &sub(&local[OLD_LO], &x)));
    out.push(mul(&add(&l2, &l3), &sub(&local[OLD_HI], &x)));
    // v and its sign [24-26].
    out.push(boolean(&s));
    let byte = add(
        &mul(&add(&l0, &l2), &local[X0]),
        &mul(&add(&l1, &l3), &local[X1]),
    );
    let bytes = add(&local[F_LB], &local[F_LBU]);
    out.push(mul(&bytes, &sub(&v, &byte)));
    out.push(mul(&local[F_LH], &sub(&v, &local[X1])));
    // Loads [27-33]: c is the word, or the byte or half extended.
    out.push(mul(&local[F_LW], &sub(&local[C_LO], &local[OLD_LO])));
    out.push(mul(&local[F_LW], &sub(&local[C_HI], &local[OLD_HI])));
    let lb_lo = add(&v, &mul(&konst(0xFF00), &s));
    out.push(mul(&local[F_LB], &sub(&local[C_LO], &lb_lo)));
    out.push(mul(&local[F_LBU], &sub(&local[C_LO], &v)));
    let half_loads = add(&local[F_LH], &local[F_LHU]);
    out.push(mul(&half_loads, &sub(&local[C_LO], &x)));
    let signed = add(&local[F_LB], &local[F_LH]);
    out.push(mul(&signed, &sub(&local[C_HI], &mul(&konst(0xFFFF), &s))));
    let unsigned = add(&local[F_LBU], &local[F_LHU]);
    out.push(mul(&unsigned, &local[C_HI]));
    // SW [34-35]: the word is b.
    out.push(mul(&local[F_SW], &sub(&local[NEW_LO], &local[B_LO])));
    out.push(mul(&local[F_SW], &sub(&local[NEW_HI], &local[B_HI])));
    // SH [36-37]: the addressed half is b_lo, the other kept.
    let sh_lo = add(
        &local[OLD_LO],
        &mul(&l0, &sub(&local[B_LO], &local[OLD_LO])),
    );
    out.push(mul(&local[F_SH], &sub(&local[NEW_LO], &sh_lo)));
    let sh_hi = add(
        &local[OLD_HI],
        &mul(&l2, &sub(&local[B_LO], &local[OLD_HI])),
    );
    out.push(mul(&local[F_SH], &sub(&local[NEW_HI], &sh_hi)));
    // SB [38-40]: v = b's low byte replaces the addressed byte.
    let b_lo = add(&v, &mul(&konst(256), &local[Y1]));
    out.push(mul(&local[F_SB], &sub(&local[B_LO], &b_lo)));
    let d0 = sub(&v, &local[X0]);
    let d1 = mul(&konst(256), &sub(&v, &local[X1]));
    let sb_lo = add(&add(&local[OLD_LO], &mul(&l0, &d0)), &mul(&l1, &d1));
    out.push(mul(&local[F_SB], &sub(&local[NEW_LO], &sb_lo)));
    let sb_hi = add(&add(&local[OLD_HI], &mul(&l2, &d0)), &mul(&l3, &d1));
    out.push(mul(&local[F_SB], &sub(&local[NEW_HI], &sb_hi)));
}

fn lookup(m: &E, tag: u32, v: &E, out: &mut Vec<E>) {
    out.push(*m);
    out.push(konst(tag));
    out.push(*v);
}

/// Caller guarantees local.len() == WIDTH.
pub fn messages(local: &[E], out: &mut Vec<E>) {
    let real = is_real(local);
    // Receive EXEC(op, clk, a, b, c, imm, next_pc).
    let mut op = mul(&konst(OPS[0]), &local[FLAGS[0]]);
    let mut f = 1;
    while f < FLAGS.len() {
        op = add(&op, &mul(&konst(OPS[f]), &local[FLAGS[f]]));
        f += 1;
    }
    out.push(neg(&real));
    out.push(konst(bus::TAG_EXEC));
    out.push(op);
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
    // The access: receive the old word, send the new one at 4 clk + 4.
    let space = space(local);
    let wa = word_addr(local);
    out.push(neg(&real));
    out.push(konst(bus::TAG_MEM));
    out.push(space);
    out.push(wa);
    out.push(local[OLD_LO]);
    out.push(local[OLD_HI]);
    out.push(local[PREV_TS]);
    out.push(real);
    out.push(konst(bus::TAG_MEM));
    out.push(space);
    out.push(wa);
    out.push(local[NEW_LO]);
    out.push(local[NEW_HI]);
    out.push(timestamp(local));
    // Range lookups: the gap, the address limbs, the bytes.
    lookup(&real, bus::TAG_U16, &local[G_LO], out);
    lookup(
        &real,
        bus::TAG_U16,
        &mul(&konst(bus::GAP_HI_SCALE), &local[G_HI]),
        out,
    );
    lookup(&real, bus::TAG_U16, &local[Q], out);
    lookup(&real, bus::TAG_U16, &addr_lo(local), out);
    lookup(&real, bus::TAG_U16, &local[ADDR_HI], out);
    let sub_word = is_sub(local);
    lookup(&sub_word, bus::TAG_U8, &local[X0], out);
    lookup(&sub_word, bus::TAG_U8, &local[X1], out);
    let signed = add(&add(&local[F_LB], &local[F_LH]), &local[F_SB]);
    let top = sub(&mul(&konst(2), &local[V]), &mul(&konst(256), &local[S]));
    lookup(&signed, bus::TAG_U8, &top, out);
    lookup(&local[F_SB], bus::TAG_U8, &local[Y1], out);
}
