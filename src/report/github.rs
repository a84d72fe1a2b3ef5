//! GitHub Actions output: one workflow command per diagnostic, which GitHub
//! turns into an annotation on the pull request's diff.
//!
//! The format is `::error file=P,line=L,col=C,endLine=L2,endColumn=C2,title=T::M`
//! (`::warning` for warnings). Columns count characters and the end column is
//! exclusive, as in every other hotc format. Values are escaped the way
//! GitHub's own toolkit does: `%`, CR and LF everywhere, and also `:` and `,`
//! inside properties, where they would end a value early.

use std::fmt::Write;

use hotc_compiler::diagnostics::{Diagnostic, Severity};

use super::{FileReport, code_name};

/// Appends a workflow command for every diagnostic of `file` to `out`.
pub(crate) fn render_file(file: &FileReport, out: &mut String) {
    for d in &file.diagnostics {
        render_diagnostic(file, d, out);
    }
}

fn render_diagnostic(file: &FileReport, d: &Diagnostic, out: &mut String) {
    let command = match d.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    };
    let r = file.region(d.primary.span);
    let title = match code_name(d.code) {
        Some(name) => format!("{} {name}", d.code),
        None => d.code.to_owned(),
    };
    // An annotation has room for one text. The position already says where,
    // which is what the primary label does in a snippet, so the message
    // carries the help along instead.
    let mut message = d.message.clone();
    if let Some(help) = &d.help {
        message.push_str("\nhelp: ");
        message.push_str(help);
    }
    // Writing into a String cannot fail.
    let _ = writeln!(
        out,
        "::{command} file={},line={},col={},endLine={},endColumn={},title={}::{}",
        escape_property(&file.name),
        r.line,
        r.column,
        r.end_line,
        r.end_column,
        escape_property(&title),
        escape_data(&message),
    );
}

fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests;
