//! `hotc convert`: print a template or environment in another syntax.
//!
//! The input is read as Heat's loader reads it (YAML or JSON), or as the
//! hotc template language when it is a `.heat` file (`--from` overrides the
//! extension). The output always means the same value tree:
//! - `--to json` prints the tree exactly as Heat's loader builds it (the
//!   same resolved scalars, key order and duplicate-key behaviour),
//!   formatted like Python's `json.dumps(v, indent=2, ensure_ascii=False)`.
//!   It shows what Heat will actually see, which is the quickest way to
//!   settle questions such as whether `on` is a string or `true`.
//! - `--to yaml` writes HOT YAML that Heat's loader reads back to the same
//!   tree (`hotc_grammar::yaml::emit`), comments kept.
//! - `--to dsl` writes canonical `.heat` text that lowers to the same tree
//!   (`hotc_grammar::dsl::print`), comments kept.
//!
//! A file whose syntax errors would make Heat's loader (or the `.heat`
//! front end) fail is not converted: the findings go to stderr and the exit
//! status is 1, as is the case for values the target cannot hold.

use std::path::PathBuf;

use clap::{Args, ValueEnum};
use hotc_compiler::diagnostics::Severity;
use hotc_compiler::{Checked, check_dsl, check_source};
use hotc_grammar::comments::{Attached, attach};
use hotc_grammar::dsl::print::{PrintError, print};
use hotc_grammar::value::build_stream;
use hotc_grammar::yaml::emit::emit;
use hotc_grammar::{Span, SyntaxError, Value, ValueKind};

use super::{ColorArgs, print_error, read_source, write_output, write_stderr};
use crate::ExitStatus;
use crate::report::FileReport;
use crate::report::human::Human;
use crate::walk::is_dsl;

#[derive(Debug, Args)]
#[command(
    about = "Convert a template or environment file to another syntax",
    long_about = "Convert a template or environment file to another syntax.\n\n\
        Every output means the same values as the input:\n\
        `--to json` prints them exactly as Heat's loader reads them;\n\
        `--to yaml` writes HOT YAML, `--to dsl` the hotc template language\n\
        (.heat, docs/dsl.md), both with the comments kept.\n\
        Files ending in .heat are read as the hotc template language, all\n\
        others as YAML or JSON (`--from` decides otherwise).\n\n\
        When the file has syntax errors that stop Heat's loader, or values\n\
        the output cannot show as they are (a `!!set` in JSON, a file that\n\
        is not a mapping in .heat), the reasons are printed to stderr and\n\
        the exit status is 1."
)]
pub(crate) struct ConvertArgs {
    /// The file to convert.
    #[arg(value_name = "FILE")]
    file: PathBuf,

    /// The syntax to convert to.
    #[arg(long, value_enum, value_name = "SYNTAX")]
    to: Target,

    /// The syntax to read (default: from the file's extension).
    #[arg(long, value_enum, value_name = "SYNTAX")]
    from: Option<Source>,

    /// Write the output to this file instead of stdout.
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    output: Option<PathBuf>,

    #[command(flatten)]
    color: ColorArgs,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Target {
    /// The hotc template language (.heat).
    Dsl,
    /// HOT YAML.
    Yaml,
    /// JSON, as Heat's loader sees the file.
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Source {
    /// The hotc template language (.heat).
    Dsl,
    /// YAML or JSON, read as Heat's loader reads them.
    Yaml,
}

pub(crate) fn run(args: &ConvertArgs) -> ExitStatus {
    let name = args.file.display().to_string();
    let source = match read_source(&args.file) {
        Ok(source) => source,
        Err(message) => {
            print_error(&format!("{name}: {message}"));
            return ExitStatus::Error;
        }
    };
    let from = args.from.unwrap_or(if is_dsl(&args.file) {
        Source::Dsl
    } else {
        Source::Yaml
    });
    let (value, comments) = match read(&source, from) {
        Ok(read) => read,
        Err(blocking) => return refuse(args, &name, source, from, &blocking),
    };
    let text = match args.to {
        Target::Json => {
            let mut json = value.to_json_pretty();
            json.push('\n');
            json
        }
        Target::Yaml => emit(&value, &comments),
        Target::Dsl => match print(&value, &comments) {
            Ok(text) => text,
            Err(e) => {
                print_error(&format!("{name}: not converted: {}", print_error_text(&e)));
                return ExitStatus::Failure;
            }
        },
    };
    write_output(args.output.as_deref(), &text)
}

/// The value and comments of `source`, or the spans of the front end's
/// findings that block a conversion.
///
/// Convert shows what Heat's loader builds, so only the front end's findings
/// matter here: lint findings such as an unknown section do not stop a
/// conversion, and a duplicate key is Heat's own behaviour, which the value
/// reproduces. Anything else means either that Heat's loader would fail, or
/// that it builds something hotc cannot show as it is (a `!!set`, an integer
/// too large for hotc): either way the output would not be what Heat sees.
fn read(source: &str, from: Source) -> Result<(Value, Attached), Vec<Span>> {
    let blocking = |errors: &[&SyntaxError]| -> Vec<Span> {
        errors
            .iter()
            .filter(|e| !e.kind.is_warning())
            .map(|e| e.span)
            .collect()
    };
    match from {
        Source::Yaml => {
            let parsed = hotc_grammar::parse(source);
            let (value, build_errors) = build_stream(&parsed.stream, parsed.flavor);
            let errors: Vec<&SyntaxError> = parsed.errors.iter().chain(&build_errors).collect();
            let blocked = blocking(&errors);
            if !blocked.is_empty() {
                return Err(blocked);
            }
            let comments = attach(source, &parsed.stream.comments, &value);
            Ok((value, comments))
        }
        Source::Dsl => {
            let parsed = hotc_grammar::dsl::parse(source);
            let errors: Vec<&SyntaxError> = parsed.errors.iter().collect();
            let blocked = blocking(&errors);
            if !blocked.is_empty() {
                return Err(blocked);
            }
            // A file with no items is an empty template.
            let value = parsed
                .value
                .unwrap_or_else(|| Value::new(Span::empty(0), ValueKind::Map(Vec::new())));
            let comments = attach(source, &parsed.comments, &value);
            Ok((value, comments))
        }
    }
}

/// Why a value cannot be a `.heat` file, in words.
fn print_error_text(e: &PrintError) -> String {
    match e {
        PrintError::NotAMapping { found, .. } => format!(
            "a .heat file holds a mapping (a template or environment), and this file holds a {found}"
        ),
        PrintError::CollectionKey { .. } => {
            "it has a list or mapping as a key, which no .heat key can write".to_owned()
        }
    }
}

/// Explains on stderr why a file was not converted, with the compiler's
/// rendering of the front-end findings at `blocking`.
fn refuse(
    args: &ConvertArgs,
    name: &str,
    source: String,
    from: Source,
    blocking: &[Span],
) -> ExitStatus {
    let mut checked: Checked = match from {
        Source::Yaml => check_source(&source),
        Source::Dsl => check_dsl(&source),
    };
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
    let why = match (rejected, from) {
        (true, Source::Yaml) => "Heat's loader would reject it",
        (true, Source::Dsl) => "it has syntax errors",
        (false, Source::Yaml | Source::Dsl) => {
            "some values cannot be shown as Heat's loader builds them"
        }
    };
    print_error(&format!("{name}: not converted: {why}"));
    ExitStatus::Failure
}
