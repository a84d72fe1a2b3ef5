//! Loading the corpus: every template file under a directory, read into
//! memory before any timing starts, so that the numbers measure parsing and
//! not the disk; the files saphyr reads (the selection every row times);
//! and every file under the directory in a loader, for the lint rows that
//! read the files templates name (`get_file` scripts, nested templates).

use std::path::{Path, PathBuf};

use hotc_compiler::source::MemoryLoader;
use saphyr::{LoadableYamlNode, MarkedYaml};

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
    /// Every UTF-8 file under the root, templates and the rest (scripts,
    /// certificates, ...), by its path relative to the root.
    pub(crate) loader: MemoryLoader,
}

/// saphyr's spanned tree, through its borrowing `&str` input: the fastest
/// way saphyr offers to get a `MarkedYaml` (its `load_from_str` goes
/// through a char iterator and is slower).
pub(crate) fn saphyr_load(src: &str) -> Result<Vec<MarkedYaml<'_>>, saphyr::ScanError> {
    let mut parser = saphyr_parser::Parser::new_from_str(src);
    MarkedYaml::load_from_parser(&mut parser)
}

impl Corpus {
    /// The files every row times, those saphyr reads (so that both sides
    /// parse the same bytes), and those it rejects, with its error.
    pub(crate) fn selection(&self) -> (Vec<&SourceFile>, Vec<(&str, String)>) {
        let mut accepted = Vec::new();
        let mut rejected = Vec::new();
        for file in &self.files {
            match saphyr_load(&file.text) {
                Ok(_) => accepted.push(file),
                Err(e) => rejected.push((file.path.as_str(), e.to_string())),
            }
        }
        (accepted, rejected)
    }
}

/// Reads every file under `root`, in sorted path order so that runs are
/// comparable: the templates into `files`, all of them into `loader`.
pub(crate) fn load(root: &Path) -> std::io::Result<Corpus> {
    let mut paths = Vec::new();
    walk(root, &mut paths)?;
    paths.sort();
    let mut corpus = Corpus {
        files: Vec::new(),
        not_utf8: Vec::new(),
        loader: MemoryLoader::new(),
    };
    for path in paths {
        let rel = path
            .strip_prefix(root)
            .unwrap_or(&path)
            .display()
            .to_string();
        let template = is_template(&path);
        match String::from_utf8(std::fs::read(&path)?) {
            Ok(text) => {
                corpus.loader = std::mem::take(&mut corpus.loader).with(&rel, &text);
                if template {
                    corpus.files.push(SourceFile { path: rel, text });
                }
            }
            Err(_) if template => corpus.not_utf8.push(rel),
            Err(_) => {}
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
        } else if kind.is_file() {
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
