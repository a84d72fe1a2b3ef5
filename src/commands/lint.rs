//! `hotc lint`: check templates and environment files and report every
//! problem at once.
//!
//! Files are checked in parallel (one worker per available core), but output
//! is always in input order: files in the order they were named, directories
//! expanded in sorted order, and findings sorted by position within a file.
//! Running twice on the same tree prints the same bytes.

use std::num::NonZeroUsize;
use std::panic::{self, AssertUnwindSafe};
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::thread;

use clap::{Args, ValueEnum};
use hotc_compiler::diagnostics::Diagnostic;
use hotc_compiler::source::{self, LoadError, LoadErrorKind, SourceLoader};
use hotc_compiler::{FileKind, StackInputs};

use super::inputs::InputArgs;
use super::template::check_file;
use super::{ColorArgs, print_error, print_note, read_source, write_stdout};
use crate::ExitStatus;
use crate::report::{FileReport, Summary, Unreadable, github, human, json, sarif};
use crate::walk::{Input, discover};

#[derive(Debug, Args)]
#[command(
    about = "Check templates and environment files for errors and likely mistakes",
    long_about = "Check templates and environment files for errors and likely mistakes.\n\n\
        Each PATH is a file or a directory. Directories are searched recursively\n\
        (skipping hidden directories and `target/`) for files ending in .yaml,\n\
        .yml, .json, .template, .hot or .heat; files found this way that are\n\
        neither a Heat template nor an environment are skipped. A file named\n\
        explicitly is always checked, at least for syntax. Files ending in .heat\n\
        are read as the hotc template language (docs/dsl.md), all others as\n\
        Heat reads them (JSON, else YAML).",
    after_help = "Exit status: 0 when there are no errors (warnings are allowed unless\n\
        --deny-warnings is given), 1 when problems were found, 2 when a path is\n\
        missing, unreadable or not UTF-8, or the arguments are wrong."
)]
pub(crate) struct LintArgs {
    /// Files or directories to check.
    #[arg(required = true, value_name = "PATH")]
    paths: Vec<PathBuf>,

    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,

    /// Exit with status 1 when there are warnings, not only errors.
    #[arg(long)]
    deny_warnings: bool,

    /// Do not print the closing summary line (human format).
    #[arg(long, short)]
    quiet: bool,

    #[command(flatten)]
    inputs: InputArgs,

    #[command(flatten)]
    color: ColorArgs,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    /// Annotated source snippets, for people.
    Human,
    /// One JSON document (schema in docs/json-output.md).
    Json,
    /// A SARIF 2.1.0 log, for code scanning services.
    Sarif,
    /// GitHub Actions workflow commands (pull request annotations).
    Github,
}

/// What became of one input.
enum Outcome {
    /// The file's report, and the findings in each environment file.
    Checked(FileReport, Vec<Vec<Diagnostic>>),
    /// Found in a directory but neither a template nor an environment.
    Skipped,
    Unreadable(String),
}

pub(crate) fn run(args: &LintArgs) -> ExitStatus {
    let stack = match args.inputs.read() {
        Ok(stack) => stack,
        Err(message) => {
            print_error(&message);
            return ExitStatus::Error;
        }
    };
    let mut discovery = discover(&args.paths);
    // The environment files are checked too, and hold the findings about
    // the values in them.
    let mut env_inputs = Vec::new();
    for env in &args.inputs.environments {
        let at = match discovery.inputs.iter().position(|i| i.path == *env) {
            Some(at) => at,
            None => {
                discovery.inputs.push(Input {
                    path: env.clone(),
                    explicit: true,
                });
                discovery.inputs.len() - 1
            }
        };
        env_inputs.push(at);
    }
    let outcomes = check_all(&discovery.inputs, stack.as_ref());
    let mut outcomes: Vec<Outcome> = outcomes;
    let mut elsewhere: Vec<Vec<Diagnostic>> = vec![Vec::new(); env_inputs.len()];
    for outcome in &mut outcomes {
        if let Outcome::Checked(_, envs) = outcome {
            for (list, found) in elsewhere.iter_mut().zip(envs.drain(..)) {
                list.extend(found);
            }
        }
    }
    for (at, found) in env_inputs.iter().zip(elsewhere) {
        if let Some(Outcome::Checked(report, _)) = outcomes.get_mut(*at) {
            report.add(found);
        }
    }

    let mut unreadable: Vec<Unreadable> = discovery
        .errors
        .into_iter()
        .map(|e| Unreadable {
            name: e.path.display().to_string(),
            message: e.message,
        })
        .collect();
    let mut files = Vec::new();
    for (input, outcome) in discovery.inputs.iter().zip(outcomes) {
        match outcome {
            Outcome::Checked(report, _) => {
                if matches!(report.kind, FileKind::Other) {
                    print_note(&format!(
                        "{}: not a Heat template or environment; checked its syntax only",
                        report.name
                    ));
                }
                files.push(report);
            }
            Outcome::Skipped => {}
            Outcome::Unreadable(message) => unreadable.push(Unreadable {
                name: input.path.display().to_string(),
                message,
            }),
        }
    }

    for u in &unreadable {
        print_error(&format!("{}: {}", u.name, u.message));
    }

    let output = render(args, &files, &unreadable);
    if let Err(e) = write_stdout(&output) {
        print_error(&format!("cannot write the report: {e}"));
        return ExitStatus::Error;
    }

    let summary = Summary::of(&files);
    if !unreadable.is_empty() {
        ExitStatus::Error
    } else if summary.errors > 0 || (args.deny_warnings && summary.warnings > 0) {
        ExitStatus::Failure
    } else {
        ExitStatus::Success
    }
}

fn render(args: &LintArgs, files: &[FileReport], unreadable: &[Unreadable]) -> String {
    match args.format {
        Format::Human => {
            let renderer = human::Human::new(args.color.for_stdout());
            let mut out = String::new();
            for file in files {
                renderer.render_file(file, &mut out);
            }
            if !args.quiet {
                out.push_str(&human::summary_line(&Summary::of(files)));
            }
            out
        }
        Format::Json => json::render(files, unreadable),
        Format::Sarif => {
            let cwd = std::env::current_dir().ok();
            sarif::render(files, unreadable, cwd.as_deref())
        }
        Format::Github => {
            let mut out = String::new();
            for file in files {
                github::render_file(file, &mut out);
            }
            out
        }
    }
}

/// Checks every input on a pool of scoped threads and returns the outcomes
/// in input order.
fn check_all(inputs: &[Input], stack: Option<&StackInputs>) -> Vec<Outcome> {
    let workers = thread::available_parallelism()
        .map_or(1, NonZeroUsize::get)
        .min(inputs.len());
    let next = AtomicUsize::new(0);
    let mut done: Vec<(usize, Outcome)> = thread::scope(|scope| {
        let handles: Vec<_> = (0..workers)
            .map(|_| {
                scope.spawn(|| {
                    let mut mine = Vec::new();
                    loop {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        let Some(input) = inputs.get(i) else {
                            break;
                        };
                        mine.push((i, check_one(input, stack)));
                    }
                    mine
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap_or_else(|e| panic::resume_unwind(e)))
            .collect()
    });
    done.sort_by_key(|(i, _)| *i);
    done.into_iter().map(|(_, outcome)| outcome).collect()
}

fn check_one(input: &Input, stack: Option<&StackInputs>) -> Outcome {
    let source = match read_source(&input.path) {
        Ok(source) => source,
        Err(message) => return Outcome::Unreadable(message),
    };
    // A compiler bug on one file should not hide the findings on all the
    // others; the panic message itself has already gone to stderr.
    let name = input.path.display().to_string();
    let check = |source: &str| check_file(&input.path, source, &name, stack);
    let (checked, environments) = match panic::catch_unwind(AssertUnwindSafe(|| check(&source))) {
        Ok(checked) => checked,
        Err(_) => {
            return Outcome::Unreadable(
                "hotc crashed while checking this file (a bug in hotc; please report it)"
                    .to_owned(),
            );
        }
    };
    if matches!(checked.kind, FileKind::Other) && !input.explicit {
        return Outcome::Skipped;
    }
    Outcome::Checked(
        FileReport::new(input.path.clone(), source, checked),
        environments,
    )
}

/// Reads the files a template names from the disk, relative to the
/// directory of the file that names them. URLs are never fetched: a lint
/// run stays offline and gives the same answer everywhere.
pub(crate) struct DiskLoader;

impl SourceLoader for DiskLoader {
    fn load(&self, from: &str, path: &str) -> Result<(String, String), LoadError> {
        if source::is_remote(path) {
            return Err(LoadError {
                kind: LoadErrorKind::Remote,
                resolved: path.to_owned(),
            });
        }
        let resolved = source::resolve(from, path);
        let failed = |kind| LoadError {
            kind,
            resolved: resolved.clone(),
        };
        let bytes = std::fs::read(&resolved).map_err(|e| {
            failed(match e.kind() {
                std::io::ErrorKind::NotFound => LoadErrorKind::NotFound,
                _ => LoadErrorKind::Unreadable(e.to_string()),
            })
        })?;
        match String::from_utf8(bytes) {
            Ok(text) => Ok((resolved, text)),
            Err(_) => Err(failed(LoadErrorKind::Unreadable("not UTF-8".to_owned()))),
        }
    }
}
