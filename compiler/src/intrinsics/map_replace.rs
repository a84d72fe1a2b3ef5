//! `map_replace`: renames keys and replaces values of a mapping.
//!
//! ```yaml
//! env: {map_replace: [{get_param: env}, {keys: {HOME: USER_HOME}, values: {'': unset}}]}
//! ```
//!
//! Heat (hot/functions.py `MapReplace`, 2016-10-14 on): the resolved
//! argument is a list of exactly two mappings (null counts as `{}`); the
//! second may only have the keys `keys` and `values` (`Incorrect arguments
//! to "map_replace" should be: ...`), each a mapping or null. Entries are
//! taken in order; a key found in `keys` (a Python dict lookup: `1`, `1.0`
//! and `true` are one key) is renamed, unless the new key is another key of
//! the input map (`key replacement b collides with a key in the input
//! map`) or is already in the output (`key replacement b collides with a
//! key in the output map`); a key not renamed may still collide with a
//! renamed one, silently, as `dict` assignment does. A value found in
//! `values` is replaced; a list or mapping value cannot be looked up
//! (unhashable) and stays.

use hotc_grammar::Span;

use crate::ir::Expr;

use crate::eval::{self, Context, EvalError, EvalErrorKind, Val};
use crate::intrinsics::python;

const EXAMPLE: &str =
    "[ { \"key1\": \"val1\" }, {\"keys\": {\"key1\": \"key2\"}, \"values\": {\"val1\": \"val2\"}}]";

pub(crate) fn eval(arg: &Expr, span: Span, ctx: &dyn Context) -> Result<Val, EvalError> {
    let err = |kind| EvalError::new(kind, span);
    let bad = || {
        err(EvalErrorKind::BadArguments {
            function: "map_replace",
            expected: EXAMPLE,
        })
    };
    let failed = |message: String| {
        err(EvalErrorKind::Failed {
            function: "map_replace",
            message,
        })
    };
    let args = eval::eval(arg, ctx)?;
    if args.has_unknown() {
        return Ok(Val::Unknown);
    }
    let Val::List(args) = args else {
        return Err(bad());
    };
    // Heat: `ensure_map` of each popped item, then "no more items".
    let ensure_map = |v: &Val| -> Result<Vec<(Val, Val)>, EvalError> {
        match v {
            Val::Null => Ok(Vec::new()),
            Val::Map(entries) => Ok(entries.clone()),
            Val::Bool(_)
            | Val::Int(_)
            | Val::Float(_)
            | Val::Str(_)
            | Val::List(_)
            | Val::Unknown => Err(failed(format!(
                "Incorrect arguments: to \"map_replace\", arguments must be a list of maps. Example:  {EXAMPLE}"
            ))),
        }
    };
    let (in_map, repl_map) = match args.as_slice() {
        [] => return Err(bad()),
        [only] => {
            ensure_map(only)?;
            return Err(bad());
        }
        [a, b, rest @ ..] => {
            let in_map = ensure_map(a)?;
            let repl_map = ensure_map(b)?;
            if !rest.is_empty() {
                return Err(bad());
            }
            (in_map, repl_map)
        }
    };
    for (k, _) in &repl_map {
        if !matches!(k.as_str(), Some("keys" | "values")) {
            return Err(bad());
        }
    }
    let section = |name: &str| -> Result<Vec<(Val, Val)>, EvalError> {
        match repl_map.iter().find(|(k, _)| k.as_str() == Some(name)) {
            Some((_, v)) => ensure_map(v),
            None => Ok(Vec::new()),
        }
    };
    let repl_keys = section("keys")?;
    let repl_values = section("values")?;
    let mut out: Vec<(Val, Val)> = Vec::with_capacity(in_map.len());
    for (k, v) in &in_map {
        let key = match python::dict_get(&repl_keys, k) {
            // `repl_keys.get(k)` is None for a missing key and a null one.
            None | Some(Val::Null) => k.clone(),
            Some(new) => {
                if !python::hashable(new) {
                    return Err(failed(format!("unhashable type: '{}'", py_type(new))));
                }
                if python::dict_get(&in_map, new).is_some() && python::eq(new, k) != Some(true) {
                    return Err(failed(format!(
                        "key replacement {} collides with a key in the input map",
                        python::str(new)
                    )));
                }
                if python::dict_get(&out, new).is_some() {
                    return Err(failed(format!(
                        "key replacement {} collides with a key in the output map",
                        python::str(new)
                    )));
                }
                new.clone()
            }
        };
        let value = if python::hashable(v) {
            python::dict_get(&repl_values, v).unwrap_or(v).clone()
        } else {
            v.clone()
        };
        // `ret_map[key] = value`: an existing equal key keeps its spelling.
        match out
            .iter_mut()
            .find(|(k2, _)| python::eq(k2, &key) == Some(true))
        {
            Some(slot) => slot.1 = value,
            None => out.push((key, value)),
        }
    }
    Ok(Val::Map(out))
}

fn py_type(v: &Val) -> &'static str {
    match v {
        Val::List(_) => "list",
        Val::Map(_) => "dict",
        Val::Null | Val::Bool(_) | Val::Int(_) | Val::Float(_) | Val::Str(_) | Val::Unknown => {
            "object"
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::eval::tests::{Stack, eval_yaml};
    use crate::eval::{EvalErrorKind, Val};

    fn s(t: &str) -> Val {
        Val::Str(t.to_owned())
    }

    fn message(r: Result<Val, crate::eval::EvalError>) -> String {
        match r.map_err(|e| e.kind) {
            Err(EvalErrorKind::Failed { message, .. }) => message,
            other => format!("{other:?}"),
        }
    }

    /// Heat's docstring example: `{"K1": "v1", "k2": "V2"}`.
    #[test]
    fn renames_keys_and_replaces_values() {
        let stack = Stack::new("2016-10-14");
        assert_eq!(
            eval_yaml(
                &stack,
                "{map_replace: [{k1: v1, k2: v2}, {keys: {k1: K1}, values: {v2: V2}}]}"
            ),
            Ok(Val::Map(vec![(s("K1"), s("v1")), (s("k2"), s("V2"))]))
        );
        // A list value is unhashable: it stays.
        assert_eq!(
            eval_yaml(&stack, "{map_replace: [{a: [1]}, {values: {x: y}}]}"),
            Ok(Val::Map(vec![(s("a"), Val::List(vec![Val::Int(1)]))]))
        );
    }

    /// Heat: `key replacement b collides with a key in the input map`.
    #[test]
    fn collision_with_the_input_map() {
        let stack = Stack::new("2016-10-14");
        assert_eq!(
            message(eval_yaml(
                &stack,
                "{map_replace: [{a: 1, b: 2}, {keys: {a: b}}]}"
            )),
            "key replacement b collides with a key in the input map"
        );
        // Renaming a key to itself is no collision.
        assert!(eval_yaml(&stack, "{map_replace: [{a: 1}, {keys: {a: a}}]}").is_ok());
    }

    /// Heat: `key replacement c collides with a key in the output map`.
    #[test]
    fn collision_with_the_output_map() {
        let stack = Stack::new("2016-10-14");
        assert_eq!(
            message(eval_yaml(
                &stack,
                "{map_replace: [{a: 1, b: 2}, {keys: {a: c, b: c}}]}"
            )),
            "key replacement c collides with a key in the output map"
        );
    }

    /// Heat: the second map takes only `keys` and `values`; exactly two
    /// maps.
    #[test]
    fn argument_shapes() {
        let stack = Stack::new("2016-10-14");
        assert!(eval_yaml(&stack, "{map_replace: [{a: 1}, {other: {}}]}").is_err());
        assert!(eval_yaml(&stack, "{map_replace: [{a: 1}]}").is_err());
        assert!(eval_yaml(&stack, "{map_replace: [{a: 1}, {}, {}]}").is_err());
        assert!(eval_yaml(&stack, "{map_replace: [[a], {}]}").is_err());
        assert_eq!(
            eval_yaml(&stack, "{map_replace: [null, null]}"),
            Ok(Val::Map(vec![]))
        );
    }
}
