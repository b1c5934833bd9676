//! Shared helpers for the RV32IM forgery and coverage tests
//! (rv32im_forgery.rs, rv32im_coverage.rs):
//!
//! * a tiny label-aware assembler on top of `zkvm_executor::testing::asm`;
//! * running an ELF into an `Rv32imWitness` and checking it with `check_trace`;
//! * raw cell accessors and honest "re-fill" helpers (adder, multiplier,
//!   divider) used to make a forged row look as honest as possible;
//! * `Forgery`: a mutable copy of an honest trace that, before it is handed
//!   to `check_trace`, re-balances every range-check and fixed-table
//!   multiplicity affected by the edits (what a cheating prover would do),
//!   and then diagnoses exactly which constraints fail (on the edited rows)
//!   and which LogUp tags are unbalanced (per-tag sums of the normative
//!   `rv32im_v1::fractions` over the edited rows), so that each forgery can
//!   assert that the semantic lie is the *only* remaining inconsistency.
#![allow(dead_code)]

use std::collections::{BTreeMap, BTreeSet, HashMap};

use p3_matrix::dense::RowMajorMatrix;
use zkvm_executor::testing::asm;
use zkvm_executor::testing::elf_writer::{ElfBuilder, DATA_BASE, TEXT_BASE};
use zkvm_prover::rv32im::{build_trace, check_trace, Rv32imWitness, TraceError, TraceViolation};
use zkvm_prover::types::{from_u32, to_u32, F};
use zkvm_verifier::air::rv32im_v1 as air;
use zkvm_verifier::air::{LookupChallenges, Selectors};
use zkvm_verifier::field;
use zkvm_verifier::field::extension::{self, Ext};
use zkvm_verifier::protocol::logup;
use zkvm_verifier::receipt::program::{self as prog, load_program, Program};

pub use zkvm_executor::testing::asm::reg;

// ------------------------------------------------------------ field helpers

pub const P: u32 = field::P;
pub fn fa(a: u32, b: u32) -> u32 {
    field::add(a, b)
}
pub fn fs(a: u32, b: u32) -> u32 {
    field::sub(a, b)
}
pub fn fm(a: u32, b: u32) -> u32 {
    field::mul(a, b)
}
pub fn fneg(a: u32) -> u32 {
    field::neg(a)
}
pub fn finv(a: u32) -> u32 {
    field::inv(a)
}
/// a / 2^16 in the field.
pub fn fdiv16(a: u32) -> u32 {
    fm(a, finv(1 << 16))
}
/// The field element of a (possibly negative) integer.
pub fn fi(v: i64) -> u32 {
    v.rem_euclid(P as i64) as u32
}

// ------------------------------------------------------------ the assembler

/// A word to patch: (index, label, encoder of the byte offset to the label).
type Fixup = (usize, usize, Box<dyn Fn(i32) -> u32>);

/// Code at `TEXT_BASE` with forward/backward labels for branches and jumps.
#[derive(Default)]
pub struct Asm {
    pub words: Vec<u32>,
    labels: Vec<Option<usize>>,
    fixups: Vec<Fixup>,
}

#[derive(Clone, Copy, Debug)]
pub struct Label(usize);

pub type BranchFn = fn(u32, u32, i32) -> u32;

impl Asm {
    pub fn new() -> Self {
        Self::default()
    }
    /// The pc of the next instruction.
    pub fn pc(&self) -> u32 {
        TEXT_BASE + 4 * self.words.len() as u32
    }
    /// Emits one word and returns its pc.
    pub fn emit(&mut self, w: u32) -> u32 {
        let pc = self.pc();
        self.words.push(w);
        pc
    }
    pub fn extend(&mut self, ws: &[u32]) {
        self.words.extend_from_slice(ws);
    }
    /// `lui + addi` (always two words).
    pub fn li(&mut self, rd: u32, v: u32) {
        self.extend(&asm::li(rd, v));
    }
    pub fn label(&mut self) -> Label {
        self.labels.push(None);
        Label(self.labels.len() - 1)
    }
    pub fn bind(&mut self, l: Label) {
        assert!(self.labels[l.0].is_none(), "label bound twice");
        self.labels[l.0] = Some(self.words.len());
    }
    pub fn label_pc(&self, l: Label) -> u32 {
        TEXT_BASE + 4 * self.labels[l.0].expect("unbound label") as u32
    }
    /// Emits a word computed later from the byte offset of `l` relative to it.
    pub fn emit_fixup(&mut self, l: Label, f: impl Fn(i32) -> u32 + 'static) -> u32 {
        let at = self.words.len();
        self.fixups.push((at, l.0, Box::new(f)));
        self.emit(0)
    }
    pub fn branch_to(&mut self, f: BranchFn, rs1: u32, rs2: u32, l: Label) -> u32 {
        let at = self.words.len();
        self.fixups
            .push((at, l.0, Box::new(move |off| f(rs1, rs2, off))));
        self.emit(0)
    }
    pub fn jal_to(&mut self, rd: u32, l: Label) -> u32 {
        let at = self.words.len();
        self.fixups
            .push((at, l.0, Box::new(move |off| asm::jal(rd, off))));
        self.emit(0)
    }
    /// `li a7, 93; ecall` with a0 as it is.
    pub fn exit_with_a0(&mut self) -> u32 {
        self.li(reg::A7, 93);
        self.emit(asm::ecall())
    }
    pub fn exit(&mut self, code: u32) -> u32 {
        self.li(reg::A0, code);
        self.exit_with_a0()
    }
    /// `li a7, nr; li a0, a0; li a1, a1; li a2, a2; ecall`; returns the ecall's pc.
    pub fn syscall(&mut self, nr: u32, a0: u32, a1: u32, a2: u32) -> u32 {
        self.li(reg::A0, a0);
        self.li(reg::A1, a1);
        self.li(reg::A2, a2);
        self.li(reg::A7, nr);
        self.emit(asm::ecall())
    }
    pub fn finish(mut self) -> Vec<u32> {
        for (at, l, f) in std::mem::take(&mut self.fixups) {
            let target = self.labels[l].expect("unbound label");
            self.words[at] = f(4 * (target as i32 - at as i32));
        }
        self.words
    }
}

/// An ELF with `code` at TEXT_BASE and, if `data_mem > 0`, a RAM segment at
/// DATA_BASE holding `data` followed by zeros up to `data_mem` bytes.
pub fn elf(code: &[u32], data: &[u8], data_mem: u32) -> Vec<u8> {
    let b = ElfBuilder::with_text(code);
    if data_mem > 0 {
        b.data(DATA_BASE, data.to_vec(), data_mem).build()
    } else {
        b.build()
    }
}

// ------------------------------------------------------------ running

/// True exactly once per test thread (tests run on threads named after them).
fn first_forgery_of_this_test() -> bool {
    use std::sync::Mutex;
    static SEEN: Mutex<BTreeSet<String>> = Mutex::new(BTreeSet::new());
    let name = std::thread::current().name().unwrap_or("main").to_string();
    SEEN.lock().unwrap().insert(name)
}

pub const MAX_CYCLES: u64 = 1 << 20;

/// An honest run: program, input and witness.
pub struct Run {
    pub elf: Vec<u8>,
    pub program: Program,
    pub input: Vec<u8>,
    pub w: Rv32imWitness,
}

pub fn try_run(elf: &[u8], input: &[u8]) -> Result<Run, TraceError> {
    let program = load_program(elf).unwrap_or_else(|e| panic!("load_program: {e:?}"));
    let w = build_trace(&program, elf, input, MAX_CYCLES)?;
    Ok(Run {
        elf: elf.to_vec(),
        program,
        input: input.to_vec(),
        w,
    })
}

pub fn run(elf: &[u8], input: &[u8]) -> Run {
    try_run(elf, input).unwrap_or_else(|e| panic!("build_trace: {e}"))
}

impl Run {
    pub fn check(&self) -> Result<(), TraceViolation> {
        check_trace(
            &self.program,
            &self.w.trace,
            &self.w.public_values,
            &self.input,
            &self.w.output,
        )
    }
    pub fn t(&self) -> &RowMajorMatrix<F> {
        &self.w.trace
    }
}

// ------------------------------------------------------------ cells

pub fn height(t: &RowMajorMatrix<F>) -> usize {
    t.values.len() / air::WIDTH
}
pub fn get(t: &RowMajorMatrix<F>, r: usize, c: usize) -> u32 {
    to_u32(t.values[r * air::WIDTH + c])
}
pub fn set(t: &mut RowMajorMatrix<F>, r: usize, c: usize, v: u32) {
    assert!(v < P, "non-canonical cell value {v}");
    t.values[r * air::WIDTH + c] = from_u32(v);
}
/// The 32-bit word held as bits at `col` (bits must be boolean).
pub fn word(t: &RowMajorMatrix<F>, r: usize, col: usize) -> u32 {
    (0..32).fold(0u32, |acc, i| {
        let b = get(t, r, col + i);
        assert!(b <= 1, "non-boolean bit at row {r} col {}", col + i);
        acc | (b << i)
    })
}
pub fn set_word(t: &mut RowMajorMatrix<F>, r: usize, col: usize, v: u32) {
    for i in 0..32 {
        set(t, r, col + i, (v >> i) & 1);
    }
}
/// A value held as two 16-bit limbs.
pub fn limbs(t: &RowMajorMatrix<F>, r: usize, lo: usize) -> u32 {
    get(t, r, lo).wrapping_add(get(t, r, lo + 1) << 16)
}
pub fn set_limbs(t: &mut RowMajorMatrix<F>, r: usize, lo: usize, v: u32) {
    set(t, r, lo, v & 0xFFFF);
    set(t, r, lo + 1, v >> 16);
}
/// Field value of sum 2^i cell[col + i] (bits may be non-boolean).
pub fn bits_field(t: &RowMajorMatrix<F>, r: usize, col: usize, count: usize) -> u32 {
    (0..count)
        .rev()
        .fold(0u32, |acc, i| fa(fm(acc, 2), get(t, r, col + i)))
}

pub fn flag(t: &RowMajorMatrix<F>, r: usize, op: u32) -> u32 {
    get(t, r, air::FLAG0 + op as usize)
}
pub fn flag_sum(t: &RowMajorMatrix<F>, r: usize, first: u32, last: u32) -> u32 {
    (first..=last).fold(0, |acc, op| fa(acc, flag(t, r, op)))
}

/// Real rows executing the instruction at `pc`, in order.
pub fn rows_at(t: &RowMajorMatrix<F>, cpu_rows: usize, pc: u32) -> Vec<usize> {
    (0..cpu_rows)
        .filter(|&r| get(t, r, air::IS_REAL) == 1 && get(t, r, air::PC) == pc)
        .collect()
}

// ------------------------------------------------------------ memory ports

/// One active memory-port access of a row (u32 view; mult must be 1).
#[derive(Clone, Copy, Debug)]
pub struct PortAccess {
    pub row: usize,
    pub port: usize,
    pub space: u32,
    pub wa: u32,
    pub old: u32,
    pub new: u32,
    pub t_prev: u32,
    pub ts: u32,
}

pub fn port_mult(t: &RowMajorMatrix<F>, r: usize, port: usize) -> u32 {
    match port {
        air::PORT_RS1 | air::PORT_RS2 => get(t, r, air::IS_REAL),
        air::PORT_MEM => fa(
            fa(
                flag_sum(t, r, prog::OP_LB, prog::OP_SW),
                flag(t, r, prog::OP_ECALL),
            ),
            get(t, r, air::IS_IO),
        ),
        air::PORT_A1 => flag(t, r, prog::OP_ECALL),
        _ => fs(get(t, r, air::WRITE_RD), get(t, r, air::F_EXIT)),
    }
}

pub fn port_access(t: &RowMajorMatrix<F>, r: usize, port: usize) -> Option<PortAccess> {
    let m = port_mult(t, r, port);
    if m == 0 {
        return None;
    }
    assert_eq!(m, 1, "port {port} of row {r} has multiplicity {m}");
    let (space, wa, old, new) = match port {
        air::PORT_RS1 => {
            let x = word(t, r, air::X);
            (prog::SPACE_REG, get(t, r, air::RS1), x, x)
        }
        air::PORT_RS2 => {
            let v = limbs(t, r, air::V2_LO);
            (prog::SPACE_REG, get(t, r, air::RS2), v, v)
        }
        air::PORT_MEM => (
            get(t, r, air::MSPACE),
            get(t, r, air::MWA),
            limbs(t, r, air::MOLD_LO),
            limbs(t, r, air::MNEW_LO),
        ),
        air::PORT_A1 => {
            let v = limbs(t, r, air::V5_LO);
            (prog::SPACE_REG, 11, v, v)
        }
        _ => (
            prog::SPACE_REG,
            get(t, r, air::RD),
            limbs(t, r, air::RDP_LO),
            word(t, r, air::Z),
        ),
    };
    Some(PortAccess {
        row: r,
        port,
        space,
        wa,
        old,
        new,
        t_prev: get(t, r, air::T0 + port),
        ts: 8 * get(t, r, air::CLK) + port as u32,
    })
}

/// The boundary row of cell (space, wa).
pub fn boundary_row(t: &RowMajorMatrix<F>, space: u32, wa: u32) -> usize {
    let mut r = 0;
    while get(t, r, air::B_IMG) + get(t, r, air::B_ZERO) == 1 {
        if get(t, r, air::B_SPACE) == space && get(t, r, air::B_WA) == wa {
            return r;
        }
        r += 1;
    }
    panic!("no boundary row for cell {space}:{wa:#x}");
}

/// Where the value a port sends at (row, port) is received next.
#[derive(Debug, PartialEq, Eq)]
pub enum NextAccess {
    Port(PortAccess),
    /// The boundary row receiving the final value.
    Final(usize),
}

impl PartialEq for PortAccess {
    fn eq(&self, o: &Self) -> bool {
        self.row == o.row && self.port == o.port
    }
}
impl Eq for PortAccess {}

pub fn next_access(
    t: &RowMajorMatrix<F>,
    cpu_rows: usize,
    space: u32,
    wa: u32,
    row: usize,
    port: usize,
) -> NextAccess {
    let mut start_port = port + 1;
    for r in row..cpu_rows {
        for p in start_port..air::NUM_PORTS {
            if let Some(a) = port_access(t, r, p) {
                if a.space == space && a.wa == wa {
                    return NextAccess::Port(a);
                }
            }
        }
        start_port = 0;
    }
    NextAccess::Final(boundary_row(t, space, wa))
}

// ------------------------------------------------------------ honest fills

/// Adder columns (W, C0, C1) for a + b as the builder fills them; returns w.
pub fn fill_add(t: &mut RowMajorMatrix<F>, r: usize, a: u32, b: u32) -> u32 {
    let lo = (a & 0xFFFF) + (b & 0xFFFF);
    let c0 = lo >> 16;
    let hi = (a >> 16) + (b >> 16) + c0;
    set(t, r, air::C0, c0);
    set(t, r, air::C1, hi >> 16);
    let w = a.wrapping_add(b);
    set_word(t, r, air::W, w);
    w
}

/// Subtractor columns (w = a - b, C0, C1 = [a <u b]); returns w.
pub fn fill_sub(t: &mut RowMajorMatrix<F>, r: usize, a: u32, b: u32) -> u32 {
    let w = a.wrapping_sub(b);
    let c0 = ((w & 0xFFFF) + (b & 0xFFFF)) >> 16;
    set(t, r, air::C0, c0);
    set(t, r, air::C1, (a < b) as u32);
    set_word(t, r, air::W, w);
    w
}

/// The 8 sign-extended bytes of a multiplier operand, from the cells (field values).
fn operand8(t: &RowMajorMatrix<F>, r: usize, first: usize, sign: usize) -> [u32; 8] {
    let ext = fm(get(t, r, sign), 255);
    [
        get(t, r, first),
        get(t, r, first + 1),
        get(t, r, first + 2),
        get(t, r, first + 3),
        ext,
        ext,
        ext,
        ext,
    ]
}

/// The two-byte convolution sums of the multiplier cells (field values).
pub fn mul_limb_sums(t: &RowMajorMatrix<F>, r: usize) -> [u32; 4] {
    let a8 = operand8(t, r, air::MA0, air::SA);
    let b8 = operand8(t, r, air::MB0, air::SB);
    let mut conv = [0u32; 8];
    for i in 0..8 {
        for j in 0..8 - i {
            conv[i + j] = fa(conv[i + j], fm(a8[i], b8[j]));
        }
    }
    [0, 1, 2, 3].map(|m| fa(conv[2 * m], fm(conv[2 * m + 1], 256)))
}

/// Forces the product limbs to `p` and solves the carries in the field so
/// that the four limb equations hold (they are range-checked as U14, which
/// then fails unless the forged limbs happen to be the honest ones).
pub fn force_product(t: &mut RowMajorMatrix<F>, r: usize, p: [u32; 4]) {
    let sums = mul_limb_sums(t, r);
    let mut carry = 0u32;
    for m in 0..4 {
        set(t, r, air::P0 + m, p[m]);
        carry = fdiv16(fs(fa(sums[m], carry), p[m]));
        set(t, r, air::KAPPA0 + m, carry);
    }
}

/// Honest multiplier cells for (a, sa) x (b, sb) as 64-bit two's-complement
/// numbers; returns the four 16-bit limbs of the low 64 bits of the product.
pub fn fill_mul(
    t: &mut RowMajorMatrix<F>,
    r: usize,
    a: u32,
    sa: bool,
    b: u32,
    sb: bool,
) -> [u32; 4] {
    for i in 0..4 {
        set(t, r, air::MA0 + i, (a >> (8 * i)) & 0xFF);
        set(t, r, air::MB0 + i, (b >> (8 * i)) & 0xFF);
    }
    set(t, r, air::SA, sa as u32);
    set(t, r, air::SB, sb as u32);
    let a64 = if sa { a as i32 as i64 as u64 } else { a as u64 };
    let b64 = if sb { b as i32 as i64 as u64 } else { b as u64 };
    let prod = a64.wrapping_mul(b64);
    let p = [0, 1, 2, 3].map(|m| ((prod >> (16 * m)) & 0xFFFF) as u32);
    force_product(t, r, p);
    p
}

/// Every division cell for a claimed quotient `q` and remainder `rem` of
/// x op y (op DIV/DIVU/REM/REMU), filled as an honest prover would: exact
/// where an integer exists, otherwise the field value that satisfies the
/// constraint (so only range checks or the remaining constraints object).
/// Also sets z (q or rem).
#[allow(clippy::too_many_arguments)]
pub fn fill_div(
    t: &mut RowMajorMatrix<F>,
    row: usize,
    op: u32,
    x: u32,
    y: u32,
    q: u32,
    rem: u32,
    ovf: bool,
) {
    let signed = op == prog::OP_DIV || op == prog::OP_REM;
    set_word(t, row, air::U, q);
    set_word(t, row, air::W, rem);
    let sa = signed && q >> 31 == 1;
    let sb = signed && y >> 31 == 1;
    let p = fill_mul(t, row, q, sa, y, sb);
    set(t, row, air::OVF, ovf as u32);
    set(t, row, air::YZ, (y == 0) as u32);
    set(t, row, air::YINV, finv(y.count_ones()));
    let sr = signed && rem >> 31 == 1;
    let sxs = signed && x >> 31 == 1;
    set(t, row, air::SR, sr as u32);
    set(t, row, air::SXS, sxs as u32);
    let (d0, d1, d2) = if ovf {
        (0, 0, 0)
    } else {
        let r_ext = if sr { 0xFFFF } else { 0 };
        let x_ext = if sxs { 0xFFFF } else { 0 };
        let d0 = fdiv16(fs(fa(p[0], rem & 0xFFFF), x & 0xFFFF));
        let d1 = fdiv16(fs(fa(fa(p[1], rem >> 16), d0), x >> 16));
        let d2 = fdiv16(fs(fa(fa(p[2], r_ext), d1), x_ext));
        (d0, d1, d2)
    };
    set(t, row, air::D0, d0);
    set(t, row, air::D1, d1);
    set(t, row, air::D2, d2);
    // |y| and |r| by the constraint formulas.
    let abs = |v: u32, s: bool| -> (u32, u32, u32) {
        let (lo, hi) = (v & 0xFFFF, v >> 16);
        if !s {
            return (0, lo, hi);
        }
        let e = (lo != 0) as u32;
        (e, fs(fm(e, 1 << 16), lo), fs(fs(1 << 16, hi), e))
    };
    let (ea, ay_lo, ay_hi) = abs(y, sb);
    let (er, ar_lo, ar_hi) = abs(rem, sr);
    set(t, row, air::EA, ea);
    set(t, row, air::ER, er);
    set(t, row, air::AY_LO, ay_lo);
    set(t, row, air::AY_HI, ay_hi);
    set(t, row, air::AR_LO, ar_lo);
    set(t, row, air::AR_HI, ar_hi);
    let (bd, dlt_lo, dlt_hi) = if y == 0 {
        (0, 0, 0)
    } else {
        let bd = (ay_lo < ar_lo + 1) as u32;
        let lo = fs(fa(ay_lo, fm(bd, 1 << 16)), fa(ar_lo, 1));
        let hi = fs(fs(ay_hi, ar_hi), bd);
        (bd, lo, hi)
    };
    set(t, row, air::BD, bd);
    set(t, row, air::DLT_LO, dlt_lo);
    set(t, row, air::DLT_HI, dlt_hi);
    let z = if op == prog::OP_DIV || op == prog::OP_DIVU {
        q
    } else {
        rem
    };
    set_word(t, row, air::Z, z);
}

// ------------------------------------------------------------ constraint names

/// Indices of the constraints of `rv32im_v1::eval` used in assertions
/// (counted from the order of `eval`; `constraint_count_is_as_documented`
/// checks the total).
pub mod c {
    pub const FLAG_BOOL0: usize = 0; // + op
    pub const C0_BOOL: usize = 48;
    pub const C1_BOOL: usize = 49;
    pub const TAKEN_BOOL: usize = 50;
    pub const D0_BOOL: usize = 51;
    pub const D2_BOOL: usize = 53;
    pub const NZ_BOOL: usize = 61;
    pub const L0_BOOL: usize = 62; // lane l: 62 + 2 l
    pub const X_BIT0: usize = 70;
    pub const Y_BIT0: usize = 102;
    pub const Z_BIT0: usize = 134;
    pub const W_BIT0: usize = 166;
    pub const U_BIT0: usize = 198;
    pub const FLAGS_EQ_REAL: usize = 230;
    pub const FIRST_PC: usize = 236;
    pub const ACTIVE_CHAIN: usize = 241;
    pub const NEXT_PC_CHAIN: usize = 243;
    pub const LAST_IN_POS: usize = 249;
    pub const LAST_OUT_POS: usize = 250;
    pub const EXIT_LO: usize = 251;
    pub const EXIT_HI: usize = 252;
    pub const EXIT_CYCLES: usize = 253;
    pub const SEQ_PC: usize = 254;
    pub const JAL_PC: usize = 255;
    pub const JALR_PC: usize = 256;
    pub const BRANCH_PC: usize = 259;
    pub const Y_LO: usize = 260;
    pub const ADD_LO: usize = 262;
    pub const ADD_HI: usize = 263;
    pub const SUB_LO: usize = 264;
    pub const SUB_HI: usize = 265;
    pub const ADDSUB_Z_LO: usize = 266;
    pub const ADDSUB_Z_HI: usize = 267;
    pub const SLT_Z: usize = 268;
    pub const SLTU_Z: usize = 269;
    pub const CONST_Z_LO: usize = 271;
    pub const CONST_Z_HI: usize = 272;
    pub const BITWISE0: usize = 273; // + bit
    pub const BEQ_TAKEN: usize = 305;
    pub const BEQ_NOT_TAKEN: usize = 306;
    pub const BNE_NOT_TAKEN: usize = 307;
    pub const BNE_TAKEN: usize = 308;
    pub const BLT: usize = 309;
    pub const BGE: usize = 310;
    pub const BLTU: usize = 311;
    pub const BGEU: usize = 312;
    pub const STORE_RAM: usize = 317;
    pub const LANE_SUM: usize = 320;
    pub const LANE_W0: usize = 321;
    pub const LANE_W1: usize = 322;
    pub const LW_LO: usize = 327;
    pub const LB_LO: usize = 329;
    pub const LB_HI: usize = 330;
    pub const LBU_LO: usize = 331;
    pub const LH_LO: usize = 332;
    pub const LH_HI: usize = 333;
    pub const LHU_LO: usize = 334;
    pub const LU_HI: usize = 335;
    pub const SW_LO: usize = 336;
    pub const SW_HI: usize = 337;
    pub const SH_LO: usize = 338;
    pub const SH_HI: usize = 339;
    pub const SB_LO: usize = 340;
    pub const SB_HI: usize = 341;
    pub const IO_WR_BYTE: usize = 344;
    pub const SA: usize = 353;
    pub const SB: usize = 354;
    pub const PRODUCT0: usize = 355;
    pub const TH: usize = 359;
    pub const PRODUCT_Z_LO: usize = 360;
    pub const PRODUCT_Z_HI: usize = 361;
    pub const Q_Z_LO: usize = 362;
    pub const R_Z_LO: usize = 364;
    pub const YZ_Y: usize = 367;
    pub const DIV_YINV: usize = 368;
    pub const YZ_U_LO: usize = 369;
    pub const OVF_SIGNED: usize = 371;
    pub const OVF_X_LO: usize = 372;
    pub const OVF_Y_LO: usize = 374;
    pub const OVF_U_LO: usize = 376;
    pub const OVF_U_HI: usize = 377;
    pub const DIV_ID0: usize = 382;
    pub const DIV_ID1: usize = 383;
    pub const DIV_ID2: usize = 384;
    pub const DIV_TOP: usize = 385;
    pub const REM_SIGN_POS: usize = 386;
    pub const REM_SIGN_NEG: usize = 387;
    pub const EXIT_A7: usize = 396;
    pub const READ_SHORT: usize = 401;
    pub const WRITE_COUNT_LO: usize = 404;
    pub const IO_LEFT_COUNT: usize = 408;
    pub const IO_KIND: usize = 419;
    pub const GAP0: usize = 422; // + port
    pub const KEY_ORDER: usize = 438;
    pub const TOTAL: usize = 445;
}

// ------------------------------------------------------------ the forgery harness

const TAG_FIXED_UNKNOWN: u32 = 0;

/// Tag of each fraction of `rv32im_v1::fractions` (index 36, the fixed
/// table, takes the tag of the table row).
fn fraction_tag(i: usize) -> u32 {
    match i {
        0 => air::TAG_PROG,
        1..=10 => air::TAG_MEM,
        11..=20 => {
            if (i - 11).is_multiple_of(2) {
                air::TAG_U16
            } else {
                air::TAG_U12
            }
        }
        21 => air::TAG_POW2,
        22..=25 => air::TAG_U16,
        26..=29 => air::TAG_U14,
        30 => air::TAG_INPUT,
        31 => air::TAG_OUTPUT,
        32..=35 => air::TAG_U16,
        36 => TAG_FIXED_UNKNOWN,
        37 => air::TAG_U16,
        38 => air::TAG_U14,
        39 => air::TAG_U12,
        40 | 41 => air::TAG_MEM,
        42 => air::TAG_IMG,
        43 | 45 | 47 => air::TAG_U16,
        44 => air::TAG_U14,
        46 | 48 => air::TAG_U12,
        _ => panic!("fraction {i}"),
    }
}

pub fn tag_name(tag: u32) -> &'static str {
    match tag {
        air::TAG_PROG => "PROG",
        air::TAG_MEM => "MEM",
        air::TAG_IMG => "IMG",
        air::TAG_POW2 => "POW2",
        air::TAG_U16 => "U16",
        air::TAG_U14 => "U14",
        air::TAG_U12 => "U12",
        air::TAG_INPUT => "INPUT",
        air::TAG_OUTPUT => "OUTPUT",
        _ => "?",
    }
}

/// What a forgery must produce.
#[derive(Clone, Debug)]
pub struct Expect {
    /// `check_trace` reports this (row, constraint) first; None: BusUnbalanced.
    pub first: Option<(usize, usize)>,
    /// Exactly these LogUp tags are unbalanced (diagnosis).
    pub tags: Vec<u32>,
}

impl Expect {
    /// A constraint fails and the bus balances.
    pub fn constraint(row: usize, c: usize) -> Self {
        Expect {
            first: Some((row, c)),
            tags: vec![],
        }
    }
    /// Every constraint holds; exactly `tags` are unbalanced.
    pub fn bus(tags: &[u32]) -> Self {
        Expect {
            first: None,
            tags: tags.to_vec(),
        }
    }
    /// A constraint fails and the given tags are unbalanced too.
    pub fn both(row: usize, c: usize, tags: &[u32]) -> Self {
        Expect {
            first: Some((row, c)),
            tags: tags.to_vec(),
        }
    }
}

/// A forged copy of an honest run.
pub struct Forgery<'a> {
    pub h: &'a Run,
    pub name: String,
    pub t: RowMajorMatrix<F>,
    pub pv: Vec<u32>,
    pub output: Vec<u8>,
    pub cpu_rows: usize,
    /// Skip the multiplicity re-balancing (probes that want raw edits).
    pub raw: bool,
}

/// Fixed-table row -> index.
fn fixed_index(program: &Program) -> (Vec<Vec<u32>>, HashMap<Vec<u32>, usize>) {
    let rows = air::fixed_table(program).rows;
    let index = rows
        .iter()
        .enumerate()
        .map(|(i, r)| (r.clone(), i))
        .collect();
    (rows, index)
}

/// The range lookups (tag, value, multiplicity) of a row, as `fractions` sends them.
fn range_lookups(t: &RowMajorMatrix<F>, r: usize) -> Vec<(u32, u32, u32)> {
    let mut out = Vec::new();
    for port in 0..air::NUM_PORTS {
        let m = port_mult(t, r, port);
        out.push((air::TAG_U16, get(t, r, air::GAP0 + 2 * port), m));
        out.push((air::TAG_U12, get(t, r, air::GAP0 + 2 * port + 1), m));
    }
    let shifts = fa(
        fa(flag(t, r, prog::OP_SLL), flag(t, r, prog::OP_SRL)),
        flag(t, r, prog::OP_SRA),
    );
    let div_ops = flag_sum(t, r, prog::OP_DIV, prog::OP_REMU);
    let mul_unit = fa(
        fa(flag_sum(t, r, prog::OP_MUL, prog::OP_MULHU), shifts),
        div_ops,
    );
    for m in 0..4 {
        out.push((air::TAG_U16, get(t, r, air::P0 + m), mul_unit));
        out.push((air::TAG_U14, get(t, r, air::KAPPA0 + m), mul_unit));
    }
    for c in [air::AY_LO, air::AR_LO, air::DLT_LO, air::DLT_HI] {
        out.push((air::TAG_U16, get(t, r, c), div_ops));
    }
    let b_real = fa(get(t, r, air::B_IMG), get(t, r, air::B_ZERO));
    out.push((air::TAG_U16, get(t, r, air::B_GAP_LO), b_real));
    out.push((air::TAG_U14, get(t, r, air::B_GAP_HI), b_real));
    let z = get(t, r, air::B_ZERO);
    out.push((air::TAG_U16, get(t, r, air::B_E1_LO), z));
    out.push((air::TAG_U12, get(t, r, air::B_E1_HI), z));
    out.push((air::TAG_U16, get(t, r, air::B_E2_LO), z));
    out.push((air::TAG_U12, get(t, r, air::B_E2_HI), z));
    out.retain(|l| l.2 != 0);
    out
}

/// The fixed-table lookups (message, multiplicity) of a row.
fn fixed_lookups(t: &RowMajorMatrix<F>, r: usize) -> Vec<(Vec<u32>, u32)> {
    let g = |c: usize| get(t, r, c);
    let mut out = Vec::new();
    let op = (0..air::NUM_OPS as u32).fold(0, |acc, op| fa(acc, fm(op, flag(t, r, op))));
    out.push((
        vec![
            air::TAG_PROG,
            g(air::PC),
            op,
            g(air::USE_IMM),
            g(air::RS1),
            g(air::RS2),
            g(air::RD),
            g(air::WRITE_RD),
            g(air::IMM_LO),
            g(air::IMM_HI),
            g(air::K_LO),
            g(air::K_HI),
            g(air::TARGET),
        ],
        g(air::IS_REAL),
    ));
    let srl_sra = fa(flag(t, r, prog::OP_SRL), flag(t, r, prog::OP_SRA));
    out.push((
        vec![
            air::TAG_POW2,
            srl_sra,
            bits_field(t, r, air::Y, 5),
            g(air::MB0),
            g(air::MB0 + 1),
            g(air::MB0 + 2),
            g(air::MB0 + 3),
            g(air::NZ),
        ],
        fa(srl_sra, flag(t, r, prog::OP_SLL)),
    ));
    out.push((
        vec![
            air::TAG_IMG,
            g(air::B_SPACE),
            g(air::B_WA),
            g(air::B_INIT_LO),
            g(air::B_INIT_HI),
        ],
        g(air::B_IMG),
    ));
    out.retain(|l| l.1 != 0);
    out
}

const MULT_COLS: [usize; 4] = [air::M16, air::M14, air::M12, air::MFIX];

fn rows_differ(a: &RowMajorMatrix<F>, b: &RowMajorMatrix<F>, r: usize, skip_mults: bool) -> bool {
    let ra = &a.values[r * air::WIDTH..(r + 1) * air::WIDTH];
    let rb = &b.values[r * air::WIDTH..(r + 1) * air::WIDTH];
    if !skip_mults {
        return ra != rb;
    }
    (0..air::WIDTH).any(|c| !MULT_COLS.contains(&c) && ra[c] != rb[c])
}

fn ext_row(t: &RowMajorMatrix<F>, r: usize) -> Vec<Ext> {
    t.values[r * air::WIDTH..(r + 1) * air::WIDTH]
        .iter()
        .map(|&v| extension::from_base(to_u32(v)))
        .collect()
}

/// What the diagnosis found.
#[derive(Debug)]
pub struct Diagnosis {
    pub violations: Vec<(usize, usize)>,
    pub tags: Vec<u32>,
    pub changed_rows: usize,
}

impl<'a> Forgery<'a> {
    pub fn new(h: &'a Run, name: &str) -> Self {
        Forgery {
            h,
            name: name.to_string(),
            t: h.w.trace.clone(),
            pv: h.w.public_values.clone(),
            output: h.w.output.clone(),
            cpu_rows: h.w.cpu_rows,
            raw: false,
        }
    }
    pub fn get(&self, r: usize, c: usize) -> u32 {
        get(&self.t, r, c)
    }
    pub fn set(&mut self, r: usize, c: usize, v: u32) {
        set(&mut self.t, r, c, v)
    }
    pub fn word(&self, r: usize, col: usize) -> u32 {
        word(&self.t, r, col)
    }
    pub fn set_word(&mut self, r: usize, col: usize, v: u32) {
        set_word(&mut self.t, r, col, v)
    }
    pub fn row_at(&self, pc: u32) -> usize {
        *rows_at(&self.t, self.cpu_rows, pc)
            .first()
            .unwrap_or_else(|| panic!("{}: no row at pc {pc:#x}", self.name))
    }

    /// The value sent by (row, port) for cell (space, wa) becomes `v`:
    /// patches the next receiver of that cell when it only moves the value
    /// (the rd port of a later write, the old word of a later SW, or the
    /// final value of the boundary row). Panics if the value would be read.
    pub fn patch_next_old(&mut self, space: u32, wa: u32, row: usize, port: usize, v: u32) {
        match next_access(&self.t, self.cpu_rows, space, wa, row, port) {
            NextAccess::Final(b) => {
                set_limbs(&mut self.t, b, air::B_FIN_LO, v);
            }
            NextAccess::Port(a) if a.port == air::PORT_RD => {
                set_limbs(&mut self.t, a.row, air::RDP_LO, v);
            }
            NextAccess::Port(a)
                if a.port == air::PORT_MEM && flag(&self.t, a.row, prog::OP_SW) == 1 =>
            {
                set_limbs(&mut self.t, a.row, air::MOLD_LO, v);
            }
            NextAccess::Port(a) => panic!(
                "{}: the forged value of {space}:{wa:#x} is read at row {} port {}",
                self.name, a.row, a.port
            ),
        }
    }

    /// Changes the result of row `r` to `z` (bits of Z) and patches the rd
    /// register's next receiver. The caller recomputes the row's other cells.
    pub fn set_result(&mut self, r: usize, z: u32) {
        self.set_word(r, air::Z, z);
        if port_mult(&self.t, r, air::PORT_RD) == 1 {
            let rd = self.get(r, air::RD);
            self.patch_next_old(prog::SPACE_REG, rd, r, air::PORT_RD, z);
        }
    }

    /// `fill_div` on row `r`, then the new result is written to rd (and its next receiver).
    #[allow(clippy::too_many_arguments)]
    pub fn div(&mut self, r: usize, op: u32, x: u32, y: u32, q: u32, rem: u32, ovf: bool) {
        fill_div(&mut self.t, r, op, x, y, q, rem, ovf);
        let z = self.word(r, air::Z);
        self.set_result(r, z);
    }

    /// Re-balances the range-table and fixed-table multiplicities for every
    /// edited row (values out of range or messages not in the table cannot be
    /// balanced and are left for the bus to catch).
    pub fn reseal(&mut self) {
        let h = &self.h.w.trace;
        let n = height(h);
        let (_, index) = fixed_index(&self.h.program);
        let mut range_delta: BTreeMap<(u32, u32), u32> = BTreeMap::new();
        let mut fixed_delta: BTreeMap<usize, u32> = BTreeMap::new();
        for r in 0..n {
            if !rows_differ(h, &self.t, r, true) {
                continue;
            }
            for (sign, tr) in [(false, h), (true, &self.t)] {
                for (tag, v, m) in range_lookups(tr, r) {
                    let d = range_delta.entry((tag, v)).or_insert(0);
                    *d = if sign { fa(*d, m) } else { fs(*d, m) };
                }
                for (msg, m) in fixed_lookups(tr, r) {
                    if let Some(&i) = index.get(&msg) {
                        let d = fixed_delta.entry(i).or_insert(0);
                        *d = if sign { fa(*d, m) } else { fs(*d, m) };
                    }
                }
            }
        }
        // Start from the honest multiplicities (idempotent).
        for r in 0..n {
            for c in MULT_COLS {
                let v = get(h, r, c);
                set(&mut self.t, r, c, v);
            }
        }
        for ((tag, v), d) in range_delta {
            let (col, size) = match tag {
                air::TAG_U16 => (air::M16, 1 << 16),
                air::TAG_U14 => (air::M14, 1 << 14),
                _ => (air::M12, 1 << 12),
            };
            if (v as usize) < size && (v as usize) < n {
                let m = get(&self.t, v as usize, col);
                set(&mut self.t, v as usize, col, fa(m, d));
            }
        }
        for (i, d) in fixed_delta {
            let m = get(&self.t, i, air::MFIX);
            set(&mut self.t, i, air::MFIX, fa(m, d));
        }
    }

    /// Exact diagnosis relative to the honest run: the constraints that fail
    /// on row pairs touching an edited row (or any row whose constraints read
    /// a changed public value), and the LogUp tags whose sum no longer vanishes.
    pub fn diagnose(&self) -> Diagnosis {
        let h = &self.h.w.trace;
        let n = height(h);
        let changed: Vec<usize> = (0..n)
            .filter(|&r| rows_differ(h, &self.t, r, false))
            .collect();
        let mut pairs: BTreeSet<usize> = BTreeSet::new();
        for &r in &changed {
            pairs.insert(r);
            pairs.insert((r + n - 1) % n);
        }
        if self.pv != self.h.w.public_values {
            pairs.insert(0);
            pairs.insert(n - 1);
            for r in 0..n {
                if get(&self.t, r, air::F_EXIT) != 0
                    || get(&self.t, r, air::F_READ) != 0
                    || get(&self.t, r, air::B_ZERO) != 0
                {
                    pairs.insert(r);
                }
            }
        }
        let one = extension::ONE;
        let zero = extension::ZERO;
        let mut violations = Vec::new();
        for &i in &pairs {
            let sel = Selectors {
                is_first_row: if i == 0 { one } else { zero },
                is_last_row: if i == n - 1 { one } else { zero },
                is_transition: if i == n - 1 { zero } else { one },
            };
            let values = air::eval(
                &ext_row(&self.t, i),
                &ext_row(&self.t, (i + 1) % n),
                &self.pv,
                &sel,
            );
            assert_eq!(values.len(), c::TOTAL);
            for (k, v) in values.iter().enumerate() {
                if !extension::is_zero(v) {
                    violations.push((i, k));
                }
            }
        }
        // Per-tag bus sums: forged minus honest, over the changed rows and the boundary.
        let lc = LookupChallenges {
            point: [0x0bad_cafe % P, 3, 77, 1234567],
            beta: [987654321 % P, 5, 0x0123_4567, 42],
        };
        let (table, _) = fixed_index(&self.h.program);
        let mut sums: BTreeMap<u32, Ext> = BTreeMap::new();
        let mut add = |tag: u32, v: Ext| {
            let e = sums.entry(tag).or_insert(extension::ZERO);
            *e = extension::add(e, &v);
        };
        for &r in &changed {
            let fp = match table.get(r) {
                Some(row) => logup::fingerprint_base(row, &lc.beta),
                None => zero,
            };
            let table_tag = table.get(r).map(|row| row[0]).unwrap_or(TAG_FIXED_UNKNOWN);
            for (sign, tr) in [(false, h), (true, &self.t)] {
                let fr = air::fractions(&ext_row(tr, r), &[fp], &lc).unwrap();
                for (i, f) in fr.iter().enumerate() {
                    let tag = if i == 36 { table_tag } else { fraction_tag(i) };
                    if extension::is_zero(&f.numerator) {
                        continue;
                    }
                    let v = extension::mul(&f.numerator, &extension::inv(&f.denominator));
                    add(tag, if sign { v } else { extension::neg(&v) });
                }
            }
        }
        let boundary = |pv: &[u32], output: &[u8], sign: bool, add: &mut dyn FnMut(u32, Ext)| {
            let consumed = (pv[air::PV_INPUT_CONSUMED] as usize).min(self.h.input.len());
            for (j, &b) in self.h.input[..consumed].iter().enumerate() {
                let fp = logup::fingerprint_base(&[air::TAG_INPUT, j as u32, b as u32], &lc.beta);
                let v = extension::inv(&extension::sub(&lc.point, &fp));
                add(air::TAG_INPUT, if sign { v } else { extension::neg(&v) });
            }
            for (j, &b) in output.iter().enumerate() {
                let fp = logup::fingerprint_base(&[air::TAG_OUTPUT, j as u32, b as u32], &lc.beta);
                let v = extension::inv(&extension::sub(&lc.point, &fp));
                add(air::TAG_OUTPUT, if sign { extension::neg(&v) } else { v });
            }
        };
        boundary(&self.h.w.public_values, &self.h.w.output, false, &mut add);
        boundary(&self.pv, &self.output, true, &mut add);
        let tags = sums
            .into_iter()
            .filter(|(_, v)| !extension::is_zero(v))
            .map(|(t, _)| t)
            .collect();
        Diagnosis {
            violations,
            tags,
            changed_rows: changed.len(),
        }
    }

    /// Re-balances multiplicities, diagnoses, runs `check_trace` and asserts
    /// `expect`. Returns a one-line summary.
    pub fn expect(mut self, expect: Expect) -> String {
        if !self.raw {
            self.reseal();
        }
        let d = self.diagnose();
        assert!(
            d.changed_rows > 0
                || self.pv != self.h.w.public_values
                || self.output != self.h.w.output,
            "{}: nothing was forged",
            self.name
        );
        let result = check_trace(
            &self.h.program,
            &self.t,
            &self.pv,
            &self.h.input,
            &self.output,
        );
        let tag_names: Vec<&str> = d.tags.iter().map(|&t| tag_name(t)).collect();
        let shown: Vec<_> = d.violations.iter().take(8).collect();
        let summary = format!(
            "{}: {:?}; violations {:?}{}; unbalanced {:?}",
            self.name,
            result,
            shown,
            if d.violations.len() > 8 { " ..." } else { "" },
            tag_names
        );
        println!("{summary}");
        let mut expected_tags = expect.tags.clone();
        expected_tags.sort();
        assert_eq!(
            d.tags,
            expected_tags,
            "{}: unbalanced tags {:?}, expected {:?}",
            self.name,
            tag_names,
            expect.tags.iter().map(|&t| tag_name(t)).collect::<Vec<_>>()
        );
        match expect.first {
            Some((row, constraint)) => {
                assert_eq!(
                    result,
                    Err(TraceViolation::Constraint { row, constraint }),
                    "{summary}"
                );
                assert_eq!(d.violations.first(), Some(&(row, constraint)), "{summary}");
            }
            None => {
                assert_eq!(result, Err(TraceViolation::BusUnbalanced), "{summary}");
                assert!(d.violations.is_empty(), "{summary}");
            }
        }
        // The first forgery of each test also goes through the real prover
        // (its own constraint check off) and the verifier, which must reject.
        if first_forgery_of_this_test() {
            self.assert_proof_rejected();
        }
        summary
    }

    /// Proves the forged trace with the prover's constraint check off and
    /// asserts that the verifier rejects the proof.
    pub fn assert_proof_rejected(&self) {
        let vk =
            zkvm_prover::rv32im::verifying_key(&self.h.elf).unwrap_or_else(|e| panic!("vk: {e:?}"));
        let statement = zkvm_verifier::Statement {
            public_values: self.pv.clone(),
            input: self.h.input.clone(),
            output: self.output.clone(),
        };
        let options = zkvm_prover::ProverOptions {
            num_threads: None,
            check_constraints: false,
        };
        match zkvm_prover::prove(&vk, std::slice::from_ref(&self.t), &statement, &options) {
            Ok(proof) => {
                let result = zkvm_verifier::verify(&vk, &statement, &proof);
                println!(
                    "{}: proof of the forgery -> {:?}",
                    self.name,
                    result.as_ref().err().map(zkvm_verifier::error::error_name)
                );
                assert!(result.is_err(), "{}: the forged proof verified", self.name);
            }
            Err(e) => println!("{}: the prover cannot even build a proof: {e:?}", self.name),
        }
    }

    // ---------------------------------------------------- structural edits

    /// Makes row `r` the copy of the program row at `pc` (same instruction,
    /// another address): pc, k, target, next pc (sequential or jal target)
    /// and the constant result of LUI/AUIPC/JAL/JALR.
    pub fn move_to_pc(&mut self, r: usize, pc: u32) {
        let p = self
            .h
            .program
            .rows
            .iter()
            .find(|p| p.pc == pc)
            .unwrap_or_else(|| panic!("no program row at {pc:#x}"));
        for (c, v) in [
            (air::PC, p.pc),
            (air::USE_IMM, p.use_imm),
            (air::RS1, p.rs1),
            (air::RS2, p.rs2),
            (air::RD, p.rd),
            (air::WRITE_RD, p.write_rd),
            (air::IMM_LO, p.imm & 0xFFFF),
            (air::IMM_HI, p.imm >> 16),
            (air::K_LO, p.k & 0xFFFF),
            (air::K_HI, p.k >> 16),
            (air::TARGET, p.target),
        ] {
            let pc_dependent = matches!(c, air::PC | air::K_LO | air::K_HI | air::TARGET)
                || (matches!(c, air::IMM_LO | air::IMM_HI) && p.op <= prog::OP_BGEU);
            assert!(
                pc_dependent || self.get(r, c) == v,
                "{}: instruction at {pc:#x} differs from row {r} in column {c}",
                self.name
            );
            self.set(r, c, v);
        }
        assert_eq!(flag(&self.t, r, p.op), 1, "{}: op differs", self.name);
        match p.op {
            prog::OP_JAL => self.set(r, air::NEXT_PC, p.target),
            prog::OP_BEQ..=prog::OP_BGEU | prog::OP_JALR => {}
            _ => self.set(r, air::NEXT_PC, p.pc.wrapping_add(4)),
        }
        if matches!(
            p.op,
            prog::OP_LUI | prog::OP_AUIPC | prog::OP_JAL | prog::OP_JALR
        ) {
            self.set_result(r, p.k);
        }
    }

    /// Deletes CPU row `r` (every column but the range tables, MFIX and the
    /// boundary columns), moving the later CPU rows up and appending a
    /// padding row; then `retime`.
    pub fn delete_row(&mut self, r: usize) {
        let cpu_cols = air::MFIX;
        let last = self.cpu_rows - 1;
        for i in r..last {
            for c in 0..cpu_cols {
                let v = self.get(i + 1, c);
                self.set(i, c, v);
            }
        }
        for c in 0..cpu_cols {
            let v = self.get(last + 1, c);
            self.set(last, c, v);
        }
        self.cpu_rows -= 1;
        self.retime();
    }

    /// Turns every CPU row after `r` into padding (the run "ends" at row
    /// `r`), then `retime`.
    pub fn truncate_after(&mut self, r: usize) {
        let pad = self.cpu_rows;
        for i in r + 1..self.cpu_rows {
            for c in 0..air::MFIX {
                let v = self.get(pad, c);
                self.set(i, c, v);
            }
        }
        self.cpu_rows = r + 1;
        self.retime();
    }

    /// Recomputes the bookkeeping an honest prover derives from the row
    /// order: clk, icount, in_pos, out_pos, every port's previous timestamp
    /// and gap, and the boundary rows' final value and timestamp.
    pub fn retime(&mut self) {
        let n = height(&self.t);
        for r in 0..n {
            if r < self.cpu_rows {
                self.set(r, air::CLK, r as u32 + 1);
            }
            if r > 0 {
                let icount = fa(self.get(r - 1, air::ICOUNT), self.get(r, air::IS_REAL));
                let in_pos = fa(self.get(r - 1, air::IN_POS), self.get(r - 1, air::IO_RD));
                let out_pos = fa(self.get(r - 1, air::OUT_POS), self.get(r - 1, air::IO_WR1));
                self.set(r, air::ICOUNT, icount);
                self.set(r, air::IN_POS, in_pos);
                self.set(r, air::OUT_POS, out_pos);
            }
        }
        let mut last: HashMap<(u32, u32), (u32, u32)> = HashMap::new();
        for r in 0..self.cpu_rows {
            for port in 0..air::NUM_PORTS {
                if let Some(a) = port_access(&self.t, r, port) {
                    let t_prev = last.get(&(a.space, a.wa)).map(|x| x.0).unwrap_or(0);
                    let gap = fs(fs(a.ts, t_prev), 1);
                    self.set(r, air::T0 + port, t_prev);
                    self.set(r, air::GAP0 + 2 * port, gap & 0xFFFF);
                    self.set(r, air::GAP0 + 2 * port + 1, gap >> 16);
                    last.insert((a.space, a.wa), (a.ts, a.new));
                }
            }
        }
        let mut b = 0;
        while self.get(b, air::B_IMG) + self.get(b, air::B_ZERO) == 1 {
            let key = (self.get(b, air::B_SPACE), self.get(b, air::B_WA));
            let (ts, v) = match last.get(&key) {
                Some(&x) => x,
                None => (0, limbs(&self.t, b, air::B_INIT_LO)),
            };
            self.set(b, air::B_FIN_TS, ts);
            set_limbs(&mut self.t, b, air::B_FIN_LO, v);
            b += 1;
        }
    }
}

/// Asserts the honest run passes `check_trace`.
pub fn assert_honest(h: &Run) {
    assert_eq!(h.check(), Ok(()), "the honest trace is rejected");
}

pub fn data_wa(offset: u32) -> u32 {
    (DATA_BASE + offset) >> 2
}

pub const TEXT: u32 = TEXT_BASE;
pub const DATA: u32 = DATA_BASE;
