//! HOT050 unknown-reference.

use std::collections::HashMap;

use super::calls::{self, Scope};
use super::{mapping_definitions, section_is_mapping};
use crate::diagnostics::finding::{FindingKind, Reference};
use crate::lint::{Context, Rule};
use crate::suggest::nearest;

/// ## What it does
/// Reports `get_resource`, `get_attr` and `depends_on` naming a resource the
/// template does not define.
///
/// ## Why is this bad?
/// Heat refuses the template: `The specified reference "nosuch" (in
/// val.Properties.value) is incorrect.` Only a `get_resource` in an output
/// is a warning: Heat creates the stack and fails that output.
///
/// ## Example
/// ```yaml
/// heat_template_version: 2021-04-16
/// resources:
///   random:
///     type: OS::Heat::RandomString
///   val:
///     type: OS::Heat::Value
///     properties:
///       value: {get_attr: [randon, value]}
/// ```
///
/// Use instead:
/// ```yaml
/// heat_template_version: 2021-04-16
/// resources:
///   random:
///     type: OS::Heat::RandomString
///   val:
///     type: OS::Heat::Value
///     properties:
///       value: {get_attr: [random, value]}
/// ```
pub(crate) struct UnknownReference;

impl Rule for UnknownReference {
    fn check(&self, cx: &mut Context<'_>) {
        let root = cx.root;
        // A `resources` section of the wrong type is HOT013's; every
        // reference would look unknown.
        if !section_is_mapping(root, "resources") {
            return;
        }
        let names = calls::resource_names(root);
        let mut found = Vec::new();
        for &call in cx.call_sites().iter() {
            let via = match call.name {
                "get_resource" => Reference::GetResource,
                "get_attr" => Reference::GetAttr,
                _ => continue,
            };
            // A condition cannot refer to resources at all; Heat says so
            // in its own words, which is another rule's business.
            if call.place.scope == Scope::Condition {
                continue;
            }
            // Heat checks `get_attr` in outputs when it validates the
            // stack, but leaves `get_resource` there to fail at run time.
            let in_output = call.place.scope == Scope::Output && via == Reference::GetResource;
            if let Some((name, node)) = calls::target(&call) {
                found.push((via, name, node, in_output));
            }
        }
        for (_, _, fields) in mapping_definitions(root, "resources") {
            for (name, node) in calls::depends_on(fields) {
                found.push((Reference::DependsOn, name, node, false));
            }
        }
        found.sort_by_key(|(_, _, node, _)| node.span.start);
        // A set, not a scan: large stacks have a reference per resource.
        let known: std::collections::HashSet<&str> = names.iter().copied().collect();
        // One search per unknown name, not per reference: a missing
        // resource is usually named many times (one per group of a large
        // stack), and each search compares it with every resource name.
        let mut suggestions: HashMap<&str, Option<&str>> = HashMap::new();
        for (via, name, node, in_output) in found {
            if known.contains(name) {
                continue;
            }
            let suggestion = *suggestions
                .entry(name)
                .or_insert_with(|| nearest(name, names.iter().copied()));
            let suggestion = suggestion.map(str::to_owned);
            cx.report(
                FindingKind::UnknownReference {
                    via,
                    name: name.to_owned(),
                    suggestion,
                    in_output,
                },
                node.span,
            );
        }
    }
}
