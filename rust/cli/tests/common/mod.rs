//! Helpers shared by the CLI's end-to-end tests.
#![allow(dead_code)]

use std::path::PathBuf;
use std::process::{Command, Output};

/// Runs the `zkvm` binary with `args`.
pub fn zkvm<S: AsRef<std::ffi::OsStr>>(args: &[S]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_zkvm"))
        .args(args)
        .output()
        .expect("spawn zkvm")
}

pub fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// An example guest's ELF (built by `make examples`).
pub fn example(name: &str) -> PathBuf {
    let path =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(format!("../../examples/bin/{name}.elf"));
    assert!(
        path.exists(),
        "{} is missing: run `make examples` first",
        path.display()
    );
    path
}
