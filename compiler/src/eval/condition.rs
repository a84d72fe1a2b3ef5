//! Condition expressions: the `conditions` section's entries, the argument
//! of `if`, and the items of `and`, `or` and `not`.
//!
//! ```yaml
//! conditions:
//!   is_prod: {equals: [{get_param: env}, prod]}
//!   big_prod: {and: [is_prod, {not: {equals: [{get_param: size}, small]}}]}
//! ```
//!
//! Heat (hot/template.py) parses a condition with its own function set:
//! `get_param`, `equals`, `not`, `and`, `or` (plus `yaql` and `contains` from
//! 2017-09-01); every other function of the version is `function.Invalid`
//! there (`The function "list_join" is invalid in this context`), removed
//! ones are still refused as removed. A resolved condition goes through
//! `Conditions.is_enabled`: a boolean is itself, a string names another
//! condition (`Invalid condition "x"` when there is none), null is true, and
//! anything else is an invalid condition. Whether a `conditions` entry
//! itself has the right type (a boolean or a function) is the caller's
//! check: this module evaluates.

use hotc_grammar::Span;

use crate::ir::{Expr, ExprKind};

use super::{Context, EvalError, EvalErrorKind, Val};
use crate::intrinsics;
use crate::versions::{self, HotVersion};

/// How a function evaluates its arguments: `eval::eval` outside conditions,
/// `eval_in_condition` inside them.
pub(crate) type SubEval = fn(&Expr, &dyn Context) -> Result<Val, EvalError>;

/// The conditions of a template, each evaluated once when first asked for
/// (a `Context`'s `condition`). A condition that names itself, directly or
/// not, is a lint error (HOT054); the cache answers `None` for it while it
/// is being evaluated, so the recursion ends all the same.
#[derive(Debug, Default)]
pub struct ConditionCache(std::cell::RefCell<std::collections::HashMap<String, Option<bool>>>);

impl ConditionCache {
    /// The value of condition `name` of `template`, evaluated in `ctx`;
    /// `None` when there is no such condition or it is not a boolean.
    pub fn get(
        &self,
        template: &crate::ir::Template,
        name: &str,
        ctx: &dyn Context,
    ) -> Option<bool> {
        if let Some(known) = self.0.borrow().get(name) {
            return *known;
        }
        let definition = template.conditions.iter().find(|c| c.name == name)?;
        self.0.borrow_mut().insert(name.to_owned(), None);
        let value = match eval_condition(&definition.expr, ctx) {
            Ok(Val::Bool(b)) => Some(b),
            Ok(_) | Err(_) => None,
        };
        self.0.borrow_mut().insert(name.to_owned(), value);
        value
    }
}

/// Evaluates a condition expression to `Val::Bool`, or `Val::Unknown` when it
/// depends on values known only after apply. A bare string names another
/// condition.
pub fn eval_condition(expr: &Expr, ctx: &dyn Context) -> Result<Val, EvalError> {
    let value = eval_in_condition(expr, ctx)?;
    is_enabled(&value, expr, ctx)
}

/// Heat's `Conditions.is_enabled` on a resolved condition value.
pub(crate) fn is_enabled(value: &Val, at: &Expr, ctx: &dyn Context) -> Result<Val, EvalError> {
    match value {
        Val::Null => Ok(Val::Bool(true)),
        Val::Bool(b) => Ok(Val::Bool(*b)),
        Val::Unknown => Ok(Val::Unknown),
        Val::Str(name) => match ctx.condition(name) {
            Some(b) => Ok(Val::Bool(b)),
            None => Err(EvalError::new(
                EvalErrorKind::UnknownCondition { name: name.clone() },
                at.span,
            )),
        },
        // Heat: `Invalid condition "%s"`, the same message as a missing name.
        Val::Int(_) | Val::Float(_) | Val::List(_) | Val::Map(_) => Err(EvalError::new(
            EvalErrorKind::UnknownCondition {
                name: intrinsics::python::str(value),
            },
            at.span,
        )),
    }
}

/// Evaluates an expression with the condition function set: what Heat's
/// `parse_condition` then `function.resolve` give, before `is_enabled`.
pub(crate) fn eval_in_condition(expr: &Expr, ctx: &dyn Context) -> Result<Val, EvalError> {
    let version = ctx.version();
    match &expr.kind {
        ExprKind::Call(call) => {
            let (name, arg, span) = (call.name.as_str(), &call.arg, expr.span);
            match name {
                "equals" => intrinsics::equals::eval_with(arg, span, ctx, eval_in_condition),
                "not" => intrinsics::boolean::eval_not(arg, span, ctx, eval_in_condition),
                "and" => intrinsics::boolean::eval_and(arg, span, ctx, eval_in_condition),
                "or" => intrinsics::boolean::eval_or(arg, span, ctx, eval_in_condition),
                "contains" if version >= HotVersion::V2017_09_01 => {
                    intrinsics::contains::eval_with(arg, span, ctx, eval_in_condition)
                }
                "get_param" => table_call(name, arg, span, ctx),
                "yaql" if version >= HotVersion::V2017_09_01 => table_call(name, arg, span, ctx),
                other => Err(EvalError::new(
                    if versions::removed_function(other, version).is_some() {
                        EvalErrorKind::Removed {
                            function: other.to_owned(),
                        }
                    } else {
                        EvalErrorKind::InvalidInCondition {
                            function: other.to_owned(),
                        }
                    },
                    span,
                )),
            }
        }
        ExprKind::Seq(items) => items
            .iter()
            .map(|item| eval_in_condition(item, ctx))
            .collect::<Result<Vec<_>, _>>()
            .map(Val::List),
        ExprKind::Map(entries) => entries
            .iter()
            .map(|(k, v)| Ok((Val::from_data(k), eval_in_condition(v, ctx)?)))
            .collect::<Result<Vec<_>, _>>()
            .map(Val::Map),
        ExprKind::Null
        | ExprKind::Bool(_)
        | ExprKind::Int(_)
        | ExprKind::Float(_)
        | ExprKind::Str(_) => Ok(Val::from_data(expr)),
    }
}

/// A function that is the same inside and outside conditions, from the table.
fn table_call(name: &str, arg: &Expr, span: Span, ctx: &dyn Context) -> Result<Val, EvalError> {
    match intrinsics::lookup(name) {
        Some(f) => f(arg, span, ctx),
        None => Err(EvalError::new(
            EvalErrorKind::NotSupported {
                function: name.to_owned(),
                what: "evaluation".to_owned(),
            },
            span,
        )),
    }
}

/// Evaluates the YAML condition expression `src` in `stack`.
#[cfg(test)]
pub(crate) fn cond_yaml(stack: &super::tests::Stack, src: &str) -> Result<Val, EvalError> {
    let parsed = hotc_grammar::parse(src);
    assert!(parsed.errors.is_empty(), "{src}");
    let (value, _) = hotc_grammar::value::build_stream(&parsed.stream, parsed.flavor);
    let expr = crate::ir::Expr::lower(&value, stack.version(), crate::ir::Place::Condition);
    eval_condition(&expr, stack)
}

#[cfg(test)]
mod tests {
    use super::cond_yaml as cond;
    use crate::eval::tests::Stack;
    use crate::eval::{EvalError, EvalErrorKind, Val};

    fn kind(r: Result<Val, EvalError>) -> Option<EvalErrorKind> {
        r.err().map(|e| e.kind)
    }

    /// Heat: a bare string names another condition; an unknown name is
    /// `Invalid condition "nope"`.
    #[test]
    fn a_string_names_a_condition() {
        let stack = Stack::new("2016-10-14").with_condition("prod", true);
        assert_eq!(cond(&stack, "prod"), Ok(Val::Bool(true)));
        assert_eq!(
            kind(cond(&stack, "nope")),
            Some(EvalErrorKind::UnknownCondition {
                name: "nope".into()
            })
        );
        assert_eq!(cond(&stack, "false"), Ok(Val::Bool(false)));
    }

    #[test]
    fn condition_functions_nest() {
        let stack = Stack::new("2016-10-14")
            .with_condition("prod", true)
            .with_param("env", Val::Str("prod".into()));
        assert_eq!(
            cond(
                &stack,
                "{and: [prod, {not: {equals: [{get_param: env}, dev]}}]}"
            ),
            Ok(Val::Bool(true))
        );
    }

    /// Heat: functions other than the condition set are
    /// `function.Invalid` in a condition.
    #[test]
    fn other_functions_are_invalid_in_a_condition() {
        let stack = Stack::new("2016-10-14");
        assert_eq!(
            kind(cond(&stack, "{equals: [{list_join: ['', [a]]}, a]}")),
            Some(EvalErrorKind::InvalidInCondition {
                function: "list_join".into()
            })
        );
        // `contains` is a condition function from 2017-09-01 only; before,
        // it is not a function at all, so the mapping is data (a
        // mapping is not a condition).
        assert!(cond(&Stack::new("2016-10-14"), "{contains: [a, [a]]}").is_err());
        assert_eq!(
            cond(&Stack::new("2017-09-01"), "{contains: [a, [a]]}"),
            Ok(Val::Bool(true))
        );
    }

    #[test]
    fn unknown_parameters_make_unknown_conditions() {
        let stack = Stack::new("2016-10-14").with_param("env", Val::Unknown);
        assert_eq!(
            cond(&stack, "{equals: [{get_param: env}, prod]}"),
            Ok(Val::Unknown)
        );
    }
}
