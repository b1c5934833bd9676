//! Witness generation for the test AIRs: traces and their statements.

use p3_field::PrimeCharacteristicRing;
use p3_matrix::dense::RowMajorMatrix;
use zkvm_verifier::air::test::lookup::{M, TABLE_SIZE, V, W, WIDTH as LOOKUP_WIDTH};
use zkvm_verifier::protocol::statement::Statement;

use crate::types::{to_u32, F};

/// A statement with public values only (no input or output bytes).
pub fn public_statement(public_values: Vec<u32>) -> Statement {
    Statement {
        public_values,
        input: Vec::new(),
        output: Vec::new(),
    }
}

/// Fibonacci trace of 2^log_n rows starting from (a_0, b_0); public values (a_0, b_0, b_last).
pub fn fibonacci_trace(log_n: u32, a0: u32, b0: u32) -> (RowMajorMatrix<F>, Statement) {
    let n = 1usize << log_n;
    let mut values = Vec::with_capacity(2 * n);
    let (mut a, mut b) = (F::new(a0), F::new(b0));
    for _ in 0..n {
        values.push(a);
        values.push(b);
        (a, b) = (b, a + b);
    }
    let b_last = to_u32(values[2 * n - 1]);
    (
        RowMajorMatrix::new(values, 2),
        public_statement(vec![a0, b0, b_last]),
    )
}

/// CubicTest trace of 2^log_n rows: row i = (i, i^3, acc_0 + sum_{j<i} j^4);
/// public values (acc_0, acc_last).
pub fn cubic_trace(log_n: u32, acc0: u32) -> (RowMajorMatrix<F>, Statement) {
    let n = 1usize << log_n;
    let mut values = Vec::with_capacity(3 * n);
    let mut acc = F::new(acc0);
    let mut x = F::ZERO;
    for _ in 0..n {
        let y = x.cube();
        values.extend_from_slice(&[x, y, acc]);
        acc += x * y;
        x += F::ONE;
    }
    let acc_last = to_u32(values[3 * n - 1]);
    (
        RowMajorMatrix::new(values, 3),
        public_statement(vec![acc0, acc_last]),
    )
}

/// LookupTest trace (zkvm_verifier::air::test::lookup) of 2^log_n rows with
/// public value p0 (< 16) and the given input/output bytes (each < 16 for a
/// balanced bus): v_i = (p0 + i) mod 16, w_i = (3 i + 5) mod 16, and m_i the
/// multiplicity of NIBBLE row i (0 on rows >= 16). Rows >= 16 of the table
/// only exist when n >= 16; for smaller n the multiplicities of the missing
/// rows are dropped (such a trace is not provable).
pub fn lookup_test_trace(
    log_n: u32,
    p0: u32,
    input: &[u8],
    output: &[u8],
) -> (RowMajorMatrix<F>, Statement) {
    let n = 1usize << log_n;
    let table = TABLE_SIZE as usize;
    let mut counts = vec![F::ZERO; table];
    let mut count = |value: usize, delta: F| {
        if value < table {
            counts[value] += delta;
        }
    };
    let mut values = vec![F::ZERO; LOOKUP_WIDTH * n];
    for i in 0..n {
        let v = (p0 as usize + i) % table;
        let w = (3 * i + 5) % table;
        values[i * LOOKUP_WIDTH + V] = F::from_usize(v);
        values[i * LOOKUP_WIDTH + W] = F::from_usize(w);
        count(v, F::ONE);
        count(w, F::ONE);
    }
    count(p0 as usize, F::ONE);
    for &b in input {
        count(b as usize, F::ONE);
    }
    for &b in output {
        count(b as usize, -F::ONE);
    }
    for (i, &m) in counts.iter().enumerate().take(n) {
        values[i * LOOKUP_WIDTH + M] = m;
    }
    (
        RowMajorMatrix::new(values, LOOKUP_WIDTH),
        Statement {
            public_values: vec![p0],
            input: input.to_vec(),
            output: output.to_vec(),
        },
    )
}

/// The split lookup machine (zkvm_verifier::air::test::split): a VALUES table
/// of 2^log_n rows (v, w) with v = (p0 + i) mod 16, w = (3i + 5) mod 16, and
/// the 16-row NIBBLES table (x = i, m = how often i is looked up, counting the
/// statement's boundary messages as lookup_test_trace does).
pub fn split_lookup_traces(
    log_n: u32,
    p0: u32,
    input: &[u8],
    output: &[u8],
) -> (Vec<RowMajorMatrix<F>>, Statement) {
    let statement = Statement {
        public_values: vec![p0],
        input: input.to_vec(),
        output: output.to_vec(),
    };
    let n = 1usize << log_n;
    let mut values = vec![F::ZERO; 2 * n];
    let mut counts = vec![F::ZERO; TABLE_SIZE as usize];
    for i in 0..n {
        let v = (p0 as usize + i) % TABLE_SIZE as usize;
        let w = (3 * i + 5) % TABLE_SIZE as usize;
        values[2 * i] = F::from_usize(v);
        values[2 * i + 1] = F::from_usize(w);
        counts[v] += F::ONE;
        counts[w] += F::ONE;
    }
    let mut add = |b: usize, delta: F| {
        if b < counts.len() {
            counts[b] += delta;
        }
    };
    add(p0 as usize, F::ONE);
    for &b in input {
        add(b as usize, F::ONE);
    }
    for &b in output {
        add(b as usize, -F::ONE);
    }
    let mut nibbles = vec![F::ZERO; 2 * TABLE_SIZE as usize];
    for (i, &m) in counts.iter().enumerate() {
        nibbles[2 * i] = F::from_usize(i);
        nibbles[2 * i + 1] = m;
    }
    (
        vec![
            RowMajorMatrix::new(values, 2),
            RowMajorMatrix::new(nibbles, 2),
        ],
        statement,
    )
}
