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
    assert!(host_main.contains("Prover::new(&elf)?.with_input(input)"));
    assert!(read(".cargo/config.toml").contains("target-cpu=native"));
    assert!(read("Cargo.toml").contains("overflow-checks = true"));
    assert!(host_main.contains("release/demo-app-guest\""));
    assert!(read("shared/src/lib.rs").contains("pub struct Answer"));
    assert!(read("Cargo.toml").contains("exclude = [\"guest\"]"));
    assert!(read("README.md").contains("cargo run --release -p demo-app-host -- 10 --prove"));
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
