//! Host-compiled references of the benchmark guests: the same computation,
//! on the same input bytes, producing the same output bytes, compiled for the
//! host by rustc with the CLI's (release) settings. `zkvm bench` times them to
//! state the proving overhead against native execution, and checks that they
//! agree with the guests' proven outputs.
//!
//! They follow the guests' algorithms (examples/*/src): iterative Fibonacci,
//! odd-only bitset sieve, xorshift32 generation + bottom-up merge sort with
//! insertion-sorted runs of 16 + checksum, and a plain SHA-256.

/// The guest's output for `input`, or None if the input is malformed.
pub fn run(workload: &str, input: &[u8]) -> Option<Vec<u8>> {
    let word = |i: usize| -> Option<u32> {
        Some(u32::from_le_bytes(
            input.get(4 * i..4 * i + 4)?.try_into().ok()?,
        ))
    };
    match workload {
        "fibonacci" => Some(fibonacci(word(0)?).to_le_bytes().to_vec()),
        "sieve" => {
            let (count, largest) = sieve(word(0)?);
            Some([count.to_le_bytes(), largest.to_le_bytes()].concat())
        }
        "sort" => {
            let seed = word(1)?;
            if seed == 0 {
                return None; // only generated inputs are benchmarked
            }
            Some(sort(word(0)? as usize, seed).to_vec())
        }
        "sha256" => Some(sha256(input).to_vec()),
        _ => None,
    }
}

pub fn fibonacci(n: u32) -> u64 {
    let (mut a, mut b) = (0u64, 1u64);
    for _ in 0..n {
        let t = a.wrapping_add(b);
        a = b;
        b = t;
    }
    a
}

/// (number of primes <= n, largest prime <= n).
pub fn sieve(n: u32) -> (u32, u32) {
    if n < 2 {
        return (0, 0);
    }
    if n < 3 {
        return (1, 2);
    }
    let imax = ((n - 1) / 2) as usize;
    let words = imax / 32 + 1;
    let mut bits = vec![0u32; words];
    let mut i = 1usize;
    loop {
        let p = 2 * i as u64 + 1;
        if p * p > n as u64 {
            break;
        }
        if bits[i / 32] & (1 << (i % 32)) == 0 {
            let p = p as usize;
            let mut j = (p * p - 1) / 2;
            while j <= imax {
                bits[j / 32] |= 1 << (j % 32);
                j += p;
            }
        }
        i += 1;
    }
    bits[0] |= 1;
    let tail = (imax + 1) % 32;
    if tail != 0 {
        bits[words - 1] |= !0u32 << tail;
    }
    let count = 1 + bits.iter().map(|w| (!w).count_ones()).sum::<u32>();
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

/// Generates n values with xorshift32 from `seed`, merge-sorts them, returns
/// n, first, last and the checksum sum (i+1) v[i] mod 2^64, as the guest does.
pub fn sort(n: usize, seed: u32) -> [u8; 20] {
    let mut v = vec![0u32; n];
    let mut s = seed;
    for x in v.iter_mut() {
        s ^= s << 13;
        s ^= s >> 17;
        s ^= s << 5;
        *x = s;
    }
    let mut buf = vec![0u32; n];
    merge_sort(&mut v, &mut buf);
    let mut sum = 0u64;
    for (i, &x) in v.iter().enumerate() {
        sum = sum.wrapping_add((i as u64 + 1).wrapping_mul(x as u64));
    }
    let mut out = [0u8; 20];
    out[0..4].copy_from_slice(&(n as u32).to_le_bytes());
    out[4..8].copy_from_slice(&v.first().copied().unwrap_or(0).to_le_bytes());
    out[8..12].copy_from_slice(&v.last().copied().unwrap_or(0).to_le_bytes());
    out[12..20].copy_from_slice(&sum.to_le_bytes());
    out
}

fn merge_sort(v: &mut [u32], buf: &mut [u32]) {
    const RUN: usize = 16;
    let n = v.len();
    let buf = &mut buf[..n];
    for run in v.chunks_mut(RUN) {
        for i in 1..run.len() {
            let x = run[i];
            let mut j = i;
            while j > 0 && run[j - 1] > x {
                run[j] = run[j - 1];
                j -= 1;
            }
            run[j] = x;
        }
    }
    let mut width = RUN;
    let mut in_v = true;
    while width < n {
        let (src, dst): (&[u32], &mut [u32]) = if in_v {
            (&*v, &mut *buf)
        } else {
            (&*buf, &mut *v)
        };
        let mut start = 0;
        while start < n {
            let end = (start + 2 * width).min(n);
            let mid = (start + width).min(end);
            let (a, b) = src[start..end].split_at(mid - start);
            let (mut i, mut j) = (0, 0);
            for d in dst[start..end].iter_mut() {
                if j >= b.len() || (i < a.len() && a[i] <= b[j]) {
                    *d = a[i];
                    i += 1;
                } else {
                    *d = b[j];
                    j += 1;
                }
            }
            start = end;
        }
        in_v = !in_v;
        width *= 2;
    }
    if !in_v {
        v.copy_from_slice(buf);
    }
}

const K: [u32; 64] = [
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
];

fn compress(h: &mut [u32; 8], block: &[u8]) {
    let mut w = [0u32; 64];
    for (i, word) in block.chunks_exact(4).enumerate() {
        w[i] = u32::from_be_bytes(word.try_into().unwrap());
    }
    for i in 16..64 {
        let s0 = w[i - 15].rotate_right(7) ^ w[i - 15].rotate_right(18) ^ (w[i - 15] >> 3);
        let s1 = w[i - 2].rotate_right(17) ^ w[i - 2].rotate_right(19) ^ (w[i - 2] >> 10);
        w[i] = w[i - 16]
            .wrapping_add(s0)
            .wrapping_add(w[i - 7])
            .wrapping_add(s1);
    }
    let [mut a, mut b, mut c, mut d, mut e, mut f, mut g, mut hh] = *h;
    for i in 0..64 {
        let s1 = e.rotate_right(6) ^ e.rotate_right(11) ^ e.rotate_right(25);
        let ch = (e & f) ^ (!e & g);
        let t1 = hh
            .wrapping_add(s1)
            .wrapping_add(ch)
            .wrapping_add(K[i])
            .wrapping_add(w[i]);
        let s0 = a.rotate_right(2) ^ a.rotate_right(13) ^ a.rotate_right(22);
        let maj = (a & b) ^ (a & c) ^ (b & c);
        let t2 = s0.wrapping_add(maj);
        hh = g;
        g = f;
        f = e;
        e = d.wrapping_add(t1);
        d = c;
        c = b;
        b = a;
        a = t1.wrapping_add(t2);
    }
    for (x, y) in h.iter_mut().zip([a, b, c, d, e, f, g, hh]) {
        *x = x.wrapping_add(y);
    }
}

pub fn sha256(data: &[u8]) -> [u8; 32] {
    let mut h: [u32; 8] = [
        0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab,
        0x5be0cd19,
    ];
    let mut chunks = data.chunks_exact(64);
    for block in &mut chunks {
        compress(&mut h, block);
    }
    let rest = chunks.remainder();
    let mut tail = [0u8; 128];
    tail[..rest.len()].copy_from_slice(rest);
    tail[rest.len()] = 0x80;
    let len = if rest.len() < 56 { 64 } else { 128 };
    tail[len - 8..len].copy_from_slice(&((data.len() as u64) * 8).to_be_bytes());
    for block in tail[..len].chunks_exact(64) {
        compress(&mut h, block);
    }
    let mut out = [0u8; 32];
    for (i, x) in h.iter().enumerate() {
        out[4 * i..4 * i + 4].copy_from_slice(&x.to_be_bytes());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_match_known_values() {
        assert_eq!(fibonacci(10), 55);
        assert_eq!(fibonacci(93), 12200160415121876738);
        assert_eq!(sieve(1_000_000), (78498, 999983));
        assert_eq!(sieve(2), (1, 2));
        assert_eq!(sieve(1), (0, 0));
        assert_eq!(
            hex(&sha256(b"abc")),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        assert_eq!(
            hex(&sha256(&[b'a'; 56])),
            "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a"
        );
    }

    /// The committed example inputs give the committed expected outputs.
    #[test]
    fn references_match_the_examples_expected_outputs() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples");
        for name in ["fibonacci", "sieve", "sort", "sha256"] {
            let input = std::fs::read(dir.join(format!("inputs/{name}.bin"))).unwrap();
            let expected = std::fs::read(dir.join(format!("expected/{name}.out"))).unwrap();
            assert_eq!(run(name, &input), Some(expected), "{name}");
        }
    }

    fn hex(b: &[u8]) -> String {
        b.iter().map(|x| format!("{x:02x}")).collect()
    }
}
