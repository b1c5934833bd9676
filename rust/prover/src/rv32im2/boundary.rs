//! BOUNDARY rows (zkvm_verifier::air::rv32im::boundary): one per memory cell
//! the run touched, in increasing key order, after the whole run has been
//! replayed through the Builder.

use p3_matrix::dense::RowMajorMatrix;
use zkvm_verifier::air::rv32im::boundary as col;
use zkvm_verifier::air::rv32im::bus;

use super::builder::{Builder, TouchedCell};
use super::{TableRows, TraceError};
use crate::types::F;

/// 2^28 space + addr.
pub fn key(cell: &TouchedCell) -> u64 {
    col::KEY_SPACE_WEIGHT as u64 * cell.space as u64 + cell.addr as u64
}

/// The boundary rows of every cell the Builder saw accessed, with their
/// lookups (IMG for image cells, U16 for key gaps and interval offsets).
pub fn build(b: &mut Builder) -> Result<RowMajorMatrix<F>, TraceError> {
    let cells = b.touched_cells();
    let mut rows = TableRows::new(col::WIDTH);
    let mut prev_key: Option<u64> = None;
    for cell in &cells {
        // The input and output cursors (space IO) are opened and closed by
        // the statement (statement::boundary_messages), not here.
        if cell.space == bus::SPACE_IO {
            continue;
        }
        let err = |what: &str| {
            TraceError::Inconsistent(format!(
                "boundary cell ({}, {:#x}): {what}",
                cell.space, cell.addr
            ))
        };
        if cell.space > bus::SPACE_ROM || cell.addr >= col::KEY_SPACE_WEIGHT {
            return Err(err("not a cell of the machine"));
        }
        let k = key(cell);
        let gap = match prev_key {
            Some(p) if k <= p => return Err(err("keys not increasing")),
            Some(p) => k - p - 1,
            None => 0,
        };
        prev_key = Some(k);
        let g_lo = (gap % col::GAP_HI_WEIGHT as u64) as u32;
        let g_hi = (gap / col::GAP_HI_WEIGHT as u64) as u32;
        b.u16(g_lo)?;
        b.u16(g_hi)?;
        let row = rows.push();
        row[col::SPACE] = cell.space;
        row[col::ADDR] = cell.addr;
        row[col::INIT_LO] = cell.initial & 0xFFFF;
        row[col::INIT_HI] = cell.initial >> 16;
        row[col::FIN_LO] = cell.last & 0xFFFF;
        row[col::FIN_HI] = cell.last >> 16;
        row[col::FIN_TS] = cell.last_ts;
        row[col::G_LO] = g_lo;
        row[col::G_HI] = g_hi;
        if cell.in_image {
            row[col::B_IMG] = 1;
            b.img(cell.space, cell.addr)?;
            continue;
        }
        let interval = b
            .program
            .zero_intervals
            .iter()
            .take(col::MAX_ZERO_INTERVALS)
            .position(|z| z.lo <= cell.addr && cell.addr < z.hi);
        let j = match interval {
            Some(j) if cell.space == bus::SPACE_RAM && cell.initial == 0 => j,
            _ => return Err(err("neither an image word nor in a zero interval")),
        };
        let z = &b.program.zero_intervals[j];
        let e1 = cell.addr - z.lo;
        let e2 = z.hi - 1 - cell.addr;
        let w = col::OFFSET_HI_WEIGHT;
        row[col::B_ZERO] = 1;
        row[col::SEL0 + j] = 1;
        row[col::E1_LO] = e1 % w;
        row[col::E1_HI] = e1 / w;
        row[col::E2_LO] = e2 % w;
        row[col::E2_HI] = e2 / w;
        for v in [e1 % w, e1 / w, e2 % w, e2 / w] {
            b.u16(v)?;
        }
    }
    Ok(rows.into_matrix(6))
}
