//! The prover's Merkle trees and LDE agree with the verifier's definitions.

mod common;

use common::TestRng;
use p3_dft::TwoAdicSubgroupDft;
use p3_field::{Field, PrimeCharacteristicRing, TwoAdicField};
use p3_matrix::dense::RowMajorMatrix;
use zkvm_prover::merkle::MerkleTree;
use zkvm_prover::poly::{coset_lde_from_coeffs, eval_columns_at, Dft};
use zkvm_prover::types::{ext_to_array, from_u32, to_u32, F};
use zkvm_verifier::commit::hash::Digest;
use zkvm_verifier::commit::merkle::{
    cap_height, leaf_hash, node_hash, verify_cap_opening, verify_opening,
};
use zkvm_verifier::{field, field::extension, protocol::domain};

/// The root recomputed from the rows with the verifier's functions only.
fn reference_root(rows: &[Vec<u32>]) -> Digest {
    let mut level: Vec<Digest> = rows.iter().map(|r| leaf_hash(r)).collect();
    while level.len() > 1 {
        level = level.chunks(2).map(|p| node_hash(&p[0], &p[1])).collect();
    }
    level[0]
}

#[test]
fn prover_merkle_root_equals_verifier_recomputation() {
    let mut rng = TestRng(3);
    for (log_rows, width) in [(0usize, 1usize), (1, 3), (4, 2), (7, 5), (10, 8)] {
        let rows: Vec<Vec<u32>> = (0..1 << log_rows)
            .map(|_| (0..width).map(|_| rng.field()).collect())
            .collect();
        let flat: Vec<F> = rows.iter().flatten().map(|&v| from_u32(v)).collect();
        let tree = MerkleTree::from_rows(&flat, width);
        assert_eq!(tree.root(), reference_root(&rows));
        for index in [0, (1 << log_rows) - 1, (1 << log_rows) / 3] {
            let opening = tree.open_row(&flat, width, index, 0);
            assert_eq!(opening.values, rows[index]);
            assert!(verify_opening(
                &tree.root(),
                log_rows,
                index,
                &opening.values,
                &opening.path
            ));
            if log_rows > 0 {
                // The same opening does not authenticate another index or other values.
                assert!(!verify_opening(
                    &tree.root(),
                    log_rows,
                    index ^ 1,
                    &opening.values,
                    &opening.path
                ));
                let mut wrong = opening.values.clone();
                wrong[0] = field::add(wrong[0], 1);
                assert!(!verify_opening(
                    &tree.root(),
                    log_rows,
                    index,
                    &wrong,
                    &opening.path
                ));
            }
        }
    }
}

/// The level `height` below the root, recomputed with the verifier's functions.
fn reference_level(rows: &[Vec<u32>], height: usize) -> Vec<Digest> {
    let mut level: Vec<Digest> = rows.iter().map(|r| leaf_hash(r)).collect();
    while level.len() > 1 << height {
        level = level.chunks(2).map(|p| node_hash(&p[0], &p[1])).collect();
    }
    level
}

#[test]
fn capped_openings_verify_against_the_cap_only() {
    let mut rng = TestRng(5);
    for (log_rows, width) in [(0usize, 2usize), (1, 1), (3, 3), (6, 4), (9, 2)] {
        let rows: Vec<Vec<u32>> = (0..1 << log_rows)
            .map(|_| (0..width).map(|_| rng.field()).collect())
            .collect();
        let flat: Vec<F> = rows.iter().flatten().map(|&v| from_u32(v)).collect();
        let tree = MerkleTree::from_rows(&flat, width);
        for log_cap in [0usize, 1, 2, 4, 9, 12] {
            let height = cap_height(log_rows, log_cap);
            assert_eq!(height, log_cap.min(log_rows));
            let cap = tree.cap(log_cap);
            assert_eq!(cap, reference_level(&rows, height));
            assert_eq!(cap.len(), 1 << height);
            if log_cap == 0 {
                assert_eq!(cap, vec![tree.root()]);
            }
            for index in [0, (1 << log_rows) - 1, (1 << log_rows) / 3] {
                let opening = tree.open_row(&flat, width, index, log_cap);
                assert_eq!(opening.path.len(), log_rows - height);
                assert_eq!(
                    opening.path[..],
                    tree.path(index)[..log_rows - height],
                    "the capped path is a prefix of the full one"
                );
                assert!(verify_cap_opening(
                    &cap,
                    log_rows,
                    log_cap,
                    index,
                    &opening.values,
                    &opening.path
                ));
                // Wrong values, index, cap digest, cap length, path length or depth.
                let mut wrong = opening.values.clone();
                wrong[0] = field::add(wrong[0], 1);
                assert!(!verify_cap_opening(
                    &cap,
                    log_rows,
                    log_cap,
                    index,
                    &wrong,
                    &opening.path
                ));
                if log_rows > 0 {
                    assert!(!verify_cap_opening(
                        &cap,
                        log_rows,
                        log_cap,
                        index ^ 1,
                        &opening.values,
                        &opening.path
                    ));
                }
                let mut other_cap = cap.clone();
                other_cap[index >> (log_rows - height)][0] ^= 1;
                assert!(!verify_cap_opening(
                    &other_cap,
                    log_rows,
                    log_cap,
                    index,
                    &opening.values,
                    &opening.path
                ));
                let mut longer_cap = cap.clone();
                longer_cap.push([0; 32]);
                assert!(!verify_cap_opening(
                    &longer_cap,
                    log_rows,
                    log_cap,
                    index,
                    &opening.values,
                    &opening.path
                ));
                let mut longer_path = opening.path.clone();
                longer_path.push([0; 32]);
                assert!(!verify_cap_opening(
                    &cap,
                    log_rows,
                    log_cap,
                    index,
                    &opening.values,
                    &longer_path
                ));
                assert!(!verify_cap_opening(
                    &cap,
                    log_rows,
                    log_cap,
                    index + (1 << log_rows),
                    &opening.values,
                    &opening.path
                ));
                assert!(!verify_cap_opening(
                    &cap,
                    usize::BITS as usize,
                    log_cap,
                    index,
                    &opening.values,
                    &opening.path
                ));
            }
        }
    }
}

#[test]
fn single_leaf_tree_root_is_leaf_hash() {
    let tree = MerkleTree::from_rows(&[from_u32(5), from_u32(6)], 2);
    assert_eq!(tree.root(), leaf_hash(&[5, 6]));
    assert!(verify_opening(&tree.root(), 0, 0, &[5, 6], &[]));
}

#[test]
fn lde_rows_are_evaluations_at_coset_points() {
    let mut rng = TestRng(4);
    let (log_n, width, log_blowup) = (4usize, 3usize, 2usize);
    let n = 1 << log_n;
    let values: Vec<F> = (0..n * width).map(|_| from_u32(rng.field())).collect();
    let dft = Dft::default();
    let coeffs = dft.idft_batch(RowMajorMatrix::new(values.clone(), width));
    let lde = coset_lde_from_coeffs(&dft, &coeffs.values, width, log_blowup, F::GENERATOR);
    let log_lde = (log_n + log_blowup) as u32;
    for i in 0..(n << log_blowup) {
        let x = domain::coset_point(0, log_lde, i as u64).unwrap();
        let at_x = eval_columns_at(&coeffs.values, width, from_u32(x).into());
        for (j, value) in at_x.iter().enumerate() {
            assert_eq!(
                ext_to_array(*value),
                extension::from_base(to_u32(lde.values[i * width + j]))
            );
        }
    }
    // The interpolant takes the trace values on the trace domain.
    let omega = F::two_adic_generator(log_n);
    for i in 0..n {
        let at = eval_columns_at(&coeffs.values, width, omega.exp_u64(i as u64).into());
        for j in 0..width {
            assert_eq!(at[j], values[i * width + j].into());
        }
    }
}
