//! Variable-size big-integer modular exponentiation with u32 limbs.
//!
//! Numbers are little-endian limb vectors (`Vec<u32>`, limb 0 least
//! significant). Odd moduli use Montgomery multiplication (CIOS); even
//! moduli use schoolbook multiplication followed by Knuth long division
//! (Algorithm D). Exponentiation is left-to-right binary square-and-multiply.
#![no_std]

extern crate alloc;
#[cfg(test)]
extern crate std;

use alloc::vec;
use alloc::vec::Vec;

/// Big-endian bytes -> little-endian limbs (at least one limb).
pub fn from_be_bytes(bytes: &[u8]) -> Vec<u32> {
    let n = core::cmp::max(1, bytes.len().div_ceil(4));
    let mut out = vec![0u32; n];
    for (k, &b) in bytes.iter().rev().enumerate() {
        out[k / 4] |= (b as u32) << (8 * (k % 4));
    }
    out
}

/// Little-endian limbs -> exactly `len` big-endian bytes (truncating or
/// zero-padding on the left).
pub fn to_be_bytes(limbs: &[u32], len: usize) -> Vec<u8> {
    let mut out = vec![0u8; len];
    for k in 0..len {
        let limb = k / 4;
        if limb < limbs.len() {
            out[len - 1 - k] = (limbs[limb] >> (8 * (k % 4))) as u8;
        }
    }
    out
}

/// Number of significant limbs (0 for zero).
pub fn sig_len(a: &[u32]) -> usize {
    let mut n = a.len();
    while n > 0 && a[n - 1] == 0 {
        n -= 1;
    }
    n
}

pub fn is_zero(a: &[u32]) -> bool {
    sig_len(a) == 0
}

/// Compare two equal-length numbers.
fn cmp_n(a: &[u32], b: &[u32]) -> core::cmp::Ordering {
    debug_assert_eq!(a.len(), b.len());
    for i in (0..a.len()).rev() {
        if a[i] != b[i] {
            return a[i].cmp(&b[i]);
        }
    }
    core::cmp::Ordering::Equal
}

/// a -= b over equal lengths; returns the borrow.
fn sub_n(a: &mut [u32], b: &[u32]) -> u32 {
    let mut borrow = 0u32;
    for (x, &y) in a.iter_mut().zip(b) {
        let (d1, b1) = x.overflowing_sub(y);
        let (d2, b2) = d1.overflowing_sub(borrow);
        *x = d2;
        borrow = (b1 | b2) as u32;
    }
    borrow
}

/// Schoolbook product; result has a.len() + b.len() limbs.
pub fn mul(a: &[u32], b: &[u32]) -> Vec<u32> {
    let mut r = vec![0u32; a.len() + b.len()];
    for (i, &bi) in b.iter().enumerate() {
        if bi == 0 {
            continue;
        }
        let mut carry: u64 = 0;
        for (j, &aj) in a.iter().enumerate() {
            let t = r[i + j] as u64 + aj as u64 * bi as u64 + carry;
            r[i + j] = t as u32;
            carry = t >> 32;
        }
        r[i + a.len()] = carry as u32;
    }
    r
}

/// u mod v (Knuth Algorithm D, base 2^32, as in Hacker's Delight `divmnu`).
/// `v` must be non-zero. The result has exactly `sig_len(v)` limbs.
pub fn rem(u: &[u32], v: &[u32]) -> Vec<u32> {
    let n = sig_len(v);
    assert!(n > 0, "division by zero");
    let v = &v[..n];
    let m = sig_len(u);
    if m < n {
        let mut r = vec![0u32; n];
        r[..m].copy_from_slice(&u[..m]);
        return r;
    }
    let u = &u[..m];
    if n == 1 {
        let d = v[0] as u64;
        let mut r: u64 = 0;
        for &x in u.iter().rev() {
            r = ((r << 32) | x as u64) % d;
        }
        return vec![r as u32];
    }
    // Normalise so that the top limb of v has its high bit set.
    let s = v[n - 1].leading_zeros();
    let mut vn = vec![0u32; n];
    let mut un = vec![0u32; m + 1];
    if s == 0 {
        vn.copy_from_slice(v);
        un[..m].copy_from_slice(u);
    } else {
        for i in (1..n).rev() {
            vn[i] = (v[i] << s) | (v[i - 1] >> (32 - s));
        }
        vn[0] = v[0] << s;
        un[m] = u[m - 1] >> (32 - s);
        for i in (1..m).rev() {
            un[i] = (u[i] << s) | (u[i - 1] >> (32 - s));
        }
        un[0] = u[0] << s;
    }
    const B: u64 = 1 << 32;
    let vtop = vn[n - 1] as u64;
    let vsec = vn[n - 2] as u64;
    for j in (0..=m - n).rev() {
        let num = ((un[j + n] as u64) << 32) | un[j + n - 1] as u64;
        let mut qhat = num / vtop;
        let mut rhat = num - qhat * vtop;
        while qhat >= B || qhat * vsec > ((rhat << 32) | un[j + n - 2] as u64) {
            qhat -= 1;
            rhat += vtop;
            if rhat >= B {
                break;
            }
        }
        // Multiply and subtract: un[j..=j+n] -= qhat * vn.
        let mut k: i64 = 0;
        for i in 0..n {
            let p = qhat * vn[i] as u64;
            let t = un[i + j] as i64 - k - (p & 0xffff_ffff) as i64;
            un[i + j] = t as u32;
            k = (p >> 32) as i64 - (t >> 32);
        }
        let t = un[j + n] as i64 - k;
        un[j + n] = t as u32;
        if t < 0 {
            // qhat was one too large: add v back.
            let mut carry: u64 = 0;
            for i in 0..n {
                let t = un[i + j] as u64 + vn[i] as u64 + carry;
                un[i + j] = t as u32;
                carry = t >> 32;
            }
            un[j + n] = un[j + n].wrapping_add(carry as u32);
        }
    }
    // Denormalise the remainder (low n limbs of un).
    let mut r = vec![0u32; n];
    if s == 0 {
        r.copy_from_slice(&un[..n]);
    } else {
        for i in 0..n {
            r[i] = (un[i] >> s) | (un[i + 1] << (32 - s));
        }
    }
    r
}

/// Montgomery context for an odd modulus of `n` limbs, R = 2^(32n).
pub struct Montgomery {
    m: Vec<u32>,
    /// -m^{-1} mod 2^32
    m0inv: u32,
    /// R^2 mod m
    r2: Vec<u32>,
    /// scratch (n + 2 limbs)
    t: Vec<u32>,
}

impl Montgomery {
    /// `m` must be odd; it is trimmed to its significant limbs.
    pub fn new(m: &[u32]) -> Self {
        let n = sig_len(m);
        assert!(n > 0 && m[0] & 1 == 1, "Montgomery needs an odd modulus");
        let m = m[..n].to_vec();
        // Newton iteration for m0^{-1} mod 2^32 (x = m0 is correct to 3 bits).
        let m0 = m[0];
        let mut x = m0;
        for _ in 0..4 {
            x = x.wrapping_mul(2u32.wrapping_sub(m0.wrapping_mul(x)));
        }
        debug_assert_eq!(m0.wrapping_mul(x), 1);
        let mut r2_num = vec![0u32; 2 * n + 1];
        r2_num[2 * n] = 1;
        let r2 = rem(&r2_num, &m);
        Montgomery {
            m,
            m0inv: x.wrapping_neg(),
            r2,
            t: vec![0u32; n + 2],
        }
    }

    pub fn limbs(&self) -> usize {
        self.m.len()
    }

    /// out = a * b * R^{-1} mod m, for a, b < m (n limbs each). `out` may
    /// alias neither input (use a separate buffer).
    pub fn mul(&mut self, a: &[u32], b: &[u32], out: &mut [u32]) {
        let n = self.m.len();
        let m = &self.m[..];
        let t = &mut self.t[..];
        for x in t.iter_mut() {
            *x = 0;
        }
        for &bi in &b[..n] {
            let bi = bi as u64;
            let mut c: u64 = 0;
            for j in 0..n {
                let s = t[j] as u64 + a[j] as u64 * bi + c;
                t[j] = s as u32;
                c = s >> 32;
            }
            let s = t[n] as u64 + c;
            t[n] = s as u32;
            t[n + 1] = (s >> 32) as u32;
            let q = t[0].wrapping_mul(self.m0inv) as u64;
            let s = t[0] as u64 + q * m[0] as u64;
            let mut c = s >> 32;
            for j in 1..n {
                let s = t[j] as u64 + q * m[j] as u64 + c;
                t[j - 1] = s as u32;
                c = s >> 32;
            }
            let s = t[n] as u64 + c;
            t[n - 1] = s as u32;
            t[n] = t[n + 1] + (s >> 32) as u32;
        }
        // t < 2m: one conditional subtraction.
        out.copy_from_slice(&t[..n]);
        if t[n] != 0 || cmp_n(out, m) != core::cmp::Ordering::Less {
            sub_n(out, m);
        }
    }

    /// Convert x (any length) into Montgomery form x*R mod m.
    pub fn to_mont(&mut self, x: &[u32]) -> Vec<u32> {
        let xr = rem(x, &self.m);
        let r2 = self.r2.clone();
        let mut out = vec![0u32; self.m.len()];
        self.mul(&xr, &r2, &mut out);
        out
    }

    /// Convert out of Montgomery form.
    pub fn from_mont(&mut self, x: &[u32]) -> Vec<u32> {
        let mut one = vec![0u32; self.m.len()];
        one[0] = 1;
        let mut out = vec![0u32; self.m.len()];
        self.mul(x, &one, &mut out);
        out
    }

    /// base^exp mod m (exp as little-endian limbs).
    pub fn pow(&mut self, base: &[u32], exp: &[u32]) -> Vec<u32> {
        let n = self.m.len();
        let bm = self.to_mont(base);
        let mut one = vec![0u32; n];
        one[0] = 1;
        let mut acc = self.to_mont(&one);
        let mut tmp = vec![0u32; n];
        let ebits = bit_len(exp);
        for i in (0..ebits).rev() {
            self.mul(&acc, &acc, &mut tmp);
            core::mem::swap(&mut acc, &mut tmp);
            if (exp[i / 32] >> (i % 32)) & 1 == 1 {
                self.mul(&acc, &bm, &mut tmp);
                core::mem::swap(&mut acc, &mut tmp);
            }
        }
        self.from_mont(&acc)
    }
}

/// Number of significant bits.
pub fn bit_len(a: &[u32]) -> usize {
    let n = sig_len(a);
    if n == 0 {
        0
    } else {
        32 * n - a[n - 1].leading_zeros() as usize
    }
}

/// base^exp mod m with schoolbook multiplication and long division
/// (any non-zero modulus).
pub fn pow_plain(base: &[u32], exp: &[u32], m: &[u32]) -> Vec<u32> {
    let n = sig_len(m);
    assert!(n > 0, "modulus must be non-zero");
    let m = &m[..n];
    let b = rem(base, m);
    let mut acc = rem(&[1], m);
    for i in (0..bit_len(exp)).rev() {
        acc = rem(&mul(&acc, &acc), m);
        if (exp[i / 32] >> (i % 32)) & 1 == 1 {
            acc = rem(&mul(&acc, &b), m);
        }
    }
    acc
}

/// base^exp mod m; Montgomery for odd m, plain otherwise. The result has
/// `sig_len(m)` limbs. Panics if m == 0.
pub fn modpow(base: &[u32], exp: &[u32], m: &[u32]) -> Vec<u32> {
    assert!(!is_zero(m), "modulus must be non-zero");
    if m[0] & 1 == 1 {
        Montgomery::new(m).pow(base, exp)
    } else {
        pow_plain(base, exp, m)
    }
}

/// The guest's computation: r_0 = base, r_{k+1} = r_k^exp mod m for
/// `iterations` steps (iterations = 0 gives base mod m).
pub fn iterated_modpow(base: &[u32], exp: &[u32], m: &[u32], iterations: u32) -> Vec<u32> {
    assert!(!is_zero(m), "modulus must be non-zero");
    let n = sig_len(m);
    let m = &m[..n];
    if m[0] & 1 == 1 {
        let mut ctx = Montgomery::new(m);
        let mut r = rem(base, m);
        for _ in 0..iterations {
            r = ctx.pow(&r, exp);
        }
        r
    } else {
        let mut r = rem(base, m);
        for _ in 0..iterations {
            r = pow_plain(&r, exp, m);
        }
        r
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn limbs(x: u128) -> Vec<u32> {
        std::vec![
            x as u32,
            (x >> 32) as u32,
            (x >> 64) as u32,
            (x >> 96) as u32
        ]
    }

    fn val(a: &[u32]) -> u128 {
        let mut v = 0u128;
        for (i, &x) in a.iter().enumerate() {
            if x != 0 {
                assert!(i < 4);
                v |= (x as u128) << (32 * i);
            }
        }
        v
    }

    fn mulmod(a: u128, b: u128, m: u128) -> u128 {
        // Double-and-add to avoid u128 overflow.
        let (mut r, mut a, mut b) = (0u128, a % m, b);
        while b > 0 {
            if b & 1 == 1 {
                r = if r >= m - a { r - (m - a) } else { r + a };
            }
            a = if a >= m - a { a - (m - a) } else { a + a };
            b >>= 1;
        }
        r
    }

    fn powmod(b: u128, mut e: u128, m: u128) -> u128 {
        let mut r = 1 % m;
        let mut b = b % m;
        while e > 0 {
            if e & 1 == 1 {
                r = mulmod(r, b, m);
            }
            b = mulmod(b, b, m);
            e >>= 1;
        }
        r
    }

    struct Rng(u64);
    impl Rng {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            self.0
        }
        fn bits(&mut self, k: u32) -> u128 {
            let x = ((self.next() as u128) << 64) | self.next() as u128;
            if k >= 128 {
                x
            } else {
                x & ((1u128 << k) - 1)
            }
        }
    }

    #[test]
    fn bytes_roundtrip() {
        let b = [1u8, 2, 3, 4, 5, 6, 7];
        let l = from_be_bytes(&b);
        assert_eq!(l, std::vec![0x04050607, 0x010203]);
        assert_eq!(to_be_bytes(&l, 7), b.to_vec());
        assert_eq!(to_be_bytes(&l, 9), std::vec![0, 0, 1, 2, 3, 4, 5, 6, 7]);
        assert_eq!(from_be_bytes(&[]), std::vec![0]);
    }

    #[test]
    fn rem_random() {
        let mut rng = Rng(0x1234_5678_9abc_def1);
        for _ in 0..20000 {
            let ub = (rng.next() % 129) as u32;
            let vb = 1 + (rng.next() % 128) as u32;
            let u = rng.bits(ub);
            let mut v = rng.bits(vb);
            if v == 0 {
                v = 1;
            }
            // Sometimes use near-worst-case divisors for qhat correction.
            if rng.next().is_multiple_of(4) {
                v |= 1u128 << (vb - 1);
            }
            assert_eq!(val(&rem(&limbs(u), &limbs(v))), u % v, "{} % {}", u, v);
        }
        // Hacker's Delight add-back cases.
        let cases: [(u128, u128); 3] = [
            (
                0x8000_0000_0000_0000_0000_0000_0000_0000 - 1,
                0x8000_0000_0000_0001,
            ),
            (
                0x7fff_8000_0000_0000_0000_0000,
                0x8000_0000_0000_0001_0000_0000,
            ),
            (
                0x0000_8000_0000_fffe_0000_0000_0000_0000,
                0x8000_0000_ffff_0000_0000,
            ),
        ];
        for (u, v) in cases {
            assert_eq!(val(&rem(&limbs(u), &limbs(v))), u % v);
        }
    }

    #[test]
    fn modpow_random() {
        let mut rng = Rng(0xfeed_beef_0bad_cafe);
        for _ in 0..3000 {
            let mb = 1 + (rng.next() % 127) as u32;
            let mut m = rng.bits(mb);
            if m == 0 {
                m = 1;
            }
            let bb = (rng.next() % 129) as u32;
            let b = rng.bits(bb);
            let eb = (rng.next() % 80) as u32;
            let e = rng.bits(eb);
            let want = powmod(b, e, m);
            let got = modpow(&limbs(b), &limbs(e), &limbs(m));
            assert_eq!(val(&got), want, "{}^{} mod {}", b, e, m);
            if m & 1 == 1 {
                assert_eq!(val(&pow_plain(&limbs(b), &limbs(e), &limbs(m))), want);
            }
        }
    }

    #[test]
    fn edge_cases() {
        assert_eq!(val(&modpow(&[5], &[0], &[1])), 0);
        assert_eq!(val(&modpow(&[5], &[0], &[7])), 1);
        assert_eq!(val(&modpow(&[0], &[0], &[7])), 1);
        assert_eq!(val(&modpow(&[0], &[3], &[7])), 0);
        assert_eq!(val(&modpow(&[7], &[3], &[7])), 0);
        assert_eq!(val(&modpow(&[2], &[10], &[1024])), 0);
        assert_eq!(val(&modpow(&[2], &[10], &[1025])), 1024);
        assert_eq!(val(&iterated_modpow(&[3], &[2], &[1000], 3)), 6561 % 1000);
        assert_eq!(val(&iterated_modpow(&[1234], &[2], &[1000], 0)), 234);
    }
}
