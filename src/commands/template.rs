//! Reading one template for the commands that work on its meaning (`graph`,
//! `plan`): read, check as `hotc lint` does, and lower to the IR.
//!
//! Those commands refuse a template with errors, since Heat would refuse it
//! too: the errors go to stderr exactly as `hotc lint` shows them, and the
//! exit status is 1. Warnings do not stop them; a note says how many there
//! are and how to see them.

use std::path::{Path, PathBuf};

use hotc_compiler::diagnostics::{Diagnostic, Severity};
use hotc_compiler::ir::Template;
use hotc_compiler::{
    Checked, FileKind, StackInputs, check_dsl_stack, check_dsl_with, check_stack, check_with,
};
use hotc_grammar::Flavor;

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

/// Checks one file as `hotc lint` does: `.heat` or YAML/JSON by its name,
/// with the files it names read from the disk, and with the stack's values
/// and environments when given. Returns the file's findings and those in
/// each environment file.
pub(crate) fn check_file(
    path: &Path,
    source: &str,
    name: &str,
    stack: Option<&StackInputs>,
) -> (Checked, Vec<Vec<Diagnostic>>) {
    let checked = match (is_dsl(path), stack) {
        (true, Some(stack)) => check_dsl_stack(source, name, &DiskLoader, stack),
        (false, Some(stack)) => check_stack(source, name, &DiskLoader, stack),
        (true, None) => return (check_dsl_with(source, name, &DiskLoader), Vec::new()),
        (false, None) => return (check_with(source, name, &DiskLoader), Vec::new()),
    };
    (checked.template, checked.environments)
}

/// The values and environments to check the template with, and the paths
/// of the environment files (in `-e` order) to show their findings.
pub(crate) type Inputs<'a> = Option<(&'a StackInputs, &'a [PathBuf])>;

/// Reads and checks the template at `path` (with `inputs` when given);
/// prints why when it cannot be used and returns the exit status to end
/// with.
pub(crate) fn load(
    path: &Path,
    color: &ColorArgs,
    inputs: Inputs<'_>,
) -> Result<Loaded, ExitStatus> {
    let name = path.display().to_string();
    let source = read_source(path).map_err(|message| {
        print_error(&format!("{name}: {message}"));
        ExitStatus::Error
    })?;
    let (mut checked, mut in_environments) =
        check_file(path, &source, &name, inputs.map(|(stack, _)| stack));
    let is_error = |d: &Diagnostic| d.severity == Severity::Error;
    let all = checked.diagnostics.len() + in_environments.iter().map(Vec::len).sum::<usize>();
    let errors = checked.diagnostics.iter().filter(|d| is_error(d)).count()
        + in_environments
            .iter()
            .map(|found| found.iter().filter(|d| is_error(d)).count())
            .sum::<usize>();
    let warnings = all - errors;
    let kind = checked.kind;
    let value = checked.value.clone();
    if errors > 0 {
        let human = Human::new(color.for_stderr());
        let mut out = String::new();
        checked.diagnostics.retain(is_error);
        human.render_file(
            &FileReport::new(path.to_path_buf(), source, checked),
            &mut out,
        );
        let env_paths = inputs.map_or(&[][..], |(_, paths)| paths);
        for (found, env_path) in in_environments.iter_mut().zip(env_paths) {
            found.retain(is_error);
            let Ok(text) = read_source(env_path) else {
                continue;
            };
            if found.is_empty() {
                continue;
            }
            let report = FileReport::new(
                env_path.clone(),
                text,
                Checked {
                    kind: FileKind::Environment,
                    flavor: Flavor::Yaml,
                    value: None,
                    diagnostics: std::mem::take(found),
                },
            );
            human.render_file(&report, &mut out);
        }
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
