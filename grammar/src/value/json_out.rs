//! A JSON writer equal byte for byte to Python's
//! `json.dumps(value, indent=2, ensure_ascii=False)`.
//!
//! The rules reproduced: `[]` and `{}` for empty containers; otherwise one
//! item per line indented by two spaces per level, items separated by `,`,
//! keys by `: `; no trailing newline. Floats print as Python's `repr`
//! (shortest round-trip digits, exponent form below 1e-4 or from 1e16, with
//! a signed two-digit-minimum exponent) and non-finite floats as `NaN`,
//! `Infinity`, `-Infinity`. Non-string keys become strings the way
//! json.dumps converts them (`true`, `null`, `1`, `1.5`). Strings escape only
//! `"`, `\` and characters below U+0020 (`\n`, `\r`, `\t`, `\b`, `\f`, else
//! `\u00xx` in lowercase hex); everything else, U+2028 included, is written
//! as is. A list or mapping used as a key (which the builder never produces
//! and Python would refuse) is written as its compact JSON text.
//!
//! Recursion depth equals value depth, which the builder bounds.

use std::borrow::Cow;
use std::fmt::Write as _;

use super::{Value, ValueKind};

pub(super) fn write_pretty(value: &Value, level: usize, out: &mut String) {
    match &value.kind {
        ValueKind::Null => out.push_str("null"),
        ValueKind::Bool(true) => out.push_str("true"),
        ValueKind::Bool(false) => out.push_str("false"),
        ValueKind::Int(n) => {
            let _ = write!(out, "{n}");
        }
        ValueKind::Float(f) => out.push_str(&float_repr(*f)),
        ValueKind::Str(s) => write_str(s, out),
        ValueKind::Seq(items) => {
            if items.is_empty() {
                out.push_str("[]");
                return;
            }
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                newline(level + 1, out);
                write_pretty(item, level + 1, out);
            }
            newline(level, out);
            out.push(']');
        }
        ValueKind::Map(pairs) => {
            if pairs.is_empty() {
                out.push_str("{}");
                return;
            }
            out.push('{');
            for (i, (k, v)) in pairs.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                newline(level + 1, out);
                write_str(&key_text(k), out);
                out.push_str(": ");
                write_pretty(v, level + 1, out);
            }
            newline(level, out);
            out.push('}');
        }
    }
}

fn newline(level: usize, out: &mut String) {
    out.push('\n');
    for _ in 0..level {
        out.push_str("  ");
    }
}

/// json.dumps's conversion of a dict key to a string.
pub(super) fn key_text(key: &Value) -> Cow<'_, str> {
    match &key.kind {
        ValueKind::Str(s) => Cow::Borrowed(s),
        ValueKind::Null => Cow::Borrowed("null"),
        ValueKind::Bool(true) => Cow::Borrowed("true"),
        ValueKind::Bool(false) => Cow::Borrowed("false"),
        ValueKind::Int(n) => Cow::Owned(n.to_string()),
        ValueKind::Float(f) => Cow::Owned(float_repr(*f)),
        ValueKind::Seq(_) | ValueKind::Map(_) => Cow::Owned(compact(key)),
    }
}

/// Compact JSON, only for the impossible case of a container used as a key.
fn compact(value: &Value) -> String {
    let pretty = value.to_json_pretty();
    let mut out = String::with_capacity(pretty.len());
    // Only structural newlines exist in the pretty form (strings escape
    // theirs), so dropping each newline with its indentation is exact.
    let mut chars = pretty.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\n' {
            while chars.peek() == Some(&' ') {
                chars.next();
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// Python's `json.encoder.py_encode_basestring`: the ensure_ascii=False
/// escaping.
fn write_str(s: &str, out: &mut String) {
    out.push('"');
    let mut run_start = 0;
    for (i, c) in s.char_indices() {
        let escaped = match c {
            '"' => "\\\"",
            '\\' => "\\\\",
            '\n' => "\\n",
            '\r' => "\\r",
            '\t' => "\\t",
            '\u{8}' => "\\b",
            '\u{c}' => "\\f",
            c if c < ' ' => "",
            _ => continue,
        };
        out.push_str(s.get(run_start..i).unwrap_or(""));
        if escaped.is_empty() {
            let _ = write!(out, "\\u{:04x}", u32::from(c));
        } else {
            out.push_str(escaped);
        }
        run_start = i + c.len_utf8();
    }
    out.push_str(s.get(run_start..).unwrap_or(""));
    out.push('"');
}

/// A float as json.dumps prints it: `NaN`/`Infinity`/`-Infinity`, or
/// Python's `float.__repr__`.
pub fn float_repr(f: f64) -> String {
    if f.is_nan() {
        return "NaN".to_owned();
    }
    if f.is_infinite() {
        return if f > 0.0 { "Infinity" } else { "-Infinity" }.to_owned();
    }
    // Rust's `{:e}` gives the shortest digits that round-trip, as Python's
    // repr does; only the layout differs. Python writes d.ddd×10^exp in
    // positional form when -4 <= exp < 16, else as `de±XX`.
    let sci = format!("{f:e}");
    let (mantissa, exp) = sci.split_once('e').unwrap_or((&sci, "0"));
    let exp: i32 = exp.parse().unwrap_or(0);
    let (negative, mantissa) = match mantissa.strip_prefix('-') {
        Some(m) => (true, m),
        None => (false, mantissa),
    };
    let digits: String = mantissa.chars().filter(|&c| c != '.').collect();
    let mut out = String::new();
    if negative {
        out.push('-');
    }
    if (-4..16).contains(&exp) {
        let point = exp + 1;
        if point <= 0 {
            out.push_str("0.");
            for _ in 0..-point {
                out.push('0');
            }
            out.push_str(&digits);
        } else {
            let point = usize::try_from(point).unwrap_or(0);
            if digits.len() <= point {
                out.push_str(&digits);
                for _ in digits.len()..point {
                    out.push('0');
                }
                out.push_str(".0");
            } else {
                out.push_str(digits.get(..point).unwrap_or(""));
                out.push('.');
                out.push_str(digits.get(point..).unwrap_or(""));
            }
        }
    } else {
        out.push_str(mantissa);
        let _ = write!(out, "e{}{:02}", if exp < 0 { '-' } else { '+' }, exp.abs());
    }
    out
}
