//! `list_join`: joins lists of strings with a delimiter.
//!
//! ```yaml
//! url: {list_join: ['', ['http://', {get_attr: [server, first_address]}, ':8080']]}
//! all: {list_join: [',', [a, b], [c]]}   # several lists: 2015-10-15 on
//! ```
//!
//! Heat (hot/functions.py): before 2015-10-15 `Join` takes exactly
//! `[delimiter, list]` and every item must be a string (`Items to join must
//! be strings`); from 2015-10-15 `JoinMultiple` takes one or more lists, and
//! items that are mappings or lists are joined as their JSON
//! (`jsonutils.dumps(item, sort_keys=True)`). In both, a null item joins as
//! "", a null list as no items, a string or mapping where a list should be is
//! `"list_join" must operate on a list`, and the delimiter must be a string.

use hotc_grammar::Span;

use crate::ir::{Expr, ExprKind};

use crate::eval::{self, Context, EvalError, EvalErrorKind, Val, python_json};
use crate::versions::HotVersion;

pub(crate) fn eval(arg: &Expr, span: Span, ctx: &dyn Context) -> Result<Val, EvalError> {
    let multiple = ctx.version() >= HotVersion::V2015_10_15;
    let err = |kind| EvalError::new(kind, span);
    let bad = || {
        err(EvalErrorKind::BadArguments {
            function: "list_join",
            expected: if multiple {
                "a list of a delimiter and one or more lists"
            } else {
                "a list of a delimiter and a list"
            },
        })
    };
    let ExprKind::Seq(args) = &arg.kind else {
        return Err(bad());
    };
    let Some((delim, lists)) = args.split_first() else {
        return Err(bad());
    };
    if lists.is_empty() || (!multiple && lists.len() != 1) {
        return Err(bad());
    }
    let mut items = Vec::new();
    for list in lists {
        match eval::eval(list, ctx)? {
            Val::Null => {}
            Val::List(values) => items.extend(values),
            Val::Unknown => return Ok(Val::Unknown),
            Val::Bool(_) | Val::Int(_) | Val::Float(_) | Val::Str(_) | Val::Map(_) => {
                return Err(err(EvalErrorKind::Failed {
                    function: "list_join",
                    message: "\"list_join\" must operate on a list".to_owned(),
                }));
            }
        }
    }
    let delim = match eval::eval(delim, ctx)? {
        Val::Str(s) => s,
        Val::Unknown => return Ok(Val::Unknown),
        other => {
            return Err(err(EvalErrorKind::NotAString {
                function: "list_join",
                found: other.type_name(),
            }));
        }
    };
    let mut parts = Vec::with_capacity(items.len());
    for item in items {
        let part = match item {
            Val::Null => String::new(),
            Val::Str(s) => s,
            Val::Unknown => return Ok(Val::Unknown),
            Val::List(_) | Val::Map(_) if multiple => {
                if item.has_unknown() {
                    return Ok(Val::Unknown);
                }
                python_json(&item, true)
            }
            Val::List(_) | Val::Map(_) | Val::Bool(_) | Val::Int(_) | Val::Float(_) => {
                return Err(err(EvalErrorKind::NotAString {
                    function: "list_join",
                    found: item.type_name(),
                }));
            }
        };
        parts.push(part);
    }
    Ok(Val::Str(parts.join(&delim)))
}

#[cfg(test)]
mod tests {
    use crate::eval::Val;
    use crate::eval::tests::{Stack, eval_yaml};

    fn s(text: &str) -> Val {
        Val::Str(text.to_owned())
    }

    #[test]
    fn joins_one_list() {
        let stack = Stack::new("2013-05-23");
        assert_eq!(
            eval_yaml(&stack, "{list_join: [', ', [a, b, c]]}"),
            Ok(s("a, b, c"))
        );
        // Heat: a null item joins as the empty string.
        assert_eq!(
            eval_yaml(&stack, "{list_join: ['-', [a, null, c]]}"),
            Ok(s("a--c"))
        );
    }

    /// 2015-10-15 `JoinMultiple`: several lists, and structures as sorted JSON.
    #[test]
    fn joins_several_lists_and_json_from_2015_10_15() {
        let stack = Stack::new("2015-10-15");
        assert_eq!(
            eval_yaml(&stack, "{list_join: [',', [a], [b, c]]}"),
            Ok(s("a,b,c"))
        );
        assert_eq!(
            eval_yaml(&stack, "{list_join: [' ', [{b: 1, a: [x]}]]}"),
            Ok(s(r#"{"a": ["x"], "b": 1}"#))
        );
        let old = Stack::new("2013-05-23");
        assert!(eval_yaml(&old, "{list_join: [',', [a], [b]]}").is_err());
        assert!(eval_yaml(&old, "{list_join: [',', [{a: 1}]]}").is_err());
    }

    /// Heat: `"list_join" must operate on a list`.
    #[test]
    fn a_string_is_not_a_list() {
        let stack = Stack::new("2021-04-16");
        assert!(eval_yaml(&stack, "{list_join: [',', abc]}").is_err());
    }

    #[test]
    fn an_unknown_item_makes_the_result_unknown() {
        let stack = Stack::new("2021-04-16").with_param("address", Val::Unknown);
        assert_eq!(
            eval_yaml(
                &stack,
                "{list_join: ['', ['http://', {get_param: address}]]}"
            ),
            Ok(Val::Unknown)
        );
    }
}
