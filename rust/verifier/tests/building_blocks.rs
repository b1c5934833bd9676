//! Unit checks of the verifier's building blocks, independent of the prover.

use zkvm_verifier::air::log_quotient_chunks;
use zkvm_verifier::field::extension::{self, Ext};
use zkvm_verifier::protocol::params::{
    blowup4_params, compact_params, conjectured_security_bits, fri_log_arities, standard_params,
    validate_log_trace_len, validate_params, StarkParams,
};
use zkvm_verifier::transcript::Transcript;
use zkvm_verifier::{commit::merkle, field, fri, protocol::domain, VerifyError};

fn ext(a: u32, b: u32, c: u32, d: u32) -> Ext {
    [a, b, c, d]
}

#[test]
fn quotient_chunk_counts() {
    // degree d needs ceil(log2(d - 1)) doubling of the trace domain.
    let expected = [
        (0u32, 0u32),
        (1, 0),
        (2, 0),
        (3, 1),
        (4, 2),
        (5, 2),
        (6, 3),
        (9, 3),
        (10, 4),
    ];
    for (degree, log_chunks) in expected {
        assert_eq!(log_quotient_chunks(degree), log_chunks, "degree {degree}");
    }
}

/// Parameters valid in every field, changed by `edit`.
fn params_with(edit: impl FnOnce(&mut StarkParams)) -> StarkParams {
    let mut p = StarkParams {
        log_blowup: 1,
        num_queries: 10,
        pow_bits: 0,
        log_final_poly_len: 0,
        log_fri_arity: 1,
        log_cap_height: 0,
        zk: false,
    };
    edit(&mut p);
    p
}

#[test]
fn parameter_validation_and_security() {
    assert!(validate_params(&standard_params()).is_ok());
    assert!(validate_params(&blowup4_params()).is_ok());
    assert!(validate_params(&compact_params()).is_ok());
    assert!(validate_params(&params_with(|_| {})).is_ok());
    assert!(validate_params(&params_with(|p| p.log_fri_arity = 4)).is_ok());
    assert!(validate_params(&params_with(|p| p.log_cap_height = 10)).is_ok());
    let bad = [
        params_with(|p| p.log_blowup = 0),
        params_with(|p| p.log_blowup = 5),
        params_with(|p| p.num_queries = 0),
        params_with(|p| p.pow_bits = 33),
        params_with(|p| p.log_final_poly_len = 11),
        params_with(|p| p.log_fri_arity = 0),
        params_with(|p| p.log_fri_arity = 5),
        params_with(|p| p.log_cap_height = 11),
    ];
    for p in &bad {
        assert_eq!(validate_params(p), Err(VerifyError::InvalidParameters));
    }
    let p = standard_params();
    assert_eq!(
        validate_log_trace_len(&p, 2),
        Err(VerifyError::InvalidTraceLength)
    );
    assert!(validate_log_trace_len(&p, 3).is_ok());
    assert!(validate_log_trace_len(&p, 26).is_ok());
    assert_eq!(
        validate_log_trace_len(&p, 27),
        Err(VerifyError::InvalidTraceLength)
    );
    // min(100 * 1 + 16, 123 - (log_n + 1))
    assert_eq!(conjectured_security_bits(&p, 20), 102);
    assert_eq!(conjectured_security_bits(&p, 22), 100);
    assert_eq!(conjectured_security_bits(&p, 10), 112);
    assert_eq!(conjectured_security_bits(&blowup4_params(), 20), 101);
    // compact: min(40 * 2 + 20, 123 - (log_n + 2) - (2 - 1))
    let c = compact_params();
    assert_eq!(conjectured_security_bits(&c, 16), 100);
    assert_eq!(conjectured_security_bits(&c, 20), 100);
    assert_eq!(conjectured_security_bits(&c, 21), 99);
    // FRI folds by the arity down to the final layer (final polynomial times
    // blowup), and lands on every table's LDE size on the way.
    assert_eq!(fri_log_arities(&c, &[18]), vec![2, 2, 2, 2, 2]);
    assert_eq!(fri_log_arities(&c, &[19]), vec![2, 2, 2, 2, 2, 1]);
    assert_eq!(fri_log_arities(&c, &[19, 15]), vec![2, 2, 2, 2, 2, 1]);
    assert_eq!(fri_log_arities(&c, &[19, 16]), vec![2, 1, 2, 2, 2, 2]);
    assert_eq!(
        fri_log_arities(&c, &[20, 8, 19, 19]),
        vec![1, 2, 2, 2, 2, 2, 1]
    );
    assert_eq!(fri_log_arities(&c, &[8]), Vec::<u32>::new());
    assert_eq!(fri_log_arities(&p, &[17]), vec![1; 13]);
    let eight = params_with(|p| {
        p.log_fri_arity = 3;
        p.log_final_poly_len = 2
    });
    assert_eq!(fri_log_arities(&eight, &[11]), vec![3, 3, 2]);
    assert_eq!(fri_log_arities(&eight, &[11, 9]), vec![2, 3, 3]);
}

#[test]
fn transcript_is_deterministic_and_order_sensitive() {
    let mut a = Transcript::new();
    let mut b = Transcript::new();
    a.absorb_u32(7);
    b.absorb_u32(7);
    assert_eq!(a.squeeze_ext(), b.squeeze_ext());
    let mut c = Transcript::new();
    c.absorb_bytes(&[7, 0]);
    c.absorb_bytes(&[0, 0]);
    let mut d = Transcript::new();
    d.absorb_bytes(&[7, 0, 0, 0]);
    // Length prefixes keep different splits of the same bytes apart.
    assert_ne!(c.squeeze_block(), d.squeeze_block());
    let mut t = Transcript::new();
    for bits in 0..=27 {
        let i = t.squeeze_index(bits);
        assert!((i as u64) < (1u64 << bits));
        assert!(field::is_canonical(t.squeeze_field()));
        assert!(extension::is_canonical(&t.squeeze_ext()));
    }
    // A nonce meeting 8 bits of work exists among the first few thousand.
    let found = (0..100_000u64).find(|&n| t.check_pow(n, 8)).unwrap();
    assert!(t.check_pow(found, 8));
    assert!(t.check_pow(found, 0));
}

#[test]
fn merkle_rejects_wrong_shapes() {
    let leaves: Vec<[u8; 32]> = (0..4u32).map(|i| merkle::leaf_hash(&[i])).collect();
    let left = merkle::node_hash(&leaves[0], &leaves[1]);
    let right = merkle::node_hash(&leaves[2], &leaves[3]);
    let root = merkle::node_hash(&left, &right);
    assert!(merkle::verify_opening(
        &root,
        2,
        2,
        &[2],
        &[leaves[3], left]
    ));
    assert!(!merkle::verify_opening(&root, 2, 2, &[2], &[leaves[3]]));
    assert!(!merkle::verify_opening(
        &root,
        3,
        2,
        &[2],
        &[leaves[3], left]
    ));
    assert!(!merkle::verify_opening(
        &root,
        2,
        6,
        &[2],
        &[leaves[3], left]
    ));
    assert!(!merkle::verify_opening(
        &root,
        2,
        3,
        &[2],
        &[leaves[3], left]
    ));
    // Leaves and nodes are domain-separated: a node's children are not a leaf.
    assert_ne!(
        merkle::leaf_hash(&[]),
        merkle::node_hash(&[0; 32], &[0; 32])
    );
}

/// Evaluates sum c_i x^i with extension coefficients at an extension point (test reference).
fn eval_ext(coeffs: &[Ext], x: &Ext) -> Ext {
    let mut acc = extension::ZERO;
    for c in coeffs.iter().rev() {
        acc = extension::add(&extension::mul(&acc, x), c);
    }
    acc
}

#[test]
fn fold_is_even_plus_beta_odd() {
    // f of degree < 8 with extension coefficients.
    let coeffs: Vec<Ext> = (0..8u32)
        .map(|i| ext(3 * i + 1, i * i, 7, 11 * i + 5))
        .collect();
    let even: Vec<Ext> = coeffs.iter().step_by(2).copied().collect();
    let odd: Vec<Ext> = coeffs.iter().skip(1).step_by(2).copied().collect();
    let beta = ext(5, 6, 7, 8);
    for j in 0..16u64 {
        let x = domain::coset_point(0, 5, j).unwrap();
        let lo = fri::eval_poly_at_base(&coeffs, x);
        let hi = fri::eval_poly_at_base(&coeffs, field::neg(x));
        let folded = fri::fold_pair(&lo, &hi, &beta, x);
        let x2 = extension::from_base(field::mul(x, x));
        let expected = extension::add(
            &eval_ext(&even, &x2),
            &extension::mul(&beta, &eval_ext(&odd, &x2)),
        );
        assert_eq!(folded, expected);
        // x^2 is element j of the next domain.
        assert_eq!(field::mul(x, x), domain::coset_point(1, 4, j).unwrap());
        // -x is element j + 16 of this domain.
        assert_eq!(field::neg(x), domain::coset_point(0, 5, j + 16).unwrap());
    }
}

#[test]
fn selectors_vanish_where_they_should() {
    let log_n = 3;
    let omega = domain::subgroup_generator(log_n).unwrap();
    // On the trace domain itself the selectors are undefined (Z_H = 0): a typed error.
    assert_eq!(
        domain::selectors_at(&extension::from_base(omega), log_n).err(),
        Some(VerifyError::DegenerateChallenge)
    );
    let z = ext(9, 8, 7, 6);
    let s = domain::selectors_at(&z, log_n).unwrap();
    // is_first_row * (z - 1) = Z_H(z)
    assert_eq!(
        extension::mul(&s.is_first_row, &extension::sub(&z, &extension::ONE)),
        domain::vanishing_at(&z, log_n)
    );
}

/// Every table height the RV32IM machine accepts keeps at least 100 bits of
/// conjectured security with the receipts' parameters (the field term
/// 123 - log2|LDE| - (log_arity - 1) is 100 at 2^20 rows, 99 above).
#[test]
fn every_accepted_rv32im_height_has_100_conjectured_bits() {
    use zkvm_verifier::air::{table_shape, TableId};
    use zkvm_verifier::receipt::rv32im_params;
    let params = rv32im_params();
    let ids = [
        TableId::Rv32Cpu,
        TableId::Rv32Alu,
        TableId::Rv32Logic,
        TableId::Rv32Mul,
        TableId::Rv32Div,
        TableId::Rv32Mem,
        TableId::Rv32Syscall,
        TableId::Rv32Io,
        TableId::Rv32Boundary,
        TableId::Rv32Range,
        TableId::Rv32Fixed,
    ];
    let mut tallest = 0;
    for id in &ids {
        let shape = table_shape(id);
        assert!(shape.max_log_height <= 20, "{id:?}");
        tallest = tallest.max(shape.max_log_height);
    }
    assert_eq!(tallest, 20);
    for log_n in 6..=tallest {
        assert!(
            conjectured_security_bits(&params, log_n) >= 100,
            "2^{log_n}"
        );
    }
    assert_eq!(conjectured_security_bits(&params, tallest + 1), 99);
}
