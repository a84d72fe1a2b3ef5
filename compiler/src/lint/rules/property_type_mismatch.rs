//! HOT045 property-type-mismatch.

use hotc_grammar::{Value, ValueKind};

use crate::diagnostics::finding::{Computed, FindingKind, SchemaFinding};
use crate::ir::{Expr, Place};
use crate::lint::properties::infer::infer;
use crate::lint::properties::{Event, for_each_event};
use crate::lint::schema::PropType;
use crate::lint::view::shape;
use crate::lint::{Context, Rule};

/// ## What it does
/// Reports a literal property value that Heat cannot read as the
/// property's type, following Heat's own conversions
/// (`properties.Property.get_value`): a string property takes strings,
/// integers and booleans but not a float or a collection; an integer
/// property takes what Python's `int()` takes (`"3"`, `3.0`, `true`); a
/// number property takes numbers and numeric strings; a boolean property
/// takes `true`/`false` and the strings `"true"`/`"false"` in any case,
/// but not `1`; a list property takes a list and a map property a map.
/// Null is always accepted (Heat uses the default).
///
/// A function call is checked when its result has one type whatever the
/// parameters are (`lint::properties::infer`): a string from
/// `str_replace`, `list_join`, `digest` or `get_resource`, a list from
/// `str_split`, `list_concat` or `repeat`, a map from `map_merge` or
/// `map_replace`, what `get_param` of a typed parameter gives (a
/// `comma_delimited_list` is a list, a `json` a list or a map, a `number`
/// an int or a float), and `if` whose branches agree. It is reported only
/// where no value of that type converts: a collection where a scalar is
/// wanted, a scalar or the other collection where a collection is, a
/// number where a boolean is. A string where an integer is wanted may
/// convert (`int("5")`), and a number where a string is (`str(5)`), so
/// those pass.
///
/// ## Why is this bad?
/// Heat refuses the template: `Value 'abc' is not an integer`, or for a
/// computed value when it validates the resolved properties (with the
/// parameters' values): `Value must be a string; got ['a', 'b']`.
///
/// ## Example
/// ```yaml
/// heat_template_version: 2021-04-16
/// resources:
///   secret:
///     type: OS::Heat::RandomString
///     properties:
///       length: sixteen
/// ```
///
/// Use instead:
/// ```yaml
/// heat_template_version: 2021-04-16
/// resources:
///   secret:
///     type: OS::Heat::RandomString
///     properties:
///       length: 16
/// ```
pub(crate) struct PropertyTypeMismatch;

impl Rule for PropertyTypeMismatch {
    fn check(&self, cx: &mut Context<'_>) {
        let mut found = Vec::new();
        let mut computed = Vec::new();
        for_each_event(cx.root, cx.stack, &mut |typed, event| match event {
            Event::Value {
                value,
                property,
                path,
            } if !accepts(property.ty, value) => {
                found.push((typed.name, typed.type_name, value, property.ty, path));
            }
            Event::Computed {
                value,
                property,
                path,
            } => computed.push((typed.name, typed.type_name, value, property.ty, path)),
            Event::Value { .. }
            | Event::Unknown { .. }
            | Event::Deprecated { .. }
            | Event::NotImplemented { .. }
            | Event::Missing { .. } => {}
        });
        if !computed.is_empty() {
            let template = cx.template();
            for (name, type_name, value, expected, path) in computed {
                let expr = Expr::lower(value, cx.version, Place::Value);
                let Some(inferred) = infer(&expr, &template.parameters) else {
                    continue;
                };
                if !refuses(expected, inferred.result) {
                    continue;
                }
                let finding = SchemaFinding::ComputedTypeMismatch {
                    at: cx.property_at(name, type_name, path),
                    expected,
                    function: inferred.function,
                    parameter: inferred.parameter,
                    result: inferred.result,
                };
                cx.report(FindingKind::Schema(finding), value.span);
            }
        }
        for (name, type_name, value, expected, path) in found {
            let at = cx.property_at(name, type_name, path);
            let finding = SchemaFinding::PropertyTypeMismatch {
                at,
                expected,
                found: shape(value),
                written: cx.name(value),
            };
            cx.report(FindingKind::Schema(finding), value.span);
        }
    }
}

/// Whether Heat's conversion for `ty` accepts the literal `value`. When in
/// doubt (text Python might read in a way hotc does not follow), yes.
fn accepts(ty: PropType, value: &Value) -> bool {
    match (&value.kind, ty) {
        (ValueKind::Null, _) | (_, PropType::Any) => true,
        // `_get_string`: str, or bool and int through `str()`.
        (ValueKind::Str(_) | ValueKind::Bool(_) | ValueKind::Int(_), PropType::String) => true,
        (ValueKind::Float(_) | ValueKind::Seq(_) | ValueKind::Map(_), PropType::String) => false,
        // `_get_integer`: Python's `int()`, which truncates floats.
        (ValueKind::Bool(_) | ValueKind::Int(_) | ValueKind::Float(_), PropType::Integer) => true,
        (ValueKind::Str(s), PropType::Integer) => python_int(s).unwrap_or(true),
        // `Schema.str_to_num`: a number as it is, else `int()`, else `float()`.
        (ValueKind::Bool(_) | ValueKind::Int(_) | ValueKind::Float(_), PropType::Number) => true,
        (ValueKind::Str(s), PropType::Number) => python_float(s).unwrap_or(true),
        (ValueKind::Seq(_) | ValueKind::Map(_), PropType::Integer | PropType::Number) => false,
        // `_get_bool`: a bool, or a string that lowers to true or false.
        (ValueKind::Bool(_), PropType::Boolean) => true,
        (ValueKind::Str(s), PropType::Boolean) => {
            let lower = s.to_lowercase();
            lower == "true" || lower == "false"
        }
        (
            ValueKind::Int(_) | ValueKind::Float(_) | ValueKind::Seq(_) | ValueKind::Map(_),
            PropType::Boolean,
        ) => false,
        // `_get_list` and `_get_map` (without `allow_conversion`, which only
        // template resources' properties have).
        (ValueKind::Seq(_), PropType::List) | (ValueKind::Map(_), PropType::Map) => true,
        (
            ValueKind::Bool(_)
            | ValueKind::Int(_)
            | ValueKind::Float(_)
            | ValueKind::Str(_)
            | ValueKind::Map(_),
            PropType::List,
        )
        | (
            ValueKind::Bool(_)
            | ValueKind::Int(_)
            | ValueKind::Float(_)
            | ValueKind::Str(_)
            | ValueKind::Seq(_),
            PropType::Map,
        ) => false,
    }
}

/// Whether Heat's conversion for `ty` refuses every value of type
/// `result` (properties.py: `_get_string` takes str, int and bool;
/// `_get_integer` and `str_to_num` call `int()`, which refuses
/// collections; `_get_bool` takes bool and str; `_get_list` and `_get_map`
/// take only their own collection).
pub(super) fn refuses(ty: PropType, result: Computed) -> bool {
    match (ty, result) {
        (
            PropType::String | PropType::Integer | PropType::Number | PropType::Boolean,
            Computed::List | Computed::Map | Computed::Json,
        )
        | (PropType::Boolean, Computed::Number)
        | (
            PropType::List,
            Computed::String | Computed::Number | Computed::Boolean | Computed::Map,
        )
        | (
            PropType::Map,
            Computed::String | Computed::Number | Computed::Boolean | Computed::List,
        ) => true,
        (PropType::String, Computed::String | Computed::Number | Computed::Boolean)
        | (
            PropType::Integer | PropType::Number,
            Computed::String | Computed::Number | Computed::Boolean,
        )
        | (PropType::Boolean, Computed::String | Computed::Boolean)
        | (PropType::List, Computed::List | Computed::Json)
        | (PropType::Map, Computed::Map | Computed::Json)
        | (PropType::Any, _) => false,
    }
}

/// Python's whitespace as `str.strip()` sees it, for ASCII text.
fn strip(s: &str) -> &str {
    s.trim_matches(|c: char| {
        c.is_ascii_whitespace() || ('\x1c'..='\x1f').contains(&c) || c == '\x0b'
    })
}

/// Whether Python's `int(s)` reads `s`; none (do not judge) for non-ASCII
/// text, whose digits and spaces Python reads by Unicode rules.
pub(super) fn python_int(s: &str) -> Option<bool> {
    if !s.is_ascii() {
        return None;
    }
    let body = strip(s);
    let digits = body.strip_prefix(['+', '-']).unwrap_or(body);
    Some(is_digit_run(digits))
}

/// Digits with single underscores between them, as Python's literals allow.
fn is_digit_run(s: &str) -> bool {
    !s.is_empty()
        && !s.starts_with('_')
        && !s.ends_with('_')
        && !s.contains("__")
        && s.chars().all(|c| c.is_ascii_digit() || c == '_')
}

/// Whether Python's `float(s)` (or `int(s)`) reads `s`; none for
/// non-ASCII text.
pub(super) fn python_float(s: &str) -> Option<bool> {
    if python_int(s)? {
        return Some(true);
    }
    let body = strip(s);
    let unsigned = body
        .strip_prefix(['+', '-'])
        .unwrap_or(body)
        .to_ascii_lowercase();
    if ["inf", "infinity", "nan"].contains(&unsigned.as_str()) {
        return Some(true);
    }
    // mantissa [e exponent], each part a digit run (or empty where allowed).
    let (mantissa, exponent) = match unsigned.split_once('e') {
        Some((m, e)) => (m, Some(e)),
        None => (unsigned.as_str(), None),
    };
    let mantissa_ok = match mantissa.split_once('.') {
        Some((whole, frac)) => {
            (whole.is_empty() || is_digit_run(whole))
                && (frac.is_empty() || is_digit_run(frac))
                && !(whole.is_empty() && frac.is_empty())
        }
        None => is_digit_run(mantissa),
    };
    let exponent_ok =
        exponent.is_none_or(|e| is_digit_run(e.strip_prefix(['+', '-']).unwrap_or(e)));
    Some(mantissa_ok && exponent_ok)
}

#[cfg(test)]
mod tests {
    use hotc_grammar::value::build_stream;

    use super::{PropType, accepts, python_float, python_int};

    fn value(src: &str) -> hotc_grammar::Value {
        let parsed = hotc_grammar::parse(src);
        build_stream(&parsed.stream, parsed.flavor).0
    }

    #[test]
    fn conversions_follow_heats_property_types() {
        let cases: &[(PropType, &str, bool)] = &[
            (PropType::String, "abc", true),
            (PropType::String, "3", true),
            (PropType::String, "true", true),
            (PropType::String, "1.5", false),
            (PropType::String, "[a]", false),
            (PropType::Integer, "'3'", true),
            (PropType::Integer, "3.7", true),
            (PropType::Integer, "yes", true),
            (PropType::Integer, "'3.0'", false),
            (PropType::Integer, "{a: 1}", false),
            (PropType::Number, "'1e3'", true),
            (PropType::Number, "abc", false),
            (PropType::Boolean, "'TRUE'", true),
            (PropType::Boolean, "1", false),
            (PropType::Boolean, "'yes'", false),
            (PropType::List, "[]", true),
            (PropType::List, "a,b", false),
            (PropType::List, "{}", false),
            (PropType::Map, "{}", true),
            (PropType::Map, "[]", false),
            (PropType::Any, "[]", true),
            (PropType::Integer, "~", true),
        ];
        for (ty, src, ok) in cases {
            assert_eq!(accepts(*ty, &value(src)), *ok, "{ty:?} {src}");
        }
    }

    #[test]
    fn integers_as_python_reads_them() {
        for ok in ["3", " 3 ", "-3", "+3", "1_000", "007"] {
            assert_eq!(python_int(ok), Some(true), "{ok}");
        }
        for bad in ["abc", "3.0", "", " ", "1__0", "_1", "0x10", "3e2"] {
            assert_eq!(python_int(bad), Some(false), "{bad}");
        }
        assert_eq!(python_int("٣"), None);
    }

    #[test]
    fn floats_as_python_reads_them() {
        for ok in [
            "3", "3.5", ".5", "5.", "1e3", "1.5E-3", "-inf", "NaN", "Infinity", " 2 ",
        ] {
            assert_eq!(python_float(ok), Some(true), "{ok}");
        }
        for bad in ["abc", ".", "1e", "e3", "1.2.3", "", "0x1p3"] {
            assert_eq!(python_float(bad), Some(false), "{bad}");
        }
    }
}
