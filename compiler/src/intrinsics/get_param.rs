//! `get_param`: a parameter's value, optionally followed by a path into it.
//!
//! ```yaml
//! image: {get_param: image}
//! port: {get_param: [ports, web, 0]}
//! ```
//!
//! Heat (hot/functions.py `GetParam`): the argument is a name or a list
//! whose first item is the name (an empty argument is `Function "get_param"
//! must have arguments`, a name that is not a string is refused). Each further
//! item steps into the value: a mapping by key, a list or a string (Python
//! sequences both) by integer index, negative counting from the end, a string
//! index read with Python's `int()`. A step that fails in any way (no such
//! key, index out of range, a value that cannot be stepped into) makes the
//! whole result the empty string: Heat catches KeyError, IndexError and
//! TypeError. An undefined parameter is `The Parameter (x) was not provided.`

use hotc_grammar::Span;

use crate::ir::Expr;

use super::python;
use crate::eval::{self, Context, EvalError, EvalErrorKind, Val};

pub(crate) fn eval(arg: &Expr, span: Span, ctx: &dyn Context) -> Result<Val, EvalError> {
    let bad = || {
        EvalError::new(
            EvalErrorKind::BadArguments {
                function: "get_param",
                expected: "a parameter name, or a list of a name and a path",
            },
            span,
        )
    };
    let arg = eval::eval(arg, ctx)?;
    // Heat: `if not args: raise ValueError(...must have arguments)`.
    let empty = match &arg {
        Val::Null => true,
        Val::Str(s) => s.is_empty(),
        Val::List(items) => items.is_empty(),
        Val::Map(entries) => entries.is_empty(),
        Val::Bool(_) | Val::Int(_) | Val::Float(_) | Val::Unknown => false,
    };
    if empty {
        return Err(bad());
    }
    let (name, path) = match arg {
        Val::Str(name) => (name, Vec::new()),
        Val::List(items) => {
            let mut items = items.into_iter();
            match items.next() {
                Some(Val::Str(name)) => (name, items.collect()),
                Some(Val::Unknown) => return Ok(Val::Unknown),
                _ => return Err(bad()),
            }
        }
        Val::Unknown => return Ok(Val::Unknown),
        Val::Null | Val::Bool(_) | Val::Int(_) | Val::Float(_) | Val::Map(_) => {
            return Err(bad());
        }
    };
    let Some(mut value) = ctx.param(&name) else {
        return Err(EvalError::new(
            EvalErrorKind::UnknownParameter { name },
            span,
        ));
    };
    for key in &path {
        match step(value, key) {
            Some(next) => value = next,
            // Heat: `except (KeyError, IndexError, TypeError): return ''`.
            None => return Ok(Val::Str(String::new())),
        }
    }
    Ok(value)
}

/// One path step as `get_path_component` takes it; `None` where Python
/// raises KeyError, IndexError or TypeError.
fn step(value: Val, key: &Val) -> Option<Val> {
    if matches!(value, Val::Unknown) || matches!(key, Val::Unknown) {
        return Some(Val::Unknown);
    }
    // Path components must be strings or integers (a bool is an int).
    let index = match key {
        Val::Int(i) => Some(*i),
        Val::Bool(b) => Some(i128::from(*b)),
        Val::Str(_) => None,
        Val::Null | Val::Float(_) | Val::List(_) | Val::Map(_) | Val::Unknown => return None,
    };
    match value {
        Val::Map(entries) => python::dict_get(&entries, key).cloned(),
        Val::List(items) => {
            let i = index.or_else(|| key.as_str().and_then(python::int_of_str))?;
            let len = i128::try_from(items.len()).ok()?;
            let at = usize::try_from(if i < 0 { i + len } else { i }).ok()?;
            items.into_iter().nth(at)
        }
        Val::Str(s) => {
            let i = index.or_else(|| key.as_str().and_then(python::int_of_str))?;
            let chars: Vec<char> = s.chars().collect();
            let len = i128::try_from(chars.len()).ok()?;
            let at = usize::try_from(if i < 0 { i + len } else { i }).ok()?;
            chars.get(at).map(|c| Val::Str(c.to_string()))
        }
        Val::Null | Val::Bool(_) | Val::Int(_) | Val::Float(_) | Val::Unknown => None,
    }
}

#[cfg(test)]
mod tests {
    use crate::eval::Val;
    use crate::eval::tests::{Stack, eval_yaml};

    #[test]
    fn reads_a_parameter_and_a_path_into_it() {
        let stack = Stack::new("2021-04-16")
            .with_param("image", Val::Str("cirros".into()))
            .with_param(
                "ports",
                Val::Map(vec![(
                    Val::Str("web".into()),
                    Val::List(vec![Val::Int(80), Val::Int(8080)]),
                )]),
            );
        assert_eq!(
            eval_yaml(&stack, "{get_param: image}"),
            Ok(Val::Str("cirros".into()))
        );
        assert_eq!(
            eval_yaml(&stack, "{get_param: [ports, web, 1]}"),
            Ok(Val::Int(8080))
        );
        // Heat accepts a string of digits as a list index.
        assert_eq!(
            eval_yaml(&stack, "{get_param: [ports, web, '0']}"),
            Ok(Val::Int(80))
        );
    }

    /// Heat catches KeyError, IndexError and TypeError on the path and
    /// returns "" (checked with Heat 27.0.1 by tests/eval/cases.yaml); a
    /// string is a sequence, and negative indexes count from the end.
    #[test]
    fn a_failed_path_step_gives_the_empty_string() {
        let stack = Stack::new("2016-10-14")
            .with_param(
                "j",
                Val::Map(vec![(Val::Str("k".into()), Val::List(vec![Val::Int(1)]))]),
            )
            .with_param("s", Val::Str("abc".into()));
        let empty = Ok(Val::Str(String::new()));
        assert_eq!(eval_yaml(&stack, "{get_param: [j, z]}"), empty);
        assert_eq!(eval_yaml(&stack, "{get_param: [j, k, 3]}"), empty);
        assert_eq!(eval_yaml(&stack, "{get_param: [j, k, x]}"), empty);
        assert_eq!(eval_yaml(&stack, "{get_param: [j, k, 1.5]}"), empty);
        assert_eq!(
            eval_yaml(&stack, "{get_param: [s, 0]}"),
            Ok(Val::Str("a".into()))
        );
        assert_eq!(
            eval_yaml(&stack, "{get_param: [j, k, -1]}"),
            Ok(Val::Int(1))
        );
    }

    /// Heat: `The Parameter (nope) was not provided.`
    #[test]
    fn an_undeclared_parameter_is_an_error() {
        let stack = Stack::new("2021-04-16");
        let err = eval_yaml(&stack, "{get_param: nope}")
            .err()
            .map(|e| format!("{:?}", e.kind));
        assert_eq!(err.as_deref(), Some("UnknownParameter { name: \"nope\" }"));
    }
}
