//! `list_concat` and `list_concat_unique`: lists joined end to end.
//!
//! ```yaml
//! security_groups: {list_concat: [[default], {get_param: extra_groups}]}
//! ports: {list_concat_unique: [[80, 443], [443, 8080]]}   # [80, 443, 8080]
//! ```
//!
//! Heat (hot/functions.py `ListConcat`, `ListConcatUnique` its subclass,
//! hence one module; 2017-09-01 on): the resolved argument must be a list,
//! not a string (`Incorrect arguments to "list_concat" should be: ...`);
//! each item must be a list or null, null adding nothing (`Incorrect
//! arguments: Items to concat must be lists. ["a", 1] contains an item that
//! is not a list: 1`, both parts as `jsonutils.dumps` writes them). The
//! unique variant keeps the first of each run of items equal in Python
//! (`item not in unique_list`), so `1`, `1.0` and `true` are one item.

use hotc_grammar::Span;

use crate::ir::Expr;

use crate::eval::{self, Context, EvalError, EvalErrorKind, Val, python_json};
use crate::intrinsics::python;

pub(crate) fn eval(arg: &Expr, span: Span, ctx: &dyn Context) -> Result<Val, EvalError> {
    concat(arg, span, ctx, "list_concat", false)
}

pub(crate) fn eval_unique(arg: &Expr, span: Span, ctx: &dyn Context) -> Result<Val, EvalError> {
    concat(arg, span, ctx, "list_concat_unique", true)
}

fn concat(
    arg: &Expr,
    span: Span,
    ctx: &dyn Context,
    function: &'static str,
    unique: bool,
) -> Result<Val, EvalError> {
    let args = eval::eval(arg, ctx)?;
    let lists = match &args {
        Val::List(lists) => lists,
        Val::Unknown => return Ok(Val::Unknown),
        Val::Null | Val::Bool(_) | Val::Int(_) | Val::Float(_) | Val::Str(_) | Val::Map(_) => {
            return Err(EvalError::new(
                EvalErrorKind::BadArguments {
                    function,
                    expected: "[ [ <value 1>, <value 2> ], [ <value 3>, <value 4> ] ]",
                },
                span,
            ));
        }
    };
    let mut all = Vec::new();
    let mut unknown = false;
    for list in lists {
        match list {
            Val::Null => {}
            Val::List(items) => all.extend(items.iter().cloned()),
            Val::Unknown => unknown = true,
            Val::Bool(_) | Val::Int(_) | Val::Float(_) | Val::Str(_) | Val::Map(_) => {
                if args.has_unknown() {
                    // The message shows every argument; some are not known.
                    return Ok(Val::Unknown);
                }
                return Err(EvalError::new(
                    EvalErrorKind::Failed {
                        function,
                        message: format!(
                            "Incorrect arguments: Items to concat must be lists. {} contains an item that is not a list: {}",
                            python_json(&args, false),
                            python_json(list, false)
                        ),
                    },
                    span,
                ));
            }
        }
    }
    if unknown {
        return Ok(Val::Unknown);
    }
    if !unique {
        return Ok(Val::List(all));
    }
    let mut kept: Vec<Val> = Vec::with_capacity(all.len());
    for item in all {
        match python::list_contains(&kept, &item) {
            Some(true) => {}
            Some(false) => kept.push(item),
            None => return Ok(Val::Unknown),
        }
    }
    Ok(Val::List(kept))
}

#[cfg(test)]
mod tests {
    use crate::eval::tests::{Stack, eval_yaml};
    use crate::eval::{EvalErrorKind, Val};

    fn s(t: &str) -> Val {
        Val::Str(t.to_owned())
    }

    #[test]
    fn concatenates_in_order_skipping_null() {
        let stack = Stack::new("2017-09-01");
        assert_eq!(
            eval_yaml(&stack, "{list_concat: [[a, b], null, [a]]}"),
            Ok(Val::List(vec![s("a"), s("b"), s("a")]))
        );
    }

    /// Heat: `item not in unique_list`, Python equality (`1 == 1.0 == True`).
    #[test]
    fn unique_keeps_the_first_of_equal_items() {
        let stack = Stack::new("2017-09-01");
        assert_eq!(
            eval_yaml(&stack, "{list_concat_unique: [[1, a], [1.0, true, b, a]]}"),
            Ok(Val::List(vec![Val::Int(1), s("a"), s("b")]))
        );
    }

    /// Heat: `Items to concat must be lists. [["a"], "b"] contains an item
    /// that is not a list: "b"`.
    #[test]
    fn items_must_be_lists() {
        let stack = Stack::new("2017-09-01");
        assert_eq!(
            eval_yaml(&stack, "{list_concat: [[a], b]}").map_err(|e| e.kind),
            Err(EvalErrorKind::Failed {
                function: "list_concat",
                message: r#"Incorrect arguments: Items to concat must be lists. [["a"], "b"] contains an item that is not a list: "b""#.into()
            })
        );
        assert!(eval_yaml(&stack, "{list_concat: abc}").is_err());
    }

    #[test]
    fn unknown_lists_give_unknown() {
        let stack = Stack::new("2017-09-01").with_param("l", Val::Unknown);
        assert_eq!(
            eval_yaml(&stack, "{list_concat: [[a], {get_param: l}]}"),
            Ok(Val::Unknown)
        );
    }
}
