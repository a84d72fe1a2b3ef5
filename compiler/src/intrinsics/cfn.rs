//! The CloudFormation functions HOT 2013-05-23 takes (`Ref`, `Fn::Select`,
//! `Fn::Join`, `Fn::Split`, `Fn::Replace`, `Fn::Base64`,
//! `Fn::MemberListToMap`, `Fn::GetAZs`, `Fn::ResourceFacade`), HOT's
//! `resource_facade`, and their removal in later versions.
//!
//! ```yaml
//! heat_template_version: 2013-05-23
//! outputs:
//!   second: {value: {'Fn::Select': ['1', [a, b, c]]}}     # b
//!   name: {value: {Ref: server_name}}                   # a parameter
//! ```
//!
//! Heat (engine/cfn/functions.py, as hot/template.py's 2013-05-23 table maps
//! them): `Fn::Select` takes `[index, collection]`; a collection that is the
//! empty string or null gives "", a string is first decoded as JSON, a
//! mapping is indexed by a string key (missing: ""), a list by an integer
//! (`int()` of the index; negative from the end; out of range: ""), and
//! anything else is refused. `Fn::Join` is HOT's `Join` (one list of
//! strings). `Fn::Split` takes `[delimiter, string]`, the delimiter a literal
//! string. `Fn::Replace` is HOT's `Replace` with `[params, template]`.
//! `Fn::Base64` returns its string argument unchanged (Heat does not encode).
//! `Fn::MemberListToMap` turns `.member.N.<key name>=k` and
//! `.member.N.<value name>=v` items into `{k: v}`. `Ref` names a resource
//! (its reference id) or else a parameter. `Fn::GetAZs` asks the cloud for
//! its availability zones, so hotc gives Unknown; `Fn::ResourceFacade` and
//! `resource_facade` read the parent resource of a provider template, which
//! hotc does not have yet (not supported), after checking the argument.
//! From 2014-10-16 (`Fn::Select` from 2015-10-15) these names are Heat's
//! `Removed`: "The function Fn::Join is not supported in this version of
//! HOT".

use hotc_grammar::{Flavor, Span};

use crate::ir::{Expr, ExprKind};

use crate::eval::{self, Context, EvalError, EvalErrorKind, Val};
use crate::intrinsics::python;
use crate::intrinsics::str_replace;
use crate::versions::removed_function;

/// `Removed` when `name` is refused in the context's version.
fn check_removed(name: &str, span: Span, ctx: &dyn Context) -> Result<(), EvalError> {
    match removed_function(name, ctx.version()) {
        Some(_) => Err(EvalError::new(
            EvalErrorKind::Removed {
                function: name.to_owned(),
            },
            span,
        )),
        None => Ok(()),
    }
}

fn failed(function: &'static str, message: String, span: Span) -> EvalError {
    EvalError::new(EvalErrorKind::Failed { function, message }, span)
}

fn bad(function: &'static str, expected: &'static str, span: Span) -> EvalError {
    EvalError::new(EvalErrorKind::BadArguments { function, expected }, span)
}

/// The items of a literal argument list of exactly `n` items. Heat unpacks
/// the raw argument (`a, b = self.args`), so a string or mapping of `n`
/// characters or keys would unpack too: hotc does not follow it there.
fn unpack<'a>(
    function: &'static str,
    expected: &'static str,
    arg: &'a Expr,
    n: usize,
    span: Span,
) -> Result<&'a [Expr], EvalError> {
    match &arg.kind {
        ExprKind::Seq(items) if items.len() == n => Ok(items),
        ExprKind::Str(s) if s.chars().count() == n => Err(not_supported(
            function,
            "a string argument, which Heat unpacks character by character",
            span,
        )),
        ExprKind::Map(entries) if entries.len() == n => Err(not_supported(
            function,
            "a mapping argument, which Heat unpacks key by key",
            span,
        )),
        ExprKind::Seq(_)
        | ExprKind::Str(_)
        | ExprKind::Map(_)
        | ExprKind::Null
        | ExprKind::Bool(_)
        | ExprKind::Int(_)
        | ExprKind::Call(_)
        | ExprKind::Float(_) => Err(bad(function, expected, span)),
    }
}

fn not_supported(function: &str, what: &str, span: Span) -> EvalError {
    EvalError::new(
        EvalErrorKind::NotSupported {
            function: function.to_owned(),
            what: what.to_owned(),
        },
        span,
    )
}

/// `Fn::Select`.
pub(crate) fn select(arg: &Expr, span: Span, ctx: &dyn Context) -> Result<Val, EvalError> {
    const F: &str = "Fn::Select";
    check_removed(F, span, ctx)?;
    let args = unpack(F, "a list of an index and a collection", arg, 2, span)?;
    let [index, strings] = args else {
        return Err(bad(F, "a list of an index and a collection", span));
    };
    let index = eval::eval(index, ctx)?;
    let mut strings = eval::eval(strings, ctx)?;
    if index.has_unknown() || strings.has_unknown() {
        return Ok(Val::Unknown);
    }
    if let Val::Str(text) = &strings {
        if text.is_empty() {
            return Ok(Val::Str(String::new()));
        }
        // "might be serialized json": Python's json.loads.
        let Some(stream) = hotc_grammar::json::parse_strict(text) else {
            return Err(failed(
                F,
                format!("\"{F}\": the collection is not JSON"),
                span,
            ));
        };
        let (value, errors) = hotc_grammar::value::build_stream(&stream, Flavor::Json);
        if !errors.is_empty() {
            return Err(failed(
                F,
                format!("\"{F}\": the collection is not JSON"),
                span,
            ));
        }
        strings = Val::from_literal(&value);
    }
    match strings {
        Val::Map(entries) => {
            let Val::Str(_) = index else {
                return Err(failed(
                    F,
                    format!("Index to \"{F}\" must be a string"),
                    span,
                ));
            };
            Ok(entries
                .into_iter()
                .find(|(k, _)| *k == index)
                .map_or(Val::Str(String::new()), |(_, v)| v))
        }
        Val::List(items) => {
            let Some(i) = python_int(&index, span)? else {
                return Err(failed(
                    F,
                    format!("Index to \"{F}\" must be an integer"),
                    span,
                ));
            };
            let len = i128::try_from(items.len()).unwrap_or(i128::MAX);
            let at = if i < 0 { i + len } else { i };
            Ok(usize::try_from(at)
                .ok()
                .and_then(|at| items.into_iter().nth(at))
                .unwrap_or(Val::Str(String::new())))
        }
        Val::Null => Ok(Val::Str(String::new())),
        Val::Str(_) | Val::Bool(_) | Val::Int(_) | Val::Float(_) | Val::Unknown => Err(failed(
            F,
            format!("Arguments to {F} not fully resolved"),
            span,
        )),
    }
}

/// `int(index)` where Select tries it: `None` when Python's `int()` raises
/// ValueError or TypeError (the index stays as it is, and is then refused).
fn python_int(index: &Val, span: Span) -> Result<Option<i128>, EvalError> {
    Ok(match index {
        Val::Int(i) => Some(*i),
        Val::Bool(b) => Some(i128::from(*b)),
        Val::Float(f) if f.is_finite() && f.abs() < 1e30 => {
            #[expect(clippy::cast_possible_truncation, reason = "checked to be in range")]
            let i = f.trunc() as i128;
            Some(i)
        }
        // int(inf) is an OverflowError, which Select does not catch.
        Val::Float(f) if f.is_infinite() => {
            return Err(failed(
                "Fn::Select",
                "cannot convert float infinity to integer".to_owned(),
                span,
            ));
        }
        Val::Float(_) => None,
        Val::Str(s) if s.contains('_') => {
            return Err(not_supported(
                "Fn::Select",
                "an index with underscores",
                span,
            ));
        }
        Val::Str(s) => s.trim().parse::<i128>().ok(),
        Val::Null | Val::List(_) | Val::Map(_) | Val::Unknown => None,
    })
}

/// `Fn::Join`: HOT's `Join` of 2013-05-23, whose refusals name the function
/// as written (`"Fn::Join" must operate on a list`).
pub(crate) fn join(arg: &Expr, span: Span, ctx: &dyn Context) -> Result<Val, EvalError> {
    const F: &str = "Fn::Join";
    check_removed(F, span, ctx)?;
    let rename = |function: &'static str| if function == "list_join" { F } else { function };
    super::list_join::eval(arg, span, ctx).map_err(|mut e| {
        // Only list_join's own refusals are renamed; errors of the functions
        // in its arguments keep their names.
        if e.span != span {
            return e;
        }
        e.kind = match e.kind {
            EvalErrorKind::BadArguments { function, expected } => EvalErrorKind::BadArguments {
                function: rename(function),
                expected,
            },
            EvalErrorKind::NotAString { function, found } => EvalErrorKind::NotAString {
                function: rename(function),
                found,
            },
            EvalErrorKind::Failed { function, message } => EvalErrorKind::Failed {
                function: rename(function),
                message: message.replace("\"list_join\"", "\"Fn::Join\""),
            },
            kind @ (EvalErrorKind::UnknownParameter { .. }
            | EvalErrorKind::UnknownResource { .. }
            | EvalErrorKind::UnknownAttribute { .. }
            | EvalErrorKind::BadPath { .. }
            | EvalErrorKind::FileNotFound { .. }
            | EvalErrorKind::UnknownCondition { .. }
            | EvalErrorKind::Removed { .. }
            | EvalErrorKind::NotSupported { .. }
            | EvalErrorKind::InvalidInCondition { .. }) => kind,
        };
        e
    })
}

/// `Fn::Split`.
pub(crate) fn split(arg: &Expr, span: Span, ctx: &dyn Context) -> Result<Val, EvalError> {
    const F: &str = "Fn::Split";
    check_removed(F, span, ctx)?;
    let args = unpack(F, "a list of a delimiter and a string", arg, 2, span)?;
    let [delim, strings] = args else {
        return Err(bad(F, "a list of a delimiter and a string", span));
    };
    let strings = eval::eval(strings, ctx)?;
    // The delimiter is checked unresolved: a function there is refused.
    let ExprKind::Str(delim) = &delim.kind else {
        return Err(failed(F, format!("Delimiter for {F} must be string"), span));
    };
    let text = match strings {
        Val::Str(text) => text,
        Val::Unknown => return Ok(Val::Unknown),
        Val::Null | Val::Bool(_) | Val::Int(_) | Val::Float(_) | Val::List(_) | Val::Map(_) => {
            return Err(failed(F, "String to split must be string".to_owned(), span));
        }
    };
    if delim.is_empty() {
        return Err(failed(F, "empty separator".to_owned(), span));
    }
    Ok(Val::List(
        text.split(delim.as_str())
            .map(|p| Val::Str(p.to_owned()))
            .collect(),
    ))
}

/// `Fn::Replace`: `[params, template]`.
pub(crate) fn replace(arg: &Expr, span: Span, ctx: &dyn Context) -> Result<Val, EvalError> {
    const F: &str = "Fn::Replace";
    check_removed(F, span, ctx)?;
    let args = unpack(F, "a list of a mapping and a string", arg, 2, span)?;
    let [params, template] = args else {
        return Err(bad(F, "a list of a mapping and a string", span));
    };
    str_replace::eval_cfn(template, params, span, ctx)
}

/// `Fn::Base64`: the string, unencoded.
pub(crate) fn base64(arg: &Expr, span: Span, ctx: &dyn Context) -> Result<Val, EvalError> {
    const F: &str = "Fn::Base64";
    check_removed(F, span, ctx)?;
    match eval::eval(arg, ctx)? {
        Val::Str(s) => Ok(Val::Str(s)),
        Val::Unknown => Ok(Val::Unknown),
        Val::Null | Val::Bool(_) | Val::Int(_) | Val::Float(_) | Val::List(_) | Val::Map(_) => Err(
            failed(F, format!("\"{F}\" argument must be a string"), span),
        ),
    }
}

/// `Fn::MemberListToMap`.
pub(crate) fn member_list_to_map(
    arg: &Expr,
    span: Span,
    ctx: &dyn Context,
) -> Result<Val, EvalError> {
    const F: &str = "Fn::MemberListToMap";
    check_removed(F, span, ctx)?;
    let expected = "a list of a key name, a value name and a member list";
    let args = unpack(F, expected, arg, 3, span)?;
    let [key_name, value_name, list] = args else {
        return Err(bad(F, expected, span));
    };
    let (ExprKind::Str(key_name), ExprKind::Str(value_name)) = (&key_name.kind, &value_name.kind)
    else {
        return Err(failed(F, format!("{F} Key Name must be a string"), span));
    };
    let items: Vec<Val> = match eval::eval(list, ctx)? {
        Val::List(items) => items,
        Val::Str(s) => s.chars().map(|c| Val::Str(c.to_string())).collect(),
        Val::Map(entries) => entries.into_iter().map(|(k, _)| k).collect(),
        Val::Unknown => return Ok(Val::Unknown),
        Val::Null | Val::Bool(_) | Val::Int(_) | Val::Float(_) => {
            return Err(failed(F, "Member list must be a list".to_owned(), span));
        }
    };
    // dict(item.split('=', 1) for item in items): later names win.
    let mut partials: Vec<(String, String)> = Vec::new();
    for item in items {
        let text = match item {
            Val::Str(s) => s,
            Val::Unknown => return Ok(Val::Unknown),
            Val::Null | Val::Bool(_) | Val::Int(_) | Val::Float(_) | Val::List(_) | Val::Map(_) => {
                return Err(failed(
                    F,
                    "Member list items must be strings".to_owned(),
                    span,
                ));
            }
        };
        let Some((name, value)) = text.split_once('=') else {
            return Err(failed(
                F,
                "dictionary update sequence element has length 1; 2 is required".to_owned(),
                span,
            ));
        };
        insert(&mut partials, name.to_owned(), value.to_owned());
    }
    // extract_param_list: `\.member\.([0-9]+)\.(.*)` matched at the start,
    // grouped by index in index order (a stable sort of dict order).
    let mut members: Vec<(i128, String, String)> = Vec::new();
    for (name, value) in partials {
        let Some(rest) = name.strip_prefix(".member.") else {
            continue;
        };
        let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
        let Some(key) = rest.get(digits.len()..).and_then(|r| r.strip_prefix('.')) else {
            continue;
        };
        let Ok(index) = digits.parse::<i128>() else {
            // No digits (or too many for hotc): the pattern does not match.
            continue;
        };
        // `.` does not match a newline: the key ends at the first one.
        let key = key.split('\n').next().unwrap_or_default().to_owned();
        members.push((index, key, value));
    }
    members.sort_by_key(|m| m.0);
    let mut out: Vec<(String, String)> = Vec::new();
    let mut i = 0;
    while let Some(first) = members.get(i) {
        let index = first.0;
        let mut group: Vec<(String, String)> = Vec::new();
        while let Some((ix, key, value)) = members.get(i) {
            if *ix != index {
                break;
            }
            insert(&mut group, key.clone(), value.clone());
            i += 1;
        }
        let find = |name: &str| {
            group
                .iter()
                .find(|(k, _)| k == name)
                .map(|(_, v)| v.clone())
        };
        if let (Some(k), Some(v)) = (find(key_name), find(value_name)) {
            insert(&mut out, k, v);
        }
    }
    Ok(Val::Map(
        out.into_iter()
            .map(|(k, v)| (Val::Str(k), Val::Str(v)))
            .collect(),
    ))
}

/// A dict's `d[k] = v`: a repeated key keeps its place, takes the value.
fn insert(entries: &mut Vec<(String, String)>, key: String, value: String) {
    match entries.iter_mut().find(|(k, _)| *k == key) {
        Some(slot) => slot.1 = value,
        None => entries.push((key, value)),
    }
}

/// `Ref`: a resource's reference id, or else a parameter's value.
pub(crate) fn reference(arg: &Expr, span: Span, ctx: &dyn Context) -> Result<Val, EvalError> {
    check_removed("Ref", span, ctx)?;
    // Heat's `args in stack` looks at the raw argument: only a literal
    // string can name a resource.
    if let ExprKind::Str(name) = &arg.kind
        && let Some(value) = ctx.resource_ref(name)
    {
        return Ok(value);
    }
    let name = eval::eval(arg, ctx)?;
    if name == Val::Unknown {
        return Ok(Val::Unknown);
    }
    let found = match &name {
        Val::Str(name) => ctx.param(name),
        Val::Null | Val::Bool(_) | Val::Int(_) | Val::Float(_) | Val::List(_) | Val::Map(_) => None,
        Val::Unknown => Some(Val::Unknown),
    };
    found.ok_or_else(|| {
        EvalError::new(
            EvalErrorKind::UnknownParameter {
                name: python::str(&name),
            },
            span,
        )
    })
}

/// `Fn::GetAZs`: the cloud's availability zones, known only from the cloud.
pub(crate) fn get_azs(_arg: &Expr, span: Span, ctx: &dyn Context) -> Result<Val, EvalError> {
    check_removed("Fn::GetAZs", span, ctx)?;
    Ok(Val::Unknown)
}

/// `Fn::ResourceFacade` (`Metadata`, `DeletionPolicy`, `UpdatePolicy`).
pub(crate) fn cfn_resource_facade(
    arg: &Expr,
    span: Span,
    ctx: &dyn Context,
) -> Result<Val, EvalError> {
    check_removed("Fn::ResourceFacade", span, ctx)?;
    facade(
        "Fn::ResourceFacade",
        &["Metadata", "DeletionPolicy", "UpdatePolicy"],
        arg,
        span,
    )
}

/// `resource_facade` (`metadata`, `deletion_policy`, `update_policy`).
pub(crate) fn resource_facade(
    arg: &Expr,
    span: Span,
    _ctx: &dyn Context,
) -> Result<Val, EvalError> {
    facade(
        "resource_facade",
        &["metadata", "deletion_policy", "update_policy"],
        arg,
        span,
    )
}

fn facade(
    function: &'static str,
    allowed: &[&str],
    arg: &Expr,
    span: Span,
) -> Result<Val, EvalError> {
    match &arg.kind {
        ExprKind::Str(s) if allowed.contains(&s.as_str()) => Err(not_supported(
            function,
            "the parent resource of a provider template",
            span,
        )),
        ExprKind::Str(_)
        | ExprKind::Null
        | ExprKind::Bool(_)
        | ExprKind::Int(_)
        | ExprKind::Float(_)
        | ExprKind::Call(_)
        | ExprKind::Seq(_)
        | ExprKind::Map(_) => Err(failed(
            function,
            format!(
                "Incorrect arguments to \"{function}\" should be one of: {}",
                allowed.join(", ")
            ),
            span,
        )),
    }
}

#[cfg(test)]
mod tests {
    use crate::eval::tests::{Stack, eval_yaml};
    use crate::eval::{EvalErrorKind, Val};

    fn s(text: &str) -> Val {
        Val::Str(text.to_owned())
    }

    /// cfn `Select`: lists by integer (or digit string), mappings by key,
    /// "" when missing, JSON strings decoded.
    #[test]
    fn select() {
        let stack = Stack::new("2013-05-23");
        assert_eq!(
            eval_yaml(&stack, "{'Fn::Select': ['1', [a, b]]}"),
            Ok(s("b"))
        );
        assert_eq!(eval_yaml(&stack, "{'Fn::Select': [5, [a, b]]}"), Ok(s("")));
        assert_eq!(eval_yaml(&stack, "{'Fn::Select': [k, {k: v}]}"), Ok(s("v")));
        assert_eq!(eval_yaml(&stack, "{'Fn::Select': [z, {k: v}]}"), Ok(s("")));
        assert_eq!(
            eval_yaml(&stack, "{'Fn::Select': [0, '[\"x\"]']}"),
            Ok(s("x"))
        );
        assert_eq!(eval_yaml(&stack, "{'Fn::Select': [0, '']}"), Ok(s("")));
        assert!(eval_yaml(&stack, "{'Fn::Select': [x, [a]]}").is_err());
        assert!(eval_yaml(&stack, "{'Fn::Select': [0, 'not json']}").is_err());
    }

    /// hot/template.py: from 2015-10-15 `Fn::Select` is `Removed`.
    #[test]
    fn removed_in_later_versions() {
        let removed = |version: &str, yaml: &str| {
            matches!(
                eval_yaml(&Stack::new(version), yaml).map_err(|e| e.kind),
                Err(EvalErrorKind::Removed { .. })
            )
        };
        assert!(!removed("2014-10-16", "{'Fn::Select': ['0', [a]]}"));
        assert!(removed("2015-10-15", "{'Fn::Select': ['0', [a]]}"));
        assert!(removed("2014-10-16", "{'Fn::Join': [',', [a]]}"));
        assert!(removed("2014-10-16", "{Ref: x}"));
        assert!(removed("2021-04-16", "{'Fn::Base64': x}"));
    }

    #[test]
    fn split_replace_base64_join() {
        let stack = Stack::new("2013-05-23");
        assert_eq!(
            eval_yaml(&stack, "{'Fn::Split': [',', 'a,b']}"),
            Ok(Val::List(vec![s("a"), s("b")]))
        );
        assert!(eval_yaml(&stack, "{'Fn::Split': [{'Fn::Base64': ','}, 'a,b']}").is_err());
        assert_eq!(
            eval_yaml(&stack, "{'Fn::Replace': [{$x: '1'}, 'v=$x']}"),
            Ok(s("v=1"))
        );
        assert_eq!(eval_yaml(&stack, "{'Fn::Base64': abc}"), Ok(s("abc")));
        assert_eq!(
            eval_yaml(&stack, "{'Fn::Join': ['-', [a, b]]}"),
            Ok(s("a-b"))
        );
    }

    /// aws_utils.extract_param_pairs.
    #[test]
    fn member_list_to_map() {
        let stack = Stack::new("2013-05-23");
        assert_eq!(
            eval_yaml(
                &stack,
                "{'Fn::MemberListToMap': [Name, Expr, ['.member.1.Name=b', '.member.1.Expr=2', '.member.0.Name=a', '.member.0.Expr=1', '.member.2.Name=c']]}"
            ),
            Ok(Val::Map(vec![(s("a"), s("1")), (s("b"), s("2"))]))
        );
        assert!(eval_yaml(&stack, "{'Fn::MemberListToMap': [Name, Expr, [novalue]]}").is_err());
    }

    /// `Ref` of a resource gives its id; of a parameter, its value.
    #[test]
    fn reference() {
        let stack = Stack::new("2013-05-23")
            .with_resource("server")
            .with_param("name", s("x"));
        assert_eq!(eval_yaml(&stack, "{Ref: server}"), Ok(Val::Unknown));
        assert_eq!(eval_yaml(&stack, "{Ref: name}"), Ok(s("x")));
        assert!(eval_yaml(&stack, "{Ref: nope}").is_err());
    }

    #[test]
    fn cloud_and_parent_stack() {
        let stack = Stack::new("2013-05-23");
        assert_eq!(eval_yaml(&stack, "{'Fn::GetAZs': ''}"), Ok(Val::Unknown));
        assert!(matches!(
            eval_yaml(&stack, "{resource_facade: metadata}").map_err(|e| e.kind),
            Err(EvalErrorKind::NotSupported { .. })
        ));
        assert!(matches!(
            eval_yaml(&stack, "{resource_facade: Metadata}").map_err(|e| e.kind),
            Err(EvalErrorKind::Failed { .. })
        ));
    }
}
