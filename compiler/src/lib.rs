//! hotc's compiler: from a syntax tree to checked templates and diagnostics.
//!
//! This crate does no I/O and has no async runtime: sources come in through
//! the `SourceLoader` trait, which the CLI implements over the disk and tests
//! implement in memory.
//!
//! The entry point for linting is [`check_source`]: it parses a file the way
//! Heat's loader does, builds its values, decides what kind of Heat file it
//! is, runs the structure rules for that kind and returns every diagnostic.
//! [`check_dsl`] does the same for a `.heat` file.
#![warn(clippy::disallowed_methods, reason = "compiler/ does no I/O")]
#![deny(clippy::unwrap_used, clippy::indexing_slicing)]

/// Per-rule timings for the benchmark; not an API (see the module).
#[cfg(feature = "bench-hooks")]
#[doc(hidden)]
pub mod bench_hooks;
pub mod diagnostics;
pub mod eval;
pub mod graph;
mod intrinsics;
pub mod ir;
mod lint;
pub mod params;
pub mod resource_types;
pub mod source;
pub mod suggest;
mod versions;

pub use lint::stack::StackInputs;
pub use versions::HotVersion;

use diagnostics::{Diagnostic, Severity, render};

/// What kind of Heat file a source is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FileKind {
    /// A HOT template: a mapping with `heat_template_version`, or one that
    /// defines typed resources but lost its version.
    Template,
    /// An environment file: a mapping with environment sections
    /// (`parameters`, `parameter_defaults`, `resource_registry`, ...).
    Environment,
    /// Anything else, checked for syntax only: YAML that is not a Heat file,
    /// and CloudFormation-format templates (`HeatTemplateFormatVersion`,
    /// `AWSTemplateFormatVersion`), which Heat runs but hotc does not check.
    Other,
}

/// The result of checking one source.
#[derive(Debug, Clone)]
pub struct Checked {
    pub kind: FileKind,
    /// Which loader read the source (Heat tries JSON first, then YAML;
    /// `.heat` files are read by the DSL front end).
    pub flavor: hotc_grammar::Flavor,
    /// The value Heat's loader would build (with a null in place of any part
    /// it could not read); `None` when the source holds no document.
    pub value: Option<hotc_grammar::Value>,
    /// Every finding, sorted by position and then code.
    pub diagnostics: Vec<Diagnostic>,
}

/// Parses, builds and checks one template or environment file. Never panics.
///
/// Syntax errors are always reported. The structure rules run only when
/// there is no syntax error (warnings such as a duplicate key do not count),
/// and syntax warnings are kept only before the first error: the shape of a
/// tree that could not be read is a guess, and findings about a guess would
/// be noise.
pub fn check_source(src: &str) -> Checked {
    check_yaml(src, None, None).template
}

/// Checks one template or environment file as [`check_source`] does, and
/// also against the files it names (`get_file`), read through `loader`
/// relative to `name`, the name of this file. Never panics.
pub fn check_with(src: &str, name: &str, loader: &dyn source::SourceLoader) -> Checked {
    check_yaml(src, Some(lint::Files { name, loader }), None).template
}

/// The result of checking a template with the values and environments a
/// stack is created with.
#[derive(Debug, Clone)]
pub struct StackChecked {
    pub template: Checked,
    /// The findings in each environment file of the inputs, by index (a
    /// value a template does not take, a registry entry Heat refuses).
    pub environments: Vec<Vec<Diagnostic>>,
}

/// Checks a template as [`check_with`] does, and also with the values and
/// environment files a stack would be created with (`-P`, `-e`): given
/// values against the template's parameters, and resource types through
/// the environments' `resource_registry`. Never panics.
pub fn check_stack(
    src: &str,
    name: &str,
    loader: &dyn source::SourceLoader,
    stack: &StackInputs,
) -> StackChecked {
    check_yaml(src, Some(lint::Files { name, loader }), Some(stack))
}

/// [`check_source`], with the files beside the source when there is a
/// loader, and the stack's inputs when given.
fn check_yaml(
    src: &str,
    files: Option<lint::Files<'_>>,
    stack: Option<&StackInputs>,
) -> StackChecked {
    let parsed = hotc_grammar::parse(src);
    let (value, build_errors) = hotc_grammar::value::build_stream(&parsed.stream, parsed.flavor);
    let diagnostics: Vec<Diagnostic> = parsed
        .errors
        .iter()
        .chain(&build_errors)
        .map(render::syntax)
        .collect();
    let has_document = !parsed.stream.documents.is_empty();
    finish(
        src,
        parsed.flavor,
        has_document.then_some(value),
        diagnostics,
        files,
        stack,
    )
}

/// Parses and checks one `.heat` file (docs/dsl.md), as [`check_source`]
/// does a YAML or JSON one: the DSL front end builds the value tree (spans
/// point into the `.heat` text), and the same structure rules run on it
/// under the same conditions. Never panics.
pub fn check_dsl(src: &str) -> Checked {
    check_heat(src, None, None).template
}

/// [`check_dsl`] with the files the template names (`get_file`, nested
/// templates), read through `loader` relative to `name`, as [`check_with`]
/// does for YAML. Never panics.
pub fn check_dsl_with(src: &str, name: &str, loader: &dyn source::SourceLoader) -> Checked {
    check_heat(src, Some(lint::Files { name, loader }), None).template
}

/// [`check_dsl_with`] with the values and environments a stack is made
/// with, as [`check_stack`] does for YAML. Never panics.
pub fn check_dsl_stack(
    src: &str,
    name: &str,
    loader: &dyn source::SourceLoader,
    stack: &StackInputs,
) -> StackChecked {
    check_heat(src, Some(lint::Files { name, loader }), Some(stack))
}

/// The `.heat` front end, then the same checks as YAML.
fn check_heat(
    src: &str,
    files: Option<lint::Files<'_>>,
    stack: Option<&StackInputs>,
) -> StackChecked {
    let parsed = hotc_grammar::dsl::parse(src);
    let diagnostics = parsed.errors.iter().map(render::syntax).collect();
    finish(
        src,
        hotc_grammar::Flavor::Dsl,
        parsed.value,
        diagnostics,
        files,
        stack,
    )
}

/// Classifies a built value, runs the structure rules when the syntax
/// allows, and sorts the findings (see [`check_source`] for the rules).
fn finish(
    src: &str,
    flavor: hotc_grammar::Flavor,
    value: Option<hotc_grammar::Value>,
    mut diagnostics: Vec<Diagnostic>,
    files: Option<lint::Files<'_>>,
    stack: Option<&StackInputs>,
) -> StackChecked {
    let mut environments = vec![Vec::new(); stack.map_or(0, |s| s.environments.len())];
    let kind = value.as_ref().map_or(FileKind::Other, lint::classify);
    let first_error = diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .map(|d| d.primary.span.start)
        .min();
    match (first_error, &value) {
        (None, Some(value)) => {
            let found = lint::run_with(src, value, kind, files, stack);
            diagnostics.extend(found.here.iter().map(render::finding));
            for (env, finding) in &found.elsewhere {
                if let Some(list) = environments.get_mut(*env) {
                    list.push(render::finding(finding));
                }
            }
        }
        (None, None) => {}
        // Past a syntax error the tree is the parser's best guess, and keys
        // it merged while recovering look like duplicates; only the ones
        // before the first error are certainly real.
        (Some(first), _) => {
            diagnostics.retain(|d| d.severity == Severity::Error || d.primary.span.start < first)
        }
    }
    let by_place = |a: &Diagnostic, b: &Diagnostic| {
        (a.primary.span.start, a.code).cmp(&(b.primary.span.start, b.code))
    };
    diagnostics.sort_by(by_place);
    for list in &mut environments {
        list.sort_by(by_place);
    }
    StackChecked {
        template: Checked {
            kind,
            flavor,
            value,
            diagnostics,
        },
        environments,
    }
}
