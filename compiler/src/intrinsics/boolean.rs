//! `not`, `and`, `or`: the boolean condition functions.
//!
//! ```yaml
//! conditions:
//!   deploy: {and: [is_prod, {not: is_test}, {or: [big, {equals: [a, a]}]}]}
//! ```
//!
//! Heat (hot/functions.py `ConditionBoolean`, one class for the three, hence
//! one module): `and` and `or` take a list of at least two conditions
//! (`Arguments to "and" must be a list of conditions`, `The minimum number of
//! condition arguments to "and" is 2.`), `not` takes one, which may not be a
//! literal null (`Argument to "not" must be a condition`). Every item is
//! resolved first, then read as `Conditions.is_enabled` reads it (a
//! boolean, the name of a condition, null as true); `and` stops at the first
//! false and `or` at the first true, as Python's `all` and `any` do, so an
//! invalid name after them is never looked at. They are functions only in
//! conditions (`crate::eval::condition`).

use hotc_grammar::Span;

use crate::ir::{Expr, ExprKind};

use crate::eval::condition::SubEval;
use crate::eval::condition::is_enabled;
use crate::eval::{Context, EvalError, EvalErrorKind, Val};

pub(crate) fn eval_not(
    arg: &Expr,
    span: Span,
    ctx: &dyn Context,
    sub: SubEval,
) -> Result<Val, EvalError> {
    if matches!(arg.kind, ExprKind::Null) {
        return Err(EvalError::new(
            EvalErrorKind::BadArguments {
                function: "not",
                expected: "a condition",
            },
            span,
        ));
    }
    let value = sub(arg, ctx)?;
    Ok(match is_enabled(&value, arg, ctx)? {
        Val::Bool(b) => Val::Bool(!b),
        _ => Val::Unknown,
    })
}

pub(crate) fn eval_and(
    arg: &Expr,
    span: Span,
    ctx: &dyn Context,
    sub: SubEval,
) -> Result<Val, EvalError> {
    fold(arg, span, ctx, sub, "and", false)
}

pub(crate) fn eval_or(
    arg: &Expr,
    span: Span,
    ctx: &dyn Context,
    sub: SubEval,
) -> Result<Val, EvalError> {
    fold(arg, span, ctx, sub, "or", true)
}

/// `all` (`stop_at` false) or `any` (`stop_at` true) over the conditions.
fn fold(
    arg: &Expr,
    span: Span,
    ctx: &dyn Context,
    sub: SubEval,
    function: &'static str,
    stop_at: bool,
) -> Result<Val, EvalError> {
    let ExprKind::Seq(items) = &arg.kind else {
        return Err(EvalError::new(
            EvalErrorKind::BadArguments {
                function,
                expected: "a list of conditions",
            },
            span,
        ));
    };
    if items.len() < 2 {
        return Err(EvalError::new(
            EvalErrorKind::BadArguments {
                function,
                expected: "a list of at least 2 conditions",
            },
            span,
        ));
    }
    // Heat resolves every item before reading any of them.
    let values = items
        .iter()
        .map(|item| sub(item, ctx))
        .collect::<Result<Vec<_>, _>>()?;
    let mut unknown = false;
    for (value, item) in values.iter().zip(items) {
        match is_enabled(value, item, ctx) {
            // An unknown item before it may have been an invalid name
            // (an error) or may have decided the result already.
            Ok(Val::Bool(b)) if b == stop_at && unknown => return Ok(Val::Unknown),
            Ok(Val::Bool(b)) if b == stop_at => return Ok(Val::Bool(stop_at)),
            Ok(Val::Bool(_)) => {}
            Ok(_) => unknown = true,
            // After an unknown item Heat may have stopped before this one.
            Err(_) if unknown => return Ok(Val::Unknown),
            Err(e) => return Err(e),
        }
    }
    Ok(if unknown {
        Val::Unknown
    } else {
        Val::Bool(!stop_at)
    })
}

#[cfg(test)]
mod tests {
    use crate::eval::condition::cond_yaml;
    use crate::eval::tests::Stack;
    use crate::eval::{EvalErrorKind, Val};

    fn stack() -> Stack {
        Stack::new("2016-10-14")
            .with_condition("yes", true)
            .with_condition("no", false)
    }

    #[test]
    fn and_or_not_over_names_and_booleans() {
        let s = stack();
        assert_eq!(cond_yaml(&s, "{and: [yes, true]}"), Ok(Val::Bool(true)));
        assert_eq!(cond_yaml(&s, "{and: [yes, no]}"), Ok(Val::Bool(false)));
        assert_eq!(cond_yaml(&s, "{or: [no, yes]}"), Ok(Val::Bool(true)));
        assert_eq!(cond_yaml(&s, "{or: [no, false]}"), Ok(Val::Bool(false)));
        assert_eq!(cond_yaml(&s, "{not: no}"), Ok(Val::Bool(true)));
        // Heat's is_enabled(None) is True.
        assert_eq!(cond_yaml(&s, "{and: [yes, null]}"), Ok(Val::Bool(true)));
    }

    /// Python's `all` stops at the first false: a bad name after it is
    /// never read.
    #[test]
    fn and_stops_at_the_first_false() {
        let s = stack();
        assert_eq!(cond_yaml(&s, "{and: [no, nope]}"), Ok(Val::Bool(false)));
        assert_eq!(
            cond_yaml(&s, "{and: [yes, nope]}").map_err(|e| e.kind),
            Err(EvalErrorKind::UnknownCondition {
                name: "nope".into()
            })
        );
    }

    /// Heat: `The minimum number of condition arguments to "and" is 2.`,
    /// `Argument to "not" must be a condition`.
    #[test]
    fn argument_shapes() {
        let s = stack();
        assert!(cond_yaml(&s, "{and: [yes]}").is_err());
        assert!(cond_yaml(&s, "{or: yes}").is_err());
        assert!(cond_yaml(&s, "{not: null}").is_err());
    }

    #[test]
    fn unknown_unless_decided() {
        let s = stack().with_param("p", Val::Unknown);
        assert_eq!(
            cond_yaml(&s, "{and: [{get_param: p}, yes]}"),
            Ok(Val::Unknown)
        );
        assert_eq!(
            cond_yaml(&s, "{and: [no, {get_param: p}]}"),
            Ok(Val::Bool(false))
        );
        assert_eq!(cond_yaml(&s, "{not: {get_param: p}}"), Ok(Val::Unknown));
    }
}
