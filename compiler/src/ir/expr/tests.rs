#![expect(
    clippy::unwrap_used,
    clippy::indexing_slicing,
    reason = "test inputs are known-good"
)]

use super::*;

fn value(src: &str) -> Value {
    let parsed = hotc_grammar::parse(src);
    assert!(parsed.errors.is_empty(), "{src}");
    hotc_grammar::value::build_stream(&parsed.stream, parsed.flavor).0
}

fn lower(version: &str, src: &str, place: Place) -> Expr {
    Expr::lower(&value(src), HotVersion::parse(version).unwrap(), place)
}

fn call_name(e: &Expr) -> Option<&str> {
    e.as_call().map(|c| c.name.as_str())
}

/// Heat's `Template.parse`: a one-key mapping whose key is a function of
/// the version is a call; with a second key it is data.
#[test]
fn one_key_mappings_naming_a_function_are_calls() {
    let e = lower("2016-10-14", "{get_param: x}", Place::Value);
    assert_eq!(call_name(&e), Some("get_param"));
    assert_eq!(e.as_call().unwrap().arg.as_str(), Some("x"));
    let e = lower("2016-10-14", "{get_param: x, other: 1}", Place::Value);
    assert!(e.as_map().is_some());
    assert!(e.is_literal());
}

/// The function set is the version's: `map_merge` arrives in 2016-04-08,
/// and before that `{map_merge: ...}` is a plain mapping (HOT's 2015-10-15
/// `functions` table has no such key).
#[test]
fn the_function_set_follows_the_version() {
    let before = lower("2015-10-15", "{map_merge: [{a: 1}]}", Place::Value);
    assert!(before.as_call().is_none());
    let after = lower("2016-04-08", "{map_merge: [{a: 1}]}", Place::Value);
    assert_eq!(call_name(&after), Some("map_merge"));
}

/// Heat parses mapping values, never keys.
#[test]
fn keys_are_data() {
    let e = lower(
        "2016-10-14",
        "{a: {get_param: x}, b: [1, {get_resource: r}]}",
        Place::Value,
    );
    let calls: Vec<&str> = e.calls().iter().map(|c| c.name.as_str()).collect();
    assert_eq!(calls, ["get_param", "get_resource"]);
}

/// `equals` is a condition function: a call in a condition, data among
/// values (hot/template.py `HOTemplate20161014.condition_functions` versus
/// `functions`).
#[test]
fn condition_functions_are_calls_only_in_conditions() {
    let src = "{equals: [{get_param: env}, prod]}";
    assert!(lower("2016-10-14", src, Place::Value).as_call().is_none());
    assert_eq!(
        call_name(&lower("2016-10-14", src, Place::Condition)),
        Some("equals")
    );
}

/// `if` is a Heat Macro that parses its first argument as a condition.
#[test]
fn the_condition_of_if_is_lowered_as_a_condition() {
    let e = lower(
        "2016-10-14",
        "{if: [{equals: [{get_param: env}, prod]}, big, {equals: [a, b]}]}",
        Place::Value,
    );
    let args = e.as_call().unwrap().arg.as_seq().unwrap();
    assert_eq!(call_name(&args[0]), Some("equals"));
    // The branches are values: `equals` there is data.
    assert!(args[2].as_call().is_none());
}

/// Spans are kept: a call's span covers the mapping, its name the key.
#[test]
fn spans_are_kept() {
    let src = "x: {get_param: name}";
    let e = lower("2016-10-14", src, Place::Value);
    let call = e.get("x").unwrap().as_call().unwrap();
    assert_eq!(call.name_span.text(src), "get_param");
    assert_eq!(call.arg.span.text(src), "name");
}
