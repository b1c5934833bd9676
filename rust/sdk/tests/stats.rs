//! The typed I/O example guest (examples/stats) end to end on the host: the input is built
//! with `Input`, the guest runs in the executor, and its output is decoded with
//! `receipt_output`. Needs examples/bin/stats.elf (`make examples`).

use serde::{Deserialize, Serialize};
use std::path::PathBuf;
use zkvm_executor::{run, Limits, Machine, Program, RunResult};
use zkvm_sdk::{receipt_output, Error, Input, Output, WireError};

// The guest's types (examples/stats/src/lib.rs), declared again on the host: the same
// fields in the same order give the same encoding.
#[derive(Serialize, Deserialize, Debug, Clone, PartialEq, Eq)]
struct Params {
    label: String,
    threshold: i32,
}

#[derive(Serialize, Deserialize, Debug, Clone, PartialEq, Eq)]
struct Summary {
    label: String,
    count: u32,
    sum: i64,
    min: Option<i32>,
    max: Option<i32>,
    above: u32,
    note_len: u32,
    tag: [u8; 4],
}

fn examples_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../examples")
}

fn program() -> Program {
    let path = examples_dir().join("bin/stats.elf");
    let elf = std::fs::read(&path)
        .unwrap_or_else(|e| panic!("{}: {e} (run `make examples`)", path.display()));
    Program::from_elf(&elf).unwrap()
}

fn execute(input: &[u8]) -> RunResult {
    run(&program(), input, &Limits::default()).unwrap()
}

/// The guest's debug output (fd 2) and exit code.
fn execute_debug(input: &[u8]) -> (String, u32, Vec<u8>) {
    let mut m = Machine::new(&program(), input).unwrap();
    let code = m.run(1 << 26).unwrap();
    (
        String::from_utf8_lossy(m.debug_output()).into_owned(),
        code,
        m.output().to_vec(),
    )
}

fn expected(params: &Params, samples: &[i32], note: &[u8]) -> Summary {
    Summary {
        label: params.label.clone(),
        count: samples.len() as u32,
        sum: samples.iter().map(|&s| s as i64).sum(),
        min: samples.iter().copied().min(),
        max: samples.iter().copied().max(),
        above: samples.iter().filter(|&&s| s > params.threshold).count() as u32,
        note_len: note.len() as u32,
        tag: *b"ZKVM",
    }
}

fn input(params: &Params, samples: &[i32], note: &[u8], tag: &[u8]) -> Input {
    let mut input = Input::new();
    input
        .write(params)
        .write(samples)
        .write_slice(note)
        .write_slice(tag);
    input
}

#[test]
fn typed_input_and_output_round_trip_through_the_guest() {
    let mut x = 0x2545_F491u32;
    let mut samples = Vec::new();
    for _ in 0..500 {
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        samples.push(x as i32);
    }
    samples.extend([i32::MIN, i32::MAX, 0, -1]);
    for (params, samples, note) in [
        (
            Params {
                label: "ünïcode label".into(),
                threshold: -5,
            },
            samples.clone(),
            vec![7u8; 1000],
        ),
        (
            Params {
                label: String::new(),
                threshold: 0,
            },
            Vec::new(),
            Vec::new(),
        ),
    ] {
        let input = input(&params, &samples, &note, b"ZKVM");
        let result = execute(input.as_bytes());
        assert_eq!(result.exit_code, 0);
        let summary: Summary = receipt_output(&result.output).unwrap();
        assert_eq!(summary, expected(&params, &samples, &note));
        // A type that does not match the output is an error, not a wrong value.
        assert!(matches!(
            receipt_output::<(String, u64)>(&result.output),
            Err(Error::Decode { frame: 0, .. })
        ));
    }
}

#[test]
fn the_committed_example_files_use_the_same_encoding() {
    // examples/inputs/stats.bin and examples/expected/stats.out are written by
    // examples/expected/gen.py (an independent Python encoder): decoding them and
    // encoding again with zkvm-sdk gives the same bytes.
    let dir = examples_dir();
    let bytes = std::fs::read(dir.join("inputs/stats.bin")).unwrap();
    let mut frames = Output::new(&bytes);
    let params: Params = frames.read().unwrap();
    let samples: Vec<i32> = frames.read().unwrap();
    let note = frames.read_slice().unwrap();
    let tag = frames.read_slice().unwrap();
    frames.finish().unwrap();
    assert_eq!(input(&params, &samples, note, tag).as_bytes(), &bytes[..]);

    let result = execute(&bytes);
    let want_out = std::fs::read(dir.join("expected/stats.out")).unwrap();
    assert_eq!(result.output, want_out);
    let summary: Summary = receipt_output(&result.output).unwrap();
    assert_eq!(summary, expected(&params, &samples, note));
    let mut again = Input::new();
    again.write(&summary);
    assert_eq!(again.as_bytes(), &want_out[..]);
}

#[test]
fn bad_input_stops_the_guest_with_a_message() {
    let params = Params {
        label: "x".into(),
        threshold: 1,
    };
    // The tag is checked by the guest itself: exit 2, nothing committed.
    let (debug, code, out) = execute_debug(input(&params, &[1, 2], b"", b"NOPE").as_bytes());
    assert_eq!((code, out.len(), debug.as_str()), (2, 0, ""));

    // The input ends after the first frame.
    let mut short = Input::new();
    short.write(&params);
    let (debug, code, out) = execute_debug(short.as_bytes());
    assert_eq!((code, out.len()), (101, 0));
    assert!(
        debug.starts_with("guest panicked at stats/src/main.rs:")
            && debug.contains("zkvm_guest::io::read: the data ends inside a frame"),
        "{debug}"
    );

    // The second frame holds a bool where a Vec<i32> is expected (a length of 1, then
    // nothing): the guest names the decoding error.
    let mut wrong = Input::new();
    wrong.write(&params).write(&true);
    let (debug, code, _) = execute_debug(wrong.as_bytes());
    assert_eq!(code, 101);
    assert!(
        debug.contains("zkvm_guest::io::read: the frame is not an encoding of the requested type (the payload ends inside the value)"),
        "{debug}"
    );

    // A tag frame of 3 bytes where read_slice wants 4.
    let (debug, code, _) = execute_debug(input(&params, &[], b"", b"ZKV").as_bytes());
    assert_eq!(code, 101);
    assert!(
        debug.contains("zkvm_guest::io::read_slice: the frame's length is not the one asked for (3 bytes, expected 4)"),
        "{debug}"
    );
    // The host's error text for the same condition is the same.
    assert_eq!(
        WireError::LengthMismatch {
            expected: 4,
            found: 3
        }
        .to_string(),
        "the frame's length is not the one asked for (3 bytes, expected 4)"
    );
}

/// The host API end to end: `Prover` executes and proves the typed guest, reports
/// each step, and the `Receipt` verifies, decodes to the same typed output, survives
/// its byte encoding, and is rejected for another program or a changed output.
#[test]
fn prover_and_receipt_prove_verify_and_decode() {
    use zkvm_sdk::{Progress, Prover, Receipt};
    let elf = std::fs::read(examples_dir().join("bin/stats.elf")).unwrap();
    let params = Params {
        label: "sdk".into(),
        threshold: 10,
    };
    let samples = [3, 14, -15, 92, 65];
    let want = expected(&params, &samples, b"note");
    let prover = Prover::new(&elf)
        .unwrap()
        .with_input(input(&params, &samples, b"note", b"ZKVM"))
        .with_threads(1);

    let run = prover.execute().unwrap();
    assert_eq!(run.exit_code, 0);
    assert_eq!(run.output::<Summary>().unwrap(), want);

    let mut steps = Vec::new();
    let (receipt, stats) = prover.prove_with(|p| steps.push(p)).unwrap();
    // One segment: built once (pass 1), proved from what pass 1 kept.
    let segments: Vec<Progress> = steps
        .iter()
        .copied()
        .filter(|p| matches!(p, Progress::Segment { .. }))
        .collect();
    assert_eq!(
        segments,
        vec![Progress::Segment {
            pass: 1,
            index: 0,
            cycles: run.cycles
        }]
    );
    steps.retain(|p| !matches!(p, Progress::Segment { .. }));
    assert!(matches!(steps[0], Progress::Executing));
    assert!(matches!(steps[1], Progress::Executed(t) if t.cycles == run.cycles));
    assert!(matches!(steps[2], Progress::Proving { threads: Some(1) }));
    assert!(
        matches!(steps[3], Progress::Proved { proof_bytes, .. } if proof_bytes == receipt.proof_len())
    );
    assert!(matches!(steps[4], Progress::Verifying));
    assert!(matches!(steps[5], Progress::Verified { .. }));
    assert_eq!(steps.len(), 6);
    assert_eq!(stats.trace.cycles, run.cycles);
    assert_eq!((receipt.exit_code(), receipt.cycles()), (0, run.cycles));
    assert_eq!(receipt.output::<Summary>().unwrap(), want);

    // Round trip through the file format, then verify as a third party would.
    let again = Receipt::from_bytes(&receipt.to_bytes()).unwrap();
    again.verify(&elf).unwrap();
    assert_eq!(again.output::<Summary>().unwrap(), want);

    // Another program's key rejects it; so does a changed output byte.
    let other = std::fs::read(examples_dir().join("bin/fibonacci.elf")).unwrap();
    assert!(matches!(again.verify(&other), Err(Error::Verify(_))));
    let mut bytes = receipt.to_bytes();
    let at = bytes.len() - receipt.proof_len() - 5;
    bytes[at] ^= 1;
    let tampered = Receipt::from_bytes(&bytes).unwrap();
    assert!(tampered.verify(&elf).is_err());

    // Errors are typed: a non-ELF, and a guest that does not fit the input it gets.
    assert!(matches!(Prover::new(b"not an elf"), Err(Error::Elf(_))));
}
