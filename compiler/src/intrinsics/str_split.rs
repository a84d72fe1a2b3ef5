//! `str_split`: splits a string on a delimiter, optionally picking one part.
//!
//! ```yaml
//! parts: {str_split: [',', 'a,b,c']}        # [a, b, c]
//! second: {str_split: [',', 'a,b,c', 1]}    # b
//! ```
//!
//! Heat (hot/functions.py `StrSplit`): a string or mapping argument is
//! refused; the resolved list gives the delimiter and the string (fewer is
//! `Incorrect arguments`), a null string gives null, and Python's
//! `str.split(delim)` splits (an empty delimiter fails; a null one splits on
//! runs of whitespace, as `split(None)` does). An index is read
//! with `int()` (a digit string or a float, truncated, is accepted), may be
//! negative as in Python, and out of range is `Incorrect index to
//! "str_split" should be between 0 and N`. Items after the index are
//! ignored.

use hotc_grammar::Span;

use crate::ir::{Expr, ExprKind};

use crate::eval::{self, Context, EvalError, EvalErrorKind, Val};

pub(crate) fn eval(arg: &Expr, span: Span, ctx: &dyn Context) -> Result<Val, EvalError> {
    let fail = |message: String| {
        EvalError::new(
            EvalErrorKind::Failed {
                function: "str_split",
                message,
            },
            span,
        )
    };
    let bad = || {
        EvalError::new(
            EvalErrorKind::BadArguments {
                function: "str_split",
                expected: "a list of a delimiter, a string and an optional index",
            },
            span,
        )
    };
    if matches!(arg.kind, ExprKind::Str(_) | ExprKind::Map(_)) {
        return Err(bad());
    }
    let args = match eval::eval(arg, ctx)? {
        Val::List(items) => items,
        Val::Unknown => return Ok(Val::Unknown),
        Val::Null | Val::Bool(_) | Val::Int(_) | Val::Float(_) | Val::Str(_) | Val::Map(_) => {
            return Err(bad());
        }
    };
    let mut args = args.into_iter();
    let (Some(delim), Some(text)) = (args.next(), args.next()) else {
        return Err(bad());
    };
    let index = args.next();
    if delim.has_unknown() || text.has_unknown() || index.as_ref().is_some_and(Val::has_unknown) {
        return Ok(Val::Unknown);
    }
    let text = match text {
        Val::Null => return Ok(Val::Null),
        Val::Str(s) => s,
        other @ (Val::Bool(_)
        | Val::Int(_)
        | Val::Float(_)
        | Val::List(_)
        | Val::Map(_)
        | Val::Unknown) => {
            return Err(fail(format!(
                "'{}' object has no attribute 'split'",
                python_type(&other)
            )));
        }
    };
    let parts: Vec<Val> = match delim {
        // Python's `split(None)`: runs of whitespace, none at the ends.
        Val::Null => text
            .split(python_isspace)
            .filter(|p| !p.is_empty())
            .map(|p| Val::Str(p.to_owned()))
            .collect(),
        Val::Str(delim) if delim.is_empty() => {
            return Err(fail("empty separator".to_owned()));
        }
        Val::Str(delim) => text
            .split(delim.as_str())
            .map(|p| Val::Str(p.to_owned()))
            .collect(),
        Val::Bool(_) | Val::Int(_) | Val::Float(_) | Val::List(_) | Val::Map(_) | Val::Unknown => {
            return Err(fail(
                "must be str or None, not ".to_owned() + python_type(&delim),
            ));
        }
    };
    let Some(index) = index else {
        return Ok(Val::List(parts));
    };
    let incorrect = || {
        fail(
            "Incorrect index to \"str_split\" should be: \"str_split\" : [ \",\", \"apples,pears\", <index>]"
                .to_owned(),
        )
    };
    let i: i128 = match index {
        Val::Int(i) => i,
        Val::Bool(b) => i128::from(b),
        Val::Float(f) if f.is_finite() => {
            // Python's int() truncates toward zero; in range for any list.
            let t = f.trunc();
            if t.abs() > 1e30 {
                return Err(incorrect());
            }
            #[expect(clippy::cast_possible_truncation, reason = "checked to be in range")]
            let t = t as i128;
            t
        }
        Val::Str(s) => {
            if s.contains('_') {
                // Python's int() takes digit groups ("1_0"); not needed yet.
                return Err(EvalError::new(
                    EvalErrorKind::NotSupported {
                        function: "str_split".to_owned(),
                        what: "an index with underscores".to_owned(),
                    },
                    span,
                ));
            }
            s.trim().parse::<i128>().map_err(|_| incorrect())?
        }
        Val::Float(_) | Val::Null | Val::List(_) | Val::Map(_) | Val::Unknown => {
            return Err(incorrect());
        }
    };
    let len = i128::try_from(parts.len()).unwrap_or(i128::MAX);
    let at = if i < 0 { i + len } else { i };
    usize::try_from(at)
        .ok()
        .and_then(|at| parts.get(at).cloned())
        .ok_or_else(|| {
            fail(format!(
                "Incorrect index to \"str_split\" should be between 0 and {}",
                len - 1
            ))
        })
}

/// Python's `str.isspace` for one character: Unicode whitespace and the
/// four ASCII separators U+001C..U+001F, which Python counts and Rust's
/// `char::is_whitespace` does not.
fn python_isspace(c: char) -> bool {
    c.is_whitespace() || ('\u{1c}'..='\u{1f}').contains(&c)
}

/// Python's name of a value's type, as its error messages give it.
fn python_type(v: &Val) -> &'static str {
    match v {
        Val::Null => "NoneType",
        Val::Bool(_) => "bool",
        Val::Int(_) => "int",
        Val::Float(_) => "float",
        Val::Str(_) => "str",
        Val::List(_) => "list",
        Val::Map(_) => "dict",
        Val::Unknown => "unknown",
    }
}

#[cfg(test)]
mod tests {
    use crate::eval::Val;
    use crate::eval::tests::{Stack, eval_yaml};

    fn s(text: &str) -> Val {
        Val::Str(text.to_owned())
    }

    #[test]
    fn splits_and_picks() {
        let stack = Stack::new("2015-10-15");
        assert_eq!(
            eval_yaml(&stack, "{str_split: [',', 'a,b,,c']}"),
            Ok(Val::List(vec![s("a"), s("b"), s(""), s("c")]))
        );
        assert_eq!(
            eval_yaml(&stack, "{str_split: [',', 'a,b', '1']}"),
            Ok(s("b"))
        );
        // Python indexing: -1 is the last part; int(1.7) is 1.
        assert_eq!(
            eval_yaml(&stack, "{str_split: [',', 'a,b', -1]}"),
            Ok(s("b"))
        );
        assert_eq!(
            eval_yaml(&stack, "{str_split: [',', 'a,b', 1.7]}"),
            Ok(s("b"))
        );
        // Python's split(None): runs of whitespace, none at the ends.
        assert_eq!(
            eval_yaml(&stack, "{str_split: [null, \" a \\t b \"]}"),
            Ok(Val::List(vec![s("a"), s("b")]))
        );
        // Heat: a null string splits to null.
        assert_eq!(eval_yaml(&stack, "{str_split: [',', null]}"), Ok(Val::Null));
    }

    /// Heat: `Incorrect index to "str_split" should be between 0 and 1`.
    #[test]
    fn refusals() {
        let stack = Stack::new("2015-10-15");
        assert!(eval_yaml(&stack, "{str_split: [',', 'a,b', 2]}").is_err());
        assert!(eval_yaml(&stack, "{str_split: [',', 'a,b', x]}").is_err());
        assert!(eval_yaml(&stack, "{str_split: ['', 'a,b']}").is_err());
        assert!(eval_yaml(&stack, "{str_split: [',']}").is_err());
        assert!(eval_yaml(&stack, "{str_split: 'a,b'}").is_err());
        assert!(eval_yaml(&stack, "{str_split: [',', 1]}").is_err());
    }
}
