//! Python's equality, membership, truth, `str()` and `repr()` over `Val`, as
//! Heat's functions apply them to resolved values.
//!
//! Heat compares with Python's `==` (`equals`, `contains`, `filter`,
//! `list_concat_unique`) and looks keys up in dicts (`map_merge`,
//! `map_replace`), so `1`, `1.0` and `true` are one value, and two mappings
//! are equal whatever their key order. A comparison that involves an unknown
//! part answers `None`: the caller returns `Unknown` rather than guess.

use crate::eval::Val;

/// Python's `a == b`, or `None` when either side has an unknown part.
pub(crate) fn eq(a: &Val, b: &Val) -> Option<bool> {
    if a.has_unknown() || b.has_unknown() {
        return None;
    }
    Some(known_eq(a, b))
}

/// A number's value for comparison across bool, int and float, as Python
/// compares them (`True == 1 == 1.0`).
enum Num {
    Int(i128),
    Float(f64),
}

fn num(v: &Val) -> Option<Num> {
    match v {
        Val::Bool(b) => Some(Num::Int(i128::from(*b))),
        Val::Int(i) => Some(Num::Int(*i)),
        Val::Float(f) => Some(Num::Float(*f)),
        Val::Null | Val::Str(_) | Val::List(_) | Val::Map(_) | Val::Unknown => None,
    }
}

fn num_eq(a: &Num, b: &Num) -> bool {
    match (a, b) {
        (Num::Int(x), Num::Int(y)) => x == y,
        (Num::Float(x), Num::Float(y)) => x == y,
        // Python compares an int and a float exactly; an integral float
        // within i128 converts exactly, any other float differs from every int.
        (Num::Int(i), Num::Float(f)) | (Num::Float(f), Num::Int(i)) => {
            f.fract() == 0.0 && f.is_finite() && float_to_int(*f) == Some(*i)
        }
    }
}

fn float_to_int(f: f64) -> Option<i128> {
    // 2^127 bounds i128; beyond it no i128 equals the float.
    let limit = 170_141_183_460_469_231_731_687_303_715_884_105_728.0_f64;
    if f >= -limit && f < limit {
        #[expect(
            clippy::cast_possible_truncation,
            reason = "integral and within i128's range, checked above"
        )]
        let i = f as i128;
        Some(i)
    } else {
        None
    }
}

fn known_eq(a: &Val, b: &Val) -> bool {
    if let (Some(x), Some(y)) = (num(a), num(b)) {
        return num_eq(&x, &y);
    }
    match (a, b) {
        (Val::Null, Val::Null) => true,
        (Val::Str(x), Val::Str(y)) => x == y,
        (Val::List(x), Val::List(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(p, q)| known_eq(p, q))
        }
        (Val::Map(x), Val::Map(y)) => {
            x.len() == y.len()
                && x.iter().all(|(k, v)| {
                    y.iter()
                        .find(|(k2, _)| known_eq(k, k2))
                        .is_some_and(|(_, v2)| known_eq(v, v2))
                })
        }
        (
            Val::Null
            | Val::Bool(_)
            | Val::Int(_)
            | Val::Float(_)
            | Val::Str(_)
            | Val::List(_)
            | Val::Map(_)
            | Val::Unknown,
            _,
        ) => false,
    }
}

/// Python's `item in items` over a list, or `None` when unknown parts make
/// the answer depend on values not known yet.
pub(crate) fn list_contains(items: &[Val], item: &Val) -> Option<bool> {
    if item.has_unknown() || items.iter().any(Val::has_unknown) {
        return None;
    }
    Some(items.iter().any(|i| known_eq(i, item)))
}

/// Whether Python can hash the value (a dict key or a lookup in a dict):
/// lists and dicts cannot.
pub(crate) fn hashable(v: &Val) -> bool {
    match v {
        Val::List(_) | Val::Map(_) => false,
        Val::Null | Val::Bool(_) | Val::Int(_) | Val::Float(_) | Val::Str(_) | Val::Unknown => true,
    }
}

/// A dict lookup (`d.get(key)`) in a mapping's entries.
pub(crate) fn dict_get<'a>(entries: &'a [(Val, Val)], key: &Val) -> Option<&'a Val> {
    entries
        .iter()
        .find(|(k, _)| known_eq(k, key))
        .map(|(_, v)| v)
}

/// Python's truth value (`not x`), for values without unknown parts.
pub(crate) fn truthy(v: &Val) -> bool {
    match v {
        Val::Null => false,
        Val::Bool(b) => *b,
        Val::Int(i) => *i != 0,
        Val::Float(f) => *f != 0.0,
        Val::Str(s) => !s.is_empty(),
        Val::List(items) => !items.is_empty(),
        Val::Map(entries) => !entries.is_empty(),
        // Callers check for unknowns first; an unknown is a value that exists.
        Val::Unknown => true,
    }
}

/// Python's `str(v)`: a string as itself, anything else as `repr`.
pub(crate) fn str(v: &Val) -> String {
    match v {
        Val::Str(s) => s.clone(),
        Val::Null
        | Val::Bool(_)
        | Val::Int(_)
        | Val::Float(_)
        | Val::List(_)
        | Val::Map(_)
        | Val::Unknown => repr(v),
    }
}

/// Python's `repr(v)` (strings quoted as Python quotes them).
pub(crate) fn repr(v: &Val) -> String {
    match v {
        Val::Null | Val::Unknown => "None".to_owned(),
        Val::Bool(true) => "True".to_owned(),
        Val::Bool(false) => "False".to_owned(),
        Val::Int(i) => i.to_string(),
        Val::Float(f) => hotc_grammar::value::float_repr(*f),
        Val::Str(s) => repr_str(s),
        Val::List(items) => {
            let parts: Vec<String> = items.iter().map(repr).collect();
            format!("[{}]", parts.join(", "))
        }
        Val::Map(entries) => {
            let parts: Vec<String> = entries
                .iter()
                .map(|(k, v)| format!("{}: {}", repr(k), repr(v)))
                .collect();
            format!("{{{}}}", parts.join(", "))
        }
    }
}

/// Python quotes with `'` unless the text has a `'` and no `"`.
fn repr_str(s: &str) -> String {
    let quote = if s.contains('\'') && !s.contains('"') {
        '"'
    } else {
        '\''
    };
    let mut out = String::new();
    out.push(quote);
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c == quote => {
                out.push('\\');
                out.push(c);
            }
            c if (c as u32) < 0x20 || c as u32 == 0x7f => {
                out.push_str(&format!("\\x{:02x}", c as u32));
            }
            c => out.push(c),
        }
    }
    out.push(quote);
    out
}

/// Python's `type(v)` as `str()` writes it, for messages.
pub(crate) fn type_repr(v: &Val) -> &'static str {
    match v {
        Val::Null | Val::Unknown => "<class 'NoneType'>",
        Val::Bool(_) => "<class 'bool'>",
        Val::Int(_) => "<class 'int'>",
        Val::Float(_) => "<class 'float'>",
        Val::Str(_) => "<class 'str'>",
        Val::List(_) => "<class 'list'>",
        Val::Map(_) => "<class 'dict'>",
    }
}

/// Python's `int(s)` of a string: surrounding whitespace, a sign, decimal
/// digits with single underscores between them.
pub(crate) fn int_of_str(s: &str) -> Option<i128> {
    let t = s.trim();
    let (negative, digits) = match t.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, t.strip_prefix('+').unwrap_or(t)),
    };
    if digits.is_empty()
        || digits.starts_with('_')
        || digits.ends_with('_')
        || digits.contains("__")
        || !digits.chars().all(|c| c.is_ascii_digit() || c == '_')
    {
        return None;
    }
    let mut n: i128 = 0;
    for c in digits.chars().filter(char::is_ascii_digit) {
        n = n
            .checked_mul(10)?
            .checked_add(i128::from(c.to_digit(10)?))?;
    }
    Some(if negative { -n } else { n })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(t: &str) -> Val {
        Val::Str(t.to_owned())
    }

    /// Python: `True == 1 == 1.0`, `{'a': 1, 'b': 2} == {'b': 2, 'a': 1}`.
    #[test]
    fn equality_is_pythons() {
        assert_eq!(eq(&Val::Bool(true), &Val::Int(1)), Some(true));
        assert_eq!(eq(&Val::Int(1), &Val::Float(1.0)), Some(true));
        assert_eq!(eq(&Val::Int(1), &Val::Float(1.5)), Some(false));
        assert_eq!(eq(&Val::Int(1), &s("1")), Some(false));
        let a = Val::Map(vec![(s("a"), Val::Int(1)), (s("b"), Val::Int(2))]);
        let b = Val::Map(vec![(s("b"), Val::Int(2)), (s("a"), Val::Int(1))]);
        assert_eq!(eq(&a, &b), Some(true));
        assert_eq!(eq(&Val::Unknown, &Val::Int(1)), None);
    }

    #[test]
    fn repr_is_pythons() {
        assert_eq!(repr(&s("it's")), "\"it's\"");
        assert_eq!(
            repr(&Val::List(vec![s("a"), Val::Null, Val::Bool(true)])),
            "['a', None, True]"
        );
        assert_eq!(str(&s("a")), "a");
    }
}
