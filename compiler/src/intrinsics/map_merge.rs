//! `map_merge`: merges mappings, later keys winning.
//!
//! ```yaml
//! metadata: {map_merge: [{role: web}, {get_param: extra_metadata}]}
//! ```
//!
//! Heat (hot/functions.py `MapMerge`, 2016-04-08 on): the resolved argument
//! must be a list (`Incorrect arguments to "map_merge" should be: ...`);
//! each item must be a mapping or null, null merging as `{}` (`Incorrect
//! arguments: Items to merge must be maps. [1] is type <class 'list'>
//! instead of a dict`); the result is `dict.update` in order, so a later
//! value replaces an earlier one under the first key's spelling, and keys
//! equal in Python (`1`, `1.0`, `true`) are one key.

use hotc_grammar::Span;

use crate::ir::Expr;

use crate::eval::{self, Context, EvalError, EvalErrorKind, Val};
use crate::intrinsics::python;

pub(crate) fn eval(arg: &Expr, span: Span, ctx: &dyn Context) -> Result<Val, EvalError> {
    let failed = |message: String| {
        EvalError::new(
            EvalErrorKind::Failed {
                function: "map_merge",
                message,
            },
            span,
        )
    };
    let maps = match eval::eval(arg, ctx)? {
        Val::List(maps) => maps,
        Val::Unknown => return Ok(Val::Unknown),
        Val::Null | Val::Bool(_) | Val::Int(_) | Val::Float(_) | Val::Str(_) | Val::Map(_) => {
            return Err(EvalError::new(
                EvalErrorKind::BadArguments {
                    function: "map_merge",
                    expected: "[ { \"key1\": \"val1\" }, { \"key2\": \"val2\" } ]",
                },
                span,
            ));
        }
    };
    let mut merged: Vec<(Val, Val)> = Vec::new();
    let mut unknown = false;
    for map in maps {
        match map {
            Val::Null => {}
            // A whole unknown mapping may add or replace any key; its type
            // is checked once known, so go on to find errors in the rest.
            Val::Unknown => unknown = true,
            Val::Map(entries) => {
                for (k, v) in entries {
                    if k.has_unknown() {
                        unknown = true;
                        continue;
                    }
                    match merged
                        .iter_mut()
                        .find(|(k2, _)| python::eq(k2, &k) == Some(true))
                    {
                        Some(slot) => slot.1 = v,
                        None => merged.push((k, v)),
                    }
                }
            }
            other @ (Val::Bool(_) | Val::Int(_) | Val::Float(_) | Val::Str(_) | Val::List(_)) => {
                let mut shown = python::repr(&other);
                // Heat shows `repr(m)[:200]`.
                if let Some((cut, _)) = shown.char_indices().nth(200) {
                    shown.truncate(cut);
                }
                return Err(failed(format!(
                    "Incorrect arguments: Items to merge must be maps. {shown} is type {} instead of a dict",
                    python::type_repr(&other)
                )));
            }
        }
    }
    Ok(if unknown {
        Val::Unknown
    } else {
        Val::Map(merged)
    })
}

#[cfg(test)]
mod tests {
    use crate::eval::tests::{Stack, eval_yaml};
    use crate::eval::{EvalErrorKind, Val};

    fn s(t: &str) -> Val {
        Val::Str(t.to_owned())
    }

    /// Heat's docstring example: `{"k1": "v3", "k2": "v2"}`.
    #[test]
    fn later_values_win_in_first_key_order() {
        let stack = Stack::new("2016-04-08");
        assert_eq!(
            eval_yaml(&stack, "{map_merge: [{k1: v1, k2: v2}, {k1: v3}]}"),
            Ok(Val::Map(vec![(s("k1"), s("v3")), (s("k2"), s("v2"))]))
        );
        // Null merges as {}.
        assert_eq!(
            eval_yaml(&stack, "{map_merge: [null, {a: 1}]}"),
            Ok(Val::Map(vec![(s("a"), Val::Int(1))]))
        );
        // Python: 1 and True are one dict key; the first spelling stays.
        assert_eq!(
            eval_yaml(&stack, "{map_merge: [{1: a}, {true: b}]}"),
            Ok(Val::Map(vec![(Val::Int(1), s("b"))]))
        );
    }

    /// Heat: `Items to merge must be maps. [1] is type <class 'list'>
    /// instead of a dict`.
    #[test]
    fn items_must_be_maps() {
        let stack = Stack::new("2016-04-08");
        assert_eq!(
            eval_yaml(&stack, "{map_merge: [{a: 1}, [1]]}").map_err(|e| e.kind),
            Err(EvalErrorKind::Failed {
                function: "map_merge",
                message: "Incorrect arguments: Items to merge must be maps. [1] is type <class 'list'> instead of a dict".into()
            })
        );
        assert!(eval_yaml(&stack, "{map_merge: {a: 1}}").is_err());
    }

    #[test]
    fn unknown_values_are_kept_and_unknown_maps_make_it_unknown() {
        let stack = Stack::new("2016-04-08")
            .with_resource("server")
            .with_param("m", Val::Unknown);
        assert_eq!(
            eval_yaml(&stack, "{map_merge: [{a: {get_attr: [server, ip]}}]}"),
            Ok(Val::Map(vec![(s("a"), Val::Unknown)]))
        );
        assert_eq!(
            eval_yaml(&stack, "{map_merge: [{a: 1}, {get_param: m}]}"),
            Ok(Val::Unknown)
        );
    }
}
