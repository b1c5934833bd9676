//! Sieve of Eratosthenes over odd numbers, one bit per odd number
//! (bit set = composite), in u32 words.

use alloc::vec;

/// Returns (number of primes <= n, largest prime <= n), with (0, 0) for n < 2.
/// Uses (n / 16 + 4) bytes of heap.
pub fn sieve(n: u32) -> (u32, u32) {
    if n < 2 {
        return (0, 0);
    }
    if n < 3 {
        return (1, 2);
    }
    // Odd number 2i+1 <-> bit i, for i in 1..=imax (i = 0 is the number 1).
    let imax = ((n - 1) / 2) as usize;
    let words = imax / 32 + 1;
    let mut bits = vec![0u32; words];
    let mut i: usize = 1;
    loop {
        let p = 2 * i as u64 + 1;
        if p * p > n as u64 {
            break;
        }
        if bits[i / 32] & (1 << (i % 32)) == 0 {
            // Start at p*p, index (p*p - 1) / 2, step p.
            let p = p as usize;
            let mut j = ((p as u64 * p as u64 - 1) / 2) as usize;
            while j <= imax {
                bits[j / 32] |= 1 << (j % 32);
                j += p;
            }
        }
        i += 1;
    }
    // Mark bit 0 (the number 1) and the bits beyond imax as "composite".
    bits[0] |= 1;
    let tail = (imax + 1) % 32;
    if tail != 0 {
        bits[words - 1] |= !0u32 << tail;
    }
    let mut count: u32 = 1; // the prime 2
    for &w in bits.iter() {
        count += (!w).count_ones();
    }
    // Largest prime: highest clear bit.
    let mut largest = 2;
    for (k, &w) in bits.iter().enumerate().rev() {
        if w != !0u32 {
            let b = 31 - (!w).leading_zeros() as usize;
            largest = (2 * (k * 32 + b) + 1) as u32;
            break;
        }
    }
    (count, largest)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn naive(n: u32) -> (u32, u32) {
        let mut c = 0;
        let mut l = 0;
        for k in 2..=n {
            if (2..k).take_while(|d| d * d <= k).all(|d| k % d != 0) {
                c += 1;
                l = k;
            }
        }
        (c, l)
    }

    #[test]
    fn small() {
        for n in 0..2000 {
            assert_eq!(sieve(n), naive(n), "n = {}", n);
        }
    }

    #[test]
    fn known() {
        assert_eq!(sieve(1_000_000), (78498, 999983));
        assert_eq!(sieve(10_000_000), (664579, 9999991));
    }
}
