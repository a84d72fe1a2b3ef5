//! Evaluating HOT expressions as Heat does, on known values, with unknowns.
//!
//! An expression is a spanned value tree (`hotc_grammar::Value`): a one-key
//! mapping whose key is a function of the template's version is a call, as
//! Heat's `Template.parse` decides; anything else is data, evaluated item by
//! item. Each function's semantics live in `crate::intrinsics`, one module a
//! function; this module holds what they share: the evaluated value (`Val`),
//! the context they read (`Context`), and typed errors (`EvalError`).
//!
//! Values that cannot be known before apply (attributes of resources not yet
//! created, physical ids) are `Val::Unknown`. A function given an unknown
//! argument returns `Unknown` unless its result does not depend on it (an
//! `if` whose condition is known picks its branch), so a plan can tell
//! "changes" from "may change".

use hotc_grammar::{Span, Value, ValueKind};

use crate::ir::{Expr, ExprKind, Place};

use crate::intrinsics;
use crate::versions::HotVersion;

/// An evaluated value. Mappings keep their keys' insertion order, as a
/// Python dict does.
#[derive(Debug, Clone, PartialEq)]
pub enum Val {
    Null,
    Bool(bool),
    Int(i128),
    Float(f64),
    Str(String),
    List(Vec<Val>),
    Map(Vec<(Val, Val)>),
    /// Known only after apply.
    Unknown,
}

impl Val {
    /// The value of a literal (no function is evaluated).
    pub fn from_literal(value: &Value) -> Val {
        match &value.kind {
            ValueKind::Null => Val::Null,
            ValueKind::Bool(b) => Val::Bool(*b),
            ValueKind::Int(i) => Val::Int(*i),
            ValueKind::Float(f) => Val::Float(*f),
            ValueKind::Str(s) => Val::Str(s.clone()),
            ValueKind::Seq(items) => Val::List(items.iter().map(Val::from_literal).collect()),
            ValueKind::Map(entries) => Val::Map(
                entries
                    .iter()
                    .map(|(k, v)| (Val::from_literal(k), Val::from_literal(v)))
                    .collect(),
            ),
        }
    }

    /// The value of an expression read as data: a call in it (which callers
    /// rule out first) counts as unknown.
    pub fn from_data(expr: &Expr) -> Val {
        match &expr.kind {
            ExprKind::Null => Val::Null,
            ExprKind::Bool(b) => Val::Bool(*b),
            ExprKind::Int(i) => Val::Int(*i),
            ExprKind::Float(f) => Val::Float(*f),
            ExprKind::Str(s) => Val::Str(s.clone()),
            ExprKind::Seq(items) => Val::List(items.iter().map(Val::from_data).collect()),
            ExprKind::Map(entries) => Val::Map(
                entries
                    .iter()
                    .map(|(k, v)| (Val::from_data(k), Val::from_data(v)))
                    .collect(),
            ),
            ExprKind::Call(_) => Val::Unknown,
        }
    }

    /// Whether any part of the value is unknown.
    pub fn has_unknown(&self) -> bool {
        match self {
            Val::Unknown => true,
            Val::List(items) => items.iter().any(Val::has_unknown),
            Val::Map(entries) => entries
                .iter()
                .any(|(k, v)| k.has_unknown() || v.has_unknown()),
            Val::Null | Val::Bool(_) | Val::Int(_) | Val::Float(_) | Val::Str(_) => false,
        }
    }

    pub fn as_str(&self) -> Option<&str> {
        match self {
            Val::Str(s) => Some(s),
            Val::Null
            | Val::Bool(_)
            | Val::Int(_)
            | Val::Float(_)
            | Val::List(_)
            | Val::Map(_)
            | Val::Unknown => None,
        }
    }

    /// The entries of a mapping.
    pub fn as_map(&self) -> Option<&[(Val, Val)]> {
        match self {
            Val::Map(entries) => Some(entries),
            Val::Null
            | Val::Bool(_)
            | Val::Int(_)
            | Val::Float(_)
            | Val::Str(_)
            | Val::List(_)
            | Val::Unknown => None,
        }
    }

    /// The entry for a string key of a mapping.
    pub fn get(&self, key: &str) -> Option<&Val> {
        self.as_map()?
            .iter()
            .find(|(k, _)| k.as_str() == Some(key))
            .map(|(_, v)| v)
    }

    /// The kind of value, as messages name it.
    pub fn type_name(&self) -> &'static str {
        match self {
            Val::Null => "null",
            Val::Bool(_) => "a boolean",
            Val::Int(_) => "an integer",
            Val::Float(_) => "a number",
            Val::Str(_) => "a string",
            Val::List(_) => "a list",
            Val::Map(_) => "a mapping",
            Val::Unknown => "a value known only after apply",
        }
    }
}

/// What evaluation reads from the stack being planned or applied.
pub trait Context {
    /// The template's version: it decides which functions exist and which
    /// variant of each (`list_join` of several lists from 2015-10-15 on, ...).
    fn version(&self) -> HotVersion;
    /// A parameter's value (given, or its default), or `None` when the
    /// template declares no such parameter. Pseudo-parameters included.
    fn param(&self, name: &str) -> Option<Val>;
    /// A resource attribute, `Unknown` before the resource exists; `None`
    /// when there is no such resource.
    fn attribute(&self, resource: &str, attribute: &str) -> Option<Val>;
    /// A resource's reference id (`get_resource`), `Unknown` before it exists.
    fn resource_ref(&self, resource: &str) -> Option<Val>;
    /// A file's text for `get_file`, read through the `SourceLoader`.
    fn file(&self, path: &str) -> Option<String>;
    /// A condition's value, `None` when no condition has that name.
    fn condition(&self, name: &str) -> Option<bool>;
}

/// An evaluation error: what went wrong, and where.
#[derive(Debug, Clone, PartialEq)]
pub struct EvalError {
    pub kind: EvalErrorKind,
    pub span: Span,
}

/// What went wrong. Each variant is a refusal Heat makes (at validate,
/// preview, create or when resolving an output), named by the function.
#[derive(Debug, Clone, PartialEq)]
pub enum EvalErrorKind {
    /// The argument does not have the shape the function takes.
    BadArguments {
        function: &'static str,
        /// The shape Heat's error message describes.
        expected: &'static str,
    },
    /// `get_param` of a parameter the template does not declare.
    UnknownParameter { name: String },
    /// `get_resource`/`get_attr` of a resource that does not exist.
    UnknownResource { name: String },
    /// An attribute the resource does not have.
    UnknownAttribute { resource: String, attribute: String },
    /// A path step into a value that has no such key or index.
    BadPath {
        function: &'static str,
        step: String,
    },
    /// Items a function joins or replaces with must be strings (or, from
    /// some versions on, are JSON-encoded): this one is not.
    NotAString {
        function: &'static str,
        found: &'static str,
    },
    /// `get_file` of a file that cannot be read.
    FileNotFound { path: String },
    /// A condition name that is not defined.
    UnknownCondition { name: String },
    /// A function Heat removed in this template version.
    Removed { function: String },
    /// A function or a part of one hotc does not evaluate yet: never a guess.
    NotSupported { function: String, what: String },
    /// A function used in a condition that Heat does not allow there
    /// (`The function "list_join" is invalid in this context`).
    InvalidInCondition { function: String },
    /// Any other refusal, with Heat's message.
    Failed {
        function: &'static str,
        message: String,
    },
}

impl EvalError {
    pub fn new(kind: EvalErrorKind, span: Span) -> Self {
        EvalError { kind, span }
    }
}

/// A value as Python's `json.dumps` writes it with its default separators
/// (`", "`, `": "`) and ASCII escapes, optionally with sorted keys: what
/// Heat's functions produce when they JSON-encode a structure
/// (`jsonutils.dumps`). Unknown parts print as `null`; callers check
/// `has_unknown` first.
pub(crate) fn python_json(v: &Val, sort_keys: bool) -> String {
    let mut out = String::new();
    write_json(&mut out, v, sort_keys);
    out
}

fn write_json(out: &mut String, v: &Val, sort_keys: bool) {
    match v {
        Val::Null | Val::Unknown => out.push_str("null"),
        Val::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Val::Int(i) => out.push_str(&i.to_string()),
        Val::Float(f) => out.push_str(&hotc_grammar::value::float_repr(*f)),
        Val::Str(s) => write_json_str(out, s),
        Val::List(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                write_json(out, item, sort_keys);
            }
            out.push(']');
        }
        Val::Map(entries) => {
            let mut keyed: Vec<(String, &Val)> =
                entries.iter().map(|(k, v)| (json_key(k), v)).collect();
            if sort_keys {
                keyed.sort_by(|a, b| a.0.cmp(&b.0));
            }
            out.push('{');
            for (i, (k, v)) in keyed.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                write_json_str(out, k);
                out.push_str(": ");
                write_json(out, v, sort_keys);
            }
            out.push('}');
        }
    }
}

/// A mapping key as `json.dumps` turns it into a string.
fn json_key(k: &Val) -> String {
    match k {
        Val::Str(s) => s.clone(),
        Val::Null | Val::Unknown => "null".to_owned(),
        Val::Bool(b) => if *b { "true" } else { "false" }.to_owned(),
        Val::Int(i) => i.to_string(),
        Val::Float(f) => hotc_grammar::value::float_repr(*f),
        Val::List(_) | Val::Map(_) => python_json(k, false),
    }
}

fn write_json_str(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            c if (c as u32) < 0x20 || (c as u32) > 0x7e => {
                let mut buf = [0u16; 2];
                for unit in c.encode_utf16(&mut buf) {
                    out.push_str(&format!("\\u{unit:04x}"));
                }
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

/// Evaluates an expression in `ctx`.
pub fn eval(expr: &Expr, ctx: &dyn Context) -> Result<Val, EvalError> {
    match &expr.kind {
        ExprKind::Call(call) => match intrinsics::lookup(&call.name) {
            Some(f) => f(&call.arg, expr.span, ctx),
            None => Err(EvalError::new(
                EvalErrorKind::NotSupported {
                    function: call.name.clone(),
                    what: "evaluation".to_owned(),
                },
                expr.span,
            )),
        },
        // Heat resolves items and mapping values as nullable: an absent
        // two-argument `if` leaves its item or entry out.
        ExprKind::Seq(items) => {
            let mut out = Vec::with_capacity(items.len());
            for item in items {
                if let Some(v) = eval_nullable(item, ctx)? {
                    out.push(v);
                }
            }
            Ok(Val::List(out))
        }
        ExprKind::Map(entries) => {
            let mut out = Vec::with_capacity(entries.len());
            for (k, v) in entries {
                let key = Val::from_data(k);
                if let Some(value) = eval_nullable(v, ctx)? {
                    out.push((key, value));
                }
            }
            Ok(Val::Map(out))
        }
        ExprKind::Null
        | ExprKind::Bool(_)
        | ExprKind::Int(_)
        | ExprKind::Float(_)
        | ExprKind::Str(_) => Ok(Val::from_data(expr)),
    }
}

/// Lowers a value tree standing as a value (not a condition) of a template
/// of `ctx`'s version, and evaluates it: for callers that hold values, not
/// IR.
pub fn eval_value(value: &Value, ctx: &dyn Context) -> Result<Val, EvalError> {
    eval(&Expr::lower(value, ctx.version(), Place::Value), ctx)
}

/// Evaluates an expression that stands as a list item or a mapping value:
/// `None` when it is a two-argument `if` (2021-04-16 on) whose condition is
/// false, which Heat leaves out (its `Ellipsis`).
pub fn eval_nullable(expr: &Expr, ctx: &dyn Context) -> Result<Option<Val>, EvalError> {
    match &expr.kind {
        ExprKind::Call(call) if call.name == "if" => {
            intrinsics::if_nullable(&call.arg, expr.span, ctx)
        }
        _ => eval(expr, ctx).map(Some),
    }
}

pub mod condition;

#[cfg(test)]
pub(crate) mod tests;
