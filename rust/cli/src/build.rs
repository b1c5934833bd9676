//! `zkvm build`: builds a guest crate into an RV32IM ELF with the target the
//! zkVM runs (installing that Rust target through rustup when it is missing),
//! checks that the executor and the verifier accept the ELF, and prints its
//! path (or copies it with `-o`).

use crate::error::CliError;
use crate::output::replace_file;
use clap::Args;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The Rust target of the guests.
pub const GUEST_TARGET: &str = "riscv32im-unknown-none-elf";

#[derive(Args, Debug)]
pub struct BuildArgs {
    /// The guest crate, or a project made by `zkvm new` (whose `guest/` is built).
    #[arg(long, value_name = "DIR", default_value = ".")]
    pub path: PathBuf,
    /// Copy the ELF to FILE (an existing FILE only with --force).
    #[arg(short = 'o', long, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// Replace an existing --out file.
    #[arg(long)]
    pub force: bool,
}

fn fail(message: String) -> CliError {
    CliError::Build(message)
}

/// The directory whose Cargo.toml describes the guest.
fn guest_dir(path: &Path) -> Result<PathBuf, CliError> {
    if path.join("guest").join("Cargo.toml").is_file() {
        return Ok(path.join("guest"));
    }
    if path.join("Cargo.toml").is_file() {
        return Ok(path.to_owned());
    }
    Err(fail(format!(
        "no guest crate at `{}` (neither Cargo.toml nor guest/Cargo.toml)",
        path.display()
    )))
}

/// Installs the guest target with rustup when rustup lists it as missing.
/// Without rustup the build is attempted as is (the toolchain may have it).
fn ensure_target() -> Result<(), CliError> {
    let Ok(list) = Command::new("rustup")
        .args(["target", "list", "--installed"])
        .output()
    else {
        return Ok(());
    };
    if !list.status.success() || String::from_utf8_lossy(&list.stdout).contains(GUEST_TARGET) {
        return Ok(());
    }
    eprintln!("zkvm build: installing the Rust target {GUEST_TARGET} (rustup target add)");
    let status = Command::new("rustup")
        .args(["target", "add", GUEST_TARGET])
        .status()
        .map_err(|e| fail(format!("cannot run rustup: {e}")))?;
    if !status.success() {
        return Err(fail(format!("`rustup target add {GUEST_TARGET}` failed")));
    }
    Ok(())
}

/// The executables cargo reports in its JSON messages (`"executable":"…"`).
fn executables(json_lines: &str) -> Vec<PathBuf> {
    let key = "\"executable\":\"";
    let mut found = Vec::new();
    for line in json_lines.lines() {
        if !line.contains("\"reason\":\"compiler-artifact\"") {
            continue;
        }
        if let Some(start) = line.find(key) {
            let rest = &line[start + key.len()..];
            if let Some(end) = rest.find('"') {
                found.push(PathBuf::from(rest[..end].replace("\\\\", "\\")));
            }
        }
    }
    found
}

pub fn build(args: &BuildArgs) -> Result<(), CliError> {
    let dir = guest_dir(&args.path)?;
    ensure_target()?;
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    eprintln!(
        "zkvm build: cargo build --release --target {GUEST_TARGET} in {}",
        dir.display()
    );
    let out = Command::new(&cargo)
        .args(["build", "--release", "--target", GUEST_TARGET])
        .arg("--message-format=json-render-diagnostics")
        .current_dir(&dir)
        .stderr(std::process::Stdio::inherit())
        .output()
        .map_err(|e| fail(format!("cannot run cargo: {e}")))?;
    if !out.status.success() {
        return Err(fail(format!(
            "cargo build failed in `{}` (see the messages above)",
            dir.display()
        )));
    }
    let elfs = executables(&String::from_utf8_lossy(&out.stdout));
    if elfs.is_empty() {
        return Err(fail(format!(
            "cargo built no executable in `{}` (is it a binary crate?)",
            dir.display()
        )));
    }
    for elf_path in &elfs {
        let elf = std::fs::read(elf_path).map_err(|source| CliError::ReadFile {
            what: "ELF file",
            path: elf_path.clone(),
            source,
        })?;
        zkvm_executor::Program::from_elf(&elf).map_err(|source| CliError::InvalidElf {
            path: elf_path.clone(),
            source,
        })?;
        zkvm_verifier::receipt::verifying_key(&elf).map_err(|error| CliError::Program {
            path: elf_path.clone(),
            error,
        })?;
        println!("{} ({} bytes)", elf_path.display(), elf.len());
    }
    if let Some(dst) = &args.out {
        if elfs.len() != 1 {
            return Err(fail(format!(
                "--out needs exactly one executable; cargo built {}",
                elfs.len()
            )));
        }
        if dst.exists() && !args.force {
            return Err(CliError::Output {
                path: dst.clone(),
                reason: "it exists (use --force to replace it)".into(),
            });
        }
        let bytes = std::fs::read(&elfs[0]).map_err(|source| CliError::ReadFile {
            what: "ELF file",
            path: elfs[0].clone(),
            source,
        })?;
        replace_file(dst, &bytes, &[])?;
        println!("copied to {}", dst.display());
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn executables_are_read_from_cargo_messages() {
        let lines = concat!(
            "{\"reason\":\"compiler-artifact\",\"target\":{\"kind\":[\"lib\"]},\"executable\":null}\n",
            "{\"reason\":\"compiler-artifact\",\"executable\":\"/p/target/riscv32im-unknown-none-elf/release/g\",\"fresh\":true}\n",
            "{\"reason\":\"build-finished\",\"success\":true}\n"
        );
        assert_eq!(
            executables(lines),
            vec![PathBuf::from(
                "/p/target/riscv32im-unknown-none-elf/release/g"
            )]
        );
    }
}
