//! Turning checked files into output: human (miette), JSON, SARIF and GitHub
//! workflow commands.
//!
//! Every renderer works from the same `FileReport`, which owns the source text
//! and its line index so that all formats agree on positions: lines and
//! columns are 1-based, columns count characters (Unicode scalar values), and
//! an end position is the one just past the last character of a span. Spans
//! that fall outside the text or inside a character are clamped here, once,
//! so no renderer can slice the source out of bounds.

pub(crate) mod github;
pub(crate) mod human;
pub(crate) mod json;
pub(crate) mod sarif;

use std::path::PathBuf;

use hotc_compiler::diagnostics::{Diagnostic, Severity};
use hotc_compiler::{Checked, FileKind};
use hotc_grammar::{Flavor, LineIndex, Span};

/// One checked file, ready to render.
pub(crate) struct FileReport {
    /// The path as the user gave it (or as the directory walk built it).
    pub(crate) path: PathBuf,
    /// `path` for display: the name shown in every output format.
    pub(crate) name: String,
    pub(crate) source: String,
    pub(crate) kind: FileKind,
    pub(crate) flavor: Flavor,
    /// Sorted by position, so output order does not depend on pass order.
    pub(crate) diagnostics: Vec<Diagnostic>,
    lines: LineIndex,
}

/// A span resolved against its source: byte offsets plus 1-based lines and
/// character columns, the end being exclusive.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Region {
    pub(crate) start: usize,
    pub(crate) end: usize,
    pub(crate) line: usize,
    pub(crate) column: usize,
    pub(crate) end_line: usize,
    pub(crate) end_column: usize,
}

impl FileReport {
    pub(crate) fn new(path: PathBuf, source: String, checked: Checked) -> Self {
        let Checked {
            kind,
            flavor,
            mut diagnostics,
            ..
        } = checked;
        // A stable sort keeps the compiler's order for findings on the same
        // span, which is itself deterministic.
        diagnostics.sort_by_key(|d| (d.primary.span.start, d.primary.span.end));
        FileReport {
            name: path.display().to_string(),
            lines: LineIndex::new(&source),
            path,
            source,
            kind,
            flavor,
            diagnostics,
        }
    }

    /// Adds findings made while checking other files (a template's about
    /// the values in this environment file); one reported again for each
    /// template is kept once.
    pub(crate) fn add(&mut self, found: Vec<Diagnostic>) {
        for d in found {
            if !self.diagnostics.contains(&d) {
                self.diagnostics.push(d);
            }
        }
        self.diagnostics
            .sort_by_key(|d| (d.primary.span.start, d.primary.span.end));
    }

    /// `span` clamped to the source and to character boundaries, as byte
    /// offsets.
    pub(crate) fn clamp(&self, span: Span) -> (usize, usize) {
        let len = self.source.len();
        let start = self.source.floor_char_boundary(span.start().min(len));
        let end = self
            .source
            .ceil_char_boundary(span.end().min(len))
            .max(start);
        (start, end)
    }

    pub(crate) fn region(&self, span: Span) -> Region {
        let (start, end) = self.clamp(span);
        let (line, column) = self.lines.line_col(&self.source, start);
        let (end_line, end_column) = self.lines.line_col(&self.source, end);
        Region {
            start,
            end,
            line,
            column,
            end_line,
            end_column,
        }
    }

    pub(crate) fn count(&self, severity: Severity) -> usize {
        self.diagnostics
            .iter()
            .filter(|d| d.severity == severity)
            .count()
    }
}

/// A path that could not be linted, with the reason in words.
pub(crate) struct Unreadable {
    pub(crate) name: String,
    pub(crate) message: String,
}

/// Totals over a whole run.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Summary {
    pub(crate) errors: usize,
    pub(crate) warnings: usize,
    pub(crate) files: usize,
}

impl Summary {
    pub(crate) fn of(files: &[FileReport]) -> Self {
        files.iter().fold(Summary::default(), |acc, file| Summary {
            errors: acc.errors + file.count(Severity::Error),
            warnings: acc.warnings + file.count(Severity::Warning),
            files: acc.files + 1,
        })
    }
}

pub(crate) fn kind_name(kind: &FileKind) -> &'static str {
    match kind {
        FileKind::Template => "template",
        FileKind::Environment => "environment",
        FileKind::Other => "other",
    }
}

pub(crate) fn flavor_name(flavor: Flavor) -> &'static str {
    match flavor {
        Flavor::Json => "json",
        Flavor::Yaml => "yaml",
        Flavor::Dsl => "dsl",
    }
}

/// The kebab-case name of a code, when the code table knows it.
pub(crate) fn code_name(code: &str) -> Option<&'static str> {
    hotc_compiler::diagnostics::codes::lookup(code).map(|info| info.name)
}
