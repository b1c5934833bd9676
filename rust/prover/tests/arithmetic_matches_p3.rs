//! The verifier's own field and extension arithmetic equals Plonky3's.

mod common;

use common::TestRng;
use p3_field::{Field, PrimeCharacteristicRing, TwoAdicField};
use zkvm_prover::types::{ext_from_array, ext_to_array, from_u32, to_u32, EF, F};
use zkvm_verifier::{field, field::extension};

#[test]
fn base_field_matches_p3() {
    let mut rng = TestRng(1);
    let mut samples: Vec<u32> = vec![0, 1, 2, field::P - 1, field::P - 2, field::P / 2];
    for _ in 0..2000 {
        samples.push(rng.field());
    }
    for (i, &a) in samples.iter().enumerate() {
        let b = samples[(i * 7 + 3) % samples.len()];
        let (pa, pb) = (from_u32(a), from_u32(b));
        assert_eq!(field::add(a, b), to_u32(pa + pb));
        assert_eq!(field::sub(a, b), to_u32(pa - pb));
        assert_eq!(field::neg(a), to_u32(-pa));
        assert_eq!(field::mul(a, b), to_u32(pa * pb));
        let e = rng.next_u64();
        assert_eq!(field::pow(a, e), to_u32(pa.exp_u64(e)));
        if a != 0 {
            assert_eq!(field::inv(a), to_u32(pa.inverse()));
        }
    }
    assert_eq!(field::inv(0), 0);
}

#[test]
fn constants_match_p3() {
    assert_eq!(field::GENERATOR, to_u32(F::GENERATOR));
    assert_eq!(field::TWO_ADICITY as usize, F::TWO_ADICITY);
    for bits in 0..=field::TWO_ADICITY {
        assert_eq!(
            field::two_adic_generator(bits),
            Some(to_u32(F::two_adic_generator(bits as usize))),
            "bits {bits}"
        );
    }
    assert_eq!(field::two_adic_generator(28), None);
    // omega_{2^27} has order exactly 2^27.
    let root = field::TWO_ADIC_ROOT;
    assert_eq!(field::square_n(root, 27), 1);
    assert_ne!(field::square_n(root, 26), 1);
}

#[test]
fn extension_field_matches_p3() {
    let mut rng = TestRng(2);
    for _ in 0..2000 {
        let (a, b) = (rng.ext(), rng.ext());
        let (pa, pb) = (ext_from_array(&a), ext_from_array(&b));
        assert_eq!(ext_to_array(pa), a);
        assert_eq!(extension::add(&a, &b), ext_to_array(pa + pb));
        assert_eq!(extension::sub(&a, &b), ext_to_array(pa - pb));
        assert_eq!(extension::neg(&a), ext_to_array(-pa));
        assert_eq!(extension::mul(&a, &b), ext_to_array(pa * pb));
        let s = rng.field();
        assert_eq!(extension::mul_base(&a, s), ext_to_array(pa * from_u32(s)));
        let e = rng.next_u64();
        assert_eq!(extension::pow(&a, e), ext_to_array(pa.exp_u64(e)));
        assert_eq!(extension::inv(&a), ext_to_array(pa.inverse()));
        assert_eq!(extension::mul(&a, &extension::inv(&a)), extension::ONE);
        for e in 0..4 {
            let basis = EF::ith_basis_element_for_test(e);
            assert_eq!(extension::mul_by_basis(&a, e), ext_to_array(pa * basis));
        }
    }
    assert_eq!(extension::inv(&extension::ZERO), extension::ZERO);
}

/// X^e as a Plonky3 element.
trait BasisForTest {
    fn ith_basis_element_for_test(e: usize) -> EF;
}

impl BasisForTest for EF {
    fn ith_basis_element_for_test(e: usize) -> EF {
        let mut c = [0u32; 4];
        c[e] = 1;
        ext_from_array(&c)
    }
}
