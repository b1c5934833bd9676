//! Field types and conversions between Plonky3's representation and the
//! verifier's canonical `u32` / `[u32; 4]` encoding.

use p3_baby_bear::BabyBear;
use p3_field::extension::BinomialExtensionField;
use p3_field::{BasedVectorSpace, PrimeField32};
use zkvm_verifier::field::extension::Ext;

pub type F = BabyBear;
/// The quartic extension X^4 - 11, the same field as `zkvm_verifier::field::extension`.
pub type EF = BinomialExtensionField<BabyBear, 4>;

pub fn to_u32(x: F) -> u32 {
    x.as_canonical_u32()
}

/// `x` must be canonical (< p).
pub fn from_u32(x: u32) -> F {
    F::new(x)
}

pub fn ext_to_array(x: EF) -> Ext {
    let c = x.as_basis_coefficients_slice();
    [to_u32(c[0]), to_u32(c[1]), to_u32(c[2]), to_u32(c[3])]
}

pub fn ext_from_array(x: &Ext) -> EF {
    EF::from_basis_coefficients_fn(|i| from_u32(x[i]))
}
