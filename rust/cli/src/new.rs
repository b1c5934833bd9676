//! `zkvm new NAME`: a project with a guest crate, a host crate and a crate of shared
//! types (templates in rust/cli/templates/, compiled into the binary).

use crate::error::CliError;
use clap::Args;
use std::path::{Path, PathBuf};

#[derive(Args, Debug)]
pub struct NewArgs {
    /// Project name: letters, digits, `-` and `_`, starting with a letter. The crates are
    /// NAME-guest, NAME-host and NAME-shared.
    pub name: String,
    /// Directory to create (default: ./NAME). It must not exist yet.
    #[arg(long)]
    pub path: Option<PathBuf>,
    /// This zkvm repository (for the path dependencies on rust/guest, rust/sdk and
    /// rust/executor); default: the one this binary was built from.
    #[arg(long)]
    pub zkvm: Option<PathBuf>,
}

/// (path in the project, template text).
const TEMPLATES: [(&str, &str); 11] = [
    ("Cargo.toml", include_str!("../templates/Cargo.toml.tmpl")),
    (
        ".cargo/config.toml",
        include_str!("../templates/cargo-config.toml.tmpl"),
    ),
    (".gitignore", include_str!("../templates/gitignore.tmpl")),
    ("README.md", include_str!("../templates/README.md.tmpl")),
    (
        "shared/Cargo.toml",
        include_str!("../templates/shared/Cargo.toml.tmpl"),
    ),
    (
        "shared/src/lib.rs",
        include_str!("../templates/shared/src/lib.rs.tmpl"),
    ),
    (
        "guest/Cargo.toml",
        include_str!("../templates/guest/Cargo.toml.tmpl"),
    ),
    (
        "guest/.cargo/config.toml",
        include_str!("../templates/guest/cargo-config.toml.tmpl"),
    ),
    (
        "guest/src/main.rs",
        include_str!("../templates/guest/src/main.rs.tmpl"),
    ),
    (
        "host/Cargo.toml",
        include_str!("../templates/host/Cargo.toml.tmpl"),
    ),
    (
        "host/src/main.rs",
        include_str!("../templates/host/src/main.rs.tmpl"),
    ),
];

/// Whether `name` can name the project's crates (and directory).
pub fn valid_name(name: &str) -> bool {
    let mut chars = name.chars();
    matches!(chars.next(), Some(c) if c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
        && name.len() <= 64
}

/// The templates with `{{name}}`, `{{crate}}` (the name with `-` as `_`) and `{{zkvm}}`
/// (the repository path) filled in: (relative path, contents).
pub fn render(name: &str, zkvm: &Path) -> Vec<(&'static str, String)> {
    let krate = name.replace('-', "_");
    // A TOML basic string holds the path: escape backslashes and quotes.
    let zkvm = zkvm
        .display()
        .to_string()
        .replace('\\', "\\\\")
        .replace('"', "\\\"");
    TEMPLATES
        .iter()
        .map(|(path, text)| {
            let text = text
                .replace("{{name}}", name)
                .replace("{{crate}}", &krate)
                .replace("{{zkvm}}", &zkvm);
            (*path, text)
        })
        .collect()
}

fn default_zkvm_root() -> PathBuf {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    root.canonicalize().unwrap_or(root)
}

pub fn new(args: &NewArgs) -> Result<(), CliError> {
    if !valid_name(&args.name) {
        return Err(CliError::New(format!(
            "`{}` is not a valid project name (letters, digits, `-` and `_`, starting with a letter)",
            args.name
        )));
    }
    let dir = args
        .path
        .clone()
        .unwrap_or_else(|| PathBuf::from(&args.name));
    if dir.exists() {
        return Err(CliError::Output {
            path: dir,
            reason: "it already exists".into(),
        });
    }
    let zkvm = match &args.zkvm {
        Some(p) => p.canonicalize().map_err(|e| CliError::ReadFile {
            what: "zkvm repository",
            path: p.clone(),
            source: e,
        })?,
        None => default_zkvm_root(),
    };
    if !zkvm.join("rust/guest/Cargo.toml").is_file() {
        return Err(CliError::New(format!(
            "`{}` is not a zkvm repository (no rust/guest/Cargo.toml); pass --zkvm",
            zkvm.display()
        )));
    }
    for (rel, text) in render(&args.name, &zkvm) {
        let path = dir.join(rel);
        let parent = path.parent().unwrap_or(&dir);
        std::fs::create_dir_all(parent)
            .and_then(|()| std::fs::write(&path, text))
            .map_err(|e| CliError::Output {
                path: path.clone(),
                reason: e.to_string(),
            })?;
    }
    println!("created {} (guest, host, shared)", dir.display());
    println!("  cd {} && zkvm build", dir.display());
    println!("  cargo run -p {}-host -- 10", args.name);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names() {
        for ok in ["a", "fib", "my-proj_2", "X9"] {
            assert!(valid_name(ok), "{ok}");
        }
        for bad in ["", "9a", "-a", "a b", "a/b", "a.b", "é", &"a".repeat(65)] {
            assert!(!valid_name(bad), "{bad}");
        }
    }

    #[test]
    fn every_placeholder_is_filled() {
        let files = render("my-proj", Path::new("/opt/zk\"vm"));
        assert_eq!(files.len(), TEMPLATES.len());
        for (path, text) in &files {
            assert!(!text.contains("{{"), "{path}: placeholder left");
        }
        let get = |p: &str| &files.iter().find(|(q, _)| *q == p).unwrap().1;
        assert!(get("guest/Cargo.toml").contains("name = \"my-proj-guest\""));
        assert!(get("guest/Cargo.toml").contains("path = \"/opt/zk\\\"vm/rust/guest\""));
        assert!(get("guest/src/main.rs").contains("use my_proj_shared::{compute, Job};"));
        assert!(get("host/src/main.rs").contains("release/my-proj-guest\""));
    }
}
