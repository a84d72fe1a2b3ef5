//! Diagnostics as plain data, ready for any renderer (miette in the CLI,
//! JSON, SARIF, GitHub annotations).
//!
//! Passes record findings as typed kinds; this module is the one place that
//! turns them into messages, labels and help.

use hotc_grammar::Span;

/// How bad a finding is. An error means Heat would refuse the template; a
/// warning is something Heat accepts that is almost surely a mistake.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

/// A span with a short message pointing at it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Label {
    pub span: Span,
    pub message: String,
}

/// One text replacement of an automatic fix.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edit {
    pub span: Span,
    pub replacement: String,
}

/// An automatic fix: what it does, and its edits (non-overlapping).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fix {
    pub description: String,
    pub edits: Vec<Edit>,
}

/// One finding in one source file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// `HOT` plus three digits; stable, never reused.
    pub code: &'static str,
    pub severity: Severity,
    /// A short headline.
    pub message: String,
    /// The offending node.
    pub primary: Label,
    /// Related nodes (the first of two duplicate keys, a declaration, ...).
    pub secondary: Vec<Label>,
    /// How to fix it.
    pub help: Option<String>,
    pub fix: Option<Fix>,
}
