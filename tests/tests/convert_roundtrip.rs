//! `hotc convert` keeps meaning: every template and environment file of the
//! corpus converts to YAML and back to exactly the same value tree, with its
//! comments at the same entries.
//!
//! For each corpus file that Heat's loader reads to a mapping: value →
//! `yaml::emit` → YAML → hotc's loader → value'', which must print the same
//! `json.dumps` text and be the same tree (key types included), with every
//! comment attached to the same entry. All failures are listed before the
//! test fails; the sizes and the conversion speed are printed for the
//! record.
//!
//! Input: the corpus at `$HOTC_CORPUS`, else `<workspace>/../shared/corpus`;
//! skipped with a message when absent, unless `HOTC_REQUIRE_CORPUS=1`.
#![expect(
    clippy::expect_used,
    reason = "a test harness: failing loudly is the point"
)]

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use hotc_grammar::comments::{Attached, attach};
use hotc_grammar::value::build_stream;
use hotc_grammar::yaml::emit::emit;
use hotc_grammar::{Value, ValueKind};

fn corpus_dir() -> Option<PathBuf> {
    let dir = std::env::var_os("HOTC_CORPUS").map_or_else(
        || Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/corpus"),
        PathBuf::from,
    );
    if dir.is_dir() {
        return Some(dir);
    }
    let why = format!("no corpus at {}", dir.display());
    let required = std::env::var("HOTC_REQUIRE_CORPUS").is_ok_and(|v| v == "1");
    assert!(!required, "{why} (and HOTC_REQUIRE_CORPUS=1)");
    eprintln!("SKIPPED: {why}; set HOTC_REQUIRE_CORPUS=1 to make this a failure");
    None
}

fn files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("corpus directory is readable")
        .map(|e| e.expect("directory entry").path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            files(&path, out);
        } else if path
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| matches!(e, "yaml" | "yml" | "json" | "template"))
        {
            out.push(path);
        }
    }
}

/// A YAML or JSON text read as Heat's loader reads it: the value and its
/// comments, or the first error.
fn load_yaml(src: &str) -> Result<(Value, Attached), String> {
    let parsed = hotc_grammar::parse(src);
    let (value, errors) = build_stream(&parsed.stream, parsed.flavor);
    // Duplicate keys are warnings: the value is what Heat builds.
    if let Some(e) = parsed
        .errors
        .iter()
        .chain(&errors)
        .find(|e| !e.kind.is_warning())
    {
        return Err(format!("{:?} at {}", e.kind, e.span.start));
    }
    if parsed.stream.documents.is_empty() {
        return Err("no document".to_owned());
    }
    let attached = attach(src, &parsed.stream.comments, &value);
    Ok((value, attached))
}

/// Whether two values are the same tree, spans aside (key types and order
/// included, floats by bits).
fn same(a: &Value, b: &Value) -> bool {
    match (&a.kind, &b.kind) {
        (ValueKind::Null, ValueKind::Null) => true,
        (ValueKind::Bool(x), ValueKind::Bool(y)) => x == y,
        (ValueKind::Int(x), ValueKind::Int(y)) => x == y,
        (ValueKind::Float(x), ValueKind::Float(y)) => {
            x.to_bits() == y.to_bits() || (x.is_nan() && y.is_nan())
        }
        (ValueKind::Str(x), ValueKind::Str(y)) => x == y,
        (ValueKind::Seq(x), ValueKind::Seq(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(p, q)| same(p, q))
        }
        (ValueKind::Map(x), ValueKind::Map(y)) => {
            x.len() == y.len()
                && x.iter()
                    .zip(y)
                    .all(|((k1, v1), (k2, v2))| same(k1, k2) && same(v1, v2))
        }
        _ => false,
    }
}

type ByPath = BTreeMap<String, (Vec<String>, Option<String>)>;

/// Comments keyed by the path of their entry, so that two texts of the same
/// tree can be compared. An offset shared by an entry and the first entry
/// inside it (`- key: v`) counts for the outer one.
fn by_path(value: &Value, comments: &Attached) -> ByPath {
    fn visit(
        offset: u32,
        path: String,
        comments: &Attached,
        seen: &mut Vec<u32>,
        out: &mut ByPath,
    ) {
        if seen.contains(&offset) {
            return;
        }
        seen.push(offset);
        let before = comments.before.get(&offset).cloned().unwrap_or_default();
        let trailing = comments.trailing.get(&offset).cloned();
        if !before.is_empty() || trailing.is_some() {
            out.insert(path, (before, trailing));
        }
    }
    fn walk(v: &Value, path: &str, comments: &Attached, seen: &mut Vec<u32>, out: &mut ByPath) {
        match &v.kind {
            ValueKind::Seq(items) => {
                for (i, item) in items.iter().enumerate() {
                    let p = format!("{path}/{i}");
                    visit(item.span.start, p.clone(), comments, seen, out);
                    walk(item, &p, comments, seen, out);
                }
            }
            ValueKind::Map(entries) => {
                for (k, val) in entries {
                    let p = format!("{path}/{}", k.key_text());
                    visit(k.span.start, p.clone(), comments, seen, out);
                    walk(val, &p, comments, seen, out);
                }
            }
            ValueKind::Null
            | ValueKind::Bool(_)
            | ValueKind::Int(_)
            | ValueKind::Float(_)
            | ValueKind::Str(_) => {}
        }
    }
    let mut out = ByPath::new();
    walk(value, "", comments, &mut Vec::new(), &mut out);
    if !comments.end.is_empty() {
        out.insert("<end>".to_owned(), (comments.end.clone(), None));
    }
    out
}

/// The corpus files Heat's loader reads to a mapping, with their text.
fn corpus_mappings(dir: &Path) -> Vec<(String, String)> {
    let mut paths = Vec::new();
    files(dir, &mut paths);
    paths
        .iter()
        .filter_map(|path| {
            let src = std::fs::read_to_string(path).ok()?;
            let (value, _) = load_yaml(&src).ok()?;
            value.as_map()?;
            let name = path.strip_prefix(dir).unwrap_or(path).display().to_string();
            Some((name, src))
        })
        .collect()
}

fn lines(text: &str) -> usize {
    text.lines().count()
}

fn rate(bytes: usize, time: Duration) -> String {
    let secs = time.as_secs_f64().max(1e-9);
    format!("{:.1} MB/s", bytes as f64 / secs / 1e6)
}

/// value → YAML → value'' gives the same value and comments, for every
/// corpus file that is a mapping.
#[test]
fn corpus_round_trips_through_yaml() {
    let Some(dir) = corpus_dir() else { return };
    let inputs = corpus_mappings(&dir);
    assert!(!inputs.is_empty(), "no mapping in the corpus");
    let mut failures = String::new();
    let (mut in_bytes, mut out_bytes, mut in_lines, mut out_lines) = (0, 0, 0, 0);
    let mut emit_time = Duration::ZERO;
    let mut passed = 0;
    for (name, src) in &inputs {
        let (value, comments) = load_yaml(src).expect("selected files load");
        let start = Instant::now();
        let yaml = emit(&value, &comments);
        emit_time += start.elapsed();
        in_bytes += src.len();
        out_bytes += yaml.len();
        in_lines += lines(src);
        out_lines += lines(&yaml);
        let (back, back_comments) = match load_yaml(&yaml) {
            Ok(loaded) => loaded,
            Err(e) => {
                let _ = writeln!(failures, "{name}: the emitted YAML does not load: {e}");
                continue;
            }
        };
        if back.to_json_pretty() != value.to_json_pretty() || !same(&back, &value) {
            let _ = writeln!(failures, "{name}: the value changed");
            continue;
        }
        let (want, got) = (by_path(&value, &comments), by_path(&back, &back_comments));
        if want != got {
            let moved: Vec<&String> = want
                .iter()
                .filter(|(path, c)| got.get(*path) != Some(c))
                .map(|(path, _)| path)
                .collect();
            let _ = writeln!(failures, "{name}: comments moved at {moved:?}");
            continue;
        }
        if emit(&back, &back_comments) != yaml {
            let _ = writeln!(failures, "{name}: emitting again changes the text");
            continue;
        }
        passed += 1;
    }
    eprintln!(
        "YAML round trip: {passed} of {} files; {in_bytes} bytes / {in_lines} lines in, \
         {out_bytes} bytes / {out_lines} lines out; emit at {}",
        inputs.len(),
        rate(in_bytes, emit_time)
    );
    assert!(failures.is_empty(), "round trip failures:\n{failures}");
}
