//! hotc's front-end benchmark: parse and value-building throughput in MB/s
//! on the real-template corpus and on generated ~5 MB YAML and JSON
//! templates, with saphyr's spanned loader timed on the same inputs in the
//! same run as the yardstick.
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

use hotc_grammar::{Flavor, Parsed};
use saphyr::{LoadableYamlNode, MarkedYaml};
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

/// saphyr's spanned tree, through its borrowing `&str` input: the fastest
/// way saphyr offers to get a `MarkedYaml` (its `load_from_str` goes
/// through a char iterator and is slower).
fn saphyr_load(src: &str) -> Result<Vec<MarkedYaml<'_>>, saphyr::ScanError> {
    let mut parser = saphyr_parser::Parser::new_from_str(src);
    MarkedYaml::load_from_parser(&mut parser)
}

/// The yardstick row's name.
const SAPHYR: &str = "saphyr MarkedYaml";
/// The row that times value building alone.
const BUILD_ONLY: &str = "hotc build_stream only";

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
        });
    }

    /// Whether `--only` (matched against "input / measurement") keeps a row.
    fn selected(&self, input: &str, what: &str) -> bool {
        self.only
            .as_deref()
            .is_none_or(|only| format!("{input} / {what}").contains(only))
    }

    /// Times every measurement of one input set.
    fn set(&mut self, input: &str, sources: &[&str], json: bool) {
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
        self.row(input, "hotc parse+values", sources, bytes, |s| {
            hotc_values(&hotc_grammar::parse(s))
        });
        self.row(input, SAPHYR, sources, bytes, |s| saphyr_load(s));
        if json {
            self.row(input, "serde_json::Value", sources, bytes, |s| {
                serde_json::from_str::<serde_json::Value>(s)
            });
        }
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
            Some((y_best, y_median)) => (ratio(y_best, best), ratio(y_median, median)),
            None => ("-".to_owned(), "-".to_owned()),
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
    let mut rejected = Vec::new();
    let mut accepted = Vec::new();
    for file in &corpus.files {
        match saphyr_load(&file.text) {
            Ok(_) => accepted.push(file.text.as_str()),
            Err(e) => rejected.push((file.path.as_str(), e.to_string())),
        }
    }
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
    bench.set(&corpus_name, &accepted, false);
    bench.set("generated YAML", &[yaml.as_str()], false);
    bench.set("generated JSON", &[json.as_str()], true);
    print_table(&bench.rows);
    println!();
    println!("x best / x med.: throughput over saphyr's on the same input, by best rounds");
    println!("and by medians (above 1 = faster than saphyr).");
    println!("saphyr's MarkedYaml also types scalars (YAML 1.2 core schema), so it sits between");
    println!("hotc's tree alone and hotc's tree plus values in the work it does.");
    ExitCode::SUCCESS
}
