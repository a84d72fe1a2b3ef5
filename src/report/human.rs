//! Human output: each diagnostic rendered by miette's graphical handler, with
//! the offending source lines, every label, and the help text.
//!
//! The compiler's `Diagnostic` is plain data; `Adapter` presents one of them to
//! miette through the `miette::Diagnostic` trait, borrowing the file's
//! `NamedSource` so the snippet header shows the path as the user gave it.

use std::fmt;

use hotc_compiler::diagnostics::{Diagnostic, Label, Severity};
use hotc_grammar::Span;
use miette::{GraphicalReportHandler, GraphicalTheme, LabeledSpan, NamedSource, SourceCode};

use super::{FileReport, Summary, code_name};

/// Renders diagnostics for a terminal or a log.
pub(crate) struct Human {
    handler: GraphicalReportHandler,
}

impl Human {
    pub(crate) fn new(color: bool) -> Self {
        let theme = if color {
            GraphicalTheme::unicode()
        } else {
            GraphicalTheme::unicode_nocolor()
        };
        // A fixed width keeps output identical in a terminal, a pipe and a CI
        // log; links are off because the codes have no URLs yet.
        let handler = GraphicalReportHandler::new_themed(theme)
            .with_width(80)
            .with_links(false);
        Human { handler }
    }

    /// Appends every diagnostic of `file` to `out`, in file order.
    pub(crate) fn render_file(&self, file: &FileReport, out: &mut String) {
        if file.diagnostics.is_empty() {
            return;
        }
        // miette draws no caret at the very end of a text: give the text a
        // final line break so that a point at its end lands on the last line
        // (`visible` handles texts that already have one).
        let mut text = file.source.clone();
        if !text.ends_with(['\n', '\r']) {
            text.push('\n');
        }
        let source = NamedSource::new(&file.name, text);
        for diagnostic in &file.diagnostics {
            let adapter = Adapter::new(file, &source, diagnostic);
            // Writing into a String cannot fail, and the handler only reports
            // errors that its writer raises.
            let _ = self.handler.render_report(out, &adapter);
            out.push('\n');
        }
    }
}

/// The closing line of a human report: `2 errors, 1 warning in 3 files`.
pub(crate) fn summary_line(summary: &Summary) -> String {
    format!(
        "{}, {} in {}\n",
        plural(summary.errors, "error"),
        plural(summary.warnings, "warning"),
        plural(summary.files, "file"),
    )
}

fn plural(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("{n} {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

/// One compiler diagnostic, seen through miette's eyes.
struct Adapter<'a> {
    diagnostic: &'a Diagnostic,
    source: &'a NamedSource<String>,
    /// `warning[HOT012] unused-parameter`: the severity in words (the theme's
    /// symbol alone is easy to miss without colour), the code and its name.
    heading: String,
    labels: Vec<LabeledSpan>,
}

impl<'a> Adapter<'a> {
    fn new(file: &FileReport, source: &'a NamedSource<String>, diagnostic: &'a Diagnostic) -> Self {
        let heading = match code_name(diagnostic.code) {
            Some(name) => format!(
                "{}[{}] {name}",
                diagnostic.severity.as_str(),
                diagnostic.code
            ),
            None => format!("{}[{}]", diagnostic.severity.as_str(), diagnostic.code),
        };
        let labeled = |label: &Label, primary: bool| {
            let (start, end) = visible(file, label.span);
            let text = (!label.message.is_empty()).then(|| label.message.clone());
            if primary {
                LabeledSpan::new_primary_with_span(text, (start, end - start))
            } else {
                LabeledSpan::new_with_span(text, (start, end - start))
            }
        };
        let labels = std::iter::once(labeled(&diagnostic.primary, true))
            .chain(diagnostic.secondary.iter().map(|l| labeled(l, false)))
            .collect();
        Adapter {
            diagnostic,
            source,
            heading,
            labels,
        }
    }
}

/// `span` clamped to the source, moved where miette can draw it: miette
/// shows no line after a final line break, so a point at the very end of a
/// text that ends with one (where "expected X before the end" errors point)
/// goes to the end of the last line instead.
fn visible(file: &FileReport, span: Span) -> (usize, usize) {
    let (start, end) = file.clamp(span);
    let text = file.source.as_str();
    if start == end && end == text.len() {
        let trimmed = text
            .strip_suffix("\r\n")
            .or_else(|| text.strip_suffix('\n'))
            .or_else(|| text.strip_suffix('\r'));
        if let Some(trimmed) = trimmed {
            return (trimmed.len(), trimmed.len());
        }
    }
    (start, end)
}

impl fmt::Debug for Adapter<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.diagnostic, f)
    }
}

impl fmt::Display for Adapter<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.diagnostic.message)
    }
}

impl std::error::Error for Adapter<'_> {}

impl miette::Diagnostic for Adapter<'_> {
    fn code<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        Some(Box::new(&self.heading))
    }

    fn severity(&self) -> Option<miette::Severity> {
        Some(match self.diagnostic.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
        })
    }

    fn help<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        self.diagnostic
            .help
            .as_ref()
            .map(|h| Box::new(h) as Box<dyn fmt::Display + 'b>)
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        Some(self.source)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        Some(Box::new(self.labels.iter().cloned()))
    }
}
