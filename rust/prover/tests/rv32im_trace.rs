//! The RV32IM trace of real programs satisfies every constraint of the
//! normative AIR on every row pair, and its LogUp bus balances with the
//! verifier's boundary messages (checked directly, without a proof).

use p3_matrix::Matrix;
use zkvm_prover::rv32im::{build_trace, check_trace};
use zkvm_verifier::air_rv32im as air;
use zkvm_verifier::program::load_program;

fn example(name: &str) -> (Vec<u8>, Vec<u8>) {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples");
    let elf = std::fs::read(format!("{root}/bin/{name}.elf")).unwrap();
    let input = std::fs::read(format!("{root}/inputs/{name}.bin")).unwrap_or_default();
    (elf, input)
}

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

/// Small inputs for every example (10^3 to 10^5 cycles each).
fn small_input(name: &str) -> Vec<u8> {
    let data: Vec<u8> = (0..2000u32).map(|i| (i * 7 + 3) as u8).collect();
    match name {
        "fibonacci" => 3000u32.to_le_bytes().to_vec(),
        "sha256" => data[..700].to_vec(),
        "sort" => [300u32.to_le_bytes(), 0x2545_F491u32.to_le_bytes()].concat(),
        "sieve" => 20_000u32.to_le_bytes().to_vec(),
        "reverse" | "c_checksum" => data,
        "modexp" => {
            // 2 iterations of a 128-bit modexp with an odd modulus (Montgomery path),
            // then one with an even modulus.
            let mut v = 2u32.to_le_bytes().to_vec();
            for field in [
                &[0x12u8; 16][..],
                &[0xA5u8, 0x3C, 0x77][..],
                &[0xF1u8; 16][..],
            ] {
                v.extend_from_slice(&(field.len() as u32).to_le_bytes());
                v.extend_from_slice(field);
            }
            v
        }
        _ => unreachable!(),
    }
}

macro_rules! example_test {
    ($test:ident, $name:literal) => {
        #[test]
        fn $test() {
            let (elf, _) = example($name);
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
