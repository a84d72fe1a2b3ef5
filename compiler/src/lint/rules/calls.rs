//! The parts of a template Heat evaluates, and the function calls in them,
//! for the rules about references (HOT050-HOT057).
//!
//! Heat parses every resource definition, every output and every condition
//! of the `conditions` section into functions: a one-key mapping whose key
//! is a function name of the template's version is a call (in `conditions`,
//! of the condition functions); any other mapping is data, and parsing goes
//! on into its values. Parameter defaults, descriptions and the other
//! sections are never parsed, so a `get_param` there is plain text and the
//! walk skips them. The walk visits every value once, in source order.

use hotc_grammar::Value;

use super::mapping_definitions;
use crate::versions::{self, HotVersion};

/// Which kind of definition a value belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Scope {
    Resource,
    Output,
    /// An entry of the `conditions` section.
    Condition,
}

/// Where a visited value sits.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Place<'v> {
    pub(super) scope: Scope,
    /// The name of the resource, output or condition.
    pub(super) owner: &'v Value,
    /// The key of the definition's field the value is in (`properties`,
    /// `metadata`, ...); none for a condition, whose body is the value.
    pub(super) field: Option<&'v str>,
}

/// A function call: `{name: args}` where Heat parses `name` as a function.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Call<'v> {
    pub(super) name: &'v str,
    pub(super) args: &'v Value,
    pub(super) place: Place<'v>,
}

/// Whether Heat parses `name` as a function in `scope`.
pub(super) fn is_function(name: &str, scope: Scope, version: HotVersion) -> bool {
    match scope {
        Scope::Resource | Scope::Output => versions::is_function(name, version),
        Scope::Condition => versions::is_condition_function(name, version),
    }
}

/// Calls `visit` on every value Heat parses for functions, each with its
/// place, parents before children.
pub(super) fn for_each_value<'v>(root: &'v Value, visit: &mut dyn FnMut(Place<'v>, &'v Value)) {
    for (section, scope) in [("resources", Scope::Resource), ("outputs", Scope::Output)] {
        for (name, _, fields) in mapping_definitions(root, section) {
            for (key, value) in fields {
                let place = Place {
                    scope,
                    owner: name,
                    field: Some(key.as_str().unwrap_or("")),
                };
                walk(value, place, visit);
            }
        }
    }
    for (name, body) in super::definitions(root, "conditions") {
        let place = Place {
            scope: Scope::Condition,
            owner: name,
            field: None,
        };
        walk(body, place, visit);
    }
}

fn walk<'v>(value: &'v Value, place: Place<'v>, visit: &mut dyn FnMut(Place<'v>, &'v Value)) {
    visit(place, value);
    if let Some(entries) = value.as_map() {
        for (_, v) in entries {
            walk(v, place, visit);
        }
    } else if let Some(items) = value.as_seq() {
        for item in items {
            walk(item, place, visit);
        }
    }
}

/// The call `value` is, if Heat parses it as one.
pub(super) fn as_call<'v>(
    value: &'v Value,
    place: Place<'v>,
    version: HotVersion,
) -> Option<Call<'v>> {
    match value.as_map()? {
        [(key, args)] => {
            let name = key.as_str()?;
            is_function(name, place.scope, version).then_some(Call { name, args, place })
        }
        _ => None,
    }
}

/// Every call of the template, in source order.
pub(crate) fn calls(root: &Value, version: HotVersion) -> Vec<Call<'_>> {
    let mut out = Vec::new();
    for_each_value(root, &mut |place, value| {
        if let Some(call) = as_call(value, place, version) {
            out.push(call);
        }
    });
    out
}

/// The name a `get_param`, `get_resource` or `get_attr` call refers to: the
/// argument itself, or the first item of a list argument; none when that is
/// not a literal string (a nested call, resolved only when Heat runs).
pub(super) fn target<'v>(call: &Call<'v>) -> Option<(&'v str, &'v Value)> {
    let first = match call.args.as_seq() {
        Some(list) => list.first()?,
        None => call.args,
    };
    first.as_str().map(|s| (s, first))
}

/// The resource names of the template, in source order.
pub(super) fn resource_names(root: &Value) -> Vec<&str> {
    super::definitions(root, "resources")
        .iter()
        .filter_map(|(k, _)| k.as_str())
        .collect()
}

/// The entries of a resource's `depends_on`: one name or a list of them;
/// other shapes are HOT017's.
pub(super) fn depends_on(fields: &[(Value, Value)]) -> Vec<(&str, &Value)> {
    let Some((_, value)) = fields
        .iter()
        .find(|(k, _)| k.as_str() == Some("depends_on"))
    else {
        return Vec::new();
    };
    match value.as_seq() {
        Some(list) => list
            .iter()
            .filter_map(|v| v.as_str().map(|s| (s, v)))
            .collect(),
        None => value.as_str().map(|s| (s, value)).into_iter().collect(),
    }
}

#[cfg(test)]
mod tests;
