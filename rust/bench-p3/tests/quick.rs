//! The harness on tiny instances (about 3 CPU-seconds in release): every
//! system proves and verifies, the figures are well formed, and a tampered
//! Plonky3 proof is rejected (the reference is a real proof).

use std::path::PathBuf;

use p3_field::PrimeCharacteristicRing;
use zkvm_bench_p3::*;

fn fibonacci_elf() -> Vec<u8> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../examples/bin/fibonacci.elf");
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e} (run `make examples`)", path.display()))
}

#[test]
fn plonky3_reference_proves_verifies_and_rejects_tampering() {
    let params = P3Params::like_ours();
    let config = p3_config(&params);
    let permutations = keccak_permutations_for(10);
    let (proof, (width, height), _, _) =
        plonky3_keccak_proof(&config, &params, permutations).unwrap();
    assert_eq!((width, height), (2633, 1 << 10));
    plonky3_keccak_verify(&config, &proof).unwrap();

    let mut bad = plonky3_keccak_proof(&config, &params, permutations)
        .unwrap()
        .0;
    bad.opened_values.trace_local[7] +=
        <P3Config as p3_uni_stark::StarkGenericConfig>::Challenge::ONE;
    assert!(plonky3_keccak_verify(&config, &bad).is_err());
}

#[test]
fn harness_measures_every_system() {
    let elf = fibonacci_elf();
    let p3 = prove_plonky3_keccak(&P3Params::like_ours(), keccak_permutations_for(10)).unwrap();
    assert_eq!(p3.cells(), 2633 * 1024);
    // A run of at most 2^12 cycles: the tallest table is the 2^16-row range table.
    let n = calibrate_fibonacci(&elf, 12).unwrap();
    let cycles = fibonacci_rows(&zkvm_executor::Program::from_elf(&elf).unwrap(), n).unwrap();
    assert!(cycles <= 1 << 12 && cycles > 1 << 11, "{cycles}");
    let rv = prove_rv32im_fibonacci(&elf, n).unwrap();
    assert_eq!((rv.tables, rv.log_rows, rv.cycles), (12, 16, cycles));
    // Every table's cells are counted: at least the range table's 2 x 2^16
    // plus a CPU row per cycle, and the LogUp cells beside them.
    assert!(rv.main_cells > (2 << 16) + cycles * 30, "{}", rv.main_cells);
    assert!(rv.aux_cells > 0 && rv.cells_with_aux() == rv.main_cells + rv.aux_cells);
    let p3_fib = prove_plonky3_fibonacci(&P3Params::like_ours(), 10).unwrap();
    let fib = prove_fibonacci_air(10).unwrap();
    assert_eq!((p3_fib.cells(), fib.cells()), (2 << 10, 2 << 10));

    let compared_with = [None, Some(0), None, Some(2)];
    let lines: Vec<Line> = [p3, rv, p3_fib, fib]
        .into_iter()
        .zip(compared_with)
        .map(|(m, compared_with)| Line {
            runs_cpu: vec![m.prove_cpu],
            median: m,
            compared_with,
        })
        .collect();
    let text = table(&lines);
    assert_eq!(text.lines().count(), 2 + 4);
    assert!(text.lines().nth(2).unwrap().ends_with("| - |"));
    assert!(text.lines().nth(3).unwrap().contains("(vs #1) |"));
    assert!(text.lines().nth(5).unwrap().contains("(vs #3) |"));
}

/// The Fibonacci AIR ported to Plonky3 constrains the trace: a wrong claimed
/// last value does not prove (Plonky3 checks constraints in debug builds) or
/// does not verify.
#[test]
fn plonky3_fibonacci_air_binds_its_public_values() {
    let config = p3_config(&P3Params::like_ours());
    let (trace, mut public) = p3_fibonacci_trace(8);
    let proof = p3_uni_stark::prove(&config, &P3FibonacciAir, trace.clone(), &public).unwrap();
    p3_uni_stark::verify(&config, &P3FibonacciAir, &proof, &public).unwrap();
    public[2] += Val::ONE;
    assert!(p3_uni_stark::verify(&config, &P3FibonacciAir, &proof, &public).is_err());
}
