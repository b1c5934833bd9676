//! MUL rows (zkvm_verifier::air::rv32im::mul): one per EXEC request of MUL,
//! MULH, MULHSU, MULHU, SLL, SRL, SRA (and SLLI, SRLI, SRAI).

use p3_matrix::dense::RowMajorMatrix;
use zkvm_executor::StepRecord;
use zkvm_verifier::air::rv32im::bus;
use zkvm_verifier::air::rv32im::mul as col;
use zkvm_verifier::receipt::program as prog;

use super::builder::Builder;
use super::{Request, TableRows, TraceError};
use crate::types::F;

pub struct MulTable {
    pub rows: TableRows,
}

impl Default for MulTable {
    fn default() -> Self {
        Self::new()
    }
}

fn bytes(v: u32) -> [u32; 4] {
    [v & 0xFF, (v >> 8) & 0xFF, (v >> 16) & 0xFF, v >> 24]
}

/// The 64-bit product of two factors given as eight bytes each, by the
/// table's limb equations: the four 16-bit limbs of P and the four carries.
pub fn limb_product(x: &[u64; 8], y: &[u64; 8]) -> ([u32; 4], [u32; 4]) {
    let conv = |k: usize| -> u64 { (0..=k).map(|i| x[i] * y[k - i]).sum() };
    let mut carry = 0u64;
    let mut limbs = [0u32; 4];
    let mut carries = [0u32; 4];
    for m in 0..4 {
        let lhs = conv(2 * m) + 256 * conv(2 * m + 1) + carry;
        limbs[m] = (lhs & 0xFFFF) as u32;
        carry = lhs >> 16;
        carries[m] = carry as u32;
    }
    (limbs, carries)
}

/// The eight bytes of a factor: its four, then 255 each if `extend`.
pub fn extend(v: u32, extend: bool) -> [u64; 8] {
    let b = bytes(v);
    let e = if extend { 255 } else { 0 };
    [
        b[0] as u64,
        b[1] as u64,
        b[2] as u64,
        b[3] as u64,
        e,
        e,
        e,
        e,
    ]
}

/// The shift factor of POW2 (fixed::push_pow2_rows): kind 0 -> 2^s, kind 1
/// -> 2^(32 - s), 1 for s = 0.
fn pow2_factor(right: bool, s: u32) -> u32 {
    if !right {
        1 << s
    } else if s == 0 {
        1
    } else {
        (1u64 << (32 - s)) as u32
    }
}

/// What the RV32IM op computes (executor semantics).
fn reference(base: u32, a: u32, y: u32) -> u32 {
    let s = y & 31;
    match base {
        prog::OP_MUL => a.wrapping_mul(y),
        prog::OP_MULH => ((i64::from(a as i32) * i64::from(y as i32)) >> 32) as u32,
        prog::OP_MULHSU => ((i64::from(a as i32) * i64::from(y)) >> 32) as u32,
        prog::OP_MULHU => ((u64::from(a) * u64::from(y)) >> 32) as u32,
        prog::OP_SLL => a << s,
        prog::OP_SRL => a >> s,
        _ => ((a as i32) >> s) as u32,
    }
}

impl MulTable {
    pub fn new() -> MulTable {
        MulTable {
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
        if op >= 2 * bus::IMM_OP_OFFSET || !col::OPS.contains(&base) {
            return false;
        }
        !imm || base == prog::OP_SLL || base == prog::OP_SRL || base == prog::OP_SRA
    }

    /// One row for `req`; returns c, the RV32IM result.
    pub fn push(
        &mut self,
        b: &mut Builder,
        req: &Request,
        step: &StepRecord,
    ) -> Result<u32, TraceError> {
        let err = |what: &str| {
            TraceError::Inconsistent(format!(
                "MUL, op {} at clk {} (pc {:#x}): {what}",
                req.op, req.clk, req.pc
            ))
        };
        if !Self::handles(req.op) {
            return Err(err("not a MUL op"));
        }
        let use_imm = req.op >= bus::IMM_OP_OFFSET;
        let base = req.op % bus::IMM_OP_OFFSET;
        let flag = col::OPS.iter().position(|&o| o == base).unwrap();
        let a = req.a;
        let y = if use_imm { req.imm } else { req.b };
        let shift = matches!(base, prog::OP_SLL | prog::OP_SRL | prog::OP_SRA);
        let right = base == prog::OP_SRL || base == prog::OP_SRA;
        let a_signed = matches!(base, prog::OP_MULH | prog::OP_MULHSU | prog::OP_SRA);
        let sa = a_signed && a >> 31 == 1;
        let s = y & 31;
        let (second, sb) = if shift {
            (pow2_factor(right, s), false)
        } else {
            (y, base == prog::OP_MULH && y >> 31 == 1)
        };
        let (limbs, carries) = limb_product(&extend(a, sa), &extend(second, sb));
        let takes_high =
            matches!(base, prog::OP_MULH | prog::OP_MULHSU | prog::OP_MULHU) || (right && s != 0);
        let (low, high) = (limbs[0] | limbs[1] << 16, limbs[2] | limbs[3] << 16);
        let (c, x) = if takes_high { (high, low) } else { (low, high) };
        if c != reference(base, a, y) {
            return Err(err("the product differs from the op's result"));
        }
        if step.rs1_value != a || (!use_imm && step.rs2_value != req.b) {
            return Err(err("operands differ"));
        }
        if step.rd != 0 && step.rd_value != c {
            return Err(err("result differs"));
        }
        if carries.iter().sum::<u32>() >= 1 << 14 {
            return Err(err("carries beyond the table's bound"));
        }

        let row = self.rows.push();
        row[col::FLAGS[flag]] = 1;
        row[col::USE_IMM] = use_imm as u32;
        row[col::CLK] = req.clk;
        row[col::B_LO] = req.b & 0xFFFF;
        row[col::B_HI] = req.b >> 16;
        row[col::IMM_LO] = req.imm & 0xFFFF;
        row[col::IMM_HI] = req.imm >> 16;
        row[col::NEXT_PC] = req.next_pc;
        let ab = bytes(a);
        let mb = bytes(second);
        row[col::A0..col::A0 + 4].copy_from_slice(&ab);
        row[col::M0..col::M0 + 4].copy_from_slice(&mb);
        row[col::SA] = sa as u32;
        row[col::SB] = sb as u32;
        row[col::C_LO] = c & 0xFFFF;
        row[col::C_HI] = c >> 16;
        row[col::X_LO] = x & 0xFFFF;
        row[col::X_HI] = x >> 16;
        row[col::K0..col::K0 + 4].copy_from_slice(&carries);
        if shift {
            row[col::S] = s;
            row[col::T] = (y & 0xFFFF) >> 5;
            row[col::NZ] = (s != 0) as u32;
        }

        // Lookups, in the order of the table's fractions.
        for &v in &ab[..3] {
            b.u8(v)?;
        }
        b.u8(ab[3] + 128 * a_signed as u32 - 256 * sa as u32)?;
        if !shift {
            for &v in &mb[..3] {
                b.u8(v)?;
            }
            let mulh = base == prog::OP_MULH;
            b.u8(mb[3] + 128 * mulh as u32 - 256 * sb as u32)?;
        } else {
            b.pow2(right as u32, s)?;
        }
        b.word(c)?;
        b.word(x)?;
        for &k in &carries {
            b.u16(k)?;
        }
        b.u16(4 * carries.iter().sum::<u32>())?;
        if shift {
            b.u16((y & 0xFFFF) >> 5)?;
        }
        Ok(c)
    }

    pub fn finish(self) -> RowMajorMatrix<F> {
        self.rows.into_matrix(6)
    }
}
