//! Diagnostics as plain data, ready for any renderer (miette in the CLI,
//! JSON, SARIF, GitHub annotations).
//!
//! Passes record findings as typed kinds; this module is the one place that
//! turns them into messages, labels and help.

pub mod codes;
pub(crate) mod finding;
pub(crate) mod render;

pub use render::plan::{function_failed, immutable_property_changed};

use hotc_grammar::Span;

use codes::CodeInfo;

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

impl Diagnostic {
    /// A diagnostic of `info`'s code at its default severity.
    pub fn new(info: &CodeInfo, message: impl Into<String>, primary: Label) -> Self {
        Diagnostic {
            code: info.code,
            severity: info.severity,
            message: message.into(),
            primary,
            secondary: Vec::new(),
            help: None,
            fix: None,
        }
    }

    #[must_use]
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    #[must_use]
    pub fn with_secondary(mut self, label: Label) -> Self {
        self.secondary.push(label);
        self
    }

    #[must_use]
    pub fn with_fix(mut self, fix: Fix) -> Self {
        self.fix = Some(fix);
        self
    }

    /// The catalogue entry of this diagnostic's code.
    pub fn info(&self) -> Option<&'static CodeInfo> {
        codes::lookup(self.code)
    }
}

impl Label {
    pub fn new(span: Span, message: impl Into<String>) -> Self {
        Label {
            span,
            message: message.into(),
        }
    }
}
