//! The RV32IM trace of real programs satisfies every constraint of the
//! normative AIR on every row pair, and its LogUp bus balances with the
//! verifier's boundary messages (checked directly, without a proof).

mod example_inputs;
use example_inputs::{example_elf, small_input};

use p3_matrix::Matrix;
use zkvm_prover::rv32im::{build_trace, check_trace};
use zkvm_verifier::air::rv32im_v1 as air;
use zkvm_verifier::receipt::program::load_program;

fn check_program(elf: &[u8], input: &[u8]) {
    let program = load_program(elf).unwrap_or_else(|_| panic!("program loads"));
    let w = build_trace(&program, elf, input, 5_000_000).expect("trace");
    assert_eq!(w.trace.width(), air::WIDTH);
    assert_eq!(
        check_trace(&program, &w.trace, &w.public_values, input, &w.output),
        Ok(())
    );
    let n = w.trace.height();
    println!(
        "{} cycles, {} cpu rows, {} boundary rows, 2^{} rows",
        w.cycles,
        w.cpu_rows,
        w.boundary_rows,
        n.trailing_zeros()
    );
}

macro_rules! example_test {
    ($test:ident, $name:literal) => {
        #[test]
        fn $test() {
            let elf = example_elf($name);
            check_program(&elf, &small_input($name));
        }
    };
}

example_test!(fibonacci_satisfies_the_air, "fibonacci");
example_test!(sha256_satisfies_the_air, "sha256");
example_test!(sort_satisfies_the_air, "sort");
example_test!(sieve_satisfies_the_air, "sieve");
example_test!(reverse_satisfies_the_air, "reverse");
example_test!(c_checksum_satisfies_the_air, "c_checksum");
example_test!(modexp_satisfies_the_air, "modexp");
