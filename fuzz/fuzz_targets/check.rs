//! Fuzz target `check`: arbitrary text through everything after the front
//! end: the lint rules (as YAML/JSON and as `.heat`), the IR, the
//! dependency graph and the planner.
//!
//! The properties:
//! - `check_source` and `check_dsl` never panic, and every diagnostic's
//!   spans lie within the input and on char boundaries (renderers slice
//!   the source with them);
//! - a template that checks without errors lowers, graphs without a cycle
//!   (HOT057 would have reported one) and plans as a new stack, with a
//!   value of its type for each parameter that has no default, without a
//!   panic; the plan may refuse (a function Heat would refuse), never crash.
#![no_main]

use hotc_compiler::diagnostics::{Diagnostic, Severity};
use hotc_compiler::eval::Val;
use hotc_compiler::graph::Graph;
use hotc_compiler::ir::Template;
use hotc_compiler::params::{ParamType, parameter_values_given};
use hotc_compiler::{FileKind, check_dsl, check_source};
use hotc_runtime::plan::{Request, plan};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let src = String::from_utf8_lossy(data);
    let checked = check_source(&src);
    spans_inside(&src, &checked.diagnostics);
    let dsl = check_dsl(&src);
    spans_inside(&src, &dsl.diagnostics);
    let clean = !checked
        .diagnostics
        .iter()
        .any(|d| d.severity == Severity::Error);
    if checked.kind == FileKind::Template && clean {
        plan_new(&src);
    }
});

fn spans_inside(src: &str, diagnostics: &[Diagnostic]) {
    for d in diagnostics {
        for label in std::iter::once(&d.primary).chain(&d.secondary) {
            let span = label.span;
            assert!(span.start() <= span.end() && span.end() <= src.len(), "{d:?}");
            assert!(
                src.is_char_boundary(span.start()) && src.is_char_boundary(span.end()),
                "{d:?}"
            );
        }
    }
}

fn plan_new(src: &str) {
    let template = Template::parse(src);
    let graph = Graph::build(&template);
    assert!(graph.levels().is_ok(), "a cycle lint did not report");
    let given: Vec<(&str, Val)> = template
        .parameters
        .iter()
        .filter(|p| p.default.is_none())
        .map(|p| {
            let v = match p.ty {
                ParamType::String => Val::Str("x".to_owned()),
                ParamType::Number => Val::Int(1),
                ParamType::Boolean => Val::Bool(true),
                ParamType::CommaDelimitedList => Val::Str("a,b".to_owned()),
                ParamType::Json => Val::Map(Vec::new()),
            };
            (p.name.as_str(), v)
        })
        .collect();
    let parameters = parameter_values_given(&template.parameters, &given);
    let no_files = |_: &str| None;
    let _ = plan(&Request {
        stack: "fuzz",
        template: &template,
        template_text: src,
        parameters: &parameters,
        state: None,
        files: &no_files,
        destroy: false,
        targets: &[],
    });
}
