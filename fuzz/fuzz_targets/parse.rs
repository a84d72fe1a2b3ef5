//! Fuzz target `parse`: arbitrary text through hotc's whole front end.
//!
//! Any bytes are accepted: valid UTF-8 is used as it is, anything else after
//! a lossy conversion, so every input reaches the parsers. The properties:
//! - `hotc_grammar::parse` and `value::build_stream` never panic;
//! - every span they report (errors, nodes, anchors, tags, documents,
//!   markers, comments, values) lies within the input and on char
//!   boundaries, because renderers slice the source with them;
//! - a text that parses without errors round-trips through JSON: its value
//!   printed as `json.dumps` would print it is JSON that hotc's own JSON
//!   front end reads back (as JSON, without errors) to a value that prints
//!   the same text again.
#![no_main]

use hotc_grammar::Flavor;
use hotc_grammar::span::Span;
use hotc_grammar::value::{Value, ValueKind, build_stream};
use hotc_grammar::yaml::MAX_DEPTH;
use hotc_grammar::yaml::syntax::{Node, NodeKind};
use libfuzzer_sys::fuzz_target;

/// The JSON round trip is skipped past this size: alias expansion can make
/// a tiny input print megabytes, which only slows the fuzzer down.
const MAX_ROUND_TRIP_JSON: usize = 1 << 20;

fuzz_target!(|data: &[u8]| {
    let src = String::from_utf8_lossy(data);
    check(&src);
});

fn check(src: &str) {
    let parsed = hotc_grammar::parse(src);
    for e in &parsed.errors {
        check_span(src, e.span, || format!("syntax error {:?}", e.kind));
    }
    for &comment in &parsed.stream.comments {
        check_span(src, comment, || "comment".to_owned());
        assert!(
            comment.text(src).starts_with('#'),
            "comment span {comment:?} does not start at a `#`"
        );
    }
    for doc in &parsed.stream.documents {
        check_span(src, doc.span, || "document".to_owned());
        for marker in doc.start_marker.iter().chain(&doc.end_marker) {
            check_span(src, *marker, || "document marker".to_owned());
        }
        check_node(src, &doc.root, 0);
    }

    let (value, value_errors) = build_stream(&parsed.stream, parsed.flavor);
    for e in &value_errors {
        check_span(src, e.span, || format!("value error {:?}", e.kind));
    }
    let depth = check_value(src, &value, 0);

    let clean = parsed
        .errors
        .iter()
        .chain(&value_errors)
        .all(|e| e.kind.is_warning());
    // The printed value is deeper than the JSON front end accepts when alias
    // copies nest past its limit; that refusal is by design.
    if clean && depth < MAX_DEPTH {
        round_trip(&value);
    }
}

/// `what` names the span's owner in the panic message; it is a closure so
/// that the common, passing case formats nothing.
fn check_span(src: &str, span: Span, what: impl Fn() -> String) {
    assert!(
        span.start <= span.end,
        "{} span {span:?} ends before it starts",
        what()
    );
    assert!(
        span.end() <= src.len(),
        "{} span {span:?} is past the end of a {}-byte input",
        what(),
        src.len()
    );
    assert!(
        src.is_char_boundary(span.start()) && src.is_char_boundary(span.end()),
        "{} span {span:?} is not on char boundaries",
        what()
    );
}

fn check_node(src: &str, node: &Node, depth: usize) {
    // The parsers stop nesting at MAX_DEPTH; a deeper tree would mean a
    // recursion that is not bounded.
    assert!(depth <= MAX_DEPTH + 1, "syntax tree deeper than MAX_DEPTH");
    check_span(src, node.span, || "node".to_owned());
    if let Some(anchor) = &node.anchor {
        check_span(src, anchor.span, || "anchor".to_owned());
    }
    if let Some(tag) = &node.tag {
        check_span(src, tag.span, || "tag".to_owned());
    }
    match &node.kind {
        NodeKind::Sequence(seq) => {
            for item in &seq.items {
                check_node(src, item, depth + 1);
            }
        }
        NodeKind::Mapping(map) => {
            for entry in &map.entries {
                check_node(src, &entry.key, depth + 1);
                check_node(src, &entry.value, depth + 1);
            }
        }
        NodeKind::Scalar(_) | NodeKind::Alias(_) => {}
    }
}

/// Checks every value's span and returns the value's height (0 for a scalar).
fn check_value(src: &str, value: &Value, depth: usize) -> usize {
    assert!(
        depth <= hotc_grammar::value::MAX_VALUE_DEPTH + 1,
        "value tree deeper than MAX_VALUE_DEPTH"
    );
    check_span(src, value.span, || "value".to_owned());
    match &value.kind {
        ValueKind::Seq(items) => items
            .iter()
            .map(|item| 1 + check_value(src, item, depth + 1))
            .max()
            .unwrap_or(0),
        ValueKind::Map(pairs) => pairs
            .iter()
            .map(|(k, v)| 1 + check_value(src, k, depth + 1).max(check_value(src, v, depth + 1)))
            .max()
            .unwrap_or(0),
        ValueKind::Null
        | ValueKind::Bool(_)
        | ValueKind::Int(_)
        | ValueKind::Float(_)
        | ValueKind::Str(_) => 0,
    }
}

/// Value -> `json.dumps` text -> hotc's JSON front end -> the same text.
fn round_trip(value: &Value) {
    let json = value.to_json_pretty();
    if json.len() > MAX_ROUND_TRIP_JSON {
        return;
    }
    let again = hotc_grammar::parse(&json);
    assert_eq!(
        again.flavor,
        Flavor::Json,
        "the printed value is not JSON to hotc:\n{json}"
    );
    assert!(
        again.errors.is_empty(),
        "errors reading the printed value back: {:?}\n{json}",
        again.errors
    );
    let (value2, errors2) = build_stream(&again.stream, again.flavor);
    // json.dumps turns keys like 1 and "1" into the same string, so a
    // mapping can print a key twice; reading that back collapses the pair,
    // as it does in Python. Only then may the texts differ.
    if errors2.iter().any(|e| e.kind.is_warning()) {
        return;
    }
    assert!(
        errors2.is_empty(),
        "errors building the printed value: {errors2:?}\n{json}"
    );
    let json2 = value2.to_json_pretty();
    assert_eq!(json, json2, "JSON round trip changed the text");
}
