//! Per-rule timings for the benchmark (`hotc-bench`'s `lint` binary): what
//! [`check_source`](crate::check_source) and [`check_with`](crate::check_with)
//! do, with each stage and each rule timed on its own.
//!
//! Only built with the `bench-hooks` feature, which nothing but the bench
//! enables: a normal build of the compiler holds no clock. `Instant` reads
//! a clock, which is not I/O in the sense of the crate's invariant (no
//! files, environment, processes or network), and the findings are the same
//! as `check_with`'s; the timings are the only extra output.
//!
//! The shared work is timed apart from the rules so that no rule is charged
//! for it: parse + values, and the lowering to the IR that the first rule
//! asking for it would otherwise pay (every template's check lowers it, as
//! HOT058 and HOT059 always ask). The nested templates a check loads are
//! cached in the lint context, so the first rule that reads one pays for
//! reading and parsing it, as in a normal check.

use std::time::{Duration, Instant};

use crate::FileKind;
use crate::diagnostics::{Severity, codes, render};
use crate::lint::{self, Files, Rule};
use crate::source::SourceLoader;

/// The name of the parse + values stage in [`Timings::stages`].
pub const PARSE_VALUES: &str = "parse + values";
/// The name of the classify + IR lowering stage in [`Timings::stages`].
pub const LOWER: &str = "classify + lower to IR";

/// The timings of one check.
#[derive(Debug, Clone, Default)]
pub struct Timings {
    /// The shared stages, [`PARSE_VALUES`] and [`LOWER`] (the latter only
    /// when the rules ran on a template).
    pub stages: Vec<(&'static str, Duration)>,
    /// Each rule that ran, in the order it ran: its code (`HOT056`), or
    /// its struct name when it reports several codes.
    pub rules: Vec<(&'static str, Duration)>,
    /// How many findings the rules made (to check that the timed run did
    /// the same work as `check_with`).
    pub findings: usize,
}

/// Checks `src` as [`check_with`](crate::check_with) does (as
/// [`check_source`](crate::check_source) without `files`), timing each
/// stage and each rule. The rules run only when the file reads without a
/// syntax error, as in a normal check.
pub fn lint_timings(src: &str, files: Option<(&str, &dyn SourceLoader)>) -> Timings {
    let mut timings = Timings::default();
    let start = Instant::now();
    let parsed = hotc_grammar::parse(src);
    let (value, build_errors) = hotc_grammar::value::build_stream(&parsed.stream, parsed.flavor);
    // A normal check renders every syntax finding and runs no rule past an
    // error; rendering is part of this stage there too.
    let has_error = parsed
        .errors
        .iter()
        .chain(&build_errors)
        .map(render::syntax)
        .any(|d| d.severity == Severity::Error);
    timings.stages.push((PARSE_VALUES, start.elapsed()));
    if parsed.stream.documents.is_empty() || has_error {
        return timings;
    }
    let start = Instant::now();
    let kind = lint::classify(&value);
    let files = files.map(|(name, loader)| Files { name, loader });
    let mut lowered = kind != FileKind::Template;
    let mut rules = Vec::new();
    let found = lint::run_each(src, &value, kind, files, None, &mut |rule, cx| {
        if !lowered {
            cx.template();
            timings.stages.push((LOWER, start.elapsed()));
            lowered = true;
        }
        let start = Instant::now();
        rule.check(cx);
        rules.push((code_of(rule), start.elapsed()));
    });
    timings.rules = rules;
    timings.findings = found.here.len() + found.elsewhere.len();
    timings
}

/// A rule's code, found from its struct name through the codes table
/// (`UnusedParameter` is `unused-parameter`, HOT056); the struct name when
/// no code has that name.
fn code_of(rule: &dyn Rule) -> &'static str {
    let name = rule.name();
    let mut kebab = String::with_capacity(name.len() + 4);
    for (i, c) in name.char_indices() {
        if c.is_ascii_uppercase() && i > 0 {
            kebab.push('-');
        }
        kebab.push(c.to_ascii_lowercase());
    }
    codes::lookup(&kebab).map_or(name, |info| info.code)
}
