//! Loading the corpus: every template file under a directory, read into
//! memory before any timing starts, so that the numbers measure parsing and
//! not the disk.

use std::path::{Path, PathBuf};

/// The extensions Heat templates and environment files use in the corpus.
const EXTENSIONS: &[&str] = &["yaml", "yml", "json", "template"];

/// One corpus file: its path relative to the corpus root and its text.
pub(crate) struct SourceFile {
    pub(crate) path: String,
    pub(crate) text: String,
}

/// What was found under the corpus root.
pub(crate) struct Corpus {
    pub(crate) files: Vec<SourceFile>,
    /// Template files that are not UTF-8: neither parser takes bytes.
    pub(crate) not_utf8: Vec<String>,
}

/// Reads every template file under `root`, in sorted path order so that
/// runs are comparable.
pub(crate) fn load(root: &Path) -> std::io::Result<Corpus> {
    let mut paths = Vec::new();
    walk(root, &mut paths)?;
    paths.sort();
    let mut corpus = Corpus {
        files: Vec::new(),
        not_utf8: Vec::new(),
    };
    for path in paths {
        let rel = path
            .strip_prefix(root)
            .unwrap_or(&path)
            .display()
            .to_string();
        match String::from_utf8(std::fs::read(&path)?) {
            Ok(text) => corpus.files.push(SourceFile { path: rel, text }),
            Err(_) => corpus.not_utf8.push(rel),
        }
    }
    Ok(corpus)
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let path = entry.path();
        let kind = entry.file_type()?;
        if kind.is_dir() {
            walk(&path, out)?;
        } else if kind.is_file() && is_template(&path) {
            out.push(path);
        }
    }
    Ok(())
}

fn is_template(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| EXTENSIONS.iter().any(|x| x.eq_ignore_ascii_case(e)))
}
