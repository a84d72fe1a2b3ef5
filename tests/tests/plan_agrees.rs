//! hotc's plan agrees with what Heat does to each resource on update.
//!
//! Every case of tests/plan/cases.yaml names two templates (and their
//! parameters). A real Heat creates stack A, previews the update to B and
//! performs it (tests/oracle/heat_preview.py). hotc's state is built from
//! what Heat created (each resource's type, reference, resolved properties
//! and attributes), and hotc plans B against it. Each resource's action must
//! be what Heat's update did to it: create = added, delete = deleted,
//! replace = replaced, update = updated, no change = unchanged.
//!
//! Heat's update preview (`PUT .../preview`) is compared too, but as a
//! witness, not the reference: it resolves template B against resources
//! that were never created, so where it differs from Heat's own update the
//! case must say why in a `preview` note (and a note where they agree
//! fails, so notes do not outlive the quirk). A case where hotc departs
//! from Heat on purpose carries a `known` note; any other disagreement
//! fails.
//!
//! Heat is found as the other Heat suites find it (`$HOTC_HEAT_PYTHON`,
//! else `~/.cache/heat-ref/venv`); without it the suite skips with a
//! message, unless `HOTC_REQUIRE_HEAT=1`.

use std::collections::BTreeMap;

use hotc_compiler::eval::Val;
use hotc_compiler::ir::Template;
use hotc_compiler::params::parameter_values_given;
use hotc_grammar::{Value, ValueKind};
use hotc_runtime::plan::{Action, Plan, PlanError, Request, plan};
use hotc_runtime::state::{ResourceState, StackState};
use hotc_tests::{ask_oracle, case_list, heat_python_or_skip};
use serde_json::Value as Json;

/// Heat's five lists, each with the action hotc calls it.
const KINDS: [(&str, Action); 5] = [
    ("added", Action::Create),
    ("deleted", Action::Delete),
    ("replaced", Action::Replace),
    ("updated", Action::Update),
    ("unchanged", Action::NoChange),
];

fn text<'v>(case: &'v Value, key: &str) -> Option<&'v str> {
    case.get(key).and_then(Value::as_str)
}

/// A case's parameters as `-P` would give them.
fn given(case: &Value, key: &str) -> Vec<(String, Val)> {
    match case.get(key).map(|v| &v.kind) {
        Some(ValueKind::Map(entries)) => entries
            .iter()
            .filter_map(|(k, v)| Some((k.as_str()?.to_owned(), Val::from_literal(v))))
            .collect(),
        _ => Vec::new(),
    }
}

fn no_files(_: &str) -> Option<String> {
    None
}

fn plan_of(
    stack: &str,
    src: &str,
    given: &[(String, Val)],
    state: Option<&StackState>,
) -> Result<Plan, Vec<PlanError>> {
    let template = Template::parse(src);
    let given: Vec<(&str, Val)> = given.iter().map(|(k, v)| (k.as_str(), v.clone())).collect();
    let parameters = parameter_values_given(&template.parameters, &given);
    plan(&Request {
        stack,
        template: &template,
        template_text: src,
        parameters: &parameters,
        state,
        files: &no_files,
        destroy: false,
        targets: &[],
    })
}

/// hotc's state of stack A as Heat created it. Each resource is recorded as
/// an apply records one: its type, its resolved properties (the given ones,
/// converted to their schema types) and attributes, and the dependencies
/// hotc's plan of A gives it. Its id is what `get_resource` gives in Heat
/// (the `reference`), since that is what hotc's plan reads a recorded id
/// for; for most types it is the physical id, for OS::Heat::RandomString
/// the string itself.
fn state_of(stack: &str, a: &Plan, created: &serde_json::Map<String, Json>) -> StackState {
    let mut state = StackState::new(stack);
    state.lineage = a.lineage.clone();
    state.parameters = a.parameters.clone();
    for (name, heat) in created {
        let depends_on = a
            .resources
            .iter()
            .find(|r| &r.name == name)
            .map(|r| r.depends_on.clone())
            .unwrap_or_default();
        let mut recorded = ResourceState::created(
            heat.get("type").and_then(Json::as_str).unwrap_or_default(),
            "heat",
            heat.get("reference")
                .and_then(Json::as_str)
                .unwrap_or_default(),
            depends_on,
        );
        let map = |key: &str| {
            heat.get(key)
                .and_then(Json::as_object)
                .cloned()
                .unwrap_or_default()
        };
        recorded.properties = map("properties");
        recorded.attributes = map("attributes");
        // Heat keeps `{}` for a resource without metadata; hotc records none.
        recorded.metadata = heat
            .get("metadata")
            .filter(|m| m.as_object().is_none_or(|o| !o.is_empty()))
            .cloned();
        state.resources.insert(name.clone(), recorded);
    }
    state
}

/// Heat's lists as one action per resource.
fn actions_of(lists: &Json) -> BTreeMap<String, Action> {
    let mut out = BTreeMap::new();
    for (kind, action) in KINDS {
        for name in lists
            .get(kind)
            .and_then(Json::as_array)
            .into_iter()
            .flatten()
        {
            if let Some(name) = name.as_str() {
                out.insert(name.to_owned(), action);
            }
        }
    }
    out
}

fn show(actions: &BTreeMap<String, Action>) -> String {
    actions
        .iter()
        .map(|(name, action)| format!("{name}: {}", action.as_str()))
        .collect::<Vec<_>>()
        .join(", ")
}

#[test]
fn plan_agrees_with_heat() {
    let (_, cases) = case_list("tests/plan/cases.yaml");
    let Some(python) = heat_python_or_skip() else {
        return;
    };
    let answers = ask_oracle(&python, "heat_preview.py", &cases);

    let mut agree = 0;
    let mut known = Vec::new();
    let mut quirks = Vec::new();
    let mut failures = Vec::new();
    for (i, (case, heat)) in cases.iter().zip(&answers).enumerate() {
        let name = text(case, "name").unwrap_or("?");
        let label = format!("case {} ({name})", i + 1);
        let (Some(a), Some(b)) = (text(case, "template_a"), text(case, "template_b")) else {
            failures.push(format!("{label}: template_a and template_b are texts"));
            continue;
        };
        if let Some(error) = heat.get("error") {
            failures.push(format!(
                "{label}: Heat refused: {error}: {}",
                heat.get("message").and_then(Json::as_str).unwrap_or("")
            ));
            continue;
        }
        // The oracle names stack N "hotc-case-N" from 0; hotc plans the
        // same name, for OS::stack_name.
        let stack = format!("hotc-case-{i}");
        let created = heat
            .get("created")
            .and_then(Json::as_object)
            .cloned()
            .unwrap_or_default();
        let state = match plan_of(&stack, a, &given(case, "params_a"), None) {
            Ok(first) => state_of(&stack, &first, &created),
            Err(e) => {
                failures.push(format!("{label}: hotc cannot plan template A: {e:?}"));
                continue;
            }
        };
        let ours: BTreeMap<String, Action> =
            match plan_of(&stack, b, &given(case, "params_b"), Some(&state)) {
                Ok(p) => p
                    .resources
                    .iter()
                    .map(|r| (r.name.clone(), r.action))
                    .collect(),
                Err(e) => {
                    failures.push(format!("{label}: hotc cannot plan template B: {e:?}"));
                    continue;
                }
            };
        let done = actions_of(heat.get("updated").unwrap_or(&Json::Null));
        let preview = actions_of(heat.get("preview").unwrap_or(&Json::Null));

        match (preview == done, text(case, "preview")) {
            (true, None) => {}
            (false, Some(why)) => quirks.push(format!(
                "{label}: preview {}; update {}\n    why: {why}",
                show(&preview),
                show(&done)
            )),
            (false, None) => failures.push(format!(
                "{label}: Heat's preview says {} but its update did {}; say why in a `preview` note",
                show(&preview),
                show(&done)
            )),
            (true, Some(_)) => failures.push(format!(
                "{label}: Heat's preview agrees with its update now: remove the `preview` note"
            )),
        }
        let detail = format!(
            "{label}\n    hotc: {}\n    Heat: {}",
            show(&ours),
            show(&done)
        );
        match (ours == done, text(case, "known")) {
            (true, None) => agree += 1,
            (false, Some(why)) => known.push(format!("{detail}\n    known: {why}")),
            (false, None) => failures.push(detail),
            (true, Some(_)) => {
                failures.push(format!("{detail}\n    agrees now: remove its `known` note"));
            }
        }
    }
    eprintln!(
        "plan vs Heat: {} cases, {agree} agree, {} known departures, {} failures; Heat's preview departs from its update in {} cases",
        cases.len(),
        known.len(),
        failures.len(),
        quirks.len()
    );
    for k in &known {
        eprintln!("  known departure: {k}");
    }
    for q in &quirks {
        eprintln!("  preview quirk: {q}");
    }
    assert!(
        failures.is_empty(),
        "{} cases fail:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
