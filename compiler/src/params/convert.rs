//! A parameter value in its HOT type, converted as Heat's parameter classes
//! convert it (`heat/engine/parameters.py`).
//!
//! Guarantees: `number` takes Python's `int(s)` then `float(s)` of a string
//! and any number as is; `boolean` takes oslo's strict `bool_from_string`
//! spellings (`1 t true on y yes`, `0 f false off n no`, any case, surrounding
//! whitespace ignored); `comma_delimited_list` takes a list (items as
//! `str()`) or a string split on every `,` (`''` is `[]`); `json` takes a
//! structure or a JSON-decoded non-empty string. Failures carry Heat's
//! message text.

use crate::eval::Val;
use crate::intrinsics::python;

/// The five HOT parameter types.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParamType {
    String,
    Number,
    Json,
    CommaDelimitedList,
    Boolean,
}

impl ParamType {
    /// The type of a HOT `type:` name; HOT accepts only these spellings
    /// (HOT021 reports others).
    pub fn from_name(name: &str) -> Option<Self> {
        match name {
            "string" => Some(Self::String),
            "number" => Some(Self::Number),
            "json" => Some(Self::Json),
            "comma_delimited_list" => Some(Self::CommaDelimitedList),
            "boolean" => Some(Self::Boolean),
            _ => None,
        }
    }
}

/// oslo_utils.strutils' accepted spellings, sorted as its error lists them.
const BOOL_SPELLINGS: &[(&str, bool)] = &[
    ("0", false),
    ("1", true),
    ("f", false),
    ("false", false),
    ("n", false),
    ("no", false),
    ("off", false),
    ("on", true),
    ("t", true),
    ("true", true),
    ("y", true),
    ("yes", true),
];

/// `strutils.bool_from_string(v, strict=True)`.
pub fn to_bool(v: &Val) -> Result<bool, String> {
    if let Val::Bool(b) = v {
        return Ok(*b);
    }
    let text = python::str(v);
    let lowered = text.trim().to_lowercase();
    if let Some((_, b)) = BOOL_SPELLINGS.iter().find(|(s, _)| *s == lowered) {
        return Ok(*b);
    }
    let acceptable: Vec<String> = BOOL_SPELLINGS
        .iter()
        .map(|(s, _)| format!("'{s}'"))
        .collect();
    Err(format!(
        "Unrecognized value '{text}', acceptable values are: {}",
        acceptable.join(", ")
    ))
}

/// Python's `float(s)` of a string: surrounding whitespace, `inf`,
/// `infinity` and `nan` in any case. (Digit-group underscores, which Python
/// also takes, are refused: no template writes them.)
fn float_of_str(s: &str) -> Option<f64> {
    let t = s.trim();
    if t.is_empty() || t.contains('_') {
        return None;
    }
    t.parse::<f64>().ok()
}

/// `Schema.str_to_num`: a number as is (a bool is a Python number), else
/// `int(v)`, else `float(v)`.
pub fn to_num(v: &Val) -> Result<Val, String> {
    match v {
        Val::Int(_) | Val::Float(_) => Ok(v.clone()),
        Val::Bool(b) => Ok(Val::Int(i128::from(*b))),
        Val::Str(s) => python::int_of_str(s)
            .map(Val::Int)
            .or_else(|| float_of_str(s).map(Val::Float))
            .ok_or_else(|| format!("could not convert string to float: {}", python::repr(v))),
        Val::Null | Val::List(_) | Val::Map(_) | Val::Unknown => Err(format!(
            "int() argument must be a string, a bytes-like object or a real number, not '{}'",
            python_type(v)
        )),
    }
}

/// Python's type name of a value, as TypeError messages print it.
pub(super) fn python_type(v: &Val) -> &'static str {
    match v {
        Val::Null | Val::Unknown => "NoneType",
        Val::Bool(_) => "bool",
        Val::Int(_) => "int",
        Val::Float(_) => "float",
        Val::Str(_) => "str",
        Val::List(_) => "list",
        Val::Map(_) => "dict",
    }
}

/// `CommaDelimitedListParam.parse`.
pub fn to_list(v: &Val) -> Result<Val, String> {
    match v {
        Val::List(items) => Ok(Val::List(
            items.iter().map(|x| Val::Str(python::str(x))).collect(),
        )),
        Val::Str(s) if s.is_empty() => Ok(Val::List(Vec::new())),
        Val::Str(s) => Ok(Val::List(
            s.split(',').map(|p| Val::Str(p.to_owned())).collect(),
        )),
        Val::Null | Val::Bool(_) | Val::Int(_) | Val::Float(_) | Val::Map(_) | Val::Unknown => {
            Err(format!(
                "Value must be a comma-delimited list string: '{}' object has no attribute 'split'",
                python_type(v)
            ))
        }
    }
}

/// `JsonParam.parse`: a structure as is (through JSON, so keys become
/// strings), a non-empty string decoded. The decoder's error text is
/// serde_json's, not Python's.
pub fn to_json(v: &Val) -> Result<Val, String> {
    match v {
        Val::Str(s) if s.is_empty() => Ok(v.clone()),
        Val::Str(s) => serde_json::from_str::<serde_json::Value>(s)
            .map(|j| from_json(&j))
            .map_err(|e| format!("Value must be valid JSON: {e}")),
        Val::Null | Val::Bool(_) | Val::Int(_) | Val::Float(_) | Val::List(_) | Val::Map(_) => {
            Ok(through_json(v))
        }
        Val::Unknown => Ok(Val::Unknown),
    }
}

/// `json.loads(json.dumps(v))`: mapping keys become JSON strings.
fn through_json(v: &Val) -> Val {
    match v {
        Val::List(items) => Val::List(items.iter().map(through_json).collect()),
        Val::Map(entries) => Val::Map(
            entries
                .iter()
                .map(|(k, x)| (Val::Str(json_key(k)), through_json(x)))
                .collect(),
        ),
        Val::Null | Val::Bool(_) | Val::Int(_) | Val::Float(_) | Val::Str(_) | Val::Unknown => {
            v.clone()
        }
    }
}

/// How `json.dumps` writes a non-string key.
fn json_key(k: &Val) -> String {
    match k {
        Val::Str(s) => s.clone(),
        Val::Bool(true) => "true".to_owned(),
        Val::Bool(false) => "false".to_owned(),
        Val::Null => "null".to_owned(),
        Val::Int(_) | Val::Float(_) | Val::List(_) | Val::Map(_) | Val::Unknown => python::str(k),
    }
}

fn from_json(j: &serde_json::Value) -> Val {
    match j {
        serde_json::Value::Null => Val::Null,
        serde_json::Value::Bool(b) => Val::Bool(*b),
        serde_json::Value::Number(n) => n
            .as_i64()
            .map(|i| Val::Int(i128::from(i)))
            .or_else(|| n.as_u64().map(|u| Val::Int(i128::from(u))))
            .unwrap_or_else(|| Val::Float(n.as_f64().unwrap_or(f64::NAN))),
        serde_json::Value::String(s) => Val::Str(s.clone()),
        serde_json::Value::Array(items) => Val::List(items.iter().map(from_json).collect()),
        serde_json::Value::Object(entries) => Val::Map(
            entries
                .iter()
                .map(|(k, v)| (Val::Str(k.clone()), from_json(v)))
                .collect(),
        ),
    }
}

/// The value Heat hands to the constraints for a parameter's value
/// (`Parameter._validate`): string, number and boolean values as given
/// (after checking a number or boolean converts), lists and JSON parsed.
pub fn validated_value(ty: ParamType, v: &Val) -> Result<Val, String> {
    match ty {
        ParamType::String => Ok(v.clone()),
        ParamType::Number => to_num(v).map(|_| v.clone()),
        ParamType::Boolean => to_bool(v).map(|_| v.clone()),
        ParamType::CommaDelimitedList => to_list(v),
        ParamType::Json => to_json(v),
    }
}

/// The value `get_param` gives for a parameter of type `ty` set to `v`
/// (each `Parameter.value()` of parameters.py): numbers through
/// `str_to_num`, booleans through `bool_from_string`, strings as `str()`,
/// lists split and JSON parsed.
pub fn typed_value(ty: ParamType, v: &Val) -> Result<Val, String> {
    match ty {
        ParamType::String => Ok(match v {
            Val::Str(_) => v.clone(),
            other => Val::Str(crate::intrinsics::python::str(other)),
        }),
        ParamType::Number => to_num(v),
        ParamType::Boolean => to_bool(v).map(Val::Bool),
        ParamType::CommaDelimitedList => to_list(v),
        ParamType::Json => to_json(v),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(v: &str) -> Val {
        Val::Str(v.to_owned())
    }

    #[test]
    fn numbers_from_strings_as_python_int_then_float() {
        assert_eq!(to_num(&s(" 42 ")), Ok(Val::Int(42)));
        assert_eq!(to_num(&s("1_000")), Ok(Val::Int(1000)));
        assert_eq!(to_num(&s("2.5")), Ok(Val::Float(2.5)));
        assert_eq!(to_num(&s("1e3")), Ok(Val::Float(1000.0)));
        assert_eq!(
            to_num(&s("abc")),
            Err("could not convert string to float: 'abc'".to_owned())
        );
        assert!(to_num(&Val::List(vec![])).is_err());
    }

    #[test]
    fn booleans_take_oslo_spellings_only() {
        for (text, b) in [
            ("Yes", true),
            (" on ", true),
            ("1", true),
            ("F", false),
            ("off", false),
        ] {
            assert_eq!(to_bool(&s(text)), Ok(b), "{text}");
        }
        assert_eq!(to_bool(&Val::Int(1)), Ok(true));
        assert_eq!(
            to_bool(&s("maybe")),
            Err(
                "Unrecognized value 'maybe', acceptable values are: '0', '1', 'f', 'false', \
                 'n', 'no', 'off', 'on', 't', 'true', 'y', 'yes'"
                    .to_owned()
            )
        );
        assert!(to_bool(&s("2")).is_err());
    }

    #[test]
    fn lists_from_strings_or_lists() {
        assert_eq!(to_list(&s("")), Ok(Val::List(vec![])));
        assert_eq!(
            to_list(&s("a,,b")),
            Ok(Val::List(vec![s("a"), s(""), s("b")]))
        );
        assert_eq!(
            to_list(&Val::List(vec![Val::Int(1), Val::Bool(true)])),
            Ok(Val::List(vec![s("1"), s("True")]))
        );
        assert!(to_list(&Val::Int(3)).is_err());
    }

    #[test]
    fn json_from_strings_or_structures() {
        assert_eq!(
            to_json(&s(r#"{"a": [1, 2.5]}"#)),
            Ok(Val::Map(vec![(
                s("a"),
                Val::List(vec![Val::Int(1), Val::Float(2.5)])
            )]))
        );
        assert_eq!(to_json(&s("")), Ok(s("")));
        assert_eq!(
            to_json(&Val::Map(vec![(Val::Int(1), Val::Bool(true))])),
            Ok(Val::Map(vec![(s("1"), Val::Bool(true))]))
        );
        assert!(to_json(&s("{a: 1}")).is_err());
    }
}
