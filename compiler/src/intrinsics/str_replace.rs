//! `str_replace`, `str_replace_strict`, `str_replace_vstrict`: substitutes
//! placeholders in a string.
//!
//! ```yaml
//! user_data:
//!   str_replace:
//!     template: 'echo $name > /tmp/$name_file'
//!     params: {$name: web, $name_file: out.txt}
//! ```
//!
//! Heat (hot/functions.py `Replace.result`): the keys are tried longest
//! first, and among keys of equal length in sorted order
//! (`sorted(sorted(mapping), key=len, reverse=True)`); the template is split
//! on the first key, each piece is replaced with the remaining keys, and the
//! pieces are joined with the first key's value — so text a value brings in
//! is never replaced again, and `$name_file` above wins over `$name`. A
//! null value replaces with "", a string, number or boolean with Python's
//! `str()` of it (`True`, `1.5`). Before 2015-10-15 (`Replace`) any other
//! value is refused; from 2015-10-15 (`ReplaceJson`) lists and mappings are
//! substituted as JSON with sorted keys. `str_replace_strict`
//! (`ReplaceJsonStrict`) refuses params that occur nowhere in the template
//! ("The following params were not found in the template: ..."), and
//! `str_replace_vstrict` (`ReplaceJsonVeryStrict`) also null or empty
//! values. A key that is not a string, or the empty string (Python's
//! `split('')`), is refused.

use hotc_grammar::Span;

use crate::ir::{Expr, ExprKind};

use crate::eval::{self, Context, EvalError, EvalErrorKind, Val, python_json};
use crate::versions::HotVersion;

/// What distinguishes the three functions.
#[derive(Clone, Copy)]
struct Mode {
    name: &'static str,
    strict: bool,
    allow_empty: bool,
}

pub(crate) fn eval(arg: &Expr, span: Span, ctx: &dyn Context) -> Result<Val, EvalError> {
    let mode = Mode {
        name: "str_replace",
        strict: false,
        allow_empty: true,
    };
    replace(mode, arg, span, ctx)
}

pub(crate) fn eval_strict(arg: &Expr, span: Span, ctx: &dyn Context) -> Result<Val, EvalError> {
    let mode = Mode {
        name: "str_replace_strict",
        strict: true,
        allow_empty: true,
    };
    replace(mode, arg, span, ctx)
}

pub(crate) fn eval_vstrict(arg: &Expr, span: Span, ctx: &dyn Context) -> Result<Val, EvalError> {
    let mode = Mode {
        name: "str_replace_vstrict",
        strict: true,
        allow_empty: false,
    };
    replace(mode, arg, span, ctx)
}

fn replace(mode: Mode, arg: &Expr, span: Span, ctx: &dyn Context) -> Result<Val, EvalError> {
    let (Some(template), Some(params)) = (arg.get("template"), arg.get("params")) else {
        return Err(EvalError::new(
            EvalErrorKind::BadArguments {
                function: mode.name,
                expected: "a mapping with `template` and `params`",
            },
            span,
        ));
    };
    substitute_params(mode, template, params, span, ctx)
}

/// `Fn::Replace` (2013-05-23): Heat's `Replace` with the arguments as
/// `[params, template]`.
pub(crate) fn eval_cfn(
    template: &Expr,
    params: &Expr,
    span: Span,
    ctx: &dyn Context,
) -> Result<Val, EvalError> {
    let mode = Mode {
        name: "Fn::Replace",
        strict: false,
        allow_empty: true,
    };
    substitute_params(mode, template, params, span, ctx)
}

fn substitute_params(
    mode: Mode,
    template: &Expr,
    params: &Expr,
    span: Span,
    ctx: &dyn Context,
) -> Result<Val, EvalError> {
    let fail = |message: String| {
        EvalError::new(
            EvalErrorKind::Failed {
                function: mode.name,
                message,
            },
            span,
        )
    };
    // Heat checks at parse time that params is a mapping or a function.
    if !matches!(params.kind, ExprKind::Map(_) | ExprKind::Call(_)) {
        return Err(fail(format!(
            "\"{}\" parameters must be a mapping",
            mode.name
        )));
    }
    let template = eval::eval(template, ctx)?;
    let mapping = eval::eval(params, ctx)?;
    let template = match template {
        Val::Str(s) => s,
        Val::Unknown => return Ok(Val::Unknown),
        Val::Null | Val::Bool(_) | Val::Int(_) | Val::Float(_) | Val::List(_) | Val::Map(_) => {
            return Err(fail(format!("\"{}\" template must be a string", mode.name)));
        }
    };
    let entries = match mapping {
        Val::Map(entries) => entries,
        Val::Unknown => return Ok(Val::Unknown),
        Val::Null | Val::Bool(_) | Val::Int(_) | Val::Float(_) | Val::Str(_) | Val::List(_) => {
            return Err(fail(format!("\"{}\" params must be a map", mode.name)));
        }
    };
    let mut keys = Vec::with_capacity(entries.len());
    for (key, value) in &entries {
        let Val::Str(key) = key else {
            return Err(fail(format!(
                "\"{}\" param placeholders must be strings",
                mode.name
            )));
        };
        if key.is_empty() {
            return Err(fail("empty separator".to_owned()));
        }
        if value.has_unknown() {
            return Ok(Val::Unknown);
        }
        keys.push((
            key.clone(),
            replacement(mode, ctx.version(), value, key).map_err(fail)?,
        ));
    }
    keys.sort_by(|a, b| a.0.cmp(&b.0));
    keys.sort_by_key(|k| std::cmp::Reverse(k.0.chars().count()));
    let mut found = vec![false; keys.len()];
    let result = substitute(&template, &keys, &mut found);
    if mode.strict {
        let missing: Vec<&str> = keys
            .iter()
            .zip(&found)
            .filter(|(_, found)| !**found)
            .map(|((k, _), _)| k.as_str())
            .collect();
        if !missing.is_empty() {
            return Err(fail(format!(
                "The following params were not found in the template: {}",
                missing.join(",")
            )));
        }
    }
    Ok(Val::Str(result))
}

/// Heat's recursive `replace`, as a loop: the text is split on the first
/// key, each piece is replaced with the remaining keys, and the pieces are
/// joined with the first key's value. Here the text is a list of pieces
/// still open to replacement and values already put in (never scanned
/// again); each key splits the open pieces in turn. A loop, so that a
/// mapping of many keys cannot exhaust the stack.
fn substitute(text: &str, keys: &[(String, String)], found: &mut [bool]) -> String {
    enum Piece<'a> {
        Open(String),
        Expr(&'a str),
    }
    let mut pieces = vec![Piece::Open(text.to_owned())];
    for ((key, value), hit) in keys.iter().zip(found.iter_mut()) {
        let mut next = Vec::with_capacity(pieces.len());
        for piece in pieces {
            match piece {
                Piece::Open(open) => {
                    for (i, part) in open.split(key.as_str()).enumerate() {
                        if i > 0 {
                            *hit = true;
                            next.push(Piece::Expr(value));
                        }
                        next.push(Piece::Open(part.to_owned()));
                    }
                }
                Piece::Expr(v) => next.push(Piece::Expr(v)),
            }
        }
        pieces = next;
    }
    pieces
        .iter()
        .map(|p| match p {
            Piece::Open(s) => s.as_str(),
            Piece::Expr(v) => v,
        })
        .collect()
}

/// The text a param's value substitutes (`_validate_replacement`).
fn replacement(mode: Mode, version: HotVersion, value: &Val, key: &str) -> Result<String, String> {
    let empty = || {
        format!(
            "{} has an undefined or empty value for param {key}, must be a defined non-empty value",
            mode.name
        )
    };
    let text = match value {
        Val::Null if mode.allow_empty => String::new(),
        Val::Null => return Err(empty()),
        Val::List(_) | Val::Map(_) if version >= HotVersion::V2015_10_15 => {
            let is_empty = match value {
                Val::List(items) => items.is_empty(),
                Val::Map(entries) => entries.is_empty(),
                Val::Null
                | Val::Bool(_)
                | Val::Int(_)
                | Val::Float(_)
                | Val::Str(_)
                | Val::Unknown => false,
            };
            if !mode.allow_empty && is_empty {
                return Err(empty());
            }
            python_json(value, true)
        }
        Val::List(_) | Val::Map(_) => {
            return Err(format!(
                "\"{}\" params must be strings or numbers, param {key} is not valid",
                mode.name
            ));
        }
        Val::Str(_) | Val::Int(_) | Val::Float(_) | Val::Bool(_) | Val::Unknown => {
            crate::intrinsics::python::str(value)
        }
    };
    if !mode.allow_empty && text.is_empty() {
        return Err(empty());
    }
    Ok(text)
}

#[cfg(test)]
mod tests {
    use crate::eval::Val;
    use crate::eval::tests::{Stack, eval_yaml};

    fn s(text: &str) -> Val {
        Val::Str(text.to_owned())
    }

    /// Heat's docstring: "When keys overlap in the template, longer matches
    /// are preferred."
    #[test]
    fn longer_keys_first() {
        let stack = Stack::new("2013-05-23");
        assert_eq!(
            eval_yaml(
                &stack,
                "{str_replace: {template: '$name $name_file', params: {$name: a, $name_file: b}}}"
            ),
            Ok(s("a b"))
        );
    }

    /// Text a value brings in is not replaced again: the pieces are joined
    /// after the remaining keys have been replaced in them.
    #[test]
    fn values_are_not_rescanned() {
        let stack = Stack::new("2013-05-23");
        assert_eq!(
            eval_yaml(
                &stack,
                "{str_replace: {template: 'xx y', params: {xx: y, y: z}}}"
            ),
            Ok(s("y z"))
        );
    }

    /// `str()` of numbers and booleans; null is "".
    #[test]
    fn scalars_as_python_prints_them() {
        let stack = Stack::new("2013-05-23");
        assert_eq!(
            eval_yaml(
                &stack,
                "{str_replace: {template: 'a b c d', params: {a: 1, b: 1.5, c: true, d: null}}}"
            ),
            Ok(s("1 1.5 True "))
        );
    }

    /// `ReplaceJson` from 2015-10-15: structures as sorted JSON; `Replace`
    /// before refuses them.
    #[test]
    fn structures_as_json_from_2015_10_15() {
        let yaml = "{str_replace: {template: 'v=X', params: {X: {b: [1], a: x}}}}";
        assert_eq!(
            eval_yaml(&Stack::new("2015-10-15"), yaml),
            Ok(s(r#"v={"a": "x", "b": [1]}"#))
        );
        assert!(eval_yaml(&Stack::new("2015-04-30"), yaml).is_err());
    }

    /// `ReplaceJsonStrict`: a param absent from the template is an error.
    #[test]
    fn strict_refuses_unused_params() {
        let stack = Stack::new("2017-09-01");
        assert!(
            eval_yaml(
                &stack,
                "{str_replace_strict: {template: 'a', params: {a: x, b: y}}}"
            )
            .is_err()
        );
        assert_eq!(
            eval_yaml(
                &stack,
                "{str_replace_strict: {template: 'a', params: {a: x}}}"
            ),
            Ok(s("x"))
        );
    }

    /// `ReplaceJsonVeryStrict`: null or empty values are errors.
    #[test]
    fn vstrict_refuses_empty_values() {
        let stack = Stack::new("2017-09-01");
        for params in ["{a: ''}", "{a: null}", "{a: []}"] {
            let yaml = format!("{{str_replace_vstrict: {{template: 'a', params: {params}}}}}");
            assert!(eval_yaml(&stack, &yaml).is_err(), "{params}");
        }
    }

    /// Many keys: the replacement is a loop, not one call a key.
    #[test]
    fn many_keys() {
        let stack = Stack::new("2016-10-14");
        let params: Vec<String> = (0..20_000).map(|i| format!("k{i}: v")).collect();
        let yaml = format!(
            "{{str_replace: {{template: 'k0 k19999', params: {{{}}}}}}}",
            params.join(", ")
        );
        assert_eq!(eval_yaml(&stack, &yaml), Ok(s("v v")));
    }

    #[test]
    fn bad_shapes_and_unknowns() {
        let stack = Stack::new("2017-09-01").with_param("p", Val::Unknown);
        assert!(eval_yaml(&stack, "{str_replace: [a, b]}").is_err());
        assert!(eval_yaml(&stack, "{str_replace: {template: a, params: [x]}}").is_err());
        assert!(eval_yaml(&stack, "{str_replace: {template: a, params: {'': x}}}").is_err());
        assert!(eval_yaml(&stack, "{str_replace: {template: [a], params: {}}}").is_err());
        assert_eq!(
            eval_yaml(
                &stack,
                "{str_replace: {template: a, params: {a: {get_param: p}}}}"
            ),
            Ok(Val::Unknown)
        );
    }
}
