//! Witness generation for the RV32IM AIR (zkvm_verifier::air::rv32im_v1): runs
//! the executor, then lays out one row per executed instruction, one io row
//! per byte moved by a read/write ECALL, the memory boundary rows, the range
//! tables and the fixed-table multiplicities.
//!
//! The executor is the reference: a run it rejects (trap, cycle limit) is
//! never turned into a trace. Register and memory values are replayed from
//! a shadow memory built from the verifier's program image, and every value
//! the executor reports is checked against the replay.

use std::collections::{BTreeMap, HashMap};

use p3_field::PrimeCharacteristicRing;
use p3_matrix::dense::RowMajorMatrix;
use zkvm_executor::{ExecError, Machine, StepRecord};
use zkvm_verifier::air::rv32im_v1 as air;
use zkvm_verifier::receipt::program::{self as prog, Program};

use crate::types::F;

/// Everything the prover needs besides the verifying key.
pub struct Rv32imWitness {
    pub trace: RowMajorMatrix<F>,
    pub public_values: Vec<u32>,
    pub exit_code: u32,
    pub cycles: u64,
    pub output: Vec<u8>,
    pub input_consumed: usize,
    /// Instruction rows plus io rows.
    pub cpu_rows: usize,
    /// Boundary rows (touched memory cells).
    pub boundary_rows: usize,
}

#[derive(Debug)]
pub enum TraceError {
    /// The ELF does not load in the executor.
    Elf(zkvm_executor::ElfError),
    /// The execution traps or does not exit within the cycle limit.
    Exec(ExecError),
    /// The run is valid but exceeds what one proof can hold (rows, zero intervals).
    TooLarge(String),
    /// The executor and the replay disagree (a bug; never a valid proof).
    Inconsistent(String),
}

impl std::fmt::Display for TraceError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            TraceError::Elf(e) => write!(f, "the ELF does not load: {e}"),
            TraceError::Exec(e) => write!(f, "the program does not run to completion: {e}"),
            TraceError::TooLarge(s) => write!(f, "the run is too large to prove: {s}"),
            TraceError::Inconsistent(s) => write!(f, "internal error, trace replay disagrees: {s}"),
        }
    }
}

/// Largest trace: the security figures of docs/protocol.md are stated up to
/// 2^22 rows (timestamps 8 clk + 4 then stay below 2^25, gaps below 2^28).
pub const MAX_LOG_ROWS: u32 = zkvm_verifier::receipt::MAX_LOG_ROWS;
/// Smallest trace: the 2^16-row range table.
pub const MIN_LOG_ROWS: u32 = zkvm_verifier::receipt::MIN_LOG_ROWS;

/// One memory cell of the shadow memory: current value and the timestamp of its last access.
#[derive(Clone, Copy)]
struct Cell {
    value: u32,
    ts: u32,
}

struct Shadow {
    cells: HashMap<(u32, u32), Cell>,
    image: HashMap<(u32, u32), u32>,
    rom: std::collections::HashSet<u32>,
}

/// What one port access looked like: previous value and timestamp, and the gap.
#[derive(Clone, Copy, Default)]
struct Access {
    old: u32,
    prev_ts: u32,
}

impl Shadow {
    fn access(&mut self, space: u32, wa: u32, new: Option<u32>, ts: u32) -> Access {
        let init = *self.image.get(&(space, wa)).unwrap_or(&0);
        let cell = self
            .cells
            .entry((space, wa))
            .or_insert(Cell { value: init, ts: 0 });
        let before = *cell;
        if let Some(v) = new {
            cell.value = v;
        }
        cell.ts = ts;
        Access {
            old: before.value,
            prev_ts: before.ts,
        }
    }
    fn peek(&self, space: u32, wa: u32) -> u32 {
        match self.cells.get(&(space, wa)) {
            Some(c) => c.value,
            None => *self.image.get(&(space, wa)).unwrap_or(&0),
        }
    }
    fn data_space(&self, wa: u32) -> u32 {
        if self.rom.contains(&wa) {
            prog::SPACE_ROM
        } else {
            prog::SPACE_RAM
        }
    }
}

/// Range lookups collected while filling rows.
#[derive(Default)]
struct RangeCounts {
    u16: Vec<u32>,
    u14: Vec<u32>,
    u12: Vec<u32>,
}

impl RangeCounts {
    fn new() -> Self {
        RangeCounts {
            u16: vec![0; 1 << 16],
            u14: vec![0; 1 << 14],
            u12: vec![0; 1 << 12],
        }
    }
    fn u16(&mut self, v: u32) -> Result<(), TraceError> {
        *self
            .u16
            .get_mut(v as usize)
            .ok_or_else(|| TraceError::Inconsistent(format!("U16 lookup of {v}")))? += 1;
        Ok(())
    }
    fn u14(&mut self, v: u32) -> Result<(), TraceError> {
        *self
            .u14
            .get_mut(v as usize)
            .ok_or_else(|| TraceError::Inconsistent(format!("U14 lookup of {v}")))? += 1;
        Ok(())
    }
    fn u12(&mut self, v: u32) -> Result<(), TraceError> {
        *self
            .u12
            .get_mut(v as usize)
            .ok_or_else(|| TraceError::Inconsistent(format!("U12 lookup of {v}")))? += 1;
        Ok(())
    }
}

/// A row under construction (canonical u32 values; inverses are filled as field elements later).
struct Row {
    v: Vec<u32>,
    /// Columns holding the inverse of a value (column, value to invert).
    inverses: Vec<(usize, u32)>,
}

impl Row {
    fn new() -> Self {
        Row {
            v: vec![0; air::WIDTH],
            inverses: Vec::new(),
        }
    }
    fn set(&mut self, col: usize, value: u32) {
        self.v[col] = value;
    }
    fn bits(&mut self, word_col: usize, value: u32) {
        for i in 0..32 {
            self.v[word_col + i] = (value >> i) & 1;
        }
    }
    fn inverse(&mut self, col: usize, value: u32) {
        if value != 0 {
            self.inverses.push((col, value));
        }
    }
}

fn pow2_index(kind: u32, s: u32) -> usize {
    (kind * 32 + s) as usize
}

fn shift_factor(kind: u32, s: u32) -> u32 {
    if kind == 0 {
        1u32 << s
    } else if s == 0 {
        1
    } else {
        1u32 << (32 - s)
    }
}

/// Fills a port: previous timestamp and the gap (with its range lookups).
fn fill_port(
    row: &mut Row,
    ranges: &mut RangeCounts,
    port: usize,
    clk: u32,
    access: Access,
) -> Result<(), TraceError> {
    let ts = 8 * clk + port as u32;
    if access.prev_ts >= ts {
        return Err(TraceError::Inconsistent("timestamps out of order".into()));
    }
    let gap = ts - access.prev_ts - 1;
    row.set(air::T0 + port, access.prev_ts);
    row.set(air::GAP0 + 2 * port, gap & 0xFFFF);
    row.set(air::GAP0 + 2 * port + 1, gap >> 16);
    ranges.u16(gap & 0xFFFF)?;
    ranges.u12(gap >> 16)
}

/// The multiplier columns for A * B as 64-bit two's complement numbers.
fn fill_multiplier(
    row: &mut Row,
    ranges: &mut RangeCounts,
    a: u32,
    sa: bool,
    b_bytes: [u32; 4],
    sb: bool,
) -> Result<[u32; 4], TraceError> {
    let a_bytes = a.to_le_bytes();
    let mut a8 = [0u64; 8];
    let mut b8 = [0u64; 8];
    for i in 0..4 {
        a8[i] = a_bytes[i] as u64;
        b8[i] = b_bytes[i] as u64;
        row.set(air::MA0 + i, a_bytes[i] as u32);
        row.set(air::MB0 + i, b_bytes[i]);
    }
    for i in 4..8 {
        a8[i] = if sa { 255 } else { 0 };
        b8[i] = if sb { 255 } else { 0 };
    }
    row.set(air::SA, sa as u32);
    row.set(air::SB, sb as u32);
    let mut conv = [0u64; 8];
    for i in 0..8 {
        for j in 0..8 - i {
            conv[i + j] += a8[i] * b8[j];
        }
    }
    let b = u32::from_le_bytes([
        b_bytes[0] as u8,
        b_bytes[1] as u8,
        b_bytes[2] as u8,
        b_bytes[3] as u8,
    ]);
    let a64 = if sa { a as i32 as i64 as u64 } else { a as u64 };
    let b64 = if sb { b as i32 as i64 as u64 } else { b as u64 };
    let product = a64.wrapping_mul(b64);
    let mut limbs = [0u32; 4];
    let mut carry: u64 = 0;
    for m in 0..4 {
        let limb = (product >> (16 * m)) & 0xFFFF;
        let total = conv[2 * m] + 256 * conv[2 * m + 1] + carry;
        if total < limb || (total - limb) % 65536 != 0 {
            return Err(TraceError::Inconsistent("product carries".into()));
        }
        carry = (total - limb) >> 16;
        limbs[m] = limb as u32;
        row.set(air::P0 + m, limb as u32);
        row.set(air::KAPPA0 + m, carry as u32);
        ranges.u16(limb as u32)?;
        ranges.u14(carry as u32)?;
    }
    Ok(limbs)
}

fn lanes(row: &mut Row, addr: u32) {
    row.set(air::L0 + (addr & 3) as usize, 1);
}

struct Builder<'a> {
    program: &'a Program,
    pc_index: HashMap<u32, usize>,
    shadow: Shadow,
    ranges: RangeCounts,
    fixed_mult: Vec<u32>,
    rows: Vec<Row>,
    clk: u32,
    icount: u32,
    in_pos: u32,
    out_pos: u32,
    input: &'a [u8],
    output: Vec<u8>,
}

impl Builder<'_> {
    fn reg_read(&mut self, row: &mut Row, port: usize, reg: u32) -> Result<u32, TraceError> {
        let ts = 8 * self.clk + port as u32;
        let a = self.shadow.access(prog::SPACE_REG, reg, None, ts);
        fill_port(row, &mut self.ranges, port, self.clk, a)?;
        Ok(a.old)
    }

    /// The memory port (slot 2): accesses (space, wa), writing `new` if
    /// given, and fills the port's columns; returns the previous value.
    fn mem_port(
        &mut self,
        row: &mut Row,
        space: u32,
        wa: u32,
        new: Option<u32>,
    ) -> Result<u32, TraceError> {
        let ts = 8 * self.clk + air::PORT_MEM as u32;
        let a = self.shadow.access(space, wa, new, ts);
        fill_port(row, &mut self.ranges, air::PORT_MEM, self.clk, a)?;
        let new = new.unwrap_or(a.old);
        row.set(air::MSPACE, space);
        row.set(air::MWA, wa);
        row.set(air::MOLD_LO, a.old & 0xFFFF);
        row.set(air::MOLD_HI, a.old >> 16);
        row.set(air::MNEW_LO, new & 0xFFFF);
        row.set(air::MNEW_HI, new >> 16);
        Ok(a.old)
    }

    fn start_row(&self, row: &mut Row) {
        row.set(air::CLK, self.clk);
        row.set(air::ICOUNT, self.icount);
        row.set(air::IN_POS, self.in_pos);
        row.set(air::OUT_POS, self.out_pos);
    }

    fn instruction(&mut self, rec: &StepRecord) -> Result<(), TraceError> {
        let index = *self.pc_index.get(&rec.pc).ok_or_else(|| {
            TraceError::Inconsistent(format!("no program row at pc {:#x}", rec.pc))
        })?;
        self.fixed_mult[index] += 1;
        let p = &self.program.rows[index];
        let op = p.op;
        let mut row = Row::new();
        self.start_row(&mut row);
        row.set(air::IS_REAL, 1);
        row.set(air::PC, p.pc);
        row.set(air::FLAG0 + op as usize, 1);
        row.set(air::USE_IMM, p.use_imm);
        row.set(air::RS1, p.rs1);
        row.set(air::RS2, p.rs2);
        row.set(air::RD, p.rd);
        row.set(air::WRITE_RD, p.write_rd);
        row.set(air::IMM_LO, p.imm & 0xFFFF);
        row.set(air::IMM_HI, p.imm >> 16);
        row.set(air::K_LO, p.k & 0xFFFF);
        row.set(air::K_HI, p.k >> 16);
        row.set(air::TARGET, p.target);

        let x = self.reg_read(&mut row, air::PORT_RS1, p.rs1)?;
        let v2 = self.reg_read(&mut row, air::PORT_RS2, p.rs2)?;
        let y = if p.use_imm == 1 { p.imm } else { v2 };
        row.bits(air::X, x);
        row.bits(air::Y, y);
        row.set(air::V2_LO, v2 & 0xFFFF);
        row.set(air::V2_HI, v2 >> 16);
        let mut next_pc = p.pc.wrapping_add(4);
        let mut z: u32 = 0;
        let mut io: Option<(u32, u32, u32)> = None; // (kind 0 read / 1 fd1 / 2 fd2, buf, count)
        let mut is_exit = false;

        let add = |row: &mut Row, a: u32, b: u32| -> u32 {
            let lo = (a & 0xFFFF) + (b & 0xFFFF);
            let c0 = lo >> 16;
            let hi = (a >> 16) + (b >> 16) + c0;
            row.set(air::C0, c0);
            row.set(air::C1, hi >> 16);
            let w = a.wrapping_add(b);
            row.bits(air::W, w);
            w
        };
        let sub = |row: &mut Row, a: u32, b: u32| -> u32 {
            // w + b = a + 2^32 c1
            let w = a.wrapping_sub(b);
            let lo = (w & 0xFFFF) + (b & 0xFFFF);
            let c0 = lo >> 16;
            row.set(air::C0, c0);
            row.set(air::C1, (a < b) as u32);
            row.bits(air::W, w);
            w
        };

        match op {
            prog::OP_LUI | prog::OP_AUIPC => z = p.k,
            prog::OP_JAL => {
                z = p.k;
                next_pc = p.target;
            }
            prog::OP_JALR => {
                let w = add(&mut row, x, p.imm);
                z = p.k;
                next_pc = w & !1;
            }
            prog::OP_BEQ..=prog::OP_BGEU => {
                let w = sub(&mut row, x, y);
                let taken = match op {
                    prog::OP_BEQ => x == y,
                    prog::OP_BNE => x != y,
                    prog::OP_BLT => (x as i32) < (y as i32),
                    prog::OP_BGE => (x as i32) >= (y as i32),
                    prog::OP_BLTU => x < y,
                    _ => x >= y,
                };
                row.set(air::TAKEN, taken as u32);
                row.inverse(air::EINV, w.count_ones());
                if taken {
                    next_pc = p.target;
                }
            }
            prog::OP_LB..=prog::OP_SW => {
                let addr = add(&mut row, x, p.imm);
                let wa = addr >> 2;
                let is_store = op >= prog::OP_SB;
                let space = if is_store {
                    prog::SPACE_RAM
                } else {
                    self.shadow.data_space(wa)
                };
                let old = self.shadow.peek(space, wa);
                let shift = 8 * (addr & 3);
                let new = match op {
                    prog::OP_SW => v2,
                    prog::OP_SH => {
                        let mask = 0xFFFFu32 << shift;
                        (old & !mask) | ((v2 & 0xFFFF) << shift)
                    }
                    prog::OP_SB => {
                        let mask = 0xFFu32 << shift;
                        (old & !mask) | ((v2 & 0xFF) << shift)
                    }
                    _ => old,
                };
                z = match op {
                    prog::OP_LW => old,
                    prog::OP_LB => ((old >> shift) & 0xFF) as u8 as i8 as i32 as u32,
                    prog::OP_LBU => (old >> shift) & 0xFF,
                    prog::OP_LH => ((old >> shift) & 0xFFFF) as u16 as i16 as i32 as u32,
                    prog::OP_LHU => (old >> shift) & 0xFFFF,
                    _ => 0,
                };
                if let Some(m) = rec.memory {
                    if m.addr != addr {
                        return Err(TraceError::Inconsistent("memory address".into()));
                    }
                }
                self.mem_port(&mut row, space, wa, Some(new))?;
                if op != prog::OP_LW && op != prog::OP_SW {
                    row.bits(air::U, old);
                    lanes(&mut row, addr);
                }
            }
            prog::OP_ADD => z = add(&mut row, x, y),
            prog::OP_SUB => z = sub(&mut row, x, y),
            prog::OP_SLT => {
                sub(&mut row, x, y);
                z = ((x as i32) < (y as i32)) as u32;
            }
            prog::OP_SLTU => {
                sub(&mut row, x, y);
                z = (x < y) as u32;
            }
            prog::OP_XOR => z = x ^ y,
            prog::OP_OR => z = x | y,
            prog::OP_AND => z = x & y,
            prog::OP_SLL | prog::OP_SRL | prog::OP_SRA => {
                let s = y & 31;
                let kind = (op != prog::OP_SLL) as u32;
                let factor = shift_factor(kind, s);
                let fb = factor.to_le_bytes();
                self.fixed_mult
                    [self.program.rows.len() + self.program.image.len() + pow2_index(kind, s)] += 1;
                let sa = op == prog::OP_SRA && (x >> 31) == 1;
                let limbs = fill_multiplier(
                    &mut row,
                    &mut self.ranges,
                    x,
                    sa,
                    [fb[0] as u32, fb[1] as u32, fb[2] as u32, fb[3] as u32],
                    false,
                )?;
                let nz = (s != 0) as u32;
                row.set(air::NZ, nz);
                let th = kind * nz;
                row.set(air::TH, th);
                z = if th == 1 {
                    limbs[2] | (limbs[3] << 16)
                } else {
                    limbs[0] | (limbs[1] << 16)
                };
                let expect = match op {
                    prog::OP_SLL => x << s,
                    prog::OP_SRL => x >> s,
                    _ => ((x as i32) >> s) as u32,
                };
                if z != expect {
                    return Err(TraceError::Inconsistent("shift".into()));
                }
            }
            prog::OP_MUL..=prog::OP_MULHU => {
                let sa = (op == prog::OP_MULH || op == prog::OP_MULHSU) && (x >> 31) == 1;
                let sb = op == prog::OP_MULH && (y >> 31) == 1;
                let yb = y.to_le_bytes();
                let limbs = fill_multiplier(
                    &mut row,
                    &mut self.ranges,
                    x,
                    sa,
                    [yb[0] as u32, yb[1] as u32, yb[2] as u32, yb[3] as u32],
                    sb,
                )?;
                let high = op != prog::OP_MUL;
                row.set(air::TH, high as u32);
                z = if high {
                    limbs[2] | (limbs[3] << 16)
                } else {
                    limbs[0] | (limbs[1] << 16)
                };
            }
            prog::OP_DIV..=prog::OP_REMU => {
                z = self.division(&mut row, op, x, y)?;
            }
            prog::OP_ECALL => {
                let a7 = self.mem_port(&mut row, prog::SPACE_REG, air::REG_A7, None)?;
                let buf = self.reg_read(&mut row, air::PORT_A1, air::REG_A1)?;
                row.set(air::V5_LO, buf & 0xFFFF);
                row.set(air::V5_HI, buf >> 16);
                let (len, fd) = (x, y);
                match a7 {
                    63 => {
                        row.set(air::F_READ, 1);
                        let remaining = self.input.len() as u64 - self.in_pos as u64;
                        let count = (len as u64).min(remaining) as u32;
                        z = count;
                        sub(&mut row, len, count);
                        if count > 0 {
                            io = Some((0, buf, count));
                        }
                    }
                    64 => {
                        row.set(air::F_WRITE, 1);
                        z = len;
                        if len > 0 {
                            io = Some((fd, buf, len));
                        }
                    }
                    93 | 94 => {
                        row.set(air::F_EXIT, 1);
                        is_exit = true;
                    }
                    n => {
                        return Err(TraceError::Inconsistent(format!("syscall {n}")));
                    }
                }
                if !is_exit && z >= 1 << 24 {
                    return Err(TraceError::TooLarge(format!("a syscall moving {z} bytes")));
                }
                row.set(air::LEFT, if is_exit { 0 } else { z });
                row.inverse(air::LEFT_INV, if is_exit { 0 } else { z });
            }
            _ => {} // FENCE
        }

        // rd.
        if p.write_rd == 1 && !is_exit {
            let ts = 8 * self.clk + air::PORT_RD as u32;
            let a = self.shadow.access(prog::SPACE_REG, p.rd, Some(z), ts);
            fill_port(&mut row, &mut self.ranges, air::PORT_RD, self.clk, a)?;
            row.set(air::RDP_LO, a.old & 0xFFFF);
            row.set(air::RDP_HI, a.old >> 16);
            if z != rec.rd_value {
                return Err(TraceError::Inconsistent(format!(
                    "rd value at pc {:#x}: replay {z:#x}, executor {:#x}",
                    p.pc, rec.rd_value
                )));
            }
        }
        row.bits(air::Z, z);
        row.set(air::NEXT_PC, next_pc);
        if !is_exit && next_pc != rec.next_pc {
            return Err(TraceError::Inconsistent(format!(
                "next pc at {:#x}: replay {next_pc:#x}, executor {:#x}",
                p.pc, rec.next_pc
            )));
        }
        self.rows.push(row);
        self.clk += 1;
        if let Some((kind, buf, count)) = io {
            self.io_rows(kind, buf, count, p.pc.wrapping_add(4))?;
        }
        self.icount += 1;
        Ok(())
    }

    fn division(&mut self, row: &mut Row, op: u32, x: u32, y: u32) -> Result<u32, TraceError> {
        let signed = op == prog::OP_DIV || op == prog::OP_REM;
        let (q, r) = if y == 0 {
            (u32::MAX, x)
        } else if signed && x == 0x8000_0000 && y == u32::MAX {
            row.set(air::OVF, 1);
            (0x8000_0000, 0)
        } else if signed {
            (
                (x as i32).wrapping_div(y as i32) as u32,
                (x as i32).wrapping_rem(y as i32) as u32,
            )
        } else {
            (x / y, x % y)
        };
        let ovf = row.v[air::OVF] == 1;
        row.bits(air::U, q);
        row.bits(air::W, r);
        let yb = y.to_le_bytes();
        let sa = signed && (q >> 31) == 1;
        let sb = signed && (y >> 31) == 1;
        let limbs = fill_multiplier(
            row,
            &mut self.ranges,
            q,
            sa,
            [yb[0] as u32, yb[1] as u32, yb[2] as u32, yb[3] as u32],
            sb,
        )?;
        let yz = y == 0;
        row.set(air::YZ, yz as u32);
        row.inverse(air::YINV, y.count_ones());
        let sr = signed && (r >> 31) == 1;
        let sxs = signed && (x >> 31) == 1;
        row.set(air::SR, sr as u32);
        row.set(air::SXS, sxs as u32);
        if !ovf {
            let r_ext = if sr { 0xFFFF } else { 0 };
            let x_ext = if sxs { 0xFFFFu32 } else { 0 };
            let s0 = limbs[0] + (r & 0xFFFF);
            let d0 = s0 >> 16;
            let s1 = limbs[1] + (r >> 16) + d0;
            let d1 = s1 >> 16;
            let s2 = limbs[2] + r_ext + d1;
            let d2 = s2 >> 16;
            if (s0 & 0xFFFF) != (x & 0xFFFF) || (s1 & 0xFFFF) != (x >> 16) || (s2 & 0xFFFF) != x_ext
            {
                return Err(TraceError::Inconsistent("division identity".into()));
            }
            row.set(air::D0, d0);
            row.set(air::D1, d1);
            row.set(air::D2, d2);
        }
        let ay = if sb { y.wrapping_neg() } else { y };
        let ar = if sr { r.wrapping_neg() } else { r };
        row.set(air::EA, (sb && (y & 0xFFFF) != 0) as u32);
        row.set(air::ER, (sr && (r & 0xFFFF) != 0) as u32);
        // |x| for 2^31 is 2^31: the high limb is 0x8000, fine.
        row.set(air::AY_LO, ay & 0xFFFF);
        row.set(air::AY_HI, ay >> 16);
        row.set(air::AR_LO, ar & 0xFFFF);
        row.set(air::AR_HI, ar >> 16);
        self.ranges.u16(ay & 0xFFFF)?;
        self.ranges.u16(ar & 0xFFFF)?;
        let (dlt_lo, dlt_hi) = if yz {
            (0, 0)
        } else {
            if ar >= ay {
                return Err(TraceError::Inconsistent("remainder bound".into()));
            }
            let t = (ar & 0xFFFF) + 1;
            let (lo, bd) = if (ay & 0xFFFF) >= t {
                ((ay & 0xFFFF) - t, 0)
            } else {
                ((ay & 0xFFFF) + 65536 - t, 1)
            };
            row.set(air::BD, bd);
            let hi = (ay >> 16) - (ar >> 16) - bd;
            (lo, hi)
        };
        row.set(air::DLT_LO, dlt_lo);
        row.set(air::DLT_HI, dlt_hi);
        self.ranges.u16(dlt_lo)?;
        self.ranges.u16(dlt_hi)?;
        Ok(if op == prog::OP_DIV || op == prog::OP_DIVU {
            q
        } else {
            r
        })
    }

    /// The io rows of one read (kind 0) or write (kind = fd) ECALL.
    fn io_rows(&mut self, kind: u32, buf: u32, count: u32, next_pc: u32) -> Result<(), TraceError> {
        for i in 0..count {
            let addr = buf
                .checked_add(i)
                .filter(|a| *a < 1 << 30)
                .ok_or_else(|| TraceError::Inconsistent("syscall buffer outside memory".into()))?;
            let mut row = Row::new();
            self.start_row(&mut row);
            row.set(air::IS_IO, 1);
            row.set(air::PC, next_pc.wrapping_sub(4));
            row.set(air::NEXT_PC, next_pc);
            let left = count - 1 - i;
            row.set(air::LEFT, left);
            row.inverse(air::LEFT_INV, left);
            row.bits(air::W, addr);
            lanes(&mut row, addr);
            let wa = addr >> 2;
            let shift = 8 * (addr & 3);
            let (space, old, new, byte) = if kind == 0 {
                let byte = self.input[self.in_pos as usize] as u32;
                let old = self.shadow.peek(prog::SPACE_RAM, wa);
                let new = (old & !(0xFF << shift)) | (byte << shift);
                row.set(air::IO_RD, 1);
                (prog::SPACE_RAM, old, new, byte)
            } else {
                let space = self.shadow.data_space(wa);
                let old = self.shadow.peek(space, wa);
                let byte = (old >> shift) & 0xFF;
                row.set(if kind == 1 { air::IO_WR1 } else { air::IO_WR2 }, 1);
                (space, old, old, byte)
            };
            row.set(air::IOB, byte);
            row.bits(air::U, old);
            self.mem_port(&mut row, space, wa, Some(new))?;
            self.rows.push(row);
            self.clk += 1;
            if kind == 0 {
                self.in_pos += 1;
            } else if kind == 1 {
                self.output.push(byte as u8);
                self.out_pos += 1;
            }
        }
        Ok(())
    }
}

/// Runs `elf` on `input` and builds the RV32IM trace; `program` must be
/// `zkvm_verifier::receipt::program::load_program(elf)`.
pub fn build_trace(
    program: &Program,
    elf: &[u8],
    input: &[u8],
    max_cycles: u64,
) -> Result<Rv32imWitness, TraceError> {
    let exec_program = zkvm_executor::Program::from_elf(elf).map_err(TraceError::Elf)?;
    let mut machine = Machine::new(&exec_program, input).map_err(TraceError::Exec)?;
    let mut records: Vec<StepRecord> = Vec::new();
    let exit_code = machine
        .run_with(max_cycles, &mut records)
        .map_err(TraceError::Exec)?;

    let mut image = HashMap::new();
    let mut rom = std::collections::HashSet::new();
    for w in &program.image {
        image.insert((w.space, w.wa), w.value);
        if w.space == prog::SPACE_ROM {
            rom.insert(w.wa);
        }
    }
    let pc_index = program
        .rows
        .iter()
        .enumerate()
        .map(|(i, r)| (r.pc, i))
        .collect();
    let fixed_len = program.rows.len() + program.image.len() + 64;
    let mut b = Builder {
        program,
        pc_index,
        shadow: Shadow {
            cells: HashMap::new(),
            image,
            rom,
        },
        ranges: RangeCounts::new(),
        fixed_mult: vec![0; fixed_len],
        rows: Vec::with_capacity(records.len() + 16),
        clk: 1,
        icount: 1,
        in_pos: 0,
        out_pos: 0,
        input,
        output: Vec::new(),
    };
    for rec in &records {
        b.instruction(rec)?;
    }
    if b.output != machine.output() {
        return Err(TraceError::Inconsistent("output bytes".into()));
    }
    let cycles = records.len() as u64;
    let input_consumed = b.in_pos as usize;
    let public_values = air::public_values(
        program,
        exit_code,
        cycles,
        input.len(),
        input_consumed,
        b.output.len(),
    )
    .map_err(|_| {
        TraceError::TooLarge(format!(
            "{} zero-initialised intervals (at most {}), or sizes not below p",
            program.zero_intervals.len(),
            air::MAX_ZERO_INTERVALS
        ))
    })?;

    // Boundary rows: every touched cell, sorted by key = 3 wa + space.
    let mut touched: BTreeMap<u32, (u32, u32, Cell)> = BTreeMap::new();
    for (&(space, wa), cell) in &b.shadow.cells {
        touched.insert(3 * wa + space, (space, wa, *cell));
    }
    let cpu_rows = b.rows.len();
    let boundary_rows = touched.len();
    let needed = cpu_rows
        .max(boundary_rows)
        .max(fixed_len)
        .max(1 << MIN_LOG_ROWS);
    let log_n = needed.next_power_of_two().trailing_zeros();
    if log_n > MAX_LOG_ROWS {
        return Err(TraceError::TooLarge(format!(
            "{needed} rows needed, at most 2^{MAX_LOG_ROWS}"
        )));
    }
    let n = 1usize << log_n;
    let image_base = program.rows.len();
    let image_index: HashMap<(u32, u32), usize> = program
        .image
        .iter()
        .enumerate()
        .map(|(i, w)| ((w.space, w.wa), i))
        .collect();

    let mut values = vec![F::ZERO; n * air::WIDTH];
    let mut inverse_cells: Vec<(usize, u32)> = Vec::new();
    for (i, row) in b.rows.iter().enumerate() {
        let base = i * air::WIDTH;
        for (c, &v) in row.v.iter().enumerate() {
            values[base + c] = F::new(v);
        }
        for &(c, v) in &row.inverses {
            inverse_cells.push((base + c, v));
        }
    }
    // Padding rows keep the running counters.
    let last = b.rows.len() - 1;
    for i in b.rows.len()..n {
        let base = i * air::WIDTH;
        values[base + air::ICOUNT] = F::new(b.rows[last].v[air::ICOUNT]);
        values[base + air::IN_POS] = F::new(b.in_pos);
        values[base + air::OUT_POS] = F::new(b.out_pos);
    }

    let mut prev_key: Option<u32> = None;
    for (row_index, (&key, &(space, wa, cell))) in touched.iter().enumerate() {
        let base = row_index * air::WIDTH;
        let set = |values: &mut Vec<F>, c: usize, v: u32| values[base + c] = F::new(v);
        set(&mut values, air::B_SPACE, space);
        set(&mut values, air::B_WA, wa);
        let init = match image_index.get(&(space, wa)) {
            Some(&i) => {
                set(&mut values, air::B_IMG, 1);
                b.fixed_mult[image_base + i] += 1;
                program.image[i].value
            }
            None => {
                set(&mut values, air::B_ZERO, 1);
                let j = program
                    .zero_intervals
                    .iter()
                    .position(|z| z.lo <= wa && wa < z.hi)
                    .filter(|_| space == prog::SPACE_RAM)
                    .ok_or_else(|| {
                        TraceError::Inconsistent(format!("cell {space}:{wa:#x} is not mapped"))
                    })?;
                let z = &program.zero_intervals[j];
                set(&mut values, air::B_SEL0 + j, 1);
                let e1 = wa - z.lo;
                let e2 = z.hi - 1 - wa;
                set(&mut values, air::B_E1_LO, e1 & 0xFFFF);
                set(&mut values, air::B_E1_HI, e1 >> 16);
                set(&mut values, air::B_E2_LO, e2 & 0xFFFF);
                set(&mut values, air::B_E2_HI, e2 >> 16);
                b.ranges.u16(e1 & 0xFFFF)?;
                b.ranges.u12(e1 >> 16)?;
                b.ranges.u16(e2 & 0xFFFF)?;
                b.ranges.u12(e2 >> 16)?;
                0
            }
        };
        set(&mut values, air::B_INIT_LO, init & 0xFFFF);
        set(&mut values, air::B_INIT_HI, init >> 16);
        set(&mut values, air::B_FIN_LO, cell.value & 0xFFFF);
        set(&mut values, air::B_FIN_HI, cell.value >> 16);
        set(&mut values, air::B_FIN_TS, cell.ts);
        let gap = match prev_key {
            Some(p) => key - p - 1,
            None => 0,
        };
        set(&mut values, air::B_GAP_LO, gap & 0xFFFF);
        set(&mut values, air::B_GAP_HI, gap >> 16);
        b.ranges.u16(gap & 0xFFFF)?;
        b.ranges.u14(gap >> 16)?;
        prev_key = Some(key);
    }

    // Range tables and fixed multiplicities.
    for i in 0..n {
        let base = i * air::WIDTH;
        let v16 = i.min(65535);
        let v14 = i.min(16383);
        let v12 = i.min(4095);
        values[base + air::V16] = F::new(v16 as u32);
        values[base + air::V14] = F::new(v14 as u32);
        values[base + air::V12] = F::new(v12 as u32);
        if i < 1 << 16 {
            values[base + air::M16] = F::new(b.ranges.u16[i]);
        }
        if i < 1 << 14 {
            values[base + air::M14] = F::new(b.ranges.u14[i]);
        }
        if i < 1 << 12 {
            values[base + air::M12] = F::new(b.ranges.u12[i]);
        }
        if i < fixed_len {
            values[base + air::MFIX] = F::new(b.fixed_mult[i]);
        }
    }
    // Inverses, one batch.
    let to_invert: Vec<F> = inverse_cells.iter().map(|&(_, v)| F::new(v)).collect();
    let inverted = p3_field::batch_multiplicative_inverse(&to_invert);
    for (&(cell, _), inv) in inverse_cells.iter().zip(inverted) {
        values[cell] = inv;
    }

    Ok(Rv32imWitness {
        trace: RowMajorMatrix::new(values, air::WIDTH),
        public_values,
        exit_code,
        cycles,
        output: b.output,
        input_consumed,
        cpu_rows,
        boundary_rows,
    })
}

/// Why a trace is not accepted by the AIR (see `check_trace`).
#[derive(Debug, PartialEq, Eq)]
pub enum TraceViolation {
    /// Constraint `constraint` does not vanish on the row pair (row, row + 1).
    Constraint { row: usize, constraint: usize },
    /// The LogUp bus, with the verifier's boundary messages, does not sum to zero.
    BusUnbalanced,
}

/// Checks a trace directly against the normative AIR: every constraint on
/// every row pair, and the bus balance at fixed pseudo-random challenges.
/// A debugging and testing aid (the proof system checks the same relation).
pub fn check_trace(
    program: &Program,
    trace: &RowMajorMatrix<F>,
    public_values: &[u32],
    input: &[u8],
    output: &[u8],
) -> Result<(), TraceViolation> {
    use p3_matrix::Matrix;
    use p3_maybe_rayon::prelude::*;
    use zkvm_verifier::air::{LookupChallenges, Selectors};
    use zkvm_verifier::field::extension::{self, Ext};
    use zkvm_verifier::protocol::logup;

    let n = trace.height();
    let row = |i: usize| -> Vec<Ext> {
        trace.values[i * air::WIDTH..(i + 1) * air::WIDTH]
            .iter()
            .map(|&v| extension::from_base(crate::types::to_u32(v)))
            .collect()
    };
    let one = extension::ONE;
    let zero = extension::ZERO;
    let first_bad = (0..n)
        .into_par_iter()
        .filter_map(|i| {
            let sel = Selectors {
                is_first_row: if i == 0 { one } else { zero },
                is_last_row: if i == n - 1 { one } else { zero },
                is_transition: if i == n - 1 { zero } else { one },
            };
            let values = air::eval(&row(i), &row((i + 1) % n), public_values, &sel);
            values
                .iter()
                .position(|v| !extension::is_zero(v))
                .map(|c| (i, c))
        })
        .min();
    if let Some((row, constraint)) = first_bad {
        return Err(TraceViolation::Constraint { row, constraint });
    }
    let lc = LookupChallenges {
        point: [0x1234_5678 % zkvm_verifier::field::P, 17, 4242, 9],
        beta: [3, 0x0765_4321, 1, 1000],
    };
    let table = air::fixed_table(program);
    let sum = (0..n)
        .into_par_iter()
        .map(|i| {
            let fp = match table.rows.get(i) {
                Some(r) => logup::fingerprint_base(r, &lc.beta),
                None => zero,
            };
            let mut acc = zero;
            if let Ok(fr) = air::fractions(&row(i), &[fp], &lc) {
                for f in fr {
                    acc = extension::add(
                        &acc,
                        &extension::mul(&f.numerator, &extension::inv(&f.denominator)),
                    );
                }
            }
            acc
        })
        .reduce(|| zero, |a, b| extension::add(&a, &b));
    let mut total = sum;
    let consumed = (public_values[air::PV_INPUT_CONSUMED] as usize).min(input.len());
    for (j, &b) in input[..consumed].iter().enumerate() {
        let fp = logup::fingerprint_base(&[air::TAG_INPUT, j as u32, b as u32], &lc.beta);
        total = extension::add(&total, &extension::inv(&extension::sub(&lc.point, &fp)));
    }
    for (j, &b) in output.iter().enumerate() {
        let fp = logup::fingerprint_base(&[air::TAG_OUTPUT, j as u32, b as u32], &lc.beta);
        total = extension::sub(&total, &extension::inv(&extension::sub(&lc.point, &fp)));
    }
    if extension::is_zero(&total) {
        Ok(())
    } else {
        Err(TraceViolation::BusUnbalanced)
    }
}

/// Why `prove_elf` could not produce a receipt.
#[derive(Debug)]
pub enum ProveElfError {
    /// The ELF is not one the verifier accepts (program.rs).
    Program(zkvm_verifier::VerifyError),
    Trace(TraceError),
    Prove(crate::ProveError),
}

impl std::fmt::Display for ProveElfError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ProveElfError::Program(e) => write!(f, "the ELF cannot be proven: {e}"),
            ProveElfError::Trace(e) => write!(f, "{e}"),
            ProveElfError::Prove(e) => write!(f, "proving failed: {e:?}"),
        }
    }
}

/// Figures of one `prove_elf` run.
#[derive(Clone, Debug)]
pub struct ProveReport {
    pub cycles: u64,
    pub log_rows: u32,
    pub cpu_rows: usize,
    pub boundary_rows: usize,
    /// Wall-clock seconds spent executing and building the trace.
    pub trace_seconds: f64,
    /// Wall-clock seconds spent in the STARK prover.
    pub prove_seconds: f64,
}

/// The default cycle limit of `prove_elf`: the largest trace is 2^22 rows.
pub const DEFAULT_MAX_CYCLES: u64 = 1 << MAX_LOG_ROWS;

/// The verifying key of an ELF on the RV32IM machine, version 1 (one wide
/// trace, air/rv32im_v1.rs): kept for its tests and the comparison with
/// version 2; receipts use version 2 (zkvm_verifier::receipt::verifying_key).
pub fn verifying_key(
    elf: &[u8],
) -> Result<zkvm_verifier::protocol::vk::VerifyingKey, zkvm_verifier::VerifyError> {
    let program = zkvm_verifier::receipt::program::load_program(elf)?;
    if program.zero_intervals.len() > air::MAX_ZERO_INTERVALS {
        return Err(zkvm_verifier::VerifyError::InvalidStatement);
    }
    Ok(zkvm_verifier::protocol::vk::VerifyingKey {
        air: zkvm_verifier::air::AirId::Rv32im(program),
        params: zkvm_verifier::receipt::rv32im_params(),
    })
}

/// Runs `elf` on `input` and proves the run on machine version 1: returns the receipt (claim and
/// proof, zkvm_verifier::receipt) and the run's figures.
pub fn prove_elf(
    elf: &[u8],
    input: &[u8],
    options: &crate::ProverOptions,
) -> Result<(zkvm_verifier::receipt::Receipt, ProveReport), ProveElfError> {
    let started = std::time::Instant::now();
    let vk = verifying_key(elf).map_err(ProveElfError::Program)?;
    let program = match &vk.air {
        zkvm_verifier::air::AirId::Rv32im(p) => p,
        _ => unreachable!("verifying_key builds an RV32IM version 1 key"),
    };
    let witness =
        build_trace(program, elf, input, DEFAULT_MAX_CYCLES).map_err(ProveElfError::Trace)?;
    let trace_seconds = started.elapsed().as_secs_f64();
    let (receipt, prove_seconds) = prove_claim(
        &vk,
        std::slice::from_ref(&witness.trace),
        witness.exit_code,
        witness.cycles,
        witness.input_consumed,
        input,
        witness.output,
        options,
    )?;
    let report = ProveReport {
        cycles: witness.cycles,
        log_rows: witness
            .trace
            .values
            .len()
            .div_ceil(air::WIDTH)
            .trailing_zeros(),
        cpu_rows: witness.cpu_rows,
        boundary_rows: witness.boundary_rows,
        trace_seconds,
        prove_seconds,
    };
    Ok((receipt, report))
}

/// The receipt of a run from its traces (either machine version): the
/// statement of the claim, the proof, and the seconds spent proving.
#[allow(clippy::too_many_arguments)]
pub(crate) fn prove_claim(
    vk: &zkvm_verifier::protocol::vk::VerifyingKey,
    traces: &[RowMajorMatrix<F>],
    exit_code: u32,
    cycles: u64,
    input_consumed: usize,
    input: &[u8],
    output: Vec<u8>,
    options: &crate::ProverOptions,
) -> Result<(zkvm_verifier::receipt::Receipt, f64), ProveElfError> {
    use zkvm_verifier::receipt;
    let statement = receipt::statement_of(
        vk,
        exit_code,
        cycles,
        input_consumed as u32,
        input.to_vec(),
        output.clone(),
    )
    .map_err(ProveElfError::Program)?;
    let started = std::time::Instant::now();
    let proof = crate::prove(vk, traces, &statement, options).map_err(ProveElfError::Prove)?;
    let prove_seconds = started.elapsed().as_secs_f64();
    Ok((
        receipt::Receipt {
            exit_code,
            cycles,
            input_consumed: input_consumed as u32,
            input: input.to_vec(),
            output,
            proof,
        },
        prove_seconds,
    ))
}
