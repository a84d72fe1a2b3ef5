//! Edge cases of the reference and usage rules (HOT050-HOT057), through
//! `check_source`; each decision was checked against Heat 27 with
//! tests/oracle/heat_validate.py.

use crate::check_source;
use crate::diagnostics::Severity;

/// Each diagnostic of codes HOT050-HOT057 as (code, severity, the text it
/// points at).
fn semantic(src: &str) -> Vec<(&'static str, Severity, String)> {
    check_source(src)
        .diagnostics
        .iter()
        .filter(|d| d.code >= "HOT050" && d.code <= "HOT057")
        .map(|d| (d.code, d.severity, d.primary.span.text(src).to_owned()))
        .collect()
}

fn codes(src: &str) -> Vec<&'static str> {
    semantic(src).into_iter().map(|(code, _, _)| code).collect()
}

const HEAD: &str = "heat_template_version: 2021-04-16\n";

#[test]
fn get_param_uses_count_in_paths_and_nested_calls() {
    let src = format!(
        "{HEAD}parameters:\n  a: {{type: json}}\n  b: {{type: string}}\n  c: {{type: string}}\nresources:\n  r:\n    type: OS::Heat::Value\n    properties:\n      value: {{list_join: [',', [{{get_param: [a, x, 0]}}, {{str_replace: {{template: t, params: {{t: {{get_param: b}}}}}}}}]]}}\noutputs:\n  o:\n    value: {{get_param: c}}\n"
    );
    assert!(codes(&src).is_empty(), "{:?}", semantic(&src));
}

#[test]
fn parameter_groups_and_defaults_are_not_uses() {
    let src = format!(
        "{HEAD}parameters:\n  a:\n    type: string\n  b:\n    type: json\n    default: {{get_param: a}}\nparameter_groups:\n  - parameters: [a]\n"
    );
    assert_eq!(
        semantic(&src),
        [
            ("HOT056", Severity::Warning, "a".to_owned()),
            ("HOT056", Severity::Warning, "b".to_owned())
        ]
    );
}

#[test]
fn a_computed_parameter_name_may_read_any_parameter() {
    let src = format!(
        "{HEAD}parameters:\n  which: {{type: string, default: a}}\n  a: {{type: string}}\nresources:\n  r:\n    type: OS::Heat::Value\n    properties:\n      value: {{get_param: {{get_param: which}}}}\n"
    );
    assert!(codes(&src).is_empty(), "{:?}", semantic(&src));
}

#[test]
fn pseudo_parameters_are_declared() {
    let src = format!(
        "{HEAD}resources:\n  r:\n    type: OS::Heat::Value\n    properties:\n      value: [{{get_param: OS::stack_name}}, {{get_param: OS::stack_id}}, {{get_param: OS::project_id}}]\n"
    );
    assert!(codes(&src).is_empty());
}

#[test]
fn unknown_parameters_are_errors_except_in_outputs() {
    let src = format!(
        "{HEAD}conditions:\n  c: {{equals: [{{get_param: x}}, 1]}}\nresources:\n  r:\n    type: OS::Heat::Value\n    condition: c\n    properties:\n      value: {{get_param: y}}\noutputs:\n  o:\n    value: {{get_param: z}}\n"
    );
    assert_eq!(
        semantic(&src),
        [
            ("HOT051", Severity::Error, "x".to_owned()),
            ("HOT051", Severity::Error, "y".to_owned()),
            ("HOT051", Severity::Warning, "z".to_owned())
        ]
    );
}

#[test]
fn references_follow_heat() {
    let src = format!(
        "{HEAD}resources:\n  r:\n    type: OS::Heat::Value\n    properties:\n      value: [{{get_attr: [{{get_param: OS::stack_name}}, a]}}, {{get_resource: s}}]\noutputs:\n  a:\n    value: {{get_attr: [s, x]}}\n  b:\n    value: {{get_resource: s}}\n"
    );
    assert_eq!(
        semantic(&src),
        [
            ("HOT050", Severity::Error, "s".to_owned()),
            ("HOT050", Severity::Error, "s".to_owned()),
            ("HOT050", Severity::Warning, "s".to_owned())
        ]
    );
}

#[test]
fn a_resources_section_of_the_wrong_type_hides_references() {
    let src = format!("{HEAD}resources: [a]\noutputs:\n  o:\n    value: {{get_attr: [a, b]}}\n");
    assert!(codes(&src).is_empty());
}

#[test]
fn functions_depend_on_the_version() {
    let t = |version: &str, value: &str| {
        codes(&format!(
            "heat_template_version: {version}\nresources:\n  r:\n    type: OS::Heat::Value\n    properties:\n      value: {value}\n"
        ))
    };
    assert!(t("2013-05-23", "{\"Fn::Join\": [',', [a]]}").is_empty());
    assert_eq!(t("2014-10-16", "{\"Fn::Join\": [',', [a]]}"), ["HOT052"]);
    assert!(t("2015-04-30", "{\"Fn::Select\": [0, [a]]}").is_empty());
    assert_eq!(t("2015-10-15", "{\"Fn::Select\": [0, [a]]}"), ["HOT052"]);
    assert_eq!(
        t("2013-05-23", "{repeat: {for_each: {x: [1]}, template: x}}"),
        ["HOT052"]
    );
    assert!(t("2015-04-30", "{repeat: {for_each: {x: [1]}, template: x}}").is_empty());
    // Not a function in 2013-05-23, so not a function with extra keys either.
    assert!(t("2013-05-23", "{repeat: 1, other: 2}").is_empty());
    assert_eq!(t("2015-04-30", "{repeat: 1, other: 2}"), ["HOT053"]);
}

#[test]
fn a_later_function_is_a_warning() {
    let src = "heat_template_version: 2013-05-23\nresources:\n  r:\n    type: OS::Heat::Value\n    properties:\n      value: {digest: [md5, x]}\n";
    assert_eq!(
        semantic(src),
        [("HOT052", Severity::Warning, "digest".to_owned())]
    );
}

#[test]
fn conditions_are_named_by_resources_outputs_if_and_other_conditions() {
    let src = format!(
        "{HEAD}conditions:\n  a: true\n  b: {{not: a}}\n  c: {{and: [a, b]}}\n  d: false\nresources:\n  r:\n    type: OS::Heat::Value\n    condition: c\n    properties:\n      value: {{if: [e, 1, 2]}}\n"
    );
    assert_eq!(
        semantic(&src),
        [
            ("HOT055", Severity::Warning, "d".to_owned()),
            ("HOT054", Severity::Error, "e".to_owned())
        ]
    );
}

#[test]
fn a_boolean_condition_names_nothing() {
    let src = format!(
        "{HEAD}resources:\n  r:\n    type: OS::Heat::Value\n    condition: false\n    properties:\n      value: 1\n"
    );
    assert!(codes(&src).is_empty());
}

#[test]
fn each_cycle_is_reported_once_with_every_step() {
    let src = format!(
        "{HEAD}resources:\n  a:\n    type: OS::Heat::Value\n    metadata: {{x: {{get_resource: b}}}}\n    properties:\n      value: {{get_attr: [b, value]}}\n  b:\n    type: OS::Heat::Value\n    properties:\n      value: {{get_attr: [a, value]}}\n  c:\n    type: OS::Heat::Value\n    depends_on: [a, c]\n    properties:\n      value: 1\n"
    );
    let checked = check_source(&src);
    let cycles: Vec<_> = checked
        .diagnostics
        .iter()
        .filter(|d| d.code == "HOT057")
        .collect();
    assert_eq!(cycles.len(), 2, "{cycles:?}");
    let first = cycles
        .first()
        .map(|d| (d.primary.span.text(&src), d.secondary.len()));
    // The first reference of `a` to `b` in the source is in its metadata.
    assert_eq!(first, Some(("b", 1)));
    let second = cycles
        .get(1)
        .map(|d| (d.message.as_str(), d.secondary.len()));
    assert_eq!(second, Some(("resource `c` depends on itself", 0)));
}

#[test]
fn references_outside_properties_and_metadata_make_no_cycle() {
    let src = format!(
        "{HEAD}resources:\n  a:\n    type: OS::Heat::Value\n    update_policy: {{x: {{get_resource: b}}}}\n    properties:\n      value: 1\n  b:\n    type: OS::Heat::Value\n    properties:\n      value: {{get_attr: [a, value]}}\n"
    );
    assert!(codes(&src).is_empty(), "{:?}", semantic(&src));
}
