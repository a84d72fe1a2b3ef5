//! HOT055 unused-condition.

use super::condition_refs::condition_refs;
use super::definitions;
use crate::diagnostics::finding::FindingKind;
use crate::lint::{Context, Rule};

/// ## What it does
/// Reports a condition of the `conditions` section that no resource,
/// output, `if` or other condition refers to.
///
/// ## Why is this bad?
/// Heat evaluates it and throws the result away. It is usually left over,
/// or the resource meant to use it names it wrongly.
///
/// ## Example
/// ```yaml
/// heat_template_version: 2021-04-16
/// conditions:
///   is_prod: true
/// resources:
///   val:
///     type: OS::Heat::Value
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
pub(crate) struct UnusedCondition;

impl Rule for UnusedCondition {
    fn check(&self, cx: &mut Context<'_>) {
        let root = cx.root;
        let used: Vec<&str> = condition_refs(root, &cx.call_sites())
            .into_iter()
            .map(|(name, _)| name)
            .collect();
        for (key, _) in definitions(root, "conditions") {
            let Some(name) = key.as_str() else {
                continue;
            };
            if !used.contains(&name) {
                cx.report(
                    FindingKind::UnusedCondition {
                        name: name.to_owned(),
                    },
                    key.span,
                );
            }
        }
    }
}
