//! `hotc plan`: what an apply would do to a stack, and why.
//!
//! The template is checked first (with `-P` and `-e`, as `hotc lint` checks
//! it); a template Heat would refuse is not planned. The stack's recorded
//! state is read under its lock (a stack without state is planned as new and
//! gets no state directory), and `hotc_runtime::plan` decides per resource.
//! The human view lists only what changes, with the properties that change
//! and the one that forces a replacement; `--format json` writes the whole
//! plan (docs/plan-output.md). `-o FILE` saves it for a coming apply, with
//! the lineage and serial of the state it was made against.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use clap::{Args, ValueEnum};
use hotc_compiler::diagnostics::{Diagnostic, function_failed, immutable_property_changed};
use hotc_compiler::ir::Template;
use hotc_compiler::source::{self, SourceLoader};
use hotc_compiler::suggest::nearest;
use hotc_compiler::{Checked, FileKind, StackInputs};
use hotc_grammar::Flavor;
use hotc_runtime::plan::{
    Action, OutputChange, Plan, PlanError, Planned, ReplaceReason, Request, ResourceChange, plan,
};
use hotc_runtime::state::{LocalBackend, StackState};
use serde_json::{Value as Json, json};

use super::inputs::InputArgs;
use super::lint::DiskLoader;
use super::template::load;
use super::{ColorArgs, print_error, write_atomic, write_stderr, write_stdout};
use crate::ExitStatus;
use crate::report::FileReport;
use crate::report::human::Human;

/// The JSON plan's schema version (docs/plan-output.md).
const FORMAT_VERSION: u32 = 1;

/// The longest value the human view prints whole.
const SHORT: usize = 60;

#[derive(Debug, Args)]
#[command(
    about = "Show what an apply would change in a stack, and why",
    long_about = "Show what an apply would change in a stack, and why.\n\n\
        The template is checked first, with the given values and environments\n\
        (a template Heat would refuse is not planned), then compared with the\n\
        stack's recorded state (`.hotc/` beside the template, or --state-dir).\n\
        Each resource is created, updated in place, replaced or deleted by\n\
        Heat's update rules; a replacement names the property that forces it.\n\
        Values known only after apply show as (known after apply).",
    after_help = "Exit status: 0 on success (with --detailed-exitcode: 0 when nothing\n\
        would change, 2 when something would), 1 when the template or the\n\
        plan has errors, 2 on usage, I/O or state errors (locked, corrupt)."
)]
pub(crate) struct PlanArgs {
    /// The template.
    #[arg(value_name = "FILE")]
    file: PathBuf,

    #[command(flatten)]
    inputs: InputArgs,

    /// The stack's name (default: the template's file name without its
    /// extension).
    #[arg(long, value_name = "NAME")]
    stack: Option<String>,

    /// The state directory (default: `.hotc` beside the template).
    #[arg(long, value_name = "DIR")]
    state_dir: Option<PathBuf>,

    /// Plan the deletion of everything the stack's state records.
    #[arg(long)]
    destroy: bool,

    /// Plan only this resource and what it depends on (with --destroy:
    /// it and what depends on it). Repeatable.
    #[arg(long, value_name = "NAME")]
    target: Vec<String>,

    /// The output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,

    /// Save the plan to this file (JSON) for a coming apply.
    #[arg(short = 'o', long = "out", value_name = "FILE")]
    out: Option<PathBuf>,

    /// Exit with 2 when the plan has changes, 0 when it has none.
    #[arg(long)]
    detailed_exitcode: bool,

    #[command(flatten)]
    color: ColorArgs,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    /// A compact view of what changes.
    Human,
    /// The whole plan as JSON (docs/plan-output.md).
    Json,
}

pub(crate) fn run(args: &PlanArgs) -> ExitStatus {
    let status = match run_plan(args) {
        Ok(status) | Err(status) => status,
    };
    // With --detailed-exitcode, 2 means "changes", so every failure is 1.
    match status {
        ExitStatus::Error if args.detailed_exitcode => ExitStatus::Failure,
        other => other,
    }
}

fn run_plan(args: &PlanArgs) -> Result<ExitStatus, ExitStatus> {
    let usage = |message: String| {
        print_error(&message);
        ExitStatus::Error
    };
    // A plan needs every parameter's value, as a create does: the inputs
    // are complete even when none are given (HOT064 for what is missing).
    let inputs = args
        .inputs
        .read()
        .map_err(usage)?
        .unwrap_or_else(|| StackInputs::new(Vec::new(), Vec::new()))
        .complete();
    let loaded = load(
        &args.file,
        &args.color,
        Some((&inputs, args.inputs.environments.as_slice())),
    )?;
    let template = &loaded.template;
    let stack = match &args.stack {
        Some(name) => name.clone(),
        None => stack_name(&args.file),
    };
    let parameters = inputs.parameter_values(template).unwrap_or_default();
    let backend = match &args.state_dir {
        Some(dir) => LocalBackend::new(dir),
        None => LocalBackend::beside_template(&args.file),
    };
    // A stack without state is planned as new, and nothing is written: the
    // apply creates the state. With state, it is read again under the lock,
    // so that the plan sees one consistent serial.
    let existing = backend.read(&stack).map_err(|e| usage(e.to_string()))?;
    let (_lock, state) = match existing {
        None => (None, None),
        Some(_) => {
            let lock = backend
                .lock(&stack, "plan")
                .map_err(|e| usage(e.to_string()))?;
            let state = backend.read(&stack).map_err(|e| usage(e.to_string()))?;
            (Some(lock), state)
        }
    };
    let name = loaded.name.clone();
    let files = |path: &str| -> Option<String> {
        if source::is_remote(path) {
            return None;
        }
        DiskLoader.load(&name, path).ok().map(|(_, text)| text)
    };
    let planned = plan(&Request {
        stack: &stack,
        template,
        template_text: &loaded.source,
        parameters: &parameters,
        state: state.as_ref(),
        files: &files,
        destroy: args.destroy,
        targets: &args.target,
    });
    let planned = match planned {
        Ok(planned) => planned,
        Err(errors) => {
            return Err(report_errors(
                args,
                &loaded.name,
                &loaded.source,
                template,
                state.as_ref(),
                &errors,
            ));
        }
    };
    let document = json_of(&planned, &loaded.name);
    if let Some(out) = &args.out {
        let mut saved = document.clone();
        if let Some(map) = saved.as_object_mut() {
            map.insert(
                "template".to_owned(),
                json!({"name": loaded.name, "text": loaded.source}),
            );
            map.insert(
                "parameters".to_owned(),
                serde_json::to_value(&planned.parameters).unwrap_or(Json::Null),
            );
        }
        let text = serde_json::to_string_pretty(&saved).unwrap_or_default() + "\n";
        write_atomic(out, &text)
            .map_err(|e| usage(format!("cannot write {}: {e}", out.display())))?;
    }
    let text = match args.format {
        Format::Human => human(&planned, args.out.as_deref()),
        Format::Json => serde_json::to_string_pretty(&document).unwrap_or_default() + "\n",
    };
    write_stdout(&text).map_err(|e| usage(format!("cannot write the plan: {e}")))?;
    Ok(if args.detailed_exitcode && planned.has_changes() {
        ExitStatus::Changes
    } else {
        ExitStatus::Success
    })
}

/// The default stack name: the template's file name without extension.
fn stack_name(path: &Path) -> String {
    path.file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or("stack")
        .to_owned()
}

/// Prints the plan's errors as diagnostics (in the template) and unknown
/// targets as usage errors; returns the exit status.
fn report_errors(
    args: &PlanArgs,
    name: &str,
    source: &str,
    template: &Template,
    state: Option<&StackState>,
    errors: &[PlanError],
) -> ExitStatus {
    let mut diagnostics: Vec<Diagnostic> = Vec::new();
    let mut usage = false;
    for error in errors {
        match error {
            PlanError::Eval { resource, error } => {
                diagnostics.push(function_failed(error, resource.as_deref()));
            }
            PlanError::Immutable {
                resource,
                property,
                span,
            } => {
                let type_name = template
                    .resource(resource)
                    .map_or("", |r| r.type_name.as_str());
                diagnostics.push(immutable_property_changed(
                    resource, type_name, property, *span,
                ));
            }
            PlanError::UnknownTarget { name: target } => {
                usage = true;
                let known = template.resources.iter().map(|r| r.name.as_str()).chain(
                    state
                        .into_iter()
                        .flat_map(|s| s.resources.keys().map(String::as_str)),
                );
                let hint = nearest(target, known)
                    .map(|n| format!("; did you mean `{n}`?"))
                    .unwrap_or_default();
                print_error(&format!(
                    "--target {target}: no resource `{target}` in the template or the state{hint}"
                ));
            }
        }
    }
    if usage {
        return ExitStatus::Error;
    }
    diagnostics.sort_by_key(|d| d.primary.span.start());
    let count = diagnostics.len();
    let report = FileReport::new(
        PathBuf::from(name),
        source.to_owned(),
        Checked {
            kind: FileKind::Template,
            flavor: Flavor::Yaml,
            value: None,
            diagnostics,
        },
    );
    let mut out = String::new();
    Human::new(args.color.for_stderr()).render_file(&report, &mut out);
    write_stderr(&out);
    print_error(&format!(
        "{name}: {count} error{} in the plan; nothing was planned",
        if count == 1 { "" } else { "s" }
    ));
    ExitStatus::Failure
}

/// A value for the human view: compact JSON, long values shortened.
fn short(v: &Json) -> String {
    let text = v.to_string();
    if text.chars().count() <= SHORT {
        return text;
    }
    let head: String = text.chars().take(SHORT - 10).collect();
    format!("{head}… ({} chars)", text.chars().count())
}

fn planned_text(p: Option<&Planned>, sensitive: bool) -> String {
    match p {
        None => "(none)".to_owned(),
        Some(_) if sensitive => "(sensitive)".to_owned(),
        Some(Planned::Known(v)) => short(v),
        Some(Planned::Unknown { .. }) => "(known after apply)".to_owned(),
    }
}

fn symbol(action: Action) -> &'static str {
    match action {
        Action::Create => "+",
        Action::Update => "~",
        Action::Replace => "±",
        Action::Delete => "-",
        Action::NoChange => " ",
    }
}

fn human(plan: &Plan, saved: Option<&Path>) -> String {
    let mut out = String::new();
    let what = if plan.destroy { "destroy plan" } else { "plan" };
    let _ = writeln!(
        out,
        "Stack `{}`: {what} against {}.",
        plan.stack,
        if plan.has_state {
            format!("state serial {}", plan.serial)
        } else {
            "no recorded state (a new stack)".to_owned()
        }
    );
    let width = plan
        .resources
        .iter()
        .map(|r| r.name.chars().count())
        .max()
        .unwrap_or(0);
    let changing: Vec<&ResourceChange> = plan
        .resources
        .iter()
        .filter(|r| r.action != Action::NoChange)
        .collect();
    if !changing.is_empty() {
        out.push('\n');
    }
    for r in changing {
        let reason = match &r.reason {
            Some(ReplaceReason::Property {
                name,
                certain: true,
            }) => format!("  (`{name}` forces replacement)"),
            Some(ReplaceReason::Property {
                name,
                certain: false,
            }) => {
                format!("  (`{name}` forces replacement if its value, known after apply, changes)")
            }
            Some(ReplaceReason::TypeChanged { from }) => format!("  (type was {from})"),
            Some(ReplaceReason::Failed(status)) => format!("  (state records {status})"),
            None => String::new(),
        };
        let _ = writeln!(
            out,
            "  {} {:<8} {:<width$}  {}{reason}",
            symbol(r.action),
            r.action.as_str(),
            r.name,
            r.type_name
        );
        for c in &r.changes {
            let sensitive = r.sensitive.contains(&c.name);
            let new = planned_text(c.new.as_ref(), sensitive);
            let old = match &c.old {
                Some(_) if sensitive => "(sensitive)".to_owned(),
                Some(old) => short(old),
                None => "(none)".to_owned(),
            };
            let line = match r.action {
                Action::Create => format!("{}: {new}", c.name),
                _ => format!("{}: {old} → {new}", c.name),
            };
            let forces = if c.forces_replacement && r.action == Action::Replace {
                "   # forces replacement"
            } else {
                ""
            };
            let _ = writeln!(out, "        {line}{forces}");
        }
        if let Some(m) = &r.metadata_change {
            let old = m.old.as_ref().map_or("(none)".to_owned(), short);
            let new = planned_text(m.new.as_ref(), false);
            let _ = writeln!(out, "        (metadata): {old} → {new}");
        }
    }
    let outputs: Vec<&OutputChange> = plan
        .outputs
        .iter()
        .filter(|o| o.action != Action::NoChange)
        .collect();
    if !outputs.is_empty() {
        out.push_str("\nOutputs:\n");
        for o in outputs {
            if let Some(error) = &o.error {
                let reason = function_failed(error, None).message;
                let _ = writeln!(out, "  ! {}: fails: {reason}", o.name);
                continue;
            }
            let new = planned_text(o.new.as_ref(), o.sensitive);
            let line = match (&o.old, o.action) {
                (Some(old), Action::Update) => {
                    let old = if o.sensitive {
                        "(sensitive)".to_owned()
                    } else {
                        short(old)
                    };
                    format!("{old} → {new}")
                }
                (_, Action::Delete) => "(removed)".to_owned(),
                _ => new,
            };
            let _ = writeln!(out, "  {} {}: {line}", symbol(o.action), o.name);
        }
    }
    if !plan.parameter_changes.is_empty() {
        out.push_str("\nParameters:\n");
        for p in &plan.parameter_changes {
            let text = |v: &Option<Json>| v.as_ref().map_or("(none)".to_owned(), short);
            let _ = writeln!(out, "  ~ {}: {} → {}", p.name, text(&p.old), text(&p.new));
        }
    }
    let counts = plan.counts();
    let n = |a: Action| counts.get(&a).copied().unwrap_or(0);
    out.push('\n');
    if plan.has_changes() {
        let _ = writeln!(
            out,
            "Plan: {} to create, {} to update, {} to replace, {} to delete, {} unchanged.",
            n(Action::Create),
            n(Action::Update),
            n(Action::Replace),
            n(Action::Delete),
            n(Action::NoChange)
        );
    } else {
        let _ = writeln!(
            out,
            "No changes: the stack matches the template ({} resources).",
            n(Action::NoChange)
        );
    }
    if let Some(path) = saved {
        let _ = writeln!(out, "Saved the plan to {}.", path.display());
    }
    out
}

fn planned_json(p: Option<&Planned>, sensitive: bool) -> Json {
    match p {
        None => Json::Null,
        Some(_) if sensitive => json!({"sensitive": true}),
        Some(Planned::Known(v)) => json!({"known": true, "value": v}),
        Some(Planned::Unknown { from }) => json!({"known": false, "depends_on_changes": from}),
    }
}

/// The plan as the JSON document of docs/plan-output.md.
fn json_of(plan: &Plan, template: &str) -> Json {
    let counts = plan.counts();
    let n = |a: Action| counts.get(&a).copied().unwrap_or(0);
    let resources: Vec<Json> = plan
        .resources
        .iter()
        .map(|r| {
            let reason = match &r.reason {
                Some(ReplaceReason::Property { name, certain }) => {
                    json!({"kind": "property", "property": name, "certain": certain})
                }
                Some(ReplaceReason::TypeChanged { from }) => {
                    json!({"kind": "type_changed", "from": from})
                }
                Some(ReplaceReason::Failed(status)) => {
                    json!({"kind": "failed", "status": status.as_str()})
                }
                None => Json::Null,
            };
            json!({
                "name": r.name,
                "type": r.type_name,
                "action": r.action.as_str(),
                "replace_reason": reason,
                "depends_on": r.depends_on,
                "changes": r.changes.iter().map(|c| {
                    let sensitive = r.sensitive.contains(&c.name);
                    json!({
                        "property": c.name,
                        "old": match &c.old {
                            Some(_) if sensitive => json!({"sensitive": true}),
                            old => json!(old),
                        },
                        "new": planned_json(c.new.as_ref(), sensitive),
                        "forces_replacement": c.forces_replacement,
                    })
                }).collect::<Vec<_>>(),
                "metadata": planned_json(r.metadata.as_ref(), false),
                "metadata_change": r.metadata_change.as_ref().map(|m| json!({
                    "old": m.old,
                    "new": planned_json(m.new.as_ref(), false),
                })),
                "properties": r.properties.iter().map(|(name, p)| {
                    (name.clone(), planned_json(Some(p), r.sensitive.contains(name)))
                }).collect::<serde_json::Map<_, _>>(),
            })
        })
        .collect();
    let outputs: Vec<Json> = plan
        .outputs
        .iter()
        .map(|o| {
            json!({
                "name": o.name,
                "action": o.action.as_str(),
                "old": if o.sensitive { o.old.as_ref().map(|_| json!({"sensitive": true})) } else { o.old.clone() },
                "new": planned_json(o.new.as_ref(), o.sensitive),
                "sensitive": o.sensitive,
                "error": o.error.as_ref().map(|e| function_failed(e, None).message),
            })
        })
        .collect();
    json!({
        "format_version": FORMAT_VERSION,
        "kind": "hotc-plan",
        "stack": plan.stack,
        "template_file": template,
        "template_hash": plan.template_hash,
        "state": {"exists": plan.has_state, "lineage": plan.lineage, "serial": plan.serial},
        "destroy": plan.destroy,
        "targets": plan.targets,
        "summary": {
            "create": n(Action::Create),
            "update": n(Action::Update),
            "replace": n(Action::Replace),
            "delete": n(Action::Delete),
            "no_change": n(Action::NoChange),
            "has_changes": plan.has_changes(),
        },
        "resources": resources,
        "outputs": outputs,
        "parameter_changes": plan.parameter_changes.iter().map(|p| json!({
            "name": p.name, "hidden": p.hidden, "old": p.old, "new": p.new,
        })).collect::<Vec<_>>(),
    })
}
