//! `filter`: a list without some values.
//!
//! ```yaml
//! networks: {filter: [[null, ''], [{get_param: net1}, {get_param: net2}]]}
//! ```
//!
//! Heat (hot/functions.py `Filter`, 2017-02-24 on): the argument must be a
//! list (`Argument to "filter" must be a list`) of two items (`"filter"
//! expected 2 arguments of the form [values, sequence] but got 3 arguments
//! instead`), checked before resolving. An empty or false sequence (null,
//! `[]`, `""`, `0`, ...) is returned as it is; any other non-list sequence is
//! `"filter" only works with lists`. Empty or false values return the
//! sequence; non-list values are `"filter" filters a list of values`. The
//! result keeps the items that are not `in` the values (Python equality).

use hotc_grammar::Span;

use crate::ir::{Expr, ExprKind};

use crate::eval::{self, Context, EvalError, EvalErrorKind, Val};
use crate::intrinsics::python;

pub(crate) fn eval(arg: &Expr, span: Span, ctx: &dyn Context) -> Result<Val, EvalError> {
    let failed = |message: String| {
        EvalError::new(
            EvalErrorKind::Failed {
                function: "filter",
                message,
            },
            span,
        )
    };
    let ExprKind::Seq(args) = &arg.kind else {
        return Err(failed("Argument to \"filter\" must be a list".to_owned()));
    };
    let [values, sequence] = args.as_slice() else {
        return Err(failed(format!(
            "\"filter\" expected 2 arguments of the form [values, sequence] but got {} arguments instead",
            args.len()
        )));
    };
    let sequence = eval::eval(sequence, ctx)?;
    if sequence.has_unknown() {
        return Ok(Val::Unknown);
    }
    if !python::truthy(&sequence) {
        return Ok(sequence);
    }
    let Val::List(items) = sequence else {
        return Err(failed("\"filter\" only works with lists".to_owned()));
    };
    let values = eval::eval(values, ctx)?;
    if values.has_unknown() {
        return Ok(Val::Unknown);
    }
    if !python::truthy(&values) {
        return Ok(Val::List(items));
    }
    let Val::List(values) = values else {
        return Err(failed("\"filter\" filters a list of values".to_owned()));
    };
    let mut kept = Vec::with_capacity(items.len());
    for item in items {
        // Neither side has unknown parts here, so the answer is known.
        if python::list_contains(&values, &item) == Some(false) {
            kept.push(item);
        }
    }
    Ok(Val::List(kept))
}

#[cfg(test)]
mod tests {
    use crate::eval::Val;
    use crate::eval::tests::{Stack, eval_yaml};

    fn s(t: &str) -> Val {
        Val::Str(t.to_owned())
    }

    #[test]
    fn removes_the_values() {
        let stack = Stack::new("2017-02-24");
        assert_eq!(
            eval_yaml(&stack, "{filter: [[null, ''], [a, null, '', b]]}"),
            Ok(Val::List(vec![s("a"), s("b")]))
        );
        // Python equality: 1.0 removes 1.
        assert_eq!(
            eval_yaml(&stack, "{filter: [[1.0], [1, 2]]}"),
            Ok(Val::List(vec![Val::Int(2)]))
        );
    }

    /// Heat returns a false sequence as it is, and the sequence when the
    /// values are false, before checking their types.
    #[test]
    fn false_arguments_short_cut() {
        let stack = Stack::new("2017-02-24");
        assert_eq!(eval_yaml(&stack, "{filter: [[a], '']}"), Ok(s("")));
        assert_eq!(eval_yaml(&stack, "{filter: [[a], null]}"), Ok(Val::Null));
        assert_eq!(
            eval_yaml(&stack, "{filter: [null, [a]]}"),
            Ok(Val::List(vec![s("a")]))
        );
    }

    /// Heat: `"filter" only works with lists`, `"filter" filters a list of
    /// values`, `"filter" expected 2 arguments ...`.
    #[test]
    fn argument_errors() {
        let stack = Stack::new("2017-02-24");
        assert!(eval_yaml(&stack, "{filter: [[a], abc]}").is_err());
        assert!(eval_yaml(&stack, "{filter: [a, [a]]}").is_err());
        assert!(eval_yaml(&stack, "{filter: [[a]]}").is_err());
        assert!(eval_yaml(&stack, "{filter: {a: 1}}").is_err());
    }
}
