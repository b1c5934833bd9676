//! The SYSCALL and IO tables of the RV32IM machine v2 (air/rv32im/syscall.rs,
//! io.rs) and their builder (rv32im2/syscall.rs): honest runs full of reads
//! (aligned and unaligned buffers, partial words, reads past the end of the
//! input), writes to fd 1 and fd 2 (from RAM and ROM) and an exit, replayed
//! with the CPU's register accesses; checked row by row and on the bus
//! against the statement's messages; then forged rows, each caught by a
//! constraint or by the bus.

mod rv32im2_common;

use rv32im2_common::programs::syscall;
use rv32im2_common::*;
use zkvm_executor::testing::asm::{self, reg};
use zkvm_executor::testing::elf_writer::{ElfBuilder, DATA_BASE, TEXT_BASE};
use zkvm_executor::{Machine, StepRecord};
use zkvm_prover::rv32im2::builder::{timestamp, Builder};
use zkvm_prover::rv32im2::syscall::SyscallTable;
use zkvm_prover::rv32im2::TraceError;
use zkvm_prover::tables;
use zkvm_prover::types::to_u32;
use zkvm_verifier::air::rv32im::{bus, fixed, io, statement, syscall as col};
use zkvm_verifier::air::TableId;
use zkvm_verifier::receipt::program::{self as prog, Program};

const DATA_SIZE: u32 = 512;

/// Reads and writes of random buffers, then exit(code).
fn random_program(seed: u64, n: usize, code: u32) -> Vec<u8> {
    let mut rng = Rng(seed);
    let mut words = Vec::new();
    for i in 0..n {
        let len = match rng.below(5) {
            0 => 0,
            1 => 1 + rng.below(4) as u32,
            _ => rng.below(24) as u32,
        };
        let buf = DATA_BASE + rng.below((DATA_SIZE - 24) as u64) as u32;
        match i % 4 {
            0 | 1 => syscall(&mut words, 63, 0, buf, len),
            2 => syscall(&mut words, 64, 1, buf, len),
            _ => {
                // fd 2, sometimes from the text (ROM).
                let src = if rng.below(2) == 0 {
                    TEXT_BASE + 3
                } else {
                    buf
                };
                syscall(&mut words, 64, 2, src, len)
            }
        }
    }
    // A write of the text to fd 1 (ROM bytes in the output).
    syscall(&mut words, 64, 1, TEXT_BASE + 1, 7);
    words.extend(asm::li(reg::A0, code));
    words.extend(asm::li(reg::A7, 93 + (seed as u32 & 1)));
    words.push(asm::ecall());
    let data: Vec<u8> = (0..64).map(|_| rng.u32() as u8).collect();
    ElfBuilder::with_text(&words)
        .data(DATA_BASE, data, DATA_SIZE)
        .build()
}

struct Built {
    program: Program,
    requests: Vec<(zkvm_prover::rv32im2::Request, u32)>,
    syscall: p3_matrix::dense::RowMajorMatrix<zkvm_prover::types::F>,
    io: p3_matrix::dense::RowMajorMatrix<zkvm_prover::types::F>,
    output: Vec<u8>,
    exec_output: Vec<u8>,
    consumed: usize,
    cycles: u64,
    u16s: Bag,
    u8s: Bag,
}

/// Lookups recorded between two snapshots of the Builder's counts.
fn snapshot(b: &Builder, program: &Program) -> (Bag, Bag) {
    recorded_lookups(b, program)
}

fn minus(after: &Bag, before: &Bag) -> Bag {
    let mut out = after.clone();
    for (k, v) in before {
        add_to(&mut out, k.clone(), -v);
    }
    out
}

fn plus(acc: &mut Bag, more: &Bag) {
    for (k, v) in more {
        add_to(acc, k.clone(), *v);
    }
}

fn build(seed: u64, input: &[u8], n: usize) -> Built {
    let elf = random_program(seed, n, 0x1234_5678 ^ seed as u32);
    let program = zkvm_verifier::receipt::program::load_program(&elf).unwrap();
    let exec = zkvm_executor::Program::from_elf(&elf).unwrap();
    let mut machine = Machine::new(&exec, input).unwrap();
    let mut steps: Vec<StepRecord> = Vec::new();
    machine.run_with(1 << 20, &mut steps).unwrap();
    let mut b = Builder::new(&program);
    let mut table = SyscallTable::new();
    let mut requests = Vec::new();
    let (mut u16s, mut u8s) = (Bag::new(), Bag::new());
    for step in &steps {
        // The CPU's register reads (ports 0, 1).
        let row = row_at(&program, step.pc);
        let msg = fixed::prog_row(row);
        let clk = step.cycle as u32;
        let rs1 = b
            .access(bus::SPACE_REG, msg[3], None, timestamp(clk, bus::PORT_RS1))
            .unwrap();
        let rs2 = b
            .access(bus::SPACE_REG, msg[4], None, timestamp(clk, bus::PORT_RS2))
            .unwrap();
        // ECALL reads a7 and a0 (the PROG row's registers, not the word's).
        let mut req = request(&program, step);
        req.a = rs1.old;
        req.b = rs2.old;
        let c = if req.op == prog::OP_ECALL {
            let before = snapshot(&b, &program);
            let c = table
                .push(&mut b, &req, step, input, &[])
                .expect("an honest ECALL");
            let after = snapshot(&b, &program);
            plus(&mut u16s, &minus(&after.0, &before.0));
            plus(&mut u8s, &minus(&after.1, &before.1));
            requests.push((req, c));
            c
        } else {
            step.rd_value
        };
        if row.write_rd == 1 {
            b.access(
                bus::SPACE_REG,
                row.rd,
                Some(c),
                timestamp(clk, bus::PORT_RD),
            )
            .unwrap();
        }
    }
    let output = table.output.clone();
    let (syscall, io) = table.finish();
    Built {
        program,
        requests,
        syscall,
        io,
        output,
        exec_output: machine.output().to_vec(),
        consumed: machine.input_position(),
        cycles: machine.cycles(),
        u16s,
        u8s,
    }
}

fn input(len: usize) -> Vec<u8> {
    (0..len).map(|i| (i * 37 + 11) as u8).collect()
}

fn public(input_len: usize) -> Vec<u32> {
    let mut pv = vec![0u32; statement::NUM_TABLE_PUBLIC_VALUES];
    pv[statement::PV_INPUT_LEN] = input_len as u32;
    pv[statement::PV_SEG_FINAL] = 1;
    pv
}

#[test]
fn constants_match_the_program_and_statement() {
    assert_eq!(col::OP_ECALL, prog::OP_ECALL);
    assert_eq!(col::PV_INPUT_LEN, statement::PV_INPUT_LEN);
    assert_eq!(col::REG_A1, 11);
    assert_eq!(col::REG_A2, prog::ECALL_RS1);
}

#[test]
fn honest_rows_satisfy_every_constraint() {
    for (seed, len) in [(1u64, 300usize), (2, 40), (3, 0), (4, 1000)] {
        let data = input(len);
        let built = build(seed, &data, 80);
        let pv = public(len);
        let s = fns(TableId::Rv32Syscall);
        let i = fns(TableId::Rv32Io);
        assert_eq!(tables::first_violation(&s, &built.syscall, &pv), None);
        assert_eq!(tables::first_violation(&i, &built.io, &pv), None);
        assert_eq!(built.output, built.exec_output, "seed {seed}");
        assert_eq!(built.requests.len(), 82);
    }
}

/// The position of each IO row's first moved byte, base + f, is the cursor
/// where the row starts: below 2^30 on every row the builder makes (what the
/// Lean run theorems take, Io.firstPos < 2^30). `base` itself, the position
/// lane 0 would have, wraps around the field when an unaligned buffer starts
/// at a cursor below its first lane, which these runs include.
#[test]
fn io_rows_first_position_in_range() {
    const P: u64 = 2013265921;
    let mut wrapped = 0;
    for (seed, len) in [(1u64, 300usize), (2, 40), (3, 0), (7, 5)] {
        let built = build(seed, &input(len), 80);
        for r in rows(&built.io, io::WIDTH) {
            let f = (r[io::S1] + 2 * r[io::S2] + 3 * r[io::S3]) as u64;
            let first = (r[io::BASE] as u64 + f) % P;
            assert!(first < 1 << 30, "seed {seed}: first position {first}");
            if r[io::BASE] as u64 >= 1 << 30 {
                wrapped += 1;
            }
        }
    }
    assert!(wrapped > 0, "no row with a wrapped base was exercised");
}

/// The tables' side of the bus against the statement's: INPUT, OUTPUT and
/// the cursors balance with boundary_messages; the IO chain balances between
/// the two tables; EXEC receives are the requests; one HALT; the lookups are
/// the Builder's.
#[test]
fn bus_side_balances_with_the_statement() {
    for (seed, len) in [(5u64, 200usize), (6, 7)] {
        let data = input(len);
        let built = build(seed, &data, 60);
        let s = fns(TableId::Rv32Syscall);
        let i = fns(TableId::Rv32Io);
        let mut bags = trace_bag(&s, &built.syscall);
        for (tag, bag) in trace_bag(&i, &built.io) {
            plus(bags.entry(tag).or_default(), &bag);
        }
        let exit = built.requests.last().unwrap();
        let mut pv = public(len);
        pv[statement::PV_INPUT_CONSUMED] = built.consumed as u32;
        pv[statement::PV_OUTPUT_LEN] = built.output.len() as u32;
        pv[statement::PV_CYCLES] = built.cycles as u32;
        pv[statement::PV_EXIT_LO] = exit.1 & 0xFFFF;
        pv[statement::PV_EXIT_HI] = exit.1 >> 16;
        let boundary = statement::boundary_messages(
            &pv[..statement::NUM_PUBLIC_VALUES],
            &data,
            &built.exec_output,
        )
        .unwrap();
        for m in boundary.sends {
            add_to(bags.entry(m[0]).or_default(), m, 1);
        }
        for m in boundary.receives {
            add_to(bags.entry(m[0]).or_default(), m, -1);
        }
        bags.retain(|_, b| !b.is_empty());
        assert!(!bags.contains_key(&bus::TAG_INPUT), "INPUT unbalanced");
        assert!(!bags.contains_key(&bus::TAG_OUTPUT), "OUTPUT unbalanced");
        assert!(!bags.contains_key(&bus::TAG_IO), "IO chain unbalanced");
        // EXIT: the statement receives it once; the CPU sends it (not here).
        assert_eq!(
            bags[&bus::TAG_EXIT].values().copied().collect::<Vec<_>>(),
            vec![-1]
        );
        // HALT: sent once, at the exit's clk.
        let halt: Vec<(Vec<u32>, i64)> = bags[&bus::TAG_HALT].clone().into_iter().collect();
        assert_eq!(halt, vec![(vec![bus::TAG_HALT, exit.0.clk], 1)]);
        assert_eq!(exit.0.clk as u64, built.cycles - 1);
        // EXEC.
        let mut exec = Bag::new();
        for (req, c) in &built.requests {
            add_to(&mut exec, exec_message(req, *c), -1);
        }
        assert_eq!(bags[&bus::TAG_EXEC], exec);
        // The cursor cells are balanced (statement at 0 and 4 cycles), but
        // the private cursor, untouched here: the statement opens it and the
        // PRIVATE table (not here) closes it.
        for (msg, &n) in &bags[&bus::TAG_MEM] {
            if msg[1] == bus::SPACE_IO {
                assert_eq!(
                    (msg.as_slice(), n),
                    (
                        &[bus::TAG_MEM, bus::SPACE_IO, bus::IO_PRIVATE_CURSOR, 0, 0, 0][..],
                        1
                    ),
                    "cursor unbalanced: {msg:?}"
                );
            }
        }
        assert_eq!(bags[&bus::TAG_U16], built.u16s);
        assert_eq!(bags[&bus::TAG_U8], built.u8s);
        let _ = &built.program;
    }
}

#[test]
fn builder_checks_the_executor_record() {
    let data = input(10);
    let elf = random_program(9, 8, 0);
    let (program, steps) = run(&elf, &data);
    let mut b = Builder::new(&program);
    let mut table = SyscallTable::new();
    let ecall = steps
        .iter()
        .find(|s| row_at(&program, s.pc).op == prog::OP_ECALL)
        .unwrap();
    let mut req = request(&program, ecall);
    // The first ECALL: a7 = 63 (i % 4 = 0 is a read), a0 = 0.
    req.a = 63;
    req.b = 0;
    let mut bad = *ecall;
    bad.rd_value ^= 1;
    assert!(matches!(
        table.push(&mut b, &req, &bad, &data, &[]),
        Err(TraceError::Inconsistent(_))
    ));
    req.a = 65;
    assert!(matches!(
        table.push(&mut b, &req, ecall, &data, &[]),
        Err(TraceError::Inconsistent(_))
    ));
}

// ------------------------------------------------------------ forgeries

fn rows(
    trace: &p3_matrix::dense::RowMajorMatrix<zkvm_prover::types::F>,
    w: usize,
) -> Vec<Vec<u32>> {
    trace
        .values
        .chunks(w)
        .map(|r| r.iter().map(|&x| to_u32(x)).collect())
        .filter(|r: &Vec<u32>| r.iter().any(|&v| v != 0))
        .collect()
}

fn find(rows: &[Vec<u32>], pick: impl Fn(&[u32]) -> bool) -> Vec<u32> {
    rows.iter()
        .find(|r| pick(r))
        .expect("a row as asked")
        .clone()
}

struct Caught {
    constraints: Vec<usize>,
    lookups: Vec<Vec<u32>>,
    tags: Vec<u32>,
}

fn catch(table: TableId, pv: &[u32], honest: &[u32], forged: &[u32]) -> Caught {
    let f = fns(table);
    let eval = |row: &[u32]| -> Vec<usize> {
        use zkvm_prover::types::from_u32;
        let local: Vec<_> = row.iter().map(|&v| from_u32(v)).collect();
        let next = vec![from_u32(0); row.len()];
        let public: Vec<_> = pv.iter().map(|&v| from_u32(v)).collect();
        let sel = tables::Sel {
            is_first_row: from_u32(0),
            is_last_row: from_u32(0),
            is_transition: from_u32(0),
        };
        let mut out = Vec::new();
        (f.eval)(&local, &next, &public, &sel, &mut out);
        out.iter()
            .enumerate()
            .filter(|(_, v)| to_u32(**v) != 0)
            .map(|(i, _)| i)
            .collect()
    };
    assert!(eval(honest).is_empty());
    assert!(bad_lookups(&f, honest).is_empty());
    Caught {
        constraints: eval(forged),
        lookups: bad_lookups(&f, forged),
        tags: changed_tags(&f, honest, forged),
    }
}

fn only(c: &Caught, group: &[usize]) {
    assert!(!c.constraints.is_empty(), "not caught");
    for k in &c.constraints {
        assert!(group.contains(k), "constraint {k} outside {group:?}");
    }
}

const LEN: usize = 100;

fn forged_setup() -> (Built, Vec<u32>) {
    let built = build(17, &input(LEN), 80);
    (built, public(LEN))
}

fn word(row: &[u32], lo: usize, hi: usize) -> u32 {
    row[lo] + (row[hi] << 16)
}

#[test]
fn a_read_returns_min_of_len_and_remaining() {
    let (built, pv) = forged_setup();
    let rs = rows(&built.syscall, col::WIDTH);
    // A short read while input remains: d != 0 and the input does not end.
    let h = find(&rs, |r| r[col::F_READ] == 1 && r[col::C_LO] >= 2);
    let mut f = h.clone();
    f[col::C_LO] -= 1;
    f[col::D_LO] += 1;
    if f[col::D_LO] == 1 << 16 {
        f[col::D_LO] = 0;
        f[col::CARRY] = 1;
    }
    f[col::CUR_NEW] -= 1;
    only(&catch(TableId::Rv32Syscall, &pv, &h, &f), &[19, 20, 21, 22]);
    // A read past the end of the input (c = len > remaining): the last read
    // at the end of input claims one more byte; d would be -1.
    let h = find(&rs, |r| {
        r[col::F_READ] == 1
            && r[col::CUR] + word(r, col::C_LO, col::C_HI) == LEN as u32
            && r[col::D_LO] >= 2
    });
    let mut f = h.clone();
    f[col::C_LO] += 1;
    f[col::CUR_NEW] += 1;
    if f[col::D_LO] > 0 {
        f[col::D_LO] -= 1;
    }
    let c = catch(TableId::Rv32Syscall, &pv, &h, &f);
    only(&c, &[19, 20, 21, 22]);
    // More than len: d negative, out of U16.
    let h = find(&rs, |r| {
        r[col::F_READ] == 1 && r[col::D_LO] == 0 && r[col::D_HI] == 0
    });
    let mut f = h.clone();
    f[col::C_LO] += 1;
    f[col::CUR_NEW] += 1;
    f[col::D_LO] = zkvm_verifier::field::P - 1;
    let c = catch(TableId::Rv32Syscall, &pv, &h, &f);
    assert!(
        c.constraints.iter().all(|&k| k == 21),
        "{:?}",
        c.constraints
    );
    assert!(!c.lookups.is_empty());
    // A short read with len >= p: d = p is a multiple of p, so the word
    // d_lo + 2^16 d_hi vanishes in the field although d != 0; the limbs of d
    // are checked one by one.
    let h = find(&rs, |r| {
        r[col::F_READ] == 1
            && r[col::D_LO] == 0
            && r[col::D_HI] == 0
            && r[col::CUR] + word(r, col::C_LO, col::C_HI) < LEN as u32
    });
    let p = zkvm_verifier::field::P;
    let mut f = h.clone();
    let len = word(&h, col::C_LO, col::C_HI) + p;
    f[col::LEN_LO] = len & 0xffff;
    f[col::LEN_HI] = len >> 16;
    f[col::D_LO] = p & 0xffff;
    f[col::D_HI] = p >> 16;
    f[col::CARRY] = (h[col::C_LO] + (p & 0xffff)) >> 16;
    only(&catch(TableId::Rv32Syscall, &pv, &h, &f), &[21, 22]);
}

#[test]
fn syscall_numbers_and_fds_are_checked() {
    let (built, pv) = forged_setup();
    let rs = rows(&built.syscall, col::WIDTH);
    let h = find(&rs, |r| r[col::F_WRITE] == 1 && r[col::FD2] == 0);
    // Another syscall number claimed as write.
    let mut f = h.clone();
    f[col::A_LO] = 65;
    only(&catch(TableId::Rv32Syscall, &pv, &h, &f), &[8]);
    // fd 2 claimed as fd 1 (no output).
    let h2 = find(&rs, |r| r[col::F_WRITE] == 1 && r[col::FD2] == 1);
    let mut f = h2.clone();
    f[col::FD2] = 0;
    only(&catch(TableId::Rv32Syscall, &pv, &h2, &f), &[14, 27]);
    // A write to fd 2 starting its chain at another position (with cur_new
    // moved along, so only the fd-2 cursor constraint sees it).
    let mut f = h2.clone();
    f[col::CUR] = 1 << 29;
    f[col::CUR_NEW] += 1 << 29;
    only(&catch(TableId::Rv32Syscall, &pv, &h2, &f), &[32]);
    // fd 3.
    let mut f = h.clone();
    f[col::B_LO] = 3;
    f[col::FD2] = 2;
    only(&catch(TableId::Rv32Syscall, &pv, &h, &f), &[4, 6]);
    // A read from fd 1.
    let h = find(&rs, |r| r[col::F_READ] == 1);
    let mut f = h.clone();
    f[col::B_LO] = 1;
    only(&catch(TableId::Rv32Syscall, &pv, &h, &f), &[11]);
    // A write claiming another count.
    let h = find(&rs, |r| r[col::F_WRITE] == 1);
    let mut f = h.clone();
    f[col::C_LO] ^= 1;
    only(&catch(TableId::Rv32Syscall, &pv, &h, &f), &[17, 23]);
    // A read that does not move the cursor.
    let h = find(&rs, |r| r[col::F_READ] == 1 && r[col::C_LO] > 0);
    let mut f = h.clone();
    f[col::CUR_NEW] = f[col::CUR];
    only(&catch(TableId::Rv32Syscall, &pv, &h, &f), &[23]);
    // Exit changing a0, or not an exit number.
    let h = find(&rs, |r| r[col::F_EXIT] == 1);
    let mut f = h.clone();
    f[col::C_LO] ^= 1;
    only(&catch(TableId::Rv32Syscall, &pv, &h, &f), &[15]);
    let mut f = h.clone();
    f[col::A_LO] = 92;
    only(&catch(TableId::Rv32Syscall, &pv, &h, &f), &[9]);
    // A write that is not an exit cannot send HALT: the flags are one-hot.
    let h = find(&rs, |r| r[col::F_WRITE] == 1);
    let mut f = h.clone();
    f[col::F_EXIT] = 1;
    let c = catch(TableId::Rv32Syscall, &pv, &h, &f);
    assert!(c.constraints.contains(&3));
}

#[test]
fn forged_io_rows_are_caught() {
    let (built, pv) = forged_setup();
    let rs = rows(&built.io, io::WIDTH);
    let moved = |r: &[u32], j: usize| {
        let f = r[io::S1] + 2 * r[io::S2] + 3 * r[io::S3];
        let e = r[io::T1] + 2 * r[io::T2] + 3 * r[io::T3];
        f <= j as u32 && j as u32 <= e
    };
    // A read putting another byte than the input's: INPUT differs.
    let h = find(&rs, |r| r[io::K_READ] == 1 && moved(r, 0));
    let mut f = h.clone();
    f[io::N0] ^= 1;
    let c = catch(TableId::Rv32Io, &pv, &h, &f);
    assert!(c.constraints.is_empty());
    assert_eq!(c.tags, vec![bus::TAG_MEM, bus::TAG_INPUT]);
    // A read changing a lane it does not move.
    let h = find(&rs, |r| r[io::K_READ] == 1 && !moved(r, 3));
    let mut f = h.clone();
    f[io::N0 + 3] ^= 1;
    only(&catch(TableId::Rv32Io, &pv, &h, &f), &[22]);
    // A write outputting another byte than memory's.
    let h = find(&rs, |r| r[io::K_WRITE1] == 1 && moved(r, 1));
    let mut f = h.clone();
    f[io::N0 + 1] ^= 1;
    only(&catch(TableId::Rv32Io, &pv, &h, &f), &[16]);
    // ... or claiming the old byte was that (the old word changes: MEM).
    let mut f = h.clone();
    f[io::N0 + 1] ^= 1;
    f[io::U0 + 1] ^= 1;
    let c = catch(TableId::Rv32Io, &pv, &h, &f);
    assert!(c.constraints.is_empty());
    assert_eq!(c.tags, vec![bus::TAG_MEM, bus::TAG_OUTPUT]);
    // Skipping a byte: start one lane later (the chain breaks).
    let h = find(&rs, |r| {
        r[io::K_WRITE1] == 1
            && r[io::S1] + r[io::S2] + r[io::S3] == 0
            && r[io::T1] + r[io::T2] + r[io::T3] > 0
    });
    let mut f = h.clone();
    f[io::S1] = 1;
    let c = catch(TableId::Rv32Io, &pv, &h, &f);
    assert!(c.constraints.is_empty());
    assert!(c.tags.contains(&bus::TAG_IO));
    // End before start.
    let h = find(&rs, |r| r[io::S3] == 1);
    let mut f = h.clone();
    f[io::T1] = 0;
    f[io::T2] = 0;
    f[io::T3] = 0;
    only(&catch(TableId::Rv32Io, &pv, &h, &f), &[12, 19, 20, 21, 22]);
    // Reading into ROM.
    let h = find(&rs, |r| r[io::K_READ] == 1);
    let mut f = h.clone();
    f[io::ROM] = 1;
    only(&catch(TableId::Rv32Io, &pv, &h, &f), &[14]);
    // The old word split into a non-byte (u0 + 256, u1 - 1: the same limb),
    // to change a kept lane: a U8 lookup out of range.
    let h = find(&rs, |r| {
        r[io::K_READ] == 1 && !moved(r, 1) && r[io::U0 + 1] < 255
    });
    let mut f = h.clone();
    f[io::U0] += 256;
    f[io::U0 + 1] = (f[io::U0 + 1] + zkvm_verifier::field::P - 1) % zkvm_verifier::field::P;
    if !moved(&h, 0) {
        f[io::N0] += 256;
    }
    f[io::N0 + 1] = f[io::U0 + 1];
    let c = catch(TableId::Rv32Io, &pv, &h, &f);
    assert!(!c.lookups.is_empty());
    // A timestamp not after the previous access.
    let h = find(&rs, |_| true);
    let mut f = h.clone();
    f[io::PREV_TS] = 4 * h[io::CLK] + 4;
    only(&catch(TableId::Rv32Io, &pv, &h, &f), &[23]);
}

#[test]
fn padding_is_silent() {
    for table in [TableId::Rv32Syscall, TableId::Rv32Io] {
        let f = fns(table);
        let zero = vec![0u32; f.width];
        assert!(violations(&f, &zero).is_empty());
        for (m, _) in row_messages(&f, &zero) {
            assert_eq!(m, 0);
        }
    }
}
