//! HOT053 function-with-extra-keys.

use super::calls;
use crate::diagnostics::finding::FindingKind;
use crate::lint::{Context, Rule};

/// ## What it does
/// Reports a mapping that has a function name as a key next to other
/// keys, such as `{get_param: name, default: x}`.
///
/// ## Why is this bad?
/// Heat calls a function only when it is the mapping's one key; with
/// other keys the whole mapping is plain data, passed on as it is. Heat
/// accepts the template, and the property gets `{"get_param": "name",
/// ...}` instead of the parameter's value.
///
/// ## Example
/// ```yaml
/// heat_template_version: 2021-04-16
/// resources:
///   val:
///     type: OS::Heat::Value
///     properties:
///       value:
///         get_param: OS::stack_name
///         description: the stack's name
/// ```
///
/// Use instead:
/// ```yaml
/// heat_template_version: 2021-04-16
/// resources:
///   val:
///     type: OS::Heat::Value
///     properties:
///       # the stack's name
///       value: {get_param: OS::stack_name}
/// ```
pub(crate) struct FunctionWithExtraKeys;

impl Rule for FunctionWithExtraKeys {
    fn check(&self, cx: &mut Context<'_>) {
        let root = cx.root;
        let version = cx.version;
        let mut found = Vec::new();
        calls::for_each_value(root, &mut |place, value| {
            let Some(fields) = value.as_map() else {
                return;
            };
            if fields.len() < 2 {
                return;
            }
            let is_function = |k: &str| calls::is_function(k, place.scope, version);
            let Some((key, name)) = fields
                .iter()
                .find_map(|(k, _)| k.as_str().filter(|s| is_function(s)).map(|s| (k, s)))
            else {
                return;
            };
            let others = fields
                .iter()
                .filter(|(k, _)| k.span != key.span)
                .map(|(k, _)| crate::lint::view::name(k, cx.src))
                .collect();
            found.push((
                FindingKind::FunctionWithExtraKeys {
                    name: name.to_owned(),
                    others,
                },
                key.span,
            ));
        });
        for (kind, span) in found {
            cx.report(kind, span);
        }
    }
}
