//! Generates the Lean test vectors that check the Lean RV32IM semantics
//! (`lean/Zkvm/RiscV`) against the Rust executor.
//!
//! ```text
//! zkvm-lean-vectors --out lean/Zkvm/RiscV/Vectors          # (re)write the files
//! zkvm-lean-vectors --out lean/Zkvm/RiscV/Vectors --check  # fail if they are stale
//! ```
//!
//! Every program of `suite` runs on the executor; its final state (or error) becomes a Lean
//! theorem proved by kernel evaluation. The generator fails unless the programs, together,
//! execute every RV32IM instruction, every syscall, every trap a guest can cause and the
//! listed edge cases.

mod disasm;
mod emit;
mod suite;
mod vector;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use vector::{Executed, Feature};

/// Everything the vectors must exercise together.
fn required_features() -> BTreeSet<Feature> {
    let mut required = BTreeSet::new();
    for op in [
        "LUI", "AUIPC", "JAL", "JALR", "BEQ", "BNE", "BLT", "BGE", "BLTU", "BGEU", "LB", "LH",
        "LW", "LBU", "LHU", "SB", "SH", "SW", "ADDI", "SLTI", "SLTIU", "XORI", "ORI", "ANDI",
        "SLLI", "SRLI", "SRAI", "ADD", "SUB", "SLL", "SLT", "SLTU", "XOR", "SRL", "SRA", "OR",
        "AND", "FENCE", "ECALL", "MUL", "MULH", "MULHSU", "MULHU", "DIV", "DIVU", "REM", "REMU",
    ] {
        required.insert(Feature::Instruction(op.to_string()));
    }
    for call in [
        "read",
        "read(fd 3)",
        "write(fd 1)",
        "write(fd 2)",
        "exit",
        "exit_group",
    ] {
        required.insert(Feature::Syscall(call.to_string()));
    }
    for trap in [
        "IllegalInstruction",
        "MisalignedAccess",
        "OutOfBoundsAccess",
        "WriteToReadOnly",
        "InstructionFetchFault",
        "MisalignedJump",
        "UnknownSyscall",
        "BadFileDescriptor",
        "OutputTooLarge",
        "Ebreak",
    ] {
        required.insert(Feature::Trap(trap.to_string()));
    }
    let mut edges = vec![
        "DIV by zero",
        "DIVU by zero",
        "REM by zero",
        "REMU by zero",
        "DIV INT_MIN / -1",
        "REM INT_MIN / -1",
        "SLL amount >= 32",
        "SRL amount >= 32",
        "SRA amount >= 32",
        "LB sign-extends",
        "LH sign-extends",
    ]
    .into_iter()
    .map(String::from)
    .collect::<Vec<_>>();
    for b in ["BEQ", "BNE", "BLT", "BGE", "BLTU", "BGEU"] {
        edges.push(format!("{b} taken"));
        edges.push(format!("{b} not taken"));
    }
    for e in edges {
        required.insert(Feature::Edge(e));
    }
    required
}

/// All generated files, by file name.
fn generate() -> (BTreeMap<String, String>, usize, u64) {
    let mut files = BTreeMap::new();
    let mut covered = BTreeSet::new();
    let mut names = Vec::new();
    let (mut count, mut steps) = (0, 0);
    for group in suite::suite() {
        let mut seen = BTreeSet::new();
        let executed: Vec<Executed> = group
            .vectors
            .into_iter()
            .map(|v| {
                assert!(
                    seen.insert(v.name.clone()),
                    "duplicate vector name {}",
                    v.name
                );
                vector::execute(v)
            })
            .collect();
        for e in &executed {
            covered.extend(e.features.iter().cloned());
            steps += e.steps;
        }
        count += executed.len();
        files.insert(
            format!("{}.lean", group.module),
            emit::module(group.module, group.title, &executed),
        );
        names.push(group.module);
    }
    files.insert("All.lean".to_string(), emit::all_module(&names));
    let missing: Vec<_> = required_features().difference(&covered).cloned().collect();
    assert!(
        missing.is_empty(),
        "the vectors do not exercise {missing:?}"
    );
    (files, count, steps)
}

fn main() -> ExitCode {
    let mut out: Option<PathBuf> = None;
    let mut check = false;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--out" => out = args.next().map(PathBuf::from),
            "--check" => check = true,
            _ => {
                eprintln!("usage: zkvm-lean-vectors --out DIR [--check]");
                return ExitCode::from(2);
            }
        }
    }
    let Some(out) = out else {
        eprintln!("usage: zkvm-lean-vectors --out DIR [--check]");
        return ExitCode::from(2);
    };
    let (files, count, steps) = generate();
    if check {
        let stale = stale_files(&out, &files);
        if !stale.is_empty() {
            eprintln!(
                "lean-vectors: {} is stale ({}); regenerate with \
                 `cargo run -p zkvm-lean-vectors --release -- --out {}`",
                out.display(),
                stale.join(", "),
                out.display()
            );
            return ExitCode::FAILURE;
        }
        println!(
            "lean-vectors: {count} vectors ({steps} steps) in {} files, up to date",
            files.len()
        );
    } else {
        std::fs::create_dir_all(&out).expect("create the output directory");
        for name in stale_files(&out, &files) {
            let path = out.join(&name);
            match files.get(&name) {
                Some(text) => std::fs::write(&path, text).expect("write a vector file"),
                None => std::fs::remove_file(&path).expect("remove a stale vector file"),
            }
        }
        println!(
            "lean-vectors: {count} vectors ({steps} steps) written to {} files in {}",
            files.len(),
            out.display()
        );
    }
    ExitCode::SUCCESS
}

/// Files in `dir` that differ from `files`: changed, missing, or `.lean` files that should not
/// be there.
fn stale_files(dir: &Path, files: &BTreeMap<String, String>) -> Vec<String> {
    let mut stale = Vec::new();
    for (name, text) in files {
        if std::fs::read_to_string(dir.join(name)).ok().as_deref() != Some(text.as_str()) {
            stale.push(name.clone());
        }
    }
    if let Ok(entries) = std::fs::read_dir(dir) {
        let mut extra: Vec<String> = entries
            .filter_map(|e| e.ok())
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".lean") && !files.contains_key(n))
            .collect();
        extra.sort();
        stale.extend(extra);
    }
    stale
}

#[cfg(test)]
mod tests {
    #[test]
    fn generation_is_complete_and_deterministic() {
        let (a, count, _) = super::generate();
        let (b, _, _) = super::generate();
        assert_eq!(a, b);
        assert!(count > 100);
    }
}
