//! HOT024 invalid-parameter-group.

use hotc_grammar::{Span, Value};

use super::definitions;
use crate::diagnostics::finding::{FindingKind, GroupProblem, Shape};
use crate::lint::view::{is_falsy, shape, value_span};
use crate::lint::{Context, Rule};
use crate::suggest::nearest;

/// Parameters Heat defines for every HOT stack, which a group may list.
/// (`OS::stack_name` only exists once a stack has a name, which validation
/// does not give it.)
const PSEUDO_PARAMETERS: &[&str] = &["OS::stack_id", "OS::project_id"];

/// ## What it does
/// Reports a `parameter_groups` entry that is not a mapping, has no
/// `parameters` list, lists a parameter the template does not define, or
/// lists a parameter another group already holds.
///
/// ## Why is this bad?
/// Heat validates the groups with the template and refuses it with
/// `Parameter Groups error`, e.g. `The grouped parameter flavour does not
/// reference a valid parameter.`
///
/// ## Example
/// ```yaml
/// heat_template_version: 2021-04-16
/// parameters:
///   flavor:
///     type: string
/// parameter_groups:
///   - label: Compute
///     parameters: [flavour]
/// ```
///
/// Use instead:
/// ```yaml
/// heat_template_version: 2021-04-16
/// parameters:
///   flavor:
///     type: string
/// parameter_groups:
///   - label: Compute
///     parameters: [flavor]
/// ```
pub(crate) struct InvalidParameterGroup;

impl Rule for InvalidParameterGroup {
    fn check(&self, cx: &mut Context<'_>) {
        let root = cx.root;
        // An empty or non-list section is `SectionWrongType`'s (Heat skips
        // an empty one).
        let Some(groups) = root
            .get_entry("parameter_groups")
            .filter(|(_, value)| !is_falsy(value))
            .and_then(|(_, value)| value.as_seq())
        else {
            return;
        };
        let defined: Vec<String> = definitions(root, "parameters")
            .iter()
            .map(|(name, _)| cx.name(name))
            .chain(PSEUDO_PARAMETERS.iter().map(|p| (*p).to_owned()))
            .collect();
        // Every listing so far, across groups, with where it was.
        let mut grouped: Vec<(String, Span)> = Vec::new();
        for group in groups {
            let Some(members) = members(cx, group) else {
                continue;
            };
            for member in members {
                let name = cx.name(member);
                if let Some((_, first)) = grouped.iter().find(|(n, _)| *n == name) {
                    let problem = GroupProblem::AlreadyGrouped {
                        name,
                        first: *first,
                    };
                    cx.report(FindingKind::InvalidParameterGroup(problem), member.span);
                    continue;
                }
                grouped.push((name.clone(), member.span));
                if !defined.contains(&name) {
                    let suggestion =
                        nearest(&name, defined.iter().map(String::as_str)).map(str::to_owned);
                    let problem = GroupProblem::UnknownParameter { name, suggestion };
                    cx.report(FindingKind::InvalidParameterGroup(problem), member.span);
                }
            }
        }
    }
}

/// The `parameters` list of one group, or `None` after reporting why there
/// is none.
fn members<'v>(cx: &mut Context<'_>, group: &'v Value) -> Option<&'v [Value]> {
    let label = group.get_entry("label").map(|(_, l)| cx.name(l));
    let mut report = |problem: GroupProblem, span: Span| {
        cx.report(FindingKind::InvalidParameterGroup(problem), span);
    };
    if group.as_map().is_none() {
        let found = shape(group);
        report(GroupProblem::GroupNotAMapping { found }, group.span);
        return None;
    }
    match group.get_entry("parameters") {
        None => {
            // Point at the label when there is one: the group itself spans
            // several lines.
            let span = group
                .get_entry("label")
                .map_or(group.span, |(key, _)| key.span);
            report(GroupProblem::MissingParameters { label }, span);
            None
        }
        // Heat's test is `group.get('parameters') is None`.
        Some((key, value)) if shape(value) == Shape::Null => {
            report(
                GroupProblem::MissingParameters { label },
                value_span(key, value),
            );
            None
        }
        Some((key, value)) => {
            let members = value.as_seq();
            if members.is_none() {
                let found = shape(value);
                report(
                    GroupProblem::ParametersNotAList { found },
                    value_span(key, value),
                );
            }
            members
        }
    }
}
