//! Where the files a template names come from: the [`SourceLoader`] trait.
//!
//! The compiler does no I/O. A template that names other files (`get_file`,
//! a resource type that is a template file) is checked against them only
//! when the caller hands in a loader: the CLI implements one over the disk,
//! tests use [`MemoryLoader`]. Paths are relative to the file that names
//! them; URLs (`http:`, `https:`, `file:`) are never fetched — a loader
//! answers [`LoadErrorKind::Remote`] for them, so a lint run never touches
//! the network and gives the same answer offline.

use std::collections::BTreeMap;

/// Why a file could not be loaded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LoadErrorKind {
    /// Nothing exists at the resolved path.
    NotFound,
    /// The path is a URL; hotc never fetches those.
    Remote,
    /// It exists but could not be read (not UTF-8, a directory, no
    /// permission, ...); the detail says which.
    Unreadable(String),
}

/// A failed load: what went wrong, and the name the path resolved to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadError {
    pub kind: LoadErrorKind,
    /// The resolved name (for a URL, the URL itself).
    pub resolved: String,
}

/// Reads the files a template names.
pub trait SourceLoader {
    /// Loads `path` as named from the file `from` (a name this loader gave
    /// out, or the name of the file being checked). Returns the resolved
    /// name, which identifies the file from now on (for cycles and for
    /// files that name others), and its text.
    fn load(&self, from: &str, path: &str) -> Result<(String, String), LoadError>;
}

/// Whether `path` is a URL Heat's client would fetch instead of reading a
/// local file. Only these schemes: a Windows-style `C:` or a relative name
/// with a colon in it stays a path.
pub fn is_remote(path: &str) -> bool {
    let lower = path.trim_start().to_ascii_lowercase();
    ["http:", "https:", "file:"]
        .iter()
        .any(|scheme| lower.starts_with(scheme))
}

/// Joins `path` onto the directory of `from`, `/`-separated, folding `.`
/// and `..` lexically (as the client resolves a relative name against the
/// template's URL). An absolute `path` stays as it is; a `..` that climbs
/// above a relative `from`'s root is kept, so the name still says where
/// it points.
pub fn resolve(from: &str, path: &str) -> String {
    let base: Vec<&str> = if path.starts_with('/') {
        Vec::new()
    } else {
        match from.rfind('/') {
            Some(i) => from.get(..i).unwrap_or("").split('/').collect(),
            None => Vec::new(),
        }
    };
    let absolute = path.starts_with('/') || from.starts_with('/');
    let mut parts: Vec<&str> = Vec::new();
    for part in base.into_iter().chain(path.split('/')) {
        match part {
            "" | "." => {}
            ".." => match parts.last() {
                Some(&last) if last != ".." => {
                    parts.pop();
                }
                // Above the root of an absolute path is the root itself.
                Some(_) | None if absolute => {}
                Some(_) | None => parts.push(".."),
            },
            other => parts.push(other),
        }
    }
    let joined = parts.join("/");
    if absolute {
        format!("/{joined}")
    } else {
        joined
    }
}

/// A loader over a fixed set of files, for tests and for callers that
/// already hold the files (an editor's open buffers).
#[derive(Debug, Clone, Default)]
pub struct MemoryLoader {
    files: BTreeMap<String, String>,
}

impl MemoryLoader {
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a file under `name` (a `/`-separated path, as [`resolve`] gives).
    pub fn with(mut self, name: &str, text: &str) -> Self {
        self.files.insert(resolve("", name), text.to_owned());
        self
    }
}

impl SourceLoader for MemoryLoader {
    fn load(&self, from: &str, path: &str) -> Result<(String, String), LoadError> {
        if is_remote(path) {
            return Err(LoadError {
                kind: LoadErrorKind::Remote,
                resolved: path.to_owned(),
            });
        }
        let resolved = resolve(from, path);
        match self.files.get(&resolved) {
            Some(text) => Ok((resolved, text.clone())),
            None => Err(LoadError {
                kind: LoadErrorKind::NotFound,
                resolved,
            }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_relative_to_the_naming_file() {
        assert_eq!(resolve("stack.yaml", "boot.sh"), "boot.sh");
        assert_eq!(resolve("a/b/stack.yaml", "../c/x.sh"), "a/c/x.sh");
        assert_eq!(resolve("a/stack.yaml", "./x.sh"), "a/x.sh");
        assert_eq!(resolve("stack.yaml", "../x.sh"), "../x.sh");
        assert_eq!(resolve("/t/stack.yaml", "../../x.sh"), "/x.sh");
        assert_eq!(resolve("a/stack.yaml", "/abs/x.sh"), "/abs/x.sh");
    }

    #[test]
    fn urls_are_never_loaded() {
        let loader = MemoryLoader::new().with("http://h/x.sh", "no");
        for url in ["http://h/x.sh", "HTTPS://h/x", "file:///etc/passwd"] {
            assert_eq!(
                loader.load("t.yaml", url).map_err(|e| e.kind),
                Err(LoadErrorKind::Remote)
            );
        }
        assert!(!is_remote("C:/x"));
    }

    #[test]
    fn the_memory_loader_finds_what_it_holds() {
        let loader = MemoryLoader::new().with("dir/boot.sh", "#!/bin/sh\n");
        assert_eq!(
            loader.load("dir/t.yaml", "boot.sh"),
            Ok(("dir/boot.sh".to_owned(), "#!/bin/sh\n".to_owned()))
        );
        assert_eq!(
            loader.load("t.yaml", "boot.sh").map_err(|e| e.kind),
            Err(LoadErrorKind::NotFound)
        );
    }
}
