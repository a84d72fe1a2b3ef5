//! `hotc fmt`: rewrite templates and environment files in the canonical
//! layout (docs/fmt.md).
//!
//! YAML files go through `hotc_grammar::yaml::format`, which keeps every
//! value, comment and scalar style and checks that it did before anything is
//! written. `.heat` files are printed back from their value tree by the DSL
//! printer, with their comments, and checked the same way. JSON files are
//! left alone. A file with syntax errors is reported
//! the way `hotc lint` reports it and left untouched; `--fix` first applies
//! the automatic fixes the diagnostics offer (such as replacing TABs in
//! indentation) and formats the result when they cure the file.
//!
//! Files are rewritten in place, atomically (a temporary file in the same
//! directory, then a rename), and only when their text changes. `--check`
//! and `--diff` write nothing. Files are processed in input order, so two
//! runs print the same bytes.

use std::fmt::Write as _;
use std::path::PathBuf;

use clap::Args;
use hotc_compiler::diagnostics::{Diagnostic, Edit, Severity};
use hotc_compiler::{Checked, FileKind, check_dsl, check_source};
use hotc_grammar::comments::attach;
use hotc_grammar::dsl;
use hotc_grammar::dsl::print::{PrintError, print};
use hotc_grammar::yaml::format::{FormatError, Mismatch, Unsupported, format};
use hotc_grammar::{Flavor, LineIndex, Span, Value};
use similar::TextDiff;

use super::{
    ColorArgs, print_error, print_note, read_source, write_atomic, write_stderr, write_stdout,
};
use crate::ExitStatus;
use crate::report::FileReport;
use crate::report::human::Human;
use crate::walk::{Input, discover, is_dsl};

/// Rounds of fix-and-check: a fix can reveal another (after one TAB is
/// replaced the next line parses differently), but never endlessly.
const FIX_ROUNDS: usize = 4;

#[derive(Debug, Args)]
#[command(
    about = "Rewrite templates and environment files in the canonical layout",
    long_about = "Rewrite templates and environment files in the canonical layout.\n\n\
        Each PATH is a file or a directory, searched as `hotc lint` searches it.\n\
        Formatting changes only layout: values, comments, key order and the\n\
        style of every string are kept, and hotc checks that they were before\n\
        it writes anything (the layout is described in docs/fmt.md; .heat\n\
        files are printed in the layout of docs/dsl.md). JSON files are left\n\
        as they are. A file with syntax errors is reported and left\n\
        untouched; with --fix, the automatic fixes that `hotc lint` offers are\n\
        applied first, and the file is formatted if they cure it.",
    after_help = "Exit status: 0 when every file is (or now is) formatted, 1 when a file\n\
        would change under --check or --diff or could not be formatted, 2 when\n\
        a path is missing, unreadable or not UTF-8, a file cannot be written,\n\
        or the arguments are wrong."
)]
pub(crate) struct FmtArgs {
    /// Files or directories to format.
    #[arg(required = true, value_name = "PATH")]
    paths: Vec<PathBuf>,

    /// Write nothing: list the files that would change, and exit with 1 if
    /// there are any.
    #[arg(long)]
    check: bool,

    /// Write nothing: print the changes as a unified diff, and exit with 1
    /// if there are any.
    #[arg(long)]
    diff: bool,

    /// Apply the automatic fixes that `hotc lint` offers before formatting.
    #[arg(long)]
    fix: bool,

    #[command(flatten)]
    color: ColorArgs,
}

/// What became of one input.
enum Outcome {
    /// Already in the canonical layout.
    Unchanged,
    /// The new text of the file.
    Changed(String),
    /// JSON, left alone.
    Json,
    /// Found in a directory but neither a template nor an environment.
    Skipped,
    /// Not formatted: the rendered diagnostics or the reason, for stderr.
    Refused(String),
}

#[derive(Default)]
struct Tally {
    changed: usize,
    unchanged: usize,
    refused: usize,
    unreadable: usize,
}

pub(crate) fn run(args: &FmtArgs) -> ExitStatus {
    let discovery = discover(&args.paths);
    let mut tally = Tally::default();
    for e in &discovery.errors {
        print_error(&format!("{}: {}", e.path.display(), e.message));
        tally.unreadable += 1;
    }
    let write = !(args.check || args.diff);
    let human = Human::new(args.color.for_stderr());
    let mut stdout = String::new();
    for input in &discovery.inputs {
        let name = input.path.display().to_string();
        let source = match read_source(&input.path) {
            Ok(source) => source,
            Err(message) => {
                print_error(&format!("{name}: {message}"));
                tally.unreadable += 1;
                continue;
            }
        };
        match format_one(input, &source, args.fix, &human) {
            Outcome::Unchanged => tally.unchanged += 1,
            Outcome::Changed(text) => {
                if args.diff {
                    stdout.push_str(&unified_diff(&name, &source, &text));
                } else if args.check {
                    let _ = writeln!(stdout, "{name}");
                }
                if write && let Err(message) = write_atomic(&input.path, &text) {
                    print_error(&format!(
                        "{name}: cannot write the formatted file: {message}"
                    ));
                    tally.unreadable += 1;
                    continue;
                }
                tally.changed += 1;
            }
            Outcome::Json => {
                print_note(&format!(
                    "{name}: JSON (Heat reads it as JSON); hotc fmt leaves JSON files as they are"
                ));
            }
            Outcome::Skipped => {}
            Outcome::Refused(report) => {
                write_stderr(&report);
                tally.refused += 1;
            }
        }
    }
    if let Err(e) = write_stdout(&stdout) {
        print_error(&format!("cannot write the output: {e}"));
        return ExitStatus::Error;
    }
    write_stderr(&summary(&tally, write));
    if tally.unreadable > 0 {
        ExitStatus::Error
    } else if tally.refused > 0 || (!write && tally.changed > 0) {
        ExitStatus::Failure
    } else {
        ExitStatus::Success
    }
}

/// Formats one file's text (after fixes, with `--fix`).
fn format_one(input: &Input, source: &str, fix: bool, human: &Human) -> Outcome {
    let name = input.path.display().to_string();
    let dsl = is_dsl(&input.path);
    let check = if dsl { check_dsl } else { check_source };
    let mut text = source.to_owned();
    let mut checked = check(&text);
    if matches!(checked.kind, FileKind::Other) && !input.explicit {
        return Outcome::Skipped;
    }
    let mut fixed = 0;
    if fix {
        for _ in 0..FIX_ROUNDS {
            let (next, applied) = apply_fixes(&text, &checked.diagnostics);
            if applied == 0 {
                break;
            }
            fixed += applied;
            text = next;
            checked = check(&text);
        }
    }
    if dsl {
        return format_dsl(input, source, text, checked, fixed, human);
    }
    match checked.flavor {
        Flavor::Json => return Outcome::Json,
        Flavor::Yaml | Flavor::Dsl => {}
    }
    match format(&text) {
        Ok(out) if out == source => Outcome::Unchanged,
        Ok(out) => Outcome::Changed(out),
        Err(FormatError::Json) => Outcome::Json,
        Err(FormatError::Syntax(errors)) => {
            let spans: Vec<Span> = errors.iter().map(|e| e.span).collect();
            Outcome::Refused(refusal(input, text, checked, &spans, fixed, human))
        }
        Err(FormatError::Unsupported { what, span }) => Outcome::Refused(format!(
            "error: {name}:{}: not formatted: {}\n",
            position(&text, span),
            unsupported(what)
        )),
        Err(FormatError::Unstable { what, span }) => Outcome::Refused(format!(
            "error: {name}:{}: not formatted: the result would {} (a bug in hotc; please report it)\n",
            position(&text, span),
            mismatch(what)
        )),
    }
}

/// Formats a `.heat` file: its value tree printed back in the canonical
/// layout of docs/dsl.md, with its comments. The printer promises that the
/// text reads back to the same tree; that is checked here too, with the
/// comments, before anything is written.
fn format_dsl(
    input: &Input,
    source: &str,
    text: String,
    checked: Checked,
    fixed: usize,
    human: &Human,
) -> Outcome {
    let name = input.path.display().to_string();
    let parsed = dsl::parse(&text);
    let blocking: Vec<Span> = parsed
        .errors
        .iter()
        .filter(|e| !e.kind.is_warning())
        .map(|e| e.span)
        .collect();
    if !blocking.is_empty() {
        return Outcome::Refused(refusal(input, text, checked, &blocking, fixed, human));
    }
    let Some(value) = parsed.value else {
        // Nothing but comments and blank lines: there is no tree to print.
        return if text == source {
            Outcome::Unchanged
        } else {
            Outcome::Changed(text)
        };
    };
    let comments = attach(&text, &parsed.comments, &value);
    let printed = match print(&value, &comments) {
        Ok(printed) => printed,
        Err(e) => {
            let (span, why) = match e {
                PrintError::NotAMapping { found, span } => (
                    span,
                    format!("a .heat file holds a mapping, and this one holds a {found}"),
                ),
                PrintError::CollectionKey { span } => (
                    span,
                    "a list or mapping is used as a key, which .heat cannot write".to_owned(),
                ),
            };
            return Outcome::Refused(format!(
                "error: {name}:{}: not formatted: {why}\n",
                position(&text, span)
            ));
        }
    };
    let again = dsl::parse(&printed);
    let same_value =
        again.value.as_ref().map(Value::to_json_pretty) == Some(value.to_json_pretty());
    let mut before: Vec<&str> = parsed
        .comments
        .iter()
        .map(|c| c.text(&text).trim_end())
        .collect();
    let mut after: Vec<&str> = again
        .comments
        .iter()
        .map(|c| c.text(&printed).trim_end())
        .collect();
    // The printer may move a comment whose entry a short form folds away,
    // so the comments are compared as a collection, not in order.
    before.sort_unstable();
    after.sort_unstable();
    if !again.errors.iter().all(|e| e.kind.is_warning()) || !same_value || before != after {
        return Outcome::Refused(format!(
            "error: {name}: not formatted: the printed text would not read back the same (a bug in hotc; please report it)\n"
        ));
    }
    if printed == source {
        Outcome::Unchanged
    } else {
        Outcome::Changed(printed)
    }
}

/// Applies every automatic fix of `diagnostics` whose edits overlap no
/// other fix taken, back to front so that earlier offsets stay valid.
/// Returns the new text and how many fixes were applied.
fn apply_fixes(text: &str, diagnostics: &[Diagnostic]) -> (String, usize) {
    let mut taken: Vec<&Edit> = Vec::new();
    let mut fixes = 0;
    for fix in diagnostics.iter().filter_map(|d| d.fix.as_ref()) {
        let valid = fix.edits.iter().all(|e| {
            e.span.start() <= e.span.end()
                && text.is_char_boundary(e.span.start())
                && text.is_char_boundary(e.span.end())
                && e.span.end() <= text.len()
        });
        let overlaps = fix.edits.iter().any(|e| {
            taken
                .iter()
                .any(|t| e.span.start() < t.span.end() && t.span.start() < e.span.end())
        });
        if valid && !overlaps && !fix.edits.is_empty() {
            taken.extend(&fix.edits);
            fixes += 1;
        }
    }
    taken.sort_by_key(|e| std::cmp::Reverse(e.span.start));
    let mut out = text.to_owned();
    for edit in taken {
        out.replace_range(edit.span.start()..edit.span.end(), &edit.replacement);
    }
    (out, fixes)
}

/// The rendered diagnostics that keep a file from being formatted, and
/// what to do about them.
fn refusal(
    input: &Input,
    text: String,
    mut checked: Checked,
    blocking: &[Span],
    fixed: usize,
    human: &Human,
) -> String {
    let name = input.path.display().to_string();
    let all = checked.diagnostics.clone();
    checked
        .diagnostics
        .retain(|d| blocking.contains(&d.primary.span));
    if checked.diagnostics.is_empty() {
        // The compiler placed its findings elsewhere than the front end's
        // spans; showing every error beats showing nothing.
        checked.diagnostics = all
            .into_iter()
            .filter(|d| d.severity == Severity::Error)
            .collect();
    }
    let fixable = checked
        .diagnostics
        .iter()
        .filter(|d| d.fix.is_some())
        .count();
    let report = FileReport::new(input.path.clone(), text, checked);
    let mut out = String::new();
    human.render_file(&report, &mut out);
    let _ = writeln!(
        out,
        "error: {name}: not formatted: fix the syntax errors first"
    );
    if fixed > 0 {
        let _ = writeln!(
            out,
            "note: {name}: shown after {} automatic {}; the file was not changed",
            fixed,
            if fixed == 1 { "fix" } else { "fixes" }
        );
    } else if fixable > 0 {
        let _ = writeln!(
            out,
            "note: {name}: `hotc fmt --fix` applies the automatic fixes offered above"
        );
    }
    out
}

fn unsupported(what: Unsupported) -> &'static str {
    match what {
        Unsupported::LineBreak => {
            "a NEL, LS or PS character stands here, which YAML reads as a line break; hotc fmt leaves such files as they are"
        }
        Unsupported::BlockScalarIndent => {
            "a line of this block scalar is indented less than its content"
        }
        Unsupported::MultiLineKey => "this key cannot be written on one line",
        Unsupported::BecomesJson => {
            "formatted, this file would be valid JSON, which Heat reads by JSON's rules instead of YAML's"
        }
        Unsupported::Construct => "hotc fmt does not lay out what stands here",
    }
}

fn mismatch(what: Mismatch) -> &'static str {
    match what {
        Mismatch::Syntax => "not parse",
        Mismatch::Documents => "hold a different number of documents",
        Mismatch::Value => "change this value",
        Mismatch::Comments => "change or lose this comment",
    }
}

/// `line:column` of a span's start, 1-based.
fn position(text: &str, span: Span) -> String {
    let (line, col) = LineIndex::new(text).line_col(text, span.start());
    format!("{line}:{col}")
}

fn unified_diff(name: &str, before: &str, after: &str) -> String {
    TextDiff::from_lines(before, after)
        .unified_diff()
        .context_radius(3)
        .header(name, name)
        .to_string()
}

fn summary(tally: &Tally, write: bool) -> String {
    let files = |n: usize| {
        if n == 1 {
            "1 file".to_owned()
        } else {
            format!("{n} files")
        }
    };
    let mut parts = Vec::new();
    if tally.changed > 0 {
        let verb = if write {
            "reformatted"
        } else {
            "would be reformatted"
        };
        parts.push(format!("{} {verb}", files(tally.changed)));
    }
    if tally.unchanged > 0 {
        parts.push(format!("{} already formatted", files(tally.unchanged)));
    }
    if tally.refused > 0 {
        parts.push(format!("{} not formatted", files(tally.refused)));
    }
    if tally.unreadable > 0 {
        parts.push(format!(
            "{} unreadable or unwritable",
            files(tally.unreadable)
        ));
    }
    if parts.is_empty() {
        return "no files to format\n".to_owned();
    }
    format!("{}\n", parts.join(", "))
}

#[cfg(test)]
mod tests;
