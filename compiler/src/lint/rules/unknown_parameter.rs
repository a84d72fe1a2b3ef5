//! HOT051 unknown-parameter.

use std::collections::{HashMap, HashSet};

use super::calls::{self, Scope};
use super::{definitions, section_is_mapping};
use crate::diagnostics::finding::FindingKind;
use crate::lint::{Context, Rule};
use crate::suggest::nearest;

/// The parameters every stack has without declaring them.
pub(super) const PSEUDO_PARAMETERS: &[&str] = &["OS::stack_name", "OS::stack_id", "OS::project_id"];

/// ## What it does
/// Reports `get_param` naming a parameter the template does not declare
/// (the pseudo parameters `OS::stack_name`, `OS::stack_id` and
/// `OS::project_id` are always declared).
///
/// ## Why is this bad?
/// In a resource or a condition, Heat refuses the template: `The Parameter
/// (nope) was not provided.` (In a resource's `metadata` its validation
/// lets the reference pass, and the resource fails when it is created.) In
/// an output, Heat creates the stack and reports the output as failed, so
/// there it is a warning.
///
/// ## Example
/// ```yaml
/// heat_template_version: 2021-04-16
/// parameters:
///   length:
///     type: number
/// resources:
///   random:
///     type: OS::Heat::RandomString
///     properties:
///       length: {get_param: lenght}
/// ```
///
/// Use instead:
/// ```yaml
/// heat_template_version: 2021-04-16
/// parameters:
///   length:
///     type: number
/// resources:
///   random:
///     type: OS::Heat::RandomString
///     properties:
///       length: {get_param: length}
/// ```
pub(crate) struct UnknownParameter;

impl Rule for UnknownParameter {
    fn check(&self, cx: &mut Context<'_>) {
        let root = cx.root;
        // A `parameters` section of the wrong type is HOT013's; every
        // reference would look unknown.
        if !section_is_mapping(root, "parameters") {
            return;
        }
        let declared: Vec<&str> = definitions(root, "parameters")
            .iter()
            .filter_map(|(k, _)| k.as_str())
            .collect();
        let known: HashSet<&str> = declared.iter().copied().collect();
        // One search per unknown name, not per call: a missing parameter is
        // usually read in many places.
        let mut suggestions: HashMap<&str, Option<&str>> = HashMap::new();
        for &call in cx.call_sites().iter() {
            if call.name != "get_param" {
                continue;
            }
            let Some((name, node)) = calls::target(&call) else {
                continue;
            };
            if known.contains(name) || PSEUDO_PARAMETERS.contains(&name) {
                continue;
            }
            let suggestion = *suggestions
                .entry(name)
                .or_insert_with(|| nearest(name, declared.iter().copied()));
            let suggestion = suggestion.map(str::to_owned);
            cx.report(
                FindingKind::UnknownParameter {
                    name: name.to_owned(),
                    suggestion,
                    in_output: call.place.scope == Scope::Output,
                },
                node.span,
            );
        }
    }
}
