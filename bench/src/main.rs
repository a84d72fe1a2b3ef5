//! hotc's front-end benchmark: parse and value-building throughput in MB/s
//! on the real-template corpus and on generated ~5 MB YAML and JSON
//! templates, with saphyr's spanned loader timed on the same inputs in the
//! same run as the yardstick; and whole-lint throughput (`check_source`, and
//! `check_with` reading the files templates name, as `hotc lint` does) on
//! the same inputs, so that the rules' share beyond the front end shows.
//! Per-rule timings are the `lint` binary's (bench/src/bin/lint.rs).
//!
//! `cargo run --release -p hotc-bench -- [--corpus DIR] [--iters N] [--size BYTES]`
//!
//! No benchmark framework: every measurement is N timed rounds over all of
//! its inputs (after one untimed warm-up round), reported as best and
//! median. Files saphyr rejects (it reads YAML 1.2 and refuses duplicate
//! keys) are left out of both sides so that both parse the same bytes.

mod corpus;
mod generate;
mod timing;

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use corpus::saphyr_load;
use hotc_compiler::source::SourceLoader;
use hotc_grammar::{Flavor, Parsed};
use timing::{Rounds, mb_per_s, measure};

const USAGE: &str = "usage: hotc-bench [--corpus DIR] [--iters N] [--size BYTES] [--only TEXT]
  --corpus DIR   template files to time (default: <workspace>/../shared/corpus)
  --iters N      timed rounds per measurement (default: 10)
  --size BYTES   size of each generated template (default: 5000000)
  --only TEXT    run only the rows whose \"input / measurement\" contains TEXT,
                 e.g. \"generated YAML / hotc parse\" (to profile one of them;
                 a ratio needs its input's saphyr row)";

struct Options {
    corpus: PathBuf,
    iters: usize,
    size: usize,
    only: Option<String>,
}

fn parse_args() -> Result<Options, String> {
    // The workspace root is this package's parent; the shared corpus sits
    // beside the workspace, as in the project's checkout layout.
    let default_corpus = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../shared/corpus");
    let mut options = Options {
        corpus: default_corpus,
        iters: 10,
        size: 5_000_000,
        only: None,
    };
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = |name: &str| args.next().ok_or(format!("{name} needs a value"));
        match arg.as_str() {
            "--corpus" => options.corpus = PathBuf::from(value("--corpus")?),
            "--iters" => {
                options.iters = value("--iters")?
                    .parse()
                    .map_err(|e| format!("--iters: {e}"))?;
            }
            "--size" => {
                options.size = value("--size")?
                    .parse()
                    .map_err(|e| format!("--size: {e}"))?;
            }
            "--only" => options.only = Some(value("--only")?),
            "-h" | "--help" => return Err(String::new()),
            other => return Err(format!("unknown argument `{other}`")),
        }
    }
    Ok(options)
}

/// The yardstick row's name.
const SAPHYR: &str = "saphyr MarkedYaml";
/// The row that times value building alone.
const BUILD_ONLY: &str = "hotc build_stream only";
/// The front end alone, which the lint rows are compared with.
const PARSE_VALUES: &str = "hotc parse+values";
/// Whole lint without the files a template names.
const CHECK_SOURCE: &str = "hotc check_source";
/// Whole lint as `hotc lint` runs it, reading the files templates name
/// (from memory: every file under the corpus root).
const CHECK_WITH: &str = "hotc check_with (files)";

fn hotc_values(parsed: &Parsed) -> hotc_grammar::Value {
    hotc_grammar::value::build_stream(&parsed.stream, parsed.flavor).0
}

/// One row of the table.
struct Row {
    input: String,
    what: &'static str,
    bytes: usize,
    rounds: Rounds,
    /// Is this the saphyr row that the others of its input are compared to.
    yardstick: bool,
    /// Does this row parse (and so compare with saphyr); the lint rows do
    /// more than parse and are compared with parse+values instead.
    parses: bool,
}

/// The rows measured so far and what selects them.
struct Bench {
    rows: Vec<Row>,
    iters: usize,
    only: Option<String>,
}

impl Bench {
    /// Times `job` over `sources` unless `--only` leaves this row out.
    fn row<I, R>(
        &mut self,
        input: &str,
        what: &'static str,
        sources: &[I],
        bytes: usize,
        job: impl FnMut(&I) -> R,
    ) {
        if !self.selected(input, what) {
            return;
        }
        self.rows.push(Row {
            input: input.to_owned(),
            what,
            bytes,
            rounds: measure(sources, self.iters, job),
            yardstick: what == SAPHYR,
            parses: what != CHECK_SOURCE && what != CHECK_WITH,
        });
    }

    /// Whether `--only` (matched against "input / measurement") keeps a row.
    fn selected(&self, input: &str, what: &str) -> bool {
        self.only
            .as_deref()
            .is_none_or(|only| format!("{input} / {what}").contains(only))
    }

    /// Times every measurement of one input set: `sources` are
    /// `(name, text)`, the name being what `check_with` resolves the files
    /// a template names against through `loader`.
    fn set(&mut self, input: &str, named: &[(&str, &str)], loader: &dyn SourceLoader, json: bool) {
        let sources: Vec<&str> = named.iter().map(|(_, text)| *text).collect();
        let sources = sources.as_slice();
        let bytes: usize = sources.iter().map(|s| s.len()).sum();
        eprintln!("timing {input} ...");
        self.row(input, "hotc parse (tree)", sources, bytes, |s| {
            hotc_grammar::parse(s)
        });
        // Value building on its own, over trees parsed beforehand.
        if self.selected(input, BUILD_ONLY) {
            let parsed: Vec<Parsed> = sources.iter().map(|s| hotc_grammar::parse(s)).collect();
            self.row(input, BUILD_ONLY, &parsed, bytes, hotc_values);
        }
        self.row(input, PARSE_VALUES, sources, bytes, |s| {
            hotc_values(&hotc_grammar::parse(s))
        });
        self.row(input, CHECK_SOURCE, sources, bytes, |s| {
            hotc_compiler::check_source(s)
        });
        self.row(input, CHECK_WITH, named, bytes, |(name, s)| {
            hotc_compiler::check_with(s, name, loader)
        });
        self.row(input, SAPHYR, sources, bytes, |s| saphyr_load(s));
        if json {
            self.row(input, "serde_json::Value", sources, bytes, |s| {
                serde_json::from_str::<serde_json::Value>(s)
            });
        }
    }
}

/// What the rules cost beyond the front end, per input: each lint row
/// less parse+values, by best rounds and by medians.
fn print_rules_alone(rows: &[Row]) {
    let find = |input: &str, what: &str| {
        rows.iter()
            .find(|r| r.input == input && r.what == what)
            .map(|r| (r.rounds.best(), r.rounds.median()))
    };
    for row in rows.iter().filter(|r| !r.parses) {
        let Some((front_best, front_median)) = find(&row.input, PARSE_VALUES) else {
            continue;
        };
        let ms = |lint: Duration, front: Duration| (lint.as_secs_f64() - front.as_secs_f64()) * 1e3;
        let best = ms(row.rounds.best(), front_best);
        let median = ms(row.rounds.median(), front_median);
        println!(
            "{:<26} {:<24} beyond parse+values: {best:>8.2} ms best, {median:>8.2} ms median ({:.0}% of the row's median)",
            row.input,
            row.what,
            100.0 * median / (row.rounds.median().as_secs_f64() * 1e3).max(f64::MIN_POSITIVE),
        );
    }
}

fn print_table(rows: &[Row]) {
    println!(
        "{:<26} {:<24} {:>9} {:>9} {:>9} {:>9} {:>8} {:>8} {:>8}",
        "input",
        "measurement",
        "bytes",
        "best ms",
        "med. ms",
        "best MB/s",
        "med MB/s",
        "x best",
        "x med."
    );
    for row in rows {
        let best = row.rounds.best();
        let median = row.rounds.median();
        // Throughput of this row over saphyr's on the same input, so above
        // 1 means faster than saphyr; by best rounds (the least disturbed
        // by other load) and by medians (a typical round).
        let yardstick = rows
            .iter()
            .find(|r| r.yardstick && r.input == row.input)
            .map(|r| (r.rounds.best(), r.rounds.median()));
        let ratio = |theirs: Duration, ours: Duration| {
            if ours.is_zero() {
                "-".to_owned()
            } else {
                format!("{:.2}", theirs.as_secs_f64() / ours.as_secs_f64())
            }
        };
        let (by_best, by_median) = match yardstick {
            Some((y_best, y_median)) if row.parses => {
                (ratio(y_best, best), ratio(y_median, median))
            }
            _ => ("-".to_owned(), "-".to_owned()),
        };
        println!(
            "{:<26} {:<24} {:>9} {:>9.2} {:>9.2} {:>9.1} {:>8.1} {:>8} {:>8}",
            row.input,
            row.what,
            row.bytes,
            best.as_secs_f64() * 1e3,
            median.as_secs_f64() * 1e3,
            mb_per_s(row.bytes, best),
            mb_per_s(row.bytes, median),
            by_best,
            by_median
        );
    }
}

/// Counts the sources hotc reports errors (not warnings) for.
fn files_with_hotc_errors(sources: &[&str]) -> usize {
    sources
        .iter()
        .filter(|s| {
            let parsed = hotc_grammar::parse(s);
            let (_, value_errors) =
                hotc_grammar::value::build_stream(&parsed.stream, parsed.flavor);
            parsed
                .errors
                .iter()
                .chain(&value_errors)
                .any(|e| !e.kind.is_warning())
        })
        .count()
}

/// Checks a generated template: both parsers must take it cleanly, or the
/// numbers would compare error recovery rather than parsing.
fn check_generated(name: &str, src: &str, flavor: Flavor) -> bool {
    let parsed = hotc_grammar::parse(src);
    let mut ok = true;
    if parsed.flavor != flavor {
        eprintln!(
            "{name}: hotc read it as {:?}, not {flavor:?}",
            parsed.flavor
        );
        ok = false;
    }
    let (_, value_errors) = hotc_grammar::value::build_stream(&parsed.stream, parsed.flavor);
    for e in parsed.errors.iter().chain(&value_errors).take(5) {
        eprintln!("{name}: hotc: {:?} at {:?}", e.kind, e.span);
        ok = false;
    }
    if let Err(e) = saphyr_load(src) {
        eprintln!("{name}: saphyr: {e}");
        ok = false;
    }
    ok
}

fn main() -> ExitCode {
    let options = match parse_args() {
        Ok(o) => o,
        Err(message) => {
            if !message.is_empty() {
                eprintln!("hotc-bench: {message}");
            }
            eprintln!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    let corpus = match corpus::load(&options.corpus) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("hotc-bench: reading {}: {e}", options.corpus.display());
            return ExitCode::FAILURE;
        }
    };

    // Both sides must parse the same bytes: drop what saphyr cannot read.
    let (selected, rejected) = corpus.selection();
    let named: Vec<(&str, &str)> = selected
        .iter()
        .map(|f| (f.path.as_str(), f.text.as_str()))
        .collect();
    let accepted: Vec<&str> = named.iter().map(|(_, text)| *text).collect();
    let yaml = generate::yaml_template(options.size);
    let json = generate::json_template(options.size);
    if !check_generated("generated YAML", &yaml, Flavor::Yaml)
        || !check_generated("generated JSON", &json, Flavor::Json)
    {
        return ExitCode::FAILURE;
    }

    println!(
        "hotc-bench: {} timed rounds per measurement; MB = 10^6 bytes",
        options.iters
    );
    println!(
        "corpus {}: {} template files, {} timed ({} bytes); {} rejected by saphyr and left out of every row; {} not UTF-8",
        options.corpus.display(),
        corpus.files.len() + corpus.not_utf8.len(),
        accepted.len(),
        accepted.iter().map(|s| s.len()).sum::<usize>(),
        rejected.len(),
        corpus.not_utf8.len()
    );
    for (path, error) in &rejected {
        println!("  saphyr rejects {path}: {error}");
    }
    println!(
        "hotc reports errors in {} of the timed corpus files",
        files_with_hotc_errors(&accepted)
    );
    println!();

    let mut bench = Bench {
        rows: Vec::new(),
        iters: options.iters,
        only: options.only,
    };
    let corpus_name = format!("corpus ({} files)", accepted.len());
    bench.set(&corpus_name, &named, &corpus.loader, false);
    // The generated templates name no files; the loader finds none.
    let yaml = [("generated.yaml", yaml.as_str())];
    let json = [("generated.json", json.as_str())];
    bench.set("generated YAML", &yaml, &corpus.loader, false);
    bench.set("generated JSON", &json, &corpus.loader, true);
    print_table(&bench.rows);
    println!();
    print_rules_alone(&bench.rows);
    println!();
    println!("x best / x med.: throughput over saphyr's on the same input, by best rounds");
    println!("and by medians (above 1 = faster than saphyr); parsing rows only, the lint");
    println!("rows are compared with parse+values above.");
    println!("saphyr's MarkedYaml also types scalars (YAML 1.2 core schema), so it sits between");
    println!("hotc's tree alone and hotc's tree plus values in the work it does.");
    ExitCode::SUCCESS
}
