//! `equals`: whether two values are equal (a condition function).
//!
//! ```yaml
//! conditions:
//!   is_prod: {equals: [{get_param: env}, prod]}
//! ```
//!
//! Heat (hot/functions.py `Equals`): the argument must be a list of exactly
//! two items (`Arguments to "equals" must be of the form: [value_1,
//! value_2]`), checked before anything is resolved; the result is Python's
//! `==` on the resolved values, so `1`, `1.0` and `true` are equal and
//! mappings compare whatever their key order. `equals` is a function only
//! in conditions (`crate::eval::condition`).

use hotc_grammar::Span;

use crate::ir::{Expr, ExprKind};

use crate::eval::condition::SubEval;
use crate::eval::{Context, EvalError, EvalErrorKind, Val};
use crate::intrinsics::python;

/// Evaluates the items with `sub` (the condition evaluator).
pub(crate) fn eval_with(
    arg: &Expr,
    span: Span,
    ctx: &dyn Context,
    sub: SubEval,
) -> Result<Val, EvalError> {
    let ExprKind::Seq(items) = &arg.kind else {
        return Err(bad(span));
    };
    let [a, b] = items.as_slice() else {
        return Err(bad(span));
    };
    let a = sub(a, ctx)?;
    let b = sub(b, ctx)?;
    Ok(python::eq(&a, &b).map_or(Val::Unknown, Val::Bool))
}

fn bad(span: Span) -> EvalError {
    EvalError::new(
        EvalErrorKind::BadArguments {
            function: "equals",
            expected: "[value_1, value_2]",
        },
        span,
    )
}

#[cfg(test)]
mod tests {
    use crate::eval::Val;
    use crate::eval::condition::cond_yaml;
    use crate::eval::tests::Stack;

    #[test]
    fn compares_as_python_does() {
        let stack = Stack::new("2016-10-14").with_param("n", Val::Int(1));
        assert_eq!(
            cond_yaml(&stack, "{equals: [{get_param: n}, 1.0]}"),
            Ok(Val::Bool(true))
        );
        assert_eq!(
            cond_yaml(&stack, "{equals: [{a: 1, b: 2}, {b: 2, a: 1}]}"),
            Ok(Val::Bool(true))
        );
        assert_eq!(
            cond_yaml(&stack, "{equals: ['1', 1]}"),
            Ok(Val::Bool(false))
        );
    }

    /// Heat: `Arguments to "equals" must be of the form: [value_1, value_2]`.
    #[test]
    fn takes_exactly_two_items() {
        let stack = Stack::new("2016-10-14");
        assert!(cond_yaml(&stack, "{equals: [a]}").is_err());
        assert!(cond_yaml(&stack, "{equals: [a, b, c]}").is_err());
        assert!(cond_yaml(&stack, "{equals: a}").is_err());
    }
}
