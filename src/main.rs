//! The `hotc` command line: parses the arguments, runs one subcommand and
//! turns its outcome into an exit code.
//!
//! This crate is deliberately thin. It is the only layer that touches the
//! disk, the terminal and the process exit status; everything it reports
//! comes from `hotc-compiler` as plain data, and the `report` module decides
//! how that data looks. Each subcommand lives in its own module under
//! `commands/`, so adding one means adding a module and one enum variant.

mod commands;
mod report;
mod walk;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// What a subcommand tells the process to exit with.
///
/// The numbers are part of the CLI's contract (scripts and CI depend on them),
/// so they are spelled out here and nowhere else.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum ExitStatus {
    /// Nothing to complain about (warnings alone do not fail a lint).
    Success,
    /// The inputs have problems: errors, or warnings under `--deny-warnings`.
    Failure,
    /// hotc could not do its job: bad usage, a missing or unreadable file.
    Error,
    /// `hotc plan --detailed-exitcode` found changes to make.
    Changes,
}

impl From<ExitStatus> for ExitCode {
    fn from(status: ExitStatus) -> Self {
        match status {
            ExitStatus::Success => ExitCode::SUCCESS,
            ExitStatus::Failure => ExitCode::from(1),
            ExitStatus::Error | ExitStatus::Changes => ExitCode::from(2),
        }
    }
}

#[derive(Debug, Parser)]
#[command(
    name = "hotc",
    version,
    about = "A compiler and linter for OpenStack Heat Orchestration Templates (HOT)",
    // clap is built without `wrap_help`, so long texts carry their own line
    // breaks to stay readable in an 80-column terminal.
    long_about = "A compiler and linter for OpenStack Heat Orchestration Templates (HOT).\n\n\
        hotc reads templates and environment files the way Heat's loader does\n\
        (JSON first, then YAML 1.1) and reports every problem it finds at once,\n\
        with the exact place in the source.",
    after_help = "Exit status: 0 when clean, 1 when problems were found,\n\
        2 on usage or I/O errors.",
    propagate_version = true,
    arg_required_else_help = true
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    Lint(commands::lint::LintArgs),
    Convert(commands::convert::ConvertArgs),
    Explain(commands::explain::ExplainArgs),
    Fmt(commands::fmt::FmtArgs),
    Schema(commands::schema::SchemaArgs),
    Graph(commands::graph::GraphArgs),
    Plan(commands::plan::PlanArgs),
    State(commands::state::StateArgs),
}

fn main() -> ExitCode {
    // clap exits with status 2 on usage errors and 0 for --help/--version,
    // which matches the contract of `ExitStatus`.
    let cli = Cli::parse();
    let status = match cli.command {
        Command::Lint(args) => commands::lint::run(&args),
        Command::Convert(args) => commands::convert::run(&args),
        Command::Explain(args) => commands::explain::run(&args),
        Command::Fmt(args) => commands::fmt::run(&args),
        Command::Schema(args) => commands::schema::run(&args),
        Command::Graph(args) => commands::graph::run(&args),
        Command::Plan(args) => commands::plan::run(&args),
        Command::State(args) => commands::state::run(&args),
    };
    status.into()
}
