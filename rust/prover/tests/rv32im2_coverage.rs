//! Coverage of the version-2 trace builders (rv32im2::run::build_traces)
//! against the tables: random and edge-case programs, assembled with the
//! executor's testing helpers, must give traces that pass the full check
//! (every table's constraints on every row, the bus with the verifier's
//! boundary messages balanced message by message), with every CPU row
//! equal to the executor's step (pc, next pc, operands, result) and every
//! multiplicity outside RANGE and FIXED in {-1, 0, 1}; programs the
//! executor rejects (traps, faults, the cycle limit) are never traced.
//!
//! Random programs are batched: each ELF holds several independent random
//! program bodies (each re-initialises the registers it uses and ends with
//! a0 set), run one after the other, the last one followed by an exit
//! ECALL (93 or 94) with a0 as computed.

mod rv32im2_common;

use rv32im2_common::asm::{elf, Asm, BranchFn, Label, DATA, TEXT};
use rv32im2_common::machine::{self, assert_clean, Run};
use rv32im2_common::{fns, row_messages};
use zkvm_executor::testing::asm::{self, reg};
use zkvm_executor::ExecError;
use zkvm_prover::rv32im2::TraceError;
use zkvm_prover::types::to_u32;
use zkvm_verifier::air::rv32im::{boundary, cpu, statement};
use zkvm_verifier::air::{tables, TableId};
use zkvm_verifier::field;
use zkvm_verifier::receipt::program as prog;

const MAX_CYCLES: u64 = machine::MAX_CYCLES;
const NUM_OPS: usize = 38;

/// splitmix64: reproducible, not cryptographic.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
    fn pick<T: Copy>(&mut self, xs: &[T]) -> T {
        xs[self.below(xs.len() as u64) as usize]
    }
    fn chance(&mut self, num: u64, den: u64) -> bool {
        self.below(den) < num
    }
}

const EDGE: [u32; 16] = [
    0,
    1,
    2,
    0xFFFF_FFFF,
    0xFFFF_FFFE,
    0x8000_0000,
    0x7FFF_FFFF,
    0x8000_0001,
    0x0000_FFFF,
    0x0001_0000,
    0xFFFF_0000,
    0x0000_8000,
    31,
    32,
    33,
    0x55AA_55AA,
];
const EDGE_IMM: [i32; 8] = [0, 1, -1, 2047, -2048, 0x7FF, -0x800 + 1, 0x555];

fn value(rng: &mut Rng) -> u32 {
    if rng.chance(1, 3) {
        rng.next() as u32
    } else {
        rng.pick(&EDGE)
    }
}

fn imm12(rng: &mut Rng) -> i32 {
    if rng.chance(1, 2) {
        rng.pick(&EDGE_IMM)
    } else {
        (rng.below(4096) as i32) - 2048
    }
}

/// Base registers of the random loads/stores, never written by random code.
const RAM_BASE: u32 = reg::S0; // DATA + 256, inside a 512-byte data segment
const STACK_BASE: u32 = reg::S1; // STACK_TOP - 2048, in the zero-initialised heap/stack
const DATA_SIZE: u32 = 512;
const DATA_FILE: usize = 384;

fn dest(rng: &mut Rng) -> u32 {
    if rng.chance(1, 8) {
        return 0;
    }
    loop {
        let r = 1 + rng.below(31) as u32;
        if r != RAM_BASE && r != STACK_BASE {
            return r;
        }
    }
}
fn src(rng: &mut Rng) -> u32 {
    rng.below(32) as u32
}

type RFn = fn(u32, u32, u32) -> u32;
const R_OPS: [RFn; 18] = [
    asm::add,
    asm::sub,
    asm::sll,
    asm::slt,
    asm::sltu,
    asm::xor,
    asm::srl,
    asm::sra,
    asm::or,
    asm::and,
    asm::mul,
    asm::mulh,
    asm::mulhsu,
    asm::mulhu,
    asm::div,
    asm::divu,
    asm::rem,
    asm::remu,
];
type IFn = fn(u32, u32, i32) -> u32;
const I_OPS: [IFn; 6] = [
    asm::addi,
    asm::slti,
    asm::sltiu,
    asm::xori,
    asm::ori,
    asm::andi,
];
type ShFn = fn(u32, u32, u32) -> u32;
const SH_OPS: [ShFn; 3] = [asm::slli, asm::srli, asm::srai];
type MemFn = fn(u32, u32, i32) -> u32;
const LOADS: [(MemFn, i32); 5] = [
    (asm::lb, 1),
    (asm::lbu, 1),
    (asm::lh, 2),
    (asm::lhu, 2),
    (asm::lw, 4),
];
const STORES: [(MemFn, i32); 3] = [(asm::sb, 1), (asm::sh, 2), (asm::sw, 4)];
const BRANCHES: [BranchFn; 6] = [asm::beq, asm::bne, asm::blt, asm::bge, asm::bltu, asm::bgeu];

/// A random aligned offset of a `width`-byte access from one of the bases.
fn mem_operand(rng: &mut Rng, width: i32) -> (u32, i32) {
    if rng.chance(1, 4) {
        // [-2048, 2047 - width]: below the initial stack pointer.
        let off = (rng.below(2048) as i32 - 1024) & !(width - 1);
        (STACK_BASE, off)
    } else {
        // [DATA, DATA + 512) = s0 + [-256, 255].
        let off = (rng.below(DATA_SIZE as u64) as i32 - 256) & !(width - 1);
        (RAM_BASE, off)
    }
}

/// Emits one random item (one to six words); forward control flow is
/// resolved through labels bound `skip` items later.
fn random_item(a: &mut Asm, rng: &mut Rng, pending: &mut Vec<(Label, u32)>) {
    match rng.below(100) {
        0..=39 => {
            let op = rng.pick(&R_OPS);
            a.emit(op(dest(rng), src(rng), src(rng)));
        }
        40..=51 => {
            let op = rng.pick(&I_OPS);
            a.emit(op(dest(rng), src(rng), imm12(rng)));
        }
        52..=57 => {
            let op = rng.pick(&SH_OPS);
            let shamt = if rng.chance(1, 3) {
                rng.pick(&[0, 1, 31])
            } else {
                rng.below(32) as u32
            };
            a.emit(op(dest(rng), src(rng), shamt));
        }
        58..=60 => {
            let upper = if rng.chance(1, 2) {
                rng.pick(&[0, 1, 0x80000, 0xFFFFF])
            } else {
                rng.below(1 << 20) as u32
            };
            if rng.chance(1, 2) {
                a.emit(asm::lui(dest(rng), upper));
            } else {
                a.emit(asm::auipc(dest(rng), upper));
            }
        }
        61..=72 => {
            let (op, width) = rng.pick(&LOADS);
            let (base, off) = mem_operand(rng, width);
            a.emit(op(dest(rng), base, off));
        }
        73..=82 => {
            let (op, width) = rng.pick(&STORES);
            let (base, off) = mem_operand(rng, width);
            a.emit(op(src(rng), base, off));
        }
        83..=90 => {
            let l = a.label();
            let br = rng.pick(&BRANCHES);
            let (x, y) = (src(rng), src(rng));
            let y = if rng.chance(1, 4) { x } else { y };
            a.branch_to(br, x, y, l);
            pending.push((l, rng.below(5) as u32));
        }
        91..=93 => {
            let l = a.label();
            a.jal_to(dest(rng), l);
            pending.push((l, rng.below(4) as u32));
        }
        94..=95 => {
            // auipc t, 0; jalr rd, t, (target - auipc) | bit0
            let l = a.label();
            let t = dest(rng).max(1);
            let rd = dest(rng);
            let odd = rng.below(2) as i32;
            a.emit(asm::auipc(t, 0));
            a.emit_fixup(l, move |off| asm::jalr(rd, t, off + 4 + odd));
            pending.push((l, rng.below(4) as u32));
        }
        96 => {
            a.emit(asm::fence());
        }
        97..=98 => {
            // write(fd 1 or 2, buf, len 0..8) from RAM, the stack or the code.
            let fd = 1 + rng.below(2) as u32;
            let buf = match rng.below(3) {
                0 => DATA + rng.below(DATA_SIZE as u64 - 8) as u32,
                1 => prog::STACK_TOP - 2048 + rng.below(1024) as u32,
                _ => TEXT + rng.below(64) as u32,
            };
            a.syscall(64, fd, buf, rng.below(9) as u32);
        }
        _ => {
            // read(0, buf, len 0..8) into RAM or the stack.
            let buf = if rng.chance(1, 2) {
                DATA + rng.below(DATA_SIZE as u64 - 8) as u32
            } else {
                prog::STACK_TOP - 2048 + rng.below(1024) as u32
            };
            a.syscall(63, 0, buf, rng.below(9) as u32);
        }
    }
    for p in pending.iter_mut() {
        p.1 = p.1.wrapping_sub(1);
    }
    let (due, rest): (Vec<_>, Vec<_>) = pending.drain(..).partition(|p| p.1 == u32::MAX);
    *pending = rest;
    for (l, _) in due {
        a.bind(l);
    }
}

/// One random program body: registers initialised (random subset, edge
/// values), `len` random items, pending labels bound, a0 set.
fn random_body(a: &mut Asm, rng: &mut Rng, len: usize) {
    a.li(RAM_BASE, DATA + 256);
    a.li(STACK_BASE, prog::STACK_TOP - 2048);
    for r in 1..32 {
        if r != RAM_BASE && r != STACK_BASE && rng.chance(3, 4) {
            let v = value(rng);
            a.li(r, v);
        }
    }
    let mut pending = Vec::new();
    for _ in 0..len {
        random_item(a, rng, &mut pending);
    }
    for (l, _) in pending {
        a.bind(l);
    }
    if rng.chance(1, 2) {
        let v = value(rng);
        a.li(reg::A0, v);
    } else {
        a.emit(asm::xor(reg::A0, src(rng), src(rng)));
    }
}

/// Op coverage accumulated over honest runs.
#[derive(Default)]
struct Coverage {
    ops: Vec<u64>,
    imm_forms: u64,
    x0_writes: u64,
    taken: u64,
    not_taken: u64,
    syscall_rows: u64,
    zero_rows: u64,
    rows: u64,
}

fn cell(h: &Run, table: TableId, r: usize, c: usize) -> u32 {
    let t = h.trace(table);
    to_u32(t.values[r * t.width + c])
}

fn rows_of(h: &Run, table: TableId) -> usize {
    let t = h.trace(table);
    t.values.len() / t.width
}

impl Coverage {
    fn new() -> Self {
        Coverage {
            ops: vec![0; NUM_OPS],
            ..Default::default()
        }
    }
    fn add(&mut self, h: &Run) {
        for r in 0..h.w.cycles as usize {
            let op = cell(h, TableId::Rv32Cpu, r, cpu::OP);
            self.ops[(op % 64) as usize] += 1;
            if op >= 64 {
                self.imm_forms += 1;
            }
            let op = op % 64;
            if (prog::OP_BEQ..=prog::OP_BGEU).contains(&op) {
                if cell(h, TableId::Rv32Cpu, r, cpu::C_LO) == 1 {
                    self.taken += 1;
                } else {
                    self.not_taken += 1;
                }
            }
            let writes = !matches!(op, prog::OP_BEQ..=prog::OP_BGEU | prog::OP_SB..=prog::OP_SW | prog::OP_ECALL | prog::OP_FENCE);
            if writes && cell(h, TableId::Rv32Cpu, r, cpu::RD) == 0 {
                self.x0_writes += 1;
            }
        }
        let n = rows_of(h, TableId::Rv32Syscall);
        self.syscall_rows += (0..n)
            .filter(|&r| {
                let t = h.trace(TableId::Rv32Syscall);
                t.values[r * t.width..(r + 1) * t.width]
                    .iter()
                    .any(|&v| to_u32(v) != 0)
            })
            .count() as u64;
        self.zero_rows += (0..rows_of(h, TableId::Rv32Boundary))
            .filter(|&r| cell(h, TableId::Rv32Boundary, r, boundary::B_ZERO) == 1)
            .count() as u64;
        self.rows += h.w.cycles;
    }
}

/// The full check of an honest run: every table's constraints, the bus,
/// the executor's steps against the CPU rows, small multiplicities.
fn check_ok(name: &str, h: &Run) {
    assert_clean(name, &h.vk, &h.claim());
    // The executor again, step by step, against the CPU table.
    let (_, records) = rv32im2_common::run(&h.elf, &h.input);
    assert_eq!(records.len() as u64, h.w.cycles, "{name}: cycles");
    for (clk, s) in records.iter().enumerate() {
        let at = |c: usize| cell(h, TableId::Rv32Cpu, clk, c);
        let word = |lo: usize, hi: usize| at(lo) | (at(hi) << 16);
        assert_eq!(at(cpu::IS_REAL), 1, "{name}: clk {clk}");
        assert_eq!(at(cpu::CLK), clk as u32, "{name}: clk {clk}");
        assert_eq!(at(cpu::PC), s.pc, "{name}: clk {clk} pc");
        let halt = clk + 1 == records.len();
        assert_eq!(at(cpu::HALT), halt as u32, "{name}: clk {clk} halt");
        if !halt {
            assert_eq!(at(cpu::NEXT_PC), s.next_pc, "{name}: clk {clk} next pc");
        }
        let op = at(cpu::OP) % 64;
        if op != prog::OP_ECALL {
            if at(cpu::RS1) == s.rs1 as u32 {
                assert_eq!(
                    word(cpu::A_LO, cpu::A_HI),
                    s.rs1_value,
                    "{name}: clk {clk} rs1"
                );
            }
            if at(cpu::RS2) == s.rs2 as u32 && s.rs2 != 0 {
                assert_eq!(
                    word(cpu::B_LO, cpu::B_HI),
                    s.rs2_value,
                    "{name}: clk {clk} rs2"
                );
            }
        }
        if at(cpu::F_WR) == 1 && !halt {
            assert_eq!(at(cpu::RD), s.rd as u32, "{name}: clk {clk} rd");
            assert_eq!(
                word(cpu::C_LO, cpu::C_HI),
                s.rd_value,
                "{name}: clk {clk} rd value"
            );
        }
    }
    for r in h.w.cycles as usize..rows_of(h, TableId::Rv32Cpu) {
        assert_eq!(
            cell(h, TableId::Rv32Cpu, r, cpu::IS_REAL),
            0,
            "{name}: padding"
        );
    }
    // Multiplicities of every table but RANGE and FIXED are -1, 0 or 1
    // (what bounds every message's count far below p; see rv32im2_cross_table.rs).
    for (id, trace) in tables(&h.vk.air).into_iter().zip(&h.w.traces) {
        if matches!(id, TableId::Rv32Range | TableId::Rv32Fixed) {
            continue;
        }
        let table = format!("{id:?}");
        let f = fns(id);
        let w = f.width;
        for r in 0..trace.values.len() / w {
            let values: Vec<u32> = trace.values[r * w..(r + 1) * w]
                .iter()
                .map(|&x| to_u32(x))
                .collect();
            for (m, msg) in row_messages(&f, &values) {
                assert!(
                    m <= 1 || m == field::P - 1,
                    "{name}: {table} row {r}: multiplicity {m} of {msg:?}"
                );
            }
        }
    }
}

const PROGRAMS_PER_ELF: usize = 50;
const ELFS_PER_TEST: usize = 10;

/// ELFS_PER_TEST ELFs of PROGRAMS_PER_ELF random bodies each.
fn random_batch(seed: u64) -> Coverage {
    let mut cov = Coverage::new();
    let mut rng = Rng(seed);
    for e in 0..ELFS_PER_TEST {
        let mut a = Asm::new();
        for _ in 0..PROGRAMS_PER_ELF {
            let len = 20 + rng.below(60) as usize;
            random_body(&mut a, &mut rng, len);
        }
        a.li(reg::A7, if rng.chance(1, 4) { 94 } else { 93 });
        a.emit(asm::ecall());
        let data: Vec<u8> = (0..DATA_FILE).map(|_| rng.next() as u8).collect();
        let input: Vec<u8> = (0..rng.below(48)).map(|_| rng.next() as u8).collect();
        let name = format!("random seed {seed:#x} elf {e}");
        let h = machine::try_run(&elf(&a.finish(), &data, DATA_SIZE), &input)
            .unwrap_or_else(|err| panic!("{name}: build_traces: {err}"));
        check_ok(&name, &h);
        cov.add(&h);
    }
    println!(
        "seed {seed:#x}: {} programs, {} rows, ops {:?}, immediate forms {}, x0 writes {}, branches taken {} / not {}, syscall rows {}, zero boundary rows {}",
        ELFS_PER_TEST * PROGRAMS_PER_ELF,
        cov.rows,
        cov.ops,
        cov.imm_forms,
        cov.x0_writes,
        cov.taken,
        cov.not_taken,
        cov.syscall_rows,
        cov.zero_rows
    );
    // Every operation (FENCE included) occurs, and the interesting cases too.
    for (op, &n) in cov.ops.iter().enumerate() {
        assert!(n > 0, "seed {seed:#x}: op {op} never executed");
    }
    assert!(
        cov.imm_forms > 0
            && cov.x0_writes > 0
            && cov.taken > 0
            && cov.not_taken > 0
            && cov.syscall_rows > 0
            && cov.zero_rows > 0
    );
    cov
}

#[test]
fn random_programs_0() {
    random_batch(0x5EED_0000);
}
#[test]
fn random_programs_1() {
    random_batch(0x5EED_1111);
}
#[test]
fn random_programs_2() {
    random_batch(0x5EED_2222);
}
#[test]
fn random_programs_3() {
    random_batch(0x5EED_3333);
}

// ------------------------------------------------------------ edge-value sweeps

/// Every R-type ALU/M op on every pair of edge values, every I-type op on
/// every edge value with edge immediates, rd cycling through x0..x31 minus
/// the operand registers.
#[test]
fn edge_value_sweep() {
    let mut a = Asm::new();
    // Operand registers x5..x20 hold EDGE[0..16].
    for (i, &v) in EDGE.iter().enumerate() {
        a.li(5 + i as u32, v);
    }
    let dests: Vec<u32> = (0..32).filter(|r| !(5..21).contains(r)).collect();
    let mut d = 0;
    let mut next_dest = || {
        d += 1;
        dests[d % dests.len()]
    };
    for op in R_OPS {
        for i in 0..16 {
            for j in 0..16 {
                a.emit(op(next_dest(), 5 + i, 5 + j));
            }
        }
    }
    for op in I_OPS {
        for i in 0..16 {
            for imm in EDGE_IMM {
                a.emit(op(next_dest(), 5 + i, imm));
            }
        }
    }
    for op in SH_OPS {
        for i in 0..16 {
            for shamt in [0, 1, 7, 8, 15, 16, 17, 31] {
                a.emit(op(next_dest(), 5 + i, shamt));
            }
        }
    }
    a.exit(0);
    let h = machine::run(&elf(&a.finish(), &[], 0), &[]);
    println!("edge sweep: {} cycles", h.w.cycles);
    check_ok("edge sweep", &h);
}

/// Loads of every width at every lane of words with sign bits set, stores
/// of every width at every lane (RAM image, zero tail, stack), loads from
/// the code segment (ROM), and branches on edge values both ways.
#[test]
fn memory_and_branch_edges() {
    let mut a = Asm::new();
    a.li(RAM_BASE, DATA);
    a.li(STACK_BASE, prog::STACK_TOP - 64);
    a.li(reg::T0, TEXT);
    a.li(reg::T1, 0x8081_7F80);
    a.li(reg::T2, 0xFEDC_BA98);
    for (op, width) in LOADS {
        for off in (0..16).step_by(width as usize) {
            a.emit(op(reg::A3, RAM_BASE, off));
            a.emit(op(reg::A4, reg::T0, off)); // ROM
            a.emit(op(0, RAM_BASE, off)); // to x0
        }
    }
    for base in [RAM_BASE, STACK_BASE] {
        // RAM image words at DATA+32.., zero tail at DATA+96.., stack.
        for region in [32, 96] {
            let region = if base == STACK_BASE {
                -32 + region / 4
            } else {
                region
            };
            for (op, width) in STORES {
                for lane in (0..4).step_by(width as usize) {
                    a.emit(op(reg::T1, base, region + lane));
                    a.emit(op(reg::T2, base, region + 4 + lane));
                }
            }
            for (op, width) in LOADS {
                for off in (0..8).step_by(width as usize) {
                    a.emit(op(reg::A5, base, region + off));
                }
            }
        }
    }
    for br in BRANCHES {
        for &(x, y) in &[
            (0u32, 0u32),
            (0, 1),
            (1, 0),
            (0x8000_0000, 0x7FFF_FFFF),
            (0x7FFF_FFFF, 0x8000_0000),
            (u32::MAX, 0),
            (0, u32::MAX),
            (u32::MAX, u32::MAX),
        ] {
            a.li(reg::A6, x);
            a.li(reg::A7, y);
            let l = a.label();
            a.branch_to(br, reg::A6, reg::A7, l);
            a.emit(asm::addi(reg::A2, reg::A2, 1));
            a.bind(l);
        }
    }
    // A backward branch loop (10 iterations) and JALR with bit 0 set.
    a.li(reg::A2, 10);
    let top = a.pc();
    a.emit(asm::addi(reg::A2, reg::A2, -1));
    let here = a.pc();
    a.emit(asm::bne(reg::A2, 0, top as i32 - here as i32));
    a.emit(asm::auipc(reg::A3, 0));
    a.emit(asm::jalr(reg::RA, reg::A3, 9)); // to auipc + 8 (bit 0 cleared)
    a.exit(0xDEAD_BEEF);
    let mut data = vec![0u8; 64];
    for (i, b) in data.iter_mut().enumerate() {
        *b = [0x80, 0x7F, 0xFF, 0x01][i % 4] ^ (i as u8 & 0x70);
    }
    let h = machine::run(&elf(&a.finish(), &data, 160), &[]);
    assert_eq!(h.w.exit_code, 0xDEAD_BEEF);
    check_ok("memory and branch edges", &h);
}

// ------------------------------------------------------------ syscalls

struct SysCase {
    name: &'static str,
    input: Vec<u8>,
    build: fn(&mut Asm),
    /// The expected output, from the data image and the code bytes.
    output: fn(&[u8], &[u8]) -> Vec<u8>,
}

fn sys_cases() -> Vec<SysCase> {
    vec![
        SysCase {
            name: "read len 0, then read all",
            input: b"xyz".to_vec(),
            build: |a| {
                a.syscall(63, 0, DATA, 0);
                a.syscall(63, 0, DATA + 8, 3);
                a.syscall(64, 1, DATA + 8, 3);
                a.exit(0);
            },
            output: |_, _| b"xyz".to_vec(),
        },
        SysCase {
            name: "read len > remaining, then at EOF",
            input: b"0123456789".to_vec(),
            build: |a| {
                a.syscall(63, 0, DATA + 4, 4);
                a.syscall(63, 0, DATA + 12, 100);
                a.syscall(63, 0, DATA + 40, 5);
                a.syscall(64, 1, DATA + 4, 16);
                a.exit_with_a0();
            },
            output: |d, _| [b"0123", &d[8..12], b"456789", &d[18..20]].concat(),
        },
        SysCase {
            name: "read with empty input",
            input: vec![],
            build: |a| {
                a.syscall(63, 0, DATA, 7);
                a.exit_with_a0();
            },
            output: |_, _| vec![],
        },
        SysCase {
            name: "read into unaligned buffers (image, zero tail, stack)",
            input: (1..=40u8).collect(),
            build: |a| {
                a.syscall(63, 0, DATA + 3, 7);
                a.syscall(63, 0, DATA + 61, 9); // crosses into the zero tail
                a.syscall(63, 0, prog::STACK_TOP - 13, 11);
                a.syscall(64, 1, DATA + 3, 7);
                a.syscall(64, 1, DATA + 61, 9);
                a.syscall(64, 2, prog::STACK_TOP - 13, 11);
                a.exit(0);
            },
            output: |_, _| (1..=16u8).collect(),
        },
        SysCase {
            name: "write len 0 to fd 1 and fd 2",
            input: vec![],
            build: |a| {
                a.syscall(64, 1, DATA, 0);
                a.syscall(64, 2, DATA, 0);
                a.syscall(64, 1, 0, 0); // null buffer, nothing moved
                a.exit_with_a0();
            },
            output: |_, _| vec![],
        },
        SysCase {
            name: "write unaligned buffers from the image",
            input: vec![],
            build: |a| {
                a.syscall(64, 1, DATA + 5, 9);
                a.syscall(64, 2, DATA + 1, 2);
                a.syscall(64, 1, DATA + 63, 1);
                a.exit(1);
            },
            output: |d, _| [&d[5..14], &d[63..64]].concat(),
        },
        SysCase {
            name: "write from the code segment (ROM)",
            input: vec![],
            build: |a| {
                a.syscall(64, 1, TEXT + 1, 6);
                a.syscall(64, 2, TEXT + 2, 5);
                a.exit(2);
            },
            output: |_, code| code[1..7].to_vec(),
        },
        SysCase {
            name: "echo input through the heap, interleaved reads and writes",
            input: b"hello, prover".to_vec(),
            build: |a| {
                for _ in 0..3 {
                    a.syscall(63, 0, DATA + 100, 5);
                    // write(1, DATA + 100, a0 = count)
                    a.emit(asm::addi(reg::A2, reg::A0, 0));
                    a.li(reg::A0, 1);
                    a.li(reg::A1, DATA + 100);
                    a.li(reg::A7, 64);
                    a.emit(asm::ecall());
                }
                a.exit(0x8000_0001);
            },
            output: |_, _| b"hello, prover".to_vec(),
        },
        SysCase {
            name: "stores then write of the stored bytes",
            input: vec![],
            build: |a| {
                a.li(reg::T0, 0x6463_6261); // "abcd"
                a.li(reg::T1, prog::STACK_TOP - 16);
                a.emit(asm::sw(reg::T0, reg::T1, 0));
                a.emit(asm::sh(reg::T0, reg::T1, 6));
                a.emit(asm::sb(reg::T0, reg::T1, 4));
                a.syscall(64, 1, prog::STACK_TOP - 16, 8);
                a.exit(3);
            },
            output: |_, _| b"abcda\0ab".to_vec(),
        },
        SysCase {
            name: "exit_group with a large code",
            input: b"q".to_vec(),
            build: |a| {
                a.li(reg::A0, 0xFFFF_FFFF);
                a.li(reg::A7, 94);
                a.emit(asm::ecall());
            },
            output: |_, _| vec![],
        },
    ]
}

fn sys_data() -> Vec<u8> {
    (0..64u32).map(|i| (i * 37 + 11) as u8).collect()
}

#[test]
fn syscall_programs() {
    for case in sys_cases() {
        let mut a = Asm::new();
        (case.build)(&mut a);
        let code = a.finish();
        let h = machine::run(&elf(&code, &sys_data(), 128), &case.input);
        let code_bytes: Vec<u8> = code.iter().flat_map(|w| w.to_le_bytes()).collect();
        let expected = (case.output)(&sys_data(), &code_bytes);
        assert_eq!(h.w.output, expected, "{}: output", case.name);
        println!(
            "{}: exit {:#x}, {} cycles, output {} bytes, input consumed {}",
            case.name,
            h.w.exit_code,
            h.w.cycles,
            h.w.output.len(),
            h.w.input_consumed
        );
        check_ok(case.name, &h);
    }
}

// ------------------------------------------------------------ rejected programs

fn rejected(name: &str, code: Vec<u32>, input: &[u8], max_cycles: u64) -> ExecError {
    let e = elf(&code, &sys_data(), 128);
    let vk = zkvm_prover::rv32im2::run::verifying_key(&e)
        .unwrap_or_else(|err| panic!("{name}: verifying key {err:?}"));
    match zkvm_prover::rv32im2::run::build_traces(&vk.air, &e, input, max_cycles) {
        Err(TraceError::Exec(err)) => {
            println!("{name}: rejected: {err}");
            err
        }
        Err(other) => panic!("{name}: unexpected error {other}"),
        Ok(_) => panic!("{name}: build_traces accepted a program the executor rejects"),
    }
}

fn code(f: impl FnOnce(&mut Asm)) -> Vec<u32> {
    let mut a = Asm::new();
    f(&mut a);
    a.finish()
}

#[test]
fn executor_rejections_are_not_traced() {
    let e = rejected(
        "illegal instruction",
        code(|a| {
            a.emit(0xFFFF_FFFF);
            a.exit(0);
        }),
        &[],
        MAX_CYCLES,
    );
    assert!(matches!(e, ExecError::IllegalInstruction { .. }));
    let e = rejected(
        "all-zero word",
        code(|a| {
            a.li(reg::T0, 1);
            a.emit(0);
            a.exit(0);
        }),
        &[],
        MAX_CYCLES,
    );
    assert!(matches!(e, ExecError::IllegalInstruction { .. }));
    let e = rejected(
        "ebreak",
        code(|a| {
            a.emit(asm::ebreak());
            a.exit(0);
        }),
        &[],
        MAX_CYCLES,
    );
    assert!(matches!(e, ExecError::Ebreak { .. }));
    let e = rejected(
        "misaligned load",
        code(|a| {
            a.li(reg::T0, DATA);
            a.emit(asm::lw(reg::T1, reg::T0, 2));
            a.exit(0);
        }),
        &[],
        MAX_CYCLES,
    );
    assert!(matches!(e, ExecError::MisalignedAccess { .. }));
    let e = rejected(
        "misaligned halfword store",
        code(|a| {
            a.li(reg::T0, DATA);
            a.emit(asm::sh(reg::T1, reg::T0, 3));
            a.exit(0);
        }),
        &[],
        MAX_CYCLES,
    );
    assert!(matches!(e, ExecError::MisalignedAccess { .. }));
    let e = rejected(
        "store to code",
        code(|a| {
            a.li(reg::T0, TEXT);
            a.emit(asm::sw(reg::T1, reg::T0, 0));
            a.exit(0);
        }),
        &[],
        MAX_CYCLES,
    );
    assert!(matches!(e, ExecError::WriteToReadOnly { .. }));
    let e = rejected(
        "byte store to code",
        code(|a| {
            a.li(reg::T0, TEXT);
            a.emit(asm::sb(reg::T1, reg::T0, 3));
            a.exit(0);
        }),
        &[],
        MAX_CYCLES,
    );
    assert!(matches!(e, ExecError::WriteToReadOnly { .. }));
    let e = rejected(
        "read into code",
        code(|a| {
            a.syscall(63, 0, TEXT + 4, 2);
            a.exit(0);
        }),
        b"ab",
        MAX_CYCLES,
    );
    assert!(matches!(e, ExecError::WriteToReadOnly { .. }));
    let e = rejected(
        "load from unmapped memory",
        code(|a| {
            a.emit(asm::lw(reg::T1, 0, 16));
            a.exit(0);
        }),
        &[],
        MAX_CYCLES,
    );
    assert!(matches!(e, ExecError::OutOfBoundsAccess { .. }));
    let e = rejected(
        "write from unmapped memory",
        code(|a| {
            a.syscall(64, 1, 0x100, 4);
            a.exit(0);
        }),
        &[],
        MAX_CYCLES,
    );
    assert!(matches!(e, ExecError::OutOfBoundsAccess { .. }));
    let e = rejected(
        "unknown syscall",
        code(|a| {
            a.syscall(1234, 0, 0, 0);
            a.exit(0);
        }),
        &[],
        MAX_CYCLES,
    );
    assert!(matches!(e, ExecError::UnknownSyscall { number: 1234, .. }));
    let e = rejected(
        "write to fd 3",
        code(|a| {
            a.syscall(64, 3, DATA, 1);
            a.exit(0);
        }),
        &[],
        MAX_CYCLES,
    );
    assert!(matches!(e, ExecError::BadFileDescriptor { fd: 3, .. }));
    let e = rejected(
        "write to fd 0",
        code(|a| {
            a.syscall(64, 0, DATA, 1);
            a.exit(0);
        }),
        &[],
        MAX_CYCLES,
    );
    assert!(matches!(e, ExecError::BadFileDescriptor { fd: 0, .. }));
    let e = rejected(
        "read from fd 1",
        code(|a| {
            a.syscall(63, 1, DATA, 1);
            a.exit(0);
        }),
        b"x",
        MAX_CYCLES,
    );
    assert!(matches!(e, ExecError::BadFileDescriptor { fd: 1, .. }));
    let e = rejected(
        "misaligned jump",
        code(|a| {
            a.emit(asm::auipc(reg::T0, 0));
            a.emit(asm::jalr(0, reg::T0, 6));
            a.exit(0);
        }),
        &[],
        MAX_CYCLES,
    );
    assert!(matches!(e, ExecError::MisalignedJump { .. }));
    let e = rejected(
        "jump out of the code",
        code(|a| {
            a.li(reg::T0, DATA);
            a.emit(asm::jalr(0, reg::T0, 0));
            a.exit(0);
        }),
        &[],
        MAX_CYCLES,
    );
    assert!(matches!(e, ExecError::InstructionFetchFault { .. }));
    let e = rejected(
        "running off the end",
        code(|a| {
            a.li(reg::T0, 1);
        }),
        &[],
        MAX_CYCLES,
    );
    assert!(matches!(e, ExecError::InstructionFetchFault { .. }));
    let e = rejected(
        "no exit within the cycle limit",
        code(|a| {
            a.emit(asm::jal(0, 0));
        }),
        &[],
        10_000,
    );
    assert!(matches!(e, ExecError::CycleLimitExceeded { .. }));
}

// ------------------------------------------------------------ layouts and sizes

/// A code segment with a zero tail (ROM words past the file bytes) and a
/// literal non-instruction word, a RAM segment below the code and one
/// above it, both with zero tails, and the heap/stack: four zero
/// intervals (the maximum) and every kind of boundary row.
#[test]
fn multi_segment_layout() {
    use zkvm_executor::testing::elf_writer::{ElfSegment, PF_R, PF_W};
    let low = 0x8000u32; // RAM below the code
    let high = DATA + 0x1000; // RAM above DATA
    let mut a = Asm::new();
    let over_literal = a.label();
    a.jal_to(0, over_literal);
    let literal = a.emit(0xFFFF_FFFF); // not an instruction: no program row
    a.bind(over_literal);
    a.li(reg::T0, literal);
    a.emit(asm::lw(reg::A3, reg::T0, 0)); // ROM word that is not code
    a.emit(asm::lbu(reg::A4, reg::T0, 3));
    for base in [low, DATA, high] {
        a.li(reg::T1, base);
        a.emit(asm::lw(reg::A5, reg::T1, 0)); // image word
        a.emit(asm::sw(reg::A5, reg::T1, 12)); // image word
        a.emit(asm::lh(reg::A6, reg::T1, 30)); // zero tail
        a.emit(asm::sb(reg::A5, reg::T1, 33)); // zero tail
        a.emit(asm::lw(reg::A6, reg::T1, 32));
    }
    a.li(reg::T1, prog::STACK_TOP - 8);
    a.emit(asm::sw(reg::A6, reg::T1, 4));
    a.emit(asm::lw(reg::A7, reg::T1, 0));
    // The code segment's zero tail (ROM): read it with a load and a write.
    let code_end = a.pc() + 4 * 40;
    a.li(reg::T2, code_end);
    a.emit(asm::lw(reg::A2, reg::T2, 8));
    a.syscall(64, 1, code_end + 1, 6);
    a.exit_with_a0();
    let code = a.finish();
    assert!(TEXT + 4 * code.len() as u32 <= code_end);
    let mut b = zkvm_executor::testing::elf_writer::ElfBuilder::with_text(&code);
    b.segments[0].mem_size = code_end - TEXT + 64;
    for (vaddr, fill) in [(low, 0x11u8), (DATA, 0x22), (high, 0x33)] {
        b.segments.push(ElfSegment {
            vaddr,
            data: (0..32).map(|i| fill.wrapping_add(i)).collect(),
            mem_size: 64,
            flags: PF_R | PF_W,
        });
    }
    let e = b.build();
    let h = machine::run(&e, &[]);
    assert_eq!(
        machine::program(&h.vk).zero_intervals.len(),
        statement::MAX_ZERO_INTERVALS
    );
    assert_eq!(h.w.output, vec![0u8; 6]);
    check_ok("multi-segment layout", &h);
}

/// A run longer than 2^16 rows (a CPU trace of 2^17 rows), with many boundary
/// rows: a loop of 12000 iterations storing to 512 stack words.
#[test]
fn long_run_crosses_2_16_rows() {
    let mut a = Asm::new();
    a.li(reg::T0, 12_000);
    a.li(reg::T1, prog::STACK_TOP - 4 * 3000);
    let top = a.pc();
    a.emit(asm::addi(reg::T0, reg::T0, -1));
    a.emit(asm::andi(reg::T2, reg::T0, 0x7FC)); // 0, 4, ..., 2044
    a.emit(asm::add(reg::T2, reg::T2, reg::T1));
    a.emit(asm::sw(reg::T0, reg::T2, 0));
    a.emit(asm::add(reg::A0, reg::A0, reg::T0));
    let here = a.pc();
    a.emit(asm::bne(reg::T0, 0, top as i32 - here as i32));
    a.exit_with_a0();
    let h = machine::run(&elf(&a.finish(), &[], 0), &[]);
    assert!(h.w.cycles > 1 << 16);
    assert_eq!(rows_of(&h, TableId::Rv32Cpu), 1 << 17);
    println!("{} cycles, {} boundary rows", h.w.cycles, h.w.boundary_rows);
    check_ok("long run", &h);
}
