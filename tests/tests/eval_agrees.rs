//! hotc's evaluation of intrinsic functions agrees with Heat's own.
//!
//! Every case of tests/eval/cases.yaml (a version, parameters, optional
//! files and conditions, and an expression) is evaluated by
//! `hotc_compiler::eval` and by Heat's function implementations in process
//! (tests/oracle/heat_eval.py), and the two must agree: equal values
//! (mapping order included, as Python dicts keep it; a value hotc knows only
//! after apply agrees with whatever Heat resolves an uncreated resource to),
//! or both refusing. A
//! case hotc reports as not supported yet is counted apart and listed, never
//! taken as agreement or failure: "not supported" is hotc's honest answer
//! for a function or corner it does not evaluate.
//!
//! Heat is found as heat_agrees.rs finds it (`$HOTC_HEAT_PYTHON`, else
//! `~/.cache/heat-ref/venv`); without it the suite skips with a message,
//! unless `HOTC_REQUIRE_HEAT=1`.

use hotc_compiler::HotVersion;
use hotc_compiler::eval::condition::eval_condition;
use hotc_compiler::eval::{Context, EvalErrorKind, Val, eval_value};
use hotc_compiler::ir::{Expr, Place};
use hotc_grammar::{Value, ValueKind};
use hotc_tests::{ask_oracle, case_list, heat_python_or_skip};

fn entries(v: Option<&Value>) -> Vec<(String, &Value)> {
    match v.map(|v| &v.kind) {
        Some(ValueKind::Map(entries)) => entries
            .iter()
            .filter_map(|(k, v)| match &k.kind {
                ValueKind::Str(s) => Some((s.clone(), v)),
                _ => None,
            })
            .collect(),
        _ => Vec::new(),
    }
}

/// A stack with the case's parameters, files, conditions and resources
/// (not created), as the oracle's template has.
struct Case<'a> {
    version: HotVersion,
    params: Vec<(String, &'a Value)>,
    files: Vec<(String, &'a Value)>,
    conditions: Vec<(String, &'a Value)>,
    resources: Vec<String>,
}

impl Context for Case<'_> {
    fn version(&self) -> HotVersion {
        self.version
    }

    fn param(&self, name: &str) -> Option<Val> {
        self.params
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| Val::from_literal(v))
    }

    fn attribute(&self, resource: &str, _attribute: &str) -> Option<Val> {
        self.resource_ref(resource)
    }

    /// Not created yet: known only after apply.
    fn resource_ref(&self, resource: &str) -> Option<Val> {
        self.resources
            .iter()
            .any(|r| r == resource)
            .then_some(Val::Unknown)
    }

    fn file(&self, path: &str) -> Option<String> {
        self.files
            .iter()
            .find(|(n, _)| n == path)
            .and_then(|(_, v)| match &v.kind {
                ValueKind::Str(s) => Some(s.clone()),
                _ => None,
            })
    }

    /// A condition of the case's section, evaluated as Heat's `Conditions`
    /// does (names of other conditions included); cases keep it acyclic.
    fn condition(&self, name: &str) -> Option<bool> {
        let (_, expr) = self.conditions.iter().find(|(n, _)| n == name)?;
        let expr = Expr::lower(expr, self.version(), Place::Condition);
        match eval_condition(&expr, self) {
            Ok(Val::Bool(b)) => Some(b),
            _ => None,
        }
    }
}

/// Heat's JSON answer as a value: integers stay integers, `1.0` a float,
/// objects keep their order.
fn from_json(v: &serde_json::Value) -> Val {
    match v {
        serde_json::Value::Null => Val::Null,
        serde_json::Value::Bool(b) => Val::Bool(*b),
        serde_json::Value::Number(n) => match (n.as_i64(), n.as_u64()) {
            (Some(i), _) => Val::Int(i128::from(i)),
            (None, Some(u)) => Val::Int(i128::from(u)),
            (None, None) => Val::Float(n.as_f64().unwrap_or(f64::NAN)),
        },
        serde_json::Value::String(s) => Val::Str(s.clone()),
        serde_json::Value::Array(items) => Val::List(items.iter().map(from_json).collect()),
        serde_json::Value::Object(map) => Val::Map(
            map.iter()
                .map(|(k, v)| (Val::Str(k.clone()), from_json(v)))
                .collect(),
        ),
    }
}

#[test]
fn eval_agrees_with_heat() {
    let (src, cases) = case_list("tests/eval/cases.yaml");
    let Some(python) = heat_python_or_skip() else {
        return;
    };
    let answers = ask_oracle(&python, "heat_eval.py", &cases);

    let mut agree = 0;
    let mut unsupported = Vec::new();
    let mut disagree = Vec::new();
    let mut known = Vec::new();
    for (i, (case, heat)) in cases.iter().zip(&answers).enumerate() {
        let label = format!(
            "case {} (line {}){}",
            i + 1,
            src.get(..usize::try_from(case.span.start).unwrap_or(0))
                .map_or(0, |s| s.lines().count() + 1),
            case.get("note")
                .and_then(|n| match &n.kind {
                    ValueKind::Str(s) => Some(format!(": {s}")),
                    _ => None,
                })
                .unwrap_or_default()
        );
        let version = case
            .get("version")
            .and_then(|v| match &v.kind {
                ValueKind::Str(s) => HotVersion::parse(s),
                _ => None,
            })
            .unwrap_or_else(|| panic!("{label}: a known version"));
        let expr = case
            .get("expr")
            .unwrap_or_else(|| panic!("{label}: an expr"));
        let ctx = Case {
            version,
            params: entries(case.get("params")),
            files: entries(case.get("files")),
            conditions: entries(case.get("conditions")),
            resources: match case.get("resources").map(|r| &r.kind) {
                Some(ValueKind::Seq(names)) => names
                    .iter()
                    .filter_map(|n| match &n.kind {
                        ValueKind::Str(s) => Some(s.clone()),
                        _ => None,
                    })
                    .collect(),
                _ => Vec::new(),
            },
        };
        let departure = case.get("known").and_then(|k| match &k.kind {
            ValueKind::Str(s) => Some(s.clone()),
            _ => None,
        });
        let ours = eval_value(expr, &ctx);
        let theirs = match (heat.get("value"), heat.get("error")) {
            (Some(v), _) => Ok(from_json(v)),
            (None, Some(e)) => Err(format!(
                "{}: {}",
                e.as_str().unwrap_or("?"),
                heat.get("message").and_then(|m| m.as_str()).unwrap_or("")
            )),
            (None, None) => panic!("{label}: the oracle gave neither value nor error"),
        };
        let agrees = match (&ours, &theirs) {
            (Err(e), _) if matches!(e.kind, EvalErrorKind::NotSupported { .. }) => {
                unsupported.push(format!("{label}: {:?}; Heat: {theirs:?}", e.kind));
                continue;
            }
            // Heat resolves what is not created yet to None; hotc's unknown
            // agrees with any value Heat gives: the case checks validity.
            (Ok(a), Ok(_)) if a.has_unknown() => true,
            (Ok(a), Ok(b)) => a == b,
            (Err(_), Err(_)) => true,
            (Ok(_), Err(_)) | (Err(_), Ok(_)) => false,
        };
        let detail = format!(
            "{label}\n    hotc: {:?}\n    Heat: {theirs:?}",
            ours.as_ref().map_err(|e| &e.kind)
        );
        match (agrees, departure) {
            (true, None) => agree += 1,
            (false, None) => disagree.push(detail),
            (false, Some(why)) => known.push(format!("{detail}\n    known: {why}")),
            (true, Some(_)) => {
                disagree.push(format!("{detail}\n    agrees now: remove its `known` note"))
            }
        }
    }
    eprintln!(
        "eval vs Heat: {agree} of {} cases agree, {} not supported by hotc yet, {} known departures, {} disagree",
        cases.len(),
        unsupported.len(),
        known.len(),
        disagree.len()
    );
    for k in &known {
        eprintln!("  known departure: {k}");
    }
    for u in &unsupported {
        eprintln!("  not supported: {u}");
    }
    assert!(
        disagree.is_empty(),
        "{} cases disagree with Heat:\n{}",
        disagree.len(),
        disagree.join("\n")
    );
}
