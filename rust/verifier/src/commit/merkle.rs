//! Merkle trees over SHA3-256 with domain-separated leaves and nodes.
//!
//! leaf_hash(v) = H(0x00 || LE32(v_0) || LE32(v_1) || ...)   (canonical field elements)
//! node_hash(l, r) = H(0x01 || l || r)
//! A tree has 2^k leaves; the opening of leaf i carries k sibling digests,
//! bottom-up; at level j the current digest is the left child iff bit j of i is 0.
//!
//! Merkle caps: with cap height h a tree is committed by its 2^c nodes at
//! distance c = min(h, k) below the root (left to right; c = 0 is the root,
//! c = k the leaf digests). An opening then carries only the k - c siblings
//! below the cap and ends at cap node i >> (k - c).

use crate::commit::hash::{sha3_256, Digest};

const LEAF_PREFIX: u8 = 0x00;
const NODE_PREFIX: u8 = 0x01;

/// The digest of one leaf: a row of canonical field elements.
pub fn leaf_hash(values: &[u32]) -> Digest {
    let mut bytes: Vec<u8> = Vec::with_capacity(1 + 4 * values.len());
    bytes.push(LEAF_PREFIX);
    let mut i = 0;
    while i < values.len() {
        let le = values[i].to_le_bytes();
        bytes.push(le[0]);
        bytes.push(le[1]);
        bytes.push(le[2]);
        bytes.push(le[3]);
        i += 1;
    }
    sha3_256(&bytes)
}

/// The digest of an inner node from its two children.
pub fn node_hash(left: &Digest, right: &Digest) -> Digest {
    let mut bytes = [0u8; 65];
    bytes[0] = NODE_PREFIX;
    let mut i = 0;
    while i < 32 {
        bytes[1 + i] = left[i];
        bytes[33 + i] = right[i];
        i += 1;
    }
    sha3_256(&bytes)
}

/// The root obtained by walking from a leaf digest up the sibling path.
/// `index` must be below 2^path.len() (checked by `verify_opening`).
pub fn root_from_path(leaf: &Digest, index: usize, path: &[Digest]) -> Digest {
    let mut current: Digest = *leaf;
    let mut position = index;
    let mut level = 0;
    while level < path.len() {
        let sibling = &path[level];
        if position & 1 == 0 {
            current = node_hash(&current, sibling);
        } else {
            current = node_hash(sibling, &current);
        }
        position = position >> 1;
        level += 1;
    }
    current
}

/// The effective cap height of a tree with 2^depth leaves: min(log_cap_height, depth).
pub fn cap_height(depth: usize, log_cap_height: usize) -> usize {
    if log_cap_height < depth {
        log_cap_height
    } else {
        depth
    }
}

/// Whether `values` is leaf `index` of the tree with 2^depth leaves whose cap
/// of height min(log_cap_height, depth) is `cap`: the path must have
/// depth - min(log_cap_height, depth) siblings and lead to cap node
/// index >> path.len().
pub fn verify_cap_opening(
    cap: &[Digest],
    depth: usize,
    log_cap_height: usize,
    index: usize,
    values: &[u32],
    path: &[Digest],
) -> bool {
    if depth >= usize::BITS as usize {
        return false;
    }
    let height = cap_height(depth, log_cap_height);
    let below = depth - height;
    if path.len() != below {
        return false;
    }
    if cap.len() != (1usize << height) {
        return false;
    }
    if index >> depth != 0 {
        return false;
    }
    let leaf = leaf_hash(values);
    let computed = root_from_path(&leaf, index, path);
    let cap_index = index >> below;
    if cap_index >= cap.len() {
        return false;
    }
    computed == cap[cap_index]
}

/// The bytes of a cap as absorbed by the transcript: its digests in order.
pub fn cap_bytes(cap: &[Digest]) -> Vec<u8> {
    let mut bytes: Vec<u8> = Vec::with_capacity(32 * cap.len());
    let mut i = 0;
    while i < cap.len() {
        let mut j = 0;
        while j < 32 {
            bytes.push(cap[i][j]);
            j += 1;
        }
        i += 1;
    }
    bytes
}

/// Whether `values` is leaf `index` of the tree with 2^depth leaves and root `root`
/// (the cap of height 0).
pub fn verify_opening(
    root: &Digest,
    depth: usize,
    index: usize,
    values: &[u32],
    path: &[Digest],
) -> bool {
    if path.len() != depth {
        return false;
    }
    if depth >= usize::BITS as usize {
        return false;
    }
    if index >> depth != 0 {
        return false;
    }
    let leaf = leaf_hash(values);
    let computed = root_from_path(&leaf, index, path);
    computed == *root
}
