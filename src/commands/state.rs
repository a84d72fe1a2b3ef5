//! `hotc state`: look at and repair the recorded state of stacks.
//!
//! `list` and `show` only read. `rm` forgets resources (hotc stops managing
//! them; nothing is deleted) under the stack's lock, with an atomic write.
//! `unlock` clears the lock record left by a crash, or with `--force` breaks
//! a lock that a hung process still holds.
//!
//! The state store is `hotc_runtime::state`; its errors come worded from
//! there and are printed as they are. Every error exits with status 2: these
//! commands check nothing, so an error always means hotc could not do what
//! was asked.

use std::collections::BTreeSet;
use std::fmt::Write;
use std::path::PathBuf;

use clap::{Args, Subcommand, ValueEnum};
use hotc_compiler::suggest::nearest;
use hotc_runtime::state::{
    LocalBackend, LockInfo, ParamRecord, ResourceState, StackState, Unlocked,
};

use super::{print_error, print_note, write_stdout};
use crate::ExitStatus;

#[derive(Debug, Args)]
#[command(
    about = "Inspect and repair the recorded state of stacks",
    long_about = "Inspect and repair the recorded state of stacks.\n\n\
        State lives in a directory, one JSON file per stack (docs/state.md);\n\
        these commands use `.hotc` in the current directory unless given\n\
        `--state-dir`.",
    after_help = "Exit status: 0 on success, 2 when the state cannot be read or\n\
        changed (missing, corrupt, locked) or on usage errors."
)]
pub(crate) struct StateArgs {
    #[command(subcommand)]
    command: StateCommand,
}

#[derive(Debug, Subcommand)]
enum StateCommand {
    List(ListArgs),
    Show(ShowArgs),
    Rm(RmArgs),
    Unlock(UnlockArgs),
}

#[derive(Debug, Args)]
struct DirArgs {
    /// The state directory.
    #[arg(long, value_name = "DIR", default_value = ".hotc")]
    state_dir: PathBuf,
}

impl DirArgs {
    fn backend(&self) -> LocalBackend {
        LocalBackend::new(&self.state_dir)
    }
}

#[derive(Debug, Args)]
#[command(about = "List the stacks that have state")]
struct ListArgs {
    #[command(flatten)]
    dir: DirArgs,
}

#[derive(Debug, Args)]
#[command(
    about = "Show the state of a stack, or of one of its resources",
    long_about = "Show the state of a stack, or of one of its resources.\n\n\
        Hidden parameters are never stored in clear text and show as ******."
)]
struct ShowArgs {
    /// The stack.
    stack: String,
    /// Only this resource, in full.
    resource: Option<String>,
    #[command(flatten)]
    dir: DirArgs,
    /// How to print it.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    /// A compact, readable view.
    Human,
    /// The state as stored (docs/state.md).
    Json,
}

#[derive(Debug, Args)]
#[command(
    about = "Forget resources without deleting them",
    long_about = "Forget resources without deleting them.\n\n\
        The resources keep existing in their cloud or on their host; hotc\n\
        stops managing them. Takes the stack's lock and writes the state\n\
        atomically; the previous version is kept as STACK.json.backup."
)]
struct RmArgs {
    /// The stack.
    stack: String,
    /// The resources to forget.
    #[arg(required = true, value_name = "RESOURCE")]
    resources: Vec<String>,
    #[command(flatten)]
    dir: DirArgs,
}

#[derive(Debug, Args)]
#[command(
    about = "Clear a stack's lock left by a crash",
    long_about = "Clear a stack's lock left by a crash.\n\n\
        The system releases the lock of a process that exits, so a crash\n\
        leaves only a stale record of who held it, which this clears. A\n\
        lock that a running process still holds is refused unless --force\n\
        is given."
)]
struct UnlockArgs {
    /// The stack.
    stack: String,
    /// Break the lock even though a process holds it. Only for a holder
    /// that is hung or whose host is gone: that process can then no longer
    /// write the state.
    #[arg(long)]
    force: bool,
    #[command(flatten)]
    dir: DirArgs,
}

pub(crate) fn run(args: &StateArgs) -> ExitStatus {
    let result = match &args.command {
        StateCommand::List(args) => list(args),
        StateCommand::Show(args) => show(args),
        StateCommand::Rm(args) => rm(args),
        StateCommand::Unlock(args) => unlock(args),
    };
    match result {
        Ok(status) => status,
        Err(message) => {
            print_error(&message);
            ExitStatus::Error
        }
    }
}

/// A command's outcome: an exit status, or a message that fails it.
type Outcome = Result<ExitStatus, String>;

fn list(args: &ListArgs) -> Outcome {
    let backend = args.dir.backend();
    let stacks = backend.list().map_err(|e| e.to_string())?;
    if stacks.is_empty() {
        print_note(&format!("no stacks in {}", backend.dir().display()));
        return Ok(ExitStatus::Success);
    }
    let width = stacks.iter().map(|s| s.chars().count()).max().unwrap_or(0);
    let mut out = String::new();
    let mut status = ExitStatus::Success;
    for stack in &stacks {
        match backend.read(stack) {
            Ok(Some(state)) => {
                let _ = writeln!(
                    out,
                    "{stack:width$}  serial {}, {}",
                    state.serial,
                    count(state.resources.len(), "resource")
                );
            }
            // Removed between the listing and the read.
            Ok(None) => {}
            // One bad file does not hide the others.
            Err(e) => {
                let _ = writeln!(out, "{stack:width$}  (unreadable, see below)");
                print_error(&e.to_string());
                status = ExitStatus::Error;
            }
        }
    }
    write(&out)?;
    Ok(status)
}

fn show(args: &ShowArgs) -> Outcome {
    let backend = args.dir.backend();
    let state = read_existing(&backend, &args.stack)?;
    let text = match (&args.resource, args.format) {
        (None, Format::Json) => state.to_json(),
        (None, Format::Human) => stack_view(&state),
        (Some(name), format) => {
            let resource = state
                .resources
                .get(name)
                .ok_or_else(|| unknown_resources(&state, &[name.as_str()]))?;
            match format {
                Format::Json => json_text(resource),
                Format::Human => resource_view(&state.stack, name, resource),
            }
        }
    };
    write(&text)?;
    Ok(ExitStatus::Success)
}

fn rm(args: &RmArgs) -> Outcome {
    let backend = args.dir.backend();
    // A first look without the lock, so that a stack that has no state gets
    // no lock file (nor a state directory) made for it.
    read_existing(&backend, &args.stack)?;
    // Then the lock, and the state again under it: that is the one written
    // over.
    let lock = backend
        .lock(&args.stack, "state rm")
        .map_err(|e| e.to_string())?;
    let mut state = read_existing(&backend, &args.stack)?;
    // Each name once, in the order given.
    let mut seen = BTreeSet::new();
    let names: Vec<&str> = args
        .resources
        .iter()
        .map(String::as_str)
        .filter(|name| seen.insert(*name))
        .collect();
    let missing: Vec<&str> = names
        .iter()
        .copied()
        .filter(|name| !state.resources.contains_key(*name))
        .collect();
    // All or nothing: a typo in one name forgets none of them.
    if !missing.is_empty() {
        return Err(unknown_resources(&state, &missing));
    }
    let mut out = String::new();
    for name in names {
        if let Some(resource) = state.resources.remove(name) {
            let _ = writeln!(
                out,
                "forgot `{name}` ({}); the resource itself was not deleted",
                identity(&resource)
            );
        }
    }
    backend
        .write(&lock, &mut state)
        .map_err(|e| e.to_string())?;
    let _ = writeln!(
        out,
        "wrote the state of `{}` (serial {}); the previous version is in {}.backup",
        state.stack,
        state.serial,
        backend
            .state_path(&state.stack)
            .map_err(|e| e.to_string())?
            .display()
    );
    write(&out)?;
    Ok(ExitStatus::Success)
}

fn unlock(args: &UnlockArgs) -> Outcome {
    let backend = args.dir.backend();
    let stack = &args.stack;
    let message = match backend
        .unlock(stack, args.force)
        .map_err(|e| e.to_string())?
    {
        Unlocked::Stale(holder) => format!(
            "cleared a stale lock record of `{stack}`, left by {}; \
             the system had already released its lock",
            holder_text(holder.as_ref())
        ),
        Unlocked::Broken(holder) => format!(
            "broke the lock of `{stack}` held by {}; that process can no longer write the state",
            holder_text(holder.as_ref())
        ),
    };
    write(&format!("{message}\n"))?;
    Ok(ExitStatus::Success)
}

/// The state of `stack`, or an error naming the stacks there are.
fn read_existing(backend: &LocalBackend, stack: &str) -> Result<StackState, String> {
    if let Some(state) = backend.read(stack).map_err(|e| e.to_string())? {
        return Ok(state);
    }
    let mut message = format!(
        "no state for stack `{stack}` in {}",
        backend.dir().display()
    );
    // The listing only improves the message; if it fails, say without it.
    let stacks = backend.list().unwrap_or_default();
    if let Some(near) = nearest(stack, stacks.iter().map(String::as_str)) {
        let _ = write!(message, "\n  help: did you mean `{near}`?");
    } else if !stacks.is_empty() {
        let _ = write!(message, "\n  help: the stacks there are {}", names(&stacks));
    }
    Err(message)
}

fn unknown_resources(state: &StackState, missing: &[&str]) -> String {
    let mut message = match missing {
        [one] => format!("stack `{}` has no resource `{one}`", state.stack),
        _ => format!(
            "stack `{}` has no resources {}",
            state.stack,
            names(missing)
        ),
    };
    for name in missing {
        if let Some(near) = nearest(name, state.resources.keys().map(String::as_str)) {
            if missing.len() == 1 {
                let _ = write!(message, "\n  help: did you mean `{near}`?");
            } else {
                let _ = write!(message, "\n  help: did you mean `{near}` for `{name}`?");
            }
        }
    }
    if state.resources.is_empty() {
        message.push_str("\n  help: it has no resources at all");
    }
    message
}

fn stack_view(state: &StackState) -> String {
    let mut out = format!("stack {}\n", state.stack);
    let _ = writeln!(out, "  serial {}, lineage {}", state.serial, state.lineage);
    let _ = writeln!(
        out,
        "  template {}",
        state.template_hash.as_deref().unwrap_or("(none applied)")
    );
    if !state.parameters.is_empty() {
        out.push_str("parameters:\n");
        let rows: Vec<(String, String)> = state
            .parameters
            .iter()
            .map(|(name, record)| (name.clone(), param_text(record)))
            .collect();
        table(&mut out, &rows);
    }
    if state.resources.is_empty() {
        out.push_str("resources: none\n");
    } else {
        out.push_str("resources:\n");
        let rows: Vec<Vec<String>> = state
            .resources
            .iter()
            .map(|(name, r)| {
                vec![
                    name.clone(),
                    r.type_name.clone(),
                    r.provider.clone(),
                    r.status.to_string(),
                    r.physical_id.clone().unwrap_or_else(|| "-".to_owned()),
                ]
            })
            .collect();
        columns(&mut out, &rows);
    }
    if !state.outputs.is_empty() {
        out.push_str("outputs:\n");
        let rows: Vec<(String, String)> = state
            .outputs
            .iter()
            .map(|(name, v)| (name.clone(), v.to_string()))
            .collect();
        table(&mut out, &rows);
    }
    out
}

fn resource_view(stack: &str, name: &str, r: &ResourceState) -> String {
    let mut out = format!("resource {name} of stack {stack}\n");
    let depends_on = if r.depends_on.is_empty() {
        "-".to_owned()
    } else {
        r.depends_on.join(", ")
    };
    let rows = [
        ("type", r.type_name.clone()),
        ("provider", r.provider.clone()),
        (
            "physical id",
            r.physical_id.clone().unwrap_or_else(|| "-".to_owned()),
        ),
        ("status", r.status.to_string()),
        ("depends on", depends_on),
    ]
    .map(|(k, v)| (k.to_owned(), v));
    table(&mut out, &rows);
    for (title, map) in [("properties", &r.properties), ("attributes", &r.attributes)] {
        if map.is_empty() {
            let _ = writeln!(out, "{title}: none");
            continue;
        }
        let _ = writeln!(out, "{title}:");
        let rows: Vec<(String, String)> = map
            .iter()
            .map(|(k, v)| (k.clone(), v.to_string()))
            .collect();
        table(&mut out, &rows);
    }
    out
}

/// Two aligned columns, indented by two spaces.
fn table(out: &mut String, rows: &[(String, String)]) {
    let rows: Vec<Vec<String>> = rows
        .iter()
        .map(|(k, v)| vec![k.clone(), v.clone()])
        .collect();
    columns(out, &rows);
}

/// Aligned columns, indented by two spaces and two apart; the last column
/// is not padded.
fn columns(out: &mut String, rows: &[Vec<String>]) {
    let mut widths: Vec<usize> = Vec::new();
    for row in rows {
        for (i, cell) in row.iter().enumerate() {
            let width = cell.chars().count();
            match widths.get_mut(i) {
                Some(w) => *w = (*w).max(width),
                None => widths.push(width),
            }
        }
    }
    for row in rows {
        let mut line = String::from(" ");
        for (cell, width) in row.iter().zip(&widths) {
            let _ = write!(line, " {cell:width$} ");
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
}

fn param_text(record: &ParamRecord) -> String {
    match (&record.value, record.hidden) {
        (_, true) => "******".to_owned(),
        (Some(v), false) => v.to_string(),
        (None, false) => "null".to_owned(),
    }
}

/// `OS::Nova::Server, heat, physical id 7f3c`.
fn identity(r: &ResourceState) -> String {
    match &r.physical_id {
        Some(id) => format!("{}, {}, physical id {id}", r.type_name, r.provider),
        None => format!("{}, {}, never created", r.type_name, r.provider),
    }
}

fn holder_text(holder: Option<&LockInfo>) -> String {
    holder.map_or_else(|| "an unknown process".to_owned(), ToString::to_string)
}

fn json_text(resource: &ResourceState) -> String {
    let mut text = serde_json::to_string_pretty(resource)
        .unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"));
    text.push('\n');
    text
}

/// `a`, `b` and `c`.
fn names<S: AsRef<str>>(names: &[S]) -> String {
    let quoted: Vec<String> = names.iter().map(|n| format!("`{}`", n.as_ref())).collect();
    match quoted.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} and {last}", rest.join(", ")),
        _ => quoted.concat(),
    }
}

fn count(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

fn write(text: &str) -> Result<(), String> {
    write_stdout(text).map_err(|e| format!("cannot write the output: {e}"))
}
