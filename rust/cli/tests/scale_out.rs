//! Scale-out through the binary: `zkvm plan`, then `zkvm commit-segment`
//! and `zkvm prove-segment` for every segment as GNU parallel jobs (two at a
//! time, separate processes), then `zkvm finish`: the receipt is byte for
//! byte the one `zkvm prove --segment-cycles` writes in one process. Needs
//! `make examples` and GNU parallel (scripts/setup.sh installs it).

mod common;
use common::{example, text, zkvm};

use std::path::Path;
use std::process::{Command, Output};

fn ok(out: &Output, what: &str) -> String {
    assert!(
        out.status.success(),
        "{what} failed:\n{}\n{}",
        text(&out.stdout),
        text(&out.stderr)
    );
    text(&out.stdout)
}

/// `parallel` running `zkvm <step> DIR --index {}` for every segment.
fn parallel(step: &str, dir: &Path, segments: u32) {
    let indices: Vec<String> = (0..segments).map(|i| i.to_string()).collect();
    let out = Command::new("parallel")
        .args(["--halt", "now,fail=1", "-j", "2"])
        .arg(env!("CARGO_BIN_EXE_zkvm"))
        .arg(step)
        .arg(dir)
        .args(["--index", "{}", "--threads", "1", ":::"])
        .args(&indices)
        .output()
        .expect("GNU parallel is needed (scripts/setup.sh rust installs it)");
    ok(&out, &format!("parallel {step}"));
}

#[test]
fn segments_proved_by_parallel_jobs_give_the_single_process_receipt() {
    let dir = std::env::temp_dir().join(format!("zkvm-scale-out-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let elf = example("sha256");
    let input = dir.join("input.txt");
    std::fs::write(&input, vec![b'z'; 200]).unwrap();
    let plan_dir = dir.join("plan");
    // The same zero-knowledge seed for both, so that the receipts can be
    // compared byte for byte (each would otherwise draw its own).
    const SEED: &str = "0707070707070707070707070707070707070707070707070707070707070707";
    let segment = "4096";
    let stdout = ok(
        &zkvm(&[
            "plan".as_ref(),
            "--elf".as_ref(),
            elf.as_os_str(),
            "--input".as_ref(),
            input.as_os_str(),
            "--segment-cycles".as_ref(),
            segment.as_ref(),
            "--zk-seed".as_ref(),
            SEED.as_ref(),
            plan_dir.as_os_str(),
        ]),
        "plan",
    );
    let segments: u32 = stdout
        .split(" segments")
        .next()
        .and_then(|s| s.rsplit(' ').next())
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("segment count in: {stdout}"));
    assert!(segments >= 3, "{stdout}");
    // prove-segment needs every header first.
    let early = zkvm(&[
        "prove-segment".as_ref(),
        plan_dir.as_os_str(),
        "--index".as_ref(),
        "0".as_ref(),
    ]);
    assert!(!early.status.success());
    assert!(
        text(&early.stderr).contains("is not committed yet"),
        "{}",
        text(&early.stderr)
    );
    parallel("commit-segment", &plan_dir, segments);
    parallel("prove-segment", &plan_dir, segments);
    let parts = dir.join("parts.receipt");
    ok(
        &zkvm(&[
            "finish".as_ref(),
            plan_dir.as_os_str(),
            "-o".as_ref(),
            parts.as_os_str(),
        ]),
        "finish",
    );
    let whole = dir.join("whole.receipt");
    ok(
        &zkvm(&[
            "prove".as_ref(),
            "--elf".as_ref(),
            elf.as_os_str(),
            "--input".as_ref(),
            input.as_os_str(),
            "--segment-cycles".as_ref(),
            segment.as_ref(),
            "--zk-seed".as_ref(),
            SEED.as_ref(),
            "-o".as_ref(),
            whole.as_os_str(),
        ]),
        "prove",
    );
    assert_eq!(
        std::fs::read(&parts).unwrap(),
        std::fs::read(&whole).unwrap()
    );
    ok(
        &zkvm(&[
            "verify".as_ref(),
            "--elf".as_ref(),
            elf.as_os_str(),
            "--proof".as_ref(),
            parts.as_os_str(),
        ]),
        "verify",
    );
    let _ = std::fs::remove_dir_all(&dir);
}
