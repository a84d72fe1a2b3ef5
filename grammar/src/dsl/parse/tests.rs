//! Tests of the `.heat` front end: every construct of docs/dsl.md lowered
//! to its value tree, the spec's example against the equivalent YAML, error
//! kinds and spans, comments, and no panics on generated and mutated text.
#![expect(
    clippy::unwrap_used,
    clippy::indexing_slicing,
    reason = "tests fail loudly"
)]

use super::parse;
use crate::error::SyntaxErrorKind;
use crate::value::{Value, build_stream};

/// The value tree of `.heat` text as JSON, asserting that it has no errors.
fn json(src: &str) -> String {
    let parsed = parse(src);
    assert!(parsed.errors.is_empty(), "{src:?}: {:?}", parsed.errors);
    parsed.value.unwrap().to_json_pretty()
}

/// The value tree of YAML text as JSON, as Heat's loader builds it.
fn yaml_json(src: &str) -> String {
    let parsed = crate::parse(src);
    assert!(parsed.errors.is_empty(), "{:?}", parsed.errors);
    let (value, errors) = build_stream(&parsed.stream, parsed.flavor);
    assert!(errors.is_empty(), "{errors:?}");
    value.to_json_pretty()
}

/// Asserts that `.heat` text means the same value tree as `yaml`.
fn same(heat: &str, yaml: &str) {
    assert_eq!(json(heat), yaml_json(yaml), "{heat}");
}

/// The errors of `src` as (kind, text under the span).
fn errors(src: &str) -> Vec<(SyntaxErrorKind, String)> {
    parse(src)
        .errors
        .into_iter()
        .map(|e| (e.kind, e.span.text(src).to_owned()))
        .collect()
}

fn value(src: &str) -> Value {
    parse(src).value.unwrap()
}

#[test]
fn short_items() {
    same(
        "heat_template_version 2013-05-23\ndescription = \"d\"\n",
        "heat_template_version: 2013-05-23\ndescription: d\n",
    );
}
