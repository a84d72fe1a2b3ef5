//! HOT054 undefined-condition.

use super::condition_refs::condition_refs;
use super::{definitions, section_is_mapping};
use crate::diagnostics::finding::FindingKind;
use crate::lint::{Context, Rule};
use crate::suggest::nearest;

/// ## What it does
/// Reports a condition name (in a resource's or an output's `condition`,
/// in the first argument of `if`, or in `not`, `and` and `or` inside
/// `conditions`) that the `conditions` section does not define.
///
/// ## Why is this bad?
/// Heat refuses the template: `Invalid condition "nosuchcond"`.
///
/// ## Example
/// ```yaml
/// heat_template_version: 2021-04-16
/// conditions:
///   is_prod: true
/// resources:
///   val:
///     type: OS::Heat::Value
///     condition: is_product
///     properties:
///       value: x
/// ```
///
/// Use instead:
/// ```yaml
/// heat_template_version: 2021-04-16
/// conditions:
///   is_prod: true
/// resources:
///   val:
///     type: OS::Heat::Value
///     condition: is_prod
///     properties:
///       value: x
/// ```
pub(crate) struct UndefinedCondition;

impl Rule for UndefinedCondition {
    fn check(&self, cx: &mut Context<'_>) {
        let root = cx.root;
        if !section_is_mapping(root, "conditions") {
            return;
        }
        let defined: Vec<&str> = definitions(root, "conditions")
            .iter()
            .filter_map(|(k, _)| k.as_str())
            .collect();
        for (name, node) in condition_refs(root, &cx.call_sites()) {
            if defined.contains(&name) {
                continue;
            }
            let suggestion = nearest(name, defined.iter().copied()).map(str::to_owned);
            cx.report(
                FindingKind::UndefinedCondition {
                    name: name.to_owned(),
                    suggestion,
                },
                node.span,
            );
        }
    }
}
