//! hotc's front ends.
//!
//! Source text goes in; a lossless, spanned syntax tree and a list of syntax
//! errors come out. Parsing never fails: on bad input the tree holds what could
//! be read and every error is reported with its span.
//!
//! This crate does no I/O and has no async runtime. Its public API exposes only
//! our own types, never pest's, so any parser behind it can be replaced.
#![warn(clippy::disallowed_methods, reason = "grammar/ does no I/O")]
#![deny(clippy::unwrap_used, clippy::indexing_slicing)]

pub mod comments;
pub mod dsl;
pub mod error;
pub mod json;
pub mod line_index;
pub mod span;
pub mod value;
pub mod yaml;

#[cfg(test)]
mod test_support;

pub use error::{SyntaxError, SyntaxErrorKind};
pub use line_index::LineIndex;
pub use span::Span;
pub use value::{Value, ValueKind};

/// Which loader read a source: Heat tries JSON first and falls back to YAML.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flavor {
    Json,
    Yaml,
    /// The `.heat` template language (`dsl::parse`), which hotc reads in
    /// place of Heat (Heat itself reads only JSON and YAML).
    Dsl,
}

/// A parsed source: its syntax tree and every syntax error found in one pass.
#[derive(Debug, Clone)]
pub struct Parsed {
    pub flavor: Flavor,
    pub stream: yaml::syntax::Stream,
    pub errors: Vec<SyntaxError>,
}

/// Parses a template or environment file exactly as Heat's loader does:
/// as JSON when the whole text is valid JSON, otherwise as YAML 1.1.
pub fn parse(src: &str) -> Parsed {
    if let Some(stream) = json::parse_strict(src) {
        return Parsed {
            flavor: Flavor::Json,
            stream,
            errors: Vec::new(),
        };
    }
    let (stream, errors) = yaml::parse(src);
    Parsed {
        flavor: Flavor::Yaml,
        stream,
        errors,
    }
}
