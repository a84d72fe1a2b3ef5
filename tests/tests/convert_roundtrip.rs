//! `hotc convert` keeps meaning: every template and environment file of the
//! corpus converts to `.heat` and back, and to YAML and back, to exactly the
//! same value tree, with its comments.
//!
//! For each corpus file that Heat's loader reads to a mapping:
//! - YAML → value → `dsl::print` → `.heat` text → `dsl::parse` → value',
//!   which must print the same `json.dumps` text and be the same tree (key
//!   types included); printing value' again gives the same `.heat` text; and
//!   value' → `yaml::emit` → YAML → hotc's loader → value'' is the same tree
//!   again. Every comment is carried through each step exactly once.
//! - YAML → value → `yaml::emit` → value'': the same tree, with every comment
//!   at the same entry, and emitting again gives the same YAML.
//!
//! The seed template (and its as-printed copy once the TAB findings are
//! applied) gets the same treatment, and a commented template shows which
//! comments keep their entries through `.heat` and which move, by design.
//! All failures are listed before a test fails; sizes and conversion speeds
//! are printed for the record.
//!
//! Input: the corpus at `$HOTC_CORPUS`, else `<workspace>/../shared/corpus`;
//! skipped with a message when absent, unless `HOTC_REQUIRE_CORPUS=1`.
#![expect(
    clippy::expect_used,
    reason = "a test harness: failing loudly is the point"
)]

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::Path;
use std::time::{Duration, Instant};

use hotc_grammar::comments::{Attached, attach};
use hotc_grammar::dsl;
use hotc_grammar::value::build_stream;
use hotc_grammar::yaml::emit::emit;
use hotc_grammar::{SyntaxErrorKind, Value, ValueKind};
use hotc_tests::{corpus_dir, corpus_files};

/// The corpus files this suite reads.
const EXTENSIONS: &[&str] = &["yaml", "yml", "json", "template"];

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
    let paths = corpus_files(dir, EXTENSIONS);
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

/// `.heat` text read back: the value and its comments, or the errors.
fn load_dsl(src: &str) -> Result<(Value, Attached), String> {
    let parsed = dsl::parse(src);
    if !parsed.errors.is_empty() {
        let kinds: Vec<String> = parsed
            .errors
            .iter()
            .map(|e| format!("{:?} at {}", e.kind, e.span.start))
            .collect();
        return Err(kinds.join("; "));
    }
    let value = parsed.value.ok_or("no value")?;
    let attached = attach(src, &parsed.comments, &value);
    Ok((value, attached))
}

/// How many comments a set holds.
fn count(comments: &Attached) -> usize {
    comments.before.values().map(Vec::len).sum::<usize>()
        + comments.trailing.len()
        + comments.end.len()
}

/// What one file's trip through `.heat` measured.
#[derive(Default)]
struct Trip {
    dsl_bytes: usize,
    dsl_lines: usize,
    print: Duration,
    parse: Duration,
}

/// YAML → `.heat` → value' → YAML → value'', checking each step; the
/// `.heat` text's size and the time spent printing and parsing it.
fn dsl_trip(src: &str) -> Result<Trip, String> {
    let (value, comments) = load_yaml(src)?;
    let start = Instant::now();
    let text = dsl::print::print(&value, &comments).map_err(|e| format!("not printed: {e:?}"))?;
    let print = start.elapsed();
    let start = Instant::now();
    let parsed = load_dsl(&text);
    let parse = start.elapsed();
    let (back, back_comments) =
        parsed.map_err(|e| format!("the .heat text does not parse: {e}"))?;
    if back.to_json_pretty() != value.to_json_pretty() || !same(&back, &value) {
        return Err(format!(
            "the value changed through .heat{}",
            first_difference(&value, &back, "")
        ));
    }
    if count(&back_comments) != count(&comments) {
        return Err(format!(
            "{} comments in the YAML, {} in the .heat text",
            count(&comments),
            count(&back_comments)
        ));
    }
    let again = dsl::print::print(&back, &back_comments).map_err(|e| format!("{e:?}"))?;
    if again != text {
        return Err(format!(
            "printing again changes the .heat text{}",
            first_line_difference(&text, &again)
        ));
    }
    let yaml = emit(&back, &back_comments);
    let (yaml_back, yaml_comments) =
        load_yaml(&yaml).map_err(|e| format!("the YAML from .heat does not load: {e}"))?;
    if !same(&yaml_back, &value) {
        return Err("the value changed through .heat and YAML".to_owned());
    }
    if count(&yaml_comments) != count(&comments) {
        return Err(format!(
            "{} comments in the YAML, {} after .heat and YAML",
            count(&comments),
            count(&yaml_comments)
        ));
    }
    Ok(Trip {
        dsl_bytes: text.len(),
        dsl_lines: lines(&text),
        print,
        parse,
    })
}

/// Where two values first differ, for a failure message.
fn first_difference(a: &Value, b: &Value, path: &str) -> String {
    match (&a.kind, &b.kind) {
        (ValueKind::Seq(x), ValueKind::Seq(y)) if x.len() == y.len() => x
            .iter()
            .zip(y)
            .enumerate()
            .map(|(i, (p, q))| first_difference(p, q, &format!("{path}/{i}")))
            .find(|d| !d.is_empty())
            .unwrap_or_default(),
        (ValueKind::Map(x), ValueKind::Map(y)) if x.len() == y.len() => x
            .iter()
            .zip(y)
            .map(|((k1, v1), (k2, v2))| {
                if same(k1, k2) {
                    first_difference(v1, v2, &format!("{path}/{}", k1.key_text()))
                } else {
                    format!(" at {path}: key {:?} became {:?}", k1.kind, k2.kind)
                }
            })
            .find(|d| !d.is_empty())
            .unwrap_or_default(),
        _ if same(a, b) => String::new(),
        _ => format!(
            " at {path}: {:.200} became {:.200}",
            a.to_json_pretty(),
            b.to_json_pretty()
        ),
    }
}

/// The first line where two texts differ, for a failure message.
fn first_line_difference(a: &str, b: &str) -> String {
    a.lines()
        .zip(b.lines())
        .enumerate()
        .find(|(_, (x, y))| x != y)
        .map(|(i, (x, y))| format!(" at line {}: {x:?} became {y:?}", i + 1))
        .unwrap_or_else(|| " (in length)".to_owned())
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

/// YAML → `.heat` → YAML gives the same value for every corpus file that is
/// a mapping, and `.heat` printing is stable.
#[test]
fn corpus_round_trips_through_dsl() {
    let Some(dir) = corpus_dir() else { return };
    let inputs = corpus_mappings(&dir);
    assert!(!inputs.is_empty(), "no mapping in the corpus");
    let mut failures = String::new();
    let (mut yaml_bytes, mut yaml_lines) = (0, 0);
    let mut total = Trip::default();
    let mut passed = 0;
    for (name, src) in &inputs {
        match dsl_trip(src) {
            Ok(trip) => {
                passed += 1;
                yaml_bytes += src.len();
                yaml_lines += lines(src);
                total.dsl_bytes += trip.dsl_bytes;
                total.dsl_lines += trip.dsl_lines;
                total.print += trip.print;
                total.parse += trip.parse;
            }
            Err(e) => {
                let _ = writeln!(failures, "{name}: {e}");
            }
        }
    }
    eprintln!(
        ".heat round trip: {passed} of {} files; over those, YAML {yaml_bytes} bytes / \
         {yaml_lines} lines, .heat {} bytes / {} lines ({:.0}% of the bytes, {:.0}% of the \
         lines); print at {}, parse at {}",
        inputs.len(),
        total.dsl_bytes,
        total.dsl_lines,
        100.0 * total.dsl_bytes as f64 / yaml_bytes.max(1) as f64,
        100.0 * total.dsl_lines as f64 / yaml_lines.max(1) as f64,
        rate(yaml_bytes, total.print),
        rate(total.dsl_bytes, total.parse),
    );
    assert!(
        failures.is_empty(),
        ".heat round trip failures:\n{failures}"
    );
}

/// The seed template, and the tutorial's as-printed copy once every TAB
/// finding's replacement is applied, both make the trip.
#[test]
fn the_seed_round_trips() {
    let meant = include_str!("../../examples/docker-stack.yml");
    if let Err(e) = dsl_trip(meant) {
        panic!("docker-stack.yml: {e}");
    }
    let printed = include_str!("../../examples/docker-stack.as-printed.yml");
    let (_, errors) = hotc_grammar::yaml::parse(printed);
    assert!(!errors.is_empty(), "the printed seed has its TABs");
    let mut fixed = printed.to_owned();
    for e in errors.iter().rev() {
        let SyntaxErrorKind::TabIndent { replacement } = &e.kind else {
            panic!("not a TAB finding: {e:?}");
        };
        fixed.replace_range(e.span.start()..e.span.end(), replacement);
    }
    if let Err(e) = dsl_trip(&fixed) {
        panic!("docker-stack.as-printed.yml with its TABs fixed: {e}");
    }
}

/// A commented template converted YAML → `.heat` → YAML keeps every comment
/// at the same entry, except the one move docs/dsl.md describes: a comment
/// on the first definition of a section belongs, in `.heat`, to the section
/// (there is no line for the section key), so it comes back on it.
#[test]
fn comments_keep_their_entries_through_dsl() {
    let src = "\
# The template's purpose.
heat_template_version: 2016-10-14 # HOT version
description: A commented template.
parameters:
  key:
    type: string
  # The flavor to boot.
  flavor:
    type: string
    default: m1.small # a small one
resources:
  server:
    type: OS::Nova::Server
    properties:
      flavor: {get_param: flavor} # the parameter
      # The networks.
      networks:
        - network: private # first network
        - network: public
      user_data: |
        #!/bin/sh
        echo hello
    # Boot after the other one.
    depends_on: [other]
  # Nothing at all.
  other:
    type: OS::Heat::None
outputs:
  # Where to connect.
  address:
    value: {get_attr: [server, first_address]}
    description: The address. # shown to users
# End of template.
";
    let (value, comments) = load_yaml(src).expect("the test template loads");
    let text = dsl::print::print(&value, &comments).expect("a template prints");
    let (dsl_value, dsl_comments) = load_dsl(&text).expect("the .heat text parses");
    let yaml = emit(&dsl_value, &dsl_comments);
    let (back, back_comments) = load_yaml(&yaml).expect("the YAML loads");
    assert!(same(&back, &value), "the value changed:\n{text}\n{yaml}");
    let mut want = by_path(&value, &comments);
    let moved = want
        .remove("/outputs/address")
        .expect("a comment on the first output");
    want.insert("/outputs".to_owned(), moved);
    assert_eq!(
        by_path(&back, &back_comments),
        want,
        "comments moved:\n{text}\n{yaml}"
    );
    assert_eq!(count(&back_comments), count(&comments));
}
