//! JSON output: one document per run, with the schema described in
//! docs/json-output.md.
//!
//! The schema is versioned by its top-level `version` field. Every documented
//! key is always present (absent values are `null`, never omitted) and keys
//! appear in a fixed order, so the output is stable enough to diff and easy to
//! read from any language. Changing a key's meaning or removing one requires a
//! new version; adding a key does not.

use hotc_compiler::diagnostics::{Diagnostic, Fix, Label};
use hotc_grammar::Span;
use serde::Serialize;

use super::{FileReport, Summary, Unreadable, code_name, flavor_name, kind_name};

/// The schema version written in every document.
const VERSION: u32 = 1;

#[derive(Serialize)]
struct Document<'a> {
    version: u32,
    files: Vec<File<'a>>,
    unreadable: Vec<UnreadableJson<'a>>,
    summary: SummaryJson,
}

#[derive(Serialize)]
struct File<'a> {
    path: &'a str,
    kind: &'static str,
    flavor: &'static str,
    diagnostics: Vec<DiagnosticJson<'a>>,
}

#[derive(Serialize)]
struct DiagnosticJson<'a> {
    code: &'a str,
    name: Option<&'static str>,
    severity: &'static str,
    message: &'a str,
    span: SpanJson,
    label: Option<&'a str>,
    labels: Vec<LabelJson<'a>>,
    help: Option<&'a str>,
    fix: Option<FixJson<'a>>,
}

#[derive(Serialize)]
struct SpanJson {
    start: usize,
    end: usize,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
}

#[derive(Serialize)]
struct LabelJson<'a> {
    span: SpanJson,
    message: &'a str,
}

#[derive(Serialize)]
struct FixJson<'a> {
    description: &'a str,
    edits: Vec<EditJson<'a>>,
}

#[derive(Serialize)]
struct EditJson<'a> {
    span: SpanJson,
    replacement: &'a str,
}

#[derive(Serialize)]
struct UnreadableJson<'a> {
    path: &'a str,
    message: &'a str,
}

#[derive(Serialize)]
struct SummaryJson {
    errors: usize,
    warnings: usize,
    files: usize,
}

/// The whole JSON document for a run, pretty-printed, ending in a newline.
pub(crate) fn render(files: &[FileReport], unreadable: &[Unreadable]) -> String {
    let summary = Summary::of(files);
    let document = Document {
        version: VERSION,
        files: files.iter().map(file).collect(),
        unreadable: unreadable
            .iter()
            .map(|u| UnreadableJson {
                path: &u.name,
                message: &u.message,
            })
            .collect(),
        summary: SummaryJson {
            errors: summary.errors,
            warnings: summary.warnings,
            files: summary.files,
        },
    };
    let mut out = serde_json::to_string_pretty(&document)
        .expect("a document of strings and integers always serializes");
    out.push('\n');
    out
}

fn file(file: &FileReport) -> File<'_> {
    File {
        path: &file.name,
        kind: kind_name(&file.kind),
        flavor: flavor_name(file.flavor),
        diagnostics: file
            .diagnostics
            .iter()
            .map(|d| diagnostic(file, d))
            .collect(),
    }
}

fn diagnostic<'a>(file: &FileReport, d: &'a Diagnostic) -> DiagnosticJson<'a> {
    DiagnosticJson {
        code: d.code,
        name: code_name(d.code),
        severity: d.severity.as_str(),
        message: &d.message,
        span: span(file, d.primary.span),
        label: non_empty(&d.primary.message),
        labels: d.secondary.iter().map(|l| label(file, l)).collect(),
        help: d.help.as_deref(),
        fix: d.fix.as_ref().map(|f| fix(file, f)),
    }
}

fn span(file: &FileReport, span: Span) -> SpanJson {
    let r = file.region(span);
    SpanJson {
        start: r.start,
        end: r.end,
        line: r.line,
        column: r.column,
        end_line: r.end_line,
        end_column: r.end_column,
    }
}

fn label<'a>(file: &FileReport, label: &'a Label) -> LabelJson<'a> {
    LabelJson {
        span: span(file, label.span),
        message: &label.message,
    }
}

fn fix<'a>(file: &FileReport, fix: &'a Fix) -> FixJson<'a> {
    FixJson {
        description: &fix.description,
        edits: fix
            .edits
            .iter()
            .map(|e| EditJson {
                span: span(file, e.span),
                replacement: &e.replacement,
            })
            .collect(),
    }
}

fn non_empty(s: &str) -> Option<&str> {
    (!s.is_empty()).then_some(s)
}
