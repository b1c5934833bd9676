//! Writing result files without ever destroying a user's file: the target is
//! checked against the command's input files before any work, an existing
//! file is only replaced with `--force`, and the bytes go to a temporary file
//! in the same directory that is renamed (or hard-linked) into place only
//! once complete.

use crate::error::CliError;
use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// Whether two paths name the same file: equal canonical paths, or (for
/// hard links) the same device and inode.
fn same_file(a: &Path, b: &Path) -> bool {
    if let (Ok(ca), Ok(cb)) = (fs::canonicalize(a), fs::canonicalize(b)) {
        if ca == cb {
            return true;
        }
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        if let (Ok(ma), Ok(mb)) = (fs::metadata(a), fs::metadata(b)) {
            return ma.dev() == mb.dev() && ma.ino() == mb.ino();
        }
    }
    false
}

/// Where a not-yet-existing `path` would live, canonicalized through its
/// parent directory (which must exist).
fn canonical_target(path: &Path) -> Result<(PathBuf, PathBuf), CliError> {
    let name = path.file_name().ok_or_else(|| CliError::Output {
        path: path.to_owned(),
        reason: "is not a file name".into(),
    })?;
    let parent = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_owned(),
        _ => PathBuf::from("."),
    };
    let dir = fs::canonicalize(&parent).map_err(|e| CliError::Output {
        path: path.to_owned(),
        reason: format!("its directory `{}` is not usable: {e}", parent.display()),
    })?;
    if !dir.is_dir() {
        return Err(CliError::Output {
            path: path.to_owned(),
            reason: format!("`{}` is not a directory", parent.display()),
        });
    }
    let target = dir.join(name);
    Ok((dir, target))
}

/// A result file being written: a temporary file next to the target,
/// removed if dropped before `persist`.
pub struct PendingFile {
    target: PathBuf,
    shown: PathBuf,
    temp: PathBuf,
    file: Option<File>,
    force: bool,
}

impl PendingFile {
    /// Checks `path` may receive the result (not one of `inputs`, not an
    /// existing file unless `force`, not a directory) and creates the
    /// temporary file, so that an unwritable directory fails before any work.
    pub fn create(path: &Path, inputs: &[&Path], force: bool) -> Result<PendingFile, CliError> {
        let refuse = |reason: String| CliError::Output {
            path: path.to_owned(),
            reason,
        };
        let (dir, target) = canonical_target(path)?;
        for input in inputs {
            if same_file(path, input) || same_file(&target, input) {
                return Err(refuse(format!(
                    "is the same file as `{}`; refusing to overwrite an input",
                    input.display()
                )));
            }
        }
        match fs::symlink_metadata(path) {
            Ok(meta) => {
                if meta.is_dir() || path.is_dir() {
                    return Err(refuse("is a directory".into()));
                }
                if !force {
                    return Err(refuse("already exists (pass --force to replace it)".into()));
                }
            }
            Err(e) if e.kind() == io::ErrorKind::NotFound => {}
            Err(e) => return Err(refuse(format!("cannot be checked: {e}"))),
        }
        let base = target
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.subsec_nanos())
            .unwrap_or(0);
        let temp = dir.join(format!(".{base}.tmp-{}-{nanos}", std::process::id()));
        let file = OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&temp)
            .map_err(|e| {
                refuse(format!(
                    "cannot create a temporary file in its directory: {e}"
                ))
            })?;
        Ok(PendingFile {
            target,
            shown: path.to_owned(),
            temp,
            file: Some(file),
            force,
        })
    }

    /// Path of the temporary file (complete once `write_all` returned).
    pub fn temp_path(&self) -> &Path {
        &self.temp
    }

    pub fn write_all(&mut self, bytes: &[u8]) -> Result<(), CliError> {
        let err = |e: io::Error| CliError::Output {
            path: self.shown.clone(),
            reason: format!("cannot write the temporary file: {e}"),
        };
        let file = self.file.as_mut().expect("write before persist");
        file.write_all(bytes).map_err(err)?;
        file.sync_all().map_err(err)
    }

    /// Moves the complete file into place. Without `force`, a file that
    /// appeared at the target in the meantime is never replaced.
    pub fn persist(mut self) -> Result<(), CliError> {
        self.file = None;
        let result = if self.force {
            fs::rename(&self.temp, &self.target)
        } else {
            match fs::hard_link(&self.temp, &self.target) {
                Ok(()) => {
                    let _ = fs::remove_file(&self.temp);
                    Ok(())
                }
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists => Err(e),
                // Filesystems without hard links: check, then rename.
                Err(_) if fs::symlink_metadata(&self.target).is_ok() => {
                    Err(io::Error::new(io::ErrorKind::AlreadyExists, "file exists"))
                }
                Err(_) => fs::rename(&self.temp, &self.target),
            }
        };
        result.map_err(|e| CliError::Output {
            path: self.shown.clone(),
            reason: if e.kind() == io::ErrorKind::AlreadyExists {
                "appeared while proving; not replaced (pass --force to replace it)".into()
            } else {
                format!("cannot move the temporary file into place: {e}")
            },
        })?;
        // Best effort: make the rename durable.
        if let Some(dir) = self.target.parent() {
            if let Ok(d) = File::open(dir) {
                let _ = d.sync_all();
            }
        }
        Ok(())
    }
}

impl Drop for PendingFile {
    fn drop(&mut self) {
        self.file = None;
        let _ = fs::remove_file(&self.temp);
    }
}

/// Writes `bytes` to `path` atomically, replacing an existing file (for
/// reports such as BENCHMARKS.md, which are meant to be regenerated).
pub fn replace_file(path: &Path, bytes: &[u8], inputs: &[&Path]) -> Result<(), CliError> {
    let mut pending = PendingFile::create(path, inputs, true)?;
    pending.write_all(bytes)?;
    pending.persist()
}
