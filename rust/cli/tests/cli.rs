//! End-to-end tests of the `zkvm` binary, especially its error reporting.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use zkvm_executor::testing::asm::{self, reg::*};
use zkvm_executor::testing::elf_writer::{text_elf, ElfBuilder, DATA_BASE, TEXT_BASE};

fn zkvm(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_zkvm"))
        .args(args)
        .output()
        .expect("spawn zkvm")
}

/// A fresh scratch directory for one test, removed when dropped.
struct Scratch(PathBuf);

impl std::ops::Deref for Scratch {
    type Target = Path;
    fn deref(&self) -> &Path {
        &self.0
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn scratch(test: &str) -> Scratch {
    let dir = std::env::temp_dir().join(format!("zkvm-cli-{test}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    Scratch(dir)
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> String {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path.to_str().unwrap().to_owned()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// Reads up to 64 input bytes, writes them back to fd 1 with a prefix
/// `>`, and exits with the number of bytes read.
fn echo_program() -> Vec<u8> {
    let buf = DATA_BASE + 1;
    let words = [
        asm::li(A7, 63).to_vec(),
        asm::li(A0, 0).to_vec(),
        asm::li(A1, buf).to_vec(),
        asm::li(A2, 64).to_vec(),
        vec![asm::ecall(), asm::addi(S0, A0, 0)],
        asm::li(A7, 64).to_vec(),
        asm::li(A0, 1).to_vec(),
        asm::li(A1, DATA_BASE).to_vec(),
        vec![asm::addi(A2, S0, 1), asm::ecall(), asm::addi(A0, S0, 0)],
        asm::exit_with_a0(),
    ]
    .concat();
    ElfBuilder::with_text(&words)
        .data(DATA_BASE, b">".to_vec(), 0x100)
        .build()
}

#[test]
fn run_prints_output_exit_code_and_cycles() {
    let dir = scratch("run");
    let elf = write(&dir, "echo.elf", &echo_program());
    let input = write(&dir, "input.bin", b"hello");
    let out = zkvm(&["run", "--elf", &elf, "--input", &input]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(out.stdout, b">hello");
    let err = stderr(&out);
    assert!(err.contains("exit code: 5\n"), "{err}");
    assert!(err.contains("cycles: 22\n"), "{err}");
}

#[test]
fn run_without_input_and_nonzero_guest_exit_code_still_succeeds() {
    let dir = scratch("noinput");
    let elf = write(&dir, "exit.elf", &text_elf(&asm::exit(42)));
    let out = zkvm(&["run", "--elf", &elf]);
    assert_eq!(out.status.code(), Some(0));
    assert!(out.stdout.is_empty());
    assert!(stderr(&out).contains("exit code: 42"));
    // --exit-code passes it through (modulo 256, as a process exit status).
    let out = zkvm(&["run", "--elf", &elf, "--exit-code"]);
    assert_eq!(out.status.code(), Some(42));
    assert!(stderr(&out).contains("exit code: 42"));
    let big = write(&dir, "exit300.elf", &text_elf(&asm::exit(300)));
    let out = zkvm(&["run", "--elf", &big, "--exit-code"]);
    assert_eq!(out.status.code(), Some(300 % 256));
    let zero = write(&dir, "exit0.elf", &text_elf(&asm::exit(0)));
    assert_eq!(
        zkvm(&["run", "--elf", &zero, "--exit-code"]).status.code(),
        Some(0)
    );
}

#[test]
fn run_forwards_guest_stderr_and_never_writes_files() {
    let dir = scratch("nowrite");
    let words = [
        asm::li(A7, 64).to_vec(),
        asm::li(A0, 2).to_vec(),
        asm::li(A1, TEXT_BASE).to_vec(),
        asm::li(A2, 4).to_vec(),
        vec![asm::ecall()],
        asm::exit(0),
    ]
    .concat();
    let elf = write(&dir, "debug.elf", &text_elf(&words));
    let before: Vec<_> = std::fs::read_dir(&*dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    let out = zkvm(&["run", "--elf", &elf]);
    assert!(out.status.success());
    assert!(out.stdout.is_empty(), "fd 2 output must not reach stdout");
    assert!(
        out.stderr.starts_with(&words[0].to_le_bytes()),
        "guest fd 2 bytes go to stderr"
    );
    let after: Vec<_> = std::fs::read_dir(&*dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(before, after);
}

/// Runs `zkvm run` on a bad case and returns the error message, checking
/// the exit status and the `error: ` prefix.
fn failing_run(args: &[&str]) -> String {
    let mut all = vec!["run"];
    all.extend(args);
    let out = zkvm(&all);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{all:?}: {err}");
    assert!(out.stdout.is_empty(), "no guest output on failure");
    assert!(err.starts_with("error: "), "{err}");
    assert_eq!(err.lines().count(), 1, "one clear line: {err}");
    err
}

#[test]
fn every_bad_input_gets_its_own_error() {
    let dir = scratch("errors");
    let good = echo_program();
    let mut x86 = ElfBuilder::with_text(&asm::exit(0));
    x86.machine = 3;
    let cases: Vec<(&str, Vec<String>, &str)> = vec![
        (
            "missing ELF",
            vec![
                "--elf".into(),
                dir.join("nope.elf").to_str().unwrap().into(),
            ],
            "cannot read ELF file",
        ),
        (
            "missing input",
            vec![
                "--elf".into(),
                write(&dir, "ok.elf", &good),
                "--input".into(),
                dir.join("nope.bin").to_str().unwrap().into(),
            ],
            "cannot read input file",
        ),
        (
            "directory as ELF",
            vec!["--elf".into(), dir.to_str().unwrap().into()],
            "cannot read ELF file",
        ),
        (
            "truncated",
            vec!["--elf".into(), write(&dir, "trunc.elf", &good[..40])],
            "truncated ELF file",
        ),
        (
            "not ELF",
            vec!["--elf".into(), write(&dir, "text.elf", b"just some text\n")],
            "not an ELF file",
        ),
        (
            "x86",
            vec!["--elf".into(), write(&dir, "x86.elf", &x86.build())],
            "is for machine 3 (x86), not RISC-V",
        ),
        (
            "input too large",
            vec![
                "--elf".into(),
                write(&dir, "ok2.elf", &good),
                "--input".into(),
                write(&dir, "big.bin", b"12345"),
                "--max-input".into(),
                "4".into(),
            ],
            "input too large: 5 bytes exceeds the maximum of 4 bytes",
        ),
        (
            "illegal instruction",
            vec![
                "--elf".into(),
                write(&dir, "illegal.elf", &text_elf(&[0xffff_ffff])),
            ],
            "illegal instruction 0xffffffff at pc 0x00010000",
        ),
        (
            "jump outside memory",
            vec![
                "--elf".into(),
                write(
                    &dir,
                    "jump.elf",
                    &text_elf(&[asm::lui(T0, 0x12345), asm::jalr(ZERO, T0, 0)]),
                ),
            ],
            "instruction fetch fault: pc 0x12345000 is outside executable memory",
        ),
        (
            "cycle limit",
            vec![
                "--elf".into(),
                write(&dir, "loop.elf", &text_elf(&[asm::jal(ZERO, 0)])),
                "--max-cycles".into(),
                "1000".into(),
            ],
            "cycle limit exceeded: the program did not exit within 1000 cycles",
        ),
        (
            "misaligned load",
            vec![
                "--elf".into(),
                write(
                    &dir,
                    "misaligned.elf",
                    &text_elf(&[asm::lui(T0, 0x10), asm::lw(T1, T0, 2)]),
                ),
            ],
            "misaligned 4-byte memory access at address 0x00010002",
        ),
        (
            "unmapped store",
            vec![
                "--elf".into(),
                write(&dir, "null.elf", &text_elf(&[asm::sw(T1, ZERO, 0)])),
            ],
            "out-of-bounds memory access at address 0x00000000",
        ),
        (
            "ebreak",
            vec![
                "--elf".into(),
                write(&dir, "ebreak.elf", &text_elf(&[asm::ebreak()])),
            ],
            "ebreak (breakpoint) executed at pc 0x00010000",
        ),
        (
            "unknown syscall",
            vec![
                "--elf".into(),
                write(
                    &dir,
                    "sys.elf",
                    &text_elf(&[asm::addi(A7, ZERO, 214), asm::ecall()]),
                ),
            ],
            "unknown syscall number 214",
        ),
    ];
    let mut messages = std::collections::HashSet::new();
    for (name, args, expected) in &cases {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let err = failing_run(&args);
        assert!(
            err.contains(expected),
            "{name}: expected {expected:?} in {err:?}"
        );
        // Strip the file names so only the wording is compared.
        let wording = err.replace(dir.to_str().unwrap(), "");
        assert!(
            messages.insert(wording),
            "{name}: message not distinct: {err}"
        );
    }
}

#[test]
fn execution_errors_report_the_cycle_count() {
    let dir = scratch("cycles");
    let elf = write(
        &dir,
        "illegal.elf",
        &text_elf(&[asm::addi(T0, T0, 1), asm::addi(T0, T0, 1), 0]),
    );
    let err = failing_run(&["--elf", &elf]);
    assert!(
        err.starts_with("error: execution failed after 2 cycles: illegal instruction 0x00000000"),
        "{err}"
    );
}

#[test]
fn usage_errors_exit_with_status_2() {
    let out = zkvm(&["run"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("--elf"));
    let out = zkvm(&["frobnicate"]);
    assert_eq!(out.status.code(), Some(2));
    let out = zkvm(&["run", "--elf", "x", "--max-cycles", "many"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn bench_exec_reports_median_speed() {
    let dir = scratch("bench");
    // A loop of 10000 iterations.
    let words = [
        asm::li(T0, 10_000).to_vec(),
        vec![
            asm::addi(T1, T1, 3),
            asm::addi(T0, T0, -1),
            asm::bne(T0, ZERO, -8),
        ],
        asm::exit(0),
    ]
    .concat();
    let elf = write(&dir, "loop.elf", &text_elf(&words));
    let out = zkvm(&["bench-exec", "--elf", &elf, "--runs", "3"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = String::from_utf8(out.stdout).unwrap();
    assert_eq!(
        text.lines().filter(|l| l.starts_with("run ")).count(),
        3,
        "{text}"
    );
    assert!(
        text.contains("median: ") && text.contains("Mcycles/s (30007 cycles"),
        "{text}"
    );
}
