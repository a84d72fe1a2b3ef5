//! `get_param`: a parameter's value, optionally followed by a path into it.
//!
//! ```yaml
//! image: {get_param: image}
//! port: {get_param: [ports, web, 0]}
//! ```
//!
//! Heat (hot/functions.py `GetParam`): the argument is a name or a list
//! whose first item is the name; each further item indexes into the value —
//! a mapping by key, a list by integer index (a string of digits is
//! accepted), and a JSON-encoded string parameter is decoded first only for
//! `json` parameters, whose values are already structures here. An undefined
//! parameter is `The Parameter (x) was not provided.`

use hotc_grammar::{Span, Value};

use crate::eval::{self, Context, EvalError, EvalErrorKind, Val};

pub(crate) fn eval(arg: &Value, span: Span, ctx: &dyn Context) -> Result<Val, EvalError> {
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
    for step in path {
        value = index(value, &step).ok_or_else(|| {
            EvalError::new(
                EvalErrorKind::BadPath {
                    function: "get_param",
                    step: describe(&step),
                },
                span,
            )
        })?;
    }
    Ok(value)
}

/// One path step: a key into a mapping, an index into a list.
fn index(value: Val, step: &Val) -> Option<Val> {
    match (value, step) {
        (Val::Unknown, _) | (_, Val::Unknown) => Some(Val::Unknown),
        (Val::Map(entries), key) => entries.into_iter().find(|(k, _)| k == key).map(|(_, v)| v),
        (Val::List(items), Val::Int(i)) => usize::try_from(*i)
            .ok()
            .and_then(|i| items.into_iter().nth(i)),
        (Val::List(items), Val::Str(s)) => s
            .parse::<usize>()
            .ok()
            .and_then(|i| items.into_iter().nth(i)),
        _ => None,
    }
}

fn describe(step: &Val) -> String {
    match step {
        Val::Str(s) => s.clone(),
        Val::Int(i) => i.to_string(),
        other => other.type_name().to_owned(),
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
