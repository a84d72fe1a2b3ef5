//! `hotc explain`: print the documentation of a diagnostic code, or list all
//! codes.
//!
//! A code can be given as `HOT012` (any case) or by its kebab-case name. An
//! unknown code is a usage error (exit status 2) with a suggestion when some
//! code or name is a near miss.

use std::fmt::Write;

use clap::Args;
use hotc_compiler::diagnostics::codes::{CodeInfo, all, lookup};

use super::{print_error, write_stdout};
use crate::ExitStatus;

#[derive(Debug, Args)]
#[command(
    about = "Explain a diagnostic code",
    long_about = "Explain a diagnostic code: what it reports, why, and how to fix it.\n\n\
        CODE is a code such as HOT012 or its name such as unused-parameter.",
    after_help = "Examples:\n  hotc explain HOT001\n  hotc explain --list"
)]
pub(crate) struct ExplainArgs {
    /// The code (`HOT012`) or its name (`unused-parameter`).
    #[arg(required_unless_present = "list", conflicts_with = "list")]
    code: Option<String>,

    /// List every code with its name, default severity and summary.
    #[arg(long)]
    list: bool,
}

pub(crate) fn run(args: &ExplainArgs) -> ExitStatus {
    let output = match &args.code {
        Some(code) => match find(code) {
            Some(info) => page(info),
            None => {
                print_error(&unknown(code));
                return ExitStatus::Error;
            }
        },
        None => list(all()),
    };
    match write_stdout(&output) {
        Ok(()) => ExitStatus::Success,
        Err(e) => {
            print_error(&format!("cannot write the explanation: {e}"));
            ExitStatus::Error
        }
    }
}

/// Looks a code up as given, then with the case that codes (`HOT012`) and
/// names (`unused-parameter`) are written in.
fn find(query: &str) -> Option<&'static CodeInfo> {
    let query = query.trim();
    lookup(query)
        .or_else(|| lookup(&query.to_ascii_uppercase()))
        .or_else(|| lookup(&query.to_ascii_lowercase()))
}

fn page(info: &CodeInfo) -> String {
    let mut page = info.doc.to_owned();
    if !page.ends_with('\n') {
        page.push('\n');
    }
    page
}

fn list(codes: &[CodeInfo]) -> String {
    let width = codes.iter().map(|c| c.name.len()).max().unwrap_or(0);
    let mut out = String::new();
    for c in codes {
        // Writing into a String cannot fail.
        let _ = writeln!(
            out,
            "{}  {:width$}  {:7}  {}",
            c.code,
            c.name,
            c.severity.as_str(),
            c.summary
        );
    }
    out
}

fn unknown(query: &str) -> String {
    let mut message = format!("unknown code `{query}`");
    if let Some(info) = closest(query, all()) {
        let _ = write!(
            message,
            "\n  help: did you mean `{}` ({})?",
            info.code, info.name
        );
    }
    message.push_str("\n  help: run `hotc explain --list` to see every code");
    message
}

/// The code whose code or name is nearest to `query`, if it is near enough
/// to be a plausible typo: for something shaped like a code (`HOT12`), one
/// edit, since codes are close to each other by construction; for a name, at
/// most a third of its length and never more than three edits.
fn closest<'a>(query: &str, codes: &'a [CodeInfo]) -> Option<&'a CodeInfo> {
    let query = query.trim().to_ascii_lowercase();
    let looks_like_code = query
        .strip_prefix("hot")
        .is_some_and(|digits| digits.chars().all(|c| c.is_ascii_digit()));
    let limit = if looks_like_code {
        1
    } else {
        (query.chars().count() / 3).clamp(1, 3)
    };
    codes
        .iter()
        .map(|info| {
            let by_code = distance(&query, &info.code.to_ascii_lowercase());
            let by_name = distance(&query, info.name);
            (by_code.min(by_name), info)
        })
        .filter(|(d, _)| *d <= limit)
        .min_by_key(|(d, _)| *d)
        .map(|(_, info)| info)
}

/// Levenshtein distance in characters.
fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    let mut current = vec![0; b.len() + 1];
    for (i, ca) in a.chars().enumerate() {
        current[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let substitution = previous[j] + usize::from(ca != *cb);
            current[j + 1] = substitution.min(previous[j + 1] + 1).min(current[j] + 1);
        }
        std::mem::swap(&mut previous, &mut current);
    }
    previous[b.len()]
}

#[cfg(test)]
mod tests;
