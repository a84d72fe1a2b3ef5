//! Read-only helpers over the spanned value tree, phrased the way Heat reads
//! its dicts: Python truthiness for "empty", shapes and spans for messages.
//! Plain access (a string, a mapping's entries, a list's items, the entry
//! under an exact string key) is `Value`'s own `as_str`, `as_map`, `as_seq`
//! and `get_entry`.

use hotc_grammar::{Span, Value, ValueKind};

use crate::diagnostics::finding::Shape;

/// The shape of a value, for messages.
pub(crate) fn shape(value: &Value) -> Shape {
    match &value.kind {
        ValueKind::Null => Shape::Null,
        ValueKind::Bool(_) => Shape::Bool,
        ValueKind::Int(_) => Shape::Int,
        ValueKind::Float(_) => Shape::Float,
        ValueKind::Str(_) => Shape::Str,
        ValueKind::Seq(_) => Shape::Seq,
        ValueKind::Map(_) => Shape::Map,
    }
}

/// Python's truthiness, which Heat uses for "empty" (`x or {}`, `if not x`).
pub(crate) fn is_falsy(value: &Value) -> bool {
    match &value.kind {
        ValueKind::Null => true,
        ValueKind::Bool(b) => !b,
        ValueKind::Int(i) => *i == 0,
        ValueKind::Float(f) => *f == 0.0,
        ValueKind::Str(s) => s.is_empty(),
        ValueKind::Seq(items) => items.is_empty(),
        ValueKind::Map(entries) => entries.is_empty(),
    }
}

/// A one-key mapping whose key satisfies `is_function`: what Heat parses as a
/// function call rather than data.
pub(crate) fn is_call(value: &Value, is_function: impl Fn(&str) -> bool) -> bool {
    match value.as_map() {
        Some([(key, _)]) => key.as_str().is_some_and(is_function),
        Some(_) | None => false,
    }
}

/// Where to point at a value: the value itself, or its key when the value is
/// empty in the source (`key:` with nothing after it has an empty span).
pub(crate) fn value_span(key: &Value, value: &Value) -> Span {
    if value.span.is_empty() {
        key.span
    } else {
        value.span
    }
}

/// The text to quote for a key or name: a string as it is, anything else as
/// written in `src`, falling back to a plain rendering.
pub(crate) fn name(value: &Value, src: &str) -> String {
    if let Some(s) = value.as_str() {
        return s.to_owned();
    }
    let written = value.span.text(src);
    if !written.is_empty() {
        return written.to_owned();
    }
    match &value.kind {
        ValueKind::Null => "null".to_owned(),
        ValueKind::Bool(b) => b.to_string(),
        ValueKind::Int(i) => i.to_string(),
        ValueKind::Float(f) => f.to_string(),
        ValueKind::Str(s) => s.clone(),
        ValueKind::Seq(_) => "[...]".to_owned(),
        ValueKind::Map(_) => "{...}".to_owned(),
    }
}
