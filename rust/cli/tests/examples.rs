//! Every example guest, run by `zkvm run`, produces exactly the output and exit code that
//! `examples/expected/gen.py` computed independently of the guest code (hashlib, zlib, pow…).

use std::path::PathBuf;
use std::process::Command;

const EXAMPLES: [&str; 10] = [
    "fibonacci",
    "sha256",
    "sort",
    "sieve",
    "modexp",
    "reverse",
    "stats",
    "private_json",
    "c_checksum",
    "c_greet",
];

fn examples_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../examples")
}

#[test]
fn every_example_matches_its_expected_output() {
    let dir = examples_dir();
    for name in EXAMPLES {
        let elf = dir.join(format!("bin/{name}.elf"));
        assert!(
            elf.exists(),
            "{} is missing: run `make examples` first",
            elf.display()
        );
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_zkvm"));
        cmd.arg("run")
            .arg("--elf")
            .arg(&elf)
            .arg("--input")
            .arg(dir.join(format!("inputs/{name}.bin")));
        // The examples that read a private input (fd 3).
        let private = dir.join(format!("inputs/{name}.private.bin"));
        if private.exists() {
            cmd.arg("--private-input").arg(private);
        }
        let out = cmd.output().expect("spawn zkvm");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "{name}: zkvm run failed: {stderr}");
        let expected = std::fs::read(dir.join(format!("expected/{name}.out"))).unwrap();
        assert!(
            out.stdout == expected,
            "{name}: output differs from expected/{name}.out"
        );
        let code = std::fs::read_to_string(dir.join(format!("expected/{name}.code"))).unwrap();
        let line = format!("exit code: {}", code.trim());
        assert!(
            stderr.contains(&line),
            "{name}: expected `{line}` in: {stderr}"
        );
        assert!(
            stderr.contains("cycles: "),
            "{name}: no cycle count in: {stderr}"
        );
    }
}
