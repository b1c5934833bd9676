//! SYSCALL rows (zkvm_verifier::air::rv32im::syscall), one per ECALL, and
//! IO rows (air::rv32im::io), one per memory word a read or write touches.

use p3_matrix::dense::RowMajorMatrix;
use zkvm_executor::StepRecord;
use zkvm_verifier::air::rv32im::{bus, io, syscall as col};
use zkvm_verifier::field;

use super::builder::{timestamp, Access, Builder};
use super::mem::{is_mapped, is_rom};
use super::{Request, TableRows, TraceError};
use crate::types::F;

pub struct SyscallTable {
    pub rows: TableRows,
    pub io: TableRows,
    /// The bytes written to fd 1 so far (the public output).
    pub output: Vec<u8>,
}

impl Default for SyscallTable {
    fn default() -> Self {
        Self::new()
    }
}

fn inconsistent<T>(what: String) -> Result<T, TraceError> {
    Err(TraceError::Inconsistent(what))
}

/// An integer as a field element (canonical).
fn felt(v: i64) -> u32 {
    v.rem_euclid(field::P as i64) as u32
}

fn put_gap(row: &mut [u32], prev: usize, lo: usize, hi: usize, a: &Access) {
    row[prev] = a.prev_ts;
    row[lo] = a.gap_lo;
    row[hi] = a.gap_hi;
}

impl SyscallTable {
    pub fn new() -> SyscallTable {
        SyscallTable {
            rows: TableRows::new(col::WIDTH),
            io: TableRows::new(io::WIDTH),
            output: Vec::new(),
        }
    }

    /// The rows of one ECALL: its SYSCALL row and the IO rows of the words it
    /// reads or writes. `input` is the run's whole input, `private` its
    /// private input (fd 3). Returns c (the new a0: the count read, the
    /// length written, or a0 for exit).
    pub fn push(
        &mut self,
        b: &mut Builder,
        req: &Request,
        step: &StepRecord,
        input: &[u8],
        private: &[u8],
    ) -> Result<u32, TraceError> {
        if req.op != col::OP_ECALL {
            return inconsistent(format!("op {} is not ECALL", req.op));
        }
        let clk = req.clk;
        let ts = timestamp(clk, bus::PORT_COPROCESSOR);
        let a7 = req.a;
        let a0 = req.b;
        let mut row = vec![0u32; col::WIDTH];
        row[col::CLK] = clk;
        row[col::A_LO] = a7 & 0xFFFF;
        row[col::A_HI] = a7 >> 16;
        row[col::B_LO] = a0 & 0xFFFF;
        row[col::B_HI] = a0 >> 16;
        row[col::NEXT_PC] = req.next_pc;
        let c = match a7 {
            col::SYS_EXIT | col::SYS_EXIT_GROUP => {
                if step.next_pc != step.pc {
                    return inconsistent(format!("clk {clk}: exit does not halt"));
                }
                row[col::F_EXIT] = 1;
                let cur = b.peek(bus::SPACE_IO, bus::IO_INPUT_CURSOR);
                let acc = b.access(bus::SPACE_IO, bus::IO_INPUT_CURSOR, None, ts)?;
                row[col::CUR] = cur;
                row[col::CUR_NEW] = cur;
                put_gap(&mut row, col::T_CUR, col::GC_LO, col::GC_HI, &acc);
                let out = b.peek(bus::SPACE_IO, bus::IO_OUTPUT_CURSOR);
                let acc = b.access(bus::SPACE_IO, bus::IO_OUTPUT_CURSOR, None, ts)?;
                row[col::OUT] = out;
                put_gap(&mut row, col::T_OUT, col::GO_LO, col::GO_HI, &acc);
                a0
            }
            col::SYS_READ | col::SYS_WRITE => {
                let read = a7 == col::SYS_READ;
                if read && a0 != 0 && a0 != bus::FD_PRIVATE || !read && a0 != 1 && a0 != 2 {
                    return inconsistent(format!("clk {clk}: fd {a0} for syscall {a7}"));
                }
                let fd2 = !read && a0 == 2;
                let fd3 = read && a0 == bus::FD_PRIVATE;
                let source = if fd3 { private } else { input };
                let buf = b.peek(bus::SPACE_REG, col::REG_A1);
                let acc = b.access(bus::SPACE_REG, col::REG_A1, None, ts)?;
                row[col::BUF_LO] = buf & 0xFFFF;
                row[col::BUF_HI] = buf >> 16;
                put_gap(&mut row, col::T_BUF, col::GB_LO, col::GB_HI, &acc);
                let len = b.peek(bus::SPACE_REG, col::REG_A2);
                let acc = b.access(bus::SPACE_REG, col::REG_A2, None, ts)?;
                row[col::LEN_LO] = len & 0xFFFF;
                row[col::LEN_HI] = len >> 16;
                put_gap(&mut row, col::T_LEN, col::GL_LO, col::GL_HI, &acc);
                let cell = if fd3 {
                    bus::IO_PRIVATE_CURSOR
                } else if read {
                    bus::IO_INPUT_CURSOR
                } else {
                    bus::IO_OUTPUT_CURSOR
                };
                let cur = if fd2 { 0 } else { b.peek(bus::SPACE_IO, cell) };
                let count = if read {
                    let remaining = source.len().saturating_sub(cur as usize);
                    remaining.min(len as usize) as u32
                } else {
                    len
                };
                if step.rd_value != count {
                    return inconsistent(format!(
                        "clk {clk}: syscall {a7} returns {count}, the executor {}",
                        step.rd_value
                    ));
                }
                if buf >= 1 << 30 || count >= 1 << 30 {
                    return Err(TraceError::TooLarge(format!(
                        "clk {clk}: buffer {buf:#x} of {count} bytes is not below 2^30"
                    )));
                }
                row[if read { col::F_READ } else { col::F_WRITE }] = 1;
                row[col::FD2] = fd2 as u32;
                row[col::FD3] = fd3 as u32;
                if read {
                    row[col::LIM] = source.len() as u32;
                }
                if fd3 {
                    b.private_reads += 1;
                }
                row[col::CUR] = cur;
                row[col::CUR_NEW] = cur.wrapping_add(count);
                if !fd2 {
                    let acc = b.access(bus::SPACE_IO, cell, Some(cur + count), ts)?;
                    put_gap(&mut row, col::T_CUR, col::GC_LO, col::GC_HI, &acc);
                }
                if read {
                    let d = len - count;
                    row[col::D_LO] = d & 0xFFFF;
                    row[col::D_HI] = d >> 16;
                    row[col::CARRY] = ((count & 0xFFFF) + (d & 0xFFFF)) >> 16;
                    b.u16(count & 0xFFFF)?;
                    b.u16(d & 0xFFFF)?;
                    b.u16(d >> 16)?;
                }
                b.u16(4 * (buf >> 16))?;
                b.u16(4 * (count >> 16))?;
                let kind = if fd3 {
                    bus::IO_READ_PRIVATE
                } else if read {
                    bus::IO_READ
                } else if fd2 {
                    bus::IO_WRITE2
                } else {
                    bus::IO_WRITE1
                };
                self.move_bytes(b, clk, kind, buf, cur, count, source)?;
                count
            }
            _ => return inconsistent(format!("clk {clk}: unknown syscall {a7}")),
        };
        row[col::C_LO] = c & 0xFFFF;
        row[col::C_HI] = c >> 16;
        self.rows.push().copy_from_slice(&row);
        Ok(c)
    }

    /// The IO rows of [buf, buf + count), one per word, the first byte at
    /// position `pos` (reads: of `input`, the public or private input).
    #[allow(clippy::too_many_arguments)]
    fn move_bytes(
        &mut self,
        b: &mut Builder,
        clk: u32,
        kind: u32,
        buf: u32,
        pos: u32,
        count: u32,
        input: &[u8],
    ) -> Result<(), TraceError> {
        let ts = timestamp(clk, bus::PORT_COPROCESSOR);
        let end = buf + count;
        let mut addr = buf;
        while addr < end {
            let wa = addr >> 2;
            let f = addr & 3;
            let e = 3.min(f + (end - addr) - 1);
            let rom = is_rom(b.program, wa);
            let space = if rom { bus::SPACE_ROM } else { bus::SPACE_RAM };
            let read = kind == bus::IO_READ || kind == bus::IO_READ_PRIVATE;
            if !is_mapped(b.program, space, wa) || (rom && read) {
                return inconsistent(format!(
                    "clk {clk}: buffer byte {addr:#x} is not mapped or not writable"
                ));
            }
            let old = b.peek(space, wa);
            // The position lane 0 would have.
            let base = pos as i64 + (4 * wa as i64 - buf as i64);
            let mut new = old;
            for j in f..=e {
                let p = (base + j as i64) as usize;
                if read {
                    let byte = match input.get(p) {
                        Some(&v) => v as u32,
                        None => return inconsistent(format!("input position {p}")),
                    };
                    new = (new & !(0xFF << (8 * j))) | (byte << (8 * j));
                } else if kind == bus::IO_WRITE1 {
                    self.output.push((old >> (8 * j)) as u8);
                }
            }
            let written = read.then_some(new);
            let acc = b.access(space, wa, written, ts)?;
            let row = self.io.push();
            match kind {
                bus::IO_READ => row[io::K_READ] = 1,
                bus::IO_READ_PRIVATE => row[io::K_PRIV] = 1,
                bus::IO_WRITE1 => row[io::K_WRITE1] = 1,
                _ => row[io::K_WRITE2] = 1,
            }
            row[io::CLK] = clk;
            row[io::WA] = wa;
            row[io::ROM] = rom as u32;
            row[io::BASE] = felt(base);
            if f > 0 {
                row[io::S1 + f as usize - 1] = 1;
            }
            if e > 0 {
                row[io::T1 + e as usize - 1] = 1;
            }
            for j in 0..4 {
                let u = (old >> (8 * j)) & 0xFF;
                row[io::U0 + j] = u;
                row[io::N0 + j] = (new >> (8 * j)) & 0xFF;
                b.u8(u)?;
            }
            row[io::PREV_TS] = acc.prev_ts;
            row[io::G_LO] = acc.gap_lo;
            row[io::G_HI] = acc.gap_hi;
            addr = 4 * wa + e + 1;
        }
        Ok(())
    }

    /// (SYSCALL trace, IO trace).
    pub fn finish(self) -> (RowMajorMatrix<F>, RowMajorMatrix<F>) {
        (self.rows.into_matrix(6), self.io.into_matrix(6))
    }
}
