//! `repeat`: a list made by copying a template once per item (or per
//! combination of items) of the `for_each` lists.
//!
//! ```yaml
//! rules:
//!   repeat:
//!     for_each: {<%port%>: [80, '443'], <%net%>: [a, b]}
//!     template: {port: <%port%>, net: <%net%>}
//!     permutations: false     # 2017-09-01 on: pairwise, not every combination
//! ```
//!
//! Heat (hot/functions.py `Repeat`, `RepeatWithMap` from 2016-10-14,
//! `RepeatWithNestedLoop` from 2017-09-01): the argument is a mapping with
//! `for_each` (a mapping, or a function giving one) and `template`. Each
//! `for_each` value is a list (from 2016-10-14 also a mapping, which gives
//! its keys; a null value is an empty list; a string is refused). The
//! result has one copy of the template per element of the Cartesian
//! product of the lists (`itertools.product`, so nested loops, the first
//! key outermost), or with `permutations: false` (which must be a boolean,
//! and then the values must be lists of equal length) one per position
//! (`zip`). In each copy every string, mapping keys included, has the keys
//! replaced in `for_each` order with `str.replace`, so text brought in by
//! an earlier key is replaced by a later one; Python's `str.replace`
//! refuses a non-string item. Mappings whose keys collide after
//! replacement keep the last value, as a dict does.

use hotc_grammar::Span;

use crate::ir::{Expr, ExprKind};

use crate::eval::{self, Context, EvalError, EvalErrorKind, Val};
use crate::versions::HotVersion;

/// The most copies hotc makes: nested loops multiply, and a few lists of a
/// few hundred items would otherwise take all memory.
const MAX_COPIES: usize = 100_000;

pub(crate) fn eval(arg: &Expr, span: Span, ctx: &dyn Context) -> Result<Val, EvalError> {
    let version = ctx.version();
    let fail = |message: String| {
        EvalError::new(
            EvalErrorKind::Failed {
                function: "repeat",
                message,
            },
            span,
        )
    };
    let (Some(for_each), Some(template)) = (arg.get("for_each"), arg.get("template")) else {
        return Err(EvalError::new(
            EvalErrorKind::BadArguments {
                function: "repeat",
                expected: "a mapping with `for_each` and `template`",
            },
            span,
        ));
    };
    let nested = match arg.get("permutations") {
        Some(flag) if version >= HotVersion::V2017_09_01 => match flag.kind {
            ExprKind::Bool(b) => b,
            ExprKind::Null
            | ExprKind::Int(_)
            | ExprKind::Float(_)
            | ExprKind::Str(_)
            | ExprKind::Call(_)
            | ExprKind::Seq(_)
            | ExprKind::Map(_) => {
                return Err(fail(
                    "\"permutations\" should be boolean type for repeat function.".to_owned(),
                ));
            }
        },
        Some(_) | None => true,
    };
    let maps_allowed = nested && version >= HotVersion::V2016_10_14;
    let not_a_map =
        || fail("The \"for_each\" argument to \"repeat\" must contain a map".to_owned());
    if !matches!(for_each.kind, ExprKind::Map(_) | ExprKind::Call(_)) {
        return Err(not_a_map());
    }
    let entries = match eval::eval(for_each, ctx)? {
        Val::Map(entries) => entries,
        Val::Unknown => return Ok(Val::Unknown),
        Val::Null | Val::Bool(_) | Val::Int(_) | Val::Float(_) | Val::Str(_) | Val::List(_) => {
            return Err(not_a_map());
        }
    };
    if entries.is_empty() {
        return Err(fail(
            "not enough values to unpack (expected 2, got 0)".to_owned(),
        ));
    }
    let mut keys = Vec::with_capacity(entries.len());
    let mut lists = Vec::with_capacity(entries.len());
    let mut lens = Vec::new();
    for (key, value) in entries {
        if key.has_unknown() || value.has_unknown() {
            return Ok(Val::Unknown);
        }
        let items = match value {
            Val::Null => Vec::new(),
            Val::List(items) => {
                lens.push(items.len());
                items
            }
            Val::Map(entries) if maps_allowed => {
                lens.push(entries.len());
                entries.into_iter().map(|(k, _)| k).collect()
            }
            Val::Map(_)
            | Val::Bool(_)
            | Val::Int(_)
            | Val::Float(_)
            | Val::Str(_)
            | Val::Unknown => {
                return Err(fail(if maps_allowed {
                    "The values of the \"for_each\" argument to \"repeat\" must be lists or maps"
                        .to_owned()
                } else {
                    "The values of the \"for_each\" argument to \"repeat\" must be lists".to_owned()
                }));
            }
        };
        keys.push(key);
        lists.push(items);
    }
    if !nested && lens.windows(2).any(|w| w.first() != w.last()) {
        return Err(fail(
            "For repeat, the length of for_each values should be equal if no nested loop."
                .to_owned(),
        ));
    }
    let count = if nested {
        lists
            .iter()
            .try_fold(1usize, |n, l| n.checked_mul(l.len()))
            .unwrap_or(usize::MAX)
    } else {
        lists.iter().map(Vec::len).min().unwrap_or(0)
    };
    if count > MAX_COPIES {
        // Heat would build them all; hotc refuses to guess and to hang.
        return Err(EvalError::new(
            EvalErrorKind::NotSupported {
                function: "repeat".to_owned(),
                what: format!("more than {MAX_COPIES} copies of the template"),
            },
            span,
        ));
    }
    let template = eval::eval(template, ctx)?;
    let combos = if nested {
        product(&lists)
    } else {
        let n = lists.iter().map(Vec::len).min().unwrap_or(0);
        (0..n)
            .map(|i| lists.iter().filter_map(|l| l.get(i).cloned()).collect())
            .collect()
    };
    combos
        .iter()
        .map(|values| substitute(&keys, values, &template).map_err(fail))
        .collect::<Result<Vec<_>, _>>()
        .map(Val::List)
}

/// `itertools.product`: every combination, the first list outermost.
fn product(lists: &[Vec<Val>]) -> Vec<Vec<Val>> {
    let mut combos: Vec<Vec<Val>> = vec![Vec::new()];
    for list in lists {
        combos = combos
            .iter()
            .flat_map(|prefix| {
                list.iter().map(move |item| {
                    let mut next = prefix.clone();
                    next.push(item.clone());
                    next
                })
            })
            .collect();
    }
    combos
}

/// `_do_replacement`: `str.replace` of each key in turn in every string.
fn substitute(keys: &[Val], values: &[Val], template: &Val) -> Result<Val, String> {
    match template {
        Val::Str(text) => {
            let mut text = text.clone();
            for (key, value) in keys.iter().zip(values) {
                let (Val::Str(key), Val::Str(value)) = (key, value) else {
                    return Err("replace() argument must be str".to_owned());
                };
                text = text.replace(key.as_str(), value);
            }
            Ok(Val::Str(text))
        }
        Val::List(items) => items
            .iter()
            .map(|item| substitute(keys, values, item))
            .collect::<Result<Vec<_>, _>>()
            .map(Val::List),
        Val::Map(entries) => {
            let mut out: Vec<(Val, Val)> = Vec::with_capacity(entries.len());
            for (k, v) in entries {
                let k = substitute(keys, values, k)?;
                let v = substitute(keys, values, v)?;
                // A dict built from pairs: a repeated key keeps its first
                // place and its last value.
                match out.iter_mut().find(|(existing, _)| *existing == k) {
                    Some(slot) => slot.1 = v,
                    None => out.push((k, v)),
                }
            }
            Ok(Val::Map(out))
        }
        Val::Null | Val::Bool(_) | Val::Int(_) | Val::Float(_) | Val::Unknown => {
            Ok(template.clone())
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::eval::Val;
    use crate::eval::tests::{Stack, eval_yaml};

    fn s(text: &str) -> Val {
        Val::Str(text.to_owned())
    }

    fn strs(items: &[&str]) -> Val {
        Val::List(items.iter().map(|i| s(i)).collect())
    }

    #[test]
    fn one_list() {
        let stack = Stack::new("2015-04-30");
        assert_eq!(
            eval_yaml(
                &stack,
                "{repeat: {for_each: {'%x%': [a, b]}, template: 'v-%x%'}}"
            ),
            Ok(strs(&["v-a", "v-b"]))
        );
    }

    /// `itertools.product`: nested loops, the first key outermost.
    #[test]
    fn nested_loops() {
        let stack = Stack::new("2016-10-14");
        assert_eq!(
            eval_yaml(
                &stack,
                "{repeat: {for_each: {X: [a, b], Y: ['1', '2']}, template: X-Y}}"
            ),
            Ok(strs(&["a-1", "a-2", "b-1", "b-2"]))
        );
    }

    /// `RepeatWithNestedLoop` (2017-09-01): `permutations: false` zips.
    #[test]
    fn permutations_false_zips() {
        let stack = Stack::new("2017-09-01");
        assert_eq!(
            eval_yaml(
                &stack,
                "{repeat: {for_each: {X: [a, b], Y: ['1', '2']}, template: X-Y, permutations: false}}"
            ),
            Ok(strs(&["a-1", "b-2"]))
        );
        assert!(
            eval_yaml(
                &stack,
                "{repeat: {for_each: {X: [a], Y: ['1', '2']}, template: X, permutations: false}}"
            )
            .is_err()
        );
        assert!(
            eval_yaml(
                &stack,
                "{repeat: {for_each: {X: [a]}, template: X, permutations: 'no'}}"
            )
            .is_err()
        );
    }

    /// Nested loops multiply: past `MAX_COPIES` hotc says so.
    #[test]
    fn too_many_copies() {
        let stack = Stack::new("2016-10-14");
        let list = format!("[{}]", vec!["a"; 100].join(", "));
        let yaml =
            format!("{{repeat: {{for_each: {{A: {list}, B: {list}, C: {list}}}, template: A}}}}");
        assert!(matches!(
            eval_yaml(&stack, &yaml).map_err(|e| e.kind),
            Err(crate::eval::EvalErrorKind::NotSupported { .. })
        ));
    }

    /// `RepeatWithMap` (2016-10-14): a mapping gives its keys.
    #[test]
    fn maps_from_2016_10_14() {
        let yaml = "{repeat: {for_each: {X: {a: 1, b: 2}}, template: {k: X}}}";
        assert_eq!(
            eval_yaml(&Stack::new("2016-10-14"), yaml),
            Ok(Val::List(vec![
                Val::Map(vec![(s("k"), s("a"))]),
                Val::Map(vec![(s("k"), s("b"))]),
            ]))
        );
        assert!(eval_yaml(&Stack::new("2016-04-08"), yaml).is_err());
    }

    /// `str.replace` in turn: a later key replaces text an earlier brought
    /// in; an integer item is refused by `str.replace`.
    #[test]
    fn replacement_order_and_types() {
        let stack = Stack::new("2016-10-14");
        assert_eq!(
            eval_yaml(
                &stack,
                "{repeat: {for_each: {A: [B], B: [c]}, template: A}}"
            ),
            Ok(strs(&["c"]))
        );
        assert!(eval_yaml(&stack, "{repeat: {for_each: {A: [1]}, template: A}}").is_err());
        assert_eq!(
            eval_yaml(&stack, "{repeat: {for_each: {A: [1]}, template: 5}}"),
            Ok(Val::List(vec![Val::Int(5)]))
        );
        assert!(eval_yaml(&stack, "{repeat: {for_each: {A: abc}, template: A}}").is_err());
        assert!(eval_yaml(&stack, "{repeat: {for_each: {}, template: A}}").is_err());
    }
}
