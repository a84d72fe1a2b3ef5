//! The `.heat` front end (being written): `parse` will lower `.heat` text to
//! a spanned HOT value tree. Until the grammar lands it reads nothing and
//! returns no value.

use crate::error::SyntaxError;
use crate::span::Span;
use crate::value::Value;

/// A parsed `.heat` source: the template's value tree (None when nothing
/// could be read), every syntax error, and the span of every `#` comment.
#[derive(Debug, Clone)]
pub struct DslParsed {
    pub value: Option<Value>,
    pub errors: Vec<SyntaxError>,
    pub comments: Vec<Span>,
}

/// Lowers `.heat` text to a value tree. Not implemented yet: returns no value.
pub fn parse(_src: &str) -> DslParsed {
    DslParsed {
        value: None,
        errors: Vec::new(),
        comments: Vec::new(),
    }
}
