//! Sorting workload: xorshift32 input generation, bottom-up merge sort
//! (insertion-sorted runs of 16), and a checksum of the sorted array.

/// Length of the runs sorted by insertion sort before merging.
pub const RUN: usize = 16;

/// xorshift32 (Marsaglia, shifts 13/17/5); `state` must be non-zero.
#[inline]
pub fn xorshift32(state: &mut u32) -> u32 {
    let mut x = *state;
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    *state = x;
    x
}

/// Fill `out` with successive xorshift32 outputs starting from `seed != 0`.
pub fn generate(out: &mut [u32], seed: u32) {
    let mut s = seed;
    for v in out.iter_mut() {
        *v = xorshift32(&mut s);
    }
}

fn insertion_sort(v: &mut [u32]) {
    for i in 1..v.len() {
        let x = v[i];
        let mut j = i;
        while j > 0 && v[j - 1] > x {
            v[j] = v[j - 1];
            j -= 1;
        }
        v[j] = x;
    }
}

/// Merge the sorted halves `src[..mid]` and `src[mid..]` into `dst`
/// (same length as `src`). Stable.
fn merge(src: &[u32], mid: usize, dst: &mut [u32]) {
    let (a, b) = src.split_at(mid);
    let (mut i, mut j) = (0, 0);
    for d in dst.iter_mut() {
        if j >= b.len() || (i < a.len() && a[i] <= b[j]) {
            *d = a[i];
            i += 1;
        } else {
            *d = b[j];
            j += 1;
        }
    }
}

/// Sort `v` ascending; `buf` is scratch space with `buf.len() >= v.len()`.
pub fn merge_sort(v: &mut [u32], buf: &mut [u32]) {
    let n = v.len();
    assert!(buf.len() >= n);
    let buf = &mut buf[..n];
    for run in v.chunks_mut(RUN) {
        insertion_sort(run);
    }
    let mut width = RUN;
    // `in_v`: the current sorted runs live in `v` (else in `buf`).
    let mut in_v = true;
    while width < n {
        {
            let (src, dst): (&[u32], &mut [u32]) = if in_v {
                (&*v, &mut *buf)
            } else {
                (&*buf, &mut *v)
            };
            let mut start = 0;
            while start < n {
                let end = core::cmp::min(start + 2 * width, n);
                let mid = core::cmp::min(start + width, end);
                merge(&src[start..end], mid - start, &mut dst[start..end]);
                start = end;
            }
        }
        in_v = !in_v;
        width *= 2;
    }
    if !in_v {
        v.copy_from_slice(buf);
    }
}

/// Result summary: (n, first, last, checksum) where
/// checksum = sum_{i} (i + 1) * v[i]  (wrapping, u64).
pub fn summarize(v: &[u32]) -> (u32, u32, u32, u64) {
    let mut sum: u64 = 0;
    for (i, &x) in v.iter().enumerate() {
        sum = sum.wrapping_add((i as u64 + 1).wrapping_mul(x as u64));
    }
    (
        v.len() as u32,
        v.first().copied().unwrap_or(0),
        v.last().copied().unwrap_or(0),
        sum,
    )
}

pub fn is_sorted(v: &[u32]) -> bool {
    v.windows(2).all(|w| w[0] <= w[1])
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::vec;

    #[test]
    fn xorshift_reference() {
        // First outputs of xorshift32 from seed 1 (Marsaglia's generator).
        let mut s = 1;
        assert_eq!(xorshift32(&mut s), 270369);
        assert_eq!(xorshift32(&mut s), 67634689);
        assert_eq!(xorshift32(&mut s), 2647435461);
    }

    #[test]
    fn sorts_like_std() {
        for n in [0usize, 1, 2, 15, 16, 17, 31, 32, 33, 100, 1000, 4097] {
            for seed in [1u32, 7, 0xdeadbeef] {
                let mut v = vec![0u32; n];
                generate(&mut v, seed);
                // Also add duplicates / small range.
                if seed == 7 {
                    for x in v.iter_mut() {
                        *x %= 10;
                    }
                }
                let mut want = v.clone();
                want.sort();
                let mut buf = vec![0u32; n];
                merge_sort(&mut v, &mut buf);
                assert_eq!(v, want, "n {} seed {}", n, seed);
                assert!(is_sorted(&v));
            }
        }
    }
}
