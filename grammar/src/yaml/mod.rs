//! The YAML 1.1 front end, read the way Heat's loader (PyYAML/libyaml
//! SafeLoader) reads it.
//!
//! `scanner` turns text into tokens, `parser` turns tokens into the lossless
//! `syntax` tree, and `resolve` (a pest grammar) gives plain scalars their
//! YAML 1.1 types. Values are built from the tree in `crate::value`.

pub mod emit;
pub mod format;
pub mod parser;
pub mod print;
pub mod resolve;
pub mod scanner;
pub mod syntax;
pub mod tabs;

use crate::error::SyntaxError;

/// Nesting deeper than this is reported instead of recursing further.
pub const MAX_DEPTH: usize = 256;

/// Parses YAML text; never fails, never panics.
pub fn parse(src: &str) -> (syntax::Stream, Vec<SyntaxError>) {
    parser::parse(src)
}
