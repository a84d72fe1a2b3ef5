//! Values as Heat's loader builds them from a syntax tree.
//!
//! PLACEHOLDER: the builder is being written; see the module docs to come.

use crate::span::Span;

/// A resolved value with the span of the node it came from.
#[derive(Debug, Clone, PartialEq)]
pub struct Value {
    pub span: Span,
    pub kind: ValueKind,
}

#[derive(Debug, Clone, PartialEq)]
pub enum ValueKind {
    Null,
    Bool(bool),
    Int(i128),
    Float(f64),
    Str(String),
    Seq(Vec<Value>),
    /// Keys in first-occurrence order; a duplicate key keeps the first
    /// position and the last value, as a Python dict does.
    Map(Vec<(Value, Value)>),
}
