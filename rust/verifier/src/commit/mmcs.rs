//! Commitments to several matrices of different heights in one Merkle tree.
//!
//! The matrices M_0, ..., M_{k-1} have 2^h_t rows each (every h_t >= the cap
//! height), widths w_t > 0, and are committed in one tree of
//! 2^H leaves, H = max_t h_t. Level 0 holds the leaves, level l the 2^(H - l)
//! nodes above them. Matrix t enters the tree at level H - h_t: its row j is
//! hashed into node j of that level, so the tallest matrices are hashed into
//! the leaves and shorter ones are "injected" higher up:
//!
//!   leaf j (level 0)      = H(0x00 || rows j of the matrices with h_t = H)
//!   node j, level l > 0   = H(0x01 || left || right)                          no matrix enters
//!                         = H(0x02 || left || right || rows j of the matrices
//!                                                      with h_t = H - l)       otherwise
//!
//! rows concatenated in matrix order, each value LE32 (canonical field
//! elements). A tree is committed by its cap: the 2^c nodes of level H - c,
//! c = min(log_cap_height, H) (merkle.rs). With a single matrix this is
//! exactly the tree of merkle.rs.
//!
//! An opening of leaf i gives, for every matrix t, its row i >> (H - h_t), and
//! the H - c sibling digests from level 0 up to the cap, bottom-up.

use crate::commit::hash::{sha3_256, Digest};
use crate::commit::merkle;

const LEAF_PREFIX: u8 = 0x00;
const INJECT_PREFIX: u8 = 0x02;

fn push_values(bytes: &mut Vec<u8>, values: &[u32]) {
    let mut i = 0;
    while i < values.len() {
        let le = values[i].to_le_bytes();
        bytes.push(le[0]);
        bytes.push(le[1]);
        bytes.push(le[2]);
        bytes.push(le[3]);
        i += 1;
    }
}

fn push_digest(bytes: &mut Vec<u8>, digest: &Digest) {
    let mut i = 0;
    while i < 32 {
        bytes.push(digest[i]);
        i += 1;
    }
}

/// The digest of leaf j: the rows (`rows[t]` for each tallest matrix t, in
/// matrix order) concatenated.
pub fn leaf_digest(rows: &[Vec<u32>]) -> Digest {
    let mut bytes: Vec<u8> = Vec::new();
    bytes.push(LEAF_PREFIX);
    let mut t = 0;
    while t < rows.len() {
        push_values(&mut bytes, &rows[t]);
        t += 1;
    }
    sha3_256(&bytes)
}

/// The digest of an inner node into which the rows `injected` (possibly no
/// matrix) enter.
pub fn node_digest(left: &Digest, right: &Digest, injected: &[Vec<u32>]) -> Digest {
    if injected.is_empty() {
        return merkle::node_hash(left, right);
    }
    let mut bytes: Vec<u8> = Vec::new();
    bytes.push(INJECT_PREFIX);
    push_digest(&mut bytes, left);
    push_digest(&mut bytes, right);
    let mut t = 0;
    while t < injected.len() {
        push_values(&mut bytes, &injected[t]);
        t += 1;
    }
    sha3_256(&bytes)
}

/// The rows of the matrices of height 2^log_height, in matrix order.
fn rows_at_height(log_heights: &[u32], rows: &[Vec<u32>], log_height: u32) -> Vec<Vec<u32>> {
    let mut out: Vec<Vec<u32>> = Vec::new();
    let mut t = 0;
    while t < log_heights.len() && t < rows.len() {
        if log_heights[t] == log_height {
            out.push(rows[t].clone());
        }
        t += 1;
    }
    out
}

/// The tallest matrix's log height (0 for no matrix).
pub fn max_log_height(log_heights: &[u32]) -> u32 {
    let mut max: u32 = 0;
    let mut t = 0;
    while t < log_heights.len() {
        if log_heights[t] > max {
            max = log_heights[t];
        }
        t += 1;
    }
    max
}

/// Whether `rows` (row `index >> (H - h_t)` of every matrix t, `widths[t]`
/// values each) open leaf `index` of the tree of matrices with log heights
/// `log_heights` whose cap of height min(log_cap_height, H) is `cap`. The path
/// must have H - min(log_cap_height, H) digests; every matrix must be at least
/// as tall as the cap.
pub fn verify_opening(
    cap: &[Digest],
    log_heights: &[u32],
    widths: &[usize],
    log_cap_height: u32,
    index: u64,
    rows: &[Vec<u32>],
    path: &[Digest],
) -> bool {
    if log_heights.is_empty() || log_heights.len() != widths.len() || rows.len() != widths.len() {
        return false;
    }
    let top = max_log_height(log_heights);
    if top >= 64 {
        return false;
    }
    let cap_h = merkle::cap_height(top as usize, log_cap_height as usize) as u32;
    let mut t = 0;
    while t < widths.len() {
        if widths[t] == 0 || rows[t].len() != widths[t] || log_heights[t] < cap_h {
            return false;
        }
        t += 1;
    }
    let below = top - cap_h;
    if path.len() != below as usize || cap.len() != (1usize << cap_h) {
        return false;
    }
    if index >> top != 0 {
        return false;
    }
    let mut current = leaf_digest(&rows_at_height(log_heights, rows, top));
    let mut position = index;
    let mut level: u32 = 1;
    while level <= below {
        let sibling = &path[(level - 1) as usize];
        let injected = rows_at_height(log_heights, rows, top - level);
        if position & 1 == 0 {
            current = node_digest(&current, sibling, &injected);
        } else {
            current = node_digest(sibling, &current, &injected);
        }
        position = position >> 1;
        level += 1;
    }
    let cap_index = position as usize;
    if cap_index >= cap.len() {
        return false;
    }
    current == cap[cap_index]
}
