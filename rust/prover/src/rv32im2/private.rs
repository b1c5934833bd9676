//! PRIVATE rows (zkvm_verifier::air::rv32im::private): in the last segment,
//! one real row per private input byte the run read (PRIV(j, byte)), then
//! the end row, which closes the private cursor (IO, 2) and checks the
//! private input's length against it; other segments have padding only.

use p3_matrix::dense::RowMajorMatrix;
use zkvm_verifier::air::rv32im::bus;
use zkvm_verifier::air::rv32im::private as col;

use super::builder::Builder;
use super::{TableRows, TraceError};
use crate::types::F;

/// The rows of a segment that is not the last: all zero.
pub fn empty(min_log_height: u32) -> RowMajorMatrix<F> {
    TableRows::new(col::WIDTH).into_matrix(min_log_height)
}

/// The last segment's PRIVATE table: the bytes 0 .. n - 1 of `private`, n
/// the private cursor's final value, and the end row (after the whole run
/// has been replayed through the Builder).
pub fn build(
    b: &mut Builder,
    private: &[u8],
    min_log_height: u32,
) -> Result<RowMajorMatrix<F>, TraceError> {
    if private.len() >= col::MAX_PRIVATE_LEN as usize {
        return Err(TraceError::TooLarge(format!(
            "a private input of {} bytes (at most 2^24 - 1)",
            private.len()
        )));
    }
    let cell = b
        .touched_cells()
        .into_iter()
        .find(|c| c.space == bus::SPACE_IO && c.addr == bus::IO_PRIVATE_CURSOR);
    let (n, t_end) = cell.map_or((0, 0), |c| (c.last as usize, c.last_ts));
    if n > private.len() {
        return Err(TraceError::Inconsistent(format!(
            "private cursor {n} past the private input ({} bytes)",
            private.len()
        )));
    }
    if n >= 1 << col::MAX_LOG_HEIGHT {
        return Err(TraceError::TooLarge(format!(
            "{n} private input bytes read (fewer than 2^{} in a proof)",
            col::MAX_LOG_HEIGHT
        )));
    }
    let plen = private.len() as u32;
    let mut rows = TableRows::new(col::WIDTH);
    for (j, &byte) in private[..n].iter().enumerate() {
        let row = rows.push();
        row[col::REAL] = 1;
        row[col::J] = j as u32;
        row[col::BYTE] = byte as u32;
        b.u8(byte as u32)?;
    }
    let rest = plen - n as u32;
    let end = rows.push();
    end[col::J] = n as u32;
    end[col::END] = 1;
    end[col::T_END] = t_end;
    end[col::R_LO] = rest & 0xFFFF;
    end[col::R_HI] = rest >> 16;
    b.u16(rest & 0xFFFF)?;
    b.u8(rest >> 16)?;
    // Padding after the end row: j stays, plen is constant.
    let real_rows = rows.len();
    // The height into_matrix will give (it pads with zero rows, which here
    // must carry j and plen instead).
    let min_log_height = min_log_height.max(super::min_log_rows());
    let height = real_rows.max(1 << min_log_height).next_power_of_two();
    for _ in real_rows..height {
        rows.push()[col::J] = n as u32;
    }
    let mut matrix = rows;
    for r in 0..height {
        matrix.values[r * col::WIDTH + col::PLEN] = plen;
    }
    matrix.values[col::MLEN] = b.private_reads;
    Ok(matrix.into_matrix(min_log_height))
}
