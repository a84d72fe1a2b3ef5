//! The references to conditions in a template, shared by HOT054
//! undefined-condition and HOT055 unused-condition.

use hotc_grammar::Value;

use super::calls::{self, Scope};
use super::mapping_definitions;

/// Every place that names a condition, as (name, node), in source order:
/// the `condition` of a resource or an output, the first argument of `if`,
/// and the string arguments of `not`, `and` and `or` inside `conditions`
/// (where a string names another condition).
pub(super) fn condition_refs<'v>(
    root: &'v Value,
    calls: &[calls::Call<'v>],
) -> Vec<(&'v str, &'v Value)> {
    let mut refs = Vec::new();
    for section in ["resources", "outputs"] {
        for (_, body, _) in mapping_definitions(root, section) {
            if let Some((_, value)) = body.get_entry("condition")
                && let Some(name) = value.as_str()
            {
                refs.push((name, value));
            }
        }
    }
    for call in calls {
        let names: Vec<&Value> = match (call.name, call.place.scope) {
            ("if", Scope::Resource | Scope::Output) => call
                .args
                .as_seq()
                .and_then(<[Value]>::first)
                .into_iter()
                .collect(),
            ("not" | "and" | "or", Scope::Condition) => match call.args.as_seq() {
                Some(list) => list.iter().collect(),
                None => vec![call.args],
            },
            _ => continue,
        };
        refs.extend(names.into_iter().filter_map(|v| v.as_str().map(|s| (s, v))));
    }
    refs.sort_by_key(|(_, v)| v.span.start);
    refs
}
