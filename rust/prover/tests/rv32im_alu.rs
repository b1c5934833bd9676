//! First RV32IM AIR slice (docs/air.md §14): rows built from real executor
//! traces of the example ELFs satisfy the adder/comparator constraints, the
//! normative (verifier) and fast (prover) evaluations agree, and forged rows
//! (wrong result or wrong branch decision, other cells recomputed honestly)
//! are rejected.

mod common;

use common::TestRng;
use p3_field::PrimeCharacteristicRing;
use zkvm_executor::{Machine, Program, StepRecord};
use zkvm_prover::rv32im_alu::{eval_base, row_is_valid, witness_row, AluStep};
use zkvm_prover::types::{from_u32, to_u32, F};
use zkvm_verifier::air_rv32im_alu::{self as alu, NUM_CONSTRAINTS, WIDTH};
use zkvm_verifier::extension;

fn trace(name: &str, input: &[u8]) -> Vec<StepRecord> {
    let path = format!(
        "{}/../../examples/bin/{name}.elf",
        env!("CARGO_MANIFEST_DIR")
    );
    let elf = std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let program = Program::from_elf(&elf).unwrap();
    let mut machine = Machine::new(&program, input).unwrap();
    let mut records: Vec<StepRecord> = Vec::new();
    machine.run_with(1 << 24, &mut records).unwrap();
    assert!(machine.is_halted());
    records
}

fn step(r: &StepRecord) -> AluStep {
    AluStep {
        pc: r.pc,
        next_pc: r.next_pc,
        word: r.word,
        rs1_value: r.rs1_value,
        rs2_value: r.rs2_value,
        rd_value: r.rd_value,
    }
}

/// Small inputs for every example (a few 10^4 to 10^5 cycles each).
fn workloads() -> Vec<(&'static str, Vec<u8>)> {
    let mut sort = Vec::new();
    sort.extend_from_slice(&300u32.to_le_bytes());
    sort.extend_from_slice(&0x2545_F491u32.to_le_bytes());
    let data: Vec<u8> = (0..2000u32).map(|i| (i * 7 + 3) as u8).collect();
    let modexp = std::fs::read(format!(
        "{}/../../examples/inputs/modexp.bin",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap();
    vec![
        ("fibonacci", 3000u32.to_le_bytes().to_vec()),
        ("sha256", data[..700].to_vec()),
        ("sort", sort),
        ("sieve", 20_000u32.to_le_bytes().to_vec()),
        ("reverse", data.clone()),
        ("c_checksum", data),
        ("modexp", modexp),
    ]
}

fn normative_is_zero(row: &[u32; WIDTH]) -> bool {
    let lifted: Vec<_> = row.iter().map(|&x| extension::from_base(x)).collect();
    let values = alu::eval(&lifted);
    assert_eq!(values.len(), NUM_CONSTRAINTS);
    values.iter().all(extension::is_zero)
}

#[test]
fn real_traces_satisfy_and_forgeries_fail() {
    let mut covered = 0usize;
    let mut forged = 0usize;
    for (name, input) in workloads() {
        let records = trace(name, &input);
        // modexp with the committed input is 3.6 M cycles: check a prefix.
        let limit = records.len().min(400_000);
        for (i, r) in records[..limit].iter().enumerate() {
            let s = step(r);
            let Some(row) = witness_row(&s) else { continue };
            covered += 1;
            assert!(
                row_is_valid(&row),
                "{name} step {i}: honest row rejected: {r:?}"
            );
            if i % 61 == 0 {
                assert!(normative_is_zero(&row), "{name} step {i}: normative eval");
            }
            // Forgeries: a different result, or the other branch decision.
            let is_branch = r.word & 0x7f == 0x63;
            let mut bad = s;
            if is_branch {
                let fall = r.pc.wrapping_add(4);
                if r.next_pc == fall {
                    let imm = witness_row(&s).map(|row| row[alu::TARGET]).unwrap();
                    if imm == fall || imm >= (1 << 30) {
                        continue; // both decisions lead to the same pc
                    }
                    bad.next_pc = imm;
                } else {
                    bad.next_pc = fall;
                }
            } else {
                if (r.word >> 7) & 31 == 0 {
                    continue; // rd = x0: the claimed value is not used
                }
                bad.rd_value = r.rd_value ^ (1 << (i % 32));
            }
            let bad_row = witness_row(&bad).unwrap();
            assert!(
                !row_is_valid(&bad_row),
                "{name} step {i}: forged row accepted: {bad:?}"
            );
            if i % 61 == 0 {
                assert!(
                    !normative_is_zero(&bad_row) || !alu::range_checks_hold(&bad_row),
                    "{name} step {i}: forged row accepted by the normative eval"
                );
            }
            forged += 1;
        }
    }
    assert!(covered > 100_000, "covered only {covered} rows");
    assert!(forged > 100_000, "forged only {forged} rows");
}

#[test]
fn forged_carries_and_flags_fail() {
    // ADD 0xffff_ffff + 1 = 0: the honest row uses both carries.
    let add = 0x0020_81b3; // add x3, x1, x2
    let honest = AluStep {
        pc: 0x1000,
        next_pc: 0x1004,
        word: add,
        rs1_value: u32::MAX,
        rs2_value: 1,
        rd_value: 0,
    };
    let row = witness_row(&honest).unwrap();
    assert!(row_is_valid(&row));
    assert_eq!((row[alu::C0], row[alu::C1]), (1, 1));
    // Claim 2^32 - 1 + 1 = 2^16 by dropping the low carry into the high limb.
    let mut bad = row;
    bad[alu::C0] = 0;
    bad[alu::Q] = 0;
    bad[alu::W_HI] = 1;
    bad[alu::RD_HI] = 1;
    assert!(!row_is_valid(&bad));
    // A non-boolean carry that balances the limb equation is rejected.
    let mut bad = row;
    bad[alu::C0] = 2;
    assert!(!row_is_valid(&bad));
    // SLTU with the comparison bit flipped and the difference recomputed.
    let sltu = 0x0020_b1b3; // sltu x3, x1, x2
    let s = AluStep {
        pc: 0x1000,
        next_pc: 0x1004,
        word: sltu,
        rs1_value: 5,
        rs2_value: 7,
        rd_value: 1,
    };
    let row = witness_row(&s).unwrap();
    assert!(row_is_valid(&row));
    let mut bad = row;
    bad[alu::RD_LO] = 0;
    bad[alu::C1] = 0;
    assert!(!row_is_valid(&bad));
    // SLT: signed -1 < 1 is 1 although unsigned 0xffffffff > 1.
    let slt = 0x0020_a1b3; // slt x3, x1, x2
    let s = AluStep {
        pc: 0x1000,
        next_pc: 0x1004,
        word: slt,
        rs1_value: u32::MAX,
        rs2_value: 1,
        rd_value: 1,
    };
    assert!(row_is_valid(&witness_row(&s).unwrap()));
    let s = AluStep { rd_value: 0, ..s };
    assert!(!row_is_valid(&witness_row(&s).unwrap()));
    // A wrong sign bit is caught by the msb range predicate.
    let s = AluStep { rd_value: 1, ..s };
    let mut bad = witness_row(&s).unwrap();
    bad[alu::S1] = 0;
    bad[alu::RD_LO] = 0;
    assert!(!row_is_valid(&bad));
}

#[test]
fn base_and_normative_agree_on_random_rows() {
    let mut rng = TestRng(77);
    for _ in 0..300 {
        let row: Vec<u32> = (0..WIDTH).map(|_| rng.field()).collect();
        let lifted: Vec<_> = row.iter().map(|&x| extension::from_base(x)).collect();
        let normative = alu::eval(&lifted);
        let f: Vec<F> = row.iter().map(|&x| from_u32(x)).collect();
        let mut out = [F::ZERO; NUM_CONSTRAINTS];
        eval_base(&f, &mut out);
        for k in 0..NUM_CONSTRAINTS {
            assert_eq!(
                normative[k],
                extension::from_base(to_u32(out[k])),
                "constraint {k}"
            );
        }
    }
}
