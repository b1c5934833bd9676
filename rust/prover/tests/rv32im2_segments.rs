//! Continuations: a run proved in segments (docs/protocol.md §5.2,
//! docs/air.md §8.1). Receipts of one run with different segment sizes
//! state the same claim and verify; receipts whose segments are dropped,
//! duplicated, reordered, cut before the exit or replaced by a segment of
//! another run of the same program are rejected.

mod rv32im2_common;

use rv32im2_common::programs::sum_program;
use zkvm_prover::rv32im2::run::{prove_elf_segmented, verifying_key, DEFAULT_MAX_CYCLES};
use zkvm_prover::ProverOptions;
use zkvm_verifier::error::error_name;
use zkvm_verifier::protocol::proof::{
    decode_segments_with_limits, encode_segments, protocol_limits, Proof,
};
use zkvm_verifier::receipt::{encode_receipt, verify_receipt, Receipt};

/// A fixed zero-knowledge seed: the scale-out steps must give the very receipt.
const SEED: [u8; 32] = [7; 32];

fn seeded() -> ProverOptions {
    ProverOptions {
        zk_seed: Some(SEED),
        ..ProverOptions::default()
    }
}

fn prove(elf: &[u8], input: &[u8], segment_cycles: u64) -> Receipt {
    let (receipt, report) =
        prove_elf_segmented(elf, input, &seeded(), segment_cycles, DEFAULT_MAX_CYCLES)
            .unwrap_or_else(|e| panic!("prove with segments of {segment_cycles}: {e}"));
    assert_eq!(
        report.segments as u64,
        receipt.cycles.div_ceil(segment_cycles),
        "segments of {segment_cycles} cycles"
    );
    receipt
}

fn verify(elf: &[u8], receipt: &Receipt) -> Result<(), &'static str> {
    let vk = verifying_key(elf).unwrap();
    verify_receipt(&vk, &encode_receipt(receipt))
        .map(|_| ())
        .map_err(|e| error_name(&e))
}

fn segments(receipt: &Receipt) -> Vec<Proof> {
    decode_segments_with_limits(&receipt.proof, &protocol_limits()).unwrap()
}

/// The receipt with its proof replaced by these segments.
fn with_segments(receipt: &Receipt, segs: &[Proof]) -> Receipt {
    Receipt {
        exit_code: receipt.exit_code,
        cycles: receipt.cycles,
        input_consumed: receipt.input_consumed,
        input: receipt.input.clone(),
        output: receipt.output.clone(),
        proof: encode_segments(segs),
    }
}

/// 64 input bytes: the sum loop runs 64 times (about 400 cycles).
fn input(seed: u8) -> Vec<u8> {
    (0..64u8)
        .map(|i| i.wrapping_mul(31).wrapping_add(seed))
        .collect()
}

#[test]
fn any_segment_size_proves_the_same_statement() {
    let elf = sum_program();
    let input = input(1);
    let whole = prove(&elf, &input, 1 << 20);
    assert_eq!(segments(&whole).len(), 1);
    assert!(whole.cycles > 300, "{} cycles", whole.cycles);
    assert_eq!(verify(&elf, &whole), Ok(()));
    for size in [100, 64, 37, whole.cycles - 1, whole.cycles] {
        let receipt = prove(&elf, &input, size);
        assert_eq!(verify(&elf, &receipt), Ok(()), "segments of {size}");
        assert_eq!(
            (
                receipt.exit_code,
                receipt.cycles,
                receipt.input_consumed,
                &receipt.output
            ),
            (
                whole.exit_code,
                whole.cycles,
                whole.input_consumed,
                &whole.output
            ),
            "segments of {size}"
        );
        let segs = segments(&receipt);
        assert_eq!(segs.len() as u64, whole.cycles.div_ceil(size));
        // Each segment states where it starts: clk = index * size.
        for (i, seg) in segs.iter().enumerate() {
            assert_eq!(seg.segment_values[1] as u64, i as u64 * size);
        }
        println!(
            "segments of {size}: {} segments, proof {} KiB",
            segs.len(),
            receipt.proof.len() / 1024
        );
    }
}

#[test]
fn spliced_segments_are_rejected() {
    let elf = sum_program();
    let size = 100;
    let receipt = prove(&elf, &input(1), size);
    let n = segments(&receipt).len();
    assert!(n >= 4, "{n} segments");
    // Another run of the same program: same input length, so the same
    // control flow (every segment starts at the same pc and clk), other bytes.
    let other = prove(&elf, &input(2), size);
    assert_eq!(other.cycles, receipt.cycles);
    let mut cases: Vec<(&str, Vec<Proof>)> = Vec::new();
    let mut s = segments(&receipt);
    s.remove(1);
    cases.push(("a middle segment dropped", s));
    let mut s = segments(&receipt);
    s.pop();
    cases.push(("cut before the exit", s));
    let mut s = segments(&receipt);
    s.truncate(1);
    cases.push(("the first segment alone", s));
    let mut s = segments(&receipt);
    s.insert(2, segments(&receipt).remove(1));
    cases.push(("a segment duplicated", s));
    let mut s = segments(&receipt);
    s.swap(1, 2);
    cases.push(("two segments swapped", s));
    let mut s = segments(&receipt);
    let mut stranger = segments(&other);
    assert_eq!(s[1].segment_values, stranger[1].segment_values);
    s[1] = stranger.remove(1);
    cases.push(("a segment of another run", s));
    let mut s = segments(&receipt);
    let last = segments(&other).pop().unwrap();
    *s.last_mut().unwrap() = last;
    cases.push(("the last segment of another run", s));
    for (what, segs) in &cases {
        let forged = with_segments(&receipt, segs);
        let result = verify(&elf, &forged);
        println!("{what}: {result:?}");
        assert!(result.is_err(), "{what} accepted");
    }
    // The chain checks name the deterministic cases.
    assert_eq!(
        verify(&elf, &with_segments(&receipt, &cases[3].1)),
        Err("SegmentChainBroken")
    );
    assert_eq!(
        verify(&elf, &with_segments(&receipt, &cases[4].1)),
        Err("SegmentChainBroken")
    );
    // The spliced segment starts where the honest one does: only the bus
    // (its memory values, under other challenges) tells it apart.
    assert_eq!(
        verify(&elf, &with_segments(&receipt, &cases[5].1)),
        Err("LookupSumMismatch")
    );
    // And the untouched receipt still verifies.
    assert_eq!(verify(&elf, &receipt), Ok(()));
}

#[test]
fn segment_sizes_outside_one_to_2_20_are_refused() {
    let elf = sum_program();
    for size in [0, (1 << 20) + 1] {
        let result = prove_elf_segmented(
            &elf,
            b"",
            &ProverOptions::default(),
            size,
            DEFAULT_MAX_CYCLES,
        );
        assert!(result.is_err(), "segments of {size}");
    }
}

/// Scale-out: plan, commit every segment, prove every segment (each step
/// from files' bytes, in any order), then the receipt: byte for byte the
/// single-process one.
#[test]
fn the_scale_out_steps_give_the_same_receipt() {
    use zkvm_prover::rv32im2::plan::{self, Checkpoint, Plan};
    use zkvm_prover::{commit_segment, prove_one_segment};
    let elf = sum_program();
    let input = input(3);
    let size = 100;
    let whole = prove(&elf, &input, size);
    let vk = verifying_key(&elf).unwrap();
    let mut checkpoints: Vec<Vec<u8>> = Vec::new();
    let planned = plan::plan_run(
        &vk.air,
        &elf,
        &input,
        &[],
        DEFAULT_MAX_CYCLES,
        size,
        &mut |c| {
            checkpoints.push(c.encode());
            Ok(())
        },
    )
    .unwrap();
    let plan = Plan::decode(&planned.encode()).unwrap();
    assert_eq!(plan, planned);
    assert_eq!(plan.segments as usize, checkpoints.len());
    let options = seeded();
    let traces = |i: usize| {
        let c = Checkpoint::decode(&checkpoints[i]).unwrap();
        assert_eq!(c.index as usize, i);
        plan::segment_traces(&vk.air, &elf, &input, &[], DEFAULT_MAX_CYCLES, &plan, &c).unwrap()
    };
    // Pass 1, last segment first.
    let mut headers = vec![None; checkpoints.len()];
    for i in (0..checkpoints.len()).rev() {
        let h = commit_segment(&vk, &traces(i), i, checkpoints.len(), &options).unwrap();
        headers[i] = Some(plan::decode_header(&plan::encode_header(&h)).unwrap());
    }
    let headers: Vec<_> = headers.into_iter().map(Option::unwrap).collect();
    let statement = zkvm_verifier::receipt::statement_of(
        &vk,
        plan.exit_code,
        plan.cycles,
        plan.input_consumed as u32,
        input.clone(),
        plan.output.clone(),
    )
    .unwrap();
    // Pass 2, in any order too.
    let mut proofs: Vec<Option<Proof>> = (0..headers.len()).map(|_| None).collect();
    for i in [1, 0, 3, 2].into_iter().chain(4..headers.len()) {
        let p = prove_one_segment(&vk, &statement, &headers, i, &traces(i), &options).unwrap();
        proofs[i] = Some(p);
    }
    let proofs: Vec<Proof> = proofs.into_iter().map(Option::unwrap).collect();
    assert_eq!(encode_segments(&proofs), whole.proof);
    assert_eq!(verify(&elf, &whole), Ok(()));
}
