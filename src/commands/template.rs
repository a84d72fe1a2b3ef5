//! Reading one template for the commands that work on its meaning (`graph`,
//! `plan`): read, check as `hotc lint` does, and lower to the IR.
//!
//! Those commands refuse a template with errors, since Heat would refuse it
//! too: the errors go to stderr exactly as `hotc lint` shows them, and the
//! exit status is 1. Warnings do not stop them; a note says how many there
//! are and how to see them.

use std::path::Path;

use hotc_compiler::diagnostics::Severity;
use hotc_compiler::ir::Template;
use hotc_compiler::{FileKind, check_dsl, check_with};

use super::lint::DiskLoader;
use super::{ColorArgs, print_error, print_note, read_source, write_stderr};
use crate::ExitStatus;
use crate::report::FileReport;
use crate::report::human::Human;
use crate::walk::is_dsl;

/// A template that passed the checks.
pub(crate) struct Loaded {
    /// The path for messages.
    pub(crate) name: String,
    pub(crate) source: String,
    pub(crate) template: Template,
}

/// Reads and checks the template at `path`; prints why when it cannot be
/// used and returns the exit status to end with.
pub(crate) fn load(path: &Path, color: &ColorArgs) -> Result<Loaded, ExitStatus> {
    let name = path.display().to_string();
    let source = read_source(path).map_err(|message| {
        print_error(&format!("{name}: {message}"));
        ExitStatus::Error
    })?;
    let mut checked = if is_dsl(path) {
        check_dsl(&source)
    } else {
        check_with(&source, &name, &DiskLoader)
    };
    let errors = checked
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .count();
    let warnings = checked.diagnostics.len() - errors;
    let kind = checked.kind;
    let value = checked.value.clone();
    if errors > 0 {
        checked
            .diagnostics
            .retain(|d| d.severity == Severity::Error);
        let report = FileReport::new(path.to_path_buf(), source, checked);
        let mut out = String::new();
        Human::new(color.for_stderr()).render_file(&report, &mut out);
        write_stderr(&out);
        print_error(&format!(
            "{name}: {errors} error{} (Heat would refuse this template)",
            if errors == 1 { "" } else { "s" }
        ));
        return Err(ExitStatus::Failure);
    }
    let Some(value) = value.filter(|_| kind == FileKind::Template) else {
        print_error(&format!(
            "{name}: not a HOT template (no `heat_template_version` and no typed resources)"
        ));
        return Err(ExitStatus::Failure);
    };
    if warnings > 0 {
        print_note(&format!(
            "{name}: {warnings} warning{}; `hotc lint {name}` shows {}",
            if warnings == 1 { "" } else { "s" },
            if warnings == 1 { "it" } else { "them" }
        ));
    }
    let template = Template::lower(&value);
    Ok(Loaded {
        name,
        source,
        template,
    })
}
