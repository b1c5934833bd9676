//! Little-endian byte reading and writing for the proof format.
//!
//! Readers take the whole byte slice and a position and return the value
//! with the new position, or a typed error; they never read out of bounds.

use crate::commit::hash::Digest;
use crate::error::VerifyError;
use crate::field;
use crate::field::extension::{self, Ext};

pub fn read_u32(bytes: &[u8], pos: usize) -> Result<(u32, usize), VerifyError> {
    let end = match pos.checked_add(4) {
        Some(e) => e,
        None => return Err(VerifyError::ArithmeticOverflow),
    };
    if end > bytes.len() {
        return Err(VerifyError::TruncatedProof);
    }
    let value = u32::from_le_bytes([bytes[pos], bytes[pos + 1], bytes[pos + 2], bytes[pos + 3]]);
    Ok((value, end))
}

pub fn read_u64(bytes: &[u8], pos: usize) -> Result<(u64, usize), VerifyError> {
    let (low, pos1) = match read_u32(bytes, pos) {
        Ok(r) => r,
        Err(e) => return Err(e),
    };
    let (high, pos2) = match read_u32(bytes, pos1) {
        Ok(r) => r,
        Err(e) => return Err(e),
    };
    Ok((((high as u64) << 32) | (low as u64), pos2))
}

pub fn read_digest(bytes: &[u8], pos: usize) -> Result<(Digest, usize), VerifyError> {
    let end = match pos.checked_add(32) {
        Some(e) => e,
        None => return Err(VerifyError::ArithmeticOverflow),
    };
    if end > bytes.len() {
        return Err(VerifyError::TruncatedProof);
    }
    let mut digest: Digest = [0u8; 32];
    let mut i = 0;
    while i < 32 {
        digest[i] = bytes[pos + i];
        i += 1;
    }
    Ok((digest, end))
}

/// A base-field element: LE32, must be canonical (< p).
pub fn read_field(bytes: &[u8], pos: usize) -> Result<(u32, usize), VerifyError> {
    let (value, end) = match read_u32(bytes, pos) {
        Ok(r) => r,
        Err(e) => return Err(e),
    };
    if !field::is_canonical(value) {
        return Err(VerifyError::NonCanonicalFieldElement);
    }
    Ok((value, end))
}

/// An extension element: four canonical coefficients.
pub fn read_ext(bytes: &[u8], pos: usize) -> Result<(Ext, usize), VerifyError> {
    let mut value: Ext = extension::ZERO;
    let mut cursor = pos;
    let mut i = 0;
    while i < 4 {
        match read_field(bytes, cursor) {
            Ok((c, next)) => {
                value[i] = c;
                cursor = next;
            }
            Err(e) => return Err(e),
        }
        i += 1;
    }
    Ok((value, cursor))
}

/// A length prefix (LE32) for a vector whose elements take at least
/// `min_element_size` bytes each; rejects lengths the remaining bytes cannot hold,
/// so a forged length never causes a large allocation.
pub fn read_len(
    bytes: &[u8],
    pos: usize,
    min_element_size: usize,
) -> Result<(usize, usize), VerifyError> {
    let (len, end) = match read_u32(bytes, pos) {
        Ok(r) => r,
        Err(e) => return Err(e),
    };
    let needed = match (len as usize).checked_mul(min_element_size) {
        Some(n) => n,
        None => return Err(VerifyError::LengthTooLarge),
    };
    if needed > bytes.len() - end {
        return Err(VerifyError::LengthTooLarge);
    }
    Ok((len as usize, end))
}

pub fn read_field_vec(bytes: &[u8], pos: usize) -> Result<(Vec<u32>, usize), VerifyError> {
    let (len, mut cursor) = match read_len(bytes, pos, 4) {
        Ok(r) => r,
        Err(e) => return Err(e),
    };
    let mut values: Vec<u32> = Vec::with_capacity(len);
    let mut i = 0;
    while i < len {
        match read_field(bytes, cursor) {
            Ok((v, next)) => {
                values.push(v);
                cursor = next;
            }
            Err(e) => return Err(e),
        }
        i += 1;
    }
    Ok((values, cursor))
}

pub fn read_ext_vec(bytes: &[u8], pos: usize) -> Result<(Vec<Ext>, usize), VerifyError> {
    let (len, mut cursor) = match read_len(bytes, pos, 16) {
        Ok(r) => r,
        Err(e) => return Err(e),
    };
    let mut values: Vec<Ext> = Vec::with_capacity(len);
    let mut i = 0;
    while i < len {
        match read_ext(bytes, cursor) {
            Ok((v, next)) => {
                values.push(v);
                cursor = next;
            }
            Err(e) => return Err(e),
        }
        i += 1;
    }
    Ok((values, cursor))
}

pub fn read_digest_vec(bytes: &[u8], pos: usize) -> Result<(Vec<Digest>, usize), VerifyError> {
    let (len, mut cursor) = match read_len(bytes, pos, 32) {
        Ok(r) => r,
        Err(e) => return Err(e),
    };
    let mut values: Vec<Digest> = Vec::with_capacity(len);
    let mut i = 0;
    while i < len {
        match read_digest(bytes, cursor) {
            Ok((v, next)) => {
                values.push(v);
                cursor = next;
            }
            Err(e) => return Err(e),
        }
        i += 1;
    }
    Ok((values, cursor))
}

pub fn write_u32(out: &mut Vec<u8>, value: u32) {
    let le = value.to_le_bytes();
    out.push(le[0]);
    out.push(le[1]);
    out.push(le[2]);
    out.push(le[3]);
}

pub fn write_u64(out: &mut Vec<u8>, value: u64) {
    write_u32(out, value as u32);
    write_u32(out, (value >> 32) as u32);
}

pub fn write_digest(out: &mut Vec<u8>, digest: &Digest) {
    let mut i = 0;
    while i < 32 {
        out.push(digest[i]);
        i += 1;
    }
}

pub fn write_ext(out: &mut Vec<u8>, value: &Ext) {
    write_u32(out, value[0]);
    write_u32(out, value[1]);
    write_u32(out, value[2]);
    write_u32(out, value[3]);
}

/// Lengths are written as LE32; every vector in a proof is far shorter than 2^32.
pub fn write_len(out: &mut Vec<u8>, len: usize) {
    write_u32(out, len as u32);
}

pub fn write_field_vec(out: &mut Vec<u8>, values: &[u32]) {
    write_len(out, values.len());
    let mut i = 0;
    while i < values.len() {
        write_u32(out, values[i]);
        i += 1;
    }
}

pub fn write_ext_vec(out: &mut Vec<u8>, values: &[Ext]) {
    write_len(out, values.len());
    let mut i = 0;
    while i < values.len() {
        write_ext(out, &values[i]);
        i += 1;
    }
}

pub fn write_digest_vec(out: &mut Vec<u8>, values: &[Digest]) {
    write_len(out, values.len());
    let mut i = 0;
    while i < values.len() {
        write_digest(out, &values[i]);
        i += 1;
    }
}
