//! The book (docs/book) as written: the quick start's shell blocks run in order in a
//! fresh directory (`zkvm new`, `zkvm build`, the host proving with the SDK, `zkvm
//! verify`), and a guest code block that names a file is that file (which `make
//! examples` compiles). The host chapter's Rust blocks are doc tests of zkvm-sdk.
//!
//! The quick start compiles the scaffolded host, with the prover, in release mode in its
//! own target directory (offline: the crates the zkvm workspace already fetched): a few
//! CPU-minutes on a cold cache.

use std::path::{Path, PathBuf};
use std::process::Command;

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .unwrap()
}

fn chapter(name: &str) -> String {
    let path = repo().join("docs/book").join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The code blocks of a chapter with their info string (```sh, ```rust, ...).
fn blocks(text: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut current: Option<(String, String)> = None;
    for line in text.lines() {
        match (&mut current, line.strip_prefix("```")) {
            (None, Some(info)) => current = Some((info.trim().to_owned(), String::new())),
            (Some(_), Some(_)) => out.push(current.take().unwrap()),
            (Some((_, body)), None) => {
                body.push_str(line);
                body.push('\n');
            }
            (None, None) => {}
        }
    }
    assert!(current.is_none(), "an unterminated code block");
    out
}

#[test]
fn every_block_is_tested_somewhere() {
    // sh blocks run only in the quick start; rust blocks are the host chapter's doc
    // tests or name the file they show.
    for name in [
        "quick-start.md",
        "guests.md",
        "host.md",
        "receipts.md",
        "performance.md",
    ] {
        for (info, body) in blocks(&chapter(name)) {
            match info.as_str() {
                "sh" => assert_eq!(
                    name, "quick-start.md",
                    "a shell block outside the quick start"
                ),
                i if i.starts_with("rust") => assert!(
                    name == "host.md" || body.starts_with("// file: "),
                    "{name}: a Rust block that no test compiles"
                ),
                other => panic!("{name}: a ```{other} block that no test checks"),
            }
        }
    }
}

#[test]
fn guest_blocks_are_the_files_they_name() {
    let mut checked = 0;
    for (_, body) in blocks(&chapter("guests.md")) {
        let Some(rest) = body.strip_prefix("// file: ") else {
            continue;
        };
        let (path, code) = rest.split_once('\n').unwrap();
        let file = std::fs::read_to_string(repo().join(path.trim())).unwrap();
        assert_eq!(
            code, file,
            "docs/book/guests.md shows {path} as it was, not as it is"
        );
        checked += 1;
    }
    assert!(checked >= 1);
}

/// The quick start, command by command, in a scratch directory.
#[test]
fn quick_start_works_as_written() {
    let mut script = String::from("set -eu\n");
    for (info, body) in blocks(&chapter("quick-start.md")) {
        if info == "sh" {
            script.push_str(&body);
        }
    }
    assert!(script.contains("zkvm new hello") && script.contains("--prove hello.receipt"));
    let dir = std::env::temp_dir().join(format!("zkvm-book-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let zkvm = PathBuf::from(env!("CARGO_BIN_EXE_zkvm"));
    let path = format!(
        "{}:{}",
        zkvm.parent().unwrap().display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let cargo_dir = Path::new(env!("CARGO")).parent().unwrap().to_owned();
    let out = Command::new("sh")
        .arg("-c")
        .arg(&script)
        .current_dir(&dir)
        .env("PATH", format!("{path}:{}", cargo_dir.display()))
        .env("CARGO", env!("CARGO"))
        .env("CARGO_NET_OFFLINE", "true")
        .env_remove("CARGO_TARGET_DIR")
        .env_remove("RUSTFLAGS")
        .output()
        .expect("spawn sh");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success(),
        "quick start failed:\n{stdout}\n{stderr}"
    );
    // fib(20) = 6765; fib(0), fib(3), ..., fib(18) are the 7 even ones.
    assert!(
        stdout.contains("fib(20) = 6765 (7 even); exit code 0, "),
        "{stdout}"
    );
    assert!(stdout.contains("receipt hello.receipt: "), "{stdout}");
    assert!(dir.join("hello/hello.receipt").is_file());
    // zkvm verify's report of the receipt.
    assert!(stdout.contains("exit code"), "{stdout}");
    // zkvm build -o copies the ELF, and never over an existing file without --force.
    let build = |out: &str, force: bool| {
        let mut cmd = Command::new(&zkvm);
        cmd.args(["build", "--path", "hello", "-o", out])
            .current_dir(&dir)
            .env("CARGO", env!("CARGO"))
            .env("CARGO_NET_OFFLINE", "true")
            .env_remove("CARGO_TARGET_DIR")
            .env_remove("RUSTFLAGS");
        if force {
            cmd.arg("--force");
        }
        cmd.output().expect("spawn zkvm build")
    };
    let refused = build("hello/hello.receipt", false);
    assert!(!refused.status.success());
    assert!(String::from_utf8_lossy(&refused.stderr).contains("--force"));
    assert!(build("hello.elf", false).status.success());
    assert_eq!(
        std::fs::read(dir.join("hello.elf")).unwrap(),
        std::fs::read(
            dir.join("hello/guest/target/riscv32im-unknown-none-elf/release/hello-guest")
        )
        .unwrap()
    );
    let _ = std::fs::remove_dir_all(&dir);
}
