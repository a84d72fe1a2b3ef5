//! `if`: one of two values, chosen by a condition.
//!
//! ```yaml
//! flavor: {if: [is_prod, m1.large, m1.small]}
//! size: {if: [{equals: [{get_param: env}, prod]}, 100, 10]}
//! tags: {if: [is_prod, [prod]]}          # two arguments: 2021-04-16 on
//! ```
//!
//! Heat (hot/functions.py `If`, a macro): the argument must be a list of
//! `[condition, value_if_true, value_if_false]` (`Arguments to "if" must be
//! of the form: [condition_name, value_if_true, value_if_false]`). The
//! condition is parsed with the condition functions, so it is a condition's
//! name or a condition expression (`crate::eval::condition`); only the
//! chosen branch is parsed and resolved, so the other may hold anything.
//! From 2021-04-16 (`IfNullable`) the third item may be left out: a false
//! condition then makes the enclosing list item, mapping entry or property
//! disappear (Heat's `Ellipsis`, filtered out by `function.resolve`): see
//! `eval_nullable`, which containers use. Where nothing encloses the `if`,
//! Heat's `resolve(..., nullable=False)` makes the absent value null.

use hotc_grammar::Span;

use crate::ir::{Expr, ExprKind};

use crate::eval::condition::eval_condition;
use crate::eval::{self, Context, EvalError, EvalErrorKind, Val, python_json};
use crate::versions::HotVersion;

pub(crate) fn eval(arg: &Expr, span: Span, ctx: &dyn Context) -> Result<Val, EvalError> {
    Ok(eval_nullable(arg, span, ctx)?.unwrap_or(Val::Null))
}

/// Like `eval`, but `None` when a two-argument `if` (2021-04-16 on) has a
/// false condition: the enclosing item is then left out.
pub(crate) fn eval_nullable(
    arg: &Expr,
    span: Span,
    ctx: &dyn Context,
) -> Result<Option<Val>, EvalError> {
    let nullable = ctx.version() >= HotVersion::V2021_04_16;
    let bad = || {
        EvalError::new(
            EvalErrorKind::BadArguments {
                function: "if",
                expected: "[condition_name, value_if_true, value_if_false]",
            },
            span,
        )
    };
    let ExprKind::Seq(items) = &arg.kind else {
        return Err(bad());
    };
    let (condition, if_true, if_false) = match items.as_slice() {
        [c, t, f] => (c, t, Some(f)),
        [c, t] if nullable => (c, t, None),
        _ => return Err(bad()),
    };
    match eval_condition(condition, ctx)? {
        // The chosen branch may itself be an absent `if`: Heat parses it in
        // the `if`'s place, so its absence is the `if`'s.
        Val::Bool(true) => eval::eval_nullable(if_true, ctx),
        Val::Bool(false) => match if_false {
            Some(value) => eval::eval_nullable(value, ctx),
            None => Ok(None),
        },
        // `eval_condition` answers a boolean or unknown; the branch taken
        // after apply is not known, but when both branches give the same
        // known value the result does not depend on it.
        _ => {
            let Some(if_false) = if_false else {
                return Ok(Some(Val::Unknown));
            };
            match (eval::eval(if_true, ctx), eval::eval(if_false, ctx)) {
                // `==` on `Val` holds 0.0 and -0.0 equal; their JSON does not.
                (Ok(a), Ok(b))
                    if a == b
                        && !a.has_unknown()
                        && python_json(&a, false) == python_json(&b, false) =>
                {
                    Ok(Some(a))
                }
                // An error in a branch may be in the one never taken.
                _ => Ok(Some(Val::Unknown)),
            }
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

    #[test]
    fn picks_by_condition_name() {
        let stack = Stack::new("2016-10-14")
            .with_condition("prod", true)
            .with_condition("dev", false);
        assert_eq!(eval_yaml(&stack, "{if: [prod, big, small]}"), Ok(s("big")));
        assert_eq!(eval_yaml(&stack, "{if: [dev, big, small]}"), Ok(s("small")));
        assert_eq!(
            eval_yaml(&stack, "{if: [nope, big, small]}").map_err(|e| e.kind),
            Err(EvalErrorKind::UnknownCondition {
                name: "nope".into()
            })
        );
    }

    /// Heat parses the condition with `parse_condition`: an expression
    /// works in place of a name, and a boolean as itself.
    #[test]
    fn picks_by_condition_expression() {
        let stack = Stack::new("2016-10-14").with_param("env", s("prod"));
        assert_eq!(
            eval_yaml(&stack, "{if: [{equals: [{get_param: env}, prod]}, 1, 2]}"),
            Ok(Val::Int(1))
        );
        assert_eq!(eval_yaml(&stack, "{if: [false, 1, 2]}"), Ok(Val::Int(2)));
    }

    /// Only the chosen branch is resolved: the other may be invalid.
    #[test]
    fn the_other_branch_is_not_evaluated() {
        let stack = Stack::new("2016-10-14").with_condition("prod", true);
        assert_eq!(
            eval_yaml(&stack, "{if: [prod, ok, {get_param: missing}]}"),
            Ok(s("ok"))
        );
    }

    /// 2021-04-16 `IfNullable`: two arguments are allowed; before, they are
    /// `Arguments to "if" must be of the form: ...`.
    #[test]
    fn two_arguments_from_2021_04_16() {
        let old = Stack::new("2018-08-31").with_condition("prod", true);
        assert!(eval_yaml(&old, "{if: [prod, a]}").is_err());
        let new = Stack::new("2021-04-16")
            .with_condition("prod", true)
            .with_condition("dev", false);
        assert_eq!(eval_yaml(&new, "{if: [prod, a]}"), Ok(s("a")));
        // Nothing encloses it: Heat's non-nullable resolve gives None.
        assert_eq!(eval_yaml(&new, "{if: [dev, a]}"), Ok(Val::Null));
        // In a list or a mapping the item or entry is left out.
        assert_eq!(
            eval_yaml(&new, "[x, {if: [dev, a]}, {if: [prod, b]}]"),
            Ok(Val::List(vec![s("x"), s("b")]))
        );
        assert_eq!(
            eval_yaml(
                &new,
                "{k: {if: [dev, a]}, j: {if: [prod, {if: [dev, c]}, d]}, l: 1}"
            ),
            Ok(Val::Map(vec![(s("l"), Val::Int(1))]))
        );
        assert!(eval_yaml(&new, "{if: [prod, a, b, c]}").is_err());
    }

    #[test]
    fn an_unknown_condition_gives_unknown() {
        let stack = Stack::new("2016-10-14").with_param("flag", Val::Unknown);
        assert_eq!(
            eval_yaml(&stack, "{if: [{get_param: flag}, a, b]}"),
            Ok(Val::Unknown)
        );
        // The same value either way does not depend on the condition.
        assert_eq!(
            eval_yaml(&stack, "{if: [{get_param: flag}, a, a]}"),
            Ok(s("a"))
        );
        // 1 and 1.0 are different outputs, though equal in Python.
        assert_eq!(
            eval_yaml(&stack, "{if: [{get_param: flag}, 1, 1.0]}"),
            Ok(Val::Unknown)
        );
        assert_eq!(
            eval_yaml(&stack, "{if: [{get_param: flag}, 0.0, -0.0]}"),
            Ok(Val::Unknown)
        );
        assert_eq!(
            eval_yaml(&stack, "{if: [{get_param: flag}, a, {get_param: nope}]}"),
            Ok(Val::Unknown)
        );
    }
}
