//! hotc's per-rule lint benchmark: what each lint rule costs on the corpus
//! (the files `hotc-bench` times), on the generated ~5 MB template and on a
//! generated stack of 10,000 resources (the planning benchmark's), as a
//! table of each rule's time and share of the lint.
//!
//! `cargo run --release -p hotc-bench --features rule-timing --bin lint -- [--corpus DIR] [--iters N] [--size BYTES] [--resources N]`
//!
//! The timings come from `hotc_compiler::bench_hooks` (the compiler's
//! `bench-hooks` feature, which only this binary turns on), which runs a
//! `check_with` with a clock around each stage and each rule. Every input
//! is checked in N rounds after an untimed one; a rule's figure is the
//! median over rounds of its total over the input's files (best rounds
//! of different rules need not be the same round, so medians add up).

#[path = "../corpus.rs"]
mod corpus;
// The lint bench times the YAML template only; the JSON one holds the
// same resources, so its rules cost the same.
#[allow(dead_code, reason = "json_template is the front-end bench's")]
#[path = "../generate.rs"]
mod generate;
#[path = "../stack.rs"]
mod stack;

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use hotc_compiler::bench_hooks::{Timings, lint_timings};
use hotc_compiler::diagnostics::codes;
use hotc_compiler::source::SourceLoader;

const USAGE: &str = "usage: lint [--corpus DIR] [--iters N] [--size BYTES] [--resources N]";

/// One input: its files as `(name, text)`, checked as `hotc lint` checks
/// them (through the corpus loader), and the total of each stage and rule
/// over its files in every timed round.
struct Input<'a> {
    title: String,
    /// Its column's heading in the table.
    column: &'static str,
    files: Vec<(&'a str, &'a str)>,
    /// Stage or rule name to its total in each round.
    rounds: BTreeMap<&'static str, Vec<Duration>>,
    findings: usize,
}

impl<'a> Input<'a> {
    fn new(title: String, column: &'static str, files: Vec<(&'a str, &'a str)>) -> Self {
        Self {
            title,
            column,
            files,
            rounds: BTreeMap::new(),
            findings: 0,
        }
    }

    /// One untimed round, then `iters` timed ones.
    fn run(&mut self, loader: &dyn SourceLoader, iters: usize) {
        for (name, text) in &self.files {
            std::hint::black_box(lint_timings(text, Some((name, loader))));
        }
        for _ in 0..iters.max(1) {
            let mut round: BTreeMap<&'static str, Duration> = BTreeMap::new();
            let mut findings = 0;
            for (name, text) in &self.files {
                let Timings {
                    stages,
                    rules,
                    findings: found,
                } = lint_timings(text, Some((name, loader)));
                findings += found;
                for (what, time) in stages.into_iter().chain(rules) {
                    *round.entry(what).or_default() += time;
                }
            }
            self.findings = findings;
            for (what, total) in round {
                self.rounds.entry(what).or_default().push(total);
            }
        }
    }

    /// The median round's total of a stage or rule (zero when it never ran).
    fn median(&self, what: &str) -> Duration {
        self.rounds.get(what).map_or(Duration::ZERO, |times| {
            let mut sorted = times.clone();
            sorted.sort_unstable();
            sorted.get(sorted.len() / 2).copied().unwrap_or_default()
        })
    }

    /// The rules' total: the sum of their medians.
    fn rules_total(&self) -> Duration {
        self.rounds
            .keys()
            .filter(|what| !is_stage(what))
            .map(|what| self.median(what))
            .sum()
    }

    fn bytes(&self) -> usize {
        self.files.iter().map(|(_, text)| text.len()).sum()
    }
}

fn is_stage(what: &str) -> bool {
    what == hotc_compiler::bench_hooks::PARSE_VALUES || what == hotc_compiler::bench_hooks::LOWER
}

/// A rule's code with its name (`HOT056 unused-parameter`).
fn label(what: &str) -> String {
    match codes::lookup(what) {
        Some(info) => format!("{} {}", info.code, info.name),
        None => what.to_owned(),
    }
}

fn ms(time: Duration) -> f64 {
    time.as_secs_f64() * 1e3
}

fn share(part: Duration, whole: Duration) -> f64 {
    if whole.is_zero() {
        0.0
    } else {
        100.0 * part.as_secs_f64() / whole.as_secs_f64()
    }
}

/// The table: the shared stages, then every rule by its time on the first
/// input (the corpus), with its time and share of the rules' total on each
/// input.
fn print_table(inputs: &[Input<'_>]) {
    let mut header = format!("| {:<42} |", "stage or rule");
    let mut rule_line = format!("|{:-<44}|", "");
    for input in inputs {
        let heading = format!("{} ms", input.column);
        header.push_str(&format!(" {heading:>9} | {:>6} |", "share"));
        rule_line.push_str(&format!("{:->10}:|{:->7}:|", "", ""));
    }
    println!("{header}");
    println!("{rule_line}");
    let Some(first) = inputs.first() else {
        return;
    };
    let mut names: Vec<&'static str> = first.rounds.keys().copied().collect();
    for input in inputs {
        for what in input.rounds.keys() {
            if !names.contains(what) {
                names.push(what);
            }
        }
    }
    let totals: Vec<Duration> = inputs.iter().map(Input::rules_total).collect();
    names.sort_by(|a, b| (!is_stage(a), first.median(b)).cmp(&(!is_stage(b), first.median(a))));
    let line = |label: String, times: &mut dyn Iterator<Item = (Duration, Option<Duration>)>| {
        let mut out = format!("| {label:<42} |");
        for (time, whole) in times {
            match whole {
                Some(whole) => out.push_str(&format!(
                    " {:>9.2} | {:>5.1}% |",
                    ms(time),
                    share(time, whole)
                )),
                None => out.push_str(&format!(" {:>9.2} | {:>6} |", ms(time), "")),
            }
        }
        println!("{out}");
    };
    for what in &names {
        let stage = is_stage(what);
        line(
            label(what),
            &mut inputs
                .iter()
                .zip(&totals)
                .map(|(input, total)| (input.median(what), (!stage).then_some(*total))),
        );
    }
    line(
        "all rules".to_owned(),
        &mut totals.iter().map(|total| (*total, None)),
    );
}

fn main() -> ExitCode {
    let mut corpus_dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../shared/corpus");
    let mut iters = 5;
    let mut size = 5_000_000;
    let mut resources = 10_000;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let Some(value) = args.next() else {
            eprintln!("{USAGE}");
            return ExitCode::from(2);
        };
        let number = value.parse::<usize>();
        match (arg.as_str(), number) {
            ("--corpus", _) => corpus_dir = PathBuf::from(value),
            ("--iters", Ok(n)) => iters = n,
            ("--size", Ok(n)) => size = n,
            ("--resources", Ok(n)) => resources = n,
            _ => {
                eprintln!("{USAGE}");
                return ExitCode::from(2);
            }
        }
    }
    let corpus = match corpus::load(&corpus_dir) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("lint: reading {}: {e}", corpus_dir.display());
            return ExitCode::FAILURE;
        }
    };
    let (selected, rejected) = corpus.selection();
    let yaml = generate::yaml_template(size);
    let stack = stack::generate(resources);
    let mut inputs = vec![
        Input::new(
            format!("corpus ({} files)", selected.len()),
            "corpus",
            selected
                .iter()
                .map(|f| (f.path.as_str(), f.text.as_str()))
                .collect(),
        ),
        Input::new(
            "generated YAML".to_owned(),
            "5 MB",
            vec![("generated.yaml", yaml.as_str())],
        ),
        Input::new(
            format!("{resources}-resource stack"),
            "stack",
            vec![("stack.yaml", stack.as_str())],
        ),
    ];
    println!(
        "lint: {iters} timed rounds per input, the median round's total per stage and rule; \
         corpus {} ({} files saphyr rejects left out, as in hotc-bench; {} not UTF-8)",
        corpus_dir.display(),
        rejected.len(),
        corpus.not_utf8.len()
    );
    for input in &mut inputs {
        eprintln!("timing {} ...", input.title);
        input.run(&corpus.loader, iters);
    }
    println!();
    for input in &inputs {
        let front = input.median(hotc_compiler::bench_hooks::PARSE_VALUES);
        let lower = input.median(hotc_compiler::bench_hooks::LOWER);
        let rules = input.rules_total();
        let whole = front + lower + rules;
        println!(
            "{}: {}, {} bytes, {} findings; parse + values {:.1} ms, IR {:.1} ms, \
             rules {:.1} ms, whole lint {:.1} ms ({:.1} MB/s)",
            input.column,
            input.title,
            input.bytes(),
            input.findings,
            ms(front),
            ms(lower),
            ms(rules),
            ms(whole),
            input.bytes() as f64 / 1e6 / whole.as_secs_f64().max(f64::MIN_POSITIVE),
        );
    }
    println!();
    print_table(&inputs);
    println!();
    println!("share: of all rules' time on that input (the stages above are not in it)");
    ExitCode::SUCCESS
}
