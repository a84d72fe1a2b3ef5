//! `get_attr`: a resource attribute, optionally followed by a path into it.
//!
//! ```yaml
//! ip: {get_attr: [server, first_address]}
//! net0: {get_attr: [server, networks, private, 0]}
//! all: {get_attr: [server]}     # every attribute: 2015-10-15 on
//! ```
//!
//! Heat (hot/functions.py): the argument is a list of at least a resource
//! name and an attribute name (`Argument to "get_attr" must be a list`);
//! from 2015-10-15 (`GetAttAllAttributes`) a list of the resource name alone
//! (or with a null attribute name, any path then ignored) gives the mapping
//! of all attributes. The three variants
//! (`GetAttThenSelect` 2013-05-23, `GetAtt` 2014-10-16,
//! `GetAttAllAttributes`) select the path the same way, with
//! `attributes.select_from_attribute`: each step indexes a mapping by key or
//! a list or string by integer (negative counts from the end), and a step
//! that does not fit (missing key, index out of range, a value that cannot
//! be indexed, a step that is neither a string nor an integer) makes the
//! whole result null rather than an error.

use hotc_grammar::Span;

use crate::ir::{Expr, ExprKind};

use crate::eval::{self, Context, EvalError, EvalErrorKind, Val};
use crate::versions::HotVersion;

pub(crate) fn eval(arg: &Expr, span: Span, ctx: &dyn Context) -> Result<Val, EvalError> {
    let all_allowed = ctx.version() >= HotVersion::V2015_10_15;
    let bad = || {
        EvalError::new(
            EvalErrorKind::BadArguments {
                function: "get_attr",
                expected: if all_allowed {
                    "a list of a resource name, optionally an attribute and a path"
                } else {
                    "a list of a resource name, an attribute and a path"
                },
            },
            span,
        )
    };
    // Heat tests the argument for a Python sequence, and a string is one:
    // from 2015-10-15 a one-character string is a list of one name (longer
    // ones then fail the older check).
    let one_name;
    let args: &[Expr] = match &arg.kind {
        ExprKind::Seq(args) => args,
        ExprKind::Str(s) if all_allowed && s.chars().count() == 1 => {
            one_name = [Expr {
                span: arg.span,
                kind: ExprKind::Str(s.clone()),
            }];
            &one_name
        }
        ExprKind::Str(_)
        | ExprKind::Null
        | ExprKind::Bool(_)
        | ExprKind::Int(_)
        | ExprKind::Float(_)
        | ExprKind::Call(_)
        | ExprKind::Map(_) => return Err(bad()),
    };
    let Some((resource, rest)) = args.split_first() else {
        return Err(bad());
    };
    let resource = match eval::eval(resource, ctx)? {
        Val::Str(name) => name,
        Val::Unknown => return Ok(Val::Unknown),
        Val::Null | Val::Bool(_) | Val::Int(_) | Val::Float(_) | Val::List(_) | Val::Map(_) => {
            return Err(bad());
        }
    };
    // All attributes: no attribute name, or (as Heat tests `self._attribute
    // is None`) a literal null one, whose path is then ignored.
    let all = match rest.split_first() {
        None => true,
        Some((attribute, _)) => matches!(attribute.kind, ExprKind::Null),
    };
    if all && all_allowed {
        // Known only after apply.
        return match ctx.resource_ref(&resource) {
            Some(_) => Ok(Val::Unknown),
            None => Err(EvalError::new(
                EvalErrorKind::UnknownResource { name: resource },
                span,
            )),
        };
    }
    let Some((attribute, path)) = rest.split_first() else {
        return Err(bad());
    };
    let attribute = match eval::eval(attribute, ctx)? {
        Val::Str(name) => name,
        Val::Unknown => return Ok(Val::Unknown),
        Val::Null | Val::Bool(_) | Val::Int(_) | Val::Float(_) | Val::List(_) | Val::Map(_) => {
            return Err(bad());
        }
    };
    let Some(mut value) = ctx.attribute(&resource, &attribute) else {
        return Err(EvalError::new(
            EvalErrorKind::UnknownResource { name: resource },
            span,
        ));
    };
    for step in path {
        let step = eval::eval(step, ctx)?;
        value = select(value, &step);
    }
    Ok(value)
}

/// One step of `select_from_attribute`; null when it does not fit.
fn select(value: Val, step: &Val) -> Val {
    let index = |len: usize, i: i128| -> Option<usize> {
        let len = i128::try_from(len).ok()?;
        let at = if i < 0 { i + len } else { i };
        usize::try_from(at).ok()
    };
    let int = match step {
        Val::Int(i) => Some(*i),
        Val::Bool(b) => Some(i128::from(*b)),
        Val::Str(_) | Val::Null | Val::Float(_) | Val::List(_) | Val::Map(_) | Val::Unknown => None,
    };
    match (value, step) {
        (Val::Unknown, _) | (_, Val::Unknown) => Val::Unknown,
        (_, Val::Null | Val::Float(_) | Val::List(_) | Val::Map(_)) => Val::Null,
        (Val::Map(entries), key) => entries
            .into_iter()
            .find(|(k, _)| k == key)
            .map_or(Val::Null, |(_, v)| v),
        (Val::List(items), _) => int
            .and_then(|i| index(items.len(), i))
            .and_then(|i| items.into_iter().nth(i))
            .unwrap_or(Val::Null),
        (Val::Str(s), _) => {
            let chars: Vec<char> = s.chars().collect();
            int.and_then(|i| index(chars.len(), i))
                .and_then(|i| chars.get(i).copied())
                .map_or(Val::Null, |c| Val::Str(c.to_string()))
        }
        (Val::Null | Val::Bool(_) | Val::Int(_) | Val::Float(_), _) => Val::Null,
    }
}

#[cfg(test)]
mod tests {
    use super::select;
    use crate::eval::tests::{Stack, eval_yaml};
    use crate::eval::{EvalErrorKind, Val};

    fn s(text: &str) -> Val {
        Val::Str(text.to_owned())
    }

    #[test]
    fn an_attribute_before_apply_is_unknown() {
        let stack = Stack::new("2013-05-23").with_resource("server");
        assert_eq!(
            eval_yaml(&stack, "{get_attr: [server, networks, private, 0]}"),
            Ok(Val::Unknown)
        );
        assert_eq!(
            eval_yaml(&stack, "{get_attr: [nope, networks]}").map_err(|e| e.kind),
            Err(EvalErrorKind::UnknownResource {
                name: "nope".to_owned()
            })
        );
    }

    /// `GetAttAllAttributes` (2015-10-15): the resource name alone.
    #[test]
    fn all_attributes_from_2015_10_15() {
        let stack = Stack::new("2015-10-15").with_resource("server");
        assert_eq!(eval_yaml(&stack, "{get_attr: [server]}"), Ok(Val::Unknown));
        assert_eq!(
            eval_yaml(&stack, "{get_attr: [server, null, x]}"),
            Ok(Val::Unknown)
        );
        let old = Stack::new("2015-04-30").with_resource("server");
        assert!(eval_yaml(&old, "{get_attr: [server]}").is_err());
        assert!(eval_yaml(&old, "{get_attr: [server, null]}").is_err());
        assert!(eval_yaml(&stack, "{get_attr: server}").is_err());
        // A one-character string is a sequence of one name to Heat.
        let short = Stack::new("2015-10-15").with_resource("s");
        assert_eq!(eval_yaml(&short, "{get_attr: s}"), Ok(Val::Unknown));
    }

    /// `select_from_attribute`: a step that does not fit gives null.
    #[test]
    fn path_steps_as_heat_selects() {
        let value = Val::Map(vec![(
            s("private"),
            Val::List(vec![s("10.0.0.1"), s("10.0.0.2")]),
        )]);
        let list = select(value.clone(), &s("private"));
        assert_eq!(select(list.clone(), &Val::Int(-1)), s("10.0.0.2"));
        assert_eq!(select(list.clone(), &Val::Int(2)), Val::Null);
        assert_eq!(select(list, &s("0")), Val::Null);
        assert_eq!(select(value, &s("public")), Val::Null);
        assert_eq!(select(s("abc"), &Val::Int(1)), s("b"));
        assert_eq!(select(Val::Int(3), &Val::Int(0)), Val::Null);
    }
}
