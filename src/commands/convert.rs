//! `hotc convert`: print a template or environment in another syntax.
//!
//! `--to json` prints the value tree exactly as Heat's loader builds it (the
//! same resolved scalars, key order and duplicate-key behaviour), formatted
//! like Python's `json.dumps(v, indent=2, ensure_ascii=False)`. It shows what
//! Heat will actually see, which is the quickest way to settle questions such
//! as whether `on` is a string or `true`.

use std::path::PathBuf;

use clap::{Args, ValueEnum};
use hotc_compiler::check_source;
use hotc_compiler::diagnostics::Severity;
use hotc_grammar::Span;
use hotc_grammar::value::build_stream;

use super::{ColorArgs, print_error, read_source, write_stderr, write_stdout};
use crate::ExitStatus;
use crate::report::FileReport;
use crate::report::human::Human;

#[derive(Debug, Args)]
#[command(
    about = "Convert a template or environment file to another syntax",
    long_about = "Convert a template or environment file to another syntax.\n\n\
        `--to json` prints the values exactly as Heat's loader reads them.\n\
        When Heat's loader would reject the file, or would build values that\n\
        JSON cannot show as they are (a `!!set`), the reasons are printed to\n\
        stderr and the exit status is 1."
)]
pub(crate) struct ConvertArgs {
    /// The file to convert.
    #[arg(value_name = "FILE")]
    file: PathBuf,

    /// The syntax to convert to.
    #[arg(long, value_enum, value_name = "SYNTAX")]
    to: Target,

    #[command(flatten)]
    color: ColorArgs,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Target {
    /// JSON, as Heat's loader sees the file.
    Json,
    /// YAML (not implemented yet).
    Yaml,
}

pub(crate) fn run(args: &ConvertArgs) -> ExitStatus {
    match args.to {
        Target::Json => {}
        Target::Yaml => {
            print_error("`--to yaml` is not implemented yet; only `--to json` is available");
            return ExitStatus::Error;
        }
    }
    let name = args.file.display().to_string();
    let source = match read_source(&args.file) {
        Ok(source) => source,
        Err(message) => {
            print_error(&format!("{name}: {message}"));
            return ExitStatus::Error;
        }
    };
    // Convert shows what Heat's loader builds, so only the front end's
    // findings matter here: lint findings such as an unknown section do not
    // stop a conversion, and a duplicate key is Heat's own behaviour, which
    // the value reproduces. Anything else means either that Heat's loader
    // would fail, or that it builds something hotc cannot show as it is (a
    // `!!set`, an integer too large for hotc): either way the JSON would not
    // be what Heat sees.
    let parsed = hotc_grammar::parse(&source);
    let (value, build_errors) = build_stream(&parsed.stream, parsed.flavor);
    let blocking: Vec<Span> = parsed
        .errors
        .iter()
        .chain(&build_errors)
        .filter(|e| !e.kind.is_warning())
        .map(|e| e.span)
        .collect();
    if !blocking.is_empty() {
        return refuse(args, &name, source, &blocking);
    }
    let mut json = value.to_json_pretty();
    json.push('\n');
    match write_stdout(&json) {
        Ok(()) => ExitStatus::Success,
        Err(e) => {
            print_error(&format!("cannot write the output: {e}"));
            ExitStatus::Error
        }
    }
}

/// Explains on stderr why a file was not converted, with the compiler's
/// rendering of the front-end findings at `blocking`.
fn refuse(args: &ConvertArgs, name: &str, source: String, blocking: &[Span]) -> ExitStatus {
    let mut checked = check_source(&source);
    let all = checked.diagnostics.clone();
    checked
        .diagnostics
        .retain(|d| blocking.contains(&d.primary.span));
    if checked.diagnostics.is_empty() {
        // The compiler placed its findings elsewhere than the front end's
        // spans; showing everything beats showing nothing.
        checked.diagnostics = all;
    }
    let rejected = checked
        .diagnostics
        .iter()
        .any(|d| d.severity == Severity::Error);
    let report = FileReport::new(args.file.clone(), source, checked);
    let mut out = String::new();
    Human::new(args.color.for_stderr()).render_file(&report, &mut out);
    write_stderr(&out);
    if rejected {
        print_error(&format!(
            "{name}: not converted: Heat's loader would reject it"
        ));
    } else {
        print_error(&format!(
            "{name}: not converted: some values cannot be shown as Heat's loader builds them"
        ));
    }
    ExitStatus::Failure
}
