//! The lint fixture suite: every directory `tests/lint/HOTnnn/` holds a
//! `bad.yaml` that must produce exactly the diagnostics its comments expect,
//! and a `good.yaml` that must produce none. It may also hold the same pair
//! written in the `.heat` template language, `bad.heat` and `good.heat`
//! (checked with `check_dsl`); codes that only `.heat` files can produce
//! have only that pair.
//!
//! An expectation is a comment line `# ^^^^ HOTnnn` under the line it is
//! about (the nearest line above that is not an expectation). The carets
//! mark the exact columns (in characters) of the diagnostic's primary span;
//! for a span over several lines they mark its part on the first line, and
//! an empty span is marked by one caret. A `#` directly followed by carets
//! counts as the first marked column, so spans that start in column 0 can be
//! marked (`#^^^^^^^^ HOT010` marks columns 0-8).
//!
//! Fixtures are found by listing the directory: adding a file adds a test
//! case. Each `bad.yaml` and `bad.heat` is also rendered as plain text into
//! an insta snapshot (tests/tests/snapshots/), and the code table, the pages
//! in docs/codes/ and the fixture directories are checked against each other.
//! A page's examples are YAML blocks (```yaml), or `.heat` blocks (```heat)
//! for codes only `.heat` files can produce.
#![expect(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test harness: failing loudly is the point"
)]

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use hotc_compiler::diagnostics::{Diagnostic, Label, codes};
use hotc_compiler::source::MemoryLoader;
use hotc_compiler::{Checked, check_dsl, check_source, check_with};
use hotc_grammar::LineIndex;

/// One expected or actual diagnostic: a code at a place on one line.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct Mark {
    /// 1-based line.
    line: usize,
    /// 0-based first column, in characters.
    start: usize,
    /// 0-based column after the last marked one.
    end: usize,
    code: String,
}

impl std::fmt::Display for Mark {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} at line {}, columns {}..{}",
            self.code, self.line, self.start, self.end
        )
    }
}

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("tests/ sits in the workspace")
        .to_path_buf()
}

fn fixture_dirs() -> Vec<PathBuf> {
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(workspace().join("tests/lint"))
        .expect("tests/lint exists")
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    dirs
}

/// Parses one line as an expectation: `(first column, end column, code)`.
fn parse_expectation(line: &str) -> Option<(usize, usize, String)> {
    let chars: Vec<char> = line.chars().collect();
    let hash = chars.iter().position(|c| !c.is_whitespace())?;
    if chars.get(hash) != Some(&'#') {
        return None;
    }
    let first_caret = chars.iter().skip(hash + 1).position(|c| *c != ' ')? + hash + 1;
    let carets = chars
        .iter()
        .skip(first_caret)
        .take_while(|c| **c == '^')
        .count();
    if carets == 0 {
        return None;
    }
    let rest: String = chars.iter().skip(first_caret + carets).collect();
    let code = rest.trim();
    let is_code = code.len() == 6
        && code.starts_with("HOT")
        && code.chars().skip(3).all(|c| c.is_ascii_digit())
        && rest.starts_with(' ');
    if !is_code {
        return None;
    }
    let start = if first_caret == hash + 1 {
        hash
    } else {
        first_caret
    };
    Some((start, first_caret + carets, code.to_owned()))
}

/// The expectations written in a fixture.
fn expected(src: &str) -> Vec<Mark> {
    let mut marks = Vec::new();
    let mut target = 0;
    for (i, line) in src.split('\n').enumerate() {
        match parse_expectation(line.trim_end_matches('\r')) {
            Some((start, end, code)) => marks.push(Mark {
                line: target,
                start,
                end,
                code,
            }),
            None => target = i + 1,
        }
    }
    marks.sort();
    marks
}

/// Where a span starts and, on that line, ends.
fn mark_of(src: &str, index: &LineIndex, span: hotc_grammar::Span) -> (usize, usize, usize) {
    let (line, col) = index.line_col(src, span.start());
    let start = col - 1;
    let (end_line, end_col) = index.line_col(src, span.end());
    let end = if span.is_empty() {
        start + 1
    } else if end_line == line {
        end_col - 1
    } else {
        let line_start = index.line_start(line).unwrap();
        let text = src.get(line_start..).unwrap_or("");
        text.split(['\n', '\r'])
            .next()
            .unwrap_or("")
            .chars()
            .count()
    };
    (line, start, end)
}

/// What hotc reports, as marks with their messages.
fn actual(src: &str, diagnostics: &[Diagnostic]) -> Vec<(Mark, String)> {
    let index = LineIndex::new(src);
    let mut marks: Vec<(Mark, String)> = diagnostics
        .iter()
        .map(|d| {
            let (line, start, end) = mark_of(src, &index, d.primary.span);
            let code = d.code.to_owned();
            (
                Mark {
                    line,
                    start,
                    end,
                    code,
                },
                d.message.clone(),
            )
        })
        .collect();
    marks.sort();
    marks
}

/// Warnings about declarations nothing uses. Fixtures and examples of
/// other codes declare parameters and conditions to exercise their own
/// check, not to use them, so these codes count only where they are the
/// code under test.
const USAGE_WARNINGS: &[&str] = &["HOT055", "HOT056"];

/// Drops the usage warnings from a check of an example of `code`.
fn for_code(code: &str, mut checked: Checked) -> Checked {
    checked
        .diagnostics
        .retain(|d| d.code == code || !USAGE_WARNINGS.contains(&d.code));
    checked
}

/// Checks a fixture (`HOTnnn/file`) as its file name says: `.heat` with the
/// DSL front end, anything else as Heat reads it.
fn check_file(name: &str, src: &str) -> Checked {
    let code = name.split('/').next().unwrap_or_default();
    for_code(
        code,
        if name.ends_with(".heat") {
            check_dsl(src)
        } else {
            check_source(src)
        },
    )
}

/// Compares what a fixture expects with what hotc reports; the differences
/// as text, empty when they agree.
fn compare(name: &str, src: &str) -> String {
    let checked = check_file(name, src);
    let want = expected(src);
    let got = actual(src, &checked.diagnostics);
    let mut out = String::new();
    for m in want.iter().filter(|m| !got.iter().any(|(g, _)| g == *m)) {
        let _ = writeln!(out, "{name}: expected {m}, not reported");
    }
    for (m, message) in got.iter().filter(|(m, _)| !want.contains(m)) {
        let _ = writeln!(out, "{name}: unexpected {m}: {message}");
    }
    out
}

#[test]
fn fixtures_report_exactly_what_they_expect() {
    let mut failures = String::new();
    for dir in fixture_dirs() {
        let code = dir.file_name().unwrap().to_string_lossy().into_owned();
        // The YAML pair is required unless the directory has a `.heat`
        // pair instead; each pair is complete or absent.
        let has = |a: &str, b: &str| dir.join(a).is_file() || dir.join(b).is_file();
        let has_heat = has("bad.heat", "good.heat");
        let has_yaml = has("bad.yaml", "good.yaml");
        for file in ["bad.yaml", "good.yaml", "bad.heat", "good.heat"] {
            let path = dir.join(file);
            let name = format!("{code}/{file}");
            let Ok(src) = std::fs::read_to_string(&path) else {
                let required = if file.ends_with(".heat") {
                    has_heat
                } else {
                    has_yaml || !has_heat
                };
                if required {
                    let _ = writeln!(failures, "{name}: missing");
                }
                continue;
            };
            let marks = expected(&src);
            if file.starts_with("good.") && !marks.is_empty() {
                let _ = writeln!(failures, "{name}: a good fixture expects nothing");
            }
            if file.starts_with("bad.") && !marks.iter().any(|m| m.code == code) {
                let _ = writeln!(failures, "{name}: expects no {code}");
            }
            failures.push_str(&compare(&name, &src));
        }
    }
    assert!(failures.is_empty(), "\n{failures}");
}

#[test]
fn expectation_syntax() {
    assert_eq!(
        parse_expectation("#   ^^^ HOT012"),
        Some((4, 7, "HOT012".to_owned()))
    );
    assert_eq!(
        parse_expectation("#^^^^^^^^ HOT010"),
        Some((0, 9, "HOT010".to_owned()))
    );
    assert_eq!(
        parse_expectation("  # ^ HOT002"),
        Some((4, 5, "HOT002".to_owned()))
    );
    assert_eq!(parse_expectation("# ^^^ see HOT012"), None);
    assert_eq!(parse_expectation("# a comment"), None);
    assert_eq!(parse_expectation("key: value # ^^ HOT001"), None);
    let src = "a: 1\nb: 2\n# ^ HOT001\n#^ HOT002\nc: 3\n";
    let marks = expected(src);
    assert_eq!(marks.len(), 2);
    assert!(marks.iter().all(|m| m.line == 2));
}

/// The code table, the pages and the fixtures describe the same codes.
#[test]
fn codes_docs_and_fixtures_match() {
    let root = workspace();
    let mut problems = String::new();
    let mut pages: Vec<String> = std::fs::read_dir(root.join("docs/codes"))
        .expect("docs/codes exists")
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    pages.sort();
    for page in &pages {
        let code = page.trim_end_matches(".md");
        if !page.ends_with(".md") || codes::lookup(code).is_none_or(|c| c.code != code) {
            let _ = writeln!(problems, "docs/codes/{page} has no code in the table");
        }
    }
    for info in codes::all() {
        let page = root.join("docs/codes").join(format!("{}.md", info.code));
        match std::fs::read_to_string(&page) {
            Ok(text) if text == info.doc => {}
            Ok(_) => {
                let _ = writeln!(
                    problems,
                    "{}: embedded doc differs from the page",
                    info.code
                );
            }
            Err(_) => {
                let _ = writeln!(
                    problems,
                    "{}: no page docs/codes/{}.md",
                    info.code, info.code
                );
            }
        }
        let dir = root.join("tests/lint").join(info.code);
        let has_bad = dir.join("bad.yaml").is_file() || dir.join("bad.heat").is_file();
        if info.from_file && !has_bad {
            let _ = writeln!(
                problems,
                "{}: no fixture tests/lint/{}/bad.yaml (or bad.heat)",
                info.code, info.code
            );
        }
    }
    for dir in fixture_dirs() {
        let name = dir.file_name().unwrap().to_string_lossy().into_owned();
        if codes::lookup(&name).is_none_or(|c| c.code != name) {
            let _ = writeln!(problems, "tests/lint/{name} is not a code");
        }
    }
    assert!(problems.is_empty(), "\n{problems}");
}

/// Codes whose `## Bad` example cannot be checked as written.
const ABBREVIATED_EXAMPLES: &[(&str, &str)] = &[
    (
        "HOT004",
        "the example stands for 256 levels of nesting instead of spelling them out",
    ),
    (
        "HOT071",
        "the example needs the nested template it names beside it; unit tests in compiler/ load one",
    ),
    (
        "HOT072",
        "the example is a file that names itself, which needs it on disk; unit tests in compiler/ load one",
    ),
    (
        "HOT073",
        "the example needs the nested template it names beside it; unit tests in compiler/ load one",
    ),
    ("HOT062", CLI_ONLY),
    ("HOT063", CLI_ONLY),
    ("HOT064", CLI_ONLY),
    ("HOT065", CLI_ONLY),
    ("HOT066", CLI_ONLY),
    ("HOT067", CLI_ONLY),
    ("HOT080", PLAN_ONLY),
    ("HOT081", PLAN_ONLY),
];

/// Why the codes `hotc plan` reports have no lint example: they need
/// parameter values and a recorded state.
const PLAN_ONLY: &str = "the example needs a plan (values, state); the CLI snapshot tests plan_attribute_failed and plan_immutable run it";

/// Why the codes about given values and environments have no checkable
/// example: they need `-P` or `-e`.
const CLI_ONLY: &str = "the example needs -P or -e; the CLI snapshot tests in tests/cli/ run it";

/// The example block that follows `heading` in a page: its text and
/// whether it is `.heat` (```heat) rather than YAML (```yaml).
fn example<'a>(doc: &'a str, heading: &str) -> Option<(&'a str, bool)> {
    let after = doc.split_once(heading)?.1;
    let (fence, is_heat) = match (after.find("```yaml\n"), after.find("```heat\n")) {
        (Some(y), Some(h)) if h < y => ("```heat\n", true),
        (Some(_), _) => ("```yaml\n", false),
        (None, Some(_)) => ("```heat\n", true),
        (None, None) => return None,
    };
    let body = after.split_once(fence)?.1;
    Some((body.split_once("```")?.0, is_heat))
}

/// Checks an example block of `code`'s page as the language it is written
/// in. An example stands alone: no file is beside it, so every file it
/// names is missing.
fn check_example(code: &str, text: &str, is_heat: bool) -> Checked {
    for_code(
        code,
        if is_heat {
            check_dsl(text)
        } else {
            check_with(text, "example.yaml", &MemoryLoader::new())
        },
    )
}

/// Each page's `## Bad` example produces its code and `## Good` nothing.
#[test]
fn doc_examples_do_what_they_say() {
    let mut problems = String::new();
    for info in codes::all() {
        let (Some((bad, bad_heat)), Some((good, good_heat))) = (
            example(info.doc, "\n## Bad\n"),
            example(info.doc, "\n## Good\n"),
        ) else {
            let _ = writeln!(problems, "{}: no Bad or Good example", info.code);
            continue;
        };
        if !ABBREVIATED_EXAMPLES.iter().any(|(c, _)| *c == info.code) {
            let found: Vec<&str> = check_example(info.code, bad, bad_heat)
                .diagnostics
                .iter()
                .map(|d| d.code)
                .collect();
            if !found.contains(&info.code) {
                let _ = writeln!(problems, "{}: Bad example gives {found:?}", info.code);
            }
        }
        // A Good example's nested templates and registry files are beside
        // it, as its page says; here nothing is, so HOT074 and HOT068 are no
        // news.
        let found: Vec<String> = check_example(info.code, good, good_heat)
            .diagnostics
            .iter()
            .filter(|d| d.code != "HOT074" && d.code != "HOT068")
            .map(|d| format!("{} {}", d.code, d.message))
            .collect();
        if !found.is_empty() {
            let _ = writeln!(problems, "{}: Good example gives {found:?}", info.code);
        }
    }
    assert!(problems.is_empty(), "\n{problems}");
}

/// A plain-text rendering of diagnostics, stable for snapshots: the code,
/// severity, name and message, each label under its source line, the help
/// and the fix.
fn render(src: &str, diagnostics: &[Diagnostic]) -> String {
    let index = LineIndex::new(src);
    let mut out = String::new();
    for d in diagnostics {
        let name = d.info().map_or("?", |i| i.name);
        let _ = writeln!(
            out,
            "{}[{}] {name}: {}",
            d.severity.as_str(),
            d.code,
            d.message
        );
        render_label(&mut out, src, &index, &d.primary, '^');
        for label in &d.secondary {
            render_label(&mut out, src, &index, label, '-');
        }
        if let Some(help) = &d.help {
            let _ = writeln!(out, "  = help: {help}");
        }
        if let Some(fix) = &d.fix {
            let _ = writeln!(out, "  = fix: {}", fix.description);
            for edit in &fix.edits {
                let (line, start, end) = mark_of(src, &index, edit.span);
                let _ = writeln!(out, "      {line}:{start}..{end} => {:?}", edit.replacement);
            }
        }
        out.push('\n');
    }
    out
}

fn render_label(out: &mut String, src: &str, index: &LineIndex, label: &Label, underline: char) {
    let (line, start, end) = mark_of(src, index, label.span);
    let (end_line, _) = index.line_col(src, label.span.end());
    let line_start = index.line_start(line).unwrap();
    let text = src
        .get(line_start..)
        .unwrap_or("")
        .split(['\n', '\r'])
        .next()
        .unwrap_or("");
    let gutter = line.to_string().len();
    let _ = writeln!(out, "  {line} | {text}");
    let more = if end_line > line {
        format!(" (to line {end_line})")
    } else {
        String::new()
    };
    let _ = writeln!(
        out,
        "  {} | {}{} {}{more}",
        " ".repeat(gutter),
        " ".repeat(start),
        underline
            .to_string()
            .repeat(end.saturating_sub(start).max(1)),
        label.message
    );
}

/// The code a fixture file is for: its directory's name.
fn fixture_code(path: &Path) -> String {
    path.parent()
        .and_then(Path::file_name)
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

#[test]
fn rendered() {
    insta::glob!("../lint", "*/bad.yaml", |path| {
        let src = std::fs::read_to_string(path).unwrap();
        let checked = for_code(&fixture_code(path), check_source(&src));
        let text = format!(
            "----- SOURCE -----\n{src}----- DIAGNOSTICS -----\n{}",
            render(&src, &checked.diagnostics)
        );
        insta::assert_snapshot!(text);
    });
}

#[test]
fn rendered_heat() {
    insta::glob!("../lint", "*/bad.heat", |path| {
        let src = std::fs::read_to_string(path).unwrap();
        let checked = for_code(&fixture_code(path), check_dsl(&src));
        let text = format!(
            "----- SOURCE -----\n{src}----- DIAGNOSTICS -----\n{}",
            render(&src, &checked.diagnostics)
        );
        insta::assert_snapshot!(text);
    });
}
