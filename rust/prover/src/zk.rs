//! The prover's side of zero knowledge (docs/protocol.md §15): every random
//! value comes from a ChaCha stream keyed by a 32-byte seed, the segment, a
//! purpose and a table, so that pass 1 and pass 2 of a segment (and a
//! segment proved in another process, given the same seed) commit the same
//! polynomials. The seed is drawn from the operating system unless the
//! prover options fix it (tests, byte-identical scale-out).

use p3_field::{BasedVectorSpace, PrimeCharacteristicRing};
use p3_matrix::dense::RowMajorMatrix;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha12Rng;
use zkvm_verifier::commit::hash::sha3_256;
use zkvm_verifier::field::P;
use zkvm_verifier::protocol::params::{ZK_BLIND_ROWS, ZK_COLUMNS, ZK_SALT_LEN};

use crate::types::{EF, F};

/// What a random stream is for.
#[derive(Clone, Copy)]
#[repr(u32)]
pub enum Purpose {
    Blinding = 1,
    MainMask = 2,
    MainSalt = 3,
    AuxMask = 4,
    AuxSalt = 5,
    QuotientMask = 6,
    FriMask = 7,
    QuotientSalt = 8,
}

/// The prover's randomness for one proof.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ZkSeed(pub [u8; 32]);

impl ZkSeed {
    /// A fresh seed from the operating system.
    pub fn random() -> ZkSeed {
        ZkSeed(rand::random())
    }

    /// The stream for (segment, purpose, index).
    pub fn stream(&self, segment: u32, purpose: Purpose, index: u32) -> ChaCha12Rng {
        let mut message = Vec::with_capacity(64);
        message.extend_from_slice(b"zkvm-zk-stream");
        message.extend_from_slice(&self.0);
        message.extend_from_slice(&segment.to_le_bytes());
        message.extend_from_slice(&(purpose as u32).to_le_bytes());
        message.extend_from_slice(&index.to_le_bytes());
        ChaCha12Rng::from_seed(sha3_256(&message))
    }
}

/// A uniform field element (rejection sampling on 31 bits).
pub fn random_field(rng: &mut ChaCha12Rng) -> F {
    loop {
        let v = rng.random::<u32>() & 0x7fff_ffff;
        if v < P {
            return crate::types::from_u32(v);
        }
    }
}

/// `count` uniform field elements.
pub fn random_fields(rng: &mut ChaCha12Rng, count: usize) -> Vec<F> {
    (0..count).map(|_| random_field(rng)).collect()
}

/// The blinding messages (multiplicity, value) table `table` of segment
/// `segment` sends.
fn blinding_messages(seed: &ZkSeed, segment: u32, table: u32) -> Vec<(F, F)> {
    let mut rng = seed.stream(segment, Purpose::Blinding, table);
    (0..ZK_BLIND_ROWS)
        .map(|_| (random_field(&mut rng), random_field(&mut rng)))
        .collect()
}

/// The table after (segment, table) in the ring of all tables of all
/// segments: the next table, the first table of the next segment, or the
/// first table of the first segment.
fn ring_next(segment: u32, table: u32, num_segments: u32, num_tables: u32) -> (u32, u32) {
    if table + 1 < num_tables {
        (segment, table + 1)
    } else if segment + 1 < num_segments {
        (segment + 1, 0)
    } else {
        (0, 0)
    }
}

/// The trace with the protocol's blinding columns (multiplicity, value)
/// appended: rows 0..8 send this table's messages, rows 8..16 receive the
/// next table's in the ring, every other row is zero. Around the ring the
/// messages cancel; each table's claimed sum moves by u_t - u_next, with u_t
/// = sum_i m_i / (point - fp(ZK_TAG, v_i)) uniform over the extension field.
pub fn with_blinding_columns(
    trace: &RowMajorMatrix<F>,
    seed: &ZkSeed,
    segment: u32,
    table: u32,
    num_segments: u32,
    num_tables: u32,
) -> RowMajorMatrix<F> {
    let w = trace.width;
    let n = trace.values.len() / w;
    assert!(
        n >= 2 * ZK_BLIND_ROWS,
        "a zero-knowledge table has at least 16 rows"
    );
    let wide = w + ZK_COLUMNS;
    let mut values = F::zero_vec(n * wide);
    for (dst, src) in values.chunks_mut(wide).zip(trace.values.chunks(w)) {
        dst[..w].copy_from_slice(src);
    }
    let own = blinding_messages(seed, segment, table);
    let (next_segment, next_table) = ring_next(segment, table, num_segments, num_tables);
    let next = blinding_messages(seed, next_segment, next_table);
    for (i, (m, v)) in own.iter().enumerate() {
        values[i * wide + w] = *m;
        values[i * wide + w + 1] = *v;
    }
    for (i, (m, v)) in next.iter().enumerate() {
        let row = ZK_BLIND_ROWS + i;
        values[row * wide + w] = -*m;
        values[row * wide + w + 1] = *v;
    }
    RowMajorMatrix::new(values, wide)
}

/// The coefficients (n rows, lowest first) of T extended to those of
/// T + Z_H R (n + z rows), R with z random coefficients per column:
/// Z_H R = x^n R - R. Columns before `first_masked` stay as they are (the
/// fixed-table fingerprint columns: public, and checked at zeta against the
/// fixed table's own interpolant).
pub fn mask_coefficients(
    coeffs: &[F],
    width: usize,
    first_masked: usize,
    z: usize,
    rng: &mut ChaCha12Rng,
) -> Vec<F> {
    let n = coeffs.len() / width;
    assert!(z <= n);
    let mut out = Vec::with_capacity((n + z) * width);
    out.extend_from_slice(coeffs);
    out.resize((n + z) * width, F::ZERO);
    for i in 0..z {
        for c in first_masked..width {
            let r = random_field(rng);
            out[i * width + c] -= r;
            out[(n + i) * width + c] += r;
        }
    }
    out
}

/// A salt matrix: 2^log_rows rows of ZK_SALT_LEN random elements.
pub fn salt_matrix(log_rows: usize, rng: &mut ChaCha12Rng) -> RowMajorMatrix<F> {
    RowMajorMatrix::new(random_fields(rng, ZK_SALT_LEN << log_rows), ZK_SALT_LEN)
}

/// Random extension coefficients.
pub fn random_ext(rng: &mut ChaCha12Rng, count: usize) -> Vec<EF> {
    (0..count)
        .map(|_| EF::from_basis_coefficients_fn(|_| random_field(rng)))
        .collect()
}
