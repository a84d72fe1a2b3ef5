//! Finding the files a command should read from the paths it was given.
//!
//! Files named on the command line are always taken, whatever their
//! extension. Directories are walked recursively in byte order of file names,
//! so the result is the same on every machine; the walk skips hidden
//! directories and `target/` (build output), does not follow symbolic links to
//! directories (they could form cycles), and keeps only files whose extension
//! marks them as possible templates. A file reached twice is kept once, at its
//! first position.

use std::collections::HashSet;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// Extensions (compared case-insensitively) that mark a file as a template
/// or environment candidate during a directory walk.
const EXTENSIONS: &[&str] = &["yaml", "yml", "json", "template", "hot", "heat"];

/// Whether a file is written in the `.heat` template language (by its
/// extension, compared case-insensitively) rather than YAML or JSON.
pub(crate) fn is_dsl(path: &Path) -> bool {
    path.extension()
        .is_some_and(|ext| ext.to_string_lossy().eq_ignore_ascii_case("heat"))
}

/// A file to read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Input {
    pub(crate) path: PathBuf,
    /// Named on the command line rather than found in a directory.
    pub(crate) explicit: bool,
}

/// A path that could not be searched, with the reason in words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct WalkError {
    pub(crate) path: PathBuf,
    pub(crate) message: String,
}

#[derive(Debug, Default)]
pub(crate) struct Discovery {
    pub(crate) inputs: Vec<Input>,
    pub(crate) errors: Vec<WalkError>,
}

/// Expands `paths` into the files to read, in a deterministic order.
pub(crate) fn discover(paths: &[PathBuf]) -> Discovery {
    let mut discovery = Discovery::default();
    for path in paths {
        match fs::metadata(path) {
            Ok(meta) if meta.is_dir() => walk_dir(path, &mut discovery),
            Ok(_) => discovery.inputs.push(Input {
                path: path.clone(),
                explicit: true,
            }),
            Err(e) => discovery.errors.push(WalkError {
                path: path.clone(),
                message: describe(&e),
            }),
        }
    }
    dedup(&mut discovery.inputs);
    discovery
}

fn walk_dir(dir: &Path, discovery: &mut Discovery) {
    let entries = match fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) => {
            discovery.errors.push(WalkError {
                path: dir.to_path_buf(),
                message: describe(&e),
            });
            return;
        }
    };
    let mut entries: Vec<fs::DirEntry> = entries.filter_map(Result::ok).collect();
    entries.sort_by_key(fs::DirEntry::file_name);
    for entry in entries {
        let path = entry.path();
        let name = entry.file_name();
        let name = name.to_string_lossy();
        let Ok(file_type) = entry.file_type() else {
            continue;
        };
        // A symbolic link counts as what it points to, except that links to
        // directories are not followed.
        let is_dir = file_type.is_dir();
        let is_file = file_type.is_file()
            || (file_type.is_symlink() && fs::metadata(&path).is_ok_and(|m| m.is_file()));
        if is_dir {
            if !name.starts_with('.') && name != "target" {
                walk_dir(&path, discovery);
            }
        } else if is_file && has_template_extension(&path) {
            discovery.inputs.push(Input {
                path,
                explicit: false,
            });
        }
    }
}

fn has_template_extension(path: &Path) -> bool {
    path.extension()
        .map(|ext| ext.to_string_lossy())
        .is_some_and(|ext| EXTENSIONS.iter().any(|e| ext.eq_ignore_ascii_case(e)))
}

/// Keeps the first occurrence of each path; a file named explicitly anywhere
/// counts as explicit.
fn dedup(inputs: &mut Vec<Input>) {
    let explicit: HashSet<PathBuf> = inputs
        .iter()
        .filter(|i| i.explicit)
        .map(|i| i.path.clone())
        .collect();
    let mut seen = HashSet::new();
    inputs.retain(|i| seen.insert(i.path.clone()));
    for input in inputs {
        if explicit.contains(&input.path) {
            input.explicit = true;
        }
    }
}

/// An I/O error in words, without the platform's `(os error N)` suffix.
pub(crate) fn describe(e: &io::Error) -> String {
    match e.kind() {
        io::ErrorKind::NotFound => "no such file or directory".to_owned(),
        io::ErrorKind::PermissionDenied => "permission denied".to_owned(),
        io::ErrorKind::IsADirectory => "is a directory".to_owned(),
        _ => e.to_string(),
    }
}
