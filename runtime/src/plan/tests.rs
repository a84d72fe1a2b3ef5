//! Plans of small stacks against states built through the state module, as
//! an apply would record them.
#![expect(
    clippy::unwrap_used,
    clippy::indexing_slicing,
    reason = "test inputs are known-good"
)]

use hotc_compiler::eval::Val;
use hotc_compiler::ir::Template;
use serde_json::json;

use super::*;
use crate::state::{ResourceState, ResourceStatus, StackState};

fn no_files(_: &str) -> Option<String> {
    None
}

/// Plans `src` with its parameter defaults, overridden by `given`.
fn plan_of(
    src: &str,
    given: &[(&str, Val)],
    state: Option<&StackState>,
) -> Result<Plan, Vec<PlanError>> {
    plan_with(src, given, state, false, &[])
}

fn plan_with(
    src: &str,
    given: &[(&str, Val)],
    state: Option<&StackState>,
    destroy: bool,
    targets: &[String],
) -> Result<Plan, Vec<PlanError>> {
    let t = Template::parse(src);
    let parameters = hotc_compiler::params::parameter_values_given(&t.parameters, given);
    plan(&Request {
        stack: "test",
        template: &t,
        template_text: src,
        parameters: &parameters,
        state,
        files: &no_files,
        destroy,
        targets,
    })
}

/// The state an apply of `plan` would leave: every resource created, with
/// id `id-NAME` and `attributes`, and its properties resolved as the apply
/// resolves them (planning again against the ids until nothing unknown is
/// left to learn; what stays unknown, such as attributes not given here,
/// is recorded as a placeholder).
fn applied(src: &str, plan: &Plan, attributes: &[(&str, &str, Json)]) -> StackState {
    let mut state = StackState::new("test");
    state.lineage = plan.lineage.clone();
    state.parameters = plan.parameters.clone();
    for r in &plan.resources {
        if r.action == Action::Delete {
            continue;
        }
        let mut recorded = ResourceState::created(
            &r.type_name,
            "local",
            &format!("id-{}", r.name),
            r.depends_on.clone(),
        );
        for (name, planned) in &r.properties {
            let value = match planned {
                Planned::Known(v) => v.clone(),
                // What the apply learns; made known below where it can be.
                Planned::Unknown { .. } => json!("learnt at apply"),
            };
            recorded.properties.insert(name.clone(), value);
        }
        recorded.metadata = match &r.metadata {
            Some(Planned::Known(v)) => Some(v.clone()),
            Some(Planned::Unknown { .. }) => Some(json!("learnt at apply")),
            None => None,
        };
        for (res, attr, v) in attributes {
            if *res == r.name {
                recorded.attributes.insert((*attr).to_owned(), v.clone());
            }
        }
        state.resources.insert(r.name.clone(), recorded);
    }
    for o in &plan.outputs {
        state
            .outputs
            .insert(o.name.clone(), json!("learnt at apply"));
    }
    for _ in 0..=plan.resources.len() {
        let again = plan_of(src, &[], Some(&state)).unwrap();
        for r in &again.resources {
            let Some(recorded) = state.resources.get_mut(&r.name) else {
                continue;
            };
            for (name, planned) in &r.properties {
                if let Planned::Known(v) = planned {
                    recorded.properties.insert(name.clone(), v.clone());
                }
            }
        }
        for o in &again.outputs {
            if let Some(Planned::Known(v)) = &o.new {
                state.outputs.insert(o.name.clone(), v.clone());
            }
        }
    }
    state
}

fn actions(plan: &Plan) -> Vec<(&str, Action)> {
    plan.resources
        .iter()
        .map(|r| (r.name.as_str(), r.action))
        .collect()
}

fn change<'p>(plan: &'p Plan, name: &str) -> &'p ResourceChange {
    plan.resources.iter().find(|r| r.name == name).unwrap()
}

const STACK: &str = "\
heat_template_version: 2021-04-16
parameters:
  flavor: {type: string, default: m1.small}
  zone: {type: string, default: nova}
  length: {type: number, default: 16}
resources:
  server:
    type: OS::Nova::Server
    properties:
      image: cirros
      flavor: {get_param: flavor}
      availability_zone: {get_param: zone}
      networks: [{port: {get_resource: port}}]
  port:
    type: OS::Neutron::Port
    properties:
      network: private
  secret:
    type: OS::Heat::RandomString
    properties:
      length: {get_param: length}
  note:
    type: OS::Heat::Value
    properties:
      value: {get_attr: [server, first_address]}
outputs:
  address:
    value: {get_attr: [server, first_address]}
";

#[test]
fn a_new_stack_creates_everything_in_dependency_order() {
    let plan = plan_of(STACK, &[], None).unwrap();
    assert!(!plan.has_state);
    assert_eq!(
        actions(&plan),
        [
            ("port", Action::Create),
            ("secret", Action::Create),
            ("server", Action::Create),
            ("note", Action::Create),
        ]
    );
    // The port's id and the server's address are known after apply.
    let server = change(&plan, "server");
    let networks = server
        .properties
        .iter()
        .find(|(n, _)| n == "networks")
        .unwrap();
    assert_eq!(
        networks.1,
        Planned::Unknown {
            from: vec!["port".to_owned()]
        }
    );
    // A number parameter converts to the integer property: 16, not "16".
    let secret = change(&plan, "secret");
    assert_eq!(
        secret.properties,
        [("length".to_owned(), Planned::Known(json!(16)))]
    );
    assert_eq!(plan.outputs[0].action, Action::Create);
    assert!(plan.has_changes());
}

#[test]
fn the_same_template_again_changes_nothing() {
    let first = plan_of(STACK, &[], None).unwrap();
    let state = applied(
        STACK,
        &first,
        &[("server", "first_address", json!("10.0.0.5"))],
    );
    let again = plan_of(STACK, &[], Some(&state)).unwrap();
    assert!(
        again.resources.iter().all(|r| r.action == Action::NoChange),
        "{:#?}",
        again.resources
    );
    assert_eq!(again.serial, state.serial);
    assert_eq!(again.lineage, state.lineage);
}

/// Heat: a changed `update_allowed` property (a server's flavor) is
/// resized in place; one that is not (its availability zone) replaces the
/// server, and the plan names it.
#[test]
fn update_in_place_or_replace_by_the_schema() {
    let first = plan_of(STACK, &[], None).unwrap();
    let state = applied(
        STACK,
        &first,
        &[("server", "first_address", json!("10.0.0.5"))],
    );
    let resized = plan_of(
        STACK,
        &[("flavor", Val::Str("m1.large".into()))],
        Some(&state),
    )
    .unwrap();
    let server = change(&resized, "server");
    assert_eq!(server.action, Action::Update);
    assert_eq!(server.changes.len(), 1);
    assert_eq!(server.changes[0].name, "flavor");
    assert_eq!(server.changes[0].old, Some(json!("m1.small")));
    assert_eq!(
        server.changes[0].new,
        Some(Planned::Known(json!("m1.large")))
    );
    assert!(!server.changes[0].forces_replacement);
    // The server keeps its id; its address may change, so the value that
    // reads it is updated with a value known after apply.
    assert_eq!(change(&resized, "note").action, Action::Update);
    assert_eq!(change(&resized, "port").action, Action::NoChange);
    assert_eq!(
        resized.parameter_changes,
        [ParameterChange {
            name: "flavor".into(),
            hidden: false,
            old: Some(json!("m1.small")),
            new: Some(json!("m1.large")),
        }]
    );

    let moved = plan_of(STACK, &[("zone", Val::Str("az2".into()))], Some(&state)).unwrap();
    let server = change(&moved, "server");
    assert_eq!(server.action, Action::Replace);
    assert_eq!(
        server.reason,
        Some(ReplaceReason::Property {
            name: "availability_zone".into(),
            certain: true
        })
    );
    assert!(server.changes[0].forces_replacement);
}

/// A replaced resource gets a new id: what refers to it changes, and a
/// property that is not update_allowed then forces a replacement in turn.
#[test]
fn a_replacement_makes_references_to_it_change() {
    let src = "\
heat_template_version: 2021-04-16
parameters:
  len: {type: number, default: 8}
resources:
  a:
    type: OS::Heat::RandomString
    properties: {length: {get_param: len}}
  b:
    type: OS::Heat::RandomString
    properties: {salt: {get_resource: a}}
  c:
    type: OS::Heat::Value
    properties: {value: {get_resource: a}}
";
    let first = plan_of(src, &[], None).unwrap();
    let state = applied(src, &first, &[]);
    assert_eq!(state.resources["b"].properties["salt"], json!("id-a"));
    let same = plan_of(src, &[], Some(&state)).unwrap();
    assert!(same.resources.iter().all(|r| r.action == Action::NoChange));

    let longer = plan_of(src, &[("len", Val::Int(9))], Some(&state)).unwrap();
    assert_eq!(
        actions(&longer),
        [
            ("a", Action::Replace),
            ("b", Action::Replace),
            ("c", Action::Update)
        ]
    );
    let b = change(&longer, "b");
    // `a`'s new id is known only after apply, so the replacement is marked
    // as resting on a value not known yet.
    assert_eq!(
        b.reason,
        Some(ReplaceReason::Property {
            name: "salt".into(),
            certain: false
        })
    );
    assert_eq!(
        b.changes[0].new,
        Some(Planned::Unknown {
            from: vec!["a".into()]
        })
    );
}

/// A value that reads an attribute state did not record, of a resource
/// the plan leaves alone, cannot have changed.
#[test]
fn unknowns_from_resources_left_alone_are_no_change() {
    let first = plan_of(STACK, &[], None).unwrap();
    // No attributes recorded at all.
    let state = applied(STACK, &first, &[]);
    let again = plan_of(STACK, &[], Some(&state)).unwrap();
    assert_eq!(change(&again, "note").action, Action::NoChange);
}

/// Heat compares properties with their schema defaults filled in: giving
/// the default explicitly changes nothing.
#[test]
fn defaults_count_as_given() {
    let src =
        "heat_template_version: 2021-04-16\nresources:\n  r:\n    type: OS::Heat::RandomString\n";
    let state = applied(src, &plan_of(src, &[], None).unwrap(), &[]);
    let explicit = "heat_template_version: 2021-04-16\nresources:\n  r:\n    type: OS::Heat::RandomString\n    properties: {length: 32}\n";
    let plan = plan_of(explicit, &[], Some(&state)).unwrap();
    assert_eq!(actions(&plan), [("r", Action::NoChange)]);
    let other = explicit.replace("32", "'33'");
    let plan = plan_of(&other, &[], Some(&state)).unwrap();
    let r = change(&plan, "r");
    assert_eq!(r.action, Action::Replace);
    assert_eq!(r.changes[0].old, Some(json!(32)));
    assert_eq!(r.changes[0].new, Some(Planned::Known(json!(33))));
}

/// Heat's `update_template_diff_properties`: a change to an immutable
/// property is refused (NotSupported), not planned.
#[test]
fn a_change_to_an_immutable_property_is_an_error() {
    let src = "heat_template_version: 2021-04-16\nresources:\n  t:\n    type: OS::Neutron::Trunk\n    properties: {port: p1}\n";
    let state = applied(src, &plan_of(src, &[], None).unwrap(), &[]);
    let errors = plan_of(&src.replace("p1", "p2"), &[], Some(&state)).unwrap_err();
    assert!(matches!(
        &errors[..],
        [PlanError::Immutable { resource, property, .. }] if resource == "t" && property == "port"
    ));
}

#[test]
fn removed_and_disabled_resources_are_deleted_dependents_first() {
    let first = plan_of(STACK, &[], None).unwrap();
    let state = applied(STACK, &first, &[]);
    let empty = "heat_template_version: 2021-04-16\nresources: {}\n";
    let plan = plan_of(empty, &[], Some(&state)).unwrap();
    let order: Vec<&str> = plan.resources.iter().map(|r| r.name.as_str()).collect();
    let at = |n: &str| order.iter().position(|x| *x == n).unwrap();
    assert!(plan.resources.iter().all(|r| r.action == Action::Delete));
    assert!(at("note") < at("server") && at("server") < at("port"));
    assert_eq!(plan.outputs[0].action, Action::Delete);

    let conditional = "\
heat_template_version: 2021-04-16
parameters:
  flag: {type: boolean, default: false}
conditions:
  enabled: {get_param: flag}
resources:
  r: {type: OS::Heat::None, condition: enabled}
";
    let mut state = StackState::new("test");
    state.resources.insert(
        "r".into(),
        ResourceState::created("OS::Heat::None", "local", "id", Vec::new()),
    );
    let plan = plan_of(conditional, &[], Some(&state)).unwrap();
    assert_eq!(actions(&plan), [("r", Action::Delete)]);
    let plan = plan_of(conditional, &[("flag", Val::Bool(true))], Some(&state)).unwrap();
    assert_eq!(actions(&plan), [("r", Action::NoChange)]);
}

/// Heat replaces a resource recorded as failed, and one whose type changed.
#[test]
fn failed_or_retyped_resources_are_replaced() {
    let src =
        "heat_template_version: 2021-04-16\nresources:\n  r: {type: OS::Heat::TestResource}\n";
    let mut state = applied(src, &plan_of(src, &[], None).unwrap(), &[]);
    state.resources.get_mut("r").unwrap().status = ResourceStatus::CreateFailed;
    let plan = plan_of(src, &[], Some(&state)).unwrap();
    assert_eq!(
        change(&plan, "r").reason,
        Some(ReplaceReason::Failed(ResourceStatus::CreateFailed))
    );
    state.resources.get_mut("r").unwrap().status = ResourceStatus::CreateComplete;
    let plan = plan_of(&src.replace("TestResource", "None"), &[], Some(&state)).unwrap();
    assert_eq!(
        change(&plan, "r").reason,
        Some(ReplaceReason::TypeChanged {
            from: "OS::Heat::TestResource".into()
        })
    );
}

/// Heat's NoneResource._needs_update is always False: an OS::Heat::None
/// whose properties change, or that is recorded as failed, is left alone
/// (tests/plan/cases.yaml `none-resource-never-updates` shows it in a real
/// Heat).
#[test]
fn none_resources_never_update() {
    let src = "heat_template_version: 2021-04-16\nresources:\n  n: {type: OS::Heat::None, properties: {a: 1}}\n";
    let mut state = applied(src, &plan_of(src, &[], None).unwrap(), &[]);
    let plan = plan_of(&src.replace("a: 1", "a: 2, b: 3"), &[], Some(&state)).unwrap();
    assert_eq!(actions(&plan), [("n", Action::NoChange)]);
    assert!(change(&plan, "n").changes.is_empty());
    state.resources.get_mut("n").unwrap().status = ResourceStatus::CreateFailed;
    let plan = plan_of(src, &[], Some(&state)).unwrap();
    assert_eq!(actions(&plan), [("n", Action::NoChange)]);
}

/// Hidden parameters are recorded as salted hashes, and a change is seen
/// without showing either value.
#[test]
fn hidden_parameters_never_in_clear() {
    let src = "\
heat_template_version: 2021-04-16
parameters:
  password: {type: string, hidden: true, default: s3cret}
resources:
  r: {type: OS::Heat::Value, properties: {value: x}}
  db:
    type: OS::Heat::Value
    properties:
      value: {str_replace: {template: 'pw=$p', params: {$p: {get_param: password}}}}
      type: string
outputs:
  leak: {value: {get_param: password}}
";
    let first = plan_of(src, &[], None).unwrap();
    // The property that shows the password is marked, whatever function
    // carries it; the one that does not is not.
    assert!(first.resources[0].sensitive.is_empty());
    let record = &first.parameters["password"];
    assert!(record.hidden && record.value.is_none());
    assert!(!format!("{record:?}").contains("s3cret"));
    assert!(first.outputs[0].sensitive);
    assert_eq!(change(&first, "db").sensitive, ["value"]);
    let mut state = applied(src, &first, &[]);
    state.parameters = first.parameters.clone();
    let same = plan_of(src, &[], Some(&state)).unwrap();
    assert!(same.parameter_changes.is_empty());
    let changed = plan_of(src, &[("password", Val::Str("other".into()))], Some(&state)).unwrap();
    assert_eq!(changed.parameter_changes.len(), 1);
    assert_eq!(changed.parameter_changes[0].new, Some(json!("******")));
}

#[test]
fn destroy_removes_everything_dependents_first() {
    let first = plan_of(STACK, &[], None).unwrap();
    let state = applied(STACK, &first, &[]);
    let plan = plan_with(STACK, &[], Some(&state), true, &[]).unwrap();
    let order: Vec<&str> = plan.resources.iter().map(|r| r.name.as_str()).collect();
    assert_eq!(order.len(), 4);
    let at = |n: &str| order.iter().position(|x| *x == n).unwrap();
    assert!(at("note") < at("server") && at("server") < at("port"));
    // With a target: it and what depends on it.
    let plan = plan_with(STACK, &[], Some(&state), true, &["server".into()]).unwrap();
    assert_eq!(
        actions(&plan),
        [("note", Action::Delete), ("server", Action::Delete)]
    );
}

#[test]
fn a_target_keeps_it_and_its_dependencies() {
    let plan = plan_with(STACK, &[], None, false, &["server".into()]).unwrap();
    assert_eq!(
        actions(&plan),
        [("port", Action::Create), ("server", Action::Create)]
    );
    let errors = plan_with(STACK, &[], None, false, &["sever".into()]).unwrap_err();
    assert_eq!(
        errors,
        [PlanError::UnknownTarget {
            name: "sever".into()
        }]
    );
}

/// A function Heat would refuse with these values is a plan error.
#[test]
fn evaluation_errors_are_reported() {
    let src = "heat_template_version: 2021-04-16\nresources:\n  r:\n    type: OS::Heat::Value\n    properties: {value: {list_join: [',', 'not a list']}}\n";
    let errors = plan_of(src, &[], None).unwrap_err();
    assert!(matches!(&errors[..], [PlanError::Eval { resource: Some(r), .. }] if r == "r"));
}

/// With the parameters known, an `if` depends only on the branch taken
/// (Heat's `If` macro), so the other branch's resource is no dependency.
#[test]
fn if_depends_on_the_branch_taken() {
    let src = "\
heat_template_version: 2021-04-16
parameters:
  big: {type: boolean, default: false}
conditions:
  is_big: {get_param: big}
resources:
  large: {type: OS::Heat::None}
  small: {type: OS::Heat::None}
  user:
    type: OS::Heat::Value
    properties: {value: {if: [is_big, {get_resource: large}, {get_resource: small}]}}
";
    let plan = plan_of(src, &[], None).unwrap();
    assert_eq!(change(&plan, "user").depends_on, ["small"]);
    let plan = plan_of(src, &[("big", Val::Bool(true))], None).unwrap();
    assert_eq!(change(&plan, "user").depends_on, ["large"]);
}

/// Heat creates a stack whose output cannot be resolved and shows the
/// error with the output (`output_error`): the plan goes on, and the
/// output carries the error.
#[test]
fn an_output_that_fails_does_not_stop_the_plan() {
    let src = "heat_template_version: 2021-04-16\nresources:\n  r: {type: OS::Heat::None}\noutputs:\n  broken: {value: {list_join: [',', 'not a list']}}\n  fine: {value: ok}\n";
    let plan = plan_of(src, &[], None).unwrap();
    assert_eq!(actions(&plan), [("r", Action::Create)]);
    assert!(plan.outputs[0].error.is_some());
    assert_eq!(plan.outputs[1].new, Some(Planned::Known(json!("ok"))));
}

/// Heat updates a resource in place when only its metadata changes (the
/// frozen definitions differ in `_needs_update`), never replaces it.
#[test]
fn a_metadata_change_alone_updates_in_place() {
    let src = "heat_template_version: 2021-04-16\nresources:\n  v:\n    type: OS::Heat::Value\n    metadata: {owner: one}\n    properties: {value: a}\n";
    let state = applied(src, &plan_of(src, &[], None).unwrap(), &[]);
    assert_eq!(state.resources["v"].metadata, Some(json!({"owner": "one"})));
    assert_eq!(
        actions(&plan_of(src, &[], Some(&state)).unwrap()),
        [("v", Action::NoChange)]
    );
    let plan = plan_of(&src.replace("one", "two"), &[], Some(&state)).unwrap();
    let v = change(&plan, "v");
    assert_eq!(v.action, Action::Update);
    assert!(v.changes.is_empty());
    assert_eq!(
        v.metadata_change,
        Some(MetadataChange {
            old: Some(json!({"owner": "one"})),
            new: Some(Planned::Known(json!({"owner": "two"}))),
        })
    );
}

/// Properties computed by one function keep their unknown parts unknown:
/// a value read from a resource not created yet is known after apply, not
/// null.
#[test]
fn computed_properties_keep_unknowns() {
    let src = "\
heat_template_version: 2021-04-16
parameters:
  big: {type: boolean, default: true}
conditions:
  is_big: {get_param: big}
resources:
  a: {type: OS::Heat::RandomString}
  b:
    type: OS::Heat::Value
    properties: {if: [is_big, {value: {get_attr: [a, value]}}, {value: small}]}
";
    let plan = plan_of(src, &[], None).unwrap();
    assert_eq!(
        change(&plan, "b").properties,
        [(
            "value".to_owned(),
            Planned::Unknown {
                from: vec!["a".to_owned()]
            }
        )]
    );
}
