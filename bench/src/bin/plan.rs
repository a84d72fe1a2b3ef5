//! hotc's planning benchmark: a generated stack of N resources (10,000 by
//! default), timed through each stage a `hotc plan` runs: lint, lowering to
//! the IR, the dependency graph and its levels, and the plan itself against
//! no state (everything created), against a state that matches (nothing
//! changes) and after a parameter change that replaces a tenth of the
//! stack and ripples through what refers to it.
//!
//! `cargo run --release -p hotc-bench --bin plan -- [--resources N] [--iters N]`

#[path = "../stack.rs"]
mod stack;
#[path = "../timing.rs"]
mod timing;

use std::process::ExitCode;

use hotc_compiler::eval::Val;
use hotc_compiler::graph::Graph;
use hotc_compiler::ir::Template;
use hotc_runtime::plan::{Action, Plan, Planned, Request, plan};
use hotc_runtime::state::{ResourceState, StackState};
use timing::{Rounds, mb_per_s, measure};

const USAGE: &str = "usage: plan [--resources N] [--iters N]";

/// The state an apply of `plan` leaves, every value resolved: properties
/// from a plan against ids and attributes already known.
fn applied(template: &Template, text: &str, first: &Plan) -> StackState {
    let mut state = StackState::new("bench");
    state.lineage = first.lineage.clone();
    for r in &first.resources {
        let mut attributes = serde_json::Map::new();
        attributes.insert("first_address".into(), "10.0.0.1".into());
        attributes.insert("value".into(), "s3cret".into());
        state.resources.insert(
            r.name.clone(),
            ResourceState {
                attributes,
                ..ResourceState::created(
                    &r.type_name,
                    "local",
                    &format!("id-{}", r.name),
                    r.depends_on.clone(),
                )
            },
        );
    }
    // Each pass makes known what the previous one recorded: servers first,
    // then the values that read their attributes.
    for _ in 0..3 {
        let again = run(template, text, Some(&state), &[]);
        for r in &again.resources {
            if let Some(recorded) = state.resources.get_mut(&r.name) {
                for (name, planned) in &r.properties {
                    if let Planned::Known(v) = planned {
                        recorded.properties.insert(name.clone(), v.clone());
                    }
                }
            }
        }
    }
    state
}

fn run(template: &Template, text: &str, state: Option<&StackState>, given: &[(&str, Val)]) -> Plan {
    run_with(template, text, state, given, false)
}

fn run_with(
    template: &Template,
    text: &str,
    state: Option<&StackState>,
    given: &[(&str, Val)],
    destroy: bool,
) -> Plan {
    let parameters = hotc_compiler::params::parameter_values_given(&template.parameters, given);
    let no_files = |_: &str| None;
    match plan(&Request {
        stack: "bench",
        template,
        template_text: text,
        parameters: &parameters,
        state,
        files: &no_files,
        destroy,
        targets: &[],
    }) {
        Ok(plan) => plan,
        Err(errors) => panic!("the generated stack plans: {errors:?}"),
    }
}

fn row(name: &str, rounds: &Rounds) {
    println!(
        "| {name:<44} | {:>9.1} | {:>9.1} |",
        rounds.best().as_secs_f64() * 1e3,
        rounds.median().as_secs_f64() * 1e3
    );
}

fn main() -> ExitCode {
    let mut resources = 10_000;
    let mut iters = 5;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let value = args.next().and_then(|v| v.parse().ok());
        match (arg.as_str(), value) {
            ("--resources", Some(n)) => resources = n,
            ("--iters", Some(n)) => iters = n,
            _ => {
                eprintln!("{USAGE}");
                return ExitCode::from(2);
            }
        }
    }
    let text = stack::generate(resources);
    let parsed = hotc_grammar::parse(&text);
    let (value, _) = hotc_grammar::value::build_stream(&parsed.stream, parsed.flavor);
    let template = Template::lower(&value);
    let first = run(&template, &text, None, &[]);
    let state = applied(&template, &text, &first);
    let same = run(&template, &text, Some(&state), &[]);
    let unchanged = same
        .resources
        .iter()
        .filter(|r| r.action == Action::NoChange)
        .count();
    let zone = [("zone", Val::Str("az2".into()))];
    let moved = run(&template, &text, Some(&state), &zone);
    let count = |a: Action| moved.resources.iter().filter(|r| r.action == a).count();
    println!(
        "{} resources, {:.1} MB of YAML; against matching state {} of {} unchanged; \
         after the zone change {} replaced, {} updated",
        template.resources.len(),
        text.len() as f64 / 1e6,
        unchanged,
        same.resources.len(),
        count(Action::Replace),
        count(Action::Update),
    );
    println!(
        "\n| {:<44} | {:>9} | {:>9} |",
        "stage", "best ms", "median ms"
    );
    println!("|{:-<46}|{:->11}|{:->11}|", "", "", "");
    let one = [()];
    let lint = measure(&one, iters, |()| hotc_compiler::check_source(&text));
    row("lint (check_source)", &lint);
    row(
        "parse + values",
        &measure(&one, iters, |()| {
            let parsed = hotc_grammar::parse(&text);
            hotc_grammar::value::build_stream(&parsed.stream, parsed.flavor)
        }),
    );
    row(
        "lower to the IR",
        &measure(&one, iters, |()| Template::lower(&value)),
    );
    row(
        "graph + levels",
        &measure(&one, iters, |()| {
            let graph = Graph::build(&template);
            graph.levels().map(|l| l.len()).unwrap_or(0)
        }),
    );
    row(
        "plan, no state (all create)",
        &measure(&one, iters, |()| run(&template, &text, None, &[])),
    );
    row(
        "plan, matching state (no change)",
        &measure(&one, iters, |()| run(&template, &text, Some(&state), &[])),
    );
    row(
        "plan, zone changed (replace + ripple)",
        &measure(&one, iters, |()| run(&template, &text, Some(&state), &zone)),
    );
    row(
        "plan --destroy (all delete)",
        &measure(&one, iters, |()| {
            run_with(&template, &text, Some(&state), &[], true)
        }),
    );
    println!(
        "\nlint: {:.1} MB/s (best round)",
        mb_per_s(text.len(), lint.best())
    );
    ExitCode::SUCCESS
}
