//! `zkvm prove`, `zkvm verify`, `zkvm vk` and the hidden `zkvm bench-one`,
//! end to end through the binary. One small Fibonacci receipt (a 2^16-row
//! trace, a few seconds) is proven once and shared by the tests that only
//! read it. Needs `make examples`.

mod common;
use common::{example, text, zkvm};

use std::path::{Path, PathBuf};
use std::process::Output;
use std::sync::OnceLock;
use zkvm_executor::testing::asm;
use zkvm_executor::testing::elf_writer::text_elf;

const FIB_N: u32 = 3000;

/// A scratch directory per test (per process), removed when dropped.
struct Scratch(PathBuf);

impl Scratch {
    fn new(test: &str) -> Scratch {
        let dir = std::env::temp_dir().join(format!("zkvm-pv-{test}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        Scratch(dir)
    }
    fn file(&self, name: &str, bytes: &[u8]) -> PathBuf {
        let path = self.0.join(name);
        std::fs::write(&path, bytes).unwrap();
        path
    }
    fn entries(&self) -> Vec<String> {
        let mut v: Vec<String> = std::fs::read_dir(&self.0)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        v.sort();
        v
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn fib(n: u32) -> u64 {
    let (mut a, mut b) = (0u64, 1u64);
    for _ in 0..n {
        (a, b) = (b, a.wrapping_add(b));
    }
    a
}

struct Proven {
    dir: PathBuf,
    input: PathBuf,
    receipt: PathBuf,
    stdout: String,
    stderr: String,
}

/// The shared receipt: fibonacci(FIB_N), proven over a pre-existing file with
/// --force (which must replace it).
fn proven() -> &'static Proven {
    static PROVEN: OnceLock<Proven> = OnceLock::new();
    PROVEN.get_or_init(|| {
        // Under the target directory: left for inspection, cleaned by cargo clean.
        let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("prove_verify");
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let input = dir.join("fib.in");
        std::fs::write(&input, FIB_N.to_le_bytes()).unwrap();
        let receipt = dir.join("fib.receipt");
        std::fs::write(&receipt, b"old contents").unwrap();
        let out = zkvm(&[
            "prove".as_ref(),
            "--elf".as_ref(),
            example("fibonacci").as_os_str(),
            "--input".as_ref(),
            input.as_os_str(),
            "-o".as_ref(),
            receipt.as_os_str(),
            "--force".as_ref(),
        ]);
        assert!(out.status.success(), "prove failed: {}", text(&out.stderr));
        Proven {
            dir,
            input,
            receipt,
            stdout: text(&out.stdout),
            stderr: text(&out.stderr),
        }
    })
}

fn verify(elf: &Path, receipt: &Path, extra: &[&Path]) -> Output {
    let mut args: Vec<&std::ffi::OsStr> = vec![
        "verify".as_ref(),
        "--elf".as_ref(),
        elf.as_os_str(),
        "--proof".as_ref(),
        receipt.as_os_str(),
    ];
    for pair in extra.chunks(2) {
        args.push(pair[0].as_os_str());
        args.push(pair[1].as_os_str());
    }
    zkvm(&args)
}

/// A failure: exit status 1, one `error: ` line containing `expected`, no panic.
fn assert_fails(out: &Output, expected: &str) {
    let err = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(!err.contains("panicked"), "{err}");
    let last = err.lines().last().unwrap_or("");
    assert!(last.starts_with("error: "), "{err}");
    assert!(last.contains(expected), "expected {expected:?} in {err:?}");
    assert_eq!(
        err.lines().filter(|l| l.starts_with("error")).count(),
        1,
        "{err}"
    );
}

#[test]
fn prove_writes_a_receipt_and_reports_the_run() {
    let p = proven();
    let cycles_line = p
        .stdout
        .lines()
        .find(|l| l.trim_start().starts_with("cycles:"))
        .unwrap_or_else(|| panic!("no cycles line: {}", p.stdout));
    let cycles: u64 = cycles_line
        .split(':')
        .nth(1)
        .unwrap()
        .trim()
        .parse()
        .unwrap();
    assert!(
        (10 * FIB_N as u64..11 * FIB_N as u64 + 200).contains(&cycles),
        "{cycles}"
    );
    for needle in [
        "exit code:    0",
        "trace rows:   2^16",
        "prove time:",
        "receipt size:",
        "verify time:",
        "peak memory:",
    ] {
        assert!(
            p.stdout.contains(needle),
            "{needle:?} missing in {}",
            p.stdout
        );
    }
    for phase in [
        "[1/3] executing + building trace done in",
        "[2/3] proving",
        "[3/3] verifying",
    ] {
        assert!(
            p.stderr.contains(phase),
            "{phase:?} missing in {}",
            p.stderr
        );
    }
    // Not a terminal: no spinner control characters.
    assert!(!p.stderr.contains('\r'), "{:?}", p.stderr);
    // --force replaced the old file; no temporary file is left behind.
    let bytes = std::fs::read(&p.receipt).unwrap();
    assert!(bytes.starts_with(b"zkvm-receipt"));
    let names: Vec<String> = std::fs::read_dir(&p.dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with('.'))
        .collect();
    assert!(names.is_empty(), "{names:?}");
}

#[test]
fn verify_accepts_the_receipt_and_shows_the_claim() {
    let p = proven();
    let dir = Scratch::new("verify-ok");
    let expected = dir.file("fib.out", &fib(FIB_N).to_le_bytes());
    let out = verify(
        &example("fibonacci"),
        &p.receipt,
        &["--input".as_ref(), &p.input, "--output".as_ref(), &expected],
    );
    let stdout = text(&out.stdout);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(stdout.starts_with("receipt verified: "), "{stdout}");
    assert!(stdout.contains("exit code:   0"), "{stdout}");
    assert!(
        stdout.contains("input:       4 bytes, sha3-256 "),
        "{stdout}"
    );
    assert!(stdout.contains("matches --input"), "{stdout}");
    assert!(
        stdout.contains("output:      8 bytes, sha3-256 "),
        "{stdout}"
    );
    assert!(stdout.contains("matches --output"), "{stdout}");
    let hex: String = fib(FIB_N)
        .to_le_bytes()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    assert!(stdout.contains(&format!("hex {hex}")), "{stdout}");
    assert!(stdout.contains("verify time: "), "{stdout}");
}

#[test]
fn verify_rejects_flipped_bytes() {
    let p = proven();
    let dir = Scratch::new("flip");
    let good = std::fs::read(&p.receipt).unwrap();
    // Magic, exit code, cycles, input, output, and across the proof.
    let mut positions = vec![0, 16, 20, 32, 40, 44, 52];
    for k in 1..8 {
        positions.push(60 + (good.len() - 61) * k / 8);
    }
    positions.push(good.len() - 1);
    for pos in positions {
        let mut bad = good.clone();
        bad[pos] ^= 0x01;
        let path = dir.file("bad.receipt", &bad);
        let out = verify(&example("fibonacci"), &path, &[]);
        assert_fails(&out, "failed: ");
        assert!(out.stdout.is_empty(), "byte {pos}");
    }
    // Truncated and extended.
    let path = dir.file("short.receipt", &good[..good.len() - 3]);
    assert_fails(&verify(&example("fibonacci"), &path, &[]), "LengthTooLarge");
    let mut long = good.clone();
    long.push(0);
    let path = dir.file("long.receipt", &long);
    assert_fails(&verify(&example("fibonacci"), &path, &[]), "TrailingBytes");
}

#[test]
fn verify_rejects_another_program() {
    let p = proven();
    let out = verify(&example("sieve"), &p.receipt, &[]);
    assert_fails(&out, "verification of");
    assert!(out.stdout.is_empty());
}

#[test]
fn verify_checks_input_and_output_files() {
    let p = proven();
    let dir = Scratch::new("mismatch");
    let other = dir.file("other.in", &(FIB_N + 1).to_le_bytes());
    let out = verify(
        &example("fibonacci"),
        &p.receipt,
        &["--input".as_ref(), &other],
    );
    assert_fails(&out, "differs from --input");
    let wrong = dir.file("wrong.out", &fib(FIB_N + 1).to_le_bytes());
    let out = verify(
        &example("fibonacci"),
        &p.receipt,
        &["--output".as_ref(), &wrong],
    );
    assert_fails(&out, "differs from --output");
    let missing = dir.0.join("missing.in");
    let out = verify(
        &example("fibonacci"),
        &p.receipt,
        &["--input".as_ref(), &missing],
    );
    assert_fails(&out, "cannot read input file");
    let out = verify(&example("fibonacci"), &dir.0.join("nope.receipt"), &[]);
    assert_fails(&out, "cannot read receipt file");
    // Not a receipt at all.
    let out = verify(&example("fibonacci"), &example("fibonacci"), &[]);
    assert_fails(&out, "UnsupportedVersion");
}

#[test]
fn prove_never_overwrites_its_inputs_or_existing_files() {
    let p = proven();
    let dir = Scratch::new("safety");
    let elf_bytes = std::fs::read(example("fibonacci")).unwrap();
    let elf = dir.file("prog.elf", &elf_bytes);
    let input = dir.file("in.bin", &5u32.to_le_bytes());
    let dotted = dir.0.join(".").join("prog.elf");
    let link = dir.0.join("link.elf");
    std::fs::hard_link(&elf, &link).unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink(&input, dir.0.join("sym.bin")).unwrap();
    let before = dir.entries();
    let prove = |out: &Path, force: bool| {
        let mut args: Vec<&std::ffi::OsStr> = vec![
            "prove".as_ref(),
            "--elf".as_ref(),
            elf.as_os_str(),
            "--input".as_ref(),
            input.as_os_str(),
            "-o".as_ref(),
            out.as_os_str(),
        ];
        if force {
            args.push("--force".as_ref());
        }
        zkvm(&args)
    };
    for force in [false, true] {
        assert_fails(&prove(&elf, force), "is the same file as");
        assert_fails(&prove(&dotted, force), "is the same file as");
        assert_fails(&prove(&link, force), "is the same file as");
        assert_fails(&prove(&input, force), "is the same file as");
        #[cfg(unix)]
        assert_fails(&prove(&dir.0.join("sym.bin"), force), "is the same file as");
        assert_fails(&prove(&dir.0, force), "is a directory");
    }
    let receipt_before = std::fs::read(&p.receipt).unwrap();
    assert_fails(&prove(&p.receipt, false), "already exists (pass --force");
    assert_eq!(std::fs::read(&p.receipt).unwrap(), receipt_before);
    assert_fails(
        &prove(&dir.0.join("no/such/dir/r.bin"), false),
        "is not usable",
    );
    // Nothing was written or left behind, and the inputs are intact.
    assert_eq!(dir.entries(), before);
    assert_eq!(std::fs::read(&elf).unwrap(), elf_bytes);
    assert_eq!(std::fs::read(&input).unwrap(), 5u32.to_le_bytes());
}

#[test]
fn prove_reports_bad_programs_in_one_line() {
    let dir = Scratch::new("bad");
    let out_path = dir.0.join("r.bin");
    let run = |elf: &Path| {
        zkvm(&[
            "prove".as_ref(),
            "--elf".as_ref(),
            elf.as_os_str(),
            "-o".as_ref(),
            out_path.as_os_str(),
        ])
    };
    assert_fails(&run(&dir.0.join("missing.elf")), "cannot read ELF file");
    assert_fails(
        &run(&dir.file("text.elf", b"not an elf\n")),
        "not an ELF file",
    );
    assert_fails(
        &run(&dir.file("illegal.elf", &text_elf(&[0xffff_ffff]))),
        "the program does not run to completion: illegal instruction 0xffffffff",
    );
    assert_fails(
        &run(&dir.file("loop.elf", &text_elf(&[asm::jal(asm::reg::ZERO, 0)]))),
        "the program did not exit within 134217728 cycles",
    );
    assert!(!out_path.exists());
    assert_eq!(dir.entries(), vec!["illegal.elf", "loop.elf", "text.elf"]);
}

#[test]
fn vk_prints_the_program_digest() {
    let digest = |name: &str| {
        let out = zkvm(&["vk".as_ref(), "--elf".as_ref(), example(name).as_os_str()]);
        assert!(out.status.success(), "{}", text(&out.stderr));
        let line = text(&out.stdout).trim().to_owned();
        assert_eq!(line.len(), 64, "{line}");
        assert!(line.bytes().all(|b| b.is_ascii_hexdigit()), "{line}");
        line
    };
    assert_eq!(digest("fibonacci"), digest("fibonacci"));
    assert_ne!(digest("fibonacci"), digest("sieve"));
    let dir = Scratch::new("vk");
    let out = zkvm(&[
        "vk".as_ref(),
        "--elf".as_ref(),
        dir.file("x.elf", b"\x7fELF").as_os_str(),
    ]);
    assert_fails(&out, "rejected by the verifier: ElfMalformed");
}

/// The hidden subcommand behind `zkvm bench`: one proof, figures as JSON.
#[test]
fn bench_one_proves_one_configuration_and_reports_json() {
    let dir = Scratch::new("bench-one");
    let input = dir.file("sieve.in", &2000u32.to_le_bytes());
    let out = zkvm(&[
        "bench-one".as_ref(),
        "--elf".as_ref(),
        example("sieve").as_os_str(),
        "--input".as_ref(),
        input.as_os_str(),
        "--threads".as_ref(),
        "0".as_ref(),
        "--verify-runs".as_ref(),
        "1".as_ref(),
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let json = text(&out.stdout);
    let json = json.trim();
    assert!(json.starts_with('{') && json.ends_with('}'), "{json}");
    for key in [
        "\"cycles\":",
        "\"log_rows\":16",
        "\"prove_s\":",
        "\"proof_bytes\":",
        "\"verify_s\":",
        "\"peak_rss_bytes\":",
    ] {
        assert!(json.contains(key), "{key} missing in {json}");
    }
    // 303 primes up to 2000, the largest 1999: output (303, 1999) as u32 LE.
    let expected: String = [303u32.to_le_bytes(), 1999u32.to_le_bytes()]
        .concat()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    assert!(
        json.contains(&format!("\"output_hex\":\"{expected}\"")),
        "{json}"
    );
    // Hidden from the help.
    let help = text(&zkvm(&["--help"]).stdout);
    assert!(!help.contains("bench-one"), "{help}");
    assert!(help.contains("prove") && help.contains("verify") && help.contains("bench"));
}

/// `zkvm prove --private-input`: the private_json example proves a fact about
/// a JSON document read from fd 3; the receipt verifies and holds neither
/// the document nor any of its other fields.
#[test]
fn a_private_input_is_proved_and_left_out_of_the_receipt() {
    let scratch = Scratch::new("private");
    let examples = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../examples");
    let input = examples.join("inputs/private_json.bin");
    let private = examples.join("inputs/private_json.private.bin");
    let receipt = scratch.0.join("private.receipt");
    let elf = example("private_json");
    let out = zkvm(&[
        "prove".as_ref(),
        "--elf".as_ref(),
        elf.as_os_str(),
        "--input".as_ref(),
        input.as_os_str(),
        "--private-input".as_ref(),
        private.as_os_str(),
        "-o".as_ref(),
        receipt.as_os_str(),
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let out = verify(&elf, &receipt, &[]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let bytes = std::fs::read(&receipt).unwrap();
    let document = std::fs::read(&private).unwrap();
    for secret in [
        &b"Ada Lovelace"[..],
        b"GB29 NWBK",
        b"balance",
        &document[4..36],
    ] {
        assert!(
            !bytes.windows(secret.len()).any(|w| w == secret),
            "the receipt holds {:?}",
            text(secret)
        );
    }
    let expected = std::fs::read(examples.join("expected/private_json.out")).unwrap();
    assert!(bytes.windows(expected.len()).any(|w| w == &expected[..]));
}
