//! Values between evaluation and state: `Val` to JSON, each property
//! converted to its schema type as Heat's `Properties` does before it
//! compares old and new (so `"8080"` for an integer property is `8080`),
//! and equality with Python's numbers (`1 == 1.0`).

use hotc_compiler::eval::Val;
use hotc_compiler::resource_types::PropertyType;
use serde_json::{Map, Number, Value as Json};

/// A known value as JSON (mapping keys as `json.dumps` writes them). `None`
/// when any part is unknown.
pub fn to_json(v: &Val) -> Option<Json> {
    Some(match v {
        Val::Null => Json::Null,
        Val::Bool(b) => Json::Bool(*b),
        Val::Int(i) => match i64::try_from(*i) {
            Ok(small) => Json::Number(small.into()),
            Err(_) => match u64::try_from(*i) {
                Ok(big) => Json::Number(big.into()),
                // Beyond 64 bits JSON readers lose digits anyway; Python
                // would write the digits, so keep them as a float's.
                Err(_) => Json::Number(Number::from_f64(*i as f64)?),
            },
        },
        Val::Float(f) => Number::from_f64(*f).map_or(Json::Null, Json::Number),
        Val::Str(s) => Json::String(s.clone()),
        Val::List(items) => Json::Array(items.iter().map(to_json).collect::<Option<_>>()?),
        Val::Map(entries) => {
            let mut map = Map::new();
            for (k, v) in entries {
                map.insert(key_text(k)?, to_json(v)?);
            }
            Json::Object(map)
        }
        Val::Unknown => return None,
    })
}

/// A recorded JSON value as an evaluated one.
pub fn from_json(v: &Json) -> Val {
    match v {
        Json::Null => Val::Null,
        Json::Bool(b) => Val::Bool(*b),
        Json::Number(n) => match (n.as_i64(), n.as_u64()) {
            (Some(i), _) => Val::Int(i128::from(i)),
            (None, Some(u)) => Val::Int(i128::from(u)),
            (None, None) => Val::Float(n.as_f64().unwrap_or(f64::NAN)),
        },
        Json::String(s) => Val::Str(s.clone()),
        Json::Array(items) => Val::List(items.iter().map(from_json).collect()),
        Json::Object(map) => Val::Map(
            map.iter()
                .map(|(k, v)| (Val::Str(k.clone()), from_json(v)))
                .collect(),
        ),
    }
}

/// A mapping key as `json.dumps` turns it into a string.
fn key_text(k: &Val) -> Option<String> {
    Some(match k {
        Val::Str(s) => s.clone(),
        Val::Null => "null".to_owned(),
        Val::Bool(b) => b.to_string(),
        Val::Int(i) => i.to_string(),
        Val::Float(f) => hotc_grammar::value::float_repr(*f),
        Val::List(_) | Val::Map(_) | Val::Unknown => return None,
    })
}

/// A property value converted to its schema type as Heat's `Property`
/// getters do (`_get_integer`, `_get_number`, `_get_string`, `_get_bool`);
/// a value that does not convert stays as it is (the lint rules report it,
/// and Heat would refuse it at create).
pub fn convert(ty: PropertyType, v: Val) -> Val {
    match (ty, v) {
        (PropertyType::Integer, Val::Str(s)) => match s.trim().parse::<i128>() {
            Ok(i) => Val::Int(i),
            Err(_) => Val::Str(s),
        },
        (PropertyType::Integer, Val::Bool(b)) => Val::Int(i128::from(b)),
        (PropertyType::Number, Val::Str(s)) => {
            let t = s.trim();
            match (t.parse::<i128>(), t.parse::<f64>()) {
                (Ok(i), _) => Val::Int(i),
                (Err(_), Ok(f)) => Val::Float(f),
                (Err(_), Err(_)) => Val::Str(s),
            }
        }
        // Python's str() of a bool is `True`/`False`.
        (PropertyType::String, Val::Bool(b)) => {
            Val::Str(if b { "True" } else { "False" }.to_owned())
        }
        (PropertyType::String, Val::Int(i)) => Val::Str(i.to_string()),
        (PropertyType::Boolean, Val::Str(s)) => match s.to_lowercase().as_str() {
            "true" => Val::Bool(true),
            "false" => Val::Bool(false),
            _ => Val::Str(s),
        },
        (_, v) => v,
    }
}

/// Equality as Python's `==` on the JSON-like values Heat compares:
/// numbers by value, mappings whatever their key order.
pub fn same(a: &Json, b: &Json) -> bool {
    match (a, b) {
        (Json::Number(x), Json::Number(y)) => match (x.as_i64(), y.as_i64()) {
            (Some(x), Some(y)) => x == y,
            _ => x.as_f64() == y.as_f64(),
        },
        (Json::Array(x), Json::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(x, y)| same(x, y))
        }
        (Json::Object(x), Json::Object(y)) => {
            x.len() == y.len() && x.iter().all(|(k, v)| y.get(k).is_some_and(|w| same(v, w)))
        }
        _ => a == b,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// Heat's `_get_integer` is `int(value)`, `_get_string` `str()` of an
    /// int or bool, `_get_bool` the strings "true"/"false" in any case.
    #[test]
    fn conversions_follow_heat_properties() {
        let s = |x: &str| Val::Str(x.to_owned());
        assert_eq!(convert(PropertyType::Integer, s(" 8080 ")), Val::Int(8080));
        assert_eq!(convert(PropertyType::Number, s("2.5")), Val::Float(2.5));
        assert_eq!(convert(PropertyType::String, Val::Int(7)), s("7"));
        assert_eq!(convert(PropertyType::String, Val::Bool(true)), s("True"));
        assert_eq!(convert(PropertyType::Boolean, s("TRUE")), Val::Bool(true));
        assert_eq!(convert(PropertyType::Integer, s("x")), s("x"));
    }

    #[test]
    fn equality_is_pythons() {
        assert!(same(&json!(1), &json!(1.0)));
        assert!(same(
            &json!({"a": 1, "b": [2]}),
            &json!({"b": [2.0], "a": 1})
        ));
        assert!(!same(&json!("1"), &json!(1)));
        assert!(!same(&json!([1, 2]), &json!([2, 1])));
    }

    #[test]
    fn unknown_parts_have_no_json() {
        assert_eq!(to_json(&Val::List(vec![Val::Int(1), Val::Unknown])), None);
        assert_eq!(
            to_json(&Val::Map(vec![(Val::Int(1), Val::Bool(true))])),
            Some(json!({"1": true}))
        );
    }
}
