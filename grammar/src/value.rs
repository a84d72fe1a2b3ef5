//! Values as Heat's loader builds them from a syntax tree.
//!
//! [`build`] and [`build_stream`] turn a document into the value tree that
//! `yaml.load` with Heat's SafeLoader subclass (or `json.loads`) produces:
//! plain scalars get their YAML 1.1 types, explicit tags are applied by
//! SafeConstructor's rules, aliases are copied, merge keys flattened and
//! duplicate keys collapsed the way a Python dict collapses them. Every value
//! keeps the span of the node it came from. Where PyYAML would stop at the
//! first error, the builder reports the error, puts a null in place of the
//! bad value and carries on, so one pass finds every problem.
//!
//! [`Value::to_json_pretty`] prints a value byte for byte as Python's
//! `json.dumps(value, indent=2, ensure_ascii=False)` does, which is how the
//! differential tests compare hotc with Heat's loader.

mod build;
mod json_out;
pub(crate) mod key;

pub use build::{MAX_ALIAS_NODES, MAX_VALUE_DEPTH, build, build_stream};
pub use json_out::float_repr;

use crate::span::Span;

/// A resolved value with the span of the node it came from.
#[derive(Debug, Clone, PartialEq)]
pub struct Value {
    pub span: Span,
    pub kind: ValueKind,
}

#[derive(Debug, Clone, PartialEq)]
pub enum ValueKind {
    Null,
    Bool(bool),
    Int(i128),
    Float(f64),
    Str(String),
    Seq(Vec<Value>),
    /// Keys in first-occurrence order; a duplicate key keeps the first
    /// position and the last value, as a Python dict does.
    Map(Vec<(Value, Value)>),
}

impl Value {
    pub fn new(span: Span, kind: ValueKind) -> Self {
        Value { span, kind }
    }

    pub fn null(span: Span) -> Self {
        Value::new(span, ValueKind::Null)
    }

    pub fn is_null(&self) -> bool {
        matches!(self.kind, ValueKind::Null)
    }

    pub fn as_str(&self) -> Option<&str> {
        match &self.kind {
            ValueKind::Str(s) => Some(s),
            _ => None,
        }
    }

    pub fn as_bool(&self) -> Option<bool> {
        match self.kind {
            ValueKind::Bool(b) => Some(b),
            _ => None,
        }
    }

    pub fn as_int(&self) -> Option<i128> {
        match self.kind {
            ValueKind::Int(n) => Some(n),
            _ => None,
        }
    }

    pub fn as_float(&self) -> Option<f64> {
        match self.kind {
            ValueKind::Float(f) => Some(f),
            _ => None,
        }
    }

    pub fn as_seq(&self) -> Option<&[Value]> {
        match &self.kind {
            ValueKind::Seq(items) => Some(items),
            _ => None,
        }
    }

    pub fn as_map(&self) -> Option<&[(Value, Value)]> {
        match &self.kind {
            ValueKind::Map(pairs) => Some(pairs),
            _ => None,
        }
    }

    /// The value under string key `key` in a mapping. Only string keys can
    /// equal a string in Python, so `1` never matches `"1"`.
    pub fn get(&self, key: &str) -> Option<&Value> {
        self.get_entry(key).map(|(_, v)| v)
    }

    /// The (key, value) pair under string key `key` in a mapping.
    pub fn get_entry(&self, key: &str) -> Option<(&Value, &Value)> {
        self.as_map()?
            .iter()
            .find(|(k, _)| k.as_str() == Some(key))
            .map(|(k, v)| (k, v))
    }

    /// A short name of the value's type, for messages: `null`, `boolean`,
    /// `integer`, `float`, `string`, `list` or `mapping`.
    pub fn type_name(&self) -> &'static str {
        match self.kind {
            ValueKind::Null => "null",
            ValueKind::Bool(_) => "boolean",
            ValueKind::Int(_) => "integer",
            ValueKind::Float(_) => "float",
            ValueKind::Str(_) => "string",
            ValueKind::Seq(_) => "list",
            ValueKind::Map(_) => "mapping",
        }
    }

    /// The text `json.dumps(value, indent=2, ensure_ascii=False)` prints
    /// for this value, without a trailing newline. See `json_out` for the
    /// exact rules (float repr, key conversion, escaping).
    pub fn to_json_pretty(&self) -> String {
        let mut out = String::new();
        json_out::write_pretty(self, 0, &mut out);
        out
    }

    /// The text json.dumps makes of this value used as a dict key (`1`,
    /// `true`, `null`, `1.5`, or a string as is), for messages.
    pub fn key_text(&self) -> String {
        json_out::key_text(self).into_owned()
    }
}

/// What a decimal number's text means, as Python's `json.loads` reads it
/// and as the `.heat` grammar defines it: with a `.`, `e` or `E` a float,
/// otherwise an int. `None` for an int beyond `i128`, which the caller
/// reports (`IntegerTooLarge`) and keeps as text. A float text that Rust
/// cannot read stays a string; both front ends only hand over texts their
/// grammar accepted, so that does not happen today.
pub(crate) fn decimal_number(text: &str) -> Option<ValueKind> {
    if text.contains(['.', 'e', 'E']) {
        Some(match text.parse::<f64>() {
            Ok(f) => ValueKind::Float(f),
            Err(_) => ValueKind::Str(text.to_owned()),
        })
    } else {
        text.parse::<i128>().ok().map(ValueKind::Int)
    }
}

/// A float as the shortest text that reads back to it: Python's repr
/// (which always has a `.` or an exponent), with YAML's `.nan`, `.inf` and
/// `-.inf` for the values that have no repr a loader reads as a float. The
/// `.heat` printer writes floats so; the YAML emitter starts from it.
pub(crate) fn float_literal(f: f64) -> String {
    if f.is_nan() {
        ".nan".to_owned()
    } else if f.is_infinite() {
        if f > 0.0 { ".inf" } else { "-.inf" }.to_owned()
    } else {
        float_repr(f)
    }
}

#[cfg(test)]
mod tests;
