//! `zkvm-extract [--src rust/verifier/src] [--out lean] [--check]`
//!
//! Translates the verifier crate into Lean modules under `<out>/Zkvm/Extracted/` (and the
//! root module `<out>/Zkvm/Extracted.lean`). With `--check`, writes nothing and fails when
//! the files on disk differ from a fresh extraction (or when stale generated files remain).

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use zkvm_extraction::{extract, DirTree, HEADER};

fn generated_files(out: &Path) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    let root = out.join("Zkvm");
    let mut stack = vec![root.join("Extracted")];
    if root.join("Extracted.lean").exists() {
        found.insert("Zkvm/Extracted.lean".to_string());
    }
    while let Some(dir) = stack.pop() {
        let entries = match std::fs::read_dir(&dir) {
            Ok(e) => e,
            Err(_) => continue,
        };
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().map(|x| x == "lean").unwrap_or(false) {
                let rel = p
                    .strip_prefix(out)
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/");
                found.insert(rel);
            }
        }
    }
    found
}

fn main() -> ExitCode {
    let mut src = PathBuf::from("rust/verifier/src");
    let mut out = PathBuf::from("lean");
    let mut check = false;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--src" => src = PathBuf::from(args.next().expect("--src DIR")),
            "--out" => out = PathBuf::from(args.next().expect("--out DIR")),
            "--check" => check = true,
            other => {
                eprintln!("zkvm-extract: unknown argument {}", other);
                return ExitCode::from(2);
            }
        }
    }
    let prefix = format!("{}/", src.to_string_lossy().trim_end_matches('/'));
    let result = match extract(&DirTree(src.clone()), &prefix) {
        Ok(r) => r,
        Err(errors) => {
            for e in &errors {
                eprintln!("{}", e);
            }
            eprintln!(
                "zkvm-extract: {} construct(s) outside the subset",
                errors.len()
            );
            return ExitCode::from(1);
        }
    };
    let existing = generated_files(&out);
    if check {
        let mut bad = Vec::new();
        for (path, text) in &result.files {
            match std::fs::read_to_string(out.join(path)) {
                Ok(t) if &t == text => {}
                Ok(_) => bad.push(format!("{} differs from a fresh extraction", path)),
                Err(_) => bad.push(format!("{} is missing", path)),
            }
        }
        for p in &existing {
            if !result.files.contains_key(p) {
                bad.push(format!("{} is not generated any more", p));
            }
        }
        for b in &bad {
            eprintln!("zkvm-extract --check: {}", b);
        }
        if !bad.is_empty() {
            eprintln!("zkvm-extract --check: run `make extract` and commit the result");
            return ExitCode::from(1);
        }
        println!(
            "zkvm-extract: {} generated files are up to date",
            result.files.len()
        );
        return ExitCode::SUCCESS;
    }
    for p in &existing {
        if !result.files.contains_key(p) {
            let full = out.join(p);
            // Only files this tool wrote.
            if std::fs::read_to_string(&full)
                .map(|t| t.starts_with(HEADER))
                .unwrap_or(false)
            {
                let _ = std::fs::remove_file(&full);
            }
        }
    }
    for (path, text) in &result.files {
        let full = out.join(path);
        if let Some(parent) = full.parent() {
            std::fs::create_dir_all(parent).expect("create directory");
        }
        let same = std::fs::read_to_string(&full)
            .map(|t| &t == text)
            .unwrap_or(false);
        if !same {
            std::fs::write(&full, text).expect("write");
        }
    }
    for s in &result.skipped {
        println!(
            "zkvm-extract: skipped {} (formatting/equality for messages and tests)",
            s
        );
    }
    for o in &result.opaque {
        println!(
            "zkvm-extract: {} calls outside the crate: a section variable",
            o
        );
    }
    println!(
        "zkvm-extract: wrote {} Lean files under {}",
        result.files.len(),
        out.join("Zkvm/Extracted").display()
    );
    ExitCode::SUCCESS
}
