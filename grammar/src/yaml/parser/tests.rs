//! Parser tests: each input is checked against the tree libyaml composes
//! (written as an S-expression) or against the error it reports.
#![expect(clippy::indexing_slicing, reason = "tests index known-good data")]

use crate::error::SyntaxErrorKind;
use crate::line_index::LineIndex;
use crate::yaml::parse;
use crate::yaml::syntax::{Node, NodeKind};

fn sexp(n: &Node) -> String {
    match &n.kind {
        NodeKind::Scalar(s) => format!("{:?}", s.value),
        NodeKind::Sequence(s) => {
            let items: Vec<String> = s.items.iter().map(sexp).collect();
            format!("[{}]", items.join(" "))
        }
        NodeKind::Mapping(m) => {
            let entries: Vec<String> = m
                .entries
                .iter()
                .map(|e| format!("{}={}", sexp(&e.key), sexp(&e.value)))
                .collect();
            format!("{{{}}}", entries.join(" "))
        }
        NodeKind::Alias(a) => format!("*{}", a.name),
    }
}

#[track_caller]
fn check(src: &str, expected: &str) {
    let (stream, errors) = parse(src);
    assert!(
        errors.is_empty(),
        "unexpected errors for {src:?}: {errors:?}"
    );
    let docs: Vec<String> = stream.documents.iter().map(|d| sexp(&d.root)).collect();
    assert_eq!(docs.join(" --- "), expected, "for {src:?}");
}

/// Checks the first error's kind name and 1-based line:column.
#[track_caller]
fn check_error(src: &str, kind: &str, line_col: (usize, usize)) {
    let (_, errors) = parse(src);
    let first = errors
        .first()
        .unwrap_or_else(|| panic!("no error for {src:?}"));
    let name = format!("{:?}", first.kind);
    assert!(name.starts_with(kind), "for {src:?}: {name}");
    let at = LineIndex::new(src).line_col(src, first.span.start());
    assert_eq!(at, line_col, "for {src:?}: {name}");
}

#[test]
fn block_collections() {
    check("a: 1\nb:\n  c: d\n", r#"{"a"="1" "b"={"c"="d"}}"#);
    check("- a\n- - b\n  - c\n", r#"["a" ["b" "c"]]"#);
    // libyaml: a sequence may sit at its parent key's indentation.
    check("k:\n- a\n- b\nj: 1", r#"{"k"=["a" "b"] "j"="1"}"#);
    check("- a: 1\n  b: 2\n", r#"[{"a"="1" "b"="2"}]"#);
    check("? a\n: b\n", r#"{"a"="b"}"#);
    check("a:\nb:", r#"{"a"="" "b"=""}"#);
}

#[test]
fn flow_collections() {
    check("{a: [1, 2], b: {c: d}}", r#"{"a"=["1" "2"] "b"={"c"="d"}}"#);
    check("[a,\n  # comment\n  b ,\n]", r#"["a" "b"]"#);
    check("[a: b, c]", r#"[{"a"="b"} "c"]"#);
    check("{a, b: }", r#"{"a"="" "b"=""}"#);
    // libyaml 0.2.5 lets ':' stand inside a plain scalar in flow context.
    check("{a:1}", r#"{"a:1"=""}"#);
    check(
        "x: {url: http://h:80/p}",
        r#"{"x"={"url"="http://h:80/p"}}"#,
    );
}

#[test]
fn scalars() {
    check("a: b c\n  d\n\n  e", r#"{"a"="b c d\ne"}"#);
    check("'it''s'", r#""it's""#);
    check(
        r#""\x41\u263A\U0001F600\t\/\N\_""#,
        "\"A\u{263a}\u{1f600}\\t/\\u{85}\\u{a0}\"",
    );
    check("\"a\\\n  b\"", r#""ab""#);
    check("\"a\n\n  b\"", r#""a\nb""#);
    check("x: a#b # c", r#"{"x"="a#b"}"#);
}

#[test]
fn block_scalars() {
    check("a: |\n  x\n   y\n\nb: 1", r#"{"a"="x\n y\n" "b"="1"}"#);
    check("a: |-\n  x\n\n", r#"{"a"="x"}"#);
    check("a: |+\n  x\n\n", r#"{"a"="x\n\n"}"#);
    check("a: >\n  f\n  g\n\n  h\n   i\n", r#"{"a"="f g\nh\n i\n"}"#);
    check("a: |2\n   x\n", r#"{"a"=" x\n"}"#);
    check("- |1-\n  x", r#"[" x"]"#);
}

#[test]
fn documents_and_properties() {
    check("--- a\n...\n--- b\n", r#""a" --- "b""#);
    check("%YAML 1.1\n---\nx", r#""x""#);
    check("a: &x 1\nb: *x", r#"{"a"="1" "b"=*x}"#);
    check("\u{feff}a: 1\r\nb: 2\r\n", r#"{"a"="1" "b"="2"}"#);
    check("", "");
    let (stream, _) = parse("x: !!str 1");
    let tag = stream.documents[0]
        .root
        .as_mapping()
        .and_then(|m| m.entries[0].value.tag.clone());
    assert_eq!(
        tag.map(|t| t.resolved),
        Some("tag:yaml.org,2002:str".to_owned())
    );
}

#[test]
fn tabs_where_libyaml_allows_them() {
    check("a:\t1\nb: 2\t# c", r#"{"a"="1" "b"="2"}"#);
    check("a: [1,\n\t2]", r#"{"a"=["1" "2"]}"#);
}

#[test]
fn errors_at_libyaml_positions() {
    check_error("a: b: c", "MappingValueNotAllowed", (1, 5));
    check_error("- \tx", "TabSeparator", (1, 3));
    check_error("a: 1\n\tb: 2", "TabIndent", (2, 1));
    check_error("a: \"x", "UnterminatedQuoted", (1, 6));
    check_error("a: [1, 2", "UnclosedFlow", (1, 9));
    check_error("a: @x", "UnexpectedChar", (1, 4));
    check_error("a: \"\\q\"", "InvalidEscape", (1, 5));
    check_error("a: b\n- c", "Unexpected", (2, 1));
    check_error("a: |0\n x", "ZeroIndentIndicator", (1, 5));
    check_error("a: 1\n b: 2", "MappingValueNotAllowed", (2, 3));
}

#[test]
fn every_error_is_reported() {
    let src = "a: b: c\nd: ok\ne: f: g\n";
    let index = LineIndex::new(src);
    let (_, errors) = parse(src);
    let lines: Vec<usize> = errors
        .iter()
        .map(|e| index.line_col(src, e.span.start()).0)
        .collect();
    assert_eq!(lines, vec![1, 3]);
}

#[test]
fn nesting_is_capped() {
    let deep = "[".repeat(100_000);
    let (_, errors) = parse(&deep);
    assert!(errors.iter().any(|e| e.kind == SyntaxErrorKind::TooDeep));
    let block: String = (0..400).map(|i| format!("{}k:\n", " ".repeat(i))).collect();
    let (_, errors) = parse(&block);
    assert!(errors.iter().any(|e| e.kind == SyntaxErrorKind::TooDeep));
}

/// The seed tutorial's template as printed has 73 runs of TABs in its
/// indentation; fixing each as the finding says gives the template as its
/// authors meant it (`examples/docker-stack.yml`).
#[test]
fn seed_tabs_are_all_reported_and_fixed() {
    let printed = include_str!("../../../../examples/docker-stack.as-printed.yml");
    let meant = include_str!("../../../../examples/docker-stack.yml");
    let (_, errors) = parse(printed);
    assert_eq!(errors.len(), 73, "{errors:?}");
    let mut fixed = printed.to_owned();
    for e in errors.iter().rev() {
        let SyntaxErrorKind::TabIndent { replacement } = &e.kind else {
            panic!("not a TAB finding: {e:?}");
        };
        fixed.replace_range(e.span.start()..e.span.end(), replacement);
    }
    let trim = |s: &str| s.lines().map(str::trim_end).collect::<Vec<_>>().join("\n");
    assert_eq!(trim(&fixed), trim(meant));
    let (_, errors) = parse(&fixed);
    assert!(errors.is_empty(), "{errors:?}");
}

#[test]
fn control_characters_are_reported() {
    check_error("a: \u{1}", "NonPrintable", (1, 4));
}

/// Every error span lies within the text, also at its very end.
/// Found by the fuzzer: `{` alone gave a span one past the end, and `!!é`
/// a span that split the `é` (the error came from a blanked rescan).
#[test]
fn error_spans_stay_inside_the_text() {
    for src in [
        "!!\u{e9}",
        "a: !!\u{e9}\nb: \u{263a}: c",
        "{",
        "[",
        "[a,",
        "{a: ",
        "a: [",
        "- ",
        "&x",
        "!t",
        "? ",
        "\"",
        "'a\n",
        "key: |",
        "{a: b",
        "[{",
    ] {
        let (_, errors) = parse(src);
        for e in &errors {
            assert!(
                e.span.end() <= src.len() && e.span.start() <= e.span.end(),
                "{src:?}: {e:?}"
            );
            assert!(
                src.is_char_boundary(e.span.start()) && src.is_char_boundary(e.span.end()),
                "{src:?}: {e:?}"
            );
        }
    }
    let (_, errors) = parse("{");
    assert!(matches!(
        errors.first().map(|e| &e.kind),
        Some(SyntaxErrorKind::UnclosedFlow { close: '}', .. })
    ));
}

/// After a structural error, the lines that follow are not reported: they
/// would only echo it (the corpus's Juniper NIC configs gave 18 errors each).
#[test]
fn structural_errors_end_the_report() {
    let src = "a:\n  b: c: d\n  - e\n  f: g: h\n";
    let (_, errors) = parse(src);
    let kinds: Vec<String> = errors.iter().map(|e| format!("{:?}", e.kind)).collect();
    assert_eq!(kinds.len(), 2, "{kinds:?}");
    assert!(kinds[0].starts_with("MappingValueNotAllowed"));
    assert!(kinds[1].starts_with("Unexpected"));
}
