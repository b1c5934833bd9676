//! BabyBear prime field arithmetic on canonical `u32` representatives.
//!
//! p = 15 * 2^27 + 1 = 2013265921. Every value handled here is assumed
//! canonical (< p); every function returns a canonical value. Products are
//! computed in `u64`, where (p-1)^2 < 2^62 cannot overflow.

pub mod extension;

/// The field modulus p = 15 * 2^27 + 1.
pub const P: u32 = 2013265921;

/// The same modulus as a `u64`, for products.
const P64: u64 = 2013265921;

/// A multiplicative generator of the whole group F_p^* (the coset shift of the LDE domain).
pub const GENERATOR: u32 = 31;

/// The largest k such that 2^k divides p - 1.
pub const TWO_ADICITY: u32 = 27;

/// A fixed primitive 2^27-th root of unity (the value Plonky3 uses).
/// The generator of the subgroup of order 2^k is this value squared 27 - k times.
pub const TWO_ADIC_ROOT: u32 = 0x1a42_7a41;

/// Whether `a` is a canonical representative.
pub fn is_canonical(a: u32) -> bool {
    a < P
}

pub fn add(a: u32, b: u32) -> u32 {
    // a, b < p < 2^31, so the sum fits in a u32.
    let s = a + b;
    if s >= P {
        s - P
    } else {
        s
    }
}

pub fn sub(a: u32, b: u32) -> u32 {
    if a >= b {
        a - b
    } else {
        // a < b < p, so p - b + a < p.
        (P - b) + a
    }
}

pub fn neg(a: u32) -> u32 {
    if a == 0 {
        0
    } else {
        P - a
    }
}

pub fn mul(a: u32, b: u32) -> u32 {
    let prod = (a as u64) * (b as u64);
    (prod % P64) as u32
}

/// a^e by square-and-multiply over the bits of e (least significant first).
pub fn pow(a: u32, e: u64) -> u32 {
    let mut result: u32 = 1;
    let mut base = a;
    let mut rest = e;
    while rest > 0 {
        if rest & 1 == 1 {
            result = mul(result, base);
        }
        base = mul(base, base);
        rest = rest >> 1;
    }
    result
}

/// The multiplicative inverse a^(p-2). Returns 0 for a = 0: callers that
/// divide must check for zero themselves.
pub fn inv(a: u32) -> u32 {
    pow(a, P64 - 2)
}

/// Squares `a` `k` times: a^(2^k).
pub fn square_n(a: u32, k: u32) -> u32 {
    let mut result = a;
    let mut i: u32 = 0;
    while i < k {
        result = mul(result, result);
        i += 1;
    }
    result
}

/// The generator of the multiplicative subgroup of order 2^bits, or `None`
/// if bits exceeds the two-adicity.
pub fn two_adic_generator(bits: u32) -> Option<u32> {
    if bits > TWO_ADICITY {
        return None;
    }
    Some(square_n(TWO_ADIC_ROOT, TWO_ADICITY - bits))
}

/// Reduces an arbitrary u32 to its canonical representative.
pub fn from_u32_reduced(a: u32) -> u32 {
    a % P
}
