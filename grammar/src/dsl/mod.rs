//! The `.heat` template language (docs/dsl.md): a terser syntax for HOT
//! templates that means exactly one HOT value tree.
//!
//! `parse` lowers `.heat` text to the same spanned `Value` tree the YAML
//! front end builds (spans point into the `.heat` text), plus syntax errors
//! and comment spans; `print` writes a value tree back as `.heat` text. The
//! pest grammar behind `parse` (`dsl.pest`) stays private to this crate.

mod lower;
pub mod parse;
pub mod print;
mod scan;

pub use parse::{DslParsed, parse};

/// The generated pest parser, in a private module so that its `Rule` type
/// never becomes part of the crate's API.
mod grammar {
    #[derive(pest_derive::Parser)]
    #[grammar = "dsl.pest"]
    pub(super) struct DslParser;
}
