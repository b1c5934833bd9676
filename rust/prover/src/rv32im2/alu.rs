//! ALU rows (zkvm_verifier::air::rv32im::alu): one per EXEC request of ADD,
//! SUB, SLT, SLTU (and immediate forms), the branches and JALR.

use p3_matrix::dense::RowMajorMatrix;
use zkvm_executor::StepRecord;
use zkvm_verifier::air::rv32im::alu as col;
use zkvm_verifier::air::rv32im::bus;
use zkvm_verifier::field;
use zkvm_verifier::receipt::program as prog;

use super::builder::Builder;
use super::{Request, TableRows, TraceError};
use crate::types::F;

pub struct AluTable {
    pub rows: TableRows,
}

impl Default for AluTable {
    fn default() -> Self {
        Self::new()
    }
}

fn lo(v: u32) -> u32 {
    v & 0xFFFF
}

fn hi(v: u32) -> u32 {
    v >> 16
}

fn inconsistent(req: &Request, what: &str) -> TraceError {
    TraceError::Inconsistent(format!(
        "ALU, op {} at clk {} (pc {:#x}): {what}",
        req.op, req.clk, req.pc
    ))
}

impl AluTable {
    pub fn new() -> AluTable {
        AluTable {
            rows: TableRows::new(col::WIDTH),
        }
    }

    /// Whether `op` (with the immediate offset) is one of this table's.
    pub fn handles(op: u32) -> bool {
        let (base, imm) = if op >= bus::IMM_OP_OFFSET {
            (op - bus::IMM_OP_OFFSET, true)
        } else {
            (op, false)
        };
        match col::OPS.iter().position(|&o| o == base) {
            Some(_) if imm => base == prog::OP_ADD || base == prog::OP_SLT || base == prog::OP_SLTU,
            Some(_) => true,
            None => false,
        }
    }

    /// One row for `req`; returns c (the result, 1/0 for a branch taken, and
    /// pc + 4 for JALR, whose rd value is the program's constant). For JALR
    /// the row's next pc is computed here and must equal the request's.
    pub fn push(
        &mut self,
        b: &mut Builder,
        req: &Request,
        step: &StepRecord,
    ) -> Result<u32, TraceError> {
        if !Self::handles(req.op) {
            return Err(inconsistent(req, "not an ALU op"));
        }
        let use_imm = req.op >= bus::IMM_OP_OFFSET;
        let base = if use_imm {
            req.op - bus::IMM_OP_OFFSET
        } else {
            req.op
        };
        let flag = col::OPS.iter().position(|&o| o == base).unwrap();
        let jalr = base == prog::OP_JALR;
        let y = if use_imm || jalr { req.imm } else { req.b };
        let a = req.a;
        let signed = base == prog::OP_SLT || base == prog::OP_BLT || base == prog::OP_BGE;
        let adds = base == prog::OP_ADD || jalr;

        let row = self.rows.push();
        row[col::FLAGS[flag]] = 1;
        row[col::USE_IMM] = use_imm as u32;
        row[col::CLK] = req.clk;
        row[col::A_LO] = lo(a);
        row[col::A_HI] = hi(a);
        row[col::B_LO] = lo(req.b);
        row[col::B_HI] = hi(req.b);
        row[col::IMM_LO] = lo(req.imm);
        row[col::IMM_HI] = hi(req.imm);
        row[col::NEXT_PC] = req.next_pc;

        // The adder: r = a + y (carries) or a - y (borrows).
        let r = if adds {
            a.wrapping_add(y)
        } else {
            a.wrapping_sub(y)
        };
        let (k1, k2) = if adds {
            ((lo(a) + lo(y)) >> 16, ((a as u64 + y as u64) >> 32) as u32)
        } else {
            ((lo(a) < lo(y)) as u32, (a < y) as u32)
        };
        row[col::K1] = k1;
        row[col::K2] = k2;
        let (l, h) = if jalr {
            if hi(r) >= 1 << 14 {
                return Err(inconsistent(req, "JALR target at or above 2^30"));
            }
            row[col::SA] = r & 1;
            (lo(r) >> 1, 4 * hi(r))
        } else {
            (lo(r), hi(r))
        };
        row[col::L] = l;
        row[col::H] = h;
        b.u16(l)?;
        b.u16(h)?;
        if signed {
            row[col::SA] = a >> 31;
            row[col::SY] = y >> 31;
            b.u16(2 * (hi(a) & 0x7FFF))?;
            b.u16(2 * (hi(y) & 0x7FFF))?;
        }

        let lt_u = a < y;
        let lt_s = (a as i32) < (y as i32);
        let c = match base {
            prog::OP_ADD | prog::OP_SUB => r,
            prog::OP_SLT => lt_s as u32,
            prog::OP_SLTU => lt_u as u32,
            prog::OP_BEQ => (a == y) as u32,
            prog::OP_BNE => (a != y) as u32,
            prog::OP_BLT => lt_s as u32,
            prog::OP_BGE => !lt_s as u32,
            prog::OP_BLTU => lt_u as u32,
            prog::OP_BGEU => !lt_u as u32,
            _ => req.pc.wrapping_add(4),
        };
        if base == prog::OP_BEQ || base == prog::OP_BNE {
            let z = l + h;
            row[col::INV] = if z == 0 { 0 } else { field::inv(z) };
        }
        row[col::C_LO] = lo(c);
        row[col::C_HI] = hi(c);

        // Against the executor's record.
        let is_branch = (prog::OP_BEQ..=prog::OP_BGEU).contains(&base);
        if is_branch {
            let target = req.pc.wrapping_add(req.imm);
            let fallthrough = req.pc.wrapping_add(4);
            let expected = if c == 1 { target } else { fallthrough };
            if step.next_pc != expected || req.next_pc != expected {
                return Err(inconsistent(req, "branch outcome differs"));
            }
        } else if jalr {
            let target = r & !1;
            if step.next_pc != target || req.next_pc != target {
                return Err(inconsistent(req, "JALR target differs"));
            }
        }
        if !is_branch && step.rd != 0 && step.rd_value != c {
            return Err(inconsistent(req, "result differs"));
        }
        if step.rs1_value != a || (!use_imm && !jalr && step.rs2_value != req.b) {
            return Err(inconsistent(req, "operands differ"));
        }
        Ok(c)
    }

    pub fn finish(self) -> RowMajorMatrix<F> {
        self.rows.into_matrix(6)
    }
}
