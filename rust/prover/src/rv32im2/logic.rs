//! LOGIC rows (zkvm_verifier::air::rv32im::logic): one per EXEC request of
//! AND, OR, XOR (and immediate forms).

use p3_matrix::dense::RowMajorMatrix;
use zkvm_executor::StepRecord;
use zkvm_verifier::air::rv32im::bus;
use zkvm_verifier::air::rv32im::logic as col;
use zkvm_verifier::receipt::program as prog;

use super::builder::Builder;
use super::{Request, TableRows, TraceError};
use crate::types::F;

pub struct LogicTable {
    pub rows: TableRows,
}

impl Default for LogicTable {
    fn default() -> Self {
        Self::new()
    }
}

impl LogicTable {
    pub fn new() -> LogicTable {
        LogicTable {
            rows: TableRows::new(col::WIDTH),
        }
    }

    /// Whether `op` (with the immediate offset) is one of this table's.
    pub fn handles(op: u32) -> bool {
        let base = op % bus::IMM_OP_OFFSET;
        op < 2 * bus::IMM_OP_OFFSET && col::OPS.contains(&base)
    }

    /// One row for `req`; returns c = a op y.
    pub fn push(
        &mut self,
        b: &mut Builder,
        req: &Request,
        step: &StepRecord,
    ) -> Result<u32, TraceError> {
        let err = |what: &str| {
            TraceError::Inconsistent(format!(
                "LOGIC, op {} at clk {} (pc {:#x}): {what}",
                req.op, req.clk, req.pc
            ))
        };
        if !Self::handles(req.op) {
            return Err(err("not a LOGIC op"));
        }
        let use_imm = req.op >= bus::IMM_OP_OFFSET;
        let base = req.op % bus::IMM_OP_OFFSET;
        let flag = col::OPS.iter().position(|&o| o == base).unwrap();
        let a = req.a;
        let y = if use_imm { req.imm } else { req.b };
        let c = match base {
            prog::OP_XOR => a ^ y,
            prog::OP_OR => a | y,
            _ => a & y,
        };
        let row = self.rows.push();
        row[col::FLAGS[flag]] = 1;
        row[col::USE_IMM] = use_imm as u32;
        row[col::CLK] = req.clk;
        row[col::B_LO] = req.b & 0xFFFF;
        row[col::B_HI] = req.b >> 16;
        row[col::C_LO] = c & 0xFFFF;
        row[col::C_HI] = c >> 16;
        row[col::IMM_LO] = req.imm & 0xFFFF;
        row[col::IMM_HI] = req.imm >> 16;
        row[col::NEXT_PC] = req.next_pc;
        for i in 0..8 {
            let an = (a >> (4 * i)) & 15;
            let yn = (y >> (4 * i)) & 15;
            row[col::A0 + i] = an;
            row[col::Y0 + i] = yn;
            row[col::N0 + i] = an & yn;
            b.and4(an, yn)?;
        }
        if step.rs1_value != a || (!use_imm && step.rs2_value != req.b) {
            return Err(err("operands differ"));
        }
        if step.rd != 0 && step.rd_value != c {
            return Err(err("result differs"));
        }
        Ok(c)
    }

    pub fn finish(self) -> RowMajorMatrix<F> {
        self.rows.into_matrix(6)
    }
}
