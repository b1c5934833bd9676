//! The prover's fast RV32IM evaluation (rv32im_fast.rs) equals the
//! normative one (zkvm_verifier::air::rv32im_v1, logup, stark::all_constraints_at
//! and air::fold_constraints): constraint by constraint, fraction by
//! fraction and folded, on random rows and on real trace rows, one point at
//! a time and on packed lanes; the quotient values and the auxiliary trace
//! of both paths agree, and so do whole proofs, byte for byte.

mod common;
mod example_inputs;

use common::TestRng;
use example_inputs::{example_elf, small_input};
use p3_field::{ExtensionField, Field, PackedValue, PrimeCharacteristicRing};
use p3_matrix::dense::RowMajorMatrix;
use p3_matrix::Matrix;
use zkvm_prover::logup::{build_aux_trace, build_aux_trace_rv32im, fixed_fp_columns};
use zkvm_prover::quotient::{
    quotient_values_normative, quotient_values_rv32im_with, NormativeQuotientInput,
};
use zkvm_prover::rv32im::build_trace;
use zkvm_prover::rv32im::verifying_key;
use zkvm_prover::rv32im_fast::{
    self as fast, eval_constraints, eval_fractions, FastFraction, FoldContext, LookupCoords, Sel,
};
use zkvm_prover::types::{ext_to_array, from_u32, to_u32, EF, F};
use zkvm_prover::{prove_with_hooks, ProverOptions, TestHooks};
use zkvm_verifier::air::rv32im_v1 as air;
use zkvm_verifier::air::{
    fixed_tables, fold_constraints, table_shape, LookupChallenges, Selectors, TableId,
};
use zkvm_verifier::field::extension::{self, Ext};
use zkvm_verifier::protocol::logup::fingerprint_base;
use zkvm_verifier::protocol::stark::all_constraints_at;
use zkvm_verifier::protocol::vk::VerifyingKey;
use zkvm_verifier::receipt::program::load_program;
use zkvm_verifier::receipt::statement_of;

type P = <F as Field>::Packing;
type EP = <EF as ExtensionField<F>>::ExtensionPacking;

const AUX_EXT: usize = fast::AUX_EXT_WIDTH;

fn lift(v: &[u32]) -> Vec<Ext> {
    v.iter().map(|&x| extension::from_base(x)).collect()
}
fn to_f(v: &[u32]) -> Vec<F> {
    v.iter().map(|&x| from_u32(x)).collect()
}
fn ext_of(x: EF) -> Ext {
    ext_to_array(x)
}
/// Extension columns from their base coordinates (4 per column).
fn ext_columns(coords: &[u32]) -> Vec<Ext> {
    coords.chunks(4).map(|c| [c[0], c[1], c[2], c[3]]).collect()
}

fn rv32im_air() -> TableId {
    TableId::Rv32imV1
}

fn example(name: &str) -> (Vec<u8>, Vec<u8>) {
    (example_elf(name), small_input(name))
}

/// A random point: rows, public values, base selectors, aux values,
/// challenges, claimed sum, alpha. `values` draws the main-trace cells.
struct Point {
    local: Vec<u32>,
    next: Vec<u32>,
    aux_local: Vec<u32>,
    aux_next: Vec<u32>,
    public: Vec<u32>,
    sel: [u32; 3],
    lc: LookupChallenges,
    claimed_sum: Ext,
    alpha: Ext,
}

fn random_point(rng: &mut TestRng, local: Vec<u32>, next: Vec<u32>) -> Point {
    Point {
        local,
        next,
        aux_local: (0..4 * AUX_EXT).map(|_| rng.field()).collect(),
        aux_next: (0..4 * AUX_EXT).map(|_| rng.field()).collect(),
        public: (0..air::NUM_PUBLIC_VALUES).map(|_| rng.field()).collect(),
        sel: [rng.field(), rng.field(), rng.field()],
        lc: LookupChallenges {
            point: rng.ext(),
            beta: rng.ext(),
        },
        claimed_sum: rng.ext(),
        alpha: rng.ext(),
    }
}

fn random_row(rng: &mut TestRng) -> Vec<u32> {
    (0..air::WIDTH).map(|_| rng.field()).collect()
}

/// A row of random bits and small values: exercises the same polynomials on
/// values closer to real rows (booleans 0/1, limbs < 2^16).
fn random_small_row(rng: &mut TestRng) -> Vec<u32> {
    (0..air::WIDTH)
        .map(|_| match rng.below(3) {
            0 => rng.below(2) as u32,
            1 => rng.below(1 << 16) as u32,
            _ => rng.field(),
        })
        .collect()
}

fn normative_selectors(sel: &[u32; 3]) -> Selectors {
    Selectors {
        is_first_row: extension::from_base(sel[0]),
        is_last_row: extension::from_base(sel[1]),
        is_transition: extension::from_base(sel[2]),
    }
}

fn fast_selectors(sel: &[u32; 3]) -> Sel<F> {
    Sel {
        is_first_row: from_u32(sel[0]),
        is_last_row: from_u32(sel[1]),
        is_transition: from_u32(sel[2]),
    }
}

/// Checks one point: the 445 constraints, the 49 fractions and the folded numerator.
fn check_point(air_id: &TableId, p: &Point) {
    // Constraints.
    let normative = air::eval(
        &lift(&p.local),
        &lift(&p.next),
        &p.public,
        &normative_selectors(&p.sel),
    );
    assert_eq!(normative.len(), air::NUM_CONSTRAINTS);
    let mut fast_values: Vec<F> = Vec::new();
    eval_constraints(
        &to_f(&p.local),
        &to_f(&p.next),
        &fast::public_fields(&p.public),
        &fast_selectors(&p.sel),
        &mut fast_values,
    );
    assert_eq!(fast_values.len(), air::NUM_CONSTRAINTS);
    for (i, (a, b)) in normative.iter().zip(&fast_values).enumerate() {
        assert_eq!(*a, extension::from_base(to_u32(*b)), "constraint {i}");
    }

    // Fractions.
    let aux_local = ext_columns(&p.aux_local);
    let aux_next = ext_columns(&p.aux_next);
    let normative = air::fractions(&lift(&p.local), &aux_local[..1], &p.lc).unwrap();
    assert_eq!(normative.len(), air::NUM_FRACTIONS);
    let fixed_fp: [F; 4] = core::array::from_fn(|e| from_u32(p.aux_local[e]));
    let mut fractions = [FastFraction {
        numerator: F::ZERO,
        denominator: [F::ZERO; 4],
    }; air::NUM_FRACTIONS];
    eval_fractions(
        &to_f(&p.local),
        &fixed_fp,
        &LookupCoords::new(&p.lc),
        &mut fractions,
    );
    for (i, (a, b)) in normative.iter().zip(&fractions).enumerate() {
        assert_eq!(
            a.numerator,
            extension::from_base(to_u32(b.numerator)),
            "numerator {i}"
        );
        assert_eq!(a.denominator, b.denominator.map(to_u32), "denominator {i}");
    }

    // Folded numerator: the normative order and Horner fold.
    let values = all_constraints_at(
        air_id,
        &lift(&p.local),
        &lift(&p.next),
        &aux_local,
        &aux_next,
        &p.public,
        &normative_selectors(&p.sel),
        &p.lc,
        &p.claimed_sum,
    )
    .unwrap();
    assert_eq!(values.len(), fast::NUM_ALL_CONSTRAINTS);
    let expected = fold_constraints(&values, &p.alpha);
    let ctx = FoldContext::new(&p.public, &p.lc, &p.claimed_sum, &p.alpha);
    let sel = fast_selectors(&p.sel);
    let (l, n, al, an) = (
        to_f(&p.local),
        to_f(&p.next),
        to_f(&p.aux_local),
        to_f(&p.aux_next),
    );
    let plain = fast::folded_numerator_at(&l, &n, &al, &an, &sel, &ctx);
    assert_eq!(ext_of(plain), expected, "folded numerator");
    // The delayed-reduction fold of the scalar quotient path.
    let weights = fast::canonical_weights(&ctx.air_alpha_powers);
    let delayed: EF = fast::folded_numerator(
        &l,
        &n,
        &al,
        &an,
        &sel,
        &ctx,
        fast::DelayedFolder::new(&weights, fast::unique_factor_inv()),
    );
    assert_eq!(ext_of(delayed), expected, "delayed fold");
}

#[test]
fn fast_evaluation_matches_normative_on_random_rows() {
    let air_id = rv32im_air();
    let mut rng = TestRng(0x5eed_0001);
    for round in 0..300 {
        let (local, next) = if round % 2 == 0 {
            (random_row(&mut rng), random_row(&mut rng))
        } else {
            (random_small_row(&mut rng), random_small_row(&mut rng))
        };
        let point = random_point(&mut rng, local, next);
        check_point(&air_id, &point);
    }
}

#[test]
fn fast_evaluation_matches_normative_on_special_values() {
    // All zeros, all ones, all p - 1, and 0/1 selectors.
    let air_id = rv32im_air();
    let mut rng = TestRng(0x5eed_0002);
    for value in [0, 1, zkvm_verifier::field::P - 1] {
        for sel in [[1, 0, 1], [0, 1, 0], [0, 0, 1]] {
            let mut point =
                random_point(&mut rng, vec![value; air::WIDTH], vec![value; air::WIDTH]);
            point.sel = sel;
            check_point(&air_id, &point);
        }
    }
}

/// Packed lanes (F::Packing) give, lane by lane, the scalar results.
#[test]
fn packed_evaluation_matches_scalar_lanes() {
    let width = P::WIDTH;
    println!("F::Packing has {width} lanes");
    let mut rng = TestRng(0x5eed_0003);
    for _ in 0..20 {
        let points: Vec<Point> = (0..width)
            .map(|_| {
                let (l, n) = (random_row(&mut rng), random_row(&mut rng));
                random_point(&mut rng, l, n)
            })
            .collect();
        // Shared challenges and public values (as in the prover), per-lane rows.
        let shared = &points[0];
        let pack = |get: &dyn Fn(&Point) -> &Vec<u32>, len: usize| -> Vec<P> {
            (0..len)
                .map(|c| P::from_fn(|l| from_u32(get(&points[l])[c])))
                .collect()
        };
        let local = pack(&|p| &p.local, air::WIDTH);
        let next = pack(&|p| &p.next, air::WIDTH);
        let aux_local = pack(&|p| &p.aux_local, 4 * AUX_EXT);
        let aux_next = pack(&|p| &p.aux_next, 4 * AUX_EXT);
        let sel = Sel {
            is_first_row: P::from_fn(|l| from_u32(points[l].sel[0])),
            is_last_row: P::from_fn(|l| from_u32(points[l].sel[1])),
            is_transition: P::from_fn(|l| from_u32(points[l].sel[2])),
        };
        let ctx = FoldContext::new(
            &shared.public,
            &shared.lc,
            &shared.claimed_sum,
            &shared.alpha,
        );
        let packed: EP = fast::folded_numerator(
            &local,
            &next,
            &aux_local,
            &aux_next,
            &sel,
            &ctx,
            fast::PlainFolder::new(&ctx.air_alpha_powers),
        );
        let mut packed_constraints: Vec<P> = Vec::new();
        eval_constraints(&local, &next, &ctx.public, &sel, &mut packed_constraints);
        for (lane, p) in points.iter().enumerate() {
            let scalar = fast::folded_numerator_at(
                &to_f(&p.local),
                &to_f(&p.next),
                &to_f(&p.aux_local),
                &to_f(&p.aux_next),
                &fast_selectors(&p.sel),
                &ctx,
            );
            assert_eq!(
                fast::extract_lane::<P, EP>(&packed, lane),
                scalar,
                "lane {lane}"
            );
            let mut scalar_constraints: Vec<F> = Vec::new();
            eval_constraints(
                &to_f(&p.local),
                &to_f(&p.next),
                &ctx.public,
                &fast_selectors(&p.sel),
                &mut scalar_constraints,
            );
            for (i, (a, b)) in packed_constraints
                .iter()
                .zip(&scalar_constraints)
                .enumerate()
            {
                assert_eq!(a.as_slice()[lane], *b, "lane {lane} constraint {i}");
            }
        }
    }
}

struct RealTrace {
    vk: VerifyingKey,
    trace: RowMajorMatrix<F>,
    statement: zkvm_verifier::Statement,
}

fn real_trace(name: &str) -> RealTrace {
    let (elf, input) = example(name);
    let program = load_program(&elf).unwrap_or_else(|_| panic!("program"));
    let w = build_trace(&program, &elf, &input, 5_000_000).expect("trace");
    let vk = verifying_key(&elf).unwrap_or_else(|_| panic!("vk"));
    let statement = statement_of(
        &vk,
        w.exit_code,
        w.cycles,
        w.input_consumed as u32,
        input,
        w.output,
    )
    .unwrap_or_else(|_| panic!("statement"));
    assert_eq!(statement.public_values, w.public_values);
    RealTrace {
        vk,
        trace: w.trace,
        statement,
    }
}

/// The real row pairs of a program's trace (0/1 selectors, the real fixed
/// fingerprint column; random aux values, challenges and alpha per row):
/// every row if `all`, else every active row (cpu, io or boundary row) and
/// every 8th row.
fn check_real_rows(name: &str, all: bool) {
    use rayon::prelude::*;
    let t = real_trace(name);
    let n = t.trace.height();
    let w = air::WIDTH;
    let tables = fixed_tables(&t.vk, 0).unwrap_or_else(|_| panic!("tables"));
    let beta = TestRng(0x5eed_0100).ext();
    let row = |i: usize| -> Vec<u32> {
        t.trace.values[i * w..(i + 1) * w]
            .iter()
            .map(|&x| to_u32(x))
            .collect()
    };
    let active = |i: usize| {
        [air::IS_REAL, air::IS_IO, air::B_IMG, air::B_ZERO]
            .iter()
            .any(|&c| t.trace.values[i * w + c] != F::ZERO)
    };
    let rows: Vec<usize> = (0..n)
        .filter(|&i| all || i % 8 == 0 || i == n - 1 || active(i))
        .collect();
    rows.par_iter().for_each(|&i| {
        let mut rng = TestRng(0x5eed_0100 + i as u64);
        let mut point = random_point(&mut rng, row(i), row((i + 1) % n));
        point.public = t.statement.public_values.clone();
        point.lc.beta = beta;
        point.sel = [(i == 0) as u32, (i == n - 1) as u32, (i != n - 1) as u32];
        let fp = match tables[0].rows.get(i) {
            Some(r) => fingerprint_base(r, &beta),
            None => extension::ZERO,
        };
        point.aux_local[..4].copy_from_slice(&fp);
        check_point(&TableId::Rv32imV1, &point);
    });
    println!("{name}: {} of {n} rows checked", rows.len());
}

#[test]
fn fast_evaluation_matches_normative_on_fibonacci_rows() {
    check_real_rows("fibonacci", true);
}

#[test]
fn fast_evaluation_matches_normative_on_other_program_rows() {
    for name in ["sha256", "sort", "reverse", "c_checksum", "modexp"] {
        check_real_rows(name, false);
    }
}

/// A random (not low-degree: the evaluation is pointwise) LDE and aux LDE.
fn quotient_inputs(
    rng: &mut TestRng,
    log_n: usize,
    log_blowup: usize,
) -> (RowMajorMatrix<F>, Vec<F>) {
    let len = 1usize << (log_n + log_blowup);
    let lde: Vec<F> = (0..len * air::WIDTH)
        .map(|_| from_u32(rng.field()))
        .collect();
    let aux: Vec<F> = (0..len * fast::AUX_WIDTH)
        .map(|_| from_u32(rng.field()))
        .collect();
    (RowMajorMatrix::new(lde, air::WIDTH), aux)
}

#[test]
fn fast_quotient_values_match_normative() {
    let air_id = rv32im_air();
    let mut rng = TestRng(0x5eed_0200);
    for (log_n, log_blowup) in [(5, 1), (5, 2), (6, 3)] {
        let (lde, aux) = quotient_inputs(&mut rng, log_n, log_blowup);
        let public: Vec<u32> = (0..air::NUM_PUBLIC_VALUES).map(|_| rng.field()).collect();
        let lookup = LookupChallenges {
            point: rng.ext(),
            beta: rng.ext(),
        };
        let input = NormativeQuotientInput {
            table: &air_id,
            num_constraints: fast::NUM_ALL_CONSTRAINTS,
            trace_lde: &lde,
            aux_lde: &aux,
            aux_width: fast::AUX_WIDTH,
            public_values: &public,
            lookup: &lookup,
            claimed_sum: rng.ext(),
            log_n,
            log_blowup,
            log_chunks: 1,
            alpha: rng.ext(),
        };
        let normative = quotient_values_normative(&input).unwrap();
        assert_eq!(normative.len(), 1 << (log_n + 1));
        for force_scalar in [false, true] {
            let fast_values = quotient_values_rv32im_with(&input, force_scalar).unwrap();
            assert_eq!(normative.len(), fast_values.len());
            if let Some(k) = (0..normative.len()).find(|&k| normative[k] != fast_values[k]) {
                panic!(
                    "log_n {log_n} log_blowup {log_blowup} scalar {force_scalar}: \
                     first difference at point {k}"
                );
            }
        }
    }
}

#[test]
fn fast_aux_trace_matches_normative() {
    let t = real_trace("fibonacci");
    let shape = table_shape(&TableId::Rv32imV1);
    let tables = fixed_tables(&t.vk, 0).unwrap_or_else(|_| panic!("tables"));
    let mut rng = TestRng(0x5eed_0300);
    let lookup = LookupChallenges {
        point: rng.ext(),
        beta: rng.ext(),
    };
    let n = t.trace.height();
    let fixed = fixed_fp_columns(&tables, &lookup.beta, n);
    let build = |normative: bool| {
        build_aux_trace(
            &TableId::Rv32imV1,
            &shape,
            &t.trace,
            &fixed,
            &lookup,
            normative,
        )
        .unwrap_or_else(|e| panic!("aux trace: {e:?}"))
    };
    let normative = build(true);
    let scalar = build_aux_trace_rv32im(&shape, &t.trace, &fixed, &lookup, true)
        .unwrap_or_else(|e| panic!("aux trace: {e:?}"));
    for fast_aux in [build(false), scalar] {
        assert_eq!(normative.claimed_sum, fast_aux.claimed_sum);
        assert_eq!(normative.matrix.width, fast_aux.matrix.width);
        assert!(normative.matrix.values == fast_aux.matrix.values);
    }
    // The trace's bus does not balance by itself (the boundary does), so
    // the claimed sum is a nontrivial value.
    assert!(!normative.claimed_sum.is_zero());
}

#[test]
fn fast_and_normative_proofs_are_identical() {
    let t = real_trace("fibonacci");
    let prove = |normative_eval: bool, threads: Option<usize>| {
        let hooks = TestHooks {
            normative_eval,
            ..TestHooks::default()
        };
        let options = ProverOptions {
            num_threads: threads,
            ..ProverOptions::default()
        };
        prove_with_hooks(
            &t.vk,
            std::slice::from_ref(&t.trace),
            &t.statement,
            &options,
            &hooks,
        )
        .unwrap_or_else(|e| panic!("prove: {e:?}"))
    };
    let fast_proof = prove(false, None);
    let normative_proof = prove(true, None);
    assert_eq!(fast_proof.len(), normative_proof.len());
    assert!(fast_proof == normative_proof, "proof bytes differ");
    zkvm_verifier::verify(&t.vk, &t.statement, &fast_proof)
        .unwrap_or_else(|e| panic!("verify: {e:?}"));
}

#[test]
fn fast_self_check_finds_the_normative_violation() {
    let t = real_trace("sort");
    assert!(
        zkvm_prover::check_constraints(&t.vk, std::slice::from_ref(&t.trace), &t.statement).is_ok()
    );
    assert_eq!(
        fast::first_violation(&t.trace, &t.statement.public_values),
        None
    );
    let mut rng = TestRng(0x5eed_0400);
    let n = t.trace.height();
    for _ in 0..12 {
        // One or two changed cells.
        let mut trace = t.trace.clone();
        for _ in 0..1 + rng.below(2) {
            let cell = rng.below((n * air::WIDTH) as u64) as usize;
            let delta = if rng.below(2) == 0 { 1 } else { rng.field() };
            trace.values[cell] += from_u32(delta);
        }
        let normative =
            match zkvm_prover::check_constraints(&t.vk, std::slice::from_ref(&trace), &t.statement)
            {
                Ok(()) => None,
                Err(zkvm_prover::ProveError::ConstraintNotSatisfied {
                    row, constraint, ..
                }) => Some((row, constraint)),
                Err(e) => panic!("unexpected {e:?}"),
            };
        assert_eq!(
            fast::first_violation(&trace, &t.statement.public_values),
            normative
        );
    }
}

/// Timing of the two paths (single thread): run with
/// `ZKVM_PROVER_PROFILE=1 cargo test --release -p zkvm-prover --test rv32im_fast -- --ignored --nocapture`.
#[test]
#[ignore]
fn profile_fast_and_normative_paths() {
    let t = real_trace("fibonacci");
    for round in 0..3 {
        let cpu = zkvm_prover::profile::process_cpu_seconds();
        let wall = std::time::Instant::now();
        zkvm_prover::check_constraints(&t.vk, std::slice::from_ref(&t.trace), &t.statement)
            .unwrap();
        let (cpu1, wall1) = (zkvm_prover::profile::process_cpu_seconds(), wall.elapsed());
        assert_eq!(
            fast::first_violation(&t.trace, &t.statement.public_values),
            None
        );
        eprintln!(
            "round {round}: self-check normative wall {:.3}s cpu {:.2}s, fast wall {:.3}s cpu {:.2}s",
            wall1.as_secs_f64(),
            cpu1 - cpu,
            wall.elapsed().as_secs_f64() - wall1.as_secs_f64(),
            zkvm_prover::profile::process_cpu_seconds() - cpu1
        );
        for normative_eval in [true, false] {
            eprintln!(
                "round {round}: {} path",
                if normative_eval { "normative" } else { "fast" }
            );
            let hooks = TestHooks {
                normative_eval,
                ..TestHooks::default()
            };
            let options = ProverOptions {
                num_threads: Some(1),
                ..ProverOptions::default()
            };
            let cpu = zkvm_prover::profile::process_cpu_seconds();
            let wall = std::time::Instant::now();
            prove_with_hooks(
                &t.vk,
                std::slice::from_ref(&t.trace),
                &t.statement,
                &options,
                &hooks,
            )
            .unwrap_or_else(|e| panic!("prove: {e:?}"));
            eprintln!(
                "  total (with self-check) wall {:.3}s cpu {:.2}s",
                wall.elapsed().as_secs_f64(),
                zkvm_prover::profile::process_cpu_seconds() - cpu
            );
        }
    }
}
