//! The differential test: hotc against Heat's own loader.
//!
//! `tests/oracle/heat_loader.py` loads files exactly as Heat's
//! `template_format.simple_parse` does (json.loads, then PyYAML's CSafeLoader
//! with Heat's constructors) and prints each value as
//! `json.dumps(value, indent=2, ensure_ascii=False)`. For every file, hotc's
//! `parse` + `value::build_stream` + `to_json_pretty` must print the same
//! bytes, and every file the oracle rejects must get at least one hotc error
//! (not a warning) on the line the oracle names. All mismatches are listed
//! before the test fails.
//!
//! Inputs: the corpus at `$HOTC_CORPUS`, else `<workspace>/../shared/corpus`
//! (skipped with a message when absent, unless `HOTC_REQUIRE_CORPUS=1`), and
//! a set of inline YAML 1.1 corner cases. The oracle needs `python3` with
//! PyYAML; without them the tests skip with a message, unless
//! `HOTC_REQUIRE_ORACLE=1`. The oracle runs once per test, in batch mode.
#![expect(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test harness: failing loudly is the point"
)]

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io::Write as _;
use std::path::PathBuf;
use std::process::{Command, Stdio};

use hotc_grammar::value::build_stream;
use hotc_grammar::{Flavor, LineIndex, SyntaxError};
use hotc_tests::{corpus_dir, corpus_files, skip, workspace_root};

/// What the oracle made of one file.
enum Oracle {
    Ok(String),
    Error { line: usize, message: String },
}

/// Runs the oracle once over `paths`; `None` (after printing why) when
/// python3 or PyYAML is missing.
fn run_oracle(paths: &[PathBuf]) -> Option<BTreeMap<String, Oracle>> {
    let probe = Command::new("python3")
        .args(["-c", "import yaml"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status();
    match probe {
        Err(e) => {
            skip("HOTC_REQUIRE_ORACLE", &format!("cannot run python3: {e}"));
            return None;
        }
        Ok(status) if !status.success() => {
            skip(
                "HOTC_REQUIRE_ORACLE",
                "python3 has no PyYAML (`import yaml` fails)",
            );
            return None;
        }
        Ok(_) => {}
    }
    let script = workspace_root().join("tests/oracle/heat_loader.py");
    let mut child = Command::new("python3")
        .arg(&script)
        .args(["--batch", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("python3 ran a moment ago");
    let mut list = String::new();
    for path in paths {
        list.push_str(path.to_str().expect("UTF-8 paths"));
        list.push('\n');
    }
    // Written from a thread so a full stdout pipe cannot deadlock us.
    let mut stdin = child.stdin.take().expect("piped");
    let writer = std::thread::spawn(move || stdin.write_all(list.as_bytes()));
    let output = child.wait_with_output().expect("oracle output");
    writer.join().expect("writer thread").expect("oracle stdin");
    assert!(output.status.success(), "the oracle failed: {output:?}");
    let json: serde_json::Value =
        serde_json::from_slice(&output.stdout).expect("the oracle prints JSON");
    let mut results = BTreeMap::new();
    for (path, result) in json.as_object().expect("an object") {
        let oracle = if let Some(text) = result.get("ok").and_then(|v| v.as_str()) {
            Oracle::Ok(text.to_owned())
        } else {
            let error = &result["error"];
            Oracle::Error {
                line: usize::try_from(error["line"].as_u64().unwrap_or(0)).unwrap_or(0),
                message: error["message"].as_str().unwrap_or("").to_owned(),
            }
        };
        results.insert(path.clone(), oracle);
    }
    Some(results)
}

/// What hotc makes of one source: the value as Heat's loader would return
/// it, printed like json.dumps, and every error that is not a warning.
fn hotc(src: &str) -> (String, Vec<SyntaxError>) {
    let parsed = hotc_grammar::parse(src);
    let (value, value_errors) = build_stream(&parsed.stream, parsed.flavor);
    let errors = parsed
        .errors
        .into_iter()
        .chain(value_errors)
        .filter(|e| !e.kind.is_warning())
        .collect();
    // simple_parse turns a YAML load of None (an empty or `~` document)
    // into {}; a JSON `null` stays None.
    let text = if parsed.flavor == Flavor::Yaml && value.is_null() {
        "{}".to_owned()
    } else {
        value.to_json_pretty()
    };
    (text, errors)
}

/// The first line where two texts differ, 1-based, with both versions.
fn first_difference(ours: &str, theirs: &str) -> String {
    let mut a = ours.lines();
    let mut b = theirs.lines();
    let mut n = 1;
    loop {
        match (a.next(), b.next()) {
            (Some(x), Some(y)) if x == y => n += 1,
            (None, None) => return "texts differ only in line ends".to_owned(),
            (x, y) => {
                return format!(
                    "JSON line {n}: hotc {:?}, Heat {:?}",
                    x.unwrap_or("<end>"),
                    y.unwrap_or("<end>")
                );
            }
        }
    }
}

/// Compares hotc with the oracle on one file; `Some(problem)` on mismatch.
fn compare(src: &str, oracle: &Oracle) -> Option<String> {
    let (text, errors) = hotc(src);
    let lines = LineIndex::new(src);
    let line_of = |e: &SyntaxError| lines.line_col(src, e.span.start()).0;
    match oracle {
        Oracle::Ok(expected) => {
            if let Some(e) = errors.first() {
                return Some(format!(
                    "Heat accepts it, hotc reports {:?} at line {} ({} errors)",
                    e.kind,
                    line_of(e),
                    errors.len()
                ));
            }
            (text != *expected).then(|| first_difference(&text, expected))
        }
        Oracle::Error { line, message } => {
            if errors.is_empty() {
                return Some(format!(
                    "Heat rejects it at line {line} ({message}); hotc reports nothing"
                ));
            }
            // Line 0: the oracle's error has no position (a KeyError from
            // `!!bool 1`, say); any hotc error will do.
            if *line != 0 && !errors.iter().any(|e| line_of(e) == *line) {
                let ours: Vec<_> = errors
                    .iter()
                    .map(|e| format!("{:?}@{}", e.kind, line_of(e)))
                    .collect();
                return Some(format!(
                    "Heat rejects it at line {line} ({message}); hotc's errors are elsewhere: {}",
                    ours.join(", ")
                ));
            }
            None
        }
    }
}

/// Compares every file with the oracle and fails listing all mismatches.
fn check_all(files: &[PathBuf], label: &str) {
    let Some(oracle) = run_oracle(files) else {
        return;
    };
    let mut problems = String::new();
    let mut rejected = 0;
    let mut count = 0;
    for path in files {
        let key = path.to_str().expect("UTF-8 paths");
        let Some(expected) = oracle.get(key) else {
            let _ = writeln!(problems, "{key}: the oracle gave no result");
            continue;
        };
        count += 1;
        if matches!(expected, Oracle::Error { .. }) {
            rejected += 1;
        }
        let src = match std::fs::read_to_string(path) {
            Ok(src) => src,
            Err(e) => {
                if !matches!(expected, Oracle::Error { .. }) {
                    let _ = writeln!(problems, "{key}: unreadable ({e}) but Heat loads it");
                }
                continue;
            }
        };
        if let Some(problem) = compare(&src, expected) {
            let _ = writeln!(problems, "{key}: {problem}");
        }
    }
    eprintln!("{label}: {count} files compared, {rejected} rejected by Heat's loader");
    let mismatches = problems.lines().count();
    assert!(
        problems.is_empty(),
        "{label}: {mismatches} mismatches with Heat's loader:\n{problems}"
    );
}

/// The files of the corpus that Heat's loader is asked to read.
const EXTENSIONS: &[&str] = &["yaml", "yml", "json", "template"];

#[test]
fn corpus_matches_heats_loader() {
    let Some(dir) = corpus_dir() else {
        return;
    };
    let files = corpus_files(&dir, EXTENSIONS);
    assert!(!files.is_empty(), "no templates under {}", dir.display());
    check_all(&files, "corpus");
}

/// A fresh directory under the system temp dir, removed on drop.
struct TempDir(PathBuf);

impl TempDir {
    fn new(name: &str) -> Self {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.subsec_nanos());
        let dir = std::env::temp_dir().join(format!("hotc-{name}-{}-{nanos}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("temp dir");
        TempDir(dir)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// YAML 1.1 and PyYAML corners, each a file of its own.
const SNIPPETS: &[(&str, &str)] = &[
    ("octal", "a: 0755\nb: 0o17\nc: 08\nd: -0755\n"),
    ("hex-bin", "a: 0x1F\nb: 0X1F\nc: 0b1_01\nd: +0x_ff\n"),
    ("underscores", "a: 1_000\nb: 1__2\nc: _1\nd: 1_000.5_0\n"),
    (
        "sexagesimal",
        "a: 1:30\nb: 1:30.5\nc: 1:60\nd: -190:20:30\ne: 01:30\n",
    ),
    (
        "bools",
        "[yes, Yes, YES, yEs, no, No, NO, on, On, OFF, true, True, FALSE, y, n]\n",
    ),
    ("nulls", "a: ~\nb: null\nc: Null\nd: NULL\ne:\nf: nULL\n"),
    (
        "timestamps",
        "heat_template_version: 2013-05-23\nb: 2001-12-14t21:59:43.10-05:00\nc: !!timestamp 2001-1-1\n",
    ),
    (
        "floats",
        "[1e5, 1.0e+5, 1.5e5, 1., .5, -.5, +.5, .inf, -.Inf, .NaN, 0.1, 1e-5, 1.0e-5, 3.0.1]\n",
    ),
    (
        "merge",
        "base: &b {x: 1, y: 2}\nother: &o {y: 3, z: 4}\nm1:\n  <<: *b\n  y: 5\nm2:\n  <<: [*b, *o]\n  w: 0\nm3: {y: 0, <<: *b}\n",
    ),
    (
        "tags",
        "a: !!str 1\nb: !!int \"12\"\nc: !!float 1\nd: ! 12\ne: !!str\nf: !!bool \"yEs\"\n",
    ),
    (
        "anchors",
        "a: &x [1, 2]\nb: *x\nc: &y\n  k: v\nd: *y\ne: {z: *x}\n",
    ),
    (
        "block-scalars",
        "clip: |\n  a\n  b\n\nstrip: |-\n  a\n\nkeep: |+\n  a\n\nindent: |2\n    four\n  two\nfolded: >\n  a\n  b\n\n  c\nfolded-keep: >+\n  a\n\nlast: end\n",
    ),
    (
        "folded-more-indented",
        "f: >\n  normal\n  text\n    more indented\n    lines\n  back\n\n  para\n",
    ),
    (
        "multiline-plain",
        "a: this is\n  a plain\n\n  scalar\nb: [one\n  two, three]\n",
    ),
    (
        "multiline-quoted",
        "a: \"double\n  quoted \\\n  joined\"\nb: 'single\n\n  ''quoted'''\n",
    ),
    (
        "escapes",
        "e: \"\\x41 \\u263A \\U0001F600 \\N \\_ \\L \\P \\e \\0 \\/ \\t \\\" \\a \\b \\v \\f \\r\"\n",
    ),
    (
        "flow-multiline",
        "a: [1, # one\n  2,\n  # comment line\n  3]\nb: {x: 1, # c\n  y: 2}\n",
    ),
    (
        "int-keys",
        "1: one\n2.5: two\ntrue: three\n~: four\n\"1\": five\n",
    ),
    (
        "crlf",
        "a: 1\r\nb:\r\n  - x\r\n  - y\r\nc: |\r\n  text\r\n  more\r\n",
    ),
    ("bom", "\u{feff}a: 1\nb: [2]\n"),
    ("markers", "---\na: 1\n...\n"),
    ("markers-only-start", "--- \nkey: value\n"),
    (
        "json-nan",
        "{\"a\": NaN, \"b\": -Infinity, \"c\": [1.5, 1e400]}",
    ),
    (
        "json-dup",
        "{\"a\": 1, \"a\": 2, \"b\": {\"c\": \"\\u00e9\\ud83d\\ude00\"}}",
    ),
    ("json-scalar", "123"),
    ("empty", ""),
    ("only-comment", "# nothing here\n"),
    ("tilde-doc", "~\n"),
    ("dup-keys", "a: 1\nb: 2\na: 3\n"),
    ("value-key", "=: 1\n"),
    ("bad-mapping-value", "a: b: c\n"),
    ("bad-tag", "a: !Ref foo\n"),
    ("bad-int-tag", "a: 1\nb: !!int abc\n"),
    // The int regex takes `0x_`, then Python's int("", 16) raises.
    ("implicit-int-fails", "a: 1\nb: 0x_\n"),
    ("undefined-alias", "a: 1\nb: *nope\n"),
    ("duplicate-anchor", "a: &x 1\nb: &x 2\n"),
    ("two-docs", "a: 1\n---\nb: 2\n"),
    ("unhashable", "? [1, 2]\n: v\n"),
    ("merge-scalar", "a:\n  <<: 1\n"),
    ("merge-as-value", "a: <<\n"),
    (
        "non-specific-tag",
        "a: ! \"123\"\nb: ! yes\nc: ! '1.5'\nd: !<!> x\n",
    ),
    (
        "python-equal-keys",
        "{1: a, 1.0: b, true: c, 0: d, false: e, -0.0: f, null: g, ~: h, \"1\": i, 0x1: j}\n",
    ),
    (
        "merge-nested",
        "a: &a {x: 1}\nb: &b {<<: *a, y: 2}\nc:\n  <<: *b\n  x: 3\nd: {<<: [{p: 1}, {p: 2, q: 3}]}\n",
    ),
    (
        "merge-tagged",
        "a: {!!merge \"<<\": {x: 1}, y: 2}\nb: {<<: !!map {z: 1}}\nc: {<<: &m {k: 1}}\nd: *m\n",
    ),
    (
        "merge-own-duplicates",
        "base: &b {x: 1, x: 2}\nm:\n  x: 0\n  <<: *b\n  x: 9\n",
    ),
    (
        "omap-pairs",
        "a: !!omap [{x: 1}, {y: 2}]\nb: !!pairs [{x: 1}, {x: 2}]\n",
    ),
    ("str-value-key", "a: !!str {=: 5}\nb: !!int {=: '12'}\n"),
    (
        "explicit-conversions",
        "- !!int \"+-5\"\n- !!int \"0o17\"\n- !!int \" 12 \"\n- !!float \"1e5\"\n- !!float \"-nan\"\n- !!float \"1:30\"\n- !!null \"x\"\n- !!bool \"OFF\"\n- !!int 0x0x5\n",
    ),
    (
        "alias-keys",
        "a: &k key\n*k : value\nb: &n 1\n? *n\n: one\n",
    ),
    (
        "complex-keys",
        "? a\n: 1\n? |\n  block key\n: 2\n? - not hashable\n: 3\n",
    ),
    (
        "big-ints",
        "a: 170141183460469231731687303715884105727\nb: -0b1111\n",
    ),
    (
        "floats-exotic",
        "[0.1, 1.7976931348623157e+308, 4.9e-324, 1.0e-400, 100000000000000000000.0, 1234567.0, 1_2.3_4, 1:1.5]\n",
    ),
    (
        "quoted-numbers",
        "a: \"1\"\nb: '0755'\nc: \"yes\"\nd: \"\"\ne: ''\nf: \"~\"\n",
    ),
    ("recursive-alias", "a: &r [1, *r]\n"),
    (
        "unicode",
        "k\u{e9}y: v\u{e9}\n\u{1f600}: \"\\u2029\\u2028\"\nc: \"\\x7f\\x01\"\n",
    ),
    // Left out: `a: b\u{2028}c`. YAML 1.1 and PyYAML count U+2028 (and
    // U+0085, U+2029) as line breaks, `LineIndex` does not, so hotc's error
    // lands one line "earlier" than Heat's though at the same byte.
    ("sequence-root", "- a\n- b: 1\n  c: [x, {d: e}]\n"),
    ("scalar-root", "just a string\n"),
    ("value-key-elsewhere", "a: {=: 1, b: 2}\nb: [=]\n"),
    ("unclosed-flow", "a: [1, 2\nb: 3\n"),
    ("tab-indent", "a:\n\tb: 1\n"),
];

#[test]
fn yaml_corners_match_heats_loader() {
    let dir = TempDir::new("differential");
    let mut files = Vec::new();
    for (name, text) in SNIPPETS {
        let path = dir.0.join(format!("{name}.yaml"));
        std::fs::write(&path, text).unwrap();
        files.push(path);
    }
    check_all(&files, "snippets");
}

/// The oracle's own output is JSON that json.loads accepts; hotc's JSON
/// front end must read every one of those texts back to the same bytes.
/// This exercises the JSON parser, the builder and the writer on the whole
/// corpus independently of the YAML front end.
#[test]
fn oracle_output_round_trips_through_the_json_front_end() {
    let Some(dir) = corpus_dir() else {
        return;
    };
    let files = corpus_files(&dir, EXTENSIONS);
    let Some(oracle) = run_oracle(&files) else {
        return;
    };
    let mut problems = String::new();
    for (path, result) in &oracle {
        let Oracle::Ok(text) = result else {
            continue;
        };
        let parsed = hotc_grammar::parse(text);
        if parsed.flavor != Flavor::Json {
            let _ = writeln!(problems, "{path}: not read as JSON");
            continue;
        }
        let (value, errors) = build_stream(&parsed.stream, Flavor::Json);
        if let Some(e) = errors.iter().find(|e| !e.kind.is_warning()) {
            let _ = writeln!(problems, "{path}: {:?}", e.kind);
        }
        let again = value.to_json_pretty();
        if again != *text {
            let _ = writeln!(problems, "{path}: {}", first_difference(&again, text));
        }
    }
    assert!(
        problems.is_empty(),
        "JSON round trip mismatches:\n{problems}"
    );
}
