//! MEM rows (zkvm_verifier::air::rv32im::mem): one per load or store.

use p3_matrix::dense::RowMajorMatrix;
use zkvm_executor::StepRecord;
use zkvm_verifier::air::rv32im::{bus, mem as col};
use zkvm_verifier::receipt::program::Program;

use super::builder::{timestamp, Builder};
use super::{Request, TableRows, TraceError};
use crate::types::F;

pub struct MemTable {
    pub rows: TableRows,
}

impl Default for MemTable {
    fn default() -> Self {
        Self::new()
    }
}

fn inconsistent<T>(what: String) -> Result<T, TraceError> {
    Err(TraceError::Inconsistent(what))
}

/// Whether the word `wa` is a ROM word of the program (else RAM).
pub(crate) fn is_rom(program: &Program, wa: u32) -> bool {
    program
        .image
        .binary_search_by_key(&(bus::SPACE_ROM, wa), |w| (w.space, w.wa))
        .is_ok()
}

/// Whether (space, wa) has a boundary cell: an image word or a RAM word of a
/// zero interval.
pub(crate) fn is_mapped(program: &Program, space: u32, wa: u32) -> bool {
    let image = program
        .image
        .binary_search_by_key(&(space, wa), |w| (w.space, w.wa))
        .is_ok();
    image
        || (space == bus::SPACE_RAM
            && program
                .zero_intervals
                .iter()
                .any(|z| z.lo <= wa && wa < z.hi))
}

impl MemTable {
    pub fn new() -> MemTable {
        MemTable {
            rows: TableRows::new(col::WIDTH),
        }
    }

    /// The row of one load or store: its address, its access at port 3 and
    /// its lanes. Returns c: the loaded value (extended), 0 for stores.
    pub fn push(
        &mut self,
        b: &mut Builder,
        req: &Request,
        step: &StepRecord,
    ) -> Result<u32, TraceError> {
        let kind = match col::OPS.iter().position(|&op| op == req.op) {
            Some(k) => k,
            None => return inconsistent(format!("op {} is not a load or store", req.op)),
        };
        let op = req.op;
        let store = op >= col::OP_SB;
        let width: u32 = match op {
            col::OP_LB | col::OP_LBU | col::OP_SB => 1,
            col::OP_LH | col::OP_LHU | col::OP_SH => 2,
            _ => 4,
        };
        let addr = req.a.wrapping_add(req.imm);
        let access = match step.memory {
            Some(m) => m,
            None => return inconsistent(format!("clk {}: no memory access recorded", req.clk)),
        };
        if access.addr != addr || u32::from(access.width) != width || access.is_write != store {
            return inconsistent(format!(
                "clk {}: access {access:?}, replay addr {addr:#x} width {width} store {store}",
                req.clk
            ));
        }
        let lane = addr & 3;
        if !lane.is_multiple_of(width) {
            return inconsistent(format!("clk {}: misaligned address {addr:#x}", req.clk));
        }
        let wa = addr >> 2;
        let rom = is_rom(b.program, wa);
        let space = if rom { bus::SPACE_ROM } else { bus::SPACE_RAM };
        if store && rom {
            return inconsistent(format!("clk {}: store to ROM {addr:#x}", req.clk));
        }
        if !is_mapped(b.program, space, wa) {
            return inconsistent(format!("clk {}: unmapped address {addr:#x}", req.clk));
        }
        let old = b.peek(space, wa);
        let shift = 8 * lane;
        let mask: u32 = match width {
            1 => 0xFF,
            2 => 0xFFFF,
            _ => 0xFFFF_FFFF,
        };
        // The raw lanes read or written, zero-extended.
        let raw = if store {
            req.b & mask
        } else {
            (old >> shift) & mask
        };
        if raw != access.value {
            return inconsistent(format!(
                "clk {}: replay moves {raw:#x}, the executor {:#x}",
                req.clk, access.value
            ));
        }
        let new = if store {
            (old & !(mask << shift)) | (raw << shift)
        } else {
            old
        };
        let c = match op {
            col::OP_LB => raw as u8 as i8 as i32 as u32,
            col::OP_LH => raw as u16 as i16 as i32 as u32,
            col::OP_LW | col::OP_LBU | col::OP_LHU => raw,
            _ => 0,
        };
        if !store && step.rd != 0 && step.rd_value != c {
            return inconsistent(format!(
                "clk {}: load gives {c:#x}, the executor {:#x}",
                req.clk, step.rd_value
            ));
        }
        let ts = timestamp(req.clk, bus::PORT_COPROCESSOR);
        let acc = b.access(space, wa, store.then_some(new), ts)?;
        if acc.old != old {
            return inconsistent(format!("clk {}: shadow memory changed", req.clk));
        }

        // Lookups, in the order of the table's fractions after the access's gap.
        let q = (addr & 0xFFFF) >> 2;
        let addr_hi = addr >> 16;
        b.u16(q)?;
        b.u16(addr & 0xFFFF)?;
        b.u16(addr_hi)?;
        let sub_word = width < 4;
        let half = if lane >= 2 { old >> 16 } else { old & 0xFFFF };
        let (x0, x1) = (half & 0xFF, half >> 8);
        if sub_word {
            b.u8(x0)?;
            b.u8(x1)?;
        }
        // v: the addressed byte (LB, LBU), the half's high byte (LH), b's low
        // byte (SB); s its top bit.
        let v = match op {
            col::OP_LB | col::OP_LBU => (old >> shift) & 0xFF,
            col::OP_LH => x1,
            col::OP_SB => req.b & 0xFF,
            _ => 0,
        };
        let s = match op {
            col::OP_LB | col::OP_LH | col::OP_SB => v >> 7,
            _ => 0,
        };
        if matches!(op, col::OP_LB | col::OP_LH | col::OP_SB) {
            b.u8(2 * v - 256 * s)?;
        }
        let y1 = if op == col::OP_SB {
            (req.b >> 8) & 0xFF
        } else {
            0
        };
        if op == col::OP_SB {
            b.u8(y1)?;
        }

        let row = self.rows.push();
        row[col::FLAGS[kind]] = 1;
        row[col::CLK] = req.clk;
        row[col::A_LO] = req.a & 0xFFFF;
        row[col::A_HI] = req.a >> 16;
        row[col::B_LO] = req.b & 0xFFFF;
        row[col::B_HI] = req.b >> 16;
        row[col::C_LO] = c & 0xFFFF;
        row[col::C_HI] = c >> 16;
        row[col::IMM_LO] = req.imm & 0xFFFF;
        row[col::IMM_HI] = req.imm >> 16;
        row[col::NEXT_PC] = req.next_pc;
        row[col::Q] = q;
        row[col::ADDR_HI] = addr_hi;
        row[col::CARRY] = ((req.a & 0xFFFF) + (req.imm & 0xFFFF)) >> 16;
        match lane {
            1 => row[col::L1] = 1,
            2 => row[col::L2] = 1,
            3 => row[col::L3] = 1,
            _ => {}
        }
        row[col::ROM] = rom as u32;
        row[col::OLD_LO] = old & 0xFFFF;
        row[col::OLD_HI] = old >> 16;
        row[col::NEW_LO] = new & 0xFFFF;
        row[col::NEW_HI] = new >> 16;
        row[col::PREV_TS] = acc.prev_ts;
        row[col::G_LO] = acc.gap_lo;
        row[col::G_HI] = acc.gap_hi;
        if sub_word {
            row[col::X0] = x0;
            row[col::X1] = x1;
        }
        row[col::V] = v;
        row[col::S] = s;
        row[col::Y1] = y1;
        Ok(c)
    }

    pub fn finish(self) -> RowMajorMatrix<F> {
        self.rows.into_matrix(6)
    }
}
