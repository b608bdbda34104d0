//! Putting a generated crate on disk, or checking that it is there already.
//!
//! The generator owns `Cargo.toml`, `README.md` and everything under `src/` and `runtime/`;
//! other folders (`tests/`, `examples/`) are the user's and are never touched. Writing is
//! all or nothing: the new files are written to a staging folder beside the crate, then the
//! owned folders are swapped in (and swapped back if that fails half way).

use std::fs;
use std::path::{Path, PathBuf};

use crate::emit::manifest::toml_string;
use crate::emit::Files;
use crate::error::{Error, Result};

/// Whether to write the files or only compare them with what is on disk.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WriteMode {
    /// Replace the generated files.
    Write,
    /// Change nothing; report what differs.
    Check,
}

/// One generated file that differs from what is on disk.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileChange {
    /// Path relative to the crate root.
    pub path: String,
    /// What is on disk (`None`: missing).
    pub old: Option<String>,
    /// What the generator produces (`None`: the file is stale and goes away).
    pub new: Option<String>,
}

/// What [`write_crate`] found (and, in write mode, did).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct WriteReport {
    /// Files that differed.
    pub changes: Vec<FileChange>,
}

impl WriteReport {
    /// Whether the crate on disk already matched.
    pub fn is_fresh(&self) -> bool {
        self.changes.is_empty()
    }
}

/// Compares `files` with the crate at `root` and, in [`WriteMode::Write`], replaces the
/// generated part of it when anything differs.
pub fn write_crate(root: &Path, files: &Files, mode: WriteMode) -> Result<WriteReport> {
    let report = compare(root, files)?;
    if mode == WriteMode::Write && !report.is_fresh() {
        swap_in(root, files)?;
    }
    Ok(report)
}

/// The `Cargo.toml` of a throwaway workspace holding generated crates (each member a folder
/// name, relative to the workspace), as the corpus tests and `cargo xtask conformance` build
/// them: built once, checked, then dropped.
///
/// Such builds carry no debug information and no incremental state: with both, one clean
/// run of the project's checks wrote 25 GB under `target/corpus`, and a run on a machine with
/// less free disk than that ended with the linker killed by SIGBUS. The members share one
/// target folder, so this one profile keeps their dependencies built once.
pub fn scratch_workspace_manifest<S: AsRef<str>>(members: &[S]) -> String {
    let members: Vec<String> = members.iter().map(|member| toml_string(member.as_ref())).collect();
    format!(
        "[workspace]\nresolver = \"2\"\nmembers = [{}]\n\n[profile.dev]\ndebug = false\nincremental = false\n",
        members.join(", ")
    )
}

fn compare(root: &Path, files: &Files) -> Result<WriteReport> {
    let mut changes = Vec::new();
    for (path, new) in files {
        let old = read_if_exists(&root.join(path))?;
        if old.as_deref() != Some(new.as_str()) {
            changes.push(FileChange {
                path: path.clone(),
                old,
                new: Some(new.clone()),
            });
        }
    }
    for dir in OWNED_DIRS {
        for path in files_under(root, dir)? {
            if !files.contains_key(&path) {
                let old = read_if_exists(&root.join(&path))?;
                changes.push(FileChange { path, old, new: None });
            }
        }
    }
    Ok(WriteReport { changes })
}

/// Folders the generator owns whole: whatever is in them and not generated is stale.
const OWNED_DIRS: [&str; 2] = ["src", "runtime"];

/// Whether `path` (relative, `/`-separated) lies in one of [`OWNED_DIRS`].
fn in_owned_dir(path: &str) -> bool {
    OWNED_DIRS.iter().any(|dir| path.strip_prefix(dir).is_some_and(|rest| rest.starts_with('/')))
}

fn swap_in(root: &Path, files: &Files) -> Result<()> {
    let parent = root.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let name = root.file_name().map_or_else(|| "crate".into(), |n| n.to_string_lossy().into_owned());
    let staging = parent.join(format!(".{name}.staging-{}", std::process::id()));
    let result = stage_and_swap(root, &staging, files);
    // Whatever happened, leave no staging folder behind.
    let _ = fs::remove_dir_all(&staging);
    result
}

fn stage_and_swap(root: &Path, staging: &Path, files: &Files) -> Result<()> {
    let _ = fs::remove_dir_all(staging);
    create_parents(staging, files.keys())?;
    for (path, contents) in files {
        let target = staging.join(path);
        fs::write(&target, contents).map_err(io("cannot write", &target))?;
    }
    fs::create_dir_all(root).map_err(io("cannot create", root))?;
    let mut swapped = Vec::new();
    for dir in OWNED_DIRS {
        if let Err(e) = swap_dir(root, staging, dir) {
            // Put the previous folders back so the crate is left as it was.
            for done in swapped.into_iter().rev() {
                let _ = fs::remove_dir_all(root.join(done));
                let _ = fs::rename(staging.join(format!("old-{done}")), root.join(done));
            }
            return Err(e);
        }
        swapped.push(dir);
    }
    let loose: Vec<&String> = files.keys().filter(|p| !in_owned_dir(p)).collect();
    create_parents(root, loose.iter().copied())?;
    for path in loose {
        let target = root.join(path);
        fs::rename(staging.join(path), &target).map_err(io("cannot write", &target))?;
    }
    Ok(())
}

/// Creates the folders that the files at `paths` (relative to `base`) go into, each once:
/// one `mkdir` per file showed up as the largest cost of writing a small crate.
fn create_parents<'p>(base: &Path, paths: impl IntoIterator<Item = &'p String>) -> Result<()> {
    let dirs: std::collections::BTreeSet<PathBuf> =
        paths.into_iter().filter_map(|p| base.join(p).parent().map(Path::to_owned)).collect();
    for dir in dirs {
        fs::create_dir_all(&dir).map_err(io("cannot create", &dir))?;
    }
    Ok(())
}

/// Moves `root/dir` to `staging/old-dir` and `staging/dir` (if generated) to `root/dir`;
/// on failure the old folder is back in place.
fn swap_dir(root: &Path, staging: &Path, dir: &str) -> Result<()> {
    let current = root.join(dir);
    let old = staging.join(format!("old-{dir}"));
    if current.exists() {
        fs::rename(&current, &old).map_err(io("cannot move", &current))?;
    }
    let new = staging.join(dir);
    if new.exists() {
        if let Err(e) = fs::rename(&new, &current) {
            if old.exists() {
                let _ = fs::rename(&old, &current);
            }
            return Err(io("cannot move new files to", &current)(e));
        }
    }
    Ok(())
}

fn read_if_exists(path: &Path) -> Result<Option<String>> {
    match fs::read_to_string(path) {
        Ok(text) => Ok(Some(text)),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(io("cannot read", path)(e)),
    }
}

/// Every file under `root/dir`, as paths relative to `root` with `/` separators, sorted.
fn files_under(root: &Path, dir: &str) -> Result<Vec<String>> {
    let mut found = Vec::new();
    let mut pending = vec![PathBuf::from(dir)];
    while let Some(relative) = pending.pop() {
        let absolute = root.join(&relative);
        let entries = match fs::read_dir(&absolute) {
            Ok(entries) => entries,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => continue,
            Err(e) => return Err(io("cannot list", &absolute)(e)),
        };
        for entry in entries {
            let entry = entry.map_err(io("cannot list", &absolute))?;
            let path = relative.join(entry.file_name());
            if entry.file_type().map_err(io("cannot inspect", &entry.path()))?.is_dir() {
                pending.push(path);
            } else {
                found.push(path.to_string_lossy().replace('\\', "/"));
            }
        }
    }
    found.sort();
    Ok(found)
}

fn io<'p>(action: &'static str, path: &'p Path) -> impl FnOnce(std::io::Error) -> Error + 'p {
    move |source| Error::Io {
        action,
        path: path.to_owned(),
        source,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scratch_workspace_lists_members_and_drops_debug_info_and_incremental_state() {
        assert_eq!(
            scratch_workspace_manifest(&["shop", "wire-01/driver", "odd\"name"]),
            "[workspace]\nresolver = \"2\"\nmembers = [\"shop\", \"wire-01/driver\", \"odd\\\"name\"]\n\n\
             [profile.dev]\ndebug = false\nincremental = false\n"
        );
    }

    fn temp_dir(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("generator-write-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).unwrap();
        dir
    }

    fn files(entries: &[(&str, &str)]) -> Files {
        entries.iter().map(|(p, c)| ((*p).to_owned(), (*c).to_owned())).collect()
    }

    #[test]
    fn writes_replaces_and_removes_stale_sources_but_keeps_tests() {
        let root = temp_dir("swap").join("crate");
        fs::create_dir_all(root.join("src")).unwrap();
        fs::create_dir_all(root.join("tests")).unwrap();
        fs::write(root.join("src/stale.rs"), "old").unwrap();
        fs::create_dir_all(root.join("src/runtime")).unwrap();
        fs::write(root.join("src/runtime/mod.rs"), "old layout").unwrap();
        fs::create_dir_all(root.join("runtime/src")).unwrap();
        fs::write(root.join("runtime/src/gone.rs"), "old").unwrap();
        fs::write(root.join("tests/mine.rs"), "hand-written").unwrap();
        let wanted = files(&[
            ("Cargo.toml", "[package]"),
            ("src/lib.rs", "pub fn f() {}"),
            ("runtime/Cargo.toml", "[package]"),
            ("runtime/src/lib.rs", "pub fn g() {}"),
        ]);

        let report = write_crate(&root, &wanted, WriteMode::Check).unwrap();
        let mut changed: Vec<_> = report.changes.iter().map(|c| c.path.as_str()).collect();
        changed.sort_unstable();
        assert_eq!(
            changed,
            [
                "Cargo.toml",
                "runtime/Cargo.toml",
                "runtime/src/gone.rs",
                "runtime/src/lib.rs",
                "src/lib.rs",
                "src/runtime/mod.rs",
                "src/stale.rs"
            ]
        );
        assert!(root.join("src/stale.rs").exists(), "check mode must not write");

        write_crate(&root, &wanted, WriteMode::Write).unwrap();
        assert_eq!(fs::read_to_string(root.join("src/lib.rs")).unwrap(), "pub fn f() {}");
        assert_eq!(fs::read_to_string(root.join("runtime/src/lib.rs")).unwrap(), "pub fn g() {}");
        assert_eq!(fs::read_to_string(root.join("runtime/Cargo.toml")).unwrap(), "[package]");
        assert!(!root.join("src/stale.rs").exists());
        assert!(!root.join("src/runtime").exists());
        assert!(!root.join("runtime/src/gone.rs").exists());
        assert_eq!(fs::read_to_string(root.join("tests/mine.rs")).unwrap(), "hand-written");
        assert!(write_crate(&root, &wanted, WriteMode::Check).unwrap().is_fresh());
        let leftovers: Vec<_> = fs::read_dir(root.parent().unwrap()).unwrap().collect();
        assert_eq!(leftovers.len(), 1, "no staging folder is left behind");
        let _ = fs::remove_dir_all(root.parent().unwrap());
    }
}
