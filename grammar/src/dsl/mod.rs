//! The `.heat` template language (docs/dsl.md): a terser syntax for HOT
//! templates that means exactly one HOT value tree.
//!
//! `parse` lowers `.heat` text to the same spanned `Value` tree the YAML
//! front end builds (spans point into the `.heat` text), plus syntax errors
//! and comment spans; `print` writes a value tree back as `.heat` text. The
//! pest grammar behind `parse` stays private to this crate.

pub mod parse;
pub mod print;

pub use parse::{DslParsed, parse};
