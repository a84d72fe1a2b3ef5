//! `contains`: whether a value is in a sequence.
//!
//! ```yaml
//! conditions:
//!   wants_ssl: {contains: [https, {get_param: protocols}]}
//! ```
//!
//! Heat (hot/functions.py `Contains`, 2017-09-01 on, also a condition
//! function): the argument must be a non-empty list (`Incorrect arguments to
//! "contains" should be: ...`) of exactly two items (`Arguments to "contains"
//! must be of the form: [value1, [value1, value2]]`), checked before
//! resolving; the result is Python's `value in sequence`. A sequence is a
//! list or a string (`Second argument to "contains" should be a sequence.`
//! for anything else, null and mappings included); in a string, `in` is a
//! substring test and the value must be a string (Python: `'in <string>'
//! requires string as left operand`).

use hotc_grammar::Span;

use crate::ir::{Expr, ExprKind};

use crate::eval::condition::SubEval;
use crate::eval::{self, Context, EvalError, EvalErrorKind, Val};
use crate::intrinsics::python;

pub(crate) fn eval(arg: &Expr, span: Span, ctx: &dyn Context) -> Result<Val, EvalError> {
    eval_with(arg, span, ctx, eval::eval)
}

pub(crate) fn eval_with(
    arg: &Expr,
    span: Span,
    ctx: &dyn Context,
    sub: SubEval,
) -> Result<Val, EvalError> {
    let bad = || {
        EvalError::new(
            EvalErrorKind::BadArguments {
                function: "contains",
                expected: "[value1, [value1, value2]]",
            },
            span,
        )
    };
    let ExprKind::Seq(items) = &arg.kind else {
        return Err(bad());
    };
    let [value, sequence] = items.as_slice() else {
        return Err(bad());
    };
    let value = sub(value, ctx)?;
    let sequence = sub(sequence, ctx)?;
    let failed = |message: String| {
        EvalError::new(
            EvalErrorKind::Failed {
                function: "contains",
                message,
            },
            span,
        )
    };
    match &sequence {
        Val::Unknown => Ok(Val::Unknown),
        Val::List(items) => {
            Ok(python::list_contains(items, &value).map_or(Val::Unknown, Val::Bool))
        }
        Val::Str(text) => match &value {
            Val::Str(needle) => Ok(Val::Bool(text.contains(needle.as_str()))),
            Val::Unknown => Ok(Val::Unknown),
            Val::Null | Val::Bool(_) | Val::Int(_) | Val::Float(_) | Val::List(_) | Val::Map(_) => {
                Err(failed(format!(
                    "'in <string>' requires string as left operand, not {}",
                    python_type_name(&value)
                )))
            }
        },
        Val::Null | Val::Bool(_) | Val::Int(_) | Val::Float(_) | Val::Map(_) => Err(failed(
            "Second argument to \"contains\" should be a sequence.".to_owned(),
        )),
    }
}

/// Python's `type(v).__name__`.
fn python_type_name(v: &Val) -> &'static str {
    match v {
        Val::Null | Val::Unknown => "NoneType",
        Val::Bool(_) => "bool",
        Val::Int(_) => "int",
        Val::Float(_) => "float",
        Val::Str(_) => "str",
        Val::List(_) => "list",
        Val::Map(_) => "dict",
    }
}

#[cfg(test)]
mod tests {
    use crate::eval::Val;
    use crate::eval::tests::{Stack, eval_yaml};

    #[test]
    fn membership_in_a_list_is_python_equality() {
        let stack = Stack::new("2017-09-01");
        assert_eq!(
            eval_yaml(&stack, "{contains: [a, [a, b]]}"),
            Ok(Val::Bool(true))
        );
        assert_eq!(
            eval_yaml(&stack, "{contains: [c, [a, b]]}"),
            Ok(Val::Bool(false))
        );
        // Python: 1 in [1.0] and True in [1].
        assert_eq!(
            eval_yaml(&stack, "{contains: [1, [1.0]]}"),
            Ok(Val::Bool(true))
        );
        assert_eq!(
            eval_yaml(&stack, "{contains: [true, [1]]}"),
            Ok(Val::Bool(true))
        );
    }

    /// Python: `'ab' in 'xaby'` is a substring test; `1 in 'x'` a TypeError.
    #[test]
    fn a_string_is_a_sequence_of_text() {
        let stack = Stack::new("2017-09-01");
        assert_eq!(
            eval_yaml(&stack, "{contains: [ab, xaby]}"),
            Ok(Val::Bool(true))
        );
        assert!(eval_yaml(&stack, "{contains: [1, x]}").is_err());
    }

    /// Heat: `Second argument to "contains" should be a sequence.`
    #[test]
    fn a_mapping_or_null_is_not_a_sequence() {
        let stack = Stack::new("2017-09-01");
        assert!(eval_yaml(&stack, "{contains: [a, {a: 1}]}").is_err());
        assert!(eval_yaml(&stack, "{contains: [a, null]}").is_err());
        assert!(eval_yaml(&stack, "{contains: [a]}").is_err());
    }

    #[test]
    fn unknown_sequences_give_unknown() {
        let stack = Stack::new("2017-09-01").with_param("l", Val::Unknown);
        assert_eq!(
            eval_yaml(&stack, "{contains: [a, {get_param: l}]}"),
            Ok(Val::Unknown)
        );
    }
}
