//! The private input (fd 3, docs/air.md §7.3): a run that reads it proves
//! and verifies in one segment and in several, the receipt does not hold it,
//! two private inputs with the same public output prove the same statement,
//! and forged witnesses (a private byte changed, a short read against a
//! wrong length, PRIVATE rows outside the last segment, the private cursor
//! closed at a wrong value) are rejected.

mod rv32im2_common;

use p3_matrix::Matrix;
use rv32im2_common::machine::{
    assert_clean, assert_proof_rejected, diagnose, get, index, reseal, row, set, set_row,
    try_run_private, Run,
};
use rv32im2_common::programs::private_sum_program;
use zkvm_prover::prove::check_table_constraints;
use zkvm_prover::rv32im2::run::{prove_run, verifying_key, DEFAULT_MAX_CYCLES};
use zkvm_prover::ProverOptions;
use zkvm_verifier::air::rv32im::{private as col, statement, syscall};
use zkvm_verifier::air::TableId;
use zkvm_verifier::receipt::{encode_receipt, verify_receipt, Receipt};

/// A distinctive 32-byte private input whose bytes sum to `sum` mod 256.
fn secret(tweak: u8) -> Vec<u8> {
    let mut v: Vec<u8> = (0..32u8).map(|i| 0xA5 ^ i.wrapping_mul(37)).collect();
    v[0] = v[0].wrapping_add(tweak);
    v[1] = v[1].wrapping_sub(tweak);
    v
}

const PUBLIC: &[u8] = b"pub!";

fn run(private: &[u8]) -> Run {
    try_run_private(&private_sum_program(), PUBLIC, private)
        .unwrap_or_else(|e| panic!("build_traces: {e}"))
}

fn prove(elf: &[u8], private: &[u8], segment_cycles: u64) -> (Receipt, usize) {
    let vk = verifying_key(elf).unwrap();
    let (receipt, report) = prove_run(
        &vk,
        elf,
        PUBLIC,
        private,
        &ProverOptions::default(),
        segment_cycles,
        DEFAULT_MAX_CYCLES,
        &mut |_| {},
    )
    .unwrap_or_else(|e| panic!("prove: {e}"));
    (receipt, report.segments)
}

fn verify(elf: &[u8], receipt: &Receipt) -> bool {
    let vk = verifying_key(elf).unwrap();
    verify_receipt(&vk, &encode_receipt(receipt)).is_ok()
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

#[test]
fn private_reads_prove_in_one_and_several_segments_and_stay_private() {
    let elf = private_sum_program();
    let a = secret(0);
    let b = secret(9);
    assert_ne!(a, b);
    let (one, segments) = prove(&elf, &a, 1 << 20);
    assert_eq!(segments, 1);
    let sum = a.iter().fold(0u8, |s, &x| s.wrapping_add(x));
    assert_eq!(one.output, [b'p', b'u', b'b', b'!', sum, 20, 12, 0]);
    assert!(verify(&elf, &one));
    let bytes = encode_receipt(&one);
    assert!(!contains(&bytes, &a[..8]) && !contains(&bytes, &a[24..]));
    // Several segments (the private reads fall in different ones).
    let (split, segments) = prove(&elf, &a, 64);
    assert!(segments >= 3, "{segments} segments");
    assert!(verify(&elf, &split));
    assert!(!contains(&encode_receipt(&split), &a[..8]));
    // Another private input with the same public output: the same statement.
    let (other, _) = prove(&elf, &b, 1 << 20);
    assert!(verify(&elf, &other));
    assert_eq!(
        (
            other.exit_code,
            other.cycles,
            other.input_consumed,
            &other.input,
            &other.output
        ),
        (
            one.exit_code,
            one.cycles,
            one.input_consumed,
            &one.input,
            &one.output
        )
    );
    // The statement's public values do not depend on the private input.
    let (ra, rb) = (run(&a), run(&b));
    assert_eq!(ra.w.public_values, rb.w.public_values);
    assert_eq!(ra.w.public_values.len(), statement::NUM_PUBLIC_VALUES);
}

/// The rows of the honest PRIVATE table: 32 real rows, then the end row.
fn private_table(r: &Run) -> usize {
    let t = index(&r.vk, TableId::Rv32Private);
    let c = r.claim();
    assert_eq!(get(&c, t, 31, col::REAL), 1);
    assert_eq!(get(&c, t, 32, col::END), 1);
    assert_eq!(get(&c, t, 32, col::J), 32);
    t
}

#[test]
fn a_changed_private_byte_is_rejected() {
    let r = run(&secret(0));
    let t = private_table(&r);
    let mut c = r.claim();
    assert_clean("honest", &r.vk, &c);
    let byte = get(&c, t, 5, col::BYTE);
    set(&mut c, t, 5, col::BYTE, byte ^ 1);
    reseal(&r.vk, &mut c);
    let d = diagnose(&r.vk, &c);
    assert!(d.constraints.is_empty(), "{d:?}");
    assert_eq!(d.tags, ["PRIV"]);
    assert_proof_rejected("private byte", &r.vk, &c);
}

#[test]
fn a_short_read_against_a_wrong_length_is_rejected() {
    // Claim a private input of 33 bytes: the short read (12 of 100 bytes
    // at position 20) no longer ends the input.
    let r = run(&secret(0));
    let t = private_table(&r);
    let s = index(&r.vk, TableId::Rv32Syscall);
    let mut c = r.claim();
    for i in 0..c.traces[t].height() {
        set(&mut c, t, i, col::PLEN, 33);
    }
    set(&mut c, t, 32, col::R_LO, 1);
    let mut short_rows = 0;
    for i in 0..c.traces[s].height() {
        if get(&c, s, i, syscall::FD3) == 1 {
            set(&mut c, s, i, syscall::LIM, 33);
            short_rows += (get(&c, s, i, syscall::D_LO) != 0) as usize;
        }
    }
    assert_eq!(short_rows, 2, "the reads of 100 and 8 bytes are short");
    reseal(&r.vk, &mut c);
    let d = diagnose(&r.vk, &c);
    assert_eq!(d.tables(), ["Rv32Syscall"], "{d:?}");
    assert!(d.tags.is_empty(), "{d:?}");
    assert_proof_rejected("wrong private length", &r.vk, &c);
}

#[test]
fn private_rows_outside_the_last_segment_are_rejected() {
    let r = run(&secret(0));
    let t = private_table(&r);
    let trace = &r.w.traces[t];
    let mut public = r.w.table_public_values.clone();
    assert_eq!(
        check_table_constraints(&TableId::Rv32Private, trace, &public).unwrap(),
        None
    );
    public[col::PV_FINAL] = 0;
    // The first row is real (and its end flag must then be 0 anyway): the
    // last-segment rule [8] or the first-row rule catches it.
    let (row0, k) = check_table_constraints(&TableId::Rv32Private, trace, &public)
        .unwrap()
        .expect("a violation");
    assert_eq!(row0, 0);
    assert!(k == 3 || k == 8, "constraint {k}");
    // Even only the length (mlen) in a segment that is not the last.
    let mut c = r.claim();
    set_row(&mut c, t, 0, &vec![0; col::WIDTH]);
    for i in 0..c.traces[t].height() {
        set_row(&mut c, t, i, &vec![0; col::WIDTH]);
    }
    set(&mut c, t, 0, col::MLEN, 1);
    assert_eq!(
        check_table_constraints(&TableId::Rv32Private, &c.traces[t], &public).unwrap(),
        Some((0, 9))
    );
}

#[test]
fn a_wrong_final_private_cursor_is_rejected() {
    // The last real row becomes the end row: the table sends 31 bytes and
    // closes the cursor at 31 while the reads moved it to 32.
    let r = run(&secret(0));
    let t = private_table(&r);
    let mut c = r.claim();
    let mut end = row(&c, t, 32);
    end[col::J] = 31;
    end[col::R_LO] = 1;
    set_row(&mut c, t, 31, &end);
    let mut pad = vec![0; col::WIDTH];
    pad[col::J] = 31;
    pad[col::PLEN] = 32;
    set_row(&mut c, t, 32, &pad);
    for i in 33..c.traces[t].height() {
        set(&mut c, t, i, col::J, 31);
    }
    reseal(&r.vk, &mut c);
    let d = diagnose(&r.vk, &c);
    assert!(d.constraints.is_empty(), "{d:?}");
    assert_eq!(d.tags, ["MEM", "PRIV"]);
    assert_proof_rejected("final private cursor", &r.vk, &c);
}

/// A run in segments of `segment_cycles`: each segment's traces and values,
/// and the statement.
fn segments(
    elf: &[u8],
    private: &[u8],
    segment_cycles: u64,
) -> (
    zkvm_verifier::protocol::vk::VerifyingKey,
    Vec<zkvm_prover::SegmentTraces>,
    zkvm_verifier::Statement,
    zkvm_prover::rv32im2::run::RunSummary,
) {
    use zkvm_prover::rv32im2::run::RunSegments;
    let vk = verifying_key(elf).unwrap();
    let mut out = Vec::new();
    let (statement, summary) = {
        let mut run = RunSegments::with_private_input(
            &vk.air,
            elf,
            PUBLIC,
            private,
            DEFAULT_MAX_CYCLES,
            segment_cycles,
        )
        .unwrap();
        while let Some(w) = run.next_segment().unwrap() {
            out.push(zkvm_prover::SegmentTraces {
                traces: w.traces,
                values: w.values,
            });
        }
        let s = run.summary().unwrap();
        let statement = zkvm_verifier::Statement {
            public_values: s.public_values.clone(),
            input: PUBLIC.to_vec(),
            output: s.output.clone(),
        };
        let summary = zkvm_prover::rv32im2::run::RunSummary {
            exit_code: s.exit_code,
            cycles: s.cycles,
            output: s.output.clone(),
            input_consumed: s.input_consumed,
            boundary_rows: s.boundary_rows,
            public_values: s.public_values.clone(),
            segments: s.segments,
        };
        (statement, summary)
    };
    (vk, out, statement, summary)
}

/// Proves the segments with the prover's checks off; the verifier's verdict.
fn prove_segments_and_verify(
    vk: &zkvm_verifier::protocol::vk::VerifyingKey,
    segs: Vec<zkvm_prover::SegmentTraces>,
    statement: &zkvm_verifier::Statement,
    summary: &zkvm_prover::rv32im2::run::RunSummary,
) -> Result<(), String> {
    let options = ProverOptions {
        num_threads: None,
        check_constraints: false,
        zk_seed: None,
    };
    let mut source = zkvm_prover::InMemorySource {
        segments: segs,
        statement: zkvm_verifier::Statement {
            public_values: statement.public_values.clone(),
            input: statement.input.clone(),
            output: statement.output.clone(),
        },
        next: 0,
    };
    let proof = zkvm_prover::prove_segments_to_bytes(vk, &mut source, &options)
        .map_err(|e| format!("the prover refuses: {e:?}"))?;
    let receipt = Receipt {
        exit_code: summary.exit_code,
        cycles: summary.cycles,
        input_consumed: summary.input_consumed as u32,
        input: statement.input.clone(),
        output: statement.output.clone(),
        proof,
    };
    verify_receipt(vk, &encode_receipt(&receipt))
        .map(|_| ())
        .map_err(|e| zkvm_verifier::error::error_name(&e).to_string())
}

#[test]
fn a_private_table_moved_to_an_earlier_segment_is_rejected() {
    let elf = private_sum_program();
    let (vk, mut segs, statement, summary) = segments(&elf, &secret(0), 128);
    assert!(segs.len() >= 2, "{} segments", segs.len());
    let copy = |segs: &[zkvm_prover::SegmentTraces]| -> Vec<zkvm_prover::SegmentTraces> {
        segs.iter()
            .map(|s| zkvm_prover::SegmentTraces {
                traces: s.traces.clone(),
                values: s.values.clone(),
            })
            .collect()
    };
    let honest = prove_segments_and_verify(&vk, copy(&segs), &statement, &summary);
    assert_eq!(honest, Ok(()));
    // The last segment's PRIVATE table goes to the first segment (the global
    // messages, PRIV, PLEN and the cursor's MEM, are the same), the local
    // lookups refitted in both segments.
    let t = index(&vk, TableId::Rv32Private);
    let last = segs.len() - 1;
    let private = segs[last].traces[t].clone();
    let empty = zkvm_prover::rv32im2::private::empty(6);
    segs[last].traces[t] = empty;
    segs[0].traces[t] = private;
    for s in [0, last] {
        let mut c = rv32im2_common::machine::Claim {
            traces: segs[s].traces.clone(),
            public_values: statement.public_values.clone(),
            input: statement.input.clone(),
            output: statement.output.clone(),
        };
        reseal(&vk, &mut c);
        segs[s].traces = c.traces;
    }
    let forged = prove_segments_and_verify(&vk, segs, &statement, &summary);
    println!("PRIVATE in segment 0: {forged:?}");
    let e = forged.expect_err("the forged proof verified");
    assert!(!e.starts_with("the prover refuses"), "{e}");
}
