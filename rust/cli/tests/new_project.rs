//! `zkvm new`: the scaffolded project's files, and the errors.

use std::path::PathBuf;
use std::process::Command;

fn scratch(test: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("zkvm-new-{test}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn zkvm(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_zkvm"))
        .args(args)
        .output()
        .expect("spawn zkvm")
}

#[test]
fn new_scaffolds_a_guest_a_host_and_shared_types() {
    let dir = scratch("files");
    let project = dir.join("demo-app");
    let out = zkvm(&["new", "demo-app", "--path", project.to_str().unwrap()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let read =
        |p: &str| std::fs::read_to_string(project.join(p)).unwrap_or_else(|e| panic!("{p}: {e}"));
    let repo = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .unwrap();
    let guest_toml = read("guest/Cargo.toml");
    assert!(guest_toml.contains("name = \"demo-app-guest\""));
    assert!(guest_toml.contains(&format!(
        "zkvm-guest = {{ path = \"{}/rust/guest\" }}",
        repo.display()
    )));
    assert!(guest_toml.contains("panic = \"abort\""));
    assert!(read("guest/.cargo/config.toml").contains("riscv32im-unknown-none-elf"));
    let guest_main = read("guest/src/main.rs");
    assert!(guest_main.contains("let job: Job = io::read();"));
    assert!(guest_main.contains("io::commit(&compute(&job));"));
    assert!(guest_main.contains("use demo_app_shared::"));
    let host_toml = read("host/Cargo.toml");
    assert!(host_toml.contains(&format!(
        "zkvm-sdk = {{ path = \"{}/rust/sdk\" }}",
        repo.display()
    )));
    let host_main = read("host/src/main.rs");
    assert!(host_main.contains("receipt_output(&result.output)"));
    assert!(host_main.contains("release/demo-app-guest\""));
    assert!(read("shared/src/lib.rs").contains("pub struct Answer"));
    assert!(read("Cargo.toml").contains("exclude = [\"guest\"]"));
    assert!(read("README.md").contains("cargo run -p demo-app-host"));
    assert!(read(".gitignore").contains("/guest/target/"));
    for entry in walk(&project) {
        let text = std::fs::read_to_string(&entry).unwrap();
        assert!(
            !text.contains("{{"),
            "{}: placeholder left",
            entry.display()
        );
    }

    // The directory exists now: a second `new` refuses to overwrite it.
    let again = zkvm(&["new", "demo-app", "--path", project.to_str().unwrap()]);
    assert_eq!(again.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&again.stderr).contains("already exists"));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn new_rejects_bad_names_and_repositories() {
    let dir = scratch("errors");
    let out = zkvm(&["new", "1up", "--path", dir.join("x").to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("not a valid project name"));
    let out = zkvm(&[
        "new",
        "ok",
        "--path",
        dir.join("y").to_str().unwrap(),
        "--zkvm",
        dir.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("is not a zkvm repository"));
    assert!(!dir.join("y").exists());
    let _ = std::fs::remove_dir_all(&dir);
}

/// The scaffolded project builds (the guest for RV32IM), its host runs the guest and
/// decodes the typed output, and `zkvm prove` proves the run. About 20 CPU-seconds:
/// the project compiles serde, postcard and the executor in its own target directories
/// (offline: the crates are those the zkvm workspace already fetched).
#[test]
fn new_project_builds_runs_and_proves() {
    let dir = scratch("build");
    let project = dir.join("fibby");
    let out = zkvm(&["new", "fibby", "--path", project.to_str().unwrap()]);
    assert!(out.status.success());
    let cargo = |cwd: &std::path::Path, args: &[&str]| {
        let out = Command::new(env!("CARGO"))
            .args(args)
            .arg("--offline")
            .current_dir(cwd)
            .env_remove("CARGO_TARGET_DIR")
            .env_remove("RUSTFLAGS")
            .output()
            .expect("spawn cargo");
        assert!(
            out.status.success(),
            "cargo {args:?} in {}: {}",
            cwd.display(),
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    };
    // `zkvm build` builds the guest (offline, as the cargo calls here).
    let built = Command::new(env!("CARGO_BIN_EXE_zkvm"))
        .args(["build", "--path", project.to_str().unwrap(), "-o"])
        .arg(project.join("guest.elf"))
        .env("CARGO_NET_OFFLINE", "true")
        .env("CARGO", env!("CARGO"))
        .env_remove("CARGO_TARGET_DIR")
        .env_remove("RUSTFLAGS")
        .output()
        .expect("spawn zkvm build");
    assert!(
        built.status.success(),
        "zkvm build: {}",
        String::from_utf8_lossy(&built.stderr)
    );
    let listed = String::from_utf8_lossy(&built.stdout);
    assert!(listed.contains("release/fibby-guest ("), "{listed}");
    // The copy is refused over an existing file without --force.
    let again = zkvm(&[
        "build",
        "--path",
        project.to_str().unwrap(),
        "-o",
        project.join("guest.elf").to_str().unwrap(),
    ]);
    assert!(!again.status.success());
    assert!(String::from_utf8_lossy(&again.stderr).contains("--force"));
    let stdout = cargo(
        &project,
        &[
            "run",
            "-q",
            "-p",
            "fibby-host",
            "--",
            "20",
            "--write-input",
            "input.bin",
        ],
    );
    // fib(20) = 6765; fib(0), fib(3), ..., fib(18) are the 7 even ones.
    assert!(
        stdout.starts_with("fib(20) = 6765 (7 even); exit code 0, "),
        "{stdout}"
    );
    let elf = project.join("guest.elf");
    assert_eq!(
        std::fs::read(&elf).unwrap(),
        std::fs::read(project.join("guest/target/riscv32im-unknown-none-elf/release/fibby-guest"))
            .unwrap()
    );
    let receipt = project.join("run.receipt");
    let out = zkvm(&[
        "prove",
        "--elf",
        elf.to_str().unwrap(),
        "--input",
        project.join("input.bin").to_str().unwrap(),
        "-o",
        receipt.to_str().unwrap(),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = zkvm(&[
        "verify",
        "--elf",
        elf.to_str().unwrap(),
        "--proof",
        receipt.to_str().unwrap(),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let _ = std::fs::remove_dir_all(&dir);
}

fn walk(dir: &std::path::Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            files.extend(walk(&p));
        } else {
            files.push(p);
        }
    }
    files
}
