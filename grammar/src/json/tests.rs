//! Tests of the strict JSON front end: acceptance exactly as Python 3.11's
//! `json.loads` (each case below was run through it), decoded strings, and
//! byte spans.
#![expect(
    clippy::unwrap_used,
    clippy::indexing_slicing,
    reason = "tests fail loudly on purpose"
)]

use super::parse_strict;
use crate::span::Span;
use crate::yaml::MAX_DEPTH;
use crate::yaml::syntax::{NodeKind, ScalarStyle};

/// (text, whether `json.loads(text)` accepts it).
const ACCEPTANCE: &[(&str, bool)] = &[
    ("{}", true),
    ("[]", true),
    (" \t\n\r{} \n", true),
    ("\u{feff}{}", false),
    ("\u{c}{}", false),
    ("{} x", false),
    ("1", true),
    ("-0", true),
    ("01", false),
    ("1.", false),
    (".5", false),
    ("1e", false),
    ("1e+", false),
    ("1E-2", true),
    ("-", false),
    ("--1", false),
    ("+1", false),
    ("0x10", false),
    ("NaN", true),
    ("nan", false),
    ("Infinity", true),
    ("-Infinity", true),
    ("+Infinity", false),
    ("infinity", false),
    ("true", true),
    ("True", false),
    ("null", true),
    ("nul", false),
    ("\"a\"", true),
    ("'a'", false),
    ("\"a\tb\"", false),
    ("\"a\\tb\"", true),
    ("\"\\x41\"", false),
    ("\"\\u00e9\"", true),
    ("\"\\u00E9\"", true),
    ("\"\\u12\"", false),
    ("\"\\ud83d\\ude00\"", true),
    ("\"\\ud83d\"", true),
    ("\"\\ude00\"", true),
    ("\"\\ud83dx\"", true),
    ("\"\\ud83d\\u0041\"", true),
    ("\"\\ud83d\\uzzzz\"", false),
    ("[1,]", false),
    ("[,1]", false),
    ("{\"a\":1,}", false),
    ("{\"a\" 1}", false),
    ("{a:1}", false),
    ("{\"a\":1 \"b\":2}", false),
    ("[1 2]", false),
    ("{\"a\":1,\"a\":2}", true),
    ("\"\u{7f}\u{2028}\"", true),
    ("\"\\/\"", true),
    ("\"\\a\"", false),
    ("\"abc", false),
    ("[1", false),
    ("{\"a\"", false),
    ("", false),
    (" ", false),
    ("123456789012345678901234567890", true),
    ("1.5e400", true),
    ("[1e5, 1E5, 1e-5]", true),
    ("\"\u{0}\"", false),
    ("\"\u{e9}\"", true),
    ("{\"\\u0061\": [true, false, null]}", true),
    ("[1.5e3]", true),
    ("-1.0e-0", true),
    ("[-]", false),
    ("{\"a\":}", false),
    ("[1,2,]", false),
];

#[test]
fn accepts_exactly_what_python_json_loads_accepts() {
    let wrong: Vec<_> = ACCEPTANCE
        .iter()
        .filter(|(text, ok)| parse_strict(text).is_some() != *ok)
        .collect();
    assert!(wrong.is_empty(), "{wrong:?}");
}

fn root_string(src: &str) -> String {
    let stream = parse_strict(src).unwrap();
    match &stream.documents[0].root.kind {
        NodeKind::Scalar(s) => {
            assert_eq!(s.style, ScalarStyle::DoubleQuoted);
            s.value.clone()
        }
        other => panic!("not a scalar: {other:?}"),
    }
}

#[test]
fn strings_are_decoded() {
    assert_eq!(
        root_string(r#""a\"\\\/\b\f\n\r\t\u00e9\u00E9 é""#),
        "a\"\\/\u{8}\u{c}\n\r\té\u{e9} é"
    );
    assert_eq!(root_string(r#""\ud83d\ude00""#), "😀");
    // Python keeps lone surrogates; a Rust string cannot, so U+FFFD.
    assert_eq!(root_string(r#""\ud83d""#), "\u{fffd}");
    assert_eq!(root_string(r#""\ud83dx""#), "\u{fffd}x");
    assert_eq!(root_string(r#""\ud83d\u0041""#), "\u{fffd}A");
    assert_eq!(root_string(r#""\ude00""#), "\u{fffd}");
}

#[test]
fn nodes_carry_exact_spans_and_raw_number_text() {
    let src = " {\"k\": [1.50, -0, \"x\"], \"n\": null}\n";
    let stream = parse_strict(src).unwrap();
    let doc = &stream.documents[0];
    assert_eq!(doc.span, Span::new(0, src.len()));
    let root = &doc.root;
    assert_eq!(
        root.span.text(src),
        "{\"k\": [1.50, -0, \"x\"], \"n\": null}"
    );
    let map = root.as_mapping().unwrap();
    assert!(map.flow);
    let entry = &map.entries[0];
    assert_eq!(entry.key.span.text(src), "\"k\"");
    let items = &entry.value.as_sequence().unwrap().items;
    assert_eq!(entry.value.span.text(src), "[1.50, -0, \"x\"]");
    let texts: Vec<_> = items.iter().map(|n| n.span.text(src)).collect();
    assert_eq!(texts, ["1.50", "-0", "\"x\""]);
    let first = items[0].as_scalar().unwrap();
    assert_eq!(
        (first.style, first.value.as_str()),
        (ScalarStyle::Plain, "1.50")
    );
    assert_eq!(map.entries[1].value.as_scalar().unwrap().value, "null");
}

#[test]
fn nesting_is_capped() {
    let ok = format!("{}{}", "[".repeat(MAX_DEPTH), "]".repeat(MAX_DEPTH));
    assert!(parse_strict(&ok).is_some());
    let deep = format!("{}{}", "[".repeat(MAX_DEPTH + 1), "]".repeat(MAX_DEPTH + 1));
    assert!(parse_strict(&deep).is_none());
    // Far deeper input must not overflow the stack either.
    let abyss = "{\"a\":".repeat(100_000);
    assert!(parse_strict(&abyss).is_none());
}

#[test]
fn never_panics_on_truncations() {
    let src = r#"{"a": [1, 2.5e-3, "x\u00e9\ud83d\ude00", {"b": null}], "c": NaN}"#;
    for end in 0..src.len() {
        if let Some(prefix) = src.get(..end) {
            assert!(parse_strict(prefix).is_none(), "{prefix:?}");
        }
    }
    assert!(parse_strict(src).is_some());
}
