//! DIV rows (zkvm_verifier::air::rv32im::div): one per EXEC request of DIV,
//! DIVU, REM, REMU.

use p3_matrix::dense::RowMajorMatrix;
use zkvm_executor::StepRecord;
use zkvm_verifier::air::rv32im::div as col;
use zkvm_verifier::field;
use zkvm_verifier::receipt::program as prog;

use super::builder::Builder;
use super::mul::extend;
use super::{Request, TableRows, TraceError};
use crate::types::F;

pub struct DivTable {
    pub rows: TableRows,
}

impl Default for DivTable {
    fn default() -> Self {
        Self::new()
    }
}

fn bytes(v: u32) -> [u32; 4] {
    [v & 0xFF, (v >> 8) & 0xFF, (v >> 16) & 0xFF, v >> 24]
}

/// The field element of a small signed integer.
fn signed_field(v: i64) -> u32 {
    if v >= 0 {
        v as u32
    } else {
        field::neg((-v) as u32)
    }
}

/// (L, H) of |v| read with sign bit s: L = lo (1 - 2s), H = hi (1 - 2s) + 2^16 s.
fn magnitude(v: u32, s: bool) -> (i64, i64) {
    let flip = if s { -1 } else { 1 };
    let (lo, hi) = ((v & 0xFFFF) as i64, (v >> 16) as i64);
    (lo * flip, hi * flip + if s { 1 << 16 } else { 0 })
}

impl DivTable {
    pub fn new() -> DivTable {
        DivTable {
            rows: TableRows::new(col::WIDTH),
        }
    }

    /// Whether `op` is one of this table's (they have no immediate form).
    pub fn handles(op: u32) -> bool {
        col::OPS.contains(&op)
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
                "DIV, op {} at clk {} (pc {:#x}): {what}",
                req.op, req.clk, req.pc
            ))
        };
        if !Self::handles(req.op) {
            return Err(err("not a DIV op"));
        }
        let flag = col::OPS.iter().position(|&o| o == req.op).unwrap();
        let signed = req.op == prog::OP_DIV || req.op == prog::OP_REM;
        let quotient = req.op == prog::OP_DIV || req.op == prog::OP_DIVU;
        let (a, y) = (req.a, req.b);
        let overflow = signed && a == 0x8000_0000 && y == u32::MAX;
        let (q, r) = if y == 0 {
            (u32::MAX, a)
        } else if signed {
            (
                (a as i32).wrapping_div(y as i32) as u32,
                (a as i32).wrapping_rem(y as i32) as u32,
            )
        } else {
            (a / y, a % y)
        };
        let c = if quotient { q } else { r };
        if step.rs1_value != a || step.rs2_value != y {
            return Err(err("operands differ"));
        }
        if step.rd != 0 && step.rd_value != c {
            return Err(err("result differs"));
        }
        let top = |v: u32| signed && v >> 31 == 1;
        let (sa, sy, sr) = (top(a), top(y), top(r));
        // q' = q - 2^32 sq is the exact quotient: 2^31 on overflow.
        let sq = top(q) && !overflow;

        // q'·y + r' = a in limbs: the carries.
        let qx = extend(q, sq);
        let yx = extend(y, sy);
        let conv = |k: usize| -> u64 { (0..=k).map(|i| qx[i] * yx[k - i]).sum() };
        let ext = |v: u32, s: bool| -> [u64; 4] {
            let e = if s { 0xFFFF } else { 0 };
            [(v & 0xFFFF) as u64, (v >> 16) as u64, e, e]
        };
        let (rx, ax) = (ext(r, sr), ext(a, sa));
        let mut carries = [0u32; 4];
        let mut carry = 0u64;
        for m in 0..4 {
            let lhs = conv(2 * m) + 256 * conv(2 * m + 1) + rx[m] + carry;
            if lhs < ax[m] || !(lhs - ax[m]).is_multiple_of(1 << 16) {
                return Err(err("the division identity does not hold"));
            }
            carry = (lhs - ax[m]) >> 16;
            carries[m] = carry as u32;
        }
        let carry_sum: u32 = carries.iter().sum();
        if carry_sum >= 1 << 14 {
            return Err(err("carries beyond the table's bound"));
        }

        // |r'| + 1 + d = |y| (y ≠ 0).
        let (mut d, mut beta) = (0u32, 0i64);
        if y != 0 {
            let abs = |v: u32, s: bool| -> u64 {
                if s {
                    (1u64 << 32) - v as u64
                } else {
                    v as u64
                }
            };
            let (ay, ar) = (abs(y, sy), abs(r, sr));
            if ar >= ay {
                return Err(err("the remainder is not below the divisor"));
            }
            d = (ay - ar - 1) as u32;
            let (ly, hy) = magnitude(y, sy);
            let (lr, hr) = magnitude(r, sr);
            let low = lr + 1 + (d & 0xFFFF) as i64 - ly;
            beta = low >> 16;
            if low != beta << 16
                || hr + (d >> 16) as i64 + beta != hy
                || !(-1..=254).contains(&beta)
            {
                return Err(err("the remainder bound's limbs"));
            }
        }

        let row = self.rows.push();
        row[col::FLAGS[flag]] = 1;
        row[col::CLK] = req.clk;
        row[col::IMM_LO] = req.imm & 0xFFFF;
        row[col::IMM_HI] = req.imm >> 16;
        row[col::NEXT_PC] = req.next_pc;
        row[col::A_LO] = a & 0xFFFF;
        row[col::A_HI] = a >> 16;
        row[col::SA] = sa as u32;
        let (qb, yb) = (bytes(q), bytes(y));
        row[col::Q0..col::Q0 + 4].copy_from_slice(&qb);
        row[col::Y0..col::Y0 + 4].copy_from_slice(&yb);
        row[col::SQ] = sq as u32;
        row[col::SY] = sy as u32;
        row[col::R_LO] = r & 0xFFFF;
        row[col::R_HI] = r >> 16;
        row[col::SR] = sr as u32;
        row[col::C_LO] = c & 0xFFFF;
        row[col::C_HI] = c >> 16;
        row[col::K0..col::K0 + 4].copy_from_slice(&carries);
        row[col::YZ] = (y == 0) as u32;
        if y != 0 {
            row[col::D_LO] = d & 0xFFFF;
            row[col::D_HI] = d >> 16;
            row[col::BETA] = signed_field(beta);
        }

        // Lookups, in the order of the table's fractions.
        if signed {
            b.u16(2 * ((a >> 16) - (sa as u32) * (1 << 15)))?;
        }
        for &v in &qb {
            b.u8(v)?;
        }
        for &v in &yb[..3] {
            b.u8(v)?;
        }
        b.u8(yb[3] + 128 * signed as u32 - 256 * sy as u32)?;
        b.word(r)?;
        for &k in &carries {
            b.u16(k)?;
        }
        b.u16(4 * carry_sum)?;
        if y != 0 {
            b.word(d)?;
            b.u8((beta + 1) as u32)?;
        }
        Ok(c)
    }

    pub fn finish(self) -> RowMajorMatrix<F> {
        self.rows.into_matrix(6)
    }
}
