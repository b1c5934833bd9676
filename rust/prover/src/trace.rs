//! Witness generation for the test AIRs: traces and their public values.

use p3_field::PrimeCharacteristicRing;
use p3_matrix::dense::RowMajorMatrix;

use crate::types::{to_u32, F};

/// Fibonacci trace of 2^log_n rows starting from (a_0, b_0); public values (a_0, b_0, b_last).
pub fn fibonacci_trace(log_n: u32, a0: u32, b0: u32) -> (RowMajorMatrix<F>, Vec<u32>) {
    let n = 1usize << log_n;
    let mut values = Vec::with_capacity(2 * n);
    let (mut a, mut b) = (F::new(a0), F::new(b0));
    for _ in 0..n {
        values.push(a);
        values.push(b);
        (a, b) = (b, a + b);
    }
    let b_last = to_u32(values[2 * n - 1]);
    (RowMajorMatrix::new(values, 2), vec![a0, b0, b_last])
}

/// CubicTest trace of 2^log_n rows: row i = (i, i^3, acc_0 + sum_{j<i} j^4);
/// public values (acc_0, acc_last).
pub fn cubic_trace(log_n: u32, acc0: u32) -> (RowMajorMatrix<F>, Vec<u32>) {
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
    (RowMajorMatrix::new(values, 3), vec![acc0, acc_last])
}
