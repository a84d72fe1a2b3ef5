//! Expressions: a value tree in which intrinsic function calls are nodes.
//!
//! Heat decides once, when it parses a template (`Template.parse`,
//! `template_common.parse`), which one-key mappings are function calls: the
//! key must name a function of the template's version, and in a condition
//! (the `conditions` section, a resource's or output's `condition`, the
//! first argument of `if`) the condition function set applies, where every
//! other function is a call that fails (`function.Invalid`). Lowering does
//! the same once, so evaluation, type inference, the dependency graph and the
//! plan all read calls as nodes and never look at mapping shapes again.
//!
//! Heat never parses mapping keys (`dict((k, parse(v)) ...)`), so keys are
//! lowered as plain data.

use hotc_grammar::{Span, Value, ValueKind};

use crate::versions::{self, HotVersion};

/// An expression with the span of the source node it came from.
#[derive(Debug, Clone, PartialEq)]
pub struct Expr {
    pub span: Span,
    pub kind: ExprKind,
}

/// The kinds of expression: the value tree's kinds plus calls.
#[derive(Debug, Clone, PartialEq)]
pub enum ExprKind {
    Null,
    Bool(bool),
    Int(i128),
    Float(f64),
    Str(String),
    Seq(Vec<Expr>),
    /// Keys in first-occurrence order, as the value tree keeps them.
    Map(Vec<(Expr, Expr)>),
    /// An intrinsic function call.
    Call(Box<Call>),
}

/// A function call: `{name: arg}` in the source.
#[derive(Debug, Clone, PartialEq)]
pub struct Call {
    /// The function's name as written (`get_attr`, `Fn::Select`, ...).
    pub name: String,
    /// The span of the name (the mapping key).
    pub name_span: Span,
    /// The argument, lowered in the place Heat parses it (the condition of
    /// an `if` with the condition function set, everything else as data).
    pub arg: Expr,
}

impl Call {
    /// The parameter a `get_param` call reads, when its name is a literal:
    /// the argument, or the first item of a list (`[name, key, ...]`).
    pub fn parameter_name(&self) -> Option<&str> {
        if self.name != "get_param" {
            return None;
        }
        match &self.arg.kind {
            ExprKind::Seq(items) => items.first()?.as_str(),
            ExprKind::Str(name) => Some(name),
            ExprKind::Null
            | ExprKind::Bool(_)
            | ExprKind::Int(_)
            | ExprKind::Float(_)
            | ExprKind::Map(_)
            | ExprKind::Call(_) => None,
        }
    }
}

/// Where an expression stands, which decides the function set.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    /// Properties, metadata, outputs' values and every other value.
    Value,
    /// A condition expression.
    Condition,
}

impl Expr {
    /// Lowers a value tree standing in `place` of a template of `version`.
    pub fn lower(value: &Value, version: HotVersion, place: Place) -> Expr {
        let kind = match &value.kind {
            ValueKind::Seq(items) => ExprKind::Seq(
                items
                    .iter()
                    .map(|item| Expr::lower(item, version, place))
                    .collect(),
            ),
            ValueKind::Map(entries) => match call_parts(entries, version, place) {
                Some((name, key, arg)) => ExprKind::Call(Box::new(Call {
                    name: name.to_owned(),
                    name_span: key.span,
                    arg: lower_arg(name, arg, version, place),
                })),
                None => ExprKind::Map(
                    entries
                        .iter()
                        .map(|(k, v)| (Expr::data(k), Expr::lower(v, version, place)))
                        .collect(),
                ),
            },
            scalar => scalar_kind(scalar),
        };
        Expr {
            span: value.span,
            kind,
        }
    }

    /// A value tree as plain data: no call is recognised (mapping keys, and
    /// values Heat never parses).
    pub fn data(value: &Value) -> Expr {
        let kind = match &value.kind {
            ValueKind::Seq(items) => ExprKind::Seq(items.iter().map(Expr::data).collect()),
            ValueKind::Map(entries) => ExprKind::Map(
                entries
                    .iter()
                    .map(|(k, v)| (Expr::data(k), Expr::data(v)))
                    .collect(),
            ),
            scalar => scalar_kind(scalar),
        };
        Expr {
            span: value.span,
            kind,
        }
    }

    pub fn null(span: Span) -> Expr {
        Expr {
            span,
            kind: ExprKind::Null,
        }
    }

    pub fn is_null(&self) -> bool {
        matches!(self.kind, ExprKind::Null)
    }

    pub fn as_str(&self) -> Option<&str> {
        match &self.kind {
            ExprKind::Str(s) => Some(s),
            _ => None,
        }
    }

    pub fn as_seq(&self) -> Option<&[Expr]> {
        match &self.kind {
            ExprKind::Seq(items) => Some(items),
            _ => None,
        }
    }

    pub fn as_map(&self) -> Option<&[(Expr, Expr)]> {
        match &self.kind {
            ExprKind::Map(entries) => Some(entries),
            _ => None,
        }
    }

    pub fn as_call(&self) -> Option<&Call> {
        match &self.kind {
            ExprKind::Call(call) => Some(call),
            _ => None,
        }
    }

    /// The value under string key `key` in a mapping (only string keys can
    /// equal a string in Python).
    pub fn get(&self, key: &str) -> Option<&Expr> {
        self.as_map()?
            .iter()
            .find(|(k, _)| k.as_str() == Some(key))
            .map(|(_, v)| v)
    }

    /// Whether no call appears anywhere in the expression.
    pub fn is_literal(&self) -> bool {
        match &self.kind {
            ExprKind::Call(_) => false,
            ExprKind::Seq(items) => items.iter().all(Expr::is_literal),
            ExprKind::Map(entries) => entries.iter().all(|(_, v)| v.is_literal()),
            ExprKind::Null
            | ExprKind::Bool(_)
            | ExprKind::Int(_)
            | ExprKind::Float(_)
            | ExprKind::Str(_) => true,
        }
    }

    /// Every call in the expression, outermost first, in source order.
    pub fn calls(&self) -> Vec<&Call> {
        let mut out = Vec::new();
        self.visit_calls(&mut |call| out.push(call));
        out
    }

    /// Calls `f` on every call in the expression, outermost first.
    pub fn visit_calls<'a>(&'a self, f: &mut dyn FnMut(&'a Call)) {
        match &self.kind {
            ExprKind::Call(call) => {
                f(call);
                call.arg.visit_calls(f);
            }
            ExprKind::Seq(items) => items.iter().for_each(|item| item.visit_calls(f)),
            ExprKind::Map(entries) => entries.iter().for_each(|(_, v)| v.visit_calls(f)),
            ExprKind::Null
            | ExprKind::Bool(_)
            | ExprKind::Int(_)
            | ExprKind::Float(_)
            | ExprKind::Str(_) => {}
        }
    }
}

/// A scalar's kind (collections, which the callers handle, are null).
fn scalar_kind(kind: &ValueKind) -> ExprKind {
    match kind {
        ValueKind::Bool(b) => ExprKind::Bool(*b),
        ValueKind::Int(i) => ExprKind::Int(*i),
        ValueKind::Float(f) => ExprKind::Float(*f),
        ValueKind::Str(s) => ExprKind::Str(s.clone()),
        ValueKind::Null | ValueKind::Seq(_) | ValueKind::Map(_) => ExprKind::Null,
    }
}

/// The name, key and argument when `entries` is a call in `place`.
fn call_parts(
    entries: &[(Value, Value)],
    version: HotVersion,
    place: Place,
) -> Option<(&str, &Value, &Value)> {
    let [(key, arg)] = entries else {
        return None;
    };
    let name = key.as_str()?;
    let is_call = match place {
        Place::Value => versions::is_function(name, version),
        Place::Condition => versions::is_condition_function(name, version),
    };
    is_call.then_some((name, key, arg))
}

/// A call's argument: the condition of `if` (a Heat `Macro` that parses its
/// first argument with `parse_condition`) in the condition place, the rest
/// where the call stands. Outside a condition, only `if` switches place.
fn lower_arg(name: &str, arg: &Value, version: HotVersion, place: Place) -> Expr {
    if name != "if" || place == Place::Condition {
        return Expr::lower(arg, version, place);
    }
    let ValueKind::Seq(items) = &arg.kind else {
        return Expr::lower(arg, version, place);
    };
    let lowered = items
        .iter()
        .enumerate()
        .map(|(i, item)| {
            let place = if i == 0 { Place::Condition } else { place };
            Expr::lower(item, version, place)
        })
        .collect();
    Expr {
        span: arg.span,
        kind: ExprKind::Seq(lowered),
    }
}

#[cfg(test)]
mod tests;
