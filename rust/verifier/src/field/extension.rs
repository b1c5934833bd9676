//! The quartic extension F_p[X] / (X^4 - 11) of BabyBear.
//!
//! An element is its four coefficients [c0, c1, c2, c3] in the basis
//! 1, X, X^2, X^3, each canonical. This is exactly Plonky3's
//! `BinomialExtensionField<BabyBear, 4>` (W = 11): X^4 - 11 is irreducible
//! over BabyBear because 11 is not a square and p = 1 mod 4.

use crate::field;

/// An extension-field element: coefficients of 1, X, X^2, X^3.
pub type Ext = [u32; 4];

/// The non-residue W with X^4 = W.
pub const W: u32 = 11;

pub const ZERO: Ext = [0, 0, 0, 0];
pub const ONE: Ext = [1, 0, 0, 0];

/// Embeds a base-field element.
pub fn from_base(a: u32) -> Ext {
    [a, 0, 0, 0]
}

pub fn is_canonical(a: &Ext) -> bool {
    field::is_canonical(a[0])
        && field::is_canonical(a[1])
        && field::is_canonical(a[2])
        && field::is_canonical(a[3])
}

pub fn is_zero(a: &Ext) -> bool {
    a[0] == 0 && a[1] == 0 && a[2] == 0 && a[3] == 0
}

/// Whether the element lies in the base field (coefficients of X, X^2, X^3 are 0).
pub fn is_in_base_field(a: &Ext) -> bool {
    a[1] == 0 && a[2] == 0 && a[3] == 0
}

pub fn add(a: &Ext, b: &Ext) -> Ext {
    [
        field::add(a[0], b[0]),
        field::add(a[1], b[1]),
        field::add(a[2], b[2]),
        field::add(a[3], b[3]),
    ]
}

pub fn sub(a: &Ext, b: &Ext) -> Ext {
    [
        field::sub(a[0], b[0]),
        field::sub(a[1], b[1]),
        field::sub(a[2], b[2]),
        field::sub(a[3], b[3]),
    ]
}

pub fn neg(a: &Ext) -> Ext {
    [
        field::neg(a[0]),
        field::neg(a[1]),
        field::neg(a[2]),
        field::neg(a[3]),
    ]
}

/// Multiplication by a base-field element.
pub fn mul_base(a: &Ext, b: u32) -> Ext {
    if is_in_base_field(a) {
        return [field::mul(a[0], b), 0, 0, 0];
    }
    [
        field::mul(a[0], b),
        field::mul(a[1], b),
        field::mul(a[2], b),
        field::mul(a[3], b),
    ]
}

/// Schoolbook product, reducing X^4 = W.
pub fn mul(a: &Ext, b: &Ext) -> Ext {
    // Base-field operands (most values of the AIR's main trace) need fewer
    // products; the result is the same.
    if is_in_base_field(a) {
        return mul_base(b, a[0]);
    }
    if is_in_base_field(b) {
        return mul_base(a, b[0]);
    }
    // c_k = sum_{i+j=k} a_i b_j + W * sum_{i+j=k+4} a_i b_j
    let a0 = a[0];
    let a1 = a[1];
    let a2 = a[2];
    let a3 = a[3];
    let b0 = b[0];
    let b1 = b[1];
    let b2 = b[2];
    let b3 = b[3];
    // Terms that wrap around X^4 (degree 4, 5, 6).
    let d4 = field::add(
        field::add(field::mul(a1, b3), field::mul(a2, b2)),
        field::mul(a3, b1),
    );
    let d5 = field::add(field::mul(a2, b3), field::mul(a3, b2));
    let d6 = field::mul(a3, b3);
    let c0 = field::add(field::mul(a0, b0), field::mul(W, d4));
    let c1 = field::add(
        field::add(field::mul(a0, b1), field::mul(a1, b0)),
        field::mul(W, d5),
    );
    let c2 = field::add(
        field::add(
            field::add(field::mul(a0, b2), field::mul(a1, b1)),
            field::mul(a2, b0),
        ),
        field::mul(W, d6),
    );
    let c3 = field::add(
        field::add(field::mul(a0, b3), field::mul(a1, b2)),
        field::add(field::mul(a2, b1), field::mul(a3, b0)),
    );
    [c0, c1, c2, c3]
}

pub fn square(a: &Ext) -> Ext {
    mul(a, a)
}

/// a^e by square-and-multiply.
pub fn pow(a: &Ext, e: u64) -> Ext {
    let mut result = ONE;
    let mut base = *a;
    let mut rest = e;
    while rest > 0 {
        if rest & 1 == 1 {
            result = mul(&result, &base);
        }
        base = square(&base);
        rest = rest >> 1;
    }
    result
}

/// The multiplicative inverse, or zero for zero (callers check for zero).
///
/// Write a = E(Y) + X O(Y) with Y = X^2. Then a(X) a(-X) = E^2 - Y O^2 =: b0 + b1 Y
/// lies in the quadratic subfield, and (b0 + b1 Y)(b0 - b1 Y) = b0^2 - W b1^2 = n
/// lies in the base field. So a^{-1} = a(-X) (b0 - b1 Y) / n.
pub fn inv(a: &Ext) -> Ext {
    let a0 = a[0];
    let a1 = a[1];
    let a2 = a[2];
    let a3 = a[3];
    // b0 = a0^2 + W a2^2 - 2 W a1 a3
    let b0 = field::sub(
        field::add(field::mul(a0, a0), field::mul(W, field::mul(a2, a2))),
        field::mul(field::mul(2, W), field::mul(a1, a3)),
    );
    // b1 = 2 a0 a2 - a1^2 - W a3^2
    let b1 = field::sub(
        field::sub(field::mul(2, field::mul(a0, a2)), field::mul(a1, a1)),
        field::mul(W, field::mul(a3, a3)),
    );
    let norm = field::sub(field::mul(b0, b0), field::mul(W, field::mul(b1, b1)));
    let norm_inv = field::inv(norm);
    let conj_x: Ext = [a0, field::neg(a1), a2, field::neg(a3)];
    let conj_y: Ext = [
        field::mul(b0, norm_inv),
        0,
        field::neg(field::mul(b1, norm_inv)),
        0,
    ];
    mul(&conj_x, &conj_y)
}

/// Multiplication by the basis monomial X^e (e < 4): a shift of coefficients with wrap-around times W.
pub fn mul_by_basis(a: &Ext, e: usize) -> Ext {
    let x_pow: Ext = if e == 0 {
        [1, 0, 0, 0]
    } else if e == 1 {
        [0, 1, 0, 0]
    } else if e == 2 {
        [0, 0, 1, 0]
    } else {
        [0, 0, 0, 1]
    };
    mul(a, &x_pow)
}
