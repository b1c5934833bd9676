//! The test programs, grouped into one Lean file each.
//!
//! Arithmetic is tested systematically: every R-type operation on every pair of a set of edge
//! values, every I-type operation on every (value, immediate) pair, and so on; the results are
//! packed into as few short programs as the register file allows (operands in registers,
//! one result register per case, exit code = `a0`). Control flow, memory, syscalls and traps
//! are tested by hand-written programs whose intended outcome is stated with them and checked
//! against the executor.

use crate::vector::Vector;
use zkvm_executor::testing::asm::{self, reg::*};
use zkvm_executor::testing::elf_writer::{DATA_BASE, TEXT_BASE};

/// Saved registers beyond the ABI names `asm::reg` provides.
const S2: u32 = 18;
const S3: u32 = 19;
const S4: u32 = 20;
const S5: u32 = 21;
const S6: u32 = 22;

pub struct Group {
    /// Lean module name (and file name without `.lean`).
    pub module: &'static str,
    pub title: &'static str,
    pub vectors: Vec<Vector>,
}

const INT_MIN: u32 = 0x8000_0000;
const INT_MAX: u32 = 0x7fff_ffff;
const NEG1: u32 = 0xffff_ffff;
/// An arbitrary value with the sign bit set and a mixed bit pattern.
const MIXED: u32 = 0x9e37_79b9;
/// The operand values every arithmetic operation is tested on, pairwise.
const EDGE: [u32; 6] = [0, 1, NEG1, INT_MIN, INT_MAX, MIXED];
/// Shift amounts, including ones the 5-bit mask changes (32, 33, -1, INT_MIN).
const SHIFT: [u32; 8] = [0, 1, 4, 31, 32, 33, NEG1, INT_MIN];
/// 12-bit immediates, including both extremes.
const IMM: [i32; 6] = [0, 1, -1, 2047, -2048, 0x555];
const SHAMT: [u32; 5] = [0, 1, 4, 16, 31];

/// Code being assembled at `TEXT_BASE`.
struct Asm {
    words: Vec<u32>,
}

impl Asm {
    fn new() -> Asm {
        Asm { words: Vec::new() }
    }

    fn i(&mut self, word: u32) -> &mut Asm {
        self.words.push(word);
        self
    }

    fn all(&mut self, words: impl IntoIterator<Item = u32>) -> &mut Asm {
        self.words.extend(words);
        self
    }

    /// Loads a constant with as few instructions as possible (`addi`, `lui`, or both).
    fn li(&mut self, rd: u32, value: u32) -> &mut Asm {
        let low = ((value & 0xfff) as i32) << 20 >> 20;
        if (value as i32) >= -2048 && (value as i32) < 2048 {
            self.i(asm::addi(rd, ZERO, value as i32))
        } else if low == 0 {
            self.i(asm::lui(rd, value >> 12))
        } else {
            self.all(asm::li(rd, value))
        }
    }

    /// Address of the next instruction.
    fn here(&self) -> u32 {
        TEXT_BASE + 4 * self.words.len() as u32
    }

    /// `exit(a0)`.
    fn exit_a0(&mut self) -> &mut Asm {
        self.i(asm::addi(A7, ZERO, 93)).i(asm::ecall())
    }

    fn exit(&mut self, code: u32) -> &mut Asm {
        self.li(A0, code).exit_a0()
    }

    /// `ecall` number `number` with arguments `a0..a2`.
    fn syscall(&mut self, number: u32, a0: u32, a1: u32, a2: u32) -> &mut Asm {
        self.li(A0, a0)
            .li(A1, a1)
            .li(A2, a2)
            .li(A7, number)
            .i(asm::ecall())
    }

    fn vector(&self, name: &str, doc: &str) -> Vector {
        Vector::new(name, doc, self.words.clone())
    }
}

/* ---------------------------------------------------------------- arithmetic */

#[derive(Clone, Copy)]
enum Encoder {
    /// `op rd, rs1, rs2`
    R(fn(u32, u32, u32) -> u32),
    /// `op rd, rs1, imm`
    I(fn(u32, u32, i32) -> u32),
    /// `op rd, rs1, shamt`
    Shamt(fn(u32, u32, u32) -> u32),
    /// `b rs1, rs2, +8` over `addi rd, x0, 1`: rd = 1 iff the branch is not taken.
    Branch(fn(u32, u32, i32) -> u32),
}

#[derive(Clone, Copy)]
struct Case {
    mnemonic: &'static str,
    encoder: Encoder,
    a: u32,
    /// rs2's value, the immediate or the shift amount.
    b: u32,
}

impl Case {
    fn b_in_register(&self) -> bool {
        matches!(self.encoder, Encoder::R(_) | Encoder::Branch(_))
    }
}

/// Registers holding operands (at most this many distinct non-zero values per program).
const OPERAND_REGS: [u32; 8] = [5, 6, 7, 8, 9, 18, 19, 20];

fn operands(cases: &[Case]) -> Vec<u32> {
    let mut values = Vec::new();
    for c in cases {
        let mut used = vec![c.a];
        if c.b_in_register() {
            used.push(c.b);
        }
        for v in used {
            if v != 0 && !values.contains(&v) {
                values.push(v);
            }
        }
    }
    values
}

/// Packs `cases` into programs: operands in `OPERAND_REGS` (0 is `x0`), one result register per
/// case, `exit(a0)`.
fn pack(prefix: &str, what: &str, cases: &[Case]) -> Vec<Vector> {
    let mut chunks: Vec<Vec<Case>> = vec![Vec::new()];
    for &case in cases {
        let current = chunks.last_mut().unwrap();
        current.push(case);
        let n_ops = operands(current).len();
        // 31 registers minus a7 (the exit syscall number) for operands and results.
        if n_ops > OPERAND_REGS.len() || n_ops + current.len() > 30 {
            current.pop();
            chunks.push(vec![case]);
        }
    }
    let total = chunks.len();
    chunks
        .iter()
        .enumerate()
        .map(|(k, chunk)| {
            let values = operands(chunk);
            let reg_of = |v: u32| -> u32 {
                if v == 0 {
                    ZERO
                } else {
                    OPERAND_REGS[values.iter().position(|&x| x == v).unwrap()]
                }
            };
            let used_regs: Vec<u32> = (0..values.len()).map(|i| OPERAND_REGS[i]).collect();
            let results: Vec<u32> = (1..32)
                .filter(|r| *r != A7 && !used_regs.contains(r))
                .collect();
            let mut p = Asm::new();
            for &v in &values {
                p.li(reg_of(v), v);
            }
            let mut mnemonics: Vec<&str> = Vec::new();
            for (case, &rd) in chunk.iter().zip(&results) {
                let ra = reg_of(case.a);
                match case.encoder {
                    Encoder::R(f) => p.i(f(rd, ra, reg_of(case.b))),
                    Encoder::I(f) => p.i(f(rd, ra, case.b as i32)),
                    Encoder::Shamt(f) => p.i(f(rd, ra, case.b)),
                    Encoder::Branch(f) => p.i(f(ra, reg_of(case.b), 8)).i(asm::addi(rd, ZERO, 1)),
                };
                if !mnemonics.contains(&case.mnemonic) {
                    mnemonics.push(case.mnemonic);
                }
            }
            p.exit_a0();
            let part = if total > 1 {
                format!(" (part {} of {total})", k + 1)
            } else {
                String::new()
            };
            p.vector(
                &format!("{prefix}_{:02}", k + 1),
                &format!("{} {what}{part}.", mnemonics.join(", ")),
            )
        })
        .collect()
}

/// Every pair from `EDGE` (only `a ≤ b` in `EDGE`'s order for commutative operations).
fn pairs(mnemonic: &'static str, f: fn(u32, u32, u32) -> u32, commutative: bool) -> Vec<Case> {
    let mut cases = Vec::new();
    for (i, &a) in EDGE.iter().enumerate() {
        for (j, &b) in EDGE.iter().enumerate() {
            if !commutative || i <= j {
                cases.push(Case {
                    mnemonic,
                    encoder: Encoder::R(f),
                    a,
                    b,
                });
            }
        }
    }
    cases
}

fn shifts(mnemonic: &'static str, f: fn(u32, u32, u32) -> u32) -> Vec<Case> {
    let mut cases = Vec::new();
    for &a in &EDGE {
        for &b in &SHIFT {
            cases.push(Case {
                mnemonic,
                encoder: Encoder::R(f),
                a,
                b,
            });
        }
    }
    cases
}

fn immediates(mnemonic: &'static str, f: fn(u32, u32, i32) -> u32) -> Vec<Case> {
    let mut cases = Vec::new();
    for &a in &EDGE {
        for &imm in &IMM {
            cases.push(Case {
                mnemonic,
                encoder: Encoder::I(f),
                a,
                b: imm as u32,
            });
        }
    }
    cases
}

fn shamts(mnemonic: &'static str, f: fn(u32, u32, u32) -> u32) -> Vec<Case> {
    let mut cases = Vec::new();
    for &a in &EDGE {
        for &s in &SHAMT {
            cases.push(Case {
                mnemonic,
                encoder: Encoder::Shamt(f),
                a,
                b: s,
            });
        }
    }
    cases
}

fn alu_reg() -> Group {
    let mut cases = Vec::new();
    cases.extend(pairs("ADD", asm::add, true));
    cases.extend(pairs("SUB", asm::sub, false));
    cases.extend(pairs("SLT", asm::slt, false));
    cases.extend(pairs("SLTU", asm::sltu, false));
    cases.extend(pairs("XOR", asm::xor, true));
    cases.extend(pairs("OR", asm::or, true));
    cases.extend(pairs("AND", asm::and, true));
    cases.extend(shifts("SLL", asm::sll));
    cases.extend(shifts("SRL", asm::srl));
    cases.extend(shifts("SRA", asm::sra));
    Group {
        module: "AluReg",
        title: "register-register arithmetic (OP)",
        vectors: pack("op", "on all pairs of edge values", &cases),
    }
}

fn alu_imm() -> Group {
    let mut cases = Vec::new();
    cases.extend(immediates("ADDI", asm::addi));
    cases.extend(immediates("SLTI", asm::slti));
    cases.extend(immediates("SLTIU", asm::sltiu));
    cases.extend(immediates("XORI", asm::xori));
    cases.extend(immediates("ORI", asm::ori));
    cases.extend(immediates("ANDI", asm::andi));
    cases.extend(shamts("SLLI", asm::slli));
    cases.extend(shamts("SRLI", asm::srli));
    cases.extend(shamts("SRAI", asm::srai));
    let mut vectors = pack(
        "opimm",
        "on all pairs of an edge value and an edge immediate",
        &cases,
    );

    let mut p = Asm::new();
    p.i(asm::lui(RA, 0))
        .i(asm::lui(SP, 0x80000))
        .i(asm::lui(GP, 0xfffff))
        .i(asm::lui(TP, 0x12345))
        .i(asm::lui(ZERO, 0x12345))
        .i(asm::auipc(T0, 0))
        .i(asm::auipc(T1, 1))
        .i(asm::auipc(T2, 0xfffff))
        .i(asm::auipc(S0, 0x80000))
        .i(asm::auipc(S1, 0x7ffff))
        .i(asm::auipc(ZERO, 1))
        .exit(0);
    vectors.push(p.vector(
        "upper",
        "LUI and AUIPC with zero, sign-bit, all-ones and wrapping upper immediates, and into x0.",
    ));

    // Every kind of instruction that writes rd, with rd = x0: x0 stays zero.
    let mut p = Asm::new();
    p.li(T0, 0x1234_5678)
        .li(S0, DATA_BASE)
        .i(asm::addi(ZERO, T0, 1))
        .i(asm::add(ZERO, T0, T0))
        .i(asm::mul(ZERO, T0, T0))
        .i(asm::lw(ZERO, S0, 0))
        .i(asm::jal(ZERO, 4))
        .i(asm::slli(ZERO, T0, 3))
        .i(asm::add(T1, ZERO, ZERO))
        .i(asm::addi(T2, ZERO, 0))
        .i(asm::sw(ZERO, S0, 4))
        .i(asm::lw(S1, S0, 4))
        .exit(0);
    vectors.push(
        p.vector(
            "x0_hardwired",
            "Writes to x0 are ignored and x0 always reads as zero.",
        )
        .with_data(&[0xef, 0xbe, 0xad, 0xde, 1, 2, 3, 4], 0x1000),
    );
    Group {
        module: "AluImm",
        title: "register-immediate arithmetic (OP-IMM), LUI, AUIPC, and x0",
        vectors,
    }
}

fn mul_div() -> Group {
    let mut cases = Vec::new();
    cases.extend(pairs("MUL", asm::mul, true));
    cases.extend(pairs("MULH", asm::mulh, true));
    cases.extend(pairs("MULHSU", asm::mulhsu, false));
    cases.extend(pairs("MULHU", asm::mulhu, true));
    cases.extend(pairs("DIV", asm::div, false));
    cases.extend(pairs("DIVU", asm::divu, false));
    cases.extend(pairs("REM", asm::rem, false));
    cases.extend(pairs("REMU", asm::remu, false));
    let mut vectors = pack("muldiv", "on all pairs of edge values", &cases);

    // Rounding towards zero and the sign of the remainder: (±7) / (±3).
    let mut small = Vec::new();
    for (mnemonic, f) in [
        ("DIV", asm::div as fn(u32, u32, u32) -> u32),
        ("REM", asm::rem),
        ("DIVU", asm::divu),
        ("REMU", asm::remu),
    ] {
        for a in [7u32, 7u32.wrapping_neg()] {
            for b in [3u32, 3u32.wrapping_neg()] {
                small.push(Case {
                    mnemonic,
                    encoder: Encoder::R(f),
                    a,
                    b,
                });
            }
        }
    }
    // Products whose high words need carries from every partial product.
    for (mnemonic, f) in [
        ("MUL", asm::mul as fn(u32, u32, u32) -> u32),
        ("MULH", asm::mulh),
        ("MULHSU", asm::mulhsu),
        ("MULHU", asm::mulhu),
    ] {
        for (a, b) in [(0x1234_5678, 0x9abc_def0), (0xffff_0001, 0x0001_ffff)] {
            small.push(Case {
                mnemonic,
                encoder: Encoder::R(f),
                a,
                b,
            });
        }
    }
    vectors.extend(pack(
        "muldiv_signs",
        "on (±7, ±3) and on mixed-bit products",
        &small,
    ));
    Group {
        module: "MulDiv",
        title: "the M extension",
        vectors,
    }
}

/* ---------------------------------------------------------------- control flow */

fn control() -> Group {
    let mut cases = Vec::new();
    for (mnemonic, f) in [
        ("BEQ", asm::beq as fn(u32, u32, i32) -> u32),
        ("BNE", asm::bne),
        ("BLT", asm::blt),
        ("BGE", asm::bge),
        ("BLTU", asm::bltu),
        ("BGEU", asm::bgeu),
    ] {
        for &a in &EDGE {
            for &b in &EDGE {
                cases.push(Case {
                    mnemonic,
                    encoder: Encoder::Branch(f),
                    a,
                    b,
                });
            }
        }
    }
    let mut vectors = pack(
        "branch",
        "on all pairs of edge values (rd = 1 iff not taken)",
        &cases,
    );

    // Backward branches: loops.
    let mut p = Asm::new();
    p.li(T0, 0).li(T1, 5).li(A0, 0);
    let top = p.here();
    p.i(asm::add(A0, A0, T0)).i(asm::addi(T0, T0, 1));
    let off = top as i32 - p.here() as i32;
    p.i(asm::bne(T0, T1, off)); // sum 0..4
    p.li(T2, 3);
    let top = p.here();
    p.i(asm::addi(T2, T2, -1)).i(asm::slli(A0, A0, 1));
    let off = top as i32 - p.here() as i32;
    p.i(asm::blt(ZERO, T2, off));
    p.li(S0, 0xffff_fff0);
    let top = p.here();
    p.i(asm::addi(S0, S0, 4));
    let off = top as i32 - p.here() as i32;
    p.i(asm::bgeu(S0, T1, off)); // counts 0xfffffff4, 0xfffffff8, 0xfffffffc, 0: wraps past zero
    p.exit_a0();
    vectors.push(p.vector(
        "loops",
        "Backward BNE, BLT and BGEU loops (the last one wrapping past zero).",
    ));

    // JAL and JALR: calls, returns, the cleared low bit, rd = rs1, negative offsets.
    let mut p = Asm::new();
    p.i(asm::jal(RA, 12)) // 0: call f
        .i(asm::jal(ZERO, 16)) // 4: over f to 20
        .i(asm::addi(T0, ZERO, 99)) // 8: skipped
        .i(asm::addi(T1, ZERO, 1)) // 12: f
        .i(asm::jalr(ZERO, RA, 0)) // 16: return to 4
        .i(asm::auipc(T2, 0)) // 20: t2 = 20
        .i(asm::jalr(S0, T2, 13)) // 24: to (33 & !1) = 32, s0 = 28
        .i(asm::addi(T0, ZERO, 98)) // 28: skipped
        .i(asm::auipc(S1, 0)) // 32: s1 = 32
        .i(asm::jalr(S1, S1, 12)) // 36: rd = rs1: to 44, s1 = 40
        .i(asm::addi(T0, ZERO, 97)) // 40: skipped
        .i(asm::addi(A1, S1, 16)) // 44: a1 = 56
        .i(asm::jalr(A2, A1, -4)) // 48: negative offset: to 52, a2 = 52
        .i(asm::jal(A3, 4)) // 52: to the next instruction, a3 = 56
        .i(asm::jal(A4, 8)) // 56: to 64
        .i(asm::jal(ZERO, 12)) // 60: to 72
        .i(asm::jal(A5, -4)) // 64: backward, to 60
        .i(asm::addi(T0, ZERO, 96)) // 68: skipped
        .exit(0); // 72
    vectors.push(p.vector(
        "jumps",
        "JAL and JALR: call and return, jumps over code, backward jumps, the cleared low bit of \
         a JALR target, rd = rs1 and negative offsets.",
    ));

    // A not-taken branch with a misaligned offset does not trap.
    let mut p = Asm::new();
    p.li(T0, 1)
        .i(asm::beq(T0, ZERO, 6))
        .i(asm::bne(T0, T0, 2))
        .i(asm::bltu(T0, ZERO, 10))
        .exit(0);
    vectors.push(p.vector(
        "branch_misaligned_not_taken",
        "Branches to misaligned targets that are not taken do not trap.",
    ));

    // Recursive Fibonacci with a stack frame per call: fib(6) = 8.
    let mut p = Asm::new();
    p.li(A0, 5).i(asm::jal(RA, 12)); // 0, 4: call fib (at 16)
    p.exit_a0(); // 8, 12
                 // fib(a0): if a0 < 2 return a0; else return fib(a0 - 1) + fib(a0 - 2)
    p.i(asm::addi(T0, ZERO, 2)) // 16
        .i(asm::blt(A0, T0, 44)) // 20: to 64
        .i(asm::addi(SP, SP, -16)) // 24
        .i(asm::sw(RA, SP, 12)) // 28
        .i(asm::sw(A0, SP, 8)) // 32
        .i(asm::addi(A0, A0, -1)) // 36
        .i(asm::jal(RA, -24)) // 40: fib(n - 1)
        .i(asm::sw(A0, SP, 4)) // 44
        .i(asm::lw(A0, SP, 8)) // 48
        .i(asm::addi(A0, A0, -2)) // 52
        .i(asm::jal(RA, -40)) // 56: fib(n - 2)
        .i(asm::jal(ZERO, 8)) // 60: to 68
        .i(asm::jalr(ZERO, RA, 0)) // 64: return a0
        .i(asm::lw(T1, SP, 4)) // 68
        .i(asm::add(A0, A0, T1)) // 72
        .i(asm::lw(RA, SP, 12)) // 76
        .i(asm::addi(SP, SP, 16)) // 80
        .i(asm::jalr(ZERO, RA, 0)); // 84
    vectors.push(p.vector(
        "fib_recursive",
        "Recursive fib(5) = 5 with stack frames: nested calls and returns, stack loads and stores.",
    ));
    Group {
        module: "Control",
        title: "branches and jumps",
        vectors,
    }
}

/* ---------------------------------------------------------------- memory */

/// Initial data of the memory vectors: bytes with every sign and size edge.
const DATA: [u8; 16] = [
    0x00, 0x7f, 0x80, 0xff, 0x01, 0x23, 0x45, 0x67, 0x89, 0xab, 0xcd, 0xef, 0xfe, 0xdc, 0xba, 0x98,
];

fn memory() -> Group {
    let mut vectors = Vec::new();
    let data_hi = DATA_BASE >> 12;

    // Result registers: all but x0, the base s0 and a7.
    let result_regs: Vec<u32> = (1..32).filter(|r| *r != S0 && *r != A7).collect();
    let mut p = Asm::new();
    p.i(asm::lui(S0, data_hi));
    let mut rds = result_regs.iter();
    for k in 0..8 {
        for f in [asm::lb as fn(u32, u32, i32) -> u32, asm::lbu] {
            p.i(f(*rds.next().unwrap(), S0, k));
        }
    }
    p.i(asm::lb(*rds.next().unwrap(), S0, 12))
        .i(asm::lbu(*rds.next().unwrap(), S0, 15));
    p.exit_a0();
    vectors.push(
        p.vector(
            "load_bytes",
            "LB and LBU of bytes 0x00, 0x7f, 0x80, 0xff, …: sign and zero extension.",
        )
        .with_data(&DATA, 0x1000),
    );

    let mut p = Asm::new();
    p.i(asm::lui(S0, data_hi));
    let mut rds = result_regs.iter();
    for k in 0..8 {
        for f in [asm::lh as fn(u32, u32, i32) -> u32, asm::lhu] {
            p.i(f(*rds.next().unwrap(), S0, 2 * k));
        }
    }
    p.exit_a0();
    vectors.push(
        p.vector(
            "load_halves",
            "LH and LHU of every halfword of the data: sign and zero extension.",
        )
        .with_data(&DATA, 0x1000),
    );

    let mut p = Asm::new();
    p.i(asm::lui(S0, data_hi))
        .i(asm::lw(RA, S0, 0))
        .i(asm::lw(GP, S0, 4))
        .i(asm::lw(TP, S0, 8))
        .i(asm::lw(T0, S0, 12))
        .i(asm::lw(T1, S0, 16)) // zero-initialised rest of the segment
        .i(asm::lui(T2, TEXT_BASE >> 12))
        .i(asm::lw(S1, T2, 0)) // an instruction, read as data
        .i(asm::lw(A1, T2, 4))
        .i(asm::addi(A2, S0, 2047))
        .i(asm::addi(A2, A2, 1)) // a2 = data + 2048
        .i(asm::lw(A3, A2, -2048)) // the smallest offset
        .i(asm::lb(A4, A2, -2048 + 15)) // byte 15
        .i(asm::lb(A5, S0, 2047)) // largest positive offset
        .i(asm::lw(A6, SP, -4)) // top of the stack: zero
        .li(S2, 0x21000)
        .i(asm::lw(S3, S2, 0)) // start of the heap: zero
        .i(asm::lw(S4, S0, 0x7fc))
        .i(asm::lhu(S5, S0, 14))
        .exit_a0();
    vectors.push(
        p.vector(
            "load_words",
            "LW from initialised data, .bss, the code segment, the heap and the stack top; \
             offsets near both ends of the 12-bit range.",
        )
        .with_data(&DATA, 0x1000),
    );

    let mut p = Asm::new();
    p.i(asm::lui(S0, data_hi))
        .li(T0, 0x1234_5678)
        .li(T1, 0xdead_beef)
        .i(asm::sw(T0, S0, 16))
        .i(asm::sb(T1, S0, 17)) // low byte 0xef replaces 0x56
        .i(asm::sh(T1, S0, 18)) // low half 0xbeef replaces 0x1234
        .i(asm::lw(RA, S0, 16))
        .i(asm::lbu(GP, S0, 17))
        .i(asm::lhu(TP, S0, 18))
        .i(asm::lh(T2, S0, 18))
        .i(asm::sw(ZERO, S0, 0)) // clear initialised data
        .i(asm::lw(S1, S0, 0))
        .i(asm::sw(T0, S0, 20))
        .i(asm::sw(T1, S0, 20)) // the later store wins
        .i(asm::lw(A1, S0, 20))
        .i(asm::sb(T0, S0, 24))
        .i(asm::sb(T1, S0, 25))
        .i(asm::sb(T0, S0, 26))
        .i(asm::sb(T1, S0, 27))
        .i(asm::lw(A2, S0, 24)) // assembled from four byte stores
        .i(asm::sw(T1, SP, -4)) // the stack
        .i(asm::sh(T0, SP, -6))
        .i(asm::sb(T0, SP, -7))
        .i(asm::lw(A3, SP, -4))
        .i(asm::lw(A4, SP, -8))
        .li(S2, 0x21000)
        .i(asm::sw(T0, S2, 0)) // the heap
        .i(asm::lw(A5, S2, 0))
        .i(asm::sw(T1, S0, 0x7fc)) // .bss
        .i(asm::lw(A6, S0, 0x7fc))
        .i(asm::fence())
        .exit_a0();
    vectors.push(
        p.vector(
            "stores",
            "SB, SH and SW into data, stack and heap, read back with every load width: \
             partial overwrites, the last store wins, little-endian byte order.",
        )
        .with_data(&DATA, 0x1000),
    );

    // A segment ending at an address that is not a multiple of 4: a word access spanning the
    // segment's end and the heap's start is allowed (both are read + write).
    let mut p = Asm::new();
    p.li(S0, DATA_BASE + 0x1000)
        .li(T0, 0x0102_0304)
        .i(asm::sw(T0, S0, 0))
        .i(asm::lw(A0, S0, 0))
        .i(asm::lbu(A1, S0, 3))
        .exit_a0();
    vectors.push(
        p.vector(
            "segment_heap_boundary",
            "A word spanning the end of a data segment (size 0x1002) and the start of the heap.",
        )
        .with_data(&DATA, 0x1002),
    );

    // FENCE in all its encodings is a no-op.
    let mut p = Asm::new();
    p.li(T0, 5)
        .i(asm::fence())
        .i(0x8330_000f) // fence.tso
        .i(0x0100_000f) // pause
        .i(0x0ff3_028f) // fence iorw, iorw with rd = x5 and rs1 = x6: fields ignored
        .i(0x0000_000f) // fence with empty sets
        .i(asm::addi(A0, T0, 1))
        .exit_a0();
    vectors.push(p.vector(
        "fence",
        "FENCE, FENCE.TSO, PAUSE and FENCE with non-zero rd/rs1 fields do nothing.",
    ));

    // Sort four words in memory (bubble sort), then write them to the public output.
    let mut p = Asm::new();
    p.i(asm::lui(S0, data_hi)).li(T2, 3); // outer passes
    let outer = p.here();
    p.i(asm::addi(T0, S0, 0)).i(asm::addi(T1, S0, 12));
    let inner = p.here();
    p.i(asm::lw(A1, T0, 0))
        .i(asm::lw(A2, T0, 4))
        .i(asm::bge(A2, A1, 12)) // signed order
        .i(asm::sw(A2, T0, 0))
        .i(asm::sw(A1, T0, 4))
        .i(asm::addi(T0, T0, 4));
    let off = inner as i32 - p.here() as i32;
    p.i(asm::bltu(T0, T1, off)).i(asm::addi(T2, T2, -1));
    let off = outer as i32 - p.here() as i32;
    p.i(asm::bne(T2, ZERO, off));
    p.syscall(64, 1, DATA_BASE, 16).exit(0);
    vectors.push(
        p.vector(
            "sort",
            "Bubble sort of four signed words in memory, written to the output.",
        )
        .with_data(&DATA, 16),
    );
    Group {
        module: "LoadStore",
        title: "loads, stores and FENCE",
        vectors,
    }
}

/* ---------------------------------------------------------------- syscalls */

const INPUT: &[u8] = b"zkVM input: 0123456789";

fn syscalls() -> Group {
    let mut vectors = Vec::new();
    let buf = 0x3fff_ff00u32; // on the stack

    let mut p = Asm::new();
    p.syscall(63, 0, buf, 4)
        .i(asm::addi(S0, A0, 0)) // 4
        .syscall(63, 0, buf + 4, 100)
        .i(asm::addi(S1, A0, 0)) // the remaining 18
        .syscall(63, 0, buf + 100, 100)
        .i(asm::addi(S2, A0, 0)) // 0 at the end of the input
        .syscall(63, 0, buf + 100, 0)
        .i(asm::addi(S3, A0, 0))
        .li(S4, buf)
        .i(asm::lw(S5, S4, 0))
        .syscall(64, 1, buf, INPUT.len() as u32)
        .i(asm::addi(S6, A0, 0))
        .exit(0);
    vectors.push(
        p.vector(
            "read_write",
            "read in two parts (the second asks for more than is left), at the end of the input \
             and with length 0; the input echoed to fd 1.",
        )
        .with_input(INPUT),
    );

    let mut p = Asm::new();
    p.syscall(63, 3, buf, 4)
        .i(asm::addi(S0, A0, 0)) // 4 private bytes
        .syscall(63, 0, buf + 4, 2)
        .i(asm::addi(S1, A0, 0)) // 2 public bytes, on their own cursor
        .syscall(63, 3, buf + 6, 100)
        .i(asm::addi(S2, A0, 0)) // the remaining 3 private bytes
        .syscall(63, 3, buf + 100, 8)
        .i(asm::addi(S3, A0, 0)) // 0 at the end of the private input
        .li(S4, buf)
        .i(asm::lw(S5, S4, 4))
        .syscall(64, 1, buf, 9)
        .exit(0);
    vectors.push(
        p.vector(
            "read_private",
            "read the private input (fd 3) in two parts, the second short, then at its end; \
             a read of fd 0 between them has its own cursor; the bytes echoed to fd 1.",
        )
        .with_input(INPUT)
        .with_private_input(b"secret!"),
    );

    let mut p = Asm::new();
    p.syscall(63, 0, DATA_BASE, 8)
        .i(asm::lui(S0, DATA_BASE >> 12))
        .i(asm::lw(S1, S0, 0))
        .i(asm::lw(S2, S0, 4))
        .syscall(64, 2, DATA_BASE, 3) // debug output
        .i(asm::addi(S3, A0, 0))
        .syscall(64, 1, DATA_BASE + 4, 0) // nothing
        .i(asm::addi(S4, A0, 0))
        .syscall(64, 1, TEXT_BASE, 8) // the first two instructions, as bytes
        .syscall(64, 1, DATA_BASE, 8)
        .exit(0);
    vectors.push(
        p.vector(
            "read_data_write_fds",
            "read into the data segment and load it back; write to fd 2, with length 0, from the \
             code segment, and to fd 1.",
        )
        .with_data(&[0xaa; 8], 0x100)
        .with_input(INPUT),
    );

    let mut p = Asm::new();
    p.syscall(64, 1, DATA_BASE + 0xffe, 0x10).exit(0);
    vectors.push(
        p.vector(
            "write_spanning_heap",
            "write from a buffer spanning the end of the data segment and the heap.",
        )
        .with_data(&DATA, 0x1000),
    );

    for (name, number, code, doc) in [
        ("exit_zero", 93, 0u32, "exit(0)."),
        (
            "exit_all_ones",
            93,
            NEG1,
            "exit with all 32 bits of the code set.",
        ),
        (
            "exit_group",
            94,
            INT_MIN,
            "exit_group (94) with code 0x80000000.",
        ),
    ] {
        let mut p = Asm::new();
        p.li(A0, code)
            .li(A7, number)
            .i(asm::ecall())
            .i(asm::addi(A0, ZERO, 1));
        vectors.push(p.vector(name, doc));
    }
    Group {
        module: "Syscall",
        title: "syscalls: read, write, exit",
        vectors,
    }
}

/* ---------------------------------------------------------------- traps */

fn traps() -> Group {
    let mut vectors = Vec::new();
    let trap = |name: &str, doc: &str, variant: &'static str, p: &mut Asm| -> Vector {
        p.vector(name, doc).traps(variant).with_data(&DATA, 0x1000)
    };
    let data_hi = DATA_BASE >> 12;

    // Misaligned loads and stores.
    for (name, word, doc) in [
        ("lh_misaligned", asm::lh(T0, S0, 1), "LH at an odd address."),
        (
            "lhu_misaligned",
            asm::lhu(T0, S0, 3),
            "LHU at an odd address.",
        ),
        (
            "lw_misaligned_2",
            asm::lw(T0, S0, 2),
            "LW at an address ≡ 2 (mod 4).",
        ),
        (
            "lw_misaligned_1",
            asm::lw(T0, S0, 1),
            "LW at an address ≡ 1 (mod 4).",
        ),
        ("sh_misaligned", asm::sh(T0, S0, 5), "SH at an odd address."),
        (
            "sw_misaligned",
            asm::sw(T0, S0, 6),
            "SW at an address ≡ 2 (mod 4).",
        ),
        (
            "sw_misaligned_unmapped",
            asm::sw(T0, ZERO, 3),
            "Misalignment is reported before unmapped memory.",
        ),
    ] {
        let mut p = Asm::new();
        p.i(asm::lui(S0, data_hi)).i(word).exit(0);
        vectors.push(trap(name, doc, "MisalignedAccess", &mut p));
    }

    // Unmapped memory.
    for (name, setup, word, doc) in [
        ("load_null", 0u32, asm::lw(T0, S0, 0), "LW from address 0."),
        (
            "load_gap",
            TEXT_BASE + 0x1000,
            asm::lb(T0, S0, 0),
            "LB from the gap between the code and data segments.",
        ),
        (
            "load_past_stack",
            0x4000_0000,
            asm::lbu(T0, S0, 0),
            "LBU from STACK_TOP.",
        ),
        (
            "load_top",
            0xffff_fffc,
            asm::lw(T0, S0, 0),
            "LW from 0xfffffffc.",
        ),
        (
            "store_past_stack",
            0x4000_0000,
            asm::sw(T0, S0, 0),
            "SW to STACK_TOP.",
        ),
        (
            "store_gap",
            DATA_BASE - 4,
            asm::sh(T0, S0, 2),
            "SH to just below the data segment.",
        ),
        (
            "load_wraps",
            0x10,
            asm::lw(T0, S0, -32),
            "LW whose address wraps below zero.",
        ),
    ] {
        let mut p = Asm::new();
        p.li(S0, setup).i(word).exit(0);
        vectors.push(trap(name, doc, "OutOfBoundsAccess", &mut p));
    }

    // Stores into the (read-only) code segment.
    for (name, word, doc) in [
        (
            "store_code_word",
            asm::sw(T0, S0, 0),
            "SW over the first instruction.",
        ),
        (
            "store_code_byte",
            asm::sb(T0, S0, 7),
            "SB into the code segment.",
        ),
    ] {
        let mut p = Asm::new();
        p.i(asm::lui(S0, TEXT_BASE >> 12)).i(word).exit(0);
        vectors.push(trap(name, doc, "WriteToReadOnly", &mut p));
    }

    // Taken jumps and branches to misaligned targets.
    for (name, word, doc) in [
        ("jal_misaligned", asm::jal(RA, 6), "JAL by +6."),
        (
            "jalr_misaligned",
            asm::jalr(RA, T0, 2),
            "JALR to an address ≡ 2 (mod 4) (bit 0 is cleared first).",
        ),
        (
            "beq_misaligned",
            asm::beq(ZERO, ZERO, 6),
            "A taken BEQ by +6.",
        ),
        (
            "bgeu_misaligned_backward",
            asm::bgeu(T0, ZERO, -2),
            "A taken BGEU by -2.",
        ),
        (
            "b_max_offset",
            asm::bne(T0, ZERO, 4094),
            "A taken branch by +4094, the largest B offset.",
        ),
    ] {
        let mut p = Asm::new();
        p.i(asm::auipc(T0, 0)).i(word).exit(0);
        vectors.push(trap(name, doc, "MisalignedJump", &mut p));
    }

    // Instruction fetch outside executable memory.
    for (name, word, doc) in [
        (
            "b_min_offset",
            asm::beq(ZERO, ZERO, -4096),
            "A branch by -4096, the smallest B offset, to unmapped memory.",
        ),
        (
            "jal_min_offset",
            asm::jal(RA, -(1 << 20)),
            "JAL by -2^20, the smallest J offset, to unmapped memory.",
        ),
        (
            "jal_max_offset",
            asm::jal(RA, (1 << 20) - 4),
            "JAL by 2^20 - 4 (the largest aligned J offset).",
        ),
        (
            "jump_to_data",
            asm::jalr(ZERO, S0, 0),
            "A jump into the (non-executable) data segment.",
        ),
        (
            "jump_to_null",
            asm::jalr(RA, ZERO, 0),
            "A jump to address 0.",
        ),
    ] {
        let mut p = Asm::new();
        p.i(asm::lui(S0, data_hi)).i(word).exit(0);
        vectors.push(trap(name, doc, "InstructionFetchFault", &mut p));
    }
    let mut p = Asm::new();
    p.li(T0, 1).i(asm::addi(T0, T0, 1));
    vectors.push(trap(
        "fall_off_end",
        "Running past the last instruction.",
        "InstructionFetchFault",
        &mut p,
    ));

    // Syscalls.
    for (name, number, doc) in [
        ("syscall_zero", 0u32, "ecall with a7 = 0."),
        ("syscall_close", 57, "close (57) is not supported."),
        ("syscall_all_ones", NEG1, "ecall with a7 = 0xffffffff."),
    ] {
        let mut p = Asm::new();
        p.syscall(number, 0, 0, 0).exit(0);
        vectors.push(trap(name, doc, "UnknownSyscall", &mut p));
    }
    for (name, number, fd, doc) in [
        ("read_fd1", 63u32, 1u32, "read from fd 1."),
        ("write_fd0", 64, 0, "write to fd 0."),
        ("write_fd3", 64, 3, "write to fd 3."),
    ] {
        let mut p = Asm::new();
        p.syscall(number, fd, DATA_BASE, 4).exit(0);
        vectors.push(trap(name, doc, "BadFileDescriptor", &mut p).with_input(INPUT));
    }
    let mut p = Asm::new();
    p.syscall(64, 1, DATA_BASE, (256 << 20) + 1).exit(0);
    vectors.push(trap(
        "write_too_large",
        "write of more than 256 MiB (checked before the buffer).",
        "OutputTooLarge",
        &mut p,
    ));
    let mut p = Asm::new();
    p.syscall(63, 0, TEXT_BASE + 8, 4).exit(0);
    vectors.push(
        trap(
            "read_into_code",
            "read into the code segment.",
            "WriteToReadOnly",
            &mut p,
        )
        .with_input(INPUT),
    );
    let mut p = Asm::new();
    p.syscall(63, 0, 0x3fff_fffe, 4).exit(0);
    vectors.push(
        trap(
            "read_past_stack",
            "read into a buffer running past STACK_TOP: the first unmapped byte is reported.",
            "OutOfBoundsAccess",
            &mut p,
        )
        .with_input(INPUT),
    );
    let mut p = Asm::new();
    p.syscall(64, 1, DATA_BASE - 2, 4).exit(0);
    vectors.push(trap(
        "write_from_gap",
        "write from a buffer starting in unmapped memory.",
        "OutOfBoundsAccess",
        &mut p,
    ));
    let mut p = Asm::new();
    p.li(T0, 1).i(asm::ebreak()).exit(0);
    vectors.push(trap("ebreak", "EBREAK.", "Ebreak", &mut p));

    // Illegal instructions.
    for (name, word, doc) in [
        ("illegal_zero", 0u32, "The all-zero word."),
        ("illegal_ones", NEG1, "The all-ones word."),
        (
            "illegal_compressed",
            0x0000_4501,
            "A compressed instruction (c.li a0, 0).",
        ),
        (
            "illegal_fence_i",
            0x0000_100f,
            "FENCE.I (Zifencei is not supported).",
        ),
        (
            "illegal_csrrw",
            0x3000_1073,
            "csrrw x0, mstatus, x0 (no CSRs).",
        ),
        (
            "illegal_csrrs_cycle",
            0xc000_2573,
            "rdcycle a0 (no counters).",
        ),
        (
            "illegal_wfi",
            0x1050_0073,
            "WFI (no privileged instructions).",
        ),
        ("illegal_ecall_rd", 0x0000_00f3, "ECALL with rd = 1."),
        (
            "illegal_slli_funct7",
            0x0200_9293,
            "SLLI with bit 25 set (RV64's shamt[5]).",
        ),
        (
            "illegal_srai_funct7",
            0x4210_d293,
            "SRAI with funct7 = 0x21.",
        ),
        (
            "illegal_slli_funct7_20",
            0x4010_1293,
            "SLLI with funct7 = 0x20 (there is no arithmetic left shift).",
        ),
        ("illegal_op_funct7", 0x0410_02b3, "OP with funct7 = 0x02."),
        (
            "illegal_sub_funct3",
            0x4010_12b3,
            "funct7 = 0x20 with funct3 = 1 (no such OP).",
        ),
        ("illegal_load_funct3", 0x0000_3283, "LD (funct3 = 3, RV64)."),
        ("illegal_load_lwu", 0x0000_6283, "LWU (funct3 = 6, RV64)."),
        (
            "illegal_store_funct3",
            0x0050_3023,
            "SD (funct3 = 3, RV64).",
        ),
        (
            "illegal_branch_funct3",
            0x0000_2063,
            "BRANCH with funct3 = 2.",
        ),
        ("illegal_jalr_funct3", 0x0000_1067, "JALR with funct3 = 1."),
        ("illegal_fp_load", 0x0000_2007, "FLW (no F extension)."),
        ("illegal_amo", 0x0000_202f, "AMO (no A extension)."),
        ("illegal_op32", 0x0000_003b, "OP-32 (RV64 ADDW)."),
    ] {
        let mut p = Asm::new();
        p.li(T0, 7).i(word).exit(0);
        vectors.push(trap(name, doc, "IllegalInstruction", &mut p));
    }
    Group {
        module: "Traps",
        title: "traps",
        vectors,
    }
}

/* ---------------------------------------------------------------- random programs */

/// xorshift64*: a fixed, dependency-free generator, so the vectors never change by accident.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: u32) -> u32 {
        (self.next() >> 32) as u32 % n
    }

    fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.below(items.len() as u32) as usize]
    }

    /// A register value: an edge value, a small number or 32 random bits.
    fn value(&mut self) -> u32 {
        match self.below(3) {
            0 => self.pick(&EDGE),
            1 => self.below(64).wrapping_sub(32),
            _ => (self.next() >> 32) as u32,
        }
    }
}

/// Straight-line code with forward branches and jumps over random registers (`gp` is the
/// data pointer, `a7` is reserved for the final syscalls): every OP, OP-IMM, M, LUI, AUIPC,
/// load and store instruction with random operands and immediates. At the end the first 64
/// data bytes are written to the output, so every store is observed.
fn random_program(seed: u64, length: usize) -> Vec<u32> {
    let mut rng = Rng(seed);
    let regs: Vec<u32> = (1..32).filter(|r| *r != GP && *r != A7).collect();
    let mut p = Asm::new();
    p.li(GP, DATA_BASE);
    for &r in &[T0, T1, T2, S0, S1, A0, A1, A2] {
        let v = rng.value();
        p.li(r, v);
    }
    let r_ops: [fn(u32, u32, u32) -> u32; 18] = [
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
    let i_ops: [fn(u32, u32, i32) -> u32; 6] = [
        asm::addi,
        asm::slti,
        asm::sltiu,
        asm::xori,
        asm::ori,
        asm::andi,
    ];
    let sh_ops: [fn(u32, u32, u32) -> u32; 3] = [asm::slli, asm::srli, asm::srai];
    let branches: [fn(u32, u32, i32) -> u32; 6] =
        [asm::beq, asm::bne, asm::blt, asm::bge, asm::bltu, asm::bgeu];
    let loads: [(fn(u32, u32, i32) -> u32, u32); 5] = [
        (asm::lb, 1),
        (asm::lbu, 1),
        (asm::lh, 2),
        (asm::lhu, 2),
        (asm::lw, 4),
    ];
    let stores: [(fn(u32, u32, i32) -> u32, u32); 3] = [(asm::sb, 1), (asm::sh, 2), (asm::sw, 4)];
    // Sources include x0 now and then; destinations too.
    let src = |rng: &mut Rng| {
        if rng.below(10) == 0 {
            ZERO
        } else {
            rng.pick(&regs)
        }
    };
    while p.words.len() < length {
        let rd = src(&mut rng);
        let (a, b) = (src(&mut rng), src(&mut rng));
        match rng.below(20) {
            0..=7 => {
                let f = rng.pick(&r_ops);
                p.i(f(rd, a, b));
            }
            8..=10 => {
                let f = rng.pick(&i_ops);
                let imm = rng.below(4096) as i32 - 2048;
                p.i(f(rd, a, imm));
            }
            11 => {
                let f = rng.pick(&sh_ops);
                let shamt = rng.below(32);
                p.i(f(rd, a, shamt));
            }
            12 => {
                let upper = rng.below(1 << 20);
                p.i(if rng.below(2) == 0 {
                    asm::lui(rd, upper)
                } else {
                    asm::auipc(rd, upper)
                });
            }
            13 | 14 => {
                let (f, size) = rng.pick(&loads);
                p.i(f(rd, GP, (rng.below(64 / size) * size) as i32));
            }
            15 | 16 => {
                let (f, size) = rng.pick(&stores);
                p.i(f(b, GP, (rng.below(64 / size) * size) as i32));
            }
            17 | 18 => {
                // Skip 1 to 3 instructions if taken.
                let f = rng.pick(&branches);
                let skip = 1 + rng.below(3) as i32;
                p.i(f(a, b, 4 * (skip + 1)));
            }
            _ => {
                let skip = 1 + rng.below(2) as i32;
                p.i(asm::jal(rd, 4 * (skip + 1)));
            }
        }
    }
    // Skipped-over targets at the end must exist: pad with no-ops.
    p.i(asm::addi(ZERO, ZERO, 0))
        .i(asm::addi(ZERO, ZERO, 0))
        .i(asm::addi(ZERO, ZERO, 0));
    p.li(A0, 1)
        .li(A1, DATA_BASE)
        .li(A2, 64)
        .li(A7, 64)
        .i(asm::ecall());
    p.li(A0, 0).exit_a0();
    p.words
}

fn random() -> Group {
    let data: Vec<u8> = {
        let mut rng = Rng(0x5eed_da7a);
        (0..64).map(|_| rng.next() as u8).collect()
    };
    let vectors = (1..=6u64)
        .map(|k| {
            Vector::new(
                &format!("random_{k:02}"),
                &format!(
                    "Pseudo-random straight-line code with forward branches (seed {k}); the data \
                     written to the output at the end."
                ),
                random_program(0x9e37_79b9_7f4a_7c15u64.wrapping_mul(k), 96),
            )
            .with_data(&data, 0x100)
        })
        .collect();
    Group {
        module: "Random",
        title: "pseudo-random programs",
        vectors,
    }
}

pub fn suite() -> Vec<Group> {
    vec![
        alu_reg(),
        alu_imm(),
        mul_div(),
        control(),
        memory(),
        syscalls(),
        traps(),
        random(),
    ]
}
