//! Planning every template of the corpus: lowered, graphed and planned as a
//! new stack, then planned again against the state an apply of that plan
//! would leave, which must change nothing.
//!
//! A parameter without a default gets a value of its type (a string
//! parameter "x", a number 1, ...), as a user would give one. A plan must
//! never panic; it may refuse only where a `get_file` target is absent from
//! the extracted corpus (HOT070); and the second plan must find no change:
//! a plan that is not idempotent would make every apply look like it
//! changes something. (2026-11-25: 395 templates, 2,046 resources planned;
//! 13 refused for missing files.)

use std::path::Path;

use hotc_compiler::HotVersion;
use hotc_compiler::eval::condition::eval_condition;
use hotc_compiler::eval::{Context, Val, eval};
use hotc_compiler::graph::Graph;
use hotc_compiler::ir::Template;
use hotc_compiler::params::{ParamType, parameter_values_given};
use hotc_compiler::{FileKind, check_source};
use hotc_runtime::plan::{Action, Plan, Planned, Request, plan, values};
use hotc_runtime::state::{ResourceState, StackState};
use hotc_tests::{corpus_dir, corpus_files};

/// A value a user might give a parameter of type `ty`.
fn made_up(ty: ParamType) -> Val {
    match ty {
        ParamType::String => Val::Str("x".to_owned()),
        ParamType::Number => Val::Int(1),
        ParamType::Boolean => Val::Bool(true),
        ParamType::CommaDelimitedList => Val::Str("a,b".to_owned()),
        ParamType::Json => Val::Map(Vec::new()),
    }
}

fn plan_of(
    path: &Path,
    template: &Template,
    text: &str,
    given: &[(&str, Val)],
    state: Option<&StackState>,
) -> Result<Plan, String> {
    let parameters = parameter_values_given(&template.parameters, given);
    // get_file reads beside the template, as the CLI does.
    let files = |file: &str| std::fs::read_to_string(path.parent()?.join(file)).ok();
    plan(&Request {
        stack: "corpus",
        template,
        template_text: text,
        parameters: &parameters,
        state,
        files: &files,
        destroy: false,
        targets: &[],
    })
    .map_err(|errors| format!("{errors:?}"))
}

/// What an apply resolves: every resource exists with id `id-NAME`, its
/// attributes are not known (so what reads them stays as the plan had it),
/// and conditions and parameters are the stack's.
struct Applied<'a> {
    template: &'a Template,
    params: Vec<(String, Option<Val>)>,
}

impl Context for Applied<'_> {
    fn version(&self) -> HotVersion {
        self.template.version
    }
    fn param(&self, name: &str) -> Option<Val> {
        match name {
            "OS::stack_name" => Some(Val::Str("corpus".to_owned())),
            "OS::stack_id" | "OS::project_id" => Some(Val::Unknown),
            _ => self
                .params
                .iter()
                .find(|(n, _)| n == name)
                .and_then(|(_, v)| v.clone()),
        }
    }
    fn attribute(&self, resource: &str, _attribute: &str) -> Option<Val> {
        self.template.resource(resource).map(|_| Val::Unknown)
    }
    fn resource_ref(&self, resource: &str) -> Option<Val> {
        self.template
            .resource(resource)
            .map(|_| Val::Str(format!("id-{resource}")))
    }
    fn file(&self, _path: &str) -> Option<String> {
        None
    }
    fn condition(&self, name: &str) -> Option<bool> {
        let definition = self.template.conditions.iter().find(|c| c.name == name)?;
        match eval_condition(&definition.expr, self) {
            Ok(Val::Bool(b)) => Some(b),
            _ => None,
        }
    }
}

/// The state an apply of `first` leaves: every resource it creates, with
/// its properties resolved as the apply resolves them (values that read
/// attributes recorded as the apply would learn them).
fn applied(template: &Template, given: &[(&str, Val)], first: &Plan) -> StackState {
    let resolver = Applied {
        template,
        params: parameter_values_given(&template.parameters, given),
    };
    let mut state = StackState::new("corpus");
    state.lineage = first.lineage.clone();
    for r in &first.resources {
        let mut recorded = ResourceState::created(
            &r.type_name,
            "local",
            &format!("id-{}", r.name),
            r.depends_on.clone(),
        );
        let definition = template.resource(&r.name);
        for (name, planned) in &r.properties {
            let value = match planned {
                Planned::Known(v) => v.clone(),
                Planned::Unknown { .. } => definition
                    .and_then(|d| d.property(name))
                    .and_then(|expr| eval(expr, &resolver).ok())
                    .and_then(|v| values::to_json(&v))
                    .unwrap_or_else(|| serde_json::json!("learnt at apply")),
            };
            recorded.properties.insert(name.clone(), value);
        }
        recorded.metadata = match &r.metadata {
            Some(Planned::Known(v)) => Some(v.clone()),
            Some(Planned::Unknown { .. }) => definition
                .and_then(|d| d.metadata.as_ref())
                .and_then(|expr| eval(expr, &resolver).ok())
                .and_then(|v| values::to_json(&v))
                .or_else(|| Some(serde_json::json!("learnt at apply"))),
            None => None,
        };
        state.resources.insert(r.name.clone(), recorded);
    }
    for o in &first.outputs {
        state
            .outputs
            .insert(o.name.clone(), serde_json::json!("learnt at apply"));
    }
    state
}

#[test]
fn every_corpus_template_plans_and_replans_to_no_change() {
    let Some(dir) = corpus_dir() else {
        return;
    };
    let (mut planned, mut refused, mut resources) = (0, Vec::new(), 0);
    let mut not_idempotent = Vec::new();
    for path in corpus_files(&dir, &["yaml", "yml", "template", "json"]) {
        let Ok(text) = std::fs::read_to_string(&path) else {
            continue;
        };
        let checked = check_source(&text);
        let has_errors = checked
            .diagnostics
            .iter()
            .any(|d| d.severity == hotc_compiler::diagnostics::Severity::Error);
        if checked.kind != FileKind::Template || has_errors {
            continue;
        }
        let template = Template::parse(&text);
        // The graph of a template without errors has no cycle.
        assert!(
            Graph::build(&template).levels().is_ok(),
            "{}: a cycle lint did not report",
            path.display()
        );
        let given: Vec<(&str, Val)> = template
            .parameters
            .iter()
            .filter(|p| p.default.is_none())
            .map(|p| (p.name.as_str(), made_up(p.ty)))
            .collect();
        let first = match plan_of(&path, &template, &text, &given, None) {
            Ok(plan) => plan,
            Err(why) => {
                refused.push(format!("{}: {why}", path.display()));
                continue;
            }
        };
        planned += 1;
        resources += first.resources.len();
        assert!(
            first.resources.iter().all(|r| r.action == Action::Create),
            "{}: a new stack only creates",
            path.display()
        );
        let state = applied(&template, &given, &first);
        let again = plan_of(&path, &template, &text, &given, Some(&state))
            .unwrap_or_else(|why| panic!("{}: replanning failed: {why}", path.display()));
        let changed: Vec<String> = again
            .resources
            .iter()
            .filter(|r| r.action != Action::NoChange)
            .map(|r| format!("{} {}", r.action.as_str(), r.name))
            .collect();
        if !changed.is_empty() {
            not_idempotent.push(format!("{}: {}", path.display(), changed.join(", ")));
        }
    }
    eprintln!(
        "plan over the corpus: {planned} templates planned ({resources} resources), \
         {} refused with made-up values, {} not idempotent",
        refused.len(),
        not_idempotent.len()
    );
    // The corpus's known gaps: `get_file` targets absent from the extracted
    // corpus (lint reports them as HOT070 when it reads beside the file).
    let other: Vec<&String> = refused
        .iter()
        .filter(|r| !r.contains("FileNotFound"))
        .collect();
    assert!(
        other.is_empty(),
        "plans refused for other reasons than missing files:\n{other:#?}"
    );
    assert!(
        not_idempotent.is_empty(),
        "planning again after apply changes something:\n{}",
        not_idempotent.join("\n")
    );
    assert!(planned > 300, "only {planned} corpus templates planned");
}
