//! The MEM table of the RV32IM machine v2 (air/rv32im/mem.rs) and its
//! builder (rv32im2/mem.rs): honest rows from executor runs full of loads and
//! stores (every op, every lane, RAM file words, zero-initialised RAM, the
//! stack, ROM), checked row by row and on the bus; then forged rows, one per
//! constraint group, each caught by a constraint or by the bus.

mod rv32im2_common;

use std::collections::BTreeMap;

use rv32im2_common::*;
use zkvm_executor::testing::asm::{self, reg};
use zkvm_executor::testing::elf_writer::{ElfBuilder, DATA_BASE, TEXT_BASE};
use zkvm_executor::StepRecord;
use zkvm_prover::rv32im2::builder::Builder;
use zkvm_prover::rv32im2::mem::MemTable;
use zkvm_prover::rv32im2::TraceError;
use zkvm_prover::tables;
use zkvm_prover::types::to_u32;
use zkvm_verifier::air::rv32im::{bus, mem as col};
use zkvm_verifier::air::TableId;
use zkvm_verifier::receipt::program::{self as prog, Program, STACK_TOP};

const DATA_FILE: u32 = 64;
const DATA_SIZE: u32 = 256;
/// ROM loads target the first words of the text.
const ROM_WORDS: u32 = 32;

/// A program of `n` random loads and stores, then exit: (ELF, data bytes).
fn random_program(seed: u64, n: usize) -> Vec<u8> {
    let mut rng = Rng(seed);
    let mut words: Vec<u32> = Vec::new();
    let ops: [u32; 8] = [
        prog::OP_LB,
        prog::OP_LH,
        prog::OP_LW,
        prog::OP_LBU,
        prog::OP_LHU,
        prog::OP_SB,
        prog::OP_SH,
        prog::OP_SW,
    ];
    for i in 0..n {
        // Every op in turn, so each appears; the region at random.
        let op = ops[i % 8];
        let store = op >= prog::OP_SB;
        let width = match op {
            prog::OP_LB | prog::OP_LBU | prog::OP_SB => 1,
            prog::OP_LH | prog::OP_LHU | prog::OP_SH => 2,
            _ => 4,
        };
        let region = rng.below(if store { 3 } else { 4 });
        let (start, len) = match region {
            0 => (DATA_BASE, DATA_FILE),
            1 => (DATA_BASE + DATA_FILE, DATA_SIZE - DATA_FILE),
            2 => (STACK_TOP - 256, 256),
            _ => (TEXT_BASE, 4 * ROM_WORDS),
        };
        let addr = (start + rng.below(len as u64) as u32) & !(width - 1);
        let imm = match rng.below(4) {
            0 => -2048,
            1 => 2047,
            2 => 0,
            _ => rng.below(4096) as i32 - 2048,
        };
        let base = addr.wrapping_sub(imm as u32);
        words.extend(asm::li(reg::T0, base));
        let rd = if rng.below(10) == 0 { 0 } else { reg::T2 };
        let w = match op {
            prog::OP_LB => asm::lb(rd, reg::T0, imm),
            prog::OP_LH => asm::lh(rd, reg::T0, imm),
            prog::OP_LW => asm::lw(rd, reg::T0, imm),
            prog::OP_LBU => asm::lbu(rd, reg::T0, imm),
            prog::OP_LHU => asm::lhu(rd, reg::T0, imm),
            _ => {
                words.extend(asm::li(reg::T1, rng.word()));
                match op {
                    prog::OP_SB => asm::sb(reg::T1, reg::T0, imm),
                    prog::OP_SH => asm::sh(reg::T1, reg::T0, imm),
                    _ => asm::sw(reg::T1, reg::T0, imm),
                }
            }
        };
        words.push(w);
    }
    words.extend(asm::exit(0));
    assert!(words.len() as u32 >= ROM_WORDS);
    let mut data: Vec<u8> = (0..DATA_FILE).map(|_| rng.u32() as u8).collect();
    data[0] = 0x80;
    data[1] = 0xFF;
    data[2] = 0x7F;
    data[3] = 0x00;
    ElfBuilder::with_text(&words)
        .data(DATA_BASE, data, DATA_SIZE)
        .build()
}

fn is_mem_op(op: u32) -> bool {
    (prog::OP_LB..=prog::OP_SW).contains(&op)
}

struct Built {
    program: Program,
    steps: Vec<StepRecord>,
    /// (request, c) of every MEM row, in order.
    requests: Vec<(zkvm_prover::rv32im2::Request, u32)>,
    trace: p3_matrix::dense::RowMajorMatrix<zkvm_prover::types::F>,
    u16s: Bag,
    u8s: Bag,
    touched: Vec<zkvm_prover::rv32im2::builder::TouchedCell>,
}

fn build(seed: u64, n: usize) -> Built {
    let elf = random_program(seed, n);
    let (program, steps) = run(&elf, &[]);
    let mut b = Builder::new(&program);
    let mut table = MemTable::new();
    let mut requests = Vec::new();
    for step in &steps {
        let req = request(&program, step);
        if !is_mem_op(req.op) {
            continue;
        }
        let c = table.push(&mut b, &req, step).expect("an honest row");
        requests.push((req, c));
    }
    let (u16s, u8s) = recorded_lookups(&b, &program);
    let touched = b.touched_cells();
    let trace = table.finish();
    Built {
        program,
        steps,
        requests,
        trace,
        u16s,
        u8s,
        touched,
    }
}

/// The loaded value as the executor's semantics give it.
fn expected_c(op: u32, raw: u32) -> u32 {
    match op {
        prog::OP_LB => raw as u8 as i8 as i32 as u32,
        prog::OP_LH => raw as u16 as i16 as i32 as u32,
        prog::OP_SB | prog::OP_SH | prog::OP_SW => 0,
        _ => raw,
    }
}

#[test]
fn op_numbers_match_the_program_table() {
    assert_eq!(
        col::OPS,
        [
            prog::OP_LB,
            prog::OP_LH,
            prog::OP_LW,
            prog::OP_LBU,
            prog::OP_LHU,
            prog::OP_SB,
            prog::OP_SH,
            prog::OP_SW
        ]
    );
}

#[test]
fn honest_rows_satisfy_every_constraint() {
    for seed in 1..4u64 {
        let built = build(seed, 600);
        let fns = fns(TableId::Rv32Mem);
        assert_eq!(
            tables::first_violation(&fns, &built.trace, &[0; 15]),
            None,
            "seed {seed}"
        );
        assert!(built.requests.len() == 600);
        // Every op, every lane of every sub-word op, both spaces.
        let w = col::WIDTH;
        let mut seen: BTreeMap<(u32, u32, u32), usize> = BTreeMap::new();
        for (r, (req, _)) in built.requests.iter().enumerate() {
            let row = &built.trace.values[r * w..(r + 1) * w];
            let lane = to_u32(row[col::L1]) + 2 * to_u32(row[col::L2]) + 3 * to_u32(row[col::L3]);
            *seen
                .entry((req.op, lane, to_u32(row[col::ROM])))
                .or_default() += 1;
        }
        for op in prog::OP_LB..=prog::OP_SW {
            let width = match op {
                prog::OP_LB | prog::OP_LBU | prog::OP_SB => 1,
                prog::OP_LH | prog::OP_LHU | prog::OP_SH => 2,
                _ => 4,
            };
            for lane in (0..4).step_by(width) {
                assert!(
                    seen.contains_key(&(op, lane, 0)),
                    "seed {seed}: op {op} lane {lane} in RAM"
                );
            }
            if op < prog::OP_SB {
                assert!(
                    (0..4).any(|l| seen.contains_key(&(op, l, 1))),
                    "seed {seed}: op {op} from ROM"
                );
            }
        }
    }
}

#[test]
fn results_are_the_executors() {
    let built = build(7, 400);
    let mut k = 0;
    for step in &built.steps {
        let req = request(&built.program, step);
        if !is_mem_op(req.op) {
            continue;
        }
        let (r, c) = built.requests[k];
        assert_eq!(r.clk, req.clk);
        let access = step.memory.unwrap();
        assert_eq!(c, expected_c(req.op, access.value));
        if req.op < prog::OP_SB && step.rd != 0 {
            assert_eq!(c, step.rd_value);
        }
        k += 1;
    }
    assert_eq!(k, built.requests.len());
}

/// The table's side of the bus: EXEC receives are the requests with their
/// c; the MEM messages with the memory boundary's (initial value at 0, final
/// value at the last timestamp) balance; U16 and U8 are what the Builder
/// recorded.
#[test]
fn bus_side_is_the_requests_the_accesses_and_the_recorded_lookups() {
    for seed in [11u64, 12] {
        let built = build(seed, 500);
        let fns = fns(TableId::Rv32Mem);
        let bags = trace_bag(&fns, &built.trace);
        let mut exec = Bag::new();
        for (req, c) in &built.requests {
            add_to(&mut exec, exec_message(req, *c), -1);
        }
        assert_eq!(bags.get(&bus::TAG_EXEC), Some(&exec));
        let mut mem = bags.get(&bus::TAG_MEM).cloned().unwrap_or_default();
        for cell in &built.touched {
            let lohi = |v: u32| [v & 0xFFFF, v >> 16];
            let [il, ih] = lohi(cell.initial);
            let [fl, fh] = lohi(cell.last);
            add_to(
                &mut mem,
                vec![bus::TAG_MEM, cell.space, cell.addr, il, ih, 0],
                1,
            );
            add_to(
                &mut mem,
                vec![bus::TAG_MEM, cell.space, cell.addr, fl, fh, cell.last_ts],
                -1,
            );
            // The boundary's cells are image words or zero-interval RAM.
            assert!(cell.space == bus::SPACE_RAM || cell.space == bus::SPACE_ROM);
        }
        assert!(mem.is_empty(), "MEM unbalanced: {mem:?}");
        assert_eq!(bags.get(&bus::TAG_U16), Some(&built.u16s));
        assert_eq!(bags.get(&bus::TAG_U8), Some(&built.u8s));
        let tags: Vec<u32> = bags.keys().copied().collect();
        assert_eq!(
            tags,
            vec![bus::TAG_MEM, bus::TAG_U16, bus::TAG_U8, bus::TAG_EXEC]
        );
    }
}

/// The builder refuses a record that disagrees with its replay.
#[test]
fn builder_checks_the_executor_record() {
    let elf = random_program(21, 40);
    let (program, steps) = run(&elf, &[]);
    let mut b = Builder::new(&program);
    let mut table = MemTable::new();
    let mut tampered = 0;
    for step in &steps {
        let req = request(&program, step);
        if !is_mem_op(req.op) {
            continue;
        }
        let mut bad = *step;
        let mut access = bad.memory.unwrap();
        access.value ^= 1;
        bad.memory = Some(access);
        match table.push(&mut b, &req, &bad) {
            Err(TraceError::Inconsistent(_)) => tampered += 1,
            other => panic!("tampered record accepted: {other:?}"),
        }
        // A wrong address.
        let mut bad = *step;
        let mut access = bad.memory.unwrap();
        access.addr ^= 4;
        bad.memory = Some(access);
        assert!(matches!(
            table.push(&mut b, &req, &bad),
            Err(TraceError::Inconsistent(_))
        ));
    }
    assert_eq!(tampered, 40);
    // A store to a ROM word, and a load from an unmapped word.
    let rom = zkvm_prover::rv32im2::Request {
        op: prog::OP_SW,
        clk: 1_000,
        a: TEXT_BASE,
        b: 5,
        ..Default::default()
    };
    let mut step = steps[0];
    step.memory = Some(zkvm_executor::MemoryAccess {
        addr: TEXT_BASE,
        width: 4,
        is_write: true,
        value: 5,
    });
    assert!(matches!(
        table.push(&mut b, &rom, &step),
        Err(TraceError::Inconsistent(_))
    ));
    let unmapped = zkvm_prover::rv32im2::Request {
        op: prog::OP_LW,
        clk: 1_001,
        a: 0x100,
        ..Default::default()
    };
    step.memory = Some(zkvm_executor::MemoryAccess {
        addr: 0x100,
        width: 4,
        is_write: false,
        value: 0,
    });
    assert!(matches!(
        table.push(&mut b, &unmapped, &step),
        Err(TraceError::Inconsistent(_))
    ));
}

// ------------------------------------------------------------ forgeries

/// An honest trace and the index of a row of `op` satisfying `pick`.
fn honest_row(built: &Built, op: u32, pick: impl Fn(&[u32]) -> bool) -> Vec<u32> {
    let w = col::WIDTH;
    for (r, (req, _)) in built.requests.iter().enumerate() {
        if req.op != op {
            continue;
        }
        let row: Vec<u32> = built.trace.values[r * w..(r + 1) * w]
            .iter()
            .map(|&x| to_u32(x))
            .collect();
        if pick(&row) {
            return row;
        }
    }
    panic!("no row of op {op} as asked");
}

fn forged_table() -> Built {
    build(31, 800)
}

const P: u32 = zkvm_verifier::field::P;

fn fneg(x: u32) -> u32 {
    (P - x % P) % P
}

fn lane(row: &[u32]) -> u32 {
    row[col::L1] + 2 * row[col::L2] + 3 * row[col::L3]
}

/// What catches a forged row: the constraints it violates, its lookups out
/// of range, the tags of its other messages that the honest run does not
/// match.
struct Caught {
    constraints: Vec<usize>,
    lookups: Vec<Vec<u32>>,
    tags: Vec<u32>,
}

fn catch(honest: &[u32], forged: &[u32]) -> Caught {
    let fns = fns(TableId::Rv32Mem);
    assert!(violations(&fns, honest).is_empty());
    assert!(bad_lookups(&fns, honest).is_empty());
    Caught {
        constraints: violations(&fns, forged),
        lookups: bad_lookups(&fns, forged),
        tags: changed_tags(&fns, honest, forged),
    }
}

/// The forgery is caught only by the constraints `cs` (a subset of them
/// suffices: all must be in the group) and changes no message but possibly
/// EXEC's c.
fn assert_constraint(c: &Caught, group: &[usize]) {
    assert!(!c.constraints.is_empty(), "not caught");
    for k in &c.constraints {
        assert!(group.contains(k), "constraint {k} outside {group:?}");
    }
}

#[test]
fn forged_sign_of_lb_is_a_bad_byte_lookup() {
    let built = forged_table();
    // A negative byte claimed zero-extended: s = 0, c = v.
    let h = honest_row(&built, prog::OP_LB, |r| r[col::S] == 1);
    let mut f = h.clone();
    f[col::S] = 0;
    f[col::C_LO] = f[col::V];
    f[col::C_HI] = 0;
    let c = catch(&h, &f);
    assert!(c.constraints.is_empty());
    assert_eq!(c.lookups, vec![vec![bus::TAG_U8, 2 * f[col::V]]]);
    // A positive byte claimed negative.
    let h = honest_row(&built, prog::OP_LB, |r| r[col::S] == 0);
    let mut f = h.clone();
    f[col::S] = 1;
    f[col::C_LO] = f[col::V] + 0xFF00;
    f[col::C_HI] = 0xFFFF;
    let c = catch(&h, &f);
    assert!(c.constraints.is_empty());
    assert_eq!(c.lookups.len(), 1);
}

#[test]
fn forged_sign_of_lh_is_caught() {
    let built = forged_table();
    let h = honest_row(&built, prog::OP_LH, |r| r[col::S] == 1);
    let mut f = h.clone();
    f[col::S] = 0;
    f[col::C_HI] = 0;
    let c = catch(&h, &f);
    assert_eq!(c.lookups.len(), 1, "U8(2 v) with v >= 128");
    // v not the high byte of the half: constraint 26.
    let mut f = h.clone();
    f[col::V] = 0;
    f[col::S] = 0;
    f[col::C_HI] = 0;
    let c = catch(&h, &f);
    assert_constraint(&c, &[26]);
    assert!(c.lookups.is_empty());
}

#[test]
fn forged_loaded_values_violate_the_load_constraints() {
    let built = forged_table();
    // LW returning another value.
    let h = honest_row(&built, prog::OP_LW, |_| true);
    let mut f = h.clone();
    f[col::C_LO] ^= 1;
    assert_constraint(&catch(&h, &f), &[27]);
    let mut f = h.clone();
    f[col::C_HI] ^= 0x8000;
    assert_constraint(&catch(&h, &f), &[28]);
    // LBU returning the other byte of the half.
    let h = honest_row(&built, prog::OP_LBU, |r| r[col::X0] != r[col::X1]);
    let mut f = h.clone();
    let other = if lane(&h).is_multiple_of(2) {
        h[col::X1]
    } else {
        h[col::X0]
    };
    f[col::V] = other;
    f[col::C_LO] = other;
    assert_constraint(&catch(&h, &f), &[25]);
    // LBU claiming a high limb.
    let mut f = h.clone();
    f[col::C_HI] = 1;
    assert_constraint(&catch(&h, &f), &[33]);
    // LHU from the other half of the word.
    let h = honest_row(&built, prog::OP_LHU, |r| r[col::OLD_LO] != r[col::OLD_HI]);
    let mut f = h.clone();
    let other = if lane(&h) == 0 {
        h[col::OLD_HI]
    } else {
        h[col::OLD_LO]
    };
    f[col::X0] = other & 0xFF;
    f[col::X1] = other >> 8;
    f[col::C_LO] = other;
    assert_constraint(&catch(&h, &f), &[22, 23]);
    // LB with a byte of a different half.
    let h = honest_row(&built, prog::OP_LB, |r| r[col::OLD_LO] != r[col::OLD_HI]);
    let mut f = h.clone();
    let other = if lane(&h) < 2 {
        h[col::OLD_HI]
    } else {
        h[col::OLD_LO]
    };
    f[col::X0] = other & 0xFF;
    f[col::X1] = other >> 8;
    assert_constraint(&catch(&h, &f), &[22, 23, 25]);
}

#[test]
fn a_load_cannot_write() {
    let built = forged_table();
    let h = honest_row(&built, prog::OP_LW, |r| r[col::ROM] == 0);
    let mut f = h.clone();
    f[col::NEW_LO] ^= 0x10;
    let c = catch(&h, &f);
    assert_constraint(&c, &[20]);
    assert_eq!(c.tags, vec![bus::TAG_MEM]);
}

#[test]
fn a_store_to_rom_is_refused() {
    let built = forged_table();
    let h = honest_row(&built, prog::OP_SW, |_| true);
    let mut f = h.clone();
    f[col::ROM] = 1;
    let c = catch(&h, &f);
    assert_constraint(&c, &[18]);
}

#[test]
fn forged_addresses_are_caught() {
    let built = forged_table();
    // Another word: hi + 1 without a carry.
    let h = honest_row(&built, prog::OP_LW, |_| true);
    let mut f = h.clone();
    f[col::ADDR_HI] += 1;
    assert_constraint(&catch(&h, &f), &[16]);
    // A carry out of the low limb that did not happen: lo wraps below 0,
    // so the word index q is no longer small.
    let h = honest_row(&built, prog::OP_LW, |r| r[col::CARRY] == 0);
    let mut f = h.clone();
    f[col::CARRY] = 1;
    f[col::ADDR_HI] += 1;
    // lo = a_lo + imm_lo - 2^16 = 4 q: q = lo / 4 in the field.
    let lo = (h[col::A_LO] + h[col::IMM_LO]) as i64 - (1 << 16);
    let q = ((lo.rem_euclid(P as i64) as u64 * inv4() as u64) % P as u64) as u32;
    f[col::Q] = q;
    let c = catch(&h, &f);
    assert!(c.constraints.is_empty(), "{:?}", c.constraints);
    assert!(!c.lookups.is_empty());
    // A misaligned word: the low bits claimed 0 with lo not a multiple of 4.
    let h = honest_row(&built, prog::OP_LW, |r| r[col::Q] < 0x3000);
    let mut f = h.clone();
    f[col::IMM_LO] += 2; // as if the address were 2 past a word
    let lo = h[col::Q] as u64 * 4 + 2;
    f[col::Q] = ((lo * inv4() as u64) % P as u64) as u32;
    let c = catch(&h, &f);
    assert!(c.constraints.is_empty());
    assert_eq!(c.lookups.len(), 1, "U16(q) out of range");
    // ... or claimed in a lane: lanes are off on word rows.
    let mut f = h.clone();
    f[col::IMM_LO] += 2;
    f[col::L2] = 1;
    assert_constraint(&catch(&h, &f), &[9, 22, 23]);
    // LH at an odd address.
    let h = honest_row(&built, prog::OP_LH, |r| lane(r) == 0);
    let mut f = h.clone();
    f[col::IMM_LO] += 1;
    f[col::L1] = 1;
    f[col::V] = h[col::X1];
    assert_constraint(&catch(&h, &f), &[13]);
}

fn inv4() -> u32 {
    // 4^-1 mod p = (3 p + 1) / 4 when p = 1 mod 4.
    ((3 * P as u64 + 1) / 4) as u32
}

#[test]
fn forged_stores_are_caught() {
    let built = forged_table();
    // SW writing something else than b.
    let h = honest_row(&built, prog::OP_SW, |_| true);
    let mut f = h.clone();
    f[col::NEW_HI] ^= 1;
    assert_constraint(&catch(&h, &f), &[35]);
    // SH changing the other half too.
    let h = honest_row(&built, prog::OP_SH, |r| lane(r) == 0);
    let mut f = h.clone();
    f[col::NEW_HI] ^= 1;
    assert_constraint(&catch(&h, &f), &[37]);
    let h = honest_row(&built, prog::OP_SH, |r| lane(r) == 2);
    let mut f = h.clone();
    f[col::NEW_LO] ^= 1;
    assert_constraint(&catch(&h, &f), &[36]);
    // SB writing the wrong lane: the byte lands in lane 0 of lane 1's word.
    let h = honest_row(&built, prog::OP_SB, |r| lane(r) == 1);
    let mut f = h.clone();
    f[col::NEW_LO] = h[col::V] + 256 * h[col::X1];
    assert_constraint(&catch(&h, &f), &[39]);
    // SB storing another byte than b's low byte.
    let h = honest_row(&built, prog::OP_SB, |r| r[col::V] < 255 && r[col::Y1] > 0);
    let mut f = h.clone();
    f[col::V] += 1;
    let c = catch(&h, &f);
    assert_constraint(&c, &[38, 39, 40]);
    // ... with y1 recomputed: the split of b_lo is no longer in bytes.
    let mut f = h.clone();
    f[col::V] += 256;
    f[col::Y1] -= 1;
    let shift = if lane(&h).is_multiple_of(2) { 1 } else { 256 };
    if lane(&h) < 2 {
        f[col::NEW_LO] += 256 * shift;
    } else {
        f[col::NEW_HI] += 256 * shift;
    }
    for s in [0, 1] {
        f[col::S] = s;
        let c = catch(&h, &f);
        assert!(c.constraints.is_empty(), "{:?}", c.constraints);
        assert_eq!(c.lookups.len(), 1);
    }
}

#[test]
fn forged_timestamps_are_caught() {
    let built = forged_table();
    let h = honest_row(&built, prog::OP_LW, |_| true);
    let ts = 4 * h[col::CLK] + 4;
    // A previous access at the same or a later timestamp.
    for prev in [ts, ts + 1] {
        let mut f = h.clone();
        f[col::PREV_TS] = prev;
        let gap = fneg(prev + 1 - ts);
        // gap = g_lo + 2^16 g_hi with g_lo in range: g_hi is huge.
        f[col::G_LO] = gap & 0xFFFF;
        f[col::G_HI] = ((gap - (gap & 0xFFFF)) as u64 * inv_2_16() as u64 % P as u64) as u32;
        let c = catch(&h, &f);
        assert!(c.constraints.is_empty());
        assert_eq!(c.lookups.len(), 1);
        // Without recomputing the gap: constraint 19.
        let mut f = h.clone();
        f[col::PREV_TS] = prev;
        assert_constraint(&catch(&h, &f), &[19]);
    }
}

fn inv_2_16() -> u32 {
    let mut r: u64 = 1;
    let mut b: u64 = 1 << 16;
    let mut e = P - 2;
    while e > 0 {
        if e & 1 == 1 {
            r = r * b % P as u64;
        }
        b = b * b % P as u64;
        e >>= 1;
    }
    r as u32
}

#[test]
fn forged_ops_are_caught() {
    let built = forged_table();
    // LB claimed as LBU (same c when the byte is positive) is another EXEC.
    let h = honest_row(&built, prog::OP_LB, |r| r[col::S] == 0);
    let mut f = h.clone();
    f[col::F_LB] = 0;
    f[col::F_LBU] = 1;
    let c = catch(&h, &f);
    assert!(c.constraints.is_empty());
    assert_eq!(c.tags, vec![bus::TAG_EXEC]);
    // Two ops at once.
    let mut f = h.clone();
    f[col::F_LBU] = 1;
    let c = catch(&h, &f);
    assert!(c.constraints.contains(&8));
}

#[test]
fn padding_is_silent() {
    let fns = fns(TableId::Rv32Mem);
    let zero = vec![0u32; col::WIDTH];
    assert!(violations(&fns, &zero).is_empty());
    for (m, _) in row_messages(&fns, &zero) {
        assert_eq!(m, 0);
    }
}
