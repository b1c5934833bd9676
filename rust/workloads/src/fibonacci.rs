//! Fibonacci numbers modulo 2^64, iteratively with wrapping additions.

/// fib(n) mod 2^64 (fib(0) = 0, fib(1) = 1): n loop iterations.
pub fn fibonacci(n: u32) -> u64 {
    let mut a: u64 = 0;
    let mut b: u64 = 1;
    for _ in 0..n {
        let t = a.wrapping_add(b);
        a = b;
        b = t;
    }
    a
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_values_and_wrapping() {
        let first: [u64; 10] = [0, 1, 1, 2, 3, 5, 8, 13, 21, 34];
        for (n, &f) in first.iter().enumerate() {
            assert_eq!(fibonacci(n as u32), f);
        }
        // fib(93) is the last below 2^64; fib(94) wraps.
        assert_eq!(fibonacci(93), 12_200_160_415_121_876_738);
        assert_eq!(fibonacci(94), fibonacci(93).wrapping_add(fibonacci(92)));
    }
}
