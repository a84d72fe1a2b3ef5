//! Embeds every resource-type schema under `schemas/` into the crate.
//!
//! Writes `$OUT_DIR/schemas.rs`: a static table of (type name, JSON text)
//! sorted by type name, each text an `include_str!` of its file, so the
//! binary carries the data and the crate reads no file at run time. A type's
//! file is `schemas/<Part>/.../<Last>.json` for `<Part>::...::<Last>`; files
//! directly in `schemas/` (the manifest, SOURCE.md) are not types. The build
//! fails on a file name that cannot come from a type name, rather than embed
//! it under a name no lookup would use.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::{env, fs};

fn main() {
    println!("cargo:rerun-if-changed=schemas");
    let manifest_dir =
        PathBuf::from(env::var_os("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"));
    let root = manifest_dir.join("schemas");
    let mut types: Vec<(String, PathBuf)> = Vec::new();
    for entry in read_dir(&root) {
        if entry.is_dir() {
            collect(&root, &entry, &mut types);
        }
    }
    types.sort();
    let mut table = String::from(
        "/// Every embedded schema: (type name, JSON text), sorted by type name.\n\
         static SCHEMAS: &[(&str, &str)] = &[\n",
    );
    for (name, path) in &types {
        let path = path.to_str().expect("schema paths are UTF-8");
        writeln!(table, "    ({name:?}, include_str!({path:?})),").expect("writing to a String");
    }
    table.push_str("];\n");
    let out = PathBuf::from(env::var_os("OUT_DIR").expect("cargo sets OUT_DIR")).join("schemas.rs");
    fs::write(&out, table).unwrap_or_else(|e| panic!("{}: {e}", out.display()));
}

/// The entries of `dir`, sorted (the table must not depend on the order
/// the file system lists them in).
fn read_dir(dir: &Path) -> Vec<PathBuf> {
    let mut entries: Vec<PathBuf> = fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| {
            e.unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
                .path()
        })
        .collect();
    entries.sort();
    entries
}

/// Adds the `.json` files under `dir` (a subdirectory of `root`) to `types`.
fn collect(root: &Path, dir: &Path, types: &mut Vec<(String, PathBuf)>) {
    for path in read_dir(dir) {
        if path.is_dir() {
            collect(root, &path, types);
            continue;
        }
        if path.extension().is_none_or(|e| e != "json") {
            continue;
        }
        let relative = path.with_extension("");
        let relative = relative.strip_prefix(root).expect("under schemas/");
        let parts: Vec<&str> = relative
            .iter()
            .map(|p| {
                p.to_str()
                    .unwrap_or_else(|| panic!("{}: not a UTF-8 name", path.display()))
            })
            .collect();
        for part in &parts {
            let plain = !part.is_empty()
                && !part.starts_with('.')
                && part
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.'));
            assert!(
                plain,
                "{}: {part:?} cannot be part of a type name",
                path.display()
            );
        }
        types.push((parts.join("::"), path.clone()));
    }
}
